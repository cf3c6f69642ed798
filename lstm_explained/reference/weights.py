"""LSTM weights in Keras's layout, with per-gate views.

Keras stores one LSTM layer as three arrays, each holding four blocks side by side along its last
axis, the input, forget and output gates and the candidate, in the order
``GATES = ("i", "f", "c", "o")``:

- ``kernel``, shape ``(input_dim, 4*units)``: the input's weights;
- ``recurrent_kernel``, shape ``(units, 4*units)``: the previous hidden state's weights;
- ``bias``, shape ``(4*units,)``, or ``None`` when the layer has ``use_bias=False``.

:class:`LSTMWeights` holds read-only float copies of those arrays, checks their shapes, and slices
them per gate. :meth:`LSTMWeights.from_keras` and :meth:`LSTMWeights.to_keras` read and write a
Keras layer by duck typing (:mod:`lstm_explained.reference.keras_cells`): importing this module
never imports Keras. Its private helpers, which check, freeze and initialise the three arrays,
also serve ``GRUWeights`` and ``SimpleRNNWeights``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from lstm_explained.reference.keras_cells import built_cell, set_cell_weights
from lstm_explained.reference.layout import (
    KerasLayout,
    checked_arrays,
    random_kernels,
    store_frozen,
)
from lstm_explained.reference.validation import check_flag, check_size

__all__ = ["GATES", "GateWeights", "LSTMWeights"]

GATES: tuple[str, ...] = ("i", "f", "c", "o")
"""Gate order along the last axis of Keras's LSTM weights: input, forget, candidate, output."""


@dataclass(frozen=True)
class GateWeights:
    """The weights of one gate: the gate's columns of the three Keras arrays.

    Attributes
    ----------
    kernel : ndarray, shape (input_dim, units)
    recurrent_kernel : ndarray, shape (units, units)
    bias : ndarray, shape (units,), or None
        Shape (2, units) for a gate of a GRU with ``reset_after=True`` (input row, recurrent
        row; see :class:`~lstm_explained.reference.gru_weights.GRUWeights`).
    """

    kernel: NDArray[np.floating]
    recurrent_kernel: NDArray[np.floating]
    bias: NDArray[np.floating] | None


