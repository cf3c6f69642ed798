"""Show a figure in a notebook or on the site, in a light and a dark variant, with its alt text.

Every figure helper of the package takes a ``theme`` and a ``language`` and returns what it
drew, including an ``alt`` text. :func:`show` calls a helper once per theme and language, and
returns an object that Jupyter (and so MyST-NB, when the site is built) displays as HTML: two
``<img>`` elements per language that carry the alt text, the language (``lang="en"``) and
Furo's ``only-light`` / ``only-dark`` classes, so the page shows the variant that matches the
reader's colour scheme and the theme toggle. Each image is a self-contained SVG data URL, so
figures need no file next to the page and no other host.

The languages drawn are ``figure_languages()``: English unless the environment variable
``LSTM_EXPLAINED_FIGURE_LANGUAGES`` lists others (``"en,fr"``). The site's ``conf.py`` sets it
to the site's languages, so that one execution of a page serves every language of the site
(``docs/_ext/figure_files.py`` keeps the build's own); a reader who wants one language asks
for it, ``show(cell_diagram, 4, 3, language="fr")``.
"""

from __future__ import annotations

import html
import inspect
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import quote

from lstm_explained.figures.style import figure_to_svg
from lstm_explained.figures.texts import LANGUAGES, check_language

THEMES = ("light", "dark")
#: The environment variable that lists the languages :func:`show` draws, comma-separated.
LANGUAGES_VARIABLE = "LSTM_EXPLAINED_FIGURE_LANGUAGES"
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


def figure_languages() -> tuple[str, ...]:
    """The languages :func:`show` draws: ``LSTM_EXPLAINED_FIGURE_LANGUAGES``, else English.

    The variable holds language codes separated by commas (``"en,fr"``); spaces around them and
    repeated codes are ignored, and an unset or blank variable means ``"en"``.

    Raises
    ------
    ValueError
        If a code is not one of the figures' languages (``"en"``, ``"fr"``), or is empty.

    Examples
    --------
    >>> set(figure_languages()) <= set(LANGUAGES)  # English alone when the variable is unset
    True
    """
    value = os.environ.get(LANGUAGES_VARIABLE, "")
    if not value.strip():
        return ("en",)
    codes = [code.strip() for code in value.split(",")]
    for code in codes:
        if code not in LANGUAGES:
            raise ValueError(
                f"{LANGUAGES_VARIABLE} must list language codes among "
                f"{', '.join(map(repr, LANGUAGES))}, separated by commas; got {code!r} "
                f"in {value!r}"
            )
    return tuple(dict.fromkeys(codes))


@dataclass(frozen=True)
class ThemedFigure:
    """A figure rendered once per theme (and per language), ready to display.

    `svg`, `alt` and `drawn` are those of the figure in `language` (English, unless English
    was not drawn); `others` holds the same figure in each other language drawn, and
    ``in_language`` finds any of them.

    Attributes
    ----------
    svg : dict of str to str
        SVG text per theme, keyed ``"light"`` and ``"dark"``.
    alt : str
        The text alternative, as produced by the figure helper.
    drawn : dict of str to object
        What the helper returned for each theme (artists, for inspection).
    language : str or None, default "en"
        The language of `svg` and `alt`; ``None`` for a helper that takes no ``language``
        (its text is its own, and its images carry no ``lang``).
    others : tuple of ThemedFigure, default ()
        The figure in the other languages drawn, each with no `others` of its own.
    """

    svg: dict[str, str]
    alt: str
    drawn: dict[str, Drawn]
    language: str | None = "en"
    others: tuple[ThemedFigure, ...] = ()

    @property
    def languages(self) -> tuple[str | None, ...]:
        """The languages drawn, this figure's first."""
        return (self.language, *(other.language for other in self.others))

    def in_language(self, language: str) -> ThemedFigure:
        """The figure drawn in `language`.

        Raises
        ------
        ValueError
            If the figure was not drawn in `language`.
        """
        for variant in (self, *self.others):
            if variant.language == language:
                return variant
        drawn = ", ".join(repr(code) for code in self.languages)
        raise ValueError(f"this figure was drawn in {drawn}; not in language={language!r}")

    def data_url(self, theme: str) -> str:
        """The SVG of `theme` as a ``data:`` URL (no double quote in it, ready for HTML)."""
        svg = self.svg[theme]
        if "'" not in svg:  # then double quotes only delimit attribute values
            svg = svg.replace('"', "'")
        return "data:image/svg+xml;charset=utf-8," + quote(svg, safe=_URL_SAFE)

    def _images(self) -> str:
        """The two ``<img>`` of this language (light, dark), with its ``lang`` when it has one."""
        alt = html.escape(self.alt, quote=True)
        lang = "" if self.language is None else f' lang="{html.escape(self.language)}"'
        return "".join(
            f'<img class="lstm-figure only-{theme}" src="{self.data_url(theme)}" alt="{alt}"'
            f"{lang}>"
            for theme in THEMES
        )

    def _repr_html_(self) -> str:
        images = "".join(variant._images() for variant in (self, *self.others))
        return f'<div class="lstm-figure-pair">{images}</div>'

    def __repr__(self) -> str:  # the text/plain fallback is the alt text
        return f"<figure: {self.alt}>"


