"""Nothing is lost without a word: an invalid date, a zip member with an unsafe name, a
folder that cannot be read each give a line naming the file; the rest is stored."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from hostile.conftest import article, assert_one_line_error, run_marsad, stored, write_jsonl


def test_an_invalid_published_date_is_a_warning_and_the_article_is_kept(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "d.jsonl", [
        {"id": "bad", "text": article(1), "published": "2025-13-45"},
        {"id": "good", "text": "قصفت الطائرات جسرا على النهر وقطعت الطريق بين البلدتين.",
         "published": "2025-03-04"},
    ])
    run = run_marsad("ingest", "--no-extract", "-q", "--db", "m.db", str(path), cwd=tmp_path)
    assert run.rc == 0, run.stderr
    line = assert_one_line_error(run, f"{path}#1", "2025-13-45", "not a date")
    assert "warning" in line
    assert {a["doc_id"]: a["published"] for a in stored(tmp_path / "m.db")} == {
        "bad": None, "good": "2025-03-04"}
    assert "warnings         1" in run.stdout


def test_unsafe_zip_member_names_are_each_reported_and_the_rest_read(tmp_path: Path) -> None:
    arc = tmp_path / "a.zip"
    with zipfile.ZipFile(arc, "w") as zf:
        zf.writestr("../escape.txt", article(1))
        zf.writestr("/etc/abs.txt", article(2))
        zf.writestr("ok/inside.txt", article(3))
        zf.writestr(".hidden/skip.txt", article(4))
    run = run_marsad("ingest", "--no-extract", "-q", "--db", "m.db", str(arc), cwd=tmp_path)
    assert run.rc == 1
    assert "ValueError" not in run.stderr
    assert_one_line_error(run, "../escape.txt", "climbs out of the archive")
    assert_one_line_error(run, "/etc/abs.txt", "absolute path")
    assert len(run.errors) == 2, run.errors
    assert [a["doc_id"] for a in stored(tmp_path / "m.db")] == ["inside.txt"]


def test_an_unreadable_subfolder_is_reported_not_skipped(public_dir: Path) -> None:
    if os.geteuid() != 0 and os.access("/", os.W_OK):
        pytest.skip("cannot make a folder unreadable here")
    corpus = public_dir / "corpus"
    (corpus / "open").mkdir(parents=True)
    (corpus / "locked").mkdir()
    (corpus / "open" / "a.txt").write_text(article(1), encoding="utf-8")
    (corpus / "locked" / "b.txt").write_text(article(50), encoding="utf-8")
    for p in (public_dir, corpus, corpus / "open"):
        p.chmod(0o777)
    (corpus / "open" / "a.txt").chmod(0o644)
    (corpus / "locked").chmod(0o000)
    run = run_marsad("ingest", "--no-extract", "-q", "--db", "m.db", "corpus",
                     cwd=public_dir, user="nobody")
    (corpus / "locked").chmod(0o755)
    assert run.rc == 1, run.stderr
    assert_one_line_error(run, "corpus/locked", "cannot read this folder")
    assert [a["doc_id"] for a in stored(public_dir / "m.db")] == ["a.txt"]
