"""A database for the web tests: the shipped sample corpus (extracted) plus one planted
hostile article, built once per test process."""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
from pathlib import Path

from marsad.cli.main import main
from marsad.document import Document
from marsad.store import open_store

# written for these tests: an article whose text and URL try to run script
XSS_TEXT = (
    'قال مصدر محلي إن <script>document.title="pwned";window.__xss=1</script> '
    'القصف طال قرية الزيتونة <img src=x onerror="window.__xss=2"> '
    'وإن <a href="javascript:window.__xss=3">الرابط</a> كاذب. مرصدتجريبي'
)
XSS_URL = "javascript:window.__xss=4"
XSS_TITLE = '<b onmouseover="window.__xss=5">عنوان</b> مرصدتجريبي'


@functools.lru_cache(maxsize=1)
def web_db() -> str:
    folder = Path(tempfile.mkdtemp(prefix="marsad-web-"))
    path = folder / "web.db"
    prebuilt = os.environ.get("MARSAD_WEB_TEST_DB")  # a sample database made beforehand
    if prebuilt:
        shutil.copy(prebuilt, path)
    else:
        assert main(["ingest", "--sample", "--db", str(path), "-q"]) == 0
    with open_store(path) as store:
        store.add(Document(id="planted-xss", text=XSS_TEXT, title=XSS_TITLE, url=XSS_URL,
                           outlet="<i>مصدر</i>", published="2025-06-20"))
    return str(path)


def xss_article_id() -> int:
    with open_store(web_db(), create=False) as store:
        row = store.get_article("planted-xss")
        assert row is not None
        return int(row["id"])
