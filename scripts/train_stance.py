"""Train the stance models and write src/marsad/resources/stance_model.pkl + stance_scores.json.

- Pair model on ANS stance train; macro-F1 reported on ANS dev; the shipped pair model
  is then refitted on train + dev.
- Article model on Baly et al. folds 1-4, with claim-level cross-validation over the
  four folds (train on three, predict the fourth): 4-class macro-F1 and accuracy beside
  the majority baseline, and claim factuality accuracy from the verdict
  (supported = true, anything else = false).  Predictions go through the same
  contradiction-cue rule and evidence rule as ``marsad stance`` (apply_cue_rule,
  apply_evidence_rule: a disagree needs a contradiction cue).  The shipped model is
  fitted on all four folds.

Embeddings are cached in ~/.cache/marsad/embeddings.sqlite (set MARSAD_CACHE to move it).
Usage: .venv/bin/python scripts/train_stance.py [--shared ../shared] [--quick]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.metrics import accuracy_score, f1_score

from marsad.check.baly import BalyClaim, read_dir, read_folds
from marsad.check.embed import Embedder, default_cache_path
from marsad.check.stance import (
    ArticleModel,
    PairModel,
    StanceModel,
    analyse_article,
    apply_cue_rule,
    apply_evidence_rule,
)
from marsad.check.verdict import Vote, decide

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


def verdict_fact(claim: BalyClaim, stances: list[tuple[str, float]]) -> str:
    votes = [
        Vote(outlet=a.outlet, stance=s, confidence=c, ref=str(a.index))
        for a, (s, c) in zip(claim.articles, stances, strict=True)
    ]
    return "true" if decide(votes).verdict == "supported" else "false"


def train_article(
    shared: Path, emb: Embedder, pair: PairModel, quick: bool
) -> tuple[ArticleModel, dict[str, float]]:
    folds = read_folds(shared / "data/baly/folds_1-4.txt")
    claims = [c for c in read_dir(shared / "data/baly/dataset") if c.id in folds]
    if quick:
        claims = claims[::4]
    X, y, fold_of, owner = [], [], [], []
    evidence: list[tuple[str, list[str], str]] = []  # what apply_evidence_rule reads
    t0 = time.time()
    for ci, claim in enumerate(claims):
        for art in claim.articles:
            analysis = analyse_article(claim.claim, art.text, emb, pair)
            X.append(analysis.features)
            evidence.append((claim.claim, [p.text for p, _c, _r in analysis.ranked[:3]], art.text))
            y.append(art.stance or "unrelated")
            fold_of.append(folds[claim.id])
            owner.append(ci)
        if ci % 20 == 0:
            print(f"  features: {ci}/{len(claims)} claims, {time.time() - t0:.0f}s", flush=True)
    Xa = np.array(X)
    fa = np.array(fold_of)
    # kept outside the repository for experiments with the classifier
    np.savez(default_cache_path().parent / "baly_features.npz", X=Xa, y=np.array(y), fold=fa, owner=np.array(owner))
    pred = np.empty(len(y), dtype=object)
    conf = np.zeros(len(y))
    for k in sorted(set(fold_of)):
        tr, te = fa != k, fa == k
        m = ArticleModel().fit(Xa[tr], [y[i] for i in np.flatnonzero(tr)])
        classes, probs = m.predict_proba(Xa[te])
        rows = np.flatnonzero(te)
        # the same two rules as StanceModel.article_stance, so CV scores what ships
        pred[te] = [
            apply_evidence_rule(apply_cue_rule(classes[j], Xa[r]), *evidence[r])
            for j, r in zip(probs.argmax(axis=1), rows, strict=True)
        ]
        conf[te] = probs.max(axis=1)
    majority = Counter(y).most_common(1)[0]
    scores = {
        "baly_cv_macro_f1": round(100 * f1_score(y, list(pred), average="macro"), 1),
        "baly_cv_accuracy": round(100 * accuracy_score(y, list(pred)), 1),
        "baly_majority_accuracy": round(100 * majority[1] / len(y), 1),
        "baly_majority_macro_f1": round(
            100 * f1_score(y, [majority[0]] * len(y), average="macro"), 1
        ),
    }
    per_class = f1_score(y, list(pred), average=None, labels=["agree", "disagree", "discuss", "unrelated"])
    scores.update({f"baly_cv_f1_{c}": round(100 * float(v), 1) for c, v in zip(["agree", "disagree", "discuss", "unrelated"], per_class, strict=True)})
    # claim factuality from the verdict, predicted stances vs. gold stances
    facts, facts_gold, gold = [], [], []
    for ci, claim in enumerate(claims):
        idx = [i for i, o in enumerate(owner) if o == ci]
        facts.append(verdict_fact(claim, [(pred[i], conf[i]) for i in idx]))
        facts_gold.append(verdict_fact(claim, [(y[i], 1.0) for i in idx]))
        gold.append(claim.fact or "false")
    scores["baly_cv_fact_accuracy"] = round(100 * accuracy_score(gold, facts), 1)
    scores["baly_fact_accuracy_with_gold_stances"] = round(100 * accuracy_score(gold, facts_gold), 1)
    scores["baly_fact_majority"] = round(100 * Counter(gold).most_common(1)[0][1] / len(gold), 1)
    scores["baly_claims"] = len(claims)
    scores["baly_articles"] = len(y)
    print(f"Baly CV: {scores}", flush=True)
    return ArticleModel().fit(Xa, y), scores


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--quick", action="store_true", help="a quarter of the Baly claims (smoke run)")
    ap.add_argument("--out", type=Path, default=RESOURCES)
    args = ap.parse_args(argv)
    emb = Embedder(default_cache_path())
    pair, s1 = train_pair(args.shared, emb)
    article, s2 = train_article(args.shared, emb, pair, args.quick)
    scores = {**s1, **s2}
    model = StanceModel(pair, article, scores)
    if not args.quick:
        args.out.mkdir(parents=True, exist_ok=True)
        model.save(args.out / "stance_model.pkl")
        (args.out / "stance_scores.json").write_text(json.dumps(scores, indent=2) + "\n")
        print(f"wrote {args.out / 'stance_model.pkl'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
