"""Claim check: retrieve what the store holds about a claim, decide each article's stance
toward it (agree / disagree / discuss / unrelated) and add the stances up to a verdict
(supported / refuted / disputed / not_enough_evidence), one vote per independent origin.

Entry points: :func:`marsad.check.checker.check_claim` (used by ``marsad check``, the web UI
and the API) and :class:`marsad.check.stance.StanceModel` (used by ``marsad stance``).
"""
