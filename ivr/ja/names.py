"""Names and places: organisations that are not covered, which provider a request is about, and whether the
caller is abroad now."""
from __future__ import annotations

import re
from collections import defaultdict

from .analysis import Token, fold, long_units
from .clauses import ADDRESS_LEMMAS, MISUSE_LEMMAS, STATEMENT_NOUNS, negated_after
from .places import abroad_country, abroad_place
from .vocabulary import Hit, Vocabulary


ORG_SUFFIXES = ("カード", "銀行", "証券", "ストア", "ショップ", "運輸", "急便", "市場", "モバイル", "ネットスーパー",
                "通販", "ペイ", "pay", "生命", "損保", "保険", "信金", "信用金庫", "モール", "マート", "ブックス",
                "トラベル", "ゴルフ", "ビューティ", "ファッション", "デパート", "百貨店", "電器", "電機", "カメラ", "ドラッグ")


COMMON_BEFORE_CARD = {"くれじっと", "ごーるど", "ぷらちな", "きゃっしゅ", "ぽいんと", "でびっと", "ぷりぺいど", "ぎふと",
                      "ic", "家族", "けーたい", "ぶらっく", "ぐりーん", "めいん", "さぶ", "ほか", "他", "別", "この", "その",
                      "あの", "新しい", "古い", "同じ", "ぴんく", "ぷれみあむ", "まいれーじ", "きゃっしゅれす", "ほけん",
                      "保険", "診察", "会員", "社員", "学生", "交通", "ぷらすちっく", "予備", "法人", "こーぽれーと",
                      "びじねす", "ふぁみりー", "じぇいしーびー", "ていき", "定期", "nfc", "タッチ", "たっち", "ゆーざー"}


SHOPPING_VERBS = {"買う", "購入", "注文", "頼む", "予約", "申し込む"}


def other_organisations(text: str, vocabulary: Vocabulary, named: set[tuple[int, int]]) -> list[tuple[str, int]]:
    """Names of organisations or shops that are not covered, spotted generically: a proper noun that is not a
    place, or a word directly before カード/銀行/ストア/運輸…, or a shop one bought from (〜で買った)."""
    units = long_units(text)
    found = []
    for i, (word, pos, start, end) in enumerate(units):
        if any(s < end and start < e for s, e in named):
            continue  # a covered provider's name, or a known not-covered one
        folded = fold(word)
        nxt = fold(units[i + 1][0]) if i + 1 < len(units) else ""
        nxt2 = fold(units[i + 2][0]) if i + 2 < len(units) else ""
        if pos[0] != "名詞" or len(folded) < 2 or folded in COMMON_BEFORE_CARD:
            continue
        if pos[1] == "固有名詞" and pos[2] == "地名":
            if nxt.startswith(("カード", "かーど", "銀行", "運輸", "急便")):
                found.append((word + units[i + 1][0], start))
            elif nxt == "の" and fold(nxt2) in ("ねっと", "通販", "さいと", "店", "おんらいん", "あぷり", "すとあ", "しょっぷ") \
                    and not abroad_country(word, pos):
                found.append((word, start))  # ヨドバシのネット通販: a shop, though tagged as a place
            elif (nxt in ("で", "から") and _shopping(units[i + 2:i + 5]) and re.fullmatch(r"[ァ-ヶー]+", word)
                  and not abroad_country(word, pos)):
                found.append((word, start))  # ヨドバシで買った
            continue
        if any(folded.endswith(fold(s)) for s in ORG_SUFFIXES) and pos[1] == "固有名詞":
            found.append((word, start))
        elif nxt and any(nxt == fold(s) for s in ORG_SUFFIXES) and _looks_like_a_name(word, pos):
            found.append((word + units[i + 1][0], start))
        elif pos[1] == "固有名詞" and pos[2] in ("一般", "人名", "組織") and _looks_like_a_name(word, pos):
            found.append((word, start))
        elif _looks_like_a_name(word, pos) and nxt in ("で", "から") and nxt2 and _shopping(units[i + 2:i + 5]):
            found.append((word, start))
    return found


