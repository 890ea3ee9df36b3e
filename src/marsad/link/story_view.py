"""One story as a fact-checker reads it: who reported first, who copied whom, each
claim with all its appearances, and every outlet's figures with their origin.

``build_story(story, articles, log)`` takes the stored story row, its articles (each a
row and the extracted :class:`~marsad.document.Document`) and its change log, and
returns the JSON object of ``marsad story ID --json`` (docs/schema.md, «Stories»):

- **articles** in order of publication (unknown dates last, then order of ingest), each
  with ``role``: ``copy`` (a near-duplicate, or runs of ``REUSED_WORDS`` or more words
  reused word for word from an earlier article cover at least ``REUSED_MIN_WORDS`` words
  and ``REUSED_SHARE`` of it; ``copy_of`` and the reused
  ``evidence`` spans say of what), ``original`` (the first report, and any article
  others copied) or ``independent``.  ``copies`` is the directed "who copied whom"
  graph with times.
- **claims**: the same speaker saying the same thing (content stems overlapping by
  ``CLAIM_OVERLAP``) in several articles is one claim with many ``appearances``; the
  ministry saying X and an outlet asserting X stay apart (different speakers).
- **figures**: per outcome (killed, wounded, captured, vehicles, …; from the event a
  figure belongs to, else from what it counts), each article's value with its
  ``origin``: the speaker of the claim the figure is in, a source named in its sentence
  («نقلا عن …», «حسب …», «وفقا لـ …», «المصدر : …»), else the outlet itself.  A copy's
  figures keep the origin of what it copied, so one source repeated by many outlets
  counts once.  ``conflict`` is true where independent origins give different values;
  ``low``/``best``/``high`` summarise them (UCDP style: best is the median of the
  independent origins' values).
- **events** of every article, **timeline** (reports and dated events), **log**.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from marsad.document import Document
from marsad.link.story_terms import stems
from marsad.text.normalize import fold

Row = dict[str, Any]

REUSED_WORDS = 8  # runs of this many words shared word for word are evidence of copying
REUSED_MIN_WORDS = 16  # a copy shares at least this many words in such runs
REUSED_SHARE = 0.2  # … and at least this share of its own words
CLAIM_OVERLAP = 0.4

#: counted noun (folded singular) -> outcome
_OUTCOMES: dict[str, str] = {}
for _outcome, _words in {
    "killed": "قتيل قتلى شهيد شهداء ضحية ضحايا جثة جثث",
    "wounded": "جريح جرحى مصاب مصابين اصابة",
    "captured": "اسير اسرى",
    "arrested": "معتقل معتقلين موقوف",
    "displaced": "نازح نازحين لاجئ لاجئين مهجر",
    "vehicles": "اليه اليات اليات مركبه مركبات سياره سيارات دبابه دبابات عربه عربات شاحنه رتل",
    "sorties": "طلعه طلعات غاره غارات ضربه ضربات",
    "fighters": "مسلح مسلحين ارهابي ارهابيين مقاتل مقاتلين عنصر عناصر",
    "missiles": "صاروخ صواريخ قذيفه قذائف",
    "mines": "لغم الغام عبوه عبوات",
}.items():
    for _w in _words.split():
        _OUTCOMES[fold(_w)] = _outcome

#: event figure roles that are outcomes a story compares (others: «count», «percent» …)
_ROLE_OUTCOMES = {
    "killed", "wounded", "vehicles_destroyed", "sites", "sorties", "violations", "mines",
    "evacuated", "displaced", "arrested", "surrendered", "captured", "aid",
}
_COUNTED_ROLE = {"vehicles": "vehicles_destroyed"}

# on folded text: «نقلا عن …», «حسب ما افادت به مصادر …», «وفقا لـ …», «المصدر : …»
_CITE = re.compile(
    r"(?:نقلا\s+عن|نقل\s+عن|حسب|بحسب|وفقا\s+ل\s*-?\s*|وفق|طبقا\s+ل|استنادا\s+الى|المصدر\s*:)\s*"
    r"(?:ما\s+(?:افاد|افادت|ذكر|ذكرت|اعلن|اعلنت|اورد|اوردت|نقل|نقلت)\s+(?:به\s+)?)?"
    r"(?P<src>[^،,.؛:\n]{2,60})"
)
_WORDS = re.compile(r"\w+")


def _shingles(doc: Document) -> tuple[dict[int, int], list[tuple[int, int]]]:
    """Word ``REUSED_WORDS``-grams of the folded text: ``{hash: first word index}`` and
    each word's ``(start, end)`` in the text."""
    words = [(m.start(), m.end(), m.group()) for m in _WORDS.finditer(doc.normalized.text)]
    spans = [doc.normalized.to_original(a, b) for a, b, _ in words]
    grams: dict[int, int] = {}
    for i in range(len(words) - REUSED_WORDS + 1):
        grams.setdefault(hash(" ".join(w for _, _, w in words[i:i + REUSED_WORDS])), i)
    return grams, spans


