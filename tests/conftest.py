"""Shared fixtures: real text is read from ../shared at run time, never copied here."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.eval.gold import load_gold, shared_dir

SHARED = shared_dir()


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"../shared not found at {SHARED}: tests read real text from there")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared: Path) -> Path:
    return shared / "seeds"


@pytest.fixture(scope="session")
def gold_docs(shared: Path) -> list[dict]:
    return load_gold(shared / "gold" / "seeds.json")


# -- the store test suite on both backends -------------------------------------------------
# The tests of these modules run once on SQLite and once on PostgreSQL (a throwaway
# server, tests/pgserver.py).  On PostgreSQL, ``open_store(path)`` everywhere (tests, CLI,
# web) maps each file path to its own schema of one test database, so the tests are the
# same code.  Tests about SQLite files themselves run on SQLite only.  Without PostgreSQL
# binaries the PostgreSQL runs skip, unless MARSAD_PG_REQUIRED=1 (CI), where they fail.
BOTH_BACKENDS = {"test_store", "test_search", "test_stories", "test_cli_db", "test_cluster"}
SQLITE_ONLY = {
    "test_bad_database_paths_give_one_line_errors",  # file-system paths
    "test_a_newer_schema_is_refused",  # writes the file with sqlite3
    "test_ingest_in_a_subprocess_then_search",  # child processes open the file
    "test_killed_ingest_resumes_without_loss_or_duplicates",
    "test_cluster_options_are_checked",  # no database involved
    "test_cli_ingest_on_a_cluster_equals_a_serial_run",  # the CLI on PostgreSQL: test_cli_db
}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    module = metafunc.module.__name__.rsplit(".", 1)[-1]
    if module in BOTH_BACKENDS and "store_backend" in metafunc.fixturenames:
        name = metafunc.function.__name__
        params = ["sqlite"] if name in SQLITE_ONLY else ["sqlite", "postgres"]
        metafunc.parametrize("store_backend", params, indirect=True, scope="module")


@pytest.fixture(scope="session")
def pg_server():  # type: ignore[no-untyped-def]
    import os

    from pgserver import PgUnavailable, start

    try:
        server = start()
    except PgUnavailable as exc:
        if os.environ.get("MARSAD_PG_REQUIRED") == "1":
            pytest.fail(f"MARSAD_PG_REQUIRED=1 but {exc}")
        pytest.skip(str(exc))
    try:
        import psycopg  # noqa: F401
    except ImportError:
        server.stop()
        if os.environ.get("MARSAD_PG_REQUIRED") == "1":
            pytest.fail("MARSAD_PG_REQUIRED=1 but psycopg is not installed")
        pytest.skip("psycopg is not installed")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pg_url(pg_server):  # type: ignore[no-untyped-def]
    """The URL of an empty database of the test server (one per session)."""
    url = pg_server.new_database()
    yield url
    pg_server.drop_database(url)


_OPENERS = ("marsad.store", "marsad.store.store", "marsad.cli.dbcommon", "marsad.cli.check_run",
            "marsad.api")
_PG: dict[str, str | None] = {"base": None}  # the test database while a postgres test runs


def _open_store_for_tests(path, *, create=True, readonly=False):  # type: ignore[no-untyped-def]
    """open_store, but with a file path on PostgreSQL while a postgres test runs."""
    import hashlib
    import urllib.parse

    from marsad.store.store import Store

    base = _PG["base"]
    if base is None or (isinstance(path, str) and path.startswith("postgresql://")):
        from marsad.store.sqlite import SQLiteBackend

        if isinstance(path, str) and path.startswith("postgresql://"):
            from marsad.store.postgres import PostgresBackend

            return Store(PostgresBackend(path, create=create and not readonly,
                                         readonly=readonly))
        return Store(SQLiteBackend(path, create=create and not readonly, readonly=readonly))
    from marsad.store.postgres import PostgresBackend

    schema = "t_" + hashlib.sha1(str(path).encode()).hexdigest()[:20]
    opts = urllib.parse.quote(f"-csearch_path={schema}")
    return Store(PostgresBackend(f"{base}?options={opts}", create=create and not readonly,
                                 readonly=readonly))


def _install_opener(module: object) -> None:
    import importlib

    for name in _OPENERS:
        mod = importlib.import_module(name)
        if getattr(mod, "open_store", None) is not None:
            mod.open_store = _open_store_for_tests  # type: ignore[attr-defined]
    if getattr(module, "open_store", None) is not None:
        module.open_store = _open_store_for_tests  # type: ignore[attr-defined]


@pytest.fixture(scope="module", autouse=True)
def store_backend(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """``sqlite`` (nothing changes) or ``postgres`` (open_store goes to PostgreSQL)."""
    backend = getattr(request, "param", "sqlite")
    if backend == "postgres":
        _install_opener(request.module)
        _PG["base"] = request.getfixturevalue("pg_url")
    else:
        _PG["base"] = None
    yield backend
    _PG["base"] = None


@pytest.fixture(autouse=True)
def _store_backend_of_this_test(request: pytest.FixtureRequest, store_backend: str):  # type: ignore[no-untyped-def]
    """Module fixtures of two backends may be alive at once: each test sets its own."""
    _PG["base"] = request.getfixturevalue("pg_url") if store_backend == "postgres" else None
    yield
    _PG["base"] = None
