"""Resolve references to the package's submodules to the names the API page documents.

Docstrings say where a function lives (``lstm_explained.sequence.lstm_forward``); the API page
documents the public name (``lstm_explained.lstm_forward``). When a reference to a submodule path
finds no target, and its last component is a public name of the package, it is resolved to the
public name; anything else stays unresolved, so a typo still fails the ``-n -W`` build.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

PACKAGE = "lstm_explained"


def resolve_public_name(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.TextElement
) -> nodes.reference | None:
    target = node.get("reftarget", "")
    if node.get("refdomain") != "py":
        return None
    if not target.startswith(f"{PACKAGE}."):  # a bare name such as ``Theme``
        target = f"{PACKAGE}.{target}"
    public = f"{PACKAGE}.{target.rsplit('.', 1)[-1]}"
    if public == node.get("reftarget"):
        return None
    domain = env.get_domain("py")
    return domain.resolve_xref(
        env, node.get("refdoc", ""), app.builder, node["reftype"], public, node, contnode
    )


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("missing-reference", resolve_public_name)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
