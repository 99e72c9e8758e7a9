"""Calendar arithmetic the date rules share: months, weeks, weekdays, Hijri conversion.

Weeks run Saturday to Friday (CLDR for SY, EG, IQ, JO). Hijri dates go through hijridate
(Umm al-Qura, 1343-1500 AH = 1924-2077 CE); outside that range a Hijri date is None.
"""

from __future__ import annotations

import calendar
import datetime as dt
from functools import lru_cache

from hijridate import Gregorian, Hijri

DAY = dt.timedelta(days=1)
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SATURDAY = 5
GREGORIAN_YEARS = range(1900, 2101)
HIJRI_YEARS = range(1300, 1501)


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), month_end(year, month)


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


def period_span(kind: str, offset: int, published: dt.date) -> tuple[dt.date, dt.date]:
    """The calendar week, month or year `offset` periods from P's own."""
    if kind == "week":
        start, _ = week_of(published + dt.timedelta(weeks=offset))
        return start, start + 6 * DAY
    if kind == "month":
        first = add_months(published.replace(day=1), offset)
        return first, month_end(first.year, first.month)
    year = published.year + offset
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


@lru_cache(maxsize=8192)  # a corpus asks for the same few feasts and months again and again
def hijri_day(year: int, month: int, day: int) -> dt.date | None:
    try:
        g = Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return dt.date(g.year, g.month, g.day)


@lru_cache(maxsize=4096)
def hijri_month(year: int, month: int) -> tuple[dt.date, dt.date] | None:
    try:
        length = Hijri(year, month, 1).month_length()
    except (ValueError, OverflowError):
        return None
    first, last = hijri_day(year, month, 1), hijri_day(year, month, length)
    return (first, last) if first and last else None


@lru_cache(maxsize=4096)
def hijri_year_of(day: dt.date) -> int | None:
    try:
        return Gregorian(day.year, day.month, day.day).to_hijri().year
    except (ValueError, OverflowError):
        return None


def hijri_year_in(gregorian_year: int, month: int, day: int) -> int | None:
    """The Hijri year whose (month, day) falls in that Gregorian year ("رمضان 2017" = Ramadan 1438);
    the earlier one when two do (a Hijri year is 11 days shorter)."""
    base = hijri_year_of(dt.date(gregorian_year, 1, 1))
    if base is None:
        return None
    for year in (base, base + 1):
        d = hijri_day(year, month, day)
        if d and d.year == gregorian_year:
            return year
    return None


def nearest(candidates: list[dt.date], published: dt.date, direction: str, skip: int = 0) -> dt.date | None:
    """The candidate nearest to P on the side `direction` says: before (<= P), past (< P),
    after (>= P), next (> P); `skip` passes over that many nearer ones ("قبل الماضي": skip 1)."""
    if direction in ("before", "past"):
        ok = sorted((c for c in candidates if c < published or (direction == "before" and c == published)),
                    reverse=True)
    else:
        ok = sorted(c for c in candidates if c > published or (direction == "after" and c == published))
    return ok[skip] if len(ok) > skip else None
