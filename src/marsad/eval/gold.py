"""Load the gold annotations and run the system on the same articles.

Two gold sets live in ``../shared/gold``:

- ``seeds``: five articles in ``../shared/seeds``; the gold ``published`` is fed to the
  system as input (the README's rule), so relative dates are scored on their own.
- ``dev``: twelve real saved web pages from the Baly corpus.  Each is read the way a
  user's Baly claim file is read (page text and its URL), and **nothing from the gold is
  fed**: outlet, publication date and story boundaries must be recovered by marsad.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from marsad.document import Document

GOLD_SETS = ("seeds", "dev")


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


def load_gold(path: Path | str | None = None) -> list[dict[str, Any]]:
    """The gold docs of a set name (``seeds``, ``dev``) or of a gold JSON file."""
    if path is None or str(path) in GOLD_SETS:
        path = shared_dir() / "gold" / f"{path or 'seeds'}.json"
    with open(path, encoding="utf-8") as fh:
        return list(json.load(fh)["docs"])


_DEV_NAME = re.compile(r"^(?P<claim>[A-Z]+-\d+)_(?P<index>\d+)\.txt$")


def _read_dev_page(name: str) -> Document:
    """A dev page as `marsad ingest` reads it from its Baly claim file (text + URL)."""
    from marsad.errors import InputError
    from marsad.ingest import read_paths
    from marsad.ingest.records import baly_documents

    m = _DEV_NAME.match(name)
    claim_file = shared_dir() / "data" / "baly" / "dataset" / f"{m['claim']}.json" if m else None
    if m and claim_file and claim_file.exists():
        obj = json.loads(claim_file.read_text(encoding="utf-8"))
        index = int(m["index"])
        # only the page we need: a claim file holds up to 30
        one = dict(obj, article=[obj["article"][index]], url=[obj["url"][index]],
                   stance=[obj["stance"][index]] if obj.get("stance") else [])
        for item in baly_documents(one, source=str(claim_file), published=None):
            if isinstance(item, InputError):
                raise item
            item.id = f"{m['claim']}:{index}"
            item.meta["index"] = index
            return item
    items = list(read_paths([str(shared_dir() / "gold" / "dev" / name)]))
    if isinstance(items[0], InputError):
        raise items[0]
    return items[0]


def read_gold_document(gold: dict[str, Any], name: str = "seeds") -> Document:
    """The system's input Document for one gold doc of set ``name`` (not yet extracted)."""
    from marsad.errors import InputError
    from marsad.ingest import read_paths

    if name == "dev":
        return _read_dev_page(gold["doc"])
    path = shared_dir() / "seeds" / gold["doc"]
    items = list(read_paths([str(path)], published=gold.get("published")))
    doc = items[0]
    if isinstance(doc, InputError):
        raise doc
    doc.published = gold.get("published")
    return doc


def run_on_gold(pipeline: tuple[str, ...] | None = None, name: str = "seeds") -> list[GoldPair]:
    """Read each gold article of set ``name`` and extract it with ``pipeline``."""
    from marsad.extract import extract
    from marsad.pipeline import DEFAULT_PIPELINE

    pairs = []
    for gold in load_gold(name):
        doc = read_gold_document(gold, name)
        pairs.append(GoldPair(gold, extract(doc, pipeline or DEFAULT_PIPELINE)))
    return pairs
