"""Entity scores against the gold seeds: per type P/R/F1, and the roles of people.

Matching rule (on folded names, marsad.text.normalize.fold, spaces ignored):
- The system's entities of an article (in the text, and in its title, dateline and
  outlet: ``doc.meta["header_entities"]``) are grouped by ``entity_id``; a group's names
  are its canonical name and every mention's text, with an attached clitic
  (و، ب، ل، ف، ك) stripped as well.
- A gold name of type T is found when a system group of type T has that name, or one
  of the gold ``aliases`` of it, among its names, or when the gold name itself
  canonicalizes (alias tables, gazetteer) to the group's ``entity_id`` («سورية» and
  «سوريا» are one country).  Each group and each gold name
  match at most once.
- ``LOC_optional`` names count as found (true positive) when matched and cost
  nothing when missed; a group matched to one is no false positive.
- A group that matches no gold name is a false positive of its type.
- Roles: a gold person's role is right when the system's role for the matched
  person is the same text after folding (``exact``), or when one contains the other
  (``overlap``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from marsad.eval.counts import Counts
from marsad.eval.gold import GoldPair
from marsad.text.normalize import fold, strip_clitics

TYPES = ("PER", "ORG", "LOC")
_QUOTES = re.compile(r"[\"'“”«»„()\[\].,:،؛]")


def name_key(name: str) -> str:
    return _QUOTES.sub("", fold(name)).replace(" ", "")


def name_forms(name: str) -> set[str]:
    """A name's key, and its key with a clitic stripped off the first word."""
    folded = _QUOTES.sub("", fold(name)).split()
    if not folded:
        return set()
    forms = {"".join(folded)}
    if len(folded[0]) > 3:
        for f in strip_clitics(folded[0])[1:]:
            if folded[0].endswith("ال" + f):
                f = "ال" + f
            forms.add(f + "".join(folded[1:]))
    return forms


def canonical_id(typ: str, name: str) -> str:
    """The entity_id our tables give a gold name (alias canonical, gazetteer name)."""
    from marsad.extract.entities import canonical_aliases, gazetteer

    canonical = name
    hit = canonical_aliases.lookup(name)
    if hit and hit[0] == typ:
        canonical = hit[1]
    elif typ == "LOC":
        place = gazetteer.resolve(name)
        if place:
            canonical = place.canonical
    return f"{typ}:{' '.join(fold(canonical).split())}"


@dataclass
class TypeScore(Counts):
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)


def score_doc(gold: dict[str, Any], entities: list[Any]) -> tuple[dict[str, TypeScore], list[dict[str, Any]]]:
    """Scores per type for one article, and one row per gold role."""
    groups: dict[str, dict[str, Any]] = {}
    for e in entities:
        g = groups.setdefault(e.entity_id or f"{e.type}:{e.text}", {
            "type": e.type, "canonical": e.canonical or e.text, "forms": set(), "role": None,
        })
        g["forms"] |= name_forms(e.canonical or e.text) | name_forms(e.text)
        if e.role and not g["role"]:
            g["role"] = e.role
    aliases: dict[str, list[str]] = defaultdict(list)
    for alias, canonical in (gold.get("aliases") or {}).items():
        aliases[name_key(canonical)].append(alias)

    scores = {t: TypeScore() for t in TYPES}
    used: set[str] = set()
    matched_person: dict[str, str] = {}
    gold_ents = gold.get("entities", {})
    for typ in TYPES:
        for optional, names in ((False, gold_ents.get(typ, [])),
                                (True, gold_ents.get(f"{typ}_optional", []))):
            for name in names:
                keys = {name_key(name)} | {name_key(a) for a in aliases[name_key(name)]}
                gold_id = canonical_id(typ, name)
                hit = next((gid for gid, g in groups.items()
                            if gid not in used and g["type"] == typ
                            and (keys & g["forms"] or gid == gold_id)), None)
                if hit:
                    used.add(hit)
                    scores[typ].tp += 1
                    if typ == "PER":
                        matched_person[name] = hit
                elif not optional:
                    scores[typ].fn += 1
                    scores[typ].missed.append(name)
    for gid, g in groups.items():
        if gid not in used and g["type"] in scores:
            scores[g["type"]].fp += 1
            scores[g["type"]].spurious.append(g["canonical"])

    role_rows = []
    for person, role in (gold.get("roles") or {}).items():
        sys_role = groups[matched_person[person]]["role"] if person in matched_person else None
        a, b = name_key(role), name_key(sys_role or "")
        role_rows.append({
            "doc": gold.get("doc"), "person": person, "gold": role, "system": sys_role,
            "exact": bool(sys_role) and a == b,
            "overlap": bool(sys_role) and bool(b) and (a in b or b in a),
        })
    return scores, role_rows


def score(pairs: list[GoldPair]) -> dict[str, Any]:
    total = {t: TypeScore() for t in TYPES}
    roles: list[dict[str, Any]] = []
    per_doc = {}
    for pair in pairs:
        header = [SimpleNamespace(**h) for h in pair.doc.meta.get("header_entities", [])]
        scores, rows = score_doc(pair.gold, [*pair.doc.entities, *header])
        roles += rows
        per_doc[pair.gold.get("doc")] = scores
        for t in TYPES:
            for attr in ("tp", "fp", "fn"):
                setattr(total[t], attr, getattr(total[t], attr) + getattr(scores[t], attr))
            total[t].missed += scores[t].missed
            total[t].spurious += scores[t].spurious
    overall = TypeScore(
        tp=sum(s.tp for s in total.values()),
        fp=sum(s.fp for s in total.values()),
        fn=sum(s.fn for s in total.values()),
    )
    return {"types": total, "overall": overall, "roles": roles, "per_doc": per_doc}


def report(result: dict[str, Any]) -> str:
    lines = ["ENTITIES (gold seeds; names matched folded, aliases count)",
             f"{'type':8} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}"]
    for name, s in [*result["types"].items(), ("overall", result["overall"])]:
        lines.append(f"{name:8} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:4d} {s.fp:4d} {s.fn:4d}")
    for t, s in result["types"].items():
        if s.missed:
            lines.append(f"  {t} missed: {', '.join(s.missed)}")
        if s.spurious:
            lines.append(f"  {t} spurious: {', '.join(s.spurious)}")
    roles = result["roles"]
    exact = sum(r["exact"] for r in roles)
    overlap = sum(r["overlap"] for r in roles)
    lines.append(f"ROLES: {exact}/{len(roles)} exact, {overlap}/{len(roles)} overlapping")
    for r in roles:
        mark = "=" if r["exact"] else ("~" if r["overlap"] else "x")
        lines.append(f"  {mark} {r['person']}: {r['system']!s}  (gold: {r['gold']})")
    return "\n".join(lines)


def summary(result: dict[str, Any]) -> dict[str, float]:
    out = {"entities F1": result["overall"].f1, "entities P": result["overall"].precision,
           "entities R": result["overall"].recall}
    for t, s in result["types"].items():
        out[f"entities {t} F1"] = s.f1
    roles = result["roles"]
    out["roles exact"] = sum(r["exact"] for r in roles) / len(roles) if roles else 1.0
    return out
