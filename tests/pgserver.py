"""A throwaway PostgreSQL server for the tests (and the benchmarks).

``start()`` runs ``initdb`` in a temporary folder and ``pg_ctl start`` on a free port of
127.0.0.1 (as the unprivileged user ``nobody`` when running as root: PostgreSQL refuses
root), trust authentication, durability off (a test server).  ``MARSAD_PG_URL`` names an
existing server to use instead.  Missing binaries: ``PgUnavailable``.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path


class PgUnavailable(RuntimeError):
    pass


def find_bindir() -> Path | None:
    """The folder of initdb/pg_ctl: $PG_BINDIR, PATH, or Debian's /usr/lib/postgresql/N/bin."""
    if os.environ.get("PG_BINDIR"):
        return Path(os.environ["PG_BINDIR"])
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
                      key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    return Path(versions[-1]).parent if versions else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PgServer:
    url: str  # of the maintenance database
    datadir: Path | None
    bindir: Path | None
    user_ids: tuple[int, int] | None

    def admin(self):  # type: ignore[no-untyped-def]
        import psycopg

        return psycopg.connect(self.url, autocommit=True)

    def new_database(self, prefix: str = "marsad_test") -> str:
        """A fresh database; its URL."""
        name = f"{prefix}_{uuid.uuid4().hex[:10]}"
        with self.admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}" ENCODING \'UTF8\' TEMPLATE template0')
        return self.url.rsplit("/", 1)[0] + "/" + name

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1].split("?")[0]
        with self.admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self, *, keep: bool = False) -> None:
        """Stop the server and remove its folder; ``keep``: a clean shutdown (sessions
        are ended, commits kept) that leaves the folder, as a server going down does."""
        if self.datadir is None or self.bindir is None:
            return
        _run([str(self.bindir / "pg_ctl"), "-D", str(self.datadir), "-m",
              "fast" if keep else "immediate", "-w", "stop"], self.user_ids, check=False)
        if keep:
            return
        shutil.rmtree(self.datadir.parent, ignore_errors=True)
        self.datadir = None


def _demote(ids: tuple[int, int] | None):  # type: ignore[no-untyped-def]
    if ids is None:
        return None

    def run() -> None:
        os.setgid(ids[1])
        os.setuid(ids[0])

    return run


def _run(cmd: list[str], ids: tuple[int, int] | None, check: bool = True,
         cwd: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env["LC_ALL"] = "C.UTF-8"
    return subprocess.run(cmd, preexec_fn=_demote(ids), check=check, capture_output=True,
                          text=True, cwd=cwd or "/", env=env, timeout=120)


def start(password: str | None = None) -> PgServer:
    """``password``: a fresh server (even with MARSAD_PG_URL set) whose TCP connections
    need it (scram-sha-256); without one, trust authentication."""
    if os.environ.get("MARSAD_PG_URL") and password is None:
        return PgServer(os.environ["MARSAD_PG_URL"], None, None, None)
    bindir = find_bindir()
    if bindir is None or not (bindir / "initdb").exists():
        raise PgUnavailable("PostgreSQL binaries (initdb, pg_ctl) not found")
    ids: tuple[int, int] | None = None
    if os.geteuid() == 0:
        import pwd

        nobody = pwd.getpwnam("nobody")
        ids = (nobody.pw_uid, nobody.pw_gid)
    top = Path(tempfile.mkdtemp(prefix="marsad-pg-"))
    datadir = top / "data"
    if ids is not None:
        os.chown(top, *ids)
    port = _free_port()
    auth = ["--auth=trust"]
    if password is not None:
        pwfile = top / "pw"
        pwfile.write_text(password + "\n")
        if ids is not None:
            os.chown(pwfile, *ids)
        auth = ["--auth-local=trust", "--auth-host=scram-sha-256", f"--pwfile={pwfile}"]
    try:
        _run([str(bindir / "initdb"), "-D", str(datadir), "-U", "marsad", *auth,
              "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], ids)
        opts = (f"-p {port} -k {top} -c listen_addresses=127.0.0.1 -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60")
        _run([str(bindir / "pg_ctl"), "-D", str(datadir), "-o", opts, "-l",
              str(top / "log"), "-w", "-t", "60", "start"], ids)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        log = (top / "log").read_text(errors="replace")[-2000:] if (top / "log").exists() else ""
        out = getattr(exc, "stderr", "") or ""
        shutil.rmtree(top, ignore_errors=True)
        raise PgUnavailable(f"cannot start PostgreSQL: {out.strip()} {log.strip()}") from None
    user = "marsad" if password is None else f"marsad:{password}"
    return PgServer(f"postgresql://{user}@127.0.0.1:{port}/postgres", datadir, bindir, ids)
