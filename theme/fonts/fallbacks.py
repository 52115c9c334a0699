"""Make the fallback faces: system fonts resized to take the room of the site's web fonts.

While a web font downloads the browser shows the next font of the stack; when the web font
arrives, text set in a wider or taller fallback re-wraps and everything below it moves (layout
shift). Each fallback face here is a font the reader already has (`local()`), with
`size-adjust` so that the site's own text is as wide in it as in the web font, and
`ascent-override`, `descent-override` and `line-gap-override` so its lines are as tall and its
baseline sits where the web font's does. The rules are written into theme/styles/core/tokens.css
between the two "fallback faces" comments; the font stacks name the faces (--font-body,
--font-ui).

Run by hand when the web fonts or the fallbacks change, never during a build:

    apt-get install fonts-liberation   # the fallbacks measured here
    uv run --with fonttools==4.68.0 --with brotli --with uharfbuzz==0.57.0 \
        python theme/fonts/fallbacks.py

Widths are measured on the text of content/ (every article, page and data file), line by line
as HarfBuzz sets it with kerning and ligatures, as browsers do (Inter at each weight the theme
uses, from its variable instance), so the scale suits the words the site actually shows.
Figures get a face of their own (unicode-range U+0030-0039) where their scale differs: the
system fonts' figures are all one width, Inter's are not, and this site shows many numbers.
Vertical metrics: the web fonts' hhea ascender, descender and line gap (their OS/2 typo and win
values are the same, so every browser reads the same line); an override is a share of the font
size after `size-adjust`, so each is divided by the scale.

Liberation Sans has Arial's widths and Liberation Serif has Times New Roman's, so one measured
face serves both names of each `local()` list. Fonts not on this machine (Georgia, Cambria,
Segoe UI, Roboto, San Francisco) are not measured and get no face: where a reader has none of
the measured fonts, the stack goes on to them unadjusted.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import uharfbuzz as hb
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

ROOT = Path(__file__).resolve().parent.parent.parent
WEB = ROOT / "theme" / "static" / "fonts"
TOKENS = ROOT / "theme" / "styles" / "core" / "tokens.css"
SYSTEM = Path("/usr/share/fonts/truetype")
BEGIN = "/* fallback faces: made by theme/fonts/fallbacks.py, do not edit by hand */"
END = "/* end of fallback faces */"
DIGITS = set("0123456789")


# System fonts measured: file, and the full names (local() matches them in every browser) of the
# fonts with its widths: Windows and macOS have Arial and Times New Roman, most Linux systems
# Liberation. Every face costs bytes in every stylesheet, so there are no others (DejaVu, on
# Linux systems without Liberation; Arimo and Tinos, on ChromeOS).
SANS = ("liberation/LiberationSans-Regular.ttf", ["Arial", "Liberation Sans"])
SANS_BOLD = ("liberation/LiberationSans-Bold.ttf", ["Arial Bold", "Liberation Sans Bold"])
SERIF = ("liberation/LiberationSerif-Regular.ttf", ["Times New Roman", "Liberation Serif"])
SERIF_ITALIC = (
    "liberation/LiberationSerif-Italic.ttf",
    ["Times New Roman Italic", "Liberation Serif Italic"],
)
SERIF_BOLD = (
    "liberation/LiberationSerif-Bold.ttf",
    ["Times New Roman Bold", "Liberation Serif Bold"],
)

# (family of the fallback face, the web font it stands in for: file, wght of a variable
#  font, style; the face's weight; the system font). Inter is one variable file, measured at
# each weight the theme sets (UI text 400, menu 600, headings 700, site name 800); the system
# fonts' bold stands in from 600 up.
FACES = [
    *[
        ("Inter fallback", ("inter-ui.woff2", w, "normal"), w, SANS if w < 600 else SANS_BOLD)
        for w in (400, 600, 700, 800)
    ],
    ("Orbit Serif fallback", ("serif-regular.woff2", None, "normal"), 400, SERIF),
    ("Orbit Serif fallback", ("serif-italic.woff2", None, "italic"), 400, SERIF_ITALIC),
    ("Orbit Serif fallback", ("serif-bold.woff2", None, "normal"), 700, SERIF_BOLD),
]


def corpus() -> list[str]:
    """The site's text, line by line (markup and front matter keys too: they are a small share
    and the same letters)."""
    lines = []
    for path in sorted((ROOT / "content").rglob("*")):
        if path.suffix in (".md", ".yaml"):
            text = re.sub(r"\[@[^\]]*\]|https?://\S+", "", path.read_text(encoding="utf-8"))
            lines += [line.strip() for line in text.splitlines() if line.strip()]
    return lines


def load(path: Path, wght: int | None) -> TTFont:
    font = TTFont(path)
    if wght is not None and "fvar" in font:
        font = instancer.instantiateVariableFont(font, {"wght": wght})
        buffer = io.BytesIO()
        font.save(buffer)
        buffer.seek(0)
        font = TTFont(buffer)
    return font


def width(font: TTFont, lines: list[str], chars: set[str]) -> float:
    """The text's width in em as HarfBuzz sets it (kerning and ligatures, as browsers do),
    counting only characters both fonts have."""
    buffer = io.BytesIO()
    font.flavor = None  # HarfBuzz reads TrueType, not WOFF2
    font.save(buffer)
    face = hb.Font(hb.Face(buffer.getvalue()))
    total = 0
    for line in lines:
        text = "".join(ch for ch in line if ch in chars)
        if not text:
            continue
        run = hb.Buffer()
        run.add_str(text)
        run.guess_segment_properties()
        hb.shape(face, run, {"kern": True, "liga": True})
        total += sum(g.x_advance for g in run.glyph_positions)
    return total / font["head"].unitsPerEm


def metrics(font: TTFont) -> tuple[float, float, float]:
    hhea, upm = font["hhea"], font["head"].unitsPerEm
    return hhea.ascent / upm, -hhea.descent / upm, hhea.lineGap / upm


def percent(value: float) -> str:
    return f"{value * 100:.2f}%"


def overrides(scale: float, vertical: tuple[float, float, float]) -> str:
    """The descriptors that give a system face the web font's width and line."""
    ascent, descent, gap = (m / scale for m in vertical)
    return (
        f"size-adjust: {percent(scale)}; ascent-override: {percent(ascent)}; "
        f"descent-override: {percent(descent)}; line-gap-override: {percent(gap)};"
    )


