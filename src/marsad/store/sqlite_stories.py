"""The SQL of stories (marsad.link.stories) for the SQLite backend.

A mixin of ``SQLiteBackend``: the tables come from its migration 4 (``stories``,
``story_articles``, ``story_keys``, ``story_log``, ``key_df``).  Candidate lookup reads at
most ``POSTINGS`` of the newest stories per key, so linking one article costs the same
in a store of a thousand articles or a million.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from typing import Any

from marsad.link.stories import best_candidates, follow_merges

POSTINGS = 200

Row = dict[str, Any]

MIGRATION = (
    4,
    "stories: articles linked online, their inverted index and change log",
    [
        """CREATE TABLE stories (
            id INTEGER PRIMARY KEY,
            title TEXT,
            first_article INTEGER,
            n_articles INTEGER NOT NULL DEFAULT 0,
            terms TEXT, entities TEXT,
            first_day TEXT, last_day TEXT,
            merged_into INTEGER REFERENCES stories(id),
            created_at TEXT NOT NULL, updated_at TEXT NOT NULL
        )""",
        """CREATE TABLE story_articles (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            story_id INTEGER NOT NULL REFERENCES stories(id),
            score REAL, reason TEXT, joined_at TEXT NOT NULL
        )""",
        "CREATE INDEX story_articles_story ON story_articles(story_id)",
        """CREATE TABLE story_keys (
            key TEXT NOT NULL, story_id INTEGER NOT NULL REFERENCES stories(id),
            weight REAL NOT NULL,
            PRIMARY KEY (key, story_id)
        ) WITHOUT ROWID""",
        "CREATE INDEX story_keys_story ON story_keys(story_id)",
        """CREATE TABLE story_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL, action TEXT NOT NULL, story_id INTEGER NOT NULL,
            article_id INTEGER, other_story INTEGER, detail TEXT
        )""",
        "CREATE INDEX story_log_story ON story_log(story_id)",
        "CREATE TABLE key_df (key TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID",
    ],
)


#: a merge re-points the stories merged into the one that disappears: without an index,
#: a scan of every story row (and of its long terms and entities)
MERGED_MIGRATION = (
    5,
    "index of merged stories",
    ["CREATE INDEX stories_merged_into ON stories(merged_into) WHERE merged_into IS NOT NULL"],
)


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class SQLiteStories:
    conn: sqlite3.Connection

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:  # pragma: no cover
        raise NotImplementedError

    # -- the linker's writes (inside Store.add's transaction) ------------------------------
    def story_candidates(self, keys: Sequence[str], limit: int) -> list[Row]:
        best = best_candidates(
            ((int(sid), float(w)) for key in dict.fromkeys(keys) for sid, w in self.conn.execute(
                "SELECT story_id, weight FROM story_keys WHERE key=? "
                "ORDER BY story_id DESC LIMIT ?", (key, POSTINGS))),
            limit,
        )
        if not best:
            return []
        marks = ",".join("?" * len(best))
        return self._rows(
            f"SELECT * FROM stories WHERE id IN ({marks}) AND merged_into IS NULL", best
        )

    def story_of(self, article_id: int) -> int | None:
        row = self.conn.execute(
            "SELECT story_id FROM story_articles WHERE article_id=?", (article_id,)
        ).fetchone()
        return int(row[0]) if row else None

    def story_row(self, story_id: int) -> Row | None:
        rows = self._rows("SELECT * FROM stories WHERE id=?", (story_id,))
        return rows[0] if rows else None

    def create_story(self, row: Row) -> int:
        now = _now()
        cur = self.conn.execute(
            "INSERT INTO stories(title, first_article, n_articles, terms, entities, first_day, "
            "last_day, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (row.get("title"), row.get("first_article"), row.get("n_articles", 0),
             row.get("terms"), row.get("entities"), row.get("first_day"), row.get("last_day"),
             now, now),
        )
        assert cur.lastrowid is not None
        return int(cur.lastrowid)

    def update_story(self, story_id: int, row: Row) -> None:
        cols = [c for c in ("title", "n_articles", "terms", "entities", "first_day", "last_day")
                if c in row]
        self.conn.execute(
            f"UPDATE stories SET {', '.join(c + '=?' for c in cols)}, updated_at=? WHERE id=?",
            [row[c] for c in cols] + [_now(), story_id],
        )

    def add_story_article(self, story_id: int, article_id: int, score: float, reason: str) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO story_articles(article_id, story_id, score, reason, joined_at) "
            "VALUES (?, ?, ?, ?, ?)", (article_id, story_id, score, reason, _now()),
        )

    def set_story_keys(self, story_id: int, keys: Sequence[tuple[str, float]]) -> None:
        """The story's postings become ``keys`` (a key given twice: its last weight).
        Only the postings that change are written: an article joining a story changes
        the weights of the keys it shares with it, seldom the rest."""
        want: dict[str, float] = {}
        for key, weight in keys:
            want[key] = weight
        have = dict(self.conn.execute(
            "SELECT key, weight FROM story_keys WHERE story_id=?", (story_id,)).fetchall())
        gone = [(key, story_id) for key in have if key not in want]
        if gone:
            self.conn.executemany("DELETE FROM story_keys WHERE key=? AND story_id=?", gone)
        self.conn.executemany(
            "INSERT OR REPLACE INTO story_keys(key, story_id, weight) VALUES (?, ?, ?)",
            [(k, story_id, w) for k, w in want.items() if k not in have or have[k] != w],
        )

    def merge_stories(self, survivor: int, merged: int) -> None:
        self.conn.execute("UPDATE story_articles SET story_id=? WHERE story_id=?", (survivor, merged))
        self.conn.execute("DELETE FROM story_keys WHERE story_id=?", (merged,))
        self.conn.execute(
            "UPDATE stories SET merged_into=?, n_articles=0, updated_at=? WHERE id=?",
            (survivor, _now(), merged),
        )
        self.conn.execute("UPDATE stories SET merged_into=? WHERE merged_into=?", (survivor, merged))

    def log_story(self, action: str, story_id: int, article_id: int | None,
                  other_story: int | None, detail: str) -> None:
        self.conn.execute(
            "INSERT INTO story_log(at, action, story_id, article_id, other_story, detail) "
            "VALUES (?, ?, ?, ?, ?, ?)", (_now(), action, story_id, article_id, other_story, detail),
        )

    def key_df(self, keys: Sequence[str]) -> dict[str, int]:
        if not keys:
            return {}
        marks = ",".join("?" * len(keys))
        return {r[0]: int(r[1]) for r in self.conn.execute(
            f"SELECT key, n FROM key_df WHERE key IN ({marks})", list(keys))}

    def bump_key_df(self, keys: Sequence[str]) -> None:
        self.conn.executemany(
            "INSERT INTO key_df(key, n) VALUES (?, 1) ON CONFLICT(key) DO UPDATE SET n = n + 1",
            [(k,) for k in dict.fromkeys(keys)],
        )

    # -- reading ------------------------------------------------------------------------
    def resolve_story(self, story_id: int) -> int | None:
        """The surviving id of a story (a merged story's id points to its survivor)."""

        def merged_into(sid: int) -> tuple[bool, int | None]:
            row = self.conn.execute("SELECT merged_into FROM stories WHERE id=?", (sid,)).fetchone()
            return (row is not None, None if row is None or row[0] is None else int(row[0]))

        return follow_merges(story_id, merged_into)

    def list_stories(
        self, match: str | None, entity_keys: Sequence[str], since: str | None,
        until: str | None, limit: int, offset: int,
    ) -> list[Row]:
        """Live stories, largest first; ``match`` (an FTS5 query) must hit one of its
        articles, each entity key must be mentioned in one, and its days must touch
        [since, until]."""
        clauses, params = ["s.merged_into IS NULL", "s.n_articles > 0"], []
        if match:
            clauses.append(
                "s.id IN (SELECT sa.story_id FROM story_articles sa JOIN articles_fts f "
                "ON f.rowid = sa.article_id WHERE articles_fts MATCH ?)")
            params.append(match)
        for key in entity_keys:
            clauses.append(
                "s.id IN (SELECT sa.story_id FROM story_articles sa JOIN entities e "
                "ON e.article_id = sa.article_id WHERE e.entity_key = ?)")
            params.append(key)
        if since:
            clauses.append("(s.last_day IS NULL OR s.last_day >= ?)")
            params.append(since)
        if until:
            clauses.append("(s.first_day IS NULL OR s.first_day <= ?)")
            params.append(until)
        try:
            return self._rows(
                "SELECT s.id, s.title, s.first_article, s.n_articles, s.first_day, s.last_day, "
                f"s.created_at, s.updated_at FROM stories s WHERE {' AND '.join(clauses)} "
                "ORDER BY s.n_articles DESC, s.id LIMIT ? OFFSET ?", [*params, limit, offset],
            )
        except sqlite3.OperationalError as exc:
            from marsad.errors import StoreError

            raise StoreError(f"story search failed: {exc}") from None

    def story_article_rows(self, story_id: int) -> list[Row]:
        return self._rows(
            "SELECT a.id, a.doc_id, a.title, a.outlet, a.published, a.url, a.duplicate_of, "
            "a.similarity, a.ingested_at, sa.score, sa.reason, sa.joined_at "
            "FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
            "WHERE sa.story_id=? ORDER BY a.id", (story_id,),
        )

    def story_log_rows(self, story_id: int) -> list[Row]:
        return self._rows(
            "SELECT at, action, story_id, article_id, other_story, detail FROM story_log "
            "WHERE story_id=? OR other_story=? ORDER BY id", (story_id, story_id),
        )

    def unlinked_article_ids(self) -> list[int]:
        return [r[0] for r in self.conn.execute(
            "SELECT a.id FROM articles a LEFT JOIN story_articles sa ON sa.article_id = a.id "
            "WHERE sa.article_id IS NULL ORDER BY a.id")]
