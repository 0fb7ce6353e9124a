"""An operator's day in a real headless Chromium, without surprises: /try answers keys typed as digits, says
what went wrong in Japanese (a server that does not answer, a refused microphone, a busy line), and the
console tells typed turns from spoken ones, shows a rehearsal's clock, closes rehearsals left idle and keeps
the catalogue compact. Every page is photographed at a phone's width and a desktop's (tests/artifacts/)."""
import datetime as dt

import pytest

from ivr.calllog import open_log
from ivr.core.hours import TOKYO
from test_browser import (PASSWORD, WAIT_MS, browser, clean_env, screenshot, service,  # noqa: F401
                          start_server, stop)

pytestmark = [pytest.mark.slow, pytest.mark.server, pytest.mark.browser]

WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
# Headless Chromium has no microphone: a stand-in recogniser either hears window.__heard or, like a browser
# whose user refused the microphone, fails with the Web Speech API's "not-allowed".
RECOGNISER = """
    window.__heard = null;
    window.__refuse = false;
    speechSynthesis.speak = () => {};
    window.SpeechRecognition = window.webkitSpeechRecognition = class {
        start() {
            const self = this;
            setTimeout(() => {
                if (window.__refuse) { self.onerror({error: "not-allowed"}); return; }
                self.onresult({results: [[{transcript: window.__heard, confidence: 0.81}]]});
                if (self.onend) self.onend();
            }, 10);
        }
    };
"""


@pytest.fixture(params=list(WIDTHS))
def screen(request, browser):  # noqa: F811
    context = browser.new_context(viewport=WIDTHS[request.param], is_mobile=request.param == "phone",
                                  locale="ja-JP")
    context.add_init_script(RECOGNISER)
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    try:
        yield request.param, page
    finally:
        context.close()


def log_in(page, base: str) -> None:
    """The right password at once: failed logins are limited per address, and other tests make some."""
    page.goto(base + "/console/login")
    page.fill("input[name=password]", PASSWORD)
    page.click("form#login button[type=submit]")
    page.wait_for_selector("#board")


def start_try_call(page, base: str, at: str = "2026-11-24T10:00") -> None:
    page.goto(base + "/try")
    page.fill("#at", at)
    page.click("#start")
    page.wait_for_selector("#say")


def say(page, text: str) -> None:
    turns = page.locator("#transcript .turn").count()
    page.fill("#text", text)
    page.click("#send")
    page.wait_for_function(f"document.querySelectorAll('#transcript .turn').length > {turns}")


def test_try_digits_busy_line_and_result_box(service, screen):  # noqa: F811
    name, page = screen
    base = service["base"]
    log_in(page, base)
    start_try_call(page, base)
    say(page, "楽天カード")
    say(page, "1")  # typed 1: the first problem's key, as in `ivr simulate`
    caller_turns = page.locator("#transcript .turn.caller")
    assert "[キー 1]" in caller_turns.nth(1).inner_text() and "(文字)" in caller_turns.nth(0).inner_text()
    assert "聞き取れません" not in page.inner_text("#transcript")
    page.wait_for_selector("#outcome[data-number='+81120866910']")
    facts = page.inner_text("#call-facts")
    assert " / " in facts and "・" not in facts
    labels = page.locator("#outcome dt").all_inner_texts()
    assert labels[:3] == ["結果", "会社", "用件"]  # one field per line: 紛失・盗難 keeps its own ・
    assert page.locator("#outcome dd").nth(2).inner_text() == "カードの紛失・盗難"
    screenshot(page, f"try-transfer-{name}")

    page.click("#dial-result button[value=busy]")
    page.wait_for_selector("#outcome[data-dial=busy]")
    said = page.locator("#transcript .turn.assistant").last.inner_text()
    assert "話し中" in said and "時間をおいて" in said and "フリーダイヤルの番号は" not in said
    assert page.inner_text("#outcome-label") == "転送できず(話し中)"
    screenshot(page, f"try-busy-{name}")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= WIDTHS[name]["width"] + 2, f"/try is {width}px wide"


def test_try_says_in_japanese_when_the_microphone_is_refused(service, screen):  # noqa: F811
    name, page = screen
    log_in(page, service["base"])
    start_try_call(page, service["base"])
    page.evaluate("window.__refuse = true")
    page.click("#mic")
    page.wait_for_selector("#try-error")
    assert "マイクの使用が許可されていません" in page.inner_text("#try-error")
    screenshot(page, f"try-mic-refused-{name}")
    page.evaluate("window.__refuse = false; window.__heard = 'アマゾン'")
    page.click("#mic")  # spoken, once allowed: no error left, and the console will say 音声
    page.wait_for_selector("#transcript .turn.caller")
    assert page.locator("#try-error").count() == 0
    assert "(声)" in page.inner_text("#transcript .turn.caller")


