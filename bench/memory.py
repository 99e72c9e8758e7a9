"""Memory of a process tree, for the benches (a build's processes, a browser's)."""

from __future__ import annotations

from pathlib import Path


def tree_rss(pid: int) -> int:
    """Memory of a process and all its descendants, in bytes (from /proc): each one's proportional
    set size, so that pages a forked child shares with its parent count once, not twice."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/smaps_rollup").read_text() if Path(f"/proc/{p}/smaps_rollup").exists() else ""
            key = "Pss:" if "Pss:" in status else "VmRSS:"
            for line in (status or Path(f"/proc/{p}/status").read_text()).splitlines():
                if line.startswith(key):
                    total += int(line.split()[1]) * 1024
                    break
            for task in Path(f"/proc/{p}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except OSError:
            continue
    return total
