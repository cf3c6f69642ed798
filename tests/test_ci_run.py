"""CI fails when a step fails: ``.ci/run`` run with stand-in tools, and the Keras switch.

The real ``.ci/run`` takes half an hour; here a copy of it runs in a temporary folder whose
``PATH`` holds stand-ins for ``python3``, ``pip``, ``nox`` and ``chromium`` that log their
arguments and fail on demand. A step that fails must stop the script with a non-zero exit
before any later step runs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: The nox sessions CI runs, in order, with their arguments (the stand-in logs them).
SESSIONS = [
    "docs", "reproducible -- --against build/html", "tests", "lint", "mutations", "lighthouse",
]  # fmt: skip

STAND_IN = """#!/usr/bin/env bash
echo "$(basename "$0") $*" >> "$CI_LOG"
[ "$(basename "$0") $*" = "$FAIL_AT" ] && exit 3
if [ "$(basename "$0") $1 $2" = "python3 -m venv" ]; then
  mkdir -p "$3/bin" && echo 'export PATH="$PATH"' > "$3/bin/activate"
fi
exit 0
"""


def run_ci(tmp_path: Path, fail_at: str = "") -> tuple[int, list[str]]:
    """Run a copy of .ci/run with stand-in tools; return its exit code and the logged calls."""
    repo, tools = tmp_path / "repo", tmp_path / "bin"
    (repo / ".ci").mkdir(parents=True)
    shutil.copy(ROOT / ".ci" / "run", repo / ".ci" / "run")
    tools.mkdir()
    for name in ("python3", "pip", "nox", "chromium", "npm"):
        (tools / name).write_text(STAND_IN)
        (tools / name).chmod(0o755)
    log = tmp_path / "calls.log"
    log.touch()
    env = {"PATH": f"{tools}:/usr/bin:/bin", "CI_LOG": str(log), "FAIL_AT": fail_at}
    done = subprocess.run(
        ["bash", str(repo / ".ci" / "run")], env=env, capture_output=True, text=True, check=False
    )
    return done.returncode, log.read_text().splitlines()


def test_every_step_runs_in_order_when_all_pass(tmp_path):
    code, calls = run_ci(tmp_path)
    assert code == 0
    assert calls == [
        "python3 -m venv .venv",
        "pip install nox>=2024.4.15,<2027",
        *[f"nox -s {session}" for session in SESSIONS],
    ]


@pytest.mark.parametrize(
    "failing",
    ["python3 -m venv .venv", "pip install nox>=2024.4.15,<2027", "nox -s docs"]
    + [f"nox -s {session}" for session in SESSIONS[1:]],
)
def test_a_failing_step_fails_ci_and_stops_it(tmp_path, failing):
    code, calls = run_ci(tmp_path, fail_at=failing)
    assert code != 0
    assert calls[-1] == failing  # nothing ran after the failing step


def test_ci_runs_each_step_of_the_readme_commands():
    """The README's one-line commands, split at ``&&``, are lines of .ci/run, in order."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Set up", 1)[1].split("\n## ", 1)[0]
    commands = [ln for ln in section.split("```sh\n", 1)[1].split("```")[0].splitlines() if ln]
    lines = (ROOT / ".ci" / "run").read_text().splitlines()
    assert "set -euo pipefail" in lines
    steps = list(dict.fromkeys(s.strip() for c in commands for s in c.split("&&")))
    positions = [lines.index(step) for step in steps]
    assert positions == sorted(positions), steps


BROKEN_TENSORFLOW = "raise ImportError('this TensorFlow is broken on purpose')\n"
KERAS_TEST = textwrap.dedent(
    """
    import pytest

    @pytest.mark.keras
    def test_needs_keras():
        pass

    def test_uses_the_fixture(keras):
        pass
    """
)


@pytest.mark.parametrize(("require", "outcome"), [("", "2 skipped"), ("1", "2 errors")])
def test_a_broken_tensorflow_skips_locally_and_fails_in_ci(tmp_path, require, outcome):
    (tmp_path / "tensorflow").mkdir()
    (tmp_path / "tensorflow" / "__init__.py").write_text(BROKEN_TENSORFLOW)
    shutil.copy(ROOT / "tests" / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "test_keras_switch.py").write_text(KERAS_TEST)
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "LSTM_EXPLAINED_REQUIRE_KERAS": require}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", tmp_path,
         "-o", "addopts=", "-W", "ignore::pytest.PytestUnknownMarkWarning", str(tmp_path)],
        env=env, capture_output=True, text=True, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert outcome in done.stdout, done.stdout + done.stderr
    assert (done.returncode != 0) == bool(require)
