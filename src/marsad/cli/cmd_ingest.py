"""``marsad ingest PATH... [--sample]``: read articles, extract, store them.

Each article is written all or nothing, committed with the others of its batch (at
most a second or 200 articles: ``marsad.store.sqlite.BATCH_SECONDS``), so an
interrupted run keeps what it finished (a killed one, all but its last batch) and running
the same command again completes it: articles already in the database (same normalized
content) are skipped before extraction.
"""

from __future__ import annotations

import argparse
import glob
import importlib.util
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from tqdm import tqdm

import marsad
from marsad.cli.dbcommon import open_db, print_json, shown_db
from marsad.cli.options import add_db, add_ner, add_published, apply_ner, one_line
from marsad.document import SPAN_LISTS, Document
from marsad.errors import InputError, UsageError
from marsad.ingest import read_paths
from marsad.pipeline import DEFAULT_PIPELINE, get_component
from marsad.store.loader import IngestReport, load


def sample_dir() -> Path:
    """The built-in sample corpus shipped inside the package."""
    return Path(marsad.__file__).resolve().parent / "samples"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "ingest",
        help="read articles into the database (extracting figures, dates, entities, claims)",
        description="Read files, folders or globs, run the extraction pipeline and store "
        "each article with everything found in it. Re-running is safe: articles already "
        "in the database are skipped; near-duplicates are stored and marked.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH")
    add_db(p)
    add_ner(p)
    add_published(p)
    p.add_argument("--sample", action="store_true", help="ingest the built-in sample corpus")
    p.add_argument("--no-extract", action="store_true",
                   help="store the text only (no extraction; search still works)")
    p.add_argument("--pipeline", metavar="A,B,...",
                   help=f"components to run (default: {','.join(DEFAULT_PIPELINE)})")
    p.add_argument("--reextract", action="store_true",
                   help="extract again articles already stored and replace what was found "
                   "(with no PATH: every article in the database)")
    p.add_argument("--cluster", metavar="tcp://HOST:8786",
                   help="extract on the workers of this Dask scheduler (writes stay here, "
                   "in input order); default: $MARSAD_CLUSTER")
    p.add_argument("--workers", type=int, metavar="N",
                   help="extract on a local cluster of N worker processes; 1: in this process "
                   f"(default: every core for inputs over {AUTO_WORKERS_MB} MB, else 1)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(func=run)


#: inputs at least this large (about 2,000 news articles) are extracted on every core
AUTO_WORKERS_MB = 20


def _input_bytes(paths: list[str], enough: int) -> int:
    """The size of the input files (folders walked, globs expanded), counted until
    ``enough``: only whether the input is large matters."""
    total = 0
    for raw in paths:
        for path in [Path(raw)] if Path(raw).exists() else map(Path, glob.glob(raw)):
            try:
                if path.is_file():
                    total += path.stat().st_size
                else:
                    for root, _dirs, files in os.walk(path):
                        for name in files:
                            total += os.path.getsize(os.path.join(root, name))
                            if total >= enough:
                                return total
            except OSError:
                continue  # the reader reports it, with the file's name
            if total >= enough:
                return total
    return total


def _workers(args: argparse.Namespace, paths: list[str], pipeline: tuple[str, ...]) -> int:
    """How many local worker processes extract: ``--workers``, else every core when the
    input is large and there is something to extract (a cluster costs a few seconds to
    start, worth it only then)."""
    if args.workers is not None:
        return args.workers if args.workers > 1 else 0
    cores = os.cpu_count() or 1
    if cores < 2 or not pipeline or not paths or importlib.util.find_spec("distributed") is None:
        return 0
    enough = AUTO_WORKERS_MB * 1024 * 1024
    return cores if _input_bytes(paths, enough) >= enough else 0


def _pipeline(args: argparse.Namespace) -> tuple[str, ...]:
    if args.no_extract:
        return ()
    if not args.pipeline:
        return DEFAULT_PIPELINE
    names = tuple(n.strip() for n in args.pipeline.split(",") if n.strip())
    for name in names:
        get_component(name)  # unknown name: UsageError now, not after reading files
    return names


def run(args: argparse.Namespace) -> int:
    apply_ner(args)
    paths = list(args.paths)
    if args.sample:
        # a folder walk skips the corpus README, like any notes beside articles
        folder = sample_dir()
        if not folder.is_dir() or not any(folder.iterdir()):
            raise UsageError(f"the sample corpus is not installed ({folder} is empty)")
        paths.append(str(folder))
    if not paths and not args.reextract:
        raise UsageError("nothing to ingest: give files or folders, or --sample")
    if args.reextract and args.no_extract:
        raise UsageError("--reextract and --no-extract contradict each other")
    pipeline = _pipeline(args)
    if args.workers is not None and args.workers < 1:
        raise UsageError(f"--workers must be at least 1, not {args.workers}")
    if args.workers and args.cluster:
        raise UsageError("--workers starts a local cluster: give it or --cluster, not both")
    with open_db(args, create=not (args.reextract and not paths)) as store:
        items: Iterable[Document | InputError]
        if paths:
            items = read_paths(paths, published=args.published)
        else:
            items = store.iter_documents()
        bar = tqdm(
            items,
            unit=" articles",
            file=sys.stderr,
            disable=args.quiet or not sys.stderr.isatty(),
            desc="ingest",
        )

        def report_failure(err: InputError) -> None:
            line = f"marsad: {one_line(str(err))}"
            if bar.disable:
                print(line, file=sys.stderr)
            else:
                bar.write(line, file=sys.stderr)

        try:
            cluster = args.cluster or os.environ.get("MARSAD_CLUSTER")
            workers = 0 if cluster else _workers(args, paths, pipeline)
            if workers and args.workers is None and not args.quiet:
                print(f"marsad: extracting on {workers} local worker processes "
                      "(--workers 1 for this process only)", file=sys.stderr)
            if cluster or workers:
                from marsad.store.distributed import cluster_client, load_distributed

                with cluster_client(cluster, workers or None) as client:
                    report = load_distributed(store, bar, pipeline, client,
                                              reextract=args.reextract,
                                              on_failure=report_failure,
                                              on_warning=report_failure)
            else:
                report = load(store, bar, pipeline, reextract=args.reextract,
                              on_failure=report_failure, on_warning=report_failure)
        finally:
            bar.close()
    if args.json:
        print_json({"database": shown_db(args.db), "pipeline": list(pipeline), **report.to_dict()})
    else:
        _summary(shown_db(args.db), report, pipeline)
    return 1 if report.failures else 0


def _summary(db: str, report: IngestReport, pipeline: tuple[str, ...]) -> None:
    out = sys.stdout
    out.write(f"database: {db}\n")
    out.write(f"  added            {report.added}\n")
    out.write(f"  already present  {report.present}\n")
    out.write(f"  near-duplicates  {report.near_duplicates} (stored, marked as copies)\n")
    if report.updated:
        out.write(f"  re-extracted     {report.updated}\n")
    out.write(f"  stories          {report.stories_new} new, "
              f"{report.stories_joined} article(s) joined one (`marsad stories`)\n")
    out.write(f"  failed           {len(report.failures)}\n")
    for err in report.failures:
        out.write(f"    {one_line(str(err))}\n")
    if report.warnings:
        out.write(f"  warnings         {len(report.warnings)} (stored, with what was dropped)\n")
    if pipeline:
        found = ", ".join(
            f"{report.extracted[name]} {name}" for name in SPAN_LISTS if name in pipeline
        )
        out.write(f"extracted: {found}\n")
    else:
        out.write("extracted: nothing (--no-extract)\n")
