"""Parity of the NumPy GRU and SimpleRNN with real keras.layers.GRU and SimpleRNN (TF, CPU).

Keras runs its recurrent loop eagerly here, at about 10 ms per timestep, so sequences are short
and batches wide (a batch costs nothing extra): every call uses the mixed masks of conftest
(holes, a fully masked row, left and right padding, all valid) and an initial state, and one
longer sequence per layer checks that the differences do not grow. Skipped without TensorFlow.
"""

import itertools

import numpy as np
import pytest

from lstm_explained import (
    GRUWeights,
    SimpleRNNWeights,
    gru_forward,
    output_shapes,
    param_count,
    simple_rnn_forward,
)
from lstm_explained.reference.shapes import param_breakdown

pytestmark = pytest.mark.keras

# float32 work: Keras and the reference sum in different orders, so each step differs by ~1e-7
# and the differences stay far below 1e-5 over the 30 steps tested here.
ATOL = 1e-5
# "relu" and "linear" are unbounded, so h can grow well above 1, where float32 spacing alone
# approaches ATOL; configurations using them also allow this relative error.
RTOL_UNBOUNDED = 1e-5
UNBOUNDED = {"relu", "linear", None}

#: The three layers compared: (name, reset_after), reset_after only meaning something for "gru".
VARIANTS = [("gru", True), ("gru", False), ("simple_rnn", None)]
VARIANT_IDS = ["gru-reset_after", "gru-reset_before", "simple_rnn"]
OPTIONS = [
    dict(zip(("return_sequences", "return_state", "go_backwards"), flags, strict=True))
    for flags in itertools.product([False, True], repeat=3)
]


def make_weights(variant, input_dim, units, *, seed, use_bias=True):
    """Random weights with a non-zero bias (every row of it), so that every block matters."""
    name, reset_after = variant
    rng = np.random.default_rng(seed)
    if name == "simple_rnn":
        w = SimpleRNNWeights.random(input_dim, units, seed=seed, use_bias=use_bias)
        bias = rng.normal(scale=0.5, size=units).astype(np.float32) if use_bias else None
        return SimpleRNNWeights(w.kernel, w.recurrent_kernel, bias)
    w = GRUWeights.random(input_dim, units, seed=seed, use_bias=use_bias, reset_after=reset_after)
    bias = rng.normal(scale=0.5, size=w.bias.shape).astype(np.float32) if use_bias else None
    return GRUWeights(w.kernel, w.recurrent_kernel, bias, reset_after=reset_after)


def keras_layer(keras, weights, **options):
    """A built Keras GRU or SimpleRNN holding `weights` (``activation=None`` is linear)."""
    if isinstance(weights, GRUWeights):
        layer = keras.layers.GRU(
            weights.units, use_bias=weights.use_bias, reset_after=weights.reset_after, **options
        )
    else:
        layer = keras.layers.SimpleRNN(weights.units, use_bias=weights.use_bias, **options)
    layer.build((None, None, weights.input_dim))
    weights.to_keras(layer)
    return layer


def forward(x, weights, **options):
    if isinstance(weights, GRUWeights):
        return gru_forward(x, weights, **options)
    options.pop("recurrent_activation", None)  # a SimpleRNN has no gate
    return simple_rnn_forward(x, weights, **options)


def as_list(result):
    items = result if isinstance(result, tuple | list) else [result]
    return [np.asarray(r) for r in items]


def assert_matches(ours, theirs, rtol=0.0):
    ours, theirs = as_list(ours), as_list(theirs)
    assert [o.shape for o in ours] == [t.shape for t in theirs]
    for o, t in zip(ours, theirs, strict=True):
        np.testing.assert_allclose(o, t, atol=ATOL, rtol=rtol)


def rtol_for(options):
    names = (options.get("activation", "tanh"), options.get("recurrent_activation", "sigmoid"))
    return RTOL_UNBOUNDED if any(name in UNBOUNDED for name in names) else 0.0


def random_inputs(size, seed, mixed_mask):
    batch, timesteps, input_dim, units = size
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(batch, timesteps, input_dim)).astype(np.float32)
    h0 = rng.normal(size=(batch, units)).astype(np.float32)
    return x, h0, mixed_mask(batch, timesteps, rng)


@pytest.mark.parametrize(
    "options", OPTIONS, ids=lambda o: "-".join(k for k, v in o.items() if v) or "default"
)
@pytest.mark.parametrize("variant", VARIANTS, ids=VARIANT_IDS)
def test_every_return_option_matches_keras(keras, variant, options, mixed_mask):
    """Masks with every kind of padding and an initial state, given as h0 and as [h0]."""
    size = (10, 9, 5, 6)  # batch 10: two rows of each kind of mask
    weights = make_weights(variant, 5, 6, seed=3)
    x, h0, mask = random_inputs(size, seed=4, mixed_mask=mixed_mask)
    state = h0 if options["go_backwards"] else [h0]
    layer = keras_layer(keras, weights, **options)
    theirs = layer(x, mask=mask, initial_state=state)
    assert_matches(forward(x, weights, **options, mask=mask, initial_state=state), theirs)


