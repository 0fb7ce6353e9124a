"""Names and places: organisations that are not covered, which provider a request is about, and whether the
caller is abroad now."""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from rapidfuzz import fuzz, process

from .analysis import Token, analyse, fold, long_units, readings_of
from .clauses import (ADDRESS_LEMMAS, said_after, MISUSE_LEMMAS, PASSIVE, STAND_INS, STATEMENT_NOUNS, USE_LEMMAS, a_loss, in_corrected, negated_after, never_done, noun_run_end,
                      quoted_message, said_just_before, supposed)
from .lexicon import lexicon
from .places import NOT_ABROAD, abroad_country, abroad_place
from .text import BREAK_MARKS, reading
from .vocabulary import Hit, Vocabulary


ORG_SUFFIXES = tuple(lexicon().words("org_suffixes"))


COMMON_BEFORE_CARD = frozenset(lexicon().words("common_before_card"))


SHOP_ENDINGS = tuple(lexicon().words("shop_endings"))

SHOPPING_VERBS = frozenset(lexicon().words("shopping_verbs"))
NOT_SHOPS = frozenset(fold(w) for w in lexicon().words("not_shops"))


def other_organisations(text: str, vocabulary: Vocabulary, named: set[tuple[int, int]]) -> list[tuple[str, int]]:
    """Names of organisations or shops that are not covered, spotted generically: a proper noun that is not a
    place, or a word directly before カード/銀行/ストア/運輸…, or a shop one bought from (〜で買った)."""
    units = long_units(text)
    found = []
    for i, (word, pos, start, end) in enumerate(units):
        if any(s < end and start < e for s, e in named):
            continue  # a covered provider's name, or a known not-covered one
        folded = fold(word)
        if _a_letter_brand(units, i):
            found.append((word + units[i + 1][0], start))  # dポイント, Tカード: a scheme named by one letter
            continue
        if pos[0] != "名詞" or len(folded) < 2 or folded in COMMON_BEFORE_CARD:
            continue
        after = [fold(unit[0]) for unit in units[i + 1:i + 3]] + ["", ""]
        if pos[1] == "固有名詞" and pos[2] == "地名":
            other = _place_as_shop(units, i, after)
        else:
            other = _organisation(units, i, after)
        if other and not _bought_item(units, i):  # アマゾンで買ったベビーカーの返品: what was bought, not its seller
            found.append((other, start))
    return found


_SHOP_AFTER_PLACE = tuple(lexicon().words("shop_after_place"))


_COMPANY_AFTER_PLACE = tuple(lexicon().words("company_after_place"))


def _place_as_shop(units: tuple, i: int, after: list[str]) -> str | None:
    """A name tagged as a place that is a shop here: ヨドバシのネット通販, ヨドバシで買った, 大阪銀行."""
    word, pos = units[i][0], units[i][1]
    if after[0].startswith(_COMPANY_AFTER_PLACE):
        return word + units[i + 1][0]
    if abroad_country(word, pos):
        return None
    if after[0] == "の" and fold(after[1]) in _SHOP_AFTER_PLACE:
        return word
    if after[0] in ("で", "から") and _shopping(units[i + 2:i + 5]) and re.fullmatch(r"[ァ-ヶー]+", word):
        return word
    return None


def _organisation(units: tuple, i: int, after: list[str]) -> str | None:
    """A proper noun ending like a company (〜銀行), a name before such a word, a proper name, a shop bought from."""
    word, pos = units[i][0], units[i][1]
    name_like = _looks_like_a_name(word, pos)
    if _a_brand_compound(word, pos):
        return word  # 〜銀行, エムアイカード, マイナポイント: a name and what it is, in one word
    if after[0] and any(after[0] == fold(s) for s in ORG_SUFFIXES) and name_like:
        return word + units[i + 1][0]
    if pos[1] == "固有名詞" and pos[2] in ("一般", "人名", "組織") and name_like and not _a_word_read_as_a_name(word, pos):
        return word
    if name_like and after[0] in ("で", "から") and after[1] and _shopping(units[i + 2:i + 5]):
        return word
    return _by_what_it_is(units, i, after)


@lru_cache(maxsize=1024)
def _a_word_read_as_a_name(word: str, pos: tuple[str, ...]) -> bool:
    """明細の見方がわからない: the analyser reads 見方 as a surname there; alone it is 見 + 方, a way of looking. A
    kanji word tagged as a person's name only in context is an ordinary word, not an organisation."""
    if pos[2] != "人名" or not re.fullmatch(r"[\u4e00-\u9fff]+", word):
        return False
    alone = analyse(word)
    return not (len(alone) == 1 and alone[0].pos[1] == "固有名詞")


@lru_cache(maxsize=8192)
def _a_brand_compound(word: str, pos: tuple[str, ...] = ("名詞", "普通名詞")) -> bool:
    """A proper noun ending in an organisation's word (〜銀行), or a name in katakana or Latin letters joined to one
    (エムアイ|カード, マイナ|ポイント, ワイ|モバイル); not a kind of card (クレジット|カード, ゴールド|カード)."""
    folded = fold(word)
    if pos[1] == "固有名詞" and folded.endswith(_ORG_SUFFIXES):
        return True
    suffix = next((s for s in _ORG_SUFFIXES if folded.endswith(s) and len(folded) > len(s)), None)
    return suffix is not None and _looks_like_a_name(word[:len(word) - len(suffix)], ("名詞", "普通名詞"))


_ORG_SUFFIXES = tuple(fold(s) for s in ORG_SUFFIXES)


def _a_letter_brand(units: tuple, i: int) -> bool:
    """d|ポイント, V|ポイント, T|カード: one Latin letter, then a scheme's word."""
    return i + 1 < len(units) and re.fullmatch(r"[A-Za-zＡ-Ｚａ-ｚ]", units[i][0]) is not None and \
        fold(units[i + 1][0]) in _LETTER_SCHEMES


_LETTER_SCHEMES = frozenset(fold(w) for w in lexicon().words("letter_schemes"))


def _bought_item(units: tuple, i: int) -> bool:
    """The word right after a purchase told (買った|頼んだ|注文した …): the thing bought; not a place paid, which serves
    (カード払いにした|ジム, カードで払った|塾)."""
    if i < 2 or fold(units[i - 1][0]) not in ("た", "だ") or not _shopping(units[max(0, i - 3):i - 1]):
        return False
    paid = any("払" in w for w, _, _, _ in units[max(0, i - 3):i - 1])
    return not (paid and fold(units[i][0]) in INSTITUTIONS)


def _by_what_it_is(units: tuple, i: int, after: list[str]) -> str | None:
    """A common noun that names an organisation by what it is: a shop, an institution."""
    return _shop_sending(units, i, after) or _institution(units, i, after)


INSTITUTIONS = frozenset(fold(w) for w in lexicon().words("institutions"))
# (and bills and shops of others, asked of by name: 電気代の引き落とし, スーパーのポイントカード)
_ASKED_OF = INSTITUTIONS | frozenset(fold(w) for w in lexicon().words("others_bills"))
THEIR_THINGS = frozenset(fold(w) for w in lexicon().words("their_things"))


def _institution(units: tuple, i: int, after: list[str]) -> str | None:
    """A kind of institution, or a name, whose own thing the caller asks about (図書館の利用者カード, 区役所の窓口,
    交番の番号, ゲームのアカウント, ネットフリックスの解約): another organisation; not a place where something
    happened (交番の前で)."""
    word, pos = units[i][0], units[i][1]
    run = _noun_run(units, i + 2)  # (ジムの|月|会費)
    their = after[1] in THEIR_THINGS or run in THEIR_THINGS or (fold(word) in INSTITUTIONS and run.endswith(("かーど", "通帳")))
    if (fold(word) in INSTITUTIONS or _looks_like_a_name(word, pos)) and after[0] == "の" and their:
        return word  # ネットフリックスの解約, ヨドバシドットコムの注文: a name with its own business after it
    return None


def _noun_run(units: tuple, start: int) -> str:
    """The nouns from `start` on, as one word: 銀行の|VISA|デビット|カード."""
    run = ""
    for word, pos, _, _ in units[start:]:
        if pos[0] != "名詞":
            break
        run += fold(word)
    return run


def _shop_sending(units: tuple, i: int, after: list[str]) -> str | None:
    """A shop that sends or sells the caller something (近所の八百屋さんから, 家電量販店から届いた, 弁当屋さんの配達,
    酒屋さんに灯油を頼んだ): not Amazon's parcel."""
    word = units[i][0]
    if not fold(word).endswith(SHOP_ENDINGS) or fold(word) in NOT_SHOPS:
        return None  # 旅館の部屋から: a room, not a shop
    if fold(word) in _A_SHOP:
        return None  # a shop, any shop: also the one on Amazon
    named = word + units[i + 1][0] if after[0] == "さん" else word
    rest = units[i + 2:] if after[0] == "さん" else units[i + 1:]
    particle, following = (fold(rest[0][0]) if rest else ""), [fold(unit[0]) for unit in rest[1:5]]
    if particle == "から" or (particle == "の" and following[:1] and following[0] in SHOP_BUSINESS) or (
            particle == "に" and _shopping(rest[1:7])):
        return named  # 八百屋さんから, 弁当屋さんの配達, 酒屋さんに…頼んだ
    return None


SHOP_BUSINESS = frozenset(fold(w) for w in lexicon().words("shop_business"))
_A_SHOP = frozenset(fold(w) for w in lexicon().words("any_shop"))  # any shop, also one on Amazon: no shop in particular


def _looks_like_a_name(word: str, pos: tuple[str, ...]) -> bool:
    folded = fold(word)
    if folded in COMMON_BEFORE_CARD or len(folded) < 2:
        return False
    if pos[1] == "固有名詞":
        return True
    katakana_or_latin = re.fullmatch(r"[ァ-ヶーa-zA-Z0-9.&・'\-]+", word) is not None
    return katakana_or_latin and word.lower() not in _COMMON_LOANWORDS


_COMMON_LOANWORDS = frozenset(lexicon().words("common_loanwords"))


_BUYING_STEMS = frozenset(fold(w) for w in lexicon().words("buying_stems"))


def _shopping(units: tuple) -> bool:
    return any(fold(w) in _BUYING_STEMS or
               any(fold(w).startswith(fold(v)[:2]) for v in SHOPPING_VERBS) for w, _, _, _ in units)


_ELSEWHERE_NOW = tuple(lexicon().words("elsewhere_now"))


_THERE = tuple(lexicon().words("there"))


# Compared with the analysed words' surfaces, which are folded to hiragana: fold these the same way.
_ELSEWHERE_NOW = tuple(dict.fromkeys(fold(w) for w in _ELSEWHERE_NOW))
_THERE = tuple(dict.fromkeys(fold(w) for w in _THERE))
_KANJI_WORD = re.compile(r"[\u4e00-\u9fff]")  # 海外ブランド is a compound; a recogniser's かいがい カード need not be
_STAYING = tuple(lexicon().words("staying"))
_ATTRIBUTES = tuple(dict.fromkeys(fold(w) for w in lexicon().words("place_as_attribute")))
_FUTURE = frozenset(lexicon().words("future"))
_PAST = tuple(fold(w) for w in lexicon().words("past_times"))
_LONG_AGO = tuple(fold(w) for w in lexicon().words("long_ago") if w != "前に")  # (前に: 行く前に, a time to come)


_AT_HOME = tuple(lexicon().words("at_home"))


def _bought_at(tokens: tuple[Token, ...], order: list[int], end: int) -> bool:
    """ヨドバシで買った / ヨドバシから届いた: a shop, not where the caller is."""
    lemmas = [tokens[i].lemma for i in order[end:end + 3]]
    return bool(lemmas) and lemmas[0] in ("で", "から", "だ") and any(l in SHOPPING_VERBS for l in lemmas[1:])


def caller_place(tokens: tuple[Token, ...], order: list[int], hits: list[Hit], names: set[int],
                  view: str) -> bool | None:
    """True when the caller says they are abroad now (ロンドンにいて, バンコクの空港で, 海外で使えない),
    False when they say they are not (海外じゃなくて国内, 今は日本です, 旅行から帰ってきた), else None.
    A place the caller only bought from or will go to is not where they are (海外のサイト, 来月パリへ)."""
    if any(_said_not_denied(view, marker) for marker in _AT_HOME):
        return False
    if _planned_trip(tokens):
        return None  # 来月ヨーロッパ旅行なんですけど、海外で使えるか: in Japan now, whatever place is named
    verdict, elsewhere = None, False
    for position, hit, end, following in _places(tokens, order, hits, names):
        if _elsewhere(tokens, order, position, following):
            elsewhere = True  # 来週からタイに行く: and 現地 / 向こう later in the turn is that place, too
        elif _not_where_the_caller_is(tokens, order, position, hit, end, following):
            continue
        elif not (hit and elsewhere):  # 海外じゃなくて: not abroad, unless they said they were
            verdict = (False if verdict is None else verdict) if _denied_there(tokens, order, end) else True
    return verdict


def told_of_a_place_abroad(tokens: tuple[Token, ...], order: list[int], hits: list[Hit], names: set[int]) -> bool:
    """A place abroad the caller tells of, where they are or not (海外の通販, 旅行先のお店, ハワイで), not denied
    (海外じゃなくて), imagined (仮に海外で), to come (来月ハワイに), a kind of thing (海外ブランド) or a trip at home."""
    if _planned_trip(tokens):
        return False
    for position, hit, end, following in _places(tokens, order, hits, names):
        if following.startswith(_ATTRIBUTES) or supposed(tokens, order, position):
            continue
        if hit is not None and not _surely_abroad(tokens, order, hit) and _a_place_at_home(tokens):
            continue
        if _elsewhere(tokens, order, position, following) and not following.startswith(_SHOP_THERE):
            continue
        if not _denied_there(tokens, order, end):
            return True
    return False


def _denied_there(tokens: tuple[Token, ...], order: list[int], end: int) -> bool:
    """Right after a place: 海外じゃなくて, 行ったことない, 海外にはいないです."""
    return negated_after(tokens, order, end) or never_done(tokens, order, end) or _not_there(tokens, order, end)


