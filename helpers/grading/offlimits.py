"""Reference answers off limits: while a task's function is being checked, the book functions the task asks
the learner to write (``Task.reimplements``) refuse to run and record that they were called.

The function objects themselves are changed (their ``__code__`` is swapped for a stub and put back
afterwards), so every way of reaching them is covered: ``compute.training_flops``, ``from helpers.compute
import training_flops``, an alias, a ``functools.partial``, or another helper that calls them. A module that
is not imported yet is not imported for this (it can take a second); its functions are put off limits the
moment something imports it. Outside a check they behave as usual, so chapters, solutions and the checks'
expected values can use them freely.

This guards against answering with the book's function, not against a learner who deliberately rewires
their own process: learner code and this module share one process, as they do in any notebook.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

#: A book function by its module and qualified name, e.g. ("helpers.scaling", "ChinchillaFit.loss").
Reference = tuple[str, str]


class ReferenceAnswerCalled(BaseException):
    """Raised by an off-limits function. A BaseException, so that ``except Exception`` does not hide it."""


_calls: list[str] = []
_stubs: dict[str, object] = {}


def tripped(name: str) -> None:
    """Called by the stub that replaces an off-limits function: record the call and stop it."""
    _calls.append(name)
    raise ReferenceAnswerCalled(f"{name} is the book's answer to this task: write it yourself")


def dotted(reference: Reference) -> str:
    return ".".join(reference)


def resolve(module, qualname: str) -> Callable:
    """The function ``qualname`` names in an imported ``module`` (a property: its getter)."""
    obj = module
    for attr in qualname.split("."):
        obj = getattr(obj, attr)
    obj = getattr(obj, "fget", obj)
    if not hasattr(obj, "__code__"):
        raise ValueError(f"{module.__name__}.{qualname} is not a plain Python function")
    return obj


def _stub(function: Callable, name: str):
    if name not in _stubs:
        source = (
            f"def {function.__name__}(*args, **kwargs):\n"
            f"    __import__('helpers.grading.offlimits', fromlist=['tripped']).tripped({name!r})\n"
        )
        namespace: dict = {}
        exec(compile(source, f"<{name} is off limits>", "exec"), namespace)
        _stubs[name] = namespace[function.__name__].__code__
    return _stubs[name]


class _OffLimitsOnImport(importlib.abc.MetaPathFinder):
    """Puts a module's off-limits functions out of use as soon as it has been imported."""

    def __init__(self, pending: dict[str, list[str]], arm: Callable):
        self.pending, self.arm = pending, arm

    def find_spec(self, fullname, path=None, target=None):
        if fullname not in self.pending:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None:
            return None
        real, finder = spec.loader, self

        class Loader(importlib.abc.Loader):
            def create_module(self, spec):
                return real.create_module(spec)

            def exec_module(self, module):
                real.exec_module(module)
                for qualname in finder.pending.pop(fullname, []):
                    finder.arm(module, qualname)

        spec.loader = Loader()
        return spec


@contextmanager
def off_limits(references: Iterable[Reference]) -> Iterator[list[str]]:
    """Within the block, calling any of the referenced functions fails; afterwards, the list holds the
    dotted names of those that were called."""
    saved: list[tuple[Callable, object]] = []
    pending: dict[str, list[str]] = {}

    def arm(module, qualname: str) -> None:
        function = resolve(module, qualname)
        saved.append((function, function.__code__))
        function.__code__ = _stub(function, f"{module.__name__}.{qualname}")

    _calls.clear()
    called: list[str] = []
    hook = None
    try:
        for module_name, qualname in references:
            if module_name in sys.modules:
                arm(sys.modules[module_name], qualname)
            else:
                pending.setdefault(module_name, []).append(qualname)
        if pending:
            hook = _OffLimitsOnImport(pending, arm)
            sys.meta_path.insert(0, hook)
        yield called
    finally:
        if hook in sys.meta_path:
            sys.meta_path.remove(hook)
        for function, code in reversed(saved):
            function.__code__ = code
        called.extend(dict.fromkeys(_calls))
        _calls.clear()
