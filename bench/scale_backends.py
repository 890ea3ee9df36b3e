"""SQLite vs PostgreSQL, and 1 vs 2 Dask workers, on real SaudiNewsNet articles.

    python bench/scale_backends.py search [N]     # N articles (default 3000), 100 queries
    python bench/scale_backends.py ingest [N] [--backend sqlite,postgres] [--workers 0,1,2]
    python bench/scale_backends.py cli [--backend sqlite,postgres] [--workers 1,2] [--source PATH]

Starts a throwaway PostgreSQL server (tests/pgserver.py: fsync off, a test server)
unless MARSAD_PG_URL is set (a real server: each run makes and drops its own database).
``search``: the same articles stored without extraction in both backends; for 100
queries (70 single words, 30 two-word ANDs, drawn by frequency rank from the corpus),
the overlap of the top 10 hits with SQLite's bm25 (PostgreSQL's bm25, the default, and
ts_rank / pg_trgm for comparison), how many top 10s are identical in order, search
latency p50/p95 (Store.search, snippets included, and the backend's SQL alone) and
database size at 1/3, 2/3 and all of N (growth).  ``ingest``: N articles through the
full default pipeline into a fresh database of each backend, serially (workers 0) and
with a local Dask cluster of 1 and 2 workers: articles/s and seconds per stage (reading,
each pipeline component or waiting for the workers, writing).  ``cli``: the real
``marsad ingest --workers W`` of all SaudiNewsNet (31,030 records) per backend and
worker count, wall time and peak RSS from GNU time (the 31k table of docs/scale.md).
Numbers go to
bench/out/scale_<mode>.json.  Not part of ``make bench`` (needs a server).
"""

from __future__ import annotations

import itertools
import json
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from marsad.document import Document  # noqa: E402
from marsad.eval.gold import shared_dir  # noqa: E402
from marsad.ingest import read_paths  # noqa: E402
from marsad.store import open_store  # noqa: E402
from marsad.store import postgres as pgmod  # noqa: E402
from marsad.store.fulltext import index_keys  # noqa: E402
from pgserver import start  # noqa: E402


def articles(n: int) -> list[Document]:
    zips = sorted((shared_dir() / "data" / "saudinewsnet").glob("*.zip"))
    docs = (d for d in read_paths([str(z) for z in zips]) if isinstance(d, Document))
    return list(itertools.islice(docs, n))


def queries(docs: list[Document]) -> list[str]:
    df: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for d in docs:
        keys = index_keys(d.text).split()
        df.update({k for k in keys if len(k) > 2 and not k.isdigit()})
        tkeys = [k for k in index_keys(d.title).split() if len(k) > 2]
        pairs.update(zip(tkeys, tkeys[1:], strict=False))
    words = [w for w, _ in df.most_common()][100:800:10][:70]
    two = [f"{a} {b}" for (a, b), _ in pairs.most_common()][:30]
    return words + two


def _top(store, q: str, k: int = 10) -> list[int]:  # type: ignore[no-untyped-def]
    return [h.article["id"] for h in store.search(q, limit=k)]


def _quantiles(ms: list[float]) -> dict[str, float]:
    qs = statistics.quantiles(ms, n=20, method="inclusive")
    return {"p50": round(statistics.median(ms), 2), "p95": round(qs[18], 2)}


def _latency(store, qs: list[str]) -> dict:  # type: ignore[no-untyped-def]
    """ms per query: Store.search (SQL + snippets of 10 hits) and the backend's SQL."""
    from marsad.store import Filters
    from marsad.store.fulltext import parse_query

    for q in qs[:5]:
        store.search(q)  # warm
    full, sql = [], []
    for q in qs:
        t0 = time.perf_counter()
        store.search(q)
        full.append(1000 * (time.perf_counter() - t0))
        match = parse_query(q).to_fts()
        t0 = time.perf_counter()
        store.backend.search(match, Filters(), 10, 0)
        sql.append(1000 * (time.perf_counter() - t0))
    return {"search": _quantiles(full), "sql": _quantiles(sql)}


