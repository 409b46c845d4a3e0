"""Pairing, stripped outputs and generated exercises: read-only checks with the fixing command in the message."""

import shutil
from pathlib import Path

import nbformat
import pytest

from helpers import notebooks

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
