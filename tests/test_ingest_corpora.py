"""Ingest of the real corpora in ../shared/data: Baly claim files and SaudiNewsNet zips."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from marsad.document import Document
from marsad.errors import InputError
from marsad.ingest import read_paths
from marsad.ingest.cleaning_check import rationale_survival
from marsad.ingest.webstory import outlet_for_domain

# Measured over all 338 claim files (bench/bench_ingest.py): 98.8% of rationale lines
# survive cleaning; the floors leave room for rule changes, not for a broken cleaner.
SURVIVAL_FLOOR = 0.95


@pytest.fixture(scope="module")
def baly_files(shared: Path) -> list[Path]:
    files = sorted((shared / "data" / "baly" / "dataset").glob("*.json"))
    assert len(files) > 300
    return files


def test_baly_one_document_per_article(baly_files: list[Path]) -> None:
    for path in baly_files[:5]:
        raw = json.loads(path.read_text(encoding="utf-8"))
        items = list(read_paths([str(path)]))
        assert len(items) == len(raw["article"])
        docs = [i for i in items if isinstance(i, Document)]
        assert len(docs) >= len(raw["article"]) - 1  # an empty page may give an InputError
        for doc in docs:
            i = doc.meta["index"]
            assert doc.id == f"{raw['id']}:{i}"
            assert doc.url == raw["url"][i]
            assert doc.meta["claim_id"] == raw["id"]
            assert doc.source == f"{path}#{i + 1}"
            assert doc.text.strip()
            assert len(doc.text) <= len(raw["article"][i])


def test_baly_detected_by_keys_not_by_name(baly_files: list[Path], tmp_path: Path) -> None:
    copy = tmp_path / "renamed.json"
    copy.write_bytes(baly_files[0].read_bytes())
    raw = json.loads(copy.read_text(encoding="utf-8"))
    docs = [d for d in read_paths([str(copy)]) if isinstance(d, Document)]
    assert [d.id for d in docs][:2] == [f"{raw['id']}:0", f"{raw['id']}:1"]


def test_baly_cleaning_keeps_rationale_lines_and_drops_chrome(baly_files: list[Path]) -> None:
    result = rationale_survival(baly_files[::4])
    assert result["rationale_lines"] > 100
    assert result["survival"] >= SURVIVAL_FLOOR, result
    assert 0.02 < result["dropped"] < 0.5, result


def test_saudinewsnet_zip_maps_fields(shared: Path) -> None:
    path = sorted((shared / "data" / "saudinewsnet").glob("*.zip"))[-1]
    with zipfile.ZipFile(path) as zf:
        [member] = zf.namelist()
        records = json.loads(zf.read(member))
    items = list(read_paths([str(path)]))
    assert len(items) == len(records)
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, InputError)]
    empty = [n for n, r in enumerate(records, 1) if not (r.get("content") or "").strip()]
    wanted = {f"{path}/{member}#{n}" for n in empty}
    assert wanted <= {e.source for e in errors}
    for error in errors:  # the others are widget-only records («تعليقات ()»)
        assert error.source in wanted or "no article text left" in error.reason
    assert len(errors) < 0.05 * len(records)
    for doc in docs[:200]:
        n = int(doc.source.rsplit("#", 1)[1])
        rec = records[n - 1]
        assert doc.id == f"{member}#{n}"
        # the site id («alriyadh», «aawsat») becomes the site's own name from the table
        assert doc.outlet == (outlet_for_domain(rec["url"]) or rec["source"])
        assert doc.outlet != rec["source"] or outlet_for_domain(rec["url"]) is None
        assert doc.url == rec["url"]
        assert doc.published == rec["date_extracted"][:10]
        assert doc.title == (rec["title"].strip() or doc.title)
        assert doc.text and doc.text.split()[0] in rec["content"]
        if rec.get("author"):
            assert doc.meta["author"] == rec["author"]
    # bylines like «لندن: فلان» give datelines
    assert sum(d.dateline is not None for d in docs) > 0.05 * len(docs)
