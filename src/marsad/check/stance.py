"""Stance of a text toward a claim: agree / disagree / discuss / unrelated.

Two trained models, kept together in one small file (``marsad/resources/stance_model.pkl``,
built by ``make train-stance``):

- :class:`PairModel`, for a short text against a claim (headline vs. headline, sentence
  vs. claim; trained on ANS).  Logistic regression over the counted signals of
  :mod:`marsad.check.features`, the e5 embeddings of both sides (``|e1-e2|``, ``e1*e2``),
  and words / character n-grams of what differs between the two (the words only the claim
  has, the words only the text has).  Classes agree / disagree / unrelated.
- :class:`ArticleModel`, for a whole article against a claim (trained on Baly et al.).
  The article is cut into passages; every passage is scored against the claim with
  lexical features only (:mod:`marsad.check.article_features`: no embeddings, about
  10 ms an article), and the claim's own parts (figures, long words: actors and places)
  are looked up in the article.  The passages that decide are returned as evidence.
- A :class:`marsad.check.verdict.VerdictModel` (claim-level, from the stances).

:meth:`StanceModel.stance_of` picks the pair model for a text of at most
:data:`SHORT_WORDS` words and the article model otherwise; :meth:`StanceModel.stances_of`
does many texts against one claim with one model call.
"""

from __future__ import annotations

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
from threadpoolctl import threadpool_limits

from marsad.check.article_features import FEATURES, Analysis, analyse
from marsad.check.contradiction import contradicts, cues, denies
from marsad.check.embed import Embedder, shared_embedder
from marsad.check.features import PAIR_FEATURES, diff_words, pair_features
from marsad.check.passages import Passage, passages
from marsad.errors import UsageError

STANCES = ("agree", "disagree", "discuss", "unrelated")
#: A text of at most this many words is compared as one piece (pair model).
SHORT_WORDS = 40
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
    #: How the article covers the claim (:data:`EVIDENCE_SIGNALS`), for the verdict.
    signals: dict[str, float] = field(default_factory=dict)


#: The article-level numbers a :class:`StanceResult` passes on to the verdict model
#: (:func:`marsad.check.verdict.verdict_features`): the best passage's share of the
#: claim's content words, the article's share weighted by word length, where the first
#: passage covering a third of the claim is (0 = the lead, 1 = none), whether a
#: contradiction cue or a denying passage was found, and the article's denial words
#: (log1p).
EVIDENCE_SIGNALS = ("best_coverage", "weighted_coverage", "first_covering", "contradiction", "denial_words")


def evidence_signals(analysis: Analysis, contradiction: bool) -> dict[str, float]:
    """:data:`EVIDENCE_SIGNALS` of one analysed article."""
    f = dict(zip(FEATURES, analysis.features, strict=True))
    return {
        "best_coverage": float(f["best_coverage"]),
        "weighted_coverage": float(f["article_weighted_coverage"]),
        "first_covering": float(f["first_covering_position"]),
        "contradiction": float(contradiction),
        "denial_words": float(f["article_denial"]),
    }


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


def denying_passage(claim: str, text: str) -> Passage | None:
    """The first passage of the article that denies the claim (see
    :func:`marsad.check.contradiction.denies`), if any."""
    return next((p for p in passages(text) if denies(claim, p.text)), None)


def apply_evidence_rule(stance: str, claim: str, evidence: Sequence[str], text: str = "") -> str:
    """A ``disagree`` is kept only if one of its evidence passages (the ones that match
    the claim best) carries a contradiction cue of its own, or another passage of the
    article about the claim denies it; otherwise it is only ``discuss``.  (Denial words
    elsewhere in the article no longer count: in claim-level CV on Baly folds 1-4 this
    cut the disagree predictions from 33 to 8 at a slightly higher macro-F1, 47.1 vs
    46.8.)  A different
    figure that the article does not present as a correction is an update or another
    source's toll, not a contradiction."""
    if stance != "disagree" or any(contradicts(claim, p) for p in evidence):
        return stance
    if text and denying_passage(claim, text) is not None:
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

ARTICLE_FEATURES = FEATURES


def analyse_article(claim: str, text: str) -> Analysis:
    """Rank the article's passages against the claim and compute :data:`ARTICLE_FEATURES`
    (lexical, no embeddings: see :mod:`marsad.check.article_features`)."""
    return analyse(claim, text)


