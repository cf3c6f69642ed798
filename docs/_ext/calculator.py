"""The shape and parameter calculator of the shapes page (issue 9).

- The ``shapes-calculator`` directive places the widget's form and result areas. The form stays
  hidden until ``_static/calculator.js`` runs, so without JavaScript the page shows only its
  static table and a short note.
- ``calculator.js`` and ``calculator.css`` are added to the pages that hold the directive, and
  only to them.
- After an HTML build of a site that holds the calculator, ``_static/calculator-cases.json`` holds
  :func:`lstm_explained.site_calculator.calculator_cases` for the browser test (the widget
  never reads it: it computes). The file is written deterministically.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

CASES_FILE = "calculator-cases.json"


class calculator_widget(nodes.General, nodes.Element):
    """Where the calculator goes; rendered by HTML builders only."""


def _field(name: str, label: str, value: str, hint: str, mode: str = "numeric") -> str:
    ident = f"lstm-calc-{name}"
    return (
        f'<div class="lstm-calc-field"><label for="{ident}">{label}</label>'
        f'<input id="{ident}" name="{name}" type="text" inputmode="{mode}" value="{value}" '
        f'autocomplete="off" spellcheck="false" '
        f'aria-describedby="{ident}-hint {ident}-error">'
        f'<span class="lstm-calc-hint" id="{ident}-hint">{hint}</span>'
        f'<span class="lstm-calc-error" id="{ident}-error"></span></div>'
    )


def _check(name: str, label: str, checked: bool = False) -> str:
    ident = f"lstm-calc-{name}"
    state = " checked" if checked else ""
    return (
        f'<div class="lstm-calc-check"><input id="{ident}" name="{name}" type="checkbox"{state}>'
        f'<label for="{ident}"><code>{label}</code></label></div>'
    )


MERGE_SELECT = (
    '<div class="lstm-calc-field">'
    '<label for="lstm-calc-merge_mode"><code>merge_mode</code></label>'
    '<select id="lstm-calc-merge_mode" name="merge_mode" '
    'aria-describedby="lstm-calc-merge_mode-error">'
    + "".join(f'<option value="{m}">{m}</option>' for m in ("concat", "sum", "mul", "ave", "None"))
    + '</select><span class="lstm-calc-error" id="lstm-calc-merge_mode-error"></span></div>'
)

WIDGET = (
    '<div class="lstm-calc" id="lstm-calc" hidden>'
    '<form class="lstm-calc-form" novalidate>'
    "<fieldset><legend>Input <code>(batch, timesteps, input_dim)</code></legend>"
    + _field("batch", "<code>batch</code>", "None", "a size, or None (unknown)")
    + _field("timesteps", "<code>timesteps</code>", "10", "a size, or None (any length)")
    + _field("input_dim", "<code>input_dim</code>", "8", "features per step")
    + "</fieldset><fieldset><legend>Layers</legend>"
    + _field("units", "<code>units</code>", "32", "size of h and c")
    + _field("layers", "stacked LSTM layers", "1", "lower ones return sequences")
    + _check("return_sequences", "return_sequences")
    + _check("return_state", "return_state")
    + _check("bidirectional", "Bidirectional")
    + MERGE_SELECT
    + "</fieldset></form>"
    '<p class="lstm-calc-status" id="lstm-calc-status" role="status" aria-live="polite" '
    'aria-atomic="true"></p>'
    '<div class="lstm-calc-results" id="lstm-calc-results">'
    "<h3>Returned tensors, in Keras's order</h3>"
    '<ol class="lstm-calc-outputs" id="lstm-calc-outputs"></ol>'
    "<h3>Parameters</h3>"
    '<div class="lstm-calc-scroll" id="lstm-calc-table" tabindex="0" role="region" '
    'aria-label="Parameters per layer">'
    '<table class="lstm-calc-params"><thead><tr><th scope="col">layer</th>'
    '<th scope="col">reads <code>input_dim</code></th><th scope="col">returns</th>'
    '<th scope="col"><code>kernel</code></th><th scope="col"><code>recurrent_kernel</code></th>'
    '<th scope="col"><code>bias</code></th><th scope="col">parameters</th></tr></thead>'
    '<tbody id="lstm-calc-rows"></tbody><tfoot><tr><th scope="row" colspan="6">total</th>'
    '<td class="lstm-calc-count" id="lstm-calc-total"></td></tr></tfoot></table></div>'
    '<p class="lstm-calc-pytorch" id="lstm-calc-pytorch"></p>'
    "<h3>Keras code</h3>"
    '<div class="lstm-calc-code"><pre id="lstm-calc-code" tabindex="0" role="region" '
    'aria-label="Keras code"><code id="lstm-calc-keras"></code></pre>'
    '<button type="button" class="lstm-calc-copy" id="lstm-calc-copy">Copy code</button>'
    '<span class="lstm-calc-copied" id="lstm-calc-copied" role="status"></span></div>'
    "</div></div>"
    '<noscript><p class="lstm-calc-noscript">The calculator needs JavaScript. The table above '
    "lists the shapes of one layer for every combination of options.</p></noscript>"
)


class ShapesCalculator(SphinxDirective):
    """``.. shapes-calculator::``: the interactive calculator (no arguments, no content)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        _pages(self.env).add(self.env.docname)
        return [calculator_widget()]


def _pages(env: BuildEnvironment) -> set[str]:
    """The documents that hold the calculator (kept in the environment across builds)."""
    if not hasattr(env, "lstm_calculator_pages"):
        env.lstm_calculator_pages = set()  # type: ignore[attr-defined]
    return env.lstm_calculator_pages  # type: ignore[attr-defined]


def purge_page(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _pages(env).discard(docname)


def merge_pages(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: Any) -> None:
    _pages(env).update(_pages(other))


def visit_html(translator: Any, node: calculator_widget) -> None:
    translator.body.append(WIDGET)
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
    if exception is not None or app.builder.format != "html" or not _pages(app.env):
        return  # no page holds the calculator: no cases to test it with
    from lstm_explained.site_calculator import calculator_cases

    target = Path(app.outdir) / "_static" / CASES_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(calculator_cases(), indent=1, sort_keys=True, ensure_ascii=False)
    target.write_text(text + "\n", encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
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
    app.connect("env-purge-doc", purge_page)
    app.connect("env-merge-info", merge_pages)
    app.connect("build-finished", write_cases)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
