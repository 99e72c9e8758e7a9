"""The events table as downloads that fit where sites are published.

GitHub warns about a pushed file over 50 MB and refuses one over 100 MB, and a spreadsheet or a
browser chokes long before: no events file is over LIMIT (25 MB). Up to LIMIT, the whole table is
one file per format at the site's root, `events.json` and `events.csv`, the URLs they always had.
Past it, the table is split, in the chronology's order: by the year of an event's first day, a
year over LIMIT by month, a month over LIMIT in numbered pieces of consecutive days
(`events/2015.json`, `events/2015-08.csv`, `events/2015-08_2.json`); undated reports are a part
of their own (JSON only: a CSV row has a day). Every file also comes gzipped (`.gz`, with no name
and no time in its header, so the same input gives the same bytes), and `events-index.json`, at
the root beside them, lists every file, whichever way the table was written, with its rows, bytes
and sha256 (paths from the site's root, which is also the index's own folder).
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
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


@dataclass
class Part:
    """A run of consecutive entries written as one file per format."""

    key: str  # "all", "2015", "2015-08", "2015-08_2", "undated", "undated_2": the file's name
    year: int | None
    month: int | None
    piece: int | None  # the number of a piece of a month (or of the undated reports), from 1
    rows: list[int]  # indices into the entries
    first: dt.date | None = None  # the first day of its first and last entries (None: undated)
    last: dt.date | None = None


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


def plan(days: list[dt.date | None], sizes: list[int], limit: int = LIMIT) -> list[Part]:
    """The parts of a table whose entries start on `days` (in the chronology's order: dated first,
    by day, then undated) and weigh `sizes` bytes in the larger format."""
    budget = limit - 4096  # the CSV header and JSON's brackets
    whole = sum(sizes) <= budget
    parts = [Part("all", None, None, None, list(range(len(days))))] if whole else _split(days, sizes, budget)
    for p in parts:
        dated = [days[i] for i in p.rows if days[i]]
        p.first, p.last = (min(dated), max(dated)) if dated else (None, None)
    return parts


def _split(days: list[dt.date | None], sizes: list[int], budget: int) -> list[Part]:
    """By year; a year over the budget by month; a month over it in pieces; the undated in pieces."""
    years: dict[int | None, list[int]] = {}
    for i, d in enumerate(days):
        years.setdefault(d.year if d else None, []).append(i)
    parts: list[Part] = []
    for year, rows in years.items():
        if year is None:
            runs = _pieces(rows, sizes, budget)
            parts += [Part("undated" if len(runs) == 1 else f"undated_{n}", None, None,
                           None if len(runs) == 1 else n, run) for n, run in enumerate(runs, 1)]
            continue
        if sum(sizes[i] for i in rows) <= budget:
            parts.append(Part(str(year), year, None, None, rows))
            continue
        months: dict[int, list[int]] = {}
        for i in rows:
            months.setdefault(days[i].month, []).append(i)  # type: ignore[union-attr]
        for month, mrows in months.items():
            key = f"{year}-{month:02d}"
            runs = _pieces(mrows, sizes, budget)
            parts += [Part(key if len(runs) == 1 else f"{key}_{n}", year, month, None if len(runs) == 1 else n, run)
                      for n, run in enumerate(runs, 1)]
    return parts


class Downloads:
    """The events table of one build, planned into parts; each file made on demand."""

    def __init__(self, entries: list[Entry], gazetteer: Gazetteer, limit: int | None = None) -> None:
        self.entries, self.gazetteer, self.limit = entries, gazetteer, limit or LIMIT

    @cached_property
    def _lines(self) -> tuple[list[bytes], list[bytes | None]]:
        json_lines = [json_line(en, self.gazetteer).encode("utf-8") for en in self.entries]
        csv_lines = [csv_line(row).encode("utf-8") if (row := csv_row(en, self.gazetteer)) is not None else None
                     for en in self.entries]
        return json_lines, csv_lines

    @cached_property
    def parts(self) -> list[Part]:
        js, cs = self._lines
        sizes = [max(len(j) + len(_JSON_SEP), len(c or b"")) for j, c in zip(js, cs, strict=True)]
        return plan([en.main.date_start for en in self.entries], sizes, self.limit)

    @cached_property
    def files(self) -> list[Download]:
        """Every file, in the order the index lists them: by part, JSON then CSV, plain then gzipped."""
        _, cs = self._lines
        out = []
        for p in self.parts:
            for fmt in ("json", "csv"):
                rows = len(p.rows) if fmt == "json" else sum(1 for i in p.rows if cs[i] is not None)
                if fmt == "csv" and not rows and p.key != "all":
                    continue  # undated reports have no CSV rows
                path = f"events.{fmt}" if p.key == "all" else f"{FOLDER}/{p.key}.{fmt}"
                out += [Download(path, p, fmt, False, rows), Download(path + ".gz", p, fmt, True, rows)]
        return out

    def data(self, d: Download) -> bytes:
        """A file's bytes; its size and sha256 are kept for the index and the Data page."""
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
        files = [{"path": d.path, "format": d.format, "gzip": d.gzipped, "part": d.part.key, "year": d.part.year,
                  "month": d.part.month, "piece": d.part.piece,
                  "first_day": d.part.first.isoformat() if d.part.first else None,
                  "last_day": d.part.last.isoformat() if d.part.last else None,
                  "rows": d.rows, **self.meta(d)} for d in self.files]
        return json.dumps({"split": self.parts[0].key != "all", "limit_bytes": self.limit,
                           "events": len(self.entries), "files": files}, ensure_ascii=False, indent=1) + "\n"
