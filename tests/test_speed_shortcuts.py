"""More shortcuts of issue 14 (speed), each checked against the plain computation:

* tokens built in C from a split of the text (NER, numbers, claims) are the regex's matches;
* the looser date patterns searched first find something wherever the full one does;
* the CRF's label-major Viterbi gives the tags of a plain per-sentence Viterbi;
* the per-word flags that let loops pass over tokens.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from marsad.extract import extract_text
from marsad.extract.claims import coref, triggers
from marsad.extract.claims import tokens as claim_tokens
from marsad.extract.entities import ner_fast, ner_tokens, propose, propose_names
from marsad.extract.entities.ner_model import MODEL_PATH
from marsad.extract.quantities import dates, numbers
from marsad.text.normalize import normalize

SENTENCES = [
    "قال المتحدث «الوضع هادئ»، وأضاف: “لا قتلى” (حتى الآن).",
    "ارتفع العدد إلى 1,200 قتيل و8.5 % من السكان… في 12/03/2016.",
    "وصل الوفد  إلى\tدمشق\nثم غادر!!",
    "«وداعش»،؟",
    "",
    " ",
]


def _matches(pattern: re.Pattern[str], text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    end = len(text) if end is None else end
    return [(m.start(), m.end(), m.group()) for m in pattern.finditer(text, start, end)]


@pytest.mark.parametrize("text", SENTENCES)
def test_ner_tokens_are_the_pattern_matches(text: str) -> None:
    expected = _matches(ner_tokens._TOKEN, text)
    assert [tuple(t) for t in ner_tokens.tokenize(text)] == expected
    assert ner_tokens.token_texts(text) == [t for _, _, t in expected]
    if len(text) > 10:  # a slice keeps offsets into the whole text
        assert [tuple(t) for t in ner_tokens.tokenize(text, 4, 10)] == _matches(ner_tokens._TOKEN, text, 4, 10)
        assert ner_tokens.token_texts(text, 4, 10) == [t for _, _, t in _matches(ner_tokens._TOKEN, text, 4, 10)]


@pytest.mark.parametrize("text", SENTENCES + ["بلغت 5 . 904 مليار و40 , 000 دولار و31 . 2 %"])
def test_number_tokens_are_the_pattern_matches(text: str) -> None:
    folded = normalize(text).text
    toks = numbers.tokenize(folded)
    assert [tuple(t) for t in toks] == _matches(numbers.TOKEN_RE, folded)
    assert all(t.is_digits == t.text[0].isdigit() for t in toks)


def test_spaced_numbers_stay_one_token() -> None:
    toks = numbers.tokenize(normalize("بلغت 5 . 904 مليار").text)
    assert [t.text for t in toks] == ["بلغت", "5 . 904", "مليار"]


@pytest.mark.parametrize("text", SENTENCES)
def test_claim_tokens_are_the_pattern_matches(text: str) -> None:
    folded = normalize(text).text
    got = claim_tokens._tokens(folded, 0, len(folded))
    assert [tuple(t) for t in got] == _matches(claim_tokens._TOKEN, folded)


def test_claim_tokens_still_join_a_verb_split_at_its_shadda() -> None:
    folded = normalize("وأك دت الوزارة").text
    assert [t.text for t in claim_tokens._tokens(folded, 0, len(folded))][0] == normalize("وأكدت").text


# each pattern with the looser one find_dates searches first
_LOOSE = [
    (dates.DAY_MONTH_RE, dates._DAY_MONTH_PART),
    (dates.WEEKDAY_RE, dates._WEEKDAY_PART),
    (dates.PERIOD_RE, dates._PERIOD_PART),
    (dates.AGO_RE, dates._AGO_PART),
    (dates.SEASON_RE, dates._SEASON_PART),
    (dates.YEAR_RANGE_RE, dates._YEAR_RANGE_PART),
    (dates.OLD_YEAR_RANGE_RE, dates._OLD_YEAR_RANGE_PART),
    (dates.OLD_BARE_YEAR_RE, dates._OLD_BARE_YEAR_PART),
    (dates.HIJRI_RE, dates._HIJRI_PART),
    (dates.NUMERIC_RE, dates._DIGIT_SEP_DIGIT_SEP_DIGIT),
    (dates.HIJRI_NUMERIC_RE, dates._DIGIT_SEP_DIGIT_SEP_DIGIT),
]
DATE_TEXTS = [
    "وقع الانفجار يوم الخميس 3 آذار الماضي، وفي الثالث من الشهر الجاري أيضا",
    "قتل العشرات الأسبوع الماضي وهذا العام، ومنذ ثلاثة أيام، وقبل يومين",
    "خلال صيف العام الماضي وبين عامي 2011 و2013، وبين 1535 و1538 إبان الحرب",
    "منذ 1948 ثم في 5 رجب 1437 هـ وفي 12/03/2016 و1437/07/05 هـ",
    "ومساء الجمعة - السبت، فجر الاثنين المقبل، والـ 25 من أيار",
    "لا تاريخ هنا ولا رقم",
]


@pytest.mark.parametrize("text", DATE_TEXTS)
def test_every_date_match_holds_a_match_of_the_looser_pattern(text: str) -> None:
    folded = normalize(text).text
    for full, loose in _LOOSE:
        for m in full.finditer(folded):
            assert loose.search(m.group()) or loose.search(folded, m.start(), m.end()), full.pattern[:40]
        if full.search(folded) is not None:
            assert loose.search(folded) is not None


def test_the_looser_patterns_see_their_dates() -> None:
    found = {d.text for d in extract_text(" ".join(DATE_TEXTS), published="2016-04-20").dates}
    assert {"يوم الخميس 3 آذار الماضي", "الأسبوع الماضي", "ومنذ ثلاثة أيام", "وقبل يومين",
            "عامي 2011 و2013", "1948", "5 رجب 1437 ه", "12/03/2016", "1437/07/05 ه",
            "فجر الاثنين المقبل", "25 من أيار"} <= found


def test_loose_patterns_skip_a_text_without_their_words() -> None:
    folded = normalize(DATE_TEXTS[-1]).text
    assert all(loose.search(folded) is None for _, loose in _LOOSE)


@pytest.mark.parametrize("word", ["الفريق", "زعيمها", "وزارة", "لوزارة", "الوزارة", "قال", "المدينة", "،", "12"])
def test_word_flags_answer_as_the_tests_they_replace(word: str) -> None:
    w = normalize(word).text
    assert propose_names._MAY_PRECEDE_NAME[word] == propose_names._may_precede_name(word)
    assert propose_names._HEADS_INSTITUTION[w] == (
        w in propose_names._INSTITUTION_HEADS or (w[:1] in "ولبف" and w[1:] in propose_names._INSTITUTION_HEADS))
    assert propose._MAY_START[word] == (propose._is_word(word) and propose._may_start_name(word))
    assert triggers._MAY_OPEN[w] == (
        w in triggers._CAME or w in triggers.rp.NOMINAL or triggers.rp.lookup(w) is not None)
    assert coref._MAY_PUBLISH[w] == (
        (w[1:] if w[:1] in "وف" and w[1:] in coref._PUBLISH else w) in coref._PUBLISH)


def test_word_flags_find_titles_and_heads() -> None:
    assert propose_names._MAY_PRECEDE_NAME["الفريق"]
    assert propose_names._HEADS_INSTITUTION[normalize("لوزارة").text]
    assert triggers._MAY_OPEN[normalize("وأضاف").text]
    assert not triggers._MAY_OPEN[normalize("المدينة").text]


def _viterbi_one(scores: np.ndarray, trans: np.ndarray) -> list[int]:
    """A plain Viterbi over one sentence's (steps, labels) scores."""
    delta = scores[0].copy()
    back = []
    for t in range(1, len(scores)):
        cand = delta[:, None] + trans
        back.append(cand.argmax(axis=0))
        delta = cand.max(axis=0) + scores[t]
    path = [int(delta.argmax())]
    for b in reversed(back):
        path.append(int(b[path[-1]]))
    return path[::-1]


@pytest.mark.skipif(not MODEL_PATH.exists(), reason="NER model not built")
def test_batched_viterbi_gives_each_sentences_own_path() -> None:
    from marsad.extract.entities.ner_model import weights

    w = weights()
    batch = [t.split() for t in (
        "قال الرئيس السوري بشار الأسد إن الجيش سيطر على مدينة حلب",
        "وصل وزير الخارجية إلى موسكو",
        "قتل",
        "وأعلنت وزارة الدفاع الروسية في بيان أن طائراتها قصفت مواقع لتنظيم داعش قرب الرقة ودير الزور",
    )]
    tagged = ner_fast.tag_batch(w, batch, ("PERS", "LOC"))
    table = ner_fast._word_table(w, [x for s in batch for x in s])
    for words, (tags, _) in zip(batch, tagged, strict=True):
        scores = ner_fast._batch_scores(w, table, [words], len(words))[0]
        assert tags == [w.labels[k] for k in _viterbi_one(scores, w.trans)]
