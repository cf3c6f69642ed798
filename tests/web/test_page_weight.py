"""Page weight: every page under the budget, as transferred to a first-time reader.

The local server gzips text as real hosts do (tools/site_server.py); the report with the
per-page table is ``nox -s weight``.
"""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_every_page_is_under_the_budget(visits: dict) -> None:
    from page_weight import BUDGET, report

    weights = [v.weight for v in visits.values()]
    over = {w.page: w.total for w in weights if w.total >= BUDGET}
    assert over == {}, report(weights)


def test_weights_count_what_was_transferred(visits: dict) -> None:
    """The numbers are real: each page has its HTML, CSS and JS, and text came compressed."""
    for path, v in visits.items():
        kinds = v.weight.by_kind()
        assert min(kinds["HTML"], kinds["CSS"], kinds["JS"]) > 0, (path, kinds)
        decoded = v.weight.by_kind(decoded=True)
        assert kinds["HTML"] < decoded["HTML"], f"{path}: the HTML was not sent compressed"


def test_figures_load_as_files_in_the_theme_shown_only(visits: dict, site_dir: Any) -> None:
    """Every figure is a file the page loads once the reader scrolls to it, in the theme shown.

    The visits are in the light theme and scroll through the page: each light figure of the
    page is requested once (from ``_svg/``), no dark variant is, and no figure is left inside
    the HTML as a ``data:`` URL (docs/_ext/figure_files.py).
    """
    with_figures = {path: v for path, v in visits.items() if v.figures_in_html["light"]}
    assert with_figures, "no page has a figure: the figure pages changed?"
    for path, v in with_figures.items():
        assert v.figures_in_html["light"] == v.figures_in_html["dark"], f"{path}: unpaired"
        loaded = [item.path for item in v.weight.figures]
        assert len(loaded) == v.figures_in_html["light"], (path, loaded)
        assert all(item.kind == "images" and item.transferred > 0 for item in v.weight.figures)
    inline = [path for path in visits if "data:image/svg+xml" in (site_dir / path).read_text()]
    assert inline == []
