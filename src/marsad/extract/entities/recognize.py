"""The ``entities`` pipeline component: people, organisations and places.

Per sentence, three recognisers propose spans over our tokens (marsad.extract.entities.ner_tokens):
1. the CRF model trained on ANERcorp (marsad.extract.entities.ner_model), MISC dropped,
   PERS renamed PER;
2. the alias tables of well-known actors (marsad.extract.entities.canonical_aliases);
3. the place gazetteer (marsad.extract.entities.gazetteer): countries, regions and capitals
   always; other towns when the model gives the words some LOC probability, or after
   a place word («مدينة», «بلدة», «ريف» …), or when they are big cities, or when
   the word belongs to a word cluster full of place names (it is used as places are).
Overlaps are settled longest first (ties: alias, then gazetteer country, then model).
An attached clitic (و، ب، ل، ف، ك) is cut off a mention when the rest is a known name
(«وسوريا» → «سوريا»).

Then each mention gets its canonical name and a stable ``entity_id``
(``f"{type}:{fold(canonical)}"``, the same across articles):
- aliases → the table's canonical («قسد» → «قوات سوريا الديمقراطية»), also when the
  alias is inside a longer mention («تنظيم داعش الإرهابي»);
- places → the gazetteer's name, coordinates and admin area, choosing among
  homonyms by the article's countries and by population;
- people → within an article, a surname or a variant («كوناشينكوف» after
  «اللواء إيغور كوناشينكوف», one letter apart for long names) joins the full name,
  and the fullest name is canonical.  Title and role come from marsad.extract.entities.roles;
  places and organisations that only occur inside a person's role phrase («رئيس
  الاتحاد الروسي») describe the person and are not listed as mentions.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from functools import lru_cache

from marsad.document import Document, Entity
from marsad.extract.entities import canonical_aliases, gazetteer
from marsad.extract.entities.ner_clusters import clusters
from marsad.extract.entities.ner_conll import spans as iob_spans
from marsad.extract.entities.ner_features import LOC_TRIGGERS, lexicon
from marsad.extract.entities.ner_model import tag_with_marginals
from marsad.extract.entities.ner_tokens import Token, tokenize
from marsad.extract.entities.roles import BOUNDARY_WORDS, ROLE_HEADS, TITLES, person_role
from marsad.pipeline import component
from marsad.text.normalize import fold, strip_clitics
from marsad.text.sentences import split_sentences

_TYPE = {"PERS": "PER", "LOC": "LOC", "ORG": "ORG"}
_PRIORITY = {"alias": 0, "country": 1, "model": 2, "place": 3, "list": 4, "title": 5, "body": 6}
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
    "لوم تاني"
).split()}
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
_PLACE_HEADS = LOC_TRIGGERS | {fold(w) for w in "ريفي مدينتي بلدتي محافظتي قريتي".split()}
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


def _is_word(tok: str) -> bool:
    return any(ch.isalnum() for ch in tok)


def _known(form: str) -> bool:
    """Is a folded form, exactly, a known name (gazetteer or alias tables)?"""
    index = gazetteer._index()
    return bool(form in index or form.replace(" ", "") in index or canonical_aliases.lookup(form))


def _clitic_cut(word: str, following: list[str], typ: str = "") -> int:
    """How many characters of a name's first ``word`` are an attached clitic to cut
    off (0 if none): when the name without it is known and the word with it is not,
    or (for و and ف) when news text uses the bare word and never the prefixed one,
    or, for a person, when the word without «و» is a known given name of four letters
    or more and the word with it is not («وحافظ الأسد»), or when و/ل is glued to «عبد…»
    («لعبد الناصر»); «ف» and «ل» start too many names (فؤاد، لطفي) to be cut otherwise."""
    w = fold(word)
    tail = "".join(" " + fold(x) for x in following)
    vocab = clusters()
    if len(w) < 4 or _known(w + tail):
        return 0  # «بريطانيا», «لبنان» are names as they stand
    cut = next((p for p in _LEADING_CLITICS
                if w.startswith(p) and len(w) - len(p) >= 3 and _known(w[len(p):] + tail)), None)
    if cut is None and w[0] in "وف" and w[1:] in vocab and w not in vocab:
        cut = w[0]
    if cut is None and typ == "PER" and w[0] in "ول" and w not in _person_words():
        first_names = lexicon().get("lex_per_first", frozenset())
        if w[1:].startswith("عبد") or w[0] == "و" and len(w) > 4 and w[1:] in first_names:
            cut = w[0]
    if cut is None:
        return 0
    # map folded letters back onto the word (harakat are dropped by fold)
    seen = 0
    for i, ch in enumerate(word):
        if not _HARAKAT.match(ch):
            seen += 1
        if seen == len(cut):
            return i + 1
    return 0


@lru_cache(maxsize=1)
def _place_clusters() -> tuple[frozenset[str], frozenset[str]]:
    """Word clusters (fine, coarse) where names of sizeable places abound: a town
    name in one of them is used the way news uses place names."""
    index = gazetteer._index()
    stats: dict[str, list[int]] = {}
    for word, ids in clusters().items():
        coarse, fine = ids[0], ids[1]
        big = any(p.kind != "city" or p.population >= 50_000 for p in index.get(word, ()))
        for key in ("f" + fine, "c" + coarse):
            st = stats.setdefault(key, [0, 0])
            st[0] += 1
            st[1] += big
    fine_ok = frozenset(k[1:] for k, (n, b) in stats.items() if k[0] == "f" and b >= 5 and b >= 0.25 * n)
    coarse_ok = frozenset(k[1:] for k, (n, b) in stats.items() if k[0] == "c" and b >= 10 and b >= 0.1 * n)
    return fine_ok, coarse_ok


def _place_like(word: str) -> bool:
    fine_ok, coarse_ok = _place_clusters()
    cl = clusters()
    for form in _first_forms(word):
        if form in cl:
            return cl[form][1] in fine_ok or cl[form][0] in coarse_ok
    return False


def _first_forms(word: str) -> list[str]:
    """Forms of a name's first word to look up: clitics off, the article kept on
    («وبالرقة» → «الرقه», but «السورية» never → «سوريه»)."""
    first = fold(word)
    if len(first) <= 3:
        return [first]
    out: list[str] = []
    for f in strip_clitics(first):
        if f != first and first.endswith("ال" + f):
            f = "ال" + f
        if f not in out:
            out.append(f)
    return out


def _phrase_keys(words: list[str]) -> list[str]:
    """Folded forms of a phrase to look up, with the first word's clitics stripped."""
    rest = " ".join(fold(w) for w in words[1:])
    return [f"{f} {rest}".strip() for f in _first_forms(words[0])]


