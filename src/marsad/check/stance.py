"""Stance of a text toward a claim: agree / disagree / discuss / unrelated.

Two trained models, kept together in one small file (``marsad/resources/stance_model.pkl``,
built by ``make train-stance``):

- :class:`PairModel`, for a short text against a claim (headline vs. headline, sentence
  vs. claim; trained on ANS).  Logistic regression over the counted signals of
  :mod:`marsad.check.features`, the e5 embeddings of both sides (``|e1-e2|``, ``e1*e2``),
  and words / character n-grams of what differs between the two (the words only the claim
  has, the words only the text has).  Classes agree / disagree / unrelated.
- :class:`ArticleModel`, for a whole article against a claim (trained on Baly et al.).
  The article is cut into passages; the two sharing most words with the claim are embedded;
  the features are those of the best-matching passages (similarity, denial, negation,
  antonyms, mismatched figures, hedging), how much of the claim the article covers
  anywhere, and the pair model's probabilities on the best passage.  The passages that
  decide are returned as evidence.

:meth:`StanceModel.stance_of` picks the pair model for a text of at most
:data:`SHORT_WORDS` words and the article model otherwise.
"""

from __future__ import annotations

import math
import pickle
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from marsad.check.contradiction import article_denials, contradicts, cues, denies
from marsad.check.embed import Embedder, shared_embedder
from marsad.check.features import PAIR_FEATURES, denial_score, diff_words, pair_features, view
from marsad.check.passages import Passage, passages
from marsad.errors import UsageError

STANCES = ("agree", "disagree", "discuss", "unrelated")
#: A text of at most this many words is compared as one piece (pair model).
SHORT_WORDS = 40
#: Passages (those sharing most words with the claim) embedded per article; e5 on two
#: shared CPU cores embeds a few passages a second, so this is kept small.
TOP_PASSAGES = 2
MODEL_FILE = "stance_model.pkl"


@dataclass
class Evidence:
    """A passage of the article that bears on the claim."""

    start: int
    end: int
    text: str
    similarity: float
    signals: list[str] = field(default_factory=list)


@dataclass
class StanceResult:
    stance: str
    confidence: float
    probabilities: dict[str, float]
    evidence: list[Evidence] = field(default_factory=list)


def _signals(claim: str, passage: str) -> list[str]:
    """Human-readable names of the contradiction/confirmation cues in a passage."""
    f = dict(zip(PAIR_FEATURES, pair_features(claim, passage, 0.0), strict=True))
    out = []
    if f["denial_diff"] > 0:
        out.append("denial")
    if f["negation_mismatch"]:
        out.append("negation")
    if f["antonyms"]:
        out.append("antonym")
    if f["numbers_mismatch"]:
        out.append("figures_differ")
    if f["hedge_passage"]:
        out.append("reported")
    if f["confirm_passage"]:
        out.append("confirmed")
    return out


def article_signals(claim: str, passage: str) -> list[str]:
    """Cues of an article's evidence passage: the contradiction cues tied to it
    (:mod:`marsad.check.contradiction`) and whether it reports or confirms."""
    out = [c.name for c in cues(claim, passage)]
    f = dict(zip(PAIR_FEATURES, pair_features(claim, passage, 0.0), strict=True))
    if f["hedge_passage"]:
        out.append("reported")
    if f["confirm_passage"]:
        out.append("confirmed")
    return out


#: Denial words (not counting «رفض») that let a whole article back a disagree (calibrated
#: by claim-level CV on Baly folds 1-4: 1 keeps macro-F1, accuracy and factuality).
DENIAL_ARTICLE = 1


def denying_passage(claim: str, text: str) -> Passage | None:
    """The first passage of the article that denies the claim (see
    :func:`marsad.check.contradiction.denies`), if any."""
    return next((p for p in passages(text) if denies(claim, p.text)), None)


