"""Server-side HTML pieces: the article text with its marks, the map and the charts (SVG).

Everything taken from an article passes through ``markupsafe.escape``; the only markup
is what is written here, so a planted ``<script>`` stays text.
"""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from marsad.api import bound_label
from marsad.web.i18n import event_label, format_date, label
from marsad.web.outlines import governorates, outlines


def _attr(value: Any) -> str:
    return str(escape("" if value is None else str(value)))


def entity_href(entity_id: str, lang: str) -> str:
    return f"/entities/{quote(entity_id, safe=':')}" + ("?lang=en" if lang == "en" else "")


def _mark_open(m: dict[str, Any], lang: str) -> str:
    kind = m["kind"]
    tip: list[str] = []
    data: dict[str, Any] = {"kind": kind}
    if kind == "entity":
        cls = f"m m-ent m-{m['type']}"
        tip.append(f"{label(m['type'], lang)}: {m['label']}")
        if m.get("role"):
            tip.append(f"{label('role', lang)}: {m['role']}")
        data.update(entity=m["entity_id"], href=entity_href(m["entity_id"], lang))
    elif kind == "figure":
        cls = "m m-fig"
        tip.append(f"{label('value', lang)}: {m.get('value')}")
        if m.get("bound"):
            b = bound_label(m["bound"]) if lang == "ar" else m["bound"]
            tip.append(f"{label('bound', lang)}: {b}")
        if m.get("counted"):
            tip.append(f"{label('counted', lang)}: {m['counted']}")
    elif kind == "date":
        cls = "m m-date"
        value = m.get("value") or "?"
        if m.get("end_value"):
            value += f" – {m['end_value']}"
        tip.append(f"{label('date', lang)}: {value}")
    else:
        cls = "m m-claim" + (" m-deny" if m.get("polarity") == "deny" else "")
        tip.append(f"{label('speaker', lang)}: {m.get('speaker') or '?'}")
        tip.append(f"{label('polarity', lang)}: {label(m.get('polarity') or 'assert', lang)}")
        if m.get("verb"):
            tip.append(f"{label('verb', lang)}: {m['verb']}")
        if m.get("speaker_entity"):
            data.update(entity=m["speaker_entity"], href=entity_href(m["speaker_entity"], lang))
    attrs = "".join(f' data-{k}="{_attr(v)}"' for k, v in data.items())
    return (f'<span class="{cls}" tabindex="0" title="{_attr(" · ".join(tip))}"'
            f'{attrs}>')


def marked_text(text: str, marks: list[dict[str, Any]], lang: str = "ar") -> Markup:
    """The article text, escaped, with each mark a ``<span class="m …">`` whose title
    (hover) and data attributes (click) tell what it stands for.  Marks nest (a claim
    holds names and figures); one that crosses another's end is cut there."""
    out: list[str] = []
    stack: list[int] = []  # end offsets of open marks
    pos = 0
    for m in marks:
        start, end = max(m["start"], pos), m["end"]
        if end <= start or start < pos:
            continue
        while stack and stack[-1] <= start:  # close what ends before this one starts
            close_at = stack.pop()
            out.append(str(escape(text[pos:close_at])) + "</span>")
            pos = close_at
        if stack and end > stack[-1]:
            end = stack[-1]  # crossing: cut it at the enclosing mark's end
            if end <= start:
                continue
        out.append(str(escape(text[pos:start])))
        out.append(_mark_open(m, lang))
        pos = start
        stack.append(end)
    while stack:
        close_at = stack.pop()
        out.append(str(escape(text[pos:close_at])) + "</span>")
        pos = close_at
    out.append(str(escape(text[pos:])))
    # paragraphs: blank lines in the stored text
    html = "".join(out).replace("\n\n", "</p><p>").replace("\n", "<br>")
    return Markup(f"<p>{html}</p>")


def highlighted(text: str, highlights: list[list[int]]) -> Markup:
    """A snippet with its matched words in ``<mark>``."""
    out, pos = [], 0
    for s, e in sorted(highlights):
        if s < pos:
            continue
        out.append(str(escape(text[pos:s])))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        pos = e
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


# -- map -----------------------------------------------------------------------------------
MAP_W, MAP_H = 900, 640
_COLORS = {
    "airstrike": "#c0392b", "missile_strike": "#922b21", "shelling": "#e74c3c", "strike": "#c0392b",
    "attack": "#d35400", "bombing": "#a04000", "clashes": "#f39c12", "capture": "#6c3483",
    "withdrawal": "#a569bd", "movement": "#5d6d7e", "casualties": "#641e16",
    "materiel_destroyed": "#6e2c00", "arrest": "#1a5276", "evacuation": "#2874a6",
    "displacement": "#1f618d", "aid": "#117a65", "demining": "#7d6608",
    "surrender_amnesty": "#148f77", "ceasefire_violation": "#b03a2e", "agreement": "#229954",
    "protest": "#884ea0",
}


