"""Data downloads: events.json, events.csv (ACLED columns), places.geojson, timeline.json
(TimelineJS) and an Atom feed. Everything is derived from the chronology alone, sorted, with no
clock in it, so the same input gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections import Counter

from .chronology import Entry, entry_json
from .gazetteer import Gazetteer, Place

ACLED_COLUMNS = ["event_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
                 "admin1", "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities"]
EXTRA_COLUMNS = ["date_end", "kind", "injured", "location_ar", "actors_ar", "places_ar", "article", "published",
                 "sources", "sentence"]
# how specific a place is: the most specific one of an event is its location
SPECIFICITY = {"facility": 0, "neighbourhood": 1, "village": 2, "town": 3, "city": 4, "subdistrict": 5,
               "district": 6, "region": 7, "mountain": 7, "river": 8, "lake": 8, "sea": 9, "governorate": 8,
               "country": 10}
TIMELINE_LIMIT = 2000  # TimelineJS slows down past a few thousand slides: the latest ones
FEED_LIMIT = 50


def events_json(entries: list[Entry], gazetteer: Gazetteer) -> str:
    """A JSON array, one event a line (readable, and written by json's fast C encoder)."""
    rows = (json.dumps(entry_json(e, gazetteer), ensure_ascii=False) for e in entries)
    return "[\n" + ",\n".join(rows) + "\n]\n"


def location(entry: Entry, gazetteer: Gazetteer) -> Place | None:
    places = [gazetteer.places[m.id] for m in entry.places if m.id in gazetteer.places]
    return min(places, key=lambda p: (SPECIFICITY.get(p.kind, 9), p.id)) if places else None


def _admin1(place: Place, gazetteer: Gazetteer) -> Place | None:
    return next((p for p in gazetteer.chain(place.id) if p.kind == "governorate"), None)


def events_csv(entries: list[Entry], gazetteer: Gazetteer) -> str:
    """ACLED's columns first (dated events only: ACLED rows have a day), then ours."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(ACLED_COLUMNS + EXTRA_COLUMNS)
    for en in entries:
        e = en.main
        if not e.date_start:
            continue
        loc = location(en, gazetteer)
        admin = _admin1(loc, gazetteer) if loc else None
        precision = {"day": 1, "days": 2, "week": 2}.get(e.precision or "", 3)
        geo = 3 if not loc or loc.kind in ("country", "governorate", "region") else (
            1 if loc.kind in ("city", "town", "village", "neighbourhood", "facility") else 2)
        actors = en.actors
        w.writerow([
            en.id, e.date_start.isoformat(), precision, e.type, e.sub_type,
            actors[0].name_en if actors else "", actors[1].name_en if len(actors) > 1 else "",
            admin.name_en if admin else "", loc.name_en if loc else "",
            "" if not loc or loc.lat is None else f"{loc.lat:.4f}",
            "" if not loc or loc.lon is None else f"{loc.lon:.4f}",
            geo, "; ".join(sorted({ev.article.outlet or ev.article.name for ev in en.events})),
            " | ".join([e.date_text or ""] + en.notes), en.fatalities if en.fatalities is not None else 0,
            e.date_end.isoformat() if e.date_end else "", e.kind, en.injured if en.injured is not None else "",
            loc.name if loc else "", "؛ ".join(m.name for m in actors), "؛ ".join(m.name for m in en.places),
            e.article.name, e.article.published.isoformat() if e.article.published else "", len(en.events),
            " ".join(e.sentence.split()),
        ])
    return out.getvalue()


def places_geojson(entries: list[Entry], gazetteer: Gazetteer, url_of=lambda p: f"places/{p.id}/") -> str:
    counts = Counter(m.id for en in entries for m in en.places)
    features = []
    for pid in sorted(counts):
        p = gazetteer.places.get(pid)
        if not p or p.lat is None or p.lon is None:
            continue
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
                         "properties": {"id": p.id, "name": p.name, "name_en": p.name_en, "kind": p.kind,
                                        "events": counts[pid], "url": url_of(p)}})
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1) + "\n"


def _tl_date(d) -> dict:
    return {"year": d.year, "month": d.month, "day": d.day}


def timeline_json(entries: list[Entry], title: str) -> str:
    """TimelineJS3's JSON: one slide per dated entry (the latest TIMELINE_LIMIT)."""
    dated = [en for en in entries if en.main.date_start][-TIMELINE_LIMIT:]
    slides = []
    for en in dated:
        e = en.main
        slides.append({
            "unique_id": en.id,
            "start_date": _tl_date(e.date_start),
            **({"end_date": _tl_date(e.date_end)} if e.date_end != e.date_start else {}),
            "text": {"headline": "، ".join(m.name for m in en.places[:3]) or e.type,
                     "text": " ".join(e.sentence.split())},
            "group": e.type,
        })
    return json.dumps({"title": {"text": {"headline": title}}, "events": slides}, ensure_ascii=False,
                      indent=1) + "\n"


def atom_feed(entries: list[Entry], site_url: str, title: str, link_of) -> str:
    """The latest dated entries as an Atom feed; `updated` is the latest event's day, never the clock."""
    dated = [en for en in entries if en.main.date_start and en.main.kind != "planned"][-FEED_LIMIT:][::-1]
    ns = "http://www.w3.org/2005/Atom"
    ET.register_namespace("", ns)
    feed = ET.Element(f"{{{ns}}}feed")
    ET.SubElement(feed, f"{{{ns}}}title").text = title
    ET.SubElement(feed, f"{{{ns}}}id").text = site_url or "urn:waqai"
    ET.SubElement(feed, f"{{{ns}}}link", href=site_url or "./")
    latest = dated[0].main.date_start.isoformat() if dated else "1970-01-01"
    ET.SubElement(feed, f"{{{ns}}}updated").text = f"{latest}T00:00:00Z"
    for en in dated:
        e = en.main
        item = ET.SubElement(feed, f"{{{ns}}}entry")
        ET.SubElement(item, f"{{{ns}}}title").text = f"{e.date_start.isoformat()} — " + (
            "، ".join(m.name for m in en.places[:3]) or e.type)
        ET.SubElement(item, f"{{{ns}}}id").text = f"urn:waqai:{en.id}"
        ET.SubElement(item, f"{{{ns}}}updated").text = f"{e.date_start.isoformat()}T00:00:00Z"
        ET.SubElement(item, f"{{{ns}}}link", href=link_of(en))
        ET.SubElement(item, f"{{{ns}}}summary").text = " ".join(e.sentence.split())
        ET.SubElement(ET.SubElement(item, f"{{{ns}}}author"), f"{{{ns}}}name").text = e.article.outlet or e.article.name
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def report_csv(report) -> str:
    """Every input file, its status and its messages: the whole build report."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["path", "status", "messages"])
    for r in report:
        w.writerow([r.path, r.status, " | ".join(r.messages)])
    return out.getvalue()
