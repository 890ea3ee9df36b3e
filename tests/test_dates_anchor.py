"""Dates on pages with no publication date: the text's own anchor, what is left out,
and the ranges and relative periods real pages use (short sentences of our own)."""

from __future__ import annotations

import pytest

from marsad.document import DateMention, Document
from marsad.pipeline import run


def extract(text: str, published: str | None = None) -> Document:
    return run(Document(id="t", text=text, published=published), ("dates", "figures"))


def values(text: str, published: str | None = None) -> list[tuple[str, str | None, str | None]]:
    return [(d.text, d.value, d.end_value) for d in extract(text, published).dates]


def one(text: str, published: str | None = None) -> DateMention:
    found = extract(text, published).dates
    assert len(found) == 1, [(d.text, d.value) for d in found]
    return found[0]


# -- the anchor ------------------------------------------------------------------------


def test_today_with_a_full_date_anchors_the_relative_dates() -> None:
    doc = extract("أعلن الجيش، اليوم الجمعة 30 أيار 2025، أن الغارات نُفذت ليلة الخميس – "
                  "الجمعة، وأن الحملة بدأت الشهر الماضي.")
    assert doc.meta["date_anchor"] == {"value": "2025-05-30", "source": "text",
                                       "text": "اليوم الجمعة 30 أيار 2025"}
    got = [(d.text, d.value, d.end_value) for d in doc.dates]
    assert ("ليلة الخميس – الجمعة", "2025-05-29", "2025-05-30") in got
    assert ("الشهر الماضي", "2025-04", None) in got
    assert all(d.value for d in doc.dates)


def test_yesterday_with_a_full_date_anchors_the_day_after() -> None:
    doc = extract("وصل الوفد أمس الإثنين 4 آذار 2019 إلى العاصمة، ويغادر غدا.")
    assert doc.meta["date_anchor"]["value"] == "2019-03-05"
    assert ("غدا", "2019-03-06", None) in values("وصل الوفد أمس الإثنين 4 آذار 2019 "
                                                "إلى العاصمة، ويغادر غدا.")


def test_dated_issue_header_with_its_weekday_anchors() -> None:
    doc = extract("عدد الثلاثاء 12 أيلول 2017\nقصفت الطائرات أمس مواقع في الريف الشرقي.")
    assert doc.meta["date_anchor"]["value"] == "2017-09-12"
    assert ("أمس", "2017-09-11", None) in [(d.text, d.value, d.end_value) for d in doc.dates]


def test_a_past_day_told_of_is_not_the_anchor() -> None:
    # «في يوم الاثنين 19 أكتوبر 1970»: a day the story tells of, not the writing day
    doc = extract("صدر العدد الأول في يوم الاثنين 19 أكتوبر 1970، وهي اليوم توزع في كل مكان.")
    assert doc.meta["date_anchor"] is None
    assert [d.value for d in doc.dates] == ["1970-10-19"]


def test_a_wrong_weekday_is_not_the_anchor() -> None:
    # 12 September 2017 was a Tuesday, not a Friday
    assert extract("الجمعة 12 أيلول 2017 قصفت الطائرات أمس").meta["date_anchor"] is None


def test_the_anchor_agrees_with_today_and_its_weekday() -> None:
    text = "قال الوزير اليوم الخميس إن الاتفاق الموقع في 14 أيلول 2017 صامد."
    doc = extract(text)  # 14 September 2017 was a Thursday
    assert doc.meta["date_anchor"]["value"] == "2017-09-14"
    # a day in conflict with «اليوم الخميس» is rejected
    assert extract("قال الوزير اليوم الخميس إن الاتفاق الموقع في 13 أيلول 2017 صامد."
                   ).meta["date_anchor"] is None


def test_a_page_of_several_days_has_no_anchor() -> None:
    text = ("الأحد 10 كانون الأول 2017 أخبار متفرقة. قال المتحدث اليوم الاثنين إن الهدنة "
            "صامدة. وقال آخر اليوم الأربعاء إن القصف مستمر.")
    assert extract(text).meta["date_anchor"] is None


def test_an_anchor_older_than_the_years_named_is_rejected() -> None:
    text = "الأحد 10 كانون الأول 2017 ثم قال أمس إن الانتخابات ستجري عام 2021."
    assert extract(text).meta["date_anchor"] is None


def test_published_is_the_anchor_when_known() -> None:
    doc = extract("قال أمس إن", "2017-12-19")
    assert doc.meta["date_anchor"] == {"value": "2017-12-19", "source": "published", "text": None}
    assert [d.value for d in doc.dates] == ["2017-12-18"]


