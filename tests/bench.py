"""`make bench`: how long the book takes to build, validate and grade on this machine.

Prints the clean build time, the no-op rebuild time, the weight of each built page (HTML, figures and
explorer frames included; the site tests allow 1.5 MB), nbval time per notebook and grading time per
notebook, the Approach-3 fit (``helpers.scaling.fit_chinchilla``) against a plain per-start loop, and what
Binder installs on top of repo2docker's base environment (``binder/requirements.txt``; goal: at most 350 MB).
Performance targets live here, not in timed tests. Builds into a temporary folder so your _build/ is left
alone. Record new figures in CONTRIBUTING.md ("Benchmarks") when they change.

``python tests/bench.py --approach3-only [--loop-every K]`` runs only the fit benchmark; with K > 1 the
plain loop runs every K-th start of the grid and its time for all 4,500 starts is extrapolated.
``python tests/bench.py --grading-only`` runs only the class-grading throughput (the bar: >= 60 per minute).
``python tests/bench.py --binder-only`` measures only Binder's environment.
"""

from __future__ import annotations

import argparse
import json
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
    """Grade a class of ``count`` submissions (solutions and exercises), each in its bubblewrap sandbox."""
    from helpers.grading.grader import Sandbox, find_submissions, grade_class

    folder = Path(tempfile.mkdtemp(prefix="bench-class-"))
    try:
        sources = sorted(ROOT.glob("solutions/*.ipynb")) + sorted(ROOT.glob("exercises/*.ipynb"))
        for i in range(count):
            (folder / f"learner{i:02d}").mkdir()
            shutil.copyfile(
                sources[i % len(sources)], folder / f"learner{i:02d}" / sources[i % len(sources)].name
            )
        start = time.perf_counter()
        with Sandbox(isolated=True) as sandbox:
            reports = grade_class(
                find_submissions([str(folder)]), sandbox=sandbox, jobs=jobs, show_progress=False
            )
        seconds = time.perf_counter() - start
        if any(r.problem or r.sandbox != "bubblewrap" for r in reports):
            raise SystemExit("the benchmark class was not graded in the sandbox")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return (
        f"grade a class of {count} notebooks, {jobs} at once, sandboxed: {60 * count / seconds:.0f} per minute",
        seconds,
    )


def approach3_rows(loop_every: int = 1) -> list[tuple[str, float]]:
    """Time fit_chinchilla on 240 simulated runs against a loop of L-BFGS-B over every grid start.

    Both use the same objective and analytic gradient, so the ratio measures the strategy: one vectorised
    pass over the 4,500 starts and a few refinements, against 4,500 separate optimisations (what
    Besiroglu et al. 2024's replication does). Fails if the two do not reach the same objective value.
    """
    import numpy as np
    from scipy import optimize

    from helpers import scaling

    rng = np.random.default_rng(0)
    law = scaling.BESIROGLU_2024
    n = np.exp(rng.uniform(np.log(7e7), np.log(1.6e10), 240))  # parameters, the range of Hoffmann's Fig. 4
    d = np.exp(rng.uniform(np.log(6e18), np.log(3e21), 240)) / (6 * n)  # tokens at 6e18-3e21 FLOP
    loss = law.loss(n, d) * np.exp(0.01 * rng.standard_normal(240))  # nats/token, 1% noise
    args = (np.log(n), np.log(d), np.log(loss), 1e-3)

    start = time.perf_counter()
    fast = scaling.fit_chinchilla(n, d, loss)
    fast_seconds = time.perf_counter() - start

    starts = scaling.APPROACH3_GRID[:: max(1, int(loop_every))]
    start = time.perf_counter()
    best = min(
        optimize.minimize(lambda t: scaling.lse_objective(t, *args), s, jac=True, method="L-BFGS-B").fun
        for s in starts
    )
    loop_seconds = (time.perf_counter() - start) * len(scaling.APPROACH3_GRID) / len(starts)
    print(
        f"Approach 3 on 240 runs: fit_chinchilla objective {fast.objective:.10g}, "
        f"per-start loop ({len(starts)} of 4500 starts) objective {best:.10g}"
    )
    if fast.objective > best * (1 + 1e-6):
        raise SystemExit("fit_chinchilla did not reach the objective of the per-start loop")
    if len(starts) == len(scaling.APPROACH3_GRID) and abs(fast.objective - best) > 1e-6 * best:
        raise SystemExit("fit_chinchilla and the per-start loop disagree on the optimum")
    loop_name = "plain loop, 4,500 L-BFGS-B runs" + (
        "" if loop_every == 1 else f" (extrapolated from {len(starts)})"
    )
    return [
        ("Approach 3: fit_chinchilla, 240 runs, 4,500-start grid", fast_seconds),
        (f"Approach 3: {loop_name}", loop_seconds),
        ("Approach 3: ratio loop / fit_chinchilla (x)", loop_seconds / fast_seconds),
    ]


