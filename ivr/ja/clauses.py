"""Where a word stands in the caller's sentence: negated in its clause, taken back later, or asked for.

紛失ではない, なくしてはいない, 盗難でも紛失でもない are negations; 見当たらなかったけど出てきた,
〜かと思ったら子どもが使っていた, ポイントの件…じゃなかった take a problem back; 〜したい, 〜について, 〜の件
ask for it.
"""
from __future__ import annotations

from itertools import takewhile

from .analysis import Token, fold
from .text import BREAK_MARKS
from .lexicon import lexicon

# What a lost-card verb can have lost that is not a card (パスワードをなくした, アプリを落とした, メルマガを止めて),
# and who may have used the card with the caller's leave (子どもが使っていた): lexicon.yaml.
NOT_A_CARD = frozenset(fold(word) for word in lexicon().words("not_a_card"))
FAMILY_WORDS = frozenset(lexicon().words("family"))
BUYERS = tuple(lexicon().words("buyers"))
PASSIVE = frozenset(lexicon().words("passive"))  # 聞かれて, 使われた: done to the caller, or by someone else


NEGATORS = {"ない", "無い", "ぬ", "ず", "ん"}


# Words between a match and its negation that do not end its scope (なくして[は][い]ない, 紛失[では]ない).
SCOPE_FUNCTION_LEMMAS = {"て", "で", "は", "も", "じゃ", "だ", "です", "いる", "居る", "ある", "有る", "しまう", "仕舞う",
                         "おる", "居る", "わけ", "訳", "の", "ん", "こと", "事", "と", "いう", "言う", "た", "ます", "や",
                         "する", "為る", "られる", "れる", "せる", "させる", "なる", "成る", "てる", "ちゃう", "とる",
                         "では", "には", "でも", "ちゃ", "か", "かも", "とか", "なんか", "など", "って", "ご", "お",
                         "連絡", "件", "話", "用件", "用事", "電話", "相談", "問い合わせ", "お問い合わせ", "という",
                         "そういう", "そう", "全然", "別に", "特に", "全く", "まったく", "ぜんぜん", "決して", "何も",
                         "もの", "物", "御座る", "ござる", "たり"}  # 自分で買ったものじゃない請求: the purchase is denied (ではございません: polite)


CLAUSE_BOUNDARIES = {"けど", "けれど", "けれども", "が", "から", "ので", "のに", "し", "ば", "たら", "なら", "て"}


REQUEST_LEMMAS = frozenset(lexicon().words("requesting"))


# Asking a provider directly (まずAmazonに確認したい); not 楽天カードに変えたい.
ADDRESS_LEMMAS = frozenset(lexicon().words("asking_a_provider"))


# The card whose statement or use a complaint is about, when a shop is named too.
STATEMENT_NOUNS = frozenset(lexicon().words("statement_nouns"))


MISUSE_LEMMAS = frozenset(lexicon().words("misusing"))


FOUND_LEMMAS = frozenset(lexicon().words("finding"))


USE_LEMMAS = frozenset(lexicon().words("using"))
LOSING_KINDS = frozenset(lexicon().words("losing_kinds"))  # kinds whose words say something was lost


def a_loss(hit) -> bool:
    """A problem word of a losing kind (なくした, 紛失), whatever was lost."""
    return hit.entry.kind == "problem" and hit.kind_id in LOSING_KINDS


def speaks_of_a_card(analysed: str) -> bool:
    """カード is said somewhere in the turn (a card of ours may be meant, whoever issued it)."""
    return "かーど" in fold(analysed)


def is_negation(token: Token) -> bool:
    """ない, ず, ません…, and 無い as an adjective or auxiliary (not 無い in 無くす)."""
    return token.lemma in NEGATORS or (token.lemma == "無い" and token.pos[0] in ("形容詞", "助動詞"))


def negated_after(tokens: tuple[Token, ...], order: list[int], end: int, words: frozenset[int] = frozenset(),
                  stop: frozenset[int] = frozenset()) -> bool:
    """A negation right after a word, before its clause moves on: 紛失ではない, なくしてはいない,
    楽天じゃなくて, 盗まれたわけではない; not 落として使えない (another verb) or 盗難、困ってない. A word in
    `stop` takes the negation for itself (アメックスのカードを止めたいとかじゃなくて: not the company)."""
    for position in range(end, min(len(order), end + 10)):
        token = tokens[order[position]]
        if token.punctuation and _pause_before_a_denial(tokens, order, position):
            continue  # 知らない請求…ってわけじゃないんですけど
        if token.punctuation or position in stop:
            return False
        if position in words:
            continue  # a coordinated word: 盗難でも紛失でもない, 紛失や盗難ではない
        if is_negation(token):
            return not (_obligation(tokens, order, position) or _guess(tokens, order, position))
        if token.pos[0] == "助詞" and token.pos[1] == "接続助詞" and token.lemma not in ("て", "で", "たって", "って"):
            return False
        if token.lemma not in SCOPE_FUNCTION_LEMMAS and token.surface not in SCOPE_FUNCTION_LEMMAS:
            return False
    return False


def _pause_before_a_denial(tokens: tuple[Token, ...], order: list[int], position: int) -> bool:
    """A pause (…) and then 〜ってわけじゃない / 〜というわけではない / 〜とかじゃなくて: what was said before it is
    denied."""
    if tokens[order[position]].surface not in BREAK_MARKS:
        return False
    rest = "".join(tokens[i].surface for i in order[position:position + 8]).lstrip("".join(BREAK_MARKS))
    return rest.startswith(("ってわけじゃ", "ってわけでは", "というわけじゃ", "というわけでは", "って訳じゃ", "っていうわけじゃ", "っていうわけでは",
                            "とかじゃな", "とかではな", "じゃなくて", "ではなくて"))  # 落とした…とかじゃなくて


def never_done(tokens: tuple[Token, ...], order: list[int], end: int) -> bool:
    """〜たことがない after a word, in its clause: 海外で使ったことない, 行ったこともない: never done there, so it is
    not where the caller is, nor what happened."""
    for position in range(end, min(len(order) - 1, end + 8)):
        token = tokens[order[position]]
        if token.punctuation or (token.pos[1] == "接続助詞" and token.lemma not in ("て", "で")):
            return False
        if token.lemma in ("こと", "事") and position > end and tokens[order[position - 1]].lemma == "た":
            rest = [tokens[i] for i in order[position + 1:position + 5]]  # ことが一度もない
            return any(t.lemma in NEGATORS or t.lemma in ("無い", "ない") for t in rest)
    return False


_OBLIGATION = tuple(lexicon().words("obligation"))


def _guess(tokens: tuple[Token, ...], order: list[int], position: int) -> bool:
    """〜てるんじゃないか, 〜じゃないかと思う, 〜ないかな: the caller suspects it, they do not deny it."""
    later = [tokens[i] for i in order[position + 1:position + 4]]
    while later and later[0].lemma in ("です", "の", "ん", "でしょう", "だろう"):
        later = later[1:]  # 楽天カードさんじゃないんですか: a question, not a denial
    return bool(later) and later[0].lemma == "か" and later[0].pos[1] == "終助詞"


def _obligation(tokens: tuple[Token, ...], order: list[int], position: int) -> bool:
    """〜しないといけない, 〜しなければならない: a duty, not a negation (解約しないといけない is a request)."""
    rest = "".join(tokens[i].surface for i in order[position:position + 4])
    if any(marker in rest[:6] for marker in _OBLIGATION):
        return True
    after = [tokens[i] for i in order[position + 1:position + 3]]  # カードを止めないと。: いけない left unsaid
    return bool(after) and after[0].surface == "と" and (len(after) == 1 or after[1].punctuation
                                                        or after[1].surface in ("ね", "な", "よ", "ねえ"))


def clause_numbers(tokens: tuple[Token, ...], order: list[int]) -> list[int]:
    """Clause number of each position: a new clause after 、。 or a conjunctive particle (けど, が, から…)."""
    numbers, current = [], 0
    for position, index in enumerate(order):
        numbers.append(current)
        token = tokens[index]
        if token.punctuation or (token.pos[1] == "接続助詞" and token.lemma in CLAUSE_BOUNDARIES - {"て"}):
            current += 1
    return numbers


_CALLED_THINKING = tuple(lexicon().words("called_thinking"))


def _supposed_as_what(tokens: tuple[Token, ...], order: list[int], position: int) -> bool:
    """アメックスかと思ってかけた: a name and か before と (thinking it was that company), not 電話しようと思って
    (meaning to), nor 使われてるんじゃないかと思って (fearing so)."""
    return position > 2 and tokens[order[position - 2]].surface == "か" and tokens[order[position - 3]].pos[0] == "名詞"


_THOUGHT_ENDINGS = ("たら", "ったら", "ってたら", "っていたら", "たけど", "ったけど", "ったんですけど", "ったんだけど",
                   "ってたけど", "ったが", "ったんですが", "いきや", "たんですけど", "たんですが", "たんだけど", "たんやけど",
                   "てたんですけど", "てたんだけど", "てたんですが", "てたけど", "ていたんですけど", "ていたんですが",
                   "ていたけど", "てたのに", "ていたのに", "ましたけど", "ましたが", "てたら", "ていたら", "てた", "ていた",
                   "込んで", "こんで", "ちゃったんですが", "ちゃったんですけど", "ちゃったけど", "てしまったんですが", "てしまったけど")


_MISTAKEN_BELIEFS = frozenset(lexicon().words("mistaken_beliefs"))
_THOUGHT_OF_A_THING = tuple(lexicon().words("thought_of_a_thing"))


def thought_clauses(tokens: tuple[Token, ...], order: list[int], clauses: list[int]) -> set[int]:
    """Clauses the caller takes back: 〜かと思ったら / 〜と思ったけど / 〜って言いましたけど / 〜は勘違いで."""
    taken_back = set()
    for position, index in enumerate(order):
        token = tokens[index]
        if _thought_then_not(tokens, order, position) and not _confirmed_after(tokens, order, position):
            taken_back |= _thought_clause(tokens, order, clauses, position)
        if token.lemma in _MISTAKEN_BELIEFS or _joking(tokens, order, position):
            taken_back.update(range(0, clauses[position] + 1))
        if _meant_before(tokens, order, position):  # ポイントを聞くつもりだったけど、やっぱり…
            taken_back.add(clauses[position])
    return taken_back


def _confirmed_after(tokens: tuple[Token, ...], order: list[int], position: int) -> bool:
    """なくしたと思ってたんですけど、やっぱりないです: what was thought is found so after all, not taken back."""
    lemmas = [tokens[i].lemma for i in order[position + 1:position + 14]]
    after = next((p for p, lemma in enumerate(lemmas) if lemma in _AFTER_ALL), None)
    return after is not None and bool(set(lemmas[after + 1:after + 5]) & {"無い", "ない"})


