"""The site's shape: which page shows each entry, which places and actors get pages, links, and
the pieces of an entry (its date, type, toll, sources) as the templates print them.

Where an entry goes depends on how precise its date is: a day (or a night of two days) goes
under its day's heading on its month's page; a week or a month, in the month page's block of
what happened "during this month"; anything longer (a season, a year, "هذا العام"), in its
year page's block. A period is never shown as if it happened on its first day.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache

from markupsafe import Markup, escape

from .chronology import Entry
from .events import Event
from .events.arguments import building
from .labels import (
    count,
    date_html,
    field_ar,
    how_ar,
    interval_html,
    kind_ar,
    kind_label,
    month_text,
    note_ar,
    phrase,
    phrase_html,
    rule_ar,
    site_ar,
    type_ar,
    type_title,
)
from .pipeline import Build
from .read import Article
from .site import esc, html_link, md_link, unique_slugs

MONTH_PAGE_SIZE = 400  # entries per chronology page; a bigger month is split into parts
ENTITY_PAGE_SIZE = 300  # events on a place's or an actor's page (the latest); older ones on further pages
DAY_SPAN = 1  # an interval of at most this many days after its first is shown under that day


def _sig(*parts: object) -> str:
    return hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()


@lru_cache(maxsize=4096)
def _type_badge(type_: str, sub: str | None, acled: bool) -> Markup:
    """The type in Arabic; the sub-type on hover or tap; ACLED's own words for researchers (an
    article's list of its events leaves them to the entries, for the page's weight)."""
    words = f' data-acled="{esc(f"{type_} / {sub}" if sub else type_)}"' if acled else ""
    return Markup(f'<span class="waqai-type" tabindex="0" title="{escape(type_title(type_, sub))}"'
                  f'{words}>{escape(type_ar(type_))}</span>')


def placement(e: Event) -> str:
    """day, month or year: where a dated event is listed in the chronology."""
    span = (e.date_end - e.date_start).days
    if span <= DAY_SPAN:
        return "day"
    return "month" if span <= 31 else "year"


@dataclass
class Part:
    """One chronology page: a month's (or a year's) entries, split past MONTH_PAGE_SIZE."""

    key: str  # 2017-11, 2017, or reported-2017-11
    n: int
    page: str
    entries: list[Entry]  # under day headings (months), or in the period block (years)
    period: list[Entry]  # a month's week- and month-long entries (first part only)
    label: str = ""


def _chunks(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


class Site:
    """Pages, links and labels shared by the templates."""

    def __init__(self, build: Build) -> None:
        self.build = build
        self.gaz = build.gazetteer
        self._article_sigs: dict[str, str] = {}
        self._entry_sigs: dict[str, str] = {}
        self._attrs: dict[str, Markup] = {}  # an entry shows on many pages
        arts = [x.article for x in build.extractions]
        self.article_slugs = unique_slugs([(a.id, a.id.rsplit(".", 1)[0]) for a in arts], "article")
        self.entry_of_event: dict[str, Entry] = {ev.id: en for en in build.entries for ev in en.events}
        self.entry_by_id: dict[str, Entry] = {en.id: en for en in build.entries}
        self.part_of_entry: dict[str, str] = {}
        days: dict[str, list[Entry]] = defaultdict(list)
        periods: dict[str, list[Entry]] = defaultdict(list)
        years: dict[str, list[Entry]] = defaultdict(list)
        for en in build.entries:
            e = en.main
            if not e.date_start:
                continue
            where = placement(e)
            if where == "year":
                years[str(e.date_start.year)].append(en)
            else:
                (days if where == "day" else periods)[e.date_start.strftime("%Y-%m")].append(en)
        self.parts: list[Part] = []
        for key in sorted(set(days) | set(periods)):
            for n, chunk in enumerate(_chunks(days[key], MONTH_PAGE_SIZE), 1):
                page = f"chronology/{key}.md" if n == 1 else f"chronology/{key}-{n}.md"
                self._add(self.parts, Part(key, n, page, chunk, periods[key] if n == 1 else []))
        self.year_parts: list[Part] = []
        for y in sorted({k[:4] for k in set(days) | set(periods)} | set(years)):
            for n, chunk in enumerate(_chunks(years[y], MONTH_PAGE_SIZE), 1):
                page = f"chronology/{y}.md" if n == 1 else f"chronology/{y}-p{n}.md"
                self._add(self.year_parts, Part(y, n, page, chunk, []))
        # undated reports, by the month their articles were published
        self.reported_parts: list[Part] = []
        by_pub: dict[str, list[Entry]] = defaultdict(list)
        for en in build.entries:
            if not en.main.date_start:
                p = en.main.article.published
                by_pub[p.strftime("%Y-%m") if p else "undated"].append(en)
        for key in sorted(by_pub, key=lambda k: (k == "undated", k)):
            if key == "undated":
                label = phrase("reported_undated_articles")
            else:
                y, mo = map(int, key.split("-"))
                label = phrase("reported_in_month", month=month_text(y, mo))
            for n, chunk in enumerate(_chunks(by_pub[key], MONTH_PAGE_SIZE), 1):
                page = f"chronology/reported-{key}.md" if n == 1 else f"chronology/reported-{key}-{n}.md"
                self._add(self.reported_parts, Part(key, n, page, chunk, [], label + (f" ({n})" if n > 1 else "")))

    def _add(self, parts: list[Part], part: Part) -> None:
        parts.append(part)
        for en in part.entries + part.period:
            self.part_of_entry[en.id] = part.page

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
            others = tuple((d, self.part_of_entry.get(d), self.entry_sig_short(d)) for d in en.disagrees_with)
            sig = self._entry_sigs[en.id] = _sig(
                en.id, tuple((ev.id, self.article_sig(ev.article)) for ev in en.events), others, tuple(en.notes),
                self.part_of_entry[en.id], tuple((m.kind, m.id, self.has_page(m.kind, m.id))
                                                 for m in en.places + en.actors))
        return sig

    def entry_sig_short(self, entry_id: str) -> tuple:
        """What a link to another entry shows of it: its day and its source."""
        other = self.entry_by_id.get(entry_id)
        return (other.main.date_start, other.main.date_end, other.main.article.outlet) if other else ()

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

    def entity_page(self, kind: str, id_: str) -> str:
        return self.place_page(id_) if kind == "place" else self.actor_page(id_)

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
        return f'<a href="{html_link(page, to, anchor)}">{label if isinstance(label, Markup) else esc(label)}</a>'

    def links(self, mentions, page: str) -> Markup:
        """Names linked to their pages; a generic participant ("مدنيون") has no page and stays text."""
        return Markup("، ".join(self.a(m.name, page, self.entity_page(m.kind, m.id)) if self.has_page(m.kind, m.id)
                                else str(esc(m.name)) for m in mentions))

    def source_links(self, en: Entry, page: str) -> Markup:
        return Markup(" · ".join(self.a(ev.article.outlet or ev.article.title, page, self.article_page(ev.article),
                                        ev.id) for ev in en.events))

    def other_reports(self, en: Entry, page: str) -> Markup:
        """Each report of the same happening with another day: its day and its source, linked."""
        out = []
        for i in en.disagrees_with:
            other = self.entry_by_id.get(i)
            if other is None or i not in self.part_of_entry:
                continue
            e = other.main
            said = interval_html(e.date_start, e.date_end, e.precision) if e.date_start else esc(phrase("undated"))
            source = e.article.outlet or e.article.title
            out.append(self.a(phrase_html("other_report", date=said, source=source), page,
                              self.part_of_entry[i], i))
        return Markup("؛ ".join(out))

    def event_link(self, ev: Event, page: str) -> Markup:
        """A link to the event's entry that says its day (plain words: an article lists dozens)."""
        label = self.date_label(ev)
        link = self.a(label, page, self.entry_page_of(ev), self.entry_id_of(ev))
        if label.count("<time") > 1:  # an interval: each of its days stays whole, the link may wrap
            return Markup(link)
        return Markup(self.a(Markup(re.sub(r"<[^>]+>", "", str(label))), page, self.entry_page_of(ev),
                             self.entry_id_of(ev)).replace("<a ", '<a class="waqai-d" ', 1))

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

    # --- an entry's pieces -----------------------------------------------------------------

    @staticmethod
    def count(n: int, noun: str) -> str:
        return count(n, noun)

    def toll(self, en: Entry) -> Markup:
        out = ""
        if en.fatalities:
            out += f' <span class="waqai-toll">{esc(count(en.fatalities, "killed"))}</span>'
        if en.injured:
            out += f' <span class="waqai-toll injured">{esc(count(en.injured, "injured"))}</span>'
        return Markup(out)

    def attrs(self, en: Entry) -> Markup:
        """What the filters read: status, type, days (ISO, machine attributes), places and actors."""
        made = self._attrs.get(en.id)
        if made is None:
            made = self._attrs[en.id] = self._make_attrs(en)
        return made

    def _make_attrs(self, en: Entry) -> Markup:
        e = en.main
        days = f' data-start="{e.date_start.isoformat()}" data-end="{e.date_end.isoformat()}"' if e.date_start else ""
        places = " ".join(self.raw(m.id) for m in en.places if self.has_page("place", m.id))
        actors = " ".join(self.raw(m.id) for m in en.actors if self.has_page("actor", m.id))
        return Markup(f' data-type="{esc(e.type)}"{days} data-places="{places}" data-actors="{actors}"')

    def meta_line(self, en: Entry, page: str) -> Markup:
        parts: list[Markup] = []
        if en.main.site:
            known = en.main.places[0].name if en.main.places else None
            parts.append(self._label("site") + esc(site_ar(en.main.site, known, building(en.main.site))))
        if en.places:
            parts.append(self._label("places") + self.links(en.places, page))
        if en.actors:
            parts.append(self._label("actors") + self.links(en.actors, page))
        label = field_ar("source") if len(en.events) == 1 else count(len(en.events), "source")
        parts.append(Markup(f'<span class="waqai-label">{esc(label)}:</span> ') + self.source_links(en, page))
        others = self.other_reports(en, page)
        if others:
            parts.append(Markup('<span class="waqai-note">') + others + Markup("</span>"))
        for note in dict.fromkeys(note_ar(n) for n in en.notes):
            parts.append(Markup('<span class="waqai-note">') + esc(note) + Markup("</span>"))
        return Markup('<p class="waqai-meta">') + Markup(" · ").join(parts) + Markup("</p>")

    @staticmethod
    def _label(key: str) -> Markup:
        return Markup('<span class="waqai-label">') + esc(field_ar(key)) + Markup(":</span> ")

    @staticmethod
    def join(items, sep: str = "، ") -> Markup:
        return Markup(esc(sep).join(esc(i) for i in items))

    @staticmethod
    def type_label(e: Event, acled: bool = True) -> Markup:
        return _type_badge(e.type, e.sub_type, acled)

    @staticmethod
    def date_label(e: Event) -> Markup:
        s, t = e.date_start, e.date_end
        if not s:
            p = e.article.published
            if not p:
                return esc(phrase("undated"))
            return phrase_html("told_before", date=date_html(p))
        prefix = esc(phrase("planned_prefix")) if e.kind == "planned" else Markup("")
        return prefix + interval_html(s, t, e.precision)

    def date_title(self, e: Event) -> str:
        """What a date's tooltip says: the phrase it was read from and the rule, in plain Arabic."""
        if not e.date_start:
            return phrase("undated_tooltip")
        said = f"«{e.date_text}»: " if e.date_text else ""
        status = f" ({kind_ar(e.kind)})" if e.kind == "planned" else ""
        return f"{said}{rule_ar(e.date_rule)}{status}"

    @staticmethod
    def sentence(e: Event) -> Markup:
        """The event's sentence, its date phrase marked."""
        text = e.sentence
        if e.date_text and e.date_from != "previous sentence" and e.date_text in text:
            i = text.index(e.date_text)
            return Markup(f'<p class="waqai-sentence">{esc(text[:i])}<mark>{esc(e.date_text)}</mark>'
                          f"{esc(text[i + len(e.date_text):])}</p>")
        return Markup(f'<p class="waqai-sentence">{esc(text)}</p>')

    @staticmethod
    def kind_label(kind: str) -> str:
        return kind_label(kind)

    @staticmethod
    def how(m) -> str:
        return f"{m.name} — {how_ar(m.how, m.inferred)}"

    @staticmethod
    def day_text(d: dt.date) -> Markup:
        return date_html(d, weekday=True)
