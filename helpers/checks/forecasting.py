"""Checks for exercise set 7, "Forecasting" (solutions/07_forecasting.ipynb).

Expected values come from the book's reference implementations in ``helpers.forecast``. Every input is
fixed here (the random draws of a growth rate are passed in as an array), so each task is deterministic.
"""

from __future__ import annotations

import numpy as np

from helpers import forecast
from helpers.grading import Case, ExerciseSet, Task, close_to, raises

_YEARS = np.arange(2016, 2026).astype(float)
_EXACT = 10.0 / (1.0 + np.exp(-0.35 * (_YEARS - 2027.0)))
_NOISY = np.clip(_EXACT + np.random.default_rng(5).normal(0.0, 0.1, _YEARS.size), 0.1, 9.9)
_HISTORY = np.array([1.5, 2.0, 2.6, 3.2, 3.9, 4.5, 5.0, 5.5])
_HISTORY_YEARS = np.arange(2019, 2027).astype(float)

_RATINGS = np.array([8.0, 7.0, 7.0, 6.0, 5.0, 6.0, 4.0, 3.0, 5.0, 4.0])
_RATINGS_B = np.array([9.0, 6.5, 2.0, 8.0])
_RATES = forecast.sample_rates(0.27, 0.5, 12, seed=11)  # log-odds per year: fixed draws
_RATES_B = np.array([0.1, 0.25, 0.5, 1.0, 2.0])


def _logistic(years, ratings):
    fit = forecast.fit_logistic_trend(years, ratings)
    return (fit.midpoint, fit.rate)


fit_logistic = Task(
    id="7.1",
    function="fit_logistic",
    title="Fit a logistic trend to a rating history",
    points=3,
    cases=(
        Case(
            args=(_YEARS, _EXACT),
            judge=close_to((2027.0, 0.35), rtol=1e-4),
            describe="fit_logistic(2016..2025, an exact logistic with midpoint 2027 and rate 0.35)",
        ),
        Case(
            args=(_YEARS, _NOISY),
            judge=close_to(_logistic(_YEARS, _NOISY), rtol=1e-3),
            describe="fit_logistic(2016..2025, a noisy logistic history)",
        ),
        Case(
            args=(_HISTORY_YEARS, _HISTORY),
            judge=close_to(_logistic(_HISTORY_YEARS, _HISTORY), rtol=1e-3),
            describe="fit_logistic(2019..2026, the chapter's default history)",
        ),
        Case(
            args=(_YEARS, np.where(_YEARS == 2020, 11.0, _EXACT)),
            judge=raises("ValueError"),
            describe="fit_logistic with a rating of 11 on a 0-10 scale",
        ),
    ),
    reimplements=(forecast.fit_logistic_trend,),
    hint="Define f(t, midpoint, rate) = 10 / (1 + exp(-rate * (t - midpoint))) and call "
    "scipy.optimize.curve_fit(f, years, ratings, p0=(years.mean(), 1.0)); return (midpoint, rate). Check first "
    "that every rating lies in [0, 10].",
)

years_until = Task(
    id="7.2",
    function="years_until",
    title="Crossing times for given draws of the growth rate",
    points=3,
    cases=(
        Case(
            args=(_RATINGS, _RATES, 9.0, "mean"),
            judge=close_to(forecast.crossing_time(_RATINGS, _RATES, 9.0, statistic="mean"), rtol=1e-6),
            describe="years_until(the chapter's ratings, 12 draws of the rate, 9.0, 'mean')",
        ),
        Case(
            args=(_RATINGS, _RATES, 7.0, "min"),
            judge=close_to(forecast.crossing_time(_RATINGS, _RATES, 7.0, statistic="min"), rtol=1e-6),
            describe="years_until(the chapter's ratings, 12 draws of the rate, 7.0, 'min')",
        ),
        Case(
            args=(_RATINGS_B, _RATES_B, 7.5, "mean"),
            judge=close_to(forecast.crossing_time(_RATINGS_B, _RATES_B, 7.5, statistic="mean"), rtol=1e-6),
        ),
        Case(
            args=(_RATINGS_B, _RATES_B, 6.0, "mean"),
            judge=close_to(np.zeros(5), atol=1e-12),
            describe="years_until with the mean (6.375) already above the level 6.0",
        ),
    ),
    reimplements=(forecast.crossing_time,),
    hint="Each domain's log-odds log(r / (10 - r)) grow by `rate` per year. For one rate, the mean over "
    "domains of 10 / (1 + exp(-(z_i + rate * t))) never decreases with t, so find where it reaches the level "
    "by bisection (or scipy.optimize.brentq) between 0 and the time the lowest domain needs to reach the "
    "level. The minimum has a closed form. Return 0 when the statistic is already at the level.",
)

