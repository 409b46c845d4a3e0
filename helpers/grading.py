"""Checks for the exercise sets, and ``check(task_id, answer)`` for instant feedback in a notebook.

Each task is checked by *cases*: a case calls the learner's function with fixed inputs and judges the value
it returns. The call and the judgement are separate steps, so ``python -m helpers.grade`` can run the
learner's code in another process and judge the returned values here, where learner code never runs.
``check`` in a notebook uses exactly the same cases and judges, in the learner's own process.

Checks live in ``helpers/checks/<topic>.py``, one module per exercise set (see CONTRIBUTING.md).
"""

from __future__ import annotations

import copy
import importlib
import math
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from helpers import _codec
from helpers._codec import Unrepresentable

__all__ = [
    "Case",
    "ExerciseSet",
    "Outcome",
    "Task",
    "TaskResult",
    "check",
    "close_to",
    "find_task",
    "load_set",
]

#: Set by ``python -m helpers.grade`` in the learner's process: ``check`` then stays silent, because the
#: grader judges every task itself.
GRADING_ENV = "HELPERS_GRADING"


@dataclass(frozen=True)
class Outcome:
    """What happened when a learner's function was called."""

    status: str  # "returned" | "raised" | "timeout" | "missing" | "not_callable" | "not_run"
    value: Any = None
    error_type: str = ""
    error: str = ""


Judge = Callable[[Outcome], "str | None"]


@dataclass(frozen=True)
class Case:
    """One call of the learner's function and how to judge it.

    ``judge(outcome)`` returns None when the outcome is right, else a sentence saying what was wrong.
    ``args``/``kwargs`` must be plain data (numbers, arrays, tuples, ...): they are sent to another process.
    """

    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    judge: Judge = None  # type: ignore[assignment]
    describe: str = ""  # how the call reads in a message; built from the arguments when empty
    hidden: bool = False  # an instructor's check from --extra-checks, which learners do not have


@dataclass(frozen=True)
class Task:
    """A graded task: implement ``function``; earn ``points`` in proportion to the cases it passes."""

    id: str
    function: str
    title: str
    points: float
    cases: tuple[Case, ...]
    hint: str = ""


@dataclass(frozen=True)
class ExerciseSet:
    name: str  # e.g. "01_power_laws", the stem of the exercise notebook
    title: str
    tasks: tuple[Task, ...]

    def task(self, task_id: str) -> Task:
        for t in self.tasks:
            if t.id == task_id:
                return t
        raise KeyError(task_id)


@dataclass
class TaskResult:
    task: Task
    passed: int
    total: int
    messages: list[str]
    hidden_passed: int = 0
    hidden_total: int = 0

    @property
    def score(self) -> float:
        """Points earned: partial credit in proportion to the cases passed."""
        return round(self.task.points * self.passed / self.total, 2) if self.total else 0.0

    @property
    def ok(self) -> bool:
        return self.passed == self.total

    def summary(self) -> str:
        """One line for a table: what passed, or the first thing that went wrong."""
        if self.ok:
            return f"all {self.total} checks passed"
        return self.messages[0] if self.messages else "failed"


# ---------------------------------------------------------------------------------------------- judges


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, np.ndarray):
        with np.printoptions(precision=4, threshold=8, edgeitems=3):
            return np.array2string(value, separator=", ")
    if isinstance(value, tuple):
        return "(" + ", ".join(_fmt(v) for v in value) + ("," if len(value) == 1 else "") + ")"
    if isinstance(value, Unrepresentable):
        return f"a {value.type_name} object"
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def failure_of_call(outcome: Outcome) -> str | None:
    """The message for an outcome that is not a returned value (None when a value was returned)."""
    if outcome.status == "returned":
        return None
    if outcome.status == "raised":
        if outcome.error_type == "NotImplementedError":
            return "is not implemented yet: replace the `raise NotImplementedError(...)` line with your code"
        if outcome.error_type == "TypeError" and re.search(r"argument|positional|keyword", outcome.error):
            return f"could not be called this way ({outcome.error}): does its signature match the task?"
        return f"raised {outcome.error_type}: {outcome.error}"
    if outcome.status == "timeout":
        return f"did not return in time ({outcome.error})"
    if outcome.status == "missing":
        return outcome.error or "is not defined"
    if outcome.status == "not_callable":
        return outcome.error or "is not a function"
    return outcome.error or "was not run"