_AFTER_ALL = frozenset(lexicon().words("after_all"))
_JOKING = tuple(lexicon().words("joking"))


def _joking(tokens: tuple[Token, ...], order: list[int], position: int) -> bool:
    """カード落としたら人生終わりですよね、なんてね: what came before was a joke (not 冗談じゃない, no joke)."""
    said = "".join(tokens[i].surface for i in order[position:position + 4])
    return said.startswith(_JOKING) and not said.startswith(("冗談じゃ", "冗談では"))


_CLOSER_LOOK = tuple(lexicon().words("on_a_closer_look"))


def _felt_then_not(tokens: tuple[Token, ...], order: list[int], position: int) -> bool:
    """二重に請求されてる気がしたんですけど、よく見たら…: a feeling, then a closer look that found otherwise."""
    if tokens[order[position]].lemma != "為る" or [tokens[i].lemma for i in order[max(0, position - 2):position]] != ["気", "が"]:
        return False
    rest = "".join(tokens[i].surface for i in order[position + 1:])
    return rest.startswith(_THOUGHT_ENDINGS) and any(look in rest[:40] for look in _CLOSER_LOOK)


_THINKING_OR_SAYING = frozenset(lexicon().words("thinking_or_saying"))


def _thought_then_not(tokens: tuple[Token, ...], order: list[int], position: int) -> bool:
    """と思ったら, って言いましたけど, かと思ってかけた: said or thought, and then found otherwise."""
    if _felt_then_not(tokens, order, position):
        return True
    if not (tokens[order[position]].lemma in _THINKING_OR_SAYING and position > 0
            and tokens[order[position - 1]].lemma in ("と", "って")):
        return False
    rest = "".join(tokens[i].surface for i in order[position + 1:position + 7])
    if tokens[order[position]].lemma in ("言う", "いう") and rest.startswith(("てた", "ていた")) and not any(
            rest.startswith(ending) for ending in _THOUGHT_ENDINGS if len(ending) > 3):
        return False  # スキミングがあったって言ってたお店: what someone said, nothing taken back
    return rest.startswith(_THOUGHT_ENDINGS + _THOUGHT_OF_A_THING) or (_supposed_as_what(tokens, order, position)
                                                                      and rest.startswith(_CALLED_THINKING))


def _thought_clause(tokens: tuple[Token, ...], order: list[int], clauses: list[int], position: int) -> set[int]:
    """The clause of the thought, the one before と (止めてほしい…と思ったけど puts a pause between), and the clause
    before it."""
    taken_back = {clauses[position]}
    back = position - 2
    while back > 0 and tokens[order[back]].punctuation:
        back -= 1
    if back >= 0:
        taken_back.add(clauses[back])
    if clauses[position] > 0 and clauses[position - 1] != clauses[position]:
        taken_back.add(clauses[position] - 1)
    return taken_back


def _meant_before(tokens: tuple[Token, ...], order: list[int], position: int) -> bool:
    """〜つもりだったけど: what the caller meant to ask, and no longer does."""
    if tokens[order[position]].lemma != "積もり" and tokens[order[position]].surface != "つもり":
        return False
    rest = "".join(tokens[i].surface for i in order[position + 1:position + 5])
    return rest.startswith(("だったけど", "だったんですけど", "でしたけど", "だったんだけど", "でしたが", "だったが"))


# それより先に, 明細どころじゃない: what was begun gives way to what follows (corrected_clauses).
_GIVING_WAY = tuple(lexicon().words("rather_first")) + tuple(lexicon().words("no_time_for"))


OH = ("あ", "あっ", "あー", "あぁ", "え", "えっ", "おっと")
_SAID_BEFORE_A_CORRECTION = frozenset(lexicon().words("said_before_a_correction"))


def corrected_clauses(tokens: tuple[Token, ...], order: list[int], clauses: list[int]) -> set[tuple[int, int]]:
    """(clause, position) pairs: what comes before `position` in `clause` is corrected right away by the
    caller (〜の件…じゃなかった, アメックスではなく楽天カードの…, 〜いや違う)."""
    corrected = set()
    for position in range(len(order)):
        rest = "".join(tokens[i].surface for i in order[position:position + 4])
        if rest.startswith(("じゃなかった", "ではなかった", "いや違", "いやちが", "じゃなくて", "ではなくて", "ではなく",
                            "じゃなく", "あ違", "あちが", "あ、違", "あ、ちが", "あっ、違", "あっ違", "間違えた", "まちがえた", "いや、やっぱり", "いややっぱり",
                            "いや、やっぱ", "いや、違", "いや、ちが", "じゃないや", "じゃないわ")) and not _an_object_mistaken(tokens, order, position, rest):
            clause = clauses[position]
            corrected.add((clause, position))
            back = position - 1
            while back >= 0 and (tokens[order[back]].punctuation or tokens[order[back]].surface in OH
                                 or tokens[order[back]].surface in _SAID_BEFORE_A_CORRECTION):
                back -= 1  # 「ポイントの件。じゃなかった、」, 「明細…じゃなかった」 (… is several marks), 「請求…あ、いや、違った」, 「住所変更…あ、いや、そうじゃなくて」
            if 0 <= back < position - 1:
                corrected.add((clauses[back], len(order)))
        elif rest.startswith(_GIVING_WAY):  # 住所変更を…あ、いや、それより先に、カードを落とした
            corrected.update((clause, len(order)) for clause in range(clauses[position]))
            corrected.add((clauses[position], position))  # (明細どころじゃない: the 明細 before it too)
    return corrected


def _an_object_mistaken(tokens: tuple[Token, ...], order: list[int], position: int, rest: str) -> bool:
    """住所を間違えた, 番号を間違えた: something the caller got wrong, not their words corrected."""
    return rest.startswith(("間違えた", "まちがえた")) and position > 0 and tokens[order[position - 1]].lemma in ("を", "も")


def in_corrected(hit, corrected: set[tuple[int, int]]) -> bool:
    """Said in a clause the caller corrects, before the correction (see clauses.corrected_clauses)."""
    return any(clause == hit.clause and hit.end <= position for clause, position in corrected)


# After a problem word, what makes it a case to prepare for rather than one that happened:
# 盗まれたときのために, なくした場合に備えて, 万が一…
_HYPOTHETICAL = tuple(lexicon().words("hypothetical_after"))  # 不正利用対策, 不正防止: how cards are protected
_IN_CASE = tuple(lexicon().words("in_case"))  # not a precaution
_HYPOTHETICAL_BEFORE = tuple(lexicon().words("hypothetical_before"))
_HYPOTHETICAL_BEFORE_JOINED = tuple(lexicon().words("hypothetical_before_joined"))


STOPPING = frozenset(fold(w) for w in lexicon().words("stopping"))  # (folded: ロック is read ろっく)
_ALREADY = frozenset(lexicon().words("already"))


def already_done(tokens: tuple[Token, ...], order: list[int], start: int, end: int) -> bool:
    """もう止めてもらった, 既に利用停止しました: the card is stopped already; the call is about what comes next
    (not もう落としちゃった, which is the loss itself, nor もう止めたい)."""
    said = [tokens[i].lemma for i in order[max(0, start - 3):end]]
    after = [tokens[i].lemma for i in order[end:end + 4]]
    if any(lemma in STOPPING for lemma in said) and any(lemma in _ALREADY for lemma in said) \
            and ("た" in after or "てる" in after) and "たい" not in after:  # (もう止まってて: stopped, as it stands)
        return True
    return _stopped_already_after(tokens, order, start, end) or _stopped_since(tokens, order, end)


def says_a_stop(tokens: tuple[Token, ...], order: list[int], start: int, end: int) -> bool:
    """The words name stopping the card (止める, 利用停止, ロック)."""
    return any(tokens[i].lemma in STOPPING for i in order[start:end])


def _stopped_already_after(tokens: tuple[Token, ...], order: list[int], start: int, end: int) -> bool:
    """利用停止はもうしてもらった: the stop named, then said done already."""
    if not says_a_stop(tokens, order, start, end):
        return False
    later = [tokens[i].lemma for i in order[end:end + 3]]
    at = next((end + 1 + p for p, w in enumerate(later) if w in _ALREADY), None)
    return at is not None and _done([tokens[i].lemma for i in order[at:at + 6]],
                                    [tokens[i].surface for i in order[at:at + 6]])


def _stopped_since(tokens: tuple[Token, ...], order: list[int], end: int) -> bool:
    """先週なくした分はもう止めてもらって、新しいカードも届いた: the loss told, then the card stopped already."""
    later = [tokens[i].lemma for i in order[end:end + 12]]
    for p, lemma in enumerate(later):  # (盗まれて、もうカード会社には止めてもらった: the company named between)
        if lemma in STOPPING and any(word in _ALREADY for word in later[max(0, p - 6):p]) \
                and not _another_card_named(tokens, order[end:end + p]):
            said = [tokens[i].surface for i in order[end + p + 1:end + p + 5]]
            return _done(later[p + 1:p + 5], said)
    return False


def _another_card_named(tokens: tuple[Token, ...], positions: list[int]) -> bool:
    """楽天はもう止めてもらったので, JCBのほうはもう止めた: the stop said done is of a card named on its own."""
    for i, j in zip(positions, positions[1:]):
        token = tokens[i]
        if token.proper or (token.surface.isascii() and token.surface.isalpha()) or token.lemma in _THAT_ONE:
            return True
        if token.pos[0] == "名詞" and tokens[j].surface == "は" and fold(token.lemma) not in _ANY_CARD:
            return True  # 楽天は: a name the analyser calls a common noun
    return False


_THAT_ONE = frozenset(lexicon().words("that_one"))
_ANY_CARD = frozenset(fold(w) for w in lexicon().words("any_card"))


def _done(rest: list[str], said: list[str]) -> bool:
    """The lemmas `rest` (and their surfaces `said`) tell it as done (止めてもらって, してもらった), not still to do
    (止めたほうがいい, 止めたら, 止めてほしい)."""
    return any(word in ("て", "た") for word in rest) and not any(
        word in ("たい", "欲しい", "ほしい", "方", "ほう", "たら", "ば", "べき") for word in rest + said)


_RESOLVED = frozenset(lexicon().words("resolved"))
_RESOLVED_WHEN_DONE = frozenset(lexicon().words("resolved_when_done"))
_DONE_ENDINGS = frozenset(lexicon().words("done_endings"))


