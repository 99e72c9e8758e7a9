"""Calendar arithmetic: each grammar rule turns its bound tokens into an interval of days.

One rule per pattern family of dates.yaml, kept by family: days (`rules_days`), months, years and
feasts (`rules_months`), periods and their parts (`rules_parts`), counted offsets and ranges
(`rules_counts`). A rule returns a `Resolved` (interval, precision, a readable explanation,
warnings), or None to reject the match (an impossible day, a relational "بعد يومين من"), so that
a shorter match can be tried. P is the publication day; without it, only absolute dates resolve.
"""

from __future__ import annotations

from collections.abc import Callable

from .context import Context, Resolved
from .lexicon import Token
from .rules_counts import rule_counted_range, rule_offset, rule_vague
from .rules_days import (
    rule_date_range,
    rule_day_month,
    rule_day_of_period,
    rule_day_range,
    rule_deictic,
    rule_numeric_date,
    rule_numeric_range,
    rule_weekday,
    rule_weekday_day,
    rule_weekday_of_week,
    rule_weekday_pair,
    rule_weekday_range,
)
from .rules_months import (
    rule_century,
    rule_decade,
    rule_feast,
    rule_month,
    rule_month_bare,
    rule_month_range,
    rule_year,
    rule_year_range,
)
from .rules_parts import rule_edge, rule_part, rule_period, rule_season

RULES: dict[str, Callable[[dict[str, Token], Context], Resolved | None]] = {
    "day_month": rule_day_month,
    "numeric_date": rule_numeric_date,
    "numeric_range": rule_numeric_range,
    "day_range": rule_day_range,
    "date_range": rule_date_range,
    "day_of_period": rule_day_of_period,
    "month": rule_month,
    "month_bare": rule_month_bare,
    "month_range": rule_month_range,
    "year": rule_year,
    "year_range": rule_year_range,
    "decade": rule_decade,
    "century": rule_century,
    "edge": rule_edge,
    "part": rule_part,
    "season": rule_season,
    "feast": rule_feast,
    "period": rule_period,
    "weekday_of_week": rule_weekday_of_week,
    "deictic": rule_deictic,
    "weekday": rule_weekday,
    "weekday_pair": rule_weekday_pair,
    "weekday_day": rule_weekday_day,
    "weekday_range": rule_weekday_range,
    "offset": rule_offset,
    "counted_range": rule_counted_range,
    "vague": rule_vague,
}

__all__ = ["RULES", "Context", "Resolved"]
