"""Events through the store and the exports: the new fields survive the database
(kept in the span row's ``extra``) and come out of the JSONL spans, the ACLED-like CSV
and the map points."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from marsad.cli.main import main
from marsad.extract import extract_text
from marsad.store import open_store

TEXTS = [
    "وفي ليلة 8 – 9 آذار الجاري، قصفت الطائرات الحربية مواقع في ريف إدلب وقتلت 12 مسلحا.",
    "ورصدت مجموعات المراقبة 3 انتهاكات في حمص و4 في حماة لنظام وقف الأعمال القتالية.",
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("events") / "events.db"
    with open_store(path) as store:
        for n, text in enumerate(TEXTS):
            doc = extract_text(text, published="2024-03-10", id=f"own-{n}")
            store.add(doc)
    return str(path)


def test_csv_export_rows_carry_the_event_fields(db: str, tmp_path: Path) -> None:
    """The ACLED-like CSV reads the event's date span, place, coordinates and the
    figure roles (fatalities from the «killed» figures)."""
    out = tmp_path / "events.csv"
    assert main(["export", "--db", db, "--format", "csv", "--what", "events",
                 "--out", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["event_type"] for r in rows] == ["airstrike", "ceasefire_violation",
                                               "ceasefire_violation"]
    strike = rows[0]
    assert (strike["event_date"], strike["date_end"]) == ("2024-03-08", "2024-03-09")
    assert strike["time_precision"] == "2"
    assert strike["location"] == "إدلب" and strike["admin1"] == "إدلب"
    assert float(strike["latitude"]) > 30
    assert strike["fatalities_best"] in ("12", "12.0")
    assert [r["location"] for r in rows[1:]] == ["حمص", "حماة"]
    assert all(r["fatalities_best"] == "" for r in rows[1:])


def test_jsonl_export_and_map_points(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--db", db, "--what", "events"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["doc_id"] for r in records} == {"own-0", "own-1"}
    assert all(r["mentions"] and r["trigger"] for r in records)
    strike = next(r for r in records if r["type"] == "airstrike")
    assert strike["date_end"] == "2024-03-09" and strike["figure_roles"] == ["killed"]
    with open_store(db, create=False) as store:
        points = store.event_places()
    assert {(p["type"], p["place"]) for p in points} == {
        ("airstrike", "إدلب"), ("ceasefire_violation", "حمص"), ("ceasefire_violation", "حماة")}
