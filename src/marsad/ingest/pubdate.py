"""Publication dates as ``YYYY-MM-DD``, from record fields, meta tags or an Arabic header.

Accepted (anything else gives ``None``, never a guess):

* ISO dates and datetimes: ``2017-06-23``, ``2017-06-23T10:00:00+03:00``,
  ``2015-07-21 02:51:58``, ``2017/06/23``;
* day first: ``23/06/2017``, ``23-06-2017``, ``23.06.2017``;
* e-mail/RSS dates: ``Fri, 23 Jun 2017 10:00:00 GMT``;
* Arabic: day, month name, year — «23 حزيران 2017», «الجمعة 23 يونيو/حزيران 2017»,
  «23 جوان 2017», «١٢ ديسمبر ٢٠١٦» — with the three month series (Egyptian/Gulf يناير…,
  Levantine كانون الثاني…, Maghrebi جانفي…).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

from marsad.ingest.clean import fold

_MONTHS_RAW: dict[int, tuple[str, ...]] = {
    1: ("يناير", "كانون الثاني", "جانفي", "كانون ثاني"),
    2: ("فبراير", "شباط", "فيفري", "فبراير"),
    3: ("مارس", "آذار", "اذار"),
    4: ("أبريل", "ابريل", "إبريل", "نيسان", "أفريل", "افريل"),
    5: ("مايو", "أيار", "ايار", "ماي"),
    6: ("يونيو", "حزيران", "جوان", "يونيه"),
    7: ("يوليو", "تموز", "جويلية", "يوليه", "جويلة"),
    8: ("أغسطس", "اغسطس", "آب", "اب", "أوت", "اوت"),
    9: ("سبتمبر", "أيلول", "ايلول", "شتنبر"),
    10: ("أكتوبر", "اكتوبر", "تشرين الأول", "تشرين اول", "أكتوبر"),
    11: ("نوفمبر", "تشرين الثاني", "تشرين ثاني", "نونبر"),
    12: ("ديسمبر", "كانون الأول", "كانون اول", "دجنبر"),
}
MONTHS: dict[str, int] = {fold(name): num for num, names in _MONTHS_RAW.items() for name in names}
_MONTH_ALT = "|".join(sorted((re.escape(k) for k in MONTHS), key=len, reverse=True))
# on folded text: «23 يونيو/حزيران 2017», «23 من يونيو 2017»
_ARABIC_DATE = re.compile(
    rf"(?<!\d)(\d{{1,2}})\s*(?:من\s+)?({_MONTH_ALT})(?:\s*[/(]\s*(?:{_MONTH_ALT})\s*\)?)?\s*[,،]?\s*(\d{{4}})(?!\d)"
)
_ISO = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[Tt\s])")
_DMY = re.compile(r"^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:$|[Tt\s,])")


def _make(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def arabic_dates(text: str) -> list[str]:
    """Every «day month-name year» date in ``text``, resolved, in order of appearance."""
    out = []
    for m in _ARABIC_DATE.finditer(fold(text)):
        value = _make(int(m.group(3)), MONTHS[m.group(2)], int(m.group(1)))
        if value:
            out.append(value)
    return out


def normalize_published(value: object) -> str | None:
    """``YYYY-MM-DD`` for a date value in any accepted form, else ``None``."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value > 10_000_000_000:  # milliseconds since the epoch
            value = value / 1000
        try:
            return dt.datetime.fromtimestamp(float(value), tz=dt.UTC).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    text = fold(str(value)).strip()
    if not text:
        return None
    m = _ISO.match(text)
    if m:
        return _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _DMY.match(text)
    if m:
        return _make(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    try:
        parsed = email.utils.parsedate_to_datetime(str(value))
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        return parsed.date().isoformat()
    found = arabic_dates(text)
    return found[0] if found else None
