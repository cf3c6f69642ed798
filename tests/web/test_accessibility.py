"""Accessibility in the browser: axe-core on every page in both themes, alt texts, keyboard.

axe-core is the copy that axe-playwright-python ships (no download); every rule it runs by
default (WCAG 2.x A and AA, and best practices) runs, none is disabled. What it found on the
Furo theme is fixed at the root in ``docs/_templates/`` (see the comments there).
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from .conftest import in_browsers, themed_page

pytestmark = pytest.mark.browser

axe_playwright = pytest.importorskip("axe_playwright_python.sync_playwright")


#: Sections far from the screen are drawn only when they come near it (custom.css,
#: ``content-visibility: auto``), which is how a reader sees them. axe scrolls to each element it
#: checks, so the sections around it get drawn while it measures, the page grows under it, and
#: it reads colours at points where other content has since moved (a footer link "on" a code
#: block). axe runs on the page with every section drawn: what the reader gets once near.
DRAW_EVERYTHING = "section, dl.py { content-visibility: visible !important; }"


def violations(page: Any) -> list[str]:
    """axe-core's violations on the loaded page, one line each: rule, impact, first target."""
    page.add_style_tag(content=DRAW_EVERYTHING)
    found = axe_playwright.Axe().run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}, {len(v['nodes'])}x): {v['nodes'][0]['html'][:120]}"
        for v in found
    ]


def axe_on(browser: Any, site_url: str, path: str, theme: str) -> list[str]:
    """axe-core's violations on one page, opened in a new context of `browser` in `theme`."""
    page = themed_page(browser.new_context, theme)
    try:
        page.goto(site_url + path)
        assert page.evaluate("document.body.dataset.theme") == theme, "the theme was not applied"
        return violations(page)
    finally:
        page.context.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_axe_finds_no_violation(theme: str, site_url: str, page_paths: list[str]) -> None:
    """Every page of every language; the pages are shared out over two browsers at once."""
    found = in_browsers(lambda browser, path: axe_on(browser, site_url, path, theme), page_paths)
    assert {
        path: problems for path, problems in zip(page_paths, found, strict=True) if problems
    } == {}


def test_two_browsers_report_each_page_s_own_violations_in_order() -> None:
    """The check above is not vacuous: axe finds an image without an alt text, on that page."""
    head = "<!doctype html><html lang='en'><head><title>t</title></head><body><main><h1>a</h1>"
    pages = [head + "<p>fine</p></main></body></html>"] * 3
    pages[1] = head + "<img src='data:image/gif;base64,R0lGODlhAQABAAAAACw='></main></body></html>"

    def axe_on_html(browser: Any, html: str) -> list[str]:
        page = themed_page(browser.new_context, "dark")
        try:
            page.set_content(html)
            return violations(page)
        finally:
            page.context.close()

    found = in_browsers(axe_on_html, pages)
    assert [any(line.startswith("image-alt") for line in lines) for lines in found] == [
        False, True, False,
    ]  # fmt: skip
    with pytest.raises(ZeroDivisionError):
        in_browsers(lambda browser, item: 1 / item, [1, 0])


#: Pages read scrolled down: the longest pages of the site.
SCROLLED = ("explanation/question.html", "how-to/shapes.html", "tutorials/match-keras.html")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_axe_finds_no_violation_once_the_reader_scrolls_down(
    theme: str, new_page: Any, site_url: str
) -> None:
    """What only shows after scrolling (Furo's "Back to top" button) is checked too."""
    page = new_page(theme)
    found = {}
    for path in SCROLLED:
        page.goto(site_url + path)
        page.mouse.wheel(0, 4000)
        page.wait_for_timeout(300)
        page.mouse.wheel(0, -400)  # Furo shows the button when the reader scrolls back up
        page.wait_for_selector(".back-to-top", state="visible")
        if problems := violations(page):
            found[path] = problems
    assert found == {}


# -- Alt texts ------------------------------------------------------------------------------------
#: Alt texts that say nothing: empty, a generic word, a file name or a URL.
EMPTY_ALT = re.compile(r"^\s*(image|img|figure|fig|plot|graph|diagram|picture|chart)?\s*\d*\s*$")
FILE_NAME = re.compile(r"\.(png|svg|jpe?g|gif|webp)\b|^data:|^https?:", re.IGNORECASE)


