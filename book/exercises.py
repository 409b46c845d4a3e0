# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% tags=["remove-cell"]
# Setup for Colab and bare Jupyter: install the book's `helpers` package if missing.
import importlib.util
import os
import subprocess
import sys

spec = importlib.util.find_spec("helpers")
folders = (spec.submodule_search_locations or []) if spec else []
if not any(os.path.isfile(os.path.join(f, "scaling.py")) for f in folders):  # not ours
    source = "git+https://github.com/scaling-laws-executed/scaling-laws-executed@main"
    source = os.environ.get("HELPERS_PIP_SOURCE") or source
    pip = [sys.executable, "-m", "pip", "install", "--quiet", source]
    subprocess.run(pip, check=True)
    importlib.invalidate_caches()

# %% [markdown]
# # Exercises
#
# Each chapter has an exercise notebook in `exercises/`. Every task asks for a function. After writing it,
# run the `check("N.k", function)` cell under it: you get a pass or fail line, points, what went wrong
# and a hint, in a second or so. Open a set from its row below: in JupyterLab on Binder, in Colab, or on
# your institution's JupyterHub when the book is set up for one. Each notebook installs the book's
# `helpers` package itself where it is missing, so it also runs alone in any Jupyter that reaches PyPI
# and GitHub. In a clone of the repository, run `make lab` and open `exercises/NN_topic.ipynb`. When a
# notebook is done, grade all of it from a terminal:
#
# ```
# python -m helpers.grade exercises/01_power_laws.ipynb
# ```
#
# The grader copies your notebook, runs it in a separate process with a time limit, and prints a table
# of points per task. Your file is never modified. Instructors grade a whole class the same way, passing a
# folder of submissions: `python -m helpers.grade submissions/ --set 01_power_laws --out gradebook.csv`.
#
# The table is generated from the checks themselves, so it always lists the tasks that are graded, each with
# its points in brackets.

# %% tags=["remove-input"]
from pathlib import Path

import yaml
from IPython.display import HTML

from helpers import launch

# The launch links derive from `repository` in _config.yml; a notebook opened alone
# shows the table without them.
config = Path("../_config.yml")
repository = None
if config.exists():
    repository = launch.Repository.from_config(yaml.safe_load(config.read_text()))
HTML(launch.exercise_table(repository))
