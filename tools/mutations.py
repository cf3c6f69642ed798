"""Prove that the site cannot publish an explanation that disagrees with the code.

Each mutation below is one small, deliberate mistake in the package. For each one, this script
copies the package to a temporary folder, applies the mistake, builds the REAL site (every page
executed, ``-n -W --keep-going``) with the mutated copy first on ``PYTHONPATH``, and records
whether the build failed and which pages caught it. A mutation that survives means a page is
missing an assertion: add the assertion to the page, don't weaken the mutation.

A mutation names the function it breaks by its import path and breaks it with edits of the
function's syntax tree (``tools/mutation_edits.py``), so that comments, formatting and unrelated
code don't stop it applying.

Each mutation's build stops at the first page whose code raises (``docs/_ext/fail_fast.py``),
and reads first the pages the mutation names in ``read_first``, those expected to catch it: a
build that would take minutes stops after the few seconds that page takes. The names are a
hint, not the verdict: if those pages do not catch the mistake, the build goes on through every
other page, and a check that fails only at the end (a glue, a cross-reference) still counts.
The control build (no mutation) builds every page.

A mutation is caught only when the build fails AND a page of the site is named in the build's
warnings or in the error that stopped it (the page whose assertion, glue or output no longer
holds). A build that fails without
naming a page (a crashed kernel, a timeout, a broken configuration) proves nothing about the
pages: it is reported as such and fails the session like a survivor.

Usage: ``python tools/mutations.py [--jobs N] [--only NAME ...]`` (``nox -s mutations``). It prints
a table and exits 1 if any mutation is not caught by a page, 2 if the unmutated site does not
build.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from mutation_edits import PACKAGE, ROOT, Keyword, Mutation, Replace, Returns, SwapValues, apply
from sphinx_command import sphinx_build
from sphinx_log import failing_pages

SEQUENCE_RUN = "lstm_explained.reference.sequence._run"

#: Seconds a build may take before it is stopped and reported as failing without a page.
TIMEOUT = 1800

MUTATIONS = (
    Mutation(
        "swap the i and f gate blocks",
        "lstm_explained.reference.cell._step",
        (SwapValues("i", "f"),),
        read_first=("explanation/versions",),
    ),
    Mutation(
        "drop the forget-gate bias",
        SEQUENCE_RUN,
        (
            Replace(
                "z_x += weights.bias",
                "z_x += np.where(np.arange(4 * units) // units == 1, 0.0, weights.bias)",
            ),
        ),
        read_first=("explanation/versions",),
    ),
    Mutation(
        "param_count off by units",
        "lstm_explained.reference.shapes.param_count",
        (Returns("returned + units"),),
        read_first=("explanation/coupled-units",),
    ),
    Mutation(
        "output_shapes: sequence axes transposed",
        "lstm_explained.reference.shapes.output_shapes",
        (Replace("(batch, timesteps, units)", "(batch, units, timesteps)"),),
        read_first=("explanation/direction",),
    ),
    Mutation(
        "return_state gives h and c in the other order",
        "lstm_explained.reference.sequence.lstm_forward",
        (Replace("(output, h, c)", "(output, c, h)"),),
        read_first=("how-to/pytorch",),
    ),
    Mutation(
        "go_backwards returns time order",
        SEQUENCE_RUN,
        (
            Replace(
                "output if outputs is None else outputs",
                "output if outputs is None else outputs[:, ::-1] if go_backwards else outputs",
            ),
        ),
        read_first=("explanation/direction",),
    ),
    Mutation(
        "masked steps update the state",
        SEQUENCE_RUN,
        (Replace("np.where(keep, h_new, h), np.where(keep, c_new, c)", "h_new, c_new"),),
        read_first=("explanation/masking", "how-to/seq2seq"),
    ),
    Mutation(
        "diagrams draw units - 1 slots",
        "lstm_explained.figures.diagrams.slot_positions",
        (Replace("list(range(size))", "list(range(size - 1))"),),
        read_first=("index",),
    ),
    Mutation(
        "the Keras comparison stops comparing",
        "lstm_explained.interop.keras_io.compare_with_keras",
        (Returns("0.0"),),
        read_first=("tutorials/match-keras",),
    ),
    Mutation(
        "the gate trace is shifted by one step",
        SEQUENCE_RUN,
        (Replace("gates[:, :, t]", "gates[:, :, t - 1]"),),
        read_first=("explanation/state",),
    ),
    Mutation(
        "hard_sigmoid uses Keras 2's slope",
        "lstm_explained.reference.activations.hard_sigmoid",
        (Returns("np.clip(0.2 * x + 0.5, 0, 1)"),),
        read_first=("explanation/versions",),
    ),
    Mutation(
        "the stateful LSTM forgets its state between calls",
        "lstm_explained.reference.stateful.StatefulLSTM.__call__",
        (Keyword("initial_state", "None"),),
        read_first=("explanation/state",),
    ),
    Mutation(
        "PyTorch conversion puts the bias in bias_hh twice",
        "lstm_explained.interop.pytorch.to_pytorch_state_dict",
        (Replace("np.zeros_like(weights.bias)", "weights.bias.copy()"),),
        read_first=("how-to/pytorch",),
    ),
    Mutation(
        "the cuDNN model repeats the previous output at padded steps",
        "lstm_explained.reference.cudnn.lstm_forward_cudnn",
        (Keyword("zero_output_for_mask", "False"),),
        read_first=("explanation/masking",),
    ),
    Mutation(
        "initial_state read as [c0, h0]",
        "lstm_explained.reference.sequence._prepare",
        (SwapValues("h0", "c0"),),
        read_first=("how-to/seq2seq",),
    ),
    Mutation(
        "the vocabulary diagram draws units - 1 memory blocks",
        "lstm_explained.figures.vocabulary_diagram._drawn_units",
        (Replace("list(range(units))", "list(range(units - 1))"),),
        read_first=("explanation/vocabulary",),
    ),
    Mutation(
        "GRU gates packed as r, z, h",
        "lstm_explained.reference.gru._gru_step",
        (SwapValues("z", "r"),),
        read_first=("explanation/other-layers",),
    ),
    Mutation(
        "the GRU's recurrent bias row dropped",
        "lstm_explained.reference.gru._gru_step",
        (Replace("h_part = h_part + weights.recurrent_bias", "h_part = h_part"),),
        read_first=("explanation/other-layers",),
    ),
    Mutation(
        "param_count: one GRU bias row whatever reset_after",
        "lstm_explained.reference.shapes._blocks_and_bias_rows",
        (Replace('2 if layer == "gru" and reset_after else 1', "1"),),
        read_first=("explanation/other-layers",),
    ),
    Mutation(
        "PyTorch GRU conversion keeps PyTorch's r, z, n order",
        "lstm_explained.interop.pytorch_gru.from_pytorch_gru_state_dict",
        (Replace("_blocks(array, units, _TO_KERAS)", "array"),),
        read_first=("explanation/other-layers",),
    ),
    Mutation(
        "Keras 2 hard sigmoid with Keras 3's slope",
        "lstm_explained.reference.activations.hard_sigmoid_keras2",
        (Returns("np.clip(x / 6 + 0.5, 0, 1)"),),
        read_first=("explanation/versions",),
    ),
)


@dataclass(frozen=True)
class Outcome:
    """What one build did: its exit code, the pages its warnings name, its time and its log."""

    failed: bool
    pages: list[str]
    seconds: float
    log: str  # what Sphinx printed (warnings and errors only: it runs with -q)

    @property
    def caught(self) -> bool:
        """A page refused the mistake: the build failed and its warnings name a page."""
        return self.failed and bool(self.pages)

    @property
    def verdict(self) -> str:
        if self.caught:
            return "caught"
        return "FAILED, NO PAGE" if self.failed else "SURVIVED"


#: How Sphinx reports a page whose code raised, when the build stops there (fail fast).
_STOPPED_AT = re.compile(r"ExecutionError: (?P<path>\S+?\.(?:md|ipynb))\b")


def stopped_at(output: str, root: Path) -> list[str]:
    """The page named by a fail-fast stop in Sphinx's `output`, relative to `root`.

    Examples
    --------
    >>> stopped_at("SphinxParallelError: myst_nb...ExecutionError: /r/docs/a.md", Path("/r"))
    ['docs/a.md']
    >>> stopped_at("build succeeded", Path("/r"))
    []
    """
    pages = {}
    for match in _STOPPED_AT.finditer(output):
        path = Path(match["path"])
        pages[str(path.relative_to(root) if path.is_relative_to(root) else path)] = None
    return list(pages)


def _kill_group(group: int) -> None:
    """Kill what is left of the process group `group`, if anything is."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, signal.SIGKILL)


