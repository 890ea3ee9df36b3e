"""Canonical names and linking within an article: aliases inside a mention, people's
mentions grouped under their fullest name («الحسين» → «مصطفى الحسين»; variants one
letter apart), shorter bodies joined to the longer name, stray towns, entity ids."""

from __future__ import annotations

import re

from marsad.extract.entities import canonical_aliases, gazetteer, org_patterns
from marsad.extract.entities.mention import (
    _BASE_ADJECTIVES,
    _NAME_STOP,
    _TRAILING_EPITHETS,
    Mention,
    _is_word,
    _person_words,
    _phrase_keys,
)
from marsad.extract.entities.ner_features import LOC_TRIGGERS
from marsad.text.normalize import fold


def _alias_in(words: list[str], typ: str = "ORG") -> tuple[str, str] | None:
    """The longest known actor named inside a mention's words, as (type, canonical).
    A known name followed by a nationality adjective is another body («مجلس الأمن
    الروسي» is not «مجلس الأمن»); a one-word name inside a longer person's name is
    a family name («رفعت الأسد» is not «الأسد»)."""
    n = len(words)
    for length in range(n, 0, -1):
        for i in range(0, n - length + 1):
            if i + length < n and (org_patterns.is_nationality(words[i + length])
                                   or length == 1 and fold(words[i + length]) in _BASE_ADJECTIVES):
                continue
            for key in _phrase_keys(words[i:i + length]):
                hit = canonical_aliases.lookup(key)
                if hit and not (typ == "PER" and hit[0] == "PER" and length == 1 < n
                                and not _within_name(words, hit[1])):
                    return hit
    return None


def _within_name(words: list[str], name: str) -> bool:
    """Is no word of a mention another person's given name?  Each is a word (or a
    variant) of the known ``name`` or no name word at all («طيب إردوغان» and «ثناء
    أوباما» name them; «رفعت الأسد» is not «بشار الأسد»)."""
    known = _name_tokens(name)
    given = _person_words()
    return all(any(_close(fold(w), k) for k in known) or fold(w) not in given or fold(w) in _NAME_STOP
               for w in words if _is_word(w))


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
        if len(toks) > 1 and toks[0][:1] in "ولبف" and len(toks[0]) > 3:
            # «لنصر الحريري» after «نصر الحريري»: a preposition glued to a known name
            bare = [toks[0][1:], *toks[1:]]
            match = next((g for g in sorted(names, reverse=True) if names[g] == bare), None)
        for g in sorted(names, reverse=True) if match is None else ():  # most recent group first
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
        # a known body stays itself: «الجيش السوري» is not «الجيش السوري الحر»
        if _alias_canon(m.canonical):
            continue
        longer = [n for n in names if fold(n).startswith(key + " ")]
        if len({fold(n) for n in longer}) == 1 and key not in LOC_TRIGGERS:
            m.canonical = longer[0]


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


def _complete_people(mentions: list[Mention], texts: dict[int, str], fields: dict[str, str]) -> None:
    """«… إلى جنيف نصر الحريري» where the model found only «الحريري»: when the word
    before a person's name and the name make a fuller name the article writes
    elsewhere, the mention takes it (and the role phrase gives the word back)."""
    full = {tuple(_name_tokens(texts[id(m)])) for m in mentions if m.type == "PER"}
    for m in mentions:
        if m.type != "PER" or m.prev_word is None:
            continue
        start, word = m.prev_word
        if (fold(word), *_name_tokens(texts[id(m)])) not in full:
            continue
        m.char_start = start
        texts[id(m)] = fields[m.field][m.char_start:m.char_end]
        if m.role and m.role.endswith(word) and m.role_chars:
            m.role = m.role[:-len(word)].rstrip() or None
            m.role_chars = (m.role_chars[0], m.role_chars[1] - len(word))
