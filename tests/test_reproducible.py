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


def test_a_path_of_the_build_machine_is_reported(tmp_path: Path) -> None:
    site = tree(
        tmp_path / "html",
        {
            "a.html": b"<pre>File /opt/env/lib/python3.11/site-packages/keras/x.py</pre>",
            "b.html": b"<p>clean</p>",
            "c.txt": f"built in {tmp_path}/checkout".encode(),
            "d.png": b"\x89PNG\xff site-packages",
        },
    )
    paths = reproducible.machine_paths(tmp_path / "checkout")
    found = reproducible.leaked_paths(site, paths)
    assert [line.split(" in ", 1)[1].split(":", 1)[0] for line in found] == ["a.html", "c.txt"]
    assert "'site-packages'" in found[0]


def test_the_two_checkouts_hold_the_sources_and_the_history(tmp_path: Path) -> None:
    copy = reproducible.checkout(tmp_path / "copy")
    assert (copy / "docs" / "conf.py").read_bytes() == (
        reproducible.ROOT / "docs" / "conf.py"
    ).read_bytes()
    assert (copy / "lstm_explained" / "__init__.py").is_file()
    assert (copy / ".git" / "HEAD").is_file()
    assert not (copy / ".nox").exists()
    assert not (copy / "build").exists()