def event_color(kind: str | None) -> str:
    return _COLORS.get(kind or "", "#34495e")


def _project(lon: float, lat: float, box: tuple[float, float, float, float]) -> tuple[float, float]:
    """Equirectangular with the x scale of the box's middle latitude."""
    x0, y0, x1, y1 = box
    return ((lon - x0) / (x1 - x0) * MAP_W, (y1 - lat) / (y1 - y0) * MAP_H)


def map_box(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    """The view: the events' extent with a margin, at least 8° across, in the shipped
    region, with the aspect of the drawing (cos of the middle latitude applied)."""
    if not points:
        return 33.0, 29.0, 46.0, 40.0
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    cx, cy = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
    half_h = max(4.0, (max(lats) - min(lats)) / 2 + 1.5)
    k = math.cos(math.radians(cy))
    half_w = max(half_h * MAP_W / MAP_H / k, (max(lons) - min(lons)) / 2 + 1.5)
    half_h = half_w * k * MAP_H / MAP_W
    return cx - half_w, cy - half_h, cx + half_w, cy + half_h


def admin_name(props: dict[str, Any], lang: str) -> str:
    """A governorate's name: Arabic where marsad's table has it, else Natural Earth's."""
    return str((props.get("name_ar") if lang == "ar" else None) or props.get("name") or "")


def _governorate_paths(box: tuple[float, float, float, float], counts: dict[str, int],
                       selected: str | None, lang: str) -> list[str]:
    """The governorate outlines in the view (thin lines over the countries); those with
    events are shaded by their count and link to the map narrowed to them."""
    x0, y0, x1, y1 = box
    top = max(counts.values(), default=0)
    parts = []
    # largest first, so a city governorate inside another (Damascus) stays on top
    for f in sorted(governorates()["features"], key=lambda f: -float(f["area"])):
        bx0, by0, bx1, by1 = f["bbox"]
        if bx1 < x0 or bx0 > x1 or by1 < y0 or by0 > y1:
            continue
        props = f["properties"]
        d = "".join(
            "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in (_project(a, b, box) for a, b in poly[0])) + "Z"
            for poly in f["geometry"]["coordinates"]
        )
        n = counts.get(props["code"], 0)
        name = admin_name(props, lang)
        cls = "adm1" + (" hot" if n else "") + (" sel" if props["code"] == selected else "")
        tip = f"{name} · {n} {label('n_events', lang)}" if n else name
        shade = f' fill-opacity="{0.15 + 0.45 * n / top:.2f}"' if n else ""
        path = (f'<path class="{cls}" data-code="{_attr(props["code"])}" d="{d}"{shade}>'
                f"<title>{escape(tip)}</title></path>")
        if n:
            href = f"/map?admin={quote(props['code'])}" + ("&lang=en" if lang == "en" else "")
            path = f'<a href="{_attr(href)}" class="adm1-link">{path}</a>'
        parts.append(path)
    return parts


def map_svg(features: list[dict[str, Any]], lang: str = "ar", *,
            counts: dict[str, int] | None = None, selected: str | None = None) -> Markup:
    """The events as circles on the country and governorate outlines, one inline SVG.
    ``counts`` is the number of events per governorate code (shaded), ``selected`` the
    governorate the map is narrowed to (outlined)."""
    points = [tuple(f["geometry"]["coordinates"]) for f in features]
    box = map_box([(float(p[0]), float(p[1])) for p in points])
    parts = [f'<svg class="map" viewBox="0 0 {MAP_W} {MAP_H}" role="img" '
             f'aria-label="{_attr(label("map_title", lang))}" xmlns="http://www.w3.org/2000/svg">',
             f'<rect class="sea" x="0" y="0" width="{MAP_W}" height="{MAP_H}"/>']
    labels = []
    for c in outlines()["features"]:
        d = []
        xs, ys = [], []
        for poly in c["geometry"]["coordinates"]:
            for ring in poly:
                pts = [_project(x, y, box) for x, y in ring]
                xs += [p[0] for p in pts]
                ys += [p[1] for p in pts]
                d.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in pts) + "Z")
        name = c["properties"]["name_ar" if lang == "ar" else "name"]
        parts.append(f'<path class="land" d="{"".join(d)}"><title>{escape(name)}</title></path>')
        if xs:
            cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
            if 20 < cx < MAP_W - 20 and 20 < cy < MAP_H - 20 and max(xs) - min(xs) > 60:
                labels.append(f'<text class="country" x="{cx:.0f}" y="{cy:.0f}">{escape(name)}</text>')
    parts += _governorate_paths(box, counts or {}, selected, lang)
    parts += labels
    seen: dict[tuple[int, int], int] = {}
    for f in features:
        lon, lat = f["geometry"]["coordinates"]
        x, y = _project(float(lon), float(lat), box)
        if not (0 <= x <= MAP_W and 0 <= y <= MAP_H):
            continue
        key = (round(x / 6), round(y / 6))
        n = seen.get(key, 0)
        seen[key] = n + 1
        # events at the same place fan out on a small spiral so each stays clickable
        angle = n * 2.4
        r = 0 if n == 0 else 4 + 2.2 * math.sqrt(n)
        x, y = x + r * math.cos(angle), y + r * math.sin(angle)
        p = f["properties"]
        tip = " · ".join(filter(None, [event_label(p.get("type"), lang), p.get("place"),
                                         format_date(p.get("date") or p.get("published"), lang),
                                         p.get("outlet")]))
        href = f"/articles/{p['article_id']}" + ("?lang=en" if lang == "en" else "")
        parts.append(
            f'<a href="{_attr(href)}" class="event-dot"><circle cx="{x:.1f}" cy="{y:.1f}" r="6" '
            f'fill="{event_color(p.get("type"))}"><title>{escape(tip)}</title></circle></a>'
        )
    seen_places: set[str] = set()
    for f in features:
        p = f["properties"]
        if p.get("place") in seen_places:
            continue
        seen_places.add(p.get("place") or "")
        lon, lat = f["geometry"]["coordinates"]
        x, y = _project(float(lon), float(lat), box)
        if 0 <= x <= MAP_W and 0 <= y <= MAP_H:
            parts.append(f'<text class="place" x="{x:.0f}" y="{y - 10:.0f}">{escape(p.get("place") or "")}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def timeline_svg(days: list[dict[str, Any]], lang: str = "ar") -> Markup:
    """Events per day as stacked bars by type; time runs right to left in Arabic."""
    if not days:
        return Markup("")
    w, h, pad = 900, 220, 30
    n = len(days)
    top = max(d["events"] for d in days)
    bw = max(2.0, min(40.0, (w - 2 * pad) / n * 0.8))
    step = (w - 2 * pad) / n
    parts = [f'<svg class="timeline" viewBox="0 0 {w} {h}" role="img" '
             f'aria-label="{_attr(label("timeline", lang))}" xmlns="http://www.w3.org/2000/svg">',
             f'<line class="axis" x1="{pad}" y1="{h - pad}" x2="{w - pad}" y2="{h - pad}"/>']
    for i, d in enumerate(days):
        slot = (n - 1 - i) if lang == "ar" else i
        x = pad + slot * step + (step - bw) / 2
        y = h - pad
        for kind, count in sorted(d["types"].items()):
            bh = count / top * (h - 2 * pad - 10)
            y -= bh
            tip = f"{format_date(d['date'], lang)}: {count} {event_label(kind, lang)}"
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bw:.1f}" height="{bh:.1f}" '
                         f'fill="{event_color(kind)}"><title>{escape(tip)}</title></rect>')
        every = max(1, math.ceil(n / 12))
        if i % every == 0:
            day = format_date(d["date"], lang).rsplit(" ", 1)[0]  # the year is on the axis
            parts.append(f'<text class="tick" x="{x + bw / 2:.1f}" y="{h - 12}">'
                         f'{escape(day)}</text>')
    years = sorted({d["date"][:4] for d in days})
    parts.append(f'<text class="year" x="{w / 2:.0f}" y="{h - 1}">{escape(" – ".join(years))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def bars_svg(rows: list[dict[str, Any]], lang: str = "ar") -> Markup:
    """Mentions per month as bars (an entity page)."""
    if not rows:
        return Markup("")
    w, h, pad = 600, 160, 24
    n = len(rows)
    top = max(r["n"] for r in rows)
    step = (w - 2 * pad) / n
    bw = min(50.0, step * 0.7)
    parts = [f'<svg class="bars" viewBox="0 0 {w} {h}" role="img" '
             f'aria-label="{_attr(label("mentions_over_time", lang))}" xmlns="http://www.w3.org/2000/svg">']
    for i, r in enumerate(rows):
        slot = (n - 1 - i) if lang == "ar" else i
        x = pad + slot * step + (step - bw) / 2
        bh = r["n"] / top * (h - 2 * pad - 10)
        parts.append(f'<rect class="bar" x="{x:.1f}" y="{h - pad - bh:.1f}" width="{bw:.1f}" '
                     f'height="{bh:.1f}"><title>{escape(format_date(r["month"], lang))}: {r["n"]}</title></rect>')
        parts.append(f'<text class="tick" x="{x + bw / 2:.1f}" y="{h - 6}">'
                     f'{escape(format_date(r["month"], lang))}</text>')
        parts.append(f'<text class="val" x="{x + bw / 2:.1f}" y="{h - pad - bh - 4:.1f}">{r["n"]}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