def test_every_image_has_a_meaningful_alt_text(
    new_page: Any, site_url: str, page_paths: list[str]
) -> None:
    """Each figure is described in words: a sentence at least, and no two figures alike."""
    page = new_page()
    bad: dict[str, list[str]] = {}
    for path in page_paths:
        page.goto(site_url + path)
        images = page.evaluate(
            "() => Array.from(document.images, (img) => [img.getAttribute('alt'), img.className])"
        )
        figures = [alt for alt, cls in images if "only-dark" not in cls]  # one of each pair
        for alt, _ in images:
            if alt is None or EMPTY_ALT.match(alt) or FILE_NAME.search(alt):
                bad.setdefault(path, []).append(f"no meaningful alt: {alt!r}")
            elif len(alt.split()) < 5:
                bad.setdefault(path, []).append(f"alt too short to describe a figure: {alt!r}")
        if len(set(figures)) != len(figures):
            bad.setdefault(path, []).append("two different figures share one alt text")
    assert bad == {}


# -- Keyboard -------------------------------------------------------------------------------------
_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(),
    text: (el.getAttribute("aria-label") || el.textContent || "").trim().slice(0, 40),
    skipLink: el.classList.contains("skip-to-content"),
    indicator: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
      || style.boxShadow !== "none",
    shown: parseFloat(style.opacity) > 0.5 && style.visibility === "visible",
    inMain: !!el.closest("#furo-main-content"),
  };
}"""
# The focused element is on the screen (a code block taller than the window, at least in part).
_IN_VIEW = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return true;
  const box = el.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
    && box.top < innerHeight && box.left < innerWidth;
}"""
_JUMPED = "() => location.hash === '#furo-main-content'"
_ARTICLE_HAS_FOCUSABLE = """() => !!document.querySelector(
  "#furo-main-content :is(a[href], button, input, select, textarea, summary, [tabindex='0'])")"""


def _focus_problem(page: Any) -> str | None:
    """What is wrong with the focused element's visibility, if anything."""
    focused = page.evaluate(_FOCUSED)
    if focused is None:
        return None
    try:
        page.wait_for_function(_IN_VIEW, timeout=2000)
    except Exception:  # Playwright's TimeoutError
        return f"focused element never scrolled into view: {focused}"
    if not (focused["indicator"] and focused["shown"]):
        return f"focus not visible: {focused}"
    return None


def test_keyboard_skip_link_and_visible_focus(
    new_page: Any, site_url: str, page_paths: list[str]
) -> None:
    """Tab shows "Skip to content" first; Enter jumps into the article; focus is always seen.

    A page that puts the focus in a field by itself (``autofocus``, as the "not found" page
    does with its search box) starts there instead of at the skip link. The reader asks for
    reduced motion, so that what is seen is read at once, not halfway through a transition.
    """
    page = new_page(reduced_motion="reduce")
    problems: dict[str, list[str]] = {}
    for path in page_paths:
        found = problems.setdefault(path, [])
        page.goto(site_url + path)
        if page.evaluate("!!document.querySelector('[autofocus]')"):
            if page.evaluate("document.activeElement.hasAttribute('autofocus')") is not True:
                found.append("the autofocus field does not have the focus")
        else:
            page.keyboard.press("Tab")
            first = page.evaluate(_FOCUSED)
            if not (first and first["skipLink"]):
                found.append(f"the first Tab does not reach the skip link: {first}")
            elif problem := _focus_problem(page):
                found.append(f"skip link: {problem}")
            page.keyboard.press("Enter")
            try:  # following the link is a navigation: on a busy machine it lands a bit later
                page.wait_for_function(_JUMPED, timeout=5000)
            except Exception:  # Playwright's TimeoutError
                found.append(f"the skip link did not jump: {page.url}")
            page.keyboard.press("Tab")
            after = page.evaluate(_FOCUSED)
            if page.evaluate(_ARTICLE_HAS_FOCUSABLE) and not (after and after["inMain"]):
                found.append(f"the Tab after the skip link is not in the article: {after}")
        for _ in range(6):  # the next stops along the page: each one visibly focused
            if problem := _focus_problem(page):
                found.append(problem)
            page.keyboard.press("Tab")
    assert {path: found for path, found in problems.items() if found} == {}
