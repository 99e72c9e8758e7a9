"""The MkDocs plugin: `mkdocs build` and `mkdocs serve` regenerate the whole site from seeds/.

Like Material's blog plugin, it adds its pages to MkDocs as generated files (on_files), so no
generated Markdown is ever written into the docs folder (and `serve` cannot loop on its own
output). It watches the articles and the gazetteers under `serve`, logs its progress, and after
the search plugin has written its index, adds the normalized forms readers type (see search.py).
Writing the generated files is mkdocs_write.py's, a page's HTML after MkDocs (minified, a table of
contents) mkdocs_html.py's, and the second process that writes article pages mkdocs_apart.py's.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import os
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import AnchorLink, TableOfContents

from . import mkdocs_apart
from .corpus import Corpus, default_catalog
from .gazetteer import GazetteerError, load_gazetteer, shipped_actors, shipped_places
from .labels import l10n_script
from .mkdocs_html import minify, toc_items, with_toc
from .mkdocs_page import GeneratedPage, cached_include
from .mkdocs_write import PROGRESS_AT_LEAST, write_pages
from .pipeline import Build, build, collector_paused, forget_recent
from .search import articles_naming, expand_index, further_page
from .theme_assets import CHROME_SCRIPT, ICONS, chrome_script, icon_sprite

log = logging.getLogger("mkdocs.plugins.waqai")
_HEADING = re.compile(r"<h[1-6][\s>].*?</h[1-6]>", re.S)
_RAW_BLOCK = re.compile(r"<!--waqai-html-->\n(.*?)\n<!--/waqai-html-->", re.S)
_BLOCK_MARK = re.compile(r'<div data-waqai-block="(\d+)"></div>')
APART_AT_LEAST = 2000  # article pages for `mkdocs build` to write some in a second process (mkdocs_apart.py)
LOG_EACH = 20  # files skipped, and files read with warnings, named one by one in the log
FULL_TEXT_LIMIT = 1000  # articles; past this, `search_full_text: auto` keeps the index compact (2.5 MB gz at 1,000)
L10N_SCRIPT = "assets/waqai-l10n.js"  # the plural rule and nouns for the browser, made from labels.yaml
# a generated page belongs to the section whose index lists it: its navigation tab is marked
SECTIONS = {"chronology/": "chronology/index.md", "places/": "places/index.md", "actors/": "actors/index.md",
            "articles/": "articles/index.md"}
# site_url as shipped, and the hosts reserved for examples (RFC 2606): a site built with them links
# its feed, sitemap and 404 page to an address that is not its own
PLACEHOLDER_HOSTS = ("example.github.io", "example.com", "example.org", "example.net")
# headings (under the title) for a generated page to get a table of contents, in the sidebar and one a
# phone can reach; an article's two (its events, its text) are not worth one: Material's `hide: toc`
TOC_AT_LEAST = 3
# what the search index reads of a page: a space where blocks and cells meet ("المصدرالعربي" read
# as one word otherwise), nothing of what is marked data-search-exclude (labels, charts, filters)
_BLOCK_END = re.compile(r"(</(?:td|th|p|li|div|h[1-6]|tr|figcaption|summary)>|<br>)")


class WaqaiConfig(Config):
    articles = c.Type(str, default="seeds")  # a folder, or a .jsonl(.gz) corpus
    places = c.ListOfItems(c.Type(str), default=[])  # user gazetteers added to the shipped ones
    actors = c.ListOfItems(c.Type(str), default=[])
    strict = c.Type(bool, default=False)  # fail the build on any skipped file or warning
    cache = c.Type(str, default=".cache/waqai")  # extractions of unchanged articles are taken from here
    # the search index: every page's full text, or (for large corpora) names, titles and headings
    search_full_text = c.Choice(["auto", "true", "false"], default="auto")
    # how much of each article its page shows: the whole text, the sentences that tell events and
    # dates (for other outlets' articles), or none (render_text.article_html)
    article_text = c.Choice(["full", "excerpt", "none"], default="full")


def placeholder_url(url: str | None) -> bool:
    """site_url still the shipped placeholder (or any address on a host reserved for examples)."""
    host = (urlsplit(url or "").hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in PLACEHOLDER_HOSTS)


class WaqaiPlugin(BasePlugin[WaqaiConfig]):
    stashed: tuple | None = None  # (page, its content) while the search plugin reads what it should index
    compact = False  # a compact search index (see search.py)
    named: dict[str, int] | None = None  # articles naming each place and actor page, for its search boost
    made: frozenset[str] = frozenset()  # the generated files of this build
    command: str | None = None  # build, gh-deploy or serve (None when MkDocs is driven from Python)
    apart: mkdocs_apart.Apart | None = None  # the second process writing article pages, if any
    pid = 0  # the build's own process (the second one is a fork of it)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # `serve` serves at its own address; a site that is built to be published needs its own
        if self.command != "serve" and placeholder_url(config.site_url):
            log.warning(f"waqai: site_url in {config.config_file_path or 'mkdocs.yml'} is still the placeholder "
                        f"{config.site_url}: set it to the address the site is published at (GitHub Pages: "
                        "https://USER.github.io/REPO/); the feed, the sitemap and the 404 page link to it. "
                        "The Pages workflow (.github/workflows/pages.yml) sets it from GitHub Pages itself.")
        if L10N_SCRIPT not in [str(x) for x in config.extra_javascript]:
            config.extra_javascript.insert(0, L10N_SCRIPT)
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
        return build(self.source, catalog, gazetteer, progress=self._say,
                     cache_dir=self.root / self.config.cache, places=places, actors=actors)

    def _say(self, message: str) -> None:
        log.info(f"waqai: {message}, {time.perf_counter() - self.started:.0f} s since the build started")

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        result = self.result
        problems = [r for r in result.report if r.status != "read"]
        for status, say, what in (("skipped", log.warning, "files skipped"),
                                  ("warnings", log.info, "files read with warnings")):
            listed = [r for r in problems if r.status == status]
            for r in listed[:LOG_EACH]:  # a long list would bury the progress: the report page has it all
                for message in r.named():
                    say(f"waqai: {message}")
            if len(listed) > LOG_EACH:
                say(f"waqai: ... and {len(listed) - LOG_EACH} more {what}: every file is on the Report page "
                    "and in report.csv")
        if self.config.strict and problems:
            listed = "\n".join(f"  {r.status}: {m}" for r in problems[:20] for m in r.named()[:1])
            more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
            raise PluginError(f"waqai: strict: {len(problems)} files were skipped or read with warnings:\n"
                              f"{listed}{more}")
        self.pages_dir = (self.root / self.config.cache / "pages").resolve()
        self.fragments: dict[str, tuple[str, str]] = {}  # page -> (its article text fragment, placeholder)
        with collector_paused():
            made, skipped = write_pages(result, config, self.pages_dir, self.fragments, self.config.article_text,
                                        self._say, self._two_processes)
        self.made = frozenset(made)
        self.blocks: dict[str, list[str]] = {}
        self.texts: dict[str, str] = {}  # article texts read for the search plugin, until their page is done
        full = self.config.search_full_text
        self.compact = (len(result.corpus.articles) > FULL_TEXT_LIMIT) if full == "auto" else full == "false"
        # for the index's boosts, counted before the extractions are let go
        self.named = articles_naming((x.article.id, m.kind, m.id) for x in result.extractions for m in x.mentions)
        fragment_paths = {f for f, _ in self.fragments.values()}
        for path in sorted(made):
            if path in fragment_paths:
                continue  # spliced into its page after Markdown, not a file of the site
            if path not in files.src_uris:  # (a hand-written page of the same path wins)
                file = File(path, src_dir=str(self.pages_dir), dest_dir=config.site_dir,
                            use_directory_urls=config.use_directory_urls)
                files.append(file)
                if "/" in path and path not in SECTIONS.values():  # outside the navigation (mkdocs_page.py)
                    GeneratedPage(None, file, config)
        if L10N_SCRIPT not in files.src_uris:
            files.append(File.generated(config, L10N_SCRIPT, content=l10n_script()))
        if ICONS not in files.src_uris:
            files.append(File.generated(config, ICONS, content=icon_sprite(config.theme.dirs)))
        self.pages_total, self.pages_done = len(files.documentation_pages()), 0
        self.pid = os.getpid()
        articles = len(result.corpus.articles)
        dated = sum(1 for e in result.entries if e.main.date_start)
        undated = len(result.entries) - dated
        if self.command != "serve":
            # One build in this process: the extractions and the chronology are in the pages now. Let them
            # go (only the gazetteer is asked for again), and the second process is a copy of less.
            self.result = result = Build(Corpus([], result.report), [], [], result.gazetteer, result.cached)
            forget_recent()
        # What the build made stays until the end: the collector need not walk it on every page MkDocs renders.
        gc.freeze()
        log.info(f"waqai: {articles} articles ({result.cached} from the cache), {dated} dated events and "
                 f"{undated} undated; {len(made)} pages and files, {len(made) - skipped} "
                 f"made anew, in {time.perf_counter() - self.started:.1f} s")
        return files

    # Raw HTML blocks of generated pages (entries, see _macros.md.j2) skip Markdown: lifted out
    # here, put back once Markdown is done.
    def on_page_markdown(self, markdown: str, /, *, page, config: MkDocsConfig, files) -> str:
        if page.file.src_uri not in self.made or "<!--waqai-html-->" not in markdown:
            return markdown
        blocks: list[str] = []

        def lift(m: re.Match) -> str:
            blocks.append(m.group(1))
            return f'\n\n<div data-waqai-block="{len(blocks) - 1}"></div>\n\n'

        self.blocks[page.file.src_uri] = blocks
        return _RAW_BLOCK.sub(lift, markdown)

    def on_page_content(self, html: str, /, *, page, config: MkDocsConfig, files) -> str:
        blocks = self.blocks.pop(page.file.src_uri, None)
        html = _BLOCK_MARK.sub(lambda m: blocks[int(m.group(1))], html) if blocks else html
        if page.file.src_uri in self.made:
            if len(toc_items(page.toc)) >= TOC_AT_LEAST:
                html = with_toc(html, page.toc)
            else:
                page.meta["hide"] = [*page.meta.get("hide", []), "toc"]
        return html

    # What the search plugin reads. A compact index keeps only the titles and headings of article
    # and chronology pages and the top of place and actor pages: handing it just those was a fifth
    # of a large build. A full index gets the article's text, which is otherwise spliced in after.
    # The page gets its content back right after the search plugin.
    @event_priority(100)
    def _before_search(self, context, /, *, page, config: MkDocsConfig, nav):
        uri, content = page.file.src_uri, page.content
        if uri not in self.made or not content:
            return context
        self._mark_tab(uri, nav, True)
        if self.compact and (uri.startswith(("articles/", "chronology/")) or further_page(uri)):
            shown = "\n".join(_HEADING.findall(content))
        elif self.compact and uri.startswith(("places/", "actors/")):
            shown = content[: content.find("<h2")] if "<h2" in content else content
        elif not self.compact and uri in self.fragments:
            path, mark = self.fragments[uri]
            shown = content.replace(mark, self._text(uri), 1)
        else:
            shown = content
        self.stashed = (page, content)
        page.content = _BLOCK_END.sub(r"\1 ", shown)
        return context

    @event_priority(-100)
    def _after_search(self, context, /, *, page, config: MkDocsConfig, nav):
        if self.stashed and self.stashed[0] is page:
            page.content = self.stashed[1]
        self.stashed = None
        if "toc" in page.meta.get("hide", ()) and page.toc:
            # a hidden table of contents is not written at all (the search index has read the
            # headings); the title stays, for the theme's "skip to content" link
            top = next(iter(page.toc))
            page.toc = TableOfContents([AnchorLink(top.title, top.id, top.level)])
        return context

    def _mark_tab(self, uri: str, nav, active: bool) -> None:
        """A generated page is in no navigation, so the theme marks no tab: mark its section's."""
        index = next((v for k, v in SECTIONS.items() if uri.startswith(k)), None)
        if nav is None or index is None or uri == index:
            return
        for item in nav.pages:
            if item.file.src_uri == index:
                item.active = active

    on_page_context = CombinedEvent(_before_search, _after_search)

    def on_post_page(self, output: str, /, *, page, config: MkDocsConfig) -> str:
        if page.file.src_uri in self.made:
            self._mark_tab(page.file.src_uri, self.nav, False)
        if self.apart and os.getpid() == self.pid and page.file.src_uri in self.apart.uris:
            self._progress()
            return output  # the second process writes this page
        fragment = self.fragments.get(page.file.src_uri)
        if fragment is not None:
            output = output.replace(fragment[1], self._text(page.file.src_uri, keep=False), 1)
        self._progress()
        return minify(output)

    def _progress(self) -> None:
        """A line each tenth of the pages a large site writes (under `serve --dirty`, fewer are)."""
        if os.getpid() != self.pid:
            return  # the second process: the parent says how far it is
        self.pages_done += 1
        done, total = self.pages_done, self.pages_total
        if total >= PROGRESS_AT_LEAST and done <= total and done * 10 // total != (done - 1) * 10 // total:
            self._say(f"{done} of {total} pages written ({100 * done // total}%)")

    def on_post_template(self, output: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        return minify(output) if template_name.endswith(".html") else output  # 404.html

    @event_priority(-100)  # last: the second process is a copy of the build as MkDocs starts writing pages
    def on_env(self, env, /, *, config: MkDocsConfig, files):
        # the theme's JSON (Material's __config: its Arabic translations) as UTF-8, not \uXXXX escapes:
        # a third of the bytes, on every page. Jinja's tojson still escapes < > & ' for HTML.
        env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False, "separators": (",", ":")}
        env.globals["waqai_include"] = cached_include({})
        if CHROME_SCRIPT not in files.src_uris:  # copied with the static files, after this event
            files.append(File.generated(config, CHROME_SCRIPT, content=chrome_script(env, config)))
            if "navigation.instant" in (config.theme.get("features") or []):
                log.warning("waqai: Material's navigation.instant is not supported: each page puts the theme's "
                            f"search box, palette switch and configuration in place as it loads ({CHROME_SCRIPT}), "
                            "which a page swapped in by instant navigation does not do; remove the feature")
        self.apart = None
        if not config.strict and self._two_processes(len(self.fragments)):
            docs = files.documentation_pages(inclusion=InclusionLevel.is_included)
            articles = [f.page for f in docs if f.src_uri in self.fragments and f.page is not None]
            if len(articles) >= APART_AT_LEAST:
                folder = str(self.root / self.config.cache / "apart")
                self.apart = mkdocs_apart.start(articles, config, docs, self.nav, env, folder)
                for page in self.apart.pages:
                    page.meta["template"] = mkdocs_apart.TEMPLATE
                env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({mkdocs_apart.TEMPLATE: mkdocs_apart.PLACEHOLDER}),
                                                  env.loader])
        return env

    def _two_processes(self, article_pages: int) -> bool:
        """Whether a build makes and writes some article pages in a second process (mkdocs_apart.py):
        `mkdocs build` or `gh-deploy` (not `serve`, which rebuilds in threads) of APART_AT_LEAST
        article pages on more than one core."""
        return self.command in ("build", "gh-deploy") and (os.cpu_count() or 1) > 1 and article_pages >= APART_AT_LEAST

    def _text(self, uri: str, keep: bool = True) -> str:
        """The marked-up text of an article page, read once (the search plugin may need it first)."""
        text = self.texts.pop(uri, None) or (self.pages_dir / self.fragments[uri][0]).read_text(encoding="utf-8")
        if keep:
            self.texts[uri] = text
        return text

    def on_nav(self, nav, /, *, config: MkDocsConfig, files):
        self.nav = nav
        return nav

    def on_serve(self, server, /, *, config: MkDocsConfig, builder):
        server.watch(str(self.source))
        for path in [*shipped_places(), *shipped_actors(), *self.config.places, *self.config.actors]:
            server.watch(str(self.root / path) if not Path(path).is_absolute() else str(path))
        return server

    def on_build_error(self, *, error: Exception) -> None:
        gc.unfreeze()
        if self.apart and self.apart.child.is_alive():
            self.apart.child.kill()

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        gc.unfreeze()  # under `serve`, the next build's objects replace these
        if self.apart:
            self.apart.finish()
            self.apart = None
        index = Path(config.site_dir) / "search" / "search_index.json"
        if index.exists():
            expand_index(index, self.result.gazetteer, compact=self.compact, named=self.named)
