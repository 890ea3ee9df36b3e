"""Pipeline components: small named callables ``Document -> Document``.

Built-in components are registered by name and imported only when first used, so a
command that needs sentences does not load the NER model.  Third parties register more
with ``@component("name")``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable

from marsad.document import Document
from marsad.errors import UsageError

Component = Callable[[Document], Document]

#: name -> module that registers it on import
_BUILTIN: dict[str, str] = {
    "sentences": "marsad.text.sentences_component",
    "dates": "marsad.extract.quantities.dates",
    "figures": "marsad.extract.quantities.figures",
    "entities": "marsad.extract.entities.recognize",
    "claims": "marsad.extract.claims.attribute",
    "events": "marsad.extract.events.component",
}

#: the order `marsad extract` and `marsad ingest` run
DEFAULT_PIPELINE: tuple[str, ...] = ("sentences", "dates", "figures", "entities", "claims", "events")

_REGISTRY: dict[str, Component] = {}


def component(name: str) -> Callable[[Component], Component]:
    """Register ``func`` as the pipeline component called ``name``."""

    def register(func: Component) -> Component:
        _REGISTRY[name] = func
        return func

    return register


def get_component(name: str) -> Component:
    if name not in _REGISTRY and name in _BUILTIN:
        importlib.import_module(_BUILTIN[name])
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(set(_REGISTRY) | set(_BUILTIN)))
        raise UsageError(f"unknown pipeline component {name!r} (known: {known})") from None


def run(doc: Document, names: Iterable[str] = DEFAULT_PIPELINE) -> Document:
    for name in names:
        doc = get_component(name)(doc)
    return doc
