"""The console and /try in a real headless Chromium (Debian's chromium, driven by Playwright), against real
`ivr serve` processes: gunicorn with a console password, and the `--dev` quick start with nothing configured.

Screenshots of every page go to tests/artifacts/ (ignored by git) and are checked to be non-blank.
"""
import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from ivr.phone.emulator import TwilioEmulator, http_sender

pytestmark = [pytest.mark.slow, pytest.mark.server, pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
TOKEN = "browser-test-token-0123456789abcdef"
PUBLIC = "https://ivr-tunnel.example.test"
PASSWORD = "operator-password-for-tests"
NOW = "2026-11-24T10:00:00+09:00"
WAIT_MS = 10_000


from servers import free_port  # noqa: E402  (one register of ports handed out)


def start_server(args: list[str], env: dict, log: Path) -> tuple[subprocess.Popen, str]:
    """`ivr serve ...` on a free loopback port, once it answers /healthz (retried on every connection error)."""
    port = free_port()
    with open(log, "w") as out:
        relay = [] if "--relay-port" in args else ["--relay-port", str(free_port())]  # never port + 1000 by chance
        proc = subprocess.Popen([sys.executable, "-m", "ivr", "serve", "--port", str(port), *relay, *args], env=env,
                                stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if requests.get(base + "/healthz", timeout=2).status_code == 200:
                return proc, base
        except requests.RequestException:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            stop(proc)
            raise RuntimeError(f"ivr serve did not start:\n{log.read_text()}")
        time.sleep(0.2)


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


def clean_env(**extra) -> dict:
    keep = {k: v for k, v in os.environ.items()
            if not k.startswith(("TWILIO_", "IVR_")) and k not in ("PORT",)}
    return {**keep, **extra}


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: tests/run.sh installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    """gunicorn with two workers, a console password and one real call already answered through the webhooks."""
    where = tmp_path_factory.mktemp("browser")
    env = clean_env(TWILIO_AUTH_TOKEN=TOKEN, IVR_PUBLIC_URL=PUBLIC, IVR_DB=str(where / "calls.sqlite3"),
                    IVR_NOW=NOW, IVR_CONSOLE_PASSWORD=PASSWORD)
    proc, base = start_server(["--workers", "2", "--threads", "2"], env, where / "serve.log")
    try:
        twilio = TwilioEmulator(http_sender(PUBLIC, base), TOKEN, PUBLIC)
        call = twilio.call(["ふにゃふにゃ", "楽天カード", "カードをなくしました"], caller="+81312345678",
                           confidence="0.74")
        assert call.dialled == ["+81120866910"]
        yield {"base": base, "call": call, "db": str(where / "calls.sqlite3")}
    finally:
        stop(proc)


# Headless Chromium has no microphone or voices: a stand-in recogniser hears what the test says, and what
# the page asks speechSynthesis to say is recorded. Everything else is the real browser.
STAND_INS = """
        window.__spoken = [];
        window.__heard = null;
        speechSynthesis.speak = (u) => window.__spoken.push({text: u.text, lang: u.lang});
        window.SpeechRecognition = window.webkitSpeechRecognition = class {
            start() {
                const self = this;
                setTimeout(() => {
                    self.onresult({results: [[{transcript: window.__heard, confidence: 0.87}]]});
                    if (self.onend) self.onend();
                }, 10);
            }
        };
    """


@contextlib.contextmanager
def desktop_page(browser, init_script: str = STAND_INS):
    """A page at desktop width in a context of its own, closed whatever the test does."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP")
    context.add_init_script(init_script)
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def page(browser):
    with desktop_page(browser) as page:
        yield page


def screenshot(page, name: str) -> Path:
    """A full-page PNG under tests/artifacts/, checked to show something: many colours, not one background."""
    from PIL import Image

    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    with Image.open(path) as image:
        rgb = image.convert("RGB")
        colours = rgb.getcolors(maxcolors=1 << 20)
        assert colours is not None or rgb.width * rgb.height > 0
        distinct = len(colours) if colours is not None else 1 << 20
        background = max(colours)[0] if colours else 0
        assert rgb.height >= 300 and distinct > 50, f"{path} looks blank ({distinct} colours)"
        assert background < 0.97 * rgb.width * rgb.height, f"{path} is almost one colour"
    return path


def log_in(page, base: str) -> None:
    page.goto(base + "/console/")
    page.wait_for_selector("form#login")
    screenshot(page, "console-login")
    page.fill("input[name=password]", "wrong password")
    page.click("form#login button[type=submit]")
    page.wait_for_selector("p.error")
    assert "パスワードが違います" in page.inner_text("p.error")
    page.fill("input[name=password]", PASSWORD)
    page.click("form#login button[type=submit]")
    page.wait_for_selector("#board")


def test_operator_logs_in_sees_the_board_and_opens_a_transcript(service, page):
    base = service["base"]
    log_in(page, base)
    assert page.locator("section.provider").count() == 3
    assert page.locator("tr.line").count() >= 7
    assert "0570-66-6910" in page.inner_text("#board")
    screenshot(page, "console-board")

    page.goto(base + "/console/?refresh=2")  # the board fetches itself again without a reload
    page.evaluate("document.getElementById('board').dataset.marker = 'same page'")
    page.wait_for_function("document.getElementById('board').dataset.refreshedAt !== undefined")
    assert page.evaluate("document.getElementById('board').dataset.marker") == "same page"
    assert page.locator("tr.line").count() >= 7

    page.click("nav >> text=通話")
    page.wait_for_selector("#recent-calls")
    assert page.locator("#recent-calls tr[data-call]").count() == 1
    assert "********5678" in page.inner_text("#recent-calls") and "+81312345678" not in page.content()
    assert page.locator("svg.bars").count() == 2
    screenshot(page, "console-calls")

    page.click("#recent-calls a.call-link")
    page.wait_for_selector("#turns")
    assert page.url.endswith("/console/calls/" + service["call"].call_sid)
    rows = page.locator("#turns tbody tr")
    assert rows.count() == 3
    assert "ふにゃふにゃ" in rows.nth(0).inner_text() and "理解できず" in rows.nth(0).inner_text()
    assert "0.74" in rows.nth(1).inner_text()
    assert "0120-86-6910" in rows.nth(2).inner_text()
    assert page.get_attribute("[data-dial]", "data-dial") == "completed"
    screenshot(page, "console-transcript")

    page.click("nav >> text=聞き取れなかった言葉")
    page.wait_for_selector("#phrases")
    assert "ふにゃふにゃ" in page.inner_text("#phrases")
    screenshot(page, "console-phrases")

    page.click("nav >> text=カタログ")
    page.wait_for_selector("#provider-rakuten_card")
    screenshot(page, "console-catalogue")


def test_console_fits_a_phone_screen(service, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, locale="ja-JP")
    try:
        page = context.new_page()
        page.set_default_timeout(WAIT_MS)
        log_in(page, service["base"])
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390 + 2, f"the board is {width}px wide on a 390px screen"
        screenshot(page, "console-board-phone")
    finally:
        context.close()


def play_on_try(page, base: str, name: str) -> None:
    """Typing, the keypad and (stand-in) speech on /try until the number is shown."""
    page.goto(base + "/try")
    page.click("button.chip[data-at='2026-11-24T23:30']")  # the preset for tonight fills the clock
    assert page.input_value("#at") == "2026-11-24T23:30"
    page.fill("#at", "2026-11-24T10:00")
    page.click("#start")
    page.wait_for_selector("#transcript .turn.assistant")
    assert page.is_visible("#mic") and page.is_visible(".speak-toggle")
    assert page.wait_for_function("window.__spoken.length > 0")
    assert all(item["lang"] == "ja-JP" for item in page.evaluate("window.__spoken"))

    page.fill("#text", "楽天カード")  # typed
    page.click("#send")
    page.wait_for_selector("#transcript .turn.caller")
    page.click("#keypad button[data-key='1']")  # keypad: the first problem, a lost card
    page.wait_for_selector("#outcome[data-number='+81120866910']")
    assert "0120-86-6910" in page.inner_text("#outcome")
    assert page.locator("[data-transfer='+81120866910']").count() == 1
    spoken = " ".join(item["text"] for item in page.evaluate("window.__spoken"))
    assert "ゼロイチニーゼロ" in spoken  # the number read out digit by digit, as a caller hears it
    screenshot(page, name)
    page.click("#dial-result button[value=completed]")
    page.wait_for_selector("[data-done=yes]")

    page.click("#start")  # call again, by speech this time
    page.wait_for_selector("#say")
    page.evaluate("window.__heard = 'アマゾン'")
    page.click("#mic")
    page.wait_for_selector("#transcript .turn.caller")
    assert "アマゾン" in page.inner_text("#transcript .turn.caller") and "0.87" in page.inner_text("#transcript")
    page.fill("#text", "荷物が届かない")
    page.press("#text", "Enter")
    page.wait_for_selector("#outcome[data-number='+81120899543']")
    assert "0120-899-543" in page.inner_text("#outcome")


def test_try_a_call_on_the_served_console(service, page):
    log_in(page, service["base"])
    play_on_try(page, service["base"], "try-gunicorn")
    # the rehearsals are logged apart from the real call
    page.goto(service["base"] + "/console/calls")
    assert page.locator("#recent-calls tr[data-call]").count() == 1
    page.goto(service["base"] + "/console/calls?rehearsal=1")
    assert page.locator("#recent-calls tr[data-call^='TRY']").count() == 2


def test_quick_start_ivr_serve_dev_then_try(tmp_path, page):
    """The README's quick start: nothing configured, `ivr serve --dev`, open /try, reach a number."""
    env = clean_env(IVR_DB=str(tmp_path / "calls.sqlite3"))
    began = time.monotonic()
    proc, base = start_server(["--dev"], env, tmp_path / "serve.log")
    try:
        page.goto(base + "/try")
        page.click("#start")
        page.wait_for_selector("#keypad")
        page.click("#keypad button[data-key='3']")  # Amazon
        page.wait_for_selector("#transcript .turn.caller")
        page.click("#keypad button[data-key='1']")
        page.wait_for_selector("#outcome[data-number]:not([data-number=''])")
        elapsed = time.monotonic() - began
        assert page.get_attribute("#outcome", "data-number").startswith("+81")
        screenshot(page, "try-dev")
        assert elapsed < 60, f"the quick start took {elapsed:.0f} s"
        # with no token, the webhooks refuse everything; the console is open on loopback only
        assert requests.post(base + "/voice", data={"CallSid": "CA1"}, timeout=5).status_code == 403
        assert "ivr: try a call at http://127.0.0.1:" in (tmp_path / "serve.log").read_text()
    finally:
        stop(proc)
