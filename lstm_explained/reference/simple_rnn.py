"""A SimpleRNN in NumPy: its weights in Keras's layout, and ``keras.layers.SimpleRNN``'s forward.

Keras's ``SimpleRNN`` has no gates: one step is ::

    h = activation(x_t @ kernel + h_prev @ recurrent_kernel + bias)   # (batch, units)

with ``kernel`` (input_dim, units), ``recurrent_kernel`` (units, units) and ``bias`` (units,),
so the layer has ``units * (input_dim + units + 1)`` parameters. :class:`SimpleRNNWeights` holds
read-only float copies of the three arrays and reads and writes Keras layers by duck typing, and
:func:`simple_rnn_forward` runs a sequence with the loop of
:mod:`lstm_explained.reference.rnn_loop` (masks, ``go_backwards``, states).

Scope: the forward pass of Keras's generic loop; dropout, regularizers and constraints are left
out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from lstm_explained.reference.activations import Activation, get_activation
from lstm_explained.reference.keras_cells import built_cell, set_cell_weights
from lstm_explained.reference.layout import (
    KerasLayout,
    checked_arrays,
    random_kernels,
    store_frozen,
)
from lstm_explained.reference.rnn_loop import loop_over_time, prepare_sequence
from lstm_explained.reference.validation import check_flag, check_size

__all__ = ["SimpleRNNWeights", "simple_rnn_forward"]

Array = NDArray[np.floating]


@dataclass(frozen=True)
class SimpleRNNWeights(KerasLayout):
    """Weights of one Keras SimpleRNN layer (read-only float copies, validated shapes).

    Parameters
    ----------
    kernel : ndarray, shape (input_dim, units)
    recurrent_kernel : ndarray, shape (units, units)
    bias : ndarray, shape (units,), or None
        ``None`` means ``use_bias=False``.

    Raises
    ------
    TypeError
        If an argument is not a numeric array.
    ValueError
        If a shape is not the one implied by the others (the message names both).

    Examples
    --------
    >>> w = SimpleRNNWeights.random(input_dim=3, units=2)
    >>> (w.kernel.shape, w.recurrent_kernel.shape, w.bias.shape)
    ((3, 2), (2, 2), (2,))
    >>> bool(np.allclose(w.recurrent_kernel @ w.recurrent_kernel.T, np.eye(2), atol=1e-6))
    True
    """

    kernel: Array
    recurrent_kernel: Array
    bias: Array | None = None

    def __post_init__(self) -> None:
        kernel, recurrent_kernel, bias, units = checked_arrays(self, blocks=1)
        if bias is not None and bias.shape != (units,):
            raise ValueError(f"bias has shape {bias.shape}; expected ({units},) (units={units})")
        store_frozen(self, kernel, recurrent_kernel, bias)

    @classmethod
    def random(
        cls,
        input_dim: int,
        units: int,
        *,
        seed: int = 0,
        use_bias: bool = True,
        dtype: type | np.dtype = np.float32,
    ) -> SimpleRNNWeights:
        """Random weights drawn like Keras's defaults (same distributions, not same numbers).

        ``kernel`` is glorot-uniform, ``recurrent_kernel`` orthogonal, ``bias`` zeros.

        Raises
        ------
        TypeError
            If `input_dim` or `units` is not an integer, or `use_bias` is not a bool.
        ValueError
            If `input_dim` or `units` is not positive.
        """
        input_dim, units = check_size("input_dim", input_dim), check_size("units", units)
        use_bias = check_flag("use_bias", use_bias)
        rng = np.random.default_rng(seed)
        kernel, recurrent_kernel = random_kernels(rng, input_dim, units, 1)
        bias = np.zeros(units, dtype) if use_bias else None
        return cls(kernel.astype(dtype), recurrent_kernel.astype(dtype), bias)

    @classmethod
    def from_keras(cls, layer: Any) -> SimpleRNNWeights:
        """Copy the weights of a built Keras SimpleRNN layer or cell (no Keras import).

        Raises
        ------
        TypeError
            If `layer` is not a SimpleRNN layer or cell.
        ValueError
            If the layer is not built.
        """
        cell = built_cell(layer, "SimpleRNNCell")
        arrays = [np.asarray(v) for v in cell.get_weights()]
        return cls(arrays[0], arrays[1], arrays[2] if cell.use_bias else None)

    def to_keras(self, layer: Any) -> None:
        """Set these weights into a built Keras SimpleRNN layer or cell (as float32).

        Raises
        ------
        TypeError
            If `layer` is not a SimpleRNN layer or cell.
        ValueError
            If the layer's shapes or ``use_bias`` differ from these weights' (both are named).
        """
        arrays = [self.kernel, self.recurrent_kernel]
        set_cell_weights(
            layer, "SimpleRNNCell", arrays + ([] if self.bias is None else [self.bias])
        )


def simple_rnn_forward(
    x: ArrayLike,
    weights: SimpleRNNWeights,
    *,
    return_sequences: bool = False,
    return_state: bool = False,
    go_backwards: bool = False,
    initial_state: ArrayLike | Sequence[ArrayLike] | None = None,
    mask: ArrayLike | None = None,
    zero_output_for_mask: bool = False,
    activation: str | Activation | None = "tanh",
) -> Array | tuple[Array, Array]:
    """Run a SimpleRNN over a sequence; returns what ``keras.layers.SimpleRNN(...)(x)`` returns.

    Parameters
    ----------
    x : ndarray, shape (batch, timesteps, input_dim)
    weights : SimpleRNNWeights
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
    activation : str, callable or None
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
        If `weights` is not :class:`SimpleRNNWeights`, an input is not numeric, or a flag
        (`return_sequences`, `return_state`, `go_backwards`, `zero_output_for_mask`) is not a
        bool.

    Examples
    --------
    >>> w = SimpleRNNWeights.random(input_dim=3, units=2)
    >>> x = np.random.default_rng(0).normal(size=(4, 5, 3)).astype(np.float32)
    >>> seq, h = simple_rnn_forward(x, w, return_sequences=True, return_state=True)
    >>> h1 = np.tanh(x[:, 0] @ w.kernel + w.bias)  # the first step, from h0 = 0
    >>> seq.shape, bool(np.array_equal(seq[:, -1], h)), bool(np.allclose(seq[:, 0], h1))
    ((4, 5, 2), True, True)
    """
    return_sequences = check_flag("return_sequences", return_sequences)
    return_state = check_flag("return_state", return_state)
    zero_output_for_mask = check_flag("zero_output_for_mask", zero_output_for_mask)
    x, h0, mask = prepare_sequence(
        x,
        weights,
        SimpleRNNWeights,
        initial_state=initial_state,
        mask=mask,
        go_backwards=go_backwards,
    )
    act = get_activation(activation, argument="activation")
    x_part = x @ weights.kernel  # (batch, timesteps, units)
    if weights.bias is not None:
        x_part += weights.bias  # (batch, timesteps, units)

    def step(x_part_t: Array, h_prev: Array) -> Array:
        return act(x_part_t + h_prev @ weights.recurrent_kernel)  # (batch, units)

    output, h = loop_over_time(
        x_part,
        h0,
        mask,
        step,
        return_sequences=return_sequences,
        zero_output_for_mask=zero_output_for_mask,
    )
    return (output, h) if return_state else output
