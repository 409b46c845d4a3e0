"""Explorers: a slider over a few values of a parameter, and the figure for the selected value.

One call, two behaviours:

- ``"static"`` (the book build sets ``HELPERS_STATIC_SITE=1``): every frame is drawn in Python when the
  cell runs and the slider is linked to a stack of images in the browser (``jslink``), so the explorer
  keeps working on the static website, where no kernel is running.
- ``"live"`` (the default: JupyterLab, Binder, Colab): the kernel draws the figure for each slider position
  when it is first selected, so the cell starts at once.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

import ipywidgets as widgets

from helpers.plotting import Figure

__all__ = ["explorer"]

MAX_FRAMES = 40  # each frame adds 40-90 KB of HTML; the site tests cap a page at 1.5 MB
STATIC_SITE_ENV = "HELPERS_STATIC_SITE"  # set to 1 by `make book`: no kernel will be there to redraw


def explorer(
    draw: Callable[[float], Figure],
    values: Sequence,
    *,
    label: str,
    fmt: Callable[[object], str] = "{:.3g}".format,
    start: int | None = None,
    mode: str | None = None,
) -> widgets.VBox:
    """A slider over ``values``; each position shows ``draw(value)``, a ``helpers.plotting.show`` figure.

    ``label`` names the slider and its unit ("Compute [PF-days]"); ``fmt`` formats each value for the
    slider's readout; ``start`` is the index shown first (default: the middle). ``mode`` is "static" or
    "live" (default: "static" when the ``HELPERS_STATIC_SITE`` environment variable is 1, else "live").
    """
    mode = mode or ("static" if os.environ.get(STATIC_SITE_ENV) == "1" else "live")
    if mode not in ("static", "live"):
        raise ValueError(f"mode must be 'static' or 'live'; got {mode!r}")
    values = list(values)
    if not 2 <= len(values) <= MAX_FRAMES:
        raise ValueError(f"values must hold between 2 and {MAX_FRAMES} slider positions; got {len(values)}")
    if not isinstance(label, str) or not label.strip():
        raise ValueError(f"label must name the slider and its unit, e.g. 'Compute [PF-days]'; got {label!r}")
    start = len(values) // 2 if start is None else start
    if not 0 <= start < len(values):
        raise ValueError(f"start must be an index into values (0..{len(values) - 1}); got {start}")
    slider = widgets.SelectionSlider(
        options=[(fmt(v), i) for i, v in enumerate(values)],
        index=start,
        description=label,
        continuous_update=True,
        style={"description_width": "initial"},
        layout=widgets.Layout(width="95%"),
    )
    if mode == "live":
        return _live(draw, values, slider)
    frames = [widgets.HTML(value=_frame(draw, value)) for value in values]
    stack = widgets.Stack(children=frames, selected_index=start)
    # Linked in the browser, not through the kernel: this is what makes the static site interactive.
    link = widgets.jslink((slider, "index"), (stack, "selected_index"))
    box = widgets.VBox([slider, stack])
    box.link = link  # kept with the explorer so it stays alive and can be inspected
    return box


def _frame(draw, value) -> str:
    figure = draw(value)
    if not isinstance(figure, Figure):
        raise ValueError(
            f"draw({value!r}) must return helpers.plotting.show(fig, alt=...); got {type(figure).__name__}"
        )
    return figure.html()


def _live(draw, values, slider) -> widgets.VBox:
    cache: dict[int, str] = {}

    def frame(index: int) -> str:
        if index not in cache:
            cache[index] = _frame(draw, values[index])
        return cache[index]

    image = widgets.HTML(value=frame(slider.index))

    def on_change(change):
        image.value = frame(change["new"])

    slider.observe(on_change, names="index")
    box = widgets.VBox([slider, image])
    box.link = None  # the kernel, not the browser, connects slider and image
    return box
