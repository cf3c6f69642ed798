"""Colours, themes and deterministic saving for every figure of the site.

One colour-blind-safe palette (Okabe and Ito, 2008) gives each gate the same colour in every
figure and in both themes. A theme only changes the ink (text, lines) and the colour maps, so
the light variant reads on Furo's white page and the dark variant on its ``#131416`` page.
Figures have a transparent background.

Settings are applied with :func:`matplotlib.rc_context` inside each helper (never globally),
and the save functions fix everything that would otherwise vary between runs: the SVG date and
id salt, the PNG ``Software`` field. The same call gives the same bytes twice.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from os import PathLike
from typing import IO, TYPE_CHECKING, Literal

import matplotlib as mpl
from matplotlib.colors import to_hex, to_rgb
from matplotlib.figure import Figure

from lstm_explained.reference.validation import check_choice

if TYPE_CHECKING:
    from matplotlib.colors import Colormap

__all__ = [
    "GATE_COLORS",
    "GATE_NAMES",
    "GRU_GATE_COLORS",
    "GRU_GATE_NAMES",
    "STATE_COLORS",
    "THEMES",
    "Theme",
    "compact_svg",
    "figure_to_png",
    "figure_to_svg",
    "get_theme",
    "new_figure",
    "save_figure",
    "themed",
]

#: Okabe-Ito colours, one per gate, in Keras's gate order (i, f, c, o).
GATE_COLORS: dict[str, str] = {
    "i": "#0072B2",  # blue
    "f": "#D55E00",  # vermillion
    "c": "#009E73",  # bluish green
    "o": "#CC79A7",  # reddish purple
}
#: How the gates are named in figure text (``c`` is the candidate ``c_tilde``).
GATE_NAMES: dict[str, str] = {
    "i": "input gate",
    "f": "forget gate",
    "c": "candidate",
    "o": "output gate",
}
#: The GRU's blocks in Keras's order (z, r, h), in the palette's colours. The update gate z takes
#: the forget gate's colour (z = 1 keeps the previous state, as f = 1 does), the candidate the
#: LSTM candidate's, and the reset gate, which decides how much of h_t-1 the candidate sees, the
#: output gate's (which decides how much of c the layer shows).
GRU_GATE_COLORS: dict[str, str] = {
    "z": GATE_COLORS["f"],
    "r": GATE_COLORS["o"],
    "h": GATE_COLORS["c"],
}
#: How the GRU's blocks are named in figure text (``h`` is the candidate ``h_tilde``).
GRU_GATE_NAMES: dict[str, str] = {
    "z": "update gate",
    "r": "reset gate",
    "h": "candidate",
}
#: Okabe-Ito colours for the vectors that are not gates.
STATE_COLORS: dict[str, str] = {
    "x": "#56B4E9",  # sky blue: the input x_t
    "h": "#999999",  # grey: the hidden state h
    "c": "#E69F00",  # orange: the cell state c
}
#: The SVG id salt, so that clip-path and glyph ids do not change between runs.
SVG_HASHSALT = "lstm-explained"
#: Settings shared by both themes; also applied when saving.
BASE_RC: dict[str, object] = {
    "font.family": "DejaVu Sans",
    "font.size": 10.0,
    "mathtext.fontset": "dejavusans",
    "axes.unicode_minus": True,
    "svg.fonttype": "path",
    "svg.hashsalt": SVG_HASHSALT,
    "figure.dpi": 100,
    "figure.facecolor": "none",
    "axes.facecolor": "none",
    "savefig.facecolor": "none",
    "savefig.edgecolor": "none",
    "savefig.bbox": None,
    "path.simplify": True,
}


@dataclass(frozen=True)
class Theme:
    """Ink and colour maps of one theme.

    Attributes
    ----------
    name : str
        ``"light"`` or ``"dark"``.
    page : str
        The page colour the figure is shown on (the figure itself is transparent).
    ink, muted : str
        Main text and line colour, and a quieter one for secondary labels.
    sequential, diverging : str
        Colour map names for values in 0..1 and for signed values.
    dim_alpha : float
        Opacity of the parts of a diagram that are not emphasised.
    """

    name: str
    page: str
    ink: str
    muted: str
    sequential: str
    diverging: str
    dim_alpha: float = 0.22

    def tint(self, color: str, amount: float = 0.22) -> str:
        """Return `color` mixed into the page colour (an opaque, lighter or darker fill).

        Examples
        --------
        >>> THEMES["light"].tint("#000000", 1.0)
        '#000000'
        """
        rgb = to_rgb(color)
        page = to_rgb(self.page)
        return to_hex(tuple(amount * c + (1 - amount) * p for c, p in zip(rgb, page, strict=True)))

    def cmap(self, kind: Literal["sequential", "diverging"]) -> Colormap:
        """Return the registered colour map of this theme for `kind`."""
        return mpl.colormaps[self.sequential if kind == "sequential" else self.diverging]

    def rc(self) -> dict[str, object]:
        """Return the rcParams of this theme (base settings plus ink colours)."""
        return {
            **BASE_RC,
            "text.color": self.ink,
            "axes.edgecolor": self.muted,
            "axes.labelcolor": self.ink,
            "axes.titlecolor": self.ink,
            "xtick.color": self.muted,
            "ytick.color": self.muted,
            "xtick.labelcolor": self.ink,
            "ytick.labelcolor": self.ink,
        }


THEMES: dict[str, Theme] = {
    "light": Theme(
        "light",
        page="#ffffff",
        ink="#1f2328",
        muted="#59636e",
        sequential="viridis",
        diverging="RdBu_r",
    ),
    "dark": Theme(
        "dark",
        page="#131416",
        ink="#e6edf3",
        muted="#9aa4ae",
        sequential="viridis",
        diverging="berlin",
        dim_alpha=0.28,
    ),
}


def get_theme(theme: str | Theme) -> Theme:
    """Return the :class:`Theme` called `theme` (``"light"`` or ``"dark"``).

    Raises
    ------
    ValueError
        If `theme` is not one of the known names.

    Examples
    --------
    >>> get_theme("dark").page
    '#131416'
    """
    if isinstance(theme, Theme):
        return theme
    return THEMES[check_choice("theme", theme, tuple(THEMES))]


@contextmanager
def themed(theme: str | Theme) -> Iterator[Theme]:
    """Apply the rcParams of `theme` for the duration of a ``with`` block and yield it."""
    resolved = get_theme(theme)
    with mpl.rc_context(resolved.rc()):
        yield resolved


def new_figure(width: float, height: float) -> Figure:
    """Return a new transparent :class:`~matplotlib.figure.Figure` (no pyplot) in inches."""
    return Figure(figsize=(width, height), facecolor="none")


def save_figure(
    fig: Figure,
    target: str | PathLike[str] | IO[bytes],
    format: Literal["svg", "png"] = "svg",
    *,
    dpi: float = 100,
) -> None:
    """Save `fig` to a path or binary buffer so that the bytes never vary between runs.

    SVG files carry no date and use a fixed id salt; PNG files carry no ``Software`` field.

    Raises
    ------
    ValueError
        If `format` is not ``"svg"`` or ``"png"``.
    """
    if format == "svg":
        metadata: dict[str, str | None] = {"Date": None, "Creator": None}
    elif format == "png":
        metadata = {"Software": None}
    else:
        raise ValueError(f"format must be 'svg' or 'png', got {format!r}")
    with mpl.rc_context(BASE_RC):
        fig.savefig(target, format=format, dpi=dpi, metadata=metadata)


_DECIMAL = re.compile(r"-?\d+\.\d+")
_SPACES = re.compile(r"\s+")
_PATH_COMMAND = re.compile(r" ?([MLQCZz]) ?")
_STYLE_SEPARATOR = re.compile(r"\s*([:;])\s*")


def _round(match: re.Match[str]) -> str:
    """A decimal number of an SVG coordinate, to 2 decimals (0.01 pt), without trailing zeros."""
    text = f"{float(match[0]):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _rounded(text: str) -> str:
    return _DECIMAL.sub(_round, text)


def _path_data(match: re.Match[str]) -> str:
    data = _SPACES.sub(" ", _rounded(match[1])).strip()
    return 'd="' + _PATH_COMMAND.sub(r"\1", data) + '"'


def compact_svg(svg: str) -> str:
    """Return matplotlib's SVG text `svg` without what a browser does not need to draw it.

    Dropped: the XML declaration and DOCTYPE, the ``<metadata>`` block, comments, whitespace
    between elements, inside path data, base64 images and style attributes, and the ids of
    groups that nothing refers to. Coordinates (path data, ``x``, ``y``, ``width``, ``height``
    and ``translate()``) are rounded to 0.01 pt, far below a pixel; scale factors stay exact.
    Pages embed each figure twice (light and dark), so this matters for their weight. The
    result is a pure function of `svg`: saving stays deterministic.

    Examples
    --------
    >>> compact_svg('<?xml version="1.0"?>\\n<svg>\\n<!-- 0 --><path d="M 0.123456 1 z"/></svg>')
    '<svg><path d="M0.12 1z"/></svg>'
    """
    svg = re.sub(r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>", "", svg)
    svg = re.sub(r"<metadata>.*?</metadata>|<!--.*?-->", "", svg, flags=re.DOTALL)
    svg = re.sub(r'\bd="([^"]*)"', _path_data, svg)
    svg = re.sub(
        r'\b(x|y|width|height)="(-?\d+\.\d+)"', lambda m: f'{m[1]}="{_rounded(m[2])}"', svg
    )
    svg = re.sub(r"translate\(([^)]*)\)", lambda m: f"translate({_rounded(m[1])})", svg)
    svg = re.sub(r'base64,([^"]*)"', lambda m: "base64," + _SPACES.sub("", m[1]) + '"', svg)
    svg = re.sub(r'style="([^"]*)"', lambda m: _STYLE_SEPARATOR.sub(r"\1", m[0]), svg)
    referenced = set(re.findall(r"#([\w.-]+)", svg))
    svg = re.sub(r'<g id="([^"]*)"', lambda m: m[0] if m[1] in referenced else "<g", svg)
    return re.sub(r">\s+<", "><", svg).strip()


def figure_to_svg(fig: Figure) -> str:
    """Return `fig` as compact SVG text (deterministic, see :func:`save_figure`).

    The text is matplotlib's SVG passed through ``compact_svg`` (in this module).

    Examples
    --------
    >>> fig = new_figure(1, 1)
    >>> figure_to_svg(fig) == figure_to_svg(fig)
    True
    >>> figure_to_svg(fig).startswith("<svg ")
    True
    """
    buffer = io.BytesIO()
    save_figure(fig, buffer, "svg")
    return compact_svg(buffer.getvalue().decode("utf-8"))


def figure_to_png(fig: Figure, dpi: float = 100) -> bytes:
    """Return `fig` as PNG bytes at `dpi` (deterministic, see :func:`save_figure`).

    Examples
    --------
    >>> png = figure_to_png(new_figure(1, 1), dpi=50)
    >>> png[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
    True
    """
    buffer = io.BytesIO()
    save_figure(fig, buffer, "png", dpi=dpi)
    return buffer.getvalue()
