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

* every file, zip member, article and file of records has a size limit
  (:mod:`marsad.ingest.limits`): over it, one InputError says which limit, and the
  file is not read (a zip is read member by member, never inflated whole);
* a zip member whose name is absolute or climbs out with ``..`` is an InputError of its
  own (the other members are read); a subfolder that cannot be listed is an InputError.

Nothing here raises for a user's bad input: an unreadable path, an unsupported type,
a broken file or record becomes an ``InputError`` in the stream and the rest goes on.
``published`` fills the publication date of every Document whose input has none.
"""

from __future__ import annotations

import glob
import os
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO

from marsad.document import Document
from marsad.errors import InputError
from marsad.ingest import limits
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


def _walk(root: Path) -> tuple[list[Path], list[InputError]]:
    """The files under ``root`` (sorted, hidden ones skipped) and an InputError for
    each subfolder that could not be listed (never skipped without a word)."""
    problems: list[InputError] = []

    def onerror(exc: OSError) -> None:
        where = exc.filename or root
        problems.append(InputError(where, f"cannot read this folder ({exc.strerror or exc}); "
                                   "its files were not ingested"))

    files: list[Path] = []
    for folder, dirs, names in os.walk(root, onerror=onerror):
        here = Path(folder)
        dirs[:] = [d for d in dirs if not _hidden(here / d, root)]
        for name in names:
            child = here / name
            if not _hidden(child, root) and child.is_file():
                files.append(child)
    return sorted(files), problems


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
            found, problems = _walk(path)
            yield from problems
            children = [c for c in found if not _folder_note(c)]
            if not children and not problems:
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
                    sub, problems = _walk(m)
                    yield from problems
                    files.extend(sub)
            if not files:
                yield InputError(raw, "no files match this pattern")
            for f in files:
                if once(f):
                    yield f
        else:
            yield InputError(raw, "no such file or directory")


_RECORD_TYPES = (".jsonl", ".json", ".csv", ".xml", ".rss", ".atom")


def read_bytes(
    data: bytes, *, ext: str, source: str, name: str, published: str | None, depth: int = 0,
    budget: _ZipBudget | None = None,
) -> Iterator[Item]:
    """Documents from the bytes of one file (or zip member) of type ``ext``; a file of
    records stops after ``limits.MAX_RECORDS`` with one line saying so."""
    ext = ext.lower()
    items = _read_bytes(data, ext=ext, source=source, name=name, published=published,
                        depth=depth, budget=budget)
    if ext not in _RECORD_TYPES:
        yield from items
        return
    for n, item in enumerate(items, start=1):
        if n > limits.MAX_RECORDS:
            yield InputError(source, f"refused the rest of the file: over the limit of "
                             f"{limits.MAX_RECORDS:,} records")
            return
        yield item


def _read_bytes(
    data: bytes, *, ext: str, source: str, name: str, published: str | None, depth: int,
    budget: _ZipBudget | None,
) -> Iterator[Item]:
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
        import io

        yield from read_zip(io.BytesIO(data), source=source, published=published, depth=depth,
                            budget=budget)
    else:
        yield InputError(source, unsupported(ext))


class _ZipBudget:
    """Inflated bytes left for one archive named by the user (nested ones included)."""

    def __init__(self) -> None:
        self.left = limits.MAX_ZIP_INFLATED


class _MemberTooBig(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _unsafe_member(filename: str) -> str | None:
    """Why a member name cannot be trusted (absolute, ``..``, drive letter, control
    characters), or None."""
    if any(ord(c) < 32 or ord(c) == 0x7F for c in filename):
        return "member name has control characters"
    name = filename.replace("\\", "/")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return "member name is an absolute path"
    if ".." in name.split("/"):
        return "member name climbs out of the archive (..)"
    return None


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, ext: str,
                 budget: _ZipBudget) -> bytes:
    """The inflated bytes of one member, inflating at most up to the first limit met
    (the sizes in the archive's headers are checked, then enforced while reading)."""
    own = limits.file_limit(ext) if ext != ".zip" else 64 * limits.MIB
    ratio_cap = max(limits.ZIP_RATIO_FLOOR, info.compress_size * limits.MAX_ZIP_RATIO)
    caps = [
        (own, f"over the limit of {limits.mb(own)} for {ext} files"),
        (ratio_cap, f"inflates more than {limits.MAX_ZIP_RATIO} times its compressed size "
                    f"({limits.mb(info.compress_size)}): a zip bomb"),
        (budget.left, f"the archive inflates to more than {limits.mb(limits.MAX_ZIP_INFLATED)} "
                      "in all"),
    ]
    cap, why = min(caps, key=lambda c: c[0])
    over = [w for c, w in caps if info.file_size > c]
    if over:
        raise _MemberTooBig(f"refused: member is {limits.mb(info.file_size)} inflated, "
                            + "; ".join(over))
    chunks: list[bytes] = []
    total = 0
    with archive.open(info) as stream:
        while True:
            chunk = stream.read(min(limits.MIB, cap + 1 - total))
            if not chunk:
                break
            total += len(chunk)
            if total > cap:
                raise _MemberTooBig(f"refused: member inflates to more than {limits.mb(cap)}, "
                                    f"{why}")
            chunks.append(chunk)
    budget.left -= total
    return b"".join(chunks)


def read_zip(
    data: bytes | IO[bytes] | Path, *, source: str, published: str | None, depth: int = 0,
    budget: _ZipBudget | None = None,
) -> Iterator[Item]:
    """Each member of a zip archive, read by its own extension (source ``<zip>/<member>``),
    one member at a time and within the limits of ``marsad.ingest.limits``."""
    import io

    if depth >= MAX_ZIP_DEPTH:
        yield InputError(source, "zip archive nested too deep")
        return
    budget = budget or _ZipBudget()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        yield InputError(source, f"not a valid zip archive ({exc})")
        return
    with archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        if len(infos) > limits.MAX_ZIP_MEMBERS:
            yield InputError(source, f"refused: {len(infos):,} members, over the limit of "
                             f"{limits.MAX_ZIP_MEMBERS:,} per archive")
            return
        members: list[zipfile.ZipInfo] = []
        for info in sorted(infos, key=lambda i: i.filename):
            problem = _unsafe_member(info.filename)
            if problem:
                yield InputError(f"{source}/{info.filename!r}", f"{problem}; member not read")
                continue
            if not _hidden(Path(info.filename), Path()):
                members.append(info)
        if not members:
            if not infos:
                yield InputError(source, "zip archive has no files")
            return
        for info in members:
            member = Path(info.filename)
            where = f"{source}/{info.filename}"
            ext = member.suffix.lower()
            if ext not in SUPPORTED:
                yield InputError(where, unsupported(ext))
                continue
            try:
                payload = _read_member(archive, info, ext, budget)
            except _MemberTooBig as exc:
                yield InputError(where, exc.reason)
                continue
            except (zipfile.BadZipFile, OSError, RuntimeError, EOFError, ValueError,
                    NotImplementedError) as exc:
                yield InputError(where, f"cannot read from the zip archive ({exc})")
                continue
            yield from read_bytes(
                payload, ext=ext, source=where, name=member.name,
                published=published, depth=depth + 1, budget=budget,
            )
            del payload


def read_file(path: Path, *, published: str | None = None) -> Iterator[Item]:
    """Documents from one file; every problem is an ``InputError``, never an exception.
    A file over the size limit of its type (``marsad.ingest.limits``) is refused before
    it is read; a zip archive is read member by member."""
    ext = path.suffix.lower()
    if ext not in SUPPORTED:
        yield InputError(path, unsupported(ext))
        return
    try:
        size = path.stat().st_size
        if ext == ".zip":
            if size > limits.MAX_ZIP_BYTES:
                yield InputError(path, f"refused: archive is {limits.mb(size)}, over the limit "
                                 f"of {limits.mb(limits.MAX_ZIP_BYTES)}")
                return
            with path.open("rb") as stream:
                yield from read_zip(stream, source=str(path), published=published)
            return
        refused = limits.too_big(str(path), size, ext)
        if refused is not None:
            yield refused
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(path, f"cannot read ({exc.strerror or exc})")
        return
    try:
        yield from read_bytes(data, ext=ext, source=str(path), name=path.name, published=published)
    except InputError as exc:
        yield exc
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
