"""Launch links: every exercise set opens in Binder, Colab and a JupyterHub, all derived from _config.yml."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from helpers.grading import SETS, load_set
from helpers.launch import Repository, exercise_table

ROOT = Path(__file__).resolve().parent.parent
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())
OWNER_NAME = CONFIG["repository"]["url"].removeprefix("https://github.com/")


def test_links_for_an_exercise_notebook_from_the_books_config():
    repo = Repository.from_config(CONFIG)
    branch = CONFIG["repository"]["branch"]
    links = repo.launch_links("exercises/01_power_laws.ipynb")
    assert links["Binder"] == (
        f"https://mybinder.org/v2/gh/{OWNER_NAME}/{branch}?urlpath=lab/tree/exercises/01_power_laws.ipynb"
    )
    assert links["Colab"] == (
        f"https://colab.research.google.com/github/{OWNER_NAME}/blob/{branch}/exercises/01_power_laws.ipynb"
    )
    assert links["GitHub"] == f"https://github.com/{OWNER_NAME}/blob/{branch}/exercises/01_power_laws.ipynb"
    assert ("JupyterHub" in links) == bool(CONFIG["launch_buttons"]["jupyterhub_url"])
    assert repo.pip_source == f"git+https://github.com/{OWNER_NAME}@{branch}"


def _config(url="https://github.com/uni-x/scaling-book", branch="main", hub=""):
    return {
        "repository": {"url": url, "branch": branch},
        "launch_buttons": {
            "notebook_interface": "jupyterlab",
            "binderhub_url": "https://mybinder.org",
            "colab_url": "https://colab.research.google.com",
            "jupyterhub_url": hub,
        },
    }


def test_a_jupyterhub_link_uses_nbgitpuller_only_when_a_hub_is_set():
    assert "JupyterHub" not in Repository.from_config(_config()).launch_links("exercises/02_chinchilla.ipynb")
    links = Repository.from_config(_config(branch="fall-2026", hub="https://hub.uni-x.edu/")).launch_links(
        "exercises/02_chinchilla.ipynb"
    )
    assert links["JupyterHub"] == (
        "https://hub.uni-x.edu/hub/user-redirect/git-pull?repo=https%3A//github.com/uni-x/scaling-book"
        "&urlpath=lab/tree/scaling-book/exercises/02_chinchilla.ipynb&branch=fall-2026"
    )
    assert links["Binder"] == (
        "https://mybinder.org/v2/gh/uni-x/scaling-book/fall-2026?urlpath=lab/tree/exercises/02_chinchilla.ipynb"
    )
    assert list(links) == ["Binder", "Colab", "JupyterHub", "GitHub"]


def test_the_classic_interface_opens_tree_urls():
    config = _config()
    config["launch_buttons"]["notebook_interface"] = "classic"
    links = Repository.from_config(config).launch_links("exercises/03_compute_cost.ipynb")
    assert links["Binder"].endswith("?urlpath=tree/exercises/03_compute_cost.ipynb")


@pytest.mark.parametrize(
    "config, words",
    [
        (_config(url="https://gitlab.com/a/b"), "https://github.com/<owner>/<name>"),
        (_config(url=""), "https://github.com/<owner>/<name>"),
        (_config(branch="main; rm -rf"), "branch"),
        ({**_config(), "launch_buttons": {"notebook_interface": "retro"}}, "notebook_interface"),
    ],
)
def test_bad_settings_are_refused_with_the_setting_named(config, words):
    with pytest.raises(ValueError, match=re.escape(words)):
        Repository.from_config(config)


class _Table(HTMLParser):
    """Rows of the exercise table: id, the hrefs in each cell, and the text of each cell."""

    def __init__(self):
        super().__init__()
        self.rows: list[dict] = []
        self._cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr" and attrs.get("id"):
            self.rows.append({"id": attrs["id"], "cells": []})
        elif tag == "td" and self.rows:
            self._cell = {"text": "", "links": {}}
            self.rows[-1]["cells"].append(self._cell)
        elif tag == "a" and self._cell is not None:
            self._cell["links"][attrs["href"]] = ""
            self._href = attrs["href"]

    def handle_data(self, data):
        if self._cell is not None:
            self._cell["text"] += data
            if getattr(self, "_href", None):
                self._cell["links"][self._href] += data

    def handle_endtag(self, tag):
        if tag == "a":
            self._href = None
        if tag == "td":
            self._cell = None


def _rows(html: str) -> list[dict]:
    parser = _Table()
    parser.feed(html)
    return parser.rows


def test_the_exercise_table_has_one_row_per_set_with_its_chapter_tasks_points_and_links():
    repo = Repository.from_config(_config(hub="https://hub.uni-x.edu"))
    rows = _rows(exercise_table(repo))
    assert [r["id"] for r in rows] == [f"set-{name}" for name in SETS]
    for row, name in zip(rows, SETS, strict=True):
        exercise_set = load_set(name)
        title, tasks, points, opens = row["cells"]
        assert title["links"] == {f"{name}.html": f"Chapter {int(name[:2])}"}
        assert (ROOT / "book" / f"{name}.ipynb").exists()  # the chapter page the link points to
        assert f"{int(name[:2])}. {exercise_set.title}" in title["text"]
        for task in exercise_set.tasks:
            assert f"{task.id} {task.title} ({task.points:g})" in tasks["text"]
        assert float(points["text"]) == sum(t.points for t in exercise_set.tasks)
        assert {text: href for href, text in opens["links"].items()} == repo.launch_links(
            f"exercises/{name}.ipynb"
        )


def test_the_table_of_a_notebook_opened_alone_has_no_launch_links():
    rows = _rows(exercise_table(None))
    assert len(rows) == len(SETS)
    assert all(row["cells"][3]["links"] == {} for row in rows)


def test_every_chapter_ends_with_an_exercises_section_that_links_to_its_set():
    for name in SETS:
        text = (ROOT / "book" / f"{name}.py").read_text()
        sections = re.findall(r"^# ## (.+)$", text, re.M)
        assert sections[-1] == "Exercises", f"book/{name}.py ends with section {sections[-1]!r}"
        last = text[text.rindex("# ## Exercises") :]
        assert f'<a href="exercises.html#set-{name}">' in last, f"book/{name}.py does not link to its set"
