"""The weigh stage: each word found is weighed in its clause (ivr/ja/clauses.py has the grammar).

- negated when a negation follows it inside the clause (紛失ではない, なくしてはいない, 楽天じゃなくて);
- taken back when a later clause says so (〜かと思ったら…, 〜の件…じゃなかった), or by a rule the lexicon
  gives its kind (`retract:`: found again, something else lost, a family member's purchase; `retract_urgent:`
  for every urgent kind: only imagined);
- asked for when the caller requests it (〜たい, 〜について, 〜の件): a request outweighs a mention.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import takewhile
from typing import Callable

from .clauses import (OH, SAFE, STOPPING, found_before, said_just_before, a_case_followed_up, reissued_since, a_stop_to_lift, says_a_stop, asked_if_stopped, BUYERS, describes_a_card, a_notice_of_a_stop, CARD_WORDS, FOUND_LEMMAS, NEGATORS, a_loss, awaited, kept_by_a_machine, a_setting_changed, speaks_of_a_card, already_done, bought_from_a_seller, debited, clause_numbers, coordinated, corrected_clauses, found_again, in_corrected, one_more_thing,
                      hypothetical, lost_something_else, negated_after, ordering_a_delivery, quoted_message, requested,
                      a_message_stopped, only_reported, resolved, tried_already, left_alone, asked_if_a_scam, only_received, done_with_a_message, NOTHING_AT_RISK, in_a_message_left_alone, settled_since, thought_clauses, undone, used_by_someone_known, wanted_gone,
                      wished_before, said_after)
from .analysis import fold
from .finding import PHRASE_END
from .text import BREAK_MARKS
from .lexicon import LexiconError, lexicon
from .vocabulary import DEGREE, Hit, Vocabulary

# 使った覚え, 入った記憶: words that mean something only denied (使った覚えのない請求); said without a negation
# (使った覚えはある) they are no problem at all.
_MEANT_DENIED = frozenset(lexicon().words("meant_denied"))

# The rules the lexicon may name, by name: (turn, hit) -> does it take the hit back?
RETRACTIONS: dict[str, Callable] = {
    "found_again": lambda turn, hit: (found_again(turn.tokens, turn.order, hit.end + 2 if _befell(turn, hit) else hit.end)
                                      or found_before(turn.tokens, turn.order, hit.start, hit.end))
    and not _anothers_found(turn, hit),
    "lost_something_else": lambda turn, hit: lost_something_else(turn.tokens, turn.order, hit.start, hit.end)
    and not _a_card_inside(turn, hit),
    "used_by_someone_known": lambda turn, hit: used_by_someone_known(turn.tokens, turn.order, hit.end),
    "hypothetical": lambda turn, hit: hypothetical(turn.tokens, turn.order, hit.start, hit.end),
    "already_done": lambda turn, hit: already_done(turn.tokens, turn.order, hit.start, hit.end),
    "resolved": lambda turn, hit: resolved(turn.tokens, turn.order, hit.end) and not _anothers_settled(turn, hit),
    "settled_since": lambda turn, hit: settled_since(turn.tokens, turn.order, hit.end),
    "undone": lambda turn, hit: undone(turn.tokens, turn.order, hit.end),
    "a_case_followed_up": lambda turn, hit: a_case_followed_up(turn.tokens, turn.order, hit.end),
    "reported_already": lambda turn, hit: _reported_already(turn, hit),
    "only_heard_of": lambda turn, hit: _only_heard_of(turn, hit),
    "only_the_paying": lambda turn, hit: _only_the_paying(turn, hit),
    "paid_for_its_insurance": lambda turn, hit: _paid_for_its_insurance(turn, hit),
    "reissued_since": lambda turn, hit: reissued_since(turn.tokens, turn.order, hit.end),
    "a_notice_of_a_stop": lambda turn, hit: a_notice_of_a_stop(turn.tokens, turn.order, hit.start, hit.end),
    "tried_already": lambda turn, hit: tried_already(turn.tokens, turn.order, hit.end),
    "left_alone": lambda turn, hit: left_alone(turn.tokens, turn.order, hit.start, hit.end),
    "asked_if_a_scam": lambda turn, hit: asked_if_a_scam(turn.tokens, turn.order, hit.start, hit.end),
    "only_received": lambda turn, hit: only_received(turn.tokens, turn.order, hit.start, hit.end),
    "in_a_message_left_alone": lambda turn, hit: in_a_message_left_alone(turn.tokens, turn.order, hit.start, hit.end),
    "bought_from_a_seller": lambda turn, hit: not _a_seller_speaking(turn, hit)
    and bought_from_a_seller(turn.tokens, turn.order, hit.end),
    "ordering_a_delivery": lambda turn, hit: ordering_a_delivery(turn.tokens, turn.order, hit.start, hit.end),
    "quoted_message": lambda turn, hit: quoted_message(turn.tokens, turn.order, hit.end),
    "wanted_gone": lambda turn, hit: wanted_gone(turn.tokens, turn.order, hit.end),
    "debited": lambda turn, hit: debited(turn.tokens, turn.order, hit.end),
    "a_setting_changed": lambda turn, hit: a_setting_changed(turn.tokens, turn.order, hit.start, hit.end),
    "only_reported": lambda turn, hit: hit.rule == "word" and only_reported(turn.tokens, turn.order, hit.start, hit.end),
    "a_message_stopped": lambda turn, hit: a_message_stopped(turn.tokens, turn.order, hit.start, hit.end),
    "with_something_else_lost": lambda turn, hit: _with_something_else_lost(turn),
    "money_short": lambda turn, hit: _money_short(turn, hit),
    "money_not_back": lambda turn, hit: _money_not_back(turn, hit),
    "a_card_delivered": lambda turn, hit: _a_card_delivered(turn, hit),
    "a_transfer_scam": lambda turn, hit: _a_transfer_scam(turn),
    "no_longer_used": lambda turn, hit: _no_longer_used(turn, hit),
    "describes_a_card": lambda turn, hit: describes_a_card(turn.tokens, turn.order, hit.end),
    "a_death": lambda turn, hit: "亡" in turn.words(hit.start, hit.end),  # 亡くなった父のカード: died, not lost
    "awaited": lambda turn, hit: awaited(fold(turn.analysed)) and not _by_a_stranger(turn, hit),
    "kept_by_a_machine": lambda turn, hit: kept_by_a_machine(fold(turn.analysed), fold(turn.words(hit.start, hit.end))),
    "not_a_member": lambda turn, hit: _not_a_member(turn, hit),
    "asked_if_stopped": lambda turn, hit: asked_if_stopped(turn.tokens, turn.order, hit.start, hit.end),
    "a_stop_to_lift": lambda turn, hit: says_a_stop(turn.tokens, turn.order, hit.start, hit.end)
    and a_stop_to_lift(turn.tokens, turn.order),  # 利用停止にしてたのを元に戻したくて: the stop, not a loss
    "a_flagged_use_to_unlock": lambda turn, hit: _a_flagged_use_to_unlock(turn),
    "not_on_a_record": lambda turn, hit: _not_on_a_record(turn, hit),
    "a_report_withdrawn": lambda turn, hit: _said_after(turn, hit, 6).startswith(_WITHDRAWN),  # 紛失の届けを取り消したい
    "only_that": lambda turn, hit: _only_that_card(turn, hit),
    "paid_in": lambda turn, hit: "入金" in turn.words(hit.start, hit.end) and _said_after(turn, hit, 4).startswith(_PAID_IN),
    "a_parcel_stuck": lambda turn, hit: any(fold(t) in _PARCEL_STAGES for t in turn.lemmas(max(0, hit.start - 4), hit.start)),
}


def _anothers_settled(turn, hit: Hit) -> bool:
    """エポスカードと楽天カードなくしたんですけど、エポスはもう連絡済みです: what is settled is the other company's (its
    name then は, after the trouble), not the trouble of ours."""
    return any(other.live and other.entry.kind == "not_covered" and other.start >= hit.end
               and turn.lemmas(other.end, other.end + 1) == ["は"] and resolved(turn.tokens, turn.order, other.end)
               for other in turn.hits)


def _only_that_card(turn, hit: Hit) -> bool:
    """今は楽天カードしか使ってない: only that card is used, no use denied (not 私しか使ってないのに: only the caller)."""
    return hit.start > 1 and turn.tokens[turn.order[hit.start - 1]].surface == "しか" and (
        _a_card_right_before(turn, hit.start - 1))


def _a_flagged_use_to_unlock(turn) -> bool:
    """不正検知でロックされたみたいで、本人の利用なので解除したい: the company stopped a use it found odd, and the caller
    wants the stop lifted; nothing befell the card (not a fake message's 一時停止, 解除するためにカード番号を入れた)."""
    return a_stop_to_lift(turn.tokens, turn.order) and any(turn.tokens[i].lemma in STOPPING for i in turn.order) \
        and not done_with_a_message(turn.tokens, turn.order)


_RECORDS = frozenset(fold(w) for w in lexicon().words("records"))


def _not_on_a_record(turn, hit: Hit) -> bool:
    """明細にまだ出てこない, 履歴にない, 明細のどこにあるのかわからない: what the caller misses is an entry where uses
    are listed, or its place there, not the card."""
    before = [turn.tokens[i] for i in turn.order[max(0, hit.start - 5):hit.start]]
    if len(before) > 1 and fold(before[-2].lemma) in _RECORDS and before[-1].surface == "の":
        return turn.words(hit.start, hit.end).startswith("どこ")
    return any(fold(word.lemma) in _RECORDS and after.surface in ("に", "で") for word, after in zip(before, before[1:]))


def _said_after(turn, hit: Hit, count: int) -> str:
    """The next `count` words after the hit, as said (folded)."""
    return said_after(turn.tokens, turn.order, hit.end, count)


_HEARD_OF = tuple(fold(w) for w in lexicon().words("heard_of"))
_WITHDRAWN = tuple(fold(w) for w in lexicon().words("a_report_withdrawn"))


def _only_heard_of(turn, hit: Hit) -> bool:
    """不正利用が多いって聞いて心配, 詐欺が流行ってるって見た, 番号が盗まれる手口: a kind of trouble heard or read of, going
    round; nothing is said to have befallen the caller (what they say befell them is a word of its own)."""
    return _said_after(turn, hit, 9).startswith(_HEARD_OF)


_PAID = frozenset(lexicon().words("paying"))


def _a_card_right_before(turn, at: int) -> bool:
    """A provider's name or a card word ends right before position `at`."""
    return at > 0 and (turn.tokens[turn.order[at - 1]].surface in CARD_WORDS or any(
        h.entry.kind == "provider" and h.end == at for h in turn.hits))


def _only_the_paying(turn, hit: Hit) -> bool:
    """楽天カードで払った, アメックスで払ったんですけど: what paid, said before the matter (or alone), with no other word
    of a problem in the turn: the paying done is no question of the statement."""
    paid = turn.tokens[turn.order[hit.start]].lemma in _PAID and turn.lemmas(max(0, hit.start - 1), hit.start) == ["で"] \
        and _a_card_right_before(turn, hit.start - 1)  # (QRコードで払った: not the card)
    done = "た" in turn.lemmas(hit.end, hit.end + 2)
    return paid and done and not any(h.entry.kind == "problem" and (h.start, h.end) != (hit.start, hit.end)
                                     for h in turn.hits)


def _reported_already(turn, hit: Hit) -> bool:
    """紛失の連絡して二週間たつんですけど, 紛失の届けは出してます: the loss was reported to the company already; the call is
    about what follows it (the new card awaited, the card found since), not a loss to report (not 紛失の連絡をしたい)."""
    following = _said_after(turn, hit, 8)
    if not following.startswith(_REPORTED) and hit.end < len(turn.order) and turn.tokens[turn.order[hit.end]].pos[0] == "名詞":
        following = _said_after(turn, hit, 9)[len(fold(turn.tokens[turn.order[hit.end]].surface)):]  # 身に覚えのない|請求|で相談した
    return following.startswith(_REPORTED) and not any(word in following for word in _WISHED)


_REPORTED = tuple(fold(w) for w in lexicon().words("reported_already"))
_WISHED = tuple(lexicon().words("wished_forms"))


def _paid_for_its_insurance(turn, hit: Hit) -> bool:
    """アメックスで旅行代金払ったんですけど、…保険出ます?: the card paid for the trip, which is what its travel insurance
    asks; the question is the insurance, not the statement."""
    paying = {fold(t) for t in turn.lemmas(hit.start, hit.end + 3)} & (_PAID | _FARES)
    done = "た" in turn.lemmas(hit.end, hit.end + 4)
    return bool(paying) and done and any(word in turn.analysed for word in _INSURANCE) and any(
        h.live and h.kind_id in _INSURED for h in turn.hits if h is not hit)


_FARES = frozenset(fold(w) for w in lexicon().words("fares"))
_INSURED = frozenset(lexicon().words("insured_kinds"))
_INSURANCE = lexicon().words("insurance")


def _not_a_member(turn, hit: Hit) -> bool:
    """プライムなんか入ってないのに引かれてる, 保険には入っていない: not joined to a plan, nothing missing from a wallet
    or a box."""
    if "入" not in turn.words(hit.start, hit.end):
        return False
    before = [turn.tokens[i] for i in turn.order[max(0, hit.start - 3):hit.start] if not turn.tokens[i].punctuation]
    return any(fold(t.surface).endswith(_PLANS) or fold(t.lemma).endswith(_PLANS) for t in before)


_PLANS = tuple(fold(w) for w in lexicon().words("plans_joined"))
_PARCEL_STAGES = frozenset(fold(w) for w in lexicon().words("parcel_stages"))  # 配送中のまま止まってて: the parcel


def _by_a_stranger(turn, hit: Hit) -> bool:
    """誰かに抜かれた: done to the caller by someone unknown, a theft, whatever card it was (a new one awaited too)."""
    return tuple(turn.lemmas(max(0, hit.start - 3), hit.start)) == _SOMEONE


_SOMEONE = lexicon().words("by_someone_unknown")


def _befell(turn, hit: Hit) -> bool:
    """財布ごと東南にあった (盗難にあった, misheard): the loss word, then に and あう, is what befell the caller, not
    where something was found (コンビニにあった): a find is looked for after it."""
    return turn.lemmas(hit.end, hit.end + 2) in (["に", "有る"], ["に", "遭う"], ["に", "会う"])


def _a_seller_speaking(turn, hit) -> bool:
    """購入者からのクレーム, 売る側として…お客さんからの返品: the words say the caller sells; whoever they deal
    with is their buyer, not a seller they bought from."""
    words = turn.words(hit.start, hit.end)
    return words.startswith(BUYERS) or ("売" in words and "販売" not in words)  # (販売者から買った: a buyer)


def _with_something_else_lost(turn) -> bool:
    """社員証を紛失しまして、再発行の手続きを / スマホを落として画面が割れた: what was lost is no card, and no card
    or company of ours is named: the reissue or the breakage is that thing's too."""
    if speaks_of_a_card(turn.analysed) or any(h.entry.kind == "provider" for h in turn.hits):
        return False
    return any(a_loss(h) and lost_something_else(turn.tokens, turn.order, h.start, h.end) for h in turn.hits)


_TRANSFERS = tuple(fold(w) for w in lexicon().words("transfers"))
_NO_LONGER = frozenset(lexicon().words("no_longer"))  # もう使ってないので解約を: a habit, not a charge denied


def _no_longer_used(turn, hit: Hit) -> bool:
    """もう使ってないんで解約したい, ほとんど使ってないから: a habit told, no charge denied (not もう何年も使ってないのに
    請求が: the のに keeps the denial); 使ってないので解約を: the reason to give a card up."""
    if "使" not in turn.words(hit.start, hit.end):
        return False
    before = turn.lemmas(hit.start - 1, hit.start)
    after = _said_after(turn, hit, 3)
    given_up = after.startswith(_BECAUSE) and any(h.entry.kind == "problem" and h.kind_id in _GIVEN_UP_FOR and h.start >= hit.end
                                                 for h in turn.hits)
    return (bool(before) and before[0] in _NO_LONGER and "のに" not in after) or given_up


_BECAUSE = tuple(lexicon().words("because"))
_GIVEN_UP_FOR = frozenset(lexicon().words("given_up_for"))


def _a_transfer_scam(turn) -> bool:
    """息子を名乗る人から電話があって、お金を振り込めって: a scam over a bank transfer with no card and no company of
    ours in it is the police's and the bank's matter, not a card company's."""
    text = fold(turn.analysed)
    return any(word in text for word in _TRANSFERS) and not speaks_of_a_card(turn.analysed) and not any(
        h.entry.kind == "provider" for h in turn.hits)


_MONEY = frozenset(lexicon().words("money"))


def _money_short(turn, hit: Hit) -> bool:
    """限度額が足りなくて, お金が足りない: what falls short is money, not a parcel's contents."""
    return turn.tokens[turn.order[hit.start]].lemma == "足りる" and _said_of_money(turn, hit)


def _money_not_back(turn, hit: Hit) -> bool:
    """キャンセルしたのにお金が返ってこない, 返金がまだカードに戻ってこない: what has not come back is money, a refund,
    not a card."""
    words = turn.words(hit.start, hit.end)
    refund = any(lemma in _REFUNDS for lemma in turn.lemmas(max(0, hit.start - 6), hit.start))
    return ("返" in words or "戻" in words) and (_said_of_money(turn, hit) or refund)


_REFUNDS = frozenset(lexicon().words("refunds"))


def _said_of_money(turn, hit: Hit) -> bool:
    """Money is the subject right before the hit (お金が|, 限度額が|)."""
    before = turn.lemmas(max(0, hit.start - 3), hit.start)
    if before[-1:] and before[-1] in ("が", "は", "も"):
        before = before[:-1]
    return bool(before) and (before[-1] in _MONEY or "".join(before[-2:]) in _MONEY)


def _a_card_delivered(turn, hit: Hit) -> bool:
    """更新のカードが届いた, 新しいカードがまだ来ない: what is delivered is a card, the card company's, no parcel."""
    before = [turn.tokens[i] for i in turn.order[max(0, hit.start - 3):hit.start]]
    bought = len(before) == 3 and before[0].lemma == "た"  # (アマゾンで頼んだカードが届かない: a parcel)
    return len(before) >= 2 and before[-2].surface in CARD_WORDS and before[-1].surface in ("が", "は", "も") and not bought


def _absent(turn, end: int) -> bool:
    """無い said right after a name, with no copula (アメックスない, 楽天カードがない): the thing is absent; a name
    is denied with one (アメックスじゃない, 楽天ではなくて)."""
    following = [turn.tokens[i] for i in turn.order[end:end + 2]]
    if following[:1] and following[0].lemma in ("が", "も", "は"):
        following = following[1:]
    return bool(following) and following[0].lemma in ("無い", "ない") and following[0].pos[0] == "形容詞"


_PUT_IN = frozenset(lexicon().words("putting_in"))


def _a_card_inside(turn, hit: Hit) -> bool:
    """スマホを落としちゃって、そのケースに楽天カードを入れてた (…ケースにカード入れてた), 楽天カード入れてた車が
    盗まれました: what was lost held a card; the card is lost with it."""
    sentence = _sentence_start(turn, hit.start)
    ends = [name.end for name in turn.hits if name.entry.kind == "provider" and (name.start >= hit.end or sentence <= name.start)]
    ends += [p + 1 for p in range(sentence, len(turn.order)) if turn.tokens[turn.order[p]].surface in CARD_WORDS]
    return any(_put_in_after(turn, end) for end in ends)


def _put_in_after(turn, end: int) -> bool:
    """入れてた, を入れてた, が入ってる right after a card named (not the auxiliary なくしてしまい)."""
    lemmas = turn.lemmas(end, end + 4)  # (楽天カードのアプリが入ってる: the app is, not the card)
    if lemmas[:1] in (["を"], ["が"], ["も"], ["は"]) and any(
            lemma in _PUT_IN and lemmas[p] not in ("て", "で") for p, lemma in enumerate(lemmas[1:])):
        return not negated_after(turn.tokens, turn.order, end + 2)
    return bool(lemmas[:1]) and lemmas[0] in _PUT_IN and not negated_after(turn.tokens, turn.order, end + 1)  # (カード入れてた)


def _sentence_start(turn, position: int) -> int:
    """Where the sentence holding `position` begins (after the last full stop before it)."""
    stops = [p + 1 for p in range(position) if turn.tokens[turn.order[p]].pos[1] == "句点"]
    return stops[-1] if stops else 0


def _anothers_found(turn, hit: Hit) -> bool:
    """楽天だったかアメックスだったか、楽天は手元にあるから: the card found is another provider's; this one's is
    still lost."""
    own = hit.entry.target.split("/")[0]
    if not any(name.entry.target == own for name in turn.hits if name.entry.kind == "provider"):
        return False  # (昨日なくしたって電話したんですけど、楽天カード見つかりました: the loss was nobody else's)
    for name in turn.hits:
        if name.entry.kind not in ("provider", "not_covered") or name.start < hit.end:
            continue
        following = turn.lemmas(name.end, name.end + 4)
        if any(lemma in FOUND_LEMMAS or lemma == "手元" or lemma in SAFE for lemma in following):
            return name.entry.target != own  # (なくしたのは楽天カードで、JCBは手元に; 楽天カードは無事です: another's)
    return False


@lru_cache(maxsize=4)
def retractions(vocabulary: Vocabulary) -> dict[str, tuple[str, ...]]:
    """Kind id -> names of the rules that can take its words back, from the lexicon; an unknown rule name is a
    fault of the data, raised when the language is built, never a rule silently skipped."""
    rules = {str(kind): tuple(map(str, names)) for kind, names in vocabulary.lexicon.rules.get("retract", {}).items()}
    for kind in vocabulary.catalogue.kinds:
        key = "retract_urgent" if kind.urgent else "retract_routine"
        rules[kind.id] = rules.get(kind.id, ()) + tuple(map(str, vocabulary.lexicon.rules.get(key, ())))
    unknown = {name for names in rules.values() for name in names} - set(RETRACTIONS)
    if unknown:
        raise LexiconError([f"lexicon.yaml: no rule named '{name}' (rules: {', '.join(RETRACTIONS)})"
                            for name in sorted(unknown)])
    return rules


def _meant_denied(turn, hit: Hit) -> bool:
    return not hit.entry.negative and turn.tokens[turn.order[hit.end - 1]].lemma in _MEANT_DENIED


def _said_unrelated(turn, hit: Hit) -> bool:
    """楽天カードの引き落としとは関係なくて, アメックスとは別で: what the caller says their matter is not about."""
    return _UNRELATED.match(_said_after(turn, hit, 8)) is not None


_UNRELATED = re.compile("(?:の[^、。,.]{1,8}?)?(?:" + "|".join(map(re.escape, (fold(w) for w in lexicon().words("unrelated")))) + ")")


def _denied(turn, end: int) -> bool:
    """覚え|が|ない, 記憶|は|全く|ありません, 心当たり|も|ない: a negation right after, a particle and an adverb of
    degree at most between."""
    following = [turn.tokens[i].lemma for i in turn.order[end:end + 5]]
    if following[:1] and following[0] in ("が", "は", "も", "の"):
        following = following[1:]
    if following[:1] and following[0] in DEGREE:
        following = following[1:]
    return bool(following) and (following[0] in ("無い", "ない") or (
        following[0] in ("有る", "ある") and any(lemma in NEGATORS for lemma in following[1:3])))


def weigh(turn, vocabulary: Vocabulary) -> None:
    turn.clauses = clause_numbers(turn.tokens, turn.order)
    thought = turn.thought = thought_clauses(turn.tokens, turn.order, turn.clauses)
    corrected = turn.corrected = corrected_clauses(turn.tokens, turn.order, turn.clauses)
    problem_words = _positions(turn, ("problem",))  # coordinated words (盗難でも紛失でもない)
    name_words = _positions(turn, ("provider", "not_covered"))  # 楽天カードでもアメックスでもなくて
    rules = retractions(vocabulary)
    judged: dict[tuple[str, int, int, str], bool] = {}
    for hit in turn.hits:
        hit.clause = turn.clauses[hit.start]
        naming = hit.entry.kind in ("provider", "not_covered")
        hit.negated = negated_after(turn.tokens, turn.order, hit.end, name_words if naming else problem_words,
                                    stop=problem_words if naming else frozenset())
        if _meant_denied(turn, hit):
            hit.negated = not _denied(turn, hit.end)
        if naming and hit.negated and (_absent(turn, hit.end) or _a_senders_address(turn, hit)):
            hit.negated = False  # アメックスあらへん(ない)ねん: the card is gone, not "not Amex"; URLが楽天じゃなかった
        hit.negated = hit.negated or _said_unrelated(turn, hit)
        if hit.negated:
            hit.why.append("negated")
        if hit.entry.kind == "problem":
            _take_back(turn, hit, thought, corrected, rules, judged)
        hit.requested = requested(turn.tokens, turn.order, hit.end, turn.clauses, hit.start)
        if hit.requested:
            hit.why.append("asked for")
    _asked_together(turn, vocabulary.urgent_kinds)
    _interrupted_wish(turn, vocabulary.urgent_kinds)
    _told_after_a_request(turn, vocabulary.urgent_kinds)
    _an_old_case_then_this_calls_matter(turn, vocabulary.urgent_kinds)
    _quoted_only(turn)
    _denied_after(turn)
    _thought_of_before(turn)
    _said_of_a_message_reported(turn, vocabulary)
    _the_charge_unknown(turn, vocabulary)
    _cut_off_then_else(turn)
    for hit in turn.hits:
        for why in hit.why:
            turn.note("weigh", why, turn.words(hit.start, hit.end), hit.entry.target)
    _names_replaced(turn, corrected, thought, vocabulary.urgent_kinds)


def _the_charge_unknown(turn, vocabulary: Vocabulary) -> None:
    """知らない通販サイトの請求: a routine word ending the phrase of a loss or fraud found apart (a near rule read to
    the end of its phrase) is what the caller does not know, no statement question of its own."""
    urgent = [h for h in turn.hits if h.live and h.rule.endswith(PHRASE_END) and h.kind_id in vocabulary.urgent_kinds]
    for hit in turn.hits if urgent else ():
        if hit.live and hit.entry.kind == "problem" and hit.kind_id not in vocabulary.urgent_kinds and any(
                near.start < hit.start and hit.end == near.end for near in urgent):
            _retract(hit, "the_charge_unknown", "the thing unknown itself (知らない…の請求)")


def _said_of_a_message_reported(turn, vocabulary: Vocabulary) -> None:
    """これ詐欺っぽいので知らせたくて, 偽物っぽいサイトを見つけたので知らせたい: an urgent word inside the words of a
    report of a message (a near rule of a `nothing_at_risk` kind, which nothing done with the message) describes
    what is reported; nothing befell the caller."""
    reports = [h for h in turn.hits if h.live and h.rule != "word" and h.kind_id in NOTHING_AT_RISK]
    if not reports or done_with_a_message(turn.tokens, turn.order):
        return  # (押してないけど、パスワードは入れちゃいました)
    for hit in turn.hits:
        if hit.live and hit.entry.kind == "problem" and hit.kind_id in vocabulary.urgent_kinds and any(
                report.start <= hit.start and hit.end <= report.end for report in reports):
            _retract(hit, "said_of_a_report", "said of the message reported (詐欺っぽいので知らせたい)")


def _thought_of_before(turn) -> None:
    """明細に変な名前の会社があって、不正かと思ったら…でした: what the caller thought and found otherwise takes back
    the hints of the same kind said before it in the sentence, on which the thought rested (not another kind: なくして、
    不正利用されたかと思ったら大丈夫でした is still a loss)."""
    problems = [hit for hit in turn.hits if hit.entry.kind == "problem"]
    for thought in (h for h in problems if h.retracted_by == "thought"):
        for hit in problems:
            if hit.live and not hit.requested and hit.kind_id == thought.kind_id and hit.start < thought.start \
                    and not _a_full_stop_between(turn, hit.end, thought.start):
                _retract(hit, "thought", "what the caller thought, said before it (〜があって、〜かと思ったら)")


def _a_full_stop_between(turn, start: int, end: int) -> bool:
    return any(turn.tokens[i].pos[1] == "句点" for i in turn.order[start:end])


_ADDRESSES = frozenset(fold(w) for w in lexicon().words("a_messages_address"))
_SUBJECT_PARTICLES = frozenset(lexicon().words("subject_particles"))


def _a_senders_address(turn, hit: Hit) -> bool:
    """URLが楽天じゃなかった, 送信元がアマゾンじゃない: what is denied is a message's address, a sign of a fake; the
    company is still the caller's."""
    before = turn.lemmas(max(0, hit.start - 2), hit.start)
    return len(before) == 2 and fold(before[0]) in _ADDRESSES and before[1] in _SUBJECT_PARTICLES


def _denied_after(turn) -> None:
    """A word the caller says, then denies (なくして、いや、なくしたんじゃなくて…): the last word on it stands."""
    problems = [hit for hit in turn.hits if hit.entry.kind == "problem"]
    for hit in problems:
        if hit.live and any(later.start > hit.end and (later.negated or later.retracted_by == "corrected")
                            and _same_word(turn, later, hit) for later in problems):
            _retract(hit, "denied_after", "denied after (〜いや、〜じゃなくて)")


def _cut_off_then_else(turn) -> None:
    """カードなくし…あ、ごめんなさい、なくしたのは定期券でした: a word cut off, then said again of something else;
    the caller was correcting it."""
    problems = [hit for hit in turn.hits if hit.entry.kind == "problem"]
    for hit in problems:
        said = turn.words(hit.start, hit.end)
        if hit.live and _broken_off(turn, hit) and any(
                later.start > hit.end and later.entry.target == hit.entry.target and later.retracted_by == "lost_something_else"
                and _same_stem(turn.words(later.start, later.end), said) for later in problems):
            _retract(hit, "cut_off", "cut off, then said of something else")


def _broken_off(turn, hit: Hit) -> bool:
    """なくし… / カードなく|し…: the word stops at a mark of a break, a kana or two of it left at most."""
    after = [turn.tokens[i].surface for i in turn.order[hit.end:hit.end + 2]]
    return bool(after) and (after[0] in BREAK_MARKS or (len(after) == 2 and len(after[0]) <= 2 and after[1] in BREAK_MARKS))


def _same_stem(later: str, cut: str) -> bool:
    """なくした again after カードなくし…, 盗まれた after 盗ま…: the later word begins as the cut-off one ends."""
    return any(later.startswith(cut[i:]) for i in range(len(cut) - 1))


def _same_word(turn, one: Hit, other: Hit) -> bool:
    return one.entry.target == other.entry.target and (
        turn.tokens[turn.order[one.start]].lemma == turn.tokens[turn.order[other.start]].lemma)


def _interrupted_wish(turn, urgent_kinds: frozenset[str]) -> None:
    """〜をお願いしたかったんですけど、カードが見当たらなくなって: what the caller meant to ask, overtaken by a loss or
    fraud told after it, is no longer the request; the loss is seen to first."""
    urgent_later = [h for h in turn.hits if h.entry.kind == "problem" and h.live and not h.weak and not h.requested
                    and h.kind_id in urgent_kinds]
    for hit in turn.hits:
        if hit.requested and hit.entry.kind == "problem" and wished_before(turn.tokens, turn.order, hit.end) and any(
                later.clause > hit.clause for later in urgent_later):
            hit.requested = False
            hit.why.append("a wish overtaken by what happened after it")
            for later in urgent_later:
                later.leads = later.leads or later.clause > hit.clause


def _told_after_a_request(turn, urgent_kinds: frozenset[str]) -> None:
    """住所変更をお願いしたいんですが、引っ越しの時にカードなくしたみたいで: a loss or fraud told after a routine
    request, in a later clause, is seen to first (the request waits; a loss cannot)."""
    asked = [h for h in _live_problems(turn) if h.requested and h.kind_id not in urgent_kinds]
    for hit in _urgent_told(turn, urgent_kinds) if asked else []:
        if any(hit.clause > one.clause for one in asked):
            hit.requested = hit.leads = True
            hit.why.append("a loss or fraud told after a request: seen to first")


def _an_old_case_then_this_calls_matter(turn, urgent_kinds: frozenset[str]) -> None:
    """前に不正利用の件で補償してもらったんですけど、今回は家族カードを追加したくて; 以前盗難にあって番号が変わった
    んですけど、その後の明細の見方が: a loss or fraud of long ago, then this call's own matter (今回は, その後): the old
    case is its background, unless something urgent is told after (前になくして、今回もまたなくした)."""
    told = [h for h in _live_problems(turn) if h.kind_id in urgent_kinds]
    matter = _this_calls_matter(turn) if told else None
    if matter is None or any(hit.start > matter for hit in told):
        matter = _after_the_old_time(turn, told)
    if matter is None:
        return
    for hit in told:
        if _long_ago_before(turn, hit):
            _retract(hit, "an_old_case", "long ago, then this call's matter (前に…、今回は…)")


_OLD_TIME = tuple(fold(w) for w in lexicon().words("old_time_framed"))


def _after_the_old_time(turn, told: list[Hit]) -> int | None:
    """以前なくした時に再発行してもらったんですけど、その時の手数料って明細に; 去年の不正利用のときに返金してもらった分が:
    every loss or fraud told is a time long gone (昔…の時に), and a routine matter is told after it: where it starts."""
    ends = [hit.end for hit in told if _long_ago_before(turn, hit) and _said_after(turn, hit, 3).startswith(_OLD_TIME)]
    if not told or len(ends) < len(told):
        return None
    routine = [h.start for h in _live_problems(turn) if h.kind_id not in {t.kind_id for t in told} and h.start > max(ends)]
    more = max(ends) + 3 if max(ends) + 3 < len(turn.order) else None  # (前回、紛失の時に言われた書類、期限いつまで)
    return min(routine, default=more)


_LONG_AGO = tuple(lexicon().words("long_ago"))
_THIS_CALLS_MATTER = tuple(lexicon().words("this_calls_matter"))


def _this_calls_matter(turn) -> int | None:
    """Where the caller turns to this call's matter (今回は, 今日はそれじゃなくて, その後の), or None."""
    for p in range(1, len(turn.order)):
        if "".join(turn.tokens[i].surface for i in turn.order[p:p + 3]).startswith(_THIS_CALLS_MATTER):
            return p
    return None


def _long_ago_before(turn, hit: Hit) -> bool:
    """昔、海外で止められて; 以前盗難に; 前に不正利用の件で: a time long gone opens the words before the hit in its
    sentence (not 駅の前に, a place, nor 行く前に, a time to come)."""
    start = max(_sentence_start(turn, hit.start), hit.start - 8)
    for p in range(start, hit.start):
        said = "".join(turn.tokens[i].surface for i in turn.order[p:hit.start])
        before = turn.tokens[turn.order[p - 1]] if p else None
        if said.startswith(_LONG_AGO) and (before is None or before.punctuation or before.pos[0] in ("感動詞", "接続詞")
                                           or not said.startswith("前")):
            return True
    return False


def _live_problems(turn) -> list[Hit]:
    return [h for h in turn.hits if h.entry.kind == "problem" and h.live]


def _urgent_told(turn, urgent_kinds: frozenset[str]) -> list[Hit]:
    """Losses and frauds told, found by a word, neither asked for nor only feared (落としたと思って)."""
    return [h for h in _live_problems(turn) if not (h.weak or h.requested) and h.kind_id in urgent_kinds
            and not _only_thought(turn, h)]


def _quoted_only(turn) -> None:
    """A message quoted is all the caller says of their problem (パスワードを変えましたってメールが来たけど、私は
    変えてない): then it is what the call is about."""
    problems = [hit for hit in turn.hits if hit.entry.kind == "problem"]
    if any(hit.live for hit in problems):
        return
    for hit in problems:
        if hit.retracted_by == "quoted_message" and not (hit.negated or hit.requested):
            hit.retracted = False
            hit.why.append("kept: the quoted message is all that is said")


def _positions(turn, kinds: tuple[str, ...]) -> frozenset[int]:
    """Where words of these kinds were found as words (not by a looser rule)."""
    return frozenset(i for h in turn.hits if h.entry.kind in kinds and h.rule == "word" for i in range(h.start, h.end))


def _asked_together(turn, urgent_kinds: frozenset[str]) -> None:
    """Two problems joined (なくしたのと、あとポイントのことも聞きたい; 支払い金額を聞きたいのと、あとカードを
    失くしました): what is asked for one is asked for both."""
    problems = [hit for hit in turn.hits if hit.entry.kind == "problem"]
    for hit in problems:
        if coordinated(turn.tokens, turn.order, hit.end, frozenset(other.start for other in problems)):
            later = [other for other in problems if other.start >= hit.end]
            _share_request(hit, later)
            _urgent_first(turn, hit, later, urgent_kinds)
    _urgent_before_a_further_thing(turn, problems, urgent_kinds)
    for position in one_more_thing(turn.tokens, turn.order, turn.clauses):  # 〜したいんですけど、あと、…
        later = [other for other in problems if other.start > position]
        for hit in _last_said_before(turn, problems, position) if later else []:
            _share_request(hit, later)  # each provider's reading of the last thing said before it
            _urgent_first(turn, hit, later, urgent_kinds)


def _urgent_before_a_further_thing(turn, problems: list[Hit], urgent_kinds: frozenset[str]) -> None:
    """楽天カードなくして、アメックスの引き落とし口座も変えたい: a loss or fraud, then a further thing (も right after
    it): the urgent one is seen to first."""
    for hit in [h for h in problems if h.kind_id in urgent_kinds]:
        further = [other for other in problems if other.start >= hit.end and turn.lemmas(other.end, other.end + 1) == ["も"]]
        if further:
            _urgent_first(turn, hit, further, urgent_kinds)


def _last_said_before(turn, problems: list[Hit], position: int) -> list[Hit]:
    before = [hit for hit in problems if hit.end <= position and hit.live and not _only_thought(turn, hit)]
    last = max((hit.end for hit in before), default=None)  # (覚えのない請求 and its 請求 end together: both)
    return [hit for hit in before if hit.end == last]


def _urgent_first(turn, hit: Hit, later: list[Hit], urgent_kinds: frozenset[str]) -> None:
    """Of two things the caller has (なくしたのと、あと住所も変わったので; 住所変更と、それと…カードがどこかに
    行っちゃって), a loss or fraud is seen to first."""
    joined = [hit, *[other for other in later if other.clause == later[0].clause]]
    urgent = [one for one in joined if one.live and one.kind_id in urgent_kinds
              and not _only_thought(turn, one)]
    if not urgent or len(urgent) == len([one for one in joined if one.live]):
        return
    for one in urgent:
        one.requested = one.leads = True
        one.why.append("the urgent one of two things joined")


def _only_thought(turn, hit: Hit) -> bool:
    """落としたと思って焦ったら…: what the caller feared, not what they go on to ask."""
    lemmas = turn.lemmas(hit.end, hit.end + 3)
    return lemmas[:1] in (["と"], ["って"]) and "思う" in lemmas


def _share_request(hit: Hit, later: list[Hit]) -> None:
    if not hit.requested and any(other.requested for other in later):
        hit.requested = True
        hit.why.append("asked for with what follows it")
    elif hit.requested and later:
        kind = hit.kind_id
        for other in later:  # the other kinds said in the clause joined to it
            if other.clause == later[0].clause and not other.requested and not other.entry.target.endswith("/" + kind):
                other.requested = True
                other.why.append("asked for with what it is joined to")


_INSTEAD = tuple(lexicon().words("said_instead"))


def _said_instead(turn, hit, names) -> bool:
    """Another company named right after this one with a correction between: アマゾン、いや、楽天カードの…"""
    following = _other_names_after(turn, hit, names)
    if not following:
        return False
    between = [turn.tokens[i] for i in turn.order[hit.end:min(o.start for o in following)]]
    return _corrects(between)


def _other_names_after(turn, hit: Hit, names: list[Hit]) -> list[Hit]:
    others = [o for o in turn.hits if o.entry.kind == "not_covered" and o.live]
    return [o for o in names + others if o.start >= hit.end and o.entry.target != hit.entry.target]


def _a_filler(token) -> bool:
    """の、えーと、あの、: what comes before a correction without saying anything (アメックスの、えーと、いや、…)."""
    return token.surface in OH or token.pos[1] == "フィラー" or token.pos[0] == "助詞" or token.surface in ("あの", "その")


_SIGHS = tuple(lexicon().words("sighs"))  # いやね、…: a story begins, nothing is taken back
_TAKEN_BACK_AT_ONCE = frozenset(lexicon().words("taken_back_at_once"))


def _corrects(between: list) -> bool:
    """いや、楽天カード (a few words), いや、やっぱりアマゾンだ after a longer thought (アメックスに聞けばいいのかな), or
    アマゾン、あ、いや、使われたのは楽天カードの方で (taken back the moment it is said, in the same sentence; not
    楽天カードです。いやね、…): the caller changes their mind. Nouns say no correction (イヤホン is no いや)."""
    words = [t for t in between if not t.punctuation]
    said = "".join(t.surface for t in words if t.pos[0] != "名詞")
    if any(sigh in said for sigh in _SIGHS):
        return False
    return (len(words) <= 12 and "いややっぱ" in said) or (len(words) <= 4 and any(w in said for w in _INSTEAD)) or (
        len(words) <= 10 and _taken_back_at_once(between, words))


def _taken_back_at_once(between: list, words: list) -> bool:
    """The first word past fillers takes the name back, in the same sentence (アマゾン、あ、いや、…)."""
    spoken = [t for t in words if not _a_filler(t)]
    return bool(spoken) and spoken[0].surface in _TAKEN_BACK_AT_ONCE and not any(
        t.surface == "。" for t in between[:between.index(spoken[0])])


def _names_replaced(turn, corrected: set[tuple[int, int]], thought: set[int], urgent_kinds: frozenset[str]) -> None:
    """A company named in a clause the caller corrects or only thought of, and another named after it, is
    replaced: アメックスの明細…じゃなかった、楽天カードのほうの明細; 楽天カードのことかと思ったんですけど、
    よく見たらアマゾンの方で; 楽天市場だったかアマゾンだったか…楽天市場でした (a name alone corrected still
    stands: 楽天カードのポイントの件…じゃなかった、カードをなくした)."""
    names = [h for h in turn.hits if h.entry.kind == "provider" and h.live]
    settled = [h for h in turn.hits if h.entry.kind in ("provider", "not_covered") and h.live and _said_to_be(turn, h)]
    lost = any(h.kind_id in urgent_kinds for h in _live_problems(turn))
    for hit in names:
        why = _why_replaced(turn, hit, names, settled, corrected, thought) or (
            lost and _held_beside_anothers(turn, hit, names))
        if why:
            _replace_each_mention(turn, hit, names, why)


def _replace_each_mention(turn, hit: Hit, names: list[Hit], why: str) -> None:
    """アマゾンの件なんですけど、いや、アマゾンっていうか、楽天カードに: each time it was said, up to here."""
    for same in names:
        if same.entry.target == hit.entry.target and same.start <= hit.start and not same.retracted:
            same.retracted = True
            turn.note("weigh", f"replaced: {why}", turn.words(same.start, same.end), same.entry.target)


def _why_replaced(turn, hit: Hit, names: list[Hit], settled: list[Hit], corrected: set[tuple[int, int]],
                  thought: set[int]) -> str | None:
    def other_after(candidates: list[Hit], later_clause: bool) -> bool:
        return any(o.start > hit.end and o.entry.target != hit.entry.target and (o.clause > hit.clause or not later_clause)
                   for o in candidates)
    others = names + [h for h in turn.hits if h.entry.kind == "not_covered" and h.live]  # よく見たらヨドバシのサイトでした
    if (in_corrected(hit, corrected) or hit.clause in thought) and other_after(others, True):
        return "corrected (〜じゃなかった, 〜いや、…)"
    if _in_doubt(turn, hit) and other_after(settled, False):
        return "doubted, another settled on (〜だったか…〜でした)"
    return _likened_or_oh(turn, hit, others, settled) or _denied_or_at_hand(turn, hit, names, other_after(others, True)) or (
        "corrected (〜じゃなかった, 〜いや、…)" if _said_instead(turn, hit, names) else None)


def _likened_or_oh(turn, hit: Hit, others: list[Hit], settled: list[Hit]) -> str | None:
    if _likened(turn, hit) and any(o.entry.target != hit.entry.target for o in others):
        return "only likened to (アマゾンみたいに置き配できるのか、日本郵便の…)"
    if any(o.start > hit.end and o.entry.target != hit.entry.target and _oh_between(turn, hit, o) for o in settled):
        return "corrected (アマゾンで買った…あ、ヤフオクでした)"
    if said_just_before(turn.tokens, turn.order, hit.start, _THEN) and any(
            o.start > hit.end and o.entry.target != hit.entry.target
            and said_just_before(turn.tokens, turn.order, o.start, _NOW_INSTEAD) for o in others):
        return "the one used before, another now (前はアメックス使ってたんですけど、今は三井住友の…)"
    return None


_THEN = tuple(lexicon().words("before_now"))
_NOW_INSTEAD = tuple(lexicon().words("now_instead"))


_LIKENED = tuple(lexicon().words("likened_to"))


def _likened(turn, hit: Hit) -> bool:
    """楽天カードと同じくらい, アマゾンみたいに, アメックスとかだと: the name is what something else is compared with."""
    return "".join(turn.tokens[i].surface for i in turn.order[hit.end:hit.end + 4]).startswith(_LIKENED)


def _oh_between(turn, hit: Hit, other: Hit) -> bool:
    """…あ、ヤフオクでした: an "oh" between a name and the one the caller settles on, a few words on."""
    between = [turn.tokens[i] for i in turn.order[hit.end:other.start]]
    return len(between) <= 10 and any(t.surface in OH for t in between)


def _denied_or_at_hand(turn, hit: Hit, names: list[Hit], another_after: bool) -> str | None:
    if any(o.start > hit.end and o.negated and o.entry.target == hit.entry.target for o in turn.hits):
        return "denied after (アマゾンは使ってない、アマゾンの件じゃない)"
    if another_after and _said_at_hand(turn, hit, names):
        return "said to be at hand, another named after (アメックスはある、楽天カードの方がない)"
    return None


def _held_beside_anothers(turn, hit: Hit, names: list[Hit]) -> str | None:
    """dカードを忘れてきちゃった、あ、楽天カードは持ってます; アメックスは持ってるわ、なくなったのは楽天カード: with a
    loss or fraud told, a company's card said to be held (は持ってる) while another company is named, before or
    after, is not the one it befell. (Alone, アメックスは持ってるんですけど… is only owning one.)"""
    others = names + [h for h in turn.hits if h.entry.kind == "not_covered" and h.live]
    if not any(o.entry.target != hit.entry.target for o in others):
        return None
    held = any(o.entry.target == hit.entry.target and turn.lemmas(o.end, o.end + 2) == ["は", "持つ"] and
               not negated_after(turn.tokens, turn.order, o.end + 2) for o in names)
    return "said to be held, another's card lost (楽天カードは持ってます)" if held else None


def _said_at_hand(turn, hit: Hit, names: list[Hit]) -> bool:
    """アメックスはある: this company's card, said here or later, is with the caller."""
    return any(o.start >= hit.start and o.entry.target == hit.entry.target and (
        "".join(turn.lemmas(o.end, o.end + 2)) in _AT_HAND or _safe_in_its_clause(turn, o)) for o in names)


def _safe_in_its_clause(turn, name: Hit) -> bool:
    """アメックスは家に置いてたので無事で: said to be safe later in the name's own clause."""
    said = list(takewhile(lambda i: not turn.tokens[i].punctuation, turn.order[name.end:name.end + 12]))
    lemmas = [turn.tokens[i].lemma for i in said]
    return lemmas[:1] == ["は"] and any(lemma in _HELD_SAFE and not negated_after(turn.tokens, turn.order, name.end + p + 1)
                                       for p, lemma in enumerate(lemmas))


_AT_HAND = frozenset(lexicon().words("at_hand"))
_PAID_IN = tuple(fold(w) for w in lexicon().words("paid_in"))
_HELD_SAFE = frozenset(lexicon().words("held_safe"))


def _in_doubt(turn, hit: Hit) -> bool:
    """楽天市場だったかアマゾンだったか: a name the caller is unsure of."""
    return turn.lemmas(hit.end, hit.end + 3) == ["だ", "た", "か"]


def _said_to_be(turn, hit: Hit) -> bool:
    """…履歴見たら楽天市場でした: the name the caller settles on."""
    return turn.lemmas(hit.end, hit.end + 2) in (["です", "た"], ["だ", "た"]) and not _in_doubt(turn, hit)


def _take_back(turn, hit: Hit, thought: set[int], corrected: set[tuple[int, int]],
               rules: dict[str, tuple[str, ...]], judged: dict[tuple[str, int, int, str], bool]) -> None:
    """What the caller takes back; the names they said still stand."""
    if hit.clause in thought:
        _retract(hit, "thought", "〜と思ったら / 勘違い")
    elif in_corrected(hit, corrected):
        _retract(hit, "corrected", "corrected (〜じゃなかった)")
    kind = hit.kind_id
    for name in rules.get(kind, ()):
        if not hit.retracted and _holds(name, turn, hit, judged):
            _retract(hit, name, name)


# The rules that read whose word a hit is (its provider). Every other rule reads only the words where the hit
# stands, so a word found for each provider (なくした: each card's loss) is judged once a turn, in `judged`.
_OF_THE_PROVIDER = frozenset({"found_again"})


def _holds(name: str, turn, hit: Hit, judged: dict[tuple[str, int, int, str], bool]) -> bool:
    if name in _OF_THE_PROVIDER:
        return RETRACTIONS[name](turn, hit)
    key = (name, hit.start, hit.end, hit.rule)
    if key not in judged:
        judged[key] = RETRACTIONS[name](turn, hit)
    return judged[key]


def _retract(hit: Hit, rule: str, said: str) -> None:
    hit.retracted = True
    hit.retracted_by = rule
    hit.why.append(f"taken back: {said}")
