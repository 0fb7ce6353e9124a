"""Caller words to provider, problem, place, yes/no and commands, reading the whole sentence.

The turn is analysed into words (ivr.ja.analysis). The catalogue's vocabulary is analysed the same way, so
words match as words by lemma, surface or reading (無くした, なくした, ナクシタ), never as fragments of
other words. A match is then weighed in its clause:
- negated when a negation follows it inside the clause (紛失ではない, なくしてはいない, 楽天じゃなくて);
- taken back when a later clause says so (見当たらなかったけど…出てきた, 〜と思ったら…, 子どもが使っていた);
- the caller's request (〜たい, 〜について, 〜の件) outweighs a word merely mentioned on the way.
Names of organisations that are not covered are spotted from the not-covered list and generically (a proper
noun, or a word before カード/銀行/ストア…), and places abroad from the analyser's place names.

The pieces: vocabulary.py (the catalogue's words and where they occur), clauses.py (negation, taking back,
asking), names.py (other organisations, which provider, abroad), commands.py (yes/no, commands, menu numbers).
"""
from __future__ import annotations

import re
from collections import defaultdict

from rapidfuzz import fuzz, process

from ..core.language import Understood
from .analysis import analyse, normal
from .clauses import (clause_numbers, corrected_clauses, found_again, hypothetical, lost_something_else,
                      negated_after, requested, thought_clauses, used_by_someone_known)
from .dialect import standard
from .commands import (BYE_WORDS, says_wrong, OPERATOR_WORDS, REPEAT_WORDS, RESTART_WORDS, menu_choice, says_any,
                       yes_no)
from .names import (about_last, caller_place, inside_other_names, names_a_card, noun_run_end,
                    other_organisations)
from .text import clean, reading, surface
from .vocabulary import Hit, Vocabulary, chunk_hits, join_words, near_hits, romaji_as_kana, scan

__all__ = ["Vocabulary", "understand", "menu_choice", "clean"]


FUZZY_ACCEPT = 80  # rapidfuzz score on readings; below this a provider name is not guessed


def _near(query: str, choice: str, **_: object) -> float:
    return max(fuzz.ratio(query, choice), fuzz.partial_ratio(query, choice))


