"""Shared fixtures: real text is read from ../shared at run time, never copied here."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.eval.gold import load_gold, shared_dir

SHARED = shared_dir()


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"../shared not found at {SHARED}: tests read real text from there")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared: Path) -> Path:
    return shared / "seeds"


@pytest.fixture(scope="session")
def gold_docs(shared: Path) -> list[dict]:
    return load_gold(shared / "gold" / "seeds.json")
