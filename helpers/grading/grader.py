"""Grade one notebook, or a class of them: read -> identify its set -> run it in the sandbox -> collect what
each call did -> judge. The learner's file is only ever read.

``grade_notebook(path)`` returns a ``NotebookReport``; ``grade_class(submissions, sandbox=...)`` grades many
in parallel, one sandboxed process each. ``report`` turns reports into tables, CSV and JSON.
"""

from __future__ import annotations

import json
import re
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from helpers.grading import codec
from helpers.grading.judges import judge_task
from helpers.grading.model import ExerciseSet, NotebookReport, Outcome, TaskResult, with_hidden_cases
from helpers.grading.protocol import CallStatus, CellStatus, Event, call_key, one_line
from helpers.grading.registry import SETS, HiddenChecks, load_set
from helpers.grading.sandbox import KILL_GRACE, MEMORY_LIMIT_BYTES, Sandbox, SandboxUnavailable, WorkerRun

DEFAULT_TIMEOUT = 60.0  # seconds for one notebook: running its cells, then calling its functions
EXEC_SHARE = 2 / 3  # at most this share of the limit goes to running cells; the rest is kept for the checks
MAX_NOTEBOOK_BYTES = 50_000_000

# ---------------------------------------------------------------------------------------------- read


def read_notebook(path: Path) -> tuple[dict | None, bytes, str]:
    """(notebook, its bytes, "") or (None, b"", what is wrong with the file, in plain words)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        return None, b"", f"cannot read the file ({exc.strerror})"
    if size > MAX_NOTEBOOK_BYTES:
        limit = f"{MAX_NOTEBOOK_BYTES / 1e6:.0f} MB"
        return None, b"", f"the file is {size / 1e6:.0f} MB, larger than the {limit} limit"
    raw = path.read_bytes()
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return None, b"", "the file is not text (UTF-8): is it really a .ipynb notebook?"
    except (json.JSONDecodeError, RecursionError) as exc:
        where = f" (line {exc.lineno}: {exc.msg})" if isinstance(exc, json.JSONDecodeError) else ""
        return None, b"", f"the file is not valid notebook JSON{where}; it may be truncated"
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        return None, b"", "the file is JSON but not a notebook (no list of cells)"
    return data, raw, ""


def code_cells(notebook: dict) -> list[dict]:
    """The code cells as {"index": position in the notebook, from 1, "source": text}."""
    cells = []
    for index, cell in enumerate(notebook["cells"]):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        if isinstance(source, list):
            source = "".join(str(s) for s in source)
        cells.append({"index": index + 1, "source": str(source)})
    return cells


# ---------------------------------------------------------------------------------------------- identify


def identify_set(notebook: dict, path: Path, expected: str | None) -> tuple[str | None, str]:
    """The notebook's exercise set, from its metadata, then its file name, then ``expected`` (--set)."""
    metadata = notebook.get("metadata")
    declared = metadata.get("exercise_set") if isinstance(metadata, dict) else None
    declared = declared if isinstance(declared, str) and declared else None
    if declared is None:
        declared = next((s for s in SETS if path.stem == s or path.stem.startswith(s)), None)
    if expected:
        if expected not in SETS:
            return None, f"unknown exercise set {expected!r} (known: {', '.join(SETS)})"
        if declared and declared != expected:
            return None, f"this notebook is exercise set {declared}, but {expected} is being graded"
        return expected, ""
    if declared in SETS:
        return declared, ""
    if declared:
        known = ", ".join(SETS)
        return (
            None,
            f"this notebook names exercise set {declared!r}, which the grader does not know ({known})",
        )
    return None, (
        "cannot tell which exercise set this notebook belongs to (no 'exercise_set' in its metadata and an "
        f"unrecognised file name); pass --set with one of: {', '.join(SETS)}"
    )


# ---------------------------------------------------------------------------------------------- run


def make_request(cells: list[dict], exercise_set: ExerciseSet, timeout: float) -> dict:
    """What the worker is asked to do: run the cells, then make every case's call (see ``protocol``)."""
    calls = [
        {
            "key": call_key(task.id, i),
            "function": task.function,
            "args": codec.encode(case.args),
            "kwargs": codec.encode(case.kwargs),
            "off_limits": [list(r) for r in task.references],
        }
        for task in exercise_set.tasks
        for i, case in enumerate(task.cases)
    ]
    return {"cells": cells, "calls": calls, "cell_seconds": timeout * EXEC_SHARE, "seconds": timeout}


# ---------------------------------------------------------------------------------------------- collect