def understand(text: str, vocabulary: Vocabulary) -> Understood:
    text = clean(text)
    view = surface(text)
    if not view:
        return Understood(text)
    # Recognisers put spaces between words (届か ない): they carry no meaning between Japanese words.
    analysed = standard(join_words(normal(text)))
    tokens = analyse(analysed)
    order, hits = scan(tokens, vocabulary)
    hits += near_hits(tokens, order, hits, vocabulary)
    hits += chunk_hits(normal(text), analysed, tokens, order, hits, vocabulary)
    if re.search(r"[a-z]{3}", analysed) and not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", analysed):
        romaji = romaji_as_kana(analysed, vocabulary.latin)  # romaji from a recogniser or a keyboard: "henpin"
        romaji_tokens = analyse(romaji)
        romaji_order, romaji_hits = scan(romaji_tokens, vocabulary)
        if len(romaji_hits) > len(hits):
            analysed, tokens, order, hits = romaji, romaji_tokens, romaji_order, romaji_hits
    clauses = clause_numbers(tokens, order)
    thought = thought_clauses(tokens, order, clauses)
    words = frozenset(i for h in hits if h.entry.kind == "problem" for i in range(h.start, h.end))
    corrected = corrected_clauses(tokens, order, clauses)
    for hit in hits:
        hit.clause = clauses[hit.start]
        hit.negated = negated_after(tokens, order, hit.end, words)
        if hit.entry.kind == "problem" and (hit.clause in thought or any(
                clause == hit.clause and hit.end <= position for clause, position in corrected)):
            hit.retracted = True  # what the caller takes back; the names they said still stand
        kind = hit.entry.target.rsplit("/", 1)[-1]
        if hit.entry.kind == "problem" and kind == "lost_stolen" and (
                found_again(tokens, order, hit.end) or lost_something_else(tokens, order, hit.start)):
            hit.retracted = True
        if hit.entry.kind == "problem" and kind == "unauthorized" and used_by_someone_known(tokens, order, hit.end):
            hit.retracted = True
        if hit.entry.kind == "problem" and kind in vocabulary.urgent_kinds and hypothetical(
                tokens, order, hit.start, hit.end):
            hit.retracted = True
        hit.requested = requested(tokens, order, hit.end, clauses)

    inside_other_names(tokens, order, hits, vocabulary)
    named_spans = {(tokens[order[h.start]].start, tokens[order[h.end - 1]].end) for h in hits}
    not_covered = [h.entry.target for h in hits if h.live and h.entry.kind == "not_covered"]
    negated_names = {h.entry.target for h in hits if h.entry.kind in ("provider", "not_covered") and not h.live}
    for name, start in other_organisations(analysed, vocabulary, named_spans):
        if name not in negated_names:
            not_covered.append(name)
            for hit in hits:  # 楽天Kobo, 楽天西友: a covered brand joined to another service's name
                if hit.entry.kind == "provider" and tokens[order[hit.end - 1]].end == start:
                    if names_a_card(tokens, order, hit.end):
                        not_covered.pop()  # 楽天ANAマイレージクラブカード, 楽天PINKカード: the brand's own cards
                        break
                    hit.retracted = True
    if not_covered:  # a generic name inside a covered brand's card name (楽天|ANAマイレージクラブカード) is not another company
        for hit in hits:
            if hit.entry.kind == "provider" and hit.live and names_a_card(tokens, order, hit.end):
                run_end = noun_run_end(tokens, order, hit.end)
                span = (tokens[order[hit.end]].start, tokens[order[run_end - 1]].end) if run_end > hit.end else None
                if span:
                    not_covered = [n for n in not_covered if analysed.find(n, span[0]) < 0
                                   or analysed.find(n, span[0]) >= span[1]]
    live = [h for h in hits if h.live]  # after every retraction above
    providers = tuple(dict.fromkeys(h.entry.target for h in live if h.entry.kind == "provider"))
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
        providers = about_last(providers, live, weights, tokens, order)
    names = {i for h in hits if h.entry.kind in ("provider", "not_covered") for i in range(h.start, h.end)}
    abroad = caller_place(tokens, order, hits, names, view)
    if abroad is None and any(h.entry.kind == "problem" and h.live and vocabulary.abroad_problem(h.entry.target)
                              for h in hits):
        abroad = True  # 海外で使えない

    if abroad and not problems:  # 「今ロンドンにいて困ってるんですが」: trouble abroad, for whoever handles it
        for provider in vocabulary.catalogue.providers:
            for problem in provider.problems:
                if problem.abroad:
                    problems[provider.id] = problem.id
    command = None
    if says_any(view, REPEAT_WORDS) and not problems and not providers:
        command = "repeat"
    elif says_any(view, RESTART_WORDS) and (not (problems or providers) or _starts_over(view)):
        command = "restart"
    elif says_wrong(view) and not problems:
        command = "wrong"
    elif says_any(view, OPERATOR_WORDS):
        command = "operator"
    elif says_any(view, BYE_WORDS) and not problems and not providers:
        command = "bye"
    return Understood(text, providers, fuzzy, not_covered_t, problems, frozenset(urgent), abroad,
                      yes_no(view), command, unsure=frozenset(unsure), choice=menu_choice(view))


def _starts_over(view: str) -> bool:
    """「やっぱり最初から。アメックスの明細の件です」: starting over, then saying the new request at once."""
    return any(view.find(surface(w)) < 3 for w in ("最初から", "やっぱり最初", "やり直し", "始めから") if surface(w) in view)


def _choose_problems(live: list[Hit], vocabulary: Vocabulary) -> tuple[dict[str, str], set[str]]:
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
