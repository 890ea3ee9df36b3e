"""The built-in sample corpus (src/marsad/samples): present, well-formed, Arabic, original.

These tests read the corpus with the standard library only, on purpose: they check the
files themselves, not marsad's ingest (which has its own tests).
"""

from __future__ import annotations

import csv
import itertools
import json
import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest

import marsad
from marsad.text.normalize import fold

SAMPLES = Path(marsad.__file__).parent / "samples"
ARTICLE_SUFFIXES = {".txt", ".html", ".xml", ".jsonl", ".csv"}
ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")
LETTER = re.compile(r"[^\W\d_]")


def article_files() -> list[Path]:
    return sorted(p for p in SAMPLES.iterdir() if p.suffix in ARTICLE_SUFFIXES)


def read_txt(path: Path) -> str:
    """A .txt sample as text: UTF-8, or Windows-1256 for the one legacy file."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1256")
    return text.replace("\r\n", "\n")


class _PageParser(HTMLParser):
    """Collects <title>, <meta property=…> values, tag names and the <p> texts."""

    def __init__(self) -> None:
        super().__init__()
        self.title = ""
        self.meta: dict[str, str] = {}
        self.tags: set[str] = set()
        self.paragraphs: list[str] = []
        self.footer_text = ""
        self._stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag == "meta":
            a = dict(attrs)
            key = a.get("property") or a.get("name")
            if key and a.get("content"):
                self.meta[key] = a["content"] or ""
            return
        self._stack.append(tag)
        if tag == "p":
            self.paragraphs.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._stack:
            while self._stack and self._stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if "title" in self._stack:
            self.title += data
        if "p" in self._stack and "article" in self._stack:
            self.paragraphs[-1] += data
        if "footer" in self._stack:
            self.footer_text += data


def parse_page(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def rss_items(path: Path) -> tuple[ElementTree.Element, list[ElementTree.Element]]:
    root = ElementTree.parse(path).getroot()
    channel = root.find("channel")
    assert channel is not None
    return channel, channel.findall("item")


def jsonl_records(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def one(suffix: str) -> Path:
    found = [p for p in article_files() if p.suffix == suffix]
    assert len(found) == 1, f"expected exactly one {suffix} sample, found {found}"
    return found[0]


def all_articles() -> dict[str, str]:
    """Every article in the corpus as ``{"file[#n]": headline + body}``."""
    out: dict[str, str] = {}
    for path in article_files():
        if path.suffix == ".txt":
            out[path.name] = read_txt(path)
        elif path.suffix == ".html":
            page = parse_page(path)
            out[path.name] = "\n".join([page.meta["og:title"], *page.paragraphs])
        elif path.suffix == ".xml":
            for n, item in enumerate(rss_items(path)[1], 1):
                out[f"{path.name}#{n}"] = (
                    f"{item.findtext('title')}\n{item.findtext('description')}"
                )
        elif path.suffix == ".jsonl":
            for n, rec in enumerate(jsonl_records(path), 1):
                out[f"{path.name}#{n}"] = f"{rec['title']}\n{rec['text']}"
        elif path.suffix == ".csv":
            for n, row in enumerate(csv_rows(path), 1):
                out[f"{path.name}#{n}"] = f"{row['title']}\n{row['content']}"
    return out


def arabic_share(text: str) -> float:
    letters = LETTER.findall(text)
    return len(ARABIC_LETTER.findall(text)) / max(1, len(letters))


def word_shingles(text: str, size: int) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", fold(text))
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def jaccard(a: str, b: str, size: int = 3) -> float:
    sa, sb = word_shingles(a, size), word_shingles(b, size)
    return len(sa & sb) / max(1, len(sa | sb))


# --------------------------------------------------------------------------- presence


def test_corpus_has_14_to_18_articles_in_every_format() -> None:
    files = article_files()
    assert {p.suffix for p in files} == ARTICLE_SUFFIXES
    articles = all_articles()
    assert 14 <= len(articles) <= 18, sorted(articles)
    assert sum(p.suffix == ".txt" for p in files) >= 6


def test_folder_holds_only_articles_and_the_readme() -> None:
    others = {p.name for p in SAMPLES.iterdir()} - {p.name for p in article_files()}
    assert others <= {"README.md", "__pycache__"}, others


# --------------------------------------------------------------------------- encodings


def test_exactly_one_txt_is_windows_1256_and_it_is_not_utf8() -> None:
    legacy = []
    for path in SAMPLES.glob("*.txt"):
        try:
            path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            legacy.append(path)
    assert len(legacy) == 1, legacy
    text = legacy[0].read_bytes().decode("cp1256")
    assert arabic_share(text) > 0.95
    # Saved on Windows: CRLF line ends, and the bytes are the cp1256 encoding of the text.
    assert "\r\n" in text
    assert text.encode("cp1256") == legacy[0].read_bytes()


def test_other_text_files_are_utf8_without_bom() -> None:
    for path in article_files():
        if path.name.endswith("_cp1256.txt"):
            continue
        raw = path.read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf"), path.name
        raw.decode("utf-8")


# --------------------------------------------------------------------------- content


@pytest.mark.parametrize("name", sorted(all_articles()))
def test_every_article_is_a_short_arabic_news_story(name: str) -> None:
    text = all_articles()[name]
    lines = [line for line in text.split("\n") if line.strip()]
    assert 5 <= len(lines) <= 15, (name, len(lines))
    assert arabic_share(text) > 0.9, name
    assert len(lines[0]) < 120, "first line is a headline"
    assert re.search(r"[0-9\u0660-\u0669]", text), "news about numbers carries some"


def test_txt_files_start_with_a_headline_line() -> None:
    for path in SAMPLES.glob("*.txt"):
        headline = read_txt(path).split("\n", 1)[0]
        assert headline.strip() and not headline.rstrip().endswith("."), path.name


# --------------------------------------------------------------------------- structured formats


def test_jsonl_records_have_the_export_fields() -> None:
    records = jsonl_records(one(".jsonl"))
    assert len(records) == 3
    for rec in records:
        assert set(rec) == {"id", "title", "text", "published", "outlet", "url"}
        assert date.fromisoformat(rec["published"]).year in (2024, 2025)
        assert rec["url"].startswith("https://") and rec["outlet"] and rec["title"]
    assert len({r["id"] for r in records}) == 3
    assert len({r["outlet"] for r in records}) == 3


def test_csv_rows_have_the_columns_and_multiline_content() -> None:
    path = one(".csv")
    with path.open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert header == ["id", "title", "content", "published", "source"]
    rows = csv_rows(path)
    assert len(rows) == 2
    for row in rows:
        assert datetime.strptime(row["published"], "%d/%m/%Y").year in (2024, 2025)
        assert "\n" in row["content"] and row["source"]


def test_rss_feed_is_rss2_with_dated_items() -> None:
    path = one(".xml")
    assert ElementTree.parse(path).getroot().get("version") == "2.0"
    channel, items = rss_items(path)
    assert channel.findtext("title")
    assert 2 <= len(items) <= 3
    for item in items:
        for field in ("title", "link", "pubDate", "description"):
            assert (item.findtext(field) or "").strip(), field
        assert parsedate_to_datetime(item.findtext("pubDate") or "").year in (2024, 2025)


def test_html_page_has_metadata_and_furniture_to_drop() -> None:
    page = parse_page(one(".html"))
    site = page.meta["og:site_name"]
    assert site and site in page.title
    assert date.fromisoformat(page.meta["article:published_time"][:10]).year in (2024, 2025)
    assert {"nav", "footer", "article", "h1"} <= page.tags
    assert "©" in page.footer_text
    assert len(page.paragraphs) >= 5


# --------------------------------------------------------------------------- the demo story


def test_strike_is_reported_with_differing_figures_then_denied() -> None:
    articles = all_articles()
    strike = {k: v for k, v in articles.items() if "بادية الميادين" in v}
    assert len(strike) >= 5
    wanted = ["أكثر من 40 مسلحا", "نحو 35", "27 قتيلا بينهم مدنيون"]
    sources = {phrase: {k for k, v in strike.items() if phrase in v} for phrase in wanted}
    assert all(sources.values()), sources
    # each figure comes from a different place in the corpus
    assert len({min(s) for s in sources.values()}) == 3
    assert any(re.search(r"نفى المتحدث باسم [^،]+، [^،]+، أن تكون", v) for v in strike.values())


def test_exactly_one_near_duplicate_pair() -> None:
    articles = all_articles()
    near = [
        (a, b)
        for a, b in itertools.combinations(sorted(articles), 2)
        if jaccard(articles[a], articles[b]) >= 0.8
    ]
    assert len(near) == 1, near
    a, b = near[0]
    assert jaccard(articles[a], articles[b]) < 1.0, "a near, not an exact, duplicate"
    # every other pair is clearly distinct
    for x, y in itertools.combinations(sorted(articles), 2):
        if (x, y) != (a, b):
            assert jaccard(articles[x], articles[y]) < 0.3, (x, y)


def test_month_series_and_relative_dates_are_covered() -> None:
    corpus = "\n".join(all_articles().values())
    for expression in [
        "أيار",
        "مايو",
        "ماي ",
        "جوان",
        "كانون الثاني",
        "حزيران/يونيو",
        "أمس",
        "أول أمس",
        "الخميس الماضي",
        "الشهر الماضي",
        "ليلة 29 – 30",
    ]:
        assert expression in corpus, expression


def test_figure_qualifiers_words_and_units_are_covered() -> None:
    corpus = "\n".join(all_articles().values())
    for expression in [
        "نحو",
        "أكثر من",
        "ما لا يقل عن",
        "عشرات",
        "لا يتجاوز",
        "ثلاثة",
        "خمسة آلاف",
        "كيلومترا",
        "هكتارا",
        "طنا",
        "بالمئة",
    ]:
        assert expression in corpus, expression


# --------------------------------------------------------------------------- README


def readme_rows() -> dict[str, str]:
    rows: dict[str, str] = {}
    for line in (SAMPLES / "README.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"\| `([^`]+)` \|(.*)\|\s*$", line)
        if m:
            rows[m.group(1)] = m.group(2)
    return rows


def test_readme_lists_every_file_and_only_those() -> None:
    assert set(readme_rows()) == {p.name for p in article_files()}


def test_readme_quotes_are_really_in_the_files() -> None:
    """Every «…» the README quotes for a file occurs in it (… stands for omitted words)."""
    for name, row in readme_rows().items():
        path = SAMPLES / name
        text = read_txt(path) if path.suffix == ".txt" else path.read_text(encoding="utf-8")
        quotes = re.findall(r"«([^»]+)»", row)
        assert quotes, name
        for quote in quotes:
            for piece in quote.split("…"):
                assert piece.strip() in text, (name, piece)


# --------------------------------------------------------------------------- originality


def test_no_sentence_is_taken_from_the_real_seed_articles(seeds_dir: Path) -> None:
    """The corpus is fiction: it shares no run of 7 words with the real articles in ../shared."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    assert seeds
    seed_shingles = set().union(*(word_shingles(s, 7) for s in seeds))
    for name, text in all_articles().items():
        shared = word_shingles(text, 7) & seed_shingles
        assert not shared, (name, sorted(shared)[:3])
