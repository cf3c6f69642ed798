"""Stop jupyter-cache from deleting a page another worker has just cached (``sphinx-build -j``).

After caching each executed page, jupyter-cache trims the cache to its size limit
(``JupyterCacheBase.truncate_caches``, 1000 pages by default). It does so with two separate
queries: first the records to keep (the most recently used, up to the limit), then every record
*not* in that list, which it deletes. Under ``-j`` two worker processes write to the same cache:
when worker B adds its page between worker A's two queries, A finds B's new record in the second
list and deletes it, files and all. A then fails with ``KeyError: 'Notebook file does not exist
for cache record PK: 7'`` (B's files were not written yet), or B's page goes missing. CI met the
first case once in a clean build.

This site never needs the trimming: each cache folder holds one record per page (conf.py names the
folder after a hash of the package, the installed versions and conf.py, and deletes the folders of
other keys), about twenty records against a limit of a thousand. So this extension makes the
trimming do nothing, in the main process before Sphinx starts its workers, which inherit it.
``tests/test_cache_guard.py`` shows that unguarded trimming deletes records and guarded trimming
keeps them, and fails if jupyter-cache renames the method this relies on.
"""

from __future__ import annotations

from typing import Any

from jupyter_cache.cache.main import JupyterCacheBase
from sphinx.application import Sphinx


def keep_every_record(cache: JupyterCacheBase) -> None:
    """What ``truncate_caches`` does here: nothing (see the module's docstring)."""


def guard() -> None:
    """Replace jupyter-cache's trimming by :func:`keep_every_record`, once per process."""
    if not callable(getattr(JupyterCacheBase, "truncate_caches", None)):
        raise RuntimeError(
            "jupyter_cache.cache.main.JupyterCacheBase has no truncate_caches any more: "
            "check whether the parallel-trimming race that docs/_ext/cache_guard.py works "
            "around is still there, then update or remove the guard"
        )
    JupyterCacheBase.truncate_caches = keep_every_record  # type: ignore[method-assign]


def setup(app: Sphinx) -> dict[str, Any]:
    guard()
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
