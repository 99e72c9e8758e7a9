"""render: the chronology as ordinary Markdown pages (and data files) for MkDocs.

`render(build, config)` returns {docs-relative path: text}. The MkDocs plugin hands these to
MkDocs as generated files; `python -m generator render --out DIR` writes them to a folder. Pages
come from Jinja templates (generator/templates); every value a template prints is escaped by
`site.esc` unless the renderer built it as markup itself. The site's shape and an entry's pieces
are in render_site.py, an article's marked text in render_text.py, what charts, maps and filters
draw in visuals.py, and every word a reader sees comes from labels.py.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import downloads as downloads_module
from .chronology import Entry
from .downloads import INDEX, Downloads
from .downloads import Part as DownloadPart
from .exports import atom_feed, places_geojson, report_csv, timeline_json
from .labels import (
    count,
    date_html,
    date_text,
    fill,
    hijri_text,
    labels,
    month_text,
    phrase,
    phrase_html,
    size_text,
)
from .pipeline import AFTER_EXTRACTION, Build, engine_version
from .render_site import Part, Site, _sig
from .render_text import inline
from .site import esc, html_link, md_link
from .visuals import filters, json_script, map_points, timeline

CONTEXT = 50  # characters either side of a candidate place in the report (cut at a word)


# --- pages ---------------------------------------------------------------------------------------


def _finalize(value: object) -> Markup:
    """What a template prints: markup the renderer made stays; anything else is escaped."""
    if isinstance(value, Markup):
        return value
    if hasattr(value, "__html__"):
        return Markup(value.__html__())
    return esc("" if value is None else value)


def _env() -> jinja2.Environment:
    loader = jinja2.FileSystemLoader(str(resources.files("generator").joinpath("templates")))
    env = jinja2.Environment(loader=loader, autoescape=True, keep_trailing_newline=True,
                             finalize=_finalize,
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.globals["json_script"] = json_script
    return env


@dataclass
class Job:
    """One generated file: where it goes, what it depends on (None: always made), how to make it."""

    path: str
    signature: str | None
    make: Callable[[], str | bytes]  # bytes: a gzipped download
    fragment_of: str | None = None  # an article text spliced into this page after Markdown...
    placeholder: str | None = None  # ...in place of this (which carries its anchors for MkDocs' checks)


@lru_cache(maxsize=1)
def templates_version() -> str:
    """The templates and the code after extraction (assembling, rendering, exports)."""
    root = Path(str(resources.files("generator")))
    return _sig(*[(p.name, p.read_bytes()) for p in sorted((root / "templates").glob("*.j2"))],
                *[(name, (root / name).read_bytes()) for name in sorted(AFTER_EXTRACTION)])


def render(build: Build, site_url: str = "", title: str = "وقائع",
           article_text: str = "full") -> dict[str, str | bytes]:
    """Every generated page and data file, by docs-relative path; article texts inline."""
    return {job.path: job.make() for job in jobs(build, site_url, title, article_text=article_text)}


def fragment_path(page: str) -> str:
    return page[: -len(".md")] + ".text.html"


def placeholder(page: str, anchors: list[str]) -> str:
    """What stands for an article's text until it is spliced in: its event anchors are here so that
    MkDocs' link check finds them; the splice replaces the whole of it, anchors included."""
    spans = "".join(f'<span id="{Site.raw(a)}"></span>' for a in anchors)
    return f'<div class="waqai-text-placeholder" data-page="{esc(page)}">{spans}</div>'


class Pages:
    """The jobs of one build, and what every page maker needs: the site, the templates, the base
    of every signature (templates, engine, gazetteer, title: not the site's URL, which only the
    feed prints and `mkdocs serve` sets its own)."""

    def __init__(self, build: Build, title: str) -> None:
        self.build = build
        self.site = Site(build)
        self.env = _env()
        self.macros = self.env.get_template("_macros.md.j2").module
        self.out: list[Job] = []
        self.base = (templates_version(), engine_version(), build.gazetteer.version, title)

    def page(self, path: str, template: str, signature: tuple | None = None,
             later: Callable[[], dict] | None = None, **ctx) -> None:
        """A page job; `later` gives the part of the context worth making only if the page is made."""
        def make(path=path, template=template, ctx=ctx) -> str:
            extra = later() if later else {}
            return self.env.get_template(template).render(page=path, site=self.site, m=self.macros, **ctx, **extra)

        self.out.append(Job(path, _sig(self.base, path, signature) if signature is not None else None, make))

    def file(self, path: str, signature: str | None, make: Callable[[], str], **kw) -> None:
        self.out.append(Job(path, signature, make, **kw))


