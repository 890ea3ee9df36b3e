"""Build ``resources/story_idf.tsv.gz``: document frequencies of story-term stems.

Reads every SaudiNewsNet article (title + lead) and every Baly page in
``../shared/data`` and counts, per stem (marsad.link.story_terms.stems), the documents
it occurs in.  Only stems in at least ``--min-df`` documents are written, with the total
number of documents on the first line.  Derived counts only: no text is stored.

    python scripts/build_story_idf.py        # about 1.5 min on 2 cores
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import zipfile
from collections import Counter
from pathlib import Path

from marsad.eval.gold import shared_dir
from marsad.link.story_terms import IDF_PATH, lead_text, stems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--min-df", type=int, default=3)
    ap.add_argument("--out", type=Path, default=IDF_PATH)
    args = ap.parse_args(argv)
    data = shared_dir() / "data"
    df: Counter[str] = Counter()
    total = 0
    for path in sorted((data / "saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                for rec in json.loads(zf.read(name)):
                    df.update(set(stems(lead_text(rec.get("title"), rec.get("content") or ""))))
                    total += 1
    for path in sorted((data / "baly" / "dataset").glob("*.json")):
        for page in json.loads(path.read_text(encoding="utf-8"))["article"]:
            if isinstance(page, str):
                df.update(set(stems(lead_text(None, page[:3000]))))
                total += 1
    kept = sorted((t, n) for t, n in df.items() if n >= args.min_df)
    with gzip.open(args.out, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write(f"__documents__\t{total}\n")
        for term, n in kept:
            fh.write(f"{term}\t{n}\n")
    print(f"{args.out}: {total} documents, {len(kept)} stems (of {len(df)})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
