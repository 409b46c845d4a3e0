"""Grading a class: one folder of submissions, some correct, some partly correct, many hostile.

The gradebook must come out exactly as expected: no submission can stop the grading of the others, change
anyone's grade, modify a learner's file or the grader's own files, or reach anything outside its sandbox:
files, the network, the grader's home, processes that outlive it. One learner tries all of that at once.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import socket
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest
from grading_notebooks import FULL, SOLUTION, variant

from helpers.grading import sandbox
from helpers.grading.grader import find_submissions
from helpers.grading.report import CSV_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
ZERO = dict.fromkeys(FULL, 0.0)

# Finds the real helpers package through the editable install's finder and plants code in it and in
# site-packages. In the sandbox neither is visible or writable; without it, the tamper guard restores both.
TAMPER_REAL_PACKAGE = """
import glob, sys
site_packages = next(p for p in sys.path if glob.glob(p + "/__editable__*finder.py"))
finder = glob.glob(site_packages + "/__editable__*finder.py")[0]
text = open(finder).read()
start = text.index("MAPPING")
real = eval(text[text.index("{", start):text.index("}", start) + 1])["helpers"]
with open(site_packages + "/zz_tamper.pth", "w") as fh:
    fh.write("import os\\n")
with open(real + "/grading/__init__.py", "a") as fh:
    fh.write("\\nraise SystemExit('tampered')\\n")
"""

PATCHER = """
import helpers.grading.feedback as f, helpers.grading.judges as j
j.judge_task = f.judge_task = lambda task, outcomes: None
j.close_to = lambda *a, **k: (lambda outcome: None)
try:
    open(j.__file__, "a").write("\\ndef judge_task(*args):\\n    return None\\n")
except OSError:
    pass
def compute_multiplier(*args, **kwargs):
    return 42.0
"""

SUBMISSIONS = {
    # learner: (notebook text, expected points per task, words in the notes or problem)
    "alice": (variant(), FULL, ""),
    "bob": (  # partly correct: 1.3 never checks the floor (2 of 3 checks), 1.4 left as a stub
        variant(
            (
                "extrapolate_with_floor",
                "replace",
                """
                def extrapolate_with_floor(x, y, floor, x_new):
                    slope, intercept = np.polyfit(np.log(x), np.log(np.asarray(y) - floor), 1)
                    return floor + np.exp(intercept) * np.asarray(x_new, dtype=float) ** slope
                """,
            ),
            (
                "compute_multiplier",
                "replace",
                """
                def compute_multiplier(loss_now, loss_target, alpha, floor=0.0):
                    raise NotImplementedError("Task 1.4")
                """,
            ),
        ),
        {"1.1": 2.0, "1.2": 3.0, "1.3": 2.0, "1.4": 0.0},
        "",
    ),
    "crash": (
        variant(("loss_from_params", "replace", "def loss_from_params(n, n_c, a):\n    return {}['x']\n")),
        {**FULL, "1.1": 0.0},
        "",
    ),
    "loop": (
        variant(("fit_log_log", "replace", "while True:\n    pass\n")),
        {**ZERO, "1.1": 2.0},
        "still running at the time limit",
    ),
    "flood": (
        variant(
            (
                "imports",
                "append",
                "import os\nfor _ in range(2000):\n    print('x' * 5000)\nos.write(1, b'y' * 10**7)\n",
            )
        ),
        FULL,
        "",
    ),
    "exits": (variant(("closing", "append", "import sys\nsys.exit(0)\n")), FULL, "called sys.exit"),
    "os_exit": (variant(("check 1.4", "replace", "import os\nos._exit(1)\n")), ZERO, "ended unexpectedly"),
    "syntax": (
        variant(("fit_log_log", "replace", "def fit_log_log(x, y)\n    return 1, 2\n")),
        {**FULL, "1.2": 0.0},
        "syntax error",
    ),
    "missing": (variant(("compute_multiplier", "replace", "pass\n")), {**FULL, "1.4": 0.0}, ""),
    "signature": (
        variant(("fit_log_log", "replace", "def fit_log_log(x):\n    return 1, 2\n")),
        {**FULL, "1.2": 0.0},
        "",
    ),
    "other_set": (
        variant(metadata={"exercise_set": "07_forecasting"}),
        None,
        "is exercise set 07_forecasting",
    ),
    "writer": (
        variant(
            (
                "imports",
                "append",
                "open('submission.ipynb', 'w').write('overwritten'); open('../x.txt', 'w').write('x')\n",
            )
        ),
        FULL,
        "",
    ),
    "patcher": (
        variant(("closing", "append", PATCHER)),
        {**FULL, "1.4": 0.0},
        "",
    ),  # judging happens elsewhere
    "tamperer": (variant(("imports", "append", TAMPER_REAL_PACKAGE)), FULL, "Read-only file system"),
    "memory": (
        variant(
            (
                "loss_from_params",
                "replace",
                "def loss_from_params(n, n_c, a):\n    hoard = []\n    while True:\n        hoard.append(np.empty(10**8))\n",
            )
        ),
        {**FULL, "1.1": 0.0},
        "",
    ),
}
BROKEN_FILES = {
    "not_json": (b"this is not a notebook", "not valid notebook JSON"),
    "truncated": (variant().encode()[:2000], "may be truncated"),
}


def _hostile(folder: Path, secret: Path, port: int, mark: str) -> str:
    """Everything at once: overwrite every notebook it can find, write to /tmp and to the grader's home,
    read a secret from that home, call a listener on 127.0.0.1, leave as many processes behind as it can,
    and answer task 1.1 with the book's own function. Its last cell reports how many processes it started."""
    attack = f"""
    import glob, os, socket, subprocess, sys
    for path in glob.glob({str(folder)!r} + "/**/*.ipynb", recursive=True) + glob.glob("/tmp/**/*.ipynb", recursive=True):
        try:
            open(path, "w").write("{{}}")
        except OSError:
            pass
    for path in ("/tmp/pwned_{mark}", {str(Path.home())!r} + "/pwned_{mark}", os.path.expanduser("~/pwned_{mark}")):
        try:
            open(path, "w").write("pwned")
        except OSError:
            pass
    try:
        leaked = open({str(secret)!r}).read()
    except OSError:
        leaked = ""
    try:
        socket.create_connection(("127.0.0.1", {port}), timeout=2).sendall(b"hello from a learner")
    except OSError:
        pass
    started = 0
    for _ in range(100):
        try:
            subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)", "{mark}"], start_new_session=True)
            started += 1
        except OSError:
            break
    if leaked:
        raise RuntimeError("the secret is " + leaked)
    """
    cheat = """
    from helpers import scaling
    def loss_from_params(n, n_c, alpha_n):
        return scaling.kaplan_loss_n(n)
    """
    return variant(
        ("imports", "append", attack),
        ("loss_from_params", "replace", cheat),
        ("closing", "append", "raise RuntimeError(f'started {started} processes')\n"),
    )


