"""Conversions and comparisons with the frameworks: Keras (imported when called) and PyTorch.

:mod:`~.keras_io` builds Keras layers that hold given weights and measures how far the reference
is from them; it imports Keras inside its functions only. :mod:`~.pytorch` maps the weights to
and from the layout of PyTorch's ``nn.LSTM`` in NumPy, without PyTorch, and :mod:`~.pytorch_gru`
does the same for a GRU and ``nn.GRU``. They import :mod:`lstm_explained.reference`, which
imports none of them. Reading weights out of a Keras layer is
:meth:`LSTMWeights.from_keras <lstm_explained.reference.weights.LSTMWeights.from_keras>`.
"""

from lstm_explained.interop.keras_io import (
    compare_bidirectional_with_keras,
    compare_with_keras,
    keras_bidirectional,
    keras_lstm,
)
from lstm_explained.interop.pytorch import (
    from_pytorch_state_dict,
    pytorch_names,
    to_pytorch_state_dict,
)
from lstm_explained.interop.pytorch_gru import (
    from_pytorch_gru_state_dict,
    to_pytorch_gru_state_dict,
)

__all__ = [
    "compare_bidirectional_with_keras",
    "compare_with_keras",
    "from_pytorch_gru_state_dict",
    "from_pytorch_state_dict",
    "keras_bidirectional",
    "keras_lstm",
    "pytorch_names",
    "to_pytorch_gru_state_dict",
    "to_pytorch_state_dict",
]