def build(
    package_parent: Path, work: Path, jobs: int, *, read_first: tuple[str, ...] | None = None
) -> Outcome:
    """Build the real site against the package found in `package_parent`.

    With `read_first` (a mutation's build), the build stops at the first page whose code
    raises, after reading those pages first (``docs/_ext/fail_fast.py``); without it (the
    control), every page is built.
    """
    log = work / "warnings.log"
    command = sphinx_build(
        ROOT / "docs", work / "html", doctrees=work / "doctrees", jobs=jobs, warnings_log=log,
        quiet=True,
    )  # fmt: skip
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(package_parent), os.environ.get("PYTHONPATH")])
        ),
        "LSTM_EXPLAINED_NB_CACHE": str(work / "cache"),
    }
    if read_first is not None:
        env |= {"LSTM_EXPLAINED_FAIL_FAST": "1", "LSTM_EXPLAINED_READ_FIRST": ",".join(read_first)}
    start = time.perf_counter()
    # Not from ROOT: ``python -m`` puts the working folder first on sys.path, where the real
    # package would shadow the mutated copy.
    with subprocess.Popen(
        command, cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,  # its own process group: Sphinx, its workers, the kernels
    ) as process:  # fmt: skip
        try:
            stdout, stderr = process.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            _kill_group(process.pid)
            stdout, stderr = process.communicate()
            stderr += f"\nthe build did not end in {TIMEOUT} s: stopped"
        _kill_group(process.pid)  # a kernel left behind by a build that stopped early
    done = subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
    seconds = time.perf_counter() - start
    output = done.stdout + done.stderr
    named = failing_pages(log, ROOT) + stopped_at(output, ROOT)
    pages = list(dict.fromkeys(page for page in named if page.startswith("docs/")))
    return Outcome(done.returncode != 0, pages, seconds, output)


