"""Who is speaking: a light speaker-phrase parser and the discourse memory of speakers.

The parser reads the words around a reporting verb (folded tokens of
``doc.normalized``) and recognises, without any model:

- a person: ``[role phrase] [title] name [role phrase]`` — «وزير الداخلية العراقي قاسم
  الأعرجي», «العميد نزار الخطيب المتحدث باسم وزارة الدفاع», «اللواء سامر حسن قائد
  الفرقة …», or a bare name already known in the article («الخطيب» after «نزار
  الخطيب»);
- a role or title with no name («المسؤول العسكري الروسي», «الجنرال», «الناطق باسم
  وزارة الدفاع»): resolved to the person introduced with that role, else to the last
  person who spoke;
- an organisation: a head noun and its genitive/adjective chain («وزارة الدفاع الروسية»,
  «هيئة الأركان العامة الروسية», «الحكومة السورية»), a known name or alias (قسد, سانا),
  an agency («وكالة "سانا" السورية» → سانا), a short form («الدفاع الروسية» → وزارة الدفاع
  الروسية), or a back-reference («الوزارة», «البيان»);
- an unnamed source: the introducing phrase is kept («مصدر عسكري», «قائد ميداني»).

When the entities component has filled ``doc.entities`` the PER/ORG entity covering a
speaker phrase gives the canonical name and the ``entity_id``; without entities the
parser alone decides.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from marsad.document import Entity
from marsad.extract.claims.folding import WordMemo, fold
from marsad.extract.claims.lexicon import (
    _NATIONALITIES,
    AGENCIES,
    COUNTRIES,
    DOCUMENT_BACKREFS,
    FUNCTION_WORDS,
    KNOWN_ORGS,
    MASC_ORG_HEADS,
    NISBA_ADJECTIVES,
    ORG_BACKREFS,
    ORG_HEADS,
    PERSON_BACKREFS,
    ROLE_HEADS,
    SKIPPABLE,
    TITLE_TAILS,
    TITLES,
    UNNAMED_HEADS,
    VERBAL_NOUNS,
    _fset,
    is_verbal_noun,
)


class Tok(NamedTuple):
    """A token of the normalized text: folded form and offsets into it (immutable; a
    named tuple: claims.tokens builds a sentence's in C)."""

    start: int
    end: int
    text: str  # folded

    @property
    def bare(self) -> str:
        """The token without a glued و/ف/ل/ب when what remains is a known word or a
        definite noun («لوزارة» → «وزارة», «والجيش» → «الجيش»); else the token."""
        return bare(self.text)


def is_word(tok: Tok) -> bool:
    return tok.text[:1].isalpha()


def is_punct(tok: Tok) -> bool:
    return not tok.text[:1].isalnum()


@dataclass
class Speaker:
    """A speaker the article has introduced."""

    name: str  # canonical display name
    kind: str  # PER | ORG | UNNAMED
    gender: str  # m | f | pl
    entity_id: str | None = None
    role: str = ""  # folded role/title words it was introduced with
    keys: set[str] = field(default_factory=set)  # folded names it may be called by


@dataclass
class Mention:
    """A speaker phrase found in the text."""

    start: int  # normalized offsets
    end: int
    speaker: Speaker | None  # None: an unresolved back-reference
    backref: str | None = None  # PER | ORG | STATEMENT for «الجنرال», «الوزارة», «البيان»
    role: str = ""


def _folded_words(s: str) -> list[str]:
    return [w for w in fold(s).replace("«", " ").replace("»", " ").split() if w]


class SpeakerBook:
    """The speakers of one article, in order of appearance, with lookup by name."""

    def __init__(
        self, entities: list[Entity] | None = None, text: str = "", offsets: tuple[int, ...] = (),
    ) -> None:
        self.people: list[Speaker] = []
        self.orgs: list[Speaker] = []
        self.entities = [e for e in (entities or []) if e.type in ("PER", "ORG")]
        self.text = text  # the normalized text, for offsets of entities
        self.offsets = offsets  # normalized → original offsets
        #: PER entities by the original offset they start at
        self.person_starts = {e.start: e for e in self.entities if e.type == "PER"}

    # -- registry ---------------------------------------------------------------------
    def find_person(self, key: str) -> Speaker | None:
        for p in reversed(self.people):
            if key in p.keys:
                return p
        return None

    def find_org(self, key: str) -> Speaker | None:
        for o in reversed(self.orgs):
            if key in o.keys:
                return o
        return None

    def add_person(self, name: str, role: str = "", entity_id: str | None = None) -> Speaker:
        words = _folded_words(name)
        full = " ".join(words)
        found = self.find_person(full)
        if found is None and len(words) == 1:
            found = self.find_person(words[0])
        if found is None and len(words) > 1:
            # «داود أوغلو» then «أحمد داود أوغلو»: the same person, keep the longer name
            for p in reversed(self.people):
                old = " ".join(_folded_words(p.name))
                if len(old.split()) > 1 and (full.endswith(" " + old) or old.endswith(" " + full)):
                    if len(full) > len(old):
                        p.name = name
                    p.keys.add(full)
                    found = p
                    break
        if found is not None:
            if role and not found.role:
                found.role = role
            if entity_id and not found.entity_id:
                found.entity_id = entity_id
            return found
        female = bool(role) and role.split()[0].endswith("ه") and role.split()[0] not in ("قياده",)
        sp = Speaker(name, "PER", "f" if female else "m", entity_id, role, {full})
        if len(words) > 1:
            sp.keys.add(words[-1])
        self.people.append(sp)
        return sp

    def add_org(self, name: str, entity_id: str | None = None) -> Speaker:
        key = " ".join(_folded_words(name))
        found = self.find_org(key)
        if found is not None:
            if entity_id and not found.entity_id:
                found.entity_id = entity_id
            return found
        head = key.split()[0] if key else ""
        gender = "m" if head in MASC_ORG_HEADS else "f"
        sp = Speaker(name, "ORG", gender, entity_id, "", {key})
        # «وزارة الدفاع الروسية» may later be «وزارة الدفاع» or «الدفاع الروسية»
        words = key.split()
        if len(words) >= 3:
            sp.keys.add(" ".join(words[:2]))
            sp.keys.add(" ".join(words[1:]))
        self.orgs.append(sp)
        return sp

    def person_by_role(self, role_words: list[str]) -> Speaker | None:
        """The person introduced with a role sharing most of ``role_words``."""
        content = [w for w in role_words if w not in FUNCTION_WORDS and len(w) > 2]
        if not content:
            return None
        best: tuple[float, int] | None = None
        best_sp = None
        wanted_nisbas = {w for w in content if w in _NATIONALITIES}
        for idx, p in enumerate(self.people):
            have = set(p.role.split())
            other = {w for w in have if w in _NATIONALITIES}
            if wanted_nisbas and other and not wanted_nisbas & other:
                continue  # «وزير الخارجية القطري» is not the American one
            stems = {w.removeprefix("ال") for w in have}
            hits = sum(1 for w in content if w in have or w.removeprefix("ال") in stems)
            score = hits / len(content)
            if score >= 0.6 and (best is None or (score, idx) > best):
                best, best_sp = (score, idx), p
        return best_sp

    # -- entities --------------------------------------------------------------------
    def seen_before(self, sp: Speaker, norm_pos: int) -> bool:
        """True when the text names ``sp`` before normalized offset ``norm_pos``."""
        return any(0 <= self.text.find(k) < norm_pos for k in sp.keys)

    def person_at(self, norm_start: int) -> Entity | None:
        """The PER entity starting at normalized offset ``norm_start``."""
        if not self.person_starts or norm_start >= len(self.offsets):
            return None
        return self.person_starts.get(self.offsets[norm_start])

    def entity_at(self, start: int, end: int, offsets: tuple[int, ...]) -> Entity | None:
        """A PER/ORG entity overlapping the normalized span ``[start, end)``."""
        if not self.entities or end <= start:
            return None
        o_start, o_end = offsets[start], offsets[end - 1] + 1
        best = None
        for e in self.entities:
            if e.start < o_end and o_start < e.end:
                if best is None or (e.end - e.start) > (best.end - best.start):
                    best = e
        return best


# -- the phrase parser -----------------------------------------------------------------


_VOCAB: frozenset[str] = frozenset()


def _bare(t: str) -> str:
    """``t`` without one glued conjunction/preposition when a known word remains."""
    global _VOCAB
    if not _VOCAB:
        _VOCAB = (
            ORG_HEADS | ROLE_HEADS | TITLES | UNNAMED_HEADS | PERSON_BACKREFS | ORG_BACKREFS
            | frozenset(k.split()[0] for k in KNOWN_ORGS) | frozenset(k.split()[0] for k in AGENCIES)
        )
    if t.startswith("لل") and len(t) > 4:
        return "ال" + t[2:]
    if len(t) > 3 and t[0] in "وفلب":
        rest = t[1:]
        if rest in _VOCAB or (rest.startswith("ال") and len(rest) > 4):
            return rest
    return t


#: ``bare(t)``: :func:`_bare`, remembered per word
bare: Callable[[str], str] = WordMemo(_bare).__getitem__


def _is_name_token(tok: Tok, book: SpeakerBook, *, after_title: bool) -> bool:
    t = tok.text
    if not t[:1].isalpha() or len(t) < 2 or t.isascii():
        return False
    if is_verbal_noun(t):
        return False
    if t.startswith("ال") and not after_title:
        return False
    if t in UNNAMED_HEADS and not after_title:
        return False  # «مصدر أمني», «شهود عيان»: an unnamed source, not a name
    if t in FUNCTION_WORDS or t in TITLES or is_role_head(t) or t in ORG_HEADS:
        return False
    if t.startswith("و") and not after_title and not any(t in p.keys for p in book.people):
        return False
    if (t.startswith(("بال", "وال", "لل")) and not after_title) or (len(t) >= 5 and t.endswith("ات")):
        return False  # «بالتوازي», «مفاوضات»: common words, not names
    if t in COUNTRIES or bare(t) in AGENCIES:
        return False
    if t.startswith("ل") and not after_title and len(t) >= 5 and t.endswith(("ه", "ي")) and not any(t[1:] in p.keys for p in book.people):
        return False  # «لعملية», «لمصراوي»: a preposition glued to a noun
    if t.startswith("ب") and not after_title and len(t) >= 5 and t.endswith("ه") and not any(t in p.keys for p in book.people):
        return False  # «بإتاحة»: a preposition glued to a verbal noun
    from marsad.extract.claims.reporting import COMPLEMENTIZERS, NOMINAL, lookup

    if t in COMPLEMENTIZERS or t in NOMINAL or lookup(t) is not None:
        return False
    return True


def _take_title(toks: list[Tok], i: int) -> int:
    """Index after a title at ``i`` (``i`` itself when there is none)."""
    if i < len(toks) and toks[i].text in TITLES:
        j = i + 1
        while j < len(toks) and toks[j].text in TITLE_TAILS:
            j += 1
        return j
    return i


def _is_role_head(word: str) -> bool:
    """«السفيرة», «لوزير», «والناطق» … : a role noun with or without article/clitic."""
    b = bare(word)
    return b in ROLE_HEADS or (b.startswith("ال") and b[2:] in ROLE_HEADS)


#: ``is_role_head(word)``: :func:`_is_role_head`, remembered per word
is_role_head: Callable[[str], bool] = WordMemo(_is_role_head).__getitem__


_ROLE_LINKS = _fset("باسم بلسان في لدى ل إلى")
_PLACE_HEADS = _fset("محافظة مدينة ريف منطقة بلدة إقليم ولاية مقاطعة")


def _take_role(toks: list[Tok], i: int) -> int:
    """Index after a role phrase starting at ``i`` (a role head and its genitive chain)."""
    if i >= len(toks) or not is_role_head(toks[i].text):
        return i
    j = i + 1
    while j < len(toks):
        t = toks[j]
        txt = t.text
        if txt in TITLES or is_punct(t) and txt not in ("،", ","):
            break
        if txt in ("،", ","):
            # an apposition goes on only into another role or a title
            if j + 1 < len(toks) and (toks[j + 1].text in TITLES or is_role_head(toks[j + 1].text)):
                j += 1
                continue
            break
        if txt in _ROLE_LINKS and j + 2 < len(toks) and toks[j + 1].text in QUOTE_CHARS:
            # «المتحدث باسم " الوحدات الكردية "»: a quoted body closes the role
            close = next((c for c in range(j + 2, min(j + 9, len(toks))) if toks[c].text in QUOTE_CHARS), None)
            if close is not None and close > j + 2:
                j = close + 1
                continue
        if txt in _ROLE_LINKS and j + 1 < len(toks):
            # «الناطق باسم الوزارة», «قائد القوات في سورية», «مبعوث الأمم المتحدة إلى سوريا»
            nxt = toks[j + 1]
            place = nxt.bare in ORG_HEADS or nxt.text in COUNTRIES or bare(nxt.text).removeprefix("ال") in _PLACE_HEADS
            # «قائد الشرطة في المدينة اللواء …»: a title soon after shows the role goes on
            titled = any(t2.text in TITLES for t2 in toks[j + 2:j + 5])
            if place or (titled and nxt.text.startswith("ال")) or (txt != fold("في") and nxt.text.startswith("ال") and nxt.text not in FUNCTION_WORDS):
                j += 2
                continue
            break
        if txt.startswith("ال") or txt.startswith("لل") or txt.startswith("وال"):
            if txt in FUNCTION_WORDS:
                break
            j += 1
            continue
        if is_role_head(txt) or t.bare in ORG_HEADS or txt in ORG_HEADS:
            j += 1
            continue
        if txt.startswith("ل") and j + 1 < len(toks) and toks[j + 1].text.startswith("ال") \
                and toks[j + 1].text not in FUNCTION_WORDS and txt not in FUNCTION_WORDS:
            j += 2  # a genitive: «المفوضية العليا لشؤون اللاجئين»
            continue
        if txt in COUNTRIES and j > i:
            j += 1
            continue
        prev = toks[j - 1]
        if (prev.bare in ORG_HEADS and not prev.text.startswith("ال") and txt.isalpha()
                and txt not in FUNCTION_WORDS and txt not in TITLES):
            # a construct: «مجلس عشائر الفرات» — an indefinite head takes its genitive
            j += 1
            continue
        break
    return j


def _speaks_for_person(role: list[Tok]) -> bool:
    """«متحدث باسم الرئيس …» speaks for a person; «… باسم مجلس …» for an organisation."""
    words = [t.text for t in role]
    if fold("باسم") not in words:
        return False
    k = words.index(fold("باسم")) + 1
    return k < len(role) and role[k].bare not in ORG_HEADS


_NAME_LINKS = _fset("عبد أبو ابن أبي بن")


def _take_name(toks: list[Tok], i: int, book: SpeakerBook, *, after_title: bool) -> int:
    """Index after a name run at ``i``: up to four name-like words; a run that already
    names a known person stops before a following word that does not extend that name
    («باين للصحفيين»), and words glued to a preposition+article (للصحفيين) never join."""
    j = i
    known = {k for p in book.people for k in p.keys}
    if i + 1 < len(toks) and toks[i].text.startswith("ال") and toks[i].text in known and toks[i + 1].text == ":":
        return i + 1  # a headline «الخطيب : …» after «نزار الخطيب»
    if i + 1 < len(toks) and toks[i].text == fold("بان") and toks[i + 1].text == fold("كي"):
        j = i + 2  # «بان كي مون»: بان is not «بأن» here
    if after_title and i + 1 < len(toks) and toks[i].text == fold("علي"):
        nxt = toks[i + 1].text
        # «علي» folds like «على»: after a role it is the name when a family name follows
        if nxt.startswith("ال") and nxt.endswith("ي") and nxt not in NISBA_ADJECTIVES and nxt not in FUNCTION_WORDS:
            return i + 2
    while j < len(toks) and j - i < 4 and (_is_name_token(
        toks[j], book,
        after_title=(after_title and j == i) or (j - i == 1 and toks[j].text.startswith("ال"))
        or (j > i and toks[j - 1].text in _NAME_LINKS) or (j - i == 2 and toks[i].text in _NAME_LINKS),
    ) or (j > i and toks[j - 1].text in _NAME_LINKS and toks[j].text in TITLES)):  # «عبد الملك»
        if j > i and toks[j].text.startswith(("لل", "بال", "وال", "فال", "كال")):
            break
        if j > i:
            run = " ".join(t.text for t in toks[i:j])
            longer = " ".join(t.text for t in toks[i:j + 1])
            if run in known and not any(k.startswith(longer) for k in known):
                break
        w = toks[j].text
        if j - i >= 2 and w not in known and (w[:1] in "يت" or (w[:1] == "ا" and w.endswith("ت"))):
            break  # «فاليري جيراسيموف يجيب», «عماد خميس أقامت»: a verb after the name
        if toks[j].text.startswith("ال") and j - i == 1 and not after_title and toks[j - 1].text not in _NAME_LINKS:
            break  # «حاجة البلاد»: a family name with the article needs a title or a role
        if toks[j].text.startswith("ال") and j > i and toks[j - 1].text in _NAME_LINKS:
            j += 1  # «عبد الرحمن», «أبو الفضل»
            continue
        if toks[j].text.startswith("ال") and j == i:
            break
        if toks[j].text.startswith("ال") and toks[j].text.endswith(("ي", "يه")) and (
            (j - i != 1 and not (j - i == 2 and toks[i].text in _NAME_LINKS))
            or toks[j].text in NISBA_ADJECTIVES or toks[j].text.endswith("يه")
        ):
            break
        if j > i and toks[j].text.startswith("ال"):
            if j - i == 1 or (j - i == 2 and toks[i].text in _NAME_LINKS):  # «سهيل الحسن», «عبد الملك الحوثي»
                j += 1
            break
        j += 1
    return j


def _is_nisba(word: str) -> bool:
    """A relational adjective (الروسية، السوري، الرسمية) that closes a name."""
    return word.startswith(("ال", "لل")) and word.endswith(("ي", "يه", "يين", "يون"))


def _take_org(toks: list[Tok], i: int) -> int:
    """Index after an organisation phrase at ``i``: head noun + genitive/adjective chain."""
    if i >= len(toks):
        return i
    head = toks[i]
    if head.bare not in ORG_HEADS and head.text not in ORG_HEADS:
        return i
    j = i + 1
    seen_nisba = False
    while j < len(toks):
        t = toks[j]
        txt = t.text
        if txt in QUOTE_CHARS:
            close = next((c for c in range(j + 2, min(j + 6, len(toks))) if toks[c].text in QUOTE_CHARS), None)
            if close is not None and all(x.text.isalpha() for x in toks[j + 1:close]):
                j = close + 1  # وكالة "سانا", صحيفة «الديلي ستار»
                continue
            break
        if txt == "(" and j + 2 < len(toks) and toks[j + 2].text == ")":
            j += 3  # وكالة الأنباء السورية (سانا)
            continue
        if txt in FUNCTION_WORDS or txt in TITLES or t.bare in ROLE_HEADS:
            break
        if is_verbal_noun(txt):
            break  # «أكدت حركة أمل التزامها»: the object begins
        if txt.startswith(("ال", "لل")) or t.bare in ORG_HEADS:
            if seen_nisba and not _is_nisba(txt):
                # «وزارة الدفاع الروسية | التحرير الكامل»: the object begins — but a
                # genitive name goes on: «اللجنة الدولية للصليب الأحمر»
                nxt = toks[j + 1].text if j + 1 < len(toks) else ""
                if not (txt.startswith("لل") and nxt.startswith("ال") and nxt not in FUNCTION_WORDS):
                    break
                seen_nisba = False
                j += 1
                continue
            seen_nisba = seen_nisba or _is_nisba(txt)
            j += 1
            continue
        if txt in COUNTRIES or fold(txt) in KNOWN_ORGS or fold(txt) in AGENCIES:
            j += 1
            continue
        if j == i + 1 and not head.text.startswith("ال") and txt.isalpha() and len(txt) > 2 \
                and txt not in FUNCTION_WORDS and not is_role_head(txt) and not txt.startswith(("و", "ل", "ب")) \
                and not txt.endswith(("يه", "ي")):
            from marsad.extract.claims.reporting import COMPLEMENTIZERS, lookup

            if txt not in COMPLEMENTIZERS and lookup(txt) is None:
                # a construct: «سلطات كازاخستان», «حكومة نتنياهو», «منظمة هيومن رايتس ووتش»
                j += 1
                run = j
                while run < len(toks) and run - i < 5:
                    w = toks[run].text
                    if not w.isalpha() or w.startswith(("ال", "لل", "ب", "ل")) or w.endswith("ه") or w in FUNCTION_WORDS \
                            or w in COMPLEMENTIZERS or lookup(w) is not None or is_role_head(w) or w in TITLES:
                        break
                    run += 1
                # a longer bare run is a foreign name only when the phrase closes after it
                nxt = toks[run].text if run < len(toks) else ""
                if run > j and (nxt in ("،", ",", ":") or nxt in FUNCTION_WORDS or nxt in COMPLEMENTIZERS):
                    j = run
                if j < len(toks) and not toks[j].text.startswith(("ال", "لل")):
                    break  # «منظمة … قوات جيش»: a construct takes no further bare heads
                continue
        break
    return j


QUOTE_CHARS = frozenset("«»“”„\"‹›'")
#: what may follow a bare name right after a verb (a clause, an adjunct, a pause)
FOLLOW_OK = _fset(
    "أن إن أنه إنه أنها بأن في خلال عن إلى على لـ أمس اليوم قائلا من ل بدوره أيضا مساء صباح "
    "الذي التي"
)


def _span_text(toks: list[Tok], i: int, j: int, text: str) -> str:
    return text[toks[i].start:toks[j - 1].end] if j > i else ""


def _strip_clitic_display(s: str) -> str:
    """«لوزارة الدفاع» → «وزارة الدفاع», «والجيش» → «الجيش» (folded strings)."""
    if s.startswith("لل"):
        return "ال" + s[2:]
    if len(s) > 4 and s[0] in "لوب" and (s[1:].split()[0] in ORG_HEADS or s[1:].startswith("ال")):
        return s[1:]
    return s


def canonical_org(folded: str, book: SpeakerBook) -> tuple[str, bool]:
    """The canonical name of a folded organisation phrase and whether it is an agency."""
    s = _strip_clitic_display(" ".join(w for w in folded.split() if w not in QUOTE_CHARS))
    inner = s[s.index("(") + 1:s.index(")")].strip() if "(" in s and ")" in s[s.index("("):] else ""
    for q in QUOTE_CHARS:
        s = s.replace(q, " ")
    s = " ".join(s.replace("(", " ").replace(")", " ").split())
    words = s.split()
    if words and words[0] in (fold("وكالة"), fold("وكاله")) and len(words) > 1:
        rest = " ".join(words[1:])
        for k, v in AGENCIES.items():
            if rest == k or rest.startswith(k + " "):
                return v, True
        if inner in AGENCIES:
            return AGENCIES[inner], True  # «وكالة أنباء النظام الرسمية (سانا)»
        if words[1] not in (fold("الانباء"), fold("انباء")) and not words[1].startswith("ال"):
            return words[1], True  # «وكالة تسنيم»; «وكالة الإعلام الروسية» keeps its full name
    if s in AGENCIES:
        return AGENCIES[s], True
    if words and words[0] == fold("وكاله"):
        for w in words[1:]:
            if w in AGENCIES:
                return AGENCIES[w], True
    if s in KNOWN_ORGS:
        return KNOWN_ORGS[s], False
    known = book.find_org(s)
    if known is not None:
        return known.name, False
    # drop trailing adjectives until a known organisation is reached
    for cut in range(len(words) - 1, 0, -1):
        prefix = " ".join(words[:cut])
        if prefix in KNOWN_ORGS:
            return KNOWN_ORGS[prefix], False
    return "", False


@dataclass
class Parsed:
    """What the parser found at a position: a phrase and what kind it is."""

    start_tok: int
    end_tok: int  # exclusive
    kind: str  # PER | ORG | AGENCY | UNNAMED | BACKREF_PER | BACKREF_ORG | STATEMENT
    name_folded: str = ""  # for PER: the name; for ORG: the phrase
    role_folded: str = ""
    name_tok: int = -1  # where an ORG's own name starts when words precede it («بيان صادر عن …»)
    first: Parsed | None = None  # for a GROUP: its first member, the main speaker


_SPOKES = _fset("متحدث متحدثة ناطق ناطقة مسؤول مصدر")


def parse_phrase(toks: list[Tok], i: int, book: SpeakerBook, *, strong_only: bool = False) -> Parsed | None:
    """Parse a speaker phrase starting exactly at token ``i``.

    ``strong_only`` accepts only phrases with a clear cue (a title, a role, an
    organisation head, a known name or alias), as needed before a verb.
    """
    n = len(toks)
    if i >= n:
        return None
    first = toks[i]
    # a quoted organisation: «قوات سوريا الديمقراطية»
    if first.text in QUOTE_CHARS:
        k = i + 1
        while k < n and k - i <= 6 and toks[k].text not in QUOTE_CHARS:
            k += 1
        if k < n and k > i + 1:
            inner = " ".join(t.text for t in toks[i + 1:k])
            if inner in KNOWN_ORGS or inner in AGENCIES:
                return Parsed(i, k + 1, "ORG", inner)
            quoted = parse_phrase(toks[:k], i + 1, book, strong_only=strong_only)
            if quoted is not None and quoted.end_tok == k and quoted.kind in ("ORG", "PER", "BACKREF_ORG"):
                return Parsed(i, k + 1, quoted.kind, quoted.name_folded, quoted.role_folded)
        return None
    # a country or capital speaking for its government: «أكدت موسكو أن»
    if not strong_only and first.bare in COUNTRIES and (i + 1 >= n or not toks[i + 1].text.startswith("ال")):
        return Parsed(i, i + 1, "ORG", first.bare)
    # a known alias or agency, one to four words
    for width in (4, 3, 2, 1):
        if i + width <= n:
            words = [t.bare if w == 0 else t.text for w, t in enumerate(toks[i:i + width])]
            phrase = " ".join(words)
            if phrase in KNOWN_ORGS or phrase in AGENCIES:
                j = i + width
                # «الدفاع الروسية» is whole; keep trailing adjectives of a longer name
                return Parsed(i, j, "ORG", phrase)
    # role / title / name
    j = _take_role(toks, i)
    role_end = j
    k = _take_title(toks, j)
    title_end = k
    m = _take_name(toks, k, book, after_title=k > i)
    if m > k:
        name = " ".join(t.text for t in toks[k:m])
        known = book.find_person(name) or (book.find_person(toks[m - 1].text) if m - k == 1 else None)
        # an unknown name with no title must be followed by the clause, a pause or an
        # adjunct, so that an object («أكد تزويد جميع المدنيين») is not read as a name
        follows = toks[m].text if m < n else ""
        closes = m >= n or follows in FOLLOW_OK or not follows[:1].isalnum() or (
            m - k >= 3 and toks[k].text in _NAME_LINKS and is_role_head(follows)  # «عبد الملك الحوثي زعيم»
        )
        # «متحدث باسم الرئيس التركي رجب طيب أردوغان»: the name is the principal's
        # (but «المتحدث باسم مجلس العشائر مهند العلي»: an organisation has no name to give)
        if toks[i].text in _SPOKES and _speaks_for_person(toks[i:role_end]):
            words = [t.text for t in toks[i:m]]
            return Parsed(i, m, "UNNAMED", " ".join(words), " ".join(words))
        # a bare indefinite role noun is followed by adjectives, not a name:
        # «قائد ميداني», «مسؤول أمريكي رفيع» (unnamed sources)
        bare_role = role_end == i + 1 and title_end == role_end and not toks[i].text.startswith("ال")
        cue = k > i and not bare_role
        strong = cue or known is not None or (m - k >= 2 and closes and not bare_role)
        if not (cue or known is not None) and (strong_only or not closes):
            strong = False
        if strong:
            # a role may follow the name: «سيرغي سوروفيكين قائد مجموعة …»
            r_end = _take_role(toks, m)
            role_words = [t.text for t in toks[i:title_end]] + [t.text for t in toks[m:r_end]]
            return Parsed(i, max(m, r_end), "PER", name, " ".join(role_words))
    if role_end > i and title_end == role_end and role_end + 1 < n and toks[role_end].text in ("،", ","):
        # an apposition: «الأمين العام للأمم المتحدة، أنطونيو غوتيريش، إن»
        a = role_end + 1
        a = _take_title(toks, a)
        b = _take_name(toks, a, book, after_title=True)
        after = toks[b].text if b < n else ""
        if b > a and (b >= n or after in ("،", ",", ":") or after in FOLLOW_OK or after[:1] in QUOTE_CHARS):
            name = " ".join(t.text for t in toks[a:b])
            return Parsed(i, b, "PER", name, " ".join(t.text for t in toks[i:role_end]))
    if role_end > i or title_end > i:
        # a title with no name after a role names someone else («دعا رئيس الوزراء التركي
        # العقيد الليبي إلى …»): the role alone is the speaker
        end = role_end if role_end > i else title_end
        words = [t.text for t in toks[i:end]]
        head = toks[i].text
        nxt = toks[i + 1] if i + 1 < end else None
        definite = head.startswith("ال") or head in TITLES or (
            nxt is not None
            and (nxt.text.startswith("ال") or nxt.bare in ORG_HEADS or nxt.bare in ROLE_HEADS)
        )
        if definite:
            return Parsed(i, end, "BACKREF_PER", "", " ".join(words))
        # an indefinite role: «متحدث باسم الجيش», «قائد ميداني» — an unnamed speaker
        while end < n and end - i < 4 and toks[end].text.isalpha() and not toks[end].text.startswith("ال") \
                and toks[end].text not in FUNCTION_WORDS and not toks[end].text.startswith("ل") \
                and toks[end].text not in FOLLOW_OK and _is_name_token(toks[end], book, after_title=False):
            end += 1
        words = [t.text for t in toks[i:end]]
        return Parsed(i, end, "UNNAMED", " ".join(words), " ".join(words))
    if first.text in PERSON_BACKREFS:
        end = i + 1
        while end < n and toks[end].text.startswith("ال") and toks[end].text not in FUNCTION_WORDS and end - i < 4:
            end += 1
        return Parsed(i, end, "BACKREF_PER", "", " ".join(t.text for t in toks[i:end]))
    # a statement speaks for its issuer: «بيان صادر عن الرئاسة», «بيان لوزارة الدفاع»
    if first.bare in (fold("بيان"), fold("البيان")) and i + 1 < n:
        k = i + 1
        if toks[k].text in (fold("صادر"), fold("الصادر")) and k + 1 < n and toks[k + 1].text == fold("عن"):
            k += 2
        elif toks[k].text.startswith("ل") and not toks[k].text.startswith("ال"):
            sub = list(toks)
            sub[k] = Tok(toks[k].start, toks[k].end, bare(toks[k].text))
            owner = parse_phrase(sub, k, book, strong_only=True)
            if owner is not None and owner.kind in ("ORG", "PER", "BACKREF_ORG"):
                return Parsed(i, owner.end_tok, owner.kind, owner.name_folded, owner.role_folded, owner.start_tok)
            k = n
        if k < n and (k > i + 1 or toks[k].text.startswith("ال")):  # «بيان التحالف»
            owner = parse_phrase(toks, k, book, strong_only=True)
            if owner is not None and owner.kind in ("ORG", "PER", "BACKREF_ORG"):
                return Parsed(i, owner.end_tok, owner.kind, owner.name_folded, owner.role_folded, owner.start_tok)
    # organisations
    if first.bare in ORG_BACKREFS or first.text in ORG_BACKREFS:
        if i + 1 >= n or not (toks[i + 1].text.startswith("ال") and toks[i + 1].text not in FUNCTION_WORDS):
            kind = "STATEMENT" if first.bare in DOCUMENT_BACKREFS else "BACKREF_ORG"
            return Parsed(i, i + 1, kind, first.bare)
    if first.text.startswith("ال") and first.text in ORG_HEADS and first.text not in MASC_ORG_HEADS | {fold("الأمم"), fold("البيت")}:
        nxt_word = toks[i + 1].text if i + 1 < n else ""
        if not (nxt_word.startswith("ال") and nxt_word not in FUNCTION_WORDS):
            return Parsed(i, i + 1, "BACKREF_ORG", first.text)
    if first.text in (fold("التحالف"), fold("الجيش"), fold("المرصد"), fold("المركز"), fold("الحزب"), fold("التنظيم")):
        nxt_word = toks[i + 1].text if i + 1 < n else ""
        if not (nxt_word.startswith("ال") and nxt_word not in FUNCTION_WORDS):
            return Parsed(i, i + 1, "BACKREF_ORG", first.text)
    o = _take_org(toks, i)
    if o > i + 1 or (o == i + 1 and first.bare in (fold("الكرملين"), fold("البنتاغون"))):
        return Parsed(i, o, "ORG", " ".join(t.text for t in toks[i:o]))
    if strong_only:
        return None
    # unnamed sources: «مصدر عسكري», «مصادر محلية»
    if first.text in UNNAMED_HEADS:
        end = i + 1
        while end < n and end - i < 4:
            t = toks[end].text
            if not t[:1].isalpha() or t in FUNCTION_WORDS or t.startswith("ل") and not t.startswith("ال"):
                break
            from marsad.extract.claims.reporting import COMPLEMENTIZERS

            if t in COMPLEMENTIZERS:
                break
            end += 1
        return Parsed(i, end, "UNNAMED", " ".join(t.text for t in toks[i:end]))
    return None


__all__ = [  # the word lists are re-exported for the other claims modules
    "AGENCIES",
    "COUNTRIES",
    "DOCUMENT_BACKREFS",
    "FUNCTION_WORDS",
    "KNOWN_ORGS",
    "MASC_ORG_HEADS",
    "Mention",
    "NISBA_ADJECTIVES",
    "ORG_BACKREFS",
    "ORG_HEADS",
    "PERSON_BACKREFS",
    "Parsed",
    "ROLE_HEADS",
    "SKIPPABLE",
    "Speaker",
    "SpeakerBook",
    "TITLES",
    "TITLE_TAILS",
    "Tok",
    "UNNAMED_HEADS",
    "VERBAL_NOUNS",
    "bare",
    "canonical_org",
    "is_punct",
    "is_role_head",
    "is_verbal_noun",
    "is_word",
    "parse_phrase",
]
