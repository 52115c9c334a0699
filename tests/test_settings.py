"""`./site check` reads the settings, Pelican's defaults and its slugs without importing Pelican:
each of those readings gives what Pelican itself gives, so neither can drift from Pelican."""

from __future__ import annotations

import locale
import subprocess
import sys

import pytest
from pelican.settings import DEFAULT_CONFIG
from pelican.settings import read_settings as pelican_read_settings
from pelican.utils import slugify as pelican_utils_slugify

from conftest import ROOT, SETTINGS, SITES
from orbit_content.settings import SettingsError, read_settings
from orbit_contract import pelican_defaults, pelican_slugify


@pytest.fixture(autouse=True)
def keep_the_locale():
    """Pelican's read_settings sets the process's locale from LOCALE ("C" in one case here);
    left so, every later test in this process decoded its subprocesses' output as ASCII and
    failed on the first em dash of a message."""
    saved = locale.setlocale(locale.LC_ALL)
    yield
    locale.setlocale(locale.LC_ALL, saved)


def test_pelicans_defaults_are_read_from_its_source_as_it_defines_them():
    assert pelican_defaults() == DEFAULT_CONFIG


@pytest.mark.parametrize(
    "overrides",
    [
        {},
        {"PATH": str(SITES / "valid" / "content")},
        {"THEME": str(SITES / "broken-theme"), "SITEURL": "https://example.org/"},
        {"ARTICLE_URL": "{date:%Y}/{slug}/", "DIRECT_TEMPLATES": "index"},
        {"THEME": "simple", "DEFAULT_LANG": "EN", "LOCALE": "C"},
    ],
)
def test_the_settings_are_those_pelican_reads(overrides):
    ours = read_settings(SETTINGS, dict(overrides))
    pelicans = pelican_read_settings(SETTINGS, override=dict(overrides))
    assert {k for k in ours.keys() | pelicans.keys() if ours.get(k) != pelicans.get(k)} == set()


def test_a_settings_file_given_by_a_relative_path_resolves_its_folders_the_same(monkeypatch):
    monkeypatch.chdir(ROOT / "tests")
    ours = read_settings("../pelican.conf.py")
    assert ours["PATH"] == pelican_read_settings("../pelican.conf.py")["PATH"]
    assert ours["PATH"] == str(ROOT / "content")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"PATH": "/no/such/content"}, "PATH: '/no/such/content' is not a folder"),
        ({"THEME": "no-such-theme"}, "THEME: 'no-such-theme' is not a folder"),
    ],
)
def test_a_folder_pelican_would_refuse_is_refused_in_one_line(overrides, message):
    with pytest.raises(ValueError):
        pelican_read_settings(SETTINGS, override=dict(overrides))
    with pytest.raises(SettingsError, match=message):
        read_settings(SETTINGS, dict(overrides))


def _site_names() -> list[str]:
    import yaml

    names = []
    for path in sorted((ROOT / "content").rglob("*.md")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        names += [str(meta.get("title", "")), str(meta.get("category", ""))]
        names += [str(tag) for tag in meta.get("tags") or []]
    return [name for name in names if name]


HARD = [
    "Луна-25 и Чандраян",
    "月球 south pole",
    "Ça va : l’été",
    "<em>Tagged</em> &amp; escaped",
    "snake_case and UPPER",
    "  spaced   out -- dashes ",
    "ﬁ ligature, ① circled",
    "émoji 🚀 rocket",
]


@pytest.mark.parametrize(
    "options",
    [{}, {"preserve_case": True}, {"use_unicode": True}, {"regex_subs": ()}],
)
def test_slugs_are_pelicans(options):
    names = [*_site_names(), *HARD]
    assert len(names) > 20
    subs = options.pop("regex_subs", DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    for name in names:
        assert pelican_slugify(name, subs, **options) == pelican_utils_slugify(
            name, regex_subs=subs, **options
        ), name


def test_check_does_not_import_pelican():
    # (Pygments it does import: Markdown's fenced code blocks import it for highlighting.)
    code = (
        "import sys; sys.path.insert(0, 'plugins')\n"
        "from orbit_cli.check import check\n"
        "assert check('pelican.conf.py') == 0\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'pelican', 'docutils', 'jinja2', 'bs4', 'dateutil'})\n"
        "print(loaded)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_unread_settings_are_found_as_the_full_scan_finds_them(tmp_path):
    from orbit_content.settings import file_values
    from orbit_content.validate.plausibility import _unread, known_settings

    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "base.html").write_text("{{ ONLY_IN_THE_THEME }} {{ XORBIT_NAV }} ORBIT_NAVX_")
    roots = [ROOT / "plugins", ROOT / "tasks.py", ROOT / "theme", theme]
    names = set(file_values(SETTINGS)) | {
        "ONLY_IN_THE_THEME",  # read by the theme only
        "TIMEZONE",  # read by Pelican's own modules, no default
        "SITEMAP",  # read by an installed plugin (pelican-sitemap) only
        "ORBIT_NAVX",  # a prefix of a real name's neighbour, never a whole word
        "ORBIT_NAVV",  # a typo
        "ABC",  # too short to be a setting name
        "DEFAULT_DATE_FROMAT",
    }
    assert _unread(names, roots) == names - known_settings(roots)
    assert _unread(names, roots) == {"ORBIT_NAVX", "ORBIT_NAVV", "ABC", "DEFAULT_DATE_FROMAT"}
