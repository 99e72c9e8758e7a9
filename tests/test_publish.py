"""Publishing: `mkdocs gh-deploy` pushes the site to a git remote (here a bare repository on disk,
through a file:// URL), and the GitHub Pages workflow is a valid workflow that builds the site
with the plugin, uploads it and deploys it, as the README says. Both run on a copy of the project
with three short articles written for the tests (tests/data/own_articles/)."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

WORKFLOW = ROOT / ".github/workflows/pages.yml"
BIN = Path(sys.executable).parent
PAGES_URL = "https://tester.github.io/chronicle"  # what GitHub Pages would give the workflow
GIT_ENV = {"GIT_AUTHOR_NAME": "waqai tests", "GIT_AUTHOR_EMAIL": "tests@waqai.invalid",
           "GIT_COMMITTER_NAME": "waqai tests", "GIT_COMMITTER_EMAIL": "tests@waqai.invalid",
           "GIT_CONFIG_NOSYSTEM": "1", "NO_MKDOCS_2_WARNING": "1"}


def project(tmp: Path) -> Path:
    """A copy of the project as a newcomer has it (mkdocs.yml, content/, overrides/), with three
    articles as its seeds/."""
    root = tmp / "project"
    root.mkdir()
    for name in ("mkdocs.yml", ".gitignore"):
        shutil.copy(ROOT / name, root / name)
    for name in ("content", "overrides"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copytree(ROOT / "tests/data/own_articles", root / "seeds")
    return root


def run(cmd: list[str] | str, cwd: Path, env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=600, shell=isinstance(cmd, str),
                          env={**os.environ, **GIT_ENV, **(env or {})}, **kw)
    assert proc.returncode == 0, f"{cmd}\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}"
    return proc


# --- mkdocs gh-deploy ----------------------------------------------------------------------------


def test_gh_deploy_pushes_the_site_to_the_remote(tmp_path):
    root = project(tmp_path)
    remote = tmp_path / "remote.git"
    run(["git", "init", "-q", "--bare", str(remote)], tmp_path)
    run(["git", "init", "-q", "-b", "main"], root)
    run(["git", "add", "-A"], root)
    run(["git", "commit", "-q", "-m", "a chronicle"], root)
    run(["git", "remote", "add", "origin", remote.as_uri()], root)
    proc = run([sys.executable, "-m", "mkdocs", "gh-deploy", "--force"], root)
    # the shipped site_url is a placeholder: the build says so, naming the setting and the file
    warning = next(line for line in proc.stderr.splitlines() if "placeholder" in line)
    assert warning.startswith("WARNING") and "site_url" in warning and "mkdocs.yml" in warning

    files = set(run(["git", "ls-tree", "-r", "--name-only", "gh-pages"], remote).stdout.split())
    assert {"index.html", ".nojekyll", "data/index.html", "events-index.json", "events.json", "events.json.gz",
            "events.csv", "search/search_index.json", "sitemap.xml", "404.html"} <= files
    assert {f"articles/{name}/index.html" for name in "abc"} <= files and any(f.startswith("places/") for f in files)
    index = json.loads(run(["git", "show", "gh-pages:events-index.json"], remote).stdout)
    assert {x["path"] for x in index["files"]} <= files
    # what was pushed is what was built
    site = root / "site"
    assert run(["git", "show", "gh-pages:data/index.html"], remote).stdout == (site / "data/index.html").read_text(
        encoding="utf-8")
    assert files == {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()} | {".nojekyll"}


def test_instant_navigation_is_refused_with_a_warning(tmp_path):
    # each page puts the theme's search box, palette and configuration in place as it loads
    # (generator/theme_assets.py); a page swapped in by Material's instant navigation would not
    root = project(tmp_path)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "    - navigation.tabs\n" in config
    (root / "mkdocs.yml").write_text(config.replace("    - navigation.tabs\n",
                                                    "    - navigation.tabs\n    - navigation.instant\n", 1),
                                     encoding="utf-8")
    proc = run([sys.executable, "-m", "mkdocs", "build"], root)
    warning = next(line for line in proc.stderr.splitlines() if "navigation.instant" in line)
    assert warning.startswith("WARNING") and "remove the feature" in warning


# --- the Pages workflow --------------------------------------------------------------------------


def check_workflow(path: Path) -> subprocess.CompletedProcess:
    """check-jsonschema against SchemaStore's schema of GitHub workflows (shipped in the package)."""
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                           str(path)], capture_output=True, text=True, timeout=120)


def test_the_pages_workflow_is_a_valid_workflow():
    proc = check_workflow(WORKFLOW)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize(("broken", "old", "new"), [
    ("no runner", "    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4",
     "    steps:\n      - uses: actions/checkout@v4"),
    ("a misspelt key", "  deploy:\n    needs: build", "  deploy:\n    need: build"),
    ("a permission that does not exist", "  pages: write", "  pages: publish"),
    ("steps as a mapping", "    steps:\n      - id: deployment\n        uses: actions/deploy-pages@v4",
     "    steps:\n      id: deployment"),
])
def test_a_broken_workflow_fails_the_check(tmp_path, broken, old, new):
    text = WORKFLOW.read_text(encoding="utf-8")
    assert old in text, broken
    copy = tmp_path / "pages.yml"
    copy.write_text(text.replace(old, new, 1), encoding="utf-8")
    proc = check_workflow(copy)
    assert proc.returncode != 0, broken


def _workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def test_the_workflow_does_what_the_readme_says():
    """On a push to main: Python 3.11, the project installed (so the plugin builds the site), a
    strict build, the site folder uploaded, then deployed to Pages."""
    wf = _workflow()
    assert wf["on"]["push"]["branches"] == ["main"]
    assert wf["permissions"]["pages"] == "write" and wf["permissions"]["id-token"] == "write"
    build, deploy = wf["jobs"]["build"]["steps"], wf["jobs"]["deploy"]
    uses = {s["uses"].split("@")[0]: s for s in build if "uses" in s}
    assert uses["actions/setup-python"]["with"]["python-version"] == "3.11"
    runs = [s["run"] for s in build if "run" in s]
    assert any(re.search(r"pip install .*-e \.", r) for r in runs)
    assert any(re.search(r"\bmkdocs build --strict\b", r) for r in runs)
    site_dir = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:")[0])["site_dir"]
    assert uses["actions/upload-pages-artifact"]["with"]["path"] == site_dir
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


def test_the_workflow_build_steps_build_the_site_at_the_pages_address(tmp_path):
    """The build job's own commands, run in a copy of the project (the venv already holds the
    project, so the install step is skipped), with the address GitHub Pages would give."""
    root = project(tmp_path)
    outputs = {"steps.pages.outputs.base_url": PAGES_URL}

    def expand(value: str) -> str:
        return re.sub(r"\$\{\{\s*([\w.-]+)\s*\}\}", lambda m: outputs[m.group(1)], value)

    ran = 0
    for step in _workflow()["jobs"]["build"]["steps"]:
        if "run" not in step or "pip install" in step["run"]:
            continue
        env = {k: expand(str(v)) for k, v in (step.get("env") or {}).items()}
        run(["bash", "-c", step["run"].replace(".venv/bin/", f"{BIN}/")], root, env=env)
        ran += 1
    assert ran >= 2
    site = root / "site"
    assert (site / "index.html").exists() and (site / "events-index.json").exists()
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{PAGES_URL}/</loc>" in sitemap and "example.github.io" not in sitemap
    assert f'href="{PAGES_URL}/' in (site / "feed.xml").read_text(encoding="utf-8")
