"""The ``dates`` pipeline component: every date expression, resolved to YYYY[-MM[-DD]].

Rules (gold README «dates»), all matched on the normalized text and mapped back:

- day + month (+ year): «25 أيار»، «الـ 30 من كانون الأول»، «12 ديسمبر/كانون الأول 2016»،
  «الأول من أيار», ranges «29 و30 من أيار»، «29 – 30 ماي»، «ال 8 وال 12 من الشهر الجاري»
  (``value`` the first day, ``end_value`` the last), optionally introduced by a weekday or
  by يوم/ليلة/صباح/مساء/فجر, which belong to the span;
- month + year «أيار 2017», month + relative word «أيار الماضي» (the last May before
  publication), «شهر أيار»;
- a year: «العام 2017»، «عام 2016»، «في 2015», ranges «بين عامي 2011 و2014»;
- numeric dates 12/12/2016 (day first) and 2016-12-12;
- Hijri dates with their year (15 شعبان 1438 هـ), converted with hijridate;
- relative expressions resolved against ``doc.published``: اليوم، أمس، أول أمس، البارحة،
  غدا، الخميس الماضي/المقبل (a weekday alone is the last one on or before publication),
  الشهر الماضي/الجاري/المقبل، العام الماضي/الجاري، منذ 3 أيام، قبل عامين، الربيع المقبل;
- a day-month with no year takes the year that puts it at or before publication
  (strictly before with الماضي, after with المقبل, the next one within half a year when
  its clause speaks of the future, the year of its weekday when it names one);
- weeks run Monday to Sunday (الأسبوع الماضي), a night spans two days (ليلة الخميس –
  الجمعة);
- with no publication date, relative expressions resolve against the day the text gives
  for itself (:func:`text_anchor`); what still cannot be resolved is left out of
  ``doc.dates`` (kept as spans in ``doc.meta["unresolved_dates"]``).

``relative`` is true when the expression needs the publication date for a part the text
names relatively (الماضي، أمس، الشهر الجاري …), false for dates the text fixes itself.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from marsad.document import DateMention, Document
from marsad.extract.quantities.months import (
    AMBIGUOUS_MONTHS,
    HIJRI_MONTHS,
    MONTHS,
    ORDINAL_DAYS,
    RELATIVE,
    SEASONS,
    WEEKDAYS,
    alternation,
    hijri_month_number,
    month_number,
)
from marsad.pipeline import component
from marsad.text.normalize import NormalizedText

_L = r"(?<![\u0621-\u064a\d])"  # left word boundary (Arabic letters and digits)
_R = r"(?![\u0621-\u064a\d])"  # right word boundary

_MONTH = f"(?:{alternation(MONTHS)})"
#: «ديسمبر/كانون الأول», «كانون الثاني (يناير)», «أيار مايو»: the first name is kept
_MONTH_PAIR = (rf"(?P<m1>{_MONTH})(?:\s*[/\\\-–&]\s*{_MONTH}{_R}|\s*\(\s*{_MONTH}\s*\)|"
               rf"\s+{_MONTH}{_R})?")
_REL = (rf"(?:\s+(?P<rel>{alternation(RELATIVE)}){_R}|\s+من\s+(?:العام|السنه)\s+"
        rf"(?P<yrel>{alternation(RELATIVE)}){_R})?")
_WEEKDAY = f"(?:{alternation(WEEKDAYS)})"
_TIME_OF_DAY = r"(?:يوم|ليله|ليلتي|ليل|صباح|مساء|فجر|ظهر|ظهيره|عصر|نهار|منتصف\s+ليل)"
_PREFIX = (rf"(?:{_TIME_OF_DAY}\s*[-–]?\s*)?(?:(?:يوم\s+)?(?P<wd>{_WEEKDAY})\s*[،,\-–]?\s*"
           r"(?:الموافق\s+)?"
           rf"(?:{_TIME_OF_DAY}\s*)?)?")
_ORD = f"(?:{alternation(ORDINAL_DAYS)})"
_DAY = rf"(?:(?:ال\s*)?(?P<d1>\d{{1,2}})|(?P<d1o>{_ORD}))"
_DAY2 = r"(?:\s*(?:و\s*(?:ال\s*)?|[-–—]\s*|(?:الي|حتي)\s+(?:ال\s*)?)(?P<d2>\d{1,2}))?"
_OF = r"(?:\s*/)?(?:\s*من)?(?:\s*(?:شهر|الشهر))?\s*"
_YEAR = (r"(?:\s*[,،/]?\s*(?:من\s+)?(?:(?:ال|ل)?عام\s+|(?:ال|ل)?سنه\s+)?(?P<y>(?:1[5-9]|20)\d\d)(?!\d)"
         r"(?:\s*م" + _R + ")?)?")  # after a day and a month, historical years too (18 يناير 1883)
_MONTH_REF = (rf"(?:{_MONTH_PAIR}|(?P<thism>الشهر|هذا\s+الشهر)(?P<same>\s+(?:نفسه|ذاته))?|"
              r"(?P<cur>الجاري|الحالي)(?![\u0621-\u064a]))")

DAY_MONTH_RE = re.compile(
    r"(?:(?<![\u0621-\u064a\d])|(?<=(?<![\u0621-\u064a])و)(?=\d))" + _PREFIX + _DAY + _DAY2 + _OF + _MONTH_REF + _R + _YEAR + _REL
)
MONTH_DAY_YEAR_RE = re.compile(  # «يناير 21 , 2018»
    _L + _MONTH_PAIR + r"\s+(?P<d>\d{1,2})\s*[,،]?\s*(?P<y>(?:19|20)\d\d)" + _R
)
PAREN_YEAR_RE = re.compile(r"\(\s*(?P<y>(?:19|20)\d\d)\s*\)")
MONTH_YEAR_RE = re.compile(
    _L + r"(?:(?:شهر|شهري)\s+)?" + _MONTH_PAIR + _R + r"\s*[,،]?\s*(?:من\s+)?(?:(?:ال|ل)?عام\s+)?"
    r"(?P<y>(?:19|20)\d\d)(?:\s*م" + _R + ")?" + _R
)
#: «شهري سبتمبر (أيلول) وأكتوبر (تشرين الأول) عام 2011», «في أيار وحزيران 2016»: two
#: months sharing one year make a range of months
_MONTH_PAIR2 = _MONTH_PAIR.replace("(?P<m1>", "(?P<m2>")
MONTH_LIST_YEAR_RE = re.compile(
    _L + r"(?:(?:شهري|شهر)\s+)?" + _MONTH_PAIR + _R + r"\s*(?:و|الي|حتي|[-–])\s*" + _MONTH_PAIR2
    + _R + r"\s*[,،]?\s*(?:من\s+)?(?:(?:ال|ل)?عام\s+)?(?P<y>(?:19|20)\d\d)(?:\s*م" + _R + ")?" + _R
)
MONTH_REL_RE = re.compile(
    _L + r"(?P<shahr>[لبو]?(?:شهر|شهري)\s+)?" + _MONTH_PAIR + _R + _REL
)
_BARE_MONTH_CONTEXT = (r"(?:في|خلال|منذ|مطلع|اوائل|اواخر|اواسط|منتصف|نهايه|بدايه|حتي|مع|قبل|بعد|"
                       r"من|الي|اخر|اول)")
_HIJRI_MARK_AFTER = r"(?!\s*(?:ه|هجري|هجريه|للهجره)(?![\u0621-\u064a]))"
#: after «عام/سنة» a four-digit number is a year, historical ones too (عام 1535)
_ANY_YEAR = r"(?:1\d\d\d|20\d\d)"
YEAR_RE = re.compile(
    _L + r"(?:(?:[وفبل]?(?:ال)?(?:عام|سنه|عامي|سنتي)))\s*(?P<y>" + _ANY_YEAR + ")" + _R
    + _HIJRI_MARK_AFTER
    + r"(?:\s*(?:و\s*|[-–]\s*|(?:الي|حتي)\s+)(?P<y2>" + _ANY_YEAR + ")" + _R
    + _HIJRI_MARK_AFTER + ")?"
    + r"(?:\s*م" + _R + ")?"
)
BARE_YEAR_RE = re.compile(
    _L + r"(?P<ctx>(?:[وف]?(?:في|منذ|حتي|خلال|مطلع|اوائل|اواخر|اواسط|منتصف|نهايه|بدايه|قبل|بعد|"
    r"ربيع|صيف|خريف|شتاء))\s+)(?P<y>(?:19|20)\d\d)" + _R + r"(?P<after>\s*\S*)"
)
_SEP = r"\s?[/.\-]\s?"
NUMERIC_RE = re.compile(
    r"(?:(?:يوم\s+)?(?:" + _WEEKDAY + r")\s*[،,]?\s*)?"
    r"(?<![\d/.\-])(?:(?P<d>\d{1,2})" + _SEP + r"(?P<m>\d{1,2})" + _SEP + r"(?P<y>(?:19|20)\d\d)|"
    r"(?P<y2>(?:19|20)\d\d)" + _SEP + r"(?P<m2>\d{1,2})" + _SEP + r"(?P<d2>\d{1,2}))"
    r"(?![\d/\-])(?!\.\d)"
)
HIJRI_NUMERIC_RE = re.compile(
    r"(?:(?:يوم\s+)?(?:" + _WEEKDAY + r")\s*[،,]?\s*)?"
    r"(?<![\d/.\-])(?:(?P<y>1[34]\d\d)" + _SEP + r"(?P<m>\d{1,2})" + _SEP + r"(?P<d>\d{1,2})|"
    r"(?P<d2>\d{1,2})" + _SEP + r"(?P<m2>\d{1,2})" + _SEP + r"(?P<y2>1[34]\d\d))"
    r"(?:\s*(?P<mark>هـ|ه|هجري|هجريه)" + _R + r")?(?![\d/\-])"
)
#: the rest of a pattern from its first required part on (below, ``*_CORE``): what
#: every match contains, searched for first (find_dates skips a text without one)
_YEAR_RANGE_CORE = (r"(?P<y>(?:19|20)\d\d)" + _R + r"\s*(?:و\s*|[-–]\s*|(?:الي|حتي)\s+)"
                    r"(?:(?:ال)?(?:عام|سنه)\s+)?(?P<y2>(?:19|20)\d\d)" + _R)
YEAR_RANGE_RE = re.compile(
    _L + r"(?:(?:ما\s+)?(?:بين|من)\s+)?(?:[وفبل]?(?:ال)?(?:عامي|سنتي|عام|سنه)\s+)?" + _YEAR_RANGE_CORE
)
_NO_NOUN_AFTER = (
    r"(?=\s*(?:$|[^\s\u0621-\u064a\d]|(?:[وف]?(?:ابان|في|خلال|حين|عندما|ثم|حيث|م|ميلادي|"
    r"ميلاديه|للميلاد|قبل|بعد|علي|الي|عن|تحت|ضد|اثناء|فتره|حتي|اي|وهي|وهو|كان|كانت)"
    r"(?![\u0621-\u064a]))))"
)
#: «بين 1535 و1538 إبان …»: two historical years joined as a range, when no counted noun
#: follows (that would make it an amount: «بين 1500 و1600 مقاتل»)
_OLD_YEAR_RANGE_CORE = (r"(?:بين|من)\s+(?P<y>1\d\d\d)" + _R + _HIJRI_MARK_AFTER
                        + r"\s*(?:و\s*|[-–]\s*|(?:الي|حتي)\s+)(?P<y2>1\d\d\d|20\d\d)" + _R
                        + _HIJRI_MARK_AFTER + _NO_NOUN_AFTER)
OLD_YEAR_RANGE_RE = re.compile(_L + r"(?:ما\s+)?" + _OLD_YEAR_RANGE_CORE)
#: «في 1601»، «منذ 1948»: a bare historical year after a time preposition
_OLD_BARE_YEAR_CORE = (r"(?:في|منذ|حتي|مطلع|اوائل|اواخر|اواسط|منتصف|نهايه|بدايه)\s+(?P<y>1\d\d\d)" + _R
                       + _HIJRI_MARK_AFTER + _NO_NOUN_AFTER)
OLD_BARE_YEAR_RE = re.compile(_L + r"[وف]?" + _OLD_BARE_YEAR_CORE)
_HMONTH = f"(?:{alternation(HIJRI_MONTHS)})"
_HIJRI_CORE = (r"(?P<hm>" + _HMONTH + r")" + _R + r"\s*(?:من\s+)?(?:عام\s+|سنه\s+)?(?P<y>1[34]\d\d)" + _R
               + r"(?:\s*(?P<mark>هـ|ه|هجري|هجريه|للهجره)" + _R + ")?")
HIJRI_RE = re.compile(
    _L + r"(?:(?:يوم\s+)?" + _WEEKDAY + r"\s*[،,\-–]?\s*)?(?:(?P<d1>\d{1,2})(?:\s*من)?\s+)?(?:شهر\s+)?"
    + _HIJRI_CORE
)
_DAY_WORD = (r"(?P<word>اول\s+من\s+امس|اول\s+امس|امس\s+الاول|الليله\s+الماضيه|امس|الامس|"
             r"البارحه|اليوم|غدا|بعد\s+غد|الليله)")
RELATIVE_DAY_RE = re.compile(
    r"(?:(?<![\u0621-\u064a\d])|(?<=ا)(?=امس))"
    + rf"(?:{_TIME_OF_DAY}\s*[-–]?\s*)?(?:[وفب](?=امس|الامس|اليوم|البارحه|غدا))?"
    + _DAY_WORD + _R + rf"(?:\s*[،,]?\s*(?P<wd>{_WEEKDAY}){_R}|\s*\(\s*(?P<pwd>{_WEEKDAY})\s*\))?"
)
WEEKDAY_RE = re.compile(
    _L + r"(?:(?:[وفل]?يوم|ليله|صباح|مساء|فجر)\s+)?[وف]?(?P<wd>" + _WEEKDAY + ")" + _R + _REL
)
PERIOD_RE = re.compile(
    _L + r"(?:[وفبل]?(?P<unit>الشهر|العام|السنه|الاسبوع))\s+(?P<rel>" + alternation(RELATIVE)
    + r"|قبل\s+الماضي|قبل\s+الماضيه)" + _R
    + r"|" + _L + r"(?P<this>هذا\s+(?P<unit2>الشهر|العام|الاسبوع)|هذه\s+(?P<unit3>السنه))" + _R
)
#: «ليلة الخميس – الجمعة», «ليل الخميس على الجمعة»: a night spanning two days
NIGHT_RE = re.compile(
    _L + r"[وفب]?(?:ليله|ليل)\s+(?P<wd>" + _WEEKDAY + r")\s*(?:[-–—/]|علي|الي|و)?\s*(?P<wd2>"
    + _WEEKDAY + ")" + _R
)
_AGO_UNITS = {
    "يوم": "day", "ايام": "day", "يوما": "day", "اسبوع": "week", "اسابيع": "week",
    "اسبوعا": "week", "شهر": "month", "اشهر": "month", "شهور": "month", "شهرا": "month",
    "عام": "year", "اعوام": "year", "عاما": "year", "سنه": "year", "سنوات": "year",
    "سنين": "year",
}
_AGO_DUALS = {"يومين": ("day", 2), "اسبوعين": ("week", 2), "شهرين": ("month", 2),
              "عامين": ("year", 2), "سنتين": ("year", 2)}
AGO_RE = re.compile(
    _L + r"(?:[وف]?(?:منذ|قبل))\s+(?:(?P<n>\d{1,3}|[\u0621-\u064a]+)\s+(?P<unit>"
    + alternation(_AGO_UNITS) + r")|(?P<dual>" + alternation(_AGO_DUALS) + r"))" + _R
)
_SEASON_CORE = r"(?P<season>" + alternation(SEASONS) + r")\s+(?P<rel>" + alternation(RELATIVE) + r")" + _R
SEASON_RE = re.compile(_L + _SEASON_CORE)
#: looser patterns that every match of a pattern above also matches at some position
#: (its left boundary, optional openings and optional endings left out; «ال» before a
#: day's digits too): a text none of them finds in cannot hold a match of that pattern
_DAY_MONTH_LOOSE = (r"(?:\d{1,2}|" + _ORD + ")" + _DAY2.replace("(?P<d2>", "(?:") + _OF + _MONTH_REF + _R)
_WEEKDAY_LOOSE = _WEEKDAY + _R
_PERIOD_LOOSE = (r"(?:الشهر|العام|السنه|الاسبوع)\s+(?:" + alternation(RELATIVE) + r"|قبل\s+الماضي|قبل\s+الماضيه)"
                 + _R + r"|(?:هذا\s+(?:الشهر|العام|الاسبوع)|هذه\s+(?:السنه))" + _R)
_AGO_LOOSE = (r"(?:منذ|قبل)\s+(?:(?:\d{1,3}|[\u0621-\u064a]+)\s+(?:" + alternation(_AGO_UNITS)
              + r")|(?:" + alternation(_AGO_DUALS) + r"))" + _R)
_TODAY_IN_NAMES = {"روسيا", "راي", "المصري", "فلسطين", "سوريا", "لبنان", "العراق", "صحيفه",
                   "جريده", "قناه", "حلب"}
#: «اليوم» followed by these is "the day …", not today
_NOT_TODAY_AFTER = re.compile(
    r"\s*ال\s*[-–]?\s*\d|\s+(?:التالي|السابق|الموالي|الاخير|الاخر|الذي|نفسه|ذاته|عينه|الواحد|الكامل|الاول|"
    r"الثاني|الثالث|الرابع|الخامس|السادس|السابع|الثامن|التاسع|العاشر|الحادي|الاحد\s+عشر|"
    r"ال[\u0621-\u064a]{2,}ي(?!\s*عشر)|[\u0621-\u064a]*يوم)(?![\u0621-\u064a])"
)


@dataclass
class _Found:
    start: int  # normalized offsets
    end: int
    value: str | None
    end_value: str | None
    relative: bool
    priority: int = 0
    wd: int | None = None  # the weekday the expression names (الجمعة 22 ديسمبر)
    md: tuple[int, int, int | None] | None = None  # (month, day, last day) of a year-less day


def _fmt(d: dt.date) -> str:
    return d.isoformat()


def _ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _valid(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


#: a future verb or a word of plans before a year-less date: it is the next one
#: («سيعقد يومي 29 و30 يناير» in late December), otherwise the last one
_FUTURE_CUE = re.compile(
    r"(?<![\u0621-\u064a])(?:[وف]?(?P<verb>س[يتن][\u0621-\u064a]{2,6})|المقرر|مقرر|مقررا|مقرره|المزمع|"
    r"المرتقب|مرتقب|يعتزم|تعتزم|من\s+المتوقع|المنتظر|يرتقب)(?![\u0621-\u064a])"
)
#: words in سي/ست/سن that are not future verbs
_NOT_FUTURE = ("سيار", "سياس", "سيطر", "سياد", "سيد", "ستين", "سته", "ستو", "سنه", "سنو", "سنين",
               "سنت", "ستار", "سينا", "سيف", "سيل", "سين", "سني", "سيرت", "سيري", "سيول", "سيق",
               "سنغافور", "ستراتيج", "سيمفون", "سيك", "سيم", "سيه", "ستال", "ستان", "سنجار",
               "سيج", "سيت", "ستر", "سنا", "سنب", "سنج", "سند", "سنك", "سيبير", "ستوكهولم")


def future_cue(text: str, start: int) -> bool:
    """A future verb or a word of plans in the clause before ``start``."""
    left = text[max(0, start - 70):start]
    cut = max(left.rfind("."), left.rfind("\n"), left.rfind("،"), left.rfind(","))
    for m in _FUTURE_CUE.finditer(left[cut + 1:]):
        verb = m.group("verb")
        if verb is None or not verb.startswith(_NOT_FUTURE):
            return True
    return False


def _year_for_day(pub: dt.date, m: int, d: int, rel: int | None, wd: int | None = None,
                  future: bool = False, last_day: int | None = None) -> int:
    """The year that puts day ``d`` of month ``m`` where the text's relation says.

    With no relation: the last occurrence at or before publication, or the next one at
    or after it (a week's slack: a visit «ما بين 17 و20 شباط» may be under way; at most
    half a year ahead) when the clause speaks of the future; a weekday named with it
    («الجمعة 22 ديسمبر») picks the nearest year in which that day is that weekday."""
    y = pub.year
    if rel == 0:
        return y
    if rel is None and wd is not None:
        fits = [c for c in (y - 1, y, y + 1)
                if _valid(c, m, d) and dt.date(c, m, d).weekday() == wd]
        if fits:
            return min(fits, key=lambda c: abs((dt.date(c, m, d) - pub).days))
    if rel is None:
        if future:
            last = last_day or d
            ok = _valid(y, m, last) and dt.date(y, m, last) >= pub - dt.timedelta(days=7)
            nxt = y if ok else y + 1
            # a plan half a year away or more would name its year: then it is past
            if _valid(nxt, m, d) and (dt.date(nxt, m, d) - pub).days <= 183:
                return nxt
        return y if (m, d) <= (pub.month, pub.day) else y - 1
    if rel < 0:
        return y if (m, d) < (pub.month, pub.day) else y - 1
    return y if (m, d) > (pub.month, pub.day) else y + 1


def _year_for_month(pub: dt.date, m: int, rel: int | None, future: bool = False) -> int:
    y = pub.year
    if rel is None:
        if future:
            nxt = y if m >= pub.month else y + 1
            if (nxt * 12 + m) - (y * 12 + pub.month) <= 6:
                return nxt
        return y if m <= pub.month else y - 1
    if rel == 0:
        return y
    if rel < 0:
        return y if m < pub.month else y - 1
    return y if m > pub.month else y + 1


def _parse_pub(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


_PERIOD_PARTS = {"الاسبوع", "النصف", "الربع", "الثلث", "العشر", "العقد", "الاسبوعين", "الشهر",
                 "الاسابيع", "الايام", "اليوم", "الفصل"}


def _day_month(m: re.Match[str], pub: dt.date | None, text: str = "") -> _Found | None:
    if m.group("d1o") and not m.group("wd"):
        before = text[max(0, m.start() - 12):m.start()].split()
        if before and before[-1] in _PERIOD_PARTS:
            # «الأسبوع الأول من سبتمبر», «النصف الثاني من نيسان»: a part of the month
            found = _month_only(m, pub)
            if found is not None:
                found.start = m.start() - len(before[-1]) - 1
            return found
    d1 = int(m.group("d1")) if m.group("d1") else ORDINAL_DAYS[re.sub(r"\s+", " ", m.group("d1o"))]
    d2 = int(m.group("d2")) if m.group("d2") else None
    if d2 is not None and d2 <= d1:
        return None
    rel_word = m.group("rel")
    rel = RELATIVE[rel_word] if rel_word else None
    wd = WEEKDAYS[m.group("wd")] if m.group("wd") else None
    if m.group("same"):
        # «في 13 من الشهر نفسه»: a day of a month named before; kept as a span only
        return _Found(m.start(), m.end(), None, None, True, priority=3)
    if m.group("thism") or m.group("cur"):  # «29 و30 الجاري»: this month
        if rel is None and m.group("thism") and not m.group("thism").startswith("هذا"):
            return None
        if pub is None:
            return _Found(m.start(), m.end(), None, None, True)
        y, mon = _shift_month(pub.year, pub.month, rel or 0)
        relative = True
    else:
        mon = month_number(m.group("m1")) or 0
        if m.group("y"):
            y = int(m.group("y"))
            relative = False
        elif pub is None:
            md = (mon, d1, d2) if rel is None and not m.group("yrel") else None
            return _Found(m.start(), m.end(), None, None, True, priority=3, wd=wd, md=md)
        elif m.group("yrel"):
            y, relative = pub.year + RELATIVE[m.group("yrel")], True  # «من العام الماضي»
        else:
            y = _year_for_day(pub, mon, d1, rel, wd, future_cue(text, m.start()), d2)
            relative = rel is not None
    if not _valid(y, mon, d1) or (d2 is not None and not _valid(y, mon, d2)):
        return None
    value = _fmt(dt.date(y, mon, d1))
    end_value = _fmt(dt.date(y, mon, d2)) if d2 is not None else None
    return _Found(m.start(), m.end(), value, end_value, relative, priority=3, wd=wd)


def _month_only(m: re.Match[str], pub: dt.date | None) -> _Found | None:
    """The month of a day-month match, without its day."""
    if m.group("thism") or m.group("cur"):
        return None
    mon = month_number(m.group("m1")) or 0
    rel_word = m.group("rel")
    rel = RELATIVE[rel_word] if rel_word else None
    if m.group("y"):
        return _Found(m.start(), m.end(), _ym(int(m.group("y")), mon), None, False, priority=3)
    if pub is None:
        return _Found(m.start(), m.end(), None, None, True, priority=3)
    y = _year_for_month(pub, mon, rel)
    return _Found(m.start(), m.end(), _ym(y, mon), None, rel is not None, priority=3)


def _month_year(m: re.Match[str]) -> _Found | None:
    mon = month_number(m.group("m1")) or 0
    return _Found(m.start(), m.end(), _ym(int(m.group("y")), mon), None, False, priority=2)


def _month_rel(m: re.Match[str], text: str, pub: dt.date | None) -> _Found | None:
    name = re.sub(r"\s+", " ", m.group("m1"))
    mon = month_number(name) or 0
    rel_word = m.group("rel")
    rel = RELATIVE[rel_word] if rel_word else None
    if m.group("yrel"):
        if pub is None:
            return _Found(m.start(), m.end(), None, None, True)
        y = pub.year + RELATIVE[m.group("yrel")]
        return _Found(m.start(), m.end(), _ym(y, mon), None, True, priority=1)
    if rel is None:
        # a bare month name counts after «شهر» or a time preposition, and never an
        # ambiguous one (مارس "practised", آب/أب "father") without a relative word
        before = re.findall(r"[\u0621-\u064a]+", text[max(0, m.start() - 14):m.start()])
        context = m.group("shahr") or (before and re.fullmatch(
            "[وف]?" + _BARE_MONTH_CONTEXT, before[-1]))
        paired = re.match(r"\s*[/\\\-–&(]?\s*" + _MONTH + _R, text[m.end("m1"):m.end()])
        if not context or (name in AMBIGUOUS_MONTHS and not m.group("shahr") and not paired):
            return None
    if pub is None:
        return _Found(m.start(), m.end(), None, None, True)
    y = _year_for_month(pub, mon, rel, future_cue(text, m.start()))
    return _Found(m.start(), m.end(), _ym(y, mon), None, rel is not None, priority=1)


def _hijri(m: re.Match[str]) -> _Found | None:
    from hijridate import Hijri

    y = int(m.group("y"))
    if not m.group("mark") and not 1300 <= y <= 1500:
        return None
    hm = hijri_month_number(m.group("hm")) or 0
    d = int(m.group("d1")) if m.group("d1") else None
    try:
        g = Hijri(y, hm, d or 1).to_gregorian()
    except (ValueError, OverflowError):
        return None
    if d is None:
        return _Found(m.start(), m.end(), _ym(g.year, g.month), None, False, priority=3)
    return _Found(m.start(), m.end(), _fmt(dt.date(g.year, g.month, g.day)), None, False,
                  priority=3)


_DAY_OFFSET = {"اليوم": 0, "الليله": 0, "امس": -1, "الامس": -1, "البارحه": -1, "غدا": 1,
               "الليله الماضيه": -1}


def _relative_day(m: re.Match[str], text: str, pub: dt.date | None) -> _Found | None:
    word = re.sub(r"\s+", " ", m.group("word"))
    if word == "اليوم" and not (m.group("wd") or m.group("pwd")) and \
            _NOT_TODAY_AFTER.match(text, m.end()):
        return None  # اليوم التالي، اليوم الأول، اليوم نفسه
    before = text[max(0, m.start() - 10):m.start()].split()
    if word == "اليوم" and before and before[-1] in _TODAY_IN_NAMES:
        return None  # روسيا اليوم، رأي اليوم: outlets
    if word in _DAY_OFFSET:
        off = _DAY_OFFSET[word]
    elif word == "بعد غد":
        off = 2
    else:  # أول أمس، أول من أمس، أمس الأول
        off = -2
    if pub is None:
        return _Found(m.start(), m.end(), None, None, True, priority=2)
    return _Found(m.start(), m.end(), _fmt(pub + dt.timedelta(days=off)), None, True, priority=2)


def _weekday(m: re.Match[str], text: str, pub: dt.date | None) -> _Found | None:
    wd = WEEKDAYS[m.group("wd")]
    rel_word = m.group("rel")
    rel = RELATIVE[rel_word] if rel_word else None
    before = text[max(0, m.start() - 8):m.start()].split()
    if rel is None and before and before[-1] in ("صلاه", "خطبه", "كل", "ايام", "صلاتي", "سوق"):
        return None
    wider = text[max(0, m.start() - 20):m.start()].split()
    if wd == 0 and rel is None and (
            (m.start("wd") - m.start() <= 1 and wider and (
                wider[-1] in ("بين", "كلا") or (wider[-1] == "من" and len(wider) > 1 and
                                                wider[-2] in ("مزيج", "اي", "ايا", "كل", "خليط", "اختيار"))))
            or re.match(r"\s+(?:معا|كليهما|كلاهما)(?![\u0621-\u064a])", text[m.end():])):
        return None  # «مزيج من الاثنين معا»: "the two", not Monday
    if wd == 0 and rel is None and not m.group(0).startswith(("يوم", "ويوم", "فيوم", "ليوم")):
        # «الاثنين» is also "the two": only after a verb-like word, not after a noun in ين/ان
        if before and before[-1].endswith(("ين", "ان")):
            return None
    if pub is None:
        return _Found(m.start(), m.end(), None, None, True, priority=1)
    diff = (pub.weekday() - wd) % 7
    if rel is not None and rel < 0:
        diff = diff or 7
        day = pub - dt.timedelta(days=diff)
    elif rel is not None and rel > 0:
        ahead = (wd - pub.weekday()) % 7 or 7
        day = pub + dt.timedelta(days=ahead)
    else:
        day = pub - dt.timedelta(days=diff)
    return _Found(m.start(), m.end(), _fmt(day), None, True, priority=1)


def _period(m: re.Match[str], pub: dt.date | None) -> _Found | None:
    unit = m.group("unit") or m.group("unit2") or m.group("unit3")
    if m.group("this"):
        k = 0
    else:
        rel_word = re.sub(r"\s+", " ", m.group("rel"))
        k = -2 if rel_word.startswith("قبل") else RELATIVE[rel_word]
    if pub is None:
        return _Found(m.start(), m.end(), None, None, True, priority=1)
    if unit == "الاسبوع":  # a week runs Monday to Sunday (the gold's «الأسبوع الماضي»)
        monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=k)
        return _Found(m.start(), m.end(), _fmt(monday), _fmt(monday + dt.timedelta(days=6)),
                      True, priority=1)
    if unit == "الشهر":
        y, mon = _shift_month(pub.year, pub.month, k)
        return _Found(m.start(), m.end(), _ym(y, mon), None, True, priority=1)
    return _Found(m.start(), m.end(), f"{pub.year + k:04d}", None, True, priority=1)


def _night(m: re.Match[str], pub: dt.date | None) -> _Found | None:
    wd, wd2 = WEEKDAYS[m.group("wd")], WEEKDAYS[m.group("wd2")]
    if (wd + 1) % 7 != wd2:
        return None
    if pub is None:
        return _Found(m.start(), m.end(), None, None, True, priority=2)
    last = pub - dt.timedelta(days=(pub.weekday() - wd2) % 7)
    return _Found(m.start(), m.end(), _fmt(last - dt.timedelta(days=1)), _fmt(last), True,
                  priority=2)


_FROM_THAT_DATE = re.compile(r"\s+(?:من|علي)\s+(?:هذا|ذلك|هذه|تلك|ذات|نفس)(?![\u0621-\u064a])")


def _ago(m: re.Match[str], pub: dt.date | None) -> _Found | None:
    from marsad.extract.quantities.numbers import UNITS as NUMBER_WORDS

    if m.group("dual"):
        unit, n = _AGO_DUALS[m.group("dual")]
    else:
        unit = _AGO_UNITS[m.group("unit")]
        raw = m.group("n")
        if raw.isdigit():
            n = int(raw)
        elif raw in NUMBER_WORDS:
            n = NUMBER_WORDS[raw]
        else:
            return None
    if pub is None or _FROM_THAT_DATE.match(m.string, m.end()):
        # «قبل يومين من هذا التاريخ»: counted from another date, not from publication
        return _Found(m.start(), m.end(), None, None, True, priority=2)
    if unit in ("day", "week"):
        days = n * (7 if unit == "week" else 1)
        return _Found(m.start(), m.end(), _fmt(pub - dt.timedelta(days=days)), None, True, 2)
    if unit == "month":
        y, mon = _shift_month(pub.year, pub.month, -n)
        return _Found(m.start(), m.end(), _ym(y, mon), None, True, priority=2)
    return _Found(m.start(), m.end(), f"{pub.year - n:04d}", None, True, priority=2)


def _season(m: re.Match[str], pub: dt.date | None) -> _Found | None:
    if pub is None:
        return _Found(m.start(), m.end(), None, None, True, priority=1)
    start_month = SEASONS[m.group("season")]
    rel = RELATIVE[m.group("rel")]
    y = _year_for_month(pub, start_month, rel if rel else 0)
    if rel < 0 and start_month <= pub.month and pub.month < start_month + 3:
        y -= 1  # «الصيف الماضي» said in summer is last year's
    return _Found(m.start(), m.end(), f"{y:04d}", None, True, priority=1)


_COPYRIGHT = re.compile(r"حقوق|copyright|©|\(c\)", re.IGNORECASE)
_WEEKDAY_AT = r"(?:يوم\s+)?(?P<wd>" + _WEEKDAY + ")"
_COUNTED_AFTER = re.compile(r"\s*[\u0621-\u064a]+ا$")


#: what every match of the patterns named contains: a year or any four digits (PAREN_YEAR,
#: MONTH_YEAR, MONTH_LIST_YEAR, MONTH_DAY_YEAR, HIJRI, NUMERIC, HIJRI_NUMERIC, YEAR_RANGE,
#: OLD_YEAR_RANGE, OLD_BARE_YEAR, YEAR, BARE_YEAR), three numbers joined by two separators
#: (NUMERIC, HIJRI_NUMERIC: the last digit of the first, the month, the first digit of the
#: last), a day before a year (MONTH_DAY_YEAR), a Hijri year (HIJRI)
_FOUR_DIGITS = re.compile(r"\d{4}")
_DIGIT_SEP_DIGIT_SEP_DIGIT = re.compile(r"\d" + _SEP + r"\d{1,2}" + _SEP + r"\d")
_DAY_YEAR = re.compile(r"\d\s*[,،]?\s*(?:19|20)\d\d")
_HIJRI_YEAR = re.compile(r"1[34]\d\d")
#: the *_CORE parts, each the end of its pattern from a first required word or number:
#: searched without the pattern's left boundary and optional openings, they let the
#: search skip ahead (on the first character) where the whole pattern cannot
_YEAR_RANGE_PART = re.compile(_YEAR_RANGE_CORE)
_OLD_YEAR_RANGE_PART = re.compile(_OLD_YEAR_RANGE_CORE)
_OLD_BARE_YEAR_PART = re.compile(_OLD_BARE_YEAR_CORE)
_HIJRI_PART = re.compile(_HIJRI_CORE)
_SEASON_PART = re.compile(_SEASON_CORE)
_DAY_MONTH_PART = re.compile(_DAY_MONTH_LOOSE)
_WEEKDAY_PART = re.compile(_WEEKDAY_LOOSE)
_PERIOD_PART = re.compile(_PERIOD_LOOSE)
_AGO_PART = re.compile(_AGO_LOOSE)


def _has(part: re.Pattern[str], text: str) -> bool:
    return part.search(text) is not None


def _finditer(pattern: re.Pattern[str], text: str, possible: bool) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, or nothing when ``possible`` says that ``text`` lacks
    what every match of ``pattern`` contains."""
    return pattern.finditer(text) if possible else iter(())


