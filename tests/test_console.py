"""The operator console and /try through Flask's test client, on the same app `ivr serve` runs (ivr.server)."""
import logging
import re
import shutil
from pathlib import Path

import pytest
from twilio.request_validator import RequestValidator
from werkzeug.security import generate_password_hash

from conftest import PROVIDERS
from ivr.console.passwd import main as passwd_main
from ivr.phone.emulator import TwilioEmulator, flask_sender
from ivr.server import ConfigError, create_app

TOKEN = "console-test-token-0123456789abcdef"
PUBLIC = "https://ivr.example.test"
PASSWORD = "correct horse battery"
HOLIDAY = "2026-11-23T10:00:00+09:00"  # 勤労感謝の日, a Monday
LANDLINE = "+81312345678"


# A quick hash for the operator most tests log in as: scrypt (the default) takes 0.1 s per login.
QUICK_USERS = f"operator:{generate_password_hash(PASSWORD, method='pbkdf2:sha256:1000')}\n"


def make_app(tmp_path, dev=False, **extra):
    """The app `ivr serve` runs; the operator's password from a users file unless IVR_CONSOLE_PASSWORD is given."""
    users = tmp_path / "users.txt"
    users.write_text(QUICK_USERS, encoding="utf-8")
    config = {"TWILIO_AUTH_TOKEN": TOKEN, "IVR_PUBLIC_URL": PUBLIC, "IVR_DB": str(tmp_path / "calls.sqlite3"),
              "IVR_NOW": "2026-11-24T10:00:00+09:00", "IVR_CONSOLE_USERS": str(users), **extra}
    return create_app({k: v for k, v in config.items() if v is not None}, dev=dev)


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


def login(client, password=PASSWORD, user=None, **headers):
    page = client.get("/console/login")
    form = {"csrf_token": csrf_of(page.get_data(as_text=True)), "password": password}
    if user:
        form["user"] = user
    return client.post("/console/login", data=form, headers=headers)


@pytest.fixture
def app(tmp_path):
    return make_app(tmp_path)


@pytest.fixture
def operator(app):
    client = app.test_client()
    assert login(client).status_code == 302
    return client


@pytest.fixture
def twilio(app):
    return TwilioEmulator(flask_sender(app.test_client()), TOKEN, PUBLIC)


def text(response) -> str:
    return response.get_data(as_text=True)


# --- who gets in -----------------------------------------------------------------------------------------------
CONSOLE_PATHS = ("/console/", "/console/lines", "/console/calls", "/console/phrases", "/console/catalogue",
                 "/console/calls/CA1", "/try", "/console/login", "/console/static/console.css")


def test_no_password_means_no_console(tmp_path, twilio):
    app = make_app(tmp_path, IVR_CONSOLE_USERS=None)
    client = app.test_client()
    for path in CONSOLE_PATHS:
        assert client.get(path).status_code == 404, path
    assert client.post("/try/start", data={}).status_code == 404
    assert TwilioEmulator(flask_sender(client), TOKEN, PUBLIC).call(["楽天カード", "dtmf:1"]).dialled  # calls go on


def test_dev_without_password_is_open_on_loopback_only(tmp_path):
    app = make_app(tmp_path, dev=True, IVR_CONSOLE_USERS=None)
    client = app.test_client()
    for path in CONSOLE_PATHS[:-2]:
        if path != "/console/calls/CA1":
            assert client.get(path).status_code == 200, path
    unknown_call = client.get("/console/calls/CA1")  # the console's own answer: it is on, the call is not there
    assert unknown_call.status_code == 404 and "見つかりませんでした" in text(unknown_call)
    assert "開発モード" in text(client.get("/console/"))
    assert client.get("/console/login").status_code == 302  # nothing to log in to
    remote = app.test_client()
    remote.environ_base["REMOTE_ADDR"] = "192.0.2.10"
    assert remote.get("/console/").status_code == 404 and remote.get("/try").status_code == 404
    proxied = client.get("/console/", headers={"X-Forwarded-For": "192.0.2.10"})
    assert proxied.status_code == 404  # a proxy on this machine does not make the world local


