"""Tests of reference.rnn_loop: checking a one-state call, and the loop's mask rules."""

import numpy as np
import pytest

from lstm_explained.reference.gru_weights import GRUWeights
from lstm_explained.reference.rnn_loop import loop_over_time, prepare_sequence
from lstm_explained.reference.simple_rnn import SimpleRNNWeights

WEIGHTS = SimpleRNNWeights.random(input_dim=3, units=2, seed=4)


def count(x_part_t, h_prev):
    """A step whose state counts the valid steps, plus the step's input."""
    return h_prev + 1 + x_part_t[:, :1]


def prepare(x, **options):
    call = {"initial_state": None, "mask": None, "go_backwards": False, **options}
    return prepare_sequence(x, WEIGHTS, SimpleRNNWeights, **call)


def test_prepare_defaults_and_backwards(rng):
    x = rng.normal(size=(4, 5, 3)).astype(np.float32)
    mask = rng.random((4, 5)) < 0.5
    same, h0, none = prepare(x)
    assert (same.dtype, h0.shape, none) == (np.float32, (4, 2), None)
    np.testing.assert_array_equal(h0, 0)
    backwards, _, reversed_mask = prepare(x, mask=mask.astype(int), go_backwards=True)
    np.testing.assert_array_equal(backwards, x[:, ::-1])
    np.testing.assert_array_equal(reversed_mask, mask[:, ::-1])
    assert reversed_mask.dtype == bool


@pytest.mark.parametrize("form", [lambda h: h, lambda h: [h], lambda h: (h,)])
def test_initial_state_is_an_array_or_a_one_element_list(rng, form):
    h0 = rng.normal(size=(4, 2))
    _, got, _ = prepare(np.zeros((4, 5, 3), np.float32), initial_state=form(h0))
    np.testing.assert_array_equal(got, h0.astype(np.float32))


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        (
            {"initial_state": [np.zeros((4, 2)), np.zeros((4, 2))]},
            ValueError,
            r"^initial_state must be one \(batch, units\) array h0 or a list \[h0\]; got a list "
            r"of 2 items \(a GRU or SimpleRNN has one state, not \[h0, c0\]\)$",
        ),
        ({"initial_state": []}, ValueError, "got a list of 0 items"),
        (
            {"initial_state": np.zeros((4, 3))},
            ValueError,
            r"initial_state \(h0\) has shape \(4, 3\); expected \(batch, units\) = \(4, 2\)",
        ),
        (
            {"initial_state": [np.zeros((2, 4, 2))]},
            ValueError,
            r"initial_state\[0\] \(h0\) has shape \(2, 4, 2\)",
        ),
        ({"initial_state": np.full((4, 2), "a")}, TypeError, "must hold real numbers"),
        ({"mask": np.ones((4, 4))}, ValueError, r"mask has shape \(4, 4\)"),
        ({"go_backwards": "yes"}, TypeError, "^go_backwards must be True or False"),
    ],
)
def test_bad_calls_are_refused(options, error, message):
    with pytest.raises(error, match=message):
        prepare(np.zeros((4, 5, 3)), **options)


def test_bad_x_and_weights():
    with pytest.raises(ValueError, match=r"x has shape \(4, 5, 2\).*input_dim=3"):
        prepare(np.zeros((4, 5, 2)))
    with pytest.raises(ValueError, match="timesteps >= 1"):
        prepare(np.zeros((4, 0, 3)))
    gru = GRUWeights.random(3, 2)
    with pytest.raises(TypeError, match=r"^weights must be SimpleRNNWeights, got GRUWeights$"):
        prepare_sequence(
            np.zeros((4, 5, 3)),
            gru,
            SimpleRNNWeights,
            initial_state=None,
            mask=None,
            go_backwards=False,
        )


def test_loop_without_mask_is_repeated_steps():
    x_part = np.arange(6.0).reshape(1, 3, 2)
    outputs, h = loop_over_time(x_part, np.zeros((1, 1)), None, count, return_sequences=True)
    assert outputs[0, :, 0].tolist() == [1.0, 4.0, 9.0]  # 0+1+0, 1+1+2, 4+1+4
    last, same_h = loop_over_time(x_part, np.zeros((1, 1)), None, count, return_sequences=False)
    np.testing.assert_array_equal(last, h)
    np.testing.assert_array_equal(same_h, h)


def test_masked_steps_carry_h_and_repeat_or_zero_the_output():
    x_part = np.zeros((3, 4, 1))
    h0 = np.full((3, 1), 10.0)
    mask = np.array([[False, True, False, True], [False] * 4, [True, True, False, False]])
    outputs, h = loop_over_time(x_part, h0, mask, count, return_sequences=True)
    assert outputs[..., 0].tolist() == [[0, 11, 11, 12], [0, 0, 0, 0], [11, 12, 12, 12]]
    assert h[:, 0].tolist() == [12, 10, 12]  # a fully masked row keeps h0, outputs zeros
    zeroed, same_h = loop_over_time(
        x_part, h0, mask, count, return_sequences=True, zero_output_for_mask=True
    )
    assert zeroed[..., 0].tolist() == [[0, 11, 0, 12], [0, 0, 0, 0], [11, 12, 0, 0]]
    np.testing.assert_array_equal(same_h, h)
    last, _ = loop_over_time(x_part, h0, mask, count, return_sequences=False)
    np.testing.assert_array_equal(last, outputs[:, -1])
