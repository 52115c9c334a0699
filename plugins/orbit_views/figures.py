"""Build-time figures as plain data: scales, positions, ticks and labels, never markup.

Each function returns a dict of numbers and strings that a Jinja macro in
theme/templates/figures/ turns into SVG, so a designer can restyle a chart without reading
Python and the geometry can be tested without a browser. Every figure is drawn twice: a wide
layout and a narrow one for phones (time running down the screen, direct labels, fewer ticks),
and the stylesheet shows one. Coordinates are rounded to 0.1 so builds are stable.

Text sizes are in the SVG's own units. The narrow layouts are drawn at about the width a phone
shows them (300 units), so 13-unit text renders at about 12 px or more at 320 px.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from orbit_content.schema import day

from .format import long_date, month_year
from .wording import Words

WIDE, NARROW = 640, 300
MOON_RADIUS_KM = 1737.4


def r1(value: float) -> float:
    return round(value, 1)


def year_fraction(value: dt.date) -> float:
    start = dt.date(value.year, 1, 1)
    length = (dt.date(value.year + 1, 1, 1) - start).days
    return value.year + (value - start).days / length


class Scale:
    """A linear map from a data interval onto a pixel interval."""

    def __init__(self, lo: float, hi: float, a: float, b: float):
        self.lo, self.hi, self.a, self.b = lo, hi, a, b

    def __call__(self, value: float) -> float:
        return r1(self.a + (value - self.lo) / (self.hi - self.lo) * (self.b - self.a))


def spread(positions: list[float], gap: float, lo: float, hi: float) -> list[float]:
    """Move label positions apart so neighbours are at least `gap` apart, inside [lo, hi],
    keeping their order; used for direct labels that would otherwise overprint."""
    order = sorted(range(len(positions)), key=lambda i: positions[i])
    placed = [positions[i] for i in order]
    for i in range(1, len(placed)):
        placed[i] = max(placed[i], placed[i - 1] + gap)
    overflow = placed[-1] - hi if placed else 0
    if overflow > 0:
        placed = [p - overflow for p in placed]
        for i in range(len(placed) - 2, -1, -1):
            placed[i] = min(placed[i], placed[i + 1] - gap)
    placed = [max(lo, p) for p in placed]
    out = [0.0] * len(positions)
    for rank, i in enumerate(order):
        out[i] = r1(placed[rank])
    return out


def surname(person: str) -> str:
    """'Tracy Caldwell Dyson' gives 'Caldwell Dyson': the label a bar has room for."""
    parts = person.split(" ", 1)
    return parts[1] if len(parts) == 2 else person


# ---- (1) the seat swap as two swim lanes ---------------------------------------------------------

# Each lane's key (its label is lane-<key> in labels.yaml, lane-<key>-phone on a phone) and
# CSS class.
LANES = (
    ("soyuz", "lane-nasa"),
    ("dragon", "lane-ros"),
)


def flight_spans(rows: list[dict], today: dt.date) -> list[dict]:
    """Each flight as a time span in its lane: flown (launch to landing, or to its as-of date
    while still in space), planned (the stay planned at launch), or planned launch only."""
    spans = []
    for r in rows:
        lane = "soyuz" if r["agency"] == "nasa" else "dragon"
        launch = day(r["launch"])
        planned_launch = r.get("planned_launch")
        start = launch or planned_launch
        if start is None:
            continue
        landing = day(r["landing"])
        ongoing = launch is not None and landing is None
        end = landing or (r["as_of"] or today if ongoing else None)
        planned_days = r.get("planned_days")
        planned_end = start + dt.timedelta(days=planned_days) if planned_days else None
        spans.append(
            {
                "key": r["key"],
                "person": r["person"],
                "label": surname(r["person"]),
                "lane": lane,
                "start": start,
                "end": end,
                "ongoing": ongoing,
                "planned_only": launch is None,
                "planned_end": planned_end,
                "planned_days": planned_days,
                "planned_month": month_year(planned_launch)
                if planned_launch and launch is None
                else "",
                "days": r.get("duration_reported_days")
                or (round(r["duration_days"]) if r.get("duration_days") else None),
                "vehicle": r["launch_mission"],
                # Its expected date has passed with nothing recorded (freshness.flight_notes).
                "overdue": bool(r.get("overdue")),
                "as_of": r.get("as_of"),
            }
        )
    return spans


def coverage(spans: list[dict]) -> list[tuple[dt.date, dt.date]]:
    """The union of flown spans in one lane: where it is unbroken, someone was always there."""
    out: list[list[dt.date]] = []
    for s in sorted((s for s in spans if s["end"]), key=lambda s: s["start"]):
        if out and s["start"] <= out[-1][1]:
            out[-1][1] = max(out[-1][1], s["end"])
        else:
            out.append([s["start"], s["end"]])
    return [(a, b) for a, b in out]


def seat_lanes(
    rows: list[dict], today: dt.date, as_of: dt.date | None, words: Words, narrow: bool = False
) -> dict:
    """Two swim lanes (NASA astronaut on Soyuz, cosmonaut on Crew Dragon), one bar per flight.

    Within a lane, flights alternate between two tracks so that a crew arriving before the
    previous one leaves shows as an interlock. A planned stay is drawn as an outline beside
    the flown one; a flight still in space runs to the data's as-of date and then continues
    as planned. The "data as of" line marks where the record stops.
    """
    spans = flight_spans(rows, today)
    if not spans:
        return {}
    as_of = as_of or today
    first = min(s["start"] for s in spans)
    last = max(
        [s["end"] or s["start"] for s in spans]
        + [s["planned_end"] for s in spans if s["planned_end"]]
        + [as_of]
    )
    t0 = year_fraction(dt.date(first.year, 7 if first.month > 6 else 1, 1))
    t1 = year_fraction(last) + 0.25
    tracks: dict[str, int] = {}
    bars = []
    for lane_key, _ in LANES:
        mine = sorted((s for s in spans if s["lane"] == lane_key), key=lambda s: s["start"])
        for i, s in enumerate(mine):
            tracks[s["key"]] = i % 2
    years = list(range(math.ceil(t0), math.floor(t1) + 1))
    if narrow:
        top, bottom, width = 58, 14, NARROW
        height = top + round((t1 - t0) * 150) + bottom
        t = Scale(t0, t1, top, height - bottom)
        lane_x = {"soyuz": 42, "dragon": 172}
        bar_w, track_gap = 11, 14
    else:
        left, right, width = 16, 16, WIDE
        t = Scale(t0, t1, left, width - right)
        lane_y = {"soyuz": 74, "dragon": 196}
        bar_h, track_gap = 12, 16
        height = 272
    for s in spans:
        track = tracks[s["key"]]
        a = t(year_fraction(s["start"]))
        b = t(year_fraction(s["end"])) if s["end"] else None
        pe = t(year_fraction(s["planned_end"])) if s["planned_end"] else None
        lines = [s["label"]]
        long_stay = False
        if s["planned_only"]:
            lines.append(words("seat-lanes-bar-planned", month=s["planned_month"]))
        elif s["key"].startswith("rubio") or (
            s["planned_days"] and s["days"] and s["days"] > 1.5 * s["planned_days"]
        ):
            long_stay = True
            stay = {"days": s["days"], "planned": s["planned_days"]}
            if narrow:
                lines += words.lines("seat-lanes-bar-stay-phone", **stay)
            else:
                lines += words.lines("seat-lanes-bar-stay", **stay)
        if s["overdue"]:
            lines.append(words("seat-lanes-bar-overdue"))
        bar = {
            "key": s["key"],
            "person": s["person"],
            "lines": lines,
            "lane": s["lane"],
            "cls": dict(LANES)[s["lane"]],
            "ongoing": s["ongoing"],
            "planned_only": s["planned_only"],
            "overdue": s["overdue"],
        }
        if narrow:
            x = lane_x[s["lane"]] + track * track_gap
            bar.update(
                x=x,
                w=bar_w,
                y=a,
                h=r1(max((b or a) - a, 3)),
                label_x=lane_x[s["lane"]] + 2 * track_gap + 4,
                label_y=r1(a + 11),
            )
            if pe and (b is None or pe > b + 2):
                start = b if b else a
                bar["plan"] = {"x": x, "y": start, "w": bar_w, "h": r1(pe - start)}
            if s["planned_only"]:
                bar["plan"] = {"x": x, "y": a, "w": bar_w, "h": 16, "open": True}
        else:
            y = lane_y[s["lane"]] + track * track_gap
            # Track 0 is labelled above its bar (extra lines stacking upwards), track 1 below.
            bar.update(
                x=a,
                w=r1(max((b or a) - a, 3)),
                y=y,
                h=bar_h,
                label_x=a,
                label_y=r1(y - 4 - 15 * (len(lines) - 1) if track == 0 else y + bar_h + 13),
                anchor="end" if a > width - 100 else "start",
            )
            if bar["anchor"] == "end":
                bar["label_x"] = r1(max(b or a, pe or a) + 2)
            if pe and (b is None or pe > b + 2):
                start = b if b else a
                bar["plan"] = {"x": start, "y": y, "w": r1(pe - start), "h": bar_h}
            if s["planned_only"]:
                bar["plan"] = {"x": a, "y": y, "w": 22, "h": bar_h, "open": True}
            if s["planned_days"] and long_stay:
                # Rubio's ghost: the six months planned, drawn under the 371 days flown,
                # ending in a tick where the flight was meant to end.
                bar["ghost"] = {"x": a, "y": y + bar_h + 2, "w": r1(pe - a), "h": 4}
                bar["tick"] = {"x1": pe, "y1": y - 3, "x2": pe, "y2": y + bar_h + 6}
        if narrow and s["planned_days"] and long_stay:
            bar["tick"] = {"x1": bar["x"] - 4, "y1": pe, "x2": bar["x"] + bar_w + 2, "y2": pe}
        bar.setdefault("anchor", "start")
        bars.append(bar)
    if not narrow:
        # The lowest track's labels hang below their bars: a second line (a note) needs the
        # axis moved down, or it would run into the year labels.
        lowest = [b for b in bars if b["lane"] == LANES[-1][0] and tracks[b["key"]] == 1]
        height += LINE_STEP * max((len(b["lines"]) - 1 for b in lowest), default=0)
    strips = []
    for lane_key, cls in LANES:
        for a, b in coverage([s for s in spans if s["lane"] == lane_key]):
            pa, pb = t(year_fraction(a)), t(year_fraction(b))
            if narrow:
                strips.append(
                    {"x": lane_x[lane_key] - 9, "y": pa, "w": 3, "h": r1(pb - pa), "cls": cls}
                )
            else:
                strips.append(
                    {"x": pa, "y": lane_y[lane_key] - 38, "w": r1(pb - pa), "h": 3, "cls": cls}
                )
    # Breaks in a lane's coverage, named with their dates so a reader sees when the seat was empty.
    breaks = []
    for lane_key, _ in LANES:
        runs = coverage([s for s in spans if s["lane"] == lane_key])
        for (_, end), (start, _) in zip(runs, runs[1:], strict=False):
            pa, pb = t(year_fraction(end)), t(year_fraction(start))
            dates = words(
                "seat-lanes-break-dates",
                start=end.strftime("%-d %b"),
                end=start.strftime("%-d %b %Y"),
            )
            text = words("seat-lanes-break", dates=dates)
            if narrow:
                breaks.append(
                    {
                        "x": lane_x[lane_key] - 12,
                        "y": pa,
                        "w": 9,
                        "h": r1(pb - pa),
                        "text": "",
                        "dates": dates,
                        "tx": 0,
                        "ty": 0,
                        "anchor": "end",
                    }
                )
            else:
                breaks.append(
                    {
                        "x": pa,
                        "y": lane_y[lane_key] - 42,
                        "w": r1(max(pb - pa, 2)),
                        "h": 11,
                        "text": text,
                        "dates": dates,
                        "tx": r1(pa - 4),
                        "ty": lane_y[lane_key] - 46,
                        "anchor": "end",
                    }
                )
    ticks = [{"pos": t(y), "label": str(y)} for y in years]
    as_of_pos = t(year_fraction(as_of))
    if narrow:
        lanes = [
            {
                "key": k,
                "title_lines": words.lines(f"lane-{k}-phone"),
                "x": lane_x[k] - 9,
                "y": 18,
                "cls": c,
            }
            for k, c in LANES
        ]
    else:
        lanes = [
            {
                "key": k,
                "title_lines": words.lines(f"lane-{k}"),
                "x": 16,
                "y": lane_y[k] - 46,
                "cls": c,
            }
            for k, c in LANES
        ]
    as_of_label = words("seat-lanes-as-of", date=as_of.strftime("%-d %b %Y"))
    as_of_text = place_bar_labels(
        bars, strips, breaks, lanes, ticks, as_of_pos, as_of_label, width, height, narrow
    )
    flown = [s for s in spans if not s["planned_only"]]
    late = [s for s in spans if s["overdue"] and s["as_of"]]
    gaps = sum(len(coverage([s for s in spans if s["lane"] == k])) - 1 for k, _ in LANES)
    desc = " ".join(
        [
            words(
                "seat-lanes-desc",
                month=month_year(first),
                soyuz=sum(1 for s in flown if s["lane"] == "soyuz"),
                dragon=sum(1 for s in flown if s["lane"] == "dragon"),
            ),
            words("seat-lanes-desc-unbroken")
            if gaps == 0
            else words("seat-lanes-desc-breaks", gaps=gaps),
            *(
                [
                    words(
                        "seat-lanes-desc-overdue",
                        flights="; ".join(
                            words(
                                "seat-lanes-desc-overdue-item",
                                person=s["person"],
                                date=long_date(s["as_of"]),
                            )
                            for s in late
                        ),
                    )
                ]
                if late
                else []
            ),
            words("seat-lanes-desc-as-of", date=long_date(as_of)),
        ]
    )
    return {
        "id": "seat-lanes-narrow" if narrow else "seat-lanes",
        "narrow": narrow,
        "width": width,
        "height": height,
        "bars": bars,
        "strips": strips,
        "lanes": lanes,
        "ticks": ticks,
        "breaks": breaks,
        "as_of": {"pos": as_of_pos, "label": as_of_label, **as_of_text},
        "title": words("seat-lanes-chart-title"),
        "desc": desc,
        "gaps": gaps,
    }


# Text boxes for keeping the chart's labels apart, in the drawing's units. The UI font's average
# character is under 0.52 em (measured in Chromium on these labels); 0.56 keeps a margin. A box
# runs from a size above the baseline to 3 below it, and 2 more all round stand for the halo,
# so a label never touches a line it does not belong to.
CHAR_EM, LINE_STEP, HALO = 0.56, 15, 2
LABEL_SIZE, NOTE_SIZE, AXIS_SIZE = 14, 13, 13


def text_box(x: float, y: float, lines: list[str], anchor: str, strong: int = 1) -> tuple:
    """(x0, y0, x1, y1) of a label whose first baseline is at y; its first `strong` lines are
    label-sized, the rest note-sized, each LINE_STEP below the one before."""
    w = max(
        len(line) * CHAR_EM * (LABEL_SIZE if i < strong else NOTE_SIZE)
        for i, line in enumerate(lines)
    )
    x0 = x - w if anchor == "end" else x - w / 2 if anchor == "middle" else x
    return (
        x0 - HALO,
        y - LABEL_SIZE - HALO,
        x0 + w + HALO,
        y + LINE_STEP * (len(lines) - 1) + 3 + HALO,
    )


def rect_box(r: dict) -> tuple:
    return (r["x"], r["y"], r["x"] + r["w"], r["y"] + r["h"])


def wrap(line: str, room: float, size: int) -> list[str]:
    """A note broken at spaces into lines that fit `room`; a year stays with the word before
    it ("June 2026"), so a date is never split."""
    words_, out = re.split(r" (?!\d{4}\b)", line), []
    for word in words_:
        if out and len(f"{out[-1]} {word}") * CHAR_EM * size <= room:
            out[-1] = f"{out[-1]} {word}"
        else:
            out.append(word)
    return out


def place_bar_labels(
    bars, strips, breaks, lanes, ticks, as_of_pos, as_of_label, width, height, narrow
):
    """Move each bar's label, where it has to, so that no label crosses the "data as of" line,
    another label, another flight's bar or the chart's edge.

    Each label first tries its usual place (beside the start of its bar); then, along the time
    axis, just before the line or just after it; then the same with its note lines wrapped, or,
    on a phone, its name on two lines. The first place that is clear wins; a label with no clear
    place keeps its usual one (the tests then fail rather than the chart silently overprinting).
    Returns where the line's own label goes (x, y, anchor): on a phone under the line at the
    left, or at the right where a planned bar runs down through the left.
    """
    gap = 3  # between a label and the line
    shapes = {
        b["key"]: [rect_box(r) for r in (b, b.get("plan"), b.get("ghost")) if r] for b in bars
    }
    every_shape = [box for boxes in shapes.values() for box in boxes]
    if narrow:
        line = (0, as_of_pos - 1, width, as_of_pos + 1)
        y = as_of_pos + 17
        as_of_text = next(
            (
                {"x": x, "y": r1(y), "anchor": anchor}
                for x, anchor in ((0, "start"), (width - 4, "end"))
                if not any(
                    overlaps(text_box(x, y, [as_of_label], anchor), shape) for shape in every_shape
                )
            ),
            {"x": 0, "y": r1(y), "anchor": "start"},
        )
        tick_boxes = [text_box(0, t["pos"] - 4, [t["label"]], "start") for t in ticks]
        lane_boxes = [
            text_box(lane["x"], lane["y"] + LINE_STEP * 0, lane["title_lines"], "start", 9)
            for lane in lanes
        ]
    else:
        line = (as_of_pos - 1, 14, as_of_pos + 1, height - 24)
        as_of_text = {"x": r1(as_of_pos - 4), "y": 14, "anchor": "end"}
        tick_boxes = [text_box(t["pos"] + 4, height - 8, [t["label"]], "start") for t in ticks]
        lane_boxes = [
            text_box(lane["x"], lane["y"], lane["title_lines"], "start") for lane in lanes
        ]
    as_of_box = text_box(as_of_text["x"], as_of_text["y"], [as_of_label], as_of_text["anchor"])
    fixed = [line, as_of_box, *tick_boxes, *lane_boxes]
    fixed += [rect_box(s) for s in strips] + [rect_box(k) for k in breaks]
    fixed += [text_box(k["tx"], k["ty"], [k["text"]], k["anchor"]) for k in breaks if k["text"]]
    placed: list[tuple] = []
    for b in bars:
        others = [box for key, boxes in shapes.items() if key != b["key"] for box in boxes]
        blocked = fixed + others + placed
        for x, y, anchor, lines, strong in _label_spots(b, as_of_pos, gap, width, narrow):
            box = text_box(x, y, lines, anchor, strong)
            inside = box[0] >= 0 and box[2] <= width and box[1] >= 0 and box[3] <= height
            if inside and not any(overlaps(box, other) for other in blocked):
                b.update(label_x=r1(x), label_y=r1(y), anchor=anchor, lines=lines, strong=strong)
                break
        placed.append(
            text_box(b["label_x"], b["label_y"], b["lines"], b["anchor"], b.get("strong", 1))
        )
        b.setdefault("strong", 1)
    return as_of_text


def _label_spots(b, as_of_pos, gap, width, narrow):
    """Where a bar's label may go, best first: (x, first baseline, anchor, lines, strong)."""
    name, notes = b["lines"][:1], b["lines"][1:]
    x, y, anchor = b["label_x"], b["label_y"], b["anchor"]
    yield x, y, anchor, b["lines"], 1
    if narrow:
        below = as_of_pos + gap + LABEL_SIZE + HALO
        above = as_of_pos - gap - 3 - HALO - LINE_STEP * (len(b["lines"]) - 1)
        split = name[0].split(" ")
        if len(split) > 1:  # a long name on two lines, to keep out of the next lane
            yield x, y, anchor, [*split, *notes], len(split)
        for yy in (above, below) if b["y"] < as_of_pos else (below,):
            yield x, yy, anchor, b["lines"], 1
            if len(split) > 1:
                yield x, yy, anchor, [*split, *notes], len(split)
        return
    before, after = as_of_pos - gap - HALO, as_of_pos + gap + HALO
    lifted = LINE_STEP if y < b["y"] else 0  # a label above its bar grows upwards
    if b["x"] < as_of_pos:
        yield before, y, "end", b["lines"], 1
    start = max(b["x"], after)
    yield start, y, "start", b["lines"], 1
    room = width - HALO - start
    wrapped = [part for note in notes for part in wrap(note, room, NOTE_SIZE)]
    if len(wrapped) > len(notes):
        extra = (len(wrapped) - len(notes)) * lifted
        yield start, y - extra, "start", [*name, *wrapped], 1
        if b["x"] < as_of_pos:
            yield before, y - extra, "end", [*name, *wrapped], 1