def bench_search(n: int, variants: bool = True) -> dict:
    docs = articles(n)
    qs = queries(docs)
    server = start()
    url = server.new_database("bench")
    out: dict = {"articles": len(docs), "queries": len(qs), "growth": []}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            lite = open_store(Path(tmp) / "s.db")
            pg = open_store(url)
            marks = [len(docs) // 3, 2 * len(docs) // 3, len(docs)]
            done = 0
            for mark in marks:
                for d in docs[done:mark]:
                    lite.add(d)
                    pg.add(d)
                done = mark
                row: dict = {"articles": mark}
                for name, st in (("sqlite", lite), ("postgres", pg)):
                    row[f"{name}_ms"] = _latency(st, qs)
                row["sqlite_file_mb"] = round((Path(tmp) / "s.db").stat().st_size / 2**20, 1)
                size = pg.backend._one("SELECT pg_database_size(current_database()) AS n")
                row["postgres_db_mb"] = round(size["n"] / 2**20, 1) if size else None
                out["growth"].append(row)
                print(row, flush=True)
            sizes = pg.backend._rows(
                "SELECT relname AS name, pg_total_relation_size(c.oid) AS bytes FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "
                "AND c.relkind = 'r' ORDER BY bytes DESC")
            out["postgres_tables_mb"] = {r["name"]: round(r["bytes"] / 2**20, 2) for r in sizes}
            want = {q: [(h.article["id"], h.rank) for h in lite.search(q, limit=10)] for q in qs}
            got = {q: [(h.article["id"], h.rank) for h in pg.search(q, limit=10)] for q in qs}
            overlaps = [len({i for i, _ in want[q]} & {i for i, _ in got[q]}) / len(want[q])
                        for q in qs if want[q]]
            out["top10_overlap"] = {"bm25 (default)": round(statistics.mean(overlaps), 3)}
            out["bm25_identical_top10_order"] = sum(
                1 for q in qs if [i for i, _ in want[q]] == [i for i, _ in got[q]])
            out["bm25_max_rank_difference"] = max(
                (abs(a[1] - b[1]) for q in qs for a, b in zip(want[q], got[q], strict=False)
                 if a[0] == b[0]), default=0.0)
            print("bm25", out["top10_overlap"]["bm25 (default)"],
                  out["bm25_identical_top10_order"], flush=True)
            ids = {q: [i for i, _ in want[q]] for q in qs}
            others = {
                "ts_rank norm1 (before)": ("ts_rank", 1),
                "ts_rank norm0": ("ts_rank", 0),
                "ts_rank norm2": ("ts_rank", 2),
                "ts_rank_cd norm1": ("ts_rank_cd", 1),
                "ts_rank_cd norm32": ("ts_rank_cd", 32),
            }
            for name, (fn, norm) in (others.items() if variants else ()):
                pgmod.RANK_NORMALIZATION = norm
                overlaps = []
                for q in qs:
                    top = _top_variant(pg, q, fn)
                    if ids[q]:
                        overlaps.append(len(set(ids[q]) & set(top)) / len(ids[q]))
                out["top10_overlap"][name] = round(statistics.mean(overlaps), 3)
                print(name, out["top10_overlap"][name], flush=True)
            pgmod.RANK_NORMALIZATION = 1
            if variants:
                out["top10_overlap"]["pg_trgm word_similarity"] = _trgm_overlap(pg, qs, ids)
                print("trgm", out["top10_overlap"]["pg_trgm word_similarity"], flush=True)
            counts = [lite.count(q) for q in qs]
            out["queries_with_hits"] = sum(1 for c in counts if c)
            out["hits_per_query_median"] = statistics.median(counts)
            out["same_hit_counts"] = sum(1 for q, c in zip(qs, counts, strict=True)
                                         if pg.count(q) == c)
            lite.close()
            pg.close()
    finally:
        server.drop_database(url)
        server.stop()
    return out


def _top_variant(pg, q: str, fn: str) -> list[int]:  # type: ignore[no-untyped-def]
    from marsad.store.fulltext import parse_query

    tsq = pgmod.fts_to_tsquery(parse_query(q).to_fts())
    rows = pg.backend._rows(
        f"SELECT a.id, -{fn}('{pgmod.RANK_WEIGHTS}', f.tsv, q.q, {pgmod.RANK_NORMALIZATION}) "
        "AS rank FROM (SELECT %s::tsquery AS q) q JOIN articles_fts f ON f.tsv @@ q.q "
        "JOIN articles a ON a.id = f.article_id WHERE a.duplicate_of IS NULL "
        "ORDER BY rank, a.id LIMIT 10", (tsq,))
    return [r["id"] for r in rows]


def _trgm_overlap(pg, qs: list[str], want: dict[str, list[int]]) -> float | str:  # type: ignore[no-untyped-def]
    """Rank the same matches by pg_trgm's word_similarity of the query keys to the
    article's keys (title + body) instead of ts_rank."""
    from marsad.store.fulltext import parse_query

    try:
        pg.backend.conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception as exc:  # contrib not installed
        return f"unavailable ({type(exc).__name__})"
    pg.backend.conn.execute("DROP TABLE IF EXISTS bench_keys")
    pg.backend.conn.execute("CREATE TABLE bench_keys (id BIGINT PRIMARY KEY, keys TEXT)")
    rows = pg.backend._rows("SELECT id, title, text FROM articles")
    with pg.backend.conn.cursor() as cur:
        cur.executemany("INSERT INTO bench_keys VALUES (%s, %s)",
                        [(r["id"], index_keys(r["title"]) + " " + index_keys(r["text"]))
                         for r in rows])
    overlaps = []
    for q in qs:
        parsed = parse_query(q)
        qkeys = " ".join(k for t in parsed.terms for k in t.keys)
        got = [r["id"] for r in pg.backend._rows(
            "SELECT a.id FROM (SELECT %s::tsquery AS q) q JOIN articles_fts f ON f.tsv @@ q.q "
            "JOIN articles a ON a.id = f.article_id JOIN bench_keys k ON k.id = a.id "
            "WHERE a.duplicate_of IS NULL ORDER BY word_similarity(%s, k.keys) DESC, a.id "
            "LIMIT 10", (pgmod.fts_to_tsquery(parsed.to_fts()), qkeys))]
        if want[q]:
            overlaps.append(len(set(want[q]) & set(got)) / len(want[q]))
    pg.backend.conn.execute("DROP TABLE bench_keys")
    return round(statistics.mean(overlaps), 3)


class _TimedStore:
    """A Store whose writer path (lookup + add) is timed: the ``write`` stage."""

    def __init__(self, store, stages: dict[str, float]) -> None:  # type: ignore[no-untyped-def]
        self._store, self._stages = store, stages

    def lookup(self, doc):  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        try:
            return self._store.lookup(doc)
        finally:
            self._stages["write"] += time.perf_counter() - t0

    def add(self, doc, **kw):  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        try:
            return self._store.add(doc, **kw)
        finally:
            self._stages["write"] += time.perf_counter() - t0

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self._store, name)


