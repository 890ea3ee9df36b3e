"""Per-article events: what happened, where, when, by whom, and how many.

The pipeline component lives in :mod:`.component` (registered as ``events``); it reads
the spans the earlier components found (sentences, dates, figures, entities, claims)
and does not find them again.  Modules, each one step:

- :mod:`.lexicon` — trigger words of the twenty types and the context words;
- :mod:`.tokens` — a sentence's words and clauses;
- :mod:`.detect` — triggers and their types;
- :mod:`.modality` — denied, planned, threatened or hypothetical acts (not events);
- :mod:`.arguments` — actor, target, place, date and figures of a mention;
- :mod:`.merge` — mentions of one happening made one event.
"""

from __future__ import annotations

__all__ = ["add_events", "find_events"]


def __getattr__(name: str) -> object:
    if name in __all__:
        from marsad.extract.events import component

        return getattr(component, name)
    raise AttributeError(name)