def _as_numbers(value):
    """``value`` as a float array, or None when it is not numeric data."""
    if isinstance(value, (bool, np.bool_)) or value is None or isinstance(value, (str, Unrepresentable)):
        return None
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
    return arr


def close_to(expected, *, rtol: float = 1e-6, atol: float = 0.0, what: str = "") -> Judge:
    """Judge: the returned value equals ``expected`` (number, tuple or array) within the tolerances."""
    exp = np.asarray(expected, dtype=float)
    label = f" {what}" if what else ""

    def judge(outcome: Outcome) -> str | None:
        failure = failure_of_call(outcome)
        if failure:
            return failure
        got = outcome.value
        if got is None:
            return f"returned None{label}: did you forget `return`?"
        arr = _as_numbers(got)
        if arr is None:
            return f"returned {_fmt(got)}; expected a number{label} close to {_fmt(_plain(expected))}"
        if arr.shape != exp.shape:
            return (
                f"returned a value of shape {arr.shape or 'scalar'}; expected shape {exp.shape or 'scalar'}"
                f" ({_fmt(_plain(expected))})"
            )
        if not np.all(np.isfinite(arr)):
            return f"returned {_fmt(got)}, which contains NaN or infinity; expected {_fmt(_plain(expected))}"
        if not np.allclose(arr, exp, rtol=rtol, atol=atol):
            tol = f"relative tolerance {rtol:g}" + (f", absolute {atol:g}" if atol else "")
            return f"returned {_fmt(got)}; expected {_fmt(_plain(expected))}{label} ({tol})"
        return None

    return judge


def _plain(value):
    if isinstance(value, np.ndarray) and value.ndim == 0:
        return float(value)
    return value


def raises(error_type: str) -> Judge:
    """Judge: the call raised ``error_type`` (by name, e.g. "ValueError") with a non-empty message."""

    def judge(outcome: Outcome) -> str | None:
        if outcome.status == "raised" and outcome.error_type == error_type:
            return (
                None
                if outcome.error.strip()
                else f"raised {error_type} without a message saying what was wrong"
            )
        if outcome.status == "raised" and outcome.error_type == "NotImplementedError":
            return failure_of_call(outcome)
        if outcome.status == "returned":
            return f"returned {_fmt(outcome.value)}; expected it to raise {error_type}"
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
        return None if ok else f"returned {_fmt(outcome.value)}; expected {expectation}"

    return judge


# ---------------------------------------------------------------------------------------------- registry

#: Exercise set name -> module in helpers.checks that defines ``EXERCISE_SET``.
SETS = {
    "01_power_laws": "helpers.checks.power_laws",
    "02_chinchilla": "helpers.checks.chinchilla",
    "03_compute_cost": "helpers.checks.compute_cost",
    "04_test_time_compute": "helpers.checks.test_time_compute",
    "05_emergence_mirage": "helpers.checks.emergence_mirage",
    "06_energy_data": "helpers.checks.energy_data",
    "07_forecasting": "helpers.checks.forecasting",
    "08_your_own_scaling_law": "helpers.checks.own_scaling_law",
}


def load_set(name: str) -> ExerciseSet:
    """The exercise set called ``name`` (e.g. "01_power_laws")."""
    if name not in SETS:
        raise ValueError(f"unknown exercise set {name!r}; known sets: {', '.join(sorted(SETS))}")
    return importlib.import_module(SETS[name]).EXERCISE_SET


def with_hidden_cases(exercise_set: ExerciseSet, hidden: dict[str, list[Case]]) -> ExerciseSet:
    """``exercise_set`` with an instructor's extra cases appended to the tasks they name (marked hidden)."""
    unknown = sorted(set(hidden) - {t.id for t in exercise_set.tasks})
    if unknown:
        raise ValueError(f"hidden checks name tasks that {exercise_set.name} does not have: {unknown}")
    tasks = tuple(
        replace(t, cases=t.cases + tuple(replace(c, hidden=True) for c in hidden.get(t.id, ())))
        for t in exercise_set.tasks
    )
    return replace(exercise_set, tasks=tasks)


