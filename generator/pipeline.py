"""read → tag → assemble: from a folder of articles to the chronology, in one call.

`extract` does everything one article needs (dates, places and actors, events); it depends on
nothing but that article's bytes, its metadata and the gazetteer, so `build` caches it (keyed by
all three and the engine's own version) and runs the misses in parallel processes. The results
come back in the order of the inputs, so the output never depends on which process was faster.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import os
import pickle
import sqlite3
import zlib
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .chronology import Entry, assemble
from .corpus import Corpus, FileReport, collect, default_catalog, folder_sources, jsonl_sources
from .dates import DateExpr, find_dates
from .entities import Candidate, Mention, find_entities
from .events import Event, article_events
from .gazetteer import Gazetteer, load_gazetteer
from .normalize import normalize
from .read import Article, Catalog, ReadError, Source, read_source

CHUNK = 64  # sources a worker takes at a time


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
    cached: int = 0  # how many articles came from the cache

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
    normalized = article.body_normalized or normalize(body)
    found = article.body_dates if article.body_dates is not None else find_dates(body, article.published, normalized)
    article.body_dates = article.body_normalized = None  # not kept (the cache pickles articles)
    dates = _shift(found, article.body_start)
    mentions, candidates = find_entities(body, gazetteer, normalized, article.published)
    _shift(mentions, article.body_start)
    _shift(candidates, article.body_start)
    mentions = outside_dates(mentions, dates)  # (both in the article's offsets now)
    events = article_events(article, dates, mentions, gazetteer, normalized, candidates)
    return Extraction(article, dates, mentions, candidates, events)


def outside_dates(mentions: list, dates: list) -> list:
    """The mentions, less the places inside a date phrase: "في التاسع من أغسطس (آب)" names the month,
    not Yemen's Ibb (إب), whose name it shares once normalized."""
    spans = sorted((d.start, d.end) for d in dates if not d.vague)
    if not spans:
        return mentions
    starts = [a for a, _ in spans]
    out = []
    for m in mentions:
        i = bisect_right(starts, m.start) - 1
        if m.kind == "place" and i >= 0 and m.end <= spans[i][1]:
            continue
        out.append(m)
    return out


# --- the cache -----------------------------------------------------------------------------------


# the stages after extraction (paths under generator/): changing them must not throw the cache away
AFTER_EXTRACTION = {"chronology.py", "exports.py", "render.py", "render_site.py", "render_text.py", "visuals.py",
                    "labels.py", "site.py", "search.py", "mkdocs_plugin.py", "mkdocs_apart.py", "mkdocs_html.py",
                    "mkdocs_write.py", "__main__.py", "data/labels.yaml", "downloads.py", "render_pages.py"}


def engine_files() -> list[str]:
    """The files (paths under generator/) that make an extraction: every stage package (dates/,
    entities/, events/, gazetteer/) and every rule file; the gazetteers' data has its own version."""
    root = Path(str(resources.files("generator")))
    return sorted({path.relative_to(root).as_posix() for pattern in ("**/*.py", "data/*.yaml", "data/*.txt.gz")
                   for path in root.glob(pattern)} - AFTER_EXTRACTION)


@lru_cache(maxsize=1)
def engine_version() -> str:
    """A hash of the code and rules that make an extraction: change any of them, and the cache misses."""
    root = Path(str(resources.files("generator")))
    h = hashlib.sha256()
    for rel in engine_files():
        h.update(rel.encode() + (root / rel).read_bytes())
    return h.hexdigest()[:16]


def cache_key(src: Source, gazetteer: Gazetteer, catalog_hash: str, today: dt.date) -> str:
    h = hashlib.sha256()
    for part in (engine_version(), gazetteer.version, catalog_hash, repr(src.listed), src.id, str(src.record)):
        h.update(part.encode() + b"\0")
    h.update(src.data)
    if not src.record and b"published:" not in src.data[:4096] and not any(k == "published" for k, _ in src.listed):
        h.update(today.isoformat().encode())  # a dateline's check against "the future" moves with the day
    return h.hexdigest()


class Cache:
    """Extractions by key, zlib-compressed pickles in one SQLite file (only this program writes it)."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(folder / "extractions.sqlite")
        self.db.execute("CREATE TABLE IF NOT EXISTS x (key TEXT PRIMARY KEY, value BLOB)")

    def get_many(self, keys: list[str]) -> dict[str, Extraction | ReadError]:
        out: dict[str, Extraction | ReadError] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            rows = self.db.execute(f"SELECT key, value FROM x WHERE key IN ({','.join('?' * len(chunk))})", chunk)
            for key, value in rows:
                try:
                    out[key] = pickle.loads(zlib.decompress(value))
                except Exception:  # noqa: BLE001 - a damaged entry is a miss, never a failed build
                    continue
        return out

    def put_many(self, items: Iterable[tuple[str, Extraction | ReadError]]) -> None:
        self.db.executemany("INSERT OR REPLACE INTO x VALUES (?, ?)",
                            ((k, zlib.compress(pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL), 1))
                             for k, v in items))
        self.db.commit()

    def keep_only(self, keys: set[str]) -> None:
        """Forget what no input needs any more, so the cache does not grow without end."""
        stale = [k for (k,) in self.db.execute("SELECT key FROM x") if k not in keys]
        for i in range(0, len(stale), 500):
            chunk = stale[i : i + 500]
            self.db.execute(f"DELETE FROM x WHERE key IN ({','.join('?' * len(chunk))})", chunk)
        self.db.commit()


# Extractions are never changed once made (assembling and rendering only read them), so the same
# objects can serve the next build in this process.
_RECENT: dict[str, Extraction | ReadError] = {}


def forget_recent() -> None:
    """Let the last build's extractions go (a process that builds once never asks for them again)."""
    _RECENT.clear()


