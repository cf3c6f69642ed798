"""Tests of reference.toy: the hand-set memory LSTM writes, holds and reads one value."""

import numpy as np
import pytest

from lstm_explained import lstm_trace
from lstm_explained.reference import sigmoid
from lstm_explained.reference.toy import READ, VALUE, WRITE, memory_task_input, memory_task_weights

GAIN = 30.0
LEAK = float(sigmoid(np.array(-GAIN / 2)))  # how far a closed gate is from 0
HOLD_ATOL = 1e-4  # 12 steps of a leak of about 3e-7, plus float32 rounding


def run(values, write_at, read_at, gain=GAIN):
    x = memory_task_input(values, write_at=write_at, read_at=read_at)
    return x, lstm_trace(x, memory_task_weights(gain))


def test_weights_layout():
    w = memory_task_weights(GAIN)
    assert (w.input_dim, w.units, w.dtype) == (3, 1, np.float32)
    np.testing.assert_array_equal(w.recurrent_kernel, 0.0)
    assert w.gate("i").kernel[WRITE, 0] == GAIN
    assert w.gate("f").kernel[WRITE, 0] == -GAIN
    assert w.gate("c").kernel[VALUE, 0] == 1.0
    assert w.gate("o").kernel[READ, 0] == GAIN
    np.testing.assert_array_equal(w.bias, [-GAIN / 2, GAIN / 2, 0.0, -GAIN / 2])


def test_dtype_is_kept():
    assert memory_task_weights(dtype=np.float64).dtype == np.float64
    assert memory_task_input([1.0], write_at=[0], read_at=[], dtype=np.float64).dtype == np.float64


@pytest.mark.parametrize("gain", [0.0, -1.0, np.inf, np.nan])
def test_bad_gain(gain):
    with pytest.raises(ValueError, match="gain"):
        memory_task_weights(gain)


def test_input_layout():
    x = memory_task_input([[0.1, 0.2, 0.3, 0.4]] * 2, write_at=[1], read_at=[2, 3])
    assert x.shape == (2, 4, 3)
    np.testing.assert_array_equal(x[:, :, WRITE], [[0, 1, 0, 0]] * 2)
    np.testing.assert_array_equal(x[:, :, READ], [[0, 0, 1, 1]] * 2)
    np.testing.assert_allclose(x[:, :, VALUE], [[0.1, 0.2, 0.3, 0.4]] * 2)


@pytest.mark.parametrize(("values", "match"), [(np.zeros((1, 2, 3)), "shape"), ([], "shape")])
def test_bad_values(values, match):
    with pytest.raises(ValueError, match=match):
        memory_task_input(values, write_at=[], read_at=[])


def test_step_out_of_range():
    with pytest.raises(ValueError, match=r"^write_at\[0\] must be an integer in \[0, 1\], got 2$"):
        memory_task_input([1.0, 2.0], write_at=[2], read_at=[])
    with pytest.raises(ValueError, match=r"^read_at\[1\] must be an integer in \[0, 1\], got -1$"):
        memory_task_input([1.0, 2.0], write_at=[], read_at=[0, -1])


@pytest.mark.parametrize("step", [1.0, 1.5, True, "1", None])
def test_steps_are_integers(step):
    """A step of 1.5 used to be truncated to 1, and True to 1, without a word."""
    with pytest.raises(TypeError, match=r"^write_at\[0\] must be an integer in \[0, 2\], got"):
        memory_task_input([1.0, 2.0, 3.0], write_at=[step], read_at=[])


def test_steps_must_be_iterable_and_numpy_integers_are_steps():
    with pytest.raises(TypeError, match=r"^read_at must be an iterable of integer steps, got 2"):
        memory_task_input([1.0, 2.0, 3.0], write_at=[0], read_at=2)
    numpy = memory_task_input([1.0, 2.0, 3.0], write_at=np.array([0]), read_at=[np.int64(2)])
    np.testing.assert_array_equal(
        numpy, memory_task_input([1.0, 2.0, 3.0], write_at=[0], read_at=[2])
    )


@pytest.mark.parametrize("gain", [True, "30", None])
def test_gain_of_the_wrong_type(gain):
    with pytest.raises(TypeError, match=r"^gain must be a positive finite number, got"):
        memory_task_weights(gain)


def test_writes_holds_and_reads(rng):
    values = rng.uniform(-1, 1, size=(5, 12))
    _, tr = run(values, write_at=[2], read_at=[9])
    stored = np.tanh(values[:, 2])
    np.testing.assert_allclose(tr.c[:, 2:, 0], stored[:, None].repeat(10, 1), atol=HOLD_ATOL)
    np.testing.assert_allclose(tr.c[:, :2, 0], 0.0, atol=HOLD_ATOL)  # nothing written yet
    np.testing.assert_allclose(np.delete(tr.h[:, :, 0], 9, axis=1), 0.0, atol=HOLD_ATOL)
    np.testing.assert_allclose(tr.h[:, 9, 0], np.tanh(stored), atol=HOLD_ATOL)
    hold = [t for t in range(12) if t != 2]
    assert np.all(tr.f[:, hold] >= 1 - 2 * LEAK)
    assert np.all(tr.i[:, hold] <= 2 * LEAK)
    assert np.all(tr.f[:, 2] <= 2 * LEAK)
    assert np.all(tr.i[:, 2] >= 1 - 2 * LEAK)


def test_second_write_overwrites(rng):
    values = rng.uniform(-1, 1, size=(3, 8))
    _, tr = run(values, write_at=[1, 5], read_at=[7])
    np.testing.assert_allclose(tr.c[:, 4, 0], np.tanh(values[:, 1]), atol=HOLD_ATOL)
    np.testing.assert_allclose(tr.c[:, 7, 0], np.tanh(values[:, 5]), atol=HOLD_ATOL)


@pytest.mark.keras
def test_keras_agrees(rng):
    from lstm_explained import compare_with_keras

    values = rng.uniform(-1, 1, size=(3, 10))
    x = memory_task_input(values, write_at=[1], read_at=[8])
    difference = compare_with_keras(x, memory_task_weights(), return_sequences=True)
    assert difference < 1e-5  # float32
