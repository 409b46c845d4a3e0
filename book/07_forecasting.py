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
# # Forecasting: when, if ever, does the trend get there?
#
# People use scaling laws to argue about the future of AI, and they reach every conclusion from "soon" to
# "never". This chapter takes no side. It teaches how to make a forecast, how to state it so that it can
# be checked, and how to check it later:
#
# - what a scaling law does and does not let you predict, and where opinion enters;
# - a self-assessment of capability domains on a 0-10 scale: your opinion, with defaults you can edit;
# - linear and logistic trends fitted to a rating history, and why they part ways;
# - a Monte Carlo over the growth rate: *when* the mean rating reaches 9/10 and the weakest domain 7/10
#   as distributions, not dates;
# - scenarios as explicit sets of parameters, and how much each input moves the answer;
# - how to be wrong well: probabilities, Brier scores and a forecast log to check later;
# - a reflection on whether alignment keeps up with capabilities, with a rubric instead of a grade.
#
# Every rating in this chapter is an opinion. The code only turns stated beliefs into stated forecasts.
# Change the inputs and the forecasts change with them: that is the point.

# %%
import tempfile
from pathlib import Path

import numpy as np

from helpers import forecast, plotting, scaling, widgets

# %% [markdown]
# ## What a scaling law lets you forecast
#
# A scaling law predicts one thing: the loss, in nats per token, of a model trained with a given compute,
# on a given kind of text, with a given tokenizer. That prediction is good inside the measured range and
# becomes a bet outside it (chapter 1). Everything people actually care about, such as solving a maths
# problem or writing working code, sits downstream of the loss. Whether those abilities improve smoothly
# or appear suddenly depends partly on how they are measured (chapter 5, Emergence or mirage), and the
# inputs themselves, data and energy, may run short (chapter 6, Limits).
#
# What *is* well measured is how fast the inputs have grown. {cite:t}`sevilla2022compute` found that the
# training compute of notable models doubled about every 20 months before 2010, about every 6 months in
# the deep-learning era, and about every 10 months for the large-scale models since late 2015.
# {cite:t}`sevilla2024frontier` put the growth of the training compute of notable models from 2010 to
# May 2024 at 4.7 times per year. A quantity that doubles every $\tau$ months grows by a factor of
#
# $$
# g = 2^{12/\tau} \quad \text{per year.}
# $$ (eq-annual-factor)
#
# The cell converts each published trend to a factor per year and back.

# %%
for era, months in forecast.SEVILLA_2022_DOUBLING_MONTHS.items():
    factor = forecast.annual_factor_from_doubling(months)
    print(f"{era:<18} doubling every {months:>4.0f} months = x{factor:.2f} per year")
epoch = forecast.EPOCH_2024_COMPUTE_GROWTH
epoch_factor = epoch["factor_per_year"]
epoch_months = forecast.doubling_months_from_annual_factor(epoch_factor)
low_ci, high_ci = epoch["ci90"]
print(f"\nEpoch 2024: x{epoch_factor} per year (90% CI {low_ci}-{high_ci}) "
      f"= doubling every {epoch_months:.1f} months")
tenfold_years = np.log(10) / np.log(epoch_factor)
print(f"at that rate, 10x more compute takes {tenfold_years:.1f} years")

# %% tags=["remove-cell"]
assert forecast.SEVILLA_2022_DOUBLING_MONTHS == {
    "pre-deep-learning": 20.0, "deep-learning": 6.0, "large-scale": 10.0}
assert forecast.annual_factor_from_doubling(6.0) == 4.0
assert round(forecast.annual_factor_from_doubling(10.0), 1) == 2.3
assert round(forecast.annual_factor_from_doubling(20.0), 1) == 1.5
assert (epoch_factor, low_ci, high_ci) == (4.7, 4.3, 5.2)
assert round(epoch_months, 1) == 5.4
assert round(np.log(10) / np.log(epoch_factor), 1) == 1.5

# %% [markdown]
# A 6-month doubling is 4 times a year, a 10-month doubling about 2.3 times and a 20-month doubling about
# 1.5 times. Epoch's 4.7 times a year is a doubling every 5.4 months, or ten times more compute every 1.5
# years.
#
# What does that buy in loss? If the compute grows by a factor $g$ a year and the loss is a power law in
# compute with exponent $\alpha$, the loss is multiplied by $g^{-\alpha}$ each year. With a floor, as in
# Chinchilla's fit (chapter 2), only the reducible part $L - E$ shrinks this way, and under compute-optimal
# allocation its exponent is $\alpha\beta/(\alpha + \beta)$ {cite:p}`hoffmann2022training`.

