"""Loading the CRF in a process with other threads (a Dask worker, a local cluster's
scheduler) must not close file descriptors it does not own.

pycrfsuite's ``Tagger.dump(filename)`` closes the file's descriptor a second time after
crfsuite closed it: harmless alone, but another thread may have been given that number
in between (seen as "fd added twice" and "Bad file descriptor" in Dask workers)."""

from __future__ import annotations

import os

import pycrfsuite

from marsad.extract.entities import ner_fast
from marsad.extract.entities.ner_model import MODEL_PATH


def test_reading_the_model_never_closes_a_descriptor_twice(monkeypatch) -> None:
    stale: list[int] = []
    real_close = os.close

    def close(fd: int) -> None:
        try:
            os.fstat(fd)
        except OSError:
            stale.append(fd)  # already closed: in a threaded process, someone else's
        real_close(fd)

    monkeypatch.setattr(os, "close", close)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL_PATH))
    sections = ner_fast._dump_sections(tagger)
    assert stale == []
    assert {"B-PERS", "I-PERS", "B-LOC", "B-ORG", "O"} <= set(sections["LABELS"])
    assert len(sections["ATTRIBUTES"]) > 10_000
