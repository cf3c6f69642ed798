"""Glue roles inside translated text, resolved from the page's own glue data.

Sphinx translates a paragraph by parsing its translation (the ``msgstr`` of the page's catalogue)
as a small document of its own (``sphinx.transforms.i18n._publish_msgstr``), whose source is
``<page>:<line>:<translated>``. MyST-NB 1.4 parses such a document with its plain Markdown
parser, and its glue roles and directives look for the page's glue data on the document they
are parsed in (``document["nb_renderer"]``), which the small document does not have. So
``{glue:text}`key``` in a translation warns "No key 'key' found in glue data for this document"
and renders nothing, and the ``path::key`` form fails too ("Pending glue reference document not
found"). Upstream only made translated notebooks parse (executablebooks/MyST-NB#587, #600).

MyST-NB removes the page's renderer from the page's document once the page is parsed, before
Sphinx's ``Locale`` transform parses the translations; what stays is the page's glue data,
which MyST-NB writes to ``<page>.glue.json`` in its output folder (for glue references across
pages). This extension resolves the roles from that data:

- a transform that runs before ``Locale`` reads the page's glue data into ``env.temp_data``
  (which Sphinx clears after each page);
- MyST-NB's ``retrieve_glue_data``, as its glue roles call it, falls back to that data when it
  is given a translated message of the page being read (a document whose source is the page's,
  followed by ``:<line>:<translated>``), and never to another page's.

Translators keep the roles exactly as in the English message, and the number or shape glued in
is the one the page computed: the same in every language. ``{glue:text}`` (the only glue role
in this site's prose) is resolved; the roles that render rich outputs need the page's renderer,
which is gone, and say so. The patch is one wrapped function; it raises at start-up, naming
itself, if MyST-NB no longer has it where it is expected.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from docutils import nodes
from myst_nb.core.variables import RetrievalError, VariableOutput
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.transforms import SphinxTransform

#: Where the page's source path and glue data are kept while its transforms run.
PAGE_GLUE = "lstm_explained_page_glue"
#: How Sphinx names the source of a translated message's document.
TRANSLATED = "<translated>"
#: The MyST-NB modules whose glue roles and directives look up glue data.
GLUE_MODULES = ("myst_nb.ext.glue.roles",)
FUNCTION = "retrieve_glue_data"


class RememberGluePage(SphinxTransform):
    """Keep the page's glue data at hand for its translated messages."""

    default_priority = 15  # before sphinx.transforms.i18n.Locale (20), which parses them

    def apply(self, **kwargs: Any) -> None:
        if not self.config.language or self.config.language == "en":
            return
        folder = Path(self.env.mystnb_config.output_folder)
        path = folder.joinpath(*self.env.docname.split("/")).with_suffix(".glue.json")
        data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        self.env.temp_data[PAGE_GLUE] = (str(self.document.get("source") or ""), data)


class _NoRenderer:
    """Stands for the page's renderer, gone by the time translations are parsed."""

    def __getattr__(self, name: str) -> Any:
        raise RetrievalError(
            "translated_glue: only {glue:text} can be used in translated text (the other glue "
            "roles render with the page's renderer, which MyST-NB has removed by then)"
        )


def page_glue(document: nodes.document, key: str) -> VariableOutput | None:
    """`key`'s glue data from the page, if `document` is a translated message of the page read."""
    env = getattr(document.settings, "env", None)
    source = str(document.get("source") or "")
    if env is None or "nb_renderer" in document or not source.endswith(TRANSLATED):
        return None
    page_source, data = env.temp_data.get(PAGE_GLUE, ("", {}))
    if not page_source or not source.startswith(f"{page_source}:") or key not in data:
        return None
    entry = data[key]
    return VariableOutput(
        data=entry["data"], metadata=entry.get("metadata", {}), nb_renderer=_NoRenderer(),
        vtype="glue",
    )  # fmt: skip


def _falling_back(retrieve: Any) -> Any:
    def retrieve_glue_data(document: nodes.document, key: str) -> Any:
        return page_glue(document, key) or retrieve(document, key)

    retrieve_glue_data.__wrapped__ = retrieve  # type: ignore[attr-defined]
    return retrieve_glue_data


def install() -> None:
    """Make MyST-NB's glue roles and directives fall back to the page's glue data."""
    import importlib

    for name in GLUE_MODULES:
        try:
            module = importlib.import_module(name)
            current = getattr(module, FUNCTION)
        except (ImportError, AttributeError) as error:
            raise ExtensionError(
                f"translated_glue: MyST-NB has no {name}.{FUNCTION} any more ({error}); glue "
                "roles in translated pages would render empty. Update docs/_ext/translated_glue.py"
            ) from error
        if getattr(current, "__wrapped__", None) is None:
            setattr(module, FUNCTION, _falling_back(current))


def setup(app: Sphinx) -> dict[str, Any]:
    install()
    app.add_transform(RememberGluePage)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
