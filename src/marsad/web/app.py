"""The web app: ``create_app(db)`` is a FastAPI application over ``marsad.api``.

Every page is Arabic first (``dir="rtl"``; ``?lang=en`` for English labels) and has a
JSON twin: the same path with ``.json`` (``/articles/3.json``) or the header
``Accept: application/json``.  Every error, page or JSON, has one shape::

    {"error": {"status": 404, "code": "not_found",
               "message": {"ar": "…", "en": "…"}, "detail": "…"}}

Safety: article text is escaped everywhere (Jinja2 autoescape, ``render.py``); queries
reach SQLite as parameters only; uploads are size-limited; with a token every request
needs it (``Authorization: Bearer T``, or the cookie set by visiting ``/?token=T``).
Uploads carry this server's CSRF token (a per-server secret in the upload form) unless
they come with the bearer header; without ``--token`` they are taken only under a
loopback Host name (against DNS rebinding), and never from another site (Origin,
Sec-Fetch-Site).  CSP without inline script, nosniff, frame-deny.
"""

from __future__ import annotations

import hmac
import os
import re
import secrets
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from marsad import __version__
from marsad.api import MAX_UPLOAD_BYTES, Marsad, NotFound, NotYet, TooLarge
from marsad.errors import InputError, MarsadError, StoreError, UsageError
from marsad.web import render
from marsad.web.i18n import (
    LABELS,
    LANGS,
    event_label,
    format_date,
    label,
    signal_label,
    uses_eastern_digits,
)
from marsad.web.outlines import admin_area, governorate_codes

HERE = Path(__file__).resolve().parent
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]
TOKEN_COOKIE = "marsad_token"
CSRF_FIELD = "csrf"
CSRF_HEADER = "X-CSRF-Token"

# -- the one error shape -------------------------------------------------------------------
ERRORS: dict[str, tuple[int, str, str]] = {
    "bad_request": (400, "الطلب غير صالح", "The request is not valid"),
    "unauthorized": (401, "يلزم رمز دخول صحيح", "A valid access token is required"),
    "forbidden": (403, "هذه العملية غير مسموحة", "This operation is not allowed"),
    "not_found": (404, "غير موجود", "Not found"),
    "method_not_allowed": (405, "الطريقة غير مسموحة", "Method not allowed"),
    "length_required": (411, "يلزم تحديد حجم الطلب", "The request must give its length"),
    "too_large": (413, "الملف أكبر من الحد المسموح", "The upload is over the size limit"),
    "invalid_parameter": (422, "قيمة غير صالحة في الطلب", "A parameter has an invalid value"),
    "not_yet": (501, "هذه الميزة لم تُبنَ بعد", "This feature is not built yet"),
    "store_error": (500, "تعذّرت قراءة قاعدة البيانات", "The database could not be read"),
    "internal_error": (500, "خطأ داخلي", "Internal error"),
}
_STATUS_CODES = {status: code for code, (status, _, _) in ERRORS.items()}


class WebError(Exception):
    def __init__(self, code: str, detail: str = "", status: int | None = None) -> None:
        self.code = code
        self.status = status or ERRORS[code][0]
        self.detail = detail
        super().__init__(detail or code)


def error_body(code: str, detail: str = "", status: int | None = None) -> dict[str, Any]:
    st, ar, en = ERRORS.get(code, ERRORS["internal_error"])
    return {"error": {"status": status or st, "code": code, "message": {"ar": ar, "en": en},
                      "detail": detail}}


def wants_json(request: Request) -> bool:
    return bool(request.scope.get("state", {}).get("want_json"))


def _state(scope: Scope) -> dict[str, Any]:
    state: dict[str, Any] = scope.setdefault("state", {})
    return state


