"""Tests of reference.validation: sizes, flags and choices, refused with one set of messages."""

import numpy as np
import pytest

from lstm_explained.reference.validation import (
    check_choice,
    check_flag,
    check_optional_size,
    check_size,
)

#: Values that are not sizes, and the error each must raise.
NOT_INTEGERS = [True, False, np.True_, 2.0, 2.5, np.float64(3), "3", None, [3], 3 + 0j]
OUT_OF_RANGE = [0, -1, np.int64(-2)]


@pytest.mark.parametrize("value", [1, 7, np.int64(3), np.int32(5), np.uint8(2)])
def test_integers_and_numpy_integers_are_sizes(value):
    result = check_size("units", value)
    assert result == int(value)
    assert type(result) is int


@pytest.mark.parametrize("value", NOT_INTEGERS)
def test_non_integers_raise_type_error_naming_the_value(value):
    with pytest.raises(TypeError, match=r"^units must be a positive integer, got .* of type"):
        check_size("units", value)


@pytest.mark.parametrize("value", OUT_OF_RANGE)
def test_out_of_range_raises_value_error(value):
    with pytest.raises(ValueError, match=rf"^units must be a positive integer, got {int(value)}$"):
        check_size("units", value)


def test_bounds_are_inclusive_and_named():
    assert check_size("batch_index", 0, minimum=0, maximum=4) == 0
    assert check_size("batch_index", 4, minimum=0, maximum=4) == 4
    with pytest.raises(ValueError, match=r"batch_index must be an integer in \[0, 4\], got 5"):
        check_size("batch_index", 5, minimum=0, maximum=4)
    with pytest.raises(ValueError, match=r"layer must be an integer >= 0, got -1"):
        check_size("layer", -1, minimum=0)


def test_optional_sizes_accept_none_only():
    assert check_optional_size("batch", None) is None
    assert check_optional_size("batch", np.int64(2)) == 2
    with pytest.raises(TypeError, match="batch must be a positive integer"):
        check_optional_size("batch", 2.0)


@pytest.mark.parametrize("value", [True, False, np.True_, np.False_])
def test_flags(value):
    assert check_flag("use_bias", value) is bool(value)


@pytest.mark.parametrize("value", [0, 1, "yes", None, 1.0])
def test_non_flags_raise_type_error(value):
    with pytest.raises(TypeError, match="use_bias must be True or False, got"):
        check_flag("use_bias", value)


def test_choices_compare_type_and_value():
    modes = ("concat", "sum", None)
    assert check_choice("merge_mode", None, modes) is None
    assert check_choice("merge_mode", "sum", modes) == "sum"
    for bad in ("add", 0, False, "None"):
        with pytest.raises(
            ValueError, match="merge_mode must be one of 'concat', 'sum', None; got"
        ):
            check_choice("merge_mode", bad, modes)
