"""The small interface a storage backend implements (SQLite now; PostgreSQL can follow).

``Store`` (store/store.py) holds all the logic — hashing, near-duplicate decisions,
search keys, snippets — and talks to a backend only through these methods, so a new
backend is one module of SQL.  Rows travel as plain dicts.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

from marsad.link.stories import StoryBackend

Row = dict[str, Any]


@dataclass(frozen=True)
class Filters:
    """Which articles a query looks at."""

    outlet: str | None = None  # folded; a substring of the article's folded outlet
    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None  # YYYY-MM-DD, inclusive
    include_duplicates: bool = False  # near-duplicates are hidden unless asked for
    # narrowing by what was extracted (the web app's facets)
    entities: tuple[str, ...] = ()  # entity_key values the article must all mention
    speaker: str | None = None  # a claim's speaker_entity (or speaker name) in the article
    event_type: str | None = None  # an event of this type in the article
    has_denial: bool = False  # a claim with polarity «deny» in the article


class Backend(StoryBackend, Protocol):
    path: str

    # -- schema -------------------------------------------------------------------------
    def migrations(self) -> list[Row]: ...

    def close(self) -> None: ...

    # -- the writer path (only Store.add calls these, inside one transaction) ------------
    def transaction(self) -> AbstractContextManager[None]: ...

    def find_by_hash(self, content_hash: str) -> int | None: ...

    def near_candidates(self, band_keys: Sequence[tuple[int, int]]) -> list[Row]: ...

    def insert_article(self, row: Row) -> int: ...

    def insert_spans(self, article_id: int, kind: str, items: Sequence[Row]) -> None: ...

    def update_article(self, article_id: int, row: Row) -> None: ...

    def delete_spans(self, article_id: int) -> None: ...  # and its full text entry

    def index_text(self, article_id: int, title_keys: str, body_keys: str) -> None: ...

    def insert_signature(
        self, article_id: int, signature: bytes, band_keys: Sequence[tuple[int, int]]
    ) -> None: ...

    # -- queries ------------------------------------------------------------------------
    def search(
        self, match: str, filters: Filters, limit: int, offset: int, order: str = "rank"
    ) -> list[Row]: ...

    def count(self, match: str | None, filters: Filters) -> int: ...

    def facets(self, match: str | None, filters: Filters, limit: int) -> dict[str, list[Row]]: ...

    def list_articles(self, filters: Filters, limit: int | None, offset: int) -> list[Row]: ...

    def get_article(self, ref: str) -> Row | None: ...

    def article_ids(self, filters: Filters) -> list[int]: ...

    def spans(self, article_id: int, kind: str) -> list[Row]: ...

    def entity_mentions(self, filters: Filters, type: str | None, name_key: str | None) -> list[Row]: ...

    def claims(
        self,
        filters: Filters,
        speaker_key: str | None,
        content_key: str | None,
        deny: bool,
        limit: int | None,
    ) -> list[Row]: ...

    def spans_where(self, kind: str, column: str, value: Any, limit: int | None) -> list[Row]: ...

    def event_places(self, filters: Filters, limit: int | None) -> list[Row]: ...

    def iter_articles(self, filters: Filters) -> Iterator[Row]: ...

    def iter_spans(self, kind: str, filters: Filters) -> Iterator[Row]: ...

    def counts(self) -> dict[str, int]: ...

    # -- stories (the linker's writes are StoryBackend's) -------------------------------
    def resolve_story(self, story_id: int) -> int | None: ...

    def list_stories(
        self, match: str | None, entity_keys: Sequence[str], since: str | None,
        until: str | None, limit: int, offset: int,
    ) -> list[Row]: ...

    def story_article_rows(self, story_id: int) -> list[Row]: ...

    def story_log_rows(self, story_id: int) -> list[Row]: ...

    def unlinked_article_ids(self) -> list[int]: ...
