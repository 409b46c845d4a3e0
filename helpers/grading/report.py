"""Grades as rows: one mapping from reports to named fields, used by the table, the CSV gradebook and JSON,
so a field has the same name everywhere. A new output format is a function of ``notebook_fields`` and
``task_fields``.

Fields of a notebook: learner, exercise_set, notebook, sandbox, points, max_points, passed, tasks_passed,
problem, notes, seconds. Fields of a task: task, function, points, max_points, passed, checks_passed,
checks, hidden_checks, message. A gradebook row is a task's fields with its notebook's learner,
exercise_set, notebook, sandbox and notes.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from helpers.grading.model import NotebookReport, TaskResult

#: Columns of the gradebook CSV: one row per learner and task.
CSV_COLUMNS = [
    "learner",
    "exercise_set",
    "task",
    "points",
    "max_points",
    "message",
    "passed",
    "checks_passed",
    "checks",
    "hidden_checks",
    "function",
    "notebook",
    "sandbox",
    "notes",
]


def task_fields(result: TaskResult) -> dict:
    return {
        "task": result.task.id,
        "function": result.task.function,
        "points": result.score,
        "max_points": result.task.points,
        "passed": result.ok,
        "checks_passed": result.passed,
        "checks": result.total,
        "hidden_checks": result.hidden_total,
        "message": "" if result.ok else result.summary(),
    }


def notebook_fields(report: NotebookReport) -> dict:
    return {
        "learner": report.learner,
        "exercise_set": report.exercise_set or "",
        "notebook": report.path,
        "sandbox": report.sandbox,
        "points": report.score,
        "max_points": report.max_score,
        "passed": report.ok,
        "tasks_passed": sum(r.ok for r in report.results),
        "problem": report.problem,
        "notes": list(report.notes),
        "seconds": round(report.seconds, 2),
    }


def gradebook_rows(reports: list[NotebookReport]) -> list[dict]:
    """One row per learner and task (one row saying NOT GRADED for a notebook that could not be graded)."""
    rows = []
    for report in reports:
        notebook = notebook_fields(report)
        shared = {k: notebook[k] for k in ("learner", "exercise_set", "notebook", "sandbox")}
        shared["notes"] = " | ".join(notebook["notes"])
        if report.problem:
            empty = {"task": "", "function": "", "points": 0, "max_points": 0, "passed": False}
            counts = {"checks_passed": 0, "checks": 0, "hidden_checks": 0}
            rows.append({**shared, **empty, **counts, "message": f"NOT GRADED: {report.problem}"})
        rows += [{**shared, **task_fields(r)} for r in report.results]
    return [{column: row[column] for column in CSV_COLUMNS} for row in rows]


def write_gradebook(reports: list[NotebookReport], out: str | Path) -> int:
    """Write the gradebook CSV; the number of rows written."""
    rows = gradebook_rows(reports)
    with open(out, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def as_json(reports: list[NotebookReport]) -> str:
    """Every report with its tasks; a task also lists all its messages."""
    return json.dumps(
        [
            {**notebook_fields(r), "tasks": [{**task_fields(t), "messages": t.messages} for t in r.results]}
            for r in reports
        ],
        indent=2,
    )


def _table(rows: list[dict], columns: list[str]) -> list[str]:
    """Rows aligned under a header of field names; the last column is not padded."""
    cells = [columns] + [[_text(row[c]) for c in columns] for row in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(columns) - 1)]
    return [
        "  ".join([*(c.ljust(w) for c, w in zip(line, widths, strict=False)), line[-1]]).rstrip()
        for line in cells
    ]


def _text(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def format_report(report: NotebookReport) -> str:
    """One notebook: a line per task, the total and the notes."""
    heading = report.path + (f"  (exercise set {report.exercise_set})" if report.exercise_set else "")
    if report.problem:
        return "\n".join(
            [heading, f"  NOT GRADED: {report.problem}", *(f"  note: {n}" for n in report.notes)]
        )
    rows = []
    for result in report.results:
        row = task_fields(result)
        if not result.ok and len(result.messages) > 1:
            row["message"] += f" (+{len(result.messages) - 1} more)"
        rows.append(row)
    columns = ["task", "function", "points", "max_points", "passed", "message"]
    lines = [heading, *("  " + line for line in _table(rows, columns))]
    lines.append(f"  total {report.score:g}/{report.max_score:g} points in {report.seconds:.1f} s")
    return "\n".join(lines + [f"  note: {n}" for n in report.notes])


def format_summary(reports: list[NotebookReport]) -> str:
    """A class: one line per notebook with its points and its first note or problem."""
    rows = []
    for report in sorted(reports, key=lambda r: (r.learner, r.exercise_set or "")):
        row = notebook_fields(report)
        row["notes"] = f"NOT GRADED: {report.problem}" if report.problem else (report.notes or [""])[0]
        rows.append(row)
    columns = ["learner", "exercise_set", "points", "max_points", "tasks_passed", "notes"]
    return "\n".join(_table(rows, columns))