def _alias_in(words: list[str]) -> tuple[str, str] | None:
    """The longest known actor named inside a mention's words, as (type, canonical)."""
    n = len(words)
    for length in range(n, 0, -1):
        for i in range(0, n - length + 1):
            for key in _phrase_keys(words[i:i + length]):
                hit = canonical_aliases.lookup(key)
                if hit:
                    return hit
    return None


def _dictionary_mentions(words: list[str], probs: list[dict[str, float]]) -> list[Mention]:
    out: list[Mention] = []
    n = len(words)
    max_len = max(canonical_aliases.max_alias_words(), 4)
    i = 0
    alias_first = canonical_aliases.first_words()
    place_first = gazetteer.first_words()
    while i < n:
        if not _is_word(words[i]):
            i += 1
            continue
        starts = set(_first_forms(words[i]))
        if starts.isdisjoint(alias_first) and starts.isdisjoint(place_first):
            i += 1
            continue
        found: Mention | None = None
        for length in range(min(max_len, n - i), 0, -1):
            phrase = words[i:i + length]
            if not all(_is_word(w) for w in phrase):
                continue
            keys = _phrase_keys(phrase)
            hit = next((canonical_aliases.lookup(k) for k in keys if canonical_aliases.lookup(k)), None)
            if hit:
                found = Mention(i, i + length, hit[0], "alias", canonical=hit[1])
                break
            if length > 3 or len(fold(phrase[0])) < 3:
                continue
            places = gazetteer.candidates(" ".join(phrase))
            if not places:
                continue
            if any(p.kind in ("country", "region", "capital") for p in places):
                found = Mention(i, i + length, "LOC", "country")
                break
            loc_p = max(probs[j].get("LOC", 0.0) for j in range(i, i + length))
            prev = fold(words[i - 1]) if i > 0 else ""
            pop = max(p.population for p in places)
            big = pop >= 1_000_000 or length > 1 and pop >= 100_000
            after_place_word = prev in _STRONG_PLACE_WORDS or any(
                f in _STRONG_PLACE_WORDS for f in strip_clitics(prev)
            )
            after_talks = prev in _TALKS_WORDS and pop >= 100_000
            if (
                loc_p >= 0.2
                or after_talks
                or after_place_word and loc_p >= 0.02
                or big and loc_p >= 0.05
                or length == 1 and _place_like(phrase[0])
                and (pop >= 5_000 or any(p.country in ("SY", "IQ") for p in places))
            ):
                found = Mention(i, i + length, "LOC", "place")
                break
        if found:
            out.append(found)
            i = found.end
        else:
            i += 1
    return out