# ---- (2) Russia's station and ISS plans ----------------------------------------------------------


def qualifier(named: str, year: int) -> tuple[str, float]:
    """How an announced year was put, as a marker kind and a position on the year axis.

    'after 2024' and 'at least 2028' are lower bounds (from the start of the year on, later
    possible); 'by 2030' is an upper bound (the end of that year or sooner); 'end of 2027' and
    'through 2030' sit near the end of the year; a bare year sits in its middle.
    """
    text = named.lower()
    if text.startswith(("after", "at least", "no earlier", "not before")):
        return "lower", year + (1.0 if text.startswith("after") else 0.0)
    if " by " in f" {text}" or text.startswith(("before", "no later")):
        return "upper", year + 1.0
    if "end of" in text or "through" in text or "until" in text:
        return "point", year + 0.9
    return "point", year + 0.5


SERIES = ("series-a", "series-b", "series-c")


def bound_path(x: float, y: float, kind: str, narrow: bool) -> str | None:
    """The arrow of a bound ("by 2030" points back in time, "after 2028" forward): a stroke of
    22 units from the ring toward the side the real date may fall, with a 6-unit arrowhead."""
    if kind == "point":
        return None
    d = -1 if kind == "lower" else 1
    if narrow:
        return f"M{x} {y}h{-22 * d}m{6 * d} -5l{-6 * d} 5l{6 * d} 5"
    return f"M{x} {y}v{22 * d}m-5 {-6 * d}l5 {6 * d}l5 {-6 * d}"