def test_dev_with_a_password_still_asks_for_it(tmp_path):
    client = make_app(tmp_path, dev=True).test_client()
    assert client.get("/try").status_code == 302
    assert login(client).status_code == 302 and client.get("/try").status_code == 200


def test_login_then_every_page_then_logout(tmp_path):
    client = make_app(tmp_path, IVR_CONSOLE_USERS=None, IVR_CONSOLE_PASSWORD=PASSWORD).test_client()
    first = client.get("/console/calls?rehearsal=1")
    assert first.status_code == 302 and "/console/login?next=/console/calls?rehearsal%3D1" in first.location
    page = text(client.get("/console/login"))
    assert 'name="user"' not in page  # one operator: the password alone
    page = client.get(first.location)
    form = {"csrf_token": csrf_of(text(page)), "password": PASSWORD}
    done = client.post(first.location, data=form)
    assert done.status_code == 302 and done.location == "/console/calls?rehearsal=1"
    for path in CONSOLE_PATHS[:5] + ("/try",):
        assert client.get(path).status_code == 200, path
    board = text(client.get("/console/"))
    assert client.post("/console/logout", data={"csrf_token": csrf_of(board)}).status_code == 302
    assert client.get("/console/").status_code == 302


def test_next_never_leads_to_another_site(app):
    for target in ("https://evil.example/", "//evil.example/x", "/\\evil.example"):
        client = app.test_client()
        page = client.get("/console/login")
        response = client.post(f"/console/login?next={target}",
                               data={"csrf_token": csrf_of(text(page)), "password": PASSWORD})
        assert response.status_code == 302 and response.location == "/console/", target


def test_session_cookie_is_secure_httponly_samesite(app, tmp_path):
    client = app.test_client()
    response = login(client)
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    dev = make_app(tmp_path, dev=True).test_client()
    assert "Secure" not in login(dev).headers["Set-Cookie"]  # plain http on loopback under --dev


def test_wrong_password_is_refused_logged_and_rate_limited(app, caplog):
    client = app.test_client()
    with caplog.at_level(logging.WARNING, logger="ivr.console"):
        for _ in range(5):
            response = login(client, password="wrong password")
            assert response.status_code == 401
            assert "パスワードが違います" in text(response)
    assert caplog.text.count("console login failed for user 'operator' from 127.0.0.1") == 5
    with caplog.at_level(logging.WARNING, logger="ivr.console"):
        blocked = login(client)  # even the right password, until the window passes
    assert blocked.status_code == 429 and "しばらく受け付けません" in text(blocked)
    assert "too many failed attempts from 127.0.0.1" in caplog.text
    other = app.test_client()
    other.environ_base["REMOTE_ADDR"] = "127.0.0.2"
    assert login(other).status_code == 302  # limited per address


def test_successful_logins_do_not_count_against_the_limit(app):
    client = app.test_client()
    for _ in range(7):
        assert login(client).status_code == 302


def test_login_and_try_need_the_csrf_token(app, operator):
    fresh = app.test_client()
    refused = fresh.post("/console/login", data={"password": PASSWORD})
    assert refused.status_code == 400 and "Traceback" not in text(refused)
    assert fresh.get("/console/").status_code == 302  # not logged in
    assert operator.post("/try/start", data={"at": "", "caller": "landline"}).status_code == 400
    assert operator.post("/console/logout").status_code == 400
    assert operator.get("/console/").status_code == 200  # still logged in


