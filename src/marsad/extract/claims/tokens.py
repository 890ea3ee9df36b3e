"""Tokens of a sentence for the claims rules, the reporting-act record, and the skipping of
adverbials and date adjuncts between a verb, its subject and its content."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import partial
from itertools import accumulate

from marsad.extract.claims import reporting as rp
from marsad.extract.claims.folding import fold
from marsad.extract.claims.speakers import FUNCTION_WORDS, SKIPPABLE, Parsed, Tok
from marsad.extract.quantities.months import month_number
from marsad.text.normalize import NormalizedText

_TOKEN = re.compile(r"\w+|[^\w\s]")
_PIECES = re.compile("(" + _TOKEN.pattern + ")")
_make_tok = partial(tuple.__new__, Tok)


_CLAUSE_PARTICLES = {fold(w) for w in ("كما", "ثم", "وكما", "فيما", "بينما", "وقد", "فقد", "ولقد", "حين", "حينما")}


_KANA = {fold(w) for w in ("كان", "كانت", "وكان", "وكانت", "قد", "وقد", "سبق", "وسبق")}


@dataclass
class Candidate:
    """A reporting act found by the syntax, before its speaker is resolved."""

    trig: int  # token index of the trigger
    trig_end: int  # token index after the trigger words
    verb_start: int  # normalized offsets of the verb as written (no conjunction)
    verb_end: int
    kind: str  # perfect | imperfect | participle | nominal | statement | headline
    gender: str
    deny: bool
    content_tok: int  # token index where the content starts
    content_end_tok: int  # exclusive
    subject: Parsed | None = None
    preverbal: bool = False
    boundary: bool = False  # may cut the content of the claim before it
    clause_initial: bool = True
    agency: str | None = None
    lemma: str = ""
    relayed_by: Candidate | None = None
    relay_subject: Parsed | None = None


def _tokens(text: str, start: int, end: int) -> list[Tok]:
    """The tokens of ``text[start:end]``, with a reporting verb that a saved page split at
    its lost shadda joined again («أك دت» → «أكدت», «شد د» → «شدد»)."""
    # the tokens built in C: ``text[start:end]`` split at them (space, token, …, space;
    # _TOKEN has no look-around, so the slice splits as the whole would), the pieces'
    # lengths summed for their offsets
    pieces = _PIECES.split(text[start:end])
    bounds = list(accumulate(map(len, pieces), initial=start))
    toks = list(map(_make_tok, zip(bounds[1:-1:2], bounds[2::2], pieces[1::2], strict=True)))
    out: list[Tok] = []
    k = 0
    while k < len(toks):
        t = toks[k]
        if k + 1 < len(toks):
            nxt = toks[k + 1]
            # two letter runs one space apart, the second short, the first no function
            # word (the cheap tests first), that make a reporting verb together; the
            # verb must begin inside the first piece: «في كشف» is not «فيكشف»
            if len(nxt.text) <= 3 and nxt.start == t.end + 1 and nxt.text.isalpha() and t.text.isalpha() \
                    and t.text not in FUNCTION_WORDS:
                hit = rp.lookup(t.text + nxt.text)
                if hit is not None and hit[1] < len(t.text) - 1 and rp.lookup(t.text) is None:
                    out.append(Tok(t.start, nxt.end, t.text + nxt.text))
                    k += 2
                    continue
        out.append(t)
        k += 1
    return out


def _norm_span(nt: NormalizedText, start: int, end: int) -> tuple[int, int]:
    """Original ``[start, end)`` → normalized offsets."""
    return bisect_left(nt.offsets, start, 0, len(nt.text)), bisect_left(nt.offsets, end, 0, len(nt.text))


_DATE_WORDS = {fold(w) for w in (
    "يوم", "اليوم", "أمس", "امس", "غدا", "مساء", "صباح", "ليلة", "فجر", "ظهر", "عصر",
    "الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت",
    "أواخر", "أوائل", "منتصف", "مطلع", "أواسط",
    "الماضي", "الماضية", "المقبل", "المقبلة", "الجاري", "الجارية", "الحالي", "الفائت", "(", ")", "/",
)}


_DATE_PERIODS = {fold(w) for w in ("الأسبوع", "الشهر", "العام", "السنة", "الأسبوع", "صباح", "مساء")}


def _is_month(toks: list[Tok], i: int) -> int:
    """Number of tokens of a month name at ``i`` (0 when there is none)."""
    if i + 1 < len(toks) and month_number(toks[i].text + " " + toks[i + 1].text):
        return 2
    return 1 if month_number(toks[i].text) else 0


def _skip_date(toks: list[Tok], i: int) -> int:
    """Skip a date adjunct: «اليوم الجمعة 30 أيار 2025»، «الأسبوع الماضي»، «يوم (الأحد)»."""
    n = len(toks)
    start = i
    while i < n:
        t = toks[i].text
        if t in _DATE_WORDS and (t not in "()/" or i > start):
            i += 1
        elif t in _DATE_PERIODS and i + 1 < n and toks[i + 1].text in _DATE_WORDS:
            i += 2
        elif (m := _is_month(toks, i)) > 0 and (i > start or (i + 1 < n and toks[i + 1].text.isdigit())):
            i += m
        elif t.isdigit() and len(t) <= 4 and i + 1 < n and (_is_month(toks, i + 1) or toks[i + 1].text == "/"):
            i += 1
        elif t.isdigit() and len(t) == 4 and i > start and _is_month(toks, i - 1):
            i += 1
        elif t in ("،", ",") and i > start:
            i += 1
        else:
            break
    return i


def _skip(toks: list[Tok], i: int) -> int:
    """Skip adverbials, date adjuncts and pauses between a verb and its subject or
    between the subject and the content («أعلنت الوزارة، اليوم الجمعة 30 أيار، مقتل …»)."""
    n = len(toks)
    while i < n:
        t = toks[i].text
        if t in SKIPPABLE or t in ("،", ",") or t in _KANA:
            i += 1
        elif t in (fold("من"),) and i + 1 < n and toks[i + 1].text.startswith(("جهت", "جانب")):
            i += 2
        elif (d := _skip_date(toks, i)) > i:
            i = d
        else:
            break
    return i


_RELATIVES = {fold(w) for w in ("الذي", "التي", "الذين", "والذي", "والتي", "والذين")}
