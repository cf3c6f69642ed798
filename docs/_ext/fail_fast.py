"""For the mutation check only: stop the build at the first page whose code fails, read some first.

``tools/mutations.py`` builds the whole site once per deliberate mistake in the package and only
needs to know which page refuses it. A full build takes minutes; the page that catches a mistake
usually runs in seconds. Two environment variables, set by that tool and by nothing else, make
each of its builds stop as soon as it knows:

``LSTM_EXPLAINED_FAIL_FAST=1``
    A page whose code raises stops the build (MyST-NB's ``nb_execution_raise_on_error``): Sphinx
    exits with an error that names the page, instead of going on to execute every other page.
``LSTM_EXPLAINED_READ_FIRST=docname,docname``
    These pages are read (and so executed) before the others, in this order; the rest keep
    Sphinx's order. A mutation lists the pages expected to catch it; if they do not, the build
    goes on and any other page may still catch it.

Without these variables (every normal build) this extension does nothing.
"""

from __future__ import annotations

import os
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

FAIL_FAST = "LSTM_EXPLAINED_FAIL_FAST"
READ_FIRST = "LSTM_EXPLAINED_READ_FIRST"


def read_first(docnames: list[str], first: list[str]) -> list[str]:
    """`docnames` with the names in `first` moved to the front, in `first`'s order.

    Names in `first` that are not in `docnames` are left out.

    Examples
    --------
    >>> read_first(["a", "b", "c", "d"], ["c", "x", "a"])
    ['c', 'a', 'b', 'd']
    """
    chosen = [name for name in first if name in docnames]
    return chosen + [name for name in docnames if name not in chosen]


def raise_on_error(app: Sphinx, config: Config) -> None:
    if os.environ.get(FAIL_FAST) == "1":
        config.nb_execution_raise_on_error = True


def reorder(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    first = [name for name in os.environ.get(READ_FIRST, "").split(",") if name]
    if first:
        docnames[:] = read_first(docnames, first)  # Sphinx reads this list, in place


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", raise_on_error)
    app.connect("env-before-read-docs", reorder)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
