"""docs/_ext/figure_downloads.py: the figures page's files and links, in the build's language."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "_ext"))
pytest.importorskip("sphinx")

import figure_downloads  # docs/_ext/figure_downloads.py
from sphinx.errors import ExtensionError

from lstm_explained.figures.cell_diagram import cell_diagram

FIGURES = [{"name": "cell", "alt": 'Diagram "one" <cell>'}]


@pytest.fixture(scope="module")
def french(tmp_path_factory):
    """The French export, drawn once through the cache as a French build draws it."""
    doctrees = tmp_path_factory.mktemp("doctrees")
    app = SimpleNamespace(
        config=SimpleNamespace(figure_downloads_key="k", language="fr"), doctreedir=doctrees
    )
    folder, figures = figure_downloads.exported(app)
    return folder, figures


def test_a_french_build_draws_french_figures_under_the_same_names(french):
    folder, figures = french
    assert folder.name == "k-fr"  # one cache per language
    assert json.loads((folder / "figures.json").read_text(encoding="utf-8")) == figures
    cell = next(figure for figure in figures if figure["name"] == "cell")
    assert cell["alt"] == cell_diagram(4, 3, language="fr").alt
    names = {path.name for path in folder.iterdir()}
    assert {"cell.svg", "cell.png", "cell-dark.svg", "cell-dark.png", "README.md"} <= names
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Figures de «\u00a0LSTM units, explained\u00a0»")
    assert "format=svg et png, theme=both, language=fr" in readme
    assert f"- `cell-dark.png`\u00a0: {cell['alt']}" in readme


def test_the_files_are_the_french_drawings(french, tmp_path):
    from lstm_explained.figures.cli import PNG_DPI, figure_set
    from lstm_explained.figures.style import save_figure

    folder, _ = french
    for language in ("en", "fr"):
        drawn = dict(figure_set(4, 3, 5, "dark", language))["weights"]()
        save_figure(drawn.figure, tmp_path / f"{language}.png", "png", dpi=PNG_DPI)
    saved = (folder / "weights-dark.png").read_bytes()
    assert saved == (tmp_path / "fr.png").read_bytes() != (tmp_path / "en.png").read_bytes()


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["<strong>Alt text:</strong>", "Download: ", "SVG, light", "PNG, dark"]),
        (
            "fr",
            [
                "<strong>Texte alternatif\u00a0:</strong>",
                "Télécharger\u00a0: ",
                "SVG, clair",
                "PNG, sombre",
                "Tous les fichiers avec leur texte alternatif\u00a0:",
            ],
        ),
    ],
)
def test_the_links_are_in_the_build_language(language, words):
    blocks = figure_downloads.download_blocks(FIGURES, "../_figures", language)
    page = "".join(blocks)
    for word in words:
        assert word in page
    assert 'href="../_figures/cell-dark.png" download' in page
    assert "Diagram &quot;one&quot; &lt;cell&gt;" in page
    assert blocks[-1].endswith('<a href="../_figures/README.md">README.md</a>.</p>')


def test_a_language_without_words_stops_the_build():
    with pytest.raises(ExtensionError, match="no 'de' translation"):
        figure_downloads.download_blocks(FIGURES, "_figures", "de")