# %%
K, H = scaling.KAPLAN_2020, scaling.HOFFMANN_2022
kaplan_per_year = epoch_factor**-K.alpha_c_min
reducible_exponent = H.alpha * H.beta / (H.alpha + H.beta)
reducible_per_year = epoch_factor**-reducible_exponent
print(f"Kaplan L(C_min), alpha = {K.alpha_c_min}: loss x {kaplan_per_year:.3f}/year "
      f"({1 - kaplan_per_year:.1%} lower)")
print(f"Chinchilla reducible loss, exponent {reducible_exponent:.4f}: "
      f"(L - E) x {reducible_per_year:.3f} per year "
      f"({1 - reducible_per_year:.0%} lower)")
print(f"Chinchilla irreducible loss: E = {H.E} nats/token, whatever the compute")

# %% tags=["remove-cell"]
assert round(100 * (1 - kaplan_per_year), 1) == 7.4
assert round(reducible_exponent, 4) == 0.1535
assert round(100 * (1 - reducible_per_year)) == 21

# %% [markdown]
# If the trend held, Kaplan's compute law would lower the loss by about 7.4% a year, and Chinchilla's
# reducible loss would shrink by about 21% a year. These are statements about nats per token. No published
# law turns them into "can plan a project" or "writes like an expert". That step, from loss to capability,
# is where your judgement enters, and this chapter makes it explicit instead of hiding it.
#
# ```{admonition} Common mistake: "each step was predicted, so there is no ceiling"
# :class: warning
# A popular text argues that because scaling laws predicted each generation of models, nothing limits
# the next. The laws predict loss, not abilities. Chinchilla's fit has an irreducible loss of
# $E = 1.69$ nats/token (printed above), Kaplan et al. expect their laws to break down near
# $10^{4}$ PF-days (chapter 1), and the stock of human text is finite (chapter 6). A forecast that ignores
# these is not more confident, only less honest.
# ```

# %% tags=["remove-cell"]
assert H.E == 1.69

# %% [markdown]
# ## Your self-assessment
#
# A forecast needs a starting point. Here it is a list of capability domains, each rated from 0 (no useful
# ability) to 10 (as good as a skilled human professional on every task in the domain).
#
# ```{admonition} These ratings are your opinion, not facts
# :class: important
# The defaults below are placeholders chosen so that the
# arithmetic has something to work on. They describe no particular model and no measurement. Edit them
# (in JupyterLab, Binder or Colab) to what *you* believe, and write down why, before you look at what the
# forecast says. The rest of the chapter recomputes everything from your numbers.
# ```

# %%
# Your ratings, 0-10. Edit these: they are opinions, not data.
my_ratings = {
    "Reading and summarising": 8,
    "Writing": 7,
    "Programming": 7,
    "Competition mathematics": 6,
    "Scientific reasoning": 5,
    "Images and diagrams": 6,
    "Physical common sense": 4,
    "Long-horizon planning": 3,
    "Social reasoning": 5,
    "Acting with tools (agency)": 4,
}
ratings_now = np.array(list(my_ratings.values()), dtype=float)
weakest = min(my_ratings, key=my_ratings.get)
print(f"{'domain':<28} rating [0-10]")
for domain, rating in my_ratings.items():
    print(f"{domain:<28} {rating:>5}")
print(f"\nmean {ratings_now.mean():.1f}, minimum {ratings_now.min():.0f} ({weakest})")

# %% [markdown]
# With the defaults, the mean rating is 5.5 and the minimum is 3, for long-horizon planning. The seed
# exercise behind this chapter asks two questions: when does the *mean* reach 9/10, and when does the
# *minimum* reach 7/10? The first asks about breadth on average. The second asks about the weakest link.
# They can have very different answers.

# %% tags=["remove-cell"]
_DEFAULT_RATINGS = [8, 7, 7, 6, 5, 6, 4, 3, 5, 4]
if list(my_ratings.values()) == _DEFAULT_RATINGS:
    assert ratings_now.mean() == 5.5 and ratings_now.min() == 3
    assert weakest == "Long-horizon planning"

