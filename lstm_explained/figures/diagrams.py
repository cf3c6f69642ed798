"""Building blocks shared by the diagrams: vectors drawn as stacks of slots, nodes.

A vector of ``n`` components is drawn as a vertical stack of ``n`` square slots. Vectors longer
than :data:`ELIDE_ABOVE` keep their first and last slots and show a vertical ellipsis between
them; their label always gives the true size. The diagrams themselves live in
:mod:`lstm_explained.figures.cell_diagram`, :mod:`lstm_explained.figures.unrolled_diagram` and
:mod:`lstm_explained.figures.weights_diagram`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from matplotlib.lines import Line2D
from matplotlib.patches import Circle, FancyArrowPatch, Patch, Rectangle

from lstm_explained.figures.style import Theme, new_figure
from lstm_explained.reference.validation import check_choice, check_size

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.text import Text

__all__ = [
    "ELIDE_ABOVE",
    "MAX_SIZE",
    "SLOT",
    "VectorArtists",
    "check_drawn_size",
    "diagram_axes",
    "draw_node",
    "draw_vector",
    "draw_wire",
    "slot_positions",
    "stack_height",
]

#: Vectors with more components than this are drawn with their middle slots elided.
ELIDE_ABOVE = 8
#: Slots kept at each end of an elided vector (the ellipsis takes one more slot's height).
ELIDE_KEEP = (3, 2)
#: Largest size a diagram accepts: labels stay short and the numbers stay readable.
MAX_SIZE = 100_000
#: Side of one slot, in data units of the diagrams.
SLOT = 0.3
#: Where draw_vector may put a vector's label.
LABEL_SIDES = ("below", "above", "left", "right")


@dataclass(frozen=True)
class VectorArtists:
    """What :func:`draw_vector` drew for one vector.

    Attributes
    ----------
    name : str
        Role of the vector in the diagram (``"x_t"``, ``"h_prev"``, ``"f"``, ...).
    size : int
        True number of components.
    slots : tuple of Rectangle
        One rectangle per drawn component (``size`` of them unless elided).
    ellipsis : Text or None
        The vertical ellipsis standing for elided components.
    label : Text or None
        The label, which states the true size.
    """

    name: str
    size: int
    slots: tuple[Rectangle, ...]
    ellipsis: Text | None
    label: Text | None

    @property
    def artists(self) -> list:
        """All artists of the vector, for emphasis and dimming."""
        extra = [a for a in (self.ellipsis, self.label) if a is not None]
        return [*self.slots, *extra]


def check_drawn_size(name: str, value: object) -> int:
    """Return `value` as an ``int`` if it is a size a diagram can draw, in ``[1, MAX_SIZE]``.

    The package's :func:`~lstm_explained.reference.validation.check_size` with the diagrams'
    upper bound, so that labels stay short.

    Raises
    ------
    TypeError
        If `value` is not an integer (``bool`` and floats are refused, even ``4.0``).
    ValueError
        If `value` is outside ``[1, MAX_SIZE]``.

    Examples
    --------
    >>> check_drawn_size("units", 0)
    Traceback (most recent call last):
    ...
    ValueError: units must be an integer in [1, 100000], got 0
    """
    return check_size(name, value, maximum=MAX_SIZE)


def slot_positions(size: int) -> tuple[list[int], int | None]:
    """Return which components are drawn and the slot row of the ellipsis (None if not elided).

    Examples
    --------
    >>> slot_positions(3)
    ([0, 1, 2], None)
    >>> shown, gap = slot_positions(256)
    >>> shown, gap
    ([0, 1, 2, 254, 255], 3)
    """
    if size <= ELIDE_ABOVE:
        return list(range(size)), None
    head, tail = ELIDE_KEEP
    return [*range(head), *range(size - tail, size)], head


def stack_height(size: int) -> float:
    """Height in data units of the stack drawn for a vector of `size` components."""
    shown, gap = slot_positions(size)
    return SLOT * (len(shown) + (gap is not None))


def draw_vector(
    ax: Axes,
    name: str,
    size: int,
    center: tuple[float, float],
    *,
    color: str,
    theme: Theme,
    label: str | None = None,
    label_side: str = "below",
    slot: float = SLOT,
) -> VectorArtists:
    """Draw a vector of `size` components as a vertical stack of slots centred on `center`.

    Component 0 is at the top. `label` is placed `label_side` (``"below"``, ``"above"``,
    ``"left"`` or ``"right"``) of the stack.

    Raises
    ------
    ValueError
        If `label_side` is not one of the four sides.
    """
    label_side = check_choice("label_side", label_side, LABEL_SIDES)
    shown, gap = slot_positions(size)
    rows = len(shown) + (gap is not None)
    x, y = center
    top = y + rows * slot / 2
    slots = _draw_slots(ax, x, top, rows, gap, slot=slot, color=color, theme=theme)
    ellipsis = None
    if gap is not None:
        ellipsis = _draw_vertical_ellipsis(ax, (x, top - (gap + 0.5) * slot), theme)
    text = None
    if label is not None:
        text = _draw_stack_label(ax, center, rows * slot / 2, label, label_side, slot, theme)
    return VectorArtists(name, size, tuple(slots), ellipsis, text)


def _draw_slots(
    ax: Axes,
    x: float,
    top: float,
    rows: int,
    gap: int | None,
    *,
    slot: float,
    color: str,
    theme: Theme,
) -> list[Rectangle]:
    """Draw one square slot per row of a stack whose top edge is at `top`, skipping row `gap`."""
    slots = []
    for row in range(rows):
        if row == gap:
            continue
        rect = Rectangle(
            (x - slot / 2, top - (row + 1) * slot),
            slot,
            slot,
            facecolor=color,
            edgecolor=theme.ink,
            linewidth=0.8,
            zorder=3,
        )
        ax.add_patch(rect)
        slots.append(rect)
    return slots


def _draw_vertical_ellipsis(ax: Axes, center: tuple[float, float], theme: Theme) -> Text:
    """Draw the vertical ellipsis that stands for the elided slots of a stack."""
    return ax.text(
        *center,
        "\u22ee",
        ha="center",
        va="center",
        fontsize=11,
        color=theme.ink,
        zorder=3,
    )


def _draw_stack_label(
    ax: Axes,
    center: tuple[float, float],
    half: float,
    label: str,
    side: str,
    slot: float,
    theme: Theme,
) -> Text:
    """Draw `label` on `side` of a stack of half-height `half` centred on `center`."""
    offsets = {
        "below": (0, -half - 0.12, "center", "top"),
        "above": (0, half + 0.12, "center", "bottom"),
        "left": (-slot / 2 - 0.12, 0, "right", "center"),
        "right": (slot / 2 + 0.12, 0, "left", "center"),
    }
    dx, dy, ha, va = offsets[side]
    x, y = center
    return ax.text(x + dx, y + dy, label, ha=ha, va=va, fontsize=9, color=theme.ink, zorder=3)


def draw_node(
    ax: Axes, center: tuple[float, float], symbol: str, *, theme: Theme, radius: float = 0.22
) -> tuple[Patch, Text]:
    """Draw an operation node (``"\u00d7"``, ``"+"`` in a circle, ``"tanh"`` in a pill)."""
    if len(symbol) > 1:
        text = ax.text(
            *center,
            symbol,
            ha="center",
            va="center",
            zorder=5,
            color=theme.ink,
            fontsize=8,
            bbox={
                "boxstyle": "round,pad=0.25,rounding_size=0.6",
                "facecolor": theme.page,
                "edgecolor": theme.ink,
                "linewidth": 1.2,
            },
        )
        return text.get_bbox_patch(), text
    circle = Circle(
        center, radius, facecolor=theme.page, edgecolor=theme.ink, linewidth=1.2, zorder=4
    )
    ax.add_patch(circle)
    text = ax.text(
        *center, symbol, ha="center", va="center", zorder=5, color=theme.ink, fontsize=12
    )
    return circle, text


def draw_wire(
    ax: Axes,
    points: list[tuple[float, float]],
    *,
    color: str,
    arrow: bool = True,
    width: float = 1.4,
) -> list:
    """Draw a polyline through `points`, ending in an arrow head when `arrow`; return artists.

    Raises
    ------
    ValueError
        If `points` is not a sequence of at least two (x, y) pairs.
    """
    points = [tuple(point) for point in points]
    if len(points) < 2 or any(len(point) != 2 for point in points):
        raise ValueError(f"points must be at least two (x, y) pairs, got {points!r}")
    artists: list = []
    xs, ys = zip(*points, strict=True)
    stop = len(points) - 1 if arrow else len(points)
    if stop >= 2:
        artists.append(_draw_polyline(ax, xs[:stop], ys[:stop], color=color, width=width))
    if arrow:
        artists.append(_draw_arrow(ax, points[-2], points[-1], color=color, width=width))
    return artists


def _draw_polyline(
    ax: Axes, xs: tuple[float, ...], ys: tuple[float, ...], *, color: str, width: float
) -> Line2D:
    """Draw the straight segments through the points (`xs`, `ys`), without an arrow head."""
    line = Line2D(xs, ys, color=color, linewidth=width, solid_capstyle="butt", zorder=2)
    return ax.add_line(line)


def _draw_arrow(
    ax: Axes, start: tuple[float, float], end: tuple[float, float], *, color: str, width: float
) -> FancyArrowPatch:
    """Draw one segment from `start` to `end` with an arrow head at `end`."""
    arrow = FancyArrowPatch(
        start,
        end,
        arrowstyle="-|>",
        mutation_scale=11,
        color=color,
        linewidth=width,
        shrinkA=0,
        shrinkB=0,
        zorder=2,
    )
    return ax.add_patch(arrow)


def draw_title(ax: Axes, xy: tuple[float, float], text: str, theme: Theme) -> Text:
    """Write a figure's heading in bold, centred on `xy` and hanging from it; return it."""
    return ax.text(
        *xy, text, ha="center", va="top", fontsize=11.5, fontweight="bold", color=theme.ink
    )


def diagram_axes(
    ax: Axes | None,
    width: float,
    height: float,
    xlim: tuple[float, float],
    ylim: tuple[float, float],
) -> Axes:
    """Return `ax` (or the axes of a new figure of `width` x `height` inches), ready to draw on."""
    if ax is None:
        fig = new_figure(width, height)
        ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return ax
