"""Story-first reading of saved web pages: title, outlet, published and story bounds.

Dev pages and their gold are read from ../shared at run time; the short pages below are
written for these tests (not copied article text).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.eval.gold import load_gold, read_gold_document
from marsad.ingest.records import baly_documents
from marsad.ingest.textfile import article_document
from marsad.ingest.webstory import (
    drop_date_lists,
    outlet_for_domain,
    read_date,
    stamp_dates,
    url_published,
)


def _web(page: str, url: str) -> object:
    doc = article_document(page, doc_id="t", source="t", url=url, web=True)
    assert doc is not None
    return doc


# --- dev pages: metadata recovered from the page and its URL only --------------------


@pytest.fixture(scope="module")
def dev_pairs(shared: Path) -> list[tuple[dict, object]]:
    if not (shared / "gold" / "dev.json").exists():
        pytest.skip("no dev gold")
    return [(g, read_gold_document(g, "dev")) for g in load_gold("dev")]


def _right(pairs: list[tuple[dict, object]], name: str) -> int:
    norm = lambda v: " ".join(str(v).split()) if v is not None else None  # noqa: E731
    return sum(norm(g.get(name)) == norm(getattr(d, name)) for g, d in pairs)


def test_dev_title_outlet_published_recovered(dev_pairs: list[tuple[dict, object]]) -> None:
    n = len(dev_pairs)
    assert _right(dev_pairs, "title") >= n - 3
    assert _right(dev_pairs, "outlet") >= n - 1
    assert _right(dev_pairs, "published") >= n - 2


def test_dev_published_source_recorded(dev_pairs: list[tuple[dict, object]]) -> None:
    for _, doc in dev_pairs:
        if doc.published:  # type: ignore[attr-defined]
            assert doc.meta["published_source"] in ("page", "url")  # type: ignore[attr-defined]
        else:
            assert "published_source" not in doc.meta  # type: ignore[attr-defined]


def test_dev_story_has_no_crawl_dates_or_footer(dev_pairs: list[tuple[dict, object]]) -> None:
    for gold, doc in dev_pairs:
        text = doc.text  # type: ignore[attr-defined]
        assert "Please enable JavaScript" not in text
        assert "Copyright" not in text and "جميع الحقوق محفوظة" not in text
        # no date of the crawl (later than any date the gold annotates) survives
        years = {d["value"][:4] for d in gold["dates"] if d.get("value")}
        if gold.get("published") and "2018" not in years:
            assert "يناير 2018" not in text, gold["doc"]


def test_baly_page_headline_kept_in_story_and_title(shared: Path) -> None:
    import json

    files = sorted((shared / "data" / "baly" / "dataset").glob("*.json"))
    if not files:
        pytest.skip("no Baly data")
    seen = 0
    for path in files[:60]:
        obj = json.loads(path.read_text(encoding="utf-8"))
        for doc in baly_documents(obj, source=str(path), published=None):
            if isinstance(doc, Exception) or not doc.title:
                continue
            seen += 1
            assert 2 <= len(doc.title.split()) <= 45
            assert doc.outlet  # always some name: page, table or domain
    assert seen >= 30


# --- dates ---------------------------------------------------------------------------


def test_url_dates() -> None:
    assert url_published("http://example.com/2017/12/19/some-story") == "2017-12-19"
    assert url_published("http://example.com/story/2017/6/17/slug/3287891") == "2017-06-17"
    assert url_published("http://example.com/ar/20171226-slug-words") == "2017-12-26"
    assert url_published("http://example.com/?p=50680") is None
    assert url_published("http://example.com/node/42268") is None


def test_publication_stamps() -> None:
    assert [v for *_, v in stamp_dates("هذا المحتوى تم نشره يوم 14 نوفمبر , 2017 11 : 05 ص")] == ["2017-11-14"]
    assert [v for *_, v in stamp_dates("عدد اليوم الأربعاء 27 ديسمبر 2017 عنوان")] == ["2017-12-27"]
    assert [v for *_, v in stamp_dates("نشر في : نوفمبر 14 , 2017 9 : 59 م")] == ["2017-11-14"]
    assert stamp_dates("وصل الوفد في 22 ديسمبر 2017 إلى جنيف") == []
    assert read_date("19 / 12 / 2017") == "2017-12-19"


def test_date_runs_and_stamped_lists_dropped() -> None:
    assert drop_date_lists("انتهى 3 مارس 2018 4 مارس 2018 5 مارس 2018 نهاية") == "انتهى نهاية"
    listed = "خبر أول 2018 - 02 - 03 10 : 11 : 12 خبر ثان 2018 - 02 - 02 09 : 00 : 01 خبر ثالث 2018 - 02 - 01 08 : 30 : 00"
    assert "2018" not in drop_date_lists(listed)
    prose = "وصل الوزير في 3 مارس 2017 بعد أن غادر في 1 مارس 2017 العاصمة"
    assert drop_date_lists(prose) == prose


_STORY = (
    "أعلنت وزارة الصحة في المدينة الساحلية أن عدد المصابين ارتفع إلى 40 شخصا بعد الحادث ، "
    "وقال مسؤول في الوزارة إن فرق الإسعاف ما زالت تعمل في المنطقة حتى المساء ."
)


def test_web_page_story_first() -> None:
    page = (
        "انفجار في ميناء المدينة الساحلية يوقع عشرات الجرحى | موقع النجمة الرئيسية أخبار رياضة اقتصاد\n"
        "الأحد , 4 مارس 2018 10 : 15 ص انفجار في ميناء المدينة الساحلية يوقع عشرات الجرحى "
        + _STORY + "\n"
        "وأضاف المسؤول أن التحقيق بدأ لمعرفة أسباب الانفجار الذي وقع قرب الرصيف الجنوبي للميناء صباح اليوم .\n"
        "( رويترز , الأناضول ) Please enable JavaScript 3 مارس 2018 2 مارس 2018 1 مارس 2018 "
        "أخبار ذات صلة حادث آخر في الشمال 2018 جميع الحقوق محفوظة لموقع النجمة"
    )
    doc = _web(page, "https://najma.example/news/2018/03/02/port-blast")
    assert doc.title == "انفجار في ميناء المدينة الساحلية يوقع عشرات الجرحى"
    assert doc.outlet == "رويترز , الأناضول"
    assert doc.published == "2018-03-02" and doc.meta["published_source"] == "url"
    assert doc.text.startswith(doc.title)
    assert "4 مارس 2018" not in doc.text  # the header's crawl stamp went with the chrome
    assert "مارس 2018" not in doc.text.split("الجنوبي")[-1]
    assert "Please" not in doc.text and "ذات صلة" not in doc.text
    assert doc.text.rstrip().endswith("صباح اليوم .")


def test_web_page_site_name_and_page_stamp() -> None:
    page = (
        "البرامج الحلقات تعليقات " + "بعد يومين من المفاوضات اتفاق على فتح معبر حدودي جديد" + "\n"
        "تم نشره يوم 5 أيار , 2016 " + _STORY + "\n"
        "حقوق النشر محفوظة ل - موقع النجمة الإخباري"
    )
    doc = _web(page, "https://najma.example/?p=1234")
    assert doc.published == "2016-05-05" and doc.meta["published_source"] == "page"
    assert doc.outlet == "النجمة الإخباري"  # «ل - موقع X»: the site is X


def test_web_page_outlet_from_domain_table() -> None:
    page = "البرامج الحلقات\n" + _STORY + "\n" + _STORY.replace("40", "41")
    doc = _web(page, "https://www.france24.com/ar/some-page")
    assert doc.outlet == outlet_for_domain("https://www.france24.com/ar/x") == "فرانس 24"
    bare = _web(page, "https://news.unknown-site.example/a")
    assert bare.outlet == "news.unknown-site.example"
    assert "published_source" not in bare.meta


def test_web_page_inline_dateline_names_agency() -> None:
    page = (
        "قمة إقليمية تبحث الأزمة | المثال\n"
        "قمة إقليمية تبحث الأزمة عمان ( رويترز ) - " + _STORY + "\n" + _STORY.replace("40", "42")
    )
    doc = _web(page, "https://mithal.example/a/1")
    assert doc.outlet == "رويترز" and doc.dateline == "عمان"


def test_outlet_table_covers_common_corpus_sites() -> None:
    for url, name in (
        ("http://www.aljazeera.net/news/x", "الجزيرة"),
        ("https://www.alarabiya.net/ar/x", "العربية"),
        ("http://arabic.rt.com/news/1", "روسيا اليوم"),
        ("http://www.alriyadh.com/123", "الرياض"),
    ):
        assert outlet_for_domain(url) == name


def test_list_ages_dropped_but_prose_kept() -> None:
    assert drop_date_lists("آخر الأخبار قبل ساعة قبل 3 أيام قبل شهر قبل شهرين") == "آخر الأخبار"
    prose = "وقال المسؤول قبل ساعة إن القصف بدأ منذ يومين"
    assert drop_date_lists(prose) == prose


def test_title_copy_site_parts_and_suffix() -> None:
    page = (
        "Najma News - موقع النجمة - سقوط أمطار غزيرة على المدن الساحلية - Najma News الرئيسية\n"
        "سقوط أمطار غزيرة على المدن الساحلية " + _STORY + "\n" + _STORY.replace("40", "43")
    )
    doc = _web(page, "https://www.najma-news.example/a/9")
    assert doc.title == "سقوط أمطار غزيرة على المدن الساحلية"
    assert doc.outlet == "Najma News"


def test_published_source_input_wins() -> None:
    page = "تم نشره يوم 5 أيار , 2016 " + _STORY + "\n" + _STORY.replace("40", "44")
    doc = article_document(page, doc_id="t", source="t", published="2016-05-04",
                           url="https://x.example/2016/05/03/a", web=True)
    assert doc is not None and doc.published == "2016-05-04"
    assert doc.meta["published_source"] == "input"
    fallback = article_document(_STORY, doc_id="t", source="t", fallback_published="2016-05-01",
                                url="https://x.example/a", web=True)
    assert fallback is not None and fallback.published == "2016-05-01"
    assert fallback.meta["published_source"] == "input"
