"""The last stages: the commands a caller gives, and what must be confirmed with the caller before a transfer.

A command word counts only as a word of its own: 人間ドックの支払い asks for no person (人間 is part of a
longer noun), nor does スタッフカード.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .analysis import fold, long_units
from .clauses import SAFE_CARDS, lost_something_else, speaks_of_a_card
from .commands import (BYE_WORDS, MISDIALLED_WORDS, MISTAKEN_WORDS, NO_WORDS, OPERATOR_WORDS, REPEAT_WORDS, RESTART_WORDS,
                       SOMEONE_WORDS, _forms, says_wrong, yes_no)
from .lexicon import lexicon

OFF_TOPIC_CHARS = 8
_STARTS_OVER = tuple(lexicon().words("starts_over"))


@lru_cache(maxsize=16)
def _pattern(words: tuple[str, ...]) -> re.Pattern:
    forms = sorted({fold(w) for w in _forms(words)}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, forms)))


def _said(turn, words: tuple[str, ...]) -> str | None:
    """The first command word said as a word of its own (not the start of a longer noun), or None."""
    text = fold(turn.analysed)
    for match in _pattern(words).finditer(text):
        if not _inside_longer_noun(turn.analysed, match.start(), match.end()):
            return match.group()
    return None


def _inside_longer_noun(text: str, start: int, end: int) -> bool:
    for word, pos, word_start, word_end in long_units(text):
        if word_start < end <= word_end:
            return pos[0] == "名詞" and word_end > end and end - word_start >= 2 and not _kana_tail(text[end:word_end])
    return False


def _kana_tail(rest: str) -> bool:
    """What follows inside the long unit is only kana inflection or a particle-like tail (話し|たい)."""
    return re.fullmatch(r"[ぁ-ゖ]+", rest) is not None


def general_request(turn, vocabulary=None) -> None:
    """After the model: a request with no problem of the provider's in it is for the general line, at once."""
    _a_cards_request(turn)
    _card_turned_up(turn)
    _the_line_asked_over_the_models_guess(turn)
    if turn.command is not None or turn.not_covered or any(pid in turn.problems for pid in turn.providers):
        return
    if vocabulary is not None and _urgency(turn, vocabulary):
        turn.command = "general"  # the general line at once; closed, the urgent problem is offered first
    elif not (turn.possibly_urgent or (turn.problems and not turn.providers)):
        _for_the_general_line(turn, vocabulary)  # (a loss or fraud possible: the problem question rather)
    elif turn.possibly_urgent and not turn.problems and _asks(turn) and _said(turn, lexicon().words("general_request")):
        # The number asked for by name, and only the model hears a loss or fraud: the general line at once (when it
        # is closed, the caller still hears that a loss or fraud is put through at any hour).
        turn.possibly_urgent.clear()
        turn.command = "general"
        turn.note("command", "asks for the number or hours (the model's urgent reading set aside)")


def _the_line_asked_over_the_models_guess(turn) -> None:
    """楽天カードの窓口の番号をメモしたい: the line's number or hours asked for in so many words, and only the model
    reads a problem into it (no word of the rules): the general line at once, not 「不正利用のご相談でよろしいですか」.
    Closed, the caller still hears that a loss or fraud is put through at any hour. (Not 番号 alone: カードの番号を
    聞かれて is fraud's.)"""
    if turn.command is not None or not turn.problems or not set(turn.problems) <= turn.unsure or any(
            h.entry.kind == "problem" and h.live for h in turn.hits):
        return
    word = _said(turn, lexicon().words("the_line_asked")) if _asks(turn) else None
    if word:
        turn.problems, turn.unsure, turn.urgent, turn.possibly_urgent = {}, set(), set(), {}
        turn.command = "general"
        turn.note("command", "asks for the line's number or hours (the model's reading set aside)", word)


def _a_cards_request(turn) -> None:
    """…カードが見つかったので、一時停止の解除をお願いしたい, 海外で使えるように設定したい: a request of a card's,
    no company and no problem said in it: the general line of the company named before (else nothing understood)."""
    if turn.command is None and not (turn.providers or turn.problems or turn.not_covered) and _asks(turn) and \
            _substantive(turn) and (speaks_of_a_card(turn.analysed) or any(h.entry.kind == "abroad" for h in turn.hits)):
        turn.card_request = True
        turn.own_card = any(h.entry.kind == "abroad" for h in turn.hits)  # (おすすめのクレジットカード is nobody's)
        turn.note("command", "a card's request with no company said: the general line of the one named before")