def _reused(mine: tuple[dict[int, int], list[tuple[int, int]]],
            theirs: dict[int, int]) -> tuple[int, list[tuple[int, int]]]:
    """Words of ``mine`` inside shingles ``theirs`` has too, and those runs as spans."""
    grams, spans = mine
    covered = sorted({i + k for g, i in grams.items() if g in theirs for k in range(REUSED_WORDS)})
    runs: list[list[int]] = []
    for i in covered:
        if runs and i == runs[-1][1] + 1:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    return len(covered), [(spans[a][0], spans[b][1]) for a, b in runs]


def _order_key(item: tuple[Row, Document]) -> tuple[str, int]:
    row = item[0]
    return (row.get("published") or "9999-99-99", int(row["id"]))


def _figure_outcome(doc: Document, index: int, roles: dict[int, str]) -> str | None:
    if roles.get(index) in _ROLE_OUTCOMES:
        return roles[index]
    counted = doc.figures[index].counted
    if counted:
        outcome = _OUTCOMES.get(fold(counted).strip())
        return _COUNTED_ROLE.get(outcome or "", outcome)
    return None


def _citations(doc: Document) -> list[tuple[int, int, int]]:
    """``(cue start, source start, source end)`` of each «نقلا عن …»-like citation."""
    out = []
    for start, _end, m in doc.normalized.find_all(_CITE):
        src_start, src_end = doc.normalized.to_original(m.start("src"), m.end("src"))
        out.append((start, src_start, src_end))
    return out


def _figure_origin(doc: Document, index: int, outlet: str | None,
                   cites: list[tuple[int, int, int]]) -> tuple[str, str]:
    """``(origin name, how)``: claim speaker, a cited source, or the outlet's own voice."""
    fig = doc.figures[index]
    for claim in doc.claims:
        lo = claim.content_start if claim.content_start is not None else claim.start
        hi = claim.content_end if claim.content_end is not None else claim.end
        if lo <= fig.start < hi and claim.speaker:
            return claim.speaker, "claim"
    sent = doc.sentence_at(fig.start)
    if sent is not None:
        for start, src_start, src_end in cites:
            if not sent.start <= start < sent.end:
                continue
            # the cited source: the entity named right there, else its first words
            for ent in doc.entities:
                if ent.type in ("ORG", "PER") and src_start - 2 <= ent.start <= src_start + 3:
                    return ent.canonical or ent.text, "cited"
            return " ".join(doc.text[src_start:src_end].split()[:3]), "cited"
    return outlet or "(outlet)", "outlet"


