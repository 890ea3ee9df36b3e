"""The shortcuts of issue 14 (speed) give what the plain computations give.

* ``normalize``'s offsets for text with characters that fold to none or to two;
* sentence splitting's quotation depths, computed from the quote characters only;
* the figures scan skipping words that can start no figure;
* the date patterns skipped when a text lacks what all their matches contain;
* the events tokens (clauses, full stops inside a quotation);
* the per-word memories of the claims rules.
"""

from __future__ import annotations

import pytest

from marsad.document import Document, Sentence
from marsad.extract import extract_text
from marsad.extract.claims import reporting, speakers
from marsad.extract.events.tokens import sentence_tokens
from marsad.extract.quantities import figures
from marsad.text import sentences
from marsad.text.normalize import _fold_char, fold, normalize, strip_clitics, tokens


@pytest.mark.parametrize("text", [
    "قُتِلَ ثلاثةٌ",  # harakat fold to nothing
    "الـــمدينة \u200fو\u200bهنا",  # tatweel and invisible marks
    "ﻻ أحد ﻷنه",  # lam-alef ligatures fold to two letters
    "ﻻًّـ x",  # all of them together, next to each other
    "",
])
def test_offsets_of_uneven_text_match_folding_by_character(text: str) -> None:
    nt = normalize(text)
    parts = [_fold_char(ch) for ch in text]
    assert nt.text == "".join(parts)
    expected = [i for i, part in enumerate(parts) for _ in part] + [len(text)]
    assert list(nt.offsets) == expected


def _depths_by_character(line: str) -> list[int]:
    """The quotation depth before each character, one character at a time."""
    depths: list[int] = []
    stack: list[str] = []
    for ch in line:
        depths.append(len(stack))
        if ch in sentences._OPENERS:
            stack.append(ch)
        elif ch in sentences._CLOSERS:
            if stack:
                stack.pop()
            else:
                stack.append(ch)
        elif ch == '"':
            if stack and stack[-1] == ch:
                stack.pop()
            else:
                stack.append(ch)
    return depths + [len(stack)]


@pytest.mark.parametrize("line", [
    "قال «إن الوضع هادئ. ولا قتال» ثم غادر.",
    "وأضاف»... ثم «قال» كلاما «آخر",  # a closer first, a quote never closed
    'رد "بلا" ثم "نعم" و“لا”',
    "لا علامات هنا",
])
def test_quote_depths_match_a_scan_by_character(line: str) -> None:
    assert sentences._quote_depths(line) == _depths_by_character(line)


def test_sentences_split_at_stops_outside_quotations_only() -> None:
    text = "وصل الوفد صباحا. قال رئيسه «نريد حلا. لا حربا» ثم غادر! هل يعود؟\nسطر ثان"
    spans = sentences.split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "وصل الوفد صباحا.",
        "قال رئيسه «نريد حلا. لا حربا» ثم غادر!",
        "هل يعود؟",
        "سطر ثان",
    ]


@pytest.mark.parametrize("word", ["ثلاثة", "وخمسة", "عشرات", "آلاف", "يومين", "سيارتين", "مئات", "12"])
def test_number_words_may_start_a_figure(word: str) -> None:
    assert figures._may_count(fold(word))  # the scan sees normalized tokens


@pytest.mark.parametrize("word", ["الحكومة", "المدينة", "بوتين", "اللتين", "قال"])
def test_other_words_start_none(word: str) -> None:
    assert not figures._may_count(fold(word))


def test_figures_are_still_read_past_the_skipped_words() -> None:
    doc = extract_text("قالت الحكومة إن ثلاثة جنود قتلوا وأصيب عشرات المدنيين خلال يومين من القتال.",
                       published="2016-03-01")
    values = sorted((f.value, f.bound) for f in doc.figures if f.value is not None)
    assert values == [(2, "exact"), (3, "exact")]
    assert any(f.bound == "vague" and f.counted for f in doc.figures)


def test_dates_need_what_their_patterns_need() -> None:
    with_digits = extract_text("وقع الهجوم في 12/03/2016 وأعلن عنه في 5 رجب 1437 هـ.", published="2016-04-20")
    assert [d.value for d in with_digits.dates] == ["2016-03-12", "2016-04-12"]  # 5 Rajab 1437 (hijridate)
    no_year = extract_text("وصل الوفد أمس وسيغادر ليلة الخميس الجمعة.", published="2016-04-20")
    assert [d.text for d in no_year.dates] == ["أمس", "ليلة الخميس الجمعة"]


def _tokens_one_by_one(doc: Document, sent: Sentence) -> list[tuple[int, int, str, frozenset[str], int, bool]]:
    """The events tokens computed without shortcuts: every gap examined."""
    nt = doc.normalized
    lo = next(k for k, o in enumerate(nt.offsets) if o >= sent.start)
    hi = next(k for k, o in enumerate(nt.offsets) if o >= sent.end)
    out: list[tuple[int, int, str, frozenset[str], int, bool]] = []
    clause, prev_end = 0, sent.start
    for s, e, tok in tokens(nt.text[lo:hi]):
        start, end = nt.to_original(lo + s, lo + e)
        gap = doc.text[prev_end:start]
        stop = bool(out) and any(ch in ".!?؟" for ch in gap) and any(ch.isspace() for ch in gap)
        if out and (stop or any(ch in "،,؛;:" for ch in gap)):
            clause += 1
        out.append((start, end, tok, frozenset(strip_clitics(tok)), clause, stop))
        prev_end = end
    return out


def test_event_tokens_keep_their_clauses() -> None:
    text = "قالت الوزارة: «قصفت الطائرات المدينة. وقتل مدنيون»، ثم انسحبت القوات؛ وعاد الهدوء 8.5 ساعات"
    doc = Document(id="t", text=text)
    sent = Sentence(start=0, end=len(text))
    got = [(t.start, t.end, t.norm, t.forms, t.clause, t.after_stop) for t in sentence_tokens(doc, sent)]
    assert got == _tokens_one_by_one(doc, sent)
    assert max(t[4] for t in got) == 4  # «:», «.», «،», «؛» — not the point of 8.5
    assert sum(t[5] for t in got) == 1


@pytest.mark.parametrize("word", ["والجيش", "لوزاره", "للمتحدث", "وزير", "الناطق", "بان", "و"])
def test_word_memories_answer_as_the_functions(word: str) -> None:
    assert speakers.bare(word) == speakers._bare(word)
    assert speakers.bare(word) == speakers._bare(word)  # the remembered answer
    assert speakers.is_role_head(word) == speakers._is_role_head(word)


def test_trigger_lookup_is_remembered_as_computed() -> None:
    for token in ("واضاف", "قال", "وقالت", "المدينه", "فاكد"):
        assert reporting.lookup(token) == reporting._lookup(token)
    hit = reporting.lookup("واضاف")
    assert hit is not None and hit[1] == 1  # the glued conjunction
