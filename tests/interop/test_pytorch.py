"""Tests of interop.pytorch: Keras <-> PyTorch nn.LSTM weight layout, checked in NumPy.

PyTorch is not a dependency. Its LSTM is evaluated here from the equations of its documentation
(https://pytorch.org/docs/stable/generated/torch.nn.LSTM.html): gates = W_ih x + b_ih + W_hh h +
b_hh, split in the order i, f, g, o.
"""

import numpy as np
import pytest

from lstm_explained import LSTMWeights, lstm_forward, pytorch_param_count
from lstm_explained.interop.pytorch import (
    from_pytorch_state_dict,
    pytorch_names,
    to_pytorch_state_dict,
)
from lstm_explained.reference import sigmoid

ATOL = 1e-5  # float32 arithmetic, summed in a different order


def pytorch_lstm(x, state_dict, suffix="_l0"):
    """PyTorch's nn.LSTM forward (one layer, batch_first=False), written from its equations.

    x: (timesteps, batch, input_size). Returns output (timesteps, batch, hidden), (h_n, c_n)
    each (1, batch, hidden).
    """
    w_ih, w_hh = state_dict["weight_ih" + suffix], state_dict["weight_hh" + suffix]
    b_ih = state_dict.get("bias_ih" + suffix, 0.0)
    b_hh = state_dict.get("bias_hh" + suffix, 0.0)
    hidden = w_hh.shape[1]
    h = c = np.zeros((x.shape[1], hidden), x.dtype)
    outputs = []
    for x_t in x:
        gates = x_t @ w_ih.T + b_ih + h @ w_hh.T + b_hh  # (batch, 4*hidden)
        i, f, g, o = np.split(gates, 4, axis=1)
        c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
        h = sigmoid(o) * np.tanh(c)
        outputs.append(h)
    return np.stack(outputs), (h[None], c[None])


def test_names():
    assert pytorch_names() == {
        "weight_ih": "weight_ih_l0",
        "weight_hh": "weight_hh_l0",
        "bias_ih": "bias_ih_l0",
        "bias_hh": "bias_hh_l0",
    }
    assert pytorch_names(2, reverse=True)["bias_hh"] == "bias_hh_l2_reverse"


@pytest.mark.parametrize(
    ("layer", "error"), [(-1, ValueError), (1.5, TypeError), (True, TypeError), ("0", TypeError)]
)
def test_bad_layer(layer, error):
    with pytest.raises(error, match=rf"^layer must be an integer >= 0, got {layer!r}"):
        pytorch_names(layer)


def test_reverse_must_be_a_bool():
    with pytest.raises(TypeError, match=r"^reverse must be True or False, got 'no' of type str$"):
        pytorch_names(0, reverse="no")  # truthy: it used to name the backward direction


@pytest.mark.parametrize("use_bias", [True, False])
def test_shapes_and_count(use_bias):
    w = LSTMWeights.random(input_dim=5, units=3, use_bias=use_bias)
    sd = to_pytorch_state_dict(w)
    assert sd["weight_ih_l0"].shape == (12, 5)
    assert sd["weight_hh_l0"].shape == (12, 3)
    assert ("bias_ih_l0" in sd) is use_bias
    assert sum(a.size for a in sd.values()) == pytorch_param_count(5, 3, bias=use_bias)


def test_arrays_are_transposed_copies():
    w = LSTMWeights.random(input_dim=4, units=2, seed=3)
    sd = to_pytorch_state_dict(w)
    np.testing.assert_array_equal(sd["weight_ih_l0"], w.kernel.T)
    np.testing.assert_array_equal(sd["weight_hh_l0"], w.recurrent_kernel.T)
    np.testing.assert_array_equal(sd["bias_ih_l0"], w.bias)
    np.testing.assert_array_equal(sd["bias_hh_l0"], 0.0)
    sd["weight_ih_l0"][:] = 0.0  # writable, and not a view of the read-only weights
    assert np.any(w.kernel != 0.0)


