"""The floor of every field on the dev pages (../shared/gold/dev.json: twelve real saved
web pages the rules were not built from), as `make eval` prints it.

These numbers predict what users see on pages nobody here has read; a floor sits a
little under the measured value (README «Measured») and is never lowered silently.
Nothing from the gold is fed to the system: outlet, publication date and the story's
boundaries are recovered from the page and its URL.
"""

from __future__ import annotations

from typing import Any

import pytest

from marsad.eval.__main__ import evaluate, summaries

#: field -> floor on the dev pages (measured 2026-12-03 in the closing note)
DEV_FLOORS = {
    "claims attributed": 0.78,
    "claims content found": 0.85,
    "claims precision": 0.95,
    "dates F1": 0.88,
    "dates P": 0.95,
    "entities F1": 0.92,
    "entities PER F1": 0.92,
    "entities ORG F1": 0.85,
    "entities LOC F1": 0.95,
    "roles exact": 0.90,
    "events F1": 0.90,
    "events claimed_by acc": 0.88,
    "events place acc": 0.75,
    "events actor acc": 0.60,
    "events figures acc": 0.88,
    "figures strict F1": 0.97,
    "metadata title": 0.75,
    "metadata outlet": 0.90,
    "metadata dateline": 0.90,
    "metadata published": 0.83,
}

#: fields whose seed floors live in their own test modules, plus events' here
SEED_FLOORS = {
    "events F1": 0.80,
    "events place acc": 0.78,
    "events R": 0.90,
}


@pytest.fixture(scope="module")
def numbers() -> dict[str, dict[str, Any]]:
    return summaries(evaluate(("seeds", "dev")))


@pytest.mark.parametrize("field", sorted(DEV_FLOORS))
def test_dev_floor(numbers: dict[str, dict[str, Any]], field: str) -> None:
    got = numbers["dev"][field]
    assert got is not None and got >= DEV_FLOORS[field], (
        f"{field} on the dev pages fell to {got} (floor {DEV_FLOORS[field]}); "
        "run `make eval` for the list of errors"
    )


@pytest.mark.parametrize("field", sorted(SEED_FLOORS))
def test_seed_floor(numbers: dict[str, dict[str, Any]], field: str) -> None:
    assert numbers["seeds"][field] >= SEED_FLOORS[field]
