"""Tests of reference.cudnn: equal to the generic loop without a mask, zeros at padded steps."""

import numpy as np
import pytest

from lstm_explained.reference.cudnn import (
    CUDNN_MASK_ERROR,
    cudnn_accepts_mask,
    lstm_forward_cudnn,
)
from lstm_explained.reference.sequence import lstm_forward
from lstm_explained.reference.weights import LSTMWeights

BATCH, TIMESTEPS, INPUT_DIM, UNITS = 3, 5, 2, 4
RIGHT_PADDED = np.array(
    [[True, True, True, False, False], [True] * 5, [True, False, False, False, False]]
)
REJECTED = {
    "left padding": [[False, True, True, True, True]],
    "a gap": [[True, False, True, False, False]],
    "a fully masked row": [[True, True, False, False, False], [False] * 5],
}


@pytest.fixture
def weights():
    return LSTMWeights.random(input_dim=INPUT_DIM, units=UNITS, seed=3)


@pytest.fixture
def x():
    return np.random.default_rng(4).normal(size=(BATCH, TIMESTEPS, INPUT_DIM)).astype("float32")


@pytest.fixture
def initial_state():
    rng = np.random.default_rng(5)
    return [rng.normal(size=(BATCH, UNITS)).astype("float32") for _ in range(2)]


@pytest.mark.parametrize("return_sequences", [False, True])
@pytest.mark.parametrize("go_backwards", [False, True])
@pytest.mark.parametrize("with_state", [False, True])
def test_without_a_mask_it_is_the_generic_loop(
    weights, x, initial_state, return_sequences, go_backwards, with_state
):
    options = {
        "return_sequences": return_sequences,
        "return_state": True,
        "go_backwards": go_backwards,
        "initial_state": initial_state if with_state else None,
    }
    got_all, expected_all = (
        lstm_forward_cudnn(x, weights, **options),
        lstm_forward(x, weights, **options),
    )
    for got, expected in zip(got_all, expected_all, strict=True):
        np.testing.assert_array_equal(got, expected)


def test_an_all_true_mask_changes_nothing(weights, x):
    mask = np.ones((BATCH, TIMESTEPS), bool)
    np.testing.assert_array_equal(
        lstm_forward_cudnn(x, weights, mask=mask, return_sequences=True),
        lstm_forward(x, weights, return_sequences=True),
    )


@pytest.mark.parametrize("with_state", [False, True])
def test_padded_steps_output_zeros_and_states_stop_at_the_last_valid_step(
    weights, x, initial_state, with_state
):
    state = initial_state if with_state else None
    options = {"mask": RIGHT_PADDED, "initial_state": state, "return_state": True}
    seq, h, c = lstm_forward_cudnn(x, weights, return_sequences=True, **options)
    generic, h_generic, c_generic = lstm_forward(x, weights, return_sequences=True, **options)
    valid = RIGHT_PADDED[:, :, None]
    np.testing.assert_array_equal(seq, np.where(valid, generic, 0.0))
    assert not np.any(seq[~RIGHT_PADDED])
    # the generic loop repeats the last valid output instead
    np.testing.assert_array_equal(generic[0, 3], generic[0, 2])
    assert np.all(np.abs(generic[0, 3]) > 0)
    np.testing.assert_array_equal(h, h_generic)
    np.testing.assert_array_equal(c, c_generic)
    lengths = RIGHT_PADDED.sum(axis=1)
    np.testing.assert_array_equal(h, seq[np.arange(BATCH), lengths - 1])
    last, h_last, _ = lstm_forward_cudnn(x, weights, **options)
    np.testing.assert_array_equal(last, h)
    np.testing.assert_array_equal(last, lstm_forward(x, weights, **options)[0])
    np.testing.assert_array_equal(h_last, h)


def test_backwards_the_padding_comes_first_and_both_paths_agree(weights, x):
    options = {"mask": RIGHT_PADDED, "go_backwards": True, "return_sequences": True}
    seq = lstm_forward_cudnn(x, weights, **options)
    np.testing.assert_array_equal(seq, lstm_forward(x, weights, **options))
    assert not np.any(seq[0, :2])  # processing order: the two padded steps first


def test_the_cudnn_rule_is_the_generic_rule_with_zero_output_for_mask(weights, x):
    np.testing.assert_array_equal(
        lstm_forward_cudnn(x, weights, mask=RIGHT_PADDED, return_sequences=True),
        lstm_forward(
            x, weights, mask=RIGHT_PADDED, return_sequences=True, zero_output_for_mask=True
        ),
    )


@pytest.mark.parametrize("mask", REJECTED.values(), ids=REJECTED.keys())
def test_masks_cudnn_rejects(weights, mask):
    mask = np.array(mask)
    x = np.zeros((*mask.shape, INPUT_DIM), "float32")
    assert not cudnn_accepts_mask(mask)
    with pytest.raises(ValueError, match="does not correspond to right-padded sequences"):
        lstm_forward_cudnn(x, weights, mask=mask)
    lstm_forward(x, weights, mask=mask)  # the generic loop takes it


def test_accepted_masks():
    assert cudnn_accepts_mask(RIGHT_PADDED)
    assert cudnn_accepts_mask(RIGHT_PADDED.astype(int))
    assert cudnn_accepts_mask(np.ones((2, 1), bool))


def test_a_mask_that_is_not_2d_is_an_error(weights, x):
    with pytest.raises(ValueError, match=r"expected \(batch, timesteps\)"):
        cudnn_accepts_mask(np.ones(3, bool))
    with pytest.raises(ValueError, match="mask has shape"):
        lstm_forward_cudnn(x, weights, mask=np.ones((BATCH, TIMESTEPS + 1), bool))
    with pytest.raises(ValueError, match="mask has shape"):
        lstm_forward_cudnn(x, weights, mask=np.ones(TIMESTEPS, bool))


def test_flags_are_checked(weights, x):
    with pytest.raises(TypeError):
        lstm_forward_cudnn(x, weights, return_sequences=1)


def test_the_message_names_the_way_out():
    assert "use_cudnn=False" in CUDNN_MASK_ERROR
