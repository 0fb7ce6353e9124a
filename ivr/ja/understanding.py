"""Caller words to provider, problem, place, yes/no and commands, reading the whole sentence.

The turn is analysed into words (ivr.ja.analysis). The catalogue's vocabulary is analysed the same way, so
words match as words by lemma, surface or reading (無くした, なくした, ナクシタ), never as fragments of
other words. A match is then weighed in its clause:
- negated when a negation follows it inside the clause (紛失ではない, なくしてはいない, 楽天じゃなくて);
- taken back when a later clause says so (見当たらなかったけど…出てきた, 〜と思ったら…, 子どもが使っていた);
- the caller's request (〜たい, 〜について, 〜の件) outweighs a word merely mentioned on the way.
Names of organisations that are not covered are spotted from the not-covered list and generically (a proper
noun, or a word before カード/銀行/ストア…), and places abroad from the analyser's place names.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import jaconv
from rapidfuzz import fuzz, process

from ..core.catalogue import Catalogue
from ..core.language import Understood
from .analysis import Token, analyse, fold, long_units, normal
from .places import abroad_country, abroad_place
from .text import clean, reading, surface

FUZZY_ACCEPT = 80  # rapidfuzz score on readings; below this a provider name is not guessed
MIN_READING_MATCH = 4  # a reading shorter than this matches only as a whole word

NEGATORS = {"ない", "無い", "ぬ", "ず", "ん"}
# Words between a match and its negation that do not end its scope (なくして[は][い]ない, 紛失[では]ない).
SCOPE_FUNCTION_LEMMAS = {"て", "で", "は", "も", "じゃ", "だ", "です", "いる", "居る", "ある", "有る", "しまう", "仕舞う",
                         "おる", "居る", "わけ", "訳", "の", "ん", "こと", "事", "と", "いう", "言う", "た", "ます", "や",
                         "する", "為る", "られる", "れる", "せる", "させる", "なる", "成る", "てる", "ちゃう", "とる",
                         "では", "には", "でも", "ちゃ", "か", "かも", "とか", "なんか", "など", "って", "ご", "お",
                         "連絡", "件", "話", "用件", "用事", "電話", "相談", "問い合わせ", "お問い合わせ", "という",
                         "そういう", "そう", "全然", "別に", "特に", "全く", "まったく", "ぜんぜん", "決して", "何も"}
# Two words a few words apart that together name a problem, whatever stands between them:
# (first lemmas, second lemmas, kind, most words between, the first must be negated: 知らない…請求,
#  particles that must stand right before the second word: カード入れがない, not 楽天カードじゃなくて).
NEAR_RULES = (
    ({"知る", "覚え", "見覚え", "心当たり", "記憶"}, {"請求", "利用", "買い物", "決済", "引き落とし", "注文", "店", "会社",
                                             "サイト", "通販", "名前", "明細", "代金"}, "unauthorized", 5, True, ()),
    ({"誰か", "他人", "第三者", "知らない人"}, {"使う", "利用", "買う", "買い物", "決済"}, "unauthorized", 4, False, ()),
    ({"カード", "財布", "カード入れ", "カードケース", "定期入れ", "札入れ", "鞄", "かばん", "バッグ", "ポーチ"},
     {"無い"}, "lost_stolen", 2, False, ("が", "も")),
    ({"電話番号", "住所", "名前", "氏名", "メールアドレス", "連絡先", "勤務先", "勤め先", "名字", "苗字"},
     {"変える", "変更", "変わる", "直す", "更新"}, "address_change", 5, False, ()),
)
# What a lost-card verb can have lost that is not a card (パスワードをなくした, メモも見当たらない).
NOT_A_CARD = {"パスワード", "ぱすわーど", "暗証番号", "id", "メモ", "めも", "紙", "書類", "明細", "レシート", "領収書",
              "荷物", "商品", "鍵", "メール", "番号", "ログイン", "アカウント", "データ", "写真", "控え", "説明書",
              "ポイント", "やる気", "自信", "時間", "連絡先", "住所", "マイル", "残高", "チャージ", "ギフト券"}
CLAUSE_BOUNDARIES = {"けど", "けれど", "けれども", "が", "から", "ので", "のに", "し", "ば", "たら", "なら", "て"}
REQUEST_LEMMAS = {"たい", "欲しい", "ほしい", "教える", "知る", "確認", "件", "ついて", "就く", "相談", "問い合わせ",
                  "問い合わせる", "お願い", "願う", "頼む", "できる", "出来る", "方法", "やり方", "分かる", "聞く", "どう"}
# Asking a provider directly (まずAmazonに確認したい); not 楽天カードに変えたい.
ADDRESS_LEMMAS = {"確認", "聞く", "問い合わせる", "問い合わせ", "相談", "連絡", "電話", "尋ねる", "伺う", "話す", "質問"}
# The card whose statement or use a complaint is about, when a shop is named too.
STATEMENT_NOUNS = {"明細", "利用明細", "請求", "利用通知", "引き落とし", "利用", "ご利用", "請求書", "カード明細"}
MISUSE_LEMMAS = {"使う", "利用", "不正", "勝手"}
FOUND_LEMMAS = {"見付かる", "見つかる", "出る", "有る", "ある", "戻る", "出て来る", "発見"}
FAMILY_WORDS = {"子供", "子ども", "こども", "息子", "娘", "夫", "妻", "主人", "旦那", "嫁", "家族", "母", "父", "親",
                "孫", "兄", "弟", "姉", "妹", "自分", "私", "僕", "俺", "家内", "女房", "彼女", "彼氏"}
USE_LEMMAS = {"使う", "利用", "課金", "買う", "購入", "払う", "注文", "申し込む", "登録"}
THINK_LEMMAS = {"思う", "勘違い", "気のせい", "間違い", "早とちり"}
ORG_SUFFIXES = ("カード", "銀行", "証券", "ストア", "ショップ", "運輸", "急便", "市場", "モバイル", "ネットスーパー",
                "通販", "ペイ", "pay", "生命", "損保", "保険", "信金", "信用金庫", "モール", "マート", "ブックス",
                "トラベル", "ゴルフ", "ビューティ", "ファッション", "デパート", "百貨店", "電器", "電機", "カメラ", "ドラッグ")
COMMON_BEFORE_CARD = {"くれじっと", "ごーるど", "ぷらちな", "きゃっしゅ", "ぽいんと", "でびっと", "ぷりぺいど", "ぎふと",
                      "ic", "家族", "けーたい", "ぶらっく", "ぐりーん", "めいん", "さぶ", "ほか", "他", "別", "この", "その",
                      "あの", "新しい", "古い", "同じ", "ぴんく", "ぷれみあむ", "まいれーじ", "きゃっしゅれす", "ほけん",
                      "保険", "診察", "会員", "社員", "学生", "交通", "ぷらすちっく", "予備", "法人", "こーぽれーと",
                      "びじねす", "ふぁみりー", "じぇいしーびー", "ていき", "定期", "nfc", "タッチ", "たっち", "ゆーざー"}
SHOPPING_VERBS = {"買う", "購入", "注文", "頼む", "予約", "申し込む"}

YES_WORDS = ("はい", "ええ", "うん", "そうです", "そう", "おねがいします", "お願い", "おねがい", "よろしく", "合って",
             "あって", "いいです", "大丈夫", "だいじょうぶ", "yes", "ok", "おっけー", "オッケー", "了解", "りょうかい",
             "せや", "そや", "んだ", "だす", "ほい", "うむ", "もちろん", "その通り", "そのとおり", "頼みます", "たのみます")
NO_WORDS = ("いいえ", "いえ", "いや", "違", "ちが", "ちゃう", "no", "結構", "けっこう", "不要", "いらない", "いりません",
            "大丈夫です", "だいじょうぶです")
NO_ANYWHERE = ("違います", "ちがいます", "違う", "じゃないです", "ではないです", "じゃありません", "ではありません",
               "いりません", "いらないです", "結構です", "けっこうです", "ちゃいます", "ちゃう")
_FILLERS = re.compile(r"^(?:えーと|えっと|えーっと|あのー|あの|うーん|まあ|ええと|すみません|[、。,.!?！？])*")
REPEAT_WORDS = ("もう一度", "もういちど", "もう1度", "もう一回", "もういっかい", "もう1回", "繰り返", "くりかえ",
                "聞き取れ", "ききとれ", "聞こえな", "きこえな", "再度", "リピート", "repeat")
OPERATOR_WORDS = ("オペレーター", "おぺれーたー", "operator", "人と話", "ひとと話", "ひととはな", "担当者", "たんとうしゃ",
                  "人間", "にんげん", "係の人", "かかりのひと", "直接話", "有人", "詳しい人", "くわしいひと", "窓口の方",
                  "窓口の人", "生の人", "なまのひと", "人につない", "ひとにつない", "スタッフ", "係員",
                  "人に代わ", "人にかわ", "人と喋", "人としゃべ", "人に相談", "人間と", "専門の方", "担当の方", "担当の人",
                  "誰かと話", "だれかと話", "誰かに代わ", "誰かにつない", "だれかにつない", "係の方", "係りの方",
                  "デスクの方", "人に出て", "方に出て", "つないでいただけ", "つないでください", "つないでほしい",
                  "繋いで", "オペレータ", "電話口の方", "お話しできる方", "人と直接", "直接話したい", "スタッフの方",
                  "人の声", "機械じゃなく", "ロボットじゃなく", "自動音声じゃなく", "カスタマーセンター",
                  "カスタマーサービスにつな", "カスタマーサービスの方", "サポートの方", "デスクの人", "窓口につな",
                  "の方をお願い", "の人をお願い", "の方に直接", "直接相談", "人、お願い", "方、お願い")
BYE_WORDS = ("さようなら", "さよなら", "切ります", "きります", "電話を切", "終了", "もういいです", "もう大丈夫",
             "失礼します", "しつれいします", "用は済", "解決しました")
RESTART_WORDS = ("最初から", "さいしょから", "始めから", "はじめから", "やり直", "やりなお", "戻る", "もどる", "戻って",
                 "もどって", "前に戻", "別の件", "べつのけん", "別の用件", "違う用件", "ちがう用件", "やっぱりいいです",
                 "やっぱりいい", "やっぱり違う", "言い直", "いいなお", "間違えました", "まちがえました")
ABROAD_WORDS = ("海外", "外国", "旅行先", "海外旅行中", "出張中", "現地", "渡航先", "滞在先", "出張先", "海外出張中",
                "abroad")
DOMESTIC_WORDS = ("国内", "日本")
# Readings shared with everyday verbs: a word with one of these readings matches only as written.
COMMON_READINGS = {"する", "いる", "ある", "なる", "くる", "いく", "みる", "いう", "おる", "やる", "でる", "かう", "とる",
                   "もつ", "きる", "かける", "つく", "あう", "とまる", "とめる", "かえる", "おく", "だす", "かく", "うる"}


_SPACES = re.compile(r"\s+")
_KATAKANA_CHAR = re.compile(r"[ァ-ヺー]")


def _join_words(text: str) -> str:
    """Spaces a recogniser puts between Japanese words go (届か ない -> 届かない); spaces between latin
    words, and between two katakana words (ゲンドガク アゲタイ), stay: there they separate words."""
    def keep(match: re.Match) -> str:
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        if before.isascii() and after.isascii():
            return " "
        if _KATAKANA_CHAR.match(before) and _KATAKANA_CHAR.match(after):
            return " "
        return ""
    return _SPACES.sub(keep, text).strip()


@dataclass(frozen=True)
class _Entry:
    kind: str  # "provider" | "problem" | "not_covered" | "abroad"
    target: str  # provider id, "provider_id/problem_id", a not-covered name, or "abroad"
    pattern: tuple[frozenset[str], ...]  # each word's keys
    chars: int  # length of the word as written: longer, more specific words weigh more
    negative: bool  # the word itself holds a negation (見当たらない): its own ない is not a negation of it
    reading: str  # the word's reading, for matching across the analyser's segmentation


@dataclass
class _Hit:
    entry: _Entry
    start: int  # token indices [start, end)
    end: int
    negated: bool = False
    retracted: bool = False
    requested: bool = False
    clause: int = 0
    weak: bool = False  # found by a looser rule (words apart, kana read alone): evidence to confirm

    @property
    def live(self) -> bool:
        return not (self.negated or self.retracted)


_HIRAGANA_WORD = re.compile(r"[ぁ-ゖー]+")


def _word_keys(token: Token) -> frozenset[str]:
    """How a vocabulary word's token may be matched: its lemma only when the lemma reads like the word's own
    dictionary form (使えん is not every 使う)."""
    keys = {token.surface, token.base_reading}
    lemma_reading = _lemma_reading(token.lemma)
    if lemma_reading in (token.base_reading, "") or token.pos[0] == "名詞":
        keys.add(token.lemma)
    return frozenset(k for k in keys if k)


@lru_cache(maxsize=4096)
def _lemma_reading(lemma: str) -> str:
    return "".join(t.reading for t in analyse(lemma)) if lemma else ""


class Vocabulary:
    """Every word of the catalogue, analysed into words once."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self.entries: list[_Entry] = []
        self.by_key: dict[str, list[_Entry]] = defaultdict(list)
        self.by_reading: dict[str, list[_Entry]] = defaultdict(list)

        for provider in catalogue.providers:
            for word in (provider.name, provider.spoken_name, *provider.words):
                self._add(word, "provider", provider.id)
            for problem in provider.problems:
                for word in problem.words:
                    self._add(word, "problem", f"{provider.id}/{problem.id}")
        for other in catalogue.not_covered:
            for word in (other.name, *other.words):
                self._add(word, "not_covered", other.name)
        for word in ABROAD_WORDS:
            self._add(word, "abroad", "abroad")
        for word in DOMESTIC_WORDS:
            self._add(word, "domestic", "domestic")
        self.provider_readings = {
            reading(surface(word)): provider.id
            for provider in catalogue.providers
            for word in (provider.spoken_name, *provider.words)
            if len(reading(surface(word))) >= 4 and not surface(word).isascii()
        }
        self.problem_kinds = {p.id for provider in catalogue.providers for p in provider.problems}
        self.not_covered_of = {other.name: other.of for other in catalogue.not_covered}
        self.latin = frozenset(part for entry in self.entries for keys in entry.pattern for part in keys
                               if re.fullmatch(r"[a-z]+", part))
        # One stand-in entry per provider handling a kind, for problems found by NEAR_RULES.
        self.kind_entries: dict[str, list[_Entry]] = defaultdict(list)
        for provider in catalogue.providers:
            for problem in provider.problems:
                self.kind_entries[problem.id].append(
                    _Entry("problem", f"{provider.id}/{problem.id}", (), 6, False, ""))

    def _add(self, word: str, kind: str, target: str) -> None:
        tokens = [t for t in analyse(normal(word)) if not t.punctuation]
        if not tokens:
            return
        negative = any(t.lemma in NEGATORS or t.lemma == "無い" for t in tokens[1:])
        pattern = tuple(_word_keys(t) for t in tokens)
        if len(tokens) == 1 and tokens[0].base_reading in COMMON_READINGS:
            pattern = (tokens[0].keys - {tokens[0].base_reading} | {tokens[0].surface},)  # 掏る is not する
        entry = _Entry(kind, target, pattern, len(word), negative, "".join(t.reading for t in tokens))
        self.entries.append(entry)
        if kind not in ("provider", "not_covered") or not _HIRAGANA_WORD.fullmatch(word) or len(tokens) == 1:
            # A hiragana spelling the analyser splits oddly (いおん -> いお|ん) matches by its reading only.
            for key in pattern[0]:
                self.by_key[key].append(entry)
        if len(entry.reading) >= MIN_READING_MATCH or (_HIRAGANA_WORD.fullmatch(word) and len(entry.reading) >= 3):
            self.by_reading[entry.reading[:2]].append(entry)

    def abroad_problem(self, target: str) -> bool:
        provider_id, problem_id = target.split("/")
        return self.catalogue.provider(provider_id).problem(problem_id).abroad

    def hints(self) -> list[str]:
        """Phrases worth biasing a recogniser toward: names and whole words as written, no kana spellings."""
        words: list[str] = []
        for provider in self.catalogue.providers:  # every name first: a recogniser may take only the first few hundred
            words += [provider.name, provider.spoken_name, *provider.words]
        for provider in self.catalogue.providers:
            for problem in provider.problems:
                words += problem.words
        kana_only = re.compile(r"^[\u3040-\u309f]+$")
        return list(dict.fromkeys(w for w in words if not w.isascii() and not kana_only.match(w)))


