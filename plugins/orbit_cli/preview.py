"""The contributor's preview server: serve output/, rebuild on save, show build errors in the page.

livereload (the server Pelican's own task template uses) reloads the browser after each rebuild,
but would keep showing the last good pages after a broken save. Its static handler is extended
here so that, while the last build failed, every page is an error page listing the problems;
output/ itself is never touched by a failed build.
"""

from __future__ import annotations

import html
import logging
import socket
import sys
import threading
from pathlib import Path

import watchfiles
from livereload import Server
from livereload.handlers import StaticFileHandler
from livereload.watcher import Watcher
from tornado.ioloop import IOLoop


class PreviewHandler(StaticFileHandler):
    """Serve output/, or the problems of the last build while it is broken."""

    problems: list[str] = []
    root: Path = Path("output")

    async def get(self, path, include_body=True):
        if PreviewHandler.problems:
            self.set_status(500)
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(error_page(PreviewHandler.problems))
            return
        await super().get(path, include_body)

    def write_error(self, status_code, **kwargs):
        page = PreviewHandler.root / "404.html"
        if status_code == 404 and page.is_file():
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(page.read_bytes())
        else:
            super().write_error(status_code, **kwargs)


def error_page(problems: list[str]) -> str:
    items = "\n".join(f"<li><code>{html.escape(p)}</code></li>" for p in problems)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Build failed · Orbit Exchange preview</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font:1rem/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}}
h1{{color:#a11}}li{{margin:.5rem 0}}code{{white-space:pre-wrap}}</style></head>
<body><main><h1>The last save broke the build</h1>
<p>Fix these and save again; this page reloads by itself. Your last good build is kept.</p>
<ol>{items}</ol></main></body></html>"""


class NotifyWatcher(Watcher):
    """livereload's watcher, woken by the system's file events (watchfiles, which Pelican itself
    depends on) instead of scanning every watched file every 0.8 s: a save starts the rebuild
    within a few milliseconds."""

    def start(self, callback):
        loop = IOLoop.current()
        paths = [p for p in self._tasks if Path(p).exists()]

        def wait_for_changes():
            for _ in watchfiles.watch(*paths, debounce=30, step=10):
                loop.add_callback(callback)

        threading.Thread(target=wait_for_changes, daemon=True).start()
        # livereload queues a first "reload" entry that the next examination only consumes;
        # consume it now (and record the files' times), so the first save is seen too.
        loop.add_callback(callback)
        return True


class PreviewServer(Server):
    """livereload's server, each of its log lines printed once. livereload gives the 'tornado'
    and 'livereload' loggers a handler of their own, and the build has given the root logger
    Pelican's: every request that failed ("500 GET /…") was printed by both."""

    def _setup_logging(self):
        super()._setup_logging()
        for name in ("tornado", "livereload"):
            logging.getLogger(name).propagate = False


def port_in_use(host: str, port: int) -> bool:
    """Whether another server already listens there (tornado would fail only after the build,
    with a traceback, while the other server went on answering)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return True
    return False


def serve(output: Path, rebuild, watched: list[Path], host: str, port: int) -> int:
    """Serve `output` on host:port; call `rebuild()` (returns problem lines) on every change.

    Returns 3 at once, with one line, when the port is taken."""
    if port_in_use(host, port):
        print(
            f"serve: port {port} on {host} is already in use — stop the other server, or "
            f"choose another port: ./site serve --port {port + 1}",
            file=sys.stderr,
        )
        return 3

    def on_change():
        # The build has printed its problems already; the page shows them too.
        PreviewHandler.problems = rebuild()
        if not PreviewHandler.problems:
            print("Rebuilt.", file=sys.stderr)

    PreviewHandler.root = output
    PreviewHandler.problems = rebuild()
    server = PreviewServer(watcher=NotifyWatcher())
    server.SFH = PreviewHandler
    for path in watched:
        server.watch(str(path), on_change, delay=0.3)
    print(f"Serving http://{host}:{port}/ (Ctrl+C to stop)", file=sys.stderr)
    server.serve(host=host, port=port, root=str(output), open_url_delay=None)
    return 0
