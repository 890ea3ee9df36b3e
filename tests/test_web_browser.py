"""The web app in a real browser: Debian's chromium driven by Selenium (chromium-driver).

The server runs in a thread on a free loopback port over the sample database.  The
tests type a search, click a facet, open an article and click a mark, run a check, see
the map and narrow it to a governorate, upload files (the progress bar moving, then a
result per file), check that a form of another site cannot upload, and that a planted
hostile article runs nothing.  Screenshots go to
$MARSAD_SCREENSHOTS (``make screenshots`` sets docs/screenshots) or a temp folder.

Without chromium these tests skip, unless MARSAD_BROWSER_REQUIRED=1 (CI sets it).
"""

from __future__ import annotations

import contextlib
import http.server
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from webdb import web_db, xss_article_id

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
if not (CHROMIUM and DRIVER):
    if os.environ.get("MARSAD_BROWSER_REQUIRED") == "1":
        raise RuntimeError("chromium and chromedriver are required (apt-get install chromium chromium-driver)")
    pytest.skip("chromium / chromedriver not installed", allow_module_level=True)

selenium = pytest.importorskip("selenium")
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def _serving(app: object) -> Iterator[str]:
    """The app on a free loopback port, in a thread, until the block ends."""
    import uvicorn

    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port,  # type: ignore[arg-type]
                            log_level="warning", lifespan="off")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    from marsad.web.app import create_app

    with _serving(create_app(web_db())) as url:
        yield url


