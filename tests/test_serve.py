"""The preview server builds, serves on 127.0.0.1 with live reload, and shows a broken save."""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request

from conftest import SETTINGS, SITES, overlay_site, start_preview


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


def wait_for(predicate, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if result := predicate():
                return result
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError("timed out")


def test_preview_serves_reloads_and_shows_build_errors(tmp_path):
    content = overlay_site(SITES / "valid", tmp_path)
    output, port = tmp_path / "output", free_port()
    server = start_preview(content, output, port, tmp_path / "cache")
    base = f"http://127.0.0.1:{port}"
    try:
        status, html = wait_for(lambda: fetch(f"{base}/first-article/"))
        assert status == 200 and "<h1>A first article</h1>" in html
        assert "livereload.js" in html, "pages are not reloaded on rebuild"
        assert fetch(f"{base}/no-such-page/")[0] == 404

        article = content / "articles" / "first-article.md"
        article.write_text(article.read_text().replace("date: 2026-11-25", "date: 2023-02-30"))
        status, html = wait_for(lambda: (r := fetch(f"{base}/first-article/"))[0] == 500 and r)
        assert "The last save broke the build" in html
        assert "first-article.md:5: date: &#x27;2023-02-30&#x27; is not a real date" in html
        assert (output / "first-article" / "index.html").is_file(), "last good output was lost"
        assert fetch(f"{base}/first-article/?logged-once")[0] == 500

        article.write_text(article.read_text().replace("date: 2023-02-30", "date: 2026-11-25"))
        wait_for(lambda: fetch(f"{base}/first-article/")[0] == 200)
    finally:
        server.terminate()
        _, log = server.communicate(timeout=10)
    # livereload's handler and the build's (Pelican's) both printed every failed request.
    assert sum("500 GET /first-article/?logged-once" in line for line in log.splitlines()) == 1, log


def test_a_preview_rebuild_swaps_the_new_site_in_and_removes_the_old_one_after(tmp_path):
    from orbit_cli.build import build

    content = overlay_site(SITES / "valid", tmp_path)
    output = tmp_path / "output"
    overrides = {"PATH": str(content), "ORBIT_PAGEFIND": False}
    assert build(SETTINGS, str(output), overrides, quiet=True) == 0
    (output / "from-the-last-build.txt").write_text("old")
    assert build(SETTINGS, str(output), overrides, quiet=True, remove_old_later=True) == 0
    assert (output / "first-article" / "index.html").is_file()
    assert not (output / "from-the-last-build.txt").exists()
    wait_for(lambda: not list(tmp_path.glob(".output.old-*")), seconds=30)
