"""The hosting configurations parse and run exactly the README's commands (issue 8).

Neither Read the Docs nor GitHub Actions can run here; what can be checked is that the files are
valid YAML with the settings the hosts need, and that the commands they run are the README's
set-up commands, so the hosted site is built the way ``nox -s docs`` builds it.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

yaml = pytest.importorskip("yaml")
ConfigError = pytest.importorskip("sphinx.errors").ConfigError

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "docs" / "_ext"))  # conf.py imports its extensions

import anchors as anchors_tool  # noqa: E402  (tools/anchors.py)


def readme_commands() -> dict[str, str]:
    """The README's set-up commands, keyed by nox session ("docs", "tests")."""
    text = (ROOT / "README.md").read_text()
    block = re.search(r"## Set up.*?```sh\n(.*?)```", text, flags=re.DOTALL)
    assert block is not None, "README.md has no set-up commands"
    commands = [line for line in block.group(1).splitlines() if line.strip()]
    return {line.rsplit("nox -s ", 1)[1]: line for line in commands}


def test_the_readme_has_the_two_commands() -> None:
    assert set(readme_commands()) == {"docs", "tests"}


def test_read_the_docs_builds_like_nox_docs() -> None:
    config = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text())
    assert config["version"] == 2
    assert config["build"]["os"] == "ubuntu-24.04"
    assert config["build"]["tools"]["python"] == "3.11"
    commands = config["build"]["commands"]
    docs = readme_commands()["docs"]
    assert any(command.endswith(docs) for command in commands), commands
    base = 'LSTM_EXPLAINED_BASE_URL="$READTHEDOCS_CANONICAL_URL"'
    assert any(base in command for command in commands)
    repository = 'LSTM_EXPLAINED_REPOSITORY_URL="$READTHEDOCS_GIT_CLONE_URL"'
    assert any(repository in command and "https://*" in command for command in commands)
    assert any("--unshallow" in command for command in commands)  # git dates need history
    assert any("build/html" in c and "$READTHEDOCS_OUTPUT/html" in c for c in commands)


def test_the_workflow_builds_tests_and_publishes() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text())
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as True
    assert "push" in triggers
    assert "pull_request" in triggers
    build = workflow["jobs"]["build"]["steps"]
    uses = {step.get("uses", "").split("@")[0]: step for step in build}
    assert uses["actions/checkout"]["with"]["fetch-depth"] == 0
    assert str(uses["actions/setup-python"]["with"]["python-version"]) == "3.11"
    assert uses["actions/upload-pages-artifact"]["with"]["path"] == "build/html"
    runs = [step["run"] for step in build if "run" in step]
    assert any("apt-get install" in run and "chromium" in run for run in runs)
    (ci,) = [step for step in build if step.get("run") == "bash .ci/run"]  # the whole of CI
    assert "steps.pages.outputs.base_url" in ci["env"]["LSTM_EXPLAINED_BASE_URL"]
    assert ci["env"]["LSTM_EXPLAINED_REPOSITORY_URL"] == (
        "${{ github.server_url }}/${{ github.repository }}"
    )
    assert build.index(ci) < build.index(uses["actions/upload-pages-artifact"])
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]
    assert "refs/heads/main" in deploy["if"]


def test_the_readme_states_build_time_and_memory() -> None:
    text = (ROOT / "README.md").read_text()
    section = text.split("### Hosting", 1)[1].split("\n## ", 1)[0]
    assert re.search(r"from scratch, TensorFlow included, needs about \d+ min", section)
    assert re.search(r"about \d+(\.\d+)? GB of memory", section)


def test_citation_and_licences_are_in_the_repository() -> None:
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert cff["cff-version"] == "1.2.0"
    assert cff["title"] == "LSTM units, explained"
    assert cff["license"] == "CC-BY-4.0"
    assert cff["authors"]
    assert "Attribution 4.0 International" in (ROOT / "LICENSE-CONTENT").read_text()
    assert "MIT License" in (ROOT / "LICENSE").read_text()


def test_the_anchor_tool_finds_labels_and_only_adds(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "sub" / "page.md").write_text("(page)=\n# Page\n\n(page-part)=\n## Part\n")
    (docs / "404.md").write_text("(not-found)=\n# Not found\n")
    found = anchors_tool.current(docs)
    assert found == ["sub/page#page", "sub/page#page-part"]
    merged = anchors_tool.merged(["sub/page#page-gone", "sub/page#page"], found)
    assert set(merged) == {"sub/page#page", "sub/page#page-part", "sub/page#page-gone"}


def conf_function(name: str) -> Callable[..., Any]:
    """The function `name` of docs/conf.py, with conf.py's imports and constants (names in
    capitals), without running the rest.

    Running conf.py itself would hash every installed distribution and prune the pages'
    execution cache.
    """
    path = ROOT / "docs" / "conf.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))

    def constant(node: ast.stmt) -> bool:
        targets = node.targets if isinstance(node, ast.Assign) else []
        return bool(targets) and all(isinstance(t, ast.Name) and t.id.isupper() for t in targets)

    keep = [
        node
        for node in tree.body
        if isinstance(node, (ast.Import, ast.ImportFrom))
        or constant(node)
        or (isinstance(node, ast.FunctionDef) and node.name == name)
    ]
    namespace: dict[str, Any] = {"__file__": str(path)}
    exec(compile(ast.Module(body=keep, type_ignores=[]), str(path), "exec"), namespace)
    return namespace[name]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        ("", ""),
        ("  ", ""),
        ("https://user.github.io/lstm-explained/", "https://user.github.io/lstm-explained/"),
        ("https://user.github.io/lstm-explained", "https://user.github.io/lstm-explained/"),
        (" https://example.org/docs// \n", "https://example.org/docs/"),
        ("https://example.org", "https://example.org/"),
        ("http://localhost:8000", "http://localhost:8000/"),
    ],
)
def test_the_base_url_is_normalised_once(value: str | None, expected: str) -> None:
    assert conf_function("site_base_url")(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "example.org/lstm/",
        "//example.org/lstm/",
        "ftp://example.org/lstm/",
        "file:///tmp/site/",
        "https://",
        "https:///lstm/",
        "https://example.org/lstm/?page=1",
        "https://example.org/lstm/#top",
        "https://example org/lstm/",
        "https://[::1/lstm/",
        "https://example.org:port/lstm/",
    ],
)
def test_a_bad_base_url_is_refused_by_name(value: str) -> None:
    with pytest.raises(ConfigError) as raised:
        conf_function("site_base_url")(value)
    message = str(raised.value)
    assert f"LSTM_EXPLAINED_BASE_URL={value!r}" in message
    assert "http(s)" in message


