"""An ``.html``/``.htm`` page: story and metadata, offline.

* **story**: trafilatura's main-text extraction (no comments); when it finds nothing
  (tiny pages), the ``<p>`` paragraphs of ``<article>``/``<main>``/``<body>``.  The
  headline repeated as the story's first line is dropped.  Then the shared cleaning and
  byline/dateline reading (``textfile.article_document``).
* **title**: ``og:title``, else ``<title>`` (minus a «| Site» tail), else ``<h1>``.
* **outlet**: ``og:site_name`` (else what trafilatura calls the site name).
* **url**: ``og:url`` or ``<link rel=canonical>``.
* **published**: meta tags (``article:published_time``, ``date``, ``pubdate``,
  ``og:published_time``, ``datePublished`` …), JSON-LD ``datePublished``,
  ``<time datetime>``, else the first Arabic «day month year» date in the page header
  text (footers and © lines removed first) — never a copyright year.
"""

from __future__ import annotations

import json
import re
from typing import Any

from marsad.document import Document
from marsad.errors import InputError
from marsad.ingest.clean import fold
from marsad.ingest.encoding import TextDecodeError, decode_bytes
from marsad.ingest.pubdate import arabic_dates, normalize_published
from marsad.ingest.textfile import article_document

_DATE_META = (
    "article:published_time", "og:published_time", "article:published", "datepublished",
    "date", "pubdate", "publishdate", "publish-date", "publish_date", "dc.date",
    "dc.date.issued", "dcterms.date", "dcterms.created", "sailthru.date", "parsely-pub-date",
    "created", "article.published", "cxenseparse:recs:publishtime",
)
_FOOTER_HINT = re.compile(r"footer|copyright|bottom|colophon", re.I)


def _parse(html_text: str) -> Any:
    import lxml.html

    return lxml.html.fromstring(html_text)


def _meta(tree: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = (el.get("content") or "").strip()
        if key and content and key not in out:
            out[key] = content
    return out


def _json_ld_dates(tree: Any) -> list[str]:
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key in ("datePublished", "dateCreated"):
                if isinstance(node.get(key), str):
                    found.append(node[key])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            try:
                walk(json.loads(script.text))
            except ValueError:
                continue
    return found


def _header_text(tree: Any) -> str:
    """Visible page text with footers, scripts and © lines removed."""
    import copy

    root = copy.deepcopy(tree)
    for el in list(root.iter("footer", "script", "style", "noscript")):
        el.drop_tree()
    for el in list(root.iter()):
        hint = f"{el.get('class') or ''} {el.get('id') or ''}"
        if _FOOTER_HINT.search(hint) and el.getparent() is not None:
            el.drop_tree()
    text = root.text_content()
    lines = [ln for ln in text.split("\n") if "©" not in ln and "حقوق" not in ln]
    return "\n".join(lines)


def find_published(tree: Any, story: str) -> str | None:
    """The publication date by the rules in the module docstring."""
    meta = _meta(tree)
    for key in _DATE_META:
        value = normalize_published(meta.get(key))
        if value:
            return value
    for raw in _json_ld_dates(tree):
        value = normalize_published(raw)
        if value:
            return value
    for el in tree.iter("time"):
        value = normalize_published(el.get("datetime") or el.text_content())
        if value:
            return value
    header = _header_text(tree)
    anchor = story.strip()[:40]
    cut = header.find(anchor) if anchor else -1
    dates = arabic_dates(header[:cut] if cut > 0 else header[:2000])
    return dates[0] if dates else None


def _title(tree: Any, meta: dict[str, str], site: str | None) -> str | None:
    if meta.get("og:title"):
        return meta["og:title"]
    titles = [t.text_content().strip() for t in tree.iter("title")]
    if titles and titles[0]:
        title = titles[0]
        for sep in (" | ", " - ", " – ", " :: "):
            head, found, tail = title.rpartition(sep)
            if found and head and (len(tail.split()) <= 4 or (site and fold(site) in fold(tail))):
                return head.strip()
        return title
    for h1 in tree.iter("h1"):
        text = h1.text_content().strip()
        if text:
            return text
    return None


def _fallback_text(tree: Any) -> str:
    for tag in ("article", "main", "body"):
        for el in tree.iter(tag):
            paras = [p.text_content().strip() for p in el.iter("p")]
            paras = [p for p in paras if p]
            if paras:
                return "\n".join(paras)
    return ""


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


def _declared_decode(data: bytes) -> str | None:
    """The page decoded with the charset its ``<meta>`` declares, if that works strictly."""
    m = _CHARSET.search(data[:4096])
    if not m:
        return None
    try:
        return data.decode(m.group(1).decode("ascii").lower().replace("windows-", "cp"))
    except (LookupError, UnicodeDecodeError):
        return None


def read_html_bytes(
    data: bytes, *, source: str, name: str, published: str | None = None
) -> Document | InputError:
    html_text = _declared_decode(data)
    if html_text is None:
        try:
            html_text, _ = decode_bytes(data)
        except TextDecodeError as exc:
            return InputError(source, str(exc))
    try:
        tree = _parse(html_text)
    except Exception as exc:  # noqa: BLE001 - lxml raises several types on bad markup
        return InputError(source, f"not a readable HTML page ({exc})")
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(
            html_text, with_metadata=True, favor_recall=True, include_comments=False,
            include_tables=False,
        )
    except Exception:  # noqa: BLE001 - fall back to our own paragraphs
        extracted = None
    if extracted is not None and not isinstance(extracted, dict):
        extracted = extracted.as_dict()
    info: dict[str, Any] = extracted if isinstance(extracted, dict) else {}
    meta = _meta(tree)
    site = meta.get("og:site_name") or info.get("sitename") or None
    title = _title(tree, meta, site) or info.get("title")
    story = (info.get("text") or "").strip()
    if len(story) < 40:
        story = _fallback_text(tree) or story
    lines = story.split("\n")
    if title and lines and fold(lines[0]).strip() == fold(title).strip():
        story = "\n".join(lines[1:])
    url = meta.get("og:url")
    if not url:
        for link in tree.iter("link"):
            if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
                url = link.get("href")
                break
    try:
        doc = article_document(
            story,
            doc_id=name,
            source=source,
            published=find_published(tree, story),
            fallback_published=published,
            title=title.strip() if title else None,
            outlet=site.strip() if site else None,
            url=url or info.get("url"),
        )
    except InputError as exc:  # over a limit (marsad.ingest.limits)
        return exc
    if doc is None:
        return InputError(source, "no article text found in the page")
    return doc
