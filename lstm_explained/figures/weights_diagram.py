"""Diagram of an LSTM layer's three weight tensors as block matrices, one block per gate.

Shapes and parameter counts come from :func:`lstm_explained.reference.shapes.param_breakdown` and
:func:`lstm_explained.reference.shapes.param_count`; nothing in the figure is computed twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from matplotlib.patches import Rectangle

from lstm_explained.figures.diagrams import (
    ELIDE_ABOVE,
    check_drawn_size,
    diagram_axes,
    draw_title,
    stack_height,
)
from lstm_explained.figures.style import GATE_COLORS, Theme, themed
from lstm_explained.figures.texts import check_language, count, translated
from lstm_explained.reference.shapes import (
    ParamBreakdown,
    TensorParams,
    param_breakdown,
    param_count,
)
from lstm_explained.reference.validation import check_flag
from lstm_explained.reference.weights import GATES, LSTMWeights

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
        :func:`~lstm_explained.reference.shapes.param_count` of the layer.
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


@dataclass(frozen=True)
class _Layout:
    """Where the rows and blocks go, in data units."""

    block_w: float  # width of one gate block
    right: float  # right edge of the four blocks
    tops: dict[str, float]  # top edge of each tensor's row
    heights: dict[str, float]  # height of each tensor's row
    y_end: float  # below the last row


def _drawn(size: int) -> float:
    """Drawn length of a matrix side of `size` cells (long sides are elided)."""
    return stack_height(size) if size > ELIDE_ABOVE else size * _CELL


def weights_diagram(
    input_dim: int | LSTMWeights,
    units: int | None = None,
    *,
    use_bias: bool = True,
    theme: str = "light",
    language: str = "en",
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
    language : {"en", "fr"}
        Language of the figure's text and alt text (math and identifiers stay as they are).
    ax : Axes, optional

    Raises
    ------
    TypeError
        If a size is not an integer, or `use_bias` is not a bool.
    ValueError
        If a size is outside ``[1, MAX_SIZE]``, or `theme` or `language` is unknown.

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
    input_dim, units = check_drawn_size("input_dim", input_dim), check_drawn_size("units", units)
    use_bias = check_flag("use_bias", use_bias)
    language = check_language(language)
    breakdown = param_breakdown(input_dim, units, use_bias)
    total = param_count(input_dim, units, use_bias)
    layout = _layout(breakdown, input_dim, units)
    with themed(theme) as th:
        x_max = layout.right + 4.4
        bottom = layout.y_end - 0.35
        ax = diagram_axes(
            ax, 7.2, 7.2 * (1.2 - bottom) / (x_max + 6.0), (-6.0, x_max), (bottom, 1.2)
        )
        _draw_title(ax, th, x_max, (input_dim, units, total), language)
        blocks, labels = {}, {}
        for row in breakdown:
            grid = _draws_grid(row.name, input_dim, units)
            row_blocks, row_labels = _draw_row(
                ax, th, row, layout, units, grid=grid, language=language
            )
            blocks.update(row_blocks)
            labels.update(row_labels)
        drawn_total = _draw_total(
            ax, th, breakdown, total, (layout.right / 2, layout.y_end + 0.45), language
        )
    alt = _alt_text(input_dim, units, breakdown, total, language)
    return WeightsDiagram(ax.figure, ax, blocks, labels, drawn_total, breakdown, total, alt)


def _layout(breakdown: ParamBreakdown, input_dim: int, units: int) -> _Layout:
    """Size the blocks (long sides elided) and stack the tensors' rows from the top down."""
    block_w = _drawn(units)
    heights = {"kernel": _drawn(input_dim), "recurrent_kernel": _drawn(units), "bias": _CELL}
    tops, y = {}, -1.0
    for row in breakdown:
        tops[row.name] = y
        y -= heights[row.name] + 1.05
    return _Layout(block_w, 4 * block_w + 3 * _GAP, tops, heights, y)


def _draws_grid(name: str, input_dim: int, units: int) -> bool:
    """Whether the blocks of tensor `name` show their cells (no side of them is elided)."""
    rows_elided = name == "kernel" and input_dim > ELIDE_ABOVE
    return units <= ELIDE_ABOVE and not rows_elided


def _draw_title(
    ax: Axes, th: Theme, x_max: float, sizes: tuple[int, int, int], language: str
) -> None:
    """Write the title, with the sizes (input_dim, units, total count), over the diagram."""
    input_dim, units, total = sizes
    title = translated(
        language,
        "Weights of LSTM(units={units}) on input_dim={input_dim}: {total} parameters",
        units=units,
        input_dim=input_dim,
        total=count(language, total),
    )
    draw_title(ax, ((x_max - 6.0) / 2, 0.9), title, th)


