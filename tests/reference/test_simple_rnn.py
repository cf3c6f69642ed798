"""Tests of reference.simple_rnn: weights, known answers from Keras's tests, options, bad input."""

import dataclasses

import numpy as np
import pytest

from lstm_explained.reference.simple_rnn import SimpleRNNWeights, simple_rnn_forward

# float32 work: Keras's numbers are printed to ~7 significant digits, our sums run in another
# order; 1e-5 is the float32 tolerance used throughout (tests/reference/test_sequence.py).
ATOL = 1e-5


def constant_weights(input_dim, units):
    """The weights of Keras's own SimpleRNN tests: kernel 0.01, recurrent 0.02, bias 0.03."""
    return SimpleRNNWeights(
        np.full((input_dim, units), 0.01, np.float32),
        np.full((units, units), 0.02, np.float32),
        np.full(units, 0.03, np.float32),
    )


# Known answers copied from Keras's own tests, keras-team/keras
# keras/src/layers/rnn/simple_rnn_test.py (SimpleRNNTest.test_correctness,
# test_pass_initial_state, test_masking).
def test_keras_known_answer_correctness():
    sequence = np.arange(24).reshape((2, 3, 4)).astype("float32")
    weights = constant_weights(4, 4)
    for go_backwards, expected in (
        (False, [0.405432, 0.73605347]),
        (True, [0.11144729, 0.5528889]),
    ):
        output = simple_rnn_forward(sequence, weights, go_backwards=go_backwards)
        np.testing.assert_allclose(output, np.repeat(np.array(expected)[:, None], 4, 1), atol=ATOL)


def test_keras_known_answer_initial_state():
    sequence = np.arange(24).reshape((2, 4, 3)).astype("float32")
    state = np.arange(8).reshape((2, 4)).astype("float32")
    weights = constant_weights(3, 4)
    for go_backwards, expected in (
        (False, [0.33621645, 0.6262637]),
        (True, [0.07344437, 0.43043602]),
    ):
        output = simple_rnn_forward(
            sequence, weights, initial_state=state, go_backwards=go_backwards
        )
        np.testing.assert_allclose(output, np.repeat(np.array(expected)[:, None], 4, 1), atol=ATOL)


def test_keras_known_answer_masking():
    sequence = np.arange(24).reshape((2, 4, 3)).astype("float32")
    mask = np.array([[True, True, False, True], [True, False, False, True]])
    last = simple_rnn_forward(sequence, constant_weights(3, 4), mask=mask)
    np.testing.assert_allclose(last[:, 0], [0.32951632, 0.61799484], atol=ATOL)
    a, b, c, d, e = 0.0599281, 0.15122814, 0.32394567, 0.3969304, 0.608085
    seq = simple_rnn_forward(sequence, constant_weights(3, 2), mask=mask, return_sequences=True)
    np.testing.assert_allclose(seq[..., 0], [[a, b, b, c], [d, d, d, e]], atol=ATOL)
    zeroed = simple_rnn_forward(
        sequence,
        constant_weights(3, 2),
        mask=mask,
        return_sequences=True,
        zero_output_for_mask=True,
    )
    np.testing.assert_allclose(zeroed[..., 1], [[a, b, 0, c], [d, 0, 0, e]], atol=ATOL)
    backwards = simple_rnn_forward(sequence, constant_weights(3, 4), mask=mask, go_backwards=True)
    np.testing.assert_allclose(backwards[:, 0], [0.07376196, 0.43645123], atol=ATOL)


def test_weights_properties_and_copies():
    rng = np.random.default_rng(0)
    kernel, recurrent_kernel = rng.normal(size=(5, 3)), rng.normal(size=(3, 3))
    w = SimpleRNNWeights(kernel, recurrent_kernel, np.zeros(3, int))
    assert (w.input_dim, w.units, w.use_bias, w.dtype) == (5, 3, True, np.float64)
    kernel[:] = 0
    assert np.all(w.kernel != 0)
    with pytest.raises(ValueError, match="read-only"):
        w.bias[0] = 1.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        w.bias = None
    assert not SimpleRNNWeights(kernel, recurrent_kernel).use_bias


@pytest.mark.parametrize(
    ("shapes", "message"),
    [
        (
            ((3, 2), (2, 4), (2,)),
            r"recurrent_kernel has shape \(2, 4\); expected \(units, units\)",
        ),
        (((3, 4), (2, 2), (2,)), r"kernel has shape \(3, 4\); expected \(input_dim, 2\)"),
        (((3, 2), (2, 2), (4,)), r"bias has shape \(4,\); expected \(2,\) \(units=2\)"),
        (((3, 2), (2, 2), (1, 2)), r"bias has shape \(1, 2\)"),
    ],
)
def test_inconsistent_shapes_are_named(shapes, message):
    kernel, recurrent_kernel, bias = (np.zeros(s) for s in shapes)
    with pytest.raises(ValueError, match=message):
        SimpleRNNWeights(kernel, recurrent_kernel, bias)


def test_random_like_keras_defaults():
    w = SimpleRNNWeights.random(input_dim=6, units=5, seed=3)
    assert w.dtype == np.float32
    assert np.all(np.abs(w.kernel) <= np.sqrt(6 / (6 + 5)))  # glorot_uniform
    np.testing.assert_allclose(w.recurrent_kernel @ w.recurrent_kernel.T, np.eye(5), atol=1e-5)
    np.testing.assert_array_equal(w.bias, np.zeros(5))
    assert SimpleRNNWeights.random(2, 3, use_bias=False).bias is None
    assert SimpleRNNWeights.random(2, 3, dtype=np.float64).dtype == np.float64
    with pytest.raises(TypeError, match=r"^use_bias must be True or False, got 1 of type int$"):
        SimpleRNNWeights.random(2, 3, use_bias=1)


def test_forward_is_the_step_equation(rng):
    w = SimpleRNNWeights(*(rng.normal(size=s) for s in ((3, 4), (4, 4), (4,))))
    x = rng.normal(size=(2, 5, 3))
    h = rng.normal(size=(2, 4))
    seq, last = simple_rnn_forward(
        x, w, initial_state=h, return_sequences=True, return_state=True, activation="relu"
    )
    for t in range(5):
        h = np.maximum(x[:, t] @ w.kernel + h @ w.recurrent_kernel + w.bias, 0)
        np.testing.assert_allclose(seq[:, t], h, rtol=1e-12)
    np.testing.assert_array_equal(last, seq[:, -1])
    backwards = simple_rnn_forward(x, w, go_backwards=True, return_sequences=True)
    np.testing.assert_array_equal(
        backwards, simple_rnn_forward(x[:, ::-1], w, return_sequences=True)
    )


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"weights": "w"}, TypeError, "^weights must be SimpleRNNWeights, got str$"),
        ({"x": np.zeros((2, 5))}, ValueError, r"x has shape \(2, 5\)"),
        ({"initial_state": [np.zeros((2, 4))] * 2}, ValueError, "a list of 2 items"),
        ({"return_sequences": "True"}, TypeError, "^return_sequences must be True or False"),
        ({"return_state": 1}, TypeError, "^return_state must be True or False"),
        ({"zero_output_for_mask": None}, TypeError, "^zero_output_for_mask must be True or"),
        ({"activation": "swish"}, ValueError, "^activation must be one of"),
    ],
)
def test_bad_input(rng, kwargs, error, message):
    call = {"x": rng.normal(size=(2, 5, 3)), "weights": SimpleRNNWeights.random(3, 4), **kwargs}
    with pytest.raises(error, match=message):
        simple_rnn_forward(call.pop("x"), call.pop("weights"), **call)
