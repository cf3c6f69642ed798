"""One LSTM step in NumPy, matching Keras 3's ``keras.layers.LSTMCell``.

One step, exactly as Keras's ``LSTMCell`` computes it (row vectors, batch first)::

    z = x_t @ kernel + h_prev @ recurrent_kernel + bias   # (batch, 4*units), gates i, f, c, o
    i = recurrent_activation(z_i)         f = recurrent_activation(z_f)
    c_tilde = activation(z_c)             o = recurrent_activation(z_o)
    c = f * c_prev + i * c_tilde          h = o * activation(c)

:func:`lstm_step` runs one step and returns the new states with every gate. It checks its
arguments, computes the input part ``x_t @ kernel + bias`` and hands it to the private step
function, which the sequence loop of :mod:`lstm_explained.reference.sequence` calls at every
timestep.

Scope: one step of the forward pass of Keras's generic (non-cuDNN) cell, which is what runs on
CPU. Sequences, masks, ``go_backwards`` and states carried over time are in
:mod:`lstm_explained.reference.sequence`. Dropout, regularizers, constraints and the cuDNN
kernel are left out: they change training or speed, not this math.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from lstm_explained.reference.activations import Activation, get_activation
from lstm_explained.reference.weights import LSTMWeights

__all__ = ["StepResult", "lstm_step"]

Array = NDArray[np.floating]


@dataclass(frozen=True)
class StepResult:
    """One LSTM step. Every field has shape (batch, units).

    Attributes: ``h`` (new hidden state, also the step's output), ``c`` (new cell state), and the
    gates ``i`` (input), ``f`` (forget) and ``o`` (output), and the candidate ``c_tilde``.
    """

    h: Array
    c: Array
    i: Array
    f: Array
    c_tilde: Array
    o: Array


def _step(
    z_x: Array,
    h_prev: Array,
    c_prev: Array,
    recurrent_kernel: Array,
    act: Activation,
    rec_act: Activation,
) -> tuple[Array, ...]:
    """Shared cell math, given the input part ``z_x = x_t @ kernel + bias``."""
    units = h_prev.shape[1]
    z = z_x + h_prev @ recurrent_kernel  # (batch, 4*units)
    i = rec_act(z[:, :units])  # (batch, units)
    f = rec_act(z[:, units : 2 * units])  # (batch, units)
    c_tilde = act(z[:, 2 * units : 3 * units])  # (batch, units)
    c = f * c_prev + i * c_tilde  # (batch, units)
    o = rec_act(z[:, 3 * units :])  # (batch, units)
    h = o * act(c)  # (batch, units)
    return i, f, c_tilde, o, c, h


def _check_2d(name: str, value: ArrayLike, shape: tuple[int, int], what: str, dtype) -> Array:
    array = np.asarray(value)
    if array.dtype.kind not in "biuf":
        raise TypeError(f"{name} must hold real numbers, got dtype {array.dtype}")
    if array.shape != shape:
        raise ValueError(f"{name} has shape {array.shape}; expected {what} = {shape}")
    return array.astype(dtype, copy=False)


def _compute_dtype(x: NDArray, weights: LSTMWeights, kind: type = LSTMWeights) -> np.dtype:
    """The dtype a call computes in, after checking that `weights` is a `kind` and `x` real."""
    if not isinstance(weights, kind):
        raise TypeError(f"weights must be {kind.__name__}, got {type(weights).__name__}")
    if x.dtype.kind not in "biuf":
        raise TypeError(f"x must hold real numbers, got dtype {x.dtype}")
    return np.result_type(x.dtype, weights.dtype) if x.dtype.kind == "f" else weights.dtype


def lstm_step(
    x_t: ArrayLike,
    h_prev: ArrayLike,
    c_prev: ArrayLike,
    weights: LSTMWeights,
    *,
    activation: str | Activation | None = "tanh",
    recurrent_activation: str | Activation | None = "sigmoid",
) -> StepResult:
    """One LSTM step, exactly Keras 3's ``LSTMCell``.

    Parameters
    ----------
    x_t : ndarray, shape (batch, input_dim)
    h_prev, c_prev : ndarray, shape (batch, units)
    weights : LSTMWeights
    activation, recurrent_activation : str, callable or None
        See :func:`~lstm_explained.reference.activations.get_activation`.

    Returns
    -------
    StepResult
        ``h``, ``c`` and the gates ``i``, ``f``, ``c_tilde``, ``o``, each (batch, units).

    Raises
    ------
    ValueError
        If a shape does not match `weights` (the message names the shapes), or an activation
        name is unknown.
    TypeError
        If `weights` is not :class:`LSTMWeights`, an input is not numeric, or an activation is
        neither a name, ``None`` nor a callable.

    Examples
    --------
    >>> w = LSTMWeights.random(input_dim=3, units=2)
    >>> x_t, zeros = np.ones((4, 3), np.float32), np.zeros((4, 2), np.float32)
    >>> s = lstm_step(x_t, zeros, zeros, w)
    >>> bool(np.allclose(s.c, s.f * 0 + s.i * s.c_tilde) and np.allclose(s.h, s.o * np.tanh(s.c)))
    True
    """
    x_t = np.asarray(x_t)
    dtype = _compute_dtype(x_t, weights)
    if x_t.ndim != 2 or x_t.shape[1] != weights.input_dim:
        raise ValueError(
            f"x_t has shape {x_t.shape}; expected (batch, input_dim) with "
            f"input_dim={weights.input_dim} (from the kernel)"
        )
    state_shape = (x_t.shape[0], weights.units)
    h_prev = _check_2d("h_prev", h_prev, state_shape, "(batch, units)", dtype)
    c_prev = _check_2d("c_prev", c_prev, state_shape, "(batch, units)", dtype)
    z_x = x_t.astype(dtype, copy=False) @ weights.kernel  # (batch, 4*units)
    if weights.bias is not None:
        z_x = z_x + weights.bias  # (batch, 4*units)
    act = get_activation(activation, argument="activation")
    rec_act = get_activation(recurrent_activation, argument="recurrent_activation")
    i, f, c_tilde, o, c, h = _step(z_x, h_prev, c_prev, weights.recurrent_kernel, act, rec_act)
    return StepResult(h=h, c=c, i=i, f=f, c_tilde=c_tilde, o=o)
