"""Real servers for tests and benchmarks: a throwaway PostgreSQL cluster, `ivr serve`, nginx.

Each is a context manager that stops what it started whatever happens, and waits for readiness by
probing within a deadline, retrying on every connection error (a server still booting may refuse,
reset or stall a connection).
"""
from __future__ import annotations

import contextlib
import glob
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
NGINX_TEMPLATE = DEPLOY / "nginx" / "ivr.conf.template"
NGINX_MAIN = DEPLOY / "nginx" / "nginx.conf"  # the nginx image's main config: the modules it loads
# The arguments every deployment gives `ivr serve` besides where to listen: the cluster test, the
# container recipe and the systemd unit (tests/test_deploy.py checks that they agree).
SERVE_ARGS = ("--workers", "2", "--threads", "8")


_HANDED_OUT: set[int] = set()


def free_port() -> int:
    """A loopback port free now and never handed out before in this run: the kernel may give a port just
    released again, and two servers started together must not both get it."""
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port not in _HANDED_OUT and port + 1000 not in _HANDED_OUT and port - 1000 not in _HANDED_OUT:
            _HANDED_OUT.add(port)
            return port


def wait_ready(url: str, deadline_s: float, proc: subprocess.Popen | None = None, log: Path | None = None) -> None:
    """GET `url` until it answers 200, retrying on every connection error, or fail with the server's log."""
    deadline = time.monotonic() + deadline_s
    last: object = None
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before it was ready:\n{_tail(log)}")
        try:
            response = requests.get(url, timeout=2, headers={"Connection": "close"})  # nothing lingers
            if response.status_code == 200:
                return
            last = f"HTTP {response.status_code}"
        except requests.RequestException as error:  # refused, reset, read timeout while workers boot…
            last = error
        time.sleep(0.1)
    raise RuntimeError(f"{url} not ready within {deadline_s} s (last: {last}):\n{_tail(log)}")


def wait_listening(port: int, deadline_s: float, proc: subprocess.Popen, log: Path | None = None) -> None:
    """Until something accepts TCP connections on 127.0.0.1:port (nginx is up even with no upstream yet)."""
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before it was ready:\n{_tail(log)}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listening on port {port} within {deadline_s} s:\n{_tail(log)}")


def eventually(check, deadline_s: float = 10, every_s: float = 0.05):
    """`check()`'s first true value within the deadline (else its last value): `ivr serve` writes the
    log on a thread of its own, a moment after each answer."""
    deadline = time.monotonic() + deadline_s
    while True:
        value = check()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(every_s)


def _tail(log: Path | None, lines: int = 30) -> str:
    if log is None or not log.exists():
        return ""
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def stop_process(proc: subprocess.Popen, timeout: float = 15) -> None:
    """SIGTERM, then SIGKILL to the process group it leads (started with start_new_session)."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # workers left behind by a master that died
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()


class SlowClients:
    """`count` connections to 127.0.0.1:port, each trickling a webhook-sized POST a byte every `every_s`
    seconds, as a slow or hostile client would. `cut_off` counts those the server has closed."""

    def __init__(self, port: int, count: int, every_s: float = 0.2):
        self.port, self.count, self.every_s = port, count, every_s
        self.cut_off: list[bool] = []
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._trickle) for _ in range(count)]

    def _trickle(self) -> None:
        request = b"POST /voice HTTP/1.1\r\nHost: x\r\nContent-Length: 10000\r\n\r\n" + b"x" * 10000
        with socket.create_connection(("127.0.0.1", self.port), timeout=30) as sock:
            try:
                for byte in request:
                    if self._stop.is_set():
                        return
                    sock.sendall(bytes([byte]))
                    time.sleep(self.every_s)
            except OSError:  # the server closed the connection
                self.cut_off.append(True)

    def __enter__(self) -> "SlowClients":
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=30)


# --- PostgreSQL ------------------------------------------------------------------------------------------
def postgres_bindir() -> Path:
    """Debian's server binaries (postgresql package), newest version first; else whatever is on PATH."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(re.findall(r"/(\d+)/bin", p)[0]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise RuntimeError("PostgreSQL server binaries not found: run `sh tests/run.sh` (it installs Debian's "
                       "postgresql package) or `apt-get install postgresql`.")


