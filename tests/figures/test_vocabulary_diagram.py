"""Tests of figures.vocabulary_diagram: one memory block per unit, own gate values, the names."""

import numpy as np
import pytest

from lstm_explained.figures.display import show
from lstm_explained.figures.style import figure_to_svg
from lstm_explained.figures.vocabulary_diagram import ELIDE_BLOCKS_ABOVE, vocabulary_diagram
from lstm_explained.reference.cell import lstm_step
from lstm_explained.reference.weights import LSTMWeights


def _step(units: int, batch: int = 1):
    """One step of random weights from a random state: every unit's gates take other values."""
    rng = np.random.default_rng(0)
    w = LSTMWeights.random(2, units, seed=1, dtype=np.float64)
    x_t, h_prev, c_prev = (rng.normal(size=(batch, n)) for n in (2, units, units))
    return lstm_step(x_t, h_prev, c_prev, w)


@pytest.mark.parametrize("units", [1, 2, 3, ELIDE_BLOCKS_ABOVE])
def test_one_memory_block_per_unit(units):
    d = vocabulary_diagram(units)
    assert [block.unit for block in d.blocks] == list(range(units))
    assert len({id(block.box) for block in d.blocks}) == units
    for block in d.blocks:
        assert set(block.gates) == {"i", "f", "o"}
        assert block.values == {}
    assert f"units={units}" in d.title.get_text()
    assert f"= {units}" in d.names["units"].get_text()


def test_large_layers_are_elided_but_name_their_true_count():
    d = vocabulary_diagram(256)
    assert len(d.blocks) < ELIDE_BLOCKS_ABOVE
    assert d.blocks[0].unit == 0
    assert d.blocks[-1].unit == 255
    assert "= 256" in d.names["units"].get_text()
    assert "256 memory blocks" in d.alt


def test_each_block_shows_its_own_units_values():
    step = _step(3)
    d = vocabulary_diagram(3, step=step)
    for block in d.blocks:
        for name in ("i", "f", "o", "c"):
            assert block.values[name] == float(getattr(step, name)[0, block.unit])
    forget = [block.values["f"] for block in d.blocks]
    assert len(set(forget)) == 3  # gates are per unit, not shared by the blocks
    texts = {t.get_text() for t in d.ax.texts}
    assert f"{step.f[0, 2]:.2f}" in texts


def test_the_parts_are_named():
    d = vocabulary_diagram(3)
    assert set(d.names) == {"units", "memory cell", "memory block", "box A", "output"}
    assert "num_units" in d.names["units"].get_text()
    assert "hidden_size" in d.names["units"].get_text()
    assert "LSTMCell" in d.names["box A"].get_text()
    assert "1997" in d.names["memory cell"].get_text()
    assert "2000" in d.names["memory block"].get_text()


def test_alt_text_states_what_the_figure_shows():
    alt = vocabulary_diagram(4).alt
    assert "units=4" in alt
    assert "4 memory blocks" in alt
    assert "LSTMCell" in alt
    assert "i[j], f[j], o[j]" in alt


def test_drawing_is_deterministic_in_both_themes():
    step = _step(3)
    for theme in ("light", "dark"):
        first = figure_to_svg(vocabulary_diagram(3, step=step, theme=theme).figure)
        assert first == figure_to_svg(vocabulary_diagram(3, step=step, theme=theme).figure)
    shown = show(vocabulary_diagram, 3, step=step)
    assert shown.svg["light"] != shown.svg["dark"]
    assert shown.alt == vocabulary_diagram(3).alt


def test_draws_on_given_axes():
    from matplotlib.figure import Figure

    ax = Figure().add_subplot()
    assert vocabulary_diagram(2, ax=ax).ax is ax


@pytest.mark.parametrize(
    ("units", "error", "message"),
    [
        (0, ValueError, "units must be an integer in .*, got 0"),
        (3.0, TypeError, "units must be an integer in .*, got 3.0 of type float"),
        (True, TypeError, "units must be .*, got True of type bool"),
    ],
)
def test_bad_units_are_refused_naming_the_value(units, error, message):
    with pytest.raises(error, match=message):
        vocabulary_diagram(units)


def test_a_step_of_another_size_is_refused():
    with pytest.raises(ValueError, match=r"step\.i has shape \(1, 4\); expected \(1, units=3\)"):
        vocabulary_diagram(3, step=_step(4))
    with pytest.raises(ValueError, match=r"step\.i has shape \(2, 3\)"):
        vocabulary_diagram(3, step=_step(3, batch=2))
    with pytest.raises(TypeError, match=r"step must be a StepResult .*got dict"):
        vocabulary_diagram(3, step={"i": np.zeros((1, 3))})


def test_bad_theme_is_refused():
    with pytest.raises(ValueError, match="theme must be one of"):
        vocabulary_diagram(3, theme="sepia")
