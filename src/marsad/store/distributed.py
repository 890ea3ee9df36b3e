"""Ingest with the extraction spread over a Dask distributed cluster.

``marsad ingest --cluster tcp://SCHEDULER:8786`` (workers started elsewhere with
``dask worker tcp://SCHEDULER:8786``, each with marsad installed) or ``--workers N`` (a
local cluster of N worker processes of one thread each).

Only extraction runs on the workers.  Every write stays on ONE path in this process:
articles are submitted in input order, a task of up to ``batch`` consecutive articles at
a time (a task's round trip through the scheduler costs the client about as much CPU as
writing an article: batching divides that by ``batch``), at most ``window`` articles in
flight, and their results are written by ``Store.add`` in input order, each all or
nothing (savepoints of ``Store.batch``'s transactions), so near-duplicates
and story linking are decided exactly as a serial run decides them (two workers never
start the same story twice).  What a run reports is what ``marsad.store.loader.load``
reports for the same input.

A worker that dies mid-run loses nothing: the scheduler gives its unfinished tasks to
the other workers (extraction is a pure function of the article); a task that killed
``allowed-failures`` workers in a row is extracted here in the client instead (one
article's extraction error is that article's failure, not its task's).  An
interrupted client resumes like a serial run: articles already stored are skipped.
"""

from __future__ import annotations

import logging
import socket
import urllib.parse
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from marsad.document import SPAN_LISTS, Document
from marsad.errors import InputError, MarsadError, UsageError
from marsad.store.loader import IngestReport
from marsad.store.store import AddResult, Store

#: articles per task (fewer when the window is too small to keep every worker busy)
BATCH = 8

#: seconds the writer waits for a task's result before it commits what it has written
FLUSH_AFTER = 1.0

Extracted = tuple[Document | None, str | None]


def extract_remote(doc: Document, pipeline: Sequence[str]) -> Extracted:
    """One article's extraction: ``(extracted Document, None)`` or ``(None, reason)``."""
    from marsad.extract import extract

    try:
        return (extract(doc, pipeline) if pipeline else doc), None
    except Exception as exc:  # reported per article, as the serial loader does
        return None, f"extraction failed: {type(exc).__name__}: {exc}"


def extract_batch(docs: Sequence[Document], pipeline: Sequence[str]) -> list[Extracted]:
    """The task a worker runs: ``extract_remote`` of each article, in order."""
    return [extract_remote(doc, pipeline) for doc in docs]


@contextmanager
def cluster_client(address: str | None = None, workers: int | None = None) -> Iterator[Any]:
    """A ``dask.distributed.Client`` of the scheduler at ``address`` (tcp://HOST:PORT)
    or of a local cluster of ``workers`` processes; closed on exit."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise UsageError(
            "--cluster/--workers need Dask: pip install 'marsad[cluster]'") from None
    if address:
        if "://" not in address:
            address = f"tcp://{address}"
        _check_reachable(address)
        try:
            client = Client(address, timeout="30s")
        except OSError as exc:
            raise UsageError(f"cannot reach the Dask scheduler at {address} ({exc})") from None
        try:
            yield client
        finally:
            client.close()
        return
    if not workers or workers < 1:
        raise UsageError("--workers must be at least 1")
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=logging.ERROR)
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def _check_reachable(address: str) -> None:
    """Fail at once (not after the client's timeout) when nothing listens there."""
    parts = urllib.parse.urlsplit(address)
    if parts.scheme not in ("tcp", "tls") or not parts.hostname:
        return
    try:
        with socket.create_connection((parts.hostname, parts.port or 8786), timeout=10):
            pass
    except OSError as exc:
        raise UsageError(f"cannot reach the Dask scheduler at {address} ({exc})") from None


def _threads(client: Any) -> int:
    try:
        return max(1, sum(client.nthreads().values()))
    except Exception:  # pragma: no cover - a scheduler that does not answer
        return 1


def load_distributed(
    store: Store,
    items: Iterable[Document | InputError],
    pipeline: Sequence[str],
    client: Any,
    *,
    reextract: bool = False,
    on_failure: Callable[[InputError], None] | None = None,
    on_warning: Callable[[InputError], None] | None = None,
    on_written: Callable[[Document, AddResult], None] | None = None,
    window: int | None = None,
    batch: int | None = None,
) -> IngestReport:
    """``marsad.store.loader.load`` with extraction on ``client``'s workers (see the
    module docstring).  ``on_written`` is called after each article written (not for
    one found present: a copy of an article still in flight when it was read).
    ``window``: articles in flight (default: 4 tasks per worker thread); ``batch``:
    articles per task (default ``BATCH``, fewer if the window would leave a worker
    thread with less than two tasks)."""
    report = IngestReport()
    threads = _threads(client)
    batch = batch or BATCH
    window = window or max(8, 4 * threads) * batch
    batch = max(1, min(batch, window // (2 * threads)))
    run = uuid.uuid4().hex[:8]
    pending: deque[tuple[list[Document], Any]] = deque()
    chunk: list[Document] = []
    in_flight = 0
    seq = 0

    def fail(err: InputError) -> None:
        report.failures.append(err)
        if on_failure is not None:
            on_failure(err)

    def submit() -> None:
        nonlocal seq, in_flight, chunk
        seq += 1
        future = client.submit(extract_batch, chunk, tuple(pipeline), pure=False,
                               key=f"marsad-extract-{run}-{seq}", retries=2)
        pending.append((chunk, future))
        in_flight += len(chunk)
        chunk = []

    def results_of(docs: list[Document], future: Any) -> list[Extracted]:
        try:
            try:
                out: list[Extracted] = future.result(timeout=FLUSH_AFTER)
            except TimeoutError:  # a long wait: commit what is written, release the lock
                store.flush()
                out = future.result()
            return out
        except Exception:  # KilledWorker after repeated deaths, a lost scheduler...
            return extract_batch(docs, pipeline)  # do it here: nothing is lost

    def write_oldest() -> None:
        nonlocal in_flight
        docs, future = pending.popleft()
        results = results_of(docs, future)
        future.release()
        in_flight -= len(docs)
        for doc, (extracted, reason) in zip(docs, results, strict=True):
            write(doc, extracted, reason)

    def write(doc: Document, extracted: Document | None, reason: str | None) -> None:
        if extracted is None:
            fail(InputError(doc.source or doc.id, reason or "extraction failed"))
            return
        try:
            result = store.add(extracted, pipeline=pipeline, replace=reextract)
        except MarsadError:
            raise  # the database itself failed: stop
        except Exception as exc:
            fail(InputError(doc.source or doc.id,
                            f"could not be stored: {type(exc).__name__}: {exc}"))
            return
        report.count(result, extracted)
        if on_written is not None and result.status != "present":
            on_written(extracted, result)

    try:
        with store.batch():
            for item in items:
                if isinstance(item, InputError):
                    fail(item)
                    continue
                report.take_warnings(item, on_warning)
                try:
                    if not reextract and store.lookup(item) is not None:
                        report.present += 1
                        continue
                except MarsadError:
                    raise
                except Exception as exc:
                    fail(InputError(item.source or item.id,
                                    f"could not be stored: {type(exc).__name__}: {exc}"))
                    continue
                if reextract:
                    for name in SPAN_LISTS:  # a Document read back from the store has spans
                        setattr(item, name, [])
                chunk.append(item)
                if len(chunk) >= batch:
                    submit()
                while in_flight >= window:
                    write_oldest()
            if chunk:
                submit()
            while pending:
                write_oldest()
    finally:
        for _, future in pending:
            future.cancel()
    return report
