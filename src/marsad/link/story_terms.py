"""What an article is about, as weighted terms: the lexical half of story linking.

An article's *story terms* are the light stems (nltk's ARLSTem2, on folded text) of its
headline and lead — the first ``LEAD_CHARS`` characters of title + text, where a news
story says what happened — and the bigrams of those stems, weighted by
``(1 + log tf) * idf`` and L2-normalised.  Only the ``TOP_TERMS`` heaviest are kept: they
are what a story's centroid and its inverted index hold, so storing them costs the same
for every article.

The idf comes from a reference table (``resources/story_idf.tsv.gz``: document
frequencies of stems over SaudiNewsNet and the Baly pages, built by
``scripts/build_story_idf.py``), not from the store, so an article's terms never change
after it is written and a small store links as well as a large one.  Stems in more than
``COMMON_SHARE`` of the reference documents (function words, «قال») are dropped.
"""

from __future__ import annotations

import gzip
import math
import re
from collections import Counter
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from marsad.link.folding import fold_text
from marsad.text.normalize import WORD_CACHE

IDF_PATH = Path(__file__).resolve().parents[1] / "resources" / "story_idf.tsv.gz"
LEAD_CHARS = 1500
TOP_TERMS = 60
COMMON_SHARE = 0.3
_WORD = re.compile(r"[^\W\d_]{2,}")


@cache
def _stemmer() -> Any:
    # the same class as ``from nltk.stem.arlstem2 import ARLSTem2``, without nltk's
    # package init (about a second of scipy and sklearn imports)
    from marsad.extract.entities.ner_features import _arlstem2

    return _arlstem2()()


@lru_cache(maxsize=WORD_CACHE)
def stem(word: str) -> str:
    """The light stem of one folded word («والمسلحين» → «مسلح»)."""
    return str(_stemmer().stem(word))


def stems(text: str) -> list[str]:
    """Stems of the words (letters only, two or more) of ``text``, folded first."""
    return [stem(w) for w in _WORD.findall(fold_text(text))]


@cache
def reference_idf() -> tuple[int, dict[str, int]]:
    """``(number of reference documents, stem -> document frequency)``."""
    df: dict[str, int] = {}
    total = 0
    if IDF_PATH.exists():
        with gzip.open(IDF_PATH, "rt", encoding="utf-8") as fh:
            total = int(fh.readline().split("\t")[1])
            for line in fh:
                term, n = line.rstrip("\n").split("\t")
                df[term] = int(n)
    return total, df


def _idf(term: str, total: int, df: dict[str, int]) -> float:
    return math.log((total + 1) / (df.get(term, 0) + 1))


def lead_text(title: str | None, text: str) -> str:
    return ((title or "") + " \n " + text)[:LEAD_CHARS]


#: the headline's stems count this many times (a headline says what the story is)
TITLE_WEIGHT = 1


def story_terms(title: str | None, text: str, top: int = TOP_TERMS) -> dict[str, float]:
    """The ``top`` heaviest stems and stem bigrams (``a_b``) of headline and lead,
    L2-normalised over the kept terms."""
    total, df = reference_idf()
    toks = stems(lead_text(title, text))
    if title and TITLE_WEIGHT > 1:
        toks += stems(title) * (TITLE_WEIGHT - 1)
    common = COMMON_SHARE * total if total else float("inf")
    keep = [t for t in toks if df.get(t, 0) <= common]
    counts = Counter(keep)
    counts.update(f"{a}_{b}" for a, b in zip(toks, toks[1:], strict=False)
                  if df.get(a, 0) <= common and df.get(b, 0) <= common)
    weights: dict[str, float] = {}
    for term, n in counts.items():
        if "_" in term:
            a, b = term.split("_", 1)
            idf = (_idf(a, total, df) + _idf(b, total, df)) / 2
        else:
            idf = _idf(term, total, df)
        weights[term] = (1 + math.log(n)) * idf
    best = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return normalise(dict(best))


def normalise(vec: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(x * x for x in vec.values()))
    return {k: v / norm for k, v in vec.items()} if norm else {}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Dot product of two normalised sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(k, 0.0) for k, x in a.items())
