"""SQLite vs PostgreSQL, and 1 vs 2 Dask workers, on real SaudiNewsNet articles.

    python bench/scale_backends.py search [N]     # N articles (default 3000), 100 queries
    python bench/scale_backends.py ingest [N]     # N articles (default 200), default pipeline

Starts a throwaway PostgreSQL server (tests/pgserver.py) unless MARSAD_PG_URL is set.
``search``: the same articles stored without extraction in both backends; for 100
queries (70 single words, 30 two-word ANDs, drawn by frequency rank from the corpus),
the overlap of the top 10 hits, for several PostgreSQL rankings; search latency and
database size at 1/3, 2/3 and all of N (growth).  ``ingest``: articles per second
serial on SQLite, serial on PostgreSQL, and with 1 and 2 local Dask workers.
Numbers go to bench/out/scale_<mode>.json.  Not part of ``make bench`` (needs a server).
"""

from __future__ import annotations

import itertools
import json
import statistics
import sys
import tempfile
import time
from collections import Counter
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


def bench_search(n: int) -> dict:
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
                row = {"articles": mark}
                for name, st in (("sqlite", lite), ("postgres", pg)):
                    for q in qs[:5]:
                        st.search(q)  # warm
                    t0 = time.perf_counter()
                    for q in qs:
                        st.search(q)
                    row[f"{name}_ms_per_query"] = round(1000 * (time.perf_counter() - t0) / len(qs), 2)
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
            want = {q: _top(lite, q) for q in qs}
            variants = {
                "ts_rank norm1 (default)": ("ts_rank", 1),
                "ts_rank norm0": ("ts_rank", 0),
                "ts_rank norm2": ("ts_rank", 2),
                "ts_rank_cd norm1": ("ts_rank_cd", 1),
                "ts_rank_cd norm32": ("ts_rank_cd", 32),
            }
            out["top10_overlap"] = {}
            for name, (fn, norm) in variants.items():
                pgmod.RANK_NORMALIZATION = norm
                overlaps = []
                for q in qs:
                    got = _top_variant(pg, q, fn)
                    w = want[q]
                    if w:
                        overlaps.append(len(set(w) & set(got)) / len(w))
                out["top10_overlap"][name] = round(statistics.mean(overlaps), 3)
                print(name, out["top10_overlap"][name], flush=True)
            pgmod.RANK_NORMALIZATION = 1
            out["top10_overlap"]["pg_trgm word_similarity"] = _trgm_overlap(pg, qs, want)
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


def bench_ingest(n: int) -> dict:
    from marsad.pipeline import DEFAULT_PIPELINE
    from marsad.store.distributed import cluster_client, load_distributed
    from marsad.store.loader import load

    docs = articles(n)
    server = start()
    out: dict = {"articles": len(docs), "pipeline": list(DEFAULT_PIPELINE)}

    def fresh() -> list[Document]:
        return [Document(id=d.id, text=d.text, title=d.title, outlet=d.outlet,
                         published=d.published, source=d.source) for d in docs]

    try:
        from marsad.extract import extract

        extract(docs[0], DEFAULT_PIPELINE)  # models loaded before timing the serial runs
        with tempfile.TemporaryDirectory() as tmp:
            for name in ("sqlite", "postgres"):
                target = str(Path(tmp) / "s.db") if name == "sqlite" else server.new_database()
                with open_store(target) as st:
                    t0 = time.perf_counter()
                    load(st, fresh(), DEFAULT_PIPELINE)
                    dt = time.perf_counter() - t0
                out[f"serial_{name}_articles_per_s"] = round(len(docs) / dt, 2)
                if name == "postgres":
                    with open_store(target) as st:
                        size = st.backend._one(
                            "SELECT pg_database_size(current_database()) AS n")
                        empty = st.backend._one(
                            "SELECT pg_database_size('template1') AS n")
                        if size and empty:
                            out["postgres_kb_per_extracted_article"] = round(
                                (size["n"] - empty["n"]) / 1024 / len(docs), 1)
                print(name, out[f"serial_{name}_articles_per_s"], flush=True)
                with open_store(target) as st:  # writes only: no extraction
                    url2 = server.new_database() if name == "postgres" else str(Path(tmp) / "w.db")
                    with open_store(url2) as st2:
                        ex = [extract(d, DEFAULT_PIPELINE) for d in fresh()[:100]]
                        t0 = time.perf_counter()
                        for d in ex:
                            st2.add(d)
                        out[f"write_only_{name}_ms_per_article"] = round(
                            1000 * (time.perf_counter() - t0) / len(ex), 2)
            for workers in (1, 2):
                url = server.new_database()
                with cluster_client(None, workers) as client, open_store(url) as st:
                    client.submit(extract, docs[0], DEFAULT_PIPELINE).result()  # warm one
                    t0 = time.perf_counter()
                    load_distributed(st, fresh(), DEFAULT_PIPELINE, client)
                    dt = time.perf_counter() - t0
                out[f"dask_{workers}_workers_postgres_articles_per_s"] = round(len(docs) / dt, 2)
                print(workers, out[f"dask_{workers}_workers_postgres_articles_per_s"], flush=True)
    finally:
        server.stop()
    return out


def main() -> None:
    mode = sys.argv[1] if len(sys.argv) > 1 else "search"
    n = int(sys.argv[2]) if len(sys.argv) > 2 else (3000 if mode == "search" else 200)
    result = bench_search(n) if mode == "search" else bench_ingest(n)
    (HERE / "out").mkdir(exist_ok=True)
    (HERE / "out" / f"scale_{mode}.json").write_text(json.dumps(result, ensure_ascii=False,
                                                                indent=2))
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
