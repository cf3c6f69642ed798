"""Diagram of an LSTM layer's three weight tensors as block matrices, one block per gate.

Shapes and parameter counts come from :func:`lstm_explained.shapes.param_breakdown` and
:func:`lstm_explained.shapes.param_count`; nothing in the figure is computed twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from matplotlib.patches import Rectangle

from lstm_explained.diagrams import ELIDE_ABOVE, check_size, diagram_axes, stack_height
from lstm_explained.shapes import ParamBreakdown, param_breakdown, param_count
from lstm_explained.style import GATE_COLORS, themed
from lstm_explained.weights import GATES, LSTMWeights

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text

__all__ = ["WeightsDiagram", "weights_diagram"]

_CELL = 0.3
_GAP = 0.22
_SYMBOL = {"i": "$i$", "f": "$f$", "c": r"$\tilde{c}$", "o": "$o$"}
_ROLE = {"kernel": "W, applied to x_t", "recurrent_kernel": "U, applied to h_t-1", "bias": "b"}


@dataclass(frozen=True)
class WeightsDiagram:
    """What :func:`weights_diagram` drew.

    Attributes
    ----------
    figure, ax : Figure, Axes
    blocks : dict of (str, str) to Rectangle
        One block per (tensor, gate), e.g. ``("kernel", "f")``.
    block_labels : dict of (str, str) to Text
        The shape of each block, e.g. ``"(3, 4)"``.
    count_text : Text
        The total parameter count, as drawn.
    breakdown : ParamBreakdown
    total : int
        :func:`~lstm_explained.shapes.param_count` of the layer.
    alt : str
    """

    figure: Figure
    ax: Axes
    blocks: dict[tuple[str, str], Rectangle]
    block_labels: dict[tuple[str, str], Text]
    count_text: Text
    breakdown: ParamBreakdown
    total: int
    alt: str


def _drawn(size: int) -> float:
    """Drawn length of a matrix side of `size` cells (long sides are elided)."""
    return stack_height(size) if size > ELIDE_ABOVE else size * _CELL


def weights_diagram(
    input_dim: int | LSTMWeights,
    units: int | None = None,
    *,
    use_bias: bool = True,
    theme: str = "light",
    ax: Axes | None = None,
) -> WeightsDiagram:
    """Draw kernel, recurrent_kernel and bias as block matrices with the parameter count.

    Parameters
    ----------
    input_dim : int or LSTMWeights
        Input size, or weights whose sizes and ``use_bias`` are used.
    units : int
        Number of units (ignored when `input_dim` is an LSTMWeights).
    use_bias : bool
    theme : {"light", "dark"}
    ax : Axes, optional

    Raises
    ------
    TypeError, ValueError
        If a size is not a positive integer in range.

    Examples
    --------
    >>> d = weights_diagram(3, 4)
    >>> d.total == d.breakdown.total and f"{d.total:,}" in d.count_text.get_text()
    True
    >>> d.block_labels["recurrent_kernel", "f"].get_text()
    '(4, 4)'
    """
    if isinstance(input_dim, LSTMWeights):
        input_dim, units, use_bias = input_dim.input_dim, input_dim.units, input_dim.use_bias
    input_dim, units = check_size("input_dim", input_dim), check_size("units", units)
    breakdown = param_breakdown(input_dim, units, use_bias)
    total = param_count(input_dim, units, use_bias)
    block_w = _drawn(units)
    right = 4 * block_w + 3 * _GAP
    heights = {"kernel": _drawn(input_dim), "recurrent_kernel": _drawn(units), "bias": _CELL}
    with themed(theme) as th:
        tops, y = {}, -1.0
        for row in breakdown:
            tops[row.name] = y
            y -= heights[row.name] + 1.05
        x_max = right + 4.4
        bottom = y - 0.35
        ax = diagram_axes(
            ax, 7.2, 7.2 * (1.2 - bottom) / (x_max + 6.0), (-6.0, x_max), (bottom, 1.2)
        )
        ax.text(
            (x_max - 6.0) / 2,
            0.9,
            f"Weights of LSTM(units={units}) on input_dim={input_dim}: {total:,} parameters",
            ha="center",
            va="top",
            fontsize=11.5,
            fontweight="bold",
            color=th.ink,
        )
        blocks, labels = {}, {}
        for row in breakdown:
            top, height = tops[row.name], heights[row.name]
            ax.text(
                -0.35,
                top - height / 2,
                f"{row.name}\n{_ROLE[row.name]}\nshape {row.shape}",
                ha="right",
                va="center",
                fontsize=9,
                color=th.ink,
                linespacing=1.3,
            )
            for k, gate in enumerate(GATES):
                x = k * (block_w + _GAP)
                rows_elided = row.name == "kernel" and input_dim > ELIDE_ABOVE
                grid = units <= ELIDE_ABOVE and not rows_elided
                blocks[row.name, gate] = _block(
                    ax, th, (x, top - height), block_w, height, gate, grid=grid
                )
                shape = (*row.shape[:-1], units)
                labels[row.name, gate] = ax.text(
                    x + block_w / 2,
                    top - height - 0.1,
                    str(shape),
                    ha="center",
                    va="top",
                    fontsize=8.5,
                    color=th.muted,
                )
                if row.name == "kernel":
                    ax.text(
                        x + block_w / 2,
                        top + 0.08,
                        _SYMBOL[gate],
                        ha="center",
                        va="bottom",
                        fontsize=11,
                        color=GATE_COLORS[gate],
                    )
            ax.text(
                right + 0.4,
                top - height / 2,
                f"4 \u00d7 {row.per_gate:,} = {row.count:,}",
                ha="left",
                va="center",
                fontsize=9.5,
                color=th.ink,
            )
        terms = " + ".join(f"{row.count:,}" for row in breakdown)
        count = ax.text(
            right / 2,
            y + 0.45,
            f"total: {terms} = {total:,} parameters",
            ha="center",
            va="top",
            fontsize=10,
            fontweight="bold",
            color=th.ink,
        )
    alt = _alt_text(input_dim, units, breakdown, total)
    return WeightsDiagram(ax.figure, ax, blocks, labels, count, breakdown, total, alt)


def _block(
    ax: Axes, th, xy: tuple[float, float], width: float, height: float, gate: str, *, grid: bool
) -> Rectangle:
    """Draw one gate block; with `grid`, also the lines between its cells."""
    rect = Rectangle(
        xy,
        width,
        height,
        facecolor=th.tint(GATE_COLORS[gate], 0.45),
        edgecolor=GATE_COLORS[gate],
        linewidth=1.4,
        zorder=2,
    )
    ax.add_patch(rect)
    x0, y0 = xy
    if grid:
        lines = {"color": th.page, "linewidth": 0.6, "zorder": 2.5}
        for k in range(1, round(width / _CELL)):
            ax.plot([x0 + k * _CELL] * 2, [y0, y0 + height], **lines)
        for k in range(1, round(height / _CELL)):
            ax.plot([x0, x0 + width], [y0 + k * _CELL] * 2, **lines)
    else:
        ax.text(
            x0 + width / 2,
            y0 + height / 2,
            "\u22ef",
            ha="center",
            va="center",
            fontsize=10,
            color=th.ink,
            zorder=3,
        )
    return rect


def _alt_text(input_dim: int, units: int, breakdown: ParamBreakdown, total: int) -> str:
    parts = ", ".join(f"{row.name} {row.shape} with {row.count:,} parameters" for row in breakdown)
    return (
        f"Block diagram of the weights of an LSTM layer with units={units} on inputs of"
        f" input_dim={input_dim}: {parts}. Each tensor is split into four blocks of {units}"
        f" columns, one per gate (input i, forget f, candidate c~, output o). Total:"
        f" {total:,} parameters."
    )
