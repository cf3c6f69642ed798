"""Tests of interop.pytorch_gru: Keras GRU <-> PyTorch nn.GRU weight layout, checked in NumPy.

PyTorch is not a dependency. Its GRU is evaluated here from the equations of its documentation
(https://docs.pytorch.org/docs/stable/generated/torch.nn.GRU.html): blocks r, z, n;
n = tanh(W_in x + b_in + r * (W_hn h + b_hn)); h' = (1 - z) * n + z * h.
"""

import numpy as np
import pytest

from lstm_explained import GRUWeights, LSTMWeights, gru_forward, param_count
from lstm_explained.interop.pytorch import to_pytorch_state_dict
from lstm_explained.interop.pytorch_gru import (
    PYTORCH_GRU_GATES,
    from_pytorch_gru_state_dict,
    to_pytorch_gru_state_dict,
)
from lstm_explained.reference import sigmoid

ATOL = 1e-5  # float32 arithmetic, summed in a different order


def pytorch_gru(x, state_dict, suffix="_l0"):
    """PyTorch's nn.GRU forward (one layer, batch_first=False), written from its equations.

    x: (timesteps, batch, input_size). Returns output (timesteps, batch, hidden) and h_n
    (1, batch, hidden).
    """
    w_ih, w_hh = state_dict["weight_ih" + suffix], state_dict["weight_hh" + suffix]
    b_ih = state_dict.get("bias_ih" + suffix, np.zeros(w_ih.shape[0], x.dtype))
    b_hh = state_dict.get("bias_hh" + suffix, np.zeros(w_hh.shape[0], x.dtype))
    h = np.zeros((x.shape[1], w_hh.shape[1]), x.dtype)
    outputs = []
    for x_t in x:
        x_r, x_z, x_n = np.split(x_t @ w_ih.T + b_ih, 3, axis=1)  # each (batch, hidden)
        h_r, h_z, h_n = np.split(h @ w_hh.T + b_hh, 3, axis=1)
        r, z = sigmoid(x_r + h_r), sigmoid(x_z + h_z)
        n = np.tanh(x_n + r * h_n)
        h = (1 - z) * n + z * h
        outputs.append(h)
    return np.stack(outputs), h[None]


def random_state_dict(rng, input_size, hidden_size, bias=True, suffix="_l0"):
    shapes = {
        "weight_ih": (3 * hidden_size, input_size),
        "weight_hh": (3 * hidden_size, hidden_size),
    }
    if bias:
        shapes |= {"bias_ih": (3 * hidden_size,), "bias_hh": (3 * hidden_size,)}
    return {
        name + suffix: rng.normal(scale=0.5, size=shape).astype(np.float32)
        for name, shape in shapes.items()
    }


def test_the_block_orders(rng):
    assert PYTORCH_GRU_GATES == ("r", "z", "n")
    w = GRUWeights.random(input_dim=3, units=2, seed=5)
    w = GRUWeights(w.kernel, w.recurrent_kernel, rng.normal(size=(2, 6)))
    sd = to_pytorch_gru_state_dict(w)
    for k, keras_gate in enumerate(("r", "z", "h")):  # PyTorch's r, z, n
        rows = slice(2 * k, 2 * k + 2)
        gate = w.gate(keras_gate)
        np.testing.assert_array_equal(sd["weight_ih_l0"][rows], gate.kernel.T)
        np.testing.assert_array_equal(sd["weight_hh_l0"][rows], gate.recurrent_kernel.T)
        np.testing.assert_array_equal(sd["bias_ih_l0"][rows], gate.bias[0])
        np.testing.assert_array_equal(sd["bias_hh_l0"][rows], gate.bias[1])


@pytest.mark.parametrize("use_bias", [True, False])
def test_shapes_count_and_copies(use_bias):
    w = GRUWeights.random(input_dim=5, units=3, use_bias=use_bias)
    sd = to_pytorch_gru_state_dict(w)
    assert sd["weight_ih_l0"].shape == (9, 5)
    assert sd["weight_hh_l0"].shape == (9, 3)
    assert ("bias_ih_l0" in sd) is use_bias
    # nn.GRU's count is Keras's with reset_after=True: two bias vectors, as Keras's two rows.
    assert sum(a.size for a in sd.values()) == param_count(5, 3, use_bias, layer="gru")
    sd["weight_ih_l0"][:] = 0.0  # writable, and not a view of the read-only weights
    assert np.any(w.kernel != 0.0)


@pytest.mark.parametrize("use_bias", [True, False])
def test_round_trip_is_exact(use_bias, rng):
    w = GRUWeights.random(input_dim=3, units=4, seed=1, use_bias=use_bias)
    if use_bias:
        w = GRUWeights(w.kernel, w.recurrent_kernel, rng.normal(size=(2, 12)))
    sd = to_pytorch_gru_state_dict(w, layer=2, reverse=True)
    assert set(sd) >= {"weight_ih_l2_reverse", "weight_hh_l2_reverse"}
    back = from_pytorch_gru_state_dict(sd, 2, reverse=True)
    np.testing.assert_array_equal(back.kernel, w.kernel)
    np.testing.assert_array_equal(back.recurrent_kernel, w.recurrent_kernel)
    assert back.reset_after is True
    assert (back.bias is None) is (not use_bias)
    if use_bias:
        np.testing.assert_array_equal(back.bias, w.bias)


