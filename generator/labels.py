"""What the site calls things, in Arabic: labels from generator/data/labels.yaml, counted nouns
with CLDR's plural rules (through Babel), and dates in one readable form.

The engines speak English (ACLED types, date rules "family: detail", how a name was matched,
the reader's messages): that stays in the data files and the logs. Everything a reader sees goes
through here, and whatever the data file does not know gets a safe Arabic fallback, never the
English key.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from babel import Locale
from babel.numbers import format_decimal
from babel.plural import to_javascript
from hijridate import Gregorian
from markupsafe import Markup, escape

from .site import esc

_LOCALE = Locale("ar")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Labels:
    raw: dict[str, Any]
    rule_details: list[tuple[re.Pattern[str], str]]
    how: list[tuple[re.Pattern[str], str]]
    notes: list[tuple[re.Pattern[str], str]]
    messages: list[tuple[re.Pattern[str], str, str | None]]

    def __getitem__(self, key: str) -> Any:
        return self.raw[key]


@lru_cache(maxsize=1)
def labels() -> Labels:
    raw = yaml.safe_load(resources.files("generator").joinpath("data/labels.yaml").read_text("utf-8"))
    return Labels(
        raw,
        [(re.compile(r["match"]), r["ar"]) for r in raw["rule_details"]],
        [(re.compile(r["match"]), r["ar"]) for r in raw["how"]],
        [(re.compile(r["match"]), r["ar"]) for r in raw["notes"]],
        [(re.compile(r["match"]), r["ar"], r.get("ar_short")) for r in raw["messages"]],
    )


# --- numbers ----------------------------------------------------------------------------------


@lru_cache(maxsize=1 << 16)
def number(n: int) -> str:
    """A number as the site writes it (Western digits, grouped: 1,234)."""
    return format_decimal(n, locale=_LOCALE)


@lru_cache(maxsize=1 << 16)
def plural_category(n: int) -> str:
    return _LOCALE.plural_form(n)


@lru_cache(maxsize=1 << 16)
def count(n: int, noun: str) -> str:
    """"3 أحداث", "11 حدثًا", "حدثان": the noun's form for n (CLDR's rules for Arabic)."""
    forms = labels()["nouns"][noun]
    form = forms.get(plural_category(n)) or forms["other"]
    return form.replace("{n}", number(n))


def size_text(n_bytes: int) -> str:
    """A file's size for readers: whole kilobytes under a megabyte ("340 كيلوبايتًا"), else megabytes
    with one decimal ("12.3 ميغابايت"); 1 kB = 1,000 bytes, at least 1 for a file that is not empty."""
    if n_bytes < 999_500:
        return count(max(1, round(n_bytes / 1000)) if n_bytes else 0, "kilobyte")
    mb = Decimal(n_bytes / 1_000_000).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if mb == mb.to_integral_value():
        return count(int(mb), "megabyte")
    forms = labels()["nouns"]["megabyte"]
    return (forms.get(_LOCALE.plural_form(mb)) or forms["other"]).replace("{n}", format_decimal(mb, locale=_LOCALE))


# --- event types, statuses, rules ---------------------------------------------------------------


def type_ar(type_: str | None) -> str:
    entry = labels()["types"].get(type_ or "")
    return (entry or labels()["type_fallback"])["ar"]


def type_color(type_: str | None) -> str:
    entry = labels()["types"].get(type_ or "")
    return (entry or labels()["type_fallback"])["color"]


def sub_type_ar(sub: str | None) -> str:
    return labels()["sub_types"].get(sub or "") or labels()["sub_type_fallback"]


@lru_cache(maxsize=1 << 16)
def type_title(type_: str | None, sub: str | None) -> str:
    """A type badge's explanation: "معارك: اشتباك مسلح" (a sub-type that says what the type says is left out)."""
    main, detail = type_ar(type_), sub_type_ar(sub)
    return main if detail in (main, labels()["sub_types"]["Other"]) else f"{main}: {detail}"


def _table(name: str, key: str | None, fallback: str = "—") -> str:
    return labels()[name].get(key or "", fallback)


