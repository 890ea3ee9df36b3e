"""Story linking against the Baly folds 1–4: B-cubed precision, recall and F1.

Every claim file of the folds is ingested, in the folds' order, into a fresh store the
way `marsad ingest` does it (each article joins or starts a story online).  The gold: the
related articles of one claim (stance agree, disagree or discuss) form one story.
B-cubed is computed over those articles (an article related to two claims counts once,
for the first); it is also printed over the agree (and agree + disagree) articles only:
those report the claimed happening itself, while a claim's "discuss" pages are often
about its topic (another incident in the same town, an analysis, an archive page).  Unrelated articles are ingested too: they are the noise a real store
holds, and they may pull related articles into wrong stories.

    python scripts/eval_stories.py                 # extracts once, caches, then links
    python scripts/eval_stories.py --baseline      # also the TF-IDF single-link baseline
    python scripts/eval_stories.py --per-fold      # also one store per fold (a set of claim
                                                   # files the size of the held-out fold)

The extraction is cached (``--cache``, default under ~/.cache/marsad) so that trying
linking parameters costs seconds; ``--fresh`` re-extracts.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from marsad.document import Document
from marsad.errors import InputError
from marsad.eval.gold import shared_dir
from marsad.extract import extract
from marsad.ingest.records import baly_documents


def fold_claims() -> list[str]:
    lines = (shared_dir() / "data" / "baly" / "folds_1-4.txt").read_text().splitlines()
    return [c for line in lines for c in line.split(":", 1)[1].split()]


def load_documents(cache: Path, fresh: bool) -> list[Document]:
    if cache.exists() and not fresh:
        with open(cache, encoding="utf-8") as fh:
            return [_cached_document(json.loads(line)) for line in fh]
    docs: list[Document] = []
    started = time.perf_counter()
    base = shared_dir() / "data" / "baly" / "dataset"
    for claim in fold_claims():
        obj = json.loads((base / f"{claim}.json").read_text(encoding="utf-8"))
        for item in baly_documents(obj, source=f"{claim}.json", published=None):
            if isinstance(item, InputError):
                continue
            docs.append(extract(item))
        print(f"\r{len(docs)} articles extracted ({time.perf_counter() - started:.0f} s)",
              end="", file=sys.stderr)
    print(file=sys.stderr)
    cache.parent.mkdir(parents=True, exist_ok=True)
    with open(cache, "w", encoding="utf-8") as fh:
        for d in docs:
            obj = d.to_dict()
            obj["meta"] = {k: d.meta.get(k) for k in ("claim_id", "index", "stance")}
            fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
    return docs


def _cached_document(obj: dict) -> Document:
    doc = Document.from_dict(obj)
    doc.meta.update(obj.get("meta") or {})
    return doc


def bcubed(pred: dict[str, int], gold: dict[str, str]) -> tuple[float, float, float]:
    by_pred: dict[int, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for item, p in pred.items():
        by_pred[p].add(item)
        by_gold[gold[item]].add(item)
    precision = recall = 0.0
    for item in pred:
        same_p, same_g = by_pred[pred[item]], by_gold[gold[item]]
        inter = len(same_p & same_g)
        precision += inter / len(same_p)
        recall += inter / len(same_g)
    n = len(pred)
    precision, recall = precision / n, recall / n
    return precision, recall, 2 * precision * recall / (precision + recall)


def link_all(docs: list[Document]) -> tuple[dict[str, int], dict[str, str], float]:
    """Ingest ``docs`` in order into one fresh store; predicted and gold story of each
    related article, and the store's time per article."""
    from marsad.store.store import open_store

    gold: dict[str, str] = {}
    pred: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(os.path.join(tmp, "stories.db"))
        started = time.perf_counter()
        for doc in docs:
            result = store.add(doc)
            story = result.story_id if result.story_id is not None else store.story_of(result.article_id)
            if doc.meta.get("stance") in ("agree", "disagree", "discuss") and doc.id not in gold:
                gold[doc.id] = str(doc.meta.get("claim_id"))
                pred[doc.id] = store.backend.resolve_story(int(story)) if story else -1
        elapsed = time.perf_counter() - started
        # merges after an article joined move it: read every story at the end
        final = {doc_id: store.backend.resolve_story(s) for doc_id, s in pred.items()}
        store.close()
    return final, gold, elapsed / max(1, len(docs))