def _not_there(tokens: tuple[Token, ...], order: list[int], end: int) -> bool:
    """海外にはいないです, 外国にいるわけじゃない, 海外なんか行ってない: not being there, said right after the place."""
    for position in range(end, min(len(order), end + 4)):
        lemma = tokens[order[position]].lemma
        if lemma in _BY_THE_WAY:
            continue
        return lemma in ("居る", "いる", "行く") and negated_after(tokens, order, position + 1)
    return False


_BY_THE_WAY = frozenset({"に", "へ", "は", "も", "なんか", "なんて", "など", "なぞ"})  # 海外なんか行ってない


def _not_where_the_caller_is(tokens: tuple[Token, ...], order: list[int], position: int, hit: Hit | None, end: int,
                             following: str) -> bool:
    """Something else (海外のサイト), an imagined place (仮に海外でなくしたら), or a trip at home (札幌に出張中,
    沖縄の旅行先で)."""
    if _about_something_else(tokens, order, position, hit, end, following) or supposed(tokens, order, position):
        return True
    if _used_there_by_others(tokens, order, end):
        return True
    return hit is not None and not _surely_abroad(tokens, order, hit) and _a_place_at_home(tokens)


def _used_there_by_others(tokens: tuple[Token, ...], order: list[int], end: int) -> bool:
    """寝てる間に海外で使われた, ブラジルで決済されてる: the card was used there by someone, a place the caller
    need not be in (the passive of a verb of using, right after で)."""
    lemmas = [tokens[i].lemma for i in order[end:end + 6] if tokens[i].lemma not in ("不正", "勝手", "に", "為る", "する")]
    return lemmas[:1] == ["で"] and len(lemmas) > 2 and lemmas[1] in USE_LEMMAS | {"決済", "引き出す"} and (
        lemmas[2] in PASSIVE)


_TRIPS = tuple(lexicon().words("trips"))
_NOW = tuple(lexicon().words("now_words"))


def _said_not_denied(view: str, marker: str) -> bool:
    """今は日本, said and not denied (今は日本じゃなくて、メルボルンに)."""
    at = view.find(marker)
    return at >= 0 and not view[at + len(marker):].startswith(("じゃ", "では", "ではな", "じゃな"))


def _planned_trip(tokens: tuple[Token, ...]) -> bool:
    """A trip still to come (来月, 再来週から, 今度…旅行/出張), with nothing said of being there now (現地 said after
    the time to come is that place then: 来週から出張で…現地でなくした時に)."""
    words = {t.lemma for t in tokens} | {t.surface for t in tokens}
    if not (words & _FUTURE and words & set(_TRIPS)):
        return False
    first_future = next(p for p, t in enumerate(tokens) if t.lemma in _FUTURE or t.surface in _FUTURE)
    return not any((t.lemma in _NOW or t.surface in _NOW) and not (t.surface == "現地" and p > first_future)
                   for p, t in enumerate(tokens))


def _places(tokens: tuple[Token, ...], order: list[int], hits: list[Hit], names: set[int]):
    """(position, abroad word or None, end, what follows) of each word that may say where the caller is."""
    abroad_words = {h.start: h for h in hits if h.entry.kind == "abroad"}
    for position, index in enumerate(order):
        hit = abroad_words.get(position)
        token = tokens[index]
        place = token.pos[1] == "固有名詞" and token.pos[2] == "地名" and abroad_place(token.surface, token.pos)
        if position in names or not (place or hit):
            continue  # アマゾン is also a river
        end = hit.end if hit else position + 1
        yield position, hit, end, "".join(tokens[i].surface for i in order[end:end + 4])


def _about_something_else(tokens: tuple[Token, ...], order: list[int], position: int, hit: Hit | None, end: int,
                          following: str) -> bool:
    """A katakana name that may be a shop (ヨドバシの通販), what was bought from (海外のサイト), or a word about
    something else (海外ブランド, 外国人): not where the caller is."""
    token = tokens[order[position]]
    if _its_site(tokens, order, end, following):
        return True  # 中華料理, イタリア製: a kind of thing; 韓国のオンラインショップ: bought from (but 韓国のお店で is there)
    if not hit:
        return not abroad_country(token.surface, token.pos) and (
            not (following.startswith(_THERE) or _a_spot_there(tokens, order, end)) or _bought_at(tokens, order, end))
    if hit.end - hit.start > 1 and tokens[order[hit.end - 1]].surface == "の":
        following = "の" + following  # a kana chunk read alone (かいがいの しらない サイト) ends with its の
    if following.startswith("の") and not (following.startswith(_SPOTS_ABROAD)
                                          or _surely_abroad(tokens, order, hit) and _a_spot_there(tokens, order, end)):
        return True  # (海外の自動販売機で弾かれる is there; 旅行先の旅館で may be at home)
    return (end < len(order) and tokens[order[end]].pos[0] in ("名詞", "接尾辞")
            and not following.startswith(_STAYING) and _KANJI_WORD.search(tokens[order[hit.start]].surface) is not None)


def _its_site(tokens: tuple[Token, ...], order: list[int], end: int, following: str) -> bool:
    """イタリア製, 韓国のオンラインショップ, 海外のホテルの予約サイトで: a kind of thing, a shop bought from, or a spot
    abroad whose website the caller used, from wherever they are."""
    if following.startswith(_ATTRIBUTES + _SHOP_THERE):
        return True
    said = "".join(tokens[i].surface for i in order[end:end + 6])
    spot = next((s for s in _SPOTS_ABROAD if said.startswith(s)), None)
    if spot and said[len(spot):].startswith(_CHARGED_FOR):
        return True  # 海外のホテル代が入ってて: what a charge was for, from wherever the caller is
    return said.startswith("の") and any(word in said for word in _ONLINE)


_ONLINE = tuple(fold(w) for w in lexicon().words("online"))
_KANJI_ONLY = re.compile(r"[\u4e00-\u9fff]+")
_SHOP_THERE = tuple("の" + w for w in lexicon().words("shop_after_place") if w != "店")


def _a_place_at_home(tokens: tuple[Token, ...]) -> bool:
    """A place in Japan named (札幌, 沖縄, 名古屋): a place name in kanji that is no country or city abroad."""
    return any(t.pos[1] == "固有名詞" and t.pos[2] == "地名" and (t.surface in NOT_ABROAD or (
        _KANJI_ONLY.fullmatch(t.surface) is not None and not abroad_country(t.surface, t.pos))) for t in tokens)


_SPOTS_ABROAD = tuple(lexicon().words("spots_abroad"))
_CHARGED_FOR = tuple(lexicon().words("charged_for_a_spot"))
_SURELY_ABROAD = frozenset(lexicon().words("surely_abroad"))


def _surely_abroad(tokens: tuple[Token, ...], order: list[int], hit: Hit) -> bool:
    """海外, 外国: abroad whatever the spot; 旅行先, 現地 may be anywhere."""
    return "".join(tokens[i].surface for i in order[hit.start:hit.end]) in _SURELY_ABROAD


def _elsewhere(tokens: tuple[Token, ...], order: list[int], position: int, following: str) -> bool:
    """A place the caller will go to, comes back from, or buys from: not where they are now; but a shop there
    where nothing is bought from afar (ハワイのお店でカードが通らない) is where the caller stands."""
    before = {tokens[i].lemma for i in order[max(0, position - 4):position]} | {
        tokens[i].surface for i in order[max(0, position - 4):position]}
    said_before = "".join(tokens[i].surface for i in order[max(0, position - 4):position])
    another_time = bool(before & _FUTURE) or said_before.endswith(tuple(w + "の" for w in _PAST)) or (
        any(word in said_before for word in _LONG_AGO))  # この前のタイ旅行; 昔、海外で止められて
    # (a time gone by said otherwise, 昨日パリに着いて, 先週から海外に, may well be where the caller still is)
    if _a_spot_there(tokens, order, position + 1) and not _bought_later(tokens, order, position):
        return another_time
    return following.startswith(_ELSEWHERE_NOW) or another_time or _misused_there(tokens, order, position + 1)


_MISUSED = tuple(fold(w) for w in lexicon().words("misused_there"))


def _misused_there(tokens: tuple[Token, ...], order: list[int], end: int) -> bool:
    """海外で何件も使われてて, ロンドンで勝手に決済されてた: the card was used there by someone; the caller is where they
    read of it."""
    following = "".join(tokens[i].surface for i in order[end:end + 8])
    return following.startswith("で") and any(word in following[:14] for word in _MISUSED)


def _a_spot_there(tokens: tuple[Token, ...], order: list[int], end: int) -> bool:
    """パリのメトロで, ハワイのお店で: a spot in that place, where something happened (not のサイトで: no spot)."""
    if end >= len(order) or tokens[order[end]].lemma != "の":
        return False
    stop = noun_run_end(tokens, order, end + 1)
    for _ in range(2):  # 海外の駅の券売機で: a spot inside a spot
        if stop + 1 < len(order) and tokens[order[stop]].lemma == "の" and noun_run_end(tokens, order, stop + 1) > stop + 1:
            stop = noun_run_end(tokens, order, stop + 1)
    spot = "".join(tokens[i].surface for i in order[end + 1:stop])
    return end + 1 < stop < len(order) and tokens[order[stop]].surface in ("で", "にて") and \
        not any(fold(spot).endswith(w) for w in _SHOP_AFTER_PLACE if w not in ("店",)) and fold(spot) not in _NOT_SPOTS


_NOT_SPOTS = frozenset(fold(w) for w in lexicon().words("not_spots"))  # 外国の通貨で: how, not where


def _bought_later(tokens: tuple[Token, ...], order: list[int], position: int) -> bool:
    """ハワイのお店で買ったものが届かない: a shop the caller bought from."""
    return any(tokens[i].lemma in SHOPPING_VERBS for i in order[position + 1:position + 9])


def names_a_card(tokens: tuple[Token, ...], order: list[int], start: int) -> bool:
    """The words right after a brand end in カード: 楽天|ANAマイレージクラブカード is a 楽天 card."""
    end = noun_run_end(tokens, order, start)
    return end > start and tokens[order[end - 1]].surface in ("かーど", "カード")


def inside_other_names(tokens: tuple[Token, ...], order: list[int], hits: list[Hit], vocabulary: Vocabulary) -> None:
    """A covered name inside a longer product name that is not covered (マリオットボンヴォイ・アメックス,
    アメックスのビジネス・ゴールド) is that product, not the covered provider; so is a brand's product the
    catalogue lists as not covered (普通のアメックス・ゴールド, 楽天ブックス), wherever it is said."""
    _networks_of_ours(tokens, order, hits, vocabulary)
    others = [h for h in hits if h.entry.kind == "not_covered" and h.live]
    brands = {vocabulary.not_covered_of.get(h.entry.target) for h in others} - {None, ""}
    for hit in hits:
        if hit.entry.kind != "provider":
            continue
        if any(_product_of(tokens, order, hit, other) for other in others):
            hit.retracted = True
        if hit.entry.target in brands and _only_the_brand(tokens, order, hit, others, vocabulary):
            hit.retracted = True  # 普通のアメックス・ゴールド…アメックスの: not ゴールドプリファード, the product itself


def _networks_of_ours(tokens: tuple[Token, ...], order: list[int], hits: list[Hit], vocabulary: Vocabulary) -> None:
    """楽天カードのマスターカード, JCBの楽天カード: a card network said of a provider whose cards carry it (the
    catalogue's brand_on) is that card's brand, no other company (not JCBと楽天カード: two cards)."""
    ours = [h for h in hits if h.entry.kind == "provider" and h.live]
    for hit in hits:
        carried_by = vocabulary.brand_on.get(hit.entry.target, frozenset()) if hit.entry.kind == "not_covered" else ()
        if hit.live and any(h.entry.target in carried_by and _said_of(tokens, order, hit, h) for h in ours):
            hit.retracted = True


def _said_of(tokens: tuple[Token, ...], order: list[int], one: Hit, other: Hit) -> bool:
    """Side by side, or joined by の (楽天カードのJCB, JCBの楽天カード)."""
    between = order[one.end:other.start] if one.end <= other.start else order[other.end:one.start]
    return len(between) <= 1 and all(tokens[i].lemma == "の" for i in between)


_NAMED_AS = (["って", "言う", "名前", "の"], ["と", "言う", "名前", "の"], ["って", "名前", "の"], ["て", "言う", "名前", "の"])


def _names_borne_by_others(turn) -> None:
    """らくてんっていう名前の中華料理屋さん: our name borne by something else is not ours (but 楽天カードっていう
    名前のカード is)."""
    for hit in turn.live:
        said = next((said for said in _NAMED_AS if turn.lemmas(hit.end, hit.end + len(said)) == said), None)
        if hit.entry.kind == "provider" and said and not names_a_card(turn.tokens, turn.order, hit.end + len(said)):
            hit.retracted = True
            turn.note("names", "a name something else bears", turn.words(hit.start, hit.end), hit.entry.target)


def _product_of(tokens: tuple[Token, ...], order: list[int], hit: Hit, other: Hit) -> bool:
    """アメックスのビジネス・ゴールド: the other product of the brand; not 楽天カードのJCBブランド (our card, on that
    card network)."""
    network = other.start > hit.end and other.end < len(order) and tokens[order[other.end]].surface in ("ぶらんど", "ブランド")
    return _said_of(tokens, order, hit, other) and not network


def _only_the_brand(tokens: tuple[Token, ...], order: list[int], hit: Hit, others: list[Hit],
                    vocabulary: Vocabulary) -> bool:
    """The covered name said is only the brand its other products share (アメックス, as in アメックスのグリーン),
    not the covered product's own name (ゴールドプリファード: アメックスのグリーンからゴールドプリファードに)."""
    said = fold("".join(tokens[i].surface for i in order[hit.start:hit.end]))
    products = {other.entry.target for other in others}
    return any(said in fold(word) for other in vocabulary.catalogue.not_covered if other.name in products
               for word in other.words)


