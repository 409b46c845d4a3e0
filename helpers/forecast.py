"""Forecasting: trend fits to a rating history, crossing times under uncertainty, Brier scores, a forecast log.

Ratings are on a 0-10 scale (10 = the top of the scale the forecaster chose, e.g. "as good as a skilled
human on every task of the domain"). They are opinions, not measurements: this module only does the
arithmetic of turning stated beliefs into stated forecasts and of scoring those forecasts later.

Two growth models for a rating ``r`` (points on the 0-10 scale) over time ``t`` (years):

- *linear*: ``r(t) = r0 + g t`` with ``g`` in rating points per year, capped at 10;
- *logistic*: ``r(t) = 10 / (1 + exp(-(z0 + k t)))`` with ``z0 = logit(r0 / 10)``: the log-odds
  ``logit(r / 10)`` grow by ``k`` per year (``k`` in 1/year). Progress is fastest at 5 and slows near 10.

A scenario can also stall progress for ``delay`` years before growth starts and stop it at a ``ceiling``
below 10. Compute-trend constants (Sevilla et al. 2022; Epoch AI 2024) give context for growth rates of
the *inputs*; no published constant maps compute to these ratings.

The Brier score (Brier 1950) of probability forecasts ``p`` for binary outcomes ``o`` is ``mean((p - o)^2)``:
0 is perfect, 0.25 is what always saying 50% earns, lower is better.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import optimize

from helpers._validate import as_float_array, in_range, like_input, positive, same_length

__all__ = [
    "EPOCH_2024_COMPUTE_GROWTH",
    "SEVILLA_2022_DOUBLING_MONTHS",
    "Scenario",
    "annual_factor_from_doubling",
    "brier_score",
    "crossing_time",
    "doubling_months_from_annual_factor",
    "fit_linear_trend",
    "fit_logistic_trend",
    "log_forecast",
    "project_ratings",
    "read_forecast_log",
    "resolve_forecast",
    "sample_rates",
    "score_forecast_log",
    "swing",
]

SCALE_MAX = 10.0  # the top of the rating scale
RATING_UNIT = "rating points on a 0-10 scale"
MODELS = ("linear", "logistic")
STATISTICS = ("mean", "min")

#: Doubling time of training compute of notable ML systems, in months, in the three eras of Sevilla et al.
#: 2022, "Compute Trends Across Three Eras of Machine Learning" (arXiv 2202.05924), abstract: about 20
#: months before 2010, about 6 months in the deep-learning era, about 10 months in the large-scale era
#: (from late 2015).
SEVILLA_2022_DOUBLING_MONTHS = {"pre-deep-learning": 20.0, "deep-learning": 6.0, "large-scale": 10.0}

#: Growth of the training compute of notable models, as a factor per year (2010 to May 2024), with its 90%
#: interval: Sevilla and Roldán, Epoch AI 2024, "Training compute of frontier AI models grows by 4-5x per
#: year" (4.7x per year, 90% CI 4.3-5.2).
EPOCH_2024_COMPUTE_GROWTH = {"factor_per_year": 4.7, "ci90": (4.3, 5.2)}


# ---------------------------------------------------------------------------------------------- compute trends


def annual_factor_from_doubling(months):
    """Growth factor per year of a quantity that doubles every ``months`` months: 2 ** (12 / months)."""
    m = positive("months", months, "months")
    return like_input(2.0 ** (12.0 / m), months)


def doubling_months_from_annual_factor(factor):
    """Doubling time in months of a quantity that grows by ``factor`` (> 1) per year: 12 ln 2 / ln factor."""
    f = as_float_array("factor", factor, "growth factor per year")
    if np.any(f <= 1):
        raise ValueError(f"factor must be > 1 (growth factor per year); got {f[f <= 1].flat[0]!r}")
    return like_input(12.0 * np.log(2.0) / np.log(f), factor)


# ---------------------------------------------------------------------------------------------- growth models


def _model(model: str) -> str:
    if model not in MODELS:
        raise ValueError(f"model must be one of {MODELS}; got {model!r}")
    return model


def _ratings(ratings, model: str) -> np.ndarray:
    if model == "logistic":  # the log-odds of 0 and 10 are infinite
        arr = in_range("ratings", ratings, RATING_UNIT, 0.0, SCALE_MAX, low_open=True, high_open=True)
    else:
        arr = in_range("ratings", ratings, RATING_UNIT, 0.0, SCALE_MAX)
    if arr.ndim != 1:
        raise ValueError(f"ratings must be a 1-D array, one rating per domain; got shape {arr.shape}")
    return arr


def _logit(r):
    return np.log(r / (SCALE_MAX - r))


def _grown(ratings: np.ndarray, rates: np.ndarray, years: np.ndarray, model: str) -> np.ndarray:
    """Ratings after ``years`` of growth, uncapped except at 10: broadcasts rates/years against ratings."""
    if model == "linear":
        return np.minimum(SCALE_MAX, ratings + rates * years)
    with np.errstate(over="ignore"):
        return SCALE_MAX / (1.0 + np.exp(-(_logit(ratings) + rates * years)))


def _years_to(ratings: np.ndarray, rates: np.ndarray, value: float, model: str) -> np.ndarray:
    """Years of growth for each rating to reach ``value`` (0 if already there; inf if rate <= 0)."""
    if model == "linear":
        gap = value - ratings
    else:
        gap = _logit(np.asarray(value, dtype=float)) - _logit(ratings)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(gap <= 0, 0.0, np.where(rates > 0, gap / np.where(rates > 0, rates, 1.0), np.inf))
    return t


def project_ratings(ratings, rate, years, *, model="logistic", delay=0.0, ceiling=SCALE_MAX):
    """Ratings of each domain after ``years`` years (shape ``years.shape + (domains,)``).

    ``rate`` is in rating points per year (linear) or log-odds per year (logistic); nothing grows during
    the first ``delay`` years; growth stops at ``ceiling``; a rating already above the ceiling stays.
    """
    model = _model(model)
    r = _ratings(ratings, model)
    k = as_float_array("rate", rate, "1/year" if model == "logistic" else "rating points per year")
    t = as_float_array("years", years, "years")
    d = float(in_range("delay", delay, "years", 0.0, np.inf))
    c = float(in_range("ceiling", ceiling, RATING_UNIT, 0.0, SCALE_MAX, low_open=True))
    growing = np.maximum(t - d, 0.0)[..., None]
    grown = _grown(r, k[..., None] if k.ndim else k, growing, model)
    return np.maximum(r, np.minimum(c, grown))


def crossing_time(ratings, rates, level, *, statistic="mean", model="logistic", delay=0.0, ceiling=SCALE_MAX):
    """Years until the mean (or minimum) rating over domains first reaches ``level``, for each growth rate.

    ``rates`` may be one number or an array of draws (one crossing time per draw). Returns 0 when the
    statistic is already at or above ``level`` and ``inf`` when it never gets there (a rate <= 0, or a
    ceiling that keeps it below ``level``). Solved by bisection to about 1e-12 years: the statistic never
    decreases with time.
    """
    model = _model(model)
    if statistic not in STATISTICS:
        raise ValueError(f"statistic must be one of {STATISTICS}; got {statistic!r}")
    r = _ratings(ratings, model)
    k = as_float_array("rates", rates, "1/year" if model == "logistic" else "rating points per year")
    lvl = float(in_range("level", level, RATING_UNIT, 0.0, SCALE_MAX, low_open=True, high_open=True))
    d = float(in_range("delay", delay, "years", 0.0, np.inf))
    c = float(in_range("ceiling", ceiling, RATING_UNIT, 0.0, SCALE_MAX, low_open=True))
    stat = np.mean if statistic == "mean" else np.min
    kk = np.atleast_1d(k)

    def value_at(t):  # the statistic after t years of growth, one per draw
        return stat(np.maximum(r, np.minimum(c, _grown(r, kk[:, None], t[:, None], model))), axis=-1)

    now = stat(r)
    final = stat(np.maximum(r, c))
    # After the lowest domain reaches min(level, ceiling), the statistic is at its final value or >= level.
    upper = _years_to(np.array([r.min()]), kk, min(lvl, c), model)
    lo, hi = np.zeros_like(kk), np.where(np.isfinite(upper), upper, 0.0)
    for _ in range(80):
        mid = 0.5 * (lo + hi)
        reached = value_at(mid) >= lvl
        hi, lo = np.where(reached, mid, hi), np.where(reached, lo, mid)
    t = np.where(now >= lvl, 0.0, np.where((final >= lvl) & (kk > 0), d + hi, np.inf))
    return like_input(t.reshape(k.shape), rates)


def sample_rates(median, spread, n, *, seed=0):
    """``n`` growth rates drawn log-normally: median * exp(spread * Z), Z standard normal (fixed seed).

    ``spread`` is the standard deviation of the log of the rate (0 gives ``n`` copies of ``median``).
    """
    m = float(positive("median", median, "growth rate per year"))
    s = float(in_range("spread", spread, "standard deviation of log rate", 0.0, np.inf))
    if int(n) != n or n < 1:
        raise ValueError(f"n must be a whole number >= 1 of draws; got {n!r}")
    z = np.random.default_rng(seed).standard_normal(int(n))
    return m * np.exp(s * z)


@dataclass(frozen=True)
class Scenario:
    """An explicit set of forecast inputs: growth (median and spread of the rate), a stall and a ceiling.

    ``rate_median`` is in log-odds per year (logistic model); ``rate_spread`` is the standard deviation of
    log(rate); ``delay`` is in years; ``ceiling`` in rating points (10 = no ceiling).
    """

    name: str
    rate_median: float
    rate_spread: float
    delay: float = 0.0
    ceiling: float = SCALE_MAX

    def crossing_times(self, ratings, level, *, statistic="mean", n=2000, seed=0):
        """Crossing times [years] for ``n`` log-normal draws of the rate (logistic model, fixed seed)."""
        rates = sample_rates(self.rate_median, self.rate_spread, n, seed=seed)
        return crossing_time(
            ratings, rates, level, statistic=statistic, delay=self.delay, ceiling=self.ceiling
        )


def swing(ratings, level, base, low, high, *, statistic="mean"):
    """One-at-a-time sensitivity of a crossing time to (rate, delay, ceiling), logistic model.

    ``base``, ``low`` and ``high`` are (rate [1/year], delay [years], ceiling [rating points]) tuples. Row
    ``i`` of the (3, 2) result holds the crossing time [years] with input ``i`` set to its low and then its
    high value, the other two at base. The rows are the bars of a tornado chart.
    """
    base_arr, low_arr, high_arr = (as_float_array(n, v, "(rate, delay, ceiling)") for n, v in
                                   (("base", base), ("low", low), ("high", high)))
    for name, arr in (("base", base_arr), ("low", low_arr), ("high", high_arr)):
        if arr.shape != (3,):
            raise ValueError(f"{name} must be a (rate, delay, ceiling) tuple; got shape {arr.shape}")
    out = np.empty((3, 2))
    for i in range(3):
        for j, end in enumerate((low_arr, high_arr)):
            rate, delay, ceiling = np.where(np.arange(3) == i, end, base_arr)
            out[i, j] = crossing_time(ratings, rate, level, statistic=statistic, delay=delay, ceiling=ceiling)
    return out


# ---------------------------------------------------------------------------------------------- trend fits


@dataclass(frozen=True)
class LinearTrend:
    """r(year) = intercept + slope * (year - year0); slope in rating points per year."""

    slope: float
    intercept: float
    year0: float

    def predict(self, years):
        """The trend at ``years`` [calendar years], not capped: a line crosses 10 and keeps going."""
        y = as_float_array("years", years, "years")
        return like_input(self.intercept + self.slope * (y - self.year0), years)

    def year_reaching(self, level: float) -> float:
        """The calendar year the line reaches ``level`` (inf if it never does)."""
        if self.slope <= 0:
            return np.inf if self.predict(self.year0) < level else -np.inf
        return self.year0 + (level - self.intercept) / self.slope


@dataclass(frozen=True)
class LogisticTrend:
    """r(year) = 10 / (1 + exp(-rate * (year - midpoint))); rate in 1/year, midpoint a calendar year."""

    midpoint: float
    rate: float

    def predict(self, years):
        """The trend at ``years`` [calendar years], always between 0 and 10."""
        y = as_float_array("years", years, "years")
        return like_input(_logistic(y, self.midpoint, self.rate), years)

    def year_reaching(self, level: float) -> float:
        """The calendar year the curve reaches ``level`` (0 < level < 10)."""
        lvl = float(in_range("level", level, RATING_UNIT, 0.0, SCALE_MAX, low_open=True, high_open=True))
        return self.midpoint + float(_logit(lvl)) / self.rate


def _logistic(years, midpoint, rate):
    with np.errstate(over="ignore"):
        return SCALE_MAX / (1.0 + np.exp(-rate * (years - midpoint)))


def _history(years, ratings):
    y = as_float_array("years", years, "calendar years")
    r = in_range("ratings", ratings, RATING_UNIT, 0.0, SCALE_MAX)
    same_length(years=y, ratings=r)
    if np.unique(y).size < 2:
        raise ValueError(f"years must hold at least two distinct values to fit a trend; got {y.tolist()}")
    return y, r


def fit_linear_trend(years, ratings) -> LinearTrend:
    """Least-squares line through a rating history; ``year0`` is the last year of the history."""
    y, r = _history(years, ratings)
    slope, intercept = np.polyfit(y - y.max(), r, 1)
    return LinearTrend(slope=float(slope), intercept=float(intercept), year0=float(y.max()))


def fit_logistic_trend(years, ratings) -> LogisticTrend:
    """Least-squares logistic curve with ceiling 10 through a rating history (ratings, not log-odds).

    ``scipy.optimize.curve_fit`` starts from midpoint = mean year, rate = 1/year.
    """
    y, r = _history(years, ratings)
    if y.size < 3:
        raise ValueError(f"years must hold at least three points to fit two parameters well; got {y.size}")
    (midpoint, rate), _ = optimize.curve_fit(_logistic, y, r, p0=(float(y.mean()), 1.0), maxfev=20_000)
    return LogisticTrend(midpoint=float(midpoint), rate=float(rate))


# ---------------------------------------------------------------------------------------------- scoring


def brier_score(probabilities, outcomes) -> float:
    """Mean squared difference between forecast probabilities (0-1) and outcomes (0 or 1): Brier (1950)."""
    p = in_range("probabilities", probabilities, "probability", 0.0, 1.0)
    o = as_float_array("outcomes", outcomes, "0 (did not happen) or 1 (happened)")
    if not np.all((o == 0) | (o == 1)):
        bad = o[(o != 0) & (o != 1)].flat[0]
        raise ValueError(f"outcomes must be 0 or 1; got {bad!r}")
    if p.shape != o.shape:
        raise ValueError(f"probabilities and outcomes must have the same shape; got {p.shape} and {o.shape}")
    return float(np.mean((p - o) ** 2))


# ---------------------------------------------------------------------------------------------- forecast log

LOG_FIELDS = ("question", "probability", "made_on", "resolve_by", "outcome")


def _date(name: str, value) -> str:
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ValueError(f"{name} must be a date written YYYY-MM-DD; got {value!r}") from None


def read_forecast_log(path) -> list[dict]:
    """The forecasts in the CSV log at ``path``: dicts with probability a float and outcome 0, 1 or None."""
    path = Path(path)
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [
        {
            "question": row["question"],
            "probability": float(row["probability"]),
            "made_on": row["made_on"],
            "resolve_by": row["resolve_by"],
            "outcome": None if row["outcome"] == "" else int(row["outcome"]),
        }
        for row in rows
    ]


def _write(path: Path, rows: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=LOG_FIELDS)
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "outcome": "" if row["outcome"] is None else row["outcome"]})


def log_forecast(path, question: str, probability: float, *, made_on, resolve_by) -> dict:
    """Append a forecast to the CSV log at ``path`` (created if missing) and return it as a dict.

    ``probability`` (0-1) is that the statement in ``question`` turns out true by ``resolve_by``
    (YYYY-MM-DD). A question already in the log is refused: make a new, dated question instead.
    """
    if not isinstance(question, str) or not question.strip():
        raise ValueError(f"question must be a non-empty statement that will be true or false; got {question!r}")
    p = float(in_range("probability", probability, "probability", 0.0, 1.0))
    made, due = _date("made_on", made_on), _date("resolve_by", resolve_by)
    if due < made:
        raise ValueError(f"resolve_by ({due}) must not be before made_on ({made})")
    path = Path(path)
    rows = read_forecast_log(path)
    if any(row["question"] == question for row in rows):
        raise ValueError(f"question {question!r} is already in the log {path}")
    row = {"question": question, "probability": p, "made_on": made, "resolve_by": due, "outcome": None}
    _write(path, [*rows, row])
    return row


def resolve_forecast(path, question: str, outcome: int) -> dict:
    """Record whether ``question`` came true (``outcome`` 1) or not (0) in the log at ``path``."""
    if outcome not in (0, 1):
        raise ValueError(f"outcome must be 0 (false) or 1 (true); got {outcome!r}")
    path = Path(path)
    rows = read_forecast_log(path)
    for row in rows:
        if row["question"] == question:
            row["outcome"] = int(outcome)
            _write(path, rows)
            return row
    raise ValueError(f"question {question!r} is not in the log {path}")


def score_forecast_log(path) -> dict:
    """Brier score of the resolved forecasts in the log at ``path``, with counts of resolved and open ones.

    ``brier`` is None while no forecast is resolved.
    """
    rows = read_forecast_log(path)
    done = [row for row in rows if row["outcome"] is not None]
    brier = (
        brier_score([row["probability"] for row in done], [row["outcome"] for row in done]) if done else None
    )
    return {"brier": brier, "resolved": len(done), "open": len(rows) - len(done)}
