"""Tests of reference.keras_cells: a layer's built cell, read and written without Keras."""

import subprocess
import sys

import numpy as np
import pytest

from lstm_explained.reference.keras_cells import built_cell, set_cell_weights


class LSTMCell:  # stands for Keras's class: only the name and the attributes matter
    def __init__(self, built=True):
        self.built = built


class LSTM:
    def __init__(self, cell):
        self.cell, self.name = cell, "lstm"


class GRUCell:
    built = True


class SimpleRNNCell:
    """With weights to write: ``weights`` gives the shapes, ``set_weights`` receives arrays."""

    built, use_bias = True, True

    def __init__(self):
        self.weights = [np.zeros((3, 2)), np.zeros((2, 2)), np.zeros(2)]

    def set_weights(self, arrays):
        self.weights = arrays


class Bidirectional:
    forward_layer = backward_layer = None


def test_a_layer_gives_its_cell_and_a_cell_gives_itself():
    cell = LSTMCell()
    assert built_cell(LSTM(cell), "LSTMCell") is cell
    assert built_cell(cell, "LSTMCell") is cell


def test_a_subclass_of_the_cell_is_accepted():
    class PeepholeLSTMCell(LSTMCell):
        pass

    cell = PeepholeLSTMCell()
    assert built_cell(LSTM(cell), "LSTMCell") is cell


@pytest.mark.parametrize(
    ("layer", "message"),
    [
        (Bidirectional(), "pass its forward_layer or backward_layer"),
        (LSTM(GRUCell()), "cell is a LSTMCell, or the cell itself; got LSTM"),
        (GRUCell(), "got GRUCell"),
        (object(), "got object"),
    ],
)
def test_other_layers_are_refused_by_name(layer, message):
    with pytest.raises(TypeError, match=message):
        built_cell(layer, "LSTMCell")


def test_an_unbuilt_layer_is_refused():
    with pytest.raises(ValueError, match="'lstm' is not built"):
        built_cell(LSTM(LSTMCell(built=False)), "LSTMCell")


def test_set_cell_weights_checks_shapes_and_writes_float32():
    cell = SimpleRNNCell()
    arrays = [np.ones((3, 2)), np.ones((2, 2)), np.ones(2, int)]
    set_cell_weights(cell, "SimpleRNNCell", arrays)
    assert [a.dtype for a in cell.weights] == [np.float32] * 3
    with pytest.raises(
        ValueError,
        match=r"^layer '\?' has weight shapes \[\(3, 2\), \(2, 2\), \(2,\)\] \(kernel, "
        r"recurrent_kernel, bias\); the weights have \[\(3, 2\), \(2, 2\)\]$",
    ):
        set_cell_weights(cell, "SimpleRNNCell", arrays[:2])
    with pytest.raises(TypeError, match="got GRUCell"):
        set_cell_weights(GRUCell(), "SimpleRNNCell", arrays)


def test_reading_weights_imports_no_keras():
    probe = (
        "import sys; from lstm_explained.reference import keras_cells, weights, gru, simple_rnn; "
        "print(sorted(m for m in ('keras', 'tensorflow') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


@pytest.mark.keras
def test_real_keras_layers(keras):
    layer = keras.layers.LSTM(3)
    layer.build((None, None, 2))
    assert built_cell(layer, "LSTMCell") is layer.cell
    gru = keras.layers.GRU(3)
    gru.build((None, None, 2))
    with pytest.raises(TypeError, match="got GRU"):
        built_cell(gru, "LSTMCell")