def cell_problem(event: dict) -> str:
    """A failed cell, in plain words."""
    status = event.get("status")
    where = f"cell {event['index']}"
    if status == CellStatus.SYNTAX_ERROR:
        return f"{where} has a syntax error (line {event.get('line')}: {one_line(event.get('error'))})"
    if status == CellStatus.ERROR:
        line = f", line {event['line']}" if event.get("line") else ""
        if event.get("error_type") == "MemoryError":
            return f"{where} ran out of memory (the limit is {MEMORY_LIMIT_BYTES / 1024**3:g} GB){line}"
        return f"{where} raised {one_line(event.get('error_type'), 80)}{line}: {one_line(event.get('error'))}"
    if status == CellStatus.TIMEOUT:
        return f"{where} was still running at the time limit and was stopped"
    if status == CellStatus.EXIT:
        return f"{where} called sys.exit ({one_line(event.get('error'))})"
    if status == CellStatus.SKIPPED:
        return f"{where} was not run (an earlier cell used up the time limit)"
    return f"{where}: {one_line(status, 80)}"


def _defining_cell(cells: list[dict], function: str) -> int | None:
    pattern = re.compile(rf"^\s*def\s+{re.escape(function)}\s*\(", re.MULTILINE)
    return next((cell["index"] for cell in cells if pattern.search(cell["source"])), None)


def _outcome(event: dict | None, started: bool, missing_reason: str) -> Outcome:
    if event is None:
        if started:
            return Outcome(
                CallStatus.NOT_RUN,
                error="did not return: the notebook's process stopped while it was running",
            )
        return Outcome(
            CallStatus.NOT_RUN, error="was not checked: the notebook's process stopped before its checks ran"
        )
    try:
        status = CallStatus(event.get("status"))
    except ValueError:
        return Outcome(CallStatus.NOT_RUN, error=f"gave an unknown result ({str(event.get('status'))[:40]})")
    if status == CallStatus.RETURNED:
        try:
            value = codec.decode(event.get("value"))
        except Exception:
            value = codec.Unrepresentable("value", "could not be decoded")
        return Outcome(status, value=value)
    if status == CallStatus.MISSING:
        return Outcome(status, error=missing_reason)
    return Outcome(
        status, error_type=one_line(event.get("error_type", ""), 80), error=one_line(event.get("error", ""))
    )


def collect(
    run: WorkerRun, cells: list[dict], exercise_set: ExerciseSet, timeout: float
) -> tuple[list[list[Outcome]], list[str]]:
    """The outcome of every call, task by task, and notes on what went wrong outside the calls."""
    events = run.events
    cell_events = {
        e["index"]: e for e in events if e.get("event") == Event.CELL and isinstance(e.get("index"), int)
    }
    started_cells = [
        e["index"] for e in events if e.get("event") == Event.CELL_START and isinstance(e.get("index"), int)
    ]
    calls = [e for e in events if isinstance(e.get("key"), str)]
    call_events = {e["key"]: e for e in calls if e.get("event") == Event.CALL}
    started_calls = {e["key"] for e in calls if e.get("event") == Event.CALL_START}
    unfinished_cell = next((i for i in reversed(started_cells) if i not in cell_events), None)

    failed = [e for e in cell_events.values() if e.get("status") not in (CellStatus.OK, CellStatus.SKIPPED)]
    notes = [cell_problem(e) for e in failed]
    skipped = [str(i) for i, e in cell_events.items() if e.get("status") == CellStatus.SKIPPED]
    if skipped:
        notes.append(
            f"cells {', '.join(skipped)} were not run: an earlier cell used up the time limit ({timeout:g} s)"
        )
    if run.killed:
        where = f" in cell {unfinished_cell}" if unfinished_cell else ""
        notes.append(
            f"the notebook's process ignored the time limit{where} and was stopped after {timeout + KILL_GRACE:g} s"
        )
    elif not any(e.get("event") == Event.DONE for e in events):
        where = f" during cell {unfinished_cell}" if unfinished_cell else ""
        notes.append(
            f"the notebook's process ended unexpectedly{where} (exit {run.returncode}), e.g. os._exit() or a crash"
        )

    outcomes = []
    for task in exercise_set.tasks:
        missing_reason = "is not defined in the notebook"
        defined_in = _defining_cell(cells, task.function)
        if defined_in is not None and cell_events.get(defined_in, {}).get("status") != CellStatus.OK:
            cell = cell_events.get(defined_in, {"index": defined_in, "status": "not run"})
            missing_reason = f"is not defined: {cell_problem(cell)}"
        keys = [call_key(task.id, i) for i in range(len(task.cases))]
        outcomes.append([_outcome(call_events.get(k), k in started_calls, missing_reason) for k in keys])
    return outcomes, notes


# ---------------------------------------------------------------------------------------------- grade


