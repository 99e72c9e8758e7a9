"""Benchmark: the date engine and the place/actor tagger on real articles, and dateparser's
search_dates side by side on the same articles.

    python bench/extraction.py [--corpus ../shared/corpora/saudinewsnet-2015.jsonl.gz] [--limit N]
                               [--dateparser-seconds S]

Our date engine and tagger run over every article (or --limit); dateparser runs over the same
articles from the start until its time budget is spent, and both rates are reported on that
common slice too. One process, one core. The corpus: SaudiNewsNet (M. Alhagri, 2015), CC BY-NC-SA 4.0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import time
from pathlib import Path

from generator.dates import find_dates
from generator.entities import find_entities


def load(path: Path, limit: int | None) -> list[tuple[str, dt.date]]:
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            out.append((rec["content"], dt.date.fromisoformat(rec["date_extracted"][:10])))
            if limit and len(out) >= limit:
                break
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=Path("../shared/corpora/saudinewsnet-2015.jsonl.gz"))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--dateparser-seconds", type=float, default=120.0)
    a = ap.parse_args()

    articles = load(a.corpus, a.limit)
    mb = sum(len(t.encode("utf-8")) for t, _ in articles) / 1e6
    find_dates("أمس", dt.date(2015, 1, 1))  # load the lexicon before timing

    t0 = time.perf_counter()
    found = 0
    per_article = []
    for text, pub in articles:
        s = time.perf_counter()
        found += len(find_dates(text, pub))
        per_article.append(time.perf_counter() - s)
    ours = time.perf_counter() - t0
    print(f"waqai: {len(articles)} articles, {mb:.1f} MB in {ours:.1f} s: "
          f"{len(articles) / ours:.0f} articles/s, {mb / ours:.2f} MB/s, {found} expressions")

    find_entities("دمشق")  # build the matcher before timing
    t0 = time.perf_counter()
    mentions = sum(len(find_entities(text)[0]) for text, _ in articles)
    tagger = time.perf_counter() - t0
    print(f"places and actors: {len(articles)} articles in {tagger:.1f} s: {len(articles) / tagger:.0f} articles/s, "
          f"{mb / tagger:.2f} MB/s, {mentions} mentions")

    from dateparser.search import search_dates

    search_dates("أمس", languages=["ar"])  # warm up its language data
    t0 = time.perf_counter()
    n = theirs_found = 0
    while n < len(articles) and time.perf_counter() - t0 < a.dateparser_seconds:
        text, pub = articles[n]
        base = dt.datetime(pub.year, pub.month, pub.day)
        theirs_found += len(search_dates(text, languages=["ar"], settings={"RELATIVE_BASE": base}) or [])
        n += 1
    theirs = time.perf_counter() - t0
    ours_same = sum(per_article[:n])
    mb_same = sum(len(t.encode("utf-8")) for t, _ in articles[:n]) / 1e6
    print(f"dateparser search_dates: {n} articles, {mb_same:.2f} MB in {theirs:.1f} s: "
          f"{n / theirs:.1f} articles/s, {mb_same / theirs:.3f} MB/s, {theirs_found} expressions")
    print(f"same {n} articles: waqai {n / ours_same:.0f} articles/s vs dateparser {n / theirs:.1f}: "
          f"{theirs / ours_same:.0f}x faster")


if __name__ == "__main__":
    main()
