"""/try through the ConversationRelay adapter, in a real headless Chromium against a real `ivr serve` (gunicorn
and its relay socket process): the browser plays Twilio's side of the socket, the sentences stream in as
text tokens, the operator barges in, a number read out is heard whole, and the handoff brings the call back
to the page for the dial result. Speech is a stand-in whose sentences end when the test says so, so what the
caller "heard" at a barge-in never depends on timing."""
import base64
import json

import pytest

from ivr.calllog import open_log
from ivr.ja import script
from servers import eventually, wait_listening
from test_browser import (PASSWORD, TOKEN, browser, clean_env, desktop_page, free_port,  # noqa: F401
                          screenshot, start_server, stop)
from test_browser_operator import log_in

pytestmark = [pytest.mark.slow, pytest.mark.server, pytest.mark.browser]

# The page's speech: each utterance waits in window.__utterances until __play(n) ends the first n of them.
SPEECH = """
    window.__utterances = [];
    speechSynthesis.speak = (u) => window.__utterances.push(u);
    speechSynthesis.cancel = () => { window.__utterances = []; };
    window.__play = (n) => {
        for (let i = 0; i < n; i++) {
            const u = window.__utterances.shift();
            if (!u) return;
            u.onend && u.onend();
        }
    };
"""


@pytest.fixture(scope="module")
def relay_service(tmp_path_factory):
    where = tmp_path_factory.mktemp("browser-relay")
    relay_port = free_port()
    env = clean_env(TWILIO_AUTH_TOKEN=TOKEN, IVR_PUBLIC_URL="https://ivr-relay-tunnel.example.test",
                    IVR_DB=str(where / "calls.sqlite3"), IVR_CONSOLE_PASSWORD=PASSWORD)
    proc, base = start_server(["--workers", "1", "--threads", "4", "--relay-port", str(relay_port),
                               "--relay-workers", "1"], env, where / "serve.log")
    try:
        wait_listening(relay_port, 30, proc, where / "serve.log")
        yield {"base": base, "db": str(where / "calls.sqlite3"), "log": where / "serve.log"}
    finally:
        stop(proc)


@pytest.fixture
def page(browser):  # noqa: F811
    with desktop_page(browser, SPEECH) as page:
        yield page


def start_relay_call(page, base: str, at: str, caller: str = "landline") -> str:
    page.goto(base + "/try")
    page.fill("#at", at)
    page.select_option("#caller", caller)
    page.select_option("#flow", "relay")
    page.click("#start")
    page.wait_for_selector("#call [data-relay]")
    return page.get_attribute("[data-call]", "data-call")


def say(page, words: str) -> None:
    page.fill("#text", words)
    page.click("#send")


def spoken(page) -> list[str]:
    """What is waiting to be spoken, the sentence being spoken first."""
    return page.evaluate("window.__utterances.map(u => u.text)")


def assistant_turns(page) -> list[str]:
    return page.eval_on_selector_all("#transcript li.assistant .say", "els => els.map(e => e.textContent)")


def wait_for_turns(page, count: int) -> list[str]:
    page.wait_for_function(f"document.querySelectorAll('#transcript li.assistant:not(.streaming)').length >= {count}")
    return assistant_turns(page)


