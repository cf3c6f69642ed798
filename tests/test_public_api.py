"""The package's face: a small ``__all__``, and imports that load only what they need."""

import json
import subprocess
import sys

import pytest

import lstm_explained

#: Issue 12: the reader's API stays small; drawing internals are imported from their modules.
MAX_PUBLIC_NAMES = 30


def _modules_loaded_by(statement: str, *names: str) -> list[str]:
    """Which of `names` a fresh interpreter has in sys.modules after running `statement`."""
    probe = (
        f"import json, sys; {statement}; "
        f"print(json.dumps([n for n in {names!r} if n in sys.modules]))"
    )
    command = [sys.executable, "-c", probe]
    return json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def test_the_public_api_is_small_sorted_and_importable():
    assert len(lstm_explained.__all__) <= MAX_PUBLIC_NAMES
    assert lstm_explained.__all__ == sorted(lstm_explained.__all__)
    for name in lstm_explained.__all__:
        assert getattr(lstm_explained, name) is not None, name


def test_importing_the_reference_loads_neither_matplotlib_nor_tensorflow():
    loaded = _modules_loaded_by("import lstm_explained.reference", "matplotlib", "tensorflow")
    assert loaded == []


def test_importing_the_package_loads_no_matplotlib_until_a_figure_is_asked_for():
    assert _modules_loaded_by("import lstm_explained", "matplotlib", "keras") == []
    after = _modules_loaded_by("import lstm_explained; lstm_explained.show", "matplotlib")
    assert after == ["matplotlib"]


def test_figure_functions_are_the_figures_subpackages():
    from lstm_explained import figures

    assert lstm_explained.cell_diagram is figures.cell_diagram
    assert {"cell_diagram", "show"} <= set(dir(lstm_explained))


def test_an_unknown_name_raises_attribute_error():
    with pytest.raises(AttributeError, match="has no attribute 'weights_from_keras'"):
        _ = lstm_explained.weights_from_keras
