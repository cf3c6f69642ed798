"""Converting LSTM weights between Keras's layout and PyTorch's ``nn.LSTM`` state dict, in NumPy.

PyTorch names the sizes ``input_size`` (Keras's ``input_dim``) and ``hidden_size`` (Keras's
``units``) and stores, for layer ``k`` of an ``nn.LSTM``:

- ``weight_ih_l{k}``, shape ``(4*hidden_size, input_size)``: Keras's ``kernel``, transposed;
- ``weight_hh_l{k}``, shape ``(4*hidden_size, hidden_size)``: ``recurrent_kernel``, transposed;
- ``bias_ih_l{k}`` and ``bias_hh_l{k}``, each ``(4*hidden_size,)``: two biases that are only
  ever added together, where Keras has one ``bias``.

The four blocks are stacked in the same order in both (input gate, forget gate, candidate ``g``,
output gate), so no block is reordered. The backward direction of a bidirectional ``nn.LSTM`` uses
the same names with the suffix ``_reverse``. This module never imports PyTorch: it maps NumPy
arrays to NumPy arrays (a PyTorch state dict converts with
``{k: v.numpy() for k, v in sd.items()}``).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from numpy.typing import ArrayLike, NDArray

from lstm_explained.reference.validation import check_flag, check_size
from lstm_explained.reference.weights import LSTMWeights

__all__ = ["from_pytorch_state_dict", "pytorch_names", "to_pytorch_state_dict"]


def pytorch_names(layer: int = 0, *, reverse: bool = False) -> dict[str, str]:
    """PyTorch's parameter names for one layer and direction, keyed by their role.

    Parameters
    ----------
    layer : int
        Index of the layer in a stacked ``nn.LSTM`` (``num_layers > 1``).
    reverse : bool
        The backward direction of a bidirectional ``nn.LSTM``.

    Returns
    -------
    dict
        Keys ``"weight_ih"``, ``"weight_hh"``, ``"bias_ih"``, ``"bias_hh"``.

    Raises
    ------
    TypeError
        If `layer` is not an integer, or `reverse` is not a bool.
    ValueError
        If `layer` is negative.

    Examples
    --------
    >>> pytorch_names(1, reverse=True)["weight_ih"]
    'weight_ih_l1_reverse'
    """
    layer = check_size("layer", layer, minimum=0)
    reverse = check_flag("reverse", reverse)
    suffix = f"_l{layer}" + ("_reverse" if reverse else "")
    return {role: role + suffix for role in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")}


def to_pytorch_state_dict(
    weights: LSTMWeights, layer: int = 0, *, reverse: bool = False
) -> dict[str, NDArray[np.floating]]:
    """PyTorch ``nn.LSTM`` parameters holding the same LSTM as Keras `weights`.

    The kernels are transposed; the Keras bias becomes ``bias_ih`` and ``bias_hh`` is zeros (only
    their sum matters). Without a bias (``use_bias=False``) there are no bias entries, as in
    ``nn.LSTM(..., bias=False)``.

    Parameters
    ----------
    weights : LSTMWeights
    layer : int
        Layer index used in the names (``weight_ih_l{layer}``).
    reverse : bool
        Name the arrays for the backward direction (suffix ``_reverse``).

    Returns
    -------
    dict of str to ndarray
        ``weight_ih_l0`` (4*units, input_dim), ``weight_hh_l0`` (4*units, units) and, with a
        bias, ``bias_ih_l0`` and ``bias_hh_l0`` (4*units,); new writable arrays.

    Raises
    ------
    TypeError
        If `weights` is not :class:`LSTMWeights`, `layer` is not an integer, or `reverse` is
        not a bool.
    ValueError
        If `layer` is negative.

    Examples
    --------
    >>> w = LSTMWeights.random(input_dim=3, units=2)
    >>> {name: a.shape for name, a in to_pytorch_state_dict(w).items()}
    {'weight_ih_l0': (8, 3), 'weight_hh_l0': (8, 2), 'bias_ih_l0': (8,), 'bias_hh_l0': (8,)}
    """
    if not isinstance(weights, LSTMWeights):
        raise TypeError(f"weights must be LSTMWeights, got {type(weights).__name__}")
    names = pytorch_names(layer, reverse=reverse)
    state = {
        names["weight_ih"]: weights.kernel.T.copy(),  # (4*units, input_dim)
        names["weight_hh"]: weights.recurrent_kernel.T.copy(),  # (4*units, units)
    }
    if weights.bias is not None:
        state[names["bias_ih"]] = weights.bias.copy()  # (4*units,)
        state[names["bias_hh"]] = np.zeros_like(weights.bias)  # (4*units,)
    return state


def from_pytorch_state_dict(
    state_dict: Mapping[str, ArrayLike], layer: int = 0, *, reverse: bool = False
) -> LSTMWeights:
    """Keras-layout weights of one layer and direction of a PyTorch ``nn.LSTM``.

    The kernels are transposed back and the Keras bias is ``bias_ih + bias_hh``. Other entries
    of `state_dict` (other layers or directions) are ignored.

    Parameters
    ----------
    state_dict : mapping of str to ndarray
        NumPy arrays (or anything ``np.asarray`` accepts) under PyTorch's names.
    layer : int
    reverse : bool

    Returns
    -------
    LSTMWeights
        ``bias`` is None when the state dict has no bias entries for this layer.

    Raises
    ------
    KeyError
        If a weight of this layer and direction is missing (the message lists what is there).
    TypeError
        If `layer` is not an integer, or `reverse` is not a bool.
    ValueError
        If `layer` is negative, only one of the two biases is present, or a shape does not fit
        (from :class:`LSTMWeights`, in Keras's terms).

    Examples
    --------
    >>> w = LSTMWeights.random(input_dim=3, units=2)
    >>> back = from_pytorch_state_dict(to_pytorch_state_dict(w))
    >>> bool(np.array_equal(back.kernel, w.kernel) and np.array_equal(back.bias, w.bias))
    True
    """
    names = pytorch_names(layer, reverse=reverse)
    missing = [names[r] for r in ("weight_ih", "weight_hh") if names[r] not in state_dict]
    if missing:
        raise KeyError(f"state dict has no {missing}; it has {sorted(state_dict)}")
    biases = [names[r] for r in ("bias_ih", "bias_hh") if names[r] in state_dict]
    if len(biases) == 1:
        raise ValueError(f"state dict has {biases[0]} but not its partner; expected both or none")
    kernel = np.asarray(state_dict[names["weight_ih"]]).T  # (input_dim, 4*units)
    recurrent_kernel = np.asarray(state_dict[names["weight_hh"]]).T  # (units, 4*units)
    bias = None
    if biases:
        bias = np.asarray(state_dict[biases[0]]) + np.asarray(state_dict[biases[1]])  # (4*units,)
    return LSTMWeights(kernel, recurrent_kernel, bias)
