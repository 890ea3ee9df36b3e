"""The article database: one SQLite file with articles, spans, full text and signatures.

``open_store(path)`` gives a ``Store``; ``Store.add(doc)`` is the only way in;
everything else is a query the CLI and the web UI share.
"""

from marsad.store.backend import Backend, Filters
from marsad.store.store import AddResult, SearchHit, Store, make_filters, open_store

__all__ = ["AddResult", "Backend", "Filters", "SearchHit", "Store", "make_filters", "open_store"]
