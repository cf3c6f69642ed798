"""Every page in a real browser: it loads, shows its title, logs no error, loads nothing remote.

Each page is opened once, in a fresh browser context, by the ``visits`` fixture (conftest.py),
from a local server on 127.0.0.1; any request to another host is aborted and recorded.
"""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_pages_are_discovered_from_the_output(page_paths: list[str]) -> None:
    for expected in ("index.html", "search.html", "genindex.html", "reference/api.html"):
        assert expected in page_paths
    assert not [p for p in page_paths if p.startswith("_")]


def test_every_page_loads_with_status_200(visits: dict) -> None:
    assert {p: v.status for p, v in visits.items() if v.status != 200} == {}


def one_line(text: str) -> str:
    """`text` with its spaces as the tab shows them (a no-break space becomes a space there)."""
    return " ".join(text.split())


def test_every_page_shows_its_title(visits: dict) -> None:
    """The tab shows the page's own heading, and that heading is visible on the page."""
    wrong = {
        path: (v.title, v.heading, v.heading_visible)
        for path, v in visits.items()
        if not (v.heading and v.heading_visible and v.title.startswith(one_line(v.heading)))
    }
    assert wrong == {}
    assert len({v.title for v in visits.values()}) == len(visits), "two pages share a title"


def test_no_page_logs_a_javascript_error_or_a_failed_request(visits: dict) -> None:
    assert {p: v.errors for p, v in visits.items() if v.errors} == {}


def test_no_request_leaves_127_0_0_1(visits: dict) -> None:
    """No font, script, style, math renderer or image from another host: the site works offline."""
    assert {p: v.foreign for p, v in visits.items() if v.foreign} == {}


def test_every_image_is_drawn(visits: dict) -> None:
    assert {p: v.undrawn_images for p, v in visits.items() if v.undrawn_images} == {}


def test_the_404_page_works_at_any_depth(new_page: Any, site_url: str) -> None:
    """A missing path, however deep, gets the 404 page (as hosts send it): styled, and with links
    (its search form included) that lead to real pages."""
    missing = site_url + "no/such/folder/page.html"
    page = new_page()
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda r: r.status >= 400 and r.url != missing and failed.append(r.url))
    response = page.goto(missing, wait_until="networkidle")
    assert response is not None
    assert response.status == 404
    assert page.locator("h1").first.inner_text().startswith("Page not found")
    assert failed == []  # every stylesheet, script and image of the page loaded
    sheets = page.evaluate("[...document.styleSheets].map((s) => s.href || '')")
    assert any("/_static/styles/furo.css" in sheet for sheet in sheets), sheets
    links = page.locator("article a.reference.internal")
    hrefs = [links.nth(k).evaluate("(a) => a.href") for k in range(links.count())]
    assert len(hrefs) >= 6, hrefs
    for href in hrefs:
        assert href.startswith(site_url), href
        assert page.request.get(href).status == 200, href
    page.locator("#not-found-q").fill("units")
    page.locator("form.not-found-search button").click()
    page.wait_for_url(f"{site_url}search.html?q=units")
    page.wait_for_selector("#search-results ul.search li")
