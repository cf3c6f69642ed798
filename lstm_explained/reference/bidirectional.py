"""A bidirectional LSTM in NumPy, matching ``keras.layers.Bidirectional(keras.layers.LSTM(...))``.

Keras runs two LSTM layers over the same input: the forward one in time order, the backward one
with ``go_backwards=True``. When returning sequences it flips the backward outputs back into time
order, so that position ``t`` of both halves describes input timestep ``t``, and it sets
``zero_output_for_mask`` on both layers, so masked steps output zeros (a plain LSTM repeats the
previous output there instead). Then it merges the two outputs. With ``return_state`` the states
follow the output(s) as forward h, forward c, backward h, backward c, and a four-element
``initial_state`` is split the same way: the first half for the forward layer.

Scope as in :mod:`lstm_explained.reference.sequence`: the forward pass only (no dropout, no cuDNN).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from lstm_explained.reference.activations import Activation
from lstm_explained.reference.sequence import lstm_forward
from lstm_explained.reference.shapes import MERGE_MODES
from lstm_explained.reference.validation import check_choice, check_flag
from lstm_explained.reference.weights import LSTMWeights

__all__ = ["bidirectional_forward"]

Array = NDArray[np.floating]


def _merge(y: Array, y_rev: Array, merge_mode: str | None) -> list[Array]:
    """Merge forward and backward outputs the way Keras's Bidirectional does."""
    if merge_mode == "concat":
        return [np.concatenate([y, y_rev], axis=-1)]  # (..., 2*units)
    if merge_mode == "sum":
        return [y + y_rev]
    if merge_mode == "ave":
        return [(y + y_rev) / 2]
    if merge_mode == "mul":
        return [y * y_rev]
    return [y, y_rev]


def bidirectional_forward(
    x: ArrayLike,
    forward_weights: LSTMWeights,
    backward_weights: LSTMWeights,
    *,
    merge_mode: str | None = "concat",
    return_sequences: bool = False,
    return_state: bool = False,
    initial_state: Sequence[ArrayLike] | None = None,
    mask: ArrayLike | None = None,
    activation: str | Activation | None = "tanh",
    recurrent_activation: str | Activation | None = "sigmoid",
) -> Array | tuple[Array, ...]:
    """Run a bidirectional LSTM; returns what ``Bidirectional(LSTM(...), merge_mode)(x)`` returns.

    Parameters
    ----------
    x : ndarray, shape (batch, timesteps, input_dim)
    forward_weights, backward_weights : LSTMWeights
        Same ``units`` and ``input_dim``.
    merge_mode : {"concat", "sum", "mul", "ave", None}
        How the two outputs are combined; ``None`` returns both, forward first.
    return_sequences, return_state : bool
        As for :func:`~lstm_explained.reference.sequence.lstm_forward`.
    initial_state : [h0_fwd, c0_fwd, h0_bwd, c0_bwd], each (batch, units), optional
    mask : ndarray of bool, shape (batch, timesteps), optional
        Applied to both directions (in time order; the backward layer reads it backwards).
    activation, recurrent_activation : str, callable or None

    Returns
    -------
    ndarray or tuple of ndarray
        The merged output, shape (batch, [timesteps,] units) or (batch, [timesteps,] 2*units)
        for ``"concat"``; with ``merge_mode=None`` the two outputs; with `return_state` then
        ``h_fwd, c_fwd, h_bwd, c_bwd``, each (batch, units).

    Raises
    ------
    ValueError
        For an unknown `merge_mode`, mismatched weights, an `initial_state` that is not four
        arrays, or any shape error of :func:`~lstm_explained.reference.sequence.lstm_forward`.
    TypeError
        If a weight is not :class:`LSTMWeights` or a flag is not a bool.

    Examples
    --------
    >>> fw, bw = LSTMWeights.random(3, 2, seed=0), LSTMWeights.random(3, 2, seed=1)
    >>> x = np.random.default_rng(0).normal(size=(4, 5, 3)).astype(np.float32)
    >>> seq = bidirectional_forward(x, fw, bw, return_sequences=True)
    >>> last = bidirectional_forward(x, fw, bw)
    >>> seq.shape, bool(np.array_equal(seq[:, -1, :2], last[:, :2]))  # forward half, last step
    ((4, 5, 4), True)
    >>> bool(np.array_equal(seq[:, 0, 2:], last[:, 2:]))  # backward half ends at timestep 0
    True
    """
    merge_mode = check_choice("merge_mode", merge_mode, MERGE_MODES)
    return_sequences = check_flag("return_sequences", return_sequences)
    return_state = check_flag("return_state", return_state)
    _check_weights(forward_weights, backward_weights)
    forward_state, backward_state = _split_initial_state(initial_state)
    options = {
        "return_sequences": return_sequences,
        "return_state": True,
        "mask": mask,
        "zero_output_for_mask": return_sequences,
        "activation": activation,
        "recurrent_activation": recurrent_activation,
    }
    y, *states_fwd = lstm_forward(x, forward_weights, initial_state=forward_state, **options)
    y_rev, *states_bwd = lstm_forward(
        x, backward_weights, go_backwards=True, initial_state=backward_state, **options
    )
    if return_sequences:
        y_rev = np.ascontiguousarray(y_rev[:, ::-1])  # back into time order
    outputs = _merge(y, y_rev, merge_mode)
    if return_state:
        return (*outputs, *states_fwd, *states_bwd)
    return outputs[0] if len(outputs) == 1 else tuple(outputs)


def _check_weights(forward_weights: LSTMWeights, backward_weights: LSTMWeights) -> None:
    """Raise unless both weights are LSTMWeights of the same sizes."""
    for name, w in (("forward_weights", forward_weights), ("backward_weights", backward_weights)):
        if not isinstance(w, LSTMWeights):
            raise TypeError(f"{name} must be LSTMWeights, got {type(w).__name__}")
    if (forward_weights.input_dim, forward_weights.units) != (
        backward_weights.input_dim,
        backward_weights.units,
    ):
        raise ValueError(
            "forward and backward weights differ: (input_dim, units) = "
            f"{(forward_weights.input_dim, forward_weights.units)} vs "
            f"{(backward_weights.input_dim, backward_weights.units)}"
        )


def _split_initial_state(
    initial_state: Sequence[ArrayLike] | None,
) -> tuple[list[ArrayLike] | None, list[ArrayLike] | None]:
    """Split [h0_fwd, c0_fwd, h0_bwd, c0_bwd] into the forward and the backward layer's states."""
    if initial_state is None:
        return None, None
    if isinstance(initial_state, np.ndarray) or len(initial_state) != 4:
        raise ValueError(
            "initial_state must be a list [h0_fwd, c0_fwd, h0_bwd, c0_bwd] of four "
            "(batch, units) arrays"
        )
    return list(initial_state[:2]), list(initial_state[2:])
