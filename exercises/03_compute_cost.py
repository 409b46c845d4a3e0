# ---
# jupyter:
#   exercise_set: 03_compute_cost
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
# # Exercises 3: What training and serving cost
#
# Six graded tasks that build a training and serving cost calculator from Chapter 3, one unit at a time.
# For each task, write the body of the function where it says `raise NotImplementedError(...)`, run the
# cell, then run the `check(...)` cell under it: it prints which checks pass, what went wrong and a hint.
#
# | task | function | points |
# |---|---|---|
# | 3.1 | `run_flops(n_params, n_tokens)` | 1 |
# | 3.2 | `gpu_hours(flops, peak_flops_per_s, mfu)` | 2 |
# | 3.3 | `cluster_days(flops, peak_flops_per_s, mfu, n_gpus)` | 2 |
# | 3.4 | `implied_mfu(flops, gpu_hours, peak_flops_per_s)` | 2 |
# | 3.5 | `decode_cost_per_million(n_params, peak_flops_per_s, bandwidth_bytes_per_s, batch_size, price_per_hour, bytes_per_param=2.0)` | 3 |
# | 3.6 | `break_even_tokens(n_big, d_big, n_small, d_small)` | 3 |
#
# When you are done, grade the whole notebook from a terminal (it runs your code in a fresh process and does
# not modify your file):
#
# ```
# python -m helpers.grade exercises/03_compute_cost.ipynb
# ```
#
# Keep the units straight: FLOP is a count, FLOP/s a rate, MFU a fraction between 0 and 1, prices in
# dollars per hour. Every function should work on numpy arrays as well as on single numbers.

# %%
import numpy as np

from helpers.grading import check

# %% [markdown]
# ## Task 3.1: The FLOP of a training run
#
# Training a model with $N$ parameters on $D$ tokens takes about $C = 6ND$ FLOP: 2 per parameter and
# token in the forward pass, 4 in the backward pass. Write `run_flops(n_params, n_tokens)` that returns
# $C$ and raises `ValueError` when either input is zero or negative.

# %%
def run_flops(n_params, n_tokens):
    """Training compute in FLOP (a count): 6 x n_params x n_tokens."""
    raise NotImplementedError("Task 3.1 (run_flops): write your code here")


# %%
check("3.1", run_flops)

# %% [markdown]
# ## Task 3.2: Accelerator-hours at a given MFU
#
# A chip with a dense peak of $P$ FLOP/s that runs at model FLOPs utilisation MFU does
# $P \cdot \text{MFU}$ useful FLOP per second. Write `gpu_hours(flops, peak_flops_per_s, mfu)` that
# returns the accelerator-hours a run of `flops` FLOP needs. MFU is a fraction: raise `ValueError` unless
# $0 < \text{MFU} \le 1$ (a common slip is passing 40 for 40%).

# %%
def gpu_hours(flops, peak_flops_per_s, mfu):
    """Accelerator-hours to do ``flops`` FLOP at ``mfu`` (a fraction) of a
    ``peak_flops_per_s`` peak."""
    raise NotImplementedError("Task 3.2 (gpu_hours): write your code here")


# %%
check("3.2", gpu_hours)

# %% [markdown]
# ## Task 3.3: Days on a cluster
#
# With `n_gpus` chips working in parallel, and the MFU already counting the time lost to communication,
# write `cluster_days(flops, peak_flops_per_s, mfu, n_gpus)` that returns the wall-clock days of the run.
# You may call your `gpu_hours`.

# %%
def cluster_days(flops, peak_flops_per_s, mfu, n_gpus):
    """Wall-clock days to do ``flops`` FLOP on ``n_gpus`` chips at ``mfu`` of their
    peak."""
    raise NotImplementedError("Task 3.3 (cluster_days): write your code here")


# %%
check("3.3", cluster_days)

# %% [markdown]
# ## Task 3.4: The MFU behind a published number
#
# Model cards often give the GPU-hours a model took. Llama 2 70B, for instance, was trained on 2 trillion
# tokens in 1,720,320 A100-hours. Write `implied_mfu(flops, gpu_hours, peak_flops_per_s)`, the share of the
# chips' peak that the run achieved. Raise `ValueError` if `gpu_hours` is not positive. (The second argument
# is a number of hours, not your function from Task 3.2.)

# %%
def implied_mfu(flops, gpu_hours, peak_flops_per_s):
    """MFU (a fraction) of a run that did ``flops`` FLOP in ``gpu_hours`` hours of
    ``peak_flops_per_s`` chips."""
    raise NotImplementedError("Task 3.4 (implied_mfu): write your code here")


# %%
check("3.4", implied_mfu)

# %% [markdown]
# ## Task 3.5: What a million generated tokens cost
#
# One decoding step produces one token for each of `batch_size` sequences. It must read every weight once,
# `n_params * bytes_per_param` bytes at `bandwidth_bytes_per_s`, and do `2 * n_params * batch_size` FLOP at
# `peak_flops_per_s`. It takes at least the longer of the two times. Write
# `decode_cost_per_million(n_params, peak_flops_per_s, bandwidth_bytes_per_s, batch_size, price_per_hour,
# bytes_per_param=2.0)`: the dollars per million generated tokens at this upper bound on speed, for
# hardware that costs `price_per_hour` dollars per hour.

# %%
def decode_cost_per_million(n_params, peak_flops_per_s, bandwidth_bytes_per_s,
                            batch_size, price_per_hour, bytes_per_param=2.0):
    """Dollars per million tokens decoded at the roofline bound
    (memory or compute, whichever is slower)."""
    raise NotImplementedError(
        "Task 3.5 (decode_cost_per_million): write your code here"
    )


# %%
check("3.5", decode_cost_per_million)

# %% [markdown]
# ## Task 3.6: When does a smaller model pay off?
#
# Over its life a model costs $6ND$ FLOP to train plus $2N$ FLOP for every token $T$ it serves. A big model
# ($N_\text{big}$, $D_\text{big}$) and a smaller one trained on more tokens ($N_\text{small}$,
# $D_\text{small}$) can reach the same loss. Write `break_even_tokens(n_big, d_big, n_small, d_small)` that
# returns the number of tokens served at which both have spent the same lifetime FLOP. If the smaller model
# is also cheaper to train, it is cheaper at every volume and there is no break-even: raise `ValueError`.

# %%
def break_even_tokens(n_big, d_big, n_small, d_small):
    """Tokens served at which 6 N D + 2 N T is equal for the two models."""
    raise NotImplementedError("Task 3.6 (break_even_tokens): write your code here")


# %%
check("3.6", break_even_tokens)

# %% [markdown]
# ## Putting it together
#
# A 70B model trained on 1.4 trillion tokens against a 35B model trained on 3.65 trillion tokens (the pair
# from Chapter 3 with the same predicted loss): how long does the small model take on 1,024 H100s at 40%
# MFU, what does a million tokens from it cost at batch 64 on one H100 at $3/h, and after how many tokens
# served is it the cheaper model? The cell runs once your functions work.

# %%
try:
    flops_small = run_flops(35e9, 3.65e12)
    print(f"35B on 3.65T tokens: {flops_small:.2e} FLOP, "
          f"{cluster_days(flops_small, 989.4e12, 0.4, 1024):.0f} days")
    print("decoding at batch 64: "
          f"${decode_cost_per_million(35e9, 989.4e12, 3.35e12, 64, 3.0):.2f} per "
          "million tokens")
    print(f"break-even after {break_even_tokens(70e9, 1.4e12, 35e9, 3.65e12):.2e} "
          "tokens served")
except NotImplementedError as exc:
    print(f"Finish the task first: {exc}")
