"""Web app benchmark: page latency (p50/p95) for search, article and check pages.

* Database: ``--db PATH`` (or $MARSAD_WEB_DB); else the SaudiNewsNet database that
  bench_check.py builds (``~/.cache/marsad/saudinewsnet.db``, 31,030 articles) when it
  exists; else the sample corpus, ingested into a temporary file.
* Requests go through FastAPI's TestClient (the whole app: middleware, routing,
  templates), no network: ``N`` searches (HTML page with facets, words drawn from
  headlines, fixed seed), ``N`` article pages, ``N_CHECK`` checks (the first, with the
  model load, timed apart as ``check_cold_ms``), and the map page with its
  governorates (``map_cold_ms`` the first, with the outline files parsed;
  ``map_p50_ms`` over ``N_MAP`` more).

Run: ``python bench/run.py web`` or ``.venv/bin/python bench/bench_web.py [--db PATH]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
import warnings
from pathlib import Path
from urllib.parse import quote

from marsad.store import open_store

N = 40
N_CHECK = 10
N_MAP = 5
SEED = 12
SNN_DB = Path.home() / ".cache" / "marsad" / "saudinewsnet.db"


def _pct(times: list[float], p: float) -> float:
    times = sorted(times)
    return 1000 * times[min(len(times) - 1, round(p * (len(times) - 1)))]


def _database() -> tuple[Path, str]:
    given = os.environ.get("MARSAD_WEB_DB")
    if given:
        return Path(given), "given"
    if SNN_DB.exists():
        return SNN_DB, "saudinewsnet"
    from marsad.cli.main import main as cli

    db = Path(tempfile.mkdtemp(prefix="marsad-bench-web-")) / "sample.db"
    cli(["ingest", "--sample", "--db", str(db), "-q"])
    return db, "sample"


def main(db: Path | None = None) -> dict[str, float]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from marsad.web.app import create_app

    kind = "given"
    if db is None:
        db, kind = _database()
    rng = random.Random(SEED)
    with open_store(db, create=False) as store:
        n_articles = store.counts()["articles"]
        rows = store.list_articles(limit=2000)
    ids = [r["id"] for r in rows]
    titles = [r["title"] for r in rows if r.get("title") and 4 <= len(r["title"].split()) <= 20]
    words = sorted({w for t in titles for w in t.split() if len(w) >= 4 and w.isalpha()})
    client = TestClient(create_app(db))

    def timed(url: str) -> float:
        t0 = time.perf_counter()
        resp = client.get(url)
        took = time.perf_counter() - t0
        assert resp.status_code == 200, (url, resp.status_code, resp.text[:200])
        return took

    timed("/search?q=" + quote(words[0]))  # warm: templates compiled, caches filled
    search = [timed("/search?q=" + quote(" ".join(rng.sample(words, rng.choice((1, 1, 2))))))
              for _ in range(N)]
    search_json = [timed("/search.json?q=" + quote(rng.choice(words))) for _ in range(N)]
    article = [timed(f"/articles/{rng.choice(ids)}") for _ in range(N)]
    claims = rng.sample(titles, min(N_CHECK + 1, len(titles)))
    cold = timed("/check?claim=" + quote(claims[0]))
    check = [timed("/check?claim=" + quote(c)) for c in claims[1:]]
    map_cold = timed("/map")  # the first: the outline files parsed
    maps = [timed("/map") for _ in range(N_MAP)]
    out = {
        "articles_in_db": float(n_articles),
        "search_p50_ms": _pct(search, 0.5), "search_p95_ms": _pct(search, 0.95),
        "search_json_p50_ms": _pct(search_json, 0.5), "search_json_p95_ms": _pct(search_json, 0.95),
        "article_p50_ms": _pct(article, 0.5), "article_p95_ms": _pct(article, 0.95),
        "check_cold_ms": 1000 * cold,
        "check_p50_ms": _pct(check, 0.5), "check_p95_ms": _pct(check, 0.95),
        "search_mean_ms": 1000 * statistics.mean(search),
        "map_cold_ms": 1000 * map_cold, "map_p50_ms": _pct(maps, 0.5),
    }
    print(f"web benchmark ({kind} database {db}, {n_articles} articles; "
          f"{N} searches, {N} articles, {len(check)} checks)")
    for k, v in out.items():
        print(f"  {k:40s} {v:12.1f}")
    return out


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", type=Path)
    a = ap.parse_args()
    print(json.dumps(main(a.db), ensure_ascii=False))
