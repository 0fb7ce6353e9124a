"""What several subcommands share: finding and loading the catalogue, and the --at argument."""
from __future__ import annotations

import argparse
import datetime as dt
import os
import re
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
    """argparse type for --at: one clear sentence instead of a traceback. A date alone is refused: with a
    space before the time (`--at 2026-11-24 23:30`) the time would become the caller's first turn."""
    try:
        written = dt.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not an ISO-8601 moment (e.g. 2026-11-24T10:00:00+09:00, or 2026-11-24T10:00 in Tokyo time)"
        ) from None
    if not re.search(r"\d[T ]\d", text.strip()):
        raise argparse.ArgumentTypeError(
            f"'{text}' has no time of day: write the date and time as one word, 2026-11-24T23:30 "
            f"(or quote them: '2026-11-24 23:30')") from None
    if not YEARS[0] <= written.year <= YEARS[1]:
        raise argparse.ArgumentTypeError(f"'{text}' is outside the years ivr can tell opening hours for "
                                         f"({YEARS[0]} to {YEARS[1]})")
    return parse_moment(text)


def caller_number(text: str) -> str:
    """argparse type for --from: a caller's number in E.164 (+ and the country code), e.g. +819012345678."""
    import phonenumbers

    try:
        number = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not text.startswith("+") or not phonenumbers.is_possible_number(number):
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a phone number in E.164 (a + and the country code, e.g. +819012345678 "
            f"for a Japanese mobile, +81312345678 for a Tokyo landline)")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def add_at(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--at", type=moment, default=None, metavar="ISO",
                        help="moment of the call, ISO-8601 (default now, Asia/Tokyo)")


def add_providers(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--providers", metavar="PATH", help="catalogue file (default $IVR_PROVIDERS or the shipped one)")
