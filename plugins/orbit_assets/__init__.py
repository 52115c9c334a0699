"""Stage 3, assets: files made after (or beside) the rendered pages.

CSS bundles (`stylesheets.py`), robots.txt and the Pagefind index (`sitefiles.py`), and the
production-only steps (`publish.py`: minify, fingerprint, headers). The Pelican receivers are
in `plugin.py` (PLUGINS: `orbit_assets.plugin`); `publish.py` is added by a publish build.
"""
