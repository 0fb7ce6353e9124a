import datetime as dt
from pathlib import Path

import pytest

from ivr.catalogue import load
from ivr.dialog import Assistant
from ivr.hours import TOKYO
from ivr.simulate import play as play_call

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PROVIDERS = ROOT / "providers.yaml"


@pytest.fixture(scope="session")
def catalogue():
    return load(PROVIDERS)


@pytest.fixture(scope="session")
def assistant(catalogue):
    return Assistant(catalogue)


def tokyo(text: str) -> dt.datetime:
    """'2026-11-24 10:00' -> an aware datetime in Asia/Tokyo."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=TOKYO)


@pytest.fixture
def play(assistant):
    """play(["楽天カード", "なくしました"], at="2026-11-24 10:00") -> the call's outcome dict."""
    def _play(turns, at="2026-11-24 10:00", caller=None, yes=True):
        return play_call(assistant, turns, tokyo(at), caller, auto_yes=yes)
    return _play