def show(
    draw: Callable[..., Drawn], /, *args: Any, language: str | None = None, **kwargs: Any
) -> ThemedFigure:
    """Call the figure helper `draw` once per theme and language, and return every rendering.

    Parameters
    ----------
    draw : callable
        A figure helper of this package that accepts ``theme=`` and ``language=`` (for example
        :func:`lstm_explained.figures.cell_diagram`). A helper without ``language`` (one a
        page defines) is drawn once per theme, in its own words, with no ``lang`` on its
        images.
    *args, **kwargs
        Passed to `draw` unchanged (do not pass ``theme`` or ``ax``).
    language : {"en", "fr"}, optional
        Draw in this language only. By default, in every language of
        ``figure_languages()`` (English alone unless ``LSTM_EXPLAINED_FIGURE_LANGUAGES``
        says otherwise).

    Returns
    -------
    ThemedFigure
        Displayed as HTML in Jupyter: the light and the dark variant of each language, English
        first. Its ``svg``, ``alt`` and ``drawn`` are English's when English is drawn;
        ``in_language(code)`` gives another language's. The alt text is the light variant's.

    Raises
    ------
    TypeError
        If `draw` is not callable, ``theme`` or ``ax`` is given, or `language` is given for a
        helper that takes no ``language``.
    ValueError
        If `language`, or a code of ``LSTM_EXPLAINED_FIGURE_LANGUAGES``, is unknown.

    Examples
    --------
    >>> from lstm_explained.figures.weights_diagram import weights_diagram
    >>> figure = show(weights_diagram, 3, 2, language="fr")
    >>> figure.languages, figure._repr_html_().count('lang="fr"')
    (('fr',), 2)
    """
    if not callable(draw):
        raise TypeError(f"draw must be a figure helper (callable), got {draw!r}")
    for forbidden in ("theme", "ax"):
        if forbidden in kwargs:
            raise TypeError(f"show() draws each theme itself; do not pass {forbidden}=")
    if not _takes_language(draw):
        if language is not None:
            raise TypeError(f"{draw!r} takes no language=; show() cannot draw it in {language!r}")
        return _render(draw, args, kwargs, None)
    codes = figure_languages() if language is None else (check_language(language),)
    codes = sorted(codes, key=lambda code: code != "en")  # English first, the others in order
    first, *others = (_render(draw, args, kwargs, code) for code in codes)
    return ThemedFigure(first.svg, first.alt, first.drawn, first.language, tuple(others))


def _takes_language(draw: Callable[..., Any]) -> bool:
    """Whether `draw` accepts ``language=`` (by name, or through ``**kwargs``)."""
    try:
        parameters = inspect.signature(draw).parameters.values()
    except (TypeError, ValueError):  # no signature to read: assume a helper of this package
        return True
    return any(
        (p.name == "language" and p.kind != p.POSITIONAL_ONLY) or p.kind == p.VAR_KEYWORD
        for p in parameters
    )


def _render(
    draw: Callable[..., Drawn], args: tuple, kwargs: dict[str, Any], language: str | None
) -> ThemedFigure:
    """Draw both themes in `language` (``None``: the helper's own words) and render them."""
    extra = {} if language is None else {"language": language}
    drawn = {theme: draw(*args, theme=theme, **extra, **kwargs) for theme in THEMES}
    svg = {theme: figure_to_svg(result.figure) for theme, result in drawn.items()}
    return ThemedFigure(svg=svg, alt=drawn["light"].alt, drawn=drawn, language=language)