def _draw_row(
    ax: Axes,
    th: Theme,
    row: TensorParams,
    layout: _Layout,
    units: int,
    *,
    grid: bool,
    language: str,
) -> tuple[dict[tuple[str, str], Rectangle], dict[tuple[str, str], Text]]:
    """Draw one tensor: its name at the left, a block per gate, its count at the right.

    Returns the blocks and their shape labels, keyed (tensor, gate).
    """
    top, height, block_w = layout.tops[row.name], layout.heights[row.name], layout.block_w
    _draw_row_name(ax, th, row, top - height / 2, language)
    blocks, labels = {}, {}
    for k, gate in enumerate(GATES):
        x = k * (block_w + _GAP)
        blocks[row.name, gate] = _block(
            ax, th, (x, top - height), block_w, height, gate, grid=grid
        )
        shape = (*row.shape[:-1], units)
        labels[row.name, gate] = _draw_shape(ax, th, x + block_w / 2, top - height - 0.1, shape)
        if row.name == "kernel":
            _draw_gate_symbol(ax, gate, x + block_w / 2, top + 0.08)
    _draw_row_count(ax, th, row, (layout.right + 0.4, top - height / 2), language)
    return blocks, labels


def _draw_row_name(ax: Axes, th: Theme, row: TensorParams, y: float, language: str) -> None:
    """Write the tensor's name, its role and its shape to the left of its row."""
    role = _ROLE[row.name] if row.name == "bias" else translated(language, _ROLE[row.name])
    shape = translated(language, "shape {shape}", shape=row.shape)
    ax.text(
        -0.35,
        y,
        f"{row.name}\n{role}\n{shape}",
        ha="right",
        va="center",
        fontsize=9,
        color=th.ink,
        linespacing=1.3,
    )


def _draw_row_count(
    ax: Axes, th: Theme, row: TensorParams, xy: tuple[float, float], language: str
) -> None:
    """Write the tensor's parameter count, four blocks times the count of one, right of its row."""
    text = f"4 \u00d7 {count(language, row.per_gate)} = {count(language, row.count)}"
    ax.text(*xy, text, ha="left", va="center", fontsize=9.5, color=th.ink)


def _draw_shape(ax: Axes, th: Theme, x: float, y: float, shape: tuple[int, ...]) -> Text:
    """Write the shape of one gate block under it."""
    return ax.text(x, y, str(shape), ha="center", va="top", fontsize=8.5, color=th.muted)


def _draw_gate_symbol(ax: Axes, gate: str, x: float, y: float) -> None:
    """Write the symbol of `gate`, in its colour, over its column of blocks."""
    ax.text(x, y, _SYMBOL[gate], ha="center", va="bottom", fontsize=11, color=GATE_COLORS[gate])


def _draw_total(
    ax: Axes,
    th: Theme,
    breakdown: ParamBreakdown,
    total: int,
    xy: tuple[float, float],
    language: str,
) -> Text:
    """Write the sum of the rows' counts and the total, in bold, under the diagram."""
    terms = " + ".join(count(language, row.count) for row in breakdown)
    return ax.text(
        *xy,
        translated(
            language,
            "total: {terms} = {total} parameters",
            terms=terms,
            total=count(language, total),
        ),
        ha="center",
        va="top",
        fontsize=10,
        fontweight="bold",
        color=th.ink,
    )


def _block(
    ax: Axes,
    th: Theme,
    xy: tuple[float, float],
    width: float,
    height: float,
    gate: str,
    *,
    grid: bool,
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


def _alt_text(
    input_dim: int, units: int, breakdown: ParamBreakdown, total: int, language: str
) -> str:
    """Describe the weights diagram in words, with every shape and count."""
    parts = ", ".join(
        translated(
            language,
            "{name} {shape} with {count} parameters",
            name=row.name,
            shape=row.shape,
            count=count(language, row.count),
        )
        for row in breakdown
    )
    return translated(
        language,
        "Block diagram of the weights of an LSTM layer with units={units} on inputs of"
        " input_dim={input_dim}: {parts}. Each tensor is split into four blocks of {units}"
        " columns, one per gate (input i, forget f, candidate c~, output o). Total:"
        " {total} parameters.",
        units=units,
        input_dim=input_dim,
        parts=parts,
        total=count(language, total),
    )
