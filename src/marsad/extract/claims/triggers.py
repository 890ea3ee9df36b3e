"""Reporting acts in one sentence: verbs and participles, «جاء في بيان …», nominal
attributions («وفقا لـ X»), relays («نقلت وكالة X عن Y») and headlines «X: …»; each with
the token span of its content clause."""

from __future__ import annotations

from itertools import compress

from marsad.extract.claims import reporting as rp
from marsad.extract.claims.folding import WordMemo, fold
from marsad.extract.claims.quotes import QUOTES
from marsad.extract.claims.speakers import (
    FUNCTION_WORDS,
    Parsed,
    SpeakerBook,
    Tok,
    bare,
    parse_phrase,
)
from marsad.extract.claims.subjects import (
    _NOT_A_REPORT,
    _adjacent_subject,
    _agency_in,
    _antecedent,
    _coordinated,
    _country_object,
    _named_after,
    _plain_subject,
    _plural_subject,
    _preverbal,
    role_then_name,
    tagged_person,
)
from marsad.extract.claims.tokens import _CLAUSE_PARTICLES, _KANA, _RELATIVES, Candidate, _skip

_PREPOSITIONS = {fold(w) for w in ("في", "على", "إلى", "الى", "عن", "مع", "خلال", "عبر", "لدى")}
#: verbs whose passive is as common as the active: a claim only with a subject after them
_PASSIVE_PRONE = {"وصف"}
_MAX_ZONE = 32  # tokens between a verb and its complementizer


_STATEMENT_OWNER_SKIP = {fold(w) for w in ("صادر", "الصادر", "عن", "نشرته", "نشرتها")}


_LABELS = {fold(w) for w in ("المصدر", "مصدر", "تحرير", "اقرأ", "شاهد", "المحرر", "الكاتب", "المراسل", "رابط", "الرابط", "تاريخ", "للمزيد", "اقرأ أيضا", "المصادر", "ترجمة")}


_CLAUSE_INITIAL_ONLY = {"بين", "تابع", "لفت"}


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
            if quote_after_adjunct and 1 <= k - i <= 3 and close - k > 4 and close < limit and all(
                x.text.isalpha() and x.text not in FUNCTION_WORDS and rp.lookup(x.text) is None for x in toks[i:k]
            ):
                return k, k  # «وقال الجعفري "نطالب …"»: a short subject, then the quotation
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


_PARTITIVE_HEADS = {fold(w) for w in ("العشرات", "عشرات", "بعض", "عدد", "أحد", "إحدى", "مئات", "المئات")}


def _partitive(toks: list[Tok], s: int, book: SpeakerBook) -> Parsed | None:
    """«أعلنت العشرات من الفصائل المعارضة …»: the body named after «من» speaks."""
    if s + 2 >= len(toks) or toks[s].text not in _PARTITIVE_HEADS or toks[s + 1].text != fold("من"):
        return None
    inner = parse_phrase(toks, s + 2, book)
    if inner is None or inner.kind not in ("ORG", "BACKREF_ORG"):
        return None
    return Parsed(s, inner.end_tok, inner.kind, inner.name_folded, inner.role_folded, s + 2)


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


_CAME = frozenset((fold("جاء"), fold("وجاء")))  # «جاء في بيان …»

#: can a token open a reporting act (the three cases of _candidates' loop)?  A token
#: that cannot is passed over without a look
_MAY_OPEN = WordMemo(lambda t: t in _CAME or t in rp.NOMINAL or rp.lookup(t) is not None)


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
    skip_to = 0  # a statement «جاء في بيان» takes its three tokens
    for i in compress(range(n), map(_MAY_OPEN.__getitem__, [tok.text for tok in toks])):
        if i < skip_to:
            continue
        t = toks[i].text
        # «جاء في بيان الوزارة»
        if t in _CAME and (i == 0 or t.startswith("و") or toks[i - 1].text in _CLAUSE_PARTICLES | {"،"}) and i + 2 < n and toks[i + 1].text == fold("في") and toks[i + 2].text in rp.STATEMENT_NOUNS:
            cand = _statement(toks, i, book)
            if cand is not None:
                out.append(cand)
            skip_to = i + 3
            continue
        if t in rp.NOMINAL and (t != fold("نقلا") or (i + 1 < n and toks[i + 1].text == fold("عن"))):
            cand = _nominal(toks, i, book)
            if cand is not None:
                out.append(cand)
            continue
        hit = rp.lookup(t)
        if hit is None:
            continue
        form, conj = hit
        cand = _verbal(toks, i, form, conj, book)
        if cand is not None:
            out.append(cand)
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
    if conj == 0 and prev in _PREPOSITIONS and form.kind == "perfect":
        return None  # «في كشف شبكة …»: after a preposition the word is a verbal noun
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
        subject = role_then_name(toks, s, subject, book) or subject
        if subject is None:
            subject = _partitive(toks, s, book) or tagged_person(toks, s, book)
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
    if spec.lemma in _PASSIVE_PRONE and conj == 0 and form.kind != "participle" and (subject is None or preverbal):
        return None  # «في رسالة وصفت بأنها …»: unvocalized, the passive «وُصفت» reads the same
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
        if spec.lemma == "وصف" and toks[clause[0]].text in rp.COMPLEMENTIZERS:
            content = clause[0]  # «وصف الخطوة بأنها …»: the description is what is claimed
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


_SAYING_NOUNS = {fold(w) for w in ("قوله", "قولها", "قولهم", "تأكيده", "تأكيدها", "تصريحه", "تصريحها", "إعلانه", "إعلانها", "نفيه", "نفيها", "تحذيره")}


def _relay(toks: list[Tok], i: int, form: rp.TriggerForm, conj: int, book: SpeakerBook) -> Candidate | None:
    """«نقلت وكالة X عن Y (قوله) إن …»: Y speaks, X relays."""
    n = len(toks)
    relay = parse_phrase(toks, _skip(toks, i + 1), book)
    if relay is None or relay.end_tok >= n or toks[relay.end_tok].text != fold("عن"):
        return None
    speaker = parse_phrase(toks, relay.end_tok + 1, book)
    speaker = role_then_name(toks, relay.end_tok + 1, speaker, book) or speaker
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
