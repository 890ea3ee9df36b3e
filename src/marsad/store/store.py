"""``Store``: the article database as the CLI and the web UI see it.

There is ONE writer path, ``Store.add(doc)``: it writes the article, every span list of
the Document, its full text index entry and its MinHash signature in one transaction,
after deciding what the article is:

* ``present``  — an article with the same content hash (normalized text) is already in;
  nothing is written.
* ``near_duplicate`` — a stored article has estimated word-3-shingle Jaccard similarity
  >= 0.8; the article is stored with ``duplicate_of`` = the first copy (if the match is
  itself a near-duplicate, its own first copy).
* ``added`` — new content.
* ``updated`` — only with ``replace=True``: same content, extraction rewritten.

A new article (added or near-duplicate) also joins or starts a story in the same
transaction (:mod:`marsad.link.stories`).  Inside ``Store.batch()`` (the loaders) that
transaction is a savepoint and the backend commits a batch of articles at a time.

Every other method is a read-only query returning plain dicts (JSON-ready).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from marsad.document import SPAN_LISTS, Document
from marsad.errors import UsageError
from marsad.link.duplicates import NEAR_DUP_THRESHOLD, Signature, content_hash, signature
from marsad.link.stories import StoryLinker
from marsad.store.backend import Backend, Filters, Row
from marsad.store.fulltext import (
    Snippet,
    index_keys,
    key_string,
    match_spans,
    parse_query,
    snippet,
)
from marsad.text.normalize import WORD_CACHE, fold

ENTITY_TYPES = ("PER", "ORG", "LOC")


@dataclass(frozen=True)
class AddResult:
    """What ``Store.add`` did with one Document."""

    status: str  # added | present | near_duplicate | updated
    article_id: int
    duplicate_of: int | None = None
    similarity: float | None = None
    story_id: int | None = None  # the story it joined or started (marsad.link.stories)
    story_status: str | None = None  # new | joined | copy


@dataclass
class SearchHit:
    article: Row
    rank: float
    snippet: Snippet  # cut from the original text, with highlights
    matches: list[tuple[int, int]] = field(default_factory=list)  # in the article text
    title_matches: list[tuple[int, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.article,
            "rank": self.rank,
            "snippet": self.snippet.text,
            "snippet_start": self.snippet.start,
            "snippet_highlights": [list(h) for h in self.snippet.highlights],
            "matches": [list(m) for m in self.matches],
            "title_matches": [list(m) for m in self.title_matches],
        }


def make_filters(
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    include_duplicates: bool = False,
) -> Filters:
    """Filters with the outlet folded the way the stored outlet key is."""
    if since and until and since > until:
        raise UsageError(f"--since {since} is after --until {until}")
    return Filters(
        outlet=fold(outlet).strip() if outlet else None,
        since=since,
        until=until,
        include_duplicates=include_duplicates,
    )


class Store:
    """An article database (SQLite or PostgreSQL); ``open_store(path)`` opens one."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend

    @property
    def path(self) -> str:
        return self.backend.path

    def close(self) -> None:
        self.backend.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ------------------------------------------------------------------------
    def batch(self) -> AbstractContextManager[None]:
        """A bulk write: the ``add`` calls inside are committed together, a batch at a
        time, where the backend can (SQLite: ``SQLiteBackend.batch``); each article is
        still all or nothing, and everything finished is committed on exit."""
        batch = getattr(self.backend, "batch", None)
        return batch() if callable(batch) else nullcontext()

    def flush(self) -> None:
        """Commit what the open ``batch`` has finished so far (nothing to do elsewhere)."""
        flush = getattr(self.backend, "flush_batch", None)
        if callable(flush):
            flush()

    def lookup(self, doc: Document) -> int | None:
        """The id of a stored article with the same content, or None (cheap: one hash)."""
        return self.backend.find_by_hash(content_hash(doc.text))

    def add(
        self, doc: Document, *, pipeline: Sequence[str] | None = None, replace: bool = False
    ) -> AddResult:
        """Write ``doc`` and all its spans in one transaction (see module docstring).

        With ``replace``, an article already present with the same content is rewritten
        in place (text, metadata, every span list, index entry; status ``updated``): this
        is how a new extraction of stored articles replaces the old one.
        """
        digest = content_hash(doc.text)
        sig = signature(doc.text)
        bands = sig.band_keys() if sig is not None else []
        extract = doc.to_dict()
        spans = {kind: _span_rows(extract[kind], kind) for kind in SPAN_LISTS}
        extract.pop("text", None)  # stored once, in its own column
        row: Row = {
            "doc_id": doc.id,
            "source": doc.source or "",
            "title": doc.title,
            "outlet": doc.outlet,
            "outlet_key": fold(doc.outlet).strip() if doc.outlet else None,
            "dateline": doc.dateline,
            "published": doc.published,
            "url": doc.url,
            "text": doc.text,
            "content_hash": digest,
            "extract": json.dumps(extract, ensure_ascii=False),
            "pipeline": ",".join(pipeline) if pipeline is not None else None,
        }
        title_keys, body_keys = index_keys(doc.title), index_keys(doc.text)
        with self.backend.transaction():
            existing = self.backend.find_by_hash(digest)
            if existing is not None and not replace:
                return AddResult("present", existing)
            if existing is not None:
                self.backend.delete_spans(existing)
                self.backend.update_article(existing, row)
                for kind, items in spans.items():
                    self.backend.insert_spans(existing, kind, items)
                self.backend.index_text(existing, title_keys, body_keys)
                return AddResult("updated", existing)
            dup_of, similarity = self._near_duplicate(sig, bands)
            row["duplicate_of"], row["similarity"] = dup_of, similarity
            article_id = self.backend.insert_article(row)
            for kind, items in spans.items():
                self.backend.insert_spans(article_id, kind, items)
            self.backend.index_text(article_id, title_keys, body_keys)
            if sig is not None:
                self.backend.insert_signature(article_id, sig.to_bytes(), bands)
            story = StoryLinker(self.backend).link(article_id, doc, duplicate_of=dup_of)
        if dup_of is not None:
            return AddResult("near_duplicate", article_id, dup_of, similarity, story.story_id,
                             story.status)
        return AddResult("added", article_id, story_id=story.story_id, story_status=story.status)

    def _near_duplicate(
        self, sig: Signature | None, bands: list[tuple[int, int]]
    ) -> tuple[int | None, float | None]:
        if sig is None:
            return None, None
        best: tuple[float, int] | None = None
        for cand in self.backend.near_candidates(bands):
            sim = _similarity(sig, cand["signature"])
            if sim < NEAR_DUP_THRESHOLD:
                continue
            first = cand["duplicate_of"] or cand["article_id"]
            if best is None or (sim, -first) > (best[0], -best[1]):
                best = (sim, first)
        if best is None:
            return None, None
        return best[1], round(best[0], 4)

    # -- reading ------------------------------------------------------------------------
    def search(
        self, query: str, *, limit: int = 10, offset: int = 0, filters: Filters | None = None,
        width: int = 220, order: str = "rank",
    ) -> list[SearchHit]:
        """Ranked (bm25) full text search; each hit has a snippet of the original text.
        ``order``: ``rank`` (best first), ``date`` (newest first) or ``date_asc``."""
        parsed = parse_query(query)
        rows = self.backend.search(parsed.to_fts(), filters or Filters(), limit, offset, order)
        hits = []
        for row in rows:
            text = row.pop("text")
            matches = match_spans(text, parsed)
            snip = snippet(text, matches, width=width)
            title_matches = match_spans(row["title"], parsed) if row.get("title") else []
            hits.append(SearchHit(row, float(row.pop("rank")), snip, matches, title_matches))
        return hits

    def count(self, query: str | None = None, filters: Filters | None = None) -> int:
        """How many articles ``search(query)`` (or, without a query, the listing) finds."""
        match = parse_query(query).to_fts() if query is not None else None
        return self.backend.count(match, filters or Filters())

    def facets(
        self, query: str | None = None, filters: Filters | None = None, limit: int = 12
    ) -> dict[str, list[Row]]:
        """Per facet (outlet, month, PER, ORG, LOC, speaker, event_type, denial), the
        values found in the matching articles with their article counts (``n``)."""
        match = parse_query(query).to_fts() if query is not None else None
        return self.backend.facets(match, filters or Filters(), limit)

    def list_articles(
        self, *, limit: int | None = 20, offset: int = 0, filters: Filters | None = None
    ) -> list[Row]:
        """Articles, newest published first."""
        return self.backend.list_articles(filters or Filters(), limit, offset)

    def get_article(self, ref: str | int) -> Row | None:
        """The article with store id or doc_id ``ref`` (metadata, text, extract), or None."""
        row = self.backend.get_article(str(ref))
        if row is None:
            return None
        extract = json.loads(row.pop("extract"))
        extract["text"] = row["text"]
        row["extract"] = extract
        return row

    def get_document(self, ref: str | int) -> Document | None:
        """The stored article as a Document with all its spans."""
        row = self.get_article(ref)
        if row is None:
            return None
        doc = Document.from_dict(row["extract"])
        doc.meta.update(
            article_id=row["id"], duplicate_of=row["duplicate_of"], ingested_at=row["ingested_at"]
        )
        return doc

    def iter_documents(self, filters: Filters | None = None) -> Iterator[Document]:
        """Every stored article (near-duplicates included by default) as a Document."""
        for article_id in self.backend.article_ids(filters or Filters(include_duplicates=True)):
            doc = self.get_document(article_id)
            if doc is not None:
                yield doc

    def entities(
        self, *, type: str | None = None, q: str | None = None, limit: int | None = 50,
        filters: Filters | None = None,
    ) -> list[Row]:
        """Entities by number of mentions: canonical name, type, mentions, articles.

        Mentions group by ``entity_id`` when the entities component gave one (the same
        entity across articles), otherwise by type and folded canonical name; the name
        shown is the one it is most often written under (``names`` lists all).
        """
        if type and type.upper() not in ENTITY_TYPES:
            raise UsageError(f"unknown entity type {type!r} (one of {', '.join(ENTITY_TYPES)})")
        qkey = key_string(q).strip() if q else None
        if q and not qkey:
            raise UsageError(f"nothing to look for in {q!r}")
        rows = self.backend.entity_mentions(
            filters or Filters(), type.upper() if type else None, f" {qkey} " if qkey else None
        )
        out = []
        for r in rows:
            names = r.pop("names")
            r["canonical"] = names[0][0] if names else None
            r["names"] = [n for n, _ in names]
            out.append(r)
        out.sort(key=lambda g: (-g["mentions"], -g["articles"], g["canonical"] or ""))
        return out[:limit] if limit is not None else out

    def claims(
        self, *, speaker: str | None = None, q: str | None = None, deny: bool = False,
        limit: int | None = 50, filters: Filters | None = None,
    ) -> list[Row]:
        """Claims, newest article first; ``speaker``/``q`` match whole words of the
        speaker name and the content, clitic- and hamza-insensitive."""
        skey = key_string(speaker).strip() if speaker else None
        ckey = key_string(q).strip() if q else None
        if (speaker and not skey) or (q and not ckey):
            raise UsageError("nothing to look for in the given --speaker/--q")
        rows = self.backend.claims(
            filters or Filters(), f" {skey} " if skey else None, f" {ckey} " if ckey else None,
            deny, limit,
        )
        for r in rows:
            _decode_span_row(r, "claims")
        return rows

    def spans(self, article_id: int, kind: str) -> list[Row]:
        return [_decode_span_row(r, kind) for r in self.backend.spans(article_id, kind)]

    def spans_where(self, kind: str, column: str, value: Any, limit: int | None = 200) -> list[Row]:
        """Spans of ``kind`` with ``column == value`` across articles (e.g. every mention
        of one entity_key, every claim of one speaker_entity), newest article first."""
        if kind not in SPAN_LISTS:
            raise UsageError(f"unknown span kind {kind!r} (one of {', '.join(SPAN_LISTS)})")
        return [_decode_span_row(r, kind) for r in self.backend.spans_where(kind, column, value, limit)]

    def event_places(self, filters: Filters | None = None, limit: int | None = 2000) -> list[Row]:
        """Events whose place has coordinates (lat, lon, entity_key of the place)."""
        rows = self.backend.event_places(filters or Filters(), limit)
        for r in rows:
            if isinstance(r.get("figures"), str):
                r["figures"] = json.loads(r["figures"])
        return rows

    def iter_articles(self, filters: Filters | None = None) -> Iterator[Row]:
        for row in self.backend.iter_articles(filters or Filters(include_duplicates=True)):
            extract = json.loads(row.pop("extract"))
            extract["text"] = row["text"]
            row["extract"] = extract
            yield row

    def iter_spans(self, kind: str, filters: Filters | None = None) -> Iterator[Row]:
        if kind not in SPAN_LISTS:
            raise UsageError(f"unknown span kind {kind!r} (one of {', '.join(SPAN_LISTS)})")
        for row in self.backend.iter_spans(kind, filters or Filters(include_duplicates=True)):
            yield _decode_span_row(row, kind)

    def counts(self) -> dict[str, int]:
        return self.backend.counts()

    # -- stories ------------------------------------------------------------------------
    def link_unlinked(self) -> int:
        """Link, in order, the articles a store made before stories existed (one
        transaction each); returns how many were linked."""
        linker = StoryLinker(self.backend)
        n = 0
        for article_id in self.backend.unlinked_article_ids():
            doc = self.get_document(article_id)
            if doc is None:
                continue
            with self.backend.transaction():
                if self.backend.story_of(article_id) is None:
                    linker.link(article_id, doc, duplicate_of=doc.meta.get("duplicate_of"))
                    n += 1
        return n

    def stories(
        self, *, q: str | None = None, entity: str | None = None, place: str | None = None,
        since: str | None = None, until: str | None = None, limit: int = 50, offset: int = 0,
    ) -> list[Row]:
        """Stories, largest first: id, title, days, number of articles, and its outlets.
        ``q`` is a full text query one of its articles must match; ``entity`` / ``place``
        are names (any alias) that one of its articles must mention."""
        if since and until and since > until:
            raise UsageError(f"--since {since} is after --until {until}")
        keys: list[str] = []
        for name, typ in ((entity, None), (place, "LOC")):
            if name:
                found = self.entities(type=typ, q=name, limit=1)
                if not found:
                    return []
                keys.append(found[0]["entity_key"])
        match = parse_query(q).to_fts() if q else None
        rows = self.backend.list_stories(match, keys, since, until, limit, offset)
        for row in rows:
            arts = self.backend.story_article_rows(row["id"])
            row["outlets"] = sorted({a["outlet"] for a in arts if a["outlet"]})
            row["articles"] = [{"id": a["doc_id"], "article_id": a["id"], "outlet": a["outlet"],
                                "published": a["published"]} for a in arts]
        return rows

    def story(self, story_id: int | str) -> Row | None:
        """One story in full (marsad.link.story_view.build_story), or None.  The id of a
        story merged into another resolves to the survivor."""
        from marsad.link.story_view import build_story

        try:
            sid = int(story_id)
        except (TypeError, ValueError):
            raise UsageError(f"story id must be a number, not {story_id!r}") from None
        if not 0 < sid < 2**63:
            return None
        live = self.backend.resolve_story(sid)
        if live is None:
            return None
        row = self.backend.story_row(live)
        if row is None:
            return None
        articles = []
        for art in self.backend.story_article_rows(live):
            doc = self.get_document(art["id"])
            if doc is not None:
                articles.append((art, doc))
        out = build_story(row, articles, self.backend.story_log_rows(live))
        if live != sid:
            out["merged_from"] = sid
        return out

    def story_of(self, article_id: int) -> int | None:
        return self.backend.story_of(article_id)

    def migrations(self) -> list[Row]:
        return self.backend.migrations()


