"""How the units of one LSTM layer talk to each other: the Jacobian dh_t / dh_t-1.

A common answer says that ``LSTM(units=n)`` is "n independent copies of a one-unit LSTM". It is
not: every gate of every unit reads the whole previous hidden state through
``recurrent_kernel`` (shape ``(units, 4*units)``), so unit k at step t-1 moves unit j at step t.
:func:`hidden_jacobian` measures that, and :func:`coupling_figure` puts it next to the
Jacobian of weights that really are n independent one-unit LSTMs (a diagonal matrix).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike, NDArray

from lstm_explained.cell import lstm_step
from lstm_explained.diagrams import check_size
from lstm_explained.style import Theme, new_figure, themed
from lstm_explained.weights import GATES, LSTMWeights

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.colorbar import Colorbar
    from matplotlib.figure import Figure
    from matplotlib.image import AxesImage

__all__ = ["CouplingFigure", "coupling_figure", "hidden_jacobian", "independent_units_weights"]

#: Matrices up to this size get their values written in the cells.
ANNOTATE_UP_TO = 6
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

    Computed analytically from the gate values of :func:`~lstm_explained.cell.lstm_step`:
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
        If an activation has no derivative here, or a shape does not match `weights`.

    Examples
    --------
    >>> w = independent_units_weights(3, input_dim=2)
    >>> J = hidden_jacobian(w, np.ones(2), np.zeros(3), np.zeros(3))
    >>> bool(np.all(J[~np.eye(3, dtype=bool)] == 0))  # independent units: diagonal
    True
    """
    for name in (activation, recurrent_activation):
        if name not in _DERIVATIVE:
            raise ValueError(
                f"activation {name!r} not supported here; use one of {sorted(_DERIVATIVE)}"
            )
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
        Needed when `cells` is an int.
    seed : int

    Raises
    ------
    ValueError
        If a cell does not have one unit, the cells disagree on input_dim or use_bias, or
        `cells` is empty.

    Examples
    --------
    >>> w = independent_units_weights(3, input_dim=2)
    >>> w.units, int(np.count_nonzero(w.recurrent_kernel))
    (3, 12)
    """
    if not isinstance(cells, Sequence):
        count = check_size("cells", cells)
        dim = check_size("input_dim", input_dim)
        cells = [LSTMWeights.random(dim, 1, seed=seed + k) for k in range(count)]
    if not cells or any(cell.units != 1 for cell in cells):
        raise ValueError("cells must be a non-empty sequence of one-unit LSTMWeights")
    if len({(cell.input_dim, cell.use_bias) for cell in cells}) != 1:
        raise ValueError("all cells must have the same input_dim and use_bias")
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


@dataclass(frozen=True)
class CouplingFigure:
    """What :func:`coupling_figure` drew: two Jacobians on a shared diverging scale."""

    figure: Figure
    axes: tuple[Axes, Axes]
    images: tuple[AxesImage, AxesImage]
    colorbar: Colorbar
    jacobians: tuple[NDArray[np.float64], NDArray[np.float64]]
    independent: LSTMWeights
    alt: str


def _annotate(ax: Axes, image: AxesImage, jac: NDArray[np.float64]) -> None:
    """Write each entry in its cell, black or white, whichever contrasts with the cell."""
    for (j, k), value in np.ndenumerate(jac):
        r, g, b, _ = image.cmap(image.norm(value))
        ink = "black" if 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.45 else "white"
        ax.text(
            k,
            j,
            f"{value:.2f}".replace("-", "\u2212"),
            ha="center",
            va="center",
            fontsize=8,
            color=ink,
        )


def _split_units(weights: LSTMWeights) -> list[LSTMWeights]:
    """The one-unit LSTMs on the diagonal of `weights` (what each unit has of its own)."""
    cells = []
    for j in range(weights.units):
        gates = {}
        for g in GATES:
            gw = weights.gate(g)
            gates[g] = {
                "kernel": gw.kernel[:, j : j + 1],
                "recurrent_kernel": gw.recurrent_kernel[j : j + 1, j : j + 1],
            }
            if gw.bias is not None:
                gates[g]["bias"] = gw.bias[j : j + 1]
        cells.append(LSTMWeights.from_gates(gates))
    return cells


def coupling_figure(
    weights: LSTMWeights,
    x_t: ArrayLike | None = None,
    h_prev: ArrayLike | None = None,
    c_prev: ArrayLike | None = None,
    *,
    theme: str = "light",
) -> CouplingFigure:
    """Side by side: dh_t/dh_t-1 for `weights` and for n independent one-unit LSTMs.

    The independent weights keep each unit's own entries of `weights` (same kernel, bias and
    self-recurrence) and drop the cross-unit recurrent weights. Inputs default to a fixed,
    seeded draw (``numpy.random.default_rng(0)``, scale 0.5 for the states).

    Examples
    --------
    >>> fig = coupling_figure(LSTMWeights.random(3, 4))
    >>> bool(np.count_nonzero(fig.jacobians[1] - np.diag(np.diag(fig.jacobians[1]))) == 0)
    True
    """
    x_t, h_prev, c_prev = _default_inputs(weights, x_t, h_prev, c_prev)
    independent = independent_units_weights(_split_units(weights))
    jacobians = tuple(hidden_jacobian(w, x_t, h_prev, c_prev) for w in (weights, independent))
    limit = float(max(np.abs(j).max() for j in jacobians)) or 1.0
    n = weights.units
    with themed(theme) as th:
        fig = new_figure(7.2, 3.9)
        axes = fig.subplots(
            1,
            2,
            gridspec_kw={"left": 0.08, "right": 0.83, "bottom": 0.14, "top": 0.8, "wspace": 0.3},
        )
        titles = (f"LSTM(units={n}): coupled", f"{n} independent one-unit LSTMs")
        images = [
            _draw_jacobian(ax, th, jac, title, limit)
            for ax, jac, title in zip(axes, jacobians, titles, strict=True)
        ]
        bar = _add_colorbar(fig, th, images[0])
        fig.suptitle(
            "Each unit's output depends on every unit's previous state",
            fontsize=11.5,
            fontweight="bold",
            y=0.97,
        )
    alt = _alt_text(n, limit, jacobians)
    return CouplingFigure(fig, tuple(axes), tuple(images), bar, jacobians, independent, alt)


def _default_inputs(
    weights: LSTMWeights,
    x_t: ArrayLike | None,
    h_prev: ArrayLike | None,
    c_prev: ArrayLike | None,
) -> tuple[ArrayLike, ArrayLike, ArrayLike]:
    """Fill in the inputs left out, from ``numpy.random.default_rng(0)`` (states scaled 0.5)."""
    rng = np.random.default_rng(0)
    x_t = rng.normal(size=weights.input_dim) if x_t is None else x_t
    h_prev = 0.5 * rng.normal(size=weights.units) if h_prev is None else h_prev
    c_prev = 0.5 * rng.normal(size=weights.units) if c_prev is None else c_prev
    return x_t, h_prev, c_prev


def _draw_jacobian(
    ax: Axes, th: Theme, jac: NDArray[np.float64], title: str, limit: float
) -> AxesImage:
    """Draw one Jacobian as a heatmap on the diverging scale -limit..limit, titled `title`."""
    n = len(jac)
    image = ax.imshow(
        jac, cmap=th.cmap("diverging"), vmin=-limit, vmax=limit, interpolation="nearest"
    )
    if n <= ANNOTATE_UP_TO:
        _annotate(ax, image, jac)
    ax.set_title(title, fontsize=10.5, fontweight="bold")
    ax.set_xlabel(r"$k$: unit of $h_{t-1}$")
    ax.set_ylabel(r"$j$: unit of $h_t$")
    ticks = np.arange(n) if n <= 12 else np.linspace(0, n - 1, 5).round().astype(int)
    ax.set_xticks(ticks)
    ax.set_yticks(ticks)
    return image


def _add_colorbar(fig: Figure, th: Theme, image: AxesImage) -> Colorbar:
    """Add the colour bar shared by both heatmaps, at the right of the figure."""
    cax = fig.add_axes((0.855, 0.14, 0.02, 0.66))
    bar = fig.colorbar(image, cax=cax)
    bar.set_label(r"$\partial h_t[j] \,/\, \partial h_{t-1}[k]$")
    bar.outline.set_edgecolor(th.muted)
    return bar


def _alt_text(n: int, limit: float, jacobians: tuple[NDArray[np.float64], ...]) -> str:
    """Describe the two heatmaps in words, with the scale and the largest off-diagonal values."""
    off = [float(np.abs(j - np.diag(np.diag(j))).max()) for j in jacobians]
    return (
        f"Two {n} by {n} heatmaps of the Jacobian dh_t/dh_t-1 on a shared colour scale from"
        f" {-limit:.2f} to {limit:.2f}. Left, LSTM(units={n}): off-diagonal entries up to"
        f" {off[0]:.2f} in absolute value, so every unit's h_t depends on every unit's h_t-1."
        f" Right, {n} independent one-unit LSTMs with the same own weights: only the diagonal"
        f" is non-zero (largest off-diagonal value {off[1]:.2f})."
    )
