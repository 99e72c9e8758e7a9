"""Score the event stage against the annotated gold set (tests/data/events_gold/).

    python bench/score_events.py [dev|dev2|dev3|heldout|all] [--show]

Runs the whole pipeline (read → tag → assemble) on the articles of a part and matches its events
with the gold events of each article: a predicted event matches a gold one when one of its evidence
sentences holds one of the gold evidence snippets (one to one, best overlap first; between events of
one sentence, the one whose trigger lies in a snippet). Prints:
  - events: precision (matched / predicted) and recall (matched / gold); a gold event marked
    `optional` neither counts when missed nor when found;
  - on matched events, the accuracy of each field: date (the same interval; undated = undated),
    place (the event's place is one of the gold names, or the gold country when the text names no
    place), type, sub-type, actor1 and actor2 (one of the gold names, or both empty), casualties
    (killed, injured and combined figures all equal; unknown = unknown), also on the events whose
    gold states a figure.
`--show` lists every miss, false event and field error (use it on `dev` only: `heldout` is for
measuring, never for reading).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from generator.corpus import default_catalog  # noqa: E402
from generator.pipeline import build  # noqa: E402
from tests.gold.score import interval as gold_interval  # noqa: E402  (the shared scorer's reading)

GOLD = ROOT / "tests" / "data" / "events_gold"


def norm(name: str) -> str:
    name = unicodedata.normalize("NFKC", name).replace("\u0640", "")
    for a in "أإآ":
        name = name.replace(a, "ا")
    name = name.replace("ة", "ه").replace("ى", "ي").strip()
    return name[2:] if name.startswith("ال") and len(name) > 4 else name


def interval(value) -> tuple[dt.date, dt.date] | None:
    """A gold date ('2017-11-19' | '2017-10' | '2017' | 'A/B') as inclusive days; None when undated."""
    return None if value is None else gold_interval(value)


def names_of(mentions, gazetteer) -> set[str]:
    out = set()
    for m in mentions:
        out |= {norm(m.name), norm(m.text)}
        entry = gazetteer.places.get(m.id) if m.kind == "place" else gazetteer.actors.get(m.id)
        if entry:
            out |= {norm(s.text) for s in entry.spellings()}
            if m.kind == "place":  # a district or governorate named for a town answers to the town's name
                out |= {norm(entry.name.split(maxsplit=1)[-1])}
    return out


def span_of(text: str, snippet: str) -> tuple[int, int] | None:
    i = text.find(snippet)
    return (i, i + len(snippet)) if i >= 0 else None


def score(part: str, show: bool) -> dict:
    gold = yaml.safe_load((GOLD / f"{part}.yaml").read_text("utf-8"))
    folders = sorted({str(Path(a["file"]).parent) for a in gold})
    predicted: dict[str, list] = {}
    gazetteer = None
    for folder in folders:
        path = ROOT / folder
        b = build(path, default_catalog([path]), workers=1, today=dt.date(2026, 1, 1))
        gazetteer = b.gazetteer
        for x in b.extractions:
            predicted[f"{folder}/{x.article.id}"] = x.events
    c: Counter = Counter()
    for art in gold:
        text = (ROOT / art["file"]).read_text("utf-8")
        events = predicted.get(art["file"], [])
        gold_events = art.get("events") or []
        pairs = []
        for gi, g in enumerate(gold_events):
            spans = [s for s in (span_of(text, x) for x in g["evidence"]) if s]
            for pi, e in enumerate(events):
                evidence = getattr(e, "evidence", None) or [(e.start, e.end)]  # (an older Event had no evidence)
                hits = sum(1 for a, b in spans for x, y in evidence if x < b and a < y)
                main = any(x < spans[0][1] and spans[0][0] < y for x, y in evidence[:1]) if spans else False
                # (two events of one sentence: the one whose trigger lies in the gold snippet is its)
                trig = any(a <= getattr(e, "trigger_at", -1) < b for a, b in spans)
                if hits:
                    pairs.append((-(hits + 2 * main), -trig, gi, pi))
        used_g, used_p, matched = set(), set(), []
        for _, _, gi, pi in sorted(pairs):
            if gi not in used_g and pi not in used_p:
                used_g.add(gi)
                used_p.add(pi)
                matched.append((gold_events[gi], events[pi]))
        for gi, g in enumerate(gold_events):
            if gi not in used_g and not g.get("optional"):
                c["missed"] += 1
                if show:
                    print(f"MISSED  {art['file'].split('/')[-1]}: {g['what']}  [{g['type']} / {g['date']}]")
        for pi, e in enumerate(events):
            if pi not in used_p:
                c["false"] += 1
                twin = [gold_events[gi]["what"] for _, _, gi, p in pairs if p == pi]
                c["false_twin"] += bool(twin)
                if show:
                    trig = getattr(e, "trigger", "")
                    host = next((m for gg, m in matched if gg["what"] == twin[0]), None) if twin else None
                    also = f"  [told again: {twin[0][:50]}]" if twin else ""
                    if host is not None:
                        also += (f" [entry kept: {host.type}/{host.sub_type} {host.date_start} "
                                 f"{[m.name for m in host.places[:1]]}; this one: {e.sub_type} "
                                 f"{[m.name for m in e.places[:1]]}]")
                    print(f"FALSE   {art['file'].split('/')[-1]}: {e.type} «{trig}» {e.date_start} — "
                          f"{' '.join(e.sentence.split())[:110]}{also}")
        for g, e in matched:
            if g.get("optional"):
                c["optional_found"] += 1
                continue
            c["matched"] += 1
            _fields(c, g, e, gazetteer, art["file"].split("/")[-1], show)
        c["gold"] += sum(1 for g in gold_events if not g.get("optional"))
        c["predicted"] += len(events)
    return c


def _fields(c: Counter, g: dict, e, gazetteer, name: str, show: bool) -> None:
    def check(field: str, ok: bool, detail: str) -> None:
        c[field] += ok
        if show and not ok:
            print(f"  {field:9} {name}: {g['what'][:60]} — {detail}")

    want = interval(g.get("date"))
    got = (e.date_start, e.date_end) if e.date_start else None
    check("date", want == got, f"want {g.get('date')} got {got and f'{got[0]}/{got[1]}'} «{e.date_text}»")
    gold_places = {norm(p) for p in (g.get("place") or [])}
    have = names_of(e.places[:1], gazetteer)
    if getattr(e, "site", None):  # a place the gazetteer lacks: its name, with and without its place word
        have |= {norm(e.site), norm(e.site.split(maxsplit=1)[-1])}
    if gold_places:
        ok = bool(gold_places & have)
    else:
        country = g.get("country")
        ok = not e.places or (country is not None and norm(country) in have) or getattr(e, "geo_precision", 0) == 3
    check("place", ok, f"want {sorted(gold_places) or g.get('country')} got {[m.name for m in e.places[:1]]}")
    check("type", g["type"] == e.type, f"want {g['type']} got {e.type}")
    check("sub_type", g["sub_type"] == e.sub_type, f"want {g['sub_type']} got {e.sub_type}")
    for side in ("actor1", "actor2"):
        want_names = {norm(x) for x in g.get(side) or []}
        mine = getattr(e, side, None)
        mine = (e.actors[:1] if side == "actor1" else e.actors[1:2]) if mine is None else mine  # older Events
        ok = bool(want_names & names_of(mine, gazetteer)) if want_names else not mine
        check(side, ok, f"want {sorted(want_names)} got {[m.name for m in mine]}")
        # how many of the actors given are right: an overlap above forgives extras, researchers do not
        c["actors_given"] += len(mine)
        c["actors_right"] += sum(bool(names_of([m], gazetteer) & want_names) for m in mine)
    figures = (g.get("fatalities"), g.get("injured"), g.get("combined"))
    got_figures = (e.fatalities, e.injured, getattr(e, "combined", None))
    ok = figures == got_figures
    check("casualties", ok, f"want {figures} got {got_figures}")
    if any(x is not None for x in figures):
        c["toll_stated"] += 1
        c["toll_right"] += ok


def report(part: str, c: Counter) -> None:
    p = c["matched"] / max(1, c["predicted"] - c["optional_found"])
    r = c["matched"] / max(1, c["gold"])
    m = max(1, c["matched"])
    print(f"{part}: events precision {p:.2f} recall {r:.2f} ({c['matched']} matched of {c['gold']} gold, "
          f"{c['predicted'] - c['optional_found']} predicted; {c['optional_found']} optional found)")
    print("  on matched events: " + ", ".join(f"{f} {c[f] / m:.2f}" for f in
                                               ("date", "place", "type", "sub_type", "actor1", "actor2", "casualties"))
          + f"; tolls stated {c['toll_right']}/{c['toll_stated']}"
          + f"; actors given that are right {c['actors_right'] / max(1, c['actors_given']):.2f}")
    print(f"  false entries {c['false']}, of them {c['false_twin']} a second entry for a gold event already matched")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("part", nargs="?", default="all", choices=["dev", "dev2", "dev3", "heldout", "all"])
    ap.add_argument("--show", action="store_true", help="list the errors (dev parts only)")
    a = ap.parse_args()
    for part in (["dev", "dev2", "dev3", "heldout"] if a.part == "all" else [a.part]):
        report(part, score(part, a.show and part != "heldout"))


if __name__ == "__main__":
    main()
