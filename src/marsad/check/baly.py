"""Reader for the claim files of Baly et al. (NAACL 2018): one JSON object per claim with
``id``, ``claim``, ``fact`` and aligned lists ``article``, ``url``, ``stance``.

Key names are matched case-insensitively; a missing ``stance`` or ``fact`` (held-out
data) is allowed.  The article text is the raw scraped page, as in training.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from marsad.errors import InputError


@dataclass
class BalyArticle:
    index: int
    text: str
    url: str = ""
    stance: str | None = None

    @property
    def outlet(self) -> str:
        host = urlsplit(self.url).hostname or ""
        host = host.removeprefix("www.").removeprefix("m.")
        return host or f"article-{self.index}"


@dataclass
class BalyClaim:
    id: str
    claim: str
    fact: str | None = None
    articles: list[BalyArticle] = field(default_factory=list)


def _as_list(value: object) -> list[object]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def read_claim_file(path: str | Path) -> BalyClaim:
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(path, f"not a readable claim file ({exc.__class__.__name__})") from None
    if not isinstance(raw, dict):
        raise InputError(path, "expected a JSON object")
    data = {str(k).lower(): v for k, v in raw.items()}
    if not isinstance(data.get("claim"), str):
        raise InputError(path, "no 'claim' text")
    texts = _as_list(data.get("article"))
    urls = _as_list(data.get("url"))
    stances = _as_list(data.get("stance"))
    articles = [
        BalyArticle(
            index=i,
            text=str(t or ""),
            url=str(urls[i]) if i < len(urls) and urls[i] else "",
            stance=str(stances[i]).lower() if i < len(stances) and stances[i] else None,
        )
        for i, t in enumerate(texts)
    ]
    fact = data.get("fact")
    return BalyClaim(
        id=str(data.get("id") or Path(path).stem),
        claim=data["claim"],
        fact=str(fact).lower() if fact is not None else None,
        articles=articles,
    )


def claim_files(directory: str | Path) -> list[Path]:
    d = Path(directory)
    if not d.is_dir():
        raise InputError(d, "not a directory")
    files = sorted(d.glob("*.json"))
    if not files:
        raise InputError(d, "no claim files (*.json)")
    return files


def read_dir(directory: str | Path) -> Iterator[BalyClaim]:
    for path in claim_files(directory):
        yield read_claim_file(path)


def read_folds(path: str | Path) -> dict[str, int]:
    """``folds_1-4.txt``: lines ``Fold_N: ID ID ...`` to {claim id: N}."""
    folds: dict[str, int] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        head, _, ids = line.partition(":")
        if not head.lower().startswith("fold_"):
            continue
        n = int(head.split("_")[1])
        for cid in ids.split():
            folds[cid] = n
    return folds
