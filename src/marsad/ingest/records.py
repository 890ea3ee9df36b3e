"""Record files: JSON Lines, JSON (an array, or an object holding one) and CSV.

Field mapping (first non-empty wins; names are matched case-insensitively):

* text     — ``text``, ``content``, ``body``, ``article``
* title    — ``title``, ``headline``
* url      — ``url``, ``link``
* published — ``published``, ``date``, ``pubDate``, ``datePublished``, ``date_extracted``
  (normalized to ``YYYY-MM-DD`` by ``pubdate.normalize_published``; the caller's
  ``published`` fills it when the record has none)
* outlet   — ``outlet``, ``source``, ``site``, ``publisher`` (a bare site id such as
  SaudiNewsNet's «alriyadh» becomes the site's own name from ``resources/outlets.tsv``)
* id       — ``id``, ``doc_id``; otherwise ``<file name>#<n>``

Other fields (``author`` …) go to ``doc.meta``; an author byline that starts with a
place («لندن: فلان», «الرياض - واس») gives the dateline.  ``Document.source`` is the file path
plus ``#n`` for the n-th record (1-based).  A record that cannot be read gives an
``InputError`` naming the file and the line/record number; the good records still go in.

Two known corpora are recognised by their keys, whatever the file is called:

* Baly et al. claim files (keys ``id``, ``claim``, ``article`` list, ``url`` list …):
  one Document per article, id ``<claim id>:<i>`` (``i`` 0-based, as in the lists),
  ``url[i]``, the raw page text cleaned of web chrome, ``meta`` ``claim_id``/``index``
  (and ``stance``/``claim`` when present).
* SaudiNewsNet arrays (``source``, ``url``, ``date_extracted``, ``title``, ``author``,
  ``content``) need no special case: the mapping above reads them.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from typing import Any

from marsad.document import Document
from marsad.errors import InputError
from marsad.ingest import limits
from marsad.ingest.encoding import TextDecodeError, decode_bytes
from marsad.ingest.feeds import safe_url, warn
from marsad.ingest.places import is_place
from marsad.ingest.pubdate import normalize_published
from marsad.ingest.textfile import article_document
from marsad.ingest.webstory import outlet_for_domain

TEXT_KEYS = ("text", "content", "body", "article")
TITLE_KEYS = ("title", "headline")
URL_KEYS = ("url", "link")
DATE_KEYS = ("published", "date", "pubdate", "datepublished", "date_published", "date_extracted")
OUTLET_KEYS = ("outlet", "source", "site", "publisher")
ID_KEYS = ("id", "doc_id")
_MAPPED = set(TEXT_KEYS + TITLE_KEYS + URL_KEYS + DATE_KEYS + OUTLET_KEYS + ID_KEYS)
_BALY_KEYS = {"id", "claim", "article", "url"}
_CONTAINER_KEYS = ("articles", "documents", "docs", "items", "records", "data", "entries", "results")

Item = Document | InputError
_BYLINE_PLACE = re.compile(r"^([^\s:\-–—ـ]+(?:\s+[^\s:\-–—ـ]+)?)\s*[:\-–—ـ]+\s*\S")


def _field(rec: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = rec.get(key)
        if value is not None and value != "" and not isinstance(value, (dict, list)):
            return value
    return None


def record_document(
    rec: dict[str, Any], *, n: int, name: str, source: str, published: str | None
) -> Item:
    """The Document for one record (``n`` is its 1-based number in the file).

    A record that breaks the reader is an InputError for that record only."""
    try:
        return _record_document(rec, n=n, name=name, source=source, published=published)
    except InputError as exc:  # over a limit (marsad.ingest.limits)
        return exc
    except Exception as exc:  # noqa: BLE001 - one bad record must not stop the file
        return InputError(f"{source}#{n}", f"record {n} could not be read ({type(exc).__name__})")


def _record_document(
    rec: dict[str, Any], *, n: int, name: str, source: str, published: str | None
) -> Item:
    where = f"{source}#{n}"
    low = {str(k).lower(): v for k, v in rec.items()}
    text = _field(low, TEXT_KEYS)
    if not isinstance(text, str) or not text.strip():
        return InputError(where, f"record {n} has no text (expected one of: {', '.join(TEXT_KEYS)})")
    raw_id = _field(low, ID_KEYS)
    title = _field(low, TITLE_KEYS)
    outlet = _field(low, OUTLET_KEYS)
    url = safe_url(_field(low, URL_KEYS))
    if isinstance(outlet, str) and url and re.fullmatch(r"[a-z0-9_\-]+", outlet.strip()):
        # SaudiNewsNet's ``source`` is a site id («alriyadh»): the site's own name instead
        outlet = outlet_for_domain(str(url)) or outlet
    raw_date = _field(low, DATE_KEYS)
    date = normalize_published(raw_date) if raw_date is not None else None
    doc = article_document(
        text,
        doc_id=str(raw_id) if raw_id is not None else f"{name}#{n}",
        source=where,
        published=date,
        fallback_published=published,
        title=str(title).strip() if title else None,
        outlet=str(outlet).strip() if outlet else None,
        url=str(url).strip() if url else None,
    )
    if doc is None:
        return InputError(where, f"record {n}: no article text left after cleaning")
    if raw_date is not None and date is None:
        doc.meta["published_raw"] = str(raw_date)
        warn(doc, f"published {str(raw_date)[:40]!r} is not a date; stored without it")
    raw_url = _field(low, URL_KEYS)
    if raw_url is not None and url is None:
        warn(doc, f"url {str(raw_url)[:60]!r} is not an http(s) URL; not stored")
    author = low.get("author")
    if isinstance(author, str) and doc.dateline is None:
        # bylines such as «لندن: فلان» or «الرياض - واس» carry the dateline
        m = _BYLINE_PLACE.match(author.strip())
        if m and is_place(m.group(1)):
            doc.dateline = m.group(1).strip()
    for key, value in rec.items():
        if str(key).lower() not in _MAPPED and value not in (None, "") and key not in doc.meta:
            doc.meta[str(key)] = value
    return doc


def is_baly(obj: Any) -> bool:
    """A Baly et al. claim object: ``id``, ``claim`` and aligned ``article``/``url`` lists."""
    return (
        isinstance(obj, dict)
        and _BALY_KEYS <= {str(k).lower() for k in obj}
        and isinstance(obj.get("article"), list)
    )


def baly_documents(obj: dict[str, Any], *, source: str, published: str | None) -> Iterator[Item]:
    claim_id = str(obj["id"])
    urls: list[Any] = obj["url"] if isinstance(obj.get("url"), list) else []
    stances: list[Any] = obj["stance"] if isinstance(obj.get("stance"), list) else []
    for i, page in enumerate(obj["article"]):
        where = f"{source}#{i + 1}"
        if not isinstance(page, str) or not page.strip():
            yield InputError(where, f"article {i} of claim {claim_id} is empty")
            continue
        url = urls[i] if i < len(urls) and isinstance(urls[i], str) else None
        try:
            doc = article_document(
                page, doc_id=f"{claim_id}:{i}", source=where, fallback_published=published,
                url=url, web=True,
            )
        except InputError as exc:  # over a limit (marsad.ingest.limits)
            yield exc
            continue
        except Exception as exc:  # noqa: BLE001 - one bad page must not stop the file
            yield InputError(where, f"article {i} could not be read ({type(exc).__name__})")
            continue
        if doc is None:
            yield InputError(where, f"article {i} of claim {claim_id}: no story text found")
            continue
        doc.meta.update({"claim_id": claim_id, "index": i, "claim": obj.get("claim")})
        if i < len(stances):
            doc.meta["stance"] = stances[i]
        yield doc


def _records_of(obj: Any) -> list[Any] | None:
    if isinstance(obj, list):
        return obj
    if isinstance(obj, dict):
        if _field({str(k).lower(): v for k, v in obj.items()}, TEXT_KEYS) is not None:
            return [obj]
        for key in _CONTAINER_KEYS:
            if isinstance(obj.get(key), list):
                return list(obj[key])
        lists = [v for v in obj.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
        if len(lists) == 1:
            return lists[0]
    return None


def _decode(data: bytes, source: str) -> str | InputError:
    try:
        return decode_bytes(data)[0]
    except TextDecodeError as exc:
        return InputError(source, str(exc))


def read_json(data: bytes, *, source: str, name: str, published: str | None) -> Iterator[Item]:
    text = _decode(data, source)
    if isinstance(text, InputError):
        yield text
        return
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        yield InputError(
            source, f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}; truncated?)"
        )
        return
    if is_baly(obj):
        yield from baly_documents(obj, source=source, published=published)
        return
    records = _records_of(obj)
    if records is None:
        yield InputError(source, "no articles found (expected an array of records or an object holding one)")
        return
    for n, rec in enumerate(records, start=1):
        yield from _record_items(rec, n=n, name=name, source=source, published=published,
                                 where=f"record {n}")


def _record_items(
    rec: Any, *, n: int, name: str, source: str, published: str | None, where: str
) -> Iterator[Item]:
    """The Document(s) of the n-th record of a file: a Baly claim, an article object, or
    an error naming ``where`` it stands."""
    if is_baly(rec):
        yield from baly_documents(rec, source=f"{source}#{n}", published=published)
    elif isinstance(rec, dict):
        yield record_document(rec, n=n, name=name, source=source, published=published)
    else:
        yield InputError(f"{source}#{n}", f"{where}: a JSON {type(rec).__name__}, not an object")


def read_jsonl(data: bytes, *, source: str, name: str, published: str | None) -> Iterator[Item]:
    text = _decode(data, source)
    if isinstance(text, InputError):
        yield text
        return
    n = 0
    for lineno, line in enumerate(io.StringIO(text, newline="\n"), start=1):
        if not line.strip():
            continue
        n += 1
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(f"{source}#{n}", f"line {lineno}: not valid JSON ({exc.msg})")
            continue
        yield from _record_items(rec, n=n, name=name, source=source, published=published,
                                 where=f"line {lineno}")


def read_csv(data: bytes, *, source: str, name: str, published: str | None) -> Iterator[Item]:
    text = _decode(data, source)
    if isinstance(text, InputError):
        yield text
        return
    # a field longer than an article can be is refused (that row only), not read whole
    csv.field_size_limit(limits.MAX_ARTICLE_CHARS + 1)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        yield InputError(source, "empty CSV file (no header row)")
        return
    header = [h.strip().lstrip("\ufeff").lower() for h in header]
    if not any(h in TEXT_KEYS for h in header):
        yield InputError(source, f"CSV has no text column (expected one of: {', '.join(TEXT_KEYS)})")
        return
    n = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            n += 1
            if "field limit" in str(exc):
                yield InputError(f"{source}#{n}", f"line {reader.line_num}: refused: a field is "
                                 f"over the limit of {limits.MAX_ARTICLE_CHARS:,} characters")
            else:
                yield InputError(f"{source}#{n}",
                                 f"line {reader.line_num}: malformed CSV ({exc})")
            continue
        if not any(cell.strip() for cell in row):
            continue
        n += 1
        if len(row) != len(header):
            yield InputError(
                f"{source}#{n}",
                f"line {reader.line_num}: {len(row)} fields where the header has {len(header)}",
            )
            continue
        rec = dict(zip(header, row, strict=True))
        yield record_document(rec, n=n, name=name, source=source, published=published)
