"""docs/_ext/cache_guard.py: parallel workers never trim each other's cached pages away."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

import cache_guard  # noqa: E402  (docs/_ext/cache_guard.py)
from jupyter_cache.base import CacheBundleIn  # noqa: E402
from jupyter_cache.cache.main import JupyterCacheBase  # noqa: E402

#: jupyter-cache's own trimming, taken before any test or build in this process can guard it.
TRIMMING = JupyterCacheBase.truncate_caches


def executed_page(code: str) -> nbformat.NotebookNode:
    """A one-cell notebook as myst-nb caches it after running it."""
    cell = nbformat.v4.new_code_cell(code, execution_count=1)
    kernel = {"name": "python3", "display_name": "Python 3"}
    return nbformat.v4.new_notebook(cells=[cell], metadata={"kernelspec": kernel})


def cache_pages(folder: Path, codes: list[str]) -> JupyterCacheBase:
    """Cache one page per code, as myst-nb does (overwrite, no validity check), limit 1."""
    cache = JupyterCacheBase(str(folder))
    cache.change_cache_limit(1)
    for number, code in enumerate(codes):
        bundle = CacheBundleIn(executed_page(code), f"page{number}.md", data={})
        cache.cache_notebook_bundle(bundle, check_validity=False, overwrite=True)
    return cache


def test_unguarded_trimming_deletes_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The control: jupyter-cache does delete records when it trims (the race needs this)."""
    monkeypatch.setattr(JupyterCacheBase, "truncate_caches", TRIMMING)
    cache = cache_pages(tmp_path, ["x = 1", "x = 2", "x = 3"])
    assert len(cache.list_cache_records()) == 1


def test_guarded_trimming_keeps_every_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(JupyterCacheBase, "truncate_caches", TRIMMING)  # restored afterwards
    cache_guard.guard()
    cache = cache_pages(tmp_path, ["x = 1", "x = 2", "x = 3"])
    records = cache.list_cache_records()
    assert len(records) == 3
    for record in records:  # the files are there too, not only the rows
        assert cache.get_cache_bundle(record.pk).nb.cells


def test_the_guard_says_when_jupyter_cache_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(JupyterCacheBase, "truncate_caches")
    with pytest.raises(RuntimeError, match="truncate_caches"):
        cache_guard.guard()


def test_the_site_installs_the_guard() -> None:
    conf = (ROOT / "docs" / "conf.py").read_text()
    assert '"cache_guard"' in conf
