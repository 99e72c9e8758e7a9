"""render: the chronology as ordinary Markdown pages (and data files) for MkDocs.

`render(build, config)` returns {docs-relative path: text}. The MkDocs plugin hands these to
MkDocs as generated files; `python -m generator render --out DIR` writes them to a folder. Pages
come from Jinja templates (generator/templates); every value a template prints is escaped by
`site.esc` unless the renderer built it as markup itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

import jinja2
from hijridate import Gregorian
from markupsafe import Markup

from .chronology import Entry
from .events import Event
from .exports import atom_feed, events_csv, events_json, places_geojson, report_csv, timeline_json
from .gazetteer import Actor, Place
from .pipeline import AFTER_EXTRACTION, Build, Extraction, engine_version
from .read import Article
from .site import esc, esc_block, html_link, md_link, safe_url, unique_slugs

MONTHS = ["كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل", "أيار/مايو", "حزيران/يونيو",
          "تموز/يوليو", "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر", "تشرين الثاني/نوفمبر",
          "كانون الأول/ديسمبر"]
WEEKDAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]
TYPES = {"Battles": "معارك", "Explosions/Remote violence": "قصف وتفجيرات",
         "Violence against civilians": "عنف ضد المدنيين", "Protests": "احتجاجات", "Riots": "أعمال شغب",
         "Strategic developments": "تطورات ميدانية", "Statements and diplomacy": "تصريحات ودبلوماسية",
         "Other": "أخرى"}
KINDS = {"country": "دولة", "governorate": "محافظة", "district": "منطقة إدارية", "subdistrict": "ناحية",
         "city": "مدينة", "town": "بلدة", "village": "قرية", "neighbourhood": "حي", "region": "منطقة",
         "facility": "منشأة", "river": "نهر", "mountain": "جبل", "lake": "بحيرة", "sea": "بحر",
         "state": "دولة", "government": "حكومة أو وزارة", "state_force": "قوة نظامية",
         "armed_group": "جماعة مسلحة", "political_party": "حزب أو هيئة سياسية",
         "international_org": "منظمة دولية", "ngo": "منظمة إنسانية", "monitor_media": "مرصد أو وسيلة إعلام",
         "person": "شخص"}
STATUS = {"read": "قُرئ", "warnings": "قُرئ مع تنبيه", "skipped": "لم يُقرأ"}
MONTH_PAGE_SIZE = 400  # entries per chronology page; a bigger month is split into parts
ENTITY_PAGE_SIZE = 300  # events on a place's or an actor's page (the latest); older ones on further pages
FULL_REPORT_LIMIT = 2000  # past this many files, the report page lists the problems; report.csv has them all


def day_label(d: dt.date) -> str:
    return f"{WEEKDAYS[d.weekday()]} {d.day} {MONTHS[d.month - 1]} {d.year}"


def hijri_label(d: dt.date) -> str:
    try:
        h = Gregorian(d.year, d.month, d.day).to_hijri()
    except (ValueError, OverflowError):
        return ""
    return f"{h.day} {h.month_name('ar')} {h.year} هـ"


@dataclass
class ReportedPart:
    label: str
    page: str
    entries: list[Entry]


@dataclass
class MonthPart:
    key: str  # 2017-11
    n: int
    page: str
    entries: list[Entry]


class Site:
    """Pages, links and labels shared by the templates."""

    def __init__(self, build: Build) -> None:
        self.build = build
        self.gaz = build.gazetteer
        self._article_sigs: dict[str, str] = {}
        self._entry_sigs: dict[str, str] = {}
        arts = [x.article for x in build.extractions]
        self.article_slugs = unique_slugs([(a.id, a.id.rsplit(".", 1)[0]) for a in arts], "article")
        self.entry_of_event: dict[str, Entry] = {ev.id: en for en in build.entries for ev in en.events}
        self.parts: list[MonthPart] = []
        self.part_of_entry: dict[str, str] = {}
        by_month: dict[str, list[Entry]] = defaultdict(list)
        for en in build.entries:
            if en.main.date_start:
                by_month[en.main.date_start.strftime("%Y-%m")].append(en)
        for key in sorted(by_month):
            chunk = by_month[key]
            for n, i in enumerate(range(0, len(chunk), MONTH_PAGE_SIZE), 1):
                page = f"chronology/{key}.md" if n == 1 else f"chronology/{key}-{n}.md"
                part = MonthPart(key, n, page, chunk[i : i + MONTH_PAGE_SIZE])
                self.parts.append(part)
                for en in part.entries:
                    self.part_of_entry[en.id] = page
        # undated reports, by the month their articles were published
        self.reported_parts: list[ReportedPart] = []
        by_pub: dict[str, list[Entry]] = defaultdict(list)
        for en in build.entries:
            if not en.main.date_start:
                p = en.main.article.published
                by_pub[p.strftime("%Y-%m") if p else "undated"].append(en)
        for key in sorted(by_pub, key=lambda k: (k == "undated", k)):
            chunk = by_pub[key]
            if key == "undated":
                label = "أخبار بلا تاريخ، من مقالات بلا تاريخ نشر"
            else:
                y, mo = map(int, key.split("-"))
                label = f"أخبار بلا تاريخ، نُشرت في {MONTHS[mo - 1]} {y}"
            for n, i in enumerate(range(0, len(chunk), MONTH_PAGE_SIZE), 1):
                page = f"chronology/reported-{key}.md" if n == 1 else f"chronology/reported-{key}-{n}.md"
                part = ReportedPart(label + (f" ({n})" if n > 1 else ""), page, chunk[i : i + MONTH_PAGE_SIZE])
                self.reported_parts.append(part)
                for en in part.entries:
                    self.part_of_entry[en.id] = page

    # --- what a page shows, for its signature ------------------------------------------------

    # An entry or an article shows on many pages: its part of a signature is made once, as a digest.

    def article_sig(self, a: Article) -> str:
        sig = self._article_sigs.get(a.id)
        if sig is None:
            sig = self._article_sigs[a.id] = _sig(
                a.id, a.sha256, a.body_start, a.title, a.outlet, a.url, a.published, a.published_from,
                tuple(a.warnings), tuple(a.published_note), self.article_slugs[a.id])
        return sig

    def entry_sig(self, en: Entry) -> str:
        sig = self._entry_sigs.get(en.id)
        if sig is None:
            sig = self._entry_sigs[en.id] = _sig(
                en.id, tuple((ev.id, self.article_sig(ev.article)) for ev in en.events), tuple(en.disagrees_with),
                tuple(self.part_of_entry.get(d) for d in en.disagrees_with), tuple(en.notes),
                self.part_of_entry[en.id], tuple((m.kind, m.id, self.has_page(m.kind, m.id))
                                                 for m in en.places + en.actors))
        return sig

    def entries_sig(self, entries: list[Entry]) -> tuple:
        return tuple(self.entry_sig(en) for en in entries)

    # --- which entities get pages ----------------------------------------------------------

    @cached_property
    def mentioned(self) -> tuple[Counter, Counter]:
        places: Counter = Counter()
        actors: Counter = Counter()
        for x in self.build.extractions:
            for m in x.mentions:
                (places if m.kind == "place" else actors)[m.id] += 1
        return places, actors

    @cached_property
    def place_ids(self) -> list[str]:
        ids = set()
        for pid in self.mentioned[0]:
            if pid in self.gaz.places:
                ids.update(p.id for p in self.gaz.chain(pid))
        return sorted(ids)

    @cached_property
    def actor_ids(self) -> list[str]:
        ids = set()
        for aid in self.mentioned[1]:
            while aid and aid in self.gaz.actors and aid not in ids:
                ids.add(aid)
                aid = self.gaz.actors[aid].part_of
        return sorted(ids)

    def has_page(self, kind: str, id_: str) -> bool:
        return id_ in (self._place_set if kind == "place" else self._actor_set)

    @cached_property
    def _place_set(self) -> set[str]:
        return set(self.place_ids)

    @cached_property
    def _actor_set(self) -> set[str]:
        return set(self.actor_ids)

    # --- pages and links -------------------------------------------------------------------

    @staticmethod
    def place_page(id_: str) -> str:
        return f"places/{id_}.md"

    @staticmethod
    def actor_page(id_: str) -> str:
        return f"actors/{id_}.md"

    def article_page(self, article: Article) -> str:
        return f"articles/{self.article_slugs[article.id]}.md"

    def entry_page_of(self, ev: Event) -> str:
        return self.part_of_entry[self.entry_of_event[ev.id].id]

    def entry_id_of(self, ev: Event) -> str:
        return self.entry_of_event[ev.id].id

    @staticmethod
    def link(page: str, to: str, anchor: str = "") -> Markup:
        """A Markdown link target (MkDocs checks it and makes it a URL)."""
        return Markup(md_link(page, to, anchor))

    # Entries and article pages are raw HTML, which Python-Markdown passes through untouched:
    # tens of thousands of them as Markdown were most of a large build. Their links are final URLs.

    @staticmethod
    def a(label: object, page: str, to: str, anchor: str = "") -> str:
        return f'<a href="{html_link(page, to, anchor)}">{esc(label)}</a>'

    def links(self, mentions, page: str) -> Markup:
        """Names linked to their pages; a generic participant ("مدنيون") has no page and stays text."""
        return Markup("، ".join(
            self.a(m.name, page, self.place_page(m.id) if m.kind == "place" else self.actor_page(m.id))
            if self.has_page(m.kind, m.id) else str(esc(m.name)) for m in mentions))

    def source_links(self, en: Entry, page: str) -> Markup:
        return Markup(" · ".join(self.a(ev.article.outlet or ev.article.title, page, self.article_page(ev.article),
                                        ev.id) for ev in en.events))

    def entry_links(self, ids: list[str], page: str) -> Markup:
        return Markup("، ".join(self.a(i, page, self.part_of_entry[i], i) for i in ids if i in self.part_of_entry))

    def event_link(self, ev: Event, page: str) -> Markup:
        label = self.date_label(ev) if ev.date_start else "بلا تاريخ"
        return Markup(self.a(label, page, self.entry_page_of(ev), self.entry_id_of(ev)))

    @staticmethod
    def front_title(value: object) -> Markup:
        """A page's title as front matter: MkDocs and the theme print a page's title as it is, so
        it is given to them already escaped (JSON is YAML)."""
        return Markup("---\ntitle: " + json.dumps(str(esc(value))) + "\n---\n")

    @staticmethod
    def raw(value: object) -> Markup:
        """An id or anchor the renderer made (hex ids, ISO dates): checked, then printed as it is."""
        text = str(value)
        if not re.fullmatch(r"[A-Za-z0-9-]+", text):
            raise ValueError(f"not a safe id: {text!r}")
        return Markup(text)

    def toll(self, en: Entry) -> Markup:
        out = ""
        if en.fatalities:
            out += f' <span class="waqai-toll">{en.fatalities} قتيلًا</span>'
        if en.injured:
            out += f' <span class="waqai-toll injured">{en.injured} جريحًا</span>'
        return Markup(out)

    def meta_line(self, en: Entry, page: str) -> Markup:
        parts: list[Markup] = []
        if en.places:
            parts.append(Markup('<span class="waqai-label">أماكن:</span> ') + self.links(en.places, page))
        if en.actors:
            parts.append(Markup('<span class="waqai-label">فاعلون:</span> ') + self.links(en.actors, page))
        parts.append(Markup(f'<span class="waqai-label">{esc(self.sources_label(en))}:</span> ')
                     + self.source_links(en, page))
        if en.disagrees_with:
            parts.append(Markup('<span class="waqai-note">رواية أخرى بتاريخ مختلف: ')
                         + self.entry_links(en.disagrees_with, page) + Markup("</span>"))
        return Markup('<p class="waqai-meta">') + Markup(" · ").join(parts) + Markup("</p>")

    @staticmethod
    def join(items, sep: str = "، ") -> Markup:
        return Markup(esc(sep).join(esc(i) for i in items))

    # --- labels ----------------------------------------------------------------------------

    @staticmethod
    def sources_label(en: Entry) -> str:
        return "المصدر" if len(en.events) == 1 else f"{len(en.events)} مصادر"

    @staticmethod
    def type_label(e: Event) -> Markup:
        return Markup(f'<span title="{esc(e.type)} / {esc(e.sub_type)}">{esc(TYPES.get(e.type, e.type))}</span>')

    @staticmethod
    def kind_label(kind: str) -> str:
        return KINDS.get(kind, kind)

    @staticmethod
    def status_label(status: str) -> str:
        return STATUS.get(status, status)

    @staticmethod
    def date_label(e: Event) -> str:
        s, t = e.date_start, e.date_end
        if not s:
            p = e.article.published
            return f"ورد قبل {day_label(p)}" if p else "بلا تاريخ"
        prefix = "مقرر: " if e.kind == "planned" else ""
        if e.precision == "day" or s == t:
            return prefix + day_label(s)
        if e.precision == "year" and (s.month, s.day, t.month, t.day) == (1, 1, 12, 31):
            return prefix + f"عام {s.year}"
        if e.precision == "month" and s.day == 1 and (t + dt.timedelta(days=1)).day == 1 and s.month == t.month:
            return prefix + f"{MONTHS[s.month - 1]} {s.year}"
        return prefix + f"من {s.day} {MONTHS[s.month - 1]} {s.year} إلى {t.day} {MONTHS[t.month - 1]} {t.year}"

    @staticmethod
    def sentence(e: Event) -> Markup:
        """The event's sentence, its date phrase marked."""
        text = e.sentence
        if e.date_text and e.date_from != "previous sentence" and e.date_text in text:
            i = text.index(e.date_text)
            return Markup(f'<p class="waqai-sentence">{esc(text[:i])}<mark>{esc(e.date_text)}</mark>'
                          f"{esc(text[i + len(e.date_text):])}</p>")
        return Markup(f'<p class="waqai-sentence">{esc(text)}</p>')


