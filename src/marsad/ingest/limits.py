"""Size limits on everything read, so a hostile or broken input costs bounded memory
and time and is refused with one line that names the file and the limit.

* a file (or zip member) is refused before it is read when it is larger than the limit
  of its type (``MAX_FILE_BYTES``): one article (.txt) is at most a few MB, a web page
  more, a collection of records (.jsonl, .csv, .json, feeds) more again;
* one article's text is refused when longer than ``MAX_ARTICLE_CHARS`` characters (a
  long news article is 30,000; extraction of one article costs more than linear time in its length, see the report of issue 17);
* a file holds at most ``MAX_RECORDS`` records (the rest are refused, one line);
* a zip archive is read member by member, never whole: at most ``MAX_ZIP_MEMBERS``
  members, ``MAX_ZIP_INFLATED`` bytes inflated in all, and a member whose inflated size
  is more than ``MAX_ZIP_RATIO`` times its compressed size (and over 1 MiB) is a zip bomb,
  refused.  Sizes are checked while inflating, not trusted from the archive's headers.

``MARSAD_MAX_ARTICLE_CHARS`` and ``MARSAD_MAX_FILE_MB`` (environment) raise or lower
the article and file limits for a run.
"""

from __future__ import annotations

import os

from marsad.errors import InputError

MIB = 1024 * 1024


def _env_int(name: str, default: int) -> int:
    try:
        value = int(os.environ.get(name, ""))
    except ValueError:
        return default
    return value if value > 0 else default


MAX_ARTICLE_CHARS = _env_int("MARSAD_MAX_ARTICLE_CHARS", 100_000)
_FILE_MB = _env_int("MARSAD_MAX_FILE_MB", 0)

#: bytes per file type; a .txt is one article (UTF-8 Arabic is 2 bytes a character)
MAX_FILE_BYTES: dict[str, int] = {
    ".txt": 4 * MIB,
    ".html": 16 * MIB,
    ".htm": 16 * MIB,
    ".json": 64 * MIB,
    ".jsonl": 256 * MIB,
    ".csv": 256 * MIB,
    ".xml": 64 * MIB,
    ".rss": 64 * MIB,
    ".atom": 64 * MIB,
}
if _FILE_MB:
    MAX_FILE_BYTES = {k: _FILE_MB * MIB for k in MAX_FILE_BYTES}

MAX_RECORDS = 200_000
MAX_ZIP_MEMBERS = 20_000
MAX_ZIP_INFLATED = 1024 * MIB
MAX_ZIP_RATIO = 200
ZIP_RATIO_FLOOR = MIB  # members smaller than this inflated are never called bombs
MAX_ZIP_BYTES = 2048 * MIB  # the archive file itself


def mb(n: int) -> str:
    """``n`` bytes for a message: «4 MB», «1.5 MB», «812 bytes»."""
    if n < MIB:
        return f"{n:,} bytes"
    value = n / MIB
    return f"{value:.0f} MB" if value >= 10 or value == int(value) else f"{value:.1f} MB"


def file_limit(ext: str) -> int:
    return MAX_FILE_BYTES.get(ext.lower(), 64 * MIB)


def too_big(source: str, size: int, ext: str) -> InputError | None:
    """An InputError when a file of ``size`` bytes is over the limit of its type."""
    limit = file_limit(ext)
    if size <= limit:
        return None
    return InputError(
        source, f"refused: file is {mb(size)}, over the limit of {mb(limit)} for {ext} files"
    )


class ArticleTooLong(InputError):
    """One article's text is longer than MAX_ARTICLE_CHARS."""

    def __init__(self, source: str, chars: int) -> None:
        super().__init__(
            source,
            f"refused: article text is {chars:,} characters, over the limit of "
            f"{MAX_ARTICLE_CHARS:,} characters",
        )


def check_article(text: str, source: str) -> None:
    """Raise ArticleTooLong when ``text`` is over the article limit."""
    if len(text) > MAX_ARTICLE_CHARS:
        raise ArticleTooLong(source, len(text))