class ArticleModel:
    """Article vs. claim: agree / disagree / discuss / unrelated.

    Gradient-boosted trees with balanced class weights (disagree is 3% of Baly's
    articles) over :data:`ARTICLE_FEATURES`.  In claim-level cross-validation a cascade
    (related vs. unrelated, then agree / disagree / discuss) scored lower (43.1 vs 46.8
    macro-F1), so one 4-class model is kept.  Predictions run with one thread: with
    OpenMP's default on a busy 2-core machine a call costs tens of milliseconds."""

    def __init__(self) -> None:
        self.clf = HistGradientBoostingClassifier(
            learning_rate=0.05,
            max_iter=100,
            max_leaf_nodes=15,
            l2_regularization=1.0,
            class_weight="balanced",
            random_state=0,
        )

    def fit(self, X: np.ndarray, y: Sequence[str]) -> ArticleModel:
        with threadpool_limits(1):
            self.clf.fit(X, list(y))
        return self

    def predict_proba(self, X: np.ndarray) -> tuple[list[str], np.ndarray]:
        with threadpool_limits(1):
            return list(self.clf.classes_), self.clf.predict_proba(X)


def decide_stance(
    claim: str, text: str, analysis: Analysis, classes: list[str], row: np.ndarray, max_evidence: int = 3
) -> StanceResult:
    """The stance of one article from the model's probabilities, the evidence rule
    (:func:`apply_evidence_rule`) and its ranked passages as evidence.

    An article with no contradiction cue in its evidence and no passage denying the
    claim cannot disagree: its probability of ``disagree`` is moved to ``discuss`` (so
    the verdict, which reads the probabilities, sees the same thing as the stance)."""
    shown = analysis.ranked[:max_evidence]
    probs = dict(zip(classes, map(float, row), strict=True))
    cued = any(contradicts(claim, p.text) for p, _c, _r in shown)
    denial = None if cued else denying_passage(claim, text)
    if not cued and denial is None and "disagree" in probs and "discuss" in probs:
        probs["discuss"] += probs["disagree"]
        probs["disagree"] = 0.0
    stance = max(probs, key=lambda k: probs[k])
    if stance == "disagree" and denial is not None:  # the denial is the evidence a fact-checker needs first
        shown = [(denial, 0.0, 0.0), *shown[: max_evidence - 1]]
    evidence = []
    if stance != "unrelated":
        for passage, cos, _rel in shown:
            evidence.append(
                Evidence(passage.start, passage.end, passage.text, round(cos, 3), article_signals(claim, passage.text))
            )
    signals = evidence_signals(analysis, cued or denial is not None)
    return StanceResult(stance, probs[stance], probs, evidence, signals)


# ------------------------------------------------------------------------ together ---


class StanceModel:
    """Both models and the scores they were shipped with."""

    def __init__(
        self, pair: PairModel, article: ArticleModel, scores: dict[str, Any], verdict: Any = None
    ) -> None:
        self.pair = pair
        self.article = article
        self.scores = scores
        self.verdict = verdict  # a marsad.check.verdict.VerdictModel, or None (old rule)
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
        if not hasattr(model, "verdict") or not hasattr(model.verdict, "scaler"):
            model.verdict = None  # none, or one trained on the older verdict features
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
    def article_stances(self, claim: str, texts: Sequence[str], max_evidence: int = 3) -> list[StanceResult]:
        """The stance of each article toward one claim: one model call for all of them."""
        if not texts:
            return []
        analyses = [analyse_article(claim, t) for t in texts]
        classes, probs = self.article.predict_proba(np.array([a.features for a in analyses]))
        return [
            decide_stance(claim, t, a, classes, row, max_evidence)
            for t, a, row in zip(texts, analyses, probs, strict=True)
        ]

    def article_stance(self, claim: str, text: str, max_evidence: int = 3) -> StanceResult:
        return self.article_stances(claim, [text], max_evidence)[0]

    def stance_of(self, claim: str, text: str) -> StanceResult:
        """Pair model for a short text, article model for a long one."""
        return self.stances_of(claim, [text])[0]

    def stances_of(self, claim: str, texts: Sequence[str]) -> list[StanceResult]:
        """:meth:`stance_of` for many texts against one claim, batched."""
        out: list[StanceResult | None] = [None] * len(texts)
        short = [i for i, t in enumerate(texts) if len(t.split()) <= SHORT_WORDS]
        long = [i for i, t in enumerate(texts) if len(t.split()) > SHORT_WORDS]
        if short:
            for i, r in zip(short, self.pair_stances([claim] * len(short), [texts[i] for i in short]), strict=True):
                out[i] = r
        for i, r in zip(long, self.article_stances(claim, [texts[i] for i in long]), strict=True):
            out[i] = r
        return [r for r in out if r is not None]


_loaded: StanceModel | None = None


def default_model() -> StanceModel:
    """The shipped model, loaded once per process."""
    global _loaded
    if _loaded is None:
        _loaded = StanceModel.load()
    return _loaded
