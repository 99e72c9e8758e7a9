"""Reading and validating the hand-written gazetteer files (places and actors YAML).

Validation collects every problem before raising one `GazetteerError`, one problem per line,
each naming the file, the line, the entry and what is wrong. Here: each entry's fields, and
duplicate ids in a file; the checks across entries are in consistency.py.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .model import ACTOR_KINDS, INTER, PLACE_KINDS, Actor, FormerName, Place, Role

_COMMON_FIELDS = {"id", "name", "name_en", "aliases", "ambiguous_aliases", "ambiguous", "kind", "note"}
_PLACE_FIELDS = _COMMON_FIELDS | {"parent", "lat", "lon", "geonames", "pcode", "wof", "population"}
_ACTOR_FIELDS = _COMMON_FIELDS | {"part_of", "allied_with", "joint_of", "former_names", "roles", "country", "inter",
                                  "active_from", "active_until", "succeeded_by"}
_FORMER_FIELDS = {"name", "name_en", "aliases", "until"}
_ROLE_FIELDS = {"role", "of", "from", "to", "title"}
_REQUIRED = ("id", "name", "name_en", "kind")

_SLUG = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?")
_PARTIAL_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class GazetteerError(ValueError):
    """The gazetteer files have problems; `problems` holds one message per problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        n = len(problems)
        super().__init__(f"{n} problem{'s' if n > 1 else ''} in the gazetteer:\n" + "\n".join(problems))


# ---------------------------------------------------------------- reading


@dataclass
class _Raw:
    """One entry as read from a file, with where it came from."""

    data: dict[str, Any]
    path: Path
    line: int
    index: int
    field_lines: dict[str, int]

    def where(self, key: str | None = None) -> str:
        line = self.field_lines.get(key, self.line) if key else self.line
        ident = self.data.get("id")
        label = f"entry {ident!r}" if isinstance(ident, str) and ident else f"entry #{self.index + 1}"
        return f"{self.path}:{line}: {label}"


def _read(path: Path, text: str, problems: list[str]) -> list[_Raw]:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        problems.append(f"{where}: not valid YAML: {getattr(e, 'problem', None) or e}")
        return []
    finally:
        loader.dispose()
    if node is None:
        return []
    if not isinstance(node, yaml.SequenceNode):
        problems.append(f"{path}:{node.start_mark.line + 1}: the file must be a YAML list of entries")
        return []
    out = []
    for i, (item, value) in enumerate(zip(node.value, data, strict=True)):
        line = item.start_mark.line + 1
        if not isinstance(item, yaml.MappingNode):
            problems.append(f"{path}:{line}: entry #{i + 1}: an entry must be a mapping of fields")
            continue
        raw = _Raw(value, path, line, i, {})
        for key, _ in item.value:
            if key.value in raw.field_lines:
                problems.append(f"{raw.where(key.value)}: field {key.value!r} given twice")
            raw.field_lines[key.value] = key.start_mark.line + 1
        out.append(raw)
    return out


# ---------------------------------------------------------------- field checks