_NAME_STOP = {fold(w) for w in (
    "الذي التي الذين في من على إلى الى عن مع أن إن و أو ثم بعد قبل خلال حيث قد لم لن كان "
    "أول ثان ثاني الأول الثاني"
).split()}


_RANKS = {fold(w) for w in "اللواء العميد العقيد الفريق الجنرال جنرال العماد المقدم الرائد النقيب".split()}


def _titled_names(words: list[str], probs: list[dict[str, float]]) -> list[Mention]:
    """A person's name right after a rank or title («الفريق فاليري أسابوف»): one to
    three words, none a function word or office word; the first a known given name
    or name word (WikiFANE lexicons), or one the model gives some PERS probability,
    or, after a military rank, the first of a two- or three-word name."""
    lex = lexicon()
    given = lex.get("lex_per_first", frozenset()) | lex.get("lex_per", frozenset())
    out: list[Mention] = []
    folded = [fold(w) for w in words]

    def name_word(j: int) -> bool:
        return (words[j].isalpha() and folded[j] not in _NAME_STOP and folded[j] not in ROLE_HEADS
                and not folded[j].startswith("وال")
                and folded[j] not in BOUNDARY_WORDS and not any(f in _NOT_NAMES for f in strip_clitics(folded[j])))

    for i in range(1, len(words)):
        title = next((t for t in TITLES if i - len(t) >= 0 and folded[i - len(t):i] == list(t)), None)
        if title is None or not name_word(i) or folded[i].startswith("ال"):
            continue
        j = i + 1
        while j < len(words) and j - i < 3 and name_word(j):
            j += 1
        if folded[i] in given or probs[i].get("PERS", 0.0) >= 0.05 or (
            title[-1] in _RANKS and j - i >= 2
        ):
            out.append(Mention(i, j, "PER", "title"))
    return out


def _extend_given_name(m: Mention, words: list[str], taken: set[int]) -> None:
    """«مولود جاويش أوغلو» where the model found «جاويش أوغلو»: a known given name
    (WikiFANE first names) right before a person's name belongs to it."""
    first_names = lexicon().get("lex_per_first", frozenset())
    for _ in range(2):
        i = m.start - 1
        if i < 0 or i in taken or not words[i].isalpha():
            return
        w = fold(words[i])
        if w not in first_names or w in ROLE_HEADS or w in _NAME_STOP or w.startswith("ال"):
            return
        m.start = i
        taken.add(i)


def _model_mentions(tags: list[str], words: list[str]) -> list[Mention]:
    out = []
    for start, end, typ in sorted(iob_spans(tags)):
        if typ not in _TYPE:
            continue
        while start < end and not _is_word(words[start]):
            start += 1
        while end > start and not _is_word(words[end - 1]):
            end -= 1
        if typ == "LOC" and end > start:
            start, end = _fit_place_span(words, start, end)
        for a, b in _coordinated_parts(words, start, end):
            out.append(Mention(a, b, _TYPE[typ], "model"))
    return out


#: direction adjectives that follow a place name: «حلب الشرقية» is in «حلب»
_DIRECTIONS = {fold(w) for w in "الشرقية الغربية الشمالية الجنوبية الشرقي الغربي الشمالي الجنوبي".split()}


def _fit_place_span(words: list[str], start: int, end: int) -> tuple[int, int]:
    """A place span the model cut inside a known name grows to the whole name
    («دير» before «الزور»); a direction adjective after a known place is left out."""
    def name(a: int, b: int) -> str:
        return " ".join(fold(x) for x in words[a:b])

    if end < len(words) and not _known(name(start, end)) and (
        _known(name(start, end + 1)) or _known(name(end - 1, end + 1))
    ):
        end += 1
    if (end - start > 1 and fold(words[end - 1]) in _DIRECTIONS and not _known(name(start, end))
            and _known(name(start, end - 1))):  # «الغوطة الشرقية» is a name of its own
        end -= 1
    return start, end


