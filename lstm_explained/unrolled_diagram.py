"""Diagram of one LSTM layer unrolled over time, with the tensors the layer returns.

Timesteps run horizontally (one copy of the same cell per step); ``units`` is the height of each
h stack. The returned tensors and their shapes come from
:func:`lstm_explained.shapes.output_shapes`, so the figure cannot disagree with Keras.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from matplotlib.patches import FancyBboxPatch

from lstm_explained.diagrams import (
    VectorArtists,
    check_size,
    diagram_axes,
    draw_vector,
    draw_wire,
    stack_height,
)
from lstm_explained.shapes import output_shapes
from lstm_explained.style import STATE_COLORS, themed

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text

__all__ = ["ELIDE_STEPS_ABOVE", "UnrolledDiagram", "unrolled_diagram"]

#: Sequences longer than this are drawn as their first and last steps around an ellipsis.
ELIDE_STEPS_ABOVE = 5
_KEEP_STEPS = (2, 2)
_STEP, _X0, _Y_X, _Y_CELL, _Y_H = 2.55, 1.7, 1.55, 4.2, 7.05
_CELL_W, _CELL_H = 1.75, 1.3


@dataclass(frozen=True)
class UnrolledDiagram:
    """What :func:`unrolled_diagram` drew.

    Attributes
    ----------
    figure, ax : Figure, Axes
    steps : tuple of int
        The time steps drawn (1-based); the others are elided.
    cells : tuple of FancyBboxPatch
        One cell box per drawn step.
    inputs, hidden : tuple of VectorArtists
        The x_t and h_t stacks of the drawn steps.
    returned : dict of str to VectorArtists
        The stacks the layer returns: ``"output"`` (every h_t with `return_sequences`) is a
        tuple, ``"state_h"`` and ``"state_c"`` (with `return_state`) are single stacks.
    shapes : dict of str to tuple
        Shapes of the returned tensors, from :func:`~lstm_explained.shapes.output_shapes`.
    shape_labels : dict of str to Text
    alt : str
    """

    figure: Figure
    ax: Axes
    steps: tuple[int, ...]
    cells: tuple[FancyBboxPatch, ...]
    inputs: tuple[VectorArtists, ...]
    hidden: tuple[VectorArtists, ...]
    returned: dict[str, object]
    shapes: dict[str, tuple]
    shape_labels: dict[str, Text]
    alt: str


def _drawn_steps(timesteps: int) -> tuple[list[int], int | None]:
    """Steps to draw (1-based) and the column of the ellipsis, if any."""
    if timesteps <= ELIDE_STEPS_ABOVE:
        return list(range(1, timesteps + 1)), None
    head, tail = _KEEP_STEPS
    return [*range(1, head + 1), *range(timesteps - tail + 1, timesteps + 1)], head


def _fmt(shape: tuple) -> str:
    return "(" + ", ".join("batch" if n is None else str(n) for n in shape) + ")"


def unrolled_diagram(
    timesteps: int,
    units: int,
    input_dim: int,
    *,
    return_sequences: bool = False,
    return_state: bool = False,
    theme: str = "light",
    ax: Axes | None = None,
) -> UnrolledDiagram:
    """Draw an LSTM layer unrolled over `timesteps` and mark the tensors it returns.

    Parameters
    ----------
    timesteps, units, input_dim : int
        Sequence length (columns), size of h and c (stack height), size of x_t.
    return_sequences, return_state : bool
        The Keras options; they decide which tensors are marked as returned.
    theme : {"light", "dark"}
    ax : Axes, optional

    Raises
    ------
    TypeError, ValueError
        If a size is not a positive integer in range.

    Examples
    --------
    >>> d = unrolled_diagram(3, 4, 2, return_sequences=True, return_state=True)
    >>> len(d.cells), len(d.hidden[0].slots), d.shapes["output"]
    (3, 4, (None, 3, 4))
    >>> len(unrolled_diagram(3, 4, 2).returned["output"])  # only the last h_t
    1
    """
    timesteps = check_size("timesteps", timesteps)
    units, input_dim = check_size("units", units), check_size("input_dim", input_dim)
    names = ["output", "state_h", "state_c"]
    shapes = dict(
        zip(
            names,
            output_shapes(
                None,
                timesteps,
                input_dim,
                units,
                return_sequences=return_sequences,
                return_state=return_state,
            ),
            strict=False,
        )
    )
    steps, gap = _drawn_steps(timesteps)
    columns = len(steps) + (gap is not None)
    width = _X0 + _STEP * (columns - 1) + (3.9 if return_state else 1.6)
    with themed(theme) as th:
        ax = diagram_axes(ax, 7.2, 7.2 * 12.4 / (width + 2.3), (-1.9, width + 0.4), (-1.3, 11.1))
        ax.text(
            (width - 1.5) / 2,
            10.95,
            f"One LSTM layer unrolled over timesteps={timesteps}"
            f" (units={units}, input_dim={input_dim})",
            ha="center",
            va="top",
            fontsize=11.5,
            fontweight="bold",
            color=th.ink,
        )
        cells, inputs, hidden, labels = [], [], [], {}
        xs = [_X0 + _STEP * (k + (gap is not None and k >= gap)) for k in range(len(steps))]
        for k, (t, x) in enumerate(zip(steps, xs, strict=True)):
            last = t == timesteps
            kept = return_sequences or last
            inputs.append(
                draw_vector(
                    ax,
                    f"x_{t}",
                    input_dim,
                    (x, _Y_X),
                    color=STATE_COLORS["x"],
                    theme=th,
                    label=f"$x_{{{t}}}$",
                    label_side="below",
                )
            )
            h = draw_vector(
                ax,
                f"h_{t}",
                units,
                (x, _Y_H),
                color=STATE_COLORS["h"],
                theme=th,
                label=f"$h_{{{t}}}$",
                label_side="above",
            )
            if not kept:
                for slot in h.slots:
                    slot.set_facecolor(th.page)
                    slot.set_edgecolor(th.muted)
            hidden.append(h)
            cells.append(_draw_cell(ax, th, x, t))
            draw_wire(
                ax,
                [(x, _Y_X + stack_height(input_dim) / 2), (x, _Y_CELL - _CELL_H / 2)],
                color=th.ink,
            )
            draw_wire(
                ax,
                [(x, _Y_CELL + _CELL_H / 2), (x, _Y_H - stack_height(units) / 2)],
                color=th.ink if kept else th.muted,
            )
            _draw_carry(ax, th, x, wide=gap is not None and k == gap - 1)
        if gap is not None:
            ax.text(
                xs[gap - 1] + _STEP,
                _Y_CELL,
                "\u22ef",
                ha="center",
                va="center",
                fontsize=20,
                color=th.ink,
            )
        start = _X0 - _STEP + _CELL_W / 2 - 0.1
        ax.text(start, _Y_CELL + 0.3, "$h_0$", ha="right", va="center", color=th.ink)
        ax.text(start, _Y_CELL - 0.3, "$c_0$", ha="right", va="center", color=th.ink)
        returned = {"output": tuple(hidden) if return_sequences else (hidden[-1],)}
        labels["output"] = _mark_output(ax, th, xs, shapes["output"], return_sequences)
        if return_state:
            returned.update(_draw_states(ax, th, xs[-1], units, shapes, labels))
        _annotate_dims(ax, th, xs, timesteps, units, input_dim)
    alt = _alt_text(timesteps, units, input_dim, shapes, return_sequences)
    return UnrolledDiagram(
        ax.figure,
        ax,
        tuple(steps),
        tuple(cells),
        tuple(inputs),
        tuple(hidden),
        returned,
        shapes,
        labels,
        alt,
    )


def _draw_cell(ax: Axes, th, x: float, t: int) -> FancyBboxPatch:
    box = FancyBboxPatch(
        (x - _CELL_W / 2, _Y_CELL - _CELL_H / 2),
        _CELL_W,
        _CELL_H,
        boxstyle="round,pad=0,rounding_size=0.18",
        facecolor=th.tint(th.ink, 0.08),
        edgecolor=th.ink,
        linewidth=1.4,
        zorder=1,
    )
    ax.add_patch(box)
    ax.text(x, _Y_CELL + 0.22, "LSTM cell", ha="center", va="center", fontsize=8.5, color=th.ink)
    ax.text(x, _Y_CELL - 0.28, f"t = {t}", ha="center", va="center", fontsize=8.5, color=th.muted)
    return box


def _draw_carry(ax: Axes, th, x: float, *, wide: bool) -> None:
    """Arrows carrying h (upper) and c (lower) from the previous step into the cell at `x`."""
    start = x - _STEP + _CELL_W / 2 + (0.55 if wide else 0)
    for dy, color in ((0.3, th.ink), (-0.3, STATE_COLORS["c"])):
        draw_wire(ax, [(start, _Y_CELL + dy), (x - _CELL_W / 2, _Y_CELL + dy)], color=color)


def _mark_output(ax: Axes, th, xs: list[float], shape: tuple, sequences: bool) -> Text:
    """Bracket the h stacks that form ``output`` and label it with its shape."""
    left = xs[0] - 0.5 if sequences else xs[-1] - 0.5
    right = xs[-1] + 0.5
    y = 9.25
    draw_wire(
        ax, [(left, y - 0.2), (left, y), (right, y), (right, y - 0.2)], color=th.ink, arrow=False
    )
    if sequences:
        return ax.text(
            (left + right) / 2,
            y + 0.15,
            f"output {_fmt(shape)}: every $h_t$",
            ha="center",
            va="bottom",
            fontsize=9.5,
            color=th.ink,
            fontweight="bold",
        )
    ax.text(
        xs[0] - 0.6,
        y + 0.15,
        "hollow $h_t$: computed, not returned",
        ha="left",
        va="bottom",
        fontsize=9,
        color=th.muted,
    )
    return ax.text(
        right + 0.3,
        y + 0.15,
        f"output {_fmt(shape)}: the last $h_t$",
        ha="right",
        va="bottom",
        fontsize=9.5,
        color=th.ink,
        fontweight="bold",
    )


def _draw_states(ax: Axes, th, x: float, units: int, shapes: dict, labels: dict) -> dict:
    """Draw the final states returned with ``return_state=True`` to the right of the last cell."""
    xr = x + 2.3
    drawn = {}
    for name, y, dy, kind in (("state_h", 6.4, 0.3, "h"), ("state_c", 1.95, -0.3, "c")):
        color = th.ink if kind == "h" else STATE_COLORS["c"]
        draw_wire(
            ax,
            [
                (x + _CELL_W / 2, _Y_CELL + dy),
                (xr - 0.8, _Y_CELL + dy),
                (xr - 0.8, y),
                (xr - 0.17, y),
            ],
            color=color,
        )
        drawn[name] = draw_vector(ax, name, units, (xr, y), color=STATE_COLORS[kind], theme=th)
        labels[name] = ax.text(
            xr,
            y - stack_height(units) / 2 - 0.12,
            f"{name}\n{_fmt(shapes[name])}",
            ha="center",
            va="top",
            fontsize=9,
            color=th.ink,
            fontweight="bold",
        )
    return drawn


def _annotate_dims(
    ax: Axes, th, xs: list[float], timesteps: int, units: int, input_dim: int
) -> None:
    """Spell out which size is which: timesteps across, units up, input_dim for x_t."""
    y = -0.75
    draw_wire(ax, [(xs[0] - 0.6, y), (xs[-1] + 0.6, y)], color=th.muted, arrow=True)
    ax.text(
        (xs[0] + xs[-1]) / 2,
        y - 0.12,
        f"timesteps = {timesteps}: the same cell, with the same weights, at every step",
        ha="center",
        va="top",
        fontsize=9,
        color=th.ink,
    )
    half = stack_height(units) / 2
    xb = xs[0] - 0.42
    draw_wire(ax, [(xb, _Y_H - half), (xb, _Y_H + half)], color=th.muted, arrow=False)
    ax.text(
        xb - 0.12,
        _Y_H,
        f"units = {units}\n(size of h, c)",
        ha="right",
        va="center",
        fontsize=9,
        color=th.ink,
    )
    ax.text(
        xs[0] - 0.42,
        _Y_X,
        f"input_dim = {input_dim}",
        ha="right",
        va="center",
        fontsize=9,
        color=th.ink,
    )


def _alt_text(timesteps: int, units: int, input_dim: int, shapes: dict, sequences: bool) -> str:
    returned = "; ".join(f"{name} {_fmt(shape)}" for name, shape in shapes.items())
    which = "every h_t" if sequences else "only the last h_t"
    return (
        f"Diagram of one LSTM layer unrolled over {timesteps} time steps: the same cell with the"
        f" same weights is applied at each step, reading an input x_t of {input_dim} components"
        f" and passing h and c, each of {units} components (units={units}), to the next step."
        f" units is the height of each h stack, not the number of steps. The layer returns"
        f" {which}: {returned}."
    )
