"""Normalization with offset map, and sentence splitting, on real seed text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from marsad.text.normalize import fold, normalize, search_key, strip_clitics
from marsad.text.sentences import split_sentences


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("أكدت", "اكدت"),
        ("إيغور", "ايغور"),
        ("آليات", "اليات"),
        ("فاليرى", "فاليري"),
        ("السورية", "السوريه"),
        ("مسلحاً", "مسلحا"),
        ("وجّه", "وجه"),
        ("الـ24", "ال24"),
        ("٣٠٠", "300"),
        ("٨٫٥", "8.5"),
        ("ﻻ", "لا"),
        ("مسؤول", "مسوول"),
    ],
)
def test_fold_equates_spelling_variants(a: str, b: str) -> None:
    assert fold(a) == fold(b)


def test_fold_keeps_distinct_words_apart() -> None:
    assert fold("قتل") != fold("قتال")
    assert fold("حلب") != fold("حلبا")


def test_offset_map_points_back_into_displayed_text() -> None:
    text = "وجّـه الطيرانُ ٦٤ ضربةً"
    nt = normalize(text)
    assert nt.text == "وجه الطيران 64 ضربه"
    for m in re.finditer(r"\S+", nt.text):
        s, e = nt.to_original(m.start(), m.end())
        assert fold(text[s:e]) == m.group()
    s, e = nt.to_original(nt.text.index("64"), nt.text.index("64") + 2)
    assert text[s:e] == "٦٤"


@pytest.mark.parametrize(
    ("word", "key"),
    [("بمحيط", "محيط"), ("والرقة", "رقه"), ("للمدينة", "مدينه"), ("بين", "بين"), ("وزارة", "زاره")],
)
def test_search_key_sees_through_clitics(word: str, key: str) -> None:
    assert search_key(fold(word)) == key


def test_strip_clitics_keeps_the_whole_token_first() -> None:
    assert strip_clitics("بالرقه")[0] == "بالرقه"
    assert "رقه" in strip_clitics("بالرقه")


def _seed_texts(seeds_dir: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]


def test_no_sentence_crosses_a_line_break(seeds_dir: Path) -> None:
    for text in _seed_texts(seeds_dir):
        spans = split_sentences(text)
        assert spans, "a seed gave no sentences"
        for s, e in spans:
            assert "\n" not in text[s:e]
            assert text[s:e] == text[s:e].strip()


def test_every_line_is_covered(seeds_dir: Path) -> None:
    for text in _seed_texts(seeds_dir):
        covered = "".join(text[s:e] for s, e in split_sentences(text))
        assert re.sub(r"\s", "", covered) == re.sub(r"\s", "", text)


_QUOTED = re.compile(r"«[^«»\n]*»|“[^“”\n]*”")


def test_no_split_inside_a_quotation(seeds_dir: Path) -> None:
    checked = 0
    for text in _seed_texts(seeds_dir):
        ends = {e for _, e in split_sentences(text)}
        for m in _QUOTED.finditer(text):
            inner = set(range(m.start() + 1, m.end() - 1))
            assert not ends & inner, f"split inside {m.group()[:40]}…"
            checked += "." in m.group()
    assert checked >= 1, "the seeds hold a quotation with a full stop inside"


def test_seeds_split_into_many_sentences_at_full_stops(seeds_dir: Path) -> None:
    for text in _seed_texts(seeds_dir):
        lines = [ln for ln in text.splitlines() if ln.strip()]
        assert len(split_sentences(text)) >= len(lines)


def test_sentence_rules_on_own_text() -> None:
    text = "قال د. أحمد إن المساحة 8.5 كيلومتر. وأضاف: «انسحبنا. ثم عدنا». انتهى؟ نعم"
    got = [text[s:e] for s, e in split_sentences(text)]
    assert got == [
        "قال د. أحمد إن المساحة 8.5 كيلومتر.",
        "وأضاف: «انسحبنا. ثم عدنا».",
        "انتهى؟",
        "نعم",
    ]
    headline = "الدفاع: تقدم باتجاه المدينة.. والعملية مستمرة"
    assert len(split_sentences(headline)) == 1


def test_characters_that_are_their_own_compatibility_form_are_kept() -> None:
    # ornate brackets around Quran quotes: NFKC leaves them as they are
    assert fold("﴿ والله ﴾") == "﴿ والله ﴾"
    assert fold("\ufdfe") == "\ufdfe"
