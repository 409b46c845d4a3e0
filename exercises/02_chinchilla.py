# ---
# jupyter:
#   exercise_set: 02_chinchilla
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
# # Exercises 2: Chinchilla and compute-optimal training
#
# Six graded tasks that rebuild the tools of Chapter 2. For each task, write the body of the function where
# it says `raise NotImplementedError(...)`, run the cell, then run the `check(...)` cell under it: it prints
# which checks pass, what went wrong and a hint.
#
# | task | function | points |
# |---|---|---|
# | 2.1 | `allocate_at_ratio(c, tokens_per_param)` | 2 |
# | 2.2 | `frontier(c, E, A, B, alpha, beta)` | 3 |
# | 2.3 | `tokens_per_param_at(c, E, A, B, alpha, beta)` | 2 |
# | 2.4 | `huber_objective(params, n, d, loss, delta)` | 3 |
# | 2.5 | `isoflop_minimum(n, loss)` | 2 |
# | 2.6 | `lifetime_optimal_size(loss_target, inference_tokens, E, A, B, alpha, beta)` | 3 |
#
# When you are done, grade the whole notebook from a terminal (it runs your code in a fresh process and does
# not modify your file):
#
# ```
# python -m helpers.grade exercises/02_chinchilla.ipynb
# ```
#
# Units: $N$ in parameters (all of them, as Hoffmann et al. count), $D$ in tokens, $C$ in FLOP (a count),
# loss in nats per token. `numpy` and `scipy` are all you need.

# %%
import numpy as np
from scipy import optimize

from helpers.grading import check

# %% [markdown]
# ## Task 2.1: Invert C = 6ND
#
# Training a model with $N$ parameters on $D$ tokens costs about $C = 6ND$ FLOP. A popular rule of thumb
# trains on a fixed number $r$ of tokens per parameter, $D = rN$. Write `allocate_at_ratio(c, tokens_per_param)`
# that returns the tuple `(N, D)` spending exactly `c` FLOP at that ratio, and raises `ValueError` when
# `c` or `tokens_per_param` is not positive.

# %%
def allocate_at_ratio(c, tokens_per_param):
    """(N parameters, D tokens) with 6 N D = c FLOP and D = tokens_per_param * N."""
    raise NotImplementedError("Task 2.1 (allocate_at_ratio): write your code here")


# %%
check("2.1", allocate_at_ratio)

# %% [markdown]
# ## Task 2.2: The efficient frontier
#
# For the law $L(N, D) = E + A/N^{\alpha} + B/D^{\beta}$ and a budget $C = 6ND$, Hoffmann et al. (eq. 4)
# give the loss-minimising allocation in closed form:
#
# $$N_{opt} = G\left(\frac{C}{6}\right)^{a}, \quad D_{opt} = G^{-1}\left(\frac{C}{6}\right)^{b}, \quad
# G = \left(\frac{\alpha A}{\beta B}\right)^{1/(\alpha+\beta)}, \quad a = \frac{\beta}{\alpha+\beta},
# \quad b = \frac{\alpha}{\alpha+\beta}.$$
#
# Write `frontier(c, E, A, B, alpha, beta)` returning the tuple `(N_opt, D_opt)`.

# %%
def frontier(c, E, A, B, alpha, beta):
    """Compute-optimal (N parameters, D tokens) at c FLOP for L = E + A/N^alpha +
    B/D^beta."""
    raise NotImplementedError("Task 2.2 (frontier): write your code here")


# %%
check("2.2", frontier)

# %% [markdown]
# ## Task 2.3: Tokens per parameter at a budget
#
# Write `tokens_per_param_at(c, E, A, B, alpha, beta)`: the ratio $D_{opt}/N_{opt}$ at budget `c`. The
# checks evaluate it for Hoffmann et al.'s rounded and unrounded fits and for Besiroglu et al.'s refit, at
# Chinchilla's budget. Compare the three answers with the ~20 tokens per parameter of Hoffmann et al.'s
# Table 3.