# %% [markdown]
# ## Two trends through the same history
#
# To extrapolate you need a rate, and a rate needs a history. Below is a history of the *mean* rating,
# reconstructed the way you would rate past models today, one value per year. It is an opinion too, with
# defaults you can edit.
#
# The simplest trend is a straight line: the rating gains $\dot r$ points a year from $r_0$ in year $t_0$,
#
# $$
# r(t) = r_0 + \dot r\,(t - t_0).
# $$ (eq-linear-trend)
#
# A line has no idea that the scale stops at 10. A logistic curve does: it rises fastest at 5 and slows as
# it nears the top, like many adoption and learning curves. With a growth rate $\lambda$ (per year) and a
# midpoint year $t_m$,
#
# $$
# r(t) = \frac{10}{1 + e^{-\lambda\,(t - t_m)}}, \qquad
# \log\frac{r}{10 - r} = \lambda\,(t - t_m).
# $$ (eq-logistic-trend)
#
# The second form says that the *log-odds* of the rating grow by $\lambda$ every year. The cell fits both by least
# squares (`forecast.fit_linear_trend`, and `forecast.fit_logistic_trend` with `scipy.optimize.curve_fit`)
# and asks each when the mean reaches 9.

# %%
# Your reconstruction of the mean rating in past years (0-10). An opinion: edit it.
history_years = np.arange(2019, 2027)
history_mean = np.array([1.5, 2.0, 2.6, 3.2, 3.9, 4.5, 5.0, 5.5])
year_now = int(history_years[-1])

line = forecast.fit_linear_trend(history_years, history_mean)
curve = forecast.fit_logistic_trend(history_years, history_mean)
rms_line = np.sqrt(np.mean((line.predict(history_years) - history_mean) ** 2))
rms_curve = np.sqrt(np.mean((curve.predict(history_years) - history_mean) ** 2))
print(f"linear:   slope {line.slope:.2f} points/year, RMS misfit {rms_line:.2f} points")
print(f"          reaches 9 in {line.year_reaching(9):.1f}, "
      f"10 in {line.year_reaching(10):.1f}; "
      f"{line.predict(2040):.1f} in 2040")
print(f"logistic: lambda = {curve.rate:.3f}/year, midpoint {curve.midpoint:.1f}, "
      f"RMS misfit {rms_curve:.2f} points")
print(f"          reaches 9 in {curve.year_reaching(9):.1f}; "
      f"{curve.predict(2040):.1f} in 2040")

# %% tags=["remove-cell"]
_DEFAULT_HISTORY = [1.5, 2.0, 2.6, 3.2, 3.9, 4.5, 5.0, 5.5]
# The prose quotes the default inputs; these checks apply only while they are in use.
_defaults = list(my_ratings.values()) == _DEFAULT_RATINGS
_defaults = _defaults and list(history_mean) == _DEFAULT_HISTORY and year_now == 2026
if list(history_mean) == _DEFAULT_HISTORY and year_now == 2026:
    assert round(line.slope, 2) == 0.59
    assert round(rms_line, 2) == 0.06 and round(rms_curve, 2) == 0.13
    assert int(line.year_reaching(9)) == 2031 and int(line.year_reaching(10)) == 2033
    assert round(line.predict(2040), 1) == 13.8
    assert round(curve.rate, 2) == 0.27 and int(curve.year_reaching(9)) == 2033
    assert round(curve.predict(2040), 1) == 9.8

# %% [markdown]
# Both fit the history well, and the straight line fits it *better*: an RMS misfit of 0.06 points against
# 0.13. Yet the line reaches 9 during 2031, passes the top of the scale during 2033 and claims 13.8 out of
# 10 by 2040, which means nothing. The logistic curve reaches 9 during 2033 and is still just below 10 in
# 2040. As with the power laws of chapter 1, the form you choose decides the extrapolation more than the
# quality of the fit, and a better fit in the past is no evidence of a better forecast.

# %% tags=["hide-input"]
years_ahead = np.linspace(history_years[0], 2040, 300)
fig, ax = plotting.new_figure("wide")
colour = plotting.PALETTE
ax.plot(history_years, history_mean, "o", color=colour["black"],
        label="your rating history")
ax.plot(years_ahead, line.predict(years_ahead), color=colour["vermillion"],
        label="linear fit")
ax.plot(years_ahead, curve.predict(years_ahead), color=colour["blue"],
        label="logistic fit")
ax.axhline(10, color=colour["black"], lw=1, ls=":", label="top of the scale")
ax.axhline(9, color=colour["purple"], lw=1, ls="--", label="level 9")
ax.axvline(year_now, color=colour["purple"], lw=1, ls="-.", label=f"now ({year_now})")
plotting.label_axes(ax, "Year [calendar year]", "Mean rating [0-10 points]", log="",
                    title="Same history, two trends, two answers")