def _something_else_lost(turn, over: list) -> bool:
    """スマホ盗まれました…カードは財布に入ってて無事です, no company named: not a card's request, nothing ours."""
    if turn.providers or not any(lost_something_else(turn.tokens, turn.order, h.start, h.end) for h in over):
        return False
    turn.card_request = turn.own_card = False
    turn.note("confirm", "something else was lost and the card is safe: not this line's")
    return True


_FINDERS = frozenset(lexicon().words("finders"))  # 忘れ物センター: where a card turns up, no business of the call
_TURNED_UP = ("found_again", "thought", "kept_by_a_machine",  # (a machine's card is safe in it, to be sent back)
              "a_case_followed_up", "reported_already", "a_report_withdrawn")  # (不正利用の調査結果の連絡がまだ: a case reported, followed up)


def _card_turned_up(turn) -> None:
    """なくしたと思ってたらコートのポケットに, 見つかったので停止を解除してほしい: the loss is over and nothing else
    is asked; what is left (lifting a stop, checking the card) is the general line's, not the problem question
    again: of the company named, or of the one named before."""
    over = [h for h in turn.hits if h.entry.kind == "problem" and h.retracted_by in _TURNED_UP]
    found_at = any(h.retracted_by == "found_again" for h in over) and set(turn.not_covered) <= _FINDERS
    if not _nothing_else_said(turn, found_at):
        return
    if not (over or any(safe(turn.tokens, turn.order) for safe in SAFE_CARDS)):
        return
    if _something_else_lost(turn, over):
        return
    if turn.providers:
        turn.command = "general"
    else:
        turn.card_request = turn.own_card = True
        if turn.shop_only:  # 交番に届いてた: no parcel of anyone's
            turn.problems, turn.unsure = {}, set()
    turn.note("command", "the card turned up: the general line")


def _nothing_else_said(turn, found_at: bool = False) -> bool:
    """No command, other company, urgency or problem of the company named (a parcel's word, 届けてくれて, is none
    of a card company's); another organisation only where the card was found (駅の忘れ物センターに届いてて)."""
    if turn.command is not None or (turn.not_covered and not found_at) or turn.urgent or turn.possibly_urgent:
        return False
    return not any(pid in turn.problems for pid in turn.providers) if turn.providers else \
        not turn.problems or turn.shop_only  # 交番に届いてた: a parcel's word, with no company, is no one's




def _for_the_general_line(turn, vocabulary=None) -> None:
    if not (turn.providers or turn.problems or _speaks_of_ours(turn)):
        _hours_of_the_one_named_before(turn)  # 新幹線の最終って何時ですか: nothing of ours (told what this line is for)
        return
    if _more_to_come(turn):
        return
    asks = _asks(turn)
    word = ((_said(turn, lexicon().words("general_request")) or _the_number_named(turn)) if asks else None) or _said(
        turn, lexicon().words("general_matter"))
    if word:  # 楽天カードの窓口の番号をメモしたい, アメックスは土曜も電話できる?: the general line and its hours
        turn.command = "general"
        turn.note("command", "asks for the number or hours", word)
    elif turn.providers and _substantive(turn):
        if asks:  # アメックスのメールマガジンを止めたい: no problem of ours
            turn.command = "general"
            turn.note("command", "a request no problem of the provider's covers: the general line")
        elif not turn.problems and vocabulary is not None and _one_line(vocabulary, turn.providers[-1]):
            # アマゾンのポイントが付与されてないんです: whatever the trouble is, this provider's phone line is the same
            # one (a kind it does not handle is said so instead: アマゾンで暗証番号…)
            turn.command = "general"
            turn.note("command", "a trouble told, and the provider has one line for every problem: that line")


def _hours_of_the_one_named_before(turn) -> None:
    """土日もつながります?, 番号を控えたい after 楽天カードの件なんですが: the number or hours of the company named
    before (the dialog uses it only when one was; otherwise the turn is about something else)."""
    if not turn.about_another and (_asks(turn) and _said(turn, lexicon().words("general_request"))
                                   or _said(turn, lexicon().words("general_matter"))):
        turn.hours_request = True
        turn.note("command", "asks for the number or hours: the general line of the one named before")


def _one_line(vocabulary, provider_id: str) -> bool:
    provider = vocabulary.catalogue.provider(provider_id)
    return provider is not None and provider.one_line


