"""The Python API for notebooks, and the layer the web app serves over HTTP.

    import marsad
    db = marsad.open("marsad.db")
    res = db.search("الميادين", place="LOC:الميادين", sort="date")
    res["total"], res["results"][0]["snippet"], res["facets"]["outlet"]
    art = db.article(res["results"][0]["id"])     # text, marks, claims, events, copies
    db.entity("LOC:الميادين")                       # aliases, mentions per month, events there
    db.check("مقتل 40 مسلحا بغارات على بادية الميادين")   # stance per outlet + verdict
    db.events_geojson()                             # the events with coordinates, GeoJSON

Every method returns plain dicts and lists (JSON-ready: the web app sends them as they
are).  Errors a caller can cause raise ``marsad.errors.MarsadError`` subclasses:
``NotFound`` for an unknown article or entity, ``UsageError`` for a bad argument.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePath
from typing import Any

from marsad.errors import MarsadError, UsageError
from marsad.store import Filters, Store, make_filters, open_store

#: Facet name -> the ``search`` keyword it narrows by.
FACET_PARAMS = {
    "outlet": "outlet",
    "PER": "person",
    "ORG": "org",
    "LOC": "place",
    "speaker": "speaker",
    "event_type": "event_type",
    "denial": "has_denial",
}
SORTS = ("rank", "date", "date_asc")
MAX_PER_PAGE = 100
#: Largest upload ``ingest_files`` accepts (all files together), bytes.
MAX_UPLOAD_BYTES = int(os.environ.get("MARSAD_MAX_UPLOAD", str(20 * 1024 * 1024)))


class NotFound(MarsadError):
    """No article, entity or page with that id."""


class NotYet(MarsadError):
    """A feature that is not built yet."""


class TooLarge(MarsadError):
    """An upload above the size limit."""


class Marsad:
    """One article database, read through ``marsad.store``; see the module docstring."""

    def __init__(self, db: str | Path, *, create: bool = False) -> None:
        self.path = str(db)
        self.store: Store = open_store(db, create=create)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Marsad:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- search -------------------------------------------------------------------------
    def filters(
        self,
        *,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        place: str | Sequence[str] | None = None,
        person: str | Sequence[str] | None = None,
        org: str | Sequence[str] | None = None,
        speaker: str | None = None,
        event_type: str | None = None,
        has_denial: bool = False,
        duplicates: bool = False,
    ) -> Filters:
        for name, value in (("since", since), ("until", until)):
            if value:
                _check_date(name, value)
        base = make_filters(outlet=outlet, since=since, until=until, include_duplicates=duplicates)
        keys: list[str] = []
        for given in (place, person, org):
            if given:
                keys.extend([given] if isinstance(given, str) else list(given))
        return dataclasses.replace(
            base, entities=tuple(keys), speaker=speaker or None,
            event_type=event_type or None, has_denial=has_denial,
        )

    def search(
        self,
        q: str | None = None,
        *,
        sort: str = "rank",
        page: int = 1,
        per_page: int = 20,
        facets: bool = True,
        **narrow: Any,
    ) -> dict[str, Any]:
        """Full-text search (``q``; without it, every article newest first) narrowed by
        ``outlet``, ``since``/``until`` (YYYY-MM-DD), ``place``/``person``/``org`` (entity
        ids such as ``LOC:الميادين``), ``speaker``, ``event_type``, ``has_denial``.

        Returns ``total``, ``page``, ``pages``, ``results`` (each with ``snippet`` and
        ``snippet_highlights`` offsets) and ``facets``: per facet the values in the
        matching articles with their counts, each with the keyword that narrows by it.
        """
        if sort not in SORTS:
            raise UsageError(f"unknown sort {sort!r} (one of {', '.join(SORTS)})")
        if page < 1:
            raise UsageError("page must be at least 1")
        if not 1 <= per_page <= MAX_PER_PAGE:
            raise UsageError(f"per_page must be between 1 and {MAX_PER_PAGE}")
        query = q.strip() if q and q.strip() else None
        flt = self.filters(**narrow)
        offset = (page - 1) * per_page
        total = self.store.count(query, flt)
        results: list[dict[str, Any]]
        if query is not None:
            hits = self.store.search(query, limit=per_page, offset=offset, filters=flt,
                                     order=sort)
            results = [h.to_dict() for h in hits]
        else:
            rows = self.store.list_articles(limit=per_page, offset=offset, filters=flt)
            if sort == "date_asc":
                rows = self.store.backend.list_articles(flt, None, 0)[::-1][offset:offset + per_page]
            results = [{**r, "snippet": "", "snippet_start": 0, "snippet_highlights": []}
                       for r in rows]
        out: dict[str, Any] = {
            "q": query,
            "sort": sort,
            "filters": {k: v for k, v in narrow.items() if v},
            "total": total,
            "page": page,
            "per_page": per_page,
            "pages": max(1, -(-total // per_page)),
            "results": results,
        }
        if facets:
            out["facets"] = {
                name: [{**row, "param": FACET_PARAMS.get(name, name)} for row in rows]
                for name, rows in self.store.facets(query, flt).items()
            }
        return out

    # -- one article --------------------------------------------------------------------
    def article(self, ref: str | int) -> dict[str, Any]:
        """Metadata, text, every span list (entities, figures, dates, claims, events),
        the near-duplicates (``copies``, ``duplicate_of``) and ``marks``: the spans to
        highlight in the text, each with its offsets, kind and what it stands for."""
        row = self.store.get_article(ref)
        if row is None:
            raise NotFound(f"no article {ref!r}")
        extract = row.pop("extract")
        row.pop("content_hash", None)
        out: dict[str, Any] = dict(row)
        for kind in ("sentences", "entities", "figures", "dates", "claims", "events"):
            out[kind] = extract.get(kind, [])
        out["marks"] = marks(out)
        dup = row.get("duplicate_of")
        related = [dup] if dup else []
        related += [c for c in row.get("copies", []) if c not in related]
        out["near_duplicates"] = [self._brief(i) for i in related]
        out["story"] = self.story_of(int(row["id"]))
        return out

    def _brief(self, ref: int) -> dict[str, Any]:
        r = self.store.get_article(ref)
        if r is None:
            return {"id": ref}
        return {k: r.get(k) for k in ("id", "doc_id", "title", "outlet", "published", "url")}

    # -- one entity ---------------------------------------------------------------------
    def entity(self, key: str, *, limit: int = 200) -> dict[str, Any]:
        """A person, organisation or place by id (``PER:…``, ``ORG:…``, ``LOC:…``): names
        it is written under, roles, mentions per month, the articles, its claims (as a
        speaker) and the events there (as a place)."""
        mentions = self.store.spans_where("entities", "entity_key", key, limit=None)
        if not mentions:
            raise NotFound(f"no entity {key!r}")
        names = Counter(m.get("canonical") or m["text"] for m in mentions)
        written = Counter(m["text"] for m in mentions)
        roles = Counter(filter(None, (m.get("role") or m.get("title") for m in mentions)))
        months = Counter((m.get("published") or "")[:7] for m in mentions if m.get("published"))
        articles: dict[int, dict[str, Any]] = {}
        for m in mentions:
            a = articles.setdefault(m["article_id"], {
                "id": m["article_id"], "doc_id": m["doc_id"], "title": m["article_title"],
                "outlet": m["outlet"], "published": m["published"], "mentions": 0,
            })
            a["mentions"] += 1
        first = mentions[0]
        canonical = names.most_common(1)[0][0]
        claims = self.store.spans_where("claims", "speaker_entity", key, limit=limit)
        events: list[dict[str, Any]] = []
        if first["type"] == "LOC":
            place_names = set(names) | set(written)
            seen = set()
            for name in sorted(place_names):
                for ev in self.store.spans_where("events", "place", name, limit=limit):
                    if (ev["article_id"], ev["start"]) not in seen:
                        seen.add((ev["article_id"], ev["start"]))
                        events.append(ev)
            events.sort(key=lambda e: (e.get("date") or e.get("published") or ""), reverse=True)
        coords = [(m["lat"], m["lon"]) for m in mentions if m.get("lat") is not None]
        return {
            "id": key,
            "type": first["type"],
            "name": canonical,
            "aliases": [{"name": n, "mentions": c} for n, c in written.most_common()]
            + [{"name": n, "mentions": 0} for n in names if n not in written],
            "roles": [{"role": r, "mentions": c} for r, c in roles.most_common()],
            "country": first.get("country"),
            "admin": first.get("admin"),
            "lat": coords[0][0] if coords else None,
            "lon": coords[0][1] if coords else None,
            "mentions": len(mentions),
            "mentions_by_month": [{"month": k, "n": v} for k, v in sorted(months.items())],
            "articles": list(articles.values())[:limit],
            "claims": claims,
            "events": events[:limit],
        }

    # -- the claim check ----------------------------------------------------------------
    def check(self, claim: str, *, limit: int = 20) -> dict[str, Any]:
        """The stance of each outlet with its evidence sentences, and the verdict (the
        same as ``marsad check CLAIM --json``)."""
        from marsad.check.checker import check_store
        from marsad.check.stance import default_model

        if not claim or not claim.strip():
            raise UsageError("the claim is empty")
        if not 1 <= limit <= MAX_PER_PAGE:
            raise UsageError(f"limit must be between 1 and {MAX_PER_PAGE}")
        result = check_store(claim.strip(), self.store, model=default_model(), limit=limit)
        out = result.to_dict()
        ids = {str(c.ref): c for c in result.candidates}
        for o in out["outlets"]:
            row = self.store.get_article(o["article"]) if o["article"] in ids else None
            o["article_id"] = row["id"] if row else None
        return out

    # -- events: map and timeline -------------------------------------------------------
    def events(self, **narrow: Any) -> list[dict[str, Any]]:
        """Events whose place has coordinates, newest first."""
        return self.store.event_places(self.filters(**narrow))

    def events_geojson(self, **narrow: Any) -> dict[str, Any]:
        """The events with coordinates as a GeoJSON FeatureCollection (one Point each)."""
        features = []
        for ev in self.events(**narrow):
            props = {k: ev.get(k) for k in ("type", "place", "date", "actor", "target",
                                            "article_id", "doc_id", "article_title",
                                            "outlet", "published", "entity_key")}
            features.append({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [ev["lon"], ev["lat"]]},
                "properties": props,
            })
        return {"type": "FeatureCollection", "features": features}

    def timeline(self, **narrow: Any) -> list[dict[str, Any]]:
        """Per day: events by type, and the figures of those events."""
        days: dict[str, dict[str, Any]] = {}
        for ev in self.events(**narrow):
            day = ev.get("date") or ev.get("published")
            if not day or len(day) < 10:
                continue
            d = days.setdefault(day[:10], {"date": day[:10], "events": 0, "types": Counter()})
            d["events"] += 1
            d["types"][ev["type"]] += 1
        return [{**d, "types": dict(d["types"])} for _, d in sorted(days.items())]

    # -- stories ------------------------------------------------------------------------
    def _has_stories(self) -> bool:
        return callable(getattr(self.store, "stories", None))

    def stories(
        self, q: str | None = None, *, place: str | None = None, entity: str | None = None,
        since: str | None = None, until: str | None = None, page: int = 1, per_page: int = 20,
    ) -> dict[str, Any]:
        """Stories (one event as several outlets told it), largest first: ``results``
        with id, title, first/last day, number of articles, outlets.  ``place`` and
        ``entity`` are names (any alias) one of the story's articles mentions."""
        if not self._has_stories():
            raise NotYet("stories are not built yet (issue #11)")
        if page < 1 or not 1 <= per_page <= MAX_PER_PAGE:
            raise UsageError(f"page must be at least 1 and per_page between 1 and {MAX_PER_PAGE}")
        for name, value in (("since", since), ("until", until)):
            if value:
                _check_date(name, value)
        rows = self.store.stories(  # type: ignore[attr-defined,unused-ignore]
            q=q or None, entity=entity or None, place=place or None, since=since or None,
            until=until or None, limit=per_page + 1, offset=(page - 1) * per_page,
        )
        return {"q": q, "page": page, "per_page": per_page, "has_next": len(rows) > per_page,
                "results": rows[:per_page]}

    def story(self, story_id: int | str) -> dict[str, Any]:
        """One story: its articles in order with who copied whom, claims with their
        appearances, figures per outcome with their origins and conflicts, timeline."""
        if not self._has_stories():
            raise NotYet("stories are not built yet (issue #11)")
        try:
            sid = int(story_id)
        except (TypeError, ValueError):
            raise UsageError(f"story id must be a number, not {story_id!r}") from None
        row = self.store.story(sid)  # type: ignore[attr-defined,unused-ignore]
        if row is None:
            raise NotFound(f"no story {story_id!r}")
        out: dict[str, Any] = dict(row)
        return out

    def story_of(self, article_id: int) -> int | None:
        finder = getattr(self.store, "story_of", None)
        return finder(article_id) if callable(finder) else None

    # -- writing ------------------------------------------------------------------------
    def ingest_files(
        self, files: Iterable[tuple[str, bytes]], *, published: str | None = None,
        max_bytes: int = MAX_UPLOAD_BYTES,
    ) -> dict[str, Any]:
        """Ingest uploaded files (name, content) exactly as ``marsad ingest`` would: the
        same formats, the same one-line errors in ``failures``."""
        from marsad.ingest import read_paths
        from marsad.pipeline import DEFAULT_PIPELINE
        from marsad.store.loader import load

        files = list(files)
        if not files:
            raise UsageError("no file to ingest")
        size = sum(len(data) for _, data in files)
        if size > max_bytes:
            raise TooLarge(f"upload of {size:,} bytes is over the limit of {max_bytes:,} bytes")
        if published:
            _check_date("published", published)
        with tempfile.TemporaryDirectory(prefix="marsad-upload-") as tmp:
            paths = []
            for i, (name, data) in enumerate(files):
                safe = PurePath(name.replace("\\", "/")).name.lstrip(".") or f"upload-{i}"
                folder = Path(tmp) / str(i)
                folder.mkdir()
                path = folder / safe
                path.write_bytes(data)
                paths.append(str(path))
            report = load(self.store, read_paths(paths, published=published), DEFAULT_PIPELINE)
        out: dict[str, Any] = report.to_dict()
        for f in out["failures"]:  # name the file as the user did, not the temp path
            f["source"] = _strip_tmp(f["source"], tmp)
            f["message"] = f"{f['source']}: {f['reason']}"
        return out


