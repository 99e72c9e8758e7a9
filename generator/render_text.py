"""An article's text as HTML: its date expressions marked with the day they resolve to, its places
and actors linked, its page furniture dimmed, Latin runs isolated, abbreviations kept whole.

Every character of the text goes through `site.esc`; the tooltips say in Arabic how each mark
was made (the date rule, how a name was recognised, why a line is furniture). They are the site's
own words, escaped for HTML only (an attribute of raw HTML, which Markdown never reads): the
entities `esc` adds for Markdown's marks would weigh on every article page.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from functools import lru_cache

from markupsafe import Markup, escape

from .labels import date_text, furniture_ar, how_ar, labels, rule_ar
from .pipeline import Extraction
from .render_site import Site
from .segment import sentences
from .site import esc, html_link, safe_url

# a Latin run (a dateline "20-Nov-2017", a site name, a file name): shown left to right, isolated
_LATIN_RUN = r"(?:[0-9]+(?:[-._/:][0-9]+)*[-._/: ]?)?[A-Za-z][A-Za-z0-9]*(?:[-.,:/_|@&'’ ]+[A-Za-z0-9]+)*"
NOWRAP_MARK = 32  # a date expression this short never breaks across lines


@lru_cache(maxsize=1)
def _inline() -> re.Pattern[str]:
    """Latin runs, abbreviations written with spaces ("أ ف ب"), and month pairs ("الثاني/نوفمبر")."""
    together = "|".join(re.escape(w) for w in sorted(labels()["keep_together"], key=len, reverse=True))
    pair = r"[\u0621-\u064a]+/[\u0621-\u064a]+"
    alone = rf"(?<![\u0621-\u064a])(?:{together})(?![\u0621-\u064a])"
    return re.compile(rf"(?P<latin>{_LATIN_RUN})|(?P<keep>{alone}|{pair})")


def inline(text: str) -> Markup:
    """Text escaped, its Latin runs isolated (<bdi dir="ltr">) and what must stay on one line kept so."""
    out: list[str] = []
    pos = 0
    for m in _inline().finditer(text):
        out.append(esc(text[pos : m.start()]))
        if m.lastgroup == "latin":
            out.append(f'<bdi dir="ltr">{esc(m.group())}</bdi>')
        else:
            out.append(f'<span class="waqai-nb">{esc(m.group())}</span>')
        pos = m.end()
    out.append(esc(text[pos:]))
    return Markup("".join(out))


def block(text: str) -> Markup:
    """Like `inline`, line breaks kept as <br>."""
    return Markup("<br>\n".join(inline(line) for line in text.split("\n")))


def article_html(x: Extraction, site: Site, page: str, mode: str = "full") -> Markup:
    """The article's text on its page, as the plugin's `article_text` says: `full`, the original text
    with its date expressions, places and actors marked and its page furniture dimmed; `excerpt`,
    only the sentences that tell an event or give a date (marked the same way), "[…]" where text
    was left out, and the link to the source; `none`, no text, only the link. An anchor stands
    for each event (before its clause, or at the top where its clause is not shown)."""
    art = x.article
    if mode == "full":
        return _text_box(_marked(x, site, page, art.body_start, len(art.text)))
    words = labels()["article_text"]
    runs = excerpt_runs(x) if mode == "excerpt" else []
    url = safe_url(art.url)
    link = f'<a href="{escape(url)}" rel="nofollow noopener" dir="ltr" class="waqai-url">{escape(url)}</a>'
    source = Markup(f":<br>{link}") if url else Markup(f" ({escape(words['no_url'])})")
    shown = {ev.id for ev in x.events if any(s <= ev.start < e for s, e in runs)}
    lost = "".join(f'<span id="{Site.raw(i)}" class="waqai-anchor"></span>'
                   for i in dict.fromkeys(ev.id for ev in x.events if ev.id not in shown))
    said = words[mode if runs or mode == "none" else "excerpt_empty"]
    note = Markup(f'<p class="waqai-text-note">{lost}{escape(said)}') + source + Markup("</p>")
    if not runs:
        return note
    gap = Markup(f'<span class="waqai-gap" title="{escape(words["gap_title"])}">{escape(words["gap"])}</span>')
    gap = Markup("<br>\n") + gap + Markup("<br>\n")
    body = gap.join(_marked(x, site, page, s, e, anchors=shown) for s, e in runs)
    before = gap if runs[0][0] > art.body_start else Markup("")
    after = gap if runs[-1][1] < len(art.text.rstrip()) else Markup("")
    return note + _text_box(before + body + after)


def excerpt_runs(x: Extraction) -> list[tuple[int, int]]:
    """The sentences of the body that tell an event or hold a date the engine resolved, outside the
    page furniture; neighbours joined into one run. Offsets into article.text."""
    art = x.article
    points = sorted({ev.start for ev in x.events} | {d.start for d in x.dates if not d.vague})
    furniture = [(f.start, f.end) for f in art.furniture]
    runs: list[tuple[int, int]] = []
    previous_end = None
    for s, e in sentences(art.text, art.body_start):
        if any(fs <= s and e <= fe for fs, fe in furniture):
            continue
        i = bisect_left(points, s)
        if i < len(points) and points[i] < e:
            if runs and previous_end is not None and runs[-1][1] == previous_end:
                runs[-1] = (runs[-1][0], e)  # the sentence right after a kept one: one run
            else:
                runs.append((s, e))
        previous_end = e
    return runs


def _text_box(inner: Markup) -> Markup:
    # the text inside an inline element: a minifier keeps the space between two links there ("الخارجية
    # الروسية</a> <a>سيرغي لافروف"), which it drops between the children of a block
    return Markup('<div class="waqai-text" dir="rtl"><span>') + inner + Markup("</span></div>")


def _marked(x: Extraction, site: Site, page: str, start: int, stop: int, anchors: set[str] | None = None) -> Markup:
    """text[start:stop] as HTML: its date expressions, places and actors marked, its furniture
    dimmed, an anchor before each event's clause (only those in `anchors`, when given)."""
    art = x.article
    text = art.text
    marks: list[tuple[int, int, Markup, Markup]] = []  # (start, end, opening tag, closing tag)
    for d in x.dates:
        if d.vague:
            continue
        # the resolved day in words (the page's weight: no <time> here, the sup itself stays whole)
        shown = date_text(d.date_start) if d.date_start == d.date_end else (
            f"{date_text(d.date_start)} – {date_text(d.date_end)}")
        nowrap = " waqai-nb" if len(d.text) <= NOWRAP_MARK else ""
        marks.append((d.start, d.end,
                      Markup(f'<mark class="waqai-timex{nowrap}" tabindex="0" title="{escape(rule_ar(d.rule))}">'),
                      Markup(f'</mark><sup class="waqai-resolved">{escape(shown)}</sup>')))
    for m in x.mentions:
        if not site.has_page(m.kind, m.id):
            continue
        target = site.entity_page(m.kind, m.id)
        inferred = " waqai-inferred" if m.inferred else ""
        # a tooltip only where it tells more than the link's own words: another name, an inference
        how = "" if m.how.startswith("name") and not m.inferred else how_ar(m.how, m.inferred)
        title = f' title="{esc(m.name) + " — " + how}"' if how else ""  # a gazetteer's name: escaped as all input
        marks.append((m.start, m.end,
                      Markup(f'<a class="waqai-{m.kind}{inferred}" href="{html_link(page, target)}"{title}>'),
                      Markup("</a>")))
    marks.sort(key=lambda k: (k[0], -k[1]))
    kept, end = [], start
    for mk in marks:  # no overlaps: the earlier (and longer) mark wins
        if mk[0] >= end and mk[1] <= stop:
            kept.append(mk)
            end = mk[1]
    at: dict[int, list[str]] = defaultdict(list)
    for ev in x.events:
        if start <= ev.start < stop and (anchors is None or ev.id in anchors):
            at[ev.start].append(ev.id)
    # furniture cut to the range: (start, end, why)
    cut = [(max(f.start, start), min(f.end, stop), f.why) for f in art.furniture if f.start < stop and f.end > start]
    furniture = {f[0]: f for f in cut}
    out: list[Markup] = []
    pos = start
    points = sorted({*[k[0] for k in kept], *at, *furniture, *[f[1] for f in cut]})
    open_furniture = None
    k = 0
    for point in points + [stop]:
        while k < len(kept) and kept[k][0] < point:
            s, e, open_tag, close_tag = kept[k]
            out.append(block(text[pos:s]))
            out.append(open_tag + inline(text[s:e]) + close_tag)
            pos = e
            k += 1
        if point > pos:
            out.append(block(text[pos:point]))
            pos = point
        if open_furniture is not None and point == open_furniture[1]:
            out.append(Markup("</span>"))
            open_furniture = None
        for eid in at.get(point, []):
            out.append(Markup(f'<span id="{Site.raw(eid)}" class="waqai-anchor"></span>'))
        if point in furniture and open_furniture is None and point < stop:
            open_furniture = furniture[point]
            out.append(Markup(f'<span class="waqai-furniture" title="{esc(furniture_ar(open_furniture[2]))}">'))
    if open_furniture is not None:
        out.append(Markup("</span>"))
    return Markup("").join(out)
