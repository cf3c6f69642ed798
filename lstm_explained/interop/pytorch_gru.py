"""Converting GRU weights between Keras's layout and PyTorch's ``nn.GRU`` state dict, in NumPy.

PyTorch documents one step of ``nn.GRU`` as (column vectors, ``*`` elementwise)::

    r = sigmoid(W_ir x + b_ir + W_hr h + b_hr)
    z = sigmoid(W_iz x + b_iz + W_hz h + b_hz)
    n = tanh(W_in x + b_in + r * (W_hn h + b_hn))
    h' = (1 - z) * n + z * h

which is Keras's ``GRU`` with ``reset_after=True``, its default: the reset gate scales the
recurrent part after the matrix product, bias included, and ``z = 1`` keeps the previous state
in both (Keras writes ``h = z * h_prev + (1 - z) * h_tilde``). Only the storage differs:

- PyTorch stacks the blocks r, z, n (:data:`PYTORCH_GRU_GATES`), Keras z, r, h
  (:data:`~lstm_explained.reference.gru_weights.GRU_GATES`): the first two blocks swap places;
- PyTorch stores the matrices transposed: ``weight_ih_l{k}`` (3*hidden_size, input_size) is
  ``kernel.T`` and ``weight_hh_l{k}`` (3*hidden_size, hidden_size) is ``recurrent_kernel.T``;
- ``bias_ih_l{k}`` and ``bias_hh_l{k}``, (3*hidden_size,) each, are Keras's two bias rows,
  ``bias[0]`` (input) and ``bias[1]`` (recurrent). Unlike an LSTM's two biases they cannot be
  summed into one: ``b_hn`` sits inside ``r * (...)``.

Keras weights with ``reset_after=False`` apply the reset gate before the product, which
``nn.GRU`` cannot express: they are refused. Names are those of
:func:`~lstm_explained.interop.pytorch.pytorch_names`. This module never imports PyTorch.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from numpy.typing import ArrayLike, NDArray

from lstm_explained.interop.pytorch import pytorch_names
from lstm_explained.reference.gru_weights import GRU_GATES, GRUWeights

__all__ = ["PYTORCH_GRU_GATES", "from_pytorch_gru_state_dict", "to_pytorch_gru_state_dict"]

PYTORCH_GRU_GATES: tuple[str, ...] = ("r", "z", "n")
"""Block order along the first axis of PyTorch's ``nn.GRU`` weights: reset, update, candidate."""

_PYTORCH_NAME = {"z": "z", "r": "r", "h": "n"}  # Keras calls the candidate h, PyTorch n
_KERAS_NAME = {pytorch: keras for keras, pytorch in _PYTORCH_NAME.items()}
#: The Keras block of each PyTorch block, and the PyTorch block of each Keras block: (1, 0, 2).
_TO_PYTORCH = tuple(GRU_GATES.index(_KERAS_NAME[gate]) for gate in PYTORCH_GRU_GATES)
_TO_KERAS = tuple(PYTORCH_GRU_GATES.index(_PYTORCH_NAME[gate]) for gate in GRU_GATES)


def _blocks(array: NDArray, units: int, order: tuple[int, ...]) -> NDArray:
    """A new array: the blocks of `units` rows of `array` (first axis), taken in `order`."""
    return np.concatenate([array[k * units : (k + 1) * units] for k in order])


def to_pytorch_gru_state_dict(
    weights: GRUWeights, layer: int = 0, *, reverse: bool = False
) -> dict[str, NDArray[np.floating]]:
    """PyTorch ``nn.GRU`` parameters holding the same GRU as Keras `weights`.

    The blocks are reordered from z, r, h to r, z, n, the matrices transposed, and the two bias
    rows become ``bias_ih`` and ``bias_hh``. Without a bias there are no bias entries, as in
    ``nn.GRU(..., bias=False)``.

    Parameters
    ----------
    weights : GRUWeights
        With ``reset_after=True`` (Keras's default), the only form ``nn.GRU`` computes.
    layer : int
        Layer index used in the names (``weight_ih_l{layer}``).
    reverse : bool
        Name the arrays for the backward direction (suffix ``_reverse``).

    Returns
    -------
    dict of str to ndarray
        ``weight_ih_l0`` (3*units, input_dim), ``weight_hh_l0`` (3*units, units) and, with a
        bias, ``bias_ih_l0`` and ``bias_hh_l0`` (3*units,); new writable arrays.

    Raises
    ------
    TypeError
        If `weights` is not :class:`~lstm_explained.reference.gru_weights.GRUWeights`, `layer`
        is not an integer, or `reverse` is not a bool.
    ValueError
        If `weights` has ``reset_after=False``, or `layer` is negative.

    Examples
    --------
    >>> w = GRUWeights.random(input_dim=3, units=2)
    >>> sd = to_pytorch_gru_state_dict(w)
    >>> {name: a.shape for name, a in sd.items()}
    {'weight_ih_l0': (6, 3), 'weight_hh_l0': (6, 2), 'bias_ih_l0': (6,), 'bias_hh_l0': (6,)}
    >>> bool(np.array_equal(sd["weight_ih_l0"][:2], w.gate("r").kernel.T))  # r comes first
    True
    """
    if not isinstance(weights, GRUWeights):
        raise TypeError(f"weights must be GRUWeights, got {type(weights).__name__}")
    names = pytorch_names(layer, reverse=reverse)
    if not weights.reset_after:
        raise ValueError(
            "weights have reset_after=False: their reset gate scales h_prev before the "
            "recurrent product, and nn.GRU only computes r * (W_hn h + b_hn), Keras's "
            "reset_after=True"
        )
    units = weights.units
    state = {
        names["weight_ih"]: _blocks(weights.kernel.T, units, _TO_PYTORCH),  # (3*units, input_dim)
        names["weight_hh"]: _blocks(weights.recurrent_kernel.T, units, _TO_PYTORCH),
    }
    if weights.bias is not None:
        state[names["bias_ih"]] = _blocks(weights.bias[0], units, _TO_PYTORCH)  # (3*units,)
        state[names["bias_hh"]] = _blocks(weights.bias[1], units, _TO_PYTORCH)  # (3*units,)
    return state