def resolved(tokens: tuple[Token, ...], order: list[int], end: int) -> bool:
    """不正利用の件はもう解決して、返金もされました: the matter is settled; the call is about what comes next (not
    まだ解決していない, 解決してほしい, 解決できますか)."""
    for position in range(end, min(len(order), end + 30)):
        token = tokens[order[position]]
        if token.surface == "。" or token.lemma == "まだ":
            return False
        if token.lemma in _RESOLVED or token.surface in _RESOLVED:
            after = [tokens[i] for i in order[position + 1:position + 5]]
            if token.surface.endswith("済み") or (after and after[0].surface.startswith("済")):
                return True  # 解決済みです
            return _done_and_over(after)
        if token.lemma in _RESOLVED_WHEN_DONE and position + 1 < len(order) and (
                tokens[order[position + 1]].surface.startswith("済")):
            return True  # もう連絡済みで
    return False


def _done_and_over(after: list[Token]) -> bool:
    """解決しました, 済ませました: done, neither denied, wished for or possible only, nor followed by のに (済ませてるのに:
    yet the trouble is still there)."""
    lemmas = {t.lemma for t in after}
    return bool(lemmas & _DONE_ENDINGS) and not lemmas & (NEGATORS | _NOT_DONE) and "のに" not in "".join(
        t.surface for t in after)


_NOT_DONE = frozenset({"無い", "たい", "欲しい", "ほしい", "出来る", "できる", "下さる", "くださる", "筈", "はず"})
_BACK_REFERENCES = frozenset(lexicon().words("back_references"))
_SETTLED_LEMMAS = frozenset(lexicon().words("settled_lemmas"))
_STILL_ASKED = frozenset(lexicon().words("still_asked"))


def settled_since(tokens: tuple[Token, ...], order: list[int], end: int) -> bool:
    """…の件で電話して、調査してもらうことになってます、それはもう大丈夫です: the matter told is said, later in the
    sentence, to be taken care of (not それは大丈夫ですか, still asked; not それは大丈夫じゃない)."""
    for position in range(end, len(order) - 2):
        if tokens[order[position]].surface == "。":
            return False
        if tokens[order[position]].lemma in _BACK_REFERENCES and tokens[order[position + 1]].lemma == "は":
            rest = [tokens[i] for i in order[position + 2:position + 8]]
            if rest and rest[0].lemma in _ALREADY:
                rest = rest[1:]
            if rest and rest[0].lemma in _SETTLED_LEMMAS:
                after = {t.lemma for t in rest[1:5]} | {t.surface for t in rest[1:5]}
                return not after & (NEGATORS | _STILL_ASKED)
    return False


_UNDOING = frozenset(lexicon().words("undoing"))
_UNDOING_AFTER_A_STOP = tuple(lexicon().words("undoing_after_a_stop"))


def a_stop_to_lift(tokens: tuple[Token, ...], order: list[int]) -> bool:
    """利用停止の解除, 一時停止にしてたの、もう戻してもらえますか, 止めてもらったカード、使えるようにしてほしい: a stop
    put on before, to be lifted now: the card is the caller's and safe."""
    lemmas = [tokens[i].lemma for i in order]
    if any(lemma in _UNDOING and tokens[i].pos[0] == "名詞" for lemma, i in zip(lemmas, order)):
        return True
    stop = next((p for p, lemma in enumerate(lemmas) if lemma in STOPPING), None)
    said = "".join(tokens[i].surface for i in order[stop + 1:]) if stop is not None else ""
    return stop is not None and _done_before(lemmas, stop) and any(word in said for word in _UNDOING_AFTER_A_STOP)


def stopped_by_them(tokens: tuple[Token, ...], order: list[int]) -> bool:
    """向こうから止められたみたい, 利用制限がかかってるって言われた: the company stopped or limited the card; the
    caller asks why, nothing is lost (not 止められない, could not stop it)."""
    lemmas = [tokens[i].lemma for i in order]
    for p, lemma in enumerate(lemmas):
        after = lemmas[p + 1:p + 4]
        if lemma in STOPPING and after[:1] in (["られる"], ["れる"]) and (after[1:2] in (["た"], ["てる"], ["て"])):
            return True
        if lemma in _LIMITS and any(word in ("掛かる", "かかる") for word in after):
            return True
    return False


def a_notice_of_a_stop(tokens: tuple[Token, ...], order: list[int], start: int, end: int) -> bool:
    """利用停止のお知らせって手紙が来て, 停止しましたって通知: the company's notice that it stopped the card (the
    caller asks why), no stop to ask for."""
    if not says_a_stop(tokens, order, start, end):
        return False
    following = order[end:end + 5]
    quoted = [p for p, i in enumerate(following) if tokens[i].lemma in ("の", "って", "という", "と", "との")]
    return bool(quoted) and any(_a_notice(tokens[i]) for i in following[quoted[0] + 1:quoted[0] + 3])


_LETTERS = frozenset(lexicon().words("letters"))


def said_after(tokens: tuple[Token, ...], order: list[int], end: int, count: int) -> str:
    """The `count` words from position `end` on, as said (folded)."""
    return fold("".join(tokens[i].surface for i in order[end:end + count]))


def asked_if_stopped(tokens: tuple[Token, ...], order: list[int], start: int, end: int) -> bool:
    """利用停止になってないか確認したい, 止まってるかどうか: whether the card is stopped, asked (a card found again,
    a payment late), no stop asked for."""
    if not says_a_stop(tokens, order, start, end):
        return False
    return said_after(tokens, order, end, 6).startswith(_WHETHER_STOPPED)


_WHETHER_STOPPED = tuple(fold(w) for w in lexicon().words("whether_stopped"))


def _a_notice(token: Token) -> bool:
    return token.lemma in _MESSAGE_NOUNS or token.surface in _MESSAGE_NOUNS or token.lemma in _LETTERS


_LIMITS = frozenset(lexicon().words("limits_put_on"))


def _done_before(lemmas: list[str], stop: int) -> bool:
    """The stop was put on (止めてもらった, 停止にしてた), not asked for now."""
    return "た" in lemmas[stop + 1:stop + 5] or "てる" in lemmas[stop + 1:stop + 5]


def a_case_followed_up(tokens: tuple[Token, ...], order: list[int], end: int) -> bool:
    """不正利用の件、調査が終わったって手紙が来て; 盗まれた件で警察の受理番号を伝えてくださいって言われてて: a case
    reported before and being dealt with, asked about now; nothing new befell the card."""
    following = [tokens[i] for i in order[end:end + 10]]
    case = next((p for p, t in enumerate(following) if t.lemma == "件"), None)
    if case is None or any(t.surface == "。" for t in following[:case]):
        return False
    return any(word in fold("".join(tokens[i].surface for i in order)) for word in _FOLLOW_UPS)


_FOLLOW_UPS = tuple(fold(w) for w in lexicon().words("follow_ups"))
_REISSUED = tuple(lexicon().words("reissued"))
_WISHED_FOR = frozenset(lexicon().words("wished_for"))
_THEN_PARTICLES = ("で", "て")  # 紛失で再発行, なくして再発行


def reissued_since(tokens: tuple[Token, ...], order: list[int], end: int) -> bool:
    """紛失で再発行してもらったカードがまだ届かない, 盗難で再発行したので番号が変わった: the card lost was replaced
    since; the call is about the new one (not 紛失で再発行してほしい, a loss told and a wish)."""
    end = _past_auxiliaries(tokens, order, end)  # 盗ま(れ)(た)ので
    if tokens[order[end - 1]].surface == "て":
        end -= 1  # なくして再発行してもらった: the word took its て in
    following = [tokens[i].lemma for i in order[end:end + 8]]
    if not following or tokens[order[end]].surface not in _THEN_PARTICLES or not any(
            word in "".join(following[1:4]) for word in _REISSUED):
        return False  # (再|発行, as the analyser splits it)
    done = following[2:8]
    return "た" in done and not _WISHED_FOR & set(done)


def undone(tokens: tuple[Token, ...], order: list[int], end: int) -> bool:
    """利用停止を解除してほしい, 一時停止の解除: the stop is to be lifted, the card is back with the caller."""
    return any(tokens[i].lemma in _UNDOING or tokens[i].surface in _UNDOING for i in order[end:end + 3])


def hypothetical(tokens: tuple[Token, ...], order: list[int], start: int, end: int) -> bool:
    """The problem is imagined, not reported: 盗まれたときのために暗証番号を変えたい, もしなくしたら…"""
    end, after = _what_follows(tokens, order, end)
    if any(feeling in "".join(tokens[i].surface for i in order[end:end + 8]) for feeling in _FEELING_LIKE):
        return True  # 泥棒にあったみたいな気分
    if _for_a_trip_to_come(tokens, order, start, end) or (after.startswith(("たら", "だら")) and _asked_in_advance(tokens, order, end)):
        return True  # 旅行中になくしたらどこに電話すれば…先に聞いておきたくて: a case supposed, asked before it may happen
    if after.startswith(_HYPOTHETICAL) and not after.startswith("ようにな"):  # 分からないようになった: it became so
        return not (after.startswith(_IN_CASE) and _asks_where_for_it(tokens, order, end)) or \
            supposed(tokens, order, start)  # もし…なくしたらどうなるの: supposed, whatever is asked of it
    return supposed(tokens, order, start) or _nearly(tokens, order, end) or _in_a_story(tokens, order, start, end) \
        or _to_prevent(tokens, order, end)


_CONDITIONAL = tuple(lexicon().words("conditional"))
_TIMES_TO_COME = tuple(lexicon().words("times_to_come"))


def _past_auxiliaries(tokens: tuple[Token, ...], order: list[int], end: int) -> int:
    """The position past the auxiliaries after a word (盗ま|れ|た, なくし|た|ので)."""
    while end < len(order) and tokens[order[end]].pos[0] == "助動詞":
        end += 1
    return end


def _what_follows(tokens: tuple[Token, ...], order: list[int], end: int) -> tuple[int, str]:
    """The position past the word's auxiliaries (盗ま(れ)(た)ときのため) and the next words spelled out, with the
    word's own た when it is a conditional たら (なくしたら: what follows is asked of that case)."""
    end = _past_auxiliaries(tokens, order, end)
    conditional = tokens[order[end - 1]].surface if tokens[order[end - 1]].surface in ("たら", "だら") else ""
    return end, conditional + "".join(tokens[i].surface for i in order[end:end + 5])


