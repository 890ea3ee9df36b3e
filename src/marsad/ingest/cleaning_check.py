"""How well web-page cleaning keeps the story: measured on Baly et al. claim files.

Each Baly article is a raw scraped page whose ``rationale`` lists the line positions
(0-based, lines split on ``\\n``) that justify the agree/disagree stance: story lines by
construction.  A rationale line *survives* cleaning when at least half of its words
(as a multiset) are still in the cleaned text — lines that carried a menu prefix count
as kept when their story part is; a line that became ``doc.title`` is kept.  ``dropped`` is the share of raw characters removed.
"""

from __future__ import annotations

import ast
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from marsad.ingest.records import baly_documents, is_baly

SURVIVAL_SHARE = 0.5


def _rationale(value: Any) -> list[int]:
    if isinstance(value, list):
        return [int(v) for v in value]
    if isinstance(value, str) and value.strip():
        try:
            parsed = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            return []
        return [int(v) for v in parsed] if isinstance(parsed, (list, tuple)) else [int(parsed)]
    return []


def rationale_survival(paths: Iterable[Path]) -> dict[str, float]:
    """``{files, articles, rationale_lines, survived, survival, raw_chars, kept_chars, dropped}``."""
    files = articles = lines_total = survived = raw_chars = kept_chars = 0
    for path in paths:
        obj = json.loads(Path(path).read_text(encoding="utf-8"))
        if not is_baly(obj):
            continue
        files += 1
        docs = {d.meta["index"]: d for d in baly_documents(obj, source=str(path), published=None)
                if not isinstance(d, Exception)}
        for i, page in enumerate(obj["article"]):
            if not isinstance(page, str):
                continue
            articles += 1
            doc = docs.get(i)
            # a headline read into ``doc.title`` is kept too, just not in the body
            kept = f"{doc.title or ''}\n{doc.text}" if doc is not None else ""
            raw_chars += len(page)
            kept_chars += len(kept)
            rationale = obj.get("rationale") or []
            wanted = _rationale(rationale[i] if i < len(rationale) else None)
            if not wanted:
                continue
            have = Counter(kept.split())
            raw_lines = page.split("\n")
            for j in wanted:
                if j >= len(raw_lines):
                    continue
                words = Counter(raw_lines[j].split())
                if not words:
                    continue
                lines_total += 1
                got = sum(min(n, have[w]) for w, n in words.items())
                if got >= SURVIVAL_SHARE * sum(words.values()):
                    survived += 1
    return {
        "files": files,
        "articles": articles,
        "rationale_lines": lines_total,
        "survived": survived,
        "survival": survived / lines_total if lines_total else 0.0,
        "raw_chars": raw_chars,
        "kept_chars": kept_chars,
        "dropped": 1 - kept_chars / raw_chars if raw_chars else 0.0,
    }
