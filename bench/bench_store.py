"""Store benchmark: ingest all of SaudiNewsNet into a fresh database, then search it.

Numbers (returned by ``main()`` and printed as a table):

* ``ingest_sentences_*``: all 31,030 articles from ../shared/data/saudinewsnet/*.zip
  (read directly from the zips), each run through the pipeline LIMITED TO "sentences"
  and written with ``Store.add`` (content hash, MinHash + LSH bands, FTS keys, spans),
  one transaction per article: articles/s, wall seconds, added / already present /
  near-duplicates, database size.
* ``ingest_full_*``: the full default pipeline on the first ``FULL_SUBSET`` articles.
* ``search_p50_ms`` / ``search_p95_ms``: 100 queries (one or two words drawn from the
  corpus with a fixed seed) against the full database, top 10 with snippets.
* ``peak_rss_mb``: peak resident memory of the process (ru_maxrss).

Run: ``.venv/bin/python bench/bench_store.py [--limit N]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import resource
import statistics
import sys
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from marsad.document import Document
from marsad.eval.gold import shared_dir
from marsad.extract import extract
from marsad.pipeline import DEFAULT_PIPELINE
from marsad.store import open_store

FULL_SUBSET = 300
N_QUERIES = 100
SEED = 20151


def saudinewsnet_docs(limit: int | None = None) -> Iterator[Document]:
    """Documents from the SaudiNewsNet zips (JSON arrays), in file order."""
    n = 0
    for path in sorted((shared_dir() / "data" / "saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                for rec in json.loads(zf.read(name)):
                    if limit is not None and n >= limit:
                        return
                    n += 1
                    url = rec.get("url") or ""
                    yield Document(
                        id=hashlib.sha1(url.encode()).hexdigest()[:16] if url else f"snn{n}",
                        text=rec.get("content") or "",
                        source=f"{path.name}:{n}",
                        title=rec.get("title"),
                        outlet=rec.get("source"),
                        published=(rec.get("date_extracted") or "")[:10] or None,
                        url=url or None,
                    )


def _ingest(db: Path, docs: Iterator[Document], pipeline: tuple[str, ...]) -> dict[str, float]:
    status: Counter[str] = Counter()
    t0 = time.perf_counter()
    with open_store(db) as store:
        for doc in docs:
            if not doc.text.strip():
                status["empty"] += 1
                continue
            try:
                if store.lookup(doc) is not None:
                    status["present"] += 1
                    continue
                status[store.add(extract(doc, pipeline), pipeline=pipeline).status] += 1
            except RecursionError:  # normalize() bug on some presentation forms (reported)
                status["error"] += 1
    secs = time.perf_counter() - t0
    total = sum(status.values())
    return {
        "articles": total,
        "seconds": round(secs, 1),
        "articles_per_s": round(total / secs, 1),
        "added": status["added"],
        "present": status["present"],
        "near_duplicates": status["near_duplicate"],
        "empty_skipped": status["empty"],
        "errors": status["error"],
        "db_mb": round(sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / 1e6, 1),
    }


def _queries(docs: list[Document], rng: random.Random) -> list[str]:
    word = re.compile(r"[\u0621-\u064A]{4,}")
    out: list[str] = []
    while len(out) < N_QUERIES:
        words = word.findall(rng.choice(docs).text)
        if len(words) < 2:
            continue
        i = rng.randrange(len(words) - 1)
        out.append(words[i] if len(out) % 3 else f"{words[i]} {words[i + 1]}")
    return out


def main(limit: int | None = None) -> dict[str, float]:
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="marsad-bench-") as tmp:
        db = Path(tmp) / "snn.db"
        r = _ingest(db, saudinewsnet_docs(limit), ("sentences",))
        results.update({f"ingest_sentences_{k}": v for k, v in r.items()})

        rng = random.Random(SEED)
        sample = list(saudinewsnet_docs(min(limit or 31030, 5000)))
        queries = _queries(sample, rng)
        times = []
        hits = 0
        with open_store(db, create=False) as store:
            for q in queries:
                t0 = time.perf_counter()
                hits += bool(store.search(q, limit=10))
                times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        results["search_queries"] = len(queries)
        results["search_with_hits"] = hits
        results["search_p50_ms"] = round(statistics.median(times), 2)
        results["search_p95_ms"] = round(times[int(0.95 * len(times)) - 1], 2)

        db_full = Path(tmp) / "full.db"
        r = _ingest(db_full, saudinewsnet_docs(FULL_SUBSET), DEFAULT_PIPELINE)
        results.update({f"ingest_full_{k}": v for k, v in r.items()})
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print("store benchmark (SaudiNewsNet; ingest_sentences = pipeline limited to sentences; "
          f"ingest_full = full default pipeline on the first {FULL_SUBSET} articles)")
    for key, value in results.items():
        print(f"  {key:32} {value}")
    return results


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, help="only the first N articles (quick check)")
    main(ap.parse_args().limit)
    sys.exit(0)
