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


# ------------------------------------------------------------------------------------------- Approach 3

TRUE_LAW = scaling.ChinchillaFit(E=1.8, A=480.0, B=2100.0, alpha=0.35, beta=0.37, source="synthetic")


def _synthetic_runs(law, rel_noise=0.0, seed=0):
    """240 runs on a grid of sizes and budgets like Hoffmann's Figure 4 (70M-16B, 6e18-3e21 FLOP)."""
    rng = np.random.default_rng(seed)
    n = np.exp(rng.uniform(np.log(7e7), np.log(1.6e10), 240))
    c = np.exp(rng.uniform(np.log(6e18), np.log(3e21), 240))
    d = c / (6 * n)
    loss = law.loss(n, d) * np.exp(rel_noise * rng.standard_normal(240))
    return n, d, loss


def test_start_grid_is_the_papers():
    # Hoffmann et al. 2022 App. D.2: alpha, beta in {0, 0.5, ..., 2}, e in {-1, ..., 1}, a, b in {0, 5, ..., 25}.
    grid = scaling.APPROACH3_GRID
    assert grid.shape == (4500, 5)
    assert sorted(set(grid[:, 0])) == sorted(set(grid[:, 1])) == [0, 5, 10, 15, 20, 25]
    assert sorted(set(grid[:, 2])) == [-1, -0.5, 0, 0.5, 1]
    assert sorted(set(grid[:, 3])) == sorted(set(grid[:, 4])) == [0, 0.5, 1, 1.5, 2]
    assert len({tuple(row) for row in grid}) == 4500


def test_huber_is_quadratic_then_linear():
    assert scaling.huber(0.5e-3) == pytest.approx(0.5 * 0.25e-6)
    assert scaling.huber(-3e-3) == pytest.approx(1e-3 * (3e-3 - 0.5e-3))
    assert scaling.huber(2.0, delta=1.0) == pytest.approx(1.5)
    np.testing.assert_allclose(scaling.huber(np.array([-1e-4, 1e-4])), [0.5e-8, 0.5e-8])


def test_objective_is_zero_for_the_true_law_and_matches_a_direct_sum():
    n, d, loss = _synthetic_runs(TRUE_LAW)
    assert scaling.chinchilla_objective(TRUE_LAW, n, d, loss) == pytest.approx(0.0, abs=1e-20)
    other = scaling.HOFFMANN_2022
    residuals = np.log(other.E + other.A / n**other.alpha + other.B / d**other.beta) - np.log(loss)
    direct = np.sum(np.where(np.abs(residuals) <= 1e-3, 0.5 * residuals**2, 1e-3 * (np.abs(residuals) - 5e-4)))
    assert scaling.chinchilla_objective(other, n, d, loss) == pytest.approx(direct, rel=1e-10)


def test_analytic_gradient_matches_finite_differences():
    n, d, loss = _synthetic_runs(TRUE_LAW, rel_noise=0.01, seed=4)
    args = (np.log(n), np.log(d), np.log(loss), 1e-3)
    theta = np.array([6.0, 7.5, 0.6, 0.33, 0.38])
    _, grad = scaling.lse_objective(theta, *args)
    step = 1e-6
    for i in range(5):
        up, down = theta.copy(), theta.copy()
        up[i] += step
        down[i] -= step
        numeric = (
            scaling.lse_objective(up, *args)[0] - scaling.lse_objective(down, *args)[0]
        ) / (2 * step)
        assert grad[i] == pytest.approx(numeric, rel=1e-5, abs=1e-9)


def test_fit_recovers_an_exact_law():
    n, d, loss = _synthetic_runs(TRUE_LAW)
    result = scaling.fit_chinchilla(n, d, loss)
    f = result.fit
    assert result.converged and result.objective < 1e-12
    assert (f.E, f.alpha, f.beta) == (pytest.approx(1.8, rel=1e-3), pytest.approx(0.35, rel=1e-3),
                                      pytest.approx(0.37, rel=1e-3))
    assert (f.A, f.B) == (pytest.approx(480.0, rel=1e-2), pytest.approx(2100.0, rel=1e-2))


def test_fit_recovers_a_noisy_law_and_its_frontier():
    n, d, loss = _synthetic_runs(TRUE_LAW, rel_noise=0.003, seed=1)
    f = scaling.fit_chinchilla(n, d, loss).fit
    assert f.E == pytest.approx(1.8, abs=0.03)
    assert f.alpha == pytest.approx(0.35, abs=0.03) and f.beta == pytest.approx(0.37, abs=0.03)
    # What the fit is for: the compute-optimal allocation at Chinchilla's budget.
    assert f.tokens_per_param(5.88e23) == pytest.approx(TRUE_LAW.tokens_per_param(5.88e23), rel=0.25)


def test_fit_matches_a_plain_per_start_loop_on_a_small_grid():
    n, d, loss = _synthetic_runs(TRUE_LAW, rel_noise=0.005, seed=2)
    grid = scaling.APPROACH3_GRID[::150]
    fast = scaling.fit_chinchilla(n, d, loss, grid=grid, refine=3)
    from scipy import optimize

    def objective(theta):
        fit = scaling.ChinchillaFit(np.exp(theta[2]), np.exp(theta[0]), np.exp(theta[1]), theta[3], theta[4], "")
        return scaling.chinchilla_objective(fit, n, d, loss)

    slow = min(optimize.minimize(objective, s, method="L-BFGS-B").fun for s in grid)
    assert fast.objective <= slow * (1 + 1e-4)


