"""What the maintained extensions leave to us: sitemap.xml, robots.txt, the 404 page's body links,
the pages' descriptions and the mark drawn on the link-preview cards.

- ``sitemap.xml`` lists every page (not the 404 page, the search page, the index or redirect
  stubs), sorted by URL, each with its git date as ``<lastmod>``. URLs are absolute when a base URL
  is configured (``html_baseurl``, set and normalised by ``conf.py``), as search engines require;
  in a local build without one they are relative to the site's root, which is the best a build
  that does not know its address can do. Both hosting configurations set the base URL.
  (sphinx-sitemap is not used: it lists pages in the order the build writes them, which varies
  under ``-j``, and warns, so fails the strict build, without a base URL. See README.md.)
  The English build, at the site's root, writes it for every language of ``site_languages``:
  each page's URL in each language, with ``xhtml:link`` alternates naming the others.
- ``robots.txt`` allows everything and, when the base URL is known, names the sitemap (the
  robots.txt format requires an absolute URL there, so a build without one leaves it out).
- The 404 page (``docs/404.md``) is served by the host for any missing path, at any depth.
  sphinx-notfound-page makes the theme's links (styles, scripts, sidebar, search box) absolute
  paths under ``notfound_urls_prefix``; it leaves the page's own body alone, so the body's
  relative links (its cross-references and its search form) get the same prefix here, and so
  does ``data-content_root``, the root that Sphinx's scripts build their URLs from. (A
  ``<base href>`` would do both, but also send the page's ``#`` links, such as the theme's
  "skip to content", to the home page.)
- ``search-form`` puts a search box in the 404 page's body, labelled in the build's language.
- A page's description, for link previews, is ``description:`` in its front matter, else its
  opening paragraph (every page opens with its answer), cut at a word boundary: it becomes the
  ``og:description`` and ``<meta name="description">`` that sphinxext-opengraph writes.
- ``card_mark`` draws the site's favicon (a state vector of four units in the gate colours, on the
  site's blue) as the PNG that sphinxext-opengraph puts on every preview card.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

NOT_FOUND = "404"
SITEMAP = "sitemap.xml"
NOT_IN_SITEMAP = {NOT_FOUND, "genindex", "search", "py-modindex"}
#: A relative URL in an ``href``, ``src`` or ``action`` attribute: no scheme, not ``/``, not ``#``.
RELATIVE_URL = re.compile(r'\b(href|src|action)="(?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#)([^"]*)"')
BRAND = "#0b5cad"  # the site's primary colour (conf.py, html_theme_options)
DESCRIPTION_CHARS = 200


#: The words this extension writes, in the site's other languages (docs/_ext/languages.py).
TRANSLATIONS = {"fr": {"Search the site": "Rechercher sur le site", "Search": "Rechercher"}}


class SearchForm(SphinxDirective):
    """``search-form``: a search box in the page's body (the 404 page), in the build's language.

    It sends the reader to the site's search page, as the sidebar's box does.
    """

    def run(self) -> list[nodes.Node]:
        from languages import SOURCE_LANGUAGE, translate

        language = self.config.language or SOURCE_LANGUAGE
        label = html.escape(translate(language, "Search the site", TRANSLATIONS))
        button = html.escape(translate(language, "Search", TRANSLATIONS))
        form = (
            '<form class="not-found-search" action="search.html" method="get" role="search">'
            f'<label for="not-found-q" class="visually-hidden">{label}</label>'
            f'<input type="search" id="not-found-q" name="q" placeholder="{label}" autofocus>'
            f'<button type="submit">{button}</button></form>'
        )
        return [nodes.raw("", form, format="html")]


def not_found_body(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    """Anchor the 404 page's body links at the site's root, as notfound does for the theme's."""
    if pagename != NOT_FOUND or "body" not in context:
        return
    prefix = app.config.notfound_urls_prefix or "/"
    context["body"] = RELATIVE_URL.sub(lambda m: f'{m[1]}="{prefix}{m[2]}"', context["body"])
    context["content_root"] = prefix  # <html data-content_root>, which Sphinx's scripts read


def opening_paragraph(doctree: nodes.document) -> str:
    """Text of the first paragraph of the page's top section, before any subsection."""
    section = next(iter(doctree.findall(nodes.section)), None)
    for child in section.children if section is not None else ():
        if isinstance(child, nodes.section):
            break
        if isinstance(child, nodes.paragraph):
            return child.astext()
    return ""


