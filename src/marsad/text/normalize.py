"""Arabic normalization for matching, with an offset map back to the displayed text.

``normalize(text)`` folds alef/hamza forms, ى/ی to ي, ة to ه, ؤ/ئ to و/ي, Eastern and
Persian digits to 0-9, presentation forms (ﻻ) to letters and Latin to lower case, and
drops diacritics, tatweel and invisible marks.  The displayed text is never changed:
``NormalizedText.offsets[i]`` is the index in the original of normalized character
``i``, so any match found on the normalized view maps back to exact original offsets.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

_DROP = set(range(0x064B, 0x0660)) | {0x0670, 0x0640} | set(range(0x06D6, 0x06EE))
_DROP |= set(range(0x200B, 0x2010)) | set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))
_DROP |= {0xFEFF, 0x00AD, 0x061C}

_FOLD: dict[str, str] = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ئ": "ي",
    "ؤ": "و",
    "ة": "ه", "ۀ": "ه", "ہ": "ه", "ھ": "ه",
    "ک": "ك", "ڪ": "ك",
    "٫": ".", "٬": ",",
}
for _i in range(10):
    _FOLD[chr(0x0660 + _i)] = str(_i)
    _FOLD[chr(0x06F0 + _i)] = str(_i)


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ord(ch) in _DROP:
        return ""
    if ch in _FOLD:
        return _FOLD[ch]
    if ch.isascii():
        return ch.lower()
    if "\uFB50" <= ch <= "\uFEFC" or "\uFF00" <= ch <= "\uFFEF":
        # presentation forms and full-width characters: fold each part of the NFKC form
        # (﴾ ﴿ and unassigned points are their own NFKC form: keep them as they are)
        decomposed = unicodedata.normalize("NFKC", ch)
        if decomposed != ch:
            return "".join(_fold_char(c) for c in decomposed)
    return ch.lower()


@dataclass(frozen=True)
class NormalizedText:
    """A folded view of ``original`` and, per folded character, its index there."""

    original: str
    text: str
    offsets: tuple[int, ...]  # len(text) + 1 entries; the last is len(original)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of the normalized text to the original text."""
        if end <= start:
            pos = self.offsets[start]
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1

    def find_all(self, pattern: re.Pattern[str]) -> Iterator[tuple[int, int, re.Match[str]]]:
        """Matches of ``pattern`` on the normalized text, as original offsets."""
        for m in pattern.finditer(self.text):
            s, e = self.to_original(m.start(), m.end())
            yield s, e, m


class _FoldTable(dict[int, str]):
    """``str.translate`` table of ``_fold_char``, filled on first sight of a character;
    remembers the characters that do not fold to exactly one character."""

    def __init__(self) -> None:
        super().__init__()
        self.uneven: set[str] = set()

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        self[code] = folded
        if len(folded) != 1:
            self.uneven.add(chr(code))
        return folded


_TABLE = _FoldTable()


def normalize(text: str) -> NormalizedText:
    folded = text.translate(_TABLE)
    if _TABLE.uneven.isdisjoint(text):
        offsets = tuple(range(len(text) + 1))
    else:  # each original index, once per character it folds to
        offsets = _uneven_offsets(text)
    return NormalizedText(text, folded, offsets)


def _uneven_offsets(text: str) -> tuple[int, ...]:
    """The offsets of ``normalize(text)`` when some characters of ``text`` fold to
    none or several: each index repeated as many times as its character's fold has
    characters, then ``len(text)`` (the same as ``chain(map(repeat, range(n),
    lengths))``, in numpy: a few characters are uneven, the others fold to one)."""
    import numpy as np

    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    lengths = np.ones(len(text), dtype=np.intp)
    for ch in _TABLE.uneven.intersection(text):
        lengths[codes == ord(ch)] = len(_TABLE[ord(ch)])
    return (*np.repeat(np.arange(len(text)), lengths).tolist(), len(text))


#: Entries of each per-word cache (lru_cache and the fold table): the vocabulary of a
#: large corpus is unbounded, so every such cache is bounded, which keeps a process
#: under ~1 GB on 31k articles; the words that come back often stay in.
WORD_CACHE = 50_000


class _Folded(dict[str, str]):
    """Folded words (up to 24 characters; the same few thousand words come back),
    filled on first sight; longer texts are folded each time and not kept."""

    def __missing__(self, text: str) -> str:
        folded = text.translate(_TABLE)
        if len(text) <= 24:
            if len(self) >= 2 * WORD_CACHE:
                self.clear()
            self[text] = folded
        return folded


_SHORT = _Folded()


class WordMemo(dict[str, Any]):
    """A pure function of one word, remembered per word (emptied past WORD_CACHE):
    the rules ask the same questions of the same few thousand words in every
    sentence.  ``WordMemo(func).__getitem__`` is ``func`` with the memory, and a word
    seen before costs no Python call (``map(memo.__getitem__, words)`` runs in C)."""

    def __init__(self, func: Callable[[str], Any]) -> None:
        super().__init__()
        self.func = func

    def __missing__(self, word: str) -> Any:
        value = self.func(word)
        if len(self) >= WORD_CACHE:
            self.clear()
        self[word] = value
        return value

#: ``fold(text)``: the normalized form of ``text`` (no offset map).  A dict lookup,
#: so that a word seen before costs no Python call: fold runs millions of times.
fold: Callable[[str], str] = _SHORT.__getitem__


#: a word token of a normalized text (:func:`tokens`)
WORD_RE = re.compile(r"[\w]+", re.UNICODE)

# Attached clitics that a search must see through: conjunctions و ف, prepositions ب ل ك,
# the article ال, and their combinations.  Longest first.
_PREFIXES = (
    "وبال", "فبال", "وكال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال",
    "و", "ف", "ب", "ل", "ك",
)


@lru_cache(maxsize=WORD_CACHE)
def _clitic_forms(token: str) -> tuple[str, ...]:
    forms = [token]
    for prefix in _PREFIXES:
        if token.startswith(prefix) and len(token) - len(prefix) >= 3:
            stem = token[len(prefix):]
            if prefix.endswith("لل"):
                # للمدينة = ل + المدينة
                if "ال" + stem not in forms:
                    forms.append("ال" + stem)
            if stem not in forms:
                forms.append(stem)
            if len(prefix) == 1:
                # وال… after و: strip the article as well
                for inner in ("ال",):
                    if stem.startswith(inner) and len(stem) - len(inner) >= 3:
                        if stem[len(inner):] not in forms:
                            forms.append(stem[len(inner):])
    return tuple(forms)


def strip_clitics(token: str) -> list[str]:
    """Forms of a normalized token with its attached clitics removed, the token first.

    A stem must keep at least three letters, so «بين» or «وزن» are left whole.
    """
    return list(_clitic_forms(token))


def search_key(token: str) -> str:
    """The one form of a normalized token that the search index and queries agree on:
    the shortest clitic-free form («والرقه», «الرقه», «رقه» all give «رقه»)."""
    return min(strip_clitics(token), key=len)


def tokens(text: str) -> Iterator[tuple[int, int, str]]:
    """Word tokens of an (already normalized) text with their offsets."""
    for m in WORD_RE.finditer(text):
        yield m.start(), m.end(), m.group()