def phrase(key: str, **parts: object) -> str:
    """A sentence of labels.yaml's `phrases` with its parts filled in (KeyError for an unknown key)."""
    return labels()["phrases"][key].format(**parts)


def fill(template: str, escape: Callable[[str], Markup], **parts: object) -> Markup:
    """A template's text through `escape`, each {name} replaced by its part: escaped the same way
    unless it is already Markup (a date, a link). Used for labels.yaml's phrases and page lines."""
    out = []
    for piece in re.split(r"(\{\w+\})", template):
        value = parts.get(piece[1:-1], piece) if piece.startswith("{") else piece
        out.append(value if isinstance(value, Markup) else escape(str(value)))
    return Markup("").join(out)


def phrase_html(key: str, **parts: object) -> Markup:
    """`phrase` for a page: its words escaped, each part escaped unless it is already Markup (a date)."""
    return fill(labels()["phrases"][key], esc, **parts)


def field_ar(key: str) -> str:
    """The label of a field of an entry's line: places, actors, source, site."""
    return labels()["entry_fields"][key]


def site_ar(site: str, place: str | None, inside: bool = False) -> str:
    """A place the gazetteer lacks, with the known place it is coded at: "قرية زردنا (قرب إدلب)"; a
    building lies in it (`inside`): "مسجد الإمام الصادق (في الكويت)"."""
    return labels()["site_in" if inside else "site_near"].format(site=site, place=place) if place else site


def kind_label(kind: str) -> str:
    """A place's or an actor's kind (the gazetteers' `kind`)."""
    return _table("entity_kinds", kind, "أخرى")


def role_ar(role: str) -> str:
    return labels()["roles"].get(role) or labels()["role_fallback"]


def kind_ar(kind: str) -> str:
    return _table("kinds", kind)


def precision_ar(precision: str | None) -> str:
    return _table("precisions", precision)


def status_ar(status: str) -> str:
    return _table("statuses", status)


def published_from_ar(source: str) -> str:
    return _table("published_from", source, "")


def rule_family(rule: str) -> str:
    return rule.split(":", 1)[0].strip()


@lru_cache(maxsize=1 << 16)  # asked again for every entry on every page it shows on
def rule_ar(rule: str | None) -> str:
    """A date rule in plain Arabic: its family's explanation, and what its detail adds."""
    if not rule:
        return labels()["rule_fallback"]
    text = labels()["rules"].get(rule_family(rule)) or labels()["rule_fallback"]
    detail = rule.split(":", 1)[1] if ":" in rule else ""
    extra = [ar for rx, ar in labels().rule_details if rx.search(detail)]
    return "، ".join([text, *dict.fromkeys(extra)])


def _fill(template: str, groups: dict[str, str | None]) -> str:
    def value(name: str, v: str | None) -> str:
        if v is None:
            return ""
        if name.startswith("date") and _ISO.fullmatch(v):
            return date_text(dt.date.fromisoformat(v))
        if name.startswith("weekday"):
            return labels()["weekdays_en"].get(v, v)
        return v

    return template.format(**{k: value(k, v) for k, v in groups.items()})


@lru_cache(maxsize=1 << 16)
def how_ar(how: str, inferred: bool = False) -> str:
    """How a place or an actor was recognised; an inference always says it is one."""
    parts = [_fill(ar, m.groupdict()) for rx, ar in labels().how if (m := rx.search(how or ""))]
    if inferred and not any(p.startswith(labels()["how_inferred"]) for p in parts):
        parts.insert(0, labels()["how_inferred"])
    return "؛ ".join(parts) or labels()["how_fallback"]


def furniture_ar(why: str) -> str:
    return labels()["furniture"].get(why) or labels()["furniture_fallback"]


@lru_cache(maxsize=1 << 16)
def note_ar(note: str) -> str:
    parts = [_fill(ar, m.groupdict()) for rx, ar in labels().notes if (m := rx.search(note))]
    return "؛ ".join(parts) or labels()["note_fallback"]


