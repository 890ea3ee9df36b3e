"""Features of a (claim, passage) pair that carry agreement *and* contradiction.

Embedding cosine says whether two texts are about the same thing; it cannot tell «نفت»
from «أكدت».  So beside it each pair gets counted signals, all computed on the
normalized view (:mod:`marsad.text.normalize`) with clitic-free search keys:

- topical overlap: share of the claim's content words found in the passage (coverage),
  Jaccard overlap, and the share of the passage that is new words;
- denial: denial words/phrases in the passage that the claim does not have, and the
  other way round (a passage can confirm a claim that itself reports a denial);
- negation mismatch: one side negated, the other not;
- antonyms: a claim word whose opposite is in the passage (and not in the claim);
- figures and dates: numbers of the claim missing from a passage that gives other numbers;
- hedging (reports say, sources, alleged...) and confirmation words in the passage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.check import lexicon
from marsad.text.normalize import WORD_CACHE, fold, search_key, tokens

#: Function words that say nothing about what a claim is about.
STOPWORDS = frozenset(
    search_key(fold(w))
    for w in """في من على الى إلى عن أن إن ان مع هذا هذه ذلك تلك التي الذي الذين كان كانت
    يكون تكون قد لقد ثم او أو و ف ب ل ك ما ماذا كل بعض بين حتى عند عندما منذ خلال بعد قبل
    حول ضد عبر لدى نحو هو هي هم هن انه أنه انها أنها اليوم امس أمس وقال قال قالت وقالت
    ايضا أيضا اي أي كما التى الى الي""".split()
)

_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


@dataclass(frozen=True)
class TextView:
    """A text as the features see it: folded, its search keys, and its numbers."""

    folded: str
    keys: tuple[str, ...]
    content: frozenset[str]
    numbers: frozenset[str]

    @property
    def key_set(self) -> frozenset[str]:
        return frozenset(self.keys)


@lru_cache(maxsize=WORD_CACHE)
def view(text: str) -> TextView:
    folded = fold(text)
    keys = tuple(search_key(tok) for _, _, tok in tokens(folded) if not tok.isdigit())
    content = frozenset(k for k in keys if len(k) > 1 and k not in STOPWORDS)
    numbers = frozenset(n.replace(",", ".") for n in _NUMBER.findall(folded))
    return TextView(folded, keys, content, numbers)


def _count(keys: tuple[str, ...], words: frozenset[str]) -> int:
    return sum(1 for k in keys if k in words)


def denial_score(v: TextView) -> int:
    """Denial words plus denial phrases in a text."""
    return _count(v.keys, lexicon.DENIAL) + sum(1 for p in lexicon.DENIAL_PHRASES if p in v.folded)


def antonym_hits(claim: TextView, passage: TextView) -> int:
    """Claim words whose opposite appears in the passage but not in the claim."""
    pkeys = passage.key_set
    ckeys = claim.key_set
    hits = 0
    for k in claim.content:
        for anti in lexicon.antonyms_of(k):
            if anti in pkeys and anti not in ckeys:
                hits += 1
                break
    return hits


PAIR_FEATURES = (
    "cos",
    "coverage",
    "jaccard",
    "novelty",
    "denial_passage",
    "denial_claim",
    "denial_diff",
    "negation_passage",
    "negation_claim",
    "negation_mismatch",
    "antonyms",
    "numbers_claim",
    "numbers_matched",
    "numbers_mismatch",
    "hedge_passage",
    "confirm_passage",
    "len_ratio",
)


def pair_features(claim: str, passage: str, cos: float) -> list[float]:
    """The :data:`PAIR_FEATURES` of one (claim, passage) pair, given their cosine."""
    c, p = view(claim), view(passage)
    inter = len(c.content & p.content)
    coverage = inter / max(1, len(c.content))
    union = len(c.content | p.content)
    jaccard = inter / max(1, union)
    novelty = len(p.content - c.content) / max(1, len(p.content))
    den_p, den_c = denial_score(p), denial_score(c)
    neg_p = _count(p.keys, lexicon.NEGATION)
    neg_c = _count(c.keys, lexicon.NEGATION)
    matched = len(c.numbers & p.numbers)
    mismatch = float(bool(c.numbers) and bool(p.numbers) and matched < len(c.numbers))
    return [
        cos,
        coverage,
        jaccard,
        novelty,
        min(den_p, 3),
        min(den_c, 3),
        float(min(den_p, 3) - min(den_c, 3)),
        min(neg_p, 3),
        min(neg_c, 3),
        float((neg_p > 0) != (neg_c > 0)),
        min(antonym_hits(c, p), 3),
        min(len(c.numbers), 3),
        matched / max(1, len(c.numbers)),
        mismatch,
        min(_count(p.keys, lexicon.HEDGE), 3),
        min(_count(p.keys, lexicon.CONFIRM), 3),
        min(len(p.keys) / max(1, len(c.keys)), 10.0),
    ]


def diff_words(claim: str, passage: str) -> tuple[str, str]:
    """Content words only in the claim, and only in the passage (for bag-of-words
    features of what changed between two headlines)."""
    c, p = view(claim), view(passage)
    only_c = " ".join(sorted(c.content - p.content))
    only_p = " ".join(sorted(p.content - c.content))
    return only_c, only_p
