# ---
# jupyter:
#   exercise_set: 06_energy_data
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
# # Exercises 6: Energy, carbon and the data wall
#
# Five graded tasks from Chapter 6: the energy and carbon of a training run, the year an exponential trend
# crosses a threshold, the tokens a run needs, and a quantile of a Monte Carlo. For each task, write the
# body of the function where it says `raise NotImplementedError(...)`, run the cell, then run the
# `check(...)` cell under it: it prints which checks pass, what went wrong and a hint.
#
# | task | function | points |
# |---|---|---|
# | 6.1 | `run_energy_mwh(flops, peak_flops_per_s, mfu, watts, pue)` | 2 |
# | 6.2 | `carbon_tonnes(energy_mwh, grams_per_kwh)` | 1 |
# | 6.3 | `crossing_year(value_now, year_now, growth_per_year, threshold)` | 2 |
# | 6.4 | `tokens_needed(flops, tokens_per_param, overtraining)` | 2 |
# | 6.5 | `exhaustion_quantile(stock_tokens, growth_per_year, tokens_per_param, q, flops_now, year_now)` | 3 |
#
# When you are done, grade the whole notebook from a terminal (it runs your code in a fresh process and does
# not modify your file):
#
# ```
# python -m helpers.grade exercises/06_energy_data.ipynb
# ```
#
# Keep the units straight: FLOP is a count and FLOP/s a rate; power in W; energy in MWh (1 MWh = 3.6e9 J);
# grid intensity in grams of CO2e per kWh here; emissions in tonnes; years as decimal calendar years.
# Every function should work on numpy arrays as well as on single numbers.

# %%
import numpy as np

from helpers.grading import check

# %% [markdown]
# ## Task 6.1: The energy of a run
#
# A run of `flops` FLOP on chips with a dense peak of `peak_flops_per_s` at model FLOPs utilisation `mfu`
# keeps one chip busy for FLOP / (peak x MFU) seconds. Each chip draws `watts` W, and the facility uses
# `pue` times the energy of its IT equipment. Write `run_energy_mwh(flops, peak_flops_per_s, mfu, watts,
# pue)` that returns the energy in MWh. Raise `ValueError` if `pue` is below 1.

# %%
def run_energy_mwh(flops, peak_flops_per_s, mfu, watts, pue):
    """Facility energy in MWh: FLOP / (peak x MFU) seconds x watts x PUE,
    over 3.6e9 J per MWh."""
    raise NotImplementedError("Task 6.1 (run_energy_mwh): write your code here")


# %%
check("6.1", run_energy_mwh)

# %% [markdown]
# ## Task 6.2: Carbon at a grid intensity
#
# Grid intensities are often quoted in grams of CO2e per kWh: 57 for the French grid that powered BLOOM,
# about 367 for the US average in 2023. Write `carbon_tonnes(energy_mwh, grams_per_kwh)` that returns the
# emissions in tonnes of CO2e. Raise `ValueError` for a negative intensity; zero is allowed.

# %%
def carbon_tonnes(energy_mwh, grams_per_kwh):
    """Tonnes CO2e of ``energy_mwh`` MWh at ``grams_per_kwh`` g CO2e per kWh."""
    raise NotImplementedError("Task 6.2 (carbon_tonnes): write your code here")


# %%
check("6.2", carbon_tonnes)

# %% [markdown]
# ## Task 6.3: When does a trend cross a threshold?
#
# A quantity worth `value_now` in `year_now` that grows by `growth_per_year` (x per year) is worth
# value_now x growth^(t - year_now) in year t. Write `crossing_year(value_now, year_now, growth_per_year,
# threshold)` that returns the year it reaches `threshold` (same unit as `value_now`). Raise `ValueError`
# when the growth is 1 or less.

# %%
def crossing_year(value_now, year_now, growth_per_year, threshold):
    """Year at which value_now x growth_per_year^(t - year_now) equals threshold."""
    raise NotImplementedError("Task 6.3 (crossing_year): write your code here")


# %%
check("6.3", crossing_year)

# %% [markdown]
# ## Task 6.4: The tokens a run needs
#
# A run of $C$ FLOP has $C = 6ND$. Compute-optimal training uses $r$ tokens per parameter (about 20), and an
# over-trained run uses $k$ times more: $D = r k N$. Write `tokens_needed(flops, tokens_per_param,
# overtraining)` that returns $D$ in tokens. Raise `ValueError` if `overtraining` is below 1.

# %%
def tokens_needed(flops, tokens_per_param, overtraining):
    """Training tokens of a run of ``flops`` FLOP at ``tokens_per_param`` x
    ``overtraining`` tokens/parameter."""
    raise NotImplementedError("Task 6.4 (tokens_needed): write your code here")


# %%
check("6.4", tokens_needed)

# %% [markdown]
# ## Task 6.5: A quantile of the Monte Carlo
#
# Each Monte Carlo draw gives a stock of text `stock_tokens` (tokens), a compute growth `growth_per_year`
# (x per year) and a compute-optimal ratio `tokens_per_param`: three arrays of the same length. The
# frontier run does `flops_now` FLOP in `year_now` and grows by the drawn rate. Write
# `exhaustion_quantile(stock_tokens, growth_per_year, tokens_per_param, q, flops_now, year_now)` that
# returns the `q`-quantile (for example 0.05, 0.5 or 0.95) of the year in which the run needs the whole
# stock. Work on all draws at once, without a Python loop. (To model over-training by $k$, a caller passes
# `tokens_per_param * k`.)

# %%
def exhaustion_quantile(stock_tokens, growth_per_year, tokens_per_param, q, flops_now,
                        year_now):
    """The q-quantile over draws of the year a compute-optimal frontier run needs the
    whole stock."""
    raise NotImplementedError("Task 6.5 (exhaustion_quantile): write your code here")


# %%
check("6.5", exhaustion_quantile)

# %% [markdown]
# ## Putting it together
#
# Llama 3.1 405B did about $3.8 \times 10^{25}$ FLOP in mid-2024. How much energy did its H100s need at 40%
# MFU and a PUE of 1.1, what would that emit at the 2023 US average of 367 g/kWh, and when, at 4.7x
# compute per year and 1.3x better FLOP per joule, would one run use the 176 TWh that all US data centres
# used in 2023? The cell runs once your functions work.

# %%
try:
    mwh = run_energy_mwh(3.8e25, 989.4e12, 0.4, 700.0, 1.1)
    print(f"energy: {mwh:,.0f} MWh; carbon at 367 g/kWh: "
          f"{carbon_tonnes(mwh, 367.0):,.0f} t")
    print(f"one run = 176 TWh in {crossing_year(mwh, 2024.5, 4.7 / 1.3, 176e6):.1f}")
    print(f"tokens at 20 per parameter: {tokens_needed(3.8e25, 20.0, 1.0):.3g}")
except NotImplementedError as exc:
    print(f"Finish the task first: {exc}")
