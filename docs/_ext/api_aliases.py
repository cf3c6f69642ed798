"""Resolve a reference to any of the package's names for an object to where the API page has it.

One object has several import paths: ``lstm_explained.lstm_forward`` (what a reader types),
``lstm_explained.reference.lstm_forward`` (where the API page documents it) and
``lstm_explained.reference.sequence.lstm_forward`` (where docstrings say it lives). When a
reference into the package finds no target, this extension imports what the reference names and
resolves it to the documented name of the same object. Anything else stays
unresolved, so a typo still fails the ``-n -W`` build.
"""

from __future__ import annotations

import importlib
import inspect
from typing import Any

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

PACKAGE = "lstm_explained"
_MISSING = object()


def _lookup(dotted: str) -> Any:
    """The object at `dotted` (a module, or attributes of one), or ``_MISSING``."""
    parts = dotted.split(".")
    for split in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        for attribute in parts[split:]:
            obj = getattr(obj, attribute, _MISSING)
            if obj is _MISSING:
                return _MISSING
        return obj
    return _MISSING


def _same(a: Any, b: Any) -> bool:
    """One object, reached twice (a classmethod gives a new, equal, bound method each time)."""
    return a is b or (inspect.ismethod(a) and inspect.ismethod(b) and a == b)


def documented_name(env: BuildEnvironment, target: str) -> str | None:
    """The name under which the API page documents the object that `target` names."""
    if not target.startswith(f"{PACKAGE}."):  # a bare name such as ``Theme``
        target = f"{PACKAGE}.{target}"
    wanted = _lookup(target)
    if wanted is _MISSING:
        return None
    last = target.rsplit(".", 1)[-1]
    candidates = sorted(
        name
        for name in env.get_domain("py").objects
        if name.startswith(f"{PACKAGE}.") and name.rsplit(".", 1)[-1] == last
    )
    for name in candidates:
        if name != target and _same(_lookup(name), wanted):
            return name
    return None


def resolve_public_name(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.TextElement
) -> nodes.reference | None:
    if node.get("refdomain") != "py":
        return None
    name = documented_name(env, node.get("reftarget", ""))
    if name is None:
        return None
    domain = env.get_domain("py")
    return domain.resolve_xref(
        env, node.get("refdoc", ""), app.builder, node["reftype"], name, node, contnode
    )


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("missing-reference", resolve_public_name)
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True}
