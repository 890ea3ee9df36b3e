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


@pytest.fixture()
def fresh_db(pg_server):  # type: ignore[no-untyped-def]
    """A database of its own for one test (roles and the public schema in it)."""
    url = pg_server.new_database()
    yield url
    pg_server.drop_database(url)


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
    assert redact("postgresql://u@h/db?sslmode=require&password=hunter2") == \
        "postgresql://u@h/db?sslmode=require&password=***"
    assert "s3" not in redact("postgresql://u:s3@[::1/db")  # not even a parsable URL


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
        with pytest.raises(StoreError, match="opened read-only, cannot write"):
            store.add(Document(id="x", text="نص قصير للتجربة فقط لا غير هنا"))
        conn = store.backend.conn
        assert conn.execute("SHOW transaction_read_only").fetchone()["transaction_read_only"] == "on"
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):  # even SQL of its own
            with conn.transaction():
                conn.execute("INSERT INTO fts_df(key, n) VALUES ('x', 1)")
    with open_store(url) as store:
        assert store.counts()["articles"] == 0


#: every command that only reads the database
READING = (["search", "قصف"], ["list"], ["show", "1"], ["stories"], ["entities"], ["claims"],
           ["export"])


def test_reading_commands_open_a_read_only_session(
        fresh_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Each reading command's session is read-only (as SQLite's mode=ro), and a role
    that may only SELECT can run every one of them."""
    from marsad.cli.dbcommon import open_db
    from marsad.cli.main import build_parser

    assert main(["ingest", "--sample", "-q", "--db", fresh_db]) == 0
    capsys.readouterr()
    parser = build_parser()
    for argv in READING:
        with open_db(parser.parse_args([*argv, "--db", fresh_db])) as store:
            assert store.backend.readonly, argv
            row = store.backend._one("SHOW transaction_read_only")
            assert row and row["transaction_read_only"] == "on", argv
    with open_db(parser.parse_args(["ingest", "--sample", "--db", fresh_db])) as store:
        row = store.backend._one("SHOW transaction_read_only")
        assert row and row["transaction_read_only"] == "off"
    with psycopg.connect(fresh_db, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = 'viewer'").fetchone():
            conn.execute("CREATE ROLE viewer LOGIN")
        conn.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO viewer")
    parts = urllib.parse.urlsplit(fresh_db)
    viewer = urllib.parse.urlunsplit(parts._replace(netloc=f"viewer@{parts.hostname}:"
                                                    f"{parts.port}"))
    for argv in READING:
        assert main([*argv, "--db", viewer]) == 0, (argv, capsys.readouterr().err)
        assert capsys.readouterr().out.strip(), argv


def test_an_older_schema_is_not_upgraded_by_readers_and_bm25_backfills(
        fresh_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A store from before the bm25 statistics (migration 101): reading commands refuse
    it without touching it; the next writer upgrades it, and its ranking is then
    SQLite's exactly."""
    db = str(tmp_path / "s.db")
    for target in (db, fresh_db):
        assert main(["ingest", "--sample", "--no-extract", "-q", "--db", target]) == 0
    with psycopg.connect(fresh_db, autocommit=True) as conn:
        conn.execute("ALTER TABLE articles_fts DROP COLUMN n_tokens")
        conn.execute("DROP TABLE fts_df, fts_stats")
        conn.execute("DELETE FROM migrations WHERE version = 101")
    capsys.readouterr()
    assert main(["search", "قصف", "--db", fresh_db]) == 1
    assert "schema older than this marsad" in _one_error_line(capsys.readouterr().err)
    with psycopg.connect(fresh_db) as conn:
        assert not conn.execute("SELECT 1 FROM migrations WHERE version = 101").fetchone()
    assert main(["ingest", "--sample", "--no-extract", "-q", "--db", fresh_db]) == 0
    with Store(SQLiteBackend(db)) as lite, open_store(fresh_db, readonly=True) as pg:
        assert pg.backend.integrity_check() == "ok"
        for query in ("قصف", "سوريا OR العراق", '"دير الزور"', "قتل*"):
            want = [(h.article["id"], h.rank) for h in lite.search(query, limit=20)]
            assert want and want == [(h.article["id"], h.rank)
                                     for h in pg.search(query, limit=20)], query


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
            ha = [(h.article["id"], h.rank, h.snippet.text) for h in a.search(query, limit=50)]
            hb = [(h.article["id"], h.rank, h.snippet.text) for h in b.search(query, limit=50)]
            assert ha == hb, query  # the same bm25 numbers, so the same order
            assert a.facets(query) == b.facets(query)
        assert b.backend.integrity_check() == "ok"
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