# --- the article text, marked up ----------------------------------------------------------------


def article_html(x: Extraction, site: Site, page: str) -> Markup:
    """The original text with its date expressions, places and actors marked, and the page furniture
    dimmed; an anchor before each event's clause. Every character of the text goes through esc."""
    art = x.article
    text = art.text
    marks: list[tuple[int, int, Markup, Markup]] = []  # (start, end, opening tag, closing tag)
    for d in x.dates:
        if d.vague:
            continue
        shown = d.date_start.isoformat() if d.date_start == d.date_end else f"{d.date_start} / {d.date_end}"
        marks.append((d.start, d.end, Markup(f'<mark class="waqai-timex" title="{esc(d.rule)}">'),
                      Markup(f'</mark><sup class="waqai-resolved">{esc(shown)}</sup>')))
    for m in x.mentions:
        target = site.place_page(m.id) if m.kind == "place" else site.actor_page(m.id)
        if not site.has_page(m.kind, m.id):
            continue
        title = esc(f"{m.name} — {m.how}")
        marks.append((m.start, m.end,
                      Markup(f'<a class="waqai-{m.kind}" href="{html_link(page, target)}" title="{title}">'),
                      Markup("</a>")))
    marks.sort(key=lambda k: (k[0], -k[1]))
    kept, end = [], art.body_start
    for mk in marks:  # no overlaps: the earlier (and longer) mark wins
        if mk[0] >= end:
            kept.append(mk)
            end = mk[1]
    anchors: dict[int, list[str]] = defaultdict(list)
    for ev in x.events:
        anchors[ev.start].append(ev.id)
    furniture = {s.start: s for s in art.furniture}
    out: list[Markup] = []
    pos = art.body_start
    points = sorted({*[k[0] for k in kept], *anchors, *furniture, *[s.end for s in art.furniture]})
    open_furniture = None
    k = 0
    for point in points + [len(text)]:
        while k < len(kept) and kept[k][0] < point:
            s, e, open_tag, close_tag = kept[k]
            out.append(esc_block(text[pos:s]))
            out.append(open_tag + esc(text[s:e]) + close_tag)
            pos = e
            k += 1
        if point > pos:
            out.append(esc_block(text[pos:point]))
            pos = point
        if open_furniture is not None and point == open_furniture.end:
            out.append(Markup("</span>"))
            open_furniture = None
        for eid in anchors.get(point, []):
            out.append(Markup(f'<span id="{Site.raw(eid)}" class="waqai-anchor"></span>'))
        if point in furniture and open_furniture is None:
            open_furniture = furniture[point]
            out.append(Markup(f'<span class="waqai-furniture" title="{esc(open_furniture.why)}">'))
    if open_furniture is not None:
        out.append(Markup("</span>"))
    return Markup('<div class="waqai-text" dir="rtl">') + Markup("").join(out) + Markup("</div>")


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
    return env