# --- matching ------------------------------------------------------------------------------------------
def _content(tokens: tuple[Token, ...]) -> list[int]:
    """Indices of the tokens that matter: spaces and in-word symbols (アメリカン・エキスプレス) dropped,
    commas and full stops kept (they end clauses)."""
    return [i for i, t in enumerate(tokens)
            if t.pos[0] != "空白" and (t.pos[0] != "補助記号" or t.pos[1] in ("読点", "句点"))]


def _match_at(tokens: tuple[Token, ...], order: list[int], at: int, entry: _Entry) -> int | None:
    """Position in `order` after the match of entry starting at order[at], or None."""
    if at + len(entry.pattern) > len(order):
        return None
    for offset, keys in enumerate(entry.pattern):
        if not (tokens[order[at + offset]].keys & keys):
            return None
    return at + len(entry.pattern)


def _reading_match(tokens: tuple[Token, ...], order: list[int], at: int, entry: _Entry) -> int | None:
    """The entry's reading spelled across several analysed words (らくてん|かーど as らくてんかーど), starting
    and ending on word boundaries and never starting on a function word."""
    if tokens[order[at]].pos[0] in ("助詞", "助動詞", "補助記号"):
        return None
    text = ""
    for end in range(at, len(order)):
        text += tokens[order[end]].reading
        if text == entry.reading:
            return end + 1
        if not entry.reading.startswith(text):
            return None
    return None


