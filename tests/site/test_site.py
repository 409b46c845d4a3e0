"""The built website, as a reader sees it: headless Debian chromium over file://, with the network cut.

Run after `make book` (`make site-test`, part of `make test`). Every request that does not go to a local
file is aborted and recorded, so a page that needs a CDN fails here exactly as it would for a reader who
is offline.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "_build" / "html"
CHROMIUM = Path("/usr/bin/chromium")
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")
LAPTOP, PHONE = 1400, 390  # window widths [CSS px] the house style is checked at
MIN_TEXT_PX = 11.0  # smallest text a figure may show at the laptop width [CSS px] (helpers.plotting)
MAX_PAGE_BYTES = 1_500_000  # HTML of one page, figures and explorer frames included


def _toc_pages() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    pages = [toc["root"]]
    for part in toc.get("parts", []):
        pages += [c["file"] for c in part["chapters"]]
    return pages


PAGES = _toc_pages()
CHAPTERS = [p for p in PAGES if re.match(r"book/\d\d_", p)]


@pytest.fixture(scope="session")
def site() -> Path:
    if not (SITE / "index.html").exists():
        pytest.fail("no built site at _build/html: run `make book` first")
    return SITE


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is needed for the site tests: apt-get install chromium (make browser)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


class Visit:
    """A page opened with the network cut, and everything that went wrong while it loaded."""

    def __init__(self, browser, url: str, width: int = LAPTOP):
        self.context = browser.new_context(viewport={"width": width, "height": 1000})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.remote: list[str] = []
        self.failed: list[str] = []
        self.context.route("**/*", self._route)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        self.page.goto(url)
        self.page.wait_for_load_state("load")
        # MathJax and the widget manager render after "load": wait for MathJax to finish typesetting.
        self.page.evaluate("() => window.MathJax && MathJax.startup ? MathJax.startup.promise : null")
        self.page.wait_for_function("() => document.documentElement.dataset.equationsFit === '1'")
        self.page.wait_for_timeout(300)

    def _route(self, route):
        url = route.request.url
        if url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            self.remote.append(url)
            route.abort()

    def close(self):
        self.context.close()


@pytest.fixture(scope="session")
def loaded(browser, site):
    """Each page opened once and shared by the tests that only read it."""
    cache: dict[str, Visit] = {}

    def open_page(page: str, query: str = "") -> Visit:
        key = page + query
        if key not in cache:
            cache[key] = Visit(browser, (site / f"{page}.html").as_uri() + query)
        return cache[key]

    yield open_page
    for v in cache.values():
        v.close()


@pytest.fixture
def visit(browser, site):
    """A fresh page, for tests that change it (moving a slider)."""
    opened = []

    def open_page(page: str, query: str = "") -> Visit:
        v = Visit(browser, (site / f"{page}.html").as_uri() + query)
        opened.append(v)
        return v

    yield open_page
    for v in opened:
        v.close()


@pytest.mark.parametrize("page", PAGES)
def test_every_page_loads_offline_without_errors(loaded, page):
    v = loaded(page)
    assert v.remote == [], f"{page} asked the network for {v.remote}"
    assert v.failed == [], f"{page}: failed to load {v.failed}"
    assert v.errors == [], f"{page}: console errors {v.errors}"
    assert v.page.locator("article h1").count() == 1


@pytest.mark.parametrize("page", [p for p in PAGES if p.startswith("book/0") or p == "book/notation"])
def test_maths_is_typeset(loaded, page):
    v = loaded(page)
    typeset = v.page.locator("mjx-container").count()
    raw = v.page.locator("span.math:not(:has(mjx-container)), div.math:not(:has(mjx-container))").count()
    assert typeset > 0 and raw == 0, f"{typeset} formulas typeset, {raw} left as raw TeX"


@pytest.mark.parametrize("page", PAGES)
def test_every_figure_has_alt_text(loaded, page):
    v = loaded(page)
    images = v.page.locator("article img")
    for i in range(images.count()):
        alt = (images.nth(i).get_attribute("alt") or "").strip()
        assert len(alt) >= 10, f"{page}: image {i} has no useful alt text ({alt!r})"


def _visible_frame(page):
    frames = page.locator(".widget-stack img, .jupyter-widgets img")
    for i in range(frames.count()):
        if frames.nth(i).is_visible():
            return frames.nth(i).get_attribute("alt")
    return None


@pytest.mark.parametrize("page", CHAPTERS)
def test_static_explorer_slider_changes_the_image(visit, page):
    v = visit(page)
    handles = v.page.locator(".noUi-handle")
    assert handles.count() >= 1, f"{page} has no explorer slider"
    before = _visible_frame(v.page)
    assert before, "no explorer frame is visible"
    handles.first.focus()
    for _ in range(3):
        handles.first.press("ArrowRight")
    v.page.wait_for_timeout(300)
    after = _visible_frame(v.page)
    assert after and after != before, f"moving the slider kept the frame {before!r}"


@pytest.mark.parametrize("page", [*CHAPTERS, "book/notation"])
def test_launch_buttons_open_the_pages_notebook(loaded, page):
    v = loaded(page)
    repo = CONFIG["repository"]["url"]
    owner_repo = repo.removeprefix("https://github.com/")
    branch = CONFIG["repository"]["branch"]
    hrefs = [a.get_attribute("href") for a in v.page.locator("a[href]").all()]
    binder = [h for h in hrefs if h.startswith("https://mybinder.org/")]
    colab = [h for h in hrefs if h.startswith("https://colab.research.google.com/")]
    assert binder == [f"https://mybinder.org/v2/gh/{owner_repo}/{branch}?urlpath=lab/tree/{page}.ipynb"], (
        binder
    )
    assert colab == [f"https://colab.research.google.com/github/{owner_repo}/blob/{branch}/{page}.ipynb"], (
        colab
    )
    assert (ROOT / f"{page}.ipynb").exists()


@pytest.mark.parametrize("page", PAGES)
def test_figures_are_shown_at_their_drawn_size(loaded, page):
    """Text in a figure must not shrink below 11 CSS px at 1400 px: figures come from plotting.show."""
    v = loaded(page)
    images = v.page.evaluate(
        """() => [...document.querySelectorAll('article img')].filter(i => i.offsetParent !== null)
              .map(i => [i.alt.slice(0, 60), i.getAttribute('width'), i.dataset.minTextPx, i.clientWidth])"""
    )
    for alt, width, min_text, shown in images:
        assert width and min_text, f"{page}: figure {alt!r} was not made by plotting.show (no drawn size)"
        on_page = float(min_text) * shown / float(width)
        assert on_page >= MIN_TEXT_PX - 0.05, (
            f"{page}: figure {alt!r} is drawn {width} px wide but shown {shown} px wide, so its smallest text "
            f"is {on_page:.1f} px: draw it with a narrower plotting layout"
        )


@pytest.mark.parametrize("page", PAGES)
def test_code_and_output_fit_the_column(loaded, page):
    """No code cell or printed output scrolls sideways at 1400 px (88 characters fit)."""
    v = loaded(page)
    wide = v.page.evaluate(
        """() => [...document.querySelectorAll('article pre')].filter(p => p.scrollWidth > p.clientWidth)
              .map(p => (p.textContent.split('\\n').sort((a, b) => b.length - a.length)[0] || '').slice(0, 100))"""
    )
    assert wide == [], f"{page}: {len(wide)} code blocks scroll sideways; their longest lines:\n" + "\n".join(wide)


@pytest.mark.parametrize("page", [p for p in PAGES if p.startswith("book/0") or p == "book/notation"])
def test_display_equations_fit_a_phone(browser, site, page):
    v = Visit(browser, (site / f"{page}.html").as_uri(), width=PHONE)
    try:
        wide = v.page.evaluate(
            """() => [...document.querySelectorAll('article mjx-container[display="true"]')]
                  .filter(m => m.scrollWidth > m.clientWidth + 1)
                  .map(m => (m.closest('[id]') || {}).id + ': ' + m.scrollWidth + ' > ' + m.clientWidth)"""
        )
    finally:
        v.close()
    assert wide == [], f"{page}: display equations scroll sideways at {PHONE} px: {wide}"


@pytest.mark.parametrize("page", PAGES)
def test_pages_are_light(site, page):
    size = (site / f"{page}.html").stat().st_size
    assert size <= MAX_PAGE_BYTES, (
        f"{page}.html is {size / 1e6:.2f} MB of HTML (at most {MAX_PAGE_BYTES / 1e6:.1f} MB): use fewer or "
        "smaller explorer frames"
    )


def test_search_finds_a_term_from_a_chapter(loaded):
    v = loaded("search", "?q=irreducible")
    results = v.page.locator("#search-results li a")
    results.first.wait_for(timeout=10_000)
    targets = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any("01_power_laws" in t for t in targets), targets


# ---------------------------------------------------------------------------------------------- static scans


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str, str, str]] = []  # (tag, attribute, url, rel)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        for attr in ("href", "src"):
            if attrs.get(attr):
                self.links.append((tag, attr, attrs[attr], attrs.get("rel") or ""))


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _html_files(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if "_static" not in p.parts]


LOADING_TAGS = {"script", "img", "iframe", "source", "video", "audio", "embed", "object"}
LOADING_RELS = {"stylesheet", "preload", "modulepreload", "icon", "shortcut", "manifest", "prefetch"}


def test_pages_load_nothing_from_third_party_hosts(site):
    offenders = []
    for path in _html_files(site):
        for tag, attr, url, rel in _parse(path).links:
            if not (urlsplit(url).scheme in ("http", "https") or url.startswith("//")):
                continue
            loads = tag in LOADING_TAGS or (tag == "link" and bool(LOADING_RELS & set(rel.split())))
            if loads:
                offenders.append(f"{path.relative_to(site)}: <{tag} {attr}={url}>")
    assert offenders == [], "\n".join(offenders)


def test_internal_links_resolve(site):
    parsed = {p.resolve(): _parse(p) for p in _html_files(site)}
    broken = []
    for path, parser in parsed.items():
        for _tag, _attr, url, _rel in parser.links:
            parts = urlsplit(url)
            if parts.scheme or url.startswith(("//", "mailto:", "javascript:")):
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{path.relative_to(site.resolve())}: {url}")
                continue
            if parts.fragment and target.suffix == ".html" and target in parsed:
                if unquote(parts.fragment) not in parsed[target].ids:
                    broken.append(f"{path.relative_to(site.resolve())}: {url} (no such anchor)")
    assert broken == [], "\n".join(broken)