class Gate:
    """ASGI middleware: the ``.json`` twins, the token, the security headers."""

    def __init__(self, app: ASGIApp, token: str | None) -> None:
        self.app = app
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        state = _state(scope)
        accept = headers.get("accept", "")
        state["want_json"] = "application/json" in accept and "text/html" not in accept
        if path.endswith(".json") and path not in ("/openapi.json",):
            path = path[: -len(".json")] or "/"
            if path in ("/index", "/search"):
                path = "/search"
            scope["path"] = path
            scope["raw_path"] = path.encode()
            state["want_json"] = True
        if path == "/openapi.json":
            state["want_json"] = True

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + SECURITY_HEADERS
            await send(message)

        state["auth"] = self._authorized(scope, headers) if self.token is not None else None
        state["authorized"] = state["auth"] is not None
        if self.token is not None and not state["authorized"]:
            query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
            given = query.pop("token", None)
            if given is not None and hmac.compare_digest(given.encode(), self.token.encode()):
                rest = urlencode(query)
                response: Response = RedirectResponse(path + (f"?{rest}" if rest else ""), 303)
                response.set_cookie(TOKEN_COOKIE, self.token, httponly=True, samesite="strict")
            else:
                response = _error_response(state["want_json"], "unauthorized",
                                           "send Authorization: Bearer TOKEN", lang="ar")
                response.headers["www-authenticate"] = "Bearer"
            await response(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)

    def _authorized(self, scope: Scope, headers: dict[str, str]) -> str | None:
        """``"bearer"`` (the header: no other site can make a browser send it),
        ``"cookie"`` (set by ``?token=``; a write must also carry the CSRF token), or None."""
        assert self.token is not None
        want = self.token.encode()
        auth = headers.get("authorization", "")
        if auth.lower().startswith("bearer ") and hmac.compare_digest(auth[7:].strip().encode(), want):
            return "bearer"
        for part in headers.get("cookie", "").split(";"):
            name, _, value = part.strip().partition("=")
            if name == TOKEN_COOKIE and hmac.compare_digest(value.encode(), want):
                return "cookie"
        return None


_templates = Jinja2Templates(directory=str(HERE / "templates"))
_templates.env.globals.update(label=label, event_label=event_label, format_date=format_date,
                              signal_label=signal_label,
                              outcome_keys={k for k in LABELS if k.startswith("outcome_")},
                              version=__version__)
_templates.env.filters["fdate"] = format_date


def _error_response(as_json: bool, code: str, detail: str = "", lang: str = "ar",
                    status: int | None = None, request: Request | None = None) -> Response:
    body = error_body(code, detail, status)
    st = body["error"]["status"]
    if as_json or request is None:
        return JSONResponse(body, status_code=st)
    return _templates.TemplateResponse(
        request, "error.html", {**_base_context(request, lang), "error": body["error"]},
        status_code=st,
    )


def _lang(request: Request) -> str:
    lang = request.query_params.get("lang", "ar")
    return lang if lang in LANGS else "ar"


def _url(path: str, params: list[tuple[str, str]]) -> str:
    clean = [(k, v) for k, v in params if v not in ("", None)]
    return path + (f"?{urlencode(clean)}" if clean else "")


def _base_context(request: Request, lang: str) -> dict[str, Any]:
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    other = "en" if lang == "ar" else "ar"
    path = request.url.path
    json_path = ("/search" if path == "/" else path) + ".json"
    return {
        "lang": lang,
        "dir": "rtl" if lang == "ar" else "ltr",
        "L": lambda key: label(key, lang),
        "lang_switch": _url(path, params + ([("lang", other)] if other == "en" else [])),
        "json_link": _url(json_path, params + ([("lang", lang)] if lang == "en" else [])),
        "lq": "?lang=en" if lang == "en" else "",
        "la": "&lang=en" if lang == "en" else "",
        "path": path,
    }


