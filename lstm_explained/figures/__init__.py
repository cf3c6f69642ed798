"""The figures: every diagram and plot of the site, drawn with matplotlib from the reference.

This subpackage imports :mod:`lstm_explained.reference` (the numbers it draws) and never the
other way round. Each figure function takes an optional ``ax`` and a ``theme``, draws, and
returns a small dataclass of what it drew, with the figure's alt text. Each also takes a
``language`` (``"en"``, the default, or ``"fr"``) for its text and alt text.

Modules, in reading order: :mod:`~.style` (colours, themes, deterministic SVG and PNG),
:mod:`~.texts` (the figures' words in each language), :mod:`~.diagrams` (building blocks),
:mod:`~.cell_diagram`, :mod:`~.unrolled_diagram`, :mod:`~.weights_diagram`, :mod:`~.coupling`,
:mod:`~.gate_plots`, :mod:`~.vocabulary_diagram`, the other layers (:mod:`~.gru_cell_diagram`,
:mod:`~.layer_weights_diagram`), :mod:`~.display` (both themes, and each language, in a
notebook) and :mod:`~.cli` (the figure set written by ``python -m lstm_explained``).
"""

from lstm_explained.figures.cell_diagram import HIGHLIGHTS, CellDiagram, cell_diagram
from lstm_explained.figures.coupling import CouplingFigure, coupling_figure
from lstm_explained.figures.display import ThemedFigure, figure_languages, show
from lstm_explained.figures.gate_plots import GatePlot, gate_plot
from lstm_explained.figures.gru_cell_diagram import GRUCellDiagram, gru_cell_diagram
from lstm_explained.figures.layer_weights_diagram import LayerWeightsDiagram, layer_weights_diagram
from lstm_explained.figures.style import (
    GATE_COLORS,
    THEMES,
    Theme,
    figure_to_png,
    figure_to_svg,
    get_theme,
    save_figure,
)
from lstm_explained.figures.unrolled_diagram import UnrolledDiagram, unrolled_diagram
from lstm_explained.figures.vocabulary_diagram import VocabularyDiagram, vocabulary_diagram
from lstm_explained.figures.weights_diagram import WeightsDiagram, weights_diagram

__all__ = [
    "GATE_COLORS",
    "HIGHLIGHTS",
    "THEMES",
    "CellDiagram",
    "CouplingFigure",
    "GRUCellDiagram",
    "GatePlot",
    "LayerWeightsDiagram",
    "Theme",
    "ThemedFigure",
    "UnrolledDiagram",
    "VocabularyDiagram",
    "WeightsDiagram",
    "cell_diagram",
    "coupling_figure",
    "figure_languages",
    "figure_to_png",
    "figure_to_svg",
    "gate_plot",
    "get_theme",
    "gru_cell_diagram",
    "layer_weights_diagram",
    "save_figure",
    "show",
    "unrolled_diagram",
    "vocabulary_diagram",
    "weights_diagram",
]
