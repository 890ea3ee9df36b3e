"""The ``figures`` pipeline component: every explicit quantity, with bound and unit.

Rules (gold README «figures»):

- a figure is a number phrase (digits, Eastern digits, decimals, number words, scale
  words; see :mod:`marsad.extract.quantities.numbers`), a percentage (96%، 90 بالمئة، في المائة),
  a range (29 – 30، بين 10 و20، من 10 إلى 20 → ``value``/``value_max``), a vague amount
  (عشرات، مئات، آلاف alone → ``value=None``, ``bound="vague"``) or a dual noun (يومين،
  محاولتين → 2);
- its ``bound`` comes from the qualifier around it (:mod:`marsad.extract.quantities.bounds_units`);
- ``counted`` is the singular lemma of the noun after the number (مسلحا → مسلح), or of
  the noun before it when the number follows its noun («المناطق الأربع»، «انتهاكاً
  واحداً»، «الساعات الـ24»); ``unit`` replaces ``counted`` for measures (km, km2,
  hectare, tonne, percent, hour, day, week, month, year, currencies);
- the span covers qualifier + number + counted noun («أكثر من 80 قتيلا»);
- not figures: numbers inside a date found by the ``dates`` component (which runs
  first), years standing alone, ordinals (never parsed as numbers), clock times,
  phone numbers, ids (القرار 2254، اللواء 47، إس-400) and numbers in URLs or e-mails.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import compress

from marsad.document import Document, Figure
from marsad.extract.quantities.bounds_units import (
    CURRENCY_NATION,
    SQUARE_WORDS,
    SQUARED,
    bound_after,
    bound_before,
    unit_of,
)
from marsad.extract.quantities.lemmas import BROKEN, FEM_NOUNS, singular
from marsad.extract.quantities.numbers import (
    VAGUE,
    NumberPhrase,
    Token,
    classify,
    parse_phrase,
    tokenize,
)
from marsad.pipeline import component
from marsad.text.normalize import NormalizedText, WordMemo, fold

_FUNCTION_WORDS = {fold(w) for w in (
    "من في إلى على عن مع و أو ثم حتى منذ قبل بعد خلال التي الذي الذين اللذين اللتين هو هي "
    "هم كما أن إن قد لا ما لم لن كان كانت تم هذا هذه ذلك تلك عند بين حول ضد إلا بل لكن أي "
    "كل بعض نحو أخرى آخر آخرين فقط أيضا حيث إذ إذا وفق عبر دون لدى أمام خلف تحت فوق منها "
    "منهم منه عليها عليهم فيها فيهم له لها لهم مقابل بنحو بحوالي بين وفي ومن وعلى وإلى آخرون "
    "يذكر يشار كذلك ايضا اخرى نسبة بنسبة جراء بسبب نتيجة إثر اثر بينهم منهم بينها "
    "وبينهم ومنهم فقط قبيل عقب إضافة مبروك اليوم أمس إبان ابان وسط ضمن داخل خارج قرب "
    "بالقرب حين حينما عندما بينما فيما لكنه سوى غير مثل جنوب شمال شرق غرب جنوبي شمالي "
    "شرقي غربي لدي بعدما قبلما طيلة طوال مدة لمدة قريبا أيضا يوميا سنويا شهريا أسبوعيا فورا "
    "حاليا سابقا لاحقا مؤخرا أخيرا تباعا نفسه نفسها ذاته ذاتها أنفسهم"
).split()}
#: words after which a number is a name or an id, not an amount
_ID_WORDS = {fold(w) for w in (
    "رقم الرقم القرار قرار المادة مادة البند بند الفقرة فقرة اللواء الفرقة الفوج الكتيبة "
    "الدورة الطريق طريق الصفحة صفحة العدد عدد المرتبة المركز الحلقة الجولة الطراز طراز الساعة كود "
    "إس اس إف اف تي سو ميغ مي كا بي يو إم ام كاي سي إيه ايه دي جي إكس اكس سوخوي إيل "
    "توبوليف عام العام لعام سنة السنة لسنة القرن الدقيقة جنيف أستانا استانا أستانة آستانة "
    "سوتشي موديل كيه الرمز رمز الكود القانون قانون المرسوم مرسوم التعميم البلاغ الملف النقطة"
).split()}
#: و-initial nouns: any other word glued to و after a number is a new clause, not its noun
_WAW_NOUNS = {fold(w) for w in (
    "وفاة وفيات وزير وزراء وزارة وزارات وحدة وحدات وثيقة وثائق وكالة وكالات ولاية ولايات "
    "وسيلة وسائل وظيفة وظائف وجبة وجبات واقعة وقائع وفد وفود ورقة أوراق ورشة وعاء وسيط "
    "وسطاء ولد ولدا وقفة وقفات وافد وافدا وافدين وحدة"
).split()}
#: adjectives that follow a vague plural without being what it counts (الآلاف الأخرى)
_NOT_COUNTED_ADJ = {fold(w) for w in (
    "الأخرى الآخرين الآخرون الأخيرة الماضية المقبلة الكثيرة العديدة المتبقية المذكورة "
    "الباقية الأولى المتبقين"
).split()}
#: plural fractions after a number: «ثلاثة أرباع» is three quarters
_FRACTION_PLURALS = {fold(k): v for k, v in {
    "أرباع": 4, "أثلاث": 3, "أخماس": 5, "أسداس": 6, "أعشار": 10, "أثمان": 8}.items()}
_IMPERFECT_PLURAL = re.compile(r"^[يت][\u0621-\u064a]{2,}(?<!ي)ون$")
_ORDINALS = {fold(w) for w in (
    "الحادي الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع حادي ثاني ثالث رابع "
    "خامس سادس سابع ثامن تاسع الحادية الثانية الثالثة الرابعة الخامسة السادسة السابعة "
    "الثامنة التاسعة"
).split()}
_KNOWN_NOUNS = {fold(v) for v in BROKEN.values()} | set(BROKEN)
_NOT_ONE_BEFORE = {fold(w) for w in "آن وقت صف رجل نفس حد".split()}
_MONTH_WORDS_RE = re.compile(r"^(?:ال)?(?:عام|سنه)$")

_PHONE_CONTEXT = re.compile(
    r"(?:هاتف|الهاتف|تلفون|تليفون|فاكس|جوال|موبايل|واتساب|واتس\s+اب|ص\s?\.\s?ب|صندوق\s+البريد|"
    r"البريد|الرمز\s+البريدي)\s*[:.\-]?\s*(?:[\d\s\-+/():]*)$"
)
#: digit groups joined by dashes: three groups, a «+» code, or a long group beside a
#: short one (not a range «10000 - 20000»): phone numbers
_DIGIT_CHAIN_AFTER = re.compile(r"(?:\s?-\s?\d+){2,}|\s?-\s?\d+\s?\+")
_DIGIT_CHAIN_BEFORE = re.compile(r"\d+\s?-\s?\d+\s?-\s?$")
_SHORT_LONG = re.compile(r"(?<![\d\s-])\s*(?:\d{5,}\s?-\s?(?:0\d*|\d{1,2})|(?:0\d*|\d{1,2})\s?-\s?\d{5,})(?![\d])")
_DURATION_AND = re.compile(
    r"(?<![\u0621-\u064a])(?:عاما|عام|سنه|شهرا|شهر|يوما|يوم|ساعه|اسبوعا|اسبوع)(?:\s?ا)?\s*و\s*$")
#: nouns in ي that a number may count (currencies, peoples): not imperfect verbs
_YA_NOUNS = ("يوان", "يورو", "يهود", "يمن", "يزيدي", "يافع", "يخت", "يتيم", "يتام", "ينابيع")
_LAW_YEAR_AFTER = re.compile(r"\s*(?:[/)]\s*)?(?:لعام|لسنه|عام)\s+(?:1[89]|20)\d\d(?!\d)")
_RESOLUTION_BEFORE = re.compile(
    r"(?<![\u0621-\u064a])[وبل]?(?:ال)?قرار(?:ي|ات)?\s+(?:(?:رقم|مجلس\s+الامن|الدولي|الاممي|"
    r"الامن|الدولي|مجلس)\s*)+[/(:]?\s*$")
_FINAL_AFTER = re.compile(r"\s+(?:ال)?نها[ئي]ي")
_MODEL_LETTERS = {"إل", "إم", "إف", "إس", "إي", "إكس"}
_TRAILING_MARK = re.compile("[\u064b-\u065f\u0670\u0640]")
_PERCENT_AFTER = re.compile(r"\s*(?:[%٪]|(?:بال|في\s+ال)(?:ميه|مايه|مئه|مائه)(?![\u0621-\u064a]))")
_PERCENT_BEFORE = re.compile(r"[%٪]\s*$")
_RANGE_DASH = re.compile(r"\s*[-–—]\s*(?=\d)")
_LATIN_OR_SYMBOL = re.compile(r"[a-z_/@#:\\]")
_CLOCK_AFTER = re.compile(r"\s?:\s?\d\d(?!\d)")
_CLOCK_BEFORE = re.compile(r"(?<!\d)\d{1,2}\s?:\s?$")
_ENUMERATION = re.compile(r"\s*(?:[-–)]|\.(?!\d))\s*(?=[\u0621-\u064a])")

# dual nouns: explicit list (masculine duals in ‑ين/‑ان are ambiguous with plurals)
_DUAL_WORDS: dict[str, str] = {
    "يومين": "يوم", "يومان": "يوم", "شهرين": "شهر", "شهران": "شهر", "عامين": "عام",
    "عامان": "عام", "أسبوعين": "أسبوع", "أسبوعان": "أسبوع", "ساعتين": "ساعة",
    "ساعتان": "ساعة", "سنتين": "سنة", "سنتان": "سنة", "دقيقتين": "دقيقة", "ليلتين": "ليلة",
    "مرتين": "مرة", "مرتان": "مرة", "هجومين": "هجوم", "هجومان": "هجوم", "صاروخين": "صاروخ",
    "صاروخان": "صاروخ", "طفلين": "طفل", "طفلان": "طفل", "شخصين": "شخص", "شخصان": "شخص",
    "رجلين": "رجل", "جنديين": "جندي", "جنديان": "جندي", "قتيلين": "قتيل", "جريحين": "جريح",
    "شهيدين": "شهيد", "انفجارين": "انفجار", "انفجاران": "انفجار", "لغمين": "لغم",
    "موقعين": "موقع", "ضابطين": "ضابط", "ضابطان": "ضابط", "بلدين": "بلد", "حيين": "حي",
    "مبنيين": "مبنى", "هجومين انتحاريين": "هجوم",
}
DUAL_WORDS: dict[str, str] = {fold(k): v for k, v in _DUAL_WORDS.items()}
_NOT_DUAL = {fold(w) for w in (
    "ستين بوتين روتين بروتين لاتين هاتين هاتان اللتين اللتان اثنتين اثنتان ثنتين ثنتان "
    "كريستين مارتين قسطنطين أوغسطين سنتين"
).split()}


@dataclass
class _Fig:
    start: int  # normalized offsets
    end: int
    value: float | int | None
    value_max: float | int | None = None
    bound: str = "exact"
    counted: str | None = None
    unit: str | None = None


def _original_token(nt: NormalizedText, tok: Token) -> str:
    s, e = nt.to_original(tok.start, tok.end)
    return nt.original[s:e]


def _strip_clitic(word: str) -> str:
    for prefix in ("وال", "بال", "فال", "لل", "ال", "و", "ب", "ل", "ف"):
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return word[len(prefix):]
    return word


#: id nouns that may take an adjective before their number: «القرار الدولي 2254»
_ID_WITH_ADJECTIVE = {fold(w) for w in (
    "القرار المادة الفقرة البند اللواء الفرقة الفوج الكتيبة الطريق القانون"
).split()}


#: beginnings of words whose first letter is a root و, not the conjunction
_WAW_STEMS = tuple(fold(w) for w in (
    "وطن والد وجود وحيد وحد واقع وضع وقت وقف وزن وسط وعد ولاي وفد وزير وزار وكال ورق وثيق "
    "وفا وفي ولد وجه واجب وادي واحد ولي وسيل وظيف وجب وصف وصول وصي وعي وكر وكيل وريث "
    "وثائق وسائل ولايات واشنطن وليد وائل وسام"
).split())


def _starts_with_conjunction(word: str) -> bool:
    """«وسيارة»: و + a noun of four letters or more, unless و belongs to the word."""
    return word.startswith("و") and len(word) >= 5 and word not in _WAW_NOUNS and \
        not word.startswith(_WAW_STEMS)


def _is_id_word(word: str) -> bool:
    """An id word, also with a preposition glued to its article (بالفرقة، للواء، واللواء)."""
    if word in _ID_WORDS:
        return True
    for prefix in ("بال", "وال", "فال", "كال"):
        if word.startswith(prefix) and "ال" + word[len(prefix):] in _ID_WORDS:
            return True
    # «للقرار» = ل + القرار; «للواء» = ل + اللواء (the article's alif drops)
    return word.startswith("لل") and ("ال" + word[2:] in _ID_WORDS or "ال" + word[1:] in _ID_WORDS)


def _clean_number(v: float) -> float | int:
    return int(v) if float(v).is_integer() else v


def _is_definite_number(word: str) -> bool:
    """«الأربع», «والخمسة»: a number word with the article (not «ألف», which starts with ال)."""
    for prefix in ("وال", "بال", "فال", "لل", "ال"):
        if word.startswith(prefix) and len(word) > len(prefix) + 1 and \
                classify(word[len(prefix):], first=False) is not None:
            return True
    return False


def _last_char_before(text: str, pos: int) -> str:
    """``text[:pos].rstrip()[-1:]`` without copying the prefix."""
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return text[pos - 1] if pos > 0 else ""


class _Scanner:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.nt = doc.normalized
        self.text = self.nt.text
        self.toks = tokenize(self.text)
        self.starts = [t.start for t in self.toks]
        if doc.dates or "unresolved_dates" in doc.meta:
            # the dates component ran: its dates, and the expressions it could not resolve
            self.date_spans = [(d.start, d.end) for d in doc.dates] + [
                (u["start"], u["end"]) for u in doc.meta.get("unresolved_dates", [])]
        else:  # run without the dates component: still never count parts of dates
            from marsad.extract.quantities.dates import find_dates

            self.date_spans = [self.nt.to_original(f.start, f.end)
                               for f in find_dates(self.nt, doc.published)]
        # spans sorted by start with the running maximum of their ends: «does any date
        # span overlap [s, e)» is one bisection, not a scan (linear cost in length)
        spans = sorted(self.date_spans)
        self._date_starts = [ds for ds, _ in spans]
        self._date_max_end: list[int] = []
        top = -1
        for _, de in spans:
            top = max(top, de)
            self._date_max_end.append(top)
        self.figs: list[_Fig] = []
        self.noun_was_plural = False  # set by noun_before

    # -- helpers -----------------------------------------------------------------
    def in_date(self, start: int, end: int) -> bool:
        s, e = self.nt.to_original(start, end)
        k = bisect.bisect_left(self._date_starts, e)  # spans starting before e
        return k > 0 and self._date_max_end[k - 1] > s

    def word_at(self, j: int) -> Token | None:
        if 0 <= j < len(self.toks) and self.toks[j].is_word:
            return self.toks[j]
        return None

    def is_noise_number(self, i: int, ph: NumberPhrase) -> bool:
        """Phone numbers, ids, clock times, numbers glued to Latin text or in URLs."""
        text = self.text
        tok = self.toks[i]
        before = text[max(0, tok.start - 1):tok.start]
        after = text[ph.end:ph.end + 1]
        if _LATIN_OR_SYMBOL.search(before) or _LATIN_OR_SYMBOL.search(after):
            return True
        if re.match(r"\s[a-z]", text[ph.end:ph.end + 2]):
            return True  # «30 A A Please», page furniture
        if tok.is_digits and ph.tokens == 1 and (
                re.match(r"\s?/\s?\d", text[ph.end:ph.end + 4])
                or re.search(r"\d\s?/\s?$", text[max(0, tok.start - 4):tok.start])):
            return True  # «34 / 169», «3 / 4»: numbers of documents, scores, page counters
        if tok.is_digits and ph.tokens == 1 and i > 0 and self.toks[i - 1].text == "(" and \
                re.match(r"\s?\)\s*(?:[.,،:؛(]|\n|$)", text[ph.end:ph.end + 5]):
            return True  # «… فانسحبوا ( 33 ) .»: a footnote reference
        chunk_start = text.rfind(" ", 0, tok.start) + 1
        chunk_end = text.find(" ", ph.end)
        chunk = text[chunk_start:chunk_end if chunk_end >= 0 else len(text)]
        if "http" in chunk or "www" in chunk or "@" in chunk or "/" in chunk:
            return True
        if tok.is_digits and ph.tokens == 1:
            # clock times 08:50, 09 : 17 (and the minutes after them)
            # windows, not the whole prefix: each pattern ends at the number and is short
            if _CLOCK_AFTER.match(text, ph.end) or _CLOCK_BEFORE.search(
                    text[max(0, tok.start - 16):tok.start]):
                return True
            # list numbering «73 - رأفت …», «1) …»
            if _ENUMERATION.match(text, ph.end) and (
                    tok.start == 0 or _last_char_before(text, tok.start) in ("", "\n", ".", ":")
                    or "-" in text[ph.end:ph.end + 3]):
                return True
        if tok.is_digits:
            digits = tok.text.replace(",", "").replace(".", "")
            if (len(digits) >= 8 and "," not in tok.text and ph.tokens == 1) or \
                    (digits.startswith("0") and len(digits) >= 4):
                return True
            if text[max(0, tok.start - 1):tok.start] == "+":
                return True
            # digit groups joined by dashes or spaces: 0963-11-2233
            if re.match(r"[\s-]\d{2,}[\s-]\d{2,}", text[ph.end:ph.end + 12]) and \
                    re.match(r"[\s-]\d", text[ph.end:ph.end + 2]) and ph.tokens == 1:
                return True
        if tok.is_digits and _PHONE_CONTEXT.search(text, max(0, tok.start - 30), tok.start):
            return True  # «هاتف : 543555 - 1 - 961 +», «ص . ب : 11 - 2893»
        if tok.is_digits and (_DIGIT_CHAIN_AFTER.match(text, ph.end) or
                              _DIGIT_CHAIN_BEFORE.search(text, max(0, tok.start - 16), tok.start)
                              or any(m.start() <= tok.start - max(0, tok.start - 12) <= m.end()
                                     for m in _SHORT_LONG.finditer(
                                         text[max(0, tok.start - 12):ph.end + 12]))):
            return True  # «270042 - 1 - 961», «6555750 - 04»: a phone number
        # «إل 39», «إم 16»: a model letter written in Arabic (folded «إل» is «ال»)
        if i > 0 and tok.is_digits and _original_token(self.nt, self.toks[i - 1]) in _MODEL_LETTERS:
            return True
        # an id word right before: القرار 2254، اللواء 47، إس-400
        prev = self.toks[i - 1] if i > 0 else None
        if prev is not None and prev.text == "-" and i > 1:
            before = text[max(0, prev.start - 16):prev.start]
            if re.search(r"[a-z\u0621-\u064a]\s?$", before) and not re.search(
                    r"(?:^|\s)(?:ال|[لبك])\s?$", before):  # «ل - 49 سنة» is «لـ49»
                return True
            prev = self.toks[i - 2]
        back = i - 1
        while prev is not None and not (prev.is_word or prev.is_digits) and back > 0 and i - back < 3:
            back -= 1
            prev = self.toks[back]  # «العدد : 10876», «رقم العدد [ 14226 ]»
        nxt = self.word_at(i + ph.tokens)
        if nxt is not None and fold(singular(nxt.text)) in _KNOWN_NOUNS and \
                not nxt.text.startswith("ال"):
            prev = None  # «ودعم القانون 61 نائبا»: a counted noun follows, so an amount
        if prev is not None and prev.is_word and tok.is_digits and _is_id_word(prev.text):
            return True
        # «القرار الدولي 2254»: an id word, then a nisba adjective, then the number
        if prev is not None and prev.is_word and tok.is_digits and back >= 1 and \
                prev.text.startswith("ال") and prev.text.endswith(("ي", "يه")) and \
                len(prev.text) > 4 and prev.text not in _FUNCTION_WORDS:
            before_adj = self.word_at(back - 1)
            if before_adj is not None and before_adj.text in _ID_WITH_ADJECTIVE and \
                    fold(singular(prev.text[2:])) not in _KNOWN_NOUNS:
                return True
        # «مجموعة 5+1»: a group's name, not an amount
        if re.match(r"\s?\+\s?\d", text[ph.end:ph.end + 4]):
            return True
        # «السادس عشر»: عشر after an ordinal is part of the ordinal
        if ph.tokens == 1 and tok.text in ("عشر", "عشره") and i > 0 and \
                self.toks[i - 1].text in _ORDINALS:
            return True
        return False

    # -- pieces of a figure ---------------------------------------------------------
    def counted_after(self, j: int) -> tuple[str | None, str | None, int | None]:
        """(counted, unit, end) from the noun at token j, if it is one."""
        tok = self.word_at(j)
        if tok is None or tok.text in _FUNCTION_WORDS or tok.text.startswith(("ال", "لل")):
            return None, None, None
        if tok.text.endswith("وا") or (
                tok.text.startswith("ب") and len(tok.text) >= 5 and tok.text not in BROKEN
                and fold(singular(tok.text)) not in _KNOWN_NOUNS):
            return None, None, None  # a verb (قضوا) or a preposition phrase (برصاص، بجروح)
        if tok.text in VAGUE or _IMPERFECT_PLURAL.match(tok.text):
            return None, None, None  # «3 ينتمون»: a verb starts the next clause
        if tok.text.startswith("ي") and len(tok.text) >= 4 and not tok.text.endswith(("ا", "ين")) \
                and not tok.text.startswith(_YA_NOUNS) \
                and fold(singular(tok.text)) not in _KNOWN_NOUNS and unit_of(tok.text) is None:
            return None, None, None  # «5365465 يهدد»: an imperfect verb, not a noun
        accusative = tok.text.endswith("ا") and not tok.text.endswith("وا") and \
            len(tok.text) >= 4 and tok.text[1:] not in _FUNCTION_WORDS and tok.text != "وفقا"
        if tok.text.startswith("و") and tok.text not in _WAW_NOUNS and not accusative and \
                fold(singular(tok.text)) not in _KNOWN_NOUNS:
            return None, None, None  # «47 وسيارة»: و opens the next item, not the noun
        word = _original_token(self.nt, tok)
        end = tok.end
        # «كيلو متر»
        nxt = self.word_at(j + 1)
        if tok.text == "كيلو" and nxt is not None and nxt.text.startswith("متر"):
            word, end, j = "كيلومتر", nxt.end, j + 1
        lemma = singular(word)
        unit = unit_of(lemma)
        if unit is None:
            return lemma, None, end
        nxt = self.word_at(j + 1)
        if unit in SQUARED and nxt is not None and nxt.text in SQUARE_WORDS:
            return None, SQUARED[unit], nxt.end
        if nxt is not None and unit in ("lira", "riyal", "dinar", "pound", "dirham", "USD"):
            adj = re.sub(r"[ها]$", "", _strip_clitic(nxt.text))  # سورية → سوري
            code = CURRENCY_NATION.get((fold(lemma), adj))
            if code:
                return None, code, nxt.end
        return None, unit, end

    def construct_head(self, j: int) -> tuple[str | None, str | None, int] | None:
        """The indefinite plural heading a construct («سنوات الاحتلال», «مناطق خفض التوتر»)
        that ends with the singular definite noun at token j: a definite number agrees
        with that head, not with the singular genitive right before it."""
        for back in (1, 2):
            tok = self.word_at(j - back)
            if tok is None or tok.text.startswith("ال") or tok.text in _FUNCTION_WORDS:
                return None
            word = _original_token(self.nt, tok)
            lemma = singular(word)
            if tok.text in BROKEN or (tok.text.endswith(("ات", "ين", "ون")) and len(tok.text) >= 5
                                      and fold(lemma) != tok.text):
                self.noun_was_plural = True
                unit = unit_of(lemma)
                return (None if unit else lemma), unit, tok.start
        return None

    def partitive(self, j: int) -> tuple[str | None, int | None]:
        """«ثلاثة من الصواريخ», «7 من عناصر التنظيم»: the plural after «من» is counted.

        The noun must be a plural the lemma tables or the sound plural endings know
        (definite, or indefinite in construct), so «3 من أصل 10», «2 من هؤلاء» and
        «5 من كل 10» count nothing."""
        if j >= len(self.toks) or self.toks[j].text != "من":
            return None, None
        noun = self.word_at(j + 1)
        if noun is None or noun.text in _FUNCTION_WORDS or noun.text in _NOT_COUNTED_ADJ \
                or self.in_date(noun.start, noun.end):
            return None, None
        word = _original_token(self.nt, noun)
        bare = _strip_clitic(word) if fold(word).startswith(("ال", "لل")) else word
        key = fold(bare)
        if key in VAGUE or key in ("اصل", "مجموع", "بين", "كل", "اجمالي"):
            return None, None
        lemma = singular(bare)
        plural = key in BROKEN or key.endswith(("ين", "ات", "ون"))
        if not plural or fold(lemma) == key or unit_of(lemma):
            return None, None
        return lemma, noun.end

    def noun_before(self, i: int, need_article: bool = False, need_noun: bool = False,
                    construct: bool = False) -> tuple[str | None, str | None, int | None]:
        """(counted, unit, start) from a noun right before the number at token i.

        A definite number agrees with a definite noun («المناطق الأربع»), so with
        ``need_article`` the word before must carry the article.  «واحد/اثنان» follow
        an indefinite noun in the accusative or feminine (انتهاكاً واحداً، ساعة واحدة):
        with ``need_noun`` the word before must look like one (or be a known noun),
        so «أصيب اثنان» does not count «أصيب»."""
        j = i - 1
        if j >= 1 and self.toks[j].text in ("-", "–") and self.toks[j - 1].text == "ال":
            j -= 1  # «الساعات ال - 24»
        if j >= 0 and self.toks[j].text == "ال":  # الساعات الـ24
            j -= 1
        tok = self.word_at(j)
        clitic = 0
        if need_noun and tok is not None and tok.text.endswith(("يه", "ي")) and \
                tok.text not in _FUNCTION_WORDS and fold(singular(tok.text)) not in _KNOWN_NOUNS:
            head = self.word_at(j - 1)  # «غارة جوية واحدة»: the noun before the adjective
            if head is not None and not head.text.startswith("ال") and \
                    head.text not in _FUNCTION_WORDS:
                bare = head.text[1:] if head.text[:1] in "وبلف" and \
                    fold(singular(head.text)) not in _KNOWN_NOUNS else head.text
                if fold(singular(bare)) in _KNOWN_NOUNS:
                    tok, clitic = head, len(head.text) - len(bare)
        if tok is None or tok.text in _FUNCTION_WORDS or _strip_clitic(tok.text) in _FUNCTION_WORDS:
            return None, None, None
        if need_noun and not clitic and tok.text[:1] in "بلك" and len(tok.text) >= 4 and \
                fold(singular(tok.text)) not in _KNOWN_NOUNS and \
                fold(singular(tok.text[1:])) in _KNOWN_NOUNS:
            clitic = 1  # «بوفد واحد», «بطائرة واحدة»: a preposition glued to the noun
        if tok is not None and classify(tok.text, first=True) is not None:
            return None, None, None  # «مليوني واحد»: a number word is not a counted noun
        if need_article and not tok.text.startswith(("ال", "وال", "بال", "فال", "لل")):
            return None, None, None
        if self.in_date(tok.start, tok.end):
            return None, None, None
        noun = tok.text[clitic:]
        bare = noun[1:] if _starts_with_conjunction(noun) else noun
        if need_noun and not (noun.endswith(("ا", "ه", "ي", "ين", "ان")) or unit_of(noun) or
                              fold(singular(noun)) in _KNOWN_NOUNS or
                              fold(singular(bare)) in _KNOWN_NOUNS):
            return None, None, None
        word = _original_token(self.nt, tok)
        if clitic:  # «لغارة جوية واحدة»: the span starts at the noun, after its clitic
            return singular(word[clitic:]), None, self.nt.text.find(
                tok.text[clitic:], tok.start)
        stripped = word
        for prefix in ("وال", "بال", "فال", "لل", "ال"):
            if fold(word).startswith(prefix) and len(word) > len(prefix) + 2:
                stripped = word[len(prefix):]
                break
        for suffix in ("نا", "ها", "هم", "هن", "كم"):
            base = stripped[: -len(suffix)]
            if fold(stripped).endswith(suffix) and (base.endswith("ات") or fold(base) in BROKEN):
                stripped = base
                break
        lemma = singular(stripped)
        self.noun_was_plural = fold(lemma) != fold(stripped)
        if construct and not self.noun_was_plural and not unit_of(lemma):
            construct_head = self.construct_head(j)
            if construct_head is not None:  # «سنوات الاحتلال الثلاث», «مناطق خفض التوتر الأربع»
                return construct_head
        unit = unit_of(lemma)
        start = tok.start + 1 if tok.text.startswith(("وال", "فال")) and stripped != word \
            else tok.start
        if stripped == word and _starts_with_conjunction(tok.text):
            # «وسيارة واحدة»: the conjunction is not part of the noun
            lemma = singular(word[1:])
            unit = unit_of(lemma)
            start = tok.start + 1
        return (None if unit else lemma), unit, start

    # -- the scan -----------------------------------------------------------------------
    def run(self) -> list[_Fig]:
        i = 0
        toks = self.toks
        # the tokens that may open a figure: a number, or a word that parse_phrase,
        # try_vague or try_dual would take (_may_open); the others are passed over
        for j in compress(range(len(toks)), map(_MAY_OPEN.__getitem__, [tok.text for tok in toks])):
            if j < i:
                continue  # inside what the figure before took
            i = j
            ph = parse_phrase(toks, i, self.nt)
            if ph is None:
                used = self.try_vague(i) or self.try_dual(i)
                i += used or 1
                continue
            if ph.kind == "vague":
                used = self.try_vague(i)
                i += used or ph.tokens
                continue
            fig_end = self.number_figure(i, ph)
            i += ph.tokens
            while fig_end is not None and i < len(toks) and toks[i].start < fig_end:
                i += 1
        return self.figs

    def number_figure(self, i: int, ph: NumberPhrase) -> int | None:
        """Add the figure whose number phrase is ``ph``; return where it ends."""
        toks, text = self.toks, self.text
        tok = toks[i]
        if self.in_date(ph.start, ph.end) or self.is_noise_number(i, ph):
            return None
        start, end = ph.start, ph.end
        value, value_max = ph.value, None
        j = i + ph.tokens  # next token index
        # ranges: 29 – 30, بين 10 و20, من 10 إلى 20 (value, value_max)
        opener = re.search(r"(?:^|\s)(?:ما\s+)?(بين|من)\s*$", text[max(0, start - 12):start])
        dash = _RANGE_DASH.match(text, end)
        k: int | None = None
        if dash is not None:
            k = self._index_at(dash.end())
        elif opener is not None and j < len(toks):
            t = toks[j]
            if opener.group(1) == "بين" and t.text == "و":
                k = j + 1  # «و20» is two tokens
            elif opener.group(1) == "بين" and t.text.startswith("و"):
                k = j  # «وعشرين»: the first word of a phrase may carry و
            elif t.text in ("الي", "حتي"):
                k = j + 1
        if k is not None and k < len(toks) and value is not None:
            second = parse_phrase(toks, k, self.nt)
            if second is not None and second.value is not None and \
                    not self.in_date(second.start, second.end):
                last = classify(toks[k + second.tokens - 1].text, first=False)
                if last is not None and last.kind == "scale" and value < last.value <= second.value:
                    value = _clean_number(value * last.value)  # «بين 20 و25 ألفا»
                if second.value > value:
                    value_max = second.value
                    end = second.end
                    j = k + second.tokens
                    if opener is not None:
                        start = max(0, start - 12) + opener.start(1)
        # percent
        unit: str | None = None
        counted: str | None = None
        pm = _PERCENT_AFTER.match(text, end)
        if pm:
            unit, end = "percent", pm.end()
            j = self._index_at(end) or len(toks)
        elif _PERCENT_BEFORE.search(text[max(0, start - 3):start]):
            unit = "percent"
            start = text.rfind("%", 0, start) if "%" in text[max(0, start - 3):start] else \
                text.rfind("٪", 0, start)
        # bound before
        bound = "exact"
        qual = bound_before(text[:start])
        art = re.search(r"(?:^|\s)ال\s*(?:[-–]\s*)?$", text[max(0, start - 7):start])
        if qual is None and art is not None:  # «نحو الـ300 مسلح», «تجاوز ال - 60»
            qual = bound_before(text[:max(0, start - 7) + art.start()])
        if qual is not None:
            bound, start = qual
        else:  # «ما يقارب عاما و9 أشهر»: the qualifier of the whole duration
            joined = _DURATION_AND.search(text, max(0, start - 16), start)
            if joined is not None:
                q3 = bound_before(text[:joined.start()])
                if q3 is not None:
                    bound = q3[0]
        # counted noun after, or before for «المناطق الأربع», «انتهاكاً واحداً», «الساعات الـ24»
        if unit is None:
            first_word = ph.kind == "words"
            definite = first_word and _is_definite_number(tok.text)
            before_al = tok.is_digits and i > 0 and (toks[i - 1].text == "ال" or (
                i > 1 and toks[i - 1].text in ("-", "–") and toks[i - 2].text == "ال"))
            is_one = first_word and value in (1, 2) and ph.tokens == 1
            part = classify(tok.text, first=True)
            if definite and ph.tokens == 1 and part is not None and part.kind == "ten":
                return None  # «القرن العشرين», «مجموعة العشرين», «الذكرى الثلاثين»: ordinal use
            if qual is not None and definite:
                definite = False  # «قرابة الثلاثة أشهر»: the noun follows
            if definite and value == 1:
                return None  # «اللتر الواحد», «الساعة الواحدة»: "single", a clock time
            if definite and i > 0 and toks[i - 1].text == "الساعه":
                return None  # «الساعة الثالثة»: a clock time
            if definite or before_al or is_one:
                counted, unit, nstart = self.noun_before(i, need_article=definite or before_al,
                                                         need_noun=is_one and not definite,
                                                         construct=definite)
                one_of = j < len(toks) and toks[j].text in ("من", "منهم", "منها", "منهن", "منكم")
                if is_one and not definite and (nstart is None or i == 0 or one_of
                                                or toks[i - 1].text in _NOT_ONE_BEFORE):
                    if value == 1:
                        return None  # «واحد» alone: «في آن واحد», «واحد من» are not amounts
                    counted, unit, nstart = None, None, None  # «اثنان من شيوخ …»
                    pc, pend = self.partitive(j)
                    if pend is not None:
                        counted, end = pc, pend
                if definite and nstart is None and not (counted or unit):
                    c, u, cend = self.counted_after(j)  # «طيلة الثلاثة عقود»
                    if cend is not None and (u or (c and (
                            fold(c) in _KNOWN_NOUNS or fold(c) != toks[j].text))):
                        counted, unit, end = c, u, cend
                if nstart is not None and counted and before_al and \
                        _is_id_word("ال" + fold(counted)):
                    return None  # «المادة الـ 18»: an article number
                if before_al and nstart is None and re.search(
                        r"(?:^|\s)[وف]?(?:لل|ال|ل)?(?:يوم|ليله)\s*ال\s*[-–]?\s*$", text[:tok.start]):
                    return None  # «اليوم الـ33»: the 33rd day
                if nstart is not None and before_al and not self.noun_was_plural:
                    return None  # «الذكرى الـ35», «العام الـ58»: a singular noun makes an ordinal
                if nstart is not None and (counted or unit):
                    start = min(start, nstart)
                    if qual is None:
                        q2 = bound_before(text[:start])
                        if q2 is not None:
                            bound, start = q2
                elif before_al:  # «نحو الـ300 مسلح»: no noun before, look after
                    c, u, cend = self.counted_after(j)
                    if cend is not None:
                        counted, unit, end = c, u, cend
            else:
                if j < len(toks) and toks[j].text == ")" and i > 0 and toks[i - 1].text == "(" \
                        and ph.tokens == 1 and tok.is_digits:
                    j += 1  # «( 148 ) شخصا», not «(10 ملايين) والولايات»
                elif j + 1 < len(toks) and toks[j].text in ('"', "»", "”") and \
                        toks[j + 1].is_word and toks[j + 1].text not in _FUNCTION_WORDS and \
                        fold(singular(toks[j + 1].text)) in _KNOWN_NOUNS:
                    j += 1  # «" ما لا يقل عن 400 " جثة»: a quotation ends inside the figure
                c, u, cend = self.counted_after(j)
                if cend is not None:
                    counted, unit, end = c, u, cend
                    j = self._index_at(end) or len(toks)
                    frac = _FRACTION_PLURALS.get(toks[j - 1].text if j else "")
                    if frac and value is not None and counted is not None:
                        value, counted = _clean_number(value / frac), None  # «ثلاثة أرباع»
                else:
                    pc, pend = self.partitive(j)
                    if pend is not None:
                        counted, end = pc, pend
                        j = self._index_at(end) or len(toks)
        # «ست سنوات ونصف»: half more of what was counted
        half = re.match(r"\s+ونصف(?![\u0621-\u064a])", text[end:])
        if half and value is not None and value_max is None:
            value, end = value + 0.5, end + half.end()
        # bound after: تقريبا، على الأقل، ونيف
        qa = bound_after(text[end:])
        if qa is not None and (bound == "exact" or qa[0] == bound):
            bound, end = qa[0], end + qa[1]
        # a year standing alone is a date the dates component did not claim, not an amount
        # (also before a word that is no counted noun: «احتلال 1948 لأنه», «2018 بحسب»)
        if isinstance(value, int) and 1900 <= value <= 2100 and tok.is_digits and ph.tokens == 1 \
                and unit is None and bound == "exact" and value_max is None and (
                    counted is None or (fold(counted) not in _KNOWN_NOUNS
                                        and not fold(counted).endswith("ا"))):
            return None
        if value == 0 and tok.is_digits and unit is None:
            return None  # «2395 0 بقلم»: a counter of page furniture, not an amount
        if ph.tokens == 1 and tok.text in ("اثنين", "الاثنين") and i > 0 and \
                toks[i - 1].text in ("يوم", "ويوم", "كل", "ايام"):
            return None  # «كل يوم اثنين»: Monday
        if isinstance(value, float) and value < 1 and _FINAL_AFTER.match(text, ph.end):
            return None  # «ربع نهائي», «نصف النهائي»: a round of a contest
        if counted is None and unit is None and bound == "exact" and tok.is_digits and \
                value_max is not None and isinstance(value, int) and \
                1000 <= value < value_max <= 2100:
            return None  # «عهد الاحتلال 1882 - 1914»: years, not an amount
        if ph.kind == "words" and ph.tokens == 1 and value == 1000 and counted is None and \
                unit is None and bound == "exact" and tok.text in ("الف", "والف"):
            return None  # «ألّف» (wrote, formed) standing alone, not «ألف» of something
        if _LAW_YEAR_AFTER.match(text, end):
            return None  # «القانون 3 لعام 2004», «المرسوم رقم 128 لسنة 2017»: an id
        if counted is None and unit is None and tok.is_digits and ph.tokens == 1 and \
                _RESOLUTION_BEFORE.search(text, max(0, start - 40), start):
            return None  # «قرار مجلس الأمن 2170»: a resolution's number
        if value is None or (value == 0 and counted is None and unit is None):
            return None
        if counted is None and unit is None and tok.is_digits and (
                re.search(r"[a-zA-Z][\s\-–]*$", text[max(0, start - 4):start])
                or re.match(r"[\s\-–]*[a-zA-Z]", text[end:end + 4])):
            return None  # «88591 - Stc», «Mobily 737221»: codes beside Latin words
        if ph.kind == "words" and ph.tokens == 1 and tok.text.startswith("و") and \
                isinstance(value, float) and value < 1:
            return None  # a loose «ونصف»
        self.figs.append(_Fig(start, end, value, value_max, bound, counted, unit))
        return end

    def _index_at(self, pos: int) -> int | None:
        """Index of the first token starting at or after ``pos``."""
        k = bisect.bisect_left(self.starts, pos)
        return k if k < len(self.toks) else None

    def try_vague(self, i: int) -> int:
        """«عشرات»، «العشرات من القادة»، «مئات الآلاف»، «آلاف» alone: vague amounts."""
        tok = self.toks[i]
        base = _strip_clitic(tok.text) if tok.text not in VAGUE else tok.text
        if base not in VAGUE or self.in_date(tok.start, tok.end):
            return 0
        end, used = tok.end, 1
        nxt = self.word_at(i + 1)
        if nxt is not None and _strip_clitic(nxt.text) in VAGUE:  # عشرات الآلاف
            end, used = nxt.end, 2
            nxt = self.word_at(i + 2)
        if nxt is not None and _is_definite_number(nxt.text):
            return 0  # «المليارات العشرة»: the number that follows says how many
        counted = None
        if nxt is not None and nxt.text == "من":
            noun = self.word_at(i + used + 1)
            if noun is not None and noun.text.startswith("ال"):
                counted = singular(_strip_clitic(_original_token(self.nt, noun)))
                end = noun.end
        elif nxt is not None and nxt.text.startswith("ال") and nxt.text not in _FUNCTION_WORDS \
                and nxt.text not in _NOT_COUNTED_ADJ \
                and not self.in_date(nxt.start, nxt.end):  # عشرات الإنزالات
            counted = singular(_strip_clitic(_original_token(self.nt, nxt)))
            end = nxt.end
        start = tok.start
        qual = bound_before(self.text[:start])
        if qual is not None:
            start = qual[1]
        self.figs.append(_Fig(start, end, None, None, "vague", counted, None))
        return used

    def try_dual(self, i: int) -> int:
        """Dual nouns count two: يومين، محاولتين (indefinite nouns only)."""
        tok = self.toks[i]
        word = _dual_stem(tok.text)
        if word.startswith("ال") or word in _NOT_DUAL or self.in_date(tok.start, tok.end):
            return 0
        lemma: str | None = None
        if word in DUAL_WORDS:
            lemma = DUAL_WORDS[word]
        elif word.endswith(("تين", "تان")) and len(word) >= 5 and word[:-3] + "ه" in FEM_NOUNS:
            if self.word_at(i + 1) is None:
                return 0  # a name standing alone (حريتان |), not «محاولتين لخروج»
            prev = self.toks[i - 1].text if i > 0 else ""
            if prev.endswith(("تين", "تان")):
                return 0  # an adjective agreeing with a dual noun: سيارتين مفخختين
            original = _original_token(self.nt, tok)
            stem = original[:-3]
            if stem[:1] in "وبلف" and fold(tok.text) != word:
                stem = stem[1:]
            lemma = stem + "ة"
        if lemma is None:
            return 0
        unit = unit_of(lemma)
        start = tok.start
        qual = bound_before(self.text[:start])
        bound = "exact"
        if qual is not None:
            bound, start = qual
        self.figs.append(_Fig(start, tok.end, 2, None, bound, None if unit else lemma, unit))
        return 1


def _dual_stem(text: str) -> str:
    """The word try_dual looks up: ``text`` without the clitic it strips."""
    for prefix in ("و", "ب", "ل", "ف", ""):
        if text.startswith(prefix) and text[len(prefix):] in DUAL_WORDS:
            return text[len(prefix):]
    return text[1:] if text[:1] in "وبلف" and len(text) > 6 else text


def _word_may_count(word: str) -> bool:
    """Could the word ``word`` start a figure: a number word (classify with no original
    text accepts everything it accepts with one), a vague amount or a dual noun
    (the checks of try_vague and try_dual that look at the word alone)?"""
    if classify(word, first=True) is not None:
        return True
    if word in VAGUE or _strip_clitic(word) in VAGUE:
        return True
    stem = _dual_stem(word)
    if stem.startswith("ال") or stem in _NOT_DUAL:
        return False
    return stem in DUAL_WORDS or (
        stem.endswith(("تين", "تان")) and len(stem) >= 5 and stem[:-3] + "ه" in FEM_NOUNS)


_MAY_COUNT: dict[str, bool] = {}


def _may_count(word: str) -> bool:
    """_word_may_count, remembered per word (across documents; emptied past 200,000)."""
    hit = _MAY_COUNT.get(word)
    if hit is None:
        if len(_MAY_COUNT) >= 200_000:
            _MAY_COUNT.clear()
        hit = _MAY_COUNT[word] = _word_may_count(word)
    return hit


def _may_open(token: str) -> bool:
    """Can a figure start at a token: a number (Token.is_digits), or a word
    (Token.is_word) that may count?"""
    first = token[0]
    return first.isdigit() or ("\u0621" <= first <= "\u064a" and _may_count(token))


_MAY_OPEN = WordMemo(_may_open)


def find_figures(doc: Document) -> list[Figure]:
    """The figures of ``doc`` (``doc.dates`` should already be filled)."""
    nt = doc.normalized
    out = []
    for f in _Scanner(doc).run():
        s, e = nt.to_original(f.start, f.end)
        while e < len(doc.text) and _TRAILING_MARK.match(doc.text[e]):
            e += 1  # keep the final tanween: «واحداً»
        out.append(Figure(start=s, end=e, text=doc.text[s:e], value=f.value,
                          value_max=f.value_max, bound=f.bound, counted=f.counted, unit=f.unit))
    return out


@component("figures")
def add_figures(doc: Document) -> Document:
    doc.figures = find_figures(doc)
    return doc
