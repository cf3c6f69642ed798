"""Tests of reference.sequence: known answers, step/sequence consistency, masks, bad input."""

import numpy as np
import pytest

from lstm_explained.reference.cell import lstm_step
from lstm_explained.reference.sequence import LSTMTrace, lstm_forward, lstm_trace

# float32 work: Keras's numbers are printed to ~7 significant digits and our sums run in another
# order, so agreement is to about 1e-7 per step; 1e-5 leaves room for long sequences.
ATOL = 1e-5

# Known answers copied from Keras's own tests, keras-team/keras keras/src/layers/rnn/lstm_test.py
# (LSTMTest.test_correctness, test_pass_initial_state, test_masking): kernel 0.01, recurrent
# kernel 0.02, bias 0.03 (forget block 1.0 when unit_forget_bias), inputs np.arange(...).
CORRECTNESS = [
    ({}, [0.6288687, 0.86899155, 0.9460773]),
    ({"go_backwards": True}, [0.35622165, 0.74789524, 0.8872726]),
    ({"unit_forget_bias": False}, [0.57019705, 0.8661914, 0.9459622]),
    ({"use_bias": False}, [0.54986924, 0.86226785, 0.9443936]),
]


@pytest.mark.parametrize(("options", "expected"), CORRECTNESS)
def test_keras_known_answer_correctness(options, expected, constant_weights):
    sequence = np.arange(72).reshape((3, 6, 4)).astype("float32")
    weight_options = {k: v for k, v in options.items() if k != "go_backwards"}
    weights = constant_weights(4, 3, **weight_options)
    output = lstm_forward(sequence, weights, go_backwards=options.get("go_backwards", False))
    np.testing.assert_allclose(
        output, np.repeat(np.array(expected)[:, None], 3, axis=1), atol=ATOL
    )


@pytest.mark.parametrize(
    ("go_backwards", "expected"),
    [
        (False, [[0.20574439, 0.3558822], [0.64930826, 0.66276]]),
        (True, [[0.13281618, 0.2790356], [0.5839337, 0.5992567]]),
    ],
)
def test_keras_known_answer_initial_state(go_backwards, expected, constant_weights):
    sequence = np.arange(24).reshape((2, 4, 3)).astype("float32")
    state = np.arange(4).reshape((2, 2)).astype("float32")
    output = lstm_forward(
        sequence, constant_weights(3, 2), initial_state=[state, state], go_backwards=go_backwards
    )
    np.testing.assert_allclose(output, expected, atol=ATOL)


def test_keras_known_answer_masking(constant_weights):
    sequence = np.arange(24).reshape((2, 4, 3)).astype("float32")
    mask = np.array([[True, True, True, False], [True, True, False, False]])
    weights = constant_weights(3, 2)
    last = lstm_forward(sequence, weights, mask=mask)
    np.testing.assert_allclose(last, [[0.11755939] * 2, [0.28556206] * 2], atol=ATOL)
    a, b, c, d = 0.01588910, 0.05552048, 0.11755939, 0.14185596
    seq = lstm_forward(sequence, weights, mask=mask, return_sequences=True)
    np.testing.assert_allclose(seq[0], [[a] * 2, [b] * 2, [c] * 2, [c] * 2], atol=ATOL)
    np.testing.assert_allclose(seq[1], [[d] * 2] + [[0.28556206] * 2] * 3, atol=ATOL)
    zeroed = lstm_forward(
        sequence, weights, mask=mask, return_sequences=True, zero_output_for_mask=True
    )
    np.testing.assert_allclose(zeroed[0], [[a] * 2, [b] * 2, [c] * 2, [0, 0]], atol=ATOL)
    np.testing.assert_allclose(zeroed[1], [[d] * 2, [0.28556206] * 2, [0, 0], [0, 0]], atol=ATOL)
    backwards_mask = np.array([[False, True, True, True], [False, False, True, True]])
    output = lstm_forward(sequence, weights, mask=backwards_mask, go_backwards=True)
    np.testing.assert_allclose(output, [[0.15341201] * 2, [0.3844719] * 2], atol=ATOL)


def test_forward_is_repeated_steps(cell_inputs):
    weights, x, h0, c0 = cell_inputs
    h, c, outputs = h0, c0, []
    for t in range(x.shape[1]):
        step = lstm_step(x[:, t], h, c, weights)
        h, c = step.h, step.c
        outputs.append(h)
    seq, h_last, c_last = lstm_forward(
        x, weights, initial_state=[h0, c0], return_sequences=True, return_state=True
    )
    np.testing.assert_allclose(seq, np.stack(outputs, axis=1), atol=1e-6)
    np.testing.assert_allclose(h_last, h, atol=1e-6)
    np.testing.assert_allclose(c_last, c, atol=1e-6)


