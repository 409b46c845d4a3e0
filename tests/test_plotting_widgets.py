"""House style, alt text and explorers."""

import ipywidgets
import pytest

from helpers import plotting, widgets


def _figure(value=1.0):
    fig, ax = plotting.new_figure()
    ax.plot([1, 10], [value, value / 2])
    plotting.label_axes(ax, "Parameters N [non-embedding]", "Loss [nats/token]")
    return plotting.show(fig, alt=f"A falling line that starts at {value}")


def test_labels_must_carry_units():
    _fig, ax = plotting.new_figure()
    with pytest.raises(ValueError, match="unit in brackets"):
        plotting.label_axes(ax, "Parameters", "Loss [nats/token]")
    with pytest.raises(ValueError, match="log"):
        plotting.label_axes(ax, "N [params]", "L [nats]", log="z")
    plotting.label_axes(ax, "N [params]", "L [nats]")
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"


def test_house_palette_is_okabe_ito():
    assert list(plotting.PALETTE.values())[:3] == ["#0072B2", "#D55E00", "#009E73"]


def test_figures_display_with_alt_text():
    bundle = _figure()._repr_mimebundle_()
    assert (
        bundle["text/html"].startswith("<img ")
        and 'alt="A falling line that starts at 1.0"' in bundle["text/html"]
    )
    assert bundle["image/png"] and "A falling line" in bundle["text/plain"]
    fig, _ = plotting.new_figure()
    with pytest.raises(ValueError, match="alt"):
        plotting.show(fig, alt="")


def test_explorer_links_slider_to_precomputed_frames_in_the_browser():
    box = widgets.explorer(_figure, [1.0, 2.0, 3.0], label="Budget [PF-days]", mode="static")
    slider, stack = box.children
    assert isinstance(stack, ipywidgets.Stack) and len(stack.children) == 3
    assert stack.selected_index == 1 and slider.index == 1
    assert all('alt="A falling line' in frame.value for frame in stack.children)
    assert isinstance(box.link, ipywidgets.widgets.widget_link.Link)
    assert box.link.source == (slider, "index") and box.link.target == (stack, "selected_index")


def test_live_explorer_draws_in_the_kernel_on_demand():
    drawn = []

    def draw(value):
        drawn.append(value)
        return _figure(value)

    box = widgets.explorer(draw, [1.0, 2.0, 3.0], label="Budget [PF-days]", mode="live")
    slider, image = box.children
    assert drawn == [2.0] and "starts at 2.0" in image.value  # only the visible frame is drawn
    slider.index = 2
    assert "starts at 3.0" in image.value
    slider.index = 1
    assert drawn == [2.0, 3.0]  # frames are drawn once and reused


def test_explorer_mode_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv(widgets.STATIC_SITE_ENV, "1")
    assert isinstance(widgets.explorer(_figure, [1.0, 2.0], label="x [u]").children[1], ipywidgets.Stack)
    monkeypatch.delenv(widgets.STATIC_SITE_ENV)
    assert isinstance(widgets.explorer(_figure, [1.0, 2.0], label="x [u]").children[1], ipywidgets.HTML)
    with pytest.raises(ValueError, match="mode"):
        widgets.explorer(_figure, [1.0, 2.0], label="x [u]", mode="movie")


def test_explorer_rejects_bad_input():
    with pytest.raises(ValueError, match="between 2"):
        widgets.explorer(_figure, [1.0], label="x [u]")
    with pytest.raises(ValueError, match="label"):
        widgets.explorer(_figure, [1.0, 2.0], label=" ")
    with pytest.raises(ValueError, match=r"plotting\.show"):
        widgets.explorer(lambda v: None, [1.0, 2.0], label="x [u]", mode="static")


def test_log_axes_label_powers_of_ten_and_plain_numbers():
    fig, ax = plotting.new_figure()
    ax.plot([1e6, 1e9], [4.0, 2.0])
    plotting.label_axes(ax, "N [params]", "L [nats/token]")
    fig.draw_without_rendering()
    assert "10⁶" in [t.get_text() for t in ax.get_xticklabels()]
    assert {"2", "3"} <= {t.get_text() for t in ax.get_yticklabels()}
    plotting.show(fig, alt="A test figure with house log ticks")


def test_progress_is_silent_while_the_static_site_builds(monkeypatch, capsys):
    from helpers.progress import progress

    monkeypatch.setenv(widgets.STATIC_SITE_ENV, "1")
    assert list(progress(range(3), desc="work")) == [0, 1, 2]
    assert capsys.readouterr().err == ""
    monkeypatch.delenv(widgets.STATIC_SITE_ENV)
    assert list(progress(range(3), desc="work")) == [0, 1, 2]
    assert "work" in capsys.readouterr().err
