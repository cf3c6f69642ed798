"""Parity of the NumPy reference with real keras.layers.LSTM and Bidirectional (TensorFlow, CPU).

Every Keras layer is built once per configuration and then called on several inputs (plain,
initial state, mask, both). Skipped when TensorFlow is not installed.
"""

import itertools

import numpy as np
import pytest

from lstm_explained import (
    LSTMWeights,
    StatefulLSTM,
    bidirectional_forward,
    bidirectional_output_shapes,
    keras_bidirectional,
    keras_lstm,
    lstm_forward,
    output_shapes,
    param_count,
)
from lstm_explained.reference import MERGE_MODES, get_activation

pytestmark = pytest.mark.keras

# float32 work: Keras and the reference sum in different orders, so each step differs by ~1e-7
# and the differences stay far below 1e-5 over the 50 steps tested here.
ATOL = 1e-5
# "relu" and "linear" are unbounded, so with them h and c can grow to 1e3 or more, where float32
# spacing alone exceeds ATOL; those configurations also allow this relative error.
RTOL_UNBOUNDED = 1e-5
UNBOUNDED = {"relu", "linear", None}

# (batch, timesteps, input_dim, units); batch >= 5 gives every kind of mask row (see conftest).
SIZES = [(1, 1, 1, 1), (6, 50, 32, 64), (6, 17, 7, 13), (7, 3, 1, 2)]
OPTIONS = [
    dict(zip(("return_sequences", "return_state", "go_backwards"), flags, strict=True))
    for flags in itertools.product([False, True], repeat=3)
]


def as_list(result):
    return (
        [np.asarray(r) for r in result]
        if isinstance(result, tuple | list)
        else [np.asarray(result)]
    )


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
    state = [s.astype(np.float32) for s in rng.normal(size=(2, batch, units))]
    return x, state, mixed_mask(batch, timesteps, rng)


@pytest.mark.parametrize(
    "options", OPTIONS, ids=lambda o: "-".join(k for k, v in o.items() if v) or "default"
)
@pytest.mark.parametrize("size", SIZES, ids=str)
def test_lstm_matches_keras(size, options, mixed_mask):
    weights = LSTMWeights.random(size[2], size[3], seed=sum(size))
    x, state, mask = random_inputs(size, seed=1, mixed_mask=mixed_mask)
    layer = keras_lstm(weights, **options)
    for call in (
        {},
        {"initial_state": state},
        {"mask": mask},
        {"mask": mask, "initial_state": state},
    ):
        assert_matches(lstm_forward(x, weights, **options, **call), layer(x, **call))


def random_config(seed):
    rng = np.random.default_rng(seed)
    size = (
        int(rng.integers(1, 9)),
        int(rng.integers(1, 51)),
        int(rng.integers(1, 33)),
        int(rng.integers(1, 65)),
    )
    options = {
        key: bool(rng.integers(2))
        for key in ("return_sequences", "return_state", "go_backwards", "zero_output_for_mask")
    }
    names = ["tanh", "sigmoid", "hard_sigmoid", "relu", "linear"]
    options["activation"] = names[int(rng.integers(len(names)))]
    gates = [
        "sigmoid",
        "hard_sigmoid",
        "tanh",
    ]  # bounded gates: unbounded ones overflow at 50 steps
    options["recurrent_activation"] = gates[int(rng.integers(len(gates)))]
    use_bias = bool(rng.integers(2))
    return size, options, use_bias


@pytest.mark.parametrize("seed", range(12))
def test_random_configurations_match_keras(seed, mixed_mask):
    size, options, use_bias = random_config(seed)
    weights = LSTMWeights.random(size[2], size[3], seed=seed, use_bias=use_bias)
    if use_bias:  # a non-trivial bias, so that every block of it matters
        weights = LSTMWeights(
            weights.kernel,
            weights.recurrent_kernel,
            np.random.default_rng(seed).normal(size=4 * size[3]).astype(np.float32),
        )
    x, state, mask = random_inputs(size, seed, mixed_mask)
    layer = keras_lstm(weights, **options)
    assert_matches(
        lstm_forward(x, weights, **options, mask=mask, initial_state=state),
        layer(x, mask=mask, initial_state=state),
        rtol=rtol_for(options),
    )


