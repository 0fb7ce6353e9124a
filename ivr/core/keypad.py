"""The keypad menus: which key means what at each question.

The dialog reads keys with these functions and the script reads the same menus aloud, so what is said and
what a key does cannot drift apart.

- Providers: the catalogue gives a digit to the few most called ones; every other provider is reached by
  saying its name (the catalogue may hold any number of providers).
- Problems: a provider with few problems has one flat menu. With more, the first menu reads the first
  FIRST_MENU (the catalogue lists them most frequent first) and MORE (その他) opens a second menu with the rest.
  Digits up to 8 keep their position in the catalogue's list in the first menu even where they are not read,
  so a caller who knows the full list (or types ahead, "17") is not sent round the other menu.
"""
from __future__ import annotations

from .catalogue import Catalogue, Problem, Provider

OPERATOR, REPEAT, RESTART, MORE = "0", "*", "#", "9"
YES, NO = "1", "2"
FIRST_MENU = 4  # problems read in a first menu that leads on to その他


def provider_menu(catalogue: Catalogue) -> tuple[tuple[str, Provider], ...]:
    """(digit, provider) for the providers that have a key, in key order."""
    return tuple(sorted(((p.keypad, p) for p in catalogue.providers if p.keypad), key=lambda item: item[0]))


def keyed(provider: Provider) -> tuple[Problem, ...]:
    """The problems on the keypad menus (`menu: false` ones are reached by speech, or by the operator key,
    which gives the same general line)."""
    return tuple(p for p in provider.problems if p.menu)


def grouped(provider: Provider) -> bool:
    """Whether the problems are split into a first menu and その他 (a flat menu of up to FIRST_MENU + 1)."""
    return len(keyed(provider)) > FIRST_MENU + 1


def problem_menu(provider: Provider, more: bool = False) -> tuple[tuple[str, Problem], ...]:
    """(digit, problem) as read aloud: the first menu, or with `more` the その他 menu."""
    problems = keyed(provider)
    if not grouped(provider):
        return tuple((str(i), p) for i, p in enumerate(problems, start=1))
    chosen = problems[FIRST_MENU:] if more else problems[:FIRST_MENU]
    return tuple((str(i), p) for i, p in enumerate(chosen, start=1))


def problem_for_key(provider: Provider, digit: str, more: bool = False) -> Problem | None:
    """The problem a key chooses in the menu being asked, or None (MORE is not a problem: see opens_more)."""
    if not digit.isdigit() or digit == OPERATOR:
        return None
    if grouped(provider) and not more:
        if digit == MORE:
            return None
        positions = keyed(provider)[:int(MORE) - 1]  # read or not, 1-8 keep their catalogue position
        return positions[int(digit) - 1] if int(digit) <= len(positions) else None
    return dict(problem_menu(provider, more)).get(digit)


def problem_in_full_list(provider: Provider, digit: str) -> Problem | None:
    """The problem at this position of the catalogue's whole list (1-9): for keys typed ahead of any menu."""
    if not digit.isdigit() or digit == OPERATOR or int(digit) > len(keyed(provider)):
        return None
    return keyed(provider)[int(digit) - 1]


def opens_more(provider: Provider, digit: str, more: bool = False) -> bool:
    return digit == MORE and grouped(provider) and not more


def problem_keys(provider: Provider, more: bool = False) -> tuple[str, ...]:
    """Every key that means a problem (or その他) in this menu."""
    if grouped(provider) and not more:
        return tuple(str(i) for i in range(1, min(len(keyed(provider)), int(MORE) - 1) + 1)) + (MORE,)
    return tuple(digit for digit, _ in problem_menu(provider, more))
