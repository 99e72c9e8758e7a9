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
from .labels import date_text, phrase, type_ar

# ACLED's columns (codebook 2023: "event_id_cnty" ... "fatalities") that a chronology built from
# articles can fill; then ours. A column ACLED has and we cannot fill (disorder_type, tags,
# source_scale, iso, region, timestamp) is left out rather than written empty.
ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1",
                 "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "country", "admin1",
                 "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source", "notes",
                 "fatalities"]
EXTRA_COLUMNS = ["date_end", "kind", "injured", "combined_casualties", "admin1_pcode", "admin2_pcode",
                 "admin3_pcode", "location_pcode", "location_ar", "site_ar", "actor1_ar", "actor2_ar", "places_ar",
                 "article", "published", "sources", "sentence", "acled_type"]
# ACLED's event types; our "Statements and diplomacy" is none of them (acled_type 0 in the CSV)
ACLED_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
               "Strategic developments"}
TIMELINE_LIMIT = 2000  # TimelineJS slows down past a few thousand slides: the latest ones
FEED_LIMIT = 50
# ACLED's time precision: 1 the day is known, 2 a few days or a week, 3 a month or more
TIME_PRECISION = {"day": 1, "days": 2, "week": 2}


def json_line(en: Entry, gazetteer: Gazetteer) -> str:
    """One entry as one line of JSON (json's fast C encoder, no indentation)."""
    return json.dumps(entry_json(en, gazetteer), ensure_ascii=False, separators=(",", ":"))


def events_json(entries: list[Entry], gazetteer: Gazetteer) -> str:
    """A JSON array, one event a line (readable, and written by json's fast C encoder)."""
    return "[\n" + ",\n".join(json_line(e, gazetteer) for e in entries) + "\n]\n"


def location(entry: Entry, gazetteer: Gazetteer) -> Place | None:
    """Where the entry is coded: its event's place (the finest the text gives for the happening)."""
    m = entry.main.place
    return gazetteer.places.get(m.id) if m else None


def _names(mentions, gazetteer: Gazetteer, english: bool) -> tuple[str, str]:
    """ACLED's actor and its associated actors (those on the same side), by name."""
    def name(m) -> str:
        return (m.name_en or m.name) if english else m.name
    return (name(mentions[0]) if mentions else "", "; ".join(name(m) for m in mentions[1:]))


def csv_row(en: Entry, gazetteer: Gazetteer) -> list | None:
    """One entry as a row of ACLED_COLUMNS + EXTRA_COLUMNS; None for an undated one (ACLED rows have
    a day). Names are English where ACLED's are (actor1, location, admin1-3), Arabic in *_ar columns."""
    from .chronology import _interaction, inter_of

    e = en.main
    if not e.date_start:
        return None
    loc = location(en, gazetteer)
    admin = [gazetteer.places.get(x) if x else None for x in gazetteer.admin(loc.id)] if loc else [None] * 3
    country = gazetteer.places.get(gazetteer.country_of(loc.id) or "") if loc else None
    a1, assoc1 = _names(e.actor1, gazetteer, True)
    a2, assoc2 = _names(e.actor2, gazetteer, True)
    a1_ar = "; ".join(m.name for m in e.actor1)
    a2_ar = "; ".join(m.name for m in e.actor2)
    inter1 = inter_of(e.actor1[0], gazetteer) if e.actor1 else None
    inter2 = inter_of(e.actor2[0], gazetteer) if e.actor2 else None
    return [
        en.id, e.date_start.isoformat(), e.date_start.year, TIME_PRECISION.get(e.precision or "", 3), e.type,
        e.sub_type, a1, assoc1, inter1 or "", a2, assoc2, inter2 or "", _interaction(e, gazetteer) or "",
        country.name_en if country else "", *[(x.name_en or x.name) if x else "" for x in admin],
        (e.site or "") if e.site else ((loc.name_en or loc.name) if loc else ""),
        "" if not loc or loc.lat is None else f"{loc.lat:.4f}",
        "" if not loc or loc.lon is None else f"{loc.lon:.4f}",
        e.geo_precision or (3 if loc else ""),
        "; ".join(sorted({ev.article.outlet or ev.article.name for ev in en.events})),
        e.note or " ".join(e.sentence.split()), en.fatalities if en.fatalities is not None else 0,
        e.date_end.isoformat() if e.date_end else "", e.kind, en.injured if en.injured is not None else "",
        e.combined if e.combined is not None else "", *[(x.pcode or "") if x else "" for x in admin],
        (loc.pcode or "") if loc else "", loc.name if loc else "", e.site or "", a1_ar, a2_ar,
        "؛ ".join(m.name for m in en.places), e.article.name,
        e.article.published.isoformat() if e.article.published else "", len(en.events),
        " ".join(e.sentence.split()), int(e.type in ACLED_TYPES),
    ]


def csv_line(row: list) -> str:
    """A row as one CSV line (quoted as csv.writer quotes, "\n" at the end)."""
    out: list[str] = []
    csv.writer(_Lines(out), lineterminator="\n").writerow(row)
    return out[0]


class _Lines:
    """A file for csv.writer that keeps each line it writes (the writer writes a whole row at once)."""

    def __init__(self, lines: list[str]) -> None:
        self.write = lines.append


def events_csv(entries: list[Entry], gazetteer: Gazetteer) -> str:
    """ACLED's columns first (dated events only), then ours: every row of csv_row."""
    lines: list[str] = []
    w = csv.writer(_Lines(lines), lineterminator="\n")
    w.writerow(ACLED_COLUMNS + EXTRA_COLUMNS)
    for en in entries:
        row = csv_row(en, gazetteer)
        if row is not None:
            w.writerow(row)
    return "".join(lines)


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
            "text": {"headline": "، ".join(m.name for m in en.places[:3]) or type_ar(e.type),
                     "text": " ".join(e.sentence.split())},
            "group": type_ar(e.type),  # (TimelineJS shows a group's name as a row label)
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
        places = "، ".join(m.name for m in en.places[:3])
        ET.SubElement(item, f"{{{ns}}}title").text = phrase(
            "feed_entry" if places else "feed_entry_nowhere", type=type_ar(e.type), places=places,
            date=date_text(e.date_start))
        ET.SubElement(item, f"{{{ns}}}id").text = f"urn:waqai:{en.id}"
        ET.SubElement(item, f"{{{ns}}}updated").text = f"{e.date_start.isoformat()}T00:00:00Z"
        ET.SubElement(item, f"{{{ns}}}link", href=link_of(en))
        ET.SubElement(item, f"{{{ns}}}summary").text = " ".join(e.sentence.split())
        # the outlet that told it; else the site (a file name tells a reader nothing)
        ET.SubElement(ET.SubElement(item, f"{{{ns}}}author"), f"{{{ns}}}name").text = e.article.outlet or title
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def report_csv(report) -> str:
    """Every input file, its status and its messages: the whole build report."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["path", "status", "messages"])
    for r in report:
        w.writerow([r.path, r.status, " | ".join(r.messages)])
    return out.getvalue()
