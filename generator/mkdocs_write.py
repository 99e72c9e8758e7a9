"""The plugin's generated files, written under the cache folder (.cache/waqai/pages), each only
when its content changed, so that `mkdocs serve --dirty` rebuilds exactly the pages an edit touched.

`.signatures.json` there keeps each file's signature from the last build: a page whose signature
has not changed is not even rendered, and a file no longer made is removed. A generated path
that would leave the folder raises PluginError.
"""

from __future__ import annotations

import json
import os
import posixpath
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from . import mkdocs_apart
from .render import jobs

PROGRESS_AT_LEAST = 1000  # pages for a build to log its progress through them


def _inside(rel: str) -> bool:
    """A relative path that stays inside the folder it is joined to (checked as text: no disk access)."""
    norm = posixpath.normpath(rel)
    return norm == rel and not norm.startswith(("/", "../")) and norm not in ("..", ".") and "\\" not in rel


def _same_bytes(path: str, content: bytes) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read() == content
    except OSError:
        return False


def write_pages(result, config: MkDocsConfig, gen: Path, fragments: dict[str, tuple[str, str]], article_text: str,
                say: Callable[[str], None], two_processes: Callable[[int], bool]) -> tuple[set[str], int]:
    """Write the generated files under the cache folder, each only when its content changed, so
    that `mkdocs serve --dirty` rebuilds exactly the pages an edit touched. A page whose
    signature has not changed is not even rendered.
    `gen` is the folder; `fragments` gets, for each article page, its text fragment and placeholder.
    Returns the paths made (all of them, changed or not) and how many were skipped."""
    gen.mkdir(parents=True, exist_ok=True)
    state_file = gen / ".signatures.json"
    try:
        state = json.loads(state_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        state = {}
    new_state: dict[str, str | None] = {}
    skipped = 0
    def last(path: str, signature: str) -> str | None:
        """What the last build wrote at path, if it was made with the same signature."""
        if state.get(path) != signature or not _inside(path):
            return None
        try:
            return (gen / path).read_text(encoding="utf-8")
        except (OSError, ValueError):
            return None

    todo = jobs(result, site_url=config.site_url or "", title=config.site_name, inline_texts=False,
                article_text=article_text, last=last)
    pending = []
    for job in todo:
        if job.fragment_of:
            fragments[job.fragment_of] = (job.path, job.placeholder)
        if not _inside(job.path):  # paths are made from slugs; this is the last line of defence
            raise PluginError(f"waqai: a generated path leaves {gen}: {job.path}")
        new_state[job.path] = job.signature
        if job.signature and state.get(job.path) == job.signature and os.path.exists(gen / job.path):
            skipped += 1
        else:
            pending.append(job)

    def make(job) -> bool:
        made = job.make()
        content = made if isinstance(made, bytes) else made.encode("utf-8")  # gzipped downloads are bytes
        target = os.path.join(gen, job.path)
        if _same_bytes(target, content):
            return False
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as fh:
            fh.write(content)
        return True

    def progress(done: int) -> None:
        k, total = skipped + done, len(todo)
        if total >= PROGRESS_AT_LEAST and k * 10 // total != (k - 1) * 10 // total:
            say(f"made {k} of {total} pages and files ({100 * k // total}%)")

    # a second process makes two in three of the article pages and their texts (mkdocs_apart.py)
    order = {page: k for k, page in enumerate(fragments)}
    changed = mkdocs_apart.make_all(pending, make, progress, apart=(lambda job: order.get(
        job.fragment_of or job.path, 0) % 3 != 0) if two_processes(len(order)) else None)
    changed_fragments = [job.fragment_of for job in changed if job.fragment_of]
    for page in changed_fragments:  # a new text means a new page, even when its Markdown is the same
        page_file = gen / page
        if page_file.exists():
            os.utime(page_file)
    # pages no longer made: the last build's list says which (all files, when there is none)
    old_files = [gen / p for p in state if _inside(p)] if state else [p for p in gen.rglob("*") if p.is_file()]
    for old in old_files:
        rel = old.relative_to(gen).as_posix()
        if rel not in new_state and old != state_file and old.is_file():
            old.unlink()
            folder = old.parent
            while folder != gen and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent
    state_file.write_text(json.dumps(new_state, sort_keys=True), encoding="utf-8")
    return set(new_state), skipped
