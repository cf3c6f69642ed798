"""Command line: ``python -m lstm_explained figures --out DIR`` writes every figure of the site.

Each figure is written in the chosen format, theme (dark files end in ``-dark``) and language
(``--language fr`` draws the French figures, under the same file names), next to a
``README.md`` in that language that lists the files with their alt text, the licence and how to
cite the site. Output is deterministic: running the command twice gives the same bytes.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import numpy as np

from lstm_explained.figures.cell_diagram import HIGHLIGHTS, cell_diagram
from lstm_explained.figures.coupling import coupling_figure
from lstm_explained.figures.diagrams import check_drawn_size
from lstm_explained.figures.gate_plots import gate_plot
from lstm_explained.figures.gru_cell_diagram import gru_cell_diagram
from lstm_explained.figures.layer_weights_diagram import layer_weights_diagram
from lstm_explained.figures.style import THEMES, save_figure
from lstm_explained.figures.texts import LANGUAGES, README, check_language, translated
from lstm_explained.figures.unrolled_diagram import unrolled_diagram
from lstm_explained.figures.vocabulary_diagram import vocabulary_diagram
from lstm_explained.figures.weights_diagram import weights_diagram
from lstm_explained.reference.cell import lstm_step
from lstm_explained.reference.sequence import lstm_trace
from lstm_explained.reference.validation import check_choice, check_size
from lstm_explained.reference.weights import LSTMWeights

__all__ = ["README", "SEED", "figure_set", "gate_input", "main", "readme"]

#: Seed of the random weights used by the gate, coupling and vocabulary figures.
SEED = 0
#: Resolution of PNG files (2x the 720 px content width of the site).
PNG_DPI = 200
_MAX_CLI_SIZE = 4096


def readme(settings: str, files: list[tuple[str, str]], language: str = "en") -> str:
    """The README.md of an export in `language`: `settings`, and each (file name, alt text).

    Raises
    ------
    ValueError
        If `language` is unknown.

    Examples
    --------
    >>> text = readme("units=4", [("cell.svg", "Diagram.")])
    >>> text.startswith("# Figures") and "- `cell.svg`: Diagram." in text
    True
    """
    language = check_language(language)
    lines = [
        translated(language, "- `{filename}`: {alt}", filename=name, alt=alt)
        for name, alt in files
    ]
    return translated(language, README, settings=settings, files="\n".join(lines))


def gate_input(timesteps: int, input_dim: int) -> np.ndarray:
    """Fixed input for the gate figure: phase-shifted sines, shape (1, timesteps, input_dim).

    Raises
    ------
    TypeError
        If `timesteps` or `input_dim` is not an integer.
    ValueError
        If `timesteps` or `input_dim` is below 1.

    Examples
    --------
    >>> gate_input(5, 2).shape
    (1, 5, 2)
    """
    timesteps = check_size("timesteps", timesteps)
    input_dim = check_size("input_dim", input_dim)
    t = np.arange(timesteps)[:, None]  # (timesteps, 1)
    k = np.arange(input_dim)[None, :]  # (1, input_dim)
    return np.sin(0.6 * t + 1.3 * k)[None]  # (1, timesteps, input_dim)


def figure_set(
    units: int, input_dim: int, timesteps: int, theme: str, language: str = "en"
) -> Iterator[tuple]:
    """Every figure as ``(name, draw)``, lazily; ``draw()`` returns a result with ``alt``.

    The arguments are checked at once, before any figure is drawn. Names are the same in every
    `language`; the figures' text and alt text are in `language`.

    Raises
    ------
    TypeError
        If a size is not an integer.
    ValueError
        If a size is outside ``[1, MAX_SIZE]`` (the diagrams' limit), or `theme` or `language`
        is unknown.
    """
    units, input_dim = check_drawn_size("units", units), check_drawn_size("input_dim", input_dim)
    timesteps = check_drawn_size("timesteps", timesteps)
    style = {
        "theme": check_choice("theme", theme, tuple(THEMES)),
        "language": check_language(language),
    }
    return _figures(units, input_dim, timesteps, style)


def _figures(units: int, input_dim: int, timesteps: int, style: dict) -> Iterator[tuple]:
    """The generator behind :func:`figure_set`, for checked sizes and `style` (theme, language)."""
    yield "cell", lambda: cell_diagram(units, input_dim, **style)
    for part in HIGHLIGHTS[1:]:
        yield (
            f"cell-highlight-{part.replace('_', '-')}",
            (lambda part=part: cell_diagram(units, input_dim, highlight=part, **style)),
        )
    for seq in (False, True):
        for state in (False, True):
            name = "unrolled" + "-sequences" * seq + "-state" * state
            yield (
                name,
                (
                    lambda seq=seq, state=state: unrolled_diagram(
                        timesteps,
                        units,
                        input_dim,
                        return_sequences=seq,
                        return_state=state,
                        **style,
                    )
                ),
            )
    yield "weights", lambda: weights_diagram(input_dim, units, **style)
    weights = LSTMWeights.random(input_dim, units, seed=SEED)
    yield "coupling", lambda: coupling_figure(weights, **style)
    x = gate_input(timesteps, input_dim)
    yield "gates", lambda: gate_plot(lstm_trace(x, weights), x, **style)
    yield "gru-cell", lambda: gru_cell_diagram(units, input_dim, **style)
    yield "layer-weights", lambda: layer_weights_diagram(input_dim, units, **style)
    zeros = np.zeros((1, units))  # (batch, units): the initial states
    first = lstm_step(x[:, 0], zeros, zeros, weights)  # the first step of the same input
    yield "vocabulary", lambda: vocabulary_diagram(units, step=first, **style)


def _size(name: str) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            return check_size(name, int(text), maximum=_MAX_CLI_SIZE)
        except ValueError as error:
            raise argparse.ArgumentTypeError(
                f"{name} must be an integer in [1, {_MAX_CLI_SIZE}], got {text!r}"
                if not text.strip().lstrip("-").isdigit()
                else str(error)
            ) from None

    return parse


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m lstm_explained",
        description="Export the figures of 'LSTM units, explained'.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    fig = commands.add_parser("figures", help="write every figure and a README.md to a folder")
    fig.add_argument("--out", type=Path, required=True, help="output folder (created)")
    fig.add_argument("--format", choices=("svg", "png"), default="svg")
    fig.add_argument("--theme", choices=(*THEMES, "both"), default="light")
    fig.add_argument(
        "--language", choices=LANGUAGES, default="en", help="language of the figures' text"
    )
    fig.add_argument("--units", type=_size("units"), default=4)
    fig.add_argument("--input-dim", type=_size("input_dim"), default=3)
    fig.add_argument("--timesteps", type=_size("timesteps"), default=5)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with `argv` (default ``sys.argv[1:]``); return the exit status."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse has written the message to stderr
        return int(exit_.code or 0)
    themes = list(THEMES) if args.theme == "both" else [args.theme]
    try:
        args.out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        parser.exit(1, f"error: cannot create {args.out}: {error}\n")
    files = []
    for theme in themes:
        suffix = "" if theme == "light" else f"-{theme}"
        sizes = (args.units, args.input_dim, args.timesteps)
        for name, draw in figure_set(*sizes, theme, args.language):
            result = draw()
            filename = f"{name}{suffix}.{args.format}"
            save_figure(result.figure, args.out / filename, args.format, dpi=PNG_DPI)
            files.append((filename, result.alt))
    settings = (
        f"units={args.units}, input_dim={args.input_dim}, timesteps={args.timesteps},"
        f" format={args.format}, theme={args.theme}"
        + (f", language={args.language}" if args.language != "en" else "")
    )
    text = readme(settings, files, args.language)
    (args.out / "README.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
