"""Loading the gazetteers: generated places, the hand-written files, the user's own files.

Layers, each replacing the one before by id: the generated places (generator/data/
places-generated.json.gz, written by tools/build_gazetteer.py from OCHA, Who's On First, GeoNames
and CLDR), the curated places (places.yaml, provinces.yaml), then the user's files. A generated
record may "enrich" a curated entry (its P-code, WOF id, population) without changing what a
person wrote. Spellings that are common words (common_names.yaml, computed from a corpus by
tools/common_names.py) are only taken as places with support.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import yaml

from ..normalize import norm
from .checks import _SLUG, GazetteerError, actor, collect, place
from .consistency import check_all
from .model import KIND_INTER, Actor, Gazetteer, Place

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
PLACES_FILE = DATA_DIR / "places.yaml"
PROVINCES_FILE = DATA_DIR / "provinces.yaml"
GENERATED_FILE = DATA_DIR / "places-generated.json.gz"
COMMON_FILE = DATA_DIR / "common_names.yaml"
ACTORS_DIR = DATA_DIR / "actors"
ACTORS_FILE = ACTORS_DIR  # the folder of the shipped actor files (the name kept for callers)


def shipped_places() -> list[Path]:
    return [p for p in (PLACES_FILE, PROVINCES_FILE) if p.exists()]


def shipped_actors() -> list[Path]:
    return sorted(ACTORS_DIR.glob("*.yaml"))


def _digest(blobs: Iterable[tuple[str, bytes]]) -> str:
    h = hashlib.sha256()
    for name, data in blobs:
        h.update(name.encode() + b"\0" + data + b"\0")
    return h.hexdigest()[:12]


def _extra_files() -> list[Path]:
    return [p for p in (GENERATED_FILE, COMMON_FILE) if p.exists()]


def _version_of(places_files: Sequence[Path], actors_files: Sequence[Path]) -> str:
    return _digest((p.name, p.read_bytes()) for p in (*places_files, *actors_files, *_extra_files()))


GAZETTEER_VERSION = _version_of(shipped_places(), shipped_actors())


def load_gazetteer(extra_places: Sequence[Path | str] = (), extra_actors: Sequence[Path | str] = ()) -> Gazetteer:
    """The shipped gazetteers plus optional user files (added, or replacing entries by id).
    Raises GazetteerError listing every problem of the hand-written files."""
    if not extra_places and not extra_actors:
        return _load_default()
    return _load([*shipped_places(), *map(Path, extra_places)], [*shipped_actors(), *map(Path, extra_actors)])


@lru_cache(maxsize=1)
def _load_default() -> Gazetteer:
    return _load(shipped_places(), shipped_actors())


def generated_places(data: bytes) -> tuple[dict[str, Place], dict[str, dict]]:
    """The places of the generated file and its enrichments of curated entries (by id)."""
    doc = json.loads(gzip.decompress(data))
    fields = doc["fields"]
    out: dict[str, Place] = {}
    source = GENERATED_FILE.name
    for row in doc["places"]:
        rec = dict(zip(fields, row, strict=True))
        if not _SLUG.fullmatch(rec["id"]):  # ids become page paths
            raise GazetteerError([f"{source}: place id {rec['id']!r} is not a safe slug; rebuild the file"])
        rec["aliases"] = tuple(rec["aliases"])
        out[rec["id"]] = Place(**rec, generated=True, source=source)
    return out, doc.get("enrich", {})


def with_inter(actors: dict[str, Actor]) -> dict[str, Actor]:
    """Every actor with ACLED's category: its own, else its kind's (KIND_INTER), else, for a person,
    the one category of the actors their offices are of ("وزير الدفاع السوري": state forces)."""
    out = {k: a if a.inter is not None else dataclasses.replace(a, inter=KIND_INTER.get(a.kind))
           for k, a in actors.items()}
    for k, a in out.items():
        if a.inter is None and a.kind == "person":
            codes = {out[r.of].inter for r in a.roles if r.of in out}
            if len(codes) == 1 and None not in codes:
                out[k] = dataclasses.replace(a, inter=codes.pop())
    return out


def common_names(data: bytes) -> dict[str, int]:
    """Normalized spelling -> how often the corpus used it (common_names.yaml)."""
    doc = yaml.load(data, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    return {norm(item["name"]): int(item["count"]) for item in doc.get("names", [])}


def _load(places_files: Sequence[Path], actors_files: Sequence[Path]) -> Gazetteer:
    problems: list[str] = []
    blobs: dict[Path, bytes] = {}
    texts: dict[Path, str] = {}
    for p in (*places_files, *actors_files, *_extra_files()):
        try:
            blobs[p] = p.read_bytes()
            texts[p] = "" if p.suffix == ".gz" else blobs[p].decode("utf-8")
        except (OSError, UnicodeDecodeError) as e:
            problems.append(f"{p}: cannot read: {e}")
            blobs[p], texts[p] = b"", ""
    places: dict[str, Place] = {}
    enrich: dict[str, dict] = {}
    if blobs.get(GENERATED_FILE):
        places, enrich = generated_places(blobs[GENERATED_FILE])
    curated: dict[str, Place] = collect(places_files, texts, place, problems)
    for pid, fields in enrich.items():
        if pid in curated:
            missing = {k: v for k, v in fields.items() if getattr(curated[pid], k) is None}
            curated[pid] = dataclasses.replace(curated[pid], **missing)
    places.update(curated)
    actors: dict[str, Actor] = collect(actors_files, texts, actor, problems)
    check_all(places, actors, problems)
    if problems:
        raise GazetteerError(problems)
    actors = with_inter(actors)

    children: dict[str, list[str]] = {}
    for p in places.values():
        if p.parent is not None:
            children.setdefault(p.parent, []).append(p.id)
    version = _digest((p.name, blobs[p]) for p in (*places_files, *actors_files, *_extra_files()))
    common = common_names(blobs[COMMON_FILE]) if blobs.get(COMMON_FILE) else {}
    return Gazetteer(places, actors, version, {k: tuple(sorted(v)) for k, v in children.items()}, common)