def test_anchor_is_in_the_extract_json() -> None:
    doc = extract("أعلن الجيش، اليوم الجمعة 30 أيار 2025، أن الغارات نفذت أمس.")
    out = doc.to_dict()
    assert out["date_anchor"]["value"] == "2025-05-30"
    assert Document.from_dict(out).meta["date_anchor"] == out["date_anchor"]
    assert extract("قال أمس").to_dict()["date_anchor"] is None


# -- what is left out ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["قالت الوزارة يوم الأربعاء إن", "وصلت آخر قافلة في أغسطس .", "منذ سبتمبر اضطر السكان",
     "قال اليوم الجمعة إن", "وفي 13 من الشهر نفسه هاجم المسلحون",
     "جميع الحقوق محفوظة 2005 - 2018"],
)
def test_unresolvable_expressions_are_left_out_and_are_no_figures(text: str) -> None:
    doc = extract(text)
    assert doc.dates == []
    assert doc.figures == []
    assert len(doc.meta["unresolved_dates"]) == 1
    u = doc.meta["unresolved_dates"][0]
    assert doc.text[u["start"]:u["end"]] == u["text"]


def test_weekday_picks_the_year_among_the_texts_years() -> None:
    # 25 December was a Monday in 2017 (and in 2006, too far from the text's 2018)
    text = "حصلت تركيا أمس الإثنين 25 ديسمبر على الجزيرة، وستبدأ العمل عام 2018."
    got = values(text)
    assert ("الإثنين 25 ديسمبر", "2017-12-25", None) in got
    assert extract(text).meta["date_anchor"]["value"] == "2017-12-26"
    assert values("حصلت تركيا أمس الإثنين 25 ديسمبر على الجزيرة") == []  # no year to go by


# -- ranges, periods and year-less dates against the anchor --------------------------------


@pytest.mark.parametrize(
    ("text", "published", "value", "end"),
    [
        ("قال الأسبوع الماضي إن", "2017-12-27", "2017-12-18", "2017-12-24"),
        ("يزور البلاد الأسبوع المقبل", "2017-12-27", "2018-01-01", "2018-01-07"),
        ("خلال هذا الأسبوع", "2017-12-27", "2017-12-25", "2017-12-31"),
        ("غارات ليلة الأربعاء الخميس", "2017-12-28", "2017-12-27", "2017-12-28"),
        ("سيعقد المؤتمر في 29 و 30 الجاري", "2018-01-20", "2018-01-29", "2018-01-30"),
    ],
)
def test_periods_and_ranges(text: str, published: str, value: str, end: str) -> None:
    d = one(text, published)
    assert (d.value, d.end_value) == (value, end)


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        # a future clause takes the next occurrence, a past one the last
        ("المؤتمر سيعقد يومي 29 و 30 يناير في سوتشي", "2017-12-22", "2018-01-29"),
        ("وكانت الطائرات قصفت في 13 من يناير الموقع", "2017-12-10", "2017-01-13"),
        ("وتناقش الدول القضية منذ ابريل نيسان", "2017-12-22", "2017-04"),
        ("ومن المقرر عقدها في نوفمبر", "2017-09-06", "2017-11"),
        # a future range under way at publication is this year's
        ("سيقوم بزيارة البلاد في الفترة ما بين 17 إلى 20 شباط", "2014-02-19", "2014-02-17"),
        # a weekday picks the year in which the day is that weekday
        ("قال يوم الجمعة 22 ديسمبر إن", "2018-01-05", "2017-12-22"),
        ("وكانت الجولة يوم الثلاثاء الماضي", "2017-12-02", "2017-11-28"),
        ("تنطلق في 5 كانون الاول المقبل", "2017-12-02", "2017-12-05"),
    ],
)
def test_year_less_dates(text: str, published: str, value: str) -> None:
    assert one(text, published).value == value


def test_days_counted_from_another_date_are_left_out() -> None:
    doc = extract("واستهدفت غارة أخرى قبل يومين من هذا التاريخ موقعا", "2017-12-10")
    assert doc.dates == []
    assert one("قتل قبل يومين في القصف", "2017-12-10").value == "2017-12-08"


def test_yesterday_with_weekday_in_brackets_is_one_date() -> None:
    d = one("قال المرصد أمس ( السبت ) إن التنظيم انسحب", "2017-12-10")
    assert (d.text, d.value) == ("أمس ( السبت )", "2017-12-09")


def test_a_day_glued_to_and_is_a_date_not_a_figure() -> None:
    doc = extract("في ذكرى ثورتي 25 يناير و30 يونيو", "2017-05-01")
    assert [(d.text, d.value) for d in doc.dates] == [("25 يناير", "2017-01-25"),
                                                       ("30 يونيو", "2016-06-30")]
    assert doc.figures == []
