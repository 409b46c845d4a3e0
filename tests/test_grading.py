"""Grading: the checks bite (solutions pass, exercises fail) and the grader survives hostile notebooks."""

import hashlib
import json
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from helpers import grade, grading
from tools.notebooks import SETUP_PREFIX, read_py

ROOT = Path(__file__).resolve().parent.parent
SETS = sorted(grading.SETS)


def _functions_from(py: Path) -> dict:
    """Run a py:percent exercise file's code cells (not the check calls) and return its namespace."""
    namespace: dict = {}
    for cell in read_py(py).cells:
        if cell.cell_type == "code" and not cell.source.lstrip().startswith("check("):
            exec(compile(cell.source, str(py), "exec"), namespace)
    return namespace


@pytest.mark.parametrize("name", SETS)
def test_every_solution_passes_every_check_in_process(name):
    namespace = _functions_from(ROOT / "solutions" / f"{name}.py")
    for task in grading.load_set(name).tasks:
        result = grading.run_task(task, namespace[task.function])
        assert result.ok, grading.format_result(result)


@pytest.mark.parametrize("name", SETS)
def test_every_generated_exercise_fails_every_check_naming_the_task(name):
    namespace = _functions_from(ROOT / "exercises" / f"{name}.py")
    for task in grading.load_set(name).tasks:
        result = grading.run_task(task, namespace[task.function])
        assert result.passed == 0, grading.format_result(result)
        assert f"task {task.id}" in result.messages[0], result.messages


def test_every_task_has_several_cases_points_and_a_hint():
    for name in SETS:
        ex = grading.load_set(name)
        assert ex.name == name
        assert len({t.id for t in ex.tasks}) == len(ex.tasks) >= 4
        for task in ex.tasks:
            assert task.id.startswith(f"{int(name[:2])}.")
            assert len(task.cases) >= 3 and task.points > 0 and task.hint


def test_check_prints_pass_fail_and_hint_without_traceback(capsys):
    def good(n, n_c, alpha_n):
        import numpy as np

        n = np.asarray(n, dtype=float)
        if (n <= 0).any():
            raise ValueError("n must be > 0 parameters")
        return (n_c / n) ** alpha_n

    grading.check("1.1", good)
    out = capsys.readouterr().out
    assert out.startswith("✓ Task 1.1") and "2/2 points" in out

    def crashes(n, n_c, alpha_n):
        return 1 / 0

    grading.check("1.1", crashes)
    out = capsys.readouterr().out
    assert out.startswith("✗ Task 1.1") and "ZeroDivisionError" in out and "Hint:" in out
    assert "Traceback" not in out

    grading.check("1.1", 2.38)
    assert "expects your function itself" in capsys.readouterr().out
    grading.check("9.9", good)
    assert "no task '9.9'" in capsys.readouterr().out


def test_check_is_silent_while_the_grader_runs(capsys, monkeypatch):
    monkeypatch.setenv(grading.GRADING_ENV, "1")
    grading.check("1.1", lambda *a: None)
    assert capsys.readouterr().out == ""


def test_a_function_that_mutates_its_inputs_cannot_affect_later_cases():
    task = grading.find_task("1.2")

    def vandal(x, y):
        x[:] = 1.0  # the next case must still get the original data
        return (1.0, 1.0)

    grading.run_task(task, vandal)
    assert task.cases[0].args[0][0] != 1.0


# ---------------------------------------------------------------------------------------------- the CLI


