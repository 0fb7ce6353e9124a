"""What the seeds tell a caller, in the catalogue and the call script; closures `ivr check` lists; provenance.

The seeds are ../shared/seeds beside the repo. A clone may have none: the tests that read the seeds
themselves say so and are skipped; everything else runs on the catalogue, or on seed files made here.
"""
import json
import re
import shutil

import pytest

from conftest import PROVIDERS, SEEDS, tokyo
from ivr.core.call import play
from ivr.core.routing import route
from ivr.ja import script

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="no ../shared/seeds beside the repo")
DAY, NIGHT = "2026-11-24 10:00", "2026-11-24 23:30"
LANDLINE, MOBILE, UK = "+81312345678", "+819012345678", "+447700900123"


def call(assistant, turns, at=DAY, caller=LANDLINE):
    record = play(assistant, turns, tokyo(at), caller, auto_yes=True)
    said = "".join(e.get("say", "") for e in record.events if e["who"] == "assistant")
    spoken = "".join(e.get("speak", "") for e in record.events if e["who"] == "assistant")
    sms = next((e["sms"]["body"] for e in record.events if "sms" in e), "")
    return record.outcome, said, spoken, sms


# --- 楽天カード ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("turns, key", [
    (["楽天カード", "今月の支払い金額を知りたい"], "支払い日・利用残高の照会は1番です"),
    (["楽天カード", "暗証番号を忘れました"], "暗証番号の照会・変更は2番です"),
    (["楽天カード", "住所を変更したい"], "登録内容のご案内は3番です"),
    (["楽天カード", "ポイントについて"], "オペレーターは4か0番です"),
])
def test_rakuten_transfer_says_which_key_of_the_automated_menu_to_press(assistant, turns, key):
    outcome, said, _, _ = call(assistant, turns, caller=MOBILE)
    assert outcome["outcome"] == "transfer" and outcome["number"] == "+81570666910"
    assert key in said and said.index(key) < said.index("もう一度")


def test_rakuten_menu_key_is_in_the_sms_too(assistant):
    _, _, _, sms = call(assistant, ["楽天カード", "暗証番号を忘れました"], at=NIGHT, caller=MOBILE)
    assert "自動音声で暗証番号の照会・変更は2" in sms and "電話 0570-66-6910" in sms


def test_rakuten_loss_desk_answers_with_a_computer_voice(assistant):
    outcome, said, _, _ = call(assistant, ["楽天カードをなくしました"], at=NIGHT)
    assert outcome["number"] == "+81120866910" and "コンピューター音声が応答します" in said


def test_rakuten_collect_calls_from_abroad(assistant):
    _, said, _, _ = call(assistant, ["楽天カードをなくしました"], at=NIGHT, caller=UK)
    assert "コレクトコールの専用ダイヤル" in said and "カード裏面" in said
    _, said, _, _ = call(assistant, ["楽天カードをなくしました"], at=NIGHT, caller=MOBILE)
    assert "コレクトコール" not in said  # a caller in Japan cannot use it


def test_rakuten_theft_is_reported_to_the_police(assistant):
    _, said, _, _ = call(assistant, ["楽天カードを盗まれました"], at=NIGHT)
    assert "警察にも盗難届を出してください" in said


# --- Amex ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("turns", [["アメックス", "FAXの番号を教えて"], ["アメックスのファックス番号を教えてください"],
                                   ["アメックス", "電話リレーサービスを使いたい"]])
def test_amex_fax_is_understood_read_out_and_never_dialled(assistant, turns):
    outcome, said, spoken, sms = call(assistant, turns, caller=MOBILE)
    # A fax is no phone line given (a case expecting "info" lists no numbers): its number is reported as "fax".
    assert outcome == {"outcome": "info", "provider": "amex_gold_preferred", "problem": "fax",
                       "number": None, "open": True, "fax": "+81345406869"}
    assert said.count("03-4540-6869") == 2 and "ゼロサン、ヨンゴーヨンゼロ、ロクハチロクキュウ" in spoken
    assert "電話リレーサービスでもお問い合わせいただけます" in said and "おつなぎします" not in said
    assert "FAX 03-4540-6869" in sms


def test_amex_collect_call_number_on_the_card_for_callers_abroad(assistant):
    _, said, _, _ = call(assistant, ["アメックスのカードを盗まれました"], at=NIGHT, caller=UK)
    assert "カード裏面に記載のコレクトコールの番号" in said
    _, said, _, _ = call(assistant, ["アメックスのカードを盗まれました"], at=NIGHT, caller=LANDLINE)
    assert "コレクトコール" not in said


