"""The mutation check (tools/mutations.py, tools/mutation_edits.py) applies to the current code.

Building the site for every mutation is ``nox -s mutations``; here we only check, quickly, that
each mutation still finds the code it breaks (exactly once, whatever its formatting), changes
nothing but its target function, and really changes what the package computes.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from copy import deepcopy
from pathlib import Path
from typing import Any

import pytest

TOOLS = Path(__file__).resolve().parents[1] / "tools"
sys.path.insert(0, str(TOOLS))
import mutation_edits as edits  # noqa: E402  (tools/mutation_edits.py)
import mutations  # noqa: E402  (tools/mutations.py)

NAMES = {mutation.name: mutation for mutation in mutations.MUTATIONS}


def _copy_package(tmp_path: Path) -> Path:
    """A fresh copy of the package in ``tmp_path/pkg/lstm_explained``; returns its folder."""
    package = tmp_path / "pkg" / "lstm_explained"
    shutil.copytree(edits.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    return package


def _function(text: str, qualname: str) -> edits.Function:
    return edits.find_function(ast.parse(text), qualname)


@pytest.mark.parametrize("mutation", mutations.MUTATIONS, ids=lambda m: m.name)
def test_each_mutation_changes_its_function_and_nothing_else(
    tmp_path: Path, mutation: edits.Mutation
) -> None:
    package = _copy_package(tmp_path)
    location = edits.locate(mutation.target)
    before = (package / location.path).read_text()
    path = edits.apply(mutation, package)  # raises unless every edit matches exactly once
    after = path.read_text()
    assert path == package / location.path
    compile(after, str(path), "exec")  # still valid Python: the pages must catch it
    old, new = _function(before, location.qualname), _function(after, location.qualname)
    assert ast.dump(old) != ast.dump(new)
    (first, last), (new_first, new_last) = (
        edits.function_span(old),
        edits.function_span(new),
    )
    old_lines, new_lines = before.splitlines(), after.splitlines()
    assert new_first == first
    assert new_lines[: first - 1] == old_lines[: first - 1]
    assert new_lines[new_last:] == old_lines[last:]


def test_at_least_ten_mutations_cover_the_package() -> None:
    assert len(mutations.MUTATIONS) >= 10
    assert len(NAMES) == len(mutations.MUTATIONS)
    assert len({edits.locate(m.target).path for m in mutations.MUTATIONS}) >= 5


@pytest.mark.parametrize(
    ("mutation", "message"),
    [
        (
            edits.Mutation(
                "stale",
                "lstm_explained.reference.shapes.param_count",
                (edits.Replace("no_such_name + 1", "0"),),
            ),
            r"mutation 'stale': Replace\(old='no_such_name \+ 1', new='0'\) matches 0 times in "
            r"lstm_explained\.reference\.shapes\.param_count \(reference/shapes\.py\); "
            "expected exactly once",
        ),
        (
            edits.Mutation(
                "ambiguous",
                "lstm_explained.figures.diagrams.slot_positions",
                (edits.Returns("returned"),),
            ),
            r"mutation 'ambiguous': Returns\(template='returned'\) matches 2 times in "
            r"lstm_explained\.figures\.diagrams\.slot_positions",
        ),
        (
            edits.Mutation(
                "lost",
                "lstm_explained.reference.shapes.no_such_function",
                (edits.Returns("0"),),
            ),
            r"mutation 'lost': cannot import lstm_explained\.reference\.shapes\.no_such_function",
        ),
        (
            edits.Mutation(
                "idle",
                "lstm_explained.reference.shapes.param_count",
                (edits.Returns("returned"),),
            ),
            r"mutation 'idle' does not change lstm_explained\.reference\.shapes\.param_count",
        ),
    ],
    ids=["no match", "two matches", "no target", "no change"],
)
def test_a_mutation_that_does_not_apply_is_refused(
    tmp_path: Path, mutation: edits.Mutation, message: str
) -> None:
    package = _copy_package(tmp_path)
    with pytest.raises(ValueError, match=message):
        edits.apply(mutation, package)


# --- Mutations survive refactoring of their target ----------------------------------------------


def _rewrite(package: Path, target: str, rewrite: Callable[[str, edits.Function], str]) -> str:
    """Replace the target's definition in the package by ``rewrite(file text, definition)``."""
    location = edits.locate(target)
    path = package / location.path
    text = path.read_text()
    path.write_text(rewrite(text, _function(text, location.qualname)))
    return location.qualname