class PostgresCluster:
    """initdb + pg_ctl in a temporary directory, listening on 127.0.0.1 and a private socket directory.
    As root the server runs as the `postgres` system user (PostgreSQL refuses to run as root)."""

    def __init__(self, durable: bool = False):
        self.durable = durable  # False: fsync off, fine for a cluster deleted afterwards
        self.port = 0
        self.dir: Path | None = None

    def _as_user(self) -> dict:
        if os.geteuid() != 0:
            return {}
        entry = pwd.getpwnam("postgres")
        return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}

    def _run(self, *args: str) -> None:
        result = subprocess.run(args, capture_output=True, text=True, timeout=120, **self._as_user())
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(args[:2])} failed:\n{result.stdout}\n{result.stderr}\n{_tail(self.logfile)}")

    @property
    def data(self) -> Path:
        return self.dir / "data"

    @property
    def logfile(self) -> Path:
        return self.dir / "server.log"

    def __enter__(self) -> "PostgresCluster":
        bindir = postgres_bindir()
        self.bin = bindir
        self.dir = Path(tempfile.mkdtemp(prefix="ivr-pg-"))
        try:
            as_user = self._as_user()
            if as_user:
                os.chown(self.dir, as_user["user"], as_user["group"])
            self._run(str(bindir / "initdb"), "-D", str(self.data), "-U", "ivr", "--auth=trust",
                      "--encoding=UTF8", "--no-sync", "--no-instructions")
            self.port = free_port()
            self.start()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.dir}"
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.logfile), "-o", options,
                  "-w", "-t", "60", "start")

    def stop(self, mode: str = "fast") -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop")

    @contextlib.contextmanager
    def frozen(self):
        """The whole server stopped dead (SIGSTOP to the postmaster and every backend): connections stay
        open and nothing answers, as with a stalled disk or a hung host. Thawed (SIGCONT) whatever happens."""
        postmaster = int((self.data / "postmaster.pid").read_text().split()[0])
        children = [int(pid) for pid in subprocess.run(["pgrep", "-P", str(postmaster)], capture_output=True,
                                                         text=True).stdout.split()]
        stopped = []
        try:
            for pid in [postmaster, *children]:  # the postmaster first: it starts no new backend meanwhile
                os.kill(pid, signal.SIGSTOP)
                stopped.append(pid)
            yield
        finally:
            for pid in reversed(stopped):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGCONT)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://ivr@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def __exit__(self, *exc) -> None:
        if self.dir is None:
            return
        if (self.data / "postmaster.pid").exists():
            try:
                self.stop("immediate")
            except Exception:
                pass
        shutil.rmtree(self.dir, ignore_errors=True)


