"""The decide stage: for each provider, the problem the caller is asking about.

A word's weight: 3, plus half its length (longer words are more specific), plus 6 when asked for, plus 3 when
its kind is urgent, plus a little for coming later. Among a provider's problems the heaviest wins; it is
unsure (to be confirmed) when only weak evidence supports it, or when an urgent and a non-urgent reading
nearly tie (contested: the learned model may settle it).
"""
from __future__ import annotations

from collections import defaultdict

from .names import about_last
from .vocabulary import Hit, Vocabulary

ASKED, URGENT, BASE, LATER = 6, 3, 3, 0.1
CONTESTED = 0.85  # a second reading of the other urgency within this share of the best contests it


def weight(hit: Hit, urgent: bool) -> float:
    return BASE + hit.entry.chars / 2 + (ASKED if hit.requested else 0) + (URGENT if urgent else 0) + LATER * hit.clause


def decide(turn, vocabulary: Vocabulary) -> None:
    scores: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    strong: set[tuple[str, str]] = set()
    leading: set[tuple[str, str]] = set()  # the urgent one of two things the caller has, seen to first
    for hit in turn.live:
        if hit.entry.kind != "problem":
            continue
        provider_id, problem_id = hit.entry.target.split("/")
        problem = vocabulary.catalogue.provider(provider_id).problem(problem_id)
        scores[provider_id][problem_id] += weight(hit, problem.urgent)
        if not hit.weak:
            strong.add((provider_id, problem_id))
        if hit.leads:
            leading.add((provider_id, problem_id))
    identities = frozenset(vocabulary.lexicon.words("identities"))
    turn.weights = {pid: _identity_over_topics(turn, vocabulary, pid, identities, _loss_over_what_follows(
                        turn, vocabulary, pid, _causes_over_symptoms(turn, vocabulary, pid, dict(by))))
                    for pid, by in scores.items()}
    _only_whose_identity_it_is(turn, identities)
    for provider_id, by_problem in turn.weights.items():
        _choose(turn, vocabulary, provider_id, by_problem, strong, leading)
    if turn.not_covered and not turn.providers and turn.problems:
        _the_other_companys(turn, vocabulary)
    _any_shops(turn, vocabulary)
    if len(turn.providers) > 1:
        best = {pid: max(by.values()) for pid, by in turn.weights.items()}
        urgent = frozenset(pid for pid in turn.urgent if pid not in turn.unsure)
        turn.providers = about_last(turn.providers, turn.live, best, turn.tokens, turn.order, urgent, turn.places)
        turn.note("decide", "the request is about", target=turn.providers[-1])


def _the_other_companys(turn, vocabulary: Vocabulary) -> None:
    """The problem is the other company's: kept aside for ours, unless the call is already about one of ours (but
    not when the other is picked: のほうでした), and never for a brand's own other product (マリオットボンヴォイの
    アメックスをなくした is no problem of the Gold Preferred)."""
    turn.note("decide", "the problem is the other company's", target=", ".join(turn.not_covered))
    brands = {vocabulary.not_covered_of.get(h.entry.target) for h in turn.live if h.entry.kind == "not_covered"}
    turn.set_aside = {} if turn.other_chosen else {pid: kind for pid, kind in turn.problems.items() if pid not in brands}
    turn.problems, turn.urgent, turn.unsure, turn.possibly_urgent = {}, set(), set(), {}


def a_cards_own_delivery(turn, vocabulary: Vocabulary) -> None:
    """楽天カードを申し込んだのにまだ届かない, アメックス、カードの発送がいつか: a card company named, nothing but a
    delivery heard, said of a card awaited, and no parcel or purchase of a shop's: the card itself has not come
    (the lexicon's `a_cards_delivery` kind of that company). After the model, and only when it heard no loss or
    fraud (a card lost in the post is offered the 24-hour line)."""
    words = vocabulary.lexicon.words
    text = turn.analysed
    if turn.possibly_urgent or turn.urgent or not turn.problems or not set(turn.problems.values()) <= set(
            words("deliveries")) or not _said_any(text, words("a_card_awaited")) or _said_any(text, words("a_shops_parcel")):
        return
    kind = words("a_cards_delivery")[0]
    for pid in _card_companies(turn, vocabulary, kind):
        turn.problems[pid] = kind
        turn.note("decide", "a card company and a delivery only: the card itself has not come", target=f"{pid}/{kind}")