def _timeline(features: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events per day by type, as ``Marsad.timeline`` counts them, for a subset."""
    days: dict[str, dict[str, Any]] = {}
    for f in features:
        p = f["properties"]
        day = p.get("date") or p.get("published")
        if not day or len(day) < 10:
            continue
        d = days.setdefault(day[:10], {"date": day[:10], "events": 0, "types": {}})
        d["events"] += 1
        d["types"][p["type"]] = d["types"].get(p["type"], 0) + 1
    return [d for _, d in sorted(days.items())]


def _loopback_host(host: str) -> bool:
    """Whether a Host header names this machine (a page of another site that resolves
    its own name to 127.0.0.1, DNS rebinding, sends that name instead)."""
    name = host.rsplit("]", 1)[0].lstrip("[") if host.startswith("[") else host.rsplit(":", 1)[0]
    return name.lower() in ("localhost", "127.0.0.1", "::1") or name.startswith("127.")


_TMP_UPLOAD = re.compile(r"^.*?marsad-upload-[^/\\]+[/\\]\d+[/\\]")


def _ingest_each(m: Marsad, files: list[tuple[str, bytes]], published: str | None,
                 limit: int) -> dict[str, Any]:
    """Ingest file by file (as ``marsad ingest`` would each), so each file has its own
    result line; ``files`` lists them, the totals keep the shape of one report."""
    total: dict[str, Any] = {}
    per_file = []
    for name, data in files:
        rep = m.ingest_files([(name, data)], published=published, max_bytes=limit)
        for w in rep.get("warnings", []):  # name the file as the user did, not the temp copy
            w["source"] = _TMP_UPLOAD.sub("", str(w.get("source", "")))
        per_file.append({"file": name, "bytes": len(data),
                         **{k: rep[k] for k in ("added", "present", "near_duplicates",
                                                "updated", "failed", "failures", "warnings")}})
        for k, v in rep.items():
            if isinstance(v, bool):
                total[k] = v
            elif isinstance(v, int):
                total[k] = total.get(k, 0) + v
            elif isinstance(v, list):
                total[k] = total.get(k, []) + v
            elif isinstance(v, dict):
                acc = total.setdefault(k, {})
                for kk, vv in v.items():
                    acc[kk] = acc.get(kk, 0) + vv
    total["files"] = per_file
    return total


def create_app(
    db: str | Path, *, token: str | None = None, max_upload: int = MAX_UPLOAD_BYTES
) -> FastAPI:
    """The web app over the database at ``db`` (which must exist)."""
    db = str(db)
    Marsad(db).close()  # a missing or foreign database is reported now, not per request
    local = threading.local()

    def api() -> Marsad:
        m: Marsad | None = getattr(local, "marsad", None)
        if m is None:
            m = Marsad(db)
            local.marsad = m
        return m

    app = FastAPI(
        title="marsad", version=__version__, docs_url=None, redoc_url=None,
        description="Arabic conflict news: search, articles, entities, claim check, map. "
        "Every page has a JSON twin (`.json` suffix or `Accept: application/json`).",
    )
    app.state.token = token
    app.state.max_upload = max_upload
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    def page(request: Request, template: str, data: dict[str, Any], **extra: Any) -> Response:
        if wants_json(request):
            return JSONResponse(data)
        lang = _lang(request)
        ctx = {**_base_context(request, lang), "data": data, **extra}
        return _templates.TemplateResponse(request, template, ctx)

    # -- errors -----------------------------------------------------------------------
    @app.exception_handler(WebError)
    async def _web_error(request: Request, exc: WebError) -> Response:
        return _error_response(wants_json(request), exc.code, exc.detail, _lang(request),
                               exc.status, request)

    @app.exception_handler(MarsadError)
    async def _marsad_error(request: Request, exc: MarsadError) -> Response:
        code = ("not_found" if isinstance(exc, NotFound) else "too_large" if isinstance(exc, TooLarge)
                else "not_yet" if isinstance(exc, NotYet)
                else "bad_request" if isinstance(exc, UsageError | InputError)
                else "store_error" if isinstance(exc, StoreError) else "internal_error")
        return _error_response(wants_json(request), code, str(exc), _lang(request), None, request)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = _STATUS_CODES.get(exc.status_code, "bad_request" if exc.status_code < 500
                                 else "internal_error")
        detail = exc.detail if isinstance(exc.detail, str) else ""
        return _error_response(wants_json(request), code, detail, _lang(request),
                               exc.status_code, request)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for e in exc.errors():
            where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body"))
            parts.append(f"{where}: {e.get('msg')}")
        return _error_response(wants_json(request), "invalid_parameter", "; ".join(parts),
                               _lang(request), None, request)

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> Response:
        return _error_response(wants_json(request), "internal_error", type(exc).__name__,
                               _lang(request), None, request)

    # -- search -----------------------------------------------------------------------
    @app.get("/", include_in_schema=False)
    @app.get("/search", summary="Full-text search with facets (JSON twin: /search.json)")
    def search(
        request: Request,
        q: str | None = Query(None, max_length=500, description="words, \"phrases\", OR, prefix*"),
        outlet: str | None = Query(None, max_length=200),
        since: str | None = Query(None, pattern=r"^\d{4}-\d{2}-\d{2}$"),
        until: str | None = Query(None, pattern=r"^\d{4}-\d{2}-\d{2}$"),
        place: list[str] = Query([], description="LOC entity ids, e.g. LOC:الميادين"),
        person: list[str] = Query([]),
        org: list[str] = Query([]),
        speaker: str | None = Query(None, max_length=300),
        event_type: str | None = Query(None, max_length=50),
        has_denial: bool = False,
        month: str | None = Query(None, pattern=r"^\d{4}-\d{2}$"),
        sort: str = Query("rank", pattern="^(rank|date|date_asc)$"),
        page_no: int = Query(1, alias="page", ge=1, le=100000),
        per_page: int = Query(20, ge=1, le=100),
        lang: str = Query("ar", pattern="^(ar|en)$"),
    ) -> Response:
        if month:  # the month facet is a date range
            import calendar

            y, m = int(month[:4]), int(month[5:])
            if not 1 <= m <= 12:
                raise WebError("invalid_parameter", f"month: {month}")
            since = since or f"{month}-01"
            until = until or f"{month}-{calendar.monthrange(y, m)[1]:02d}"
        data = api().search(
            q, sort=sort, page=page_no, per_page=per_page, outlet=outlet, since=since,
            until=until, place=place, person=person, org=org, speaker=speaker,
            event_type=event_type, has_denial=has_denial,
        )
        params = [(k, v) for k, v in request.query_params.multi_items() if k != "page"]
        base = "/search.json" if wants_json(request) else "/search"
        links: dict[str, str | None] = {
            "self": _url(base, params + [("page", str(page_no))]),
            "first": _url(base, params),
            "last": _url(base, params + [("page", str(data["pages"]))]),
            "prev": _url(base, params + [("page", str(page_no - 1))]) if page_no > 1 else None,
            "next": _url(base, params + [("page", str(page_no + 1))])
            if page_no < data["pages"] else None,
        }
        data["links"] = links
        for r in data["results"]:
            r["href"] = f"/articles/{r['id']}"
        if wants_json(request):
            return JSONResponse(data)
        return page(request, "search.html", data, **_search_view(request, data, lang))

    def _search_view(request: Request, data: dict[str, Any], lang: str) -> dict[str, Any]:
        params = [(k, v) for k, v in request.query_params.multi_items()
                  if k not in ("page", "lang")]
        if lang == "en":
            params.append(("lang", "en"))

        def with_param(name: str, value: str) -> str:
            if name == "has_denial":
                value = "true"
            if name in ("outlet", "speaker", "event_type", "has_denial", "month"):
                rest = [(k, v) for k, v in params if k != name]
            else:
                rest = list(params)
            return _url("/search", rest + [(name, value)])

        def without(name: str, value: str) -> str:
            return _url("/search", [(k, v) for k, v in params if not (k == name and v == value)])

        active = [(k, v) for k, v in params if k not in ("q", "sort", "lang", "per_page")]
        active_set = set(active)
        names = {}
        for rows in data.get("facets", {}).values():
            for row in rows:
                names[(row["param"], str(row["value"]))] = row["label"]
        return {
            "with_param": with_param,
            "without": without,
            "active": [(k, v, names.get((k, v), v)) for k, v in active],
            "is_active": lambda k, v: (k, "true" if k == "has_denial" else str(v)) in active_set,
            "sort_link": lambda s: _url("/search", [(k, v) for k, v in params if k != "sort"]
                                        + [("sort", s)]),
            "clear_link": _url("/search", [(k, v) for k, v in params if k in ("q", "lang")]),
            "hl": render.highlighted,
            "eastern": False,
            "p": dict(request.query_params),
        }

    # -- one article ------------------------------------------------------------------
    @app.get("/articles/{ref}", summary="One article with its marks, claims, events, copies")
    def article(request: Request, ref: str, lang: str = Query("ar", pattern="^(ar|en)$")) -> Response:
        data = api().article(ref)
        data["links"] = {"self": f"/articles/{data['id']}.json",
                         "html": f"/articles/{data['id']}"}
        if wants_json(request):
            return JSONResponse(data)
        eastern = uses_eastern_digits(data["text"])
        figures = data["figures"]
        return page(request, "article.html", data,
                    body=render.marked_text(data["text"], data["marks"], lang),
                    eastern=eastern, figures=figures, entity_href=render.entity_href)

    # -- one entity -------------------------------------------------------------------
    @app.get("/entities/{key:path}", summary="A person, organisation or place by entity id")
    def entity(request: Request, key: str, lang: str = Query("ar", pattern="^(ar|en)$")) -> Response:
        data = api().entity(key)
        data["links"] = {"self": f"/entities/{key}.json"}
        if wants_json(request):
            return JSONResponse(data)
        return page(request, "entity.html", data, chart=render.bars_svg(data["mentions_by_month"], lang),
                    entity_href=render.entity_href)

    # -- stories ----------------------------------------------------------------------
    @app.get("/stories", summary="Stories: one event as several outlets told it")
    def stories(
        request: Request,
        q: str | None = Query(None, max_length=500),
        place: str | None = Query(None, max_length=200),
        entity: str | None = Query(None, max_length=200),
        since: str | None = Query(None, pattern=r"^\d{4}-\d{2}-\d{2}$"),
        until: str | None = Query(None, pattern=r"^\d{4}-\d{2}-\d{2}$"),
        page_no: int = Query(1, alias="page", ge=1, le=100000),
        per_page: int = Query(20, ge=1, le=100),
        lang: str = Query("ar", pattern="^(ar|en)$"),
    ) -> Response:
        try:
            data = api().stories(q, place=place, entity=entity, since=since, until=until,
                                 page=page_no, per_page=per_page)
        except NotYet:
            data = {"stories": [], "results": [], "status": "not_yet",
                    "message": {"ar": label("stories_not_yet", "ar"),
                                "en": label("stories_not_yet", "en")}}
            return page(request, "stories.html", data)
        params = [(k, v) for k, v in request.query_params.multi_items() if k != "page"]
        base = "/stories.json" if wants_json(request) else "/stories"
        data["links"] = {
            "self": _url(base, params + [("page", str(page_no))]),
            "prev": _url(base, params + [("page", str(page_no - 1))]) if page_no > 1 else None,
            "next": _url(base, params + [("page", str(page_no + 1))]) if data["has_next"] else None,
        }
        for r in data["results"]:
            r["href"] = f"/stories/{r['id']}"
        return page(request, "stories.html", data)

    @app.get("/stories/{story_id}", summary="One story: outlets on a timeline, figures, copies")
    def story(request: Request, story_id: str,
              lang: str = Query("ar", pattern="^(ar|en)$")) -> Response:
        data = api().story(story_id)
        data["links"] = {"self": f"/stories/{data['id']}.json", "html": f"/stories/{data['id']}"}
        return page(request, "story.html", data)

    # -- check ------------------------------------------------------------------------
    @app.get("/check", summary="Stance of each outlet on a claim, with evidence, and the verdict")
    def check(
        request: Request,
        claim: str | None = Query(None, max_length=1000),
        limit: int = Query(20, ge=1, le=100),
        lang: str = Query("ar", pattern="^(ar|en)$"),
    ) -> Response:
        if not claim or not claim.strip():
            if wants_json(request):
                raise WebError("bad_request", "give a claim: /check.json?claim=…")
            return page(request, "check.html", {"claim": None})
        data = api().check(claim, limit=limit)
        data["links"] = {"self": _url("/check.json", [("claim", claim), ("limit", str(limit))]),
                         "html": _url("/check", [("claim", claim)])}
        return page(request, "check.html", data)

    # -- map --------------------------------------------------------------------------
    @app.get("/map", summary="Events with a known place (GeoJSON), per governorate, and the timeline")
    def map_page(
        request: Request,
        event_type: str | None = Query(None, max_length=50),
        since: str | None = Query(None, pattern=r"^\d{4}-\d{2}-\d{2}$"),
        until: str | None = Query(None, pattern=r"^\d{4}-\d{2}-\d{2}$"),
        admin: str | None = Query(None, max_length=20, pattern=r"^[A-Z]{2}\.[A-Z0-9]{1,3}$",
                                  description="a governorate code (e.g. SY.07): only its events"),
        lang: str = Query("ar", pattern="^(ar|en)$"),
    ) -> Response:
        m = api()
        narrow = {"event_type": event_type, "since": since, "until": until}
        geo = m.events_geojson(**narrow)
        counts: dict[str, int] = {}
        areas: dict[str, dict[str, Any]] = {}
        for f in geo["features"]:
            lon, lat = f["geometry"]["coordinates"]
            props = f["properties"]
            area = admin_area(props.get("place") or "", float(lon), float(lat))
            props["admin_code"] = area["code"] if area else None
            props["admin"] = render.admin_name(area, "ar") if area else None
            if area:
                counts[area["code"]] = counts.get(area["code"], 0) + 1
                areas[area["code"]] = area
        if admin is not None:
            if admin not in governorate_codes():
                raise WebError("not_found", f"no governorate {admin!r}")
            geo["features"] = [f for f in geo["features"]
                               if f["properties"]["admin_code"] == admin]
            days = _timeline(geo["features"])
        else:
            days = m.timeline(**narrow)
        by_area = [{"code": c, "country": areas[c]["country"], "name": areas[c]["name"],
                    "name_ar": areas[c]["name_ar"], "events": n,
                    "href": f"/map?admin={c}"}
                   for c, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
        links = {"self": _url("/map.json", [("event_type", event_type or ""),
                                            ("since", since or ""), ("until", until or ""),
                                            ("admin", admin or "")])}
        data = {"events": geo, "timeline": days, "admin_areas": by_area, "admin": admin,
                "links": links}
        if wants_json(request):
            return JSONResponse(data)
        types = sorted({f["properties"]["type"] for f in geo["features"]})
        return page(request, "map.html", data,
                    map_svg=render.map_svg(geo["features"], lang, counts=counts, selected=admin),
                    timeline_svg=render.timeline_svg(days, lang), types=types,
                    color=render.event_color, admin_name=render.admin_name)

    # -- ingest -----------------------------------------------------------------------
    # Writes are guarded against other sites: a form post from elsewhere carries neither
    # the bearer header nor this server's CSRF token (a random secret per server, put in
    # the upload form and in /ingest.json, which no other origin can read: no CORS).
    csrf_token = secrets.token_urlsafe(32)
    app.state.csrf_token = csrf_token

    def ingest_info() -> dict[str, Any]:
        from marsad.ingest.dispatch import SUPPORTED

        return {"formats": list(SUPPORTED), "max_bytes": int(app.state.max_upload),
                "enabled": True, "csrf": csrf_token, "csrf_field": CSRF_FIELD,
                "csrf_header": CSRF_HEADER}

    @app.get("/ingest", summary="The upload form (formats, size limit, the CSRF token to post with)")
    def ingest_form(request: Request, lang: str = Query("ar", pattern="^(ar|en)$")) -> Response:
        return page(request, "ingest.html", ingest_info())

    @app.post("/ingest", summary="Upload files (multipart field `files`) with the CSRF token "
              "(field `csrf` or header X-CSRF-Token) or, with --token, the bearer token")
    async def ingest_upload(request: Request) -> Response:
        state = request.scope.get("state", {})
        if app.state.token is None and not _loopback_host(request.headers.get("host", "")):
            raise WebError("forbidden", "uploads without --token are for a loopback address only")
        site = request.headers.get("sec-fetch-site")
        origin = request.headers.get("origin")
        if state.get("auth") != "bearer" and (  # a browser: it says where the form came from
                site == "cross-site" or (origin and origin != "null"
                                         and urlsplit(origin).netloc != request.headers.get("host"))):
            raise WebError("forbidden", "a cross-site upload is refused")
        length = request.headers.get("content-length")
        if length is None:
            raise WebError("length_required", "send Content-Length")
        limit = int(app.state.max_upload)
        if not length.isdigit() or int(length) > limit + 64 * 1024:
            raise WebError("too_large", f"over the limit of {limit:,} bytes")
        if app.state.token is not None and not state.get("authorized"):  # the gate checked it
            raise WebError("unauthorized", "uploads need the token")
        form = await request.form(max_files=100, max_fields=20)
        if state.get("auth") != "bearer":  # a browser: the form must come from this server
            given = request.headers.get(CSRF_HEADER) or form.get(CSRF_FIELD)
            if not isinstance(given, str) or not hmac.compare_digest(given.encode(),
                                                                     csrf_token.encode()):
                raise WebError("forbidden", "missing or wrong CSRF token: reload /ingest and send "
                               f"it as the form field {CSRF_FIELD!r} or the header {CSRF_HEADER}")
        files = []
        for item in form.getlist("files"):
            if isinstance(item, str):
                continue
            files.append((item.filename or "upload", await item.read(limit + 1)))
        if not files:
            raise WebError("bad_request", "no file to ingest (multipart field `files`)")
        size = sum(len(data) for _, data in files)
        if size > limit:
            raise TooLarge(f"upload of {size:,} bytes is over the limit of {limit:,} bytes")
        published = form.get("published")
        published = published if isinstance(published, str) and published else None
        report = _ingest_each(api(), files, published, limit)
        if wants_json(request):
            return JSONResponse(report)
        return page(request, "ingest.html", {**ingest_info(), "report": report})

    # -- the API description ----------------------------------------------------------
    @app.get("/docs", include_in_schema=False)
    def docs(request: Request) -> Response:
        spec = app.openapi()
        if wants_json(request):
            return JSONResponse(spec)
        routes = []
        for path, ops in spec.get("paths", {}).items():
            for method, op in ops.items():
                params = [p["name"] for p in op.get("parameters", [])]
                routes.append({"method": method.upper(), "path": path,
                               "summary": op.get("summary", ""), "params": params})
        return page(request, "docs.html", {"routes": routes})

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, Any]:
        return {"ok": True, "version": __version__, "articles": api().store.counts()["articles"]}

    app.add_middleware(Gate, token=token)
    return app


def app_from_env() -> Any:
    """For ``uvicorn marsad.web.app:app_from_env --factory``: MARSAD_DB, MARSAD_TOKEN."""
    return create_app(os.environ.get("MARSAD_DB", "marsad.db"), token=os.environ.get("MARSAD_TOKEN"))
