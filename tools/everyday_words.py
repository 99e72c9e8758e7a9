"""List the everyday words: frequent words that are seldom a place's name, from how a corpus uses them.

    python tools/everyday_words.py [--corpus ../shared/corpora/saudinewsnet-2015.jsonl.gz]
                                   [--out generator/data/everyday_words.txt.gz]

A name after a place word that the gazetteer does not know ("قرية زردنا", "معسكر لبوزة") is a
candidate place: the event stage codes a happening there, at the nearest known place. But a place
word is also followed by adjectives and common nouns ("منطقة سكنية", "قاعدة جوية", "حي شعبي",
"مدينة واحدة"). Those words are frequent in any news corpus and seldom follow a place word; a
village's name is rare, or, when it is in the news, often follows its place word ("قاعدة العند":
40 of 46 times). So every word (clitics and ال kept as written, normalized) seen at least
MIN_COUNT times of which under MAX_AFTER_PLACE_WORD follow a place word is listed, one a line.

The corpus: SaudiNewsNet (M. Alhagri, 2015), CC BY-NC-SA 4.0; only the word list is kept.
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
from generator.normalize import clitic_forms, norm, normalize  # noqa: E402

MIN_COUNT = 25
MAX_AFTER_PLACE_WORD = 0.03


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "saudinewsnet-2015.jsonl.gz")
    ap.add_argument("--out", type=Path, default=ROOT / "generator" / "data" / "everyday_words.txt.gz")
    a = ap.parse_args()
    rules = yaml.safe_load((ROOT / "generator" / "data" / "entities.yaml").read_text("utf-8"))
    triggers = clitic_forms(norm(w) for w in rules["place_triggers"])
    count: Counter[str] = Counter()
    after: Counter[str] = Counter()
    with gzip.open(a.corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            words = normalize(json.loads(line)["content"]).scan[1]
            count.update(words)
            after.update(words[i + 1] for i, w in enumerate(words[:-1]) if w in triggers)
    listed = sorted(w for w, n in count.items() if n >= MIN_COUNT and after[w] < MAX_AFTER_PLACE_WORD * n
                    and any("\u0621" <= c <= "\u064a" for c in w))
    header = (f"# Everyday words (tools/everyday_words.py; do not edit by hand): seen at least {MIN_COUNT} times in\n"
              f"# SaudiNewsNet 2015, under {MAX_AFTER_PLACE_WORD:.0%} of them after a place word.\n"
              f"# Not a candidate place's name.\n")
    with gzip.GzipFile(a.out, "wb", mtime=0) as out:  # mtime 0: the same corpus gives the same bytes
        out.write((header + "\n".join(listed) + "\n").encode("utf-8"))
    print(f"{len(listed)} everyday words of {len(count)} written to {a.out}")


if __name__ == "__main__":
    main()