def plans_chart(points: list[dict], today: dt.date, words: Words, narrow: bool = False) -> dict:
    """Each announcement placed by when it was made and the year it named, one line per plan.

    Bounds are drawn as what they are: an arrow pointing later for 'after'/'at least', earlier
    for 'by'. Each line ends in a direct label naming its latest announcement. A today line
    shows how far the record runs.
    """
    if not points:
        return {}
    subjects = list(dict.fromkeys(p["subject"] for p in points))
    series = {s: SERIES[i % len(SERIES)] for i, s in enumerate(subjects)}
    dates = [p["announced"] for p in points] + [today]
    a0, a1 = year_fraction(dt.date(min(dates).year, 1, 1)), year_fraction(max(dates)) + 0.15
    marks = [(p, *qualifier(p["label"], p["year"])) for p in points]
    v0 = math.floor(min(v for _, _, v in marks)) - 1
    v1 = math.ceil(max(v for _, _, v in marks)) + 1
    if narrow:
        width, left, right, top, bottom = NARROW, 44, 12, 40, 150
        height = top + round((a1 - a0) * 80) + bottom
        when = Scale(a0, a1, top, height - bottom)
        value = Scale(v0, v1, left, width - right)
    else:
        width, height, left, right, top, bottom = WIDE, 380, 58, 176, 28, 50
        when = Scale(a0, a1, left, width - right)
        value = Scale(v0, v1, height - bottom, top)
    plot_bottom = height - bottom  # the phone layout grows below it for longer end labels

    def xy(date: dt.date, v: float) -> tuple[float, float]:
        w, y = when(year_fraction(date)), value(v)
        return (y, w) if narrow else (w, y)

    lines, ends = [], []
    for subject in subjects:
        mine = sorted(
            (m for m in marks if m[0]["subject"] == subject), key=lambda m: m[0]["announced"]
        )
        pts = []
        for p, kind, v in mine:
            x, y = xy(p["announced"], v)
            pts.append(
                {
                    "x": x,
                    "y": y,
                    "kind": kind,
                    "label": p["label"],
                    "when": p["announced_label"],
                    "bound_path": bound_path(x, y, kind, narrow),
                }
            )
        lines.append(
            {
                "subject": subject,
                "cls": series[subject],
                "points": pts,
                "path": " ".join(
                    f"{'M' if i == 0 else 'L'}{q['x']} {q['y']}" for i, q in enumerate(pts)
                ),
            }
        )
        last = mine[-1][0]
        late = [words("plans-end-overdue")] if last.get("overdue") else []
        # Wide, the labels have the right margin; on a phone, about 144 units under the plot.
        room = 144 if narrow else right - 16 - 2 * HALO
        ends.append(
            {
                "lines": [
                    last.get("short") or subject,  # the short name of its newest announcement
                    *wrap(last["label"], room, LABEL_SIZE),
                    *late,
                ],
                "overdue": bool(late),
                "cls": series[subject],
                "x": pts[-1]["x"],
                "y": pts[-1]["y"],
            }
        )
    if narrow:
        stack_end_labels(ends, height - bottom + 34, width)
        height += 16 * sum(len(e["lines"]) - 2 for e in ends)
    else:
        extra = 16 * (max(len(e["lines"]) for e in ends) - 2)
        for e, y in zip(
            ends,
            spread([e["y"] for e in ends], 36 + extra, top + 6, height - bottom - 18 - extra),
            strict=True,
        ):
            e.update(lx=width - right + 16, ly=r1(y - 2), anchor="start")
    value_ticks = [
        {"pos": value(y + 0.5), "label": str(y), "line": value(y)} for y in range(v0, v1)
    ]
    years = range(math.ceil(a0), math.floor(a1) + 1)
    when_ticks = [{"pos": when(y), "label": str(y)} for y in years]
    if narrow:
        value_ticks = [t for t in value_ticks if int(t["label"]) % 2 == 0]
    today_pos = when(year_fraction(today))
    desc = words(
        "plans-desc",
        announcements="; ".join(
            words(
                "plans-desc-item", when=p["announced_label"], subject=p["subject"], named=p["label"]
            )
            for p in sorted(points, key=lambda p: p["announced"])
        ),
    )
    return {
        "id": "plans-chart-narrow" if narrow else "plans-chart",
        "narrow": narrow,
        "width": width,
        "height": height,
        "lines": lines,
        "ends": ends,
        "value_ticks": value_ticks,
        "when_ticks": when_ticks,
        "plot": {"left": left, "right": width - right, "top": top, "bottom": plot_bottom},
        "today": {
            "pos": today_pos,
            "label": words("plans-today", date=today.strftime("%-d %b %Y")),
        },
        "when_title": words("plans-axis-when"),
        "value_title": words("plans-axis-year"),
        # On a phone both axis titles head the drawing, where no leader runs: the time axis's
        # over its years on the left (time runs down), the year axis's at the right.
        "when_axis": {"x": 0, "y": 14, "anchor": "start"} if narrow else None,
        "value_axis": {"x": width - right, "y": 14, "anchor": "end"} if narrow else None,
        "title": words("plans-chart-title"),
        "desc": desc,
    }


