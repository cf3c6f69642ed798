"""Diagram of the names of an LSTM: one layer at one time step, with one memory block per unit.

The big box is the whole layer at one time step: one call of ``keras.layers.LSTMCell``, and the
box "A" of Olah's diagram (2015). Inside it, every unit is a memory block of one cell in the
sense of Gers, Schmidhuber and Cummins (2000): one scalar cell state ``c[j]`` (Hochreiter and
Schmidhuber's memory cell, 1997) with its own input, forget and output gates ``i[j]``, ``f[j]``,
``o[j]``. Every block reads the whole of ``x_t`` and ``h_t-1``, and gives one number ``h[j]`` of
the output. Given a step of the reference, each block shows its own unit's values.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from matplotlib.patches import FancyBboxPatch, Rectangle

from lstm_explained.figures.diagrams import check_drawn_size, diagram_axes, draw_title, draw_wire
from lstm_explained.figures.style import GATE_COLORS, STATE_COLORS, Theme, themed
from lstm_explained.figures.texts import check_language, translated
from lstm_explained.reference.cell import StepResult

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text

__all__ = ["ELIDE_BLOCKS_ABOVE", "MemoryBlock", "VocabularyDiagram", "vocabulary_diagram"]

#: Layers with more units than this are drawn as their first and last blocks around an ellipsis.
ELIDE_BLOCKS_ABOVE = 5
_KEEP = (3, 1)  # blocks kept before and after the ellipsis
_GATES = ("i", "f", "o")  # the gates drawn in a block (the candidate is the cell's input)
_BW, _BH, _GAP, _X0 = 2.7, 2.7, 0.45, 0.9  # block width and height, gap, left edge of block 0
_Y_BUS, _Y_BLOCK, _Y_H, _Y_TOP = 1.25, 1.75, 6.1, 7.45  # bus, blocks, outputs, title
_SCALE = 0.426  # inches per data unit: the same type size whatever the number of blocks
_SQ, _SLOT = 0.7, 0.42  # side of a gate or cell square, and of an output slot


@dataclass(frozen=True)
class MemoryBlock:
    """What :func:`vocabulary_diagram` drew for one unit.

    Attributes
    ----------
    unit : int
        Index of the unit (0-based, as in ``h[:, unit]``).
    box : FancyBboxPatch
        The memory block.
    gates : dict of str to Rectangle
        The unit's own gates, keyed ``"i"``, ``"f"``, ``"o"``.
    cell : Rectangle
        The memory cell: the scalar cell state ``c[unit]``.
    output : Rectangle
        The unit's component ``h[unit]`` of the output.
    values : dict of str to float
        The values written in the block, keyed ``"i"``, ``"f"``, ``"o"``, ``"c"`` (empty
        without `step`).
    """

    unit: int
    box: FancyBboxPatch
    gates: dict[str, Rectangle]
    cell: Rectangle
    output: Rectangle
    values: dict[str, float]


@dataclass(frozen=True)
class VocabularyDiagram:
    """What :func:`vocabulary_diagram` drew.

    Attributes
    ----------
    figure, ax : Figure, Axes
    layer_box : FancyBboxPatch
        The whole layer at one time step (one ``LSTMCell`` call, Olah's box A).
    blocks : tuple of MemoryBlock
        One memory block per drawn unit, in unit order (every unit unless elided).
    names : dict of str to Text
        The labels that name the parts: ``"units"``, ``"memory cell"``, ``"memory block"``,
        ``"box A"``, ``"output"``.
    title : Text
    alt : str
    """

    figure: Figure
    ax: Axes
    layer_box: FancyBboxPatch
    blocks: tuple[MemoryBlock, ...]
    names: dict[str, Text]
    title: Text
    alt: str


def vocabulary_diagram(
    units: int,
    *,
    step: StepResult | None = None,
    theme: str = "light",
    language: str = "en",
    ax: Axes | None = None,
) -> VocabularyDiagram:
    """Draw one LSTM layer at one time step as `units` memory blocks, and name every part.

    Parameters
    ----------
    units : int
        Number of units: the number of memory blocks drawn (elided above
        ``ELIDE_BLOCKS_ABOVE``).
    step : StepResult, optional
        One step of a single sequence (:func:`~lstm_explained.reference.cell.lstm_step` with
        batch 1): its ``i``, ``f``, ``o`` and ``c``, each of shape (1, units), are written in
        the blocks, each unit's values in its own block.
    theme : {"light", "dark"}
    language : {"en", "fr"}
        Language of the figure's text and alt text (math and identifiers stay as they are).
    ax : Axes, optional
        Axes to draw on; a new figure is made when omitted (7.2 inches wide for 3 units).

    Raises
    ------
    TypeError
        If `units` is not an integer, or `step` is not a ``StepResult``.
    ValueError
        If `units` is outside ``[1, MAX_SIZE]``, a gate of `step` does not have shape
        (1, units), or `theme` or `language` is unknown.

    Examples
    --------
    >>> d = vocabulary_diagram(3)
    >>> [block.unit for block in d.blocks]  # one memory block per unit
    [0, 1, 2]
    >>> sorted(d.blocks[0].gates)  # each with its own gates
    ['f', 'i', 'o']
    """
    units = check_drawn_size("units", units)
    values = _checked_values(step, units)
    language = check_language(language)
    shown = _drawn_units(units)
    jumps = [k for k in range(1, len(shown)) if shown[k] != shown[k - 1] + 1]
    gap = jumps[0] if jumps else None  # the ellipsis comes before this block
    xs = [
        _X0 + k * (_BW + _GAP) + (gap is not None and k >= gap) * _BW / 2
        for k in range(len(shown))
    ]
    right = max(xs[-1] + _BW + 0.5, 8.7)  # right edge of the layer box, wide enough for text
    xlim, ylim = (-0.2, right + 6.3), (0.0, _Y_TOP + 0.1)
    with themed(theme) as th:
        ax = diagram_axes(ax, _SCALE * (xlim[1] - xlim[0]), _SCALE * ylim[1], xlim, ylim)
        layer_box = _draw_layer_box(ax, th, right, language)
        blocks = tuple(
            _draw_block(ax, th, j, x, values, language) for j, x in zip(shown, xs, strict=True)
        )
        if gap is not None:
            _text(ax, (xs[gap] - _GAP / 2 - _BW / 4, _Y_BLOCK + _BH / 2), "\u22ef", th.ink, 20)
        names = _draw_names(ax, th, units, blocks, right, language)
        heading = translated(
            language, "LSTM(units={units}) at one time step: the names of its parts", units=units
        )
        title = draw_title(ax, (sum(xlim) / 2, _Y_TOP), heading, th)
    alt = _alt_text(units, language)
    return VocabularyDiagram(ax.figure, ax, layer_box, blocks, names, title, alt)


def _drawn_units(units: int) -> list[int]:
    """The units whose memory block is drawn: all of them, or both ends around an ellipsis."""
    if units <= ELIDE_BLOCKS_ABOVE:
        return list(range(units))
    head, tail = _KEEP
    return [*range(head), *range(units - tail, units)]


def _checked_values(step: StepResult | None, units: int) -> dict[str, list[float]]:
    """The values of i, f, o and c of each unit in `step` (empty without a step)."""
    if step is None:
        return {}
    if not isinstance(step, StepResult):
        raise TypeError(f"step must be a StepResult (from lstm_step), got {type(step).__name__}")
    values = {}
    for name in (*_GATES, "c"):
        array = getattr(step, name)
        if array.shape != (1, units):
            raise ValueError(f"step.{name} has shape {array.shape}; expected (1, units={units})")
        values[name] = [float(v) for v in array[0]]
    return values


def _text(ax: Axes, xy, text: str, color: str, size: float = 8.5, **kw) -> Text:
    """Write `text` at `xy` (centred unless `kw` says otherwise) in `color` and `size` points."""
    return ax.text(*xy, text, color=color, fontsize=size, **{"ha": "center", "va": "center", **kw})


def _box(ax: Axes, xy, width: float, height: float, **style) -> FancyBboxPatch:
    """Draw a rounded box with its lower left corner at `xy`."""
    box = FancyBboxPatch(xy, width, height, boxstyle="round,pad=0,rounding_size=0.18", **style)
    ax.add_patch(box)
    return box


def _square(ax: Axes, center, side: float, color: str, th: Theme, fill: float = 0.4) -> Rectangle:
    """Draw a square of `side` centred on `center`, filled with `color` tinted by `fill`."""
    x, y = center[0] - side / 2, center[1] - side / 2
    square = Rectangle((x, y), side, side, facecolor=th.tint(color, fill), edgecolor=color, lw=1.4)
    ax.add_patch(square)
    return square


def _draw_layer_box(ax: Axes, th: Theme, right: float, language: str) -> FancyBboxPatch:
    """Draw the box that holds every block, the layer at one time step, and the input bus."""
    box = _box(ax, (0.35, 0.75), right - 0.35, 4.85, facecolor=th.tint(th.ink, 0.06),
               edgecolor=th.ink, linewidth=1.6, zorder=0)  # fmt: skip
    draw_wire(ax, [(0.55, _Y_BUS), (right - 0.2, _Y_BUS)], color=th.ink, arrow=False)
    reads = translated(language, r"every block reads all of $x_t$ and $h_{t-1}$")
    _text(ax, (0.55, _Y_BUS - 0.12), reads, th.muted, ha="left", va="top")
    return box


def _draw_block(ax: Axes, th: Theme, j: int, x: float, values: dict, language: str) -> MemoryBlock:
    """Draw the memory block of unit `j` with its left edge at `x`; return what it drew."""
    drawn = {name: column[j] for name, column in values.items()}
    box = _box(ax, (x, _Y_BLOCK), _BW, _BH, facecolor=th.page, edgecolor=th.muted, lw=1.2,
               linestyle="--", zorder=1)  # fmt: skip
    _text(ax, (x + 0.12, _Y_BLOCK + _BH - 0.1), translated(language, "unit {j}", j=j), th.ink,
          ha="left", va="top", fontweight="bold")  # fmt: skip
    middle, cell_y = x + _BW / 2, _Y_BLOCK + 0.55
    gates = {}
    for k, gate in enumerate(_GATES):
        center = (x + 0.5 + k * 0.85, _Y_BLOCK + 1.5)
        gates[gate] = _square(ax, center, _SQ, GATE_COLORS[gate], th)
        _text(ax, (center[0], center[1] + _SQ / 2 + 0.06), f"${gate}[{j}]$", th.ink, va="bottom")
        if gate in drawn:
            _text(ax, center, f"{drawn[gate]:.2f}", th.ink, 6.5)
        draw_wire(ax, [(center[0], center[1] - _SQ / 2), (middle, cell_y + _SQ / 2)],
                  color=th.muted, arrow=False, width=0.9)  # fmt: skip
    cell = _square(ax, (middle, cell_y), _SQ, STATE_COLORS["c"], th)
    _text(ax, (middle - _SQ / 2 - 0.1, cell_y), f"$c[{j}]$", th.ink, ha="right")
    if "c" in drawn:
        _text(ax, (middle, cell_y), f"{drawn['c']:.2f}", th.ink, 6.5)
    output = _square(ax, (middle, _Y_H), _SLOT, STATE_COLORS["h"], th, fill=1.0)
    draw_wire(ax, [(middle, _Y_BUS), (middle, _Y_BLOCK)], color=th.ink)
    draw_wire(ax, [(middle, _Y_BLOCK + _BH), (middle, _Y_H - _SLOT / 2)], color=th.ink)
    _text(ax, (middle + _SLOT / 2 + 0.08, _Y_H), f"$h[{j}]$", th.ink, ha="left")
    return MemoryBlock(j, box, gates, cell, output, drawn)


def _draw_names(
    ax: Axes, th: Theme, units: int, blocks, right: float, language: str
) -> dict[str, Text]:
    """Name the parts: the layer box, a block, a cell, the output and the count of units."""
    last, x_text = blocks[-1], right + 0.35
    notes = {  # name: (the point the leader line reaches, the note, the note's height)
        "box A": ((right, 5.1), "the whole layer at one time step\n= one LSTMCell call"
                  "\n= Olah's box A", 4.85),
        "memory block": ((last.box.get_x() + _BW, _Y_BLOCK + _BH - 0.35),
                         "memory block (Gers et al. 2000):\none cell and its own gates", 3.45),
        "memory cell": ((last.cell.get_x() + _SQ, _Y_BLOCK + 0.4),
                        "memory cell (Hochreiter and\nSchmidhuber 1997): one number", 2.0),
    }  # fmt: skip
    line = {"arrowstyle": "-", "color": th.muted, "lw": 0.9, "shrinkA": 2, "shrinkB": 0}
    names = {}
    for key, (target, note, y) in notes.items():
        names[key] = ax.annotate(translated(language, note), target, xytext=(x_text, y),
                                 ha="left", va="center", fontsize=8.5, color=th.ink,
                                 arrowprops=line)  # fmt: skip
    per_step = translated(language, "$h_t$: {units} number{s} per step,\none per unit",
                          units=units, s="s" * (units > 1))  # fmt: skip
    names["output"] = _text(ax, (x_text, _Y_H), per_step, th.ink, ha="left")
    count = translated(
        language,
        "units = num_units (TF 1) = hidden_size (PyTorch) = {units}: one block per unit",
        units=units,
    )
    names["units"] = _text(ax, (0.35, 0.4), count, th.ink, 9, ha="left", fontweight="bold")
    return names


def _alt_text(units: int, language: str) -> str:
    """Describe the vocabulary diagram in words, with its count of units."""
    return translated(
        language,
        "Diagram of one LSTM layer with units={units} at one time step. A large box, the whole"
        " layer at one step (one keras.layers.LSTMCell call, box A of Olah's diagram), holds"
        " {units} memory blocks, one per unit. Each block holds one memory cell, a single number"
        " c[j], and its own input, forget and output gates i[j], f[j], o[j]; every block reads"
        " all of x_t and h_t-1 and gives one number h[j] of the output. units, num_units (TF 1)"
        " and hidden_size (PyTorch) all name this count: {units}.",
        units=units,
    )
