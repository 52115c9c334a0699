"""Bounds on the Markdown shapes that make Python-Markdown slow, checked before it parses a body.

The content-file limit (256 KB) keeps ordinary text fast, but some shapes cost far more than
their size, because Python-Markdown rescans a block once per marker or nests a call per level
(measured on a loaded two-core machine; tests/test_safety.py makes each shape and times
the check): 8 KB of unclosed '[' took 63 s,
a 15 KB link nested in itself 15 s, 250 KB of mixed '*_**__' 46 s, a 250 KB table 50 s, 120,000
'>' 4.8 s, and a list nested 350 levels deep ended in a RecursionError. No article needs any of
that, so each is refused at its line, before the parse, with what to write instead. The bounds
are far above anything the site's stories use (their largest paragraph is under 2 KB).
"""

from __future__ import annotations

import re

MAX_NESTING = 8  # levels of '>' quotes, or of lists inside lists
MAX_BRACKETS = 16  # '[' open at once inside one block
MAX_BLOCK_KB = 16  # one paragraph, table or HTML block (text between blank lines)
MAX_MARKERS = 256  # '*' and word-initial '_' in one block
MAX_MARKERS_IN_ALL = 4000  # … and in the whole text (each costs about 35 µs to parse)
MAX_UNCLOSED = 32  # '[' never closed in the whole text: each one rescans its block
# Links, images and citations ('['), table cells ('|') and list items in one file. Each costs
# Python-Markdown about a quarter of a millisecond (more on a loaded machine), so 256 KB of
# them took 8 to 24 s, and 2,000 list items near 2 s; the site's longest story has 35.
MAX_ELEMENTS = 1000

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
QUOTES = re.compile(r"^(?: {0,3}>)+")
LIST_ITEM = re.compile(r"^( *)(?:[-*+]|\d{1,9}[.)])(?: |$)")
MARKER = re.compile(r"\*|(?<!\w)_|_(?!\w)")


def problems(body: str, first_line: int) -> list[tuple[int, str, str]]:
    """(line, problem, fix) for each bound the body goes over: at most one of each kind."""
    found: dict[str, tuple[int, str, str]] = {}
    fence = None
    block_start, block_bytes, brackets, markers, elements, unclosed = 0, 0, 0, 0, 0, 0
    all_markers = 0
    indents: list[int] = []  # the list items' indents, outermost first

    def end_block():
        nonlocal block_bytes, brackets, markers, unclosed
        unclosed += brackets
        if unclosed > MAX_UNCLOSED:
            found.setdefault(
                "unclosed",
                (
                    block_start,
                    f"more than {MAX_UNCLOSED} '[' in the text are never closed",
                    "close each [ with ], or write \\[ for a bracket shown as it is",
                ),
            )
        block_bytes, brackets, markers = 0, 0, 0

    for index, line in enumerate(body.splitlines()):
        number = first_line + index
        opening = FENCE.match(line)
        if fence is not None:  # code: shown as written, never parsed inline
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            end_block()
            continue
        if not line.strip():
            end_block()
            continue
        if block_bytes == 0:
            block_start = number
        block_bytes += len(line.encode()) + 1
        if block_bytes > MAX_BLOCK_KB * 1024:
            found.setdefault(
                "block",
                (
                    block_start,
                    f"one paragraph or table here runs to over {MAX_BLOCK_KB} KB without a "
                    "blank line, more than the site reads in one block",
                    "split it with blank lines into shorter paragraphs (or tables)",
                ),
            )
        quotes = QUOTES.match(line)
        depth = quotes.group(0).count(">") if quotes else 0
        if depth > MAX_NESTING:
            found.setdefault(
                "quotes",
                (
                    number,
                    f"quotes nested {depth} deep ('>' {depth} times); the most is {MAX_NESTING}",
                    "quote once, and say in the text who is quoting whom",
                ),
            )
        item = LIST_ITEM.match(line[quotes.end() :] if quotes else line)
        if item:
            indent = len(item.group(1))
            while indents and indents[-1] >= indent:
                indents.pop()
            indents.append(indent)
            if len(indents) > MAX_NESTING:
                found.setdefault(
                    "lists",
                    (
                        number,
                        f"a list nested {len(indents)} levels deep; the most is {MAX_NESTING}",
                        f"use at most {MAX_NESTING} levels, or split the list",
                    ),
                )
        elif not line.startswith(" "):
            indents = []
        for char in re.findall(r"(?<!\\)[\[\]]", line):
            brackets = brackets + 1 if char == "[" else max(brackets - 1, 0)
            if brackets > MAX_BRACKETS:
                found.setdefault(
                    "brackets",
                    (
                        number,
                        f"more than {MAX_BRACKETS} '[' are open at once",
                        "close each [ with ], or write \\[ for a bracket shown as it is",
                    ),
                )
                break
        elements += line.count("[") + line.count("|") + (1 if item else 0)
        if elements > MAX_ELEMENTS:
            found.setdefault(
                "elements",
                (
                    number,
                    f"the text has more than {MAX_ELEMENTS} links, citations, table cells and "
                    "list items, more than one page may have",
                    "split it into several articles",
                ),
            )
        count = len(MARKER.findall(line))
        markers, all_markers = markers + count, all_markers + count
        if all_markers > MAX_MARKERS_IN_ALL:
            found.setdefault(
                "all markers",
                (
                    number,
                    f"the text has more than {MAX_MARKERS_IN_ALL} '*' and '_' marks",
                    "write \\* or \\_ for a mark shown as it is, or split the article",
                ),
            )
        if markers > MAX_MARKERS:
            found.setdefault(
                "markers",
                (
                    block_start,
                    f"one paragraph has more than {MAX_MARKERS} '*' and '_' marks",
                    "write \\* or \\_ for a mark shown as it is, or split the paragraph",
                ),
            )
    return sorted(found.values())
