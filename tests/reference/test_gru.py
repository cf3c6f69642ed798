"""Tests of reference.gru: known answers from Keras's tests, the two reset_after forms, input."""

import numpy as np
import pytest

from lstm_explained.reference.activations import sigmoid
from lstm_explained.reference.gru import gru_forward
from lstm_explained.reference.gru_weights import GRUWeights

# float32 work: Keras's numbers are printed to ~7 significant digits, our sums run in another
# order; 1e-5 is the float32 tolerance used throughout (tests/reference/test_sequence.py).
ATOL = 1e-5


def constant_weights(input_dim, units, *, reset_after=True, use_bias=True):
    """The weights of Keras's own GRU tests: kernel 0.01, recurrent kernel 0.02, bias 0.03."""
    bias = np.full((2, 3 * units) if reset_after else (3 * units,), 0.03, np.float32)
    return GRUWeights(
        np.full((input_dim, 3 * units), 0.01, np.float32),
        np.full((units, 3 * units), 0.02, np.float32),
        bias if use_bias else None,
        reset_after=reset_after,
    )


# Known answers copied from Keras's own tests, keras-team/keras keras/src/layers/rnn/gru_test.py
# (GRUTest.test_correctness, test_pass_initial_state, test_masking).
CORRECTNESS = [
    ({}, [0.5217289, 0.6371659, 0.39384964]),
    ({"go_backwards": True}, [0.24406259, 0.611516, 0.3928808]),
    ({"reset_after": False}, [0.51447755, 0.6426879, 0.40208298]),
    ({"use_bias": False}, [0.49988455, 0.64701194, 0.4103359]),
]


@pytest.mark.parametrize(("options", "expected"), CORRECTNESS)
def test_keras_known_answer_correctness(options, expected):
    sequence = np.arange(72).reshape((3, 6, 4)).astype("float32")
    weights = constant_weights(4, 3, **{k: v for k, v in options.items() if k != "go_backwards"})
    output = gru_forward(sequence, weights, go_backwards=options.get("go_backwards", False))
    np.testing.assert_allclose(output, np.repeat(np.array(expected)[:, None], 3, 1), atol=ATOL)


@pytest.mark.parametrize(
    ("go_backwards", "expected"),
    [
        (False, [[0.23774096, 0.33508456], [0.83659905, 1.0227708]]),
        (True, [[0.13486053, 0.23261218], [0.78257304, 0.9691353]]),
    ],
)
def test_keras_known_answer_initial_state(go_backwards, expected):
    sequence = np.arange(24).reshape((2, 4, 3)).astype("float32")
    state = np.arange(4).reshape((2, 2)).astype("float32")
    output, h = gru_forward(
        sequence,
        constant_weights(3, 2),
        initial_state=state,
        go_backwards=go_backwards,
        return_state=True,
    )
    np.testing.assert_allclose(output, expected, atol=ATOL)
    np.testing.assert_array_equal(output, h)


def test_keras_known_answer_masking():
    sequence = np.arange(24).reshape((2, 4, 3)).astype("float32")
    mask = np.array([[True, True, False, True], [True, False, False, True]])
    weights = constant_weights(3, 2)
    last = gru_forward(sequence, weights, mask=mask)
    np.testing.assert_allclose(last, [[0.19393763] * 2, [0.30818558] * 2], atol=ATOL)
    a, b, c, d, e = 0.03606692, 0.09497581, 0.19393763, 0.16051409, 0.30818558
    seq = gru_forward(sequence, weights, mask=mask, return_sequences=True)
    np.testing.assert_allclose(seq[..., 0], [[a, b, b, c], [d, d, d, e]], atol=ATOL)
    zeroed = gru_forward(
        sequence, weights, mask=mask, return_sequences=True, zero_output_for_mask=True
    )
    np.testing.assert_allclose(zeroed[..., 1], [[a, b, 0, c], [d, 0, 0, e]], atol=ATOL)
    backwards = gru_forward(sequence, weights, mask=mask, go_backwards=True)
    np.testing.assert_allclose(backwards, [[0.11669192] * 2, [0.28380975] * 2], atol=ATOL)


def one_step_by_hand(x_t, h_prev, w):
    """One GRU step written out per gate, from the per-gate views (float64)."""
    g = w.gates()
    bias = {n: np.zeros((2, w.units)) if g[n].bias is None else g[n].bias for n in g}
    if not w.reset_after:  # one bias row, added to the input part only
        bias = {n: np.stack([b, np.zeros_like(b)]) for n, b in bias.items()}
    gate = {
        n: x_t @ g[n].kernel + bias[n][0] + h_prev @ g[n].recurrent_kernel + bias[n][1]
        for n in ("z", "r")
    }
    z, r = sigmoid(gate["z"]), sigmoid(gate["r"])
    if w.reset_after:
        recurrent = r * (h_prev @ g["h"].recurrent_kernel + bias["h"][1])
    else:
        recurrent = (r * h_prev) @ g["h"].recurrent_kernel
    h_tilde = np.tanh(x_t @ g["h"].kernel + bias["h"][0] + recurrent)
    return z * h_prev + (1 - z) * h_tilde