CARD_DETAILS = frozenset(lexicon().words("card_details"))


def about_last(providers: tuple[str, ...], live: list[Hit], weights: dict[str, float],
               tokens: tuple[Token, ...], order: list[int], urgent: frozenset[str] = frozenset(),
               where: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Two providers named (アマゾンで買って楽天カードで払った): the one the request is about goes last, for
    the dialog takes the last. It is the one asked (まずAmazonに確認したい), else the one whose problem is asked
    to be seen to first (カードの方をまず止めたい), else the one with an urgent problem
    (a lost or misused card outranks another company's routine matter: the worse miss is the urgent one), else
    the one named most, else the one the problem words follow (each problem word belongs to the name said last
    before it that handles it)."""
    names = [h for h in live if h.entry.kind == "provider"]
    owned = _owned(live, names, tokens, order)

    def addressed(provider_id: str) -> int:  # (アマゾンの請求に覚えがない: a shop only where used is not addressed)
        return 0 if provider_id in where else max(
            (_addresses(tokens, order, hit) for hit in names if hit.entry.target == provider_id), default=0)
    mentions = _mentions(providers, names)
    first = _asked_first(live, tokens, order)
    at_hand = _at_hand(names, tokens, order)
    leading = _named_with_what_leads(live, names, tokens, order) - set(where)
    misused = _bought_with(names, tokens, order) & urgent  # (the shop cannot stop the card)
    # A shop named only as where the card was used yields to a card named with a problem of its own as weighty
    # (アメックスでアマゾンの買い物をしたのにポイントが: the card's points; not 支払いは楽天カードにしたけど荷物が来ない)
    shop = max((weights.get(pid, 0) for pid in where), default=0)
    card = any(pid not in where and weights.get(pid, 0) >= shop > 0 for pid in providers)
    ranked = sorted(providers, key=lambda pid: (pid not in at_hand, pid in leading, addressed(pid), not (card and pid in where),
                                                pid in misused, pid in first, pid in urgent,
                                                mentions[pid], owned[pid], weights.get(pid, 0), providers.index(pid)))
    return tuple(ranked)


def _named_with_what_leads(live: list[Hit], names: list[Hit], tokens: tuple[Token, ...], order: list[int]) -> set[str]:
    """楽天カードの引き落とし日も知りたいけど、今はアメックスが盗まれたのが一大事で: the company whose card befell (が, を)
    a loss or fraud that the caller puts before what they asked, in its clause, is the one the call is about (not
    アマゾンなんて使ってないのに, a place)."""
    return {n.entry.target for hit in live if hit.leads for n in names if n.start < hit.start and n.clause == hit.clause
            and n.end < len(order) and (tokens[order[n.end]].lemma in _BEFELL or n.end == hit.start)}  # (楽天カードなくして)


_BEFELL = frozenset(lexicon().words("befell_particles"))


_USED_AT = frozenset(fold(w) for w in lexicon().words("used_at_a_shop"))
_CHARGES_OF = frozenset(fold(w) for w in lexicon().words("charges_of_a_shop"))
_SHOPS_OWN = frozenset(fold(w) for w in lexicon().words("shops_own"))
_USED_OR_CHARGED = _USED_AT | _CHARGES_OF


def where_used(hit: Hit, tokens: tuple[Token, ...], order: list[int]) -> bool:
    """アマゾンで使われた, アマゾンで買った分, アマゾンの請求, アマゾンの買い物: the name says where a card was used or
    what a charge was for, not whose the matter is (not アマゾンで買ったのに届かない, which needs no card)."""
    following = [tokens[i] for i in order[hit.end:hit.end + 9]]
    if not following:
        return False
    if fold(following[0].lemma) in _USED_OR_CHARGED or following[0].pos[1] == "数詞":
        return True  # アマゾン払いしたぶん, アマゾン決済, (利用通知に) アマゾン三万円
    lemmas = [tokens[i].lemma for i in order[hit.end:hit.end + 12]]
    if lemmas[:1] == ["の"] or lemmas[:2] == ["から", "の"]:  # アマゾンの請求, アマゾンからの請求
        return _a_charge_of_it(lemmas[lemmas.index("の") + 1:])
    if _one_of_several(following) or _shown_as(following):
        return True  # 知らない請求が、アマゾンって名前で: the name a charge is shown under
    return following[0].lemma == "で" and _used_there(hit, tokens, order, following)


def _used_there(hit: Hit, tokens: tuple[Token, ...], order: list[int], following: list[Token]) -> bool:
    """(アマゾン)で買われた, 使われてる、(アマゾン)で: a use said after the で, or before the name ending the clause."""
    if all(t.punctuation or t.lemma in ("です", "だ", "ね", "よ") for t in following[1:]):
        return any(tokens[i].lemma in _USED_AT for i in order[max(0, hit.start - 8):hit.start])  # 使われてる、アマゾンで
    return any(t.lemma in _USED_AT for t in _words_said(tokens, order[hit.end + 1:hit.end + 16])[:7])


def _one_of_several(following: list[Token]) -> bool:
    """アマゾンとか知らないネットショップの請求 (と|か as analysed): one of the places charged."""
    example = next((n for n in (2, 1) if "".join(t.surface for t in following[:n]) in _FOR_EXAMPLE), 0)
    rest = [t.lemma for t in following[example:]]
    return bool(example) and "の" in rest and _a_charge_of_it(rest[rest.index("の") + 1:])


def _words_said(tokens: tuple[Token, ...], at: list[int]) -> list[Token]:
    """The tokens at these places but punctuation and interjections (アマゾンで、えっと、勝手に、…買われて)."""
    return [tokens[i] for i in at if not (tokens[i].punctuation or tokens[i].pos[0] == "感動詞")]


_QUOTING = frozenset(lexicon().words("quoting_particles"))
_FOR_EXAMPLE = frozenset(lexicon().words("for_example"))
_SHOWN_AS = frozenset(lexicon().words("shown_as"))


def _shown_as(following: list[Token]) -> bool:
    """(アマゾン)って名前で, と表示されてる: the name something is shown under."""
    return following[0].lemma in _QUOTING and any(t.lemma in _SHOWN_AS for t in following[1:4])


def _a_charge_of_it(lemmas: list[str]) -> bool:
    """After 〜の: a charge or purchase comes before anything of the shop's own (アマゾンの身に覚えのない請求; not
    アマゾンのアカウントで知らない請求); a thing of the shop's bought by someone is a charge too (アマゾンのギフト券が
    何回も買われてて)."""
    for lemma, then in zip(lemmas, lemmas[1:] + [""]):
        if lemma in _CHARGES_OF or _done_by_someone(lemma, then):
            return True
        if lemma in _SHOPS_OWN:
            return False
    return False


def _only_where_used(turn, vocabulary: Vocabulary, denied: set[int]) -> tuple[str, ...]:
    """The shops (providers with a shop's problems: a parcel, a return) every mention of which is where a card was
    used (names.where_used), or one the caller is no customer of (`denied`: where such mentions start); a card
    company named with で is what paid (楽天カードで、…使ってない請求)."""
    names = [h for h in turn.live if h.entry.kind == "provider"]
    return tuple(pid for pid in turn.providers if _a_shop(vocabulary, pid) and all(
        where_used(h, turn.tokens, turn.order) or h.start in denied for h in names if h.entry.target == pid))


_BEING_A_CUSTOMER = frozenset(lexicon().words("being_a_customer"))


def _no_customer_of(turn, vocabulary: Vocabulary) -> set[int]:
    """アマゾンのアカウント自体持ってない, アマゾンで登録したこともない, アマゾンプライムなんか入ってない: the caller has
    no account at a shop of ours (not 注文してない, which an account taken over may show); where each such mention
    starts. The account word is no login trouble, and is taken back."""
    denied = set()
    for hit in _shops_named(turn, vocabulary):
        account = next((p for p in range(hit.end, min(len(turn.order), hit.end + 6))
                        if turn.tokens[turn.order[p]].lemma in _BEING_A_CUSTOMER), None)
        said = account is not None and not any(turn.tokens[i].punctuation for i in turn.order[hit.end:account])
        if said and (negated_after(turn.tokens, turn.order, account + 1) or never_done(turn.tokens, turn.order, account + 1)):
            denied.add(hit.start)
            for problem in [h for h in turn.live if h.entry.kind == "problem" and hit.end <= h.start <= account]:
                problem.retracted, problem.retracted_by = True, "no customer there"
            turn.note("names", "no customer there: only where a card was used", turn.words(hit.start, hit.end),
                      hit.entry.target)
    return denied


def _a_shop(vocabulary: Vocabulary, provider_id: str) -> bool:
    """A provider with a shop's problems (a parcel, a return): the lexicon's `selling_kinds`."""
    provider = vocabulary.catalogue.provider(provider_id)
    return any(provider.problem(kind) for kind in vocabulary.lexicon.words("selling_kinds"))


def _shops_named(turn, vocabulary: Vocabulary) -> list[Hit]:
    return [h for h in turn.live if h.entry.kind == "provider" and _a_shop(vocabulary, h.entry.target)]


def _a_fake_shop_given_a_card(turn, vocabulary: Vocabulary) -> None:
    """偽のアマゾンのページでカード情報を打ち込んだ, Amazonっぽいメールからカード番号を: a card's details given to a
    fake of a shop of ours; the card's company is the one to call, not the shop (the Amazon seed: 「クレジットカード
    被害 速やかにカード会社に連絡し利用停止」), and the caller is asked which card when none is named."""
    if not any(word in fold(turn.analysed) for word in _CARD_DETAILS):
        return
    for hit in _shops_named(turn, vocabulary):
        if _impersonated_here(turn, hit):
            hit.retracted, hit.retracted_by = True, "impersonated"
            turn.note("names", "a fake of it was given a card's details: the card's company is asked", hit.entry.target)


_CARD_DETAILS = tuple(fold(w) for w in lexicon().words("a_cards_details"))


def _anothers_card_misused_at_a_shop(turn, not_covered: list[str], vocabulary: Vocabulary) -> None:
    """JCBカードでアマゾンの不正利用があって, dカードの明細にAmazonの覚えのない請求, PayPayカードがアマゾンで不正利用
    された: another company's card misused, a shop of ours only whose charge it was or where the card was used (its
    name followed by の, or names.where_used): the other card's business, not the shop's."""
    said = fold(turn.analysed)
    listed = {fold(turn.words(h.start, h.end)) for h in turn.live if h.entry.kind == "not_covered"}
    cards = [name for name in not_covered if fold(name).endswith(("カード", "かーど")) or fold(name + "カード") in said
             or (fold(name) in listed and fold(name + "のカード") in said)]  # JCBのカードの (not ゲームのカード, bought)
    misused = any(h.entry.kind == "problem" and h.kind_id in _MISUSE for h in turn.live)
    if not (cards and misused):
        return
    for hit in _shops_named(turn, vocabulary):
        if turn.lemmas(hit.end, hit.end + 1) == ["の"] or where_used(hit, turn.tokens, turn.order):
            hit.retracted, hit.retracted_by = True, "where another card was misused"
            turn.note("names", "another company's card misused here: its business", cards[0], hit.entry.target)


_MISUSE = frozenset(lexicon().words("misuse_kinds"))


def _impersonated_here(turn, hit: Hit) -> bool:
    """This mention of a name is of a fake (アマゾンの偽サイト, 偽のアマゾン), whatever other mentions are."""
    start, end = turn.tokens[turn.order[hit.start]].start, turn.tokens[turn.order[hit.end - 1]].end
    return _a_fake(fold(turn.analysed[:start]), fold(turn.analysed[end:]))


def _mentions(providers: tuple[str, ...], names: list[Hit]) -> dict[str, int]:
    """How often each provider is named; a name said in parts side by side (アメリカンエキスプレスのゴールド・
    プリファード) is once."""
    counted = {pid: 0 for pid in providers}
    last_end: dict[str, int] = {}
    for hit in sorted(names, key=lambda h: h.start):
        pid = hit.entry.target
        if pid in counted and not (pid in last_end and hit.start - last_end[pid] <= 1):
            counted[pid] += 1
        last_end[pid] = hit.end
    return counted


def _bought_with(names: list[Hit], tokens: tuple[Token, ...], order: list[int]) -> set[str]:
    """アメリカンエキスプレスのカードで、アマゾンで勝手に買い物されてる: the card a purchase was made with (not the
    shop it was made at; 楽天で買った is a shop, said without カード)."""
    paid = set()
    for hit in names:
        said = "".join(tokens[i].surface for i in order[hit.start:hit.end])
        following = [tokens[i].surface for i in order[hit.end:hit.end + 3]]
        if following[:1] == ["で"] and ("カード" in said or "かーど" in said) or following[:3] in (
                ["の", "カード", "で"], ["の", "かーど", "で"]):
            paid.add(hit.entry.target)
    return paid


def _at_hand(names: list[Hit], tokens: tuple[Token, ...], order: list[int]) -> set[str]:
    """アメックスは手元にあるんです。なくしたのは楽天カードのほう: a card said to be at hand is not the one the call
    is about; nor a matter only mentioned in passing (アマゾンの荷物のこともあるんですけど、今日は楽天カードのほう)."""
    held = set()
    for hit in names:
        end = _past_its_side(tokens, order, hit.end)
        following = [tokens[i].lemma for i in order[end:end + 5]]
        at_hand = "手元" in following[:3] and any(lemma in ("有る", "ある") for lemma in following)
        left = following[:1] == ["は"] and "残る" in following  # 楽天は財布に残ってる
        if (at_hand or left) and not negated_after(tokens, order, end + 2) or _not_the_one(tokens, order, end):
            held.add(hit.entry.target)
        elif _in_passing([tokens[i].lemma for i in order[end:end + 9]]) or _seen_to(
                [tokens[i].lemma for i in order[end:end + 8]]):
            held.add(hit.entry.target)
    return held


def _past_its_side(tokens: tuple[Token, ...], order: list[int], end: int) -> int:
    """楽天|のほう|は手元に: after a name's の方, where what is said of it begins."""
    return end + 2 if [tokens[i].lemma for i in order[end:end + 2]] == ["の", "方"] else end


