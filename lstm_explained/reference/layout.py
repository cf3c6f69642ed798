"""What the weights of every Keras recurrent layer share: three arrays, checked and frozen.

``LSTM``, ``GRU`` and ``SimpleRNN`` all store a ``kernel`` ``(input_dim, blocks*units)``, a
``recurrent_kernel`` ``(units, blocks*units)`` and a ``bias``, with ``blocks`` = 4, 3 and 1.
The weight classes (:mod:`~lstm_explained.reference.weights`,
:mod:`~lstm_explained.reference.gru_weights`, :mod:`~lstm_explained.reference.simple_rnn`)
check their arrays with :func:`checked_arrays`, keep read-only copies with
:func:`store_frozen`, draw Keras's default initial kernels with :func:`random_kernels`, and get
their sizes from :class:`KerasLayout`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from lstm_explained.reference.validation import check_size

__all__ = ["KerasLayout", "checked_arrays", "random_kernels", "store_frozen"]


class KerasLayout:
    """Sizes read from a layer's ``kernel``, ``recurrent_kernel`` and ``bias``."""

    kernel: NDArray[np.floating]
    recurrent_kernel: NDArray[np.floating]
    bias: NDArray[np.floating] | None

    @property
    def units(self) -> int:
        """Number of units: the size of the state ``h`` (and ``c``) and of each output step."""
        return int(self.recurrent_kernel.shape[0])

    @property
    def input_dim(self) -> int:
        """Number of input features per timestep."""
        return int(self.kernel.shape[0])

    @property
    def use_bias(self) -> bool:
        """Whether the layer has a bias."""
        return self.bias is not None

    @property
    def dtype(self) -> np.dtype:
        """Floating dtype shared by the three arrays."""
        return self.kernel.dtype


def _as_float_array(name: str, value: Any) -> NDArray[np.floating]:
    """Check that `value` is a real numeric array and return it as an ndarray."""
    if not isinstance(value, np.ndarray | list | tuple) and not np.isscalar(value):
        raise TypeError(f"{name} must be a NumPy array, got {type(value).__name__}")
    array = np.asarray(value)
    if array.dtype.kind not in "biuf":
        raise TypeError(f"{name} must hold real numbers, got dtype {array.dtype}")
    return array


def _frozen_copy(array: NDArray[Any], dtype: np.dtype) -> NDArray[np.floating]:
    """A read-only copy of `array` with `dtype` (never a view of the caller's array)."""
    copy = np.array(array, dtype=dtype, copy=True)
    copy.flags.writeable = False
    return copy


def checked_arrays(weights: Any, blocks: int) -> tuple[NDArray, NDArray, NDArray | None, int]:
    """Check the kernels of a Keras recurrent layer whose arrays hold `blocks` blocks of units.

    Returns ``(kernel, recurrent_kernel, bias, units)``: the kernels must be
    ``(input_dim, blocks*units)`` and ``(units, blocks*units)``; the bias is only converted
    (its shape depends on the layer, the caller checks it).
    """
    kernel = _as_float_array("kernel", weights.kernel)
    recurrent_kernel = _as_float_array("recurrent_kernel", weights.recurrent_kernel)
    bias = None if weights.bias is None else _as_float_array("bias", weights.bias)
    width = "units" if blocks == 1 else f"{blocks}*units"
    if (
        recurrent_kernel.ndim != 2
        or recurrent_kernel.shape[1] != blocks * recurrent_kernel.shape[0]
    ):
        raise ValueError(
            f"recurrent_kernel has shape {recurrent_kernel.shape}; expected (units, {width})"
        )
    units = recurrent_kernel.shape[0]
    if units == 0:
        raise ValueError("recurrent_kernel has shape (0, 0); units must be positive")
    if kernel.ndim != 2 or kernel.shape[1] != blocks * units or kernel.shape[0] == 0:
        raise ValueError(
            f"kernel has shape {kernel.shape}; expected (input_dim, {blocks * units}) "
            f"with input_dim > 0 (units={units} from recurrent_kernel)"
        )
    return kernel, recurrent_kernel, bias, units


def store_frozen(weights: Any, kernel: NDArray, recurrent_kernel: NDArray, bias: Any) -> None:
    """Store read-only copies of the three arrays, in one float dtype, on a frozen dataclass."""
    present = [a for a in (kernel, recurrent_kernel, bias) if a is not None]
    dtype = np.result_type(*(a.dtype for a in present), np.float32)
    object.__setattr__(weights, "kernel", _frozen_copy(kernel, dtype))
    object.__setattr__(weights, "recurrent_kernel", _frozen_copy(recurrent_kernel, dtype))
    if bias is not None:
        object.__setattr__(weights, "bias", _frozen_copy(bias, dtype))


def random_kernels(
    rng: np.random.Generator, input_dim: int, units: int, blocks: int
) -> tuple[NDArray, NDArray]:
    """Keras's default kernels: glorot-uniform ``kernel``, orthogonal ``recurrent_kernel``.

    Returns ``kernel`` ``(input_dim, blocks*units)`` and ``recurrent_kernel``
    ``(units, blocks*units)`` with orthonormal rows.

    Raises
    ------
    TypeError, ValueError
        If a size is not a positive integer (:func:`~.validation.check_size`).
    """
    input_dim, units = check_size("input_dim", input_dim), check_size("units", units)
    blocks = check_size("blocks", blocks)
    limit = np.sqrt(6.0 / (input_dim + blocks * units))
    kernel = rng.uniform(-limit, limit, size=(input_dim, blocks * units))
    q, r = np.linalg.qr(rng.standard_normal((blocks * units, units)))  # q: (blocks*units, units)
    recurrent_kernel = (q * np.sign(np.diag(r))).T  # (units, blocks*units), orthonormal rows
    return kernel, recurrent_kernel
