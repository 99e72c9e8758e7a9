"""Counted rules: offsets from P ("قبل ثلاثة أيام", "منذ شهرين و10 أيام", "قبل عام ونصف"), counted
ranges ("خلال الأيام الثلاثة الماضية") and vague phrases (found, never given a day)."""

from __future__ import annotations

import datetime as dt

from .cal import DAY, GREGORIAN_YEARS, add_months, month_end, safe_date
from .context import Binds, Context, Resolved, neighbours, qualifier

# what half of a unit adds, in (months, days): "عام ونصف" = 18 months, "شهر ونصف" = 1 month 15 days
HALF = {"century": (600, 0), "decade": (60, 0), "year": (6, 0), "month": (0, 15), "week": (0, 3), "day": (0, 0)}


def counted(unit: str, n: int, direction: str, published: dt.date) -> Resolved | None:
    """The n units before P (ending the day before) or after P (starting the day after)."""
    if unit == "hour":
        days = -(-n // 24)
        return (Resolved(published - days * DAY, published, "days", f"the last {n} hours") if direction == "past"
                else Resolved(published, published + days * DAY, "days", f"the next {n} hours"))
    sign = -1 if direction == "past" else 1
    if unit in ("decade", "century"):
        unit, n = "year", (10 if unit == "decade" else 100) * n
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


def _count(binds: Binds, unit_name: str = "unit", number_name: str = "number") -> int | None:
    """The count of a counted unit: its own (يومين = 2) or a number before it."""
    unit = binds[unit_name].classes["unit"]
    if number_name in binds:
        n = binds[number_name].classes["number"]
        return n if unit["count"] in (None, 1) and 0 < n <= 10000 else None
    return unit["count"]


def _relational(binds: Binds, ctx: Context) -> bool:
    """"بعد يومين من الهجوم", "قبل أسبوع من الانتخابات", "بعد أسبوع على سقوط المدينة": relative to
    another event, not to P. After قبل/منذ ... على, only an event noun makes it so."""
    after = ctx.words_after(2)
    if not after or after[0] not in ("من", "علي"):  # من، على (normalized)
        return False
    noun = after[1] if len(after) > 1 else ""
    if noun in neighbours()["not_event_after"]:
        return False  # "منذ 22 شهراً على التوالي"
    if "after" in binds:
        return True
    events = neighbours()["event_noun"]
    if after[0] == "علي":  # "قبل أسبوع على الانتخابات", but "قبل مئتي عام على الطراز العثماني"
        return noun in events or (noun.startswith("ال") and noun[2:] in events)
    return noun != "الان" and (noun.startswith("ال") or noun in events)


def _in_months_days(unit: str, n: int) -> tuple[int, int]:
    months_days = {"century": (1200 * n, 0), "decade": (120 * n, 0), "year": (12 * n, 0), "month": (n, 0),
                   "week": (0, 7 * n), "day": (0, n)}
    return months_days[unit]


def rule_offset(binds, ctx):
    if _relational(binds, ctx) or not ctx.published:
        return None
    nxt = ctx.next_token()
    if nxt and "number" in nxt.classes:
        return None  # "قبل عام 2011" is before the year 2011, not a year before P
    if nxt and "deictic" in nxt.classes and "number" not in binds:
        return None  # "منذ يوم أمس": the day is yesterday's
    unit = binds["unit"].classes["unit"]["unit"]
    n = _count(binds)
    if unit in ("decade", "century") and n is not None and "u2" not in binds and "half" not in binds:
        unit, n = "year", (10 if unit == "decade" else 100) * n  # "قبل عقدين": twenty years from P
    unit_count = binds["unit"].classes["unit"]["count"]
    if "one" in binds and (binds["one"].classes["number"] != 1 or unit_count != 1):
        return None  # only "عام واحد", "يوم واحد" take their number after the unit
    if n is None or "vague_count" in binds:
        return Resolved(None, None, unit, "vague count", vague=True)
    sign = 1 if "after" in binds else -1
    p = ctx.published
    if "u2" in binds or "half" in binds:  # "منذ شهرين و10 أيام", "قبل عام ونصف": two units added
        return _compound(binds, unit, n, sign, p)
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
    if not 1000 <= year <= 2100:  # "قبل مئتي عام" goes back further than a bare year may
        return None
    return Resolved(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", f"the year {n} year(s) from P")


def _compound(binds: Binds, unit: str, n: int, sign: int, p: dt.date) -> Resolved | None:
    """Two units added up; the day is exact when days or weeks are part of it, else the month is."""
    if unit == "hour" or ("u2" in binds and binds["u2"].classes["unit"]["unit"] == "hour"):
        return None
    months, days = _in_months_days(unit, n)
    if "half" in binds:
        more = HALF[unit]
    else:
        n2 = _count(binds, "u2", "n2")
        if n2 is None:
            return None
        more = _in_months_days(binds["u2"].classes["unit"]["unit"], n2)
    months, days = months + more[0], days + more[1]
    day = add_months(p, sign * months) + sign * days * DAY
    if day.year not in GREGORIAN_YEARS:
        return None
    if days:
        return Resolved(day, day, "day", f"P {'+' if sign > 0 else '-'} {months} month(s) and {days} day(s)")
    return Resolved(day.replace(day=1), month_end(day.year, day.month), "month",
                    f"the month {months} month(s) from P")


def rule_counted_range(binds, ctx):
    unit = binds["unit"].classes["unit"]
    if "last_word" in binds:  # "آخر 3 سنوات", "خلال آخر 24 ساعة"; "آخر يوم" alone is some story's last day
        n = _count(binds)
        if n is None or n < 2 or not ctx.published:
            return None
        return counted(unit["unit"], n, "past", ctx.published)
    q = qualifier(binds)
    if q is None and "during" in binds and "al" in binds and "number" in binds:
        q = "past"  # "خلال الـ 48 ساعة": the last 48 hours
    if q not in ("past", "recent", "next"):
        return None
    if not unit["definite"] and "al" not in binds and "number" not in binds:
        return None  # "أيام الماضي" is not a range
    n = _count(binds)
    if n is None or "vague_count" in binds:
        return Resolved(None, None, "days", "vague count", vague=True)
    if not ctx.published:
        return None
    return counted(unit["unit"], n, "next" if q == "next" else "past", ctx.published)


def rule_vague(binds, ctx):
    return Resolved(None, None, "vague", "vague time phrase", vague=True)
