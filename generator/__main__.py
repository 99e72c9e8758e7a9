"""Command line: python -m generator COMMAND ...

    dates FILE... [--published YYYY-MM-DD] [--all]   date expressions as JSON Lines
    entities FILE... [--candidates]                   places and actors as JSON Lines
    events DIR                                         the chronology as a JSON array
    render [DIR] --out OUT [--article-text MODE]       the site's Markdown pages and data files
    check [DIR] [--strict]                             the read report; exit 1 when a file was skipped
                                                       (or, with --strict, read with warnings)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from .corpus import default_catalog, read_folder
from .dates import find_dates
from .read import Article, Catalog, ReadError, read_file


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _print_rows(rows: list[dict], art, path: Path, many: bool) -> None:
    """JSON Lines with offsets into the whole file (front matter included)."""
    for row in rows:
        row["start"] += art.body_start
        row["end"] += art.body_start
        if many:
            row["file"] = str(path)
        print(json.dumps(row, ensure_ascii=False))


def _read_each(paths: list[Path], catalog: Catalog) -> Iterator[tuple[Path, Article | None]]:
    """Each file read as an article, or None after saying on stderr why it could not be."""
    for path in paths:
        try:
            yield path, read_file(path, path.name, catalog)
        except (ReadError, OSError) as err:
            print(f"error: {err}", file=sys.stderr)
            yield path, None


def cmd_dates(args: argparse.Namespace) -> int:
    status = 0
    for path, art in _read_each(args.files, default_catalog(args.files, args.catalog)):
        if art is None:
            status = 1
            continue
        published = args.published or art.published
        if published is None:
            print(f"error: {path}: no publication date (no metadata, no dateline); give --published YYYY-MM-DD",
                  file=sys.stderr)
            status = 2
            continue
        rows = [e.as_json() for e in find_dates(art.body, published) if args.all or not e.vague]
        _print_rows(rows, art, path, len(args.files) > 1)
    return status


def cmd_entities(args: argparse.Namespace) -> int:
    from .dates import find_dates
    from .entities import find_entities
    from .gazetteer import GazetteerError, load_gazetteer
    from .pipeline import outside_dates

    try:
        gazetteer = load_gazetteer(args.places, args.actors)
    except GazetteerError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    status = 0
    for path, art in _read_each(args.files, default_catalog(args.files)):
        if art is None:
            status = 1
            continue
        mentions, candidates = find_entities(art.body, gazetteer, published=art.published)
        mentions = outside_dates(mentions, find_dates(art.body, art.published))  # ("أغسطس (آب)" is no Ibb)
        rows = [m.as_json() for m in mentions]
        if args.candidates:
            rows += [{"text": c.text, "start": c.start, "end": c.end, "kind": "candidate", "trigger": c.trigger}
                     for c in candidates]
        _print_rows(sorted(rows, key=lambda r: (r["start"], r["end"])), art, path, len(args.files) > 1)
    return status


def cmd_events(args: argparse.Namespace) -> int:
    from .chronology import entry_json
    from .pipeline import build

    result = build(args.dir, default_catalog([args.dir], args.catalog) if args.dir.is_dir() else None,
                   progress=lambda msg: print(msg, file=sys.stderr) if args.progress else None, cache_dir=args.cache)
    for r in result.report:
        if r.status != "read":
            for m in r.named():
                print(f"{r.status}: {m}", file=sys.stderr)
    json.dump([entry_json(e, result.gazetteer) for e in result.entries], sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    """The site's generated Markdown and data files, written to a folder to inspect or build."""
    from .pipeline import build
    from .render import render

    result = build(args.dir, default_catalog([args.dir], args.catalog) if args.dir.is_dir() else None,
                   cache_dir=args.cache)
    out: Path = args.out
    written = 0
    for rel, content in sorted(render(result, article_text=args.article_text).items()):
        target = (out / rel).resolve()
        if not target.is_relative_to(out.resolve()):
            raise SystemExit(f"refusing to write outside {out}: {rel}")
        target.parent.mkdir(parents=True, exist_ok=True)
        data = content if isinstance(content, bytes) else content.encode("utf-8")  # a .gz download is bytes
        if not target.exists() or target.read_bytes() != data:
            target.write_bytes(data)
            written += 1
    print(f"{len(result.corpus.articles)} articles, {len(result.entries)} entries; {written} files written to {out}",
          file=sys.stderr)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    corpus = read_folder(args.dir, default_catalog([args.dir], args.catalog))
    for r in corpus.report:
        print(f"{r.status:9} {r.path}")
        for m in r.messages:
            print(f"          {m}")
    for a in corpus.articles:
        if a.published_from != "metadata":
            print(f"published {a.id}: {a.published or 'unknown'} ({a.published_from})")
    counts = {s: sum(1 for r in corpus.report if r.status == s) for s in ("read", "warnings", "skipped")}
    print(f"{len(corpus.report)} files: {counts['read']} read, {counts['warnings']} read with warnings, "
          f"{counts['skipped']} skipped")
    if args.strict and counts["warnings"]:
        print("--strict: a file was read with warnings", file=sys.stderr)
        return 1
    return 1 if corpus.skipped else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("dates", help="find and resolve the date expressions of articles")
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--published", type=_date, help="the publication day to resolve against")
    p.add_argument("--all", action="store_true", help="also print vague phrases (with no dates)")
    p.add_argument("--catalog", type=Path, action="append", default=[], help="a metadata catalog to use")
    p.set_defaults(run=cmd_dates)

    p = sub.add_parser("entities", help="find the places and actors of articles")
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--places", type=Path, action="append", default=[], help="a user gazetteer of places to add")
    p.add_argument("--actors", type=Path, action="append", default=[], help="a user gazetteer of actors to add")
    p.add_argument("--candidates", action="store_true", help="also print unknown place candidates")
    p.set_defaults(run=cmd_entities)

    p = sub.add_parser("events", help="the chronology of a folder of articles, as a JSON array")
    p.add_argument("dir", type=Path)
    p.add_argument("--catalog", type=Path, action="append", default=[])
    p.add_argument("--progress", action="store_true", help="say how far it is on stderr")
    p.add_argument("--cache", type=Path, help="a folder to keep extractions in between runs")
    p.set_defaults(run=cmd_events)

    p = sub.add_parser("render", help="write the site's generated Markdown pages and data files to a folder")
    p.add_argument("dir", nargs="?", type=Path, default=Path("seeds"))
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--article-text", choices=["full", "excerpt", "none"], default="full",
                   help="how much of each article its page shows (the plugin's article_text)")
    p.add_argument("--cache", type=Path, help="a folder to keep extractions in between runs")
    p.add_argument("--catalog", type=Path, action="append", default=[])
    p.set_defaults(run=cmd_render)

    p = sub.add_parser("check", help="read a folder of articles and print the report")
    p.add_argument("dir", nargs="?", type=Path, default=Path("seeds"))
    p.add_argument("--catalog", type=Path, action="append", default=[])
    p.add_argument("--strict", action="store_true", help="exit 1 on any warning too")
    p.set_defaults(run=cmd_check)

    args = parser.parse_args(argv)
    folder = getattr(args, "dir", None)
    if folder is not None and not folder.exists():  # (no silent "0 files" for a path mistyped)
        print(f"error: {folder}: no such folder or file; give the folder of the articles", file=sys.stderr)
        return 2
    try:
        return args.run(args)
    except BrokenPipeError:  # "| head": the reader has gone, which is not an error
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