def _seen_to(following: list[str]) -> bool:
    """アメックスはさっき止めたので、楽天の方を; アメックスにはもう電話して: this company's card is seen to already (not
    アメックスは止めたい or 止めてください, a wish; nor 止まってる, which is a stop of the company's)."""
    if following[:2] == ["に", "は"]:
        following = following[1:]
    done = next((p for p, lemma in enumerate(following[1:4], 1) if lemma in _SEEN_TO), None)
    if following[:1] != ["は"] or done is None:
        return False
    after = [lemma for lemma in following[done + 1:done + 4] if lemma not in ("する", "為る")]
    return after[:1] in (["た"], ["て"]) and not any(lemma in _WISHED for lemma in after)


_SEEN_TO = frozenset(lexicon().words("seen_to_already"))
_WISHED = frozenset(lexicon().words("please"))


def _ours_not_held(turn, not_covered: list[str]) -> None:
    """アメックスは持ってないんです、VISAのカードを落とした; アメックスは家にあります。落としたのはANAのJCBカード: one of
    ours the caller says they do not have, or is safe or beside the point, another company named: the call is the
    other's, not ours."""
    names = [h for h in turn.live if h.entry.kind == "provider"]
    for pid in {h.entry.target for h in names} if not_covered else ():
        mine = [h for h in names if h.entry.target == pid]
        ends = [_with_the_next_named(turn, h) for h in mine]
        if all(_said_not_held(turn.tokens, turn.order, end) or _not_the_one(turn.tokens, turn.order, end) for end in ends):
            for hit in mine:
                hit.retracted, hit.retracted_by = True, "not_held"
            turn.note("names", "one of ours the caller does not have, another named", pid)


def _with_the_next_named(turn, hit: Hit) -> int:
    """楽天カードと|アメックスは関係なくて: a name joined by と or も to the next, whose end what is said of both follows."""
    joined = next((n for n in turn.hits if n.entry.kind == "provider" and n.start == hit.end + 1), None)
    return joined.end if joined is not None and turn.lemmas(hit.end, hit.end + 1) in (["と"], ["も"]) else hit.end


_NOT_THE_ONE = tuple(fold(w) for w in lexicon().words("not_the_one"))
_NOT_HELD = tuple(fold(w) for w in lexicon().words("not_held"))
_COMPARED_WITH = tuple(fold(w) for w in lexicon().words("compared_with"))


def _not_the_one(tokens: tuple[Token, ...], order: list[int], end: int) -> bool:
    """楽天カードは無事です, 楽天カードも持ってるけどそっちは関係なくて, アメックスは自分で止めたので: the card said to be
    fine, beside the point or seen to already is not the one the call is about."""
    said = fold("".join(tokens[i].surface for i in order[end:end + 14]).split("。")[0])
    if "のは関係な" in said[:30] or _said_not_held(tokens, order, end) or any(word in said[:12] for word in _COMPARED_WITH):
        return True  # 楽天カードで今電話代払ってるのは関係ないんですけど; アマゾンのアカウントは持ってない; アマゾンのポイントと違って
    topic = said.startswith(("は", "も")) or _ITS_THING_AS_TOPIC.match(said) is not None  # (の方は, のほうは too)
    return topic and any(word in said[:24] for word in _NOT_THE_ONE)


_ITS_THING_AS_TOPIC = re.compile(r"の[^、。はも]{1,6}(?:は|も)")  # 楽天カードの限度額は足りてるんですけど


def _said_not_held(tokens: tuple[Token, ...], order: list[int], end: int) -> bool:
    """Right after a name: アマゾンのアカウントは持ってない, アメックスは持ってない: the caller has no dealings with it."""
    return said_after(tokens, order, end, 8).startswith(_NOT_HELD)


def _in_passing(following: list[str]) -> bool:
    """…のこともあるんですけど, …の件もあるんだが: there is that too, but (the call is about something else)."""
    for p in range(len(following) - 1):
        if following[p] == "も" and following[p + 1] in ("有る", "ある"):
            return any(lemma in ("けれど", "けど", "が") for lemma in following[p + 2:p + 6])
    return False


_FIRST = frozenset(lexicon().words("first_of_all"))


def _asked_first(live: list[Hit], tokens: tuple[Token, ...], order: list[int]) -> set[str]:
    """カードの方をまず止めたい, とにかく先にカードを止めて: the providers of what the caller asks to be seen to
    first."""
    return {hit.entry.target.split("/")[0] for hit in live if hit.entry.kind == "problem" and hit.requested
            and any(tokens[i].surface in _FIRST or tokens[i].lemma in _FIRST for i in order[max(0, hit.start - 3):hit.end])}


def _owned(live: list[Hit], names: list[Hit], tokens: tuple[Token, ...], order: list[int]) -> dict[str, float]:
    """How much of the problem wording belongs to each provider: a problem word belongs to the name said last
    before it among those that handle it (楽天カードとアマゾンのギフトカード入れてた財布を落とした: the loss is
    楽天カード's, for アマゾン has no loss desk); said again, it is still the one said with a name and の before
    (アメックスのポイントを…交換したのに、ポイントが引かれた: both are Amex's)."""
    owned: dict[str, float] = defaultdict(float)
    bound: dict[str, str] = {}  # kind -> the provider whose name and の it was said after
    for hit in sorted(live, key=lambda h: h.start):
        if hit.entry.kind != "problem" or not names:
            continue
        provider_id, kind = hit.entry.target.split("/")
        owner = _owner(live, names, hit)
        if owner.end + 1 == hit.start and owner.start < hit.start and tokens[order[owner.end]].lemma == "の" \
                and owner.entry.target == provider_id:  # (アマゾンの支払い binds no card's statement to Amazon)
            bound.setdefault(kind, owner.entry.target)
        elif bound.get(kind, owner.entry.target) != owner.entry.target:
            owner = next(n for n in names if n.entry.target == bound[kind])
        if owner.entry.target == provider_id:  # the owner handles this kind of problem
            owned[provider_id] += hit.entry.chars + (6 if hit.requested else 0)
    return owned


def _owner(live: list[Hit], names: list[Hit], hit: Hit) -> Hit:
    """The name said last before the problem word among those that handle it, else the last, else the first."""
    handling = {h.entry.target.split("/")[0] for h in live if h.entry.kind == "problem"
                and (h.start, h.end) == (hit.start, hit.end)}
    before = [n for n in names if n.start < hit.start]
    before = [n for n in before if n.entry.target in handling] or before
    return max(before, key=lambda n: n.start) if before else min(names, key=lambda n: n.start)


def _addresses(tokens: tuple[Token, ...], order: list[int], hit: Hit) -> int:
    """How plainly the request is addressed to this name: 2 when asked directly (まずAmazonに確認したい) or the
    card a charge came to (楽天カードにアマゾンの請求が来た, 楽天カードの明細にアマゾンの請求が: アマゾンの請求 is only
    what came); 1 for the card whose
    statement, use or details it is about (楽天カードの明細, 楽天カードが勝手に使われた, アメックスのカード情報を
    入れた, それ楽天カードなんです); else 0."""
    following = [tokens[i].lemma for i in order[hit.end:hit.end + 7] if not tokens[i].punctuation][:6]  # (楽天カードの、引き落とし口座)
    first = following[:1]
    if first in (["に"], ["へ"]) and any(l in ADDRESS_LEMMAS for l in following[1:4]):
        return 2
    if _charged_to(following):
        return 2
    if _its_statement_or_details(following) or (first in (["が"], ["を"]) and any(
            l in MISUSE_LEMMAS for l in following[1:3])) or _used_by_someone(tokens, order, hit.end):
        return 1
    before = [tokens[i].lemma for i in order[max(0, hit.start - 1):hit.start]]
    return int(before == ["其れ"] and first in (["だ"], ["です"]))


_BOUGHT_OR_USED = MISUSE_LEMMAS | SHOPPING_VERBS | {"払う", "決済"}


def _used_by_someone(tokens: tuple[Token, ...], order: list[int], end: int) -> bool:
    """楽天カードで、Amazonのギフト券を大量に買われてる: the card someone else bought with (a passive in the clause)."""
    if end >= len(order) or tokens[order[end]].lemma != "で":
        return False
    lemmas = [tokens[i].lemma for i in order[end + 1:end + 14]]
    return any(_done_by_someone(a, b) for a, b in zip(lemmas, lemmas[1:]))


def _done_by_someone(lemma: str, then: str) -> bool:
    """買われ, 使われ: bought or used, a passive (by someone else)."""
    return lemma in _BOUGHT_OR_USED and then in PASSIVE


_ARRIVING_ON = frozenset(lexicon().words("arriving_on"))


def _charged_to(following: list[str]) -> bool:
    """楽天カードにアマゾンの請求が来た, 楽天カードの明細にアマゾンの請求が: the card the charge is on; and the card
    points are given on (アマゾンでのお買い物のポイントがアメックスに付いてない)."""
    if following[:1] == ["に"]:
        return any(lemma in _ARRIVING_ON for lemma in following[1:6])
    if following[:1] == ["で"]:  # 楽天カードでアマゾンの請求が…何件も
        return any(lemma in ("請求", "引き落とし") for lemma in following[1:5])  # (not アメックスで決済済み: paid with)
    return following[:1] == ["の"] and len(following) > 2 and following[1] in STATEMENT_NOUNS and following[2] in ("に", "だ")


def _its_statement_or_details(following: list[str]) -> bool:
    """楽天カードの明細, アメックスのカード情報, 楽天カードの番号."""
    if following[:1] != ["の"] or len(following) < 2:
        return False
    return (following[1] in STATEMENT_NOUNS or following[1] in CARD_DETAILS
            or "".join(following[1:3]) in ("かーど番号", "かーど情報"))


# --- the names stage and the place stage of the pipeline (ivr/ja/understanding.py) ----------------------
FUZZY_ACCEPT = 80  # rapidfuzz score on readings; below this a provider name is not guessed


def _broken_by_a_pause(turn) -> None:
    """プリファード…じゃなかった、楽天カード: words read across a pause are a correction, no name of another card
    (プリファードじゃない)."""
    for hit in turn.hits:
        inside = turn.tokens[turn.order[hit.start]:turn.order[hit.end - 1] + 1]
        if hit.entry.kind == "not_covered" and hit.live and any(t.surface in BREAK_MARKS for t in inside):
            hit.retracted = True
            turn.note("names", "read across a pause: no name", turn.words(hit.start, hit.end), hit.entry.target)


def _near(query: str, choice: str, **_: object) -> float:
    if 2 * len(query) < len(choice):
        return fuzz.ratio(query, choice)  # えーと is no part of エーエムイーエックス: a part must be most of the name
    return max(fuzz.ratio(query, choice), fuzz.partial_ratio(query, choice))


def name(turn, vocabulary: Vocabulary) -> None:
    """Which providers the caller names, and which organisations that are not covered."""
    _broken_by_a_pause(turn)
    inside_other_names(turn.tokens, turn.order, turn.hits, vocabulary)
    _names_borne_by_others(turn)
    _others_settled(turn)
    not_covered = _really_other(turn, _others_listed(turn) + _generic_organisations(turn, vocabulary))
    _ours_corrected_to_another(turn, not_covered)  # (before the machine's owner: a slip leaves no card of ours)
    _ours_given_up_for_another(turn)
    _a_workplace(turn)
    not_covered = _without_machines_owners(turn, not_covered)
    _ours_corrected_to_ours(turn)
    for hit in turn.hits:
        if hit.entry.kind in ("provider", "not_covered") and hit.retracted and not hit.retracted_by:
            turn.note("names", "inside another name", turn.words(hit.start, hit.end), hit.entry.target)
    not_covered += _addressed_elsewhere(turn, vocabulary, not_covered)
    if not not_covered:
        turn.about_another = _about_another(turn, vocabulary)
    _the_other_one_chosen(turn, not_covered)
    _thought_ours_but_another(turn, not_covered)
    _asked_about_another(turn)
    _anothers_thing_lost(turn, not_covered, vocabulary)
    _other_than(turn, not_covered)
    _brands_on_other_cards(turn, not_covered)
    _brand_of_anothers_card(turn)
    _brand_on_a_card_spotted(turn, not_covered)
    _named_in_a_message(turn)
    _their_business(turn, not_covered, vocabulary)
    _bought_elsewhere(turn, not_covered)
    _card_that_paid(turn, vocabulary)
    _registered_at_a_shop(turn, vocabulary)
    _a_fake_shop_given_a_card(turn, vocabulary)
    _anothers_card_misused_at_a_shop(turn, not_covered, vocabulary)
    _ours_not_held(turn, not_covered)
    turn.providers = tuple(dict.fromkeys(h.entry.target for h in turn.live if h.entry.kind == "provider"))
    denied = _no_customer_of(turn, vocabulary)
    turn.no_account = tuple(dict.fromkeys(h.entry.target for h in turn.live if h.entry.kind == "provider" and h.start in denied))
    turn.places = _only_where_used(turn, vocabulary, denied) + _ours_settled(turn)
    turn.not_covered = _longest(_not_listed_with_ours(turn, not_covered))
    for other in turn.not_covered:
        turn.note("names", "not covered", other)
    turn.other_chosen = _other_picked(turn)
    if not turn.providers and not turn.not_covered:
        _fuzzy_provider(turn, vocabulary)


_MACHINES = tuple(fold(w) for w in lexicon().words("machines"))


def _without_machines_owners(turn, names: list[str]) -> list[str]:
    return [other for other in names if not _a_machines_owner(turn, other)]


def _a_machines_owner(turn, other: str) -> bool:
    """イオン銀行のATMで楽天のカードが回収されちゃった: the other company only owns the machine that kept a card
    of ours, named too; the call is about ours."""
    if not any(h.live and h.entry.kind == "provider" for h in turn.hits):
        return False
    text, name = fold(turn.analysed), fold(other)
    return any(machine in text[at + len(name):at + len(name) + 4 + len(machine)]  # (イオン|銀行の|ATM)
               for at in _occurrences(text, name) for machine in _MACHINES)


