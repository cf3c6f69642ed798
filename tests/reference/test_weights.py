"""Tests of reference.weights: layout, validation, copies, gate slices, initialisation."""

import dataclasses

import numpy as np
import pytest

from lstm_explained.reference.weights import GATES, GateWeights, LSTMWeights


def arrays(input_dim=3, units=2, seed=0):
    rng = np.random.default_rng(seed)
    return (
        rng.normal(size=(input_dim, 4 * units)).astype(np.float32),
        rng.normal(size=(units, 4 * units)).astype(np.float32),
        rng.normal(size=(4 * units,)).astype(np.float32),
    )


def test_gate_order_is_keras():
    assert GATES == ("i", "f", "c", "o")


def test_properties():
    w = LSTMWeights(*arrays(input_dim=5, units=3))
    assert (w.input_dim, w.units, w.use_bias, w.dtype) == (5, 3, True, np.float32)
    assert not LSTMWeights(*arrays()[:2], None).use_bias


def test_stores_read_only_copies():
    kernel, recurrent_kernel, bias = arrays()
    originals = [a.copy() for a in (kernel, recurrent_kernel, bias)]
    w = LSTMWeights(kernel, recurrent_kernel, bias)
    kernel[:] = 0
    bias[:] = 0
    np.testing.assert_array_equal(w.kernel, originals[0])
    np.testing.assert_array_equal(w.bias, originals[2])
    for array in (w.kernel, w.recurrent_kernel, w.bias, w.gate("f").kernel):
        with pytest.raises(ValueError, match="read-only"):
            array[0] = 1.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        w.kernel = kernel


def test_dtypes_become_one_float_dtype():
    kernel, recurrent_kernel, bias = arrays()
    w = LSTMWeights(kernel.astype(int), recurrent_kernel.astype(np.float64), bias)
    assert w.kernel.dtype == w.recurrent_kernel.dtype == w.bias.dtype == np.float64
    assert LSTMWeights(np.ones((2, 4), bool), np.eye(1, 4, dtype=np.float32)).dtype == np.float32
    assert LSTMWeights([[1.0] * 4], [[0.5] * 4]).units == 1


@pytest.mark.parametrize(
    ("shapes", "message"),
    [
        (
            ((3, 8), (2, 6), (8,)),
            r"recurrent_kernel has shape \(2, 6\); expected \(units, 4\*units\)",
        ),
        (((3, 8), (8,), (8,)), r"recurrent_kernel has shape \(8,\)"),
        (((3, 12), (2, 8), (8,)), r"kernel has shape \(3, 12\); expected \(input_dim, 8\)"),
        (((0, 8), (2, 8), (8,)), r"kernel has shape \(0, 8\)"),
        (((3, 8, 1), (2, 8), (8,)), r"kernel has shape \(3, 8, 1\)"),
        (((3, 8), (2, 8), (4,)), r"bias has shape \(4,\); expected \(8,\)"),
        (((3, 8), (2, 8), (1, 8)), r"bias has shape \(1, 8\)"),
        (((3, 0), (0, 0), None), r"units must be positive"),
    ],
)
def test_inconsistent_shapes_are_named(shapes, message):
    kernel, recurrent_kernel, bias = (None if s is None else np.zeros(s) for s in shapes)
    with pytest.raises(ValueError, match=message):
        LSTMWeights(kernel, recurrent_kernel, bias)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kernel": None}, "kernel must be a NumPy array, got NoneType"),
        ({"kernel": {"a": 1}}, "kernel must be a NumPy array, got dict"),
        ({"recurrent_kernel": np.full((2, 8), "x")}, "recurrent_kernel must hold real numbers"),
        ({"bias": np.zeros(8, complex)}, "bias must hold real numbers"),
    ],
)
def test_non_numeric_is_a_type_error(kwargs, message):
    kernel, recurrent_kernel, bias = arrays()
    fields = {"kernel": kernel, "recurrent_kernel": recurrent_kernel, "bias": bias, **kwargs}
    with pytest.raises(TypeError, match=message):
        LSTMWeights(**fields)


def test_gate_slices_follow_keras_layout():
    w = LSTMWeights(*arrays(input_dim=3, units=2))
    gates = w.gates()
    assert list(gates) == list(GATES)
    for k, name in enumerate(GATES):
        gate = gates[name]
        assert isinstance(gate, GateWeights)
        np.testing.assert_array_equal(gate.kernel, w.kernel[:, 2 * k : 2 * k + 2])
        np.testing.assert_array_equal(
            gate.recurrent_kernel, w.recurrent_kernel[:, 2 * k : 2 * k + 2]
        )
        np.testing.assert_array_equal(gate.bias, w.bias[2 * k : 2 * k + 2])
    assert LSTMWeights(*arrays()[:2]).gate("o").bias is None
    with pytest.raises(ValueError, match="unknown gate 'g'"):
        w.gate("g")


def test_from_gates_inverts_gates():
    w = LSTMWeights(*arrays(input_dim=4, units=3))
    rebuilt = LSTMWeights.from_gates(w.gates())
    for name in ("kernel", "recurrent_kernel", "bias"):
        np.testing.assert_array_equal(getattr(rebuilt, name), getattr(w, name))
    as_dicts = {
        n: {"kernel": g.kernel, "recurrent_kernel": g.recurrent_kernel}
        for n, g in w.gates().items()
    }
    assert LSTMWeights.from_gates(as_dicts).bias is None


def test_from_gates_errors():
    gates = LSTMWeights(*arrays()).gates()
    with pytest.raises(ValueError, match="one entry per gate"):
        LSTMWeights.from_gates({k: v for k, v in gates.items() if k != "o"})
    mixed = {**gates, "c": dataclasses.replace(gates["c"], bias=None)}
    with pytest.raises(ValueError, match="either every gate has a bias or none has"):
        LSTMWeights.from_gates(mixed)
    uneven = {**gates, "i": dataclasses.replace(gates["i"], kernel=np.zeros((5, 2)))}
    with pytest.raises(ValueError, match="per-gate kernel shapes must be equal"):
        LSTMWeights.from_gates(uneven)
    with pytest.raises(ValueError, match="a gate block needs keys"):
        LSTMWeights.from_gates({name: {"kernel": 1} for name in GATES})


def test_random_like_keras_defaults():
    w = LSTMWeights.random(input_dim=6, units=5, seed=3)
    assert w.dtype == np.float32
    limit = np.sqrt(6 / (6 + 4 * 5))  # glorot_uniform over the full (input_dim, 4*units) kernel
    assert np.all(np.abs(w.kernel) <= limit)
    np.testing.assert_allclose(w.recurrent_kernel @ w.recurrent_kernel.T, np.eye(5), atol=1e-5)
    np.testing.assert_array_equal(w.gate("f").bias, np.ones(5))  # exactly 1.0, not "added" 1
    for name in ("i", "c", "o"):
        np.testing.assert_array_equal(w.gate(name).bias, np.zeros(5))
    np.testing.assert_array_equal(w.kernel, LSTMWeights.random(6, 5, seed=3).kernel)


def test_random_options():
    assert np.all(LSTMWeights.random(2, 3, unit_forget_bias=False).bias == 0)
    assert LSTMWeights.random(2, 3, use_bias=False).bias is None
    assert LSTMWeights.random(2, 3, dtype=np.float64).dtype == np.float64
    with pytest.raises(ValueError, match="units must be a positive integer, got 0"):
        LSTMWeights.random(2, 0)
    with pytest.raises(ValueError, match="input_dim must be a positive integer, got -1"):
        LSTMWeights.random(-1, 2)
