"""Sentence splitting for Arabic news text.

Rules: a line break always ends a sentence (headlines and outlet lines carry no final
punctuation); inside a line a sentence ends after ``. ! ? ؟`` (and any closing quotes
or brackets that follow) before white space, except
- inside a quotation that closes later on the same line («…», “…”, ”…“, "…", mixed),
- after a single-letter abbreviation (د. م.) or inside a number (8.5),
- at a run of dots (.. …), which in headlines joins two clauses.
"""

from __future__ import annotations

import bisect
import re

_TERMINAL = ".!?؟"
_OPENERS = "«“„‹"
_CLOSERS = "»”›"
_SYMMETRIC = '"'
_QUOTES = _OPENERS + _CLOSERS + _SYMMETRIC
_TRAILING = _CLOSERS + _SYMMETRIC + ")]}'’"


_QUOTE_RE = re.compile("[" + re.escape(_QUOTES) + "]")
_TERMINAL_RE = re.compile("[" + re.escape(_TERMINAL) + "]")


def _quote_marks(line: str) -> tuple[list[int], list[int]]:
    """The positions of the quote characters of ``line`` and the quotation depth after
    each, tolerant of unbalanced and reversed quotes (a closer with nothing open acts
    as an opener, as in «وأضاف»...»)."""
    positions: list[int] = []
    after: list[int] = []
    stack: list[str] = []
    for m in _QUOTE_RE.finditer(line):
        ch = m.group()
        if ch in _OPENERS:
            stack.append(ch)
        elif ch in _CLOSERS:
            if stack:
                stack.pop()
            else:
                stack.append(ch)
        elif stack and stack[-1] == ch:  # the symmetric quote
            stack.pop()
        else:
            stack.append(ch)
        positions.append(m.start())
        after.append(len(stack))
    return positions, after


def _quote_depths(line: str) -> list[int]:
    """Quotation depth before each character of ``line`` (and after the last)."""
    positions, after = _quote_marks(line)
    return [_depth_before(positions, after, i) for i in range(len(line) + 1)]


def _depth_before(positions: list[int], after: list[int], i: int) -> int:
    """The quotation depth before character ``i`` (the depth after the quote before it)."""
    k = bisect.bisect_left(positions, i)
    return after[k - 1] if k else 0


def _line_sentences(line: str, base: int) -> list[tuple[int, int]]:
    positions, after = _quote_marks(line)
    # index of the last quote character on the line: a quotation still open past it
    # was never closed, and must not swallow the rest of the line
    last_quote = positions[-1] if positions else -1
    spans: list[tuple[int, int]] = []
    start = 0
    i = 0
    n = len(line)
    while i < n:
        stop = _TERMINAL_RE.search(line, i)  # the characters before it end nothing
        if stop is None:
            break
        i = stop.start()
        ch = line[i]
        j = i + 1
        if ch == "." and ((j < n and line[j] == ".") or (i > 0 and line[i - 1] == ".")):
            i = j
            continue
        while j < n and line[j] in _TRAILING:
            j += 1
        if j < n and not line[j].isspace():
            i = j
            continue
        if ch == "." and _is_abbreviation(line, i):
            i = j
            continue
        inside = last_quote > j - 1 and _depth_before(positions, after, i) > 0
        if inside and _depth_before(positions, after, j) > 0:
            i = j
            continue
        spans.append((start, j))
        while j < n and line[j].isspace():
            j += 1
        start = j
        i = j
    if start < n:
        spans.append((start, n))
    out = []
    for s, e in spans:
        seg = line[s:e]
        s += len(seg) - len(seg.lstrip())
        e -= len(seg) - len(seg.rstrip())
        if e > s:
            out.append((base + s, base + e))
    return out


_ABBREV = re.compile(r"(?:^|\s)[\u0621-\u064A]$")


def _is_abbreviation(line: str, dot: int) -> bool:
    return bool(_ABBREV.search(line[max(0, dot - 3):dot]))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` offsets of the sentences of ``text``, in order."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        out.extend(_line_sentences(body, pos))
        pos += len(line)
    return out