def _roles(articles: list[tuple[Row, Document]]) -> tuple[dict[int, Row], list[Row]]:
    info: dict[int, Row] = {}
    copies: list[Row] = []
    earlier: list[tuple[int, dict[int, int]]] = []
    ids = {int(r["id"]) for r, _ in articles}
    for row, doc in articles:
        aid = int(row["id"])
        mine = _shingles(doc)
        source, evidence = None, []
        dup = row.get("duplicate_of")
        if dup is not None and int(dup) in ids:
            source, how = int(dup), "near_duplicate"
        else:
            how = "reused_sentences"
            need = max(REUSED_MIN_WORDS, REUSED_SHARE * len(mine[1]))
            best = 0
            for other, theirs in earlier:
                n, runs = _reused(mine, theirs)
                if n >= need and n > best:
                    best, source, evidence = n, other, runs
        info[aid] = {"role": "copy" if source is not None else "independent",
                     "copy_of": source, "evidence": [list(e) for e in evidence]}
        if source is not None:
            copies.append({"from": aid, "to": source, "how": how,
                           "at": row.get("published"), "evidence": [list(e) for e in evidence]})
        earlier.append((aid, mine[0]))
    sources = {c["to"] for c in copies}
    for n, (row, _) in enumerate(articles):
        aid = int(row["id"])
        if info[aid]["role"] != "copy" and (n == 0 or aid in sources):
            info[aid]["role"] = "original"
    return info, copies


def _root(aid: int, info: dict[int, Row]) -> int:
    seen = set()
    while info[aid]["copy_of"] is not None and aid not in seen:
        seen.add(aid)
        aid = int(info[aid]["copy_of"])
    return aid


def _claims(articles: list[tuple[Row, Document]]) -> list[Row]:
    groups: list[Row] = []
    for row, doc in articles:
        for i, c in enumerate(doc.claims):
            speaker = c.speaker or ""
            key = fold(speaker).strip()
            content = set(stems(c.content))
            if not content:
                continue
            match = None
            for g in groups:
                if g["_key"] != key:
                    continue
                inter = len(content & g["_stems"])
                if inter / max(1, min(len(content), len(g["_stems"]))) >= CLAIM_OVERLAP:
                    match = g
                    break
            appearance = {"article": row["doc_id"], "article_id": row["id"], "claim": i,
                          "outlet": row.get("outlet"), "published": row.get("published"),
                          "start": c.start, "end": c.end, "verb": c.verb}
            if match is None:
                groups.append({"speaker": c.speaker, "polarity": c.polarity,
                               "content": c.content, "appearances": [appearance],
                               "_key": key, "_stems": content})
            else:
                match["appearances"].append(appearance)
                match["_stems"] |= content
    out = []
    for g in groups:
        g.pop("_key")
        g.pop("_stems")
        g["n_articles"] = len({a["article_id"] for a in g["appearances"]})
        g["outlets"] = sorted({a["outlet"] for a in g["appearances"] if a["outlet"]})
        out.append(g)
    out.sort(key=lambda g: (-g["n_articles"], g["appearances"][0]["article_id"]))
    return out


