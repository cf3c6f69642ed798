"""LSTM units, explained: a NumPy LSTM that reproduces Keras 3's ``keras.layers.LSTM``.

The package has three layers, and imports run one way, downwards (an import-linter contract in
``pyproject.toml`` enforces it):

- :mod:`lstm_explained.figures` draws every figure from the numbers of the reference, and
  :mod:`lstm_explained.interop` converts and compares with Keras and PyTorch;
- :mod:`lstm_explained.reference` is the NumPy reference itself, which imports neither.

This module re-exports what a reader of the site calls, listed in ``__all__``; everything else
stays importable from its subpackage. ``import lstm_explained`` loads neither TensorFlow nor
Keras (only the functions of :mod:`lstm_explained.interop.keras_io` do, when called) nor
matplotlib (the figure functions are imported on first use).
"""

from __future__ import annotations

from typing import Any

from lstm_explained.interop import (
    compare_bidirectional_with_keras,
    compare_with_keras,
    from_pytorch_state_dict,
    keras_bidirectional,
    keras_lstm,
    to_pytorch_state_dict,
)
from lstm_explained.reference import (
    GRUWeights,
    LSTMWeights,
    SimpleRNNWeights,
    StatefulLSTM,
    bidirectional_forward,
    bidirectional_output_shapes,
    gru_forward,
    hidden_jacobian,
    lstm_forward,
    lstm_step,
    lstm_trace,
    output_shapes,
    param_breakdown,
    param_count,
    pytorch_param_count,
    simple_rnn_forward,
)

#: The figure functions, imported from :mod:`lstm_explained.figures` (and so matplotlib) on
#: first use.
_FIGURES = (
    "cell_diagram",
    "coupling_figure",
    "gate_plot",
    "show",
    "unrolled_diagram",
    "vocabulary_diagram",
    "weights_diagram",
)

__all__ = [
    "GRUWeights",
    "LSTMWeights",
    "SimpleRNNWeights",
    "StatefulLSTM",
    "bidirectional_forward",
    "bidirectional_output_shapes",
    "cell_diagram",
    "compare_bidirectional_with_keras",
    "compare_with_keras",
    "coupling_figure",
    "from_pytorch_state_dict",
    "gate_plot",
    "gru_forward",
    "hidden_jacobian",
    "keras_bidirectional",
    "keras_lstm",
    "lstm_forward",
    "lstm_step",
    "lstm_trace",
    "output_shapes",
    "param_breakdown",
    "param_count",
    "pytorch_param_count",
    "show",
    "simple_rnn_forward",
    "to_pytorch_state_dict",
    "unrolled_diagram",
    "vocabulary_diagram",
    "weights_diagram",
]


def __getattr__(name: str) -> Any:
    """Import a figure function from :mod:`lstm_explained.figures` when it is first used."""
    if name in _FIGURES:
        from lstm_explained import figures

        value = getattr(figures, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'lstm_explained' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
