"""Serve a built site from 127.0.0.1 the way a real host does: text gzip-compressed.

Real hosts of static sites (GitHub Pages, Read the Docs, Netlify, any nginx with ``gzip on``)
send HTML, CSS, JavaScript and SVG gzip-compressed to a browser that accepts it, and the page
weight a reader pays is the compressed one. Python's ``http.server`` never compresses, so the
browser tests, the page-weight report (``nox -s weight``) and Lighthouse (``nox -s bench``) use
this server instead: the same files, with ``Content-Encoding: gzip`` on text types. Compression
is deterministic (``mtime=0``) and cached per file. Like those hosts, it answers a missing path
with the site's ``404.html`` (status 404), and it can serve the site under a path (``/lstm/``,
the path of a base URL), so a site built for its public address works here too.

Used as a module (``serve(directory)`` is a context manager that yields the base URL) or run::

    python tools/site_server.py build/html --port 8000
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import os
import sys
import threading
from collections.abc import Iterator
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

HOST = "127.0.0.1"
#: Debian's chromium (CI installs it with apt-get); Playwright never downloads a browser here.
CHROMIUM = Path(os.environ.get("LSTM_EXPLAINED_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: Media types sent compressed; images other than SVG and fonts (WOFF2) are compressed already.
COMPRESSIBLE = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "image/svg+xml",
)


class GzipHandler(SimpleHTTPRequestHandler):
    """``SimpleHTTPRequestHandler`` that gzips text files for clients that accept gzip."""

    _cache: ClassVar[dict[tuple[str, int, int], bytes]] = {}
    root_path = "/"  # the URL path the site is served under (serve() sets it per server)

    def translate_path(self, path: str) -> str:
        """The file for URL `path`, which must lie under ``root_path`` (else no file)."""
        if not path.startswith(self.root_path):
            return str(Path(self.directory) / ".not-under-the-root-path")
        return super().translate_path("/" + path[len(self.root_path) :])

    def send_error(
        self, code: int, message: str | None = None, explain: str | None = None
    ) -> None:
        """A missing path gets the site's 404 page, as GitHub Pages and Read the Docs send it."""
        page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # quiet: tests read no log
        pass

    def _compressed(self) -> tuple[bytes, str] | None:
        """The gzipped body and type of the requested file, or None to serve it plainly."""
        if "gzip" not in self.headers.get("Accept-Encoding", ""):
            return None
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return None  # the parent class answers with its redirect
            path = path / "index.html"
        if not path.is_file():
            return None
        ctype = self.guess_type(str(path))
        if not ctype.startswith(COMPRESSIBLE):
            return None
        stat = path.stat()
        key = (str(path), stat.st_mtime_ns, stat.st_size)
        if key not in self._cache:
            self._cache[key] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        return self._cache[key], ctype

    def _send_compressed(self, head_only: bool) -> bool:
        found = self._compressed()
        if found is None:
            return False
        body, ctype = found
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        if not head_only:
            self.wfile.write(body)
        return True

    def do_GET(self) -> None:
        if not self._send_compressed(head_only=False):
            super().do_GET()

    def do_HEAD(self) -> None:
        if not self._send_compressed(head_only=True):
            super().do_HEAD()


def site_pages(directory: str | os.PathLike[str]) -> list[Path]:
    """Every HTML page of a built site, found in the output: none under ``_static`` and such."""
    root = Path(directory)
    return sorted(
        path
        for path in root.rglob("*.html")
        if not path.relative_to(root).parts[0].startswith(("_", "."))
    )


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that closes a connection early (a page left mid-load) is no error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextlib.contextmanager
def serve(directory: str | os.PathLike[str], port: int = 0, path: str = "/") -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 (a free port by default) under `path`; yield its URL."""
    root = Path(directory)
    if not (root / "index.html").is_file():
        raise FileNotFoundError(f"{root} holds no built site (no index.html)")
    path = "/" + path.strip("/") + "/" if path.strip("/") else "/"
    handler_class = type("Handler", (GzipHandler,), {"root_path": path})
    handler = functools.partial(handler_class, directory=str(root))
    server = _Server((HOST, port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}{path}"
    finally:
        server.shutdown()
        server.server_close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path, help="the built HTML site, e.g. build/html")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    with serve(args.directory, args.port) as url:
        print(f"Serving {args.directory} on {url} (gzip on); Ctrl-C stops.", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
