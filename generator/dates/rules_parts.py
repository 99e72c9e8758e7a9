"""Rules for periods and their parts: calendar periods (الأسبوع الماضي), seasons, the edges of a
month or a year (مطلع، منتصف، أواخر) and its named parts (الأسبوع الأول، الربع الأول، النصف الثاني،
آخر خميس، الأشهر الستة الأولى)."""

from __future__ import annotations

import datetime as dt

from .cal import DAY, add_months, month_end, period_span, weekday_on_or_after, weekday_on_or_before
from .context import OFFSET, Binds, Context, Resolved, explicit_year, qualifier, weekday_value
from .rules_counts import counted
from .rules_months import month_whole, year_of

EDGE_OF_MONTH = {"start": (1, 10), "early": (1, 10), "middle": (11, 20), "late": (21, 31), "end": (21, 31)}
EDGE_OF_YEAR = {"start": (1, 1), "early": (1, 3), "middle": (6, 7), "late": (10, 12), "end": (12, 12)}
SEASON_MONTHS = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}  # first month; three months each


def _offset(binds: Binds, name: str = "qualifier") -> int | None:
    """How many periods from P's own a qualifier moves; none (هذا الشهر، الشهر) is this one."""
    return OFFSET.get(qualifier(binds, name) or "") if name in binds else 0


def rule_period(binds, ctx):
    if not ctx.published:
        return None
    kind = binds["period"].classes["period"]
    q = qualifier(binds)
    if q == "recent":  # "الأسبوع الأخير": the last seven days, not the calendar week
        return counted(kind, 1, "past", ctx.published)
    offset = _offset(binds)
    if offset is None:
        return None
    span = period_span(kind, offset, ctx.published)
    return Resolved(*span, kind, f"calendar {kind} ({q or 'this'})")


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
        whole = month_whole(binds, ctx)
        return _edge((whole.start, whole.end), edge, "month") if whole and whole.start else None
    if "year" in binds:
        whole = year_of(binds, ctx)
        return _edge((whole.start, whole.end), edge, "year") if whole else None
    if not ctx.published:
        return None
    kind = binds["period"].classes["period"]
    offset = _offset(binds)
    return _edge(period_span(kind, offset, ctx.published), edge, kind) if offset is not None else None


def _container(binds: Binds, ctx: Context) -> tuple[dt.date, dt.date, str] | None:
    """The whole a part is taken from: a month, a year, or a period named by its qualifier."""
    if "month" in binds:
        whole = month_whole(binds, ctx)
        return (whole.start, whole.end, "month") if whole and whole.start else None
    if "year" in binds:
        whole = year_of(binds, ctx)
        return (whole.start, whole.end, "year") if whole else None
    if not ctx.published:
        return None
    kind = binds["cp"].classes["period"]
    offset = _offset(binds, "cq")
    return (*period_span(kind, offset, ctx.published), kind) if offset is not None else None


def _nth(start: dt.date, end: dt.date, size: dt.timedelta, rank: int) -> tuple[dt.date, dt.date] | None:
    """The rank-th block of `size` days from the start (the last one, -1, ends at the end)."""
    if rank == -1:
        return end - size + DAY, end
    first = start + (rank - 1) * size
    return (first, min(end, first + size - DAY)) if first <= end else None


def _fraction(start: dt.date, end: dt.date, kind: str, parts: int, rank: int) -> tuple[dt.date, dt.date] | None:
    """The rank-th of `parts` equal parts: of a year in whole months, of a month in days
    (the last part takes the month's remaining days)."""
    index = parts - 1 if rank == -1 else rank - 1
    if not 0 <= index < parts:
        return None
    if kind == "year":
        size = 12 // parts
        first = add_months(start, index * size)
        last = add_months(first, size) - DAY
        return first, last
    size = 30 // parts
    first = start + index * size * DAY
    return first, end if index == parts - 1 else first + (size - 1) * DAY


