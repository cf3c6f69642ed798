"""Tests of figures.gru_cell_diagram: slots per vector, elision, reset_after, bad input."""

import pytest

from lstm_explained.figures.diagrams import ELIDE_ABOVE
from lstm_explained.figures.gru_cell_diagram import gru_cell_diagram
from lstm_explained.figures.style import GRU_GATE_COLORS, figure_to_svg, new_figure
from lstm_explained.reference.gru_weights import GRU_GATES


@pytest.mark.parametrize(("units", "input_dim"), [(1, 1), (4, 3), (ELIDE_ABOVE, 2), (2, 7)])
def test_slots_match_sizes(units, input_dim):
    d = gru_cell_diagram(units, input_dim)
    for name in ("h_prev", "z", "r", "h_tilde", "h"):
        assert len(d.vectors[name].slots) == units
        assert d.vectors[name].ellipsis is None
    assert len(d.vectors["x_t"].slots) == input_dim
    assert f"units={units}" in d.vectors["h"].label.get_text()
    assert f"input_dim={input_dim}" in d.vectors["x_t"].label.get_text()
    assert f"{units} components" in d.alt
    assert f"{input_dim} components" in d.alt


def test_one_box_per_block_in_keras_order_and_colour():
    d = gru_cell_diagram(4, 3)
    assert tuple(d.gate_boxes) == GRU_GATES
    xs = [box.get_x() for box in d.gate_boxes.values()]
    assert xs == sorted(xs)  # z, r, h from left to right
    for gate, box in d.gate_boxes.items():
        assert box.get_edgecolor()[:3] == pytest.approx(
            tuple(int(GRU_GATE_COLORS[gate][k : k + 2], 16) / 255 for k in (1, 3, 5))
        )
    assert set(d.vectors) == {"x_t", "h_prev", "z", "r", "h_tilde", "h"}  # no c


def test_large_units_are_elided_with_true_count():
    d = gru_cell_diagram(256, 3)
    assert len(d.vectors["h"].slots) < ELIDE_ABOVE
    assert d.vectors["h"].ellipsis is not None
    assert "units=256" in d.vectors["h"].label.get_text()


def test_reset_after_changes_the_candidate_equation_and_alt():
    after, before = gru_cell_diagram(4, 3), gru_cell_diagram(4, 3, reset_after=False)
    assert after.reset_after is True
    assert before.reset_after is False
    assert "reset_after=True" in after.title.get_text()
    assert "reset_after=False" in before.title.get_text()
    assert after.equations[0].get_text() == before.equations[0].get_text()  # h_t's update
    assert after.equations[1].get_text() != before.equations[1].get_text()
    assert "rec" in after.equations[1].get_text()  # the recurrent bias, inside r * (...)
    assert after.alt != before.alt


def test_draws_on_a_given_axes_and_is_deterministic():
    fig = new_figure(7.2, 4.81)
    ax = fig.add_axes((0, 0, 1, 1))
    d = gru_cell_diagram(3, 2, ax=ax)
    assert d.ax is ax
    assert d.figure is fig
    assert figure_to_svg(gru_cell_diagram(3, 2).figure) == figure_to_svg(
        gru_cell_diagram(3, 2).figure
    )


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"units": 0}, ValueError, "units must be an integer in"),
        ({"units": 2.0}, TypeError, "units must be an integer"),
        ({"input_dim": "3"}, TypeError, "input_dim must be an integer"),
        ({"reset_after": "yes"}, TypeError, "reset_after must be True or False"),
        ({"theme": "sepia"}, ValueError, "theme must be one of"),
    ],
)
def test_bad_input_raises(kwargs, error, message):
    arguments = {"units": 4, "input_dim": 3, **kwargs}
    with pytest.raises(error, match=message):
        gru_cell_diagram(**arguments)