def test_return_options_structure(cell_inputs):
    weights, x, _, _ = cell_inputs
    assert lstm_forward(x, weights).shape == (5, 4)
    assert lstm_forward(x, weights, return_sequences=True).shape == (5, 6, 4)
    out, h, c = lstm_forward(x, weights, return_state=True)
    np.testing.assert_array_equal(out, h)
    assert c.shape == (5, 4)
    assert out.dtype == np.float32


def test_dtype_follows_inputs(cell_inputs):
    weights, x, _, _ = cell_inputs
    assert lstm_forward(x.astype(np.float64), weights).dtype == np.float64
    assert lstm_forward(np.ones((1, 2, 3), int), weights).dtype == np.float32


def test_go_backwards_returns_processing_order(cell_inputs):
    weights, x, _, _ = cell_inputs
    backwards = lstm_forward(x, weights, go_backwards=True, return_sequences=True)
    np.testing.assert_allclose(backwards, lstm_forward(x[:, ::-1], weights, return_sequences=True))


def test_masked_steps_carry_states_and_repeat_outputs(cell_inputs):
    weights, x, h0, c0 = cell_inputs
    mask = np.ones((5, 6), bool)
    mask[0, [1, 2]] = False  # holes
    mask[1] = False  # fully masked
    mask[2, :3] = False  # left padded
    mask[3, 4:] = False  # right padded
    seq, h, c = lstm_forward(
        x, weights, initial_state=[h0, c0], mask=mask, return_sequences=True, return_state=True
    )
    trace = lstm_trace(x, weights, initial_state=[h0, c0], mask=mask)
    np.testing.assert_array_equal(trace.output, seq)
    np.testing.assert_array_equal(seq[0, 1], seq[0, 0])  # a hole repeats the previous output
    np.testing.assert_array_equal(seq[0, 2], seq[0, 0])
    np.testing.assert_array_equal(trace.c[0, 2], trace.c[0, 0])  # and carries c
    np.testing.assert_array_equal(seq[1], 0)  # nothing valid: zeros, not h0
    np.testing.assert_array_equal(h[1], h0[1])  # ... while the states stay the initial ones
    np.testing.assert_array_equal(c[1], c0[1])
    np.testing.assert_array_equal(seq[2, :3], 0)  # zeros before the first valid step
    np.testing.assert_array_equal(trace.h[2, :3], np.broadcast_to(h0[2], (3, 4)))
    right = lstm_forward(
        x[3:4, :4], weights, initial_state=[h0[3:4], c0[3:4]], return_sequences=True
    )
    np.testing.assert_allclose(seq[3, :4], right[0], atol=1e-6)  # right padding = truncation
    np.testing.assert_array_equal(seq[3, 4:], np.broadcast_to(seq[3, 3], (2, 4)))
    np.testing.assert_array_equal(
        seq[4], lstm_forward(x, weights, initial_state=[h0, c0], return_sequences=True)[4]
    )


def test_left_padding_without_state_equals_the_valid_suffix(cell_inputs):
    weights, x, _, _ = cell_inputs
    mask = np.ones((5, 6), bool)
    mask[:, :2] = False
    np.testing.assert_allclose(
        lstm_forward(x, weights, mask=mask), lstm_forward(x[:, 2:], weights), atol=1e-6
    )


def test_all_true_mask_changes_nothing(cell_inputs):
    weights, x, _, _ = cell_inputs
    mask = np.ones((5, 6), int)
    np.testing.assert_array_equal(lstm_forward(x, weights, mask=mask), lstm_forward(x, weights))


def test_trace_fields(cell_inputs):
    weights, x, h0, c0 = cell_inputs
    trace = lstm_trace(x, weights, initial_state=[h0, c0], go_backwards=True)
    assert isinstance(trace, LSTMTrace)
    assert all(getattr(trace, n).shape == (5, 6, 4) for n in ("i", "f", "c_tilde", "o", "c", "h"))
    np.testing.assert_array_equal(trace.h, trace.output)
    np.testing.assert_allclose(trace.h, trace.o * np.tanh(trace.c), atol=1e-6)
    first = lstm_step(x[:, -1], h0, c0, weights)  # go_backwards: index 0 is the last timestep
    np.testing.assert_allclose(trace.f[:, 0], first.f, atol=1e-6)


