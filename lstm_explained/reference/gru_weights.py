"""GRU weights in Keras's layout, with per-gate views.

Keras stores one GRU layer as three arrays, three blocks of ``units`` columns side by side in
the order ``GRU_GATES = ("z", "r", "h")``: update gate, reset gate, candidate. (PyTorch's
``nn.GRU`` orders its blocks r, z, n.)

- ``kernel``, shape ``(input_dim, 3*units)``;
- ``recurrent_kernel``, shape ``(units, 3*units)``;
- ``bias``: with ``reset_after=True`` (Keras's default) shape ``(2, 3*units)``, row 0 added to the
  input part ``x_t @ kernel`` and row 1 to the recurrent part ``h_prev @ recurrent_kernel``;
  with ``reset_after=False`` shape ``(3*units,)``, added to the input part only; ``None`` when
  the layer has ``use_bias=False``.

``reset_after`` also changes the formula, not only the bias (see
:mod:`lstm_explained.reference.gru`), so weights without a bias must say which one they follow.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from lstm_explained.reference.keras_cells import built_cell, set_cell_weights
from lstm_explained.reference.layout import (
    KerasLayout,
    checked_arrays,
    random_kernels,
    store_frozen,
)
from lstm_explained.reference.validation import check_flag, check_size
from lstm_explained.reference.weights import GateWeights

__all__ = ["GRU_GATES", "GRUWeights"]

GRU_GATES: tuple[str, ...] = ("z", "r", "h")
"""Block order along the last axis of Keras's GRU weights: update, reset, candidate."""

Array = NDArray[np.floating]


def _reset_after(bias: Array | None, units: int, given: object) -> bool:
    """``reset_after`` as the bias shape says, checked against the value `given` (or None)."""
    given = None if given is None else check_flag("reset_after", given)
    if bias is None:
        if given is None:
            raise ValueError(
                "without a bias, give reset_after=True or False: it changes the formula"
            )
        return given
    shapes = {(2, 3 * units): True, (3 * units,): False}
    if bias.shape not in shapes:
        raise ValueError(
            f"bias has shape {bias.shape}; expected (2, {3 * units}) for reset_after=True or "
            f"({3 * units},) for reset_after=False (units={units})"
        )
    if given is not None and given != shapes[bias.shape]:
        raise ValueError(
            f"bias has shape {bias.shape}, which means reset_after={shapes[bias.shape]}; "
            f"got reset_after={given}"
        )
    return shapes[bias.shape]


