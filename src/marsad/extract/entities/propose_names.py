"""Mention proposal, second part: people after a title or rank («الفريق فاليري أسابوف»,
«زعيمها فتح الله غولن»), institutions by their written form («وزارة الصحة السورية»),
the patterns of marsad.extract.entities.org_patterns, and organisations named in a
comma-separated list of organisations."""

from __future__ import annotations

from functools import lru_cache
from itertools import compress

from marsad.extract.entities import gazetteer, org_patterns
from marsad.extract.entities.mention import (
    _HARAKAT,
    _INSTITUTION_HEADS,
    _NAME_STOP,
    _NOT_NAMES,
    _TIME_WORDS,
    Mention,
    _person_words,
)
from marsad.extract.entities.roles import BOUNDARY_WORDS, ROLE_HEADS, TITLES
from marsad.text.normalize import WORD_CACHE, WordMemo, fold, strip_clitics

_RANKS = {fold(w) for w in "اللواء العميد العقيد الفريق الجنرال جنرال العماد المقدم الرائد النقيب".split()}


def _titled_names(words: list[str], probs: list[dict[str, float]],
                  folded: list[str] | None = None) -> list[Mention]:
    """A person's name right after a rank or title («الفريق فاليري أسابوف»): one to
    three words, none a function word or office word; the first a known given name
    or name word (WikiFANE lexicons), or one the model gives some PERS probability,
    or, after a military rank, the first of a two- or three-word name."""
    given = _person_words()  # the same union, built once
    out: list[Mention] = []
    if folded is None:
        folded = [fold(w) for w in words]

    def name_word(j: int) -> bool:
        return (words[j].isalpha() and folded[j] not in _NAME_STOP and folded[j] not in ROLE_HEADS
                and not folded[j].startswith("وال")
                and folded[j] not in BOUNDARY_WORDS and not any(f in _NOT_NAMES for f in strip_clitics(folded[j])))

    by_last = _titles_by_last_word()
    # only after a word that ends a title or may be a possessed office (_MAY_PRECEDE_NAME)
    for i in compress(range(1, len(words)), map(_MAY_PRECEDE_NAME.__getitem__, words[:-1])):
        options = by_last.get(folded[i - 1])
        title = next((t for t in options if i - len(t) >= 0
                      and tuple(folded[i - len(t):i]) == t), None) if options else None
        possessed = title is None and words[i - 1].endswith(("ه", "ها", "هم")) and _possessed_office(
            words[i - 1]) and not folded[i].startswith(("بال", "لل", "نفس"))
        if possessed:
            title = (folded[i - 1],)  # «زعيمها فتح الله غولن»: an office with its owner named before
        if title is None or not name_word(i) or folded[i].startswith("ال"):
            continue
        j = i + 1
        while j < len(words) and j - i < 3 and name_word(j):
            j += 1
        if folded[i] in given or probs[i].get("PERS", 0.0) >= 0.05 or (
            (title[-1] in _RANKS or possessed and max(probs[k].get("PERS", 0.0) for k in range(i, j)) >= 0.02)
            and j - i >= 2
        ):
            out.append(Mention(i, j, "PER", "title"))
    return out