def test_bootstrap_fits_scatter_around_the_fit():
    n, d, loss = _synthetic_runs(TRUE_LAW, rel_noise=0.003, seed=1)
    fits = scaling.bootstrap_chinchilla(n, d, loss, n_boot=4, seed=0, refine=1)
    assert len(fits) == 4 and len({f.alpha for f in fits}) == 4
    assert all(abs(f.alpha - 0.35) < 0.06 for f in fits)


def test_fit_rejects_bad_runs():
    with pytest.raises(ValueError, match="same length"):
        scaling.fit_chinchilla([1e9] * 6, [1e10] * 5, [2.5] * 6)
    with pytest.raises(ValueError, match="at least 5"):
        scaling.fit_chinchilla([1e9] * 4, [1e10] * 4, [2.5] * 4)
    with pytest.raises(ValueError, match="loss must be > 0"):
        scaling.fit_chinchilla([1e9] * 6, [1e10] * 6, [2.5, 0, 2, 2, 2, 2])


def test_isoflop_minimum_finds_the_vertex():
    n = np.geomspace(1e8, 1e10, 9)
    loss = 2.0 + 0.05 * (np.log(n) - np.log(1e9)) ** 2
    assert scaling.isoflop_minimum(n, loss) == pytest.approx(1e9, rel=1e-9)
    with pytest.raises(ValueError, match="no minimum"):
        scaling.isoflop_minimum(n, 3.0 - 0.05 * (np.log(n) - np.log(1e9)) ** 2)
    with pytest.raises(ValueError, match="3 distinct"):
        scaling.isoflop_minimum([1e9, 1e9, 2e9], [2.0, 2.0, 2.1])


def test_lifetime_flops_adds_two_flop_per_parameter_per_served_token():
    assert scaling.lifetime_flops(7e9, 1e12, 0.0) == pytest.approx(6 * 7e9 * 1e12)
    assert scaling.lifetime_flops(7e9, 1e12, 1e12) == pytest.approx(8 * 7e9 * 1e12)
    with pytest.raises(ValueError, match="inference_tokens"):
        scaling.lifetime_flops(7e9, 1e12, -1.0)


@settings(max_examples=20, deadline=None)
@given(target=st.floats(min_value=1.9, max_value=2.6))
def test_lifetime_optimum_without_inference_is_the_compute_optimal_point(target):
    fit = scaling.HOFFMANN_2022
    n, d = scaling.lifetime_optimal(fit, target, 0.0)
    assert fit.loss(n, d) == pytest.approx(target, rel=1e-9)
    n_opt, d_opt = fit.compute_optimal(6 * n * d)
    assert n == pytest.approx(n_opt, rel=1e-4) and d == pytest.approx(d_opt, rel=1e-4)


def test_more_inference_moves_the_optimum_to_smaller_models_trained_longer():
    fit = scaling.BESIROGLU_2024
    points = [scaling.lifetime_optimal(fit, 2.1, tokens) for tokens in (0.0, 1e11, 1e12, 1e13)]
    sizes = [n for n, _ in points]
    ratios = [d / n for n, d in points]
    assert sizes == sorted(sizes, reverse=True) and ratios == sorted(ratios)
    for (n, d), tokens in zip(points, (0.0, 1e11, 1e12, 1e13), strict=True):
        assert fit.loss(n, d) == pytest.approx(2.1, rel=1e-9)
        for factor in (0.9, 1.1):  # any other size on the same loss curve costs more over the lifetime
            other_n = n * factor
            other_d = (fit.B / (2.1 - fit.E - fit.A / other_n**fit.alpha)) ** (1 / fit.beta)
            assert scaling.lifetime_flops(other_n, other_d, tokens) > scaling.lifetime_flops(n, d, tokens)
    with pytest.raises(ValueError, match="irreducible"):
        scaling.lifetime_optimal(fit, 1.7, 0.0)


def test_allocation_at_twenty_tokens_per_parameter():
    # Chinchilla: 70B parameters and 1.4T tokens spend 6 x 70e9 x 1.4e12 = 5.88e23 FLOP at 20 tokens/param.
    n, d = scaling.allocation_at_ratio(5.88e23, 20.0)
    assert n == pytest.approx(70e9) and d == pytest.approx(1.4e12)
    # facts.md errata 6 and 9: 1e18 FLOP -> 91M parameters; GPT-3's 3.14e23 FLOP -> about 51B and 1.0T.
    assert scaling.allocation_at_ratio(1e18, 20.0)[0] == pytest.approx(9.1e7, rel=0.01)
    n_gpt3, d_gpt3 = scaling.allocation_at_ratio(3.14e23, 20.0)
    assert n_gpt3 == pytest.approx(51e9, rel=0.01) and d_gpt3 == pytest.approx(1.02e12, rel=0.01)
    with pytest.raises(ValueError, match="tokens per parameter"):
        scaling.allocation_at_ratio(1e20, 0.0)
