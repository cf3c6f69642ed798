"""Diagram of the weights of Keras's SimpleRNN, GRU and LSTM side by side, one block per gate.

The three layers take the same ``input_dim`` and ``units``; each stores ``kernel``,
``recurrent_kernel`` and ``bias`` with one block of ``units`` columns per gate (1, 3 and 4 of
them), and the GRU's bias has two rows with ``reset_after=True``. Shapes and counts come from
:func:`lstm_explained.reference.shapes.param_breakdown` and
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
from lstm_explained.figures.style import GATE_COLORS, GRU_GATE_COLORS, themed
from lstm_explained.figures.texts import check_language, count, translated
from lstm_explained.reference.gru_weights import GRU_GATES
from lstm_explained.reference.shapes import (
    ParamBreakdown,
    TensorParams,
    param_breakdown,
    param_count,
)
from lstm_explained.reference.validation import check_flag
from lstm_explained.reference.weights import GATES

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text

    from lstm_explained.figures.style import Theme

__all__ = ["LAYER_BLOCKS", "LayerWeightsDiagram", "layer_weights_diagram"]

#: The layers drawn, left to right, and their blocks in Keras's order (SimpleRNN: one, "h").
LAYER_BLOCKS: dict[str, tuple[str, ...]] = {"simple_rnn": ("h",), "gru": GRU_GATES, "lstm": GATES}
_COLORS = {"simple_rnn": {"h": GATE_COLORS["c"]}, "gru": GRU_GATE_COLORS, "lstm": GATE_COLORS}
_TITLES = {"simple_rnn": "SimpleRNN", "gru": "GRU", "lstm": "LSTM"}
_SYMBOLS = {
    "simple_rnn": {"h": "$h$"},
    "gru": {"z": "$z$", "r": "$r$", "h": r"$\tilde{h}$"},
    "lstm": {"i": "$i$", "f": "$f$", "c": r"$\tilde{c}$", "o": "$o$"},
}
_CELL, _GAP, _PANEL_GAP, _ROW_GAP = 0.3, 0.12, 1.3, 1.0


@dataclass(frozen=True)
class LayerWeightsDiagram:
    """What :func:`layer_weights_diagram` drew.

    Attributes
    ----------
    figure, ax : Figure, Axes
    blocks : dict of (str, str, str) to Rectangle
        One block per (layer, tensor, gate), e.g. ``("gru", "bias", "z")``.
    shape_labels : dict of (str, str) to Text
        The shape of each (layer, tensor), e.g. ``"(2, 12)"``.
    count_texts : dict of str to Text
        Each layer's parameter count, as drawn.
    breakdowns : dict of str to ParamBreakdown
    totals : dict of str to int
        :func:`~lstm_explained.reference.shapes.param_count` of each layer.
    reset_after : bool
    alt : str
    """

    figure: Figure
    ax: Axes
    blocks: dict[tuple[str, str, str], Rectangle]
    shape_labels: dict[tuple[str, str], Text]
    count_texts: dict[str, Text]
    breakdowns: dict[str, ParamBreakdown]
    totals: dict[str, int]
    reset_after: bool
    alt: str


def _drawn(size: int) -> float:
    """Drawn length of a matrix side of `size` cells (long sides are elided)."""
    return stack_height(size) if size > ELIDE_ABOVE else size * _CELL


def _rows(row: TensorParams) -> int:
    """Rows of one gate's block of a tensor: its first axis, 1 for a one-row bias."""
    return row.shape[0] if len(row.shape) == 2 else 1


