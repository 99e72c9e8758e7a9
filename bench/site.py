"""Benchmark: the whole site from a real corpus, built the way a user builds it.

    python bench/site.py [--sizes 5000,all] [--corpus ../shared/corpora/saudinewsnet-2015.jsonl.gz]
                         [--work bench/.work] [--no-warm] [--rates] [--serve]

For each slice of the corpus (by default the first 5,000 articles, then all of them): a fresh
project as a checkout has it (mkdocs.yml, content/, overrides/), the articles written as files
with front matter under its seeds/, no cache; then a plain `mkdocs build` there. Measures its
wall time, the CPU time of its processes, the peak memory of its process tree, the progress
lines it logged; the site's total size, bytes per kind of page and file, the largest file, the
search index; then a warm build (every extraction cached). `--rates` adds extraction on one
core and dateparser's search_dates on the same articles; `--serve` the time from editing one
article to its page showing the edit under `mkdocs serve --dirty`. Prints Markdown tables; the
build's log is kept in WORK/SIZE/build.log. The corpus: SaudiNewsNet (M. Alhagri, 2015),
CC BY-NC-SA 4.0, for benchmarking only (never republished).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import gzip
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import yaml
from memory import tree_rss
from site_sizes import site_sizes, size_table

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def write_corpus(corpus: Path, out: Path, limit: int | None) -> int:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    n = 0
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            meta = {"published": rec["date_extracted"][:10], "title": rec.get("title") or "",
                    "outlet": rec.get("source") or "", "url": rec.get("url") or ""}
            text = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) + "---\n" + rec["content"]
            (out / f"{n:05d}.md").write_text(text + "\n", encoding="utf-8")
            n += 1
            if limit and n >= limit:
                break
    return n


def note(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def serve_edit(config: Path, article: Path, url_path: str, port: int) -> float:
    """Seconds from saving an edit to the article's page showing it, under `mkdocs serve --dirty`."""
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(config), "-a",
                             f"127.0.0.1:{port}"], cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    from urllib.parse import urlsplit

    # `mkdocs serve` serves the site under site_url's path
    prefix = urlsplit(yaml.safe_load(config.read_text(encoding="utf-8").split("\ntheme:")[0])["site_url"]).path
    url = f"http://127.0.0.1:{port}{prefix.rstrip('/')}/{url_path}"
    original = article.read_text(encoding="utf-8")
    try:
        deadline = time.time() + 900
        while time.time() < deadline:
            try:
                urllib.request.urlopen(url, timeout=5).read()
                break
            except OSError:
                time.sleep(1)
        time.sleep(3)
        marker = f"علامةالتعديل{int(time.time())}"  # letters and digits: nothing the page escapes
        article.write_text(original.rstrip("\n") + f"\n\nوقال مصدر إن {marker} ظهرت أمس.\n", encoding="utf-8")
        start = time.perf_counter()
        while time.perf_counter() - start < 900:
            try:
                if marker in urllib.request.urlopen(url, timeout=5).read().decode("utf-8"):
                    return time.perf_counter() - start
            except OSError:
                pass
            time.sleep(0.25)
        return float("nan")
    finally:
        article.write_text(original, encoding="utf-8")
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def rates(articles: Path, dateparser_seconds: float) -> list[tuple[str, str]]:
    """Extraction on one core, no cache (what each worker does for an article: read it, find its
    dates, places, actors and events); assembling the chronology apart; and dateparser's
    search_dates on the same texts."""
    from generator.chronology import assemble
    from generator.corpus import default_catalog, folder_sources
    from generator.gazetteer import load_gazetteer
    from generator.pipeline import collector_paused, extract
    from generator.read import ReadError, read_source

    catalog, gazetteer, today = default_catalog([articles]), load_gazetteer(), dt.date.today()
    sources, _ = folder_sources(articles, catalog)
    extract(read_source(sources[0], catalog, today), gazetteer)  # rules and matchers loaded before timing
    with collector_paused():  # as in a build
        start = time.perf_counter()
        done = []
        for src in sources:
            try:
                done.append(extract(read_source(src, catalog, today), gazetteer))
            except ReadError:
                continue
        ours = time.perf_counter() - start
        start = time.perf_counter()
        entries = assemble([e for x in done for e in x.events], gazetteer)
        joined = time.perf_counter() - start
    mb = sum(len(s.data) for s in sources) / 1e6
    rows = [("extraction, one core: read + dates + places/actors + events",
             f"{len(sources) / ours:,.0f} articles/s ({mb / ours:.2f} MB/s)"),
            ("assembling the chronology (merging, ordering), one core", f"{joined:.1f} s, {len(entries):,} entries")]
    texts = [(x.article.body, x.article.published) for x in done]
    del done, entries  # the dates below are timed without a heap of extractions around
    gc.collect()
    from dateparser.search import search_dates

    from generator.dates import find_dates

    search_dates("أمس", languages=["ar"])
    start, k = time.perf_counter(), 0
    while k < len(texts) and time.perf_counter() - start < dateparser_seconds:
        body, pub = texts[k]
        search_dates(body, languages=["ar"], settings={"RELATIVE_BASE": dt.datetime(pub.year, pub.month, pub.day)})
        k += 1
    theirs = time.perf_counter() - start
    start = time.perf_counter()
    for body, pub in texts[:k]:
        find_dates(body, pub)
    mine = time.perf_counter() - start
    rows.append((f"dates only, on the articles dateparser got through in {dateparser_seconds:.0f} s: "
                 "waqai vs dateparser search_dates",
                 f"{k / mine:,.0f} vs {k / theirs:,.1f} articles/s ({theirs / mine:.0f}×, {k:,} articles)"))
    return rows