def end_label_width(lines: list[str]) -> float:
    """How wide a plans chart end label is: its first line label-sized, the rest note-sized."""
    return max(
        len(line) * CHAR_EM * (LABEL_SIZE if i == 0 else NOTE_SIZE) for i, line in enumerate(lines)
    )


def end_label_box(e: dict) -> tuple:
    """(x0, y0, x1, y1) of a plans chart end label placed at (lx, ly), lines 16 apart, with
    the halo all round."""
    w = end_label_width(e["lines"])
    x0 = {"end": e["lx"] - w, "middle": e["lx"] - w / 2}.get(e["anchor"], e["lx"])
    bottom = e["ly"] + 16 * (len(e["lines"]) - 1) + 3
    return (x0 - HALO, e["ly"] - LABEL_SIZE - HALO, x0 + w + HALO, bottom + HALO)


def stack_end_labels(ends: list[dict], y: float, width: float) -> None:
    """On a phone: the end labels one under another below the plot, each hung on a leader that
    drops straight from its line's last point and ends beside the label's first line.

    A leader passes every label stacked above its own, so no label may reach across a later
    leader: the labels go left to right by where their leaders drop, each to the left of its
    leader (text-anchor end); one with no room there goes to its right, and those come last,
    right to left, where only leaders further left pass them. Each label is two lines (16
    apart) and a gap; a third ("overdue") pushes the rest down."""
    gap = 5

    def fits_left(e) -> bool:
        return e["x"] - gap - end_label_width(e["lines"]) - HALO >= 0

    left = sorted((e for e in ends if fits_left(e)), key=lambda e: e["x"])
    right = sorted((e for e in ends if not fits_left(e)), key=lambda e: -e["x"])
    for e in left + right:
        if fits_left(e):
            e.update(lx=r1(e["x"] - gap), anchor="end")
        else:
            most = width - HALO - end_label_width(e["lines"])
            e.update(lx=r1(min(e["x"] + gap, most)), anchor="start")
        e.update(ly=y, leader={"x1": e["x"], "y1": r1(e["y"] + 6), "x2": e["x"], "y2": y + 3})
        y += 34 + 16 * (len(e["lines"]) - 2)


