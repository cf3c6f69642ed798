"""The calculator's extension (docs/_ext/calculator.py): its template and texts, in each language.

The template is rendered as the HTML builder renders it (a Jinja environment on
``docs/_templates``, no autoescaping); one throwaway site (tests/test_docs_pipeline.py's ``Site``)
is built in English and in French to check that the page's build language reaches the widget.
What the script does with the texts is tested in a browser (tests/web/test_calculator.py).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import jinja2
import pytest
from sphinx.errors import ExtensionError

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))
import calculator  # noqa: E402  (docs/_ext/calculator.py)

LANGUAGES = ("en", "fr")
FIELD = re.compile(r"\{\w+\}")
#: The ids tests/web/test_calculator.py and calculator.js read: kept in every language.
IDS = ["lstm-calc", "lstm-calc-text", "lstm-calc-status", "lstm-calc-outputs", "lstm-calc-rows",
       "lstm-calc-total", "lstm-calc-pytorch", "lstm-calc-keras", "lstm-calc-copy",
       "lstm-calc-copied", "lstm-calc-table", "lstm-calc-code"]  # fmt: skip


class Templates:
    """Stands in for the HTML builder's template bridge: ``render(name, context)``."""

    def __init__(self) -> None:
        loader = jinja2.FileSystemLoader(ROOT / "docs" / "_templates")
        self.env = jinja2.Environment(loader=loader, undefined=jinja2.StrictUndefined)

    def render(self, name: str, context: dict[str, Any]) -> str:
        return self.env.get_template(name).render(context)


def widget(language: str) -> str:
    return calculator.widget_html(Templates(), language)


def texts_in(html: str) -> dict[str, str]:
    """The JSON the script reads, from the widget's HTML."""
    found = re.search(r'<script type="application/json" id="lstm-calc-text">(.*?)</script>', html)
    assert found, "no texts for the script"
    assert "<" not in found[1]  # nothing in it can close the script element early
    return json.loads(found[1])


def words_read(html: str) -> str:
    """What a reader sees or hears of the widget: its text and its ``aria-label`` values."""
    labels = " ".join(re.findall(r'aria-label="([^"]*)"', html))
    html = re.sub(r"<script.*?</script>", "", html)
    return re.sub(r"<[^>]+>", " ", html) + " " + labels.replace("&#39;", "'")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_widget_is_one_line_with_its_ids_and_the_script_s_texts(language: str) -> None:
    html = widget(language)
    assert "\n" not in html
    for ident in IDS:
        assert html.count(f'id="{ident}"') == 1, ident
    assert texts_in(html) == calculator.script_texts(language)


def test_english_pages_get_the_english_texts_the_same_way() -> None:
    texts = texts_in(widget("en"))
    notes = {f"pytorch_note.{kind}": note for kind, note in calculator.pytorch_notes().items()}
    assert texts == {**calculator.SCRIPT_TEXTS, **notes}
    assert texts["pytorch_note.lstm"] == (
        "PyTorch keeps two bias vectors: 4 × units more parameters per layer and direction."
    )
    html = widget("en")
    assert ">Copy code</button>" in html
    assert 'aria-label="Parameters per layer"' in html


def test_the_french_widget_shows_no_english_word_of_its_own() -> None:
    english, french = widget("en"), widget("fr")
    words = words_read(french)
    own = [
        text for text, translated in calculator.TRANSLATIONS["fr"].items() if text != translated
    ]
    for text in own:
        assert not re.search(rf"\b{re.escape(text)}\b", words), text
    assert "Copy code" in words_read(english)
    assert english.count("lstm-calc-") == french.count("lstm-calc-")  # same ids, classes, names
    for french_text in (
        "<legend>Entrée <code>(batch, timesteps, input_dim)</code></legend>",
        '<label for="lstm-calc-layers">couches empilées</label>',
        "caractéristiques par pas de temps",
        "<h3>Tenseurs renvoyés, dans l'ordre de Keras</h3>",
        'aria-label="Paramètres par couche"',
        '<th scope="col">lit <code>input_dim</code></th>',
        ">Copier le code</button>",
        "Le calculateur a besoin de JavaScript.",
    ):
        assert french_text in french, french_text
    texts = texts_in(french)
    assert texts["copied"] == "Copié."
    assert texts["status.layers"] == "{total} paramètres dans {layers} couches {layer}."


def test_every_translation_keeps_the_fields_the_script_fills_in() -> None:
    english = calculator.script_texts("en")
    french = calculator.script_texts("fr")
    assert english.keys() == french.keys()
    for key, text in english.items():
        assert sorted(FIELD.findall(french[key])) == sorted(FIELD.findall(text)), key
        assert french[key] != text, key


def test_french_typography() -> None:
    for english, french in calculator.TRANSLATIONS["fr"].items():
        assert not re.search(r" [:;?!»]|« ", french), french  # a no-break space, not a space
        assert not re.search(r"[^\u00a0][:;?!»](\s|$)", french.replace("Ctrl+C", "")), french
        assert "\u2018" not in french, french
        assert '"' not in french, french
        assert french.endswith(".") == english.endswith("."), french


def test_a_missing_translation_stops_the_build() -> None:
    with pytest.raises(ExtensionError, match=r"no 'fr' translation of 'Copy code'"):
        calculator.languages.translate("fr", "Copy code", {"fr": {}})
    with pytest.raises(ExtensionError, match="no 'de' translation"):
        widget("de")


@pytest.mark.docs_build
def test_the_build_s_language_reaches_the_widget(tmp_path: Path) -> None:
    pytest.importorskip("myst_nb")
    from test_docs_pipeline import Site, page

    site = Site(tmp_path)
    site.index("calc")
    site.write("calc.md", page("Calculator", "```{shapes-calculator}\n```\n"))
    catalogues = site.src / "locales" / "fr" / "LC_MESSAGES"
    catalogues.mkdir(parents=True)
    for name, english, french in (("index", "Home", "Accueil"), ("calc", "Calculator", "Calcul")):
        (catalogues / f"{name}.po").write_text(
            f'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
            f'msgid "{english}"\nmsgstr "{french}"\n'
        )
    for language in LANGUAGES:
        build = site.build("-D", f"language={language}", html=f"html-{language}")
        assert build.returncode == 0, build.log
        html = (site.root / "build" / f"html-{language}" / "calc.html").read_text()
        assert texts_in(html) == calculator.script_texts(language)
        assert ("Copier le code" in html) == (language == "fr")
        assert ("Copy code" in html) == (language == "en")
        cases = site.root / "build" / f"html-{language}" / "_static" / calculator.CASES_FILE
        assert cases.is_file()
