"""Mention proposal, first part: the CRF model's spans, the alias tables and the place
gazetteer over a sentence's tokens, and places named in lists after a place head
(«بلدات العالية والمزرعة والتلة»)."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from itertools import compress

from marsad.extract.entities import canonical_aliases, gazetteer
from marsad.extract.entities.mention import (
    _BASE_ADJECTIVES,
    _COMMON_NOUNS,
    _COMPOUND_STARTS,
    _LIST_HEADS,
    _LIST_STOP,
    _NAME_STOP,
    _NOT_NAMES,
    _PLACE_HEADS,
    _SINGLE_HEADS,
    _STRONG_PLACE_WORDS,
    _TALKS_WORDS,
    _TANWEEN,
    Mention,
    _first_forms,
    _is_word,
    _known,
)
from marsad.extract.entities.ner_clusters import clusters
from marsad.extract.entities.ner_conll import spans as iob_spans
from marsad.extract.entities.roles import BOUNDARY_WORDS, ROLE_HEADS
from marsad.text.normalize import WORD_CACHE, WordMemo, fold, strip_clitics

_TYPE = {"PERS": "PER", "LOC": "LOC", "ORG": "ORG"}


@lru_cache(maxsize=1)
def _place_clusters() -> tuple[frozenset[str], frozenset[str]]:
    """Word clusters (fine, coarse) where names of sizeable places abound: a town
    name in one of them is used the way news uses place names."""
    index = gazetteer._index()
    cl = clusters()
    coarse_n = Counter(ids[0] for ids in cl.values())
    fine_n = Counter(ids[1] for ids in cl.values())
    big = [cl[w] for w in cl.keys() & index.keys()
           if any(p.kind != "city" or p.population >= 50_000 for p in index[w])]
    coarse_big = Counter(ids[0] for ids in big)
    fine_big = Counter(ids[1] for ids in big)
    fine_ok = frozenset(k for k, n in fine_n.items() if fine_big[k] >= 5 and fine_big[k] >= 0.25 * n)
    coarse_ok = frozenset(k for k, n in coarse_n.items() if coarse_big[k] >= 10 and coarse_big[k] >= 0.1 * n)
    return fine_ok, coarse_ok


def _place_like(word: str) -> bool:
    fine_ok, coarse_ok = _place_clusters()
    cl = clusters()
    for form in _first_forms(word):
        if form in cl:
            return cl[form][1] in fine_ok or cl[form][0] in coarse_ok
    return False


@lru_cache(maxsize=1)
def _alias_prefixes() -> frozenset[str]:
    """Every word prefix of a folded alias-table key («قوات», «قوات سوريا», …): a
    phrase whose key is none of them starts no alias, nor does any longer phrase."""
    out: set[str] = set()
    for key in canonical_aliases.alias_index():
        parts = key.split()
        out.update(" ".join(parts[:j]) for j in range(1, len(parts) + 1))
    return frozenset(out)


@lru_cache(maxsize=WORD_CACHE)
def _may_start_name(word: str) -> bool:
    """Can a known alias or place name start with ``word`` (one of its first forms)?"""
    firsts = _first_forms(word)
    return not (canonical_aliases.first_words().isdisjoint(firsts)
                and gazetteer.first_words().isdisjoint(firsts))


@lru_cache(maxsize=WORD_CACHE)
def _starts_alias(firsts: tuple[str, ...]) -> bool:
    """Is one of a word's first forms, alone, the start of an alias-table key?"""
    prefixes = _alias_prefixes()
    return any(" ".join(fold(f.strip()).split()) in prefixes for f in firsts)


def _alias_reach(firsts: tuple[str, ...], folded: list[str], i: int, top: int) -> int:
    """The most words (at most ``top``) a phrase at ``i`` can have and still be the
    start of an alias-table key: canonical_aliases.lookup finds nothing longer.  (The
    key of a longer phrase extends the key of a shorter one word by word, so once no
    key starts so, none does further on.)"""
    if top < 1 or not _starts_alias(firsts):
        return 0  # the loop's first round, cached per word
    reach = 1
    prefixes = _alias_prefixes()
    for length in range(2, top + 1):
        rest = " ".join(folded[i + 1:i + length])
        if not any(" ".join(fold(f"{f} {rest}".strip()).split()) in prefixes for f in firsts):
            break
        reach = length
    return reach