def test_users_file_with_hashed_passwords(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("alice-password\n"))
    assert passwd_main(["alice"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("alice:") and "alice-password" not in line
    users = tmp_path / "operators.txt"
    users.write_text(f"# operators\n{line}\n", encoding="utf-8")
    app = make_app(tmp_path, IVR_CONSOLE_USERS=str(users))
    client = app.test_client()
    assert 'name="user"' in text(client.get("/console/login"))
    assert login(client, "alice-password", user="bob").status_code == 401
    assert login(client, "alice-password", user="alice").status_code == 302
    assert "alice" in text(client.get("/console/"))


def test_console_configuration_errors_are_sentences(tmp_path):
    users = tmp_path / "bad-users.txt"
    users.write_text("alice:plain-password\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad-users.txt:1: expected 'name:hash'"):
        make_app(tmp_path, IVR_CONSOLE_USERS=str(users))
    with pytest.raises(ConfigError, match="shorter than 8"):
        make_app(tmp_path, IVR_CONSOLE_USERS=None, IVR_CONSOLE_PASSWORD="short")
    with pytest.raises(ConfigError, match="cannot read"):
        make_app(tmp_path, IVR_CONSOLE_USERS=str(tmp_path / "missing.txt"))


def test_a_twilio_signature_does_not_open_the_console(app):
    client = app.test_client()
    validator = RequestValidator(TOKEN)
    for path in ("/console/", "/console/calls", "/try"):
        signature = validator.compute_signature(PUBLIC + path, {})
        response = client.get(path, headers={"X-Twilio-Signature": signature})
        assert response.status_code == 302 and "/console/login" in response.location
    form = {"at": "", "caller": "landline"}
    signature = validator.compute_signature(PUBLIC + "/try/start", form)
    assert client.post("/try/start", data=form, headers={"X-Twilio-Signature": signature}).status_code == 401


def test_a_console_login_does_not_open_the_webhooks(operator):
    for path in ("/voice", "/voice/turn", "/voice/dial", "/voice/status", "/voice/fallback"):
        response = operator.post(path, data={"CallSid": "CA1", "From": LANDLINE})
        assert response.status_code == 403, path


# --- the pages ---------------------------------------------------------------------------------------------
def provider_section(html: str, provider: str) -> str:
    return html.split(f'data-provider="{provider}"')[1].split("</section>")[0]


def test_board_on_a_holiday(tmp_path):
    client = make_app(tmp_path, IVR_NOW=HOLIDAY).test_client()
    login(client)
    html = text(client.get("/console/"))
    assert "本日は祝日: 勤労感謝の日" in html and "11月23日(月) 10:00" in html
    rakuten, amex = provider_section(html, "rakuten_card"), provider_section(html, "amex_gold_preferred")
    assert re.search(r'is-open" data-line="centre">.*?0570-66-6910.*?受付中.*?今日の17時30分まで', rakuten, re.S)
    assert re.search(r'is-open" data-line="lost_desk">.*?0120-86-6910.*?24時間受付', rakuten, re.S)
    assert re.search(r'is-closed" data-line="main">.*?0120-010120.*?時間外.*?本日休業.*?明日の9時から', amex, re.S)
    assert "AIチャット" in rakuten and "アメックスアプリのチャット" in amex
    fragment = text(client.get("/console/lines"))
    assert "<html" not in fragment and "勤労感謝の日" in fragment and 'data-line="centre"' in fragment
    assert 'data-refresh="/console/lines"' in html and "board.js" in html


def test_board_at_night_says_when_lines_open(tmp_path):
    client = make_app(tmp_path, IVR_NOW="2026-11-24T23:30:00+09:00").test_client()
    login(client)
    html = text(client.get("/console/"))
    assert "祝日" not in html.split("</p>")[0]
    assert re.search(r'is-closed" data-line="centre">.*?明日の9時30分から', provider_section(html, "rakuten_card"),
                     re.S)


def test_calls_page_statistics_list_and_masked_callers(app, operator, twilio):
    twilio.call(["楽天カード", "カードをなくしました"], caller="+819012345678")
    twilio.call(["アメックス", "ふにゃふにゃ", "ふにゃふにゃ", "ふにゃふにゃ"], caller=LANDLINE, dial_status="busy")
    html = text(operator.get("/console/calls"))
    assert "+819012345678" not in html and "9012345678" not in html
    assert "********5678" in html
    today = html.split('data-period="today"')[1].split("</section>")[0]
    assert re.search(r'data-count="calls">2<', today)
    assert re.search(r'data-count="success-rate">50%<', today)  # one connected, one busy
    assert "楽天カード" in today and "カードの紛失・盗難" in today and "転送" in today
    assert html.count('class="call-link"') == 2
    assert "092-474-9255" in html and "0120-010120" in html  # the numbers given, as a caller in Japan dials them
    assert html.count("<svg") == 2 and 'data-bars="24"' in html and 'data-bars="168"' in html
    assert "リハーサルの通話を見る" in html


def test_transcript_of_a_call(app, operator, twilio):
    result = twilio.call(["えっと", "楽天カード", "dtmf:1"], caller=LANDLINE, confidence="0.62")
    calls = text(operator.get("/console/calls"))
    link = re.search(r'href="(/console/calls/CA\w+)"', calls).group(1)
    assert link.endswith(result.call_sid)
    html = text(operator.get(link))
    assert "********5678" in html and LANDLINE not in html
    turns = re.findall(r'<tr class="[^"]*" data-seq="(\d)">(.*?)</tr>', html, re.S)
    assert [seq for seq, _ in turns] == ["1", "2", "3"]
    assert "「えっと」" in turns[0][1] and "理解できず" in turns[0][1] and "0.62" in turns[0][1]
    assert "「楽天カード」" in turns[1][1] and "理解できず" not in turns[1][1]
    assert "キー" in turns[2][1] and "転送" in turns[2][1] and "0120-86-6910" in turns[2][1]
    assert 'data-dial="completed"' in html and "つながった" in html
    assert 'data-number="+81120866910"' in html
    assert operator.get("/console/calls/CA-unknown").status_code == 404
    assert operator.get("/console/calls/" + "x" * 200).status_code == 404


def test_phrases_not_understood_with_their_calls(app, operator, twilio):
    first = twilio.call(["ふにゃふにゃ", "ふにゃふにゃ", "楽天カード", "dtmf:1"])
    twilio.call(["JCBカードのポイント", "ふにゃふにゃ", "アマゾン", "返品したい"])
    html = text(operator.get("/console/phrases"))
    assert "words" in html and "providers.yaml" in html  # what the operator does with it
    rows = re.findall(r'class="phrase">「(.*?)」</td>\s*<td data-label="回数" class="num">(\d+)</td>', html)
    assert rows[0] == ("ふにゃふにゃ", "3")
    assert f"/console/calls/{first.call_sid}" in html


def test_catalogue_page_as_the_assistant_says_it(app, operator):
    html = text(operator.get("/console/catalogue"))
    for number in ("0570-66-6910", "0120-86-6910", "0120-010120", "0120-899-543"):
        assert number in html
    assert "カードの紛失・盗難" in html and "ご用意いただくもの" in html
    assert 'id="faults"' not in html and 'id="changed"' not in html
    assert "楽天カードは1" in html  # the keypad menu as said


def test_catalogue_faults_after_an_edit(tmp_path):
    providers = tmp_path / "providers.yaml"
    shutil.copy(PROVIDERS, providers)
    client = make_app(tmp_path, IVR_PROVIDERS=str(providers)).test_client()
    login(client)
    providers.write_text(providers.read_text(encoding="utf-8").replace("keypad: 2", "keypad: 1"), encoding="utf-8")
    html = text(client.get("/console/catalogue"))
    assert 'id="faults"' in html and f"{providers}:" in html and "already used by" in html
    shutil.copy(PROVIDERS, providers)
    providers.write_text(providers.read_text(encoding="utf-8").replace("0570-66-6910", "0570-66-6911"),
                         encoding="utf-8")
    html = text(client.get("/console/catalogue"))
    assert 'id="faults"' not in html and 'id="changed"' in html


def test_an_unreadable_log_is_a_sentence_not_a_500(app, operator):
    operator.get("/console/calls")  # the log file exists
    path = Path(app.config["IVR_DB"])
    for sidecar in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        sidecar.unlink(missing_ok=True)
    path.write_bytes(b"this is not a database at all" * 100)  # replaced under the service
    response = operator.get("/console/calls")
    assert response.status_code == 503 and "通話記録を読めません" in text(response)
    assert operator.get("/console/").status_code == 200  # the board needs no log


# --- /try ------------------------------------------------------------------------------------------------------
class Phone:
    """The try page driven like its forms do, with or without JavaScript (fetch)."""

    def __init__(self, client, fetch=True):
        self.client, self.fetch = client, fetch
        self.csrf = csrf_of(text(client.get("/try")))
        self.token = None

    def post(self, path, **form):
        headers = {"X-Requested-With": "fetch"} if self.fetch else {}
        response = self.client.post(path, data={"csrf_token": self.csrf, **form}, headers=headers)
        html = response.get_json()["html"] if self.fetch and response.status_code == 200 else text(response)
        match = re.search(r'name="token" value="([^"]+)"', html)
        if match:
            self.token = match.group(1)
        return response, html

    def start(self, at="", caller="landline"):
        return self.post("/try/start", at=at, caller=caller)

    def turn(self, **form):
        return self.post("/try/turn", token=self.token, **form)


def test_try_a_call_by_typing_and_keypad(app, operator):
    phone = Phone(operator)
    response, html = phone.start(at="2026-11-24T10:00")
    assert response.status_code == 200 and "アシスタント" in html
    assert response.get_json()["speak"]  # the greeting, for speechSynthesis
    response, html = phone.turn(text="楽天カード")
    assert 'id="keypad"' in html and "あなた" in html
    response, html = phone.turn(dtmf="1")
    body = response.get_json()
    assert body["outcome"]["outcome"] == "transfer" and body["outcome"]["number"] == "+81120866910"
    assert 'data-transfer="+81120866910"' in html and "0120-86-6910" in html and 'id="dial-result"' in html
    assert "ニー" not in html  # shown as published; the kana reading is only for speaking
    assert any("ゼロイチニーゼロ" in said for said in body["speak"])
    response, html = phone.turn(dial="completed")
    assert response.get_json()["done"] and 'data-done="yes"' in html


def test_try_through_the_relay_refuses_what_it_cannot_continue(app, operator):
    # The relay needs try.js: a page without it is told so, not left waiting.
    phone = Phone(operator, fetch=False)
    response, html = phone.post("/try/start", at="2026-11-24T10:00", caller="landline", flow="relay")
    assert response.status_code == 400 and "JavaScript を有効に" in html
    phone = Phone(operator)
    assert 'id="flow"' in text(operator.get("/try")) and "ConversationRelay" in text(operator.get("/try"))
    response, _ = phone.post("/try/relay/start", at="2026-11-24T10:00", caller="mobile")
    body = response.get_json()
    # Straight from the app (no proxy, no relay port): the public socket URL, with a ticket and no number.
    assert body["socket"].startswith("wss://ivr.example.test/relay/ws?try=") and "819012345678" not in body["socket"]
    assert body["caller"] == "+819012345678" and 'data-relay="/try/relay/end"' in body["html"]
    token = re.search(r'data-token="([^"]+)"', body["html"]).group(1)
    # A handoff the session never sent (forged, or another call's) is refused, and the call is not ended.
    for handoff in ('{"t": "forged"}', "not json", ""):
        response, _ = phone.post("/try/relay/end", token=token, handoff=handoff, transcript="[]")
        assert response.status_code == 400 and "続けられません" in response.get_json()["error"]
    call = app.extensions["ivr_config"].log.inner.call(body["call_sid"])
    assert call["rehearsal"] == 1 and call["status"] == "in-progress"
    # A /try/turn token is not a relay call's either.
    response, _ = phone.post("/try/relay/end", token="x" + token, handoff='{"t": "x"}', transcript="[]")
    assert response.status_code == 400


def test_try_without_javascript_renders_whole_pages(app, operator):
    phone = Phone(operator, fetch=False)
    response, html = phone.start(at="2026-11-24T23:30", caller="mobile")
    assert response.status_code == 200 and "<html" in html and 'id="transcript"' in html
    assert 'value="2026-11-24T23:30"' in html and 'value="mobile" selected' in html
    phone.turn(text="楽天カード")
    response, html = phone.turn(text="ポイントについて")
    assert 'data-outcome="closed"' in html and "0570-66-6910" in html  # the centre is closed at night
    assert "SMS" in html  # a mobile caller is offered the details by SMS
    response, html = phone.turn(dtmf="1")
    assert "data-sms" in html and "送信しません" in html and 'data-done="yes"' in html


def test_try_night_and_holiday_rehearsals(app, operator):
    phone = Phone(operator)
    phone.start(at="2026-11-23T10:00")  # 勤労感謝の日: the Amex centre is closed
    phone.turn(text="アメックス")
    response, html = phone.turn(text="ポイントのことで")
    assert response.get_json()["outcome"]["outcome"] == "closed" and "0120-010120" in html


@pytest.mark.parametrize("caller, shown, spoken", [
    ("landline", "03-6625-9100", "ゼロサン、ロクロクニーゴー"), ("mobile", "03-6625-9100", "ゼロサン、ロクロクニーゴー"),
    ("unknown", "03-6625-9100", "ゼロサン、ロクロクニーゴー"), ("abroad", "+81-3-6625-9100", "プラスハチイチ、サン、")])
def test_try_reads_and_shows_the_number_in_the_callers_form(app, operator, caller, shown, spoken):
    phone = Phone(operator)
    phone.start(at="2026-11-24T23:30", caller=caller)
    response, html = phone.turn(text="アメックスのカードをなくしました")
    body = response.get_json()
    assert body["outcome"]["number"] == "+81366259100" and shown in html
    assert any(spoken in said.replace("\u2063", "、") for said in body["speak"])
    assert ("海外からの窓口" in html) == (caller == "abroad")


def test_try_silence_and_bad_input(app, operator):
    phone = Phone(operator)
    phone.start()
    response, html = phone.turn(silence="1")
    assert response.status_code == 200 and "(無言)" in html
    for form, message in (({"text": "あ" * 201}, "200文字"), ({"dtmf": "12a"}, "キーは"),
                          ({"dial": "maybe"}, "転送の結果")):
        response, _ = phone.turn(**form)
        assert response.status_code == 400 and message in response.get_json()["error"]
    forged = operator.post("/try/turn", data={"csrf_token": phone.csrf, "token": phone.token[:-3] + "abc",
                                              "text": "楽天カード"})
    assert forged.status_code == 400 and "新しい通話を始めてください" in text(forged)
    assert "Traceback" not in text(forged)
    response, _ = phone.post("/try/start", at="yesterday")
    assert response.status_code == 400 and "2026-11-24T23:30" in response.get_json()["error"]
    response, _ = phone.post("/try/start", caller="satellite")
    assert response.status_code == 400


def test_behind_a_proxy_one_clients_failed_logins_lock_out_only_that_client(tmp_path):
    app = make_app(tmp_path, IVR_TRUSTED_PROXIES="1")

    def through_nginx(address, claimed=None):
        # nginx appends the address it saw to whatever X-Forwarded-For the client sent.
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = "127.0.0.1"
        client.environ_base["HTTP_X_FORWARDED_FOR"] = f"{claimed}, {address}" if claimed else address
        return client
    for n in range(5):  # one client, pretending to be someone else each time
        assert login(through_nginx("203.0.113.5", claimed=f"198.51.100.{n}"), password="wrong password").status_code == 401
    assert login(through_nginx("203.0.113.5")).status_code == 429
    assert login(through_nginx("198.51.100.7")).status_code == 302  # every other operator still gets in
    assert login(through_nginx("198.51.100.1")).status_code == 302  # nor did the pretence lock anyone out


def test_without_trusted_proxies_forwarded_for_is_never_believed(app):
    for n in range(5):
        client = app.test_client()
        client.environ_base["HTTP_X_FORWARDED_FOR"] = f"198.51.100.{n}"
        assert login(client, password="wrong password").status_code == 401
    client = app.test_client()
    client.environ_base["HTTP_X_FORWARDED_FOR"] = "198.51.100.99"
    assert login(client).status_code == 429


@pytest.mark.parametrize("value", ["one", "-1", "１"])
def test_trusted_proxies_must_be_a_number(tmp_path, value):
    from ivr.server import ConfigError
    with pytest.raises(ConfigError, match="IVR_TRUSTED_PROXIES"):
        make_app(tmp_path, IVR_TRUSTED_PROXIES=value)


@pytest.mark.parametrize("target", ["/\r\nSet-Cookie: x=1", "/console/\nX", "/%0d%0a"])
def test_a_next_with_control_characters_is_a_400_not_a_500(app, target):
    client = app.test_client()
    page = client.get("/console/login")
    response = client.post("/console/login?next=" + target.replace("\r", "%0d").replace("\n", "%0a"),
                           data={"csrf_token": csrf_of(text(page)), "password": PASSWORD})
    assert response.status_code == 400 and "Location" not in response.headers


@pytest.mark.parametrize("password", ["12345678", " " * 8, "password", "qwertyuiop"])
def test_weak_passwords_are_refused_at_start_up_in_one_sentence(tmp_path, password, monkeypatch, capsys):
    with pytest.raises(ConfigError, match="IVR_CONSOLE_PASSWORD is too easy to guess"):
        make_app(tmp_path, IVR_CONSOLE_USERS=None, IVR_CONSOLE_PASSWORD=password)
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(password + "\n"))
    assert passwd_main(["alice"]) == 1 and "too easy to guess" in capsys.readouterr().err


@pytest.mark.parametrize("line", ["alice:$$", "alice:pbkdf2:sha256:1000$$", "alice:nosuchmethod$salt$hash",
                                  "alice:pbkdf2:sha256:x$salt$hash", "alice:$salt$hash"])
def test_a_broken_users_file_line_is_refused_at_start_up(tmp_path, line):
    users = tmp_path / "users-broken.txt"
    users.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"users-broken.txt:1: expected 'name:hash'"):
        make_app(tmp_path, IVR_CONSOLE_USERS=str(users))