plotting.legend_outside(ax, "right")
plotting.show(
    fig,
    alt=(
        f"Mean rating against year: eight points from {history_years[0]} to {year_now} "
        f"rising from {history_mean[0]} to {history_mean[-1]}, a straight-line fit "
        f"that crosses 9 around {line.year_reaching(9):.0f} and goes above the top of "
        "the scale, and a logistic fit that bends and reaches 9 around "
        f"{curve.year_reaching(9):.0f}, staying below 10."
    ),
)

# %% [markdown]
# ## A distribution, not a date
#
# The fitted rate is itself uncertain: eight opinions of past years do not pin it down, and the future may
# not follow the past. A Monte Carlo makes that uncertainty explicit. Draw many growth rates from a
# distribution that says what you believe, compute the crossing time for each draw, and report the
# spread of the answers.
#
# The model, stated in full:
#
# - every domain's log-odds $\log\frac{r_i}{10 - r_i}$ grow at the same rate $\lambda$ per year, starting from
#   your self-assessment (equation {eq}`eq-logistic-trend`, one curve per domain);
# - $\lambda$ is log-normal: its median is the logistic fit to your history, and the standard deviation
#   of $\log \lambda$ is `rate_spread`, your uncertainty (0.5 means a factor of $e^{0.5} \approx 1.6$ either way
#   covers about two draws in three);
# - the crossing time is when the mean over domains first reaches 9, or the minimum first reaches 7
#   (`forecast.crossing_time`, solved by bisection for every draw at once).
#
# The draws use a fixed seed, so the book shows the same numbers every time.

# %%
rate_median = curve.rate  # log-odds per year, from the logistic fit
rate_spread = 0.5  # standard deviation of log(rate): your uncertainty, edit it
n_draws = 4000
rates = forecast.sample_rates(rate_median, rate_spread, n_draws, seed=0)
within = np.mean(np.abs(np.log(rates / rate_median)) <= rate_spread)
print(f"a spread of {rate_spread} covers a factor of e^{rate_spread} = "
      f"{np.exp(rate_spread):.2f} either way in {within:.0%} of the draws")
years_to_mean_9 = forecast.crossing_time(ratings_now, rates, 9.0, statistic="mean")
years_to_min_7 = forecast.crossing_time(ratings_now, rates, 7.0, statistic="min")

print(f"{n_draws} draws of lambda, median {np.median(rates):.3f}/year")
print(f"years from {year_now}:     10th   50th   90th percentile, P(within 10 years)")
for name, t in (("mean reaches 9/10", years_to_mean_9),
                ("minimum reaches 7/10", years_to_min_7)):
    p10, p50, p90 = np.percentile(t, [10, 50, 90])
    print(f"{name:<21} {p10:>6.1f} {p50:>6.1f} {p90:>6.1f}   {np.mean(t <= 10):.0%}")

# %% tags=["remove-cell"]
assert n_draws == 4000 and len(history_years) == 8 and round(np.exp(0.5), 1) == 1.6
assert round(within, 2) in (0.67, 0.68, 0.69)
if _defaults:
    _p_mean = np.percentile(years_to_mean_9, [10, 50, 90])
    _p_min = np.percentile(years_to_min_7, [10, 50, 90])
    assert [round(x) for x in _p_mean] == [4, 8, 15]
    assert [round(x) for x in _p_min] == [3, 6, 12]
    assert round(100 * np.mean(years_to_mean_9 <= 10)) == 66
    assert round(100 * np.mean(years_to_min_7 <= 10)) == 81

# %% [markdown]
# With the default inputs, the mean reaches 9 after about 8 years in the median draw, but anywhere from
# about 4 to 15 years covers the middle 80% of draws. The weakest domain reaches 7 sooner, after about 6
# years (3 to 12). Ten years from now, 66% of the draws have the mean at 9 and 81% have the minimum at 7.
# That last pair of numbers is the forecast in a form someone can check: a probability for a dated event.
#
# Notice what the minimum question depends on: only the weakest domain, because all domains share one
# rate here. Raise your rating of long-horizon planning by a point and that answer moves, whatever you
# think of the other nine.

# %% tags=["hide-input"]
fig, ax = plotting.new_figure()
for t, name, colour in (
    (years_to_mean_9, "mean reaches 9/10", "blue"),
    (years_to_min_7, "minimum reaches 7/10", "vermillion"),
):
    share = np.arange(1, t.size + 1) / t.size
    ax.plot(np.sort(t), share, color=plotting.PALETTE[colour], label=name)
ax.axvline(10, color=plotting.PALETTE["purple"], lw=1, ls="--",
           label="10 years from now")
ax.set_xlim(0, 30)
plotting.label_axes(ax, f"Years from {year_now} [years]",
                    "Share of draws crossed [fraction]", log="",
                    title=f"Crossing times, {n_draws} draws of the growth rate")