def _for_a_trip_to_come(tokens: tuple[Token, ...], order: list[int], start: int, end: int) -> bool:
    """来月海外行くんですけど、向こうでスキミングとかされたら補償って: a time to come before, a condition after, and
    what to do then asked (not 来週ハワイなのに、財布を落としたら中に…入ってて, a story told on)."""
    return _a_condition_follows(tokens, order, end) and _a_time_to_come_before(tokens, order, start) and \
        _asked_of_the_case(tokens, order, end)


def _a_condition_follows(tokens: tuple[Token, ...], order: list[int], end: int) -> bool:
    """なくしたら, スキミングとかされたら, 盗まれた時: a condition within the next few words of the clause."""
    return any(t.surface in _CONDITIONAL or t.lemma in _CONDITIONAL
               for t in _within_clause(tokens[i] for i in order[end - 1:end + 6]))


_ASKED_OF_A_CASE = tuple(lexicon().words("asked_of_a_case"))


def _asked_of_the_case(tokens: tuple[Token, ...], order: list[int], end: int) -> bool:
    """What to do then, or what is covered, asked after the case (どうしたら, 誰に連絡, 補償って): not a story told on."""
    return any(word in "".join(tokens[i].surface for i in order[end:end + 16]) for word in _ASKED_OF_A_CASE)


def _a_time_to_come_before(tokens: tuple[Token, ...], order: list[int], start: int) -> bool:
    """来月海外行くんですけど、…なくしたら: a trip or a move still to come, told before the case supposed."""
    return any(word in "".join(tokens[i].surface for i in order[:start]) for word in _TIMES_TO_COME)


def _to_prevent(tokens: tuple[Token, ...], order: list[int], end: int) -> bool:
    """勝手に上げられないように下げたい, 勝手に使われないようにしたい: what the caller wants to prevent (not
    使えないようになった, which happened, nor 落としてしまったので使えないようにしたい, a loss and what to do)."""
    words = list(_within_clause(tokens[i] for i in order[end - 1:end + 7]))
    clause = "".join(t.surface for t in words)
    at = clause.find("ないように")
    if at < 0 or clause.startswith("な", at + len("ないように")):
        return False
    before, length = [], 0
    for word in words:
        if length >= at:
            break
        before.append(word)
        length += len(word.surface)
    # (落としてしまったので|使えないように: the loss, done, then the wish; not a loss to prevent)
    return not any(w.pos[1] == "接続助詞" or w.lemma == "た" for w in before)


def a_holders_death(tokens: tuple[Token, ...], order: list[int]) -> bool:
    """亡くなった兄のカード, 故人の楽天カード, 相続の手続き: the holder died; what is left is the general line's
    (cancelling, inheriting), not a loss."""
    said = "".join(tokens[i].surface for i in order)
    return any(word in said for word in _DEATH)


_DEATH = tuple(lexicon().words("a_death"))


def supposed(tokens: tuple[Token, ...], order: list[int], start: int) -> bool:
    """The word is in a supposition: もし(も) just before it, or 万が一, 仮に opening its clause."""
    return _if_before(tokens, order[max(0, start - 4):start]) or _if_earlier_in_clause(tokens, order, start)


def _if_earlier_in_clause(tokens: tuple[Token, ...], order: list[int], start: int) -> bool:
    """仮にアメックスのカードを海外でなくしたら, もし向こうで楽天カードなくしたら: 万が一, 仮に, もし open the clause
    the word is in, however far before."""
    before: list[int] = []
    window = order[max(0, start - 12):start]
    for p in range(len(window) - 1, -1, -1):
        token = tokens[window[p]]
        if token.punctuation or (token.pos[1] == "接続助詞" and token.lemma in CLAUSE_BOUNDARIES - {"て"}):
            opening = "".join(tokens[i].surface for i in window[max(0, p - 3):p])  # 万が一、海外で…
            if token.surface == "、" and opening.endswith(_HYPOTHETICAL_BEFORE_JOINED):  # not もしもし、
                return True
            break
        before.insert(0, window[p])
    return any(word in "".join(tokens[i].surface for i in before) for word in _HYPOTHETICAL_BEFORE_JOINED) or \
        _if_before(tokens, before)


_WITH_KAKERU = frozenset(lexicon().words("with_kakeru"))  # 出かける, 見かける: no "nearly"


def _nearly(tokens: tuple[Token, ...], order: list[int], end: int) -> bool:
    """詐欺に遭いかけた, 盗まれかけた, なくしかけた, なくしそう: it nearly happened, or may, so it did not."""
    window = [tokens[i] for i in order[end:end + 4]]
    if window and window[0].surface == "そう" and window[0].pos[1] == "助動詞語幹" and tokens[order[end - 1]].pos[0] == "動詞":
        return True  # なくしそうで心配: it looks as if it may (not なくしたそうで, hearsay of what did)
    for p, token in enumerate(window):
        if token.lemma in ("掛ける", "かける") and token.pos[:2] == ("動詞", "非自立可能"):
            before = window[p - 1] if p else tokens[order[end - 1]]
            return before.pos[0] in ("動詞", "助動詞") and before.lemma not in _WITH_KAKERU  # 遭い|かけ, not 電話を|かけ
        if not (token.pos[0] in ("動詞", "助動詞") or (p == 0 and token.lemma in ("に", "を", "が"))):
            return False
    return False


_FEELING_LIKE = tuple(fold(w) for w in lexicon().words("feeling_like"))
_MEDIA = frozenset(lexicon().words("media"))
_MEDIA_PLACES = frozenset(lexicon().words("media_places"))
_SCENES = frozenset(lexicon().words("scenes"))  # 盗むシーン, 詐欺の特集


def _within_clause(tokens) -> list[Token]:
    return list(takewhile(lambda token: not token.punctuation, tokens))


_LIKE_MINE = tuple(lexicon().words("like_mine"))


def _a_medium(tokens: list[Token]) -> bool:
    """A programme's or a film's word among the tokens, not a place named after one (映画館で落とした)."""
    return any((t.surface in _MEDIA or t.lemma in _MEDIA) and not (p + 1 < len(tokens) and tokens[p + 1].lemma in _MEDIA_PLACES)
               for p, t in enumerate(tokens))


def _in_a_story(tokens: tuple[Token, ...], order: list[int], start: int, end: int) -> bool:
    """Seen in a programme, not lived (ドラマで泥棒がカード盗むシーン見て; テレビでフィッシング詐欺の特集を見て);
    not what happened to the caller the way a programme showed it (ニュースで見たような詐欺に…)."""
    before = _within_clause(reversed([tokens[i] for i in order[max(0, start - 8):start]]))
    after = _within_clause(tokens[i] for i in order[end:end + 3])
    media_before = _a_medium(before[::-1])
    media_after = any(t.surface in _SCENES or t.lemma in _SCENES for t in after)
    like_mine = any(t.surface in _LIKE_MINE or t.lemma in _LIKE_MINE for t in before + after)
    befallen = "".join(t.surface for t in _within_clause(tokens[i] for i in order[end:end + 7])).startswith(_BEFALLEN)
    return (media_before or media_after) and not (like_mine or befallen or _used_there(tokens, order, end))


_THERE = frozenset(lexicon().words("spots"))


def _used_there(tokens: tuple[Token, ...], order: list[int], end: int) -> bool:
    """ニュースでスキミングの店って出てたところで楽天カード使ってた: the caller used the card at the place the story
    was about; it may have befallen them too."""
    following = [tokens[i] for i in order[end:end + 14]]
    lemmas = [t.lemma for t in following]
    for p, lemma in enumerate(lemmas[:-1]):
        if fold(lemma) in _THERE and following[p + 1].surface == "で":
            return any(word in ("使う", "利用") for word in lemmas[p + 2:p + 8])
    return False


_BEFALLEN = tuple(lexicon().words("befallen"))  # ニュースで見たスキミングってやつにやられた: seen, and then lived


def _if_before(tokens: tuple[Token, ...], window: list[int]) -> bool:
    """もし, もしも said just before the word. Word by word: もしもし (a phone's hello) is no もし, nor もしかしたら
    (perhaps: it may have happened)."""
    before = [tokens[i] for i in window]
    perhaps = {p for p, i in enumerate(window) if tokens[i].surface in _HYPOTHETICAL_BEFORE
               and p + 1 < len(window) and tokens[window[p + 1]].surface == "か"}
    return any(t.surface in _HYPOTHETICAL_BEFORE and p not in perhaps for p, t in enumerate(before)) or any(
        word in "".join(t.surface for t in before) for word in _HYPOTHETICAL_BEFORE_JOINED)


_WHERE_TO_CALL = tuple(lexicon().words("where_to_call"))
_IN_ADVANCE = tuple(lexicon().words("in_advance"))


def _asked_in_advance(tokens: tuple[Token, ...], order: list[int], end: int) -> bool:
    """前もって, 聞いておきたい, 念のため anywhere after the word: asked before the case may happen."""
    later = "".join(tokens[i].surface for i in order[end:])
    return any(word in later for word in _IN_ADVANCE)


def _asks_where_for_it(tokens: tuple[Token, ...], order: list[int], end: int) -> bool:
    """カードが見当たらない時ってどこにかければ, なくした場合の番号: the caller asks for that case's line, which
    is the line for the problem (not 盗まれたときのために…, a precaution)."""
    rest = "".join(tokens[i].surface for i in order[end:end + 12])
    return "ため" not in rest[:6] and any(word in rest for word in _WHERE_TO_CALL) and not any(
        word in rest for word in _IN_ADVANCE)


# What a caller finds again: a card, or what holds it. 連絡がありました or 記憶がなくて finds nothing.
_FOUND_THINGS = tuple(lexicon().words("found_things"))
_WHERE_IT_HAPPENED = tuple(lexicon().words("where_it_happened"))


_LOSING = frozenset(lexicon().words("losing"))
_WISHES = frozenset(lexicon().words("wishes"))


def wanted_gone(tokens: tuple[Token, ...], order: list[int], end: int) -> bool:
    """リボ払いをなくしたい, 年会費をなくしてほしい: a verb of losing, wished for, does away with something; どれを
    落とせばいい (which to download) asks how to do it."""
    if "".join(tokens[i].surface for i in order[end:end + 3]).startswith(("ばいい", "ば良い", "ばよい", "ばええ")):
        return True
    last = end - 1 if end > 1 and tokens[order[end - 1]].lemma == "て" else end  # the hit may take its て in
    following = [tokens[i].lemma for i in order[last:last + 2]]
    following = following[1:] if following[:1] == ["て"] else following[:1]
    return tokens[order[last - 1]].lemma in _LOSING and bool(following) and following[0] in _WISHES


