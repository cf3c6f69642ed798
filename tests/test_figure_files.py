"""docs/_ext/figure_files.py: the package's inline figures become lazily loaded SVG files."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "_ext"))
pytest.importorskip("sphinx")

import figure_files  # docs/_ext/figure_files.py
from sphinx.errors import ExtensionError

from lstm_explained.figures.cell_diagram import cell_diagram
from lstm_explained.figures.display import LANGUAGES_VARIABLE, THEMES, show
from lstm_explained.figures.weights_diagram import weights_diagram


@pytest.fixture(scope="module")
def shown():
    return show(cell_diagram, 4, 3, highlight="f")


def test_each_variant_becomes_a_file_holding_its_svg(shown, tmp_path, images_in):
    body = "<p>before</p>" + shown._repr_html_() + "<p>after</p>"
    result = figure_files.externalise(body, tmp_path, lambda path: "../" + path)
    images = images_in(result)
    assert [img["class"] for img in images] == [f"lstm-figure only-{t}" for t in THEMES]
    for img, theme in zip(images, THEMES, strict=True):
        folder, name = img["src"].split("/")[-2:]
        assert img["src"] == f"../{figure_files.FOLDER}/{name}"
        written = (tmp_path / folder / name).read_text(encoding="utf-8")
        assert name == figure_files.figure_name(written)  # named by its content
        # The data URL swapped the SVG's double quotes for single ones; the file keeps that.
        assert written.replace("'", '"') == shown.svg[theme].replace("'", '"')
        assert img["alt"] == shown.alt
        assert (img["loading"], img["decoding"]) == ("lazy", "async")
    assert result.startswith("<p>before</p>")
    assert result.endswith("<p>after</p>")
    assert "data:" not in result
    files = sorted(p.name for p in (tmp_path / figure_files.FOLDER).iterdir())
    assert files == sorted(img["src"].split("/")[-1] for img in images)
    assert len(set(files)) == len(THEMES)


def test_the_box_is_reserved_in_css_pixels(shown, tmp_path, images_in):
    """width and height come from the SVG's size in points (4/3 px per pt), per variant."""
    result = figure_files.externalise(shown._repr_html_(), tmp_path, str)
    for img in images_in(result):
        svg = (tmp_path / img["src"]).read_text(encoding="utf-8")
        head = svg[: svg.index(">", svg.index("<svg"))]
        width_pt = float(head.split("width=")[1][1:].split("pt")[0])
        height_pt = float(head.split("height=")[1][1:].split("pt")[0])
        assert int(img["width"]) == round(width_pt * 4 / 3) > 0
        assert int(img["height"]) == round(height_pt * 4 / 3) > 0


def test_equal_figures_share_one_file_and_names_are_stable(shown, tmp_path, images_in):
    twice = shown._repr_html_() * 2
    result = figure_files.externalise(twice, tmp_path, str)
    assert len(images_in(result)) == 4
    assert len(list((tmp_path / figure_files.FOLDER).iterdir())) == 2
    again = figure_files.externalise(twice, tmp_path / "other", str)
    assert again == result  # same names in another build folder


def test_other_images_and_text_are_left_alone(tmp_path):
    body = '<img class="other" src="data:image/png;base64,AAAA" alt="x"><p>data: is text</p>'
    assert figure_files.externalise(body, tmp_path, str) == body
    assert not (tmp_path / figure_files.FOLDER).exists()


def test_a_figure_without_a_size_in_points_is_refused():
    with pytest.raises(ValueError, match="width and height in pt"):
        figure_files.size_attributes("<svg width='10px' height='5px'></svg>")


# -- languages (issue 18): one execution serves every language's build --------------------------


@pytest.fixture(scope="module")
def bilingual():
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(LANGUAGES_VARIABLE, "en,fr")
        return show(weights_diagram, 3, 2)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_only_the_build_language_is_kept_without_its_lang(bilingual, language, images_in):
    body = "<p>a</p>" + bilingual._repr_html_() + "<p>b</p>"
    kept = figure_files.keep_language(body, language)
    images = images_in(kept)
    variant = bilingual.in_language(language)
    assert [img["src"] for img in images] == [variant.data_url(t) for t in THEMES]
    assert [img["alt"] for img in images] == [variant.alt] * 2
    assert all("lang" not in img for img in images)
    assert kept.startswith("<p>a</p>")
    assert kept.endswith("<p>b</p>")


def test_the_english_page_is_what_it_was_with_english_alone(bilingual, tmp_path):
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(LANGUAGES_VARIABLE, raising=False)
        alone = show(weights_diagram, 3, 2)
    kept = figure_files.keep_language(bilingual._repr_html_(), "en")
    assert kept == alone._repr_html_().replace(' lang="en"', "")
    written = figure_files.externalise(kept, tmp_path, str)
    assert len(list((tmp_path / figure_files.FOLDER).iterdir())) == 2  # French is not written
    assert 'lang="' not in written


def test_a_figure_without_the_build_language_is_refused(tmp_path):
    french_only = show(weights_diagram, 3, 2, language="fr")._repr_html_()
    with pytest.raises(ValueError, match="a figure is drawn in 'fr', not in 'en'"):
        figure_files.keep_language(french_only, "en")
    app = SimpleNamespace(
        builder=SimpleNamespace(format="html"),
        config=SimpleNamespace(language="en"),
        outdir=tmp_path,
    )
    context = {"body": french_only, "pathto": lambda path, resource: path}
    with pytest.raises(ExtensionError, match=r"^explanation/state: a figure is drawn in 'fr'"):
        figure_files.move_figures(app, "explanation/state", "page.html", context, None)
    assert not (tmp_path / figure_files.FOLDER).exists()


def test_move_figures_keeps_the_build_language(bilingual, tmp_path, images_in):
    app = SimpleNamespace(
        builder=SimpleNamespace(format="html"),
        config=SimpleNamespace(language="fr"),
        outdir=tmp_path,
    )
    context = {"body": bilingual._repr_html_(), "pathto": lambda path, resource: "../" + path}
    figure_files.move_figures(app, "index", "page.html", context, None)
    images = images_in(context["body"])
    assert [img["alt"] for img in images] == [bilingual.in_language("fr").alt] * 2
    assert all(img["src"].startswith(f"../{figure_files.FOLDER}/") for img in images)


def test_a_pair_without_lang_is_left_as_it_is(shown):
    page = shown._repr_html_().replace(' lang="en"', "")
    assert figure_files.keep_language(page, "fr") == page
