"""Size limits: every input and every article has one, a file over it is refused with one
line naming the file and the limit, the other inputs are stored, memory stays bounded."""

from __future__ import annotations

import zipfile
from pathlib import Path

from hostile.conftest import (
    MIB,
    article,
    assert_one_line_error,
    integrity,
    run_many,
    run_marsad,
    stored,
    write_jsonl,
)
from marsad.ingest import limits, read_paths
from marsad.store.fulltext import MAX_QUERY_CHARS, parse_query


def test_a_csv_field_of_ten_million_characters_is_refused_and_the_next_row_kept(
        work: Path) -> None:
    path = work / "wire.csv"
    with path.open("w", encoding="utf-8") as fh:
        fh.write("id,text\n")
        fh.write(f'a1,"{article(1).strip()}"\n')
        fh.write(f'a2,"{"ب" * 10_000_000}"\n')
        fh.write(f'a3,"{article(3).strip()}"\n')
    run = run_marsad("ingest", "--no-extract", "-q", "--db", "m.db", str(path), cwd=work)
    assert run.rc == 1
    line = assert_one_line_error(run, str(path), "100,000 characters", "refused")
    assert "#2" in line
    assert [a["doc_id"] for a in stored(work / "m.db")] == ["a1", "a3"]
    assert integrity(work / "m.db") == "ok"
    assert run.peak_mb < 600, run.peak_mb


def test_a_50_mb_single_line_text_file_is_refused_before_it_is_read(work: Path) -> None:
    big = work / "big.txt"
    with big.open("wb") as fh:
        chunk = ("قصف " * 16384).encode()  # one line, no newline anywhere
        while fh.tell() < 50 * MIB:
            fh.write(chunk)
    (work / "ok.txt").write_text(article(7), encoding="utf-8")
    run = run_marsad("ingest", "--no-extract", "-q", "--db", "m.db", str(big),
                     str(work / "ok.txt"), cwd=work)
    assert run.rc == 1
    assert_one_line_error(run, str(big), "over the limit of 4 MB for .txt files")
    assert [a["doc_id"] for a in stored(work / "m.db")] == ["ok.txt"]
    assert integrity(work / "m.db") == "ok"
    # not read at all: what is left is the interpreter and the store with its story
    # linker (400-450 MB by the order tests run in); reading the file took 3.8 GB
    assert run.peak_mb < 600, run.peak_mb


def test_an_article_over_the_character_limit_is_refused_with_extraction_on(
        work: Path) -> None:
    long = work / "long.txt"
    long.write_text("\n\n".join(article(i, 8) for i in range(0, 10000, 8)), encoding="utf-8")
    assert 1 * MIB < long.stat().st_size < 4 * MIB  # under the file limit: the article one bites
    (work / "ok.txt").write_text(article(11), encoding="utf-8")
    run = run_marsad("ingest", "-q", "--db", "m.db", str(long), str(work / "ok.txt"), cwd=work)
    assert run.rc == 1
    assert_one_line_error(run, str(long), "over the limit of 100,000 characters")
    assert [a["doc_id"] for a in stored(work / "m.db")] == ["ok.txt"]
    assert integrity(work / "m.db") == "ok"
    assert run.peak_mb < 900, run.peak_mb


