# ---
# jupyter:
#   exercise_set: 07_forecasting
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
# # Exercises 7: Forecasting
#
# Four graded tasks rebuild the forecasting tools of Chapter 7: a trend fit, crossing times under an
# uncertain growth rate, the sensitivity of a forecast to its inputs, and the Brier score. A fifth part is
# a reflection, with a rubric and no grade. For each task, write the body of the function where it says
# `raise NotImplementedError(...)`, run the cell, then run the `check(...)` cell under it: it prints which
# checks pass, what went wrong and a hint.
#
# | task | function | points |
# |---|---|---|
# | 7.1 | `fit_logistic(years, ratings)` | 3 |
# | 7.2 | `years_until(ratings, rates, level, statistic)` | 3 |
# | 7.3 | `tornado(ratings, level, base, low, high)` | 2 |
# | 7.4 | `brier(probabilities, outcomes)` | 2 |
# | 7.5 | reflection: does alignment scale with capabilities? | ungraded |
#
# When you are done, grade the whole notebook from a terminal (it runs your code in a fresh process and does
# not modify your file):
#
# ```
# python -m helpers.grade exercises/07_forecasting.ipynb
# ```
#
# Ratings are on a 0-10 scale and are opinions, not data: the tasks only do the arithmetic. Every task is
# deterministic. Where a growth rate is uncertain, the random draws are passed to your function as an array.
# `numpy` and `scipy.optimize` are all you need.

# %%
import numpy as np
from scipy import optimize

from helpers.grading import check

# %% [markdown]
# ## Task 7.1: Fit a logistic trend
#
# A logistic curve with ceiling 10 rises fastest at its midpoint year $t_m$ and slows near the top:
#
# $$r(t) = \frac{10}{1 + e^{-k\,(t - t_m)}}.$$
#
# Write `fit_logistic(years, ratings)` that fits $t_m$ (a calendar year) and $k$ (per year) by least squares
# **on the ratings themselves** with `scipy.optimize.curve_fit`, starting from `p0=(mean of years, 1.0)`, and
# returns the tuple `(midpoint, rate)`. Raise `ValueError` if any rating lies outside $[0, 10]$.

# %%
def fit_logistic(years, ratings):
    """Least-squares logistic trend with ceiling 10;
    return (midpoint [calendar year], rate [1/year])."""
    ### BEGIN SOLUTION
    years = np.asarray(years, dtype=float)
    ratings = np.asarray(ratings, dtype=float)
    if np.any((ratings < 0) | (ratings > 10)):
        raise ValueError("ratings must lie in [0, 10] rating points; got "
                         f"{ratings.min()} to {ratings.max()}")

    def curve(t, midpoint, rate):
        return 10.0 / (1.0 + np.exp(-rate * (t - midpoint)))

    start = (years.mean(), 1.0)
    fitted, _ = optimize.curve_fit(curve, years, ratings, p0=start, maxfev=20_000)
    midpoint, rate = fitted
    return float(midpoint), float(rate)
    ### END SOLUTION


# %%
check("7.1", fit_logistic)

# %% [markdown]
# ## Task 7.2: Crossing times for draws of the growth rate
#
# Each domain $i$ starts at rating $r_i$ (strictly between 0 and 10), and its log-odds
# $z_i = \log\frac{r_i}{10 - r_i}$ grow by `rate` per year, so after $t$ years it stands at
# $10 / (1 + e^{-(z_i + \text{rate}\cdot t)})$.
#
# Write `years_until(ratings, rates, level, statistic)` that returns, for every growth rate in the array
# `rates` (all > 0), the number of years until the `statistic` (`"mean"` or `"min"`) of the ratings over
# domains first reaches `level`. Return 0 for a draw when the statistic is already at or above `level`.
# Return a numpy array with one value per rate, accurate to about 1e-6 relative.

# %%
def years_until(ratings, rates, level, statistic):
    """Years until the mean or min rating reaches `level`,
    one value per growth rate [log-odds per year]."""
    ### BEGIN SOLUTION
    r = np.asarray(ratings, dtype=float)
    z = np.log(r / (10.0 - r))
    target = np.log(level / (10.0 - level))
    out = []
    for rate in np.asarray(rates, dtype=float):
        if statistic == "min":
            out.append(max(0.0, (target - z.min()) / rate))
            continue

        def mean_at(t, rate=rate):
            return np.mean(10.0 / (1.0 + np.exp(-(z + rate * t))))

        if mean_at(0.0) >= level:
            out.append(0.0)
            continue
        t_max = (target - z.min()) / rate  # every domain has reached the level by then
        out.append(optimize.brentq(lambda t, rate=rate: mean_at(t, rate) - level,
                                   0.0, t_max, xtol=1e-12))
    return np.array(out)
    ### END SOLUTION


# %%
check("7.2", years_until)

# %% [markdown]
# ## Task 7.3: Which input moves the answer?
#
# A scenario has three inputs: the growth `rate` (log-odds per year), a `delay` (years before growth
# starts) and a `ceiling` (a rating no domain can grow past; a domain already above it keeps its rating).
# With them, domain $i$ after $t$ years stands at
#
# $$r_i(t) = \max\bigl(r_i,\ \min(\text{ceiling},\ 10 / (1 + e^{-(z_i + \text{rate}\cdot\max(t - \text{delay}, 0))}))\bigr).$$
#
# Write `tornado(ratings, level, base, low, high)`, where `base`, `low` and `high` are
# `(rate, delay, ceiling)` tuples. Return a `(3, 2)` array: row $i$ holds the years until the **mean**
# rating reaches `level` when input $i$ is set to its low value and then to its high value, the other two
# inputs staying at base. In every case the level is reachable. You may reuse `years_until` for the growth
# part, but remember the delay and the ceiling.

