"""Where the exercise sets are: one module per set in ``helpers/checks``, and an instructor's hidden checks."""

from __future__ import annotations

import importlib
import importlib.util
import re
from pathlib import Path

from helpers.grading.model import Case, ExerciseSet, Task, with_hidden_cases

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

#: An instructor's hidden checks: set name -> task id -> extra cases.
HiddenChecks = dict[str, dict[str, list[Case]]]


def load_set(name: str) -> ExerciseSet:
    """The exercise set called ``name`` (e.g. "01_power_laws")."""
    if name not in SETS:
        raise ValueError(f"unknown exercise set {name!r}; known sets: {', '.join(sorted(SETS))}")
    return importlib.import_module(SETS[name]).EXERCISE_SET


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


def load_hidden_checks(folder: str | Path) -> HiddenChecks:
    """An instructor's hidden checks: ``FOLDER/<set name>.py`` files, each defining
    ``HIDDEN_CASES = {"1.2": [Case(...), ...], ...}`` (task id -> extra cases)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(f"--extra-checks must be a folder of <set name>.py files; got {folder}")
    hidden = {}
    for file in sorted(folder.glob("*.py")):
        if file.stem not in SETS:
            raise ValueError(f"{file.name}: name it after an exercise set ({', '.join(SETS)})")
        spec = importlib.util.spec_from_file_location(f"_hidden_checks_{file.stem}", file)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        cases = getattr(module, "HIDDEN_CASES", None)
        if not isinstance(cases, dict):
            raise ValueError(f"{file.name} must define HIDDEN_CASES = {{task id: [Case, ...]}}")
        with_hidden_cases(load_set(file.stem), cases)  # raises on unknown task ids
        hidden[file.stem] = cases
    return hidden
