"""Fixtures for tests of the built site: the HTML folder, a local HTTP server for it, a browser.

The site is built once per test session with the same strict settings as ``nox -s docs``, into
``build/test-html``; it shares the execution cache with ``nox -s docs``, so after a docs build it
executes nothing. Set ``LSTM_EXPLAINED_SITE`` to an already built HTML folder to skip the build.

The browser comes from pytest-playwright (``browser``, and ``new_context``, whose contexts are
closed after each test); it is pointed at Debian's chromium here, so Playwright never downloads
one.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

pytest.importorskip("myst_nb")

ROOT = Path(__file__).resolve().parents[2]
TEST_HTML = ROOT / "build" / "test-html"
sys.path.insert(0, str(ROOT / "tools"))  # the site server and page-weight tools are shared

import page_weight  # noqa: E402
import site_server  # noqa: E402
from sphinx_command import site_builds  # noqa: E402


def build_site(out: Path) -> Path:
    """Build the real site as ``nox -s docs`` does (every language), into `out`."""
    doctrees = out.parent / (out.name + "-doctrees")
    # A local build: the pages' links must point at the local server. (Hosts build with
    # LSTM_EXPLAINED_BASE_URL set; what it changes is tested in tests/test_docs_pipeline.py.)
    env = {k: v for k, v in os.environ.items() if k != "LSTM_EXPLAINED_BASE_URL"}
    for language, command in site_builds(ROOT / "docs", out, doctrees=doctrees, quiet=True):
        done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env)
        if done.returncode != 0:
            pytest.fail(f"the site ({language}) does not build:\n{done.stdout}\n{done.stderr}")
    return out


@pytest.fixture(scope="session")
def site_dir() -> Path:
    """The built HTML site."""
    given = os.environ.get("LSTM_EXPLAINED_SITE")
    if given:
        path = Path(given).resolve()
        if not (path / "index.html").is_file():
            pytest.fail(f"LSTM_EXPLAINED_SITE={given} holds no built site (no index.html)")
        return path
    return build_site(TEST_HTML)


def root_path(site_dir: Path) -> str:
    """The URL path the site was built to live under: that of its base URL, else ``/``."""
    index = (site_dir / "index.html").read_text(encoding="utf-8")
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', index)
    return urlsplit(canonical[1]).path.removesuffix("index.html") if canonical else "/"


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    """Base URL of the site served from 127.0.0.1 on a free port, for the whole session.

    The server (``tools/site_server.py``) gzips text as real hosts do, so transferred bytes
    measured in the browser are those a reader pays, and answers a missing path with the 404
    page. A site built with a base URL is served under that URL's path (``/lstm/``), where the
    404 page's links point.
    """
    with site_server.serve(site_dir, path=root_path(site_dir)) as url:
        yield url


@pytest.fixture(scope="session")
def site_pages(site_dir: Path) -> list[Path]:
    """Every page of the built site, discovered from the output (not a hand-written list)."""
    skip = {"genindex.html", "search.html", "py-modindex.html"}
    return sorted(
        path
        for path in site_dir.rglob("*.html")
        if path.name not in skip and not path.relative_to(site_dir).parts[0].startswith("_")
    )


@pytest.fixture(scope="session")
def page_paths(site_dir: Path) -> list[str]:
    """Every page a reader can open, search and index pages included, relative to the root."""
    return [path.relative_to(site_dir).as_posix() for path in site_server.site_pages(site_dir)]


CHROMIUM = site_server.CHROMIUM
CHROMIUM_ARGS = site_server.CHROMIUM_ARGS


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright's ``browser`` is Debian's chromium (Playwright never downloads one)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (see .ci/run)")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


# -- One visit of every page, shared by the browser tests -----------------------------------------


@dataclass
class Visit:
    """What a reader's browser met on one page, opened once in a fresh context (empty cache)."""

    path: str
    status: int | None
    title: str
    heading: str  # the text of the page's first <h1>, without its "#" permalink
    heading_visible: bool
    errors: list[str] = field(default_factory=list)  # JS errors, failed requests, HTTP >= 400
    foreign: list[str] = field(default_factory=list)  # requests to any host but 127.0.0.1
    undrawn_images: list[str] = field(default_factory=list)  # shown <img> not drawn
    figures_in_html: dict[str, int] = field(default_factory=dict)  # lstm-figure <img> by theme
    weight: Any = None  # page_weight.PageWeight


_PAGE_FACTS = """() => {
  const h1 = document.querySelector("h1");
  let heading = "";
  if (h1) {
    const copy = h1.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach((a) => a.remove());
    heading = copy.textContent.trim();
  }
  const box = h1 ? h1.getBoundingClientRect() : null;
  return {
    heading,
    visible: !!box && box.width > 0 && box.height > 0
      && getComputedStyle(h1).visibility === "visible",
    undrawn: Array.from(document.images)
      .filter((img) => img.getClientRects().length > 0)  // shown in this theme
      .filter((img) => !img.complete || img.naturalWidth === 0)
      .map((img) => img.alt || img.getAttribute("src").slice(0, 80)),
  };
}"""


