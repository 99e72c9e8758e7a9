"""Rules that name days: a day of a month, all-digit dates, two days or two dates as one range, a
day of "this" or "next" month, deictic days (أمس، غداً), weekdays and a weekday of a named week.

Each rule takes the tokens its pattern bound and the Context, and returns a Resolved interval or
None to let a shorter match be tried.
"""

from __future__ import annotations

import datetime as dt

from .cal import (
    DAY,
    GREGORIAN_YEARS,
    HIJRI_YEARS,
    SATURDAY,
    WEEKDAY_NAMES,
    add_months,
    hijri_day,
    hijri_year_of,
    nearest,
    period_span,
    safe_date,
    weekday_on_or_after,
    weekday_on_or_before,
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
    weekday_value,
    weekday_warning,
)


def _base_year(month: dict, published: dt.date) -> int | None:
    return hijri_year_of(published) if month["calendar"] == "hijri" else published.year


def _day_month(binds: Binds, ctx: Context, days: tuple[int, int]) -> Resolved | None:
    month = month_of(binds)
    if month is None:
        return None
    found = explicit_year(binds, ctx)
    if found and found[0] == -1:
        return None
    if found and "year" in binds and ctx.followed_by("counted_noun"):
        return None  # "في 12 أيار، 2000 شخص": the number is a count
    cal = "gregorian" if month["calendar"] == "gregorian" else "hijri"
    q = qualifier(binds)
    d1, d2 = days
    if found:
        year, cal = resolve_year(month, found, ctx.published)
        how = "explicit year"
    else:
        if not ctx.published:
            return None
        base = _base_year(month, ctx.published)
        if base is None:
            return None
        year, how = None, ""
        if q == "current":  # "25 مايو الجاري": this year's
            year, how = base, "this year (الجاري)"
        elif q is None and "wd" in binds and d1 == d2:  # "الجمعة 22 آذار": the year whose 22 March is a Friday
            wd = weekday_value(binds["wd"])
            hits = [y for y in (base - 1, base, base + 1) if (d := date_in(month, d1, y, cal)) and d.weekday() == wd]
            if len(hits) == 1:
                year, how = hits[0], "the year its weekday names"
        if year is None:
            direction, skip = direction_of(q, ctx.future)
            options = [(y, date_in(month, d1, y, cal)) for y in range(base - 4, base + 5)]
            pick = nearest([c for _, c in options if c], ctx.published, direction, skip)
            if not pick:
                return None
            year = next(y for y, c in options if c == pick)
            side = "after" if direction in ("next", "after") else "before"
            how = f"the nearest {'past ' if q in ('past', 'past2') else ''}such day {side} P"
    start, end = date_in(month, d1, year, cal), date_in(month, d2, year, cal)
    if not start or not end or end < start:
        return None
    warnings = weekday_warning(binds, start) if d1 == d2 else []
    kind = "Hijri " if month["calendar"] == "hijri" else ""
    return Resolved(start, end, "day" if d1 == d2 else "days", f"{kind}day + month, {how}", warnings)


def rule_day_month(binds, ctx):
    if "ds" in binds and "year" not in binds and "wd" not in binds and binds["month"].classes["month"]["ambiguous"]:
        return None  # "5/ آذار/ 2017", "يوم الإثنين 6/ آذار" are dates; "1-صفر" is a score
    if "epithet" in binds and binds["month"].classes["month"]["calendar"] != "hijri":
        return None
    return _day_month(binds, ctx, (binds["day"].classes["day"],) * 2)


def rule_day_range(binds, ctx):
    d1, d2 = binds["d1"].classes["day"], binds["d2"].classes["day"]
    if d1 >= d2:
        return None
    if "month" in binds or "mn" in binds:
        return _day_month(binds, ctx, (d1, d2))
    if not ctx.published:  # "من 4 إلى 22 هذا الشهر": the month its qualifier names
        return None
    offset = OFFSET.get(qualifier(binds) or "") if "qualifier" in binds else 0
    if offset is None:
        return None
    first = add_months(ctx.published.replace(day=1), offset)
    start, end = safe_date(first.year, first.month, d1), safe_date(first.year, first.month, d2)
    return Resolved(start, end, "days", "days of the month named by its qualifier") if start and end else None


def joined_as_range(binds: Binds) -> bool:
    """"من ... إلى", "حتى", "-" make a range; a bare "و" only after "بين" ("في يناير ومارس" is two months)."""
    return "ila" in binds or "hatta" in binds or "-" in binds or "bayn" in binds