def test_amex_points_callers_hear_of_the_app_chat(assistant):
    outcome, said, _, _ = call(assistant, ["アメックス", "ポイントをマイルに交換したい"])
    assert "アメックスアプリのチャットでもご自分のペースでできます" in said
    assert outcome["number"] == "+81120010120"  # the seeds also name the phone (ポイントが反映されない: チャット・電話)


# --- Amazon ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("turns", [["Amazon Payで決済エラーが出ました"], ["アマゾン", "アマゾンペイのことで"]])
def test_amazon_pay_goes_to_its_own_support_site(assistant, turns):
    outcome, said, _, _ = call(assistant, turns)
    assert outcome["outcome"] == "info" and outcome["problem"] == "amazon_pay"
    assert "Amazonペイの専用サポートサイト" in said and outcome["number"] is None


def test_prime_video_and_kindle_have_their_own_windows_and_no_number(assistant):
    outcome, said, _, _ = call(assistant, ["アマゾン", "プライムビデオが見られない"])
    assert "Prime専用のカスタマーセンター" in said and outcome["outcome"] == "info" and outcome["number"] is None


def test_amazon_gift_cards_are_told_of_their_own_form_too(assistant):
    _, said, _, _ = call(assistant, ["アマゾン", "ギフト券が使えない"])
    assert "Amazonギフト券は、専用フォームか電話" in said


def test_amazon_takeover_asks_for_id_documents(assistant):
    _, said, _, sms = call(assistant, ["アマゾンのアカウントを乗っ取られました"])
    assert "運転免許証などの本人確認書類" in said


def test_amazon_unauthorised_charges_go_to_the_card_company_too(assistant):
    _, said, _, _ = call(assistant, ["アマゾンで身に覚えのない請求があります"])
    assert "カード会社にも連絡して利用を止めてください" in said


def test_amazon_number_depends_on_the_inquiry(assistant):
    _, said, _, _ = call(assistant, ["アマゾン", "荷物が届かない"])
    assert "お問い合わせの内容によっては、別の番号を案内されることがあります" in said


# --- what to prepare ---------------------------------------------------------------------------------------
def test_spoken_items_keep_their_asides(assistant):
    _, said, spoken, _ = call(assistant, ["楽天カードをなくしました"], at=NIGHT)
    # a caller who lost the card is asked their name and birth date, and the card number only if they know it
    assert "お名前と生年月日をお伺いします" in spoken and "カード番号も、お分かりになればご用意ください" in spoken
    _, said, spoken, _ = call(assistant, ["アメックス", "暗証番号を忘れました"])
    assert "お名前、生年月日とご登録の電話番号をお伺いします" in spoken and "(" not in spoken


@pytest.mark.parametrize("item, words, after", [
    ("カード番号(分からなければ氏名と生年月日)", "カード番号", "カード番号が分からなければ、氏名と生年月日でも大丈夫です。"),
    ("カード番号(表面の16桁)", "表面の16桁のカード番号", ""),
    ("注文番号(ある場合)", "あれば注文番号", ""),
    ("伝票番号(追跡番号)", "伝票番号", ""),
    ("本人確認書類(運転免許証など)", "運転免許証などの本人確認書類", ""),
    ("生年月日", "生年月日", ""),
])
def test_an_aside_is_said_as_japanese(item, words, after):
    assert script.spoken_item(item) == (words, after)


def test_items_fit_the_problem(catalogue):
    rakuten = catalogue.provider("rakuten_card")
    assert not any("エラー画面" in item for item in rakuten.problem("unauthorized").prepare)
    assert any("エラー画面" in item for item in rakuten.problem("card_refused").prepare)


# --- closures and provenance in `ivr check` ------------------------------------------------------------------
def test_check_lists_the_closures_of_the_next_60_days(run_ivr):
    result = run_ivr("check", str(PROVIDERS), "--at", "2026-12-20T10:00:00+09:00")
    assert result.returncode == 0
    rows = [row for row in result.stdout.splitlines() if re.match(r"  \d{4}-\d\d-\d\d ", row)]
    assert rows == ["  2027-01-01 (金) 元日: amex_gold_preferred main, fax",
                    "  2027-01-11 (月) 成人の日: amex_gold_preferred main, fax",
                    "  2027-02-11 (木) 建国記念の日: amex_gold_preferred main, fax"]
    # 2027-02-23 (天皇誕生日) is 65 days ahead; no year-end closure is invented: the seeds name none
    assert "2027-02-23" not in result.stdout and "12-31" not in result.stdout


