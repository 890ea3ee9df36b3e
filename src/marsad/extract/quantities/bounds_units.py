"""What a number says about the amount: its bound (qualifier words) and its unit.

Bounds (gold README «figures»), matched on the normalized text right before the number
(a clitic و/ف/ب/ل may be attached to the first word: «بنحو»، «وأكثر من»):

- ``approx``: نحو، زهاء، قرابة، حوالي، ما يقارب، ما يقرب من، ما يناهز، في حدود، ناهز، قارب;
  after the amount: تقريبا;
- ``more_than``: أكثر من، ما يربو على، يزيد على/عن، يفوق، ما يتجاوز، أزيد من، فوق،
  and the past verbs تجاوز، تخطى، فاق، تعدى («تجاوز عدد القتلى 100»);
  after: ونيف;
- ``less_than``: أقل من، ما يقل عن، دون، ما دون;
- ``at_least``: ما لا يقل عن، على الأقل (before or after), فأكثر، أو أكثر، فما فوق;
- ``at_most``: لا يتجاوز/لا تتجاوز، لا يزيد على، حتى، على الأكثر، كحد أقصى;
- ``vague``: عشرات، مئات، آلاف with no number (decided by the figures component).

Negated forms are listed before the plain ones so «لا يتجاوز» is never read as
«يتجاوز».  Units map the singular lemma of the word after the number to a short code.
"""

from __future__ import annotations

import re

from marsad.text.normalize import fold

_BEFORE: list[tuple[str, str]] = [
    ("ما لا يقل عن", "at_least"), ("ما لا تقل عن", "at_least"), ("لا يقل عن", "at_least"),
    ("مالا يقل عن", "at_least"), ("مالا تقل عن", "at_least"),
    ("لا تقل عن", "at_least"), ("على الأقل", "at_least"), ("بحد أدنى", "at_least"),
    ("كحد أدنى", "at_least"),
    ("ما لا يتجاوز", "at_most"), ("لا يتجاوز", "at_most"), ("لا تتجاوز", "at_most"),
    ("لا يتعدى", "at_most"), ("لا تتعدى", "at_most"), ("ما لا يزيد على", "at_most"),
    ("ما لا يزيد عن", "at_most"), ("لا يزيد على", "at_most"), ("لا يزيد عن", "at_most"),
    ("لا تزيد على", "at_most"), ("لا تزيد عن", "at_most"), ("على الأكثر", "at_most"),
    ("بحد أقصى", "at_most"), ("كحد أقصى", "at_most"), ("حتى", "at_most"),
    ("أكثر من", "more_than"), ("ما يربو على", "more_than"), ("ما يربو عن", "more_than"),
    ("يربو على", "more_than"), ("تربو على", "more_than"), ("ما يزيد على", "more_than"),
    ("ما يزيد عن", "more_than"), ("يزيد على", "more_than"), ("يزيد عن", "more_than"),
    ("تزيد على", "more_than"), ("تزيد عن", "more_than"), ("ما يفوق", "more_than"),
    ("يفوق", "more_than"), ("تفوق", "more_than"), ("ما يتجاوز", "more_than"),
    ("يتجاوز", "more_than"), ("تتجاوز", "more_than"), ("ما يتعدى", "more_than"),
    ("يتعدى", "more_than"), ("أزيد من", "more_than"), ("فوق", "more_than"),
    ("تجاوز", "more_than"), ("تجاوزت", "more_than"), ("تخطى", "more_than"),
    ("تخطت", "more_than"), ("يتخطى", "more_than"), ("تتخطى", "more_than"),
    ("فاق", "more_than"), ("فاقت", "more_than"), ("تعدى", "more_than"),
    ("ما يقل عن", "less_than"), ("يقل عن", "less_than"), ("تقل عن", "less_than"),
    ("أقل من", "less_than"), ("ما دون", "less_than"), ("دون", "less_than"),
    ("نحو", "approx"), ("زهاء", "approx"), ("قرابة", "approx"), ("حوالي", "approx"),
    ("حوالى", "approx"), ("ما يقارب", "approx"), ("يقارب", "approx"), ("تقارب", "approx"),
    ("ما يقرب من", "approx"), ("يقرب من", "approx"), ("ما يناهز", "approx"),
    ("يناهز", "approx"), ("تناهز", "approx"), ("في حدود", "approx"), ("قرابه", "approx"),
    ("ما يقارب من", "approx"), ("تقريبا", "approx"), ("ناهز", "approx"), ("ناهزت", "approx"),
    ("قارب", "approx"), ("قاربت", "approx"),
]
_AFTER: list[tuple[str, str]] = [
    ("تقريبا", "approx"), ("على وجه التقريب", "approx"),
    ("على الأقل", "at_least"), ("فأكثر", "at_least"), ("أو أكثر", "at_least"),
    ("فما فوق", "at_least"), ("وما فوق", "at_least"), ("كحد أدنى", "at_least"),
    ("بحد أدنى", "at_least"),
    ("على الأكثر", "at_most"), ("أو أقل", "at_most"), ("فأقل", "at_most"),
    ("كحد أقصى", "at_most"), ("بحد أقصى", "at_most"),
    ("ونيف", "more_than"), ("ونيفا", "more_than"), ("ونيفاً", "more_than"),
]


