"""Tests of figures.cell_diagram: slots per vector, elision, gate highlights."""

import pytest

from lstm_explained.figures.cell_diagram import HIGHLIGHTS, cell_diagram
from lstm_explained.figures.diagrams import ELIDE_ABOVE
from lstm_explained.reference.weights import GATES


@pytest.mark.parametrize(("units", "input_dim"), [(1, 1), (4, 3), (ELIDE_ABOVE, 2)])
def test_cell_slots_match_sizes(units, input_dim):
    d = cell_diagram(units, input_dim)
    for name in ("h", "c", "h_prev", "c_prev", "i", "f", "c_tilde", "o"):
        assert len(d.vectors[name].slots) == units
        assert d.vectors[name].ellipsis is None
    assert len(d.vectors["x_t"].slots) == input_dim
    assert f"units={units}" in d.vectors["h"].label.get_text()
    assert f"input_dim={input_dim}" in d.vectors["x_t"].label.get_text()
    assert f"{units} components" in d.alt
    assert f"{input_dim} components" in d.alt


def test_large_units_are_elided_with_true_count():
    d = cell_diagram(256, 3)
    h = d.vectors["h"]
    assert len(h.slots) < ELIDE_ABOVE
    assert h.ellipsis is not None
    assert "units=256" in h.label.get_text()


@pytest.mark.parametrize("highlight", HIGHLIGHTS[1:])
def test_highlight_changes_emphasis(highlight):
    plain, lit = cell_diagram(4, 3), cell_diagram(4, 3, highlight=highlight)
    assert plain.dimmed == ()
    assert lit.dimmed
    assert all(a.get_alpha() is not None and a.get_alpha() < 1 for a in lit.dimmed)
    for gate in GATES:
        box = lit.gate_boxes[gate]
        assert (box in lit.emphasised) == (gate == highlight)
    assert plain.title.get_text() != lit.title.get_text()


def test_bad_highlight_raises():
    with pytest.raises(ValueError, match="highlight must be one of"):
        cell_diagram(2, 2, highlight="g")
