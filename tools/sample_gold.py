"""Pick the articles of the event gold set from the SaudiNewsNet corpus, reproducibly.

    python tools/sample_gold.py [--corpus ../shared/corpora/saudinewsnet-2015.jsonl.gz] [--out tests/data/events_gold]

Articles are grouped by what they are about (counts of country names and of violence words), kept
when 600-4,500 characters long, ordered by a hash of their URL (no choice by eye), and dealt in
turn to the two parts: `dev` (read while developing) and `heldout` (never read while developing;
scored only). Each article is written as a file with front matter: the outlet, the URL, its line
in the corpus and the crawl day; the annotator sets `published` (see tests/data/events_gold/README.md).
The corpus is CC BY-NC-SA 4.0 (M. Alhagri, 2015): these files are measurement data, never part of the site.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
from pathlib import Path

COUNTRIES = {
    "yemen": r"اليمن|اليمني|الحوثي|صنعاء|عدن|تعز",
    "syria": r"سوريا|سورية|السوري|حلب|دمشق|إدلب",
    "iraq": r"العراق|العراقي|الأنبار|الرمادي|الموصل|بغداد",
    "libya": r"ليبيا|الليبي|طرابلس|بنغازي|درنة|سرت",
}
VIOLENCE = r"قتل|مقتل|غارة|غارات|اشتباك|هجوم|قصف|تفجير|انفجار|مسلح|معارك|اعتقال|انتحاري"
# (group, dev count, heldout count): conflicts of the region, other violence, and no conflict at all
PLAN = [("yemen", 7, 6), ("syria", 6, 5), ("iraq", 5, 4), ("libya", 3, 2), ("other", 1, 1), ("none", 2, 2)]
# a second development part, drawn after those (the same order by hash): more text to develop on
DEV2 = {"yemen": 8, "syria": 7, "iraq": 6, "libya": 3, "other": 3, "none": 3}
# a third, drawn after dev2 (annotated by fresh coders from the guide before the tool was run on it)
DEV3 = {"yemen": 6, "syria": 6, "iraq": 5, "libya": 3, "other": 2, "none": 2}


def group_of(text: str) -> str | None:
    violence = len(re.findall(VIOLENCE, text))
    counts = {k: len(re.findall(p, text)) for k, p in COUNTRIES.items()}
    best = max(counts, key=lambda k: counts[k])
    if violence >= 3 and counts[best] >= 3:
        return best
    if violence >= 3 and counts[best] == 0:
        return "other"
    if violence == 0 and counts[best] == 0:
        return "none"
    return None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=Path("../shared/corpora/saudinewsnet-2015.jsonl.gz"))
    ap.add_argument("--out", type=Path, default=Path("tests/data/events_gold"))
    ap.add_argument("--part", choices=["dev+heldout", "dev2", "dev3"], default="dev+heldout")
    a = ap.parse_args()
    pools: dict[str, list[tuple[str, int, dict]]] = {g: [] for g, *_ in PLAN}
    seen: set[str] = set()
    with gzip.open(a.corpus, "rt", encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            rec = json.loads(line)
            text = rec["content"].strip()
            if not 600 <= len(text) <= 4500 or text[:200] in seen:
                continue
            seen.add(text[:200])
            g = group_of(text)
            if g in pools:
                pools[g].append((hashlib.sha1(rec["url"].encode()).hexdigest(), line_no, rec))
    for g, n_dev, n_held in PLAN:
        ranked = sorted(pools[g], key=lambda t: t[0])
        first = n_dev + n_held
        after = first + DEV2[g]
        chosen = ranked[:first] if a.part == "dev+heldout" else ranked[first:after] if a.part == "dev2" else (
            ranked[after : after + DEV3[g]])
        for k, (_h, line_no, rec) in enumerate(chosen):
            if a.part in ("dev2", "dev3"):
                part = a.part
            else:
                part = "dev" if k % 2 == 0 and k // 2 < n_dev or k >= 2 * n_held else "heldout"
            folder = a.out / part
            folder.mkdir(parents=True, exist_ok=True)
            meta = {"title": rec["title"].strip(), "outlet": rec["source"], "url": rec["url"],
                    "corpus_line": line_no, "crawled": rec["date_extracted"]}
            front = "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in meta.items())
            (folder / f"{g}-{line_no:05d}.md").write_text(f"---\n{front}---\n{rec['content'].strip()}\n", "utf-8")
            print(part, g, line_no, rec["title"][:70])


if __name__ == "__main__":
    main()
