"""One table of bad sizes, refused the same way by every public function that takes a size.

Issue 12: the package used to have six validators that disagreed (``param_count(np.int64(3), 2)``
was refused, ``LSTMWeights.random(input_dim=3, units=True)`` was accepted and failed inside
NumPy). Now every size goes through :mod:`lstm_explained.reference.validation`, and this module
holds the table of bad values that every public entry point must refuse, in every size position:
a value of the wrong type raises ``TypeError``, an integer out of range raises ``ValueError``,
and the message starts with the argument's name and shows the value. NumPy integers are sizes.

The list of entry points is checked against the package itself: a public function, class or
method with a parameter named like a size (:data:`SIZE_NAMES`) that is not in :data:`ENTRIES`
fails :func:`test_every_public_size_parameter_is_covered`.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pytest

import lstm_explained
from lstm_explained.figures.cell_diagram import cell_diagram
from lstm_explained.figures.cli import figure_set, gate_input
from lstm_explained.figures.diagrams import MAX_SIZE
from lstm_explained.figures.gate_plots import gate_plot
from lstm_explained.figures.gru_cell_diagram import gru_cell_diagram
from lstm_explained.figures.layer_weights_diagram import layer_weights_diagram
from lstm_explained.figures.unrolled_diagram import unrolled_diagram
from lstm_explained.figures.vocabulary_diagram import vocabulary_diagram
from lstm_explained.figures.weights_diagram import weights_diagram
from lstm_explained.interop.keras_io import keras_lstm
from lstm_explained.interop.pytorch import (
    from_pytorch_state_dict,
    pytorch_names,
    to_pytorch_state_dict,
)
from lstm_explained.interop.pytorch_gru import (
    from_pytorch_gru_state_dict,
    to_pytorch_gru_state_dict,
)
from lstm_explained.reference.gru_weights import GRUWeights
from lstm_explained.reference.jacobian import independent_units_weights
from lstm_explained.reference.layout import random_kernels
from lstm_explained.reference.sequence import lstm_trace
from lstm_explained.reference.shapes import (
    bidirectional_output_shapes,
    output_shapes,
    param_breakdown,
    param_count,
    pytorch_param_count,
)
from lstm_explained.reference.simple_rnn import SimpleRNNWeights
from lstm_explained.reference.stateful import StatefulLSTM
from lstm_explained.reference.validation import check_size
from lstm_explained.reference.weights import LSTMWeights
from lstm_explained.site_calculator import StackConfig

#: Values that are not sizes (integers >= 1), and the error each must raise.
BAD_SIZES: list[tuple[object, type[Exception]]] = [
    (True, TypeError),  # bool is not a size, though True == 1
    (False, TypeError),
    (np.True_, TypeError),
    (2.0, TypeError),  # a float is not a size, even a whole one
    (2.5, TypeError),
    (np.float64(3), TypeError),
    ("3", TypeError),
    (None, TypeError),  # except where None means "unknown" (`optional` below)
    ([3], TypeError),
    (0, ValueError),  # except for indices, whose minimum is 0 (`minimum` below)
    (-1, ValueError),
    (np.int64(-2), ValueError),
]

#: Parameter names that hold a size or an index, wherever they appear in the public API.
SIZE_NAMES = frozenset(
    {
        "units",
        "input_dim",
        "batch",
        "timesteps",
        "batch_size",
        "layers",
        "input_size",
        "hidden_size",
        "layer",
        "cells",
        "batch_index",
    }
)

WEIGHTS = LSTMWeights.random(3, 2, seed=0)
X = np.linspace(-1.0, 1.0, 2 * 4 * 3).reshape(2, 4, 3)  # (batch=2, timesteps=4, input_dim=3)
TRACE = lstm_trace(X, WEIGHTS)
STATE_DICT = to_pytorch_state_dict(WEIGHTS, 1)
GRU = GRUWeights.random(3, 2, seed=0)
GRU_STATE_DICT = to_pytorch_gru_state_dict(GRU, 1)


def _summary(result: Any) -> Any:
    """What a result says, in a form whose ``repr`` shows a NumPy integer that leaked into it."""
    if isinstance(result, LSTMWeights | GRUWeights | SimpleRNNWeights):
        return [
            None if a is None else a.tolist()
            for a in (result.kernel, result.recurrent_kernel, result.bias)
        ]
    if isinstance(result, StatefulLSTM):
        return result.batch_size, result.h.tolist()
    if isinstance(result, np.ndarray):
        return result.dtype, result.tolist()
    if isinstance(result, dict):
        return {key: _summary(value) for key, value in result.items()}
    if hasattr(result, "alt"):  # a figure: its alt text states every size
        return result.alt
    return result


def _figure_set_summary(figures: Any) -> Any:
    """The names of the figure set and the alt text of the gate plot (which uses every size)."""
    drawn = dict(figures)
    return sorted(drawn), drawn["gates"]().alt


def _keras_summary(layer: Any) -> Any:
    """The shapes of a stateful Keras layer's states: (batch_size, units) each."""
    return [tuple(state.shape) for state in layer.states]


