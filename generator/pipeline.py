"""read → tag → assemble: from a folder of articles to the chronology, in one call.

`extract` does everything one article needs (dates, places and actors, events); it depends on
nothing but that article and the gazetteer, so it can be cached and run in parallel. `build`
reads the corpus, extracts every article and assembles the chronology.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .chronology import Entry, assemble
from .dates import DateExpr, find_dates
from .entities import Candidate, Mention, find_entities
from .events import Event, article_events
from .gazetteer import Gazetteer, load_gazetteer
from .read import Article, Catalog, Corpus, FileReport, default_catalog, read_folder, read_jsonl


@dataclass
class Extraction:
    article: Article
    dates: list[DateExpr]  # offsets into article.text
    mentions: list[Mention]
    candidates: list[Candidate]
    events: list[Event]


@dataclass
class Build:
    corpus: Corpus
    extractions: list[Extraction]
    entries: list[Entry]
    gazetteer: Gazetteer

    @property
    def report(self) -> list[FileReport]:
        return self.corpus.report


def _shift(items, offset: int):
    for x in items:
        x.start += offset
        x.end += offset
    return items


def extract(article: Article, gazetteer: Gazetteer) -> Extraction:
    body = article.body
    dates = _shift(find_dates(body, article.published), article.body_start)
    mentions, candidates = find_entities(body, gazetteer)
    _shift(mentions, article.body_start)
    _shift(candidates, article.body_start)
    events = article_events(article, dates, mentions, gazetteer)
    return Extraction(article, dates, mentions, candidates, events)


def build(source: Path, catalog: Catalog | None = None, gazetteer: Gazetteer | None = None,
          today: dt.date | None = None, progress: Callable[[str], None] | None = None,
          jsonl_limit: int | None = None) -> Build:
    gaz = gazetteer or load_gazetteer()
    if source.is_file() and source.name.endswith((".jsonl", ".jsonl.gz")):
        corpus = read_jsonl(source, limit=jsonl_limit, today=today)
    else:
        corpus = read_folder(source, catalog or default_catalog([source]), today=today, progress=progress)
    extractions = []
    for n, art in enumerate(corpus.articles, 1):
        extractions.append(extract(art, gaz))
        if progress and n % 1000 == 0:
            progress(f"extracted {n} of {len(corpus.articles)} articles")
    entries = assemble([e for x in extractions for e in x.events])
    if progress:
        progress(f"{len(corpus.articles)} articles, {len(entries)} chronology entries")
    return Build(corpus, extractions, entries, gaz)
