"""Serve the package's figures as SVG files next to the pages, loaded as the reader reaches them.

In a notebook, :func:`lstm_explained.figures.show` displays each figure as two ``<img>`` whose
``src`` is a self-contained SVG ``data:`` URL (a light and a dark variant), so that a notebook
needs no file beside it. On the site that costs a phone dearly: the heaviest tutorial page
carried about 350 kB of SVG inside its HTML, every variant was parsed and decoded while the page
loaded (the hidden theme's too), and Lighthouse's mobile performance fell below the floor of
``tools/lighthouse_report.py`` on the page's Total Blocking Time.

When Sphinx writes a page, this extension moves each such figure into ``_svg/``, named by
the hash of its SVG (so a figure shown on two pages is one file, and two builds write the same
names), and rewrites its ``<img>``:

- ``src`` points to the file, relative to the page, so the site works from any folder and
  under any base URL;
- ``width`` and ``height`` (CSS pixels, from the SVG's size in points) reserve the figure's box
  before it loads, so nothing moves when it arrives (the style sheet keeps
  ``max-width: 100%; height: auto``);
- ``loading="lazy"`` and ``decoding="async"``: the browser fetches a figure when the reader
  scrolls near it, and never fetches the variant of the theme not shown (``display: none``).

Nothing else of the page changes; the alt text stays as the package wrote it.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from sphinx.application import Sphinx

#: The folder of the built site that holds the figure files.
FOLDER = "_svg"
#: CSS pixels per point (96 / 72).
PX_PER_PT = 4 / 3

_PREFIX = "data:image/svg+xml;charset=utf-8,"
# The <img> written by lstm_explained.figures.display.ThemedFigure._repr_html_.
_FIGURE = re.compile(
    r'<img class="(?P<cls>lstm-figure[^"]*)" src="' + re.escape(_PREFIX) + r'(?P<data>[^"]*)"'
)
_SIZE = re.compile(
    r"""<svg\b[^>]*?\swidth=['"](?P<w>[\d.]+)pt['"][^>]*?\sheight=['"](?P<h>[\d.]+)pt"""
)


def figure_name(svg: str) -> str:
    """The file name of an SVG figure: a hash of its text, so equal figures share one file."""
    return hashlib.sha256(svg.encode("utf-8")).hexdigest()[:20] + ".svg"


def size_attributes(svg: str) -> str:
    """``width`` and ``height`` attributes in CSS pixels, from the SVG's size in points.

    Raises
    ------
    ValueError
        If the SVG's root element gives no width and height in points (as matplotlib writes).
    """
    match = _SIZE.search(svg)
    if match is None:
        raise ValueError(f"figure SVG without a width and height in pt: {svg[:120]!r}")
    width, height = (round(float(match[key]) * PX_PER_PT) for key in ("w", "h"))
    return f' width="{width}" height="{height}"'


def write_once(target: Path, text: str) -> None:
    """Write `text` to `target` unless it is there already; atomic, so parallel writers agree."""
    if target.is_file():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
        out.write(text)
    os.chmod(temporary, 0o644)
    os.replace(temporary, target)


def externalise(body: str, outdir: Path, url_of: Callable[[str], str]) -> str:
    """`body` with every inline figure moved to a file under ``outdir/_svg``.

    Parameters
    ----------
    body : str
        A page's HTML body.
    outdir : Path
        The built site's folder.
    url_of : callable
        Maps a path from the site's root (``_svg/<name>.svg``) to its URL from the page.
    """

    def moved(match: re.Match[str]) -> str:
        svg = unquote(match["data"])
        name = figure_name(svg)
        write_once(outdir / FOLDER / name, svg)
        return (
            f'<img class="{match["cls"]}" src="{url_of(f"{FOLDER}/{name}")}"'
            f'{size_attributes(svg)} loading="lazy" decoding="async"'
        )

    return _FIGURE.sub(moved, body)


def move_figures(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if app.builder.format != "html" or _PREFIX not in context.get("body", ""):
        return
    pathto = context["pathto"]  # relative to the page, as Sphinx links its own static files
    context["body"] = externalise(
        context["body"], Path(app.outdir), lambda path: pathto(path, resource=True)
    )


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", move_figures)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
