"""Arabic full text search, the parts that are not SQL: index keys, queries, snippets.

Rules:

* The index holds, for every word token of ``normalize(text).text``, its
  ``search_key`` (alef/hamza forms, ى/ي, ة/ه, diacritics, tatweel and Eastern digits
  folded by ``normalize``; attached clitics و ف ب ل ك ال stripped by ``search_key``),
  separated by spaces.  The query goes through exactly the same function, so «اكدت»
  finds «أكدت», «محيط» finds «بمحيط», «300» finds «٣٠٠».
* Query syntax a journalist can type: words (all must occur), ``"quoted phrases"`` (also
  «…» and “…”) whose words must be adjacent, ``OR`` between alternatives, and a trailing
  ``*`` for a prefix (``سوري*``).  Everything else — stray quotes, FTS5 operators,
  parentheses, colons — is treated as text: the FTS5 expression is built here from
  quoted keys, so no user input reaches FTS5 syntax.
* Snippets are cut from the ORIGINAL text; the matched words are found on the
  normalized view and mapped back through its offset map.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from marsad.errors import UsageError
from marsad.link.folding import cached_search_key, fold_text
from marsad.text.normalize import normalize, search_key

#: A word: letters and digits, NOT the underscore.  SQLite FTS5's tokenizer splits at
#: ``_`` (a hashtag «#عاصفة_الحزم» is two words to it), so the keys split there too:
#: each word gets its own search key (clitics stripped), and PostgreSQL's tsvector,
#: built from these keys, holds the same words as FTS5.
_WORD = re.compile(r"[^\W_]+")


def _words(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
_OPEN_QUOTES = {'"': '"', "«": "»", "“": "”", "„": "“", "”": "”"}


def index_keys(text: str | None) -> str:
    """The indexed form of ``text``: the search key of each word, space separated."""
    if not text:
        return ""
    return " ".join(map(cached_search_key, _WORD.findall(fold_text(text))))


def key_string(text: str | None) -> str:
    """``index_keys`` padded with spaces, for substring matching of whole words in SQL."""
    keys = index_keys(text)
    return f" {keys} " if keys else ""


@dataclass(frozen=True)
class Term:
    """One query unit: a single key, a phrase of adjacent keys, or a prefix."""

    keys: tuple[str, ...]
    prefix: bool = False

    def to_fts(self) -> str:
        quoted = '"' + " ".join(self.keys) + '"'
        return quoted + ("*" if self.prefix else "")


@dataclass
class Query:
    """Alternatives (OR) of conjunctions (AND) of terms."""

    text: str
    groups: list[list[Term]] = field(default_factory=list)

    def to_fts(self) -> str:
        parts = []
        for group in self.groups:
            inner = " AND ".join(t.to_fts() for t in group)
            parts.append(f"({inner})" if len(self.groups) > 1 and len(group) > 1 else inner)
        return " OR ".join(parts)

    @property
    def terms(self) -> list[Term]:
        return [t for g in self.groups for t in g]


def _terms_of(chunk: str, phrase: bool) -> list[Term]:
    prefix = chunk.rstrip().endswith("*")
    keys = tuple(search_key(tok) for _, _, tok in _words(normalize(chunk).text))
    if not keys:
        return []
    if phrase or len(keys) == 1:
        return [Term(keys, prefix=prefix and not phrase)]
    # «دير-الزور» gives two tokens: keep them adjacent, as the user wrote them together
    return [Term(keys)]


#: a query longer than this, or with more distinct terms, is refused (each term costs a
#: pass over the index and over every hit's text)
MAX_QUERY_CHARS = 1000
MAX_QUERY_TERMS = 32


def parse_query(text: str) -> Query:
    """Parse what a user typed; raises UsageError if nothing searchable is left, or if
    the query is over MAX_QUERY_CHARS characters or MAX_QUERY_TERMS distinct terms
    (a term repeated counts once: it is kept once)."""
    if len(text) > MAX_QUERY_CHARS:
        raise UsageError(f"query is {len(text):,} characters, over the limit of "
                         f"{MAX_QUERY_CHARS:,}")
    query = _parse_query(text)
    for group in query.groups:
        group[:] = list(dict.fromkeys(group))  # «قصف قصف قصف» is «قصف»
    query.groups = [list(g) for g in dict.fromkeys(tuple(g) for g in query.groups)]
    unique = {t for g in query.groups for t in g}
    if len(unique) > MAX_QUERY_TERMS:
        raise UsageError(f"query has {len(unique)} different terms, over the limit of "
                         f"{MAX_QUERY_TERMS}")
    return query


def _parse_query(text: str) -> Query:
    query = Query(text)
    group: list[Term] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if ch in _OPEN_QUOTES:
            close = text.find(_OPEN_QUOTES[ch], i + 1)
            if close == -1:  # a stray quote: ignore it
                i += 1
                continue
            group.extend(_terms_of(text[i + 1 : close], phrase=True))
            i = close + 1
            continue
        j = i
        while j < n and not text[j].isspace() and text[j] not in _OPEN_QUOTES:
            j += 1
        word = text[i:j]
        i = j
        if word == "OR":
            if group:
                query.groups.append(group)
                group = []
            continue
        group.extend(_terms_of(word, phrase=False))
    if group:
        query.groups.append(group)
    if not query.groups:
        raise UsageError(f"nothing to search for in {text!r}")
    return query


def match_spans(text: str, query: Query) -> list[tuple[int, int]]:
    """``[start, end)`` spans of ``text`` (original offsets) that the query's terms match."""
    nt = normalize(text)
    toks = [(s, e, cached_search_key(tok)) for s, e, tok in _words(nt.text)]
    spans: list[tuple[int, int]] = []
    for term in query.terms:
        n = len(term.keys)
        for i in range(len(toks) - n + 1):
            ok = True
            for k in range(n):
                key = toks[i + k][2]
                want = term.keys[k]
                last = k == n - 1
                if not (key == want or (term.prefix and last and key.startswith(want))):
                    ok = False
                    break
            if ok:
                spans.append(nt.to_original(toks[i][0], toks[i + n - 1][1]))
    return _merge(spans)


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


