"""On a phone (390 CSS pixels wide), no page scrolls sideways; wide things scroll in their box.

Code blocks, outputs, equations and tables may be wider than the screen: they scroll on their
own (overflow-x: auto or scroll), and the page itself does not move sideways.
"""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 1,
    "is_mobile": True,
    "has_touch": True,
}

# Elements sticking out on the right that are not inside a box that scrolls on its own: the
# culprits, named to help whoever fixes a failure.
_CULPRITS = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = (el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
  const out = [];
  for (const el of document.querySelectorAll("article *")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1) continue;
    let parent = el.parentElement, contained = false;
    while (parent && parent !== document.body) {
      if (scrolls(parent)) { contained = true; break; }
      parent = parent.parentElement;
    }
    if (!contained && !scrolls(el)) out.push(`${el.tagName.toLowerCase()}.${el.className}`);
  }
  return out.slice(0, 5);
}"""


def test_no_page_scrolls_sideways_on_a_phone(
    new_page: Any, site_url: str, page_paths: list[str]
) -> None:
    page = new_page(**PHONE)
    wide: dict[str, Any] = {}
    for path in page_paths:
        page.goto(site_url + path)
        assert page.evaluate("innerWidth") == 390
        page.evaluate("window.scrollTo(300, 0)")  # a reader's sideways swipe
        moved = page.evaluate("window.scrollX")
        overflow = page.evaluate(
            "document.scrollingElement.scrollWidth - document.documentElement.clientWidth"
        )
        if moved or overflow > 0:
            wide[path] = {"scrollX": moved, "overflow_px": overflow,
                          "culprits": page.evaluate(_CULPRITS)}  # fmt: skip
    assert wide == {}


def test_wide_code_scrolls_inside_its_own_box(new_page: Any, site_url: str) -> None:
    """The escape hatch used above is real: a code block wider than the phone scrolls itself."""
    page = new_page(**PHONE)
    page.goto(site_url + "reference/api.html")
    scrollable = page.evaluate(
        """() => Array.from(document.querySelectorAll("article pre"))
            .filter((pre) => pre.scrollWidth > pre.clientWidth).length"""
    )
    assert scrollable > 0, "no code block is wider than a phone: pick another page for this test"
