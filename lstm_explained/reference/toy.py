"""A one-unit LSTM with hand-set weights that stores a value on "write" and shows it on "read".

The input has three features per step, ``x_t = (value, write, read)``. The weights route each
feature to one gate, and the recurrent kernel is zero, so every gate depends on the current
input only:

- the input gate opens (``i ~ 1``) and the forget gate closes (``f ~ 0``) when ``write = 1``:
  the cell state is overwritten with the candidate ``c_tilde = tanh(value)``;
- otherwise ``i ~ 0`` and ``f ~ 1``: the cell state is held, whatever ``value`` is;
- the output gate opens (``o ~ 1``) when ``read = 1``: ``h = tanh(c)``; otherwise ``h ~ 0``.

"~" means within ``sigmoid(-gain / 2)`` of 0 or 1 (see :func:`memory_task_weights`). This is
teaching material for the page "Gates in action"; nothing here is trained.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable

import numpy as np
from numpy.typing import ArrayLike, NDArray

from lstm_explained.reference.validation import check_size
from lstm_explained.reference.weights import LSTMWeights

__all__ = ["memory_task_input", "memory_task_weights"]

#: Index of each input feature along the last axis of :func:`memory_task_input`.
VALUE, WRITE, READ = 0, 1, 2


def memory_task_weights(gain: float = 30.0, *, dtype: type | np.dtype = np.float32) -> LSTMWeights:
    """Weights of a one-unit LSTM that writes, holds and reads one value (input_dim = 3).

    Each gate's pre-activation is ``gain * (flag - 1/2)`` (or its negative), so a gate is
    ``sigmoid(gain / 2)`` when it should be 1 and ``sigmoid(-gain / 2)`` when it should be 0.

    Parameters
    ----------
    gain : float
        Steepness of the gates; larger is closer to exact 0 and 1. Must be positive.
    dtype : numpy dtype
        Floating dtype of the weights.

    Returns
    -------
    LSTMWeights
        ``kernel`` (3, 4), ``recurrent_kernel`` (1, 4) all zeros, ``bias`` (4,).

    Raises
    ------
    TypeError
        If `gain` is not a real number (``bool`` and strings are refused).
    ValueError
        If `gain` is not positive and finite.

    Examples
    --------
    >>> w = memory_task_weights()
    >>> w.input_dim, w.units, bool(np.all(w.recurrent_kernel == 0))
    (3, 1, True)
    >>> w.gate("f").kernel.ravel().tolist(), w.gate("f").bias.tolist()  # forget unless writing
    ([0.0, -30.0, 0.0], [15.0])
    """
    if isinstance(gain, bool | np.bool_) or not isinstance(gain, numbers.Real):
        raise TypeError(
            f"gain must be a positive finite number, got {gain!r} of type {type(gain).__name__}"
        )
    if not np.isfinite(gain) or gain <= 0:
        raise ValueError(f"gain must be a positive finite number, got {gain!r}")
    g = gain
    no_recurrence = np.zeros((1, 1), dtype)  # (units, units): the gates ignore h_prev

    def kernel(value: float = 0.0, write: float = 0.0, read: float = 0.0) -> NDArray:
        return np.array([[value], [write], [read]], dtype)  # (input_dim, units)

    def bias(b: float) -> NDArray:
        return np.array([b], dtype)  # (units,)

    gates = {  # i opens on write, f closes on write, c~ = tanh(value), o opens on read
        "i": {"kernel": kernel(write=+g), "recurrent_kernel": no_recurrence, "bias": bias(-g / 2)},
        "f": {"kernel": kernel(write=-g), "recurrent_kernel": no_recurrence, "bias": bias(+g / 2)},
        "c": {"kernel": kernel(value=1.0), "recurrent_kernel": no_recurrence, "bias": bias(0.0)},
        "o": {"kernel": kernel(read=+g), "recurrent_kernel": no_recurrence, "bias": bias(-g / 2)},
    }
    return LSTMWeights.from_gates(gates)


def _steps(name: str, steps: Iterable[int], timesteps: int) -> list[int]:
    """Check each step of `steps` (an iterable of integers in ``0..timesteps-1``)."""
    if isinstance(steps, str) or not isinstance(steps, Iterable):
        raise TypeError(
            f"{name} must be an iterable of integer steps, got {steps!r} of type "
            f"{type(steps).__name__}"
        )
    last = timesteps - 1
    return [check_size(f"{name}[{k}]", t, minimum=0, maximum=last) for k, t in enumerate(steps)]


def memory_task_input(
    values: ArrayLike,
    *,
    write_at: Iterable[int],
    read_at: Iterable[int],
    dtype: type | np.dtype = np.float32,
) -> NDArray[np.floating]:
    """Inputs ``(value, write, read)`` for :func:`memory_task_weights`.

    Parameters
    ----------
    values : ndarray, shape (timesteps,) or (batch, timesteps)
        The value feature at every step (only the one at a write step is stored).
    write_at, read_at : iterable of int
        Steps (0-based) where the write flag, resp. the read flag, is 1; the same for every
        sequence of the batch.
    dtype : numpy dtype

    Returns
    -------
    ndarray, shape (batch, timesteps, 3)
        ``batch`` is 1 when `values` is 1-D.

    Raises
    ------
    TypeError
        If `write_at` or `read_at` is not an iterable of integers (``bool`` and floats such
        as ``1.0`` are refused).
    ValueError
        If `values` is not 1-D or 2-D, or a step is outside ``0..timesteps-1``.

    Examples
    --------
    >>> x = memory_task_input([0.5, -0.2, 0.9], write_at=[0], read_at=[2])
    >>> x.shape, x[0, :, 1].tolist(), x[0, :, 2].tolist()
    ((1, 3, 3), [1.0, 0.0, 0.0], [0.0, 0.0, 1.0])
    """
    values = np.asarray(values, dtype=dtype)
    if values.ndim == 1:
        values = values[None]
    if values.ndim != 2 or values.shape[1] == 0:
        raise ValueError(
            f"values has shape {values.shape}; expected (timesteps,) or "
            "(batch, timesteps) with timesteps >= 1"
        )
    batch, timesteps = values.shape
    x = np.zeros((batch, timesteps, 3), dtype)  # (batch, timesteps, input_dim)
    x[:, :, VALUE] = values
    x[:, _steps("write_at", write_at, timesteps), WRITE] = 1.0
    x[:, _steps("read_at", read_at, timesteps), READ] = 1.0
    return x
