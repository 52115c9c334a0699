"""Warm rebuilds: copy last build's page instead of rendering it when nothing it is made of changed.

Every build renders into an empty staging folder (see build.py), so without this a one-word edit
re-renders all pages; rendering is half of a warm rebuild. Pelican 4.12 has no way to skip an
unchanged page (WRITE_SELECTED is gone), so a Writer subclass does it, given through Pelican's
`get_writer` signal. It runs only when the content cache is on (preview rebuilds), never in a
publish build.

What a page is made of, conservatively:
- every page: the settings, the theme, this plugin's code, the data files, and every article's
  and page's front matter and reading time (lists, cards, related links, the timeline and the
  sources index show those);
- an article or page: plus its own source file.
So a list template (home, archives, topics, tags) must never show an article's body text: it
would not be re-rendered when only that body changes. Ours show titles, summaries and dates.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from pelican import signals
from pelican.writers import Writer

from orbit_content.plugin import current_site as _site

MANIFEST = "orbit-render.json"


def _digest(*parts) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else str(part).encode())
        h.update(b"\0")
    return h.hexdigest()


def _tree(folder: Path) -> str:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return _digest(*(x for p in files for x in (p.relative_to(folder).as_posix(), p.read_bytes())))


def _plain(value) -> bool:
    """Settings values that print the same in every run (no object addresses)."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return True
    if isinstance(value, (list, tuple)):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False


def enabled(settings) -> bool:
    """Only with the content cache on, and never for a publish build (whose steps rewrite
    pages in place, which would reach through a hard link into the previous output)."""
    return bool(settings.get("CACHE_CONTENT") and settings.get("LOAD_CONTENT_CACHE")
                and settings.get("ORBIT_PREVIOUS_OUTPUT") and not settings.get("ORBIT_PUBLISH"))


class Reuse:
    """The keys of this build's pages, and last build's, read from the cache folder."""

    def __init__(self, settings):
        self.settings = settings
        self.previous = Path(settings["ORBIT_PREVIOUS_OUTPUT"])
        self.cache = Path(settings.get("CACHE_PATH", "cache"))
        self.old: dict[str, str] = {}
        manifest = self.cache / MANIFEST
        if manifest.is_file():
            try:
                data = json.loads(manifest.read_text(encoding="utf-8"))
            except ValueError:
                data = {}
            if data.get("output") == str(self.previous):
                self.old = data.get("keys", {})
        self.new: dict[str, str] = {}
        self.shared: str | None = None
        self.reused = 0

    def _shared(self, context) -> str:
        settings = self.settings
        site = _site(settings)
        documents = [c for key in ("articles", "pages", "drafts", "hidden_pages", "draft_pages")
                     for c in context.get(key, [])]
        fronts = []
        for content in sorted(documents, key=lambda c: c.source_path):
            doc = site.documents.get(Path(content.source_path).resolve()) if site else None
            minutes = getattr(content, "view", {}).get("reading_minutes")
            fronts.append(f"{content.source_path}|{doc.data if doc else ''}|{minutes}")
        plain = {k: v for k, v in settings.items()
                 if k not in {"OUTPUT_PATH", "ORBIT_PREVIOUS_OUTPUT"} and _plain(v)}
        data = Path(settings["PATH"]) / "data"
        return _digest(json.dumps(plain, sort_keys=True), _tree(Path(settings["THEME"])),
                       _tree(Path(__file__).parent.parent), _tree(data) if data.is_dir() else "",
                       *fronts)

    def key(self, name: str, template, context, kwargs) -> str:
        if self.shared is None:
            self.shared = self._shared(context)
        item = kwargs.get("article") or kwargs.get("page")
        own = (Path(item.source_path).read_bytes() if item is not None
               and getattr(item, "source_path", None) else b"")
        return _digest(self.shared, name, getattr(template, "name", template), own)

    def copy_previous(self, name: str, key: str, staging: str) -> bool:
        source = self.previous / name
        if self.old.get(name) != key or not source.is_file():
            return False
        target = Path(staging) / name
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            # Pages are never rewritten in place after they are written (publish steps are,
            # and publish builds do not reuse), so a hard link is as good as a copy.
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)
        self.reused += 1
        return True

    def save(self):
        """Write this build's keys beside the cache, to be adopted if the build succeeds."""
        self.cache.mkdir(parents=True, exist_ok=True)
        (self.cache / (MANIFEST + ".next")).write_text(
            json.dumps({"output": str(self.previous), "keys": self.new}), encoding="utf-8")


_CURRENT: list[Reuse] = []


class ReusingWriter(Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings)
        self.reuse = Reuse(self.settings)
        _CURRENT[:] = [self.reuse]

    def write_file(self, name, template, context, relative_urls=False, paginated=None,
                   template_name=None, override_output=False, url=None, **kwargs):
        paginates = bool(self.settings.get("DEFAULT_PAGINATION")) and template_name in \
            self.settings.get("PAGINATED_TEMPLATES", {})
        if not name or paginates:
            return super().write_file(name, template, context, relative_urls, paginated,
                                      template_name, override_output, url, **kwargs)
        key = self.reuse.key(name, template, context, kwargs)
        self.reuse.new[name] = key
        if self.reuse.copy_previous(name, key, self.output_path):
            # Plugins that listen for written pages (the sitemap) still hear of this one.
            signals.content_written.send(os.path.join(self.output_path, name), context=kwargs)
            return None
        return super().write_file(name, template, context, relative_urls, paginated,
                                  template_name, override_output, url, **kwargs)


def get_writer(pelican):
    return ReusingWriter if enabled(pelican.settings) else None


def save_keys(pelican):
    if _CURRENT and enabled(pelican.settings):
        _CURRENT[0].save()


def adopt(settings, succeeded: bool):
    """After a build: keep its keys if its output was swapped in, else forget them."""
    cache = Path(settings.get("CACHE_PATH", "cache"))
    pending = cache / (MANIFEST + ".next")
    if pending.is_file():
        if succeeded:
            pending.replace(cache / MANIFEST)
        else:
            pending.unlink()
