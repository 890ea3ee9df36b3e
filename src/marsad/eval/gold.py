"""Load the gold annotation and run the system on the same articles."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from marsad.document import Document


def shared_dir() -> Path:
    """``../shared`` beside the repository (override with MARSAD_SHARED)."""
    env = os.environ.get("MARSAD_SHARED")
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    for parent in here.parents:
        cand = parent.parent / "shared"
        if (parent / "pyproject.toml").exists() and cand.is_dir():
            return cand
    return Path.cwd().parent / "shared"


@dataclass
class GoldPair:
    gold: dict[str, Any]
    doc: Document  # the system's extraction of the same article


def load_gold(path: Path | None = None) -> list[dict[str, Any]]:
    path = path or shared_dir() / "gold" / "seeds.json"
    with open(path, encoding="utf-8") as fh:
        return list(json.load(fh)["docs"])


def run_on_gold(pipeline: tuple[str, ...] | None = None) -> list[GoldPair]:
    """Ingest each gold article from ../shared/seeds with its gold ``published`` and extract."""
    from marsad.errors import InputError
    from marsad.extract import extract
    from marsad.ingest import read_paths
    from marsad.pipeline import DEFAULT_PIPELINE

    pairs = []
    for gold in load_gold():
        path = shared_dir() / "seeds" / gold["doc"]
        items = list(read_paths([str(path)], published=gold.get("published")))
        doc = items[0]
        if isinstance(doc, InputError):
            raise doc
        doc.published = gold.get("published")
        pairs.append(GoldPair(gold, extract(doc, pipeline or DEFAULT_PIPELINE)))
    return pairs