@dataclass(frozen=True)
class Entry:
    """A public callable that takes sizes, and a good call of it.

    `sizes` are good values of its size parameters; ``call(**sizes)`` calls it. `optional` lists
    the parameters where ``None`` is allowed, `minimum` the indices (minimum 0), `maximum` the
    upper bounds.
    """

    name: str
    call: Callable[..., Any]
    sizes: dict[str, int]
    optional: frozenset[str] = frozenset()
    minimum: dict[str, int] = field(default_factory=dict)
    maximum: dict[str, int] = field(default_factory=dict)
    summary: Callable[[Any], Any] = _summary
    marks: tuple = ()


R, F, IO = "lstm_explained.reference", "lstm_explained.figures", "lstm_explained.interop"
DRAWN = {"units", "input_dim", "timesteps"}

ENTRIES = [
    Entry(f"{R}.shapes.param_count", param_count, {"input_dim": 3, "units": 2}),
    Entry(
        f"{R}.layout.random_kernels",
        lambda **s: random_kernels(np.random.default_rng(0), **s, blocks=4),
        {"input_dim": 3, "units": 2},
    ),
    Entry(f"{R}.shapes.param_breakdown", param_breakdown, {"input_dim": 3, "units": 2}),
    Entry(
        f"{R}.shapes.pytorch_param_count", pytorch_param_count, {"input_size": 3, "hidden_size": 2}
    ),
    Entry(
        f"{R}.shapes.output_shapes",
        lambda **s: output_shapes(**s, return_sequences=True, return_state=True),
        {"batch": 2, "timesteps": 5, "input_dim": 3, "units": 2},
        optional=frozenset({"batch", "timesteps"}),
    ),
    Entry(
        f"{R}.shapes.bidirectional_output_shapes",
        lambda **s: bidirectional_output_shapes(**s, return_sequences=True, return_state=True),
        {"batch": 2, "timesteps": 5, "input_dim": 3, "units": 2},
        optional=frozenset({"batch", "timesteps"}),
    ),
    Entry(f"{R}.weights.LSTMWeights.random", LSTMWeights.random, {"input_dim": 3, "units": 2}),
    Entry(
        f"{R}.gru_weights.GRUWeights.random",
        lambda **s: GRUWeights.random(**s, reset_after=False),
        {"input_dim": 3, "units": 2},
    ),
    Entry(
        f"{R}.simple_rnn.SimpleRNNWeights.random",
        SimpleRNNWeights.random,
        {"input_dim": 3, "units": 2},
    ),
    Entry(
        f"{R}.stateful.StatefulLSTM",
        lambda **s: StatefulLSTM(WEIGHTS, **s),
        {"batch_size": 2},
    ),
    Entry(
        f"{R}.jacobian.independent_units_weights",
        independent_units_weights,
        {"cells": 2, "input_dim": 3},
    ),
    Entry(
        "lstm_explained.site_calculator.StackConfig",
        StackConfig,
        {"batch": 2, "timesteps": 5, "input_dim": 3, "units": 2, "layers": 2},
        optional=frozenset({"batch", "timesteps"}),
    ),
    Entry(f"{IO}.pytorch.pytorch_names", pytorch_names, {"layer": 1}, minimum={"layer": 0}),
    Entry(
        f"{IO}.pytorch.to_pytorch_state_dict",
        lambda **s: to_pytorch_state_dict(WEIGHTS, **s),
        {"layer": 1},
        minimum={"layer": 0},
    ),
    Entry(
        f"{IO}.pytorch.from_pytorch_state_dict",
        lambda **s: from_pytorch_state_dict(STATE_DICT, **s),
        {"layer": 1},
        minimum={"layer": 0},
    ),
    Entry(
        f"{IO}.pytorch_gru.to_pytorch_gru_state_dict",
        lambda **s: to_pytorch_gru_state_dict(GRU, **s),
        {"layer": 1},
        minimum={"layer": 0},
    ),
    Entry(
        f"{IO}.pytorch_gru.from_pytorch_gru_state_dict",
        lambda **s: from_pytorch_gru_state_dict(GRU_STATE_DICT, **s),
        {"layer": 1},
        minimum={"layer": 0},
    ),
    Entry(
        f"{IO}.keras_io.keras_lstm",
        lambda **s: keras_lstm(WEIGHTS, **s, stateful=True),
        {"batch_size": 2},
        optional=frozenset({"batch_size"}),
        summary=_keras_summary,
        marks=(pytest.mark.keras,),  # bad values are refused before Keras is imported
    ),
    Entry(
        f"{F}.cell_diagram.cell_diagram",
        cell_diagram,
        {"units": 4, "input_dim": 3},
        maximum=dict.fromkeys(("units", "input_dim"), MAX_SIZE),
    ),
    Entry(
        f"{F}.unrolled_diagram.unrolled_diagram",
        unrolled_diagram,
        {"timesteps": 3, "units": 4, "input_dim": 2},
        maximum=dict.fromkeys(DRAWN, MAX_SIZE),
    ),
    Entry(
        f"{F}.weights_diagram.weights_diagram",
        weights_diagram,
        {"input_dim": 3, "units": 4},
        maximum=dict.fromkeys(("units", "input_dim"), MAX_SIZE),
    ),
    Entry(
        f"{F}.vocabulary_diagram.vocabulary_diagram",
        vocabulary_diagram,
        {"units": 3},
        maximum={"units": MAX_SIZE},
    ),
    Entry(
        f"{F}.gru_cell_diagram.gru_cell_diagram",
        gru_cell_diagram,
        {"units": 4, "input_dim": 3},
        maximum=dict.fromkeys(("units", "input_dim"), MAX_SIZE),
    ),
    Entry(
        f"{F}.layer_weights_diagram.layer_weights_diagram",
        layer_weights_diagram,
        {"input_dim": 3, "units": 4},
        maximum=dict.fromkeys(("units", "input_dim"), MAX_SIZE),
    ),
    Entry(
        f"{F}.gate_plots.gate_plot",
        lambda **s: gate_plot(TRACE, X, **s),
        {"batch_index": 1},
        minimum={"batch_index": 0},
        maximum={"batch_index": 1},  # X holds two sequences
    ),
    Entry(f"{F}.cli.gate_input", gate_input, {"timesteps": 5, "input_dim": 2}),
    Entry(
        f"{F}.cli.figure_set",
        lambda **s: figure_set(**s, theme="light"),
        {"units": 4, "input_dim": 3, "timesteps": 5},
        maximum=dict.fromkeys(DRAWN, MAX_SIZE),
        summary=_figure_set_summary,
    ),
]

