"""The Exercises page in a browser: a real table with one row per set, whose links open that set's notebook
in Binder (JupyterLab), Colab and, when `launch_buttons.jupyterhub_url` is set, a JupyterHub; and the link
at the end of each chapter leads to its row.

Headless Debian chromium over file://, with the network cut; run after `make book` (`make site-test`).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
import yaml

from helpers.grading import SETS

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "_build" / "html"
CHROMIUM = Path("/usr/bin/chromium")
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())
URL = CONFIG["repository"]["url"]
BRANCH = CONFIG["repository"]["branch"]
HUB = (CONFIG["launch_buttons"].get("jupyterhub_url") or "").rstrip("/")


@pytest.fixture(scope="module")
def browser():
    if not (SITE / "book" / "exercises.html").exists():
        pytest.fail("no built site at _build/html: run `make book` first")
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is needed for the site tests: apt-get install chromium (make browser)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser):
    """Open a page of the site with every non-local request aborted."""
    contexts = []

    def open_(page: str):
        context = browser.new_context(viewport={"width": 1300, "height": 1000})
        contexts.append(context)
        context.route(
            "**/*",
            lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort(),
        )
        tab = context.new_page()
        tab.goto((SITE / f"{page}.html").as_uri())
        return tab

    yield open_
    for context in contexts:
        context.close()


def test_the_exercises_page_shows_a_table_with_one_row_per_set(open_page):
    tab = open_page("book/exercises")
    table = tab.locator("article table.exercise-sets")
    assert table.count() == 1 and table.is_visible()
    assert table.evaluate("t => getComputedStyle(t).display") == "table"
    headers = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    assert headers == ["Exercise set", "Tasks", "Points", "Open"]
    rows = table.locator("tbody tr")
    assert [rows.nth(i).get_attribute("id") for i in range(rows.count())] == [f"set-{name}" for name in SETS]
    assert "|---" not in tab.locator("article").inner_text()  # no Markdown left unrendered


def _expected_links(name: str) -> dict[str, str]:
    owner_name = URL.removeprefix("https://github.com/")
    path = f"exercises/{name}.ipynb"
    links = {
        "Binder": f"https://mybinder.org/v2/gh/{owner_name}/{BRANCH}?urlpath=lab/tree/{path}",
        "Colab": f"https://colab.research.google.com/github/{owner_name}/blob/{BRANCH}/{path}",
    }
    if HUB:
        repo_name = URL.rsplit("/", 1)[1]
        query = urlencode(
            {"repo": URL, "urlpath": f"lab/tree/{repo_name}/{path}", "branch": BRANCH}, safe="/"
        )
        links["JupyterHub"] = f"{HUB}/hub/user-redirect/git-pull?{query}"
    links["GitHub"] = f"{URL}/blob/{BRANCH}/{path}"
    return links


def test_each_row_opens_its_notebook_in_binder_colab_and_the_configured_hub(open_page):
    tab = open_page("book/exercises")
    for name in SETS:
        row = tab.locator(f"tr#set-{name}")
        links = {a.inner_text(): a.get_attribute("href") for a in row.locator("td").nth(3).locator("a").all()}
        assert links == _expected_links(name), name
        assert (ROOT / "exercises" / f"{name}.ipynb").exists()
        chapter = row.locator("td").first.locator("a")
        assert chapter.inner_text() == f"Chapter {int(name[:2])}"
        assert chapter.get_attribute("href") == f"{name}.html"


@pytest.mark.parametrize("name", list(SETS))
def test_each_chapter_ends_with_a_link_to_its_row(open_page, name):
    tab = open_page(f"book/{name}")
    headings = tab.locator("article h2").all_inner_texts()
    assert re.sub(r"[#¶\s]+$", "", headings[-1]).endswith("Exercises"), headings[-1]
    link = tab.locator(f'article a[href="exercises.html#set-{name}"]')
    assert link.count() == 1
    link.click()
    tab.wait_for_load_state("load")
    assert tab.url.endswith(f"/book/exercises.html#set-{name}")
    target = tab.evaluate("() => document.querySelector(':target') && document.querySelector(':target').id")
    assert target == f"set-{name}"
