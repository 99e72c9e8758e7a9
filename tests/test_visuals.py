"""The time chart's buckets follow the span of the events: weeks, months, or years for a long span;
the summary line of a place or actor page says "most" only of what stands alone at the top."""

import datetime as dt
from types import SimpleNamespace

import pytest

from generator.visuals import MONTHLY_UP_TO, WEEKLY_UP_TO, most_line, timeline


def entry(day: dt.date, kind: str = "Battles", killed: int | None = None):
    main = SimpleNamespace(date_start=day, date_end=day, type=kind)
    return SimpleNamespace(main=main, fatalities=killed)


@pytest.mark.parametrize(("days", "unit"), [
    (0, "week"), (WEEKLY_UP_TO, "week"), (WEEKLY_UP_TO + 30, "month"),
    (365 * 4, "month"), (31 * MONTHLY_UP_TO + 40, "year"), (365 * 12, "year"),
])
def test_the_bucket_follows_the_span(days, unit):
    first = dt.date(2011, 3, 15)
    chart = timeline([entry(first, killed=3), entry(first + dt.timedelta(days=days), "Protests")])
    assert chart["unit"] == unit
    n = len(chart["iso"])
    assert len(chart["labels"]) == len(chart["short"]) == len(chart["killed"]) == n
    assert all(len(s["data"]) == n for s in chart["series"])
    assert sum(sum(s["data"]) for s in chart["series"]) == 2 and sum(chart["killed"]) == 3
    assert chart["caption"] and "{" not in chart["caption"]  # each unit has its Arabic caption


def test_a_long_span_is_counted_per_year():
    days = [dt.date(2003, 5, 2), dt.date(2015, 1, 9), dt.date(2015, 7, 1), dt.date(2015, 7, 30)]
    chart = timeline([entry(d, killed=k) for d, k in zip(days, [1, None, 2, 4], strict=True)])
    assert chart["iso"][0] == "2003-01-01" and chart["iso"][-1] == "2015-01-01" and len(chart["iso"]) == 13
    assert chart["labels"][0] == "2003" and chart["series"][0]["data"][-1] == 3 and chart["killed"][-1] == 6


def test_the_summary_says_most_only_of_what_leads_alone():
    nov, dec = dt.date(2017, 11, 5), dt.date(2017, 12, 5)
    one = most_line([entry(nov)])
    assert "أغلب" not in one and "حدث واحد" in one and "من 1" not in one
    both = most_line([entry(nov), entry(nov), entry(dec, "Protests")])
    assert both.startswith("أغلب الأحداث:") and "(حدثان من 3)" in both and "أكثرها في" in both
    tied_types = most_line([entry(nov), entry(nov, "Protests"), entry(dec, "Protests"), entry(dec)])
    assert tied_types is None  # two types and two months, two events each: nothing leads
    month_only = most_line([entry(nov), entry(nov, "Protests"), entry(dec, "Riots")])
    assert "أغلب" not in month_only and "أكثر الأحداث في" in month_only and "(حدثان من 3)" in month_only