@pytest.fixture(scope="module")
def upload_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server over a copy of the database, for the tests that upload (no --token)."""
    from marsad.web.app import create_app

    db = tmp_path_factory.mktemp("upload") / "upload.db"
    shutil.copy(web_db(), db)
    with _serving(create_app(db)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--lang=ar", "--no-first-run"):
        opts.add_argument(arg)
    drv = webdriver.Chrome(service=Service(executable_path=str(DRIVER)), options=opts)
    drv.set_page_load_timeout(120)
    yield drv
    drv.quit()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = os.environ.get("MARSAD_SCREENSHOTS")
    folder = Path(out) if out else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def snap(drv: webdriver.Chrome, folder: Path, name: str) -> Path:
    """A full-page screenshot (the window grown to the page's height, at most 2400 px)."""
    height = drv.execute_script("return document.documentElement.scrollHeight")
    drv.set_window_size(1280, min(2400, max(800, int(height))))
    path = folder / f"{name}.png"
    drv.save_screenshot(str(path))
    drv.set_window_size(1280, 1000)
    assert path.stat().st_size > 10_000
    return path


def wait(drv: webdriver.Chrome, seconds: float = 20) -> WebDriverWait:
    return WebDriverWait(drv, seconds)


def test_search_type_and_click_a_facet(server: str, browser: webdriver.Chrome, shots: Path) -> None:
    browser.get(server + "/")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("dir") == "rtl"
    box = browser.find_element(By.ID, "q")
    box.send_keys("الميادين", Keys.ENTER)
    wait(browser).until(ec.url_contains("q="))
    total = int(browser.find_element(By.CSS_SELECTOR, ".summary .total strong").text)
    hits = browser.find_elements(By.CSS_SELECTOR, ".hit")
    assert total == len(hits) >= 5
    marks = browser.find_elements(By.CSS_SELECTOR, ".hit .snippet mark")
    assert marks and all("الميادين" in m.text for m in marks)
    # right to left: the facets column stands to the right of the results
    facets = browser.find_element(By.CSS_SELECTOR, "aside.facets").rect
    results = browser.find_element(By.CSS_SELECTOR, "section.results").rect
    assert facets["x"] > results["x"]
    snap(browser, shots, "search")
    # click the first outlet facet: the results narrow to its count, a chip shows it
    item = browser.find_element(By.CSS_SELECTOR, '[data-facet="outlet"] li')
    outlet = item.find_element(By.TAG_NAME, "a").text
    count = int(item.find_element(By.CSS_SELECTOR, ".count").text)
    item.find_element(By.TAG_NAME, "a").click()
    wait(browser).until(ec.url_contains("outlet="))
    assert int(browser.find_element(By.CSS_SELECTOR, ".summary .total strong").text) == count < total
    assert outlet in browser.find_element(By.CSS_SELECTOR, ".active-filters").text
    shown = {e.text for e in browser.find_elements(By.CSS_SELECTOR, ".hit .outlet")}
    assert shown == {outlet}
    snap(browser, shots, "search_facet")
    # the permalink reproduces the state
    url = browser.current_url
    browser.get(url)
    assert int(browser.find_element(By.CSS_SELECTOR, ".summary .total strong").text) == count


def test_open_an_article_and_click_a_mark(server: str, browser: webdriver.Chrome, shots: Path) -> None:
    browser.get(server + "/search?q=" + quote("وزارة الدفاع مسلحا"))
    first = browser.find_element(By.CSS_SELECTOR, ".hit h2 a")
    title = first.text
    first.click()
    wait(browser).until(ec.url_contains("/articles/"))
    assert browser.find_element(By.TAG_NAME, "h1").text == title
    figure = browser.find_element(By.CSS_SELECTOR, ".body .m-fig")
    assert browser.find_elements(By.CSS_SELECTOR, ".body .m-LOC")
    assert browser.find_elements(By.CSS_SELECTOR, ".body .m-claim")
    figure.click()
    info = browser.find_element(By.ID, "markinfo")
    wait(browser).until(lambda d: info.is_displayed())
    assert "القيمة" in info.text and "الحد" in info.text
    assert browser.find_elements(By.CSS_SELECTOR, ".panel.claims tbody tr")
    assert browser.find_elements(By.CSS_SELECTOR, ".panel.events tbody tr")
    snap(browser, shots, "article")
    # a place mark leads to its entity page
    place = browser.find_element(By.CSS_SELECTOR, ".body .m-LOC")
    place.click()
    wait(browser).until(lambda d: info.find_elements(By.TAG_NAME, "a"))
    info.find_element(By.TAG_NAME, "a").click()
    wait(browser).until(ec.url_contains("/entities/"))
    assert browser.find_element(By.CSS_SELECTOR, ".entity").get_attribute("data-type") == "LOC"
    assert browser.find_elements(By.CSS_SELECTOR, ".artlist li")
    snap(browser, shots, "entity")


def test_run_a_check(server: str, browser: webdriver.Chrome, shots: Path) -> None:
    browser.get(server + "/check")
    box = browser.find_element(By.ID, "claim")
    box.send_keys("مقتل أكثر من 40 مسلحا من داعش بغارات على بادية الميادين")
    browser.find_element(By.ID, "check-submit").click()
    wait(browser, 120).until(ec.presence_of_element_located((By.ID, "verdict")))
    verdict = browser.find_element(By.ID, "verdict").text
    assert "الحكم" in verdict
    cards = browser.find_elements(By.CSS_SELECTOR, ".outlet-card")
    assert cards
    stances = {c.find_element(By.CSS_SELECTOR, ".stance").text for c in cards}
    assert "يؤيد" in stances
    assert all(c.find_elements(By.CSS_SELECTOR, ".evidence li") for c in cards)
    assert "claim=" in browser.current_url  # a permalink
    snap(browser, shots, "check")


def test_see_the_map(server: str, browser: webdriver.Chrome, shots: Path) -> None:
    browser.get(server + "/map")
    svg = browser.find_element(By.CSS_SELECTOR, "svg.map")
    assert svg.size["width"] > 600
    dots = browser.find_elements(By.CSS_SELECTOR, "svg.map circle")
    assert len(dots) >= 5
    names = [t.text for t in browser.find_elements(By.CSS_SELECTOR, "svg.map text.country")]
    assert "سوريا" in names
    assert browser.find_elements(By.CSS_SELECTOR, "svg.timeline rect")
    # governorate outlines: thinner than the countries', the ones with events shaded
    adm = browser.find_elements(By.CSS_SELECTOR, "svg.map path.adm1")
    assert len(adm) > 30
    width = browser.execute_script(
        "return [getComputedStyle(document.querySelector('svg.map path.land')).strokeWidth,"
        " getComputedStyle(document.querySelector('svg.map path.adm1:not(.hot)')).strokeWidth]")
    assert float(width[1].rstrip("px")) < float(width[0].rstrip("px"))
    hot = browser.find_elements(By.CSS_SELECTOR, "svg.map a.adm1-link path.adm1.hot")
    assert {p.get_attribute("data-code") for p in hot} >= {"SY.07", "SY.09"}
    rows = browser.find_elements(By.CSS_SELECTOR, "#admin-areas tbody tr")
    assert rows[0].get_attribute("data-code") == "SY.07"
    n_deir = int(rows[0].find_element(By.CSS_SELECTOR, "td.num").text)
    snap(browser, shots, "map")
    # click the governorate: the map narrows to its events and outlines it
    rows[0].find_element(By.TAG_NAME, "a").click()
    wait(browser).until(ec.url_contains("admin=SY.07"))
    assert "دير الزور" in browser.find_element(By.ID, "map-narrow").text
    assert browser.find_element(By.CSS_SELECTOR, "svg.map path.adm1.sel").get_attribute(
        "data-code") == "SY.07"
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg.map circle")) == n_deir < len(dots)
    assert "sel" in browser.find_element(By.CSS_SELECTOR, '#admin-areas tr[data-code="SY.07"]'
                                         ).get_attribute("class")


def test_other_pages_render(server: str, browser: webdriver.Chrome, shots: Path) -> None:
    browser.get(server + "/stories")
    stories = browser.find_elements(By.CSS_SELECTOR, ".story-hit h2 a")
    if stories:  # the stories feature is in this tree: open the largest story
        snap(browser, shots, "stories")
        stories[0].click()
        wait(browser).until(ec.url_contains("/stories/"))
        rows = browser.find_elements(By.CSS_SELECTOR, ".story-articles li")
        assert len(rows) >= 2
        assert browser.find_elements(By.CSS_SELECTOR, ".story-figures tbody tr")
        snap(browser, shots, "story")
    else:
        assert browser.find_elements(By.CSS_SELECTOR, "#stories-not-yet")
        snap(browser, shots, "stories")
    for name, path, probe in [
        ("ingest", "/ingest", "#ingestform"),
        ("docs", "/docs", "table.routes"),
        ("search_en", "/search?q=" + quote("حمص") + "&lang=en", ".hits"),
    ]:
        browser.get(server + path)
        assert browser.find_elements(By.CSS_SELECTOR, probe), name
        snap(browser, shots, name)
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("dir") == "ltr"


def test_planted_script_does_not_run(server: str, browser: webdriver.Chrome, shots: Path) -> None:
    aid = xss_article_id()
    for path in (f"/articles/{aid}", "/search?q=" + quote("مرصدتجريبي"), "/search"):
        browser.get(server + path)
        assert browser.execute_script("return typeof window.__xss") == "undefined", path
        assert browser.title != "pwned"
    browser.get(server + f"/articles/{aid}")
    body = browser.find_element(By.CSS_SELECTOR, ".body").text
    assert "<script>" in body and "onerror" in body  # shown as text
    assert not browser.find_elements(By.CSS_SELECTOR, ".body script, .body img, .body a")
    # the javascript: URL is text, not a link; hovering the title does nothing
    assert "javascript:" in browser.find_element(By.CSS_SELECTOR, "dd.url").text
    assert not browser.find_elements(By.CSS_SELECTOR, 'a[href^="javascript:"]')
    browser.find_element(By.TAG_NAME, "h1").click()
    assert browser.execute_script("return typeof window.__xss") == "undefined"
    snap(browser, shots, "xss_article")


NOTE = "أفاد ناشطون بسقوط قذيفتين على بلدة كفرنبودة في ريف حماة مساء الأحد دون إصابات.\n"


def _hits(base: str, word: str) -> int:
    import json
    import urllib.request

    with urllib.request.urlopen(f"{base}/search.json?q={quote(word)}") as resp:
        return int(json.load(resp)["total"])


def test_upload_shows_real_progress_then_each_file(upload_server: str, browser: webdriver.Chrome,
                                                   shots: Path, tmp_path: Path) -> None:
    good = tmp_path / "kafr.txt"
    good.write_text(NOTE, encoding="utf-8")
    big = tmp_path / "scan.pdf"  # refused by type at once, but 3 MB to send
    big.write_bytes(b"%PDF-1.4\n" + b"0" * 3_000_000)
    browser.get(upload_server + "/ingest")
    # slow the upload down so the bar has time to move (Chrome's network emulation)
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd("Network.emulateNetworkConditions", {
        "offline": False, "latency": 0, "downloadThroughput": -1,
        "uploadThroughput": 1_000_000})
    try:
        browser.find_element(By.ID, "files").send_keys(f"{good}\n{big}")
        browser.find_element(By.CSS_SELECTOR, "#ingestform button[type=submit]").click()
        seen: set[int] = set()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not browser.find_elements(By.ID, "report"):
            v = browser.execute_script("var b = document.getElementById('progress');"
                                       " return b.hidden || !b.hasAttribute('value') ? -1 : b.value")
            if v is not None and v >= 0:
                seen.add(int(v))
            time.sleep(0.05)
    finally:
        browser.execute_cdp_cmd("Network.emulateNetworkConditions", {
            "offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    assert browser.find_elements(By.ID, "report"), "no report came back"
    assert len([v for v in seen if 0 < v < 100]) >= 2, seen  # the bar moved as bytes went out
    bar = browser.find_element(By.ID, "progress")
    assert int(bar.get_attribute("data-uploaded")) == int(bar.get_attribute("data-total"))
    assert int(bar.get_attribute("data-total")) > 3_000_000
    assert browser.current_url.endswith("/ingest")  # no page load: the script showed it
    rows = browser.find_elements(By.CSS_SELECTOR, "#report li.file")
    assert [r.get_attribute("data-file") for r in rows] == ["kafr.txt", "scan.pdf"]
    assert "ok" in rows[0].get_attribute("class") and "failed" in rows[1].get_attribute("class")
    err = rows[1].find_element(By.CSS_SELECTOR, ".failures code").text
    assert err.startswith("marsad: scan.pdf: unsupported file type .pdf")
    assert browser.find_element(By.ID, "progress-text").text == "اكتملت الإضافة"
    assert _hits(upload_server, "كفرنبودة") == 1
    snap(browser, shots, "ingest_report")


def test_cross_site_form_cannot_upload(upload_server: str, browser: webdriver.Chrome,
                                       tmp_path: Path) -> None:
    """A page of another origin posts a form to marsad: refused, nothing stored."""
    target = upload_server + "/ingest"
    (tmp_path / "evil.html").write_text(
        '<!doctype html><meta charset="utf-8"><form id="f" method="post" '
        f'enctype="multipart/form-data" action="{target}">'
        '<input type="hidden" name="csrf" value="guessed"><input type="file" name="files" id="x">'
        '<button id="go">go</button></form>', encoding="utf-8")
    note = tmp_path / "planted.txt"
    note.write_text(NOTE.replace("كفرنبودة", "تلمنس"), encoding="utf-8")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a: object, **k: object) -> None:
            super().__init__(*a, directory=str(tmp_path), **k)  # type: ignore[arg-type]

        def log_message(self, *a: object) -> None:
            pass

    evil = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=evil.serve_forever, daemon=True).start()
    try:  # "localhost" is another site than "127.0.0.1" to the browser
        browser.get(f"http://localhost:{evil.server_address[1]}/evil.html")
        browser.find_element(By.ID, "x").send_keys(str(note))
        browser.find_element(By.ID, "go").click()
        wait(browser).until(ec.url_contains(upload_server))
        err = browser.find_element(By.CSS_SELECTOR, "section.error")
        assert err.get_attribute("data-code") == "forbidden"
        assert err.get_attribute("data-status") == "403"
    finally:
        evil.shutdown()
        evil.server_close()
    assert _hits(upload_server, "تلمنس") == 0
