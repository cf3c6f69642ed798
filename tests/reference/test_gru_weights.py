"""Tests of reference.gru_weights: layout, reset_after from the bias, gate views, Keras cells."""

import dataclasses

import numpy as np
import pytest

from lstm_explained.reference.gru_weights import GRU_GATES, GRUWeights
from lstm_explained.reference.weights import GateWeights


def arrays(input_dim=3, units=2, bias_shape=(2, 6), seed=0):
    rng = np.random.default_rng(seed)
    return (
        rng.normal(size=(input_dim, 3 * units)).astype(np.float32),
        rng.normal(size=(units, 3 * units)).astype(np.float32),
        rng.normal(size=bias_shape).astype(np.float32),
    )


def test_gate_order_is_keras():
    assert GRU_GATES == ("z", "r", "h")  # PyTorch's nn.GRU uses r, z, n


@pytest.mark.parametrize(
    ("bias_shape", "given", "expected"),
    [
        ((2, 6), None, True),
        ((2, 6), True, True),
        ((6,), None, False),
        ((6,), np.False_, False),
        (None, True, True),
        (None, False, False),
    ],
)
def test_reset_after_follows_from_the_bias(bias_shape, given, expected):
    kernel, recurrent_kernel, _ = arrays()
    bias = None if bias_shape is None else np.zeros(bias_shape, np.float32)
    w = GRUWeights(kernel, recurrent_kernel, bias, reset_after=given)
    assert w.reset_after is expected
    assert (w.units, w.input_dim, w.use_bias, w.dtype) == (2, 3, bias is not None, np.float32)


@pytest.mark.parametrize(
    ("bias_shape", "given", "error", "message"),
    [
        ((2, 6), False, ValueError, r"^bias has shape \(2, 6\), which means reset_after=True; "),
        ((6,), True, ValueError, r"bias has shape \(6,\), which means reset_after=False; got "),
        (None, None, ValueError, "^without a bias, give reset_after=True or False"),
        ((2, 6), 1, TypeError, "^reset_after must be True or False, got 1 of type int$"),
        (None, "no", TypeError, "^reset_after must be True or False"),
        (
            (3, 6),
            None,
            ValueError,
            r"^bias has shape \(3, 6\); expected \(2, 6\) for reset_after=True or \(6,\) for "
            r"reset_after=False \(units=2\)$",
        ),
        ((12,), None, ValueError, r"bias has shape \(12,\)"),
    ],
)
def test_bias_and_reset_after_must_agree(bias_shape, given, error, message):
    kernel, recurrent_kernel, _ = arrays()
    bias = None if bias_shape is None else np.zeros(bias_shape)
    with pytest.raises(error, match=message):
        GRUWeights(kernel, recurrent_kernel, bias, reset_after=given)


@pytest.mark.parametrize(
    ("shapes", "message"),
    [
        (((3, 6), (2, 8)), r"recurrent_kernel has shape \(2, 8\); expected \(units, 3\*units\)"),
        (((3, 8), (2, 6)), r"kernel has shape \(3, 8\); expected \(input_dim, 6\)"),
        (((0, 6), (2, 6)), r"kernel has shape \(0, 6\)"),
        (((3, 0), (0, 0)), "units must be positive"),
    ],
)
def test_inconsistent_kernels_are_named(shapes, message):
    with pytest.raises(ValueError, match=message):
        GRUWeights(np.zeros(shapes[0]), np.zeros(shapes[1]), reset_after=True)


def test_stores_read_only_copies():
    kernel, recurrent_kernel, bias = arrays()
    w = GRUWeights(kernel, recurrent_kernel, bias)
    bias[:] = 0
    assert np.all(w.bias != 0)
    for array in (w.kernel, w.bias, w.gate("h").bias, w.input_bias, w.recurrent_bias):
        with pytest.raises(ValueError, match="read-only"):
            array[0] = 1.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        w.reset_after = False


def test_input_and_recurrent_bias_rows():
    kernel, recurrent_kernel, bias = arrays()
    after = GRUWeights(kernel, recurrent_kernel, bias)
    np.testing.assert_array_equal(after.input_bias, bias[0])
    np.testing.assert_array_equal(after.recurrent_bias, bias[1])
    before = GRUWeights(kernel, recurrent_kernel, bias[0])
    np.testing.assert_array_equal(before.input_bias, bias[0])
    assert before.recurrent_bias is None
    none = GRUWeights(kernel, recurrent_kernel, reset_after=True)
    assert none.input_bias is None
    assert none.recurrent_bias is None