# -- PostgreSQL problems are one line in the CLI ----------------------------------------
def _one_error_line(err: str) -> str:
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("marsad: "), err
    assert "Traceback" not in err
    return lines[0]


def test_unreachable_server_wrong_database_user_or_url_are_one_line(
        pg_server, pg_url: str, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    from pgserver import _free_port

    parts = urllib.parse.urlsplit(pg_url)
    host, port = parts.hostname, parts.port
    cases = {
        f"postgresql://marsad@127.0.0.1:{_free_port()}/x": "no PostgreSQL server answers",
        f"postgresql://marsad@{host}:{port}/no_such_db": 'the server has no database "no_such_db"',
        f"postgresql://ghost@{host}:{port}/{parts.path[1:]}": 'the server has no user "ghost"',
        f"{pg_url}?no_such_option=1": "not a valid PostgreSQL URL",
    }
    for url, reason in cases.items():
        for argv in (["list", "--db", url], ["search", "قصف", "--db", url],
                     ["ingest", "--sample", "--no-extract", "-q", "--db", url]):
            assert main(argv) == 1, argv
            line = _one_error_line(capsys.readouterr().err)
            assert reason in line, (argv, line)
            assert "cannot connect" in line and urllib.parse.urlsplit(url).netloc in line


def test_permission_denied_is_one_line(pg_server, fresh_db: str,  # type: ignore[no-untyped-def]
                                       capsys: pytest.CaptureFixture[str]) -> None:
    pg_url = fresh_db
    with psycopg.connect(pg_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = 'reader'").fetchone():
            conn.execute("CREATE ROLE reader LOGIN")
    open_store(pg_url).close()  # a marsad database made by its owner
    parts = urllib.parse.urlsplit(pg_url)
    as_reader = urllib.parse.urlunsplit(parts._replace(netloc=f"reader@{parts.hostname}:"
                                                       f"{parts.port}"))
    assert main(["list", "--db", as_reader]) == 1  # may not read its tables
    line = _one_error_line(capsys.readouterr().err)
    assert "permission denied" in line and "reader@" in line
    other = pg_server.new_database()  # a fresh one: may not create tables in it either
    try:
        bad = urllib.parse.urlunsplit(urllib.parse.urlsplit(other)._replace(
            netloc=f"reader@{parts.hostname}:{parts.port}"))
        assert main(["ingest", "--sample", "--no-extract", "-q", "--db", bad]) == 1
        assert "permission denied" in _one_error_line(capsys.readouterr().err)
    finally:
        pg_server.drop_database(other)


def test_a_connection_lost_mid_ingest_stops_cleanly(
        pg_url: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The server ends the session while the third article's transaction is open:
    the run stops with one line, the two committed articles are whole, nothing of the
    third is stored, and running the command again completes the store."""
    from marsad.cli.cmd_ingest import sample_dir
    from marsad.store.postgres import PostgresBackend

    files = [str(p) for p in sorted(sample_dir().glob("*.txt"))][:5]
    written = {"n": 0}
    index_text = PostgresBackend.index_text

    def kill_on_third(self, article_id, title_keys, body_keys):  # type: ignore[no-untyped-def]
        written["n"] += 1
        if written["n"] == 3:  # the article row and its spans are in, not committed
            with psycopg.connect(pg_url, autocommit=True) as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", (self.conn.info.backend_pid,))
        return index_text(self, article_id, title_keys, body_keys)

    url = _schema_url(pg_url, "lost")
    monkeypatch.setattr(PostgresBackend, "index_text", kill_on_third)
    assert main(["ingest", *files, "-q", "--db", url]) == 1
    line = _one_error_line(capsys.readouterr().err)
    assert "lost the connection to the server" in line and "rolled back" in line
    monkeypatch.setattr(PostgresBackend, "index_text", index_text)
    with open_store(url) as store:
        assert store.counts()["articles"] == 2
        assert store.backend.integrity_check() == "ok"
        for art in store.list_articles(filters=Filters(include_duplicates=True)):
            assert store.spans(art["id"], "sentences"), art["doc_id"]
            assert store.story_of(art["id"]) is not None
    assert main(["ingest", *files, "-q", "--db", url, "--json"]) == 0
    assert '"present": 2' in capsys.readouterr().out
    with open_store(url) as store:
        assert store.counts()["articles"] == len(files)
        assert store.backend.integrity_check() == "ok"


def test_server_down_and_wrong_password_never_show_the_password(
        capsys: pytest.CaptureFixture[str]) -> None:
    """A server of its own that asks for a password: a wrong one is refused in one
    line, the right one works, and once the server is down every command says so in
    one line; no output ever holds a password."""
    from pgserver import PgUnavailable, start

    try:
        server = start(password="Sesame-7319")
    except PgUnavailable as exc:
        pytest.skip(str(exc))
    try:
        good = server.new_database()
        assert "Sesame-7319" in good
        wrong = good.replace("Sesame-7319", "Guess-4402")
        assert main(["list", "--db", wrong]) == 1
        err = capsys.readouterr().err
        line = _one_error_line(err)
        assert 'user "marsad": authentication failed' in line
        assert "Sesame" not in err and "Guess-4402" not in err and "marsad:***@" in line
        assert main(["ingest", "--sample", "--no-extract", "-q", "--db", good]) == 0
        out = capsys.readouterr()
        assert "Sesame" not in out.out + out.err and "marsad:***@" in out.out
        server.stop(keep=True)
        for argv in (["list"], ["search", "قصف"], ["stories"], ["ingest", "--sample", "-q"]):
            assert main([*argv, "--db", good]) == 1, argv
            err = capsys.readouterr().err
            assert "no PostgreSQL server answers" in _one_error_line(err), argv
            assert "Sesame" not in err
    finally:
        server.stop()


def test_ranking_is_sqlite_bm25_exactly(pg_url: str, tmp_path: Path, shared: Path) -> None:
    """bm25 computed on PostgreSQL from its own statistics gives SQLite FTS5's numbers
    and order on real articles: words, ANDs, ORs, phrases and prefixes, also after
    articles are rewritten in place (the statistics follow)."""
    import itertools
    from collections import Counter

    from marsad.ingest import read_paths
    from marsad.store.fulltext import index_keys

    zips = sorted((shared / "data" / "saudinewsnet").glob("*.zip"))[:2]
    docs = [d for d in itertools.islice(
        (d for d in read_paths([str(z) for z in zips]) if isinstance(d, Document)), 150)]
    df: Counter[str] = Counter()
    for d in docs:
        df.update({k for k in index_keys(d.text).split() if len(k) > 3 and not k.isdigit()})
    common = [k for k, _ in df.most_common()]
    words = common[20:200:12]
    title = index_keys(next(d.title for d in docs if d.title and len(d.title.split()) > 3))
    queries = [*words, f"{words[0]} {words[3]}", f"{words[1]} OR {words[5]}",
               f'"{" ".join(title.split()[:2])}"', f"{common[30][:4]}*",
               f"{words[2]} {words[4]} OR {words[6]}"]
    lite = open_store(tmp_path / "s.db")
    pg = open_store(_schema_url(pg_url, "bm25"))
    try:
        for d in docs:
            assert lite.add(d).status == pg.add(d).status
        for d in docs[:10]:  # rewritten in place: the statistics drop and add them again
            assert lite.add(d, replace=True).status == pg.add(d, replace=True).status == "updated"
        assert pg.backend.integrity_check() == "ok"
        hits = 0
        for q in queries:
            want = [(h.article["id"], h.rank) for h in lite.search(q, limit=10)]
            got = [(h.article["id"], h.rank) for h in pg.search(q, limit=10)]
            assert got == want, q
            hits += bool(want)
            everything = Filters(include_duplicates=True)
            assert [h.article["id"] for h in lite.search(q, limit=5, offset=3, order="date",
                                                         filters=everything)] == \
                [h.article["id"] for h in pg.search(q, limit=5, offset=3, order="date",
                                                    filters=everything)], q
        assert hits >= len(queries) - 2
    finally:
        lite.close()
        pg.close()


def test_check_and_serve_accept_a_postgresql_url(pg_url: str, seeds_dir: Path, capsys,
                                                 monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """`marsad check` reads a PostgreSQL store (no "no such database" for a URL), and
    `marsad serve` gets past its database check to start the server."""
    url = _schema_url(pg_url, "checkurl")
    seed = sorted(seeds_dir.glob("000_*.txt"))[0]
    assert main(["ingest", "-q", "--db", url, "--pipeline", "sentences", str(seed)]) == 0
    capsys.readouterr()
    assert main(["check", "--db", url, "--json", "قصفت الطائرات الروسية قافلة للمسلحين"]) == 0
    out = capsys.readouterr().out
    assert '"verdict"' in out and "no such database" not in out
    import uvicorn

    started: list[object] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: started.append(app))
    assert main(["serve", "--db", url]) == 0
    assert started