def _grade_cli(*args, timeout=120):
    return subprocess.run(
        [sys.executable, "-m", "helpers.grade", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_cli_passes_solutions_and_fails_exercises():
    ok = _grade_cli(*(ROOT / "solutions" / f"{n}.ipynb" for n in SETS), "--json")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    for report in json.loads(ok.stdout):
        assert report["passed"] and report["score"] == report["max_score"] > 0
    bad = _grade_cli(*(ROOT / "exercises" / f"{n}.ipynb" for n in SETS), "--json")
    assert bad.returncode == 1
    for report in json.loads(bad.stdout):
        assert report["score"] == 0
        for task in report["tasks"]:
            assert not task["passed"] and f"task {task['task']}" in task["messages"][0]


def test_cli_prints_a_table():
    out = _grade_cli(ROOT / "exercises" / "01_power_laws.ipynb").stdout
    assert "task" in out and "points" in out and "result" in out and "message" in out
    assert "1.1 loss_from_params" in out and "FAIL" in out and "total 0/10 points" in out


def _variant(tmp_path: Path, name: str, edit) -> Path:
    nb = nbformat.read(ROOT / "solutions" / "01_power_laws.ipynb", as_version=4)
    # The code cells by position, after the setup cell (which installs helpers where it is missing).
    code = [c for c in nb.cells if c.cell_type == "code" and not c.source.startswith(SETUP_PREFIX)]
    edit(code)
    path = tmp_path / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


def _set(cell, source):
    cell.source = source


HOSTILE = {
    # name: (edit, task that must fail, words its message must contain)
    "crash": (
        lambda c: _set(c[1], "def loss_from_params(n, n_c, a):\n    return 1 / 0\n"),
        "1.1",
        "ZeroDivisionError",
    ),
    "loop_forever": (lambda c: _set(c[3], "while True:\n    pass\n"), "1.2", "not defined"),
    "sys_exit": (lambda c: _set(c[3], "import sys\nsys.exit(1)\n"), "1.2", "sys.exit"),
    "syntax_error": (
        lambda c: _set(c[5], c[5].source.replace("floor, x_new):", "floor, x_new)")),
        "1.3",
        "syntax error",
    ),
    "missing_function": (lambda c: _set(c[7], "x = 1\n"), "1.4", "not defined"),
    "hangs_in_call": (
        lambda c: _set(c[7], "def compute_multiplier(*a, **k):\n    while True:\n        pass\n"),
        "1.4",
        "did not return in time",
    ),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_notebooks_get_a_per_task_report_within_the_time_limit(tmp_path, name):
    edit, failing, words = HOSTILE[name]
    path = _variant(tmp_path, name, edit)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    limit = 8.0
    start = time.monotonic()
    report = grade.grade_notebook(path, timeout=limit)
    elapsed = time.monotonic() - start
    assert elapsed < limit + grade.KILL_GRACE + 2.0, f"took {elapsed:.1f} s"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before, "the learner's file was modified"
    assert [r.task.id for r in report.results] == ["1.1", "1.2", "1.3", "1.4"]
    by_id = {r.task.id: r for r in report.results}
    assert not by_id[failing].ok
    text = " ".join(by_id[failing].messages + report.notes)
    assert words in text, text
    # The other tasks are still graded on their merits.
    if name not in ("sys_exit", "loop_forever"):
        assert sum(r.ok for r in report.results) == 3, grade.format_report(report)
    assert not report.ok


def test_a_process_that_ignores_the_time_limit_is_stopped(tmp_path):
    stubborn = "import time\nwhile True:\n    try:\n        time.sleep(0.05)\n    except BaseException:\n        pass\n"
    path = _variant(tmp_path, "stubborn", lambda c: _set(c[2], stubborn))
    start = time.monotonic()
    report = grade.grade_notebook(path, timeout=4.0)
    assert time.monotonic() - start < 4.0 + grade.KILL_GRACE + 2.0
    assert any("ignored the time limit" in n for n in report.notes), report.notes
    assert report.score == 0 and all("stopped" in r.messages[0] for r in report.results)


def test_os_exit_is_reported(tmp_path):
    path = _variant(tmp_path, "os_exit", lambda c: _set(c[8], "import os\nos._exit(3)\n"))
    report = grade.grade_notebook(path, timeout=20)
    assert any("ended unexpectedly" in n and "exit 3" in n for n in report.notes), report.notes


def test_learner_code_cannot_write_next_to_the_original(tmp_path):
    path = _variant(
        tmp_path, "writer", lambda c: _set(c[0], c[0].source + "\nopen('written.txt', 'w').write('x')\n")
    )
    report = grade.grade_notebook(path, timeout=20)
    assert report.ok, grade.format_report(report)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["writer.ipynb"]


@pytest.mark.parametrize(
    "content, words",
    [
        (b'{"cells": [', "not valid notebook JSON"),
        (b"\x89PNG\r\n", "not text"),
        (b'{"a": 1}', "not a notebook"),
    ],
)
def test_broken_files_are_reported_not_graded(tmp_path, content, words):
    path = tmp_path / "01_power_laws.ipynb"
    path.write_bytes(content)
    report = grade.grade_notebook(path)
    assert words in report.problem and not report.ok
    assert "NOT GRADED" in grade.format_report(report)


def test_the_exercise_set_comes_from_metadata_then_file_name_then_flag(tmp_path):
    nb = nbformat.read(ROOT / "solutions" / "01_power_laws.ipynb", as_version=4)
    renamed = tmp_path / "alice.ipynb"
    nbformat.write(nb, renamed)
    assert grade.grade_notebook(renamed, timeout=20).exercise_set == "01_power_laws"
    del nb.metadata["exercise_set"]
    nbformat.write(nb, renamed)
    assert "cannot tell which exercise set" in grade.grade_notebook(renamed).problem
    assert grade.grade_notebook(renamed, exercise_set="01_power_laws", timeout=20).ok


def test_cli_usage_errors_exit_2():
    assert _grade_cli("--timeout", "0", "x.ipynb").returncode == 2
