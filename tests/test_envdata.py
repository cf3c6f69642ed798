"""Per-document data on the Sphinx environment (docs/_ext/_envdata.py): purged and merged.

The parallel build itself is tested in tests/test_docs_pipeline.py
(``test_a_parallel_build_keeps_extension_data_and_gives_the_same_bytes``).
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

pytest.importorskip("sphinx")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "_ext"))

import _envdata  # docs/_ext/_envdata.py


def env() -> SimpleNamespace:
    """A stand-in for Sphinx's BuildEnvironment: the stores live in its ``__dict__``."""
    return SimpleNamespace()


def test_a_store_is_created_once_and_kept_on_the_environment() -> None:
    main = env()
    _envdata.store(main, "notes")["a"] = "A"
    assert _envdata.store(main, "notes") == {"a": "A"}
    assert _envdata.stores(main) == {"notes": {"a": "A"}}
    assert pickle.loads(pickle.dumps(main)).__dict__ == main.__dict__  # pickled with the env


def test_purge_forgets_a_document_in_every_store() -> None:
    main = env()
    _envdata.store(main, "notes").update({"a": "A", "b": "B"})
    _envdata.store(main, "calculator")["b"] = True
    _envdata.purge(None, main, "b")
    assert _envdata.stores(main) == {"notes": {"a": "A"}, "calculator": {}}
    _envdata.purge(None, main, "never-read")
    assert _envdata.stores(main) == {"notes": {"a": "A"}, "calculator": {}}


def test_merge_takes_only_the_documents_the_worker_read() -> None:
    main = env()
    _envdata.store(main, "notes").update({"a": "A", "gone": "G"})
    # A parallel worker starts from a copy of the main environment and reads c and d.
    worker = pickle.loads(pickle.dumps(main))
    _envdata.store(worker, "notes")["a"] = "changed by the worker, not its document"
    _envdata.store(worker, "notes").update({"c": "C", "d": "D"})
    _envdata.store(worker, "figure_downloads")["d"] = "folder"
    _envdata.purge(None, main, "gone")
    _envdata.merge(None, main, {"c", "d"}, worker)
    assert _envdata.stores(main) == {
        "notes": {"a": "A", "c": "C", "d": "D"},
        "figure_downloads": {"d": "folder"},
    }


def test_merge_from_a_worker_without_stores_changes_nothing() -> None:
    main = env()
    _envdata.store(main, "notes")["a"] = "A"
    _envdata.merge(None, main, {"b"}, env())
    assert _envdata.stores(main) == {"notes": {"a": "A"}}


def test_the_merged_order_does_not_depend_on_the_set_of_names() -> None:
    worker = env()
    _envdata.store(worker, "notes").update({name: name for name in "edcba"})
    one, two = env(), env()
    _envdata.merge(None, one, {"a", "b", "c", "d", "e"}, worker)
    _envdata.merge(None, two, {"e", "d", "c", "b", "a"}, worker)
    assert list(_envdata.store(one, "notes")) == list(_envdata.store(two, "notes"))
    assert list(_envdata.store(one, "notes")) == ["a", "b", "c", "d", "e"]
