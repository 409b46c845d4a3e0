"""helpers.emergence: the metrics of Schaeffer et al. 2023, binomial intervals and threshold scales."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import emergence as em

probabilities = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
lengths = st.integers(min_value=1, max_value=200)


# ------------------------------------------------------------------------------------------ known values


def test_the_seeds_example_is_1_8_percent_not_0_6():
    # facts.md errata 47: 0.45^5 = 0.0184528125 (typed from hand arithmetic: 0.45^2 = 0.2025, x 0.2025 x 0.45).
    assert em.exact_match(0.45, 5) == pytest.approx(0.0184528125, rel=1e-12)
    assert round(100 * em.exact_match(0.45, 5), 1) == 1.8


def test_edit_distance_is_length_times_error_rate():
    # Schaeffer et al. 2023, section 2: token edit distance ~ L (1 - p).
    assert em.expected_token_edit_distance(0.9, 5) == pytest.approx(0.5)
    assert em.expected_token_edit_distance(1.0, 7) == 0.0
    assert em.expected_token_edit_distance(0.0, 7) == 7.0


def test_per_token_probability_and_loss_law():
    assert em.per_token_probability(0.0) == 1.0
    assert em.per_token_probability(math.log(2)) == pytest.approx(0.5)
    # Kaplan's L(N) = (N_c / N)^0.076 is the same law with c = N_c = 8.8e13 and alpha = -0.076;
    # at N = 1e9 it is 2.38 nats/token (facts.md errata 2).
    assert em.power_law_loss(1e9, 8.8e13, -0.076) == pytest.approx(2.38, abs=0.005)
    assert em.power_law_loss(1e9, 1e9, -0.5) == 1.0


def test_multiple_choice_grade_and_brier_score():
    probs = np.array([[0.5, 0.3, 0.2], [0.2, 0.5, 0.3], [0.4, 0.4, 0.2]])
    np.testing.assert_array_equal(em.multiple_choice_grade(probs, [0, 0, 0]), [1.0, 0.0, 0.0])  # a tie is wrong
    # Brier 1950: sum of squared differences from the one-hot outcome.
    np.testing.assert_allclose(em.brier_score(probs, [0, 0, 0]), [0.25 + 0.09 + 0.04, 0.64 + 0.25 + 0.09, 0.36 + 0.16 + 0.04])
    assert em.brier_score([1.0, 0.0], 0) == 0.0 and em.brier_score([0.0, 1.0], 0) == 2.0
    assert isinstance(em.multiple_choice_grade([0.6, 0.4], 0), float)


def test_wilson_zero_successes_closed_form():
    # Wilson 1927: for 0 out of n the interval is (0, z^2 / (n + z^2)); z = 1.959964 at 95%.
    z2 = 1.959964**2
    for n in (20, 100, 1000):
        low, high = em.wilson_interval(0, n)
        assert low == 0.0 and high == pytest.approx(z2 / (n + z2), rel=1e-6)
    assert em.wilson_interval(0, 100)[1] == pytest.approx(0.0370, abs=5e-5)


def test_clopper_pearson_closed_forms_and_a_table_value():
    # Clopper & Pearson 1934: for 0 out of n the upper bound solves (1 - p)^n = a/2, so it is 1 - 0.025^(1/n).
    assert em.clopper_pearson_interval(0, 100)[1] == pytest.approx(1 - 0.025 ** (1 / 100), rel=1e-9)
    assert em.clopper_pearson_interval(100, 100)[0] == pytest.approx(0.025 ** (1 / 100), rel=1e-9)
    # 5 out of 25: 0.068 to 0.407 (Conover 1999, Practical Nonparametric Statistics, binomial tables).
    low, high = em.clopper_pearson_interval(5, 25)
    assert (round(low, 3), round(high, 3)) == (0.068, 0.407)


@pytest.mark.parametrize(
    "k, n, wilson, exact",
    # Newcombe 1998 (Statistics in Medicine 17: 857-872), Table II, 95% intervals: method 3 (Wilson score,
    # no continuity correction) and method 5 (Clopper-Pearson).
    [
        (81, 263, (0.2553, 0.3662), (0.2527, 0.3676)),
        (15, 148, (0.0624, 0.1605), (0.0578, 0.1617)),
        (0, 20, (0.0, 0.1611), (0.0, 0.1684)),
        (1, 29, (0.0061, 0.1718), (0.0009, 0.1776)),
    ],
)
def test_intervals_match_newcombes_examples(k, n, wilson, exact):
    assert em.wilson_interval(k, n) == pytest.approx(wilson, abs=6e-5)
    assert em.clopper_pearson_interval(k, n) == pytest.approx(exact, abs=6e-5)


def test_intervals_are_vectorised():
    low, high = em.wilson_interval(np.array([0, 5, 20]), 20)
    assert low.shape == high.shape == (3,)
    for i, k in enumerate((0, 5, 20)):
        assert (low[i], high[i]) == pytest.approx(em.wilson_interval(k, 20))


# ------------------------------------------------------------------------------------------ coverage


@pytest.mark.parametrize("p_true, n", [(0.02, 100), (0.3, 50), (0.5, 20), (0.9, 40)])
def test_interval_coverage_by_simulation(p_true, n):
    rng = np.random.default_rng(12345)
    k = rng.binomial(n, p_true, size=20_000)
    for interval, lowest in ((em.wilson_interval, 0.91), (em.clopper_pearson_interval, 0.945)):
        low, high = interval(k, n)
        coverage = np.mean((low <= p_true) & (p_true <= high))
        # Clopper-Pearson never covers less than 95% (up to simulation noise, sd ~ 0.0015); Wilson stays close.
        assert lowest <= coverage <= 0.995, (interval.__name__, coverage)


def test_naive_interval_fails_where_wilson_does_not():
    # The naive k/n +- 1.96 sqrt(k/n (1 - k/n) / n) has zero width at 0/n and covers a small p far too rarely.
    rng = np.random.default_rng(7)
    p_true, n = 0.02, 100
    k = rng.binomial(n, p_true, size=20_000)
    phat = k / n
    half = 1.959964 * np.sqrt(phat * (1 - phat) / n)
    naive = np.mean((phat - half <= p_true) & (p_true <= phat + half))
    low, high = em.wilson_interval(k, n)
    assert naive < 0.9 < np.mean((low <= p_true) & (p_true <= high))


# ------------------------------------------------------------------------------------------ properties


@given(p=probabilities, length=lengths)
def test_metrics_stay_in_range(p, length):
    assert 0.0 <= em.exact_match(p, length) <= 1.0
    assert 0.0 <= em.expected_token_edit_distance(p, length) <= length


@given(a=probabilities, b=probabilities, length=lengths)
def test_both_metrics_improve_with_p(a, b, length):
    lo, hi = sorted((a, b))
    assert em.exact_match(lo, length) <= em.exact_match(hi, length)
    assert em.expected_token_edit_distance(lo, length) >= em.expected_token_edit_distance(hi, length)


@given(p=probabilities, length=st.integers(min_value=1, max_value=100))
def test_a_longer_answer_is_harder(p, length):
    assert em.exact_match(p, length + 1) <= em.exact_match(p, length)
    assert em.expected_token_edit_distance(p, length + 1) >= em.expected_token_edit_distance(p, length)


@given(k=st.integers(0, 200), extra=st.integers(0, 200))
def test_intervals_contain_the_estimate_and_nest(k, extra):
    n = k + extra
    if n == 0:
        return
    w_low, w_high = em.wilson_interval(k, n)
    c_low, c_high = em.clopper_pearson_interval(k, n)
    assert 0.0 <= w_low <= k / n <= w_high <= 1.0
    assert 0.0 <= c_low <= k / n <= c_high <= 1.0
    w99 = em.wilson_interval(k, n, confidence=0.99)
    assert w99[0] <= w_low + 1e-12 and w99[1] >= w_high - 1e-12


def test_loss_law_falls_and_probability_rises_with_scale():
    n = np.geomspace(1e6, 1e14, 50)
    loss = em.power_law_loss(n, 1e9, -0.5)
    p = em.per_token_probability(loss)
    assert np.all(np.diff(loss) < 0) and np.all(np.diff(p) > 0)


# ------------------------------------------------------------------------------------------ thresholds


def test_threshold_scale_agrees_with_the_closed_form():
    n = np.geomspace(1e7, 1e14, 701)
    for length in (1, 5, 20):
        score = em.exact_match(em.per_token_probability(em.power_law_loss(n, 1e9, -0.5)), length)
        closed = em.exact_match_threshold_scale(0.5, length, 1e9, -0.5)
        assert em.threshold_scale(n, score, 0.5) == pytest.approx(closed, rel=1e-3)
    # With alpha = -1/2, N* = c (ln 2 / L)^-2 = c (L / ln 2)^2: typed from that algebra.
    assert em.exact_match_threshold_scale(0.5, 5, 1e9, -0.5) == pytest.approx(1e9 * (5 / math.log(2)) ** 2)


def test_threshold_scale_interpolates_in_log_scale_and_handles_the_edges():
    n = np.array([1e8, 1e9, 1e10])
    assert em.threshold_scale(n, [0.0, 0.2, 0.6], 0.4) == pytest.approx(10**9.5)
    assert em.threshold_scale(n, [0.5, 0.6, 0.7], 0.4) == 1e8
    assert math.isnan(em.threshold_scale(n, [0.0, 0.1, 0.2], 0.4))
    assert em.threshold_scale(n, [5.0, 3.0, 1.0], 2.0, higher_is_better=False) == pytest.approx(10**9.5)


def test_threshold_moves_with_the_metric_and_the_threshold():
    n = np.geomspace(1e7, 1e13, 61)
    p = em.per_token_probability(em.power_law_loss(n, 1e9, -0.5))
    exact = em.exact_match(p, 5)
    assert em.threshold_scale(n, exact, 0.1) < em.threshold_scale(n, exact, 0.5) < em.threshold_scale(n, exact, 0.9)


# ------------------------------------------------------------------------------------------ bad input


@pytest.mark.parametrize("bad_p", [-0.1, 1.5, float("nan"), "0.5", None])
def test_bad_probability(bad_p):
    with pytest.raises(ValueError, match="p must"):
        em.exact_match(bad_p, 5)
    with pytest.raises(ValueError, match="p must"):
        em.expected_token_edit_distance(bad_p, 5)


@pytest.mark.parametrize("bad_length", [0, -3, 2.5, float("inf")])
def test_bad_length(bad_length):
    with pytest.raises(ValueError, match="length must"):
        em.exact_match(0.5, bad_length)
    with pytest.raises(ValueError, match="length must"):
        em.expected_token_edit_distance(0.5, bad_length)


def test_bad_loss_law_and_loss():
    with pytest.raises(ValueError, match="loss must"):
        em.per_token_probability(-0.1)
    with pytest.raises(ValueError, match="alpha must be < 0"):
        em.power_law_loss(1e9, 1e9, 0.5)
    with pytest.raises(ValueError, match="n must be > 0"):
        em.power_law_loss(0.0, 1e9, -0.5)


def test_bad_interval_input():
    with pytest.raises(ValueError, match="successes must not exceed trials"):
        em.wilson_interval(11, 10)
    with pytest.raises(ValueError, match=r"trials must be >= 1 \(items\)"):
        em.clopper_pearson_interval(0, 0)
    with pytest.raises(ValueError, match="successes must be a whole number"):
        em.wilson_interval(2.5, 10)
    with pytest.raises(ValueError, match="confidence must"):
        em.wilson_interval(1, 10, confidence=1.0)


def test_bad_choice_input():
    with pytest.raises(ValueError, match="sum to 1"):
        em.brier_score([0.5, 0.3], 0)
    with pytest.raises(ValueError, match="correct must index an option"):
        em.multiple_choice_grade([0.5, 0.5], 2)
    with pytest.raises(ValueError, match="at least 2 options"):
        em.multiple_choice_grade([1.0], 0)


def test_bad_threshold_input():
    with pytest.raises(ValueError, match="increase strictly"):
        em.threshold_scale([1e9, 1e8], [0.1, 0.2], 0.5)
    with pytest.raises(ValueError, match="same length"):
        em.threshold_scale([1e8, 1e9], [0.1], 0.5)
    with pytest.raises(ValueError, match="threshold must lie in"):
        em.exact_match_threshold_scale(1.0, 5, 1e9, -0.5)
