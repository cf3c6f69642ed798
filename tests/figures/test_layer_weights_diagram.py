"""Tests of figures.layer_weights_diagram: blocks per layer, shapes and counts, bad input."""

import pytest

from lstm_explained.figures.diagrams import ELIDE_ABOVE
from lstm_explained.figures.layer_weights_diagram import LAYER_BLOCKS, layer_weights_diagram
from lstm_explained.figures.style import figure_to_svg, new_figure
from lstm_explained.reference.shapes import param_breakdown, param_count


@pytest.mark.parametrize(("input_dim", "units"), [(3, 4), (1, 1), (12, 16), (5, 2)])
@pytest.mark.parametrize("reset_after", [True, False])
def test_blocks_shapes_and_counts_follow_the_inputs(input_dim, units, reset_after):
    d = layer_weights_diagram(input_dim, units, reset_after=reset_after)
    for layer, gates in LAYER_BLOCKS.items():
        keys = [key for key in d.blocks if key[0] == layer]
        assert len(keys) == 3 * len(gates)  # kernel, recurrent_kernel, bias: one block per gate
        total = param_count(input_dim, units, layer=layer, reset_after=reset_after)
        assert d.totals[layer] == total == d.breakdowns[layer].total
        assert f"= {total:,}" in d.count_texts[layer].get_text()
        for row in param_breakdown(input_dim, units, layer=layer, reset_after=reset_after):
            assert d.shape_labels[layer, row.name].get_text() == str(row.shape)
            assert f"{row.name} {row.shape}" in d.alt
    widths = {round(block.get_width(), 9) for block in d.blocks.values()}
    assert len(widths) == 1  # every block is `units` columns wide
    bias_rows = "+2)" if reset_after else "+1)"
    assert bias_rows in d.count_texts["gru"].get_text()


def test_gru_bias_blocks_are_twice_as_high_with_reset_after():
    d = layer_weights_diagram(3, 4)
    gru, lstm = d.blocks["gru", "bias", "z"], d.blocks["lstm", "bias", "i"]
    assert gru.get_height() == pytest.approx(2 * lstm.get_height())
    assert d.shape_labels["gru", "bias"].get_text() == "(2, 12)"
    flat = layer_weights_diagram(3, 4, reset_after=False)
    assert flat.blocks["gru", "bias", "z"].get_height() == pytest.approx(lstm.get_height())


def test_block_sizes_grow_with_units_until_elided():
    small, large = layer_weights_diagram(3, 2), layer_weights_diagram(3, 4)
    width = large.blocks["lstm", "kernel", "i"].get_width()
    assert width == pytest.approx(2 * small.blocks["lstm", "kernel", "i"].get_width())
    elided = layer_weights_diagram(3, 10 * ELIDE_ABOVE).blocks["lstm", "kernel", "i"]
    assert elided.get_width() < 2 * width  # a long side is drawn elided, not cell by cell


def test_without_a_bias_there_are_no_bias_blocks():
    d = layer_weights_diagram(3, 4, use_bias=False)
    assert not [key for key in d.blocks if key[1] == "bias"]
    assert d.totals["gru"] == param_count(3, 4, use_bias=False, layer="gru")


def test_draws_on_a_given_axes_and_is_deterministic():
    fig = new_figure(7.2, 3.0)
    ax = fig.add_axes((0, 0, 1, 1))
    assert layer_weights_diagram(3, 4, ax=ax).ax is ax
    first, second = layer_weights_diagram(3, 4).figure, layer_weights_diagram(3, 4).figure
    assert figure_to_svg(first) == figure_to_svg(second)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"units": 0}, ValueError, "units must be an integer in"),
        ({"input_dim": 4.0}, TypeError, "input_dim must be an integer"),
        ({"use_bias": 1}, TypeError, "use_bias must be True or False"),
        ({"reset_after": None}, TypeError, "reset_after must be True or False"),
        ({"theme": "sepia"}, ValueError, "theme must be one of"),
    ],
)
def test_bad_input_raises(kwargs, error, message):
    with pytest.raises(error, match=message):
        layer_weights_diagram(**{"input_dim": 3, "units": 4, **kwargs})
