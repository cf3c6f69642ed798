"""Tests of figures.display: one rendering per theme, alt text, self-contained data URLs."""

import re
from urllib.parse import unquote

import pytest

from lstm_explained.figures.cell_diagram import cell_diagram
from lstm_explained.figures.display import (
    LANGUAGES_VARIABLE,
    THEMES,
    ThemedFigure,
    figure_languages,
    show,
)
from lstm_explained.figures.weights_diagram import weights_diagram

PREFIX = "data:image/svg+xml;charset=utf-8,"


@pytest.fixture(scope="module")
def shown() -> ThemedFigure:
    with pytest.MonkeyPatch.context() as patch:  # drawn in English alone, whatever the caller's
        patch.delenv(LANGUAGES_VARIABLE, raising=False)
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


# -- languages (issue 18) -------------------------------------------------------------------------


@pytest.fixture
def both_languages(monkeypatch):
    monkeypatch.setenv(LANGUAGES_VARIABLE, "en,fr")


def test_figure_languages_reads_the_environment(monkeypatch):
    monkeypatch.delenv(LANGUAGES_VARIABLE, raising=False)
    assert figure_languages() == ("en",)
    monkeypatch.setenv(LANGUAGES_VARIABLE, " ")
    assert figure_languages() == ("en",)
    monkeypatch.setenv(LANGUAGES_VARIABLE, "fr, en,fr")
    assert figure_languages() == ("fr", "en")


@pytest.mark.parametrize("value", ["en,de", "en,", "EN", "english"])
def test_an_unknown_language_in_the_environment_is_refused(monkeypatch, value):
    monkeypatch.setenv(LANGUAGES_VARIABLE, value)
    with pytest.raises(ValueError, match=f"{LANGUAGES_VARIABLE} must list language codes among"):
        figure_languages()
    with pytest.raises(ValueError, match="'en', 'fr'"):
        show(weights_diagram, 3, 2)


def test_one_language_is_todays_html_with_lang(shown, images_in, monkeypatch):
    monkeypatch.delenv(LANGUAGES_VARIABLE, raising=False)
    assert shown.languages == ("en",)
    assert [img["lang"] for img in images_in(shown._repr_html_())] == ["en", "en"]


def test_two_languages_give_four_images_with_lang(both_languages, images_in):
    figure = show(cell_diagram, 4, 3, highlight="f")
    page = figure._repr_html_()
    assert page.count('<div class="lstm-figure-pair">') == 1
    images = images_in(page)
    assert [(img["lang"], img["class"]) for img in images] == [
        ("en", "lstm-figure only-light"),
        ("en", "lstm-figure only-dark"),
        ("fr", "lstm-figure only-light"),
        ("fr", "lstm-figure only-dark"),
    ]
    french = figure.in_language("fr")
    assert [img["alt"] for img in images] == [figure.alt] * 2 + [french.alt] * 2
    assert [img["src"] for img in images[2:]] == [french.data_url(t) for t in THEMES]
    # The English attributes are what they were with English alone.
    english = cell_diagram(4, 3, highlight="f")
    assert figure.language == "en"
    assert figure.alt == english.alt
    assert figure.drawn["light"].alt == english.alt
    assert french.alt == cell_diagram(4, 3, highlight="f", language="fr").alt
    assert "porte d'oubli" in french.alt
    assert "Porte d'oubli" in french.drawn["dark"].title.get_text()
    assert figure.in_language("en") is figure


def test_english_comes_first_whatever_the_order_of_the_variable(monkeypatch):
    monkeypatch.setenv(LANGUAGES_VARIABLE, "fr,en")
    figure = show(weights_diagram, 3, 2)
    assert figure.languages == ("en", "fr")
    assert figure.alt == weights_diagram(3, 2).alt


def test_a_reader_can_ask_for_french_only(both_languages, images_in):
    figure = show(weights_diagram, 3, 2, language="fr")
    assert figure.languages == ("fr",)
    assert figure.alt == weights_diagram(3, 2, language="fr").alt
    assert [img["lang"] for img in images_in(figure._repr_html_())] == ["fr", "fr"]
    with pytest.raises(ValueError, match="not in language='en'"):
        figure.in_language("en")
    with pytest.raises(ValueError, match="language must be one of 'en', 'fr'; got 'de'"):
        show(weights_diagram, 3, 2, language="de")


def test_a_helper_without_language_is_drawn_once_per_theme_without_lang(both_languages, images_in):
    calls = []

    def own_plot(n, *, theme="light"):  # a helper a page defines, as docs/how-to does
        calls.append(theme)
        return weights_diagram(n, 2, theme=theme)

    figure = show(own_plot, 3)
    assert calls == list(THEMES)
    assert figure.language is None
    assert figure.others == ()
    assert all("lang" not in img for img in images_in(figure._repr_html_()))
    with pytest.raises(TypeError, match="takes no language="):
        show(own_plot, 3, language="fr")
