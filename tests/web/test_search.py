"""The site's search works in the browser, from the search box, offline.

Sphinx's search runs in the page (searchtools.js and the built searchindex.js): no server, no
other host. The reader types in Furo's sidebar box and presses Enter, as a reader would.
"""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

#: How many results count as "among the first".
FIRST = 3


def search(page: Any, site_url: str, query: str) -> list[str]:
    """Type `query` in the sidebar search box of the home page; return the result pages."""
    page.goto(site_url + "index.html")
    box = page.locator("input.sidebar-search")
    box.fill(query)
    box.press("Enter")
    page.wait_for_url("**/search.html?*")
    page.locator("#search-results .search-summary").wait_for()
    hrefs = page.eval_on_selector_all(
        "#search-results ul.search > li > a", "links => links.map(a => a.href)"
    )
    pages = []
    for href in hrefs:
        relative = href.split("?", 1)[0].split("#", 1)[0].removeprefix(site_url)
        if relative not in pages:
            pages.append(relative)
    return pages


def test_searching_units_finds_the_page_that_answers_it(new_page: Any, site_url: str) -> None:
    results = search(new_page(), site_url, "units")
    assert "explanation/question.html" in results[:FIRST], results


def test_searching_return_state_finds_the_state_page(new_page: Any, site_url: str) -> None:
    results = search(new_page(), site_url, "return_state")
    assert "explanation/state.html" in results[:FIRST], results


def test_a_word_that_is_nowhere_finds_nothing(new_page: Any, site_url: str) -> None:
    assert search(new_page(), site_url, "xylophone") == []
