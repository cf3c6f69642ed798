"""Gate and state values over time: one heatmap (units x timesteps) per quantity.

Value ranges are fixed so that panels and figures compare: gates in 0..1, c_tilde and h in
-1..1, c symmetric around 0, the input symmetric around 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from matplotlib.ticker import MaxNLocator
from numpy.typing import ArrayLike

from lstm_explained.figures.style import GATE_COLORS, Theme, new_figure, themed
from lstm_explained.figures.texts import check_language, translated
from lstm_explained.reference.sequence import LSTMTrace
from lstm_explained.reference.validation import check_size

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.gridspec import GridSpec, SubplotSpec
    from matplotlib.image import AxesImage

__all__ = ["GatePlot", "gate_plot"]

#: Panels in drawing order: (trace field or "x", label, colour key of the title, range kind).
#: Labels are in English; :func:`~lstm_explained.figures.texts.translated` gives the others.
PANELS = (
    ("x", "input $x_t$", None, "sym"),
    ("i", "input gate $i_t$", "i", "gate"),
    ("f", "forget gate $f_t$", "f", "gate"),
    ("c_tilde", r"candidate $\tilde{c}_t$", "c", "unit"),
    ("o", "output gate $o_t$", "o", "gate"),
    ("c", "cell state $c_t$", None, "sym"),
    ("h", "hidden state $h_t$", None, "unit"),
)


@dataclass(frozen=True)
class GatePlot:
    """What :func:`gate_plot` drew.

    Attributes
    ----------
    figure : Figure
    axes : dict of str to Axes
        Keyed ``x``, ``i``, ``f``, ``c_tilde``, ``o``, ``c``, ``h``.
    meshes : dict of str to AxesImage
        The heatmap of each panel; ``mesh.get_clim()`` is its fixed value range.
    alt : str
    """

    figure: Figure
    axes: dict[str, Axes]
    meshes: dict[str, AxesImage]
    alt: str


def _limits(kind: str, values: np.ndarray) -> tuple[float, float]:
    """Colour range of a panel of `kind`: fixed for gates and tanh outputs, else symmetric."""
    if kind == "gate":
        return 0.0, 1.0
    if kind == "unit":
        return -1.0, 1.0
    top = float(np.abs(values).max()) or 1.0
    return -top, top


def gate_plot(
    trace: LSTMTrace,
    x: ArrayLike,
    *,
    batch_index: int = 0,
    theme: str = "light",
    language: str = "en",
) -> GatePlot:
    """Plot x and i, f, c_tilde, o, c, h over time, one heatmap (rows: units) per quantity.

    Parameters
    ----------
    trace : LSTMTrace
        From :func:`~lstm_explained.reference.sequence.lstm_trace`; fields
        (batch, timesteps, units).
    x : ndarray, shape (batch, timesteps, input_dim)
        The input the trace was computed from.
    batch_index : int
        Which sequence of the batch to show.
    theme : {"light", "dark"}
    language : {"en", "fr"}
        Language of the figure's text and alt text (math and identifiers stay as they are).

    Raises
    ------
    TypeError
        If `batch_index` is not an integer.
    ValueError
        If `x` and `trace` disagree on batch or timesteps, `batch_index` is outside
        ``[0, batch - 1]``, or `theme` or `language` is unknown.

    Examples
    --------
    >>> from lstm_explained.reference.sequence import lstm_trace
    >>> from lstm_explained.reference.weights import LSTMWeights
    >>> x = np.linspace(-1, 1, 2 * 6 * 3).reshape(2, 6, 3)
    >>> p = gate_plot(lstm_trace(x, LSTMWeights.random(3, 4)), x)
    >>> p.meshes["f"].get_clim(), p.meshes["h"].get_array().shape
    ((0.0, 1.0), (4, 6))
    """
    x, b = _check_input(trace, x, batch_index)
    language = check_language(language)
    timesteps, units = trace.h.shape[1:]
    data = {name: (x if name == "x" else getattr(trace, name))[b].T for name, *_ in PANELS}
    rows = [data[name].shape[0] for name, *_ in PANELS]
    with themed(theme) as th:
        fig = new_figure(7.2, 1.2 + 0.42 * len(PANELS) + 0.16 * sum(rows))
        grid = _panel_grid(fig, rows)
        axes, meshes, summary = {}, {}, []
        for k, (name, label, color, kind) in enumerate(PANELS):
            ax = fig.add_subplot(grid[k, 0], sharex=axes.get("x"))
            values = data[name]
            lo, hi = _limits(kind, values)
            mesh = _heatmap(ax, th, values, kind, (lo, hi), timesteps)
            _style_panel(ax, translated(language, label), color, last=k == len(PANELS) - 1)
            _add_colorbar(fig, grid[k, 1], mesh, th, (lo, hi))
            axes[name], meshes[name] = ax, mesh
            summary.append(
                translated(
                    language,
                    "{name} from {low:.2f} to {high:.2f}",
                    name=name,
                    low=values.min(),
                    high=values.max(),
                )
            )
        _label_figure(fig, axes, th, (timesteps, units), language)
    ranges = translated(language, "; ").join(summary)
    alt = _alt_text(timesteps, x.shape[2], units, b, ranges, language)
    return GatePlot(fig, axes, meshes, alt)


def _check_input(trace: LSTMTrace, x: ArrayLike, batch_index: int) -> tuple[np.ndarray, int]:
    """Return `x` as an array and the checked `batch_index`; raise if they do not fit `trace`."""
    x = np.asarray(x)
    if x.ndim != 3 or x.shape[:2] != trace.h.shape[:2]:
        raise ValueError(
            f"x has shape {x.shape}; expected (batch, timesteps, input_dim) with "
            f"(batch, timesteps) = {trace.h.shape[:2]} from the trace"
        )
    b = check_size("batch_index", batch_index, minimum=0, maximum=x.shape[0] - 1)
    return x, b


def _panel_grid(fig: Figure, rows: list[int]) -> GridSpec:
    """Lay out one row per panel, as tall as its number of components, with a colour bar."""
    return fig.add_gridspec(
        len(PANELS),
        2,
        height_ratios=[r + 1.6 for r in rows],
        width_ratios=[1, 0.018],
        left=0.1,
        right=0.88,
        top=0.93,
        bottom=0.07,
        hspace=0.7,
        wspace=0.04,
    )


def _heatmap(
    ax: Axes,
    th: Theme,
    values: np.ndarray,
    kind: str,
    limits: tuple[float, float],
    timesteps: int,
) -> AxesImage:
    """Draw `values` (components x timesteps) as a heatmap over the time steps 1..timesteps."""
    lo, hi = limits
    cmap = th.cmap("sequential" if kind == "gate" else "diverging")
    return ax.imshow(
        values,
        cmap=cmap,
        vmin=lo,
        vmax=hi,
        aspect="auto",
        interpolation="nearest",
        extent=(0.5, timesteps + 0.5, values.shape[0] - 0.5, -0.5),
    )


def _style_panel(ax: Axes, label: str, color: str | None, *, last: bool) -> None:
    """Title the panel, frame it in its gate's colour, and show the time axis on the `last`."""
    ax.set_title(label, loc="left", fontsize=9.5, pad=3)
    if color:
        for spine in ax.spines.values():
            spine.set(edgecolor=GATE_COLORS[color], linewidth=1.8)
    ax.yaxis.set_major_locator(MaxNLocator(4, integer=True, min_n_ticks=1))
    ax.xaxis.set_major_locator(MaxNLocator(10, integer=True))
    ax.tick_params(labelsize=8, labelbottom=last, bottom=last)


