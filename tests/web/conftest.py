"""Fixtures for tests of the built site: the HTML folder and a local HTTP server for it.

The site is built once per test session with the same strict settings as ``nox -s docs``, into
``build/test-html``; it shares the execution cache with ``nox -s docs``, so after a docs build it
executes nothing. Set ``LSTM_EXPLAINED_SITE`` to an already built HTML folder to skip the build.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

pytest.importorskip("myst_nb")

ROOT = Path(__file__).resolve().parents[2]
TEST_HTML = ROOT / "build" / "test-html"


def build_site(out: Path) -> Path:
    """Build the real site as ``nox -s docs`` does, into `out`; fail the tests if it fails."""
    command = [
        sys.executable, "-m", "sphinx", "-b", "html", "-n", "-W", "--keep-going", "-E", "-q",
        "-d", str(out.parent / (out.name + "-doctrees")), str(ROOT / "docs"), str(out),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    if done.returncode != 0:
        pytest.fail(f"the site does not build:\n{done.stdout}\n{done.stderr}")
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


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    """Base URL of the site served from 127.0.0.1 on a free port, for the whole session."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_pages(site_dir: Path) -> list[Path]:
    """Every page of the built site, discovered from the output (not a hand-written list)."""
    skip = {"genindex.html", "search.html", "py-modindex.html"}
    return sorted(
        path
        for path in site_dir.rglob("*.html")
        if path.name not in skip and not path.relative_to(site_dir).parts[0].startswith("_")
    )


CHROMIUM = Path(os.environ.get("LSTM_EXPLAINED_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's chromium driven by Playwright (Playwright never downloads a browser here)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (see .ci/run)")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()
