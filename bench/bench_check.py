"""Claim-check benchmark: ``check_store`` latency on the SaudiNewsNet database.

* Database: ``--db PATH`` (or $MARSAD_CHECK_DB); default ``~/.cache/marsad/saudinewsnet.db``,
  built on first run from all 31,030 SaudiNewsNet articles (pipeline limited to
  "sentences", as in bench_store.py) and kept for later runs (never in the repo).
* Claims: ``N_CLAIMS`` headlines of articles that mention Syria (fixed seed), each
  checked as a claim: FTS5 pool of 100, re-ranked, the best 20 stance-checked.
  The first check in this process (caches empty, model already loaded) is timed apart
  as ``first_ms``; ``cold_cli_ms`` is the wall time of one ``marsad check CLAIM --db``
  in a fresh process (imports, model load, search, stances), median of 3.
* Numbers: ``check_p50_ms`` / ``check_p95_ms`` / ``check_max_ms``, mean articles checked,
  verdict counts, and the scores the shipped stance model was trained with.

Run: ``.venv/bin/python bench/bench_check.py [--db PATH] [--claims N]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from marsad.check.checker import check_store
from marsad.check.stance import default_model
from marsad.store import open_store

N_CLAIMS = 30
SEED = 2015
DEFAULT_DB = Path.home() / ".cache" / "marsad" / "saudinewsnet.db"


def _build(db: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_store import saudinewsnet_docs

    from marsad.extract import extract

    db.parent.mkdir(parents=True, exist_ok=True)
    pipeline = ("sentences",)
    t0 = time.perf_counter()
    with open_store(db) as store:
        for i, doc in enumerate(saudinewsnet_docs()):
            store.add(extract(doc, pipeline), pipeline=pipeline)
            if i % 5000 == 0:
                print(f"  built {i} articles, {time.perf_counter() - t0:.0f}s", flush=True)


def _claims(store: object, n: int) -> list[str]:
    rng = random.Random(SEED)
    hits = store.search("سوريا OR سوريه OR السوري", limit=2000)  # type: ignore[attr-defined]
    titles = sorted({h.article.get("title") or "" for h in hits} - {""})
    titles = [t for t in titles if 4 <= len(t.split()) <= 25]
    return rng.sample(titles, min(n, len(titles)))


def main(db: Path | None = None, n_claims: int = N_CLAIMS) -> dict[str, float]:
    db = db or Path(os.environ.get("MARSAD_CHECK_DB") or DEFAULT_DB)
    if not db.exists():
        print(f"building {db} from SaudiNewsNet (once)...", flush=True)
        _build(db)
    model = default_model()
    times, checked = [], []
    verdicts: Counter[str] = Counter()
    with open_store(db, create=False) as store:
        articles = store.counts().get("articles", 0)
        claims = _claims(store, n_claims)
        t0 = time.perf_counter()
        check_store(claims[0], store, model=model)
        first = time.perf_counter() - t0
        for claim in claims:
            t0 = time.perf_counter()
            res = check_store(claim, store, model=model)
            times.append(time.perf_counter() - t0)
            checked.append(len(res.verdict.votes))
            verdicts[res.verdict.verdict] += 1
    times.sort()
    marsad = Path(sys.executable).with_name("marsad")
    cold_runs = []
    for claim in claims[-3:]:
        t0 = time.perf_counter()
        subprocess.run([str(marsad), "check", claim, "--db", str(db), "--json"], check=True, capture_output=True)
        cold_runs.append(time.perf_counter() - t0)
    out: dict[str, float] = {
        "articles_in_db": float(articles),
        "claims": float(len(times)),
        "first_ms": 1000 * first,
        "cold_cli_ms": 1000 * statistics.median(cold_runs),
        "check_p50_ms": 1000 * statistics.median(times),
        "check_p95_ms": 1000 * times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
        "check_max_ms": 1000 * times[-1],
        "articles_checked_mean": statistics.mean(checked),
        **{f"verdict_{k}": float(v) for k, v in verdicts.items()},
        **{f"model_{k}": float(v) for k, v in model.scores.items() if isinstance(v, int | float)},
    }
    print(f"claim check benchmark ({db}, {articles} articles; {len(times)} Syria headlines as claims)")
    for k, v in out.items():
        print(f"  {k:40s} {v:12.1f}")
    return out


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", type=Path)
    ap.add_argument("--claims", type=int, default=N_CLAIMS)
    a = ap.parse_args()
    print(json.dumps(main(a.db, a.claims), ensure_ascii=False))
