"""Read YAML with the line of every value, so each problem can name its line.

pelican-yaml-metadata reads front matter for Pelican but keeps no positions and, on malformed
YAML, logs an error and drops the article while Pelican exits 0. The validator reads the same
files first with this module, so a contributor gets `file:line` instead of a silent gap.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

FENCE = re.compile(r"^(?:---|\.\.\.)\s*$")

# PyYAML's wording of common mistakes, mapped to what a contributor should do about them.
YAML_FIXES = [
    ("found character '\\t'", "indent with spaces, not tabs"),
    ("mapping values are not allowed here", "put the value in double quotes (it contains ': ')"),
    ("found unexpected end of stream", "close the quote that was opened on this line"),
    ("could not find expected ':'", "add ': ' after the field name, or quote the value"),
    ("found undefined alias", "quote the value: YAML reads a leading '*' as an alias"),
    ("expected <block end>", "check the indentation: list items and fields must line up"),
    ("found duplicate key", "remove one of the two"),
    ("while scanning a quoted scalar", "close the quote"),
]


class FrontMatterError(Exception):
    """The file's YAML cannot be read at all."""

    def __init__(self, line: int | None, message: str, fix: str):
        super().__init__(message)
        self.line, self.message, self.fix = line, message, fix


@dataclass
class Document:
    """A parsed content file: its data, where each value sits, and its Markdown body."""

    path: Path
    data: dict
    lines: dict[tuple, int] = field(default_factory=dict)
    body: str = ""
    body_start: int = 1  # line number of the body's first line in the file

    def line_of(self, loc: tuple) -> int | None:
        """The line of the value at `loc`, or of its nearest ancestor that has one."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that rejects duplicate keys, which PyYAML would silently overwrite."""


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same, on libyaml: used first; a file it rejects is parsed again by the pure-Python
    loader, whose error messages YAML_FIXES knows."""


def _construct_mapping(loader, node, deep=False):
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"found duplicate key '{key}'", key_node.start_mark
            )
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


def _construct_timestamp(loader, node):
    """Keep an impossible date like 2023-02-30 as text, for the schema to report with its line.

    PyYAML raises a bare ValueError (no line) when a date-shaped value is not a real date.
    """
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_UniqueKeyLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_FastLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def _compose_construct(text: str, loader_class):
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def _positions(node, loc=(), out=None) -> dict[tuple, int]:
    """Map each path (('sources', 2, 'url')) to the 1-based line of its key or item."""
    out = {} if out is None else out
    out.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key_loc = loc + (key_node.value,)
            out[key_loc] = key_node.start_mark.line + 1
            _positions(value_node, key_loc, out)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            out[loc + (index,)] = item.start_mark.line + 1
            _positions(item, loc + (index,), out)
    return out


def _refuse_aliases(text: str, first_line: int):
    """An alias (*name) repeats a value without writing it out: nine nested aliases of nine
    make a billion values ("billion laughs"), which took the checker 97 s and all the memory.
    Content never needs them, so the first one is refused at its line."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.AliasEvent):
                raise FrontMatterError(
                    event.start_mark.line + first_line,
                    f"YAML alias '*{event.anchor}' is not allowed",
                    "write the value out in full; content files may not use &anchors and *aliases",
                )
    finally:
        loader.dispose()


def load_yaml(text: str, first_line: int = 1) -> tuple[object, dict[tuple, int]]:
    """Parse YAML text; return the data and the line of every value (offset by first_line)."""
    try:
        try:
            node, data = _compose_construct(text, _FastLoader)
        except yaml.YAMLError:
            node, data = _compose_construct(text, _UniqueKeyLoader)  # for its messages
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + first_line if mark else None
        problem = err.problem or err.context or "cannot be read"
        fix = next((f for pattern, f in YAML_FIXES if pattern in str(err)), "check the YAML syntax")
        raise FrontMatterError(line, f"YAML error: {problem}", fix) from None
    except yaml.YAMLError as err:
        raise FrontMatterError(None, f"YAML error: {err}", "check the YAML syntax") from None
    if node is None:
        return None, {}
    if "*" in text:
        _refuse_aliases(text, first_line)
    lines = {loc: line + first_line - 1 for loc, line in _positions(node).items()}
    return data, lines


