"""`ivr serve`: the phone service and the operator console on gunicorn with several workers (or Flask's server
with --dev, where /try needs no Twilio account and, with no console password, no login from this machine)."""
from __future__ import annotations

import argparse
import os
import sys


def register(sub: argparse._SubParsersAction) -> None:
    serve = sub.add_parser("serve", help="answer Twilio voice webhooks and serve the operator console "
                                         "(configured from the environment)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
    serve.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1,
                       help="worker processes (default 2 x cores + 1)")
    serve.add_argument("--threads", type=int, default=4, help="threads per worker (default 4)")
    serve.add_argument("--dev", action="store_true",
                       help="Flask's development server, one process; open http://127.0.0.1:8000/try to try a call")
    serve.set_defaults(func=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    from ..server import ConfigError, create_app

    try:
        app = create_app(dev=args.dev)  # fail here, once, with a sentence, rather than in every worker
    except ConfigError as error:
        print(f"ivr serve: {error}", file=sys.stderr)
        return 2
    print(f"ivr: call log in {app.config['IVR_DB']}", file=sys.stderr)
    if not app.extensions["ivr_console"].users:
        print("ivr: operator console off (set IVR_CONSOLE_PASSWORD or IVR_CONSOLE_USERS to turn it on)"
              + (", open without login from this machine under --dev" if args.dev else ""), file=sys.stderr)
    if args.dev:
        base = f"http://{'127.0.0.1' if args.host in ('0.0.0.0', '::') else args.host}:{args.port}"
        print(f"ivr: try a call at {base}/try, operator console at {base}/console", file=sys.stderr)
        app.run(host=args.host, port=args.port)
        return 0
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):
        def load_config(self) -> None:
            self.cfg.set("bind", f"{args.host}:{args.port}")
            self.cfg.set("workers", args.workers)
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("threads", args.threads)
            self.cfg.set("timeout", 30)
            self.cfg.set("graceful_timeout", 5)

        def load(self):
            return create_app()  # each worker builds its own app: nothing of a call lives in one process

    Server().run()
    return 0
