"""Helpers of the hostile-input suite (issue 17): every input is built at test time, and
the CLI runs in a subprocess whose address space is capped (``RLIMIT_AS``), so a
regression that reads a whole bomb into memory fails with MemoryError instead of
eating the machine.  The article sentences are our own."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

MIB = 1024 * 1024
#: address-space cap of one marsad run: the interpreter, scipy and sqlite need ~0.5 GB
#: of address space; a bomb read whole needs several GB
CAP = 1024 * MIB

# run the CLI with RLIMIT_AS set; as root with ``nobody`` the process gives up the
# capabilities that let root ignore file permissions (so chmod binds, as for any user)
_RUNNER = r"""
import os, resource, sys
cap, user = int(sys.argv[1]), sys.argv[2]
import marsad.cli.main as cli
import marsad.store.sqlite, marsad.store.fulltext, marsad.ingest  # noqa: F401
cli.build_parser()
resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
if user == "nobody" and os.geteuid() == 0:
    # root ignores file permissions through two capabilities: drop them (effective and
    # permitted, for good), so permissions bind as for the files' owner, a normal user
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    header = (ctypes.c_uint32 * 2)(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3, self
    data = (ctypes.c_uint32 * 6)()  # 2 x (effective, permitted, inheritable)
    assert libc.capget(header, data) == 0
    drop = ~((1 << 1) | (1 << 2))  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
    data[0] &= drop
    data[1] &= drop
    assert libc.capset(header, data) == 0, ctypes.get_errno()
if sys.argv[3] == "--many":  # several commands, one process: each result after a mark
    import json
    for argv in json.loads(sys.stdin.read()):
        rc = cli.main(argv)
        sys.stdout.flush()
        sys.stderr.flush()
        for stream in (sys.stdout, sys.stderr):
            print(f"\n@@END rc={rc}", file=stream, flush=True)
    rc = 0
else:
    rc = cli.main(sys.argv[3:])
sys.stdout.flush()
print("PEAK_RSS_KB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
sys.exit(rc)
"""

SENTENCES = (
    "قال مسؤول في البلدية إن القذائف سقطت على حي سكني صباح اليوم {i}.",
    "وذكرت مصادر طبية أن {i} أشخاص أصيبوا بجروح ونقلوا إلى المستشفى.",
    "وأوضح الدفاع المدني أن فرقه ما زالت تبحث عن مفقودين تحت الأنقاض.",
    "ونفت الحكومة في بيان صدر مساء أمس أي علاقة لها بالحادث.",
)


def article(i: int, lines: int = 4) -> str:
    """A short article of our own sentences, different for each ``i``."""
    return "\n".join(SENTENCES[k % 4].format(i=i + k) for k in range(lines)) + "\n"


@dataclass
class Run:
    rc: int
    stdout: str
    stderr: str
    peak_mb: float

    @property
    def errors(self) -> list[str]:
        """The stderr lines marsad wrote (without the runner's own PEAK line)."""
        return [line for line in self.stderr.splitlines() if not line.startswith("PEAK_RSS_KB")]


def run_marsad(*args: str, cwd: Path, cap: int = CAP, user: str = "-",
               env: dict[str, str] | None = None, timeout: float = 120,
               stdin: str | None = None) -> Run:
    full_env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
                "MKL_NUM_THREADS": "1", **(env or {})}
    full_env.pop("MARSAD_DB", None)
    src = Path(__file__).resolve().parents[2] / "src"
    full_env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(src), full_env.get("PYTHONPATH", "")) if p)
    proc = subprocess.run(
        [sys.executable, "-c", _RUNNER, str(cap), user, *args],
        cwd=cwd, env=full_env, capture_output=True, text=True, timeout=timeout,
        input=stdin if stdin is not None else "",
    )
    peak = 0.0
    for line in proc.stderr.splitlines():
        if line.startswith("PEAK_RSS_KB"):
            peak = int(line.split()[1]) / 1024
    return Run(proc.returncode, proc.stdout, proc.stderr, peak)


def run_many(commands: list[list[str]], *, cwd: Path, user: str = "-") -> list[Run]:
    """``run_marsad`` of several commands in one process (one start-up): a Run each."""
    import json as _json

    whole = run_marsad("--many", cwd=cwd, user=user, stdin=_json.dumps(commands))
    assert whole.rc == 0, whole.stderr[-3000:]
    outs = whole.stdout.split("\n@@END rc=")
    errs = whole.stderr.split("\n@@END rc=")
    runs = []
    for i in range(len(commands)):
        rc_text, _, rest = outs[i + 1].partition("\n")
        outs[i + 1] = rest
        _, _, err_rest = errs[i + 1].partition("\n")
        errs[i + 1] = err_rest
        runs.append(Run(int(rc_text), outs[i], errs[i], whole.peak_mb))
    return runs


def stored(db: Path) -> list[dict]:
    """The articles in ``db`` (read with sqlite3 directly, read-only)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(
            "SELECT id, doc_id, source, title, url, published, text FROM articles ORDER BY id")]
    finally:
        conn.close()


def integrity(db: Path) -> str:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def assert_one_line_error(run: Run, *needles: str) -> str:
    """Exactly one stderr line holds every needle; no traceback anywhere."""
    assert "Traceback" not in run.stderr, run.stderr[-2000:]
    hits = [line for line in run.errors if all(n in line for n in needles)]
    assert len(hits) == 1, (needles, run.errors)
    assert hits[0].startswith("marsad: "), hits[0]
    return hits[0]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A temp folder anyone can write (the ``nobody`` runs write their database here)."""
    tmp_path.chmod(0o777)
    return tmp_path


@pytest.fixture
def public_dir():  # type: ignore[no-untyped-def]
    """A temp folder outside pytest's private (0700) tree, so a ``nobody`` run reaches it."""
    import shutil
    import tempfile

    path = Path(tempfile.mkdtemp(prefix="marsad_hostile_"))
    path.chmod(0o755)
    yield path
    for p in [path, *path.rglob("*")]:
        if p.is_dir():
            p.chmod(0o755)
    shutil.rmtree(path, ignore_errors=True)
