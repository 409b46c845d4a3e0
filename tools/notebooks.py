"""Maintainer tools for the paired notebooks: ``python -m tools.notebooks sync | exercises | check``.

- ``sync``: give each ``book/*.py`` and ``solutions/*.py`` (py:percent, the reviewed source) that imports
  ``helpers`` the current setup cell (see ``setup_cell``), then write it to its ``.ipynb`` twin with no
  outputs. One direction only, so a stale ``.ipynb`` can never overwrite newer work.
- ``exercises``: generate ``exercises/NN_topic.{py,ipynb}`` from ``solutions/NN_topic.py`` (with its setup
  cell) by replacing each ``### BEGIN SOLUTION`` ... ``### END SOLUTION`` block with a stub that raises
  ``NotImplementedError`` naming the task (and ``<!-- BEGIN SOLUTION -->`` ... ``<!-- END SOLUTION -->`` in
  markdown with a prompt).
- ``check``: read-only; list every pair that disagrees, every ``.ipynb`` with outputs, every missing or stale
  setup cell and every stale exercise, each with the command that fixes it. Exit status 1 when there is any.

These tools need jupytext, a development tool, so they live outside the ``helpers`` package (and its wheel).
"""

from __future__ import annotations

import copy
import hashlib
import re
import sys
from pathlib import Path

import jupytext
import nbformat
import yaml

from helpers.launch import Repository

ROOT = Path(__file__).resolve().parent.parent
PAIRED_DIRS = ("book", "solutions", "exercises")
SOURCE_DIRS = ("book", "solutions")  # exercises/ is generated, never synced by hand
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}

BEGIN_CODE, END_CODE = "### BEGIN SOLUTION", "### END SOLUTION"
BEGIN_TEXT, END_TEXT = "<!-- BEGIN SOLUTION -->", "<!-- END SOLUTION -->"
NOTEBOOK_LINE_LENGTH = 88  # as `make lint` checks the code cells of notebooks
TEXT_STUB = "*Write your answer here.*"

# ---------------------------------------------------------------------------------------------- setup cell

SETUP_COMMENT = "# Setup for Colab and bare Jupyter: install the book's `helpers` package if missing."
SETUP_PREFIX = "# Setup for Colab"  # how sync recognises an older setup cell to replace
SETUP_HEADER = '# %% tags=["remove-cell"]'
_IMPORTS_HELPERS = re.compile(r"^\s*(from\s+helpers[\s.]|import\s+helpers\b)", re.M)


def repository(root: Path = ROOT) -> Repository:
    """The repository ``_config.yml`` names: every launch link and install source derives from it."""
    return Repository.from_config(yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")))


def setup_cell(repo: Repository) -> str:
    """The first cell of every notebook that imports ``helpers``.

    Where this package is not importable (Colab, a bare Jupyter, a JupyterHub), it installs it from
    ``$HELPERS_PIP_SOURCE`` or else from the repository's branch. "Importable" means a ``helpers`` package
    with ``scaling.py`` in it, so an unrelated module called ``helpers`` does not count. In a clone of the
    repository, on Binder, in CI and in the grader (which puts its own copy of the package first on the path)
    it does nothing. Learners see it in JupyterLab and Colab: keep it short. Hidden on the website.
    """
    return "\n".join(
        [
            SETUP_COMMENT,
            "import importlib.util",
            "import os",
            "import subprocess",
            "import sys",
            "",
            'spec = importlib.util.find_spec("helpers")',
            "folders = (spec.submodule_search_locations or []) if spec else []",
            'if not any(os.path.isfile(os.path.join(f, "scaling.py")) for f in folders):  # not ours',
            f'    source = "{repo.pip_source}"',
            '    source = os.environ.get("HELPERS_PIP_SOURCE") or source',
            '    pip = [sys.executable, "-m", "pip", "install", "--quiet", source]',
            "    subprocess.run(pip, check=True)",
            "    importlib.invalidate_caches()",
        ]
    )


def _has_setup_cell(text: str) -> bool:
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.startswith("# %%")), len(lines))
    return first + 1 < len(lines) and lines[first + 1].startswith(SETUP_PREFIX)


def with_setup_cell(text: str, repo: Repository) -> str:
    """A py:percent notebook's text with the current setup cell first if it imports ``helpers``, else none."""
    lines = text.splitlines(keepends=True)
    markers = [i for i, line in enumerate(lines) if line.startswith("# %%")]
    if not markers:
        return text
    first = markers[0]
    if _has_setup_cell(text):
        end = next((i for i in markers if i > first), len(lines))
        del lines[first:end]
    if _IMPORTS_HELPERS.search("".join(lines[first:])):
        lines.insert(first, f"{SETUP_HEADER}\n{setup_cell(repo)}\n\n")
    return "".join(lines)


