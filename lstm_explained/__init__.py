"""LSTM units, explained: a NumPy LSTM that reproduces Keras 3's ``keras.layers.LSTM``.

Importing this package does not import TensorFlow or Keras; only the functions of
:mod:`lstm_explained.keras_io` do, when called.
"""

# --- reference implementation (issue 3) -----------------------------------------------------
from lstm_explained.activations import get_activation, hard_sigmoid, hard_sigmoid_keras2, sigmoid
from lstm_explained.bidirectional import bidirectional_forward
from lstm_explained.calculator import (
    StackConfig,
    calculator_cases,
    calculator_result,
    keras_code,
    output_names,
)
from lstm_explained.cell import StepResult, lstm_step
from lstm_explained.keras_io import (
    compare_bidirectional_with_keras,
    compare_with_keras,
    keras_bidirectional,
    keras_lstm,
    weights_from_keras,
    weights_to_keras,
)
from lstm_explained.pytorch import from_pytorch_state_dict, pytorch_names, to_pytorch_state_dict
from lstm_explained.sequence import LSTMTrace, lstm_forward, lstm_trace
from lstm_explained.shapes import (
    MERGE_MODES,
    ParamBreakdown,
    TensorParams,
    bidirectional_output_shapes,
    output_shapes,
    param_breakdown,
    param_count,
    pytorch_param_count,
)
from lstm_explained.stateful import StatefulLSTM
from lstm_explained.toy import memory_task_input, memory_task_weights
from lstm_explained.weights import GATES, GateWeights, LSTMWeights

__all__ = [
    "GATES",
    "MERGE_MODES",
    "GateWeights",
    "LSTMTrace",
    "LSTMWeights",
    "ParamBreakdown",
    "StackConfig",
    "StatefulLSTM",
    "StepResult",
    "TensorParams",
    "bidirectional_forward",
    "bidirectional_output_shapes",
    "calculator_cases",
    "calculator_result",
    "compare_bidirectional_with_keras",
    "compare_with_keras",
    "from_pytorch_state_dict",
    "get_activation",
    "hard_sigmoid",
    "hard_sigmoid_keras2",
    "keras_bidirectional",
    "keras_code",
    "keras_lstm",
    "lstm_forward",
    "lstm_step",
    "lstm_trace",
    "memory_task_input",
    "memory_task_weights",
    "output_names",
    "output_shapes",
    "param_breakdown",
    "param_count",
    "pytorch_names",
    "pytorch_param_count",
    "sigmoid",
    "to_pytorch_state_dict",
    "weights_from_keras",
    "weights_to_keras",
]

# --- figures (issue 4) ------------------------------------------------------------------------
from lstm_explained.cell_diagram import HIGHLIGHTS, CellDiagram, cell_diagram
from lstm_explained.coupling import (
    CouplingFigure,
    coupling_figure,
    hidden_jacobian,
    independent_units_weights,
)
from lstm_explained.diagrams import ELIDE_ABOVE, VectorArtists
from lstm_explained.display import ThemedFigure, show
from lstm_explained.gate_plots import GatePlot, gate_plot
from lstm_explained.style import (
    GATE_COLORS,
    THEMES,
    Theme,
    figure_to_png,
    figure_to_svg,
    get_theme,
    save_figure,
)
from lstm_explained.unrolled_diagram import UnrolledDiagram, unrolled_diagram
from lstm_explained.weights_diagram import WeightsDiagram, weights_diagram

__all__ += [
    "ELIDE_ABOVE",
    "GATE_COLORS",
    "HIGHLIGHTS",
    "THEMES",
    "CellDiagram",
    "CouplingFigure",
    "GatePlot",
    "Theme",
    "ThemedFigure",
    "UnrolledDiagram",
    "VectorArtists",
    "WeightsDiagram",
    "cell_diagram",
    "coupling_figure",
    "figure_to_png",
    "figure_to_svg",
    "gate_plot",
    "get_theme",
    "hidden_jacobian",
    "independent_units_weights",
    "save_figure",
    "show",
    "unrolled_diagram",
    "weights_diagram",
]
