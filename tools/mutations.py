"""Prove that the site cannot publish an explanation that disagrees with the code.

Each mutation below is one small, deliberate mistake in the package. For each one, this script
copies the package to a temporary folder, applies the mistake, builds the REAL site (every page
executed, ``-n -W --keep-going``) with the mutated copy first on ``PYTHONPATH``, and records
whether the build failed and which pages caught it. A mutation that survives means a page is
missing an assertion: add the assertion to the page, don't weaken the mutation.

Usage: ``python tools/mutations.py [--jobs N] [--only NAME ...]`` (``nox -s mutations``). It prints
a table and exits 1 if any mutation survives, 2 if the unmutated site does not build.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from sphinx_log import failing_pages

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "lstm_explained"


@dataclass(frozen=True)
class Mutation:
    """A named mistake: in `path` (relative to the package), replace each `old` by its `new`."""

    name: str
    path: str
    edits: tuple[tuple[str, str], ...]


MUTATIONS = (
    Mutation(
        "swap the i and f gate blocks",
        "reference/cell.py",
        (
            ("i = rec_act(z[:, :units])", "i = rec_act(z[:, units : 2 * units])"),
            ("f = rec_act(z[:, units : 2 * units])", "f = rec_act(z[:, :units])"),
        ),
    ),
    Mutation(
        "drop the forget-gate bias",
        "reference/sequence.py",
        (
            (
                "z_x += weights.bias  # (batch, timesteps, 4*units)",
                "z_x += np.where(np.arange(4 * units) // units == 1, 0.0, weights.bias)",
            ),
        ),
    ),
    Mutation(
        "param_count off by units",
        "reference/shapes.py",
        (
            (
                "return 4 * units * (input_dim + units + int(bool(use_bias)))",
                "return 4 * units * (input_dim + units + int(bool(use_bias))) + units",
            ),
        ),
    ),
    Mutation(
        "output_shapes: sequence axes transposed",
        "reference/shapes.py",
        (
            (
                "output = (batch, timesteps, units) if return_sequences else (batch, units)",
                "output = (batch, units, timesteps) if return_sequences else (batch, units)",
            ),
        ),
    ),
    Mutation(
        "return_state gives h and c in the other order",
        "reference/sequence.py",
        (
            (
                "return (output, h, c) if return_state else output",
                "return (output, c, h) if return_state else output",
            ),
        ),
    ),
    Mutation(
        "go_backwards returns time order",
        "reference/sequence.py",
        (
            (
                "return (output if outputs is None else outputs), h, c, (gates, states)",
                "if outputs is not None and go_backwards:\n"
                "        outputs = outputs[:, ::-1]\n"
                "    return (output if outputs is None else outputs), h, c, (gates, states)",
            ),
        ),
    ),
    Mutation(
        "masked steps update the state",
        "reference/sequence.py",
        (
            (
                "h, c = np.where(keep, h_new, h), np.where(keep, c_new, c)",
                "h, c = h_new, c_new",
            ),
        ),
    ),
    Mutation(
        "diagrams draw units - 1 slots",
        "figures/diagrams.py",
        (("return list(range(size)), None", "return list(range(size - 1)), None"),),
    ),
    Mutation(
        "the Keras comparison stops comparing",
        "interop/keras_io.py",
        (
            (
                "layer = keras_lstm(weights, **options)\n"
                "    theirs = layer(x, initial_state=initial_state, mask=mask)\n"
                "    return _max_abs_difference(ours, theirs)",
                "layer = keras_lstm(weights, **options)\n    return 0.0",
            ),
        ),
    ),
    Mutation(
        "the gate trace is shifted by one step",
        "reference/sequence.py",
        (("gates[:, :, t] = i, f, c_tilde, o", "gates[:, :, t - 1] = i, f, c_tilde, o"),),
    ),
    Mutation(
        "hard_sigmoid uses Keras 2's slope",
        "reference/activations.py",
        (("return np.clip(x + 3, 0, 6) / 6", "return np.clip(0.2 * x + 0.5, 0, 1)"),),
    ),
    Mutation(
        "the stateful LSTM forgets its state between calls",
        "reference/stateful.py",
        (("initial_state=[self._h, self._c],", "initial_state=None,"),),
    ),
    Mutation(
        "PyTorch conversion puts the bias in bias_hh twice",
        "interop/pytorch.py",
        (
            (
                'state[names["bias_hh"]] = np.zeros_like(weights.bias)',
                'state[names["bias_hh"]] = weights.bias.copy()',
            ),
        ),
    ),
)


def apply(mutation: Mutation, package: Path) -> None:
    """Apply `mutation` to the package copy in `package`; each edit must match exactly once."""
    target = package / mutation.path
    text = target.read_text()
    for old, new in mutation.edits:
        count = text.count(old)
        if count != 1:
            raise ValueError(
                f"mutation {mutation.name!r}: {old!r} occurs {count} times in {mutation.path}; "
                "expected exactly once (update the mutation to the current code)"
            )
        text = text.replace(old, new)
    target.write_text(text)


@dataclass(frozen=True)
class Outcome:
    caught: bool
    pages: list[str]
    seconds: float
    log: str  # what Sphinx printed (warnings and errors only: it runs with -q)


def build(package_parent: Path, work: Path, jobs: int) -> Outcome:
    """Build the real site against the package found in `package_parent`."""
    log = work / "warnings.log"
    command = [
        sys.executable, "-m", "sphinx", "-b", "html", "-n", "-W", "--keep-going", "-E", "-q",
        "-j", str(jobs), "-d", str(work / "doctrees"), "-w", str(log),
        str(ROOT / "docs"), str(work / "html"),
    ]  # fmt: skip
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(package_parent), os.environ.get("PYTHONPATH")])
        ),
        "LSTM_EXPLAINED_NB_CACHE": str(work / "cache"),
    }
    start = time.perf_counter()
    # Not from ROOT: ``python -m`` puts the working folder first on sys.path, where the real
    # package would shadow the mutated copy.
    done = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    pages = [page for page in failing_pages(log, ROOT) if page.startswith("docs/")]
    return Outcome(done.returncode != 0, pages, seconds, done.stdout + done.stderr)


def run(mutation: Mutation | None, jobs: int) -> Outcome:
    """Copy the package, apply `mutation` (None: the control run), and build."""
    with tempfile.TemporaryDirectory(prefix="lstm-mutation-") as tmp:
        work = Path(tmp)
        copy = work / "pkg" / "lstm_explained"
        shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
        if mutation is not None:
            apply(mutation, copy)
        return build(copy.parent, work, jobs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2, help="Sphinx worker processes per build")
    parser.add_argument("--only", nargs="*", default=None, help="run the named mutations only")
    args = parser.parse_args(argv)
    chosen = [m for m in MUTATIONS if args.only is None or m.name in args.only]
    with tempfile.TemporaryDirectory(prefix="lstm-mutation-check-") as tmp:
        for mutation in chosen:  # fail fast on a mutation that no longer applies to the code
            scratch = Path(tmp) / mutation.name.replace(" ", "-")
            shutil.copytree(PACKAGE, scratch, ignore=shutil.ignore_patterns("__pycache__"))
            apply(mutation, scratch)
    control = run(None, args.jobs)
    print(f"control (no mutation): {'FAILS' if control.caught else 'builds'} "
          f"in {control.seconds:.0f} s", flush=True)  # fmt: skip
    if control.caught:
        print(
            "the unmutated site does not build: fix it first; pages: " + ", ".join(control.pages)
        )
        return 2
    rows = []
    for mutation in chosen:
        outcome = run(mutation, args.jobs)
        rows.append((mutation.name, outcome))
        verdict = "caught" if outcome.caught else "SURVIVED"
        print(f"  {verdict:8}  {mutation.name}  ({outcome.seconds:.0f} s)", flush=True)
    print()
    print(f"| {'mutation':50} | {'caught':6} | pages that failed")
    print(f"| {'-' * 50} | {'-' * 6} | {'-' * 40}")
    for name, outcome in rows:
        caught = "yes" if outcome.caught else "NO"
        print(f"| {name:50} | {caught:6} | {', '.join(outcome.pages) or '-'}")
    survivors = [name for name, outcome in rows if not outcome.caught]
    print(f"\n{len(rows) - len(survivors)} of {len(rows)} mutations caught.")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