ax.legend(loc="lower right")
plotting.show(
    fig,
    alt=(
        "Two cumulative distribution curves of crossing times over 4000 draws of the "
        "growth rate. The curve for the minimum reaching 7 lies left of the curve for "
        "the mean reaching 9; at 10 years they stand at "
        f"{np.mean(years_to_min_7 <= 10):.0%} and "
        f"{np.mean(years_to_mean_9 <= 10):.0%}."
    ),
)

# %% [markdown]
# ## Explore: how sure are you about the rate?
#
# The slider sets `rate_spread`, the standard deviation of $\log \lambda$. At 0 every draw has the median
# rate and the forecast collapses to a single date. The median crossing time barely moves as the spread
# grows, but the tails spread out fast, the late one fastest: that is what "uncertain" means in years. The
# slider starts at the spread used above, 0.5, with the same 4,000 draws, so the first figure shows the
# 4 to 15 years of the text.

# %% tags=["hide-input"]
spreads = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0, 1.2]
z_draws = forecast.sample_rates(1.0, 1.0, n_draws, seed=0)  # exp(Z): the text's draws


def draw_spread(spread):
    """Histogram of years until the mean reaches 9, with log(rate) spread ``spread``."""
    t = forecast.crossing_time(ratings_now, rate_median * z_draws**spread, 9.0)
    p10, p50, p90 = np.percentile(t, [10, 50, 90])
    fig, ax = plotting.new_figure()
    ax.hist(np.clip(t, 0, 40), bins=np.linspace(0, 40, 81),
            color=plotting.PALETTE["sky"])
    for q, ls in ((p10, ":"), (p50, "-"), (p90, ":")):
        ax.axvline(q, color=plotting.PALETTE["blue"], ls=ls)
    plotting.label_axes(ax, f"Years from {year_now} until the mean reaches 9 [years]",
                        "Draws [count]", log="",
                        title=f"spread {spread:.1f}: 80% in {p10:.1f}-{p90:.1f} years")
    return plotting.show(
        fig,
        alt=(
            f"Histogram of {n_draws} crossing times with rate spread {spread:.1f}: "
            f"median {p50:.1f} years, 10th percentile {p10:.1f}, 90th percentile "
            f"{p90:.1f} (values past 40 years drawn at 40)."
        ),
    )


widgets.explorer(draw_spread, spreads, label="Spread of log λ [-]",
                 fmt=lambda s: f"{s:.1f}", start=spreads.index(rate_spread))

# %% tags=["remove-cell"]
# The first frame shows the numbers of the text: the same draws at the same spread.
assert spreads.index(rate_spread) == 5 and rate_spread == 0.5
assert np.allclose(rate_median * z_draws**rate_spread, rates)

# %% [markdown]
# ## Scenarios are parameter sets
#
# "Best case", "worst case" and "most likely" mean nothing until each is written down as numbers. A
# `forecast.Scenario` holds four: the median growth rate of the log-odds, its spread, a `delay` in years
# before growth starts (a stall while, say, data or energy runs short) and a `ceiling`, a rating that
# progress cannot pass in this scenario (10 means none). The values below are illustrations to edit, not
# predictions.

# %%
scenarios = [
    forecast.Scenario("fast", rate_median=1.5 * rate_median, rate_spread=0.3),
    forecast.Scenario("most likely", rate_median=rate_median, rate_spread=0.5),
    forecast.Scenario("slow", rate_median=0.5 * rate_median, rate_spread=0.5,
                      delay=3.0),
    forecast.Scenario("stall", rate_median=rate_median, rate_spread=0.5, ceiling=8.5),
]
lines = [f"{'scenario':<12} {'lambda':>8} {'spread':>6} {'delay':>6} {'ceiling':>7} | "
         f"{'median [years]':>14} {'P(10 y)':>7}"]
scenario_results = {}
for s in scenarios:
    t = s.crossing_times(ratings_now, 9.0, n=n_draws, seed=0)
    scenario_results[s.name] = t
    median = np.median(t)
    median_text = f"{median:.1f}" if np.isfinite(median) else "never"
    lines.append(f"{s.name:<12} {s.rate_median:>8.3f} {s.rate_spread:>6.1f} "
                 f"{s.delay:>6.1f} {s.ceiling:>7.1f} | "
                 f"{median_text:>14} {np.mean(t <= 10):>7.0%}")
print("\n".join(lines))