def read_markdown(path: Path) -> Document:
    """Split a Markdown file into YAML front matter and body, and parse the front matter."""
    # utf-8-sig drops a byte-order mark, as Pelican's reader does (it hid the opening '---').
    text = path.read_text(encoding="utf-8-sig")
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None or lines[start].rstrip() != "---":
        raise FrontMatterError(
            1, "is missing", "start the file with a line '---', then the fields, then '---'"
        )
    end = next((i for i in range(start + 1, len(lines)) if FENCE.match(lines[i])), None)
    if end is None:
        raise FrontMatterError(
            start + 1,
            "is not closed",
            "add a line with --- after the last field, before the article text",
        )
    data, positions = load_yaml("".join(lines[start + 1 : end]), first_line=start + 2)
    if not isinstance(data, dict):
        raise FrontMatterError(start + 2, *_not_fields(data))
    return Document(path, data, positions, "".join(lines[end + 1 :]), end + 2)


def _not_fields(data) -> tuple[str, str]:
    """(problem, fix) for front matter that parsed as something other than 'field: value' lines."""
    if data is None:
        return "has no fields", "write one 'field: value' per line between the two '---' lines"
    if isinstance(data, list):
        return (
            "is a YAML list (lines starting with '- '), not fields",
            "remove the '- ' in front of each field, so each line reads 'field: value'",
        )
    return (
        "is a single value, not fields",
        "write one 'field: value' per line, like title: \"Why the lunar south pole\"",
    )


def read_data(path: Path) -> Document:
    """Parse a data collection file (plain YAML)."""
    data, positions = load_yaml(path.read_text(encoding="utf-8-sig"))
    return Document(path, data if data is not None else {}, positions)


class ParseCache:
    """Parsed files and converted bodies from the last build, reused while unchanged.

    Used only with the content cache on (preview rebuilds, --cache): parsing every front matter
    and converting every body is most of validating a site where one file changed. A file is
    reused while its size and mtime are unchanged; a conversion while its key is (the body,
    where it starts, and everything else the conversion reads: see validate.body.converted).
    A cache that cannot be read is an empty cache.
    """

    NAME = "orbit-parsed.pickle"

    def __init__(self, folder: Path | None):
        self.path = Path(folder) / self.NAME if folder else None
        self.entries: dict[str, tuple] = {}
        self.bodies: dict[bytes, object] = {}
        self.used: dict[str, tuple] = {}
        self.used_bodies: dict[bytes, object] = {}
        if self.path and self.path.is_file():
            try:
                saved = pickle.loads(self.path.read_bytes())
                self.entries, self.bodies = saved["files"], saved["bodies"]
            except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
                self.entries, self.bodies = {}, {}
            except KeyError:  # a cache of another shape
                self.entries, self.bodies = {}, {}

    def read(self, path: Path, reader) -> Document:
        if self.path is None:
            return reader(path)
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size, reader.__name__)
        cached = self.entries.get(str(path))
        doc = cached[1] if cached and cached[0] == stamp else reader(path)
        self.used[str(path)] = (stamp, doc)
        return doc

    def converted(self, key: bytes, convert):
        """convert(), or what it gave for the same key last time. The caller must not change
        what it is given: the same object is saved for the next build."""
        if self.path is None:
            return convert()
        found = self.bodies[key] if key in self.bodies else convert()
        self.used_bodies[key] = found
        return found

    def save(self):
        """Write what this build used. The file is replaced whole (written beside it, then
        renamed): a check and the preview's rebuild may run at once, and the reader of a half
        written file would start empty. A cache that cannot be written is no cache: nothing
        the build or check reports depends on it."""
        if self.path is None:
            return
        saved = {"files": self.used, "bodies": self.used_bodies}
        partial = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(pickle.dumps(saved, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(partial, self.path)
        except OSError:
            with contextlib.suppress(OSError):  # (no folder to write in: nothing was written)
                partial.unlink(missing_ok=True)
