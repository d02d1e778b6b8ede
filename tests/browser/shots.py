"""Screenshots of each workbench page for the README (``docs/img/workbench-*.png``),
taken in headless Chromium at 1280×800 (and the dependence page at phone width) from
a server on loopback with the bundled data. Not a test: run it by hand after changing
a page, ``python -m tests.browser.shots [FOLDER]``."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import bilateral
from bilateral.graph.sparql.serve import make_server
from bilateral.workbench import pages, warm
from tests.servers import running

OUT = Path(__file__).resolve().parent.parent.parent / "docs" / "img"


def shoot(folder: Path = OUT) -> list[Path]:
    """Write the screenshots into ``folder``; return their paths."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    g = bilateral.load()
    warm(g)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with (
        running(make_server(g, port=0, quiet=True, pages=pages)) as (host, port),
        sync_playwright() as p,
    ):
        site = f"http://{host}:{port}"
        browser = p.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1280, "height": 800})

        def snap(name: str, full: bool = False) -> None:
            path = folder / f"workbench-{name}.png"
            page.screenshot(path=str(path), full_page=full)
            written.append(path)

        page.goto(site + "/")
        page.locator("#search").fill("Lukashenko’s nominee")
        page.locator("#results li a").first.wait_for()
        snap("home")
        page.locator("button.run[data-name='cq-loans']").click()
        page.locator("#answer-cq-loans table").wait_for()
        page.locator("#answer-cq-loans").evaluate("e => e.parentElement.scrollIntoView()")
        snap("question")
        page.goto(site + "/dependence?dependent=minsk&provider=moscow")
        snap("dependence")
        page.locator("#evidence-energy").scroll_into_view_if_needed()
        snap("evidence")
        page.goto(site + "/id/ermakova")
        snap("entity")
        page.goto(site + "/source/ponars-memo-2021")
        snap("source")
        page.goto(site + "/query")
        page.locator("#q").fill("DESCRIBE bid:loan-2020-tranche-1")
        page.locator("#run").click()
        page.locator("#out pre").wait_for()
        snap("query")
        page.goto(site + "/graph?focus=ermakova&depth=2")
        page.wait_for_timeout(2500)  # the layout settles
        snap("graph")
        phone = browser.new_page(viewport={"width": 390, "height": 844})
        phone.goto(site + "/dependence?dependent=minsk&provider=moscow")
        path = folder / "workbench-phone.png"
        phone.screenshot(path=str(path))
        written.append(path)
        browser.close()
    return written


if __name__ == "__main__":
    for written in shoot(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT):
        print(written)