# --- ivr serve ----------------------------------------------------------------------------------------
class IvrServer:
    """`ivr serve` (gunicorn) on 127.0.0.1, its output in a log file (never an unread pipe that fills)."""

    def __init__(self, env: dict, args: tuple[str, ...] = SERVE_ARGS, port: int | None = None,
                 relay_port: int | None = None):
        self.env, self.args = env, args
        self.port = port or free_port()
        self.relay_port = relay_port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.relay_url = f"ws://127.0.0.1:{self.relay_port}/relay/ws"
        self.proc: subprocess.Popen | None = None

    def start(self) -> "IvrServer":
        """Start without waiting (start several, then wait for each: they boot side by side)."""
        self.dir = Path(tempfile.mkdtemp(prefix="ivr-serve-"))
        self.log = self.dir / "serve.log"
        env = {"IVR_SPOOL": str(self.dir / "spool"), **self.env}  # never the user's own state folder
        with open(self.log, "wb") as out:
            self.proc = subprocess.Popen(self.command(), env=env, stdout=out, stderr=subprocess.STDOUT,
                                         cwd=ROOT, start_new_session=True)
        return self

    def command(self) -> list[str]:
        return [sys.executable, "-m", "ivr", "serve", "--host", "127.0.0.1", "--port", str(self.port),
                "--relay-port", str(self.relay_port), *self.args]

    def wait(self) -> "IvrServer":
        try:
            wait_ready(self.url + "/healthz", 60, self.proc, self.log)
            if type(self) is IvrServer:  # the relay sockets too (bench's bare app has none)
                wait_listening(self.relay_port, 30, self.proc, self.log)
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __enter__(self) -> "IvrServer":
        return self.start().wait()

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def children(self) -> list[int]:
        found = subprocess.run(["pgrep", "-P", str(self.proc.pid)], capture_output=True, text=True).stdout
        return [int(pid) for pid in found.split()]

    def relay_processes(self) -> list[int]:
        """The children serving the ConversationRelay sockets (listening on the relay port)."""
        import psutil

        found = []
        for pid in self.children():
            try:
                if any(c.laddr.port == self.relay_port and c.status == "LISTEN"
                       for c in psutil.Process(pid).net_connections()):
                    found.append(pid)
            except psutil.Error:
                continue
        return found

    def workers(self) -> list[int]:
        """gunicorn's worker processes."""
        relays = set(self.relay_processes())
        return [pid for pid in self.children() if pid not in relays]

    def __exit__(self, *exc) -> None:
        if self.proc is not None:
            stop_process(self.proc)
            self.proc = None
        shutil.rmtree(self.dir, ignore_errors=True)


class BareServer(IvrServer):
    """bench/bare_app.py: fixed TwiML from a bare Flask endpoint, on `ivr serve`'s gunicorn settings."""

    def command(self) -> list[str]:
        return [sys.executable, str(ROOT / "bench" / "bare_app.py"), "--port", str(self.port), *self.args]


@contextlib.contextmanager
def ivr_servers(*servers: IvrServer):
    """Several instances booting side by side, and stopping side by side, whatever happens."""
    try:
        for server in servers:
            server.start()
        for server in servers:
            server.wait()
        yield servers
    finally:
        for server in servers:  # SIGTERM to all first: their graceful shutdowns overlap
            if server.proc is not None and server.proc.poll() is None:
                server.proc.terminate()
        for server in servers:
            server.__exit__(None, None, None)


# --- nginx --------------------------------------------------------------------------------------------
def render_nginx_template(values: dict[str, str], template: Path = NGINX_TEMPLATE) -> str:
    """What the nginx container image does with /etc/nginx/templates/*.template: ${NAME} replaced by the
    environment's value, nginx's own $variables left alone."""
    text = template.read_text(encoding="utf-8")
    return re.sub(r"\$\{([A-Z0-9_]+)\}", lambda m: values[m[1]], text)


def nginx_modules() -> list[str]:
    """The load_module lines of the nginx image's main config (Debian's Lua module and its NDK)."""
    lines = re.findall(r"^load_module (\S+);$", NGINX_MAIN.read_text(encoding="utf-8"), re.M)
    missing = [path for path in lines if not os.path.exists(path)]
    if missing:
        raise RuntimeError(f"nginx module {missing[0]} not found: run `sh tests/run.sh` (it installs Debian's "
                           "libnginx-mod-http-lua package).")
    return [f"load_module {path};" for path in lines]


def without_body_deadline(server: str) -> str:
    """The server config with its Lua body deadline taken out: what nginx does on its own."""
    edited, count = re.subn(r"\n( *)access_by_lua_block \{\n.*?\n\1\}\n", "\n", server, flags=re.S)
    assert count == 1, "the template's access_by_lua_block was not found"
    return edited


