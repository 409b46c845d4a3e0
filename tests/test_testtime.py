"""helpers.testtime: pass@k against exact combinatorics, coverage, voting and best-of-n against simulation."""

import asyncio
import itertools
import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate, stats

from helpers import testtime as tt


def exact_pass_at_k(n, c, k):
    """1 - C(n - c, k) / C(n, k) in exact rational arithmetic (Chen et al. 2021, eq. 1)."""
    return float(1 - Fraction(math.comb(n - c, k), math.comb(n, k)))


# ---------------------------------------------------------------------------------------------- pass@k


@pytest.mark.parametrize("n", [1, 2, 5, 10, 20])
def test_pass_at_k_matches_exact_combinatorics_for_small_n(n):
    for c in range(n + 1):
        for k in range(1, n + 1):
            assert tt.pass_at_k(n, c, k) == pytest.approx(exact_pass_at_k(n, c, k), rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("c, k", [(1, 1), (1, 100), (10, 1000), (500, 100), (9_990, 5), (9_999, 2)])
def test_pass_at_k_large_n_does_not_overflow(c, k):
    n = 10_000
    got = tt.pass_at_k(n, c, k)
    assert math.isfinite(got) and got == pytest.approx(exact_pass_at_k(n, c, k), rel=1e-9)


def test_pass_at_k_known_values():
    assert tt.pass_at_k(10_000, 1, 100) == pytest.approx(0.01, rel=1e-12)  # one correct: k / n
    assert tt.pass_at_k(200, 0, 100) == 0.0
    assert tt.pass_at_k(200, 101, 100) == 1.0  # n - c = 99 < k: every draw of 100 holds a correct one
    assert tt.pass_at_k(200, 50, 1) == pytest.approx(0.25)  # pass@1 is c / n


def test_pass_at_k_vectorised_over_c_and_n():
    c = np.array([0, 3, 7, 10])
    got = tt.pass_at_k(10, c, 4)
    assert isinstance(got, np.ndarray) and got.shape == (4,)
    np.testing.assert_allclose(got, [exact_pass_at_k(10, int(ci), 4) for ci in c], rtol=1e-12)
    n = np.array([[10], [50]])
    got = tt.pass_at_k(n, np.array([2, 5]), 5)
    assert got.shape == (2, 2)
    assert got[1, 0] == pytest.approx(exact_pass_at_k(50, 2, 5))
    assert isinstance(tt.pass_at_k(10, 3, 2), float)


@pytest.mark.parametrize(
    "n, c, k, word",
    [(10, 3, 11, "k"), (10, 11, 2, "c"), (-1, 0, 1, "n"), (10, -1, 2, "c"), (10, 3, 0, "k"), (10.5, 3, 2, "n"),
     (10, 2.5, 2, "c"), (10, 3, 1.5, "k"), ("10", 3, 2, "n"), (10, 3, float("nan"), "k"), (10, True, 2, "c")],
)
def test_pass_at_k_bad_input(n, c, k, word):
    with pytest.raises(ValueError, match=word):
        tt.pass_at_k(n, c, k)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 300), st.data())
def test_pass_at_k_is_monotone_and_bounded(n, data):
    c = data.draw(st.integers(0, n))
    k = data.draw(st.integers(1, n))
    value = tt.pass_at_k(n, c, k)
    assert 0.0 <= value <= 1.0
    if k < n:
        assert tt.pass_at_k(n, c, k + 1) >= value - 1e-12
    if c < n:
        assert tt.pass_at_k(n, c + 1, k) >= value - 1e-12


def test_pass_at_k_is_unbiased_and_the_plug_in_is_not():
    # Average over many draws of c ~ Binomial(n, p): the estimator recovers 1 - (1-p)^k, the plug-in does not.
    p, n, k = 0.05, 20, 10
    c = np.arange(n + 1)
    weights = stats.binom.pmf(c, n, p)
    truth = 1 - (1 - p) ** k
    unbiased = float(np.sum(weights * tt.pass_at_k(n, c, k)))
    plug_in = float(np.sum(weights * tt.coverage_known_p(c / n, k)))
    assert unbiased == pytest.approx(truth, rel=1e-10)
    assert plug_in < truth - 0.05


# ---------------------------------------------------------------------------------------------- coverage


@pytest.mark.parametrize("a, b", [(0.5, 5.0), (1.0, 1.0), (2.0, 30.0)])
def test_coverage_beta_matches_the_integral_and_simulation(a, b):
    for k in (1, 10, 1000):
        integral, _ = integrate.quad(lambda p, k=k: (1 - (1 - p) ** k) * stats.beta.pdf(p, a, b), 0, 1, limit=200)
        assert tt.coverage_beta(a, b, k) == pytest.approx(integral, rel=1e-6)
    rng = np.random.default_rng(3)
    p = rng.beta(a, b, size=400_000)
    for k in (1, 10, 100):
        simulated = float(np.mean(1 - (1 - p) ** k))
        assert tt.coverage_beta(a, b, k) == pytest.approx(simulated, abs=3e-3)


