"""Tests of the command line (called in-process, plus one real ``python -m`` run)."""

import subprocess
import sys
from pathlib import Path

import pytest

from lstm_explained.figures.cli import figure_set, main

EXPECTED = {
    "cell.svg",
    "cell-highlight-f.svg",
    "cell-highlight-cell-state.svg",
    "unrolled.svg",
    "unrolled-sequences-state.svg",
    "weights.svg",
    "coupling.svg",
    "gates.svg",
    "gru-cell.svg",
    "layer-weights.svg",
    "vocabulary.svg",
}


def test_writes_figures_and_readme(tmp_path):
    assert main(["figures", "--out", str(tmp_path), "--units", "3", "--timesteps", "4"]) == 0
    names = {p.name for p in tmp_path.iterdir()}
    assert names >= EXPECTED
    assert "README.md" in names
    readme = (tmp_path / "README.md").read_text()
    assert "CC BY 4.0" in readme
    assert "LSTM units, explained" in readme
    assert "`cell.svg`" in readme
    assert "units=3" in readme


def test_png_dark(tmp_path):
    assert (
        main(
            [
                "figures",
                "--out",
                str(tmp_path),
                "--format",
                "png",
                "--theme",
                "dark",
                "--units",
                "2",
                "--input-dim",
                "2",
                "--timesteps",
                "3",
            ]
        )
        == 0
    )
    assert (tmp_path / "weights-dark.png").read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize(
    "args",
    [
        ["--units", "0"],
        ["--units", "2.5"],
        ["--timesteps", "-3"],
        ["--format", "pdf"],
        ["--theme", "sepia"],
        [],
    ],
)
def test_bad_arguments_fail(tmp_path, capsys, args):
    argv = ["figures", *(["--out", str(tmp_path)] if args else []), *args]
    assert main(argv) != 0
    err = capsys.readouterr().err
    assert "error" in err


def test_python_dash_m(tmp_path):
    root = Path(__file__).resolve().parents[1]
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "lstm_explained",
            "figures",
            "--out",
            str(tmp_path),
            "--units",
            "0",
        ],
        capture_output=True,
        text=True,
        cwd=root,
        env={"PYTHONPATH": str(root)},
        check=False,
    )
    assert run.returncode == 2
    assert "units must be an integer in [1," in run.stderr


def test_french_figures_and_readme(tmp_path):
    sizes = ["--units", "2", "--timesteps", "3"]
    assert main(["figures", "--out", str(tmp_path), *sizes, "--language", "fr"]) == 0
    assert {p.name for p in tmp_path.iterdir()} >= EXPECTED  # the same file names
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Figures de «\u00a0LSTM units, explained\u00a0»")
    assert "language=fr" in readme
    assert "CC BY 4.0" in readme
    assert "- `cell.svg`\u00a0: Schéma d'une cellule LSTM" in readme
    svg = (tmp_path / "cell.svg").read_text(encoding="utf-8")
    english = tmp_path / "en"
    assert main(["figures", "--out", str(english), *sizes]) == 0
    assert "language=" not in (english / "README.md").read_text(encoding="utf-8")
    assert svg != (english / "cell.svg").read_text(encoding="utf-8")


def test_an_unknown_language_fails(tmp_path, capsys):
    assert main(["figures", "--out", str(tmp_path), "--language", "de"]) != 0
    assert "invalid choice: 'de'" in capsys.readouterr().err


def test_figure_set_refuses_an_unknown_language():
    with pytest.raises(ValueError, match="language must be one of 'en', 'fr'; got 'es'"):
        figure_set(4, 3, 5, "light", "es")
