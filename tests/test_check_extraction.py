"""Extraction features of the claim check on a real Baly claim and its articles (read
from ../shared at run time): the claim's toll found in the articles that report it, and
only another figure in the article that tells another story."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad import pipeline
from marsad.check.baly import BalyClaim, read_claim_file
from marsad.check.extraction_features import (
    CLAIM_PIPELINE,
    EXTRACTION_FEATURES,
    extraction_features,
)
from marsad.document import Document


@pytest.fixture(scope="module")
def quake(shared: Path) -> BalyClaim:
    # a claim with a death toll whose articles are mostly labelled agree
    return read_claim_file(shared / "data/baly/dataset/R-320.json")


def _features(claim: str, text: str) -> dict[str, float]:
    cdoc = pipeline.run(Document("claim", claim), CLAIM_PIPELINE)
    doc = pipeline.run(Document("article", text), CLAIM_PIPELINE)
    values = extraction_features(claim, cdoc, doc)
    assert len(values) == len(EXTRACTION_FEATURES)
    return dict(zip(EXTRACTION_FEATURES, values, strict=True))


def test_claim_parts(quake: BalyClaim) -> None:
    cdoc = pipeline.run(Document("claim", quake.claim), CLAIM_PIPELINE)
    assert {f.value for f in cdoc.figures} >= {328}
    assert [e.type for e in cdoc.events] == ["casualties"]


def test_agreeing_articles_give_the_claims_toll(quake: BalyClaim) -> None:
    agree = [a for a in quake.articles if a.stance == "agree"]
    assert len(agree) >= 5
    for art in agree[:5]:
        f = _features(quake.claim, art.text)
        assert f["x_figure_same"] == 1.0, art.outlet
        assert f["x_figure_other_only"] == 0.0
        assert f["x_same_type_events"] > 0
        assert f["x_claim_event_types"] == 1.0


def test_unrelated_article_has_only_other_figures(quake: BalyClaim) -> None:
    other = [a for a in quake.articles if a.stance == "unrelated" and "328" not in a.text]
    assert other
    f = _features(quake.claim, other[0].text)
    assert f["x_figure_same"] == 0.0
    assert f["x_figure_other_only"] > 0.0
    assert f["x_about_claims"] == 0.0


def test_claim_without_parts_gets_missing_values() -> None:
    claim = "اجتماع في جنيف"  # no figure, date, event or speaker
    f = _features(claim, claim + " " + claim)
    assert f["x_claim_figures"] == 0.0 and f["x_figure_same"] == -1.0
    assert f["x_claim_dates"] == 0.0 and f["x_date_same"] == -1.0
