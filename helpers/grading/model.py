"""The data model of grading: tasks and their cases (what authors write), outcomes and results (what grading
produces). Plain frozen dataclasses with no behaviour beyond arithmetic on their own fields."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from helpers.grading.protocol import CallStatus


@dataclass(frozen=True)
class Outcome:
    """What happened when a learner's function was called once."""

    status: CallStatus
    value: Any = None
    """the returned value, as plain data (``codec``), when ``status`` is RETURNED"""
    error_type: str = ""
    """the exception's class name when ``status`` is RAISED"""
    error: str = ""
    """a one-line explanation: the exception's message, or why the call was not made"""


Judge = Callable[[Outcome], "str | None"]


@dataclass(frozen=True, kw_only=True)
class Case:
    """One call of the learner's function and how to judge it."""

    args: tuple = ()
    """positional arguments, plain data (numbers, arrays, tuples, ...): they are sent to another process"""
    kwargs: dict = field(default_factory=dict)
    judge: Judge
    """``judge(outcome)`` returns None when the outcome is right, else a sentence saying what was wrong"""
    describe: str = ""
    """how the call reads in a message; built from the arguments when empty"""
    hidden: bool = False
    """an instructor's check from --extra-checks, which learners do not have"""


@dataclass(frozen=True, kw_only=True)
class Task:
    """A graded task: implement ``function``; earn ``points`` in proportion to the cases it passes."""

    id: str
    """"N.k": set N, task k"""
    function: str
    """the name of the function the learner writes"""
    title: str
    points: float
    cases: tuple[Case, ...]
    reimplements: tuple[Callable, ...]
    """the book's own functions this task asks the learner to write again: calling one of them while the
    task is checked fails the task. Every task says so explicitly, with () when the book has none."""
    hint: str = ""

    @property
    def references(self) -> tuple[tuple[str, str], ...]:
        """Each function of ``reimplements`` as (module, qualified name), e.g. ("helpers.compute", "training_flops")."""
        return tuple((f.__module__, f.__qualname__) for f in self.reimplements)


@dataclass(frozen=True, kw_only=True)
class ExerciseSet:
    name: str
    """e.g. "01_power_laws": the stem of the exercise notebook and of its solution"""
    title: str
    tasks: tuple[Task, ...]

    def task(self, task_id: str) -> Task:
        for t in self.tasks:
            if t.id == task_id:
                return t
        raise KeyError(task_id)


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


@dataclass
class TaskResult:
    """How one task did: checks passed out of its cases, and a message per failed check."""

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


@dataclass
class NotebookReport:
    """The grade of one notebook: a result per task, or the problem that stopped it being graded."""

    path: str
    exercise_set: str | None
    results: list[TaskResult] = field(default_factory=list)
    problem: str = ""
    """set when the notebook could not be graded at all"""
    notes: list[str] = field(default_factory=list)
    """what went wrong outside the tasks (cells that failed, a killed process, ...), in plain words"""
    seconds: float = 0.0
    learner: str = ""
    sandbox: str = ""
    """"bubblewrap" when the learner's code ran in the sandbox, "none" when it ran without one"""
    tampered: list[str] = field(default_factory=list)
    """grader files this run found changed (and restored)"""
    span: tuple[float, float] = (0.0, 0.0)
    """monotonic start and end, to find notebooks that ran at the same time"""

    @property
    def score(self) -> float:
        return round(sum(r.score for r in self.results), 2)

    @property
    def max_score(self) -> float:
        return sum(r.task.points for r in self.results)

    @property
    def ok(self) -> bool:
        return not self.problem and bool(self.results) and all(r.ok for r in self.results)
