"""Page weight: every page under the budget, as transferred to a first-time reader.

The local server gzips text as real hosts do (tools/site_server.py); the report with the
per-page table is ``nox -s weight``.
"""

from __future__ import annotations

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


def test_figures_are_inline_and_counted(visits: dict) -> None:
    with_figures = [v for v in visits.values() if v.weight.inline]
    assert with_figures, "no page has a figure: the figure pages changed?"
    for v in with_figures:
        assert len(v.weight.inline) % 2 == 0, f"{v.path}: figures come in light/dark pairs"