def layer_weights_diagram(
    input_dim: int,
    units: int,
    *,
    use_bias: bool = True,
    reset_after: bool = True,
    theme: str = "light",
    language: str = "en",
    ax: Axes | None = None,
) -> LayerWeightsDiagram:
    """Draw the weights of SimpleRNN, GRU and LSTM(units) on `input_dim` features side by side.

    Each tensor is drawn as its blocks of ``units`` columns, one per gate in Keras's order,
    with its shape under it and each layer's parameter count at the bottom.

    Parameters
    ----------
    input_dim, units : int
    use_bias : bool
    reset_after : bool
        The GRU's option: two bias rows (True, Keras's default) or one.
    theme : {"light", "dark"}
    language : {"en", "fr"}
        Language of the figure's text and alt text (math and identifiers stay as they are).
    ax : Axes, optional

    Raises
    ------
    TypeError
        If a size is not an integer, or a flag is not a bool.
    ValueError
        If a size is outside ``[1, MAX_SIZE]``, or `theme` or `language` is unknown.

    Examples
    --------
    >>> d = layer_weights_diagram(3, 4)
    >>> [sum(key[0] == layer for key in d.blocks) for layer in ("simple_rnn", "gru", "lstm")]
    [3, 9, 12]
    >>> d.shape_labels["gru", "bias"].get_text(), d.totals["gru"] == 3 * 4 * (3 + 4 + 2)
    ('(2, 12)', True)
    """
    input_dim, units = check_drawn_size("input_dim", input_dim), check_drawn_size("units", units)
    options = {
        "use_bias": check_flag("use_bias", use_bias),
        "reset_after": check_flag("reset_after", reset_after),
    }
    language = check_language(language)
    breakdowns = {
        name: param_breakdown(input_dim, units, layer=name, **options) for name in LAYER_BLOCKS
    }
    totals = {name: param_count(input_dim, units, layer=name, **options) for name in LAYER_BLOCKS}
    layout = _layout(input_dim, units, breakdowns)
    with themed(theme) as th:
        ax = diagram_axes(
            ax,
            7.2,
            7.2 * (0.9 - layout.bottom) / (layout.right + 5.3),
            (-5.0, layout.right + 0.3),
            (layout.bottom, 0.9),
        )
        title = translated(
            language,
            "Weights of SimpleRNN, GRU and LSTM (units={units}, input_dim={input_dim})",
            units=units,
            input_dim=input_dim,
        )
        draw_title(ax, ((layout.right - 4.7) / 2, 0.8), title, th)
        blocks, labels, counts = {}, {}, {}
        for name, left in layout.lefts.items():
            panel = _Panel(ax, th, name, left, _drawn(units), layout.tops, language)
            panel.header()
            for row in breakdowns[name]:
                blocks.update(panel.row(row.name, _rows(row), units))
                labels[name, row.name] = panel.shape_label(row, _drawn(_rows(row)))
            counts[name] = panel.count(
                breakdowns[name], totals[name], input_dim, units, layout.y_end
            )
        for tensor, top in layout.tops.items():
            y = top - layout.heights[tensor] / 2
            ax.text(-0.35, y, tensor, ha="right", va="center", fontsize=9, color=th.ink)
    alt = _alt_text(input_dim, units, breakdowns, totals, options["reset_after"], language)
    return LayerWeightsDiagram(
        ax.figure, ax, blocks, labels, counts, breakdowns, totals, options["reset_after"], alt
    )


@dataclass(frozen=True)
class _Layout:
    """Where the panels and rows go, in data units."""

    lefts: dict[str, float]  # left edge of each layer's panel
    right: float  # right edge of the last panel
    tops: dict[str, float]  # top edge of each tensor's row
    heights: dict[str, float]  # height of each tensor's row (the tallest panel's)
    y_end: float  # below the last row

    @property
    def bottom(self) -> float:
        return self.y_end - 0.95


def _layout(input_dim: int, units: int, breakdowns: dict[str, ParamBreakdown]) -> _Layout:
    """Put the panels side by side and the tensors' rows one under the other."""
    lefts, x = {}, 0.0
    for name, gates in LAYER_BLOCKS.items():
        lefts[name] = x
        x += len(gates) * _drawn(units) + (len(gates) - 1) * _GAP + _PANEL_GAP
    heights: dict[str, float] = {}
    for breakdown in breakdowns.values():
        for row in breakdown:
            heights[row.name] = max(heights.get(row.name, 0.0), _drawn(_rows(row)))
    tops, y = {}, -1.3
    for tensor, height in heights.items():
        tops[tensor] = y
        y -= height + _ROW_GAP
    return _Layout(lefts, x - _PANEL_GAP, tops, heights, y)