def debited(tokens: tuple[Token, ...], order: list[int], end: int) -> bool:
    """年会費が落とされるのはいつ, 口座から二回落とされた: 落とす said in the passive is money taken from an account,
    not a card dropped (a card is dropped, not "dropped on" the caller)."""
    last = end - 1
    following = [tokens[i].lemma for i in order[end:end + 1]]
    if tokens[order[last]].lemma in _DROPPING and following[:1] in (["れる"], ["られる"]):
        return True
    return _a_fee_taken(tokens, order, end)


def _a_fee_taken(tokens: tuple[Token, ...], order: list[int], end: int) -> bool:
    """年会費って、今年から何か取られるようになった: a fee taken is a charge, not a theft."""
    verb = next((p for p in range(max(0, end - 3), min(len(order), end + 1)) if tokens[order[p]].lemma in _TAKING), None)
    if verb is None or [tokens[i].lemma for i in order[verb + 1:verb + 2]] not in (["れる"], ["られる"]):
        return False
    before = fold("".join(tokens[i].surface for i in order[max(0, verb - 8):verb]))
    last_fee = max((before.rfind(fee) + len(fee) for fee in _FEES if fee in before), default=-1)
    return last_fee >= 0 and not any(thing in before[last_fee:] for thing in _FOUND_THINGS)  # (会費…財布を取られた)


_DROPPING = frozenset(lexicon().words("dropping"))
_TAKING = frozenset({"取る", "とる"})
_FEES = tuple(fold(w) for w in lexicon().words("fees"))


def a_setting_changed(tokens: tuple[Token, ...], order: list[int], start: int, end: int) -> bool:
    """リボ、勝手に設定されてた / リボ勝手になってん: a way of paying the caller did not choose is a question for the
    statement desk (often a campaign or a default), not someone else using the card."""
    words = "".join(tokens[i].surface for i in order[start:end])
    return words.startswith(_UNASKED) and any(tokens[i].lemma in _WAYS_OF_PAYING or tokens[i].surface in _WAYS_OF_PAYING
                                     for i in order[max(0, start - 4):start])


_UNASKED = ("勝手に", "かってに")
_WAYS_OF_PAYING = frozenset(fold(w) for w in lexicon().words("ways_of_paying"))


_MESSAGE_NOUNS = frozenset(lexicon().words("message_nouns"))
_REPORTING = frozenset(lexicon().words("reporting"))
_MESSAGES_OR_CALLS = _MESSAGE_NOUNS | frozenset(lexicon().words("calls_received"))


def _names_a_message(tokens: tuple[Token, ...], order: list[int], start: int, end: int) -> bool:
    """The words, or the word right after them, name a message or a call (怪しいメール, 偽物っぽい|SMS, 詐欺の電話)."""
    return any(_a_message_word(tokens[i]) for i in order[start:end + 2])


def _a_message_word(token: Token) -> bool:
    return token.lemma in _MESSAGES_OR_CALLS or token.surface in _MESSAGES_OR_CALLS


def asked_if_a_scam(tokens: tuple[Token, ...], order: list[int], start: int, end: int) -> bool:
    """当選しましたってメールが来たんですけど、これ詐欺ですか; 1を押せって電話…押してません、詐欺ですよね: the caller asks
    whether a message or call, named before and left alone, is a scam; nothing befell them."""
    if tokens[order[start]].lemma not in _SCAMS or done_with_a_message(tokens, order) or _asks_if_real(tokens, order):
        return False  # (これ詐欺ですよね、確かめたくて: the official line says whether it is real)
    if any(tokens[i].lemma in _FAMILY_PLAYED for i in order):
        return False  # 息子を名乗る電話…これ詐欺ですよね: a family member played, none of ours
    asked = "".join(tokens[i].surface for i in order[end:end + 3]).startswith(_ASKED_IF_A_SCAM)
    return asked and any(_a_message_word(tokens[i]) for i in order[:start])


_SCAMS = frozenset(lexicon().words("scams"))
_ASKED_IF_A_SCAM = tuple(lexicon().words("asked_if_a_scam"))
_FAMILY_PLAYED = frozenset(lexicon().words("family_played"))


def only_reported(tokens: tuple[Token, ...], order: list[int], start: int, end: int) -> bool:
    """怪しいメールを報告したい, 偽物っぽいSMSを通報: a word naming a message (or said of one), which the caller
    only reports; nothing was done with it (what was, 入力してしまった, is read by its own rule)."""
    later = list(takewhile(lambda i: tokens[i].pos[1] != "句点", order[end:end + 14]))  # in the same sentence
    joined = [tokens[i].surface + tokens[j].surface for i, j in zip(later, later[1:])]  # 知ら|せれ, as split
    return _names_a_message(tokens, order, start, end) and (
        any(tokens[i].lemma in _REPORTING for i in later) or any(w.startswith(_REPORTING_SPLIT) for w in joined))


_REPORTING_SPLIT = tuple(lexicon().words("reporting_as_split"))


def tried_already(tokens: tuple[Token, ...], order: list[int], end: int) -> bool:
    """チャットで相談したんですけど, 問い合わせたら…って言われて: a way tried already, not the one asked for
    (チャットで相談したい is)."""
    for i in order[end:end + 4]:
        if tokens[i].lemma in _WISHES:
            return False
        if tokens[i].lemma == "た":
            return True
    return False


def left_alone(tokens: tuple[Token, ...], order: list[int], start: int, end: int) -> bool:
    """変なメールが来たんです…リンクは押してないです, 怪しいSMSが来たけど無視した: a message the caller says they did
    nothing with (and nothing they did with it told besides: 押してないけど、パスワードは入れちゃった), and does not ask
    whether it is real."""
    return _names_a_message(tokens, order, start, end) and not _asks_if_real(tokens, order) \
        and _nothing_done_with_it(tokens, order, end)


def only_received(tokens: tuple[Token, ...], order: list[int], start: int, end: int) -> bool:
    """偽メール来た, 怪しいメールが届いたんですけど: a message named as only arrived, and nothing the caller did
    with it told, done or not (押してない is left_alone's): a message received, no account taken."""
    arrived = any(tokens[i].lemma in _ARRIVING for i in order[end:end + 4])
    return _names_a_message(tokens, order, start, end) and arrived and not _asks_if_real(tokens, order) \
        and not any(tokens[i].lemma in _ACTING for i in order)


def _asks_if_real(tokens: tuple[Token, ...], order: list[int]) -> bool:
    """これ本物ですか, 真偽を確認したい: the caller asks whether a message is real (the seed: 「公式窓口で真偽を確認」)."""
    return any(tokens[i].lemma in _IF_REAL or tokens[i].surface in _IF_REAL for i in order)


def done_with_a_message(tokens: tuple[Token, ...], order: list[int]) -> bool:
    """Anywhere in the turn, something done with a message, not denied (パスワードは入れちゃいました)."""
    return any(tokens[i].lemma in _ACTING and not negated_after(tokens, order, p + 1) and not only_opened(tokens, order, p)
               for p, i in enumerate(order))


def only_opened(tokens: tuple[Token, ...], order: list[int], at: int) -> bool:
    """開いただけで何も入れてない: a message only opened, nothing given to it."""
    return tokens[order[at]].lemma in _OPENING and any(tokens[i].surface == "だけ" for i in order[at + 1:at + 4])


_ARRIVING = frozenset(lexicon().words("a_message_arriving"))


def _nothing_done_with_it(tokens: tuple[Token, ...], order: list[int], end: int) -> bool:
    """After `end`, the caller says they did nothing with a message (押してない, 開いてないです, 無視した) and tells
    of nothing they did with it."""
    acts = [p for p in range(end, len(order)) if tokens[order[p]].lemma in _ACTING]
    ignored = any(tokens[i].lemma in _IGNORING for i in order[end:])
    return (bool(acts) or ignored) and all(negated_after(tokens, order, p + 1) or never_done(tokens, order, p + 1)
                                           or only_opened(tokens, order, p) for p in acts)


def in_a_message_left_alone(tokens: tuple[Token, ...], order: list[int], start: int, end: int) -> bool:
    """SMSが来て、「楽天カードの不正利用を検知しました」って。開いてないです: the words are what a message said (a
    message named before them, a quotation closed after them), and the caller did nothing with it: none of it
    befell them; or the message is named right after the quotation closes (不正利用の確認のためログインしてください
    ってメール来たけど、リンク押してない)."""
    closing = next((p for p in range(end, min(len(order), end + 12)) if tokens[order[p]].pos[1] == "句点"
                    or tokens[order[p]].lemma in _QUOTE_CLOSERS), None)
    if closing is None or tokens[order[closing]].pos[1] == "句点":
        return False
    named_after = closing + 1 < len(order) and _a_message_word(tokens[order[closing + 1]])
    named = named_after or any(_a_message_word(tokens[i]) for i in order[max(0, start - 12):start])
    return named and _nothing_done_with_it(tokens, order, closing)


_ACTING = frozenset(fold(w) for w in lexicon().words("acting_on_a_message"))  # (ログイン as analysed: ろぐいん)
_IGNORING = frozenset(fold(w) for w in lexicon().words("ignoring_a_message"))
_OPENING = frozenset(lexicon().words("opening_a_message"))
_QUOTE_CLOSERS = frozenset(lexicon().words("closing_a_quotation"))
_IF_REAL = frozenset(fold(w) for w in lexicon().words("asking_if_real"))
# The kinds the rules read when nothing of the caller's is at risk (a message they did nothing with).
NOTHING_AT_RISK = frozenset(lexicon().words("nothing_at_risk"))


def a_message_stopped(tokens: tuple[Token, ...], order: list[int], start: int, end: int) -> bool:
    """利用通知メールがうるさいので止めたい: a message the caller would stop, not a misuse it told of."""
    stops = [p for p in range(end, min(len(order), end + 12)) if tokens[order[p]].lemma in STOPPING
             and any(tokens[i].lemma in _WISHES for i in order[p + 1:p + 4])]  # 止めたい, not 止まっちゃった
    return _names_a_message(tokens, order, start, end) and stops_other_things(tokens, order, stops)


def stops_other_things(tokens: tuple[Token, ...], order: list[int], stops: list[int]) -> bool:
    """Each verb of stopping at these positions has something that is no card as its object (メルマガを止めたい)."""
    return bool(stops) and all(lost_something_else(tokens, order, p, p + 1) for p in stops)


def found_again(tokens: tuple[Token, ...], order: list[int], after: int) -> bool:
    """A lost card turned up later in the turn: 出てきた, 見つかった, カードがありました (not 見つからない,
    not 飲み屋を出て, not 連絡があって, not スリにあった); or it is said to be safe (カード自体は別の財布で無事)."""
    for position in range(after, len(order)):
        token = tokens[order[position]]
        if _safe(tokens, order, position) or _turned_up(tokens, order, position):
            return True
        if token.lemma in _HANDED_BACK and _done_for_me(tokens, order, position + 1):
            return True  # 駅員さんに出してもらった, 銀行の人が返してくれた: the machine's, given back
    return _only_that(tokens, order, after)


