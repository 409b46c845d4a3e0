"""Progress bars for anything that takes more than a few seconds.

A widget bar in JupyterLab, Binder and Colab, a text bar in a terminal, and nothing while the static site
is built (``HELPERS_STATIC_SITE=1``), where a frozen bar would only clutter the page.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from tqdm.auto import tqdm

from helpers.widgets import STATIC_SITE_ENV


def progress(iterable: Iterable, *, total: int | None = None, desc: str = "", enabled: bool = True):
    """``iterable`` wrapped in a progress bar (see the module docstring for where it shows)."""
    disable = not enabled or os.environ.get(STATIC_SITE_ENV) == "1"
    return tqdm(iterable, total=total, desc=desc, disable=disable, leave=False)
