"""A stateful LSTM: h and c carried from one call to the next, like ``LSTM(stateful=True)``.

A stateful Keras layer starts each call from the final states of the previous call instead of from
zeros, so feeding a long sequence in chunks gives the same result as feeding it at once.
:class:`StatefulLSTM` does the same with :func:`~lstm_explained.reference.sequence.lstm_forward`: a
call equals ``lstm_forward(x, weights, initial_state=[h, c])`` with the states left by the previous
call.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from lstm_explained.reference.activations import Activation
from lstm_explained.reference.sequence import lstm_forward
from lstm_explained.reference.validation import check_flag, check_size
from lstm_explained.reference.weights import LSTMWeights

__all__ = ["StatefulLSTM"]

Array = NDArray[np.floating]


class StatefulLSTM:
    """An LSTM that keeps its states between calls (Keras's ``stateful=True``).

    Parameters
    ----------
    weights : LSTMWeights
    batch_size : int
        Fixed batch size (as Keras requires for stateful layers).
    return_sequences, go_backwards, activation, recurrent_activation
        As for :func:`~lstm_explained.reference.sequence.lstm_forward`, fixed for the
        object's life.

    Attributes
    ----------
    h, c : ndarray, shape (batch_size, units)
        The current states (read-only copies); zeros after construction or :meth:`reset_state`.

    Raises
    ------
    TypeError
        If `weights` is not :class:`LSTMWeights`, `batch_size` is not an integer, or a flag is
        not a bool.
    ValueError
        If `batch_size` is below 1.

    Examples
    --------
    >>> w = LSTMWeights.random(input_dim=3, units=2)
    >>> x = np.random.default_rng(0).normal(size=(4, 6, 3)).astype(np.float32)
    >>> layer = StatefulLSTM(w, batch_size=4, return_sequences=True)
    >>> chunks = np.concatenate([layer(x[:, :2]), layer(x[:, 2:])], axis=1)
    >>> bool(np.allclose(chunks, lstm_forward(x, w, return_sequences=True), atol=1e-6))
    True
    """

    def __init__(
        self,
        weights: LSTMWeights,
        batch_size: int,
        *,
        return_sequences: bool = False,
        go_backwards: bool = False,
        activation: str | Activation | None = "tanh",
        recurrent_activation: str | Activation | None = "sigmoid",
    ) -> None:
        if not isinstance(weights, LSTMWeights):
            raise TypeError(f"weights must be LSTMWeights, got {type(weights).__name__}")
        self.weights = weights
        self.batch_size = check_size("batch_size", batch_size)
        self._options = {
            "return_sequences": check_flag("return_sequences", return_sequences),
            "go_backwards": check_flag("go_backwards", go_backwards),
            "activation": activation,
            "recurrent_activation": recurrent_activation,
        }
        self.reset_state()

    @property
    def h(self) -> Array:
        return self._read_only(self._h)

    @property
    def c(self) -> Array:
        return self._read_only(self._c)

    @staticmethod
    def _read_only(array: Array) -> Array:
        view = array.view()
        view.flags.writeable = False
        return view

    def reset_state(self) -> None:
        """Set h and c back to zeros."""
        shape = (self.batch_size, self.weights.units)
        self._h = np.zeros(shape, self.weights.dtype)
        self._c = np.zeros(shape, self.weights.dtype)

    def __call__(self, x: ArrayLike, *, mask: ArrayLike | None = None) -> Array:
        """Run on `x`, shape (batch_size, timesteps, input_dim), from the current states.

        The final states become the current states for the next call.

        Returns the output as :func:`~lstm_explained.reference.sequence.lstm_forward` would.

        Raises
        ------
        ValueError
            If the batch size of `x` is not `batch_size`, or any shape error of ``lstm_forward``.
        """
        x = np.asarray(x)
        if x.ndim != 3 or x.shape[0] != self.batch_size:
            raise ValueError(
                f"x has shape {x.shape}; expected (batch_size, timesteps, input_dim) with "
                f"batch_size={self.batch_size} (a stateful LSTM has a fixed batch size)"
            )
        output, self._h, self._c = lstm_forward(
            x,
            self.weights,
            return_state=True,
            initial_state=[self._h, self._c],
            mask=mask,
            **self._options,
        )
        return output
