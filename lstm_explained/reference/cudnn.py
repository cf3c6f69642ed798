"""Keras's cuDNN path, modelled only where its results differ from the generic loop: masks.

On a GPU with the TensorFlow backend, ``keras.layers.LSTM`` can run NVIDIA's cuDNN kernel instead
of its generic loop over ``LSTMCell`` (the conditions are listed on the site, section
"versions-cudnn"). Both compute the same equations with the same weights, so without a mask they
agree up to float rounding and this module returns exactly what
:func:`~lstm_explained.reference.sequence.lstm_forward` returns. With a mask they differ, because
cuDNN does not skip masked steps one by one: Keras turns the mask into one length per row
(``_cudnn_lstm`` in ``keras/src/backend/tensorflow/rnn.py``). Hence:

- the mask must be right-padded (valid steps, then only masked steps) with at least one valid step
  in every row; any other mask is rejected (:data:`CUDNN_MASK_ERROR` is Keras's message);
- at the padded steps of a returned sequence the output is zeros, where the generic loop repeats
  the previous output (as the generic loop does with ``zero_output_for_mask=True``);
- the last output and the final ``h`` and ``c`` are those of each row's last valid step, as on the
  generic loop.

Scope: only that difference. The arithmetic is the generic loop's, which the cuDNN kernel matches
up to float rounding; cuDNN needs ``tanh`` and ``sigmoid``, so there are no activation arguments.
The behaviour is read from the installed Keras's source, not observed: the site has no GPU.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from lstm_explained.reference.sequence import lstm_forward
from lstm_explained.reference.validation import check_flag
from lstm_explained.reference.weights import LSTMWeights

__all__ = ["CUDNN_MASK_ERROR", "cudnn_accepts_mask", "lstm_forward_cudnn"]

Array = NDArray[np.floating]

#: The message of the check Keras runs on a mask before cuDNN (``_assert_valid_mask``).
CUDNN_MASK_ERROR = (
    "You are passing a RNN mask that does not correspond to right-padded sequences, while using "
    "cuDNN, which is not supported. With cuDNN, RNN masks can only be used for right-padding, "
    "e.g. `[[True, True, False, False]]` would be a valid mask, but any mask that isn't just "
    "contiguous `True`'s on the left and contiguous `False`'s on the right would be invalid. You "
    "can pass `use_cudnn=False` to your RNN layer to stop using cuDNN (this may be slower)."
)


def cudnn_accepts_mask(mask: ArrayLike) -> bool:
    """Whether Keras's cuDNN path accepts `mask`: right-padded, no row fully masked.

    Parameters
    ----------
    mask : ndarray of bool, shape (batch, timesteps)

    Returns
    -------
    bool
        True when every row is one or more ``True`` steps followed only by ``False`` steps.

    Raises
    ------
    ValueError
        If `mask` is not two-dimensional.

    Examples
    --------
    >>> cudnn_accepts_mask([[True, True, False], [True, True, True]])
    True
    >>> left, gap, empty = [[False, True, True]], [[True, False, True]], [[False, False, False]]
    >>> [cudnn_accepts_mask(m) for m in (left, gap, empty)]
    [False, False, False]
    """
    mask = np.asarray(mask).astype(bool)  # (batch, timesteps)
    if mask.ndim != 2:
        raise ValueError(f"mask has shape {mask.shape}; expected (batch, timesteps)")
    lengths = mask.sum(axis=1)  # (batch,) valid steps per row
    right_padded = np.arange(mask.shape[1]) < lengths[:, None]  # (batch, timesteps)
    return bool(np.array_equal(mask, right_padded) and np.all(lengths > 0))


def lstm_forward_cudnn(
    x: ArrayLike,
    weights: LSTMWeights,
    *,
    return_sequences: bool = False,
    return_state: bool = False,
    go_backwards: bool = False,
    initial_state: Sequence[ArrayLike] | None = None,
    mask: ArrayLike | None = None,
) -> Array | tuple[Array, Array, Array]:
    """What ``keras.layers.LSTM(...)(x)`` returns when Keras runs it through cuDNN.

    Takes the arguments of :func:`~lstm_explained.reference.sequence.lstm_forward` that the cuDNN
    path supports. Without a mask it returns the same arrays. With a (right-padded) mask, the
    returned sequence is zeros at the padded steps; the last output, ``h`` and ``c`` are those of
    each row's last valid step. With ``go_backwards`` the padded steps come first in processing
    order, where the generic loop outputs zeros too.

    Returns
    -------
    output : ndarray, shape (batch, units) or (batch, timesteps, units)
        Alone, or as ``(output, h, c)`` with `return_state`.

    Raises
    ------
    ValueError
        With :data:`CUDNN_MASK_ERROR` if `mask` is not right-padded or has a fully masked row.
        Keras raises ``tf.errors.InvalidArgumentError`` with that message when the layer runs in
        a graph (``model.fit``, ``predict``); called eagerly it uses the generic loop instead,
        or raises ``ValueError`` with ``use_cudnn=True``. Otherwise as :func:`lstm_forward`.

    Examples
    --------
    >>> w = LSTMWeights.random(input_dim=3, units=2)
    >>> x = np.random.default_rng(0).normal(size=(2, 4, 3)).astype(np.float32)
    >>> mask = np.array([[True, True, True, False], [True, True, True, True]])
    >>> seq, h, c = lstm_forward_cudnn(x, w, mask=mask, return_sequences=True, return_state=True)
    >>> bool(np.all(seq[0, 3] == 0)), bool(np.array_equal(seq[0, 2], h[0]))
    (True, True)
    """
    return_sequences = check_flag("return_sequences", return_sequences)
    return_state = check_flag("return_state", return_state)
    if mask is not None and np.ndim(mask) == 2 and not cudnn_accepts_mask(mask):
        raise ValueError(CUDNN_MASK_ERROR)
    sequence, h, c = lstm_forward(
        x,
        weights,
        return_sequences=True,
        return_state=True,
        go_backwards=go_backwards,
        initial_state=initial_state,
        mask=mask,
        zero_output_for_mask=True,  # cuDNN's padded steps output zeros
    )
    output = sequence if return_sequences else h  # Keras: "last_output = h"
    return (output, h, c) if return_state else output
