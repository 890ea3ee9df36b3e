"""``fold`` with a cache: the claims rules fold the same short words (literals of the
lexicon, tokens) hundreds of thousands of times per corpus.  ``WordMemo`` (a function
of one word, remembered per word) lives in marsad.text.normalize, shared with the
entity recognisers."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from marsad.text.normalize import WordMemo
from marsad.text.normalize import fold as _fold

fold: Callable[[str], str] = lru_cache(maxsize=1 << 16)(_fold)


__all__ = ["WordMemo", "fold"]