#: Public parameters named like a size that hold something else. A callable may also be in
#: ENTRIES, for its other parameters (``param_count(input_dim, units, layer="gru")``).
NOT_SIZES = {
    f"{R}.keras_cells.built_cell": {"layer"},  # a Keras layer object, not an index
    f"{R}.keras_cells.set_cell_weights": {"layer"},
    f"{R}.weights.LSTMWeights.from_keras": {"layer"},
    f"{R}.weights.LSTMWeights.to_keras": {"layer"},
    f"{R}.gru_weights.GRUWeights.from_keras": {"layer"},
    f"{R}.gru_weights.GRUWeights.to_keras": {"layer"},
    f"{R}.simple_rnn.SimpleRNNWeights.from_keras": {"layer"},
    f"{R}.simple_rnn.SimpleRNNWeights.to_keras": {"layer"},
    f"{R}.shapes.param_count": {"layer"},  # a kind of layer: "lstm", "gru", "simple_rnn"
    f"{R}.shapes.param_breakdown": {"layer"},
    f"{R}.shapes.output_shapes": {"layer"},
    f"{R}.shapes.bidirectional_output_shapes": {"layer"},
    f"{R}.shapes.pytorch_param_count": {"layer"},
    "lstm_explained.site_calculator.StackConfig": {"layer"},
    f"{F}.unrolled_diagram.UnrolledDiagram": {"cells"},  # a result: the cell boxes drawn
}


