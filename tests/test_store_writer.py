"""The writer path's bulk mode and fast paths store exactly what the plain path stores:
``Store.batch`` (savepoints of fewer, larger SQLite transactions), the distributed
loader's tasks of several articles, the story postings written as a difference, the
MinHash permutations drawn once."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from marsad.document import Document, Entity
from marsad.errors import InputError
from marsad.pipeline import component
from marsad.store import Store, open_store
from marsad.store.loader import load
from marsad.store.sqlite import SQLiteBackend

PLACES = ["حلب", "إدلب", "حمص", "درعا", "الرقة", "دير الزور", "تدمر", "منبج"]


def _article(i: int) -> Document:
    """A short article of my own about place i: distinct texts, long enough to be signed."""
    place = PLACES[i % len(PLACES)]
    text = (f"أعلنت السلطات المحلية في {place} صباح اليوم رقم {i} عن افتتاح سوق جديد "
            f"للخضار قرب الساحة الرئيسية وقال مسؤول إن السوق سيفتح أبوابه كل يوم "
            f"من السابعة حتى المساء وإن عدد الباعة بلغ {10 + i} بائعا")
    pos = text.index(place)
    doc = Document(id=f"a{i}", text=text, title=f"سوق جديد في {place}", outlet="وكالة",
                   published=f"2024-05-{1 + i % 28:02d}", source=f"a{i}.txt")
    doc.entities.append(Entity(pos, pos + len(place), place, "LOC", canonical=place,
                               entity_id=f"LOC:{place}"))
    return doc


def _copy(doc: Document, suffix: str) -> Document:
    return Document(id=doc.id + suffix, text=doc.text + " وأضاف أن الإقبال كان كبيرا",
                    title=doc.title, outlet=doc.outlet, published=doc.published,
                    source=doc.source, entities=list(doc.entities))


@pytest.fixture()
def articles() -> list[Document]:
    docs = [_article(i) for i in range(12)]
    return docs + [_copy(docs[3], "-copy")]  # a near-duplicate, linked as a copy


def _committed(db: Path) -> int:
    """Articles another connection sees (what is committed)."""
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])


def _shape(store: Store) -> list[tuple[Any, ...]]:
    """Per article in id order: doc_id, its first copy, its story's first article, spans."""
    conn = store.backend.conn  # type: ignore[attr-defined]
    doc = dict(conn.execute("SELECT id, doc_id FROM articles").fetchall())
    rows = conn.execute(
        "SELECT a.id, a.duplicate_of, s.first_article, sa.reason, "
        "(SELECT COUNT(*) FROM entities e WHERE e.article_id = a.id) "
        "FROM articles a JOIN story_articles sa ON sa.article_id = a.id "
        "JOIN stories s ON s.id = sa.story_id ORDER BY a.id").fetchall()
    return [(doc[i], doc.get(dup), doc[first], reason, n) for i, dup, first, reason, n in rows]


def test_a_batch_stores_what_one_transaction_per_article_stores(
    tmp_path: Path, articles: list[Document]
) -> None:
    with open_store(tmp_path / "one.db") as one, open_store(tmp_path / "bulk.db") as bulk:
        for doc in articles:
            one.add(doc)
        with bulk.batch():
            for doc in articles:
                bulk.add(doc)
            assert _committed(tmp_path / "bulk.db") == 0  # not due yet: one commit, at the end
        assert _committed(tmp_path / "bulk.db") == len(articles)
        assert _shape(bulk) == _shape(one)
        assert any(dup for _, dup, _, _, _ in _shape(bulk))  # the copy was found
        assert bulk.counts() == one.counts()