@dataclass
class Job:
    """One generated file: where it goes, what it depends on (None: always made), how to make it."""

    path: str
    signature: str | None
    make: Callable[[], str]
    fragment_of: str | None = None  # an article text spliced into this page after Markdown...
    placeholder: str | None = None  # ...in place of this (which carries its anchors for MkDocs' checks)


def _sig(*parts: object) -> str:
    return hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def templates_version() -> str:
    """The templates and the code after extraction (assembling, rendering, exports)."""
    root = Path(str(resources.files("generator")))
    return _sig(*[(p.name, p.read_bytes()) for p in sorted((root / "templates").glob("*.j2"))],
                *[(name, (root / name).read_bytes()) for name in sorted(AFTER_EXTRACTION)])


def render(build: Build, site_url: str = "", title: str = "وقائع") -> dict[str, str]:
    """Every generated page and data file, by docs-relative path; article texts inline."""
    return {job.path: job.make() for job in jobs(build, site_url, title)}


def fragment_path(page: str) -> str:
    return page[: -len(".md")] + ".text.html"


def placeholder(page: str, anchors: list[str]) -> str:
    """What stands for an article's text until it is spliced in: its event anchors are here so that
    MkDocs' link check finds them; the splice replaces the whole of it, anchors included."""
    spans = "".join(f'<span id="{Site.raw(a)}"></span>' for a in anchors)
    return f'<div class="waqai-text-placeholder" data-page="{esc(page)}">{spans}</div>'


