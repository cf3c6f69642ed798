"""docs/_ext/notebook_downloads.py: the notebook a reader downloads from a page."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "_ext"))
nbformat = pytest.importorskip("nbformat")
pytest.importorskip("sphinx")

import notebook_downloads  # noqa: E402  (docs/_ext/notebook_downloads.py)
from sphinx.errors import ExtensionError  # noqa: E402

INSTALL = 'python -m pip install -e ".[keras]"'


def executed() -> nbformat.NotebookNode:
    """A small executed page: a hidden check, visible code with output, a hidden-input cell."""
    nb = nbformat.v4.new_notebook()
    hidden = nbformat.v4.new_code_cell("from myst_nb import glue\nglue('n', 3)")
    hidden.metadata["tags"] = ["remove-cell"]
    visible = nbformat.v4.new_code_cell("print(1 + 1)", execution_count=1)
    visible.outputs = [nbformat.v4.new_output("stream", name="stdout", text="2\n")]
    visible.metadata["execution"] = {"iopub.status.busy": "2026-11-30T04:00:00"}
    figure = nbformat.v4.new_code_cell("show(cell_diagram, 4, 3)")
    figure.metadata["tags"] = ["remove-input"]
    nb.cells = [nbformat.v4.new_markdown_cell("# Page\n\nText."), hidden, visible, figure]
    return nb


def test_hidden_cells_are_left_out_and_the_rest_kept_with_outputs():
    page = executed()
    reader = notebook_downloads.reader_notebook(page, "Page", INSTALL, "https://x.org/p.html")
    sources = [cell.source for cell in reader.cells]
    assert "from myst_nb import glue" not in "\n".join(sources)
    assert sources[1:] == ["# Page\n\nText.", "print(1 + 1)", "show(cell_diagram, 4, 3)"]
    assert reader.cells[2].outputs[0].text == "2\n"
    assert reader.cells[3].metadata["tags"] == ["remove-input"]
    assert len(page.cells) == 4  # the page's own notebook is not changed


def test_the_first_cell_names_the_page_and_the_install_command():
    reader = notebook_downloads.reader_notebook(executed(), "Page", INSTALL, "https://x.org/p")
    first = reader.cells[0]
    assert first.cell_type == "markdown"
    assert first.source.startswith("# Page\n")
    assert "[Page](https://x.org/p)" in first.source
    assert f"```\n{INSTALL}\n```" in first.source


def test_the_notebook_is_valid_and_the_same_at_every_build():
    one = notebook_downloads.reader_notebook(executed(), "Page", INSTALL, "p.html")
    two = notebook_downloads.reader_notebook(executed(), "Page", INSTALL, "p.html")
    nbformat.validate(one)
    assert nbformat.writes(one) == nbformat.writes(two)
    assert [cell.id for cell in one.cells] == [f"cell-{i}" for i in range(4)]
    assert all("execution" not in cell.metadata for cell in one.cells)


def figure_cell(language: str | None = None) -> nbformat.NotebookNode:
    """A visible cell whose output is a figure drawn in English and French (or `language`)."""
    from lstm_explained.figures.display import LANGUAGES_VARIABLE, show
    from lstm_explained.figures.weights_diagram import weights_diagram

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(LANGUAGES_VARIABLE, "en,fr")
        figure = show(weights_diagram, 3, 2, language=language)
    cell = nbformat.v4.new_code_cell("show(weights_diagram, 3, 2)", execution_count=2)
    data = {"text/html": figure._repr_html_(), "text/plain": repr(figure)}
    cell.outputs = [nbformat.v4.new_output("display_data", data=data)]
    return cell


def test_figures_keep_their_english_images_only(images_in):
    from lstm_explained.figures.weights_diagram import weights_diagram

    page = executed()
    page.cells.append(figure_cell())
    reader = notebook_downloads.reader_notebook(page, "Page", INSTALL, "p.html")
    data = reader.cells[-1].outputs[0].data
    images = images_in(data["text/html"])
    assert len(images) == 2
    assert [img["alt"] for img in images] == [weights_diagram(3, 2).alt] * 2
    assert all("lang" not in img for img in images)
    assert data["text/plain"].startswith("<figure: Block diagram")
    assert len(images_in(page.cells[-1].outputs[0].data["text/html"])) == 4  # page unchanged
    nbformat.validate(reader)


def test_a_figure_without_english_is_refused():
    page = executed()
    page.cells.append(figure_cell(language="fr"))
    with pytest.raises(ExtensionError, match="the notebook of 'Page': a figure is drawn in 'fr'"):
        notebook_downloads.reader_notebook(page, "Page", INSTALL, "p.html")
