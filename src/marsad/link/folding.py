"""Cached ``fold`` for whole articles and the search key of a token.

``fold`` is one ``str.translate`` over a table (C speed), so a whole article is folded
at once; the last few texts are kept, so the hash, shingles and index keys of one
article fold it once.  The result is ``marsad.text.normalize.fold(text)``.
"""

from __future__ import annotations

from functools import lru_cache

from marsad.text.normalize import WORD_CACHE, fold, search_key


@lru_cache(maxsize=32)
def fold_text(text: str) -> str:
    """``fold(text)``, the last few texts cached."""
    return fold(text)


@lru_cache(maxsize=WORD_CACHE)
def cached_search_key(token: str) -> str:
    """``search_key(token)`` with a cache."""
    return search_key(token)
