"""Make the site's web fonts: Latin and Cyrillic subsets of two open-licence families, as WOFF2.

Run by hand when the fonts change, never during a build; the WOFF2 files it writes to
theme/static/fonts/ are committed, so building the site needs neither fontTools nor the fonts.

    apt-get install fonts-sil-charis fonts-inter-variable   # Debian's packages (SIL OFL 1.1)
    uv run --with fonttools==4.68.0 --with brotli python theme/fonts/subset.py

- Charis SIL (text serif, Charter's design, which the stylesheet already asked for first):
  regular, italic and bold, static files. "Charis" and "SIL" are Reserved Font Names, and the
  OFL FAQ (2.6) counts a subset as a Modified Version, so our files are renamed "Orbit Serif"
  inside (name table), keeping SIL's copyright and the licence notice.
- Inter (UI sans): the variable roman, cut down to the weights the theme uses (400–800) and
  so one file serves every UI weight.
Subsets: Basic Latin, Latin-1, Latin Extended-A, Cyrillic (Russian, Ukrainian, Kazakh
letters), general punctuation, and the few symbols the pages show (№, arrows, minus).
Layout features kept: kerning, ligatures, marks, and the figures the stylesheets ask for (tabular
for tables, lining and proportional in text); old-style figures, fractions, superiors and
case-sensitive forms are left out, as no rule asks for them (Inter's file is 3 KB lighter).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

OUT = Path(__file__).resolve().parent.parent / "static" / "fonts"
CHARIS = Path("/usr/share/fonts/truetype/charis")
INTER = Path("/usr/share/fonts/truetype/inter-vf/Inter-roman.var.ttf")

UNICODES = (
    "U+0020-007E,U+00A0-017F,U+0192,U+02BC,U+02C6,U+02DA,U+02DC,U+0300-0301,"
    "U+0400-045F,U+0490-0491,U+0492-0493,U+049A-049B,U+04A2-04A3,U+04AE-04B1,U+04BA-04BB,"
    "U+04D8-04D9,U+04E8-04E9,U+2000-206F,U+2070-209F,U+20AC,U+20BD,U+2116,U+2122,"
    "U+2190-2195,U+21A9,U+2212,U+2215,U+2248,U+2260,U+2264-2265,U+FEFF,U+FFFD"
)
FEATURES = "kern,liga,clig,calt,ccmp,locl,mark,mkmk,tnum,lnum,pnum"

# (source, output name, variable-axis limits or None, new family name or None)
FACES = [
    (CHARIS / "CharisSIL-Regular.ttf", "serif-regular.woff2", None, "Orbit Serif"),
    (CHARIS / "CharisSIL-Italic.ttf", "serif-italic.woff2", None, "Orbit Serif"),
    (CHARIS / "CharisSIL-Bold.ttf", "serif-bold.woff2", None, "Orbit Serif"),
    (INTER, "inter-ui.woff2", {"wght": (400, 800)}, None),
]
# name IDs kept: copyright, family, style, unique id, full name, version, PostScript name,
# licence, licence URL, typographic family and style.
NAME_IDS = [0, 1, 2, 3, 4, 5, 6, 13, 14, 16, 17]


def rename(font: TTFont, family: str) -> None:
    """Give a Modified Version its own family name (OFL condition 3, Reserved Font Names)."""
    table = font["name"]
    style = table.getDebugName(2) or "Regular"
    postscript = f"{family.replace(' ', '')}-{style.replace(' ', '')}"
    for record in list(table.names):
        if record.nameID in (1, 16):
            record.string = family
        elif record.nameID in (3, 4):
            record.string = f"{family} {style}"
        elif record.nameID == 6:
            record.string = postscript
        elif record.nameID == 17:
            record.string = style


def make(source: Path, name: str, axes: dict | None, family: str | None) -> int:
    font = TTFont(source)
    if axes:
        font = instancer.instantiateVariableFont(font, axes)
        buffer = io.BytesIO()  # saved and reopened: the subsetter needs every glyph loaded
        font.save(buffer)
        buffer.seek(0)
        font = TTFont(buffer)
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = FEATURES.split(",")
    options.name_IDs = NAME_IDS
    options.notdef_outline = True
    options.hinting = False  # browsers on screens this size ignore TrueType hints
    options.desubroutinize = True
    options.drop_tables += ["Silt"]  # Graphite tables: no browser uses them
    sub = subset.Subsetter(options)
    sub.populate(unicodes=subset.parse_unicodes(UNICODES))
    sub.subset(font)
    if family:
        rename(font, family)
    target = OUT / name
    subset.save_font(font, str(target), options)
    return target.stat().st_size


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for source, name, axes, family in FACES:
        if not source.exists():
            print(f"{source}: missing — apt-get install fonts-sil-charis fonts-inter-variable")
            return 1
        print(f"{name}: {make(source, name, axes, family) / 1024:.1f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