def _scan(tokens: tuple[Token, ...], vocabulary: Vocabulary) -> tuple[list[int], list[_Hit]]:
    order = _content(tokens)
    found: list[_Hit] = []
    for at, index in enumerate(order):
        token = tokens[index]
        candidates = {id(e): e for key in token.keys for e in vocabulary.by_key.get(key, ())}
        for entry in candidates.values():
            end = _match_at(tokens, order, at, entry)
            if end is not None:
                found.append(_Hit(entry, at, end))
        for entry in vocabulary.by_reading.get(token.reading[:2], ()):
            end = _reading_match(tokens, order, at, entry)
            if end is not None:
                found.append(_Hit(entry, at, end))
    # Longer matches win over the words they contain (楽天モバイル over 楽天, 不正ログイン over ログイン).
    found.sort(key=lambda h: (-(h.end - h.start), -h.entry.chars, h.start))
    # Names compete with names; each provider's problem words compete only with that provider's own, so a long
    # word of one provider (メールが届かなくなる) never hides a word of another (届かない, for a parcel).
    taken: dict[str, list[bool]] = defaultdict(lambda: [False] * len(order))
    hits: list[_Hit] = []
    seen: set[tuple[str, str, int, int]] = set()
    for hit in found:
        key = (hit.entry.kind, hit.entry.target, hit.start, hit.end)
        if key in seen:
            continue  # the same word reached by two spellings of the vocabulary (amazon, アマゾン)
        seen.add(key)
        group = taken[hit.entry.target.split("/")[0] if hit.entry.kind == "problem" else "names"]
        if any(group[hit.start:hit.end]):
            continue
        for i in range(hit.start, hit.end):
            group[i] = True
        hits.append(hit)
    hits.sort(key=lambda h: h.start)
    return order, hits