def jobs(build: Build, site_url: str = "", title: str = "وقائع", inline_texts: bool = True,
         article_text: str = "full", last: Callable[[str, str], str | None] | None = None) -> list[Job]:
    """Every generated page and data file as a job. A page's signature changes exactly when what it
    shows changes (its entries, their sources and links, the gazetteer, the templates), so a
    rebuild can skip the pages an edit did not touch.

    With inline_texts=False, an article page holds a placeholder and its marked-up text is a
    fragment job of its own, spliced in after Markdown (the MkDocs plugin does): Python-Markdown
    takes minutes over the HTML of a 5 MB article, and the search index does not need it.
    `article_text` (full, excerpt, none) is how much of an article's text its page shows; `last(path,
    signature)` gives what the last build wrote at path when its signature was the same, or None."""
    from .render_pages import article_pages, entity_pages, report_page

    pages = Pages(build, title)
    site = pages.site
    entries = build.entries
    _home(pages)
    _chronology(pages)
    entity_pages(pages)
    article_pages(pages, inline_texts, article_text)

    # data and the report
    every = _sig(pages.base, site.entries_sig(entries))  # the downloads hold every entry, its sources and pages
    split = _sig(every, downloads_module.LIMIT)  # how the table is split follows from its entries and the limit
    downloads = Downloads(entries, site.gaz, known=last(INDEX, split) if last else None)
    for d in downloads.files:
        pages.file(d.path, split, lambda d=d: downloads.data(d))
    pages.file(INDEX, split, downloads.index)
    pages.file("places.geojson", every, lambda: places_geojson(entries, site.gaz))
    pages.file("timeline.json", every, lambda: timeline_json(entries, title))

    def feed_link(en: Entry) -> str:
        return (site_url or "") + html_link("index.md", site.part_of_entry[en.id], en.id)

    pages.file("feed.xml", _sig(every, site_url), lambda: atom_feed(entries, site_url, title, feed_link))
    pages.file("report.csv", None, lambda: report_csv(build.report))
    _data_page(pages, downloads, split)  # after the files: their sizes are known once they are made
    report_page(pages, article_text)
    return pages.out


def _words(text: str, **values: object) -> Markup:
    """A label with its Latin runs isolated and each {name} replaced by its value (markup kept)."""
    return fill(text, inline, **values)


def _path(path: str) -> Markup:
    """A file's path as the renderer made it, shown in a code span (where an entity would show as is)."""
    if not re.fullmatch(r"[a-z0-9_-]+(?:[./][a-z0-9_-]+)*", path):
        raise ValueError(f"not a download's path: {path!r}")
    return Markup(path)


def _data_page(pages: Pages, downloads: Downloads, signature: str) -> None:
    """The Data page: every download linked with its size, then what every field and column means."""
    words = labels()["data_page"]
    L = {k: inline(v) for k, v in words.items() if isinstance(v, str)}

    def period(key: str) -> str:  # "2015", "2015-07" or "2015-07-21"
        y, *rest = map(int, key.split("-"))
        return (words["year"].format(year=y) if not rest else month_text(y, rest[0]) if len(rest) == 1
                else date_text(dt.date(y, *rest)))

    def label(p: DownloadPart) -> str:
        base = (words["all"] if p.key == "all" else words["undated"] if not p.start
                else period(p.start) if p.start == p.end
                else words["range"].format(start=period(p.start), end=period(p.end)))  # type: ignore[arg-type]
        return words["piece"].format(label=base, n=p.piece) if p.piece else base

    def later() -> dict:
        rows = []
        for p in downloads.parts:
            files = [d for d in downloads.files if d.part is p]
            cell = {fmt: [{"path": _path(d.path), "name": _path(d.path.rsplit("/", 1)[-1]),
                           "size": size_text(downloads.meta(d)["bytes"])} for d in files if d.format == fmt]
                    for fmt in ("json", "csv")}
            events = next(d.rows for d in files if d.format == "json")
            rows.append({"label": label(p), "count": count(events, "event"), **cell})
        line = words["split" if downloads.parts[0].key != "all" else "whole"]
        index = Markup(f"[`{_path(INDEX)}`]({md_link('data.md', INDEX)})")
        return {"rows": rows, "index_line": _words(words["index"], index=index),
                "events_line": _words(line, events=count(len(downloads.entries), "event"),
                                      limit=size_text(downloads.limit))}

    pages.page("data.md", "data.md.j2", signature=(signature,), later=later, L=L,
               others=[(_path(name), inline(what)) for name, what in words["others"].items()],
               json_fields=[(k, inline(v)) for k, v in words["json_fields"].items()],
               csv_columns=[(k, inline(v)) for k, v in words["csv_columns"].items()],
               types=labels()["types"], sub_types=labels()["sub_types"])


