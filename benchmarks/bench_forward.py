"""Time ``lstm_forward`` against ``keras.layers.LSTM`` on CPU, in one process.

Run with ``python benchmarks/bench_forward.py [--repeats N]``. For each size it prints the median
wall time of the NumPy reference, of the Keras layer called eagerly (``layer(x)``, the way the
pages call it), and of the same layer's call compiled with ``tf.function``, and the ratios.
Everything is float32. This is a script: it prints, and nothing imports it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from functools import partial

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import numpy as np

from lstm_explained import LSTMWeights, keras_lstm, lstm_forward

# (batch, timesteps, input_dim, units)
SIZES = [(1, 20, 8, 16), (8, 50, 16, 64), (32, 100, 32, 128), (64, 200, 64, 256)]


def median_time(fn: Callable[[], object], repeats: int) -> float:
    """Median wall time of `fn()` in seconds, after one warm-up call."""
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()

    import tensorflow as tf

    header = (
        f"{'batch':>5} {'steps':>5} {'in':>4} {'units':>5} | {'numpy ms':>9} "
        f"{'keras ms':>9} {'tf.fn ms':>9} | {'keras/numpy':>11} {'tf.fn/numpy':>11}"
    )
    print(header)
    print("-" * len(header))
    for batch, timesteps, input_dim, units in SIZES:
        weights = LSTMWeights.random(input_dim, units, seed=0)
        x = np.random.default_rng(0).normal(size=(batch, timesteps, input_dim))
        x = x.astype(np.float32)
        layer = keras_lstm(weights)
        compiled = tf.function(layer.call)
        t_numpy = median_time(partial(lstm_forward, x, weights), args.repeats)
        t_keras = median_time(partial(layer, x), args.repeats)
        t_tf = median_time(partial(compiled, x), args.repeats)
        assert np.allclose(lstm_forward(x, weights), np.asarray(layer(x)), atol=1e-5)
        print(
            f"{batch:>5} {timesteps:>5} {input_dim:>4} {units:>5} | {1e3 * t_numpy:>9.2f} "
            f"{1e3 * t_keras:>9.2f} {1e3 * t_tf:>9.2f} | {t_keras / t_numpy:>11.2f} "
            f"{t_tf / t_numpy:>11.2f}"
        )


if __name__ == "__main__":
    main()
