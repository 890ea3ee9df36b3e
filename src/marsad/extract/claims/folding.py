"""``fold`` with a cache: the claims rules fold the same short words (literals of the
lexicon, tokens) hundreds of thousands of times per corpus."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from marsad.text.normalize import WORD_CACHE
from marsad.text.normalize import fold as _fold

fold: Callable[[str], str] = lru_cache(maxsize=1 << 16)(_fold)


class WordMemo(dict[str, Any]):
    """A pure function of one word, remembered per word (emptied past WORD_CACHE):
    the claims rules ask the same questions of the same few thousand words in every
    sentence.  ``WordMemo(func).__getitem__`` is ``func`` with the memory."""

    def __init__(self, func: Callable[[str], Any]) -> None:
        super().__init__()
        self.func = func

    def __missing__(self, word: str) -> Any:
        value = self.func(word)
        if len(self) >= WORD_CACHE:
            self.clear()
        self[word] = value
        return value


__all__ = ["WordMemo", "fold"]
