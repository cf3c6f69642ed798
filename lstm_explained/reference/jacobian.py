"""How the units of one LSTM layer talk to each other: the Jacobian dh_t / dh_t-1, in NumPy.

A common answer says that ``LSTM(units=n)`` is "n independent copies of a one-unit LSTM". It is
not: every gate of every unit reads the whole previous hidden state through
``recurrent_kernel`` (shape ``(units, 4*units)``), so unit k at step t-1 moves unit j at step t.
:func:`hidden_jacobian` measures that; :func:`independent_units_weights` builds the weights of a
layer that really is n independent one-unit LSTMs, whose Jacobian is diagonal. The figure that
puts the two side by side is :func:`lstm_explained.figures.coupling.coupling_figure`.
"""

from __future__ import annotations

import reprlib
from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from lstm_explained.reference.cell import lstm_step
from lstm_explained.reference.validation import check_choice, check_size
from lstm_explained.reference.weights import GATES, LSTMWeights

__all__ = ["hidden_jacobian", "independent_units_weights"]

#: Derivative of each supported activation, written in terms of its output y.
_DERIVATIVE = {"sigmoid": lambda y: y * (1 - y), "tanh": lambda y: 1 - y**2}


def hidden_jacobian(
    weights: LSTMWeights,
    x_t: ArrayLike,
    h_prev: ArrayLike,
    c_prev: ArrayLike,
    *,
    activation: str = "tanh",
    recurrent_activation: str = "sigmoid",
) -> NDArray[np.float64]:
    """Jacobian of one LSTM step: ``J[j, k] = d h_t[j] / d h_t-1[k]``, with x_t and c_t-1 fixed.

    Computed analytically from the gate values of :func:`~lstm_explained.reference.cell.lstm_step`:
    with ``a'`` the derivative of a gate's activation and ``U_g`` its recurrent block,
    ``d g[j] / d h_t-1[k] = a'(z_g[j]) * U_g[k, j]``, and then the chain rule through
    ``c_t = f*c_t-1 + i*c_tilde`` and ``h_t = o*tanh(c_t)``.

    Parameters
    ----------
    weights : LSTMWeights
    x_t : ndarray, shape (input_dim,)
    h_prev, c_prev : ndarray, shape (units,)
    activation, recurrent_activation : {"tanh", "sigmoid"}

    Returns
    -------
    ndarray, shape (units, units)

    Raises
    ------
    ValueError
        If an activation has no derivative here (the message lists those that have), or a
        shape does not match `weights`.

    Examples
    --------
    >>> w = independent_units_weights(3, input_dim=2)
    >>> J = hidden_jacobian(w, np.ones(2), np.zeros(3), np.zeros(3))
    >>> bool(np.all(J[~np.eye(3, dtype=bool)] == 0))  # independent units: diagonal
    True
    """
    supported = tuple(_DERIVATIVE)
    activation = check_choice("activation", activation, supported)
    recurrent_activation = check_choice("recurrent_activation", recurrent_activation, supported)
    x_t, h_prev, c_prev = (np.asarray(a, np.float64).reshape(1, -1) for a in (x_t, h_prev, c_prev))
    w64 = LSTMWeights(
        *(
            None if a is None else np.asarray(a, np.float64)
            for a in (weights.kernel, weights.recurrent_kernel, weights.bias)
        )
    )
    s = lstm_step(
        x_t, h_prev, c_prev, w64, activation=activation, recurrent_activation=recurrent_activation
    )
    gate, act = _DERIVATIVE[recurrent_activation], _DERIVATIVE[activation]
    tanh_c = np.tanh(s.c[0]) if activation == "tanh" else 1 / (1 + np.exp(-s.c[0]))  # (units,)
    dh_dc = s.o[0] * act(tanh_c)  # (units,)
    scale = {  # d h_t[j] / d z_g[j], (units,) per gate
        "i": dh_dc * s.c_tilde[0] * gate(s.i[0]),
        "f": dh_dc * c_prev[0] * gate(s.f[0]),
        "c": dh_dc * s.i[0] * act(s.c_tilde[0]),
        "o": tanh_c * gate(s.o[0]),
    }
    return sum(scale[g][:, None] * w64.gate(g).recurrent_kernel.T for g in GATES)  # (units, units)