def test_a_relay_rehearsal_barges_in_repeats_what_was_missed_and_transfers(relay_service, page):
    base = relay_service["base"]
    log_in(page, base)
    call_sid = start_relay_call(page, base, "2026-11-24T10:00")
    assert "ConversationRelay" in page.inner_text("#call-facts")
    wait_for_turns(page, 1)
    page.wait_for_function("window.__utterances.length === 1")
    assert spoken(page) == ["お電話ありがとうございます。"]  # one sentence at a time, as the tokens came
    page.evaluate("window.__play(1)")  # heard: the thanks; now the question is being spoken
    say(page, "もう一度")  # cut in: what was missed is said again, not what was heard
    turns = wait_for_turns(page, 2)
    assert turns[1] == script.ASK_OPEN
    assert "途中で割り込みました" in page.inner_text("#transcript li.assistant >> nth=0")
    say(page, "楽天カードをなくしました")  # another barge-in, in the middle of the repeated question
    # The session hands off; the page takes the call back from /try/relay/end for the dial result.
    page.wait_for_selector("#dial-result")
    assert page.locator("[data-transfer='+81120866910']").count() == 1
    assert "0120-86-6910" in page.inner_text("#outcome")
    screenshot(page, "try-relay-transfer-desktop")
    page.click("#dial-result button[value=completed]")
    page.wait_for_selector("[data-done=yes]")
    assert page.inner_text("#outcome-label") == "転送"

    log = open_log(relay_service["db"])
    try:
        row = eventually(lambda: (lambda r: r if r and r["status"] == "completed" else None)(log.call(call_sid)))
        assert row["rehearsal"] == 1 and row["rehearsed_at"].startswith("2026-11-24T10:00")
        assert row["outcome"] == "transfer" and row["transfer_status"] == "completed"
        turns = eventually(lambda: log.turns(call_sid) if len(log.turns(call_sid)) == 2 else None)
        assert [(t["kind"], t["heard"]) for t in turns] == [("typed", "もう一度"), ("typed", "楽天カードをなくしました")]
    finally:
        log.close()


def test_the_number_is_heard_whole_before_an_answer_goes_and_the_sms_is_shown(relay_service, page):
    base = relay_service["base"]
    log_in(page, base)
    start_relay_call(page, base, "2026-11-28T23:30", "mobile")  # a Saturday night: closed; SMS to a mobile
    wait_for_turns(page, 1)
    say(page, "楽天カード")
    wait_for_turns(page, 2)
    say(page, "支払い金額を確認したい")
    turns = wait_for_turns(page, 3)
    assert "受付時間外" in turns[2]
    page.wait_for_function("window.__utterances.length === 1")
    while not any("ゼロゴーナナゼロ" in text for text in spoken(page)[:1]):  # up to the number being read
        page.evaluate("window.__play(1)")
    callers = page.locator("#transcript li.caller").count()
    cut = page.locator("#transcript li.assistant .interrupted").count()  # the earlier answers cut in
    say(page, "はい")  # while the number is read: it waits
    assert page.locator("#transcript li.caller").count() == callers
    assert page.locator("#transcript li.assistant .interrupted").count() == cut
    while page.locator("#transcript li.caller").count() == callers:
        assert spoken(page), "the answer was never sent"
        page.evaluate("window.__play(1)")
    page.wait_for_selector("[data-done=yes]")
    assert "SMS(リハーサルのため送信しません)" in page.inner_text("[data-sms]")
    assert "0570" in page.inner_text("[data-sms]")  # the number, written for the caller to keep


def test_a_socket_that_cannot_be_reached_is_said_in_japanese(relay_service, page):
    base = relay_service["base"]
    log_in(page, base)
    closed = f"ws://127.0.0.1:{free_port()}/relay/ws"  # nothing listens there

    def elsewhere(route):
        answer = route.fetch()
        body = answer.json()
        ticket = body["socket"].split("?try=", 1)[1].split(".")[0]
        assert b"312345678" not in base64.urlsafe_b64decode(ticket + "=" * (-len(ticket) % 4))  # no number in a URL
        assert body["caller"] == "+81312345678"  # it goes in setup, as Twilio's `from`
        body["socket"] = closed + "?" + body["socket"].split("?", 1)[1]
        route.fulfill(response=answer, body=json.dumps(body))

    page.route("**/try/relay/start", elsewhere)
    start_relay_call(page, base, "2026-11-24T10:00")
    page.wait_for_selector("#try-error")
    message = page.inner_text("#try-error")
    assert "ConversationRelay のソケットにつながりません" in message
    assert page.locator("#send").is_disabled()