Span = tuple[dt.date, dt.date, str]  # a whole: its first and last day, and its kind (month, year, week)


def _first_or_last(binds: Binds) -> int | None:
    """1 for "أول", -1 for "آخر", else the rank word's ("الأول", "الأخيرة", "الثاني")."""
    if "last_word" in binds:
        return -1
    if "first_word" in binds:
        return 1
    return binds["rank"].classes["rank"] if "rank" in binds else None


def _single_unit(binds: Binds, whole: Span) -> Resolved | None:
    """"أول أسبوع من أيلول", "آخر شهر من العام", "أول يوم من العام"."""
    start, end, kind = whole
    unit, n = binds["fu"].classes["unit"], _first_or_last(binds)
    if unit["count"] != 1 or unit["definite"] or n is None:
        return None
    if unit["unit"] == "day":
        day = end if n == -1 else start
        return Resolved(day, day, "day", f"day {n} of the {kind}")
    if unit["unit"] == "week" and kind in ("month", "year"):
        span = _nth(start, end, 7 * DAY, n)
        return Resolved(*span, "week", f"week {n} of the {kind}") if span else None
    if unit["unit"] == "month" and kind == "year":
        return _month_of_year(start, n)
    return None


def _month_of_year(start: dt.date, n: int) -> Resolved | None:
    if not (1 <= n <= 12 or n == -1):
        return None
    first = add_months(start, 11 if n == -1 else n - 1)
    return Resolved(first, month_end(first.year, first.month), "month", f"month {n} of the year")


def _weekday_in(binds: Binds, whole: Span) -> Resolved | None:
    """"أول خميس من الشهر", "الجمعة الأخيرة من رمضان", "الخميس الثاني من الشهر"."""
    start, end, kind = whole
    wd, n = weekday_value(binds["wd"]), _first_or_last(binds)
    if n is None:
        return None
    day = weekday_on_or_before(end, wd) if n == -1 else weekday_on_or_after(start, wd) + 7 * (n - 1) * DAY
    return Resolved(day, day, "day", f"weekday {n} of the {kind}") if start <= day <= end else None


def _day_in(binds: Binds, whole: Span) -> Resolved | None:
    """"آخر يوم من الشهر", "اليوم الأخير من العام", "أول أيام رمضان", "غرة شوال"."""
    start, end, kind = whole
    if "dy" in binds and binds["dy"].text != "اليوم":
        return None
    n = binds["nth_day"].classes["nth_day"] if "nth_day" in binds else _first_or_last(binds)
    if n is None:
        return None
    day = end if n == -1 else start + (n - 1) * DAY
    return Resolved(day, day, "day", f"day {n} of the {kind}") if start <= day <= end else None


def _fraction_of(binds: Binds, whole: Span) -> Resolved | None:
    """"النصف الثاني من 2016", "الربع الأول من العام", "الثلث الأخير من الشهر"."""
    start, end, kind = whole
    parts, rank = binds["fraction"].classes["fraction"], _first_or_last(binds)
    span = _fraction(start, end, kind, parts, rank) if kind in ("month", "year") and rank else None
    if not span:
        return None
    return Resolved(*span, "month" if kind == "year" else "days", f"part {rank} of {parts} of the {kind}")


def _ten_days(binds: Binds, whole: Span) -> Resolved | None:
    """"العشر الأواخر من رمضان"."""
    start, end, kind = whole
    span = _nth(start, end, 10 * DAY, binds["ten_days"].classes["ten_days"]) if kind == "month" else None
    return Resolved(*span, "days", "ten days of the month") if span else None


