"""Content spans and polarity: nesting of reporting acts inside a sentence (a participle
or «وأضاف أن» cuts the content before it) and denial detection."""

from __future__ import annotations

from marsad.extract.claims import reporting as rp
from marsad.extract.claims.folding import fold
from marsad.extract.claims.quotes import QUOTES
from marsad.extract.claims.speakers import (
    AGENCIES,
    Parsed,
    Tok,
    bare,
)
from marsad.extract.claims.tokens import Candidate

_LINKERS = {fold(w) for w in ("كما", "ثم", "فيما", "بينما", "حين", "حينما", "في", "و", "وقد", "فقد", "،", ",", "-", "–")}


def _is_agency(c: Candidate) -> bool:
    if c.subject is None or c.subject.kind != "ORG":
        return False
    name = c.subject.name_folded
    words = [w for w in name.split() if w not in QUOTES]
    return bool(words) and (" ".join(words) in AGENCIES or bare(words[0]) == fold("وكالة"))


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


def _named(p: Parsed) -> bool:
    """A subject that names a speaker of its own: a person, a body, or an unknown name of
    two words or more («نصر الحريري»), never a lone definite noun («الجميع»)."""
    if p.kind in ("PER", "ORG"):
        return True
    words = p.name_folded.split()
    return p.kind == "UNNAMED" and len(words) >= 2 and not words[0].startswith("ال")


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
        cut = c.kind == "participle" or (c.boundary and _quote_balance(seg)) or (
            # a headline «X: …» with the story glued after it: «… حذر الأمين العام X من أن»
            # or a new clause with its own named speaker after a pause: «…" ، قالت السفيرة X إن»
            (prev.kind == "headline" or c.clause_initial) and c.kind == "perfect" and c.subject is not None
            and _named(c.subject) and not c.preverbal and _quote_balance(seg)
        )
        if cut and c.trig > prev.content_tok:
            end = c.trig
            # «…، في حين نفى»: the linking words belong to neither content
            while end - 1 > prev.content_tok and toks[end - 1].text in _LINKERS:
                end -= 1
            prev.content_end_tok = end
            kept.append(c)
        elif (_is_agency(prev) or (prev.kind == "nominal" and c.preverbal)) and c.subject is not None \
                and c.kind in ("perfect", "imperfect"):
            # «وبحسب موقع X، فإن المبعوث نفى …»: X relays the envoy's denial
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
