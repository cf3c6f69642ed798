"""Time the docs build: cold, unchanged rebuild, and rebuild after editing one page.

Run with ``python benchmarks/bench_build.py [--jobs N]`` (part of ``nox -s bench``). It works on
a copy of the repository's sources in a temporary folder, with an execution cache of its own, so
the real pages and the real cache are never touched. Each build is the strict one of
``nox -s docs`` (``-n -W --keep-going -E``). For each scenario it prints the wall time and how
many pages were executed (rather than taken from the execution cache). This is a script: it
prints, it asserts nothing about time.

Targets on a 2-core machine: cold build under 90 s, unchanged rebuild under 10 s, one-page
rebuild under 20 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from sphinx_command import sphinx_build  # noqa: E402  (tools/sphinx_command.py)

TOUCHED_PAGE = Path("explanation/coupled-units.md")
TARGETS = {"cold": 90.0, "unchanged": 10.0, "one page edited": 20.0}


def copy_sources(target: Path) -> None:
    """Copy the repository's source files (what git tracks or would track) into `target`.

    Pages read files outside docs/ (the package's source for literalinclude, CITATION.cff), so
    the copy is of the whole repository, without build outputs and environments.
    """
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.splitlines()  # fmt: skip
    for name in listed:
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def build(site: Path, jobs: int) -> tuple[float, int]:
    """One strict build of the copy in `site`; returns (seconds, pages executed)."""
    out = site / "build"
    shutil.rmtree(out / "html", ignore_errors=True)
    command = sphinx_build(site / "docs", out / "html", doctrees=out / "doctrees", jobs=jobs)
    env = {**os.environ, "LSTM_EXPLAINED_NB_CACHE": str(out / "cache")}
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"the build failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return seconds, (done.stdout + done.stderr).count("Executing notebook")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", default="2", help="Sphinx -j value (a number or 'auto')")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="lstm-bench-build-") as tmp:
        site = Path(tmp)
        copy_sources(site)
        pages = len(list((site / "docs").rglob("*.md")))
        rows = [("cold", *build(site, args.jobs)), ("unchanged", *build(site, args.jobs))]
        page = site / "docs" / TOUCHED_PAGE
        page.write_text(page.read_text() + "\n```{code-cell} ipython3\n# edited\n```\n")
        rows.append(("one page edited", *build(site, args.jobs)))
    print(f"docs build, {pages} pages, sphinx -j {args.jobs}, {os.cpu_count()} CPUs")
    print(f"| {'scenario':16} | {'seconds':>7} | {'target':>6} | {'pages executed':>14} |")
    print(f"| {'-' * 16} | {'-' * 7} | {'-' * 6} | {'-' * 14} |")
    for name, seconds, executed in rows:
        print(f"| {name:16} | {seconds:7.1f} | {TARGETS[name]:6.0f} | {executed:14d} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
