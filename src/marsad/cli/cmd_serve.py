"""``marsad serve [--db marsad.db] [--host 127.0.0.1] [--port 8000] [--token T]``: the web
app and HTTP API (see marsad.web.app).

It binds to 127.0.0.1 by default.  Binding any other address needs a token (``--token``
or the MARSAD_TOKEN environment variable): every request must then carry it
(``Authorization: Bearer T``; a browser visits ``/?token=T`` once and gets a cookie).
Uploads on /ingest carry the server's CSRF token (the upload form has it) and, with a
token, the token too (the bearer header alone will do for scripts).
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys

from marsad.cli.dbcommon import require_db
from marsad.cli.options import add_db
from marsad.errors import UsageError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="the web app and HTTP API (Arabic, right to left)")
    add_db(p)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--token", default=None,
                   help="bearer token every request must carry (default: $MARSAD_TOKEN); "
                   "required to bind other than loopback")
    p.add_argument("--max-upload-mb", type=float, default=20.0, help="upload size limit (MB)")
    p.set_defaults(func=run)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def run(args: argparse.Namespace) -> int:
    token = args.token or os.environ.get("MARSAD_TOKEN") or None
    if token is not None and len(token) < 8:
        raise UsageError("--token must be at least 8 characters")
    if not is_loopback(args.host) and token is None:
        raise UsageError(
            f"binding {args.host} exposes the database beyond this machine: give --token "
            "(or set MARSAD_TOKEN)"
        )
    if not 0 < args.port < 65536:
        raise UsageError(f"--port {args.port} is not a port number")
    require_db(args.db, "no database here (run `marsad ingest` first)")
    import uvicorn

    from marsad.web.app import create_app

    app = create_app(args.db, token=token, max_upload=int(args.max_upload_mb * 1024 * 1024))
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"marsad: serving {args.db} on http://{shown}:{args.port}/"
          + (" (token required)" if token else ""), file=sys.stderr, flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