_BASE, _LOW, _HIGH = (0.27, 0.0, 10.0), (0.135, 0.0, 9.2), (0.54, 3.0, 10.0)

tornado = Task(
    id="7.3",
    function="tornado",
    title="One-at-a-time sensitivity of a crossing time",
    points=2,
    cases=(
        Case(
            args=(_RATINGS, 9.0, _BASE, _LOW, _HIGH),
            judge=close_to(forecast.swing(_RATINGS, 9.0, _BASE, _LOW, _HIGH), rtol=1e-6),
            describe="tornado(the chapter's ratings, 9.0, base, low, high)",
        ),
        Case(
            args=(_RATINGS, 7.0, _BASE, (0.2, 1.0, 8.0), (0.4, 2.0, 9.5)),
            judge=close_to(forecast.swing(_RATINGS, 7.0, _BASE, (0.2, 1.0, 8.0), (0.4, 2.0, 9.5)), rtol=1e-6),
        ),
        Case(
            args=(_RATINGS_B, 8.0, (1.0, 0.5, 10.0), (0.5, 0.0, 9.0), (2.0, 4.0, 10.0)),
            judge=close_to(
                forecast.swing(_RATINGS_B, 8.0, (1.0, 0.5, 10.0), (0.5, 0.0, 9.0), (2.0, 4.0, 10.0)),
                rtol=1e-6,
            ),
        ),
    ),
    reimplements=(forecast.swing, forecast.crossing_time),
    hint="For each input i in (rate, delay, ceiling), copy base, set input i to its low value and compute the "
    "crossing time of the mean, then do the same with its high value: row i is (time at low, time at high). "
    "A delay adds its years; a ceiling caps every domain's growth (a domain already above it keeps its rating).",
)

brier = Task(
    id="7.4",
    function="brier",
    title="Brier score of probability forecasts",
    points=2,
    cases=(
        Case(args=([0.5, 0.5, 0.5], [1, 0, 1]), judge=close_to(0.25, rtol=1e-12)),
        Case(
            args=(np.array([0.9, 0.2, 0.6, 0.05]), np.array([1, 0, 0, 0])),
            judge=close_to(forecast.brier_score([0.9, 0.2, 0.6, 0.05], [1, 0, 0, 0]), rtol=1e-9),
        ),
        Case(args=([1.0, 0.0], [1, 0]), judge=close_to(0.0, atol=1e-12)),
        Case(
            args=([0.7, 1.3], [1, 0]),
            judge=raises("ValueError"),
            describe="brier([0.7, 1.3], [1, 0]), a probability above 1",
        ),
        Case(
            args=([0.7, 0.3], [1, 2]),
            judge=raises("ValueError"),
            describe="brier([0.7, 0.3], [1, 2]), an outcome that is neither 0 nor 1",
        ),
    ),
    reimplements=(forecast.brier_score,),
    hint="The Brier score is the mean of (p - o)**2. Raise ValueError when a probability lies outside [0, 1] "
    "or an outcome is not 0 or 1.",
)

EXERCISE_SET = ExerciseSet(
    name="07_forecasting",
    title="Forecasting",
    tasks=(fit_logistic, years_until, tornado, brier),
)