def _timed_read(n: int, stages: dict[str, float]):  # type: ignore[no-untyped-def]
    """The first n SaudiNewsNet articles as read_paths gives them, reading timed."""
    zips = sorted((shared_dir() / "data" / "saudinewsnet").glob("*.zip"))
    it = read_paths([str(z) for z in zips])
    given = 0
    while given < n:
        t0 = time.perf_counter()
        try:
            item = next(it)
        except StopIteration:
            return
        finally:
            stages["read"] += time.perf_counter() - t0
        if isinstance(item, Document):
            given += 1
            yield item


def ingest_run(n: int, backend: str, workers: int, target: str) -> dict:
    """One ``marsad ingest`` of n articles into ``target`` (fresh), as the CLI runs it:
    serially (workers 0: the loader's steps, each pipeline component timed) or through
    load_distributed on a local cluster of ``workers`` processes."""
    from marsad.pipeline import DEFAULT_PIPELINE, get_component
    from marsad.store.distributed import cluster_client, load_distributed

    pipeline = tuple(DEFAULT_PIPELINE)
    stages: dict[str, float] = {"read": 0.0, "write": 0.0}
    out: dict = {"backend": backend, "workers": workers}
    with open_store(target) as raw:
        store = _TimedStore(raw, stages)
        if workers == 0:
            components = [(name, get_component(name)) for name in pipeline]
            for name in pipeline:
                stages[f"extract:{name}"] = 0.0
            done = 0
            t_start = time.perf_counter()
            for doc in _timed_read(n, stages):
                if store.lookup(doc) is not None:
                    continue
                for name, component in components:
                    t0 = time.perf_counter()
                    doc = component(doc)
                    stages[f"extract:{name}"] += time.perf_counter() - t0
                store.add(doc, pipeline=pipeline)
                done += 1
            wall = time.perf_counter() - t_start
        else:
            with cluster_client(None, workers) as client:
                from marsad.extract import extract

                client.run(lambda: extract(Document(id="w", text="قصف"), pipeline) and None)
                t_start = time.perf_counter()
                report = load_distributed(store, _timed_read(n, stages), pipeline, client)
                wall = time.perf_counter() - t_start
            done = report.added + report.near_duplicates
            stages["extract: waiting for the workers"] = wall - stages["read"] - stages["write"]
        counts = raw.counts()
    out.update({
        "articles": done, "seconds": round(wall, 1),
        "articles_per_s": round(done / wall, 2) if wall else None,
        "stage_seconds": {k: round(v, 1) for k, v in stages.items()},
        "write_ms_per_article": round(1000 * stages["write"] / max(done, 1), 1),
        "stored": counts,
    })
    return out