def jobs(build: Build, site_url: str = "", title: str = "وقائع", inline_texts: bool = True) -> list[Job]:
    """Every generated page and data file as a job. A page's signature changes exactly when what it
    shows changes (its entries, their sources and links, the gazetteer, the templates), so a
    rebuild can skip the pages an edit did not touch.

    With inline_texts=False, an article page holds a placeholder and its marked-up text is a
    fragment job of its own, spliced in after Markdown (the MkDocs plugin does): Python-Markdown
    takes minutes over the HTML of a 5 MB article, and the search index does not need it."""
    site = Site(build)
    env = _env()
    macros = env.get_template("_macros.md.j2").module
    out: list[Job] = []
    # not the site's URL: only the feed prints it, and `mkdocs serve` sets its own
    base = (templates_version(), engine_version(), build.gazetteer.version, title)

    def page(path: str, template: str, signature: tuple | None = None, later: Callable[[], dict] | None = None,
             **ctx) -> None:
        """A page job; `later` gives the part of the context worth making only if the page is made."""
        def make(path=path, template=template, ctx=ctx) -> str:
            extra = later() if later else {}
            return env.get_template(template).render(page=path, site=site, m=macros, **ctx, **extra)

        out.append(Job(path, _sig(base, path, signature) if signature is not None else None, make))

    entries = build.entries
    dated = [en for en in entries if en.main.date_start]
    articles = [x.article for x in build.extractions]
    outlets = {a.outlet for a in articles if a.outlet}
    precise = [en for en in dated if en.main.precision in ("day", "days", "week")] or dated
    span = f"{day_label(precise[0].main.date_start)} — {day_label(precise[-1].main.date_end)}" if precise else "—"
    stats = {"articles": len(articles), "outlets": len(outlets), "events": len(dated),
             "reported": len(entries) - len(dated), "places": len(site.place_ids), "actors": len(site.actor_ids),
             "span": span}
    latest = [en for en in dated if en.main.kind != "planned"][-10:][::-1]
    page("index.md", "home.md.j2", stats=stats, latest=latest)

    # chronology: months (in parts), and the undated reports by publication month
    years: dict[int, list] = defaultdict(list)
    for part in site.parts:
        if part.n == 1:
            y, mo = map(int, part.key.split("-"))
            count = sum(len(p.entries) for p in site.parts if p.key == part.key)
            years[y].append({"label": f"{MONTHS[mo - 1]} {y}", "page": part.page, "count": count})
    reported_parts = site.reported_parts
    page("chronology/index.md", "chronology_index.md.j2", years=sorted(years.items()),
         reported=[{"label": p.label, "page": p.page, "count": len(p.entries)} for p in reported_parts])
    for part in site.parts:
        y, mo = map(int, part.key.split("-"))
        days: dict[dt.date, list[Entry]] = defaultdict(list)
        for en in part.entries:
            days[en.main.date_start].append(en)
        day_rows = [{"label": day_label(d), "anchor": d.isoformat(), "hijri": hijri_label(d), "entries": ens}
                    for d, ens in sorted(days.items())]
        siblings = [p for p in site.parts if p.key == part.key]
        page(part.page, "month.md.j2", signature=(tuple(p.page for p in siblings), site.entries_sig(part.entries)),
             title=f"{MONTHS[mo - 1]} {y}", days=day_rows, parts=[{"n": p.n, "page": p.page} for p in siblings])
    for part in reported_parts:
        groups: dict[dt.date | None, list[Entry]] = defaultdict(list)
        for en in part.entries:
            groups[en.main.article.published].append(en)
        page(part.page, "reported.md.j2", signature=(site.entries_sig(part.entries),), title=part.label, groups=[
            {"label": day_label(d) if d else "في مقالات بلا تاريخ", "anchor": d.isoformat() if d else "undated",
             "entries": ens}
            for d, ens in sorted(groups.items(), key=lambda kv: (kv[0] is None, kv[0] or dt.date.min))])

    # places and actors
    by_entity: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for en in entries:
        for mm in en.places:
            for p in site.gaz.chain(mm.id) if mm.id in site.gaz.places else []:
                by_entity[("place", p.id)].append(en)
        for mm in en.actors:
            by_entity[("actor", mm.id)].append(en)
    articles_of: dict[tuple[str, str], list[Article]] = defaultdict(list)
    for x in build.extractions:
        for key in sorted({(mm.kind, mm.id) for mm in x.mentions}):
            articles_of[key].append(x.article)

    def listed(kind: str, id_: str) -> list[list[Entry]]:
        """The entity's entries in pages: the first holds the latest, each further one those before."""
        ens = list({en.id: en for en in by_entity.get((kind, id_), [])}.values())
        ens = [en for en in ens if en.main.date_start] + [en for en in ens if not en.main.date_start]
        return [ens[max(0, i - ENTITY_PAGE_SIZE) : i] for i in range(len(ens), 0, -ENTITY_PAGE_SIZE)] or [[]]

    def paged(kind: str, id_: str, first: str, name: str) -> tuple[list[list[Entry]], list[dict]]:
        """A place's or an actor's entries in pages, pages 2, 3 ... made (places/x/2.md), and the
        list of all its pages; the caller makes the first."""
        chunks = listed(kind, id_)
        paths = [first] + [f"{first[: -len('.md')]}/{n}.md" for n in range(2, len(chunks) + 1)]
        parts = [{"n": n, "page": path} for n, path in enumerate(paths, 1)]
        for n, (path, chunk) in enumerate(zip(paths[1:], chunks[1:], strict=True), 2):
            page(path, "entity_part.md.j2", signature=(site.entries_sig(chunk), tuple(paths)),
                 title=f"{name}: الأحداث ({n})", owner=first, entries=chunk, parts=parts)
        return chunks, parts

    def ranked(counts: Counter, kind: str, table: dict) -> list[tuple]:
        """(entity, count), most counted first, of the entities that have a page."""
        return [(table[i], n) for i, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
                if site.has_page(kind, i)]

    for pid in site.place_ids:
        p: Place = site.gaz.places[pid]
        chunks, parts = paged("place", pid, site.place_page(pid), p.name)
        ens, total = chunks[0], sum(map(len, chunks))
        children = [c for c in site.gaz.children(pid) if site.has_page("place", c.id)]
        actors = ranked(Counter(mm.id for chunk in chunks for en in chunk for mm in en.actors), "actor",
                        site.gaz.actors)
        arts = articles_of.get(("place", pid), [])[:20]
        page(site.place_page(pid), "place.md.j2",
             signature=(site.entries_sig(ens), total, len(parts), tuple(c.id for c in children),
                        tuple((a.id, n) for a, n in actors), tuple(site.article_sig(a) for a in arts),
                        tuple(site.has_page("place", q.id) for q in site.gaz.chain(pid))),
             later=lambda p=p: {"aliases": [s.text for s in p.spellings() if s.text != p.name]},
             place=p, chain=list(reversed(site.gaz.chain(pid))),
             children=children, actors=actors, entries=ens, total=total, parts=parts, articles=arts)
    for aid in site.actor_ids:
        a: Actor = site.gaz.actors[aid]
        chunks, parts = paged("actor", aid, site.actor_page(aid), a.name)
        ens, total = chunks[0], sum(map(len, chunks))

        def ref(i: str, here: str = site.actor_page(aid)) -> str:
            ent = site.gaz.actors.get(i)
            name = esc(ent.name if ent else i)
            return f"[{name}]({md_link(here, site.actor_page(i))})" if site.has_page("actor", i) else str(name)

        roles = "؛ ".join(
            esc(" ".join(x for x in (r.title or r.role, f"({r.from_ or '?'}–{r.to or ''})") if x))
            + (f" — {ref(r.of)}" if r.of else "") for r in a.roles)
        places = ranked(Counter(mm.id for chunk in chunks for en in chunk for mm in en.places), "place",
                        site.gaz.places)[:40]
        arts = articles_of.get(("actor", aid), [])[:20]
        related = tuple(site.has_page("actor", i) for i in (a.part_of, *a.allied_with, *(r.of for r in a.roles)) if i)
        page(site.actor_page(aid), "actor.md.j2",
             signature=(site.entries_sig(ens), total, len(parts), tuple((q.id, n) for q, n in places),
                        tuple(site.article_sig(x) for x in arts), related),
             later=lambda a=a: {"aliases": [s.text for s in a.spellings() if s.text != a.name and not s.former]},
             actor=a,
             former=a.former_names, part_of=Markup(ref(a.part_of)) if a.part_of else None,
             allies=Markup("، ".join(ref(i) for i in a.allied_with)) if a.allied_with else None,
             roles=Markup(roles) if roles else None, places=places, entries=ens, total=total, parts=parts,
             articles=arts)
    _entity_indexes(site, by_entity, page)

    # articles, and their index by publication month
    for x in build.extractions:
        a = x.article
        path = site.article_page(a)
        links = tuple((ev.id, site.entry_id_of(ev), site.entry_page_of(ev)) for ev in x.events)
        shown = tuple(sorted({(m.kind, m.id, site.has_page(m.kind, m.id)) for m in x.mentions}))
        signature = (site.article_sig(a), links, shown)  # the body is in article_sig, by its hash
        text = Lazy(lambda x=x, path=path: article_html(x, site, path))
        if not inline_texts:
            mark = placeholder(path, list(dict.fromkeys(ev.id for ev in x.events)))
            out.append(Job(fragment_path(path), _sig(base, path, signature, "text"), text.__html__, fragment_of=path,
                           placeholder=mark))
            text = Markup(mark)
        page(path, "article.md.j2", signature=signature, later=lambda a=a: _article_context(a), article=a,
             events=x.events, body=text)
    _article_indexes(site, articles, out, base)

    # data and the report
    page("data.md", "data.md.j2", count=len(entries))
    every = _sig(base, site.entries_sig(entries))  # the downloads hold every entry, its sources and pages
    out.append(Job("events.json", every, lambda: events_json(entries, site.gaz)))
    out.append(Job("events.csv", every, lambda: events_csv(entries, site.gaz)))
    out.append(Job("places.geojson", every, lambda: places_geojson(entries, site.gaz)))
    out.append(Job("timeline.json", every, lambda: timeline_json(entries, title)))

    def feed_link(en: Entry) -> str:
        return (site_url or "") + html_link("index.md", site.part_of_entry[en.id], en.id)

    out.append(Job("feed.xml", _sig(every, site_url), lambda: atom_feed(entries, site_url, title, feed_link)))
    out.append(Job("report.csv", None, lambda: report_csv(build.report)))
    _report(site, build, page)
    return out