def find_dates(nt: NormalizedText, published: str | None) -> list[_Found]:
    """Every date expression in the normalized text, overlaps resolved (longest wins)."""
    text = nt.text
    pub = _parse_pub(published)
    found: list[_Found] = []

    def add(f: _Found | None) -> None:
        if f is not None:
            found.append(f)

    # most patterns need a year (four digits in a row), some a numeric date: a text
    # without one skips them (the same matches, no scan for nothing)
    year = _FOUR_DIGITS.search(text) is not None
    numeric = year and _DIGIT_SEP_DIGIT_SEP_DIGIT.search(text) is not None
    for m in _finditer(DAY_MONTH_RE, text, _has(_DAY_MONTH_PART, text)):
        add(_day_month(m, pub, text))
    for m in _finditer(MONTH_DAY_YEAR_RE, text, year and _DAY_YEAR.search(text) is not None):
        mon = month_number(m.group("m1")) or 0
        y, d = int(m.group("y")), int(m.group("d"))
        if _valid(y, mon, d):
            add(_Found(m.start(), m.end(), _fmt(dt.date(y, mon, d)), None, False, priority=3))
    for m in _finditer(PAREN_YEAR_RE, text, year):
        add(_Found(m.start("y"), m.end("y"), m.group("y"), None, False, priority=0))
    for m in _finditer(MONTH_LIST_YEAR_RE, text, year):
        m1, m2 = month_number(m.group("m1")) or 0, month_number(m.group("m2")) or 0
        if m1 < m2:
            y = int(m.group("y"))
            add(_Found(m.start(), m.end(), _ym(y, m1), _ym(y, m2), False, priority=2))
    for m in _finditer(MONTH_YEAR_RE, text, year):
        add(_month_year(m))
    for m in MONTH_REL_RE.finditer(text):
        add(_month_rel(m, text, pub))
    for m in _finditer(HIJRI_RE, text, year and _HIJRI_YEAR.search(text) is not None and _has(_HIJRI_PART, text)):
        add(_hijri(m))
    for m in _finditer(NUMERIC_RE, text, numeric):
        if "/" in text[max(0, m.start() - 3):m.start()] or re.match(r"\s?/\s?[a-z]", text[m.end():]):
            continue  # a path in a URL: /2015/02/03/
        if m.group("y"):
            y, mon, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
        else:
            y, mon, d = int(m.group("y2")), int(m.group("m2")), int(m.group("d2"))
        if _valid(y, mon, d):
            wdm = re.match(_WEEKDAY_AT, m.group(0))
            add(_Found(m.start(), m.end(), _fmt(dt.date(y, mon, d)), None, False, priority=3,
                       wd=WEEKDAYS[wdm.group("wd")] if wdm else None))
    for m in _finditer(HIJRI_NUMERIC_RE, text, numeric):
        from hijridate import Hijri

        y = int(m.group("y") or m.group("y2"))
        if not m.group("mark") and not 1380 <= y <= 1500:
            continue  # without «هـ» only a year that cannot be Gregorian in a news text
        mon = int(m.group("m") or m.group("m2"))
        d = int(m.group("d") or m.group("d2"))
        try:
            g = Hijri(y, mon, d).to_gregorian()
        except (ValueError, OverflowError):
            continue
        add(_Found(m.start(), m.end(), _fmt(dt.date(g.year, g.month, g.day)), None, False, 3))
    for m in _finditer(YEAR_RANGE_RE, text, year and _has(_YEAR_RANGE_PART, text)):
        if int(m.group("y2")) > int(m.group("y")):
            add(_Found(m.start(), m.end(), m.group("y"), m.group("y2"), False, priority=1))
    for m in _finditer(OLD_YEAR_RANGE_RE, text, year and _has(_OLD_YEAR_RANGE_PART, text)):
        if 0 < int(m.group("y2")) - int(m.group("y")) <= 300:
            add(_Found(m.start(), m.end(), m.group("y"), m.group("y2"), False, priority=1))
    for m in _finditer(OLD_BARE_YEAR_RE, text, year and _has(_OLD_BARE_YEAR_PART, text)):
        add(_Found(m.start("y"), m.end("y"), m.group("y"), None, False, priority=0))
    for m in _finditer(YEAR_RE, text, year):
        y2 = m.group("y2")
        if y2 and int(y2) <= int(m.group("y")):
            y2 = None
        add(_Found(m.start(), m.end(), m.group("y"), y2, False, priority=1))
    for m in _finditer(BARE_YEAR_RE, text, year):
        if _COUNTED_AFTER.match(m.group("after")):
            continue  # «في 2015 مسلحا» counts, it is not a year
        start = m.start("ctx") if m.group("ctx").strip().startswith(("ربيع", "صيف", "خريف", "شتاء")) \
            else m.start("y")
        add(_Found(start, m.end("y"), m.group("y"), None, False, priority=0))
    for m in RELATIVE_DAY_RE.finditer(text):
        add(_relative_day(m, text, pub))
    for m in _finditer(WEEKDAY_RE, text, _has(_WEEKDAY_PART, text)):
        add(_weekday(m, text, pub))
    for m in _finditer(PERIOD_RE, text, _has(_PERIOD_PART, text)):
        add(_period(m, pub))
    for m in _finditer(NIGHT_RE, text, "ليل" in text):
        add(_night(m, pub))
    for m in _finditer(AGO_RE, text, _has(_AGO_PART, text)):
        add(_ago(m, pub))
    for m in _finditer(SEASON_RE, text, _has(_SEASON_PART, text)):
        add(_season(m, pub))

    # «جميع الحقوق محفوظة 2005 - 2018», «Copyright 2017»: a site's notice, not a date
    # (kept without a value: left out of the dates, and still no figure)
    for f in found:
        if f.value and len(f.value) == 4 and _COPYRIGHT.search(text, max(0, f.start - 60), f.start):
            f.value = f.end_value = None
    # longest first, then higher priority; drop anything overlapping a kept one
    found.sort(key=lambda f: (-(f.end - f.start), -f.priority, f.start))
    kept: list[_Found] = []
    for f in found:
        if all(f.end <= k.start or f.start >= k.end for k in kept):
            kept.append(f)
    kept.sort(key=lambda f: f.start)
    return kept


