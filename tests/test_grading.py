"""Grading: the checks bite (solutions pass, exercises fail), the book's own answers are off limits, and the
grader survives hostile notebooks."""

import csv
import hashlib
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from grading_notebooks import FULL, SOLUTION, variant

from helpers import compute
from helpers.grading import SETS, check, find_task, grader, load_set, offlimits, report, sandbox
from helpers.grading import __main__ as cli
from helpers.grading.feedback import format_result, run_task
from helpers.grading.protocol import GRADING_ENV
from tools.notebooks import read_py

ROOT = Path(__file__).resolve().parent.parent
NAMES = sorted(SETS)
SLACK = 4.0  # seconds to start Python and IPython before a notebook's time starts, and to judge after it


def _functions_from(py: Path) -> dict:
    """Run a py:percent exercise file's code cells (not the check calls) and return its namespace."""
    namespace: dict = {}
    for cell in read_py(py).cells:
        if cell.cell_type == "code" and not cell.source.lstrip().startswith("check("):
            exec(compile(cell.source, str(py), "exec"), namespace)
    return namespace


@pytest.mark.parametrize("name", NAMES)
def test_every_solution_passes_every_check_without_the_books_answers(name):
    # run_task puts each task's reference functions off limits, as graded runs do.
    namespace = _functions_from(ROOT / "solutions" / f"{name}.py")
    for task in load_set(name).tasks:
        result = run_task(task, namespace[task.function])
        assert result.ok, format_result(result)


@pytest.mark.parametrize("name", NAMES)
def test_every_generated_exercise_fails_every_check_naming_the_task(name):
    namespace = _functions_from(ROOT / "exercises" / f"{name}.py")
    for task in load_set(name).tasks:
        result = run_task(task, namespace[task.function])
        assert result.passed == 0, format_result(result)
        assert f"task {task.id}" in result.messages[0], result.messages


def test_every_task_has_several_cases_points_and_a_hint():
    for name in NAMES:
        ex = load_set(name)
        assert ex.name == name
        assert len({t.id for t in ex.tasks}) == len(ex.tasks) >= 4
        for task in ex.tasks:
            assert task.id.startswith(f"{int(name[:2])}.")
            assert len(task.cases) >= 3 and task.points > 0 and task.hint


def test_every_check_module_is_registered():
    modules = {f"helpers.checks.{p.stem}" for p in (ROOT / "helpers" / "checks").glob("*.py")}
    assert set(SETS.values()) == modules - {"helpers.checks.__init__"}


@pytest.mark.parametrize("name", NAMES)
def test_calling_a_declared_book_function_fails_its_task(name):
    for task in load_set(name).tasks:
        for function, (module, qualname) in zip(task.reimplements, task.references, strict=True):
            reference = f"{module}.{qualname}"
            assert (
                module.startswith("helpers.") and offlimits.resolve(sys.modules[module], qualname) is function
            )
            code = function.__code__

            def answer(*args, _book=function, **kwargs):
                try:
                    return _book(*args, **kwargs)
                except Exception:  # hiding the refusal does not help
                    return 0.0

            result = run_task(task, answer)
            expected = f"task {task.id} asks you to write this yourself; your code called {reference}"
            assert result.passed == 0 and result.messages == [expected], result.messages
            assert function.__code__ is code  # usable again for expected values


def test_check_in_the_notebook_says_the_same_and_the_book_function_still_works(capsys):
    from helpers.compute import training_flops

    check("3.1", lambda n, d: training_flops(n, d))
    out = capsys.readouterr().out
    assert out.startswith("✗ Task 3.1") and "0/1 points" in out
    assert "task 3.1 asks you to write this yourself; your code called helpers.compute.training_flops" in out
    assert training_flops(2.0, 3.0) == compute.training_flops(2.0, 3.0) == 36.0


def test_check_prints_pass_fail_and_hint_without_traceback(capsys):
    def good(n, n_c, alpha_n):
        import numpy as np

        n = np.asarray(n, dtype=float)
        if (n <= 0).any():
            raise ValueError("n must be > 0 parameters")
        return (n_c / n) ** alpha_n

    check("1.1", good)
    out = capsys.readouterr().out
    assert out.startswith("✓ Task 1.1") and "2/2 points" in out

    def crashes(n, n_c, alpha_n):
        return 1 / 0

    check("1.1", crashes)
    out = capsys.readouterr().out
    assert out.startswith("✗ Task 1.1") and "ZeroDivisionError" in out and "Hint:" in out
    assert "Traceback" not in out

    check("1.1", 2.38)
    assert "expects your function itself" in capsys.readouterr().out
    check("9.9", good)
    assert "no task '9.9'" in capsys.readouterr().out


