"""Calendar arithmetic: each grammar rule turns its bound tokens into an interval of days.

A rule returns a `Resolved` (interval, precision, a readable explanation, warnings), or None
to reject the match (an impossible day, a relational "بعد يومين من"), so that a shorter
match can be tried. P is the publication day; without it, only absolute dates resolve.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from hijridate import Gregorian, Hijri

from .lexicon import Token

_WORD = re.compile(r"[\u0621-\u064a]+|[0-9]+")
_LAST_WORD = re.compile(r"([\u0621-\u064a]+|[0-9]+)[\s,]*$")


def NEIGHBOURS() -> dict[str, frozenset[str]]:  # noqa: N802 - a constant, loaded once
    from .lexicon import load_lexicon

    return load_lexicon().neighbours
DAY = dt.timedelta(days=1)
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SATURDAY = 5  # weeks start on Saturday in Syria, Egypt, Iraq, Jordan (CLDR)
EDGE_OF_MONTH = {"start": (1, 10), "early": (1, 10), "middle": (11, 20), "late": (21, 31), "end": (21, 31)}
EDGE_OF_YEAR = {"start": (1, 1), "early": (1, 3), "middle": (6, 7), "late": (10, 12), "end": (12, 12)}
SEASON_MONTHS = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}  # first month; three months each
GREGORIAN_YEARS = range(1900, 2101)
HIJRI_YEARS = range(1300, 1501)


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
        return bool(words) and (words[0] in NEIGHBOURS()[cls] or " ".join(words) in NEIGHBOURS()[cls])



# --- calendar helpers ---------------------------------------------------------------------


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: dt.date, n: int) -> dt.date:
    """The same day number n months away, clamped to the month's last day."""
    y, m = divmod(day.month - 1 + n, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def weekday_on_or_before(day: dt.date, weekday: int) -> dt.date:
    return day - dt.timedelta(days=(day.weekday() - weekday) % 7)


def weekday_on_or_after(day: dt.date, weekday: int) -> dt.date:
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    start = weekday_on_or_before(day, SATURDAY)
    return start, start + 6 * DAY


# hijridate covers 1343-1500 AH (1924-2077 CE, the Umm al-Qura tables); outside it, no Hijri date.
def hijri_day(year: int, month: int, day: int) -> dt.date | None:
    try:
        g = Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return dt.date(g.year, g.month, g.day)


def hijri_month(year: int, month: int) -> tuple[dt.date, dt.date] | None:
    try:
        length = Hijri(year, month, 1).month_length()
    except (ValueError, OverflowError):
        return None
    first, last = hijri_day(year, month, 1), hijri_day(year, month, length)
    return (first, last) if first and last else None


def hijri_year_of(day: dt.date) -> int | None:
    try:
        return Gregorian(day.year, day.month, day.day).to_hijri().year
    except (ValueError, OverflowError):
        return None


def nearest(candidates: list[dt.date], published: dt.date, direction: str) -> dt.date | None:
    """The candidate nearest to P on the side `direction` says: before (<= P), past (< P), next (> P)."""
    if direction == "before":
        ok = [c for c in candidates if c <= published]
        return max(ok) if ok else None
    if direction == "past":
        ok = [c for c in candidates if c < published]
        return max(ok) if ok else None
    if direction == "after":
        ok = [c for c in candidates if c >= published]
        return min(ok) if ok else None
    ok = [c for c in candidates if c > published]
    return min(ok) if ok else None


def direction_of(qualifier: str | None, future: bool) -> str:
    """Which side of P an incomplete date lies on."""
    if qualifier in ("past", "past_relative"):
        return "past"
    if qualifier == "next":
        return "next"
    return "after" if future else "before"


def _qualifier(binds: dict[str, Token], name: str = "qualifier") -> str | None:
    tok = binds.get(name)
    return tok.classes["qualifier"] if tok else None


def _year_of(binds: dict[str, Token], hijri: bool, ctx: Context) -> tuple[int | None, bool]:
    """An explicit year ("2017", "من العام الماضي"), and whether the year part was there at all."""
    if "year" in binds:
        year = binds["year"].classes["year"]
        era = binds["era"].classes["era"] if "era" in binds else None
        if era == "hijri" or (hijri and era is None):
            return (year if year in HIJRI_YEARS else -1), True
        return (year if year in GREGORIAN_YEARS else -1), True
    if "yp" in binds and ctx.published:
        offset = {"past": -1, "current": 0, "next": 1}.get(_qualifier(binds, "yq") or "")
        if offset is None or binds["yp"].classes["period"] != "year":
            return -1, True
        base = hijri_year_of(ctx.published) if hijri else ctx.published.year
        return (base + offset if base else -1), True
    return None, False


# --- rules --------------------------------------------------------------------------------


def _day_month(binds: dict[str, Token], ctx: Context, days: tuple[int, int]) -> Resolved | None:
    month = binds["month"].classes["month"]
    if "m2" in binds and binds["m2"].classes["month"]["n"] != month["n"]:
        return None  # "تشرين الثاني (ديسمبر)": two different months are not one date
    hijri = month["calendar"] == "hijri"
    year, has_year = _year_of(binds, hijri, ctx)
    if year == -1:
        return None
    d1, d2 = days
    to_date = (lambda y, d: hijri_day(y, month["n"], d)) if hijri else (lambda y, d: safe_date(y, month["n"], d))
    qualifier = _qualifier(binds)
    if year is None:
        if not ctx.published:
            return None
        base = hijri_year_of(ctx.published) if hijri else ctx.published.year
        if base is None:
            return None
        options = [(y, to_date(y, d1)) for y in range(base - 4, base + 5)]
        pick = nearest([c for _, c in options if c], ctx.published, direction_of(qualifier, ctx.future))
        if not pick:
            return None
        year = next(y for y, c in options if c == pick)
        side = "after" if qualifier == "next" or ctx.future else "before"
        how = f"the nearest {'past ' if qualifier == 'past' else ''}such day {side} P"
    else:
        how = "explicit year"
    start, end = to_date(year, d1), to_date(year, d2)
    if not start or not end or end < start:
        return None
    warnings = []
    if "wd" in binds and d1 == d2 and binds["wd"].classes["weekday"] != start.weekday():
        warnings.append(f"{binds['wd'].text} is not a {WEEKDAY_NAMES[start.weekday()]}: the date wins")
    cal = "Hijri " if hijri else ""
    precision = "day" if d1 == d2 else "days"
    return Resolved(start, end, precision, f"{cal}day + month, {how}", warnings)


def rule_day_month(binds, ctx):
    return _day_month(binds, ctx, (binds["day"].classes["day"],) * 2)


def rule_day_range(binds, ctx):
    d1, d2 = binds["d1"].classes["day"], binds["d2"].classes["day"]
    return _day_month(binds, ctx, (d1, d2)) if d1 < d2 else None


def rule_day_of_period(binds, ctx):
    if not ctx.published:
        return None
    offset = {"past": -1, "current": 0, "next": 1}.get(_qualifier(binds) or "")
    if offset is None:
        return None
    first = add_months(ctx.published.replace(day=1), offset)
    day = safe_date(first.year, first.month, binds["day"].classes["day"])
    return Resolved(day, day, "day", "day of the month named by its qualifier") if day else None


def rule_month(binds, ctx):
    month = binds["month"].classes["month"]
    if "m2" in binds and binds["m2"].classes["month"]["n"] != month["n"]:
        return None
    hijri = month["calendar"] == "hijri"
    year, _ = _year_of(binds, hijri, ctx)
    if year == -1:
        return None
    if year is None:  # "أبريل الماضي", "نيسان المقبل"
        if not ctx.published:
            return None
        return _month_nearest(month, ctx, direction_of(_qualifier(binds), ctx.future), "qualified month")
    span = hijri_month(year, month["n"]) if hijri else (dt.date(year, month["n"], 1), month_end(year, month["n"]))
    return Resolved(*span, "month", "month + year") if span else None


def _month_nearest(month: dict, ctx: Context, direction: str, how: str) -> Resolved | None:
    """The month with that name nearest to P's month, on the side `direction` says."""
    assert ctx.published
    if month["calendar"] == "hijri":
        base = hijri_year_of(ctx.published)
        if base is None:
            return None
        spans = [s for s in (hijri_month(y, month["n"]) for y in range(base - 2, base + 3)) if s]
        # compare by the month's first day against the first day of P's Hijri month
        here = next((s for s in spans if s[0] <= ctx.published <= s[1]), None)
        anchor = here[0] if here else ctx.published
    else:
        spans = [(dt.date(y, month["n"], 1), month_end(y, month["n"]))
                 for y in range(ctx.published.year - 2, ctx.published.year + 3)]
        anchor = ctx.published.replace(day=1)
    pick = nearest([s[0] for s in spans], anchor, direction)
    if not pick:
        return None
    span = next(s for s in spans if s[0] == pick)
    return Resolved(span[0], span[1], "month", f"{how}, the nearest on the {direction} side of P")


def rule_month_bare(binds, ctx):
    month = binds["month"].classes["month"]
    if "month_word" not in binds:
        if month["ambiguous"] or ctx.word_before() not in NEIGHBOURS()["month_preposition"]:
            return None  # "في مارس" may be a verb; "في شهر مارس" is not
    if "m2" in binds and binds["m2"].classes["month"]["n"] != month["n"]:
        return None
    if not ctx.published:
        return None
    return _month_nearest(month, ctx, "after" if ctx.future else "before", "month without a year")


def rule_year(binds, ctx):
    if "year_word" not in binds and "era" not in binds:
        if ctx.word_before() not in NEIGHBOURS()["year_preposition"]:
            return None  # a bare four-digit number is a year only after في، منذ، حتى ...
    return _year(binds, ctx)


def _year(binds: dict[str, Token], ctx: Context) -> Resolved | None:
    """The year of a `year` token (with its era, if any), or None when it is not a plausible year."""
    year = binds["year"].classes["year"]
    era = binds["era"].classes["era"] if "era" in binds else None
    if ctx.followed_by("counted_noun"):
        return None  # "في 2000 منزل" is a count
    if era == "hijri":
        if year not in HIJRI_YEARS:
            return None
        start, end = hijri_month(year, 1), hijri_month(year, 12)
        if not start or not end:
            return None
        return Resolved(start[0], end[1], "year", "Hijri year")
    if year not in GREGORIAN_YEARS:
        return None
    if ctx.published and year > ctx.published.year + 15 and "year_word" not in binds:
        return None  # "في 2254" is not a year anyone writes about yet
    return Resolved(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", "year")


def _period_span(kind: str, qualifier: str | None, published: dt.date) -> tuple[dt.date, dt.date] | None:
    offset = {"past": -1, "current": 0, None: 0, "next": 1}.get(qualifier)
    if offset is None:
        return None
    if kind == "week":
        start, _ = week_of(published + dt.timedelta(weeks=offset))
        return start, start + 6 * DAY
    if kind == "month":
        first = add_months(published.replace(day=1), offset)
        return first, month_end(first.year, first.month)
    year = published.year + offset
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def rule_period(binds, ctx):
    if not ctx.published:
        return None
    kind = binds["period"].classes["period"]
    qualifier = _qualifier(binds)
    if qualifier == "recent":  # "الأسبوع الأخير": the last seven days, not the calendar week
        return _counted(kind, 1, "past", ctx.published)
    span = _period_span(kind, qualifier if "qualifier" in binds else "current", ctx.published)
    if not span:
        return None
    return Resolved(*span, kind, f"calendar {kind} ({qualifier or 'this'})")


def _edge(span: tuple[dt.date, dt.date], edge: str, precision: str) -> Resolved:
    start, end = span
    if precision == "year":
        m1, m2 = EDGE_OF_YEAR[edge]
        return Resolved(dt.date(start.year, m1, 1), month_end(start.year, m2), "month", f"{edge} of the year")
    if precision == "month":  # counted from the month's first day, so Hijri months work too
        d1, d2 = EDGE_OF_MONTH[edge]
        return Resolved(start + (d1 - 1) * DAY, min(end, start + (d2 - 1) * DAY), "days", f"{edge} of the month")
    if edge in ("start", "early"):
        return Resolved(start, start + DAY, "days", f"{edge} of the week")
    if edge == "middle":
        return Resolved(start + 2 * DAY, start + 3 * DAY, "days", "middle of the week")
    return Resolved(end - DAY, end, "days", f"{edge} of the week")


def rule_edge(binds, ctx):
    edge = binds["edge"].classes["edge"]
    if "month" in binds:
        whole = rule_month(binds, ctx) if ("year" in binds or "qualifier" in binds or "yp" in binds) else (
            _month_nearest(binds["month"].classes["month"], ctx, "after" if ctx.future else "before", "month")
            if ctx.published else None)
        if not whole:
            return None
        return _edge((whole.start, whole.end), edge, "month")
    if "year" in binds:
        whole = _year(binds, ctx)
        return _edge((whole.start, whole.end), edge, "year") if whole else None
    if not ctx.published:
        return None
    kind = binds["period"].classes["period"]
    span = _period_span(kind, _qualifier(binds), ctx.published)
    return _edge(span, edge, kind) if span else None


def rule_season(binds, ctx):
    season = binds["season"].classes["season"]
    first = SEASON_MONTHS[season]
    if "year" in binds:
        year, _ = _year_of(binds, False, ctx)
        if year in (None, -1):
            return None
    elif not ctx.published:
        return None
    elif "period" in binds:
        offset = {"past": -1, "current": 0, "next": 1}.get(_qualifier(binds) or "")
        if offset is None:
            return None
        year = ctx.published.year + offset
    elif "qualifier" in binds or "demonstrative" in binds:
        direction = {"past": "past", "next": "next"}.get(_qualifier(binds) or "", "this")
        year = _season_year(season, ctx.published, direction)
        if year is None:
            return None
    else:
        return None  # "الصيف" alone: which one?
    start = dt.date(year - 1, 12, 1) if season == "winter" else dt.date(year, first, 1)
    end_first = add_months(start, 2)
    return Resolved(start, month_end(end_first.year, end_first.month), "season", f"{season} (meteorological)")


def _season_year(season: str, published: dt.date, direction: str) -> int | None:
    def span(y: int) -> tuple[dt.date, dt.date]:
        s = dt.date(y - 1, 12, 1) if season == "winter" else dt.date(y, SEASON_MONTHS[season], 1)
        e = add_months(s, 2)
        return s, month_end(e.year, e.month)

    years = range(published.year - 2, published.year + 3)
    if direction == "past":
        return max((y for y in years if span(y)[1] < published), default=None)
    if direction == "next":
        return min((y for y in years if span(y)[0] > published), default=None)
    return published.year + (1 if season == "winter" and published.month == 12 else 0)


def rule_deictic(binds, ctx):
    if not ctx.published:
        return None
    tok = binds["deictic"]
    if tok.classes["deictic"] == 0 and ctx.followed_by("not_today_after"):
        return None  # "اليوم التالي", "اليوم العالمي": not today
    day = ctx.published + tok.classes["deictic"] * DAY
    warnings = []
    if "weekday" in binds:
        wd = binds["weekday"].classes["weekday"]
        if day.weekday() != wd:
            arithmetic = day
            back, fwd = weekday_on_or_before(day, wd), weekday_on_or_after(day, wd)
            day = back if arithmetic - back <= fwd - arithmetic else fwd
            warnings.append(f"{binds['weekday'].text} disagrees with {tok.text} from P={ctx.published}: "
                            f"the weekday wins ({day})")
    how = f"deictic day P{tok.classes['deictic']:+d}" + (" + weekday" if "weekday" in binds else "")
    return Resolved(day, day, "day", how, warnings)


def _weekday(wd: int, qualifier: str | None, ctx: Context) -> tuple[dt.date, str]:
    assert ctx.published
    p = ctx.published
    if qualifier in ("past", "past_relative"):
        return weekday_on_or_before(p - DAY, wd), "the last such weekday before P"
    if qualifier == "next":
        return weekday_on_or_after(p + DAY, wd), "the next such weekday after P"
    if ctx.future:
        return weekday_on_or_after(p, wd), "future sentence: the next such weekday, P included"
    return weekday_on_or_before(p, wd), "the last such weekday, P included"


def rule_weekday(binds, ctx):
    if not ctx.published:
        return None
    if "part_of_day" not in binds and "day_word" not in binds and (
        ctx.word_before() in NEIGHBOURS()["not_weekday_before"]
    ):
        return None  # "بين الاثنين" = between the two
    day, how = _weekday(binds["weekday"].classes["weekday"], _qualifier(binds), ctx)
    return Resolved(day, day, "day", how)


def rule_weekday_pair(binds, ctx):
    if not ctx.published:
        return None
    wd1, wd2 = binds["wd1"].classes["weekday"], binds["wd2"].classes["weekday"]
    if (wd1 + 1) % 7 != wd2:
        return None
    second, how = _weekday(wd2, None, ctx)
    return Resolved(second - DAY, second, "days", f"night of two weekdays: {how}")


def _counted(unit: str, n: int, direction: str, published: dt.date) -> Resolved | None:
    """The n units before P (ending the day before) or after P (starting the day after)."""
    if unit == "hour":
        days = -(-n // 24)
        return (Resolved(published - days * DAY, published, "days", f"the last {n} hours") if direction == "past"
                else Resolved(published, published + days * DAY, "days", f"the next {n} hours"))
    sign = -1 if direction == "past" else 1
    if unit in ("day", "week"):
        far = published + sign * n * (7 if unit == "week" else 1) * DAY
    elif unit == "month":
        far = add_months(published, sign * n)
    else:
        far = safe_date(published.year + sign * n, published.month, published.day) or (
            published.replace(day=28).replace(year=published.year + sign * n))
    if direction == "past":
        return Resolved(far, published - DAY, "days", f"the last {n} {unit}(s) before P")
    return Resolved(published + DAY, far, "days", f"the next {n} {unit}(s) after P")


def _count(binds: dict[str, Token]) -> int | None:
    """The count of a counted unit: its own (يومين = 2) or a number before or after it."""
    unit = binds["unit"].classes["unit"]
    if "number" in binds:
        n = binds["number"].classes["number"]
        return n if unit["count"] in (None, 1) and 0 < n <= 10000 else None
    return unit["count"]


def _relational(binds: dict[str, Token], ctx: Context) -> bool:
    """"بعد يومين من الهجوم", "قبل أسبوع من الانتخابات": relative to another event, not to P."""
    after = ctx.words_after(2)
    if not after or after[0] not in ("من", "على"):
        return False
    if "after" in binds:
        return True
    noun = after[1] if len(after) > 1 else ""
    return noun != "الان" and (noun.startswith("ال") or noun in NEIGHBOURS()["event_noun"])


def rule_offset(binds, ctx):
    if _relational(binds, ctx):
        return None
    if not ctx.published:
        return None
    unit = binds["unit"].classes["unit"]["unit"]
    n = _count(binds)
    if n is None or "vague_count" in binds:
        return Resolved(None, None, unit, "vague count", vague=True)
    sign = 1 if "after" in binds else -1
    p = ctx.published
    if unit == "hour":
        day = p + sign * (n // 24) * DAY
        return Resolved(day, day, "day", f"{n} hours from P")
    if unit in ("day", "week"):
        day = p + sign * n * (7 if unit == "week" else 1) * DAY
        return Resolved(day, day, "day", f"P {'+' if sign > 0 else '-'} {n} {unit}(s)")
    if unit == "month":
        first = add_months(p.replace(day=1), sign * n)
        return Resolved(first, month_end(first.year, first.month), "month", f"the month {n} month(s) from P")
    year = p.year + sign * n
    if year not in GREGORIAN_YEARS:
        return None
    return Resolved(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", f"the year {n} year(s) from P")


def rule_counted_range(binds, ctx):
    unit = binds["unit"].classes["unit"]
    qualifier = _qualifier(binds)
    if qualifier not in ("past", "recent", "next"):
        return None
    if not unit["definite"] and "al" not in binds and "number" not in binds:
        return None  # "أيام الماضي" is not a range
    n = _count(binds)
    if n is None or "vague_count" in binds:
        return Resolved(None, None, "days", "vague count", vague=True)
    if not ctx.published:
        return None
    return _counted(unit["unit"], n, "next" if qualifier == "next" else "past", ctx.published)


def rule_vague(binds, ctx):
    return Resolved(None, None, "vague", "vague time phrase", vague=True)


RULES: dict[str, Callable[[dict[str, Token], Context], Resolved | None]] = {
    "day_month": rule_day_month,
    "day_range": rule_day_range,
    "day_of_period": rule_day_of_period,
    "month": rule_month,
    "month_bare": rule_month_bare,
    "year": rule_year,
    "edge": rule_edge,
    "season": rule_season,
    "period": rule_period,
    "deictic": rule_deictic,
    "weekday": rule_weekday,
    "weekday_pair": rule_weekday_pair,
    "offset": rule_offset,
    "counted_range": rule_counted_range,
    "vague": rule_vague,
}
