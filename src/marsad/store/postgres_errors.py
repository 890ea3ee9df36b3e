"""PostgreSQL problems as users read them: URLs without their password, and each
psycopg error as one line (``describe_error``); which errors stop a write run
(``is_fatal``).  Imported by the backend and by the CLI's last-resort handler."""

from __future__ import annotations

import re
import urllib.parse


def is_postgres_url(path: object) -> bool:
    return isinstance(path, str) and path.startswith(("postgresql://", "postgres://"))


def redact(url: str) -> str:
    """The URL without its password (``user:***@``, ``password=***``), for messages."""
    try:
        parts = urllib.parse.urlsplit(url)
        password = parts.password
    except ValueError:
        return re.sub(r"(//[^:/@]*:)[^@/]*@", r"\1***@", url)
    netloc = parts.netloc
    if password is not None:
        netloc = netloc.replace(f":{password}@", ":***@", 1)
    query = re.sub(r"(?i)(^|&)(password=)[^&]*", r"\1\2***", parts.query)
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc, query=query))


def _secrets(url: str) -> list[str]:
    """The password(s) a URL holds, raw and percent-decoded, never to be printed."""
    out = []
    try:
        parts = urllib.parse.urlsplit(url)
        if parts.password:
            out += [parts.password, urllib.parse.unquote(parts.password)]
        for key, value in urllib.parse.parse_qsl(parts.query):
            if key.lower() == "password" and value:
                out.append(value)
    except ValueError:
        pass
    return [s for s in out if len(s) >= 1]


#: what libpq puts before the reason: "connection failed: connection to server at
#: "h" (ip), port N failed: FATAL:  ..."
_LIBPQ_PREFIX = re.compile(
    r'^(?:connection failed: )?(?:connection to server (?:at|on socket) "[^"]*"'
    r'(?: \([^)]*\))?(?:, port \d+)? failed: )?(?:FATAL: +|ERROR: +)?')
_LOST = ("server closed the connection", "the connection is closed", "consuming input failed",
         "terminating connection", "connection to server was lost", "connection is lost",
         "sending query failed", "no connection to the server", "ssl syscall error",
         "eof detected", "could not receive data", "could not send data")


def describe_error(exc: BaseException, *, connecting: bool = False) -> str:
    """What a psycopg error means for a user, in one line (no URL: the caller puts the
    redacted URL in front).  ``connecting``: met while opening the connection."""
    text = _one_line(exc)
    core = _LIBPQ_PREFIX.sub("", text, count=1)
    low = core.lower()
    sqlstate = getattr(exc, "sqlstate", None) or ""
    if m := re.search(r'database "([^"]+)" does not exist', core):
        return f'the server has no database "{m[1]}" (create it first: createdb {m[1]})'
    if m := re.search(r'role "([^"]+)" does not exist', core):
        return f'the server has no user "{m[1]}"'
    if "authentication failed" in low:
        m = re.search(r'for user "([^"]+)"', core)
        who = f' user "{m[1]}"' if m else ""
        return f"the server refused{who}: authentication failed (wrong password?)"
    if "no password supplied" in low:
        return ("the server asks for a password and none was given (put it in the URL, "
                "$PGPASSWORD or ~/.pgpass)")
    if "no pg_hba.conf entry" in low:
        return f"the server does not let this user connect from here ({core})"
    if "connection refused" in low or ("no such file or directory" in low and connecting):
        return "no PostgreSQL server answers there (connection refused: is it running?)"
    if "resolve host" in low or "translate host name" in low:
        return f"unknown host ({core})"
    if "timeout expired" in low:
        return "the server did not answer in time (connection timeout)"
    if not connecting and (sqlstate in ("57P01", "57P02", "08000", "08003", "08006")
                           or any(marker in low for marker in _LOST)):
        return f"lost the connection to the server ({core})"
    if sqlstate.startswith("57P") or "shutting down" in low or "starting up" in low:
        return f"the server is shutting down or starting up ({core})"
    if sqlstate == "42501" or "permission denied" in low:
        return f"permission denied ({core})"
    if sqlstate == "25006":
        return f"the database is read-only here ({core})"
    if sqlstate == "53100":
        return f"the server's disk is full ({core})"
    if sqlstate.startswith("53"):
        return f"the server is out of resources ({core})"
    if connecting and type(exc).__name__ == "ProgrammingError":
        return f"not a valid PostgreSQL URL ({core})"
    if connecting:
        return core
    return f"database error ({core})"


def is_fatal(exc: BaseException) -> bool:
    """A psycopg error no other article can get past (the run stops): everything but
    a data or constraint error of the one article being written (SQLSTATE 22, 23)."""
    import psycopg

    if not isinstance(exc, psycopg.Error):
        return False
    sqlstate = getattr(exc, "sqlstate", None) or ""
    if sqlstate:
        return not sqlstate.startswith(("22", "23"))
    return not isinstance(exc, psycopg.DataError | psycopg.IntegrityError)  # client side


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