def _with_comments(text: str, function: edits.Function) -> str:
    """A comment line and a blank line before every statement of `function`."""
    lines = text.splitlines(keepends=True)
    starts = {
        node.lineno: node.col_offset for node in ast.walk(function) if isinstance(node, ast.stmt)
    }
    for line in sorted(starts, reverse=True):
        if line != function.lineno:
            lines[line - 1 : line - 1] = ["\n", " " * starts[line] + "# a comment (test)\n"]
    return "".join(lines)


def _unparsed(text: str, function: edits.Function) -> str:
    """`function` as ``ast.unparse`` writes it: other line breaks, quotes and parentheses."""
    return edits.splice(text, function, function)


@pytest.mark.parametrize("reformat", [_with_comments, _unparsed], ids=["comments", "unparsed"])
@pytest.mark.parametrize("mutation", mutations.MUTATIONS, ids=lambda m: m.name)
def test_each_mutation_applies_to_its_reformatted_target(
    tmp_path: Path, mutation: edits.Mutation, reformat: Callable[..., str]
) -> None:
    package = _copy_package(tmp_path)
    _rewrite(package, mutation.target, reformat)
    compile(edits.apply(mutation, package).read_text(), "mutated", "exec")


def _renaming(old: str, new: str) -> Callable[[str, edits.Function], str]:
    """A rewrite that renames the local variable `old` to `new` (and reformats the function)."""

    def rewrite(text: str, function: edits.Function) -> str:
        class Rename(ast.NodeTransformer):
            def visit_Name(self, node: ast.Name) -> ast.Name:
                return ast.Name(new, node.ctx) if node.id == old else node

        return edits.splice(text, function, Rename().visit(deepcopy(function)))

    return rewrite


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        ("swap the i and f gate blocks", "c_tilde", "candidate"),
        ("output_shapes: sequence axes transposed", "output", "shape"),
        ("masked steps update the state", "outputs", "sequence"),
        ("go_backwards returns time order", "states", "carried"),
    ],
)
def test_renaming_a_local_the_mutation_does_not_name_keeps_it_applying(
    tmp_path: Path, name: str, old: str, new: str
) -> None:
    package = _copy_package(tmp_path)
    qualname = _rewrite(package, NAMES[name].target, _renaming(old, new))
    mutated = _function(edits.apply(NAMES[name], package).read_text(), qualname)
    names = {node.id for node in ast.walk(mutated) if isinstance(node, ast.Name)}
    assert new in names
    assert old not in names


def test_renaming_a_local_the_mutation_names_makes_it_stale(tmp_path: Path) -> None:
    package = _copy_package(tmp_path)
    mutation = NAMES["masked steps update the state"]
    _rewrite(package, mutation.target, _renaming("keep", "valid"))
    with pytest.raises(ValueError, match="matches 0 times"):
        edits.apply(mutation, package)


# --- The mutated package computes something else ------------------------------------------------

PRELUDE = """\
import json
import numpy as np
import lstm_explained
from lstm_explained import (
    LSTMWeights, StatefulLSTM, lstm_forward, lstm_step, lstm_trace, output_shapes, param_count,
    to_pytorch_state_dict,
)
w = LSTMWeights.random(input_dim=3, units=2, seed=1)
x = np.random.default_rng(2).normal(size=(4, 5, 3)).astype(np.float32)
zeros = np.zeros((4, 2), np.float32)
"""

