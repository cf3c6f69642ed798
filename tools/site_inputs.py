"""What the built site depends on, as one fingerprint, and a stamp that records it.

``tools/build_site.py`` (``nox -s docs``) builds the site strictly from a clean state. When it is
run again with nothing changed, that strict build would only produce the same bytes again (the
site is reproducible: ``nox -s reproducible``). So a successful build writes a stamp beside the
output folder: the fingerprint of its inputs and a digest of what it wrote. The next run skips
the build only when both still match; any change to an input, or to the output folder itself,
means a full strict build again. Nothing is ever rebuilt incrementally.

The inputs are:

- the repository's source files, by content: what git tracks or would track (pages, catalogues,
  ``conf.py``, local extensions, templates, the package, ``CITATION.cff``...), or, outside a git
  checkout, every file but the build outputs and environments;
- the git commit checked out (the changelog page is written from the history);
- the source of the ``lstm_explained`` package that Python imports (it may come from
  ``PYTHONPATH`` rather than the checkout);
- the interpreter and every installed distribution's name and version;
- the environment variables the build reads (``LSTM_EXPLAINED_*`` but the execution cache's
  folder, ``SOURCE_DATE_EPOCH``, ``PYTHONPATH``);
- the build commands themselves (folders, flags, languages, extra options).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

#: Folders at the top of a checkout that hold outputs or environments, never sources.
NOT_SOURCES = frozenset({".git", ".nox", ".venv", "build", "node_modules"})
#: Files the build itself writes inside the sources (compiled catalogues), and Python's caches.
GENERATED_SUFFIXES = (".mo", ".pyc")
#: Environment variables the build reads besides ``LSTM_EXPLAINED_*``.
READ_VARIABLES = ("SOURCE_DATE_EPOCH", "PYTHONPATH")
#: ``LSTM_EXPLAINED_*`` variables that do not change what is built: where the cache lives.
IGNORED_VARIABLES = frozenset({"LSTM_EXPLAINED_NB_CACHE"})


def _git(root: Path, *args: str) -> str | None:
    """The output of ``git <args>`` in `root`, or None when `root` is not a git checkout."""
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
    except FileNotFoundError:  # no git installed
        return None
    return done.stdout if done.returncode == 0 else None


def source_files(root: Path) -> list[str]:
    """The repository's source files, as sorted POSIX paths relative to `root`.

    In a git checkout, what git tracks or would track (``git ls-files -co --exclude-standard``);
    elsewhere (a copy of the sources), every file outside :data:`NOT_SOURCES`, without Python's
    caches and compiled catalogues.
    """
    if (root / ".git").exists():
        listed = _git(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
        if listed is not None:
            return sorted(name for name in listed.split("\0") if (root / name).is_file())
    names = []
    for folder, subfolders, files in os.walk(root):
        here = Path(folder)
        if here == root:
            subfolders[:] = [name for name in subfolders if name not in NOT_SOURCES]
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        names += [
            (here / name).relative_to(root).as_posix()
            for name in files
            if not name.endswith(GENERATED_SUFFIXES)
        ]
    return sorted(names)


def _digest_files(root: Path, names: Iterable[str]) -> str:
    """One hash of the names and contents of the files `names` under `root`."""
    digest = hashlib.sha256()
    for name in names:
        digest.update(name.encode() + b"\0")
        digest.update(hashlib.sha256((root / name).read_bytes()).digest())
    return digest.hexdigest()


def _package_source() -> str:
    """A hash of the ``lstm_explained`` source Python would import, or ``"not importable"``."""
    spec = importlib.util.find_spec("lstm_explained")
    if spec is None or not spec.submodule_search_locations:
        return "not importable"
    folder = Path(next(iter(spec.submodule_search_locations)))
    names = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.py"))
    return _digest_files(folder, names)


def _installed() -> str:
    """A hash of the interpreter and of every installed distribution's name and version."""
    found = sorted(
        f"{dist.metadata['Name']}=={dist.version}" for dist in importlib.metadata.distributions()
    )
    return hashlib.sha256("\n".join([sys.version, sys.executable, *found]).encode()).hexdigest()


def _variables(environ: Mapping[str, str]) -> dict[str, str]:
    """The environment variables the build reads, with their values."""
    return {
        name: value
        for name, value in sorted(environ.items())
        if (name.startswith("LSTM_EXPLAINED_") and name not in IGNORED_VARIABLES)
        or name in READ_VARIABLES
    }


def fingerprint(
    root: Path, commands: Sequence[Sequence[str]], environ: Mapping[str, str] | None = None
) -> dict[str, object]:
    """Everything the site built by `commands` from the checkout `root` depends on.

    Parameters
    ----------
    root : Path
        The repository (the folder that holds ``docs/`` and ``lstm_explained/``).
    commands : sequence of sequence of str
        The build commands, as run (``tools/sphinx_command.site_builds``).
    environ : mapping, optional
        The environment the builds run in; ``os.environ`` by default.

    Returns
    -------
    dict
        JSON-serialisable; two equal fingerprints mean the same site would be built.
    """
    environ = os.environ if environ is None else environ
    commit = _git(root, "rev-parse", "HEAD") if (root / ".git").exists() else None
    return {
        "sources": _digest_files(root, source_files(root)),
        "commit": (commit or "no git history").strip(),
        "package": _package_source(),
        "installed": _installed(),
        "variables": _variables(environ),
        "commands": [list(map(str, command)) for command in commands],
    }


def output_digest(out: Path) -> str:
    """A hash of every file under the output folder `out` (names and contents)."""
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    return _digest_files(out, names)


def stamp_path(out: Path) -> Path:
    """Where the stamp of the output folder `out` is kept: beside it, never inside it."""
    return out.parent / f"{out.name}.inputs.json"


def write_stamp(out: Path, inputs: Mapping[str, object]) -> None:
    """Record that `out` was built, successfully, from `inputs`."""
    stamp = {"inputs": dict(inputs), "output": output_digest(out)}
    stamp_path(out).write_text(json.dumps(stamp, indent=1, sort_keys=True) + "\n")


def remove_stamp(out: Path) -> None:
    """Forget the last build of `out` (before a build starts: a failed build leaves no stamp)."""
    stamp_path(out).unlink(missing_ok=True)


def is_up_to_date(out: Path, inputs: Mapping[str, object]) -> bool:
    """Whether `out` holds, untouched, the site the last successful build made from `inputs`."""
    path = stamp_path(out)
    if not path.is_file() or not out.is_dir():
        return False
    try:
        stamp = json.loads(path.read_text())
    except ValueError:  # a damaged stamp proves nothing
        return False
    if stamp.get("inputs") != json.loads(json.dumps(dict(inputs))):  # as stored: lists, not tuples
        return False
    return stamp.get("output") == output_digest(out)