def first_end(binds: Binds, ctx: Context, second: dt.date, day: int) -> dt.date | None:
    """The first end of a range "من <day> <m1> [year] إلى <second>": its own year, or the second's
    (the year before when its month comes later: "من 27 كانون الأول إلى 2 كانون الثاني")."""
    m1 = binds["m1"].classes["month"]
    if "p1" in binds and binds["p1"].classes["month"]["n"] != m1["n"]:
        return None
    found = explicit_year(binds, ctx, "y1")
    if found:
        year, cal = found
        return date_in(m1, day, year, cal) if year != -1 else None
    if m1["calendar"] == "hijri":
        base = hijri_year_of(second)
        if base is None:
            return None
        d = hijri_day(base, m1["n"], day)
        return d if d and d <= second else hijri_day(base - 1, m1["n"], day)
    d = safe_date(second.year, m1["n"], day)
    return d if d and d <= second else safe_date(second.year - 1, m1["n"], day)


def rule_date_range(binds, ctx):
    if not joined_as_range(binds) or binds["m1"].classes["month"]["calendar"] != binds["month"].classes["month"][
            "calendar"]:
        return None
    second = _day_month(binds, ctx, (binds["d2"].classes["day"],) * 2)
    if not second or not second.start:
        return None
    start = first_end(binds, ctx, second.start, binds["d1"].classes["day"])
    if not start or start >= second.start:
        return None
    return Resolved(start, second.end, "days", f"from one date to another, the second by {second.rule}")


def rule_numeric_date(binds, ctx):
    d, mn, y = binds["d"], binds["mn"], binds["year"]
    s1, s2 = binds["s1"].text, binds["s2"].text
    if s1 != s2 and {s1, s2} != {"/", "\\"}:
        return None
    first, last = (d, y) if d.start < y.start else (y, d)
    # not a piece of a longer run of numbers ("1.14-05-2013", "14-05-2013-2"); a full stop may end it
    before = ctx.text[max(0, first.start - 2) : first.start]
    if before and (before[-1] in "0123456789/-\\" or (before[-1] == "." and before[:1].isdigit())):
        return None
    after = ctx.text[last.end : last.end + 2]
    if after and (after[0] in "0123456789/-\\" or (after[0] == "." and after[1:2].isdigit())):
        return None
    year, month, day = y.classes["year"], mn.classes["number"], d.classes["day"]
    era = binds["era"].classes["era"] if "era" in binds else None
    hijri = era == "hijri" or (era is None and year in HIJRI_YEARS)

    def read(m: int, dd: int) -> dt.date | None:
        if hijri:
            return hijri_day(year, m, dd) if year in HIJRI_YEARS and 1 <= m <= 12 else None
        return safe_date(year, m, dd) if year in GREGORIAN_YEARS else None

    date = read(month, day)
    if not date:
        return None
    kind = "Hijri numeric date" if hijri else "numeric date"
    order = "day first" if first is d else "year first"
    if weekday_warning(binds, date) and day <= 12 and order == "day first":
        swapped = read(day, month)  # "الاثنين 10/4/1436": only the month-first reading is a Monday
        if swapped and not weekday_warning(binds, swapped):
            said = f"read month first: day first is a {WEEKDAY_NAMES[date.weekday()]}, not {binds['wd'].text}"
            return Resolved(swapped, swapped, "day", f"{kind}, month first as its weekday says", [said])
    return Resolved(date, date, "day", f"{kind}, {order}", weekday_warning(binds, date))


def rule_numeric_range(binds, ctx):
    """"من 1/3/2017 إلى 15/3/2017": two all-digit dates as one interval."""
    if not joined_as_range(binds):
        return None
    ends = []
    for k, (sa, sb) in ((1, ("s1", "s2")), (2, ("s3", "s4"))):
        part = {"d": binds[f"d{k}"], "mn": binds[f"mn{k}"], "year": binds[f"y{k}"], "s1": binds[sa], "s2": binds[sb]}
        ends.append(rule_numeric_date(part, ctx))
    if not ends[0] or not ends[1] or ends[0].start >= ends[1].start:
        return None
    return Resolved(ends[0].start, ends[1].end, "days", f"from one {ends[0].rule} to another")


def rule_day_of_period(binds, ctx):
    if not ctx.published:
        return None
    if "alone" in binds:  # "في 25 الجاري": only the current month goes without its noun, in digits
        current = qualifier(binds, "alone") == "current" and binds["day"].text[0].isdigit()
        offset = 0 if current else None
    else:
        offset = OFFSET.get(qualifier(binds) or "") if "qualifier" in binds else 0  # "هذا الشهر"
    if offset is None:
        return None
    first = add_months(ctx.published.replace(day=1), offset)
    day = safe_date(first.year, first.month, binds["day"].classes["day"])
    if not day:
        return None
    return Resolved(day, day, "day", "day of the month named by its qualifier", weekday_warning(binds, day))


