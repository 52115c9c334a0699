"""Stage 1, content: the content model, front matter with line numbers, validation, citations.

Everything here runs before Pelican renders a page, and most of it without Pelican at all
(`./site check` imports only `validate`). The Pelican receivers are in `plugin.py`, listed in
PLUGINS as `orbit_content.plugin`, so importing this package does not import Pelican.
"""
