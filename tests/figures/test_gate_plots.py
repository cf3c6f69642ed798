"""Tests of figures.gate_plots."""

import numpy as np
import pytest

from lstm_explained.figures.cli import gate_input
from lstm_explained.figures.gate_plots import PANELS, gate_plot
from lstm_explained.reference.sequence import lstm_trace
from lstm_explained.reference.weights import LSTMWeights


@pytest.fixture(scope="module")
def case():
    x = np.concatenate([gate_input(6, 2), -gate_input(6, 2)])  # (2, 6, 2)
    return x, lstm_trace(x, LSTMWeights.random(2, 3))


def test_one_panel_per_quantity_with_fixed_ranges(case):
    x, trace = case
    plot = gate_plot(trace, x, batch_index=1)
    assert list(plot.meshes) == [name for name, *_ in PANELS]
    for gate in ("i", "f", "o"):
        assert plot.meshes[gate].get_clim() == (0.0, 1.0)
    assert plot.meshes["h"].get_clim() == (-1.0, 1.0)
    lo, hi = plot.meshes["c"].get_clim()
    assert hi == -lo > 0
    np.testing.assert_array_equal(plot.meshes["f"].get_array(), trace.f[1].T)
    np.testing.assert_array_equal(plot.meshes["x"].get_array(), x[1].T)
    assert "6 steps" in plot.alt
    assert "3 units" in plot.alt


def test_bad_batch_index_and_mismatched_input(case):
    x, trace = case
    with pytest.raises(ValueError, match="batch_index"):
        gate_plot(trace, x, batch_index=2)
    with pytest.raises(ValueError, match="timesteps"):
        gate_plot(trace, x[:, :4])
