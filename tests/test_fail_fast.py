"""docs/_ext/fail_fast.py: the mutation check's early stop, off in every other build."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "_ext"))

import fail_fast  # docs/_ext/fail_fast.py


def test_named_pages_come_first_in_their_order() -> None:
    assert fail_fast.read_first(["a", "b", "c", "d"], ["d", "b"]) == ["d", "b", "a", "c"]
    assert fail_fast.read_first(["a", "b"], ["gone"]) == ["a", "b"]
    assert fail_fast.read_first(["a", "b"], []) == ["a", "b"]


@pytest.mark.parametrize(("value", "raises"), [(None, False), ("1", True), ("0", False)])
def test_pages_raise_only_when_the_mutation_check_asks(
    monkeypatch: pytest.MonkeyPatch, value: str | None, raises: bool
) -> None:
    if value is None:
        monkeypatch.delenv(fail_fast.FAIL_FAST, raising=False)
    else:
        monkeypatch.setenv(fail_fast.FAIL_FAST, value)
    config = SimpleNamespace(nb_execution_raise_on_error=False)
    fail_fast.raise_on_error(None, config)  # type: ignore[arg-type]
    assert config.nb_execution_raise_on_error is raises


def test_the_reading_order_changes_in_place_and_only_when_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    docnames = ["index", "explanation/masking", "how-to/shapes"]
    monkeypatch.delenv(fail_fast.READ_FIRST, raising=False)
    fail_fast.reorder(None, None, docnames)  # type: ignore[arg-type]
    assert docnames == ["index", "explanation/masking", "how-to/shapes"]
    monkeypatch.setenv(fail_fast.READ_FIRST, "how-to/shapes,explanation/masking")
    fail_fast.reorder(None, None, docnames)  # type: ignore[arg-type]
    assert docnames == ["how-to/shapes", "explanation/masking", "index"]


def test_the_site_installs_it() -> None:
    conf = (Path(__file__).resolve().parents[1] / "docs" / "conf.py").read_text()
    assert '"fail_fast"' in conf
