"""Tests of figures.diagrams, the building blocks: size checks, stacks of slots, wires."""

import matplotlib as mpl
import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch

from lstm_explained.figures.cell_diagram import cell_diagram
from lstm_explained.figures.diagrams import (
    ELIDE_ABOVE,
    ELIDE_KEEP,
    LABEL_SIDES,
    MAX_SIZE,
    SLOT,
    check_drawn_size,
    diagram_axes,
    draw_title,
    draw_vector,
    draw_wire,
    slot_positions,
    stack_height,
)
from lstm_explained.figures.style import THEMES
from lstm_explained.figures.unrolled_diagram import unrolled_diagram

LIGHT = THEMES["light"]


@pytest.fixture
def ax():
    return diagram_axes(None, 4, 4, (0, 10), (0, 10))


@pytest.mark.parametrize("bad", [0, -1, 10**9])
def test_bad_sizes_raise_value_error(bad):
    with pytest.raises(ValueError, match=rf"units must be an integer in \[1, \d+\], got {bad}"):
        cell_diagram(bad, 3)
    with pytest.raises(ValueError, match="timesteps"):
        unrolled_diagram(bad, 3, 3)


@pytest.mark.parametrize("bad", [2.5, 4.0, "4", True, None])
def test_check_drawn_size_refuses_non_integers(bad):
    with pytest.raises(TypeError, match=r"units must be an integer in \[1, 100000\]"):
        check_drawn_size("units", bad)


def test_numpy_integers_are_accepted():
    assert check_drawn_size("units", np.int64(3)) == 3
    assert check_drawn_size("units", MAX_SIZE) == MAX_SIZE


@pytest.mark.parametrize("size", [1, ELIDE_ABOVE, ELIDE_ABOVE + 1, 256])
def test_slot_positions_keep_both_ends(size):
    shown, gap = slot_positions(size)
    if size <= ELIDE_ABOVE:
        assert (shown, gap) == (list(range(size)), None)
    else:
        head, tail = ELIDE_KEEP
        assert shown == [*range(head), *range(size - tail, size)]
        assert gap == head
    assert stack_height(size) == pytest.approx(SLOT * (len(shown) + (gap is not None)))


@pytest.mark.parametrize("size", [3, 256])
@pytest.mark.parametrize("side", LABEL_SIDES)
def test_draw_vector_draws_its_slots_and_label(ax, size, side):
    v = draw_vector(
        ax, "h", size, (5, 5), color="#123456", theme=LIGHT, label="h", label_side=side
    )
    shown, gap = slot_positions(size)
    assert (v.name, v.size) == ("h", size)
    assert len(v.slots) == len(shown)
    assert (v.ellipsis is None) == (gap is None)
    assert v.label.get_text() == "h"
    assert all(mpl.colors.to_hex(s.get_facecolor()) == "#123456" for s in v.slots)
    assert set(v.artists) >= set(v.slots)


def test_draw_vector_refuses_an_unknown_label_side(ax):
    with pytest.raises(ValueError, match=r"label_side must be one of .* got 'top'"):
        draw_vector(ax, "h", 3, (5, 5), color="#123456", theme=LIGHT, label="h", label_side="top")


def test_draw_wire_ends_in_one_arrow_head(ax):
    artists = draw_wire(ax, [(0, 0), (0, 2), (3, 2)], color="#000000")
    arrows = [a for a in artists if isinstance(a, FancyArrowPatch)]
    assert len(arrows) == 1
    assert arrows[0]._posA_posB[1] == (3, 2)
    plain = draw_wire(ax, [(0, 0), (0, 2)], color="#000000", arrow=False)
    assert not any(isinstance(a, FancyArrowPatch) for a in plain)


@pytest.mark.parametrize("points", [[(0, 0), (1, 2, 3)], [(0, 0)], []])
def test_draw_wire_refuses_points_of_the_wrong_shape(ax, points):
    with pytest.raises(ValueError, match=r"points must be at least two \(x, y\) pairs, got"):
        draw_wire(ax, points, color="#000000")


def test_diagram_axes_and_title(ax):
    assert isinstance(ax.figure, Figure)
    assert (ax.get_xlim(), ax.get_ylim()) == ((0, 10), (0, 10))
    assert not ax.axison
    title = draw_title(ax, (5, 9), "Heading", LIGHT)
    assert title.get_text() == "Heading"
    assert title.get_fontweight() == "bold"