def _occurrences(text: str, word: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(word), text)] if word else []


_SETTLED = tuple(fold(w) for w in lexicon().words("settled"))


def _others_settled(turn) -> None:
    """セゾンのほうはもう解決した, ヨドバシで買ったのは大丈夫なんだけど: another company the caller says is done
    with, beside one of ours: the call is about ours."""
    if not any(h.live and h.entry.kind == "provider" for h in turn.hits):
        return
    for hit in turn.hits:
        if hit.live and hit.entry.kind == "not_covered" and _settled(turn, turn.words(hit.start, hit.end)):
            hit.retracted, hit.retracted_by = True, "settled"


def _ours_settled(turn) -> tuple[str, ...]:
    """アマゾンの登録はもう変えたんですけど (after 楽天カード,住所を変えたい): a provider of ours whose matter the
    caller says is done is named in passing; a card named before keeps the call (dialog)."""
    names = [h for h in turn.live if h.entry.kind == "provider"]
    return tuple(pid for pid in turn.providers
                 if all(_settled(turn, turn.words(h.start, h.end)) for h in names if h.entry.target == pid))


def _settled(turn, name: str) -> bool:
    text, folded = fold(turn.analysed), fold(name)
    at = text.find(folded)
    clause = re.split(r"[、。,.!?！？]", text[at + len(folded):])[0][:20] if at >= 0 else ""
    settled = any(word in clause for word in _SETTLED)
    if settled:
        turn.note("names", "another company said to be settled", name)
    return settled


def _really_other(turn, not_covered: list[str]) -> list[str]:
    """Names inside a covered card's name, or only impersonated, are no other company the call is about."""
    ours = any(h.live and h.entry.kind == "provider" for h in turn.hits)
    outside = _outside_card_names(turn, not_covered) if not_covered else []
    turn.impersonated = tuple(n for n in outside if _impersonated(turn, n))
    return [n for n in outside if n not in turn.impersonated and not (ours and (_settled(turn, n) or _only_considered(turn, n)))]


_CONSIDERED = re.compile(r"(?:さん|様)?に[^。、]{0,8}?[おこごそとのぼもろよ]うかと(?:も)?(?:思|おも)")


def _only_considered(turn, name: str) -> bool:
    """メーカーに電話しようかとも思ったんですけど、買ったところに…: another only thought of calling, one of ours called."""
    text, folded = fold(turn.analysed), fold(name)
    at = text.find(folded)
    return at >= 0 and _CONSIDERED.match(text, at + len(folded)) is not None


_IMPERSONATED = tuple(fold(w) for w in lexicon().words("impersonated"))
_IMPERSONATED_BEFORE = tuple(fold(w) for w in lexicon().words("impersonated_before"))


def _a_fake(before: str, after: str) -> bool:
    """The folded words before and after a name say it was only impersonated (偽の…, …を名乗る)."""
    return after.startswith(_IMPERSONATED) or before.endswith(_IMPERSONATED_BEFORE)


def _impersonated(turn, name: str) -> bool:
    """A company a fake message or call pretended to be (ヤマトからって来たメッセージ, 偽の佐川のSMS)."""
    text, folded = fold(turn.analysed), fold(name)
    at = text.find(folded)
    if at < 0:
        return False
    impersonated = _a_fake(text[:at], text[at + len(folded):])
    if impersonated:
        turn.note("names", "only impersonated", name)
    return impersonated


def _their_business(turn, not_covered: list[str], vocabulary: Vocabulary) -> None:
    """A problem word right after another organisation's name and の (ネットフリックスの解約, 楽天市場の注文), or
    begun by its last word (JCB|カードを止めたい), is that organisation's business, whoever is paid with
    (支払いは楽天カードにしてる); not a problem whose answer is already another organisation (佐川さんの再配達: the
    catalogue sends it to the courier). When that business is what the caller asks for, ours named beside it is
    only where it happened (JCBのカードでアマゾンの支払いしてたんですけど、そのJCBカードを止めたい)."""
    if not not_covered:
        return
    paid_with = _paid_with(turn)
    asked: set[str] = set()  # the kinds of that business asked for
    folded = fold(turn.analysed)
    for other in not_covered:
        at = folded.find(fold(other))
        while at >= 0:  # each time it is said (ダイナースのカードで…そのダイナースカードを止めて)
            asked |= _its_business_at(turn, vocabulary, at, len(other))
            at = folded.find(fold(other), at + len(other))
    if asked:
        _ours_in_passing(turn, vocabulary, asked, paid_with)
    _only_paid_with(turn, paid_with)


def _its_business_at(turn, vocabulary: Vocabulary, at: int, length: int) -> set[str]:
    """Retracts the problems that are the business of the name said at character `at`; the kinds asked for."""
    asked = set()
    after = _positions_after(turn, at + length, ("名詞",))  # the rest of the name: ディズニー|プラスの解約
    inside = {p for p, i in enumerate(turn.order) if turn.tokens[i].start >= at and (not after or p < after[0])}
    next_words = {after[1]} if len(after) >= 2 and turn.tokens[turn.order[after[0]]].lemma in ("の", "を") else set()
    for hit in sorted(turn.hits, key=lambda h: h.start):
        if hit.entry.kind == "problem" and hit.live and _has_lines(vocabulary, hit) and (
                hit.start in next_words or (hit.start in inside and hit.end - 1 not in inside)):
            hit.retracted = True
            if hit.requested:
                asked.add(hit.kind_id)
            turn.note("names", "another organisation's business", turn.words(hit.start, hit.end), hit.entry.target)
            next_words |= _done_to_it(turn, hit.end)
    return asked


def _done_to_it(turn, end: int) -> set[int]:
    """ジムの会費を|解約したい: what is asked of that business (after を) is its too; where it would start."""
    return {end + 1} if turn.lemmas(end, end + 1) == ["を"] else set()


def _ours_in_passing(turn, vocabulary: Vocabulary, kinds: set[str], paid_with: set[str]) -> None:
    """Another organisation's business asked for: ours, with nothing asked of it, nothing urgent and nothing of the
    same kind (アメックスのポイントを、ANAのマイルに交換したい is Amex's points still), is let go; not ours that
    pays for it (支払いはアメックスにしてて), which the caller may still need."""
    for name in turn.hits:
        if name.entry.kind != "provider" or not name.live or name.entry.target in paid_with or _urgent_for(
                turn, name, vocabulary):
            continue
        own = [h for h in turn.live if h.entry.kind == "problem" and h.entry.target.startswith(name.entry.target + "/")]
        if any(h.requested or h.kind_id in kinds for h in own):
            continue
        for hit in [name] + own:
            hit.retracted = True
        turn.note("names", "said in passing: another organisation's business is asked for", turn.words(name.start, name.end),
                  name.entry.target)


_SHOP_KINDS = frozenset(lexicon().words("shop_kinds"))
_MEANS_OF_PAYING = tuple(fold(w) for w in lexicon().words("means_of_paying"))


def _bought_elsewhere(turn, not_covered: list[str]) -> None:
    """普段はアマゾンで買うんですけど、今回はヨドバシで頼んだテレビが届かない; メルカリで買ったのが届かなくて、
    アマゾンみたいに…: the order, parcel or return is the shop's where the caller last says they bought, and that
    is another organisation: ours, said as a habit or a comparison, is let go with its shop problems."""
    shop = [h for h in turn.live if h.entry.kind == "problem" and h.kind_id in _SHOP_KINDS]
    if not shop or not not_covered or _settled_on_ours(turn):
        return
    before = [place for place in sorted(_purchase_places(turn, not_covered)) if place[0] < max(h.start for h in shop)]
    if not before or before[-1][1] is not None:
        return  # bought from ours last, or nowhere said
    for hit in shop:
        hit.retracted = True
        turn.note("names", "bought elsewhere: the shop's matter", turn.words(hit.start, hit.end), hit.entry.target)
    _let_go_with_nothing_left(turn, "said in passing: bought elsewhere")


def _card_that_paid(turn, vocabulary: Vocabulary) -> None:
    """頼んだのと違う色のが届きました。アメックスのカードで買ったやつです: a card of ours named only as what paid for
    an order, its parcel or its return (a shop's matter, another provider's), or beside the shop named (アマゾンです、
    楽天カードで払ったんですけど), with nothing of its own asked: let go, so the call stays with the shop."""
    shops = {h.entry.target.split("/")[0] for h in turn.live if h.entry.kind == "problem" and h.kind_id in _SHOP_KINDS}
    named = {h.entry.target for h in turn.live if h.entry.kind == "provider"}
    if not shops and len(named) < 2:
        return  # (アマゾンです、楽天カードで払ったんですけど: the shop named is enough)
    for name in [h for h in turn.live if h.entry.kind == "provider" and h.entry.target not in shops]:
        verb = _paid_with_it(turn, name.end, further=not _a_shop(vocabulary, name.entry.target))
        if verb is not None and not _its_own_matter(turn, name, verb):
            name.retracted = True
            turn.note("names", "only the card that paid", turn.words(name.start, name.end), name.entry.target)


def _registered_at_a_shop(turn, vocabulary: Vocabulary) -> None:
    """アマゾンのアカウントに登録してる楽天カードを新しいのに変えたい, アマゾンで、支払いに使うカードを楽天カードから
    別のに変えたい: a card of ours named as what is registered at a shop of ours, or replaced there, with no loss or
    fraud told: the shop's payment settings, not the card's matter."""
    if not _shops_named(turn, vocabulary) or any(
            h.entry.kind == "problem" and h.kind_id in vocabulary.urgent_kinds for h in turn.live):
        return
    for name in [h for h in turn.live if h.entry.kind == "provider" and not _a_shop(vocabulary, h.entry.target)]:
        before = turn.lemmas(max(0, name.start - 4), name.start)
        after = fold(turn.words(name.end, min(len(turn.order), name.end + 4)))
        modifies = name.start > 0 and turn.tokens[turn.order[name.start - 1]].pos[0] in ("助動詞", "動詞")  # 登録してる|楽天カード
        if (modifies and any(lemma in _REGISTERING for lemma in before)) or after.startswith(_REPLACED_BY_ANOTHER):
            name.retracted = True
            turn.note("names", "only the card registered at the shop", turn.words(name.start, name.end), name.entry.target)


_REGISTERING = frozenset(lexicon().words("registering"))
_REPLACED_BY_ANOTHER = tuple(fold(w) for w in lexicon().words("replaced_by_another"))


def _its_own_matter(turn, name: Hit, verb: int) -> bool:
    """A problem of the card's own besides the paying (払った read as a statement is only the paying)."""
    return any(h.entry.kind == "problem" and h.entry.target.startswith(name.entry.target + "/") and h.start != verb
               and not name.start - 3 <= h.start < name.start for h in turn.live)  # (代金は楽天カードから: the paying)


_BUYING = frozenset(lexicon().words("buying"))


def _paid_with_it(turn, end: int, further: bool) -> int | None:
    """(アメックス)のカードで買った, (楽天カード)で払った: the name is followed by what paid; where that verb is. A card
    (`further`) may pay for what is bought later in the clause: (楽天カード)でユニクロで買った, (楽天カード)払いでニトリの
    ソファ買った; a shop said so is where it was bought (アマゾンで楽天カード払いで買った)."""
    at = end + 2 if [turn.tokens[i].lemma for i in turn.order[end:end + 2]] in (["の", "かーど"], ["の", "カード"]) else end
    lemmas = [turn.tokens[i].lemma for i in turn.order[at:at + 2]]
    if lemmas[:2] == ["払い", "で"]:  # 楽天カード払いで…買った
        at += 1
    elif lemmas[:1] == ["払い"]:  # アメックス払いした
        return _done_after(turn, at - 1, at)
    if at >= len(turn.order) or turn.tokens[turn.order[at]].lemma not in ("で", "から"):
        return None
    verb = _paying_verb(turn, at, at + 7 if further else at + 2)
    return None if verb is None else _done_after(turn, verb - 1, verb)


def _paying_verb(turn, at: int, until: int) -> int | None:
    """The first word of paying or buying after the で (or から) at `at`, in its clause, before `until`."""
    by = turn.tokens[turn.order[at]].lemma
    for verb in range(at + 1, min(len(turn.order), until)):
        token = turn.tokens[turn.order[verb]]
        if token.punctuation:
            return None
        paying = token.lemma in _PAYING or token.lemma in _BUYING or (by == "から" and token.lemma in _DEBITING)
        if paying and (verb == at + 1 or _done_as_a_verb(turn, verb)):
            return verb
    return None


def _done_as_a_verb(turn, at: int) -> bool:
    """買った, 注文した: the word is a verb or a noun made one (the 支払い of 支払いが失敗した is no paying done)."""
    following = turn.tokens[turn.order[at + 1]].lemma if at + 1 < len(turn.order) else ""
    return turn.tokens[turn.order[at]].pos[0] == "動詞" or following in ("する", "為る")


def _done_after(turn, at: int, verb: int) -> int | None:
    """The verb's paying done (た, てる after it), not denied (で支払いができなくて: no payment made)."""
    done = bool({"た", "てる"} & {turn.tokens[i].lemma for i in turn.order[at + 2:at + 6]})
    return verb if done and not negated_after(turn.tokens, turn.order, at + 2) else None


_DEBITING = frozenset(lexicon().words("debiting"))


def _let_go_with_nothing_left(turn, why: str) -> None:
    """Ours with no live problem left is let go (楽天カードも落とした still stands)."""
    left = {h.entry.target.split("/")[0] for h in turn.live if h.entry.kind == "problem"}
    for hit in turn.live:
        if hit.entry.kind == "provider" and hit.entry.target not in left:
            hit.retracted = True
            turn.note("names", why, turn.words(hit.start, hit.end), hit.entry.target)


