"""A GRU in NumPy, matching Keras 3's ``keras.layers.GRU``.

One step, exactly as Keras's ``GRUCell`` computes it (row vectors, batch first; blocks z, r, h of
:data:`~lstm_explained.reference.gru_weights.GRU_GATES`)::

    x_part = x_t @ kernel + input_bias                     # (batch, 3*units)
    z = recurrent_activation(x_part_z + h_prev @ recurrent_kernel_z + recurrent_bias_z)
    r = recurrent_activation(x_part_r + h_prev @ recurrent_kernel_r + recurrent_bias_r)
    reset_after=True:   h_tilde = activation(x_part_h + r * (h_prev @ recurrent_kernel_h
                                                              + recurrent_bias_h))
    reset_after=False:  h_tilde = activation(x_part_h + (r * h_prev) @ recurrent_kernel_h)
    h = z * h_prev + (1 - z) * h_tilde

``z`` is the update gate, and in Keras it weighs the *previous* state: ``z = 1`` keeps ``h_prev``.
``reset_after=True`` (Keras's default, the cuDNN form) applies the reset gate after the recurrent
matrix product, and so needs a second bias row, the recurrent bias, inside it;
``reset_after=False`` (the original paper's form) applies it to ``h_prev`` before the product and
has one bias row (``recurrent_bias`` is then zero). Without a bias the two forms still differ.

Scope: the forward pass of Keras's generic loop (what runs on CPU), with states, masks and
``go_backwards`` from :mod:`lstm_explained.reference.rnn_loop`. Dropout, regularizers,
constraints and the cuDNN kernel are left out.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from lstm_explained.reference.activations import Activation, get_activation
from lstm_explained.reference.gru_weights import GRUWeights
from lstm_explained.reference.rnn_loop import loop_over_time, prepare_sequence
from lstm_explained.reference.validation import check_flag

__all__ = ["gru_forward"]

Array = NDArray[np.floating]


def _gru_step(
    x_part: Array, h_prev: Array, weights: GRUWeights, act: Activation, rec_act: Activation
) -> tuple[Array, Array, Array, Array]:
    """One GRU step given ``x_part = x_t @ kernel + input_bias``; returns z, r, h_tilde, h."""
    units = h_prev.shape[1]
    if weights.reset_after:
        h_part = h_prev @ weights.recurrent_kernel  # (batch, 3*units)
        if weights.recurrent_bias is not None:
            h_part = h_part + weights.recurrent_bias  # (batch, 3*units)
    else:
        h_part = h_prev @ weights.recurrent_kernel[:, : 2 * units]  # (batch, 2*units)
    z = rec_act(x_part[:, :units] + h_part[:, :units])  # (batch, units)
    r = rec_act(x_part[:, units : 2 * units] + h_part[:, units : 2 * units])  # (batch, units)
    if weights.reset_after:
        reset = r * h_part[:, 2 * units :]  # (batch, units)
    else:
        reset = (r * h_prev) @ weights.recurrent_kernel[:, 2 * units :]  # (batch, units)
    h_tilde = act(x_part[:, 2 * units :] + reset)  # (batch, units)
    h = z * h_prev + (1 - z) * h_tilde  # (batch, units)
    return z, r, h_tilde, h


def gru_forward(
    x: ArrayLike,
    weights: GRUWeights,
    *,
    return_sequences: bool = False,
    return_state: bool = False,
    go_backwards: bool = False,
    initial_state: ArrayLike | Sequence[ArrayLike] | None = None,
    mask: ArrayLike | None = None,
    zero_output_for_mask: bool = False,
    activation: str | Activation | None = "tanh",
    recurrent_activation: str | Activation | None = "sigmoid",
) -> Array | tuple[Array, Array]:
    """Run a GRU over a sequence; returns what ``keras.layers.GRU(...)(x)`` returns.

    ``reset_after`` comes from `weights` (:class:`GRUWeights`).

    Parameters
    ----------
    x : ndarray, shape (batch, timesteps, input_dim)
    weights : GRUWeights
    return_sequences, return_state, go_backwards : bool
        As for :func:`~lstm_explained.reference.sequence.lstm_forward`; with `return_state` the
        result is ``(output, h)``.
    initial_state : ndarray of shape (batch, units), or [h0], optional
        Zeros by default.
    mask : ndarray of bool, shape (batch, timesteps), optional
        ``False`` skips a step: h is carried, the output repeats the previous output (zeros
        before the first valid step).
    zero_output_for_mask : bool
        Output zeros at masked steps instead of repeating (Keras's RNN option of the same name).
    activation, recurrent_activation : str, callable or None
        See :func:`~lstm_explained.reference.activations.get_activation`.

    Returns
    -------
    output : ndarray, shape (batch, units) or (batch, timesteps, units)
        Alone, or as ``(output, h)`` with `return_state`; ``h`` is (batch, units).

    Raises
    ------
    ValueError
        If `x`, `initial_state` or `mask` has the wrong shape, or an activation name is unknown.
    TypeError
        If `weights` is not :class:`GRUWeights`, an input is not numeric, or a flag
        (`return_sequences`, `return_state`, `go_backwards`, `zero_output_for_mask`) is not a
        bool.

    Examples
    --------
    With the update gate shut (``z = 1``, a huge z bias) the state never changes:

    >>> w = GRUWeights.random(input_dim=3, units=2)
    >>> bias = np.zeros((2, 6), np.float32)
    >>> bias[0, :2] = 100.0  # the z block of the input bias
    >>> shut = GRUWeights(w.kernel, w.recurrent_kernel, bias)
    >>> x = np.random.default_rng(0).normal(size=(4, 5, 3)).astype(np.float32)
    >>> h0 = np.ones((4, 2), np.float32)
    >>> bool(np.allclose(gru_forward(x, shut, initial_state=h0), h0))
    True
    """
    return_sequences = check_flag("return_sequences", return_sequences)
    return_state = check_flag("return_state", return_state)
    zero_output_for_mask = check_flag("zero_output_for_mask", zero_output_for_mask)
    x, h0, mask = prepare_sequence(
        x, weights, GRUWeights, initial_state=initial_state, mask=mask, go_backwards=go_backwards
    )
    act = get_activation(activation, argument="activation")
    rec_act = get_activation(recurrent_activation, argument="recurrent_activation")
    x_part = x @ weights.kernel  # (batch, timesteps, 3*units)
    if weights.input_bias is not None:
        x_part += weights.input_bias  # (batch, timesteps, 3*units)

    def step(x_part_t: Array, h_prev: Array) -> Array:
        return _gru_step(x_part_t, h_prev, weights, act, rec_act)[-1]  # h: (batch, units)

    output, h = loop_over_time(
        x_part,
        h0,
        mask,
        step,
        return_sequences=return_sequences,
        zero_output_for_mask=zero_output_for_mask,
    )
    return (output, h) if return_state else output
