"""Dates: one test per rule of the gold README, on short sentences of our own,
plus the floor on the real seed articles (read from ../shared at run time)."""

from __future__ import annotations

from typing import Any

import pytest

from marsad.document import DateMention, Document
from marsad.pipeline import run


def dates(text: str, published: str | None = "2017-06-23") -> list[DateMention]:
    doc = Document(id="t", text=text, published=published)
    return run(doc, ("dates",)).dates


def one(text: str, published: str | None = "2017-06-23") -> DateMention:
    found = dates(text, published)
    assert len(found) == 1, [(d.text, d.value) for d in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # Levantine
        ("وقع الهجوم في 25 أيار 2016", "2016-05-25"),
        ("وقع في 3 كانون الثاني 2015", "2015-01-03"),
        ("وقع في 7 تشرين الأول 2014", "2014-10-07"),
        ("وقع في 10 آب 2016", "2016-08-10"),
        # Egyptian / Gulf
        ("أعلن في 12 ديسمبر 2016", "2016-12-12"),
        ("أعلن في 4 يونيه 2015", "2015-06-04"),
        # Maghrebi
        ("أعلن في 5 جويلية 2017", "2017-07-05"),
        ("أعلن في 14 جانفي 2011", "2011-01-14"),
        ("أعلن في 20 أوت 2016", "2016-08-20"),
        ("أعلن في 1 جوان 2016", "2016-06-01"),
        # Eastern digits
        ("وقع في ٢٥ أيار ٢٠١٧", "2017-05-25"),
        # ordinal day
        ("انطلقت في الأول من أيار 2016", "2016-05-01"),
        # numeric
        ("نشر بتاريخ 12/12/2016", "2016-12-12"),
        # month and year, year alone
        ("اندلعت في آذار 2011", "2011-03"),
        ("حررت في العام 2017", "2017"),
        ("منذ عام 2014", "2014"),
    ],
)
def test_explicit_dates(text: str, value: str) -> None:
    d = one(text)
    assert (d.value, d.relative) == (value, False)
    assert d.text == text[d.start:d.end]


def test_month_pair_and_weekday_in_span() -> None:
    d = one("وخلال لقائه الصحفيين الاثنين 12 ديسمبر/كانون الأول، قال", published="2016-12-12")
    assert (d.text, d.value, d.relative) == ("الاثنين 12 ديسمبر/كانون الأول", "2016-12-12", False)


def test_hijri_date_converted() -> None:
    d = one("صدر القرار في 15 رمضان 1438 هـ")
    assert d.value == "2017-06-10"


@pytest.mark.parametrize(
    ("text", "value", "end"),
    [
        ("وفي 29 و30 من أيار جرى", "2017-05-29", "2017-05-30"),
        ("في ليلة 29 – 30 ماي الماضي", "2017-05-29", "2017-05-30"),
        ("في المدة بين ال 9 وال 13 من الشهر الجاري", "2017-06-09", "2017-06-13"),
        ("بين عامي 2011 و2014", "2011", "2014"),
    ],
)
def test_ranges(text: str, value: str, end: str) -> None:
    d = one(text)
    assert (d.value, d.end_value) == (value, end)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("قال اليوم إن", "2017-06-23"),
        ("أعلنت اليوم وزارة الدفاع", "2017-06-23"),
        ("أعلن أمس مقتل", "2017-06-22"),
        ("أعلن أول أمس مقتل", "2017-06-21"),
        ("أعلن أول من أمس مقتل", "2017-06-21"),
        ("سيصل غدا إلى", "2017-06-24"),
        ("قبل يوم الخميس الماضي", "2017-06-22"),  # published on a Friday
        ("يوم الجمعة الماضي", "2017-06-16"),  # the same weekday: a week before
        ("يوم الأحد المقبل", "2017-06-25"),
        ("في غضون الشهر الماضي", "2017-05"),
        ("خلال الشهر الجاري", "2017-06"),
        ("في أيار الماضي", "2017-05"),
        ("في تموز الماضي", "2016-07"),  # the last July before publication
        ("في 25 من أيار الماضي", "2017-05-25"),
        ("الموقع في الـ 30 من كانون الأول الماضي", "2016-12-30"),
        ("خلال العام الماضي", "2016"),
        ("قتل منذ 3 أيام", "2017-06-20"),
        ("قتل قبل يومين", "2017-06-21"),
        ("حتى الربيع المقبل", "2018"),
    ],
)
def test_relative_dates(text: str, value: str) -> None:
    d = one(text)
    assert (d.value, d.relative) == (value, True)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("في أكتوبر من العام الماضي", "2016-10"),
        ("في الأسبوع الأول من أيلول 2016", "2016-09"),  # a part of the month, not its 1st
        ("صدر في 1438/9/15 هـ", "2017-06-10"),
        ("يوم الأربعاء الثالث من كانون الثاني 2018", "2018-01-03"),
        ("نشر في يناير 21, 2018", "2018-01-21"),
        ("حتى 22 فبراير / شباط 2004", "2004-02-22"),
        ("في تشرين الأول / أكتوبر 2011", "2011-10"),
        ("في نوفمبر تشرين الثاني 2006", "2006-11"),
    ],
)
def test_more_written_forms(text: str, value: str) -> None:
    assert one(text).value == value


