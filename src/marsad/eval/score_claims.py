"""Score attributed claims against the gold set (../shared/gold/seeds.json).

- A predicted claim *covers* a gold claim when its content (folded) contains the gold
  content (folded).  Each prediction is matched to at most one gold claim.
- **attributed recall**: gold claims covered by a prediction whose speaker equals the
  gold speaker (folded; the linked entity's canonical name or a gold alias counts too),
  over all gold claims that are not ``optional`` (an optional one found counts as a hit).
- **precision**: predictions that cover some gold content, over all predictions.
- **verb accuracy** / **polarity accuracy**: over covered gold claims, the reporting word
  (folded, without a glued و/ف) and the polarity (``assert`` unless the gold says deny).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from marsad.document import Claim, Document
from marsad.eval.gold import GoldPair
from marsad.text.normalize import fold


def _verb_key(verb: str) -> str:
    v = fold(verb).strip()
    if len(v) > 3 and v[0] in "وف":
        v = v[1:]
    return v


def _speaker_names(claim: Claim, doc: Document) -> set[str]:
    names = {fold(claim.speaker)} if claim.speaker else set()
    if claim.speaker_entity:
        for ent in doc.entities:
            if ent.entity_id == claim.speaker_entity:
                names.add(fold(ent.canonical or ent.text))
    return names


@dataclass
class DocScore:
    doc: str
    gold: int = 0
    optional_found: int = 0
    attributed: int = 0
    covered: int = 0
    predicted: int = 0
    precise: int = 0
    verb_ok: int = 0
    polarity_ok: int = 0
    wrong_speakers: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)


def score_doc(gold: dict[str, Any], doc: Document) -> DocScore:
    aliases = {fold(k): fold(v) for k, v in (gold.get("aliases") or {}).items()}
    out = DocScore(gold["doc"])
    preds = doc.claims
    contents = [fold(c.content) for c in preds]
    used: set[int] = set()
    gold_contents = [fold(g["content"]) for g in gold.get("claims", [])]
    for g in gold.get("claims", []):
        optional = bool(g.get("optional"))
        if not optional:
            out.gold += 1
        key = fold(g["content"])
        want = fold(g["speaker"])
        want = aliases.get(want, want)
        covering = [i for i, c in enumerate(contents) if key in c and i not in used]
        right = [
            i for i in covering
            if want in {aliases.get(n, n) for n in _speaker_names(preds[i], doc)}
        ]
        pool = right or covering
        if not pool:
            if not optional:
                out.missed.append(f"{g['speaker']} | {g['verb']} | {g['content']}")
            continue
        # prefer the same reporting word, then the tightest content
        pick = min(pool, key=lambda i: (_verb_key(preds[i].verb) != _verb_key(g["verb"]), len(contents[i])))
        used.add(pick)
        if optional:
            if right:
                out.optional_found += 1
            continue
        out.covered += 1
        if right:
            out.attributed += 1
        else:
            out.wrong_speakers.append(
                f"{g['content']} — gold «{g['speaker']}», got «{preds[pick].speaker}»"
            )
        if _verb_key(preds[pick].verb) == _verb_key(g["verb"]):
            out.verb_ok += 1
        if preds[pick].polarity == g.get("polarity", "assert"):
            out.polarity_ok += 1
    out.predicted = len(preds)
    for i, c in enumerate(contents):
        if any(gc in c for gc in gold_contents):
            out.precise += 1
        else:
            out.spurious.append(f"{preds[i].speaker} | {preds[i].verb} | {preds[i].content[:70]}")
    return out


def score(pairs: list[GoldPair]) -> dict[str, Any]:
    docs = [score_doc(p.gold, p.doc) for p in pairs]
    gold = sum(d.gold for d in docs)
    hits = sum(d.attributed for d in docs) + sum(d.optional_found for d in docs)
    covered = sum(d.covered for d in docs)
    predicted = sum(d.predicted for d in docs)
    return {
        "gold": gold,
        "predicted": predicted,
        "attributed_recall": min(1.0, hits / gold) if gold else 0.0,
        "content_recall": covered / gold if gold else 0.0,
        "precision": sum(d.precise for d in docs) / predicted if predicted else 0.0,
        "verb_accuracy": sum(d.verb_ok for d in docs) / covered if covered else 0.0,
        "polarity_accuracy": sum(d.polarity_ok for d in docs) / covered if covered else 0.0,
        "docs": docs,
    }


def report(result: dict[str, Any]) -> str:
    lines = [
        "claims",
        f"  gold claims {result['gold']}, predicted {result['predicted']}",
        f"  attributed recall  {result['attributed_recall']:.3f}   (content found and speaker right)",
        f"  content recall     {result['content_recall']:.3f}",
        f"  precision          {result['precision']:.3f}   (predictions covering gold content)",
        f"  verb accuracy      {result['verb_accuracy']:.3f}",
        f"  polarity accuracy  {result['polarity_accuracy']:.3f}",
    ]
    for d in result["docs"]:
        for w in d.wrong_speakers:
            lines.append(f"  wrong speaker  {d.doc}: {w}")
        for m in d.missed:
            lines.append(f"  missed         {d.doc}: {m}")
        for s in d.spurious:
            lines.append(f"  not in gold    {d.doc}: {s}")
    return "\n".join(lines)


def summary(result: dict[str, Any]) -> dict[str, float]:
    return {"claims attributed": result["attributed_recall"],
            "claims content found": result["content_recall"],
            "claims precision": result["precision"],
            "claims verb acc": result["verb_accuracy"],
            "claims polarity acc": result["polarity_accuracy"]}
