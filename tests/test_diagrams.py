"""Tests of the diagrams: cell, unrolled and weights (artists and labels, not pixels)."""

import itertools

import numpy as np
import pytest
from matplotlib.patches import FancyArrowPatch

from lstm_explained.cell_diagram import HIGHLIGHTS, cell_diagram
from lstm_explained.diagrams import ELIDE_ABOVE, check_size
from lstm_explained.shapes import output_shapes, param_count
from lstm_explained.unrolled_diagram import ELIDE_STEPS_ABOVE, unrolled_diagram
from lstm_explained.weights import GATES, LSTMWeights
from lstm_explained.weights_diagram import weights_diagram

MIN_ARROW = 0.5  # data units: shorter than this, an arrow head hides its line


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


@pytest.mark.parametrize("bad", [0, -1, 10**9])
def test_bad_sizes_raise_value_error(bad):
    with pytest.raises(ValueError, match=rf"units must be an integer in \[1, \d+\], got {bad}"):
        cell_diagram(bad, 3)
    with pytest.raises(ValueError, match="timesteps"):
        unrolled_diagram(bad, 3, 3)


@pytest.mark.parametrize("bad", [2.5, 4.0, "4", True, None])
def test_non_integers_raise_type_error(bad):
    with pytest.raises(TypeError, match="input_dim must be an integer"):
        weights_diagram(bad, 3)


def test_numpy_integers_are_accepted():
    assert check_size("units", np.int64(3)) == 3


def test_bad_highlight_raises():
    with pytest.raises(ValueError, match="highlight must be one of"):
        cell_diagram(2, 2, highlight="g")


@pytest.mark.parametrize("seq", [False, True])
@pytest.mark.parametrize("state", [False, True])
def test_unrolled_returns_the_keras_shapes(seq, state):
    d = unrolled_diagram(4, 3, 2, return_sequences=seq, return_state=state)
    expected = output_shapes(None, 4, 2, 3, return_sequences=seq, return_state=state)
    assert list(d.shapes.values()) == expected
    assert len(d.cells) == 4
    assert all(len(h.slots) == 3 for h in d.hidden)
    assert len(d.returned["output"]) == (4 if seq else 1)
    assert ("state_h" in d.returned) == state
    for name, label in d.shape_labels.items():
        shown = "(batch, " + ", ".join(map(str, d.shapes[name][1:])) + ")"
        assert shown in label.get_text()
    assert "units is the height" in d.alt
    assert "4 time steps" in d.alt


def test_unrolled_elides_long_sequences():
    d = unrolled_diagram(50, 4, 3)
    assert len(d.cells) <= ELIDE_STEPS_ABOVE
    assert d.steps[-1] == 50


@pytest.mark.parametrize("timesteps", [3, 50])
def test_unrolled_carries_the_state_between_every_pair_of_steps(timesteps):
    # Each pair of neighbouring cells is joined by two horizontal arrows (h and c), whether the
    # steps between them are drawn or stand behind the ellipsis, and no arrow is a stub.
    d = unrolled_diagram(timesteps, 4, 3)
    ax = d.figure.axes[0]
    boxes = sorted((c.get_x(), c.get_x() + c.get_width()) for c in d.cells)
    horizontal = []
    for arrow in ax.patches:
        if isinstance(arrow, FancyArrowPatch):
            (x0, y0), (x1, y1) = arrow._posA_posB
            if y0 == y1:
                horizontal.append((x0, x1))
    assert min(x1 - x0 for x0, x1 in horizontal) >= MIN_ARROW
    for (_, right), (left, _) in itertools.pairwise(boxes):
        into_next = [(x0, x1) for x0, x1 in horizontal if np.isclose(x1, left)]
        assert len(into_next) == 2, (right, left)
        reached = min(x0 for x0, _ in into_next)
        out_of_previous = [x0 for x0, _ in horizontal if np.isclose(x0, right)]
        assert np.isclose(reached, right) or len(out_of_previous) == 2


def test_weights_count_comes_from_param_count():
    d = weights_diagram(3, 4)
    assert d.total == param_count(3, 4) == d.breakdown.total
    assert f"= {param_count(3, 4):,} parameters" in d.count_text.get_text()
    assert d.block_labels["kernel", "i"].get_text() == "(3, 4)"
    assert d.block_labels["bias", "o"].get_text() == "(4,)"
    assert len(d.blocks) == 12


def test_weights_from_lstm_weights_and_no_bias():
    d = weights_diagram(LSTMWeights.random(2, 5, use_bias=False))
    assert d.total == param_count(2, 5, use_bias=False)
    assert ("bias", "i") not in d.blocks
