"""CoNLL-style token files and entity-level scoring (exact span and type, as conlleval).

A file holds one token per line, ``token`` or ``token TAG`` (space or tab separated),
and a blank line between sentences.  Tags are IOB2 in ANERcorp's scheme
(B-PERS/I-PERS, B-LOC, B-ORG, B-MISC, O); an I- tag that does not continue an entity
of its type starts one, as conlleval counts it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from marsad.eval.counts import Counts


@dataclass
class ConllSentence:
    tokens: list[str] = field(default_factory=list)
    tags: list[str] | None = None  # None when the file has no tag column


def read_conll(path: str | Path) -> list[ConllSentence]:
    """Sentences of a token-per-line file; a byte-order mark and CRLF are tolerated."""
    with open(path, encoding="utf-8-sig") as fh:
        return list(parse_conll(fh))


def parse_conll(lines: Iterable[str]) -> Iterator[ConllSentence]:
    sent = ConllSentence()
    for raw in lines:
        line = raw.rstrip("\r\n").replace("\u200e", "").replace("\u200f", "").replace("\ufeff", "").strip()
        if not line:
            if sent.tokens:
                yield sent
            sent = ConllSentence()
            continue
        parts = line.split()
        sent.tokens.append(parts[0])
        if len(parts) > 1:
            if sent.tags is None:
                sent.tags = ["O"] * (len(sent.tokens) - 1)
            sent.tags.append(parts[-1])
        elif sent.tags is not None:
            sent.tags.append("O")
    if sent.tokens:
        yield sent


def spans(tags: list[str]) -> set[tuple[int, int, str]]:
    """Entity spans ``(start, end, type)`` of an IOB tag sequence (end exclusive)."""
    out: set[tuple[int, int, str]] = set()
    start, kind = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, typ = tag.partition("-")
        continues = prefix == "I" and typ == kind and start >= 0
        if start >= 0 and not continues:
            out.add((start, i, kind))
            start, kind = -1, ""
        if prefix in ("B", "I") and not continues:
            start, kind = i, typ
    return out


Score = Counts


def score_tags(
    gold: Iterable[list[str]], pred: Iterable[list[str]], ignore: tuple[str, ...] = ()
) -> dict[str, Score]:
    """Entity-level scores per type and ``"ALL"``; types in ``ignore`` are left out."""
    scores: dict[str, Score] = {"ALL": Score()}
    for g_tags, p_tags in zip(gold, pred, strict=True):
        g = {s for s in spans(g_tags) if s[2] not in ignore}
        p = {s for s in spans(p_tags) if s[2] not in ignore}
        for s in g | p:
            for key in ("ALL", s[2]):
                sc = scores.setdefault(key, Score())
                if s in g and s in p:
                    sc.tp += 1
                elif s in p:
                    sc.fp += 1
                else:
                    sc.fn += 1
    return scores


def format_scores(scores: dict[str, Score]) -> str:
    lines = [f"{'type':6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}"]
    for key in sorted(scores, key=lambda k: (k == "ALL", k)):
        s = scores[key]
        lines.append(
            f"{key:6} {100 * s.precision:6.2f} {100 * s.recall:6.2f} {100 * s.f1:6.2f} "
            f"{s.tp + s.fn:6d}"
        )
    return "\n".join(lines)
