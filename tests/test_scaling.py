"""helpers.scaling: published constants, known values, properties and bad input."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import scaling, units
from helpers.scaling import KAPLAN_2020 as K

# Kaplan et al. 2020, section 1.2, eqs. 1.1-1.3 (typed from the paper, not from helpers).
PUBLISHED_KAPLAN = {
    "alpha_n": 0.076,
    "n_c": 8.8e13,  # non-embedding parameters
    "alpha_d": 0.095,
    "d_c": 5.4e13,  # tokens
    "alpha_c_min": 0.050,
    "c_c_min": 3.1e8,  # PF-days
}


@pytest.mark.parametrize("name, value", PUBLISHED_KAPLAN.items())
def test_kaplan_constants_match_the_paper(name, value):
    assert getattr(K, name) == value


def test_pf_day_is_a_count_of_flop():
    # Kaplan et al. 2020 section 1.3: 1 PF-day = 1e15 FLOP/s x 24 x 3600 s.
    assert units.FLOP_PER_PF_DAY == 8.64e19
    # Brown et al. 2020 Table D.1: GPT-3 175B used 3.14e23 FLOP = 3.64e3 PF-days.
    assert units.flop_to_pf_days(3.14e23) == pytest.approx(3.64e3, rel=0.01)
    assert units.pf_days_to_flop(units.flop_to_pf_days(3.14e23)) == pytest.approx(3.14e23)


@pytest.mark.parametrize(
    "n, loss",
    # The corrected values of the seed's "1B -> 2.5, 100B -> 1.8, 1T -> 1.6" (facts.md errata 2).
    [(1e9, 2.38), (1e11, 1.67), (1e12, 1.41)],
)
def test_kaplan_loss_at_famous_sizes(n, loss):
    assert scaling.kaplan_loss_n(n) == pytest.approx(loss, abs=0.005)
    assert scaling.kaplan_loss_n(n) == pytest.approx(math.exp(0.076 * math.log(8.8e13 / n)), rel=1e-12)


def test_five_percent_per_doubling_and_eleven_percent_per_decade():
    assert scaling.kaplan_loss_n(2e9) / scaling.kaplan_loss_n(1e9) == pytest.approx(0.9487, abs=1e-4)
    assert scaling.kaplan_loss_c(10.0) / scaling.kaplan_loss_c(1.0) == pytest.approx(0.8913, abs=1e-4)


def test_kaplan_breakdown_point_is_consistent_with_l_star():
    # Section 6.3: the trends must break down near C* ~ 1e4 PF-days, where L* ~ 1.7 nats/token.
    assert scaling.kaplan_loss_c(1e4) == pytest.approx(1.7, abs=0.05)


def test_vectorised_and_scalar_agree():
    n = np.array([1e6, 1e9, 1e12])
    out = scaling.kaplan_loss_n(n)
    assert isinstance(out, np.ndarray) and out.shape == (3,)
    assert isinstance(scaling.kaplan_loss_n(1e9), float)
    np.testing.assert_allclose(out, [scaling.kaplan_loss_n(x) for x in n])


sizes = st.floats(min_value=1e2, max_value=1e15, allow_nan=False)


@given(a=sizes, b=sizes)
def test_losses_fall_as_scale_grows(a, b):
    lo, hi = sorted((a, b))
    for f in (scaling.kaplan_loss_n, scaling.kaplan_loss_d, scaling.kaplan_loss_c):
        assert f(hi) <= f(lo)
        if hi > lo * (1 + 1e-9):
            assert f(hi) < f(lo)


@given(x=sizes)
def test_inverses_are_exact(x):
    assert scaling.kaplan_n_for_loss(scaling.kaplan_loss_n(x)) == pytest.approx(x, rel=1e-9)
    assert scaling.kaplan_d_for_loss(scaling.kaplan_loss_d(x)) == pytest.approx(x, rel=1e-9)
    assert scaling.kaplan_c_for_loss(scaling.kaplan_loss_c(x)) == pytest.approx(x, rel=1e-9)


@given(
    a=st.floats(min_value=1e-3, max_value=1e3),
    k=st.floats(min_value=-2.0, max_value=2.0),
)
def test_fit_power_law_recovers_exact_laws(a, k):
    x = np.geomspace(1.0, 1e6, 9)
    fit = scaling.fit_power_law(x, a * x**k)
    assert fit.a == pytest.approx(a, rel=1e-6)
    assert fit.k == pytest.approx(k, abs=1e-9)
    assert fit.r2 == pytest.approx(1.0, abs=1e-9) or abs(k) < 1e-6  # R^2 is undefined for flat data


@settings(max_examples=25, deadline=None)
@given(
    e=st.floats(min_value=0.5, max_value=3.0),
    a=st.floats(min_value=10.0, max_value=1e3),
    alpha=st.floats(min_value=0.1, max_value=0.6),
)
def test_floor_fit_recovers_exact_laws(e, a, alpha):
    x = np.geomspace(1e4, 1e9, 12)
    fit = scaling.fit_power_law_with_floor(x, e + a * x**-alpha)
    assert fit.e == pytest.approx(e, rel=1e-3)
    assert fit.k == pytest.approx(-alpha, rel=1e-3)
    np.testing.assert_allclose(fit.predict(1e12), e + a * 1e12**-alpha, rtol=1e-3)


def test_fit_on_noisy_kaplan_measurements_recovers_alpha():
    x = np.geomspace(1e6, 1e9, 20)
    y = scaling.simulate_measurements(scaling.kaplan_loss_n, x, rel_noise=0.005, seed=3)
    assert -scaling.fit_power_law(x, y).k == pytest.approx(K.alpha_n, abs=0.01)


def test_bootstrap_band_contains_the_fit_and_is_reproducible():
    x = np.geomspace(1e6, 1e9, 10)
    y = scaling.simulate_measurements(scaling.kaplan_loss_n, x, rel_noise=0.01, seed=0)
    preds = scaling.bootstrap_power_law(x, y, [1e9, 1e12], n_boot=500, seed=1)
    assert preds.shape[1] == 2 and 450 <= preds.shape[0] <= 500
    lo, hi = np.percentile(preds, [5, 95], axis=0)
    point = scaling.fit_power_law(x, y).predict(np.array([1e9, 1e12]))
    assert np.all(lo <= point) and np.all(point <= hi)
    assert (hi - lo)[1] > (hi - lo)[0]  # further from the data, wider band
    np.testing.assert_array_equal(preds, scaling.bootstrap_power_law(x, y, [1e9, 1e12], n_boot=500, seed=1))


def test_multiplier_for_loss():
    # Pure law: a 5% lower loss at alpha = 0.05 needs (1/0.95)^(1/0.05) = 2.79x the compute.
    assert scaling.multiplier_for_loss(2.0, 1.9, 0.05) == pytest.approx((2.0 / 1.9) ** 20)
    # With a floor only the reducible part counts.
    assert scaling.multiplier_for_loss(2.5, 2.0, 0.34, 1.69) == pytest.approx((0.81 / 0.31) ** (1 / 0.34))


BAD = [0.0, -1.0, float("nan"), float("inf"), "1e9", None, [], [1e9, -2.0]]


@pytest.mark.parametrize("bad", BAD)
@pytest.mark.parametrize(
    "f", [scaling.kaplan_loss_n, scaling.kaplan_loss_d, scaling.kaplan_loss_c, units.flop_to_pf_days]
)
def test_bad_sizes_raise_value_error_naming_argument_and_unit(f, bad):
    with pytest.raises(ValueError) as err:
        f(bad)
    message = str(err.value)
    assert any(name in message for name in ("n ", "d ", "c_pf_days", "flop")), message
    assert any(unit in message for unit in ("parameters", "tokens", "PF-days", "FLOP")), message


def test_fit_rejects_bad_data():
    with pytest.raises(ValueError, match="same length"):
        scaling.fit_power_law([1, 2, 3], [1, 2])
    with pytest.raises(ValueError, match="two distinct"):
        scaling.fit_power_law([5, 5, 5], [1, 2, 3])
    with pytest.raises(ValueError, match="y must be > 0"):
        scaling.fit_power_law([1, 2, 3], [1, 0, 3])
    with pytest.raises(ValueError, match="at least 4"):
        scaling.fit_power_law_with_floor([1, 2, 3], [3, 2, 1])


def test_multiplier_rejects_unreachable_targets():
    with pytest.raises(ValueError, match="floor"):
        scaling.multiplier_for_loss(3.0, 1.5, 0.3, floor=1.69)
    with pytest.raises(ValueError, match="alpha"):
        scaling.multiplier_for_loss(3.0, 2.0, 0.0)


# Hoffmann et al. 2022, Appendix D.2, eq. 10 (typed from the paper).
def test_hoffmann_constants_match_the_paper():
    f = scaling.HOFFMANN_2022
    assert (f.E, f.A, f.B, f.alpha, f.beta) == (1.69, 406.4, 410.7, 0.34, 0.28)
    u = scaling.HOFFMANN_2022_UNROUNDED
    assert (round(u.E, 2), round(u.A, 1), round(u.B, 1), round(u.alpha, 2), round(u.beta, 2)) == (
        1.69,
        406.4,
        410.7,
        0.34,
        0.28,
    )
    b = scaling.BESIROGLU_2024  # Besiroglu et al. 2024, refit excluding 5 outliers
    assert (b.E, b.A, b.B, b.alpha, b.beta) == (1.82, 482.01, 2085.43, 0.3478, 0.3658)


def test_frontier_reproduces_published_allocations():
    u = scaling.HOFFMANN_2022_UNROUNDED
    # Hoffmann Fig. 4: about 40B parameters at Gopher's 5.76e23 FLOP; Table A3: 67B at 1.71e24 (approach 3).
    assert u.compute_optimal(5.76e23)[0] == pytest.approx(40e9, rel=0.02)
    assert u.compute_optimal(1.71e24)[0] == pytest.approx(67e9, rel=0.02)
    # The tokens-per-parameter puzzle: ~93 (rounded), ~59 (unrounded), ~18 (Besiroglu et al.) at ~5.8e23 FLOP.
    assert scaling.HOFFMANN_2022.tokens_per_param(5.76e23) == pytest.approx(92.6, abs=0.5)
    assert u.tokens_per_param(5.76e23) == pytest.approx(59, abs=0.5)
    assert scaling.BESIROGLU_2024.tokens_per_param(5.88e23) == pytest.approx(18.4, abs=0.3)


@settings(max_examples=50)
@given(c=st.floats(min_value=1e15, max_value=1e30))
def test_frontier_spends_exactly_the_budget_and_minimises_loss(c):
    for fit in (scaling.HOFFMANN_2022, scaling.BESIROGLU_2024):
        n, d = fit.compute_optimal(c)
        assert 6 * n * d == pytest.approx(c, rel=1e-9)
        best = fit.loss(n, d)
        for factor in (0.8, 1.25):  # moving along the iso-FLOP curve can only raise the loss
            assert fit.loss(n * factor, d / factor) >= best - 1e-12


def test_chinchilla_loss_rejects_bad_sizes():
    with pytest.raises(ValueError, match="tokens"):
        scaling.HOFFMANN_2022.loss(7e10, -1.0)
    with pytest.raises(ValueError, match="FLOP"):
        scaling.HOFFMANN_2022.compute_optimal(0.0)
