"""Table-driven tests for generator.dates.find_dates, driven by tests/data/date_cases.yaml.

The table was written independently from the specification (not from the engine).  Each positive case
names a substring `expr` of `text` that some returned expression must overlap, and the expected inclusive
interval `value`.  Each negative case names a substring `not_date` that no returned expression with a
resolved date may overlap (vague expressions with ``date_start is None`` are tolerated).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
TABLE = Path(__file__).resolve().parent / "data" / "date_cases.yaml"

MIN_POSITIVE = 250
MIN_NEGATIVE = 40


def _load() -> list[dict]:
    with TABLE.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    assert isinstance(data, list), "date_cases.yaml must be a YAML list"
    return data


CASES = _load()
POSITIVE = [(i, c) for i, c in enumerate(CASES) if "expr" in c]
NEGATIVE = [(i, c) for i, c in enumerate(CASES) if "not_date" in c]


def _find_dates():
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from generator.dates import find_dates

    return find_dates


def _as_date(v) -> dt.date:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v).strip())


def _interval(value) -> tuple[dt.date, dt.date]:
    if isinstance(value, str) and "/" in value:
        a, b = value.split("/")
        return _as_date(a), _as_date(b)
    d = _as_date(value)
    return d, d


def _span(text: str, sub: str, at: str | None) -> tuple[int, int]:
    if at is not None:
        base = text.find(at)
        assert base >= 0, f"`at` snippet not found in text: {at!r}"
        off = at.find(sub)
        assert off >= 0, f"{sub!r} not found inside `at` snippet {at!r}"
        start = base + off
    else:
        assert text.count(sub) == 1, f"{sub!r} must occur exactly once in text (or give `at`)"
        start = text.find(sub)
    return start, start + len(sub)


def _overlapping(exprs, start: int, end: int):
    return [e for e in exprs if e.start < end and e.end > start]


def _describe(exprs) -> str:
    return "; ".join(
        f"{e.text!r}[{e.start}:{e.end}] -> {e.date_start}..{e.date_end} ({e.precision}, {e.rule})" for e in exprs
    ) or "<none>"


def _case_id(item) -> str:
    i, c = item
    return f"{i:03d}-{c.get('expr') or c.get('not_date')}"


# ------------------------------------------------------------------ table sanity (no engine needed)


def test_table_size_and_shape():
    assert len(POSITIVE) >= MIN_POSITIVE, f"only {len(POSITIVE)} positive cases"
    assert len(NEGATIVE) >= MIN_NEGATIVE, f"only {len(NEGATIVE)} negative cases"
    for i, c in enumerate(CASES):
        assert ("expr" in c) != ("not_date" in c), f"case {i}: exactly one of expr / not_date"
        assert isinstance(c.get("text"), str) and c["text"], f"case {i}: text"
        assert isinstance(c.get("published"), dt.date), f"case {i}: published must be a date"
        sub = c.get("expr") or c.get("not_date")
        _span(c["text"], sub, c.get("at"))
        if "expr" in c:
            a, b = _interval(c["value"])
            assert a <= b, f"case {i}: empty interval"
            if "precision" in c:
                assert c["precision"] in {"day", "days", "week", "month", "season", "year"}, f"case {i}"


# ------------------------------------------------------------------ engine tests


@pytest.mark.parametrize("item", POSITIVE, ids=[_case_id(x) for x in POSITIVE])
def test_positive(item):
    _, case = item
    find_dates = _find_dates()
    text = case["text"]
    published = _as_date(case["published"])
    start, end = _span(text, case["expr"], case.get("at"))
    want = _interval(case["value"])

    exprs = list(find_dates(text, published))
    for e in exprs:
        assert text[e.start:e.end] == e.text, f"offsets do not match text for {e!r}"
    hits = _overlapping(exprs, start, end)
    assert hits, f"nothing found overlapping {case['expr']!r}; found: {_describe(exprs)}"

    exact = [e for e in hits if (e.date_start, e.date_end) == want]
    dated = [e for e in hits if e.date_start is not None and e.date_end is not None]
    union_ok = (
        len(hits) > 1
        and bool(dated)
        and (min(e.date_start for e in dated), max(e.date_end for e in dated)) == want
    )
    assert exact or union_ok, (
        f"expected {want[0]}..{want[1]} for {case['expr']!r} (P={published}); got: {_describe(hits)}"
    )

    if "precision" in case:
        pool = exact or hits
        assert any(e.precision == case["precision"] for e in pool), (
            f"expected precision {case['precision']!r}; got: {_describe(pool)}"
        )


@pytest.mark.parametrize("item", NEGATIVE, ids=[_case_id(x) for x in NEGATIVE])
def test_not_date(item):
    _, case = item
    find_dates = _find_dates()
    text = case["text"]
    published = _as_date(case["published"])
    start, end = _span(text, case["not_date"], case.get("at"))

    exprs = list(find_dates(text, published))
    bad = [e for e in _overlapping(exprs, start, end) if e.date_start is not None]
    assert not bad, f"{case['not_date']!r} is not a date, but got: {_describe(bad)}"