def apply_evidence_rule(stance: str, claim: str, evidence: Sequence[str], text: str = "") -> str:
    """A ``disagree`` is kept only if one of its evidence passages (the ones that match
    the claim best) carries a contradiction cue of its own, or another passage of the
    article about the claim denies it, or the article is a denial piece (at least
    :data:`DENIAL_ARTICLE` denial words); otherwise it is only ``discuss``.  A different
    figure that the article does not present as a correction is an update or another
    source's toll, not a contradiction."""
    if stance != "disagree" or any(contradicts(claim, p) for p in evidence):
        return stance
    if text and (article_denials(text) >= DENIAL_ARTICLE or denying_passage(claim, text) is not None):
        return stance
    return "discuss"


# ---------------------------------------------------------------- pair model (ANS) ---


def _word_doc(only_claim: str, only_text: str) -> str:
    return " ".join(["C_" + w for w in only_claim.split()] + ["T_" + w for w in only_text.split()])


class PairModel:
    """Short text vs. claim: agree / disagree / unrelated."""

    def __init__(self, C: float = 1.0) -> None:
        self.C = C
        self.scaler = StandardScaler()
        self.words = TfidfVectorizer(analyzer=str.split, sublinear_tf=True)
        self.chars_claim = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), min_df=2, sublinear_tf=True)
        self.chars_text = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), min_df=2, sublinear_tf=True)
        self.clf = LogisticRegression(C=C, max_iter=4000, class_weight="balanced")

    def _parts(
        self, claims: Sequence[str], texts: Sequence[str], embedder: Embedder
    ) -> tuple[np.ndarray, np.ndarray, list[tuple[str, str]]]:
        e_claim = embedder.encode(claims)
        e_text = embedder.encode(texts)
        cos = (e_claim * e_text).sum(axis=1)
        dense = np.array(
            [pair_features(c, t, float(s)) for c, t, s in zip(claims, texts, cos, strict=True)],
            dtype=np.float64,
        ).reshape(len(claims), len(PAIR_FEATURES))
        emb = np.hstack([np.abs(e_claim - e_text), e_claim * e_text]) * 10.0
        diffs = [diff_words(c, t) for c, t in zip(claims, texts, strict=True)]
        return dense, emb, diffs

    def _matrix(self, dense: np.ndarray, emb: np.ndarray, diffs: list[tuple[str, str]]) -> Any:
        return hstack(
            [
                csr_matrix(np.hstack([self.scaler.transform(dense), emb])),
                self.words.transform([_word_doc(a, b) for a, b in diffs]),
                self.chars_claim.transform([a for a, _ in diffs]),
                self.chars_text.transform([b for _, b in diffs]),
            ]
        ).tocsr()

    def fit(
        self, claims: Sequence[str], texts: Sequence[str], labels: Sequence[str], embedder: Embedder
    ) -> PairModel:
        dense, emb, diffs = self._parts(claims, texts, embedder)
        self.scaler.fit(dense)
        self.words.fit([_word_doc(a, b) for a, b in diffs])
        self.chars_claim.fit([a for a, _ in diffs])
        self.chars_text.fit([b for _, b in diffs])
        self.clf.fit(self._matrix(dense, emb, diffs), list(labels))
        return self

    def predict_proba(
        self, claims: Sequence[str], texts: Sequence[str], embedder: Embedder
    ) -> tuple[list[str], np.ndarray]:
        """Class names (agree, disagree, unrelated order as trained) and probabilities."""
        if not claims:
            return list(self.clf.classes_), np.zeros((0, len(self.clf.classes_)))
        dense, emb, diffs = self._parts(claims, texts, embedder)
        return list(self.clf.classes_), self.clf.predict_proba(self._matrix(dense, emb, diffs))


# ------------------------------------------------------------ article model (Baly) ---

ARTICLE_FEATURES = (
    *("best_" + n for n in PAIR_FEATURES),
    "max_cos",
    "top3_cos",
    "max_coverage",
    "top3_coverage",
    "top3_denial_diff",
    "top3_negation_mismatch",
    "top3_antonyms",
    "top3_numbers_mismatch",
    "top3_hedge",
    "top3_confirm",
    "article_coverage",
    "covering_passages",
    "article_denial",
    "article_passages",
    "pair_agree",
    "pair_disagree",
    "pair_unrelated",
)


@dataclass
class ArticleAnalysis:
    """The features of one article against one claim and its ranked passages."""

    features: list[float]
    ranked: list[tuple[Passage, float, float]]  # passage, cosine, relevance


