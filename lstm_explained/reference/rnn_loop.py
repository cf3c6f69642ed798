"""The loop over time of Keras's one-state layers, ``SimpleRNN`` and ``GRU``, in NumPy.

A ``SimpleRNN`` and a ``GRU`` carry one state, ``h``, which is also each step's output; they
differ only in the step. :func:`prepare_sequence` checks a call (``x``, ``initial_state``,
``mask``) and puts the sequence in processing order, and :func:`loop_over_time` runs a step
function over it, with the same rules as the LSTM loop of
:mod:`lstm_explained.reference.sequence` (Keras 3 uses one loop for every recurrent layer):

- a masked step (mask ``False``) carries ``h`` unchanged, and its output repeats the previous
  step's output, which is zeros before the first valid step, even with an initial state (with
  ``zero_output_for_mask=True``, every masked step outputs zeros);
- ``go_backwards`` processes the last timestep first and returns the outputs in processing order,
  that is reversed in time;
- ``initial_state`` is one array ``h0`` of shape (batch, units), or a list ``[h0]``.

Scope: Keras's generic loop, which is what runs on CPU. On a GPU, Keras may run the GRU with
cuDNN instead, which only accepts right-padded masks; that path is left out here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from lstm_explained.reference.cell import _check_2d, _compute_dtype
from lstm_explained.reference.sequence import _check_x, _in_processing_order
from lstm_explained.reference.validation import check_flag

__all__ = ["Step", "loop_over_time", "prepare_sequence"]

Array = NDArray[np.floating]
Step = Callable[[Array, Array], Array]
"""A step ``step(x_part_t, h_prev) -> h``: the input part of one timestep and the previous state
(batch, units) give the new state (batch, units)."""


def _initial_h(initial_state: Any, shape: tuple[int, int], dtype: np.dtype) -> Array:
    """h0 from ``None`` (zeros), an array, or a one-element list or tuple."""
    if initial_state is None:
        return np.zeros(shape, dtype)
    if isinstance(initial_state, list | tuple):
        if len(initial_state) != 1:
            raise ValueError(
                "initial_state must be one (batch, units) array h0 or a list [h0]; got a "
                f"{type(initial_state).__name__} of {len(initial_state)} items (a GRU or "
                "SimpleRNN has one state, not [h0, c0])"
            )
        return _check_2d("initial_state[0] (h0)", initial_state[0], shape, "(batch, units)", dtype)
    return _check_2d("initial_state (h0)", initial_state, shape, "(batch, units)", dtype)


def prepare_sequence(
    x: ArrayLike,
    weights: Any,
    kind: type,
    *,
    initial_state: ArrayLike | Sequence[ArrayLike] | None,
    mask: ArrayLike | None,
    go_backwards: bool,
) -> tuple[Array, Array, NDArray[np.bool_] | None]:
    """Check a call of a one-state layer; return ``x``, ``h0`` and ``mask`` in processing order.

    Parameters
    ----------
    x : ndarray, shape (batch, timesteps, input_dim)
    weights : `kind`
        The layer's weights (``GRUWeights`` or ``SimpleRNNWeights``): anything with ``units``,
        ``input_dim`` and ``dtype``.
    kind : type
        The class `weights` must have.
    initial_state : ndarray of shape (batch, units), or [h0], optional
    mask : ndarray of bool, shape (batch, timesteps), optional
    go_backwards : bool

    Returns
    -------
    x : ndarray, shape (batch, timesteps, input_dim)
        Reversed in time if `go_backwards`, in the dtype the call computes in.
    h0 : ndarray, shape (batch, units)
    mask : ndarray of bool, shape (batch, timesteps), or None
        Reversed in time if `go_backwards`.

    Raises
    ------
    TypeError
        If `weights` is not a `kind`, `x` is not numeric or `go_backwards` is not a bool.
    ValueError
        If `x`, `initial_state` or `mask` has the wrong shape or structure.
    """
    go_backwards = check_flag("go_backwards", go_backwards)
    x = np.asarray(x)
    dtype = _compute_dtype(x, weights, kind)
    _check_x(x, weights.input_dim)
    h0 = _initial_h(initial_state, (x.shape[0], weights.units), dtype)
    x, mask = _in_processing_order(x, mask, go_backwards, dtype)
    return x, h0, mask


def loop_over_time(
    x_part: Array,
    h: Array,
    mask: NDArray[np.bool_] | None,
    step: Step,
    *,
    return_sequences: bool,
    zero_output_for_mask: bool = False,
) -> tuple[Array, Array]:
    """Run `step` over the timesteps of `x_part`, with Keras's mask rules; return (output, h).

    Parameters
    ----------
    x_part : ndarray, shape (batch, timesteps, k*units)
        The input part of every step (``x @ kernel + bias``), in processing order.
    h : ndarray, shape (batch, units)
        The initial state.
    mask : ndarray of bool, shape (batch, timesteps), or None
        In processing order; ``False`` skips a step.
    step : Step
    return_sequences : bool
    zero_output_for_mask : bool
        Output zeros at masked steps instead of repeating the previous output.

    Returns
    -------
    output : ndarray, shape (batch, units), or (batch, timesteps, units) with `return_sequences`
    h : ndarray, shape (batch, units)
        The state after the last step (carried through masked steps).

    Examples
    --------
    A step that counts: masked steps leave the count alone and repeat the previous output.

    >>> x_part, h0 = np.zeros((1, 4, 1)), np.full((1, 1), 10.0)
    >>> mask = np.array([[False, True, False, True]])
    >>> out, h = loop_over_time(x_part, h0, mask, lambda x_t, h: h + 1, return_sequences=True)
    >>> out[0, :, 0].tolist(), h.tolist()
    ([0.0, 11.0, 11.0, 12.0], [[12.0]])
    """
    batch, timesteps = x_part.shape[:2]
    output = np.zeros_like(h)  # the output before any valid step
    outputs = np.empty((batch, timesteps, h.shape[1]), h.dtype) if return_sequences else None
    for t in range(timesteps):
        h_new = step(x_part[:, t], h)  # (batch, units)
        if mask is None:
            h, output = h_new, h_new
        else:
            keep = mask[:, t, None]  # (batch, 1)
            h = np.where(keep, h_new, h)  # (batch, units)
            output = np.where(keep, h_new, 0.0 if zero_output_for_mask else output)
        if outputs is not None:
            outputs[:, t] = output
    return (output if outputs is None else outputs), h
