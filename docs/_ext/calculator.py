"""The shape and parameter calculator of the shapes page (issue 9).

- The ``shapes-calculator`` directive places the widget's form and result areas, whose HTML is
  the template ``docs/_templates/calculator.html``. The form stays hidden until
  ``_static/calculator.js`` runs, so without JavaScript the page shows only its static table and
  a short note.
- ``calculator.js`` and ``calculator.css`` are added to the pages that hold the directive, and
  only to them.
- The widget speaks the build's language (``-D language=fr``): the template's words go through
  ``t`` (:data:`TRANSLATIONS`, ``_ext/languages.py``), and every text the script writes (error
  messages, the live status, the PyTorch line, "Copied.") is written into the widget as
  ``<script type="application/json" id="lstm-calc-text">``, which the script reads on every
  page, English included: one script for every language. The PyTorch notes are the package's own
  (:func:`lstm_explained.site_calculator.pytorch_note`), translated here, so the script and its
  specification say the same thing.
- After an HTML build of a site that holds the calculator, ``_static/calculator-cases.json`` holds
  :func:`lstm_explained.site_calculator.calculator_cases` for the browser test (the widget
  never reads it: it computes). The file is written deterministically.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import languages
from _envdata import store
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

CASES_FILE = "calculator-cases.json"
TEMPLATE = "calculator.html"  # in docs/_templates/
STORE = "calculator"  # _envdata store: {docname: True} for the documents that hold the widget
TEXT_ID = "lstm-calc-text"  # the widget's <script type="application/json">: calculator.js reads it

#: What calculator.js writes, by key; ``{name}`` fields are filled in by the script.
SCRIPT_TEXTS = {
    "zero.batch": "batch must be at least 1, or None: a batch of 0 sequences holds nothing.",
    "zero.timesteps": "timesteps must be at least 1, or None: the cell runs once per step.",
    "zero.input_dim": "input_dim must be at least 1: each step carries at least one feature.",
    "zero.units": "units must be at least 1: with 0 units there is no state h or c and no output.",
    "zero.layers": "Stack at least 1 layer.",
    "expected": "a whole number of at least 1",
    "expected.optional": "a whole number of at least 1, or None",
    "required": "{name} is required: {expected}.",
    "not_a_number": "\u201c{text}\u201d is not a number: {name} must be {expected}.",
    "not_whole": "{name} must be a whole number, not {text}.",
    "negative": "{name} cannot be negative: it must be {expected}.",
    "too_large": "{name} must be at most {max} in this calculator.",
    "merge_mode": (
        "merge_mode None returns two tensors, but a stacked recurrent layer reads one: choose "
        "another merge_mode, or 1 layer."
    ),
    "pytorch.code": "PyTorch: {count} parameters in {code}.",
    "pytorch.split": (
        "PyTorch: {count} parameters as one bidirectional {torch} per layer (a multi-layer "
        "{torch} always concatenates the two directions)."
    ),
    "status.one": "Returns {outputs}.",
    "status.many": "Returns {count} tensors: {outputs}.",
    "status.layer": "{total} parameters in 1 {layer} layer.",
    "status.layers": "{total} parameters in {layers} {layer} layers.",
    "status.stale": "Not updated: {errors}",
    "status.kept": "The results below are still those of the last valid input.",
    "copied": "Copied.",
    "selected": "Selected: press Ctrl+C (\u2318C) to copy.",
}
#: The PyTorch note of each kind of layer (key ``pytorch_note.<kind>``): (layer, reset_after).
NOTE_KINDS = {
    "lstm": ("lstm", True),
    "gru": ("gru", True),
    "gru_reset_before": ("gru", False),
    "simple_rnn": ("simple_rnn", True),
}
_SEP = "\u00a0"  # French puts a no-break space before ":" ";" "?" "!" and inside « »
#: The extension's own words in the site's other languages (docs/_ext/languages.py): the
#: template's (``t``), the script's (:data:`SCRIPT_TEXTS`) and the package's PyTorch notes.
TRANSLATIONS = {
    "fr": {
        # the template
        "Input": "Entrée",
        "a size, or None (unknown)": "une taille, ou None (inconnue)",
        "a size, or None (any length)": "une taille, ou None (longueur quelconque)",
        "features per step": "caractéristiques par pas de temps",
        "Layers": "Couches",
        "layer": "couche",
        "size of the state h (and c)": "taille de l'état h (et c)",
        "stacked layers": "couches empilées",
        "lower ones return sequences": "les couches inférieures renvoient des séquences",
        "Returned tensors, in Keras's order": "Tenseurs renvoyés, dans l'ordre de Keras",
        "Parameters": "Paramètres",
        "Parameters per layer": "Paramètres par couche",
        "reads": "lit",
        "returns": "renvoie",
        "parameters": "paramètres",
        "total": "total",
        "Keras code": "Code Keras",
        "Copy code": "Copier le code",
        "The calculator needs JavaScript. The table above lists the shapes of one layer for every "
        "combination of options.": (
            "Le calculateur a besoin de JavaScript. Le tableau ci-dessus donne les formes d'une "
            "couche pour chaque combinaison d'options."
        ),
        # the script
        SCRIPT_TEXTS["zero.batch"]: (
            f"batch doit valoir au moins 1, ou None{_SEP}: un lot de 0 séquence ne contient rien."
        ),
        SCRIPT_TEXTS["zero.timesteps"]: (
            f"timesteps doit valoir au moins 1, ou None{_SEP}: la cellule s'exécute une fois par "
            "pas de temps."
        ),
        SCRIPT_TEXTS["zero.input_dim"]: (
            f"input_dim doit valoir au moins 1{_SEP}: chaque pas de temps porte au moins une "
            "caractéristique."
        ),
        SCRIPT_TEXTS["zero.units"]: (
            f"units doit valoir au moins 1{_SEP}: avec 0 unité, il n'y a ni état h ni état c, ni "
            "sortie."
        ),
        SCRIPT_TEXTS["zero.layers"]: "Empilez au moins 1 couche.",
        SCRIPT_TEXTS["expected"]: "un nombre entier d'au moins 1",
        SCRIPT_TEXTS["expected.optional"]: "un nombre entier d'au moins 1, ou None",
        SCRIPT_TEXTS["required"]: f"{{name}} est obligatoire{_SEP}: {{expected}}.",
        SCRIPT_TEXTS["not_a_number"]: (
            f"«{_SEP}{{text}}{_SEP}» n'est pas un nombre{_SEP}: {{name}} doit être {{expected}}."
        ),
        SCRIPT_TEXTS["not_whole"]: "{name} doit être un nombre entier, pas {text}.",
        SCRIPT_TEXTS["negative"]: (
            f"{{name}} ne peut pas être négatif{_SEP}: il doit être {{expected}}."
        ),
        SCRIPT_TEXTS["too_large"]: "{name} doit valoir au plus {max} dans ce calculateur.",
        SCRIPT_TEXTS["merge_mode"]: (
            "merge_mode None renvoie deux tenseurs, mais une couche récurrente empilée n'en lit "
            f"qu'un{_SEP}: choisissez un autre merge_mode, ou 1 couche."
        ),
        SCRIPT_TEXTS["pytorch.code"]: f"PyTorch{_SEP}: {{count}} paramètres dans {{code}}.",
        SCRIPT_TEXTS["pytorch.split"]: (
            f"PyTorch{_SEP}: {{count}} paramètres, sous la forme d'un {{torch}} bidirectionnel "
            "par couche (un {torch} à plusieurs couches concatène toujours les deux directions)."
        ),
        SCRIPT_TEXTS["status.one"]: "Renvoie {outputs}.",
        SCRIPT_TEXTS["status.many"]: f"Renvoie {{count}} tenseurs{_SEP}: {{outputs}}.",
        SCRIPT_TEXTS["status.layer"]: "{total} paramètres dans 1 couche {layer}.",
        SCRIPT_TEXTS["status.layers"]: "{total} paramètres dans {layers} couches {layer}.",
        SCRIPT_TEXTS["status.stale"]: f"Non mis à jour{_SEP}: {{errors}}",
        SCRIPT_TEXTS["status.kept"]: (
            "Les résultats ci-dessous sont toujours ceux de la dernière saisie valide."
        ),
        SCRIPT_TEXTS["copied"]: "Copié.",
        SCRIPT_TEXTS["selected"]: f"Sélectionné{_SEP}: appuyez sur Ctrl+C (\u2318C) pour copier.",
        # the package's PyTorch notes (lstm_explained.site_calculator.pytorch_note)
        "PyTorch keeps two bias vectors: 4 × units more parameters per layer and direction.": (
            f"PyTorch garde deux vecteurs de biais{_SEP}: 4 × units paramètres de plus par couche "
            "et par direction."
        ),
        "PyTorch keeps two bias vectors: units more parameters per layer and direction.": (
            f"PyTorch garde deux vecteurs de biais{_SEP}: units paramètres de plus par couche et "
            "par direction."
        ),
        "PyTorch's GRU keeps two bias vectors, as Keras's GRU with reset_after=True keeps two "
        "bias rows: the same count.": (
            "Le GRU de PyTorch garde deux vecteurs de biais, comme le GRU de Keras avec "
            f"reset_after=True garde deux lignes de biais{_SEP}: le même nombre de paramètres."
        ),
        "PyTorch keeps two bias vectors: 3 × units more parameters per layer and direction. And "
        "PyTorch's GRU has no reset_after=False: it always applies the reset gate after the "
        "recurrent product, as Keras's default reset_after=True does.": (
            f"PyTorch garde deux vecteurs de biais{_SEP}: 3 × units paramètres de plus par couche "
            f"et par direction. Et le GRU de PyTorch n'a pas de reset_after=False{_SEP}: il "
            "applique toujours la porte de réinitialisation après le produit récurrent, comme le "
            "fait reset_after=True, la valeur par défaut de Keras."
        ),
    }
}


class calculator_widget(nodes.General, nodes.Element):
    """Where the calculator goes; rendered by HTML builders only."""


def pytorch_notes() -> dict[str, str]:
    """The package's PyTorch note of each kind of layer (:data:`NOTE_KINDS`), in English."""
    from lstm_explained.site_calculator import StackConfig, pytorch_note

    return {
        kind: pytorch_note(StackConfig(None, None, 1, 1, layer=layer, reset_after=reset_after))
        for kind, (layer, reset_after) in NOTE_KINDS.items()
    }