@dataclass(frozen=True)
class GRUWeights(KerasLayout):
    """Weights of one Keras GRU layer (read-only float copies, validated shapes).

    Parameters
    ----------
    kernel : ndarray, shape (input_dim, 3*units)
    recurrent_kernel : ndarray, shape (units, 3*units)
    bias : ndarray, shape (2, 3*units) or (3*units,), or None
        ``(2, 3*units)`` means ``reset_after=True``, ``(3*units,)`` means ``reset_after=False``,
        ``None`` means ``use_bias=False``.
    reset_after : bool, optional (keyword only)
        Follows from the bias; must agree with it when given, and must be given without a bias.
        After construction it is always ``True`` or ``False``.

    Raises
    ------
    TypeError
        If an array is not numeric, or `reset_after` is neither None nor a bool.
    ValueError
        If a shape is not the one implied by the others, or `reset_after` is missing (no bias)
        or disagrees with the bias.

    Examples
    --------
    >>> w = GRUWeights.random(input_dim=3, units=2)
    >>> (w.kernel.shape, w.recurrent_kernel.shape, w.bias.shape, w.reset_after)
    ((3, 6), (2, 6), (2, 6), True)
    >>> GRUWeights(w.kernel, w.recurrent_kernel, w.bias[0]).reset_after  # one bias row
    False
    """

    kernel: Array
    recurrent_kernel: Array
    bias: Array | None = None
    reset_after: bool | None = field(default=None, kw_only=True)

    def __post_init__(self) -> None:
        kernel, recurrent_kernel, bias, units = checked_arrays(self, blocks=3)
        reset_after = _reset_after(bias, units, self.reset_after)
        store_frozen(self, kernel, recurrent_kernel, bias)
        object.__setattr__(self, "reset_after", reset_after)

    @property
    def input_bias(self) -> Array | None:
        """The bias added to ``x_t @ kernel``, shape (3*units,), or None without a bias.

        It is row 0 of ``bias`` with ``reset_after=True``, the whole ``bias`` otherwise.
        """
        if self.bias is None:
            return None
        return self.bias[0] if self.reset_after else self.bias

    @property
    def recurrent_bias(self) -> Array | None:
        """The bias added to ``h_prev @ recurrent_kernel``, shape (3*units,), or None.

        Only ``reset_after=True`` has one (row 1 of ``bias``).
        """
        return self.bias[1] if self.bias is not None and self.reset_after else None

    def gate(self, name: str) -> GateWeights:
        """Return the weights of block `name` (one of ``GRU_GATES``) as read-only views.

        The bias has shape (2, units) with ``reset_after=True`` (input row, recurrent row),
        (units,) without.

        Raises
        ------
        ValueError
            If `name` is not in ``GRU_GATES``.

        Examples
        --------
        >>> w = GRUWeights.random(input_dim=3, units=2)
        >>> w.gate("h").kernel.shape, w.gate("h").bias.shape
        ((3, 2), (2, 2))
        """
        if name not in GRU_GATES:
            raise ValueError(f"unknown gate {name!r}; expected one of {GRU_GATES}")
        k = GRU_GATES.index(name)
        block = slice(k * self.units, (k + 1) * self.units)
        bias = None if self.bias is None else self.bias[..., block]
        return GateWeights(self.kernel[:, block], self.recurrent_kernel[:, block], bias)

    def gates(self) -> dict[str, GateWeights]:
        """All three blocks, in ``GRU_GATES`` order."""
        return {name: self.gate(name) for name in GRU_GATES}

    @classmethod
    def random(
        cls,
        input_dim: int,
        units: int,
        *,
        seed: int = 0,
        use_bias: bool = True,
        reset_after: bool = True,
        dtype: type | np.dtype = np.float32,
    ) -> GRUWeights:
        """Random weights drawn like Keras's defaults (same distributions, not same numbers).

        ``kernel`` is glorot-uniform over ``(input_dim, 3*units)``, ``recurrent_kernel``
        orthogonal over ``(units, 3*units)`` (orthonormal rows), ``bias`` zeros.

        Raises
        ------
        TypeError
            If `input_dim` or `units` is not an integer, or a flag is not a bool.
        ValueError
            If `input_dim` or `units` is not positive.
        """
        input_dim, units = check_size("input_dim", input_dim), check_size("units", units)
        use_bias = check_flag("use_bias", use_bias)
        reset_after = check_flag("reset_after", reset_after)
        rng = np.random.default_rng(seed)
        kernel, recurrent_kernel = random_kernels(rng, input_dim, units, 3)
        bias = None
        if use_bias:
            bias = np.zeros((2, 3 * units) if reset_after else (3 * units,), dtype)
        return cls(
            kernel.astype(dtype), recurrent_kernel.astype(dtype), bias, reset_after=reset_after
        )

    @classmethod
    def from_keras(cls, layer: Any) -> GRUWeights:
        """Copy the weights (and ``reset_after``) of a built Keras GRU layer or cell.

        Works without importing Keras, on Keras 3 and on Keras 2 (``tf_keras``) layers alike.

        Raises
        ------
        TypeError
            If `layer` is not a GRU layer or cell (for example a whole Bidirectional).
        ValueError
            If the layer is not built.
        """
        cell = built_cell(layer, "GRUCell")
        arrays = [np.asarray(v) for v in cell.get_weights()]
        bias = arrays[2] if cell.use_bias else None
        return cls(arrays[0], arrays[1], bias, reset_after=bool(cell.reset_after))

    def to_keras(self, layer: Any) -> None:
        """Set these weights into a built Keras GRU layer or cell (as float32).

        Raises
        ------
        TypeError
            If `layer` is not a GRU layer or cell.
        ValueError
            If the layer's ``reset_after``, shapes or ``use_bias`` differ from these weights'.
        """
        cell = built_cell(layer, "GRUCell")
        if bool(cell.reset_after) != self.reset_after:
            raise ValueError(
                f"layer {getattr(layer, 'name', '?')!r} has reset_after={bool(cell.reset_after)}; "
                f"these weights have reset_after={self.reset_after}"
            )
        arrays = [self.kernel, self.recurrent_kernel]
        set_cell_weights(layer, "GRUCell", arrays + ([] if self.bias is None else [self.bias]))
