"""What a hosted site needs besides its pages: sitemap.xml, robots.txt and a 404 page that works.

- ``sitemap.xml`` lists every page (not the 404 page, the search page, the index or redirect
  stubs), each with its git date as ``<lastmod>``. URLs are absolute when a base URL is
  configured (``html_baseurl``, set and normalised by ``conf.py``), as search engines require; in a
  local build without one they are relative to the site's root, which is the best a build that
  does not know its address can do. Both hosting configurations set the base URL.
- ``robots.txt`` allows everything and, when the base URL is known, names the sitemap (the
  robots.txt format requires an absolute URL there, so a build without one leaves it out).
- The 404 page (``docs/404.md``) is served by the host for any missing path, at any depth, so its
  relative links would point nowhere. A ``<base href>`` (the base URL, else ``/``) anchors them at
  the site's root, and a ``noindex`` keeps it out of search results.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from sphinx.application import Sphinx

NOT_FOUND = "404"
SITEMAP = "sitemap.xml"
NOT_IN_SITEMAP = {NOT_FOUND, "genindex", "search", "py-modindex"}


def not_found_head(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    """Give the 404 page a base URL and keep it out of search engines."""
    if pagename != NOT_FOUND:
        return
    base = app.config.html_baseurl or "/"
    head = f'<base href="{escape(base)}">\n<meta name="robots" content="noindex">\n'
    # The base must come before the first relative URL of the head: put it first.
    context["metatags"] = head + context.get("metatags", "")


def sitemap_entries(app: Sphinx) -> list[tuple[str, str]]:
    """``(url, lastmod)`` of every page that belongs in the sitemap, sorted by URL."""
    from site_history import file_date

    root = Path(app.confdir).parent
    base = app.config.html_baseurl  # "" or ending in "/" (conf.py)
    entries = []
    for docname in sorted(app.env.found_docs):
        if docname in NOT_IN_SITEMAP:
            continue
        url = base + app.builder.get_target_uri(docname)
        entries.append((url, file_date(root, Path(app.env.doc2path(docname)))))
    return sorted(entries)


def sitemap_xml(entries: list[tuple[str, str]]) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for url, lastmod in entries:
        lines.append(f"  <url><loc>{escape(url)}</loc><lastmod>{lastmod}</lastmod></url>")
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
    out = Path(app.outdir)
    (out / SITEMAP).write_text(sitemap_xml(sitemap_entries(app)), encoding="utf-8")
    (out / "robots.txt").write_text(robots_txt(app.config.html_baseurl), encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("site_history")
    app.connect("html-page-context", not_found_head, priority=900)
    app.connect("build-finished", write_files)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