@dataclass(frozen=True)
class LSTMWeights(KerasLayout):
    """Weights of one Keras LSTM layer (read-only float copies, validated shapes).

    Parameters
    ----------
    kernel : ndarray, shape (input_dim, 4*units)
    recurrent_kernel : ndarray, shape (units, 4*units)
    bias : ndarray, shape (4*units,), or None
        ``None`` means ``use_bias=False``.

    Raises
    ------
    TypeError
        If an argument is not a numeric array.
    ValueError
        If a shape is not the one implied by the others (the message names both).

    Examples
    --------
    >>> w = LSTMWeights.random(input_dim=3, units=2)
    >>> (w.kernel.shape, w.recurrent_kernel.shape, w.bias.shape)
    ((3, 8), (2, 8), (8,))
    >>> bool(np.all(w.gate("f").bias == 1.0))  # unit_forget_bias
    True
    """

    kernel: NDArray[np.floating]
    recurrent_kernel: NDArray[np.floating]
    bias: NDArray[np.floating] | None = None

    def __post_init__(self) -> None:
        kernel, recurrent_kernel, bias, units = checked_arrays(self, blocks=4)
        if bias is not None and bias.shape != (4 * units,):
            raise ValueError(
                f"bias has shape {bias.shape}; expected ({4 * units},) (units={units})"
            )
        store_frozen(self, kernel, recurrent_kernel, bias)

    def gate(self, name: str) -> GateWeights:
        """Return the weights of gate `name` (one of ``GATES``) as read-only views.

        Raises
        ------
        ValueError
            If `name` is not in ``GATES``.

        Examples
        --------
        >>> w = LSTMWeights.random(input_dim=3, units=2)
        >>> w.gate("c").kernel.shape, w.gate("c").recurrent_kernel.shape
        ((3, 2), (2, 2))
        """
        if name not in GATES:
            raise ValueError(f"unknown gate {name!r}; expected one of {GATES}")
        block = slice(GATES.index(name) * self.units, (GATES.index(name) + 1) * self.units)
        bias = None if self.bias is None else self.bias[block]
        return GateWeights(self.kernel[:, block], self.recurrent_kernel[:, block], bias)

    def gates(self) -> dict[str, GateWeights]:
        """All four blocks (the three gates and the candidate ``c``), in ``GATES`` order."""
        return {name: self.gate(name) for name in GATES}

    @classmethod
    def from_gates(
        cls, mapping: Mapping[str, GateWeights | Mapping[str, ArrayLike]]
    ) -> LSTMWeights:
        """Assemble weights from per-gate blocks (the inverse of :meth:`gates`).

        Parameters
        ----------
        mapping : mapping from each name in ``GATES`` to a :class:`GateWeights` or to a mapping
            with keys ``"kernel"`` (input_dim, units), ``"recurrent_kernel"`` (units, units) and
            optionally ``"bias"`` (units,). Either every gate has a bias or none has.

        Raises
        ------
        ValueError
            If a gate is missing or unknown, or only some gates have a bias.

        Examples
        --------
        >>> w = LSTMWeights.random(input_dim=3, units=2, seed=1)
        >>> rebuilt = LSTMWeights.from_gates(w.gates())
        >>> bool(np.array_equal(rebuilt.kernel, w.kernel))
        True
        """
        if set(mapping) != set(GATES):
            raise ValueError(f"expected one entry per gate {GATES}, got keys {sorted(mapping)}")
        blocks = [_gate_fields(mapping[name]) for name in GATES]
        biases = [b for _, _, b in blocks if b is not None]
        if biases and len(biases) != len(GATES):
            raise ValueError("either every gate has a bias or none has")
        for field, position in (("kernel", 0), ("recurrent_kernel", 1)):
            shapes = {name: np.shape(b[position]) for name, b in zip(GATES, blocks, strict=True)}
            if len(set(shapes.values())) != 1 or len(shapes["i"]) != 2:
                raise ValueError(f"per-gate {field} shapes must be equal and 2-D, got {shapes}")
        kernel = np.concatenate([k for k, _, _ in blocks], axis=1)
        recurrent_kernel = np.concatenate([r for _, r, _ in blocks], axis=1)
        bias = np.concatenate([np.ravel(b) for b in biases]) if biases else None
        return cls(kernel, recurrent_kernel, bias)

    @classmethod
    def random(
        cls,
        input_dim: int,
        units: int,
        *,
        seed: int = 0,
        use_bias: bool = True,
        unit_forget_bias: bool = True,
        dtype: type | np.dtype = np.float32,
    ) -> LSTMWeights:
        """Random weights drawn like Keras's defaults (same distributions, not same numbers).

        ``kernel`` is glorot-uniform over the whole ``(input_dim, 4*units)`` matrix,
        ``recurrent_kernel`` is orthogonal over ``(units, 4*units)`` (orthonormal rows), and
        ``bias`` is zeros with the forget block set to exactly 1.0 when `unit_forget_bias`.

        Raises
        ------
        TypeError
            If `input_dim` or `units` is not an integer, or a flag is not a bool.
        ValueError
            If `input_dim` or `units` is not positive.
        """
        input_dim, units = check_size("input_dim", input_dim), check_size("units", units)
        use_bias = check_flag("use_bias", use_bias)
        unit_forget_bias = check_flag("unit_forget_bias", unit_forget_bias)
        kernel, recurrent_kernel = random_kernels(np.random.default_rng(seed), input_dim, units, 4)
        bias = None
        if use_bias:
            bias = np.zeros(4 * units)
            if unit_forget_bias:
                bias[units : 2 * units] = 1.0
        cast = lambda a: None if a is None else np.asarray(a, dtype=dtype)  # noqa: E731
        return cls(cast(kernel), cast(recurrent_kernel), cast(bias))

    @classmethod
    def from_keras(cls, layer: Any) -> LSTMWeights:
        """Copy the weights of a built Keras LSTM layer or cell.

        Works without importing Keras, on Keras 3 and on Keras 2 (``tf_keras``) layers alike.

        Parameters
        ----------
        layer : keras.layers.LSTM or keras.layers.LSTMCell
            Also a Bidirectional's ``forward_layer`` or ``backward_layer``.

        Raises
        ------
        TypeError
            If `layer` is not an LSTM layer or cell (for example a whole Bidirectional).
        ValueError
            If the layer is not built.
        """
        cell = built_cell(layer, "LSTMCell")
        arrays = [np.asarray(v) for v in cell.get_weights()]
        return cls(arrays[0], arrays[1], arrays[2] if cell.use_bias else None)

    def to_keras(self, layer: Any) -> None:
        """Set these weights into a built Keras LSTM layer or cell (as float32).

        Raises
        ------
        TypeError
            If `layer` is not an LSTM layer or cell.
        ValueError
            If the layer's shapes or ``use_bias`` differ from these weights' (both are named).
        """
        arrays = [self.kernel, self.recurrent_kernel]
        set_cell_weights(layer, "LSTMCell", arrays + ([] if self.bias is None else [self.bias]))


def _gate_fields(block: GateWeights | Mapping[str, ArrayLike]) -> tuple[Any, Any, Any]:
    """(kernel, recurrent_kernel, bias) of a per-gate block given as dataclass or mapping."""
    if isinstance(block, GateWeights):
        return block.kernel, block.recurrent_kernel, block.bias
    unknown = set(block) - {"kernel", "recurrent_kernel", "bias"}
    if unknown or not {"kernel", "recurrent_kernel"} <= set(block):
        raise ValueError(
            "a gate block needs keys 'kernel', 'recurrent_kernel' and optionally 'bias', "
            f"got {sorted(block)}"
        )
    return block["kernel"], block["recurrent_kernel"], block.get("bias")
