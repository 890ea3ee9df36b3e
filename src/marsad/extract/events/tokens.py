"""Words of a sentence with their clause: the unit events are read in.

A clause ends at a comma, semicolon or colon between two words, or at a full stop
that the sentence splitter left inside a quotation (Arabic news
strings actions together with «،» and «و»); a token keeps its offsets in the original
text and its clitic-free folded forms.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from marsad.document import Document, Sentence
from marsad.text.normalize import strip_clitics, tokens

CLAUSE_BREAKS = frozenset("،,؛;:")


@dataclass(frozen=True)
class Tok:
    start: int  # original offsets
    end: int
    norm: str  # folded token
    forms: frozenset[str]  # clitic-free forms, the token first
    clause: int  # index of its clause in the sentence
    after_stop: bool = False  # a full stop stands before it (a new sentence of a quote)


def sentence_tokens(doc: Document, sent: Sentence) -> list[Tok]:
    nt = doc.normalized
    lo = bisect.bisect_left(nt.offsets, sent.start)
    hi = bisect.bisect_left(nt.offsets, sent.end)
    out: list[Tok] = []
    clause = 0
    prev_end = sent.start
    for s, e, tok in tokens(nt.text[lo:hi]):
        start, end = nt.to_original(lo + s, lo + e)
        gap = doc.text[prev_end:start]
        stop = bool(out) and _full_stop(gap)
        if out and (stop or any(ch in CLAUSE_BREAKS for ch in gap)):
            clause += 1
        out.append(Tok(start, end, tok, frozenset(strip_clitics(tok)), clause, stop))
        prev_end = end
    return out


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
