"""Shapes, parameter counts and Keras code of a stack of recurrent layers: the site's calculator.

The shapes page carries a calculator written in JavaScript (``docs/_static/calculator.js``). This
module is its specification in Python, built on :mod:`lstm_explained.reference.shapes`: the build
writes :func:`calculator_cases` to ``_static/calculator-cases.json``, a page cell checks every case
against Keras, and a browser test fills the widget with every case and compares what it shows.

A stack has ``layers`` layers of one kind (``LSTM``, ``GRU`` or ``SimpleRNN``: ``layer``) and
the same ``units``; every layer but the top one returns sequences, and ``return_sequences`` /
``return_state`` apply to the top layer. Layer ``k > 1`` reads what the layer below returns:
``units`` features, or ``2*units`` for ``Bidirectional`` with ``merge_mode="concat"``. Pure
arithmetic: Keras is not imported.
"""

from __future__ import annotations

import itertools
from dataclasses import asdict, dataclass
from typing import Any

from lstm_explained.reference.shapes import (
    LAYERS,
    MERGE_MODES,
    bidirectional_output_shapes,
    output_shapes,
    param_breakdown,
    pytorch_param_count,
)
from lstm_explained.reference.validation import (
    check_choice,
    check_flag,
    check_optional_size,
    check_size,
)

__all__ = ["StackConfig", "calculator_cases", "calculator_result", "keras_code", "output_names"]

#: The class of each layer in Keras and in PyTorch.
KERAS_CLASS = {"lstm": "LSTM", "gru": "GRU", "simple_rnn": "SimpleRNN"}
PYTORCH_CLASS = {"lstm": "LSTM", "gru": "GRU", "simple_rnn": "RNN"}


@dataclass(frozen=True)
class StackConfig:
    """The calculator's inputs: `layers` layers of kind `layer`, maybe ``Bidirectional``.

    `layer` is one of ``"lstm"``, ``"gru"``, ``"simple_rnn"``; `reset_after` is the GRU's
    (``keras.layers.GRU(reset_after=...)``), checked to be a bool and ignored by the others.
    Sizes may be NumPy integers and flags NumPy bools; the fields hold Python ``int`` and
    ``bool``.

    Raises
    ------
    TypeError
        If a size or `layers` is not an integer (``None`` is allowed for `batch` and
        `timesteps`), or a flag is not a bool.
    ValueError
        If a size or `layers` is below 1, `merge_mode` or `layer` is unknown, or
        ``merge_mode=None`` (two output tensors) is asked of a stack of more than one layer.
    """

    batch: int | None
    timesteps: int | None
    input_dim: int
    units: int
    return_sequences: bool = False
    return_state: bool = False
    bidirectional: bool = False
    merge_mode: str | None = "concat"
    layers: int = 1
    layer: str = "lstm"
    reset_after: bool = True

    def __post_init__(self) -> None:
        checked = {
            "batch": check_optional_size("batch", self.batch),
            "timesteps": check_optional_size("timesteps", self.timesteps),
            "input_dim": check_size("input_dim", self.input_dim),
            "units": check_size("units", self.units),
            "return_sequences": check_flag("return_sequences", self.return_sequences),
            "return_state": check_flag("return_state", self.return_state),
            "bidirectional": check_flag("bidirectional", self.bidirectional),
            "merge_mode": check_choice("merge_mode", self.merge_mode, MERGE_MODES),
            "layers": check_size("layers", self.layers),
            "layer": check_choice("layer", self.layer, LAYERS),
            "reset_after": check_flag("reset_after", self.reset_after),
        }
        for name, value in checked.items():
            object.__setattr__(self, name, value)  # Python int and bool, not NumPy's
        if self.bidirectional and self.merge_mode is None and self.layers > 1:
            raise ValueError(
                "merge_mode=None returns two tensors; a stacked recurrent layer reads one"
            )


def _shapes(config: StackConfig, input_dim: int, *, top: bool) -> list[tuple[int | None, ...]]:
    """Shapes one layer of the stack returns (a lower layer returns sequences, no state)."""
    options = {
        "return_sequences": config.return_sequences if top else True,
        "return_state": config.return_state if top else False,
    }
    size = (config.batch, config.timesteps, input_dim, config.units)
    if config.bidirectional:
        return bidirectional_output_shapes(
            *size, merge_mode=config.merge_mode, layer=config.layer, **options
        )
    return output_shapes(*size, layer=config.layer, **options)


