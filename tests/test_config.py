"""Book configuration, pins and citations: the decisions CONTRIBUTING.md describes stay true."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())


def test_execution_fails_loudly_and_from_a_clean_cache():
    assert CONFIG["execute"]["allow_errors"] is False
    assert CONFIG["execute"]["execute_notebooks"] in ("cache", "force")
    assert CONFIG["execute"]["timeout"] >= 60
    assert CONFIG["sphinx"]["config"]["nb_execution_raise_on_error"] is True
    assert CONFIG["only_build_toc_files"] is True
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(
        r"^book:.*\n\trm -rf _build\n\t.*jupyter-book build \. -W -n --keep-going", makefile, re.M
    )


def test_everything_that_is_not_a_page_is_excluded():
    patterns = set(CONFIG["exclude_patterns"])
    assert {".*", "**/.*", ".venv", "_build", "exercises", "solutions", "tests", "helpers"} <= patterns


def test_launch_buttons_derive_from_one_repository_url():
    url = CONFIG["repository"]["url"]
    assert re.fullmatch(r"https://github\.com/[\w.-]+/[\w.-]+", url), url
    buttons = CONFIG["launch_buttons"]
    assert buttons["binderhub_url"] == "https://mybinder.org"
    assert buttons["colab_url"] == "https://colab.research.google.com"
    assert "jupyterhub_url" in buttons
    assert url in (ROOT / "CONTRIBUTING.md").read_text()
    assert CONFIG["copyright"] and CONFIG["title"] == "Scaling Laws, Executed"


def test_requirements_are_exact_pins_ending_with_the_package():
    lines = [ln.strip() for ln in (ROOT / "requirements.txt").read_text().splitlines()]
    lines = [ln for ln in lines if ln and not ln.startswith("#")]
    assert lines[-1] == "-e ."
    for line in lines[:-1]:
        assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[\w.+!-]+", line), f"not an exact pin: {line}"
    pins = dict(line.split("==") for line in lines[:-1])
    assert pins["jupyter-book"] == "1.0.4.post1"


def test_every_citation_resolves_to_references_bib():
    keys = set(re.findall(r"^@\w+\{([^,]+),", (ROOT / "references.bib").read_text(), re.M))
    cited = set()
    for path in list((ROOT / "book").glob("*.py")) + list((ROOT / "book").glob("*.md")):
        for group in re.findall(r"\{cite(?::\w+)?\}`([^`]+)`", path.read_text()):
            cited |= {k.strip() for k in group.split(",")}
    assert cited, "no citations found"
    assert cited <= keys, f"unknown citation keys: {sorted(cited - keys)}"


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    assert "make test" in (ROOT / "README.md").read_text()