# %%
def tokens_per_param_at(c, E, A, B, alpha, beta):
    """D_opt / N_opt (tokens per parameter) at c FLOP under the fitted law."""
    raise NotImplementedError("Task 2.3 (tokens_per_param_at): write your code here")


# %%
check("2.3", tokens_per_param_at)

# %% [markdown]
# ## Task 2.4: The Approach-3 objective
#
# Hoffmann et al. fit their law by minimising, over the runs $i$, the sum of Huber losses of the residuals
# $r_i = \log \hat L(N_i, D_i) - \log L_i$, where the Huber loss is $r^2/2$ for $|r| \le \delta$ and
# $\delta(|r| - \delta/2)$ beyond. Write `huber_objective(params, n, d, loss, delta)` where
# `params = (E, A, B, alpha, beta)` and `n`, `d`, `loss` are arrays of equal length. Return the **sum**.

# %%
def huber_objective(params, n, d, loss, delta):
    """Sum over runs of Huber_delta(log L_hat(n_i, d_i) - log loss_i)."""
    raise NotImplementedError("Task 2.4 (huber_objective): write your code here")


# %%
check("2.4", huber_objective)

# %% [markdown]
# ## Task 2.5: The minimum of an IsoFLOP curve
#
# Approach 2 trains several model sizes at one fixed budget and fits a parabola to the loss as a function
# of $\log N$. Write `isoflop_minimum(n, loss)` that returns the $N$ (in parameters) at the vertex of that
# parabola. If the fitted parabola opens downwards it has no minimum: raise `ValueError`.

# %%
def isoflop_minimum(n, loss):
    """N at the minimum of a parabola in log N fitted to the losses of one IsoFLOP
    curve."""
    raise NotImplementedError("Task 2.5 (isoflop_minimum): write your code here")


# %%
check("2.5", isoflop_minimum)

# %% [markdown]
# ## Task 2.6: Over-training for cheap inference
#
# A model that will serve many tokens costs $2N$ FLOP per token for its whole life. To reach a target loss
# with the least *lifetime* compute $6ND + 2N I$ (for $I$ inference tokens), move along the curve
# $L(N, D) = $ target: a smaller $N$ needs more $D$. Write
# `lifetime_optimal_size(loss_target, inference_tokens, E, A, B, alpha, beta)` returning the tuple
# `(N, D)` at that minimum (relative accuracy $10^{-3}$ is enough). Raise `ValueError` if the target is at
# or below $E$.

# %%
def lifetime_optimal_size(loss_target, inference_tokens, E, A, B, alpha, beta):
    """(N, D) on L(N, D) = loss_target minimising 6 N D + 2 N inference_tokens."""
    raise NotImplementedError("Task 2.6 (lifetime_optimal_size): write your code here")


# %%
check("2.6", lifetime_optimal_size)

# %% [markdown]
# ## Putting it together
#
# Hoffmann et al.'s rounded fit is $E = 1.69$, $A = 406.4$, $B = 410.7$, $\alpha = 0.34$, $\beta = 0.28$.
# How many tokens per parameter does it imply at Chinchilla's budget, $5.88 \times 10^{23}$ FLOP? And how
# does the lifetime-optimal model for a loss of 2.0 nats/token change when it will serve $10^{13}$ tokens?

# %%
try:
    hoffmann = (1.69, 406.4, 410.7, 0.34, 0.28)
    print("tokens per parameter at 5.88e23 FLOP: "
          f"{tokens_per_param_at(5.88e23, *hoffmann):.0f}")
    for served in (0.0, 1e13):
        n, d = lifetime_optimal_size(2.0, served, *hoffmann)
        print(f"serving {served:.0e} tokens: N = {n:.3g}, D = {d:.3g}, {d / n:.0f} "
              "tokens/param")
except NotImplementedError as exc:
    print(f"Finish the tasks first: {exc}")
