"""Speaker resolution: a parsed subject phrase becomes a Speaker of the article, through
entities' canonical names, roles and titles, back-references («الوزارة», «المصدر»,
«التقرير») and continuations picked by grammatical gender."""

from __future__ import annotations

from dataclasses import replace
from itertools import compress

from marsad.document import Document
from marsad.extract.claims.folding import WordMemo, fold
from marsad.extract.claims.quotes import QUOTES
from marsad.extract.claims.speakers import (
    MASC_ORG_HEADS,
    ORG_BACKREFS,
    ORG_HEADS,
    PERSON_BACKREFS,
    TITLES,
    UNNAMED_HEADS,
    Speaker,
    SpeakerBook,
    Tok,
    bare,
    canonical_org,
    is_role_head,
    is_verbal_noun,
    parse_phrase,
)
from marsad.extract.claims.subjects import _SOURCE_BACKREFS
from marsad.extract.claims.tokens import Candidate


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
    if any(is_verbal_noun(w) for w in canon - set(name_words)):
        return False  # the tagger ran into the object: «زوما حرص بلاده»
    joined = "".join(fold(canonical).split())
    # «نصرالله» written as one word for «حسن نصر الله»
    return bool(canon & set(name_words)) or any(len(w) > 4 and w in joined for w in name_words)


_SPOKES_LINKS = {fold(w) for w in ("باسم", "بلسان")}


def _person_name(canonical: str, written: str, words: list[str]) -> str:
    """The full name as the article writes it («سيرجي شويغو») when it spells the entity's
    canonical name word for word; else the canonical (a short «الحسين» → «مصطفى الحسين»).
    The entity link keeps the canonical spelling too."""
    if len(words) >= 2 and len(fold(canonical).split()) == len(words) and fold(canonical) != " ".join(words):
        return written
    return canonical


def _nisba(word: str) -> bool:
    return word.startswith("ال") and word.endswith(("ي", "يه"))


#: words that make a phrase a part or a body of the opposition: «بعض جماعات المعارضة»,
#: «وفد المعارضة», «الفصائل المعارضة», «أعضاء في المعارضة»
_OPPOSITION_PARTS = {fold(w) for w in (
    "بعض", "جماعات", "جماعة", "فصائل", "الفصائل", "وفد", "أعضاء", "عضو", "قوى", "عشرات",
    "العشرات", "من", "في", "ممثلو", "ممثلي", "مجموعات", "السورية", "السوري", "المسلحة",
    "الرئيسية", "الرئيسي", "المسلحه", "الفصائل",
)}
_OPPOSITION = {fold(w) for w in ("المعارضة", "معارضة", "المعارضه", "معارضه")}


def _opposition(words: list[Tok], doc: Document, book: SpeakerBook) -> Speaker | None:
    """A group or delegation of the opposition speaks for the opposition: the entity the
    article names for it, else «المعارضة السورية» in a story about Syria (the gold
    convention), else «المعارضة»."""
    texts = [bare(t.text) for t in words if t.text[:1].isalpha()]
    if not any(t in _OPPOSITION for t in texts) or not all(t in _OPPOSITION or t in _OPPOSITION_PARTS for t in texts):
        return None
    for ent in doc.entities:
        if ent.type == "ORG" and ent.canonical and fold(ent.canonical).startswith(fold("المعارضة")):
            return book.add_org(ent.canonical, ent.entity_id)
    name = "المعارضة السورية" if fold("سوري") in doc.normalized.text else "المعارضة"
    sp = book.add_org(name)
    sp.gender = "f"
    return sp


