# ---
# jupyter:
#   exercise_set: 05_emergence_mirage
#   jupytext:
#     formats: ipynb,py:percent
#     notebook_metadata_filter: exercise_set
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
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
# # Exercises 5: Emergence or mirage?
#
# Five graded tasks that rebuild the tools of Chapter 5: the two rulers, undoing the sharp one, an interval
# for an accuracy measured on few items, the apparent threshold of a curve, and the Brier score. For each
# task, write the body of the function where it says `raise NotImplementedError(...)`, run the cell, then
# run the `check(...)` cell under it: it prints which checks pass, what went wrong and a hint.
#
# | task | function | points |
# |---|---|---|
# | 5.1 | `metrics_from_loss(loss, length)` | 2 |
# | 5.2 | `per_token_loss_from_exact_match(accuracy, length)` | 2 |
# | 5.3 | `wilson_interval(successes, trials)` | 3 |
# | 5.4 | `apparent_threshold(n, score, threshold)` | 3 |
# | 5.5 | `brier_score(probs, correct)` | 2 |
#
# When you are done, grade the whole notebook from a terminal (it runs your code in a fresh process and does
# not modify your file):
#
# ```
# python -m helpers.grade exercises/05_emergence_mirage.ipynb
# ```
#
# Write your own code: `numpy` is all you need.

# %%
import numpy as np

from helpers.grading import check

# %% [markdown]
# ## Task 5.1: Two rulers from one loss
#
# Schaeffer et al. (2023, section 2) turn a per-token cross-entropy $L$ (nats/token) into the probability
# of a correct token, $p = e^{-L}$. On answers of $\ell$ tokens, exact match is about $p^{\ell}$ and the
# expected token edit distance about $\ell\,(1 - p)$. Write `metrics_from_loss(loss, length)` that returns
# the tuple `(exact_match, edit_distance)`
#
# - for a single loss **and** for a numpy array of losses, and
# - raises `ValueError` when a loss is negative (a cross-entropy never is) or when `length` is not a whole
#   number of at least 1.

# %%
def metrics_from_loss(loss, length):
    """(p ** length, length * (1 - p)) with p = exp(-loss);
    loss in nats/token, length in tokens."""
    raise NotImplementedError("Task 5.1 (metrics_from_loss): write your code here")


# %%
check("5.1", metrics_from_loss)

# %% [markdown]
# ## Task 5.2: Make an "emergent" curve smooth again
#
# Exact match is a sharp ruler, but when it is measured (not 0), it can be undone: since exact match
# $= p^{\ell} = e^{-\ell L}$, the per-token loss is $L = -\ln(\text{exact match}) / \ell$, which falls on a
# straight line on log-log axes when the loss follows a power law. Write
# `per_token_loss_from_exact_match(accuracy, length)` that returns $L$ for a number or an array, and raises
# `ValueError` when an accuracy is 0 or less (nothing to invert: the benchmark did not resolve it) or above 1.

# %%
def per_token_loss_from_exact_match(accuracy, length):
    """Per-token loss -ln(accuracy) / length in nats/token,
    for exact-match accuracies in (0, 1]."""
    raise NotImplementedError(
        "Task 5.2 (per_token_loss_from_exact_match): write your code here"
    )


# %%
check("5.2", per_token_loss_from_exact_match)

# %% [markdown]
# ## Task 5.3: An interval for a small-sample accuracy
#
# A model scores $k$ out of $n$ items. The 95% Wilson score interval (Wilson 1927) for its true accuracy,
# with $\hat p = k/n$ and $z = 1.959964$, is
#
# $$\frac{\hat p + \frac{z^{2}}{2n}}{1 + \frac{z^{2}}{n}} \pm \frac{z}{1 + \frac{z^{2}}{n}}
# \sqrt{\frac{\hat p (1 - \hat p)}{n} + \frac{z^{2}}{4n^{2}}}.$$
#
# Write `wilson_interval(successes, trials)` returning the tuple `(low, high)`. Raise `ValueError` when
# `successes` exceeds `trials`. Try `wilson_interval(0, 100)`: a score of 0/100 is not 0%.

# %%
def wilson_interval(successes, trials):
    """95% Wilson score interval (low, high) for the fraction successes / trials."""
    raise NotImplementedError("Task 5.3 (wilson_interval): write your code here")


# %%
check("5.3", wilson_interval)

# %% [markdown]
# ## Task 5.4: Where does the ability "appear"?
#
# Given models of increasing size `n` (parameters) and a score at each, the apparent emergent scale is
# where the score first reaches a `threshold`. Write `apparent_threshold(n, score, threshold)`:
#
# - find the first point with `score >= threshold`;
# - if it is the first point, return `n[0]`; if there is none, return `float("nan")`;
# - otherwise interpolate linearly in $\log_{10} n$ between that point and the one before it, and return
#   the scale (not its logarithm) as a float.

# %%
def apparent_threshold(n, score, threshold):
    """Smallest scale at which score reaches threshold,
    interpolated linearly in log10(n); NaN if never."""
    raise NotImplementedError("Task 5.4 (apparent_threshold): write your code here")


# %%
check("5.4", apparent_threshold)

# %% [markdown]
# ## Task 5.5: Brier score
#
# A model gives probabilities `probs[j, i]` to option `i` of question `j` (each row sums to 1), and
# `correct[j]` is the index of the right option. The Brier score of question $j$ is
# $\sum_i (q_{ji} - [i = \text{correct}_j])^2$: 0 for all the probability on the right option, 2 for all of
# it on one wrong option. Write `brier_score(probs, correct)` returning one score per question.

# %%
def brier_score(probs, correct):
    """Brier score of each question (rows of probs),
    against the one-hot vector of its right option."""
    raise NotImplementedError("Task 5.5 (brier_score): write your code here")


# %%
check("5.5", brier_score)

# %% [markdown]
# ## Putting it together
#
# A family of models has per-token loss $L(N) = (N / 10^{9})^{-0.5}$ on 5-token answers. Where does exact
# match "appear" at 50%, and does undoing it give back the loss? The cell runs once your functions work.

# %%
try:
    sizes = np.geomspace(1e7, 1e13, 13)
    exact, edit = metrics_from_loss((sizes / 1e9) ** -0.5, 5)
    print("exact match reaches 50% at about "
          f"{apparent_threshold(sizes, exact, 0.5):.2e} parameters")
    resolved = exact > 1e-12
    recovered = per_token_loss_from_exact_match(exact[resolved], 5)
    print(f"recovered loss at 1e13: {recovered[-1]:.4f} nats/token (true "
          f"{(1e13 / 1e9) ** -0.5:.4f})")
    print(f"0/100 correct: the 95% interval is {wilson_interval(0, 100)[0]:.3f} to "
          f"{wilson_interval(0, 100)[1]:.3f}")
except NotImplementedError as exc:
    print(f"Finish the task first: {exc}")
