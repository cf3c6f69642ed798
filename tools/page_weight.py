"""Page weight of the built site, as a browser downloads it: bytes by kind, per page.

Every page of the built site (found in the output, not listed by hand) is opened in Debian's
chromium, driven by Playwright, in a fresh browser context (an empty cache, as a first visit),
from the local gzip server of ``tools/site_server.py``, and scrolled through (lazy images load
as a reader reaches them). For each request the browser made, the transferred bytes (response
headers plus the body as sent, gzip-compressed for text) are summed by kind: HTML, CSS, JS,
images, fonts, other. The search index (``searchindex.js``,
which only the search page loads) is listed apart and is not counted against the budget.
Figures drawn by the package are SVG files under ``_svg/`` (``docs/_ext/figure_files.py``),
loaded lazily and only in the theme shown: their bytes are in the images column, and they are
also listed under "figures".

Run ``nox -s weight`` (or ``python tools/page_weight.py build/html``): it prints the table and
the heaviest items and exits with status 1 when a page is over the budget.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from site_server import CHROMIUM, CHROMIUM_ARGS, serve, site_pages

#: Per-page budget of transferred bytes, search index excluded.
BUDGET = 400_000
#: The folder of the figure files (docs/_ext/figure_files.py, FOLDER).
FIGURES = "_svg/"
KINDS = ("HTML", "CSS", "JS", "images", "fonts", "other")
SEARCH_INDEX = "searchindex.js"
_RESOURCE_KINDS = {
    "document": "HTML",
    "stylesheet": "CSS",
    "script": "JS",
    "image": "images",
    "font": "fonts",
}


@dataclass
class Item:
    """One request of a page: its kind, URL path, bytes transferred and bytes once decoded."""

    kind: str
    path: str
    transferred: int
    decoded: int


@dataclass
class PageWeight:
    """What one page costs a reader on a first visit."""

    page: str
    items: list[Item] = field(default_factory=list)

    def by_kind(self, *, decoded: bool = False) -> dict[str, int]:
        """Bytes per kind, the search index excluded."""
        totals = dict.fromkeys(KINDS, 0)
        for item in self.items:
            if not item.path.endswith(SEARCH_INDEX):
                totals[item.kind] += item.decoded if decoded else item.transferred
        return totals

    @property
    def total(self) -> int:
        """Transferred bytes, the search index excluded: the number the budget applies to."""
        return sum(self.by_kind().values())

    @property
    def figures(self) -> list[Item]:
        """The figure files the page loaded (``_svg/``), in the order they were requested."""
        return [item for item in self.items if FIGURES in item.path]

    @property
    def search_index(self) -> int:
        return sum(i.transferred for i in self.items if i.path.endswith(SEARCH_INDEX))


def kind_of(resource_type: str, content_type: str) -> str:
    """The column of a request, from the browser's resource type and the response's type."""
    if resource_type in _RESOURCE_KINDS:
        return _RESOURCE_KINDS[resource_type]
    if content_type.startswith("image/"):
        return "images"
    if content_type.startswith(("font/", "application/font")):
        return "fonts"
    return "other"


# A reader scrolls through the page: lazy images (loading="lazy") load as they come near.
SCROLL_THROUGH = """async () => {
  const pause = () => new Promise((resolve) => setTimeout(resolve, 25));
  for (let y = 0; y < document.scrollingElement.scrollHeight; y += 2 * innerHeight) {
    window.scrollTo({ top: y, behavior: "instant" });
    await pause();
  }
  window.scrollTo({ top: 0, behavior: "instant" });
}"""


def items_of(finished: Iterable[Any], base_url: str) -> list[Item]:
    """The bytes of every finished request of a page to `base_url` (Playwright requests)."""
    items = []
    for request in finished:
        answer = request.response()
        if answer is None or not request.url.startswith(base_url):
            continue  # nothing but the local site may be requested
        sizes = request.sizes()
        items.append(
            Item(
                kind=kind_of(request.resource_type, answer.headers.get("content-type", "")),
                path=request.url[len(base_url) :],
                transferred=sizes["responseBodySize"] + sizes["responseHeadersSize"],
                decoded=len(answer.body()),
            )
        )
    return items


def measure_page(browser: Any, base_url: str, page_path: str) -> PageWeight:
    """Open `page_path` in a fresh context (empty cache) and record every request's bytes."""
    context = browser.new_context()
    try:
        page = context.new_page()
        finished: list[Any] = []
        page.on("requestfinished", lambda request: finished.append(request))
        response = page.goto(base_url + page_path, wait_until="networkidle")
        if response is None or response.status != 200:
            raise RuntimeError(f"{page_path}: status {response and response.status}")
        page.evaluate(SCROLL_THROUGH)
        page.wait_for_load_state("networkidle")
        return PageWeight(page_path, items_of(finished, base_url))
    finally:
        context.close()


