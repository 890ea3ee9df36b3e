"""Mentions and the word tables the recognisers of marsad.extract.entities.recognize share:
the Mention record, the common nouns and function words that are never names, place
and office words, and small helpers to look names up in the alias tables and the
gazetteer."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from marsad.extract.entities import canonical_aliases, gazetteer
from marsad.extract.entities.ner_features import LOC_TRIGGERS, lexicon
from marsad.text.normalize import WORD_CACHE, fold, strip_clitics

_STRONG_PLACE_WORDS = {fold(w) for w in (
    "مدينة المدينة بلدة البلدة بلدات قرية القرية قرى حي أحياء ريف مخيم محافظة منطقة "
    "مناطق مدن محيط أطراف ضواحي مدينتي بلدتي"
).split()}


_TRAILING_EPITHETS = {fold(w) for w in ("الإرهابي", "الإرهابية", "المتطرف", "المتطرفة")}


#: common nouns and group names the model sometimes takes for names
_NOT_NAMES = {fold(w) for w in (
    "المدينة العاصمة البلاد الدولة الأكراد العرب الروس الأمريكيون الأمريكيين الأتراك "
    "الإيرانيون السوريون السوريين المسلحين المسلحون الإرهابيين الإرهابيون الحكومة الجيش "
    "القوات الوزارة التحالف المعارضة النظام الغرب الشرق المنطقة الإرهاب إرهابيو إرهابيي "
    "مسلحو مسلحي عناصر مقاتلو مقاتلي الميليشيا الميليشيات المليشيا المليشيات الشيعة الشيعي "
    "السنة شيعة"
).split()}


#: common nouns that are also the (alternate) names of towns somewhere: «أمان» (safety)
#: is not Amman, «الحرية» (freedom) is not a Brazilian town, «مجلس الشيوخ» is a chamber
_COMMON_NOUNS = {fold(w) for w in (
    "أمان الأمان أمن الأمن الحرية الشيوخ داخله الداخل مهجورة الميدان السلام النصر الوحدة "
    "الثورة العدل المستقبل الأمل حفظه بؤر بؤرة الله بالله حرفيا بحري خفي مدان ميدان المشهد "
    "لوم تاني قاعدتي قاعدتيها"
).split()}


#: adjectives of a military base or unit («القاعدة البحرية», «القاعدة الجوية»)
_BASE_ADJECTIVES = {fold(w) for w in "البحرية الجوية العسكرية البرية الصاروخية الأمامية".split()}


#: social networks: the medium a statement went out on, not an actor
_PLATFORMS = {fold(w) for w in "تويتر تويتير فيسبوك فيس بوك يوتيوب تلغرام تيليغرام واتساب إنستغرام".split()}


#: words after which a city names where talks or a deal took place («محادثات أستانا»)
_TALKS_WORDS = {fold(w) for w in (
    "محادثات مفاوضات مؤتمر اتفاق اتفاقية مسار اجتماعات اجتماع قمة منصة جولة تفاهمات تفاهم"
).split()}


#: heads of a list of places: «بلدات الصالحية والخرطية والقطعة»
_LIST_HEADS = {fold(w) for w in (
    "بلدات قرى أحياء مدن بلدتي قريتي مدينتي حيي مخيمات بلدة قرية حي مدينة مخيم"
).split()}


#: heads of one place only: «مدينة مسكنة وإلقاء…» goes on with something else
_SINGLE_HEADS = {fold(w) for w in "بلدة قرية حي مدينة مخيم".split()}


#: words that name a vehicle: an «ORG» right after them is a make or model («سيارة بيك آب»)
_VEHICLE_WORDS = {fold(w) for w in (
    "سيارة سيارات عربة عربات شاحنة شاحنات آلية آليات مركبة مركبات حافلة حافلات دبابة دبابات "
    "طائرة طائرات مروحية مروحيات"
).split()}


_NOT_NAMES |= {w[2:] for w in _NOT_NAMES if w.startswith("ال")} | LOC_TRIGGERS


#: words after which an organisation or place describes someone's office («رئيس هيئة
#: الأركان», «المتحدث باسم وزارة الخارجية»), not a mention of its own
_OFFICE_WORDS = {fold(w) for w in (
    "رئيس رئيسة وزير وزيرة نائب قائد مدير سفير مندوب باسم لوزير"
).split()}


#: words that head a place phrase without being part of the name (duals included)
_PLACE_HEADS = LOC_TRIGGERS | {fold(w) for w in (
    "ريفي مدينتي بلدتي محافظتي قريتي مرفأ ميناء قاعدة قاعدتي"
).split()}


_LEADING_CLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل")  # shortest first


_HARAKAT = re.compile(r"[\u064B-\u065F\u0670\u0640]")


_TANWEEN = re.compile(r"[\u064B-\u064D]")


@dataclass
class Mention:
    start: int  # token index in the sentence
    end: int
    type: str
    source: str
    canonical: str | None = None
    place: gazetteer.Place | None = None
    char_start: int = 0
    char_end: int = 0
    title: str | None = None
    role: str | None = None
    role_chars: tuple[int, int] | None = None
    group: int = -1
    words: list[str] = field(default_factory=list)
    field: str = "text"  # text | title | dateline | outlet
    conjunction: int = 0  # a list item's glued «و» (characters to cut)
    after_place_word: bool = False  # «مدينة X», «ومدينة X»
    prev_word: tuple[int, str] | None = None  # the word before a person's name: (char start, text)


@lru_cache(maxsize=WORD_CACHE)
def _is_word(tok: str) -> bool:
    return any(ch.isalnum() for ch in tok)


def _known(form: str) -> bool:
    """Is a folded form, exactly, a known name (gazetteer or alias tables)?"""
    index = gazetteer._index()
    return bool(form in index or form.replace(" ", "") in index or canonical_aliases.lookup(form))


@lru_cache(maxsize=WORD_CACHE)
def _first_forms(word: str) -> tuple[str, ...]:
    """Forms of a name's first word to look up: clitics off, the article kept on
    («وبالرقة» → «الرقه», but «السورية» never → «سوريه»)."""
    first = fold(word)
    if len(first) <= 3:
        return (first,)
    out: list[str] = []
    for f in strip_clitics(first):
        if f != first and first.endswith("ال" + f):
            f = "ال" + f
        if f not in out:
            out.append(f)
    return tuple(out)


def _phrase_keys(words: list[str]) -> list[str]:
    """Folded forms of a phrase to look up, with the first word's clitics stripped."""
    rest = " ".join(fold(w) for w in words[1:])
    return [f"{f} {rest}".strip() for f in _first_forms(words[0])]


