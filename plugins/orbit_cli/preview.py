"""The contributor's preview server: serve output/, rebuild on save, show build errors in the page.

livereload (the server Pelican's own task template uses) reloads the browser after each rebuild,
but would keep showing the last good pages after a broken save. Its static handler is extended
here so that, while the last build failed, every page is an error page listing the problems;
output/ itself is never touched by a failed build.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

from livereload import Server
from livereload.handlers import StaticFileHandler


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


def serve(output: Path, rebuild, watched: list[Path], host: str, port: int):
    """Serve `output` on host:port; call `rebuild()` (returns problem lines) on every change."""

    def on_change():
        PreviewHandler.problems = rebuild()
        if PreviewHandler.problems:
            print("\n".join(PreviewHandler.problems), file=sys.stderr)
        else:
            print("Rebuilt.", file=sys.stderr)

    PreviewHandler.root = output
    PreviewHandler.problems = rebuild()
    server = Server()
    server.SFH = PreviewHandler
    for path in watched:
        server.watch(str(path), on_change, delay=0.3)
    print(f"Serving http://{host}:{port}/ (Ctrl+C to stop)", file=sys.stderr)
    server.serve(host=host, port=port, root=str(output), open_url_delay=None)