def _figures(articles: list[tuple[Row, Document]], info: dict[int, Row]) -> tuple[list[Row], list[Row]]:
    by_outcome: dict[str, list[Row]] = defaultdict(list)
    origin_of: dict[tuple[int, int], tuple[str, str]] = {}
    for row, doc in articles:
        aid = int(row["id"])
        roles: dict[int, str] = {}
        for ev in doc.events:
            for k, fi in enumerate(ev.figures):
                if k < len(getattr(ev, "figure_roles", []) or []):
                    roles[fi] = ev.figure_roles[k]
        cites = _citations(doc)
        for fi, fig in enumerate(doc.figures):
            outcome = _figure_outcome(doc, fi, roles)
            if outcome is None or fig.value is None:
                continue
            origin, how = _figure_origin(doc, fi, row.get("outlet"), cites)
            origin_of[(aid, fi)] = (origin, how)
            by_outcome[outcome].append({
                "article": row["doc_id"], "article_id": aid, "outlet": row.get("outlet"),
                "published": row.get("published"), "value": fig.value,
                "value_max": fig.value_max, "bound": fig.bound, "text": fig.text,
                "start": fig.start, "end": fig.end, "origin": origin, "origin_from": how,
            })
    table, conflicts = [], []
    for outcome, values in sorted(by_outcome.items()):
        # one vote per independent origin: a copy repeats its source
        votes: dict[str, float] = {}
        for v in values:
            root = _root(v["article_id"], info)
            origin = v["origin"] if v["origin_from"] != "outlet" else f"outlet:{root}"
            v["independent_origin"] = origin
            votes[origin] = max(votes.get(origin, 0.0), float(v["value"]))
        distinct = sorted(set(votes.values()))
        entry = {"outcome": outcome, "values": values, "origins": len(votes),
                 "conflict": len(distinct) > 1,
                 "low": min(distinct), "best": statistics.median(list(votes.values())),
                 "high": max(distinct)}
        table.append(entry)
        if entry["conflict"]:
            conflicts.append({
                "outcome": outcome,
                "values": [{"value": val, "origins": sorted({v["origin"] for v in values
                                                             if float(v["value"]) == val})}
                           for val in distinct],
            })
    return table, conflicts


def _events(articles: list[tuple[Row, Document]]) -> list[Row]:
    out = []
    for row, doc in articles:
        for ev in doc.events:
            if getattr(ev, "polarity", "assert") == "deny":
                continue
            figs = []
            roles = getattr(ev, "figure_roles", []) or []
            for k, fi in enumerate(ev.figures):
                if 0 <= fi < len(doc.figures):
                    f = doc.figures[fi]
                    figs.append({"value": f.value, "bound": f.bound,
                                 "role": roles[k] if k < len(roles) else None})
            claimed_by = None
            if ev.claim is not None and 0 <= ev.claim < len(doc.claims):
                claimed_by = doc.claims[ev.claim].speaker
            out.append({
                "article": row["doc_id"], "article_id": row["id"], "outlet": row.get("outlet"),
                "published": row.get("published"), "start": ev.start, "end": ev.end,
                "type": ev.type, "trigger": ev.trigger, "actor": ev.actor, "target": ev.target,
                "place": ev.place, "lat": getattr(ev, "lat", None), "lon": getattr(ev, "lon", None),
                "admin": getattr(ev, "admin", None), "date": ev.date,
                "date_end": getattr(ev, "date_end", None), "figures": figs,
                "claimed_by": claimed_by,
            })
    return out


def build_story(story: Row, articles: Sequence[tuple[Row, Document]], log: Sequence[Row]) -> Row:
    ordered = sorted(articles, key=_order_key)
    info, copies = _roles(ordered)
    table, conflicts = _figures(ordered, info)
    events = _events(ordered)
    arts = []
    for row, _doc in ordered:
        aid = int(row["id"])
        arts.append({
            "id": row["doc_id"], "article_id": aid, "title": row.get("title"),
            "outlet": row.get("outlet"), "published": row.get("published"),
            "url": row.get("url"), **info[aid], "score": row.get("score"),
            "joined": row.get("reason"),
        })
    timeline = [{"date": a["published"], "kind": "report", "article": a["id"],
                 "outlet": a["outlet"], "role": a["role"]} for a in arts if a["published"]]
    timeline += [{"date": e["date"], "kind": "event", "type": e["type"], "article": e["article"],
                  "place": e["place"]} for e in events if e["date"]]
    timeline.sort(key=lambda t: (t["date"], t["kind"] != "event"))
    first = arts[0] if arts else None
    return {
        "id": int(story["id"]), "title": story.get("title"),
        "first_day": story.get("first_day"), "last_day": story.get("last_day"),
        "first_report": first["id"] if first else None,
        "articles": arts, "copies": copies, "events": events,
        "claims": _claims(ordered), "figures": table, "conflicts": conflicts,
        "timeline": timeline, "log": list(log),
    }
