"""`python -m ivr.console.passwd NAME`: a line for the IVR_CONSOLE_USERS file, 'NAME:HASH'.

The password is asked twice without echo (or read from the first line of stdin when it is not a terminal);
only its hash is printed, so the file never holds a password.
"""
from __future__ import annotations

import getpass
import sys

from werkzeug.security import generate_password_hash

from .auth import _NAME, password_problem


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not _NAME.match(args[0]):
        print("usage: python -m ivr.console.passwd NAME   (NAME: letters, digits, _ . @ -)", file=sys.stderr)
        return 2
    if sys.stdin.isatty():
        password = getpass.getpass("password: ")
        if getpass.getpass("again: ") != password:
            print("the two passwords differ", file=sys.stderr)
            return 1
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    problem = password_problem(password)
    if problem:
        print(f"the password {problem}", file=sys.stderr)
        return 1
    print(f"{args[0]}:{generate_password_hash(password)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
