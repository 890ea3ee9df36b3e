"""Organisations (and a few people) recognised by their written form, where the
model and the alias tables miss them.

- Armed groups and parties: a group word in the construct state («جيش», «لواء»,
  «كتائب», «جند», «فيلق», «حزب», «جماعة» …) and the name after it: one definite word
  («لواء الحق»), or a chain that ends on a definite word («كتائب ثوار الشام», «جيش
  إدلب الحر»), up to three words; a numbered or ordinal unit («الفرقة 101», «الفوج
  الأول»).  An item of a list glued to «و» («وجند الأقصى») counts too.
- «غرفة عمليات X»: the operations room is named by X («غرفة عمليات فتح حلب» → «فتح حلب»).
- A name in quotes after an outlet or body word («موقع " دي برس "», «حملة « مدد أهل
  الشام »», «وكالة " قاسيون "»): the quoted words are the organisation.
- A state body named by its nationality adjective: «الرئاسة التركية», «المخابرات
  السورية», «القوات المسلحة الصينية», «اللجنة الأولمبية القطرية» (a body word, up to
  two definite words, then the adjective).
- People introduced by «يدعى», «تدعى», «المدعو», «الملقب» … («سيدة تدعى " أم فضل "»).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from itertools import compress
from operator import itemgetter

from marsad.text.normalize import WORD_CACHE, strip_clitics
from marsad.text.normalize import fold as _fold

#: words recur: fold each once
fold = lru_cache(maxsize=WORD_CACHE)(_fold)

#: nationality adjectives, masculine (the feminine adds ة)
_NATIONALITIES = """
سوري روسي تركي عراقي إيراني لبناني أردني مصري سعودي قطري إماراتي كويتي بحريني عماني يمني
فلسطيني إسرائيلي أمريكي أميركي بريطاني فرنسي ألماني إيطالي إسباني صيني ياباني هندي باكستاني
أفغاني ليبي تونسي جزائري مغربي سوداني كردي أوروبي أوكراني أسترالي كندي بلجيكي هولندي سويدي
نرويجي دنماركي نمساوي سويسري يوناني قبرصي أرميني أذربيجاني كازاخي إندونيسي ماليزي كوري
إثيوبي صومالي نيجيري موريتاني بيلاروسي جورجي شيشاني فنزويلي برازيلي أرجنتيني مكسيكي
""".split()


@lru_cache(maxsize=1)
def nationality_adjectives() -> frozenset[str]:
    """Definite nationality adjectives, folded: «الروسي», «الروسيه», …"""
    out = set()
    for w in _NATIONALITIES:
        out |= {fold("ال" + w), fold("ال" + w + "ة")}
    return frozenset(out)


def is_nationality(word: str) -> bool:
    return fold(word) in nationality_adjectives()


#: group words in the construct state: «جيش الإسلام», «لواء الحق»
_GROUP_HEADS = {fold(w) for w in (
    "جيش لواء ألوية كتائب كتيبة سرايا جند أجناد فيلق حزب جماعة فرقة فوج"
).split()}
#: definite unit words followed by a number or an ordinal: «الفرقة 101», «الفوج الأول»
_UNIT_HEADS = {fold(w) for w in "الفرقة الفوج".split()}
_ORDINALS = {fold(w) for w in (
    "الأول الأولى الثاني الثانية الثالث الثالثة الرابع الرابعة الخامس الخامسة السادس السادسة "
    "السابع السابعة الثامن الثامنة التاسع التاسعة العاشر العاشرة"
).split()}
#: words that end a group's name: descriptions and links that follow it
_GROUP_STOP = {fold(w) for w in (
    "التابع التابعة التابعين المدعوم المدعومة الموالي الموالية الموالين المعارض المعارضة "
    "المسلح المسلحة المقرب المقربة المبايع المبايعة الذي التي الذين المتشدد المتشددة الإرهابي الإرهابية "
    "المتطرف المتطرفة السابق السابقة الجديد الجديدة النظام الحكومة الاحتلال الدولة البلاد "
    "الجيش القوات الأمن المدينة المنطقة اليوم أمس الماضي الحالي الجاري المقبل "
    "مسلح مسلحة إرهابي إرهابية متطرف متطرفة متشددة معارض معارضة موالية تابع تابعة جديد جديدة "
    "كبيرة صغيرة أخرى محلية"
).split()}
#: words before a quoted name of an outlet or a body
_QUOTE_HEADS = {fold(w) for w in (
    "موقع صحيفة جريدة مجلة شبكة قناة وكالة إذاعة تلفزيون حملة جمعية منظمة مؤسسة حركة جماعة "
    "تجمع فصيل لواء جيش كتائب مجموعة ائتلاف تحالف حزب مرصد شركة صفحة"
).split()}
_QUOTES = set("\"'“”«»„")
#: body words named by a nationality adjective («الرئاسة التركية»)
_BODY_HEADS = {fold(w) for w in (
    "الرئاسة الحكومة المخابرات الاستخبارات البرلمان الشرطة الجيش القوات اللجنة "
    "الهيئة الوكالة المنظمة المجلس"
).split()}
#: body words that need words between them and the adjective («القوات المسلحة
#: الصينية»; «القوات الروسية» alone describes troops and names no body)
_BODY_NEEDS_MIDDLE = {fold(w) for w in "القوات اللجنة الهيئة الوكالة المنظمة المجلس".split()}
_PERSON_CUES = {fold(w) for w in (
    "يدعى تدعى المدعو المدعوة الملقب الملقبة يلقب تلقب المكنى المكناة يكنى تكنى"
).split()}
_CUE_TAILS = {c[-3:] for c in _PERSON_CUES}
_CLITICS = ("و", "ف", "ب", "ل", "وب", "ول", "فب", "فل")
_HEADS = {"group": _GROUP_HEADS, "unit": _UNIT_HEADS, "room": {fold("غرفة")}, "quote": _QUOTE_HEADS,
          "body": _BODY_HEADS}
_TAILS = {k: {h[-3:] for h in v} for k, v in _HEADS.items()}


def _head(word: str, heads: str) -> tuple[int, str] | None:
    """(characters of a glued clitic, the head word) when ``word`` is one of the
    ``heads`` (a key of _HEADS) with or without a clitic («وجيش», «للقوات» = ل +
    القوات), else None."""
    w = fold(word)
    if w[-3:] not in _TAILS[heads]:
        return None  # most words: no head ends so
    return _head_folded(w, heads)


@lru_cache(maxsize=WORD_CACHE)
def _head_folded(w: str, heads: str) -> tuple[int, str] | None:
    table = _HEADS[heads]
    if w in table:
        return 0, w
    for p in _CLITICS:
        if w.startswith(p) and w[len(p):] in table:
            return len(p), w[len(p):]
    for p in ("لل", "ولل"):
        if w.startswith(p) and "ال" + w[len(p):] in table:
            return len(p) - 1, "ال" + w[len(p):]
    return None


def _at_heads(folded: list[str], kinds: tuple[str, ...], stop: int) -> list[int]:
    """Indexes below ``stop`` of the folded words that may be heads of ``kinds``
    (their last three letters are a head's): the only places _head can match."""
    tails = _TAILS_OF.get(kinds)
    if tails is None:
        tails = _TAILS_OF[kinds] = frozenset().union(*(_TAILS[k] for k in kinds))
    return list(compress(range(stop), map(tails.__contains__, map(_LAST_THREE, folded[:stop]))))


_TAILS_OF: dict[tuple[str, ...], frozenset[str]] = {}  # the union of _TAILS per tuple of kinds
_LAST_THREE = itemgetter(slice(-3, None))  # w[-3:]


def _folded(words: list[str], folded: list[str] | None) -> list[str]:
    return [fold(w) for w in words] if folded is None else folded


def _stop(word: str, stop_words: set[str]) -> bool:
    w = fold(word)
    return (not word.isalpha() or w in stop_words or w in _GROUP_STOP or w.startswith("و")
            or w.startswith(("بال", "لل")) and len(w) > 4)


def group_names(words: list[str], stop_words: set[str],
                folded: list[str] | None = None) -> list[tuple[int, int, int]]:
    """(start, end, clitic characters) of armed groups and parties named by a group
    word; ``stop_words`` are function words that never belong to a name.  (``folded``,
    here and below: the words folded, when the caller has them.)"""
    out: list[tuple[int, int, int]] = []
    n = len(words)
    for i in _at_heads(_folded(words, folded), ("group", "unit"), n - 1):
        word = words[i]
        hit = _head(word, "group")
        if hit is not None:
            j = i + 1
            while j < n and j - i <= 3 and not _stop(words[j], stop_words):
                j += 1
            # the name ends on a definite word; a bare indefinite («جماعة مسلحة») is no name
            while j > i + 1 and not fold(words[j - 1]).startswith("ال"):
                if fold(words[j - 2]) == "الله" and j - 2 > i:
                    break  # «جماعة فتح الله غولن»: a person's name goes on after «الله»
                j -= 1
            if j > i + 1:
                out.append((i, j, hit[0]))
            continue
        hit = _head(word, "unit")
        if hit is not None:
            nxt = words[i + 1]
            if nxt.isdigit() or fold(nxt) in _ORDINALS:
                out.append((i, i + 2, hit[0]))
    return out


def operations_rooms(words: list[str], stop_words: set[str], is_place: Callable[[str], bool],
                     folded: list[str] | None = None) -> list[tuple[int, int]]:
    """(start, end) of X in «غرفة عمليات X»: one or two name words ending on a definite
    word or a place («فتح حلب»); «غرفة عمليات موحدة» (an adjective) names nothing."""
    out: list[tuple[int, int]] = []
    for i in _at_heads(_folded(words, folded), ("room",), len(words) - 2):
        if _head(words[i], "room") is None or fold(words[i + 1]) != fold("عمليات"):
            continue
        j = i + 2
        while j < len(words) and j - i - 2 < 2 and not _stop(words[j], stop_words):
            j += 1
        while j > i + 2 and not (fold(words[j - 1]).startswith("ال") or j - i - 2 == 2 and is_place(words[j - 1])):
            j -= 1
        if j > i + 2:
            out.append((i + 2, j))
    return out


def quoted_names(words: list[str], folded: list[str] | None = None) -> list[tuple[int, int]]:
    """(start, end) of a name in quotes right after an outlet or body word."""
    out: list[tuple[int, int]] = []
    for i in _at_heads(_folded(words, folded), ("quote",), len(words) - 2):
        if _head(words[i], "quote") is None or words[i + 1] not in _QUOTES:
            continue
        j = i + 2
        while j < len(words) and j - i - 2 <= 5 and words[j] not in _QUOTES and words[j].isalnum():
            j += 1
        if j > i + 2 and j < len(words) and words[j] in _QUOTES:
            out.append((i + 2, j))
    return out


def national_bodies(words: list[str], folded: list[str] | None = None) -> list[tuple[int, int, int]]:
    """(start, end, clitic characters) of a body named by a nationality adjective."""
    out: list[tuple[int, int, int]] = []
    for i in _at_heads(_folded(words, folded), ("body",), len(words) - 1):
        word = words[i]
        hit = _head(word, "body")
        if hit is None:
            continue
        for j in range(i + 1, min(i + 4, len(words))):
            w = fold(words[j])
            if not (words[j].isalpha() and w.startswith("ال")):
                break
            if is_nationality(words[j]):
                # the adjective agrees with the body word («قصر الرئاسة السوري» is a palace)
                feminine = hit[1].endswith(("ه", "ات"))
                agrees = w.endswith("يه") == feminine
                # «للرئاسة المصرية», «بالرئاسة الأمريكية»: the office, not the institution
                office = hit[1] == fold("الرئاسة") and fold(word)[:1] in ("ل", "ب")
                if agrees and not office and (j > i + 1 or hit[1] not in _BODY_NEEDS_MIDDLE):
                    out.append((i, j + 1, hit[0]))
                break
    return out


def introduced_people(words: list[str], stop_words: set[str], is_given_name: Callable[[str], bool],
                      folded: list[str] | None = None) -> list[tuple[int, int]]:
    """(start, end) of a name after «يدعى», «المدعو» …, quotes allowed around it.
    Folded, «يدعى» (is called) is «يدعي» (claims): the cue must be written with ى,
    and the name be quoted or start with a known given name."""
    out: list[tuple[int, int]] = []
    folded = _folded(words, folded)
    for i, word in enumerate(words[:-1]):
        w = folded[i]
        if w[-3:] not in _CUE_TAILS or (
                w not in _PERSON_CUES and not any(f in _PERSON_CUES for f in strip_clitics(w))):
            continue
        if w.endswith("ي") and not word.endswith("ى"):
            continue
        j = i + 1
        quoted = words[j] in _QUOTES
        if quoted:
            j += 1
        start = j
        while j < len(words) and j - start < 4 and words[j].isalpha() and fold(words[j]) not in stop_words:
            j += 1
        if j > start and (quoted and j < len(words) and words[j] in _QUOTES or is_given_name(words[start])):
            out.append((start, j))
    return out
