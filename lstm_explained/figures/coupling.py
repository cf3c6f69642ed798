"""The coupling figure: a real layer's Jacobian dh_t / dh_t-1 beside independent units'.

The numbers come from :mod:`lstm_explained.reference.jacobian`: :func:`coupling_figure` draws
the Jacobian of a real ``LSTM(units=n)`` (full: every unit moves every other) next to the
Jacobian of weights that really are n independent one-unit LSTMs (a diagonal matrix).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike, NDArray

from lstm_explained.figures.style import Theme, new_figure, themed
from lstm_explained.figures.texts import check_language, translated
from lstm_explained.reference.jacobian import hidden_jacobian, independent_units_weights
from lstm_explained.reference.weights import GATES, LSTMWeights

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.colorbar import Colorbar
    from matplotlib.figure import Figure
    from matplotlib.image import AxesImage

__all__ = ["CouplingFigure", "coupling_figure"]

#: Matrices up to this size get their values written in the cells.
ANNOTATE_UP_TO = 6


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
    language: str = "en",
) -> CouplingFigure:
    """Side by side: dh_t/dh_t-1 for `weights` and for n independent one-unit LSTMs.

    The independent weights keep each unit's own entries of `weights` (same kernel, bias and
    self-recurrence) and drop the cross-unit recurrent weights. Inputs default to a fixed,
    seeded draw (``numpy.random.default_rng(0)``, scale 0.5 for the states). Titles, axis labels
    and the alt text are in `language` (``"en"`` or ``"fr"``).

    Raises
    ------
    ValueError
        If `theme` or `language` is unknown.

    Examples
    --------
    >>> fig = coupling_figure(LSTMWeights.random(3, 4))
    >>> bool(np.count_nonzero(fig.jacobians[1] - np.diag(np.diag(fig.jacobians[1]))) == 0)
    True
    """
    language = check_language(language)
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
        titles = (
            translated(language, "LSTM(units={n}): coupled", n=n),
            translated(language, "{n} independent one-unit LSTMs", n=n),
        )
        images = [
            _draw_jacobian(ax, th, jac, title, limit, language)
            for ax, jac, title in zip(axes, jacobians, titles, strict=True)
        ]
        bar = _add_colorbar(fig, th, images[0])
        fig.suptitle(
            translated(language, "Each unit's output depends on every unit's previous state"),
            fontsize=11.5,
            fontweight="bold",
            y=0.97,
        )
    alt = _alt_text(n, limit, jacobians, language)
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
    ax: Axes, th: Theme, jac: NDArray[np.float64], title: str, limit: float, language: str
) -> AxesImage:
    """Draw one Jacobian as a heatmap on the diverging scale -limit..limit, titled `title`."""
    n = len(jac)
    image = ax.imshow(
        jac, cmap=th.cmap("diverging"), vmin=-limit, vmax=limit, interpolation="nearest"
    )
    if n <= ANNOTATE_UP_TO:
        _annotate(ax, image, jac)
    ax.set_title(title, fontsize=10.5, fontweight="bold")
    ax.set_xlabel(translated(language, r"$k$: unit of $h_{t-1}$"))
    ax.set_ylabel(translated(language, r"$j$: unit of $h_t$"))
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


def _alt_text(
    n: int, limit: float, jacobians: tuple[NDArray[np.float64], ...], language: str
) -> str:
    """Describe the two heatmaps in words, with the scale and the largest off-diagonal values."""
    off = [float(np.abs(j - np.diag(np.diag(j))).max()) for j in jacobians]
    return translated(
        language,
        "Two {n} by {n} heatmaps of the Jacobian dh_t/dh_t-1 on a shared colour scale from"
        " {low:.2f} to {high:.2f}. Left, LSTM(units={n}): off-diagonal entries up to"
        " {coupled:.2f} in absolute value, so every unit's h_t depends on every unit's h_t-1."
        " Right, {n} independent one-unit LSTMs with the same own weights: only the diagonal"
        " is non-zero (largest off-diagonal value {independent:.2f}).",
        n=n,
        low=-limit,
        high=limit,
        coupled=off[0],
        independent=off[1],
    )
