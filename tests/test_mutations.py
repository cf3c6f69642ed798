"""The mutation check (tools/mutations.py) still applies to the current code.

Building the site for every mutation is ``nox -s mutations``; here we only check, quickly, that
each mutation still finds the line it breaks and really changes the package.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parents[1] / "tools"
sys.path.insert(0, str(TOOLS))
import mutations  # noqa: E402


@pytest.mark.parametrize("mutation", mutations.MUTATIONS, ids=lambda m: m.name)
def test_each_mutation_applies_once_and_changes_the_code(
    tmp_path: Path, mutation: mutations.Mutation
) -> None:
    copy = tmp_path / "lstm_explained"
    shutil.copytree(mutations.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = (copy / mutation.path).read_text()
    mutations.apply(mutation, copy)
    after = (copy / mutation.path).read_text()
    assert after != before
    compile(after, mutation.path, "exec")  # still valid Python: the pages must catch it


def test_at_least_ten_mutations_cover_the_package() -> None:
    assert len(mutations.MUTATIONS) >= 10
    assert len({m.path for m in mutations.MUTATIONS}) >= 5


def test_a_stale_mutation_is_refused(tmp_path: Path) -> None:
    (tmp_path / "cell.py").write_text("x = 1\n")
    stale = mutations.Mutation("stale", "cell.py", (("y = 2", "y = 3"),))
    with pytest.raises(ValueError, match="occurs 0 times"):
        mutations.apply(stale, tmp_path)
