"""Tests of reference.bidirectional (NumPy only; Keras parity is in test_keras_parity.py)."""

import numpy as np
import pytest

from lstm_explained.reference.bidirectional import bidirectional_forward
from lstm_explained.reference.sequence import lstm_forward
from lstm_explained.reference.shapes import MERGE_MODES, bidirectional_output_shapes
from lstm_explained.reference.weights import LSTMWeights


@pytest.fixture
def setup(rng):
    fw, bw = LSTMWeights.random(3, 4, seed=1), LSTMWeights.random(3, 4, seed=2)
    x = rng.normal(size=(5, 6, 3)).astype(np.float32)
    states = list(rng.normal(size=(4, 5, 4)).astype(np.float32))
    return fw, bw, x, states


def test_concat_is_forward_then_time_aligned_backward(setup):
    fw, bw, x, states = setup
    seq = bidirectional_forward(x, fw, bw, return_sequences=True, initial_state=states)
    forward = lstm_forward(x, fw, return_sequences=True, initial_state=states[:2])
    backward = lstm_forward(
        x, bw, return_sequences=True, go_backwards=True, initial_state=states[2:]
    )
    np.testing.assert_array_equal(seq[..., :4], forward)
    np.testing.assert_array_equal(seq[..., 4:], backward[:, ::-1])  # flipped into time order


def test_last_output_and_state_order(setup):
    fw, bw, x, states = setup
    out, h_f, c_f, h_b, c_b = bidirectional_forward(
        x, fw, bw, return_state=True, initial_state=states
    )
    _, h_f_ref, c_f_ref = lstm_forward(x, fw, return_state=True, initial_state=states[:2])
    _, h_b_ref, c_b_ref = lstm_forward(
        x, bw, return_state=True, go_backwards=True, initial_state=states[2:]
    )
    for got, want in [(h_f, h_f_ref), (c_f, c_f_ref), (h_b, h_b_ref), (c_b, c_b_ref)]:
        np.testing.assert_array_equal(got, want)
    np.testing.assert_array_equal(out, np.concatenate([h_f, h_b], axis=-1))


@pytest.mark.parametrize("merge_mode", MERGE_MODES)
@pytest.mark.parametrize("return_sequences", [False, True])
@pytest.mark.parametrize("return_state", [False, True])
def test_merge_modes_and_shapes(setup, merge_mode, return_sequences, return_state):
    fw, bw, x, _ = setup
    result = bidirectional_forward(
        x,
        fw,
        bw,
        merge_mode=merge_mode,
        return_sequences=return_sequences,
        return_state=return_state,
    )
    result = list(result) if isinstance(result, tuple) else [result]
    expected = bidirectional_output_shapes(
        5,
        6,
        3,
        4,
        merge_mode=merge_mode,
        return_sequences=return_sequences,
        return_state=return_state,
    )
    assert [r.shape for r in result] == expected
    y, y_rev = bidirectional_forward(x, fw, bw, merge_mode=None, return_sequences=return_sequences)
    merged = {
        "concat": np.concatenate([y, y_rev], -1),
        "sum": y + y_rev,
        "mul": y * y_rev,
        "ave": (y + y_rev) / 2,
        None: y,
    }[merge_mode]
    np.testing.assert_allclose(result[0], merged, atol=1e-7)


def test_masked_steps_output_zeros_when_returning_sequences(setup):
    fw, bw, x, states = setup
    mask = np.ones((5, 6), bool)
    mask[0, 2] = False
    mask[1, 4:] = False
    y, y_rev = bidirectional_forward(
        x, fw, bw, merge_mode=None, return_sequences=True, mask=mask, initial_state=states
    )
    for half in (y, y_rev):
        np.testing.assert_array_equal(half[~mask], 0)
        assert np.all(half[mask] != 0)
    last, _ = bidirectional_forward(x, fw, bw, merge_mode=None, mask=mask, initial_state=states)
    np.testing.assert_array_equal(last[1], y[1, 3])  # last valid output, as for a plain LSTM


def test_inputs_are_never_modified(setup):
    fw, bw, x, states = setup
    before = [a.copy() for a in (x, *states)]
    bidirectional_forward(
        x, fw, bw, return_sequences=True, return_state=True, initial_state=states
    )
    for old, new in zip(before, (x, *states), strict=True):
        np.testing.assert_array_equal(old, new)


def test_bad_input(setup):
    fw, bw, x, states = setup
    modes = "'concat', 'sum', 'mul', 'ave', None"
    with pytest.raises(ValueError, match=rf"^merge_mode must be one of {modes}; got 'max'$"):
        bidirectional_forward(x, fw, bw, merge_mode="max")
    for flag in ("return_sequences", "return_state"):
        with pytest.raises(TypeError, match=rf"^{flag} must be True or False, got 1 of type int$"):
            bidirectional_forward(x, fw, bw, **{flag: 1})
    with pytest.raises(ValueError, match=r"initial_state must be a list \[h0_fwd, c0_fwd"):
        bidirectional_forward(x, fw, bw, initial_state=states[:2])
    with pytest.raises(
        ValueError, match=r"forward and backward weights differ.*\(3, 4\) vs \(3, 2\)"
    ):
        bidirectional_forward(x, fw, LSTMWeights.random(3, 2))
    with pytest.raises(TypeError, match="backward_weights must be LSTMWeights"):
        bidirectional_forward(x, fw, None)
    with pytest.raises(ValueError, match=r"x has shape \(5, 6\)"):
        bidirectional_forward(x[..., 0], fw, bw)
    with pytest.raises(ValueError, match=r"mask has shape \(5, 2\)"):
        bidirectional_forward(x, fw, bw, mask=np.ones((5, 2), bool))