def _urgency(turn, vocabulary) -> bool:
    """緊急の連絡先, 至急お願いします: no problem said, but urgency is; the provider's first urgent problem is offered
    (confirmed) if the general line is closed."""
    word = _said(turn, lexicon().words("urgency"))
    if not word or not turn.providers:
        return False
    for provider_id in turn.providers:
        urgent = next((p for p in vocabulary.catalogue.provider(provider_id).problems if p.urgent), None)
        if urgent is not None:
            turn.possibly_urgent.setdefault(provider_id, urgent.id)
            turn.note("confirm", "urgency said", word, f"{provider_id}/{urgent.id}")
    return True


def _more_to_come(turn) -> bool:
    """The matter comes next: 楽天カードもアマゾンも使ってるんですけど、今日はちょっと違う話で; or the turn stops on
    when something happened (アマゾンで買い物したあと; not 何時)."""
    words = _words(turn)
    return bool(_said(turn, lexicon().words("other_matter"))) or (
        len(words) > 1 and words[-1].surface in _WHEN_ENDINGS and words[-2].pos[0] in ("動詞", "助動詞"))


_WHEN_ENDINGS = frozenset(lexicon().words("broken_off_at_a_time"))


def _substantive(turn) -> bool:
    """Two content words or more besides names and fillers."""
    named = {i for h in turn.hits if h.entry.kind in ("provider", "not_covered") for i in range(h.start, h.end)}
    fillers = set(lexicon().words("fillers"))
    content = [turn.tokens[i] for p, i in enumerate(turn.order) if p not in named
               and turn.tokens[i].pos[0] in ("名詞", "動詞", "形容詞") and turn.tokens[i].lemma not in fillers
               and turn.tokens[i].surface not in fillers]
    return len(content) >= 2


def _asks(turn) -> bool:
    """A request or a question (〜たい, 〜ください, 〜か, 教えて, 知りたい, 何時?, 何番でしたっけ, 〜てくれるの), or
    only a provider's number asked for by name (楽天カードの電話番号), not a report of what happened."""
    if any(t.lemma in _ASKING or t.surface in _ASKING or t.surface in _QUESTION_MARKS for t in turn.tokens):
        return True
    words = _words(turn)
    question_ending = len(words) > 1 and words[-1].surface in ("の", "っけ") and words[-2].pos[0] in ("動詞", "助動詞")
    return question_ending or _the_number_named(turn) is not None


def _words(turn) -> list:
    return [t for t in turn.tokens if not t.punctuation and t.pos[0] != "空白"]


def _the_number_named(turn) -> str | None:
    """楽天カードの でんわばんごう, 問い合わせ窓口の番号です: the turn ends on the number itself (a copula after it
    at most), in whatever script it was transcribed."""
    words = _words(turn)
    while len(words) > 1 and words[-1].lemma in _COPULA:
        words = words[:-1]
    return words[-1].surface if words and words[-1].lemma in _THE_NUMBER else None


_COPULA = frozenset({"です", "だ", "ね", "よ", "けど", "けれど", "の", "ん", "が", "でございます", "ござる", "ます"})


_ASKING = tuple(lexicon().words("asking"))
_QUESTION_MARKS = ("?", "？")
_THE_NUMBER = tuple(lexicon().words("the_number"))


def commands(turn) -> None:
    named = bool(turn.problems or turn.providers)
    ours = bool(turn.providers or turn.urgent or turn.possibly_urgent)  # a shop's problem alone may be anyone's
    if not turn.problems and not turn.providers and says_wrong(turn.view):
        turn.command = "wrong"
        turn.note("command", "wrong", "違います")
        return
    # カードの会社に電話したつもり: meant a card company, and reached this line; a wrong number names no card
    of_a_card = speaks_of_a_card(turn.analysed) or "暗証" in turn.analysed  # (暗証番号を押し間違えて: the card's)
    for command, words, allowed in (("misdialled", MISDIALLED_WORDS, not ours and not of_a_card),
                                    ("repeat", REPEAT_WORDS, not named),
                                    ("restart", RESTART_WORDS, not named or _starts_over(turn.view)),
                                    ("mistaken", MISTAKEN_WORDS, not named),
                                    ("operator", OPERATOR_WORDS, True),
                                    ("operator", SOMEONE_WORDS, named),
                                    ("bye", BYE_WORDS, not named and not _asks(turn))):
        word = _command_word(turn, command, words) if allowed else None
        if word:
            turn.command = command
            turn.note("command", command, word)
            return


_HEARING = tuple(lexicon().commands["repeat_then"])


