"""Benchmark: the events downloads of a real corpus, as the site writes them.

    python bench/exports.py [--corpus ../shared/corpora/saudinewsnet-2015.jsonl.gz] [--limit N]
                            [--cache bench/.work/exports-cache] [--out DIR]

Builds the chronology of the corpus (extractions cached in --cache, so a second run only
measures the downloads), then makes every events file as the plugin does (generator/downloads.py)
and prints: how the table was split, every file's size, the largest file, the single events.json
and events.csv the site wrote before (for comparison), and the time and peak memory of making them.
With --out, the files are written there too. The corpus: SaudiNewsNet (M. Alhagri, 2015),
CC BY-NC-SA 4.0, for measurement only: nothing of it is kept in the repository.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.downloads import INDEX, Downloads  # noqa: E402
from generator.exports import events_csv, events_json  # noqa: E402
from generator.pipeline import build  # noqa: E402


def mb(n: int) -> str:
    return f"{n / 1e6:,.1f} MB"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared/corpora/saudinewsnet-2015.jsonl.gz")
    ap.add_argument("--limit", type=int, help="only the first N articles")
    ap.add_argument("--cache", type=Path, default=ROOT / "bench/.work/exports-cache")
    ap.add_argument("--out", type=Path, help="write the files here")
    args = ap.parse_args()

    t0 = time.perf_counter()
    result = build(args.corpus, jsonl_limit=args.limit, cache_dir=args.cache,
                   progress=lambda m: print(f"  {m}", file=sys.stderr))
    entries, gaz = result.entries, result.gazetteer
    print(f"{len(result.corpus.articles):,} articles, {len(entries):,} entries "
          f"({sum(1 for e in entries if e.main.date_start):,} dated), chronology in {time.perf_counter() - t0:.1f} s")

    t = time.perf_counter()
    old_json, old_csv = len(events_json(entries, gaz).encode()), len(events_csv(entries, gaz).encode())
    print(f"before: one events.json of {mb(old_json)}, one events.csv of {mb(old_csv)} "
          f"({time.perf_counter() - t:.1f} s to make both)")

    t = time.perf_counter()
    d = Downloads(entries, gaz)
    parts = d.parts
    planned = time.perf_counter() - t
    sizes = {}
    t = time.perf_counter()
    for f in d.files:
        data = d.data(f)
        sizes[f.path] = len(data)
        if args.out:
            target = args.out / f.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    index = d.index()
    made = time.perf_counter() - t
    if args.out:
        (args.out / INDEX).write_text(index, encoding="utf-8")
    print(f"after: {len(parts)} parts ({', '.join(p.key for p in parts)}), {len(d.files)} files + {INDEX} "
          f"({len(index.encode()):,} bytes)")
    print(f"serialising and planning {planned:.1f} s, making every file (gzip included) {made:.1f} s; "
          f"peak memory of this process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6:.2f} GB")
    print("\n| file | rows | bytes |\n|---|---|---|")
    for f in d.files:
        print(f"| {f.path} | {f.rows:,} | {mb(sizes[f.path])} |")
    largest = max(sizes, key=sizes.get)
    print(f"\nlargest file: {largest}, {mb(sizes[largest])}; all events files together "
          f"{mb(sum(sizes.values()))}, of which gzipped {mb(sum(v for k, v in sizes.items() if k.endswith('.gz')))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
