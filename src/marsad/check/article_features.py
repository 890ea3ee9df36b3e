"""Features of a whole article against a claim, without sentence embeddings.

e5 on two shared CPU cores embeds about two texts a second, so the article model reads
only counted, lexical signals (the FNC-1 feature families of Hanselowski et al. 2018:
word and n-gram overlap, refuting/denial words, polarity, figures), computed on every
passage of the article and on the claim's own parts:

- relatedness: how much of the claim the article covers anywhere, weighted by word
  length (long words are the names and the events; short ones are particles); the best
  passage's coverage and lexical cosine; how many passages cover a third / half / two
  thirds of the claim; where the first covering passage is;
- the claim's parts: its figures found anywhere / in the best passage, its content
  words missing from the article (a different actor or place), its long words missing
  from the best passage;
- contradiction cues of :mod:`marsad.check.contradiction` in the three best passages
  (denial, negation near a claim word, antonym, a corrected figure, a different figure)
  and a denial anywhere in a passage about the claim;
- reporting and confirmation words in the covering passages, denial and negation words
  of the whole article and of the claim.

:func:`analyse` returns the features (:data:`FEATURES` order) and the passages ranked by
relevance (coverage plus lexical cosine), which are the evidence.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from marsad.check import lexicon
from marsad.check.contradiction import article_denials, cues, denies
from marsad.check.features import PAIR_FEATURES, denial_score, pair_features, view
from marsad.check.passages import Passage, passages

#: Passages (the most relevant) whose pair features and cues are read.
TOP = 3

FEATURES = (
    *("best_" + n for n in PAIR_FEATURES),
    "top3_cos",
    "top3_coverage",
    "top3_denial_diff",
    "top3_negation_mismatch",
    "top3_hedge",
    "top3_confirm",
    "cue_denial",
    "cue_negated",
    "cue_antonym",
    "cue_figure_corrected",
    "cue_figure_differs",
    "denying_passage",
    "article_coverage",
    "article_weighted_coverage",
    "claim_missing_words",
    "best_long_missing",
    "claim_numbers_in_article",
    "covering_third",
    "covering_half",
    "covering_two_thirds",
    "first_covering_position",
    "covering_hedge",
    "covering_confirm",
    "covering_negation",
    "article_denial",
    "article_negation",
    "article_passages",
    "claim_words",
    "claim_denial",
)


@dataclass
class Analysis:
    """The features of one article against one claim and its ranked passages."""

    features: list[float]
    ranked: list[tuple[Passage, float, float]]  # passage, lexical cosine, relevance


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(v * b.get(k, 0) for k, v in a.items())
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb)


def _bag(text: str) -> Counter[str]:
    v = view(text)
    return Counter(k for k in v.keys if k in v.content)


def _weight(word: str) -> float:
    return float(min(len(word), 8))


def analyse(claim: str, text: str) -> Analysis:
    """Rank the article's passages against the claim and compute :data:`FEATURES`."""
    cview = view(claim)
    content = cview.content
    parts = passages(text) or [Passage(0, len(text), text)]
    cbag = _bag(claim)
    covs, coss = [], []
    for p in parts:
        pv = view(p.text)
        covs.append(len(content & pv.content) / max(1, len(content)))
        coss.append(_cosine(cbag, _bag(p.text)))
    relevance = [c + s for c, s in zip(covs, coss, strict=True)]
    order = sorted(range(len(parts)), key=lambda i: (-relevance[i], i))
    top = order[:TOP]
    rows = [pair_features(claim, parts[i].text, coss[i]) for i in top]
    idx = {n: i for i, n in enumerate(PAIR_FEATURES)}

    def mean(name: str) -> float:
        return sum(r[idx[name]] for r in rows) / len(rows)

    found = {c.name for i in top for c in cues(claim, parts[i].text)}
    whole = view(text)
    present = content & whole.content
    wsum = sum(_weight(w) for w in content) or 1.0
    best = view(parts[order[0]].text)
    long_words = {w for w in content if len(w) >= 4}
    covering = [i for i, c in enumerate(covs) if c >= 0.34]
    first = covering[0] / len(parts) if covering else 1.0
    hedge = sum(1 for i in covering for k in view(parts[i].text).keys if k in lexicon.HEDGE)
    confirm = sum(1 for i in covering for k in view(parts[i].text).keys if k in lexicon.CONFIRM)
    negation = sum(1 for i in covering for k in view(parts[i].text).keys if k in lexicon.NEGATION)
    denying = any(denies(claim, parts[i].text) for i in covering[:30])
    feats = [
        *rows[0],
        mean("cos"),
        mean("coverage"),
        mean("denial_diff"),
        mean("negation_mismatch"),
        mean("hedge_passage"),
        mean("confirm_passage"),
        float("denial" in found),
        float("negated" in found),
        float("antonym" in found),
        float("figure_corrected" in found),
        float("figure_differs" in found),
        float(denying),
        len(present) / max(1, len(content)),
        sum(_weight(w) for w in present) / wsum,
        float(min(len(content - whole.content), 10)),
        len(long_words - best.content) / max(1, len(long_words)),
        len(cview.numbers & whole.numbers) / len(cview.numbers) if cview.numbers else -1.0,
        math.log1p(len(covering)),
        math.log1p(sum(1 for c in covs if c >= 0.5)),
        math.log1p(sum(1 for c in covs if c >= 0.67)),
        first,
        math.log1p(hedge),
        math.log1p(confirm),
        math.log1p(negation),
        math.log1p(article_denials(text)),
        math.log1p(sum(1 for k in whole.keys if k in lexicon.NEGATION)),
        math.log1p(len(parts)),
        float(len(content)),
        float(min(denial_score(cview), 3)),
    ]
    ranked = [(parts[i], float(coss[i]), float(relevance[i])) for i in order]
    return Analysis(feats, ranked)
