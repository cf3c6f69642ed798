"""Render LaTeX math to MathML at build time.

Browsers display MathML natively, so the site needs no math script, no web font and no request to
any other host, and screen readers read the formulas. Select it with
``html_math_renderer = "mathml"``.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from latex2mathml.converter import convert
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator


def _mathml(latex: str, *, display: str) -> str:
    latex = latex.strip()
    if r"\\" in latex and r"\begin" not in latex:  # several lines, as Sphinx's `split` wrapping
        latex = rf"\begin{{aligned}}{latex}\end{{aligned}}"
    return convert(latex, display=display)


def visit_math(self: HTML5Translator, node: nodes.math) -> None:
    self.body.append(f'<span class="math notranslate">{_mathml(node.astext(), display="inline")}</span>')
    raise nodes.SkipNode


def visit_math_block(self: HTML5Translator, node: nodes.math_block) -> None:
    number = node.get("number")
    self.body.append(self.starttag(node, "div", CLASS="math notranslate math-display"))
    if number:
        anchor = node["ids"][0] if node.get("ids") else ""
        self.body.append(f'<span class="eqno">({number})')
        if anchor:
            self.add_permalink_ref(node, "Link to this equation")
        self.body.append("</span>")
    self.body.append(_mathml(node.astext(), display="block"))
    self.body.append("</div>\n")
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_html_math_renderer("mathml", (visit_math, None), (visit_math_block, None))
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
