"""Tests of reference.activations (NumPy only; Keras parity is in test_keras_parity.py)."""

import numpy as np
import pytest

from lstm_explained.reference.activations import (
    ACTIVATIONS,
    get_activation,
    hard_sigmoid,
    hard_sigmoid_keras2,
    linear,
    relu,
    sigmoid,
    tanh,
)


def test_sigmoid_matches_definition_and_never_overflows():
    x = np.linspace(-20, 20, 101)
    np.testing.assert_allclose(sigmoid(x), 1 / (1 + np.exp(-x)), atol=1e-12)
    with np.errstate(all="raise"):
        extreme = sigmoid(np.array([-1e4, 1e4], np.float32))
    assert extreme.tolist() == [0.0, 1.0]
    assert extreme.dtype == np.float32


def test_tanh_and_relu():
    x = np.array([-2.0, 0.0, 3.0])
    np.testing.assert_array_equal(tanh(x), np.tanh(x))
    np.testing.assert_array_equal(relu(x), [0.0, 0.0, 3.0])


def test_hard_sigmoid_is_keras3_and_keras2_differs():
    x = np.array([-4.0, -3.0, -1.0, 0.0, 1.0, 3.0, 4.0])
    np.testing.assert_allclose(hard_sigmoid(x), np.clip(x / 6 + 0.5, 0, 1), atol=1e-12)
    np.testing.assert_allclose(hard_sigmoid_keras2(x), np.clip(0.2 * x + 0.5, 0, 1), atol=1e-12)
    assert hard_sigmoid(np.array(1.0)) == pytest.approx(0.5 + 1 / 6)
    assert hard_sigmoid_keras2(np.array(1.0)) == pytest.approx(0.7)
    assert get_activation("hard_sigmoid") is hard_sigmoid


@pytest.mark.parametrize("name", ["linear", None])
def test_linear_and_none_are_identity(name):
    x = np.arange(4.0)
    assert get_activation(name)(x) is x
    assert get_activation(name) is linear


def test_every_name_resolves_to_a_shape_preserving_function():
    x = np.linspace(-5, 5, 12).reshape(3, 4).astype(np.float32)
    for name, fn in ACTIVATIONS.items():
        assert get_activation(name) is fn
        assert fn(x).shape == x.shape


def test_callable_is_returned_unchanged():
    def double(x):
        return 2 * x

    assert get_activation(double) is double


def test_unknown_name_lists_the_valid_names():
    valid = r"'tanh', 'sigmoid', 'hard_sigmoid', 'hard_sigmoid_keras2', 'relu', 'linear'"
    with pytest.raises(
        ValueError, match=rf"^activation must be one of {valid}, None or a callable; got 'swish'$"
    ):
        get_activation("swish")
    with pytest.raises(ValueError, match=r"^recurrent_activation must be one of 'tanh'"):
        get_activation("swish", argument="recurrent_activation")


@pytest.mark.parametrize("bad", [3, 1.5, ["tanh"]])
def test_non_name_non_callable_is_a_type_error(bad):
    with pytest.raises(TypeError, match=r"^activation must be a name, None or a callable, got"):
        get_activation(bad)
    with pytest.raises(TypeError, match=r"^recurrent_activation must be a name, None or a"):
        get_activation(bad, argument="recurrent_activation")
