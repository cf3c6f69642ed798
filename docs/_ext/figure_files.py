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

Every language of the site is built from one execution of each page, so each figure arrives
drawn in every language of ``site_languages`` (``conf.py`` sets
``LSTM_EXPLAINED_FIGURE_LANGUAGES``, which :func:`lstm_explained.figures.show` reads): its
``lstm-figure-pair`` holds a light and a dark ``<img>`` per language, each with a ``lang``
attribute. Before the files are written, only the build language's pair is kept (the others
are neither written nor linked) and its ``lang`` attribute is dropped, the page's own language
saying the same, so the English pages are what they were before the translation. A figure with
``lang`` attributes but none of the build language stops the build (``ExtensionError``, naming
the page). A pair without ``lang`` (a helper a page defines, drawn in its own words) is kept
as it is.
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

import languages
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

#: The folder of the built site that holds the figure files.
FOLDER = "_svg"
#: CSS pixels per point (96 / 72).
PX_PER_PT = 4 / 3

_PREFIX = "data:image/svg+xml;charset=utf-8,"
# The <img> written by lstm_explained.figures.display.ThemedFigure._repr_html_.
_FIGURE = re.compile(
    r'<img class="(?P<cls>lstm-figure[^"]*)" src="' + re.escape(_PREFIX) + r'(?P<data>[^"]*)"'
)
# A pair of figures as show() writes it, and its <img> elements (attribute values hold no '"':
# the data URL has no double quote and the alt text is escaped; a data URL may hold ">").
_PAIR = re.compile(r'<div class="lstm-figure-pair">(?P<images>.*?)</div>', re.DOTALL)
_IMAGE = re.compile(r'<img(?:\s+[\w-]+="[^"]*")*\s*/?>')
_LANG = re.compile(r'\slang="(?P<code>[^"]*)"')
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


def keep_language(body: str, language: str) -> str:
    """`body` with only the `language` images of each figure pair that has ``lang`` attributes.

    The kept images lose their ``lang`` attribute (the page's language says it); images
    without one, and pairs without any, are left as they are.

    Raises
    ------
    ValueError
        If a pair has images with ``lang`` attributes and none in `language`.
    """

    def kept(match: re.Match[str]) -> str:
        images = _IMAGE.findall(match["images"])
        codes = [lang["code"] if (lang := _LANG.search(img)) else None for img in images]
        if not any(codes):
            return match[0]
        if language not in codes:
            drawn = ", ".join(sorted({repr(code) for code in codes if code}))
            raise ValueError(f"a figure is drawn in {drawn}, not in {language!r}")
        chosen = [
            _LANG.sub("", img, count=1)
            for img, code in zip(images, codes, strict=True)
            if code in (language, None)
        ]
        return '<div class="lstm-figure-pair">' + "".join(chosen) + "</div>"

    return _PAIR.sub(kept, body)


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
    language = languages.site_language(app)
    try:
        body = keep_language(context["body"], language)
    except ValueError as error:
        raise ExtensionError(
            f"{pagename}: {error}; draw it with lstm_explained.figures.show() and "
            "LSTM_EXPLAINED_FIGURE_LANGUAGES listing every language of site_languages "
            "(conf.py sets it), then re-execute the page"
        ) from None
    pathto = context["pathto"]  # relative to the page, as Sphinx links its own static files
    context["body"] = externalise(body, Path(app.outdir), lambda path: pathto(path, resource=True))


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", move_figures)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
