"""Grading the exercises: ``check(task_id, answer)`` for learners, the task model for authors of checks.

Each task is checked by *cases*: a case calls the learner's function with fixed inputs and judges the value
it returns. The call and the judgement are separate steps, so ``python -m helpers.grade`` can run the
learner's code in a sandboxed process and judge the returned values in its own, where learner code never
runs. ``check`` in a notebook uses exactly the same cases and judges, in the learner's own kernel. Checks
live in ``helpers/checks/<topic>.py``, one module per exercise set (see CONTRIBUTING.md).

One module per role:

- ``model``: tasks, cases and results (dataclasses)      - ``judges``: ``close_to``, ``raises``, ``satisfies``
- ``registry``: the exercise sets and hidden checks     - ``feedback``: ``check`` in the learner's kernel
- ``offlimits``: the book's own answers refuse to run while the task that asks for them is checked
- ``codec``: the plain data that crosses processes       - ``protocol``: the grader-worker messages
- ``worker``: runs a notebook and calls its functions    - ``sandbox``: bubblewrap, limits, tamper guard
- ``grader``: grade one notebook or a class              - ``report``: tables, CSV and JSON, one set of fields
- ``__main__``: the command line, ``python -m helpers.grade`` (or ``python -m helpers.grading``)
"""

from helpers.grading.feedback import check
from helpers.grading.judges import close_to, raises, satisfies
from helpers.grading.model import Case, ExerciseSet, Task
from helpers.grading.registry import SETS, find_task, load_set

__all__ = [
    "SETS",
    "Case",
    "ExerciseSet",
    "Task",
    "check",
    "close_to",
    "find_task",
    "load_set",
    "raises",
    "satisfies",
]