@pytest.mark.parametrize("bias", [True, False])
def test_pytorch_equations_match_the_reference(rng, bias):
    sd = random_state_dict(rng, input_size=3, hidden_size=4, bias=bias)
    x = rng.normal(size=(6, 2, 3)).astype(np.float32)  # (timesteps, batch, input_size)
    output, h_n = pytorch_gru(x, sd)
    w = from_pytorch_gru_state_dict(sd)
    seq, h = gru_forward(x.transpose(1, 0, 2), w, return_sequences=True, return_state=True)
    np.testing.assert_allclose(seq.transpose(1, 0, 2), output, atol=ATOL)
    np.testing.assert_allclose(h, h_n[0], atol=ATOL)
    w_sd = to_pytorch_gru_state_dict(w)  # and back: the same PyTorch arrays
    for name, array in sd.items():
        np.testing.assert_array_equal(w_sd[name], array)


def test_a_copy_without_reordering_computes_something_else(rng):
    sd = random_state_dict(rng, input_size=3, hidden_size=4)
    x = rng.normal(size=(6, 2, 3)).astype(np.float32)
    output, _ = pytorch_gru(x, sd)
    naive = GRUWeights(
        sd["weight_ih_l0"].T, sd["weight_hh_l0"].T, np.stack([sd["bias_ih_l0"], sd["bias_hh_l0"]])
    )
    wrong = gru_forward(x.transpose(1, 0, 2), naive, return_sequences=True)
    assert np.max(np.abs(wrong.transpose(1, 0, 2) - output)) > 100 * ATOL


@pytest.mark.keras
def test_a_keras_gru_with_the_converted_weights_computes_pytorchs_gru(keras, rng):
    sd = random_state_dict(rng, input_size=3, hidden_size=4)
    x = rng.normal(size=(5, 2, 3)).astype(np.float32)
    output, _ = pytorch_gru(x, sd)
    layer = keras.layers.GRU(4, return_sequences=True)  # reset_after=True, Keras's default
    layer.build((None, None, 3))
    from_pytorch_gru_state_dict(sd).to_keras(layer)
    ours = np.asarray(layer(x.transpose(1, 0, 2)))
    np.testing.assert_allclose(ours.transpose(1, 0, 2), output, atol=ATOL)


def test_other_layers_are_ignored(rng):
    sd = {**random_state_dict(rng, 3, 2), **random_state_dict(rng, 2, 5, suffix="_l1")}
    assert from_pytorch_gru_state_dict(sd, layer=1).units == 5


def test_reset_before_weights_are_refused():
    w = GRUWeights.random(3, 2, reset_after=False)
    with pytest.raises(ValueError, match="reset_after=False"):
        to_pytorch_gru_state_dict(w)


@pytest.mark.parametrize("weights", [LSTMWeights.random(3, 2), {"kernel": np.zeros((3, 6))}])
def test_not_gru_weights(weights):
    with pytest.raises(TypeError, match=r"^weights must be GRUWeights, got "):
        to_pytorch_gru_state_dict(weights)


def test_not_a_mapping():
    with pytest.raises(TypeError, match="state_dict must be a mapping"):
        from_pytorch_gru_state_dict([("weight_ih_l0", np.zeros((6, 3)))])


def test_missing_weight(rng):
    with pytest.raises(KeyError, match="weight_ih_l1"):
        from_pytorch_gru_state_dict(random_state_dict(rng, 3, 2), layer=1)


def test_lonely_bias(rng):
    sd = random_state_dict(rng, 3, 2)
    del sd["bias_ih_l0"]
    with pytest.raises(ValueError, match="bias_hh_l0 but not its partner"):
        from_pytorch_gru_state_dict(sd)


def test_an_lstm_state_dict_is_refused_naming_the_shape():
    sd = to_pytorch_state_dict(LSTMWeights.random(3, 2))
    with pytest.raises(ValueError, match=r"weight_hh_l0 has shape \(8, 2\).*nn.LSTM"):
        from_pytorch_gru_state_dict(sd)


def test_a_wrong_number_of_rows_is_refused_naming_the_array(rng):
    sd = random_state_dict(rng, 3, 2)
    sd["weight_ih_l0"] = np.zeros((8, 3), np.float32)
    with pytest.raises(ValueError, match=r"weight_ih_l0 has shape \(8, 3\); expected \(6, input"):
        from_pytorch_gru_state_dict(sd)


def test_a_bias_that_is_not_a_vector_is_refused(rng):
    sd = random_state_dict(rng, 3, 2)
    sd["bias_hh_l0"] = np.zeros((6, 2), np.float32)
    with pytest.raises(ValueError, match=r"^bias_hh_l0 has shape \(6, 2\); expected \(6,\)"):
        from_pytorch_gru_state_dict(sd)


def test_a_bad_input_width_is_reported_in_keras_terms(rng):
    sd = random_state_dict(rng, 3, 2)
    sd["weight_ih_l0"] = np.zeros((6, 3, 1), np.float32)
    with pytest.raises(ValueError, match="weight_ih_l0 has shape"):
        from_pytorch_gru_state_dict(sd)
