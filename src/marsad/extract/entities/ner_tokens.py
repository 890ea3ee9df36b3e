"""Tokenization for NER: words with offsets, punctuation and quotes split off.

A token is a run of letters, digits and Arabic marks (harakat, tatweel), or a number
with its decimal point, or any single other non-space character.  So «“داعش”» gives
three tokens, «داعش» with its own offsets; attached clitics («وداعش») stay on the word,
as in ANERcorp, and the features see through them.
"""

from __future__ import annotations

import re
from functools import partial
from itertools import accumulate
from typing import NamedTuple

_TOKEN = re.compile(
    r"\d+(?:[.,٫]\d+)+"  # 8.5  1,000
    r"|[\w\u064B-\u065F\u0670\u0640\u200c\u200d]+"  # words (with harakat, tatweel, ZWJ)
    r"|\S",  # any other single character: punctuation, quotes, symbols
    re.UNICODE,
)


class Token(NamedTuple):
    start: int
    end: int
    text: str


#: the text split at its tokens: space, token, space, …, token, space (a space may be
#: empty: «“داعش”»); the pattern has no look-around, so a slice splits as the whole would
_PIECES = re.compile("(" + _TOKEN.pattern + ")", re.UNICODE)
_make = partial(tuple.__new__, Token)  # a Token from a tuple, no Python call: tokens are many


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text`` (``_TOKEN.finditer``'s
    matches, built in C: the pieces' lengths summed give every token's offsets)."""
    end = len(text) if end is None else end
    pieces = _PIECES.split(text[start:end])
    bounds = list(accumulate(map(len, pieces), initial=start))
    return list(map(_make, zip(bounds[1:-1:2], bounds[2::2], pieces[1::2], strict=True)))


def token_texts(text: str, start: int = 0, end: int | None = None) -> list[str]:
    """The texts of the tokens of ``text[start:end]``: ``[t.text for t in tokenize(...)]``,
    found in one call (the pattern has no group: ``findall`` gives whole matches)."""
    return _TOKEN.findall(text, start, len(text) if end is None else end)
