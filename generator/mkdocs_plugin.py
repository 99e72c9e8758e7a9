"""The MkDocs plugin: `mkdocs build` and `mkdocs serve` regenerate the whole site from seeds/.

Like Material's blog plugin, it adds its pages to MkDocs as generated files (on_files), so no
generated Markdown is ever written into the docs folder (and `serve` cannot loop on its own
output). It watches the articles and the gazetteers under `serve`, logs its progress, and after
the search plugin has written its index, adds the normalized forms readers type (see search.py).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import time
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .gazetteer import ACTORS_FILE, PLACES_FILE, GazetteerError, load_gazetteer
from .pipeline import build
from .read import default_catalog
from .render import jobs
from .search import expand_index

log = logging.getLogger("mkdocs.plugins.waqai")
FULL_TEXT_LIMIT = 2000  # articles; past this, `search_full_text: auto` keeps the index compact


class WaqaiConfig(Config):
    articles = c.Type(str, default="seeds")  # a folder, or a .jsonl(.gz) corpus
    places = c.ListOfItems(c.Type(str), default=[])  # user gazetteers added to the shipped ones
    actors = c.ListOfItems(c.Type(str), default=[])
    strict = c.Type(bool, default=False)  # fail the build on any skipped file or warning
    cache = c.Type(str, default=".cache/waqai")  # extractions of unchanged articles are taken from here
    # the search index: every page's full text, or (for large corpora) names, titles and headings
    search_full_text = c.Choice(["auto", "true", "false"], default="auto")


class WaqaiPlugin(BasePlugin[WaqaiConfig]):
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or ".").resolve().parent
        self.source = (self.root / self.config.articles).resolve()
        self.started = time.perf_counter()
        self.result = self._build()
        # The sitemap's dates and the gzip header come from SOURCE_DATE_EPOCH when it is set:
        # derive it from the data (the newest publication day), never from the clock.
        if "SOURCE_DATE_EPOCH" not in os.environ or getattr(self, "own_epoch", False):
            self.own_epoch = True  # ours to update on the next rebuild under `serve`
            days = [a.published for a in self.result.corpus.articles if a.published]
            newest = max(days) if days else dt.date(2000, 1, 1)
            os.environ["SOURCE_DATE_EPOCH"] = str(int(dt.datetime(newest.year, newest.month, newest.day,
                                                                  tzinfo=dt.UTC).timestamp()))
        return config

    def _build(self):
        places = [self.root / p for p in self.config.places]
        actors = [self.root / p for p in self.config.actors]
        try:
            gazetteer = load_gazetteer(places, actors)
        except GazetteerError as err:
            raise PluginError(f"waqai: {err}") from None
        if not self.source.exists():
            raise PluginError(f"waqai: the articles folder {self.source} does not exist (plugin option `articles`)")
        catalog = default_catalog([self.source]) if self.source.is_dir() else None
        return build(self.source, catalog, gazetteer, progress=lambda m: log.info(f"waqai: {m}"),
                     cache_dir=self.root / self.config.cache, places=places, actors=actors)

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        result = self.result
        problems = [r for r in result.report if r.status != "read"]
        for r in problems:
            for message in r.messages:
                log.warning(f"waqai: {message}") if r.status == "skipped" else log.info(f"waqai: {message}")
        if self.config.strict and problems:
            listed = "\n".join(f"  {r.status}: {m}" for r in problems[:20] for m in r.messages[:1])
            more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
            raise PluginError(f"waqai: strict: {len(problems)} files were skipped or read with warnings:\n"
                              f"{listed}{more}")
        made, skipped = self._write_pages(result, config)
        fragment_paths = {f for f, _ in self.fragments.values()}
        for path in sorted(made):
            if path in fragment_paths:
                continue  # spliced into its page after Markdown, not a file of the site
            if files.get_file_from_path(path) is None:
                files.append(File(path, src_dir=str(self.pages_dir), dest_dir=config.site_dir,
                                  use_directory_urls=config.use_directory_urls))
        articles = len(result.corpus.articles)
        dated = sum(1 for e in result.entries if e.main.date_start)
        log.info(f"waqai: {articles} articles ({result.cached} from the cache), {dated} dated events and "
                 f"{len(result.entries) - dated} undated; {len(made)} pages and files, {len(made) - skipped} "
                 f"made anew, in {time.perf_counter() - self.started:.1f} s")
        return files

    def _write_pages(self, result, config: MkDocsConfig) -> tuple[set[str], int]:
        """Write the generated files under the cache folder, each only when its content changed, so
        that `mkdocs serve --dirty` rebuilds exactly the pages an edit touched. A page whose
        signature has not changed is not even rendered."""
        gen = self.pages_dir = (self.root / self.config.cache / "pages").resolve()
        gen.mkdir(parents=True, exist_ok=True)
        state_file = gen / ".signatures.json"
        try:
            state = json.loads(state_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            state = {}
        new_state: dict[str, str | None] = {}
        skipped = 0
        self.fragments: dict[str, tuple[str, str]] = {}  # page -> (its article text fragment, placeholder)
        changed_fragments: list[str] = []
        for job in jobs(result, site_url=config.site_url or "", title=config.site_name, inline_texts=False):
            if job.fragment_of:
                self.fragments[job.fragment_of] = (job.path, job.placeholder)
            target = (gen / job.path).resolve()
            if not target.is_relative_to(gen):
                raise PluginError(f"waqai: a generated path leaves {gen}: {job.path}")
            new_state[job.path] = job.signature
            if job.signature and state.get(job.path) == job.signature and target.exists():
                skipped += 1
                continue
            content = job.make().encode("utf-8")
            if not target.exists() or target.read_bytes() != content:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
                if job.fragment_of:
                    changed_fragments.append(job.fragment_of)
        for page in changed_fragments:  # a new text means a new page, even when its Markdown is the same
            page_file = gen / page
            if page_file.exists():
                os.utime(page_file)
        for old in sorted(gen.rglob("*"), reverse=True):  # pages no longer made
            rel = old.relative_to(gen).as_posix()
            if old.is_file() and rel not in new_state and old != state_file:
                old.unlink()
            elif old.is_dir() and not any(old.iterdir()):
                old.rmdir()
        state_file.write_text(json.dumps(new_state, sort_keys=True), encoding="utf-8")
        return set(new_state), skipped

    def on_post_page(self, output: str, /, *, page, config: MkDocsConfig) -> str:
        fragment = self.fragments.get(page.file.src_uri)
        if fragment is None:
            return output
        path, mark = fragment
        return output.replace(mark, (self.pages_dir / path).read_text(encoding="utf-8"), 1)

    def on_serve(self, server, /, *, config: MkDocsConfig, builder):
        server.watch(str(self.source))
        for path in [PLACES_FILE, ACTORS_FILE, *self.config.places, *self.config.actors]:
            server.watch(str(self.root / path) if not Path(path).is_absolute() else str(path))
        return server

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        index = Path(config.site_dir) / "search" / "search_index.json"
        if index.exists():
            full = self.config.search_full_text
            compact = (len(self.result.corpus.articles) > FULL_TEXT_LIMIT) if full == "auto" else full == "false"
            expand_index(index, self.result.gazetteer, compact=compact)
