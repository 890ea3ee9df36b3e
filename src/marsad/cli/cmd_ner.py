"""``marsad ner``: run the NER model on a CoNLL token file, or list an article's entities.

``marsad ner --conll FILE`` reads one token per line (``token`` or ``token TAG``, a
blank line between sentences) and writes, in the same order, ``token predicted`` or
``token gold predicted`` (blank lines kept), tags in ANERcorp's scheme (B-PERS, I-LOC,
B-ORG, B-MISC, O), ready for conlleval-style scoring.  ``--score`` also prints
entity-level P/R/F1 on stderr when the file has gold tags.  Tokens are taken as
given (no re-tokenization); a name tagged confidently elsewhere in the file is tagged
at all its occurrences unless ``--no-propagate``.

``marsad ner FILE...`` prints the people, organisations and places of articles, one
tab-separated line per mention: type, text, canonical, entity_id, title, role, lat, lon.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from marsad.cli.options import add_ner, add_published, apply_ner, report_error
from marsad.errors import InputError, UsageError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "ner",
        help="tag a CoNLL token file, or list the entities of articles",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="*", metavar="FILE", help="articles (without --conll)")
    p.add_argument("--conll", metavar="FILE", help="token-per-line file to tag ('-' = stdin)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    p.add_argument("--score", action="store_true", help="print entity-level scores on stderr")
    p.add_argument(
        "--no-propagate", action="store_true",
        help="tag each sentence alone (default: a name tagged confidently elsewhere in the "
        "file is tagged at every occurrence, see marsad.extract.entities.ner_propagate)",
    )
    add_ner(p)
    add_published(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    apply_ner(args)
    if args.conll and args.paths:
        raise UsageError("give either --conll FILE or article files, not both")
    if not args.conll and not args.paths:
        raise UsageError("nothing to do: give --conll FILE or article files")
    out: TextIO = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    try:
        if args.conll:
            return _run_conll(args, out)
        return _run_articles(args, out)
    finally:
        if args.output:
            out.close()


def _run_conll(args: argparse.Namespace, out: TextIO) -> int:
    from marsad.extract.entities.ner_conll import format_scores, parse_conll, read_conll, score_tags
    from marsad.extract.entities.ner_model import profile, tag, tag_sentences
    from marsad.extract.entities.ner_propagate import propagate

    if args.conll == "-":
        sentences = list(parse_conll(sys.stdin))
    else:
        path = Path(args.conll)
        if not path.is_file():
            raise InputError(args.conll, "no such file")
        try:
            sentences = read_conll(path)
        except UnicodeDecodeError:
            raise InputError(args.conll, "not UTF-8 text") from None
    golds: list[list[str]] = []
    preds: list[list[str]] = []
    if profile() == "accurate":  # the context states run in batches of sentences
        predicted = [tags for i in range(0, len(sentences), 256)
                     for tags, _ in tag_sentences([s.tokens for s in sentences[i:i + 256]])]
    else:
        predicted = [tag(sent.tokens) for sent in sentences]
    if not args.no_propagate:
        predicted = propagate([s.tokens for s in sentences], predicted)
    for sent, pred in zip(sentences, predicted, strict=True):
        for i, token in enumerate(sent.tokens):
            if sent.tags is not None:
                out.write(f"{token} {sent.tags[i]} {pred[i]}\n")
            else:
                out.write(f"{token} {pred[i]}\n")
        out.write("\n")
        if sent.tags is not None:
            golds.append(sent.tags)
            preds.append(pred)
    if args.score:
        if golds:
            print(format_scores(score_tags(golds, preds)), file=sys.stderr)
        else:
            print("marsad: no gold tags in the file, nothing to score", file=sys.stderr)
    return 0


def _run_articles(args: argparse.Namespace, out: TextIO) -> int:
    from marsad.extract import extract
    from marsad.ingest import read_paths

    failed = 0
    for item in read_paths(args.paths, published=args.published):
        if isinstance(item, InputError):
            failed += 1
            report_error(item)
            continue
        doc = extract(item, ("sentences", "entities"))
        for e in doc.entities:
            fields = [e.type, e.text, e.canonical, e.entity_id, e.title, e.role, e.lat, e.lon]
            out.write("\t".join("" if f is None else str(f) for f in fields) + "\n")
    return 1 if failed else 0
