"""Who may use the console and /try.

- `IVR_CONSOLE_PASSWORD`: one operator, user name `operator`; `IVR_CONSOLE_USERS`: a file of `name:hash` lines
  (hashes from `python -m ivr.console.passwd NAME`). Both may be given.
- With neither, the console does not exist (404), except under `ivr serve --dev` for clients on loopback.
- Sessions are Flask-Login's, in signed cookies (HttpOnly, SameSite=Lax, Secure outside --dev); every POST
  carries a Flask-WTF CSRF token; failed logins are logged and limited per address with Flask-Limiter,
  counted in the call log so that the limit holds across workers and instances (in memory while the log
  cannot be used). A logout ends the session for good: its id is kept in the call log, and a copy of the
  cookie taken before is refused afterwards.
- The client's address is the connection's, or, behind `IVR_TRUSTED_PROXIES` proxies (nginx: 1), the one
  the nearest of them saw (Werkzeug's ProxyFix); an X-Forwarded-For from anyone else is never believed.
"""
from __future__ import annotations

import datetime as dt
import ipaddress
import logging
import re
import secrets
from pathlib import Path
from urllib.parse import urlsplit

from flask import Blueprint, Flask, abort, jsonify, redirect, render_template, request, session, url_for
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.security import check_password_hash, generate_password_hash
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from ..calllog import limits as _shared_limits  # noqa: F401  (registers the "ivrlog://" storage)
from ..config import ConfigError
from ..core.hours import TOKYO
from .context import current

log = logging.getLogger("ivr.console")
bp = Blueprint("console_auth", __name__, url_prefix="/console")
csrf = CSRFProtect()
DEFAULT_USER = "operator"
MIN_PASSWORD = 8
LOGIN_LIMIT = "5 per minute; 30 per hour"  # failed attempts per client address
TRY_START_LIMIT = "20 per minute; 200 per hour"  # rehearsal calls started per client address
TRY_TURN_LIMIT = "240 per minute"  # rehearsal turns per client address
_NAME = re.compile(r"^[A-Za-z0-9_.@-]{1,64}$")
# A dummy hash checked for unknown names, so that a wrong name takes as long as a wrong password.
_DUMMY_HASH = generate_password_hash("never-a-password")


class Operator(UserMixin):
    def __init__(self, name: str):
        self.id = name


class LoginForm(FlaskForm):
    user = StringField("ユーザー名", validators=[Length(max=64)])
    password = PasswordField("パスワード", validators=[DataRequired(), Length(max=256)])


# --- configuration -------------------------------------------------------------------------------------
def credentials_text(config: dict) -> str:
    """Everything that grants access, as text (to derive the session key from; never shown or stored)."""
    text = config.get("IVR_CONSOLE_PASSWORD", "")
    if config.get("IVR_CONSOLE_USERS"):
        try:
            text += "\n" + Path(config["IVR_CONSOLE_USERS"]).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            pass  # load_users reports it
    return text