# %% tags=["remove-cell"]
# Same seed, same draws:
assert np.array_equal(scenario_results["most likely"], years_to_mean_9)
assert np.all(np.isinf(scenario_results["stall"]))
_within_10 = {name: np.mean(t <= 10) for name, t in scenario_results.items()}
assert _within_10["slow"] < _within_10["most likely"] < _within_10["fast"]

# %% [markdown]
# The columns on the right are the median number of years until the mean reaches 9 and the probability
# that it does within 10 years. The "most likely" scenario reproduces the Monte Carlo above, draw for draw, because it uses the same seed.
# The "stall" scenario never gets there: with a ceiling of 8.5 on every domain the mean can never reach 9,
# however fast the growth. A single ceiling parameter can turn "a decade" into "never", which is why it
# must be stated and argued for, not left implicit.

# %% [markdown]
# ## Which input matters most?
#
# A forecast is only as good as the inputs it is most sensitive to, so find them. Move one input at a
# time from a low to a high value, keep the others at their base values, and record the answer each time.
# `forecast.swing` does this for the rate, the delay and the ceiling. The cell adds a fourth input, all
# your ratings shifted down or up by one point. The answer is the number of years until the mean reaches
# 9 at the median rate.

# %%
base = (rate_median, 0.0, 10.0)  # rate [1/year], delay [years], ceiling [rating points]
low = (0.5 * rate_median, 0.0, 9.2)
high = (2.0 * rate_median, 3.0, 10.0)
swings = forecast.swing(ratings_now, 9.0, base, low, high)
base_years = forecast.crossing_time(ratings_now, rate_median, 9.0)
shifted = [forecast.crossing_time(np.clip(ratings_now + d, 0.5, 9.5), rate_median, 9.0)
           for d in (-1.0, 1.0)]
inputs = ["growth rate x0.5 / x2", "delay 0 / 3 years", "ceiling 9.2 / 10",
          "ratings -1 / +1 point"]
answers = np.vstack([swings, shifted])
print(f"base answer: {base_years:.1f} years")
print(f"{'input (low / high)':<24} {'low':>6} {'high':>6} {'range':>6}  [years]")
for name, (a_low, a_high) in zip(inputs, answers, strict=True):
    print(f"{name:<24} {a_low:>6.1f} {a_high:>6.1f} {abs(a_high - a_low):>6.1f}")

# %% tags=["remove-cell"]
_range = np.abs(answers[:, 1] - answers[:, 0])
assert np.argmax(_range) == 0  # the growth rate moves the answer most
assert np.isclose(answers[0, 0], 2 * base_years)
assert np.isclose(answers[0, 1], base_years / 2)
assert np.isclose(answers[1, 1], base_years + 3.0)
if _defaults:
    assert round(_range[0]) == 12 and round(_range[3], 1) == 3.3 and _range[2] < 1

# %% [markdown]
# A tornado chart sorts these swings, largest at the top. Halving or doubling the growth rate moves the
# answer the most, by 12 years: the crossing time is inversely proportional to the rate, so halving it
# doubles the wait. Shifting every rating by one point moves it by about 3.3 years, and a three-year stall
# adds exactly three. A ceiling at 9.2, just above the target, adds less than a year, because only the
# last few tenths of the climb slow down. The lesson is general: argue hardest about the input at the top
# of the chart, here the growth rate, which is also the input you know least about.

# %% tags=["hide-input"]
order = np.argsort(np.abs(answers[:, 1] - answers[:, 0]))
fig, ax = plotting.new_figure("wide")
for row, i in enumerate(order):
    a_low, a_high = answers[i]
    ax.barh(row, a_low - base_years, left=base_years, color=plotting.PALETTE["sky"],
            label="low value" if row == 0 else None)
    ax.barh(row, a_high - base_years, left=base_years, color=plotting.PALETTE["orange"],
            label="high value" if row == 0 else None)
ax.axvline(base_years, color=plotting.PALETTE["black"], lw=1)
ax.set_yticks(range(len(order)), [inputs[i] for i in order])
plotting.label_axes(ax, "Years until the mean reaches 9 [years]", "Input [low / high]",
                    log="", title=f"Sensitivity (base {base_years:.1f} years)")
ax.grid(axis="y", visible=False)
plotting.legend_outside(ax, "below")
plotting.show(
    fig,
    alt=(
        "Tornado chart of the years until the mean rating reaches 9, around a base of "
        f"{base_years:.1f} years. The widest bar by far is the growth rate (half or "
        "double), then shifting every rating by one point, a three-year delay, and "
        "the narrowest, a ceiling just above the target."
    ),
)

# %% tags=["remove-cell"]
if _defaults:
    # rate, ratings, delay, ceiling: as the alt text says
    assert list(order[::-1]) == [0, 3, 1, 2]

