"""Faulty stores and outputs: a full disk, a read-only database, damaged pages, huge ids.
Each gives one line and exit status 1, leaves the store consistent and no partial file."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from hostile.conftest import (
    article,
    assert_one_line_error,
    integrity,
    run_many,
    run_marsad,
    stored,
)
from marsad.cli.main import main
from marsad.document import Document
from marsad.errors import StoreError
from marsad.store import open_store
from marsad.store.loader import load


@contextlib.contextmanager
def small_disk(folder: Path, size: str = "600k") -> Iterator[bool]:
    """``folder`` as a tmpfs of ``size`` (root with mount rights), else plain: yields
    whether the disk is really small."""
    folder.mkdir()
    mounted = False
    if os.geteuid() == 0:
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs",
                                  str(folder)], capture_output=True).returncode == 0
    try:
        yield mounted
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def _articles(folder: Path, n: int, lines: int = 40) -> list[str]:
    folder.mkdir()
    names = []
    for i in range(n):
        path = folder / f"a{i:03d}.txt"
        path.write_text(article(i * 100, lines), encoding="utf-8")
        names.append(str(path))
    return names


def test_a_full_disk_stops_ingest_with_one_line_and_a_consistent_store(tmp_path: Path) -> None:
    files = _articles(tmp_path / "in", 60)
    disk = tmp_path / "disk"
    with small_disk(disk) as real:
        if not real:
            pytest.skip("cannot mount a small tmpfs here (see the max_page_count test)")
        run = run_marsad("ingest", "--no-extract", "-q", "--db", str(disk / "m.db"), *files,
                         cwd=tmp_path)
        assert run.rc == 1
        assert_one_line_error(run, str(disk / "m.db"), "disk full")
        assert "cannot rollback" not in run.stderr
        assert len(run.errors) == 1, run.errors  # it stopped: no line per later article
        assert integrity(disk / "m.db") == "ok"
        kept = stored(disk / "m.db")
        assert 0 < len(kept) < 60
        assert [a["doc_id"] for a in kept] == [f"a{i:03d}.txt" for i in range(len(kept))]


def test_a_full_database_stops_the_loader_and_keeps_what_was_committed(tmp_path: Path) -> None:
    """The same without mount rights: SQLite's max_page_count makes the file full."""
    db = tmp_path / "m.db"
    docs = [Document(id=f"d{i}", text=article(i * 100, 40), source=f"d{i}.txt")
            for i in range(80)]
    with open_store(db) as store:
        conn = store.backend.conn  # type: ignore[attr-defined]
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count={pages + 40}")
        failures: list[str] = []
        with pytest.raises(StoreError, match="disk full") as info:
            load(store, docs, (), on_failure=lambda e: failures.append(str(e)))
        assert "\n" not in str(info.value) and str(db) in str(info.value)
        assert failures == []  # no «cannot rollback» line per later article
        assert not conn.in_transaction
    assert integrity(db) == "ok"
    kept = stored(db)
    assert 0 < len(kept) < 80
    assert [a["doc_id"] for a in kept] == [f"d{i}" for i in range(len(kept))]


@pytest.fixture(scope="module")
def readonly_db() -> Iterator[Path]:
    """One database (made by a real ingest), then made read-only in a read-only folder
    outside pytest's private tree (so a ``nobody`` run can reach it)."""
    import shutil
    import tempfile

    public_dir = Path(tempfile.mkdtemp(prefix="marsad_hostile_ro_"))
    public_dir.chmod(0o777)
    try:
        yield _make_readonly(public_dir)
    finally:
        public_dir.chmod(0o755)
        shutil.rmtree(public_dir, ignore_errors=True)


def _make_readonly(public_dir: Path) -> Path:
    (public_dir / "a.txt").write_text(
        "قصف على الحي الشرقي\n\n" + article(5) + "وقال المتحدث باسم الجيش إن القصف انتهى.\n",
        encoding="utf-8")
    run = run_marsad("ingest", "-q", "--db", "m.db", "a.txt", cwd=public_dir)
    assert run.rc == 0, run.stderr
    db = public_dir / "m.db"
    assert not (public_dir / "m.db-wal").exists()
    db.chmod(0o444)
    public_dir.chmod(0o555)
    return db


READING = [
    ["list"], ["search", "القذائف"], ["show", "1"], ["claims"], ["entities"],
    ["export", "--format", "csv"], ["stories"],
]


