"""Grading a class: one folder of submissions, some correct, some partly correct, many hostile.

The gradebook must come out exactly as expected: no submission can stop the grading of the others, change
anyone's grade (its own included) or modify a learner's file or the grader's own files.
"""

from __future__ import annotations

import csv
import hashlib
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest

from helpers import grade
from tools.notebooks import SETUP_PREFIX

ROOT = Path(__file__).resolve().parent.parent
SOLUTION = ROOT / "solutions" / "01_power_laws.ipynb"
EXERCISE = ROOT / "exercises" / "01_power_laws.ipynb"
FULL = {"1.1": 2.0, "1.2": 3.0, "1.3": 3.0, "1.4": 2.0}
ZERO = dict.fromkeys(FULL, 0.0)


def _notebook(edit=None, metadata=None) -> str:
    nb = nbformat.read(SOLUTION, as_version=4)
    # The code cells by position, after the setup cell (which installs helpers where it is missing).
    code = [c for c in nb.cells if c.cell_type == "code" and not c.source.startswith(SETUP_PREFIX)]
    if edit:
        edit(code)
    if metadata is not None:
        nb.metadata = metadata
    return nbformat.writes(nb)


def _set(i, source):
    def edit(code):
        code[i].source = textwrap.dedent(source)

    return edit


def _append(i, source):
    def edit(code):
        code[i].source += "\n" + textwrap.dedent(source)

    return edit


# Cells of solutions/01_power_laws: 0 imports, 1 def loss_from_params, 3 def fit_log_log,
# 5 def extrapolate_with_floor, 7 def compute_multiplier; checks and the closing cell in between.
TAMPER_REAL_PACKAGE = """
import glob, sys
site_packages = next(p for p in sys.path if glob.glob(p + "/__editable__*finder.py"))
finder = glob.glob(site_packages + "/__editable__*finder.py")[0]
text = open(finder).read()
start = text.index("MAPPING")
real = eval(text[text.index("{", start):text.index("}", start) + 1])["helpers"]
with open(real + "/grading.py", "a") as fh:
    fh.write("\\nraise SystemExit('tampered')\\n")
with open(site_packages + "/zz_tamper.pth", "w") as fh:
    fh.write("import os\\n")
"""

SUBMISSIONS = {
    # learner: (notebook text, expected points per task, words in the notes or problem)
    "alice": (_notebook(), FULL, ""),
    "bob": (  # partly correct: 1.3 never checks the floor (2 of 3 checks), 1.4 left as a stub
        _notebook(
            lambda c: (
                _set(
                    5,
                    """
                def extrapolate_with_floor(x, y, floor, x_new):
                    slope, intercept = np.polyfit(np.log(x), np.log(np.asarray(y) - floor), 1)
                    return floor + np.exp(intercept) * np.asarray(x_new, dtype=float) ** slope
                """,
                )(c),
                _set(
                    7,
                    """
                def compute_multiplier(loss_now, loss_target, alpha, floor=0.0):
                    raise NotImplementedError("Task 1.4")
                """,
                )(c),
            )
        ),
        {"1.1": 2.0, "1.2": 3.0, "1.3": 2.0, "1.4": 0.0},
        "",
    ),
    "crash": (
        _notebook(_set(1, "def loss_from_params(n, n_c, a):\n    return {}['x']\n")),
        {**FULL, "1.1": 0.0},
        "",
    ),
    "loop": (
        _notebook(_set(3, "while True:\n    pass\n")),
        {**ZERO, "1.1": 2.0},
        "still running at the time limit",
    ),
    "flood": (
        _notebook(
            _append(0, "import os\nfor _ in range(2000):\n    print('x' * 5000)\nos.write(1, b'y' * 10**7)\n")
        ),
        FULL,
        "",
    ),
    "exits": (_notebook(_append(8, "import sys\nsys.exit(0)\n")), FULL, "called sys.exit"),
    "os_exit": (_notebook(_set(8, "import os\nos._exit(1)\n")), ZERO, "ended unexpectedly"),
    "syntax": (
        _notebook(_set(3, "def fit_log_log(x, y)\n    return 1, 2\n")),
        {**FULL, "1.2": 0.0},
        "syntax error",
    ),
    "missing": (_notebook(_set(7, "pass\n")), {**FULL, "1.4": 0.0}, ""),
    "signature": (_notebook(_set(3, "def fit_log_log(x):\n    return 1, 2\n")), {**FULL, "1.2": 0.0}, ""),
    "other_set": (
        _notebook(metadata={"exercise_set": "07_forecasting"}),
        None,
        "is exercise set 07_forecasting",
    ),
    "writer": (
        _notebook(
            _append(
                0, "open('submission.ipynb', 'w').write('overwritten'); open('../x.txt', 'w').write('x')\n"
            )
        ),
        FULL,
        "",
    ),
    "patcher": (  # monkey-patches its own copy of the checks and helpers: judging happens elsewhere
        _notebook(
            _append(
                8,
                """
            import helpers.grading as g, helpers.checks.power_laws as m
            g.judge_task = lambda task, outcomes: None
            g.close_to = lambda *a, **k: (lambda outcome: None)
            open(m.__file__, "w").write("EXERCISE_SET = None\\n")
            def compute_multiplier(*args, **kwargs):
                return 42.0
            """,
            )
        ),
        {**FULL, "1.4": 0.0},
        "",
    ),
    "tamperer": (_notebook(_append(0, TAMPER_REAL_PACKAGE)), FULL, "changed the grader's files"),
    "memory": (
        _notebook(
            _set(
                1,
                "def loss_from_params(n, n_c, a):\n    hoard = []\n    while True:\n        hoard.append(np.empty(10**8))\n",
            )
        ),
        {**FULL, "1.1": 0.0},
        "",
    ),
}
BROKEN_FILES = {
    "not_json": (b"this is not a notebook", "not valid notebook JSON"),
    "truncated": (_notebook().encode()[:2000], "may be truncated"),
}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("class")
    for learner, (text, _, _) in SUBMISSIONS.items():
        (folder / learner).mkdir()
        (folder / learner / "01_power_laws.ipynb").write_text(text)
    for learner, (data, _) in BROKEN_FILES.items():
        (folder / f"{learner}.ipynb").write_bytes(data)
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}
    guarded_before = {p: p.read_bytes() for p in grade._guarded_files()}
    out = folder.parent / "gradebook.csv"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "helpers.grade",
            str(folder),
            "--set",
            "01_power_laws",
            "--timeout",
            "15",
            "--jobs",
            "2",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}
    guarded_after = {p: p.read_bytes() for p in grade._guarded_files()}
    with out.open() as fh:
        rows = list(csv.DictReader(fh))
    return {
        "result": result,
        "rows": rows,
        "before": before,
        "after": after,
        "folder": folder,
        "guarded": (guarded_before, guarded_after),
    }