def _add_colorbar(
    fig: Figure, spec: SubplotSpec, mesh: AxesImage, th: Theme, limits: tuple[float, float]
) -> None:
    """Add the colour bar of `mesh` in `spec`, ticked at its ends and its middle."""
    lo, hi = limits
    bar = fig.colorbar(mesh, cax=fig.add_subplot(spec))
    bar.ax.tick_params(labelsize=7.5)
    if lo < 0:
        ticks, labels = [lo, 0, hi], [f"{v:.2g}".replace("-", "\u2212") for v in (lo, 0, hi)]
    else:
        ticks, labels = [0, 0.5, 1], ["0", "0.5", "1"]
    bar.set_ticks(ticks, labels=labels)
    bar.outline.set_edgecolor(th.muted)


def _label_figure(
    fig: Figure, axes: dict[str, Axes], th: Theme, sizes: tuple[int, int], language: str
) -> None:
    """Name the time axis (under the last panel) and the component axis, and add the title.

    `sizes` is (timesteps, units).
    """
    timesteps, units = sizes
    axes["h"].set_xlabel(translated(language, "time step t"))
    fig.text(
        0.02,
        0.5,
        translated(language, "component (unit, or input feature for x)"),
        rotation=90,
        ha="left",
        va="center",
        fontsize=9,
        color=th.muted,
    )
    fig.suptitle(
        translated(
            language,
            "Gates and states over {timesteps} steps (units={units})",
            timesteps=timesteps,
            units=units,
        ),
        fontsize=11.5,
        fontweight="bold",
        y=0.99,
    )


def _alt_text(
    timesteps: int, input_dim: int, units: int, b: int, values: str, language: str
) -> str:
    """Describe the seven heatmaps in words, with `values`, the range of values of each."""
    return translated(
        language,
        "Seven heatmaps sharing a time axis of {timesteps} steps: the input x_t"
        " ({input_dim} features) then, for each of the {units} units, the input gate i,"
        " forget gate f, candidate c~, output gate o, cell state c and hidden state h of"
        " sequence {b}. Gates are shown on 0..1, c~ and h on -1..1. Values: {values}.",
        timesteps=timesteps,
        input_dim=input_dim,
        units=units,
        b=b,
        values=values,
    )
