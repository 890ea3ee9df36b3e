"""Figures: one test per rule of the gold README, on short sentences of our own,
plus the floor on the real seed articles (read from ../shared at run time)."""

from __future__ import annotations

from typing import Any

import pytest

from marsad.document import Document, Figure
from marsad.pipeline import run


def figures(text: str, published: str | None = "2017-06-01") -> list[Figure]:
    doc = Document(id="t", text=text, published=published)
    return run(doc, ("dates", "figures")).figures


def one(text: str) -> Figure:
    found = figures(text)
    assert len(found) == 1, [(f.text, f.value) for f in found]
    return found[0]


# -- numbers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "counted", "unit"),
    [
        ("قتل 25 مسلحا في الهجوم", 25, "مسلح", None),
        ("أطلقت ٣٠٠ صاروخ على المدينة", 300, "صاروخ", None),
        ("مساحة ٦٫٢ كيلومتر مربع", 6.2, None, "km2"),
        ("دمرت أربع طائرات", 4, "طائرة", None),
        ("سجلت خرقاً واحداً في الجنوب", 1, "خرق", None),
        ("شارك ثلاثمائة وخمسة وعشرون جندياً", 325, "جندي", None),
        ("حشد 7 آلاف مقاتل", 7000, "مقاتل", None),
        ("نزح 200 ألف مدني", 200000, "مدني", None),
        ("عاد مليون ونصف لاجئ", 1500000, "لاجئ", None),
        ("انتشر ألف جندي", 1000, "جندي", None),
        ("أحرقت 6 صهاريج نفط", 6, "صهريج", None),
        ("استعاد 7 أحياء", 7, "حي", None),
        ("تلقى 12345 طفلا اللقاح", 12345, "طفل", None),
        ("وصلت 45 طنا من الطحين", 45, None, "tonne"),
        ("زرع 12 هكتارا", 12, None, "hectare"),
        ("على امتداد 240 كيلومترات", 240, None, "km"),
        ("دام الإضراب 14 شهرا", 14, None, "month"),
        ("استمر 3 أسابيع", 3, None, "week"),
        ("في الساعات الـ48 الأخيرة", 48, None, "hour"),
        ("بلغت الخسائر 2 مليار دولار", 2_000_000_000, None, "USD"),
        ("بلغ سعره 500 ليرة سورية", 500, None, "SYP"),
    ],
)
def test_value_counted_unit(text: str, value: float, counted: str | None, unit: str | None) -> None:
    f = one(text)
    assert (f.value, f.counted, f.unit, f.bound) == (value, counted, unit, "exact")
    assert f.text == text[f.start:f.end]


@pytest.mark.parametrize(
    ("text", "value"),
    [("صوت 73% من الناخبين", 73), ("تضرر 60 بالمئة من المباني", 60),
     ("يعيش 45 في المائة من السكان", 45), ("نسبة ٣٠٪ من الأراضي", 30)],
)
def test_percentages(text: str, value: float) -> None:
    f = one(text)
    assert (f.value, f.unit) == (value, "percent")


@pytest.mark.parametrize(
    ("text", "value", "counted"),
    [("استمر القصف يومين متتاليين", 2, None), ("أحبطت محاولتين للتسلل", 2, "محاولة"),
     ("نفذ هجومين على المطار", 2, "هجوم")],
)
def test_duals_count_two(text: str, value: int, counted: str | None) -> None:
    f = one(text)
    assert (f.value, f.counted) == (value, counted)


def test_dual_unit_is_day() -> None:
    assert one("استمر القصف يومين متتاليين").unit == "day"


@pytest.mark.parametrize(
    ("text", "value", "value_max"),
    [("قتل بين 10 و20 مسلحا", 10, 20), ("على بعد من 10 إلى 20 كيلومترا", 10, 20),
     ("سقط 29 – 30 صاروخا", 29, 30), ("نزح بين 20 و25 ألف شخص", 20000, 25000),
     ("قتل بين عشرة وعشرين مسلحا", 10, 20)],
)
def test_ranges(text: str, value: int, value_max: int) -> None:
    f = one(text)
    assert (f.value, f.value_max) == (value, value_max)


