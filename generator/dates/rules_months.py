"""Rules that name months, years and longer: a month with or without its year, two months or two
years as one range, decades and centuries, and the Islamic (and a few Christian) feasts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .cal import (
    DAY,
    GREGORIAN_YEARS,
    HIJRI_YEARS,
    hijri_month,
    hijri_year_in,
    hijri_year_of,
    month_span,
    nearest,
)
from .context import (
    OFFSET,
    Binds,
    Context,
    Resolved,
    date_in,
    direction_of,
    explicit_year,
    month_of,
    neighbours,
    qualifier,
    resolve_year,
)
from .rules_days import joined_as_range


def month_span_in(month: dict[str, Any], year: int, cal: str) -> tuple[dt.date, dt.date] | None:
    """The month in a year of calendar `cal`; a Hijri month in a Gregorian year is the one that
    begins in it ("رمضان 2017" = Ramadan 1438)."""
    if month["calendar"] == "hijri":
        if cal == "gregorian":
            hy = hijri_year_in(year, month["n"], 1)
            return hijri_month(hy, month["n"]) if hy else None
        return hijri_month(year, month["n"])
    return month_span(year, month["n"]) if cal == "gregorian" and year in GREGORIAN_YEARS else None


def month_nearest(month: dict[str, Any], ctx: Context, direction: str, skip: int, how: str) -> Resolved | None:
    """The month with that name nearest to P's month, on the side `direction` says."""
    assert ctx.published
    if month["calendar"] == "hijri":
        base = hijri_year_of(ctx.published)
        if base is None:
            return None
        spans = [s for s in (hijri_month(y, month["n"]) for y in range(base - 3, base + 4)) if s]
        # compare by the month's first day against the first day of P's Hijri month
        here = next((s for s in spans if s[0] <= ctx.published <= s[1]), None)
        anchor = here[0] if here else ctx.published
    else:
        spans = [month_span(y, month["n"]) for y in range(ctx.published.year - 3, ctx.published.year + 4)]
        anchor = ctx.published.replace(day=1)
    pick = nearest([s[0] for s in spans], anchor, direction, skip)
    if not pick:
        return None
    span = next(s for s in spans if s[0] == pick)
    return Resolved(span[0], span[1], "month", f"{how}, the nearest on the {direction} side of P")


def month_whole(binds: Binds, ctx: Context, month: dict[str, Any] | None = None) -> Resolved | None:
    """The month a match names: with its year, "الجاري" (this year's), or the nearest one."""
    month = month or month_of(binds)
    if month is None or ("epithet" in binds and month["calendar"] != "hijri"):
        return None
    found = explicit_year(binds, ctx)
    if found:
        if found[0] == -1 or ("year" in binds and ctx.followed_by("counted_noun")):
            return None
        year, cal = resolve_year(month, found, ctx.published)
        span = month_span_in(month, year, cal) if year != -1 else None
        return Resolved(*span, "month", "month + year") if span else None
    if not ctx.published:
        return None
    q = "current" if "demonstrative" in binds else qualifier(binds)  # "هذا يناير"
    if q == "current":  # "شباط الجاري", "رمضان الجاري": this year's
        hijri = month["calendar"] == "hijri"
        base = hijri_year_of(ctx.published) if hijri else ctx.published.year
        span = month_span_in(month, base, "hijri" if hijri else "gregorian") if base else None
        return Resolved(*span, "month", "this year's month (الجاري)") if span else None
    return month_nearest(month, ctx, *direction_of(q, ctx.future), "qualified month" if q else "month")


def rule_month(binds, ctx):
    return month_whole(binds, ctx)


def rule_month_bare(binds, ctx):
    month = month_of(binds)
    if month is None or not ctx.published:
        return None
    if "epithet" in binds and month["calendar"] != "hijri":
        return None  # "باب المعظم" is a gate, not August
    if "month_word" not in binds and "epithet" not in binds:  # "رمضان المبارك" is the month
        if month["ambiguous"] or ctx.word_before() not in neighbours()["month_preposition"]:
            return None  # "في مارس" may be a verb; "في شهر مارس" is not
    return month_nearest(month, ctx, "after" if ctx.future else "before", 0, "month without a year")


def rule_month_range(binds, ctx):
    """"من آذار إلى حزيران 2015": the second month as written, the first in its year or the one before."""
    m1 = binds["m1"].classes["month"]
    if not joined_as_range(binds) or ("p1" in binds and binds["p1"].classes["month"]["n"] != m1["n"]):
        return None
    month = month_of(binds)
    if month is None or month["calendar"] != m1["calendar"]:
        return None
    second = month_whole(binds, ctx, month)
    if not second or not second.start:
        return None
    found = explicit_year(binds, ctx, "y1")
    if found:
        first = month_span_in(m1, *found) if found[0] != -1 else None
    elif m1["n"] == month["n"]:
        return None  # "تموز - يوليو" is one month named twice
    elif m1["calendar"] == "hijri":
        base = hijri_year_of(second.start)
        first = hijri_month(base if m1["n"] < month["n"] else base - 1, m1["n"]) if base else None
    else:
        first = month_span(second.start.year if m1["n"] < month["n"] else second.start.year - 1, m1["n"])
    if not first or first[0] >= second.start:
        return None
    return Resolved(first[0], second.end, "month", f"from one month to another, the second by {second.rule}")