def test_non_default_activations(cell_inputs):
    weights, x, h0, c0 = cell_inputs
    step = lstm_step(
        x[:, 0], h0, c0, weights, activation="relu", recurrent_activation="hard_sigmoid"
    )
    np.testing.assert_allclose(step.h, step.o * np.maximum(step.c, 0), atol=1e-6)
    assert np.all((step.i >= 0) & (step.i <= 1))
    via_forward = lstm_forward(
        x[:, :1],
        weights,
        initial_state=[h0, c0],
        activation="relu",
        recurrent_activation="hard_sigmoid",
    )
    np.testing.assert_allclose(via_forward, step.h, atol=1e-6)


def test_inputs_are_never_modified(cell_inputs):
    weights, x, h0, c0 = cell_inputs
    mask = np.ones((5, 6), bool)
    mask[0, 2] = False
    before = [a.copy() for a in (x, h0, c0, mask, weights.kernel, weights.bias)]
    lstm_forward(
        x,
        weights,
        initial_state=[h0, c0],
        mask=mask,
        return_sequences=True,
        return_state=True,
        go_backwards=True,
    )
    lstm_trace(x, weights, initial_state=[h0, c0], mask=mask)
    lstm_step(x[:, 0], h0, c0, weights)
    for old, new in zip(before, (x, h0, c0, mask, weights.kernel, weights.bias), strict=True):
        np.testing.assert_array_equal(old, new)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            {"x": np.zeros((5, 3))},
            ValueError,
            r"x has shape \(5, 3\); expected \(batch, timesteps",
        ),
        ({"x": np.zeros((5, 6, 3, 1))}, ValueError, r"x has shape \(5, 6, 3, 1\)"),
        ({"x": np.zeros((5, 6, 2))}, ValueError, r"x has shape \(5, 6, 2\).*input_dim=3"),
        ({"x": np.zeros((5, 0, 3))}, ValueError, r"timesteps >= 1"),
        ({"x": np.full((5, 6, 3), "a")}, TypeError, "x must hold real numbers"),
        ({"weights": "w"}, TypeError, "weights must be LSTMWeights, got str"),
        (
            {"initial_state": [np.zeros((5, 4))]},
            ValueError,
            r"initial_state must be a list \[h0, c0\]",
        ),
        ({"initial_state": np.zeros((2, 5, 4))}, ValueError, "initial_state must be a list"),
        (
            {"initial_state": [np.zeros((5, 3)), np.zeros((5, 4))]},
            ValueError,
            r"initial_state\[0\] \(h0\) has shape \(5, 3\); expected \(batch, units\) = \(5, 4\)",
        ),
        (
            {"initial_state": [np.zeros((5, 4)), np.zeros((4, 4))]},
            ValueError,
            r"initial_state\[1\] \(c0\) has shape \(4, 4\)",
        ),
        (
            {"mask": np.ones((5, 5), bool)},
            ValueError,
            r"mask has shape \(5, 5\); expected \(batch, timesteps\) = \(5, 6\)",
        ),
        ({"mask": np.ones((5, 6, 1), bool)}, ValueError, r"mask has shape \(5, 6, 1\)"),
        ({"activation": "swish"}, ValueError, r"^activation must be one of .*; got 'swish'$"),
        (
            {"recurrent_activation": "softmax"},
            ValueError,
            r"^recurrent_activation must be one of 'tanh', .*; got 'softmax'$",
        ),
        (
            {"go_backwards": 1},
            TypeError,
            r"^go_backwards must be True or False, got 1 of type int$",
        ),
        (
            {"zero_output_for_mask": "False"},
            TypeError,
            r"^zero_output_for_mask must be True or False, got 'False' of type str$",
        ),
    ],
)
def test_bad_input(cell_inputs, kwargs, error, message):
    weights, x, _, _ = cell_inputs
    call = {"x": x, "weights": weights, **kwargs}
    with pytest.raises(error, match=message):
        lstm_forward(call.pop("x"), call.pop("weights"), **call)
    if "x" not in kwargs and "weights" not in kwargs:
        with pytest.raises(error, match=message):
            lstm_trace(x, weights, **call)


@pytest.mark.parametrize("flag", ["return_sequences", "return_state"])
@pytest.mark.parametrize("bad", ["False", 0, None])
def test_flags_are_bools_not_truthy_values(cell_inputs, flag, bad):
    """``return_sequences="False"`` used to be truthy, and so silently returned sequences."""
    weights, x, _, _ = cell_inputs
    with pytest.raises(TypeError, match=rf"^{flag} must be True or False, got {bad!r} of type"):
        lstm_forward(x, weights, **{flag: bad})
    same = lstm_forward(x, weights, **{flag: np.False_})
    np.testing.assert_array_equal(same, lstm_forward(x, weights))
