"""What every date rule shares: the result it returns, the context it may look at, and the readings
of qualifiers ("الماضي", "قبل الماضي", "الجاري"), years and month names that several rules need."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .cal import GREGORIAN_YEARS, HIJRI_YEARS, WEEKDAY_NAMES, hijri_day, hijri_year_in, hijri_year_of, safe_date
from .lexicon import Token, load_lexicon

_WORD = re.compile(r"[\u0621-\u064a]+|[0-9]+")
_LAST_WORD = re.compile(r"([\u0621-\u064a]+|[0-9]+)[\s,]*$")
Binds = dict[str, Token]

# how far a qualifier moves from P's own period: "الماضي" one back, "قبل الماضي" two, "الجاري" none
# ("السابق" is relative to the story, not to P: it moves nothing)
OFFSET = {"past": -1, "past2": -2, "current": 0, "next": 1, "next2": 2}


@lru_cache(maxsize=1)
def neighbours() -> dict[str, frozenset[str]]:
    return load_lexicon().neighbours


@dataclass
class Resolved:
    start: dt.date | None
    end: dt.date | None
    precision: str
    rule: str
    warnings: list[str] = field(default_factory=list)
    vague: bool = False


@dataclass
class Context:
    """What a rule may look at besides its own tokens."""

    published: dt.date | None
    text: str  # the normalized text
    tokens: list[Token]
    first: int  # index of the match's first and one-past-last token
    last: int
    future: bool  # a future marker stands before the phrase in its sentence

    def words_after(self, n: int) -> list[str]:
        """The next n words after the match, whatever they are."""
        end = self.tokens[self.last - 1].end
        return _WORD.findall(self.text, end, end + 30 * n)[:n]

    def word_before(self) -> str:
        start = self.tokens[self.first].start
        m = _LAST_WORD.search(self.text, max(0, start - 30), start)
        return m.group(1) if m else ""

    def followed_by(self, cls: str) -> bool:
        """Whether the next word (or two) is one of the lexicon's `cls` words."""
        words = self.words_after(2)
        return bool(words) and (words[0] in neighbours()[cls] or " ".join(words) in neighbours()[cls])

    def next_token(self) -> Token | None:
        """The token right after the match, when nothing stands between them."""
        if self.last < len(self.tokens):
            tok = self.tokens[self.last]
            if not (tok.gap_before or tok.newline_before):
                return tok
        return None


def qualifier(binds: Binds, name: str = "qualifier") -> str | None:
    tok = binds.get(name)
    return tok.classes["qualifier"] if tok else None


def direction_of(q: str | None, future: bool) -> tuple[str, int]:
    """Which side of P an incomplete date lies on, and how many nearer ones to pass over."""
    if q in ("past", "past_relative", "past2"):
        return "past", 1 if q == "past2" else 0
    if q in ("next", "next2"):
        return "next", 1 if q == "next2" else 0
    return ("after" if future else "before"), 0


def weekday_value(tok: Token) -> int:
    return tok.classes["weekday"] if "weekday" in tok.classes else tok.classes["weekday_bare"]


def weekday_warning(binds: Binds, day: dt.date) -> list[str]:
    """A weekday joined to a date that falls on another day: the date wins, with this warning."""
    wd = binds.get("wd")
    if wd and weekday_value(wd) != day.weekday():
        return [f"{wd.text} is not a {WEEKDAY_NAMES[day.weekday()]}: the date wins"]
    return []


def month_of(binds: Binds) -> dict[str, Any] | None:
    """The month a match names: a month name, or a number after شهر ("شهر 11", "شهر سبعة"). A
    number in words must be 2-12: "شهر واحد" is a count."""
    if "mn" in binds:
        tok = binds["mn"]
        n = tok.classes["number"]
        if not 1 <= n <= 12 or (not tok.text[0].isdigit() and n < 2):
            return None
        return {"n": n, "calendar": "gregorian", "ambiguous": False}
    month = binds["month"].classes["month"]
    if "m2" in binds and binds["m2"].classes["month"]["n"] != month["n"]:
        return None  # "تشرين الثاني (ديسمبر)": two different months are not one date
    return month


def explicit_year(binds: Binds, ctx: Context, name: str = "year") -> tuple[int, str] | None:
    """The year a match states and its calendar: "2017" (Gregorian), "1436 هـ" or "1436" (Hijri),
    "من العام الماضي" (P's year moved). None when there is none; (-1, "") when it is not a year."""
    if name in binds:
        tok = binds[name]
        if "year" not in tok.classes:
            return -1, ""
        year = tok.classes["year"]
        era = binds["era"].classes["era"] if "era" in binds and name == "year" else None
        if era == "hijri" or (era is None and year in HIJRI_YEARS):
            return (year, "hijri") if year in HIJRI_YEARS else (-1, "")
        return (year, "gregorian") if year in GREGORIAN_YEARS else (-1, "")
    if "yp" in binds and name == "year":  # "من العام الماضي", "لهذا العام"
        offset = OFFSET.get(qualifier(binds, "yq") or "") if "yq" in binds else 0
        if offset is None or binds["yp"].classes["period"] != "year" or not ctx.published:
            return -1, ""
        return ctx.published.year + offset, "gregorian_relative"
    return None


def date_in(month: dict[str, Any], day: int, year: int, cal: str) -> dt.date | None:
    """Day `day` of `month` in a year of calendar `cal`; a Hijri month in a Gregorian year is the
    one that falls in it ("15 رمضان 2018")."""
    if month["calendar"] == "hijri":
        if cal == "gregorian":
            hy = hijri_year_in(year, month["n"], day)
            return hijri_day(hy, month["n"], day) if hy else None
        return hijri_day(year, month["n"], day)
    return safe_date(year, month["n"], day) if cal == "gregorian" else None


def resolve_year(month: dict[str, Any], found: tuple[int, str], published: dt.date | None) -> tuple[int, str]:
    """A relative year ("من العام الماضي") in the month's own calendar: a Hijri month counts Hijri years."""
    year, cal = found
    if cal != "gregorian_relative":
        return found
    if month["calendar"] == "hijri" and published:
        base = hijri_year_of(published)
        return (base + year - published.year, "hijri") if base else (-1, "")
    return year, "gregorian"
