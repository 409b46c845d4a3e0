"""The house style: figures drawn at the size the page shows them, and the rules `show` enforces."""

import io

import matplotlib.pyplot as plt
import numpy as np
import pytest
from PIL import Image

from helpers import plotting


def _line_figure(layout="single", **kw):
    fig, ax = plotting.new_figure(layout, **kw)
    axes = np.atleast_1d(ax)
    for a in axes.flat:
        a.plot([1e6, 1e9], [4.0, 2.0], label="falling line")
        plotting.label_axes(a, "Parameters N [count]", "Loss L [nats/token]")
    return fig, ax


@pytest.mark.parametrize("layout", ["single", "wide", "pair", "triple", "grid"])
def test_every_layout_fits_the_column_with_readable_text(layout):
    fig, _ = _line_figure(layout)
    figure = plotting.show(fig, alt=f"A {layout} figure of falling lines")
    assert figure.width_px <= plotting.COLUMN_PX
    assert figure.min_text_px >= plotting.MIN_TEXT_PX
    image = Image.open(io.BytesIO(figure.png))
    # Rendered at twice its CSS size, with an indexed palette (a third of the bytes of full colour).
    assert image.size == (plotting.RENDER_SCALE * figure.width_px, plotting.RENDER_SCALE * figure.height_px)
    assert image.mode == "P"
    tag = figure.html()
    assert f'width="{figure.width_px}"' in tag and 'data-min-text-px="' in tag and 'alt="A ' in tag


def test_a_stack_has_the_rows_asked_for_and_shares_x():
    fig, axes = plotting.new_figure("stack", rows=3)
    assert len(axes) == 3 and axes[0].get_shared_x_axes().joined(axes[0], axes[2])
    assert fig.get_size_inches()[1] > plotting.new_figure("single")[0].get_size_inches()[1]
    plt.close("all")
    with pytest.raises(ValueError, match="rows"):
        plotting.new_figure("stack")
    with pytest.raises(ValueError, match="rows is only"):
        plotting.new_figure("pair", rows=2)


def test_chapters_ask_for_a_layout_not_inches():
    with pytest.raises(ValueError, match="layout must be one of"):
        plotting.new_figure("huge")
    with pytest.raises(ValueError, match="figsize"):
        plotting.new_figure(figsize=(13, 4))
    fig, ax = plt.subplots(figsize=(13, 4))
    ax.plot([1, 2], [1, 2])
    with pytest.raises(ValueError, match="wider than"):
        plotting.show(fig, alt="A figure drawn too wide for the page")


def test_text_below_the_readable_size_is_refused():
    fig, ax = _line_figure()
    ax.annotate("a note", (1e7, 3.0), fontsize=6)
    with pytest.raises(ValueError, match="smallest readable size"):
        plotting.show(fig, alt="A figure with a tiny annotation")


def _crossing_lines():
    fig, ax = plotting.new_figure()
    x = np.linspace(0, 1, 50)
    ax.plot(x, x, label="rising")
    ax.plot(x, 1 - x, label="falling")
    plotting.label_axes(ax, "x [unit]", "y [unit]", log="")
    return fig, ax


def test_a_legend_on_top_of_the_data_is_refused():
    fig, ax = _crossing_lines()
    ax.legend(loc="center")  # both lines cross the centre
    with pytest.raises(ValueError, match="covers the line"):
        plotting.show(fig, alt="Two crossing lines under a legend")


def test_a_legend_beside_the_data_is_accepted():
    fig, ax = _crossing_lines()
    plotting.legend_outside(ax)
    assert plotting.show(fig, alt="Two crossing lines, legend beside them").width_px <= plotting.COLUMN_PX
    x = np.linspace(0, 1, 50)
    fig, axes = plotting.new_figure("pair")
    for ax in axes:
        ax.plot(x, x, label="rising")
        plotting.label_axes(ax, "x [unit]", "y [unit]", log="")
    legend = plotting.legend_outside(fig, "below")
    assert [t.get_text() for t in legend.get_texts()] == ["rising"]  # collected once from both panels
    plotting.show(fig, alt="Two panels with one shared legend below")


def test_markers_under_a_legend_are_refused_too():
    fig, ax = plotting.new_figure()
    ax.plot([0.1, 0.5, 0.9], [0.9, 0.9, 0.9], "o", label="points along the top")
    plotting.label_axes(ax, "x [unit]", "y [unit]", log="")
    ax.set_ylim(0, 1)
    ax.legend(loc="upper center")
    with pytest.raises(ValueError, match="covers the markers"):
        plotting.show(fig, alt="Points under a legend at the top")


def test_two_legend_entries_that_look_the_same_are_refused():
    fig, ax = plotting.new_figure()
    ax.plot([1, 2], [1, 2], color=plotting.PALETTE["blue"], label="first")
    ax.plot([1, 2], [1.5, 2.5], color=plotting.PALETTE["blue"], label="second")
    plotting.label_axes(ax, "x [unit]", "y [unit]", log="")
    ax.legend(loc="lower right")
    with pytest.raises(ValueError, match="look the same"):
        plotting.show(fig, alt="Two series drawn alike")


def test_ordered_colours_and_markers_tell_nine_series_apart():
    colours = plotting.ordered_colours(9)
    assert len(set(colours)) == 9 and len(plotting.MARKERS) >= 9
    with pytest.raises(ValueError, match="whole number"):
        plotting.ordered_colours(0)


@pytest.mark.parametrize(
    ("low", "high"), [(1.79, 2.6), (1224, 42048), (1e6, 1e9), (1e-6, 1e4), (0.05, 0.5), (1e10, 1e15)]
)
def test_every_house_log_axis_has_several_tick_labels(low, high):
    fig, ax = plotting.new_figure()
    ax.plot([low, high], [low, high])
    plotting.label_axes(ax, "x [unit]", "y [unit]")
    ax.set_xlim(low, high)
    ax.set_ylim(low, high)
    fig.draw_without_rendering()
    for axis in (ax.xaxis, ax.yaxis):
        shown = [t.label1.get_text() for t in axis._update_ticks() if t.label1.get_text()]
        assert 3 <= len(shown) <= 9, shown
    plotting.show(fig, alt="A diagonal line on house log axes")


def test_a_log_axis_with_one_label_is_refused():
    fig, ax = plotting.new_figure()
    ax.plot([1224, 42048], [2.0, 2.5])
    plotting.label_axes(ax, "x [unit]", "y [unit]", log="")
    ax.set_xscale("log")
    ax.xaxis.set_minor_formatter("")  # as the book's old tidy_log_ticks did: one label in 1.5 decades
    with pytest.raises(ValueError, match="tick label"):
        plotting.show(fig, alt="A log axis with a single label")


def test_text_cut_off_at_the_edge_is_refused():
    fig, _ax = _line_figure()
    fig.text(0.8, 0.5, "a note that runs far past the right edge of the figure")
    with pytest.raises(ValueError, match="cut off"):
        plotting.show(fig, alt="A figure whose note is cut off")


def test_number_labels_are_short_and_readable():
    assert [plotting.number_label(v) for v in (2, 0.05, 1500, 1e6, 3e-8, 1)] == [
        "2", "0.05", "1500", "10⁶", "3×10⁻⁸", "1",
    ]
    assert plotting.number_label(2000, scientific=True) == "2×10³"
