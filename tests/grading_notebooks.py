"""Variants of solutions/01_power_laws.ipynb for the grading tests, edited by what a cell does, not where it is."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import nbformat

from helpers.grading import load_set

ROOT = Path(__file__).resolve().parent.parent
SOLUTION = ROOT / "solutions" / "01_power_laws.ipynb"
FULL = {t.id: float(t.points) for t in load_set("01_power_laws").tasks}  # every task passed


def _find(code: list, role: str):
    """The code cell playing ``role``: "imports" (imports check), "closing" (the last cell), "check 1.1"
    (the check call of a task), or a function name (the cell that defines it)."""
    if role == "imports":
        return next(c for c in code if "from helpers.grading import check" in c.source)
    if role == "closing":
        return code[-1]
    if role.startswith("check "):
        return next(c for c in code if c.source.lstrip().startswith(f'check("{role[6:]}"'))
    return next(c for c in code if re.search(rf"^def {role}\(", c.source, re.M))


def variant(*edits: tuple[str, str, str], metadata: dict | None = None, solution: Path = SOLUTION) -> str:
    """The solution's text with each (role, "replace" | "append", source) edit applied."""
    nb = nbformat.read(solution, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    cells = [(_find(code, role), how, textwrap.dedent(source)) for role, how, source in edits]
    for cell, how, source in cells:
        cell.source = source if how == "replace" else cell.source + "\n" + source
    if metadata is not None:
        nb.metadata = metadata
    return nbformat.writes(nb)