def _fresh_targets(backends: list[str], workers: list[int]) -> Iterator[tuple[str, int, str]]:
    """(backend, workers, target) for each combination, each target a fresh store: a
    file in a temporary folder, or a new database on the throwaway PostgreSQL server
    (dropped when the caller moves on)."""
    server = start() if "postgres" in backends else None
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for backend in backends:
                for w in workers:
                    if server is not None and backend == "postgres":
                        target = server.new_database("bench")
                        try:
                            yield backend, w, target
                        finally:
                            server.drop_database(target)
                    else:
                        yield backend, w, str(Path(tmp) / f"{backend}-w{w}.db")
    finally:
        if server is not None:
            server.stop()


def bench_ingest(n: int, backends: list[str], workers: list[int]) -> dict:
    from marsad.extract import extract
    from marsad.pipeline import DEFAULT_PIPELINE

    out: dict = {"articles": n, "pipeline": list(DEFAULT_PIPELINE), "runs": []}
    for d in articles(20):  # models and caches loaded before timing the first run
        extract(Document(id=d.id, text=d.text, title=d.title, published=d.published),
                DEFAULT_PIPELINE)
    for backend, w, target in _fresh_targets(backends, workers):
        run = ingest_run(n, backend, w, target)
        if backend == "postgres":
            with open_store(target) as st:
                size = st.backend._one("SELECT pg_database_size(current_database()) AS n")
            run["db_mb"] = round(size["n"] / 2**20, 1) if size else None
        else:
            run["db_mb"] = round(Path(target).stat().st_size / 2**20, 1)
        out["runs"].append(run)
        print(f"{backend:<9} workers {w}: {run['articles_per_s']} articles/s, "
              f"{run['seconds']} s; stages {run['stage_seconds']}", flush=True)
    return out


