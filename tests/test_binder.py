"""Binder: repo2docker builds Python 3.11 and adds only binder/requirements.txt to its own base environment.

repo2docker installs our file with pip into its base environment, which its conda lock for Python 3.11 pins
(JupyterLab, Notebook, ipykernel, ipywidgets, nbformat, ...). These tests read that lock from the repo2docker
release they install, so they check what Binder would really do. They need pip's cache (or PyPI). To see the
Dockerfile and the resolved environment: ``.venv/bin/python -m pytest tests/test_binder.py -s``.
"""

import json
import re
import shutil
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
BINDER = ROOT / "binder"
REPO2DOCKER = "jupyter-repo2docker==2026.4.0"  # the release whose buildpacks these tests were checked against
LOCK = "repo2docker/buildpacks/conda/environment.py-3.11-linux-64.lock"
# What chapters and exercises import beyond the standard library, and where Binder gets it from.
FROM_OUR_FILE = {"numpy", "scipy", "matplotlib", "tqdm"}
FROM_THE_BASE = {"jupyterlab", "ipykernel", "ipywidgets", "nbformat"}
# conda-forge names that differ from the PyPI names of the same package.
CONDA_TO_PYPI = {"nbconvert-core": "nbconvert", "python-fastjsonschema": "fastjsonschema"}
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


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


@pytest.fixture(scope="module")
def repo2docker(tmp_path_factory):
    """A scratch venv with repo2docker: (its executable, the base environment's {package: version})."""
    folder = tmp_path_factory.mktemp("r2d")
    venv.create(folder, with_pip=True)
    subprocess.run(
        [folder / "bin" / "python", "-m", "pip", "install", "--quiet", REPO2DOCKER], check=True, timeout=300
    )
    lock = next((folder / "lib").glob(f"python3.*/site-packages/{LOCK}"))
    base = {}
    for url in re.findall(r"^https://\S+\.conda", lock.read_text(), flags=re.MULTILINE):
        name, version, _build = url.rsplit("/", 1)[1].removesuffix(".conda").rsplit("-", 2)
        base[_canonical(CONDA_TO_PYPI.get(name, name))] = version
    return folder / "bin" / "repo2docker", base


def test_binder_pins_python_311_and_only_what_the_base_lacks_at_the_versions_make_uses():
    assert (BINDER / "runtime.txt").read_text().strip() == "python-3.11"
    lean, others = _pins(BINDER / "requirements.txt")
    full, _ = _pins(ROOT / "requirements.txt")
    assert others == ["."], f"besides exact pins, the file must only install this package ('.'): {others}"
    assert (BINDER / "requirements.txt").read_text().rstrip().endswith("\n.")
    assert FROM_OUR_FILE <= set(lean), f"missing: {FROM_OUR_FILE - set(lean)}"
    assert not DEV_TOOLS & set(lean), f"build and test tools do not belong on Binder: {DEV_TOOLS & set(lean)}"
    different = {k: (v, full.get(k)) for k, v in lean.items() if full.get(k) != v}
    assert not different, f"binder/requirements.txt and requirements.txt pin different versions: {different}"


def test_the_base_environment_holds_jupyterlab_and_what_the_package_needs(repo2docker):
    _, base = repo2docker
    assert FROM_THE_BASE <= set(base), f"repo2docker's base lacks {FROM_THE_BASE - set(base)}"
    for spec in map(Requirement, _project()["dependencies"]):
        name = _canonical(spec.name)
        if name in base:  # the rest comes from binder/requirements.txt (the next test proves it resolves)
            assert spec.specifier.contains(base[name]), f"the base has {name} {base[name]}, we need {spec}"


def test_repo2docker_would_build_python_311_and_install_the_lean_file_from_the_repository_root(
    repo2docker, tmp_path
):
    executable, _ = repo2docker
    result = subprocess.run(
        [executable, "--no-build", "--debug", "--user-id", "1000", "--user-name", "jovyan", str(ROOT)],
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


def test_on_the_base_the_lean_file_adds_exactly_its_pins_and_the_package(repo2docker, tmp_path):
    """Resolve binder/requirements.txt on Python 3.11 with the base's versions as constraints: whatever pip
    would take beyond our pins must be in the base at the base's version, so Binder installs nothing else."""
    assert sys.version_info[:2] == (3, 11), (
        "run this with the project's Python 3.11 (make creates .venv with it)"
    )
    _, base = repo2docker
    src = (
        tmp_path / "repo"
    )  # a copy, so that building the package's metadata writes nothing into the worktree
    for name in ("binder", "helpers"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copyfile(ROOT / name, src / name)
    lean, _ = _pins(BINDER / "requirements.txt")
    constraints = tmp_path / "base.txt"
    constraints.write_text("".join(f"{k}=={v}\n" for k, v in base.items() if k not in lean and k != "python"))
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
            report,
            "-c",
            constraints,
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
    project = _project()
    assert resolved.pop(_canonical(project["name"])) == project["version"]
    added = {k: v for k, v in resolved.items() if base.get(k) != v}
    print(
        f"on repo2docker's base, Binder adds {len(added)} packages:",
        ", ".join(f"{k}=={v}" for k, v in sorted(added.items())),
    )
    assert added == lean, {
        k: (added.get(k), lean.get(k)) for k in set(added) | set(lean) if added.get(k) != lean.get(k)
    }
