"""Reference answers off limits: while a task's function is being checked, the book functions the task asks
the learner to write (``Task.reimplements``) refuse to run and record that they were called.

The function objects themselves are changed (their ``__code__`` is swapped for a stub and put back
afterwards), so every way of reaching them is covered: ``compute.training_flops``, ``from helpers.compute
import training_flops``, an alias, a ``functools.partial``, or another helper that calls them. Outside a
check they behave as usual, so chapters, solutions and the checks' expected values can use them freely.

This guards against answering with the book's function, not against a learner who deliberately rewires
their own process: learner code and this module share one process, as they do in any notebook.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager


class ReferenceAnswerCalled(BaseException):
    """Raised by an off-limits function. A BaseException, so that ``except Exception`` does not hide it."""


_calls: list[str] = []


def tripped(name: str) -> None:
    """Called by the stub that replaces an off-limits function: record the call and stop it."""
    _calls.append(name)
    raise ReferenceAnswerCalled(f"{name} is the book's answer to this task: write it yourself")


def resolve(name: str) -> Callable:
    """The function a dotted name such as "helpers.scaling.ChinchillaFit.loss" refers to."""
    parts = name.split(".")
    for split in range(len(parts) - 1, 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        for attr in parts[split:]:
            obj = getattr(obj, attr)
        obj = getattr(obj, "fget", obj)  # a property: its getter
        if not hasattr(obj, "__code__"):
            raise ValueError(f"{name} is not a plain Python function, so it cannot be put off limits")
        return obj
    raise ValueError(f"cannot import a module for {name}")


_stubs: dict[tuple[str, str], object] = {}


def _stub(function: Callable, name: str):
    key = (function.__name__, name)
    if key in _stubs:
        return _stubs[key]
    source = (
        f"def {function.__name__}(*args, **kwargs):\n"
        f"    __import__('helpers.grading.offlimits', fromlist=['tripped']).tripped({name!r})\n"
    )
    namespace: dict = {}
    exec(compile(source, f"<{name} is off limits>", "exec"), namespace)
    _stubs[key] = namespace[function.__name__].__code__
    return _stubs[key]


@contextmanager
def off_limits(names: Iterable[str]) -> Iterator[list[str]]:
    """Within the block, calling any of the named functions fails; yields the list of names called."""
    functions = [(resolve(name), name) for name in names]
    saved = [(function, function.__code__) for function, _ in functions]
    _calls.clear()
    called: list[str] = []
    try:
        for function, name in functions:
            function.__code__ = _stub(function, name)
        yield called
    finally:
        for function, code in saved:
            function.__code__ = code
        called.extend(dict.fromkeys(_calls))
        _calls.clear()
