"""Pairing, stripped outputs, setup cells and generated exercises: read-only checks with the fixing command."""

import json
import os
import shutil
import site
import subprocess
import sys
import sysconfig
from pathlib import Path

import nbformat
import pytest

from tools import notebooks

ROOT = Path(__file__).resolve().parent.parent


def test_the_repository_is_paired_stripped_and_up_to_date():
    found = notebooks.problems(ROOT)
    assert not found, "\n".join(found)


def test_every_notebook_has_a_twin_and_the_book_lists_every_chapter():
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = {c["file"] for part in toc["parts"] for c in part["chapters"]}
    for ipynb in (ROOT / "book").glob("*.ipynb"):
        assert f"book/{ipynb.stem}" in files, f"{ipynb.name} is not in _toc.yml"
    for name in files:
        assert (ROOT / f"{name}.ipynb").exists() or (ROOT / f"{name}.md").exists(), name


@pytest.fixture
def copy_of_repo(tmp_path):
    for folder in notebooks.PAIRED_DIRS:
        shutil.copytree(ROOT / folder, tmp_path / folder)
    shutil.copyfile(ROOT / "_config.yml", tmp_path / "_config.yml")
    return tmp_path


def _snapshot(root: Path) -> dict:
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_a_py_edit_not_synced_is_caught_with_the_fix_and_nothing_is_written(copy_of_repo):
    py = copy_of_repo / "solutions" / "01_power_laws.py"
    py.write_text(py.read_text() + "\n# %%\nprint('new cell')\n")
    before = _snapshot(copy_of_repo)
    found = notebooks.problems(copy_of_repo)
    assert any("01_power_laws.py and 01_power_laws.ipynb disagree: run `make sync`" in f for f in found), (
        found
    )
    assert _snapshot(copy_of_repo) == before  # the check is read-only
    notebooks.sync(copy_of_repo)
    notebooks.exercises(copy_of_repo)
    assert notebooks.problems(copy_of_repo) == []


def test_stored_outputs_are_caught(copy_of_repo):
    path = copy_of_repo / "solutions" / "01_power_laws.ipynb"
    nb = nbformat.read(path, as_version=4)
    code = next(c for c in nb.cells if c.cell_type == "code")
    code.outputs = [nbformat.v4.new_output("stream", text="hello")]
    code.execution_count = 1
    nbformat.write(nb, path)
    found = notebooks.problems(copy_of_repo)
    assert any("stores outputs" in f and "make sync" in f for f in found), found


def test_hand_edited_exercises_are_caught(copy_of_repo):
    py = copy_of_repo / "exercises" / "01_power_laws.py"
    py.write_text(py.read_text().replace("write your code here", "answer: 42", 1))
    found = notebooks.problems(copy_of_repo)
    assert any("out of date" in f and "make exercises" in f for f in found), found


def test_exercise_generation_replaces_solution_blocks_with_named_stubs():
    nb = nbformat.v4.new_notebook(metadata={"exercise_set": "01_power_laws"})
    nb.cells = [
        nbformat.v4.new_code_cell(
            "def fit_log_log(x, y):\n    '''doc'''\n    ### BEGIN SOLUTION\n    return 1, 2\n    ### END SOLUTION\n"
        ),
        nbformat.v4.new_markdown_cell("Why?\n<!-- BEGIN SOLUTION -->\nBecause.\n<!-- END SOLUTION -->"),
    ]
    ex = notebooks.make_exercise(nb)
    code = ex.cells[0].source
    assert "return 1, 2" not in code and "BEGIN SOLUTION" not in code
    assert '    raise NotImplementedError("Task 1.2 (fit_log_log): write your code here")' in code
    assert "Because." not in ex.cells[1].source and notebooks.TEXT_STUB in ex.cells[1].source
    assert nb.cells[0].source.count("return 1, 2") == 1  # the solution itself is untouched


def test_a_stub_too_long_for_the_column_is_wrapped_and_still_compiles():
    body = "        ### BEGIN SOLUTION\n        return 1\n        ### END SOLUTION\n"
    name = "compute_optimal_tokens_per_parameter"
    source = f"class Deep:\n    def {name}(self):\n" + body
    code = notebooks._stub_code(source, {name: "2.3"}, "test")
    assert len(code.splitlines()) == 5, code  # wrapped: on one line it would take 101 characters
    assert max(len(line) for line in code.splitlines()) <= notebooks.NOTEBOOK_LINE_LENGTH
    assert f'"Task 2.3 ({name}): write your code here"' in code
    compile(code, "stub", "exec")


@pytest.mark.parametrize(
    "source, words",
    [
        ("### BEGIN SOLUTION\nx = 1\n### END SOLUTION\n", "inside the function of a graded task"),
        ("def helper():\n    ### BEGIN SOLUTION\n    pass\n    ### END SOLUTION\n", "found it in helper"),
        ("def fit_log_log(x, y):\n    ### BEGIN SOLUTION\n    pass\n", "without a matching"),
    ],
)
def test_exercise_generation_rejects_malformed_solutions(source, words):
    nb = nbformat.v4.new_notebook(metadata={"exercise_set": "01_power_laws"})
    nb.cells = [nbformat.v4.new_code_cell(source)]
    with pytest.raises(ValueError, match=words):
        notebooks.make_exercise(nb)