def _alternation(phrases: list[tuple[str, str]]) -> str:
    items = sorted({fold(p) for p, _ in phrases}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in items)


_BOUND_OF: dict[str, str] = {}
for _p, _b in _BEFORE + _AFTER:
    _BOUND_OF.setdefault(re.sub(r"\s+", " ", fold(_p)), _b)

#: a qualifier ending right where the number starts (clitics و ف ب ل on its first word)
BEFORE_RE = re.compile(r"(?:(?<=\s)|^|(?<=[«\"“(]))(?:[وفبل]{1,2})?(" + _alternation(_BEFORE)
                       + r")\s*$")
AFTER_RE = re.compile(r"^\s*[،,]?\s*(" + _alternation(_AFTER) + r")(?![\u0621-\u064a])")
#: the preposition «بين … و …» / «من … إلى …» that opens a range
RANGE_OPEN_RE = re.compile(r"(?:(?<=\s)|^)(?:ما\s+)?(بين|من)\s*$")


def bound_before(text_before: str) -> tuple[str, int] | None:
    """The bound a qualifier right before a number gives, and where that qualifier starts
    (an index into ``text_before``, a slice of the normalized text)."""
    m = BEFORE_RE.search(text_before[-40:])
    if not m:
        return None
    phrase = re.sub(r"\s+", " ", m.group(1))
    offset = len(text_before) - len(text_before[-40:])
    return _BOUND_OF[phrase], offset + m.start()


def bound_after(text_after: str) -> tuple[str, int] | None:
    """The bound a qualifier right after a figure gives, and its length in ``text_after``."""
    m = AFTER_RE.match(text_after[:40])
    if not m:
        return None
    return _BOUND_OF[re.sub(r"\s+", " ", m.group(1))], m.end()


_UNITS: dict[str, str] = {
    "كيلومتر": "km", "كيلو متر": "km", "كلم": "km", "كم": "km", "كيلو": "km",
    "متر": "m", "ميل": "mile", "سنتيمتر": "cm", "مليمتر": "mm",
    "هكتار": "hectare", "دونم": "dunam", "فدان": "feddan",
    "طن": "tonne", "كيلوغرام": "kg", "كيلوجرام": "kg", "كغ": "kg", "كجم": "kg", "غرام": "g",
    "لتر": "litre", "برميل": "barrel", "ميغاواط": "MW",
    "ساعة": "hour", "يوم": "day", "أسبوع": "week", "شهر": "month", "عام": "year",
    "سنة": "year", "دقيقة": "minute", "ثانية": "second",
    "دولار": "USD", "يورو": "EUR", "روبل": "RUB", "ين": "JPY", "جنيه إسترليني": "GBP",
    "ليرة": "lira", "ريال": "riyal", "دينار": "dinar", "جنيه": "pound", "درهم": "dirham",
    "تومان": "IRR", "شيكل": "ILS", "شيقل": "ILS",
    "بالمئة": "percent", "بالمائة": "percent", "في المئة": "percent", "في المائة": "percent",
}
UNITS: dict[str, str] = {fold(k): v for k, v in _UNITS.items()}

#: currency + nationality adjective → ISO code
_CURRENCY_NATION: dict[tuple[str, str], str] = {
    ("ليرة", "سوري"): "SYP", ("ليرة", "لبناني"): "LBP", ("ليرة", "تركي"): "TRY",
    ("ريال", "سعودي"): "SAR", ("ريال", "يمني"): "YER", ("ريال", "قطري"): "QAR",
    ("ريال", "عماني"): "OMR", ("ريال", "إيراني"): "IRR", ("دينار", "عراقي"): "IQD",
    ("دينار", "أردني"): "JOD", ("دينار", "كويتي"): "KWD", ("دينار", "ليبي"): "LYD",
    ("دينار", "جزائري"): "DZD", ("دينار", "تونسي"): "TND", ("دينار", "بحريني"): "BHD",
    ("جنيه", "مصري"): "EGP", ("جنيه", "سوداني"): "SDG", ("جنيه", "إسترليني"): "GBP",
    ("درهم", "إماراتي"): "AED", ("درهم", "مغربي"): "MAD", ("دولار", "أمريكي"): "USD",
    ("دولار", "أميركي"): "USD",
}
CURRENCY_NATION: dict[tuple[str, str], str] = {
    (fold(a), fold(b)): v for (a, b), v in _CURRENCY_NATION.items()
}
SQUARE_WORDS = {fold(w) for w in ("مربع", "مربعا", "مربعة", "مربعات", "مربعاً")}
SQUARED = {"km": "km2", "m": "m2", "mile": "mile2"}


def unit_of(lemma: str) -> str | None:
    """The unit code of a singular lemma (كيلومتر → km), or None for a counted noun."""
    return UNITS.get(fold(lemma))
