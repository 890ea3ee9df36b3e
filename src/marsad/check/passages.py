"""Cut an article into passages a claim can be compared with.

Rule: sentences from :func:`marsad.text.sentences.split_sentences`; a sentence longer
than :data:`MAX_WORDS` words (scraped pages often have no sentence punctuation at all)
is cut into windows of that many words; passages of fewer than :data:`MIN_WORDS` words
(menu items, bylines) are dropped.  Offsets always point into the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.text.sentences import split_sentences

MAX_WORDS = 45
MIN_WORDS = 4
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Passage:
    start: int
    end: int
    text: str


def passages(text: str) -> list[Passage]:
    out: list[Passage] = []
    for start, end in split_sentences(text):
        words = list(_WORD.finditer(text, start, end))
        for i in range(0, len(words), MAX_WORDS):
            chunk = words[i : i + MAX_WORDS]
            if len(chunk) < MIN_WORDS:
                continue
            s, e = chunk[0].start(), chunk[-1].end()
            out.append(Passage(s, e, text[s:e]))
    return out
