"""Time the docs build: cold, unchanged rebuild, and rebuild after editing one page.

Run with ``python benchmarks/bench_build.py [--jobs N]`` (part of ``nox -s bench``). It works on
a copy of the repository's sources in a temporary folder, with an execution cache of its own, so
the real pages and the real cache are never touched. Each scenario runs what ``nox -s docs``
runs, ``tools/build_site.py``: every language's strict build (``-n -W --keep-going -E``, output
and environments emptied first), unless the stamp of the last build says that no input changed,
in which case nothing is built. For each scenario it prints each language's wall time and how
many pages were executed (rather than taken from the execution cache), and the time of the whole
call. This is a script: it prints, it asserts nothing about time.

Targets on a 2-core machine: English cold build under 90 s; unchanged rebuild of every language
under 10 s in all; one-page rebuild under 20 s; and the cold build of every language at most 1.3
times the English one.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from build_site import BuildFailed, build_site  # noqa: E402  (tools/build_site.py)
from site_inputs import source_files  # noqa: E402  (tools/site_inputs.py)

TOUCHED_PAGE = Path("explanation/coupled-units.md")
#: Targets on 2 cores: seconds, or (for the cold build of both languages) a ratio to English alone.
TARGETS = {"cold": 90.0, "unchanged": 10.0, "one page edited": 20.0}
LANGUAGE_RATIO = 1.3


def copy_sources(target: Path) -> None:
    """Copy the repository's source files (``site_inputs.source_files``: what git tracks or would
    track) into `target`.

    Pages read files outside docs/ (the package's source for literalinclude, CITATION.cff), so
    the copy is of the whole repository, without build outputs and environments.
    """
    for name in source_files(ROOT):
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target / name)


def build(site: Path, jobs: str) -> tuple[float, dict[str, tuple[float, int]]]:
    """Run ``tools/build_site.py``'s build of the copy in `site`, as ``nox -s docs`` does.

    Returns the whole call's seconds and ``{language: (seconds, pages executed)}`` for each
    language built (none when the site was up to date).
    """
    out = site / "build"
    environ = {**os.environ, "LSTM_EXPLAINED_NB_CACHE": str(out / "cache")}
    start = time.perf_counter()
    try:
        built = build_site(
            out / "html", doctrees=out / "doctrees", root=site, capture=True, environ=environ,
            jobs=jobs,
        )  # fmt: skip
    except BuildFailed as failure:
        raise SystemExit(f"{failure}:\n{failure.output[-6000:]}") from None
    seconds = time.perf_counter() - start
    return seconds, {
        b.language: (b.seconds, b.output.count("Executing notebook")) for b in built or ()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", default="2", help="Sphinx -j value (a number or 'auto')")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="lstm-bench-build-") as tmp:
        site = Path(tmp)
        copy_sources(site)
        pages = len(list((site / "docs").rglob("*.md")))
        runs = {"cold": build(site, args.jobs), "unchanged": build(site, args.jobs)}
        page = site / "docs" / TOUCHED_PAGE
        page.write_text(page.read_text() + "\n```{code-cell} ipython3\n# edited\n```\n")
        runs["one page edited"] = build(site, args.jobs)
    languages = list(runs["cold"][1])
    print(f"docs build, {pages} pages, sphinx -j {args.jobs}, {os.cpu_count()} CPUs")
    print("seconds per language (pages executed); the translations reuse English's cache;")
    print("'up to date': the stamp matched, nothing was built")
    header = " | ".join(f"{code:>10}" for code in languages)
    print(f"| {'scenario':16} | {header} | {'all':>7} | {'target':>6} |")
    print(f"| {'-' * 16} | {' | '.join('-' * 10 for _ in languages)} | {'-' * 7} | {'-' * 6} |")
    for name, (total, times) in runs.items():
        cells = " | ".join(
            f"{times[c][0]:5.1f} ({times[c][1]:2d})" if c in times else f"{'up to date':>10}"
            for c in languages
        )
        print(f"| {name:16} | {cells} | {total:7.1f} | {TARGETS[name]:6.0f} |")
    cold = runs["cold"][1]
    ratio = sum(seconds for seconds, _ in cold.values()) / cold[languages[0]][0]
    print(
        f"cold build of every language / English alone: {ratio:.2f} (target <= {LANGUAGE_RATIO})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
