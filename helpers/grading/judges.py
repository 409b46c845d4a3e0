"""Judges turn the outcome of one call into None (right) or a sentence saying what was wrong, and
``judge_task`` applies them to every case of a task. No learner code runs here."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy as np

from helpers.grading.codec import Unrepresentable
from helpers.grading.model import Case, Judge, Outcome, Task, TaskResult
from helpers.grading.protocol import CallStatus, one_line

__all__ = [
    "close_to",
    "describe_call",
    "describe_value",
    "failure_of_call",
    "judge_task",
    "raises",
    "satisfies",
]

#: Outcomes that say the same thing for every case of a task: their message is given once.
_SAME_FOR_EVERY_CASE = (CallStatus.MISSING, CallStatus.NOT_CALLABLE, CallStatus.NOT_RUN)


def describe_value(value) -> str:
    """A short, readable rendering of a value for a message."""
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, np.ndarray):
        with np.printoptions(precision=4, threshold=8, edgeitems=3):
            return np.array2string(value, separator=", ")
    if isinstance(value, tuple):
        return "(" + ", ".join(describe_value(v) for v in value) + ("," if len(value) == 1 else "") + ")"
    if isinstance(value, Unrepresentable):
        return f"a {value.type_name} object"
    return one_line(repr(value), 80)


def _not_implemented(outcome: Outcome) -> bool:
    return outcome.status == CallStatus.RAISED and outcome.error_type == "NotImplementedError"


def failure_of_call(outcome: Outcome) -> str | None:
    """The message for an outcome that is not a returned value (None when a value was returned)."""
    if outcome.status == CallStatus.RETURNED:
        return None
    if _not_implemented(outcome):
        return "is not implemented yet: replace the `raise NotImplementedError(...)` line with your code"
    if outcome.status == CallStatus.RAISED:
        if outcome.error_type == "TypeError" and re.search(r"argument|positional|keyword", outcome.error):
            return f"could not be called this way ({outcome.error}): does its signature match the task?"
        return f"raised {outcome.error_type}: {outcome.error}"
    if outcome.status == CallStatus.TIMEOUT:
        return f"did not return in time ({outcome.error})"
    if outcome.status == CallStatus.MISSING:
        return outcome.error or "is not defined"
    if outcome.status == CallStatus.NOT_CALLABLE:
        return outcome.error or "is not a function"
    if outcome.status == CallStatus.CALLED_REFERENCE:
        return f"called {outcome.error}, the book's own answer"
    return outcome.error or "was not run"


def _as_numbers(value):
    """``value`` as a float array, or None when it is not numeric data."""
    if isinstance(value, (bool, np.bool_)) or value is None or isinstance(value, (str, Unrepresentable)):
        return None
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None


def _plain(value):
    if isinstance(value, np.ndarray) and value.ndim == 0:
        return float(value)
    return value


def close_to(expected, *, rtol: float = 1e-6, atol: float = 0.0, what: str = "") -> Judge:
    """Judge: the returned value equals ``expected`` (number, tuple or array) within the tolerances."""
    exp = np.asarray(expected, dtype=float)
    label = f" {what}" if what else ""
    shown = describe_value(_plain(expected))

    def judge(outcome: Outcome) -> str | None:
        failure = failure_of_call(outcome)
        if failure:
            return failure
        got = outcome.value
        if got is None:
            return f"returned None{label}: did you forget `return`?"
        arr = _as_numbers(got)
        if arr is None:
            return f"returned {describe_value(got)}; expected a number{label} close to {shown}"
        if arr.shape != exp.shape:
            return (
                f"returned a value of shape {arr.shape or 'scalar'}; expected shape {exp.shape or 'scalar'}"
                f" ({shown})"
            )
        if not np.all(np.isfinite(arr)):
            return f"returned {describe_value(got)}, which contains NaN or infinity; expected {shown}"
        if not np.allclose(arr, exp, rtol=rtol, atol=atol):
            tol = f"relative tolerance {rtol:g}" + (f", absolute {atol:g}" if atol else "")
            return f"returned {describe_value(got)}; expected {shown}{label} ({tol})"
        return None

    return judge


def raises(error_type: str) -> Judge:
    """Judge: the call raised ``error_type`` (by name, e.g. "ValueError") with a non-empty message."""

    def judge(outcome: Outcome) -> str | None:
        if outcome.status == CallStatus.RAISED and outcome.error_type == error_type:
            if outcome.error.strip():
                return None
            return f"raised {error_type} without a message saying what was wrong"
        if outcome.status == CallStatus.RETURNED:
            return f"returned {describe_value(outcome.value)}; expected it to raise {error_type}"
        return failure_of_call(outcome) or f"expected {error_type}"

    return judge


def satisfies(predicate: Callable[[Any], bool], expectation: str) -> Judge:
    """Judge: ``predicate(value)`` is true; ``expectation`` says what was expected, for the message."""

    def judge(outcome: Outcome) -> str | None:
        failure = failure_of_call(outcome)
        if failure:
            return failure
        try:
            ok = bool(predicate(outcome.value))
        except Exception:
            ok = False
        return None if ok else f"returned {describe_value(outcome.value)}; expected {expectation}"

    return judge


def describe_call(task: Task, case: Case) -> str:
    """How a case's call reads in a message, e.g. "fit_log_log(x, 3 x^-0.5)"."""
    if case.describe:
        return case.describe
    parts = [describe_value(a) for a in case.args] + [
        f"{k}={describe_value(v)}" for k, v in case.kwargs.items()
    ]
    return f"{task.function}({', '.join(parts)})"


def judge_task(task: Task, outcomes: list[Outcome]) -> TaskResult:
    """Judge every case of ``task`` given the outcome of each call, in order.

    A task whose function called one of the book functions it asks the learner to write earns nothing,
    whatever its other calls returned.
    """
    hidden_total = sum(c.hidden for c in task.cases)
    called = next((o.error for o in outcomes if o.status == CallStatus.CALLED_REFERENCE), None)
    if called is not None:
        message = f"task {task.id} asks you to write this yourself; your code called {called}"
        return TaskResult(task, 0, len(task.cases), [message], 0, hidden_total)
    messages, passed, hidden_passed = [], 0, 0
    for case, outcome in zip(task.cases, outcomes, strict=True):
        try:
            problem = case.judge(outcome)
        except Exception as exc:  # a judge must never crash the grader, whatever the value
            problem = f"returned a value the check could not judge ({type(exc).__name__}: {exc})"
        if problem is None:
            passed += 1
            hidden_passed += case.hidden
        elif _not_implemented(outcome):
            if not messages:  # the same for every case: say it once, naming the task
                messages.append(
                    f"{task.function} is not implemented yet (task {task.id}): replace the "
                    "`raise NotImplementedError(...)` line with your code"
                )
        elif outcome.status in _SAME_FOR_EVERY_CASE:
            if not messages:
                messages.append(f"{task.function} {problem}")
        else:
            label = "[hidden check] " if case.hidden else ""
            messages.append(f"{label}{describe_call(task, case)} {problem}")
    return TaskResult(task, passed, len(task.cases), messages, hidden_passed, hidden_total)
