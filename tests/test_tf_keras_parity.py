"""Parity of the NumPy reference with Keras 2's LSTM (``tf_keras``, TensorFlow, CPU).

Keras 2 is the ``tf-keras`` package, imported as ``tf_keras`` beside Keras 3 (never through
``TF_USE_LEGACY_KERAS``). Its ``"hard_sigmoid"`` is ``clip(0.2 * x + 0.5, 0, 1)``, the package's
:func:`~lstm_explained.reference.activations.hard_sigmoid_keras2`, not Keras 3's. Weights are
copied with ``LSTMWeights.to_keras`` and ``from_keras``, which work on Keras 2 layers by duck
typing. Skipped when tf_keras is not installed, except in CI
(``LSTM_EXPLAINED_REQUIRE_KERAS=1``), where a missing tf_keras fails instead, as a missing
TensorFlow does (see ``conftest.py``).
"""

import itertools
import os

import numpy as np
import pytest

from lstm_explained import LSTMWeights, lstm_forward
from lstm_explained.reference.activations import hard_sigmoid, hard_sigmoid_keras2

pytestmark = pytest.mark.keras

# float32 work: Keras 2 and the reference sum in different orders, so each step differs by
# ~1e-7 and the differences stay far below 1e-5 over the 30 steps tested here.
ATOL = 1e-5
# The activations themselves are one multiply-add and a clip: float32 rounding only.
ATOL_ACTIVATION = 1e-6

# Keras 2's recurrent activations, and the reference's function for each.
RECURRENT_ACTIVATIONS = {"hard_sigmoid": hard_sigmoid_keras2, "sigmoid": "sigmoid"}

# (batch, timesteps, input_dim, units); batch >= 5 gives every kind of mask row (see conftest).
SIZES = [(1, 1, 1, 1), (6, 17, 7, 13), (5, 30, 4, 8)]
OPTIONS = [
    dict(zip(("return_sequences", "return_state", "go_backwards"), flags, strict=True))
    for flags in itertools.product([False, True], repeat=3)
]
CALLS = ["plain", "initial_state", "mask", "mask+initial_state"]


@pytest.fixture(scope="module")
def tf_keras():
    """Keras 2; skips the test when tf_keras is not installed, fails it under CI."""
    if os.environ.get("LSTM_EXPLAINED_REQUIRE_KERAS", "") not in ("", "0"):
        import tf_keras  # an ImportError here fails the test

        return tf_keras
    return pytest.importorskip("tf_keras")


def keras2_lstm(tf_keras, weights, **options):
    """A built ``tf_keras.layers.LSTM`` holding `weights`."""
    layer = tf_keras.layers.LSTM(weights.units, use_bias=weights.use_bias, **options)
    layer.build((None, None, weights.input_dim))
    weights.to_keras(layer)
    return layer


def as_list(result):
    if isinstance(result, tuple | list):
        return [np.asarray(r) for r in result]
    return [np.asarray(result)]


def assert_matches(ours, theirs):
    ours, theirs = as_list(ours), as_list(theirs)
    assert [o.shape for o in ours] == [t.shape for t in theirs]
    for o, t in zip(ours, theirs, strict=True):
        np.testing.assert_allclose(o, t, atol=ATOL, rtol=0)


def random_inputs(size, seed, mixed_mask):
    batch, timesteps, input_dim, units = size
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(batch, timesteps, input_dim)).astype(np.float32)
    state = [s.astype(np.float32) for s in rng.normal(size=(2, batch, units))]
    return x, state, mixed_mask(batch, timesteps, rng)


def call_arguments(call, state, mask):
    """The call's keyword arguments, for the reference and for Keras 2.

    Keras 2 takes an initial state only as TensorFlow tensors (NumPy arrays raise).
    """
    import tensorflow as tf

    ours = {
        "plain": {},
        "initial_state": {"initial_state": state},
        "mask": {"mask": mask},
        "mask+initial_state": {"mask": mask, "initial_state": state},
    }[call]
    theirs = {key: value for key, value in ours.items() if key != "initial_state"}
    if "initial_state" in ours:
        theirs["initial_state"] = [tf.constant(s) for s in state]
    return ours, theirs


