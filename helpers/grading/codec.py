"""Safe JSON encoding of the values that cross between the grader and a learner's process.

Only plain data crosses: numbers, strings, booleans, None, lists, tuples, dicts, complex numbers and numeric
numpy arrays. Anything else becomes an ``Unrepresentable`` with its type name. No pickle, so a value
returned by learner code can never run code in the grader.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np

MAX_DEPTH = 20
MAX_ELEMENTS = 2_000_000


@dataclass(frozen=True)
class Unrepresentable:
    """A returned object that is not plain data (a function, a file, a custom class, ...)."""

    type_name: str
    text: str


def _enc(v, depth: int):
    if depth > MAX_DEPTH:
        return {"__unrepresentable__": ["nested structure", "nested more than 20 levels deep"]}
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return {"__int__": str(v)} if isinstance(v, int) and abs(v) > 2**53 else v
    if isinstance(v, complex):
        return {"__complex__": [v.real, v.imag]}
    if isinstance(v, np.generic):
        return _enc(v.item(), depth)
    if isinstance(v, np.ndarray):
        if v.dtype.kind not in "biufc" or v.size > MAX_ELEMENTS:
            return {
                "__unrepresentable__": [f"numpy array of {v.dtype} with {v.size} elements", repr(v)[:200]]
            }
        if v.dtype.kind == "c":
            return {
                "__ndarray__": [[x.real, x.imag] for x in v.ravel().tolist()],
                "shape": list(v.shape),
                "complex": 1,
            }
        return {"__ndarray__": v.ravel().tolist(), "shape": list(v.shape), "dtype": v.dtype.str}
    if isinstance(v, tuple):
        return {"__tuple__": [_enc(x, depth + 1) for x in v]}
    if isinstance(v, list):
        return [_enc(x, depth + 1) for x in v]
    if isinstance(v, dict) and all(isinstance(k, str) for k in v):
        return {"__dict__": [[k, _enc(x, depth + 1)] for k, x in v.items()]}
    try:
        text = repr(v)[:200]
    except Exception:  # a learner's __repr__ may itself raise
        text = "<repr failed>"
    return {"__unrepresentable__": [type(v).__name__, text]}


def _dec(v):
    if isinstance(v, list):
        return [_dec(x) for x in v]
    if not isinstance(v, dict):
        return v
    if "__tuple__" in v:
        return tuple(_dec(x) for x in v["__tuple__"])
    if "__dict__" in v:
        return {str(k): _dec(x) for k, x in v["__dict__"]}
    if "__ndarray__" in v:
        if v.get("complex"):
            flat = np.array([complex(re, im) for re, im in v["__ndarray__"]])
        else:
            flat = np.array(v["__ndarray__"], dtype=np.dtype(v.get("dtype", "<f8")))
        return flat.reshape(v["shape"])
    if "__complex__" in v:
        re, im = v["__complex__"]
        return complex(re, im)
    if "__int__" in v:
        return int(v["__int__"])
    if "__unrepresentable__" in v:
        type_name, text = v["__unrepresentable__"]
        return Unrepresentable(str(type_name), str(text))
    raise ValueError(f"unknown encoded value with keys {sorted(v)}")


def encode(value) -> object:
    """``value`` as JSON-ready data (see module docstring)."""
    return _enc(value, 0)


def decode(data) -> object:
    """Inverse of ``encode``."""
    return _dec(data)


def dumps(value) -> str:
    return json.dumps(encode(value))


def loads(text: str):
    return decode(json.loads(text))