def test_check_is_silent_while_the_grader_runs(capsys, monkeypatch):
    monkeypatch.setenv(GRADING_ENV, "1")
    check("1.1", lambda *a: None)
    assert capsys.readouterr().out == ""


def test_a_function_that_mutates_its_inputs_cannot_affect_later_cases():
    task = find_task("1.2")

    def vandal(x, y):
        x[:] = 1.0  # the next case must still get the original data
        return (1.0, 1.0)

    run_task(task, vandal)
    assert task.cases[0].args[0][0] != 1.0


# ---------------------------------------------------------------------------------------------- the CLI


def _grade_cli(*args, timeout=180):
    return subprocess.run(
        [sys.executable, "-m", "helpers.grade", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_cli_passes_solutions_and_fails_exercises_in_the_sandbox():
    ok = _grade_cli(*(ROOT / "solutions" / f"{n}.ipynb" for n in NAMES), "--json")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    for graded in json.loads(ok.stdout):
        assert graded["sandbox"] == "bubblewrap", graded
        assert graded["passed"] and graded["points"] == graded["max_points"] > 0
        assert graded["notes"] == [], graded["notes"]  # every cell ran, the data the helpers read included
    bad = _grade_cli(*(ROOT / "exercises" / f"{n}.ipynb" for n in NAMES), "--json")
    assert bad.returncode == 1
    for graded in json.loads(bad.stdout):
        assert graded["points"] == 0
        for task in graded["tasks"]:
            assert not task["passed"] and f"task {task['task']}" in task["messages"][0]


def test_cli_prints_a_table_whose_columns_are_gradebook_fields():
    out = _grade_cli(ROOT / "exercises" / "01_power_laws.ipynb").stdout
    header = out.splitlines()[1].split()
    assert header == ["task", "function", "points", "max_points", "passed", "message"], out
    assert set(header) <= set(report.CSV_COLUMNS)
    assert "1.1   loss_from_params" in out and "total 0/10 points" in out


def test_a_module_is_not_imported_to_put_its_functions_off_limits_but_caught_when_imported(
    tmp_path, monkeypatch
):
    (tmp_path / "offlimits_probe.py").write_text("def answer():\n    return 42\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with offlimits.off_limits([("offlimits_probe", "answer")]) as called:
        assert "offlimits_probe" not in sys.modules
        from offlimits_probe import answer

        with pytest.raises(offlimits.ReferenceAnswerCalled):
            answer()
    assert called == ["offlimits_probe.answer"] and answer() == 42
    monkeypatch.delitem(sys.modules, "offlimits_probe")


ANSWERS_WITH_THE_BOOK = {
    "alias": "from helpers.compute import training_flops as run_flops\n",
    "imported_in_the_call": "def run_flops(n, d):\n    from helpers import compute\n    return compute.training_flops(n, d)\n",
}


@pytest.mark.parametrize("how", ANSWERS_WITH_THE_BOOK)
def test_graded_runs_fail_a_task_answered_with_the_books_function(tmp_path, how):
    path = tmp_path / "03_compute_cost.ipynb"
    path.write_text(
        variant(
            ("run_flops", "replace", ANSWERS_WITH_THE_BOOK[how]),
            solution=ROOT / "solutions" / "03_compute_cost.ipynb",
        )
    )
    graded = grader.grade_notebook(path, timeout=30)
    by_id = {r.task.id: r for r in graded.results}
    assert by_id["3.1"].score == 0 and by_id["3.1"].messages == [
        "task 3.1 asks you to write this yourself; your code called helpers.compute.training_flops"
    ]
    assert all(r.ok for r in graded.results if r.task.id != "3.1"), report.format_report(graded)


def _file(tmp_path: Path, name: str, *edits) -> Path:
    path = tmp_path / f"{name}.ipynb"
    path.write_text(variant(*edits))
    return path


HOSTILE = {
    # name: (edit, task that must fail, words its message must contain)
    "crash": (
        ("loss_from_params", "replace", "def loss_from_params(n, n_c, a):\n    return 1 / 0\n"),
        "1.1",
        "ZeroDivisionError",
    ),
    "loop_forever": (("fit_log_log", "replace", "while True:\n    pass\n"), "1.2", "not defined"),
    "sys_exit": (("fit_log_log", "replace", "import sys\nsys.exit(1)\n"), "1.2", "sys.exit"),
    "syntax_error": (("extrapolate_with_floor", "append", "def oops(:\n    pass\n"), "1.3", "syntax error"),
    "missing_function": (("compute_multiplier", "replace", "x = 1\n"), "1.4", "not defined"),
    "hangs_in_call": (
        (
            "compute_multiplier",
            "replace",
            "def compute_multiplier(*a, **k):\n    while True:\n        pass\n",
        ),
        "1.4",
        "did not return in time",
    ),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_notebooks_get_a_per_task_report_within_the_time_limit(tmp_path, name):
    edit, failing, words = HOSTILE[name]
    path = _file(tmp_path, name, edit)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    limit = 8.0
    start = time.monotonic()
    graded = grader.grade_notebook(path, timeout=limit)
    elapsed = time.monotonic() - start
    assert elapsed < limit + sandbox.KILL_GRACE + SLACK, f"took {elapsed:.1f} s"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before, "the learner's file was modified"
    assert [r.task.id for r in graded.results] == ["1.1", "1.2", "1.3", "1.4"]
    by_id = {r.task.id: r for r in graded.results}
    assert not by_id[failing].ok
    text = " ".join(by_id[failing].messages + graded.notes)
    assert words in text, text
    # The other tasks are still graded on their merits.
    if name not in ("sys_exit", "loop_forever"):
        assert sum(r.ok for r in graded.results) == 3, report.format_report(graded)
    assert not graded.ok


def test_a_process_that_ignores_the_time_limit_is_stopped(tmp_path):
    stubborn = "import time\nwhile True:\n    try:\n        time.sleep(0.05)\n    except BaseException:\n        pass\n"
    path = _file(tmp_path, "stubborn", ("check 1.1", "replace", stubborn))
    start = time.monotonic()
    graded = grader.grade_notebook(path, timeout=4.0)
    assert time.monotonic() - start < 4.0 + sandbox.KILL_GRACE + SLACK
    assert any("ignored the time limit" in n for n in graded.notes), graded.notes
    assert graded.score == 0 and all("stopped" in r.messages[0] for r in graded.results)


def test_os_exit_is_reported(tmp_path):
    path = _file(tmp_path, "os_exit", ("check 1.4", "replace", "import os\nos._exit(3)\n"))
    graded = grader.grade_notebook(path, timeout=20)
    assert any("ended unexpectedly" in n and "exit 3" in n for n in graded.notes), graded.notes


def test_learner_code_writes_only_inside_its_sandbox(tmp_path):
    writes = "open('written.txt', 'w').write('x'); open('submission.ipynb', 'w').write('{}')\n"
    path = _file(tmp_path, "writer", ("imports", "append", writes))
    graded = grader.grade_notebook(path, timeout=20)
    assert graded.ok, report.format_report(graded)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["writer.ipynb"]


def test_forged_events_cannot_stop_the_grader(tmp_path):
    forge = """
    import os
    for fd in map(int, os.listdir("/proc/self/fd")):
        try:
            os.write(fd, b'{"event": "cell_start"}\\n{"event": "cell", "index": "x", "status": 5}\\n[1]\\n{"event": "call", "key": [1]}\\n')
        except OSError:
            pass
    """
    graded = grader.grade_notebook(_file(tmp_path, "forger", ("imports", "append", forge)), timeout=20)
    assert [r.score for r in graded.results] == list(FULL.values()), report.format_report(graded)


def test_the_sandbox_caps_the_number_of_processes(tmp_path):
    spawn = f"""
    import subprocess, sys
    started = []
    for _ in range(3 * {sandbox.MAX_PROCESSES}):
        try:
            started.append(subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]))
        except OSError:
            break
    def compute_multiplier(*args):
        return float(len(started))
    """
    path = _file(tmp_path, "spawner", ("compute_multiplier", "replace", spawn))
    graded = grader.grade_notebook(path, timeout=20)
    message = {r.task.id: r for r in graded.results}["1.4"].messages[0]
    started = float(message.split("returned ")[1].split(";")[0])
    assert 1 <= started < sandbox.MAX_PROCESSES, message


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
    graded = grader.grade_notebook(path)
    assert words in graded.problem and not graded.ok
    assert "NOT GRADED" in report.format_report(graded)


def test_the_exercise_set_comes_from_metadata_then_file_name_then_flag(tmp_path):
    renamed = tmp_path / "alice.ipynb"
    renamed.write_text(variant())
    assert grader.grade_notebook(renamed, timeout=20).exercise_set == "01_power_laws"
    renamed.write_text(variant(metadata={}))
    assert "cannot tell which exercise set" in grader.grade_notebook(renamed).problem
    assert grader.grade_notebook(renamed, exercise_set="01_power_laws", timeout=20).ok


def test_cli_usage_errors_exit_2():
    assert _grade_cli("--timeout", "0", "x.ipynb").returncode == 2


# ---------------------------------------------------------------------------------------------- no sandbox


def test_without_bubblewrap_a_class_is_refused_and_says_how_to_install_it(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sandbox, "find_bwrap", lambda: None)
    for learner in ("ann", "ben"):
        (tmp_path / learner).mkdir()
        (tmp_path / learner / "01_power_laws.ipynb").write_text(variant())
    assert cli.main([str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "bubblewrap (bwrap) is not installed" in err and "sudo apt-get install bubblewrap" in err
    assert "--no-sandbox" in err


def test_without_bubblewrap_one_notebook_is_graded_with_a_note(monkeypatch, capsys):
    monkeypatch.setattr(sandbox, "find_bwrap", lambda: None)
    assert cli.main([str(SOLUTION)]) == 0
    out = capsys.readouterr().out
    assert "total 10/10 points" in out
    notes = [line for line in out.splitlines() if "note:" in line]
    assert notes == [
        "  note: graded without a sandbox: bubblewrap (bwrap) is not installed (fine for your own work; grading a class needs it)"
    ]


def test_no_sandbox_is_a_warning_in_the_report_and_the_gradebook(tmp_path, capsys):
    for learner in ("ann", "ben"):
        (tmp_path / learner).mkdir()
        (tmp_path / learner / "01_power_laws.ipynb").write_text(variant())
    out = tmp_path / "gradebook.csv"
    assert cli.main([str(tmp_path), "--no-sandbox", "--out", str(out), "--jobs", "1"]) == 0
    captured = capsys.readouterr()
    assert "WARNING: graded without a sandbox (--no-sandbox)" in captured.err
    assert captured.out.count("WARNING: graded without a sandbox") == 2  # one line per learner
    with out.open() as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 8 and all(r["sandbox"] == "none" and "WARNING" in r["notes"] for r in rows)


def test_without_the_sandbox_each_notebook_still_gets_its_own_copy_of_the_package(tmp_path):
    vandal = """
    import helpers, helpers.grading.worker as worker
    for path in (worker.__file__, helpers.__file__):
        open(path, "a").write("\\nraise SystemExit('vandalised')\\n")
    """
    first = _file(tmp_path, "vandal", ("imports", "append", vandal))
    second = tmp_path / "alice.ipynb"
    second.write_text(variant())
    with sandbox.Sandbox(isolated=False) as plain:
        assert grader.grade_notebook(first, sandbox=plain, timeout=20).ok
        assert grader.grade_notebook(second, sandbox=plain, timeout=20).ok


def test_the_same_field_names_in_csv_json_and_tables(tmp_path):
    path = tmp_path / "01_power_laws.ipynb"
    path.write_text(variant(("compute_multiplier", "replace", "pass\n")))
    graded = grader.grade_notebook(path, timeout=20)
    data = json.loads(report.as_json([graded]))[0]
    json_fields = set(data) | set(data["tasks"][0])
    assert set(report.CSV_COLUMNS) <= json_fields, set(report.CSV_COLUMNS) - json_fields
    row = report.gradebook_rows([graded])[-1]
    task = data["tasks"][-1]
    assert {k: row[k] for k in task if k in row} == {k: task[k] for k in task if k in row}
    table = report.format_report(graded).splitlines()[1].split()
    summary = report.format_summary([graded]).splitlines()[0].split()
    assert set(table + summary) <= json_fields
