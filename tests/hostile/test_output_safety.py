"""Output safety: no terminal control sequence from an article reaches the terminal, no
CSV cell is a formula, no ``javascript:`` link is stored as a URL, no file name forges
an error line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from hostile.conftest import article, run_many, run_marsad, stored, write_jsonl
from marsad.cli.dbcommon import terminal_safe
from marsad.cli.main import main

ESCAPES = ("\x1b]0;pwned\x07", "\x1b[2J", "\x1b[31m", "\x9b2J", "\x1bP", "\x08\x08")


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("escapes")
    title = "عنوان \x1b]0;pwned\x07 الخبر \x1b[2J"
    text = ("قال مسؤول \x1b[31mمحلي\x1b[0m إن القذائف سقطت \x9b2J على الحي.\n"
            + article(4) + "وأضاف أن \x1bPالقصف\x08\x08 توقف.\n")
    write_jsonl(work / "esc.jsonl", [
        {"id": "e1", "title": title, "text": text, "outlet": "\x1b]2;x\x07وكالة"},
        {"id": "f1", "title": "=HYPERLINK(\"http://evil.example/\",\"انقر\")",
         "text": article(9), "outlet": "+cmd|' /C calc'!A0", "author": "@SUM(A1:A9)"},
    ])
    run = run_marsad("ingest", "--no-extract", "-q", "--db", "m.db", "esc.jsonl", cwd=work)
    assert run.rc == 0, run.stderr
    return work


def test_show_list_search_print_no_terminal_escapes(hostile_db: Path) -> None:
    commands = [["show", "e1"], ["list"], ["search", "القذائف"]]
    runs = run_many([[*c, "--db", "m.db"] for c in commands], cwd=hostile_db)
    for command, run in zip(commands, runs, strict=True):
        assert run.rc == 0, run.stderr
        assert run.stdout.strip(), command
        for bad in ("\x1b", "\x07", "\x9b", "\x08"):
            assert bad not in run.stdout, (command, bad, run.stdout)
        assert "\ufffd" in run.stdout  # shown as a visible replacement, not dropped


def test_terminal_safe_keeps_length_and_plain_colour_only_when_asked() -> None:
    text = "a\x1b]0;t\x07b\x1b[1mc\x1b[0m\x9b"
    assert len(terminal_safe(text)) == len(text)
    assert "\x1b" not in terminal_safe(text)
    kept = terminal_safe(text, keep_sgr=True)
    assert "\x1b[1m" in kept and "\x1b]" not in kept and "\x07" not in kept


@pytest.mark.parametrize("bom", [[], ["--bom"]])
def test_csv_exports_have_no_formula_cells(hostile_db: Path, bom: list[str]) -> None:
    out = hostile_db / f"articles{len(bom)}.csv"
    assert main(["export", "--format", "csv", *bom, "--db", str(hostile_db / "m.db"),
                 "--out", str(out)]) == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    cells = [c for row in rows[1:] for c in row]
    assert any(c.startswith("'=HYPERLINK(") for c in cells)
    assert any(c.startswith("'+cmd|") for c in cells)
    for cell in cells:
        assert not cell.lstrip(" ").startswith(("=", "+", "-", "@")), cell


def test_a_feed_javascript_link_is_not_stored_or_exported(tmp_path: Path) -> None:
    (tmp_path / "feed.rss").write_text(f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>وكالة الأنباء</title>
<item><title>قصف على المدينة</title><link>javascript:alert(document.cookie)</link>
<description>{article(1)}</description></item>
<item><title>غارة جوية</title><link>https://news.example/a/2</link>
<description>أعلنت وزارة الصحة افتتاح مستشفى ميداني جديد في الضاحية الجنوبية يضم مئة سرير.
وأشار الوزير إلى أن المستشفى سيستقبل الجرحى من المناطق المجاورة ابتداء من الأسبوع المقبل.</description></item>
</channel></rss>""", encoding="utf-8")
    run = run_marsad("ingest", "--no-extract", "-q", "--db", "m.db", "feed.rss", cwd=tmp_path)
    assert run.rc == 0, run.stderr
    warned = [line for line in run.errors if "javascript:" in line]
    assert len(warned) == 1 and "feed.rss#1" in warned[0] and "not an http(s) URL" in warned[0]
    urls = {a["title"]: a["url"] for a in stored(tmp_path / "m.db")}
    assert urls == {"قصف على المدينة": None, "غارة جوية": "https://news.example/a/2"}
    run = run_marsad("export", "--db", "m.db", cwd=tmp_path)
    assert "javascript:" not in run.stdout
    assert [json.loads(line).get("url") for line in run.stdout.splitlines()] == [
        None, "https://news.example/a/2"]


def test_a_newline_in_a_file_name_cannot_forge_an_error_line(tmp_path: Path) -> None:
    bad = tmp_path / "x.json\nmarsad: everything is fine.json"
    bad.write_text("{not json", encoding="utf-8")
    (tmp_path / "ok.txt").write_text(article(3), encoding="utf-8")
    run = run_marsad("ingest", "--no-extract", "-q", "--db", "m.db", str(bad), "ok.txt",
                     cwd=tmp_path)
    assert run.rc == 1
    assert len(run.errors) == 1, run.errors
    assert "x.json\\nmarsad: everything is fine.json" in run.errors[0]
    assert not any(line.startswith("marsad: everything") for line in run.stdout.splitlines())
    assert len(stored(tmp_path / "m.db")) == 1
