"""Tests of figures.display: one rendering per theme, alt text, self-contained data URLs."""

import re
from urllib.parse import unquote

import pytest

from lstm_explained.figures.cell_diagram import cell_diagram
from lstm_explained.figures.display import THEMES, ThemedFigure, show
from lstm_explained.figures.weights_diagram import weights_diagram

PREFIX = "data:image/svg+xml;charset=utf-8,"


@pytest.fixture(scope="module")
def shown() -> ThemedFigure:
    return show(cell_diagram, 4, 3, highlight="f")


def test_one_rendering_per_theme(shown):
    assert set(shown.svg) == set(shown.drawn) == set(THEMES) == {"light", "dark"}
    assert shown.svg["light"] != shown.svg["dark"]
    assert all(svg.lstrip().startswith("<svg") for svg in shown.svg.values())
    assert shown.alt == shown.drawn["light"].alt == cell_diagram(4, 3, highlight="f").alt
    assert all(d.highlight == "f" for d in shown.drawn.values())


@pytest.mark.parametrize("theme", THEMES)
def test_data_url_is_self_contained_and_decodes_to_the_svg(shown, theme):
    url = shown.data_url(theme)
    assert url.startswith(PREFIX)
    assert '"' not in url, "the URL goes inside a double-quoted HTML attribute"
    assert not re.search(r"https?://(?!www\.w3\.org/)", unquote(url)), "no other host"
    decoded = unquote(url[len(PREFIX) :])
    assert decoded in (shown.svg[theme], shown.svg[theme].replace('"', "'"))


def test_html_pairs_the_two_images_with_the_alt_text(shown, images_in):
    images = images_in(shown._repr_html_())
    assert [img["class"] for img in images] == ["lstm-figure only-light", "lstm-figure only-dark"]
    assert [img["src"] for img in images] == [shown.data_url(theme) for theme in THEMES]
    assert all(img["alt"] == shown.alt for img in images)
    assert repr(shown) == f"<figure: {shown.alt}>"


def test_alt_text_is_escaped_in_html(images_in):
    figure = show(weights_diagram, 3, 2)
    tricky = ThemedFigure(svg=figure.svg, alt='a "quoted" <alt> & more', drawn=figure.drawn)
    page = tricky._repr_html_()
    assert 'alt="a &quot;quoted&quot; &lt;alt&gt; &amp; more"' in page
    assert all(img["alt"] == tricky.alt for img in images_in(page))


@pytest.mark.parametrize(
    ("draw", "kwargs", "message"),
    [
        ("not a function", {}, "draw must be a figure helper"),
        (cell_diagram, {"theme": "dark"}, "do not pass theme="),
        (cell_diagram, {"ax": None}, "do not pass ax="),
    ],
)
def test_bad_arguments_raise_type_error(draw, kwargs, message):
    with pytest.raises(TypeError, match=message):
        show(draw, 4, 3, **kwargs)