def _negated_after(tokens: tuple[Token, ...], order: list[int], end: int, words: frozenset[int] = frozenset()) -> bool:
    """A negation right after a word, before its clause moves on: 紛失ではない, なくしてはいない,
    楽天じゃなくて, 盗まれたわけではない; not 落として使えない (another verb) or 盗難、困ってない."""
    for position in range(end, min(len(order), end + 10)):
        token = tokens[order[position]]
        if token.punctuation:
            return False
        if position in words:
            continue  # a coordinated word: 盗難でも紛失でもない, 紛失や盗難ではない
        if token.lemma in NEGATORS or (token.lemma == "無い" and token.pos[0] in ("形容詞", "助動詞")):
            return True
        if token.pos[0] == "助詞" and token.pos[1] == "接続助詞" and token.lemma not in ("て", "で", "たって", "って"):
            return False
        if token.lemma not in SCOPE_FUNCTION_LEMMAS and token.surface not in SCOPE_FUNCTION_LEMMAS:
            return False
    return False


def _clauses(tokens: tuple[Token, ...], order: list[int]) -> list[int]:
    """Clause number of each position: a new clause after 、。 or a conjunctive particle (けど, が, から…)."""
    numbers, current = [], 0
    for position, index in enumerate(order):
        numbers.append(current)
        token = tokens[index]
        if token.punctuation or (token.pos[1] == "接続助詞" and token.lemma in CLAUSE_BOUNDARIES - {"て"}):
            current += 1
    return numbers


def _thought_clauses(tokens: tuple[Token, ...], order: list[int], clauses: list[int]) -> set[int]:
    """Clauses the caller takes back: 〜かと思ったら / 〜と思ったけど / 〜は勘違いで."""
    taken_back = set()
    for position, index in enumerate(order):
        token = tokens[index]
        if token.lemma in ("思う", "おもう") and position > 0 and tokens[order[position - 1]].lemma in ("と", "って"):
            rest = "".join(tokens[i].surface for i in order[position + 1:position + 5])
            if rest.startswith(("たら", "ったら", "ってたら", "っていたら", "たけど", "ったけど", "ったんですけど",
                                "ったんだけど", "ってたけど", "ったが", "ったんですが", "いきや")):
                taken_back.add(clauses[position])
                if clauses[position] > 0 and position > 0 and clauses[position - 1] != clauses[position]:
                    taken_back.add(clauses[position] - 1)
        if token.lemma in ("勘違い", "気のせい", "早とちり"):
            taken_back.update(range(0, clauses[position] + 1))
    return taken_back