def _public_size_parameters() -> dict[str, set[str]]:
    """Every public function, class and method of the package with a parameter in SIZE_NAMES."""
    found: dict[str, set[str]] = {}

    def record(name: str, target: Any) -> None:
        try:
            parameters = inspect.signature(target).parameters
        except (TypeError, ValueError):  # no signature to read
            return
        sizes = SIZE_NAMES & set(parameters)
        if sizes:
            found[name] = sizes

    modules = pkgutil.walk_packages(lstm_explained.__path__, "lstm_explained.")
    for info in modules:
        if info.name == "lstm_explained.__main__":  # running it is the command line
            continue
        module = importlib.import_module(info.name)
        public = getattr(module, "__all__", [n for n in vars(module) if not n.startswith("_")])
        for attribute in public:
            obj = getattr(module, attribute)
            if getattr(obj, "__module__", None) != module.__name__:
                continue  # re-exported or imported: recorded where it is defined
            name = f"{module.__name__}.{attribute}"
            if inspect.isclass(obj):
                record(name, obj)
                for method, value in vars(obj).items():
                    routine = callable(value) or isinstance(value, classmethod | staticmethod)
                    if routine and not method.startswith("_"):
                        record(f"{name}.{method}", getattr(obj, method))
            elif callable(obj):
                record(name, obj)
    return found


def test_every_public_size_parameter_is_covered():
    covered = {entry.name: set(entry.sizes) for entry in ENTRIES}
    assert len(covered) == len(ENTRIES)  # one entry per callable
    assert all(not covered.get(name, set()) & names for name, names in NOT_SIZES.items())
    expected = {
        name: covered.get(name, set()) | NOT_SIZES.get(name, set())
        for name in covered.keys() | NOT_SIZES.keys()
    }
    assert _public_size_parameters() == expected


@pytest.mark.parametrize(("value", "error"), BAD_SIZES, ids=[repr(v) for v, _ in BAD_SIZES])
def test_the_table_is_what_check_size_says(value, error):
    with pytest.raises(error, match=r"^units must be a positive integer, got "):
        check_size("units", value)


def _bad_cases() -> list:
    cases = []
    for entry in ENTRIES:
        for position in entry.sizes:
            minimum = entry.minimum.get(position, 1)
            for value, error in BAD_SIZES:
                if value is None and position in entry.optional:
                    continue  # None is an unknown size there
                if error is ValueError and int(value) >= minimum:
                    continue  # 0 is a valid index
                case_id = f"{entry.name.rsplit('.', 1)[-1]}-{position}={value!r}"
                cases.append(pytest.param(entry, position, value, error, id=case_id))
    return cases


def _expected_message(position: str, value: object, error: type[Exception]) -> str:
    shown = str(int(value)) if error is ValueError else repr(value)
    return rf"^{position} must be .*, got {re.escape(shown)}( of type \w+)?$"


@pytest.mark.parametrize(("entry", "position", "value", "error"), _bad_cases())
def test_bad_sizes_are_refused_naming_the_argument(entry, position, value, error):
    with pytest.raises(error, match=_expected_message(position, value, error)):
        entry.call(**{**entry.sizes, position: value})


@pytest.mark.parametrize(
    ("entry", "position"),
    [
        pytest.param(entry, position, id=f"{entry.name.rsplit('.', 1)[-1]}-{position}")
        for entry in ENTRIES
        for position in entry.maximum
    ],
)
def test_sizes_above_the_maximum_are_refused(entry, position):
    too_big = entry.maximum[position] + 1
    with pytest.raises(ValueError, match=_expected_message(position, too_big, ValueError)):
        entry.call(**{**entry.sizes, position: too_big})


@pytest.mark.parametrize(
    ("entry", "position", "numpy_integer"),
    [
        pytest.param(
            entry,
            position,
            kind,
            marks=entry.marks,
            id=f"{entry.name.rsplit('.', 1)[-1]}-{position}-{kind.__name__}",
        )
        for entry in ENTRIES
        for position in entry.sizes
        for kind in (np.int64, np.uint8)
    ],
)
def test_numpy_integers_are_sizes(entry, position, numpy_integer):
    """``np.int64(3)`` works in every size position and gives what 3 gives, with Python ints."""
    expected = entry.summary(entry.call(**entry.sizes))
    value = numpy_integer(entry.sizes[position])
    got = entry.summary(entry.call(**{**entry.sizes, position: value}))
    assert repr(got) == repr(expected)


@pytest.mark.parametrize(
    ("entry", "position"),
    [
        pytest.param(entry, position, id=f"{entry.name.rsplit('.', 1)[-1]}-{position}")
        for entry in ENTRIES
        for position in entry.optional
        if not entry.marks  # keras_lstm(batch_size=None) is what every Keras test builds
    ],
)
def test_none_is_an_unknown_size_where_allowed(entry, position):
    entry.call(**{**entry.sizes, position: None})
