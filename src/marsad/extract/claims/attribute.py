"""The ``claims`` pipeline component: every reporting act becomes an attributed Claim.

Rules (../shared/gold/README.md, *claims*), applied sentence by sentence on the folded
text (``doc.normalized``) with offsets mapped back to ``doc.text``:

1. **Triggers** — a reporting verb or participle (marsad.extract.claims.reporting), «جاء في
   بيان …», a nominal attribution at the edge of a clause («وفقا لـ X», «حسب X», «نقلا عن
   X») or a headline line «X: …».  «يذكر أن», «يشار إلى أن» are the outlet's own voice.
2. **Content** — after the complementizer (أن/إن/:/an opening quotation) or, for verbs
   that take an object (أعلن، أكد، نفى، أعرب عن …), after the subject.  It runs to the end
   of the sentence, or to the next reporting act of the same sentence (a participle such as
   «مبينا أن», or «وأضاف أن» outside a quotation), or to the mark closing a direct
   quotation.  A reporting verb inside someone's content («… الأمر الذي يؤكد أن …») is part
   of that content, not a new claim.
3. **Speaker** — the subject after the verb (name with title/role, organisation, role or
   back-reference, unnamed source), else a subject before it («وكانت الوزارة أعلنت»,
   «وسبق لوكالة سانا أن أكدت»), else the current speaker of the same grammatical gender
   (a feminine «وأضافت» after a minister goes back to the ministry).
4. **Polarity** — ``deny`` for نفى/ينفي/نافيا and for content that negates an act
   («لم يوجه، ولا يوجه أي ضربات»), or calls a report untrue («لا صحة»).
5. **Source chain** — the article's outlet, the «المصدر: X» line, and an agency the
   text names for this claim («في تصريح لوكالة X», «نقلا عن X»).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from marsad.document import Claim, Document
from marsad.extract.claims import reporting as rp
from marsad.extract.claims.quotes import QUOTES, is_direct, quote_end
from marsad.extract.claims.speakers import (
    AGENCIES,
    COUNTRIES,
    FUNCTION_WORDS,
    MASC_ORG_HEADS,
    ORG_HEADS,
    PERSON_BACKREFS,
    SKIPPABLE,
    TITLES,
    UNNAMED_HEADS,
    Parsed,
    Speaker,
    SpeakerBook,
    Tok,
    bare,
    canonical_org,
    is_role_head,
    parse_phrase,
)
from marsad.extract.quantities.months import month_number
from marsad.pipeline import component
from marsad.text.normalize import NormalizedText, fold
from marsad.text.sentences import split_sentences

_TOKEN = re.compile(r"\w+|[^\w\s]")
_MAX_ZONE = 32  # tokens between a verb and its complementizer
_STATEMENT_OWNER_SKIP = {fold(w) for w in ("صادر", "الصادر", "عن", "نشرته", "نشرتها")}
_LABELS = {fold(w) for w in ("المصدر", "مصدر", "تحرير", "اقرأ", "شاهد", "المحرر", "الكاتب", "المراسل", "رابط", "الرابط", "تاريخ", "للمزيد", "اقرأ أيضا", "المصادر", "ترجمة")}
_CLAUSE_PARTICLES = {fold(w) for w in ("كما", "ثم", "وكما", "فيما", "بينما", "وقد", "فقد", "ولقد", "حين", "حينما")}
_CLAUSE_INITIAL_ONLY = {"بين", "تابع", "لفت"}
_LINKERS = {fold(w) for w in ("كما", "ثم", "فيما", "بينما", "حين", "حينما", "في", "و", "وقد", "فقد", "،", ",", "-", "–")}
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
    return [Tok(m.start() + start, m.end() + start, m.group()) for m in _TOKEN.finditer(text[start:end])]


def _norm_span(nt: NormalizedText, start: int, end: int) -> tuple[int, int]:
    """Original ``[start, end)`` → normalized offsets."""
    return bisect_left(nt.offsets, start, 0, len(nt.text)), bisect_left(nt.offsets, end, 0, len(nt.text))


_DATE_WORDS = {fold(w) for w in (
    "يوم", "اليوم", "أمس", "امس", "غدا", "مساء", "صباح", "ليلة", "فجر", "ظهر", "عصر",
    "الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت",
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


_ADVERBIAL_AN = {fold(w) for w in ("بعد", "قبل", "دون", "منذ", "بد", "أجل", "يمكن", "حين", "ريثما", "بمجرد")}
_QUOTE_LEADS = {fold(w) for w in (":", "إلى", "الى", "عن", "على", "قائلا")}


def _find_clause(
    toks: list[Tok], i: int, limit: int, *, takes_object: bool = False, quote_after_adjunct: bool = False,
) -> tuple[int, int] | None:
    """(index of the complementizer, index where content starts) in ``toks[i:limit]``.

    A quotation mark opens the content only at the start of the zone, before a
    complementizer or after «:», «إلى», «عن»; elsewhere it quotes a name («“داعش”»).  A
    verb that takes an object must meet its clause within a few words, else the أن
    found further on belongs to the object («أعلنت التحرير … بعد أن تمكنت»).
    """
    end = min(limit, i + (10 if takes_object else _MAX_ZONE))
    k = i
    while k < end:
        t = toks[k].text
        prev = toks[k - 1].text if k > 0 else ""
        if t in rp.COMPLEMENTIZERS and prev not in _ADVERBIAL_AN:
            start = k + 1
            if start < limit and toks[start].text == ":":
                start += 1
            return k, start
        if t == ":":
            return k, k + 1
        if t and t[0] in QUOTES:
            if k + 1 < limit and toks[k + 1].text in rp.COMPLEMENTIZERS:
                opened = sum(1 for x in toks[i:k] if x.text[:1] in QUOTES) % 2 == 1
                if opened:  # the mark closes a quoted name: «لـ"عنب بلدي" بأن»
                    return k + 1, k + 2
                return k + 1, k  # keep the quotation mark in the content
            if k == i or prev in _QUOTE_LEADS or (not takes_object and prev == "،"):
                return k, k
            close = next((c for c in range(k + 1, limit) if toks[c].text[:1] in QUOTES), limit)
            if quote_after_adjunct and k - i <= 4 and toks[i].text in FUNCTION_WORDS and close - k > 4 and not any(
                x.text[:1] in QUOTES for x in toks[i:k]
            ):
                return k, k  # «وقال الوزير عقب الهجوم "…"»: an adjunct, then the quotation
            name_end = next((c for c in range(k + 1, min(k + 5, limit)) if toks[c].text[:1] in QUOTES), None)
            if name_end is not None and name_end + 1 < limit:
                k = name_end + 1  # «لوكالة "سبوتنيك"، أمس أن»: a quoted name, not the quotation
                continue
            if takes_object:
                return None
        if k > i and rp.lookup(t) is not None:
            return None
        k += 1
    return None


def _participle_ok(toks: list[Tok], k: int, limit: int) -> bool:
    """A participle reports only when a clause, a preposition or an object follows."""
    if k + 1 >= limit:
        return False
    nxt = toks[k + 1].text
    return (
        nxt in rp.COMPLEMENTIZERS
        or nxt in (":",)
        or nxt[0] in QUOTES
        or nxt in {fold(w) for w in ("إلى", "على", "عن", "من", "الى")}
        or nxt.startswith("ب")
        or nxt[:1].isalpha()
    )


def _candidates(toks: list[Tok], book: SpeakerBook, line_start: bool, line_end: bool) -> list[Candidate]:
    """Every reporting act the syntax finds in one sentence, in order."""
    n = len(toks)
    out: list[Candidate] = []
    # a headline «X: …» (a whole line)
    if line_start and line_end and n > 3:
        colon = next((c for c in range(1, min(7, n - 2)) if toks[c].text == ":"), None)
        if colon is not None and toks[0].text not in _LABELS and not any(rp.lookup(t.text) for t in toks[:colon]):
            parsed = parse_phrase(toks, 0, book, strong_only=True)
            if parsed is not None and parsed.end_tok == colon and parsed.kind != "UNNAMED":
                c = Candidate(colon, colon + 1, toks[colon].start, toks[colon].end, "headline", "any", False, colon + 1, n, parsed)
                out.append(c)
    i = 0
    while i < n:
        tok = toks[i]
        t = tok.text
        # «جاء في بيان الوزارة»
        if t in (fold("جاء"), fold("وجاء")) and (i == 0 or t.startswith("و") or toks[i - 1].text in _CLAUSE_PARTICLES | {"،"}) and i + 2 < n and toks[i + 1].text == fold("في") and toks[i + 2].text in rp.STATEMENT_NOUNS:
            cand = _statement(toks, i, book)
            if cand is not None:
                out.append(cand)
            i += 3
            continue
        if t in rp.NOMINAL and (t != fold("نقلا") or (i + 1 < n and toks[i + 1].text == fold("عن"))):
            cand = _nominal(toks, i, book)
            if cand is not None:
                out.append(cand)
            i += 1
            continue
        hit = rp.lookup(t)
        if hit is None:
            i += 1
            continue
        form, conj = hit
        cand = _verbal(toks, i, form, conj, book)
        if cand is not None:
            out.append(cand)
        i += 1
    return out


def _verbal(toks: list[Tok], i: int, form: rp.TriggerForm, conj: int, book: SpeakerBook) -> Candidate | None:
    n = len(toks)
    spec = form.spec
    tok = toks[i]
    prev = toks[i - 1].text if i > 0 else ""
    if prev in rp.OUTLET_VOICE:
        return None
    if (prev == fold("ما") and i > 1 and toks[i - 2].text in rp.NOMINAL) or (prev in rp.NOMINAL and prev.endswith(fold("ما"))):
        return None  # «بحسب ما أفاد X»: read as a nominal attribution
    if spec.lemma == "نقل":
        return _relay(toks, i, form, conj, book)
    if conj == 0 and (prev in _NOT_A_REPORT or (prev in (fold("أن"), fold("ان")) and form.kind == "imperfect")):
        return None  # «ما يؤكد أن», «إذا رأت», «على المعارضة أن توضح»: not a reporting act
    clause_initial = i == 0 or conj > 0 or prev in _CLAUSE_PARTICLES or prev in _RELATIVES or prev in ("،", ",", ".", ":", "-", "–")
    j = i + 1
    if j < n and rp.lookup(toks[j].text) is not None and rp.lookup(toks[j].text)[0].spec.lemma == "قال":  # type: ignore[index]
        j += 1  # «واستطرد قائلا:»
    if form.kind == "participle":
        if not _participle_ok(toks, i, n):
            return None
        if spec.lemma == "قال" and i > 0 and rp.lookup(prev) is not None:
            return None  # merged into the verb before it
        subject = None
        after = j
    elif conj == 0 and i > 0 and (adjacent := _adjacent_subject(toks, i, book)) is not None \
            and not _named_after(toks, _skip(toks, j), book, adjacent):
        # SVO: «موسكو تطالب واشنطن بـ…» — the noun after the verb is its object
        subject = adjacent
        after = j
    else:
        s = _skip(toks, j)
        subject = parse_phrase(toks, s, book)
        if subject is not None and subject.kind == "UNNAMED" and form.kind == "participle":
            subject = None
        if subject is not None and _country_object(toks, subject, form):
            subject = None
        if subject is not None and subject.kind == "ORG" and toks[s].text.startswith("ل") and not toks[s].text.startswith("ال"):
            subject = None  # «قال لوكالة الصحافة الفرنسية»: told to an agency, not by it
        if subject is not None and form.kind != "participle" and spec.lemma != "بين":
            subject = _coordinated(toks, subject, book)  # («بين X وY» is "between")
        after = subject.end_tok if subject is not None else j
    clause = _find_clause(
        toks, after, n, takes_object=spec.takes_object,
        quote_after_adjunct=not (spec.takes_object or spec.needs_clause),
    )
    if clause is None and subject is None and after == j and j < n and toks[j].text == ":":
        clause = (j, j + 1)
    if clause is None and subject is None and form.kind != "participle" and spec.takes_object:
        subject = _plural_subject(toks, _skip(toks, j))  # «أكد المتظاهرون ضرورة …»
        if subject is not None:
            after = subject.end_tok
    needs_clause = spec.needs_clause or rp.is_ambiguous_without_subject(tok.text[conj:])
    if subject is None and clause is not None and form.kind != "participle":
        subject = _plain_subject(toks, _skip(toks, j), clause[0])
        if subject is not None and spec.lemma == "بين" and any(
            t.text.startswith("و") for t in toks[subject.start_tok + 1:subject.end_tok]
        ):
            return None  # «بين جنيف وسوتشي»: between X and Y
    preverbal = subject is not None and subject.end_tok <= i
    if subject is None and form.kind != "participle" and conj == 0 and prev in _RELATIVES:
        subject = _antecedent(toks, i - 1, book)  # «بحسب الشاهد X، الذي قال: …»
        if subject is None:
            return None  # «الموضوعات التي تبين …»: a relative clause about a thing
        preverbal = True
    if subject is None and form.kind != "participle" and conj == 0 and i > 0 and prev not in _CLAUSE_PARTICLES | _RELATIVES:
        subject = _preverbal(toks, i, book)
        preverbal = subject is not None
    if subject is None and form.kind != "participle" and conj == 0 and prev not in _CLAUSE_PARTICLES | _KANA | {"،", ","}:
        return None  # a bare «أكد» opening a line with no subject is not news prose
    if spec.lemma in _CLAUSE_INITIAL_ONLY and form.kind != "participle" and subject is not None \
            and subject.kind == "UNNAMED" and not clause_initial:
        return None  # «موقع تابع لمؤسسة …»: an adjective, not a verb
    if spec.lemma == "بين" and form.kind != "participle" and (not clause_initial or prev in _RELATIVES):
        return None  # «التنسيق بين قوات … والجيش»: between, even before a speaker-like noun
    if spec.lemma in _CLAUSE_INITIAL_ONLY and form.kind != "participle" and subject is None:
        if spec.lemma == "بين" and (clause is None or toks[clause[0]].text not in rp.COMPLEMENTIZERS):
            return None  # «… وبين "الأنشطة الضارة"»: between, not «showed that»
    if clause is not None:
        content = clause[1]
    elif spec.takes_object and not needs_clause:
        content = _skip(toks, after)
        if content >= n:
            return None
        if subject is None and form.kind != "participle" and not clause_initial:
            return None
    else:
        return None
    if (spec.needs_subject or rp.is_ambiguous_without_subject(tok.text[conj:])) and subject is None and form.kind != "participle":
        return None
    if content >= n:
        return None
    boundary = form.kind == "participle" or (form.kind == "perfect" and (conj > 0 or prev in _CLAUSE_PARTICLES))
    cand = Candidate(
        i, j, tok.start + conj, tok.end, form.kind, form.gender, spec.deny, content, n,
        subject, preverbal, boundary, clause_initial,
    )
    cand.agency = _agency_in(toks, after, clause[0] if clause else content)
    if cand.agency is None and i > 0 and not any(rp.lookup(t.text) for t in toks[:i]):
        cand.agency = _agency_in(toks, 0, i)  # «وفي تصريح لـ"سانا"، قال المحافظ …»
    cand.lemma = spec.lemma
    return cand


_NOT_A_REPORT = {fold(w) for w in ("ما", "مما", "بما", "أو", "او", "إذا", "اذا", "لو", "كي", "لكي")}
_SOURCE_BACKREFS = {fold(w) for w in ("المصدر", "المصادر")}
_RELATIVES = {fold(w) for w in ("الذي", "التي", "الذين", "والذي", "والتي", "والذين")}
#: masculine countries: «وأعلن العراق»; any other country after a masculine verb is its object
_MASC_COUNTRIES = {fold(w) for w in ("العراق", "لبنان", "الأردن", "السودان", "المغرب", "اليمن", "البحرين")}
_PLURAL_PEOPLE = {fold(w) for w in ("السكان", "الأهالي", "النشطاء", "الشهود", "المسؤولون", "الخبراء", "المراقبون")}


def _named_after(toks: list[Tok], s: int, book: SpeakerBook, adjacent: Parsed) -> bool:
    """A named person right after the verb is its subject even when a noun precedes it:
    «رويترز قال الرئيس التركي رجب طيب أردوغان» (a saved page's credit line)."""
    post = parse_phrase(toks, s, book, strong_only=True)
    if post is None:
        return False
    return post.kind == "PER" or (post.kind == "ORG" and " ".join(adjacent.name_folded.split()) in AGENCIES)


def _country_object(toks: list[Tok], subject: Parsed, form: rp.TriggerForm) -> bool:
    """«وحذر إيران من …», «واتهم روسيا بـ…»: a country takes a feminine verb, so after a
    masculine one it is the object and the speaker continues."""
    if subject.kind != "ORG" or subject.end_tok - subject.start_tok != 1:
        return False
    word = toks[subject.start_tok].bare
    return word in COUNTRIES and word not in _MASC_COUNTRIES and form.gender == "m" and form.kind in ("perfect", "imperfect")


def _plural_subject(toks: list[Tok], s: int) -> Parsed | None:
    """A definite plural of people right after the verb is its subject, never its object
    («أكد المتظاهرون ضرورة …», «قال السكان إن …»): the nominative «ون» shows it."""
    if s >= len(toks):
        return None
    t = toks[s].text
    if not (t in _PLURAL_PEOPLE or (t.startswith("ال") and t.endswith("ون") and len(t) > 5)):
        return None
    if t in FUNCTION_WORDS or rp.lookup(t) is not None:
        return None
    end = s + 1
    while end < len(toks) and end - s < 3 and toks[end].text.startswith("ال") and toks[end].text.endswith(("ون", "يون")):
        end += 1  # «المتظاهرون الغاضبون»
    return Parsed(s, end, "UNNAMED", " ".join(x.text for x in toks[s:end]))


def _coordinated(toks: list[Tok], subject: Parsed, book: SpeakerBook) -> Parsed:
    """«أعلنت تركيا وإسرائيل أن …», «قالت الشرطة والصليب الأحمر إن …»: a subject joined
    by و to another speaker phrase is one speaker, the whole coordination."""
    if subject.kind not in ("ORG", "PER", "BACKREF_ORG", "UNNAMED") or subject.end_tok >= len(toks):
        return subject
    end = subject.end_tok
    members = 1
    while end < len(toks) and members < 4:
        t = toks[end]
        if not (t.text.startswith("و") and len(t.text) > 2) or rp.lookup(t.text) is not None:
            break
        sub = list(toks)
        sub[end] = Tok(t.start + 1, t.end, t.text[1:])
        nxt = parse_phrase(sub, end, book)
        if nxt is None and subject.kind in ("ORG", "BACKREF_ORG") and sub[end].text.startswith("ال"):
            # «الشرطة والصليب الأحمر إن»: a definite noun (and adjective) before the clause
            k = end + 1
            while k < len(toks) and k - end < 3 and toks[k].text.startswith("ال") and toks[k].text not in FUNCTION_WORDS:
                k += 1
            if k < len(toks) and toks[k].text in rp.COMPLEMENTIZERS:
                nxt = Parsed(end, k, "ORG", " ".join(x.text for x in sub[end:k]))
        if nxt is None or nxt.kind not in ("ORG", "PER", "BACKREF_ORG"):
            break
        if nxt.kind == "ORG" and sub[end].text in COUNTRIES and subject.kind == "PER":
            break  # «قال الوزير X ومصر …»: a person and a country are not one voice
        end = nxt.end_tok
        members += 1
    if members == 1:
        return subject
    words = " ".join(x.text for x in toks[subject.start_tok:end])
    return Parsed(subject.start_tok, end, "GROUP", words)


def _antecedent(toks: list[Tok], r: int, book: SpeakerBook) -> Parsed | None:
    """The speaker phrase ending right before a relative pronoun at ``r``."""
    end = r
    while end > 0 and toks[end - 1].text in ("،", ","):
        end -= 1
    for k in range(max(0, end - 8), end):
        if toks[k].text in rp.NOMINAL or toks[k].text in FUNCTION_WORDS:
            continue
        parsed = parse_phrase(toks, k, book)
        if parsed is not None and parsed.end_tok == end and parsed.kind in ("PER", "ORG", "BACKREF_PER", "BACKREF_ORG", "STATEMENT", "UNNAMED"):
            if parsed.kind == "UNNAMED" and toks[k].text not in UNNAMED_HEADS:
                continue
            return parsed
    return None


_PRONOUN_TAILS = {"ي", "ه", "ها", "هم", "هما", "نا", "ك", "كم"}


def _prepositional(word: str) -> bool:
    """«للصحفيين», «لي», «بهذا», «لوكالة»: a preposition with its object, never a speaker."""
    if word in FUNCTION_WORDS:
        return True
    if len(word) >= 2 and word[0] in "لب" and not word.startswith("ال"):
        rest = word[1:]
        return rest in FUNCTION_WORDS or rest in _PRONOUN_TAILS or rest.startswith("ال") or bare(word) != word
    return False


_ADJUNCT_NOUNS = {fold(w) for w in ("حديثه", "حديثها", "كلامه", "كلامها", "تصريحه", "تصريحها", "كلمته", "كلمتها", "بيانه", "بيانها", "قوله", "ردا", "مجددا", "مرة", "بالقول", "القول")}


def _plain_subject(toks: list[Tok], s: int, comp: int) -> Parsed | None:
    """A short unknown noun phrase between a verb and its clause is the speaker, kept as
    written («ذكرت تنسيقيات المسلحين أن», «أكد الطرفان أن»)."""
    end = comp
    while end > s and toks[end - 1].text in _TRAILING_PREPS:
        end -= 1  # «ولفت الصبيحي إلى أن»
    k = s
    while k < end:
        w = toks[k].text
        if k == s + 1 and w == fold("من") and toks[s].text in _PARTITIVES:
            k += 1  # «قال عدد من سكان المدينة»
            continue
        genitive = k > s and w.startswith("لل") and k + 1 < end and toks[k + 1].text.startswith("ال")
        if not w.isalpha() or len(w) < 2 or w in _OBJECT_NOUNS or (_prepositional(w) and not genitive) or (k > s and rp.lookup(w) is not None):
            if k > s and not _adjunct_at(toks, k, comp):
                return None  # «ويعلن الحرب مرة أخرى، فإذا …»: an object, then another clause
            end = k  # «وقال الجعفري للصحفيين:», «ولفت الأسمري خلال حديثه … أن»
            break
        k += 1
    longest = 6 if toks[s].text in _PARTITIVES else 4
    if not 1 <= end - s <= longest or (end - s == 2 and toks[s + 1].text == fold("من")):
        return None
    words = [t.text for t in toks[s:end]]
    if words[0] in _ADJUNCT_NOUNS or words[0] in FUNCTION_WORDS or words[0] in _NOT_SUBJECTS or len(words[0]) < 2:
        return None
    if words[0].startswith("و") and not toks[s].text.startswith(("وزير", "وكال", "وفد", "وسائل")):
        return None  # «تقول، ومنذ الثورة …»: a new conjunct
    if words[0].startswith("ل") and words[0].endswith("ه") and len(words[0]) > 4:
        return None  # «تابع لمؤسسة …»: a preposition and a noun
    if rp.lookup(words[0]) is not None:
        return None
    return Parsed(s, end, "UNNAMED", " ".join(words))


_TRAILING_PREPS = {fold(w) for w in ("إلى", "الى", "على", "عن", "،", ",")}


_APPOSITION = {fold(w) for w in ("وهو", "وهي", "وهم", "وهما")}  # «أمجد، وهو من اللاذقية،»


def _adjunct_at(toks: list[Tok], k: int, comp: int) -> bool:
    """What follows a speaker before its clause is an adjunct: a preposition («للصحفيين»,
    «خلال حديثه», «في بيان»), a pause before one, a quotation, a colon, or the clause."""
    t = toks[k].text
    if k >= comp or t in (":",) or t[:1] in QUOTES:
        return True
    if t in ("،", ",", "-", "–"):
        nxt = toks[k + 1].text if k + 1 < comp else ""
        return k + 1 >= comp or nxt in FUNCTION_WORDS or _prepositional(nxt) or nxt[:1] in QUOTES \
            or nxt in SKIPPABLE or nxt in rp.NOMINAL or nxt in _APPOSITION or is_role_head(nxt) or nxt in TITLES or _skip_date(toks, k + 1) > k + 1 or rp.lookup(nxt) is not None
    return t in FUNCTION_WORDS or _prepositional(t) or rp.lookup(t) is not None or len(t) < 2
_PARTITIVES = {fold(w) for w in ("عدد", "بعض", "أحد", "إحدى", "معظم", "غالبية")}
_OBJECT_NOUNS = {fold(w) for w in ("النظر", "الانتباه")}  # «لفت النظر إلى»
_NOT_SUBJECTS = {fold(w) for w in ("أي", "أية", "أيه", "كل")}


def _adjacent_subject(toks: list[Tok], i: int, book: SpeakerBook) -> Parsed | None:
    """A speaker phrase ending right before the verb at the start of its clause."""
    for k in range(max(0, i - 8), i):
        if k > 0 and toks[k - 1].text not in ("،", ",", ":", ".") and k != 0:
            continue
        parsed = parse_phrase(toks, k, book)
        if parsed is not None and parsed.end_tok == i and parsed.kind in ("PER", "ORG"):
            return parsed
    return None


_SAYING_NOUNS = {fold(w) for w in ("قوله", "قولها", "قولهم", "تأكيده", "تأكيدها", "تصريحه", "تصريحها", "إعلانه", "إعلانها", "نفيه", "نفيها", "تحذيره")}


def _relay(toks: list[Tok], i: int, form: rp.TriggerForm, conj: int, book: SpeakerBook) -> Candidate | None:
    """«نقلت وكالة X عن Y (قوله) إن …»: Y speaks, X relays."""
    n = len(toks)
    relay = parse_phrase(toks, _skip(toks, i + 1), book)
    if relay is None or relay.end_tok >= n or toks[relay.end_tok].text != fold("عن"):
        return None
    speaker = parse_phrase(toks, relay.end_tok + 1, book)
    if speaker is None:
        return None
    k = speaker.end_tok
    while k < n and toks[k].text in _SAYING_NOUNS:
        k += 1
    clause = _find_clause(toks, k, n)
    if clause is None or clause[1] >= n:
        return None
    cand = Candidate(
        i, i + 1, toks[i].start + conj, toks[i].end, form.kind, form.gender, False,
        clause[1], n, speaker, False, True, True,
    )
    cand.relay_subject = relay
    cand.lemma = "نقل"
    return cand


def _preverbal(toks: list[Tok], i: int, book: SpeakerBook) -> Parsed | None:
    """The subject before a verb in its clause: «وكانت الوزارة (قد) أعلنت», «لوكالة سانا أن أكدت»."""
    start = 0
    for k in range(i - 1, -1, -1):
        t = toks[k].text
        if rp.lookup(t) is not None or t in (".", ":") or (t in rp.COMPLEMENTIZERS and k + 1 < i):
            start = k + 1
            break
    for k in range(start, i):
        t = toks[k].text
        if t in FUNCTION_WORDS and t not in _KANA:
            continue
        parsed = parse_phrase(toks, k, book, strong_only=True)
        if parsed is not None and parsed.kind in ("PER", "ORG", "BACKREF_ORG", "BACKREF_PER") and parsed.end_tok <= i:
            return parsed
    # «وكان قصر الإليزيه قد أعلن»: the words between كان and the verb are its subject
    if start < i and toks[start].text in _KANA - {fold("قد"), fold("وقد")}:
        end = i - 1 if toks[i - 1].text in (fold("قد"), "،", ",") else i
        while end > start + 1 and toks[end - 1].text in ("،", ","):
            end -= 1
        words = [t.text for t in toks[start + 1:end]]
        if 1 <= len(words) <= 4 and all(w.isalpha() and w not in FUNCTION_WORDS for w in words):
            return Parsed(start + 1, end, "UNNAMED", " ".join(words))
    return None


def _agency_in(toks: list[Tok], start: int, end: int) -> str | None:
    """An agency named between the subject and the content («في تصريح لوكالة تاس»)."""
    for k in range(start, min(end, len(toks))):
        t = bare(toks[k].text)
        if toks[k].text == fold("ل") and k + 2 < len(toks) and toks[k + 1].text in QUOTES:
            close = next((m for m in range(k + 2, min(k + 7, len(toks))) if toks[m].text in QUOTES), None)
            if close is not None and close > k + 2:
                words = [x.text for x in toks[k + 2:close]]
                return AGENCIES.get(" ".join(words), " ".join(words))
        if t == fold("وكالة") and k + 1 < len(toks):
            nxt = toks[k + 1].text
            if nxt in QUOTES and k + 2 < len(toks):
                nxt = toks[k + 2].text
            return AGENCIES.get(nxt, nxt)
        if t in AGENCIES:
            return AGENCIES[t]
    return None


def _statement(toks: list[Tok], i: int, book: SpeakerBook) -> Candidate | None:
    """«وجاء في بيان (الوزارة | لوزارة الدفاع | صادر عن X)»: the statement's owner speaks."""
    n = len(toks)
    k = i + 3
    while k < n and toks[k].text in _STATEMENT_OWNER_SKIP:
        k += 1
    owner = parse_phrase(toks, k, book) if k < n else None
    if owner is not None and owner.kind not in ("PER", "ORG", "BACKREF_ORG", "BACKREF_PER"):
        owner = None
    after = owner.end_tok if owner is not None else i + 3
    clause = _find_clause(toks, after, n)
    content = clause[1] if clause is not None else _skip(toks, after)
    if content >= n:
        return None
    if owner is None:
        owner = Parsed(i + 2, i + 3, "STATEMENT", fold("البيان"))
    first = toks[i]
    conj = 1 if first.text.startswith("و") else 0
    return Candidate(i, i + 2, first.start + conj, toks[i + 1].end, "statement", "any", False, content, n, owner, False, True, True)


def _nominal(toks: list[Tok], i: int, book: SpeakerBook) -> Candidate | None:
    """«وفقا لـ X»، «حسب X»، «نقلا عن X» at the start or the end of a clause."""
    n = len(toks)
    k = i + 1
    verb_end = toks[i].end
    if toks[i].text.endswith(fold("ما")) and toks[i].text not in (fold("ما"),):
        # «حسبما أفاد المرصد»: the verb belongs to the attribution
        if k >= n or rp.lookup(toks[k].text) is None:
            return None
        verb_end = toks[k].end
        k += 1
    elif k < n and toks[k].text in (fold("ل"), fold("عن"), fold("ما")):
        if toks[k].text == fold("ما"):
            # «بحسب ما أفاد المرصد»: the verb belongs to the attribution
            if k + 1 >= n or rp.lookup(toks[k + 1].text) is None:
                return None
            k += 1
            verb_end = toks[k].end
        else:
            verb_end = toks[k].end
        k += 1
    if k >= n:
        return None
    # «لوزارة» is glued: parse from a virtual token without the ل
    sub = list(toks)
    if toks[k].text.startswith("ل") and not toks[k].text.startswith("ال") or toks[k].text.startswith("لل"):
        t = toks[k]
        sub[k] = Tok(t.start, t.end, bare(t.text))
    while k < n and sub[k].text in (fold("بيانات"), fold("معلومات"), fold("أرقام"), fold("إحصاءات"), fold("مصادر") + "_"):
        k += 1
    parsed = parse_phrase(sub, k, book)
    if parsed is None or parsed.kind not in ("PER", "ORG", "UNNAMED", "BACKREF_ORG"):
        return None
    if parsed.kind == "UNNAMED" and sub[k].text not in {fold("مصادر"), fold("مصدر"), fold("شهود"), fold("ناشطون")}:
        return None
    first = toks[i]
    conj = 1 if first.text.startswith("و") and first.text[1:] in rp.NOMINAL else 0
    at_start = i == 0 or (i == 1 and toks[0].text in ("و",))
    before = sum(1 for t in toks[:i] if t.text[:1].isalnum())
    after = sum(1 for t in toks[parsed.end_tok:] if t.text[:1].isalnum())
    if at_start or (before < 3 <= after):
        content = parsed.end_tok
        while content < n and toks[content].text in ("،", ","):
            content += 1
        if content >= n:
            return None
        cand = Candidate(i, parsed.end_tok, first.start + conj, verb_end, "nominal", "any", False, content, n, parsed, False, False, True)
    else:
        # trailing: «…، حسب المصدر» — the content is the clause before it
        end = i
        while end > 0 and toks[end - 1].text in ("،", ","):
            end -= 1
        if end <= 0:
            return None
        cand = Candidate(i, parsed.end_tok, first.start + conj, verb_end, "nominal", "any", False, 0, end, parsed, False, False, False)
    return cand


def _is_agency(c: Candidate) -> bool:
    if c.subject is None or c.subject.kind != "ORG":
        return False
    name = c.subject.name_folded
    words = [w for w in name.split() if w not in QUOTES]
    return bool(words) and (" ".join(words) in AGENCIES or bare(words[0]) == fold("وكالة"))


# -- speaker resolution -------------------------------------------------------------------


def _first_conjunct(sp: Speaker) -> Speaker:
    """«مصدر طبي» out of «مصدر طبي وشهود عيان», for «المصدر الطبي» referring back to it."""
    words = sp.name.split()
    cut = next(
        (k for k in range(1, len(words)) if words[k].startswith("و") and fold(words[k][1:]) in UNNAMED_HEADS), len(words)
    )
    if cut == len(words):
        return sp
    return Speaker(" ".join(words[:cut]), sp.kind, sp.gender, sp.entity_id, sp.role)


class _Discourse:
    """Who has spoken so far, for continuations and back-references."""

    def __init__(self, book: SpeakerBook) -> None:
        self.book = book
        self.history: list[Speaker] = []
        self.statement_owner: Speaker | None = None
        self.mentioned: list[Speaker] = []  # every speaker, «حسب مصدر طبي» included

    def last(self, gender: str = "any", kind: str | None = None, head: str | None = None) -> Speaker | None:
        for sp in reversed(self.history):
            if kind and sp.kind != kind:
                continue
            if head and head not in " ".join(sp.keys):
                continue
            if gender in ("m", "f") and sp.gender not in (gender, "any"):
                continue
            return sp
        return None

    def unnamed_source(self, words: list[str]) -> Speaker | None:
        """The latest unnamed source («مصدر أمني», «مصادر محلية») that «المصدر (الطبي)»,
        «المصادر» refers back to: same number, and sharing the adjective when one is given."""
        plural = bare(words[0]) == fold("المصادر")
        adjectives = {w.removeprefix("ال") for w in words[1:] if w.startswith("ال")}
        fallback = None
        for sp in reversed(self.mentioned):
            sw = fold(sp.name).split()
            if sp.kind != "UNNAMED" or not sw or sw[0] != (fold("مصادر") if plural else fold("مصدر")):
                continue
            if not adjectives or adjectives & set(sw[1:]):
                return _first_conjunct(sp)
            fallback = fallback or sp
        return _first_conjunct(fallback) if fallback is not None and not adjectives else None

    def continuation(self, gender: str) -> Speaker | None:
        return self.last(gender) or self.last()


def _display(doc: Document, toks: list[Tok], i: int, j: int, *, strip: bool = True) -> str:
    """The original text of tokens ``[i, j)`` without quotation marks or a glued clitic."""
    nt = doc.normalized
    s, e = nt.to_original(toks[i].start, toks[j - 1].end)
    raw = doc.text[s:e]
    for q in QUOTES:
        raw = raw.replace(q, " ")
    words = raw.split()
    if words and strip:
        first_f = fold(words[0])
        b = bare(first_f)
        if b != first_f and len(words[0]) > len(b):
            cut = len(first_f) - len(b)
            if fold(words[0][cut:]) == b:
                words[0] = words[0][cut:]
            elif first_f.startswith("لل"):
                words[0] = "ال" + words[0][2:]
    return " ".join(words)


def _agrees(canonical: str, name_words: list[str]) -> bool:
    """An entity's canonical name fits the name we read when they share a word (the
    tagger's span can be wrong: «حمص طلال البرازي»)."""
    canon = set(fold(canonical).split())
    return bool(canon & set(name_words))


def _nisba(word: str) -> bool:
    return word.startswith("ال") and word.endswith(("ي", "يه"))


def _resolve(doc: Document, toks: list[Tok], cand: Candidate, talk: _Discourse) -> tuple[Speaker | None, str | None]:
    """The speaker of a candidate and the words naming it (None for a continuation)."""
    book = talk.book
    p = cand.subject
    nt = doc.normalized
    if p is None:
        return talk.continuation(cand.gender), None
    s, e = nt.to_original(toks[p.start_tok].start, toks[p.end_tok - 1].end)
    mention = doc.text[s:e].strip()
    if p.kind == "PER":
        name_toks = [k for k in range(p.start_tok, p.end_tok)]
        # the name is the run of tokens whose folded text is in name_folded
        words = p.name_folded.split()
        start = next((k for k in name_toks if toks[k].text == words[0]), p.start_tok)
        name = _display(doc, toks, start, start + len(words), strip=False)
        ent = book.entity_at(toks[start].start, toks[start + len(words) - 1].end, nt.offsets)
        known = book.find_person(" ".join(words)) or (book.find_person(words[-1]) if len(words) == 1 else None)
        if ent is not None and ent.type == "PER" and ent.canonical and _agrees(ent.canonical, words):
            sp = book.add_person(ent.canonical, p.role_folded, ent.entity_id)
        elif known is not None:
            sp = known
            if p.role_folded and not sp.role:
                sp.role = p.role_folded
        else:
            sp = book.add_person(name, p.role_folded)
        if cand.gender == "f" and cand.kind in ("perfect", "imperfect") and not p.role_folded:
            sp.gender = "f"  # «قالت X»: the verb tells the person's gender
        return sp, mention
    if p.kind in ("ORG",):
        canon, _agency = canonical_org(p.name_folded, book)
        ent = book.entity_at(toks[p.start_tok].start, toks[p.end_tok - 1].end, nt.offsets)
        if ent is not None and ent.type == "ORG" and ent.canonical and not canon:
            canon = ent.canonical
        name = canon or _display(doc, toks, p.name_tok if p.name_tok >= 0 else p.start_tok, p.end_tok)
        sp = book.add_org(name, ent.entity_id if ent is not None and ent.type == "ORG" else None)
        return sp, mention
    if p.kind == "BACKREF_PER":
        words = p.role_folded.split()
        generic = all(w in PERSON_BACKREFS or w in TITLES or _nisba(w) for w in words)
        # «الجنرال», «المسؤول العسكري الروسي»: the person speaking; a specific role
        # («المتحدث باسم الوزارة») the person introduced with it
        sp2 = talk.last(kind="PER") if generic else book.person_by_role(words)
        if sp2 is None and words and (words[0] in PERSON_BACKREFS or words[0] in TITLES):
            sp2 = talk.last(kind="PER") or (book.people[-1] if book.people else None)
        if sp2 is None:
            sp2 = Speaker(_display(doc, toks, p.start_tok, p.end_tok), "UNNAMED", "m")
        return sp2, mention
    if p.kind == "GROUP":
        group = book.add_org(_display(doc, toks, p.start_tok, p.end_tok))
        group.gender = "pl"
        return group, mention
    if p.kind in ("BACKREF_ORG", "STATEMENT"):
        head = p.name_folded.removeprefix("ال")
        if p.kind == "STATEMENT":
            sp3 = talk.statement_owner or talk.last(kind="ORG")
        else:
            sp3 = talk.last(kind="ORG", head=head) or next(
                (o for o in reversed(book.orgs) if head in " ".join(o.keys)), None
            ) or talk.last(kind="ORG")
        if sp3 is None:
            head_word = p.name_folded
            gender = "m" if head_word in MASC_ORG_HEADS else "f"
            sp3 = book.add_org(_display(doc, toks, p.start_tok, p.end_tok)) if p.kind == "BACKREF_ORG" else Speaker(
                _display(doc, toks, p.start_tok, p.end_tok), "UNNAMED", gender
            )
        return sp3, mention
    # UNNAMED: keep the introducing phrase
    phrase = _display(doc, toks, p.start_tok, p.end_tok)
    first = p.name_folded.split()[0] if p.name_folded else ""
    words = p.name_folded.split()
    for cut in range(len(words), 0, -1):
        known = book.find_person(" ".join(words[:cut]))
        if known is not None and (cut > 1 or len(known.name.split()) > 1):
            return known, mention  # «وقال العبادي» after «حيدر العبادي»
    if bare(first) in _SOURCE_BACKREFS:
        earlier = talk.unnamed_source(p.name_folded.split())
        if earlier is not None:
            return earlier, mention  # «وقال المصدر», «وتابع المصدر الطبي»: the source named before
    gender = "f" if first.endswith("ه") or first in {fold("مصادر"), fold("وسائل"), fold("تقارير")} else "m"
    return Speaker(phrase, "UNNAMED", gender), mention


# -- content and polarity ----------------------------------------------------------------


def _is_deny(cand: Candidate, content_folded: str) -> bool:
    if cand.deny:
        return True
    words = content_folded.replace("،", " ، ").split()[:14]
    for a, b in zip(words, words[1:], strict=False):
        if a in rp.NEGATIONS and rp.is_negated_act(b):
            return True
    head = " ".join(words)
    return any(p in head for p in rp.DENIAL_PHRASES)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while e > s and (text[e - 1].isspace() or text[e - 1] in ".،,;:-–"):
        e -= 1
    while s < e and (text[s].isspace() or text[s] in "،,:-–"):
        s += 1
    return s, e


def _quote_balance(text: str) -> bool:
    return sum(1 for c in text if c in QUOTES) % 2 == 0


def _base_sources(doc: Document) -> list[str]:
    out: list[str] = []
    if doc.outlet:
        out.append(doc.outlet)
    for m in re.finditer(r"(?m)^\s*المصدر\s*[:：]\s*(.+?)\s*$", doc.normalized.text):
        s, e = doc.normalized.to_original(m.start(1), m.end(1))
        name = doc.text[s:e].strip()
        if name and fold(name) not in {fold(x) for x in out}:
            out.append(name)
    return out


def find_claims(doc: Document) -> list[Claim]:
    """Every reporting act of ``doc`` as a Claim (see the module docstring for the rules)."""
    nt = doc.normalized
    text = nt.text
    spans = [(s.start, s.end) for s in doc.sentences] or split_sentences(doc.text)
    book = SpeakerBook(doc.entities, text)
    for ent in doc.entities:
        if ent.type == "PER" and len((ent.canonical or ent.text).split()) >= 2:
            # only full names: a one-word "person" from the tagger is too often a noun
            book.add_person(ent.canonical or ent.text, fold(" ".join(x for x in (ent.title, ent.role) if x)), ent.entity_id)
        elif ent.type == "ORG":
            book.add_org(ent.canonical or ent.text, ent.entity_id)
    sentences: list[tuple[list[Tok], bool, bool]] = []
    for s, e in spans:
        ns, ne = _norm_span(nt, s, e)
        toks = _tokens(text, ns, ne)
        line_start = s == 0 or doc.text[s - 1] == "\n" or doc.text[:s].rstrip(" \t").endswith("\n")
        line_end = e >= len(doc.text) or doc.text[e:].lstrip(" \t")[:1] in ("\n", "")
        sentences.append((toks, line_start, line_end))
        _introduce(toks, book, doc)
    base = _base_sources(doc)
    talk = _Discourse(book)
    claims: list[Claim] = []
    for toks, line_start, line_end in sentences:
        if not toks:
            continue
        cands = _candidates(toks, book, line_start, line_end)
        kept = _nest(cands, toks)
        built: dict[int, Claim] = {}
        for cand in kept:
            relay = built.get(id(cand.relayed_by)) if cand.relayed_by is not None else None
            claim = _build(doc, toks, cand, talk, base, relay.speaker if relay else None)
            if claim is not None:
                built[id(cand)] = claim
                claims.append(claim)
    return claims


def _introduce(toks: list[Tok], book: SpeakerBook, doc: Document) -> None:
    """Register people introduced with a title or a role anywhere, so a bare surname used
    before (a headline «غيراسيموف: …») or after resolves to the full name."""
    for i, t in enumerate(toks):
        if t.text in TITLES or is_role_head(t.text):
            if i > 0 and (toks[i - 1].text in TITLES or is_role_head(toks[i - 1].text)):
                continue
            p = parse_phrase(toks, i, book, strong_only=True)
            if p is not None and p.kind == "PER":
                words = p.name_folded.split()
                start = next((k for k in range(p.start_tok, p.end_tok) if toks[k].text == words[0]), p.start_tok)
                ent = book.entity_at(toks[start].start, toks[start + len(words) - 1].end, doc.normalized.offsets)
                if ent is not None and ent.type == "PER" and ent.canonical and _agrees(ent.canonical, words):
                    book.add_person(ent.canonical, p.role_folded, ent.entity_id)
                else:
                    book.add_person(_display(doc, toks, start, start + len(words), strip=False), p.role_folded)
        elif bare(t.text) in ORG_HEADS and not t.text.startswith("ال"):
            p = parse_phrase(toks, i, book, strong_only=True)
            if p is not None and p.kind == "ORG" and p.end_tok - p.start_tok >= 2:
                canon, _ = canonical_org(p.name_folded, book)
                book.add_org(canon or _display(doc, toks, p.start_tok, p.end_tok))


def _nest(cands: list[Candidate], toks: list[Tok]) -> list[Candidate]:
    """Keep reporting acts that start outside the content of the one before, and let a
    boundary act (a participle, «وأضاف أن») cut that content."""
    cands.sort(key=lambda c: (c.trig, 0 if c.kind == "headline" else 1))
    kept: list[Candidate] = []
    for c in cands:
        if not kept:
            kept.append(c)
            continue
        prev = kept[-1]
        if c.kind == "nominal" and not c.clause_initial:
            # a trailing «حسب X» attributes the clause before it, unless a verb already does
            if any(k.content_tok <= c.trig < k.content_end_tok for k in kept):
                continue
            c.content_tok = max(c.content_tok, prev.content_end_tok if prev.content_end_tok <= c.trig else 0)
            kept.append(c)
            continue
        inside = prev.content_tok <= c.trig < prev.content_end_tok
        if not inside:
            if c.trig < prev.content_tok:
                continue  # inside the speaker zone of the one before
            kept.append(c)
            continue
        seg = "".join(t.text for t in toks[prev.content_tok:c.trig])
        cut = c.kind == "participle" or (c.boundary and _quote_balance(seg))
        if cut and c.trig > prev.content_tok:
            end = c.trig
            # «…، في حين نفى»: the linking words belong to neither content
            while end - 1 > prev.content_tok and toks[end - 1].text in _LINKERS:
                end -= 1
            prev.content_end_tok = end
            kept.append(c)
        elif _is_agency(prev) and c.subject is not None and c.kind in ("perfect", "imperfect"):
            # «ذكرت رويترز أن اللجنة … أفادت إنه …»: the agency relays someone's words
            c.relayed_by = prev
            kept.append(c)
    # a repeated verb («أعلنت يوم 6 نوفمبر، أعلنت عن …») is one act
    out: list[Candidate] = []
    for c in kept:
        if out and out[-1].content_end_tok == c.trig and out[-1].kind == c.kind == "perfect" and c.subject is None and c.trig - out[-1].content_tok <= 6 and out[-1].lemma == c.lemma:
            c.subject = out[-1].subject
            c.preverbal = out[-1].preverbal
            out[-1] = c
            continue
        out.append(c)
    return out


def _build(
    doc: Document, toks: list[Tok], cand: Candidate, talk: _Discourse, base: list[str],
    relay: str | None = None,
) -> Claim | None:
    nt = doc.normalized
    text = nt.text
    speaker, mention = _resolve(doc, toks, cand, talk)
    cs = toks[cand.content_tok].start
    ce = toks[cand.content_end_tok - 1].end
    cs, ce = _trim(text, cs, ce)
    if ce <= cs:
        return None
    direct = is_direct(text[cs:ce]) and cand.kind != "nominal"
    if direct:
        q = quote_end(text[cs:ce])
        if q is not None:
            ce = cs + q
    content_folded = text[cs:ce]
    start = toks[cand.trig].start if cand.kind != "headline" else toks[0].start
    if cand.subject is not None and cand.preverbal:
        start = min(start, toks[cand.subject.start_tok].start)
    if cand.kind == "nominal" and not cand.clause_initial:
        start = min(start, cs)
    end = max(ce, toks[cand.trig_end - 1].end)
    o_start, o_end = nt.to_original(start, end)
    o_cs, o_ce = nt.to_original(cs, ce)
    vs, ve = nt.to_original(cand.verb_start, cand.verb_end)
    verb = doc.text[vs:ve]
    sources = list(base)
    if cand.relay_subject is not None:
        rs = cand.relay_subject
        relay = canonical_org(rs.name_folded, talk.book)[0] or _display(doc, toks, rs.start_tok, rs.end_tok)
    if relay and fold(relay) not in {fold(x) for x in sources}:
        sources.append(relay)
    if cand.agency and (speaker is None or fold(cand.agency) != fold(speaker.name)):
        sources.append(cand.agency)
    if speaker is not None:
        talk.mentioned.append(speaker)
    if speaker is not None and cand.kind not in ("nominal",):
        talk.history.append(speaker)
        if speaker.kind == "ORG":
            rest = " ".join(t.text for t in toks[cand.trig_end:cand.content_tok])
            if fold("بيان") in rest:
                talk.statement_owner = speaker
    if cand.kind == "statement" and speaker is not None:
        talk.statement_owner = speaker
    entity_id = speaker.entity_id if speaker is not None else None
    if speaker is not None and entity_id is None:
        entity_id = _link(doc, speaker.name)
    return Claim(
        start=o_start,
        end=o_end,
        speaker=speaker.name if speaker is not None else None,
        verb=verb,
        polarity="deny" if _is_deny(cand, content_folded) else "assert",
        direct=direct,
        content=doc.text[o_cs:o_ce],
        content_start=o_cs,
        content_end=o_ce,
        speaker_entity=entity_id,
        speaker_mention=mention,
        source=sources,
    )


def _link(doc: Document, name: str) -> str | None:
    key = fold(name)
    for ent in doc.entities:
        if ent.entity_id and ent.type in ("PER", "ORG") and fold(ent.canonical or ent.text) == key:
            return ent.entity_id
    return None


@component("claims")
def add_claims(doc: Document) -> Document:
    """Fill ``doc.claims`` with every attributed reporting act."""
    doc.claims = find_claims(doc)
    return doc


__all__ = ["add_claims", "find_claims"]
