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


def search(page: Any, site_url: str, query: str, language: str = "") -> list[str]:
    """Type `query` in the sidebar search box of the home page; return the result pages.

    `language` is the folder of a translated site (``"fr/"``): its own search, in its language.
    """
    site_url += language
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


def test_the_french_site_searches_french_words_with_french_stemming(
    new_page: Any, site_url: str
) -> None:
    """Sphinx's French stemmer: "oubli" finds the pages about the forget gate ("porte d'oubli",
    "d'oubli" once the stemmer has taken the elision off), and "unités" the page that answers."""
    results = search(new_page(), site_url, "oubli", language="fr/")
    assert "explanation/inside-the-cell.html" in results, results
    results = search(new_page(), site_url, "unités", language="fr/")
    assert "explanation/question.html" in results, results


def test_the_french_index_is_french(site_dir: Any) -> None:
    index = (site_dir / "fr" / "searchindex.js").read_text(encoding="utf-8")
    assert '"unit"' in index  # French stem of "unités"
    options = (site_dir / "fr" / "_static" / "documentation_options.js").read_text()
    assert "LANGUAGE: 'fr'" in options
