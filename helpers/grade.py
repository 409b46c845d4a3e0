"""Grade exercise notebooks, one or a whole class: ``python -m helpers.grade PATH... [options]``.

PATH is a notebook or a folder of submissions (every ``.ipynb`` below it, one learner per file, or per
first-level subfolder). Each notebook is copied into a temporary folder (the learner's file is only ever
read) and its code cells run in a separate Python process with a time limit and a memory limit, against a
private copy of the ``helpers`` package. The task functions are called there with each check's inputs, and
the returned values are judged here, where no learner code runs. Exit status 0 only when every check of
every notebook passes; 1 otherwise; 2 on bad usage.

    python -m helpers.grade exercises/01_power_laws.ipynb
    python -m helpers.grade submissions/ --set 01_power_laws --out gradebook.csv --extra-checks hidden/
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import os
import re
import shutil
import signal
import site
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from helpers import _codec
from helpers.grading import (
    GRADING_ENV,
    SETS,
    Case,
    ExerciseSet,
    Outcome,
    TaskResult,
    judge_task,
    load_set,
    with_hidden_cases,
)

DEFAULT_TIMEOUT = 60.0  # seconds for one notebook: running its cells, then calling its functions
EXEC_SHARE = 2 / 3  # at most this share of the limit goes to running cells; the rest is kept for the checks
KILL_GRACE = 1.0  # seconds after the limit before a process that ignores its alarms is killed
MAX_NOTEBOOK_BYTES = 50_000_000
MAX_EVENTS_BYTES = 256_000_000
MEMORY_LIMIT_BYTES = 3 * 1024**3  # per learner process
HELPERS_DIR = Path(__file__).resolve().parent


@dataclass
class NotebookReport:
    path: str
    exercise_set: str | None
    results: list[TaskResult] = field(default_factory=list)
    problem: str = ""  # set when the notebook could not be graded at all
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    learner: str = ""
    tampered: list[str] = field(default_factory=list)  # grader files this run found changed (and restored)
    span: tuple[float, float] = (0.0, 0.0)  # monotonic start and end, to find notebooks that ran together

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
    except (json.JSONDecodeError, RecursionError) as exc:
        where = f" (line {exc.lineno}: {exc.msg})" if isinstance(exc, json.JSONDecodeError) else ""
        return None, f"the file is not valid notebook JSON{where}; it may be truncated"
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


def _identify_set(notebook: dict, path: Path, expected: str | None) -> tuple[str | None, str]:
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
        return (
            None,
            f"this notebook names exercise set {declared!r}, which the grader does not know ({', '.join(SETS)})",
        )
    return None, (
        "cannot tell which exercise set this notebook belongs to (no 'exercise_set' in its metadata and an "
        f"unrecognised file name); pass --set with one of: {', '.join(SETS)}"
    )


# ---------------------------------------------------------------------------------------------- tampering


def _guarded_files() -> list[Path]:
    """The files a learner's process could change to affect later grading: this package, and the files
    Python runs at start-up from site-packages (.pth files, sitecustomize)."""
    files = [p for p in HELPERS_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    dirs = {Path(p) for p in [*site.getsitepackages(), sysconfig.get_paths()["purelib"]] if Path(p).is_dir()}
    for d in dirs:
        files += [
            p for p in d.iterdir() if p.suffix == ".pth" or p.name in ("sitecustomize.py", "usercustomize.py")
        ]
        files += [p for p in d.glob("__editable__*finder.py")]
    return files


class TamperGuard:
    """Remembers the guarded files; after each learner process, restores any change and says what it was."""

    def __init__(self):
        self._lock = threading.Lock()
        self._snapshot = {p: p.read_bytes() for p in _guarded_files()}

    def copy_helpers(self, dest: Path) -> None:
        """Write the helpers package as it was when grading started (never a tampered version) to ``dest``."""
        for path, data in self._snapshot.items():
            if path.is_relative_to(HELPERS_DIR):
                target = dest / path.relative_to(HELPERS_DIR)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)

    def restore(self) -> list[str]:
        changed = []
        with self._lock:
            current = set(_guarded_files())
            for path, data in self._snapshot.items():
                try:
                    same = path.read_bytes() == data
                except OSError:
                    same = False
                if not same:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(data)
                    changed.append(str(path))
            for path in current - set(self._snapshot):
                path.unlink(missing_ok=True)
                changed.append(str(path))
        return changed


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


# The learner's process starts with -I -S: no .pth file or sitecustomize runs (so nothing a previous
# notebook planted there can), and its path is its own copy of helpers, then the installed packages.
_LAUNCH = (
    "import sys, json, runpy; sys.path[:0] = json.loads(sys.argv[1]); del sys.argv[1]; "
    "runpy.run_module('helpers._grade_worker', run_name='__main__')"
)


def _site_dirs() -> list[str]:
    dirs = [*site.getsitepackages(), sysconfig.get_paths()["purelib"]]
    return list(dict.fromkeys(p for p in dirs if Path(p).is_dir()))


def _run_worker(
    cells: list[dict], calls: list[dict], workdir: Path, timeout: float, guard: TamperGuard | None = None
) -> tuple[list[dict], str]:
    request = workdir / "request.json"
    events = workdir / "events.jsonl"
    request.write_text(
        json.dumps(
            {"cells": cells, "calls": calls, "exec_seconds": timeout * EXEC_SHARE, "total_seconds": timeout}
        )
    )
    # A private copy of helpers for this learner alone: changing it cannot affect anyone else.
    lib = workdir / "lib"
    if guard is not None:
        guard.copy_helpers(lib / "helpers")
    else:
        shutil.copytree(HELPERS_DIR, lib / "helpers", ignore=shutil.ignore_patterns("__pycache__"))
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
        [
            sys.executable,
            "-I",
            "-S",
            "-c",
            _LAUNCH,
            json.dumps([str(lib), *_site_dirs()]),
            str(request),
            str(events),
        ],
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
        if event.get("error_type") == "MemoryError":
            return f"{where} ran out of memory (the limit is {MEMORY_LIMIT_BYTES / 1024**3:g} GB){line}"
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
    path: str | Path,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    exercise_set: str | None = None,
    hidden: dict[str, dict[str, list[Case]]] | None = None,
    guard: TamperGuard | None = None,
    learner: str = "",
) -> NotebookReport:
    """Grade one notebook. The file at ``path`` is only read, never written.

    ``exercise_set`` is the set being graded (a notebook of another set is then reported, not graded);
    ``hidden`` maps set name -> task id -> extra cases; ``guard`` restores files the learner's code changed.
    """
    started = time.monotonic()
    path = Path(path)
    learner = learner or path.stem
    notebook, problem = _read_notebook(path)
    if notebook is None:
        return NotebookReport(
            str(path), None, problem=problem, seconds=time.monotonic() - started, learner=learner
        )
    set_name, problem = _identify_set(notebook, path, exercise_set)
    if set_name is None:
        return NotebookReport(
            str(path), None, problem=problem, seconds=time.monotonic() - started, learner=learner
        )
    ex: ExerciseSet = load_set(set_name)
    if hidden and set_name in hidden:
        ex = with_hidden_cases(ex, hidden[set_name])
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
        events, process_status = _run_worker(cells, calls, workdir, timeout, guard)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    tampered = guard.restore() if guard else []

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
    if tampered:
        notes.append(f"the notebook changed the grader's files, which were restored: {', '.join(tampered)}")
    hidden_count = sum(c.hidden for t in ex.tasks for c in t.cases)
    if hidden_count:
        notes.append(f"graded with {hidden_count} hidden checks (marked [hidden check] where they failed)")

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
                    event_of_cell = cell_events.get(defined_in, {"index": defined_in, "status": "not run"})
                    reason = f"is not defined: {_cell_problem(event_of_cell)}"
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
    return NotebookReport(
        str(path),
        set_name,
        results,
        notes=notes,
        seconds=time.monotonic() - started,
        learner=learner,
        tampered=tampered,
        span=(started, time.monotonic()),
    )


# ---------------------------------------------------------------------------------------------- a class


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


def load_hidden_checks(folder: str | Path) -> dict[str, dict[str, list[Case]]]:
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


def grade_all(
    submissions: list[tuple[str, Path]],
    *,
    timeout: float = DEFAULT_TIMEOUT,
    exercise_set: str | None = None,
    hidden: dict | None = None,
    jobs: int | None = None,
    show_progress: bool = True,
) -> list[NotebookReport]:
    """Grade every (learner, notebook) in parallel learner processes; reports in the order given."""
    from tqdm import tqdm

    guard = TamperGuard()
    jobs = jobs or os.cpu_count() or 1
    reports: list[NotebookReport | None] = [None] * len(submissions)
    with ThreadPoolExecutor(max_workers=jobs) as pool:  # threads only wait: each learner has its own process
        futures = {
            pool.submit(
                grade_notebook,
                nb,
                timeout=timeout,
                exercise_set=exercise_set,
                hidden=hidden,
                guard=guard,
                learner=who,
            ): i
            for i, (who, nb) in enumerate(submissions)
        }
        bar = tqdm(
            total=len(futures), desc="grading", unit="notebook", disable=not show_progress, file=sys.stderr
        )
        for future in as_completed(futures):
            reports[futures[future]] = future.result()
            bar.update()
        bar.close()
    # A changed grader file is found by whichever notebook finishes next, which may not be the one that changed
    # it. Grade every notebook that ran at the same time again, one at a time, so the report names the right one.
    detections = [r.span for r in reports if r.tampered]
    if detections and jobs > 1:
        overlapping = [
            i
            for i, r in enumerate(reports)
            if any(r.span[0] <= end and start <= r.span[1] for start, end in detections)
        ]
        for i in overlapping:
            who, nb = submissions[i]
            reports[i] = grade_notebook(
                nb, timeout=timeout, exercise_set=exercise_set, hidden=hidden, guard=guard, learner=who
            )
    return reports  # type: ignore[return-value]


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


def format_summary(reports: list[NotebookReport]) -> str:
    """One line per notebook: learner, set, points, tasks passed and the first note or problem."""
    rows = [("learner", "exercise set", "points", "tasks passed", "notes")]
    for r in sorted(reports, key=lambda r: (r.learner, r.exercise_set or "")):
        if r.problem:
            rows.append((r.learner, r.exercise_set or "?", "0", "-", f"NOT GRADED: {r.problem}"))
            continue
        passed = sum(t.ok for t in r.results)
        note = r.notes[0] if r.notes else ""
        rows.append(
            (r.learner, r.exercise_set, f"{r.score:g}/{r.max_score:g}", f"{passed}/{len(r.results)}", note)
        )
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return "\n".join(
        "  ".join(c.ljust(widths[i]) for i, c in enumerate(row[:4])) + "  " + row[4] for row in rows
    )


CSV_COLUMNS = [
    "learner",
    "exercise_set",
    "task",
    "points",
    "max",
    "message",
    "checks_passed",
    "checks",
    "hidden_checks",
    "notebook",
]


def gradebook_rows(reports: list[NotebookReport]) -> list[dict]:
    rows = []
    for r in reports:
        if r.problem:
            rows.append(
                {
                    "learner": r.learner,
                    "exercise_set": r.exercise_set or "",
                    "task": "",
                    "points": 0,
                    "max": 0,
                    "message": f"NOT GRADED: {r.problem}",
                    "checks_passed": 0,
                    "checks": 0,
                    "hidden_checks": 0,
                    "notebook": r.path,
                }
            )
            continue
        for t in r.results:
            rows.append(
                {
                    "learner": r.learner,
                    "exercise_set": r.exercise_set,
                    "task": t.task.id,
                    "points": t.score,
                    "max": t.task.points,
                    "message": t.summary() if not t.ok else "",
                    "checks_passed": t.passed,
                    "checks": t.total,
                    "hidden_checks": t.hidden_total,
                    "notebook": r.path,
                }
            )
    return rows


def write_gradebook(reports: list[NotebookReport], out: str | Path) -> None:
    with open(out, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        writer.writerows(gradebook_rows(reports))


def report_as_dict(report: NotebookReport) -> dict:
    return {
        "learner": report.learner,
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
                "hidden_checks": r.hidden_total,
                "passed": r.ok,
                "messages": r.messages,
            }
            for r in report.results
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.grade", description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", help="notebooks (.ipynb) or folders of submissions")
    parser.add_argument(
        "--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds allowed per notebook (default 60)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.add_argument(
        "--set", dest="exercise_set", help=f"the exercise set being graded ({', '.join(SETS)})"
    )
    parser.add_argument("--out", help="write a gradebook CSV (one row per learner and task)")
    parser.add_argument(
        "--extra-checks", help="folder of hidden checks, <set name>.py files defining HIDDEN_CASES"
    )
    parser.add_argument(
        "--jobs", type=int, default=None, help="notebooks graded at once (default: one per core)"
    )
    args = parser.parse_args(argv)
    if args.timeout <= 0:
        parser.error(f"--timeout must be > 0 seconds; got {args.timeout}")
    if args.jobs is not None and args.jobs < 1:
        parser.error(f"--jobs must be at least 1; got {args.jobs}")
    if args.exercise_set and args.exercise_set not in SETS:
        parser.error(f"--set must be one of {', '.join(SETS)}; got {args.exercise_set!r}")
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        parser.error(f"no such file or folder: {', '.join(missing)}")
    try:
        hidden = load_hidden_checks(args.extra_checks) if args.extra_checks else None
    except ValueError as exc:
        parser.error(str(exc))
    submissions = find_submissions(args.paths)
    if not submissions:
        parser.error("no .ipynb notebooks found")
    reports = grade_all(
        submissions,
        timeout=args.timeout,
        exercise_set=args.exercise_set,
        hidden=hidden,
        jobs=args.jobs,
        show_progress=len(submissions) > 1 and not args.json,
    )
    if args.out:
        write_gradebook(reports, args.out)
    if args.json:
        print(json.dumps([report_as_dict(r) for r in reports], indent=2))
    elif len(reports) == 1:
        print(format_report(reports[0]))
    else:
        print(format_summary(reports))
        if args.out:
            print(f"\ngradebook: {args.out} ({len(gradebook_rows(reports))} rows)")
    return 0 if all(r.ok for r in reports) else 1


if __name__ == "__main__":
    sys.exit(main())
