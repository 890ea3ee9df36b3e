"""Figures: error classes found on real web pages, on short sentences of our own."""

from __future__ import annotations

import pytest

from marsad.document import Document
from marsad.pipeline import run


def figures(text: str) -> list[tuple[str, float | int | None, str, str | None, str | None]]:
    doc = run(Document(id="t", text=text, published="2017-12-10"), ("dates", "figures"))
    return [(f.text, f.value, f.bound, f.counted, f.unit) for f in doc.figures]


@pytest.mark.parametrize(
    "text",
    [
        # phone and fax numbers, P.O. boxes
        "للاتصال : هاتف : 543555 - 1 - 961 + فاكس : 270038 - 1 - 961 +",
        "تلفون : 6555750 - 04 فاكس : 6454402 - 04",
        "ص . ب : 11 - 2893 بيروت",
        # aircraft models, unit names, decrees, articles
        "أسقطت طائرة من طراز إل 39 فوق الريف",
        "تقدم متقدم للواء 66 في الجيش",
        "يعمل بالمرسوم 276 تاريخ صدوره",
        # a year before a word that is no counted noun
        "لا يقل عن احتلال 1948 لأنه يطال الجميع",
        "يكون العام الجديد 2018 بحسب الموقع",
        # page counters, Monday, a round of a contest
        "قراءات المقال : 0 بقلم علان",
        "يصدر الملحق كل يوم اثنين في الصحيفة",
        "فاز الفريق في ذهاب ربع نهائي الدوري",
        # the day of a month named before is a date, not a number
        "وفي 13 من الشهر نفسه , هاجم المسلحون",
        "سيعقد المؤتمر في 29 و 30 الجاري .",
        # years, laws and resolutions
        "تغير الوضع في عهد الاحتلال 1882 - 1914 بعد الثورة",
        "ألغيت في 18 يناير 1883 حيث",
        "صدر القانون 3 لعام 2004 لمحاربة الإرهاب",
        "ورد ذلك في قرار مجلس الأمن 2170 .",
        "وفي عام 1895 الف بالاتفاق مع صديقه حزبا",
    ],
)
def test_not_figures(text: str) -> None:
    assert figures(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # «ل - 49 سنة» is «لـ49 سنة»
        ("الاتفاق نافذ المفعول ل - 49 سنة قابلة للتمديد", ("49 سنة", 49, "exact", None, "year")),
        ("صادقت على قائمة ب - 241 اسما للشوارع", ("241 اسما", 241, "exact", "اسم", None)),
        # a preposition glued to the noun of «واحد»
        ("جاءت المعارضة بوفد واحد إلى جنيف", ("وفد واحد", 1, "exact", "وفد", None)),
        ("اكتفت بطائرة واحدة", ("طائرة واحدة", 1, "exact", "طائرة", None)),
        # the qualifier of a whole duration
        ("استمرت المعارك ما يقارب عاما و 9 أشهر", ("9 أشهر", 9, "approx", None, "month")),
        ("وأصيب مالا يقل عن 25 آخرين", ("مالا يقل عن 25", 25, "at_least", None, None)),
        # a verb after a counter is not what it counts; a currency in ي still is
        ("عدد القراء : 5365465 يهدد الموقع", ("5365465", 5365465, "exact", None, None)),
        ("منحة قدرها 300 مليون يوان", ("300 مليون يوان", 300000000, "exact", "يوان", None)),
        # decimals written apart on saved pages
        ("انتقلت إلى 12 . 833 مليار درهم .", ("12 . 833 مليار درهم", 12833000000, "exact", None,
                                              "dirham")),
        ("بلغت النسبة 31 . 2 % في العام", ("31 . 2 %", 31.2, "exact", None, "percent")),
        ("ارتفع النمو إلى 4 , 3 % , مع", ("4 , 3 %", 4.3, "exact", None, "percent")),
        ("قاربت 5 ر 4 في المائة سنويا", ("قاربت 5 ر 4 في المائة", 5.4, "approx", None, "percent")),
        # ranges are not phone numbers
        ("بلغ السعر من 10000 - 20000 ليرة", ("من 10000 - 20000 ليرة", 10000, "exact", None, "lira")),
    ],
)
def test_figures_on_pages(text: str, expected: tuple[str, float, str, str | None, str | None]) -> None:
    assert figures(text) == [expected]