def _bomb(path: Path, inflated: int, *, zip64: bool = True, level: int = 1) -> None:
    """A zip whose one member inflates to ``inflated`` zero bytes, plus two articles."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        zf.writestr("a_ok.txt", article(21))
        with zf.open("b_bomb.txt", "w", force_zip64=zip64) as member:
            block = b"\0" * MIB
            for _ in range(inflated // MIB):
                member.write(block)
        zf.writestr("c_ok.txt", article(31))


def test_a_zip_bomb_of_one_gib_is_refused_member_by_member(work: Path) -> None:
    bomb = work / "bomb.zip"
    _bomb(bomb, 1024 * MIB)
    assert bomb.stat().st_size < 6 * MIB
    run = run_marsad("ingest", "--no-extract", "-q", "--db", "m.db", str(bomb), cwd=work)
    assert run.rc == 1
    assert_one_line_error(run, f"{bomb}/b_bomb.txt", "refused", "1024 MB inflated",
                          "over the limit of 4 MB for .txt files")
    assert sorted(a["doc_id"] for a in stored(work / "m.db")) == ["a_ok.txt", "c_ok.txt"]
    assert integrity(work / "m.db") == "ok"
    assert run.peak_mb < 600, run.peak_mb  # inflating the member took 5.3 GB


def test_a_member_under_the_size_limit_but_inflating_a_thousandfold_is_a_bomb(
        tmp_path: Path) -> None:
    bomb = tmp_path / "small_bomb.zip"
    _bomb(bomb, 3 * MIB, level=9)  # under the 4 MB limit of .txt, but 3 MB from 3 KB
    items = list(read_paths([str(bomb)]))
    errors = [str(i) for i in items if not hasattr(i, "text")]
    assert len(errors) == 1 and f"{bomb}/b_bomb.txt" in errors[0], errors
    assert "a zip bomb" in errors[0] and f"more than {limits.MAX_ZIP_RATIO} times" in errors[0]
    assert sorted(i.id for i in items if hasattr(i, "text")) == ["a_ok.txt", "c_ok.txt"]  # type: ignore[union-attr]


def test_a_zip_member_that_lies_about_its_size_is_not_inflated_past_it(
        tmp_path: Path) -> None:
    bomb = tmp_path / "liar.zip"
    _bomb(bomb, 8 * MIB, zip64=False)
    data = bytearray(bomb.read_bytes())
    name = b"b_bomb.txt"
    for sig, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # local, central
        at = data.find(sig)
        while at >= 0 and name not in data[at: at + 80]:
            at = data.find(sig, at + 4)
        assert at >= 0
        data[at + size_at: at + size_at + 4] = (1024).to_bytes(4, "little")
    bomb.write_bytes(bytes(data))
    with zipfile.ZipFile(bomb) as zf:
        assert zf.getinfo("b_bomb.txt").file_size == 1024  # the lie is what the header says
    items = list(read_paths([str(bomb)]))
    errors = [str(i) for i in items if not hasattr(i, "text")]
    assert len(errors) == 1 and f"{bomb}/b_bomb.txt" in errors[0], errors
    assert sorted(i.id for i in items if hasattr(i, "text")) == ["a_ok.txt", "c_ok.txt"]  # type: ignore[union-attr]


def test_a_file_of_records_stops_at_the_record_limit(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(limits, "MAX_RECORDS", 5)
    path = write_jsonl(tmp_path / "many.jsonl",
                       [{"id": f"r{i}", "text": article(i)} for i in range(12)])
    items = list(read_paths([str(path)]))
    assert [i.id for i in items[:5]] == ["r0", "r1", "r2", "r3", "r4"]  # type: ignore[union-attr]
    assert len(items) == 6
    assert "over the limit of 5 records" in str(items[5]) and str(path) in str(items[5])


def test_a_100_kb_query_is_refused_and_a_repeated_word_counts_once(work: Path) -> None:
    (work / "a.txt").write_text(article(3), encoding="utf-8")
    huge = " ".join(["قصف"] * 14_000)  # 98 KB
    many = " ".join(f"كلمة{i}" for i in range(40))
    ingest, run, run_terms, run_ok = run_many([
        ["ingest", "--no-extract", "-q", "--db", "m.db", "a.txt"],
        ["search", "--db", "m.db", huge],
        ["search", "--db", "m.db", many],
        ["search", "--db", "m.db", " ".join(["القذائف"] * 120)],
    ], cwd=work)
    assert ingest.rc == 0
    assert run.rc == 1
    assert_one_line_error(run, f"over the limit of {MAX_QUERY_CHARS:,}")
    assert run_terms.rc == 1
    assert_one_line_error(run_terms, "40 different terms", "over the limit of 32")
    assert run_ok.rc == 0 and "القذائف" in run_ok.stdout
    query = parse_query(" ".join(["القذائف"] * 120))  # 959 characters, one term
    assert len(query.terms) == 1
    query = parse_query(" OR ".join(["القذائف"] * 80))
    assert len(query.groups) == 1

