"""Features of an article against a claim from marsad's own extraction.

The lexical features of :mod:`marsad.check.article_features` see words; these see what
the extractors found.  The claim is cut into its parts by the cheap components
(:data:`CLAIM_PIPELINE`: figures, dates, attributed claims, events; no NER, so a check
does not load the entity model): what happened (event types), how many (figures and
what they count), when (dates), who said it (the claim's speaker).  Who and where come
from the article's own entities: those the claim names.  Then they are compared with
the article's extraction (the full pipeline's spans, as the store keeps them):

- entities: how many of the article's entities the claim names, and whether the
  article's main people / organisations / places (most mentioned) are the claim's;
- events: events of the claim's type, those at a place the claim names, on a date the
  claim gives, with the claim's toll or with another toll for the same role;
- figures and dates: the claim's figures the article gives for the same counted thing,
  or only other values for it; the claim's dates found, or only other dates;
- attributed claims (who said what) about the claim (their content covers a third of
  the claim's content words): asserted, denied, denied by someone the claim names (a
  denial by the accused), quoted directly, by the claim's own speaker; correction cues
  in them.

:data:`EXTRACTION_FEATURES` is the order of :func:`extraction_features`.

Not used by the shipped stance model: appended to the lexical features they did not
raise the claim-level CV on Baly folds 1-4 (macro-F1 46.2 vs 47.6; measure with
``scripts/train_stance.py --extraction``).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from marsad.check.contradiction import CORRECTION
from marsad.check.features import view
from marsad.document import Document
from marsad.text.normalize import fold

#: The components that cut a claim into its parts (no entity model: cheap to load).
CLAIM_PIPELINE: tuple[str, ...] = ("sentences", "dates", "figures", "claims", "events")
#: Share of the claim's content words an attributed claim must contain to be about it.
ABOUT = 0.34

EXTRACTION_FEATURES = (
    "x_claim_entities",
    "x_claim_entity_share",
    "x_main_entity_named",
    "x_main_place_named",
    "x_main_person_named",
    "x_top5_named",
    "x_claim_event_types",
    "x_same_type_events",
    "x_same_type_share",
    "x_same_type_place",
    "x_same_type_date",
    "x_same_type_toll",
    "x_same_type_other_toll",
    "x_claim_figures",
    "x_figure_same",
    "x_figure_other_only",
    "x_claim_dates",
    "x_date_same",
    "x_date_other_only",
    "x_about_claims",
    "x_about_assert",
    "x_about_deny",
    "x_deny_by_named",
    "x_about_direct",
    "x_same_speaker",
    "x_about_correction",
    "x_best_claim_coverage",
    "x_article_claims",
    "x_article_deny_share",
)


def _in(name: str | None, folded_claim: str) -> bool:
    if not name:
        return False
    f = fold(name).strip()
    return len(f) >= 3 and f in folded_claim


def _coverage(content: frozenset[str], text: str) -> float:
    return len(content & view(text).content) / max(1, len(content))


def _roles(doc: Document, event_figs: Sequence[int], roles: Sequence[str]) -> dict[str, set[float]]:
    out: dict[str, set[float]] = {}
    for j, i in enumerate(event_figs):
        if 0 <= i < len(doc.figures) and doc.figures[i].value is not None:
            role = roles[j] if j < len(roles) else ""
            out.setdefault(role, set()).add(float(doc.figures[i].value))  # type: ignore[arg-type]
    return out


def extraction_features(claim: str, claim_doc: Document, doc: Document) -> list[float]:
    """The :data:`EXTRACTION_FEATURES` of an extracted article against a claim cut into
    its parts (``claim_doc``: :data:`CLAIM_PIPELINE` on the claim)."""
    fc = fold(claim)
    content = view(claim).content
    # -- who and where: the article's entities that the claim names
    mentions: Counter[str] = Counter()
    kind: dict[str, str] = {}
    named: set[str] = set()
    for e in doc.entities:
        key = fold(e.canonical or e.text)
        mentions[key] += 1
        kind[key] = e.type
        if _in(e.text, fc) or _in(e.canonical, fc):
            named.add(key)
    main = [k for k, _ in mentions.most_common(5)]

    def main_of(t: str) -> float:
        ks = [k for k, _ in mentions.most_common() if kind[k] == t]
        return float(ks[0] in named) if ks else -1.0

    # -- what happened: events of the claim's type
    ctypes = {ev.type for ev in claim_doc.events}
    croles: dict[str, set[float]] = {}
    for ev in claim_doc.events:
        for role, vals in _roles(claim_doc, ev.figures, ev.figure_roles).items():
            croles.setdefault(role, set()).update(vals)
    same = [ev for ev in doc.events if ev.type in ctypes]
    cdates = {d.value for d in claim_doc.dates if d.value}
    toll = other_toll = 0
    for ev in same:
        roles = _roles(doc, ev.figures, ev.figure_roles)
        for role, vals in roles.items():
            if role in croles:
                if vals & croles[role]:
                    toll += 1
                else:
                    other_toll += 1
    # -- how many, and when
    cfigs = [(float(f.value), f.counted) for f in claim_doc.figures if f.value is not None]
    fig_same = fig_other = 0
    for value, counted in cfigs:
        vals = {float(f.value) for f in doc.figures if f.value is not None and (counted is None or f.counted == counted)}
        if value in vals:
            fig_same += 1
        elif vals:
            fig_other += 1
    adates = {d.value for d in doc.dates if d.value}
    date_same = sum(1 for d in cdates if any(a.startswith(d) or d.startswith(a) for a in adates if len(a) >= 7))
    # -- who said what about the claim
    cspeakers = {fold(c.speaker) for c in claim_doc.claims if c.speaker}
    about = []
    for c in doc.claims:
        text = c.content or doc.text[c.start : c.end]
        cov = _coverage(content, text)
        if cov >= ABOUT:
            about.append((c, cov, text))
    deny = [c for c, _, _ in about if c.polarity == "deny"]
    by_named = sum(1 for c in deny if _in(c.speaker, fc) or _in(c.speaker_mention, fc))
    same_speaker = sum(1 for c, _, _ in about if c.speaker and fold(c.speaker) in cspeakers)
    correction = sum(1 for _, _, t in about if view(t).key_set & CORRECTION)
    n_claims = len(doc.claims)
    return [
        float(len(named)),
        len(named) / max(1, len(mentions)),
        float(main[0] in named) if main else -1.0,
        main_of("LOC"),
        main_of("PER"),
        sum(1 for k in main if k in named) / max(1, len(main)),
        float(len(ctypes)),
        math.log1p(len(same)),
        len(same) / max(1, len(doc.events)) if ctypes else -1.0,
        math.log1p(sum(1 for ev in same if _in(ev.place, fc))),
        math.log1p(sum(1 for ev in same if ev.date and any(ev.date.startswith(d) or d.startswith(ev.date) for d in cdates))),
        math.log1p(toll),
        math.log1p(other_toll),
        float(len(cfigs)),
        fig_same / len(cfigs) if cfigs else -1.0,
        fig_other / len(cfigs) if cfigs else -1.0,
        float(len(cdates)),
        date_same / len(cdates) if cdates else -1.0,
        float(bool(cdates) and bool(adates) and date_same == 0) if cdates else -1.0,
        math.log1p(len(about)),
        math.log1p(len(about) - len(deny)),
        math.log1p(len(deny)),
        math.log1p(by_named),
        math.log1p(sum(1 for c, _, _ in about if c.direct)),
        math.log1p(same_speaker),
        math.log1p(correction),
        max((cov for _, cov, _ in about), default=0.0),
        math.log1p(n_claims),
        sum(1 for c in doc.claims if c.polarity == "deny") / n_claims if n_claims else -1.0,
    ]
