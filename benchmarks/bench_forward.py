"""Time the NumPy forwards against Keras's LSTM, GRU and SimpleRNN on CPU, in one process.

Run with ``python benchmarks/bench_forward.py [--repeats N] [--layers lstm gru simple_rnn]``.
For each layer and size it prints the median wall time of the NumPy reference
(``lstm_forward``, ``gru_forward``, ``simple_rnn_forward``), of the Keras layer called eagerly
(``layer(x)``, the way the pages call it), and of the same layer's call compiled with
``tf.function``, and the ratios. Each reference output is checked against Keras's before it is
timed. Everything is float32. This is a script: it prints, and nothing imports it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from functools import partial
from typing import Any

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import numpy as np

from lstm_explained import (
    GRUWeights,
    LSTMWeights,
    SimpleRNNWeights,
    gru_forward,
    keras_lstm,
    lstm_forward,
    simple_rnn_forward,
)

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


def setup(kind: str, input_dim: int, units: int) -> tuple[Callable, Any, Any]:
    """The reference forward, its weights and a Keras layer that holds the same weights."""
    if kind == "lstm":
        weights = LSTMWeights.random(input_dim, units, seed=0)
        return lstm_forward, weights, keras_lstm(weights)
    import keras

    weights_class, forward, layer_class = {
        "gru": (GRUWeights, gru_forward, keras.layers.GRU),
        "simple_rnn": (SimpleRNNWeights, simple_rnn_forward, keras.layers.SimpleRNN),
    }[kind]
    weights = weights_class.random(input_dim, units, seed=0)
    layer = layer_class(units)
    layer.build((None, None, input_dim))
    weights.to_keras(layer)
    return forward, weights, layer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    kinds = ("lstm", "gru", "simple_rnn")
    parser.add_argument("--layers", nargs="+", choices=kinds, default=list(kinds))
    args = parser.parse_args()

    import tensorflow as tf

    header = (
        f"{'layer':>10} {'batch':>5} {'steps':>5} {'in':>4} {'units':>5} | {'numpy ms':>9} "
        f"{'keras ms':>9} {'tf.fn ms':>9} | {'keras/numpy':>11} {'tf.fn/numpy':>11}"
    )
    print(header)
    print("-" * len(header))
    for kind in args.layers:
        for batch, timesteps, input_dim, units in SIZES:
            forward, weights, layer = setup(kind, input_dim, units)
            x = np.random.default_rng(0).normal(size=(batch, timesteps, input_dim))
            x = x.astype(np.float32)
            compiled = tf.function(layer.call)
            reference = np.asarray(forward(x, weights))
            if not np.allclose(reference, np.asarray(layer(x)), atol=1e-5):
                raise SystemExit(f"{kind} {batch, timesteps, input_dim, units}: not Keras's")
            t_numpy = median_time(partial(forward, x, weights), args.repeats)
            t_keras = median_time(partial(layer, x), args.repeats)
            t_tf = median_time(partial(compiled, x), args.repeats)
            print(
                f"{kind:>10} {batch:>5} {timesteps:>5} {input_dim:>4} {units:>5} | "
                f"{1e3 * t_numpy:>9.2f} {1e3 * t_keras:>9.2f} {1e3 * t_tf:>9.2f} | "
                f"{t_keras / t_numpy:>11.2f} {t_tf / t_numpy:>11.2f}"
            )


if __name__ == "__main__":
    main()