def open_store(path: str | Path, *, create: bool = True, readonly: bool = False) -> Store:
    """Open (and migrate) the database at ``path``: an SQLite file, or a PostgreSQL
    server when ``path`` is a ``postgresql://USER@HOST[:PORT]/DB`` URL
    (marsad.store.postgres); ``create=False`` refuses to make a new one (read-only
    commands); ``readonly`` opens an SQLite file without ever writing it (no migration:
    a database in a read-only folder can be read).  Raises StoreError with a one-line
    reason."""
    if isinstance(path, str) and path.startswith(("postgresql://", "postgres://")):
        from marsad.store.postgres import PostgresBackend

        return Store(PostgresBackend(path, create=create and not readonly, readonly=readonly))
    from marsad.store.sqlite import SQLiteBackend

    return Store(SQLiteBackend(path, create=create and not readonly, readonly=readonly))


# -- span rows ---------------------------------------------------------------------------
_COMPUTED = ("entity_key", "name_key", "speaker_key", "content_key")


def _span_rows(items: Sequence[Row], kind: str) -> list[Row]:
    """The dicts a backend stores for one span list, from the extract JSON's list
    (``Document.to_dict``): the span's fields (offsets as span_start/span_end) plus the
    search keys computed here."""
    rows = []
    for item in items:
        d = dict(item)
        d["span_start"] = d.pop("start")
        d["span_end"] = d.pop("end")
        if kind == "entities":
            name = d.get("canonical") or d.get("text") or ""
            d["entity_key"] = d.get("entity_id") or f"{d.get('type')}:{_folded_name(name)}"
            d["name_key"] = _name_keys(d.get("canonical")) + _name_keys(d.get("text"))
        elif kind == "claims":
            d["speaker_key"] = _name_keys(d.get("speaker")) + _name_keys(d.get("speaker_mention"))
            d["content_key"] = key_string(d.get("content"))
        rows.append(d)
    return rows


