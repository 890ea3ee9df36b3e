"""marsad.open(db): the Python API the web app is a thin layer over."""

from __future__ import annotations

import pytest

import marsad
from marsad.api import Marsad, NotFound, NotYet, TooLarge
from marsad.errors import UsageError
from webdb import web_db


@pytest.fixture(scope="module")
def db() -> Marsad:
    m = marsad.open(web_db())
    yield m
    m.close()


def test_open_refuses_a_missing_database(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(marsad.MarsadError, match="no database here"):
        marsad.open(tmp_path / "none.db")


def test_search_with_facets_and_narrowing(db: Marsad) -> None:
    res = db.search("الميادين", per_page=3)
    assert res["total"] >= 5 and len(res["results"]) == 3 and res["pages"] >= 2
    assert all("الميادين" in r["snippet"] for r in res["results"])
    deir = next(f for f in res["facets"]["LOC"] if f["label"] == "دير الزور")
    assert deir["param"] == "place"
    narrowed = db.search("الميادين", place=deir["value"])
    assert narrowed["total"] == deir["n"] < res["total"]
    for r in narrowed["results"]:
        assert any(e.get("canonical") == "دير الزور" for e in db.article(r["id"])["entities"])
    # two places: articles that mention both
    both = db.search(None, place=[deir["value"], "LOC:الميادين"])
    assert 0 < both["total"] <= narrowed["total"]
    listing = db.search(None, sort="date", facets=False)
    dates = [r["published"] for r in listing["results"] if r["published"]]
    assert dates == sorted(dates, reverse=True) and "facets" not in listing


def test_bad_arguments(db: Marsad) -> None:
    with pytest.raises(UsageError, match="unknown sort"):
        db.search("x", sort="sideways")
    with pytest.raises(UsageError, match="YYYY-MM-DD"):
        db.search("x", since="31/05/2025")
    with pytest.raises(UsageError, match="after"):
        db.search("x", since="2025-06-01", until="2025-05-01")
    with pytest.raises(NotFound):
        db.article(10**6)
    with pytest.raises(NotFound):
        db.entity("PER:لا أحد")
    if db._has_stories():
        with pytest.raises(NotFound):
            db.story(10**6)
    else:
        with pytest.raises(NotYet, match="issue #11"):
            db.stories()
    with pytest.raises(TooLarge):
        db.ingest_files([("a.txt", b"x" * 100)], max_bytes=10)


def test_article_marks_nest_inside_the_text(db: Marsad) -> None:
    art = db.article(1)
    text = art["text"]
    for m in art["marks"]:
        if m["kind"] == "figure":
            assert any(ch.isdigit() for ch in text[m["start"]:m["end"]]) or m["value"] is not None
        if m["kind"] == "entity":
            assert text[m["start"]:m["end"]].strip()
    assert art["marks"] == sorted(art["marks"], key=lambda m: (m["start"], -m["end"]))


def test_entity_and_events(db: Marsad) -> None:
    ent = db.entity("LOC:الميادين")
    assert ent["name"] == "الميادين" and ent["lat"] and ent["lon"]
    assert ent["aliases"][0]["name"] == "الميادين"
    geo = db.events_geojson()
    assert geo["features"] and all(f["geometry"]["type"] == "Point" for f in geo["features"])
    assert {f["properties"]["place"] for f in geo["features"]} >= {"الميادين"}
    days = db.timeline()
    assert days == sorted(days, key=lambda d: d["date"])
    assert sum(d["events"] for d in days) <= len(geo["features"])
