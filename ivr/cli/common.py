"""What several subcommands share: finding and loading the catalogue, and the --at argument."""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys

from ..core.catalogue import Catalogue, CatalogueError, load, shipped_path
from ..core.hours import parse_moment


def providers_path(explicit: str | None = None) -> str:
    """--providers, else $IVR_PROVIDERS, else the catalogue shipped in the package (in a checkout, the
    top-level providers.yaml people edit)."""
    if explicit:
        return explicit
    if os.environ.get("IVR_PROVIDERS"):
        return os.environ["IVR_PROVIDERS"]
    return str(shipped_path())


def load_or_exit(path: str | None) -> Catalogue:
    """The catalogue, or its faults on stderr (PATH:LINE: message) and exit status 2."""
    try:
        return load(providers_path(path))
    except CatalogueError as error:
        for fault in error.faults:
            print(fault, file=sys.stderr)
        raise SystemExit(2)


YEARS = (1900, 2999)  # hours and holidays are computed weeks ahead: year 9999 or 0001 would overflow


def moment(text: str) -> dt.datetime:
    """argparse type for --at: one clear sentence instead of a traceback."""
    try:
        written = dt.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not an ISO-8601 moment (e.g. 2026-11-24T10:00:00+09:00, or 2026-11-24T10:00 in Tokyo time)"
        ) from None
    if not YEARS[0] <= written.year <= YEARS[1]:
        raise argparse.ArgumentTypeError(f"'{text}' is outside the years ivr can tell opening hours for "
                                         f"({YEARS[0]} to {YEARS[1]})")
    return parse_moment(text)


def add_at(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--at", type=moment, default=None, metavar="ISO",
                        help="moment of the call, ISO-8601 (default now, Asia/Tokyo)")


def add_providers(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--providers", metavar="PATH", help="catalogue file (default $IVR_PROVIDERS or the shipped one)")