@dataclass(frozen=True)
class Snippet:
    """A window of the original text and the highlighted spans inside it."""

    text: str
    highlights: list[tuple[int, int]]  # offsets into ``text``
    start: int  # offset of ``text`` in the article
    end: int
    total: int  # length of the article text

    def render(self, style: str = "plain") -> str:
        """``ansi``: bold; ``marks``: **word**; ``plain``: no marks."""
        if style == "plain":
            body = self.text
        else:
            on, off = ("\033[1m", "\033[0m") if style == "ansi" else ("**", "**")
            parts, pos = [], 0
            for s, e in self.highlights:
                parts.append(self.text[pos:s] + on + self.text[s:e] + off)
                pos = e
            parts.append(self.text[pos:])
            body = "".join(parts)
        body = re.sub(r"\s+", " ", body).strip()
        lead = "… " if self.start > 0 else ""
        tail = " …" if self.end < self.total else ""
        return lead + body + tail


def snippet(text: str, spans: list[tuple[int, int]], width: int = 220) -> Snippet:
    """The ``width``-character window of ``text`` holding the most matched spans,
    widened to word boundaries."""
    if not spans:
        cut = _word_end(text, min(len(text), width))
        return Snippet(text[:cut], [], 0, cut, len(text))
    best, best_count = spans[0][0], 0
    for s, _ in spans:
        count = sum(1 for a, b in spans if s <= a and b <= s + width)
        if count > best_count:
            best, best_count = s, count
    start = max(0, best - width // 4)
    start = _word_start(text, start)
    end = _word_end(text, min(len(text), start + width))
    inner = [(max(a, start) - start, min(b, end) - start) for a, b in spans if a < end and b > start]
    return Snippet(text[start:end], inner, start, end, len(text))


def _word_start(text: str, pos: int) -> int:
    while 0 < pos < len(text) and not text[pos - 1].isspace():
        pos -= 1
    return pos


def _word_end(text: str, pos: int) -> int:
    while 0 < pos < len(text) and not text[pos].isspace():
        pos += 1
    return pos