def open(db: str | Path, *, create: bool = False) -> Marsad:
    """Open the marsad database at ``db`` (``create=True`` makes a new one)."""
    return Marsad(db, create=create)


# -- helpers -----------------------------------------------------------------------------
def _check_date(name: str, value: str) -> None:
    import datetime as dt

    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{name}: not a date in the form YYYY-MM-DD: {value!r}") from None


def _strip_tmp(source: str, tmp: str) -> str:
    if source.startswith(tmp):
        rest = source[len(tmp):].lstrip("/")
        return rest.split("/", 1)[1] if "/" in rest else rest
    return source


_BOUND_AR = {
    "exact": "بالضبط", "approx": "نحو", "more_than": "أكثر من", "less_than": "أقل من",
    "at_least": "على الأقل", "at_most": "على الأكثر", "vague": "غير محدد",
}


def marks(article: dict[str, Any]) -> list[dict[str, Any]]:
    """The spans to highlight in an article's text: entities, figures, dates (leaf
    marks) and claims (which contain them), sorted by start, longest first."""
    out: list[dict[str, Any]] = []
    for e in article.get("entities", []):
        out.append({"start": e["start"], "end": e["end"], "kind": "entity", "type": e["type"],
                    "label": e.get("canonical") or e["text"],
                    "entity_id": e.get("entity_id") or f"{e['type']}:{e.get('canonical') or e['text']}",
                    "role": e.get("role") or e.get("title")})
    for f in article.get("figures", []):
        value = f.get("value")
        if f.get("value_max") is not None:
            value = f"{f['value']}–{f['value_max']}"
        out.append({"start": f["start"], "end": f["end"], "kind": "figure",
                    "value": value, "bound": f.get("bound"), "counted": f.get("counted"),
                    "unit": f.get("unit")})
    for d in article.get("dates", []):
        out.append({"start": d["start"], "end": d["end"], "kind": "date",
                    "value": d.get("value"), "end_value": d.get("end_value"),
                    "relative": d.get("relative")})
    for c in article.get("claims", []):
        out.append({"start": c["start"], "end": c["end"], "kind": "claim",
                    "speaker": c.get("speaker"), "speaker_entity": c.get("speaker_entity"),
                    "verb": c.get("verb"), "polarity": c.get("polarity"),
                    "content": c.get("content")})
    out.sort(key=lambda m: (m["start"], -m["end"]))
    return out


def bound_label(bound: str | None) -> str:
    return _BOUND_AR.get(bound or "", bound or "")
