"""Render LaTeX math to MathML at build time.

Browsers display MathML natively, so the site needs no math script, no web font and no request to
any other host, and screen readers read the formulas. Select it with
``html_math_renderer = "mathml"``.
"""

from __future__ import annotations

import html
import re
from typing import Any

from docutils import nodes
from latex2mathml.converter import convert
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.writers.html5 import HTML5Translator

logger = logging.getLogger(__name__)

_ALIGNED = re.compile(r"\\(begin|end)\{(aligned|align\*?|split|gathered)\}")


def _mathml(latex: str, *, display: str) -> str:
    """MathML for `latex`; multi-line math becomes an ``array``, which latex2mathml supports.

    latex2mathml reads ``&`` in ``aligned`` and its kin as a symbol, so those environments (and
    bare lines separated by ``\\\\``, which Sphinx would wrap in ``split``) are rewritten as
    an ``array`` with right- and left-aligned columns.
    """
    latex = latex.strip()
    columns = "{rl}" if "&" in latex else "{l}"
    latex = _ALIGNED.sub(
        lambda m: rf"\{m.group(1)}{{array}}" + (columns if m.group(1) == "begin" else ""), latex
    )
    if r"\\" in latex and r"\begin" not in latex:
        latex = rf"\begin{{array}}{columns}{latex}\end{{array}}"
    mathml = convert(latex, display=display)
    if "<mi>&</mi>" in mathml:
        raise ValueError(f"cannot render the alignment in {latex!r}; use an array environment")
    return mathml


def _render(node: nodes.Element, display: str) -> str:
    """MathML for a math node; on failure, a warning (which fails the -W build) and the source."""
    try:
        return _mathml(node.astext(), display=display)
    except Exception as error:  # latex2mathml raises many kinds of errors on bad input
        logger.warning("math not rendered: %s", error, location=node, type="mathml")
        return f"<code>{html.escape(node.astext())}</code>"


def visit_math(self: HTML5Translator, node: nodes.math) -> None:
    mathml = _render(node, "inline")
    self.body.append(f'<span class="math notranslate">{mathml}</span>')
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
    self.body.append(_render(node, "block"))
    self.body.append("</div>\n")
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_html_math_renderer("mathml", (visit_math, None), (visit_math_block, None))
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
