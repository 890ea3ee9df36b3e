"""Copy an SQLite store into PostgreSQL (``marsad migrate --from marsad.db --to URL``).

Every row of every table is copied with its id (articles, spans, full text entries,
signatures and LSH bands, stories and their index, log and key counts), so article and
story ids, near-duplicate marks and story links are the same on both sides; nothing is
extracted again.  The copy is ONE transaction: an interrupted migration leaves the
target as it was, and running it again starts over.  A target that already holds
articles is refused.  The full text entries are rebuilt from the same search keys the
SQLite FTS5 table holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from marsad.errors import StoreError
from marsad.store.postgres import (
    PG_ONLY_MIGRATIONS,
    PostgresBackend,
    fts_token_count,
    tsvector_literal,
)
from marsad.store.sqlite import SQLiteBackend

#: tables in the order their foreign keys need (articles_fts is rebuilt separately)
TABLES = (
    "articles", "sentences", "entities", "figures", "dates", "claims", "events",
    "minhash", "minhash_bands", "stories", "story_articles", "story_keys", "story_log",
    "key_df",
)
#: self references, filled in after every row of the table is in
LATER = {"articles": "duplicate_of", "stories": "merged_into"}
BATCH = 2000


@dataclass
class MigrateReport:
    rows: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"rows": dict(self.rows)}


def _sqlite_rows(src: SQLiteBackend, table: str, cols: list[str]) -> Iterator[tuple[Any, ...]]:
    cur = src.conn.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY 1")
    while True:
        chunk = cur.fetchmany(BATCH)
        if not chunk:
            return
        yield from (tuple(r) for r in chunk)


def _clean(value: Any) -> Any:
    if isinstance(value, str) and "\x00" in value:
        return value.replace("\x00", "")  # PostgreSQL text cannot hold NUL
    if isinstance(value, memoryview):
        return bytes(value)
    return value


def migrate(
    src: SQLiteBackend, dst: PostgresBackend, progress: Callable[[str, int], None] | None = None
) -> MigrateReport:
    """Copy every row of ``src`` into the empty store ``dst`` (see module docstring)."""
    import psycopg

    try:
        return _migrate(src, dst, progress)
    except psycopg.Error as exc:  # the transaction was rolled back: the target is as it was
        raise StoreError(f"{dst.error(exc)}; nothing was copied") from None


def _migrate(
    src: SQLiteBackend, dst: PostgresBackend, progress: Callable[[str, int], None] | None
) -> MigrateReport:
    report = MigrateReport()
    if dst.counts()["articles"]:
        raise StoreError(f"{dst.path}: already holds articles; migrate into an empty database")
    src_versions = {m["version"] for m in src.migrations()}
    dst_versions = {m["version"] for m in dst.migrations()} - PG_ONLY_MIGRATIONS
    if src_versions != dst_versions:
        raise StoreError(f"{src.path}: schema versions {sorted(src_versions)} differ from "
                         f"{dst.path}'s {sorted(dst_versions)}; open it with this marsad first")
    with dst.conn.transaction():
        dst.conn.execute("SELECT pg_advisory_xact_lock(%s)", (0x6D61727361640001,))
        for table in TABLES:
            src_cols = [r[1] for r in src.conn.execute(f"PRAGMA table_info({table})")]
            dst_cols = set(dst._table_columns(table))
            cols = [c for c in src_cols if c in dst_cols]
            later = LATER.get(table)
            copy_cols = [c for c in cols if c != later]
            pos = {c: i for i, c in enumerate(cols)}
            fix: list[tuple[Any, Any]] = []
            n = 0
            with dst.conn.cursor() as cur, cur.copy(
                f"COPY {table} ({', '.join(copy_cols)}) FROM STDIN"
            ) as copy:
                for row in _sqlite_rows(src, table, cols):
                    if later and row[pos[later]] is not None:
                        fix.append((row[pos[later]], row[pos["id"]]))
                    copy.write_row([_clean(row[pos[c]]) for c in copy_cols])
                    n += 1
            if fix:
                with dst.conn.cursor() as cur:
                    cur.executemany(f"UPDATE {table} SET {later}=%s WHERE id=%s", fix)
            report.rows[table] = n
            if progress:
                progress(table, n)
        n = 0
        with dst.conn.cursor() as cur, cur.copy(
            "COPY articles_fts (article_id, tsv, n_tokens) FROM STDIN"
        ) as copy:
            for rowid, title, body in _sqlite_rows(src, "articles_fts", ["rowid", "title", "body"]):
                title, body = title or "", body or ""
                copy.write_row([rowid, tsvector_literal(title, body),
                                fts_token_count(title) + fts_token_count(body)])
                n += 1
        dst.rebuild_bm25_stats()
        report.rows["articles_fts"] = n
        if progress:
            progress("articles_fts", n)
        dst.reset_sequences()
    for table in ("articles", *TABLES[1:7]):
        want = report.rows[table]
        got = dst.counts().get("articles" if table == "articles" else table)
        if got != want:  # pragma: no cover - COPY either copies all or raises
            raise StoreError(f"{dst.path}: {table} has {got} rows after the copy, not {want}")
    return report
