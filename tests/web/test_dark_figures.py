"""Figures are readable in both themes: seen in the browser, measured on the screenshot pixels.

Each figure is an ``<img>`` pair (lstm_explained.figures.display.show): a light and a dark SVG with
a transparent background, of which Furo's ``only-light`` / ``only-dark`` classes show one. With
Furo switched to a theme, every figure shown is screenshot as the reader sees it, on the page's own
background, and two numbers are taken from its pixels:

- the figure's dominant colour must be the page's colour: a figure drawn on an opaque white
  (or black) box would make it a block of its own colour;
- enough of its pixels must stand out from the page (WCAG contrast ratio of at least 3 to 1
  for lines and shapes, 4.5 to 1 for text): dark ink on a dark page would make it invisible.

Screenshots stay in memory; nothing is written to the repository.
"""

from __future__ import annotations

import io
from typing import Any

import numpy as np
import pytest

pytestmark = pytest.mark.browser

Image = pytest.importorskip("PIL.Image")

#: Share of a figure's pixels that must differ from the page by 3:1 (lines, shapes, text).
MIN_VISIBLE_SHARE = 0.01
#: Share that must reach 4.5:1, WCAG's ratio for text: the labels.
MIN_TEXT_SHARE = 0.002
#: The dominant colour may differ from the page's by this much per channel (0..255).
PAGE_TOLERANCE = 6


def relative_luminance(rgb: np.ndarray) -> np.ndarray:
    """WCAG 2 relative luminance of sRGB pixels (..., 3) in 0..255."""
    c = rgb.astype(float) / 255.0
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return linear @ np.array([0.2126, 0.7152, 0.0722])


def contrast_ratio(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    la, lb = relative_luminance(a), relative_luminance(b)
    return (np.maximum(la, lb) + 0.05) / (np.minimum(la, lb) + 0.05)


def readability(png: bytes, page_rgb: tuple[int, int, int]) -> dict[str, Any]:
    """Dominant colour, and shares of pixels at 3:1 and 4.5:1 against the page colour."""
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).reshape(-1, 3)
    colours, counts = np.unique(pixels, axis=0, return_counts=True)
    dominant = colours[counts.argmax()]
    ratio = contrast_ratio(pixels, np.array(page_rgb))
    return {
        "dominant": tuple(int(v) for v in dominant),
        "dominant_share": float(counts.max() / len(pixels)),
        "visible": float((ratio >= 3.0).mean()),
        "text": float((ratio >= 4.5).mean()),
    }


def test_the_measure_tells_a_block_and_an_invisible_figure() -> None:
    """The pixel measure itself: it fails a white block and dark-on-dark ink, passes good ink."""
    page = (19, 20, 22)  # Furo's dark page

    def png(background: tuple[int, int, int], ink: tuple[int, int, int]) -> bytes:
        img = Image.new("RGB", (200, 100), background)
        img.paste(ink, (20, 20, 180, 30))  # a line of "text" covering 8 % of the image
        out = io.BytesIO()
        img.save(out, "PNG")
        return out.getvalue()

    white_block = readability(png((255, 255, 255), (0, 0, 0)), page)
    assert white_block["dominant"] != page
    invisible = readability(png(page, (40, 40, 45)), page)
    assert invisible["visible"] < MIN_VISIBLE_SHARE
    good = readability(png(page, (230, 237, 243)), page)
    assert good["dominant"] == page
    assert good["text"] >= MIN_TEXT_SHARE


_SCROLL_TO = "(img) => img.scrollIntoView({ block: 'center', behavior: 'instant' })"
#: How many of the images are displayed (not ``display: none``) wherever they are on the page.
_DISPLAYED = "(imgs) => imgs.filter((img) => getComputedStyle(img).display !== 'none').length"

_DRAWN = """async (img) => {
  if (!img.complete || img.naturalWidth === 0) return false;
  await img.decode();
  return true;
}"""

_PAGE_BACKGROUND = """() => getComputedStyle(document.body).backgroundColor
  .match(/\\d+/g).slice(0, 3).map(Number)"""


@pytest.fixture(scope="module")
def figure_pages(site_dir: Any, page_paths: list[str]) -> list[str]:
    """The pages that hold figures, found in the built HTML."""
    pages = [p for p in page_paths if 'class="lstm-figure' in (site_dir / p).read_text()]
    assert pages, "no page holds a figure drawn by lstm_explained.figures.display.show"
    return pages


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_figures_are_readable(
    theme: str, new_page: Any, site_url: str, figure_pages: list[str]
) -> None:
    page = new_page(theme, viewport={"width": 1280, "height": 900})
    other = "light" if theme == "dark" else "dark"
    problems: dict[str, list[str]] = {}
    seen = 0
    for path in figure_pages:
        page.goto(site_url + path)
        assert page.evaluate("document.body.dataset.theme") == theme
        background = tuple(page.evaluate(_PAGE_BACKGROUND))
        shown = page.locator(f"img.lstm-figure.only-{theme}")
        hidden = page.locator(f"img.lstm-figure.only-{other}")
        if hidden.evaluate_all(_DISPLAYED):
            problems.setdefault(path, []).append(f"a {other} figure is shown in the {theme} theme")
        for i in range(shown.count()):
            figure = shown.nth(i)
            # Sections far from the screen are not drawn (content-visibility, _static/custom.css):
            # go where the reader would see the figure first.
            figure.evaluate(_SCROLL_TO)
            if not figure.is_visible():
                problems.setdefault(path, []).append(f"figure {i} is not shown")
                continue
            # Figures load lazily (docs/_ext/figure_files.py): wait until this one is drawn.
            page.wait_for_function(_DRAWN, arg=figure.element_handle())
            measured = readability(figure.screenshot(animations="disabled"), background)
            seen += 1
            near_page = max(
                abs(a - b) for a, b in zip(measured["dominant"], background, strict=True)
            )
            if near_page > PAGE_TOLERANCE:
                problems.setdefault(path, []).append(
                    f"figure {i} is a block: its main colour {measured['dominant']} is not the "
                    f"page's {background}"
                )
            if measured["visible"] < MIN_VISIBLE_SHARE or measured["text"] < MIN_TEXT_SHARE:
                problems.setdefault(path, []).append(f"figure {i} is faint: {measured}")
    assert problems == {}
    assert seen >= len(figure_pages)
