"""Tests of figures.weights_diagram: blocks, shapes and the count from param_count."""

import pytest

from lstm_explained.figures.weights_diagram import weights_diagram
from lstm_explained.reference.shapes import param_count
from lstm_explained.reference.weights import LSTMWeights


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


@pytest.mark.parametrize("bad", [2.5, 4.0, "4", True, None])
def test_non_integers_raise_type_error(bad):
    with pytest.raises(TypeError, match="input_dim must be an integer"):
        weights_diagram(bad, 3)