@pytest.mark.parametrize("size", [(1, 1, 1, 1), (7, 3, 1, 2), (6, 30, 16, 32)], ids=str)
@pytest.mark.parametrize("variant", VARIANTS, ids=VARIANT_IDS)
def test_sizes_match_keras(keras, variant, size, mixed_mask):
    weights = make_weights(variant, size[2], size[3], seed=sum(size))
    x, h0, mask = random_inputs(size, seed=1, mixed_mask=mixed_mask)
    options = {"return_sequences": True, "return_state": True}
    layer = keras_layer(keras, weights, **options)
    for call in ({}, {"mask": mask, "initial_state": h0}):
        assert_matches(forward(x, weights, **options, **call), layer(x, **call))


@pytest.mark.parametrize(
    ("variant", "activation", "recurrent_activation", "use_bias"),
    [
        (("gru", True), "relu", "hard_sigmoid", True),
        (("gru", True), "tanh", "sigmoid", False),
        (("gru", False), "tanh", "sigmoid", False),
        (("gru", False), None, "hard_sigmoid", True),
        (("gru", True), "sigmoid", "tanh", False),
        (("simple_rnn", None), "relu", None, True),
        (("simple_rnn", None), "hard_sigmoid", None, False),
        (("simple_rnn", None), None, None, True),
    ],
)
def test_activations_and_no_bias_match_keras(
    keras, variant, activation, recurrent_activation, use_bias, mixed_mask
):
    weights = make_weights(variant, 4, 7, seed=5, use_bias=use_bias)
    x, h0, mask = random_inputs((10, 8, 4, 7), seed=2, mixed_mask=mixed_mask)
    options = {"return_sequences": True, "return_state": True, "activation": activation}
    if variant[0] == "gru":
        options["recurrent_activation"] = recurrent_activation
    layer = keras_layer(keras, weights, **options)
    assert_matches(
        forward(x, weights, **options, mask=mask, initial_state=h0),
        layer(x, mask=mask, initial_state=h0),
        rtol=rtol_for(options),
    )


def random_config(seed):
    rng = np.random.default_rng(seed)
    variant = VARIANTS[seed % 3]
    size = tuple(int(rng.integers(1, n)) for n in (9, 13, 17, 25))
    flags = ("return_sequences", "return_state", "go_backwards", "zero_output_for_mask")
    options = {key: bool(rng.integers(2)) for key in flags}
    options["activation"] = ["tanh", "sigmoid", "hard_sigmoid", "relu"][int(rng.integers(4))]
    if variant[0] == "gru":
        options["recurrent_activation"] = ["sigmoid", "hard_sigmoid"][int(rng.integers(2))]
    return variant, size, options, bool(rng.integers(2))


@pytest.mark.parametrize("seed", range(9))
def test_random_configurations_match_keras(keras, seed, mixed_mask):
    variant, size, options, use_bias = random_config(seed)
    weights = make_weights(variant, size[2], size[3], seed=seed, use_bias=use_bias)
    x, h0, mask = random_inputs(size, seed, mixed_mask)
    layer = keras_layer(keras, weights, **options)
    assert_matches(
        forward(x, weights, **options, mask=mask, initial_state=[h0]),
        layer(x, mask=mask, initial_state=[h0]),
        rtol=rtol_for(options),
    )


@pytest.mark.parametrize("variant", VARIANTS, ids=VARIANT_IDS)
def test_keras_masked_output_semantics(keras, variant):
    """Keras (checked here, not assumed): zeros before the first valid step even with an
    initial state, masked steps repeat the last output, and h is carried."""
    weights = make_weights(variant, 3, 4, seed=6)
    rng = np.random.default_rng(7)
    x, h0 = rng.normal(size=(3, 5, 3)).astype(np.float32), rng.normal(size=(3, 4))
    mask = np.array([[0, 0, 1, 0, 1], [0, 0, 0, 0, 0], [1, 1, 1, 0, 0]], bool)
    layer = keras_layer(keras, weights, return_sequences=True, return_state=True)
    seq, h = as_list(layer(x, mask=mask, initial_state=h0.astype(np.float32)))
    np.testing.assert_array_equal(seq[0, :2], 0)
    np.testing.assert_array_equal(seq[0, 3], seq[0, 2])
    np.testing.assert_array_equal(seq[1], 0)  # the output is zeros while h stays h0
    np.testing.assert_allclose(h[1], h0[1], rtol=1e-7)
    np.testing.assert_array_equal(seq[2, 3:], seq[2, 2:3].repeat(2, axis=0))
    ours = forward(
        x, weights, return_sequences=True, return_state=True, mask=mask, initial_state=h0
    )
    assert_matches(ours, [seq, h])