def measure(browser: Any, base_url: str, pages: Iterable[str]) -> list[PageWeight]:
    """The weight of every page in `pages` (paths relative to `base_url`)."""
    return [measure_page(browser, base_url, page) for page in pages]


def kb(n: int) -> str:
    return f"{n / 1000:.1f}"


def report(weights: list[PageWeight], budget: int = BUDGET, top: int = 8) -> str:
    """The per-page table (kB transferred, gzip) and the heaviest items of the site."""
    head = ["page", *KINDS, "total", "decoded", "figures", "budget"]
    rows = []
    for w in sorted(weights, key=lambda w: -w.total):
        kinds = w.by_kind()
        shown = w.figures
        figures = f"{len(shown)} / {kb(sum(i.transferred for i in shown))}" if shown else "-"
        verdict = "ok" if w.total < budget else "OVER"
        decoded = sum(w.by_kind(decoded=True).values())
        rows.append([w.page, *(kb(kinds[k]) for k in KINDS), kb(w.total), kb(decoded), figures,
                     verdict])  # fmt: skip
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    line = "  ".join

    def fmt(row: list[str]) -> str:
        return line(str(c).ljust(w) if i == 0 else str(c).rjust(w)
                    for i, (c, w) in enumerate(zip(row, widths, strict=True)))  # fmt: skip

    out = [
        f"Page weight in kB (1 kB = 1000 bytes) transferred on a first visit, gzip on; "
        f"budget {kb(budget)} kB per page, {SEARCH_INDEX} excluded.",
        "decoded = the same bytes uncompressed; figures = the SVG figure files loaded "
        "(count / kB transferred, inside the images column).",
        "",
        fmt(head),
        fmt(["-" * w for w in widths]),
        *map(fmt, rows),
    ]
    index = max((w.search_index for w in weights), default=0)
    if index:
        out += ["", f"{SEARCH_INDEX} (search page only, not in the totals): {kb(index)} kB"]
    shared: dict[str, Item] = {}
    for w in weights:
        for item in w.items:
            if item.kind != "HTML":
                shared.setdefault(item.path, item)
    heavy = [(i.transferred, f"{i.kind:6s} {i.path}") for i in shared.values()]
    heavy += [(i.transferred, f"HTML   {i.path}") for w in weights for i in w.items
              if i.kind == "HTML"]  # fmt: skip
    out += ["", "Heaviest items (kB transferred):"]
    out += [f"  {kb(size):>7}  {name}" for size, name in sorted(heavy, reverse=True)[:top]]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the built HTML site, e.g. build/html")
    parser.add_argument("--budget", type=int, default=BUDGET, help="bytes per page")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    pages = [p.relative_to(args.site).as_posix() for p in site_pages(args.site)]
    with serve(args.site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            weights = measure(browser, url, pages)
        finally:
            browser.close()
    print(report(weights, args.budget))
    over = [w.page for w in weights if w.total >= args.budget]
    if over:
        print(f"\nOver the budget: {', '.join(over)}", file=sys.stderr)
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