LEAN_GOAL_MB = 350

# Run inside the measured environment: bytes on disk of each installed distribution (its RECORD, bytecode included).
_SIZES = """
import importlib.metadata as md, json, os
sizes = {}
for dist in md.distributions():
    paths = {os.path.realpath(f.locate()) for f in dist.files or []}
    sizes[dist.metadata["Name"]] = sum(os.path.getsize(p) for p in paths if os.path.isfile(p))
print(json.dumps(sizes))
"""


def lean_environment_mb() -> float:
    """What Binder installs on top of repo2docker's base environment (which brings JupyterLab, ipykernel,
    ipywidgets and nbformat; tests/test_binder.py proves that the additions are exactly the pins of
    binder/requirements.txt and the package), in MB (10^6 bytes, bytecode included), with the largest ones.
    Measured by installing the file into a fresh Python 3.11 venv from the repository root, as repo2docker
    does, and adding up the files of those distributions; the whole venv is printed for comparison."""
    import venv

    folder = Path(tempfile.mkdtemp(prefix="bench-binder-"))
    try:
        src = folder / "repo"  # a copy: pip builds the package in its source tree
        for name in ("binder", "helpers"):
            shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
        for name in ("pyproject.toml", "README.md"):
            shutil.copyfile(ROOT / name, src / name)
        venv.create(folder / "env", with_pip=True)
        python = folder / "env" / "bin" / "python"
        start = time.perf_counter()
        subprocess.run(
            [python, "-m", "pip", "install", "--quiet", "-r", "binder/requirements.txt"], cwd=src, check=True
        )
        seconds = time.perf_counter() - start
        sizes = json.loads(
            subprocess.run([python, "-c", _SIZES], capture_output=True, text=True, check=True).stdout
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    def canonical(name: str) -> str:
        return name.lower().replace("_", "-").replace(".", "-")

    pinned = {
        canonical(line.split("==")[0])
        for line in (ROOT / "binder" / "requirements.txt").read_text().splitlines()
        if "==" in line and not line.startswith("#")
    }
    pinned.add("scaling-laws-executed-helpers")
    mb = {name: size / 1e6 for name, size in sizes.items() if canonical(name) in pinned}
    total, whole = (
        sum(mb.values()),
        sum(size / 1e6 for name, size in sizes.items() if name not in ("pip", "setuptools")),
    )
    largest = ", ".join(f"{name} {size:.0f}" for name, size in sorted(mb.items(), key=lambda kv: -kv[1])[:6])
    verdict = "within" if total <= LEAN_GOAL_MB else "OVER"
    print(
        f"Binder adds {len(mb)} packages to repo2docker's base, {total:.0f} MB ({verdict} the goal of "
        f"{LEAN_GOAL_MB} MB), installed in {seconds:.0f} s; largest, in MB: {largest}. A venv holding only the "
        f"lean file and its dependencies (no JupyterLab) is {whole:.0f} MB."
    )
    return total


def print_page_weights(site: Path) -> None:
    """The size of every page of the built book, in MB of HTML (the site tests allow 1.5 MB per page)."""
    pages = sorted((site / "book").glob("*.html"))
    width = max(len(p.name) for p in pages)
    print(f"{'page':<{width}}  MB of HTML")
    for page in pages:
        print(f"{page.name:<{width}}  {page.stat().st_size / 1e6:6.2f}")


def print_rows(rows: list[tuple[str, float]]) -> None:
    width = max(len(name) for name, _ in rows)
    print(f"{'what':<{width}}  seconds")
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds:7.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--approach3-only", action="store_true", help="only the Approach-3 fit benchmark")
    parser.add_argument("--loop-every", type=int, default=1, help="run the plain loop on every K-th start")
    parser.add_argument("--grading-only", action="store_true", help="only the class-grading throughput")
    parser.add_argument("--binder-only", action="store_true", help="only the size of Binder's environment")
    options = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, {platform.machine()}")
    if options.approach3_only:
        print_rows(approach3_rows(options.loop_every))
        return
    if options.grading_only:
        print_rows([grading_throughput()])
        return
    if options.binder_only:
        lean_environment_mb()
        return
    from helpers.grading.grader import grade_notebook

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
        print_page_weights(out / "_build" / "html")
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
        report = grade_notebook(nb)  # in a bubblewrap sandbox of its own, set up and torn down each time
        rows.append(
            (
                f"grade {nb.relative_to(ROOT)} ({report.score:g}/{report.max_score:g}, {report.sandbox})",
                time.perf_counter() - start,
            )
        )
    rows.append(grading_throughput())
    rows += approach3_rows(options.loop_every)
    print_rows(rows)
    lean_environment_mb()


if __name__ == "__main__":
    main()
