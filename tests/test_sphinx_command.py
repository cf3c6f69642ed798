"""tools/sphinx_command.py: the build stays strict, and nothing else spells its own command."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import sphinx_command  # noqa: E402  (tools/sphinx_command.py)

#: What makes a build strict; dropping any of these must fail this test.
REQUIRED = {"-n", "-W", "--keep-going", "-E"}


def test_the_command_is_strict():
    command = sphinx_command.sphinx_build("docs", "out", doctrees="dt", warnings_log="w.log")
    assert set(command) >= REQUIRED
    assert command[command.index("-b") + 1] == "html"
    assert command[command.index("-w") + 1] == "w.log"
    assert command[-2:] == ["docs", "out"]


@pytest.mark.parametrize("flag", sorted(REQUIRED))
def test_dropping_a_strict_flag_is_noticed(monkeypatch, flag):
    """The check above is not vacuous: without one flag, the command is no longer strict."""
    loose = tuple(f for f in sphinx_command.STRICT if f != flag)
    monkeypatch.setattr(sphinx_command, "STRICT", loose)
    assert not set(sphinx_command.sphinx_build("d", "o", doctrees="t")) >= REQUIRED


def _python_files() -> list[Path]:
    folders = ["noxfile.py", "tools", "tests", "benchmarks", "docs"]
    found = []
    for name in folders:
        path = ROOT / name
        found += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return [p for p in found if p.name not in {"sphinx_command.py", "test_sphinx_command.py"}]


def test_no_other_file_spells_a_sphinx_build_of_its_own():
    """Every build goes through sphinx_build(): no "-m", "sphinx" or sphinx-build elsewhere."""
    spelled = re.compile(r"""["']-m["'],\s*["']sphinx["']|["']sphinx-build["']""")
    offenders = [
        str(p.relative_to(ROOT)) for p in _python_files() if spelled.search(p.read_text())
    ]
    assert offenders == []


def test_the_hosts_run_the_docs_session():
    """Both hosting configurations build with `nox -s docs`, which uses the strict command."""
    noxfile = (ROOT / "noxfile.py").read_text()
    assert '"tools/build_site.py"' in noxfile  # the docs session's build
    assert "site_builds(" in (ROOT / "tools" / "build_site.py").read_text()
    for config in (ROOT / ".readthedocs.yaml", ROOT / ".github" / "workflows" / "site.yml"):
        text = config.read_text()
        assert "nox -s docs" in text or ".ci/run" in text, config


def conf_site_languages() -> dict[str, str]:
    """conf.py's ``site_languages``, read from its source (``site_languages = NAME`` followed)."""
    import ast

    conf = ast.parse((ROOT / "docs" / "conf.py").read_text(encoding="utf-8"))
    assigned = {
        target.id: node.value
        for node in conf.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    value = assigned["site_languages"]
    while isinstance(value, ast.Name):  # site_languages = SITE_LANGUAGES
        value = assigned[value.id]
    return ast.literal_eval(value)


def test_every_language_of_the_site_is_built_after_english():
    """The builds follow conf.py's ``site_languages``: English at the root, then the others."""
    languages = conf_site_languages()
    builds = sphinx_command.site_builds("docs", "out", doctrees="dt", extra=("-j", "1"))
    assert [code for code, _ in builds] == list(languages)
    assert builds[0][1][-1] == "out"
    for code, command in builds[1:]:
        assert command[-1] == str(Path("out") / code)
        assert f"language={code}" in command
        assert set(command) >= REQUIRED
        assert command[command.index("-d") + 1] == f"dt-{code}"  # an environment of its own