def _looks_like_a_name(word: str, pos: tuple[str, ...]) -> bool:
    folded = fold(word)
    if folded in COMMON_BEFORE_CARD or len(folded) < 2:
        return False
    if pos[1] == "固有名詞":
        return True
    katakana_or_latin = re.fullmatch(r"[ァ-ヶーa-zA-Z0-9.&・'\-]+", word) is not None
    return katakana_or_latin and word.lower() not in _COMMON_LOANWORDS


_COMMON_LOANWORDS = {"カード", "ネット", "サイト", "アプリ", "メール", "ポイント", "ログイン", "パスワード", "アカウント",
                     "キャンセル", "レジ", "コンビニ", "スーパー", "ショップ", "ストア", "オンライン", "スマホ", "パソコン",
                     "クレジット", "ゴールド", "プラチナ", "プレミアム", "エラー", "チャージ", "ギフト", "リボ", "atm",
                     "ATM", "メッセージ", "ショートメール", "sms", "SMS", "web", "Web", "WEB", "id", "ID", "ユーザー",
                     "セール", "プレゼント", "ホテル", "レストラン", "タクシー", "ガソリンスタンド", "ドラッグストア",
                     "デパート", "モール", "マイル", "マイページ", "サービス", "センター", "コールセンター", "オペレーター",
                     "チャット", "フォーム", "リンク", "ページ", "トラブル", "ケース", "タイミング", "スキミング", "ハッキング",
                     "フィッシング", "セキュリティ", "ロック", "パス", "コード", "ナンバー", "チェック", "ストップ",
                     "キャッシング", "キャッシュ", "ローン", "ボーナス", "プライム", "キンドル", "オーディブル", "ビデオ",
                     "ミュージック", "サブスク", "コンテンツ", "ゲーム", "ソフト", "アマゾン", "アメックス", "マスター",
                     "ビザ", "スマートフォン", "タブレット", "イヤホン", "テレビ", "カメラ", "バッグ", "シャツ",
                     "スニーカー", "サイズ", "カラー", "イメージ", "パッケージ", "ダンボール", "ポスト", "ドア", "マンション",
                     "アパート", "フロント", "ロビー", "ホーム", "メンバー", "ステータス", "ランク", "プラン", "コース",
                     "オプション", "ヘルプ", "サポート", "カスタマー", "カスタマーサービス", "デスク", "コール", "アナウンス",
                     "ガイダンス", "ボタン", "プッシュ", "ダイヤル", "メニュー", "ストレス", "ショック", "パニック",
                     "ハワイ", "グアム", "パリ", "ロンドン", "ソウル", "ニューヨーク", "バンコク", "シドニー"}


def _shopping(units: tuple) -> bool:
    return any(fold(w) in ("買", "かっ", "買っ", "注文", "購入", "頼ん", "頼み") or
               any(fold(w).startswith(fold(v)[:2]) for v in SHOPPING_VERBS) for w, _, _, _ in units)


_ELSEWHERE_NOW = ("旅行の前", "旅行前", "旅行に行く前", "に行く前", "出発前", "旅行に行く", "旅行の予定", "に行く予定",
                  "出張の前", "出張前", "の店", "のお店", "のさいと", "のサイト", "のしょっぷ", "のショップ", "の会社", "の銀行", "のかーど",
                  "のカード", "の通販", "のぶらんど", "のブランド", "の商品", "のめーかー", "のメーカー", "の業者", "の番号",
                  "のあぷり", "のアプリ", "の請求", "の利用", "からの不正", "の不正", "製", "から届", "から買", "から注文", "からの", "から帰", "から戻", "旅行から", "出張から",
                  "へ行く", "に行く", "にいく", "に行きます", "に行って", "から発送", "通販", "さいと", "サイト", "発送")


