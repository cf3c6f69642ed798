"""Tests of reference.jacobian: the Jacobian against finite differences."""

import numpy as np
import pytest

from lstm_explained.reference.cell import lstm_step
from lstm_explained.reference.jacobian import hidden_jacobian, independent_units_weights
from lstm_explained.reference.shapes import param_count
from lstm_explained.reference.weights import LSTMWeights

#: Central differences in float64 with step 1e-6 are accurate to about 1e-9; 1e-7 leaves room.
FD_TOLERANCE = 1e-7
FD_STEP = 1e-6


def _finite_difference(weights, x_t, h_prev, c_prev):
    w64 = LSTMWeights(
        *(
            None if a is None else np.asarray(a, np.float64)
            for a in (weights.kernel, weights.recurrent_kernel, weights.bias)
        )
    )
    units = weights.units
    jac = np.zeros((units, units))
    for k in range(units):
        step = np.zeros(units)
        step[k] = FD_STEP
        plus = lstm_step(x_t[None], (h_prev + step)[None], c_prev[None], w64).h[0]
        minus = lstm_step(x_t[None], (h_prev - step)[None], c_prev[None], w64).h[0]
        jac[:, k] = (plus - minus) / (2 * FD_STEP)
    return jac


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("use_bias", [True, False])
def test_jacobian_matches_finite_differences(seed, use_bias):
    rng = np.random.default_rng(seed)
    weights = LSTMWeights.random(3, 5, seed=seed, use_bias=use_bias)
    x_t, h_prev, c_prev = rng.normal(size=3), rng.normal(size=5), rng.normal(size=5)
    expected = _finite_difference(weights, x_t, h_prev, c_prev)
    actual = hidden_jacobian(weights, x_t, h_prev, c_prev)
    np.testing.assert_allclose(actual, expected, atol=FD_TOLERANCE)


def test_independent_weights_give_a_diagonal_jacobian():
    weights = independent_units_weights(4, input_dim=3, seed=5)
    rng = np.random.default_rng(0)
    jac = hidden_jacobian(weights, rng.normal(size=3), rng.normal(size=4), rng.normal(size=4))
    assert np.count_nonzero(jac - np.diag(np.diag(jac))) == 0
    assert np.all(np.diag(jac) != 0)


def test_independent_weights_equal_separate_one_unit_lstms():
    cells = [LSTMWeights.random(2, 1, seed=s) for s in range(3)]
    layer = independent_units_weights(cells)
    rng = np.random.default_rng(0)
    x_t, h, c = rng.normal(size=(1, 2)), rng.normal(size=(1, 3)), rng.normal(size=(1, 3))
    together = lstm_step(x_t, h, c, layer).h[0]
    apart = [lstm_step(x_t, h[:, [j]], c[:, [j]], cell).h[0, 0] for j, cell in enumerate(cells)]
    np.testing.assert_allclose(together, apart, rtol=1e-6)
    free = 3 * param_count(2, 1)
    assert param_count(2, 3) - free == 4 * 3 * (3 - 1)


def test_independent_weights_reject_bad_cells():
    with pytest.raises(ValueError, match="one-unit"):
        independent_units_weights([LSTMWeights.random(2, 2)])
    with pytest.raises(ValueError, match=r"^cells must be a positive integer, got 0$"):
        independent_units_weights(0, input_dim=2)
    with pytest.raises(TypeError, match=r"^cells must be an integer or a sequence of LSTMWeights"):
        independent_units_weights([3], input_dim=2)
    with pytest.raises(
        TypeError, match=r"^cells must be a positive integer, got '3' of type str$"
    ):
        independent_units_weights("3", input_dim=2)  # a str is a Sequence, but not of cells
    with pytest.raises(ValueError, match=r"^input_dim=3 differs from the cells' 2$"):
        independent_units_weights([LSTMWeights.random(2, 1)], input_dim=3)
    assert independent_units_weights([LSTMWeights.random(2, 1)], input_dim=2).input_dim == 2


def test_unsupported_activation_raises():
    w = LSTMWeights.random(2, 2)
    with pytest.raises(
        ValueError, match=r"^recurrent_activation must be one of 'sigmoid', 'tanh'; got 'relu'$"
    ):
        hidden_jacobian(w, np.ones(2), np.ones(2), np.ones(2), recurrent_activation="relu")
    with pytest.raises(ValueError, match=r"^activation must be one of 'sigmoid', 'tanh'; got"):
        hidden_jacobian(w, np.ones(2), np.ones(2), np.ones(2), activation="hard_sigmoid")
