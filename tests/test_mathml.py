"""The build-time math renderer (docs/_ext/mathml.py): LaTeX in, MathML out, no script needed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("latex2mathml")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "_ext"))
import mathml


def test_inline_math_becomes_mathml() -> None:
    out = mathml._mathml(r"h_t = o_t \odot \tanh(c_t)", display="inline")
    assert out.startswith('<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline">')
    assert "<msub>" in out


@pytest.mark.parametrize(
    "latex",
    [
        r"a &= b \\ c &= d",
        r"\begin{aligned} a &= b \\ c &= d \end{aligned}",
        r"\begin{split} a &= b \\ c &= d \end{split}",
    ],
)
def test_aligned_lines_become_a_table(latex: str) -> None:
    out = mathml._mathml(latex, display="block")
    assert out.count("<mtr>") == 2
    assert "<mi>&</mi>" not in out


def test_plain_lines_become_a_one_column_table() -> None:
    out = mathml._mathml(r"a = b \\ c = d", display="block")
    assert out.count("<mtr>") == 2
    assert 'columnalign="left"' in out
