"""A suite stopped with SIGTERM still runs its fixtures' teardown (tests/sigterm.py)."""
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parent

STOPPED_MID_TEST = textwrap.dedent('''
    import os, time
    from pathlib import Path
    import pytest

    MARKS = Path(os.environ["MARKS"])

    @pytest.fixture
    def server():
        (MARKS / "started").write_text("")
        try:
            yield
        finally:
            (MARKS / "stopped").write_text("")

    def test_runs_until_stopped(server):
        (MARKS / "running").write_text("")
        time.sleep(120)  # the parent terminates the run long before this ends
''')


def _stop_mid_test(tmp_path, plugins: list[str]) -> Path:
    (tmp_path / "test_stopped.py").write_text(STOPPED_MID_TEST)
    marks = tmp_path / "marks"
    marks.mkdir()
    env = {**os.environ, "MARKS": str(marks), "PYTHONPATH": str(TESTS)}
    run = subprocess.Popen([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(tmp_path),
                            *plugins, str(tmp_path / "test_stopped.py")],
                           cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        while not (marks / "running").exists():  # no sleep-and-hope: wait for the test to say it runs
            if run.poll() is not None:
                raise AssertionError(run.stdout.read().decode())
            time.sleep(0.01)
        run.send_signal(signal.SIGTERM)
        run.wait(timeout=60)
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
        run.stdout.close()
    return marks


def test_sigterm_tears_fixtures_down(tmp_path):
    marks = _stop_mid_test(tmp_path, ["-p", "sigterm"])
    assert (marks / "stopped").exists()


def test_without_the_plugin_sigterm_leaves_the_fixture_up(tmp_path):
    """What the plugin is for: plain pytest dies on SIGTERM without its teardown."""
    marks = _stop_mid_test(tmp_path, [])
    assert (marks / "started").exists() and not (marks / "stopped").exists()


def test_sigterm_tears_fixtures_down_on_the_worker_processes_too(tmp_path):
    """tests/run.sh runs the suite on pytest-xdist's workers: stopping the run still stops their servers."""
    marks = _stop_mid_test(tmp_path, ["-p", "sigterm", "-n", "2"])
    assert (marks / "stopped").exists()