def _said_any(text: str, words: tuple[str, ...]) -> bool:
    return any(word in text for word in words)


def _card_companies(turn, vocabulary: Vocabulary, kind: str) -> list[str]:
    """The providers named with no problem read that handle `kind` and sell nothing (no parcel or return of theirs)."""
    selling = vocabulary.lexicon.words("selling_kinds")
    return [pid for pid in turn.providers if pid not in turn.problems
            and not any(vocabulary.catalogue.provider(pid).problem(k) for k in selling)
            and vocabulary.catalogue.provider(pid).problem(kind)]


def _any_shops(turn, vocabulary: Vocabulary) -> None:
    """No company named, and every problem is one any shop's customer has (the lexicon's `shop_kinds`: an order,
    a parcel, a return): no company is guessed from it."""
    if not turn.providers and turn.problems and set(turn.problems.values()) <= set(vocabulary.lexicon.words("shop_kinds")):
        turn.shop_only = True
        turn.note("decide", "a shop's problem, no company named: none is guessed")


def _causes_over_symptoms(turn, vocabulary: Vocabulary, provider_id: str, by_problem: dict[str, float]) -> dict:
    """A symptom (the card refused at the till) yields to a cause said with it (割れて, 限度額): the lexicon's
    `symptoms` are the kinds that yield."""
    symptoms = set(vocabulary.lexicon.words("symptoms"))
    causes = {pid: w for pid, w in by_problem.items() if pid not in symptoms}
    if causes and len(causes) < len(by_problem):
        for pid in sorted(set(by_problem) - set(causes)):
            turn.note("decide", "a symptom yields to its cause", target=f"{provider_id}/{pid}")
        return causes
    return by_problem


def _loss_over_what_follows(turn, vocabulary: Vocabulary, provider_id: str, by_problem: dict[str, float]) -> dict:
    """カードを失くしたので再発行と停止を: a card lost and not yet stopped is the loss desk's, which also has it made
    again; the lexicon's `after_a_loss` are the kinds that follow a loss and yield to it, `after_an_urgent_problem`
    those that yield to any urgent one (盗まれたので警察にも届けたい: the card is stopped first), `ways_of_asking`
    those that yield to any other kind at all (the matter asked about is the caller's request, not the means), and
    `its_story` those told as the story of an `asked_over_its_story` kind asked for (a parcel taken back, then a
    redelivery asked for)."""
    words = vocabulary.lexicon.words
    losses = set(words("losing_kinds")) & set(by_problem)
    urgent = {pid for pid in by_problem if vocabulary.catalogue.provider(provider_id).problem(pid).urgent}
    following = (set(words("after_a_loss")) & set(by_problem) if losses else set()) | (
        set(words("after_an_urgent_problem")) & set(by_problem) if urgent else set())
    following |= _told_after_a_loss(turn, provider_id, losses, set(words("misuse_after_a_loss")) & set(by_problem))
    if set(by_problem) - set(words("ways_of_asking")):
        following |= set(words("ways_of_asking")) & set(by_problem)  # ポイントってメールで問い合わせできる: points
    if set(words("its_story")) & set(by_problem):  # 持ち帰られたんですよ、再配達の予約をしたい: the redelivery
        following |= _the_story_of_what_is_asked(turn, vocabulary, by_problem)
    if not following:
        return by_problem
    for pid in sorted(following):
        turn.note("decide", "yields to the matter told with it", target=f"{provider_id}/{pid}")
    return {pid: w for pid, w in by_problem.items() if pid not in following}


