"""Tests of figures.unrolled_diagram: returned tensors, elided steps, state arrows."""

import itertools

import numpy as np
import pytest
from matplotlib.patches import FancyArrowPatch

from lstm_explained.figures.unrolled_diagram import ELIDE_STEPS_ABOVE, unrolled_diagram
from lstm_explained.reference.shapes import output_shapes

MIN_ARROW = 0.5  # data units: shorter than this, an arrow head hides its line


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
