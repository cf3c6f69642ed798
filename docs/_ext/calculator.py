"""The shape and parameter calculator of the shapes page (issue 9).

- The ``shapes-calculator`` directive places the widget's form and result areas, whose HTML is
  the template ``docs/_templates/calculator.html``. The form stays hidden until
  ``_static/calculator.js`` runs, so without JavaScript the page shows only its static table and
  a short note.
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

from _envdata import store
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

CASES_FILE = "calculator-cases.json"
TEMPLATE = "calculator.html"  # in docs/_templates/
STORE = "calculator"  # _envdata store: {docname: True} for the documents that hold the widget


class calculator_widget(nodes.General, nodes.Element):
    """Where the calculator goes; rendered by HTML builders only."""


def widget_html(templates: Any) -> str:
    """The widget's HTML: ``_templates/calculator.html`` rendered, as one line.

    `templates` is the HTML builder's template bridge (``app.builder.templates``), which finds
    the template in ``templates_path``. The template is indented for reading; its lines are
    joined without their surrounding spaces.
    """
    text = templates.render(TEMPLATE, {})
    return "".join(line.strip() for line in text.splitlines())


class ShapesCalculator(SphinxDirective):
    """``.. shapes-calculator::``: the interactive calculator (no arguments, no content)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        store(self.env, STORE)[self.env.docname] = True
        return [calculator_widget()]


def visit_html(translator: Any, node: calculator_widget) -> None:
    translator.body.append(widget_html(translator.builder.templates))
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
