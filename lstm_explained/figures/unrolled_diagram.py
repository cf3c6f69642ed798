"""Diagram of one LSTM layer unrolled over time, with the tensors the layer returns.

Timesteps run horizontally (one copy of the same cell per step); ``units`` is the height of each
h stack. The returned tensors and their shapes come from
:func:`lstm_explained.reference.shapes.output_shapes`, so the figure cannot disagree with Keras.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from matplotlib.patches import FancyBboxPatch

from lstm_explained.figures.diagrams import (
    VectorArtists,
    check_drawn_size,
    diagram_axes,
    draw_title,
    draw_vector,
    draw_wire,
    stack_height,
)
from lstm_explained.figures.style import STATE_COLORS, Theme, themed
from lstm_explained.figures.texts import check_language, translated
from lstm_explained.reference.shapes import output_shapes
from lstm_explained.reference.validation import check_flag

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
_ELLIPSIS_HALF = 0.3  # half the width the ellipsis takes between two columns
_Y_OUT = 9.25  # the bracket over the h stacks that form ``output``


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
        Shapes of the returned tensors, from
        :func:`~lstm_explained.reference.shapes.output_shapes`.
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


def _columns(count: int, gap: int | None) -> list[float]:
    """x of each of the `count` drawn steps, leaving column `gap` (if any) for the ellipsis."""
    return [_X0 + _STEP * (k + (gap is not None and k >= gap)) for k in range(count)]


def _fmt(shape: tuple) -> str:
    """Write `shape` in parentheses, with ``batch`` for the batch size (None)."""
    return "(" + ", ".join("batch" if n is None else str(n) for n in shape) + ")"


def _returned_shapes(
    timesteps: int, units: int, input_dim: int, sequences: bool, state: bool
) -> dict[str, tuple]:
    """Shapes of what the layer returns, keyed ``output`` (and ``state_h``, ``state_c``)."""
    names = ["output", "state_h", "state_c"]
    shapes = output_shapes(
        None, timesteps, input_dim, units, return_sequences=sequences, return_state=state
    )
    return dict(zip(names, shapes, strict=False))


def unrolled_diagram(
    timesteps: int,
    units: int,
    input_dim: int,
    *,
    return_sequences: bool = False,
    return_state: bool = False,
    theme: str = "light",
    language: str = "en",
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
    >>> d = unrolled_diagram(3, 4, 2, return_sequences=True, return_state=True)
    >>> len(d.cells), len(d.hidden[0].slots), d.shapes["output"]
    (3, 4, (None, 3, 4))
    >>> len(unrolled_diagram(3, 4, 2).returned["output"])  # only the last h_t
    1
    """
    timesteps = check_drawn_size("timesteps", timesteps)
    units, input_dim = check_drawn_size("units", units), check_drawn_size("input_dim", input_dim)
    return_sequences = check_flag("return_sequences", return_sequences)
    return_state = check_flag("return_state", return_state)
    language = check_language(language)
    shapes = _returned_shapes(timesteps, units, input_dim, return_sequences, return_state)
    steps, gap = _drawn_steps(timesteps)
    columns = len(steps) + (gap is not None)
    width = _X0 + _STEP * (columns - 1) + (3.9 if return_state else 1.6)
    with themed(theme) as th:
        ax = diagram_axes(ax, 7.2, 7.2 * 12.4 / (width + 2.3), (-1.9, width + 0.4), (-1.3, 11.1))
        _draw_title(ax, th, width, timesteps, units, input_dim, language)
        xs = _columns(len(steps), gap)
        kept = [return_sequences or t == timesteps for t in steps]  # the h_t that are returned
        cells, inputs, hidden = _draw_steps(
            ax, th, steps, xs, kept, gap, units, input_dim, language
        )
        if gap is not None:
            _draw_ellipsis(ax, th, xs[gap - 1] + _STEP)
        _label_initial_states(ax, th)
        returned, labels = _mark_returned(
            ax, th, xs, hidden, units, shapes, (return_sequences, return_state), language
        )
        _annotate_dims(ax, th, xs, timesteps, units, input_dim, language)
    alt = _alt_text(timesteps, units, input_dim, shapes, return_sequences, language)
    return UnrolledDiagram(
        ax.figure, ax, tuple(steps), cells, inputs, hidden, returned, shapes, labels, alt
    )


def _draw_title(
    ax: Axes, th: Theme, width: float, timesteps: int, units: int, input_dim: int, language: str
) -> None:
    """Write the title, with the three sizes, centred over the diagram."""
    sizes = f"(units={units}, input_dim={input_dim})"
    title = translated(
        language,
        "One LSTM layer unrolled over timesteps={timesteps} {sizes}",
        timesteps=timesteps,
        sizes=sizes,
    )
    draw_title(ax, ((width - 1.5) / 2, 10.95), title, th)