def _resolve(doc: Document, toks: list[Tok], cand: Candidate, talk: _Discourse) -> tuple[Speaker | None, str | None]:
    """The speaker of a candidate and the words naming it (None for a continuation)."""
    book = talk.book
    p = cand.subject
    nt = doc.normalized
    if p is None:
        return talk.continuation(cand.gender), None
    s, e = nt.to_original(toks[p.start_tok].start, toks[p.end_tok - 1].end)
    mention = doc.text[s:e].strip()
    if p.kind in ("ORG", "UNNAMED", "BACKREF_ORG", "GROUP"):
        body = _opposition(toks[p.start_tok:p.end_tok], doc, book)
        if body is not None:
            return body, mention
    if p.kind == "PER":
        name_toks = [k for k in range(p.start_tok, p.end_tok)]
        # the name is the run of tokens whose folded text is in name_folded
        words = p.name_folded.split()
        start = next((k for k in name_toks if toks[k].text == words[0]), p.start_tok)
        name = _display(doc, toks, start, start + len(words), strip=False)
        ent = book.entity_at(toks[start].start, toks[start + len(words) - 1].end, nt.offsets)
        known = book.find_person(" ".join(words)) or (book.find_person(words[-1]) if len(words) == 1 else None)
        if ent is not None and ent.type == "PER" and ent.canonical and _agrees(ent.canonical, words):
            sp = book.add_person(_person_name(ent.canonical, name, words), p.role_folded, ent.entity_id)
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
        if ent is not None and ent.start > nt.offsets[toks[p.start_tok].start]:
            ent = None  # «اتهم التحالف الحوثيين»: an entity after the head is the object
        if ent is not None and ent.type == "ORG" and ent.canonical and not canon:
            canon = ent.canonical
        name = canon or _display(doc, toks, p.name_tok if p.name_tok >= 0 else p.start_tok, p.end_tok)
        sp = book.add_org(name, ent.entity_id if ent is not None and ent.type == "ORG" else None)
        if _agency:
            sp.keys.add(fold("وكالة"))  # «وقالت الوكالة» goes back to it
        return sp, mention
    if p.kind == "BACKREF_PER":
        words = p.role_folded.split()
        generic = all(w in PERSON_BACKREFS or w in TITLES or _nisba(w) for w in words)
        # «الجنرال», «المسؤول العسكري الروسي»: the person speaking; a specific role
        # («المتحدث باسم الوزارة») the person introduced with it
        sp2 = talk.last(kind="PER") if generic else book.person_by_role(words)
        speaks_for_body = any(w in _SPOKES_LINKS for w in words)
        if sp2 is None and words and (words[0] in PERSON_BACKREFS or words[0] in TITLES) and not speaks_for_body:
            # («المتحدث باسم الوحدات الكردية» with no one introduced so is a new, unnamed voice)
            here = toks[p.start_tok].start
            sp2 = talk.last(kind="PER") or next(
                (o for o in reversed(book.people) if book.seen_before(o, here)), None
            )
        if sp2 is None:
            sp2 = Speaker(_display(doc, toks, p.start_tok, p.end_tok), "UNNAMED", "m")
        return sp2, mention
    if p.kind == "GROUP" and p.first is not None:
        # «قالت روسيا وتركيا وإيران»: the first listed is the main speaker
        lead, _ = _resolve(doc, toks, replace(cand, subject=p.first), talk)
        return lead, mention
    if p.kind == "GROUP":
        group = book.add_org(_display(doc, toks, p.start_tok, p.end_tok))
        group.gender = "pl"
        return group, mention
    if p.kind in ("BACKREF_ORG", "STATEMENT"):
        head = p.name_folded.removeprefix("ال")
        if p.kind == "STATEMENT":
            # a document speaks for its issuer, else for the body last named as a source
            # («وبحسب "CNN"، يقول التقرير …»)
            sp3 = talk.statement_owner or next(
                (m for m in reversed(talk.mentioned[-1:]) if m.kind == "ORG"), None
            ) or talk.last(kind="ORG")
        else:
            here = toks[p.start_tok].start
            named = [o for o in reversed(book.orgs) if head in " ".join(o.keys)]
            # an organisation named before, the tagged ones first, then one named later
            sp3 = talk.last(kind="ORG", head=head) or next(
                (o for o in named if o.entity_id and book.seen_before(o, here)), None
            ) or next((o for o in named if book.seen_before(o, here)), None) or next(
                iter(named), None
            ) or (talk.last(kind="ORG") if p.name_folded in ORG_BACKREFS else None)
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


