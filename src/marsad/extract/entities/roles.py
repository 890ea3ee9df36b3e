"""Titles and roles of people, read off the words around a person's name.

- Title: ranks and honorifics written right before the name, possibly several words
  («اللواء», «الفريق أول», «جنرال الجيش», «الرئيس», «الدكتور»).
- Role before the name: the noun phrase that starts at an office word (رئيس، وزير،
  نائب، قائد، الناطق، المتحدث، مدير، سفير، مندوب …) and runs up to the title or the
  name, a comma allowed just before the name: «وزير الخارجية الروسي سيرغي لافروف»,
  «قائد الشرطة العسكرية في المنطقة الجنوبية العميد سامر حسن».  The phrase
  does not cross punctuation, reporting verbs or «أن/إن»; when two offices are joined
  by «و» («رئيس الاتحاد الروسي والقائد الأعلى …») the first is the role.
- Role after the name: an office word right after the name (a comma allowed) up to
  the next punctuation, verb or clause word: «الخطيب المتحدث باسم الوزارة»,
  «العلي قائد الفوج الثالث في المنطقة».
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from marsad.text.normalize import fold

#: office words that head a role phrase (folded, without clitics)
ROLE_HEADS = {fold(w) for w in """
رئيس رئيسة وزير وزيرة نائب قائد الناطق الناطقة المتحدث المتحدثة ناطق متحدث مدير مديرة
سفير السفير مندوب المندوب الأمين أمين مستشار المستشار زعيم الزعيم المبعوث مبعوث ممثل الممثل
رئيس القائد الرئيس الوزير النائب المدير عضو العضو محافظ المحافظ قائدا مسؤول المسؤول
منسق المنسق مفوض المفوض آمر
الموفد موفد السفيرة سفيرة المبعوثة مبعوثة نظير نظيره القيادي قيادي الناشط الإرهابي
المعارض القيادية الناشطة ولي
""".split()}
#: pronoun suffixes an office word takes («زعيمها», «نظيره», «نظيريه»)
_SUFFIXES = ("يها", "يه", "ها", "هم", "ه")
#: words a role phrase before the name may cross («مندوب سوريا لدى الأمم المتحدة»,
#: «مبعوث الأمم المتحدة إلى سوريا»), though they end one after the name
_INSIDE_ROLE = {fold(w) for w in "إلى الى لدى".split()}
#: titles that are also the office a person is introduced with («الرئيس دونالد ترامب»)
OFFICE_TITLES = {fold(w) for w in "الرئيس الملك الأمير السيناتور المستشارة".split()}
_PRONOUN_PREPOSITIONS = {fold(w) for w in (
    "عنه عنها عنهم منه منها منهم له لها لهم فيه فيها فيهم عليه عليها عليهم إليه إليها إليهم"
).split()}
_PREPOSITIONS = {fold(w) for w in "من في إلى الى عن على مع".split()}
_INSIDE_QUOTE_LINKS = {fold(w) for w in "في لدى باسم".split()}
_QUOTE_CHARS = set("\"'“”«»„")

#: titles and ranks (folded), multiword first
TITLES = tuple(
    sorted(
        (tuple(fold(w).split()) for w in (
            "الفريق أول", "جنرال الجيش", "اللواء الركن", "العميد الركن", "العماد أول",
            "اللواء", "العميد", "العقيد", "المقدم", "الرائد", "النقيب", "الملازم", "الفريق",
            "المشير", "الجنرال", "جنرال", "العماد", "الأدميرال", "الأميرال", "الرئيس", "الملك",
            "الأمير", "الشيخ", "السيد", "السيدة", "الدكتور", "الدكتورة", "د.", "المهندس",
            "القاضي", "الإمام", "البابا", "المطران", "الحاج", "السيناتور", "العقيد الركن",
            "الكولونيل", "الميجور", "الميجر", "الكابتن", "الجنرال الأمريكي", "المارشال",
            "الرقيب", "الأميرة", "الشيخة", "الملكة", "أركان حرب", "اللواء أركان حرب",
            "العميد أركان حرب", "آية الله", "حجة الإسلام", "المستشارة", "البروفيسور",
        )),
        key=len,
        reverse=True,
    )
)

#: words a role phrase never crosses
BOUNDARY_WORDS = {fold(w) for w in """
قال يقول وقال أكد وأكد أعلن وأعلن أوضح وأوضح أشار وأشار أضاف وأضاف شدد وشدد لفت ولفت بين وبين
اعتبر واعتبر نفى ونفى تساءل وتساءل صرح وصرح ذكر وذكر أفاد وأفاد كشف وكشف أعرب وأعرب
أن إن أنه إنه بأن وأن لأن الذي التي الذين حيث كما قد لقد عن على إلى الى خلال منذ بعد قبل
هو هي وهو وهي للصحفيين للصحافيين للصحافة للإعلاميين منصبه مكانه
مع عندما لدى أمس اليوم مبينا مضيفا موضحا مشيرا مؤكدا نافيا معتبرا لافتا قائلا وقالت
قالت أكدت أعلنت أوضحت وأوضحت أشارت وأشارت بحسب وفق وفقا حسب جهته جانبه
""".split()}

_PUNCT_ALLOWED_BEFORE_NAME = {",", "،"}
#: prepositions and conjunctions a role phrase cannot end with
_DANGLING = {fold(w) for w in "من في و ب ل مع لدى".split()}


@dataclass
class RoleInfo:
    title: str | None = None
    title_span: tuple[int, int] | None = None  # token indexes [start, end)
    role: str | None = None
    role_span: tuple[int, int] | None = None


def _is_word(tok: str) -> bool:
    return any(ch.isalpha() for ch in tok)


def _key(tok: str) -> str:
    w = fold(tok)
    for prefix in ("وال", "فال", "وب", "ول", "و", "ف", "ل", "ب"):
        if w.startswith(prefix) and len(w) - len(prefix) >= 3:
            rest = w[len(prefix):]
            if prefix in ("وال", "فال"):
                rest = "ال" + rest
            if rest in ROLE_HEADS:
                return rest
    for suffix in _SUFFIXES:
        # as written: folded, the feminine «ة» of «النائبة» would pass for the pronoun «ه»
        if tok.endswith(suffix) and len(w) - len(suffix) >= 4 and w[:-len(suffix)] in ROLE_HEADS:
            return w[:-len(suffix)]
    return w


def _is_head(tok: str) -> bool:
    """Is ``tok`` an office word?  «آمر» (commander) counts only as written with «آ»:
    folded it is also the verb «أمر» (ordered)."""
    if fold(tok).endswith("امر") and "آ" not in tok:
        return False
    return fold(tok) in ROLE_HEADS or _key(tok) in ROLE_HEADS


def _conjoined_head(tok: str) -> bool:
    """«والقائد», «والنائب»: a second office joined by و."""
    w = fold(tok)
    return w.startswith("و") and len(w) > 3 and _key(tok) in ROLE_HEADS and w not in ROLE_HEADS


def find_title(words: Sequence[str], start: int) -> tuple[str | None, int]:
    """The title written right before token ``start``, and where it starts."""
    folded = [fold(w) for w in words]
    for title in TITLES:
        n = len(title)
        if start - n >= 0 and tuple(folded[start - n:start]) == title:
            return " ".join(words[start - n:start]), start - n
        # «واللواء»: a title with a leading conjunction
        if n == 1 and start >= 1 and folded[start - 1] == "و" + title[0]:
            return words[start - 1][1:], start - 1
    return None, start


def role_before(
    words: Sequence[str], end: int, window: int = 12, limit: int = 0
) -> tuple[int, int] | None:
    """Token span of the role phrase ending at ``end`` (exclusive), if any, not
    reaching left of ``limit`` (where another person's name ends)."""
    stop = end
    if stop > 0 and words[stop - 1] in _PUNCT_ALLOWED_BEFORE_NAME:
        stop -= 1
    head = None
    i = stop - 1
    while i >= limit and stop - i <= window:
        tok = words[i]
        if tok in _QUOTE_CHARS and head is None:
            # «المتحدث باسم " جيش إدلب الحر "»: a quoted body right after an office word
            opening = next((j for j in range(i - 1, max(limit, i - window) - 1, -1)
                            if words[j] in _QUOTE_CHARS), None)
            if opening is not None and opening > limit and (
                _is_head(words[opening - 1]) or fold(words[opening - 1]) == "باسم"
            ):
                head, i = opening - 1, opening - 2
                continue
            if opening is not None and opening - 1 > limit and fold(words[opening - 1]) in _INSIDE_QUOTE_LINKS \
                    and _is_head(words[opening - 2]):
                head, i = opening - 2, opening - 3  # «القيادي في " حزب الله "»
                continue
            if i == stop - 1:
                i -= 1  # «وزيرة الدفاع الأسترالية " ماريز باين "»: the name's own quote
                continue
            break
        if not _is_word(tok) or fold(tok) in BOUNDARY_WORDS and fold(tok) not in _INSIDE_ROLE \
                or fold(tok) in _PRONOUN_PREPOSITIONS:
            break  # «رئيس الجمهورية مندوبا عنه للتعزية …»: a clause, not an office
        if _is_head(tok):
            head = i
            if i - 1 >= limit and fold(words[i - 1]) in _PREPOSITIONS:
                break  # «الرئيس الإيراني اتصالا من نظيره الفرنسي»: the role is «نظيره الفرنسي»
        i -= 1
    if head is None:
        return None
    # the first of two conjoined offices
    for j in range(head + 1, stop):
        if _conjoined_head(words[j]):
            stop = j
            break
    while stop > head + 1 and not _is_word(words[stop - 1]):
        stop -= 1
    return head, stop


def role_after(
    words: Sequence[str], start: int, window: int = 10, limit: int | None = None
) -> tuple[int, int] | None:
    """Token span of a role phrase starting right after a name at ``start``, not
    reaching ``limit`` (where another person's name starts)."""
    limit = len(words) if limit is None else limit
    i = start
    if i < len(words) and words[i] in _PUNCT_ALLOWED_BEFORE_NAME:
        i += 1
    if i >= len(words) or not _is_head(words[i]) or fold(words[i]).startswith("و"):
        return None
    if fold(words[i])[:1] in "بل" and fold(words[i]) not in ROLE_HEADS:
        return None  # «التقى السيسي برئيس جنوب إفريقيا»: with another person's office
    head = i
    j = head + 1
    while j < limit and j - head < window:
        tok = words[j]
        if not _is_word(tok) or fold(tok) in BOUNDARY_WORDS or _conjoined_head(tok):
            break
        j += 1
    return (head, j) if j > head + 1 else None


def person_role(
    words: Sequence[str], start: int, end: int, left: int = 0, right: int | None = None
) -> RoleInfo:
    """Title and role of the person named by tokens ``[start, end)``; the role phrase
    stays within ``[left, right)`` (between the neighbouring people's names)."""
    info = RoleInfo()
    title, tstart = find_title(words, start)
    if title:
        info.title, info.title_span = title, (tstart, start)
    span = role_before(words, tstart, limit=left)
    if span is None:
        span = role_after(words, end, limit=right)
    if span is not None:
        head, stop = span
        while stop > head + 1 and fold(words[stop - 1]) in _DANGLING:
            stop -= 1  # «رئيس المخابرات من [منصبه]»: a role ends on a noun
        span = (head, stop)
        info.role_span = span
        info.role = " ".join(words[span[0]:span[1]])
    elif title and fold(title) in OFFICE_TITLES:
        info.role_span, info.role = info.title_span, title
    return info
