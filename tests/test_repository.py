"""The repository keeps its promises to a new user: the README's commands are the ones CI runs."""

from __future__ import annotations

import ast
import re
from pathlib import Path, PurePosixPath

import pytest

ROOT = Path(__file__).resolve().parents[1]


def setup_commands() -> list[str]:
    """The commands of the README's "Set up" section."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Set up", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, flags=re.DOTALL)
    return [line for block in blocks for line in block.splitlines() if line.strip()]


def test_readme_gives_exactly_two_commands_docs_and_tests() -> None:
    commands = setup_commands()
    assert len(commands) == 2
    assert commands[0].endswith("nox -s docs")
    assert commands[1].endswith("nox -s tests")


def test_every_nox_session_is_typed_and_documented() -> None:
    tree = ast.parse((ROOT / "noxfile.py").read_text())
    sessions = [
        node
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
        and any("nox.session" in ast.unparse(d) for d in node.decorator_list)
    ]
    assert {"lint", "tests", "docs", "docs_live"} <= {s.name for s in sessions}
    for session in sessions:
        assert ast.get_docstring(session), session.name
        assert session.args.args[0].annotation is not None, session.name
        assert session.returns is not None, session.name


def test_build_output_lives_outside_docs() -> None:
    noxfile = (ROOT / "noxfile.py").read_text()
    assert 'BUILD = ROOT / "build"' in noxfile
    assert "/build/" in (ROOT / ".gitignore").read_text()


def test_every_module_is_in_the_readme_and_has_its_own_test_file() -> None:
    """The README lists every module by its path in the package; tests mirror the folders."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Reading the package", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\| `([\w/]+)\.py` \|", section, flags=re.MULTILINE)
    package = ROOT / "lstm_explained"
    modules = sorted(
        p.relative_to(package).with_suffix("").as_posix()
        for p in package.rglob("*.py")
        if not p.stem.startswith("__")
    )
    assert sorted(listed) == modules
    assert len(listed) == len(set(listed))
    mirrored = [PurePosixPath(m) for m in modules]
    tests = [ROOT / "tests" / m.parent / f"test_{m.name}.py" for m in mirrored]
    missing = [str(t.relative_to(ROOT)) for t in tests if not t.is_file()]
    assert not missing, f"modules without their mirrored test file: {missing}"


def _code_cells(page: Path) -> list[str]:
    """The code of a MyST-NB page's ``code-cell`` blocks (cell options stripped)."""
    cells = re.findall(r"^```\{code-cell\}[^\n]*\n(.*?)^```", page.read_text(), re.S | re.M)
    cells = [re.sub(r"\A---\n.*?^---\n", "", cell, flags=re.S | re.M) for cell in cells]
    return [
        "\n".join(ln for ln in c.splitlines() if not ln.startswith((":", "%", "!"))) for c in cells
    ]


def test_every_name_a_page_imports_from_the_package_exists() -> None:
    """A page's ``from lstm_explained... import name`` resolves (checked without running pages)."""
    import importlib

    missing = []
    for page in sorted((ROOT / "docs").rglob("*.md")):
        for cell in _code_cells(page):
            for node in ast.walk(ast.parse(cell)):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                    "lstm_explained"
                ):
                    module = importlib.import_module(node.module)
                    missing += [
                        f"{page.relative_to(ROOT)}: {node.module}.{alias.name}"
                        for alias in node.names
                        if not hasattr(module, alias.name)
                    ]
    assert not missing, missing


def test_the_import_contracts_forbid_every_module_of_the_site() -> None:
    """The no-docs import contract lists every docs/_ext module (import-linter does the rest)."""
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    (contract,) = [c for c in config["contracts"] if c["id"] == "no-docs"]
    extensions = {p.stem for p in (ROOT / "docs" / "_ext").glob("*.py")}
    assert extensions | {"conf"} <= set(contract["forbidden_modules"])