def rules() -> str:
    text = corpus()
    lines = [BEGIN]
    for family, (web_file, wght, style), weight, (system_file, local) in FACES:
        web, system = load(WEB / web_file, wght), load(SYSTEM / system_file, None)
        chars = set(web.getBestCmap()) & set(system.getBestCmap())
        chars = {chr(c) for c in chars}
        scale = width(web, text, chars) / width(system, text, chars)
        src = ", ".join(f'local("{n}")' for n in local)
        face = f'font-family: "{family}"; src: {src}; font-weight: {weight}'
        if style != "normal":
            face += f"; font-style: {style}"
        lines.append(f"@font-face {{ {face}; {overrides(scale, metrics(web))} }}")
        # Figures get a scale of their own: the system fonts' figures are all one width, the
        # web fonts' are not, and numbers are big on this site (key numbers, dates).
        digits = {ch for ch in chars if ch in DIGITS}
        figures = width(web, text, digits) / width(system, text, digits)
        if abs(figures - scale) > 0.002:
            lines.append(
                f"@font-face {{ {face}; unicode-range: U+0030-0039; "
                f"{overrides(figures, metrics(web))} }}"
            )
    lines.append(END)
    return "\n".join(lines)


def main() -> int:
    for *_, (system_file, _local) in FACES:
        if not (SYSTEM / system_file).exists():
            print(f"{SYSTEM / system_file}: missing — apt-get install fonts-liberation")
            return 1
    css = TOKENS.read_text(encoding="utf-8")
    if BEGIN not in css or END not in css:
        print(f"{TOKENS}: the two 'fallback faces' comments are missing — put them back")
        return 1
    head, rest = css.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
    faces = rules()
    TOKENS.write_text(head + faces + tail, encoding="utf-8")
    print(f"{TOKENS.relative_to(ROOT)}: {faces.count('@font-face')} fallback faces written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
