"""Ingest of web formats: HTML pages and RSS/Atom feeds written here (our own text)."""

from __future__ import annotations

from pathlib import Path

from marsad.document import Document
from marsad.errors import InputError
from marsad.ingest import read_paths

P1 = "قال المتحدث باسم الجيش إن القوات سيطرت على ثلاث قرى في ريف المدينة الشمالي بعد معارك عنيفة."
P2 = "وأضاف أن الاشتباكات أسفرت عن مقتل 12 مسلحا وإصابة آخرين بجروح متفاوتة خلال يومين."
P3 = "وأكد أن العمليات العسكرية ستستمر حتى تأمين المنطقة بالكامل وعودة الأهالي إلى منازلهم."
TITLE = "الجيش يسيطر على ثلاث قرى في ريف المدينة"


def _page(head: str, header: str = "", footer: str = "") -> str:
    return f"""<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">{head}</head>
<body><nav><ul><li>الرئيسية</li><li>سياسة</li><li>رياضة</li><li>اقتصاد</li></ul></nav>
<header>{header}</header>
<article><h1>{TITLE}</h1><p>{P1}</p><p>{P2}</p><p>{P3}</p></article>
<aside><h3>الأكثر قراءة</h3><ul><li>خبر آخر لا علاقة له</li><li>خبر ثالث</li></ul></aside>
<footer>{footer}</footer></body></html>"""


def _read(*paths: Path, published: str | None = None) -> list[Document | InputError]:
    return list(read_paths([str(p) for p in paths], published=published))


def test_html_metadata_from_meta_tags(tmp_path: Path) -> None:
    head = (
        f'<title>{TITLE} | شبكة الأخبار</title>'
        '<meta property="og:site_name" content="شبكة الأخبار">'
        f'<meta property="og:title" content="{TITLE}">'
        '<meta property="og:url" content="https://news.example/a/1">'
        '<meta property="article:published_time" content="2017-06-23T09:30:00+03:00">'
    )
    path = tmp_path / "page.html"
    path.write_text(_page(head, footer="© 2020 جميع الحقوق محفوظة"), encoding="utf-8")
    [doc] = _read(path)
    assert isinstance(doc, Document)
    assert (doc.title, doc.outlet, doc.url, doc.published) == (
        TITLE, "شبكة الأخبار", "https://news.example/a/1", "2017-06-23"
    )
    assert P1 in doc.text and P2 in doc.text and P3 in doc.text
    assert "الأكثر قراءة" not in doc.text and "الرئيسية" not in doc.text
    assert "حقوق" not in doc.text
    assert not doc.text.startswith(TITLE)


def test_html_date_from_json_ld_and_time_element(tmp_path: Path) -> None:
    ld = tmp_path / "ld.htm"
    ld.write_text(
        _page('<script type="application/ld+json">{"@context":"https://schema.org",'
              '"@graph":[{"@type":"NewsArticle","datePublished":"2016-12-12T08:00:00Z"}]}</script>'),
        encoding="utf-8",
    )
    tm = tmp_path / "time.html"
    tm.write_text(_page("", header='<time datetime="2017-09-25">25 أيلول</time>'), encoding="utf-8")
    a, b = _read(ld, tm)
    assert isinstance(a, Document) and isinstance(b, Document)
    assert a.published == "2016-12-12"
    assert b.published == "2017-09-25"


def test_html_arabic_header_date_but_never_the_copyright_year(tmp_path: Path) -> None:
    dated = tmp_path / "dated.html"
    dated.write_text(
        _page(f"<title>{TITLE}</title>", header="<span>الاثنين 12 كانون الأول 2016</span>",
              footer="جميع الحقوق محفوظة © 1 يناير 2021"),
        encoding="utf-8",
    )
    undated = tmp_path / "undated.html"
    undated.write_text(
        _page(f"<title>{TITLE}</title>", footer="© 2021 جميع الحقوق محفوظة - 3 مارس 2021"),
        encoding="utf-8",
    )
    a, b = _read(dated, undated)
    assert isinstance(a, Document) and isinstance(b, Document)
    assert a.published == "2016-12-12"
    assert a.title == TITLE
    assert b.published is None
    [c] = _read(undated, published="2017-01-05")
    assert isinstance(c, Document) and c.published == "2017-01-05"


def test_rss_and_atom_feeds(tmp_path: Path) -> None:
    rss = tmp_path / "feed.rss"
    rss.write_text(
        f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>وكالة الأنباء المحلية</title><link>https://agency.example</link>
<item><title>{TITLE}</title><link>https://agency.example/1</link><guid>agency-1</guid>
<pubDate>Fri, 23 Jun 2017 10:00:00 GMT</pubDate>
<description><![CDATA[<p>{P1}</p><p><b>{P2}</b></p>]]></description></item>
<item><title>خبر ثان</title><link>https://agency.example/2</link>
<description>{P3}</description></item>
</channel></rss>""",
        encoding="utf-8",
    )
    atom = tmp_path / "feed.xml"
    atom.write_text(
        f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>مرصد الأخبار</title>
<id>urn:feed</id><updated>2017-09-25T00:00:00Z</updated>
<entry><title>{TITLE}</title><id>urn:entry:9</id><link href="https://obs.example/9"/>
<published>2017-09-25T08:00:00Z</published>
<content type="html">&lt;p&gt;{P1}&lt;/p&gt;&lt;p&gt;{P2}&lt;/p&gt;</content></entry></feed>""",
        encoding="utf-8",
    )
    other = tmp_path / "data.xml"
    other.write_text('<?xml version="1.0"?><catalog><book>كتاب</book></catalog>', encoding="utf-8")
    items = _read(rss, atom, other, published="2017-01-01")
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(docs) == 3
    first, second, entry = docs
    assert (first.id, first.title, first.url, first.published, first.outlet) == (
        "agency-1", TITLE, "https://agency.example/1", "2017-06-23", "وكالة الأنباء المحلية"
    )
    assert first.text == f"{P1}\n{P2}"
    assert first.source == f"{rss}#1"
    assert second.published == "2017-01-01"  # no date in the entry: the --published value
    assert second.text == P3
    assert (entry.id, entry.outlet, entry.published, entry.url) == (
        "urn:entry:9", "مرصد الأخبار", "2017-09-25", "https://obs.example/9"
    )
    assert "<p>" not in entry.text and P2 in entry.text
    assert len(errors) == 1 and errors[0].source == str(other)
    assert "not an RSS or Atom feed" in errors[0].reason


def test_html_in_windows_1256_with_declared_charset(tmp_path: Path) -> None:
    html = _page('<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'
                 f"<title>{TITLE}</title>")
    html = html.replace('<meta charset="utf-8">', "")
    path = tmp_path / "old.htm"
    path.write_bytes(html.encode("cp1256"))
    [doc] = _read(path)
    assert isinstance(doc, Document)
    assert doc.title == TITLE and P2 in doc.text
