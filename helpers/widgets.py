"""Explorers: a slider that moves through precomputed figures.

Every frame is drawn in Python when the cell runs, then the slider is linked to a stack of images in the
browser (``jslink``), so the explorer keeps working on the static website where no kernel is running, as
well as in JupyterLab, Binder and Colab.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import ipywidgets as widgets

from helpers.plotting import Figure, img_tag

__all__ = ["explorer"]

MAX_FRAMES = 40  # each frame adds ~20-30 KB to the page


def explorer(
    draw: Callable[[float], Figure],
    values: Sequence,
    *,
    label: str,
    fmt: Callable[[object], str] = "{:.3g}".format,
    start: int | None = None,
) -> widgets.VBox:
    """A slider over ``values``; each position shows ``draw(value)``, a ``helpers.plotting.show`` figure.

    ``label`` names the slider and its unit ("Compute [PF-days]"); ``fmt`` formats each value for the
    slider's readout; ``start`` is the index shown first (default: the middle).
    """
    values = list(values)
    if not 2 <= len(values) <= MAX_FRAMES:
        raise ValueError(f"values must hold between 2 and {MAX_FRAMES} slider positions; got {len(values)}")
    if not isinstance(label, str) or not label.strip():
        raise ValueError(f"label must name the slider and its unit, e.g. 'Compute [PF-days]'; got {label!r}")
    start = len(values) // 2 if start is None else start
    if not 0 <= start < len(values):
        raise ValueError(f"start must be an index into values (0..{len(values) - 1}); got {start}")
    frames = []
    for value in values:
        figure = draw(value)
        if not isinstance(figure, Figure):
            raise ValueError(
                f"draw({value!r}) must return helpers.plotting.show(fig, alt=...); got {type(figure).__name__}"
            )
        frames.append(widgets.HTML(value=img_tag(figure.png, figure.alt)))
    stack = widgets.Stack(children=frames, selected_index=start)
    slider = widgets.SelectionSlider(
        options=[(fmt(v), i) for i, v in enumerate(values)],
        index=start,
        description=label,
        continuous_update=True,
        style={"description_width": "initial"},
        layout=widgets.Layout(width="95%"),
    )
    # Linked in the browser, not through the kernel: this is what makes the static site interactive.
    link = widgets.jslink((slider, "index"), (stack, "selected_index"))
    box = widgets.VBox([slider, stack])
    box.link = link  # kept with the explorer so it stays alive and can be inspected
    return box
