"""Reading and checking the shipped CSV files: the rules every loader in ``helpers.datasets`` applies.

Files are read with ``importlib.resources``, so they load the same from the repository, an editable install
or a wheel. Every check raises ``ValueError`` naming the file, the column, the data row and the expected unit.
"""

from __future__ import annotations

import csv
import io
from dataclasses import fields, replace
from importlib import resources

import numpy as np


def read_text(folder: str, name: str) -> str:
    """The text of ``helpers/datasets/<folder>/<name>`` (the one place a loader touches the file system)."""
    return (resources.files(__package__) / folder / name).read_text(encoding="utf-8")


def frozen(array: np.ndarray) -> np.ndarray:
    """``array``, marked read-only so that a cached table cannot be changed by the code that uses it."""
    array.setflags(write=False)
    return array


class Table:
    """The columns of one CSV file as text arrays, with checked conversions to numbers and categories.

    ``required`` names the columns the loader reads; the file may have more (``header`` lists them all).
    """

    def __init__(self, folder: str, name: str, required: tuple[str, ...]):
        self.source = f"helpers/datasets/{folder}/{name}"
        rows = list(csv.reader(io.StringIO(read_text(folder, name))))
        if not rows:
            raise ValueError(f"{self.source} is empty; expected a header with columns {list(required)}")
        header, body = rows[0], rows[1:]
        missing = [c for c in required if c not in header]
        if missing:
            raise ValueError(f"{self.source} lacks the column(s) {missing} that its loader reads")
        ragged = [i for i, row in enumerate(body, 1) if len(row) != len(header)]
        if ragged:
            raise ValueError(f"{self.source}: data row {ragged[0]} has {len(body[ragged[0] - 1])} fields, "
                             f"the header has {len(header)}")
        if not body:
            raise ValueError(f"{self.source} has a header but no data rows")
        self.header = tuple(header)
        self._text = {c: np.array(column, dtype=str) for c, column in zip(header, zip(*body, strict=True), strict=True)}

    def fail(self, column: str, row: int, value, expected: str):
        raise ValueError(f"{self.source}, column {column!r}, data row {row + 1}: got {value!r}; expected {expected}")

    def text(self, column: str, allowed=None) -> np.ndarray:
        """The column as strings; with ``allowed``, every value must be one of them."""
        values = self._text[column]
        if allowed is not None:
            bad = ~np.isin(values, list(allowed))
            if bad.any():
                i = int(np.argmax(bad))
                self.fail(column, i, str(values[i]), f"one of {sorted(allowed)}")
        return values

    def number(self, column: str, unit: str, low=None, high=None, *, missing_ok=False) -> np.ndarray:
        """The column as floats in ``unit``, every value finite and in [low, high].

        An empty cell becomes NaN only where ``missing_ok`` (True, or a boolean mask with one entry per row)
        allows it; anywhere else it is an error, as is a literal "nan" or "inf".
        """
        raw = self._text[column]
        empty = raw == ""
        try:
            values = np.array([float(cell) if cell else np.nan for cell in raw.tolist()])
        except ValueError:
            i = next(i for i, cell in enumerate(raw.tolist()) if not _is_number(cell or "0"))
            self.fail(column, i, str(raw[i]), f"a number ({unit})")
        allowed_empty = np.broadcast_to(np.asarray(missing_ok, dtype=bool), raw.shape)
        bad = (~np.isfinite(values) & ~empty) | (empty & ~allowed_empty)
        if bad.any():
            i = int(np.argmax(bad))
            self.fail(column, i, str(raw[i]), f"a finite number ({unit})")
        none = np.zeros(values.shape, dtype=bool)
        outside = (values < low if low is not None else none) | (values > high if high is not None else none)
        if outside.any():
            i = int(np.argmax(outside))
            self.fail(column, i, float(values[i]), f"a value in [{low:g}, {high:g}] ({unit})")
        return values


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


class Rows:
    """Mixin for a frozen dataclass whose array fields are the columns of a table (one entry per row)."""

    def __len__(self) -> int:
        return next(len(v) for f in fields(self) if isinstance(v := getattr(self, f.name), np.ndarray))

    def where(self, mask):
        """The rows where the boolean ``mask`` (one entry per row) is true, as a table of the same type."""
        mask = np.asarray(mask)
        if mask.dtype != bool or mask.shape != (len(self),):
            raise ValueError(f"mask must be a boolean array with one entry per row ({len(self)}); "
                             f"got dtype {mask.dtype} and shape {mask.shape}")
        return self._take(np.flatnonzero(mask))

    def _take(self, index: np.ndarray):
        """The rows at ``index``, in that order (read-only arrays, like the cached table)."""
        picked = {f.name: frozen(v[index]) for f in fields(self) if isinstance(v := getattr(self, f.name), np.ndarray)}
        return replace(self, **picked)
