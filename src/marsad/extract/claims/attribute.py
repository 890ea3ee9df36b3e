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

The rules live in modules of the package, each readable on its own:

- ``reporting`` — the lexicon of reporting words; ``quotes`` — where quotations end;
- ``tokens`` — sentence tokens (a verb split at its lost shadda, «أك دت», is joined),
  the ``Candidate`` record, skipping of adverbials and dates;
- ``triggers`` — the reporting acts of a sentence and their content clause;
- ``subjects`` — the subject phrase of a verb (after it, before it, a role then the
  tagged person's name, a coordination, a partitive «العشرات من الفصائل»);
- ``speakers`` — the speaker-phrase parser and the article's book of speakers;
- ``coref`` — a parsed subject resolved to a Speaker: entities' canonical names,
  roles, back-references («الوكالة», «التقرير», «المصدر»), continuations by gender,
  the first member of a joint subject, a group of the opposition;
- ``content`` — nesting of acts in a sentence (which one cuts whose content), polarity.
"""

from __future__ import annotations

import re

from marsad.document import Claim, Document
from marsad.extract.claims.content import _is_deny, _nest, _trim
from marsad.extract.claims.coref import _Discourse, _display, _introduce, _resolve, document_owner
from marsad.extract.claims.folding import fold
from marsad.extract.claims.quotes import is_direct, quote_end
from marsad.extract.claims.speakers import (
    SpeakerBook,
    Tok,
    canonical_org,
)
from marsad.extract.claims.tokens import Candidate, _norm_span, _tokens
from marsad.extract.claims.triggers import _candidates
from marsad.pipeline import component
from marsad.text.sentences import split_sentences


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
    book = SpeakerBook(doc.entities, text, nt.offsets)
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
        document_owner(doc, toks, talk)
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
