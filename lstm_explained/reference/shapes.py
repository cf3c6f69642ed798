"""Parameter counts and output shapes of Keras LSTM layers: pure arithmetic, no NumPy.

An LSTM layer has four gates (``GATES = ("i", "f", "c", "o")``); each gate owns ``units`` columns
of the kernel ``(input_dim, 4*units)``, of the recurrent kernel ``(units, 4*units)`` and of the
bias ``(4*units,)``, so Keras's ``count_params()`` is ``4 * units * (input_dim + units + 1)``.
PyTorch's ``nn.LSTM`` keeps two bias vectors (``bias_ih`` and ``bias_hh``) and so has
``4 * hidden_size`` more parameters.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

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


def _check_positive(**sizes: object) -> None:
    for name, value in sizes.items():
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise ValueError(f"{name} must be a positive integer, got {value!r}")


def _check_optional(**sizes: object) -> None:
    _check_positive(**{name: value for name, value in sizes.items() if value is not None})


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
    ValueError
        If `input_dim` or `units` is not a positive integer.

    Examples
    --------
    >>> b = param_breakdown(input_dim=3, units=2)
    >>> [(row.name, row.shape, row.per_gate) for row in b]
    [('kernel', (3, 8), 6), ('recurrent_kernel', (2, 8), 4), ('bias', (8,), 2)]
    >>> b.total == param_count(3, 2) == 4 * 2 * (3 + 2 + 1)
    True
    """
    _check_positive(input_dim=input_dim, units=units)
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
    ValueError
        If `input_dim` or `units` is not a positive integer.

    Examples
    --------
    >>> param_count(input_dim=32, units=128) == 4 * 128 * (32 + 128 + 1)
    True
    """
    _check_positive(input_dim=input_dim, units=units)
    return 4 * units * (input_dim + units + int(bool(use_bias)))


def pytorch_param_count(input_size: int, hidden_size: int, bias: bool = True) -> int:
    """Parameters of a one-layer ``torch.nn.LSTM``: two bias vectors, so ``4*hidden_size`` more.

    Examples
    --------
    >>> pytorch_param_count(32, 128) - param_count(32, 128) == 4 * 128
    True
    """
    _check_positive(input_size=input_size, hidden_size=hidden_size)
    return 4 * hidden_size * (input_size + hidden_size + 2 * int(bool(bias)))


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
    ValueError
        If a size is not a positive integer (``None`` allowed for `batch` and `timesteps`).

    Examples
    --------
    >>> output_shapes(None, 7, 3, 2, return_sequences=True, return_state=True)
    [(None, 7, 2), (None, 2), (None, 2)]
    """
    _check_positive(input_dim=input_dim, units=units)
    _check_optional(batch=batch, timesteps=timesteps)
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
    ValueError
        If `merge_mode` is not one of ``MERGE_MODES`` or a size is invalid.

    Examples
    --------
    >>> bidirectional_output_shapes(8, None, 3, 2, merge_mode=None, return_state=True)
    [(8, 2), (8, 2), (8, 2), (8, 2), (8, 2), (8, 2)]
    >>> bidirectional_output_shapes(8, 5, 3, 2, return_sequences=True)
    [(8, 5, 4)]
    """
    if merge_mode not in MERGE_MODES:
        raise ValueError(f"unknown merge_mode {merge_mode!r}; expected one of {MERGE_MODES}")
    single = output_shapes(
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
