"""Find the place spellings that are also common words, from how a corpus uses them.

    python tools/common_names.py [--corpus ../shared/corpora/saudinewsnet-2015.jsonl.gz]
                                 [--out generator/data/common_names.yaml]

For every spelling of every place in the gazetteer (countries left out), count its occurrences in
the corpus as whole words (clitics split off, as the tagger does), how many follow a place word
("مدينة", "قرية", "محافظة", "العاصمة" ... the tagger's place_triggers) and how many follow "في".
A town in the news is often introduced by its place word ("مدينة تعز" 37% of the time, "العاصمة
صنعاء" 6%); a common word almost never is ("بيان" 0%, "الحزم" 1.9%, "الباب" 1%). A well-known city
abroad is seldom introduced ("طهران" 0.3%) but often follows "في" (14%), which a common noun used
as a name rarely does ("الخبر" 2%). So a spelling seen at least MIN_COUNT times is written to the
output, with its numbers and the reason, when under MAX_TRIGGERED of its occurrences follow a place
word and, for a place of rank 1, under MIN_LOCATIVE_RANK1 follow "في". (Measured on SaudiNewsNet;
"في" alone does not decide: "في بيان", "في إطار" are everyday phrases.) The tagger takes such a
spelling as a place only with support.

The corpus: SaudiNewsNet (M. Alhagri, 2015), CC BY-NC-SA 4.0; only counts are kept.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from generator.gazetteer import load_gazetteer  # noqa: E402
from generator.normalize import clitic_forms, norm, normalize  # noqa: E402

MIN_COUNT = 15
MAX_TRIGGERED = 0.03
MIN_LOCATIVE_RANK1 = 0.10


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "saudinewsnet-2015.jsonl.gz")
    ap.add_argument("--out", type=Path, default=ROOT / "generator" / "data" / "common_names.yaml")
    a = ap.parse_args()
    gaz = load_gazetteer()
    places: Counter[tuple[str, ...]] = Counter()  # spelling -> how many places have it
    rank: dict[tuple[str, ...], int] = {}
    for p in gaz.places.values():
        if p.kind == "country":
            continue
        for key in {tuple(norm(s.text).split()) for s in p.spellings()}:
            places[key] += 1
            rank[key] = min(rank.get(key, 3), p.rank)
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for words in places:
        if words:
            by_first.setdefault(words[0], []).append(words)
    for options in by_first.values():
        options.sort(key=len, reverse=True)
    table = clitic_forms(by_first)
    rules = yaml.safe_load((ROOT / "generator" / "data" / "entities.yaml").read_text("utf-8"))
    triggers = clitic_forms(norm(w) for w in rules["place_triggers"])
    count: Counter[tuple[str, ...]] = Counter()
    triggered: Counter[tuple[str, ...]] = Counter()
    locative: Counter[tuple[str, ...]] = Counter()
    with gzip.open(a.corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            words = normalize(json.loads(line)["content"]).scan[1]
            for i in [i for i, w in enumerate(words) if w in table]:
                for option in by_first[table[words[i]][1]]:
                    if words[i + 1 : i + len(option)] == list(option[1:]):
                        count[option] += 1
                        before = words[i - 1] if i else ""
                        triggered[option] += before in triggers
                        locative[option] += before in ("في", "وفي")
                        break
    rows = []
    for words, n in count.items():
        t, f = triggered[words] / n, locative[words] / n
        if n >= MIN_COUNT and t < MAX_TRIGGERED and not (rank[words] == 1 and f >= MIN_LOCATIVE_RANK1):
            rows.append({"name": " ".join(words), "count": n, "after_place_word": round(t, 3),
                         "after_fi": round(f, 3), "rank": rank[words], "places": places[words],
                         "reason": f"{n} times in the corpus, {t:.1%} after a place word"
                                   + (f", {f:.0%} after «في»" if rank[words] == 1 else "")})
    rows.sort(key=lambda r: (-r["count"], r["name"]))
    header = (f"# Place spellings that are also common words (tools/common_names.py; do not edit by hand).\n"
              f"# Counted in SaudiNewsNet 2015 ({a.corpus.name}): a spelling seen at least {MIN_COUNT} times,\n"
              f"# under {MAX_TRIGGERED:.0%} of them after a place word («مدينة», «قرية» ...) and, for a place of\n"
              f"# rank 1, under {MIN_LOCATIVE_RANK1:.0%} after «في», is listed; the tagger takes it as a place only\n"
              f"# with support.\n")
    body = yaml.safe_dump({"min_count": MIN_COUNT, "max_after_place_word": MAX_TRIGGERED,
                           "min_after_fi_rank1": MIN_LOCATIVE_RANK1, "names": rows},
                          allow_unicode=True, sort_keys=False, width=120)
    a.out.write_text(header + body, encoding="utf-8")
    print(f"{len(rows)} common spellings of {len(count)} seen (of {len(places)}) written to {a.out}")


if __name__ == "__main__":
    main()