def _corrected_clauses(tokens: tuple[Token, ...], order: list[int], clauses: list[int]) -> set[tuple[int, int]]:
    """(clause, position) pairs: what comes before `position` in `clause` is corrected right away by the
    caller (〜の件…じゃなかった, アメックスではなく楽天カードの…, 〜いや違う)."""
    corrected = set()
    for position in range(len(order)):
        rest = "".join(tokens[i].surface for i in order[position:position + 4])
        if rest.startswith(("じゃなかった", "ではなかった", "いや違", "いやちが", "じゃなくて", "ではなくて", "ではなく",
                            "じゃなく", "あ違", "あちが", "間違えた", "まちがえた")):
            clause = clauses[position]
            corrected.add((clause, position))
            if position > 0 and tokens[order[position - 1]].punctuation and clause > 0:
                corrected.add((clause - 1, len(order)))  # 「ポイントの件。じゃなかった、」
    return corrected


def _found_again(tokens: tuple[Token, ...], order: list[int], after: int) -> bool:
    """A lost card turned up later in the turn: 出てきた, 見つかった, ありました (not 見つからない)."""
    for position in range(after, len(order)):
        token = tokens[order[position]]
        if token.lemma in FOUND_LEMMAS and token.pos[0] == "動詞" and not _negated_after(tokens, order, position + 1):
            if token.lemma in ("有る", "ある"):
                previous = tokens[order[position - 1]].lemma if position else ""
                following = tokens[order[position + 1]].lemma if position + 1 < len(order) else ""
                before_particle = tokens[order[position - 2]].lemma if position > 1 else ""
                if following == "か" or previous not in ("が", "は", "も", "に") or (
                        previous == "に" and before_particle in ("盗難", "スリ", "すり", "被害", "詐欺", "ひったくり")):
                    continue  # 盗難にあった is no find, nor 〜ありますか; 隙間にありました is
            return True
    return False


_NOT_A_CARD = {fold(word) for word in NOT_A_CARD}


def _lost_something_else(tokens: tuple[Token, ...], order: list[int], start: int) -> bool:
    """The thing lost is named right before the verb, and it is not a card: パスワードをなくした."""
    for position in range(start - 1, max(0, start - 6), -1):
        particle, noun = tokens[order[position]], tokens[order[position - 1]]
        if particle.punctuation:
            return False
        if particle.lemma in ("を", "が", "も", "は"):
            return noun.surface in _NOT_A_CARD or noun.lemma in _NOT_A_CARD
    return False


def _used_by_someone_known(tokens: tuple[Token, ...], order: list[int], after: int) -> bool:
    """A charge that was a family member's (or the caller's own) after all: 子どもが使っていました."""
    family_at = None
    for position in range(after, len(order)):
        token = tokens[order[position]]
        if token.surface in FAMILY_WORDS or token.lemma in FAMILY_WORDS:
            family_at = position
        elif family_at is not None and token.lemma in USE_LEMMAS and position - family_at <= 6:
            if not _negated_after(tokens, order, position + 1):
                return True
        elif token.lemma in ("思い出す",):
            return True
    return False


def _requested(tokens: tuple[Token, ...], order: list[int], end: int, clauses: list[int]) -> bool:
    """The caller asks about it: 〜したい, 〜について, 〜の件, 〜を教えて, 〜を確認…"""
    clause = clauses[end - 1]
    for position in range(end, min(len(order), end + 7)):
        if clauses[position] != clause and tokens[order[position - 1]].pos[0] != "助詞":
            return False
        if tokens[order[position]].lemma in REQUEST_LEMMAS:
            return True
    return False


# --- names: organisations not covered, and places --------------------------------------------------------
def _other_organisations(text: str, vocabulary: Vocabulary, named: set[tuple[int, int]]) -> list[tuple[str, int]]:
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
            elif nxt == "の" and fold(nxt2) in ("ねっと", "通販", "さいと", "店", "おんらいん", "あぷり", "すとあ", "しょっぷ"):
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


_ELSEWHERE_NOW = ("の店", "のお店", "のさいと", "のサイト", "のしょっぷ", "のショップ", "の会社", "の銀行", "のかーど",
                  "のカード", "の通販", "のぶらんど", "のブランド", "の商品", "のめーかー", "のメーカー", "の業者", "の番号",
                  "のあぷり", "のアプリ", "の請求", "の利用", "からの不正", "の不正", "製", "から届", "から買", "から注文", "からの", "から帰", "から戻", "旅行から", "出張から",
                  "へ行く", "に行く", "にいく", "に行きます", "に行って", "から発送", "通販", "さいと", "サイト", "発送")
_THERE = ("に", "で", "へ", "から電話", "からかけ", "の空港", "のくうこう", "のホテル", "のほてる", "の駅", "の街", "の町",
          "のびーち", "のビーチ", "の路上", "の地下鉄", "のたくしー", "のタクシー", "の市内", "の観光", "のお店で", "の店で",
          "滞在", "出張", "旅行中", "旅行で", "にいる", "におります", "を観光", "を旅行", "観光中", "を歩", "を移動",
          "にて", "を回", "をまわ", "のatm", "のえーてぃーえむ", "からです", "からかけ", "から電話", "のレンタカー",
          "でれんたかー", "でレンタカー")
