"""Tests of site_calculator, the specification of the shapes page's calculator.

The browser test (tests/web/test_calculator.py) checks that the JavaScript agrees with these
results; here they are checked against lstm_explained.reference.shapes and, where installed, Keras.
"""

from __future__ import annotations

import contextlib
import io
import re
import sys
from dataclasses import asdict, astuple, replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from lstm_explained.reference.shapes import (
    bidirectional_output_shapes,
    output_shapes,
    param_count,
    pytorch_param_count,
)
from lstm_explained.site_calculator import (
    StackConfig,
    calculator_cases,
    calculator_result,
    keras_code,
    output_names,
)

CASES = calculator_cases()
BASE = StackConfig(None, 10, 3, 4)


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"units": 0}, ValueError),
        ({"units": -2}, ValueError),
        ({"input_dim": 2.5}, TypeError),
        ({"units": "8"}, TypeError),
        ({"batch": 0}, ValueError),
        ({"timesteps": True}, TypeError),
        ({"layers": 0}, ValueError),
        ({"layers": True}, TypeError),
        ({"merge_mode": "max"}, ValueError),
        ({"bidirectional": True, "merge_mode": None, "layers": 2}, ValueError),
        ({"return_state": 1}, TypeError),
        ({"bidirectional": "yes"}, TypeError),
        ({"layer": "LSTM"}, ValueError),
        ({"layer": "conv1d"}, ValueError),
        ({"reset_after": 0}, TypeError),
    ],
)
def test_bad_input_raises_a_clear_error(change: dict[str, Any], error: type) -> None:
    (name, value), *_ = change.items()
    message = rf"^{name} must be .*, got {re.escape(repr(value))}"
    if "layers" in change and name == "bidirectional":
        message = r"^merge_mode=None returns two tensors; a stacked recurrent layer reads one$"
    elif name == "merge_mode":
        message = r"^merge_mode must be one of 'concat', 'sum', 'mul', 'ave', None; got 'max'$"
    elif name == "layer":
        message = rf"^layer must be one of 'lstm', 'gru', 'simple_rnn'; got {value!r}$"
    with pytest.raises(error, match=message):
        replace(BASE, **change)


def test_numpy_sizes_and_flags_are_stored_as_python_values() -> None:
    config = StackConfig(np.int64(2), None, np.int32(3), np.uint8(4), np.True_, layers=np.int64(2))
    python = StackConfig(2, None, 3, 4, True, layers=2)
    assert config == python
    assert [type(v).__name__ for v in astuple(config)] == [
        "int", "NoneType", "int", "int", "bool", "bool", "bool", "str", "int", "str", "bool",
    ]  # fmt: skip
    assert calculator_result(config) == calculator_result(python)


def test_a_single_merge_mode_none_layer_is_allowed() -> None:
    config = replace(BASE, bidirectional=True, merge_mode=None)
    assert output_names(config) == ["forward_output", "backward_output"]


@pytest.mark.parametrize("case", CASES, ids=lambda case: str(sorted(case["input"].items())))
def test_every_case_agrees_with_the_shapes_module(case: dict[str, Any]) -> None:
    config = StackConfig(**case["input"])
    result = case["expected"]  # made by calculator_result: checked below against shapes alone
    directions = 2 if config.bidirectional else 1
    widths = {"concat": 2 * config.units}
    below = widths.get(config.merge_mode, config.units) if config.bidirectional else config.units
    dims = [config.input_dim] + [below] * (config.layers - 1)
    assert [row["input_dim"] for row in result["layers"]] == dims
    kind = {"layer": config.layer}
    for row in result["layers"]:
        count = param_count(row["input_dim"], config.units, reset_after=config.reset_after, **kind)
        assert row["total"] == directions * count
    assert result["total"] == sum(row["total"] for row in result["layers"])
    assert result["pytorch_total"] == sum(
        directions * pytorch_param_count(d, config.units, **kind) for d in dims
    )
    options = {"return_sequences": config.return_sequences, "return_state": config.return_state}
    size = (config.batch, config.timesteps, dims[-1], config.units)
    if config.bidirectional:
        top = bidirectional_output_shapes(*size, merge_mode=config.merge_mode, **options, **kind)
    else:
        top = output_shapes(*size, **options, **kind)
    assert [tuple(out["shape"]) for out in result["outputs"]] == top
    assert [out["name"] for out in result["outputs"]] == output_names(config)
    compile(result["keras_code"], "<calculator>", "exec")  # valid Python at least


def test_cases_cover_every_option_and_are_deterministic() -> None:
    inputs = [case["input"] for case in CASES]
    assert inputs == [case["input"] for case in calculator_cases()]
    kinds = {(i["layer"], i["reset_after"]) for i in inputs}
    assert kinds == {("lstm", True), ("gru", True), ("gru", False), ("simple_rnn", True)}
    for kind in kinds:  # each kind of layer meets every option
        mine = [i for i in inputs if (i["layer"], i["reset_after"]) == kind]
        for flag in ("return_sequences", "return_state", "bidirectional"):
            assert {i[flag] for i in mine} == {False, True}, (kind, flag)
        assert {i["merge_mode"] for i in mine if i["bidirectional"]} == {
            "concat", "sum", "mul", "ave", None
        }, kind  # fmt: skip
        assert {i["layers"] for i in mine} == {1, 2, 3}, kind