def _infer_weekday_years(found: list[_Found]) -> None:
    """«الإثنين 25 ديسمبر» with no year: the year around the text's latest explicit year
    in which that day is that weekday, when exactly one fits."""
    years = [int(f.value[:4]) for f in found if f.value and not f.relative]
    if not years:
        return
    latest = max(years)
    for f in found:
        if f.value is not None or f.md is None or f.wd is None:
            continue
        mon, d1, d2 = f.md
        fits = [y for y in (latest - 1, latest, latest + 1)
                if _valid(y, mon, d1) and dt.date(y, mon, d1).weekday() == f.wd]
        if len(fits) == 1 and (d2 is None or _valid(fits[0], mon, d2)):
            f.value = _fmt(dt.date(fits[0], mon, d1))
            f.end_value = _fmt(dt.date(fits[0], mon, d2)) if d2 is not None else None
            f.relative = False


#: «اليوم الجمعة 30 أيار 2025», «أمس، الإثنين 25 ديسمبر»: a day word right before a date
_DAY_WORD_BEFORE = re.compile(
    r"(?:^|(?<![\u0621-\u064a]))(?:صباح|مساء|فجر|ظهر|يوم|ليله)?\s*[وفب]?(?P<w>اليوم|امس|الامس|"
    r"البارحه|غدا)\s*[،,:\-–]?\s*(?:الموافق\s*)?(?:\(\s*)?$"
)
#: «في يوم الاثنين 19 أكتوبر 1970»: a day the story tells of, not the day it is written
_PREP_BEFORE = re.compile(r"(?<![\u0621-\u064a])[وف]?(?:في|منذ|حتي|قبل|بعد|خلال|من|الي|مع)"
                          r"(?:\s+(?:يوم|ليله|صباح|مساء))?\s*$")
