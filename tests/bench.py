"""`make bench`: how long the book takes to build, validate and grade on this machine.

Prints the clean build time, the no-op rebuild time, nbval time per notebook and grading time per
notebook. Performance targets live here, not in timed tests. Builds into a temporary folder so your
_build/ is left alone. Record new figures in CONTRIBUTING.md ("Benchmarks") when they change.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def timed(cmd: list[str], **kwargs) -> float:
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, **kwargs)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        print(result.stdout[-3000:], result.stderr[-3000:], sep="\n")
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return elapsed


def grading_throughput(count: int = 50, jobs: int = 2) -> tuple[str, float]:
    """Grade a class of ``count`` generated submissions (solutions, exercises and half-done notebooks)."""
    from helpers.grade import find_submissions, grade_all

    folder = Path(tempfile.mkdtemp(prefix="bench-class-"))
    try:
        sources = sorted(ROOT.glob("solutions/*.ipynb")) + sorted(ROOT.glob("exercises/*.ipynb"))
        for i in range(count):
            (folder / f"learner{i:02d}").mkdir()
            shutil.copyfile(sources[i % len(sources)], folder / f"learner{i:02d}" / sources[i % len(sources)].name)
        start = time.perf_counter()
        grade_all(find_submissions([str(folder)]), jobs=jobs, show_progress=False)
        seconds = time.perf_counter() - start
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return (f"grade a class of {count} notebooks, {jobs} at once: {60 * count / seconds:.0f} per minute", seconds)


def main() -> None:
    from helpers.grade import grade_notebook

    print(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, {platform.machine()}")
    rows: list[tuple[str, float]] = []
    out = Path(tempfile.mkdtemp(prefix="bench-build-"))
    try:
        build = [
            str(BIN / "jupyter-book"),
            "build",
            ".",
            "-W",
            "-n",
            "--keep-going",
            "--path-output",
            str(out),
        ]
        env = {**os.environ, "HELPERS_STATIC_SITE": "1"}  # as `make book` builds it
        rows.append(("clean build (execute every chapter)", timed(build, env=env)))
        rows.append(("no-op rebuild", timed(build, env=env)))
    finally:
        shutil.rmtree(out, ignore_errors=True)
    for nb in sorted(ROOT.glob("book/*.ipynb")) + sorted(ROOT.glob("solutions/*.ipynb")):
        cmd = [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:python",
            "-p",
            "no:cacheprovider",
            "--nbval-lax",
            "--nbval-current-env",
            str(nb.relative_to(ROOT)),
        ]
        rows.append((f"nbval {nb.relative_to(ROOT)}", timed(cmd)))
    for nb in sorted(ROOT.glob("solutions/*.ipynb")) + sorted(ROOT.glob("exercises/*.ipynb")):
        start = time.perf_counter()
        report = grade_notebook(nb)
        rows.append(
            (
                f"grade {nb.relative_to(ROOT)} ({report.score:g}/{report.max_score:g})",
                time.perf_counter() - start,
            )
        )
    rows.append(grading_throughput())
    width = max(len(name) for name, _ in rows)
    print(f"{'what':<{width}}  seconds")
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds:7.1f}")


if __name__ == "__main__":
    main()