@pytest.mark.parametrize(
    ("activation", "recurrent_activation", "use_bias"),
    [
        ("relu", "hard_sigmoid", True),
        (None, "sigmoid", False),
        ("tanh", "hard_sigmoid", False),
        ("sigmoid", "tanh", True),
        ("tanh", "hard_sigmoid_keras2", True),
        ("linear", "relu", True),
    ],
)
def test_activations_and_no_bias_match_keras(
    activation, recurrent_activation, use_bias, mixed_mask
):
    size = (6, 12, 5, 9)
    weights = LSTMWeights.random(5, 9, seed=3, use_bias=use_bias)
    x, state, mask = random_inputs(size, seed=2, mixed_mask=mixed_mask)
    options = {
        "return_sequences": True,
        "return_state": True,
        "activation": activation,
        "recurrent_activation": recurrent_activation,
    }
    layer = keras_lstm(weights, **options)
    for call in ({}, {"mask": mask, "initial_state": state}):
        assert_matches(
            lstm_forward(x, weights, **options, **call), layer(x, **call), rtol=rtol_for(options)
        )


@pytest.mark.parametrize("name", ["tanh", "sigmoid", "hard_sigmoid", "relu", "linear"])
def test_activation_functions_match_keras(keras, name):
    x = np.linspace(-8, 8, 161, dtype=np.float32)
    ours = get_activation(name)(x)
    np.testing.assert_allclose(ours, np.asarray(keras.activations.get(name)(x)), atol=1e-6, rtol=0)


def test_keras_masked_output_semantics(mixed_mask):
    """Keras (checked here, not assumed): before the first valid step the output is zeros even
    with an initial state, masked steps repeat the last output, and h and c are carried."""
    weights = LSTMWeights.random(3, 4, seed=5)
    x, state, _ = random_inputs((3, 5, 3, 4), seed=4, mixed_mask=mixed_mask)
    mask = np.array([[0, 0, 1, 0, 1], [0, 0, 0, 0, 0], [1, 1, 1, 0, 0]], bool)
    layer = keras_lstm(weights, return_sequences=True, return_state=True)
    seq, h, c = as_list(layer(x, mask=mask, initial_state=state))
    np.testing.assert_array_equal(seq[0, :2], 0)
    np.testing.assert_array_equal(seq[0, 3], seq[0, 2])
    np.testing.assert_array_equal(seq[1], 0)
    np.testing.assert_array_equal(h[1], state[0][1])
    np.testing.assert_array_equal(c[1], state[1][1])
    np.testing.assert_array_equal(seq[2, 3:], seq[2, 2:3].repeat(2, axis=0))
    last = as_list(keras_lstm(weights, return_state=True)(x, mask=mask, initial_state=state))
    np.testing.assert_array_equal(last[0][1], 0)  # the output is zeros while h is h0
    assert_matches(
        lstm_forward(
            x, weights, return_sequences=True, return_state=True, mask=mask, initial_state=state
        ),
        [seq, h, c],
    )


def test_keras_go_backwards_is_reversed_time(mixed_mask):
    weights = LSTMWeights.random(3, 4, seed=6)
    x, _, _ = random_inputs((2, 7, 3, 4), seed=5, mixed_mask=mixed_mask)
    backwards = as_list(keras_lstm(weights, return_sequences=True, go_backwards=True)(x))[0]
    forwards_on_flipped = as_list(keras_lstm(weights, return_sequences=True)(x[:, ::-1]))[0]
    np.testing.assert_allclose(backwards, forwards_on_flipped, atol=ATOL)
    assert_matches(lstm_forward(x, weights, return_sequences=True, go_backwards=True), backwards)


