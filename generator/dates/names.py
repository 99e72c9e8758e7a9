"""Names that hold a date word are not dates (issue 14, kind 10). The words are data (dates.yaml:
name_head, family_head, known_name, given_name, name_link, name_compound, divine_name); this module only says
where to look for them:

- a day, a weekday, a month or "اليوم" right after a name head in construct, or with a quote
  between: "شارع 29 أيار", "سوق الجمعة", "آل الخميس", "صحيفة اليوم", "رواية «الخميس الأسود»"
  (a date with its year stays a date: "هجمات الحادي عشر من أيلول 2001");
- a known name around the phrase, after a name head or next to a quote: "قناة روسيا اليوم",
  "«المصري اليوم»" ("أعلنت روسيا اليوم" stays "Russia announced today");
- a bare weekday right after a family word or a single given name: "آل الخميس", "خالد الجمعة",
  "عبد الله الجمعة" are family names; after a full name ("سامح شكري الخميس", "محمد بن سلمان
  الخميس") or with a qualifier ("الجمعة الماضية") it is the day.
"""

from __future__ import annotations

import re
from functools import cache

from ..normalize import clitic_forms
from .context import Context, neighbours
from .lexicon import load_lexicon

_ITEM = re.compile(r"[\u0621-\u064a]+|\S")
_LAST_WORD = re.compile(r"([\u0621-\u064a]+)[\s\"'(]*$")  # the word before, quotes and spaces after it
# the first token of a phrase that a name can be built on: a day, a weekday, a month, a part of
# the day ("برنامج «صباح اليوم»"), a deictic day ("صحيفة الغد")
_NAMEABLE = frozenset(("day", "weekday", "weekday_bare", "month", "part_of_day", "deictic"))


@cache
def _forms(cls: str) -> dict[str, str]:
    """Every clitic form of a word list ("بشارع" -> "شارع")."""
    return {form: head for form, (_, head) in clitic_forms(neighbours()[cls]).items()}


def _before(text: str, pos: int) -> list[str]:
    """The words and marks before `pos`, nearest last (a few of them)."""
    return _ITEM.findall(text, max(0, pos - 60), pos)


def _after_head(text: str, pos: int) -> bool:
    """Whether a name head stands right before `pos`, with nothing but spaces and quotes between."""
    m = _LAST_WORD.search(text, max(0, pos - 40), pos)
    return bool(m) and m.group(1) in _forms("name_head")


@cache
def _known_words() -> frozenset[str]:
    """The date words the known names hold ("اليوم" of "روسيا اليوم")."""
    keys = load_lexicon().keys
    return frozenset(w for name in neighbours()["known_name"] for w in name.split() if w in keys)


@cache
def _known_names() -> re.Pattern[str]:
    names = sorted(neighbours()["known_name"], key=len, reverse=True)
    alternatives = "|".join(map(re.escape, names))
    return re.compile(rf"(?<![\u0621-\u064a])(?:{alternatives})(?![\u0621-\u064a])")


def _known_name(ctx: Context, start: int, end: int) -> bool:
    """A known name over the phrase, after a name head or a quote, or before a quote."""
    text = ctx.text
    for m in _known_names().finditer(text, max(0, start - 30), end + 30):
        if m.start() >= end or m.end() <= start:
            continue
        if _after_head(text, m.start()) or text[m.end() : m.end() + 2].strip()[:1] in ("\"", "'"):
            return True
    return False


def _family_name(items: list[str]) -> bool:
    """A weekday after a family word ("آل الخميس", "عائلة الجمعة") or one given name ("خالد الجمعة")
    is a family name; after a full name ("سامح شكري الخميس") it is the day."""
    if items and items[-1] in _forms("family_head"):
        return True
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
    if not _NAMEABLE.isdisjoint(first.classes) and "year" not in binds and _after_head(ctx.text, start):
        return True
    known = _known_words()
    if any(t.text in known for t in ctx.tokens[ctx.first : ctx.last]) and _known_name(ctx, start, end):
        return True
    # a weekday with a qualifier ("سعد الجمعة الماضية") is a day whoever stands before it
    return (rule == "weekday" and "qualifier" not in binds and "weekday" in first.classes
            and _family_name(_before(ctx.text, start)))
