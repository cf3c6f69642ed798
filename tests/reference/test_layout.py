"""Tests of reference.layout: the arrays every Keras recurrent layer's weights share."""

from types import SimpleNamespace

import numpy as np
import pytest

from lstm_explained.reference.layout import (
    KerasLayout,
    checked_arrays,
    random_kernels,
    store_frozen,
)


def arrays(input_dim=3, units=2, blocks=4, bias=True):
    kernel = np.ones((input_dim, blocks * units))
    recurrent = np.ones((units, blocks * units))
    return SimpleNamespace(
        kernel=kernel, recurrent_kernel=recurrent, bias=np.ones(blocks * units) if bias else None
    )


@pytest.mark.parametrize("blocks", [1, 3, 4])
def test_sizes_come_from_the_kernels(blocks):
    kernel, recurrent, bias, units = checked_arrays(arrays(blocks=blocks), blocks)
    assert units == 2
    assert (kernel.shape, recurrent.shape, bias.shape) == (
        (3, 2 * blocks),
        (2, 2 * blocks),
        (2 * blocks,),
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"recurrent_kernel": np.ones((2, 7))},
            r"recurrent_kernel has shape \(2, 7\); expected \(units, 4\*units\)",
        ),
        ({"kernel": np.ones((3, 5))}, r"kernel has shape \(3, 5\); expected \(input_dim, 8\)"),
        ({"recurrent_kernel": np.ones((0, 0))}, "units must be positive"),
    ],
)
def test_bad_kernels_are_named(change, message):
    weights = arrays()
    for name, value in change.items():
        setattr(weights, name, value)
    with pytest.raises(ValueError, match=message):
        checked_arrays(weights, 4)


def test_non_numeric_arrays_raise_type_error():
    weights = arrays()
    weights.kernel = np.array([["a"]])
    with pytest.raises(TypeError, match="kernel must hold real numbers"):
        checked_arrays(weights, 4)


def test_stored_copies_are_read_only_and_share_one_dtype():
    holder = SimpleNamespace(bias=None)
    kernel = np.ones((3, 4), np.float32)
    store_frozen(holder, kernel, np.ones((1, 4), np.float64), None)
    assert holder.kernel.dtype == holder.recurrent_kernel.dtype == np.float64
    assert not holder.kernel.flags.writeable
    kernel[0, 0] = 5.0  # the caller's array is not shared
    assert holder.kernel[0, 0] == 1.0


def test_random_recurrent_kernels_have_orthonormal_rows():
    kernel, recurrent = random_kernels(np.random.default_rng(0), 5, 3, blocks=4)
    assert kernel.shape == (5, 12)
    np.testing.assert_allclose(recurrent @ recurrent.T, np.eye(3), atol=1e-12)


def test_the_layout_mixin_reads_sizes():
    class Layer(KerasLayout):
        def __init__(self):
            self.kernel, self.recurrent_kernel, self.bias = (
                np.zeros((3, 8)),
                np.zeros((2, 8)),
                None,
            )

    layer = Layer()
    assert (layer.units, layer.input_dim, layer.use_bias, layer.dtype) == (2, 3, False, np.float64)
