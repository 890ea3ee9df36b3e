"""Evaluation against the hand-annotated gold set (../shared/gold/seeds.json).

``python -m marsad.eval`` (``make eval``) runs every scorer module ``marsad.eval.score_*``;
each has ``score(pairs) -> dict`` and ``report(result) -> str``.
"""
