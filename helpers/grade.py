"""Grade exercise notebooks: ``python -m helpers.grade NOTEBOOK... [--timeout S] [--json] [--set NAME]``.

For each notebook: copy it into a temporary folder (the learner's file is only ever read), run its code cells
in a separate Python process with a time limit, call the task functions there with each check's inputs, and
judge the returned values here. Prints a table (task, points, result, message) per notebook, or JSON with
``--json``. Exit status 0 only when every check of every notebook passes; 1 otherwise; 2 on bad usage.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from helpers import _codec
from helpers.grading import GRADING_ENV, SETS, ExerciseSet, Outcome, TaskResult, judge_task, load_set

DEFAULT_TIMEOUT = 60.0  # seconds for one notebook: running its cells, then calling its functions
EXEC_SHARE = 2 / 3  # at most this share of the limit goes to running cells; the rest is kept for the checks
KILL_GRACE = 1.0  # seconds after the limit before a process that ignores its alarms is killed
MAX_NOTEBOOK_BYTES = 50_000_000
MAX_EVENTS_BYTES = 256_000_000
MEMORY_LIMIT_BYTES = 4 * 1024**3


@dataclass
class NotebookReport:
    path: str
    exercise_set: str | None
    results: list[TaskResult] = field(default_factory=list)
    problem: str = ""  # set when the notebook could not be graded at all
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def score(self) -> float:
        return round(sum(r.score for r in self.results), 2)

    @property
    def max_score(self) -> float:
        return sum(r.task.points for r in self.results)

    @property
    def ok(self) -> bool:
        return not self.problem and bool(self.results) and all(r.ok for r in self.results)


# ---------------------------------------------------------------------------------------------- reading


def _read_notebook(path: Path) -> tuple[dict | None, str]:
    try:
        size = path.stat().st_size
    except OSError as exc:
        return None, f"cannot read the file ({exc.strerror})"
    if size > MAX_NOTEBOOK_BYTES:
        return (
            None,
            f"the file is {size / 1e6:.0f} MB, larger than the {MAX_NOTEBOOK_BYTES / 1e6:.0f} MB limit",
        )
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        return None, "the file is not text (UTF-8): is it really a .ipynb notebook?"
    except json.JSONDecodeError as exc:
        return (
            None,
            f"the file is not valid notebook JSON (line {exc.lineno}: {exc.msg}); it may be truncated",
        )
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        return None, "the file is JSON but not a notebook (no list of cells)"
    return data, ""


def _code_cells(notebook: dict) -> list[dict]:
    cells = []
    for index, cell in enumerate(notebook["cells"]):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        if isinstance(source, list):
            source = "".join(str(s) for s in source)
        cells.append({"index": index + 1, "source": str(source)})
    return cells


def _identify_set(notebook: dict, path: Path, forced: str | None) -> tuple[str | None, str]:
    if forced:
        return (
            (forced, "")
            if forced in SETS
            else (None, f"unknown exercise set {forced!r} (known: {', '.join(SETS)})")
        )
    name = (notebook.get("metadata") or {}).get("exercise_set")
    if isinstance(name, str) and name in SETS:
        return name, ""
    for candidate in SETS:
        if path.stem == candidate or path.stem.startswith(candidate):
            return candidate, ""
    return None, (
        "cannot tell which exercise set this notebook belongs to (no 'exercise_set' in its metadata and an "
        f"unrecognised file name); pass --set with one of: {', '.join(SETS)}"
    )


# ---------------------------------------------------------------------------------------------- running


def _limit_resources():  # runs in the child before exec
    import resource

    os.setsid()
    for limit, value in (
        (resource.RLIMIT_AS, MEMORY_LIMIT_BYTES),
        (resource.RLIMIT_FSIZE, MAX_EVENTS_BYTES),
        (resource.RLIMIT_CORE, 0),
    ):
        try:
            resource.setrlimit(limit, (value, value))
        except (ValueError, OSError):
            pass
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def _run_worker(
    cells: list[dict], calls: list[dict], workdir: Path, timeout: float
) -> tuple[list[dict], str]:
    request = workdir / "request.json"
    events = workdir / "events.jsonl"
    request.write_text(
        json.dumps(
            {"cells": cells, "calls": calls, "exec_seconds": timeout * EXEC_SHARE, "total_seconds": timeout}
        )
    )
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(workdir),
        "IPYTHONDIR": str(workdir / ".ipython"),
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": str(workdir / ".mpl"),
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        GRADING_ENV: "1",
    }
    proc = subprocess.Popen(
        [sys.executable, "-I", "-m", "helpers._grade_worker", str(request), str(events)],
        cwd=workdir / "work",
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=_limit_resources,
    )
    killed = False
    try:
        proc.wait(timeout=timeout + KILL_GRACE)
    except subprocess.TimeoutExpired:
        killed = True
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # the worker and anything the learner's code started
        except ProcessLookupError:
            pass
        proc.wait()
    parsed = []
    if events.exists():
        with events.open("rb") as fh:
            for raw in fh.read(MAX_EVENTS_BYTES).splitlines():
                try:
                    event = json.loads(raw)
                except (ValueError, RecursionError):
                    continue  # a truncated last line, or something the learner's code wrote
                if isinstance(event, dict):
                    parsed.append(event)
    if killed:
        status = "killed"
    elif not any(e.get("event") == "done" for e in parsed):
        status = f"exit {proc.returncode}"
    else:
        status = ""
    return parsed, status


def _cell_problem(event: dict) -> str:
    status = event.get("status")
    where = f"cell {event['index']}"
    if status == "syntax_error":
        return f"{where} has a syntax error (line {event.get('line')}: {event.get('error')})"
    if status == "error":
        line = f", line {event['line']}" if event.get("line") else ""
        return f"{where} raised {event.get('error_type')}{line}: {event.get('error')}"
    if status == "timeout":
        return f"{where} was still running at the time limit and was stopped"
    if status == "exit":
        return f"{where} called sys.exit ({event.get('error')})"
    if status == "skipped":
        return f"{where} was not run (an earlier cell used up the time limit)"
    return f"{where}: {status}"


def _defining_cell(cells: list[dict], function: str) -> int | None:
    pattern = re.compile(rf"^\s*def\s+{re.escape(function)}\s*\(", re.MULTILINE)
    for cell in cells:
        if pattern.search(cell["source"]):
            return cell["index"]
    return None


def grade_notebook(
    path: str | Path, *, timeout: float = DEFAULT_TIMEOUT, exercise_set: str | None = None
) -> NotebookReport:
    """Grade one notebook. The file at ``path`` is only read, never written."""
    started = time.monotonic()
    path = Path(path)
    notebook, problem = _read_notebook(path)
    if notebook is None:
        return NotebookReport(str(path), None, problem=problem, seconds=time.monotonic() - started)
    set_name, problem = _identify_set(notebook, path, exercise_set)
    if set_name is None:
        return NotebookReport(str(path), None, problem=problem, seconds=time.monotonic() - started)
    ex: ExerciseSet = load_set(set_name)
    cells = _code_cells(notebook)
    calls = [
        {
            "key": f"{t.id}/{i}",
            "function": t.function,
            "args": _codec.encode(c.args),
            "kwargs": _codec.encode(c.kwargs),
        }
        for t in ex.tasks
        for i, c in enumerate(t.cases)
    ]
    workdir = Path(tempfile.mkdtemp(prefix="grade-"))
    try:
        (workdir / "work").mkdir()
        shutil.copyfile(
            path, workdir / "work" / "submission.ipynb"
        )  # learner code sees a copy, never the original
        events, process_status = _run_worker(cells, calls, workdir, timeout)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    cell_events = {
        e["index"]: e for e in events if e.get("event") == "cell" and isinstance(e.get("index"), int)
    }
    started_cells = [e["index"] for e in events if e.get("event") == "cell_start"]
    call_events = {e.get("key"): e for e in events if e.get("event") == "call"}
    started_calls = {e.get("key") for e in events if e.get("event") == "call_start"}
    unfinished_cell = next((i for i in reversed(started_cells) if i not in cell_events), None)

    notes = [_cell_problem(e) for e in cell_events.values() if e.get("status") not in ("ok", "skipped")]
    skipped = [str(i) for i, e in cell_events.items() if e.get("status") == "skipped"]
    if skipped:
        notes.append(
            f"cells {', '.join(skipped)} were not run: an earlier cell used up the time limit ({timeout:g} s)"
        )
    if process_status == "killed":
        where = f" in cell {unfinished_cell}" if unfinished_cell else ""
        notes.append(
            f"the notebook's process ignored the time limit{where} and was stopped after {timeout + KILL_GRACE:g} s"
        )
    elif process_status:
        where = f" during cell {unfinished_cell}" if unfinished_cell else ""
        notes.append(
            f"the notebook's process ended unexpectedly{where} ({process_status}), e.g. os._exit() or a crash"
        )

    results = []
    for task in ex.tasks:
        defined_in = _defining_cell(cells, task.function)
        outcomes = []
        for i, _case in enumerate(task.cases):
            key = f"{task.id}/{i}"
            event = call_events.get(key)
            if event is None:
                reason = "was not checked: the notebook's process stopped before its checks ran"
                if key in started_calls:
                    reason = "did not return: the notebook's process stopped while it was running"
                outcomes.append(Outcome("not_run", error=reason))
                continue
            status = event.get("status")
            if status == "returned":
                try:
                    value = _codec.decode(event.get("value"))
                except Exception:
                    value = _codec.Unrepresentable("value", "could not be decoded")
                outcomes.append(Outcome("returned", value=value))
            elif status == "missing":
                reason = "is not defined in the notebook"
                if defined_in is not None and cell_events.get(defined_in, {}).get("status") != "ok":
                    reason = f"is not defined: {_cell_problem(cell_events.get(defined_in, {'index': defined_in, 'status': 'not run'}))}"
                outcomes.append(Outcome("missing", error=reason))
            else:
                outcomes.append(
                    Outcome(
                        str(status),
                        error_type=str(event.get("error_type", "")),
                        error=str(event.get("error", "")),
                    )
                )
        results.append(judge_task(task, outcomes))
    return NotebookReport(str(path), set_name, results, notes=notes, seconds=time.monotonic() - started)


# ---------------------------------------------------------------------------------------------- reporting


def format_report(report: NotebookReport) -> str:
    lines = [f"{report.path}" + (f"  (exercise set {report.exercise_set})" if report.exercise_set else "")]
    if report.problem:
        lines.append(f"  NOT GRADED: {report.problem}")
        return "\n".join(lines)
    rows = [("task", "points", "result", "message")]
    for r in report.results:
        message = r.summary()
        if not r.ok and len(r.messages) > 1:
            message += f" (+{len(r.messages) - 1} more)"
        rows.append(
            (
                f"{r.task.id} {r.task.function}",
                f"{r.score:g}/{r.task.points:g}",
                "pass" if r.ok else "FAIL",
                message,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        lines.append(
            "  " + "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:3])) + "  " + row[3]
        )
    lines.append(f"  total {report.score:g}/{report.max_score:g} points in {report.seconds:.1f} s")
    lines += [f"  note: {n}" for n in report.notes]
    return "\n".join(lines)


def report_as_dict(report: NotebookReport) -> dict:
    return {
        "notebook": report.path,
        "exercise_set": report.exercise_set,
        "problem": report.problem,
        "score": report.score,
        "max_score": report.max_score,
        "passed": report.ok,
        "seconds": round(report.seconds, 2),
        "notes": report.notes,
        "tasks": [
            {
                "task": r.task.id,
                "function": r.task.function,
                "points": r.score,
                "max_points": r.task.points,
                "passed_checks": r.passed,
                "total_checks": r.total,
                "passed": r.ok,
                "messages": r.messages,
            }
            for r in report.results
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.grade", description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="+", help="exercise notebooks (.ipynb) to grade")
    parser.add_argument(
        "--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds allowed per notebook (default 60)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.add_argument(
        "--set",
        dest="exercise_set",
        help=f"exercise set, if it cannot be told from the notebook ({', '.join(SETS)})",
    )
    args = parser.parse_args(argv)
    if args.timeout <= 0:
        parser.error(f"--timeout must be > 0 seconds; got {args.timeout}")
    reports = [
        grade_notebook(p, timeout=args.timeout, exercise_set=args.exercise_set) for p in args.notebooks
    ]
    if args.json:
        print(json.dumps([report_as_dict(r) for r in reports], indent=2))
    else:
        print("\n\n".join(format_report(r) for r in reports))
    return 0 if all(r.ok for r in reports) else 1


if __name__ == "__main__":
    sys.exit(main())
