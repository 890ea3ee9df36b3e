"""Distributed ingest (marsad.store.distributed) on a real Dask cluster: a scheduler and
two worker processes started here on 127.0.0.1, real SaudiNewsNet articles from
../shared.  Writes stay in this process, in input order, so the store must be the one a
serial run makes — also when a worker is killed mid-run."""

from __future__ import annotations

import itertools
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad.cli.main import main
from marsad.document import Document
from marsad.ingest import read_paths
from marsad.link.duplicates import content_hash
from marsad.pipeline import DEFAULT_PIPELINE
from marsad.store import open_store
from marsad.store.loader import load

distributed = pytest.importorskip("dask.distributed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Cluster:
    def __init__(self) -> None:
        self.address = f"tcp://127.0.0.1:{_free_port()}"
        self.procs: list[subprocess.Popen[bytes]] = []
        self.workers: list[subprocess.Popen[bytes]] = []

    def _spawn(self, *args: str) -> subprocess.Popen[bytes]:
        proc = subprocess.Popen([sys.executable, "-m", *args], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        self.procs.append(proc)
        return proc

    def start(self, n_workers: int = 2) -> None:
        port = self.address.rsplit(":", 1)[1]
        self._spawn("distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", port,
                    "--no-dashboard", "--no-show")
        for _ in range(n_workers):
            # no nanny: a killed worker stays dead, its tasks must go to the other one
            self.workers.append(self._spawn(
                "distributed.cli.dask_worker", self.address, "--nthreads", "1",
                "--no-nanny", "--no-dashboard", "--host", "127.0.0.1"))
        with distributed.Client(self.address, timeout="60s") as client:
            client.wait_for_workers(n_workers, timeout=90)

    def stop(self) -> None:
        for proc in self.procs:  # test processes: no graceful close needed
            if proc.poll() is None:
                proc.kill()
        for proc in self.procs:
            proc.wait(timeout=30)


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    c = Cluster()
    try:
        c.start(2)
        yield c
    finally:
        c.stop()


@pytest.fixture(scope="module")
def articles(shared: Path) -> list[Document]:
    """50 real articles, then 4 of them again (exact copies must be found present)."""
    zips = sorted((shared / "data" / "saudinewsnet").glob("*.zip"))
    docs = [d for d in itertools.islice(read_paths([str(zips[0])]), 50)
            if isinstance(d, Document)]
    assert len(docs) == 50
    again = [Document(id=d.id + "-again", text=d.text, title=d.title, outlet=d.outlet,
                      published=d.published, source=d.source) for d in docs[10:50:10]]
    return docs + again


def _fresh(docs: list[Document]) -> list[Document]:
    return [Document(id=d.id, text=d.text, title=d.title, outlet=d.outlet,
                     published=d.published, source=d.source, url=d.url) for d in docs]


def _shape(store) -> list[tuple]:  # type: ignore[no-untyped-def]
    """What an ingest decided, by doc_id: duplicate_of and story (as doc_ids), spans."""
    by_id = {r["id"]: r["doc_id"] for r in store.list_articles(
        limit=None, filters=_all())}
    out = []
    for art_id, doc_id in sorted(by_id.items()):
        art = store.get_article(art_id)
        story = store.story_of(art_id)
        first = store.backend.story_row(story)["first_article"] if story else None
        counts = tuple(len(store.spans(art_id, k)) for k in ("entities", "figures", "claims"))
        out.append((doc_id, by_id.get(art["duplicate_of"]), by_id.get(first), counts))
    return out


def _all():  # type: ignore[no-untyped-def]
    from marsad.store import Filters

    return Filters(include_duplicates=True)


@pytest.fixture(scope="module")
def serial_shape(tmp_path_factory: pytest.TempPathFactory, articles: list[Document]):  # type: ignore[no-untyped-def]
    from marsad.store.sqlite import SQLiteBackend
    from marsad.store.store import Store

    with Store(SQLiteBackend(tmp_path_factory.mktemp("serial") / "s.db")) as store:
        report = load(store, _fresh(articles), DEFAULT_PIPELINE)
        assert report.added + report.near_duplicates == 50 and report.present == 4
        return report.to_dict(), _shape(store)


def test_a_worker_killed_mid_ingest_loses_nothing(
    cluster: Cluster, articles: list[Document], serial_shape, tmp_path: Path,  # type: ignore[no-untyped-def]
    store_backend: str,
) -> None:
    from marsad.store.distributed import load_distributed

    victim = cluster.workers[0]
    written: list[str] = []

    def on_written(doc: Document, result) -> None:  # type: ignore[no-untyped-def]
        written.append(doc.id)
        if len(written) == 3 and victim.poll() is None:
            os.kill(victim.pid, signal.SIGKILL)

    with distributed.Client(cluster.address, timeout="60s") as client, \
            open_store(tmp_path / "k.db") as store:
        report = load_distributed(store, _fresh(articles), DEFAULT_PIPELINE, client,
                                  on_written=on_written, window=12)
        assert victim.wait(timeout=30) == -signal.SIGKILL
        assert len(client.nthreads()) == 1  # the run finished on the other worker
        expected_report, expected_shape = serial_shape
        assert report.to_dict() == expected_report
        # every article exactly once, in input order, with what a serial run decided
        assert written == [d.id for d in articles[:50]]
        hashes = [r["content_hash"] for r in store.backend.iter_articles(_all())]
        assert sorted(hashes) == sorted({content_hash(d.text) for d in articles})
        assert _shape(store) == expected_shape
        assert store.backend.integrity_check() == "ok"
    # the cluster keeps one worker for the next test: start a second one again
    cluster.workers[0] = cluster._spawn(
        "distributed.cli.dask_worker", cluster.address, "--nthreads", "1", "--no-nanny",
        "--no-dashboard", "--host", "127.0.0.1")
    with distributed.Client(cluster.address, timeout="60s") as client:
        client.wait_for_workers(2, timeout=90)


def test_cli_ingest_on_a_cluster_equals_a_serial_run(
    cluster: Cluster, seeds_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    serial, dist = str(tmp_path / "serial.db"), str(tmp_path / "dist.db")
    assert main(["ingest", "--sample", str(seeds_dir), "--db", serial, "--json"]) == 0
    want = capsys.readouterr().out.replace(serial, "DB")
    t0 = time.monotonic()
    assert main(["ingest", "--sample", str(seeds_dir), "--db", dist, "--json",
                 "--cluster", cluster.address]) == 0
    assert time.monotonic() - t0 < 300
    assert capsys.readouterr().out.replace(dist, "DB") == want
    with open_store(serial) as a, open_store(dist) as b:
        assert _shape(a) == _shape(b)
        assert [s["title"] for s in a.stories()] == [s["title"] for s in b.stories()]
    # resumable as a serial run is: all present the second time
    assert main(["ingest", "--sample", "--db", dist, "--cluster", cluster.address]) == 0
    assert "added            0" in capsys.readouterr().out


def test_cluster_options_are_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "o.db")
    assert main(["ingest", "--sample", "--db", db, "--workers", "0"]) == 1
    assert "--workers must be at least 1" in capsys.readouterr().err
    assert main(["ingest", "--sample", "--db", db, "--workers", "2",
                 "--cluster", "tcp://127.0.0.1:1"]) == 1
    assert "not both" in capsys.readouterr().err
    port = _free_port()  # nothing listens there
    assert main(["ingest", "--sample", "--db", db, "--cluster",
                 f"tcp://127.0.0.1:{port}"]) == 1
    assert "cannot reach the Dask scheduler" in capsys.readouterr().err


def test_large_inputs_use_every_core_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No --workers: a large input is extracted on every core, a small one (the sample,
    one article) in this process; --workers 1 is this process; no extraction, no cluster."""
    import argparse

    from marsad.cli import cmd_ingest

    big = tmp_path / "big"
    big.mkdir()
    for i in range(3):
        (big / f"part{i}.jsonl").write_bytes(b"x" * (8 * 1024 * 1024))
    small = tmp_path / "one.txt"
    small.write_text("خبر قصير", encoding="utf-8")
    monkeypatch.setattr(os, "cpu_count", lambda: 4)

    def workers(paths: list[str], n: int | None = None, pipeline: tuple[str, ...] = DEFAULT_PIPELINE) -> int:
        return cmd_ingest._workers(argparse.Namespace(workers=n), paths, pipeline)

    assert workers([str(big)]) == 4
    assert workers([str(tmp_path / "big" / "part*.jsonl")]) == 4  # a glob
    assert workers([str(small)]) == 0
    assert workers([str(big)], n=1) == 0
    assert workers([str(big)], n=3) == 3
    assert workers([str(big)], pipeline=()) == 0
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert workers([str(big)]) == 0
