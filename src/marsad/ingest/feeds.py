"""RSS and Atom feeds: one Document per entry (feedparser, offline: bytes in, no fetching).

Per entry: ``title``; ``link`` as url; ``published`` (else ``updated``) as YYYY-MM-DD;
text from the full ``content`` when the feed carries it, else ``summary``, with HTML
tags stripped (block elements become line breaks); outlet = the feed's title; id = the
entry's own id (guid), else its link, else ``<file name>#<n>``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

from marsad.document import Document
from marsad.errors import InputError
from marsad.ingest.pubdate import normalize_published
from marsad.ingest.textfile import article_document

_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(rss|feed|RDF)[\s>]", re.I)
_BLOCK = re.compile(r"</?(p|div|br|li|h[1-6]|tr|blockquote|section|article)\b[^>]*>", re.I)


def warn(doc: Document, message: str) -> None:
    """Note something lost or changed on ``doc`` (``meta["warnings"]``); ``marsad
    ingest`` prints each note as a line naming the article's source."""
    doc.meta.setdefault("warnings", []).append(message)


def safe_url(url: object) -> str | None:
    """``url`` when it is an http(s) address; None for ``javascript:``, ``data:``,
    ``file:`` and any other scheme, and for text with control characters, so what is
    stored and exported as an article's URL can be followed safely."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if not url or any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in url):
        return None
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    return url if scheme in ("http", "https") else None


def is_feed(data: bytes) -> bool:
    """True when the XML's root element is ``rss``, ``feed`` (Atom) or ``rdf:RDF``."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    head = re.sub(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", b"", head, flags=re.S).lstrip()
    m = _ROOT.match(head)
    return bool(m)


def html_to_text(html: str) -> str:
    """Text of an HTML fragment: tags dropped, each block element one line."""
    if "<" not in html and "&" not in html:
        return html
    import lxml.html

    marked = _BLOCK.sub("\n", html)
    try:
        text = str(lxml.html.fromstring(f"<div>{marked}</div>").text_content())
    except Exception:  # noqa: BLE001 - fall back to a crude tag strip
        text = re.sub(r"<[^>]+>", " ", marked)
    # one paragraph per line, as the other readers give it
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


def _date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return time.strftime("%Y-%m-%d", value)
    for key in ("published", "updated", "created"):
        value = normalize_published(entry.get(key))
        if value:
            return value
    return None


def read_feed(
    data: bytes, *, source: str, name: str, published: str | None = None
) -> Iterator[Document | InputError]:
    import feedparser

    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        exc = parsed.get("bozo_exception")
        yield InputError(source, f"not a readable RSS/Atom feed ({exc})")
        return
    outlet = (parsed.feed.get("title") or "").strip() or None
    if not parsed.entries:
        yield InputError(source, "feed has no entries")
        return
    for n, entry in enumerate(parsed.entries, start=1):
        where = f"{source}#{n}"
        link = safe_url(entry.get("link"))
        body = ""
        for content in entry.get("content") or []:
            if content.get("value"):
                body = content["value"]
                break
        body = body or entry.get("summary") or entry.get("description") or ""
        text = html_to_text(body)
        title = html_to_text(entry.get("title") or "").strip() or None
        try:
            doc = article_document(
                text,
                doc_id=str(entry.get("id") or link or f"{name}#{n}"),
                source=where,
                published=_date(entry),
                fallback_published=published,
                title=title,
                outlet=outlet,
                url=link,
            )
        except InputError as exc:  # over a limit (marsad.ingest.limits)
            yield exc
            continue
        except Exception as exc:  # noqa: BLE001 - one bad entry must not stop the feed
            yield InputError(where, f"entry {n} could not be read ({type(exc).__name__})")
            continue
        if doc is None:
            if title:  # a headline-only entry is still an article a user may want
                doc = Document(id=str(entry.get("id") or link or f"{name}#{n}"),
                               text=title, source=where, title=title, outlet=outlet,
                               published=_date(entry) or published, url=link)
            else:
                yield InputError(where, f"entry {n} has neither text nor title")
                continue
        if entry.get("link") and link is None:
            warn(doc, f"link {str(entry.get('link'))[:60]!r} is not an http(s) URL; "
                 "not stored as the article's URL")
        yield doc
