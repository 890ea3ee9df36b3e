"""The subject of a reporting verb: after it (VSO), before it («وكانت الوزارة أعلنت»),
in a relative clause, a coordination, or a plain noun phrase kept as written; and an
agency named for the claim («في تصريح لوكالة تاس»)."""

from __future__ import annotations

from marsad.extract.claims import reporting as rp
from marsad.extract.claims.folding import fold
from marsad.extract.claims.quotes import QUOTES
from marsad.extract.claims.speakers import (
    AGENCIES,
    COUNTRIES,
    FUNCTION_WORDS,
    SKIPPABLE,
    TITLES,
    UNNAMED_HEADS,
    Parsed,
    SpeakerBook,
    Tok,
    bare,
    is_role_head,
    is_verbal_noun,
    parse_phrase,
)
from marsad.extract.claims.tokens import _KANA, _skip_date

_NOT_A_REPORT = {fold(w) for w in ("ما", "مما", "بما", "أو", "او", "إذا", "اذا", "لو", "كي", "لكي")}


_SOURCE_BACKREFS = {fold(w) for w in ("المصدر", "المصادر")}


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
    return Parsed(subject.start_tok, end, "GROUP", words, first=subject)


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


_FA_INNA = {fold(w) for w in ("فإن", "فإنه", "فإنها", "فإنهم")}


def _preverbal(toks: list[Tok], i: int, book: SpeakerBook) -> Parsed | None:
    """The subject before a verb in its clause: «وكانت الوزارة (قد) أعلنت», «لوكالة سانا أن أكدت»."""
    start = 0
    for k in range(i - 1, -1, -1):
        t = toks[k].text
        if rp.lookup(t) is not None or t in (".", ":") or ((t in rp.COMPLEMENTIZERS or t in _FA_INNA) and k + 1 < i):
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


#: words that end a role phrase before any name: the name after them is an object or
#: another clause («قال رئيس الوزراء عن الرئيس X», «… مع نظيره X»)
_ROLE_STOPS = {fold(w) for w in (
    "عن", "مع", "إلى", "الى", "على", "الذي", "التي", "خلال", "أمام", "عقب", "إثر", "بعد", "قبل",
    "نظيره", "نظيرها", "ونظيره", "ضد", "بين",
)}
_ROLE_ZONE = 14  # tokens from the role's head to the person's name


def role_then_name(toks: list[Tok], s: int, parsed: Parsed | None, book: SpeakerBook) -> Parsed | None:
    """A role of a body and then the person's name: «مدير منطقة الميادين خالد العبيد»,
    «المتحدث باسم "جيش إدلب الحر" مصطفى الحسين», «رئيس "الاتحاد …" لكرة الطائرة، عمار
    الحسن»: the person the entities step tags after the role phrase is the speaker, not the
    role's first words.  None when ``parsed`` already names a tagged person or no role opens
    the phrase."""
    n = len(toks)
    if s >= n or not book.person_starts:
        return None
    head = toks[s].text
    if not (is_role_head(head) or head in TITLES):
        return None
    if parsed is not None and parsed.kind == "PER":
        for k in range(parsed.start_tok, parsed.end_tok):
            if book.person_at(toks[k].start) is not None:
                return None  # the parser's person is a tagged one
    for k in range(s + 1, min(n, s + _ROLE_ZONE)):
        t = toks[k].text
        if t in rp.COMPLEMENTIZERS or t in (":", ".") or t in _ROLE_STOPS or rp.lookup(t) is not None \
                or is_verbal_noun(t):
            return None  # «أبلغ الرئيس نظيريه X»: the object begins
        if t[:1] in "لب" and len(t) > 3 and (t[1:] in _ROLE_STOPS or (not t.startswith("ال") and is_role_head(t))):
            return None  # «لنظيره», «لوزير الخارجية»: the one spoken to
        ent = book.person_at(toks[k].start)
        if ent is None:
            continue
        if parsed is not None and parsed.kind == "UNNAMED" and parsed.end_tok > k:
            return None  # «متحدث باسم الرئيس X»: the name is the principal's, not the speaker's
        if t[:1] in "لب" and not t.startswith("ال") and fold(ent.text)[:1] != t[:1]:
            return None  # «لوزير …»: a preposition and its object
        end = k + 1
        while end < n and book.offsets[toks[end].start] < ent.end:
            end += 1
        name = " ".join(x.text for x in toks[k:end])
        role = " ".join(x.text for x in toks[s:k] if x.text[:1].isalpha())
        return Parsed(s, end, "PER", name, role)
    return None


def tagged_person(toks: list[Tok], s: int, book: SpeakerBook) -> Parsed | None:
    """A person the entities step tags right after the verb is its subject, even as a bare
    family name the parser alone would not take («أكد الأسد خلال اللقاء …»)."""
    if s >= len(toks) or toks[s].text[:1] in "لب" and not toks[s].text.startswith("ال"):
        return None
    ent = book.person_at(toks[s].start)
    if ent is None or len((ent.canonical or ent.text).split()) < 2:
        return None  # only a person whose full name the article gives
    end = s + 1
    while end < len(toks) and book.offsets[toks[end].start] < ent.end:
        end += 1
    return Parsed(s, end, "PER", " ".join(x.text for x in toks[s:end]))