@pytest.mark.parametrize("reset_after", [True, False])
@pytest.mark.parametrize("use_bias", [True, False])
def test_steps_are_the_gate_equations(rng, reset_after, use_bias):
    bias_shape = (2, 12) if reset_after else (12,)
    w = GRUWeights(
        rng.normal(size=(3, 12)),
        rng.normal(size=(4, 12)),
        rng.normal(size=bias_shape) if use_bias else None,
        reset_after=reset_after,
    )
    x = rng.normal(size=(2, 5, 3))
    h = rng.normal(size=(2, 4))
    seq = gru_forward(x, w, initial_state=[h], return_sequences=True)
    for t in range(5):
        h = one_step_by_hand(x[:, t], h, w)
        np.testing.assert_allclose(seq[:, t], h, rtol=1e-12, atol=1e-12)


def test_reset_after_changes_the_result_even_without_bias(rng):
    kernel, recurrent_kernel = rng.normal(size=(3, 6)), rng.normal(size=(2, 6))
    x = rng.normal(size=(2, 4, 3))
    after = gru_forward(x, GRUWeights(kernel, recurrent_kernel, reset_after=True))
    before = gru_forward(x, GRUWeights(kernel, recurrent_kernel, reset_after=False))
    assert not np.allclose(after, before)
    # From h_prev = 0 the first step is the same: r multiplies zeros either way.
    first = [
        gru_forward(x[:, :1], GRUWeights(kernel, recurrent_kernel, reset_after=flag))
        for flag in (True, False)
    ]
    np.testing.assert_allclose(*first, rtol=1e-12)


def test_the_recurrent_bias_row_is_inside_the_reset(rng):
    """With reset_after=True, r multiplies the h block of bias row 1: with r = 0 it is gone."""
    w = GRUWeights.random(3, 2, seed=1)
    bias = np.zeros((2, 6), np.float32)
    bias[0, 2:4] = -100.0  # r = sigmoid(-100) = 0
    bias[1, 4:6] = 5.0  # the recurrent bias of h, inside the reset
    reset = GRUWeights(w.kernel, w.recurrent_kernel, bias)
    no_recurrent_bias = bias.copy()
    no_recurrent_bias[1] = 0.0
    x = rng.normal(size=(2, 3, 3)).astype(np.float32)
    np.testing.assert_allclose(
        gru_forward(x, reset),
        gru_forward(x, GRUWeights(w.kernel, w.recurrent_kernel, no_recurrent_bias)),
        atol=ATOL,
    )


def test_options_and_dtypes(rng):
    w = GRUWeights.random(3, 4, seed=2)
    x = rng.normal(size=(5, 6, 3)).astype(np.float32)
    assert gru_forward(x, w).shape == (5, 4)
    assert gru_forward(x, w).dtype == np.float32
    assert gru_forward(x.astype(np.float64), w).dtype == np.float64
    seq, h = gru_forward(x, w, return_sequences=True, return_state=True)
    assert seq.shape == (5, 6, 4)
    np.testing.assert_array_equal(seq[:, -1], h)
    backwards = gru_forward(x, w, go_backwards=True, return_sequences=True)
    np.testing.assert_array_equal(backwards, gru_forward(x[:, ::-1], w, return_sequences=True))
    hard = gru_forward(x, w, activation="relu", recurrent_activation="hard_sigmoid")
    assert np.all(hard >= 0)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"weights": "w"}, TypeError, "^weights must be GRUWeights, got str$"),
        ({"x": np.zeros((2, 5, 4))}, ValueError, r"x has shape \(2, 5, 4\).*input_dim=3"),
        ({"initial_state": [np.zeros((2, 4))] * 2}, ValueError, r"not \[h0, c0\]"),
        ({"initial_state": np.zeros((3, 4))}, ValueError, r"initial_state \(h0\) has shape"),
        ({"mask": np.ones((2, 4))}, ValueError, r"mask has shape \(2, 4\)"),
        ({"go_backwards": 0}, TypeError, "^go_backwards must be True or False"),
        ({"return_state": "no"}, TypeError, "^return_state must be True or False"),
        ({"recurrent_activation": "softmax"}, ValueError, "^recurrent_activation must be one"),
    ],
)
def test_bad_input(rng, kwargs, error, message):
    call = {"x": rng.normal(size=(2, 5, 3)), "weights": GRUWeights.random(3, 4), **kwargs}
    with pytest.raises(error, match=message):
        gru_forward(call.pop("x"), call.pop("weights"), **call)


def test_inputs_are_never_modified(rng):
    w = GRUWeights(*(rng.normal(size=s).astype(np.float32) for s in ((3, 6), (2, 6), (2, 6))))
    x, h0 = rng.normal(size=(2, 4, 3)), rng.normal(size=(2, 2))
    mask = np.array([[True, False, True, True], [False] * 4])
    before = [a.copy() for a in (x, h0, mask)]
    gru_forward(x, w, initial_state=[h0], mask=mask, go_backwards=True, return_sequences=True)
    for old, new in zip(before, (x, h0, mask), strict=True):
        np.testing.assert_array_equal(old, new)
