"""Tests of interop.keras_io, and that importing the package does not import Keras."""

import subprocess
import sys

import numpy as np
import pytest

from lstm_explained import (
    LSTMWeights,
    compare_bidirectional_with_keras,
    compare_with_keras,
    keras_bidirectional,
    keras_lstm,
)
from lstm_explained.interop import keras_io
from lstm_explained.interop.keras_io import _max_abs_difference

ATOL = 1e-5  # float32 work, see test_keras_parity.py


def test_import_does_not_import_tensorflow_or_keras():
    code = (
        "import sys, lstm_explained; "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'tensorflow', 'keras'}); "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env=None)


@pytest.fixture
def weights():
    return LSTMWeights.random(3, 4, seed=11)


@pytest.mark.keras
def test_round_trip_through_layer_and_cell(keras, weights):
    layer = keras.layers.LSTM(4)
    layer.build((None, None, 3))
    weights.to_keras(layer)
    for source in (layer, layer.cell):
        back = LSTMWeights.from_keras(source)
        for name in ("kernel", "recurrent_kernel", "bias"):
            np.testing.assert_array_equal(getattr(back, name), getattr(weights, name))


@pytest.mark.keras
def test_from_a_called_layer_without_bias(keras, rng):
    layer = keras.layers.LSTM(2, use_bias=False)
    x = rng.normal(size=(1, 3, 5)).astype(np.float32)
    layer(x)
    w = LSTMWeights.from_keras(layer)
    assert (w.input_dim, w.units, w.bias) == (5, 2, None)
    np.testing.assert_allclose(np.asarray(layer(x)), np.asarray(keras_lstm(w)(x)), atol=ATOL)


@pytest.mark.keras
def test_bidirectional_halves(weights):
    backward = LSTMWeights.random(3, 4, seed=12)
    layer = keras_bidirectional(weights, backward)
    np.testing.assert_array_equal(
        LSTMWeights.from_keras(layer.forward_layer).kernel, weights.kernel
    )
    np.testing.assert_array_equal(
        LSTMWeights.from_keras(layer.backward_layer).kernel, backward.kernel
    )
    with pytest.raises(TypeError, match="pass its forward_layer or backward_layer"):
        LSTMWeights.from_keras(layer)


@pytest.mark.keras
def test_errors(keras, weights):
    with pytest.raises(TypeError, match=r"cell is a LSTMCell, or the cell itself; got Dense"):
        LSTMWeights.from_keras(keras.layers.Dense(3))
    with pytest.raises(ValueError, match="is not built"):
        LSTMWeights.from_keras(keras.layers.LSTM(4))
    small = keras.layers.LSTM(2)
    small.build((None, None, 3))
    with pytest.raises(
        ValueError, match=r"weight shapes \[\(3, 8\), \(2, 8\), \(8,\)\].*\(3, 16\)"
    ):
        weights.to_keras(small)
    no_bias = keras.layers.LSTM(4, use_bias=False)
    no_bias.build((None, None, 3))
    with pytest.raises(ValueError, match="weight shapes"):
        weights.to_keras(no_bias)


@pytest.mark.keras
def test_keras_lstm_keeps_options_and_weights(weights):
    layer = keras_lstm(weights, return_sequences=True, go_backwards=True)
    assert layer.return_sequences
    assert layer.go_backwards
    assert layer.units == 4
    np.testing.assert_array_equal(np.asarray(layer.cell.kernel), weights.kernel)


@pytest.mark.keras
def test_compare_helpers(weights, rng):
    x = rng.normal(size=(2, 5, 3))
    mask = np.array([[1, 1, 0, 1, 0], [0, 0, 1, 1, 1]], bool)
    state = list(rng.normal(size=(2, 2, 4)))
    assert compare_with_keras(x, weights) < ATOL
    assert (
        compare_with_keras(
            x,
            weights,
            return_sequences=True,
            return_state=True,
            mask=mask,
            initial_state=state,
            recurrent_activation="hard_sigmoid_keras2",
        )
        < ATOL
    )
    backward = LSTMWeights.random(3, 4, seed=13)
    assert (
        compare_bidirectional_with_keras(
            x, weights, backward, merge_mode=None, return_sequences=True, mask=mask
        )
        < ATOL
    )


#: Negative controls: weights of another seed give outputs that differ by far more than this.
CLEARLY_DIFFERENT = 1e-2


@pytest.mark.keras
@pytest.mark.parametrize("side", ["reference", "keras"])
def test_compare_with_keras_sees_other_weights_on_either_side(monkeypatch, weights, rng, side):
    """A comparison that does not compare (returns 0, or runs one side twice) fails here."""
    x, other = rng.normal(size=(2, 5, 3)), LSTMWeights.random(3, 4, seed=99)
    name = "lstm_forward" if side == "reference" else "keras_lstm"
    real = getattr(keras_io, name)
    if side == "reference":
        monkeypatch.setattr(keras_io, name, lambda x, w, **kw: real(x, other, **kw))
    else:
        monkeypatch.setattr(keras_io, name, lambda w, **kw: real(other, **kw))
    assert compare_with_keras(x, weights, return_sequences=True) > CLEARLY_DIFFERENT


@pytest.mark.keras
def test_compare_with_keras_measures_a_small_offset(monkeypatch, weights, rng):
    """The difference is measured, not thresholded: an offset of 1e-3 reads as 1e-3."""
    x, real = rng.normal(size=(2, 5, 3)), keras_io.lstm_forward
    monkeypatch.setattr(keras_io, "lstm_forward", lambda x, w, **kw: real(x, w, **kw) + 1e-3)
    assert compare_with_keras(x, weights) == pytest.approx(1e-3, abs=ATOL)


@pytest.mark.keras
@pytest.mark.parametrize("side", ["reference", "keras"])
def test_compare_bidirectional_sees_swapped_directions(monkeypatch, weights, rng, side):
    x, backward = rng.normal(size=(2, 5, 3)), LSTMWeights.random(3, 4, seed=13)
    name = "bidirectional_forward" if side == "reference" else "keras_bidirectional"
    real = getattr(keras_io, name)
    if side == "reference":
        swapped = lambda x, f, b, **kw: real(x, b, f, **kw)  # noqa: E731
    else:
        swapped = lambda f, b, **kw: real(b, f, **kw)  # noqa: E731
    monkeypatch.setattr(keras_io, name, swapped)
    difference = compare_bidirectional_with_keras(x, weights, backward, return_sequences=True)
    assert difference > CLEARLY_DIFFERENT


def test_structure_mismatch_raises():
    a = np.zeros((2, 3))
    assert _max_abs_difference((a, a + 1), [a, a]) == 1.0
    with pytest.raises(
        ValueError, match=r"structure differs.*\[\(2, 3\)\].*\[\(2, 3\), \(2, 3\)\]"
    ):
        _max_abs_difference(a, (a, a))
    with pytest.raises(ValueError, match="structure differs"):
        _max_abs_difference(a, a.T)
