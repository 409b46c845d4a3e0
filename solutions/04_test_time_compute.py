# ---
# jupyter:
#   exercise_set: 04_test_time_compute
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
# # Exercises 4: Test-time compute
#
# Four graded tasks on the arithmetic of Chapter 4: estimating pass@k, predicting coverage, the accuracy
# of a majority vote, and what a best-of-n strategy costs. For each task, write the body of the function
# where it says `raise NotImplementedError(...)`, run the cell, then run the `check(...)` cell under it:
# it prints which checks pass, what went wrong and a hint.
#
# | task | function | points |
# |---|---|---|
# | 4.1 | `pass_at_k(n, c, k)` | 3 |
# | 4.2 | `expected_coverage(a, b, k)` | 3 |
# | 4.3 | `majority_vote_accuracy(p, k, n_wrong)` | 3 |
# | 4.4 | `best_of_n_flops(n_params, samples, tokens, verifier_params)` | 2 |
#
# When you are done, grade the whole notebook from a terminal (it runs your code in a fresh process and does
# not modify your file):
#
# ```
# python -m helpers.grade exercises/04_test_time_compute.ipynb
# ```
#
# `numpy`, `scipy.special` and the standard library are all you need.

# %%
import itertools
import math

import numpy as np
from scipy import special

from helpers.grading import check

# %% [markdown]
# ## Task 4.1: The unbiased pass@k estimator
#
# You drew $n$ samples for a problem and $c$ of them are correct. Chen et al. (2021) estimate the
# probability that $k$ samples solve it as the chance that $k$ of the $n$, drawn without replacement,
# include a correct one:
#
# $$\widehat{\text{pass@}k} = 1 - \frac{\binom{n-c}{k}}{\binom{n}{k}}
# = 1 - \prod_{i=n-c+1}^{n}\left(1 - \frac{k}{i}\right).$$
#
# Write `pass_at_k(n, c, k)` for whole numbers $0 \le c \le n$ and $1 \le k \le n$, using the product on the
# right. It must
#
# - return 1.0 when $n - c < k$ (every set of $k$ samples then holds a correct one);
# - work for $n = 10{,}000$, where the binomial coefficients have thousands of digits;
# - raise `ValueError` when $k > n$.

# %%
def pass_at_k(n, c, k):
    """Unbiased pass@k from n samples with c correct:
    1 - prod(1 - k / i) for i in n-c+1..n."""
    ### BEGIN SOLUTION
    if k > n:
        raise ValueError(f"k must be <= n samples; got k={k}, n={n}")
    if n - c < k:
        return 1.0
    return float(1.0 - np.prod(1.0 - k / np.arange(n - c + 1, n + 1)))
    ### END SOLUTION


# %%
check("4.1", pass_at_k)

# %% [markdown]
# ## Task 4.2: Coverage for a distribution of difficulties
#
# On a benchmark each problem has its own per-sample success probability $p$. If $p$ follows a
# Beta$(a, b)$ distribution, the expected coverage with $k$ samples, $E[1 - (1-p)^k]$, has a closed form:
#
# $$\text{coverage}(k) = 1 - \frac{B(a, b + k)}{B(a, b)},$$
#
# where $B$ is the Beta function. Write `expected_coverage(a, b, k)`; `k` may be a number or a numpy array,
# and it must work for $k = 10^{7}$ (the Beta function of such arguments underflows; its logarithm,
# `scipy.special.betaln`, does not).

# %%
def expected_coverage(a, b, k):
    """E[1 - (1 - p)^k] for p ~ Beta(a, b): 1 - B(a, b + k) / B(a, b)."""
    ### BEGIN SOLUTION
    k = np.asarray(k, dtype=float)
    return 1.0 - np.exp(special.betaln(a, b + k) - special.betaln(a, b))
    ### END SOLUTION


# %%
check("4.2", expected_coverage)

# %% [markdown]
# ## Task 4.3: Accuracy of a majority vote
#
# Each sample is correct with probability $p$; otherwise it gives one of `n_wrong` wrong answers, each with
# probability $(1-p)/$`n_wrong`. The vote returns the answer with the most votes among $k$ samples; when
# several answers tie for the most votes, it picks one of them at random.
#
# Write `majority_vote_accuracy(p, k, n_wrong)`, the exact probability that the vote returns the correct
# answer, for small $k$ (at most 7 here). Enumerating every possible sequence of answers is fine.

# %%
def majority_vote_accuracy(p, k, n_wrong):
    """Exact probability that a majority vote over k samples is correct
    (random tie-break)."""
    ### BEGIN SOLUTION
    total = 0.0
    # 0 is the correct answer
    for answers in itertools.product(range(n_wrong + 1), repeat=k):
        prob = math.prod(p if a == 0 else (1 - p) / n_wrong for a in answers)
        votes = np.bincount(answers, minlength=n_wrong + 1)
        top = votes.max()
        if votes[0] == top:
            total += prob / np.sum(votes == top)
    return total
    ### END SOLUTION


# %%
check("4.3", majority_vote_accuracy)

# %% [markdown]
# ## Task 4.4: What a best-of-n strategy costs
#
# Generating one token with a model of $N$ parameters costs about $2N$ FLOP. A best-of-n strategy draws
# `samples` samples of `tokens` tokens each from a model with `n_params` parameters, and a verifier with
# `verifier_params` parameters reads every sample (use 0 for no verifier). Write
# `best_of_n_flops(n_params, samples, tokens, verifier_params)` returning the total in FLOP. Raise
# `ValueError` when `samples` is less than 1.

# %%
def best_of_n_flops(n_params, samples, tokens, verifier_params):
    """FLOP of drawing `samples` samples of `tokens` tokens and verifying each:
    samples * 2 * tokens * (N + N_v)."""
    ### BEGIN SOLUTION
    if samples < 1:
        raise ValueError(f"samples must be >= 1; got {samples}")
    return samples * 2.0 * tokens * (n_params + verifier_params)
    ### END SOLUTION


# %%
check("4.4", best_of_n_flops)

# %% [markdown]
# ## Putting it together
#
# A benchmark's problems have success probabilities from Beta(0.4, 4). How many samples does a
# $10^{9}$-parameter model need before an oracle would solve half of them, and what does that cost per
# problem with 500-token samples and a verifier of the same size? The cell runs once your functions work.

# %%
try:
    k_half = next(k for k in range(1, 10_000) if expected_coverage(0.4, 4.0, k) >= 0.5)
    print(f"coverage reaches 0.5 at k = {k_half} samples")
    print(f"cost per problem: {best_of_n_flops(1e9, k_half, 500, 1e9):.2e} FLOP")
except NotImplementedError as exc:
    print(f"Finish the task first: {exc}")