# For each mutation: a snippet that sets `result` (JSON), and what the mutation does to it, as
# ``check(result before, result after)``. The Keras comparison is left out: it needs TensorFlow.
BEHAVIOUR: dict[str, tuple[str, Callable[[Any, Any], bool]]] = {
    "swap the i and f gate blocks": (
        "s = lstm_step(x[:, 0], zeros, zeros, w); result = [s.i.tolist(), s.f.tolist()]",
        lambda before, after: after == before[::-1],
    ),
    "drop the forget-gate bias": (
        "result = lstm_forward(x, w).tolist()",
        lambda before, after: after != before,
    ),
    "param_count off by units": (
        "result = param_count(input_dim=3, units=2)",
        lambda before, after: after == before + 2,
    ),
    "output_shapes: sequence axes transposed": (
        "result = output_shapes(8, 5, 3, 2, return_sequences=True)",
        lambda before, after: before == [[8, 5, 2]] and after == [[8, 2, 5]],
    ),
    "return_state gives h and c in the other order": (
        "result = [a.tolist() for a in lstm_forward(x, w, return_state=True)[1:]]",
        lambda before, after: after == before[::-1],
    ),
    "go_backwards returns time order": (
        "result = lstm_forward(x, w, return_sequences=True, go_backwards=True).tolist()",
        lambda before, after: after == [steps[::-1] for steps in before],
    ),
    "masked steps update the state": (
        "mask = np.array([[True, False, True, True, False]] * 4)\n"
        "result = lstm_forward(x, w, mask=mask, return_state=True)[1].tolist()",
        lambda before, after: after != before,
    ),
    "diagrams draw units - 1 slots": (
        "from lstm_explained.figures.diagrams import slot_positions\nresult = slot_positions(3)",
        lambda before, after: before == [[0, 1, 2], None] and after == [[0, 1], None],
    ),
    "the gate trace is shifted by one step": (
        "result = lstm_trace(x, w).i.tolist()",
        lambda before, after: after == [steps[1:] + steps[:1] for steps in before],
    ),
    "hard_sigmoid uses Keras 2's slope": (
        "from lstm_explained.reference.activations import hard_sigmoid\n"
        "result = hard_sigmoid(np.array([1.0])).tolist()",
        lambda before, after: after == pytest.approx([0.7]) != before,
    ),
    "the stateful LSTM forgets its state between calls": (
        "layer = StatefulLSTM(w, batch_size=4); layer(x)\n"
        "result = layer(x).tolist() == lstm_forward(x, w).tolist()",
        lambda before, after: before is False and after is True,
    ),
    "the cuDNN model repeats the previous output at padded steps": (
        "from lstm_explained.reference.cudnn import lstm_forward_cudnn\n"
        "mask = np.ones((4, 5), bool); mask[0, 3:] = False\n"
        "out = lstm_forward_cudnn(x, w, mask=mask, return_sequences=True)\n"
        "result = bool(np.any(out[0, 3:]))",
        lambda before, after: before is False and after is True,
    ),
    "initial_state read as [c0, h0]": (
        "h0, c0 = np.full((4, 2), 0.5, np.float32), np.full((4, 2), -2.0, np.float32)\n"
        "result = lstm_forward(x, w, initial_state=[h0, c0]).tolist()",
        lambda before, after: before != after,
    ),
    "PyTorch conversion puts the bias in bias_hh twice": (
        'result = to_pytorch_state_dict(w)["bias_hh_l0"].tolist()',
        lambda before, after: not any(before) and any(after),
    ),
    "the vocabulary diagram draws units - 1 memory blocks": (
        "from lstm_explained.figures.vocabulary_diagram import vocabulary_diagram\n"
        "result = [block.unit for block in vocabulary_diagram(3).blocks]",
        lambda before, after: before == [0, 1, 2] and after == [0, 1],
    ),
    "GRU gates packed as r, z, h": (
        "from lstm_explained import GRUWeights\n"
        "from lstm_explained.reference import sigmoid\n"
        "from lstm_explained.reference.gru import _gru_step\n"
        "g = GRUWeights.random(3, 2, seed=1)\n"
        "z, r, _, _ = _gru_step(x[:, 0] @ g.kernel, zeros, g, np.tanh, sigmoid)\n"
        "result = [z.tolist(), r.tolist()]",
        lambda before, after: after == before[::-1] != before,
    ),
    "the GRU's recurrent bias row dropped": (
        "from lstm_explained import GRUWeights, gru_forward\n"
        "g = GRUWeights.random(3, 2, seed=1)\n"
        "bias = np.array([[0.0] * 6, [0.5] * 6], np.float32)  # a recurrent bias row only\n"
        "with_bias = GRUWeights(g.kernel, g.recurrent_kernel, bias)\n"
        "result = [gru_forward(x, g).tolist(), gru_forward(x, with_bias).tolist()]",
        lambda before, after: before[0] != before[1] and after[0] == after[1],
    ),
    "param_count: one GRU bias row whatever reset_after": (
        'result = param_count(input_dim=3, units=2, layer="gru")',
        lambda before, after: before == 3 * 2 * (3 + 2 + 2) and after == 3 * 2 * (3 + 2 + 1),
    ),
    "PyTorch GRU conversion keeps PyTorch's r, z, n order": (
        "from lstm_explained import GRUWeights\n"
        "from lstm_explained.interop import from_pytorch_gru_state_dict as back\n"
        "from lstm_explained.interop import to_pytorch_gru_state_dict as there\n"
        "g = GRUWeights.random(3, 2, seed=1)\n"
        "result = [back(there(g)).kernel.tolist(), g.kernel.tolist()]",
        lambda before, after: before[0] == before[1] != after[0],
    ),
    "Keras 2 hard sigmoid with Keras 3's slope": (
        "from lstm_explained.reference.activations import hard_sigmoid_keras2\n"
        "result = hard_sigmoid_keras2(np.array([1.0, 2.5])).tolist()",
        lambda before, after: (
            before == pytest.approx([0.7, 1.0])
            and after == pytest.approx([0.5 + 1 / 6, 0.5 + 2.5 / 6])
        ),
    ),
}


