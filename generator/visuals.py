"""What the charts, maps and filters draw, computed at build time and handed to the page as JSON.

The page gets `<script type="application/json">` blocks (never HTML made from text): the browser
code (content/assets/waqai.js, with the vendored Chart.js and Leaflet) draws them. Everything is
sorted, so the same input gives the same bytes.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from markupsafe import Markup

from .chronology import Entry
from .gazetteer import Gazetteer, Place
from .labels import count, labels, month_text, number, phrase, type_ar, type_color
from .render_site import Site, placement
from .site import html_link

WEEKLY_UP_TO = 120  # days: a shorter span is charted by week, a longer one by month
MONTHLY_UP_TO = 60  # months: a longer span is charted by year (150 monthly bars, three of them not empty,
# tell a reader less than 13 yearly ones, and weighed 15 kB on a page)
NEARBY = 8  # neighbouring places listed on a place page
NEAR_KM = 150  # how far a neighbour may be
_KM_PER_DEGREE = 6371 * math.pi / 180  # of latitude: a great-circle distance is at least this × Δlat


def json_script(kind: str, data: object) -> Markup:
    """Data for the page's scripts. JSON escapes '<', '>' and '&' as \\u003c ..., so no text in it
    (an article, a gazetteer name) can close the <script> element or open another."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(f'<script type="application/json" class="waqai-data" data-kind="{kind}">{text}</script>')


def _charted(entries: Iterable[Entry]) -> list[Entry]:
    """Entries a time chart can place: dated, and no longer than a month."""
    return [en for en in entries if en.main.date_start and placement(en.main) != "year"]


def timeline(entries: Iterable[Entry]) -> dict | None:
    """Events per week, month or year (by the span), by type, with the fatalities; None if nothing to draw."""
    ens = _charted(entries)
    if not ens:
        return None
    first = min(en.main.date_start for en in ens)
    last = max(en.main.date_start for en in ens)
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    unit = "week" if (last - first).days <= WEEKLY_UP_TO else "month" if months <= MONTHLY_UP_TO else "year"
    if unit == "week":  # weeks start on Saturday, as in Syria
        def bucket(d: dt.date) -> dt.date:
            return d - dt.timedelta(days=(d.weekday() - 5) % 7)
    elif unit == "month":
        def bucket(d: dt.date) -> dt.date:
            return d.replace(day=1)
    else:
        def bucket(d: dt.date) -> dt.date:
            return d.replace(month=1, day=1)
    keys: list[dt.date] = []
    k = bucket(first)
    while k <= last:
        keys.append(k)
        k = (k + dt.timedelta(days=7) if unit == "week" else (k + dt.timedelta(days=32)).replace(day=1)
             if unit == "month" else k.replace(year=k.year + 1))
    index = {k: i for i, k in enumerate(keys)}
    by_type: dict[str, list[int]] = defaultdict(lambda: [0] * len(keys))
    killed = [0] * len(keys)
    for en in ens:
        i = index[bucket(en.main.date_start)]
        by_type[en.main.type][i] += 1
        killed[i] += en.fatalities or 0
    order = list(labels()["types"])
    series = [{"type": t, "label": type_ar(t), "color": type_color(t), "data": by_type[t]}
              for t in sorted(by_type, key=lambda t: (order.index(t) if t in order else 99, t))]
    if unit == "week":
        names = [f"{k.day} {month_text(k.year, k.month)}" for k in keys]
    elif unit == "month":
        names = [month_text(k.year, k.month) for k in keys]
    else:
        names = [str(k.year) for k in keys]
    # on the axis, the Levantine name alone ("تشرين الثاني 2017"); the pair in the tooltip
    short = [re.sub(r"/[\u0621-\u064a]+", "", n) for n in names]
    return {"unit": unit, "labels": names, "short": short,
            "iso": [k.isoformat() for k in keys], "series": series, "killed": killed,
            "killed_label": phrase("killed_series"),
            "total": len(ens),
            "caption": phrase(f"chart_caption_{unit}ly",
                              events=count(len(ens), "dated_event"))}


def map_points(entries: Iterable[Entry], site: Site, page: str, focus: Place | None = None) -> dict | None:
    """The places of these entries that have coordinates, with their events and fatalities."""
    events: Counter = Counter()
    killed: Counter = Counter()
    for en in entries:
        for m in en.places:
            events[m.id] += 1
            killed[m.id] += en.fatalities or 0
    points = []
    for pid in sorted(events):
        p = site.gaz.places.get(pid)
        if p is None or p.lat is None or p.lon is None:
            continue
        points.append({"id": pid, "name": p.name, "lat": round(p.lat, 4), "lon": round(p.lon, 4),
                       "events": events[pid], "killed": killed[pid],
                       "label": phrase("map_marker_killed", events=count(events[pid], "event"),
                                       killed=count(killed[pid], "killed"))
                       if killed[pid] else count(events[pid], "event"),
                       "url": html_link(page, site.place_page(pid)) if site.has_page("place", pid) else None})
    if focus is not None and focus.lat is not None and not any(pt["id"] == focus.id for pt in points):
        points.append({"id": focus.id, "name": focus.name, "lat": round(focus.lat, 4), "lon": round(focus.lon, 4),
                       "events": 0, "killed": 0, "label": count(0, "event"), "url": None})
    if not points:
        return None
    return {"points": points, "focus": focus.id if focus is not None else None,
            "caption": phrase("map_caption")}


