"""`make screenshots`: refresh docs/landing.png and docs/chapter.png from the built site (run `make book` first)."""

from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "_build" / "html"
SHOTS = {
    "landing.png": ("book/intro.html", None),
    "chapter.png": ("book/01_power_laws.html", "#explore-loss-against-compute-budget"),
}


def main() -> None:
    (ROOT / "docs").mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        for name, (path, anchor) in SHOTS.items():
            page.goto((SITE / path).as_uri() + (anchor or ""))
            page.wait_for_load_state("load")
            page.evaluate("() => window.MathJax && MathJax.startup ? MathJax.startup.promise : null")
            page.wait_for_timeout(500)
            page.screenshot(path=str(ROOT / "docs" / name))
            print(f"wrote docs/{name}")
        browser.close()


if __name__ == "__main__":
    main()
