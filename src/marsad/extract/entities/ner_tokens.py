"""Tokenization for NER: words with offsets, punctuation and quotes split off.

A token is a run of letters, digits and Arabic marks (harakat, tatweel), or a number
with its decimal point, or any single other non-space character.  So «“داعش”» gives
three tokens, «داعش» with its own offsets; attached clitics («وداعش») stay on the word,
as in ANERcorp, and the features see through them.
"""

from __future__ import annotations

import re
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


_new = tuple.__new__  # a Token without the keyword handling of Token(...): tokens are many


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``."""
    end = len(text) if end is None else end
    return [_new(Token, (*m.span(), m.group())) for m in _TOKEN.finditer(text, start, end)]
