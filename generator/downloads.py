"""The events table as downloads that fit where sites are published.

GitHub warns about a pushed file over 50 MB and refuses one over 100 MB, and a spreadsheet or a
browser chokes long before: no events file is over LIMIT (25 MB). Up to LIMIT, the whole table is
one file per format at the site's root, `events.json` and `events.csv`, the URLs they always had.
Past it, the table is split under `events/`, in the chronology's order, into parts of whole
periods: consecutive years packed together while they fit; a year too large alone, its months
packed the same way; a month too large, its days; a day too large, numbered pieces. A part is
named by its period or its ISO 8601 interval (`--` for `/` in file names): `events/2015-08.json`,
`events/1936--2014.csv`, `events/2015-07-01--2015-07-19.json`. Undated reports are parts of their
own (`undated.json`, or `undated_1.json` ... in pieces; JSON only: a CSV row has a day). Every
file also comes gzipped (`.gz`, with no name and no time in its header, so the same input gives
the same bytes), and `events-index.json` at the root lists every file, whichever way the table was
written, with its rows, bytes and sha256 (paths from the site's root: the index's own folder).
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from .chronology import Entry
from .exports import ACLED_COLUMNS, EXTRA_COLUMNS, csv_line, csv_row, json_line
from .gazetteer import Gazetteer

LIMIT = 25_000_000  # bytes of one events file before gzip: half of GitHub's 50 MB warning
FOLDER = "events"
INDEX = "events-index.json"
GZIP_LEVEL = 6  # zlib's default: level 9 takes twice the time for 1-2% fewer bytes on this text
_JSON_OPEN, _JSON_SEP, _JSON_CLOSE = b"[\n", b",\n", b"\n]\n"
# the periods a part is made of, from the largest: a year, a month, a day (ISO 8601 forms)
PERIODS: list[Callable[[dt.date], str]] = [lambda d: f"{d.year:04d}", lambda d: f"{d:%Y-%m}", dt.date.isoformat]


@dataclass
class Part:
    """A run of consecutive entries written as one file per format."""

    key: str  # its file name: "all", "2015", "1936--2014", "2015-07", "2015-07-21_2", "undated", "undated_2"
    rows: list[int]  # indices into the entries
    first: dt.date | None = None  # the first day of its first and last entries (None: undated)
    last: dt.date | None = None
    start: str | None = None  # the first and last period it is made of ("2015-01" ... "2015-06"), or None
    end: str | None = None
    piece: int | None = None  # the number of a piece of one day (or of the undated reports), from 1

    @property
    def year(self) -> int | None:
        """The year every event of the part starts in, or None."""
        return self.first.year if self.first and self.first.year == self.last.year else None  # type: ignore


@dataclass
class Download:
    """One file: a part in one format, plain or gzipped."""

    path: str
    part: Part
    format: str  # "json" or "csv"
    gzipped: bool
    rows: int  # events in it (CSV: dated ones only)
    meta: dict = field(default_factory=dict)  # bytes and sha256, once made


def gzip_bytes(data: bytes) -> bytes:
    """gzip with no file name and a zero time in the header: the same bytes in, the same bytes out."""
    return gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)


def _pieces(rows: list[int], sizes: list[int], budget: int) -> list[list[int]]:
    """Consecutive runs of rows, each within the budget (a row larger than it is a run alone)."""
    out: list[list[int]] = [[]]
    used = 0
    for i in rows:
        if out[-1] and used + sizes[i] > budget:
            out.append([])
            used = 0
        out[-1].append(i)
        used += sizes[i]
    return out


def _numbered(key: str, runs: list[list[int]]) -> list[Part]:
    if len(runs) == 1:
        return [Part(key, runs[0], start=key, end=key)]
    return [Part(f"{key}_{n}", run, start=key, end=key, piece=n) for n, run in enumerate(runs, 1)]


def _pack(rows: list[int], days: list[dt.date], sizes: list[int], budget: int, level: int = 0) -> list[Part]:
    """Rows (dated, in order) as parts of whole periods of this level, consecutive ones packed
    together while they fit; a period too large alone is packed by the next level down."""
    groups: list[tuple[str, list[int]]] = []
    for i in rows:
        key = PERIODS[level](days[i])
        if groups and groups[-1][0] == key:
            groups[-1][1].append(i)
        else:
            groups.append((key, [i]))
    out: list[Part] = []
    run: list[tuple[str, list[int]]] = []
    used = 0

    def close() -> None:
        if run:
            first, last = run[0][0], run[-1][0]
            out.append(Part(first if first == last else f"{first}--{last}", [i for _, g in run for i in g],
                            start=first, end=last))
            run.clear()

    for key, group in groups:
        size = sum(sizes[i] for i in group)
        if size > budget:
            close()
            used = 0
            out += (_pack(group, days, sizes, budget, level + 1) if level + 1 < len(PERIODS)
                    else _numbered(key, _pieces(group, sizes, budget)))
            continue
        if run and used + size > budget:
            close()
            used = 0
        run.append((key, group))
        used += size
    close()
    return out


def plan(days: list[dt.date | None], sizes: list[int], limit: int = LIMIT) -> list[Part]:
    """The parts of a table whose entries start on `days` (in the chronology's order: dated first,
    by day, then undated) and weigh `sizes` bytes in the larger format."""
    budget = limit - 4096  # the CSV header and JSON's brackets
    if sum(sizes) <= budget:
        parts = [Part("all", list(range(len(days))))]
    else:
        dated = [i for i, d in enumerate(days) if d]
        undated = [i for i, d in enumerate(days) if not d]
        parts = _pack(dated, days, sizes, budget)  # type: ignore[arg-type]
        if undated:
            parts += [Part(p.key, p.rows, piece=p.piece) for p in _numbered("undated", _pieces(undated, sizes, budget))]
    for p in parts:
        dated_days = [days[i] for i in p.rows if days[i]]
        p.first, p.last = (min(dated_days), max(dated_days)) if dated_days else (None, None)  # type: ignore
    return parts


class Downloads:
    """The events table of one build, planned into parts; each file made on demand.

    `known` is the last build's index when it was made from the same entries and limit: its list
    of files then stands for the plan, and no row is serialised unless a file has to be made
    again (a warm build of 31,017 articles saves 11-14 s)."""

    def __init__(self, entries: list[Entry], gazetteer: Gazetteer, limit: int | None = None,
                 known: str | None = None) -> None:
        self.entries, self.gazetteer, self.limit, self.known = entries, gazetteer, limit or LIMIT, known

    @cached_property
    def _lines(self) -> tuple[list[bytes], list[bytes | None]]:
        json_lines = [json_line(en, self.gazetteer).encode("utf-8") for en in self.entries]
        csv_lines = [csv_line(row).encode("utf-8") if (row := csv_row(en, self.gazetteer)) is not None else None
                     for en in self.entries]
        return json_lines, csv_lines

    @cached_property
    def parts(self) -> list[Part]:
        files = self.files
        return list({id(d.part): d.part for d in files}.values()) if self.known else self._planned[0]

    @cached_property
    def files(self) -> list[Download]:
        """Every file, in the order the index lists them: by part, JSON then CSV, plain then gzipped."""
        if self.known:
            try:
                return _from_index(self.known)
            except (ValueError, KeyError, TypeError):  # a damaged index: plan again
                self.known = None
        return self._planned[1]

    @cached_property
    def _planned(self) -> tuple[list[Part], list[Download]]:
        js, cs = self._lines
        sizes = [max(len(j) + len(_JSON_SEP), len(c or b"")) for j, c in zip(js, cs, strict=True)]
        parts = plan([en.main.date_start for en in self.entries], sizes, self.limit)
        out = []
        for p in parts:
            for fmt in ("json", "csv"):
                rows = len(p.rows) if fmt == "json" else sum(1 for i in p.rows if cs[i] is not None)
                if fmt == "csv" and not rows and p.key != "all":
                    continue  # undated reports have no CSV rows
                path = f"events.{fmt}" if p.key == "all" else f"{FOLDER}/{p.key}.{fmt}"
                out += [Download(path, p, fmt, False, rows), Download(path + ".gz", p, fmt, True, rows)]
        return parts, out

    def data(self, d: Download) -> bytes:
        """A file's bytes; its size and sha256 are kept for the index and the Data page."""
        if self.known:  # the same entries give the same plan: this file's rows are in it
            d = next(f for f in self._planned[1] if f.path == d.path)
        js, cs = self._lines
        if d.format == "json":
            raw = _JSON_OPEN + _JSON_SEP.join(js[i] for i in d.part.rows) + _JSON_CLOSE
        else:
            header = csv_line(ACLED_COLUMNS + EXTRA_COLUMNS).encode("utf-8")
            raw = header + b"".join(line for i in d.part.rows if (line := cs[i]) is not None)
        data = gzip_bytes(raw) if d.gzipped else raw
        d.meta = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        return data

    def meta(self, d: Download) -> dict:
        if not d.meta:
            self.data(d)
        return d.meta

    def index(self) -> str:
        """events-index.json: every events file with what a script needs to fetch and check it."""
        if self.known:
            return self.known
        files = [{"path": d.path, "format": d.format, "gzip": d.gzipped, "part": d.part.key, "from": d.part.start,
                  "to": d.part.end, "year": d.part.year, "piece": d.part.piece,
                  "first_day": d.part.first.isoformat() if d.part.first else None,
                  "last_day": d.part.last.isoformat() if d.part.last else None,
                  "rows": d.rows, **self.meta(d)} for d in self.files]
        return json.dumps({"split": self.parts[0].key != "all", "limit_bytes": self.limit,
                           "events": len(self.entries), "files": files}, ensure_ascii=False, indent=1) + "\n"


def _from_index(text: str) -> list[Download]:
    """The files an index lists, their parts made again from it (without their rows)."""
    parts: dict[str, Part] = {}
    out = []
    for x in json.loads(text)["files"]:
        day = {k: dt.date.fromisoformat(x[k]) if x[k] else None for k in ("first_day", "last_day")}
        p = parts.setdefault(x["part"], Part(x["part"], [], day["first_day"], day["last_day"], x["from"], x["to"],
                                             x["piece"]))
        out.append(Download(x["path"], p, x["format"], x["gzip"], x["rows"], {"bytes": x["bytes"],
                                                                               "sha256": x["sha256"]}))
    return out
