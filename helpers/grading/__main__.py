"""Grade exercise notebooks, one or a whole class: ``python -m helpers.grade PATH... [options]``.

PATH is a notebook or a folder of submissions (every ``.ipynb`` below it, one learner per file, or per
first-level subfolder). Each notebook runs in its own bubblewrap sandbox: a copy of the notebook, the Python
environment read-only, no network, no other files, with time, memory, file-size and process limits. The
task functions are called there with each check's inputs, and the returned values are judged here, where no
learner code runs. A class is only graded in the sandbox, unless --no-sandbox says otherwise; one notebook
is graded without it where bubblewrap is missing, with a note. Exit status 0 only when every check of every
notebook passes; 1 otherwise; 2 on bad usage or when the sandbox is needed and missing.

    python -m helpers.grade exercises/01_power_laws.ipynb
    python -m helpers.grade submissions/ --set 01_power_laws --out gradebook.csv --extra-checks hidden/
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from helpers.grading import report
from helpers.grading.grader import DEFAULT_TIMEOUT, find_submissions, grade_class, open_sandbox
from helpers.grading.registry import SETS, load_hidden_checks
from helpers.grading.sandbox import NO_SANDBOX_NOTE, Sandbox, SandboxUnavailable


def _parser() -> argparse.ArgumentParser:
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
    parser.add_argument(
        "--no-sandbox",
        action="store_true",
        help="run learner code without bubblewrap, with your rights (the report and gradebook say so)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
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
    a_class = len(submissions) > 1 or any(Path(p).is_dir() for p in args.paths)
    if args.no_sandbox:
        sandbox = Sandbox(isolated=False)
        print(NO_SANDBOX_NOTE, file=sys.stderr)
    elif a_class:
        try:
            sandbox = Sandbox(isolated=True)
        except SandboxUnavailable as exc:
            print(f"python -m helpers.grade: cannot grade a class safely: {exc}", file=sys.stderr)
            return 2
    else:
        sandbox = open_sandbox()
    with sandbox:
        reports = grade_class(
            submissions,
            sandbox=sandbox,
            timeout=args.timeout,
            exercise_set=args.exercise_set,
            hidden=hidden,
            jobs=args.jobs or os.cpu_count() or 1,
            show_progress=len(submissions) > 1 and not args.json,
        )
    rows = report.write_gradebook(reports, args.out) if args.out else 0
    if args.json:
        print(report.as_json(reports))
    elif len(reports) == 1:
        print(report.format_report(reports[0]))
    else:
        print(report.format_summary(reports))
        if args.out:
            print(f"\ngradebook: {args.out} ({rows} rows)")
    return 0 if all(r.ok for r in reports) else 1


if __name__ == "__main__":
    sys.exit(main())
