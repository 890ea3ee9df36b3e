"""Arabic number words read back to their values; num2words is the outside oracle."""

from __future__ import annotations

import random

import pytest

from marsad.extract.quantities.numbers import words_to_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("أربع", 4),
        ("أربعة", 4),
        ("واحداً", 1),
        ("إحدى عشرة", 11),
        ("اثنا عشر", 12),
        ("اثنتي عشرة", 12),
        ("ثلاثة عشر", 13),
        ("عشرون", 20),
        ("عشرين", 20),
        ("خمسة وعشرون", 25),
        ("خمس وثمانين", 85),
        ("مائة", 100),
        ("مئة وخمسة", 105),
        ("مئتان", 200),
        ("مئتي", 200),
        ("ثلاثمائة وخمسة وعشرون", 325),
        ("ثلاث مئة", 300),
        ("ثمانمئة", 800),
        ("ألف", 1000),
        ("ألفان", 2000),
        ("ثلاثة آلاف", 3000),
        ("خمسة آلاف وخمسمائة", 5500),
        ("عشرة آلاف", 10000),
        ("مائة ألف", 100000),
        ("مليون", 1000000),
        ("مليون ونصف", 1500000),
        ("نصف مليون", 500000),
        ("ثلاثة ملايين", 3000000),
        ("مليار", 1000000000),
        ("ملياران", 2000000000),
        ("5 آلاف", 5000),
        ("100 ألف", 100000),
        ("1.5 مليون", 1500000),
        ("٣٠٠", 300),
        ("٨٫٥", 8.5),
        ("1,200", 1200),
        ("بخمسة", 5),
        ("وأربعين", 40),
    ],
)
def test_number_words(text: str, value: float) -> None:
    assert words_to_number(text) == value


@pytest.mark.parametrize("text", ["أحد", "الاثنين", "كمية", "لست", "وست", "ثالث", "الخامس"])
def test_not_numbers(text: str) -> None:
    """«أحد» alone is "one of", «الاثنين» is Monday, ordinals and look-alikes are not numbers."""
    assert words_to_number(text) is None


def test_num2words_oracle() -> None:
    """num2words(lang='ar') renderings of 2,000 random numbers in [1, 10^9] read back."""
    num2words = pytest.importorskip("num2words").num2words
    rng = random.Random(20240601)
    numbers = [rng.randint(1, 10**9) for _ in range(2000)]
    right = sum(words_to_number(num2words(n, lang="ar")) == n for n in numbers)
    assert right / len(numbers) >= 0.99, f"{right}/{len(numbers)} read back"


def test_num2words_small_numbers_all_read_back() -> None:
    num2words = pytest.importorskip("num2words").num2words
    wrong = [n for n in range(1, 1001) if words_to_number(num2words(n, lang="ar")) != n]
    assert wrong == []
