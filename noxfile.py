"""Nox sessions for "LSTM units, explained".

Every session runs in ONE shared virtual environment, ``.nox/project``, that holds the package
(editable), TensorFlow/Keras, the docs toolchain, the test and the lint tools. TensorFlow is about
2 GB installed, so it is installed once: the environment is reused by every session and by every
later run, and ``pip install`` runs again only when ``pyproject.toml`` or the constraints file
changes (a stamp file records their hash).

Sessions (``nox -l`` lists them): ``lint``, ``tests`` and ``docs`` run by default; ``docs-live``
serves a live preview; ``bench`` prints timings; ``lock`` refreshes the constraints file.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sys
from pathlib import Path

import nox

nox.needs_version = ">=2024.4.15"
nox.options.sessions = ["lint", "tests", "docs"]
nox.options.default_venv_backend = "none"

ROOT = Path(__file__).resolve().parent
ENV_DIR = ROOT / ".nox" / "project"
BIN = ENV_DIR / ("Scripts" if os.name == "nt" else "bin")
PYTHON = str(BIN / "python")
CONSTRAINTS = ROOT / "requirements" / "constraints.txt"
EXTRAS = "keras,docs,tests,lint"

BUILD = ROOT / "build"  # everything the build writes lives here, outside docs/
HTML = BUILD / "html"
DOCTREES = BUILD / "doctrees"
WARNINGS_LOG = BUILD / "sphinx-warnings.log"
LIVE_HTML = BUILD / "live"


def _install_key() -> str:
    """Hash of what decides the environment's contents: the dependencies and the interpreter."""
    digest = hashlib.sha256(sys.version.encode())
    for path in (ROOT / "pyproject.toml", CONSTRAINTS):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def project_env(session: nox.Session) -> None:
    """Create or update the shared environment; install only when the dependencies changed."""
    stamp = ENV_DIR / ".installed"
    if not Path(PYTHON).exists():
        session.run(sys.executable, "-m", "venv", str(ENV_DIR), external=True)
    key = _install_key()
    if stamp.exists() and stamp.read_text() == key:
        session.log(f"Reusing {ENV_DIR.relative_to(ROOT)} (dependencies unchanged)")
        return
    session.run(
        PYTHON, "-m", "pip", "install", "--disable-pip-version-check", "--quiet",
        "-c", str(CONSTRAINTS), "-e", f"{ROOT}[{EXTRAS}]",
        external=True,
    )  # fmt: skip
    stamp.write_text(key)


def run(session: nox.Session, *args: str | os.PathLike[str], **kwargs: object) -> None:
    """Run a tool from the shared environment, with its ``bin`` first on ``PATH``."""
    env = {"PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "VIRTUAL_ENV": str(ENV_DIR)}
    env.update(kwargs.pop("env", {}))  # type: ignore[arg-type]
    session.run(*map(str, args), external=True, env=env, **kwargs)  # type: ignore[arg-type]


@nox.session
def lint(session: nox.Session) -> None:
    """Ruff (lint and format check) and the check of the pages' front matter and cell tags."""
    project_env(session)
    run(session, PYTHON, "-m", "ruff", "check", ".")
    run(session, PYTHON, "-m", "ruff", "format", "--check", ".")
    run(session, PYTHON, "tools/check_pages.py", "docs")


@nox.session
def tests(session: nox.Session) -> None:
    """The test suite: unit, Keras parity, doctests and the docs-pipeline tests."""
    project_env(session)
    run(session, PYTHON, "-m", "pytest", *session.posargs)


def failing_pages(log: Path) -> list[str]:
    """Pages named in a Sphinx warnings log, in order of first appearance."""
    pages: dict[str, None] = {}
    if log.exists():
        pattern = re.compile(r"^(?P<path>\S+?\.(?:md|rst|ipynb|py))(?::\d+)*: (?:WARNING|ERROR)")
        for line in log.read_text(errors="replace").splitlines():
            if match := pattern.match(line):
                path = Path(match["path"])
                page = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
                pages[str(page)] = None
    return list(pages)


@nox.session
def docs(session: nox.Session) -> None:
    """Build the HTML site into build/html from a clean state, executing every page.

    Strict: ``-n -W --keep-going``, a fresh Sphinx environment (``-E``) and an emptied output
    folder, so no page is skipped because an earlier build read it. Cell outputs come from the
    execution cache only when neither the page's code, the package nor any installed version
    changed (see ``docs/conf.py``). On failure, every failing page is listed.
    """
    project_env(session)
    for folder in (HTML, DOCTREES):
        shutil.rmtree(folder, ignore_errors=True)
    BUILD.mkdir(exist_ok=True)
    args = ["-b", "html", "-n", "-W", "--keep-going", "-E", "-d", DOCTREES, "-w", WARNINGS_LOG]
    try:
        run(session, PYTHON, "-m", "sphinx", *args, "docs", HTML, *session.posargs)
    except nox.command.CommandFailed:
        pages = failing_pages(WARNINGS_LOG)
        listing = "\n".join(f"  - {page}" for page in pages) or "  (see the log above)"
        session.error(f"The docs build failed. Failing pages:\n{listing}")
    session.log(f"Site built: {HTML.relative_to(ROOT)}/index.html")


@nox.session(name="docs-live")
def docs_live(session: nox.Session) -> None:
    """Live preview on http://127.0.0.1:8000, rebuilt once per edit of docs/ or the package.

    The output, the doctrees and the execution cache all live under build/, outside the watched
    folders, so a rebuild never triggers another one.
    """
    project_env(session)
    run(
        session, BIN / "sphinx-autobuild", "docs", LIVE_HTML,
        "-d", BUILD / "live-doctrees", "-n", "--keep-going",
        "--host", "127.0.0.1", "--port", "8000",
        "--watch", ROOT / "lstm_explained",
        "--ignore", "*.ipynb", "--ignore", "*/.ipynb_checkpoints/*", "--ignore", "*~",
        *session.posargs,
    )  # fmt: skip


@nox.session
def bench(session: nox.Session) -> None:
    """Print timings: the NumPy reference against the Keras layer on the CPU, in one process."""
    project_env(session)
    run(session, PYTHON, "benchmarks/bench_forward.py", *session.posargs)


@nox.session
def lock(session: nox.Session) -> None:
    """Re-resolve the dependencies in a temporary environment and rewrite the constraints file."""
    tmp = Path(session.create_tmp()) / "lock-env"
    shutil.rmtree(tmp, ignore_errors=True)
    session.run(sys.executable, "-m", "venv", str(tmp), external=True)
    python = str(tmp / ("Scripts" if os.name == "nt" else "bin") / "python")
    session.run(python, "-m", "pip", "install", "--quiet", f"{ROOT}[{EXTRAS}]", external=True)
    frozen = session.run(python, "-m", "pip", "freeze", "--exclude", "lstm-explained",
                         external=True, silent=True)  # fmt: skip
    header = "# Exact versions the nox sessions install. Regenerate with: nox -s lock\n"
    CONSTRAINTS.write_text(header + str(frozen))