#: per word: is it a word (mention._is_word), and can a name start with it: dict
#: lookups, mapped over a sentence in C
_IS_WORD = WordMemo(_is_word)
_MAY_START = WordMemo(lambda word: _is_word(word) and _may_start_name(word))


def _dictionary_mentions(words: list[str], probs: list[dict[str, float]],
                         folded: list[str] | None = None) -> list[Mention]:
    """Aliases and gazetteer places over a sentence's words (``folded``: their folded
    forms, when the caller has them)."""
    out: list[Mention] = []
    n = len(words)
    max_len = max(canonical_aliases.max_alias_words(), 4)
    next_free = 0
    if folded is None:
        folded = [fold(w) for w in words]
    is_word = list(map(_IS_WORD.__getitem__, words))
    starts = compress(range(n), map(_MAY_START.__getitem__, words))
    for i in starts:
        if i < next_free:
            continue  # inside the name found before
        firsts = _first_forms(words[i])
        limit, top = min(max_len, n - i), 1
        while top < limit and is_word[i + top]:
            top += 1  # a phrase must be words only
        reach = _alias_reach(firsts, folded, i, top)
        found: Mention | None = None
        # longer than the alias reach and than 3 words (or any, for a short first
        # word), a phrase is neither an alias nor a place: those lengths are skipped
        longest = min(top, max(reach, 3 if len(folded[i]) >= 3 else 0))
        for length in range(longest, 0, -1):
            hit = None
            if length <= reach:
                rest = " ".join(folded[i + 1:i + length])
                keys = [f"{f} {rest}".strip() for f in firsts]  # _phrase_keys(phrase)
                hit = next((canonical_aliases.lookup(k) for k in keys if canonical_aliases.lookup(k)), None)
            if hit and length == 1 and i + 1 < n and folded[i + 1] in _BASE_ADJECTIVES:
                hit = None  # «القاعدة البحرية»: a naval base, not al-Qaeda
            if hit:
                found = Mention(i, i + length, hit[0], "alias", canonical=hit[1])
                break
            if length > 3 or len(folded[i]) < 3:
                continue
            phrase = words[i:i + length]
            places = gazetteer.candidates(" ".join(phrase))
            if not places:
                continue
            if any(p.kind in ("country", "region", "capital") for p in places):
                found = Mention(i, i + length, "LOC", "country")
                break
            loc_p = max(probs[j].get("LOC", 0.0) for j in range(i, i + length))
            prev = folded[i - 1] if i > 0 else ""
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
            next_free = found.end
    return out


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
        if not w.startswith("و") or len(w) < 4 and w[1:] not in _COMPOUND_STARTS:
            return i  # «وأم قريتين» is an item, «وفي» is not
        w = w[1:]
    if (not word.isalpha() or _TANWEEN.search(word) or w in _NAME_STOP or w in BOUNDARY_WORDS
            or w in ROLE_HEADS or w in _NOT_NAMES and w not in _PLACE_HEADS or w in _COMMON_NOUNS or len(w) < 3 and w not in _COMPOUND_STARTS
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


def _listed_places(words: list[str], probs: list[dict[str, float]],
                   folded: list[str] | None = None) -> list[Mention]:
    """Places named in a list after a place head: «سيطر على بلدات العالية والمزرعة
    والتلة والسهل», «أحياء الصاخور وكرم الجبل».  Each item joined by «و»
    (commas allowed) is a place, as long as it looks like a name (see _list_item)."""
    out: list[Mention] = []
    i = 0
    n = len(words)
    if folded is None:
        folded = [fold(w) for w in words]
    while i < n - 1:
        if folded[i] not in _LIST_HEADS and not (words[i][:1] in "وبلف" and fold(words[i][1:]) in _LIST_HEADS):
            i += 1  # no head, with or without a clitic (the test below, in short)
            continue
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
