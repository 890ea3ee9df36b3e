"""Sentence splitting for Arabic news text.

Rules: a line break always ends a sentence (headlines and outlet lines carry no final
punctuation); inside a line a sentence ends after ``. ! ? ؟`` (and any closing quotes
or brackets that follow) before white space, except
- inside a quotation that closes later on the same line («…», “…”, ”…“, "…", mixed),
- after a single-letter abbreviation (د. م.) or inside a number (8.5),
- at a run of dots (.. …), which in headlines joins two clauses.
"""

from __future__ import annotations

import re

_TERMINAL = ".!?؟"
_OPENERS = "«“„‹"
_CLOSERS = "»”›"
_SYMMETRIC = '"'
_QUOTES = _OPENERS + _CLOSERS + _SYMMETRIC
_TRAILING = _CLOSERS + _SYMMETRIC + ")]}'’"


def _quote_depths(line: str) -> list[int]:
    """Quotation depth before each character of ``line``, tolerant of unbalanced and
    reversed quotes (a closer with nothing open acts as an opener, as in «وأضاف»...»)."""
    depths: list[int] = []
    stack: list[str] = []
    for ch in line:
        depths.append(len(stack))
        if ch in _OPENERS:
            stack.append(ch)
        elif ch in _CLOSERS:
            if stack:
                stack.pop()
            else:
                stack.append(ch)
        elif ch in _SYMMETRIC:
            if stack and stack[-1] == ch:
                stack.pop()
            else:
                stack.append(ch)
    depths.append(len(stack))
    return depths


def _line_sentences(line: str, base: int) -> list[tuple[int, int]]:
    depths = _quote_depths(line)
    # index of the last quote character on the line: a quotation still open past it
    # was never closed, and must not swallow the rest of the line
    last_quote = max((i for i, ch in enumerate(line) if ch in _QUOTES), default=-1)
    spans: list[tuple[int, int]] = []
    start = 0
    i = 0
    n = len(line)
    while i < n:
        ch = line[i]
        if ch not in _TERMINAL:
            i += 1
            continue
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
        inside = depths[i] > 0 and last_quote > j - 1
        if inside and depths[j] > 0:
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
