"""Input checks shared by every helpers module.

Bad input must fail loudly with a message that names the argument, the offending value and the unit the
function expects, instead of returning NaN or a negative loss several cells later.
"""

from __future__ import annotations

import numpy as np


def _describe(value) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def as_float_array(name: str, value, unit: str) -> np.ndarray:
    """Convert ``value`` to a float array, rejecting non-numbers and non-finite entries."""
    if isinstance(value, (str, bytes)) or value is None:
        raise ValueError(f"{name} must be a number in {unit}; got {_describe(value)}")
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(
            f"{name} must be a number or an array of numbers in {unit}; got {_describe(value)}"
        ) from None
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty (expected values in {unit})")
    if not np.all(np.isfinite(arr)):
        bad = arr[~np.isfinite(arr)].flat[0]
        raise ValueError(f"{name} must be finite (in {unit}); got {bad!r} in {_describe(value)}")
    return arr


def positive(name: str, value, unit: str) -> np.ndarray:
    """``value`` as a float array whose entries are all > 0 (sizes, budgets, losses)."""
    arr = as_float_array(name, value, unit)
    if np.any(arr <= 0):
        bad = arr[arr <= 0].flat[0]
        raise ValueError(f"{name} must be > 0 (in {unit}); got {bad!r}")
    return arr


def in_range(
    name: str, value, unit: str, low: float, high: float, *, low_open=False, high_open=False
) -> np.ndarray:
    """``value`` as a float array with every entry in the interval [low, high] (ends optionally open)."""
    arr = as_float_array(name, value, unit)
    too_low = arr <= low if low_open else arr < low
    too_high = arr >= high if high_open else arr > high
    if np.any(too_low | too_high):
        bad = arr[too_low | too_high].flat[0]
        lo, hi = ("(" if low_open else "["), (")" if high_open else "]")
        raise ValueError(f"{name} must lie in {lo}{low}, {high}{hi} ({unit}); got {bad!r}")
    return arr


def same_length(**arrays: np.ndarray) -> None:
    """Require 1-D arrays of equal length (e.g. the x and y of a fit)."""
    shapes = {name: np.shape(a) for name, a in arrays.items()}
    if any(len(s) != 1 for s in shapes.values()):
        raise ValueError(f"expected 1-D arrays; got shapes {shapes}")
    if len({s[0] for s in shapes.values()}) != 1:
        raise ValueError(f"arrays must have the same length; got shapes {shapes}")


def like_input(result: np.ndarray, *inputs):
    """Return a Python float when every input was a scalar, else the array."""
    if all(np.ndim(x) == 0 for x in inputs):
        return float(result)
    return result


def whole_numbers(name: str, value, unit: str, *, minimum: int = 0) -> np.ndarray:
    """``value`` as an int64 array of whole numbers >= ``minimum`` (counts of samples, items, tokens).

    Booleans are refused: ``True`` is not a count, though numpy would happily treat it as 1.
    """
    if isinstance(value, (bool, np.bool_)) or (isinstance(value, np.ndarray) and value.dtype == bool):
        raise ValueError(f"{name} must be a whole number of {unit}, not a boolean; got {value!r}")
    arr = as_float_array(name, value, unit)
    if np.any(arr != np.round(arr)):
        bad = arr[arr != np.round(arr)].flat[0]
        raise ValueError(f"{name} must be a whole number of {unit}; got {bad!r}")
    if np.any(arr < minimum):
        bad = arr[arr < minimum].flat[0]
        raise ValueError(f"{name} must be >= {minimum} ({unit}); got {bad!r}")
    return arr.astype(np.int64)
