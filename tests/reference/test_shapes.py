"""Tests of reference.shapes (pure arithmetic; Keras comparisons: test_keras_parity.py)."""

import itertools

import pytest

from lstm_explained.reference.shapes import (
    LAYERS,
    MERGE_MODES,
    bidirectional_output_shapes,
    output_shapes,
    param_breakdown,
    param_count,
    pytorch_param_count,
)


@pytest.mark.parametrize(("input_dim", "units"), [(1, 1), (3, 2), (32, 128), (100, 7)])
@pytest.mark.parametrize("use_bias", [True, False])
def test_param_count_formula_and_breakdown(input_dim, units, use_bias):
    total = param_count(input_dim, units, use_bias)
    assert total == 4 * units * (input_dim + units + use_bias)
    breakdown = param_breakdown(input_dim, units, use_bias)
    assert breakdown.total == total
    names = [row.name for row in breakdown]
    assert names == ["kernel", "recurrent_kernel"] + (["bias"] if use_bias else [])
    for row in breakdown:
        size = 1
        for dim in row.shape:
            size *= dim
        assert row.count == size == 4 * row.per_gate
        assert row.shape[-1] == 4 * units


def test_breakdown_is_frozen():
    breakdown = param_breakdown(3, 2)
    with pytest.raises(AttributeError):
        breakdown.rows = ()


def test_pytorch_has_one_extra_bias_vector():
    assert pytorch_param_count(10, 20) == 4 * 20 * (10 + 20 + 2)
    assert pytorch_param_count(10, 20) - param_count(10, 20) == 4 * 20
    assert pytorch_param_count(10, 20, bias=False) == param_count(10, 20, use_bias=False)


@pytest.mark.parametrize(
    ("return_sequences", "return_state"), list(itertools.product([False, True], repeat=2))
)
@pytest.mark.parametrize(("batch", "timesteps"), [(4, 7), (None, None), (None, 7)])
def test_output_shapes(batch, timesteps, return_sequences, return_state):
    shapes = output_shapes(
        batch, timesteps, 3, 5, return_sequences=return_sequences, return_state=return_state
    )
    output = (batch, timesteps, 5) if return_sequences else (batch, 5)
    assert shapes == ([output, (batch, 5), (batch, 5)] if return_state else [output])


@pytest.mark.parametrize("merge_mode", MERGE_MODES)
@pytest.mark.parametrize(
    ("return_sequences", "return_state"), list(itertools.product([False, True], repeat=2))
)
def test_bidirectional_output_shapes(merge_mode, return_sequences, return_state):
    shapes = bidirectional_output_shapes(
        2,
        6,
        3,
        5,
        merge_mode=merge_mode,
        return_sequences=return_sequences,
        return_state=return_state,
    )
    prefix = (2, 6) if return_sequences else (2,)
    outputs = {"concat": [(*prefix, 10)], None: [(*prefix, 5)] * 2}.get(merge_mode, [(*prefix, 5)])
    assert shapes == outputs + ([(2, 5)] * 4 if return_state else [])


@pytest.mark.parametrize("bad", ["max", "", "Concat", 0, False, "None"])
def test_bad_merge_mode(bad):
    modes = "'concat', 'sum', 'mul', 'ave', None"
    with pytest.raises(ValueError, match=rf"^merge_mode must be one of {modes}; got {bad!r}$"):
        bidirectional_output_shapes(2, 6, 3, 5, merge_mode=bad)


@pytest.mark.parametrize(("units", "error"), [(0, ValueError), (-1, ValueError)])
def test_units_out_of_range(units, error):
    with pytest.raises(error, match=rf"^units must be a positive integer, got {units}$"):
        param_count(3, units)
    with pytest.raises(error, match=rf"^units must be a positive integer, got {units}$"):
        output_shapes(1, 1, 3, units)


@pytest.mark.parametrize("units", [2.0, True, None, "2"])
def test_units_of_the_wrong_type(units):
    message = rf"^units must be a positive integer, got {units!r} of type {type(units).__name__}$"
    with pytest.raises(TypeError, match=message):
        param_count(3, units)
    with pytest.raises(TypeError, match=message):
        output_shapes(1, 1, 3, units)


def test_bad_sizes_name_the_argument():
    with pytest.raises(ValueError, match=r"^input_dim must be a positive integer, got 0$"):
        param_breakdown(0, 3)
    with pytest.raises(ValueError, match=r"^batch must be a positive integer, got -2$"):
        output_shapes(-2, None, 3, 4)
    with pytest.raises(ValueError, match=r"^timesteps must be a positive integer, got 0$"):
        bidirectional_output_shapes(None, 0, 3, 4)
    with pytest.raises(ValueError, match=r"^hidden_size must be a positive integer, got 0$"):
        pytorch_param_count(3, 0)
    with pytest.raises(TypeError, match=r"^input_size must be a positive integer, got 3.0 of"):
        pytorch_param_count(3.0, 4)


