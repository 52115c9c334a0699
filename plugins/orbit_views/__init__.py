"""Stage 2, views: the values templates display, computed from the validated content.

Per page (`page.py`: glossary marking, table of contents, key facts, JSON-LD) and site-wide
(`views.py`: timeline, flights, missions, sources, navigation; `figures.py`: the SVG figures).
The Pelican receivers are in `plugin.py` (PLUGINS: `orbit_views.plugin`).
"""
