"""``check(task_id, answer)``: instant feedback in the learner's own kernel, with exactly the cases and judges
the grader uses, and the same rule that the book's own answer is off limits."""

from __future__ import annotations

import copy
import math
import os
from collections.abc import Callable

from helpers.grading import codec
from helpers.grading.judges import describe_value, judge_task
from helpers.grading.model import Case, Outcome, Task, TaskResult
from helpers.grading.offlimits import Reference, ReferenceAnswerCalled, off_limits
from helpers.grading.protocol import GRADING_ENV, CallStatus, one_line
from helpers.grading.registry import find_task


def call_case(function: Callable, case: Case, references: tuple[Reference, ...] = ()) -> Outcome:
    """Call ``function`` on a fresh copy of the case's inputs, with the ``references`` functions off limits,
    and record the outcome as plain data."""
    args, kwargs = copy.deepcopy(case.args), copy.deepcopy(case.kwargs)
    with off_limits(references) as called:
        try:
            value = function(*args, **kwargs)
        except (Exception, SystemExit, ReferenceAnswerCalled) as exc:
            value, error = None, exc
        else:
            error = None
    if called:
        return Outcome(CallStatus.CALLED_REFERENCE, error=called[0])
    if error is not None:
        return Outcome(CallStatus.RAISED, error_type=type(error).__name__, error=one_line(str(error)))
    # The same plain-data round trip the grader uses, so both judge identical values.
    return Outcome(CallStatus.RETURNED, value=codec.decode(codec.encode(value)))


def run_task(task: Task, function) -> TaskResult:
    """Run and judge every case of ``task`` against ``function`` in this process."""
    if not callable(function):
        outcome = Outcome(CallStatus.NOT_CALLABLE, error=f"is a {type(function).__name__}, not a function")
        return judge_task(task, [outcome] * len(task.cases))
    return judge_task(task, [call_case(function, case, task.references) for case in task.cases])


def _num(x: float) -> str:
    return f"{x:g}" if not math.isnan(x) else "?"


def format_result(result: TaskResult) -> str:
    """What ``check`` prints: a pass/fail line with points, up to five problems and the hint."""
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
            f" not {describe_value(answer)}"
        )
        return
    print(format_result(run_task(task, answer)))
