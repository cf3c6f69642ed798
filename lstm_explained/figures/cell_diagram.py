"""Diagram of one LSTM cell at one time step, every vector drawn as a stack of its components.

``highlight`` emphasises one gate or the cell-state path and dims the rest, so that a page can
walk through the gates one at a time with the same picture.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from matplotlib.patches import FancyBboxPatch

from lstm_explained.figures.diagrams import (
    VectorArtists,
    check_drawn_size,
    diagram_axes,
    draw_node,
    draw_title,
    draw_vector,
    draw_wire,
    stack_height,
)
from lstm_explained.figures.style import GATE_COLORS, GATE_NAMES, STATE_COLORS, Theme, themed
from lstm_explained.figures.texts import check_language, translated
from lstm_explained.reference.validation import check_choice

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text

__all__ = ["HIGHLIGHTS", "CellDiagram", "cell_diagram"]

#: Accepted values of ``highlight``: a gate name, the cell-state path, or None for no emphasis.
HIGHLIGHTS = (None, "i", "f", "c", "o", "cell_state")
_GATE_X = {"f": 4.7, "i": 6.95, "c": 9.2, "o": 11.45}  # drawn in the order of the c line
_GATE_LABEL = {"i": "$i_t$", "f": "$f_t$", "c": r"$\tilde{c}_t$", "o": "$o_t$"}
_ACT = {"i": "\u03c3", "f": "\u03c3", "c": "tanh", "o": "\u03c3"}
_Y_C, _Y_H, _Y_X, _Y_BUS, _GATE_TOP = 8.5, 5.0, 2.0, 0.95, 6.75
_X_IN, _X_OUT, _X_TANH, _X_ADD = 2.1, 14.9, 13.3, 8.075
_Y_MUL, _NODE_R = _Y_C - 0.95, 0.22  # the i x c_tilde node, and the radius of a node
_TITLES = {
    None: (
        "One LSTM cell at one time step",
        r"$c_t = f_t \odot c_{t-1} + i_t \odot \tilde{c}_t \qquad h_t = o_t \odot \tanh(c_t)$",
    ),
    "i": (
        "Input gate i: how much of the candidate to write into c",
        r"$i_t = \sigma(x_t W_i + h_{t-1} U_i + b_i)$",
    ),
    "f": (
        "Forget gate f: how much of each component of c to keep",
        r"$f_t = \sigma(x_t W_f + h_{t-1} U_f + b_f)$",
    ),
    "c": (
        "Candidate c\u0303: new values proposed for the cell state",
        r"$\tilde{c}_t = \tanh(x_t W_c + h_{t-1} U_c + b_c)$",
    ),
    "o": (
        "Output gate o: how much of tanh(c) becomes h",
        r"$o_t = \sigma(x_t W_o + h_{t-1} U_o + b_o) \qquad h_t = o_t \odot \tanh(c_t)$",
    ),
    "cell_state": (
        "Cell state path: c is carried forward, scaled by f, added to by i",
        r"$c_t = f_t \odot c_{t-1} + i_t \odot \tilde{c}_t$",
    ),
}
_EVERY = frozenset(name for name in HIGHLIGHTS if name is not None)


@dataclass(frozen=True)
class CellDiagram:
    """What :func:`cell_diagram` drew.

    Attributes
    ----------
    figure, ax : Figure, Axes
    vectors : dict of str to VectorArtists
        ``x_t``, ``h_prev``, ``c_prev``, ``i``, ``f``, ``c_tilde``, ``o``, ``c``, ``h``.
    gate_boxes : dict of str to FancyBboxPatch
        One box per gate, keyed ``i``, ``f``, ``c``, ``o``.
    title : Text
    highlight : str or None
    emphasised, dimmed : tuple of Artist
        The artists drawn at full opacity and the dimmed ones (empty without `highlight`).
    alt : str
        Alt text stating what the figure shows, with its sizes.
    """

    figure: Figure
    ax: Axes
    vectors: dict[str, VectorArtists]
    gate_boxes: dict[str, FancyBboxPatch]
    title: Text
    highlight: str | None
    emphasised: tuple[Artist, ...]
    dimmed: tuple[Artist, ...]
    alt: str


class _Canvas:
    """Draws on `ax` and remembers which highlights each artist belongs to."""

    def __init__(self, ax: Axes, theme: Theme, language: str) -> None:
        self.ax, self.theme, self.language, self.parts = ax, theme, language, []

    def tag(self, artists, roles) -> None:
        """Remember that `artists` belong to the highlights in `roles`."""
        self.parts.extend((artist, frozenset(roles)) for artist in artists)

    def wire(self, points, roles, *, arrow=True) -> None:
        """Draw a wire in the ink colour (see ``draw_wire``) and tag it with `roles`."""
        self.tag(draw_wire(self.ax, points, color=self.theme.ink, arrow=arrow), roles)

    def vector(self, name, size, center, color, label, side, roles) -> VectorArtists:
        """Draw a vector (see ``draw_vector``), tag its artists with `roles` and return it."""
        drawn = draw_vector(
            self.ax,
            name,
            size,
            center,
            color=color,
            theme=self.theme,
            label=label,
            label_side=side,
        )
        self.tag(drawn.artists, roles)
        return drawn

    def node(self, center, symbol, roles) -> None:
        """Draw an operation node (see ``draw_node``) and tag it with `roles`."""
        self.tag(draw_node(self.ax, center, symbol, theme=self.theme), roles)


def cell_diagram(
    units: int,
    input_dim: int,
    *,
    highlight: str | None = None,
    theme: str = "light",
    language: str = "en",
    ax: Axes | None = None,
) -> CellDiagram:
    """Draw one LSTM cell at one time step, each vector as a stack of its components.

    Parameters
    ----------
    units : int
        Size of h, c and of each gate's output (drawn as `units` slots; elided above
        ``ELIDE_ABOVE``).
    input_dim : int
        Size of x_t.
    highlight : {None, "i", "f", "c", "o", "cell_state"}
        Gate or path to emphasise; the rest is dimmed.
    theme : {"light", "dark"}
    language : {"en", "fr"}
        Language of the figure's text and alt text (math and identifiers stay as they are).
    ax : Axes, optional
        Axes to draw on; a new 7.2 x 4.53 inch figure is made when omitted.

    Raises
    ------
    TypeError
        If `units` or `input_dim` is not an integer.
    ValueError
        If `units` or `input_dim` is outside ``[1, MAX_SIZE]``, or `highlight`, `theme` or
        `language` is unknown.

    Examples
    --------
    >>> d = cell_diagram(4, 3, highlight="f")
    >>> len(d.vectors["h"].slots), len(d.vectors["x_t"].slots)
    (4, 3)
    >>> d.gate_boxes["f"] in d.emphasised and d.gate_boxes["i"] in d.dimmed
    True
    """
    units, input_dim = check_drawn_size("units", units), check_drawn_size("input_dim", input_dim)
    highlight = check_choice("highlight", highlight, HIGHLIGHTS)
    language = check_language(language)
    with themed(theme) as th:
        ax = diagram_axes(ax, 7.2, 4.53, (-0.7, 16.8), (-0.1, 10.9))
        canvas = _Canvas(ax, th, language)
        vectors = _draw_states(canvas, units, input_dim)
        boxes = _draw_gates(canvas, units, vectors)
        _draw_paths(canvas)
        title = _draw_title(canvas, highlight)
        emphasised, dimmed = _apply_highlight(canvas.parts, highlight, th.dim_alpha)
    alt = _alt_text(units, input_dim, highlight, language)
    return CellDiagram(ax.figure, ax, vectors, boxes, title, highlight, emphasised, dimmed, alt)


def _draw_states(canvas: _Canvas, units: int, input_dim: int) -> dict[str, VectorArtists]:
    """Draw the inputs x_t, h_prev, c_prev and the outputs h, c."""
    gates = {"i", "f", "c", "o"}
    specs = [
        ("c_prev", units, (_X_IN, _Y_C), "c", r"$c_{t-1}$", "left", {"cell_state", "f"}),
        ("h_prev", units, (_X_IN, _Y_H), "h", r"$h_{t-1}$", "left", gates),
        ("x_t", input_dim, (_X_IN, _Y_X), "x", r"$x_t$", "left", gates),
        ("c", units, (_X_OUT, _Y_C), "c", r"$c_t$", "right", {"cell_state", "o"}),
        ("h", units, (_X_OUT, _Y_H), "h", r"$h_t$", "right", {"o"}),
    ]
    vectors = {}
    for name, size, center, kind, symbol, side, roles in specs:
        dim = "input_dim" if name == "x_t" else "units"
        label = f"{symbol}\n({dim}={size})"
        vectors[name] = canvas.vector(name, size, center, STATE_COLORS[kind], label, side, roles)
    return vectors


def _draw_gates(canvas: _Canvas, units: int, vectors: dict) -> dict[str, FancyBboxPatch]:
    """Draw the four gate boxes, each holding its output vector of `units` slots."""
    inner = stack_height(units)
    height = inner + 1.45
    boxes = {}
    for gate, x in _GATE_X.items():
        box = _gate_box(canvas, gate, x, height)
        name, act = _gate_caption(canvas, gate, x)
        center = (x, _GATE_TOP - 0.95 - inner / 2)
        key = "c_tilde" if gate == "c" else gate
        vectors[key] = canvas.vector(
            key, units, center, GATE_COLORS[gate], f"units={units}", "below", {gate}
        )
        canvas.tag([box, name, act], {gate})
        boxes[gate] = box
        bottom = _GATE_TOP - height
        canvas.wire([(x, _Y_BUS), (x, bottom)], {"i", "f", "c", "o"})
    return boxes


def _gate_box(canvas: _Canvas, gate: str, x: float, height: float) -> FancyBboxPatch:
    """Draw the rounded box of `gate` centred on `x`, hanging `height` down from the gate top."""
    box = FancyBboxPatch(
        (x - 1.0, _GATE_TOP - height),
        2.0,
        height,
        boxstyle="round,pad=0,rounding_size=0.15",
        linewidth=1.6,
        facecolor=canvas.theme.tint(GATE_COLORS[gate], 0.16),
        edgecolor=GATE_COLORS[gate],
        zorder=1,
    )
    canvas.ax.add_patch(box)
    return box


def _gate_caption(canvas: _Canvas, gate: str, x: float) -> tuple[Text, Text]:
    """Write the name of `gate` and, under it, its activation at the top of its box."""
    ax, th = canvas.ax, canvas.theme
    name = ax.text(
        x,
        _GATE_TOP - 0.12,
        f"{_GATE_LABEL[gate]} {translated(canvas.language, GATE_NAMES[gate].split()[0])}",
        ha="center",
        va="top",
        fontsize=8.5,
        color=th.ink,
        zorder=3,
    )
    act = ax.text(
        x,
        _GATE_TOP - 0.52,
        _ACT[gate],
        ha="center",
        va="top",
        fontsize=8.5,
        color=th.muted,
        zorder=3,
    )
    return name, act


def _draw_paths(canvas: _Canvas) -> None:
    """Draw the input bus, the cell-state line, the gate outputs and the operation nodes."""
    edge = _X_IN + 0.15
    _draw_bus(canvas, edge)
    _draw_cell_line(canvas, edge)
    _draw_nodes(canvas)


def _draw_bus(canvas: _Canvas, edge: float) -> None:
    """Draw the bus that carries x_t and h_prev to every gate, with its caption."""
    ink, gates = canvas.theme.ink, {"i", "f", "c", "o"}
    x_bus = 3.35
    canvas.wire(
        [(edge, _Y_H), (x_bus, _Y_H), (x_bus, _Y_BUS), (_GATE_X["o"], _Y_BUS)], gates, arrow=False
    )
    canvas.wire([(edge, _Y_X), (x_bus, _Y_X)], gates, arrow=False)
    canvas.tag(canvas.ax.plot([x_bus], [_Y_X], "o", color=ink, markersize=4), gates)
    bus_text = canvas.ax.text(
        (x_bus + _GATE_X["o"]) / 2,
        _Y_BUS - 0.22,
        translated(
            canvas.language,
            r"every gate reads $x_t$ (through kernel $W$) and $h_{t-1}$"
            r" (through recurrent_kernel $U$)",
        ),
        ha="center",
        va="top",
        fontsize=8.5,
        color=canvas.theme.muted,
    )
    canvas.tag([bus_text], gates)


def _draw_cell_line(canvas: _Canvas, edge: float) -> None:
    """Draw the cell-state line from c_prev to c, the gate outputs into it, and the h path."""
    r, cell = _NODE_R, {"cell_state"}
    fx, ix, cx, ox = (_GATE_X[g] for g in "fico")
    canvas.wire([(edge, _Y_C), (fx - r, _Y_C)], cell | {"f"})
    canvas.wire([(fx + r, _Y_C), (_X_ADD - r, _Y_C)], cell)
    canvas.wire([(_X_ADD + r, _Y_C), (_X_OUT - 0.15, _Y_C)], cell)
    canvas.wire([(fx, _GATE_TOP), (fx, _Y_C - r)], {"f"})
    canvas.wire([(ix, _GATE_TOP), (ix, _Y_MUL), (_X_ADD - r, _Y_MUL)], {"i"})
    canvas.wire([(cx, _GATE_TOP), (cx, _Y_MUL), (_X_ADD + r, _Y_MUL)], {"c"})
    canvas.wire([(_X_ADD, _Y_MUL + r), (_X_ADD, _Y_C - r)], {"i", "c", "cell_state"})
    canvas.wire([(_X_TANH, _Y_C), (_X_TANH, 7.0 + r)], {"o"})
    canvas.wire([(_X_TANH, 7.0 - r), (_X_TANH, _Y_H + r)], {"o"})
    canvas.wire([(ox + 1.0, _Y_H), (_X_TANH - r, _Y_H)], {"o"})
    canvas.wire([(_X_TANH + r, _Y_H), (_X_OUT - 0.15, _Y_H)], {"o"})


def _draw_nodes(canvas: _Canvas) -> None:
    """Draw the operation nodes: f x c_prev, i x c_tilde, their sum, tanh(c) and o x tanh(c)."""
    fx = _GATE_X["f"]
    canvas.node((fx, _Y_C), "\u00d7", {"f", "cell_state"})
    canvas.node((_X_ADD, _Y_C), "+", {"i", "c", "cell_state"})
    canvas.node((_X_ADD, _Y_MUL), "\u00d7", {"i", "c"})
    canvas.node((_X_TANH, 7.0), "tanh", {"o"})
    canvas.node((_X_TANH, _Y_H), "\u00d7", {"o"})


def _draw_title(canvas: _Canvas, highlight: str | None) -> Text:
    """Write the heading and the equation of `highlight` at the top; return the heading."""
    ax, th = canvas.ax, canvas.theme
    heading, equation = _TITLES[highlight]
    title = draw_title(ax, (8.3, 10.75), translated(canvas.language, heading), th)
    sub = ax.text(8.3, 10.05, equation, ha="center", va="top", fontsize=10.5, color=th.ink)
    canvas.tag([title, sub], _EVERY)
    return title


def _apply_highlight(parts, highlight, dim_alpha):
    """Dim every artist whose roles exclude `highlight`; return (emphasised, dimmed)."""
    if highlight is None:
        return tuple(artist for artist, _ in parts), ()
    emphasised, dimmed = [], []
    for artist, roles in parts:
        if highlight in roles:
            emphasised.append(artist)
        else:
            artist.set_alpha(dim_alpha)
            dimmed.append(artist)
    return tuple(emphasised), tuple(dimmed)


def _alt_text(units: int, input_dim: int, highlight: str | None, language: str) -> str:
    """Describe the cell diagram in words, with its sizes, in `language`."""
    described = translated(
        language,
        "Diagram of one LSTM cell at one time step. The input x_t has {input_dim} components"
        " (input_dim={input_dim}); the previous hidden state h_t-1 and cell state c_t-1, the"
        " outputs of the three gates and of the candidate (input gate i, forget gate f,"
        " candidate c~, output gate o) and the new h_t and c_t each have {units} components"
        " (units={units}). The gates and the candidate all read x_t and h_t-1. The"
        " cell state runs along the top: c_t = f * c_t-1 + i * c~, and h_t = o * tanh(c_t).",
        input_dim=input_dim,
        units=units,
        input_s="s" * (input_dim > 1),  # French plurals
        units_s="s" * (units > 1),
    )
    if highlight == "cell_state":
        emphasis = " The cell-state path is emphasised; the rest is dimmed."
    elif highlight is not None:
        emphasis = f" The {GATE_NAMES[highlight]} is emphasised; the rest is dimmed."
    else:
        return described
    return described + translated(language, emphasis)  # one translated sentence per highlight