def _purchase_places(turn, not_covered: list[str]) -> list[tuple[int, str | None]]:
    """(position, provider id, or None for another organisation) of each name the caller says they bought at."""
    places = [(h.start, h.entry.target) for h in turn.live if h.entry.kind == "provider" and _bought_there(turn, h.end)]
    folded = fold(turn.analysed)
    for other in not_covered:
        at = folded.find(fold(other))
        after = _positions_after(turn, at + len(other), ()) if at >= 0 else []
        end = after[0] if after else None
        if end is None or _network_of_ours(turn, at) or fold(other).endswith(_MEANS_OF_PAYING):
            continue  # (アマゾンのマケプレで買った is ours; 三井住友カードで買った is paid with)
        if _bought_there(turn, end):
            places.append((end - 1, None))
    return places


def _settled_on_ours(turn) -> bool:
    """…注文履歴見たらアマゾンでした: the caller settles on ours."""
    return any(_said_to_be_there(turn, h) for h in turn.live if h.entry.kind == "provider")


def _said_to_be_there(turn, hit: Hit) -> bool:
    """アマゾンでした, たぶんアマゾン。: the name the caller settles on, said last."""
    return turn.lemmas(hit.end, hit.end + 2) in (["です", "た"], ["だ", "た"]) or (
        hit.end >= len(turn.order) or turn.tokens[turn.order[hit.end]].punctuation) and hit.start > 0


def _bought_there(turn, end: int) -> bool:
    """After a name: で or から (through のネット, のサイト), then a verb of buying (ヨドバシのネットで頼んだ); not a
    name in doubt (アマゾンか楽天市場か)."""
    for position in range(end, min(len(turn.order), end + 5)):
        token = turn.tokens[turn.order[position]]
        if token.punctuation or token.pos[1] == "接続助詞" or (position == end and token.lemma == "か"):
            return False
        if token.lemma in ("で", "から") and token.pos[0] == "助詞":
            verbs = [p for p in range(position + 1, min(len(turn.order), position + 4))
                     if turn.tokens[turn.order[p]].lemma in SHOPPING_VERBS]
            return bool(verbs) and _done(turn, verbs[0])
    return False


def _done(turn, verb: int) -> bool:
    """買った, 頼んで, 注文した: done, not meant (買おうと, 頼みたい, 買わない)."""
    after = turn.lemmas(verb + 1, verb + 4)
    return any(lemma in ("た", "て") for lemma in after) and not any(
        lemma in ("う", "よう", "たい", "ない", "ず", "ぬ", "ん") for lemma in after[:2])


def _positions_after(turn, end: int, rest_of_name: tuple[str, ...]) -> list[int]:
    """Content positions after a name that ends at character `end`, the rest of the name (words of these parts of
    speech) skipped, keeping at least two."""
    after = [p for p, i in enumerate(turn.order) if turn.tokens[i].start >= end]
    while len(after) > 2 and turn.tokens[turn.order[after[0]]].pos[0] in rest_of_name:
        after = after[1:]
    return after


def _only_paid_with(turn, paid_with: set[str]) -> None:
    """楽天カードで払った楽天市場の注文…発送されない: ours only paid with, and nothing of ours wrong (no problem word
    of its own left), beside another organisation named: what is wrong is that organisation's, even a kind
    another of ours would handle (a parcel not sent is no Amazon delivery here)."""
    for provider_id in paid_with:
        if any(h.live and h.entry.kind == "problem" and h.entry.target.startswith(provider_id + "/") for h in turn.hits):
            continue
        for hit in turn.hits:
            if hit.live and hit.entry.kind == "problem":
                hit.retracted = True
                turn.note("names", "only paid with ours: the other organisation's matter", turn.words(hit.start, hit.end),
                          hit.entry.target)


_PAYING = tuple(lexicon().words("paying"))


def _paid_with(turn) -> set[str]:
    """支払いは楽天カードです, 楽天カードで払った, with another organisation named: the payment word says what the
    caller pays with, not what is wrong. The providers paid with."""
    paid = set()
    for name in [h for h in turn.hits if h.entry.kind == "provider" and h.live]:
        before = name.start >= 2 and turn.tokens[turn.order[name.start - 1]].lemma == "は"
        after = name.end + 1 < len(turn.order) and turn.tokens[turn.order[name.end]].lemma == "で"
        for hit in turn.hits:
            if hit.entry.kind == "problem" and hit.live and (
                    (before and hit.end == name.start - 1) or (after and hit.start == name.end + 1
                                                                and turn.tokens[turn.order[hit.start]].lemma in _PAYING)):
                hit.retracted = True
                turn.note("names", "what the caller pays with", turn.words(hit.start, hit.end), hit.entry.target)
                paid.add(name.entry.target)
    return paid


def _has_lines(vocabulary: Vocabulary, hit: Hit) -> bool:
    provider_id, problem_id = hit.entry.target.split("/")
    return bool(vocabulary.catalogue.provider(provider_id).problem(problem_id).lines)


def _named_in_a_message(turn) -> None:
    """A company a quoted message named (Amazonの荷物の関税が未払いだってSMSが来て、アメックスで払っちゃった): the
    call is about the other company the caller names, whose card was used."""
    named = [h for h in turn.hits if h.live and h.entry.kind == "provider"]
    quoted = [h for h in named if quoted_message(turn.tokens, turn.order, h.end)]
    if quoted and {h.entry.target for h in named} - {h.entry.target for h in quoted}:
        for hit in quoted:
            hit.retracted = True
            turn.note("names", "only named in a quoted message", turn.words(hit.start, hit.end), hit.entry.target)


def _brands_on_other_cards(turn, not_covered: list[str]) -> None:
    """アメックスブランドの…: a card network's brand on a card another company issued (セゾンカードの、アメックス
    ブランドのやつ; 楽天カードのアメックスブランドのほう) is not that company."""
    named = [h for h in turn.hits if h.live and h.entry.kind == "provider"]
    for hit in named:
        following = "".join(turn.tokens[i].surface for i in turn.order[hit.end:hit.end + 2])
        if following.startswith(("ぶらんど", "ブランド")) and (not_covered or len({h.entry.target for h in named}) > 1):
            hit.retracted = True
            turn.note("names", "a card network's brand, not the company", turn.words(hit.start, hit.end), hit.entry.target)


_BRANDS = frozenset(fold(w) for w in lexicon().words("card_brands"))
_A_CARD_OF_IT = tuple(fold(w) for w in lexicon().words("a_card_of_it"))


def _brand_of_anothers_card(turn) -> None:
    """楽天のアメックスカード, 楽天カード、アメックスのやつ, セゾンゴールド・アメリカン・エキスプレス・カード: a network's
    brand on the card another company issued (one of ours or not); the call is the issuer's."""
    named = sorted((h for h in turn.hits if h.live and h.entry.kind in ("provider", "not_covered")), key=lambda h: h.start)
    for issuer, brand in zip(named, named[1:]):
        between = "".join(turn.tokens[i].surface for i in turn.order[issuer.end:brand.start])
        after = fold("".join(turn.tokens[i].surface for i in turn.order[brand.end:brand.end + 3]))
        # 楽天カードのアメックス, 楽天カード、ブランドはアメックス, 楽天アメックス (one name)
        a_card = after.startswith(_A_CARD_OF_IT) or fold(turn.words(issuer.start, issuer.end)).endswith("かーど") or \
            fold(between).rstrip("はが、").endswith("ぶらんど") or issuer.end == brand.start
        if brand.entry.kind == "provider" and issuer.entry.target != brand.entry.target \
                and fold(turn.words(brand.start, brand.end)) in _BRANDS and _a_card_type_only(between, a_card) and a_card:
            brand.retracted = True
            turn.note("names", "a card network's brand on another's card", turn.words(brand.start, brand.end),
                      issuer.entry.target)
    _brand_said_alone(turn, named)


def _brand_said_alone(turn, named: list[Hit]) -> None:
    """ブランドはアメックスのやつです (after 楽天カード): a network named as a card's brand, no other issuer in the turn,
    is the brand of the card named before, not its company."""
    for brand in named:
        before = fold("".join(turn.tokens[i].surface for i in turn.order[max(0, brand.start - 3):brand.start]))
        if brand.entry.kind == "provider" and fold(turn.words(brand.start, brand.end)) in _BRANDS and \
                before.rstrip("、").endswith(("ぶらんどは", "ぶらんどが")) and len({h.entry.target for h in named}) == 1:
            brand.retracted = True
            turn.note("names", "a card network named as a card's brand", turn.words(brand.start, brand.end))


def _brand_on_a_card_spotted(turn, not_covered: list[str]) -> None:
    """MUFGカードのプラチナ・アメックス, エムアイカードのアメックス: the brand on a card whose issuer was spotted only
    generically (a name ending in カード), its type between: the call is the issuer's."""
    text = fold(turn.analysed)
    for other in not_covered:
        folded = fold(other)
        if not folded.endswith("かーど") or folded not in text:
            continue
        end = text.index(folded) + len(folded)
        for brand in turn.hits:
            at = turn.tokens[turn.order[brand.start]].start
            if brand.live and brand.entry.kind == "provider" and at >= end and \
                    fold(turn.words(brand.start, brand.end)) in _BRANDS and _a_card_type_only(text[end:at]):
                brand.retracted = True
                turn.note("names", "a card network's brand on another's card", turn.words(brand.start, brand.end), other)


def _a_card_type_only(between: str, branded: bool = False) -> bool:
    """What may stand between an issuer and the brand on its card: の, a pause, the card's type (ゴールド・), or
    the word brand (ブランドは)."""
    rest = re.sub(r"[の、・\s]", "", fold(between))
    if branded:
        rest = re.sub(r"ぶらんど[はが]?", "", rest)
    for word in _CARD_TYPES_LONGEST_FIRST:
        rest = rest.replace(word, "")
    return rest == ""


_CARD_TYPES_LONGEST_FIRST = tuple(sorted(COMMON_BEFORE_CARD, key=len, reverse=True))


def _other_picked(turn) -> bool:
    """楽天モバイルのほうでした, none of ours named: the problem is the other company's for sure."""
    return not turn.providers and any(h.entry.kind == "not_covered" and h.live and (
        _chosen(turn, h) or _corrected_to(turn, h) or _now_instead(turn, h)) for h in turn.hits)


_NOW_INSTEAD = tuple(lexicon().words("now_instead"))


def _now_instead(turn, hit: Hit) -> bool:
    """(前は楽天カード使ってたんですよ) 今はPayPayカードで: the other is the one the caller has now."""
    return said_just_before(turn.tokens, turn.order, hit.start, _NOW_INSTEAD)


_SORRY = tuple(lexicon().words("apologies"))


_BUT = tuple(lexicon().words("but"))
_CORRECTING = tuple(lexicon().words("correcting_pause"))


def _ours_corrected_to_another(turn, not_covered: list[str]) -> None:
    """アメックスの… すみません、オリコでした: a company of ours said, then corrected to another (spotted in the
    catalogue's list or generically): ours was a slip."""
    text = turn.analysed
    for other in not_covered:
        at = text.find(other)
        after = text[at + len(other):]
        said = after.startswith(("でした", "だった")) and not after[3:].startswith(_BUT)
        said = said or text[:at].rstrip("、, ").endswith(_CORRECTING)  # 楽天カードって言いかけたんですけど違って、楽天証券の
        if at < 0 or not said or not any(word in text[:at] for word in _SORRY):  # (前はオリコでしたけど: no slip)
            continue
        for hit in turn.hits:
            if hit.entry.kind == "provider" and hit.live and turn.tokens[turn.order[hit.end - 1]].end <= at:
                hit.retracted, hit.retracted_by = True, "corrected"
                turn.note("names", "corrected to another company", turn.words(hit.start, hit.end), other)


def _a_workplace(turn) -> None:
    """息子がアマゾンで働いてるんですが、私の年金の手続きのことで: a company of ours named as where someone works is no
    company the caller is a customer of in this call."""
    for hit in turn.hits:
        if hit.live and hit.entry.kind == "provider" and said_after(turn.tokens, turn.order, hit.end, 4).startswith(
                _WORKING_THERE):
            hit.retracted, hit.retracted_by = True, "a_workplace"
            turn.note("names", "where someone works", turn.words(hit.start, hit.end), hit.entry.target)


_WORKING_THERE = tuple(fold(w) for w in lexicon().words("working_there"))


def _ours_given_up_for_another(turn) -> None:
    """昔アメックス使ってた者ですが、いまはセゾンカードで; 楽天カードは解約済みで、今はPayPayカード: a card of ours
    used before, another company's the caller has now: the call is the other's."""
    now = [h for h in turn.hits if h.live and h.entry.kind == "not_covered" and _now_instead(turn, h)]
    for hit in turn.hits if now else ():
        if hit.live and hit.entry.kind == "provider" and any(hit.end <= other.start for other in now) and (
                said_after(turn.tokens, turn.order, hit.end, 6).startswith(_GIVEN_UP)):
            hit.retracted, hit.retracted_by = True, "given_up"
            turn.note("names", "used before, another company's card now", turn.words(hit.start, hit.end), hit.entry.target)


_GIVEN_UP = tuple(fold(w) for w in lexicon().words("given_up"))


def _ours_corrected_to_ours(turn) -> None:
    """アマゾンの支払い、あ、すいません、楽天カードの支払日の…: one of ours said, then a slip owned and another of ours
    named right after the pause: the first was the slip (not 間違って楽天カードで払った, a mistake told, no pause)."""
    names = sorted((h for h in turn.hits if h.entry.kind == "provider" and h.live), key=lambda h: h.start)
    for earlier, later in zip(names, names[1:]):
        if earlier.entry.target == later.entry.target:
            continue
        between = turn.analysed[turn.tokens[turn.order[earlier.end - 1]].end:turn.tokens[turn.order[later.start]].start]
        if between.endswith("、") and between.rstrip("、").endswith(_SLIPS):
            earlier.retracted, earlier.retracted_by = True, "corrected"
            turn.note("names", "corrected to another of ours", turn.words(earlier.start, earlier.end), later.entry.target)