@pytest.mark.parametrize("bias_shape", [(2, 6), (6,)])
def test_gate_slices_follow_keras_layout(bias_shape):
    w = GRUWeights(*arrays(bias_shape=bias_shape))
    gates = w.gates()
    assert list(gates) == list(GRU_GATES)
    for k, name in enumerate(GRU_GATES):
        gate = gates[name]
        assert isinstance(gate, GateWeights)
        block = slice(2 * k, 2 * k + 2)
        np.testing.assert_array_equal(gate.kernel, w.kernel[:, block])
        np.testing.assert_array_equal(gate.recurrent_kernel, w.recurrent_kernel[:, block])
        np.testing.assert_array_equal(gate.bias, w.bias[..., block])
        assert gate.bias.shape == (*bias_shape[:-1], 2)
    assert GRUWeights(*arrays()[:2], reset_after=False).gate("z").bias is None
    with pytest.raises(ValueError, match=r"unknown gate 'n'; expected one of \('z', 'r', 'h'\)"):
        w.gate("n")


def test_random_like_keras_defaults():
    w = GRUWeights.random(input_dim=6, units=5, seed=3)
    assert (w.dtype, w.reset_after, w.bias.shape) == (np.float32, True, (2, 15))
    assert np.all(np.abs(w.kernel) <= np.sqrt(6 / (6 + 3 * 5)))  # glorot over (6, 15)
    np.testing.assert_allclose(w.recurrent_kernel @ w.recurrent_kernel.T, np.eye(5), atol=1e-5)
    np.testing.assert_array_equal(w.bias, 0)  # Keras's GRU bias starts at zeros
    assert GRUWeights.random(2, 3, reset_after=False).bias.shape == (9,)
    no_bias = GRUWeights.random(2, 3, use_bias=False, reset_after=False)
    assert (no_bias.bias, no_bias.reset_after) == (None, False)
    assert GRUWeights.random(2, 3, dtype=np.float64).dtype == np.float64
    with pytest.raises(TypeError, match=r"^reset_after must be True or False, got 'no' of type"):
        GRUWeights.random(2, 3, reset_after="no")


class GRUCell:
    """Stands for Keras's GRUCell: only the class name and these attributes matter."""

    def __init__(self, arrays, reset_after):
        self.built, self.use_bias, self.reset_after = True, len(arrays) == 3, reset_after
        self.weights = [np.zeros_like(a) for a in arrays]

    def get_weights(self):
        return [np.array(w) for w in self.weights]

    def set_weights(self, arrays):
        self.weights = list(arrays)


class GRU:
    name = "gru"

    def __init__(self, cell):
        self.cell = cell


@pytest.mark.parametrize("bias_shape", [(2, 6), (6,), None])
def test_keras_round_trip_by_duck_typing(bias_shape):
    kernel, recurrent_kernel, bias = arrays(bias_shape=bias_shape or (6,))
    bias = None if bias_shape is None else bias
    w = GRUWeights(kernel, recurrent_kernel, bias, reset_after=bias_shape != (6,))
    layer = GRU(
        GRUCell([a for a in (kernel, recurrent_kernel, bias) if a is not None], w.reset_after)
    )
    w.to_keras(layer)
    assert all(a.dtype == np.float32 for a in layer.cell.weights)
    back = GRUWeights.from_keras(layer)
    assert back.reset_after == w.reset_after
    for name in ("kernel", "recurrent_kernel", "bias"):
        np.testing.assert_array_equal(getattr(back, name), getattr(w, name))


def test_to_keras_refuses_another_reset_after_even_without_bias():
    kernel, recurrent_kernel, _ = arrays()
    w = GRUWeights(kernel, recurrent_kernel, reset_after=True)
    layer = GRU(GRUCell([kernel, recurrent_kernel], reset_after=False))
    with pytest.raises(
        ValueError, match=r"^layer 'gru' has reset_after=False; these weights have"
    ):
        w.to_keras(layer)
    small = GRU(GRUCell([kernel[:, :3], recurrent_kernel[:1, :3]], reset_after=True))
    with pytest.raises(ValueError, match=r"weight shapes \[\(3, 3\), \(1, 3\)\]"):
        w.to_keras(small)
    with pytest.raises(TypeError, match="cell is a GRUCell, or the cell itself; got object"):
        GRUWeights.from_keras(object())