@dataclass(frozen=True)
class _Panel:
    """Draws one layer's column of blocks, starting at `left`."""

    ax: Axes
    th: Theme
    name: str
    left: float
    block_w: float
    tops: dict[str, float]
    language: str

    @property
    def gates(self) -> tuple[str, ...]:
        return LAYER_BLOCKS[self.name]

    @property
    def center(self) -> float:
        n = len(self.gates)
        return self.left + (n * self.block_w + (n - 1) * _GAP) / 2

    def x(self, k: int) -> float:
        """Left edge of the `k`-th block."""
        return self.left + k * (self.block_w + _GAP)

    def header(self) -> None:
        """Write the layer's name over its column and each gate's symbol over its blocks."""
        top = self.tops["kernel"]
        self.ax.text(
            self.center,
            top + 0.55,
            _TITLES[self.name],
            ha="center",
            va="bottom",
            fontsize=10,
            fontweight="bold",
            color=self.th.ink,
        )
        for k, gate in enumerate(self.gates):
            self.ax.text(
                self.x(k) + self.block_w / 2,
                top + 0.06,
                _SYMBOLS[self.name][gate],
                ha="center",
                va="bottom",
                fontsize=10,
                color=_COLORS[self.name][gate],
            )

    def row(self, tensor: str, rows: int, units: int) -> dict[tuple[str, str, str], Rectangle]:
        """Draw one block of `rows` x `units` per gate of `tensor`, keyed (layer, tensor, gate)."""
        grid = (units, rows) if max(units, rows) <= ELIDE_ABOVE else None
        drawn = {}
        for k, gate in enumerate(self.gates):
            xy = (self.x(k), self.tops[tensor] - _drawn(rows))
            color = _COLORS[self.name][gate]
            drawn[self.name, tensor, gate] = _block(
                self.ax, self.th, xy, (self.block_w, _drawn(rows)), color, cells=grid
            )
        return drawn

    def shape_label(self, row: TensorParams, height: float) -> Text:
        """Write the shape of the tensor of `row` under its blocks, which are `height` high."""
        return self.ax.text(
            self.center,
            self.tops[row.name] - height - 0.1,
            str(row.shape),
            ha="center",
            va="top",
            fontsize=8.5,
            color=self.th.muted,
        )

    def count(
        self, breakdown: ParamBreakdown, total: int, input_dim: int, units: int, y: float
    ) -> Text:
        """Write the layer's count as its formula, blocks · units · (input_dim + units + rows)."""
        bias_rows = sum(_rows(row) for row in breakdown if row.name == "bias")
        blocks = len(self.gates)
        formula = f"{blocks}\u00b7{units}\u00b7({input_dim}+{units}+{bias_rows})"
        return self.ax.text(
            self.center,
            y + 0.25,
            f"{formula}\n= {count(self.language, total)}",
            ha="center",
            va="top",
            fontsize=9.5,
            fontweight="bold",
            color=self.th.ink,
        )


def _block(
    ax: Axes,
    th: Theme,
    xy: tuple[float, float],
    size: tuple[float, float],
    color: str,
    *,
    cells: tuple[int, int] | None,
) -> Rectangle:
    """Draw one gate block; with `cells` (columns, rows), also the lines between its cells."""
    width, height = size
    rect = Rectangle(
        xy, width, height, facecolor=th.tint(color, 0.45), edgecolor=color, linewidth=1.4, zorder=2
    )
    ax.add_patch(rect)
    x0, y0 = xy
    if cells is None:
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
    lines = {"color": th.page, "linewidth": 0.6, "zorder": 2.5}
    columns, rows = cells
    for k in range(1, columns):
        ax.plot([x0 + k * width / columns] * 2, [y0, y0 + height], **lines)
    for k in range(1, rows):
        ax.plot([x0, x0 + width], [y0 + k * height / rows] * 2, **lines)
    return rect


def _alt_text(
    input_dim: int,
    units: int,
    breakdowns: dict[str, ParamBreakdown],
    totals: dict[str, int],
    reset_after: bool,
    language: str,
) -> str:
    """Describe the diagram in words, with every shape and count."""
    parts = []
    for name, breakdown in breakdowns.items():
        parts.append(
            translated(
                language,
                "{layer}: {shapes}, blocks {gates}, {total} parameters",
                layer=_TITLES[name],
                shapes=", ".join(f"{row.name} {row.shape}" for row in breakdown),
                gates=", ".join(LAYER_BLOCKS[name]),
                total=count(language, totals[name]),
            )
        )
    described = translated(
        language,
        "Block diagram of the weights of three Keras layers with units={units} on inputs of"
        " input_dim={input_dim}, side by side: {parts}. Every block is {units} columns wide,"
        " one per gate; the GRU has reset_after={reset_after}",
        units=units,
        input_dim=input_dim,
        parts=translated(language, "; ").join(parts),
        reset_after=reset_after,
    )
    if not reset_after:
        return described + "."
    return described + translated(language, ", so its bias has two rows (input and recurrent).")