class _Checker:
    """Field-level checks of one entry; problems go to the shared list."""

    def __init__(self, raw: _Raw, problems: list[str]):
        self.raw, self.d, self.problems = raw, raw.data, problems

    def bad(self, key: str | None, msg: str) -> None:
        self.problems.append(f"{self.raw.where(key)}: {msg}")

    def fields(self, allowed: set[str]) -> None:
        for key in self.d:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), sorted(allowed), n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                self.bad(key, f"unknown field {key!r}{hint}")
        for key in _REQUIRED:
            if self.d.get(key) in (None, ""):
                self.bad(None, f"missing required field {key!r}")

    def text(self, key: str) -> str | None:
        v = self.d.get(key)
        if v is None or v == "":
            return None  # a missing required field is reported by fields()
        if not isinstance(v, str) or not v.strip():
            self.bad(key, f"{key} must be non-empty text")
            return None
        return v.strip()

    def ident(self) -> str | None:
        v = self.d.get("id")
        if v in (None, ""):
            return None  # reported as missing
        if not isinstance(v, str) or not _SLUG.fullmatch(v):
            self.bad("id", f"id {v!r} is not a safe slug (1-80 of a-z, 0-9 and '-', not starting or ending with '-')")
            return None
        return v

    def kind(self, kinds: Sequence[str]) -> str | None:
        v = self.d.get("kind")
        if v in (None, ""):
            return None
        if v not in kinds:
            self.bad("kind", f"unknown kind {v!r} (expected one of: {', '.join(kinds)})")
            return None
        return v

    def spellings(self, key: str, item: dict[str, Any] | None = None, within: str = "") -> tuple[str, ...]:
        """A list of spellings: the entry's `key`, or that of an `item` of the entry's list `within`."""
        v = (self.d if item is None else item).get(key)
        where, what = (within, f"{key} of {within}") if within else (key, key)
        if v is None:
            return ()
        if not isinstance(v, list):
            self.bad(where, f"{what} must be a list, like [a, b]")
            return ()
        out = []
        for s in v:
            if isinstance(s, str) and s.strip():
                out.append(s.strip())
            elif s is None or isinstance(s, str):
                self.bad(where, f"empty alias in {what}")
            else:
                self.bad(where, f"alias {s!r} in {what} is not text")
        return tuple(out)

    def ids(self, key: str) -> tuple[str, ...]:
        v = self.d.get(key)
        if v is None:
            return ()
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            self.bad(key, f"{key} must be a list of ids")
            return ()
        return tuple(v)

    def count(self, key: str, what: str) -> int | None:
        v = self.d.get(key)
        if v is not None and (isinstance(v, bool) or not isinstance(v, int) or v <= 0):
            self.bad(key, f"{key} {v!r} is not {what} (a positive integer)")
            return None
        return v

    def flag(self, key: str) -> bool:
        v = self.d.get(key, False)
        if v is None:
            return False
        if not isinstance(v, bool):
            self.bad(key, f"{key} must be true or false")
            return False
        return v

    def number(self, key: str, lo: float, hi: float) -> float | None:
        v = self.d.get(key)
        if v is None:
            return None
        if isinstance(v, bool) or not isinstance(v, int | float) or not lo <= v <= hi:
            self.bad(key, f"{key} {v!r} is not a number in [{lo:g}, {hi:g}]")
            return None
        return float(v)

    def date(self, key: str, v: Any) -> str | None:
        if v is None:
            return None
        if isinstance(v, dt.datetime):
            v = v.date()
        if isinstance(v, dt.date):
            return v.isoformat()
        s = str(v)
        if isinstance(v, int | str) and not isinstance(v, bool) and _PARTIAL_DATE.fullmatch(s):
            try:
                dt.date.fromisoformat((s + "-01-01")[:10] if len(s) < 10 else s)
                return s
            except ValueError:
                pass
        self.bad(key, f"{key} {v!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        return None


def place(raw: _Raw, problems: list[str]) -> Place | None:
    c = _Checker(raw, problems)
    c.fields(_PLACE_FIELDS)
    ident, name, name_en, kind = c.ident(), c.text("name"), c.text("name_en"), c.kind(PLACE_KINDS)
    lat, lon = c.number("lat", -90, 90), c.number("lon", -180, 180)
    if ("lat" in c.d) != ("lon" in c.d):
        c.bad("lat" if "lat" in c.d else "lon", "give both lat and lon, or neither")
    geonames, wof, population = c.count("geonames", "a GeoNames id"), c.count("wof", "a Who's On First id"), \
        c.count("population", "a population")
    pcode = c.text("pcode")
    parent = c.d.get("parent")
    if parent is not None and not isinstance(parent, str):
        c.bad("parent", "parent must be a place id")
        parent = None
    fields = _common(c)
    if not (ident and name and name_en and kind):
        return None
    return Place(
        ident,
        name,
        name_en,
        kind,
        parent=parent,
        lat=lat,
        lon=lon,
        geonames=geonames,
        pcode=pcode,
        wof=wof,
        population=population,
        source=f"{raw.path}:{raw.line}",
        **fields,
    )


def _common(c: _Checker) -> dict[str, Any]:
    """The fields places and actors share: spellings, ambiguity, note."""
    return dict(aliases=c.spellings("aliases"), ambiguous_aliases=c.spellings("ambiguous_aliases"),
                ambiguous=c.flag("ambiguous"), note=c.text("note"))


def actor(raw: _Raw, problems: list[str]) -> Actor | None:
    c = _Checker(raw, problems)
    c.fields(_ACTOR_FIELDS)
    ident, name, name_en, kind = c.ident(), c.text("name"), c.text("name_en"), c.kind(ACTOR_KINDS)
    refs = {}
    for key in ("part_of", "country", "succeeded_by"):
        refs[key] = c.d.get(key)
        if refs[key] is not None and not isinstance(refs[key], str):
            c.bad(key, f"{key} must be an id")
            refs[key] = None
    former: list[FormerName] = []
    for item in _items(c, "former_names", _FORMER_FIELDS, ("name", "until")):
        fname = item.get("name")
        until = c.date("former_names", item.get("until"))
        aliases = c.spellings("aliases", item, within="former_names")
        if isinstance(fname, str) and fname.strip() and until:
            former.append(FormerName(fname.strip(), until, item.get("name_en"), aliases))
    if [f.until for f in former] != sorted(f.until for f in former):
        c.bad("former_names", "former_names must be listed oldest first (by 'until')")
    roles: list[Role] = []
    for item in _items(c, "roles", _ROLE_FIELDS, ("role",)):
        start, end = c.date("roles", item.get("from")), c.date("roles", item.get("to"))
        if start and end and end < start:
            c.bad("roles", f"role {item.get('role')!r} ends ({end}) before it starts ({start})")
        if item.get("of") is not None and not isinstance(item["of"], str):
            c.bad("roles", f"'of' in roles must be an actor id, not {item['of']!r}")
        elif isinstance(item.get("role"), str):
            roles.append(Role(item["role"], item.get("of"), start, end, item.get("title")))
    inter = c.d.get("inter")
    if inter is not None and inter not in INTER:
        c.bad("inter", f"inter {inter!r} is not an ACLED actor category ({', '.join(map(str, INTER))})")
        inter = None
    active = {k: c.date(k, c.d.get(k)) for k in ("active_from", "active_until")}
    if active["active_from"] and active["active_until"] and active["active_until"] < active["active_from"]:
        c.bad("active_until", "active_until is before active_from")
    fields = {**_common(c), "allied_with": c.ids("allied_with"), "joint_of": c.ids("joint_of"), "inter": inter,
              **active}
    if not (ident and name and name_en and kind):
        return None
    return Actor(
        ident,
        name,
        name_en,
        kind,
        former_names=tuple(former),
        roles=tuple(roles),
        source=f"{raw.path}:{raw.line}",
        **refs,
        **fields,
    )


def _items(c: _Checker, key: str, allowed: set[str], required: tuple[str, ...]) -> Iterable[dict[str, Any]]:
    """The mappings in a list field (former_names, roles), after checking their keys."""
    v = c.d.get(key)
    if v is None:
        return
    if not isinstance(v, list) or not all(isinstance(x, dict) for x in v):
        c.bad(key, f"{key} must be a list of mappings, like - {{{', '.join(required)}: ...}}")
        return
    for item in v:
        for k in item:
            if k not in allowed:
                c.bad(key, f"unknown field {k!r} in {key} (expected: {', '.join(sorted(allowed))})")
        for k in required:
            if item.get(k) is None or (isinstance(item[k], str) and not item[k].strip()):
                c.bad(key, f"missing {k!r} in an item of {key}")
        yield item


# ---------------------------------------------------------------- whole-file checks


def collect(paths: Sequence[Path], texts: dict[Path, str], make, problems: list[str]) -> dict[str, Any]:
    """Entries of all files by id; later files replace earlier ones, duplicates in a file are errors."""
    out: dict[str, Any] = {}
    for path in paths:
        seen: dict[str, _Raw] = {}
        for raw in _read(path, texts[path], problems):
            entry = make(raw, problems)
            ident = raw.data.get("id")
            if isinstance(ident, str) and ident in seen:
                problems.append(f"{raw.where('id')}: duplicate id {ident!r} (first at line {seen[ident].line})")
                continue
            if isinstance(ident, str):
                seen[ident] = raw
            if entry is not None:
                out[entry.id] = entry
    return out