# ---- (3) the lunar south pole --------------------------------------------------------------------


def stereographic(lat: float, lon: float) -> tuple[float, float]:
    """South polar stereographic projection on a unit sphere: (x, y), pole at the origin.

    The radius is 2·tan((90° + lat) / 2); 0° longitude points up and east runs clockwise, as on
    maps of the south pole with the near side at the top. y grows downwards, as in SVG. The
    projection is conformal, so craters stay round.
    """
    r = 2 * math.tan(math.radians(90 + lat) / 2)
    theta = math.radians(lon)
    return r * math.sin(theta), -r * math.cos(theta)


def scale_factor(lat: float) -> float:
    """How much the projection enlarges distances at a latitude (1 at the pole)."""
    r = 2 * math.tan(math.radians(90 + lat) / 2)
    return 1 + (r / 2) ** 2


def km_to_units(km: float, lat: float) -> float:
    return km / MOON_RADIUS_KM * scale_factor(lat)


TEXT_W = 7.4  # average width of a 13-unit UI character, for keeping labels apart


def overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_label(c: dict, taken: list, frame_box: tuple) -> None:
    """Put a crater's name below, right of, left of or above it: the first spot that clears
    the site marks and the names already placed (and stays inside the map)."""
    w, h = len(c["name"]) * TEXT_W, 14
    x, y, r = c["x"], c["y"], c["r"]
    spots = [
        (x, y + r + 13, "middle"),
        (x + r + 4, y + 4, "start"),
        (x - r - 4, y + 4, "end"),
        (x, y - r - 5, "middle"),
    ]
    if r > 25:
        spots.insert(0, (x, y + 4, "middle"))
    for lx, ly, anchor in spots:
        x0 = lx - w / 2 if anchor == "middle" else lx if anchor == "start" else lx - w
        box = (x0, ly - h + 3, x0 + w, ly + 3)
        inside = (
            box[0] >= frame_box[0]
            and box[2] <= frame_box[2]
            and box[1] >= frame_box[1]
            and box[3] <= frame_box[3]
        )
        if inside and not any(overlaps(box, t) for t in taken):
            taken.append(box)
            c.update(lx=r1(lx), ly=r1(ly), anchor=anchor)
            return
    c["show_label"] = False