_ANCHOR_OFFSET = {"اليوم": 0, "امس": -1, "الامس": -1, "البارحه": -1, "غدا": 1}


@dataclass
class Anchor:
    """The day relative expressions are resolved against, and where it came from."""

    value: str  # YYYY-MM-DD
    source: str  # "published" | "text"
    text: str | None = None  # the expression of the text that gives it
    start: int | None = None  # its normalized offsets, for ``source == "text"``
    end: int | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {"value": self.value, "source": self.source, "text": self.text}


def text_anchor(nt: NormalizedText, found: list[_Found] | None = None) -> Anchor | None:
    """The day the text itself says it is written on, when it says so clearly.

    Candidates are full dates the text fixes itself, in this order of strength:

    1. a date the text calls today (or yesterday, tomorrow): «اليوم الجمعة 30 أيار
       2025», «أمس الإثنين 25 ديسمبر 2017» (the anchor is then the day after);
    2. a date with its weekday, the weekday right for the date: «الأربعاء 27 ديسمبر
       2017» (a dateline, an issue date, «يوم الخميس 7 كانون الأول 2017»);
    3. a full date on the weekday that the text's «اليوم الجمعة», «أمس الخميس» imply.

    The anchor must agree with every «اليوم/أمس/غدا + weekday» of the text; when those
    name different days (a page of several stories) there is no anchor.  Within a
    class the latest date wins (a story is written after the days it reports).
    """
    text = nt.text
    if found is None:
        found = find_dates(nt, None)
    implied: set[int] = set()
    for m in RELATIVE_DAY_RE.finditer(text):
        word = re.sub(r"\s+", " ", m.group("word"))
        named = m.group("wd") or m.group("pwd")
        if named and word in _ANCHOR_OFFSET:
            implied.add((WEEKDAYS[named] - _ANCHOR_OFFSET[word]) % 7)
    if len(implied) > 1:
        return None
    classes: list[list[Anchor]] = [[], [], []]
    for f in found:
        if not f.value or len(f.value) != 10 or f.relative or f.end_value:
            continue
        day = dt.date.fromisoformat(f.value)
        before = _DAY_WORD_BEFORE.search(text[max(0, f.start - 24):f.start])
        if before is not None:
            off = _ANCHOR_OFFSET[before.group("w")]
            start = max(0, f.start - 24) + before.start("w")
            anchor_day = day - dt.timedelta(days=off)
            classes[0].append(Anchor(_fmt(anchor_day), "text", None, start, f.end))
        elif f.wd is not None and f.wd == day.weekday() and not _PREP_BEFORE.search(
                text, max(0, f.start - 12), f.start):
            classes[1].append(Anchor(f.value, "text", None, f.start, f.end))
        elif implied and day.weekday() in implied:
            classes[2].append(Anchor(f.value, "text", None, f.start, f.end))
    years = [int(f.value[:4]) for f in found if f.value and not f.relative]
    latest_year = max(years) if years else 0
    for cands in classes:
        # a text is not written before the years it names (a plan may be a year ahead)
        cands = [a for a in cands if int(a.value[:4]) >= latest_year - 1 and (
            not implied or dt.date.fromisoformat(a.value).weekday() in implied)]
        if cands:
            best = max(cands, key=lambda a: (a.value, a.start or 0))
            if best.start is not None and best.end is not None:
                s, e = nt.to_original(best.start, best.end)
                best.text = nt.original[s:e]
            return best
    return None


