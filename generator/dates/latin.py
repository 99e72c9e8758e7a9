"""Datelines written with Latin month names: "20-Nov-2017", "Thursday 25th of April 2024". Month
names are dateparser's job (it knows English, French ...). All-digit dates ("20/11/2017",
"2017-11-20", "03-10-1436 هـ") are the grammar's (numeric_date in dates.yaml), so a weekday
before them and a Hijri era after them belong to the same expression.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import lru_cache

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_ORD = r"(?:st|nd|rd|th)?"

_NAMED = re.compile(
    rf"(?<![\w]){_WEEKDAY}(?:the\s+)?[0-9]{{1,2}}{_ORD}(?:\s+of\s+|[\s\-/.]+){_MONTH}\.?[\s\-/.,]+[0-9]{{4}}(?![0-9])"
    rf"|(?<![\w]){_WEEKDAY}{_MONTH}\.?\s+[0-9]{{1,2}}{_ORD},?\s+[0-9]{{4}}(?![0-9])"
)


@lru_cache(maxsize=4096)
def _parse_named(text: str) -> dt.date | None:
    import dateparser  # imported on first use: it takes a while to load

    parsed = dateparser.parse(
        text, languages=["en", "fr"],
        settings={"DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first"},
    )
    return parsed.date() if parsed else None


_HAS_MONTH = re.compile(r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec")


def find_latin(normalized: str) -> Iterator[tuple[int, int, dt.date, str]]:
    """(start, end, day, rule) for each Latin dateline in a normalized (lower-cased) text."""
    named = _NAMED.finditer(normalized) if _HAS_MONTH.search(normalized) else ()
    for m in named:
        day = _parse_named(m.group())
        if day and 1900 <= day.year <= 2100:
            yield m.start(), m.end(), day, "latin_dateline: Latin dateline (dateparser)"