@pytest.mark.parametrize("variant", VARIANTS, ids=VARIANT_IDS)
def test_keras_go_backwards_is_reversed_time(keras, variant):
    weights = make_weights(variant, 3, 4, seed=8)
    x = np.random.default_rng(9).normal(size=(2, 6, 3)).astype(np.float32)
    backwards = as_list(keras_layer(keras, weights, return_sequences=True, go_backwards=True)(x))
    flipped = as_list(keras_layer(keras, weights, return_sequences=True)(x[:, ::-1]))
    np.testing.assert_allclose(backwards[0], flipped[0], atol=ATOL)
    assert_matches(forward(x, weights, return_sequences=True, go_backwards=True), backwards)


@pytest.mark.parametrize(("input_dim", "units"), [(1, 1), (3, 2), (32, 128), (7, 13)])
@pytest.mark.parametrize("use_bias", [True, False])
@pytest.mark.parametrize("variant", VARIANTS, ids=VARIANT_IDS)
def test_param_count_matches_count_params(keras, variant, input_dim, units, use_bias):
    name, reset_after = variant
    if name == "gru":
        layer = keras.layers.GRU(units, use_bias=use_bias, reset_after=reset_after)
        counted = {"layer": "gru", "reset_after": reset_after}
    else:
        layer = keras.layers.SimpleRNN(units, use_bias=use_bias)
        counted = {"layer": "simple_rnn"}
    layer.build((None, None, input_dim))
    assert layer.count_params() == param_count(input_dim, units, use_bias, **counted)
    breakdown = param_breakdown(input_dim, units, use_bias, **counted)
    assert [row.shape for row in breakdown] == [tuple(w.shape) for w in layer.weights]


@pytest.mark.parametrize("options", OPTIONS[::2], ids=str)
@pytest.mark.parametrize("variant", VARIANTS, ids=VARIANT_IDS)
def test_output_shapes_match_keras(keras, variant, options):
    layer = keras_layer(keras, make_weights(variant, 3, 4, seed=0), **options)
    shape_options = {k: v for k, v in options.items() if k != "go_backwards"}
    expected = output_shapes(2, 5, 3, 4, **shape_options, layer=variant[0])
    assert [r.shape for r in as_list(layer(np.zeros((2, 5, 3), np.float32)))] == expected
    symbolic = layer(keras.Input(shape=(None, 3)))
    symbolic = list(symbolic) if isinstance(symbolic, tuple | list) else [symbolic]
    assert [tuple(t.shape) for t in symbolic] == output_shapes(
        None, None, 3, 4, **shape_options, layer=variant[0]
    )


@pytest.mark.parametrize("variant", VARIANTS, ids=VARIANT_IDS)
@pytest.mark.parametrize("use_bias", [True, False])
def test_weights_round_trip_through_keras(keras, variant, use_bias):
    weights = make_weights(variant, 3, 4, seed=10, use_bias=use_bias)
    layer = keras_layer(keras, weights)
    back_type = type(weights)
    for source in (layer, layer.cell):
        back = back_type.from_keras(source)
        assert back.use_bias == use_bias
        if variant[0] == "gru":
            assert back.reset_after == variant[1]  # read from the cell, even without a bias
        for name in ("kernel", "recurrent_kernel", "bias"):
            np.testing.assert_array_equal(getattr(back, name), getattr(weights, name))


def test_keras_default_gru_bias_and_reset_after(keras):
    """Keras's GRU: bias (2, 3*units), zeros; reset_after=False: one row (3*units,)."""
    default = keras.layers.GRU(4)
    default.build((None, None, 2))
    assert default.cell.reset_after is True
    np.testing.assert_array_equal(np.asarray(default.cell.bias), GRUWeights.random(2, 4).bias)
    before = keras.layers.GRU(4, reset_after=False)
    before.build((None, None, 2))
    assert tuple(before.cell.bias.shape) == (12,)


def test_to_keras_refuses_the_other_layer_or_form(keras):
    gru = GRUWeights.random(3, 4, use_bias=False, reset_after=True)
    other_form = keras.layers.GRU(4, use_bias=False, reset_after=False)
    other_form.build((None, None, 3))
    with pytest.raises(ValueError, match="has reset_after=False; these weights have reset_"):
        gru.to_keras(other_form)
    simple = keras.layers.SimpleRNN(4)
    simple.build((None, None, 3))
    with pytest.raises(TypeError, match="cell is a GRUCell, or the cell itself; got SimpleRNN"):
        gru.to_keras(simple)
    with pytest.raises(ValueError, match=r"weight shapes \[\(3, 4\), \(4, 4\), \(4,\)\]"):
        SimpleRNNWeights.random(3, 4, use_bias=False).to_keras(simple)
