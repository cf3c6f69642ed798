"""A page printed, or saved as PDF, is a handout: the content only (docs/_static/print.css).

The heaviest pages are opened in each of Furo's themes, their print layout is inspected in the
browser (what is displayed, what overflows, what a link adds after its text), and each is printed
to PDF with Chromium (Playwright's ``page.pdf``, the browser's own print path) and read back
with pypdf: the text is the article's, without the site's furniture.
"""

from __future__ import annotations

import io
from typing import Any

import pytest

pytestmark = pytest.mark.browser

pypdf = pytest.importorskip("pypdf")

#: Pages printed: the largest HTML files of the site (code, tables, figures, the API).
HEAVIEST = 3
#: The width of the printed area in CSS pixels: A4 (793.7 px) less Chrome's default margins.
PAPER_WIDTH = 718
#: Words only the site's furniture says: none may be printed.
FURNITURE = (
    "Back to top", "Skip to content", "Toggle Light", "On this page", "Copy to clipboard",
    "Show the solution", "Hide the solution",
)  # fmt: skip

_PRINT_LAYOUT = """() => {
  const shown = (el) => el.getClientRects().length > 0;
  const all = (selector) => Array.from(document.querySelectorAll(selector));
  const furniture = ".sidebar-drawer, .toc-drawer, .back-to-top, .skip-to-content, "
    + "button.copybtn, .theme-toggle, .content-icon-container, .answer-actions, .related-pages";
  const external = all("article a.reference.external[href^='http']").filter(shown);
  return {
    background: getComputedStyle(document.body).backgroundColor,
    furniture: all(furniture).filter(shown).map((el) => el.className || el.tagName),
    light: all("img.lstm-figure.only-light").filter(shown).length,
    dark: all("img.lstm-figure.only-dark").filter(shown).length,
    pairs: all("img.lstm-figure.only-light").length,
    overflowing: all("pre, .cell_output, .table-wrapper").filter(shown)
      .filter((el) => el.scrollWidth > el.clientWidth + 1).length,
    links: external.map((a) => [a.getAttribute("href"), getComputedStyle(a, "::after").content]),
  };
}"""

_FIGURES_DRAWN = """() => Array.from(document.querySelectorAll("img.lstm-figure.only-light"))
  .filter((img) => !img.complete || img.naturalWidth === 0).length"""


@pytest.fixture(scope="module")
def printed_pages(site_dir: Any, page_paths: list[str]) -> list[str]:
    """The largest HTML pages of the built site."""
    # The English site's pages (a French page prints through the same style sheet).
    skip = ("search.html", "genindex.html", "404.html")
    articles = [p for p in page_paths if p not in skip and not p.startswith("fr/")]
    return sorted(articles, key=lambda p: -(site_dir / p).stat().st_size)[:HEAVIEST]


def heading_of(page: Any) -> str:
    return page.evaluate(
        """() => { const h = document.querySelector("h1").cloneNode(true);
                   h.querySelectorAll(".headerlink").forEach((a) => a.remove());
                   return h.textContent.trim(); }"""
    )


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_printed_page_is_the_content_only(
    theme: str, new_page: Any, site_url: str, printed_pages: list[str]
) -> None:
    page = new_page(theme, viewport={"width": PAPER_WIDTH, "height": 1000})
    problems: dict[str, list[str]] = {}
    figures = links = 0
    for path in printed_pages:
        page.goto(site_url + path)
        page.emulate_media(media="print")
        layout = page.evaluate(_PRINT_LAYOUT)
        found = problems.setdefault(path, [])
        if layout["background"] != "rgb(255, 255, 255)":
            found.append(f"printed on {layout['background']}, not white paper")
        if layout["furniture"]:
            found.append(f"site furniture printed: {layout['furniture']}")
        if (layout["light"], layout["dark"]) != (layout["pairs"], 0):
            found.append(f"figures: {layout['light']} light and {layout['dark']} dark shown "
                         f"for {layout['pairs']} pairs")  # fmt: skip
        if layout["overflowing"]:
            found.append(f"{layout['overflowing']} code blocks or outputs overflow the paper")
        for href, after in layout["links"]:
            if after != f'" ({href})"':
                found.append(f"the link to {href} prints {after} after its text")
        figures += layout["pairs"]
        links += len(layout["links"])
        page.emulate_media(media="screen")
    assert {path: found for path, found in problems.items() if found} == {}
    assert figures > 0, "no printed page has a figure: choose pages that do"
    assert links > 0, "no printed page links to another site: choose pages that do"


def test_the_heaviest_pages_print_to_pdf(
    new_page: Any, site_url: str, printed_pages: list[str]
) -> None:
    page = new_page("dark")
    for path in printed_pages:
        page.goto(site_url + path, wait_until="networkidle")
        title = heading_of(page)
        pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
        text = " ".join(" ".join(sheet.extract_text().split()) for sheet in pdf.pages)
        assert len(pdf.pages) >= 2, (path, len(pdf.pages))
        assert title in text, (path, title, text[:300])
        assert [word for word in FURNITURE if word in text] == [], path
        # Figures load lazily on screen; printing loads every one, none is left blank.
        assert page.evaluate(_FIGURES_DRAWN) == 0, path