def slug_of(article: Path) -> str:
    from generator.site import slug

    return slug(article.stem, "article")


def project_for(work: Path, articles: Path, article_text: str = "full") -> Path:
    """A fresh checkout as a user has it: mkdocs.yml, content/ and overrides/ of this repository,
    the articles under seeds/ (moved in), no cache and no site; the plugin's `article_text` set
    when it is not the default."""
    project = work / "project"
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if article_text != "full":
        line = "      articles: seeds\n"
        config = config.replace(line, f"{line}      article_text: {article_text}\n", 1)
        if f"article_text: {article_text}" not in config:
            raise SystemExit("bench: the waqai plugin's `articles: seeds` line is not in mkdocs.yml")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    for folder in ("content", "overrides"):
        shutil.copytree(ROOT / folder, project / folder)
    articles.rename(project / "seeds")
    return project


def plain_build(project: Path) -> dict:
    """`mkdocs build` in the project, as a user runs it: wall seconds, peak memory of the process
    tree, CPU seconds of the build's processes, and its log (which shows the progress lines)."""
    note(f"mkdocs build in {project}")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "build"], cwd=project, env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    log: list[str] = []
    reader = threading.Thread(target=lambda: log.extend(proc.stdout), daemon=True)
    reader.start()
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss(proc.pid))
        time.sleep(0.25)
    seconds = time.perf_counter() - start
    reader.join()
    if proc.returncode:
        raise SystemExit(f"mkdocs build failed:\n{''.join(log[-40:])}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers are the build's children: counted
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"seconds": seconds, "peak": peak, "cpu": cpu, "log": log}


