"""A ``.txt`` article: decode, clean, strip web chrome when there is any, read metadata.

Order: bytes are decoded (``encoding.decode_bytes``), the shared cleaning runs
(``clean.clean_text``), headline/byline/dateline/source lines are read and leave the
body (``article.split_article``), and, only when the text shows signs of being a page
saved from the web (navigation cues, URLs, lines repeated, dates alone on a line), the
story is cut out of the chrome (``webtext.strip_boilerplate``).  A clean article is
never cut.
"""

from __future__ import annotations

from pathlib import Path

from marsad.document import Document
from marsad.errors import InputError
from marsad.ingest.article import split_article
from marsad.ingest.clean import clean_text, fold
from marsad.ingest.encoding import TextDecodeError, decode_bytes
from marsad.ingest.limits import check_article
from marsad.ingest.webstory import cut_page_chrome, read_web_story
from marsad.ingest.webtext import looks_like_web_dump, strip_boilerplate

_GENERIC = {fold(w) for w in ("وكالات", "الوكالات")}


def article_document(
    text: str,
    *,
    doc_id: str,
    source: str,
    published: str | None = None,
    fallback_published: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    web: bool | None = None,
) -> Document | None:
    """Build a Document from raw article text; None when no story text is left.

    ``published`` is the input's own date; else a date line in the article's header;
    else ``fallback_published`` (the user's ``--published``).
    ``web=None`` decides from the text whether to strip web chrome; ``True`` always does
    (pages scraped as text), ``False`` never does.
    A text over ``limits.MAX_ARTICLE_CHARS`` raises ``limits.ArticleTooLong`` (an
    InputError) before any work is done on it.
    """
    check_article(text, source)
    cleaned = clean_text(text)
    page = cleaned
    if web:
        cleaned = cut_page_chrome(cleaned)
    parts = split_article(cleaned, want_title=title is None)
    body = parts.body
    if web or (web is None and looks_like_web_dump(body)):
        kept_verbatim = set(body.split("\n"))
        body = strip_boilerplate(body)
        # the headline of a saved page sits after the menus: read the story's head again
        # (not for scraped corpora, ``web=True``, whose first lines are cut-up chrome)
        first = body.split("\n", 1)[0]
        again = split_article(
            body,
            want_title=web is None and title is None and parts.title is None
            and first in kept_verbatim,
        )
        body = again.body
        parts.title = parts.title or again.title
        parts.outlet = parts.outlet or again.outlet
        parts.dateline = parts.dateline or again.dateline
        parts.published = parts.published or again.published
        for key, value in again.meta.items():
            parts.meta.setdefault(key, value)
    published_source = "input" if published else None
    if web:
        # scraped pages: story first (headline, signature, site name, dates on the page)
        story = read_web_story(page, body, url)
        body = story.body
        # the headline found story-first beats a first line that carries menu words
        parts.title = story.title or parts.title
        if story.outlet and (not parts.outlet or fold(parts.outlet) in _GENERIC):
            parts.outlet = story.outlet
        parts.dateline = parts.dateline or story.dateline
        if not parts.published and story.published:
            parts.published = story.published
            published_source = published_source or story.published_source
        for key, value in story.meta.items():
            parts.meta.setdefault(key, value)
    if parts.published and not published_source:
        published_source = "page"
    if not published_source and fallback_published:
        published_source = "input"
    if not body.strip():
        return None
    doc = Document(
        id=doc_id,
        text=body,
        source=source,
        title=title or parts.title,
        outlet=outlet or parts.outlet,
        dateline=parts.dateline,
        published=published or parts.published or fallback_published,
        url=url,
    )
    doc.meta.update(parts.meta)
    if doc.published and published_source:
        doc.meta["published_source"] = published_source
    return doc


def read_text_bytes(
    data: bytes, *, source: str, name: str, published: str | None = None
) -> Document | InputError:
    """One Document from the bytes of a ``.txt`` file, or the reason it cannot be read."""
    try:
        text, encoding = decode_bytes(data)
    except TextDecodeError as exc:
        return InputError(source, str(exc))
    try:
        doc = article_document(text, doc_id=name, source=source, fallback_published=published)
    except InputError as exc:
        return exc
    if doc is None:
        return InputError(source, "no article text left after cleaning")
    doc.meta["encoding"] = encoding
    return doc


def read_text_file(path: Path, *, published: str | None = None) -> Document | InputError:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return InputError(path, f"cannot read: {exc.strerror or exc}")
    return read_text_bytes(data, source=str(path), name=path.name, published=published)
