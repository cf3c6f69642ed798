"""Check that two clean builds of the site are byte-identical.

Usage: ``python tools/reproducible.py [--jobs N]`` (``nox -s reproducible``). It builds the site
twice, each time from scratch (empty output folder, fresh Sphinx environment and an
EMPTY execution cache, so every page is executed twice), then compares every file under the two
HTML folders. It prints each file that differs or exists in one build only, and exits 1 if any.
"""

from __future__ import annotations

import argparse
import difflib
import filecmp
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build(out: Path, jobs: str) -> Path:
    """A strict, clean build of the real site into ``out/html`` with its own empty cache."""
    html = out / "html"
    command = [
        sys.executable, "-m", "sphinx", "-b", "html", "-n", "-W", "--keep-going", "-E", "-q",
        "-j", jobs, "-d", str(out / "doctrees"), str(ROOT / "docs"), str(html),
    ]  # fmt: skip
    env = {**os.environ, "LSTM_EXPLAINED_NB_CACHE": str(out / "cache")}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the build failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", default="2", help="Sphinx -j value (a number or 'auto')")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="lstm-reproducible-") as tmp:
        first = build(Path(tmp) / "a", args.jobs)
        second = build(Path(tmp) / "b", args.jobs)
        found = differences(first, second)
        count = len(files(first))
    for line in found:
        print(line)
    print(f"{count} files compared: {len(found)} differ between two clean builds.")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