def test_pytorch_code_only_when_one_nn_lstm_has_those_parameters() -> None:
    stacked_sum = replace(BASE, bidirectional=True, merge_mode="sum", layers=2)
    assert calculator_result(stacked_sum)["pytorch_code"] is None
    stacked_concat = replace(stacked_sum, merge_mode="concat")
    assert calculator_result(stacked_concat)["pytorch_code"] == (
        "torch.nn.LSTM(input_size=3, hidden_size=4, num_layers=2, bidirectional=True, "
        "batch_first=True)"
    )


@pytest.mark.parametrize(
    ("layer", "reset_after", "code", "count"),
    [
        ("lstm", True, "torch.nn.LSTM(", 4 * 4 * (3 + 4 + 2)),
        ("gru", True, "torch.nn.GRU(", 3 * 4 * (3 + 4 + 2)),
        ("gru", False, "torch.nn.GRU(", 3 * 4 * (3 + 4 + 2)),
        ("simple_rnn", True, "torch.nn.RNN(", 4 * (3 + 4 + 2)),
    ],
)
def test_each_kind_of_layer_has_its_pytorch_class_count_and_note(
    layer: str, reset_after: bool, code: str, count: int
) -> None:
    result = calculator_result(replace(BASE, layer=layer, reset_after=reset_after))
    assert result["pytorch_code"].startswith(code)
    assert result["pytorch_total"] == count
    same = layer == "gru" and reset_after
    assert (result["pytorch_total"] == result["total"]) == same
    assert ("the same count" in result["pytorch_note"]) == same
    assert ("no reset_after=False" in result["pytorch_note"]) == (layer == "gru" and same is False)


def test_states_follow_the_kind_of_layer() -> None:
    for layer, states in (("lstm", ["h", "c"]), ("gru", ["h"]), ("simple_rnn", ["h"])):
        config = replace(BASE, layer=layer, return_state=True)
        assert output_names(config) == ["output", *states]
        both = replace(config, bidirectional=True)
        assert output_names(both)[1:] == [
            f"{d}_{s}" for d in ("forward", "backward") for s in states
        ]
    gru = keras_code(replace(BASE, layer="gru", reset_after=False, layers=2))
    assert gru.count("keras.layers.GRU(4, reset_after=False") == 2
    assert "reset_after" not in keras_code(replace(BASE, layer="gru"))
    assert "keras.layers.SimpleRNN(4)" in keras_code(replace(BASE, layer="simple_rnn"))


def test_keras_code_names_the_returned_tensors_in_order() -> None:
    config = replace(BASE, batch=2, bidirectional=True, return_state=True, layers=2)
    code = keras_code(config)
    assert "inputs = keras.Input(shape=(10, 3), batch_size=2)\n" in code
    assert (
        "output, forward_h, forward_c, backward_h, backward_c = keras.layers.Bidirectional("
        in code
    )
    assert code.count("return_sequences=True") == 1  # the lower layer only
    assert code.endswith("model.summary()\n")


@pytest.mark.keras
@pytest.mark.parametrize("case", CASES, ids=lambda case: str(sorted(case["input"].items())))
def test_the_keras_code_builds_a_model_with_these_shapes_and_counts(
    keras: Any, case: dict[str, Any]
) -> None:
    expected, namespace = case["expected"], {}
    with contextlib.redirect_stdout(io.StringIO()):  # the code ends with model.summary()
        exec(expected["keras_code"], namespace)
    model = namespace["model"]
    assert [list(t.shape) for t in model.outputs] == [o["shape"] for o in expected["outputs"]]
    assert model.count_params() == expected["total"]
    for layer, row in zip(model.layers[1:], expected["layers"], strict=True):
        assert layer.count_params() == row["total"]
        one_direction = [row[name]["shape"] for name in ("kernel", "recurrent_kernel", "bias")]
        assert [list(w.shape) for w in layer.weights] == one_direction * row["directions"]
    assert asdict(StackConfig(**case["input"])) == case["input"]


def test_every_pytorch_note_has_its_french_translation_on_the_site() -> None:
    # The shapes page's widget shows these notes in the page's language: the site's extension
    # (docs/_ext/calculator.py) translates the package's own words, so a changed note must be
    # translated again, or the French build stops.
    pytest.importorskip("sphinx")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "_ext"))
    import calculator  # docs/_ext/calculator.py
    import languages  # docs/_ext/languages.py

    notes = {case["expected"]["pytorch_note"] for case in CASES}
    assert notes == set(calculator.pytorch_notes().values())  # one per kind of layer
    code = re.compile(r"reset_after=\w+|\d × units|\bunits\b")
    for note in notes:
        french = languages.translate("fr", note, calculator.TRANSLATIONS)
        assert french != note
        assert code.findall(french) == code.findall(note), french  # identifiers stay as they are
