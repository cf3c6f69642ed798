"""docs/_ext/short_tracebacks.py: a page's error shows its own line and no path of the builder."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

import short_tracebacks  # noqa: E402  (docs/_ext/short_tracebacks.py)

InteractiveShell = pytest.importorskip("IPython.core.interactiveshell").InteractiveShell


@pytest.fixture
def shell():
    """An IPython shell whose cells' errors go through the short traceback."""
    shell = InteractiveShell.instance()
    shown: list[list[str]] = []
    shell._showtraceback = lambda etype, evalue, stb: shown.append(stb)
    short_tracebacks.install(shell)
    yield shell, shown
    shell.set_custom_exc((), None)
    InteractiveShell.clear_instance()


def test_an_error_in_a_library_shows_the_cell_line_and_the_exception(shell):
    ip, shown = shell
    result = ip.run_cell("import json\njson.loads('{')")
    assert result.error_in_exec is not None  # the cell still fails: raises-exception sees it
    (lines,) = shown
    assert lines[0] == "Traceback (most recent call last):"
    assert lines[1].startswith("  Cell In[")
    assert lines[1].endswith("], line 2")
    assert lines[2] == "    json.loads('{')"
    assert "frame(s) inside installed libraries left out" in lines[3]
    assert lines[-1].startswith("json.decoder.JSONDecodeError: Expecting property name")
    text = "\n".join(lines)
    assert str(Path(json.__file__).parent) not in text
    assert "site-packages" not in text


def test_an_error_in_the_cell_itself_shows_no_hidden_frames(shell):
    ip, shown = shell
    ip.run_cell("1 / 0")
    (lines,) = shown
    assert lines[-1] == "ZeroDivisionError: division by zero"
    assert not any("left out" in line for line in lines)


def test_the_startup_file_installs_it_without_adding_names(shell):
    ip, shown = shell
    ip.set_custom_exc((), None)
    before = set(ip.user_ns)
    ip.run_cell(short_tracebacks.startup_file())
    assert set(ip.user_ns) - before == set()
    ip.run_cell("int('x')")
    assert shown[-1][-1] == "ValueError: invalid literal for int() with base 10: 'x'"
