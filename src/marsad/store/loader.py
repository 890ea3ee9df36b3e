"""Loading articles into a Store: the loop behind ``marsad ingest`` (and the web UI).

For each item read (a Document, or an InputError for what could not be read):

1. an article whose normalized content is already stored is counted ``present`` and not
   extracted again (this is what makes an interrupted run resumable: run it again);
2. otherwise the pipeline runs and ``Store.add`` writes it in one transaction
   (``added`` or ``near_duplicate``; a savepoint of ``Store.batch``: the run commits
   a batch of articles at a time);
3. with ``reextract``, articles already present are extracted again and rewritten in
   place (``updated``) — after an upgrade of the extractors;
4. a failure — unreadable input, or an extraction/storage bug on one article — is
   recorded with the file and the reason and the run goes on.  Only a database error
   (StoreError: disk full, read-only or damaged database) stops the run; what was
   committed before stays, consistent.
5. what a reader dropped from an article it stored (an invalid date, an unsafe URL) is
   a warning naming the file (``on_warning``, ``IngestReport.warnings``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from marsad.document import SPAN_LISTS, Document
from marsad.errors import InputError, MarsadError
from marsad.extract import extract
from marsad.store.store import AddResult, Store


@dataclass
class IngestReport:
    """What a run did: counts per outcome, failures, and spans extracted from new articles."""

    added: int = 0
    present: int = 0
    near_duplicates: int = 0
    updated: int = 0
    failures: list[InputError] = field(default_factory=list)
    warnings: list[InputError] = field(default_factory=list)  # stored, with a loss noted
    extracted: Counter[str] = field(default_factory=Counter)
    stories_new: int = 0  # stories this run started
    stories_joined: int = 0  # articles that joined a story already there

    def to_dict(self) -> dict[str, object]:
        return {
            "added": self.added,
            "present": self.present,
            "near_duplicates": self.near_duplicates,
            "updated": self.updated,
            "failed": len(self.failures),
            "failures": [{"source": f.source, "reason": f.reason} for f in self.failures],
            "warnings": [{"source": w.source, "reason": w.reason} for w in self.warnings],
            "extracted": {name: self.extracted[name] for name in SPAN_LISTS},
            "stories": {"new": self.stories_new, "joined": self.stories_joined},
        }


    def take_warnings(self, doc: Document,
                      on_warning: Callable[[InputError], None] | None = None) -> None:
        """Move what the reader dropped or changed in ``doc`` (``meta["warnings"]``, from
        marsad.ingest.feeds.warn and the record readers) into the report."""
        for note in doc.meta.pop("warnings", None) or ():
            warning = InputError(doc.source or doc.id, f"warning: {note}")
            self.warnings.append(warning)
            if on_warning is not None:
                on_warning(warning)

    def count(self, result: AddResult, doc: Document) -> None:
        """Count what ``Store.add`` did with ``doc`` (the serial and distributed loaders)."""
        if result.status == "present":  # e.g. the same content twice in one run
            self.present += 1
            return
        if result.status == "updated":
            self.updated += 1
        elif result.status == "near_duplicate":
            self.near_duplicates += 1
        else:
            self.added += 1
        if result.story_status == "new":
            self.stories_new += 1
        elif result.story_status is not None:
            self.stories_joined += 1
        for name in SPAN_LISTS:
            self.extracted[name] += len(getattr(doc, name))


def load(
    store: Store,
    items: Iterable[Document | InputError],
    pipeline: Sequence[str],
    *,
    reextract: bool = False,
    on_failure: Callable[[InputError], None] | None = None,
    on_warning: Callable[[InputError], None] | None = None,
) -> IngestReport:
    """Extract and store every Document of ``items`` (see the module docstring); with
    ``reextract``, articles already present are extracted again and rewritten."""
    report = IngestReport()

    def fail(err: InputError) -> None:
        report.failures.append(err)
        if on_failure is not None:
            on_failure(err)

    with store.batch():
        for item in items:
            _load_one(store, item, pipeline, report, fail, reextract, on_warning)
    return report


def _load_one(
    store: Store,
    item: Document | InputError,
    pipeline: Sequence[str],
    report: IngestReport,
    fail: Callable[[InputError], None],
    reextract: bool,
    on_warning: Callable[[InputError], None] | None,
) -> None:
    if isinstance(item, InputError):
        fail(item)
        return
    report.take_warnings(item, on_warning)
    stage = "could not be stored"
    try:
        if not reextract and store.lookup(item) is not None:
            report.present += 1
            return
        stage = "extraction failed"
        if reextract:
            for name in SPAN_LISTS:  # a Document read back from the store has spans
                setattr(item, name, [])
        doc = extract(item, pipeline) if pipeline else item
        stage = "could not be stored"
        result = store.add(doc, pipeline=pipeline, replace=reextract)
    except MarsadError:
        raise  # the database itself failed: stop
    except Exception as exc:  # a bug on one article must not stop a long run
        fail(InputError(item.source or item.id, f"{stage}: {type(exc).__name__}: {exc}"))
        return
    report.count(result, doc)