@pytest.mark.parametrize(
    ("call", "flag"),
    [
        (lambda bad: param_count(3, 4, bad), "use_bias"),
        (lambda bad: param_breakdown(3, 4, use_bias=bad), "use_bias"),
        (lambda bad: pytorch_param_count(3, 4, bias=bad), "bias"),
        (lambda bad: output_shapes(1, 2, 3, 4, return_sequences=bad), "return_sequences"),
        (lambda bad: output_shapes(1, 2, 3, 4, return_state=bad), "return_state"),
        (lambda bad: param_count(3, 4, layer="gru", reset_after=bad), "reset_after"),
        (lambda bad: param_count(3, 4, layer="lstm", reset_after=bad), "reset_after"),
        (lambda bad: param_breakdown(3, 4, layer="simple_rnn", reset_after=bad), "reset_after"),
        (lambda bad: bidirectional_output_shapes(1, 2, 3, 4, return_state=bad), "return_state"),
        (
            lambda bad: bidirectional_output_shapes(1, 2, 3, 4, return_sequences=bad),
            "return_sequences",
        ),
    ],
)
@pytest.mark.parametrize("bad", [0, 1, "False", None])
def test_flags_must_be_bools(call, flag, bad):
    """``use_bias="False"`` is truthy: it used to count a bias instead of refusing."""
    with pytest.raises(TypeError, match=rf"^{flag} must be True or False, got {bad!r} of type"):
        call(bad)


# --- GRU and SimpleRNN (Keras comparisons: tests/test_gru_simple_rnn_parity.py) -----------------

#: (layer, reset_after) -> (blocks of units columns, bias rows)
LAYOUTS = {
    ("lstm", True): (4, 1),
    ("gru", True): (3, 2),
    ("gru", False): (3, 1),
    ("simple_rnn", True): (1, 1),
}


@pytest.mark.parametrize(("layer", "reset_after"), list(LAYOUTS))
@pytest.mark.parametrize(("input_dim", "units"), [(1, 1), (3, 2), (32, 128)])
@pytest.mark.parametrize("use_bias", [True, False])
def test_param_count_of_every_layer(layer, reset_after, input_dim, units, use_bias):
    blocks, bias_rows = LAYOUTS[layer, reset_after]
    total = param_count(input_dim, units, use_bias, layer=layer, reset_after=reset_after)
    assert total == blocks * units * (input_dim + units + bias_rows * use_bias)
    breakdown = param_breakdown(input_dim, units, use_bias, layer=layer, reset_after=reset_after)
    assert breakdown.total == total
    shapes = [row.shape for row in breakdown]
    bias = [(blocks * units,) if bias_rows == 1 else (2, blocks * units)] if use_bias else []
    assert shapes == [(input_dim, blocks * units), (units, blocks * units), *bias]
    for row in breakdown:
        assert row.count == blocks * row.per_gate


def test_the_named_formulas():
    assert param_count(3, 2, layer="gru") == 3 * 2 * (3 + 2 + 2) == 42
    assert param_count(3, 2, layer="gru", reset_after=False) == 3 * 2 * (3 + 2 + 1) == 36
    assert param_count(3, 2, layer="simple_rnn") == 2 * (3 + 2 + 1) == 12
    assert param_count(3, 2, False, layer="gru") == param_count(
        3, 2, False, layer="gru", reset_after=False
    )


@pytest.mark.parametrize("layer", ["lstm", "simple_rnn"])
def test_reset_after_is_ignored_by_the_other_layers(layer):
    """Only the GRU has reset_after; the others check that it is a bool and ignore it."""
    assert param_count(3, 2, layer=layer, reset_after=False) == param_count(3, 2, layer=layer)
    assert param_breakdown(3, 2, layer=layer, reset_after=False) == param_breakdown(
        3, 2, layer=layer
    )


@pytest.mark.parametrize("layer", LAYERS)
@pytest.mark.parametrize(
    ("return_sequences", "return_state"), list(itertools.product([False, True], repeat=2))
)
def test_output_shapes_of_every_layer(layer, return_sequences, return_state):
    shapes = output_shapes(
        None, 7, 3, 5, return_sequences=return_sequences, return_state=return_state, layer=layer
    )
    output = (None, 7, 5) if return_sequences else (None, 5)
    states = [(None, 5)] * (2 if layer == "lstm" else 1)  # h and c, or h
    assert shapes == ([output, *states] if return_state else [output])


@pytest.mark.parametrize("bad", ["LSTM", "rnn", "", None, 1])
def test_bad_layer(bad):
    layers = "'lstm', 'gru', 'simple_rnn'"
    message = rf"^layer must be one of {layers}; got {bad!r}$"
    for call in (param_count, param_breakdown):
        with pytest.raises(ValueError, match=message):
            call(3, 2, layer=bad)
    with pytest.raises(ValueError, match=message):
        output_shapes(None, None, 3, 2, layer=bad)