def script_texts(language: str) -> dict[str, str]:
    """Every text calculator.js writes, in `language`: {key: text}.

    Raises
    ------
    sphinx.errors.ExtensionError
        If a text has no translation in `language` (``languages.translate``).
    """
    english = dict(SCRIPT_TEXTS)
    english.update({f"pytorch_note.{kind}": note for kind, note in pytorch_notes().items()})
    return {
        key: languages.translate(language, text, TRANSLATIONS) for key, text in english.items()
    }


def widget_html(templates: Any, language: str = languages.SOURCE_LANGUAGE) -> str:
    """The widget's HTML in `language`: ``_templates/calculator.html`` rendered, as one line.

    `templates` is the HTML builder's template bridge (``app.builder.templates``), which finds
    the template in ``templates_path``. The template gets ``t`` (the template's words in
    `language`) and ``texts`` (:func:`script_texts` as JSON, safe inside a ``<script>``). The
    template is indented for reading; its lines are joined without their surrounding spaces.

    Raises
    ------
    sphinx.errors.ExtensionError
        If a text has no translation in `language`.
    """

    def t(english: str) -> str:
        return languages.translate(language, english, TRANSLATIONS)

    texts = json.dumps(script_texts(language), ensure_ascii=False, sort_keys=True)
    texts = texts.replace("<", "\\u003c")  # no "</script>" inside the script element
    context = {"t": t, "texts": texts, "text_id": TEXT_ID}
    text = templates.render(TEMPLATE, context)
    return "".join(line.strip() for line in text.splitlines())


