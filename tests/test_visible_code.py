"""Every page's visible code runs when a reader copies it, top to bottom, into a fresh Python.

A page's hidden cells (tagged ``remove-cell``) may check and glue, never define what the visible
code uses: a reader who copies the visible cells in order must get the same results. Each page's
visible cells run here, in order, in a fresh interpreter with the package installed and with
``myst_nb`` made unimportable (a reader's environment does not have the site's build tools).
A cell tagged ``raises-exception`` must raise; the next cells run after it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"

#: Run before a page's code: no myst_nb (the build's tool), no window for matplotlib.
PRELUDE = textwrap.dedent(
    """
    import sys, importlib.abc
    class _NoBuildTools(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in {"myst_nb", "sphinx"}:
                raise ImportError(f"{name} is a tool of the site's build, not of a reader")
    sys.meta_path.insert(0, _NoBuildTools())
    import matplotlib
    matplotlib.use("Agg")
    """
)


def must_raise(code: str, number: int) -> str:
    """`code` wrapped so that the script fails unless it raises (as the page shows it does)."""
    return (
        "try:\n"
        + textwrap.indent(code, "    ")
        + "\nexcept Exception as _error:\n"
        + '    print("raised as the page shows:", type(_error).__name__)\n'
        + "else:\n"
        + f'    raise AssertionError("cell {number}: raises-exception, but it did not raise")\n'
    )


def cells(page: Path) -> list[tuple[set[str], str]]:
    """(tags, code) of each code cell of a MyST-NB page, in order."""
    found = []
    for match in re.finditer(r"^```\{code-cell\}[^\n]*\n(.*?)^```", page.read_text(), re.S | re.M):
        body, tags = match.group(1), set()
        front = re.match(r"\A---\n(.*?)^---\n", body, re.S | re.M)
        if front:
            listed = re.search(r"tags:\s*\[(.*?)\]", front.group(1))
            tags |= {t.strip() for t in listed.group(1).split(",")} if listed else set()
            body = body[front.end() :]
        lines = body.splitlines()
        while lines and lines[0].startswith(":"):
            listed = re.match(r":tags:\s*\[(.*?)\]", lines[0])
            tags |= {t.strip() for t in listed.group(1).split(",")} if listed else set()
            lines.pop(0)
        found.append((tags, "\n".join(lines)))
    return found


def visible_script(page: Path) -> str:
    """The page's visible cells as one script; a raises-exception cell must raise."""
    parts = [PRELUDE]
    for number, (tags, code) in enumerate(cells(page), start=1):
        if "remove-cell" in tags:
            continue
        if "raises-exception" in tags:
            code = must_raise(code, number)
        parts.append(f"# -- cell {number}\n{code}\n")
    return "\n".join(parts)


PAGES = sorted(p for p in DOCS.rglob("*.md") if any(True for _ in cells(p)))


def test_pages_with_code_are_found():
    assert len(PAGES) >= 15


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_the_visible_code_runs_on_its_own(page: Path, tmp_path: Path) -> None:
    script = tmp_path / "page.py"
    script.write_text(visible_script(page))
    env_tf = {"TF_CPP_MIN_LOG_LEVEL": "2", "TF_ENABLE_ONEDNN_OPTS": "0", "MPLBACKEND": "Agg"}
    done = subprocess.run(
        [sys.executable, str(script)], cwd=page.parent, env={**os.environ, **env_tf},
        capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, f"{page.relative_to(ROOT)}:\n{done.stderr[-3000:]}"


def test_a_cell_that_should_raise_but_does_not_fails_the_script(tmp_path: Path) -> None:
    """The wrapper is not vacuous: braces in the cell are fine, and a quiet cell fails."""
    for code, expected in (("{}['missing']", 0), ("x = {'a': 1}", 1)):
        script = tmp_path / "cell.py"
        script.write_text(must_raise(code, 7))
        done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
        assert done.returncode == expected, done.stderr