def year_span(year: int, era: str | None) -> Resolved | None:
    if era == "hijri":
        start, end = hijri_month(year, 1), hijri_month(year, 12)
        return Resolved(start[0], end[1], "year", "Hijri year") if start and end else None
    if year not in GREGORIAN_YEARS:
        return None
    return Resolved(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", "year")


def year_of(binds: Binds, ctx: Context) -> Resolved | None:
    """The year of a `year` token (with its era, if any), or None when it is not a plausible year."""
    year = binds["year"].classes["year"]
    era = binds["era"].classes["era"] if "era" in binds else None
    if ctx.followed_by("counted_noun"):
        return None  # "في 2000 منزل" is a count
    if era == "hijri":
        return year_span(year, "hijri") if year in HIJRI_YEARS else None
    if ctx.published and year > ctx.published.year + 15 and "year_word" not in binds:
        return None  # "في 2254" is not a year anyone writes about yet
    return year_span(year, None)


def rule_year(binds, ctx):
    if "year_word" not in binds and "era" not in binds:
        if ctx.word_before() not in neighbours()["year_preposition"]:
            return None  # a bare four-digit number is a year only after في، منذ، حتى ...
    spelled = not binds["year"].text[0].isdigit()
    if spelled and "year_word" not in binds and " " not in binds["year"].text:
        return None  # "إلى ألفين" is a count; "عام ألفين", "في ألفين وتسعة" are years
    resolved = year_of(binds, ctx)
    if resolved and spelled:
        resolved.rule = "year in words"
    return resolved


def rule_year_range(binds, ctx):
    """"من 2011 إلى 2013", "بين عامي 2012 و2014": from the first year's first day to the second's last."""
    dual = "year_word" in binds and binds["year_word"].text in ("عامي", "سنتي")  # "لعامي 2015 و2016"
    if not (joined_as_range(binds) or dual or "/" in binds) or ctx.followed_by("counted_noun"):
        return None
    y1, y2 = explicit_year(binds, ctx, "y1"), explicit_year(binds, ctx, "y2")
    if not y1 or not y2 or y1[1] != y2[1] or y1[1] not in ("gregorian", "hijri") or not y1[0] < y2[0] <= y1[0] + 100:
        return None
    first, last = year_span(y1[0], y1[1]), year_span(y2[0], y2[1])
    if not first or not last:
        return None
    return Resolved(first.start, last.end, "year", f"from one {'Hijri ' if y1[1] == 'hijri' else ''}year to another")


def _century(binds: Binds, ctx: Context) -> int | None:
    """The first year of the century named: "القرن العشرين" 1900, "القرن الماضي" (from P)."""
    if "cn" in binds:
        n = binds["cn"].classes["day"]
        return (n - 1) * 100 if 11 <= n <= 21 else None
    offset = OFFSET.get(qualifier(binds) or "")
    if offset is None or not ctx.published:
        return None
    return (ctx.published.year // 100 + offset) * 100


def rule_decade(binds, ctx):
    """"الثمانينيات" (the latest such decade begun by P), "ستينيات القرن الماضي"."""
    decade = binds["decade"].classes["decade"]
    if "century" in binds:
        base = _century(binds, ctx)
    elif any("century" in t.classes for t in ctx.tokens[ctx.last : ctx.last + 2]):
        return None  # "ثمانينات القرن التاسع عشر" whose century was not read: not the latest eighties
    elif ctx.published:
        base = ctx.published.year // 100 * 100
        base -= 100 if base + decade > ctx.published.year else 0
    else:
        return None
    if base is None or not 1000 <= base + decade <= 2100:
        return None
    return Resolved(dt.date(base + decade, 1, 1), dt.date(base + decade + 9, 12, 31), "year", f"the {decade}s")


def rule_century(binds, ctx):
    base = _century(binds, ctx)
    if base is None or not 1000 <= base <= 2100:
        return None
    return Resolved(dt.date(base, 1, 1), dt.date(base + 99, 12, 31), "year", "a century")


def rule_feast(binds, ctx):
    """"عيد الفطر 2016" (the one in that Gregorian year), "عيد الأضحى الماضي", "أول أيام عيد الأضحى"."""
    spec = binds["feast"].classes["feast"]
    hijri = "hijri" in spec
    m, d = spec["hijri"] if hijri else spec["gregorian"]
    month = {"n": m, "calendar": "hijri" if hijri else "gregorian"}
    found = explicit_year(binds, ctx)
    if found:
        year, cal = resolve_year(month, found, ctx.published) if found[0] != -1 else found
        start = date_in(month, d, year, cal) if year != -1 else None
        how = "in the year named"
    else:
        if not ctx.published:
            return None
        base = hijri_year_of(ctx.published) if hijri else ctx.published.year
        if base is None:
            return None
        native = month["calendar"]
        q = qualifier(binds)
        if q == "current":
            start, how = date_in(month, d, base, native), "this year's"
        else:
            options = [c for c in (date_in(month, d, y, native) for y in range(base - 3, base + 4)) if c]
            direction, skip = direction_of(q, ctx.future)  # as any date without its year
            start = nearest(options, ctx.published, direction, skip)
            how = f"the nearest on the {direction} side of P"
    if not start:
        return None
    days, festival = spec.get("days", 1), spec.get("festival", spec.get("days", 1))
    if "nth_day" in binds:  # "ثاني أيام عيد الفطر"; "آخر أيام" is the holiday's last
        nth = binds["nth_day"].classes["nth_day"]
        start = end = start + (festival - 1 if nth == -1 else nth - 1) * DAY
    else:
        end = start + (days - 1) * DAY
    return Resolved(start, end, "day" if start == end else "days", f"{'Hijri ' if hijri else ''}feast, {how}")
