"""Load the pages' scripts with ``defer``: the text is painted before any script runs.

Sphinx, Furo and the extensions add their scripts (``doctools.js``, ``furo.js``, the copy
buttons, the answer boxes, ...) as plain ``<script src>`` tags, which the browser must fetch and
run before it finishes parsing the page; on a phone on a slow network, Lighthouse counts each
as render-blocking. Every one of them waits for ``DOMContentLoaded`` (or checks
``document.readyState``) before it touches the page, so they run the same when deferred, and
deferred scripts keep their order. The search page keeps its scripts as they are: its
``searchtools.js`` is added by the theme's template as a plain script and reads what the
deferred ones would define later.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.builders.html._assets import _JavaScript

#: Pages whose scripts must run in parse order with scripts the template adds itself.
KEEP_AS_THEY_ARE = frozenset({"search"})


def deferred(script: _JavaScript | str) -> _JavaScript | str:
    """`script` with ``defer``, unless it is inline, already async or deferred, or a module."""
    if not isinstance(script, _JavaScript) or not script.filename:
        return script
    attributes = dict(script.attributes)
    if {"async", "defer"} & set(attributes) or attributes.get("type") == "module":
        return script
    return _JavaScript(script.filename, priority=script.priority, **attributes, defer="defer")


def defer_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if pagename not in KEEP_AS_THEY_ARE and "script_files" in context:
        context["script_files"] = [deferred(script) for script in context["script_files"]]


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", defer_scripts, priority=900)  # after others add theirs
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