def _find(parent: list[int], x: int) -> int:
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def baseline(docs: list[Document], gold: dict[str, str]) -> tuple[float, float, float]:
    """TF-IDF (sklearn) of the whole text, single link at the best threshold."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    from marsad.text.normalize import fold

    items = [d for d in docs if d.id in gold]
    seen: set[str] = set()
    items = [d for d in items if not (d.id in seen or seen.add(d.id))]  # type: ignore[func-returns-value]
    X = TfidfVectorizer(sublinear_tf=True).fit_transform([fold(d.text) for d in items])
    sims = (X @ X.T).toarray()
    best = (0.0, 0.0, 0.0)
    for t in np.arange(0.1, 0.8, 0.05):
        parent = list(range(len(items)))
        for i in range(len(items)):
            for j in np.nonzero(sims[i, :i] >= t)[0]:
                parent[_find(parent, i)] = _find(parent, int(j))
        pred = {d.id: _find(parent, i) for i, d in enumerate(items)}
        score = bcubed(pred, gold)
        best = max(best, score, key=lambda s: s[2])
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default_cache = Path(os.environ.get("MARSAD_CACHE") or Path.home() / ".cache" / "marsad")
    ap.add_argument("--cache", type=Path, default=default_cache / "baly_folds_extract.jsonl")
    ap.add_argument("--fresh", action="store_true", help="extract again, ignoring the cache")
    ap.add_argument("--baseline", action="store_true")
    ap.add_argument("--per-fold", action="store_true",
                    help="also ingest each fold's claim files alone into its own store")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                    help="try another linker parameter, e.g. --set JOIN_THRESHOLD=0.18")
    args = ap.parse_args(argv)
    from marsad.link import stories, story_terms

    for item in args.set:
        name, value = item.split("=", 1)
        module = stories if hasattr(stories, name) else story_terms
        if not hasattr(module, name):
            ap.error(f"no linker parameter {name}")
        setattr(module, name, type(getattr(module, name))(value))
    docs = load_documents(args.cache, args.fresh)
    from marsad.link.story_model import shipped_model

    model = shipped_model()
    if model is not None:
        cv = model.scores.get("cv_bcubed") or {}
        print(f"linker: the learned model (scripts/train_stories.py); its claim-level CV, one store "
              f"per fold: P {cv.get('precision')}  R {cv.get('recall')}  F1 {cv.get('f1')}. "
              "The numbers below are in-sample for it.")
    if args.per_fold:
        from train_stories import claim_folds

        folds = claim_folds()
        pooled_pred: dict[str, tuple[str, int]] = {}
        pooled_gold: dict[str, str] = {}
        for name in sorted(set(folds.values())):
            part = [d for d in docs if folds.get(str(d.meta.get("claim_id"))) == name]
            fold_pred, fold_gold, _ = link_all(part)
            pooled_pred.update({k: (name, v) for k, v in fold_pred.items()})
            pooled_gold.update(fold_gold)
            print(f"  {name} alone in a store: B-cubed F1 {bcubed(fold_pred, fold_gold)[2]:.3f}")
        fp, fr, ff = bcubed(pooled_pred, pooled_gold)  # type: ignore[arg-type]
        print(f"one store per fold, pooled: B-cubed P {fp:.3f}  R {fr:.3f}  F1 {ff:.3f}")
    pred, gold, per_article = link_all(docs)
    p, r, f = bcubed(pred, gold)
    stories = len(set(pred.values()))
    print(f"Baly folds 1-4 in one store: {len(docs)} articles ingested, {len(gold)} related to a claim, "
          f"{len(set(gold.values()))} gold stories, {stories} predicted")
    print(f"B-cubed P {p:.3f}  R {r:.3f}  F1 {f:.3f}   (store write + linking {per_article * 1000:.1f} ms/article)")
    stance: dict[str, object] = {}
    for d in docs:
        stance.setdefault(d.id, d.meta.get("stance"))
    for keep in (("agree",), ("agree", "disagree")):
        sub = {i: c for i, c in gold.items() if stance[i] in keep}
        sp, sr, sf = bcubed({i: pred[i] for i in sub}, sub)
        print(f"  over the {'+'.join(keep)} articles only ({len(sub)}): "
              f"P {sp:.3f}  R {sr:.3f}  F1 {sf:.3f}")
    if args.baseline:
        bp, br, bf = baseline(docs, gold)
        print(f"baseline TF-IDF single link: P {bp:.3f}  R {br:.3f}  F1 {bf:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
