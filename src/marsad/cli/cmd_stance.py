"""``marsad stance``: stance of texts toward claims, in the evaluation formats.

- ``marsad stance --pairs FILE.csv``: columns s1 (article or headline) and s2 (the
  claim); writes the same CSV to stdout with a ``predicted`` column
  (agree / disagree / discuss / unrelated).
- ``marsad stance --baly DIR``: one JSON line per article of every claim file:
  {"id", "index", "stance"}.
- ``marsad stance "CLAIM" --text "TEXT"``: one stance with its evidence.
"""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("stance", help="stance (agree/disagree/discuss/unrelated) of texts toward claims")
    p.add_argument("claim", nargs="?", help="a claim, with --text")
    p.add_argument("--text", help="the article or headline to compare with CLAIM")
    p.add_argument("--pairs", metavar="FILE.csv", help="CSV with columns s1 (text), s2 (claim)")
    p.add_argument("--baly", metavar="DIR", help="a directory of Baly et al. claim files (JSON)")
    p.add_argument("--model", metavar="PATH", help="a stance model other than the shipped one")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from marsad.cli.stance_run import run as run_stance

    return run_stance(args)