def said_just_before(tokens: tuple[Token, ...], order: list[int], start: int, words: tuple[str, ...]) -> bool:
    """前はアメックス, 今は三井住友: one of the words ends what was said in the three words before position `start`."""
    return "".join(tokens[i].surface for i in order[max(0, start - 3):start]).endswith(words)


def found_before(tokens: tuple[Token, ...], order: list[int], start: int, end: int) -> bool:
    """見つかったんです、なくしてたカードが: the find said first, and the loss only describes the card found."""
    following = _within_clause(tokens[i] for i in order[end:end + 6])  # (なくしたって連絡したカード)
    describes = any(map(_a_card_word, following))
    sentence = start
    while sentence > max(0, start - 8) and tokens[order[sentence - 1]].pos[1] != "句点":
        sentence -= 1  # (アメックスは手元にあるんです。なくしたのは楽天カード: another sentence, another card)
    return describes and any(_turned_up(tokens, order, p) and not _something_else_found(tokens, order, p)
                             for p in range(sentence, start))


_SAID_OF = ("が", "は", "も")  # what a verb is said of: カードが, 財布は, 鍵も


def _something_else_found(tokens: tuple[Token, ...], order: list[int], position: int) -> bool:
    """財布が見つかったんですけど, アメックスは手元にあるんですけど、なくなったのは楽天カード: what turned up is named,
    a few words back in its clause, and it is no card."""
    for back in range(position - 1, max(0, position - 5), -1):
        token = tokens[order[back]]
        if token.punctuation:
            return False
        if token.lemma in _SAID_OF:
            thing = tokens[order[back - 1]]
            return not _a_card_word(thing)
    return False


def a_card_found(tokens: tuple[Token, ...], order: list[int]) -> bool:
    """見つかった, 発見した, said as done and not doubted, or 〜ただけでした: the caller says their card turned up
    (ある and 出る are left out: 財布にあったのに, ページが出てきて say nothing of a find)."""
    return _only_that(tokens, order, 0) or any(
        (tokens[i].lemma in _FOUND_FOR_SURE and _turned_up(tokens, order, p)) or _the_card_back(tokens, order, p)
        for p, i in enumerate(order))


_FOUND_FOR_SURE = frozenset(lexicon().words("found_for_sure"))
_BACK = frozenset(lexicon().words("got_back"))
CARD_WORDS = frozenset({"カード", "かーど"})


def _a_card_word(token: Token) -> bool:
    return token.surface in CARD_WORDS or token.lemma in CARD_WORDS


def _the_card_back(tokens: tuple[Token, ...], order: list[int], position: int) -> bool:
    """警察から連絡があってカード戻ってきた, カードを受け取りました, 無事戻ってきました: the card itself is back with
    the caller."""
    lemma = tokens[order[position]].lemma
    then = tokens[order[position + 1]].lemma if position + 1 < len(order) else ""
    end = position + 2 if (lemma, then) == ("受ける", "取る") else position + 1  # 受け|取った, as the analyser splits it
    if not (lemma in _BACK or end == position + 2) or negated_after(tokens, order, end) or _in_doubt(tokens, order, end):
        return False
    return any(_a_card_word(tokens[i]) or tokens[i].lemma in SAFE for i in order[max(0, position - 4):position])


_ONLY_THAT = tuple(lexicon().words("only_that"))


def _only_that(tokens: tuple[Token, ...], order: list[int], after: int) -> bool:
    """実家に忘れてただけでした, 置き忘れてただけだった: the loss was only a card left somewhere, found."""
    said = "".join(tokens[i].surface for i in order[after:])
    return any(word in said for word in _ONLY_THAT)


_MACHINES = tuple(fold(w) for w in lexicon().words("machines"))
_KEPT = tuple(fold(w) for w in lexicon().words("kept_words"))


def kept_by_a_machine(text: str, words: str) -> bool:
    """ATMに吸い込まれた, 券売機からカードが出てこない: the words of loss say a machine kept the card (the turn names
    one), not that it is lost. `text` and `words` are folded."""
    return any(m in text for m in _MACHINES) and any(k in words for k in _KEPT)


_AWAITED = tuple(fold(w) for w in lexicon().words("awaited_cards"))
_NOT_YET = tuple(fold(w) for w in lexicon().words("not_yet"))


def awaited(text: str) -> bool:
    """更新カードがまだ手元になくて, 新しいカードっていつ届くんでしょう: the card not in hand is a new one still
    to come, not one lost. `text` is folded."""
    return any(word in text for word in _AWAITED) and any(word in text for word in _NOT_YET)


def _turned_up(tokens: tuple[Token, ...], order: list[int], position: int) -> bool:
    """出てきた, 見つかった, ありました, 戻ってきた, said as done and not doubted."""
    token = tokens[order[position]]
    if _it_was_in_or_with(tokens, order, position):
        return True
    if token.lemma not in FOUND_LEMMAS or token.pos[0] != "動詞" or negated_after(tokens, order, position + 1) \
            or _in_doubt(tokens, order, position + 1):
        return False
    if token.lemma == "出る":  # カードが出てきた is a find; 店を出て, 忘れて出てきちゃって is leaving
        came = _comes(tokens, order, position + 1)  # (出てこない: the negation is after 来る)
        return came and not negated_after(tokens, order, came) and not _after_a_verb(tokens, order, position)
    if token.lemma in ("有る", "ある"):
        return _there_again(tokens, order, position)
    if token.lemma == "戻る":  # 戻ったら閉まってて: the caller went back
        return _came_back(tokens, order, position)
    return True


def _it_was_in_or_with(tokens: tuple[Token, ...], order: list[int], position: int) -> bool:
    """ポケットに入ってました, 家族の鞄に入っとったわ, 娘が持ってました: where the card was all along, said in the past
    and ending the clause (not 財布に入ってたカードを, which says which card; not 一緒に入ってた, lost with it)."""
    lemmas = [tokens[i].lemma for i in order[max(0, position - 2):position + 1]]
    inside = lemmas[-2:] == ["に", "入る"] and lemmas[0] not in _ALONG_WITH and not _the_lost_holder(tokens, order, position - 1)
    held = lemmas[-2:] == ["が", "持つ"] and lemmas[0] in _FAMILY
    return (inside or held) and _done_ending_its_clause(tokens, order, position + 1)


def _done_ending_its_clause(tokens: tuple[Token, ...], order: list[int], after: int) -> bool:
    """〜てました, 〜とったわ: auxiliaries with a past た, then the clause ends (no noun follows)."""
    end = _past_auxiliaries(tokens, order, after)
    done = "た" in [tokens[i].lemma for i in order[after:end]]
    return done and (end >= len(order) or tokens[order[end]].punctuation or tokens[order[end]].pos[1] == "終助詞")


def _the_lost_holder(tokens: tuple[Token, ...], order: list[int], at: int) -> bool:
    """なくしたんです、財布に入ってました: a wallet or bag, no one else's, is what the card was lost in (not 家族の鞄に,
    娘のランドセルに, 別のバッグに: found there)."""
    place = tokens[order[at - 1]] if at > 0 else None
    if place is None or place.lemma not in _HOLDERS:
        return False
    owner = [tokens[i].lemma for i in order[max(0, at - 3):at - 1]]
    return not (owner[-1:] == ["の"] and owner[-2:-1] and (owner[-2] in _FAMILY or owner[-2] in _OTHER_ONES)) and not (
        owner and owner[-1] in _OTHER_ONES)


_HOLDERS = frozenset(lexicon().words("card_holders"))
_ALONG_WITH = frozenset(lexicon().words("along_with"))
_FAMILY = frozenset(lexicon().words("family"))
_HANDED_BACK = frozenset(lexicon().words("handed_back"))


_DONE_FOR_ME = frozenset(lexicon().words("done_for_me"))


def _done_for_me(tokens: tuple[Token, ...], order: list[int], after: int) -> bool:
    """〜てもらった, 〜てくれた, 〜ていただきました: done for the caller (not 〜てほしい, still wanted)."""
    lemmas = [tokens[i].lemma for i in order[after:after + 4]]
    return lemmas[:1] == ["て"] and len(lemmas) > 1 and lemmas[1] in _DONE_FOR_ME \
        and "た" in lemmas[2:]


_DOUBT = tuple(lexicon().words("in_doubt_after"))


SAFE = frozenset(lexicon().words("safe"))


def _safe(tokens: tuple[Token, ...], order: list[int], position: int) -> bool:
    return tokens[order[position]].lemma in SAFE and _said_of_a_card(tokens, order, position) and not negated_after(
        tokens, order, position + 1)


def _said_of_a_card(tokens: tuple[Token, ...], order: list[int], position: int) -> bool:
    """カード自体は…無事: a card (not a case or a wallet) is what the word is said of, a few words before it."""
    before = [tokens[i] for i in order[max(0, position - 12):position]]
    return any(t.surface == "かーど" for t in before) and any(t.lemma in ("は", "も") for t in before)


def _in_doubt(tokens: tuple[Token, ...], order: list[int], after: int) -> bool:
    """家のどこかにあるのか分からない, 出てくるかもしれない: a find the caller is not sure of is none."""
    while after < len(order) and tokens[order[after]].lemma in ("て", "来る", "くる", "た", "ます"):
        after += 1  # 出て|くる|かも, 見つかっ|た|かも
    said = "".join(tokens[i].surface for i in order[after:after + 8])
    return said.startswith(_DOUBT)


def _came_back(tokens: tuple[Token, ...], order: list[int], position: int) -> bool:
    """戻ってきた, カードが戻った, 手元に戻りました: the card came back; not 店に戻ったら (the caller went back)."""
    before = [tokens[i].lemma for i in order[max(0, position - 2):position]]
    return bool(_comes(tokens, order, position + 1)) or before[-1:] == ["が"] or before == ["手元", "に"]


def _after_a_verb(tokens: tuple[Token, ...], order: list[int], position: int) -> bool:
    """返してもらうの忘れて出てきた, トレーに置いたまま出てきた: the caller went out, one action after another."""
    return position > 0 and tokens[order[position - 1]].lemma in ("て", "まま", "侭", "儘")


def _comes(tokens: tuple[Token, ...], order: list[int], position: int) -> int:
    """The position after 来る (出|来た, 出|て|来た), or 0."""
    following = [tokens[i].lemma for i in order[position:position + 2]]
    if following[:1] in (["来る"], ["くる"]):
        return position + 1
    return position + 2 if following[:1] == ["て"] and following[1:] == ["来る"] else 0


