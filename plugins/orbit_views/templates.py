"""The theme compiled once per build, however many generators render it.

Pelican gives each generator (articles, pages, static, template pages) its own Jinja
environment, so every template both articles and pages use (base.html, the partials and
macros) was compiled twice: compiling the theme was a third of a cold build of the real site.
A bytecode cache that keeps the compiled code in memory, for this build only, lets the second
environment reuse what the first compiled. Across builds (the preview), the runner's
FileSystemBytecodeCache in the cache folder is used instead and left alone.
"""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class BuildBytecode(BytecodeCache):
    """Compiled templates by name and source checksum, in memory."""

    def __init__(self):
        self.code: dict[str, tuple[str, object]] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        found = self.code.get(bucket.key)
        if found is not None and found[0] == bucket.checksum:
            bucket.code = found[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = (bucket.checksum, bucket.code)


def share_compiled_theme(pelican):
    """Before the generators make their environments: one bytecode cache for all of them, and
    no up-to-date check of each template on every use (every build makes new environments)."""
    settings = pelican.settings
    jinja = dict(settings.get("JINJA_ENVIRONMENT") or {})
    jinja.setdefault("bytecode_cache", BuildBytecode())
    jinja.setdefault("auto_reload", False)
    settings["JINJA_ENVIRONMENT"] = jinja