# --- limits and sessions that hold across workers and instances ------------------------------------------
def test_the_login_limit_holds_across_workers_and_instances(tmp_path):
    workers = [make_app(tmp_path), make_app(tmp_path)]  # two processes' apps on one call log
    for n in range(5):
        assert login(workers[n % 2].test_client(), password="wrong password").status_code == 401
    for app in workers:
        assert login(app.test_client()).status_code == 429


def test_a_session_cookie_taken_before_logout_is_refused_after_it(tmp_path):
    workers = [make_app(tmp_path), make_app(tmp_path)]
    client = workers[0].test_client()
    assert login(client).status_code == 302
    cookie = client.get_cookie("ivr_console").value
    assert client.get("/console/").status_code == 200
    page = client.get("/console/")
    assert client.post("/console/logout", data={"csrf_token": csrf_of(text(page))}).status_code == 302
    for app in workers:  # the copy, replayed on this worker or another
        thief = app.test_client()
        thief.set_cookie("ivr_console", cookie)
        assert thief.get("/console/").status_code == 302  # to the login page
    again = workers[1].test_client()
    assert login(again).status_code == 302 and again.get("/console/").status_code == 200


def test_try_calls_are_limited_per_client(app, operator):
    page = operator.get("/try")
    token = csrf_of(text(page))
    answers = [operator.post("/try/start", data={"csrf_token": token, "at": "", "caller": "landline"}).status_code
               for _ in range(25)]
    assert answers.count(200) == 20 and answers[20:] == [429] * 5
