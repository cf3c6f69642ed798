"""Tests of figures.coupling: two Jacobians on one scale, and the alt text."""

import numpy as np

from lstm_explained.figures.coupling import coupling_figure
from lstm_explained.reference.weights import LSTMWeights


def test_coupling_figure_shares_one_scale():
    fig = coupling_figure(LSTMWeights.random(3, 4))
    (left, right) = fig.images
    assert left.get_clim() == right.get_clim()
    assert left.get_clim()[0] == -left.get_clim()[1]
    coupled = fig.jacobians[0]
    assert np.count_nonzero(coupled - np.diag(np.diag(coupled))) > 0
    assert "independent" in fig.axes[1].get_title()
    assert "units=4" in fig.axes[0].get_title()
    assert "4 by 4" in fig.alt
