"""The sequence loop in NumPy: an LSTM over time, matching Keras 3's ``keras.layers.LSTM``.

:func:`lstm_forward` runs a sequence and returns what the Keras layer returns;
:func:`lstm_trace` also records every gate. Both compute the input part ``x @ kernel + bias`` for
all timesteps in one matrix product and then loop over time with the private step function of
:mod:`lstm_explained.reference.cell`, the same one that
:func:`~lstm_explained.reference.cell.lstm_step` uses.

Scope: the forward pass of Keras's generic (non-cuDNN) loop, which is what runs on CPU, with
states, masks, ``go_backwards`` and ``zero_output_for_mask``. Dropout, regularizers, constraints,
``unroll`` and the cuDNN kernel are left out: they change training or speed, not this math.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from lstm_explained.reference.activations import Activation, get_activation
from lstm_explained.reference.cell import _check_2d, _compute_dtype, _step
from lstm_explained.reference.validation import check_flag
from lstm_explained.reference.weights import LSTMWeights

__all__ = ["LSTMTrace", "lstm_forward", "lstm_trace"]

Array = NDArray[np.floating]


@dataclass(frozen=True)
class LSTMTrace:
    """Every intermediate of a sequence. Every field has shape (batch, timesteps, units).

    Index ``t`` is the ``t``-th step *processed*: with ``go_backwards=True`` index 0 is the last
    input timestep (the order Keras returns sequences in). ``i``, ``f``, ``c_tilde``, ``o`` are
    what the cell computed at that step, even at a masked step (Keras computes them there too,
    then discards the step). ``c`` and ``h`` are the states *carried* after the step: at a masked
    step they repeat the previous states (the initial state before any valid step). ``output`` is
    what ``return_sequences=True`` returns: equal to ``h`` except that masked steps before the
    first valid one give zeros (and every masked step gives zeros with ``zero_output_for_mask``).
    """

    i: Array
    f: Array
    c_tilde: Array
    o: Array
    c: Array
    h: Array
    output: Array


def _prepare(x, weights, initial_state, mask, go_backwards):
    """Validate a sequence call; return x, h0, c0, mask in processing order."""
    x = np.asarray(x)
    dtype = _compute_dtype(x, weights)
    _check_x(x, weights.input_dim)
    state_shape = (x.shape[0], weights.units)
    if initial_state is None:
        h0 = c0 = np.zeros(state_shape, dtype)
    else:
        if isinstance(initial_state, np.ndarray) or len(initial_state) != 2:
            raise ValueError("initial_state must be a list [h0, c0] of two (batch, units) arrays")
        h0 = _check_2d(
            "initial_state[0] (h0)", initial_state[0], state_shape, "(batch, units)", dtype
        )
        c0 = _check_2d(
            "initial_state[1] (c0)", initial_state[1], state_shape, "(batch, units)", dtype
        )
    x, mask = _in_processing_order(x, mask, go_backwards, dtype)
    return x, h0, c0, mask


def _check_x(x: NDArray, input_dim: int) -> None:
    """Check that `x` is (batch, timesteps, input_dim) with at least one timestep."""
    if x.ndim != 3 or x.shape[2] != input_dim or x.shape[1] == 0:
        raise ValueError(
            f"x has shape {x.shape}; expected (batch, timesteps, input_dim) with timesteps >= 1 "
            f"and input_dim={input_dim} (from the kernel)"
        )


def _in_processing_order(x: NDArray, mask, go_backwards: bool, dtype) -> tuple[NDArray, Any]:
    """`x` as `dtype` and `mask` (checked, as bool) in processing order: reversed if backwards."""
    batch, timesteps = x.shape[:2]
    if mask is not None:
        mask = np.asarray(mask)
        if mask.shape != (batch, timesteps):
            raise ValueError(
                f"mask has shape {mask.shape}; expected (batch, timesteps) = {(batch, timesteps)}"
            )
        mask = mask.astype(bool)[:, ::-1] if go_backwards else mask.astype(bool)
    x = x[:, ::-1] if go_backwards else x
    return x.astype(dtype, copy=False), mask


def _run(
    x,
    weights,
    record,
    *,
    initial_state,
    mask,
    go_backwards,
    zero_output_for_mask,
    activation,
    recurrent_activation,
):
    """The sequence loop; `record` is "last", "sequence" or "trace".

    Returns (last output or all outputs, final h, final c, (gates, states) or (None, None)).
    """
    go_backwards = check_flag("go_backwards", go_backwards)
    zero_output_for_mask = check_flag("zero_output_for_mask", zero_output_for_mask)
    act = get_activation(activation, argument="activation")
    rec_act = get_activation(recurrent_activation, argument="recurrent_activation")
    x, h, c, mask = _prepare(x, weights, initial_state, mask, go_backwards)
    batch, timesteps, units = x.shape[0], x.shape[1], weights.units
    z_x = x @ weights.kernel  # (batch, timesteps, 4*units)
    if weights.bias is not None:
        z_x += weights.bias  # (batch, timesteps, 4*units)
    output = np.zeros((batch, units), h.dtype)  # output before any valid step
    outputs = None if record == "last" else np.empty((batch, timesteps, units), h.dtype)
    gates = np.empty((4, batch, timesteps, units), h.dtype) if record == "trace" else None
    states = np.empty((2, batch, timesteps, units), h.dtype) if record == "trace" else None
    for t in range(timesteps):
        i, f, c_tilde, o, c_new, h_new = _step(
            z_x[:, t], h, c, weights.recurrent_kernel, act, rec_act
        )
        if mask is None:
            h, c, output = h_new, c_new, h_new
        else:
            keep = mask[:, t, None]  # (batch, 1)
            h, c = np.where(keep, h_new, h), np.where(keep, c_new, c)  # (batch, units)
            output = np.where(keep, h_new, 0.0 if zero_output_for_mask else output)
        if outputs is not None:
            outputs[:, t] = output
        if gates is not None:
            gates[:, :, t] = i, f, c_tilde, o
            states[:, :, t] = c, h
    return (output if outputs is None else outputs), h, c, (gates, states)


def lstm_forward(
    x: ArrayLike,
    weights: LSTMWeights,
    *,
    return_sequences: bool = False,
    return_state: bool = False,
    go_backwards: bool = False,
    initial_state: Sequence[ArrayLike] | None = None,
    mask: ArrayLike | None = None,
    zero_output_for_mask: bool = False,
    activation: str | Activation | None = "tanh",
    recurrent_activation: str | Activation | None = "sigmoid",
) -> Array | tuple[Array, Array, Array]:
    """Run an LSTM over a sequence; returns what ``keras.layers.LSTM(...)(x)`` returns.

    Parameters
    ----------
    x : ndarray, shape (batch, timesteps, input_dim)
    weights : LSTMWeights
    return_sequences : bool
        Return the output at every step, shape (batch, timesteps, units), instead of the last
        one, shape (batch, units).
    return_state : bool
        Also return the final states: ``(output, h, c)``.
    go_backwards : bool
        Process the sequence from the last timestep to the first; the returned sequence is in
        processing order, i.e. reversed in time (as Keras does).
    initial_state : [h0, c0], each ndarray of shape (batch, units), optional
        Zeros by default.
    mask : ndarray of bool, shape (batch, timesteps), optional
        ``False`` marks a step to skip: h and c are carried over unchanged, and the step's output
        repeats the previous step's output, which is zeros before the first valid step (even when
        `initial_state` is given: the output is not the carried h there).
    zero_output_for_mask : bool
        Output zeros at masked steps instead of repeating (Keras's RNN option of the same name;
        ``Bidirectional`` turns it on when it returns sequences).
    activation, recurrent_activation : str, callable or None
        See :func:`~lstm_explained.reference.activations.get_activation`.

    Returns
    -------
    output : ndarray, shape (batch, units) or (batch, timesteps, units)
        Alone, or as ``(output, h, c)`` with `return_state`; ``h`` and ``c`` are (batch, units).

    Raises
    ------
    ValueError
        If `x`, `initial_state` or `mask` has the wrong shape, or an activation name is unknown.
    TypeError
        If `weights` is not :class:`LSTMWeights`, an input is not numeric, or a flag
        (`return_sequences`, `return_state`, `go_backwards`, `zero_output_for_mask`) is not a
        bool.

    Examples
    --------
    >>> w = LSTMWeights.random(input_dim=3, units=2)
    >>> x = np.random.default_rng(0).normal(size=(4, 5, 3)).astype(np.float32)
    >>> seq, h, c = lstm_forward(x, w, return_sequences=True, return_state=True)
    >>> seq.shape, h.shape, bool(np.array_equal(seq[:, -1], h))
    ((4, 5, 2), (4, 2), True)
    """
    return_sequences = check_flag("return_sequences", return_sequences)
    return_state = check_flag("return_state", return_state)
    record = "sequence" if return_sequences else "last"
    output, h, c, _ = _run(
        x,
        weights,
        record,
        initial_state=initial_state,
        mask=mask,
        go_backwards=go_backwards,
        zero_output_for_mask=zero_output_for_mask,
        activation=activation,
        recurrent_activation=recurrent_activation,
    )
    return (output, h, c) if return_state else output


def lstm_trace(
    x: ArrayLike,
    weights: LSTMWeights,
    *,
    go_backwards: bool = False,
    initial_state: Sequence[ArrayLike] | None = None,
    mask: ArrayLike | None = None,
    zero_output_for_mask: bool = False,
    activation: str | Activation | None = "tanh",
    recurrent_activation: str | Activation | None = "sigmoid",
) -> LSTMTrace:
    """Run an LSTM over a sequence and record every gate and state (see :class:`LSTMTrace`).

    Takes the same options as :func:`lstm_forward` (except what to return) and computes the same
    numbers: ``trace.output`` equals ``lstm_forward(..., return_sequences=True)``.

    Returns
    -------
    LSTMTrace
        Fields ``i``, ``f``, ``c_tilde``, ``o``, ``c``, ``h``, ``output``, each
        (batch, timesteps, units), indexed in processing order.

    Raises
    ------
    ValueError, TypeError
        As :func:`lstm_forward`.

    Examples
    --------
    >>> w = LSTMWeights.random(input_dim=3, units=2)
    >>> x = np.random.default_rng(0).normal(size=(4, 5, 3)).astype(np.float32)
    >>> tr = lstm_trace(x, w)
    >>> c_prev = tr.c[:, :-1]
    >>> bool(np.allclose(tr.c[:, 1:], tr.f[:, 1:] * c_prev + tr.i[:, 1:] * tr.c_tilde[:, 1:]))
    True
    """
    outputs, _, _, (gates, states) = _run(
        x,
        weights,
        "trace",
        initial_state=initial_state,
        mask=mask,
        go_backwards=go_backwards,
        zero_output_for_mask=zero_output_for_mask,
        activation=activation,
        recurrent_activation=recurrent_activation,
    )
    i, f, c_tilde, o = gates
    c, h = states
    return LSTMTrace(i=i, f=f, c_tilde=c_tilde, o=o, c=c, h=h, output=outputs)
