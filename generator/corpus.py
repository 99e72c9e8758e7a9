"""Where articles come from: the files of a folder (and the catalogs beside them), or the records
of a JSON Lines corpus; each read by read.py, and a report of every input.

Nothing is dropped silently: every input file ends up in the report as read, read with
warnings, or skipped with the reason and what to do about it. A Corpus holds the articles kept
(the first of several with the same text) and that report, sorted by path.
"""

from __future__ import annotations

import datetime as dt
import gzip
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .read import Article, Catalog, ReadError, Source, read_source

ARTICLE_SUFFIXES = {".txt", ".md"}
CATALOG_NAME = "catalog.yaml"


@dataclass
class FileReport:
    path: str
    status: str  # read, warnings, skipped
    messages: list[str] = field(default_factory=list)

    def named(self) -> list[str]:
        """The messages, each naming the file (for a log, where lines from many files mix)."""
        return [m if self.path in m else f"{self.path}: {m}" for m in self.messages]


@dataclass
class Corpus:
    articles: list[Article]
    report: list[FileReport]

    @property
    def skipped(self) -> list[FileReport]:
        return [r for r in self.report if r.status == "skipped"]


# --- catalogs beside the files --------------------------------------------------------------


def default_catalog(paths: Iterable[Path], extra: Iterable[Path] = ()) -> Catalog:
    """The catalogs beside the given files, the ones named, and the project's own (seeds/catalog.yaml)."""
    catalog = Catalog()
    seen: set[Path] = set()
    candidates = [*extra, Path("seeds") / CATALOG_NAME]
    for p in paths:
        folder = p if p.is_dir() else p.parent
        candidates.append(folder / CATALOG_NAME)
        if p.is_dir():
            candidates.extend(path for _rel, path in list_files(folder) if path.name == CATALOG_NAME)
    for c in candidates:
        r = c.resolve()
        if r not in seen and c.is_file():
            seen.add(r)
            catalog.add_file(c)
    return catalog


# --- folders and corpora --------------------------------------------------------------------


def list_files(root: Path) -> list[tuple[str, Path]]:
    """Every file under a folder as (path relative to it with "/", path), in a stable order (never
    the order the disk lists them in). One os.walk: at 30,000 files, pathlib's rglob takes seconds."""
    out = []
    for folder, _dirs, names in os.walk(root):
        rel = os.path.relpath(folder, root).replace(os.sep, "/")
        for name in names:
            path = Path(folder, name)
            if path.is_file():
                out.append((name if rel == "." else f"{rel}/{name}", path))
    out.sort(key=lambda item: item[0])
    return out


def _hidden(rel: str) -> bool:
    return any(part.startswith(".") for part in rel.split("/"))


def article_files(root: Path) -> Iterator[Path]:
    """Article files under root, in a stable order."""
    if root.is_file():
        yield root
        return
    for rel, p in list_files(root):
        if p.suffix.lower() in ARTICLE_SUFFIXES and not _hidden(rel):
            yield p


def folder_sources(root: Path, catalog: Catalog) -> tuple[list[Source], list[FileReport]]:
    """The article files under root as sources, and a report line for every other file there."""
    report: list[FileReport] = [FileReport(p, "warnings", [p]) for p in catalog.problems]
    if root.is_dir():
        files = list_files(root)
    else:
        files = [(root.name, root)] if root.is_file() else []
    folders: dict[str, str] = {}  # each folder resolved once, for the catalog's by-name lookups
    sources = []
    for rel, path in files:
        if root.is_dir() and (path.suffix.lower() not in ARTICLE_SUFFIXES or _hidden(rel)):
            if path.name == CATALOG_NAME:
                continue
            if _hidden(rel):
                why = f"{path}: hidden (its name or a folder's starts with '.'); rename it to have it read"
            else:
                why = f"{path}: not an article (only {', '.join(sorted(ARTICLE_SUFFIXES))} files are read)"
            report.append(FileReport(rel, "skipped", [why]))
            continue
        try:
            data = path.read_bytes()
        except OSError as err:
            report.append(FileReport(rel, "skipped", [f"{path}: cannot be read ({err.strerror}); check permissions"]))
            continue
        parent = str(path.parent)
        if parent not in folders:
            folders[parent] = str(path.parent.resolve())
        listed = catalog.by_name.get((folders[parent], path.name), {})
        sources.append(Source(rel, str(path), data, tuple(sorted(listed.items()))))
    return sources, report


def jsonl_sources(path: Path, limit: int | None = None) -> list[Source]:
    """The records of a JSON Lines corpus (optionally .gz) as sources, blank lines left out."""
    opener = gzip.open if path.suffix == ".gz" else open
    out: list[Source] = []
    with opener(path, "rb") as fh:
        for n, line in enumerate(fh, 1):
            if limit and len(out) >= limit:
                break
            if line.strip():
                out.append(Source(f"{path.name}#{n}", f"{path}, line {n}", line.rstrip(b"\r\n"), record=True))
    return out


def collect(results: list[tuple[Source, Any]], report: list[FileReport]) -> tuple[list[int], list[FileReport]]:
    """Which results become articles (their indexes) and the full report: every source is in it,
    read, read with warnings, or skipped (unreadable, or the same text as an earlier one)."""
    report = list(report)
    kept: list[int] = []
    bodies: dict[str, str] = {}
    for k, (src, result) in enumerate(results):
        if isinstance(result, ReadError):
            report.append(FileReport(src.id, "skipped", [str(result)]))
            continue
        art = result if isinstance(result, Article) else result.article
        if art.sha256 in bodies:
            report.append(FileReport(src.id, "skipped", [f"{src.where}: same text as {bodies[art.sha256]}; "
                                                         "kept the first, remove one of them"]))
            continue
        bodies[art.sha256] = src.id
        kept.append(k)
        report.append(FileReport(src.id, "warnings" if art.warnings else "read", list(art.warnings)))
    report.sort(key=lambda r: r.path)
    return kept, report


def _read_all(sources: list[Source], report: list[FileReport], catalog: Catalog | None, today: dt.date | None,
              **kw: Any) -> Corpus:
    results: list[tuple[Source, Any]] = []
    for src in sources:
        try:
            results.append((src, read_source(src, catalog, today, **kw)))
        except ReadError as err:
            results.append((src, err))
    kept, full = collect(results, report)
    return Corpus([results[k][1] for k in kept], full)


def read_folder(root: Path, catalog: Catalog | None = None, today: dt.date | None = None) -> Corpus:
    """Every article under root, and a report line for every file there (articles or not)."""
    catalog = catalog or default_catalog([root])
    sources, report = folder_sources(root, catalog)
    return _read_all(sources, report, catalog, today)


def read_jsonl(path: Path, text_field: str = "content", fields: dict[str, str] | None = None,
               limit: int | None = None, today: dt.date | None = None) -> Corpus:
    """A JSON Lines corpus (optionally .gz): one record an article, metadata fields named by `fields`."""
    return _read_all(jsonl_sources(path, limit), [], None, today, text_field=text_field, fields=fields)
