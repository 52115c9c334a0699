"""`invoke serve` builds the site and serves it on 127.0.0.1 with live reload."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

from conftest import ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_builds_serves_and_injects_live_reload():
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "invoke", "serve", "--port", str(port)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline, html = time.monotonic() + 60, None
        while time.monotonic() < deadline and html is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    assert response.status == 200
                    html = response.read().decode()
            except OSError:
                assert server.poll() is None, server.stderr.read()
                time.sleep(0.3)
        assert html is not None, "server did not answer within 60 s"
        assert "<h1" in html
        assert "livereload.js" in html, "pages are not reloaded on rebuild"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/extra-soyuz-seat/", timeout=5) as page:
            assert page.status == 200
    finally:
        server.terminate()
        server.wait(timeout=10)
