"""Shared fixtures: the site built once from seeds/ with the real `mkdocs build`."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def mkdocs_build(out: Path, config: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)]
    if config:
        cmd += ["-f", str(config)]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})


def site_config(tmp: Path, articles: Path, **options: object) -> Path:
    """A copy of mkdocs.yml in `tmp` for a test site: the project's pages and theme, these articles,
    its own cache, and the plugin options given (name=YAML value)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: content", f"docs_dir: {ROOT / 'content'}").replace(
        "custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    extra = "".join(f"\n      {k}: {v}" for k, v in options.items())
    text = text.replace("      articles: seeds", f"      articles: {articles}\n      cache: {tmp / 'cache'}{extra}")
    config = tmp / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    proc = mkdocs_build(out)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out