def _run_snippet(package_parent: Path, snippet: str, cwd: Path) -> Any:
    """`result` of `snippet`, run in a new Python with `package_parent` first on the path."""
    code = PRELUDE + snippet + "\nprint(json.dumps([lstm_explained.__file__, result]))\n"
    env = {**os.environ, "PYTHONPATH": str(package_parent), "MPLBACKEND": "Agg"}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    where, result = json.loads(done.stdout)
    assert Path(where).is_relative_to(package_parent)  # the package meant, not another one
    return result


def test_every_mutation_but_the_keras_one_has_a_behaviour_check() -> None:
    assert set(BEHAVIOUR) | {"the Keras comparison stops comparing"} == set(NAMES)


@pytest.mark.parametrize("name", BEHAVIOUR)
def test_each_mutation_changes_what_the_package_computes(tmp_path: Path, name: str) -> None:
    snippet, check = BEHAVIOUR[name]
    package = _copy_package(tmp_path)
    edits.apply(NAMES[name], package)
    before = _run_snippet(edits.ROOT, snippet, tmp_path)
    after = _run_snippet(package.parent, snippet, tmp_path)
    assert check(before, after), (before, after)


@pytest.mark.parametrize(
    ("failed", "pages", "verdict"),
    [
        (True, ["docs/explanation/state.md"], "caught"),
        (True, [], "FAILED, NO PAGE"),  # a crashed kernel or a timeout: no page refused it
        (False, [], "SURVIVED"),
    ],
)
def test_a_mutation_is_caught_only_when_a_page_names_the_failure(failed, pages, verdict):
    outcome = mutations.Outcome(failed, pages, 1.0, "")
    assert outcome.verdict == verdict
    assert outcome.caught == (verdict == "caught")


def test_a_failure_without_a_page_fails_the_session(monkeypatch, capsys):
    """main() exits 1 when a build fails but names no page, as it does for a survivor."""
    outcomes = {
        None: mutations.Outcome(False, [], 1.0, ""),
        "crash": mutations.Outcome(True, [], 1.0, "Kernel died"),
    }
    monkeypatch.setattr(mutations, "MUTATIONS", (edits.Mutation("crash", "x", ()),))
    monkeypatch.setattr(mutations, "apply", lambda mutation, package: None)
    monkeypatch.setattr(mutations, "run", lambda m, jobs: outcomes[None if m is None else m.name])
    assert mutations.main([]) == 1
    out = capsys.readouterr().out
    assert "FAILED, NO PAGE" in out
    assert "Kernel died" in out
    assert "0 of 1 mutations caught by a page." in out


def test_the_pages_a_mutation_reads_first_exist() -> None:
    """Each mutation names the pages that catch it, and they exist: a misspelt or stale name
    would not change the verdict, only make the check slow without anyone noticing."""
    docs = Path(mutations.ROOT) / "docs"
    for mutation in mutations.MUTATIONS:
        assert mutation.read_first, mutation.name
        for page in mutation.read_first:
            assert (docs / f"{page}.md").is_file(), (mutation.name, page)