def _hashes(folder: Path) -> dict:
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}


def _processes_with(mark: str) -> list[str]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if mark.encode() in cmdline.read_bytes():
                found.append(cmdline.parent.name)
        except OSError:
            pass
    return found


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("class")
    folder, grader_tmp = base / "submissions", base / "grader-tmp"
    folder.mkdir()
    grader_tmp.mkdir()
    mark = f"learner-mark-{uuid.uuid4().hex}"
    secret = Path.home() / f".grading-test-secret-{mark}"
    secret.write_text(f"SECRET-{uuid.uuid4().hex}")
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.setblocking(False)
    try:
        texts = {who: text for who, (text, _, _) in SUBMISSIONS.items()}
        texts["hostile"] = _hostile(folder, secret, listener.getsockname()[1], mark)
        for learner, text in texts.items():
            (folder / learner).mkdir()
            (folder / learner / "01_power_laws.ipynb").write_text(text)
        for learner, (data, _) in BROKEN_FILES.items():
            (folder / f"{learner}.ipynb").write_bytes(data)
        before = _hashes(folder)
        guarded_before = {p: p.read_bytes() for p in sandbox.guarded_files()}
        out = base / "gradebook.csv"
        command = [sys.executable, "-m", "helpers.grade", str(folder), "--set", "01_power_laws"]
        command += ["--timeout", "15", "--jobs", "2", "--out", str(out)]
        env = {**os.environ, "TMPDIR": str(grader_tmp)}
        result = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=ROOT, env=env)
        try:
            connection = listener.accept()
        except BlockingIOError:
            connection = None
        yield {
            "result": result,
            "gradebook": out.read_text(),
            "rows": list(csv.DictReader(out.open())),
            "before": before,
            "after": _hashes(folder),
            "guarded": (guarded_before, {p: p.read_bytes() for p in sandbox.guarded_files()}),
            "left_behind": {
                "/tmp": list(Path("/tmp").glob(f"pwned_{mark}")),
                "home": list(Path.home().glob(f"pwned_{mark}")),
                "grader temporary space": list(grader_tmp.iterdir()),
            },
            "connection": connection,
            "processes": _processes_with(mark),
            "secret": secret.read_text(),
        }
    finally:
        listener.close()
        secret.unlink()


