"""Train the stance models and write src/marsad/resources/stance_model.pkl + stance_scores.json.

- Pair model on ANS stance train; macro-F1 reported on ANS dev; the shipped pair model
  is then refitted on train + dev.  It embeds about 7,000 texts with e5 (about an hour
  on a busy 2-core machine without the embedding cache); ``--pair-from MODEL.pkl``
  reuses the pair model (and its ANS scores) of an existing stance model instead.
- Article model on Baly et al. folds 1-4 (lexical features, no embeddings: about 30 s),
  with claim-level cross-validation over the four folds (train on three, predict the
  fourth): 4-class macro-F1, accuracy and per-class F1 beside the majority baseline.
  Predictions go through the same rules as ``marsad stance``
  (:func:`marsad.check.stance.decide_stance`).  The shipped model is fitted on all four.
- Verdict model on the out-of-fold stances of the same folds: verdict accuracy against
  the claim's ``fact`` (supported = true; refuted or disputed = false;
  not_enough_evidence counts as wrong) and a reliability table of its confidence.

- ``--extraction`` (an experiment; writes nothing): the same claim-level CV with the
  features of :mod:`marsad.check.extraction_features` appended (the claim's parts
  against the article's extracted entities, events, figures, dates and attributed
  claims).  The full pipeline runs once on each Baly article (about 17 min under load)
  and is cached in ``~/.cache/marsad/baly_extract.pkl`` (outside the repository; keyed
  by the article text only: delete it after a change to the extractors).  It
  did not raise the CV (46.2 vs 47.6 macro-F1 on 2026-12-03), so the shipped model does
  not use it.

Usage: .venv/bin/python scripts/train_stance.py [--shared ../shared] [--pair-from PKL] [--extraction]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import pickle
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.metrics import accuracy_score, f1_score

from marsad.check.baly import read_dir, read_folds
from marsad.check.embed import Embedder, default_cache_path
from marsad.check.stance import (
    STANCES,
    ArticleModel,
    PairModel,
    StanceModel,
    StanceResult,
    analyse_article,
    decide_stance,
)
from marsad.check.verdict import VerdictModel, Vote, decide, verdict_features

RESOURCES = Path(__file__).resolve().parents[1] / "src" / "marsad" / "resources"


def read_ans(path: Path) -> tuple[list[str], list[str], list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return [r["s2"] for r in rows], [r["s1"] for r in rows], [r["stance"] for r in rows]


def train_pair(shared: Path, emb: Embedder) -> tuple[PairModel, dict[str, float]]:
    c_tr, t_tr, y_tr = read_ans(shared / "data/ans/stance/train.csv")
    c_dv, t_dv, y_dv = read_ans(shared / "data/ans/stance/dev.csv")
    model = PairModel().fit(c_tr, t_tr, y_tr, emb)
    classes, probs = model.predict_proba(c_dv, t_dv, emb)
    pred = [classes[i] for i in probs.argmax(axis=1)]
    scores = {
        "ans_dev_macro_f1": round(100 * f1_score(y_dv, pred, average="macro"), 1),
        "ans_dev_accuracy": round(100 * accuracy_score(y_dv, pred), 1),
    }
    print(f"ANS dev (pair model trained on train): {scores}", flush=True)
    final = PairModel().fit(c_tr + c_dv, t_tr + t_dv, y_tr + y_dv, emb)
    return final, scores


def votes_of(articles: list, results: list[StanceResult]) -> list[Vote]:
    return [
        Vote(a.outlet, r.stance, r.confidence, r.evidence, str(a.index), None, r.probabilities, r.signals)
        for a, r in zip(articles, results, strict=True)
    ]


def reliability(conf: np.ndarray, correct: np.ndarray) -> list[dict[str, float]]:
    rows = []
    for lo in (0.5, 0.6, 0.7, 0.8, 0.9):
        sel = (conf >= lo) & (conf < lo + 0.1 + (1e-9 if lo == 0.9 else 0))
        if sel.any():
            rows.append(
                {
                    "bin": f"{lo:.1f}-{lo + 0.1:.1f}",
                    "claims": int(sel.sum()),
                    "mean_confidence": round(float(conf[sel].mean()), 3),
                    "accuracy": round(float(correct[sel].mean()), 3),
                }
            )
    return rows


def extraction_cache_path() -> Path:
    root = os.environ.get("MARSAD_CACHE") or os.path.join(Path.home(), ".cache", "marsad")
    return Path(root) / "baly_extract.pkl"


def extraction_matrix(claims: list, save_every: int = 100) -> np.ndarray:
    """:data:`EXTRACTION_FEATURES` of every (claim, article) pair, the full pipeline run
    once per distinct article text and cached (spans only, text dropped) by its sha1."""
    from marsad import pipeline
    from marsad.check.extraction_features import CLAIM_PIPELINE, extraction_features
    from marsad.document import Document

    path = extraction_cache_path()
    cache: dict[str, Document] = pickle.loads(path.read_bytes()) if path.exists() else {}
    texts = {hashlib.sha1(a.text.encode()).hexdigest(): a.text for c in claims for a in c.articles}
    todo = [k for k in texts if k not in cache]
    t0 = time.time()
    for n, key in enumerate(todo, 1):
        doc = pipeline.run(Document("baly", texts[key]))
        doc.text = ""
        doc.__dict__.pop("normalized", None)
        cache[key] = doc
        if n % save_every == 0 or n == len(todo):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.with_suffix(".tmp").write_bytes(pickle.dumps(cache))
            os.replace(path.with_suffix(".tmp"), path)
            print(f"  extracted {n}/{len(todo)} articles: {time.time() - t0:.0f}s", flush=True)
    rows = []
    for claim in claims:
        cdoc = pipeline.run(Document("claim", claim.claim), CLAIM_PIPELINE)
        for art in claim.articles:
            doc = cache[hashlib.sha1(art.text.encode()).hexdigest()]
            doc.text = art.text
            rows.append(extraction_features(claim.claim, cdoc, doc))
            doc.text = ""
    return np.array(rows)


def train_article(
    shared: Path, extraction: bool = False
) -> tuple[ArticleModel, VerdictModel, dict[str, object]]:
    folds = read_folds(shared / "data/baly/folds_1-4.txt")
    claims = [c for c in read_dir(shared / "data/baly/dataset") if c.id in folds]
    analyses, y, fold_of, owner = [], [], [], []
    t0 = time.time()
    for ci, claim in enumerate(claims):
        for art in claim.articles:
            analyses.append(analyse_article(claim.claim, art.text))
            y.append(art.stance or "unrelated")
            fold_of.append(folds[claim.id])
            owner.append(ci)
    print(f"  features of {len(y)} articles: {time.time() - t0:.0f}s", flush=True)
    X = np.array([a.features for a in analyses])
    if extraction:
        X = np.hstack([X, extraction_matrix(claims)])
    fa, own = np.array(fold_of), np.array(owner)
    results: list[StanceResult | None] = [None] * len(y)
    for k in sorted(set(fold_of)):
        tr, te = fa != k, fa == k
        m = ArticleModel().fit(X[tr], [y[i] for i in np.flatnonzero(tr)])
        classes, probs = m.predict_proba(X[te])
        for r, row in zip(np.flatnonzero(te), probs, strict=True):
            claim = claims[owner[r]]
            text = claim.articles[[i for i in np.flatnonzero(own == owner[r])].index(r)].text
            results[r] = decide_stance(claim.claim, text, analyses[r], classes, row)
    pred = [r.stance for r in results if r is not None]
    majority = Counter(y).most_common(1)[0]
    scores: dict[str, object] = {
        "baly_cv_macro_f1": round(100 * f1_score(y, pred, average="macro"), 1),
        "baly_cv_accuracy": round(100 * accuracy_score(y, pred), 1),
        "baly_majority_accuracy": round(100 * majority[1] / len(y), 1),
        "baly_majority_macro_f1": round(100 * f1_score(y, [majority[0]] * len(y), average="macro"), 1),
    }
    per_class = f1_score(y, pred, average=None, labels=list(STANCES))
    scores.update({f"baly_cv_f1_{c}": round(100 * float(v), 1) for c, v in zip(STANCES, per_class, strict=True)})
    # the verdict: out-of-fold stances -> votes -> verdict model, again fold by fold
    claim_votes, claim_fold, truth = [], [], []
    for ci, claim in enumerate(claims):
        idx = list(np.flatnonzero(own == ci))
        claim_votes.append(votes_of(claim.articles, [results[i] for i in idx]))  # type: ignore[misc]
        claim_fold.append(folds[claim.id])
        truth.append(claim.fact == "true")
    V = np.array([verdict_features(v) for v in claim_votes])
    cf, tv = np.array(claim_fold), np.array(truth)
    verdicts, conf = [], np.zeros(len(claims))
    for k in sorted(set(claim_fold)):
        tr = cf != k
        vm = VerdictModel().fit(V[tr], tv[tr])
        for ci in np.flatnonzero(cf == k):
            d = decide(claim_votes[ci], vm)
            verdicts.append((ci, d.verdict))
            conf[ci] = d.confidence
    verdict_of = dict(verdicts)
    correct = np.array(
        [
            verdict_of[ci] != "not_enough_evidence" and (verdict_of[ci] == "supported") == truth[ci]
            for ci in range(len(claims))
        ]
    )
    scores["baly_cv_verdict_accuracy"] = round(100 * float(correct.mean()), 1)
    scores["baly_cv_verdicts"] = dict(Counter(verdict_of.values()))
    scores["baly_cv_verdicts_by_fact"] = {
        fact: dict(Counter(verdict_of[ci] for ci in range(len(claims)) if truth[ci] == (fact == "true")))
        for fact in ("true", "false")
    }
    scores["baly_cv_old_rule_verdict_accuracy"] = round(
        100
        * float(
            np.mean([(decide(v).verdict == "supported") == t and decide(v).verdict != "not_enough_evidence" for v, t in zip(claim_votes, truth, strict=True)])
        ),
        1,
    )
    scores["baly_fact_majority"] = round(100 * Counter(truth).most_common(1)[0][1] / len(truth), 1)
    scores["baly_cv_verdict_reliability"] = reliability(conf, correct)
    scores["baly_claims"] = len(claims)
    scores["baly_articles"] = len(y)
    print(f"Baly CV: {json.dumps(scores, ensure_ascii=False)}", flush=True)
    return ArticleModel().fit(X, y), VerdictModel().fit(V, tv), scores


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--pair-from", type=Path, help="reuse the pair model of this stance model (skips e5 on ANS)")
    ap.add_argument("--out", type=Path, default=RESOURCES)
    ap.add_argument(
        "--extraction", action="store_true",
        help="experiment: CV with the extraction features appended; prints the scores, writes nothing",
    )
    args = ap.parse_args(argv)
    if args.extraction:
        train_article(args.shared, extraction=True)
        return 0
    if args.pair_from:
        old = pickle.loads(args.pair_from.read_bytes())
        pair = old.pair
        s1 = {k: v for k, v in old.scores.items() if k.startswith("ans_")}
    else:
        pair, s1 = train_pair(args.shared, Embedder(default_cache_path()))
    article, verdict, s2 = train_article(args.shared)
    scores = {**s1, **s2}
    model = StanceModel(pair, article, scores, verdict)
    args.out.mkdir(parents=True, exist_ok=True)
    model.save(args.out / "stance_model.pkl")
    (args.out / "stance_scores.json").write_text(json.dumps(scores, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {args.out / 'stance_model.pkl'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
