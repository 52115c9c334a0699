"""figures.py's `from .schema import day`, kept working while figures.py is being rewritten.

Delete this module once figures.py imports `orbit_content.schema` itself.
"""

from orbit_content.schema import day

__all__ = ["day"]
