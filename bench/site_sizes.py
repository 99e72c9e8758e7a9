"""Where the bytes of a built site go: bytes per kind of page or file, and the largest file.

    python bench/site_sizes.py SITE_DIR [SITE_DIR_AFTER]

With two sites (before and after a change, same corpus), prints both side by side. The kinds
follow the site's layout (see generator/render_site.py): `articles/<slug>/` an article,
`articles/<YYYY-MM[-N]>/` a part of the article index, `chronology/<YYYY>/` a year,
`chronology/<YYYY-MM[-N]>/` (a part of) a month, `chronology/reported-...` undated reports,
`places/` and `actors/` (their further pages included), `search/` the search index, assets,
and data files (every file that is not a page outside assets and search).
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

KINDS = (  # (kind, pattern on the path relative to the site); the first that matches wins
    ("article index", r"articles/(index\.html|\d{4}-\d{2}(-\d+)?/index\.html)"),
    ("articles", r"articles/.*\.html"),
    ("years", r"chronology/\d{4}/index\.html"),
    ("months", r"chronology/\d{4}-\d{2}(-\d+)?/index\.html"),
    ("undated reports", r"chronology/reported-.*\.html"),
    ("chronology index", r"chronology/index\.html"),
    ("place index", r"places/index\.html"),
    ("places", r"places/.*\.html"),
    ("actor index", r"actors/index\.html"),
    ("actors", r"actors/.*\.html"),
    ("search index", r"search/.*"),
    ("assets", r"assets/.*"),
    ("other pages (home, data, report, about, 404)", r".*\.html"),
    ("data files (JSON, CSV, GeoJSON, feed, sitemap)", r".*"),
)
_KINDS = [(k, re.compile(p)) for k, p in KINDS]


def kind_of(rel: str) -> str:
    return next(k for k, p in _KINDS if p.fullmatch(rel))


def site_sizes(site: Path) -> dict:
    """{"total": bytes, "files": n, "kinds": {kind: (files, bytes)}, "largest": (path, bytes)}."""
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    total, files, largest = 0, 0, ("", 0)
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        rel, size = path.relative_to(site).as_posix(), path.stat().st_size
        k = kinds[kind_of(rel)]
        k[0] += 1
        k[1] += size
        total, files = total + size, files + 1
        if size > largest[1]:
            largest = (rel, size)
    return {"total": total, "files": files, "kinds": {k: tuple(v) for k, v in kinds.items()}, "largest": largest}


def mb(n: int) -> str:
    return f"{n / 1e6:,.1f} MB"


def size_table(columns: list[tuple[str, dict]]) -> list[str]:
    """Markdown rows: each kind's files, bytes and bytes per file, for one or more sites."""
    head = "| kind | " + " | ".join(name for name, _ in columns) + " |"
    rows = [head, "|---|" + "---|" * len(columns)]
    for kind, _ in KINDS:
        cells = []
        for _, sizes in columns:
            n, b = sizes["kinds"].get(kind, (0, 0))
            cells.append(f"{mb(b)} ({n:,} files, {b / max(n, 1) / 1e3:,.1f} kB each)" if n else "—")
        rows.append(f"| {kind} | " + " | ".join(cells) + " |")
    rows.append("| **total** | " + " | ".join(f"**{mb(s['total'])}** ({s['files']:,} files)"
                                              for _, s in columns) + " |")
    rows.append("| largest file | " + " | ".join(f"`{s['largest'][0]}`, {mb(s['largest'][1])}"
                                                for _, s in columns) + " |")
    return rows


if __name__ == "__main__":
    sites = [Path(p) for p in sys.argv[1:]]
    if not sites:
        raise SystemExit(__doc__)
    print("\n".join(size_table([(str(p), site_sizes(p)) for p in sites])))