def test_try_says_in_japanese_when_the_server_does_not_answer(tmp_path, browser):  # noqa: F811
    proc, base = start_server(["--dev"], clean_env(IVR_DB=str(tmp_path / "calls.sqlite3")), tmp_path / "serve.log")
    context = browser.new_context(viewport=WIDTHS["desktop"], locale="ja-JP")
    try:
        page = context.new_page()
        page.set_default_timeout(WAIT_MS)
        start_try_call(page, base)
        stop(proc)  # the service goes away mid-call
        page.fill("#text", "楽天カード")
        page.click("#send")
        page.wait_for_selector("#try-error")
        message = page.inner_text("#try-error")
        assert "サーバーにつながりません" in message and "Failed to fetch" not in message
        screenshot(page, "try-server-down-desktop")
    finally:
        context.close()
        stop(proc)


def test_console_pages_at_phone_and_desktop_width(service, screen, tmp_path):  # noqa: F811
    name, page = screen
    base = service["base"]
    # A rehearsal left mid-call two hours ago (its page was closed): the console closes it. A relay call whose
    # socket was lost is another thing for the operator, and keeps its own label.
    log = open_log(service["db"])
    old = (dt.datetime.now(TOKYO) - dt.timedelta(hours=2)).isoformat(timespec="seconds")
    log.start_call(f"TRYidle{name}", old, "+81312345678", rehearsal=True)
    log.start_call(f"CAdropped{name}", old, "+81312345678", rehearsal=True)
    log.record(f"CAdropped{name}", old, status="abandoned", ended_at=old)
    log.close()

    page.goto(base + "/console/login")
    page.fill("input[name=password]", "wrong password")
    page.click("form#login button[type=submit]")
    page.wait_for_selector("p.error")
    assert page.inner_text("p.error") == "パスワードが違います。"  # this page asks no user name
    screenshot(page, f"console-login-{name}")
    log_in(page, base)
    screenshot(page, f"console-board-{name}")

    start_try_call(page, base, at="2026-11-28T23:30")  # a Saturday night, rehearsed
    say(page, "アマゾン")
    call_sid = page.get_attribute("[data-call]", "data-call")

    page.goto(base + "/console/calls?rehearsal=1")
    idle = page.locator(f"tr[data-call='TRYidle{name}']").inner_text()
    assert "放置のため終了" in idle and "通話中" not in idle and "途中で切断" not in idle
    dropped = page.locator(f"tr[data-call='CAdropped{name}']").inner_text()
    assert "途中で切断" in dropped and "放置のため終了" not in dropped
    rehearsal = page.locator(f"tr[data-call='{call_sid}']")
    assert "リハーサルの時刻 11月28日(土) 23:30" in rehearsal.inner_text()
    screenshot(page, f"console-calls-{name}")

    page.goto(f"{base}/console/calls/{call_sid}")
    assert "11月28日(土) 23:30" in page.inner_text("#rehearsed-at")
    assert "実際の時刻" in page.inner_text("#call-summary")
    first = page.locator("#turns tbody tr").first
    assert "文字入力" in first.inner_text() and "音声" not in first.inner_text()
    screenshot(page, f"console-transcript-{name}")

    page.goto(base + "/console/phrases")
    page.wait_for_selector("#phrases")
    screenshot(page, f"console-phrases-{name}")

    page.goto(base + "/console/catalogue")
    page.wait_for_selector("#provider-rakuten_card")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert page.locator("details.words").count() == 3 and not page.locator("details.words[open]").count()
    if name == "desktop":
        assert height < 4500, f"the catalogue is {height}px tall"
        narrowest = page.evaluate("Math.min(...[...document.querySelectorAll('table.lines th')]"
                                  ".map(th => th.getBoundingClientRect().width))")
        assert narrowest >= 40, f"a column of the lines table is {narrowest}px wide"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= WIDTHS[name]["width"] + 2, f"the catalogue is {width}px wide"
    screenshot(page, f"console-catalogue-{name}")
    page.goto(base + "/try")
    screenshot(page, f"try-{name}")