def test_keras2_hard_sigmoid_is_the_package_function(tf_keras):
    import tensorflow as tf

    x = np.linspace(-8, 8, 1601, dtype=np.float32)
    theirs = np.asarray(tf_keras.activations.hard_sigmoid(tf.constant(x)))
    np.testing.assert_allclose(hard_sigmoid_keras2(x), theirs, atol=ATOL_ACTIVATION, rtol=0)
    assert np.max(np.abs(hard_sigmoid(x) - theirs)) > 0.05  # Keras 3's is another function


def test_keras2_defaults(tf_keras):
    config = tf_keras.layers.LSTM(3).get_config()
    assert (config["activation"], config["recurrent_activation"]) == ("tanh", "sigmoid")
    assert config["unit_forget_bias"] is True


@pytest.mark.parametrize("call", CALLS)
@pytest.mark.parametrize(
    "options", OPTIONS, ids=lambda o: "-".join(k for k, v in o.items() if v) or "default"
)
@pytest.mark.parametrize("size", SIZES, ids=str)
@pytest.mark.parametrize("recurrent_activation", RECURRENT_ACTIVATIONS)
def test_lstm_matches_keras2(tf_keras, recurrent_activation, size, options, call, mixed_mask):
    weights = LSTMWeights.random(size[2], size[3], seed=sum(size))
    x, state, mask = random_inputs(size, seed=1, mixed_mask=mixed_mask)
    layer = keras2_lstm(tf_keras, weights, recurrent_activation=recurrent_activation, **options)
    arguments, keras2_arguments = call_arguments(call, state, mask)
    ours = lstm_forward(
        x,
        weights,
        recurrent_activation=RECURRENT_ACTIVATIONS[recurrent_activation],
        **options,
        **arguments,
    )
    assert_matches(ours, layer(x, **keras2_arguments))


@pytest.mark.parametrize("use_bias", [True, False])
def test_weights_read_from_keras2_run_in_the_reference(tf_keras, use_bias, mixed_mask):
    """Keras 2's own random weights, read with from_keras, with a bias that is not trivial."""
    x, state, mask = random_inputs((6, 12, 5, 9), seed=3, mixed_mask=mixed_mask)
    layer = tf_keras.layers.LSTM(
        9, use_bias=use_bias, return_sequences=True, return_state=True,
        recurrent_activation="hard_sigmoid",
    )  # fmt: skip
    layer.build((None, None, 5))
    if use_bias:
        layer.cell.bias.assign(np.random.default_rng(3).normal(size=36).astype(np.float32))
    weights = LSTMWeights.from_keras(layer)
    assert weights.use_bias is use_bias
    for call in ("plain", "mask+initial_state"):
        arguments, keras2_arguments = call_arguments(call, state, mask)
        ours = lstm_forward(
            x, weights, return_sequences=True, return_state=True,
            recurrent_activation=hard_sigmoid_keras2, **arguments,
        )  # fmt: skip
        assert_matches(ours, layer(x, **keras2_arguments))


def test_weights_copy_from_keras2_to_keras3(tf_keras, keras):
    """The same three arrays in both versions: copied across, the same outputs."""
    x = np.random.default_rng(4).normal(size=(3, 20, 4)).astype(np.float32)
    old = tf_keras.layers.LSTM(6, return_sequences=True)
    old.build((None, None, 4))
    new = keras.layers.LSTM(6, return_sequences=True)
    new.build((None, None, 4))
    LSTMWeights.from_keras(old).to_keras(new)
    copied = LSTMWeights.from_keras(new)
    for name in ("kernel", "recurrent_kernel", "bias"):
        np.testing.assert_array_equal(
            getattr(copied, name), getattr(LSTMWeights.from_keras(old), name)
        )
    np.testing.assert_allclose(np.asarray(new(x)), np.asarray(old(x)), atol=ATOL, rtol=0)
