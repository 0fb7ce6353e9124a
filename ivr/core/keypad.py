"""The keypad menus: which key means what at each question.

The dialog reads keys with these functions and the script reads the same menus aloud, so what is said and
what a key does cannot drift apart.

- Providers: the catalogue gives a digit to the few most called ones; every other provider is reached by
  saying its name (the catalogue may hold any number of providers).
- Problems: a provider with few problems has one flat menu. With more, each menu reads FIRST_MENU of them (the
  catalogue lists them most frequent first) and MORE (その他) opens the next page; the last ends with the operator.
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
    """Whether the problems are split into pages behind その他 (a flat menu holds up to FIRST_MENU + 1)."""
    return len(keyed(provider)) > FIRST_MENU + 1


def pages(provider: Provider) -> int:
    """How many menus the problems take: at most FIRST_MENU problems are read at a time, so that a caller
    can keep the choices in mind."""
    problems = len(keyed(provider))
    return 1 if not grouped(provider) else -(-problems // FIRST_MENU)


def has_more(provider: Provider, page: int = 0) -> bool:
    """Whether this menu ends with その他 (another page follows) rather than the operator."""
    return page + 1 < pages(provider)


def problem_menu(provider: Provider, page: int = 0) -> tuple[tuple[str, Problem], ...]:
    """(digit, problem) as read aloud on this page of the menu (0: the first; その他 opens the next)."""
    problems = keyed(provider)
    if not grouped(provider):
        return tuple((str(i), p) for i, p in enumerate(problems, start=1))
    chosen = problems[page * FIRST_MENU:(page + 1) * FIRST_MENU]
    return tuple((str(i), p) for i, p in enumerate(chosen, start=1))


def problem_for_key(provider: Provider, digit: str, page: int = 0) -> Problem | None:
    """The problem a key chooses in the menu being asked, or None (MORE is not a problem: see opens_more)."""
    if not digit.isdigit() or digit == OPERATOR:
        return None
    if grouped(provider) and page == 0:
        if digit == MORE:
            return None
        positions = keyed(provider)[:int(MORE) - 1]  # read or not, 1-8 keep their catalogue position
        return positions[int(digit) - 1] if int(digit) <= len(positions) else None
    return dict(problem_menu(provider, page)).get(digit)


def problem_in_full_list(provider: Provider, digit: str) -> Problem | None:
    """The problem at this position of the catalogue's whole list (1-9): for keys typed ahead of any menu."""
    if not digit.isdigit() or digit == OPERATOR or int(digit) > len(keyed(provider)):
        return None
    return keyed(provider)[int(digit) - 1]


def opens_more(provider: Provider, digit: str, page: int = 0) -> bool:
    return digit == MORE and has_more(provider, page)


def problem_keys(provider: Provider, page: int = 0) -> tuple[str, ...]:
    """Every key that means a problem (or その他) in this menu."""
    if grouped(provider) and page == 0:
        return tuple(str(i) for i in range(1, min(len(keyed(provider)), int(MORE) - 1) + 1)) + (MORE,)
    return tuple(digit for digit, _ in problem_menu(provider, page)) + ((MORE,) if has_more(provider, page) else ())