def _units_at_an_end(binds: Binds, whole: Span) -> Resolved | None:
    """"الأشهر الستة الأولى من عام 2017", "الأيام العشرة الأخيرة من رمضان", "الشهرين الأخيرين من العام"."""
    start, end, kind = whole
    unit, rank = binds["pu"].classes["unit"], _first_or_last(binds)
    n = binds["pn"].classes["number"] if "pn" in binds else unit["count"]
    plural = unit["count"] is None if "pn" in binds else unit["count"] == 2
    if not unit["definite"] or not plural or not n or n < 2 or rank not in (1, -1):
        return None
    if unit["unit"] == "month" and kind == "year":
        span = (start, add_months(start, n) - DAY) if rank == 1 else (add_months(end + DAY, -n), end)
        precision = "month"
    elif unit["unit"] in ("day", "week") and kind in ("month", "year"):
        span, precision = _nth(start, end, n * (7 if unit["unit"] == "week" else 1) * DAY, rank), "days"
    else:
        return None
    if not span or span[0] < start or span[1] > end:
        return None
    return Resolved(*span, precision, f"the {'first' if rank == 1 else 'last'} {n} {unit['unit']}s of the {kind}")


def _period_in(binds: Binds, whole: Span) -> Resolved | None:
    """"الأسبوع الأول من أيلول", "الأسبوع الأخير من العام", "الشهر الأول من العام المقبل"."""
    start, end, kind = whole
    sub, rank = binds["pu"].classes["period"], _first_or_last(binds)
    if rank is None:
        return None
    if sub == "week" and kind in ("month", "year"):
        span = _nth(start, end, 7 * DAY, rank)
        return Resolved(*span, "week", f"week {rank} of the {kind}") if span else None
    return _month_of_year(start, rank) if sub == "month" and kind == "year" else None


def rule_part(binds, ctx):
    """A part of a month, a year or a named period; which part, the bound words say."""
    whole = _container(binds, ctx)
    if not whole:
        return None
    if "fu" in binds:
        return _single_unit(binds, whole)
    if "wd" in binds:
        return _weekday_in(binds, whole)
    if "nth_day" in binds or "day_word" in binds or "dy" in binds:
        return _day_in(binds, whole)
    if "fraction" in binds:
        return _fraction_of(binds, whole)
    if "ten_days" in binds:
        return _ten_days(binds, whole)
    if "unit" in binds["pu"].classes:
        return _units_at_an_end(binds, whole)
    return _period_in(binds, whole)


def rule_season(binds, ctx):
    season = binds["season"].classes["season"]
    first = SEASON_MONTHS[season]
    if "year" in binds:
        found = explicit_year(binds, ctx)
        if not found or found[1] != "gregorian":
            return None
        year = found[0]
    elif not ctx.published:
        return None
    elif "period" in binds:
        offset = OFFSET.get(qualifier(binds) or "")
        if offset is None:
            return None
        year = ctx.published.year + offset
    elif "qualifier" in binds or "demonstrative" in binds:
        year = _season_year(season, ctx.published, qualifier(binds))
        if year is None:
            return None
    else:
        return None  # "الصيف" alone: which one?
    start = dt.date(year - 1, 12, 1) if season == "winter" else dt.date(year, first, 1)
    end_first = add_months(start, 2)
    return Resolved(start, month_end(end_first.year, end_first.month), "season", f"{season} (meteorological)")


def _season_year(season: str, published: dt.date, q: str | None) -> int | None:
    def span(y: int) -> tuple[dt.date, dt.date]:
        s = dt.date(y - 1, 12, 1) if season == "winter" else dt.date(y, SEASON_MONTHS[season], 1)
        e = add_months(s, 2)
        return s, month_end(e.year, e.month)

    years = range(published.year - 3, published.year + 4)
    if q in ("past", "past2"):
        past = sorted((y for y in years if span(y)[1] < published), reverse=True)
        skip = 1 if q == "past2" else 0
        return past[skip] if len(past) > skip else None
    if q in ("next", "next2"):
        ahead = sorted(y for y in years if span(y)[0] > published)
        skip = 1 if q == "next2" else 0
        return ahead[skip] if len(ahead) > skip else None
    return published.year + (1 if season == "winter" and published.month == 12 else 0)