# %%
def tornado(ratings, level, base, low, high):
    """(3, 2) array of crossing times [years] with (rate, delay, ceiling) moved one at
    a time to low, high."""
    ### BEGIN SOLUTION
    r = np.asarray(ratings, dtype=float)
    z = np.log(r / (10.0 - r))

    def crossing(rate, delay, ceiling):
        def mean_at(t):
            grown = 10.0 / (1.0 + np.exp(-(z + rate * t)))
            return np.mean(np.maximum(r, np.minimum(ceiling, grown)))

        if mean_at(0.0) >= level:
            return 0.0
        lowest = min(level, ceiling)
        t_max = (np.log(lowest / (10.0 - lowest)) - z.min()) / rate
        if mean_at(t_max) < level:
            return np.inf
        t_cross = optimize.brentq(lambda t: mean_at(t) - level, 0.0, t_max, xtol=1e-12)
        return delay + t_cross

    out = np.empty((3, 2))
    for i in range(3):
        for j, end in enumerate((low, high)):
            params = list(base)
            params[i] = end[i]
            out[i, j] = crossing(*params)
    return out
    ### END SOLUTION


# %%
check("7.3", tornado)

# %% [markdown]
# ## Task 7.4: The Brier score
#
# For probability forecasts $p_i$ of events with outcomes $o_i$ (1 if the event happened, else 0), the
# Brier score is $\frac{1}{n}\sum_i (p_i - o_i)^2$. Write `brier(probabilities, outcomes)` returning it as a
# float. Raise `ValueError` if a probability lies outside $[0, 1]$ or an outcome is not 0 or 1.

# %%
def brier(probabilities, outcomes):
    """Mean of (p - o)^2 over forecasts; p in [0, 1], o in {0, 1}."""
    ### BEGIN SOLUTION
    p = np.asarray(probabilities, dtype=float)
    o = np.asarray(outcomes, dtype=float)
    if np.any((p < 0) | (p > 1)):
        raise ValueError(f"probabilities must lie in [0, 1]; got {p.tolist()}")
    if not np.all((o == 0) | (o == 1)):
        raise ValueError(f"outcomes must be 0 or 1; got {o.tolist()}")
    return float(np.mean((p - o) ** 2))
    ### END SOLUTION


# %%
check("7.4", brier)

# %% [markdown]
# ## Putting it together
#
# With your own ratings and a few draws of the growth rate, how long until the mean reaches 9? The cell
# runs once your functions work. Change the ratings to your own.

# %%
try:
    my_ratings = np.array([8, 7, 7, 6, 5, 6, 4, 3, 5, 4], dtype=float)
    draws = 0.27 * np.exp(0.5 * np.random.default_rng(0).standard_normal(1000))
    t = years_until(my_ratings, draws, 9.0, "mean")
    print(f"median {np.median(t):.1f} years; 10th-90th percentile "
          f"{np.percentile(t, 10):.1f} to {np.percentile(t, 90):.1f} years")
except NotImplementedError as exc:
    print(f"Finish the task first: {exc}")

# %% [markdown]
# ## 7.5 Reflection (ungraded): does alignment scale with capabilities?
#
# Pick three concrete, documented kinds of failure of deployed language models. For each, say what
# evidence would show whether it gets better, stays the same or gets worse as models scale, and what you
# currently believe, as a probability. End with one dated, checkable forecast and your probability for it.
# About 400-600 words.
#
# Rubric, for yourself or a peer:
#
# | criterion | what a strong answer does |
# |---|---|
# | concrete failures | names specific, documented behaviours, with a source |
# | evidence, not vibes | says what measurement would show the trend, and over which range of scale |
# | separates loss from behaviour | does not assume that a lower loss means better or worse behaviour |
# | uncertainty stated | gives probabilities, and says which input the view is most sensitive to |
# | checkable | ends with at least one dated question someone could resolve |

# %% [markdown]
# <!-- BEGIN SOLUTION -->
# *An example answer, shortened; yours will differ, and should.*
#
# **1. Confident factual errors.** A model states false facts fluently. Evidence for a trend: accuracy
# and, separately, the rate of confident wrong answers on a fixed, held-out question set with known
# answers, for models of one family trained with different compute. Larger models know more facts, but
# on a benchmark built from common misconceptions (TruthfulQA, Lin et al. 2022) the largest models were
# generally the least truthful. My belief: 70% that the rate
# of confident errors on ordinary factual questions falls with scale, and 40% that it falls on questions
# built around misconceptions without targeted training.
#
# **2. Instructions circumvented by adversarial prompts.** Evidence: the success rate of a fixed set of
# published attacks against refusal training, across model sizes trained the same way. This depends on
# training, not on loss: a lower loss means better prediction of text, including harmful text. Belief: 50%
# that larger models are harder to attack with a *fixed* attack set; lower once attackers adapt.
#
# **3. Unfaithful explanations.** A model's stated reasoning may not be what drives its answer. Evidence:
# how often the answer changes when the stated reasoning is edited or cut short, by model size. Belief:
# 55% that faithfulness does not improve with scale alone.
#
# **What my view is most sensitive to:** whether training methods, rather than scale, drive these
# behaviours. If they do, scale is the wrong variable to extrapolate on, just as loss is the wrong variable
# for capabilities.
#
# **Forecast for my log:** "A paper published by 2028-12-31 reports, for at least three sizes of one
# model family, that the success rate of a fixed set of attacks falls with size": 45%.
# <!-- END SOLUTION -->
