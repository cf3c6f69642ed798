"""Reading a Keras recurrent layer's weights without importing Keras.

:meth:`LSTMWeights.from_keras <lstm_explained.reference.weights.LSTMWeights.from_keras>` and
:meth:`~lstm_explained.reference.weights.LSTMWeights.to_keras` only need what every Keras
recurrent layer offers: the layer's ``cell``, the cell's ``built`` flag, ``weights``,
``get_weights()`` and ``set_weights()``. They are checked here by duck typing, so this module
(and the whole :mod:`lstm_explained.reference` subpackage) never imports Keras, and the same
code reads a Keras 3 layer and a Keras 2 (``tf_keras``) layer.
"""

from __future__ import annotations

from typing import Any

__all__ = ["built_cell"]


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
