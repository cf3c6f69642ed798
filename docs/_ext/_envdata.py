"""Per-document data on the Sphinx environment, kept the same way by every local extension.

An extension that remembers something about a document while reading it (for the writing phase,
or for ``build-finished``) asks for a named store: ``store(env, "calculator")`` is a dict keyed by
document name, kept on the environment (so it is pickled with it and survives incremental
builds). This module, loaded with ``app.setup_extension("_envdata")``, keeps every store right:

- ``env-purge-doc``: a document that is re-read or removed loses its entry in every store.
- ``env-merge-info``: after a parallel read (``-j``), the entries of the documents that a worker
  read are copied from the worker's environment into the main one.

The order of a store's keys depends on the order of reading, which differs between serial and
parallel builds: read a store by document name, or sort it, never in insertion order.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

ATTRIBUTE = "lstm_explained_data"  # on the environment: {store name: {docname: value}}


def stores(env: BuildEnvironment) -> dict[str, dict[str, Any]]:
    """Every named store of `env`, created empty on first use."""
    return env.__dict__.setdefault(ATTRIBUTE, {})


def store(env: BuildEnvironment, name: str) -> dict[str, Any]:
    """The store called `name`: a dict ``{docname: value}``, created empty on first use."""
    return stores(env).setdefault(name, {})


def purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    """Forget what every store holds about `docname`."""
    for data in stores(env).values():
        data.pop(docname, None)


def merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    """Take the entries of `docnames`, read by a parallel worker, from its environment `other`."""
    for name, theirs in stores(other).items():
        mine = store(env, name)
        mine.update({d: theirs[d] for d in sorted(docnames) if d in theirs})


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    # A change to what the environment holds must re-read every document.
    return {
        "version": "1",
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
