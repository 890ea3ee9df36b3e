"""Linking articles to each other: exact and near-duplicate detection."""

from marsad.link.duplicates import (
    NEAR_DUP_THRESHOLD,
    Signature,
    content_hash,
    estimate_similarity,
    shingles,
    signature,
)

__all__ = [
    "NEAR_DUP_THRESHOLD",
    "Signature",
    "content_hash",
    "estimate_similarity",
    "shingles",
    "signature",
]