# %% [markdown]
# ## How to be wrong well
#
# Every forecast about the future of AI will be wrong in some way. What you can control is whether you
# learn from it. That takes three habits.
#
# 1. **State a probability for a dated, checkable event**, not a vibe. "The mean of my ratings reaches 9 by
#    the end of 2036: 66%" can be checked. "AI will be transformative soon" cannot.
# 2. **Score your forecasts.** The Brier score {cite:p}`brier1950verification` of $n$ forecasts $q_i$
#    (probabilities) for events with outcomes $o_i$ (1 if it happened, else 0) is the mean squared error,
#
#    $$
#    \text{BS} = \frac{1}{n} \sum_{i=1}^{n} (q_i - o_i)^2.
#    $$ (eq-forecast-brier)
#
#    It is 0 for a perfect forecaster and 0.25 for one who always says 50%. Lower is better, and it rewards
#    being honest: your expected score is best when you report the probability you actually believe.
# 3. **Keep a log** written at the time, so that you cannot quietly revise what you said.

# %% tags=["remove-cell"]
if _defaults:
    assert year_now + 10 == 2036 and round(100 * np.mean(years_to_mean_9 <= 10)) == 66

# %% [markdown]
# To see why honesty pays, the cell simulates 500 events whose true probabilities are spread evenly
# between 0 and 1. Three forecasters see the true probability. One reports it, one pushes it towards 0 or 1
# (overconfident: it triples the log-odds), and one always says 50%.

# %%
rng = np.random.default_rng(7)
true_p = rng.uniform(0, 1, 500)
happened = (rng.uniform(0, 1, 500) < true_p).astype(int)
log_odds = np.log(true_p / (1 - true_p))
forecasters = {
    "calibrated (reports p)": true_p,
    "overconfident (3x log-odds)": 1 / (1 + np.exp(-3 * log_odds)),
    "always 50%": np.full(500, 0.5),
}
brier = {name: forecast.brier_score(p, happened) for name, p in forecasters.items()}
for name, score in brier.items():
    print(f"{name:<28} Brier score {score:.3f}")
print(f"expected for the calibrated one, E[p(1 - p)], p uniform: {1 / 6:.3f}")

# %% tags=["remove-cell"]
assert true_p.size == 500
assert brier["calibrated (reports p)"] < brier["overconfident (3x log-odds)"]
assert brier["overconfident (3x log-odds)"] < brier["always 50%"] == 0.25
assert round(brier["calibrated (reports p)"], 2) == 0.18 and round(1 / 6, 2) == 0.17
assert round(brier["overconfident (3x log-odds)"], 2) == 0.22

# %% [markdown]
# The calibrated forecaster scores best, about 0.18 on these 500 events (0.17 expected). The
# overconfident one leans the same way on every event, but it pays heavily for its confident misses and
# scores about 0.22. Always saying 50% scores exactly 0.25, whatever happens.
#
# ```{exercise}
# :label: ex-brier-constant
#
# A forecaster says 70% for every event in a long series, and 70% of the events happen. What is the Brier
# score? Compare it with always saying 50%.
# ```
#
# ```{solution} ex-brier-constant
# :class: dropdown
#
# A fraction 0.7 of the terms are $(0.7 - 1)^2 = 0.09$ and 0.3 are $(0.7 - 0)^2 = 0.49$, so the score is
# $0.7 \times 0.09 + 0.3 \times 0.49 = 0.21$, better than 0.25. Calibration alone helps, but only a little:
# to score much lower you also need to tell events apart.
# ```

# %% tags=["remove-cell"]
assert np.isclose(forecast.brier_score(np.full(10, 0.7), [1] * 7 + [0] * 3), 0.21)

# %% [markdown]
# ### A forecast log
#
# `forecast.log_forecast` appends a forecast to a small CSV file: the question (a statement that will be
# true or false), your probability, the date you made it and the date by which it resolves.
# `forecast.resolve_forecast` records the outcome when the date comes, and `forecast.score_forecast_log`
# gives the Brier score of the resolved ones. The cell writes a log to a temporary folder, so building
# this book leaves no file behind. In your own copy, point `log_path` at a file you keep.
#
# The three forecasts come from the Monte Carlo above, so they say exactly what your inputs imply.

