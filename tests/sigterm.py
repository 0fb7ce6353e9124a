"""A pytest plugin: a run stopped with SIGTERM (CI's timeout, `kill`) unwinds like Ctrl-C.

pytest runs no fixture's `finally` when the process is terminated, so a stopped run would leave the postgres,
nginx and workers its fixtures started. Raised as KeyboardInterrupt, SIGTERM ends the run the way Ctrl-C does:
every fixture is torn down, then pytest exits.
"""
import signal


def _interrupt(signum, frame):
    raise KeyboardInterrupt(f"stopped by signal {signum}")


def pytest_configure(config):
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:  # leave a handler someone else installed alone
        signal.signal(signal.SIGTERM, _interrupt)
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        # Started from a background shell (sh -c 'cmd &'), the run inherits SIGINT ignored, and so do xdist's
        # workers: the interrupt that stops them would never arrive, and their fixtures would stay up.
        signal.signal(signal.SIGINT, signal.default_int_handler)
