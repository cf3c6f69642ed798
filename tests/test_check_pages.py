"""The page linter (tools/check_pages.py) catches what the build cannot."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

pytest.importorskip("yaml")

TOOL = Path(__file__).resolve().parents[1] / "tools" / "check_pages.py"
_spec = importlib.util.spec_from_file_location("check_pages", TOOL)
assert _spec is not None
assert _spec.loader is not None
check_pages = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_pages)

GOOD_FRONT = "---\nfile_format: mystnb\nkernelspec:\n  name: python3\n---\n\n# Title\n"


def lint(tmp_path: Path, text: str, name: str = "page.md") -> list[str]:
    (tmp_path / name).write_text(text)
    return check_pages.problems(tmp_path)


def test_a_good_page_has_no_problem(tmp_path: Path) -> None:
    cells = "```{code-cell} ipython3\n:tags: [hide-input]\nx = 1\n```\n"
    yaml_cell = "```{code-cell} ipython3\n---\ntags: [raises-exception]\n---\n1 / 0\n```\n"
    assert lint(tmp_path, GOOD_FRONT + cells + yaml_cell) == []


def test_the_real_pages_pass() -> None:
    assert check_pages.problems(TOOL.parents[1] / "docs") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# No front matter\n", "file_format: mystnb"),
        ("---\nfile_format: mystnb\n---\n# T\n", "kernelspec"),
        (GOOD_FRONT + "```{code-cell}\n:tags: [skip-execution]\nx\n```\n", "skip-execution"),
        (GOOD_FRONT + "```{code-cell}\n---\ntags: [remove_cell]\n---\nx\n```\n", "remove_cell"),
        (GOOD_FRONT + "```{code-cell}\n:tags: hide-input\nx\n```\n", "must be a list"),
    ],
)
def test_problems_are_reported_with_their_line(tmp_path: Path, text: str, expected: str) -> None:
    found = lint(tmp_path, text)
    assert len(found) == 1
    assert expected in found[0]
    assert found[0].startswith(str(tmp_path / "page.md") + ":")


def test_notebook_files_are_refused(tmp_path: Path) -> None:
    found = lint(tmp_path, "{}", name="page.ipynb")
    assert found
    assert ".ipynb" in found[0]


def test_command_line_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "page.md").write_text(GOOD_FRONT)
    assert check_pages.main([str(tmp_path)]) == 0
    (tmp_path / "bad.md").write_text("# no front matter\n")
    assert check_pages.main([str(tmp_path)]) == 1
    assert "bad.md" in capsys.readouterr().out
    assert check_pages.main([str(tmp_path / "missing")]) == 2
    assert check_pages.main([]) == 2
