"""Exact and near-duplicate fingerprints of an article's text.

Rules implemented here:

* **Exact duplicate**: two articles whose *normalized* texts are equal once runs of
  whitespace are collapsed (so a copy that differs only in hamza forms, diacritics,
  tatweel, Eastern digits or line breaks is the same content).  ``content_hash`` is the
  SHA-256 of that form.
* **Near duplicate**: the Jaccard similarity of the sets of word 3-shingles of the
  normalized texts is at least ``NEAR_DUP_THRESHOLD`` (0.8).  It is estimated with a
  datasketch MinHash of ``NUM_PERM`` permutations; candidates are found by LSH banding
  (``BANDS`` bands of ``ROWS`` rows, the optimum datasketch computes for the threshold),
  and each band is reduced to a stable 64-bit key so the bands can live in a database
  table and be looked up there — nothing has to be loaded at start-up and it scales to
  any number of articles.
* Texts with fewer than ``MIN_SHINGLES`` shingles are too short for a meaningful
  estimate and only take part in exact matching.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from marsad.link.folding import fold_text

NEAR_DUP_THRESHOLD = 0.8
NUM_PERM = 128
SHINGLE_SIZE = 3
MIN_SHINGLES = 8
#: datasketch's optimum for the threshold, ``_optimal_param(0.8, 128, 0.5, 0.5)``; written
#: out so that opening a store does not import datasketch and scipy (a test checks it)
BANDS, ROWS = 9, 13

_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")


def canonical_text(text: str) -> str:
    """The form two texts must share to be exact duplicates: normalized, spaces collapsed."""
    return _SPACES.sub(" ", fold_text(text)).strip()


@lru_cache(maxsize=256)
def content_hash(text: str) -> str:
    """SHA-256 (hex) of ``canonical_text(text)``.  The last texts are cached: an ingest
    hashes each article when it reads it (already stored?) and again when it writes it,
    up to a window of articles later."""
    return hashlib.sha256(canonical_text(text).encode("utf-8")).hexdigest()


def shingles(text: str, size: int = SHINGLE_SIZE) -> set[str]:
    """Word ``size``-shingles of the normalized text (punctuation ignored)."""
    words = _WORD.findall(fold_text(text))
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


@dataclass(frozen=True)
class Signature:
    """A MinHash signature and its LSH band keys."""

    values: np.ndarray  # uint64, NUM_PERM entries

    def to_bytes(self) -> bytes:
        return self.values.astype("<u8").tobytes()

    @classmethod
    def from_bytes(cls, blob: bytes) -> Signature:
        return cls(np.frombuffer(blob, dtype="<u8"))

    def band_keys(self) -> list[tuple[int, int]]:
        """``(band number, 64-bit signed key)`` for each LSH band."""
        keys = []
        for band in range(BANDS):
            chunk = self.values[band * ROWS : (band + 1) * ROWS].astype("<u8").tobytes()
            digest = hashlib.blake2b(chunk, digest_size=8).digest()
            keys.append((band, int.from_bytes(digest, "little", signed=True)))
        return keys


def signature(text: str) -> Signature | None:
    """The MinHash signature of ``text``, or None when it is too short to compare."""
    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return None
    from datasketch import MinHash

    first = _first_minhash()
    mh = MinHash(num_perm=NUM_PERM, scheme=first.scheme, permutations=first.permutations)
    mh.update_batch([g.encode("utf-8") for g in grams])
    return Signature(np.asarray(mh.hashvalues, dtype=np.uint64))


@lru_cache(maxsize=1)
def _first_minhash() -> Any:
    """A fresh ``MinHash(num_perm=NUM_PERM)``: its permutations (datasketch's default
    scheme and seed) are drawn once, not for every article (they are the same each
    time, so are the signatures)."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM)


def estimate_similarity(a: Signature, b: Signature) -> float:
    """MinHash estimate of the Jaccard similarity of the two shingle sets."""
    if len(a.values) != len(b.values):
        return 0.0
    return float(np.mean(a.values == b.values))