def test_coverage_beta_k1_is_the_mean_and_saturates_at_the_solvable_fraction():
    assert tt.coverage_beta(2.0, 6.0, 1) == pytest.approx(2.0 / 8.0)  # E[p] of Beta(2, 6)
    assert tt.coverage_beta(0.5, 5.0, 1e12, solvable=0.7) == pytest.approx(0.7, abs=1e-4)
    ks = np.geomspace(1, 1e6, 13)
    assert np.all(np.diff(tt.coverage_beta(0.5, 5.0, ks)) > 0)


def test_coverage_bad_input():
    with pytest.raises(ValueError, match="a"):
        tt.coverage_beta(0, 1, 10)
    with pytest.raises(ValueError, match="solvable"):
        tt.coverage_beta(1, 1, 10, solvable=1.5)
    with pytest.raises(ValueError, match="p"):
        tt.coverage_known_p(1.2, 3)


# ---------------------------------------------------------------------------------------------- voting


def brute_force_vote(p, k, m):
    """Enumerate every sequence of k answers (0 = correct, 1..m wrong) with its probability."""
    total = 0.0
    for seq in itertools.product(range(m + 1), repeat=k):
        prob = math.prod(p if a == 0 else (1 - p) / m for a in seq)
        counts = np.bincount(seq, minlength=m + 1)
        top = counts.max()
        if counts[0] == top:
            total += prob / np.sum(counts == top)
    return total


@pytest.mark.parametrize("k, m", [(1, 1), (2, 1), (3, 2), (4, 3), (5, 2), (6, 3), (7, 1)])
def test_majority_vote_matches_brute_force_enumeration(k, m):
    for p in (0.0, 0.15, 0.4, 0.7, 1.0):
        assert tt.majority_vote_accuracy(p, k, m) == pytest.approx(brute_force_vote(p, k, m), abs=1e-12)


def test_majority_vote_binary_case_is_a_binomial_tail():
    # One wrong answer: the vote is right when more than half the samples are, and half the time on a tie.
    p, k = 0.6, 10
    expected = stats.binom.sf(5, k, p) + 0.5 * stats.binom.pmf(5, k, p)
    assert tt.majority_vote_accuracy(p, k, 1) == pytest.approx(expected, rel=1e-12)


def test_majority_vote_matches_simulation_for_larger_k():
    p = np.array([0.12, 0.25, 0.4])
    exact = tt.majority_vote_accuracy(p, 64, 4)
    simulated = tt.simulate_majority_vote(p, 64, 4, trials=40_000, seed=1)
    np.testing.assert_allclose(exact, simulated, atol=0.01)


def test_majority_vote_amplifies_the_mode():
    # With 4 wrong answers the correct one is the mode when p > (1 - p) / 4, i.e. p > 0.2.
    assert tt.majority_vote_accuracy(0.3, 1000, 4) > 0.999
    assert tt.majority_vote_accuracy(0.15, 1000, 4) < 1e-3
    assert tt.majority_vote_accuracy(0.2, 500, 4) == pytest.approx(0.2, abs=1e-9)  # exact 5-way symmetry
    assert tt.majority_vote_accuracy(0.37, 1, 3) == pytest.approx(0.37)


def test_majority_vote_bad_input():
    with pytest.raises(ValueError, match="n_wrong"):
        tt.majority_vote_accuracy(0.5, 5, 0)
    with pytest.raises(ValueError, match="k"):
        tt.majority_vote_accuracy(0.5, 2.5, 3)


# ---------------------------------------------------------------------------------------------- best-of-n


@pytest.mark.parametrize("n, v", [(1, 0.9), (4, 0.7), (16, 0.9), (64, 0.6)])
def test_best_of_n_matches_simulation(n, v):
    p = np.array([0.0, 0.05, 0.3, 0.8])
    exact = tt.best_of_n_accuracy(p, n, v)
    simulated = tt.simulate_best_of_n(p, n, v, trials=40_000, seed=2)
    np.testing.assert_allclose(exact, simulated, atol=0.01)


def test_best_of_n_limits():
    p = np.array([0.05, 0.3, 0.8])
    np.testing.assert_allclose(tt.best_of_n_accuracy(p, 1, 0.9), p)  # one sample: no choice
    np.testing.assert_allclose(tt.best_of_n_accuracy(p, 50, 0.5), p)  # a coin-flip verifier adds nothing
    np.testing.assert_allclose(tt.best_of_n_accuracy(p, 1e6, 0.9), tt.best_of_n_ceiling(p, 0.9), rtol=1e-9)
    # Ceiling = precision of the verifier: 0.3 * 0.9 / (0.3 * 0.9 + 0.7 * 0.1) = 0.27 / 0.34.
    assert tt.best_of_n_ceiling(0.3, 0.9) == pytest.approx(0.27 / 0.34)
    assert tt.best_of_n_ceiling(0.3, 1.0) == 1.0 and tt.best_of_n_ceiling(0.0, 0.9) == 0.0


