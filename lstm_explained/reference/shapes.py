"""Parameter counts and output shapes of Keras LSTM layers: pure arithmetic on Python ints.

An LSTM layer has four gates (``GATES = ("i", "f", "c", "o")``); each gate owns ``units`` columns
of the kernel ``(input_dim, 4*units)``, of the recurrent kernel ``(units, 4*units)`` and of the
bias ``(4*units,)``, so Keras's ``count_params()`` is ``4 * units * (input_dim + units + 1)``.
PyTorch's ``nn.LSTM`` keeps two bias vectors (``bias_ih`` and ``bias_hh``) and so has
``4 * hidden_size`` more parameters.

Every function checks its arguments with :mod:`lstm_explained.reference.validation`: a size is
an ``int`` or a NumPy integer (``bool`` and floats raise :class:`TypeError`, sizes below 1 raise
:class:`ValueError`), a flag is ``True`` or ``False``, and the results hold Python ``int`` only.
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

Shape = tuple[int | None, ...]


@dataclass(frozen=True)
class TensorParams:
    """One weight tensor of the layer: its name, shape, parameters per gate and in total."""

    name: str
    shape: tuple[int, ...]
    per_gate: int
    count: int


@dataclass(frozen=True)
class ParamBreakdown:
    """Parameters of an LSTM layer, tensor by tensor; iterate it for the rows of a table.

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


def param_breakdown(input_dim: int, units: int, use_bias: bool = True) -> ParamBreakdown:
    """Parameters of ``keras.layers.LSTM(units)`` on inputs with `input_dim` features.

    Raises
    ------
    TypeError
        If `input_dim` or `units` is not an integer, or `use_bias` is not a bool.
    ValueError
        If `input_dim` or `units` is below 1.

    Examples
    --------
    >>> b = param_breakdown(input_dim=3, units=2)
    >>> [(row.name, row.shape, row.per_gate) for row in b]
    [('kernel', (3, 8), 6), ('recurrent_kernel', (2, 8), 4), ('bias', (8,), 2)]
    >>> b.total == param_count(3, 2) == 4 * 2 * (3 + 2 + 1)
    True
    """
    input_dim, units = check_size("input_dim", input_dim), check_size("units", units)
    use_bias = check_flag("use_bias", use_bias)
    rows = [
        TensorParams("kernel", (input_dim, 4 * units), input_dim * units, 4 * input_dim * units),
        TensorParams("recurrent_kernel", (units, 4 * units), units * units, 4 * units * units),
    ]
    if use_bias:
        rows.append(TensorParams("bias", (4 * units,), units, 4 * units))
    return ParamBreakdown(tuple(rows))


def param_count(input_dim: int, units: int, use_bias: bool = True) -> int:
    """Number of parameters of a Keras LSTM layer (what ``layer.count_params()`` returns).

    Raises
    ------
    TypeError
        If `input_dim` or `units` is not an integer, or `use_bias` is not a bool.
    ValueError
        If `input_dim` or `units` is below 1.

    Examples
    --------
    >>> param_count(input_dim=32, units=128) == 4 * 128 * (32 + 128 + 1)
    True
    """
    input_dim, units = check_size("input_dim", input_dim), check_size("units", units)
    use_bias = check_flag("use_bias", use_bias)
    return 4 * units * (input_dim + units + int(bool(use_bias)))


def pytorch_param_count(input_size: int, hidden_size: int, bias: bool = True) -> int:
    """Parameters of a one-layer ``torch.nn.LSTM``: two bias vectors, so ``4*hidden_size`` more.

    Raises
    ------
    TypeError
        If `input_size` or `hidden_size` is not an integer, or `bias` is not a bool.
    ValueError
        If `input_size` or `hidden_size` is below 1.

    Examples
    --------
    >>> pytorch_param_count(32, 128) - param_count(32, 128) == 4 * 128
    True
    """
    input_size = check_size("input_size", input_size)
    hidden_size = check_size("hidden_size", hidden_size)
    bias = check_flag("bias", bias)
    return 4 * hidden_size * (input_size + hidden_size + 2 * int(bias))


def output_shapes(
    batch: int | None,
    timesteps: int | None,
    input_dim: int,
    units: int,
    *,
    return_sequences: bool = False,
    return_state: bool = False,
) -> list[Shape]:
    """Shapes returned by ``keras.layers.LSTM(units, ...)`` in Keras's order.

    `batch` and `timesteps` may be ``None`` (unknown, as in Keras symbolic shapes).

    Returns
    -------
    list of tuple
        ``[output]`` or, with `return_state`, ``[output, h, c]``.

    Raises
    ------
    TypeError
        If a size is not an integer (``None`` is allowed for `batch` and `timesteps`), or a
        flag is not a bool.
    ValueError
        If a size is below 1.

    Examples
    --------
    >>> output_shapes(None, 7, 3, 2, return_sequences=True, return_state=True)
    [(None, 7, 2), (None, 2), (None, 2)]
    """
    batch = check_optional_size("batch", batch)
    timesteps = check_optional_size("timesteps", timesteps)
    input_dim, units = check_size("input_dim", input_dim), check_size("units", units)
    return_sequences = check_flag("return_sequences", return_sequences)
    return_state = check_flag("return_state", return_state)
    output = (batch, timesteps, units) if return_sequences else (batch, units)
    return [output, (batch, units), (batch, units)] if return_state else [output]


def bidirectional_output_shapes(
    batch: int | None,
    timesteps: int | None,
    input_dim: int,
    units: int,
    *,
    merge_mode: str | None = "concat",
    return_sequences: bool = False,
    return_state: bool = False,
) -> list[Shape]:
    """Shapes returned by ``keras.layers.Bidirectional(LSTM(units, ...), merge_mode)``.

    Order: the merged output (or, with ``merge_mode=None``, the forward then the backward
    output), then with `return_state` forward h, forward c, backward h, backward c.

    Raises
    ------
    TypeError
        As :func:`output_shapes`: a size that is not an integer, a flag that is not a bool.
    ValueError
        If a size is below 1, or `merge_mode` is not one of ``MERGE_MODES``.

    Examples
    --------
    >>> bidirectional_output_shapes(8, None, 3, 2, merge_mode=None, return_state=True)
    [(8, 2), (8, 2), (8, 2), (8, 2), (8, 2), (8, 2)]
    >>> bidirectional_output_shapes(8, 5, 3, 2, return_sequences=True)
    [(8, 5, 4)]
    """
    merge_mode = check_choice("merge_mode", merge_mode, MERGE_MODES)
    return_state = check_flag("return_state", return_state)
    units = check_size("units", units)
    single = output_shapes(  # checks the other sizes and return_sequences
        batch, timesteps, input_dim, units, return_sequences=return_sequences, return_state=True
    )
    output, states = single[0], single[1:]
    if merge_mode is None:
        outputs = [output, output]
    elif merge_mode == "concat":
        outputs = [(*output[:-1], 2 * units)]
    else:
        outputs = [output]
    return outputs + 2 * states if return_state else outputs
