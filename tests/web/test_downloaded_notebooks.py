"""Every notebook the site offers runs in a reader's fresh environment, installed from the site.

A new virtual environment gets exactly what a downloaded notebook's first cell tells a reader to
install: the wheel the built site publishes, with its ``keras`` extra, at the versions of the
constraints file (plus Keras 2, ``tf_keras``, as ``noxfile.install_tf_keras`` installs it, and
ipykernel to run a kernel). Then each downloadable notebook is executed with nbclient in that
environment's kernel, from a scratch folder of its own, two at a time: every one must run top to
bottom.
"""

from __future__ import annotations

import json
import platform
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.fresh_env

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

ROOT = Path(__file__).resolve().parents[2]
CONSTRAINTS = ROOT / "requirements" / "constraints.txt"
KERNEL = "lstm-explained-reader"


@pytest.fixture(scope="module")
def reader_kernel(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A kernel spec folder for a fresh environment that holds only what a reader installs."""
    home = tmp_path_factory.mktemp("reader")
    venv = home / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    wheels = sorted((site_dir / "_downloads" / "wheel").glob("*.whl"))
    assert len(wheels) == 1, wheels
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "-c", str(CONSTRAINTS), f"{wheels[0]}[keras]", "ipykernel"], check=True)
    if sys.platform == "linux" and platform.machine() == "x86_64":
        subprocess.run([*pip, "--no-deps", "-c", str(CONSTRAINTS), "tf_keras"], check=True)
    spec = home / "kernels" / KERNEL
    spec.mkdir(parents=True)
    kernel = {
        "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "reader",
        "language": "python",
        "env": {"TF_CPP_MIN_LOG_LEVEL": "2", "TF_ENABLE_ONEDNN_OPTS": "0"},
    }
    (spec / "kernel.json").write_text(json.dumps(kernel))
    return home


#: Notebooks run two at a time, each in its own kernel: one per core of the 2-core test machines
#: (a notebook's time is mostly its kernel importing TensorFlow, on one core).
AT_ONCE = 2


def run_notebook(path: Path, folder: Path) -> str | None:
    """Execute the notebook at `path` in the reader's kernel, from `folder`; the error, if any."""
    notebook = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        notebook, kernel_name=KERNEL, timeout=600, resources={"metadata": {"path": str(folder)}}
    )
    try:
        client.execute()
    except Exception as error:  # every failure is reported, not only the first
        return str(error).strip().splitlines()[-1]
    return None


def test_every_downloadable_notebook_runs_in_a_fresh_environment(
    site_dir: Path, reader_kernel: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.setenv("JUPYTER_PATH", str(reader_kernel))
    notebooks = sorted((site_dir / "_downloads" / "pages").rglob("*.ipynb"))
    assert len(notebooks) >= 15, notebooks
    folders = [tmp_path / str(number) for number in range(len(notebooks))]  # one scratch each
    for folder in folders:
        folder.mkdir()
    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        errors = list(pool.map(run_notebook, notebooks, folders))
    failed = {
        path.relative_to(site_dir).as_posix(): error
        for path, error in zip(notebooks, errors, strict=True)
        if error is not None
    }
    assert failed == {}
