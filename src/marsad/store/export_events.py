"""Events as event data: ACLED-like rows and GeoJSON points, with their sources.

One row per event of a stored article.  ``sources`` are the outlets of the story's
articles that report an event of the same type at the same place (the event's own
outlet first), so a strike five outlets carried has ``n_sources`` 5; copies (near
duplicates) are not counted twice.  Columns (ACLED's names where they fit):

``event_id`` (``<article>-<n>``), ``event_date``, ``date_end``, ``time_precision`` (1 a
day, 2 a span of days, 3 a month or a year), ``event_type``, ``actor1``, ``actor2``
(the target), ``country``, ``admin1``, ``location``, ``latitude``, ``longitude``,
``geo_precision`` (1 a town or site, 3 a governorate or country, empty when unplaced),
``source`` (the article's outlet), ``claimed_by``, ``sources``, ``n_sources``,
``story_id``, ``article_id``, ``doc_id``, ``published``, ``fatalities_low``,
``fatalities_best``, ``fatalities_high`` (from the event's «killed» figures: more than
N gives low N; a range gives low and high), ``notes`` (the event's sentence).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from marsad.store.backend import Filters, Row

ACLED_COLUMNS = (
    "event_id", "event_date", "date_end", "time_precision", "event_type", "actor1", "actor2",
    "country", "admin1", "location", "latitude", "longitude", "geo_precision", "source",
    "claimed_by", "sources", "n_sources", "story_id", "article_id", "doc_id", "published",
    "fatalities_low", "fatalities_best", "fatalities_high", "notes",
)


def _time_precision(date: str | None, end: str | None) -> int | None:
    if not date:
        return None
    if len(date) < 10:
        return 3
    return 2 if end and end != date else 1


def _fatalities(figures: list[Row]) -> tuple[Any, Any, Any]:
    killed = [f for f in figures if f.get("role") == "killed" and f.get("value") is not None]
    if not killed:
        return None, None, None
    f = max(killed, key=lambda x: float(x["value"]))
    value, top = f["value"], f.get("value_max")
    return value, value, top if top is not None else value


def event_rows(store: Any, filters: Filters | None = None) -> Iterator[Row]:
    """ACLED-like dicts, one per event (see module docstring)."""
    docs: dict[int, Any] = {}
    story_sources: dict[int, dict[tuple[str, str | None], list[str]]] = {}
    counters: dict[int, int] = {}
    for ev in store.iter_spans("events", filters):
        aid = int(ev["article_id"])
        if aid not in docs:
            docs.clear()
            docs[aid] = store.get_document(aid)
        doc = docs[aid]
        counters[aid] = counters.get(aid, 0) + 1
        story_id = store.story_of(aid)
        figures = []
        for k, fi in enumerate(ev.get("figures") or []):
            if doc is not None and 0 <= fi < len(doc.figures):
                roles = ev.get("figure_roles") or []
                f = doc.figures[fi]
                figures.append({"value": f.value, "value_max": f.value_max, "bound": f.bound,
                                "role": roles[k] if k < len(roles) else None})
        low, best, high = _fatalities(figures)
        if low is not None and any(f["bound"] == "more_than" for f in figures if f["value"] == low):
            high = None
        claimed_by = None
        claim = ev.get("claim")
        if doc is not None and isinstance(claim, int) and 0 <= claim < len(doc.claims):
            claimed_by = doc.claims[claim].speaker
        sources: list[str] = []
        if story_id is not None:
            if story_id not in story_sources:
                story_sources.clear()
                story_sources[story_id] = _sources_of(store, story_id)
            sources = story_sources[story_id].get((ev.get("type"), ev.get("place")), [])
        outlet = ev.get("outlet")
        ordered = ([outlet] if outlet else []) + [s for s in sources if s != outlet]
        place, admin = ev.get("place"), ev.get("admin")
        notes = doc.text[ev["start"]:ev["end"]] if doc is not None else ""
        yield {
            "event_id": f"{ev.get('doc_id')}-{counters[aid]}",
            "event_date": ev.get("date"), "date_end": ev.get("date_end"),
            "time_precision": _time_precision(ev.get("date"), ev.get("date_end")),
            "event_type": ev.get("type"), "actor1": ev.get("actor"), "actor2": ev.get("target"),
            "country": _country(doc, place), "admin1": admin, "location": place,
            "latitude": ev.get("lat"), "longitude": ev.get("lon"),
            "geo_precision": (None if place is None else 3 if place == admin or ev.get("lat") is None
                              else 1),
            "source": outlet, "claimed_by": claimed_by, "sources": "; ".join(ordered),
            "n_sources": len(ordered) or None, "story_id": story_id, "article_id": aid,
            "doc_id": ev.get("doc_id"), "published": ev.get("published"),
            "fatalities_low": low, "fatalities_best": best, "fatalities_high": high,
            "notes": " ".join(notes.split())[:500],
        }


def _country(doc: Any, place: str | None) -> str | None:
    if doc is None or not place:
        return None
    for ent in doc.entities:
        if ent.type == "LOC" and (ent.canonical or ent.text) == place and ent.country:
            return str(ent.country)
    return None


def _sources_of(store: Any, story_id: int) -> dict[tuple[str, str | None], list[str]]:
    """(type, place) -> outlets of the story's independent articles reporting it."""
    out: dict[tuple[str, str | None], list[str]] = {}
    for art in store.backend.story_article_rows(story_id):
        if art.get("duplicate_of") is not None:
            continue
        outlet = art.get("outlet") or art.get("doc_id")
        for ev in store.spans(int(art["id"]), "events"):
            names = out.setdefault((ev.get("type"), ev.get("place")), [])
            if outlet not in names:
                names.append(outlet)
    return out


def events_geojson(store: Any, filters: Filters | None = None) -> dict[str, Any]:
    """A FeatureCollection with one point per event that has coordinates."""
    features = []
    for row in event_rows(store, filters):
        if row["latitude"] is None or row["longitude"] is None:
            continue
        props = {k: v for k, v in row.items() if k not in ("latitude", "longitude")}
        features.append({"type": "Feature", "properties": props,
                         "geometry": {"type": "Point",
                                      "coordinates": [row["longitude"], row["latitude"]]}})
    return {"type": "FeatureCollection", "features": features}