def run(mutation: Mutation | None, jobs: int) -> Outcome:
    """Copy the package, apply `mutation` (None: the control run), and build."""
    with tempfile.TemporaryDirectory(prefix="lstm-mutation-") as tmp:
        work = Path(tmp)
        copy = work / "pkg" / "lstm_explained"
        shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
        if mutation is None:
            return build(copy.parent, work, jobs)
        apply(mutation, copy)
        # One process: a page that raises then stops the build at once. With parallel readers,
        # a worker still executing its pages when another one's page raised could be left
        # blocked on its result pipe, and the build with it.
        return build(copy.parent, work, 1, read_first=mutation.read_first)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--jobs", type=int, default=2, help="Sphinx worker processes of the control build"
    )
    parser.add_argument("--only", nargs="*", default=None, help="run the named mutations only")
    args = parser.parse_args(argv)
    chosen = [m for m in MUTATIONS if args.only is None or m.name in args.only]
    with tempfile.TemporaryDirectory(prefix="lstm-mutation-check-") as tmp:
        for mutation in chosen:  # fail fast on a mutation that no longer applies to the code
            scratch = Path(tmp) / mutation.name.replace(" ", "-")
            shutil.copytree(PACKAGE, scratch, ignore=shutil.ignore_patterns("__pycache__"))
            apply(mutation, scratch)
    control = run(None, args.jobs)
    print(f"control (no mutation): {'FAILS' if control.failed else 'builds'} "
          f"in {control.seconds:.0f} s", flush=True)  # fmt: skip
    if control.failed:
        pages = ", ".join(control.pages) or "none named"
        print(f"the unmutated site does not build: fix it first; pages: {pages}")
        print(control.log[-3000:])
        return 2
    rows = []
    for mutation in chosen:
        outcome = run(mutation, args.jobs)
        rows.append((mutation.name, outcome))
        print(f"  {outcome.verdict:15}  {mutation.name}  ({outcome.seconds:.0f} s)", flush=True)
        if outcome.failed and not outcome.caught:
            print("    the build failed without naming a page:\n" + outcome.log[-2000:])
    print_table(rows)
    missed = [name for name, outcome in rows if not outcome.caught]
    print(f"\n{len(rows) - len(missed)} of {len(rows)} mutations caught by a page.")
    return 1 if missed else 0


def print_table(rows: list[tuple[str, Outcome]]) -> None:
    """One row per mutation: caught or not, and the pages that caught it."""
    print()
    print(f"| {'mutation':50} | {'caught':6} | pages that failed")
    print(f"| {'-' * 50} | {'-' * 6} | {'-' * 40}")
    for name, outcome in rows:
        caught = "yes" if outcome.caught else "NO"
        print(f"| {name:50} | {caught:6} | {', '.join(outcome.pages) or '-'}")


if __name__ == "__main__":
    sys.exit(main())