def _told_after_a_loss(turn, provider_id: str, losses: set[str], kinds: set[str]) -> set[str]:
    """楽天カードを盗まれて、アマゾンで使われてるかも: misuse told after the loss yields to it (the loss desk stops the
    card and sees to its misuse); カード情報を盗まれた, one story told at once, stays misuse."""
    def spans(kind_ids):
        return [(h.start, h.end) for h in turn.live if h.entry.kind == "problem" and h.kind_id in kind_ids
                and h.entry.target.startswith(provider_id + "/")]
    lost = spans(losses)
    return {kind for kind in kinds if lost and all(start >= min(end for _, end in lost) for start, _ in spans({kind}))}


def _the_story_of_what_is_asked(turn, vocabulary: Vocabulary, by_problem: dict[str, float]) -> set[str]:
    """The `its_story` kinds, when an `asked_over_its_story` kind is wished for (再配達の予約をしたい, not
    再配達も頼んだのに)."""
    words = vocabulary.lexicon.words
    wishes = set(words("wishes"))
    asked = {h.kind_id for h in turn.live if h.requested and h.entry.kind == "problem"
             and wishes & set(turn.lemmas(h.end, h.end + 6))}
    return set(words("its_story")) & set(by_problem) - asked if asked & set(words("asked_over_its_story")) else set()


def _identity_over_topics(turn, vocabulary: Vocabulary, provider_id: str, identities: frozenset[str],
                          by_problem: dict[str, float]) -> dict:
    """Who the caller is (a seller, an Amazon Pay user) outweighs what they ask about (a login, a return, a misuse:
    seed 003 sends Amazon Pay's 不正利用 to its own support site): the lexicon's `identities`."""
    provider = vocabulary.catalogue.provider(provider_id)
    found = [pid for pid in by_problem if pid in identities]
    if not found:
        return by_problem
    kept = {pid: w for pid, w in by_problem.items() if pid in found}
    for pid in sorted(set(by_problem) - set(kept)):
        turn.note("decide", "who the caller is outweighs what they ask", target=f"{provider_id}/{pid}")
    return kept


def _only_whose_identity_it_is(turn, identities: frozenset[str]) -> None:
    """No company named, but who the caller is belongs to one (セラーセントラル, 出品者: Amazon's sellers): the
    other companies' readings of the rest (ログイン, 請求書) are not theirs."""
    holders = [pid for pid, by in turn.weights.items() if identities & set(by)]
    if turn.providers or len(holders) != 1:
        return
    for pid in sorted(set(turn.weights) - set(holders)):
        turn.note("decide", "who the caller is belongs to another company", target=pid)
    turn.weights = {holders[0]: turn.weights[holders[0]]}


def _choose(turn, vocabulary: Vocabulary, provider_id: str, by_problem: dict[str, float],
            strong: set[tuple[str, str]], leading: set[tuple[str, str]]) -> None:
    provider = vocabulary.catalogue.provider(provider_id)
    ranked = sorted(by_problem, key=lambda pid: ((provider_id, pid) in leading, by_problem[pid],
                                                 provider.problem(pid).urgent), reverse=True)
    best = turn.problems[provider_id] = ranked[0]
    leads = (provider_id, best) in leading
    turn.note("decide", "the urgent one of two things, first" if leads else "heaviest problem",
              target=f"{provider_id}/{best}", weight=by_problem[best])
    if provider.problem(best).urgent:
        turn.urgent.add(provider_id)
    contested = not leads and len(ranked) > 1 and by_problem[ranked[1]] >= CONTESTED * by_problem[best] and (
        provider.problem(ranked[1]).urgent != provider.problem(best).urgent)
    if contested and provider.problem(ranked[1]).urgent:
        turn.possibly_urgent[provider_id] = ranked[1]  # offered when the routine problem's line is closed
    if contested:
        turn.unsure.add(provider_id)
        turn.note("decide", "contested", target=f"{provider_id}/{ranked[1]}", weight=by_problem[ranked[1]])
    elif (provider_id, best) not in strong:
        turn.unsure.add(provider_id)
        turn.note("decide", "weak evidence only", target=f"{provider_id}/{best}")
