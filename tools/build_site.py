"""Build the whole site, every language, strictly and from a clean state, unless it is up to date.

Usage: ``python tools/build_site.py [--out build/html] [--doctrees build/doctrees]
[--warnings-log FILE] [--jobs N] [--force] [SPHINX OPTIONS...]`` (``nox -s docs`` runs it; options
it does not know, such as ``-D name=value``, are passed to every ``sphinx-build``).

Each language is built by the strict command of ``tools/sphinx_command.py`` (English into the
output folder, each translation into ``<out>/<code>/``) after the output folder and the Sphinx
environments are emptied. A successful build leaves a stamp beside the output folder
(``tools/site_inputs.py``); when it is run again and neither an input nor the output folder
changed since, it builds nothing and says so, since the strict build would write the same bytes.
``--force`` builds anyway. Exit status: 0 when the site is built or up to date, 1 when a build
fails (every failing page listed, from the warnings log).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import site_inputs
from sphinx_command import site_builds
from sphinx_log import failing_pages

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class LanguageBuild:
    """One language's finished build."""

    language: str
    seconds: float
    output: str  # what it printed, when captured; "" when it printed to the terminal


class BuildFailed(Exception):
    """A language's build failed; `output` is what it printed, when captured."""

    def __init__(self, language: str, output: str) -> None:
        super().__init__(f"the docs build ({language}) failed")
        self.language, self.output = language, output


def build_site(
    out: Path,
    *,
    doctrees: Path,
    root: Path = ROOT,
    force: bool = False,
    capture: bool = False,
    environ: Mapping[str, str] | None = None,
    **options: object,
) -> list[LanguageBuild] | None:
    """Build every language of the site in `root` into `out`, unless it is up to date.

    Parameters
    ----------
    out, doctrees : Path
        The HTML output folder and the Sphinx environment (each translation's is
        ``<doctrees>-<code>``).
    root : Path
        The repository; its ``docs/`` is built.
    force : bool
        Build even when the stamp says the site is up to date.
    capture : bool
        Keep each build's output in the result instead of printing it.
    environ : mapping, optional
        The builds' environment; ``os.environ`` by default.
    options
        Passed to :func:`sphinx_command.site_builds` (``jobs``, ``warnings_log``, ``quiet``,
        ``python``, ``extra``).

    Returns
    -------
    list of LanguageBuild, or None
        Each language's build, English first; None when nothing was built (up to date).

    Raises
    ------
    BuildFailed
        When a language's build fails; the site then has no stamp, so the next run builds.
    """
    environ = dict(os.environ if environ is None else environ)
    builds = site_builds(root / "docs", out, doctrees=doctrees, **options)
    inputs = site_inputs.fingerprint(root, [command for _, command in builds], environ)
    if not force and site_inputs.is_up_to_date(out, inputs):
        return None
    site_inputs.remove_stamp(out)
    for folder in (out, *(Path(command[command.index("-d") + 1]) for _, command in builds)):
        shutil.rmtree(folder, ignore_errors=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    done_builds = []
    for language, command in builds:
        if not capture:
            print("+", " ".join(command), flush=True)
        start = time.perf_counter()
        done = subprocess.run(command, cwd=root, env=environ, capture_output=capture, text=True)
        output = (done.stdout + done.stderr) if capture else ""
        if done.returncode != 0:
            raise BuildFailed(language, output)
        done_builds.append(LanguageBuild(language, time.perf_counter() - start, output))
    site_inputs.write_stamp(out, inputs)
    return done_builds


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "html")
    parser.add_argument("--doctrees", type=Path, default=ROOT / "build" / "doctrees")
    parser.add_argument("--warnings-log", type=Path, help="sphinx-build -w: where warnings go")
    parser.add_argument("--jobs", default="auto", help="sphinx-build -j (a number or 'auto')")
    parser.add_argument("--force", action="store_true", help="build even if up to date")
    args, extra = parser.parse_known_args(argv)
    out = args.out.resolve()
    try:
        built = build_site(
            out, doctrees=args.doctrees.resolve(), root=ROOT, force=args.force, jobs=args.jobs,
            warnings_log=args.warnings_log, extra=extra,
        )  # fmt: skip
    except BuildFailed as failure:
        pages = failing_pages(args.warnings_log, ROOT) if args.warnings_log else []
        listing = "\n".join(f"  - {page}" for page in pages) or "  (see the output above)"
        print(f"{failure}. Failing pages:\n{listing}", file=sys.stderr)
        return 1
    if built is None:
        print(
            f"{out} is up to date: no source, catalogue, package, installed version, setting or "
            f"output file changed since its last strict build (stamp: "
            f"{site_inputs.stamp_path(out).name}). Nothing was built; --force builds anyway."
        )
    else:
        times = ", ".join(f"{b.language} {b.seconds:.0f} s" for b in built)
        print(f"Site built in {out} ({times}); stamp: {site_inputs.stamp_path(out).name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