@lru_cache(maxsize=WORD_CACHE)
def _folded_name(name: str) -> str:
    """``fold(name).strip()``, cached: the same names recur in article after article."""
    return fold(name).strip()


@lru_cache(maxsize=WORD_CACHE)
def _name_keys(name: str | None) -> str:
    """``key_string`` of an entity or speaker name, cached like ``_folded_name``."""
    return key_string(name)


_JSON_FIELDS = {"claims": ("source",), "events": ("figures",)}
_BOOL_FIELDS = {"claims": ("direct",), "dates": ("relative",)}


def _decode_span_row(row: Row, kind: str) -> Row:
    """A stored span row back to the Document field names and types."""
    row["start"] = row.pop("span_start")
    row["end"] = row.pop("span_end")
    for name in _COMPUTED:
        row.pop(name, None)
    for name in _JSON_FIELDS.get(kind, ()):
        if isinstance(row.get(name), str):
            row[name] = json.loads(row[name])
    for name in _BOOL_FIELDS.get(kind, ()):
        if row.get(name) is not None:
            row[name] = bool(row[name])
    extra = row.pop("extra", None)
    if extra:
        row.update(json.loads(extra))
    return row


def _similarity(sig: Signature, blob: bytes) -> float:
    from marsad.link.duplicates import estimate_similarity

    return estimate_similarity(sig, Signature.from_bytes(blob))
