"""Tests of reference.cell: one step follows the equations, bad step input."""

import numpy as np
import pytest

from lstm_explained.reference.cell import StepResult, lstm_step


def test_step_follows_the_equations(cell_inputs):
    weights, x, h0, c0 = cell_inputs
    step = lstm_step(x[:, 0], h0, c0, weights)
    assert isinstance(step, StepResult)
    z = x[:, 0] @ weights.kernel + h0 @ weights.recurrent_kernel + weights.bias
    z_i, z_f, z_c, z_o = np.split(z, 4, axis=1)
    sig = lambda v: 1 / (1 + np.exp(-v))  # noqa: E731
    np.testing.assert_allclose(step.i, sig(z_i), atol=1e-6)
    np.testing.assert_allclose(step.f, sig(z_f), atol=1e-6)
    np.testing.assert_allclose(step.c_tilde, np.tanh(z_c), atol=1e-6)
    np.testing.assert_allclose(step.o, sig(z_o), atol=1e-6)
    np.testing.assert_allclose(step.c, step.f * c0 + step.i * step.c_tilde, atol=1e-6)
    np.testing.assert_allclose(step.h, step.o * np.tanh(step.c), atol=1e-6)
    assert all(getattr(step, n).shape == (5, 4) for n in ("h", "c", "i", "f", "c_tilde", "o"))


def test_bad_step_input(cell_inputs):
    weights, x, h0, c0 = cell_inputs
    with pytest.raises(
        ValueError, match=r"x_t has shape \(5, 6, 3\); expected \(batch, input_dim\)"
    ):
        lstm_step(x, h0, c0, weights)
    with pytest.raises(ValueError, match=r"x_t has shape \(5, 2\).*input_dim=3"):
        lstm_step(x[:, 0, :2], h0, c0, weights)
    with pytest.raises(ValueError, match=r"h_prev has shape \(5, 3\); expected \(batch, units\)"):
        lstm_step(x[:, 0], h0[:, :3], c0, weights)
    with pytest.raises(ValueError, match=r"c_prev has shape \(4, 4\)"):
        lstm_step(x[:, 0], h0, c0[:4], weights)
    with pytest.raises(ValueError, match=r"^activation must be one of 'tanh'.*; got 'nope'$"):
        lstm_step(x[:, 0], h0, c0, weights, activation="nope")
    with pytest.raises(ValueError, match=r"^recurrent_activation must be one of .*; got 'nope'$"):
        lstm_step(x[:, 0], h0, c0, weights, recurrent_activation="nope")