def _there_again(tokens: tuple[Token, ...], order: list[int], position: int) -> bool:
    """ある as a find: 〜にありました (a place), or a card or wallet that is there (カードがありました)."""
    def word(at: int) -> Token | None:
        return tokens[order[at]] if 0 <= at < len(order) else None
    previous, before, following = word(position - 1), word(position - 2), word(position + 1)
    if following is not None and following.lemma == "か" or previous is None:
        return False  # 〜ありますか
    if "".join(tokens[i].surface for i in order[position + 1:position + 4]).startswith(_WAS_THERE):
        return False  # ポケットにあったのに, 財布にあったはずなのに: there before, not now
    if {tokens[i].lemma for i in order[max(0, position - 7):position]} & _OTHER_ONES:
        return False  # 他のカードは(財布に)ある: the rest are there, not the one lost
    if previous.lemma == "に":
        return before is None or not (before.lemma in _WHERE_IT_HAPPENED or before.surface in _WHERE_IT_HAPPENED)
    if previous.lemma in _SAID_OF and before is not None:
        return _a_thing_there(tokens, order, position, before)
    return _there_now(tokens, order, position, previous, before)


def _there_now(tokens: tuple[Token, ...], order: list[int], position: int, previous: Token, before: Token | None) -> bool:
    """あ、ありました; カードありました (its particle dropped): said as found, in the past."""
    said_past = "た" in [tokens[i].lemma for i in order[position + 1:position + 3]]
    return said_past and (_oh_there_it_is(previous, before) or previous.surface in _FOUND_THINGS
                          or _wait_there_it_is(tokens, order, position) or _said_twice(tokens, order, position))


def _said_twice(tokens: tuple[Token, ...], order: list[int], position: int) -> bool:
    """あった、ありました; ありました、ありました: a find exclaimed, the same verb again right after a pause."""
    following = [tokens[i] for i in order[position + 1:position + 6]]
    pause = next((p for p, t in enumerate(following) if t.punctuation), None)
    return pause is not None and pause + 1 < len(following) and following[pause + 1].lemma == tokens[order[position]].lemma


_WAS_THERE = ("たのに", "たはず", "のに", "はず")


def _a_thing_there(tokens: tuple[Token, ...], order: list[int], position: int, thing: Token) -> bool:
    """カードがありました: the card is there (not 中にカードがあって, inside what was stolen)."""
    inside = {tokens[i].lemma for i in order[max(0, position - 9):position - 2]} & {"中", "なか"}  # (そん中に楽天の…)
    return not inside and any(word in thing.surface or word in thing.lemma for word in _FOUND_THINGS)


def _oh_there_it_is(previous: Token, before: Token | None) -> bool:
    """…見当たらなくて…あ、ありました (not あ、あるのは免許証だけ): an exclamation, then ある: found while speaking."""
    exclaimed = previous if not previous.punctuation else before
    return exclaimed is not None and exclaimed.surface in ("あ", "あっ", "ああ", "おっ")


def _wait_there_it_is(tokens: tuple[Token, ...], order: list[int], position: int) -> bool:
    """落としました、あ、待って、ありました: the caller stops to look, then ある: found while speaking."""
    back = [tokens[i] for i in order[max(0, position - 4):position] if not tokens[i].punctuation]
    return any(t.lemma == "待つ" for t in back)


_OTHER_ONES = frozenset(lexicon().words("other_ones"))


_FROM_A_SELLER = ("から", "が", "に", "と", "の", "で")  # (マーケットプレイスで買った)
_I_AM = ("です", "だ", "で", "なん", "なの", "として")
_BUYING = tuple(lexicon().words("seller_dealings"))


def bought_from_a_seller(tokens: tuple[Token, ...], order: list[int], after: int) -> bool:
    """The caller is the buyer and the seller the other party: 出品者から買った, 出品者が連絡をくれない, or the
    caller says so anywhere in the turn (私は購入者です)."""
    text = "".join(tokens[i].surface for i in order)
    if any(text.find(buyer + said) >= 0 for buyer in BUYERS for said in _I_AM):
        return True  # 購入者です, 買った側なんですけど (not 購入者から返品が来て: a seller speaking)
    if after < len(order) and tokens[order[after]].lemma in ("さん", "様", "さま"):
        after += 1  # 出品者さんに返金してもらえるはずが
    if after < len(order) and tokens[order[after]].lemma in _FROM_A_SELLER and not _became(tokens, order, after):
        return any(tokens[i].lemma in _BUYING for i in order[after + 1:after + 16])
    return False


def _became(tokens: tuple[Token, ...], order: list[int], at: int) -> bool:
    """出品停止になっちゃった: に then なる says what the caller's listing became, no seller dealt with."""
    return tokens[order[at]].lemma == "に" and at + 1 < len(order) and tokens[order[at + 1]].lemma == "成る"


_DELIVERING = tuple(lexicon().words("delivering"))
_PLEASE = tuple(lexicon().words("please"))
_MEALS = frozenset(fold(w) for w in lexicon().words("meals"))


def ordering_a_delivery(tokens: tuple[Token, ...], order: list[int], start: int, end: int) -> bool:
    """A delivery or an order asked for as a service (ピザを配達してほしい, 出前をお願いしたい, ピザの注文をお願いしたい)
    orders something; it reports nothing wrong with a parcel or an order. Unless something is late already
    (まだ届かないので早く配達してほしい)."""
    if end - start != 1 or tokens[order[start]].lemma not in _DELIVERING or any(t.lemma in ("未だ", "まだ") for t in tokens):
        return False  # 配送状況を確認したい asks about a parcel
    before = [fold(tokens[i].surface) for i in order[max(0, start - 2):start]]
    if any(word in _MEALS for word in before if word != "の") or fold(tokens[order[start]].surface) in _MEALS:
        return True  # ピザのデリバリー, 出前: a meal ordered
    for i in order[end:end + 5]:
        if tokens[i].lemma in _PLEASE:
            return True
        if tokens[i].lemma not in ("為る", "する", "て", "を", "御", "お"):
            return False
    return False


def lost_something_else(tokens: tuple[Token, ...], order: list[int], start: int, end: int) -> bool:
    """The thing lost is named right before the verb, or is the noun it describes (来月持っていかれるお金), and it
    is not a card: パスワードをなくした; not when the words found name what is lost themselves (カードを停止)."""
    if any(tokens[order[p]].lemma in ("を", "が") for p in range(start + 1, end)):
        return _not_a_card(tokens[order[start]])
    if _said_of_what_follows(tokens, order, end):
        return True
    right_before = _right_before_the_verb(tokens, order, start)
    if right_before is not None:
        return right_before
    for position in range(start - 1, max(0, start - 10), -1):
        particle, noun = tokens[order[position]], tokens[order[position - 1]]
        if particle.surface == "ごと":
            return False  # バッグごとなくなった: the bag with all that was in it
        if particle.punctuation:  # ポイント、なくなってる: a noun said before a pause is what is gone
            return particle.pos[1] == "読点" and (_not_a_card(noun) if noun.pos[0] == "名詞"
                                                 else _topic_before(tokens, order, position - 1))
        if particle.lemma in ("を", "が", "も", "は", "から"):  # 口座から落とされた: a debit, not a loss
            if fold(noun.surface) in STAND_INS:
                return _stands_for_something_else(tokens, order, position - 1)
            return _not_a_card(noun) or _compound_not_a_card(tokens, order, position - 1)
    return False


def _right_before_the_verb(tokens: tuple[Token, ...], order: list[int], start: int) -> bool | None:
    """The noun right before the verb, with no particle, says what was lost: スマホ落とした (something else), 楽天カード
    落とした (the card, whatever stands further back: 荷物を受け取るときに楽天カード落とした); else None."""
    if not start or tokens[order[start - 1]].pos[0] != "名詞":
        return None
    noun = tokens[order[start - 1]]
    if _not_a_card(noun):
        return True
    return False if noun.lemma in CARD_WORDS else None


STAND_INS = frozenset(fold(w) for w in lexicon().words("stand_ins"))


def _stands_for_something_else(tokens: tuple[Token, ...], order: list[int], at: int) -> bool:
    """明細を印刷したやつをなくした, 明細、紙のやつを: a やつ / もの said for something described before it, which
    is no card (but カードが入ってたやつ, the wallet with the card, is still a loss)."""
    for position in range(at - 1, max(-1, at - 7), -1):
        token = tokens[order[position]]
        if "かーど" in token.surface:
            return False
        if token.pos[0] == "名詞" and _not_a_card(token):
            return True
    return False


def _topic_before(tokens: tuple[Token, ...], order: list[int], end: int) -> bool:
    """メールマガジンが多すぎて、止めたい: the clause before the pause says what it is about, and that is no card."""
    for position in range(end - 1, max(0, end - 7), -1):
        if tokens[order[position]].punctuation:
            return False
        if tokens[order[position]].lemma in ("が", "は", "を") and position > 0:
            noun = tokens[order[position - 1]]
            return noun.pos[0] == "名詞" and (_not_a_card(noun) or _compound_not_a_card(tokens, order, position - 1))
    return False


def _said_of_what_follows(tokens: tuple[Token, ...], order: list[int], end: int) -> bool:
    """来月持っていかれるお金, なくした鍵: the verb says what the noun after it is, and that is no card."""
    start = _past_auxiliaries(tokens, order, end)
    if [tokens[i].surface for i in order[start:start + 2]] == ["の", "は"]:
        start += 2  # なくしたのは定期券でした: what was lost, said after it
    word = "".join(tokens[i].surface for i in order[start:noun_run_end(tokens, order, start)])  # お|金, 社員|証
    return bool(word) and fold(word) in NOT_A_CARD


def noun_run_end(tokens: tuple[Token, ...], order: list[int], start: int) -> int:
    """Where the nouns from `start` on end, prefixes and suffixes taken in (お|金, 楽天|ANAマイレージクラブ|カード)."""
    end = start
    while end < len(order) and tokens[order[end]].pos[0] in ("名詞", "接頭辞", "接尾辞") and tokens[order[end]].surface not in (
            "の",):
        end += 1
    return end


def _compound_not_a_card(tokens: tuple[Token, ...], order: list[int], last: int) -> bool:
    """社員|証, 診察|券: the nouns ending at `last`, read as one word."""
    word = ""
    while last >= 0 and tokens[order[last]].pos[0] in ("名詞", "接尾辞"):
        word = tokens[order[last]].surface + word
        last -= 1
    return fold(word) in NOT_A_CARD