class ShapesCalculator(SphinxDirective):
    """``.. shapes-calculator::``: the interactive calculator (no arguments, no content)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        store(self.env, STORE)[self.env.docname] = True
        return [calculator_widget()]


def visit_html(translator: Any, node: calculator_widget) -> None:
    language = translator.builder.config.language or languages.SOURCE_LANGUAGE
    translator.body.append(widget_html(translator.builder.templates, language))
    raise nodes.SkipNode


def skip(translator: Any, node: calculator_widget) -> None:
    raise nodes.SkipNode


def add_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: nodes.Node | None
) -> None:
    """Add the calculator's script and style sheet to the pages that hold the widget."""
    if doctree is not None and next(doctree.findall(calculator_widget), None) is not None:
        app.add_css_file("calculator.css")
        app.add_js_file("calculator.js", loading_method="defer")


def write_cases(app: Sphinx, exception: Exception | None) -> None:
    """Write the package's calculator cases next to the widget's script."""
    if exception is not None or app.builder.format != "html" or not store(app.env, STORE):
        return  # no page holds the calculator: no cases to test it with
    from lstm_explained.site_calculator import calculator_cases

    target = Path(app.outdir) / "_static" / CASES_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(calculator_cases(), indent=1, sort_keys=True, ensure_ascii=False)
    target.write_text(text + "\n", encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("_envdata")
    app.add_node(
        calculator_widget,
        html=(visit_html, None),
        latex=(skip, None),
        text=(skip, None),
        man=(skip, None),
        texinfo=(skip, None),
    )
    app.add_directive("shapes-calculator", ShapesCalculator)
    app.connect("html-page-context", add_assets)
    app.connect("build-finished", write_cases)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