def test_only_conf_py_reads_the_base_url_variable() -> None:
    conf = (ROOT / "docs" / "conf.py").read_text(encoding="utf-8")
    assert conf.count('os.environ.get("LSTM_EXPLAINED_BASE_URL")') == 1
    for path in sorted((ROOT / "docs" / "_ext").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert "LSTM_EXPLAINED_BASE_URL" not in text, path.name
        assert 'rstrip("/")' not in text, f"{path.name} normalises the base URL again"


@pytest.mark.parametrize(
    ("value", "branch", "url", "view", "edit"),
    [
        (
            "https://github.com/user/lstm-explained",
            None,
            "https://github.com/user/lstm-explained",
            "https://github.com/user/lstm-explained/blob/main/docs/{filename}",
            "https://github.com/user/lstm-explained/edit/main/docs/{filename}",
        ),
        (
            " https://github.com/user/lstm-explained.git/ \n",
            "gh-pages",
            "https://github.com/user/lstm-explained",
            "https://github.com/user/lstm-explained/blob/gh-pages/docs/{filename}",
            "https://github.com/user/lstm-explained/edit/gh-pages/docs/{filename}",
        ),
        (
            "https://gitlab.com/group/sub/lstm",
            "",
            "https://gitlab.com/group/sub/lstm",
            "https://gitlab.com/group/sub/lstm/-/blob/main/docs/{filename}",
            "https://gitlab.com/group/sub/lstm/-/edit/main/docs/{filename}",
        ),
        (
            "https://codeberg.org/user/lstm",
            "dev",
            "https://codeberg.org/user/lstm",
            "https://codeberg.org/user/lstm/src/branch/dev/docs/{filename}",
            "https://codeberg.org/user/lstm/_edit/dev/docs/{filename}",
        ),
    ],
)
def test_the_repository_gives_each_page_its_source_links(
    value: str, branch: str | None, url: str, view: str, edit: str
) -> None:
    settings = conf_function("site_repository")(value, branch)
    expected_branch = (branch or "").strip() or "main"
    assert settings == {"url": url, "branch": expected_branch, "view": view, "edit": edit}
    # Furo fills {filename} with the page's source file under docs/.
    assert settings["view"].format(filename="how-to/shapes.md").endswith("docs/how-to/shapes.md")


@pytest.mark.parametrize("value", [None, "", "   "])
def test_no_repository_means_no_source_links(value: str | None) -> None:
    assert conf_function("site_repository")(value) == {}


@pytest.mark.parametrize(
    ("value", "branch"),
    [
        ("github.com/user/lstm", None),
        ("http://github.com/user/lstm", None),
        ("https://github.com/user", None),
        ("https://example.org/user/lstm", None),
        ("https://github.com:8443/user/lstm", None),
        ("https://github.com/user/lstm?tab=readme", None),
        ("https://github.com/user/lstm#readme", None),
        ("https://github.com/user/my lstm", None),
        ("https://github.com/user/lstm", "my branch"),
        ("https://github.com/user/{lstm}", None),
    ],
)
def test_a_bad_repository_is_refused_by_name(value: str, branch: str | None) -> None:
    with pytest.raises(ConfigError) as raised:
        conf_function("site_repository")(value, branch)
    message = str(raised.value)
    assert f"LSTM_EXPLAINED_REPOSITORY_URL={value!r}" in message
    assert "github.com" in message


def test_both_hosts_publish_every_language() -> None:
    """Both hosts publish build/html, and `nox -s docs` builds every language into it."""
    import sphinx_command  # tools/, on the path above

    noxfile = ast.parse((ROOT / "noxfile.py").read_text(encoding="utf-8"))
    docs = next(f for f in noxfile.body if isinstance(f, ast.FunctionDef) and f.name == "docs")
    runs = [ast.unparse(node) for node in ast.walk(docs) if isinstance(node, ast.Call)]
    assert any("'tools/build_site.py', '--out', HTML" in call for call in runs), runs
    tool = ast.parse((ROOT / "tools" / "build_site.py").read_text(encoding="utf-8"))
    calls = [
        node for node in ast.walk(tool)
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "site_builds"
    ]  # fmt: skip
    assert len(calls) == 1
    assert ast.unparse(calls[0].args[1]) == "out"  # --out: English there, French in out/fr/
    outputs = [command[-1] for _, command in sphinx_command.site_builds("d", "html", doctrees="t")]
    assert outputs == ["html", *(f"html/{code}" for code in sphinx_command.TRANSLATIONS)]
    pages = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text())
    steps = pages["jobs"]["build"]["steps"]
    assert any(step.get("with", {}).get("path") == "build/html" for step in steps)
    rtd = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text())["build"]["commands"]
    assert any('cp -r build/html "$READTHEDOCS_OUTPUT/html"' in command for command in rtd)