def test_a_failing_article_in_a_batch_is_undone_alone(
    tmp_path: Path, articles: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(tmp_path / "f.db") as store:
        backend = store.backend
        index_text = backend.index_text

        calls: list[int] = []

        def fragile(article_id: int, title: str, body: str) -> None:
            calls.append(article_id)
            if len(calls) == 3:
                raise RuntimeError("index on fire")
            index_text(article_id, title, body)

        monkeypatch.setattr(backend, "index_text", fragile)
        failed = []
        with store.batch():
            for doc in articles[:6]:
                try:
                    store.add(doc)
                except RuntimeError:
                    failed.append(doc.id)
        assert failed == [articles[2].id]
        assert _committed(tmp_path / "f.db") == 5
        counts = store.counts()
        assert counts["entities"] == 5  # nothing of the failed article's spans
        conn = sqlite_conn(store)
        assert conn.execute("SELECT COUNT(*) FROM story_articles").fetchone()[0] == 5
        assert conn.execute("SELECT COUNT(*) FROM minhash").fetchone()[0] == 5
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def sqlite_conn(store: Store) -> sqlite3.Connection:
    assert isinstance(store.backend, SQLiteBackend)
    return store.backend.conn


def test_a_batch_commits_when_due_and_an_interrupt_keeps_what_was_finished(
    tmp_path: Path, articles: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "i.db"
    with open_store(db) as store:
        backend = store.backend
        assert isinstance(backend, SQLiteBackend)
        with backend.batch(max_articles=2, max_seconds=3600):
            store.add(articles[0])
            assert _committed(db) == 0
            store.add(articles[1])
            assert _committed(db) == 2  # due after 2 articles
            store.add(articles[2])
        assert _committed(db) == 3
        insert_spans = backend.insert_spans

        def interrupted(article_id: int, kind: str, items: Sequence[dict[str, Any]]) -> None:
            if article_id == 6 and kind == "entities":
                raise KeyboardInterrupt
            insert_spans(article_id, kind, items)

        monkeypatch.setattr(backend, "insert_spans", interrupted)
        with pytest.raises(KeyboardInterrupt), store.batch():
            for doc in articles[3:]:
                store.add(doc)
    assert _committed(db) == 5  # articles 4 and 5 were finished: kept; 6 is not half there
    with open_store(db) as store:
        assert sqlite_conn(store).execute(
            "SELECT COUNT(*) FROM articles_fts").fetchone()[0] == 5
        assert store.add(articles[5]).status == "added"  # running again completes it


def test_the_loader_batches_and_stores_what_it_stored_before(
    tmp_path: Path, articles: list[Document]
) -> None:
    with open_store(tmp_path / "serial.db") as one:
        for doc in articles:
            one.add(doc, pipeline=("sentences",))
        want = _shape(one)
    with open_store(tmp_path / "l.db") as store:
        report = load(store, [*articles, InputError("x.txt", "not UTF-8")], ("sentences",))
        assert report.added == len(articles) - 1 and report.near_duplicates == 1
        assert _shape(store) == want


def test_story_postings_written_as_a_difference_are_the_full_rewrite(tmp_path: Path) -> None:
    with open_store(tmp_path / "k.db") as store:
        backend = store.backend
        with backend.transaction():
            sid = backend.create_story({"title": "t"})
            other = backend.create_story({"title": "u"})
            backend.set_story_keys(other, [("a", 9.0)])
            backend.set_story_keys(sid, [("a", 1.0), ("b", 2.0), ("c", 3.0)])
            backend.set_story_keys(sid, [("b", 2.0), ("c", 0.5), ("d", 1.0), ("d", 4.0)])
        rows = [tuple(r) for r in sqlite_conn(store).execute(
            "SELECT key, story_id, weight FROM story_keys ORDER BY story_id, key")]
        assert rows == [("b", sid, 2.0), ("c", sid, 0.5), ("d", sid, 4.0), ("a", other, 9.0)]


def test_merged_stories_are_found_by_their_index(tmp_path: Path) -> None:
    with open_store(tmp_path / "m.db") as store:
        plan = " ".join(str(r[-1]) for r in sqlite_conn(store).execute(
            "EXPLAIN QUERY PLAN UPDATE stories SET merged_into=? WHERE merged_into=?", (1, 2)))
        assert "stories_merged_into" in plan
        assert 5 in [m["version"] for m in store.migrations()]


def test_signatures_with_permutations_drawn_once_are_datasketchs(articles: list[Document]) -> None:
    from datasketch import MinHash

    from marsad.link.duplicates import NUM_PERM, shingles, signature

    for doc in articles:
        sig = signature(doc.text)
        assert sig is not None
        fresh = MinHash(num_perm=NUM_PERM)
        fresh.update_batch([g.encode("utf-8") for g in shingles(doc.text)])
        assert np.array_equal(sig.values, np.asarray(fresh.hashvalues, dtype=np.uint64))


class _Future:
    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...],
                 slow: Callable[[], None] | None) -> None:
        self.fn, self.args, self.slow = fn, args, slow

    def result(self, timeout: float | None = None) -> Any:
        if self.slow is not None:
            if timeout is not None:
                raise TimeoutError  # not done within the timeout: the writer flushes...
            self.slow()  # ... then waits for it
        return self.fn(*self.args)

    def release(self) -> None:
        pass

    def cancel(self) -> None:
        pass


class _Client:
    """Runs each task when its result is asked for; records the articles per task."""

    def __init__(self, slow_task: int = -1, slow: Callable[[], None] | None = None) -> None:
        self.tasks: list[list[str]] = []
        self.slow_task, self.slow = slow_task, slow

    def nthreads(self) -> dict[str, int]:
        return {"w1": 1, "w2": 1}

    def submit(self, fn: Callable[..., Any], *args: Any, **kw: Any) -> _Future:
        self.tasks.append([d.id for d in args[0]])
        slow = self.slow if len(self.tasks) - 1 == self.slow_task else None
        return _Future(fn, args, slow)


def test_distributed_tasks_carry_several_articles_written_in_input_order(
    tmp_path: Path, articles: list[Document]
) -> None:
    from marsad.store.distributed import load_distributed

    @component("test_fragile_writer")
    def fragile(doc: Document) -> Document:
        if doc.id == "a4":
            raise ValueError("cannot read this one")
        return doc

    pipeline = ("sentences", "test_fragile_writer")
    with open_store(tmp_path / "serial.db") as one:
        want = load(one, list(articles), pipeline)
        want_shape = _shape(one)
    seen_while_waiting: list[int] = []
    client = _Client(slow_task=2, slow=lambda: seen_while_waiting.append(
        _committed(tmp_path / "d.db")))
    written: list[str] = []
    with open_store(tmp_path / "d.db") as store:
        report = load_distributed(store, list(articles), pipeline, client, window=12,
                                  on_written=lambda doc, _: written.append(doc.id))
        assert report.to_dict() == want.to_dict()
        assert [f.source for f in report.failures] == ["a4.txt"]  # that article only
        assert _shape(store) == want_shape
    assert written == [d.id for d in articles if d.id != "a4"]
    # waiting long for the third task, the writer had committed the 5 articles written
    assert seen_while_waiting == [5]
    # a window of 12 articles on 2 threads: tasks of 3, the last one the remainder
    assert [len(t) for t in client.tasks] == [3, 3, 3, 3, 1]
    assert [i for t in client.tasks for i in t] == [d.id for d in articles]
