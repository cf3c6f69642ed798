"""Tests of reference.stateful."""

import numpy as np
import pytest

from lstm_explained.reference.sequence import lstm_forward
from lstm_explained.reference.stateful import StatefulLSTM
from lstm_explained.reference.weights import LSTMWeights

ATOL = 1e-5  # float32 work, see test_sequence.py


def test_keras_known_answer_statefulness(constant_weights):
    # keras-team/keras keras/src/layers/rnn/lstm_test.py, LSTMTest.test_statefulness
    sequence = np.arange(24).reshape((2, 3, 4)).astype("float32")
    layer = StatefulLSTM(constant_weights(4, 4), batch_size=2)
    expected = [[0.3124785] * 4, [0.6863672] * 4]
    for _ in range(2):
        layer(sequence)
        np.testing.assert_allclose(layer(sequence), expected, atol=ATOL)
        layer.reset_state()


def test_second_call_equals_initial_state_from_first(rng):
    weights = LSTMWeights.random(3, 5, seed=2)
    first, second = rng.normal(size=(2, 4, 7, 3)).astype(np.float32)
    layer = StatefulLSTM(weights, batch_size=4, return_sequences=True)
    layer(first)
    _, h, c = lstm_forward(first, weights, return_state=True)
    np.testing.assert_array_equal(layer.h, h)
    np.testing.assert_array_equal(
        layer(second), lstm_forward(second, weights, initial_state=[h, c], return_sequences=True)
    )
    whole = lstm_forward(np.concatenate([first, second], axis=1), weights, return_state=True)
    np.testing.assert_allclose(layer.h, whole[1], atol=1e-6)
    np.testing.assert_allclose(layer.c, whole[2], atol=1e-6)


def test_reset_and_read_only_states(rng):
    weights = LSTMWeights.random(3, 2)
    layer = StatefulLSTM(weights, batch_size=2)
    layer(rng.normal(size=(2, 4, 3)))
    assert np.any(layer.h != 0)
    with pytest.raises(ValueError, match="read-only"):
        layer.h[0, 0] = 1.0
    layer.reset_state()
    np.testing.assert_array_equal(layer.c, np.zeros((2, 2)))


def test_masked_call_keeps_states(rng):
    weights = LSTMWeights.random(3, 2)
    layer = StatefulLSTM(weights, batch_size=2)
    layer(rng.normal(size=(2, 4, 3)))
    h = layer.h.copy()
    layer(rng.normal(size=(2, 3, 3)), mask=np.zeros((2, 3), bool))
    np.testing.assert_array_equal(layer.h, h)


def test_bad_arguments(rng):
    weights = LSTMWeights.random(3, 2)
    with pytest.raises(ValueError, match="batch_size must be a positive integer, got 0"):
        StatefulLSTM(weights, batch_size=0)
    with pytest.raises(TypeError, match="weights must be LSTMWeights"):
        StatefulLSTM(np.zeros((3, 8)), batch_size=2)
    layer = StatefulLSTM(weights, batch_size=2)
    with pytest.raises(ValueError, match=r"x has shape \(3, 4, 3\).*batch_size=2"):
        layer(np.zeros((3, 4, 3)))