# -- bounds ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "bound", "span"),
    [
        ("قتل نحو 150 مسلح", "approx", "نحو 150 مسلح"),
        ("شارك زهاء 700 مقاتل", "approx", "زهاء 700 مقاتل"),
        ("وصل قرابة 3 آلاف جندي", "approx", "قرابة 3 آلاف جندي"),
        ("قتل حوالي 50 شخصا", "approx", "حوالي 50 شخصا"),
        ("قتل 50 شخصا تقريبا", "approx", "50 شخصا تقريبا"),
        ("دمرت ما يقارب 70 منزلا", "approx", "ما يقارب 70 منزلا"),
        ("سقط أكثر من 60 قتيلا", "more_than", "أكثر من 60 قتيلا"),
        ("قتل نحو الـ300 مسلح", "approx", "نحو الـ300 مسلح"),
        ("هاجم بأكثر من 20 طائرة", "more_than", "بأكثر من 20 طائرة"),
        ("حضر ما يربو على 9 آلاف شخص", "more_than", "ما يربو على 9 آلاف شخص"),
        ("بلغ عددهم ما يزيد على 200 عنصر", "more_than", "ما يزيد على 200 عنصر"),
        ("عدد يفوق 400 عنصر", "more_than", "يفوق 400 عنصر"),
        ("قتل أقل من 10 جنود", "less_than", "أقل من 10 جنود"),
        ("قتل ما لا يقل عن 12 مدنيا", "at_least", "ما لا يقل عن 12 مدنيا"),
        ("قتل 20 شخصا على الأقل", "at_least", "20 شخصا على الأقل"),
        ("مساحة لا تتجاوز 3.5 كيلومتر مربع", "at_most", "لا تتجاوز 3.5 كيلومتر مربع"),
        ("قد يصل العدد حتى 50 قتيلا", "at_most", "حتى 50 قتيلا"),
        ("ستبقى 10 طائرات على الأكثر", "at_most", "10 طائرات على الأكثر"),
    ],
)
def test_bounds(text: str, bound: str, span: str) -> None:
    f = one(text)
    assert (f.bound, f.text) == (bound, span)


@pytest.mark.parametrize(
    "text", ["قتل العشرات من الضباط", "نفذ عشرات الغارات", "نزح مئات المدنيين",
             "خرج الآلاف في الشوارع", "نزح عشرات الآلاف من السكان"],
)
def test_vague_amounts(text: str) -> None:
    f = one(text)
    assert (f.value, f.bound) == (None, "vague")


def test_definite_number_after_its_noun() -> None:
    f = one("في المحافظات الأربع الجنوبية")
    assert (f.value, f.text) == (4, "المحافظات الأربع")


# -- not figures ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "وقع الهجوم في 25 أيار الماضي",  # part of a date
        "حررت المدينة في العام 2017",  # a year
        "تقدم الفيلق الخامس نحو المدينة",  # an ordinal
        "صد أول هجوم على المدينة",  # an ordinal
        "للتواصل اتصل على 0933123456",  # a phone number
        "التفاصيل على http://example.com/news/2017/05/123",  # a URL
        "بموجب القرار 2254 لمجلس الأمن",  # an id
        "اشتبك مع عناصر اللواء 47 في المنطقة",  # a unit name
        "بدأ القصف عند الساعة 10:30 صباحا",  # a clock time
        "هاجم أحد المحاور الثلاثة",  # «أحد» = one of ... but الثلاثة counts (see below)
    ][:-1],
)
def test_not_figures(text: str) -> None:
    assert figures(text) == []


@pytest.mark.parametrize(
    "text",
    ["عقدت قمة مجموعة العشرين", "نقل كمية من الحجارة", "المتحدث وأحد المسؤولين",
     "سعر اللتر الواحد", "منذ الساعة الواحدة ليلا", "تعود إلى القرن السادس عشر"],
)
def test_look_alikes_are_not_figures(text: str) -> None:
    assert figures(text) == []


def test_half_after_counted_noun() -> None:
    f = one("دامت الحرب ست سنوات ونصف")
    assert (f.value, f.unit) == (6.5, "year")


def test_without_publication_date_figures_still_found() -> None:
    found = figures("قتل أكثر من 80 مسلحا أمس", published=None)
    assert [(f.value, f.bound) for f in found] == [(80, "more_than")]


def test_date_numbers_are_not_figures() -> None:
    found = figures("في 25 أيار قتل 30 شخصا")
    assert [(f.value, f.counted) for f in found] == [(30, "شخص")]


def test_one_of_is_not_a_figure() -> None:
    assert figures("كان واحدا من أهم القادة") == []
    assert figures("هاجم أحد المحاور") == []


# -- the floor on the real seeds -----------------------------------------------------


def _seed_pairs(gold_docs: list[dict[str, Any]], seeds_dir: Any) -> list[Any]:
    from marsad.eval.gold import GoldPair

    pairs = []
    for gold in gold_docs:
        text = (seeds_dir / gold["doc"]).read_text(encoding="utf-8")
        doc = Document(id=gold["doc"], text=text, published=gold.get("published"))
        pairs.append(GoldPair(gold, run(doc, ("sentences", "dates", "figures"))))
    return pairs


def test_gold_floor_figures(gold_docs: list[dict[str, Any]], seeds_dir: Any) -> None:
    from marsad.eval.score_figures import report, score

    result = score(_seed_pairs(gold_docs, seeds_dir))
    strict = result["overall"]["strict"]["f1"]
    assert strict >= 0.97, report(result)
    assert result["overall"]["value"]["f1"] >= strict


def test_figure_spans_are_original_text(gold_docs: list[dict[str, Any]], seeds_dir: Any) -> None:
    for pair in _seed_pairs(gold_docs, seeds_dir):
        for f in pair.doc.figures:
            assert f.text == pair.doc.text[f.start:f.end]
            assert f.text.strip() == f.text


def test_thousands_written_apart_in_saved_pages() -> None:
    assert [(f.value, f.bound) for f in figures("شارك زهاء 25 , 000 متظاهر")] == [(25000, "approx")]
    # a comma between two short numbers is a list, not thousands
    assert [f.value for f in figures("أصيب 7 , 12 شخصا")] == [7, 12]
