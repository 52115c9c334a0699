"""The build's settings as Pelican's read_settings makes them, without importing Pelican.

`./site check`, `./site stale` and the tasks need the settings file's values and some of
Pelican's defaults (the URL and save-as patterns the link checks resolve against, MARKDOWN,
DIRECT_TEMPLATES, STATIC_PATHS). `from pelican.settings import read_settings` imports all of
Pelican first (about half a second, more than the whole check), so the same steps are taken
here: the file's upper-case names, the overrides, the folders made absolute against the
settings file's folder, Pelican's defaults (orbit_contract.pelican_defaults) for the rest, and
the parts of Pelican's configure_settings that change a value. tests/test_settings.py compares
the result with Pelican's own read_settings for the project's file.

The build itself (orbit_cli/build.py) still uses Pelican's read_settings: it runs Pelican anyway.
"""

from __future__ import annotations

import copy
import os
import runpy
from pathlib import Path

from orbit_contract import pelican_defaults, pelican_folder

# The folders Pelican resolves against the settings file's folder (read_settings' getabs).
FOLDERS = ("PATH", "OUTPUT_PATH", "THEME", "CACHE_PATH")
# Settings that must be lists; Pelican falls back to its default for a string (configure_settings).
LISTS = (
    "ARTICLE_EXCLUDES",
    "DEFAULT_METADATA",
    "DIRECT_TEMPLATES",
    "THEME_TEMPLATES_OVERRIDES",
    "FILES_TO_COPY",
    "IGNORE_FILES",
    "PAGINATED_DIRECT_TEMPLATES",
    "PLUGINS",
    "STATIC_EXCLUDES",
    "STATIC_PATHS",
    "THEME_STATIC_PATHS",
    "ARTICLE_PATHS",
    "PAGE_PATHS",
)


class SettingsError(ValueError):
    """A settings value Pelican would refuse (no content folder, no such theme): one line."""


def file_values(settings_file: str | Path) -> dict:
    """The settings file's own upper-case names. The file is Python, run as Pelican runs it."""
    return {k: v for k, v in runpy.run_path(str(settings_file)).items() if k.isupper()}


def read_settings(settings_file: str | Path, overrides: dict | None = None) -> dict:
    """What pelican.settings.read_settings(settings_file, override=overrides) returns, for every
    value the checks read; raises SettingsError where Pelican raises ValueError."""
    settings = {**file_values(settings_file), **(overrides or {})}
    folder = os.path.dirname(settings_file)
    for key in FOLDERS:
        if settings.get(key) is not None:
            absolute = _absolute(folder, settings[key])
            # THEME may be the name of one of Pelican's bundled themes rather than a path.
            if key != "THEME" or os.path.exists(absolute):
                settings[key] = absolute
    if settings.get("PLUGIN_PATHS") is not None:
        settings["PLUGIN_PATHS"] = [_absolute(folder, p) for p in settings["PLUGIN_PATHS"]]
    defaults = pelican_defaults()
    settings = {**copy.deepcopy(defaults), **settings}
    return _configure(settings, defaults)


def _absolute(folder: str, path) -> str:
    """As Pelican's getabs: against the settings file's folder, '..' collapsed, links kept."""
    path = str(path)
    if os.path.isabs(path):
        return path
    return os.path.abspath(os.path.normpath(os.path.join(folder, path)))


def _configure(settings: dict, defaults: dict) -> dict:
    """The value-changing steps of pelican.settings.configure_settings."""
    if "PATH" not in settings or not Path(settings["PATH"]).is_dir():
        raise SettingsError(
            f"PATH: '{settings.get('PATH')}' is not a folder — set PATH to the folder that "
            "holds articles/, pages/ and data/"
        )
    if not Path(settings["THEME"]).is_dir():
        bundled = pelican_folder() / "themes" / str(settings["THEME"])
        if not bundled.exists():
            raise SettingsError(
                f"THEME: '{settings['THEME']}' is not a folder — set THEME to the theme's folder"
            )
        settings["THEME"] = str(bundled)
    css = settings.get("CSS_FILE")
    if css and not any(
        (Path(settings["THEME"]) / static / "css" / css).is_file()
        for static in settings.get("THEME_STATIC_PATHS", ["static"])
    ):
        settings["CSS_FILE"] = ""
    if "DEFAULT_LANG" in settings:
        settings["DEFAULT_LANG"] = settings["DEFAULT_LANG"].lower()
    jinja = settings.setdefault("JINJA_ENVIRONMENT", defaults["JINJA_ENVIRONMENT"])
    for key, value in defaults["JINJA_ENVIRONMENT"].items():
        jinja.setdefault(key, value)
    if isinstance(settings.get("LOCALE"), str):
        settings["LOCALE"] = [settings["LOCALE"]]
    for key in ("OUTPUT_SOURCES_EXTENSION", "FILENAME_METADATA"):
        if key in settings and not isinstance(settings[key], str):
            settings[key] = defaults[key]
    if "SITEURL" in settings:
        settings["SITEURL"] = settings["SITEURL"].removesuffix("/")
        settings.setdefault("FEED_DOMAIN", settings["SITEURL"])
    for key in LISTS:
        if isinstance(settings.get(key), str):
            settings[key] = defaults[key]
    for mine, other in (("ARTICLE", "PAGE"), ("PAGE", "ARTICLE")):
        if f"{mine}_PATHS" in settings and f"{other}_EXCLUDES" in settings:
            excludes = settings[f"{other}_EXCLUDES"]
            excludes += [p for p in settings[f"{mine}_PATHS"] if p not in excludes]
    return settings