_FUTURE = {"来月", "来週", "今度", "明日", "明後日", "来年", "これから", "予定", "前に", "行く前"}
_AT_HOME = ("今は日本", "いまは日本", "日本にいます", "日本にいる", "日本におります", "国内にいます", "国内にいる",
            "自宅にいます", "家にいます", "帰国し", "帰ってきた", "戻ってきた", "帰ってきま", "戻ってきま", "帰ってから",
            "日本に帰", "日本に戻")


def _bought_at(tokens: tuple[Token, ...], order: list[int], end: int) -> bool:
    """ヨドバシで買った / ヨドバシから届いた: a shop, not where the caller is."""
    lemmas = [tokens[i].lemma for i in order[end:end + 3]]
    return bool(lemmas) and lemmas[0] in ("で", "から", "だ") and any(l in SHOPPING_VERBS for l in lemmas[1:])


def _caller_place(tokens: tuple[Token, ...], order: list[int], hits: list[_Hit], names: set[int],
                  view: str) -> bool | None:
    """True when the caller says they are abroad now (ロンドンにいて, バンコクの空港で, 海外で使えない),
    False when they say they are not (海外じゃなくて国内, 今は日本です, 旅行から帰ってきた), else None.
    A place the caller only bought from or will go to is not where they are (海外のサイト, 来月パリへ)."""
    abroad_words = {h.start: h for h in hits if h.entry.kind == "abroad"}
    verdict = None
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
        before = {tokens[i].lemma for i in order[max(0, position - 4):position]} | {
            tokens[i].surface for i in order[max(0, position - 4):position]}
        if following.startswith(_ELSEWHERE_NOW) or before & _FUTURE:
            continue
        if _negated_after(tokens, order, end):
            verdict = False if verdict is None else verdict
            continue
        verdict = True
    if any(marker in view for marker in _AT_HOME):
        return False
    return verdict


