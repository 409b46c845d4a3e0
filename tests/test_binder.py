"""Binder: repo2docker builds Python 3.11 with the lean, pinned binder/requirements.txt and this package.

The two slow tests need pip's cache (or PyPI). To see what repo2docker would build and what pip would install:
``.venv/bin/python -m pytest tests/test_binder.py -s`` prints the Dockerfile and the resolved environment.
"""

import json
import re
import shutil
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BINDER = ROOT / "binder"
REPO2DOCKER = "jupyter-repo2docker==2026.4.0"  # the version whose buildpacks these tests were checked against
NEEDED = {"numpy", "scipy", "matplotlib", "ipywidgets", "tqdm", "jupyterlab", "ipykernel", "nbformat"}
DEV_TOOLS = {
    "jupyter-book",
    "jupytext",
    "nbval",
    "pytest",
    "pytest-xdist",
    "hypothesis",
    "ruff",
    "playwright",
    "sphinx",
    "myst-nb",
    "sphinxcontrib-bibtex",
    "sphinx-exercise",
    "coverage",
}


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(path: Path) -> tuple[dict[str, str], list[str]]:
    lines = [ln.split("#", 1)[0].strip() for ln in path.read_text().splitlines()]
    lines = [ln for ln in lines if ln]
    pins = dict(ln.split("==") for ln in lines if "==" in ln)
    return {_canonical(k): v for k, v in pins.items()}, [ln for ln in lines if "==" not in ln]


def test_binder_pins_python_311_and_a_lean_environment_with_the_versions_make_uses():
    assert (BINDER / "runtime.txt").read_text().strip() == "python-3.11"
    lean, others = _pins(BINDER / "requirements.txt")
    full, _ = _pins(ROOT / "requirements.txt")
    assert others == ["."], f"besides exact pins, the file must only install this package ('.'): {others}"
    assert (BINDER / "requirements.txt").read_text().rstrip().endswith("\n.")
    assert NEEDED <= set(lean), f"missing: {NEEDED - set(lean)}"
    assert not DEV_TOOLS & set(lean), f"build and test tools do not belong on Binder: {DEV_TOOLS & set(lean)}"
    different = {k: (v, full.get(k)) for k, v in lean.items() if full.get(k) != v}
    assert not different, f"binder/requirements.txt and requirements.txt pin different versions: {different}"


def _scratch_venv(path: Path) -> Path:
    venv.create(path, with_pip=True)
    return path / "bin" / "python"


def test_repo2docker_would_build_python_311_and_install_the_lean_file_from_the_repository_root(tmp_path):
    python = _scratch_venv(tmp_path / "r2d")
    subprocess.run([python, "-m", "pip", "install", "--quiet", REPO2DOCKER], check=True, timeout=300)
    result = subprocess.run(
        [
            tmp_path / "r2d" / "bin" / "repo2docker",
            "--no-build",
            "--debug",
            "--user-id",
            "1000",
            "--user-name",
            "jovyan",
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    dockerfile = result.stdout
    print(dockerfile)
    assert "python=3.11" in result.stderr + result.stdout, "repo2docker did not pick Python 3.11"
    workdir = dockerfile.index("WORKDIR ${REPO_DIR}")
    copy_repo = dockerfile.index("COPY --chown=1000:1000 src/ ${REPO_DIR}/")
    install = dockerfile.index(
        'RUN ${KERNEL_PYTHON_PREFIX}/bin/pip install --no-cache-dir -r "binder/requirements.txt"'
    )
    # pip runs in ${REPO_DIR} after the whole repository is copied there, so the line "." is this package.
    assert workdir < copy_repo < install, dockerfile
    # With a binder/ folder, repo2docker ignores the root requirements.txt and does not `pip install .` itself.
    assert "pip install --no-cache-dir ." not in dockerfile
    assert len(re.findall(r"requirements\.txt", dockerfile)) == len(
        re.findall(r"binder/requirements\.txt", dockerfile)
    )


def test_the_lean_file_resolves_on_python_311_to_exactly_its_pins(tmp_path):
    assert sys.version_info[:2] == (3, 11), (
        "run this with the project's Python 3.11 (make creates .venv with it)"
    )
    src = (
        tmp_path / "repo"
    )  # a copy, so that building the package's metadata writes nothing into the worktree
    for name in ("binder", "helpers"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copyfile(ROOT / name, src / name)
    report = tmp_path / "report.json"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--dry-run",
            "--ignore-installed",
            "--quiet",
            "--report",
            str(report),
            "-r",
            "binder/requirements.txt",
        ],
        cwd=src,
        check=True,
        timeout=600,
    )
    resolved = {
        _canonical(i["metadata"]["name"]): i["metadata"]["version"]
        for i in json.loads(report.read_text())["install"]
    }
    print(
        f"pip would install {len(resolved)} packages on Python 3.11:",
        ", ".join(f"{k}=={v}" for k, v in sorted(resolved.items())),
    )
    lean, _ = _pins(BINDER / "requirements.txt")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert resolved.pop(project["name"]) == project["version"]
    assert resolved == lean, {
        k: (resolved.get(k), lean.get(k)) for k in set(resolved) | set(lean) if resolved.get(k) != lean.get(k)
    }