def _draw_steps(
    ax: Axes,
    th: Theme,
    steps: list[int],
    xs: list[float],
    kept: list[bool],
    gap: int | None,
    units: int,
    input_dim: int,
    language: str,
) -> tuple[tuple[FancyBboxPatch, ...], tuple[VectorArtists, ...], tuple[VectorArtists, ...]]:
    """Draw each step in its column; return the cells, the x_t stacks and the h_t stacks."""
    cells, inputs, hidden = [], [], []
    for k, (t, x) in enumerate(zip(steps, xs, strict=True)):
        after_gap = gap is not None and k == gap  # the step just after the ellipsis
        x_t, h_t, cell = _draw_step(
            ax, th, t, x, (units, input_dim), kept=kept[k], after_gap=after_gap, language=language
        )
        inputs.append(x_t)
        hidden.append(h_t)
        cells.append(cell)
    return tuple(cells), tuple(inputs), tuple(hidden)


def _draw_step(
    ax: Axes,
    th: Theme,
    t: int,
    x: float,
    sizes: tuple[int, int],
    *,
    kept: bool,
    after_gap: bool,
    language: str,
) -> tuple[VectorArtists, VectorArtists, FancyBboxPatch]:
    """Draw step `t` at `x`: x_t, h_t, the cell, the wires through it and the carry arrows.

    `sizes` is (units, input_dim).
    """
    units, input_dim = sizes
    x_t = draw_vector(
        ax,
        f"x_{t}",
        input_dim,
        (x, _Y_X),
        color=STATE_COLORS["x"],
        theme=th,
        label=f"$x_{{{t}}}$",
        label_side="below",
    )
    h_t = _draw_hidden(ax, th, t, x, units, kept=kept)
    cell = _draw_cell(ax, th, x, t, language)
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
    _draw_carry(ax, th, x, after_gap=after_gap)
    return x_t, h_t, cell


def _draw_hidden(
    ax: Axes, th: Theme, t: int, x: float, units: int, *, kept: bool
) -> VectorArtists:
    """Draw the stack of h_t at `x`, hollow when the layer does not return it."""
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
    return h


def _draw_cell(ax: Axes, th: Theme, x: float, t: int, language: str) -> FancyBboxPatch:
    """Draw the box of the cell at step `t`, centred on `x`."""
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
    name = translated(language, "LSTM cell")
    ax.text(x, _Y_CELL + 0.22, name, ha="center", va="center", fontsize=8.5, color=th.ink)
    ax.text(x, _Y_CELL - 0.28, f"t = {t}", ha="center", va="center", fontsize=8.5, color=th.muted)
    return box


def _draw_carry(ax: Axes, th: Theme, x: float, *, after_gap: bool) -> None:
    """Arrows carrying h (upper) and c (lower) from the previous step into the cell at `x`.

    After the ellipsis the states come through the elided steps: the arrows then run from the
    cell before the ellipsis into it, and from it into the cell at `x`.
    """
    left, right = x - _STEP + _CELL_W / 2, x - _CELL_W / 2
    spans = [(left, right)]
    if after_gap:
        spans = [(left - _STEP, x - _STEP - _ELLIPSIS_HALF), (x - _STEP + _ELLIPSIS_HALF, right)]
    for dy, color in ((0.3, th.ink), (-0.3, STATE_COLORS["c"])):
        for start, end in spans:
            draw_wire(ax, [(start, _Y_CELL + dy), (end, _Y_CELL + dy)], color=color)


def _draw_ellipsis(ax: Axes, th: Theme, x: float) -> None:
    """Draw the ellipsis that stands for the elided steps, in the column at `x`."""
    ax.text(x, _Y_CELL, "\u22ef", ha="center", va="center", fontsize=20, color=th.ink)


def _label_initial_states(ax: Axes, th: Theme) -> None:
    """Name the initial states h_0 and c_0 at the start of the first step's carry arrows."""
    start = _X0 - _STEP + _CELL_W / 2 - 0.1
    ax.text(start, _Y_CELL + 0.3, "$h_0$", ha="right", va="center", color=th.ink)
    ax.text(start, _Y_CELL - 0.3, "$c_0$", ha="right", va="center", color=th.ink)


