"""Activation functions used by the LSTM cell, written in NumPy.

Each function matches the Keras 3 activation of the same name, so that the reference LSTM of
:mod:`~lstm_explained.reference.cell` and :mod:`~lstm_explained.reference.sequence`
reproduces ``keras.layers.LSTM``.
The one name that changed meaning between Keras versions is ``"hard_sigmoid"``: Keras 3 defines
it as ``relu6(x + 3) / 6`` (slope 1/6), Keras 2 used ``clip(0.2 * x + 0.5, 0, 1)`` (slope 0.2).
Here ``"hard_sigmoid"`` always means the Keras 3 function; the Keras 2 one is
:func:`hard_sigmoid_keras2`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "ACTIVATIONS",
    "Activation",
    "get_activation",
    "hard_sigmoid",
    "hard_sigmoid_keras2",
    "linear",
    "relu",
    "sigmoid",
    "tanh",
]

Activation = Callable[[NDArray[np.floating]], NDArray[np.floating]]


def sigmoid(x: NDArray[np.floating]) -> NDArray[np.floating]:
    """Logistic sigmoid ``1 / (1 + exp(-x))``, computed without overflow.

    Uses the identity ``sigmoid(x) = 0.5 * tanh(x / 2) + 0.5``, which never overflows.

    Parameters
    ----------
    x : ndarray, any shape

    Returns
    -------
    ndarray, same shape and dtype as `x`, values in [0, 1]

    Examples
    --------
    >>> x = np.array([-100.0, -1.0, 0.0, 1.0, 100.0])
    >>> bool(np.allclose(sigmoid(x) + sigmoid(-x), 1.0))
    True
    """
    x = np.asarray(x)
    return 0.5 * np.tanh(0.5 * x) + 0.5


def tanh(x: NDArray[np.floating]) -> NDArray[np.floating]:
    """Hyperbolic tangent, values in (-1, 1).

    Examples
    --------
    >>> bool(np.allclose(tanh(np.array([0.5])), 2 * sigmoid(np.array([1.0])) - 1))
    True
    """
    return np.tanh(x)


def hard_sigmoid(x: NDArray[np.floating]) -> NDArray[np.floating]:
    """Keras 3 hard sigmoid: ``relu6(x + 3) / 6``, i.e. ``clip(x / 6 + 0.5, 0, 1)``.

    Examples
    --------
    >>> hard_sigmoid(np.array([-3.0, 0.0, 3.0])).tolist()
    [0.0, 0.5, 1.0]
    """
    x = np.asarray(x)
    return np.clip(x + 3, 0, 6) / 6


def hard_sigmoid_keras2(x: NDArray[np.floating]) -> NDArray[np.floating]:
    """Keras 2 hard sigmoid: ``clip(0.2 * x + 0.5, 0, 1)`` (steeper than Keras 3's).

    Examples
    --------
    >>> hard_sigmoid_keras2(np.array([-2.5, 0.0, 2.5])).tolist()
    [0.0, 0.5, 1.0]
    """
    x = np.asarray(x)
    return np.clip(0.2 * x + 0.5, 0, 1)


def relu(x: NDArray[np.floating]) -> NDArray[np.floating]:
    """Rectified linear unit ``max(x, 0)``.

    Examples
    --------
    >>> relu(np.array([-1.0, 2.0])).tolist()
    [0.0, 2.0]
    """
    return np.maximum(x, 0)


def linear(x: NDArray[np.floating]) -> NDArray[np.floating]:
    """Identity (Keras's ``"linear"``, also what ``activation=None`` means).

    Examples
    --------
    >>> x = np.arange(3.0)
    >>> linear(x) is x
    True
    """
    return x


ACTIVATIONS: dict[str, Activation] = {
    "tanh": tanh,
    "sigmoid": sigmoid,
    "hard_sigmoid": hard_sigmoid,
    "hard_sigmoid_keras2": hard_sigmoid_keras2,
    "relu": relu,
    "linear": linear,
}


def get_activation(
    name_or_callable: str | Activation | None, *, argument: str = "activation"
) -> Activation:
    """Return the NumPy activation for a Keras name, ``None`` (identity) or a callable.

    Parameters
    ----------
    name_or_callable : str, callable or None
        One of ``ACTIVATIONS`` (``"tanh"``, ``"sigmoid"``, ``"hard_sigmoid"``,
        ``"hard_sigmoid_keras2"``, ``"relu"``, ``"linear"``), ``None`` for the identity, or any
        callable mapping an array to an array of the same shape (returned unchanged).
    argument : str
        The caller's name for it (``"activation"``, ``"recurrent_activation"``), used in the
        messages.

    Returns
    -------
    callable
        ``f(x) -> ndarray``, elementwise.

    Raises
    ------
    ValueError
        If the name is not one of the supported names (the message lists them).
    TypeError
        If the argument is neither a string, ``None`` nor callable.

    Examples
    --------
    >>> get_activation(None) is get_activation("linear")
    True
    >>> float(get_activation("sigmoid")(np.array(0.0)))
    0.5
    >>> get_activation("swish", argument="recurrent_activation")
    Traceback (most recent call last):
    ...
    ValueError: recurrent_activation must be one of 'tanh', 'sigmoid', 'hard_sigmoid',
    'hard_sigmoid_keras2', 'relu', 'linear', None or a callable; got 'swish'
    """
    if name_or_callable is None:
        return linear
    if isinstance(name_or_callable, str):
        try:
            return ACTIVATIONS[name_or_callable]
        except KeyError:
            valid = ", ".join(repr(name) for name in ACTIVATIONS)
            raise ValueError(
                f"{argument} must be one of {valid}, None or a callable; got {name_or_callable!r}"
            ) from None
    if callable(name_or_callable):
        return name_or_callable
    raise TypeError(
        f"{argument} must be a name, None or a callable, "
        f"got {name_or_callable!r} of type {type(name_or_callable).__name__}"
    )