class Nginx:
    """nginx in front of ivr instances, with the repository's server config. The main config around it
    is what the container image provides (its modules, events, http, temp paths), plus a response header
    naming the upstream that answered, so tests can see which instance served each request. `edit`, when
    given, changes the rendered server config (a test's control case)."""

    def __init__(self, upstreams: list[str], port: int | None = None, relays: list[str] | None = None,
                 edit=None):
        if len(upstreams) == 1:
            upstreams = upstreams * 2  # the shipped config names two instances
        self.upstreams = upstreams
        relays = relays or upstreams
        self.relays = relays * 2 if len(relays) == 1 else relays
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.edit = edit

    def __enter__(self) -> "Nginx":
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        if not os.path.exists(nginx):
            raise RuntimeError("nginx not found: run `sh tests/run.sh` (it installs Debian's nginx package).")
        modules = "\n".join(nginx_modules())
        self.dir = Path(tempfile.mkdtemp(prefix="ivr-nginx-"))
        self.log = self.dir / "error.log"
        server = render_nginx_template({"IVR_LISTEN": f"127.0.0.1:{self.port}",
                                        "IVR_UPSTREAM_1": self.upstreams[0], "IVR_UPSTREAM_2": self.upstreams[1],
                                        "IVR_RELAY_1": self.relays[0], "IVR_RELAY_2": self.relays[1]})
        if self.edit is not None:
            server = self.edit(server)
        (self.dir / "ivr.conf").write_text(server, encoding="utf-8")
        temp = "\n".join(f"    {kind}_temp_path {self.dir}/{kind};" for kind in
                         ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        (self.dir / "nginx.conf").write_text(f"""{modules}
{"user root;" if os.geteuid() == 0 else ""}
worker_processes 1;
pid {self.dir}/nginx.pid;
error_log {self.log} warn;
events {{ worker_connections 1024; }}
http {{
{temp}
    access_log off;
    add_header X-Upstream $upstream_addr always;
    include {self.dir}/ivr.conf;
}}
""", encoding="utf-8")
        self.proc = subprocess.Popen([nginx, "-p", str(self.dir), "-c", str(self.dir / "nginx.conf"),
                                      "-e", str(self.log), "-g", "daemon off;"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            wait_listening(self.port, 30, self.proc, self.log)
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc) -> None:
        stop_process(self.proc)
        shutil.rmtree(self.dir, ignore_errors=True)


class TricklingBodies:
    """`count` connections from `source` (another loopback address than the real callers') that each send
    a webhook's header whole, then its body a byte every `every_s` seconds: nginx's client_body_timeout
    counts only the pause between reads. One thread drives them all. `refused` counts the connections
    the server answered or closed early."""

    def __init__(self, port: int, count: int, every_s: float = 1.0, source: str = "127.0.0.2"):
        self.port, self.count, self.every_s, self.source = port, count, every_s, source
        self.refused = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run)
        self._socks: list[socket.socket] = []

    def _run(self) -> None:
        header = (b"POST /voice HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                  b"Content-Length: 60000\r\n\r\n")
        for _ in range(self.count):
            if self._stop.is_set():
                return
            try:
                sock = socket.create_connection(("127.0.0.1", self.port), timeout=5, source_address=(self.source, 0))
                sock.sendall(header)
                sock.setblocking(False)
                self._socks.append(sock)
            except OSError:
                self.refused += 1
        while not self._stop.wait(self.every_s):
            for sock in list(self._socks):
                try:
                    if sock.recv(1, socket.MSG_PEEK) is not None:  # an answer (429) or a close: refused
                        self.refused += 1
                        self._socks.remove(sock)
                        sock.close()
                        continue
                except BlockingIOError:
                    pass
                except OSError:
                    self.refused += 1
                    self._socks.remove(sock)
                    sock.close()
                    continue
                try:
                    sock.send(b"x")
                except OSError:
                    self.refused += 1
                    self._socks.remove(sock)
                    sock.close()

    def __enter__(self) -> "TricklingBodies":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=30)
        for sock in self._socks:
            sock.close()