def test_a_read_only_database_in_a_read_only_folder_can_be_read(readonly_db: Path) -> None:
    before = hashlib.sha256(readonly_db.read_bytes()).hexdigest()
    # as root, without the capabilities that let root ignore permissions
    runs = run_many([[*c, "--db", str(readonly_db)] for c in READING],
                    cwd=readonly_db.parent, user="nobody")
    for command, run in zip(READING, runs, strict=True):
        assert run.rc == 0, (command, run.stderr)
        assert "cannot write" not in run.stderr
        assert run.stdout.strip(), command
    assert hashlib.sha256(readonly_db.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in readonly_db.parent.iterdir()) == ["a.txt", "m.db"]
    # and a writing command says so in one line
    run = run_marsad("ingest", "--no-extract", "-q", "--db", str(readonly_db),
                     str(readonly_db.parent / "a.txt"), cwd=readonly_db.parent, user="nobody")
    assert run.rc == 1
    assert_one_line_error(run, str(readonly_db), "cannot write the database")


def test_opening_for_reading_never_writes_even_as_root(tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    with open_store(db) as store:
        store.add(Document(id="x", text=article(1), source="x.txt"))
    before = db.read_bytes()
    with open_store(db, create=False, readonly=True) as store:
        assert store.count() == 1
        with pytest.raises(StoreError, match="read-only"):
            store.add(Document(id="y", text=article(2), source="y.txt"))
    assert db.read_bytes() == before
    wal = tmp_path / "m.db-wal"
    assert not wal.exists() or wal.stat().st_size == 0  # SQLite's reader index only


def test_a_huge_id_and_a_huge_limit_give_one_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "m.db"
    with open_store(db) as store:
        store.add(Document(id="x", text=article(1), source="x.txt"))
    assert main(["show", "9223372036854775808", "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no article with id '9223372036854775808'" in err
    with pytest.raises(SystemExit) as info:
        main(["list", "--limit", "99999999999999999999", "--db", str(db)])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "too large" in err and "Traceback" not in err
    with pytest.raises(SystemExit):
        main(["search", "قصف", "--offset", "99999999999999999999", "--db", str(db)])
    assert "too large" in capsys.readouterr().err


def _damage(db: Path) -> None:
    """Overwrite the pages holding article text with garbage (the header stays good)."""
    data = bytearray(db.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    needle = "القذائف".encode()
    hits = {i // page for i in range(len(data)) if data.startswith(needle, i)}
    for p in sorted(hits)[1:]:
        data[p * page: (p + 1) * page] = b"\xa5" * page
    db.write_bytes(bytes(data))


def test_export_of_a_damaged_store_gives_one_line_and_no_partial_file(tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    with open_store(db) as store:
        for i in range(120):
            store.add(Document(id=f"d{i}", text=article(i * 10, 30), source=f"d{i}.txt"))
    _damage(db)
    out = tmp_path / "out.jsonl"
    run = run_marsad("export", "--db", str(db), "--out", str(out), cwd=tmp_path)
    assert run.rc == 1
    assert "Traceback" not in run.stderr
    assert len(run.errors) == 1 and run.errors[0].startswith(f"marsad: {db}"), run.errors
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_export_to_a_full_disk_leaves_no_empty_file_and_keeps_the_old_one(
        tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "m.db"
    with open_store(db) as store:
        for i in range(3):
            store.add(Document(id=f"d{i}", text=article(i * 10), source=f"d{i}.txt"))
    out = tmp_path / "out.csv"
    out.write_text("an older export\n", encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    assert main(["export", "--format", "csv", "--db", str(db), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "disk full" in err and str(out) in err
    assert out.read_text(encoding="utf-8") == "an older export\n"
    assert sorted(p.name for p in tmp_path.iterdir() if "-" not in p.name) == ["m.db", "out.csv"]


def test_export_to_a_small_disk_that_fills_up(tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    with open_store(db) as store:
        for i in range(60):
            store.add(Document(id=f"d{i}", text=article(i * 10, 20), source=f"d{i}.txt"))
    disk = tmp_path / "disk"
    with small_disk(disk, "64k") as real:
        if not real:
            pytest.skip("cannot mount a small tmpfs here")
        run = run_marsad("export", "--db", str(db), "--out", str(disk / "out.jsonl"),
                         cwd=tmp_path)
        assert run.rc == 1
        assert_one_line_error(run, str(disk / "out.jsonl"), "disk full")
        assert list(disk.iterdir()) == []
