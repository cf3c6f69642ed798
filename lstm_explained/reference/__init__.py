"""The NumPy reference: an LSTM that reproduces Keras's ``keras.layers.LSTM``, and its arithmetic.

Beside the LSTM, the GRU and the SimpleRNN, Keras's other recurrent layers, for comparison.

Everything else in the package is checked against this subpackage or drawn from it: the figures
(:mod:`lstm_explained.figures`) and the Keras and PyTorch conversions
(:mod:`lstm_explained.interop`) import it, and it imports neither of them. It needs only NumPy:
importing it loads neither matplotlib nor TensorFlow (a test checks both in a fresh interpreter).

Modules, in reading order: :mod:`~.activations`, :mod:`~.validation`, :mod:`~.layout` and
:mod:`~.weights` (with :mod:`~.keras_cells`), :mod:`~.cell` (one step), :mod:`~.sequence` (the
loop over time), :mod:`~.cudnn` (where the cuDNN path differs), :mod:`~.stateful`,
:mod:`~.bidirectional`, :mod:`~.shapes` (shapes and parameter counts), :mod:`~.jacobian` (how
units depend on each other), :mod:`~.toy` (a one-unit memory); then the other layers:
:mod:`~.rnn_loop` (their loop over time), :mod:`~.simple_rnn`, :mod:`~.gru_weights` and
:mod:`~.gru`.
"""

from lstm_explained.reference.activations import (
    ACTIVATIONS,
    get_activation,
    hard_sigmoid,
    hard_sigmoid_keras2,
    sigmoid,
)
from lstm_explained.reference.bidirectional import bidirectional_forward
from lstm_explained.reference.cell import StepResult, lstm_step
from lstm_explained.reference.gru import gru_forward
from lstm_explained.reference.gru_weights import GRU_GATES, GRUWeights
from lstm_explained.reference.jacobian import hidden_jacobian, independent_units_weights
from lstm_explained.reference.sequence import LSTMTrace, lstm_forward, lstm_trace
from lstm_explained.reference.shapes import (
    LAYERS,
    MERGE_MODES,
    ParamBreakdown,
    TensorParams,
    bidirectional_output_shapes,
    output_shapes,
    param_breakdown,
    param_count,
    pytorch_param_count,
)
from lstm_explained.reference.simple_rnn import SimpleRNNWeights, simple_rnn_forward
from lstm_explained.reference.stateful import StatefulLSTM
from lstm_explained.reference.toy import memory_task_input, memory_task_weights
from lstm_explained.reference.weights import GATES, GateWeights, LSTMWeights

__all__ = [
    "ACTIVATIONS",
    "GATES",
    "GRU_GATES",
    "LAYERS",
    "MERGE_MODES",
    "GRUWeights",
    "GateWeights",
    "LSTMTrace",
    "LSTMWeights",
    "ParamBreakdown",
    "SimpleRNNWeights",
    "StatefulLSTM",
    "StepResult",
    "TensorParams",
    "bidirectional_forward",
    "bidirectional_output_shapes",
    "get_activation",
    "gru_forward",
    "hard_sigmoid",
    "hard_sigmoid_keras2",
    "hidden_jacobian",
    "independent_units_weights",
    "lstm_forward",
    "lstm_step",
    "lstm_trace",
    "memory_task_input",
    "memory_task_weights",
    "output_shapes",
    "param_breakdown",
    "param_count",
    "pytorch_param_count",
    "sigmoid",
    "simple_rnn_forward",
]
