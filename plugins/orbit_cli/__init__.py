"""The command line (`python -m orbit_cli`, and the tasks): check, build, serve, new, docs.

Not a Pelican plugin: it runs Pelican (build.py), the preview server (preview.py), the
scaffold for a new article (scaffold.py) and the docs generator (docs.py). Each command
imports only what it needs, so `check` does not pay for Pelican.
"""
