"""docs/_ext/package_wheel.py: the wheel published with the site is the same at every build."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "_ext"))
pytest.importorskip("sphinx")
setuptools = pytest.importorskip("setuptools")
if int(setuptools.__version__.split(".")[0]) < 77:
    pytest.skip("the build backend needs setuptools >= 77 (docs extra)", allow_module_level=True)

import package_wheel  # noqa: E402  (docs/_ext/package_wheel.py)

ROOT = Path(__file__).resolve().parents[1]
EPOCH = "1767225600"


@pytest.fixture(scope="module")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The wheel built twice, into two folders."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        return [package_wheel.build_wheel(ROOT, tmp_path_factory.mktemp(f"w{i}")) for i in (1, 2)]


def test_two_builds_give_the_same_bytes(wheels: list[Path]) -> None:
    first, second = wheels
    assert first.name == second.name == "lstm_explained-0.1.0-py3-none-any.whl"
    assert first.read_bytes() == second.read_bytes()


def test_the_wheel_holds_the_package_with_fixed_dates_and_modes(wheels: list[Path]) -> None:
    with zipfile.ZipFile(wheels[0]) as archive:
        entries = archive.infolist()
    names = [entry.filename for entry in entries]
    package = sorted(
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "lstm_explained").rglob("*.py")
        if "__pycache__" not in p.parts
    )
    assert sorted(n for n in names if n.endswith(".py")) == package
    assert "lstm_explained/py.typed" in names
    assert {entry.date_time[:3] for entry in entries} == {(2026, 1, 1)}
    modes = {entry.filename: entry.external_attr >> 16 & 0o777 for entry in entries}
    record = "lstm_explained-0.1.0.dist-info/RECORD"  # the wheel writer gives it 664 itself
    assert modes.pop(record) == 0o664
    assert set(modes.values()) == {0o644}


def test_the_wheel_installs_and_imports(wheels: list[Path], tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
         "--target", str(target), str(wheels[0])],
        check=True,
    )  # fmt: skip
    probe = "import lstm_explained, sys; print(lstm_explained.__file__)"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}, cwd=tmp_path,
    )  # fmt: skip
    assert done.stdout.strip().startswith(str(target))


def test_no_fixed_date_no_wheel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    with pytest.raises(package_wheel.ExtensionError, match="SOURCE_DATE_EPOCH"):
        package_wheel.build_wheel(ROOT, tmp_path)