def test_the_gradebook_is_exactly_right(graded):
    rows = graded["rows"]
    got: dict[str, dict[str, float]] = {}
    for row in rows:
        if row["task"]:
            got.setdefault(row["learner"], {})[row["task"]] = float(row["points"])
    expected = {who: points for who, (_, points, _) in SUBMISSIONS.items() if points is not None}
    assert got == expected, graded["result"].stdout


def test_every_problem_is_reported_in_plain_words(graded):
    out = graded["result"].stdout
    lines = {
        line.split()[0]: line
        for line in out.splitlines()[1:]
        if line.strip() and not line.startswith("gradebook")
    }
    for who, (_, _, words) in {
        **SUBMISSIONS,
        **{k: (None, None, w) for k, (_, w) in BROKEN_FILES.items()},
    }.items():
        assert who in lines, out
        if words:
            assert words in lines[who], lines[who]
    flagged = [who for who, line in lines.items() if "changed the grader's files" in line]
    assert flagged == ["tamperer"], flagged  # tampering is pinned on the notebook that did it, no one else
    rows = {(r["learner"], r["task"]): r for r in graded["rows"]}
    assert "could not be called this way" in rows[("signature", "1.2")]["message"]
    assert "not defined" in rows[("missing", "1.4")]["message"]
    assert "MemoryError" in rows[("memory", "1.1")]["message"]
    assert graded["result"].returncode == 1


def test_no_file_was_changed(graded):
    assert graded["before"] == graded["after"], "a learner's file was modified"
    before, after = graded["guarded"]
    assert before == after, "the grader's files were left modified"


def test_gradebook_columns():
    assert grade.CSV_COLUMNS[:6] == ["learner", "exercise_set", "task", "points", "max", "message"]


def test_hidden_checks_are_added_graded_and_labelled(tmp_path):
    hidden = tmp_path / "hidden"
    hidden.mkdir()
    (hidden / "01_power_laws.py").write_text(
        textwrap.dedent(
            """
            import numpy as np
            from helpers.grading import Case, close_to
            HIDDEN_CASES = {
                "1.2": [Case(args=(np.array([2.0, 4.0, 8.0]), np.array([3.0, 1.5, 0.75])), judge=close_to((6.0, -1.0)))],
                "1.4": [Case(args=(3.0, 2.0, 0.5), judge=close_to(99.0), describe="a hidden case")],
            }
            """
        )
    )
    sub = tmp_path / "subs"
    sub.mkdir()
    (sub / "dana.ipynb").write_text(_notebook())
    out = subprocess.run(
        [sys.executable, "-m", "helpers.grade", str(sub), "--extra-checks", str(hidden), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    report = json.loads(out.stdout)[0]
    tasks = {t["task"]: t for t in report["tasks"]}
    assert tasks["1.2"]["hidden_checks"] == 1 and tasks["1.2"]["passed"]
    assert tasks["1.4"]["hidden_checks"] == 1 and not tasks["1.4"]["passed"]
    assert tasks["1.4"]["messages"][0].startswith("[hidden check] a hidden case")
    assert any("2 hidden checks" in n for n in report["notes"])


def test_bad_hidden_checks_are_a_usage_error(tmp_path):
    (tmp_path / "01_power_laws.py").write_text("HIDDEN_CASES = {'9.9': []}\n")
    out = subprocess.run(
        [sys.executable, "-m", "helpers.grade", str(SOLUTION), "--extra-checks", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert out.returncode == 2 and "9.9" in out.stderr


def test_learner_ids_come_from_folders_or_file_names(tmp_path):
    (tmp_path / "erin").mkdir()
    (tmp_path / "erin" / "01_power_laws.ipynb").write_text("{}")
    (tmp_path / "frank.ipynb").write_text("{}")
    (tmp_path / ".ipynb_checkpoints").mkdir()
    (tmp_path / ".ipynb_checkpoints" / "old.ipynb").write_text("{}")
    found = grade.find_submissions([str(tmp_path)])
    assert sorted(who for who, _ in found) == ["erin", "frank"]