def filters(entries: list[Entry], site: Site, here: str | None = None) -> dict | None:
    """The choices the filters offer on a page of entries: types, statuses, places, actors, days."""
    if len(entries) < 2:
        return None
    types = Counter(en.main.type for en in entries)
    kinds = Counter(en.main.kind for en in entries)
    places: Counter = Counter()
    actors: Counter = Counter()
    for en in entries:
        places.update({m.id for m in en.places if site.has_page("place", m.id) and m.id != here})
        actors.update({m.id for m in en.actors if site.has_page("actor", m.id) and m.id != here})
    days = sorted(d for en in entries if en.main.date_start for d in (en.main.date_start, en.main.date_end))
    months = []
    if days and (days[0].year, days[0].month) != (days[-1].year, days[-1].month):
        k = days[0].replace(day=1)
        while k <= days[-1]:
            months.append([k.strftime("%Y-%m"), month_text(k.year, k.month)])
            k = (k + dt.timedelta(days=32)).replace(day=1)

    def ranked(counter: Counter, table: dict) -> list[list]:
        return [[i, table[i].name, n] for i, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:60]]

    return {"types": [[t, type_ar(t), n] for t, n in sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))],
            "kinds": [[k, labels()["kinds"].get(k, k), n] for k, n in sorted(kinds.items())],
            "places": ranked(places, site.gaz.places), "actors": ranked(actors, site.gaz.actors),
            "months": months, "total": len(entries)}


def most_line(entries: list[Entry]) -> str | None:
    """One line: what happened there most, and when most happened ("أغلب الأحداث: معارك، تشرين الثاني 2017")."""
    ens = [en for en in _charted(entries) if en.main.type != "Other"]
    if not ens:
        return None
    types = Counter(en.main.type for en in ens)
    top, n = max(types.items(), key=lambda kv: (kv[1], kv[0]))
    months = Counter((en.main.date_start.year, en.main.date_start.month) for en in ens)
    (y, mo), m = max(months.items(), key=lambda kv: (kv[1], kv[0]))
    if len(ens) == 1:  # one event is no "most"
        return phrase("place_summary_one", type=type_ar(top), month=month_text(y, mo))
    # a type or a month is "the most" only alone at the top
    alone = (list(types.values()).count(n) == 1, list(months.values()).count(m) == 1)
    key = {(True, True): "place_summary", (True, False): "place_summary_type",
           (False, True): "place_summary_month"}.get(alone)
    return key and phrase(key, type=type_ar(top), events=count(n, "event"), total=number(len(ens)),
                          month=month_text(y, mo), month_events=count(m, "event"))


def _km(a: Place, b: Place) -> float:
    """Great-circle distance in kilometres."""
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(min(1.0, math.sqrt(h)))


class Neighbours:
    """The places that may be listed as near others (those with coordinates), sorted by latitude."""

    def __init__(self, places: Iterable[Place]) -> None:
        self.places = sorted((p for p in places if p.lat is not None), key=lambda p: (p.lat, p.id))
        self.lats = [p.lat for p in self.places]

    def within_latitude(self, lat: float, km: float) -> list[Place]:
        """The places less than `km` north or south of `lat` (a superset of those within `km`)."""
        reach = km / _KM_PER_DEGREE + 1e-9
        return self.places[bisect.bisect_left(self.lats, lat - reach) : bisect.bisect_right(self.lats, lat + reach)]


def nearby(place: Place, gaz: Gazetteer, candidates: Neighbours) -> list[tuple[Place, str]]:
    """The nearest places that have pages (not the place's own parents or children), with the distance.
    Only the candidates within reach in latitude are measured: a great circle is never shorter."""
    if place.lat is None or place.kind == "country":
        return []
    skip = {p.id for p in gaz.chain(place.id)} | {c.id for c in gaz.children(place.id)}
    near = sorted((_km(place, q), q.id, q) for q in candidates.within_latitude(place.lat, NEAR_KM)
                  if q.id not in skip and q.kind not in ("country", "governorate", "region"))
    return [(q, count(round(d), "kilometre")) for d, _, q in near[:NEARBY] if d <= NEAR_KM]