_SLIPS = tuple(lexicon().words("slips"))


def _corrected_to(turn, hit: Hit) -> bool:
    """いや、ごめんなさい、ヤフーショッピングでした: the caller corrects the company said before to this one."""
    following = "".join(turn.tokens[i].surface for i in turn.order[hit.end:hit.end + 3])
    before = turn.analysed[:turn.tokens[turn.order[hit.start]].start]
    return following.startswith(("でした", "だった")) and any(word in before for word in _SORRY)


def _chosen(turn, hit: Hit) -> bool:
    """〜のほう: the caller picks one of two they hold (JCBと楽天カード…JCBのほうの明細); not 〜のほうじゃなくて
    (the other one) nor 〜のほうは (ゆうちょのほうは手続きしたので: that one is seen to)."""
    if turn.lemmas(hit.end, hit.end + 2) != ["の", "方"]:
        return False
    after = hit.end + 2
    following = turn.tokens[turn.order[after]].surface if after < len(turn.order) else ""
    return following != "は" and not negated_after(turn.tokens, turn.order, after)


def _the_other_one_chosen(turn, not_covered: list[str]) -> None:
    """Two companies said, and the caller picks the one that is not covered (今日はJCBのほうの明細のことで,
    三井住友のほうの審査): the covered name was only mentioned, so the request is not ours."""
    if not _other_chosen(turn, not_covered):
        return
    for hit in turn.hits:
        if hit.entry.kind == "provider" and hit.live:
            hit.retracted = True
            turn.note("names", "the other company chosen (〜のほう)", turn.words(hit.start, hit.end), hit.entry.target)


def _other_chosen(turn, not_covered: list[str]) -> bool:
    chosen = [h for h in turn.hits if h.live and h.entry.kind in ("provider", "not_covered") and _chosen(turn, h)]
    said = [f"{name}{way}" for name in not_covered for way in ("のほう", "の方")]
    other_chosen = any(h.entry.kind == "not_covered" for h in chosen) or any(_said_chosen(turn.analysed, s) for s in said)
    return other_chosen and not any(h.entry.kind == "provider" for h in chosen) and not _compared(turn.analysed, said)


_COMPARING = tuple(lexicon().words("comparing"))


def _said_chosen(text: str, words: str) -> bool:
    """JCBのほうの明細: chosen; not JCBのほうじゃなくて, ゆうちょのほうは…(seen to)."""
    at = text.find(words)
    return at >= 0 and not text[at + len(words):].startswith(("は", "じゃ", "では"))


def _compared(text: str, said: list[str]) -> bool:
    """ケーズデンキの方が安かったから: the other one is only compared with (〜の方が安い), not chosen."""
    rests = [text[text.find(words) + len(words):] for words in said if words in text]
    return any(rest.startswith("が") and any(word in rest[1:8] for word in _COMPARING) for rest in rests)


def _anothers_thing_lost(turn, not_covered: list[str], vocabulary: Vocabulary) -> None:
    """三菱UFJの通帳をなくした…楽天カードの引き落とし口座なので: what was lost is another organisation's (its
    passbook, its cash card), and nothing else urgent is said: the call is that organisation's, ours only the
    reason for worry (三菱UFJのキャッシュカードと楽天カードを両方なくした is ours as well)."""
    losses = [h for h in turn.hits if a_loss(h)]
    if not losses or _ours_with_it(turn):
        return
    for other in not_covered:
        thing = _its_thing(turn, other)
        theirs = {id(h) for h in losses if thing and thing[1] <= h.start <= thing[1] + 3}
        if theirs and not _urgent_besides(turn, theirs, vocabulary):
            for hit in turn.hits:
                if hit.live and hit.entry.kind in ("problem", "provider"):
                    hit.retracted = True
            turn.note("names", "another organisation's thing lost", other if thing[0] == other else f"{other}の{thing[0]}")
            return


def _not_listed_with_ours(turn, not_covered: list[str]) -> list[str]:
    """中に入ってたのは楽天カードと免許証です, 免許証とアメックスをなくした: a thing or card of another listed with one of
    ours (と, や, とか) is only what else the caller has; the call is ours."""
    listed = set()
    for name in (h for h in turn.live if h.entry.kind == "provider"):
        for other in (h for h in turn.hits if h.entry.kind == "not_covered" and h.live):
            first, second = (name, other) if name.start < other.start else (other, name)
            if turn.lemmas(first.end, second.start) in (["と"], ["や"], ["とか"]):
                listed |= {other.entry.target, turn.words(other.start, other.end)}
    kept = [other for other in not_covered if other not in listed]
    if len(kept) < len(not_covered):
        turn.note("names", "listed with ours", *sorted(set(not_covered) - set(kept)))
    return kept


def _ours_with_it(turn) -> bool:
    """楽天カードと三菱UFJのキャッシュカードをなくした, 楽天カードも入ってた: ours was lost with it."""
    return any(h.entry.kind == "provider" and turn.lemmas(h.end, h.end + 1) in (["と"], ["も"], ["や"], ["とか"])
               for h in turn.hits)


def _network_of_ours(turn, at: int) -> bool:
    """楽天カードのマスターカード: the other name is the network of a card of ours."""
    start = next(iter(_positions_after(turn, at, ())), 0)
    return any(h.entry.kind == "provider" and h.end in (start - 1, start) for h in turn.hits)


def _urgent_besides(turn, these: set[int], vocabulary: Vocabulary) -> bool:
    return any(h.live and h.entry.kind == "problem" and id(h) not in these
               and h.kind_id in vocabulary.urgent_kinds for h in turn.hits)


def _its_thing(turn, other: str) -> tuple[str, int] | None:
    """(the thing, where it ends) when another organisation's name is followed by の and something of its own a
    customer carries (三菱UFJ|銀行|の|通帳: the lexicon's their_cards; not a card of any kind, which may be ours)."""
    at = fold(turn.analysed).find(fold(other))
    after = _positions_after(turn, at + len(other), ("名詞", "接尾辞")) if at >= 0 else []  # 三菱UFJ|銀行の
    if fold(other).endswith("かーど") and len(after) >= 2 and not _network_of_ours(turn, at):
        # 三井住友カードを, 三井住友カードのやつを: the card itself
        first, second = (turn.tokens[turn.order[p]] for p in after[:2])
        if first.lemma in ("を", "が", "も", "は"):
            return other, after[0] + 1
        if first.lemma == "の" and fold(second.surface) in STAND_INS:
            return other, after[1] + 1
    if len(after) < 3 or turn.tokens[turn.order[after[0]]].lemma != "の":
        return None
    end = noun_run_end(turn.tokens, turn.order, after[1])
    thing = fold("".join(turn.tokens[turn.order[p]].surface for p in range(after[1], end)))
    return (thing, end) if thing in _THEIR_CARDS else None


_THEIR_CARDS = frozenset(fold(w) for w in lexicon().words("their_cards"))


_ABOUT = tuple(lexicon().words("about"))


def _asked_about_another(turn) -> None:
    """私は楽天カードなんですけど、今日は夫のセゾンカードの件で: the caller says whose card they hold, then asks about
    another company's (〜の件で, 〜について); what follows is that company's, and not ours."""
    asked = [h for h in turn.hits if h.entry.kind == "not_covered" and h.live and turn.analysed.startswith(
        _ABOUT, turn.tokens[turn.order[h.end - 1]].end)]
    if not asked:
        return
    for hit in turn.hits:
        if hit.entry.kind == "provider" and hit.live and not hit.requested and hit.end <= asked[0].start:
            hit.retracted = True
            turn.note("names", "another company asked about after it", turn.words(hit.start, hit.end), hit.entry.target)


def _thought_ours_but_another(turn, not_covered: list[str]) -> None:
    """アマゾンで買ったと思ってたんですけど、よく見たらヨドバシのサイトでした; アマゾンで…あ、違う、ヨドバシで: one of
    ours only thought of or corrected, and another company named after it, is replaced by that company (a name found
    by the generic spotting too, which the weigh stage cannot see)."""
    for hit in turn.hits:
        if hit.entry.kind != "provider" or not hit.live:
            continue
        if hit.clause not in turn.thought and not in_corrected(hit, turn.corrected):
            continue
        after = fold(turn.analysed[turn.tokens[turn.order[hit.end - 1]].end:])
        if any(fold(other) in after for other in not_covered):
            hit.retracted = True
            turn.note("names", "thought of, another named after it", turn.words(hit.start, hit.end), hit.entry.target)


_REACH = frozenset(lexicon().words("reach_verbs"))
_CONTACT = frozenset(lexicon().words("contact_words"))
_ADDRESSEE_ENDINGS = tuple(fold(w) for w in lexicon().words("addressee_endings"))


def _addressed_elsewhere(turn, vocabulary: Vocabulary, others: list[str]) -> list[str]:
    """Who the caller wants to reach is not ours (東京ガスのお客さまセンターにつないで, 市役所の納税課にかけたい,
    最寄りの警察署の番号を教えて): that organisation is named; ours, said only in passing, are let go, unless a
    problem of theirs is urgent (アメックスを盗まれたので、警察署に連絡したい still needs Amex's line)."""
    addressee = _addressee(turn, tuple(fold(other) for other in others))
    if addressee is None or _only_considered(turn, addressee[0]):
        return []
    name, start, end = addressee
    if any(h.entry.kind == "provider" and start <= h.start < end for h in turn.hits) or any(
            h.entry.kind == "problem" and h.live and start <= h.start < end for h in turn.hits):
        return []  # アマゾンのカスタマーセンターにつないで, 出品者向けの窓口につないで: ours (one of its kinds)
    for hit in turn.hits:
        if hit.entry.kind == "provider" and hit.live and not _urgent_for(turn, hit, vocabulary):
            hit.retracted = True
            turn.note("names", "said in passing: the caller wants to reach another", turn.words(hit.start, hit.end),
                      hit.entry.target)
    return [name]


_TOPIC_PARTICLES = frozenset(("を", "が", "は", "から", "って", "です", "じゃ", "では", "でしょう", "ない", "ある", "あります",
                              "ありません", "教え", "おしえ", "探し", "さがし"))  # 〜屋さんないかな: is there one;
# ラーメン屋さん教えて, 歯医者さん探してる: one asked for, the particle dropped


def _about_another(turn, vocabulary: Vocabulary) -> str | None:
    """An institution or shop asked of, or a company a fake only pretended to be (佐川のふりしたSMSを通報したい:
    the report is theirs to take)."""
    return _asked_of_an_institution(turn, vocabulary) or next(iter(turn.impersonated), None)


def _asked_of_an_institution(turn, vocabulary: Vocabulary) -> str | None:
    """With none of ours named and nothing urgent heard, an institution or a shop the request is about
    (歯医者さんを教えて, 区役所から届いた通知, 電気屋さんの修理受付ですか, 新聞の配達を止めて): the call is for
    them. Not a place where something happened (病院で, 病院の前で): the caller may still be ours."""
    if any(h.entry.kind == "provider" or h.kind_id in vocabulary.urgent_kinds
           for h in turn.live):
        return None
    units = long_units(turn.analysed)
    for i, (word, pos, _, _) in enumerate(units):
        if pos[0] != "名詞":
            continue
        named, i = _institution_said(units, i)
        if named is None:
            continue
        after = [fold(unit[0]) for unit in units[i + 1:i + 2]] + [""]
        if after[0] in _TOPIC_PARTICLES or (after[0] == "の" and _their_part(units, i + 2)):
            turn.note("names", "the request is about an institution", named)
            return named
    return None


def _institution_said(units: tuple, i: int) -> tuple[str | None, int]:
    """An institution's word at i (歯医者, 販売所), or a shop's (電気|屋, 八百屋), with さん after it taken in; and
    where it ends."""
    word = units[i][0]
    if i + 1 < len(units) and units[i + 1][1][0] == "接尾辞" and fold(units[i + 1][0]) in _SHOP_SUFFIXES:
        word, i = word + units[i + 1][0], i + 1
    folded = fold(word)
    if folded not in _ASKED_OF and not (folded.endswith(SHOP_ENDINGS) and folded not in _ANY_SHOP):
        return None, i
    if i + 1 < len(units) and fold(units[i + 1][0]) == "さん":
        i += 1
    return word, i


_SHOP_SUFFIXES = frozenset(fold(w) for w in SHOP_ENDINGS)
_ANY_SHOP = NOT_SHOPS | _A_SHOP | {fold(w) for w in lexicon().words("any_shop_spoken")}


def _their_part(units: tuple, start: int) -> bool:
    """After の, a department or business of theirs (の保険年金課, の修理受付, の配達), not a spot (の前, の近く)."""
    run = _noun_run(units, start)
    return bool(run) and (run.endswith(_ADDRESSEE_ENDINGS) or run in THEIR_THINGS or run in SHOP_BUSINESS)


def _urgent_for(turn, name: Hit, vocabulary: Vocabulary) -> bool:
    return any(h.entry.kind == "problem" and h.entry.target.startswith(name.entry.target + "/")
               and h.kind_id in vocabulary.urgent_kinds for h in turn.live)


def _addressee(turn, others: tuple[str, ...]) -> tuple[str, int, int] | None:
    """(name, start, end) of the noun run the request reaches: …にかけたい / …につないで / …の番号を教えて."""
    lemmas = turn.lemmas(0, len(turn.order))
    for p in range(1, len(lemmas) - 1):
        if not (_reaches(lemmas, p) or _asks_its_number(lemmas, p)):
            continue
        start = p
        while start > 0 and (turn.tokens[turn.order[start - 1]].pos[0] in ("名詞", "接尾辞", "接頭辞") or (
                start > 1 and lemmas[start - 1] == "の" and turn.tokens[turn.order[start - 2]].pos[0] in ("名詞", "接尾辞"))):
            start -= 1
        words = turn.words(start, p)
        if words and (fold(words).endswith(_ADDRESSEE_ENDINGS) and _someone_in_particular(words)
                      or others and fold(words).endswith(others)):  # メーカーのパナソニックに…頼みたい
            return words, start, p
    return None


