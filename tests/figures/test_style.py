"""Tests of figures.style: themes, palette and deterministic saving."""

import matplotlib as mpl
import pytest

from lstm_explained.figures.cell_diagram import cell_diagram
from lstm_explained.figures.cli import gate_input
from lstm_explained.figures.coupling import coupling_figure
from lstm_explained.figures.gate_plots import gate_plot
from lstm_explained.figures.style import (
    GATE_COLORS,
    GRU_GATE_COLORS,
    GRU_GATE_NAMES,
    THEMES,
    figure_to_png,
    figure_to_svg,
    get_theme,
)
from lstm_explained.figures.unrolled_diagram import unrolled_diagram
from lstm_explained.figures.weights_diagram import weights_diagram
from lstm_explained.reference.gru_weights import GRU_GATES
from lstm_explained.reference.sequence import lstm_trace
from lstm_explained.reference.weights import GATES, LSTMWeights

#: Default-size SVGs must stay light enough for a documentation page.
MAX_SVG_BYTES = 100_000


def _figures(theme):
    weights = LSTMWeights.random(3, 4)
    x = gate_input(5, 3)
    return {
        "cell": lambda: cell_diagram(4, 3, theme=theme).figure,
        "unrolled": lambda: unrolled_diagram(5, 4, 3, return_state=True, theme=theme).figure,
        "weights": lambda: weights_diagram(3, 4, theme=theme).figure,
        "coupling": lambda: coupling_figure(weights, theme=theme).figure,
        "gates": lambda: gate_plot(lstm_trace(x, weights), x, theme=theme).figure,
    }


def test_palette_covers_every_gate():
    assert set(GATE_COLORS) == set(GATES)
    assert len(set(GATE_COLORS.values())) == 4


def test_gru_palette_uses_the_same_colours():
    assert tuple(GRU_GATE_COLORS) == tuple(GRU_GATE_NAMES) == GRU_GATES
    assert len(set(GRU_GATE_COLORS.values())) == 3
    assert set(GRU_GATE_COLORS.values()) <= set(GATE_COLORS.values())
    assert GRU_GATE_COLORS["h"] == GATE_COLORS["c"]  # the candidate, in both layers


def test_unknown_theme_is_refused():
    with pytest.raises(ValueError, match="theme must be one of"):
        get_theme("sepia")


@pytest.mark.parametrize("theme", sorted(THEMES))
@pytest.mark.parametrize("name", ["cell", "unrolled", "weights", "coupling", "gates"])
def test_svg_is_deterministic_and_small(name, theme):
    make = _figures(theme)[name]
    first, second = figure_to_svg(make()), figure_to_svg(make())
    assert first == second
    assert len(first.encode()) < MAX_SVG_BYTES
    assert "<dc:date>" not in first


@pytest.mark.parametrize("name", ["cell", "coupling", "gates"])
def test_png_is_deterministic(name):
    make = _figures("dark")[name]
    assert figure_to_png(make(), dpi=50) == figure_to_png(make(), dpi=50)


def test_helpers_do_not_change_global_rcparams():
    before = dict(mpl.rcParams)
    cell_diagram(2, 2, theme="dark")
    assert dict(mpl.rcParams) == before
