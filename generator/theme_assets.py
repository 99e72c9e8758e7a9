"""Files the plugin makes from the theme's own parts, so that what is the same on every page is
downloaded once and cached instead of repeated in tens of thousands of pages.

- `icon_sprite`: the theme's larger icons as one SVG of <symbol>s (overrides/.icons/waqai/ draws them).
- `chrome_script`: Material's head script, its palette switch, search box and back-to-top button,
  and its configuration (`#__config`), rendered from Material's own templates with a placeholder for
  the site's root; the page calls `__waqai_insert(part)` where the markup belongs (overrides/partials/),
  and the script puts the theme's markup there before Material's bundle reads it. Every part it
  inserts works only with JavaScript (Material's search, palette and bundle need it), so a reader
  without it loses nothing; the navigation (tabs and drawer) stays in the page. About 3 kB less on
  every page. Material's `navigation.instant`, which swaps pages in without loading them, is not
  supported (the plugin warns).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jinja2
from mkdocs.exceptions import PluginError

ICONS = "assets/waqai-icons.svg"
CHROME_SCRIPT = "assets/waqai-chrome.js"
ICON_SOURCES = {"logo": "material/library", "search": "material/magnify", "night": "material/weather-night",
                "sun": "material/weather-sunny", "menu": "material/menu", "previous": "material/arrow-left",
                "close": "material/close", "top": "material/arrow-up"}
_SVG = re.compile(r'<svg[^>]*\sviewBox="([^"]+)"[^>]*>(.*)</svg>', re.S)
_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
_CONFIG_BLOCK = re.compile(r"{%-?\s*block config\s*-?%}(.*?){%-?\s*endblock\s*-?%}", re.S)
ROOT = "__waqai_root__"  # where the site's root goes in the theme's markup, replaced in the browser
# Material's templates that become parts of the script (the site's overrides replace them by a call)
PARTS = {"palette": "partials/palette.html", "search": "partials/search.html", "top": "partials/top.html"}
_LANG = '{% import "partials/language.html" as lang with context %}{% set features = config.theme.features or [] %}'
_SPACE = re.compile(r">\s+<")


def icon_sprite(theme_dirs: list[str]) -> str:
    """An SVG file of <symbol>s, one for each of ICON_SOURCES, read from the theme's icons."""
    symbols = []
    for name, icon in ICON_SOURCES.items():
        found = [Path(d, ".icons", f"{icon}.svg") for d in theme_dirs]
        path = next((p for p in found if p.is_file()), None)
        if path is None:
            raise PluginError(f"waqai: the theme has no icon {icon}")
        m = _SVG.fullmatch(path.read_text(encoding="utf-8").strip())
        if m is None:
            raise PluginError(f"waqai: the icon {path} is not a plain SVG")
        symbols.append(f'<symbol id="{name}" viewBox="{m.group(1)}">{m.group(2)}</symbol>')
    return '<svg xmlns="http://www.w3.org/2000/svg">' + "".join(symbols) + "</svg>\n"


def _theme_source(theme, name: str) -> str:
    """A template as the theme ships it, not as the site's overrides replace it."""
    for d in theme.dirs:
        if d != theme.custom_dir and Path(d, name).is_file():
            return Path(d, name).read_text(encoding="utf-8")
    raise PluginError(f"waqai: the theme has no {name}")


def chrome_script(env: jinja2.Environment, config) -> str:
    """The script (JavaScript source) holding the theme's head script, the palette and search markup
    and the `#__config` element, each rendered once by the theme's templates for the site's root.

    Raises PluginError when the theme lacks one of the templates or the script it expects."""
    originals = {name: _theme_source(config.theme, name) for name in PARTS.values()}
    env = env.overlay(loader=jinja2.ChoiceLoader([jinja2.DictLoader(originals), env.loader]))
    context = {"config": config, "base_url": ROOT, "page": None}

    def render(source: str) -> str:
        return _SPACE.sub("><", env.from_string(_LANG + source).render(**context).strip())

    head = _SCRIPT.search(render(_theme_source(config.theme, "partials/javascripts/base.html")))
    palette = _SCRIPT.search(_theme_source(config.theme, "partials/javascripts/palette.html"))
    block = _CONFIG_BLOCK.search(_theme_source(config.theme, "base.html"))
    if head is None or palette is None or block is None:
        raise PluginError("waqai: the theme's head script, palette script or config block is not where "
                          "waqai expects it (partials/javascripts/, base.html)")
    palettes = config.theme.get("palette")  # a list of palettes has a switch; one palette, or none, has not
    parts = {part: render(f'{{% include "{name}" %}}') for part, name in PARTS.items()
             if part != "palette" or isinstance(palettes, list)}
    parts.setdefault("palette", "")
    # Material resolves `base` against the page's address: the root is a folder, with its slash
    parts["config"] = render(block.group(1)).replace(f'"base":"{ROOT}"', f'"base":"{ROOT}/"', 1)
    if f'"base":"{ROOT}/"' not in parts["config"]:
        raise PluginError("waqai: the theme's config block has no base where waqai expects it (base.html)")
    # Material's scope is the root as a URL with its slash; the helpers are its own
    head_js = head.group(1).replace(json.dumps(ROOT), 'R+"/"')
    return (
        "/* Made by waqai from the theme's own templates: the same on every page, so in one file. */\n"
        "(function(){var R=new URL(\"..\",document.currentScript.src).href.replace(/\\/$/,\"\");\n"
        f"{head_js};\n"
        f"var P={json.dumps(parts, ensure_ascii=False, sort_keys=True)};\n"
        f"window.__waqai_insert=function(part){{document.currentScript.insertAdjacentHTML(\"beforebegin\","
        f"P[part].split({json.dumps(ROOT)}).join(R));"
        f"if(part===\"palette\"){{{palette.group(1)}}}}}}})();\n"
    )