def shorten(text: str, limit: int = DESCRIPTION_CHARS) -> str:
    """`text` on one line, cut at a word boundary to at most `limit` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def page_description(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    """The page's ``description:``, else its opening paragraph: og:description, the card's alt
    text and the meta description.

    Runs before sphinxext-opengraph, which then writes no meta description of its own and takes
    og:description and og:image:alt from the page's fields. (Its own description is the page's
    text from the top, which runs on past a short opening paragraph and drops the space before a
    "(", "[" or quote that follows inline code; the text drawn on its cards is still that one.)
    """
    if doctree is None:
        return
    meta = context.get("meta") or {}
    if meta.get("description") and (app.config.language or "en") != "en":
        # Front matter is not translated: the French page would describe itself in English.
        raise ExtensionError(
            f"{pagename}: 'description:' in the front matter is not translated; remove it and "
            "let the page's opening paragraph (which is) describe it"
        )
    text = shorten(str(meta.get("description") or opening_paragraph(doctree)))
    if not text:
        return
    context["meta"] = {**meta, "og:description": text, "og:image:alt": text}
    tag = f'<meta name="description" content="{html.escape(text, quote=True)}" />\n'
    context["metatags"] = context.get("metatags", "") + tag


def card_mark(target: Path) -> Path:
    """Draw the favicon (``_static/favicon.svg``) as a 256x256 PNG at `target`; return `target`.

    matplotlib cannot read SVG and sphinxext-opengraph's cards take PNG only, so the four slots
    are drawn again from the package's gate colours. Written only when the bytes change, through
    a temporary file, so that builds running side by side never read half a file.
    """
    import io

    from matplotlib.figure import Figure
    from matplotlib.patches import FancyBboxPatch

    from lstm_explained.figures.style import GATE_COLORS, save_figure

    fig = Figure(figsize=(2.56, 2.56))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.set_xlim(0, 32)
    ax.set_ylim(32, 0)  # the SVG's coordinates: y grows downwards
    boxes = [((1, 1), 30, 30, 6, BRAND, "none")]  # (x, y), width, height, radius, face, edge
    for k, color in enumerate(GATE_COLORS.values()):
        boxes.append(((10, 4.5 + 6 * k), 12, 5, 1.5, color, "#ffffff"))
    for xy, width, height, radius, face, edge in boxes:
        style = f"round,pad=0,rounding_size={radius}"
        ax.add_patch(FancyBboxPatch(xy, width, height, boxstyle=style, facecolor=face,
                                    edgecolor=edge, linewidth=1.5))  # fmt: skip
    buffer = io.BytesIO()
    save_figure(fig, buffer, "png", dpi=100)
    if not target.is_file() or target.read_bytes() != buffer.getvalue():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        partial.write_bytes(buffer.getvalue())
        partial.replace(target)
    return target


def sitemap_entries(app: Sphinx) -> list[tuple[str, str, dict[str, str]]]:
    """``(url, lastmod, alternates)`` of every page in every language, sorted by URL.

    `alternates` maps each of the site's languages (``site_languages``) to the page's URL in it.
    A translated page's date is the later of its source's and its catalogue's (as its footer).
    """
    from languages import folder, page_sources
    from site_history import file_date

    root = Path(app.confdir).parent
    base = app.config.html_baseurl  # "" or ending in "/" (conf.py): the English site's root
    codes = list(app.config.site_languages)
    entries = []
    for docname in sorted(app.env.found_docs):
        if docname in NOT_IN_SITEMAP:
            continue
        uri = app.builder.get_target_uri(docname)
        alternates = {code: base + folder(code) + uri for code in codes}
        for code in codes:
            date = max(file_date(root, path) for path in page_sources(app, docname, code))
            entries.append((alternates[code], date, alternates))
    return sorted(entries)


def sitemap_xml(entries: list[tuple[str, str, dict[str, str]]]) -> str:
    """The sitemap; a page in several languages names each version (``xhtml:link`` hreflang)."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        ' xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for url, lastmod, alternates in entries:
        lines.append(f"  <url><loc>{escape(url)}</loc><lastmod>{lastmod}</lastmod>")
        if len(alternates) > 1:
            for code, href in alternates.items():
                lines.append(
                    f'    <xhtml:link rel="alternate" hreflang="{code}" href="{escape(href)}"/>'
                )
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(base: str) -> str:
    """robots.txt: allow everything; name the sitemap only by an absolute URL."""
    text = "User-agent: *\nAllow: /\n"
    if base.startswith(("http://", "https://")):
        text += f"\nSitemap: {base}{SITEMAP}\n"
    return text


def write_files(app: Sphinx, exception: Exception | None) -> None:
    """Write sitemap.xml and robots.txt at the root of the HTML output."""
    if exception is not None or app.builder.format != "html":
        return
    if (app.config.language or "en") != "en":
        return  # the English build, at the root, writes both for every language
    out = Path(app.outdir)
    (out / SITEMAP).write_text(sitemap_xml(sitemap_entries(app)), encoding="utf-8")
    (out / "robots.txt").write_text(robots_txt(app.config.html_baseurl), encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("site_history")
    app.add_directive("search-form", SearchForm)
    app.connect("html-page-context", not_found_body, priority=900)
    # Before sphinxext-opengraph (priority 500), which reads the page's fields and meta tags.
    app.connect("html-page-context", page_description, priority=400)
    app.connect("build-finished", write_files)
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True}
