"""Reading and writing a Keras recurrent layer's weights without importing Keras.

:meth:`LSTMWeights.from_keras <lstm_explained.reference.weights.LSTMWeights.from_keras>` and
:meth:`~lstm_explained.reference.weights.LSTMWeights.to_keras` (and the same methods of
``GRUWeights`` and ``SimpleRNNWeights``) only need what every Keras
recurrent layer offers: the layer's ``cell``, the cell's ``built`` flag, ``weights``,
``get_weights()`` and ``set_weights()``. They are checked here by duck typing, so this module
(and the whole :mod:`lstm_explained.reference` subpackage) never imports Keras, and the same
code reads a Keras 3 layer and a Keras 2 (``tf_keras``) layer.
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["built_cell", "set_cell_weights"]


def _is_a(obj: object, class_name: str) -> bool:
    return any(cls.__name__ == class_name for cls in type(obj).__mro__)


def built_cell(layer: Any, cell_class: str) -> Any:
    """The built cell of a Keras recurrent layer, or `layer` itself if it is that cell.

    Parameters
    ----------
    layer : keras.layers.LSTM, keras.layers.LSTMCell, ...
        A layer or a cell; also a ``Bidirectional``'s ``forward_layer`` or ``backward_layer``.
    cell_class : str
        The class name the cell must have (or inherit from), for example ``"LSTMCell"``.

    Raises
    ------
    TypeError
        If `layer` is a whole ``Bidirectional``, or neither a layer holding a `cell_class`
        nor one.
    ValueError
        If the cell is not built yet (it has no weights to read or write).

    Examples
    --------
    >>> built_cell(object(), "LSTMCell")
    Traceback (most recent call last):
    ...
    TypeError: expected a Keras layer whose cell is a LSTMCell, or the cell itself; got object
    """
    if _is_a(layer, "Bidirectional"):
        raise TypeError(
            "got a Bidirectional layer; pass its forward_layer or backward_layer instead"
        )
    cell = layer if _is_a(layer, cell_class) else getattr(layer, "cell", None)
    if cell is None or not _is_a(cell, cell_class):
        raise TypeError(
            f"expected a Keras layer whose cell is a {cell_class}, or the cell itself; "
            f"got {type(layer).__name__}"
        )
    if not getattr(cell, "built", False):
        raise ValueError(
            f"layer {getattr(layer, 'name', '?')!r} is not built: call it on an input or "
            "layer.build((None, None, input_dim)) first"
        )
    return cell


def set_cell_weights(layer: Any, cell_class: str, arrays: list[Any]) -> None:
    """Set `arrays` into the built `cell_class` cell of `layer`, as float32.

    Parameters
    ----------
    layer : keras.layers.LSTM, keras.layers.GRU, keras.layers.SimpleRNN, or their cell
    cell_class : str
        As for :func:`built_cell`.
    arrays : list of ndarray
        ``[kernel, recurrent_kernel]``, plus ``bias`` when the layer has one: the order of the
        cell's ``weights``.

    Raises
    ------
    TypeError, ValueError
        As :func:`built_cell`; also ValueError if the shapes differ from the cell's (the message
        names both lists of shapes).

    Examples
    --------
    >>> class LSTMCell:  # stands for Keras's cell: only the name and the attributes matter
    ...     built, use_bias, weights = True, False, [np.zeros((3, 8)), np.zeros((2, 8))]
    >>> set_cell_weights(LSTMCell(), "LSTMCell", [np.zeros((3, 8))])
    Traceback (most recent call last):
    ...
    ValueError: layer '?' has weight shapes [(3, 8), (2, 8)] (kernel, recurrent_kernel);
    the weights have [(3, 8)]
    """
    cell = built_cell(layer, cell_class)
    expected = [tuple(v.shape) for v in cell.weights]
    given = [np.shape(a) for a in arrays]
    if given != expected:
        raise ValueError(
            f"layer {getattr(layer, 'name', '?')!r} has weight shapes {expected} "
            f"(kernel, recurrent_kernel{', bias' if cell.use_bias else ''}); "
            f"the weights have {given}"
        )
    cell.set_weights([np.asarray(a, dtype=np.float32) for a in arrays])
