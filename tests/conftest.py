"""Shared fixtures. TensorFlow is kept quiet and deterministic before anything imports Keras."""

import os
from html.parser import HTMLParser

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"  # hide TensorFlow's info and warning logs
os.environ["TF_ENABLE_ONEDNN_OPTS"] = "0"  # no oneDNN reordering: reproducible float32 sums
os.environ["KERAS_BACKEND"] = "tensorflow"

import numpy as np
import pytest

from lstm_explained import LSTMWeights

#: Set by CI (``.ci/run``): a TensorFlow that fails to import is an error there, not a skip.
REQUIRE_KERAS = os.environ.get("LSTM_EXPLAINED_REQUIRE_KERAS", "") not in ("", "0")


def require_tensorflow() -> None:
    """Skip the calling test when TensorFlow does not import, or fail it under CI.

    Without TensorFlow (a NumPy-only checkout) the Keras tests skip cleanly. In CI, where
    ``LSTM_EXPLAINED_REQUIRE_KERAS=1``, a broken install must not hide as a row of skips: the
    import error fails the test instead.
    """
    if REQUIRE_KERAS:
        import tensorflow  # noqa: F401  (an ImportError here fails the test)
    else:
        pytest.importorskip("tensorflow")


def pytest_runtest_setup(item):
    """Tests marked ``keras`` skip when TensorFlow is not installed (fail in CI, see above)."""
    if item.get_closest_marker("keras") is not None:
        require_tensorflow()


@pytest.fixture(scope="session")
def keras():
    """The keras module; skips the test when TensorFlow is not installed (fails in CI)."""
    require_tensorflow()
    import keras

    return keras


@pytest.fixture
def rng():
    return np.random.default_rng(1234)


@pytest.fixture
def cell_inputs(rng):
    """Weights (input_dim=3, units=4), x (batch=5, timesteps=6) and initial states h0, c0."""
    weights = LSTMWeights.random(input_dim=3, units=4, seed=7)
    x = rng.normal(size=(5, 6, 3)).astype(np.float32)
    h0, c0 = rng.normal(size=(2, 5, 4)).astype(np.float32)
    return weights, x, h0, c0


def _constant_weights(input_dim, units, *, unit_forget_bias=True, use_bias=True):
    """Weights of Keras's own LSTM tests: kernel 0.01, recurrent kernel 0.02, bias 0.03.

    With ``unit_forget_bias`` Keras *sets* the forget block of the bias to 1.0.
    """
    bias = np.full(4 * units, 0.03, np.float32)
    if unit_forget_bias:
        bias[units : 2 * units] = 1.0
    return LSTMWeights(
        np.full((input_dim, 4 * units), 0.01, np.float32),
        np.full((units, 4 * units), 0.02, np.float32),
        bias if use_bias else None,
    )


def _mixed_mask(batch, timesteps, rng):
    """A mask whose rows cycle through: holes, fully masked, left padded, right padded, all valid.

    Returns a (batch, timesteps) boolean array.
    """
    mask = np.ones((batch, timesteps), bool)
    for row in range(batch):
        kind = row % 5
        cut = timesteps // 2
        if kind == 0:
            mask[row] = rng.random(timesteps) < 0.6
        elif kind == 1:
            mask[row] = False
        elif kind == 2:
            mask[row, :cut] = False
        elif kind == 3:
            mask[row, timesteps - cut :] = False
    return mask


@pytest.fixture
def constant_weights():
    """Factory ``constant_weights(input_dim, units, ...)`` for Keras's test weights."""
    return _constant_weights


@pytest.fixture
def mixed_mask():
    """Factory ``mixed_mask(batch, timesteps, rng)`` for masks with every kind of padding."""
    return _mixed_mask


@pytest.fixture
def images_in():
    """A function giving the attributes of every <img> of an HTML text, as a browser reads them."""

    def parse(page: str) -> list[dict[str, str | None]]:
        found: list[dict[str, str | None]] = []

        class Images(HTMLParser):
            def handle_starttag(self, tag, attrs):
                if tag == "img":
                    found.append(dict(attrs))

        Images().feed(page)
        return found

    return parse
