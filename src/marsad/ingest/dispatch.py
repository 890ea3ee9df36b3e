"""``read_paths``: files, folders and globs in; Documents (or InputErrors) out.

* a folder is walked recursively in sorted order, skipping hidden files and folders
  (names starting with «.») and ``__MACOSX``;
* a path that does not exist but contains ``*``, ``?`` or ``[`` is a glob (``**``
  allowed), expanded in sorted order; a glob matching nothing is an ``InputError``;
* a file is read by its extension: ``.txt``, ``.html``/``.htm``, ``.jsonl``, ``.json``,
  ``.csv``, ``.zip`` (each member by its own extension), ``.xml``/``.rss``/``.atom``
  (RSS or Atom; an XML file whose root is something else is an ``InputError``);
* the same file named twice is read once;
* README/LICENSE files and ``.md``/``.rst`` notes met while walking a folder are skipped.

Nothing here raises for a user's bad input: an unreadable path, an unsupported type,
a broken file or record becomes an ``InputError`` in the stream and the rest goes on.
``published`` fills the publication date of every Document whose input has none.
"""

from __future__ import annotations

import glob
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from marsad.document import Document
from marsad.errors import InputError
from marsad.ingest.feeds import is_feed, read_feed
from marsad.ingest.pubdate import normalize_published
from marsad.ingest.records import read_csv, read_json, read_jsonl
from marsad.ingest.textfile import read_text_bytes
from marsad.ingest.webpage import read_html_bytes

Item = Document | InputError
SUPPORTED = (".txt", ".html", ".htm", ".jsonl", ".json", ".csv", ".zip", ".xml", ".rss", ".atom")
_GLOB_CHARS = set("*?[")
MAX_ZIP_DEPTH = 2


def unsupported(ext: str) -> str:
    shown = ext if ext else "(no extension)"
    return f"unsupported file type {shown} (expected {', '.join(SUPPORTED)})"


# documentation that travels with a folder of articles; skipped when a folder is walked
# (named explicitly, such a file is still reported as unsupported)
_FOLDER_NOTES = (".md", ".rst")
_FOLDER_NOTE_NAMES = ("readme", "license", "licence", "copying")


def _folder_note(path: Path) -> bool:
    return path.suffix.lower() in _FOLDER_NOTES or path.stem.lower() in _FOLDER_NOTE_NAMES


def _hidden(path: Path, root: Path | None = None) -> bool:
    parts = path.relative_to(root).parts if root is not None else (path.name,)
    return any(p.startswith(".") or p == "__MACOSX" for p in parts)


def expand_paths(paths: Iterable[str]) -> Iterator[Path | InputError]:
    """Every file the user named, in order: files as given, folders walked, globs expanded."""
    seen: set[Path] = set()

    def once(path: Path) -> bool:
        key = path.resolve()
        if key in seen:
            return False
        seen.add(key)
        return True

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            children = [
                c
                for c in sorted(path.rglob("*"))
                if c.is_file() and not _hidden(c, path) and not _folder_note(c)
            ]
            if not children:
                yield InputError(raw, "folder has no files")
            for child in children:
                if once(child):
                    yield child
        elif path.exists():
            if once(path):
                yield path
        elif _GLOB_CHARS & set(raw):
            matches = sorted(Path(m) for m in glob.glob(raw, recursive=True))
            files = [m for m in matches if m.is_file() and not _hidden(m)]
            for m in matches:
                if m.is_dir():
                    files.extend(
                        c for c in sorted(m.rglob("*")) if c.is_file() and not _hidden(c, m)
                    )
            if not files:
                yield InputError(raw, "no files match this pattern")
            for f in files:
                if once(f):
                    yield f
        else:
            yield InputError(raw, "no such file or directory")


def read_bytes(
    data: bytes, *, ext: str, source: str, name: str, published: str | None, depth: int = 0
) -> Iterator[Item]:
    """Documents from the bytes of one file (or zip member) of type ``ext``."""
    ext = ext.lower()
    if ext == ".txt":
        yield read_text_bytes(data, source=source, name=name, published=published)
    elif ext in (".html", ".htm"):
        yield read_html_bytes(data, source=source, name=name, published=published)
    elif ext == ".jsonl":
        yield from read_jsonl(data, source=source, name=name, published=published)
    elif ext == ".json":
        yield from read_json(data, source=source, name=name, published=published)
    elif ext == ".csv":
        yield from read_csv(data, source=source, name=name, published=published)
    elif ext in (".xml", ".rss", ".atom"):
        if not data.strip():
            yield InputError(source, "empty file")
        elif is_feed(data):
            yield from read_feed(data, source=source, name=name, published=published)
        else:
            yield InputError(source, "XML file is not an RSS or Atom feed (root is not rss/feed)")
    elif ext == ".zip":
        yield from read_zip(data, source=source, published=published, depth=depth)
    else:
        yield InputError(source, unsupported(ext))


def read_zip(data: bytes, *, source: str, published: str | None, depth: int = 0) -> Iterator[Item]:
    """Each member of a zip archive, read by its own extension (source ``<zip>/<member>``)."""
    import io

    if depth >= MAX_ZIP_DEPTH:
        yield InputError(source, "zip archive nested too deep")
        return
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        yield InputError(source, f"not a valid zip archive ({exc})")
        return
    with archive:
        members = sorted(
            (i for i in archive.infolist() if not i.is_dir()), key=lambda i: i.filename
        )
        members = [m for m in members if not _hidden(Path(m.filename), Path())]
        if not members:
            yield InputError(source, "zip archive has no files")
            return
        for info in members:
            member = Path(info.filename)
            where = f"{source}/{info.filename}"
            if member.suffix.lower() not in SUPPORTED:
                yield InputError(where, unsupported(member.suffix.lower()))
                continue
            try:
                payload = archive.read(info)
            except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as exc:
                yield InputError(where, f"cannot read from the zip archive ({exc})")
                continue
            yield from read_bytes(
                payload, ext=member.suffix, source=where, name=member.name,
                published=published, depth=depth + 1,
            )


def read_file(path: Path, *, published: str | None = None) -> Iterator[Item]:
    """Documents from one file; every problem is an ``InputError``, never an exception."""
    ext = path.suffix.lower()
    if ext not in SUPPORTED:
        yield InputError(path, unsupported(ext))
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(path, f"cannot read ({exc.strerror or exc})")
        return
    try:
        yield from read_bytes(data, ext=ext, source=str(path), name=path.name, published=published)
    except Exception as exc:  # noqa: BLE001 - one broken file must not stop the run
        yield InputError(path, f"could not be read ({type(exc).__name__}: {exc})")


def read_paths(paths: Sequence[str], published: str | None = None) -> Iterator[Item]:
    """One Document per article in ``paths`` (files, folders, globs), or an InputError."""
    if isinstance(paths, (str, Path)):
        paths = [str(paths)]
    if published:
        published = normalize_published(published) or published
    for item in expand_paths(paths):
        if isinstance(item, InputError):
            yield item
        else:
            yield from read_file(item, published=published)