_GENERIC_CONTACTS = sorted((fold(w) for w in lexicon().words("generic_contacts")), key=len, reverse=True)


def _someone_in_particular(words: str) -> bool:
    """東京ガスのお客さまセンター, 市役所の納税課: someone in particular; not カスタマーセンター or カード会社の窓口,
    which may well be ours."""
    rest = fold(words)
    if "かーど" in rest:
        return False
    for generic in _GENERIC_CONTACTS:
        rest = rest.replace(generic, "")
    return len(rest) >= 2


def _reaches(lemmas: list[str], p: int) -> bool:
    """…にかけたい, …につないで; not …に電話したけど (done already: what they said is the caller's story)."""
    reach = next((q for q in range(p + 1, min(len(lemmas), p + 6)) if lemmas[q] in _REACH), None)
    if reach is None or lemmas[p] not in ("に", "へ"):
        return False
    done = lemmas[reach + 1:reach + 3]
    return not (done[:1] == ["た"] or done[:2] in (["為る", "た"], ["する", "た"], ["ます", "た"]))


_TELL_ME = frozenset(lexicon().words("tell_me"))


def _asks_its_number(lemmas: list[str], p: int) -> bool:
    return lemmas[p] == "の" and lemmas[p + 1] in _CONTACT and any(
        lemma in _TELL_ME for lemma in lemmas[p + 2:p + 6])


def _other_than(turn, not_covered: list[str]) -> None:
    """アメックスとは別に持ってる銀行のカード, 楽天カード以外の…: the covered name says what the call is not about."""
    if not not_covered:
        return
    for hit in turn.hits:
        following = turn.lemmas(hit.end, hit.end + 3)
        if hit.entry.kind == "provider" and hit.live and (following[:3] in (["と", "は", "別"], ["と", "は", "違う"])
                                                          or following[:1] == ["以外"]):
            hit.retracted = True
            turn.note("names", "another than this one (〜とは別, 〜以外)", turn.words(hit.start, hit.end), hit.entry.target)


def _longest(names: list[str]) -> tuple[str, ...]:
    """Each name once, and none inside a longer one also said (ヤマト in ヤマト運輸)."""
    return tuple(n for n in dict.fromkeys(names) if not any(n != other and n in other for other in names))


def _others_listed(turn) -> list[str]:
    """The catalogue's other organisations named, in the caller's own words (ヤマト運輸) rather than the catalogue's
    label for them (配送会社), unless those words are a phrase (CMの曲: CM・広告)."""
    return [(_as_said(turn, turn.words(h.start, h.end)) if _a_name(turn, h) else "") or h.entry.target
            for h in turn.hits if h.live and h.entry.kind == "not_covered"]


def _a_name(turn, hit: Hit) -> bool:
    """The words found are a name (ヤマト運輸, JCB), not a phrase (CMの曲, 就職したい: the catalogue's label is said)."""
    return all(turn.tokens[i].pos[0] not in _PHRASE_PARTS for i in turn.order[hit.start:hit.end])


_PHRASE_PARTS = frozenset(lexicon().words("phrase_parts"))


def _as_said(turn, words: str) -> str:
    """The caller's own spelling of words found in the analysed text (JCB, not the folded jcb)."""
    found = turn.text.lower().find(words.lower()) if words else -1
    return turn.text[found:found + len(words)] if found >= 0 else words


def _generic_organisations(turn, vocabulary: Vocabulary) -> list[str]:
    """Organisations spotted generically (a proper noun, a word before カード/銀行…, a shop bought from);
    a covered brand joined to another service's name (楽天Kobo) is that service, unless it names the brand's
    own card (楽天PINKカード)."""
    tokens, order = turn.tokens, turn.order
    named_spans = _named_spans(turn)
    for provider_id, start, end in _names_in_other_kanji(turn, vocabulary, named_spans):
        turn.near_names.append(provider_id)  # (confirmed with the caller, as every near reading is)
        turn.note("names", "a name written in other kanji of its sound", turn.analysed[start:end], provider_id)
        named_spans.add((start, end))
    negated_names = {h.entry.target for h in turn.hits if h.entry.kind in ("provider", "not_covered") and not h.live}
    found = []
    for other, start in other_organisations(turn.analysed, vocabulary, named_spans):
        if other in negated_names:
            continue
        near = _near_a_provider(other, vocabulary)
        if near is not None:  # アメエックスのカード: one of ours misheard, not another company (confirmed)
            turn.near_names.append(near[0])
            turn.note("names", "near reading of a name", other, near[0])
            continue
        joined = [h for h in turn.hits if h.entry.kind == "provider" and tokens[order[h.end - 1]].end == start]
        if any(names_a_card(tokens, order, h.end) for h in joined):
            continue  # 楽天ANAマイレージクラブカード, 楽天PINKカード: the brand's own cards
        for hit in joined:
            hit.retracted = True
        found.append(other)
        turn.note("names", "organisation spotted generically", other)
    return found


def _names_in_other_kanji(turn, vocabulary: Vocabulary, named: set[tuple[int, int]]) -> list[tuple[str, int, int]]:
    """甘ゾン, 天損, 雨ックス: a provider's name the recogniser wrote in other kanji of the same sound, read with each
    kanji's readings from the dictionary (甘: あま, うま, かん); words already named are left alone."""
    found = []
    units = [turn.tokens[i] for i in turn.order]
    if not any(_KANJI_WORD.search(unit.surface) for unit in units):
        return found
    free = [not any(s < unit.end and unit.start < e for s, e in named) for unit in units]
    for first in range(len(units)):
        found += _read_from(units, free, first, vocabulary)
    return found


def _read_from(units: list[Token], free: list[bool], first: int, vocabulary: Vocabulary) -> list[tuple[str, int, int]]:
    """The names read from the span starting at `first`, one more word at a time while some reading still begins a
    name (the words with a kanji among them)."""
    prefixes, sounds, kanji = _prefixes(vocabulary), [""], False
    for last in range(first, min(len(units), first + _NAME_TOKENS)):
        written = units[last].surface  # (folded already: katakana as hiragana)
        sounds = _sounds(written, prefixes, sounds) if free[last] else []
        if not sounds or units[last].end - units[first].start > _NAME_CHARS:
            break
        kanji = kanji or bool(_KANJI_WORD.search(written))
        provider_id = next((vocabulary.provider_readings[r] for r in sounds if r in vocabulary.provider_readings), None)
        if kanji and provider_id:
            return [(provider_id, units[first].start, units[last].end)]
    return []


@lru_cache(maxsize=4)
def _prefixes(vocabulary: Vocabulary) -> frozenset[str]:
    """Every beginning of a provider's reading: a way of sounding that begins none is dropped at once."""
    return frozenset(r[:k] for r in vocabulary.provider_readings for k in range(1, len(r) + 1))


_NAME_TOKENS, _NAME_CHARS = 3, 5  # a name misheard is short: アマゾン, アメックス, 楽天


def _sounds(written: str, prefixes: frozenset[str], sounds: list[str]) -> list[str]:
    """The ways `written` may sound after `sounds` that begin a provider's reading: each kanji by each of its
    readings, kana as written."""
    for char in written:
        options = readings_of(char) if _KANJI_WORD.match(char) else {char}
        sounds = [s + o for s in sounds for o in options if s + o in prefixes]
        if not sounds:
            return []
    return sounds


def _named_spans(turn) -> set[tuple[int, int]]:
    """Where words of the vocabulary stand: no other organisation is spotted there; but a problem's word inside a
    longer name does not hide it (Ponta|ポイント, マイナ|ポイント)."""
    tokens, order = turn.tokens, turn.order
    brands = [(s, e) for word, pos, s, e in long_units(turn.analysed) if _a_brand_compound(word, pos)]
    return {(tokens[order[h.start]].start, tokens[order[h.end - 1]].end) for h in turn.hits
            if h.entry.kind != "problem" or not _inside_a_brand(tokens, order, h, brands)}


def _inside_a_brand(tokens: tuple[Token, ...], order: list[int], hit: Hit, brands: list[tuple[int, int]]) -> bool:
    """A problem's word inside a longer word that is a brand's compound (マイナ|ポイント)."""
    start, end = tokens[order[hit.start]].start, tokens[order[hit.end - 1]].end
    return any(s <= start and end <= e and (s, e) != (start, end) for s, e in brands)


def _near_a_provider(text: str, vocabulary: Vocabulary, scorer=fuzz.ratio) -> tuple[str, float] | None:
    """The provider whose name the text's reading nearly is (アメエックス, アメックッス), and the score; or None."""
    match = process.extractOne(reading(text), list(vocabulary.provider_readings), scorer=scorer,
                               score_cutoff=FUZZY_ACCEPT)
    return (vocabulary.provider_readings[match[0]], match[1]) if match else None


def _outside_card_names(turn, not_covered: list[str]) -> list[str]:
    """A generic name inside a covered brand's card name (楽天|ANAマイレージクラブカード) is no other company."""
    tokens, order = turn.tokens, turn.order
    for hit in turn.hits:
        if hit.entry.kind != "provider" or not hit.live or not names_a_card(tokens, order, hit.end):
            continue
        run_end = noun_run_end(tokens, order, hit.end)
        if run_end > hit.end:
            start, end = tokens[order[hit.end]].start, tokens[order[run_end - 1]].end
            not_covered = [n for n in not_covered if not start <= turn.analysed.find(n, start) < end]
    return not_covered


def _fuzzy_provider(turn, vocabulary: Vocabulary) -> None:
    """Nothing named at all: a near reading of a provider's name (アメックッス, or a name spotted before カード:
    アメエックスのカード), to be confirmed."""
    if turn.near_names:
        turn.providers, turn.fuzzy = (turn.near_names[0],), True
        return
    if any(h.entry.kind in ("provider", "not_covered") for h in turn.hits) or len(turn.view) < 3 or _generic(turn.view):
        return
    if any(h.entry.kind == "problem" for h in turn.hits):
        near = _shop_misheard(turn, vocabulary)
    else:
        near = _near_a_provider(turn.view, vocabulary, scorer=_near)
    if near is not None:
        turn.providers, turn.fuzzy = (near[0],), True
        turn.note("names", "near reading of a name", turn.view, near[0], near[1])


_BARE_CARD_WORDS = frozenset(lexicon().words("bare_card_words"))


def _generic(view: str) -> bool:
    """カード, クレジットカード said alone: nobody's name, however near a name's reading it sounds."""
    word = fold(re.sub(r"[、。！？!?\s]", "", view))
    return word in _BARE_CARD_WORDS or word in COMMON_BEFORE_CARD


_BOUGHT_AT = re.compile(r"^(?P<shop>[^、。\s]{2,6}?)(?:で|から)(?:注文|買|購入|頼)")


_LEADING_NAME = re.compile(r"^(?P<name>[^、。\s]{3,14}?)(?:の|で|は|って|が|から)")


def _shop_misheard(turn, vocabulary: Vocabulary) -> tuple[str, float] | None:
    """甘ぞんで注文した商品が届きません: the shop the caller bought from, misheard; its reading is one of ours. Or
    the name the turn opens with (アメエックスの明細, アメリカン駅プレスの限度額)."""
    for pattern, group in ((_BOUGHT_AT, "shop"), (_LEADING_NAME, "name")):
        match = pattern.match(turn.view)
        near = _near_a_provider(match[group], vocabulary, scorer=fuzz.ratio) if match else None
        if near is not None:
            return near
    return None


def _live_problems(turn) -> list[Hit]:
    return [h for h in turn.live if h.entry.kind == "problem"]


def place(turn, vocabulary: Vocabulary) -> None:
    """Whether the caller is abroad now; trouble abroad with no other problem goes to whoever handles it."""
    names = {i for h in turn.hits if h.entry.kind in ("provider", "not_covered") for i in range(h.start, h.end)}
    turn.abroad = caller_place(turn.tokens, turn.order, turn.hits, names, turn.view)
    if turn.abroad is None and not _planned_trip(turn.tokens) and any(
            vocabulary.abroad_problem(h.entry.target) for h in _live_problems(turn)):
        turn.abroad = True  # 海外で使えない (not 来週から台湾行くんですけど、海外で使えなかったら: a trip to come)
    if turn.abroad is not None:
        turn.note("place", "abroad" if turn.abroad else "not abroad")
    if turn.abroad:
        _trouble_abroad(turn, vocabulary)
    elif turn.abroad is None:  # (back home, 先週までアメリカにいて…使えなかった理由: a question for the day line)
        _happened_abroad(turn, vocabulary, names)


def _happened_abroad(turn, vocabulary: Vocabulary, names: set[int]) -> None:
    """A problem told of a place abroad (海外の通販サイトで弾かれた, 旅行先で使えなかった), the caller at home or
    not saying: the provider's kind for it abroad, where it has one (the catalogue's `abroad_as`)."""
    chosen = {pid: vocabulary.catalogue.provider(pid).problem(kind) for pid, kind in turn.problems.items()}
    handled = {pid: problem.abroad_as for pid, problem in chosen.items() if problem is not None and problem.abroad_as}
    if not handled or not told_of_a_place_abroad(turn.tokens, turn.order, turn.hits, names):
        return
    for provider_id, kind in handled.items():
        turn.problems[provider_id] = kind
        turn.note("place", "happened abroad", target=f"{provider_id}/{kind}")


def _trouble_abroad(turn, vocabulary: Vocabulary) -> None:
    """The caller is abroad: with no problem said, or a symptom only, it is trouble abroad."""
    symptoms, nothing = set(vocabulary.lexicon.words("symptoms")), not turn.problems
    for provider in vocabulary.catalogue.providers:  # 「今ロンドンにいて困ってるんですが」, 海外で…使えない
        chosen = turn.problems.get(provider.id)
        abroad = next((p for p in provider.problems if p.abroad), None)
        if abroad is not None and (nothing or chosen in symptoms):
            turn.problems[provider.id] = abroad.id
            turn.note("place", "trouble abroad", target=f"{provider.id}/{abroad.id}")
