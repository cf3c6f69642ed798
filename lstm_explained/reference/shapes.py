"""Parameter counts and output shapes of Keras recurrent layers: pure arithmetic on Python ints.

An LSTM layer has four blocks, three gates and the candidate (``GATES = ("i", "f", "c", "o")``);
each block owns ``units`` columns of the kernel ``(input_dim, 4*units)``, of the recurrent kernel
``(units, 4*units)`` and of the bias ``(4*units,)``, so Keras's ``count_params()`` is
``4 * units * (input_dim + units + 1)``. PyTorch's ``nn.LSTM`` keeps two bias vectors
(``bias_ih`` and ``bias_hh``) and so has ``4 * hidden_size`` more parameters.

The other layers of ``LAYERS`` follow the same pattern with other numbers of blocks: a GRU has
three (``z``, ``r``, ``h``) and, with ``reset_after=True`` (Keras's default), two bias rows, so
``3 * units * (input_dim + units + 2)`` parameters (``+ 1`` with ``reset_after=False``); a
SimpleRNN has one block, ``units * (input_dim + units + 1)``. The LSTM returns two states
(h and c), the GRU and the SimpleRNN one (h).

Every function checks its arguments with :mod:`lstm_explained.reference.validation`: a size is
an ``int`` or a NumPy integer (``bool`` and floats raise :class:`TypeError`, sizes below 1 raise
:class:`ValueError`), a flag is ``True`` or ``False``, a layer is one of ``LAYERS``, and the
results hold Python ``int`` only. ``reset_after`` only changes the GRU; for the other layers it
is checked to be a bool and otherwise ignored, so that one set of keywords can describe any layer.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lstm_explained.reference.validation import (
    check_choice,
    check_flag,
    check_optional_size,
    check_size,
)

__all__ = [
    "LAYERS",
    "MERGE_MODES",
    "ParamBreakdown",
    "TensorParams",
    "bidirectional_output_shapes",
    "output_shapes",
    "param_breakdown",
    "param_count",
    "pytorch_param_count",
]

MERGE_MODES: tuple[str | None, ...] = ("concat", "sum", "mul", "ave", None)
"""Values of ``keras.layers.Bidirectional(merge_mode=...)``."""

LAYERS: tuple[str, ...] = ("lstm", "gru", "simple_rnn")
"""Keras recurrent layers known here: ``LSTM``, ``GRU``, ``SimpleRNN`` (values of ``layer=``)."""

_BLOCKS = {"lstm": 4, "gru": 3, "simple_rnn": 1}  # blocks of `units` columns in the weights

Shape = tuple[int | None, ...]


def _blocks_and_bias_rows(layer: str, reset_after: bool) -> tuple[int, int]:
    """Blocks of `units` columns and rows of the bias of `layer`, after checking both."""
    layer = check_choice("layer", layer, LAYERS)
    reset_after = check_flag("reset_after", reset_after)
    return _BLOCKS[layer], 2 if layer == "gru" and reset_after else 1


@dataclass(frozen=True)
class TensorParams:
    """One weight tensor of the layer: its name, shape, parameters per gate and in total.

    ``per_gate`` counts one block of ``units`` columns: a gate of the LSTM or the GRU, the whole
    tensor for the SimpleRNN (one block). A GRU bias with two rows has two rows per gate.
    """

    name: str
    shape: tuple[int, ...]
    per_gate: int
    count: int


@dataclass(frozen=True)
class ParamBreakdown:
    """Parameters of a recurrent layer, tensor by tensor; iterate it for the rows of a table.

    Attributes
    ----------
    rows : tuple of TensorParams
        ``kernel``, ``recurrent_kernel`` and, with a bias, ``bias``.
    total : int
        Sum of the rows' counts; equals :func:`param_count`.
    """

    rows: tuple[TensorParams, ...]

    @property
    def total(self) -> int:
        return sum(row.count for row in self.rows)

    def __iter__(self) -> Iterator[TensorParams]:
        return iter(self.rows)


def param_breakdown(
    input_dim: int,
    units: int,
    use_bias: bool = True,
    *,
    layer: str = "lstm",
    reset_after: bool = True,
) -> ParamBreakdown:
    """Parameters of ``keras.layers.LSTM(units)`` (or GRU, SimpleRNN) on `input_dim` features.

    Parameters
    ----------
    input_dim, units : int
    use_bias : bool
    layer : {"lstm", "gru", "simple_rnn"}
    reset_after : bool
        Only for ``layer="gru"``: two bias rows, shape (2, 3*units), instead of one. The other
        layers have no such option: for them it is checked to be a bool, then ignored.

    Raises
    ------
    TypeError
        If `input_dim` or `units` is not an integer, or a flag is not a bool.
    ValueError
        If `input_dim` or `units` is below 1, or `layer` is not one of ``LAYERS``.

    Examples
    --------
    >>> b = param_breakdown(input_dim=3, units=2)
    >>> [(row.name, row.shape, row.per_gate) for row in b]
    [('kernel', (3, 8), 6), ('recurrent_kernel', (2, 8), 4), ('bias', (8,), 2)]
    >>> b.total == param_count(3, 2) == 4 * 2 * (3 + 2 + 1)
    True
    >>> param_breakdown(3, 2, layer="gru").rows[-1].shape  # reset_after: two bias rows
    (2, 6)
    """
    input_dim, units = check_size("input_dim", input_dim), check_size("units", units)
    use_bias = check_flag("use_bias", use_bias)
    blocks, bias_rows = _blocks_and_bias_rows(layer, reset_after)
    width = blocks * units
    rows = [
        TensorParams("kernel", (input_dim, width), input_dim * units, input_dim * width),
        TensorParams("recurrent_kernel", (units, width), units * units, units * width),
    ]
    if use_bias:
        shape = (width,) if bias_rows == 1 else (bias_rows, width)
        rows.append(TensorParams("bias", shape, bias_rows * units, bias_rows * width))
    return ParamBreakdown(tuple(rows))


def param_count(
    input_dim: int,
    units: int,
    use_bias: bool = True,
    *,
    layer: str = "lstm",
    reset_after: bool = True,
) -> int:
    """Number of parameters of a Keras LSTM layer (what ``layer.count_params()`` returns).

    With `layer` ``"gru"`` or ``"simple_rnn"``, of that layer instead (`reset_after` as in
    :func:`param_breakdown`).

    Raises
    ------
    TypeError
        If `input_dim` or `units` is not an integer, or a flag is not a bool.
    ValueError
        If `input_dim` or `units` is below 1, or `layer` is not one of ``LAYERS``.

    Examples
    --------
    >>> param_count(input_dim=32, units=128) == 4 * 128 * (32 + 128 + 1)
    True
    >>> param_count(32, 128, layer="gru") == 3 * 128 * (32 + 128 + 2)  # two bias rows
    True
    >>> param_count(32, 128, layer="simple_rnn") == 128 * (32 + 128 + 1)
    True
    """
    input_dim, units = check_size("input_dim", input_dim), check_size("units", units)
    use_bias = check_flag("use_bias", use_bias)
    blocks, bias_rows = _blocks_and_bias_rows(layer, reset_after)
    return blocks * units * (input_dim + units + bias_rows * int(use_bias))


def pytorch_param_count(
    input_size: int, hidden_size: int, bias: bool = True, *, layer: str = "lstm"
) -> int:
    """Parameters of a one-layer ``torch.nn.LSTM``: two bias vectors, so ``4*hidden_size`` more.

    With `layer` ``"gru"`` or ``"simple_rnn"``, of ``torch.nn.GRU`` or ``torch.nn.RNN``: they
    too keep two bias vectors (``bias_ih`` and ``bias_hh``), so ``3*hidden_size`` and
    ``hidden_size`` more than the textbook count. PyTorch's GRU always applies the reset gate
    after the recurrent product, as Keras's ``reset_after=True`` does, and has the same count.

    Raises
    ------
    TypeError
        If `input_size` or `hidden_size` is not an integer, or `bias` is not a bool.
    ValueError
        If `input_size` or `hidden_size` is below 1, or `layer` is not one of ``LAYERS``.

    Examples
    --------
    >>> pytorch_param_count(32, 128) - param_count(32, 128) == 4 * 128
    True
    >>> pytorch_param_count(32, 128, layer="gru") == param_count(32, 128, layer="gru")
    True
    >>> pytorch_param_count(32, 128, layer="simple_rnn") - 128 * (32 + 128 + 1)
    128
    """
    input_size = check_size("input_size", input_size)
    hidden_size = check_size("hidden_size", hidden_size)
    bias = check_flag("bias", bias)
    blocks, _ = _blocks_and_bias_rows(layer, True)
    return blocks * hidden_size * (input_size + hidden_size + 2 * int(bias))


def output_shapes(
    batch: int | None,
    timesteps: int | None,
    input_dim: int,
    units: int,
    *,
    return_sequences: bool = False,
    return_state: bool = False,
    layer: str = "lstm",
) -> list[Shape]:
    """Shapes returned by ``keras.layers.LSTM(units, ...)`` (or GRU, SimpleRNN) in Keras's order.

    `batch` and `timesteps` may be ``None`` (unknown, as in Keras symbolic shapes).

    Returns
    -------
    list of tuple
        ``[output]`` or, with `return_state`, ``[output, h, c]`` for the LSTM and
        ``[output, h]`` for the GRU and the SimpleRNN.

    Raises
    ------
    TypeError
        If a size is not an integer (``None`` is allowed for `batch` and `timesteps`), or a
        flag is not a bool.
    ValueError
        If a size is below 1, or `layer` is not one of ``LAYERS``.

    Examples
    --------
    >>> output_shapes(None, 7, 3, 2, return_sequences=True, return_state=True)
    [(None, 7, 2), (None, 2), (None, 2)]
    >>> output_shapes(None, 7, 3, 2, return_state=True, layer="gru")
    [(None, 2), (None, 2)]
    """
    batch = check_optional_size("batch", batch)
    timesteps = check_optional_size("timesteps", timesteps)
    input_dim, units = check_size("input_dim", input_dim), check_size("units", units)
    return_sequences = check_flag("return_sequences", return_sequences)
    return_state = check_flag("return_state", return_state)
    states = 2 if check_choice("layer", layer, LAYERS) == "lstm" else 1
    output = (batch, timesteps, units) if return_sequences else (batch, units)
    return [output, *[(batch, units)] * states] if return_state else [output]


def bidirectional_output_shapes(
    batch: int | None,
    timesteps: int | None,
    input_dim: int,
    units: int,
    *,
    merge_mode: str | None = "concat",
    return_sequences: bool = False,
    return_state: bool = False,
    layer: str = "lstm",
) -> list[Shape]:
    """Shapes returned by ``keras.layers.Bidirectional(LSTM(units, ...), merge_mode)``.

    Order: the merged output (or, with ``merge_mode=None``, the forward then the backward
    output), then with `return_state` forward h, forward c, backward h, backward c; for the
    GRU and the SimpleRNN (`layer`), forward h then backward h.

    Raises
    ------
    TypeError
        As :func:`output_shapes`: a size that is not an integer, a flag that is not a bool.
    ValueError
        If a size is below 1, `merge_mode` is not one of ``MERGE_MODES``, or `layer` is not one
        of ``LAYERS``.

    Examples
    --------
    >>> bidirectional_output_shapes(8, None, 3, 2, merge_mode=None, return_state=True)
    [(8, 2), (8, 2), (8, 2), (8, 2), (8, 2), (8, 2)]
    >>> bidirectional_output_shapes(8, 5, 3, 2, return_sequences=True)
    [(8, 5, 4)]
    >>> len(bidirectional_output_shapes(8, 5, 3, 2, return_state=True, layer="gru"))
    3
    """
    merge_mode = check_choice("merge_mode", merge_mode, MERGE_MODES)
    return_state = check_flag("return_state", return_state)
    units = check_size("units", units)
    single = output_shapes(  # checks the other sizes, return_sequences and layer
        batch, timesteps, input_dim, units, return_sequences=return_sequences, return_state=True,
        layer=layer,
    )  # fmt: skip
    output, states = single[0], single[1:]
    if merge_mode is None:
        outputs = [output, output]
    elif merge_mode == "concat":
        outputs = [(*output[:-1], 2 * units)]
    else:
        outputs = [output]
    return outputs + 2 * states if return_state else outputs