def output_names(config: StackConfig) -> list[str]:
    """Names of the tensors the top layer returns, in Keras's order.

    Examples
    --------
    >>> output_names(StackConfig(None, 5, 3, 4, return_state=True))
    ['output', 'h', 'c']
    >>> output_names(StackConfig(None, 5, 3, 4, bidirectional=True, merge_mode=None))
    ['forward_output', 'backward_output']
    >>> output_names(StackConfig(None, 5, 3, 4, return_state=True, layer="gru"))
    ['output', 'h']
    """
    states = ["h", "c"] if config.layer == "lstm" else ["h"]
    if not config.bidirectional:
        return ["output", *states] if config.return_state else ["output"]
    split = config.merge_mode is None
    names = ["forward_output", "backward_output"] if split else ["output"]
    both = [f"{direction}_{state}" for direction in ("forward", "backward") for state in states]
    return names + both if config.return_state else names


def calculator_result(config: StackConfig) -> dict[str, Any]:
    """Everything the calculator shows for `config`, as JSON-ready values.

    Returns
    -------
    dict
        ``outputs`` (name and shape of each returned tensor, Keras's order), ``layers`` (per
        layer: ``input_dim``, ``output_shape``, ``directions``, the shape of one direction's
        ``kernel``, ``recurrent_kernel``, ``bias`` and their counts summed over directions,
        ``total``), ``total``, ``pytorch_total`` (the same layers as ``torch.nn.LSTM``,
        ``GRU`` or ``RNN``, two bias vectors each), ``pytorch_code`` (one PyTorch layer with
        those parameters, or ``None`` when PyTorch has none: it concatenates the directions
        between layers), ``pytorch_note`` (where PyTorch's count differs, and why) and
        ``keras_code``.

    Examples
    --------
    >>> result = calculator_result(StackConfig(None, 5, 3, 4, layers=2))
    >>> [layer["input_dim"] for layer in result["layers"]], result["outputs"]
    ([3, 4], [{'name': 'output', 'shape': [None, 4]}])
    >>> result["total"] == 4 * 4 * (3 + 4 + 1) + 4 * 4 * (4 + 4 + 1)
    True
    """
    directions = 2 if config.bidirectional else 1
    layers, pytorch_total, input_dim = [], 0, config.input_dim
    for k in range(config.layers):
        top = k == config.layers - 1
        shapes = _shapes(config, input_dim, top=top)
        row: dict[str, Any] = {"input_dim": input_dim, "output_shape": list(shapes[0])}
        row["directions"] = directions
        breakdown = param_breakdown(
            input_dim, config.units, layer=config.layer, reset_after=config.reset_after
        )
        for tensor in breakdown:
            row[tensor.name] = {"shape": list(tensor.shape), "count": directions * tensor.count}
        row["total"] = sum(row[name]["count"] for name in ("kernel", "recurrent_kernel", "bias"))
        layers.append(row)
        pytorch_total += directions * pytorch_param_count(
            input_dim, config.units, layer=config.layer
        )
        input_dim = shapes[0][-1]  # what the next layer reads
    names = output_names(config)
    top_shapes = _shapes(config, layers[-1]["input_dim"], top=True)
    return {
        "outputs": [{"name": n, "shape": list(s)} for n, s in zip(names, top_shapes, strict=True)],
        "layers": layers,
        "total": sum(row["total"] for row in layers),
        "pytorch_total": pytorch_total,
        "pytorch_code": _pytorch_code(config),
        "pytorch_note": pytorch_note(config),
        "keras_code": keras_code(config),
    }


def pytorch_note(config: StackConfig) -> str:
    """Why PyTorch's count differs from Keras's for this layer, in one or two sentences.

    Examples
    --------
    >>> pytorch_note(StackConfig(None, 5, 3, 4))
    'PyTorch keeps two bias vectors: 4 × units more parameters per layer and direction.'
    """
    if config.layer == "gru" and config.reset_after:
        return (
            "PyTorch's GRU keeps two bias vectors, as Keras's GRU with reset_after=True keeps "
            "two bias rows: the same count."
        )
    blocks = {"lstm": "4 × units", "gru": "3 × units", "simple_rnn": "units"}[config.layer]
    note = f"PyTorch keeps two bias vectors: {blocks} more parameters per layer and direction."
    if config.layer == "gru":
        note += (
            " And PyTorch's GRU has no reset_after=False: it always applies the reset gate "
            "after the recurrent product, as Keras's default reset_after=True does."
        )
    return note


