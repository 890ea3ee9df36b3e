"""What is particular to the PostgreSQL backend (the store suite itself runs on both
backends, see conftest.py): query translation, marsad migrate, concurrent writers,
refusals.  Needs a server (tests/pgserver.py starts one; skipped without binaries unless
MARSAD_PG_REQUIRED=1)."""

from __future__ import annotations

import threading
import urllib.parse
from pathlib import Path

import pytest

from marsad.cli.main import main
from marsad.document import Document
from marsad.errors import StoreError
from marsad.store import Filters, open_store
from marsad.store.fulltext import parse_query
from marsad.store.postgres import fts_to_tsquery, redact, tsvector_literal
from marsad.store.sqlite import SQLiteBackend
from marsad.store.store import Store

psycopg = pytest.importorskip("psycopg")


def _schema_url(pg_url: str, name: str) -> str:
    return f"{pg_url}?options={urllib.parse.quote('-csearch_path=' + name)}"


def test_queries_translate_to_tsquery() -> None:
    q = parse_query('قصف "دير الزور" OR سوري*')
    tsq = fts_to_tsquery(q.to_fts())
    keys = [t.keys for t in q.terms]
    assert tsq == (f"( '{keys[0][0]}' & ('{keys[1][0]}' <-> '{keys[1][1]}') ) | "
                   f"'{keys[2][0]}':*")
    with pytest.raises(StoreError):
        fts_to_tsquery("title:x")  # only what fulltext writes is read


def test_tsvector_keeps_positions_and_separates_title_from_body() -> None:
    assert tsvector_literal("غارة جوية", "غارة على الموقع") == (
        "'غارة':1A,4B 'جوية':2A 'على':5B 'الموقع':6B")
    assert tsvector_literal("", "it's") == "'it''s':2B"


def test_password_is_not_shown() -> None:
    assert redact("postgresql://u:secret@h/db") == "postgresql://u:***@h/db"
    assert redact("postgresql://u@h/db") == "postgresql://u@h/db"


def test_phrase_does_not_span_title_and_body(pg_url: str) -> None:
    with open_store(_schema_url(pg_url, "phrase")) as store:
        store.add(Document(id="a", title="قصف مدفعي على القرية",
                           text="الحويز شهدت نزوحا واسعا بعد ليلة طويلة من الخوف"))
        assert store.count('"القرية الحويز"') == 0
        assert store.count('"مدفعي على"') == 1
        assert store.count("الحويز") == 1


def test_a_non_marsad_database_and_a_missing_one_are_refused(pg_url: str) -> None:
    with psycopg.connect(_schema_url(pg_url, "other"), autocommit=True) as conn:
        conn.execute("CREATE SCHEMA IF NOT EXISTS other")
        conn.execute("CREATE TABLE IF NOT EXISTS other.things (x int)")
    with pytest.raises(StoreError, match="not a marsad one"):
        open_store(_schema_url(pg_url, "other"))
    with pytest.raises(StoreError, match="no database here"):
        open_store(_schema_url(pg_url, "never_made"), create=False)
    with pytest.raises(StoreError, match="cannot connect"):
        open_store("postgresql://marsad@127.0.0.1:1/none")


def test_readonly_session_cannot_write(pg_url: str) -> None:
    url = _schema_url(pg_url, "ro")
    open_store(url).close()
    with open_store(url, readonly=True) as store:
        with pytest.raises(StoreError, match="cannot write"):
            store.add(Document(id="x", text="نص قصير للتجربة فقط لا غير هنا"))


def test_two_writer_processes_keep_one_order(pg_url: str) -> None:
    """Writers in two connections at once: the advisory lock serializes them, so an
    article and its exact copy are never both added."""
    url = _schema_url(pg_url, "race")
    open_store(url).close()
    text = "أعلن الدفاع المدني انتشال جثث ثلاثة أشخاص من تحت الأنقاض في ريف إدلب صباح اليوم"
    results: list[str] = []

    def write(i: int) -> None:
        with open_store(url) as store:
            results.append(store.add(Document(id=f"d{i}", text=text)).status)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["added", "present", "present", "present"]


def test_migrate_copies_everything_with_ids(pg_url: str, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "m.db")
    assert main(["ingest", "--sample", "--db", db, "--json"]) == 0
    capsys.readouterr()
    target = _schema_url(pg_url, "migrated")
    assert main(["migrate", "--from", db, "--to", target, "--json"]) == 0
    assert '"articles": ' in capsys.readouterr().out
    with Store(SQLiteBackend(db)) as a, open_store(target) as b:
        assert a.counts() == b.counts()
        everything = Filters(include_duplicates=True)
        assert a.list_articles(limit=None, filters=everything) == \
            b.list_articles(limit=None, filters=everything)
        for query in ("قصف", "داعش", '"بادية الميادين"', "مقتل OR نزوح", "سوري*"):
            ha = [(h.article["id"], h.snippet.text) for h in a.search(query, limit=50)]
            hb = [(h.article["id"], h.snippet.text) for h in b.search(query, limit=50)]
            assert sorted(ha) == sorted(hb), query
            assert a.facets(query) == b.facets(query)
        assert a.stories() == b.stories()
        assert a.entities(limit=None) == b.entities(limit=None)
        assert a.claims(limit=None) == b.claims(limit=None)
        story = a.stories()[0]["id"]
        sa, sb = a.story(story), b.story(story)
        assert sa is not None and sb is not None
        assert sa["articles"] == sb["articles"]
        # new articles continue the ids
        doc = Document(id="new", text="خبر جديد تماما عن افتتاح مدرسة في ريف حلب الشمالي اليوم")
        assert b.add(doc).article_id == a.counts()["articles"] + 1
    # the target now holds articles: a second copy is refused
    assert main(["migrate", "--from", db, "--to", target]) == 1
    assert "already holds articles" in capsys.readouterr().err
    assert main(["migrate", "--from", db, "--to", str(tmp_path / "x.db")]) == 1


def test_one_bad_article_fails_alone(pg_url: str) -> None:
    """A data error inside an article's transaction rolls it back and the run goes on
    (as on SQLite); nothing of the bad article stays."""
    from marsad.document import Entity
    from marsad.store.loader import load

    bad = Document(id="bad", text="وصل وفد أممي إلى مدينة حمص صباح اليوم في زيارة قصيرة")
    bad.entities.append(Entity(2**40, 2**40 + 3, "حمص", "LOC"))  # beyond an INTEGER offset
    good = Document(id="good", text="افتتحت مدرسة جديدة في ريف دمشق بعد سنوات من الإغلاق")
    with open_store(_schema_url(pg_url, "bad")) as store:
        report = load(store, [bad, good], ())
        assert report.added == 1 and len(report.failures) == 1
        assert "could not be stored" in report.failures[0].reason
        assert [a["doc_id"] for a in store.list_articles()] == ["good"]
        assert store.backend.integrity_check() == "ok"
