"""One house style for every figure in the book, drawn at the size the page shows it.

A chapter asks for a layout, never for inches, and ends every plotting cell with ``show``::

    fig, ax = plotting.new_figure()                      # one panel
    fig, (left, right) = plotting.new_figure("pair")     # two panels side by side
    fig, axes = plotting.new_figure("stack", rows=3)     # a tall stack sharing the x axis
    plotting.label_axes(ax, "Parameters N [count]", "Loss L [nats/token]")   # log-log, units required
    plotting.show(fig, alt="What the figure shows, in words")

Sizes: the book's content column is ``COLUMN_PX`` CSS pixels wide at a 1400 px window, and one figure
inch is ``PX_PER_INCH`` CSS pixels, so a figure is shown at the size it was drawn and its text stays at
the size matplotlib set (tick labels about 14 px). The PNG is rendered at ``RENDER_SCALE`` times that, so
it is sharp on high-density screens and when a phone reader zooms in, and stored with an indexed palette
to keep pages light.

``show`` refuses a figure that breaks a rule, with a message that says how to fix it: wider than the
column, text smaller than ``MIN_TEXT_PX``, a legend on top of the data, two legend entries that look the
same, a log axis with fewer than two tick labels, or text cut off at the edge. Log axes get tick labels
that suit their span (``10⁶`` for decades, ``2``, ``3``, ``5`` within one). Colours: ``PALETTE`` (Okabe &
Ito's colour-blind-safe set) for categories, ``ordered_colours(n)`` for series with an order (budgets,
sizes), and ``MARKERS`` to tell series apart without colour.
"""

from __future__ import annotations

import base64
import html
import io
import math
import re

import matplotlib.figure
import matplotlib.pyplot as plt
import numpy as np
from cycler import cycler
from matplotlib import colormaps, ticker
from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Text
from PIL import Image

__all__ = [
    "COLUMN_PX",
    "LAYOUTS",
    "MARKERS",
    "MIN_TEXT_PX",
    "PALETTE",
    "Figure",
    "label_axes",
    "legend_outside",
    "new_figure",
    "number_label",
    "ordered_colours",
    "show",
]

#: Width of the content column in CSS px at a 1400 px window (code blocks there hold 88 characters).
COLUMN_PX = 780
#: CSS px per figure inch: a figure ``w`` inches wide is shown ``w * PX_PER_INCH`` px wide.
PX_PER_INCH = 100
#: PNG pixels per CSS px (2: sharp on high-density screens).
RENDER_SCALE = 2
#: Smallest text a figure may hold, in CSS px at the size it is drawn (and shown) at.
MIN_TEXT_PX = 11.0
_PT_PER_PX = 72 / PX_PER_INCH

#: Okabe & Ito (2008) colour-blind-safe palette, in the order the book uses it. Yellow is for fills only:
#: a yellow line is hard to see on white.
PALETTE = {
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "green": "#009E73",
    "purple": "#CC79A7",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "black": "#000000",
    "yellow": "#F0E442",
}
#: Markers that stay distinct in greyscale, to pair with colours when series need telling apart.
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "<", ">", "h")

#: name: (rows, columns, width [in], height [in]). Widths fit the column; the PNG is drawn at this size.
LAYOUTS = {
    "single": (1, 1, 6.4, 4.0),  # one panel
    "wide": (1, 1, 7.8, 4.2),  # one panel with a colour bar, long labels or a legend beside it
    "pair": (1, 2, 7.8, 3.6),  # two panels side by side
    "triple": (1, 3, 7.8, 3.2),  # three small panels side by side
    "grid": (2, 2, 7.8, 6.0),  # four panels
    "stack": (None, 1, 6.4, 2.5),  # ``rows`` panels above each other, sharing x; height per row
}

