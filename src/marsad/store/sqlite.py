"""SQLite backend: every SQL statement marsad runs lives in this module (and, for
stories, in its mixin ``marsad.store.sqlite_stories``).

One database file in WAL mode with foreign keys on.  The schema is built by numbered
migration steps, applied in order when the database is opened and recorded in the
``migrations`` table, so an old database is brought up to date and a database made by a
newer marsad is refused.  Each article is written in its own ``BEGIN IMMEDIATE``
transaction (see ``transaction``): a process killed mid-run loses at most the article
in flight, and readers never see half an article.  Inside ``batch()`` (a bulk ingest),
each article is a savepoint of a transaction committed every ``BATCH_ARTICLES``
articles or ``BATCH_SECONDS`` seconds: one article's error still undoes that article
alone, an interrupted or failed run keeps every article finished (the batch is
committed on the way out), and only a killed process loses more: the articles of the
open batch, which running the command again adds.  A full disk makes SQLite roll back
the whole open transaction, so a batch starts only with room for it (``LOW_ROOM`` free
on the database's file system and under its ``max_page_count``); with less, each
article is committed alone and a full disk keeps every article before the one that
did not fit.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from marsad.errors import StoreError
from marsad.store.backend import Filters, Row
from marsad.store.sqlite_stories import MERGED_MIGRATION as MERGED_STORIES_MIGRATION
from marsad.store.sqlite_stories import MIGRATION as STORIES_MIGRATION
from marsad.store.sqlite_stories import SQLiteStories

SPAN_TABLES = ("sentences", "entities", "figures", "dates", "claims", "events")

#: (version, name, statements).  Append new steps; never edit an applied one.
MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (
        1,
        "articles and span tables",
        [
            """CREATE TABLE articles (
                id INTEGER PRIMARY KEY,
                doc_id TEXT NOT NULL,
                source TEXT NOT NULL DEFAULT '',
                title TEXT,
                outlet TEXT,
                outlet_key TEXT,
                dateline TEXT,
                published TEXT,
                url TEXT,
                text TEXT NOT NULL,
                content_hash TEXT NOT NULL UNIQUE,
                duplicate_of INTEGER REFERENCES articles(id),
                similarity REAL,
                extract TEXT NOT NULL,
                pipeline TEXT,
                ingested_at TEXT NOT NULL
            )""",
            "CREATE INDEX articles_published ON articles(published)",
            "CREATE INDEX articles_doc_id ON articles(doc_id)",
            "CREATE INDEX articles_duplicate_of ON articles(duplicate_of)",
            """CREATE TABLE sentences (
                article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                idx INTEGER NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
                extra TEXT,
                PRIMARY KEY (article_id, idx)
            )""",
            """CREATE TABLE entities (
                article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                idx INTEGER NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
                text TEXT, type TEXT, canonical TEXT, entity_id TEXT, title TEXT, role TEXT,
                lat REAL, lon REAL, entity_key TEXT, name_key TEXT, extra TEXT,
                PRIMARY KEY (article_id, idx)
            )""",
            "CREATE INDEX entities_entity_key ON entities(entity_key)",
            """CREATE TABLE figures (
                article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                idx INTEGER NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
                text TEXT, value REAL, value_max REAL, bound TEXT, counted TEXT, unit TEXT,
                extra TEXT,
                PRIMARY KEY (article_id, idx)
            )""",
            """CREATE TABLE dates (
                article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                idx INTEGER NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
                text TEXT, value TEXT, end_value TEXT, relative INTEGER, extra TEXT,
                PRIMARY KEY (article_id, idx)
            )""",
            """CREATE TABLE claims (
                article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                idx INTEGER NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
                speaker TEXT, verb TEXT, polarity TEXT, direct INTEGER, content TEXT,
                content_start INTEGER, content_end INTEGER, speaker_entity TEXT,
                speaker_mention TEXT, source TEXT, speaker_key TEXT, content_key TEXT,
                extra TEXT,
                PRIMARY KEY (article_id, idx)
            )""",
            "CREATE INDEX claims_speaker_entity ON claims(speaker_entity)",
            """CREATE TABLE events (
                article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                idx INTEGER NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
                type TEXT, actor TEXT, target TEXT, place TEXT, date TEXT, figures TEXT,
                extra TEXT,
                PRIMARY KEY (article_id, idx)
            )""",
        ],
    ),
    (
        2,
        "full text index over search keys",
        [
            """CREATE VIRTUAL TABLE articles_fts USING fts5(
                title, body, tokenize="unicode61 remove_diacritics 0"
            )""",
        ],
    ),
    (
        3,
        "minhash signatures and LSH bands for near-duplicates",
        [
            """CREATE TABLE minhash (
                article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
                signature BLOB NOT NULL
            )""",
            """CREATE TABLE minhash_bands (
                band INTEGER NOT NULL, key INTEGER NOT NULL,
                article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                PRIMARY KEY (band, key, article_id)
            ) WITHOUT ROWID""",
        ],
    ),
    STORIES_MIGRATION,
    MERGED_STORIES_MIGRATION,
]

_ARTICLE_COLUMNS = (
    "doc_id", "source", "title", "outlet", "outlet_key", "dateline", "published", "url",
    "text", "content_hash", "duplicate_of", "similarity", "extract", "pipeline", "ingested_at",
)
_LIST_COLUMNS = (
    "id, doc_id, source, title, outlet, dateline, published, url, duplicate_of, similarity, "
    "ingested_at"
)


#: inside ``batch()``, a commit after this many articles or this many seconds (whichever
#: comes first): a commit costs about as much as writing two articles (the WAL frames of
#: every page touched, a full text index segment), and a writer waiting for the lock
#: waits at most about this long
BATCH_ARTICLES = 200
BATCH_SECONDS = 1.0
#: below this much room (bytes) a batch commits each article: a full disk rolls back
#: the whole open transaction, and a batch of 200 articles writes a few MB (twice, with
#: the WAL); checked when a batch transaction begins
LOW_ROOM = 64 * 2**20


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class _Batch:
    """The open batch of ``SQLiteBackend.batch``: articles written since its BEGIN."""

    def __init__(self, max_articles: int, max_seconds: float) -> None:
        self.max_articles, self.max_seconds = max_articles, max_seconds
        self.articles = 0
        self.started = time.monotonic()
        self.alone = False  # near a full disk: commit each article

    def restart(self, alone: bool) -> None:
        self.articles = 0
        self.started = time.monotonic()
        self.alone = alone

    def due(self) -> bool:
        return (self.alone or self.articles >= self.max_articles
                or time.monotonic() - self.started >= self.max_seconds)


class SQLiteBackend(SQLiteStories):
    """The SQLite implementation of ``marsad.store.backend.Backend``."""

    def __init__(self, path: str | Path, *, create: bool = True, readonly: bool = False) -> None:
        """``readonly``: open with a ``mode=ro`` URI and never write (no journal mode
        change, no migration): the reading commands, which then work on a database in a
        read-only folder or owned by someone else."""
        self.path = str(path)
        self.readonly = readonly and self.path != ":memory:"
        self._batch: _Batch | None = None
        p = Path(self.path)
        if self.path != ":memory:":
            if p.is_dir():
                raise StoreError(f"{self.path}: is a directory, not a database file")
            if (not create or self.readonly) and not p.exists():
                raise StoreError(f"{self.path}: no database here (run `marsad ingest` first)")
            if create and not p.parent.exists():
                raise StoreError(f"{self.path}: folder {str(p.parent)!r} does not exist")
        try:
            self.conn = self._connect()
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open database ({exc})") from None
        self.conn.row_factory = sqlite3.Row
        try:
            self._check_is_marsad()
            if self.readonly:
                self._check_schema()
            else:
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            if not self.readonly:
                self._migrate()
            self._columns = {t: self._table_columns(t) for t in SPAN_TABLES}
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise StoreError(self._error(exc)) from None
        except StoreError:
            self.conn.close()
            raise

    def _connect(self) -> sqlite3.Connection:
        if not self.readonly:
            return sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
        uri = Path(self.path).resolve().as_uri() + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, timeout=30.0, isolation_level=None)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.OperationalError:
            # a WAL database in a folder we cannot write (no -shm file can be made):
            # nobody can be writing it either, so read it as an immutable file
            conn.close()
            return sqlite3.connect(uri + "&immutable=1", uri=True, timeout=30.0,
                                   isolation_level=None)

    def _check_schema(self) -> None:
        """Read-only: the schema must be complete (no migration can run here)."""
        done = {r[0] for r in self.conn.execute("SELECT version FROM migrations")}
        known = {v for v, _, _ in MIGRATIONS}
        if done - known:
            raise StoreError(
                f"{self.path}: made by a newer marsad (schema version {max(done)}); upgrade marsad"
            )
        if known - done:
            raise StoreError(
                f"{self.path}: made by an older marsad and opened read-only; run `marsad "
                "ingest --reextract` once with write access to bring it up to date"
            )

    def _error(self, exc: sqlite3.Error) -> str:
        """One line for an SQLite error: disk full, read-only, damaged file, or as is."""
        msg = str(exc)
        code = getattr(exc, "sqlite_errorcode", None)
        base = code & 0xFF if isinstance(code, int) else None
        if base == sqlite3.SQLITE_FULL or "disk is full" in msg:
            return (f"{self.path}: disk full: cannot write the database ({msg}); stopped, "
                    "everything committed before is kept")
        if base in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB) or "malformed" in msg \
                or "not a database" in msg or "encrypted" in msg:
            return f"{self.path}: not an SQLite database, or a damaged one ({msg})"
        if base == sqlite3.SQLITE_READONLY or "readonly" in msg or "unable to open" in msg:
            return f"{self.path}: cannot write the database ({msg})"
        if base == sqlite3.SQLITE_IOERR or "disk I/O" in msg:
            return f"{self.path}: disk error reading or writing the database ({msg})"
        return f"{self.path}: {msg}"

    @staticmethod
    def is_fatal(exc: BaseException) -> bool:
        """An SQLite error that no other article can get past: disk full, I/O error,
        read-only database, damaged file."""
        if not isinstance(exc, sqlite3.Error):
            return False
        code = getattr(exc, "sqlite_errorcode", None)
        base = code & 0xFF if isinstance(code, int) else None
        return base in (sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_READONLY,
                        sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CANTOPEN)

    def _rollback(self) -> None:
        """Roll back if a transaction is still open (SQLite may already have rolled it
        back itself, e.g. on a full disk); never raises."""
        if self.conn.in_transaction:
            try:
                self.conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass

    # -- schema -------------------------------------------------------------------------
    def _check_is_marsad(self) -> None:
        names = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if names and "migrations" not in names:
            raise StoreError(f"{self.path}: an SQLite database, but not a marsad one")

    def _migrate(self) -> None:
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS migrations ("
            "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        done = {r[0] for r in self.conn.execute("SELECT version FROM migrations")}
        known = {v for v, _, _ in MIGRATIONS}
        if done - known:
            raise StoreError(
                f"{self.path}: made by a newer marsad (schema version {max(done)}); upgrade marsad"
            )
        for version, name, statements in MIGRATIONS:
            if version in done:
                continue
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                if self.conn.execute(
                    "SELECT 1 FROM migrations WHERE version=?", (version,)
                ).fetchone():
                    self.conn.execute("ROLLBACK")  # another process applied it meanwhile
                    continue
                for sql in statements:
                    self.conn.execute(sql)
                self.conn.execute(
                    "INSERT INTO migrations(version, name, applied_at) VALUES (?, ?, ?)",
                    (version, name, _now()),
                )
                self.conn.execute("COMMIT")
            except BaseException:
                self._rollback()
                raise

    def _table_columns(self, table: str) -> list[str]:
        return [r[1] for r in self.conn.execute(f"PRAGMA table_info({table})")]

    def migrations(self) -> list[Row]:
        return self._rows("SELECT version, name, applied_at FROM migrations ORDER BY version")

    def close(self) -> None:
        self.conn.close()

    def integrity_check(self) -> str:
        return str(self.conn.execute("PRAGMA integrity_check").fetchone()[0])

    # -- helpers ------------------------------------------------------------------------
    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return [dict(r) for r in self.conn.execute(sql, params)]

    @staticmethod
    def _where(filters: Filters, alias: str = "a") -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if filters.outlet:
            clauses.append(f"instr({alias}.outlet_key, ?) > 0")
            params.append(filters.outlet)
        if filters.since:
            clauses.append(f"{alias}.published >= ?")
            params.append(filters.since)
        if filters.until:
            clauses.append(f"{alias}.published <= ?")
            params.append(filters.until)
        if not filters.include_duplicates:
            clauses.append(f"{alias}.duplicate_of IS NULL")
        for key in filters.entities:
            clauses.append(f"{alias}.id IN (SELECT article_id FROM entities WHERE entity_key = ?)")
            params.append(key)
        if filters.speaker:
            clauses.append(
                f"{alias}.id IN (SELECT article_id FROM claims "
                "WHERE COALESCE(speaker_entity, speaker) = ?)"
            )
            params.append(filters.speaker)
        if filters.event_type:
            clauses.append(f"{alias}.id IN (SELECT article_id FROM events WHERE type = ?)")
            params.append(filters.event_type)
        if filters.has_denial:
            clauses.append(f"{alias}.id IN (SELECT article_id FROM claims WHERE polarity = 'deny')")
        return (" AND ".join(clauses) or "1"), params

    # -- the writer path ----------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction.  A full disk, an I/O error, a read-only or damaged
        database is a StoreError (the run stops, what was committed stays); any other
        error rolls back and propagates as is.  Inside ``batch()``: a savepoint of the
        batch's transaction, with the same behaviour for the article written."""
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only, cannot write")
        if self._batch is not None:
            with self._batched_write(self._batch):
                yield
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(self._error(exc)) from None
        try:
            yield
        except sqlite3.Error as exc:
            self._rollback()
            if self.is_fatal(exc):
                raise StoreError(self._error(exc)) from None
            raise
        except BaseException:
            self._rollback()
            raise
        self._commit()

    def _commit(self) -> None:
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise StoreError(self._error(exc)) from None

    @contextmanager
    def batch(self, max_articles: int = BATCH_ARTICLES,
              max_seconds: float = BATCH_SECONDS) -> Iterator[None]:
        """Write the transactions opened inside as savepoints of fewer, larger ones (see
        the module docstring): what is stored is the same, a bulk ingest commits less
        often.  Whatever was finished is committed on exit, also on an exception."""
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only, cannot write")
        if self._batch is not None:  # already in one
            yield
            return
        self._batch = _Batch(max_articles, max_seconds)
        try:
            yield
        finally:
            self._batch = None
            if self.conn.in_transaction:
                self._commit()

    def flush_batch(self) -> None:
        """Commit what the open batch has finished (before a long wait: the lock is
        released, a kill loses nothing finished)."""
        if self._batch is not None and self.conn.in_transaction:
            self._commit()

    @contextmanager
    def _batched_write(self, batch: _Batch) -> Iterator[None]:
        if not self.conn.in_transaction:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise StoreError(self._error(exc)) from None
            batch.restart(alone=self._room() < LOW_ROOM)
        self.conn.execute("SAVEPOINT article")
        try:
            yield
        except sqlite3.Error as exc:
            if self.is_fatal(exc):
                self._rollback()
                raise StoreError(self._error(exc)) from None
            self._rollback_savepoint()
            raise
        except BaseException:
            self._rollback_savepoint()
            raise
        self.conn.execute("RELEASE article")
        batch.articles += 1
        if batch.due():
            self._commit()

    def _room(self) -> int:
        """Bytes the database can still grow by: the free space of its file system, or
        less under its ``max_page_count``."""
        page_size, pages, most = (self.conn.execute(f"PRAGMA {name}").fetchone()[0]
                                  for name in ("page_size", "page_count", "max_page_count"))
        room = (most - pages) * page_size
        if self.path != ":memory:":
            try:
                room = min(room, shutil.disk_usage(Path(self.path).parent).free)
            except OSError:
                pass
        return int(room)

    def _rollback_savepoint(self) -> None:
        """Undo the article in flight, keep the batch (all of it, if SQLite already
        rolled the transaction back: never raises)."""
        if self.conn.in_transaction:
            try:
                self.conn.execute("ROLLBACK TO article")
                self.conn.execute("RELEASE article")
            except sqlite3.Error:
                self._rollback()

    def find_by_hash(self, content_hash: str) -> int | None:
        row = self.conn.execute(
            "SELECT id FROM articles WHERE content_hash=?", (content_hash,)
        ).fetchone()
        return int(row[0]) if row else None

    def near_candidates(self, band_keys: Sequence[tuple[int, int]]) -> list[Row]:
        ids: set[int] = set()
        for band, key in band_keys:
            ids.update(
                r[0]
                for r in self.conn.execute(
                    "SELECT article_id FROM minhash_bands WHERE band=? AND key=?", (band, key)
                )
            )
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        return self._rows(
            "SELECT m.article_id, m.signature, a.duplicate_of FROM minhash m "
            f"JOIN articles a ON a.id = m.article_id WHERE m.article_id IN ({marks})",
            sorted(ids),
        )

    def insert_article(self, row: Row) -> int:
        values = [row.get(c) for c in _ARTICLE_COLUMNS]
        if values[_ARTICLE_COLUMNS.index("ingested_at")] is None:
            values[_ARTICLE_COLUMNS.index("ingested_at")] = _now()
        cur = self.conn.execute(
            f"INSERT INTO articles({', '.join(_ARTICLE_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(_ARTICLE_COLUMNS))})",
            values,
        )
        assert cur.lastrowid is not None
        return int(cur.lastrowid)

    def insert_spans(self, article_id: int, kind: str, items: Sequence[Row]) -> None:
        """Insert span dicts; keys without a column of their own go to ``extra`` (JSON)."""
        if kind not in self._columns:
            raise StoreError(f"unknown span table {kind!r}")
        if not items:
            return
        cols = [c for c in self._columns[kind] if c not in ("article_id", "idx", "extra")]
        rows = []
        for idx, item in enumerate(items):
            extra = {k: v for k, v in item.items() if k not in cols}
            rows.append(
                [article_id, idx]
                + [_sql_value(item.get(c)) for c in cols]
                + [json.dumps(extra, ensure_ascii=False) if extra else None]
            )
        names = ["article_id", "idx", *cols, "extra"]
        self.conn.executemany(
            f"INSERT INTO {kind}({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
            rows,
        )

    def update_article(self, article_id: int, row: Row) -> None:
        """Replace an article's text, metadata and extract (id, hash, duplicate_of stay)."""
        cols = [c for c in _ARTICLE_COLUMNS
                if c not in ("content_hash", "duplicate_of", "similarity", "ingested_at")]
        self.conn.execute(
            f"UPDATE articles SET {', '.join(c + '=?' for c in cols)} WHERE id=?",
            [row.get(c) for c in cols] + [article_id],
        )

    def delete_spans(self, article_id: int) -> None:
        for table in SPAN_TABLES:
            self.conn.execute(f"DELETE FROM {table} WHERE article_id=?", (article_id,))
        self.conn.execute("DELETE FROM articles_fts WHERE rowid=?", (article_id,))

    def article_ids(self, filters: Filters) -> list[int]:
        where, params = self._where(filters)
        return [r[0] for r in self.conn.execute(
            f"SELECT a.id FROM articles a WHERE {where} ORDER BY a.id", params)]

    def index_text(self, article_id: int, title_keys: str, body_keys: str) -> None:
        self.conn.execute(
            "INSERT INTO articles_fts(rowid, title, body) VALUES (?, ?, ?)",
            (article_id, title_keys, body_keys),
        )

    def insert_signature(
        self, article_id: int, signature: bytes, band_keys: Sequence[tuple[int, int]]
    ) -> None:
        self.conn.execute(
            "INSERT INTO minhash(article_id, signature) VALUES (?, ?)", (article_id, signature)
        )
        self.conn.executemany(
            "INSERT OR IGNORE INTO minhash_bands(band, key, article_id) VALUES (?, ?, ?)",
            [(band, key, article_id) for band, key in band_keys],
        )

    # -- queries ------------------------------------------------------------------------
    def search(
        self, match: str, filters: Filters, limit: int, offset: int, order: str = "rank"
    ) -> list[Row]:
        where, params = self._where(filters)
        order_by = {
            "rank": "rank, a.id",
            "date": "a.published IS NULL, a.published DESC, rank, a.id",
            "date_asc": "a.published IS NULL, a.published, rank, a.id",
        }.get(order)
        if order_by is None:
            raise StoreError(f"unknown sort order {order!r} (rank, date, date_asc)")
        sql = (
            f"SELECT {', '.join('a.' + c.strip() for c in _LIST_COLUMNS.split(','))}, a.text, "
            "(SELECT COUNT(*) FROM articles d WHERE d.duplicate_of = a.id) AS n_copies, "
            "bm25(articles_fts, 3.0, 1.0) AS rank "
            "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
            f"WHERE articles_fts MATCH ? AND {where} ORDER BY {order_by} LIMIT ? OFFSET ?"
        )
        try:
            return self._rows(sql, [match, *params, limit, offset])
        except sqlite3.OperationalError as exc:
            raise StoreError(f"search failed: {exc}") from None

    def _matching(self, match: str | None, filters: Filters) -> tuple[str, list[Any]]:
        """``SELECT a.id ...`` of the articles a search (or, without ``match``, a listing)
        with these filters returns, and its parameters."""
        where, params = self._where(filters)
        if match is None:
            return f"SELECT a.id FROM articles a WHERE {where}", params
        return (
            "SELECT a.id FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
            f"WHERE articles_fts MATCH ? AND {where}",
            [match, *params],
        )

    def count(self, match: str | None, filters: Filters) -> int:
        sql, params = self._matching(match, filters)
        try:
            return int(self.conn.execute(f"SELECT COUNT(*) FROM ({sql})", params).fetchone()[0])
        except sqlite3.OperationalError as exc:
            raise StoreError(f"search failed: {exc}") from None

    def facets(self, match: str | None, filters: Filters, limit: int) -> dict[str, list[Row]]:
        """Counts of matching articles per outlet, month, entity (PER/ORG/LOC), speaker,
        event type and denial, the ``limit`` largest of each."""
        ids, params = self._matching(match, filters)
        queries = {
            "outlet": "SELECT a.outlet AS value, a.outlet AS label, COUNT(*) AS n FROM articles a "
            f"WHERE a.id IN ({ids}) AND a.outlet IS NOT NULL GROUP BY a.outlet",
            "month": "SELECT substr(a.published, 1, 7) AS value, substr(a.published, 1, 7) AS label, "
            f"COUNT(*) AS n FROM articles a WHERE a.id IN ({ids}) AND a.published IS NOT NULL "
            "GROUP BY value",
            "entity": "SELECT e.entity_key AS value, MAX(e.type) AS type, "
            "MAX(COALESCE(e.canonical, e.text)) AS label, COUNT(DISTINCT e.article_id) AS n "
            f"FROM entities e WHERE e.article_id IN ({ids}) GROUP BY e.entity_key",
            "speaker": "SELECT COALESCE(c.speaker_entity, c.speaker) AS value, MAX(c.speaker) AS label, "
            f"COUNT(DISTINCT c.article_id) AS n FROM claims c WHERE c.article_id IN ({ids}) "
            "AND COALESCE(c.speaker_entity, c.speaker) IS NOT NULL GROUP BY value",
            "event_type": "SELECT v.type AS value, v.type AS label, COUNT(DISTINCT v.article_id) AS n "
            f"FROM events v WHERE v.article_id IN ({ids}) AND v.type IS NOT NULL GROUP BY v.type",
            "denial": "SELECT 'yes' AS value, 'yes' AS label, COUNT(DISTINCT c.article_id) AS n "
            f"FROM claims c WHERE c.article_id IN ({ids}) AND c.polarity = 'deny' HAVING n > 0",
        }
        out: dict[str, list[Row]] = {}
        try:
            for name, sql in queries.items():
                order = "value" if name == "month" else "n DESC, label"
                rows = self._rows(f"{sql} ORDER BY {order}", params)
                if name == "entity":
                    for t in ("PER", "ORG", "LOC"):
                        out[t] = [r for r in rows if r["type"] == t][:limit]
                else:
                    out[name] = rows if name == "month" else rows[:limit]
        except sqlite3.OperationalError as exc:
            raise StoreError(f"search failed: {exc}") from None
        return out

    def list_articles(self, filters: Filters, limit: int | None, offset: int) -> list[Row]:
        where, params = self._where(filters)
        sql = (
            f"SELECT {', '.join('a.' + c.strip() for c in _LIST_COLUMNS.split(','))}, "
            "(SELECT COUNT(*) FROM entities e WHERE e.article_id = a.id) AS n_entities, "
            "(SELECT COUNT(*) FROM figures f WHERE f.article_id = a.id) AS n_figures, "
            "(SELECT COUNT(*) FROM claims c WHERE c.article_id = a.id) AS n_claims, "
            "(SELECT COUNT(*) FROM articles d WHERE d.duplicate_of = a.id) AS n_copies "
            f"FROM articles a WHERE {where} "
            "ORDER BY a.published IS NULL, a.published DESC, a.id DESC LIMIT ? OFFSET ?"
        )
        return self._rows(sql, [*params, -1 if limit is None else limit, offset])

    def get_article(self, ref: str) -> Row | None:
        row = None
        if ref.isascii() and ref.isdigit() and int(ref) < 2**63:
            row = self.conn.execute("SELECT * FROM articles WHERE id=?", (int(ref),)).fetchone()
        if row is None:
            row = self.conn.execute(
                "SELECT * FROM articles WHERE doc_id=? ORDER BY id LIMIT 1", (ref,)
            ).fetchone()
        if row is None:
            return None
        out = dict(row)
        out["copies"] = [
            r[0] for r in self.conn.execute(
                "SELECT id FROM articles WHERE duplicate_of=? ORDER BY id", (out["id"],)
            )
        ]
        return out

    def spans(self, article_id: int, kind: str) -> list[Row]:
        if kind not in self._columns:
            raise StoreError(f"unknown span table {kind!r}")
        return self._rows(f"SELECT * FROM {kind} WHERE article_id=? ORDER BY idx", (article_id,))

    def entity_mentions(
        self, filters: Filters, type: str | None, name_key: str | None
    ) -> list[Row]:
        """One row per entity (``entity_key``) with its counts, and ``names``: each name
        it was written under with its number of mentions, most frequent first."""
        where, params = self._where(filters)
        if type:
            where += " AND e.type = ?"
            params.append(type)
        if name_key:
            where += (" AND e.entity_key IN (SELECT entity_key FROM entities "
                      "WHERE instr(name_key, ?) > 0)")
            params.append(name_key)
        rows = self._rows(
            "SELECT e.entity_key, MAX(e.entity_id) AS entity_id, MAX(e.type) AS type, "
            "COUNT(*) AS mentions, COUNT(DISTINCT e.article_id) AS articles, "
            "AVG(e.lat) AS lat, AVG(e.lon) AS lon, "
            "MIN(a.published) AS first_published, MAX(a.published) AS last_published "
            f"FROM entities e JOIN articles a ON a.id = e.article_id WHERE {where} "
            "GROUP BY e.entity_key",
            params,
        )
        names: dict[str, list[tuple[str, int]]] = {}
        for r in self.conn.execute(
            "SELECT e.entity_key, COALESCE(e.canonical, e.text) AS name, COUNT(*) AS n "
            f"FROM entities e JOIN articles a ON a.id = e.article_id WHERE {where} "
            "GROUP BY e.entity_key, name ORDER BY n DESC, name",
            params,
        ):
            names.setdefault(r[0], []).append((r[1], r[2]))
        for row in rows:
            row["names"] = names.get(row["entity_key"], [])
        return rows

    def claims(
        self,
        filters: Filters,
        speaker_key: str | None,
        content_key: str | None,
        deny: bool,
        limit: int | None,
    ) -> list[Row]:
        where, params = self._where(filters)
        if speaker_key:
            where += " AND instr(c.speaker_key, ?) > 0"
            params.append(speaker_key)
        if content_key:
            where += " AND instr(c.content_key, ?) > 0"
            params.append(content_key)
        if deny:
            where += " AND c.polarity = 'deny'"
        return self._rows(
            "SELECT c.*, a.doc_id, a.title AS article_title, a.outlet, a.published, a.url "
            f"FROM claims c JOIN articles a ON a.id = c.article_id WHERE {where} "
            "ORDER BY a.published IS NULL, a.published DESC, a.id DESC, c.idx LIMIT ?",
            [*params, -1 if limit is None else limit],
        )

    def spans_where(self, kind: str, column: str, value: Any, limit: int | None) -> list[Row]:
        """Spans of ``kind`` whose ``column`` equals ``value``, with their article's
        doc_id, title, outlet and publication date; newest article first."""
        if kind not in self._columns:
            raise StoreError(f"unknown span table {kind!r}")
        if column not in self._columns[kind]:
            raise StoreError(f"unknown column {column!r} of {kind}")
        return self._rows(
            f"SELECT s.*, a.doc_id, a.title AS article_title, a.outlet, a.published, "
            f"a.duplicate_of FROM {kind} s JOIN articles a ON a.id = s.article_id "
            f"WHERE s.{column} = ? "
            "ORDER BY a.published IS NULL, a.published DESC, a.id DESC, s.idx LIMIT ?",
            (value, -1 if limit is None else limit),
        )

    def event_places(self, filters: Filters, limit: int | None) -> list[Row]:
        """Events with the coordinates of their place: the place entity of the same
        article whose name (canonical or as written) is the event's ``place``."""
        where, params = self._where(filters)
        return self._rows(
            "SELECT v.article_id, v.idx, v.type, v.place, v.date, v.actor, v.target, "
            "v.figures, a.doc_id, a.title AS article_title, a.outlet, a.published, "
            "MAX(e.lat) AS lat, MAX(e.lon) AS lon, MAX(e.entity_key) AS entity_key "
            "FROM events v JOIN articles a ON a.id = v.article_id "
            "JOIN entities e ON e.article_id = v.article_id AND e.lat IS NOT NULL "
            "AND (e.canonical = v.place OR e.text = v.place) "
            f"WHERE v.place IS NOT NULL AND {where} GROUP BY v.article_id, v.idx "
            "ORDER BY a.published IS NULL, a.published DESC, v.article_id, v.idx LIMIT ?",
            [*params, -1 if limit is None else limit],
        )

    def iter_articles(self, filters: Filters) -> Iterator[Row]:
        where, params = self._where(filters)
        cur = self.conn.execute(f"SELECT a.* FROM articles a WHERE {where} ORDER BY a.id", params)
        for row in cur:
            yield dict(row)

    def iter_spans(self, kind: str, filters: Filters) -> Iterator[Row]:
        if kind not in self._columns:
            raise StoreError(f"unknown span table {kind!r}")
        where, params = self._where(filters)
        cur = self.conn.execute(
            f"SELECT s.*, a.doc_id, a.published, a.outlet, a.duplicate_of FROM {kind} s "
            f"JOIN articles a ON a.id = s.article_id WHERE {where} ORDER BY s.article_id, s.idx",
            params,
        )
        for row in cur:
            yield dict(row)

    def counts(self) -> dict[str, int]:
        out = {"articles": self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]}
        out["near_duplicates"] = self.conn.execute(
            "SELECT COUNT(*) FROM articles WHERE duplicate_of IS NOT NULL"
        ).fetchone()[0]
        for table in SPAN_TABLES:
            out[table] = self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        return out


def _sql_value(value: Any) -> Any:
    """Lists and dicts are stored as JSON; booleans as 0/1; an integer beyond SQLite's
    64 bits (a figure read from a long digit string) as a float."""
    if isinstance(value, list | dict | tuple):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int) and not -(2**63) <= value < 2**63:
        return float(value)
    return value