def _cells(nb) -> list[tuple[str, str]]:
    return [(c.cell_type, c.source.strip()) for c in nb.cells]


def read_py(path: Path, text: str | None = None) -> nbformat.NotebookNode:
    """The notebook a py:percent file describes (or ``text``, given as its content), with the book's
    kernelspec and pairing metadata."""
    nb = jupytext.reads(path.read_text(encoding="utf-8") if text is None else text, fmt="py:percent")
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata.setdefault("jupytext", {})["formats"] = "ipynb,py:percent"
    for key in ("text_representation",):
        nb.metadata["jupytext"].pop(key, None)
    return nb


def _normalise(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """No outputs, no execution counts, ids derived from content (so re-syncing changes nothing, and inserting
    a cell changes no other cell's id)."""
    nb = copy.deepcopy(nb)
    nb.nbformat, nb.nbformat_minor = 4, 5
    seen: dict[tuple[str, str], int] = {}
    for cell in nb.cells:
        repeat = seen[(cell.cell_type, cell.source)] = seen.get((cell.cell_type, cell.source), -1) + 1
        cell.id = hashlib.sha1(f"{repeat}:{cell.cell_type}:{cell.source}".encode()).hexdigest()[:12]
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        cell.metadata = {k: v for k, v in cell.metadata.items() if k in ("tags", "mystnb")}
    return nb


def write_ipynb(nb: nbformat.NotebookNode, path: Path) -> bool:
    """Write ``nb`` to ``path`` without outputs; return True if the file changed."""
    text = nbformat.writes(_normalise(nb)) + "\n"
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def sync(root: Path = ROOT) -> list[Path]:
    """Give every .py in book/ and solutions/ its setup cell and write it to its .ipynb twin; return the files
    that changed."""
    changed, repo = [], repository(root)
    for folder in SOURCE_DIRS:
        for py in sorted((root / folder).glob("*.py")):
            text = py.read_text(encoding="utf-8")
            if with_setup_cell(text, repo) != text:
                py.write_text(with_setup_cell(text, repo), encoding="utf-8")
                changed.append(py)
            if write_ipynb(read_py(py), py.with_suffix(".ipynb")):
                changed.append(py.with_suffix(".ipynb"))
    return changed


# ---------------------------------------------------------------------------------------------- exercises


def _task_for_function(exercise_set: str) -> dict[str, str]:
    from helpers.grading import load_set

    return {t.function: t.id for t in load_set(exercise_set).tasks}


def _stub_code(source: str, tasks: dict[str, str], where: str) -> str:
    lines, out, i = source.split("\n"), [], 0
    while i < len(lines):
        line = lines[i]
        if line.strip() != BEGIN_CODE:
            out.append(line)
            i += 1
            continue
        indent = line[: len(line) - len(line.lstrip())]
        try:
            end = next(j for j in range(i + 1, len(lines)) if lines[j].strip() == END_CODE)
        except StopIteration:
            raise ValueError(f"{where}: '{BEGIN_CODE}' without a matching '{END_CODE}'") from None
        function = None
        for prev in reversed(out):
            m = re.match(r"^(\s*)def\s+(\w+)\s*\(", prev)
            if m and len(m.group(1)) < len(indent):
                function = m.group(2)
                break
        if function not in tasks:
            raise ValueError(
                f"{where}: a solution block must sit inside the function of a graded task "
                f"(one of {sorted(tasks)}); found it in {function or 'top-level code'}"
            )
        message = f'"Task {tasks[function]} ({function}): write your code here"'
        stub = f"{indent}raise NotImplementedError({message})"
        if len(stub) > NOTEBOOK_LINE_LENGTH:  # the learner's notebook fits the book's column too
            stub = f"{indent}raise NotImplementedError(\n{indent}    {message}\n{indent})"
        out.append(stub)
        i = end + 1
    return "\n".join(out)


def _stub_text(source: str) -> str:
    pattern = re.compile(re.escape(BEGIN_TEXT) + r".*?" + re.escape(END_TEXT), re.DOTALL)
    return pattern.sub(TEXT_STUB, source)


def make_exercise(solution: nbformat.NotebookNode, where: str = "solution") -> nbformat.NotebookNode:
    """The learner's version of a solution notebook: every solution block replaced by a stub."""
    exercise_set = solution.metadata.get("exercise_set")
    if not exercise_set:
        raise ValueError(f"{where}: the notebook metadata needs 'exercise_set' (e.g. '01_power_laws')")
    tasks = _task_for_function(exercise_set)
    nb = copy.deepcopy(solution)
    for n, cell in enumerate(nb.cells, start=1):
        if cell.cell_type == "code":
            cell.source = _stub_code(cell.source, tasks, f"{where}, cell {n}")
        elif cell.cell_type == "markdown":
            cell.source = _stub_text(cell.source)
    return nb


def _expected_exercise(py: Path, root: Path, repo: Repository) -> nbformat.NotebookNode:
    """The exercise generated from solution ``py`` with its current setup cell (even if ``py`` lacks it)."""
    solution = read_py(py, with_setup_cell(py.read_text(encoding="utf-8"), repo))
    return make_exercise(solution, str(py.relative_to(root)))


def exercises(root: Path = ROOT) -> list[Path]:
    """Regenerate exercises/ from solutions/; return the files that changed."""
    changed, repo = [], repository(root)
    (root / "exercises").mkdir(exist_ok=True)
    for py in sorted((root / "solutions").glob("*.py")):
        nb = _expected_exercise(py, root, repo)
        target = root / "exercises" / py.name
        text = jupytext.writes(nb, fmt="py:percent")
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            changed.append(target)
        if write_ipynb(nb, target.with_suffix(".ipynb")):
            changed.append(target.with_suffix(".ipynb"))
    return changed


# ---------------------------------------------------------------------------------------------- check


def problems(root: Path = ROOT) -> list[str]:
    """Every way the notebooks on disk disagree with their sources, each with the command that fixes it."""
    found, repo = [], repository(root)
    for folder in SOURCE_DIRS:
        for py in sorted((root / folder).glob("*.py")):
            text = py.read_text(encoding="utf-8")
            if with_setup_cell(text, repo) != text:
                state = "stale" if _has_setup_cell(text) else "missing"
                found.append(
                    f"{py.relative_to(root)}: its setup cell (the first cell, which installs `helpers` on "
                    f"Colab) is {state}: run `make sync`"
                )
    for folder in PAIRED_DIRS:
        fix = "make exercises" if folder == "exercises" else "make sync"
        for ipynb in sorted((root / folder).glob("*.ipynb")):
            rel = ipynb.relative_to(root)
            if not ipynb.with_suffix(".py").exists():
                found.append(
                    f"{rel} has no .py twin: run `jupytext --to py:percent {rel}` once, then `{fix}`"
                )
            nb = nbformat.read(ipynb, as_version=4)
            if any(
                c.cell_type == "code" and (c.get("outputs") or c.get("execution_count")) for c in nb.cells
            ):
                found.append(f"{rel} stores outputs or execution counts: run `{fix}` to strip them")
        for py in sorted((root / folder).glob("*.py")):
            rel, ipynb = py.relative_to(root), py.with_suffix(".ipynb")
            if not ipynb.exists():
                found.append(f"{rel} has no .ipynb twin: run `{fix}`")
                continue
            if _cells(read_py(py)) != _cells(nbformat.read(ipynb, as_version=4)):
                found.append(
                    f"{rel} and {ipynb.name} disagree: run `{fix}` (it converts .py -> .ipynb; if you edited the "
                    f".ipynb, first run `jupytext --to py:percent {ipynb.relative_to(root)}`)"
                )
    for py in sorted((root / "solutions").glob("*.py")):
        target = root / "exercises" / py.name
        expected = _cells(_expected_exercise(py, root, repo))
        if not target.exists() or _cells(read_py(target)) != expected:
            found.append(f"exercises/{py.name} is out of date with solutions/{py.name}: run `make exercises`")
    return found


def main(argv: list[str]) -> int:
    commands = {"sync": sync, "exercises": exercises}
    if len(argv) != 1 or argv[0] not in (*commands, "check"):
        print("usage: python -m tools.notebooks sync | exercises | check", file=sys.stderr)
        return 2
    if argv[0] == "check":
        found = problems()
        print("\n".join(found) if found else "all notebooks are paired, stripped and up to date")
        return 1 if found else 0
    changed = commands[argv[0]]()
    print("\n".join(f"wrote {p.relative_to(ROOT)}" for p in changed) or "nothing to do: already up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