_NAME_STOP = {fold(w) for w in (
    "الذي التي الذين في من على إلى الى عن مع أن إن و أو ثم بعد قبل خلال حيث قد لم لن كان "
    "أول ثان ثاني الأول الثاني"
).split()}


@lru_cache(maxsize=1)
def _person_words() -> frozenset[str]:
    """Words of people's names (WikiFANE given names and name words), folded."""
    lex = lexicon()
    return frozenset(lex.get("lex_per_first", frozenset()) | lex.get("lex_per", frozenset()))


#: first words of two-word place names («كرم الأفندي», «تل أبيض», «عين عيسى»)
_COMPOUND_STARTS = {fold(w) for w in (
    "كرم تل عين دير كفر بيت خان جسر باب أبو رأس قلعة الشيخ مزرعة جبل تلة بير بئر أم سد معرة "
    "حقل مطار"
).split()}


#: words after a place head that describe the places rather than name them («مدن ذات
#: أهمية», «قرى عدة», «بلدات مجاورة»)
_LIST_STOP = {fold(w) for w in (
    "ذات ذو ذي عدة عديدة كبرى كبيرة صغيرة أخرى مجاورة محيطة قريبة بعيدة عدد بعض كل جميع معظم "
    "أغلب واسعة جديدة"
).split()}


#: words that head the name of an institution: «وزارة الصحة السورية», «وكالة الأنباء الفرنسية»
_INSTITUTION_HEADS = {fold(w) for w in (
    "وزارة هيئة منظمة مجلس لجنة مفوضية وكالة جمعية جامعة مؤسسة محكمة"
).split()}


#: time words that follow a body's name without being part of it («أعلنت الوزارة الداخلية
#: البحرينية اليوم»)
_TIME_WORDS = {fold(w) for w in (
    "اليوم الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت الماضي الحالي الجاري "
    "المقبل"
).split()}
