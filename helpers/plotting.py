"""One house style for every figure in the book.

Log-log axes where a power law is shown, units in every axis label (``"Parameters N [non-embedding]"``),
the Okabe-Ito colour-blind-safe palette, and alt text for every figure (``show(fig, alt=...)``).
"""

from __future__ import annotations

import base64
import html
import io
import re

import matplotlib.pyplot as plt
from cycler import cycler

#: Okabe & Ito (2008) colour-blind-safe palette, in the order the book uses it.
PALETTE = {
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "green": "#009E73",
    "purple": "#CC79A7",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "black": "#000000",
}

_STYLE = {
    "figure.figsize": (6.4, 4.0),
    "figure.dpi": 100,
    "savefig.dpi": 100,  # no "tight" bbox: new_figure's constrained layout already fits labels
    "axes.prop_cycle": cycler(color=list(PALETTE.values())),
    "axes.grid": True,
    "axes.grid.which": "both",
    "grid.alpha": 0.25,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "legend.frameon": False,
    "lines.linewidth": 2.0,
    "font.size": 10,
}

_UNIT = re.compile(r"\[[^\]]+\]\s*$")


def use_house_style() -> None:
    """Apply the book's matplotlib style (palette, grid, sizes) to every later figure."""
    plt.rcParams.update(_STYLE)


def new_figure(nrows: int = 1, ncols: int = 1, *, width: float = 6.4, height: float = 4.0, **kwargs):
    """A figure in the house style: ``fig, ax = new_figure()``; ``fig, axes = new_figure(1, 2, width=11)``."""
    use_house_style()
    return plt.subplots(nrows, ncols, figsize=(width, height), layout="constrained", **kwargs)


def label_axes(ax, xlabel: str, ylabel: str, *, log: str = "xy", title: str | None = None):
    """Label ``ax`` and set log scales. Each label must end with its unit in brackets, e.g. ``"Loss [nats/token]"``.

    ``log`` names the axes to put on a log scale: "xy" (log-log, the default for power laws), "x", "y" or "".
    """
    for which, text in (("xlabel", xlabel), ("ylabel", ylabel)):
        if not isinstance(text, str) or not _UNIT.search(text):
            raise ValueError(
                f"{which} must end with its unit in brackets, e.g. 'Loss [nats/token]'; got {text!r}"
            )
    if not set(log) <= {"x", "y"}:
        raise ValueError(f"log must be a combination of 'x' and 'y' (e.g. 'xy' or ''); got {log!r}")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if "x" in log:
        ax.set_xscale("log")
    if "y" in log:
        ax.set_yscale("log")
    if title:
        ax.set_title(title)
    return ax


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def tidy_log_ticks(ax, *, x: bool = True, y: bool = True, minor=(2, 3, 5)) -> None:
    """Readable tick labels on log axes: powers of ten on x (10⁶), plain numbers on y (1, 2, 3, 5).

    Loss axes span less than a decade, where matplotlib's default labels ("6×10⁰") are hard to read.
    """
    import numpy as np

    if x:
        ax.xaxis.set_major_formatter(lambda v, _pos: "10" + str(round(np.log10(v))).translate(_SUPERSCRIPT))
        ax.xaxis.set_minor_formatter("")
    if y:
        ax.yaxis.set_major_formatter("{x:g}")
        ax.yaxis.set_minor_formatter(
            lambda v, _pos: f"{v:g}" if v > 0 and round(v / 10 ** np.floor(np.log10(v))) in minor else ""
        )


def figure_png(fig, *, dpi: int | None = None) -> bytes:
    """The figure rendered to PNG bytes (house dpi unless given)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi or _STYLE["savefig.dpi"])
    return buf.getvalue()


def img_tag(png: bytes, alt: str) -> str:
    """An HTML ``<img>`` that embeds ``png`` and carries ``alt`` text for screen readers."""
    data = base64.b64encode(png).decode("ascii")
    return (
        f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt, quote=True)}" '
        'style="max-width:100%; height:auto;">'
    )


class Figure:
    """A rendered figure that displays as an image with alt text in JupyterLab, Colab and the book."""

    def __init__(self, png: bytes, alt: str):
        self.png, self.alt = png, alt

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {
            "text/html": img_tag(self.png, self.alt),
            "image/png": base64.b64encode(self.png).decode("ascii"),
            "text/plain": f"<Figure: {self.alt}>",
        }


def show(fig, alt: str) -> Figure:
    """Close ``fig`` and return it as a displayable image with ``alt`` text (end a plotting cell with this).

    The alt text says what the figure shows, for readers who cannot see it: "Log-log plot of loss against
    parameters: a straight line falling from 4 to 2 nats/token."
    """
    if not isinstance(alt, str) or len(alt.strip()) < 10:
        raise ValueError(f"alt must describe the figure in words (at least 10 characters); got {alt!r}")
    png = figure_png(fig)
    plt.close(fig)
    return Figure(png, alt.strip())
