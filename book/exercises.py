# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Exercises
#
# Each chapter has an exercise notebook in `exercises/`. Every task asks for a function. After writing it,
# run the `check("N.k", function)` cell under it: you get a pass or fail line, points, what went wrong
# and a hint, in a second or so. When the notebook is done, grade all of it from a terminal:
#
# ```
# python -m helpers.grade exercises/01_power_laws.ipynb
# ```
#
# The grader copies your notebook, runs it in a separate process with a time limit, and prints a table
# of points per task. Your file is never modified. Instructors grade a whole class the same way, passing a
# folder of submissions: `python -m helpers.grade submissions/ --set 01_power_laws --out gradebook.csv`.
#
# The table below is generated from the checks themselves, so it always lists the tasks that are graded.

# %% tags=["remove-input"]
from pathlib import Path

import yaml
from IPython.display import Markdown

from helpers.grading import SETS, load_set

repository = yaml.safe_load(Path("../_config.yml").read_text())["repository"]
github = f"{repository['url']}/blob/{repository['branch']}"
colab = github.replace("https://github.com/",
                       "https://colab.research.google.com/github/")

rows = ["| set | task | function | points | checks |", "|---|---|---|---|---|"]
for name in SETS:
    exercise_set = load_set(name)
    notebook = f"exercises/{name}.ipynb"
    links = (f"{exercise_set.title} ([GitHub]({github}/{notebook}), "
             f"[Colab]({colab}/{notebook}))")
    for task in exercise_set.tasks:
        rows.append(f"| {links} | {task.id} {task.title} | `{task.function}` "
                    f"| {task.points:g} | {len(task.cases)} |")
        links = ""
Markdown("\n".join(rows))