def test_the_gradebook_is_exactly_right(graded):
    got: dict[str, dict[str, float]] = {}
    for row in graded["rows"]:
        if row["task"]:
            got.setdefault(row["learner"], {})[row["task"]] = float(row["points"])
    expected = {who: points for who, (_, points, _) in SUBMISSIONS.items() if points is not None}
    expected["hostile"] = {**FULL, "1.1": 0.0}  # answered with the book's own function
    assert got == expected, graded["result"].stdout + graded["result"].stderr
    assert {row["sandbox"] for row in graded["rows"]} == {"bubblewrap"}


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
    rows = {(r["learner"], r["task"]): r for r in graded["rows"]}
    assert "could not be called this way" in rows[("signature", "1.2")]["message"]
    assert "not defined" in rows[("missing", "1.4")]["message"]
    assert "MemoryError" in rows[("memory", "1.1")]["message"]
    assert rows[("hostile", "1.1")]["message"] == (
        "task 1.1 asks you to write this yourself; your code called helpers.scaling.kaplan_loss_n"
    )
    assert not any("changed the grader's files" in r["notes"] for r in graded["rows"])
    assert graded["result"].returncode == 1


def test_no_file_was_changed_or_left_behind(graded):
    assert graded["before"] == graded["after"], "a learner's file was modified, or a file was added"
    before, after = graded["guarded"]
    assert before == after, "the grader's files were left modified"
    assert graded["left_behind"] == {"/tmp": [], "home": [], "grader temporary space": []}


def test_no_connection_no_process_no_secret_escaped_and_processes_were_capped(graded):
    assert graded["connection"] is None, "the listener on 127.0.0.1 was reached"
    assert graded["processes"] == [], "learner processes outlived grading"
    for text in (graded["result"].stdout, graded["result"].stderr, graded["gradebook"]):
        assert graded["secret"] not in text
    notes = next(r["notes"] for r in graded["rows"] if r["learner"] == "hostile")
    started = int(notes.split("started ")[1].split(" processes")[0])
    assert 1 <= started < sandbox.MAX_PROCESSES, notes


def test_gradebook_columns():
    assert CSV_COLUMNS[:6] == ["learner", "exercise_set", "task", "points", "max_points", "message"]


def test_without_the_sandbox_tampering_is_restored_and_pinned_on_its_author(tmp_path):
    for learner, text in (("alice", variant()), ("tamperer", SUBMISSIONS["tamperer"][0])):
        (tmp_path / learner).mkdir()
        (tmp_path / learner / "01_power_laws.ipynb").write_text(text)
    guarded_before = {p: p.read_bytes() for p in sandbox.guarded_files()}
    out = subprocess.run(
        [sys.executable, "-m", "helpers.grade", str(tmp_path), "--no-sandbox", "--jobs", "2", "--json"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert {p: p.read_bytes() for p in sandbox.guarded_files()} == guarded_before
    reports = {r["learner"]: r for r in json.loads(out.stdout)}
    assert [r["points"] for r in reports.values()] == [10.0, 10.0]
    assert {
        who for who, r in reports.items() if any("changed the grader's files" in n for n in r["notes"])
    } == {"tamperer"}
    assert all(r["sandbox"] == "none" for r in reports.values())


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
    (sub / "dana.ipynb").write_text(variant())
    out = subprocess.run(
        [sys.executable, "-m", "helpers.grade", str(sub), "--extra-checks", str(hidden), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    graded = json.loads(out.stdout)[0]
    tasks = {t["task"]: t for t in graded["tasks"]}
    assert tasks["1.2"]["hidden_checks"] == 1 and tasks["1.2"]["passed"]
    assert tasks["1.4"]["hidden_checks"] == 1 and not tasks["1.4"]["passed"]
    assert tasks["1.4"]["messages"][0].startswith("[hidden check] a hidden case")
    assert any("2 hidden checks" in n for n in graded["notes"])


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
    found = find_submissions([str(tmp_path)])
    assert sorted(who for who, _ in found) == ["erin", "frank"]
