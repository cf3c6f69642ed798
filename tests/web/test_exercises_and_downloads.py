"""Exercises and downloads in the browser: folded solutions, keyboard, both themes.

- Every solution (a code cell tagged ``solution``) is folded by sphinx-togglebutton into a
  ``<details>`` block: its code is not shown until the reader opens it, with the keyboard as
  with the mouse, and an opened solution passes axe in both themes.
- The two download links under each title download the page's notebook and source, from the
  keyboard, in both themes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .test_accessibility import violations  # axe on the page, every section drawn

pytestmark = pytest.mark.browser

#: A page with exercises whose solutions are the lesson's last cells.
EXERCISE_PAGE = "explanation/dropout.html"

_SOLUTIONS = """() => Array.from(document.querySelectorAll(".cell.tag_solution")).map((cell) => {
  const details = cell.closest("details.toggle-details");
  const code = cell.querySelector(".cell_input pre");
  return {
    folded: !!details && !details.open,
    codeShown: !!code && code.checkVisibility(),  // false inside a closed <details>
    hint: details ? details.querySelector("summary").textContent.trim() : "",
    tabIndex: details ? details.querySelector("summary").tabIndex : -1,
  };
})"""


def solutions(page: Any) -> list[dict[str, Any]]:
    """Each solution's state, with the exercises scrolled into view as a reader would."""
    page.wait_for_selector("details.toggle-details", state="attached")
    page.locator("details.toggle-details").first.scroll_into_view_if_needed()
    return page.evaluate(_SOLUTIONS)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_solutions_are_folded_until_the_keyboard_opens_them(
    theme: str, new_page: Any, site_url: str, site_dir: Path
) -> None:
    page = new_page(theme)
    page.goto(site_url + EXERCISE_PAGE)
    folded = solutions(page)
    expected = (site_dir / EXERCISE_PAGE).read_text(encoding="utf-8").count("cell tag_solution")
    assert len(folded) == expected >= 2
    assert all(s["folded"] and not s["codeShown"] for s in folded), folded
    assert {s["hint"] for s in folded} == {"Show the solution"}
    assert all(s["tabIndex"] == 0 for s in folded)  # a summary is in the Tab order

    summaries = page.locator("details.toggle-details > summary")
    for index in range(summaries.count()):
        summaries.nth(index).focus()
        page.keyboard.press("Enter")
    opened = solutions(page)
    assert all(not s["folded"] and s["codeShown"] for s in opened), opened
    assert {s["hint"] for s in opened} == {"Hide the solution"}
    assert violations(page) == []

    summaries.first.focus()
    page.keyboard.press("Space")  # and closed again
    assert solutions(page)[0]["folded"]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_downloads_under_the_title_work_from_the_keyboard(
    theme: str, new_page: Any, site_url: str, site_dir: Path
) -> None:
    page = new_page(theme, accept_downloads=True)
    page.goto(site_url + EXERCISE_PAGE)
    links = page.locator("p.page-downloads a[download]")
    assert links.count() == 2
    fetched = {}
    for index in range(2):
        link = links.nth(index)
        assert link.is_visible()
        link.focus()
        assert page.evaluate("document.activeElement.matches(':focus-visible')")
        with page.expect_download() as info:
            page.keyboard.press("Enter")
        download = info.value
        fetched[download.suggested_filename] = Path(download.path()).read_bytes()
    assert sorted(fetched) == ["dropout.ipynb", "dropout.md"]
    notebook = json.loads(fetched["dropout.ipynb"])
    assert notebook["cells"][0]["cell_type"] == "markdown"
    assert "pip install" in "".join(notebook["cells"][0]["source"])
    tags = [cell.get("metadata", {}).get("tags", []) for cell in notebook["cells"]]
    assert not any("remove-cell" in t for t in tags)
    assert sum("solution" in t for t in tags) >= 2  # the exercises' solutions come with it
    source = site_dir / "_downloads" / "pages" / "explanation" / "dropout.md"
    assert fetched["dropout.md"] == source.read_bytes()