def _coordinated_parts(words: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """A model span cut where a word glued to «و» starts a known name of its own:
    «تدمر ودير الزور» is two places, «بني وليد» stays one."""
    if end <= start:
        return []
    for j in range(start + 1, end):
        w = fold(words[j])
        rest = " ".join([w[1:], *(fold(x) for x in words[j + 1:end])])
        if w.startswith("و") and len(w) > 3 and _known(rest) and _known(
            " ".join(fold(x) for x in words[start:j])
        ):
            return [(start, j), *_coordinated_parts(words, j, end)]
    return [(start, end)]


def _settle(candidates: list[Mention]) -> list[Mention]:
    """Non-overlapping mentions, longest first, then by source priority."""
    chosen: list[Mention] = []
    taken: set[int] = set()
    for m in sorted(candidates, key=lambda m: (-(m.end - m.start), _PRIORITY[m.source], m.start)):
        if taken.isdisjoint(range(m.start, m.end)):
            chosen.append(m)
            taken.update(range(m.start, m.end))
    # a country named by the gazetteer is a place even if the model said ORG on the same words
    return sorted(chosen, key=lambda m: m.start)


def _same_span_fix(chosen: list[Mention], candidates: list[Mention]) -> None:
    for m in chosen:
        if m.source == "model":
            for c in candidates:
                if c.source in ("alias", "country") and (c.start, c.end) == (m.start, m.end):
                    m.type, m.source, m.canonical = c.type, c.source, c.canonical


def _close(a: str, b: str) -> bool:
    """Equal, or one edit apart for names of five letters or more."""
    if a == b:
        return True
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _name_tokens(text: str) -> list[str]:
    return [fold(w) for w in text.split() if _is_word(w)]


def _group_people(people: list[Mention], texts: dict[int, str]) -> dict[int, str]:
    """Group a document's person mentions; returns group -> canonical name."""
    names: dict[int, list[str]] = {}  # group -> canonical tokens (folded)
    canon: dict[int, str] = {}
    for m in people:
        text = texts[id(m)]
        toks = _name_tokens(text)
        if not toks:
            continue
        if m.canonical:
            key = fold(m.canonical)
            for g, c in canon.items():
                if fold(c) == key:
                    m.group = g
                    break
            else:
                g = len(canon)
                canon[g], names[g], m.group = m.canonical, _name_tokens(m.canonical), g
            continue
        match = None
        for g in sorted(names, reverse=True):  # most recent group first
            gt = names[g]
            if len(toks) == 1 and any(_close(toks[0], t) for t in gt):
                match = g
                break
            if len(toks) > 1 and (
                len(gt) == 1 and any(_close(gt[0], t) for t in toks)
                or len(gt) > 1 and len(gt) == len(toks) and all(map(_close, gt, toks))
                or len(gt) > 1 and _close(gt[-1], toks[-1]) and _close(gt[0], toks[0])
            ):
                match = g
                break
        if match is None:
            match = len(canon)
            canon[match], names[match] = text, toks
        elif len(toks) > len(names[match]) and not _alias_canon(canon[match]):
            canon[match], names[match] = text, toks
        m.group = match
    # a surname seen before the full name (a headline «غيراسيموف:») joins it afterwards
    merged: dict[int, int] = {}
    for g, toks in names.items():
        if len(toks) == 1:
            fuller = [h for h, t in names.items() if len(t) > 1 and any(_close(toks[0], x) for x in t)]
            if len(fuller) == 1:
                merged[g] = fuller[0]
    for m in people:
        m.group = merged.get(m.group, m.group)
    return canon


def _alias_canon(name: str) -> bool:
    hit = canonical_aliases.lookup(name)
    return bool(hit and fold(hit[1]) == fold(name))


def _entity_id(typ: str, canonical: str) -> str:
    return f"{typ}:{' '.join(fold(canonical).split())}"


def _find_mentions(text: str, sentences: list[tuple[int, int]], field: str) -> list[Mention]:
    """Recognise mentions in ``text`` (offsets into it), sentence by sentence."""
    mentions: list[Mention] = []
    for s_start, s_end in sentences:
        toks = tokenize(text, s_start, s_end)
        words = [t.text for t in toks]
        if not words:
            continue
        tags, probs = tag_with_marginals(words, ("PERS", "LOC"))
        candidates = (
            _model_mentions(tags, words) + _dictionary_mentions(words, probs) + _titled_names(words, probs)
            + _listed_places(words, probs) + _institutions(words)
        )
        listed = [m for m in candidates if m.source == "list"]
        candidates = [  # in a list of places, the items are places, not people
            c for c in candidates
            if not (c.source in ("model", "title") and c.type in ("PER", "ORG")
                    and any(c.start < m.end and m.start < c.end for m in listed))
        ]
        chosen = _settle(candidates)
        _same_span_fix(chosen, candidates)
        kept: list[Mention] = []
        people = [m for m in chosen if m.type == "PER"]
        taken = {i for m in chosen for i in range(m.start, m.end)}
        for m in people:
            _extend_given_name(m, words, taken)
            _trim_person(m, words)
        for m in chosen:
            m.field = field
            if m.type == "LOC":
                _trim_place_word(m, words)
                _cut_at_place_word(m, words)
            while m.type == "ORG" and m.source != "alias" and m.end - m.start > 1 \
                    and fold(words[m.end - 1]) in _TIME_WORDS:
                m.end -= 1  # «وكالة الأنباء السعودية الخميس»
            m.words = words[m.start:m.end]
            cut = _clitic_cut(words[m.start], words[m.start + 1:m.end], m.type)
            if m.conjunction and toks[m.start].text[:1] in "ولبف":
                cut = max(cut, 1)
            m.char_start = toks[m.start].start + cut
            m.char_end = toks[m.end - 1].end
            if m.type == "PER":
                left = max((p.end for p in people if p.end <= m.start), default=0)
                right = min((p.start for p in people if p.start >= m.end), default=len(words))
                info = person_role(words, m.start, m.end, left, right)
                m.title = info.title
                if info.role_span:
                    rs, re_ = info.role_span
                    m.role_chars = (toks[rs].start + _conjunction_cut(words[rs]), toks[re_ - 1].end)
                    m.role = text[m.role_chars[0]:m.role_chars[1]]
            elif _after_office_word(toks, m.start):
                continue  # «رئيس هيئة الأركان»: the body describes an office
            elif m.type == "ORG" and m.source == "model" and _after_vehicle_word(words, m.start):
                continue  # «سيارة بيك آب»: a vehicle, not an organisation
            elif m.type == "ORG" and m.source == "model" and _lone_adjective(words[m.start:m.end]):
                continue  # «العربي»: an adjective alone names no organisation
            kept.append(m)
        # organisations and places that only describe a person's office are not mentions
        roles = [m.role_chars for m in kept if m.role_chars]
        mentions += [
            m for m in kept
            if (m.type == "PER" or not any(a <= m.char_start and m.char_end <= b for a, b in roles))
            and _is_name(text[m.char_start:m.char_end])
        ]
    return mentions


@component("entities")
def add_entities(doc: Document) -> Document:
    """Fill ``doc.entities`` (mentions in the text); mentions in the title, dateline
    and outlet go to ``doc.meta["header_entities"]`` with offsets into that field."""
    sentences = [(s.start, s.end) for s in doc.sentences] or list(split_sentences(doc.text))
    fields = {"text": doc.text}
    mentions = _find_mentions(doc.text, sentences, "text")
    for name in ("title", "dateline"):
        value = getattr(doc, name)
        if value:
            fields[name] = value
            mentions += _find_mentions(value, list(split_sentences(value)), name)
    if doc.outlet:
        fields["outlet"] = doc.outlet
        hit = canonical_aliases.lookup(doc.outlet)
        if hit:  # an outlet is an entity when it is a known agency («سانا»)
            mentions.append(Mention(0, 0, hit[0], "alias", canonical=hit[1], field="outlet",
                                    char_start=0, char_end=len(doc.outlet)))

    texts = {id(m): fields[m.field][m.char_start:m.char_end] for m in mentions}
    # canonical names: aliases first
    for m in mentions:
        if m.canonical is None and m.type in ("ORG", "PER"):
            hit = _alias_in(m.words)
            if hit and (hit[0] == m.type or m.type == "ORG"):
                m.type, m.canonical = hit
    # places: countries first, they decide among homonymous towns
    context: list[str] = []
    for m in mentions:
        if m.type == "LOC":
            place = gazetteer.resolve(texts[id(m)])
            if place and place.kind in ("country", "capital") and place.country:
                context.append(place.country)
    for m in mentions:
        if m.type == "LOC" and m.canonical is None:
            m.place = gazetteer.resolve(texts[id(m)], context)
            if m.source == "list" and m.place and m.place.country not in (*context, *gazetteer._THEATRE):
                m.place = None  # an unknown village that shares a name with a town abroad
            m.canonical = m.place.canonical if m.place else _clean_name(texts[id(m)])
        elif m.type == "ORG" and m.canonical is None:
            m.canonical = _clean_name(texts[id(m)])
    countries = set(context)
    mentions = [m for m in mentions if not (m.type == "LOC" and _stray_town(m, texts[id(m)], countries))]
    _merge_org_prefixes([m for m in mentions if m.type == "ORG"])
    # body first, so that names introduced in the text lead their group
    people = sorted((m for m in mentions if m.type == "PER"), key=lambda m: m.field != "text")
    canon = _group_people(people, texts)
    titles: dict[int, str] = {}
    roles_of: dict[int, str] = {}
    for m in people:
        if m.title and m.group not in titles:
            titles[m.group] = m.title
        if m.role and m.group not in roles_of:
            roles_of[m.group] = m.role

    doc.entities = []
    header: list[dict[str, object]] = []
    for m in sorted(mentions, key=lambda m: m.char_start):
        if m.type == "PER":
            canonical = canon.get(m.group, texts[id(m)])
            title, role = titles.get(m.group), roles_of.get(m.group)
        else:
            canonical, title, role = m.canonical or texts[id(m)], None, None
        entity = Entity(
            start=m.char_start, end=m.char_end, text=texts[id(m)], type=m.type,
            canonical=canonical, entity_id=_entity_id(m.type, canonical), title=title, role=role,
            lat=m.place.lat if m.place else None, lon=m.place.lon if m.place else None,
            country=(m.place.country or None) if m.place else None,
            admin=m.place.admin_name if m.place else None,
        )
        if m.field == "text":
            doc.entities.append(entity)
        else:
            header.append({"field": m.field, **dataclasses.asdict(entity)})
    if header:
        doc.meta["header_entities"] = header
    else:
        doc.meta.pop("header_entities", None)
    return doc


def _is_name(text: str) -> bool:
    """Not a common noun or a group of people taken for a name, nor page debris in
    Latin script (the model is trained on Arabic text only)."""
    if re.search(r"[A-Za-z]", text):
        return bool(canonical_aliases.lookup(text))
    if _TANWEEN.search(text):
        return False  # «دوماً» (always) is an adverb, not the town of Douma
    forms = strip_clitics(fold(text.strip()))
    return len(forms[0]) > 1 and not any(f in _NOT_NAMES or f in _COMMON_NOUNS for f in forms)


def _after_office_word(tokens: list[Token], start: int) -> bool:
    """Is the word before token ``start`` an office word («رئيس», «باسم»)?"""
    if start == 0:
        return False
    prev = fold(tokens[start - 1].text)
    return prev in _OFFICE_WORDS or any(f in _OFFICE_WORDS for f in strip_clitics(prev)[1:])


def _trim_place_word(m: Mention, words: list[str]) -> None:
    """«ريف حمص», «مدينة تدمر» → the place is «حمص», «تدمر» (unless the gazetteer
    knows the whole phrase, as «ريف دمشق»)."""
    while m.end - m.start > 1:
        first = words[m.start]
        if not any(f in _PLACE_HEADS for f in strip_clitics(fold(first))):
            return
        whole = gazetteer.candidates(" ".join(words[m.start:m.end]))
        if any(p.kind != "city" or p.population > 0 for p in whole):
            return
        m.start += 1


def _clean_name(text: str) -> str:
    """A mention as a name: no quotes, no trailing «الإرهابي»-type epithet."""
    words = [w for w in re.split(r"\s+", text.strip()) if w]
    words = [w.strip("\"'“”«»„()[]") for w in words]
    words = [w for w in words if w]
    while len(words) > 1 and fold(words[-1]) in _TRAILING_EPITHETS:
        words.pop()
    return " ".join(words) or text


def _merge_org_prefixes(orgs: list[Mention]) -> None:
    """Within an article, «وزارة الدفاع» after «وزارة الدفاع الروسية» is the same body."""
    names = [m.canonical for m in orgs if m.canonical]
    for m in orgs:
        if not m.canonical:
            continue
        key = fold(m.canonical)
        longer = [n for n in names if fold(n).startswith(key + " ")]
        if len({fold(n) for n in longer}) == 1 and key not in LOC_TRIGGERS:
            m.canonical = longer[0]


@lru_cache(maxsize=1)
def _person_words() -> frozenset[str]:
    """Words of people's names (WikiFANE given names and name words), folded."""
    lex = lexicon()
    return frozenset(lex.get("lex_per_first", frozenset()) | lex.get("lex_per", frozenset()))


#: words that end a person's name when the model runs on past it: pronouns,
#: demonstratives, auxiliaries, weekdays («بشار الأسد هو», «بندر كانوا»)
_AFTER_NAME = {fold(w) for w in (
    "هو هي هم هما هذا هذه ذلك تلك هؤلاء كل بعض جميع كان كانت كانوا يكون ليس ليست وهو وهي "
    "الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت أيضا ايضا"
).split()}


_REGNAL = {fold(w) for w in "الأول الثاني الثالث الرابع الخامس".split()}
_NAME_LINKS = {fold(w) for w in "آل بن ابن بنت أبو أبي أم عبد".split()}


def _ends_name(word: str, prev: str = "") -> bool:
    """Is ``word`` (after a person's first name word) no part of the name?  The word
    after «آل», «بن», «أبو», «عبد» always is («محمد آل ثاني»)."""
    if fold(prev) in _NAME_LINKS:
        return False
    w = fold(word)
    if not word.isalpha() or w in ("علي", "ابو", "ابن", "بن", "بنت", "ال"):
        return not word.isalpha()
    if w in _REGNAL or w in _person_words():
        return False  # «عبدالله الثاني», «محمد أمين»
    if w in _AFTER_NAME or w in _NAME_STOP or w in BOUNDARY_WORDS or w in ROLE_HEADS:
        return True
    if w.endswith("ا") and w[:-1] in ROLE_HEADS:
        return True  # «عُيّن بندر رئيسا»: an accusative office word
    if _TANWEEN.search(word):
        return True
    # «بالوقوف», «للمخابرات»: a preposition glued to a definite noun
    return (w.startswith("بال") or w.startswith("لل")) and w[2:] not in _person_words()


def _trim_person(m: Mention, words: list[str]) -> None:
    """Cut a person's span down to the name: a title inside the span goes (it is read
    as the title: «الكولونيل ريان ديلون» → «ريان ديلون»), and the span ends before the
    first word that cannot be part of a name («بندر هو», «عبدالله الأربعاء») or right
    after a known person's full name («بشار الأسد مقابلة» → «بشار الأسد»)."""
    if m.source == "alias":
        return
    folded = [fold(w) for w in words]
    while m.end - m.start > 1:
        title = next((t for t in TITLES if m.end - m.start > len(t)
                      and tuple(folded[m.start:m.start + len(t)]) == t), None)
        if title is None:
            break
        m.start += len(title)
    for k in range(m.start + 1, m.end):
        if _ends_name(words[k], words[k - 1]):
            m.end = k
            break
    for k in range(m.end - 1, m.start, -1):
        hit = canonical_aliases.lookup(" ".join(folded[m.start:k]))
        if hit and hit[0] == "PER" and folded[k] not in _person_words():
            m.end = k
            break


def _cut_at_place_word(m: Mention, words: list[str]) -> None:
    """«فيضة الشويط بريف دير الزور»: a place phrase ends before a glued place word
    («بريف», «بمدينة», «وبلدة») or «في» — what follows is another place."""
    for k in range(m.start + 1, m.end):
        w = fold(words[k])
        if w == "في" or len(w) > 3 and w[0] in "بو" and w[1:] in _PLACE_HEADS:
            m.end = k
            return


def _conjunction_cut(word: str) -> int:
    """1 when a role phrase starts with a glued «و» («ووزير الدفاع»), else 0."""
    w = fold(word)
    return 1 if word.startswith("و") and w not in ROLE_HEADS and w[1:] in ROLE_HEADS else 0


def _stray_town(m: Mention, text: str, context: set[str]) -> bool:
    """A one-word place the gazetteer resolves to a small town far from the story:
    a foreign town outside the article's countries and the region (one word of news
    text colliding with a geonames name), or a town whose name lost a hamza seat in
    folding («بؤر» is not «بور»)."""
    p = m.place
    if p is None or p.kind not in ("city", "capital") or len(text.split()) != 1:
        return False
    if p.kind == "capital":  # «نوك»: only a tiny capital far from the story
        return p.population < 20_000 and p.country not in context
    if any(ch in text and ch not in p.canonical for ch in "ؤئ"):
        return True
    if p.country in context or p.country in gazetteer._THEATRE:
        return False
    limit = 50_000 if p.country in gazetteer._REGION_PRIOR else 150_000
    return p.population < limit


def _after_vehicle_word(words: list[str], start: int) -> bool:
    """Is the word before ``start`` (quotes skipped) a vehicle word («سيارة», «عربات»)?"""
    i = start - 1
    while i >= 0 and not _is_word(words[i]):
        i -= 1
    return i >= 0 and any(f in _VEHICLE_WORDS for f in strip_clitics(fold(words[i])))


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


def _list_item(words: list[str], probs: list[dict[str, float]], i: int, first: bool) -> int:
    """End of a place name starting at ``i`` in a list after a place head, or ``i``
    when the words there do not look like a place name.  The name runs one or two
    words (up to the next «و…» word, punctuation or function word); its first word
    must be a name-like word: in the gazetteer, given some LOC probability by the
    model, or unknown to the news vocabulary (small villages are), and neither a
    common noun nor a function word.  Further items of a list may be common words
    used as names («والقطعة», «ومصالحة،») when definite or closing the list; a verb
    («والتقت بالقوات») is neither."""
    word = words[i]
    w = fold(word)
    if not first:
        if not w.startswith("و") or len(w) < 4:
            return i
        w = w[1:]
    if (not word.isalpha() or _TANWEEN.search(word) or w in _NAME_STOP or w in BOUNDARY_WORDS
            or w in ROLE_HEADS or w in _NOT_NAMES and w not in _PLACE_HEADS or w in _COMMON_NOUNS or len(w) < 3
            or w.startswith("ال") and w[2:] in _PLACE_HEADS or w in _LIST_STOP
            or w in _LIST_HEADS):  # «… ومدن ذات أهمية»: a new head starts its own list
        return i
    if not first and w.endswith(("هما", "هم", "كم", "نا")) and len(w) > 5:
        return i  # «وأخفاهما»: a verb with an object pronoun
    vocab = clusters()
    last = i + 1 >= len(words) or not _is_word(words[i + 1])
    definite = word[1:].startswith("ال") if word.startswith("و") else word.startswith("ال")
    if not (w in gazetteer._index() or probs[i].get("LOC", 0.0) >= 0.05 or w not in vocab
            or w in _PLACE_HEADS or w in _COMPOUND_STARTS and not last
            or w.startswith("ال") and w[2:] not in vocab
            or not first and (definite or last)):
        return i
    end = i + 1
    if w in _PLACE_HEADS or w in _COMPOUND_STARTS:
        nxt = fold(words[end]) if end < len(words) else ""
        if nxt and words[end].isalpha() and not nxt.startswith("و") and nxt not in _NAME_STOP:
            end += 1  # «كرم الأفندي», «تل أبيض», «ومنطقة الإسكان»
    return end


def _listed_places(words: list[str], probs: list[dict[str, float]]) -> list[Mention]:
    """Places named in a list after a place head: «سيطر على بلدات الصالحية والخرطية
    والقطعة ومصالحة», «أحياء الشيخ سعيد وكرم الأفندي».  Each item joined by «و»
    (commas allowed) is a place, as long as it looks like a name (see _list_item)."""
    out: list[Mention] = []
    i = 0
    n = len(words)
    while i < n - 1:
        written = words[i][1:] if words[i][:1] in "وبلف" and fold(words[i][1:]) in _LIST_HEADS else words[i]
        head = fold(written)
        # «الأحياء الشرقية»: a definite head takes adjectives; «لبلده» (his country) is
        # no «بلدة»: heads ending in ة must be written so
        if head not in _LIST_HEADS or written.endswith("ه"):
            i += 1
            continue
        j, first = i + 1, True
        while j < n and (first or head not in _SINGLE_HEADS):
            end = _list_item(words, probs, j, first)
            if end == j:
                break
            out.append(Mention(j, end, "LOC", "list", conjunction=0 if first else 1))
            j, first = end, False
            while j < n and words[j] in ("،", ","):
                j, first = j + 1, True  # «قرى X، Y، وZ»: after a comma an item needs no «و»
        i = max(j, i + 1)
    return out


def _lone_adjective(words: list[str]) -> bool:
    """One definite nisba adjective («العربي», «الإسلامية») and nothing else."""
    if len(words) != 1:
        return False
    w = fold(words[0])
    return w.startswith("ال") and w.endswith(("ي", "يه")) and not canonical_aliases.lookup(w)


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


def _institutions(words: list[str]) -> list[Mention]:
    """Institutions the model misses, by their written form: an institution word in
    the construct state followed by one to three definite words («وزارة الصحة
    السورية», «منظمة الصحة العالمية»); a glued «و» or «ل» on the head is left out of
    the name.  «الوزارة» alone (definite) refers back to a named body and is no name."""
    out: list[Mention] = []
    for i, word in enumerate(words[:-1]):
        w = fold(word)
        if w not in _INSTITUTION_HEADS and not (w[:1] in "ولبف" and w[1:] in _INSTITUTION_HEADS):
            continue
        j = i + 1
        while j < len(words) and j - i <= 3:
            nxt = words[j]
            if not (nxt.isalpha() and nxt.startswith("ال")) or fold(nxt) in _NOT_NAMES | _TIME_WORDS:
                break
            j += 1
        if j > i + 1:
            out.append(Mention(i, j, "ORG", "body", conjunction=int(w not in _INSTITUTION_HEADS)))
    return out