def test_check_lists_closed_dates_of_the_catalogue(run_ivr, tmp_path):
    text = PROVIDERS.read_text(encoding="utf-8").replace(
        '            - {days: every day, open: "09:30", close: "17:30"}\n          holidays: open\n        cost: paid',
        '            - {days: every day, open: "09:30", close: "17:30"}\n          holidays: open\n'
        '          closed_dates: ["12-31", "01-01"]\n        cost: paid', 1)
    path = tmp_path / "providers.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_ivr("check", str(path), "--at", "2026-12-20T10:00:00+09:00")
    assert "  2026-12-31 (木) closed_dates: rakuten_card centre" in result.stdout
    assert "  2027-01-01 (金) 元日: rakuten_card centre" in result.stdout


def catalogue_with_seeds(tmp_path, quote_line=None, source=None):
    """The shipped catalogue in a folder of its own, with a seeds/ folder of small made-up seed files that
    hold every quote (the real seeds may be absent)."""
    text = PROVIDERS.read_text(encoding="utf-8")
    if source:
        text = text.replace("source: 002_e72464bfcfde1002.txt", f"source: {source}", 1)
    if quote_line:
        text = text.replace(*quote_line, 1)
    (tmp_path / "seeds").mkdir()
    quotes: dict[str, list[str]] = {}
    current = None
    for line in PROVIDERS.read_text(encoding="utf-8").splitlines():
        if m := re.match(r"\s+source: (\S+)", line):
            current = m[1]
        elif current and (m := re.match(r"\s+(?:- |quotes: \[)(.+?)\]?$", line)) and "quotes" not in m[1]:
            quotes.setdefault(current, []).append(m[1])
    for name, found in quotes.items():
        (tmp_path / "seeds" / name).write_text("前置き\n" + "\n".join(found) + "\n", encoding="utf-8")
    path = tmp_path / "providers.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


def test_check_finds_every_quote_in_seeds_beside_the_catalogue(run_ivr, tmp_path):
    path, _ = catalogue_with_seeds(tmp_path)
    result = run_ivr("check", str(path), "--at", "2026-11-24T10:00")
    assert result.returncode == 0, result.stderr
    assert re.search(r"^sources: 18 entries cite 3 files of seeds, 23 quotes found there$", result.stdout, re.M)


def test_check_refuses_a_source_file_that_is_not_beside_the_catalogue(run_ivr, tmp_path):
    path, text = catalogue_with_seeds(tmp_path, source="002_missing.txt")
    result = run_ivr("check", str(path))
    line = text[:text.index("source: 002_missing.txt")].count("\n") + 1
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines()[0] == f"{path}:{line}: source '002_missing.txt' is not a file of {tmp_path / 'seeds'}"


def test_check_refuses_a_source_that_leaves_the_seeds_folder(run_ivr, tmp_path):
    path, _ = catalogue_with_seeds(tmp_path, source="../providers.yaml")
    result = run_ivr("check", str(path))
    assert result.returncode == 2 and "source '../providers.yaml' is not a file of" in result.stderr


def test_check_refuses_a_quote_not_in_its_source(run_ivr, tmp_path):
    path, text = catalogue_with_seeds(tmp_path, quote_line=("- 紛失・盗難デスク 0120-86-6910 24時間365日",
                                                            "- 紛失・盗難デスク 0120-86-6911 24時間365日"))
    result = run_ivr("check", str(path))
    line = text[:text.index("0120-86-6911 24時間")].count("\n") + 1
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"{path}:{line}: the quote '紛失・盗難デスク 0120-86-6911 24時間365日' "
                                          "is not in 000_c834322778364e12.txt"]


def test_check_without_seeds_says_so_in_one_line(run_ivr, tmp_path, monkeypatch):
    monkeypatch.delenv("IVR_SEEDS", raising=False)
    path = tmp_path / "providers.yaml"
    shutil.copy(PROVIDERS, path)
    result = run_ivr("check", str(path), "--at", "2026-11-24T10:00")
    assert result.returncode == 0
    assert [row for row in result.stdout.splitlines() if row.startswith("sources")] == [
        "sources not checked: no seeds folder beside the catalogue (seeds/, ../shared/seeds, $IVR_SEEDS)"]


def test_every_line_and_channel_keeps_its_source(catalogue):
    assert all(line.source for p in catalogue.providers for line in p.lines)
    assert all(channel.source for p in catalogue.providers for channel in p.channels)
    assert all(line.quotes for p in catalogue.providers for line in p.lines)


@needs_seeds
def test_the_shipped_catalogue_quotes_the_real_seeds(run_ivr):
    result = run_ivr("check", str(PROVIDERS), "--at", "2026-11-24T10:00")
    assert result.returncode == 0, result.stderr
    assert "quotes found there" in result.stdout and "../shared/seeds" in result.stdout
