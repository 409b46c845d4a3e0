"""Every door opened as a stranger would: a notebook alone, in an environment that has never seen this repository.

The wheel is built from a copy of the package; a fresh virtual environment gets only what Colab preinstalls
(numpy, scipy, matplotlib, ipywidgets, ipykernel, tqdm); a chapter and an exercise notebook are each copied
alone into an empty folder and run there by a kernel of that environment. Their setup cell must install the
package (from the wheel, through $HELPERS_PIP_SOURCE) and every cell must run. Versions come from
requirements.txt, so pip takes them from its cache. About 45 s on two cores.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
CHAPTER = ROOT / "book" / "03_compute_cost.ipynb"  # the quickest chapter to run (about 10 s)
EXERCISE = ROOT / "exercises" / "01_power_laws.ipynb"
COLAB_PREINSTALLED = ("numpy", "scipy", "matplotlib", "ipywidgets", "ipykernel", "tqdm")
DISTRIBUTION = "scaling-laws-executed-helpers"


def _clean_env(**extra: str) -> dict[str, str]:
    """This process's environment without anything that points into the repository or its venv."""
    drop = ("HELPERS_", "PYTHON", "VIRTUAL_ENV", "JUPYTER", "IPYTHON", "MPL")
    env = {k: v for k, v in os.environ.items() if not k.startswith(drop)}
    return {**env, "MPLBACKEND": "Agg", "PIP_DISABLE_PIP_VERSION_CHECK": "1", **extra}


def _build_wheel(tmp: Path) -> subprocess.Popen:
    # pip builds in the source tree: build a copy, so that nothing is written to the worktree.
    src = tmp / "src"
    shutil.copytree(ROOT / "helpers", src / "helpers", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copyfile(ROOT / name, src / name)
    return subprocess.Popen(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp / "dist"), str(src)],
        env=_clean_env(),
    )


def _colab_like_venv(tmp: Path, constraints: Path) -> Path:
    venv.create(tmp / "colab", with_pip=False)  # pip comes from the cache below, faster than ensurepip
    python = tmp / "colab" / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-compile",
         "-c", str(constraints), "pip", *COLAB_PREINSTALLED],
        check=True, env=_clean_env(), timeout=600,
    )  # fmt: skip
    return python


def _in_venv(python: Path, code: str, cwd: Path) -> str:
    result = subprocess.run(
        [str(python), "-c", code], cwd=cwd, env=_clean_env(), capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def _run_alone(notebook: Path, folder: Path, kernels: Path, env: dict[str, str]) -> nbformat.NotebookNode:
    """Copy ``notebook`` alone into the empty ``folder`` and run every cell there with the Colab-like kernel."""
    folder.mkdir()
    shutil.copyfile(notebook, folder / notebook.name)
    nb = nbformat.read(folder / notebook.name, as_version=4)
    km = AsyncKernelManager(
        kernel_name="colab", kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(kernels)])
    )
    NotebookClient(nb, km=km, timeout=300, resources={"metadata": {"path": str(folder)}}).execute(env=env)
    unrun = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.execution_count is None]
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not unrun and not errors, f"{notebook.name}: cells not run {unrun}, errors {errors}"
    return nb


def test_a_chapter_and_an_exercise_notebook_each_run_alone_where_only_colabs_packages_are(tmp_path):
    constraints = tmp_path / "constraints.txt"  # the pins of requirements.txt, so pip finds them in its cache
    pins = [ln for ln in (ROOT / "requirements.txt").read_text().splitlines() if "==" in ln]
    constraints.write_text("\n".join(pins) + "\n")
    build = _build_wheel(tmp_path)
    python = _colab_like_venv(tmp_path, constraints)
    assert build.wait(timeout=300) == 0, "pip wheel failed"
    (wheel,) = (tmp_path / "dist").glob("*.whl")

    kernels = tmp_path / "kernels"
    (kernels / "colab").mkdir(parents=True)
    argv = [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (kernels / "colab" / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "Colab-like"}))
    env = _clean_env(
        HELPERS_PIP_SOURCE=str(wheel),
        PIP_CONSTRAINT=str(constraints),
        PATH=f"{python.parent}{os.pathsep}{os.environ.get('PATH', '')}",
    )
    where = "import importlib.util as u; s = u.find_spec('helpers'); print(s.origin if s else None)"
    uninstall = [str(python), "-m", "pip", "uninstall", "--quiet", "--yes", DISTRIBUTION]

    # A chapter: its setup cell installs the package.
    assert _in_venv(python, where, tmp_path) == "None"
    _run_alone(CHAPTER, tmp_path / "chapter", kernels, env)
    installed = Path(_in_venv(python, where, tmp_path))
    assert installed.is_relative_to(tmp_path / "colab"), installed

    # An exercise notebook, again from scratch: every check(...) cell prints its feedback.
    subprocess.run(uninstall, check=True, env=_clean_env())
    assert _in_venv(python, where, tmp_path) == "None"
    nb = _run_alone(EXERCISE, tmp_path / "exercise", kernels, env)
    checks = [c for c in nb.cells if c.cell_type == "code" and c.source.lstrip().startswith("check(")]
    assert len(checks) >= 4
    for cell in checks:
        task_id = cell.source.split('"')[1]
        printed = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
        assert task_id in printed and len(printed) > 20, f"{cell.source!r} printed {printed!r}"

    # Every module of the wheel imports outside the repository, and chapter 8's sweep comes with the package.
    names = zipfile.ZipFile(wheel).namelist()
    modules = sorted(n[:-3].replace("/", ".").removesuffix(".__init__") for n in names if n.endswith(".py"))
    assert "helpers.experiment" in modules and "helpers/sweeps/own_scaling_law_full.csv" in names
    code = (
        "import importlib, sys; [importlib.import_module(m) for m in sys.argv[1:]]\n"
        "from helpers import experiment; print(len(experiment.read_results()))"
    )
    result = subprocess.run(
        [str(python), "-c", code, *modules], cwd=tmp_path, env=_clean_env(), capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 0