def rule_deictic(binds, ctx):
    if not ctx.published:
        return None
    tok = binds["deictic"]
    if tok.classes["deictic"] == 0 and ctx.followed_by("not_today_after"):
        return None  # "اليوم التالي", "اليوم العالمي": not today
    if "part_of_day" not in binds and "day_word" not in binds and (
            ctx.word_before() in neighbours()["not_deictic_before"]):
        return None  # "ذات اليوم", "تلك الليلة": the story's day, not P's
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


def weekday_near(wd: int, q: str | None, ctx: Context) -> tuple[dt.date, str]:
    assert ctx.published
    p = ctx.published
    if q in ("past", "past_relative", "past2"):
        back = 7 * DAY if q == "past2" else dt.timedelta(0)
        return weekday_on_or_before(p - DAY, wd) - back, f"the {'second ' if back else ''}last such weekday before P"
    if q in ("next", "next2"):
        on = 7 * DAY if q == "next2" else dt.timedelta(0)
        return weekday_on_or_after(p + DAY, wd) + on, f"the {'second ' if on else ''}next such weekday after P"
    if ctx.future:
        return weekday_on_or_after(p, wd), "future sentence: the next such weekday, P included"
    return weekday_on_or_before(p, wd), "the last such weekday, P included"


def rule_weekday(binds, ctx):
    if not ctx.published:
        return None
    if "part_of_day" not in binds and "day_word" not in binds and (
        ctx.word_before() in neighbours()["not_weekday_before"]
    ):
        return None  # "بين الاثنين" = between the two
    wd = binds["weekday"].classes["weekday"]
    if "demonstrative" in binds:  # "هذا الاثنين": the Monday of this (Saturday-to-Friday) week
        day = period_span("week", 0, ctx.published)[0] + dt.timedelta(days=(wd - SATURDAY) % 7)
        return Resolved(day, day, "day", "the weekday of this week")
    day, how = weekday_near(wd, qualifier(binds), ctx)
    return Resolved(day, day, "day", how)


def rule_weekday_day(binds, ctx):
    """"السبت السادس عشر": the day of the month with that number and weekday nearest to P (within
    six weeks); none there, no date."""
    if not ctx.published or ctx.followed_by("counted_noun"):
        return None
    wd, n = weekday_value(binds["wd"]), binds["day"].classes["day"]
    first = ctx.published.replace(day=1)
    options = [d for k in (-1, 0, 1) if (m := add_months(first, k)) and (d := safe_date(m.year, m.month, n))
               and d.weekday() == wd and abs((d - ctx.published).days) <= 42]
    if not options:
        return None
    day = min(options, key=lambda d: (abs((d - ctx.published).days), d > ctx.published))
    return Resolved(day, day, "day", "weekday and day of the month, the nearest such pair to P")


def rule_weekday_range(binds, ctx):
    """"من السبت إلى الاثنين": the second weekday as a weekday alone, the first the nearest before it."""
    if not ctx.published:
        return None
    wd1, wd2 = binds["wd1"].classes["weekday"], binds["wd2"].classes["weekday"]
    # "و" joins two days of one span when they follow each other and a dual says so: "يومي السبت
    # والأحد"، "السبت والأحد الماضيين" (else they are two days: "الجمعة والاثنين")
    day_word, q = binds.get("day_word"), binds.get("qualifier")
    dual = day_word is not None and day_word.text == "يومي" or q is not None and q.text.endswith(("يين", "يان"))
    joined = "bayn" in binds or "ila" in binds or "hatta" in binds or (dual and (wd1 + 1) % 7 == wd2)
    if wd1 == wd2 or not joined:
        return None  # "من السبت إلى الاثنين", "الجمعة حتى الأحد", "بين الأحد والثلاثاء"
    end, how = weekday_near(wd2, qualifier(binds), ctx)
    return Resolved(end - dt.timedelta(days=(wd2 - wd1) % 7), end, "days", f"from one weekday to another: {how}")


def rule_weekday_pair(binds, ctx):
    if not ctx.published:
        return None
    wd1, wd2 = binds["wd1"].classes["weekday"], binds["wd2"].classes["weekday"]
    if (wd1 + 1) % 7 != wd2:
        return None
    second, how = weekday_near(wd2, None, ctx)
    return Resolved(second - DAY, second, "days", f"night of two weekdays: {how}")


def rule_weekday_of_week(binds, ctx):
    """"الخميس من الأسبوع الماضي": that weekday in the Saturday-to-Friday week named."""
    if not ctx.published or binds["pw"].classes["period"] != "week":
        return None
    offset = OFFSET.get(qualifier(binds, "pq") or "") if "pq" in binds else 0  # "هذا الأسبوع"
    span = period_span("week", offset, ctx.published) if offset is not None else None
    if not span:
        return None
    day = span[0] + dt.timedelta(days=(weekday_value(binds["wd"]) - SATURDAY) % 7)
    return Resolved(day, day, "day", "a weekday of the week named")