def independent_units_weights(
    cells: Sequence[LSTMWeights] | int,
    *,
    input_dim: int | None = None,
    seed: int = 0,
) -> LSTMWeights:
    """Weights of one LSTM layer that computes exactly n independent one-unit LSTMs.

    Unit n of the layer takes every column of cell n; ``recurrent_kernel`` is zero except where
    a unit reads its own previous value, so no unit sees another. Such a layer stores
    ``4*n*(input_dim + n + 1)`` numbers, but only ``4*n*(input_dim + 2)`` of them are free:
    the other ``4*n*(n - 1)`` recurrent weights, the ones that couple the units of a real
    ``LSTM(units=n)``, are pinned to zero. That difference is why n one-unit LSTMs have fewer
    parameters than one ``LSTM(units=n)``.

    Parameters
    ----------
    cells : sequence of LSTMWeights with units=1, or int
        The one-unit LSTMs, or how many to draw with ``LSTMWeights.random(input_dim, 1,
        seed=seed + k)``.
    input_dim : int
        Needed when `cells` is an int; when `cells` is a sequence, it must be omitted or equal
        the cells' input_dim.
    seed : int

    Raises
    ------
    TypeError
        If `cells` is neither an integer nor a sequence of LSTMWeights, or `input_dim` is not
        an integer.
    ValueError
        If `cells` or `input_dim` is below 1, a cell does not have one unit, the cells
        disagree on input_dim or use_bias, `input_dim` differs from theirs, or `cells` is
        empty.

    Examples
    --------
    >>> w = independent_units_weights(3, input_dim=2)
    >>> w.units, int(np.count_nonzero(w.recurrent_kernel))
    (3, 12)
    """
    cells = _check_cells(cells, input_dim, seed)
    n = len(cells)
    gates = {}
    for g in GATES:
        parts = [cell.gate(g) for cell in cells]
        gates[g] = {
            "kernel": np.concatenate([p.kernel for p in parts], axis=1),
            "recurrent_kernel": np.diag([p.recurrent_kernel[0, 0] for p in parts]),
        }
        if cells[0].use_bias:
            gates[g]["bias"] = np.concatenate([p.bias for p in parts])
    weights = LSTMWeights.from_gates(gates)
    assert weights.units == n
    return weights


def _check_cells(
    cells: Sequence[LSTMWeights] | int, input_dim: int | None, seed: int
) -> list[LSTMWeights]:
    """The one-unit LSTMs of :func:`independent_units_weights`, drawn or checked."""
    if isinstance(cells, str) or not isinstance(cells, Sequence):
        count = check_size("cells", cells)  # an integer, or TypeError
        dim = check_size("input_dim", input_dim)
        return [LSTMWeights.random(dim, 1, seed=seed + k) for k in range(count)]
    if not all(isinstance(cell, LSTMWeights) for cell in cells):
        raise TypeError(
            f"cells must be an integer or a sequence of LSTMWeights, got {reprlib.repr(cells)}"
        )
    if not cells or any(cell.units != 1 for cell in cells):
        raise ValueError("cells must be a non-empty sequence of one-unit LSTMWeights")
    if len({(cell.input_dim, cell.use_bias) for cell in cells}) != 1:
        raise ValueError("all cells must have the same input_dim and use_bias")
    if input_dim is not None and check_size("input_dim", input_dim) != cells[0].input_dim:
        raise ValueError(f"input_dim={input_dim} differs from the cells' {cells[0].input_dim}")
    return list(cells)