def grade_notebook(
    path: str | Path,
    *,
    sandbox: Sandbox | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    exercise_set: str | None = None,
    hidden: HiddenChecks | None = None,
    learner: str = "",
) -> NotebookReport:
    """Grade one notebook into a ``NotebookReport``. The file at ``path`` is only read, never written.

    ``sandbox`` runs the learner's code; without one, a bubblewrap sandbox is used where it works, and
    otherwise the notebook runs without one and its report says so. ``exercise_set`` is the set being
    graded (a notebook of another set is then reported, not graded); ``hidden`` adds an instructor's cases.
    """
    if sandbox is None:
        with open_sandbox() as own:
            return grade_notebook(
                path, sandbox=own, timeout=timeout, exercise_set=exercise_set, hidden=hidden, learner=learner
            )
    started = time.monotonic()
    path = Path(path)
    report = NotebookReport(str(path), None, learner=learner or path.stem, sandbox=sandbox.name)
    notebook, raw, report.problem = read_notebook(path)
    if notebook is not None:
        report.exercise_set, report.problem = identify_set(notebook, path, exercise_set)
    if report.exercise_set is not None:
        ex = load_set(report.exercise_set)
        if hidden and report.exercise_set in hidden:
            ex = with_hidden_cases(ex, hidden[report.exercise_set])
        cells = code_cells(notebook)
        run = sandbox.run(raw, make_request(cells, ex, timeout), timeout)
        report.tampered = sandbox.restore()
        outcomes, report.notes = collect(run, cells, ex, timeout)
        report.results = [judge_task(task, o) for task, o in zip(ex.tasks, outcomes, strict=True)]
        if report.tampered:
            changed = ", ".join(report.tampered)
            report.notes.append(f"the notebook changed the grader's files, which were restored: {changed}")
        hidden_count = sum(c.hidden for t in ex.tasks for c in t.cases)
        if hidden_count:
            report.notes.append(
                f"graded with {hidden_count} hidden checks (marked [hidden check] where they failed)"
            )
    report.notes += [sandbox.note] if sandbox.note else []
    report.seconds = time.monotonic() - started
    report.span = (started, time.monotonic())
    return report


def open_sandbox() -> Sandbox:
    """A bubblewrap sandbox where it works, else a plain process whose reports say why in one line: for one
    learner grading their own notebook. A class needs ``Sandbox()`` or an explicit ``Sandbox(isolated=False)``."""
    try:
        return Sandbox(isolated=True)
    except SandboxUnavailable as exc:
        note = f"graded without a sandbox: {exc.reason} (fine for your own work; grading a class needs it)"
        return Sandbox(isolated=False, note=note)


def grade_class(
    submissions: list[tuple[str, Path]],
    *,
    sandbox: Sandbox,
    timeout: float = DEFAULT_TIMEOUT,
    exercise_set: str | None = None,
    hidden: HiddenChecks | None = None,
    jobs: int = 2,
    show_progress: bool = True,
) -> list[NotebookReport]:
    """Grade every (learner, notebook), ``jobs`` at a time, each in its own process; reports in the order given."""
    from helpers.progress import progress

    def grade(i: int) -> NotebookReport:
        who, nb = submissions[i]
        try:
            return grade_notebook(
                nb, sandbox=sandbox, timeout=timeout, exercise_set=exercise_set, hidden=hidden, learner=who
            )
        except Exception as exc:  # whatever one notebook does, the others are still graded
            problem = f"the grader failed on this notebook ({type(exc).__name__}: {exc})"
            return NotebookReport(str(nb), None, learner=who, sandbox=sandbox.name, problem=problem)

    reports: list[NotebookReport | None] = [None] * len(submissions)
    with ThreadPoolExecutor(max_workers=jobs) as pool:  # threads only wait: each notebook has its own process
        futures = {pool.submit(grade, i): i for i in range(len(submissions))}
        bar = progress(None, total=len(futures), desc="grading notebooks", enabled=show_progress)
        for future in as_completed(futures):
            reports[futures[future]] = future.result()
            bar.update()
        bar.close()
    # A changed grader file is found by whichever notebook finishes next, which may not be the one that changed
    # it. Grade every notebook that ran at the same time again, one at a time, so the report names the right one.
    detections = [r.span for r in reports if r.tampered]
    if detections and jobs > 1:
        for i, r in enumerate(reports):
            if any(r.span[0] <= end and start <= r.span[1] for start, end in detections):
                reports[i] = grade(i)
    return reports  # type: ignore[return-value]


def find_submissions(paths: list[str]) -> list[tuple[str, Path]]:
    """(learner, notebook) pairs. A notebook given directly is its own learner (its file stem); in a folder,
    the learner is the notebook's first-level subfolder, or its file stem when it sits at the top."""
    found = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for nb in sorted(path.rglob("*.ipynb")):
                rel = nb.relative_to(path)
                if any(part.startswith(".") for part in rel.parts):
                    continue  # .ipynb_checkpoints and other hidden folders
                found.append((rel.parts[0] if len(rel.parts) > 1 else nb.stem, nb))
        else:
            found.append((path.stem, path))
    return found


__all__ = [
    "DEFAULT_TIMEOUT",
    "NotebookReport",
    "Sandbox",
    "SandboxUnavailable",
    "TaskResult",
    "find_submissions",
    "grade_class",
    "grade_notebook",
    "open_sandbox",
]
