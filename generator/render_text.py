"""An article's text as HTML: its date expressions marked with the day they resolve to, its places
and actors linked, its page furniture dimmed, Latin runs isolated, abbreviations kept whole.

Every character of the text goes through `site.esc`; the tooltips say in Arabic how each mark
was made (the date rule, how a name was recognised, why a line is furniture). They are the site's
own words, escaped for HTML only (an attribute of raw HTML, which Markdown never reads): the
entities `esc` adds for Markdown's marks would weigh on every article page.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from markupsafe import Markup, escape

from .labels import date_text, furniture_ar, how_ar, labels, rule_ar
from .pipeline import Extraction
from .render_site import Site
from .site import esc, html_link

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


def article_html(x: Extraction, site: Site, page: str) -> Markup:
    """The original text with its date expressions, places and actors marked, and the page furniture
    dimmed; an anchor before each event's clause."""
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
            out.append(block(text[pos:s]))
            out.append(open_tag + inline(text[s:e]) + close_tag)
            pos = e
            k += 1
        if point > pos:
            out.append(block(text[pos:point]))
            pos = point
        if open_furniture is not None and point == open_furniture.end:
            out.append(Markup("</span>"))
            open_furniture = None
        for eid in anchors.get(point, []):
            out.append(Markup(f'<span id="{Site.raw(eid)}" class="waqai-anchor"></span>'))
        if point in furniture and open_furniture is None:
            open_furniture = furniture[point]
            out.append(Markup(f'<span class="waqai-furniture" title="{esc(furniture_ar(open_furniture.why))}">'))
    if open_furniture is not None:
        out.append(Markup("</span>"))
    return Markup('<div class="waqai-text" dir="rtl">') + Markup("").join(out) + Markup("</div>")