def _command_word(turn, command: str, words: tuple[str, ...]) -> str | None:
    word = _said(turn, words)
    if word and command == "repeat" and not _to_hear_again(turn, word):
        return None  # もう一回届けてほしい: something else done again
    if word and command == "restart" and not _to_start_over(turn, word):
        return None  # 最初から電源入らない: from the start, of something else
    if word and command == "bye" and _a_greeting(turn.view):
        return None  # 失礼します、あの、ですね: the call is opened, not ended
    return word


_GREETING_BYES = tuple(lexicon().commands["greeting_byes"])


def _a_greeting(view: str) -> bool:
    """失礼します said first, and more said after it."""
    opener = next((w for w in _GREETING_BYES if view.startswith(w)), None)
    return opener is not None and bool(view[len(opener):].strip("、。,. !?！？ "))


_OVER = tuple(lexicon().commands["restart_then"])


def _to_start_over(turn, word: str) -> bool:
    """最初から (お願いします) asks to start the call over; 最初から電源が入らない says since when something is so."""
    rest = _said_after(turn, word)
    return not word.endswith("から") or not rest or rest.startswith(_OVER)


def _to_hear_again(turn, word: str) -> bool:
    """もう一回 / もう一度 said to hear the answer again (もう一回言って, もう一度お願いします), not of something else
    done again (もう一回届けてほしい, もう一度カードを作りたい)."""
    rest = _said_after(turn, word)
    return not word.startswith(("もう", "再度")) or not rest or rest.startswith(_HEARING)


def _said_after(turn, word: str) -> str:
    """What the caller says after the command word (folded), pauses and marks passed over."""
    text = fold(turn.analysed)
    return text[text.find(word) + len(word):].lstrip("、。,.!?！？ ")


def _starts_over(view: str) -> bool:
    """「やっぱり最初から。アメックスの明細の件です」: starting over, then saying the new request at once."""
    return any(view.find(w) < 3 for w in _forms(_STARTS_OVER) if w in view)


def _an_answer(view: str) -> bool:
    """はい / いいえ, or a short turn that says no (違います): an answer, not a call about something else
    (タクシー会社じゃないですか、一台お願いしたい asks a question of its own)."""
    answer = yes_no(view)
    if a_story_opening(view):
        return False
    return answer is not None and (len(view) <= 2 * OFF_TOPIC_CHARS or answer is True
                                   or view.startswith(_forms(NO_WORDS)))


def a_story_opening(view: str) -> bool:
    """そうだ、明日の天気が…知りたかったんだ; いやね、暇なもんで…; そうそう、忘れたんです、わからなくなって: a long
    turn opened by remembering or a sigh says what it goes on to say, no yes and no no."""
    return len(view) > 2 * OFF_TOPIC_CHARS and view.startswith(_REMEMBERING + _SIGHS)


_REMEMBERING = tuple(lexicon().words("remembering"))
_SIGHS = tuple(lexicon().words("sighs"))


_EVERYDAY = frozenset(fold(w) for w in lexicon().words("everyday_words"))
_OUR_MATTERS = tuple(fold(w) for w in lexicon().words("our_matters"))


def everyday_words_only(turn, vocabulary) -> None:
    """給湯器にエラーが出て, エレベーターが止まってて, 電気の解約をしたい: with no company named and no card,
    payment or purchase spoken of, problems heard only in everyday words (the lexicon's everyday_words) make no
    call ours; the caller is told what this line is for. An urgent reading from any other word is never set
    aside here (勝手に alone is an everyday word: ポケットの中で勝手にかかっちゃった)."""
    if not turn.problems or turn.providers or turn.not_covered or turn.possibly_urgent or _of_our_matters(turn):
        return
    live = [h for h in turn.live if h.entry.kind == "problem"]
    if all(_everyday(turn, h) for h in live):  # set aside: a caller who named one of ours before still means them
        turn.set_aside.update(turn.problems)
        turn.problems, turn.unsure, turn.urgent, turn.everyday_only = {}, set(), set(), True
        turn.note("confirm", "only everyday words, nothing of ours named", " ".join(turn.words(h.start, h.end) for h in live))


def _of_our_matters(turn) -> bool:
    return any(word in fold(turn.analysed) for word in _OUR_MATTERS)


def _speaks_of_ours(turn) -> bool:
    """A company of ours or another named, something urgent heard, or a card, payment or purchase spoken of."""
    return bool(turn.providers or turn.not_covered or turn.urgent or turn.possibly_urgent) or _of_our_matters(turn)