_THERE = ("に", "で", "へ", "から電話", "からかけ", "の空港", "のくうこう", "のホテル", "のほてる", "の駅", "の街", "の町",
          "のびーち", "のビーチ", "の路上", "の地下鉄", "のたくしー", "のタクシー", "の市内", "の観光", "のお店で", "の店で",
          "滞在", "出張", "旅行中", "旅行で", "にいる", "におります", "を観光", "を旅行", "観光中", "を歩", "を移動",
          "にて", "を回", "をまわ", "のatm", "のえーてぃーえむ", "からです", "からかけ", "から電話", "のレンタカー",
          "でれんたかー", "でレンタカー")


# Compared with the analysed words' surfaces, which are folded to hiragana: fold these the same way.
_ELSEWHERE_NOW = tuple(dict.fromkeys(fold(w) for w in _ELSEWHERE_NOW))
_THERE = tuple(dict.fromkeys(fold(w) for w in _THERE))
_KANJI_WORD = re.compile(r"[\u4e00-\u9fff]")  # 海外ブランド is a compound; a recogniser's かいがい カード need not be
_STAYING = ("旅行中", "出張中", "滞在", "在住", "赴任", "留学中", "旅行先", "出張先")
_FUTURE = {"来月", "来週", "今度", "明日", "明後日", "来年", "これから", "予定", "前に", "行く前"}


_AT_HOME = ("今は日本", "いまは日本", "日本にいます", "日本にいる", "日本におります", "国内にいます", "国内にいる",
            "自宅にいます", "家にいます", "帰国し", "帰ってきた", "戻ってきた", "帰ってきま", "戻ってきま", "帰ってから",
            "日本に帰", "日本に戻")


def _bought_at(tokens: tuple[Token, ...], order: list[int], end: int) -> bool:
    """ヨドバシで買った / ヨドバシから届いた: a shop, not where the caller is."""
    lemmas = [tokens[i].lemma for i in order[end:end + 3]]
    return bool(lemmas) and lemmas[0] in ("で", "から", "だ") and any(l in SHOPPING_VERBS for l in lemmas[1:])


def caller_place(tokens: tuple[Token, ...], order: list[int], hits: list[Hit], names: set[int],
                  view: str) -> bool | None:
    """True when the caller says they are abroad now (ロンドンにいて, バンコクの空港で, 海外で使えない),
    False when they say they are not (海外じゃなくて国内, 今は日本です, 旅行から帰ってきた), else None.
    A place the caller only bought from or will go to is not where they are (海外のサイト, 来月パリへ)."""
    abroad_words = {h.start: h for h in hits if h.entry.kind == "abroad"}
    verdict, elsewhere = None, False
    for position, index in enumerate(order):
        token = tokens[index]
        if position in names:
            continue  # アマゾン is also a river
        hit = abroad_words.get(position)
        place = token.pos[1] == "固有名詞" and token.pos[2] == "地名" and abroad_place(token.surface, token.pos)
        if not (place or hit):
            continue
        end = hit.end if hit else position + 1
        following = "".join(tokens[i].surface for i in order[end:end + 4])
        if place and not hit and not abroad_country(token.surface, token.pos) and (
                not following.startswith(_THERE) or _bought_at(tokens, order, end)):
            continue  # a katakana name that may be a shop (ヨドバシの通販): only ロンドンに, バンコクの空港で…
        if hit and following.startswith("の") and not following.startswith(("の空港", "のほてる", "のホテル", "の街")):
            continue  # 海外のサイト, 外国の会社: what was bought from, not where the caller is
        if (hit and end < len(order) and tokens[order[end]].pos[0] in ("名詞", "接尾辞")
                and not following.startswith(_STAYING) and _KANJI_WORD.search(tokens[order[hit.start]].surface)):
            continue  # 海外ブランド, 海外通販, 外国人: a word about something else, not where the caller is
        before = {tokens[i].lemma for i in order[max(0, position - 4):position]} | {
            tokens[i].surface for i in order[max(0, position - 4):position]}
        if following.startswith(_ELSEWHERE_NOW) or before & _FUTURE:
            elsewhere = True  # 来週からタイに行く: and 現地 / 向こう later in the turn is that place, too
            continue
        if hit and elsewhere:
            continue
        if negated_after(tokens, order, end):
            verdict = False if verdict is None else verdict
            continue
        verdict = True
    if any(marker in view for marker in _AT_HOME):
        return False
    return verdict


