"""Build-time SVG figures, drawn from the same data the text and tables use.

Each function returns one inline <svg role="img"> with a <title> and <desc>; the theme wraps
it in a <figure> with a caption and a data table, which is the figure's text alternative. No
JavaScript, no external files: colours come from classes the stylesheet maps to tokens, so
the figures follow the light and dark colour schemes. Coordinates are rounded to 0.1 so the
output is stable from build to build.
"""

from __future__ import annotations

import datetime as dt
import math
from html import escape

from markupsafe import Markup

from .schema import day


def _n(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _svg(ident: str, width: int, height: int, title: str, desc: str, body: list[str]) -> Markup:
    head = (
        f'<svg class="chart" id="{ident}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(desc)}</desc>'
    )
    return Markup(head + "".join(body) + "</svg>")


def _text(x, y, text, cls="", anchor="start", extra="") -> str:
    attrs = f' class="{cls}"' if cls else ""
    if anchor != "start":
        attrs += f' text-anchor="{anchor}"'
    return f'<text x="{_n(x)}" y="{_n(y)}"{attrs}{extra}>{escape(text)}</text>'


def _fraction_of_year(value: dt.date) -> float:
    start = dt.date(value.year, 1, 1)
    length = (dt.date(value.year + 1, 1, 1) - start).days
    return value.year + (value - start).days / length


# ---- (1) seat-swap flights ---------------------------------------------------------------------


def crew_chart(rows: list[dict], today: dt.date) -> Markup:
    """One bar per person-flight on a time axis, coloured by agency, labelled with the vehicle.

    `rows` are views.flight_rows() dicts. A flight still in progress runs to its as_of date and
    ends open (no end cap); a planned flight with no launch date is left out of the chart.
    """
    dated = [r for r in rows if day(r["launch"])]
    width, left, right, top, row_h = 640, 12, 12, 44, 34
    agencies = list(dict.fromkeys(r["agency"] for r in dated))
    names = {r["agency"]: r["agency_name"] for r in dated}
    series = {a: f"series-{i % 4 + 1}" for i, a in enumerate(agencies)}
    starts = [day(r["launch"]) for r in dated]
    ends = [day(r["landing"]) or r["as_of"] or today for r in dated]
    first = min(starts).year
    last = max(max(ends), max(starts)).year + 1
    span = last - first
    plot_w = width - left - right

    def x(value: dt.date) -> float:
        return left + (_fraction_of_year(value) - first) / span * plot_w

    height = top + row_h * len(dated) + 28
    body = []
    # legend
    lx = left
    for agency in agencies:
        body.append(f'<rect class="{series[agency]}" x="{lx}" y="8" width="14" height="14" rx="2"/>')
        label = f"{names[agency]} crew member"
        body.append(_text(lx + 20, 20, label, "chart-label"))
        lx += 40 + 8.5 * len(label)
    body.append(f'<line class="chart-open" x1="{lx}" y1="15" x2="{lx + 22}" y2="15"/>')
    body.append(_text(lx + 28, 20, "still in space", "chart-label"))
    # year grid
    for year in range(first, last + 1):
        gx = x(dt.date(year, 1, 1))
        body.append(f'<line class="chart-grid" x1="{_n(gx)}" y1="{top - 8}" x2="{_n(gx)}" '
                    f'y2="{height - 22}"/>')
        if year < last:
            body.append(_text(gx + 4, height - 6, str(year), "chart-axis"))
    for i, (row, start, end) in enumerate(zip(dated, starts, ends, strict=True)):
        y = top + i * row_h
        vehicle = row["launch_mission"]
        if not row["same_vehicle"] and row["return_mission"]:
            vehicle += f" → {row['return_mission']}"
        label = f"{row['person']} · {vehicle}"
        x0, x1 = x(start), max(x(end), x(start) + 3)
        anchor, lx_ = ("start", x0) if x0 < width / 2 else ("end", x1)
        body.append(_text(lx_, y + 12, label, "chart-label", anchor))
        ongoing = row["landing"] is None
        cls = series[row["agency"]] + (" bar-open" if ongoing else "")
        body.append(f'<rect class="{cls}" x="{_n(x0)}" y="{y + 17}" width="{_n(x1 - x0)}" '
                    f'height="10" rx="2"/>')
        if ongoing:
            body.append(f'<line class="chart-open" x1="{_n(x1)}" y1="{y + 22}" '
                        f'x2="{_n(x1 + 14)}" y2="{y + 22}"/>')
    flown = sum(1 for r in dated if r["landing"])
    title = "Seat-swap flights over time"
    desc = (f"{len(dated)} person-flights from {min(starts).year} to {max(ends).year}, one bar "
            f"each from launch to landing; {flown} have landed. The table below gives every "
            "date and duration.")
    return _svg("crew-chart", width, height, title, desc, body)


# ---- (2) the lunar south pole ------------------------------------------------------------------


def stereographic(lat: float, lon: float) -> tuple[float, float]:
    """South polar stereographic projection on a unit sphere: (x, y), pole at the origin.

    The radius is 2·tan((90° + lat) / 2); 0° longitude points up and east runs clockwise,
    as on maps of the south pole seen from below. y grows downwards, as in SVG.
    """
    r = 2 * math.tan(math.radians(90 + lat) / 2)
    theta = math.radians(lon)
    return r * math.sin(theta), -r * math.cos(theta)


KIND_MARKS = {"landing": "mark-landing", "impact": "mark-impact", "target": "mark-target"}


def map_edge(latitudes: list[float], margin: float = 5.0) -> float:
    """The map's edge: a round latitude at least `margin` degrees beyond the farthest site."""
    farthest = max(latitudes, default=-80.0)
    return max(-85.0, min(-45.0, math.floor((farthest + margin) / 5 + 1) * 5.0))


def _mark(kind: str, x: float, y: float, size: float = 7) -> str:
    cls = KIND_MARKS.get(kind, "mark-landing")
    if kind == "target":
        return f'<circle class="{cls}" cx="{_n(x)}" cy="{_n(y)}" r="{_n(size - 1)}"/>'
    if kind == "impact":
        d = size - 1
        return (f'<path class="{cls}" d="M{_n(x - d)} {_n(y - d)}L{_n(x + d)} {_n(y + d)}'
                f'M{_n(x - d)} {_n(y + d)}L{_n(x + d)} {_n(y - d)}"/>')
    return (f'<path class="{cls}" d="M{_n(x)} {_n(y - size)}L{_n(x + size)} {_n(y)}'
            f'L{_n(x)} {_n(y + size)}L{_n(x - size)} {_n(y)}Z"/>')


def south_pole_map(landers: list[dict], edge_lat: float | None = None) -> Markup:
    """The lunar south pole out to `edge_lat` (fitted to the sites if not given), with every
    lander's target, landing and impact sites, numbered on the map and named in a key below."""
    # Only sites with coordinates can be plotted; the rest are named in the table beside it.
    points = [(m, s) for m in landers for s in m["sites"] if s["lat"] is not None]
    if edge_lat is None:
        edge_lat = map_edge([s["lat"] for _, s in points])
    size, margin, row = 440, 34, 24
    centre = size / 2
    scale = (centre - margin) / -stereographic(edge_lat, 0)[1]

    def xy(lat, lon):
        px, py = stereographic(lat, lon)
        return centre + px * scale, centre + py * scale

    body = [f'<circle class="map-disc" cx="{_n(centre)}" cy="{_n(centre)}" '
            f'r="{_n(centre - margin)}"/>']
    for lat in range(int(edge_lat) - 5, -89, -5):
        r = -stereographic(lat, 0)[1] * scale
        body.append(f'<circle class="chart-grid" cx="{_n(centre)}" cy="{_n(centre)}" r="{_n(r)}" '
                    f'fill="none"/>')
        if lat % 10 == 0:
            body.append(_text(centre + 3, centre + r - 3, f"{-lat}° S", "chart-axis chart-halo"))
    for lon in range(0, 360, 30):
        x0, y0 = xy(-89.9, lon)
        x1, y1 = xy(edge_lat, lon)
        body.append(f'<line class="chart-grid" x1="{_n(x0)}" y1="{_n(y0)}" x2="{_n(x1)}" '
                    f'y2="{_n(y1)}"/>')
        lx, ly = xy(edge_lat - (90 + edge_lat) * 0.09, lon)
        label = "0°" if lon == 0 else (f"{lon}° E" if lon < 180 else
                                        "180°" if lon == 180 else f"{360 - lon}° W")
        body.append(_text(lx, ly + 4, label, "chart-axis", "middle"))
    body.append(f'<circle class="mark-pole" cx="{_n(centre)}" cy="{_n(centre)}" r="3"/>')
    body.append(_text(centre - 6, centre + 16, "South pole", "chart-label chart-halo", "end"))
    for number, (mission, site) in enumerate(points, start=1):
        px, py = xy(site["lat"], site["lon"])
        body.append(_mark(site["kind"], px, py))
        body.append(_text(px + 10, py - 6, str(number), "chart-label chart-halo chart-number"))
    for number, (mission, site) in enumerate(points, start=1):
        y = size + row * (number - 1) + 6
        body.append(_mark(site["kind"], 16, y))
        body.append(_text(32, y + 5, f"{number}. {mission['name']}, {site['kind_label'].lower()}: "
                                     f"{site['lat_text']}, {site['lon_text']}", "chart-label"))
    listed = "; ".join(
        f"{m['name']} {s['kind_label'].lower()} at {s['lat_text']}, {s['lon_text']}"
        for m, s in points
    )
    title = "Map of the lunar south pole"
    desc = (f"Polar stereographic map of the Moon from the south pole to {-edge_lat:g}° S, "
            f"0° longitude at the top. {listed}.")
    height = size + row * len(points) + 8
    return _svg("south-pole-map", size, height, title, desc, body)


# ---- (3) Russia's station and ISS plans ---------------------------------------------------------


def plans_chart(points: list[dict]) -> Markup:
    """Each announcement (x: when it was made) against the year it named (y), one line per plan.

    `points` are dicts with announced (date), subject (a label for the plan), year (int) and
    label (how the year was put, e.g. 'after 2024').
    """
    width, height, left, right, top, bottom = 640, 340, 52, 16, 40, 34
    subjects = list(dict.fromkeys(p["subject"] for p in points))
    series = {s: f"series-{i % 4 + 1}" for i, s in enumerate(subjects)}
    dates = [p["announced"] for p in points]
    x_first, x_last = min(dates).year, max(dates).year + 1
    y_first, y_last = min(p["year"] for p in points) - 1, max(p["year"] for p in points) + 1

    def x(value):
        return left + (_fraction_of_year(value) - x_first) / (x_last - x_first) * (width - left - right)

    def y(year):
        return top + (y_last - year) / (y_last - y_first) * (height - top - bottom)

    body = []
    for year in range(x_first, x_last + 1):
        gx = x(dt.date(year, 1, 1))
        body.append(f'<line class="chart-grid" x1="{_n(gx)}" y1="{top}" x2="{_n(gx)}" '
                    f'y2="{height - bottom}"/>')
        if year < x_last:
            body.append(_text(gx + 4, height - bottom + 18, str(year), "chart-axis"))
    for year in range(y_first, y_last + 1):
        gy = y(year)
        body.append(f'<line class="chart-grid" x1="{left}" y1="{_n(gy)}" x2="{width - right}" '
                    f'y2="{_n(gy)}"/>')
        body.append(_text(left - 6, gy + 4, str(year), "chart-axis", "end"))
    lx = left
    for subject in subjects:
        body.append(f'<rect class="{series[subject]}" x="{lx}" y="10" width="14" height="14" rx="7"/>')
        body.append(_text(lx + 20, 22, subject, "chart-label"))
        lx += 40 + 8 * len(subject)
    for subject in subjects:
        mine = sorted((p for p in points if p["subject"] == subject), key=lambda p: p["announced"])
        path = " ".join(f"{'M' if i == 0 else 'L'}{_n(x(p['announced']))} {_n(y(p['year']))}"
                        for i, p in enumerate(mine))
        body.append(f'<path class="line {series[subject]}" d="{path}" fill="none"/>')
        for p in mine:
            body.append(f'<circle class="{series[subject]}" cx="{_n(x(p["announced"]))}" '
                        f'cy="{_n(y(p["year"]))}" r="5"/>')
    title = "Russia's station and ISS plans over time"
    desc = ("Each point is an announcement, placed by the date it was made (across) and the "
            "year it named (up). " + "; ".join(
                f"{p['announced'].isoformat()}: {p['subject']}, {p['label']}" for p in points) + ".")
    return _svg("plans-chart", width, height, title, desc, body)
