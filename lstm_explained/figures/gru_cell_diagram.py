"""Diagram of one GRU cell at one time step, every vector drawn as a stack of its components.

The GRU counterpart of :mod:`lstm_explained.figures.cell_diagram`, drawn as Keras's ``GRUCell``
computes (:mod:`lstm_explained.reference.gru`): three blocks z, r, h of ``units`` each, one state
``h`` along the top, ``h_t = z * h_t-1 + (1 - z) * h_tilde``. ``reset_after`` only changes where
the reset gate acts, which the title's equation states.
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
from lstm_explained.figures.style import GRU_GATE_COLORS, GRU_GATE_NAMES, STATE_COLORS, themed
from lstm_explained.figures.texts import check_language, translated
from lstm_explained.reference.validation import check_flag

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text

    from lstm_explained.figures.style import Theme

__all__ = ["GRUCellDiagram", "gru_cell_diagram"]

_GATE_X = {"z": 4.7, "r": 7.2, "h": 9.7}  # Keras's order z, r, h, left to right
_GATE_LABEL = {"z": "$z_t$", "r": "$r_t$", "h": r"$\tilde{h}_t$"}
_ACT = {"z": "\u03c3", "r": "\u03c3", "h": "tanh"}
_Y_H, _Y_X, _Y_BUS, _GATE_TOP, _Y_MIX = 8.5, 3.5, 0.95, 6.75, 7.55
_X_IN, _X_OUT, _X_BUS, _X_ONE_MINUS, _X_MIX = 2.1, 14.9, 3.35, 5.95, 11.7
_NODE_R, _PILL_HALF = 0.22, 0.32  # radius of a round node, half width of the "1-" pill
_CANDIDATE = {
    True: r"$\tilde{h}_t = \tanh(x_t W_h + b^{\mathrm{in}}_h"
    r" + r_t \odot (h_{t-1} U_h + b^{\mathrm{rec}}_h))$",
    False: r"$\tilde{h}_t = \tanh(x_t W_h + (r_t \odot h_{t-1})\, U_h + b_h)$",
}


@dataclass(frozen=True)
class GRUCellDiagram:
    """What :func:`gru_cell_diagram` drew.

    Attributes
    ----------
    figure, ax : Figure, Axes
    vectors : dict of str to VectorArtists
        ``x_t``, ``h_prev``, ``z``, ``r``, ``h_tilde``, ``h``.
    gate_boxes : dict of str to FancyBboxPatch
        One box per block, keyed ``z``, ``r``, ``h`` (Keras's order).
    title : Text
    equations : tuple of Text
        The state update and the candidate's equation (which depends on `reset_after`).
    reset_after : bool
    alt : str
        Alt text stating what the figure shows, with its sizes.
    """

    figure: Figure
    ax: Axes
    vectors: dict[str, VectorArtists]
    gate_boxes: dict[str, FancyBboxPatch]
    title: Text
    equations: tuple[Text, ...]
    reset_after: bool
    alt: str


def gru_cell_diagram(
    units: int,
    input_dim: int,
    *,
    reset_after: bool = True,
    theme: str = "light",
    language: str = "en",
    ax: Axes | None = None,
) -> GRUCellDiagram:
    """Draw one GRU cell at one time step, each vector as a stack of its components.

    Parameters
    ----------
    units : int
        Size of h and of each block's output (drawn as `units` slots; elided above
        ``ELIDE_ABOVE``).
    input_dim : int
        Size of x_t.
    reset_after : bool
        Keras's GRU option (default True): the reset gate scales the recurrent part after the
        matrix product, recurrent bias included; with False it scales h_t-1 before it.
    theme : {"light", "dark"}
    language : {"en", "fr"}
        Language of the figure's text and alt text (math and identifiers stay as they are).
    ax : Axes, optional
        Axes to draw on; a new 7.2 x 4.81 inch figure is made when omitted.

    Raises
    ------
    TypeError
        If `units` or `input_dim` is not an integer, or `reset_after` is not a bool.
    ValueError
        If `units` or `input_dim` is outside ``[1, MAX_SIZE]``, or `theme` or `language` is
        unknown.

    Examples
    --------
    >>> d = gru_cell_diagram(4, 3)
    >>> len(d.vectors["h"].slots), len(d.vectors["x_t"].slots), sorted(d.gate_boxes)
    (4, 3, ['h', 'r', 'z'])
    >>> "c_t" in d.alt  # one state: no cell state
    False
    """
    units, input_dim = check_drawn_size("units", units), check_drawn_size("input_dim", input_dim)
    reset_after = check_flag("reset_after", reset_after)
    language = check_language(language)
    with themed(theme) as th:
        ax = diagram_axes(ax, 7.2, 4.81, (-0.7, 16.8), (-0.1, 11.6))
        vectors = _draw_states(ax, th, units, input_dim)
        boxes = _draw_gates(ax, th, units, vectors, language)
        _draw_paths(ax, th, boxes, language)
        title, equations = _draw_title(ax, th, reset_after, language)
    alt = _alt_text(units, input_dim, reset_after, language)
    return GRUCellDiagram(ax.figure, ax, vectors, boxes, title, equations, reset_after, alt)


def _draw_states(ax: Axes, th: Theme, units: int, input_dim: int) -> dict[str, VectorArtists]:
    """Draw the inputs x_t and h_prev, and the new state h."""
    specs = [
        ("h_prev", units, (_X_IN, _Y_H), "h", r"$h_{t-1}$", "left"),
        ("x_t", input_dim, (_X_IN, _Y_X), "x", r"$x_t$", "left"),
        ("h", units, (_X_OUT, _Y_H), "h", r"$h_t$", "right"),
    ]
    vectors = {}
    for name, size, center, kind, symbol, side in specs:
        label = f"{symbol}\n({'input_dim' if name == 'x_t' else 'units'}={size})"
        vectors[name] = draw_vector(
            ax,
            name,
            size,
            center,
            color=STATE_COLORS[kind],
            theme=th,
            label=label,
            label_side=side,
        )
    return vectors


def _draw_gates(
    ax: Axes, th: Theme, units: int, vectors: dict[str, VectorArtists], language: str
) -> dict[str, FancyBboxPatch]:
    """Draw the three block boxes, each holding its output vector of `units` slots."""
    inner = stack_height(units)
    height = inner + 1.45
    boxes = {}
    for gate, x in _GATE_X.items():
        box = FancyBboxPatch(
            (x - 1.0, _GATE_TOP - height),
            2.0,
            height,
            boxstyle="round,pad=0,rounding_size=0.15",
            linewidth=1.6,
            facecolor=th.tint(GRU_GATE_COLORS[gate], 0.16),
            edgecolor=GRU_GATE_COLORS[gate],
            zorder=1,
        )
        ax.add_patch(box)
        name = f"{_GATE_LABEL[gate]} {translated(language, GRU_GATE_NAMES[gate].split()[0])}"
        ax.text(x, _GATE_TOP - 0.12, name, ha="center", va="top", fontsize=8.5, color=th.ink)
        ax.text(
            x, _GATE_TOP - 0.52, _ACT[gate], ha="center", va="top", fontsize=8.5, color=th.muted
        )
        key = "h_tilde" if gate == "h" else gate
        center = (x, _GATE_TOP - 0.95 - inner / 2)
        vectors[key] = draw_vector(
            ax,
            key,
            units,
            center,
            color=GRU_GATE_COLORS[gate],
            theme=th,
            label=f"units={units}",
        )
        draw_wire(ax, [(x, _Y_BUS), (x, _GATE_TOP - height)], color=th.ink)
        boxes[gate] = box
    return boxes


def _draw_paths(ax: Axes, th: Theme, boxes: dict[str, FancyBboxPatch], language: str) -> None:
    """Draw the input bus, the state line along the top, the gate outputs and the nodes."""
    ink, r, edge = th.ink, _NODE_R, _X_IN + 0.15
    zx, rx, hx = (_GATE_X[g] for g in "zrh")
    # The bus: h_t-1 and x_t reach every block from below.
    draw_wire(ax, [(_X_BUS, _Y_H), (_X_BUS, _Y_BUS), (hx, _Y_BUS)], color=ink, arrow=False)
    draw_wire(ax, [(edge, _Y_X), (_X_BUS, _Y_X)], color=ink, arrow=False)
    ax.plot([_X_BUS, _X_BUS], [_Y_H, _Y_X], "o", color=ink, markersize=4)
    ax.text(
        (_X_BUS + hx) / 2,
        _Y_BUS - 0.22,
        translated(
            language,
            r"every block reads $x_t$ (through kernel $W$) and $h_{t-1}$"
            r" (through recurrent_kernel $U$)",
        ),
        ha="center",
        va="top",
        fontsize=8.5,
        color=th.muted,
    )
    # The state line: h_t-1, scaled by z, plus (1 - z) times the candidate, is h_t.
    draw_wire(ax, [(edge, _Y_H), (zx - r, _Y_H)], color=ink)
    draw_wire(ax, [(zx + r, _Y_H), (_X_MIX - r, _Y_H)], color=ink)
    draw_wire(ax, [(_X_MIX + r, _Y_H), (_X_OUT - 0.15, _Y_H)], color=ink)
    draw_wire(ax, [(zx, _GATE_TOP), (zx, _Y_H - r)], color=ink)
    draw_wire(ax, [(zx, _Y_MIX), (_X_ONE_MINUS - _PILL_HALF, _Y_MIX)], color=ink)
    ax.plot([zx], [_Y_MIX], "o", color=ink, markersize=4)
    draw_wire(ax, [(_X_ONE_MINUS + _PILL_HALF, _Y_MIX), (_X_MIX - r, _Y_MIX)], color=ink)
    box = boxes["h"]
    middle = box.get_y() + box.get_height() / 2
    draw_wire(ax, [(hx + 1.0, middle), (_X_MIX, middle), (_X_MIX, _Y_MIX - r)], color=ink)
    draw_wire(ax, [(_X_MIX, _Y_MIX + r), (_X_MIX, _Y_H - r)], color=ink)
    # The reset gate acts inside the candidate.
    draw_wire(ax, [(rx + 1.0, middle), (hx - 1.0, middle)], color=GRU_GATE_COLORS["r"])
    for center, symbol in (
        ((zx, _Y_H), "\u00d7"),
        ((_X_MIX, _Y_H), "+"),
        ((_X_MIX, _Y_MIX), "\u00d7"),
        ((_X_ONE_MINUS, _Y_MIX), "1\u2212"),
    ):
        draw_node(ax, center, symbol, theme=th)


def _draw_title(
    ax: Axes, th: Theme, reset_after: bool, language: str
) -> tuple[Text, tuple[Text, ...]]:
    """Write the heading and the two equations at the top; return them."""
    heading = translated(
        language,
        "One GRU cell at one time step (reset_after={reset_after})",
        reset_after=reset_after,
    )
    title = draw_title(ax, (8.3, 11.45), heading, th)
    update = r"$h_t = z_t \odot h_{t-1} + (1 - z_t) \odot \tilde{h}_t$"
    equations = tuple(
        ax.text(8.3, y, text, ha="center", va="top", fontsize=10.5, color=th.ink)
        for y, text in ((10.8, update), (10.15, _CANDIDATE[reset_after]))
    )
    return title, equations


def _alt_text(units: int, input_dim: int, reset_after: bool, language: str) -> str:
    """Describe the GRU cell diagram in words, with its sizes."""
    reset = translated(
        language,
        "scales the candidate's recurrent part after the matrix product,"
        " r * (h_t-1 U_h + recurrent bias)"
        if reset_after
        else "scales h_t-1 before the candidate's matrix product, (r * h_t-1) U_h",
    )
    return translated(
        language,
        "Diagram of one GRU cell at one time step, as Keras computes it with"
        " reset_after={reset_after}. The input x_t has {input_dim} components"
        " (input_dim={input_dim}); the previous hidden state h_t-1, the three block outputs"
        " (update gate z, reset gate r, candidate h~) and the new h_t each have {units}"
        " components (units={units}). Every block reads x_t and h_t-1. The reset gate {reset}."
        " The state runs along the top: h_t = z * h_t-1 + (1 - z) * h~. There is no cell state:"
        " h_t is both the state and the output.",
        reset_after=reset_after,
        input_dim=input_dim,
        units=units,
        reset=reset,
    )