def _gnu_time(lines: str) -> tuple[float | None, float | None]:
    """Wall seconds and peak RSS (MB) from ``/usr/bin/time -v``'s report."""
    wall = rss = None
    for line in lines.splitlines():
        line = line.strip()
        if line.startswith("Elapsed (wall clock) time"):
            parts = [float(p) for p in line.rsplit(" ", 1)[1].split(":")]
            wall = sum(p * 60 ** k for k, p in enumerate(reversed(parts)))
        elif line.startswith("Maximum resident set size (kbytes)"):
            rss = round(int(line.rsplit(" ", 1)[1]) / 1024, 1)
    return wall, rss


def bench_cli(backends: list[str], workers: list[int], source: str) -> dict:
    """``marsad ingest --workers W`` of ``source`` (default: all of SaudiNewsNet) into a
    fresh store of each backend, as a user runs it (its own process, models loaded
    inside the run, near-duplicates and stories); wall time and peak RSS of the run
    (all its processes) from GNU time, and the command's JSON report."""
    import shutil
    import subprocess

    gnu_time = shutil.which("time") or "/usr/bin/time"
    marsad = str(Path(sys.executable).parent / "marsad")
    out: dict = {"source": source, "runs": []}
    for backend, w, target in _fresh_targets(backends, workers):
        cmd = [gnu_time, "-v", marsad, "ingest", "--workers", str(w), "-q",
               "--json", "--db", target, source]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        report = json.loads(proc.stdout) if proc.stdout.strip() else {}
        wall, rss = _gnu_time(proc.stderr)
        stored = report.get("added", 0) + report.get("near_duplicates", 0)
        run = {
            "backend": backend, "workers": w, "exit": proc.returncode,
            "seconds": wall, "peak_rss_mb": rss,
            "articles_per_s": round(stored / wall, 2) if wall else None,
            **{k: report.get(k) for k in
               ("added", "present", "near_duplicates", "failed", "stories")},
        }
        out["runs"].append(run)
        print(f"{backend:<9} --workers {w}: {run['seconds']} s, "
              f"{run['articles_per_s']} articles/s, peak RSS {run['peak_rss_mb']} MB",
              flush=True)
    return out


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("mode", choices=("search", "ingest", "cli"), nargs="?", default="search")
    parser.add_argument("n", type=int, nargs="?")
    parser.add_argument("--backend", default="sqlite,postgres",
                        help="ingest: sqlite, postgres or both (comma separated)")
    parser.add_argument("--workers", default="0,1,2",
                        help="ingest: 0 (serial) and/or Dask worker counts, comma separated; "
                        "cli: --workers values of marsad ingest (1 = in this process)")
    parser.add_argument("--bm25-only", action="store_true",
                        help="search: skip the ts_rank and pg_trgm comparisons (large N)")
    parser.add_argument("--source", default=None,
                        help="cli: what to ingest (default: all of ../shared/data/saudinewsnet)")
    args = parser.parse_args()
    if args.mode == "search":
        result = bench_search(args.n or 3000, variants=not args.bm25_only)
    elif args.mode == "cli":
        backends = [b.strip() for b in args.backend.split(",") if b.strip()]
        result = bench_cli(backends, [int(w) for w in args.workers.split(",") if w.strip()],
                           args.source or str(shared_dir() / "data" / "saudinewsnet"))
    else:
        backends = [b.strip() for b in args.backend.split(",") if b.strip()]
        if set(backends) - {"sqlite", "postgres"}:
            parser.error("--backend: sqlite and/or postgres")
        result = bench_ingest(args.n or 200, backends,
                              [int(w) for w in args.workers.split(",") if w.strip()])
    (HERE / "out").mkdir(exist_ok=True)
    (HERE / "out" / f"scale_{args.mode}.json").write_text(
        json.dumps(result, ensure_ascii=False, indent=2))
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
