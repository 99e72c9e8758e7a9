"""Names that hold a date word are not dates (issue 14, kind 10). The words are data (dates.yaml:
name_head, known_name, given_name, name_link, name_compound, divine_name); this module only says
where to look for them:

- a day, a weekday, a month or "اليوم" right after a name head in construct, or with a quote
  between: "شارع 29 أيار", "سوق الجمعة", "آل الخميس", "صحيفة اليوم", "رواية «الخميس الأسود»"
  (a date with its year stays a date: "هجمات الحادي عشر من أيلول 2001");
- a known name around the phrase, after a name head or next to a quote: "قناة روسيا اليوم",
  "«المصري اليوم»" ("أعلنت روسيا اليوم" stays "Russia announced today");
- a weekday right after a single given name: "خالد الجمعة", "عبد الله الجمعة" are family names;
  after a full name ("سامح شكري الخميس", "محمد بن سلمان الخميس") it is the day.
"""

from __future__ import annotations

import re
from functools import cache

from ..normalize import clitic_forms
from .context import Context, neighbours

_ITEM = re.compile(r"[\u0621-\u064a]+|\S")
_QUOTES = frozenset("\"'(")
# the first token of a phrase that a name can be built on: a day, a weekday, a month, a part of
# the day ("برنامج «صباح اليوم»"), "اليوم"
_NAMEABLE = ("day", "weekday", "weekday_bare", "month", "part_of_day")


@cache
def _forms(cls: str) -> dict[str, str]:
    """Every clitic form of a word list ("بشارع" -> "شارع")."""
    return {form: head for form, (_, head) in clitic_forms(neighbours()[cls]).items()}


def _before(text: str, pos: int) -> list[str]:
    """The words and marks before `pos`, nearest last (a few of them)."""
    return _ITEM.findall(text, max(0, pos - 60), pos)


def _after_head(items: list[str]) -> bool:
    """Whether a name head stands last in `items`, with nothing but quotes after it."""
    k = len(items) - 1
    while k >= 0 and items[k] in _QUOTES:
        k -= 1
    return k >= 0 and items[k] in _forms("name_head")


def _known_name(ctx: Context, start: int, end: int) -> bool:
    text = ctx.text
    for name in neighbours()["known_name"]:
        lo = max(0, start - len(name))
        k = text.find(name, lo, end + len(name))
        if k < 0 or k >= end or k + len(name) <= start:
            continue
        after = text[k + len(name) : k + len(name) + 2].strip()
        if _after_head(_before(text, k)) or after[:1] in _QUOTES:
            return True
    return False


def _family_name(items: list[str]) -> bool:
    """A weekday after one given name ("خالد الجمعة") is a family name; after two names, a day."""
    if not items or items[-1] not in _forms("given_name") and not (
        items[-1] in neighbours()["divine_name"] and len(items) > 1 and items[-2] in _forms("name_compound")
    ):
        return False
    k = len(items) - 2
    if k >= 0 and items[k] in neighbours()["name_compound"]:
        k -= 1  # "عبد الله": look before the compound
    before = items[k] if k >= 0 else ""
    return before not in _forms("given_name") and before not in _forms("name_link")


def named(ctx: Context, rule: str, binds: dict) -> bool:
    """Whether the match from ctx.first to ctx.last is (part of) a name, not a date."""
    first = ctx.tokens[ctx.first]
    start, end = first.start, ctx.tokens[ctx.last - 1].end
    items = _before(ctx.text, start)
    nameable = any(c in first.classes for c in _NAMEABLE) or first.text == "اليوم"
    if nameable and "year" not in binds and _after_head(items):
        return True
    if "اليوم" in ctx.text[start:end] and _known_name(ctx, start, end):
        return True
    return rule == "weekday" and "weekday" in first.classes and _family_name(items)