def test_gate_blocks_line_up():
    w = LSTMWeights.random(input_dim=3, units=2, seed=4)
    sd = to_pytorch_state_dict(w)
    for k, gate in enumerate("ifco"):  # PyTorch calls the candidate g
        np.testing.assert_array_equal(sd["weight_ih_l0"][2 * k : 2 * k + 2], w.gate(gate).kernel.T)


@pytest.mark.parametrize("use_bias", [True, False])
def test_round_trip_is_exact(use_bias):
    w = LSTMWeights.random(input_dim=3, units=4, seed=1, use_bias=use_bias)
    back = from_pytorch_state_dict(
        to_pytorch_state_dict(w, layer=1, reverse=True), 1, reverse=True
    )
    np.testing.assert_array_equal(back.kernel, w.kernel)
    np.testing.assert_array_equal(back.recurrent_kernel, w.recurrent_kernel)
    assert (back.bias is None) is (not use_bias)
    if use_bias:
        np.testing.assert_array_equal(back.bias, w.bias)


@pytest.mark.parametrize("use_bias", [True, False])
def test_pytorch_equations_match_reference(rng, use_bias):
    w = LSTMWeights.random(input_dim=3, units=4, seed=2, use_bias=use_bias)
    x = rng.normal(size=(2, 6, 3)).astype(np.float32)  # (batch, timesteps, input_dim)
    seq, h, c = lstm_forward(x, w, return_sequences=True, return_state=True)
    output, (h_n, c_n) = pytorch_lstm(x.transpose(1, 0, 2), to_pytorch_state_dict(w))
    np.testing.assert_allclose(output, seq.transpose(1, 0, 2), atol=ATOL)
    np.testing.assert_allclose(h_n[0], h, atol=ATOL)
    np.testing.assert_allclose(c_n[0], c, atol=ATOL)


def test_both_pytorch_biases_are_summed(rng):
    units, input_dim = 3, 2
    sd = {
        "weight_ih_l0": rng.normal(size=(4 * units, input_dim)).astype(np.float32),
        "weight_hh_l0": rng.normal(size=(4 * units, units)).astype(np.float32),
        "bias_ih_l0": rng.normal(size=4 * units).astype(np.float32),
        "bias_hh_l0": rng.normal(size=4 * units).astype(np.float32),
    }
    w = from_pytorch_state_dict(sd)
    np.testing.assert_allclose(w.bias, sd["bias_ih_l0"] + sd["bias_hh_l0"])
    x = rng.normal(size=(5, 2, input_dim)).astype(np.float32)  # (timesteps, batch, input_size)
    output, _ = pytorch_lstm(x, sd)
    ours = lstm_forward(x.transpose(1, 0, 2), w, return_sequences=True)
    np.testing.assert_allclose(ours.transpose(1, 0, 2), output, atol=ATOL)


def test_other_layers_are_ignored():
    w0, w1 = LSTMWeights.random(3, 2, seed=0), LSTMWeights.random(2, 2, seed=1)
    sd = {**to_pytorch_state_dict(w0), **to_pytorch_state_dict(w1, layer=1)}
    np.testing.assert_array_equal(from_pytorch_state_dict(sd, layer=1).kernel, w1.kernel)


def test_missing_weight():
    sd = to_pytorch_state_dict(LSTMWeights.random(3, 2))
    with pytest.raises(KeyError, match="weight_ih_l1"):
        from_pytorch_state_dict(sd, layer=1)


def test_lonely_bias():
    sd = to_pytorch_state_dict(LSTMWeights.random(3, 2))
    del sd["bias_hh_l0"]
    with pytest.raises(ValueError, match="partner"):
        from_pytorch_state_dict(sd)


def test_bad_shape_is_reported_in_keras_terms():
    sd = to_pytorch_state_dict(LSTMWeights.random(3, 2))
    sd["weight_hh_l0"] = np.zeros((8, 3))
    with pytest.raises(ValueError, match="recurrent_kernel"):
        from_pytorch_state_dict(sd)


def test_not_weights():
    with pytest.raises(TypeError, match="LSTMWeights"):
        to_pytorch_state_dict({"kernel": np.zeros((3, 8))})