def noun_run_end(tokens: tuple[Token, ...], order: list[int], start: int) -> int:
    end = start
    while end < len(order) and tokens[order[end]].pos[0] in ("名詞", "接頭辞", "接尾辞") and tokens[order[end]].surface not in (
            "の",):
        end += 1
    return end


def names_a_card(tokens: tuple[Token, ...], order: list[int], start: int) -> bool:
    """The words right after a brand end in カード: 楽天|ANAマイレージクラブカード is a 楽天 card."""
    end = noun_run_end(tokens, order, start)
    return end > start and tokens[order[end - 1]].surface in ("かーど", "カード")


def inside_other_names(tokens: tuple[Token, ...], order: list[int], hits: list[Hit], vocabulary: Vocabulary) -> None:
    """A covered name inside a longer product name that is not covered (マリオットボンヴォイ・アメックス,
    アメックスのビジネス・ゴールド) is that product, not the covered provider; so is a brand's product the
    catalogue lists as not covered (普通のアメックス・ゴールド, 楽天ブックス), wherever it is said."""
    others = [h for h in hits if h.entry.kind == "not_covered" and h.live]
    brands = {vocabulary.not_covered_of.get(h.entry.target) for h in others} - {None, ""}
    for hit in hits:
        if hit.entry.kind != "provider":
            continue
        for other in others:
            between = order[other.end:hit.start] if other.end <= hit.start else order[hit.end:other.start]
            if len(between) <= 1 and all(tokens[i].lemma in ("の",) for i in between):
                hit.retracted = True
        if hit.entry.target in brands:
            hit.retracted = True


def about_last(providers: tuple[str, ...], live: list[Hit], weights: dict[str, float],
                tokens: tuple[Token, ...], order: list[int]) -> tuple[str, ...]:
    """Two providers named (アマゾンで買って楽天カードで払った): the one the request is about goes last, for
    the dialog takes the last. It is the one asked (まずAmazonに確認したい), else the one named most, else
    the one the problem words follow (each problem word belongs to the name said last before it)."""
    owned: dict[str, float] = defaultdict(float)
    names = [h for h in live if h.entry.kind == "provider"]
    for hit in live:
        if hit.entry.kind != "problem" or not names:
            continue
        provider_id = hit.entry.target.split("/")[0]
        before = [n for n in names if n.start < hit.start]
        owner = max(before, key=lambda n: n.start) if before else min(names, key=lambda n: n.start)
        if owner.entry.target == provider_id:  # the owner handles this kind of problem
            owned[provider_id] += hit.entry.chars + (6 if hit.requested else 0)

    def addressed(provider_id: str) -> bool:
        """Asked directly (まずAmazonに確認したい), or the card whose statement or use it is about
        (楽天カードの明細にアマゾンの請求, 楽天カードが勝手に使われた, 請求が楽天カードに来た)."""
        for hit in live:
            if hit.entry.kind == "provider" and hit.entry.target == provider_id:
                following = [tokens[i].lemma for i in order[hit.end:hit.end + 4]]
                if following[:1] in (["に"], ["へ"]) and any(l in ADDRESS_LEMMAS for l in following[1:]):
                    return True
                if following[:1] == ["の"] and following[1:2] and following[1] in STATEMENT_NOUNS:
                    return True
                if following[:1] in (["が"], ["を"]) and any(l in MISUSE_LEMMAS for l in following[1:3]):
                    return True
                if following[:1] == ["に"] and following[1:2] and following[1] in ("来る", "届く", "載る"):
                    return True
        return False
    mentions = {pid: sum(1 for h in live if h.entry.kind == "provider" and h.entry.target == pid) for pid in providers}
    ranked = sorted(providers, key=lambda pid: (addressed(pid), mentions[pid], owned[pid], weights.get(pid, 0),
                                                providers.index(pid)))
    return tuple(ranked)