#: can a token introduce someone (either case of _introduce's loop)?
_MAY_INTRODUCE = WordMemo(lambda w: w in TITLES or is_role_head(w)
                          or bare(w) in ORG_HEADS and not w.startswith("ال"))


def _introduce(toks: list[Tok], book: SpeakerBook, doc: Document) -> None:
    """Register people introduced with a title or a role anywhere, so a bare surname used
    before (a headline «غيراسيموف: …») or after resolves to the full name."""
    for i in compress(range(len(toks)), map(_MAY_INTRODUCE.__getitem__, [t.text for t in toks])):
        t = toks[i]
        if t.text in TITLES or is_role_head(t.text):
            if i > 0 and (toks[i - 1].text in TITLES or is_role_head(toks[i - 1].text)):
                continue
            p = parse_phrase(toks, i, book, strong_only=True)
            if p is not None and p.kind == "PER":
                words = p.name_folded.split()
                start = next((k for k in range(p.start_tok, p.end_tok) if toks[k].text == words[0]), p.start_tok)
                ent = book.entity_at(toks[start].start, toks[start + len(words) - 1].end, doc.normalized.offsets)
                if ent is not None and ent.type == "PER" and ent.canonical and _agrees(ent.canonical, words):
                    written = _display(doc, toks, start, start + len(words), strip=False)
                    book.add_person(_person_name(ent.canonical, written, words), p.role_folded, ent.entity_id)
                else:
                    book.add_person(_display(doc, toks, start, start + len(words), strip=False), p.role_folded)
        elif bare(t.text) in ORG_HEADS and not t.text.startswith("ال"):
            p = parse_phrase(toks, i, book, strong_only=True)
            if p is not None and p.kind == "ORG" and p.end_tok - p.start_tok >= 2:
                canon, _ = canonical_org(p.name_folded, book)
                book.add_org(canon or _display(doc, toks, p.start_tok, p.end_tok))


_PUBLISH = {fold(w) for w in ("نشر", "نشرت", "أصدر", "أصدرت", "بث", "بثت", "أعد", "أعدت", "عرض", "عرضت")}
_DOCUMENTS = {fold(w) for w in ("تقرير", "تقريرا", "بيان", "بيانا", "تحقيق", "تحقيقا", "دراسة")}
#: is a token a publishing verb, a glued «و»/«ف» aside («ونشرت»)?
_MAY_PUBLISH = WordMemo(lambda t: (t[1:] if t[:1] in "وف" and t[1:] in _PUBLISH else t) in _PUBLISH)


def document_owner(doc: Document, toks: list[Tok], talk: _Discourse) -> None:
    """«نشرت شبكة "سكاي نيوز" تقريرا …»: the body that publishes a report or a statement
    is who «التقرير», «البيان» speak for afterwards."""
    book = talk.book
    for i in compress(range(len(toks)), map(_MAY_PUBLISH.__getitem__, [t.text for t in toks])):
        k = i + 1
        while k < len(toks) and toks[k].text in _SKIP_BEFORE_OWNER:
            k += 1
        p = parse_phrase(toks, k, book)
        if p is None or p.kind != "ORG":
            continue
        after = [x.text for x in toks[p.end_tok:p.end_tok + 4]]
        if not any(a in _DOCUMENTS for a in after):
            continue
        ent = book.entity_at(toks[p.start_tok].start, toks[p.end_tok - 1].end, doc.normalized.offsets)
        if ent is not None and ent.type == "ORG" and ent.canonical:
            talk.statement_owner = book.add_org(ent.canonical, ent.entity_id)
        else:
            canon, _ = canonical_org(p.name_folded, book)
            talk.statement_owner = book.add_org(canon or _display(doc, toks, p.start_tok, p.end_tok))
        return


_SKIP_BEFORE_OWNER = {fold(w) for w in ("أمس", "اليوم", "مؤخرا", "،", ",")}