def nice_km(limit: float) -> int:
    for km in (500, 200, 100, 50, 20, 10):
        if km <= limit:
            return km
    return 10


def south_pole_map(
    sites: list[dict], craters: list[dict], words: Words, narrow: bool = False
) -> dict:
    """A polar stereographic map cropped to the pole and the sites: craters drawn at their
    listed size, each site marked by kind, a graticule, a km scale bar and short notes.

    `sites` are dicts with mission, kind (landing, target, impact), lat, lon and note;
    `craters` have name, lat, lon, diameter_km.
    """
    located = [s for s in sites if s["lat"] is not None]
    if not located:
        return {}
    pts = [stereographic(s["lat"], s["lon"]) for s in located]
    pts += [stereographic(c["lat"], c["lon"]) for c in craters if not c.get("mission")]
    pts.append((0.0, 0.0))
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    pad = 0.06
    x0, x1, y0, y1 = min(xs) - pad, max(xs) + pad, min(ys) - pad, max(ys) + pad
    width = NARROW if narrow else WIDE
    margin = 8
    k = (width - 2 * margin) / (x1 - x0)
    map_h = (y1 - y0) * k
    height = r1(map_h + 2 * margin + (34 if narrow else 30))

    def at(lat, lon):
        px, py = stereographic(lat, lon)
        return r1(margin + (px - x0) * k), r1(margin + (py - y0) * k)

    frame = {"x": margin, "y": margin, "w": r1(width - 2 * margin), "h": r1(map_h)}
    cx, cy = at(-90, 0)
    circles = []
    for lat in range(-85, -54, 5):
        r = r1(-stereographic(lat, 0)[1] * k)
        lx, ly = at(lat, 3 if narrow else -4)
        circles.append(
            {
                "r": r,
                "label": f"{-lat}° S",
                "lx": lx,
                "ly": ly,
                "show_label": lat % 10 == 0 if narrow else True,
            }
        )
    meridians = []
    for lon in range(0, 91, 15):
        ax, ay = at(-89.99, lon)
        bx, by = at(-50, lon)
        edge = next(
            (
                (px, py)
                for px, py in (at(lat / 10, lon) for lat in range(-899, -500))
                if py < margin + 14 or px > width - margin - 30
            ),
            None,
        )
        # On a phone the caption's "0° longitude at the top" does the meridians' job.
        show = edge is not None and not narrow
        lx, ly = edge if edge else (0, 0)
        meridians.append(
            {
                "x1": ax,
                "y1": ay,
                "x2": bx,
                "y2": by,
                "label": f"{lon}° E" if lon else "0°",
                "lx": lx,
                "ly": r1(ly + 12 if ly < margin + 20 else ly + 4),
                "show_label": show,
            }
        )
    crater_marks = []
    for c in craters:
        if c.get("mission"):
            continue
        x, y = at(c["lat"], c["lon"])
        r = r1(max(km_to_units(c["diameter_km"] / 2, c["lat"]) * k, 2))
        crater_marks.append(
            {
                "name": c["name"],
                "x": x,
                "y": y,
                "r": r,
                "show_label": not narrow or c["diameter_km"] >= 60,
            }
        )
    marks = []
    for n, s in enumerate(located, start=1):
        x, y = at(s["lat"], s["lon"])
        marks.append({**s, "x": x, "y": y, "number": n})
    key = []
    if narrow:
        # Too little room for notes on a phone: each mark is numbered, the notes listed below.
        for m in marks:
            key.append(
                {"number": m["number"], "kind": m["kind"], "text": ", ".join(m["note_lines"])}
            )
            m["note_lines"] = [str(m["number"])]
            m["lx"], m["ly"], m["anchor"] = r1(m["x"] + 9), r1(m["y"] - 7), "start"
    else:
        # Short notes beside each mark, pushed apart vertically so they never overprint.
        ys_ = spread([m["y"] for m in marks], 30, margin + 14, margin + map_h - 20)
        for m, ly in zip(marks, ys_, strict=True):
            m["ly"] = ly
            m["lx"] = r1(m["x"] + (-12 if m["x"] > width * 0.55 else 12))
            m["anchor"] = "end" if m["x"] > width * 0.55 else "start"
    # Crater names go where they clear the site marks, the notes and each other.
    taken = [(m["x"] - 9, m["y"] - 9, m["x"] + 9, m["y"] + 9) for m in marks]
    for m in marks:
        w = max(len(line) for line in m["note_lines"]) * 8.2
        x0 = m["lx"] - w if m["anchor"] == "end" else m["lx"]
        taken.append((x0, m["ly"] - 13, x0 + w, m["ly"] + 15 * (len(m["note_lines"]) - 1) + 4))
    taken.append((cx - 6, cy - 22, cx + 90, cy + 6))  # "South pole"
    for lab in [c for c in circles if c["show_label"]] + [m for m in meridians if m["show_label"]]:
        w = len(lab["label"]) * TEXT_W
        taken.append((lab["lx"] - w / 2, lab["ly"] - 12, lab["lx"] + w / 2, lab["ly"] + 3))
    for c in sorted(crater_marks, key=lambda c: -c["r"]):
        place_label(c, taken, frame_box=(margin, margin, width - margin, margin + map_h))
    lat_mid = -75.0
    km = nice_km((width * 0.3) / (k * km_to_units(1, lat_mid)))
    bar_len = r1(k * km_to_units(km, lat_mid))
    scale = {
        "x": margin + 10,
        "y": r1(margin + map_h + 16),
        "w": bar_len,
        "label": words("km", km=km),
        "note": words("south-pole-scale-note", lat=f"{-lat_mid:g}"),
    }
    listed = "; ".join(
        words(
            "south-pole-desc-site",
            mission=m["mission"],
            kind=m["kind_label"].lower(),
            lat=m["lat_text"],
            lon=m["lon_text"],
        )
        for m in marks
    )
    desc = words(
        "south-pole-desc", sites=listed, craters=", ".join(c["name"] for c in crater_marks)
    )
    return {
        "id": "south-pole-map-narrow" if narrow else "south-pole-map",
        "narrow": narrow,
        "width": width,
        "height": height,
        "frame": frame,
        "pole": {"x": cx, "y": cy},
        "circles": circles,
        "meridians": meridians,
        "craters": crater_marks,
        "marks": marks,
        "scale": scale,
        "key": key,
        "title": words("south-pole-chart-title"),
        "desc": desc,
    }