def _coverage(claim_content: frozenset[str], text: str) -> float:
    return len(claim_content & view(text).content) / max(1, len(claim_content))


def analyse_article(
    claim: str, text: str, embedder: Embedder, pair: PairModel | None
) -> ArticleAnalysis:
    """Rank the article's passages against the claim and compute :data:`ARTICLE_FEATURES`."""
    cview = view(claim)
    parts = passages(text) or [Passage(0, len(text), text)]
    by_overlap = sorted(
        range(len(parts)), key=lambda i: (-_coverage(cview.content, parts[i].text), i)
    )
    chosen = sorted(by_overlap[:TOP_PASSAGES])
    cand = [parts[i] for i in chosen]
    vecs = embedder.encode([claim] + [p.text for p in cand])
    cos = vecs[1:] @ vecs[0]
    rows = [pair_features(claim, p.text, float(c)) for p, c in zip(cand, cos, strict=True)]
    idx = {n: i for i, n in enumerate(PAIR_FEATURES)}
    relevance = [r[idx["cos"]] + r[idx["coverage"]] for r in rows]
    order = sorted(range(len(cand)), key=lambda i: -relevance[i])
    top3 = order[:3]

    def mean(name: str) -> float:
        return float(np.mean([rows[i][idx[name]] for i in top3]))

    whole = view(text)
    article_cov = len(cview.content & whole.content) / max(1, len(cview.content))
    covering = sum(1 for p in parts if _coverage(cview.content, p.text) >= 0.5)
    best = cand[order[0]]
    if pair is not None:
        classes, probs = pair.predict_proba([claim], [best.text], embedder)
        pp = dict(zip(classes, probs[0], strict=True))
    else:
        pp = {}
    feats = [
        *rows[order[0]],
        float(max(cos)),
        float(np.mean(sorted(cos, reverse=True)[:3])),
        max(r[idx["coverage"]] for r in rows),
        mean("coverage"),
        mean("denial_diff"),
        mean("negation_mismatch"),
        mean("antonyms"),
        mean("numbers_mismatch"),
        mean("hedge_passage"),
        mean("confirm_passage"),
        article_cov,
        math.log1p(covering),
        math.log1p(denial_score(whole)),
        math.log1p(len(parts)),
        float(pp.get("agree", 0.0)),
        float(pp.get("disagree", 0.0)),
        float(pp.get("unrelated", pp.get("other", 0.0))),
    ]
    ranked = [(cand[i], float(cos[i]), float(relevance[i])) for i in order]
    return ArticleAnalysis(feats, ranked)


_CUES = ("best_denial_diff", "top3_denial_diff", "best_antonyms", "best_numbers_mismatch")


def has_contradiction_cue(features: Sequence[float]) -> bool:
    """Rule: an article can only *disagree* if something in it contradicts the claim:
    a denial the claim lacks in the passages that match the claim best, an antonym or a
    different figure in the best passage, a negation the claim lacks in a best passage
    that covers at least half of the claim's words, or more than one denial word in the
    article.  (Negation elsewhere is too common in long passages to count.)"""
    f = dict(zip(ARTICLE_FEATURES, features, strict=True))
    if any(f[n] > 0 for n in _CUES):
        return True
    if f["best_negation_mismatch"] > 0 and f["best_coverage"] >= 0.5:
        return True
    return f["article_denial"] > math.log1p(1)


def apply_cue_rule(stance: str, features: Sequence[float]) -> str:
    """A ``disagree`` without any contradiction cue is only ``discuss``.  (In Baly
    cross-validation this halves the disagree predictions at the same macro-F1; on other
    news the classifier alone calls many same-story articles disagree.)"""
    if stance == "disagree" and not has_contradiction_cue(features):
        return "discuss"
    return stance


