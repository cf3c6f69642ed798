"""docs/_ext/deferred_scripts.py: scripts load with defer, except where their order matters."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "_ext"))
_assets = pytest.importorskip("sphinx.builders.html._assets")

import deferred_scripts  # noqa: E402  (docs/_ext/deferred_scripts.py)

JS = _assets._JavaScript


def test_a_plain_script_is_deferred_and_keeps_its_place():
    script = JS("_static/doctools.js", priority=200)
    result = deferred_scripts.deferred(script)
    assert result.attributes == {"defer": "defer"}
    assert (result.filename, result.priority) == ("_static/doctools.js", 200)


@pytest.mark.parametrize(
    "script",
    [
        JS("", body="var x = 1;"),
        JS("a.js", defer="defer"),
        JS("a.js", **{"async": "async"}),
        JS("m.js", type="module"),
        "legacy.js",
    ],
)
def test_inline_async_module_and_deferred_scripts_are_left_alone(script):
    assert deferred_scripts.deferred(script) is script


def test_the_search_page_keeps_its_scripts():
    context = {"script_files": [JS("_static/doctools.js")]}
    deferred_scripts.defer_scripts(None, "search", "search.html", context, None)
    assert context["script_files"][0].attributes == {}
    deferred_scripts.defer_scripts(None, "index", "page.html", context, None)
    assert context["script_files"][0].attributes == {"defer": "defer"}