def measure(a: argparse.Namespace, limit: int | None, work: Path) -> tuple[list[tuple[str, str]], dict]:
    """The measures on the first `limit` articles of the corpus (all of them for None), and the
    site's sizes (see site_sizes.py)."""
    work.mkdir(parents=True, exist_ok=True)
    n = write_corpus(a.corpus, work / "articles", limit)
    note(f"{n} articles written")
    project = project_for(work, work / "articles", a.article_text)
    articles = project / "seeds"
    rows: list[tuple[str, str]] = [("articles", f"{n:,}")]

    cold = plain_build(project)
    (work / "build.log").write_text("".join(cold["log"]), encoding="utf-8")
    rows += [("cold `mkdocs build` (fresh checkout, articles under seeds/, no cache), wall",
              f"{cold['seconds']:.0f} s"),
             ("CPU time of the build's processes (share of the 2 cores' wall time)",
              f"{cold['cpu']:.0f} s ({100 * cold['cpu'] / cold['seconds']:.0f}%)"),
             ("peak memory of the build (process tree)", f"{cold['peak'] / 2**30:.2f} GB"),
             ("lines the build logged (progress, warnings)", f"{len(cold['log']):,}")]
    site = project / "site"
    sizes = site_sizes(site)
    raw = (site / "search" / "search_index.json").read_bytes()
    pages = sum(1 for _ in site.rglob("*.html"))
    rows += [("site", f"{sizes['total'] / 1e6:,.0f} MB, {pages:,} pages"),
             ("largest file", f"`{sizes['largest'][0]}`, {sizes['largest'][1] / 1e6:,.1f} MB"),
             ("search index (what a reader's first search downloads)",
              f"{len(raw) / 1e6:.1f} MB raw, {len(gzip.compress(raw, 6)) / 1e6:.2f} MB gzipped")]

    if not a.no_warm:
        warm = plain_build(project)
        rows.append(("warm `mkdocs build` (every extraction cached), wall",
                     f"{warm['seconds']:.0f} s ({warm['cpu']:.0f} s CPU, {warm['peak'] / 2**30:.2f} GB)"))
    if a.rates:
        note("rates")
        rows += rates(articles, a.dateparser_seconds)
    if a.serve:
        note("serve")
        config = project / "mkdocs.yml"
        first = sorted(articles.glob("*.md"))[n // 2]
        seconds = serve_edit(config, first, f"articles/{slug_of(first)}/", 8911)
        rows.append(("edit one article → its page rebuilt under `mkdocs serve --dirty`", f"{seconds:.1f} s"))
    return rows, sizes


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared/corpora/saudinewsnet-2015.jsonl.gz")
    ap.add_argument("--sizes", default="5000,all", help="corpus slices to measure, e.g. 5000,all or 1000")
    ap.add_argument("--work", type=Path, default=ROOT / "bench/.work")
    ap.add_argument("--no-warm", action="store_true", help="skip the warm build")
    ap.add_argument("--article-text", choices=["full", "excerpt", "none"], default="full",
                    help="the plugin's article_text for the built site (excerpt: other outlets' articles)")
    ap.add_argument("--rates", action="store_true", help="also time extraction on one core, and dateparser")
    ap.add_argument("--dateparser-seconds", type=float, default=60.0)
    ap.add_argument("--serve", action="store_true", help="also time an edit under `mkdocs serve --dirty`")
    a = ap.parse_args()
    work = a.work.resolve()
    columns: list[tuple[str, list[tuple[str, str]], dict]] = []
    for size in a.sizes.split(","):
        limit = None if size == "all" else int(size)
        columns.append((size, *measure(a, limit, work / size)))
    if a.serve:  # the same edit with the 5 seeds
        small = work / "seeds"
        shutil.rmtree(small, ignore_errors=True)
        shutil.copytree(ROOT / "seeds", small / "articles")
        project = project_for(small, small / "articles")
        seconds = serve_edit(project / "mkdocs.yml", project / "seeds/004_e3d8978b99e0f25a.txt",
                             "articles/004-e3d8978b99e0f25a/", 8912)
        note(f"seeds: {seconds:.1f} s")
    names = [k for k, _ in columns[-1][1]]
    print("| measure | " + " | ".join(f"{c[1][0][1]} articles" for c in columns) + " |")
    print("|---|" + "---|" * len(columns))
    for name in names[1:]:
        values = [dict(rows).get(name, "—") for _, rows, _ in columns]
        print(f"| {name} | " + " | ".join(values) + " |")
    if a.serve:
        print(f"| edit one article → its page rebuilt under `mkdocs serve --dirty`, the 5 seeds | {seconds:.1f} s |")
    print()
    print("\n".join(size_table([(f"{c[1][0][1]} articles", c[2]) for c in columns])))


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