def _everyday(turn, hit) -> bool:
    content = [turn.tokens[i] for i in turn.order[hit.start:hit.end] if turn.tokens[i].pos[0] not in ("助詞", "助動詞")]
    return bool(content) and all(t.lemma in _EVERYDAY or t.surface in _EVERYDAY for t in content)


def _only_something_else_lost(turn) -> bool:
    """息子の自転車が盗まれまして、防犯登録の番号とかどこに言えば: every loss heard was of something else, nothing
    of ours named and no other matter: the number asked for is someone else's."""
    problems = [h for h in turn.hits if h.entry.kind == "problem"]
    return bool(problems) and turn.command == "general" and not (turn.providers or turn.not_covered or turn.problems) \
        and all(h.retracted_by == "lost_something_else" for h in problems)


def _a_sentence_of_nothing_ours(turn) -> bool:
    content = sum(1 for t in turn.tokens if t.pos[0] in ("名詞", "代名詞", "動詞", "形容詞"))
    return not (turn.providers or turn.not_covered or turn.problems or turn.command or turn.own_card or turn.abroad) \
        and not _an_answer(turn.view) and len(turn.view) >= _least_chars(turn.view) and content >= 2 \
        and not _only_a_contact_asked(turn)


def _only_a_contact_asked(turn) -> bool:
    """連絡先を教えてください, 受付時間は何時まで: a line's number or hours asked for, of no one named yet (the
    company is asked next); not 新幹線の最終って何時ですか, which names what it is about, nor 今、何時ですか."""
    if not turn.hours_request:
        return False
    text = fold(turn.analysed)
    spans = [(m.start(), m.end()) for word in _ASKED_FOR for m in re.finditer(re.escape(word), text)]
    nouns = [t for t in turn.tokens if t.pos[0] in ("名詞", "代名詞") and t.lemma not in _FILLERS]
    return any(word in text for word in _A_LINE) and all(any(start <= t.start and t.end <= end for start, end in spans)
                                                         for t in nouns)


_ASKED_FOR = tuple(fold(w) for w in lexicon().words("general_request"))
_FILLERS = frozenset(lexicon().words("fillers")) | {"何"}
# (えーと、なんていうか; うーん、何を言えばいいのかな: no trouble told)
_HESITATING = _FILLERS | frozenset(lexicon().words("hesitating"))
_A_LINE = tuple(fold(w) for w in lexicon().words("contact_words")) + ("受付", "営業時間")  # (not 今何時ですか)


def _least_chars(view: str) -> int:
    """Shorter turns may be a word misheard; a whole question (今、何時ですか) is a sentence sooner."""
    return OFF_TOPIC_CHARS - 2 if view.endswith(("ですか", "ますか", "?", "？")) else OFF_TOPIC_CHARS  # 結婚してる?


def _off_topic(turn) -> None:
    """Words of a sentence, none of them ours; or a request of an institution's (歯医者さんをやってるか, 区役所から
    届いた通知) that only sounded like ours (hours, a delivery): its problems are set aside, since a caller who
    named one of ours before still means them."""
    if _only_something_else_lost(turn):
        turn.command = None  # (防犯登録の番号とかどこに言えば: no line of ours is asked for)
    if _a_sentence_of_nothing_ours(turn):
        turn.off_topic = True
        turn.trouble_told = not turn.about_another and any(
            t.pos[0] in ("名詞", "動詞", "形容詞") and t.lemma not in _HESITATING for t in turn.tokens)
        turn.note("confirm", "about something this line does not handle")
    elif turn.about_another and not (turn.providers or turn.not_covered or turn.urgent or turn.possibly_urgent):
        turn.set_aside.update(turn.problems)
        turn.off_topic, turn.command, turn.problems, turn.unsure = True, None, {}, set()
        turn.note("confirm", "about something this line does not handle", turn.about_another)


def confirm_policy(turn, vocabulary) -> None:
    """A problem supported only by weak evidence, contested, or by the model alone is confirmed before any
    transfer; an urgent reading heard at all keeps the 24-hour line open to the caller."""
    _off_topic(turn)
    for provider_id in sorted(turn.unsure & set(turn.problems)):
        turn.note("confirm", "ask the caller first", target=f"{provider_id}/{turn.problems[provider_id]}")
    for provider_id, problem_id in sorted(turn.possibly_urgent.items()):
        turn.note("confirm", "urgent reading possible: offered if the line is closed", target=f"{provider_id}/{problem_id}")
