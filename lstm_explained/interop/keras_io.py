"""Keras layers that hold given weights, and comparisons of the reference with them.

This is the only module that imports Keras, and it does so inside its functions, so
``import lstm_explained`` stays fast and free of TensorFlow. The backend defaults to TensorFlow
(``KERAS_BACKEND`` is set only if it is not already set). Keras runs in float32, so comparisons
are made in float32.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from lstm_explained.reference.bidirectional import bidirectional_forward
from lstm_explained.reference.sequence import lstm_forward
from lstm_explained.reference.shapes import MERGE_MODES
from lstm_explained.reference.validation import check_choice, check_optional_size
from lstm_explained.reference.weights import LSTMWeights

__all__ = [
    "compare_bidirectional_with_keras",
    "compare_with_keras",
    "keras_bidirectional",
    "keras_lstm",
]


def _keras() -> Any:
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    import keras

    return keras


def _keras_activation(activation: Any) -> Any:
    """Translate our activation names to Keras 3 (``hard_sigmoid_keras2`` has no Keras name)."""
    if activation == "hard_sigmoid_keras2":
        ops = _keras().ops
        return lambda x: ops.clip(0.2 * x + 0.5, 0.0, 1.0)
    return "linear" if activation is None else activation


def keras_lstm(
    weights: LSTMWeights,
    *,
    batch_size: int | None = None,
    activation: Any = "tanh",
    recurrent_activation: Any = "sigmoid",
    **options: Any,
) -> Any:
    """A built ``keras.layers.LSTM`` holding `weights`.

    Parameters
    ----------
    weights : LSTMWeights
    batch_size : int, optional
        Static batch size to build with (required by ``stateful=True``).
    activation, recurrent_activation : str, callable or None
        Our names; ``"hard_sigmoid_keras2"`` becomes an equivalent Keras function.
    **options
        Passed to ``keras.layers.LSTM`` (``return_sequences``, ``return_state``,
        ``go_backwards``, ``stateful``, ``zero_output_for_mask``, ...).

    Raises
    ------
    TypeError
        If `batch_size` is neither ``None`` nor an integer (checked before Keras is imported).
    ValueError
        If `batch_size` is below 1.
    """
    batch_size = check_optional_size("batch_size", batch_size)
    keras = _keras()
    layer = keras.layers.LSTM(
        weights.units,
        use_bias=weights.use_bias,
        activation=_keras_activation(activation),
        recurrent_activation=_keras_activation(recurrent_activation),
        **options,
    )
    layer.build((batch_size, None, weights.input_dim))
    weights.to_keras(layer)
    return layer


def keras_bidirectional(
    forward_weights: LSTMWeights,
    backward_weights: LSTMWeights,
    *,
    merge_mode: str | None = "concat",
    activation: Any = "tanh",
    recurrent_activation: Any = "sigmoid",
    **options: Any,
) -> Any:
    """A built ``keras.layers.Bidirectional(LSTM(...), merge_mode)`` holding both weights.

    Raises
    ------
    ValueError
        If `merge_mode` is not one of ``MERGE_MODES`` (checked before Keras is imported).
    """
    merge_mode = check_choice("merge_mode", merge_mode, MERGE_MODES)
    keras = _keras()
    inner = keras.layers.LSTM(
        forward_weights.units,
        use_bias=forward_weights.use_bias,
        activation=_keras_activation(activation),
        recurrent_activation=_keras_activation(recurrent_activation),
        **options,
    )
    layer = keras.layers.Bidirectional(inner, merge_mode=merge_mode)
    layer.build((None, None, forward_weights.input_dim))
    forward_weights.to_keras(layer.forward_layer)
    backward_weights.to_keras(layer.backward_layer)
    return layer


def _max_abs_difference(ours: Any, theirs: Any) -> float:
    """Max |ours - theirs| over every returned tensor; ValueError if the structures differ."""
    ours = list(ours) if isinstance(ours, tuple | list) else [ours]
    theirs = [np.asarray(t) for t in (theirs if isinstance(theirs, tuple | list) else [theirs])]
    if [o.shape for o in ours] != [t.shape for t in theirs]:
        raise ValueError(
            f"structure differs: reference returns shapes {[o.shape for o in ours]}, "
            f"Keras returns {[t.shape for t in theirs]}"
        )
    return max(
        float(np.max(np.abs(o - t), initial=0.0)) for o, t in zip(ours, theirs, strict=True)
    )


def _as_float32(x: ArrayLike, initial_state: Sequence[ArrayLike] | None) -> tuple[Any, Any]:
    x = np.asarray(x, dtype=np.float32)
    if initial_state is not None:
        initial_state = [np.asarray(s, dtype=np.float32) for s in initial_state]
    return x, initial_state


def compare_with_keras(
    x: ArrayLike,
    weights: LSTMWeights,
    *,
    initial_state: Sequence[ArrayLike] | None = None,
    mask: ArrayLike | None = None,
    **options: Any,
) -> float:
    """Max absolute difference between :func:`lstm_forward` and ``keras.layers.LSTM``.

    Both run on `x` (cast to float32) with the same weights and options (``return_sequences``,
    ``return_state``, ``go_backwards``, ``zero_output_for_mask``, ``activation``,
    ``recurrent_activation``); the difference is taken over every returned tensor.

    Raises
    ------
    ValueError
        If the two return different numbers or shapes of tensors.
    """
    x, initial_state = _as_float32(x, initial_state)
    ours = lstm_forward(x, weights, initial_state=initial_state, mask=mask, **options)
    layer = keras_lstm(weights, **options)
    theirs = layer(x, initial_state=initial_state, mask=mask)
    return _max_abs_difference(ours, theirs)


def compare_bidirectional_with_keras(
    x: ArrayLike,
    forward_weights: LSTMWeights,
    backward_weights: LSTMWeights,
    *,
    initial_state: Sequence[ArrayLike] | None = None,
    mask: ArrayLike | None = None,
    **options: Any,
) -> float:
    """Max absolute difference between :func:`bidirectional_forward` and Keras's Bidirectional.

    Raises
    ------
    ValueError
        If the two return different numbers or shapes of tensors.
    """
    x, initial_state = _as_float32(x, initial_state)
    ours = bidirectional_forward(
        x, forward_weights, backward_weights, initial_state=initial_state, mask=mask, **options
    )
    layer = keras_bidirectional(forward_weights, backward_weights, **options)
    theirs = layer(x, initial_state=initial_state, mask=mask)
    return _max_abs_difference(ours, theirs)
