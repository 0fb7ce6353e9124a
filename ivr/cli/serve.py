"""`ivr serve`: the phone service and the operator console on gunicorn with several workers (or Flask's server
with --dev, where /try needs no Twilio account and, with no console password, no login from this machine).

The app is built once, before the workers are forked (gunicorn's preload_app): the catalogue, the
vocabulary and the holiday tables are shared copy-on-write by every worker, and gc.freeze() keeps the
collector from touching (and so copying) them. Nothing of a call lives in a process: each webhook
carries its call's state, and the call log is the only shared storage.
"""
from __future__ import annotations

import argparse
import gc
import os
import sys

from .common import add_providers


def register(sub: argparse._SubParsersAction) -> None:
    serve = sub.add_parser("serve", help="answer Twilio voice webhooks and serve the operator console "
                                         "(configured from the environment)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
    serve.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1,
                       help="worker processes (default 2 x cores + 1)")
    serve.add_argument("--threads", type=int, default=8, help="threads per worker (default 8)")
    serve.add_argument("--relay-port", type=int, default=None,
                       help="port of the ConversationRelay WebSocket server (default: --port + 1000; 0: none)")
    serve.add_argument("--relay-workers", type=int, default=os.cpu_count() or 1,
                       help="processes serving the ConversationRelay sockets, sharing the port (default: cores)")
    serve.add_argument("--dev", action="store_true",
                       help="Flask's development server, one process; open http://127.0.0.1:8000/try to try a call")
    add_providers(serve)
    serve.set_defaults(func=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    from ..calllog import LogUnavailable
    from ..phone.app import warm_up
    from ..phone.worker import REQUEST_ARRIVAL_S
    from ..server import ConfigError, create_app

    if args.providers:
        os.environ["IVR_PROVIDERS"] = args.providers
    try:
        app = create_app(dev=args.dev, background_log=not args.dev)  # fail here, once, not in every worker
    except ConfigError as error:
        print(f"ivr serve: {error}", file=sys.stderr)
        return 2
    calllog = app.extensions["ivr_config"].log.inner
    try:
        calllog.migrate()  # create or upgrade the schema now, and say at once if the log cannot be reached
        print(f"ivr: call log in {calllog.description}", file=sys.stderr)
    except LogUnavailable as error:
        print(f"ivr serve: {error} Calls are answered anyway; the log is retried.", file=sys.stderr)
    if not app.extensions["ivr_console"].users:
        print("ivr: operator console off (set IVR_CONSOLE_PASSWORD or IVR_CONSOLE_USERS to turn it on)"
              + (", open without login from this machine under --dev" if args.dev else ""), file=sys.stderr)
    if args.dev:
        base = f"http://{'127.0.0.1' if args.host in ('0.0.0.0', '::') else args.host}:{args.port}"
        print(f"ivr: try a call at {base}/try, operator console at {base}/console", file=sys.stderr)
        relay = _relay_thread(app, args)
        try:
            app.run(host=args.host, port=args.port)
        finally:
            if relay is not None:
                relay.stop()
        return 0
    if not _loopback(args.host) and os.environ.get("IVR_TRUSTED_PROXIES", "0").strip() in ("", "0"):
        print(f"ivr: listening on {args.host}: keep a buffering proxy in front (deploy/nginx); clients that "
              f"trickle requests straight into gunicorn hold its threads {REQUEST_ARRIVAL_S:.0f} s each",
              file=sys.stderr)
    warm_up(app)
    # Before any fork: what the app built stays out of every child's collections. A relay process that
    # collected it would copy every page it touched and stall its loop for most of a second (measured).
    gc.collect()
    gc.freeze()
    _relay_process(app, args)
    run_gunicorn(app, args.host, args.port, args.workers, args.threads)
    return 0


def _relay_port(args: argparse.Namespace) -> int:
    return args.port + 1000 if args.relay_port is None else args.relay_port


def _relay_thread(app, args: argparse.Namespace):
    from ..phone.relay_server import ThreadedServer

    port = _relay_port(args)
    if not port:
        return None
    server = ThreadedServer(app.extensions["ivr_relay"], args.host, port).start()
    app.config["IVR_RELAY_PORT"] = server.port  # where /try's browser opens its rehearsals' sockets
    print(f"ivr: ConversationRelay sockets at {server.url}", file=sys.stderr)
    return server


def _relay_process(app, args: argparse.Namespace) -> None:
    """The ConversationRelay sockets on an asyncio loop in a process of its own, forked beside gunicorn's
    master (and so sharing what was built before the fork). It stops with the instance."""
    import atexit
    import signal

    from ..phone import relay_server

    port = _relay_port(args)
    if not port:
        return
    workers = max(1, args.relay_workers)
    app.config["IVR_RELAY_PORT"] = port  # where /try's browser opens its rehearsals' sockets (set before the fork)
    pids = []
    for _ in range(workers):
        pid = os.fork()
        if pid == 0:
            code = 0
            try:  # each an event loop on the same port (SO_REUSEPORT): the kernel spreads the sockets
                relay_server.run(app.extensions["ivr_relay"], args.host, port, reuse_port=workers > 1)
            except BaseException:
                import traceback
                traceback.print_exc()
                code = 1
            finally:
                os._exit(code)
        pids.append(pid)
    print(f"ivr: ConversationRelay sockets on ws://{args.host}:{port}/relay/ws ({workers} processes)",
          file=sys.stderr)

    def stop() -> None:
        for pid in pids:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
    atexit.register(stop)


def _loopback(host: str) -> bool:
    import ipaddress
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def gunicorn_settings(host: str, port: int, workers: int, threads: int) -> dict:
    """How `ivr serve` runs gunicorn (bench/bare_app.py runs its baseline the same way)."""
    return {
        "bind": f"{host}:{port}", "workers": workers, "threads": threads,
        "worker_class": "ivr.phone.worker.BoundedArrivalWorker",
        "preload_app": True, "timeout": 30, "graceful_timeout": 5, "keepalive": 5,
        # gunicorn's control socket has one default path per user: instances on one machine would take it
        # from each other. An instance is managed by its signals (systemd, the container runtime).
        "control_socket_disable": True,
        "post_worker_init": _prepare_log,
    }


def _prepare_log(worker) -> None:
    """Each worker opens its call-log connections as it starts, not on its first caller's time."""
    service = getattr(worker.wsgi, "extensions", {}).get("ivr")
    if service is not None:
        try:
            service.log.inner.prepare()
        except Exception:  # an unreachable log is the guarded log's to report, at the first call
            pass


def run_gunicorn(app, host: str, port: int, workers: int, threads: int) -> None:
    from gunicorn.app.base import BaseApplication

    gc.collect()
    gc.freeze()  # what the master built stays out of the workers' collections, so it stays shared (again:
    # cmd_serve froze the app before forking the relay processes; this holds what came after)

    class Server(BaseApplication):
        def load_config(self) -> None:
            for key, value in gunicorn_settings(host, port, workers, threads).items():
                if key in self.cfg.settings:
                    self.cfg.set(key, value)

        def load(self):
            return app

    Server().run()
