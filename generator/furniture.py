"""Page furniture and the title: which lines of a scraped page are not the article.

Rules are data (generator/data/furniture.yaml). Furniture stays in the text (offsets never
move); it is returned as spans so the site can dim it and the event stage can skip it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from .normalize import Normalized, norm, normalize

_ARABIC = re.compile(r"[\u0621-\u064a]")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    why: str


@dataclass(frozen=True)
class Rules:
    lines: list[tuple[re.Pattern[str], str]]
    tails: list[tuple[re.Pattern[str], str]]  # the glued-on end of a line (as written)
    captions: list[re.Pattern[str]]
    labels: tuple[str, ...]


@lru_cache(maxsize=1)
def rules() -> Rules:
    raw = yaml.safe_load(resources.files("generator").joinpath("data/furniture.yaml").read_text("utf-8"))
    return Rules(
        [(re.compile(r["re"]), r["why"]) for r in raw["lines"]],
        [(re.compile(r["re"]), r["why"]) for r in raw.get("tails", [])],
        [re.compile(c) for c in raw["captions"]],
        tuple(norm(label).lower() for label in raw["dateline_labels"]),
    )


def lines_of(text: str, start: int = 0) -> list[tuple[int, int]]:
    """(start, end) of every line from `start`, without the newline."""
    spans, pos = [], start
    for line in text[start:].split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def furniture(text: str, body_start: int = 0,
              normalized: Normalized | None = None) -> tuple[list[Span], tuple[int, int] | None]:
    """The furniture lines of the body, and the span of the title line (None when there is none)."""
    r = rules()
    spans: list[Span] = []
    title: tuple[int, int] | None = None
    seen_title = ""
    since_title = 0  # non-empty lines since the title
    # the body normalized at once (the replace chain is fast on a long text); normalizing never
    # adds nor removes a newline, so its lines are the body's lines
    folded_lines = (normalized or normalize(text[body_start:])).text.split("\n")
    for (start, end), folded in zip(lines_of(text, body_start), folded_lines, strict=True):
        raw = text[start:end].strip()
        if not raw:
            continue
        line = " ".join(folded.split()).lower()
        why = next((w for rx, w in r.lines if rx.search(line)), None)
        if why is None and len(line) <= 60 and only_a_date(raw):
            why = "dateline"
        if why is None and any(c.search(line) for c in r.captions):
            why = "picture caption"
        if why is None and not _ARABIC.search(line) and title is None:
            why = "page chrome before the title"
        if why is None and title is not None and line == seen_title and since_title <= 6:
            why = "headline repeated"  # near the top: a page shows its headline twice
        if title is not None:
            since_title += 1
        if why is None:  # (on the first line too: a one-paragraph body whose headline is in the metadata)
            tail = next(((m, w) for rx, w in r.tails if (m := rx.search(text, start, end))), None)
            if tail:
                spans.append(Span(tail[0].start(), end, tail[1]))  # the article's sentence before it stays
                if title is None:
                    lead = len(text[start:end]) - len(text[start:end].lstrip())
                    title, seen_title = (start + lead, len(text[: tail[0].start()].rstrip())), line
                continue
        if why:
            spans.append(Span(start, end, why))
        elif title is None:
            lead = len(text[start:end]) - len(text[start:end].lstrip())
            title = (start + lead, start + lead + len(raw))
            seen_title = line
    return spans, title


def only_a_date(line: str) -> bool:
    """A short line that is a full date and little else: "01 نوفمبر 2017", "20-Nov-2017"."""
    from .dates import find_dates  # the date engine imports nothing from here; keep it lazy anyway

    found = [e for e in find_dates(line) if e.date_start]
    covered = sum(len(e.text.replace(" ", "")) for e in found)
    return bool(found) and covered >= 0.7 * len(line.replace(" ", ""))


def in_furniture(spans: list[Span], start: int, end: int, starts: list[int] | None = None) -> bool:
    """Whether [start, end) lies inside one furniture line. Spans are sorted and disjoint; pass
    their starts when asking many times about one article."""
    k = bisect_right(starts if starts is not None else [s.start for s in spans], start) - 1
    return k >= 0 and end <= spans[k].end