# %%
made_on = "2026-11-22"  # the date you make the forecasts
in_5, in_10 = f"{year_now + 5}-12-31", f"{year_now + 10}-12-31"
questions = {  # question: (probability, resolution date)
    f"My mean rating reaches 9/10 by {in_5}": (np.mean(years_to_mean_9 <= 5), in_5),
    f"My mean rating reaches 9/10 by {in_10}": (np.mean(years_to_mean_9 <= 10), in_10),
    f"My lowest rating reaches 7/10 by {in_10}": (np.mean(years_to_min_7 <= 10), in_10),
}
with tempfile.TemporaryDirectory() as folder:
    log_path = Path(folder) / "forecast_log.csv"
    for question, (probability, resolve_by) in questions.items():
        forecast.log_forecast(log_path, question, round(float(probability), 2),
                              made_on=made_on, resolve_by=resolve_by)
    print(log_path.read_text())
    print("before any outcome:", forecast.score_forecast_log(log_path))
    # Years later, record what happened. These outcomes are invented, for the scoring.
    first, second, _ = questions
    forecast.resolve_forecast(log_path, first, 0)
    forecast.resolve_forecast(log_path, second, 1)
    log_score = forecast.score_forecast_log(log_path)
    print("with two invented outcomes:", log_score)

# %% tags=["remove-cell"]
assert not log_path.exists()  # the temporary folder is gone
assert log_score["resolved"] == 2 and log_score["open"] == 1
_p1, _p2 = (round(float(p), 2) for p, _ in list(questions.values())[:2])
assert np.isclose(log_score["brier"], (_p1**2 + (1 - _p2) ** 2) / 2)

# %% [markdown]
# A log like this is dull on the day you write it and invaluable later. After a few dozen resolved
# questions your Brier score tells you whether your sense of "likely" deserves trust, and on which kind of
# question it does not.
#
# ## Reflection: does alignment scale with capabilities?
#
# Scaling laws describe how loss falls with compute. Nobody has a comparable law for how well a model
# does what its developers intend. This reflection asks you to reason about that gap with the tools of
# this chapter rather than with slogans. It is not graded: the exercise notebook has the prompt, space
# for your answer and an example answer to compare with afterwards.
#
# **Prompt.** Pick three concrete, documented kinds of failure of deployed language models (for example a
# kind of factual error, a way instructions are circumvented, or a way a model misreports its own
# reasoning). For each, say what evidence would show whether it gets better, stays the same or gets worse
# as models scale, and what you currently believe, as a probability. Then state one forecast about it in
# the form of the log above: a dated, checkable question and a probability.
#
# **Rubric** (for yourself or a peer; about 400-600 words):
#
# | criterion | what a strong answer does |
# |---|---|
# | concrete failures | names specific, documented behaviours, with a source, not "AI might go rogue" |
# | evidence, not vibes | says what measurement would show the trend, and over which range of scale |
# | separates loss from behaviour | does not assume a lower loss means better or worse behaviour |
# | uncertainty stated | gives probabilities, and says which input its view is most sensitive to |
# | checkable | ends with at least one dated question someone could resolve |
#
# ## Summary
#
# - Scaling laws forecast loss, in nats per token, within and somewhat beyond a measured range. Training
#   compute of notable models has grown about 4.7 times a year {cite:p}`sevilla2024frontier`; no published
#   law maps the loss it buys to capability ratings. That step is opinion, and should be labelled so.
# - A linear and a logistic trend can both fit the same history well and still disagree about the
#   future; the line runs off the top of the scale.
# - A Monte Carlo over the growth rate turns "when?" into a distribution of crossing times and a
#   probability for a dated event.
# - Scenarios are parameter sets. A ceiling can turn "a decade" into "never", and a tornado chart shows
#   which input deserves the argument.
# - Score probabilities with the Brier score, keep a dated log, and let the log tell you how far to trust
#   your next forecast.
#
# ## Exercises
#
# <a href="exercises.html#set-07_forecasting">Exercise set 7</a> opens in Binder, Colab or a JupyterHub from
# its row on the Exercises page; in a clone of the repository it is `exercises/07_forecasting.ipynb`. It has
# four graded tasks and one reflection:
#
# - `fit_logistic(years, ratings)`: fit a logistic trend with ceiling 10 to a rating history;
# - `years_until(ratings, rates, level, statistic)`: crossing times for given draws of the growth rate;
# - `tornado(ratings, level, base, low, high)`: one-at-a-time sensitivity of a crossing time;
# - `brier(probabilities, outcomes)`: the Brier score, refusing probabilities outside 0-1;
# - the alignment-scaling reflection above (ungraded).

# %% tags=["remove-cell"]
# Summary numbers, pinned once more against the helpers.
assert forecast.EPOCH_2024_COMPUTE_GROWTH["factor_per_year"] == 4.7
assert np.all(np.isinf(scenario_results["stall"]))