def _article_context(a: Article) -> dict:
    how = {"metadata": "من البيانات الوصفية", "dateline": "من نص المقال"}.get(a.published_from, "")
    return {"published": f"{day_label(a.published)} ({how})" if a.published else "غير معروف",
            "url": safe_url(a.url), "notes": [n for n in a.published_note if n not in a.warnings]}


class Lazy:
    """A value made only when a template prints it (the marked-up text of a skipped page never is)."""

    def __init__(self, make: Callable[[], Markup]) -> None:
        self.make = make

    def __html__(self) -> str:
        return str(self.make())


ARTICLES_PAGE_SIZE = 500


def _article_indexes(site: Site, articles: list[Article], out: list[Job], base: tuple) -> None:
    """articles/index.md lists the publication months; a page per month (in parts) lists its articles."""
    by_month: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        by_month[a.published.strftime("%Y-%m") if a.published else "undated"].append(a)
    months = sorted(by_month, key=lambda k: (k == "undated", k), reverse=False)
    index = ["# المقالات", "", f"{len(articles)} مقالًا، بحسب شهر نشرها.", "", "| الشهر | المقالات |", "|---|---|"]
    for key in reversed([m for m in months if m != "undated"]) if months else []:
        y, mo = map(int, key.split("-"))
        index.append(f"| [{esc(f'{MONTHS[mo - 1]} {y}')}]({md_link('articles/index.md', f'articles/{key}.md')}) "
                     f"| {len(by_month[key])} |")
    if "undated" in by_month:
        index.append(f"| [بلا تاريخ نشر]({md_link('articles/index.md', 'articles/undated.md')}) "
                     f"| {len(by_month['undated'])} |")
    index_text = "\n".join(index) + "\n"
    out.append(Job("articles/index.md", None, lambda: index_text))
    for key in months:
        group = sorted(by_month[key], key=lambda a: (a.published or dt.date.min, a.id), reverse=True)
        chunks = [group[i : i + ARTICLES_PAGE_SIZE] for i in range(0, len(group), ARTICLES_PAGE_SIZE)]
        paths = [f"articles/{key}.md" if n == 0 else f"articles/{key}-{n + 1}.md" for n in range(len(chunks))]
        if key == "undated":
            label = "مقالات بلا تاريخ نشر"
        else:
            y, mo = map(int, key.split("-"))
            label = f"مقالات {MONTHS[mo - 1]} {y}"
        for n, (chunk, path) in enumerate(zip(chunks, paths, strict=True)):
            def make(chunk=chunk, path=path, n=n, label=label, paths=paths) -> str:
                lines = [f"# {esc(label)}", ""]
                if len(paths) > 1:
                    lines += ["الصفحات: " + " · ".join(f"**{k + 1}**" if k == n else f"[{k + 1}]({md_link(path, p)})"
                                                         for k, p in enumerate(paths)), ""]
                lines += ["| التاريخ | المقال | المصدر |", "|---|---|---|"]
                for a in chunk:
                    when = esc(a.published.isoformat() if a.published else "—")
                    lines.append(f"| {when} | [{esc(a.title)}]({md_link(path, site.article_page(a))}) "
                                 f"| {esc(a.outlet or '')} |")
                return "\n".join(lines) + "\n"

            out.append(Job(path, _sig(base, path, tuple(paths), tuple(site.article_sig(a) for a in chunk)), make))