@component("dates")
def add_dates(doc: Document) -> Document:
    """Resolved dates into ``doc.dates``; the anchor used into ``doc.meta["date_anchor"]``.

    Relative expressions resolve against ``doc.published``, else against the day the
    text gives for itself (:func:`text_anchor`).  What still cannot be resolved (a
    relative expression with no anchor, a month with no year to infer) is not a date a
    reader can use: it is left out of ``doc.dates`` and kept, as spans only, in
    ``doc.meta["unresolved_dates"]`` (so no figure is read inside it)."""
    nt = doc.normalized
    pub = _parse_pub(doc.published)
    anchor: Anchor | None = None
    if pub is not None:
        anchor = Anchor(_fmt(pub), "published", doc.meta.get("published_text"))
        found = find_dates(nt, doc.published)
    else:
        found = find_dates(nt, None)
        _infer_weekday_years(found)
        anchor = text_anchor(nt, found)
        if anchor is not None:
            found = find_dates(nt, anchor.value)
    doc.meta["date_anchor"] = anchor.as_dict() if anchor is not None else None
    mentions = []
    unresolved = []
    for f in found:
        s, e = nt.to_original(f.start, f.end)
        while e < len(doc.text) and "\u064b" <= doc.text[e] <= "\u065f":
            e += 1  # keep final diacritics: «غداً»
        if f.value is None:
            unresolved.append({"start": s, "end": e, "text": doc.text[s:e]})
            continue
        mentions.append(DateMention(start=s, end=e, text=doc.text[s:e], value=f.value,
                                    end_value=f.end_value, relative=f.relative))
    doc.dates = mentions
    doc.meta["unresolved_dates"] = unresolved
    return doc