@lru_cache(maxsize=1)
def _titles_by_last_word() -> dict[str, tuple[tuple[str, ...], ...]]:
    """TITLES grouped by their last word, longest first."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for t in TITLES:
        out.setdefault(t[-1], []).append(t)
    return {k: tuple(v) for k, v in out.items()}


def _may_precede_name(word: str) -> bool:
    """Can a titled name follow ``word`` (as written): does it end a title, or may it be
    an office with a pronoun suffix (the two ways _titled_names finds a title)?"""
    return fold(word) in _titles_by_last_word() or (
        word.endswith(("ه", "ها", "هم")) and _possessed_office(word))


_MAY_PRECEDE_NAME = WordMemo(_may_precede_name)


@lru_cache(maxsize=WORD_CACHE)
def _possessed_office(word: str) -> bool:
    """«زعيمها», «نظيره», «رئيسه»: an office word with a pronoun suffix, as written
    (folded, the feminine «ة» of «المتحدثة» would pass for the pronoun «ه»)."""
    w = _HARAKAT.sub("", word)
    return not w.startswith("ال") and any(
        w.endswith(x) and len(w) - len(x) >= 4 and fold(w[:-len(x)]) in ROLE_HEADS for x in ("ها", "ه", "هم"))


#: is a folded word an institution head, a glued «و», «ل», «ب» or «ف» aside?
_HEADS_INSTITUTION = WordMemo(
    lambda w: w in _INSTITUTION_HEADS or (w[:1] in "ولبف" and w[1:] in _INSTITUTION_HEADS))


def _institutions(words: list[str], folded: list[str] | None = None) -> list[Mention]:
    """Institutions the model misses, by their written form: an institution word in
    the construct state followed by one to three definite words («وزارة الصحة
    السورية», «منظمة الصحة العالمية»); a glued «و» or «ل» on the head is left out of
    the name.  «الوزارة» alone (definite) refers back to a named body and is no name."""
    out: list[Mention] = []
    if folded is None:
        folded = [fold(w) for w in words]
    for i in compress(range(len(words) - 1), map(_HEADS_INSTITUTION.__getitem__, folded)):
        w = folded[i]
        j = i + 1
        while j < len(words) and j - i <= 3:
            nxt = words[j]
            if not (nxt.isalpha() and nxt.startswith("ال")) or fold(nxt) in _NOT_NAMES | _TIME_WORDS:
                break
            j += 1
        if j > i + 1:
            out.append(Mention(i, j, "ORG", "body", conjunction=int(w not in _INSTITUTION_HEADS)))
    return out


def _pattern_mentions(words: list[str], folded: list[str] | None = None) -> list[Mention]:
    """Organisations and people found by their written form (marsad.extract.entities.org_patterns)."""
    stop = _stop_words()
    if folded is None:
        folded = [fold(w) for w in words]
    out = [Mention(a, b, "ORG", "pattern", conjunction=cut)
           for a, b, cut in org_patterns.group_names(words, stop, folded)]
    out += [Mention(a, b, "ORG", "pattern")
            for a, b in org_patterns.operations_rooms(words, stop, lambda w: bool(gazetteer.candidates(w)), folded)]
    out += [Mention(a, b, "ORG", "pattern") for a, b in org_patterns.quoted_names(words, folded)]
    for a, b, cut in org_patterns.national_bodies(words, folded):
        m = Mention(a, b, "ORG", "pattern", conjunction=cut)
        if fold(words[a]).startswith(("لل", "ولل")):  # «للقوات المسلحة الصينية»
            m.canonical = " ".join(["ال" + words[a][cut + 1:], *words[a + 1:b]])
        out.append(m)
    given = _person_words()
    out += [Mention(a, b, "PER", "pattern")
            for a, b in org_patterns.introduced_people(words, stop, lambda w: fold(w) in given, folded)]
    return out


@lru_cache(maxsize=1)
def _stop_words() -> set[str]:
    """Function words and boundary words: never part of a pattern's name (one set,
    built once; the callees only read it)."""
    return _NAME_STOP | BOUNDARY_WORDS


_LIST_SEPARATORS = {",", "،"}


def _listed_organisations(words: list[str], chosen: list[Mention]) -> list[Mention]:
    """A list of organisations separated by commas: «وضمت فيلق الشام , والجبهة
    الشامية , وفجر الخلافة , والفوج الأول , وبيارق الإسلام .».  An item glued to
    «و» of up to four words, ending on a definite word, that no organisation covers
    is one too, when the items on both sides are organisations, or one side is and
    the list has three organisations or more."""
    bounds = [-1, *(i for i, w in enumerate(words) if w in _LIST_SEPARATORS), len(words)]
    segments = [(a + 1, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a + 1]
    orgs = [m for m in chosen if m.type == "ORG"]

    def is_org(seg: tuple[int, int]) -> bool:
        a, b = seg
        return any(m.start <= a + 1 and m.end >= b - 1 and m.start < b for m in orgs if a <= m.start < b)

    n_orgs = sum(map(is_org, segments))
    new: list[Mention] = []
    for k, (a, b) in enumerate(segments):
        if k == 0 or is_org((a, b)):
            continue
        end = b - 1 if k == len(segments) - 1 and words[b - 1] in (".", "؟", "!") else b
        item = words[a:end]
        first = fold(item[0]) if item else ""
        if not (1 <= len(item) <= 4 and first.startswith("و") and len(first) > 3
                and all(w.isalpha() for w in item) and first[1:] not in _NAME_STOP
                and not first.endswith(("ها", "هم")) and fold(item[-1]).startswith("ال")):
            continue
        before = is_org(segments[k - 1])
        after = k + 1 < len(segments) and is_org(segments[k + 1])
        if (before or after) and (before and after or n_orgs >= 3):
            m = Mention(a, end, "ORG", "pattern", conjunction=1)
            new.append(m)
            orgs.append(m)
    if not new:
        return chosen
    spans = [(m.start, m.end) for m in new]
    kept = [m for m in chosen if not any(a <= m.start and m.end <= b for a, b in spans)]
    return sorted(kept + new, key=lambda m: m.start)
