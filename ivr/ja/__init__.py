"""Everything Japanese: text normalisation, understanding callers, phrasing numbers and times, the script."""
from __future__ import annotations

from ..core.catalogue import Catalogue
from ..core.dialog import Assistant


def assistant(catalogue: Catalogue) -> Assistant:
    """The dialog speaking Japanese: what every adapter builds."""
    from .language import Japanese

    return Assistant(catalogue, Japanese(catalogue))