@lru_cache(maxsize=1 << 16)
def message_ar(message: str) -> str:
    """A message of the reading stage, in Arabic (the English stays in the log and report.csv)."""
    parts = []
    for rx, ar, short in labels().messages:
        m = rx.search(message)
        if m:
            groups = m.groupdict()
            parts.append(_fill(short, groups) if short and None in groups.values() else _fill(ar, groups))
    return "؛ ".join(parts) or labels()["message_fallback"]


def message_known(message: str) -> bool:
    return any(rx.search(message) for rx, _, _ in labels().messages)


# --- dates --------------------------------------------------------------------------------------


def month_text(year: int, month: int) -> str:
    return f"{labels()['months'][month - 1]} {year}"


@lru_cache(maxsize=1 << 16)
def date_text(d: dt.date, weekday: bool = False) -> str:
    """"19 تشرين الثاني/نوفمبر 2017" (with the weekday first if asked): the site's one form of a day."""
    text = f"{d.day} {month_text(d.year, d.month)}"
    return f"{labels()['weekdays'][d.weekday()]} {text}" if weekday else text


@lru_cache(maxsize=1 << 16)
def hijri_text(d: dt.date) -> str:
    try:
        h = Gregorian(d.year, d.month, d.day).to_hijri()
    except (ValueError, OverflowError):
        return ""
    return f"{h.day} {h.month_name('ar')} {h.year} هـ"


@lru_cache(maxsize=1 << 16)
def date_html(d: dt.date, weekday: bool = False) -> Markup:
    """A day on a page: readable Arabic, the ISO day only in the machine attribute; never broken
    across lines (the class keeps it whole). The site's own words: escaped for HTML (no Markdown
    mark is in a month's name)."""
    day = Markup(f'<time class="waqai-d" datetime="{d.isoformat()}">{escape(date_text(d))}</time>')
    # the weekday may go to the line before: at a heading's size on a phone the whole would not fit
    return Markup(f"{esc(labels()['weekdays'][d.weekday()])} ") + day if weekday else day


def month_html(year: int, month: int) -> Markup:
    return Markup(f'<time class="waqai-d" datetime="{year:04d}-{month:02d}">{escape(month_text(year, month))}</time>')


@lru_cache(maxsize=1 << 16)
def interval_html(s: dt.date, t: dt.date, precision: str | None) -> Markup:
    """An interval as readers say it: a day, a month, a year, else "من ... إلى ..."."""
    if s == t:
        return date_html(s, weekday=precision == "day")
    if (s.month, s.day, t.month, t.day) == (1, 1, 12, 31) and s.year == t.year:
        return Markup(f'عام <time class="waqai-d" datetime="{s.year:04d}">{s.year}</time>')
    if s.day == 1 and (t + dt.timedelta(days=1)).day == 1 and (s.year, s.month) == (t.year, t.month):
        return month_html(s.year, s.month)
    return Markup("من ") + date_html(s) + Markup(" إلى ") + date_html(t)


# --- for the browser ----------------------------------------------------------------------------


def l10n_script() -> str:
    """assets/waqai-l10n.js: the plural rule and the nouns the search wording needs, from the same
    data and the same CLDR rules as the pages (Babel writes the rule as JavaScript)."""
    nouns = {k: labels()["nouns"][k] for k in ("result", "more_result", "event")}
    return ("// generated by waqai from Babel's CLDR plural rules and generator/data/labels.yaml\n"
            f"window.waqaiL10n = {{plural: {to_javascript(_LOCALE.plural_form)}, "
            f"nouns: {json.dumps(nouns, ensure_ascii=False, sort_keys=True)}}};\n")


def partial_date_html(value: str | None) -> Markup:
    """A gazetteer's date ("2014-06-29", "2014-06" or "2014") in the site's one form; "?" when unknown."""
    text = str(value or "").strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date_html(dt.date.fromisoformat(text))
        if re.fullmatch(r"\d{4}-\d{2}", text):
            return month_html(int(text[:4]), int(text[5:]))
    except ValueError:
        pass
    if re.fullmatch(r"\d{4}", text):
        return Markup(f'<time class="waqai-d" datetime="{text}">{text}</time>')
    return Markup("؟") if not text else esc(text)