def _not_a_card(token: Token) -> bool:
    return token.surface in NOT_A_CARD or token.lemma in NOT_A_CARD


def used_by_someone_known(tokens: tuple[Token, ...], order: list[int], after: int) -> bool:
    """A charge that was a family member's (or the caller's own) after all: 子どもが使っていました; or not the
    caller's but one of them (利用は私じゃなくて夫です)."""
    if _someone_else_instead(tokens, order, after):
        return True
    family_at = None
    for position in range(after, len(order)):
        token = tokens[order[position]]
        if token.surface in FAMILY_WORDS or token.lemma in FAMILY_WORDS:
            family_at = position
        elif family_at is not None and token.lemma in USE_LEMMAS and position - family_at <= 6:
            if not negated_after(tokens, order, position + 1):
                return True
        elif family_at is not None and token.lemma in _A_PURCHASE and position - family_at <= 3 and _it_was(tokens, order, position + 1):
            return True  # 妻の買い物だったので大丈夫です
        elif token.lemma in ("思い出す",):
            return True
    return False


_A_PURCHASE = frozenset(lexicon().words("a_purchase"))


def _it_was(tokens: tuple[Token, ...], order: list[int], position: int) -> bool:
    """だった, でした: said to have been (not 妻の買い物じゃない)."""
    return "".join(tokens[i].lemma for i in order[position:position + 2]) in _IT_WAS


_IT_WAS = frozenset(lexicon().words("it_was"))


def _someone_else_instead(tokens: tuple[Token, ...], order: list[int], after: int) -> bool:
    """じゃなくて夫です, ではなくて、妻が: not the one said, but a member of the family."""
    said = "".join(tokens[i].surface for i in order[max(0, after - 3):after + 2])
    following = [tokens[i] for i in order[after:after + 5] if not tokens[i].punctuation]
    return ("じゃなくて" in said or "ではなくて" in said) and any(
        t.surface in FAMILY_WORDS or t.lemma in FAMILY_WORDS for t in following)


def requested(tokens: tuple[Token, ...], order: list[int], end: int, clauses: list[int], start: int = 0) -> bool:
    """The caller asks about it: 〜したい, 〜について, 〜の件, 〜を教えて, 〜を確認… (or the word itself asks:
    返品したい). A clause that ends with けど, ので, から ends what it can ask for."""
    if any(tokens[order[i]].lemma in _WISHED_FOR for i in range(start + 1, end)):
        return True
    clause = clauses[end - 1]
    for position in range(end, min(len(order), end + 7)):
        before = tokens[order[position - 1]]
        if clauses[position] != clause and (before.pos[0] != "助詞" or before.pos[1] == "接続助詞"):
            return False
        if tokens[order[position]].lemma in REQUEST_LEMMAS and not _done_to_the_caller(tokens, order, position):
            return not _about_to(tokens, order, position) and not _done_then(tokens, order, position)
    return False


def wished_before(tokens: tuple[Token, ...], order: list[int], end: int) -> bool:
    """The request is a wish in the past with a but after it (お願いしたかったんですけど、…)."""
    for position in range(end, min(len(order) - 1, end + 8)):
        token = tokens[order[position]]
        if token.punctuation:
            return False
        if token.lemma == "たい" and tokens[order[position + 1]].lemma == "た":
            following = [tokens[i].lemma for i in order[position + 2:position + 6]]
            return any(lemma in ("けれど", "けど", "が") for lemma in following)
    return False


_DONE_THEN = frozenset(lexicon().words("done_then"))


def _done_then(tokens: tuple[Token, ...], order: list[int], position: int) -> bool:
    """明細を確認したら, 見たら: what the caller did, then found something, a story (not 確認したかった)."""
    for i in order[position + 1:position + 4]:
        if tokens[i].lemma in _WISHED_FOR:
            return False
        if tokens[i].surface in _DONE_THEN:
            return True
    return False


def _about_to(tokens: tuple[Token, ...], order: list[int], position: int) -> bool:
    """確認しようと(したら), 換えようとして: what the caller was about to do when something happened, a story."""
    span = order[position:position + 4]
    return any(len(tokens[i].pos) > 5 and tokens[i].pos[5].startswith("意志推量") and j + 1 < len(span)
               and tokens[span[j + 1]].lemma == "と" for j, i in enumerate(span))


_QUOTING = tuple(lexicon().words("quoting"))
_MESSAGES = tuple(lexicon().words("messages"))
_ASKED_BY = frozenset(lexicon().words("asked_by"))


def describes_a_card(tokens: tuple[Token, ...], order: list[int], end: int) -> bool:
    """年会費の高いやつ, 限度額の大きいほうのカード: the word says which card the caller means, not what they ask."""
    following = [tokens[i] for i in order[end:end + 5]]
    if following[:1] and following[0].lemma in ("の", "が"):
        following = following[1:]
    for p, token in enumerate(following[:3]):
        if token.surface in _WHICH_CARD:
            return p > 0 and following[p - 1].pos[0] == "形容詞"  # (注文したやつ is what was bought)
    return False


_WHICH_CARD = frozenset(lexicon().words("which_card"))


def quoted_message(tokens: tuple[Token, ...], order: list[int], end: int) -> bool:
    """The word is what a message said, not what the caller has: アカウント停止しますってメールが来て,
    ポイント失効のお知らせっていうメールで (a message quoted is usually the bait of a scam); not the way the caller
    asks (ポイントって電話で聞けますか)."""
    for position in range(end, min(len(order) - 1, end + 10)):
        token = tokens[order[position]]
        if token.punctuation:
            return False
        if token.surface in _QUOTING or token.lemma in _QUOTING:  # right before the message: 保険って、画面… is a topic
            at = position + 1
            if at + 1 < len(order) and tokens[order[at]].lemma in ("言う", "いう"):
                at += 1
            message = tokens[order[at]] if at < len(order) else None
            return message is not None and (message.surface in _MESSAGES or message.lemma in _MESSAGES) \
                and not _asked_by(tokens, order, at + 1) and not _yet_otherwise(tokens, order, at + 1)
    return False


def _yet_otherwise(tokens: tuple[Token, ...], order: list[int], at: int) -> bool:
    """発送しましたってメールが来たのに、一週間たっても来ない: the message was true, what it promised has not come."""
    return any(tokens[i].surface == "のに" or (tokens[i].surface == "に" and p and tokens[order[at + p - 1]].surface == "の")
               for p, i in enumerate(order[at:at + 5]))


def _asked_by(tokens: tuple[Token, ...], order: list[int], at: int) -> bool:
    """電話で聞ける, メールで問い合わせる: the means of asking, not a message received."""
    lemmas = [tokens[i].lemma for i in order[at:at + 5]]
    return lemmas[:1] == ["で"] and any(lemma in _ASKED_BY for lemma in lemmas[1:])


_AND_ALSO = tuple(lexicon().words("and_also"))
_SAYING = tuple(lexicon().words("saying"))


def one_more_thing(tokens: tuple[Token, ...], order: list[int], clauses: list[int]) -> list[int]:
    """Where a clause goes on to one more thing the caller has: 〜したいんですけど、あと、…; それと…; それから…;
    ついでに…; それより…; その前に… (not a correction: 解約を考えてて、その前に相談したい keeps its 解約); んで実は…; not
    あとで (later) or それで (so)."""
    return [position for position in range(1, len(order))
            if clauses[position] != clauses[position - 1] and _goes_on(tokens, order, position)]


def _goes_on(tokens: tuple[Token, ...], order: list[int], position: int) -> bool:
    token = tokens[order[position]]
    following = tokens[order[position + 1]].lemma if position + 1 < len(order) else ""
    if (token.pos[0] == "接続詞" and token.lemma in ("で", "そして")) or (token.lemma == "実" and following == "は"):
        return True  # 〜確認したくて、んで実はカードも…: the story goes on to what else happened
    if _first_or_by_the_way(tokens, order, position):
        return True
    return (token.lemma in ("後", "あと") and following != "で") or token.lemma in ("ついで", "序で") or (
        token.lemma in ("其れ", "それ") and following in ("と", "から", "に", "より")) or (
        token.lemma in ("其の", "その") and following == "前")  # 〜たいんですけど、その前に…カードが


def _first_or_by_the_way(tokens: tuple[Token, ...], order: list[int], position: int) -> bool:
    """〜もしたいんだけど、まず…; 〜の件で電話したんですけど、そういえばカードが… (not そういうのじゃない)."""
    said = "".join(tokens[i].surface for i in order[position:position + 3])
    return tokens[order[position]].lemma == "先ず" or said == "そういえば"


def coordinated(tokens: tuple[Token, ...], order: list[int], end: int, said_next: frozenset[int] = frozenset()) -> bool:
    """The word, or the request it is in, is joined to what follows as one more thing the caller has:
    なくしたのと、あとポイント…, 金額を聞きたいのと、あとカードを…, 紛失と住所変更…, 盗まれたのとそれから…;
    not a quotation (落としたと思う, 紛失と言われた)."""
    position = end
    while position < min(len(order), end + 5) and tokens[order[position]].lemma != "と":
        if tokens[order[position]].punctuation:
            return False
        position += 1
    if position >= len(order) or tokens[order[position]].lemma != "と" or (
            position == end and tokens[order[end - 1]].pos[0] != "名詞"):
        return False
    if position > end and tokens[order[position - 1]].lemma != "の":
        return False  # 落としたと (a quotation), not 落としたのと
    position += 1
    while position < len(order) and tokens[order[position]].punctuation:
        position += 1
    return position < len(order) and (position in said_next or _goes_on_to_more(tokens[order[position]]))


def _goes_on_to_more(token: Token) -> bool:
    """After なくしたのと: あと…, or any word but a verb of saying or thinking (落としたのと思う is a quotation). A
    problem's words starting there (引き|落とし|日 begins with a verb) go on too: `said_next` in coordinated."""
    return token.lemma in _AND_ALSO or (token.pos[0] != "動詞" and token.lemma not in _SAYING)


def _done_to_the_caller(tokens: tuple[Token, ...], order: list[int], position: int) -> bool:
    """聞かれて, 知らない, できない: asked by someone else, or not known or possible, is no request."""
    following = tokens[order[position + 1]] if position + 1 < len(order) else None
    return following is not None and (following.lemma in PASSIVE or (
        following.lemma in NEGATORS or following.lemma == "無い"))


# The card is found, stopped or limited by the company, to be unblocked, or its holder died: nothing of the
# caller's is at risk (fallback reads no loss; policy sends the call to the general line).
SAFE_CARDS = (a_card_found, a_stop_to_lift, stopped_by_them, a_holders_death)