_STYLE = {
    "figure.dpi": PX_PER_INCH,
    "savefig.dpi": PX_PER_INCH * RENDER_SCALE,
    "figure.facecolor": "white",
    "axes.prop_cycle": cycler(color=[PALETTE[k] for k in list(PALETTE)[:7]]),
    "axes.grid": True,
    "axes.grid.which": "both",
    "axes.axisbelow": True,  # grid lines under filled areas and contours, not on top
    "grid.alpha": 0.25,
    "axes.spines.top": False,
    "axes.spines.right": False,
    # Points; at PX_PER_INCH = 100 one point is 1.39 CSS px: 10.5 pt tick labels are 14.6 px.
    "font.size": 11,
    "axes.titlesize": 11.5,
    "axes.labelsize": 11,
    "xtick.labelsize": 10.5,
    "ytick.labelsize": 10.5,
    "legend.fontsize": 10,
    "figure.titlesize": 12,
    "legend.frameon": False,
    "lines.linewidth": 2.0,
    "lines.markersize": 6,
}

_UNIT = re.compile(r"\[[^\]]+\]\s*$")


def use_house_style() -> None:
    """Apply the book's matplotlib style (sizes, palette, grid) to every later figure."""
    plt.rcParams.update(_STYLE)


def new_figure(layout: str = "single", *, rows: int | None = None, **subplot_kw):
    """A figure in the house style, sized for the page: ``fig, ax = new_figure()``.

    ``layout`` is one of ``LAYOUTS``: "single", "wide", "pair", "triple", "grid", or "stack" with ``rows``
    panels (2 to 4) sharing their x axis. Extra keywords go to ``plt.subplots`` (``sharey=True``,
    ``gridspec_kw=...``).
    """
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {sorted(LAYOUTS)}; got {layout!r} (ask for a layout, not inches)")
    if "figsize" in subplot_kw:
        raise ValueError("figsize is set by the layout, so that text is readable at the page width")
    n_rows, n_cols, width, height = LAYOUTS[layout]
    if layout == "stack":
        if rows is None or not 2 <= rows <= 4:
            raise ValueError(f"a 'stack' needs rows between 2 and 4; got {rows!r}")
        n_rows, height = rows, height * rows
        subplot_kw.setdefault("sharex", True)
    elif rows is not None:
        raise ValueError(f"rows is only for the 'stack' layout; {layout!r} has {n_rows}")
    use_house_style()
    return plt.subplots(n_rows, n_cols, figsize=(width, height), layout="constrained", **subplot_kw)


def ordered_colours(n: int) -> list[str]:
    """``n`` colours from dark purple to light green (viridis), for series with an order (budgets, sizes).

    Pair them with ``MARKERS`` when two neighbours must be told apart: ``zip(ordered_colours(9), MARKERS)``.
    """
    if int(n) != n or n < 1:
        raise ValueError(f"n must be a whole number of series >= 1; got {n!r}")
    cmap = colormaps["viridis"]
    return [
        "#{:02x}{:02x}{:02x}".format(*(round(255 * c) for c in cmap(x)[:3])) for x in np.linspace(0, 0.85, int(n))
    ]


