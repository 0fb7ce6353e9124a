import datetime as dt
import io
import itertools
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from ivr.core.catalogue import load
from ivr.ja import assistant as japanese_assistant
from ivr.core.hours import TOKYO
from ivr.core.call import play as play_call

pytest_plugins = ["sigterm"]  # a run stopped with SIGTERM still stops the servers its fixtures started

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))  # timing.py: the time-to-number model the benchmarks and tests share
SHARED = ROOT.parent / "shared"  # the project's shared folder beside a checkout; a clone may have none
PROVIDERS = ROOT / "providers.yaml"
CORPUS = ROOT / "tests" / "corpus"
DEV = CORPUS / "dev.jsonl"  # the dev set, shipped; tests/test_corpus.py keeps it equal to ../shared's copy
SEEDS = SHARED / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"no seed documents at {SEEDS} (they live beside a checkout)")


@pytest.fixture(scope="session")
def evaluate():
    """`ivr eval --json FILES` in process: its exit code and its report."""
    from ivr.cli import main

    def _eval(capsys, *files):
        capsys.readouterr()
        code = main(["eval", "--json", *map(str, files)])
        return code, json.loads(capsys.readouterr().out)
    return _eval


@pytest.fixture(scope="session")
def catalogue():
    return load(PROVIDERS)


@pytest.fixture(scope="session")
def assistant(catalogue):
    return japanese_assistant(catalogue)


@pytest.fixture(scope="session")
def vocab(catalogue):
    """The shipped catalogue's vocabulary, analysed once for every understanding test."""
    from ivr.ja.understanding import Vocabulary

    return Vocabulary(catalogue)


def tokyo(text: str) -> dt.datetime:
    """'2026-11-24 10:00' -> an aware datetime in Asia/Tokyo."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=TOKYO)


@pytest.fixture
def play(assistant):
    """play(["楽天カード", "なくしました"], at="2026-11-24 10:00") -> the call's outcome dict."""
    def _play(turns, at="2026-11-24 10:00", caller=None, yes=True):
        return play_call(assistant, turns, tokyo(at), caller, auto_yes=yes)
    return _play


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run_ivr(capsys, monkeypatch):
    """run_ivr("check", "--at", ...) -> Ran: the `ivr` command in-process, its exit status and output."""
    from ivr.cli import main

    def _run(*args: str, stdin: str | None = None) -> Ran:
        if stdin is not None:
            monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        out, err = capsys.readouterr()
        return Ran(code, out, err)
    return _run


_databases = itertools.count()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=[pytest.mark.postgres, pytest.mark.server,
                                                                  pytest.mark.slow])])
def log_url(request, tmp_path):
    """A new, empty call log on each backend: a SQLite file, or a database on the session's PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "calls.sqlite3")
    return request.getfixturevalue("postgres").create_database(f"log{next(_databases)}")


@pytest.fixture(scope="session")
def postgres():
    """A throwaway PostgreSQL server for the whole session (initdb + pg_ctl, removed afterwards)."""
    from servers import PostgresCluster
    with PostgresCluster() as cluster:
        yield cluster