def from_pytorch_gru_state_dict(
    state_dict: Mapping[str, ArrayLike], layer: int = 0, *, reverse: bool = False
) -> GRUWeights:
    """Keras-layout weights (``reset_after=True``) of one layer and direction of an ``nn.GRU``.

    The blocks are reordered from r, z, n to z, r, h, the matrices transposed back, and
    ``bias_ih`` and ``bias_hh`` stacked into Keras's bias of shape (2, 3*units). Other entries
    of `state_dict` (other layers or directions) are ignored.

    Parameters
    ----------
    state_dict : mapping of str to ndarray
        NumPy arrays (or anything ``np.asarray`` accepts) under PyTorch's names.
    layer : int
    reverse : bool

    Returns
    -------
    GRUWeights
        ``reset_after=True``; ``bias`` is None when the state dict has no bias for this layer.

    Raises
    ------
    KeyError
        If a weight of this layer and direction is missing (the message lists what is there).
    TypeError
        If `state_dict` is not a mapping, `layer` is not an integer, or `reverse` is not a bool.
    ValueError
        If `layer` is negative, only one of the two biases is present, an array does not have
        ``3*hidden_size`` rows (an ``nn.LSTM``'s have ``4*hidden_size``) or the expected number
        of axes; the message names the array and its shape.

    Examples
    --------
    >>> w = GRUWeights.random(input_dim=3, units=2, seed=1)
    >>> back = from_pytorch_gru_state_dict(to_pytorch_gru_state_dict(w))
    >>> bool(np.array_equal(back.kernel, w.kernel) and np.array_equal(back.bias, w.bias))
    True
    """
    if not isinstance(state_dict, Mapping):
        kind = type(state_dict).__name__
        raise TypeError(f"state_dict must be a mapping of names to arrays, got a {kind}")
    names = pytorch_names(layer, reverse=reverse)
    missing = [names[r] for r in ("weight_ih", "weight_hh") if names[r] not in state_dict]
    if missing:
        raise KeyError(f"state dict has no {missing}; it has {sorted(state_dict)}")
    biases = [r for r in ("bias_ih", "bias_hh") if names[r] in state_dict]
    if len(biases) == 1:
        raise ValueError(f"state dict has {names[biases[0]]} but not its partner; expected both")
    weight_hh = np.asarray(state_dict[names["weight_hh"]])
    if weight_hh.ndim != 2 or weight_hh.shape[0] != 3 * weight_hh.shape[1]:
        raise ValueError(
            f"{names['weight_hh']} has shape {weight_hh.shape}; an nn.GRU's is "
            "(3*hidden_size, hidden_size) (an nn.LSTM's has 4*hidden_size rows)"
        )
    units = weight_hh.shape[1]
    expected = {"weight_ih": f"({3 * units}, input_size)", "weight_hh": str(weight_hh.shape)}
    arrays = {}
    for role in ("weight_ih", "weight_hh", *biases):
        array = np.asarray(state_dict[names[role]])
        if array.ndim != (2 if role.startswith("weight") else 1) or array.shape[0] != 3 * units:
            raise ValueError(
                f"{names[role]} has shape {array.shape}; expected "
                f"{expected.get(role, f'({3 * units},)')} (hidden_size={units}, from "
                f"{names['weight_hh']})"
            )
        arrays[role] = _blocks(array, units, _TO_KERAS)  # (3*units, ...) in Keras's order
    bias = np.stack([arrays["bias_ih"], arrays["bias_hh"]]) if biases else None  # (2, 3*units)
    return GRUWeights(arrays["weight_ih"].T, arrays["weight_hh"].T, bias, reset_after=True)
