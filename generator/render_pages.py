"""The pages of places, actors and articles, their indexes, and the build report."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Callable

from markupsafe import Markup

from .chronology import Entry
from .gazetteer import Actor, Place
from .labels import (
    count,
    date_html,
    kind_label,
    labels,
    message_ar,
    month_text,
    number,
    partial_date_html,
    phrase,
    published_from_ar,
    role_ar,
    status_ar,
)
from .normalize import norm
from .read import Article
from .render import Pages, fragment_path, placeholder
from .render_site import ENTITY_PAGE_SIZE, _sig
from .render_text import article_html, inline
from .site import esc, md_link, safe_url
from .visuals import Neighbours, filters, map_points, most_line, nearby, timeline

ARTICLES_PAGE_SIZE = 500
CONTEXT = 50  # characters either side of a candidate place in the report, cut at a word


def entity_pages(pages: Pages) -> None:
    site, build = pages.site, pages.build
    by_entity: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for en in build.entries:
        for mm in en.places:
            for p in site.gaz.chain(mm.id) if mm.id in site.gaz.places else []:
                by_entity[("place", p.id)].append(en)
        for mm in en.actors:
            by_entity[("actor", mm.id)].append(en)
    articles_of: dict[tuple[str, str], list[Article]] = defaultdict(list)
    for x in build.extractions:
        for key in sorted({(mm.kind, mm.id) for mm in x.mentions}):
            articles_of[key].append(x.article)

    def paged(kind: str, id_: str, first: str, name: str) -> tuple[list[Entry], list[list[Entry]], list[dict]]:
        """All the entity's entries, and in pages: the first holds the latest, each further one those
        before (places/x/2.md ...), made here; the caller makes the first."""
        ens = list({en.id: en for en in by_entity.get((kind, id_), [])}.values())
        ens = [en for en in ens if en.main.date_start] + [en for en in ens if not en.main.date_start]
        chunks = [ens[max(0, i - ENTITY_PAGE_SIZE) : i] for i in range(len(ens), 0, -ENTITY_PAGE_SIZE)] or [[]]
        paths = [first] + [f"{first[: -len('.md')]}/{n}.md" for n in range(2, len(chunks) + 1)]
        parts = [{"n": n, "page": path} for n, path in enumerate(paths, 1)]
        for n, (path, chunk) in enumerate(zip(paths[1:], chunks[1:], strict=True), 2):
            pages.page(path, "entity_part.md.j2", signature=(site.entries_sig(chunk), tuple(paths)),
                       later=lambda chunk=chunk: {"filters": filters(chunk, site, id_)},
                       title=phrase("entity_events_part", name=name, n=n), owner=first, entries=chunk, parts=parts)
        return ens, chunks, parts

    def ranked(counts: Counter, kind: str, table: dict) -> list[tuple]:
        """(entity, its count in words), most counted first, of the entities that have a page."""
        return [(table[i], count(n, "event")) for i, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
                if site.has_page(kind, i)]

    with_coordinates = Neighbours(site.gaz.places[i] for i in site.place_ids)
    for pid in site.place_ids:
        p: Place = site.gaz.places[pid]
        path = site.place_page(pid)
        everything, chunks, parts = paged("place", pid, path, p.name)
        children = [c for c in site.gaz.children(pid) if site.has_page("place", c.id)]
        actors = ranked(Counter(mm.id for en in everything for mm in en.actors), "actor", site.gaz.actors)
        arts = articles_of.get(("place", pid), [])[:20]
        near = nearby(p, site.gaz, with_coordinates)
        pages.page(path, "place.md.j2",
                   signature=(site.entries_sig(everything), len(parts), tuple(c.id for c in children),
                              tuple(site.article_sig(a) for a in arts), tuple(q.id for q, _ in near),
                              tuple(site.has_page("place", q.id) for q in site.gaz.chain(pid))),
                   later=lambda p=p, everything=everything, path=path, chunks=chunks, pid=pid: {
                       "aliases": [s.text for s in p.spellings() if s.text != p.name],
                       "chart": timeline(everything), "map": map_points(everything, site, path, p),
                       "most": most_line(everything), "filters": filters(chunks[0], site, pid)},
                   place=p, chain=list(reversed(site.gaz.chain(pid))), near=near,
                   children=children, actors=actors, entries=chunks[0], total=count(len(everything), "event"),
                   shown=count(len(chunks[0]), "event"), parts=parts, articles=arts)
    for aid in site.actor_ids:
        a: Actor = site.gaz.actors[aid]
        path = site.actor_page(aid)
        everything, chunks, parts = paged("actor", aid, path, a.name)

        def ref(i: str, here: str = path) -> str:
            ent = site.gaz.actors.get(i)
            name = ent.name if ent else i
            return site.a(name, here, site.actor_page(i)) if site.has_page("actor", i) else str(esc(name))

        roles = Markup("؛ ").join(
            esc(r.title or role_ar(r.role)) + Markup(" (") + partial_date_html(r.from_) + Markup("–")
            + (partial_date_html(r.to) if r.to else "") + Markup(")") + (Markup(" — " + ref(r.of)) if r.of else "")
            for r in a.roles)
        places = ranked(Counter(mm.id for en in everything for mm in en.places), "place", site.gaz.places)[:40]
        arts = articles_of.get(("actor", aid), [])[:20]
        related = tuple(site.has_page("actor", i) for i in (a.part_of, *a.allied_with, *(r.of for r in a.roles)) if i)
        pages.page(path, "actor.md.j2",
                   signature=(site.entries_sig(everything), len(parts), tuple(site.article_sig(x) for x in arts),
                              related),
                   later=lambda a=a, everything=everything, path=path, chunks=chunks, aid=aid: {
                       "aliases": [s.text for s in a.spellings() if s.text != a.name and not s.former],
                       "chart": timeline(everything), "map": map_points(everything, site, path),
                       "most": most_line(everything), "filters": filters(chunks[0], site, aid)},
                   actor=a, former=[(f.name, partial_date_html(f.until)) for f in a.former_names],
                   part_of=Markup(ref(a.part_of)) if a.part_of else None,
                   allies=Markup("، ".join(ref(i) for i in a.allied_with)) if a.allied_with else None,
                   roles=Markup(roles) if roles else None, places=places, entries=chunks[0],
                   total=count(len(everything), "event"), shown=count(len(chunks[0]), "event"), parts=parts,
                   articles=arts)
    _entity_indexes(pages, by_entity)


def _entity_indexes(pages: Pages, by_entity) -> None:
    site = pages.site

    def rows(kind: str, ids: list[str]) -> list[dict]:
        table = site.gaz.places if kind == "place" else site.gaz.actors
        out = []
        for i in ids:
            e = table[i]
            n = len(set(map(id, by_entity.get((kind, i), []))))
            out.append({"name": e.name, "name_en": e.name_en, "n": n, "count": count(n, "event"),
                        "page": site.entity_page(kind, i), "kind": e.kind})
        return sorted(out, key=lambda r: (-r["n"], r["name"]))

    for kind, ids, path, title, intro in (
        ("place", site.place_ids, "places/index.md", phrase("places_title"), phrase("places_intro")),
        ("actor", site.actor_ids, "actors/index.md", phrase("actors_title"), phrase("actors_intro")),
    ):
        all_rows = rows(kind, ids)
        order = list(labels()["entity_kinds"])
        kinds = sorted({r["kind"] for r in all_rows}, key=lambda k: order.index(k) if k in order else 99)
        groups = [{"label": kind_label(k), "rows": [r for r in all_rows if r["kind"] == k]} for k in kinds]
        pages.page(path, "entity_index.md.j2", title=title, intro=intro, groups=groups)


# --- articles -------------------------------------------------------------------------------------


class Lazy:
    """A value made only when a template prints it (the marked-up text of a skipped page never is)."""

    def __init__(self, make: Callable[[], Markup]) -> None:
        self.make = make

    def __html__(self) -> str:
        return str(self.make())


def _article_context(a: Article) -> dict:
    how = published_from_ar(a.published_from)
    published = (date_html(a.published, weekday=True) + Markup(f" ({esc(how)})")) if a.published else phrase("unknown")
    notes = [message_ar(n) for n in a.published_note if n not in a.warnings]
    return {"published": published, "url": safe_url(a.url), "warnings": [message_ar(w) for w in a.warnings],
            "notes": list(dict.fromkeys(notes)), "unsupported": any("not supported" in w for w in a.warnings)}


def article_pages(pages: Pages, inline_texts: bool, mode: str = "full") -> None:
    """A page per article; its text as `mode` says (the plugin's `article_text`: full, excerpt, none)."""
    site = pages.site
    for x in pages.build.extractions:
        a = x.article
        path = site.article_page(a)
        links = tuple((ev.id, site.entry_id_of(ev), site.entry_page_of(ev)) for ev in x.events)
        shown = tuple(sorted({(m.kind, m.id, site.has_page(m.kind, m.id)) for m in x.mentions}))
        signature = (site.article_sig(a), links, shown, mode)  # the body is in article_sig, by its hash
        text = Lazy(lambda x=x, path=path: article_html(x, site, path, mode))
        if not inline_texts:
            mark = placeholder(path, list(dict.fromkeys(ev.id for ev in x.events)))
            pages.file(fragment_path(path), _sig(pages.base, path, signature, "text"), text.__html__,
                       fragment_of=path, placeholder=mark)
            text = Markup(mark)
        pages.page(path, "article.md.j2", signature=signature, later=lambda a=a: _article_context(a), article=a,
                   file=inline(a.id), events=x.events, body=text, legend=mode != "none")
    _article_indexes(pages)


def _article_indexes(pages: Pages) -> None:
    """articles/index.md lists the publication months; a page per month (in parts) lists its articles."""
    site = pages.site
    articles = [x.article for x in pages.build.extractions]
    by_month: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        by_month[a.published.strftime("%Y-%m") if a.published else "undated"].append(a)
    months = sorted(by_month, key=lambda k: (k == "undated", k))
    intro = phrase("articles_intro", articles=count(len(articles), "article"))
    index = [f"# {esc(phrase('articles_title'))}", "", esc(intro),
             "", f"| {esc(phrase('articles_month'))} | {esc(phrase('articles_title'))} |", "|---|---|"]
    for key in reversed([m for m in months if m != "undated"]):
        y, mo = map(int, key.split("-"))
        index.append(f"| [{esc(month_text(y, mo))}]({md_link('articles/index.md', f'articles/{key}.md')}) "
                     f"| {esc(count(len(by_month[key]), 'article'))} |")
    if "undated" in by_month:
        index.append(f"| [{esc(phrase('articles_undated'))}]({md_link('articles/index.md', 'articles/undated.md')}) "
                     f"| {esc(count(len(by_month['undated']), 'article'))} |")
    index_text = "\n".join(index) + "\n"
    pages.file("articles/index.md", None, lambda: index_text)
    for key in months:
        group = sorted(by_month[key], key=lambda a: (a.published or dt.date.min, a.id), reverse=True)
        chunks = [group[i : i + ARTICLES_PAGE_SIZE] for i in range(0, len(group), ARTICLES_PAGE_SIZE)]
        paths = [f"articles/{key}.md" if n == 0 else f"articles/{key}-{n + 1}.md" for n in range(len(chunks))]
        label = phrase("articles_of_undated") if key == "undated" else phrase(
            "articles_of_month", month=month_text(*map(int, key.split("-"))))
        for n, (chunk, path) in enumerate(zip(chunks, paths, strict=True)):
            def make(chunk=chunk, path=path, n=n, label=label, paths=paths) -> str:
                lines = [f"# {esc(label)}", ""]
                if len(paths) > 1:
                    links = " · ".join(f"**{k + 1}**" if k == n else f"[{k + 1}]({md_link(path, p)})"
                                       for k, p in enumerate(paths))
                    lines += [f"{esc(phrase('pages'))}: {links}", ""]
                head = " | ".join(esc(x) for x in labels()["phrases"]["article_table"])
                lines += [f"| {head} |", "|---|---|---|"]
                for a in chunk:
                    when = date_html(a.published) if a.published else "—"
                    lines.append(f"| {when} | [{esc(a.title)}]({md_link(path, site.article_page(a))}) "
                                 f"| {esc(a.outlet or '')} |")
                return "\n".join(lines) + "\n"

            pages.file(path, _sig(pages.base, path, tuple(paths), tuple(site.article_sig(a) for a in chunk)), make)


# --- the report ---------------------------------------------------------------------------------


def excerpt(text: str, start: int, end: int, around: int = CONTEXT) -> str:
    """The words around [start, end), cut at word boundaries, "…" where the text goes on."""
    a, b = max(0, start - around), min(len(text), end + around)
    if a > 0:
        space = text.find(" ", a, start)
        a = space + 1 if space != -1 else start
    if b < len(text):
        space = text.rfind(" ", end, b)
        b = space if space != -1 else end
    inner = re.sub(r"\s+", " ", text[a:b]).strip()
    return ("… " if a > 0 else "") + inner + (" …" if b < len(text) else "")


def _noise(candidate: str) -> bool:
    word = norm(candidate).split()[0] if candidate.strip() else ""
    noise = set(labels()["candidate_noise"])
    return not word or word in noise or (word[:1] in "وفبل" and word[1:] in noise)


def report_page(pages: Pages, mode: str = "full") -> None:
    """The build report; a candidate place's words around it only when article texts are published whole."""
    site, build = pages.site, pages.build
    report = build.report
    counts = Counter(r.status for r in report)
    rest = "".join(phrase(f"report_{k}", **{k: number(counts[k])}) for k in ("warnings", "skipped") if counts[k])
    summary = phrase("report_summary", files=count(len(report), "file"), read=number(counts["read"]), rest=rest)
    undated = [x.article for x in build.extractions if not x.article.published]
    found: dict[str, dict] = {}
    for x in build.extractions:
        for c in x.candidates:
            if c.site or _noise(c.text):  # (a building is no place for the gazetteer)
                continue
            row = found.setdefault(c.text, {"text": c.text, "n": 0, "title": x.article.title,
                                            "page": site.article_page(x.article),
                                            "context": excerpt(x.article.text, c.start, c.end)
                                            if mode == "full" else ""})
            row["n"] += 1
    candidates = sorted(found.values(), key=lambda r: (-r["n"], r["text"]))[:500]
    for row in candidates:
        row["count"] = count(row["n"], "times")

    def rows(status: str) -> list[dict]:
        return [{"path": r.path, "messages": list(dict.fromkeys(message_ar(m) for m in r.messages))}
                for r in report if r.status == status]

    pages.page("report.md", "report.md.j2", summary=summary,
               report=[{"path": r.path, "status": status_ar(r.status)} for r in report]
               if len(report) <= 2000 else [],
               skipped=rows("skipped"), warned=rows("warnings"),
               undated=[(a, [message_ar(n) for n in a.published_note]) for a in undated], candidates=candidates)