def load_users(config: dict) -> dict[str, str]:
    """name -> password hash, from IVR_CONSOLE_USERS and IVR_CONSOLE_PASSWORD; ConfigError with the line at fault."""
    users: dict[str, str] = {}
    path = config.get("IVR_CONSOLE_USERS")
    if path:
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except OSError as error:
            raise ConfigError(f"IVR_CONSOLE_USERS: cannot read {path}: {error.strerror}") from None
        except UnicodeDecodeError:
            raise ConfigError(f"IVR_CONSOLE_USERS: {path} is not UTF-8 text") from None
        for number, line in enumerate(lines, start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            name, _, digest = line.partition(":")
            if not _NAME.match(name) or not _usable_hash(digest):
                raise ConfigError(f"{path}:{number}: expected 'name:hash' with a hash from "
                                  f"`python -m ivr.console.passwd NAME` (never a plain password)")
            users[name] = digest
        if not users:
            raise ConfigError(f"IVR_CONSOLE_USERS: {path} lists no user")
    password = config.get("IVR_CONSOLE_PASSWORD")
    if password:
        problem = password_problem(password)
        if problem:
            raise ConfigError(f"IVR_CONSOLE_PASSWORD {problem}")
        users.setdefault(DEFAULT_USER, generate_password_hash(password))
    return users


def password_problem(password: str) -> str | None:
    """Why `password` will not do (the end of a sentence), or None. zxcvbn's estimate, as password
    managers use it: 3 is 'safely unguessable', and 12345678 or eight spaces are 0."""
    if len(password) < MIN_PASSWORD:
        return f"is shorter than {MIN_PASSWORD} characters: choose a longer one"
    from zxcvbn import zxcvbn

    if not password.strip() or zxcvbn(password[:100])["score"] < 3:
        return "is too easy to guess: choose a longer one of several unrelated words"
    return None


def _usable_hash(digest: str) -> bool:
    """A werkzeug hash ('method$salt$hash') that check_password_hash can use, checked once at start."""
    method, _, rest = digest.partition("$")
    salt, _, value = rest.partition("$")
    if not (method and salt and value) or "$" in value:
        return False
    try:
        check_password_hash(digest, "")
    except (ValueError, TypeError, LookupError):
        return False
    return True


def trusted_proxies(config: dict) -> int:
    """IVR_TRUSTED_PROXIES: how many proxies in front of the service add to X-Forwarded-For (default 0)."""
    raw = str(config.get("IVR_TRUSTED_PROXIES") or "0").strip()
    if not raw.isascii() or not raw.isdigit() or int(raw) > 10:
        raise ConfigError(f"IVR_TRUSTED_PROXIES '{raw}' is not a number of proxies (0 when clients connect "
                          "directly, 1 behind the nginx of deploy/)")
    return int(raw)


def init_auth(app: Flask) -> None:
    proxies = trusted_proxies(app.config)
    if proxies:
        # Only the entries the trusted proxies appended are used: what a client wrote itself is ignored.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies)
    csrf.init_app(app)
    hooks_before = _request_hooks(app)
    manager = LoginManager(app)
    manager.user_loader(lambda name: Operator(name) if name in current().users and _session_alive() else None)
    app.register_blueprint(bp)
    # Counted in the call log, which every worker and instance shares; in memory while it cannot be used.
    # Only failed attempts count (401); the limit is checked before the password is, so a blocked address
    # learns nothing more.
    limiter = Limiter(get_remote_address, app=app, storage_uri="ivrlog://",
                      storage_options={"log": app.extensions["ivr_console"].reader},
                      in_memory_fallback_enabled=True, default_limits=[])
    _scope_hooks(app, hooks_before, ("console_auth", "console", "try"))
    limited = limiter.limit(LOGIN_LIMIT, methods=["POST"], deduct_when=lambda response: response.status_code == 401)
    app.view_functions["console_auth.login"] = limited(login)
    # /try runs the whole assistant and writes the log at each click: bounded like any public form.
    try_limits = {"try.start_call": limiter.limit(TRY_START_LIMIT, scope="try-start"),
                  "try.take_turn": limiter.limit(TRY_TURN_LIMIT, scope="try-turn")}

    @app.before_request_funcs.setdefault("try", []).append
    def _limit_try():
        limit = try_limits.get(request.endpoint or "") if request.method == "POST" else None
        if limit is not None:
            with limit:  # 429 past the limit
                pass


def _request_hooks(app: Flask) -> dict[str, list]:
    return {kind: list(getattr(app, kind).get(None, ())) for kind in _HOOK_KINDS}


_HOOK_KINDS = ("before_request_funcs", "after_request_funcs", "teardown_request_funcs")


def _scope_hooks(app: Flask, before: dict[str, list], blueprints: tuple[str, ...]) -> None:
    """Flask-Login and Flask-Limiter hook themselves into every request of the app. Only the console and
    /try have operators and limits, so the hooks they added are moved to those blueprints: a Twilio webhook
    never pays for their bookkeeping."""
    for kind in _HOOK_KINDS:
        registry = getattr(app, kind)
        added = [hook for hook in registry.get(None, []) if hook not in before[kind]]
        registry[None] = [hook for hook in registry.get(None, []) if hook not in added]
        for name in blueprints:
            registry.setdefault(name, []).extend(added)


# --- the guard every console page and /try goes through ---------------------------------------------------
def on_loopback() -> bool:
    """A client on this machine, not through a proxy (a proxy on the same machine would make everyone local)."""
    if request.headers.get("X-Forwarded-For") or request.headers.get("Forwarded"):
        return False
    try:
        return ipaddress.ip_address(request.remote_addr or "").is_loopback
    except ValueError:
        return False


def open_to_anyone_here() -> bool:
    """--dev with no user configured: the console is open to loopback clients without a login."""
    console = current()
    return not console.users and console.dev and on_loopback()


def require_operator():
    """before_request of the console's blueprints: 404 when the console is off, the login page when not logged
    in, and the CSRF check for every POST."""
    console = current()
    if not console.users and not open_to_anyone_here():
        abort(404)
    if console.users and not current_user.is_authenticated:
        if request.method != "GET" or request.headers.get("X-Requested-With") == "fetch":
            return jsonify(error="ログインしてください。"), 401
        return redirect(url_for("console_auth.login", next=request.full_path.rstrip("?")))
    if request.method == "POST":
        csrf.protect()
    return None


_ended_here: set[str] = set()  # sessions ended while the call log could not record it (this process)


def _end_session(session_id: str | None) -> None:
    if not session_id:
        return
    _ended_here.add(session_id)
    try:
        current().reader.end_session(session_id, dt.datetime.now(TOKYO).isoformat(timespec="seconds"))
    except Exception as error:  # the log is down: this process refuses the session, others may not
        log.warning("logout could not be recorded in the call log (%s): the session ends in this process only",
                    type(error).__name__)


def _session_alive() -> bool:
    """A session from a login (it has an id) that no logout has ended. While the log cannot say, the
    session stands: the console stays usable during an outage."""
    session_id = session.get("sid")
    if not session_id or session_id in _ended_here:
        return False
    try:
        return not current().reader.session_ended(session_id)
    except Exception:
        return True


def operator_name() -> str:
    return current_user.id if current_user.is_authenticated else "開発モード"


# --- login and logout ----------------------------------------------------------------------------------------
@bp.route("/login", methods=["GET", "POST"])
def login():
    console = current()
    if not console.users:
        if open_to_anyone_here():
            return redirect(url_for("console.board_page"))
        abort(404)
    if not _printable(request.args.get("next", "")):
        abort(400)  # a header-splitting attempt; never a redirect, never a 500
    form = LoginForm()
    ask_name = set(console.users) != {DEFAULT_USER}
    if request.method == "GET":
        return render_template("console/login.html", form=form, ask_name=ask_name)
    if not form.validate_on_submit():
        return render_template("console/login.html", form=form, ask_name=ask_name,
                               error="入力を確認して、もう一度お試しください。"), 400
    name = (form.user.data or "").strip() or DEFAULT_USER
    digest = console.users.get(name)
    valid = check_password_hash(digest or _DUMMY_HASH, form.password.data) and digest is not None
    if not valid:
        log.warning("console login failed for user %r from %s", name[:64], request.remote_addr)
        return render_template("console/login.html", form=form, ask_name=ask_name,
                               error="ユーザー名またはパスワードが違います。" if ask_name
                               else "パスワードが違います。"), 401  # a page that asks no name never blames one
    session.clear()
    login_user(Operator(name))
    session["sid"] = secrets.token_urlsafe(24)  # what a logout ends
    session.permanent = True
    log.info("console login: %s from %s", name, request.remote_addr)
    return redirect(_safe_next(request.args.get("next")))


@bp.post("/logout")
def logout():
    csrf.protect()
    _end_session(session.get("sid"))
    logout_user()
    session.clear()
    return redirect(url_for("console_auth.login") if current().users else url_for("console.board_page"))


@bp.errorhandler(429)
def too_many_attempts(_error):
    log.warning("console login refused: too many failed attempts from %s", request.remote_addr)
    return render_template("console/login.html", form=LoginForm(), ask_name=set(current().users) != {DEFAULT_USER},
                           error="ログインの失敗が続いたため、しばらく受け付けません。数分後にお試しください。"), 429


@bp.errorhandler(CSRFError)
def stale_form(_error):
    return render_template("console/login.html", form=LoginForm(), ask_name=set(current().users) != {DEFAULT_USER},
                           error="ページの有効期限が切れました。もう一度ログインしてください。"), 400


def _printable(text: str) -> bool:
    return not any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in text)


def _safe_next(target: str | None) -> str:
    """Only a path of this site: never another host (an open redirect)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return url_for("console.board_page")
