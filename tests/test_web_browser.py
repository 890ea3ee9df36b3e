"""The web app in a real browser: Debian's chromium driven by Selenium (chromium-driver).

The server runs in a thread on a free loopback port over the sample database.  The
tests type a search, click a facet, open an article and click a mark, run a check, see
the map, and check that a planted hostile article runs nothing.  Screenshots go to
$MARSAD_SCREENSHOTS (``make screenshots`` sets docs/screenshots) or a temp folder.

Without chromium these tests skip, unless MARSAD_BROWSER_REQUIRED=1 (CI sets it).
"""

from __future__ import annotations

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


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    import uvicorn

    from marsad.web.app import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(web_db()), host="127.0.0.1", port=port,
                            log_level="warning", lifespan="off")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


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
    snap(browser, shots, "map")


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
