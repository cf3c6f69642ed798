"""Show a figure in a notebook or on the site, in a light and a dark variant, with its alt text.

Every figure helper of the package takes a ``theme`` and returns what it drew, including an
``alt`` text. :func:`show` calls a helper twice, once per theme, and returns an object that
Jupyter (and so MyST-NB, when the site is built) displays as HTML: two ``<img>`` elements that
carry the alt text and Furo's ``only-light`` / ``only-dark`` classes, so the page shows the
variant that matches the reader's colour scheme and the theme toggle. Each image is a
self-contained SVG data URL, so figures need no file next to the page and no other host.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import quote

from lstm_explained.figures.style import figure_to_svg

THEMES = ("light", "dark")
# Characters left as they are in the SVG data URL; everything else is percent-encoded, which
# keeps the URL valid inside a double-quoted HTML attribute and far smaller than base64. "<" and
# ">" may stand as they are in an attribute value and in a data URL (browsers read it as is),
# and the SVG's own attribute quotes become single quotes: "<", ">" and '"' are in every tag,
# and encoding each as three characters would make the page about 15 % heavier.
_URL_SAFE = " =/:;,.-_'()!*@+?[]{}|~^$<>"


class Drawn(Protocol):
    """What a figure helper returns: at least the figure and its alt text."""

    @property
    def figure(self) -> Any: ...  # matplotlib.figure.Figure

    @property
    def alt(self) -> str: ...


@dataclass(frozen=True)
class ThemedFigure:
    """A figure rendered once per theme, ready to display.

    Attributes
    ----------
    svg : dict of str to str
        SVG text per theme, keyed ``"light"`` and ``"dark"``.
    alt : str
        The text alternative, as produced by the figure helper.
    drawn : dict of str to object
        What the helper returned for each theme (artists, for inspection).
    """

    svg: dict[str, str]
    alt: str
    drawn: dict[str, Drawn]

    def data_url(self, theme: str) -> str:
        """The SVG of `theme` as a ``data:`` URL (no double quote in it, ready for HTML)."""
        svg = self.svg[theme]
        if "'" not in svg:  # then double quotes only delimit attribute values
            svg = svg.replace('"', "'")
        return "data:image/svg+xml;charset=utf-8," + quote(svg, safe=_URL_SAFE)

    def _repr_html_(self) -> str:
        alt = html.escape(self.alt, quote=True)
        images = "".join(
            f'<img class="lstm-figure only-{theme}" src="{self.data_url(theme)}" alt="{alt}">'
            for theme in THEMES
        )
        return f'<div class="lstm-figure-pair">{images}</div>'

    def __repr__(self) -> str:  # the text/plain fallback is the alt text
        return f"<figure: {self.alt}>"


def show(draw: Callable[..., Drawn], /, *args: Any, **kwargs: Any) -> ThemedFigure:
    """Call the figure helper `draw` once per theme and return both renderings.

    Parameters
    ----------
    draw : callable
        A figure helper of this package that accepts ``theme=`` (for example
        :func:`lstm_explained.figures.cell_diagram`).
    *args, **kwargs
        Passed to `draw` unchanged (do not pass ``theme`` or ``ax``).

    Returns
    -------
    ThemedFigure
        Displayed as HTML in Jupyter; the alt text is the light variant's.

    Raises
    ------
    TypeError
        If `draw` is not callable, or ``theme`` or ``ax`` is given.
    """
    if not callable(draw):
        raise TypeError(f"draw must be a figure helper (callable), got {draw!r}")
    for forbidden in ("theme", "ax"):
        if forbidden in kwargs:
            raise TypeError(f"show() draws each theme itself; do not pass {forbidden}=")
    drawn = {theme: draw(*args, theme=theme, **kwargs) for theme in THEMES}
    svg = {theme: figure_to_svg(result.figure) for theme, result in drawn.items()}
    return ThemedFigure(svg=svg, alt=drawn["light"].alt, drawn=drawn)