def find_task(task_id: str) -> Task:
    """The task with id ``task_id`` (e.g. "1.2"), looked up in the set its number names."""
    match = re.fullmatch(r"(\d+)\.(\d+)", str(task_id).strip())
    if not match:
        raise ValueError(f"task_id must look like '1.2' (set.task); got {task_id!r}")
    number = int(match.group(1))
    for name in SETS:
        if int(name.split("_", 1)[0]) == number:
            try:
                return load_set(name).task(str(task_id).strip())
            except KeyError:
                break
    raise ValueError(
        f"there is no task {task_id!r}; the tasks are listed at the top of each exercise notebook"
    )


def describe_call(task: Task, case: Case) -> str:
    if case.describe:
        return case.describe
    parts = [_fmt(a) for a in case.args] + [f"{k}={_fmt(v)}" for k, v in case.kwargs.items()]
    return f"{task.function}({', '.join(parts)})"


def judge_task(task: Task, outcomes: list[Outcome]) -> TaskResult:
    """Judge every case of ``task`` given the outcome of each call, in order."""
    messages, passed, hidden_passed = [], 0, 0
    for case, outcome in zip(task.cases, outcomes, strict=True):
        try:
            problem = case.judge(outcome)
        except Exception as exc:  # a judge must never crash the grader, whatever the value
            problem = f"returned a value the check could not judge ({type(exc).__name__}: {exc})"
        if problem is None:
            passed += 1
            hidden_passed += case.hidden
        elif (
            outcome.status in ("missing", "not_callable", "not_run")
            or outcome.error_type == "NotImplementedError"
        ):
            # Same message for every case: say it once.
            if not messages:
                messages.append(
                    f"{task.function} {problem}".replace(
                        " is not implemented yet:", f" is not implemented yet (task {task.id}):"
                    )
                )
        else:
            label = "[hidden check] " if case.hidden else ""
            messages.append(f"{label}{describe_call(task, case)} {problem}")
    hidden_total = sum(c.hidden for c in task.cases)
    return TaskResult(task, passed, len(task.cases), messages, hidden_passed, hidden_total)


# ---------------------------------------------------------------------------------------------- in-process


def call_case(function: Callable, case: Case) -> Outcome:
    """Call ``function`` on a fresh copy of the case's inputs and record the outcome as plain data."""
    args, kwargs = copy.deepcopy(case.args), copy.deepcopy(case.kwargs)
    try:
        value = function(*args, **kwargs)
    except (Exception, SystemExit) as exc:
        return Outcome("raised", error_type=type(exc).__name__, error=_one_line(exc))
    # The same plain-data round trip the grader uses, so both judge identical values.
    return Outcome("returned", value=_codec.decode(_codec.encode(value)))


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 300 else text[:297] + "..."


def run_task(task: Task, function) -> TaskResult:
    """Run and judge every case of ``task`` against ``function`` in this process."""
    if not callable(function):
        outcome = Outcome("not_callable", error=f"is a {type(function).__name__}, not a function")
        return judge_task(task, [outcome] * len(task.cases))
    return judge_task(task, [call_case(function, case) for case in task.cases])


def format_result(result: TaskResult) -> str:
    task = result.task
    points = f"{_num(result.score)}/{_num(task.points)} points"
    if result.ok:
        return f"✓ Task {task.id} ({task.function}): all {result.total} checks passed. {points}."
    lines = [
        f"✗ Task {task.id} ({task.function}): {result.passed} of {result.total} checks passed. {points}."
    ]
    lines += [f"  - {m}" for m in result.messages[:5]]
    if len(result.messages) > 5:
        lines.append(f"  - ... and {len(result.messages) - 5} more")
    if task.hint:
        lines.append(f"  Hint: {task.hint}")
    return "\n".join(lines)


def _num(x: float) -> str:
    return f"{x:g}" if not math.isnan(x) else "?"


def check(task_id: str, answer) -> None:
    """Check your function for task ``task_id`` and print what passed, what did not, and a hint.

    Pass the function itself, not a call of it: ``check("1.1", power_law)``.
    """
    if os.environ.get(GRADING_ENV):
        return  # python -m helpers.grade judges every task itself
    try:
        task = find_task(task_id)
    except ValueError as exc:
        print(f"✗ {exc}")
        return
    if not callable(answer):
        print(
            f"✗ Task {task.id}: check expects your function itself, e.g. check({task.id!r}, {task.function}),"
            f" not {_fmt(answer)}"
        )
        return
    print(format_result(run_task(task, answer)))