def label_axes(ax, xlabel: str, ylabel: str, *, log: str = "xy", title: str | None = None):
    """Label ``ax`` and set log scales. Each label must end with its unit in brackets, e.g. ``"Loss [nats/token]"``.

    ``log`` names the axes to put on a log scale: "xy" (log-log, the default for power laws), "x", "y" or "".
    Log axes get the house ticks: decades labelled ``10⁶`` over a wide span, ``1, 2, 5`` (or finer)
    within a narrow one, so that every log axis has several labels.
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
    for name, axis in (("x", ax.xaxis), ("y", ax.yaxis)):
        if name in log:
            (ax.set_xscale if name == "x" else ax.set_yscale)("log")
            axis.set_major_locator(_LogTicks())
            axis.set_minor_locator(_LogTicks(minor=True))
            axis.set_major_formatter(_LogLabels())
            axis.set_minor_formatter(ticker.NullFormatter())
    if title:
        ax.set_title(title)
    return ax


def legend_outside(ax_or_fig, where: str = "right", **kwargs):
    """A legend beside ("right") or below ("below") the panels, where it cannot cover the data.

    On a figure (``legend_outside(fig, "below")``) it collects the labelled series of every panel once.
    """
    if where not in ("right", "below"):
        raise ValueError(f"where must be 'right' or 'below'; got {where!r}")
    if isinstance(ax_or_fig, matplotlib.figure.Figure):
        fig, handles, labels = ax_or_fig, [], []
        for ax in fig.axes:
            for handle, label in zip(*ax.get_legend_handles_labels(), strict=True):
                if label not in labels:
                    handles.append(handle)
                    labels.append(label)
        loc = "outside right upper" if where == "right" else "outside lower center"
        kwargs.setdefault("ncols", 1 if where == "right" else min(3, len(labels)) or 1)
        return fig.legend(handles, labels, loc=loc, **kwargs)
    if where == "right":
        return ax_or_fig.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), **kwargs)
    kwargs.setdefault("ncols", 2)
    return ax_or_fig.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), **kwargs)


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def number_label(value: float, *, scientific: bool | None = None) -> str:
    """A short tick label: ``2``, ``0.05``, ``1500``, ``10⁶``, ``3×10⁻⁸``.

    ``scientific`` forces powers of ten (True) or plain digits (False); by default numbers from 0.01 to
    9,999 are plain.
    """
    if value == 0 or not np.isfinite(value):
        return "0" if value == 0 else ""
    exponent = math.floor(math.log10(abs(value)) + 1e-9)
    if scientific is None:
        scientific = not -2 <= exponent <= 3
    if not scientific or value == 1:
        return f"{float(f'{value:.3g}'):g}" if abs(value) < 1e4 else f"{value:,.0f}"
    mantissa = float(f"{value / 10**exponent:.3g}")
    if mantissa == 10:  # rounding carried into the next decade
        exponent, mantissa = exponent + 1, 1.0
    power = "10" + str(exponent).translate(_SUPERSCRIPT)
    return power if mantissa == 1 else f"{mantissa:g}×{power}"


class _LogLabels(ticker.Formatter):
    """Labels for the house log ticks: plain digits when every label fits them, else powers of ten."""

    def set_locs(self, locs):
        super().set_locs(locs)
        vmin, vmax = sorted(self.axis.get_view_interval())
        shown = [v for v in locs if vmin * (1 - 1e-9) <= v <= vmax * (1 + 1e-9) and v > 0]
        self.scientific = any(not 0.01 <= v < 1e4 for v in shown)

    def __call__(self, value, pos=None):
        return number_label(value, scientific=getattr(self, "scientific", None))


class _LogTicks(ticker.Locator):
    """Ticks for a log axis that give three to eight labels whatever the span.

    Powers of ten when at least three fit in the view (every second or third one over a wide span, minor
    ticks between), otherwise 1-2-5 or finer mantissas, otherwise evenly spaced numbers.
    """

    def __init__(self, minor: bool = False):
        self.minor = minor
        self.max_labels = 7

    def __call__(self):
        vmin, vmax = self.axis.get_view_interval()
        # One label per ~75 px along x (labels like 10¹⁰ are wide), per ~35 px along y.
        box = self.axis.axes.bbox
        across = box.width / 75 if self.axis.axis_name == "x" else box.height / 35
        self.max_labels = max(3, min(7, int(across)))
        return self.tick_values(vmin, vmax)

    def tick_values(self, vmin, vmax):
        lo, hi = sorted((float(vmin), float(vmax)))
        if not (lo > 0 and np.isfinite(hi) and hi > lo):
            return []
        span = math.log10(hi / lo)
        first, last = math.floor(math.log10(lo)) - 1, math.ceil(math.log10(hi)) + 1
        decades_inside = math.floor(math.log10(hi) + 1e-9) - math.ceil(math.log10(lo) - 1e-9) + 1
        if decades_inside >= 3:
            step = max(1, math.ceil(span / self.max_labels))
            decades = [e for e in range(first, last + 1) if e % step == 0]
            if not self.minor:
                return [10.0**e for e in decades]
            return [] if step > 1 else [m * 10.0**e for e in decades for m in range(2, 10)]
        if self.minor:
            return []
        # The coarsest ticks that give three labels, the outer ones near the ends of the axis.
        for mantissas in ((1, 2, 5), (1, 2, 3, 5), (1, 1.5, 2, 3, 4, 5, 6, 8), (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8)):
            ticks = [m * 10.0**e for e in range(first, last + 1) for m in mantissas]
            inside = [t for t in ticks if lo * (1 - 1e-9) <= t <= hi * (1 + 1e-9)]
            if len(inside) >= 3 and math.log10(inside[0] / lo) <= span / 4 and math.log10(hi / inside[-1]) <= span / 4:
                return ticks
        return [t for t in ticker.MaxNLocator(5).tick_values(lo, hi) if t > 0]


# ---------------------------------------------------------------------------------------------- checks


def _check_figure(fig) -> None:
    """Raise ValueError naming the first house rule ``fig`` breaks (see the module docstring)."""
    width_in, _height_in = fig.get_size_inches()
    if width_in * PX_PER_INCH > COLUMN_PX + 0.5:
        raise ValueError(
            f"the figure is {width_in:.1f} in wide, wider than the {COLUMN_PX / PX_PER_INCH:.1f} in column: "
            "make it with plotting.new_figure(layout) so that its text is not shrunk"
        )
    fig.draw_without_rendering()
    renderer = fig._get_renderer()
    texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    smallest = min((t.get_fontsize() for t in texts), default=None)
    if smallest is not None and smallest / _PT_PER_PX < MIN_TEXT_PX - 0.05:
        small = next(t for t in texts if t.get_fontsize() == smallest)
        raise ValueError(
            f"text {small.get_text()!r} is {smallest:g} pt, {smallest / _PT_PER_PX:.1f} CSS px on the page; "
            f"the smallest readable size is {MIN_TEXT_PX:g} px ({MIN_TEXT_PX * _PT_PER_PX:.1f} pt): leave "
            "fontsize at the house default"
        )
    for ax in fig.axes:
        for axis, name in ((ax.xaxis, "x"), (ax.yaxis, "y")):
            if axis.get_scale() != "log":
                continue
            labels = [t.label1 for t in axis._update_ticks() if t.label1.get_visible()]
            shown = [lab for lab in labels if lab.get_text().strip()]
            if labels and len(shown) < 2:
                raise ValueError(
                    f"the log {name} axis of {ax.get_title()!r} has {len(shown)} tick label: set its scale "
                    "with plotting.label_axes, which labels every log axis at least twice"
                )
    overlaps = _legend_problems(fig, renderer)
    if overlaps:
        raise ValueError(overlaps[0])
    canvas = fig.bbox.padded(2)  # display px
    for artist in [*_drawn_texts(fig), *_legends(fig)]:
        box = artist.get_window_extent(renderer)
        if box.width and (box.x0 < canvas.x0 or box.y0 < canvas.y0 or box.x1 > canvas.x1 or box.y1 > canvas.y1):
            what = repr(artist.get_text()) if isinstance(artist, Text) else "a legend"
            raise ValueError(
                f"{what} is cut off at the edge of the figure: shorten it, or place it inside the "
                "panels (annotations) or with plotting.legend_outside"
            )


def _drawn_texts(fig) -> list[Text]:
    """The texts a draw shows: titles, axis labels, annotations and the tick labels in view."""
    out = [*fig.texts]
    for name in ("_suptitle", "_supxlabel", "_supylabel"):
        if getattr(fig, name, None) is not None:
            out.append(getattr(fig, name))
    for ax in fig.axes:
        out += [ax.title, ax._left_title, ax._right_title, ax.xaxis.label, ax.yaxis.label, *ax.texts]
        for axis in (ax.xaxis, ax.yaxis):
            out += [label for tick in axis._update_ticks() for label in (tick.label1, tick.label2)]
    return [t for t in out if t.get_visible() and t.get_text().strip()]


def _legends(fig):
    return [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None] + list(fig.legends)


def _legend_problems(fig, renderer) -> list[str]:
    problems = []
    for legend in _legends(fig):
        keys = []
        for handle, text in zip(legend.legend_handles, legend.get_texts(), strict=False):
            keys.append((_handle_key(handle), text.get_text()))
        seen = {}
        for key, label in keys:
            if key is not None and key in seen:
                problems.append(
                    f"legend entries {seen[key]!r} and {label!r} look the same: give each series its own "
                    "colour (plotting.PALETTE or plotting.ordered_colours) or marker (plotting.MARKERS)"
                )
            seen.setdefault(key, label)
        box = legend.get_window_extent(renderer)
        for ax in fig.axes:
            hit = _covered_artist(ax, box)
            if hit:
                problems.append(
                    f"the legend ({', '.join(repr(t.get_text()) for t in legend.get_texts()[:2])}...) covers "
                    f"{hit} in the panel {ax.get_title()!r}: choose another loc=, or use "
                    "plotting.legend_outside(ax) or legend_outside(fig, 'below')"
                )
    return problems


def _handle_key(handle):
    if isinstance(handle, Line2D):
        return (
            "line",
            tuple(np.round(to_rgba(handle.get_color()), 3)),
            handle.get_marker() if handle.get_marker() not in ("", " ", None) else "none",
            handle.get_linestyle() if handle.get_linestyle() not in ("", " ", None) else "None",
        )
    if isinstance(handle, Patch):
        return ("patch", tuple(np.round(handle.get_facecolor(), 3)), handle.get_hatch())
    try:
        return ("collection", tuple(np.round(handle.get_facecolor()[0], 3)))
    except (AttributeError, IndexError, TypeError):
        return None


def _covered_artist(ax, box) -> str | None:
    """What data of ``ax`` lies under the legend box ``box`` (display px), or None."""
    x0, y0 = max(box.x0, ax.bbox.x0) + 2, max(box.y0, ax.bbox.y0) + 2  # the legend's own padding is free
    x1, y1 = min(box.x1, ax.bbox.x1) - 2, min(box.y1, ax.bbox.y1) - 2
    if x0 >= x1 or y0 >= y1:
        return None
    for line in ax.lines:
        if not line.get_visible():
            continue
        xy = line.get_transform().transform(np.asarray(line.get_xydata(), dtype=float))
        xy = xy[np.all(np.isfinite(xy), axis=1)]
        if len(xy) == 0:
            continue
        name = f"the line {line.get_label()!r}" if not line.get_label().startswith("_") else "a line"
        if line.get_linestyle() not in ("None", "", " ") and len(xy) > 1:
            if _segments_hit(xy[:-1], xy[1:], (x0, y0, x1, y1)):
                return name
        if line.get_marker() not in ("None", "", " ", None):
            r = line.get_markersize() / _PT_PER_PX / 2
            inside = (xy[:, 0] > x0 - r) & (xy[:, 0] < x1 + r) & (xy[:, 1] > y0 - r) & (xy[:, 1] < y1 + r)
            if inside.any():
                return name.replace("line", "markers")
    for collection in ax.collections:
        offsets = getattr(collection, "get_offsets", lambda: np.empty((0, 2)))()
        kind = type(collection).__name__
        if kind == "PathCollection" and len(offsets):
            xy = collection.get_offset_transform().transform(np.asarray(offsets, dtype=float))
            if ((xy[:, 0] > x0) & (xy[:, 0] < x1) & (xy[:, 1] > y0) & (xy[:, 1] < y1)).any():
                return "scattered points"
        if kind == "LineCollection":
            for segment in collection.get_segments():
                xy = collection.get_transform().transform(np.asarray(segment, dtype=float))
                if len(xy) > 1 and _segments_hit(xy[:-1], xy[1:], (x0, y0, x1, y1)):
                    return "error bars"
    for container in ax.containers:
        for patch in getattr(container, "patches", []) or []:
            if patch is None:
                continue
            bb = patch.get_window_extent()
            if bb.x0 < x1 and bb.x1 > x0 and bb.y0 < y1 and bb.y1 > y0 and bb.width > 0 and bb.height > 0:
                return "a bar"
    return None


def _segments_hit(p, q, box) -> bool:
    """Whether any segment from ``p[i]`` to ``q[i]`` crosses the box (Liang-Barsky, vectorised)."""
    x0, y0, x1, y1 = box
    d = q - p
    t_low, t_high = np.zeros(len(p)), np.ones(len(p))
    ok = np.ones(len(p), dtype=bool)
    for delta, start, lower, upper in ((d[:, 0], p[:, 0], x0, x1), (d[:, 1], p[:, 1], y0, y1)):
        for edge_p, edge_q in ((-delta, start - lower), (delta, upper - start)):
            parallel = edge_p == 0
            ok &= ~(parallel & (edge_q < 0))
            with np.errstate(divide="ignore", invalid="ignore"):
                r = np.where(parallel, 0.0, edge_q / np.where(parallel, 1.0, edge_p))
            t_low = np.where(~parallel & (edge_p < 0), np.maximum(t_low, r), t_low)
            t_high = np.where(~parallel & (edge_p > 0), np.minimum(t_high, r), t_high)
    return bool(np.any(ok & (t_low <= t_high)))


# ---------------------------------------------------------------------------------------------- output


def figure_png(fig) -> bytes:
    """``fig`` as an indexed-colour PNG at ``RENDER_SCALE`` x its CSS size (sharp, and a third of the bytes)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=PX_PER_INCH * RENDER_SCALE, facecolor="white")
    image = Image.open(io.BytesIO(buf.getvalue())).convert("RGB")
    out = io.BytesIO()
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        out, format="png", optimize=True
    )
    return out.getvalue()


