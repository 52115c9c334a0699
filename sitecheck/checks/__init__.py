"""The checks, one module per concern; importing this package registers them all.

The order they run and report in is registry.ORDER, not the order of these imports.
"""

from . import (  # noqa: F401  (imported for their @register side effect)
    assets,
    citations,
    fragments,
    images,
    leftovers,
    links,
    metadata,
    opengraph,
    sitefiles,
    structure,
)