_FIGURES_IN_HTML = """() => ({
  light: document.querySelectorAll("img.lstm-figure.only-light").length,
  dark: document.querySelectorAll("img.lstm-figure.only-dark").length,
})"""


def visit(browser: Any, base_url: str, path: str) -> Visit:
    """Open one page as a first-time reader would and record everything the tests look at."""
    context = browser.new_context()
    record = Visit(path=path, status=None, title="", heading="", heading_visible=False)
    weight = page_weight.PageWeight(path)

    def foreign(route: Any) -> None:  # never let a request out; note it instead
        record.foreign.append(route.request.url)
        route.abort()

    context.route(lambda url: not url.startswith(base_url), foreign)
    try:
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and record.errors.append(m.text))
        page.on("pageerror", lambda e: record.errors.append(f"JavaScript error: {e}"))
        page.on("requestfailed", lambda r: record.errors.append(f"failed: {r.url}"))
        finished: list[Any] = []
        page.on("requestfinished", lambda request: finished.append(request))
        response = page.goto(base_url + path, wait_until="networkidle")
        record.status = response.status if response else None
        page.evaluate(page_weight.SCROLL_THROUGH)
        page.wait_for_load_state("networkidle")
        record.title = page.title()
        facts = page.evaluate(_PAGE_FACTS)
        record.heading, record.heading_visible = facts["heading"], facts["visible"]
        record.undrawn_images = facts["undrawn"]
        for request in finished:
            answer = request.response()
            if answer is not None and answer.status >= 400:
                record.errors.append(f"HTTP {answer.status}: {request.url}")
        weight.items = page_weight.items_of(finished, base_url)
        record.figures_in_html = page.evaluate(_FIGURES_IN_HTML)
        record.weight = weight
    finally:
        context.close()
    return record


@pytest.fixture(scope="session")
def visits(browser: Any, site_url: str, page_paths: list[str]) -> dict[str, Visit]:
    """Every page, visited once (light theme, desktop size), keyed by its path."""
    return {path: visit(browser, site_url, path) for path in page_paths}


THEMES = ("light", "dark")


# -- Work spread over two browsers ----------------------------------------------------------------
#: Browsers run side by side by :func:`in_browsers`: one per core of the 2-core machines the
#: project is tested on. A check that loads every page of both languages in turn spends its time
#: in one renderer process, on one core; two browsers take half the time.
BROWSERS = 2


def in_browsers(
    work: Callable[[Any, Any], Any], items: Sequence[Any], workers: int = BROWSERS
) -> list[Any]:
    """``work(browser, item)`` for every item, shared out over `workers` browsers at once.

    Each browser is Debian's chromium, launched by a Playwright instance of its own in a thread
    of its own (Playwright's synchronous API needs one instance per thread). Items are dealt in
    turn (item 0 to the first browser, item 1 to the second...), so long and short pages mix.
    Returns the results in the order of `items`; the first exception raised is raised here.
    """
    from playwright.sync_api import sync_playwright

    items = list(items)
    shares = [list(range(start, len(items), workers)) for start in range(workers)]

    def run_share(share: list[int]) -> list[tuple[int, Any]]:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                return [(index, work(browser, items[index])) for index in share]
            finally:
                browser.close()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        done = dict(pair for share in pool.map(run_share, shares) for pair in share)
    return [done[index] for index in range(len(items))]


def themed_page(new_context: Callable[..., Any], theme: str, **options: Any) -> Any:
    """A page in Furo's light or dark theme, in a context made by `new_context` with `options`.

    Furo keeps the reader's choice of the toggle in ``localStorage["theme"]``; setting it before
    any page script runs is what clicking the toggle does. The operating system's colour scheme
    is set to the same, so "auto" would agree too. `new_context` is pytest-playwright's fixture
    (its contexts close after the test) or a browser's ``new_context`` (the caller closes it).
    """
    if theme not in THEMES:
        raise ValueError(f"theme must be one of {THEMES}, got {theme!r}")
    context = new_context(color_scheme=theme, **options)
    context.add_init_script(f"window.localStorage.setItem('theme', '{theme}')")
    return context.new_page()


# -- Pages in a chosen theme and viewport ---------------------------------------------------------


@pytest.fixture
def new_page(new_context: Callable[..., Any]) -> Callable[..., Any]:
    """Open a browser page in Furo's light or dark theme (:func:`themed_page`), with more
    context options if given; the contexts close after the test."""

    def open_page(theme: str = "light", **options: Any) -> Any:
        return themed_page(new_context, theme, **options)

    return open_page