class Figure:
    """A rendered figure that displays as an image with alt text in JupyterLab, Colab and the book."""

    def __init__(self, png: bytes, alt: str, *, width_px: int, height_px: int, min_text_px: float):
        self.png, self.alt = png, alt
        self.width_px, self.height_px, self.min_text_px = width_px, height_px, min_text_px

    def html(self) -> str:
        """An ``<img>`` with the PNG, its alt text, its CSS size and the size of its smallest text."""
        data = base64.b64encode(self.png).decode("ascii")
        return (
            f'<img src="data:image/png;base64,{data}" alt="{html.escape(self.alt, quote=True)}" '
            f'width="{self.width_px}" height="{self.height_px}" data-min-text-px="{self.min_text_px:.1f}" '
            'style="max-width:100%; height:auto;">'
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {
            "text/html": self.html(),
            "image/png": base64.b64encode(self.png).decode("ascii"),
            "text/plain": f"<Figure: {self.alt}>",
        }


def show(fig, alt: str) -> Figure:
    """Check ``fig`` against the house rules, close it and return it as an image with ``alt`` text.

    End every plotting cell with this. The alt text says what the figure shows, for readers who cannot
    see it, and must be true of the figure: "Log-log plot of loss against parameters: a straight line
    falling from 4 to 2 nats/token."
    """
    if not isinstance(alt, str) or len(alt.strip()) < 10:
        plt.close(fig)
        raise ValueError(f"alt must describe the figure in words (at least 10 characters); got {alt!r}")
    try:
        _check_figure(fig)
        texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
        smallest_pt = min((t.get_fontsize() for t in texts), default=plt.rcParams["font.size"])
        width_in, height_in = fig.get_size_inches()
        png = figure_png(fig)
    finally:
        plt.close(fig)
    return Figure(
        png,
        alt.strip(),
        width_px=round(width_in * PX_PER_INCH),
        height_px=round(height_in * PX_PER_INCH),
        min_text_px=smallest_pt / _PT_PER_PX,
    )
