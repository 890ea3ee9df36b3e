"""Month, weekday and relative-time words, folded for matching on the normalized text.

All Arabic month series count (gold README «dates»): Levantine/Iraqi (كانون الثاني …
كانون الأول، آب، تشرين), Egyptian/Gulf (يناير … ديسمبر, with يونيه/يوليه), Maghrebi
(جانفي، فيفري، أفريل، ماي، جوان، جويلية، أوت) and Moroccan (يوليوز، غشت، شتنبر، نونبر،
دجنبر), and Hijri months (converted with hijridate when the year is written).

Some month names are also common words (مارس "practised", آب/أب "father", ماي,
جوان، أوت): those are listed in ``AMBIGUOUS_MONTHS`` and count only next to a day
number, a year, «شهر», or a relative word (الماضي، المقبل…).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from marsad.text.normalize import fold

_MONTHS: dict[str, int] = {
    # Levantine / Iraqi
    "كانون الثاني": 1, "كانون ثاني": 1, "شباط": 2, "آذار": 3, "نيسان": 4, "أيار": 5,
    "حزيران": 6, "تموز": 7, "آب": 8, "أيلول": 9, "تشرين الأول": 10, "تشرين أول": 10,
    "تشرين الثاني": 11, "تشرين ثاني": 11, "كانون الأول": 12, "كانون أول": 12,
    # Egyptian / Gulf
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "إبريل": 4, "ابريل": 4, "مايو": 5,
    "يونيو": 6, "يونيه": 6, "يوليو": 7, "يوليه": 7, "أغسطس": 8, "أوغسطس": 8,
    "سبتمبر": 9, "أكتوبر": 10, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    # Maghrebi
    "جانفي": 1, "فيفري": 2, "أفريل": 4, "ماي": 5, "جوان": 6, "جويلية": 7, "جويليه": 7,
    "أوت": 8,
    # Moroccan
    "يوليوز": 7, "غشت": 8, "شتنبر": 9, "نونبر": 11, "دجنبر": 12,
}
MONTHS: dict[str, int] = {fold(k): v for k, v in _MONTHS.items()}
AMBIGUOUS_MONTHS = {fold(w) for w in ("مارس", "آب", "ماي", "جوان", "أوت", "غشت")}

_HIJRI: dict[str, int] = {
    "محرم": 1, "صفر": 2, "ربيع الأول": 3, "ربيع الاول": 3, "ربيع الآخر": 4,
    "ربيع الثاني": 4, "جمادى الأولى": 5, "جمادى الأول": 5, "جمادى الآخرة": 6,
    "جمادى الثانية": 6, "جمادى الآخر": 6, "رجب": 7, "شعبان": 8, "رمضان": 9, "شوال": 10,
    "ذو القعدة": 11, "ذي القعدة": 11, "ذو الحجة": 12, "ذي الحجة": 12,
}
HIJRI_MONTHS: dict[str, int] = {fold(k): v for k, v in _HIJRI.items()}

_WEEKDAYS: dict[str, int] = {  # Python weekday(): Monday = 0
    "الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الخميس": 3, "الجمعة": 4,
    "السبت": 5, "الأحد": 6,
}
WEEKDAYS: dict[str, int] = {fold(k): v for k, v in _WEEKDAYS.items()}

#: «الماضي» and friends: -1 past, 0 current, +1 next
_RELATIVE: dict[str, int] = {
    "الماضي": -1, "الماضية": -1, "المنصرم": -1, "المنصرمة": -1, "الفائت": -1,
    "الفائتة": -1, "المنقضي": -1, "المنقضية": -1, "السابق": -1,
    "الجاري": 0, "الجارية": 0, "الحالي": 0, "الحالية": 0,
    "المقبل": 1, "المقبلة": 1, "القادم": 1, "القادمة": 1,
}
RELATIVE: dict[str, int] = {fold(k): v for k, v in _RELATIVE.items()}

_SEASONS: dict[str, int] = {"الربيع": 4, "الصيف": 7, "الخريف": 10, "الشتاء": 1}
SEASONS: dict[str, int] = {fold(k): v for k, v in _SEASONS.items()}

#: ordinal day numbers (الأول من أيار)
_ORDINAL_UNITS = ["الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع",
                  "الثامن", "التاسع", "العاشر"]
ORDINAL_DAYS: dict[str, int] = {}
for _i, _w in enumerate(_ORDINAL_UNITS, start=1):
    ORDINAL_DAYS[fold(_w)] = _i
for _i, _w in enumerate(["الحادي", *_ORDINAL_UNITS[1:9]], start=1):
    ORDINAL_DAYS[fold(_w) + " عشر"] = 10 + _i
ORDINAL_DAYS[fold("العشرين")] = 20
for _i, _w in enumerate(["الحادي", *_ORDINAL_UNITS[1:9]], start=1):
    ORDINAL_DAYS[fold(_w) + " والعشرين"] = 20 + _i
ORDINAL_DAYS[fold("الثلاثين")] = 30
ORDINAL_DAYS[fold("الحادي والثلاثين")] = 31


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of folded phrases, longest first, spaces as ``\\s+``."""
    items = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


def month_number(phrase: str) -> int | None:
    return MONTHS.get(re.sub(r"\s+", " ", phrase))


def hijri_month_number(phrase: str) -> int | None:
    return HIJRI_MONTHS.get(re.sub(r"\s+", " ", phrase))
