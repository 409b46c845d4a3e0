# ---
# jupyter:
#   exercise_set: 01_power_laws
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
# # Exercises 1: Power laws
#
# Four graded tasks that rebuild the tools of Chapter 1 from scratch. For each task, write the body of the
# function where it says `raise NotImplementedError(...)`, run the cell, then run the `check(...)` cell under
# it: it prints which checks pass, what went wrong and a hint.
#
# | task | function | points |
# |---|---|---|
# | 1.1 | `loss_from_params(n, n_c, alpha_n)` | 2 |
# | 1.2 | `fit_log_log(x, y)` | 3 |
# | 1.3 | `extrapolate_with_floor(x, y, floor, x_new)` | 3 |
# | 1.4 | `compute_multiplier(loss_now, loss_target, alpha, floor=0.0)` | 2 |
#
# When you are done, grade the whole notebook from a terminal (it runs your code in a fresh process and does
# not modify your file):
#
# ```
# python -m helpers.grade exercises/01_power_laws.ipynb
# ```
#
# Write your own code: the point is to see why each step works. `numpy` is all you need.

# %%
import numpy as np

from helpers.grading import check

# %% [markdown]
# ## Task 1.1: Kaplan's L(N) as a vectorised function
#
# Kaplan et al. (2020) found that the test loss of a language model trained to convergence falls with its
# number of non-embedding parameters $N$ as
#
# $$L(N) = \left(\frac{N_c}{N}\right)^{\alpha_N}, \qquad \alpha_N = 0.076,\quad N_c = 8.8\times10^{13},$$
#
# with $L$ in nats per token. Write `loss_from_params(n, n_c, alpha_n)` so that it
#
# - returns $L$ for a single number `n` **and** for a numpy array of sizes (no Python loop needed), and
# - raises `ValueError` with a message naming `n` when any size is zero or negative (a model with no
#   parameters has no loss to predict, and $N^{-\alpha}$ would silently give `inf` or `nan`).

# %%
def loss_from_params(n, n_c, alpha_n):
    """Kaplan's L(N) = (n_c / n) ** alpha_n in nats/token;
    n in non-embedding parameters (> 0)."""
    raise NotImplementedError("Task 1.1 (loss_from_params): write your code here")


# %%
check("1.1", loss_from_params)

# %% [markdown]
# ## Task 1.2: Fit a power law with a straight line
#
# Taking logs of $y = a\,x^{k}$ gives $\log y = \log a + k \log x$: a straight line with slope $k$ and
# intercept $\log a$. Write `fit_log_log(x, y)` that fits that line by least squares to positive data and
# returns the tuple `(a, k)`.

# %%
def fit_log_log(x, y):
    """Fit y = a * x**k by least squares on (log x, log y); return (a, k)."""
    raise NotImplementedError("Task 1.2 (fit_log_log): write your code here")


# %%
check("1.2", fit_log_log)

# %% [markdown]
# ## Task 1.3: Extrapolate a law that has a floor
#
# Real losses do not fall to zero: a term $E$ that no model can remove (the entropy of the text itself)
# stays. With $L = E + a\,x^{k}$, it is $L - E$, not $L$, that is a straight line on log-log axes. Given
# measurements `(x, y)` and a known floor `floor`, write `extrapolate_with_floor(x, y, floor, x_new)` that
# fits a power law to `y - floor` and returns the predicted `y` at every `x_new`.
# If the floor is at or above any measured `y`, raise `ValueError`: the logarithm of a non-positive
# number is undefined.

# %%
def extrapolate_with_floor(x, y, floor, x_new):
    """Predict y = floor + a * x_new**k, with (a, k) fitted to log(y - floor) against
    log x."""
    raise NotImplementedError("Task 1.3 (extrapolate_with_floor): write your code here")


# %%
check("1.3", extrapolate_with_floor)

# %% [markdown]
# ## Task 1.4: How much more compute for a target loss?
#
# If $L = E + A\,x^{-\alpha}$, the reducible part $L - E$ falls by a factor $r$ when $x$ grows by
# $r^{1/\alpha}$. Write `compute_multiplier(loss_now, loss_target, alpha, floor=0.0)` that returns the
# factor by which the scale variable (compute, say) must grow to go from `loss_now` to `loss_target`. A
# target at or below the floor can never be reached: raise `ValueError`.

# %%
def compute_multiplier(loss_now, loss_target, alpha, floor=0.0):
    """Factor by which x must grow to take L = floor + A x^-alpha from loss_now to
    loss_target."""
    raise NotImplementedError("Task 1.4 (compute_multiplier): write your code here")


# %%
check("1.4", compute_multiplier)

# %% [markdown]
# ## Putting it together
#
# With Kaplan's compute law ($\alpha_C = 0.050$, no floor), how much more compute does it take to lower
# the loss from 2.0 to 1.9 nats/token? And with a floor of 1.69 nats/token and the steeper exponent of a
# model-size law ($\alpha = 0.34$)? The cell runs once your functions work.

# %%
try:
    print(f"no floor:   x {compute_multiplier(2.0, 1.9, 0.050):,.1f} compute")
    print(f"floor 1.69: x {compute_multiplier(2.0, 1.9, 0.34, floor=1.69):,.1f} "
          "parameters")
except NotImplementedError as exc:
    print(f"Finish the task first: {exc}")
