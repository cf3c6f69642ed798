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
import shutil
import sys
from pathlib import Path

import nox

sys.path.insert(0, str(Path(__file__).resolve().parent / "tools"))
from sphinx_command import TRANSLATIONS, sphinx_build

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
GETTEXT = BUILD / "gettext"
LOCALES = ROOT / "docs" / "locales"
#: The languages of the site besides English, the language of the sources (docs/conf.py's
#: site_languages): each is built into build/html/<lang>/.
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
    install_tf_keras(session)
    stamp.write_text(key)


def install_tf_keras(session: nox.Session) -> None:
    """Keras 2 (``tf_keras``) without its dependencies, at the version of the constraints file.

    tf-keras requires the full ``tensorflow`` distribution, and the ``keras`` extra installs
    ``tensorflow-cpu`` on Linux x86_64: resolving that requirement would install a second
    TensorFlow, 572 MB more to download, into the same ``tensorflow`` folder. The TensorFlow it
    needs is already there, at the same release (elsewhere, the extra installs both already).
    """
    session.run(
        PYTHON, "-m", "pip", "install", "--disable-pip-version-check", "--quiet", "--no-deps",
        "-c", str(CONSTRAINTS), "tf-keras",
        external=True,
    )  # fmt: skip


def run(session: nox.Session, *args: str | os.PathLike[str], **kwargs: object) -> None:
    """Run a tool from the shared environment, with its ``bin`` first on ``PATH``."""
    env = {"PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "VIRTUAL_ENV": str(ENV_DIR)}
    env.update(kwargs.pop("env", {}))  # type: ignore[arg-type]
    session.run(*map(str, args), external=True, env=env, **kwargs)  # type: ignore[arg-type]


@nox.session
def lint(session: nox.Session) -> None:
    """Ruff, the package's import contracts (import-linter) and the pages' front matter and tags.

    The contracts (``[tool.importlinter]`` in ``pyproject.toml``) keep the layers of the package:
    figures and interop import the reference, the reference imports neither, nothing imports
    the docs, and no import cycle exists anywhere in the package.
    """
    project_env(session)
    run(session, PYTHON, "-m", "ruff", "check", ".")
    run(session, PYTHON, "-m", "ruff", "format", "--check", ".")
    run(session, BIN / "lint-imports", "--no-cache")
    run(session, PYTHON, "tools/check_pages.py", "docs")


@nox.session
def tests(session: nox.Session) -> None:
    """The test suite: unit, Keras parity, doctests and the docs-pipeline tests."""
    project_env(session)
    run(session, PYTHON, "-m", "pytest", *session.posargs)


@nox.session
def docs(session: nox.Session) -> None:
    """Build the HTML site into build/html from a clean state, executing every page, and then
    each translation into build/html/<lang>/ from the same sources and execution cache.

    Strict: ``-n -W --keep-going``, a fresh Sphinx environment (``-E``) and an emptied output
    folder, so no page is skipped because an earlier build read it. Pages are read and executed
    in parallel (``-j auto``, one worker per CPU). Cell outputs come from the
    execution cache only when neither the page's code, the package nor any installed version
    changed (see ``docs/conf.py``). On failure, every failing page is listed.

    Run again with nothing changed (no source, catalogue, package, installed version, setting
    or output file), it builds nothing and says so: ``tools/build_site.py`` keeps a stamp of
    the last successful build's inputs. ``nox -s docs -- --force`` builds anyway.
    """
    project_env(session)
    try:
        run(session, PYTHON, "tools/build_site.py", "--out", HTML, "--doctrees", DOCTREES,
            "--warnings-log", WARNINGS_LOG, *session.posargs)  # fmt: skip
    except nox.command.CommandFailed:
        session.error("The docs build failed (the failing pages are listed above).")
    session.log(f"Site: {HTML.relative_to(ROOT)}/index.html")


@nox.session
def translations(session: nox.Session) -> None:
    """Bring the catalogues of every language up to date with the English pages.

    A gettext build writes each page's messages to ``build/gettext/<page>.pot`` (the pages'
    cells come from the execution cache). sphinx-intl then merges them into
    ``docs/locales/<lang>/LC_MESSAGES/<page>.po``: a new message is added untranslated, a
    changed one keeps its old translation marked fuzzy, a removed one is dropped. Translate or
    review those entries; ``nox -s docs`` refuses a missing, fuzzy or stale translation.
    """
    project_env(session)
    shutil.rmtree(GETTEXT, ignore_errors=True)
    run(session, *sphinx_build("docs", GETTEXT, doctrees=BUILD / "doctrees-gettext",
                               python=PYTHON, extra=("-b", "gettext")))  # fmt: skip
    for language in TRANSLATIONS:
        run(session, BIN / "sphinx-intl", "update", "--pot-dir", GETTEXT, "--locale-dir",
            LOCALES, "--language", language, "--line-width", "99", "--no-obsolete",
            "--jobs", "1")  # fmt: skip


@nox.session(name="docs-live")
def docs_live(session: nox.Session) -> None:
    """Live preview on http://127.0.0.1:8000, rebuilt once per edit of docs/ or the package.

    The output, the doctrees and the execution cache all live under build/, outside the watched
    folders, and the compiled catalogues are ignored, so a rebuild never triggers another one.
    """
    project_env(session)
    run(
        session, BIN / "sphinx-autobuild", "docs", LIVE_HTML,
        "-d", BUILD / "live-doctrees", "-n", "--keep-going",
        "--host", "127.0.0.1", "--port", "8000",
        "--watch", ROOT / "lstm_explained",
        "--ignore", "*.ipynb", "--ignore", "*/.ipynb_checkpoints/*", "--ignore", "*~",
        # A translated preview (`nox -s docs-live -- -D language=fr`) compiles the catalogues
        # into .mo files beside them, inside docs/: watching those would rebuild forever.
        "--ignore", "*.mo",
        *session.posargs,
    )  # fmt: skip


@nox.session
def mutations(session: nox.Session) -> None:
    """Build the real site against deliberately broken copies of the package; each must fail.

    Prints a table of mutations, caught or not, with the pages that caught them; fails if any
    mutation survives (then a page lacks an assertion). Pass ``-- --only NAME`` to run one.
    """
    project_env(session)
    run(session, PYTHON, "tools/mutations.py", *session.posargs)


@nox.session
def reproducible(session: nox.Session) -> None:
    """Build the site twice from scratch (empty caches) and report every file that differs."""
    project_env(session)
    run(session, PYTHON, "tools/reproducible.py", *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """Print timings: the reference against Keras, and the docs build (cold, warm, one page).

    Lighthouse scores have a session of their own, which fails below the floor: ``lighthouse``.
    """
    project_env(session)
    run(session, PYTHON, "benchmarks/bench_forward.py")
    run(session, PYTHON, "benchmarks/bench_build.py", *session.posargs)


@nox.session
def lighthouse(session: nox.Session) -> None:
    """Lighthouse on the home, heaviest and calculator pages, mobile and desktop; fail below 95.

    Each page and preset runs three times and the median of each category counts (scores move
    with the machine's load). npm installs the version pinned by the committed lock file into
    tools/lighthouse/ (git ignores node_modules); it drives Debian's chromium, never a browser of
    its own. CI runs it after the other checks.
    """
    project_env(session)
    session.run("npm", "ci", "--prefix", "tools/lighthouse", "--no-audit", "--no-fund",
                "--ignore-scripts", external=True)  # fmt: skip
    run(session, PYTHON, "tools/lighthouse_report.py", built_site(session), *session.posargs)


# -- The built site in a browser (issue 7; the browser tests are in tests/web/) -----------------
def built_site(session: nox.Session) -> Path:
    """The site to measure: ``$LSTM_EXPLAINED_SITE`` if set, else build/html brought up to date.

    Brought up to date as ``nox -s docs`` does it: nothing is built when build/html is the
    strict build of the current sources, else the whole site is built again.
    """
    given = os.environ.get("LSTM_EXPLAINED_SITE")
    if given:
        return Path(given)
    run(session, PYTHON, "tools/build_site.py", "--out", HTML, "--doctrees", DOCTREES)
    return HTML


@nox.session
def weight(session: nox.Session) -> None:
    """Print each page's transferred bytes by kind and the heaviest items; fail over budget.

    Pages are opened in Debian's chromium from a local server that gzips text as real hosts do
    (``tools/page_weight.py``); the budget is 400 kB per page, the search index excluded.
    """
    project_env(session)
    run(session, PYTHON, "tools/page_weight.py", built_site(session), *session.posargs)


# --


@nox.session
def lock(session: nox.Session) -> None:
    """Re-resolve the dependencies in a temporary environment and rewrite the constraints file."""
    tmp = Path(session.create_tmp()) / "lock-env"
    shutil.rmtree(tmp, ignore_errors=True)
    session.run(sys.executable, "-m", "venv", str(tmp), external=True)
    python = str(tmp / ("Scripts" if os.name == "nt" else "bin") / "python")
    session.run(python, "-m", "pip", "install", "--quiet", f"{ROOT}[{EXTRAS}]", external=True)
    session.run(python, "-m", "pip", "install", "--quiet", "--no-deps", "tf-keras>=2.21,<2.22",
                external=True)  # as project_env does: see install_tf_keras  # fmt: skip
    # --all: setuptools (the docs build the wheel with it) and wheel (sphinx-togglebutton needs
    # it) are pinned too; pip itself is left to the environment.
    frozen = session.run(python, "-m", "pip", "freeze", "--all", "--exclude", "pip",
                         "--exclude", "lstm-explained", external=True, silent=True)  # fmt: skip
    header = "# Exact versions the nox sessions install. Regenerate with: nox -s lock\n"
    CONSTRAINTS.write_text(header + str(frozen))