def _entity_indexes(site: Site, by_entity, page) -> None:
    def rows(kind: str, ids: list[str]) -> list[dict]:
        table = site.gaz.places if kind == "place" else site.gaz.actors
        out = []
        for i in ids:
            e = table[i]
            out.append({"name": e.name, "name_en": e.name_en, "count": len(set(map(id, by_entity.get((kind, i), [])))),
                        "page": site.place_page(i) if kind == "place" else site.actor_page(i), "kind": e.kind})
        return sorted(out, key=lambda r: (-r["count"], r["name"]))

    for kind, ids, path, title, intro in (
        ("place", site.place_ids, "places/index.md", "الأماكن",
         "كل مكان ورد في المقالات، مع أحداثه. يحتسب المكان أحداث ما في داخله (المحافظة أحداث مدنها)."),
        ("actor", site.actor_ids, "actors/index.md", "الفاعلون", "كل فاعل ورد في المقالات، مع أحداثه."),
    ):
        all_rows = rows(kind, ids)
        kinds = sorted({r["kind"] for r in all_rows}, key=lambda k: list(KINDS).index(k) if k in KINDS else 99)
        groups = [{"label": KINDS.get(k, k), "rows": [r for r in all_rows if r["kind"] == k]} for k in kinds]
        page(path, "entity_index.md.j2", title=title, intro=intro, groups=groups)


def _report(site: Site, build: Build, page) -> None:
    report = build.report
    counts = Counter(r.status for r in report)
    summary = (f"{len(report)} ملفًا: قُرئ {counts['read']}، وقُرئ {counts['warnings']} مع تنبيهات، "
               f"ولم يُقرأ {counts['skipped']}.")
    undated = [x.article for x in build.extractions if not x.article.published]
    found: dict[str, dict] = {}
    for x in build.extractions:
        for c in x.candidates:
            row = found.setdefault(c.text, {"text": c.text, "count": 0, "title": x.article.title,
                                            "page": site.article_page(x.article),
                                            "context": x.article.text[max(0, c.start - 40) : c.end + 40]})
            row["count"] += 1
    candidates = sorted(found.values(), key=lambda r: (-r["count"], r["text"]))[:500]
    page("report.md", "report.md.j2", summary=summary, report=report if len(report) <= FULL_REPORT_LIMIT else [],
         skipped=[r for r in report if r.status == "skipped"], warned=[r for r in report if r.status == "warnings"],
         undated=undated, candidates=candidates)
