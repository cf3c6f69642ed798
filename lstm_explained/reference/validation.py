"""The one place that checks arguments: sizes, flags and choices, with one set of messages.

Every public function of the package that takes a size (``units``, ``input_dim``, ``batch``,
``timesteps``, ``layers``, ...), a flag or a name from a fixed list goes through these helpers,
so one table of bad values is refused the same way by all of them (``tests/test_bad_inputs.py``
holds the table and finds every public function that takes a size).

The rules:

- A size is an integer: Python ``int`` or a NumPy integer (``np.int64(3)`` is 3). ``bool`` is
  not a size (``True`` would silently mean 1), and neither is a float, even ``4.0``. The wrong
  *type* raises :class:`TypeError`; an integer out of range raises :class:`ValueError`.
- A flag is ``True`` or ``False`` (or a NumPy bool); anything else raises :class:`TypeError`.
- A choice must be one of the listed values; the message lists them.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from typing import TypeVar

import numpy as np

__all__ = ["check_choice", "check_flag", "check_optional_size", "check_size"]

T = TypeVar("T")


def _expected(minimum: int, maximum: int | None) -> str:
    if maximum is None:
        return "a positive integer" if minimum == 1 else f"an integer >= {minimum}"
    return f"an integer in [{minimum}, {maximum}]"


def check_size(name: str, value: object, *, minimum: int = 1, maximum: int | None = None) -> int:
    """Return `value` as an ``int`` if it is an integer in ``[minimum, maximum]``.

    Parameters
    ----------
    name : str
        The argument's name, used in the message.
    value : object
        What the caller passed.
    minimum, maximum : int
        Bounds, both included; ``maximum=None`` means no upper bound.

    Raises
    ------
    TypeError
        If `value` is not an integer (``bool`` and floats are refused, even ``4.0``).
    ValueError
        If `value` is outside ``[minimum, maximum]``.

    Examples
    --------
    >>> import numpy as np
    >>> check_size("units", np.int64(4))  # NumPy integers are integers
    4
    >>> check_size("units", 0)
    Traceback (most recent call last):
    ...
    ValueError: units must be a positive integer, got 0
    >>> check_size("units", True)
    Traceback (most recent call last):
    ...
    TypeError: units must be a positive integer, got True of type bool
    """
    expected = _expected(minimum, maximum)
    if isinstance(value, bool | np.bool_):
        raise TypeError(f"{name} must be {expected}, got {value!r} of type bool")
    try:
        number = operator.index(value)  # int and NumPy integers; refuses floats and strings
    except TypeError:
        raise TypeError(
            f"{name} must be {expected}, got {value!r} of type {type(value).__name__}"
        ) from None
    if number < minimum or (maximum is not None and number > maximum):
        raise ValueError(f"{name} must be {expected}, got {number}")
    return number


def check_optional_size(
    name: str, value: object, *, minimum: int = 1, maximum: int | None = None
) -> int | None:
    """Like :func:`check_size`, but ``None`` (an unknown size, as in Keras shapes) passes.

    Examples
    --------
    >>> check_optional_size("batch", None) is None
    True
    """
    if value is None:
        return None
    return check_size(name, value, minimum=minimum, maximum=maximum)


def check_flag(name: str, value: object) -> bool:
    """Return `value` as a ``bool`` if it is ``True`` or ``False`` (Python or NumPy).

    Raises
    ------
    TypeError
        If `value` is anything else: ``0``, ``1``, ``"yes"``, ``None``.

    Examples
    --------
    >>> import numpy as np
    >>> check_flag("use_bias", np.True_)
    True
    >>> check_flag("use_bias", 1)
    Traceback (most recent call last):
    ...
    TypeError: use_bias must be True or False, got 1 of type int
    """
    if isinstance(value, bool | np.bool_):
        return bool(value)
    raise TypeError(f"{name} must be True or False, got {value!r} of type {type(value).__name__}")


def check_choice(name: str, value: T, choices: Sequence[T]) -> T:
    """Return `value` if it is one of `choices` (compared with ``==``, type included).

    Raises
    ------
    ValueError
        If `value` is not one of `choices`; the message lists them.

    Examples
    --------
    >>> check_choice("merge_mode", "sum", ("concat", "sum", None))
    'sum'
    >>> check_choice("merge_mode", "add", ("concat", "sum", None))
    Traceback (most recent call last):
    ...
    ValueError: merge_mode must be one of 'concat', 'sum', None; got 'add'
    """
    for choice in choices:
        if type(choice) is type(value) and choice == value:
            return value
    listed = ", ".join(repr(choice) for choice in choices)
    raise ValueError(f"{name} must be one of {listed}; got {value!r}")