def _pytorch_code(config: StackConfig) -> str | None:
    if config.bidirectional and config.layers > 1 and config.merge_mode != "concat":
        return None
    args = [f"input_size={config.input_dim}", f"hidden_size={config.units}"]
    args += [f"num_layers={config.layers}"] if config.layers > 1 else []
    args += ["bidirectional=True"] if config.bidirectional else []
    return f"torch.nn.{PYTORCH_CLASS[config.layer]}({', '.join([*args, 'batch_first=True'])})"


def _layer_lines(config: StackConfig, target: str, source: str, *, top: bool) -> list[str]:
    """``target = <layer>(source)``; a ``Bidirectional`` wrapper is split over three lines."""
    args = [str(config.units)]
    if config.layer == "gru" and not config.reset_after:
        args.append("reset_after=False")
    if config.return_sequences or not top:
        args.append("return_sequences=True")
    if config.return_state and top:
        args.append("return_state=True")
    layer = f"keras.layers.{KERAS_CLASS[config.layer]}({', '.join(args)})"
    if not config.bidirectional:
        return [f"{target} = {layer}({source})"]
    merge = "None" if config.merge_mode is None else f'"{config.merge_mode}"'
    return [
        f"{target} = keras.layers.Bidirectional(",
        f"    {layer}, merge_mode={merge}",
        f")({source})",
    ]


def keras_code(config: StackConfig) -> str:
    """Keras 3 code that builds the stack as a functional model, naming what it returns.

    Examples
    --------
    >>> print(keras_code(StackConfig(None, None, 3, 4, return_state=True)))
    import keras
    <BLANKLINE>
    inputs = keras.Input(shape=(None, 3))
    output, h, c = keras.layers.LSTM(4, return_state=True)(inputs)
    model = keras.Model(inputs, [output, h, c])
    model.summary()
    """
    steps = "None" if config.timesteps is None else str(config.timesteps)
    batch = "" if config.batch is None else f", batch_size={config.batch}"
    lines = [
        "import keras",
        "",
        f"inputs = keras.Input(shape=({steps}, {config.input_dim}){batch})",
    ]
    below = "inputs"
    for _ in range(config.layers - 1):
        lines += _layer_lines(config, "x", below, top=False)
        below = "x"
    names = output_names(config)
    lines += _layer_lines(config, ", ".join(names), below, top=True)
    returned = names[0] if len(names) == 1 else f"[{', '.join(names)}]"
    lines += [f"model = keras.Model(inputs, {returned})", "model.summary()"]
    return "\n".join(lines) + "\n"


def calculator_cases() -> list[dict[str, Any]]:
    """Cases for the calculator's browser test: every option combination, varied sizes.

    Each combination of the flags, the direction and ``merge_mode`` comes with one to three
    layers; the kind of layer (LSTM, GRU with either ``reset_after``, SimpleRNN) turns in a
    cycle that does not follow the sizes', so that each kind meets every option and most sizes.
    Each case is ``{"input": asdict(StackConfig), "expected": calculator_result(config)}``.
    Deterministic: the same list on every call.

    Examples
    --------
    >>> cases = calculator_cases()
    >>> len(cases) > 40 and cases == calculator_cases()
    True
    """
    directions: list[tuple[bool, str | None]] = [(False, "concat")]
    directions += [(True, mode) for mode in MERGE_MODES]
    sizes = [(None, None, 3, 4), (32, 10, 1, 1), (None, 7, 16, 64), (1, None, 5, 2)]
    kinds = [("lstm", True), ("gru", True), ("simple_rnn", True), ("gru", False)]
    cases, index = [], 0
    flags = itertools.product((False, True), repeat=2)
    for (sequences, state), (bidirectional, merge_mode) in itertools.product(flags, directions):
        for layers in (1, 2, 3) if index % 3 == 0 else (1, 2):
            if bidirectional and merge_mode is None and layers > 1:
                continue
            batch, timesteps, input_dim, units = sizes[index % len(sizes)]
            layer, reset_after = kinds[(index + index // 6) % len(kinds)]  # all pairs meet
            index += 1
            config = StackConfig(
                batch, timesteps, input_dim, units, sequences, state, bidirectional, merge_mode,
                layers, layer, reset_after,
            )  # fmt: skip
            cases.append({"input": asdict(config), "expected": calculator_result(config)})
    return cases
