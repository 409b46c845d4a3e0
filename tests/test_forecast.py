"""helpers.forecast: published trend constants, crossing times, fits, Brier scores and the forecast log."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import forecast

RATINGS = np.array([8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 6.0, 7.0, 5.0, 4.0])


def test_sevilla_doubling_times_match_the_abstract():
    # Sevilla et al. 2022 (arXiv 2202.05924), abstract: ~20 months before 2010, ~6 months in the deep-learning
    # era, ~10 months for the large-scale trend.
    assert forecast.SEVILLA_2022_DOUBLING_MONTHS == {
        "pre-deep-learning": 20.0,
        "deep-learning": 6.0,
        "large-scale": 10.0,
    }


def test_epoch_growth_matches_the_post():
    # Epoch AI 2024: 4.7x per year for notable models, 90% CI 4.3-5.2 ("4-5x per year").
    assert forecast.EPOCH_2024_COMPUTE_GROWTH == {"factor_per_year": 4.7, "ci90": (4.3, 5.2)}


def test_doubling_and_annual_factor():
    assert forecast.annual_factor_from_doubling(6.0) == pytest.approx(4.0)  # two doublings a year
    assert forecast.annual_factor_from_doubling(12.0) == pytest.approx(2.0)
    assert forecast.doubling_months_from_annual_factor(2.0) == pytest.approx(12.0)
    months = np.array([5.0, 10.0, 20.0])
    back = forecast.doubling_months_from_annual_factor(forecast.annual_factor_from_doubling(months))
    assert np.allclose(back, months)
    with pytest.raises(ValueError, match="factor"):
        forecast.doubling_months_from_annual_factor(1.0)
    with pytest.raises(ValueError, match="months"):
        forecast.annual_factor_from_doubling(0.0)


def test_min_crossing_has_a_closed_form():
    # Lowest rating 3, logistic growth of 0.3 log-odds a year: logit(0.7) - logit(0.3) = 2 ln(7/3).
    t = forecast.crossing_time(RATINGS, 0.3, 7.0, statistic="min")
    assert t == pytest.approx(2 * math.log(7 / 3) / 0.3, rel=1e-9)


def test_linear_mean_crossing_by_hand():
    # 10 domains, mean 5.5; +1 point a year, nothing capped before the mean reaches 7.5 (max rating 8 + 2 < 10).
    assert forecast.crossing_time(RATINGS, 1.0, 7.5, model="linear") == pytest.approx(2.0, rel=1e-9)


def test_projection_at_the_crossing_time_hits_the_level():
    rates = np.array([0.1, 0.3, 1.2])
    t = forecast.crossing_time(RATINGS, rates, 9.0)
    for rate, years in zip(rates, t, strict=True):
        assert forecast.project_ratings(RATINGS, rate, years).mean() == pytest.approx(9.0, abs=1e-9)


def test_never_zero_and_delay():
    assert forecast.crossing_time(RATINGS, 0.3, 5.0) == 0.0  # the mean is 5.5 already
    assert forecast.crossing_time(RATINGS, 0.0, 9.0) == math.inf
    assert forecast.crossing_time(RATINGS, 0.3, 9.0, ceiling=8.5) == math.inf
    base = forecast.crossing_time(RATINGS, 0.3, 9.0)
    assert forecast.crossing_time(RATINGS, 0.3, 9.0, delay=2.5) == pytest.approx(base + 2.5)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.floats(0.5, 9.5), min_size=2, max_size=8),
    st.floats(0.05, 2.0),
    st.floats(1.1, 1.0e1),
)
def test_faster_growth_never_takes_longer(ratings, rate, factor):
    r = np.array(ratings)
    slow, fast = forecast.crossing_time(r, np.array([rate, rate * factor]), 9.5)
    assert fast <= slow + 1e-9
    assert forecast.crossing_time(r, rate, 9.5, statistic="min") >= forecast.crossing_time(r, rate, 9.5) - 1e-9


def test_sample_rates_is_seeded_lognormal():
    a = forecast.sample_rates(0.3, 0.5, 20_001, seed=3)
    assert np.array_equal(a, forecast.sample_rates(0.3, 0.5, 20_001, seed=3))
    assert np.median(a) == pytest.approx(0.3, rel=0.03)
    assert np.std(np.log(a)) == pytest.approx(0.5, rel=0.03)
    assert np.all(forecast.sample_rates(0.3, 0.0, 5) == 0.3)


def test_swing_rows_move_one_input_at_a_time():
    out = forecast.swing(RATINGS, 9.0, (0.3, 0.0, 10.0), (0.15, 0.0, 9.5), (0.6, 3.0, 10.0))
    base = forecast.crossing_time(RATINGS, 0.3, 9.0)
    assert out.shape == (3, 2)
    assert out[0, 0] == pytest.approx(2 * base) and out[0, 1] == pytest.approx(base / 2)  # t scales as 1/rate
    assert out[1, 0] == pytest.approx(base) and out[1, 1] == pytest.approx(base + 3.0)
    assert out[2, 0] > base and out[2, 1] == pytest.approx(base)


def test_trend_fits_recover_known_curves():
    years = np.arange(2016, 2026)
    logistic = 10 / (1 + np.exp(-0.4 * (years - 2027.0)))
    fit = forecast.fit_logistic_trend(years, logistic)
    assert (fit.midpoint, fit.rate) == pytest.approx((2027.0, 0.4), rel=1e-6)
    assert fit.year_reaching(5.0) == pytest.approx(2027.0)
    line = forecast.fit_linear_trend(years, 1.0 + 0.5 * (years - 2016))
    assert (line.slope, line.predict(2016)) == pytest.approx((0.5, 1.0))
    assert line.year_reaching(9.0) == pytest.approx(2032.0)


def test_brier_score_by_hand():
    assert forecast.brier_score([0.5, 0.5], [1, 0]) == 0.25
    assert forecast.brier_score([1.0, 0.0], [1, 0]) == 0.0
    assert forecast.brier_score([0.9, 0.2, 0.6], [1, 0, 0]) == pytest.approx((0.01 + 0.04 + 0.36) / 3)


@pytest.mark.parametrize(
    "p, o, match",
    [([1.2], [1], "probabilities"), ([0.5], [2], "outcomes"), ([0.5, 0.5], [1], "shape"), ("0.5", [1], "probab")],
)
def test_brier_bad_input(p, o, match):
    with pytest.raises(ValueError, match=match):
        forecast.brier_score(p, o)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"ratings": [0.0, 5.0]}, "ratings"),  # log-odds of 0 are infinite
        ({"ratings": [5.0, 11.0]}, "ratings"),
        ({"level": 10.0}, "level"),
        ({"statistic": "median"}, "statistic"),
        ({"model": "cubic"}, "model"),
        ({"delay": -1.0}, "delay"),
        ({"ceiling": 12.0}, "ceiling"),
        ({"rates": float("nan")}, "rates"),
    ],
)
def test_crossing_time_bad_input(kwargs, match):
    args = {"ratings": RATINGS, "rates": 0.3, "level": 9.0} | kwargs
    rest = {k: args.pop(k) for k in list(args) if k not in ("ratings", "rates", "level")}
    with pytest.raises(ValueError, match=match):
        forecast.crossing_time(args["ratings"], args["rates"], args["level"], **rest)


def test_forecast_log_round_trip_and_score(tmp_path):
    path = tmp_path / "log.csv"
    assert forecast.score_forecast_log(path) == {"brier": None, "resolved": 0, "open": 0}
    forecast.log_forecast(path, "A", 0.8, made_on="2026-01-01", resolve_by="2027-01-01")
    forecast.log_forecast(path, "B", 0.3, made_on="2026-01-01", resolve_by="2027-01-01")
    forecast.log_forecast(path, "C", 0.5, made_on="2026-01-02", resolve_by="2028-01-01")
    rows = forecast.read_forecast_log(path)
    assert [r["question"] for r in rows] == ["A", "B", "C"]
    assert rows[0] == {"question": "A", "probability": 0.8, "made_on": "2026-01-01",
                       "resolve_by": "2027-01-01", "outcome": None}
    forecast.resolve_forecast(path, "A", 1)
    forecast.resolve_forecast(path, "B", 1)
    score = forecast.score_forecast_log(path)
    assert score == {"brier": pytest.approx((0.2**2 + 0.7**2) / 2), "resolved": 2, "open": 1}
    assert forecast.read_forecast_log(path)[1]["outcome"] == 1


def test_forecast_log_bad_input(tmp_path):
    path = tmp_path / "log.csv"
    forecast.log_forecast(path, "A", 0.8, made_on="2026-01-01", resolve_by="2027-01-01")
    with pytest.raises(ValueError, match="already"):
        forecast.log_forecast(path, "A", 0.1, made_on="2026-01-01", resolve_by="2027-01-01")
    with pytest.raises(ValueError, match="probability"):
        forecast.log_forecast(path, "B", 1.5, made_on="2026-01-01", resolve_by="2027-01-01")
    with pytest.raises(ValueError, match="made_on"):
        forecast.log_forecast(path, "B", 0.5, made_on="soon", resolve_by="2027-01-01")
    with pytest.raises(ValueError, match="before"):
        forecast.log_forecast(path, "B", 0.5, made_on="2026-01-01", resolve_by="2025-01-01")
    with pytest.raises(ValueError, match="outcome"):
        forecast.resolve_forecast(path, "A", 2)
    with pytest.raises(ValueError, match="not in the log"):
        forecast.resolve_forecast(path, "Z", 1)


def test_scenario_uses_the_seeded_draws():
    s = forecast.Scenario("slow", rate_median=0.2, rate_spread=0.4, delay=1.5, ceiling=9.5)
    expected = forecast.crossing_time(
        RATINGS, forecast.sample_rates(0.2, 0.4, 300, seed=4), 9.0, delay=1.5, ceiling=9.5
    )
    assert np.array_equal(s.crossing_times(RATINGS, 9.0, n=300, seed=4), expected)


def test_projection_respects_delay_and_ceiling():
    out = forecast.project_ratings(RATINGS, 0.5, np.array([0.0, 1.0, 50.0]), delay=1.0, ceiling=8.5)
    assert out.shape == (3, RATINGS.size)
    assert np.allclose(out[0], RATINGS) and np.allclose(out[1], RATINGS)  # still in the delay
    assert np.allclose(out[2], np.maximum(RATINGS, 8.5))  # everything has climbed to the ceiling
    linear = forecast.project_ratings([2.0, 9.0], 1.0, 3.0, model="linear")
    assert np.array_equal(linear, [5.0, 10.0])  # capped at the top of the scale