class ArticleModel:
    """Article vs. claim: agree / disagree / discuss / unrelated.

    Gradient-boosted trees with balanced class weights (disagree is 3% of Baly's
    articles); in claim-level cross-validation this beat logistic regression on both
    macro-F1 (47.3 vs 43.3) and accuracy (70.6 vs 57.7)."""

    def __init__(self) -> None:
        self.clf = HistGradientBoostingClassifier(
            learning_rate=0.05,
            max_iter=200,
            max_leaf_nodes=15,
            l2_regularization=1.0,
            class_weight="balanced",
            random_state=0,
        )

    def fit(self, X: np.ndarray, y: Sequence[str]) -> ArticleModel:
        self.clf.fit(X, list(y))
        return self

    def predict_proba(self, X: np.ndarray) -> tuple[list[str], np.ndarray]:
        return list(self.clf.classes_), self.clf.predict_proba(X)


# ------------------------------------------------------------------------ together ---


class StanceModel:
    """Both models and the scores they were shipped with."""

    def __init__(self, pair: PairModel, article: ArticleModel, scores: dict[str, Any]) -> None:
        self.pair = pair
        self.article = article
        self.scores = scores
        self.embedder: Embedder = shared_embedder()

    def save(self, path: str | Path) -> None:
        emb, self.embedder = self.embedder, None  # type: ignore[assignment]
        try:
            with open(path, "wb") as fh:
                pickle.dump(self, fh, protocol=pickle.HIGHEST_PROTOCOL)
        finally:
            self.embedder = emb

    @classmethod
    def load(cls, path: str | Path | None = None) -> StanceModel:
        """The shipped model (or one at ``path``)."""
        try:
            if path is None:
                ref = resources.files("marsad") / "resources" / MODEL_FILE
                data = ref.read_bytes()
            else:
                data = Path(path).read_bytes()
        except FileNotFoundError:
            raise UsageError("no stance model: run 'make train-stance' first") from None
        model = pickle.loads(data)
        if not isinstance(model, cls):
            raise UsageError(f"{path or MODEL_FILE}: not a marsad stance model")
        model.embedder = shared_embedder()
        return model

    # -- short texts
    def pair_stances(self, claims: Sequence[str], texts: Sequence[str]) -> list[StanceResult]:
        classes, probs = self.pair.predict_proba(claims, texts, self.embedder)
        names = ["unrelated" if c == "other" else c for c in classes]
        out = []
        for claim, text, row in zip(claims, texts, probs, strict=True):
            best = int(np.argmax(row))
            ev = [Evidence(0, len(text), text, 0.0, _signals(claim, text))]
            out.append(
                StanceResult(names[best], float(row[best]), dict(zip(names, map(float, row), strict=True)), ev)
            )
        return out

    # -- whole articles
    def article_stance(self, claim: str, text: str, max_evidence: int = 3) -> StanceResult:
        analysis = analyse_article(claim, text, self.embedder, self.pair)
        classes, probs = self.article.predict_proba(np.array([analysis.features]))
        row = probs[0]
        best = int(np.argmax(row))
        stance = apply_cue_rule(classes[best], analysis.features)
        shown = analysis.ranked[:max_evidence]
        stance = apply_evidence_rule(stance, claim, [p.text for p, _c, _r in shown], text)
        if stance == "disagree" and not any(contradicts(claim, p.text) for p, _c, _r in shown):
            denial = denying_passage(claim, text)
            if denial is not None:  # the denial is the evidence a fact-checker needs first
                shown = [(denial, 0.0, 0.0), *shown[: max_evidence - 1]]
        evidence = []
        if stance != "unrelated":
            for passage, cos, _rel in shown:
                evidence.append(
                    Evidence(
                        passage.start, passage.end, passage.text, round(cos, 3), article_signals(claim, passage.text)
                    )
                )
        confidence = float(row[classes.index(stance)]) if stance != classes[best] else float(row[best])
        return StanceResult(stance, confidence, dict(zip(classes, map(float, row), strict=True)), evidence)

    def stance_of(self, claim: str, text: str) -> StanceResult:
        """Pair model for a short text, article model for a long one."""
        if len(text.split()) <= SHORT_WORDS:
            return self.pair_stances([claim], [text])[0]
        return self.article_stance(claim, text)


_loaded: StanceModel | None = None


def default_model() -> StanceModel:
    """The shipped model, loaded once per process."""
    global _loaded
    if _loaded is None:
        _loaded = StanceModel.load()
    return _loaded
