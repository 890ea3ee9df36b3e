"""Words of a sentence with their clause: the unit events are read in.

A clause ends at a comma, semicolon or colon between two words, or at a full stop
that the sentence splitter left inside a quotation (Arabic news
strings actions together with «،» and «و»); a token keeps its offsets in the original
text and its clitic-free folded forms.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import NamedTuple

from marsad.document import Document, Sentence
from marsad.text.normalize import WORD_RE, WordMemo, strip_clitics

CLAUSE_BREAKS = frozenset("،,؛;:")


class Tok(NamedTuple):
    """A word of a sentence (immutable; a named tuple: an article has thousands, and a
    tuple is made several times quicker than a frozen dataclass)."""

    start: int  # original offsets
    end: int
    norm: str  # folded token
    forms: frozenset[str]  # clitic-free forms, the token first
    clause: int  # index of its clause in the sentence
    after_stop: bool = False  # a full stop stands before it (a new sentence of a quote)


_new_tok = tuple.__new__  # Tok(...) without the keyword handling of its __new__


def sentence_tokens(doc: Document, sent: Sentence) -> list[Tok]:
    nt = doc.normalized
    offsets, text = nt.offsets, doc.text
    lo = bisect.bisect_left(offsets, sent.start)
    hi = bisect.bisect_left(offsets, sent.end)
    out: list[Tok] = []
    clause = 0
    prev_end = sent.start
    # the word tokens of nt.text[lo:hi] (marsad.text.normalize.tokens), matched in place
    for m in WORD_RE.finditer(nt.text, lo, hi):
        s, e = m.span()
        tok = m.group()
        start, end = offsets[s], offsets[e - 1] + 1  # nt.to_original of a non-empty span
        stop = False
        if out and start > prev_end:
            gap = text[prev_end:start]
            if not gap.isspace():  # a space alone neither stops nor breaks a clause
                stop = _full_stop(gap)
                if stop or any(ch in CLAUSE_BREAKS for ch in gap):
                    clause += 1
        out.append(_new_tok(Tok, (start, end, tok, _forms(tok), clause, stop)))
        prev_end = end
    return out


#: ``frozenset(strip_clitics(tok))``, remembered per token (emptied past WORD_CACHE):
#: a dict lookup, no Python call, for a token seen before
_forms: Callable[[str], frozenset[str]] = WordMemo(lambda tok: frozenset(strip_clitics(tok))).__getitem__


def _full_stop(gap: str) -> bool:
    """A full stop inside a sentence (a quoted statement of several): «. » but not «8.5»."""
    return any(ch in ".!?؟" for ch in gap) and any(ch.isspace() for ch in gap)


def clause_bounds(toks: list[Tok], clause: int) -> tuple[int, int]:
    """Index range ``[lo, hi)`` of the tokens of ``clause`` (clause numbers never go
    down along a sentence's tokens: found by bisection)."""
    lo = bisect.bisect_left(toks, clause, key=_clause_of)
    hi = bisect.bisect_right(toks, clause, lo, key=_clause_of)
    if lo == hi:  # as before: a clause with no token has no range
        raise IndexError(f"no token in clause {clause}")
    return lo, hi


def _clause_of(tok: Tok) -> int:
    return tok.clause
