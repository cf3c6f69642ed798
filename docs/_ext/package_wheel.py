"""The package ships with the site: its wheel is built with every build and published beside it.

A reader installs ``lstm_explained`` from the site alone, without a release on a package index:
``pip install "lstm_explained[keras] @ <site>/_downloads/wheel/<wheel>"``. When the HTML build
ends, the package's files (``pyproject.toml``, ``README.md``, ``LICENSE`` and the
``lstm_explained`` folder's Python files and ``py.typed``) are copied to a temporary folder with
fixed permissions, and setuptools' own build backend (the one ``pyproject.toml`` names) writes
the wheel there, in a subprocess, with the ``SOURCE_DATE_EPOCH`` that conf.py fixes and a fixed
umask. Zip entries then carry that date, in a fixed order, with fixed modes: two builds, in two
folders, give the same bytes. Nothing is fetched: the backend is the one the docs extra installs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

#: The folder of the site that holds the wheel.
FOLDER = "_downloads/wheel"
#: The files of the repository that make the package, besides its folder.
PROJECT_FILES = ("pyproject.toml", "README.md", "LICENSE")
PACKAGE = "lstm_explained"
#: How the wheel is built: setuptools' PEP 517 hook, named in pyproject.toml's build-system.
#: Files the backend writes itself (the wheel's metadata) take their mode from the umask: fix it.
_BUILD = (
    "import os, sys\n"
    "os.umask(0o022)\n"
    "from setuptools import build_meta\n"
    "print(build_meta.build_wheel(sys.argv[1]))"
)


def copy_sources(root: Path, into: Path) -> list[Path]:
    """Copy the package's files from `root` into `into` (mode 644); return them, sorted."""
    files = [root / name for name in PROJECT_FILES]
    package = root / PACKAGE
    files += sorted(
        path
        for path in package.rglob("*")
        if path.is_file()
        and (path.suffix == ".py" or path.name == "py.typed")
        and "__pycache__" not in path.parts
    )
    for path in files:
        target = into / path.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        os.chmod(target, 0o644)
    for folder in sorted(p for p in into.rglob("*") if p.is_dir()):
        os.chmod(folder, 0o755)
    return files


def build_wheel(root: Path, out: Path) -> Path:
    """Build the wheel of the project at `root` into the folder `out`; return its path.

    Raises
    ------
    ExtensionError
        If ``SOURCE_DATE_EPOCH`` is not set (the wheel would carry the clock's time), or if
        the build fails (its output is in the message).
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not epoch.isdigit():
        raise ExtensionError(f"SOURCE_DATE_EPOCH={epoch!r}: the wheel needs a fixed date")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lstm-wheel-") as scratch:
        source = Path(scratch) / "src"
        copy_sources(root, source)
        built = Path(scratch) / "dist"
        done = subprocess.run(
            [sys.executable, "-c", _BUILD, str(built)],
            cwd=source,
            capture_output=True,
            text=True,
            env={**os.environ, "SOURCE_DATE_EPOCH": epoch},
        )
        if done.returncode != 0:
            raise ExtensionError(f"building the wheel failed:\n{done.stdout}\n{done.stderr}")
        name = done.stdout.strip().splitlines()[-1]
        target = out / name
        shutil.copyfile(built / name, target)
    return target


def publish_wheel(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / FOLDER
    shutil.rmtree(target, ignore_errors=True)
    built = build_wheel(Path(app.srcdir).parent, target)
    expected = app.config.package_wheel_name
    if expected and built.name != expected:
        raise ExtensionError(
            f"the wheel built is {built.name}, but conf.py's package_wheel_name (printed in the "
            f"notebooks' install line) says {expected}"
        )


def setup(app: Sphinx) -> dict[str, Any]:
    #: The wheel's file name, as the pages and notebooks print it (conf.py).
    app.add_config_value("package_wheel_name", "", "html", types=[str])
    app.connect("build-finished", publish_wheel)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