# ---------------------------------------------------------------------------------------------- compute


def test_sampling_flops_counts_tokens_not_samples():
    # 16 samples of 500 tokens from a 7e9-parameter model: 16 * 2 * 7e9 * 500 = 1.12e14 FLOP.
    assert tt.sampling_flops(7e9, 16, 500) == pytest.approx(1.12e14)
    # A 1e9-parameter verifier reading each sample adds 16 * 2 * 1e9 * 500 = 1.6e13 FLOP.
    assert tt.sampling_flops(7e9, 16, 500, verifier_params=1e9) == pytest.approx(1.28e14)
    assert tt.sampling_flops(7e9, 16, 500, verifier_params=1e9, verifier_tokens=600) == pytest.approx(
        1.12e14 + 1.92e13
    )
    got = tt.sampling_flops(7e9, np.array([1, 10]), 500)
    np.testing.assert_allclose(got, [7e12, 7e13])
    with pytest.raises(ValueError, match="samples"):
        tt.sampling_flops(7e9, 0, 500)
    with pytest.raises(ValueError, match="verifier_params"):
        tt.sampling_flops(7e9, 4, 500, verifier_tokens=10)


def test_success_probability_from_loss():
    assert tt.success_probability_from_loss(1.69, 1.69, 50) == 1.0  # at the floor every problem is solved
    assert tt.success_probability_from_loss(2.19, 1.69, 2) == pytest.approx(math.exp(-1.0))
    with pytest.raises(ValueError, match="loss"):
        tt.success_probability_from_loss(1.5, 1.69, 3)


# ---------------------------------------------------------------------------------------------- the toy solver


@pytest.mark.parametrize(
    "text, expected",
    [("7", 7.0), (" 7.5\n", 7.5), ("Score: 8", 8.0), ("9/10", 9.0), ("4 out of 5", 8.0), ("10", 10.0),
     ("0", 0.0), ("", None), ("N/A", None), ("eight", None), ("11", None), ("-1", None), ("nan", None),
     ("12/10", None), ("3/0", None), (None, None), (7, None), ("I think this is right.", None)],
)
def test_parse_score(text, expected):
    assert tt.parse_score(text) == expected


def _solver(p=0.3, accuracy=0.8, garbled=0.2, seed=0):
    gen = tt.ToyGenerator(p=p, n_wrong=4, n_params=2e9, tokens_per_sample=300, latency_s=0.0, seed=seed)
    ver = tt.ToyVerifier(accuracy=accuracy, garbled=garbled, n_params=1e9, latency_s=0.0, seed=seed)
    return tt.TestTimeSolver(gen, ver, max_concurrency=8)


def test_solver_counts_compute_and_survives_garbled_scores():
    result = asyncio.run(_solver().solve(problem_id=3, n_samples=32))
    assert len(result.samples) == 32
    assert result.generation_flops == pytest.approx(32 * 2 * 2e9 * 300)
    assert result.verifier_flops == pytest.approx(32 * 2 * 1e9 * 300)
    assert result.total_flops == pytest.approx(32 * 2 * 3e9 * 300)
    assert result.unparsed_scores == sum(s.score is None for s in result.samples) > 0
    assert sum(result.votes.values()) == 32
    assert result.votes[result.majority_answer] == max(result.votes.values())


def test_solver_is_deterministic_and_order_independent():
    first = asyncio.run(_solver().solve(5, 16))
    again = asyncio.run(_solver().solve(5, 16))
    assert first == again
    # A different concurrency limit changes the order tasks finish in, not the result.
    solver = tt.TestTimeSolver(_solver().generator, _solver().verifier, max_concurrency=1)
    assert asyncio.run(solver.solve(5, 16)) == first


def test_solver_accuracy_matches_the_models():
    # Over many problems, best-of-n and the vote of the toy solver track the exact formulas (no garbling).
    solver = _solver(p=0.3, accuracy=0.8, garbled=0.0)

    async def run_all():
        return await asyncio.gather(*(solver.solve(i, 8) for i in range(1500)))

    results = asyncio.run(run_all())
    vote = np.mean([r.majority_answer == "0" for r in results])
    best = np.mean([r.best_of_n_answer == "0" for r in results])
    # The solver breaks ties by sample order, which is random across samples, so the formulas apply.
    assert vote == pytest.approx(tt.majority_vote_accuracy(0.3, 8, 4), abs=0.04)
    assert best == pytest.approx(tt.best_of_n_accuracy(0.3, 8, 0.8), abs=0.04)


def test_solver_bad_input():
    with pytest.raises(ValueError, match="p"):
        tt.ToyGenerator(p=1.5)
    with pytest.raises(ValueError, match="n_samples"):
        asyncio.run(_solver().solve(0, 0))
