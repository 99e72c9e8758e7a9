"""Article pages written by a second process, while MkDocs writes the others: `mkdocs build` of a
large corpus on a machine with more than one core.

MkDocs writes its pages one after the other, in one process, and most of a large build is that
loop: the theme's template, minification, writing, page by page. Once every page's content is
made (MkDocs' `env` event), the plugin forks; the child writes a share of the article pages,
exactly as MkDocs would (its own `_build_page`, into a folder of its own), while the parent goes
through MkDocs' loop as usual, its search plugin reading every page, but the child's pages there
get an empty template. At the end, the child's files take their places. The child is a copy of
the parent at the fork, and the same code writes the same page in either, so the site is the
same byte for byte as one process writes it. (The child converting its pages' Markdown too was
slower: MkDocs' per-page cost outside the conversion stays in the parent, and the child, with its
share grown, finished last; measured at 31,017 articles.)

Before that, `make_all` makes the plugin's generated pages in two processes the same way.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import time
from collections.abc import Callable

from mkdocs.commands.build import _build_page
from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.plugins.waqai")
TEMPLATE = "waqai-apart.html"  # what the parent renders for a page the child writes: next to nothing
PLACEHOLDER = "<!-- waqai: written by the second process -->"
SHARE = 2 / 3  # of the article pages, to the child: the parent still reads all of them for the search index


class Apart:
    """A child process writing `pages` into `folder`; `finish` waits and moves them into the site."""

    def __init__(self, pages: list, folder: str, build: Callable[[object], None]) -> None:
        self.pages, self.folder = pages, folder
        self.uris = {page.file.src_uri for page in pages}
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        context = multiprocessing.get_context("fork")
        self.done = context.Value("i", 0, lock=False)  # pages the child has written, for the progress log
        self.child = context.Process(target=self._run, args=(build,), daemon=True)
        self.child.start()

    def _run(self, build: Callable[[object], None]) -> None:
        for page in self.pages:
            page.file.abs_dest_path = os.path.join(self.folder, page.file.dest_uri)
            build(page)
            self.done.value += 1

    def finish(self) -> None:
        """Wait for the child (saying how far it is every few seconds), then move its pages in."""
        while self.child.is_alive():
            self.child.join(5)
            if self.child.is_alive():
                log.info(f"waqai: the second process has written {self.done.value} of its {len(self.pages)} "
                         "article pages")
        if self.child.exitcode != 0:
            raise PluginError(f"waqai: the process writing article pages failed (exit code {self.child.exitcode}); "
                              "its error is above")
        start = time.perf_counter()
        for page in self.pages:  # over the placeholder the parent wrote
            os.replace(os.path.join(self.folder, page.file.dest_uri), page.file.abs_dest_path)
        shutil.rmtree(self.folder, ignore_errors=True)
        log.debug(f"waqai: {len(self.pages)} pages moved in {time.perf_counter() - start:.1f} s")


def start(article_pages: list, config, doc_files, nav, env, folder: str) -> Apart:
    """Fork a child writing SHARE of the article pages (spread evenly through them)."""
    every = round(1 / (1 - SHARE))  # 3: the child takes two pages in three
    pages = [page for k, page in enumerate(article_pages) if k % every != 0]

    def build(page) -> None:
        _build_page(page, config, doc_files, nav, env)

    log.info(f"waqai: a second process writes {len(pages)} of the {len(article_pages)} article pages")
    return Apart(pages, folder, build)


def make_all(jobs: list, make: Callable[[object], bool], progress: Callable[[int], None],
             apart: Callable[[object], bool] | None = None) -> list:
    """Run `make(job)` (True when it wrote a changed file) for every job; those `apart` picks in a
    forked child at the same time (the plugin's generated pages: the article pages and their marked
    texts are most of the work and need nothing from the other jobs). `progress(n)` is called
    with the jobs done in both processes. Returns the jobs whose files changed, in their order."""
    theirs = [job for job in jobs if apart and apart(job)]
    mine = [job for job in jobs if not (apart and apart(job))]
    if theirs:
        context = multiprocessing.get_context("fork")
        done = context.Value("i", 0, lock=False)
        reader, writer = context.Pipe(duplex=False)

        def run() -> None:
            ours = []
            for k, job in enumerate(theirs):
                if make(job):
                    ours.append(k)
                done.value += 1
            writer.send(ours)

        child = context.Process(target=run, daemon=True)
        child.start()
        writer.close()
    changed = []
    for n, job in enumerate(mine, 1):
        if make(job):
            changed.append(job)
        progress(n + (done.value if theirs else 0))
    if not theirs:
        return changed
    try:
        ours = reader.recv()
    except EOFError:
        ours = None
    child.join()
    if ours is None or child.exitcode != 0:
        raise PluginError(f"waqai: the process making article pages failed (exit code {child.exitcode}); "
                          "its error is above")
    progress(len(jobs))
    chosen = {id(job) for job in changed} | {id(theirs[k]) for k in ours}
    return [job for job in jobs if id(job) in chosen]