def test_sync_is_idempotent(copy_of_repo):
    assert notebooks.sync(copy_of_repo) == []
    assert notebooks.exercises(copy_of_repo) == []


# ---------------------------------------------------------------------------------------------- setup cell


def _imports_helpers(nb) -> bool:
    return any(
        c.cell_type == "code" and ("from helpers" in c.source or "import helpers" in c.source) for c in nb.cells[1:]
    )


def test_every_notebook_that_imports_helpers_starts_with_the_hidden_setup_cell():
    url = notebooks.repository(ROOT).url
    checked = []
    for folder in notebooks.PAIRED_DIRS:
        for path in sorted((ROOT / folder).glob("*.ipynb")):
            nb = nbformat.read(path, as_version=4)
            if not _imports_helpers(nb):
                continue
            first = nb.cells[0]
            assert first.cell_type == "code" and first.metadata.get("tags") == ["remove-cell"], path
            lines = first.source.splitlines()
            assert lines[0].startswith("# Setup for Colab") and "helpers" in lines[0], path
            assert f'"git+{url}@main"' in first.source and "HELPERS_PIP_SOURCE" in first.source, path
            checked.append(path.relative_to(ROOT).as_posix())
    assert {"book/01_power_laws.ipynb", "solutions/01_power_laws.ipynb", "exercises/08_your_own_scaling_law.ipynb"} <= set(checked)


def test_a_missing_or_stale_setup_cell_is_caught_and_sync_fixes_it(copy_of_repo):
    py = copy_of_repo / "solutions" / "02_chinchilla.py"
    text = py.read_text()
    py.write_text(text.replace(notebooks.SETUP_COMMENT, "# Setup for Colab, an older wording"))
    chapter = copy_of_repo / "book" / "01_power_laws.py"
    cells = chapter.read_text().split("\n# %%")
    chapter.write_text("\n# %%".join(cells[:1] + cells[2:]))  # drop the setup cell
    found = notebooks.problems(copy_of_repo)
    assert any("solutions/02_chinchilla.py: its setup cell" in f and "stale: run `make sync`" in f for f in found)
    assert any("book/01_power_laws.py: its setup cell" in f and "missing: run `make sync`" in f for f in found)

    config = copy_of_repo / "_config.yml"
    config.write_text(config.read_text().replace("scaling-laws-executed/scaling-laws-executed", "uni-x/slx"))
    found = notebooks.problems(copy_of_repo)
    assert any("book/02_chinchilla.py: its setup cell" in f and "stale" in f for f in found), found
    notebooks.sync(copy_of_repo)
    notebooks.exercises(copy_of_repo)
    assert notebooks.problems(copy_of_repo) == []
    for path in ("book/01_power_laws.py", "solutions/02_chinchilla.py", "exercises/02_chinchilla.ipynb"):
        text = (copy_of_repo / path).read_text()
        assert text.count("git+https://github.com/uni-x/slx@main") == 1, path
        assert text.count("Setup for Colab") == 1, path


def _run_setup_cell(cwd: Path, *python_args: str, prelude: str = "") -> subprocess.CompletedProcess:
    """Run the setup cell's code as a notebook would, with a pip source that fails if pip is ever called."""
    source = prelude + notebooks.setup_cell(notebooks.repository(ROOT))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["HELPERS_PIP_SOURCE"] = str(cwd / "no-such-package.whl")
    return subprocess.run(
        [sys.executable, *python_args, "-c", source], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def test_the_setup_cell_does_nothing_where_the_package_is_installed(tmp_path):
    result = _run_setup_cell(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "no-such-package" not in result.stderr


def test_the_setup_cell_does_nothing_in_the_grader(tmp_path):
    # As helpers.grade starts a learner's notebook: python -I -S, its own copy of helpers first on the path.
    shutil.copytree(ROOT / "helpers", tmp_path / "lib" / "helpers", ignore=shutil.ignore_patterns("__pycache__"))
    paths = [str(tmp_path / "lib"), *site.getsitepackages(), sysconfig.get_paths()["purelib"]]
    result = _run_setup_cell(tmp_path, "-I", "-S", prelude=f"import sys; sys.path[:0] = {json.dumps(paths)}\n")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("unrelated", ["helpers.py", "helpers/__init__.py"])
def test_the_setup_cell_installs_where_helpers_is_an_unrelated_module(tmp_path, unrelated):
    (tmp_path / unrelated).parent.mkdir(exist_ok=True)
    (tmp_path / unrelated).write_text("print('some other helpers')\n")
    result = _run_setup_cell(tmp_path)
    assert result.returncode != 0  # it called pip, with the source that cannot be installed
    assert "no-such-package.whl" in result.stderr and "CalledProcessError" in result.stderr, result.stderr
