"""Fail the build when an executed page contradicts its cell tags.

A cell tagged ``raises-exception`` is allowed to raise; if it stops raising, Jupyter says nothing
and the page would silently show a "failure" that no longer happens. This extension warns (and
so fails the ``-W`` build) for every such cell, naming the page and the cell's first line.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)


def _has_class(node: nodes.Node, name: str) -> bool:
    return isinstance(node, nodes.Element) and name in node.get("classes", [])


def check_raising_cells(app: Sphinx, doctree: nodes.document) -> None:
    """Warn for each ``raises-exception`` cell whose outputs hold no traceback."""
    for cell in doctree.findall(lambda n: _has_class(n, "tag_raises-exception")):
        if any(True for _ in cell.findall(lambda n: _has_class(n, "traceback"))):
            continue
        source = next(cell.findall(nodes.literal_block), None)
        first_line = source.astext().splitlines()[0] if source is not None else "?"
        logger.warning(
            "cell tagged 'raises-exception' did not raise: %r",
            first_line,
            location=cell,
            type="lstm_explained",
            subtype="raises_exception",
        )


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-read", check_raising_cells)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
