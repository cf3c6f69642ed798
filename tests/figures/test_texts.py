"""Tests of figures.texts: every figure in every language, and the French catalogue itself."""

import re
import string

import numpy as np
import pytest

from lstm_explained.figures import texts
from lstm_explained.figures.cell_diagram import HIGHLIGHTS, cell_diagram
from lstm_explained.figures.cli import figure_set, gate_input
from lstm_explained.figures.coupling import coupling_figure
from lstm_explained.figures.gate_plots import gate_plot
from lstm_explained.figures.gru_cell_diagram import gru_cell_diagram
from lstm_explained.figures.layer_weights_diagram import layer_weights_diagram
from lstm_explained.figures.unrolled_diagram import unrolled_diagram
from lstm_explained.figures.vocabulary_diagram import vocabulary_diagram
from lstm_explained.figures.weights_diagram import weights_diagram
from lstm_explained.reference.sequence import lstm_trace
from lstm_explained.reference.weights import LSTMWeights

FRENCH = texts.TRANSLATIONS["fr"]
WEIGHTS = LSTMWeights.random(3, 4, seed=0)
X = gate_input(5, 3)

#: Every public drawing function, with arguments, and a French word its drawing must show.
HELPERS = {
    "cell_diagram": (lambda **k: cell_diagram(4, 3, **k), "entrée"),
    "unrolled_diagram": (lambda **k: unrolled_diagram(5, 4, 3, **k), "déroulée"),
    "weights_diagram": (lambda **k: weights_diagram(3, 4, **k), "paramètres"),
    "coupling_figure": (lambda **k: coupling_figure(WEIGHTS, **k), "unité"),
    "gate_plot": (lambda **k: gate_plot(lstm_trace(X, WEIGHTS), X, **k), "porte d'oubli"),
    "gru_cell_diagram": (lambda **k: gru_cell_diagram(4, 3, **k), "mise à jour"),
    "layer_weights_diagram": (lambda **k: layer_weights_diagram(3, 4, **k), "Poids"),
    "vocabulary_diagram": (lambda **k: vocabulary_diagram(3, **k), "bloc mémoire"),
}
#: Words of the English figures that a French figure must not show (outside code and math).
ENGLISH_WORDS = re.compile(r"\b(the|every|of|and|with|gate|state|step|parameters|Weights)\b")


def drawn_texts(result) -> list[str]:
    """Every text of the figure of `result`: titles, labels, annotations, tick labels."""
    from matplotlib.text import Text

    return [t.get_text() for t in result.figure.findobj(Text) if t.get_text()]


@pytest.mark.parametrize("name", HELPERS)
def test_french_figures_have_french_text_and_alt(name):
    draw, word = HELPERS[name]
    english, french = draw(), draw(language="fr")
    words = "\n".join(drawn_texts(french))
    assert word in words
    assert french.alt != english.alt
    assert not ENGLISH_WORDS.search(re.sub(r"\$[^$]*\$", "", words)), words
    assert not ENGLISH_WORDS.search(french.alt), french.alt
    # Typography: a no-break space, never a plain one, before a colon or a semicolon.
    for text in (words, french.alt):
        assert not re.search(r" [:;]", text), text


@pytest.mark.parametrize("name", HELPERS)
def test_english_is_the_default_and_other_languages_are_refused(name):
    draw, _ = HELPERS[name]
    assert draw(language="en").alt == draw().alt
    with pytest.raises(ValueError, match=r"language must be one of 'en', 'fr'; got 'de'"):
        draw(language="de")
    with pytest.raises(ValueError, match="language must be one of"):
        draw(language=None)


def test_every_french_text_is_used_and_has_every_field_of_its_english():
    """Draw every figure in French with each option: each translation is looked up."""
    used = set()

    class Recording(dict):
        def __getitem__(self, key):
            used.add(key)
            return super().__getitem__(key)

    catalogue = Recording(FRENCH)
    original = texts.TRANSLATIONS
    texts.TRANSLATIONS = {"fr": catalogue}
    try:
        for theme in ("light",):
            for _, draw in figure_set(4, 3, 5, theme, "fr"):
                draw()
        gru_cell_diagram(2, 2, reset_after=False, language="fr")
        layer_weights_diagram(2, 2, reset_after=False, language="fr")
        assert len(HIGHLIGHTS) == 6  # figure_set draws each of them
        from lstm_explained.figures.cli import readme

        readme("units=4", [("cell.svg", "Schéma.")], "fr")
    finally:
        texts.TRANSLATIONS = original
    assert set(FRENCH) - used == set()
    for english, french in FRENCH.items():
        fields = {f for _, f, _, _ in string.Formatter().parse(english) if f}
        french_fields = {f for _, f, _, _ in string.Formatter().parse(french) if f}
        assert fields <= french_fields, (english, french)
        assert french_fields - fields <= {"input_s", "units_s"}, french  # French plurals


def test_french_counts_group_digits_with_a_narrow_no_break_space():
    d = weights_diagram(300, 200, language="fr")
    assert d.total == 400_800
    assert "400\u202f800 paramètres" in d.count_text.get_text()
    assert "400\u202f800 paramètres" in d.alt
    assert "400,800" not in d.alt
    assert "400,800 parameters" in weights_diagram(300, 200).alt


def test_french_plurals_of_the_cell_diagram():
    assert "1 composante (units=1)" in cell_diagram(1, 2, language="fr").alt
    assert "2 composantes (input_dim=2)" in cell_diagram(1, 2, language="fr").alt


def test_values_keep_their_decimal_point_in_french():
    plot = gate_plot(lstm_trace(X, WEIGHTS), X, language="fr")
    low = float(np.asarray(X).min())
    assert f"x de {low:.2f} à" in plot.alt


def test_a_text_without_translation_is_named():
    with pytest.raises(KeyError, match="no 'fr' text for 'not a text'"):
        texts.translated("fr", "not a text")
