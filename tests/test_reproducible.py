"""The reproducibility check (tools/reproducible.py) reports every difference between builds."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import reproducible


def tree(root: Path, files: dict[str, bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return root


def test_identical_trees_have_no_difference(tmp_path: Path) -> None:
    files = {"index.html": b"<p>same</p>", "_static/a.png": b"\x89PNG\x00"}
    a, b = tree(tmp_path / "a", files), tree(tmp_path / "b", files)
    assert reproducible.differences(a, b) == []


def test_every_kind_of_difference_is_reported(tmp_path: Path) -> None:
    a = tree(tmp_path / "a", {"p.html": b"<p>1</p>\n", "x.png": b"\x89\xff", "old.js": b""})
    b = tree(tmp_path / "b", {"p.html": b"<p>2</p>\n", "x.png": b"\x89\xfe", "new.js": b""})
    found = reproducible.differences(a, b)
    assert any(line.startswith("differs: p.html") and "<p>2</p>" in line for line in found)
    assert "differs: x.png (binary)" in found
    assert "only in the first build: old.js" in found
    assert "only in the second build: new.js" in found
    assert len(found) == 4