def _mark_returned(
    ax: Axes,
    th: Theme,
    xs: list[float],
    hidden: tuple[VectorArtists, ...],
    units: int,
    shapes: dict,
    options: tuple[bool, bool],
    language: str,
) -> tuple[dict[str, object], dict[str, Text]]:
    """Mark ``output`` and, with `state`, draw the final states; return them and their labels.

    `options` is (return_sequences, return_state).
    """
    sequences, state = options
    returned: dict[str, object] = {"output": hidden if sequences else (hidden[-1],)}
    labels = {"output": _mark_output(ax, th, xs, shapes["output"], sequences, language)}
    if state:
        returned.update(_draw_states(ax, th, xs[-1], units, shapes, labels))
    return returned, labels


def _mark_output(
    ax: Axes, th: Theme, xs: list[float], shape: tuple, sequences: bool, language: str
) -> Text:
    """Bracket the h stacks that form ``output`` and label it with its shape."""
    left = xs[0] - 0.5 if sequences else xs[-1] - 0.5
    right = xs[-1] + 0.5
    y = _Y_OUT
    draw_wire(
        ax, [(left, y - 0.2), (left, y), (right, y), (right, y - 0.2)], color=th.ink, arrow=False
    )
    if sequences:
        label = translated(language, "output {shape}: every $h_t$", shape=_fmt(shape))
        return _output_label(ax, th, (left + right) / 2, label)
    ax.text(
        xs[0] - 0.6,
        y + 0.15,
        translated(language, "hollow $h_t$: computed, not returned"),
        ha="left",
        va="bottom",
        fontsize=9,
        color=th.muted,
    )
    label = translated(language, "output {shape}: the last $h_t$", shape=_fmt(shape))
    return _output_label(ax, th, right + 0.3, label, "right")


def _output_label(ax: Axes, th: Theme, x: float, text: str, ha: str = "center") -> Text:
    """Write the name and shape of ``output`` in bold over its bracket, aligned `ha` at `x`."""
    return ax.text(
        x, _Y_OUT + 0.15, text, ha=ha, va="bottom", fontsize=9.5, color=th.ink, fontweight="bold"
    )


def _draw_states(ax: Axes, th: Theme, x: float, units: int, shapes: dict, labels: dict) -> dict:
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
    ax: Axes,
    th: Theme,
    xs: list[float],
    timesteps: int,
    units: int,
    input_dim: int,
    language: str,
) -> None:
    """Spell out which size is which: timesteps across, units up, input_dim for x_t."""
    _annotate_timesteps(ax, th, xs, timesteps, language)
    _annotate_units(ax, th, xs[0] - 0.42, units, language)
    _note(ax, th, xs[0] - 0.42, _Y_X, f"input_dim = {input_dim}")


def _annotate_timesteps(
    ax: Axes, th: Theme, xs: list[float], timesteps: int, language: str
) -> None:
    """Draw the time axis under the steps and say that every step is the same cell."""
    y = -0.75
    draw_wire(ax, [(xs[0] - 0.6, y), (xs[-1] + 0.6, y)], color=th.muted, arrow=True)
    text = translated(
        language,
        "timesteps = {timesteps}: the same cell, with the same weights, at every step",
        timesteps=timesteps,
    )
    _note(ax, th, (xs[0] + xs[-1]) / 2, y - 0.12, text, ha="center", va="top")


def _annotate_units(ax: Axes, th: Theme, x: float, units: int, language: str) -> None:
    """Draw a bar at `x` as tall as an h stack and say that its height is `units`."""
    half = stack_height(units) / 2
    draw_wire(ax, [(x, _Y_H - half), (x, _Y_H + half)], color=th.muted, arrow=False)
    _note(
        ax,
        th,
        x - 0.12,
        _Y_H,
        translated(language, "units = {units}\n(size of h, c)", units=units),
    )


def _note(
    ax: Axes, th: Theme, x: float, y: float, text: str, *, ha: str = "right", va: str = "center"
) -> None:
    """Write an explanatory `text` at (`x`, `y`) in the figure's small type."""
    ax.text(x, y, text, ha=ha, va=va, fontsize=9, color=th.ink)


def _alt_text(
    timesteps: int, units: int, input_dim: int, shapes: dict, sequences: bool, language: str
) -> str:
    """Describe the unrolled diagram in words, with its sizes and the returned shapes."""
    separator = translated(language, "; ")
    returned = separator.join(f"{name} {_fmt(shape)}" for name, shape in shapes.items())
    which = translated(language, "every h_t" if sequences else "only the last h_t")
    return translated(
        language,
        "Diagram of one LSTM layer unrolled over {timesteps} time steps: the same cell with the"
        " same weights is applied at each step, reading an input x_t of {input_dim} components"
        " and passing h and c, each of {units} components (units={units}), to the next step."
        " units is the height of each h stack, not the number of steps. The layer returns"
        " {which}: {returned}.",
        timesteps=timesteps,
        input_dim=input_dim,
        units=units,
        which=which,
        returned=returned,
    )