def test_day_month_without_year_is_at_or_before_publication() -> None:
    assert one("وقع في 25 ديسمبر", published="2017-03-10").value == "2016-12-25"
    assert one("وقع في 25 فبراير", published="2017-03-10").value == "2017-02-25"
    assert one("وقع في 25 ديسمبر", published="2017-03-10").relative is False


def test_without_publication_date_nothing_is_invented() -> None:
    assert dates("أعلن أمس", None) == []
    assert dates("وقع في 25 أيار", None) == []
    assert one("وقع في 12 ديسمبر 2016", None).value == "2016-12-12"


@pytest.mark.parametrize(
    "text",
    ["في اليوم التالي انسحبت القوات", "هاجم أحد المحاور", "مارس الجيش ضغوطا كبيرة",
     "زار الأب الكنيسة", "خلال الساعات الـ24 الماضية", "قصفت ساحة سوق الثلاثاء",
     "نقلت قناة روسيا اليوم", "قبيل صلاة الجمعة", "في اليوم الثالث من المعارك",
     "بمناسبة اليوم العالمي للصحافة"],
)
def test_not_dates(text: str) -> None:
    assert dates(text) == []


# -- the floor on the real seeds -----------------------------------------------------


def test_gold_floor_dates(gold_docs: list[dict[str, Any]], seeds_dir: Any) -> None:
    from marsad.eval.gold import GoldPair
    from marsad.eval.score_dates import report, score

    pairs = []
    for gold in gold_docs:
        text = (seeds_dir / gold["doc"]).read_text(encoding="utf-8")
        doc = Document(id=gold["doc"], text=text, published=gold.get("published"))
        pairs.append(GoldPair(gold, run(doc, ("sentences", "dates"))))
    result = score(pairs)
    assert result["overall"]["value"]["f1"] >= 0.95, report(result)
    for pair in pairs:
        for d in pair.doc.dates:
            assert d.text == pair.doc.text[d.start:d.end]


# -- round 2: errors found on real pages (short sentences of our own) ----------------


def test_historical_years() -> None:
    assert one("حكموها بين 1535 و 1538 إبان الحملة", None).value == "1535"
    assert one("بنيت القلعة عام 1535").value == "1535"
    assert one("هدمت في 1601 ثم أعيد بناؤها").value == "1601"
    assert dates("وصل بين 1500 و1600 مقاتل") == []  # an amount, not years
    assert dates("وصل في 1500 مقاتل") == []


def test_hijri_numeric_date_without_mark() -> None:
    d = one("نشر يوم الثلاثاء 6 / 9 / 1436 في الصحف")
    assert (d.value, d.relative) == ("2015-06-23", False)
    assert d.text.startswith("يوم الثلاثاء")


def test_two_months_sharing_a_year() -> None:
    d = one("جرت المعارك في شهري أيار وحزيران 2016")
    assert (d.value, d.end_value) == ("2016-05", "2016-06")
    d = one("في سبتمبر (أيلول) وأكتوبر (تشرين الأول) عام 2011")
    assert (d.value, d.end_value) == ("2011-09", "2011-10")


def test_ambiguous_month_in_a_pair_counts() -> None:
    d = one("عقدت في مارس / آذار", "2017-06-23")
    assert d.value == "2017-03"
    assert dates("ومارس الجيش الضغط") == []


def test_the_two_is_not_monday() -> None:
    assert dates("وهو مزيج من الاثنين معا") == []
    assert one("سمع دوي في وقت متأخر من مساء الاثنين").value == "2017-06-19"


@pytest.mark.parametrize(
    "text",
    ["قتل 3 مسلحين أمس", "في 25 أيار الماضي", "الخميس الماضي", "الشهر الجاري", "منذ 3 أيام",
     "وقع في 25 أيار", "العام الماضي"],
)
def test_relative_without_anchor_is_left_out_of_dates(text: str) -> None:
    doc = run(Document(id="t", text=text, published=None), ("dates",))
    assert doc.dates == []
    assert doc.meta["date_anchor"] is None
    # kept as a span only, so that no figure is read inside it
    [u] = doc.meta["unresolved_dates"]
    assert u["text"] == text[u["start"]:u["end"]] and u["text"] in text


@pytest.mark.parametrize(
    ("text", "value"),
    [("عام 2015", "2015"), ("في 4 آب 2017", "2017-08-04"), ("في 22 / 5 / 2015", "2015-05-22"),
     ("بين 1535 و 1538 ثم", "1535")],
)
def test_fixed_dates_without_publication_keep_value(text: str, value: str) -> None:
    d = one(text, None)
    assert (d.value, d.relative) == (value, False)


def test_monday_after_from_is_still_monday() -> None:
    assert one("يبدأ التحقيق ابتداء من الاثنين").value == "2017-06-19"
    assert dates("اختاروا أيا من الاثنين") == []


def test_day_with_ordinal_number_is_not_today() -> None:
    assert dates("في اليوم الـ33 من الحصار") == []