# --- the work, in parallel -------------------------------------------------------------------------

_WORKER: dict = {}


def _init_worker(catalog: Catalog | None, places: list[Path], actors: list[Path], today: dt.date) -> None:
    _WORKER.update(catalog=catalog, gazetteer=load_gazetteer(places, actors), today=today)


def _work(sources: list[Source]) -> list[Extraction | ReadError]:
    out: list[Extraction | ReadError] = []
    for src in sources:
        try:
            article = read_source(src, _WORKER["catalog"], _WORKER["today"])
        except ReadError as err:
            out.append(err)
            continue
        out.append(extract(article, _WORKER["gazetteer"]))
    return out


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for a while. A build makes millions of small objects
    and frees almost none; each full collection walks all of them again, and at 30,000 articles
    that was a third of the time spent loading the cache. Reference counting still frees memory."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@collector_paused()
def build(source: Path, catalog: Catalog | None = None, gazetteer: Gazetteer | None = None,
          today: dt.date | None = None, progress: Callable[[str], None] | None = None,
          jsonl_limit: int | None = None, cache_dir: Path | None = None, workers: int | None = None,
          places: list[Path] | None = None, actors: list[Path] | None = None) -> Build:
    """Read every article under `source` (a folder, or a .jsonl/.jsonl.gz corpus), extract each one
    (from the cache when it has not changed), and assemble the chronology."""
    places, actors = list(places or []), list(actors or [])
    gaz = gazetteer or load_gazetteer(places, actors)
    today = today or dt.date.today()
    say = progress or (lambda _message: None)
    if source.is_file() and source.name.endswith((".jsonl", ".jsonl.gz")):
        catalog, (sources, report) = None, (jsonl_sources(source, jsonl_limit), [])
    else:
        catalog = catalog or default_catalog([source])
        sources, report = folder_sources(source, catalog)
    say(f"{len(sources)} articles to read")
    catalog_hash = hashlib.sha256(json.dumps(sorted((k, sorted(v.items())) for k, v in (catalog.by_hash.items()
                                  if catalog else [])), default=str).encode()).hexdigest()
    keys = [cache_key(s, gaz, catalog_hash, today) for s in sources]
    cache = Cache(cache_dir) if cache_dir else None
    # the last build's results first (under `mkdocs serve`, every rebuild runs in one process: an
    # edit then costs one extraction, not unpickling the whole cache), then the cache on disk
    found = {k: _RECENT[k] for k in keys if k in _RECENT}
    if cache and len(found) < len(keys):
        found.update(cache.get_many([k for k in keys if k not in found]))
    todo = [i for i, k in enumerate(keys) if k not in found]
    results: list[Extraction | ReadError | None] = [found.get(k) for k in keys]
    say(f"{len(sources) - len(todo)} from the cache, {len(todo)} to extract")
    chunks = [todo[i : i + CHUNK] for i in range(0, len(todo), CHUNK)]
    workers = workers if workers is not None else (os.cpu_count() or 1)
    done = 0

    def finish(chunk: list[int], outcome: list[Extraction | ReadError]) -> None:
        nonlocal done
        for i, result in zip(chunk, outcome, strict=True):
            results[i] = result
        done += len(chunk)
        step = max(len(todo) // 10, CHUNK)  # a line every tenth of the way, not one per article
        if len(todo) >= 1000 and done // step != (done - len(chunk)) // step:
            say(f"read and extracted {done} of {len(todo)} articles ({100 * done // len(todo)}%)")

    if workers > 1 and len(todo) > CHUNK:
        with ProcessPoolExecutor(workers, initializer=_init_worker,
                                 initargs=(catalog, places, actors, today)) as pool:
            for chunk, outcome in zip(chunks, pool.map(_work, ([sources[i] for i in c] for c in chunks)),
                                      strict=True):
                finish(chunk, outcome)
    else:
        _init_worker(catalog, places, actors, today)
        _WORKER["gazetteer"] = gaz
        for chunk in chunks:
            finish(chunk, _work([sources[i] for i in chunk]))
    if cache:
        cache.put_many((keys[i], r) for i in todo if isinstance(r := results[i], Extraction | ReadError))
        cache.keep_only(set(keys))
    _RECENT.clear()
    _RECENT.update((k, r) for k, r in zip(keys, results, strict=True) if r is not None)
    pairs = [(sources[i], results[i]) for i in range(len(sources))]
    kept, full_report = collect(pairs, report)
    extractions = [results[i] for i in kept]
    corpus = Corpus([x.article for x in extractions], full_report)
    entries = assemble([e for x in extractions for e in x.events], gaz)
    say(f"{len(extractions)} articles, {len(entries)} chronology entries")
    return Build(corpus, extractions, entries, gaz, cached=len(sources) - len(todo))