# --- yes/no, commands, menu numbers ----------------------------------------------------------------------
@lru_cache(maxsize=64)
def _forms(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(surface(word) for word in words)


def _any(text: str, words: tuple[str, ...]) -> bool:
    return any(form in text for form in _forms(words))


def _yes_no(text: str) -> bool | None:
    """Yes/no only from how the answer starts (はい…, いいえ…) or a clear refusal anywhere: "はい" also
    hides inside ordinary sentences (返金はいつ…)."""
    text = _FILLERS.sub("", text)
    if _any(text, NO_ANYWHERE) or text.startswith(_forms(NO_WORDS)):
        return False
    if text.startswith(_forms(YES_WORDS)):
        return True
    return None


_NUMERALS = {"0": "0", "ぜろ": "0", "れい": "0", "1": "1", "いち": "1", "一": "1", "2": "2", "に": "2", "二": "2",
             "3": "3", "さん": "3", "三": "3", "4": "4", "よん": "4", "し": "4", "四": "4", "5": "5", "ご": "5",
             "五": "5", "6": "6", "ろく": "6", "六": "6", "7": "7", "なな": "7", "しち": "7", "七": "7",
             "8": "8", "はち": "8", "八": "8", "9": "9", "きゅう": "9", "く": "9", "九": "9"}
_CHOICE = re.compile(r"^(?:じゃあ|では|えっと|えーと|あの)?(?P<n>%s)(?:ばん|番)(?:で|です|を|に|が|でおねがいします|でお願いします"
                     r"|をおねがいします|をお願いします|おねがいします|お願いします|。|、)*$"
                     % "|".join(sorted(map(re.escape, _NUMERALS), key=len, reverse=True)))


def menu_choice(view: str) -> str | None:
    """'2番で', 'にばんです', '一番でお願いします' -> the key it stands for; a sentence that merely
    contains a number is not a menu choice."""
    match = _CHOICE.match(view)
    return _NUMERALS[match["n"]] if match else None


def _near(query: str, choice: str, **_: object) -> float:
    return max(fuzz.ratio(query, choice), fuzz.partial_ratio(query, choice))


# --- the whole turn --------------------------------------------------------------------------------------
def understand(text: str, vocabulary: Vocabulary) -> Understood:
    text = clean(text)
    view = surface(text)
    if not view:
        return Understood(text)
    # Recognisers put spaces between words (届か ない): they carry no meaning between Japanese words.
    analysed = _join_words(normal(text))
    tokens = analyse(analysed)
    order, hits = _scan(tokens, vocabulary)
    hits += _near_hits(tokens, order, hits, vocabulary)
    hits += _chunk_hits(normal(text), analysed, tokens, order, hits, vocabulary)
    if re.search(r"[a-z]{3}", analysed) and not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", analysed):
        romaji = _romaji_as_kana(analysed, vocabulary.latin)  # romaji from a recogniser or a keyboard: "henpin"
        romaji_tokens = analyse(romaji)
        romaji_order, romaji_hits = _scan(romaji_tokens, vocabulary)
        if len(romaji_hits) > len(hits):
            analysed, tokens, order, hits = romaji, romaji_tokens, romaji_order, romaji_hits
    clauses = _clauses(tokens, order)
    thought = _thought_clauses(tokens, order, clauses)
    words = frozenset(i for h in hits if h.entry.kind == "problem" for i in range(h.start, h.end))
    corrected = _corrected_clauses(tokens, order, clauses)
    for hit in hits:
        hit.clause = clauses[hit.start]
        hit.negated = _negated_after(tokens, order, hit.end, words)
        if hit.entry.kind == "problem" and (hit.clause in thought or any(
                clause == hit.clause and hit.end <= position for clause, position in corrected)):
            hit.retracted = True  # what the caller takes back; the names they said still stand
        kind = hit.entry.target.rsplit("/", 1)[-1]
        if hit.entry.kind == "problem" and kind == "lost_stolen" and (
                _found_again(tokens, order, hit.end) or _lost_something_else(tokens, order, hit.start)):
            hit.retracted = True
        if hit.entry.kind == "problem" and kind == "unauthorized" and _used_by_someone_known(tokens, order, hit.end):
            hit.retracted = True
        hit.requested = _requested(tokens, order, hit.end, clauses)

    _inside_other_names(tokens, order, hits, vocabulary)
    live = [h for h in hits if h.live]
    providers = tuple(dict.fromkeys(h.entry.target for h in live if h.entry.kind == "provider"))
    named_spans = {(tokens[order[h.start]].start, tokens[order[h.end - 1]].end) for h in hits}
    not_covered = [h.entry.target for h in live if h.entry.kind == "not_covered"]
    negated_names = {h.entry.target for h in hits if h.entry.kind in ("provider", "not_covered") and not h.live}
    for name, start in _other_organisations(analysed, vocabulary, named_spans):
        if name not in negated_names:
            not_covered.append(name)
            for hit in hits:  # 楽天Kobo, 楽天西友: a covered brand joined to another service's name
                if hit.entry.kind == "provider" and tokens[order[hit.end - 1]].end == start:
                    if _names_a_card(tokens, order, hit.end):
                        not_covered.pop()  # 楽天ANAマイレージクラブカード, 楽天PINKカード: the brand's own cards
                        break
                    hit.retracted = True
    if not_covered:  # a generic name inside a covered brand's card name (楽天|ANAマイレージクラブカード) is not another company
        for hit in hits:
            if hit.entry.kind == "provider" and hit.live and _names_a_card(tokens, order, hit.end):
                run_end = _noun_run_end(tokens, order, hit.end)
                span = (tokens[order[hit.end]].start, tokens[order[run_end - 1]].end) if run_end > hit.end else None
                if span:
                    not_covered = [n for n in not_covered if analysed.find(n, span[0]) < 0
                                   or analysed.find(n, span[0]) >= span[1]]
    providers = tuple(dict.fromkeys(h.entry.target for h in hits if h.live and h.entry.kind == "provider"))
    live = [h for h in hits if h.live]
    not_covered_t = tuple(dict.fromkeys(not_covered))

    fuzzy = False
    named_at_all = any(h.entry.kind in ("provider", "not_covered") for h in hits) or bool(not_covered_t)
    if not named_at_all and len(view) >= 3 and not any(h.entry.kind == "problem" for h in hits):
        match = process.extractOne(reading(view), list(vocabulary.provider_readings), scorer=_near,
                                   score_cutoff=FUZZY_ACCEPT)
        if match:
            providers, fuzzy = (vocabulary.provider_readings[match[0]],), True

    problems, urgent, weights, unsure = _choose_problems(live, vocabulary)
    if len(providers) > 1:
        providers = _about_last(providers, live, weights, tokens, order)
    names = {i for h in hits if h.entry.kind in ("provider", "not_covered") for i in range(h.start, h.end)}
    abroad = _caller_place(tokens, order, hits, names, view)
    if abroad is None and any(h.entry.kind == "problem" and h.live and vocabulary.abroad_problem(h.entry.target)
                              for h in hits):
        abroad = True  # 海外で使えない

    if abroad and not problems:  # 「今ロンドンにいて困ってるんですが」: trouble abroad, for whoever handles it
        for provider in vocabulary.catalogue.providers:
            for problem in provider.problems:
                if problem.abroad:
                    problems[provider.id] = problem.id
    command = None
    if _any(view, REPEAT_WORDS) and not problems and not providers:
        command = "repeat"
    elif _any(view, RESTART_WORDS) and (not (problems or providers) or _starts_over(view)):
        command = "restart"
    elif _any(view, OPERATOR_WORDS):
        command = "operator"
    elif _any(view, BYE_WORDS) and not problems and not providers:
        command = "bye"
    return Understood(text, providers, fuzzy, not_covered_t, problems, frozenset(urgent), abroad,
                      _yes_no(view), command, unsure=frozenset(unsure), choice=menu_choice(view))


_FOLDED_NEAR_RULES = tuple(({fold(w) for w in first}, {fold(w) for w in second}, kind, gap, negated, particles)
                           for first, second, kind, gap, negated, particles in NEAR_RULES)


def _noun_run_end(tokens: tuple[Token, ...], order: list[int], start: int) -> int:
    end = start
    while end < len(order) and tokens[order[end]].pos[0] in ("名詞", "接頭辞", "接尾辞") and tokens[order[end]].surface not in (
            "の",):
        end += 1
    return end


def _names_a_card(tokens: tuple[Token, ...], order: list[int], start: int) -> bool:
    """The words right after a brand end in カード: 楽天|ANAマイレージクラブカード is a 楽天 card."""
    end = _noun_run_end(tokens, order, start)
    return end > start and tokens[order[end - 1]].surface in ("かーど", "カード")


def _near_hits(tokens: tuple[Token, ...], order: list[int], hits: list[_Hit], vocabulary: Vocabulary) -> list[_Hit]:
    found = []
    for first_words, second_words, kind, gap, negated_first, particles in _FOLDED_NEAR_RULES:
        for position, index in enumerate(order):
            token = tokens[index]
            width = 1
            if token.lemma not in first_words and token.surface not in first_words:
                joined = token.surface + (tokens[order[position + 1]].surface if position + 1 < len(order) else "")
                if joined not in first_words:
                    continue
                width = 2  # 電話|番号: a compound the analyser splits
            if negated_first and not _negated_after(tokens, order, position + width):
                continue
            for later in range(position + width, min(len(order), position + width + gap + 1)):
                if tokens[order[later]].punctuation and tokens[order[later]].pos[1] == "句点":
                    break
                if particles and tokens[order[later - 1]].lemma not in particles:
                    continue
                if tokens[order[later]].lemma in second_words or tokens[order[later]].surface in second_words:
                    for entry in vocabulary.kind_entries.get(kind, ()):
                        found.append(_Hit(entry, position, later + 1, weak=True))
                    break
    return found


def _inside_other_names(tokens: tuple[Token, ...], order: list[int], hits: list[_Hit], vocabulary: Vocabulary) -> None:
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


def _chunk_hits(spaced: str, joined: str, tokens: tuple[Token, ...], order: list[int], hits: list[_Hit],
                vocabulary: Vocabulary) -> list[_Hit]:
    """Words a recogniser spelled in kana between spaces (らくてん カード とうなん): the joined text can
    analyse badly, so each chunk is also read on its own, and a word it holds whole is added where no
    word was found."""
    chunks = [c for c in spaced.split() if c]
    if len(chunks) < 2:
        return []
    covered = {i for h in hits for i in range(h.start, h.end)}
    added, offset = [], 0
    for chunk in chunks:
        start = joined.find(chunk, offset)
        if start < 0:
            continue
        end, offset = start + len(chunk), start + len(chunk)
        positions = [p for p, i in enumerate(order) if start <= tokens[i].start and tokens[i].end <= end]
        if not positions or any(p in covered for p in positions):
            continue
        chunk_tokens = analyse(chunk)
        chunk_order, chunk_hits = _scan(chunk_tokens, vocabulary)
        whole = [h.entry for h in chunk_hits if h.start == 0 and h.end == len(chunk_order)]
        if not whole and _KANA.fullmatch(chunk):
            whole = _by_reading(fold(chunk), vocabulary)  # the analyser reads lone kana words badly (とうなん)
        added += [_Hit(entry, positions[0], positions[-1] + 1, weak=True) for entry in whole]
    return added


_KANA = re.compile(r"[ぁ-ゖァ-ヺー]+")


def _by_reading(kana: str, vocabulary: Vocabulary) -> list[_Entry]:
    """Entries whose reading the kana chunk is, or starts with (ふせい, げんどがく, へんぴん, ろぐいん)."""
    best: list[_Entry] = []
    for entry in vocabulary.entries:
        if len(entry.reading) >= 3 and kana.startswith(entry.reading):
            if not best or len(entry.reading) > len(best[0].reading):
                best = [entry]
            elif len(entry.reading) == len(best[0].reading):
                best.append(entry)
    return best


def _romaji_as_kana(text: str, keep: frozenset[str] = frozenset()) -> str:
    """Each latin word that is not a word of the catalogue read as romaji: 'amex kaado nakushita' ->
    'amex かあど なくした'."""
    return " ".join(jaconv.alphabet2kana(word) if re.fullmatch(r"[a-z]+", word) and word not in keep else word
                    for word in text.split())


def _starts_over(view: str) -> bool:
    """「やっぱり最初から。アメックスの明細の件です」: starting over, then saying the new request at once."""
    return any(view.find(surface(w)) < 3 for w in ("最初から", "やっぱり最初", "やり直し", "始めから") if surface(w) in view)


def _choose_problems(live: list[_Hit], vocabulary: Vocabulary) -> tuple[dict[str, str], set[str]]:
    """For each provider, the problem the caller is asking about: what they request outweighs what they
    mention; among equals, the more specific (longer) words, then the urgent one."""
    scores: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    strong: set[tuple[str, str]] = set()
    for hit in live:
        if hit.entry.kind != "problem":
            continue
        provider_id, problem_id = hit.entry.target.split("/")
        problem = vocabulary.catalogue.provider(provider_id).problem(problem_id)
        weight = (3 + hit.entry.chars / 2 + (6 if hit.requested else 0) + (3 if problem.urgent else 0)
                  + 0.1 * hit.clause)
        scores[provider_id][problem_id] += weight
        if not hit.weak:
            strong.add((provider_id, problem_id))
    problems, urgent, unsure = {}, set(), set()
    for provider_id, by_problem in scores.items():
        provider = vocabulary.catalogue.provider(provider_id)
        ranked = sorted(by_problem, key=lambda pid: (by_problem[pid], provider.problem(pid).urgent), reverse=True)
        best = problems[provider_id] = ranked[0]
        if provider.problem(best).urgent:
            urgent.add(provider_id)
        contested = len(ranked) > 1 and by_problem[ranked[1]] >= 0.85 * by_problem[best] and (
            provider.problem(ranked[1]).urgent != provider.problem(best).urgent)
        if contested or (provider_id, best) not in strong:
            unsure.add(provider_id)
    return problems, urgent, {pid: max(by.values()) for pid, by in scores.items()}, unsure


def _about_last(providers: tuple[str, ...], live: list[_Hit], weights: dict[str, float],
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
