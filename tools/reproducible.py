"""Check that two clean builds of the site, in two different folders, are byte-identical.

Usage: ``python tools/reproducible.py [--jobs N] [--against HTML]`` (``nox -s reproducible``).
It copies the
repository (its files and its git history) into two folders of different names and depths, and
builds the site in each from scratch (empty output folder, fresh Sphinx environment and an EMPTY
execution cache, so every page is executed twice), each against its own copy of the package.
Then it compares every file under the two HTML folders, and searches every text file of the
first for a path of the build machine (``site-packages``, ``.nox``, the checkout's folder, the
Python installation): a traceback or a warning that prints one would make the site depend on
where it was built. It prints each file that differs or names a path, and exits 1 if any.
Every language of the site is built and compared (``fr/`` too).

``--against build/html`` takes the site ``nox -s docs`` has just built from a clean clone (empty
cache, as CI runs it) as the first build, and builds only the second: the same check, one cold
build fewer.
"""

from __future__ import annotations

import argparse
import difflib
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from site_inputs import source_files
from sphinx_command import site_builds

ROOT = Path(__file__).resolve().parents[1]


def checkout(target: Path) -> Path:
    """Copy the repository's files (tracked, and new files git does not ignore) and its history."""
    for name in source_files(ROOT):
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target / name)
    shutil.copytree(ROOT / ".git", target / ".git", symlinks=True)
    return target


def build(repo: Path, jobs: str) -> Path:
    """A strict, clean build of the whole site (every language) in `repo`, cache empty.

    Returns ``repo/build/html``.
    """
    out = repo / "build"
    html = out / "html"
    env = {
        **os.environ,
        "LSTM_EXPLAINED_NB_CACHE": str(out / "cache"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(repo), os.environ.get("PYTHONPATH")])),
    }
    for language, command in site_builds(
        repo / "docs", html, doctrees=out / "doctrees", jobs=jobs, quiet=True
    ):
        # Not from ROOT: ``python -m`` puts the working folder first on sys.path.
        done = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(
                f"the build ({language}) failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
            )
    return html


def files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def differences(a: Path, b: Path) -> list[str]:
    """Lines describing every file that is not byte-identical in `a` and `b`."""
    found = []
    names_a, names_b = files(a), files(b)
    found += [f"only in the first build: {name}" for name in sorted(names_a - names_b)]
    found += [f"only in the second build: {name}" for name in sorted(names_b - names_a)]
    for name in sorted(names_a & names_b):
        if not filecmp.cmp(a / name, b / name, shallow=False):
            found.append(f"differs: {name}{first_difference(a / name, b / name)}")
    return found


def first_difference(a: Path, b: Path) -> str:
    """The first differing line of two text files, for the report (nothing for binary files)."""
    try:
        lines_a, lines_b = a.read_text().splitlines(), b.read_text().splitlines()
    except UnicodeDecodeError:
        return " (binary)"
    diff = list(difflib.unified_diff(lines_a, lines_b, lineterm="", n=0))
    changed = [line for line in diff[2:] if line[:1] in "+-" and not line.startswith("@@")]
    return "\n    " + "\n    ".join(line[:160] for line in changed[:2]) if changed else ""


def machine_paths(repo: Path) -> list[str]:
    """What would betray where a site was built: the checkout, the environments, Python."""
    paths = {str(repo), str(ROOT), sys.prefix, sys.base_prefix, "site-packages", "/.nox/"}
    return sorted(paths, key=len, reverse=True)


def leaked_paths(html: Path, paths: list[str]) -> list[str]:
    """Lines naming each text file of the built site that contains one of `paths`."""
    found = []
    for name in sorted(files(html)):
        try:
            text = (html / name).read_text()
        except UnicodeDecodeError:
            continue  # images and other binary files
        for path in paths:
            where = text.find(path)
            if where >= 0:
                context = text[max(0, where - 60) : where + len(path) + 20].replace("\n", " ")
                found.append(f"machine path {path!r} in {name}: ...{context}...")
                break
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", default="2", help="Sphinx -j value (a number or 'auto')")
    parser.add_argument(
        "--against", type=Path, metavar="HTML",
        help="compare one new build with this site, built from this checkout with an empty "
        "cache (as `nox -s docs` builds build/html on a clean clone), instead of building twice",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if args.against is not None and not (args.against / "index.html").is_file():
        parser.error(f"--against {args.against}: no built site there (no index.html)")
    with tempfile.TemporaryDirectory(prefix="lstm-reproducible-") as tmp:
        two = checkout(Path(tmp) / "second-build" / "nested" / "checkout")
        if args.against is None:
            one = checkout(Path(tmp) / "a" / "site")
            first = build(one, args.jobs)
        else:
            one, first = ROOT, args.against.resolve()
        second = build(two, args.jobs)
        found = differences(first, second)
        leaks = leaked_paths(first, machine_paths(one)) + leaked_paths(second, machine_paths(two))
        count = len(files(first))
    for line in found + leaks:
        print(line)
    print(f"{count} files compared: {len(found)} differ between two clean builds in two folders;")
    print(f"{len(leaks)} files name a path of the build machine.")
    return 1 if found or leaks else 0


if __name__ == "__main__":
    sys.exit(main())
