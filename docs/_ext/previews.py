"""Link previews: a title, a description and an image for every page, made at build time.

For each page this extension writes Open Graph and Twitter card ``<meta>`` tags and a 1200x630
PNG card (``_previews/<page>.png``) drawn with matplotlib in the package's style: the page
title, its description and a column of unit slots in the gate colours. Nothing is fetched; the
cards are saved with :func:`lstm_explained.figures.style.save_figure`, so the bytes never vary.

- The description is the page's opening paragraph (every page opens with its answer),
  shortened at a word boundary. A page may set its own with ``description:`` in its front matter.
- With a base URL (``html_baseurl``, which ``conf.py`` normalises: empty, or ending in ``/``),
  ``og:url`` and ``og:image`` are absolute and Sphinx adds ``<link rel="canonical">``. Without
  one (a local build), ``og:image`` is relative to the page and there is no ``og:url``.
- Descriptions are kept in the ``previews`` store of the environment (``_envdata``).
"""

from __future__ import annotations

import hashlib
import html
import re
import textwrap
from pathlib import Path
from typing import Any

from _envdata import store
from docutils import nodes
from sphinx.application import Sphinx

CARD_DIR = "_previews"
CARD_SIZE = (1200, 630)  # pixels: the size link previews expect (1.91:1)
DESCRIPTION_CHARS = 200
CARD_VERSION = "1"  # bump to redraw every cached card after changing the drawing
STORE = "previews"  # _envdata store: {docname: description}


def shorten(text: str, limit: int = DESCRIPTION_CHARS) -> str:
    """`text` on one line, cut at a word boundary to at most `limit` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def opening_paragraph(doctree: nodes.document) -> str:
    """Text of the first paragraph of the page's top section, before any subsection."""
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return ""
    for child in section.children:
        if isinstance(child, nodes.section):
            break
        if isinstance(child, nodes.paragraph):
            return child.astext()
    return ""


def collect(app: Sphinx, doctree: nodes.document) -> None:
    """Store the page's description in the environment."""
    env = app.env
    meta = env.metadata.get(env.docname, {})
    text = str(meta.get("description") or opening_paragraph(doctree))
    store(env, STORE)[env.docname] = shorten(text)


def draw_card(title: str, description: str, site: str, target: Path) -> None:
    """Draw the preview card of one page into `target` (PNG, deterministic bytes)."""
    import matplotlib as mpl
    from matplotlib.figure import Figure
    from matplotlib.patches import FancyBboxPatch, Rectangle

    from lstm_explained.figures.style import BASE_RC, GATE_COLORS, STATE_COLORS, save_figure

    dpi = 100
    with mpl.rc_context(BASE_RC):
        fig = Figure(figsize=(CARD_SIZE[0] / dpi, CARD_SIZE[1] / dpi), dpi=dpi)
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_axis_off()
        ax.set_xlim(0, CARD_SIZE[0])
        ax.set_ylim(0, CARD_SIZE[1])
        ax.add_patch(Rectangle((0, 0), *CARD_SIZE, facecolor="#ffffff", edgecolor="none"))
        ax.add_patch(Rectangle((0, 0), 24, CARD_SIZE[1], facecolor="#0b5cad", edgecolor="none"))
        # A state vector of four units, one slot per gate colour: the site's motif.
        for k, color in enumerate(GATE_COLORS.values()):
            box = FancyBboxPatch(
                (1040, 150 + 90 * k), 70, 70, boxstyle="round,pad=0,rounding_size=10",
                facecolor=color, edgecolor=STATE_COLORS["h"], linewidth=2,
            )  # fmt: skip
            ax.add_patch(box)
        title_lines = textwrap.wrap(title, 30)[:3]
        ax.text(80, 540, "\n".join(title_lines), fontsize=46, fontweight="bold",
                color="#1a1a1a", va="top", linespacing=1.15)  # fmt: skip
        body_top = 540 - 62 * len(title_lines) - 40
        body = textwrap.wrap(description, 58)[:5]
        ax.text(80, body_top, "\n".join(body), fontsize=22, color="#3d3d3d", va="top",
                linespacing=1.3)  # fmt: skip
        ax.text(80, 40, site, fontsize=22, color="#0b5cad", fontweight="bold", va="bottom")
    target.parent.mkdir(parents=True, exist_ok=True)
    save_figure(fig, target, "png", dpi=dpi)


def card_path(app: Sphinx, pagename: str, title: str, description: str) -> str:
    """Draw (or reuse from the cache) the card of `pagename`; return its path in the site."""
    key = hashlib.sha256(
        "\0".join((CARD_VERSION, title, description, app.config.project)).encode()
    ).hexdigest()[:16]
    cache = Path(app.doctreedir) / "previews" / f"{key}.png"
    if not cache.exists():
        draw_card(title, description, app.config.project, cache)
    relative = f"{CARD_DIR}/{pagename}.png"
    target = Path(app.outdir) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    data = cache.read_bytes()
    if not target.exists() or target.read_bytes() != data:
        target.write_bytes(data)
    return relative


def page_meta(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Add the Open Graph and Twitter card tags of one page to its head."""
    if doctree is None:
        return
    descriptions = store(app.env, STORE)
    title = re.sub(r"<[^>]+>", "", context.get("title") or "")
    title = html.unescape(title)
    description = descriptions.get(pagename) or app.config.project
    image = card_path(app, pagename, title, description)
    base = app.config.html_baseurl  # "" or ending in "/" (conf.py)
    image_url = base + image if base else context["pathto"](image, 1)
    tags = {
        "description": description,
        "og:title": title,
        "og:description": description,
        "og:type": "website" if pagename == app.config.root_doc else "article",
        "og:site_name": app.config.project,
        "og:image": image_url,
        "og:image:width": str(CARD_SIZE[0]),
        "og:image:height": str(CARD_SIZE[1]),
        "og:image:alt": f"{title}: {app.config.project}",
        "twitter:card": "summary_large_image",
        "twitter:title": title,
        "twitter:description": description,
        "twitter:image": image_url,
    }
    if base:
        tags["og:url"] = base + app.builder.get_target_uri(pagename)
    lines = []
    for name, value in tags.items():
        attr = "property" if name.startswith("og:") else "name"
        lines.append(f'<meta {attr}="{name}" content="{html.escape(value, quote=True)}">')
    context["metatags"] = context.get("metatags", "") + "\n".join(lines) + "\n"


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("_envdata")
    app.connect("doctree-read", collect)
    app.connect("html-page-context", page_meta)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