def test_keras_stateful_second_call(rng):
    weights = LSTMWeights.random(3, 5, seed=7)
    first, second = rng.normal(size=(2, 4, 6, 3)).astype(np.float32)
    layer = keras_lstm(weights, stateful=True, batch_size=4, return_sequences=True)
    layer(first)
    from_keras = np.asarray(layer(second))
    _, h, c = lstm_forward(first, weights, return_state=True)
    with_state = lstm_forward(second, weights, initial_state=[h, c], return_sequences=True)
    np.testing.assert_allclose(from_keras, with_state, atol=ATOL)
    ours = StatefulLSTM(weights, batch_size=4, return_sequences=True)
    ours(first)
    np.testing.assert_allclose(ours(second), from_keras, atol=ATOL)


def test_keras_unit_forget_bias_sets_exactly_one(keras):
    layer = keras.layers.LSTM(3, bias_initializer=keras.initializers.Constant(0.03))
    layer.build((None, None, 2))
    bias = np.asarray(layer.cell.bias)
    np.testing.assert_array_equal(bias[3:6], 1.0)  # set to 1.0, not 0.03 + 1
    np.testing.assert_array_equal(np.delete(bias, range(3, 6)), np.float32(0.03))
    default = keras.layers.LSTM(4)
    default.build((None, None, 2))
    np.testing.assert_array_equal(np.asarray(default.cell.bias), LSTMWeights.random(2, 4).bias)


@pytest.mark.parametrize(("input_dim", "units"), [(1, 1), (3, 2), (32, 128), (7, 13)])
@pytest.mark.parametrize("use_bias", [True, False])
def test_param_count_matches_count_params(keras, input_dim, units, use_bias):
    layer = keras.layers.LSTM(units, use_bias=use_bias)
    layer.build((None, None, input_dim))
    assert layer.count_params() == param_count(input_dim, units, use_bias)


@pytest.mark.parametrize("options", OPTIONS[::2], ids=str)
def test_output_shapes_match_keras(keras, options):
    layer = keras_lstm(LSTMWeights.random(3, 4), **options)
    expected = output_shapes(
        2, 5, 3, 4, **{k: v for k, v in options.items() if k != "go_backwards"}
    )
    assert [r.shape for r in as_list(layer(np.zeros((2, 5, 3), np.float32)))] == expected
    symbolic = layer(keras.Input(shape=(None, 3)))
    symbolic = list(symbolic) if isinstance(symbolic, tuple | list) else [symbolic]
    assert [tuple(t.shape) for t in symbolic] == output_shapes(
        None, None, 3, 4, **{k: v for k, v in options.items() if k != "go_backwards"}
    )


@pytest.mark.parametrize("merge_mode", MERGE_MODES)
@pytest.mark.parametrize("return_sequences", [False, True])
@pytest.mark.parametrize("return_state", [False, True])
def test_bidirectional_matches_keras(merge_mode, return_sequences, return_state, mixed_mask):
    size = (6, 9, 4, 5)
    fw, bw = LSTMWeights.random(4, 5, seed=8), LSTMWeights.random(4, 5, seed=9)
    x, _, mask = random_inputs(size, seed=6, mixed_mask=mixed_mask)
    states = [s.astype(np.float32) for s in np.random.default_rng(7).normal(size=(4, 6, 5))]
    options = {
        "merge_mode": merge_mode,
        "return_sequences": return_sequences,
        "return_state": return_state,
    }
    layer = keras_bidirectional(fw, bw, **options)
    for call in (
        {},
        {"mask": mask},
        {"initial_state": states},
        {"mask": mask, "initial_state": states},
    ):
        theirs = layer(x, **call)
        assert_matches(bidirectional_forward(x, fw, bw, **options, **call), theirs)
    assert [r.shape for r in as_list(theirs)] == bidirectional_output_shapes(6, 9, 4, 5, **options)