def _home(pages: Pages) -> None:
    site, build = pages.site, pages.build
    entries = build.entries
    dated = [en for en in entries if en.main.date_start]
    articles = [x.article for x in build.extractions]
    outlets = {a.outlet for a in articles if a.outlet}
    span = phrase_html("span", start=date_html(min(en.main.date_start for en in dated)),
                       end=date_html(max(en.main.date_end for en in dated))) if dated else Markup("—")
    stats = {"articles": count(len(articles), "article"), "outlets": count(len(outlets), "outlet"),
             "events": count(len(dated), "dated_event"), "reported": count(len(entries) - len(dated), "report"),
             "places": count(len(site.place_ids), "place"), "actors": count(len(site.actor_ids), "actor"),
             "span": span, "n_articles": len(articles)}
    latest = [en for en in dated if en.main.kind != "planned"][-10:][::-1]
    pages.page("index.md", "home.md.j2", stats=stats, latest=latest, chart=timeline(dated),
               map=map_points(dated, site, "index.md"))


def _chronology(pages: Pages) -> None:
    """The chronology's index, a page per year (its chart, map and long periods), per month (in
    parts), and the undated reports by publication month."""
    site = pages.site
    months: dict[str, list[Part]] = defaultdict(list)
    for part in site.parts:
        months[part.key].append(part)
    keys = sorted(months)
    years: dict[int, list[dict]] = defaultdict(list)
    for key in keys:
        y, mo = map(int, key.split("-"))
        n = sum(len(p.entries) + len(p.period) for p in months[key])
        years[y].append({"label": month_text(y, mo), "page": months[key][0].page, "count": count(n, "event")})
    year_parts: dict[str, list[Part]] = defaultdict(list)
    for part in site.year_parts:
        year_parts[part.key].append(part)
    rows = [{"year": y, "page": year_parts[str(y)][0].page, "months": years.get(y, [])}
            for y in sorted(int(k) for k in year_parts)]
    reported = [{"label": p.label, "page": p.page, "count": count(len(p.entries), "report")}
                for p in site.reported_parts]
    pages.page("chronology/index.md", "chronology_index.md.j2", years=rows, reported=reported)

    for y, parts in year_parts.items():
        everything = [en for key in keys if key.startswith(y + "-") for p in months[key] for en in p.entries + p.period]
        everything += [en for p in parts for en in p.entries]
        sig = (site.entries_sig(everything), tuple(p.page for p in parts))
        for part in parts:
            first = part.n == 1
            pages.page(part.page, "year.md.j2", signature=sig, title=phrase("year_title", year=y) if first else phrase(
                "part_n", title=phrase("year_title", year=y), n=part.n),
                       later=lambda part=part, first=first, everything=everything: {  # only for a page made
                           "chart": timeline(everything) if first else None,
                           "map": map_points(everything, site, part.page) if first else None,
                           "filters": filters(part.entries, site) if len(part.entries) > 20 else None},
                       year=y, part=part, parts=[{"n": p.n, "page": p.page} for p in parts],
                       months=years.get(int(y), []) if first else [])
    for i, key in enumerate(keys):
        y, mo = map(int, key.split("-"))
        siblings = months[key]
        prev_key, next_key = (keys[i - 1] if i else None), (keys[i + 1] if i + 1 < len(keys) else None)
        nav = {"prev": {"label": month_text(*map(int, prev_key.split("-"))), "page": months[prev_key][0].page}
               if prev_key else None,
               "next": {"label": month_text(*map(int, next_key.split("-"))), "page": months[next_key][0].page}
               if next_key else None,
               "year": {"label": phrase("year_title", year=y), "page": year_parts[str(y)][0].page}}
        for part in siblings:
            days: dict[dt.date, list[Entry]] = defaultdict(list)
            for en in part.entries:
                days[en.main.date_start].append(en)
            day_rows = [{"date": d, "anchor": d.isoformat(), "hijri": hijri_text(d), "entries": ens}
                        for d, ens in sorted(days.items())]
            shown = part.period + part.entries
            pages.page(part.page, "month.md.j2",
                       signature=(tuple(p.page for p in siblings), site.entries_sig(shown), prev_key, next_key),
                       later=lambda shown=shown: {"filters": filters(shown, site)},
                       title=month_text(y, mo), days=day_rows, period=part.period, nav=nav,
                       parts=[{"n": p.n, "page": p.page} for p in siblings])
    for part in site.reported_parts:
        groups: dict[dt.date | None, list[Entry]] = defaultdict(list)
        for en in part.entries:
            groups[en.main.article.published].append(en)
        pages.page(part.page, "reported.md.j2", signature=(site.entries_sig(part.entries),), title=part.label,
                   groups=[{"date": d, "anchor": d.isoformat() if d else "undated", "entries": ens}
                           for d, ens in sorted(groups.items(), key=lambda kv: (kv[0] is None, kv[0] or dt.date.min))])
