"""helpers.data_wall: published constants, the closed-form crossing year and the Monte Carlo."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import compute, data_wall


def test_published_constants():
    # Villalobos et al. 2024: ~300T tokens, 90% CI 100T-1000T; exhaustion 2026-2032 (80% CI).
    assert data_wall.VILLALOBOS_2024_STOCK_TOKENS == 300e12
    assert data_wall.VILLALOBOS_2024_STOCK_CI90 == (100e12, 1000e12)
    assert data_wall.VILLALOBOS_2024_EXHAUSTION_CI80 == (2026, 2032)
    # Medians (summary of the Epoch post): ~2028; 5x over-training ~2027; 100x ~2025.
    assert data_wall.VILLALOBOS_2024_MEDIAN_YEAR_BY_OVERTRAINING == {1: 2028, 5: 2027, 100: 2025}
    # Epoch AI 2024: 4.7x per year, 90% CI 4.3-5.2.
    assert data_wall.EPOCH_2024_GROWTH_PER_YEAR == 4.7
    assert data_wall.EPOCH_2024_GROWTH_CI90 == (4.3, 5.2)
    # Llama 3.1 405B on 15.6T tokens: 6ND = 3.8e25 FLOP.
    assert data_wall.FRONTIER_FLOPS_2024 == pytest.approx(3.8e25, rel=0.01)
    # Hoffmann et al. 2022 Table 3: 20.0-22.4 tokens per parameter; Besiroglu et al. 2024: 16 at 1e26.
    assert data_wall.CHINCHILLA_TOKENS_PER_PARAM == 20
    assert data_wall.CHINCHILLA_TOKENS_PER_PARAM_RANGE == (16, 22.4)
    # Muennighoff et al. 2023: up to 4 epochs of repeated data change the loss negligibly.
    assert data_wall.MUENNIGHOFF_2023_NEAR_FREE_EPOCHS == 4


def test_chinchilla_tokens():
    # Chinchilla: 70B x 1.4T tokens = 5.88e23 FLOP at 20 tokens/parameter -> 1.4e12 tokens.
    assert data_wall.tokens_for_compute(5.88e23, 20) == pytest.approx(1.4e12)
    assert data_wall.compute_for_tokens(1.4e12, 20) == pytest.approx(5.88e23)


def test_overtraining_by_k_multiplies_tokens_by_root_k():
    base = data_wall.tokens_for_compute(1e25)
    assert data_wall.tokens_for_compute(1e25, overtraining=4.0) == pytest.approx(2 * base)


def test_crossing_year_by_hand():
    # 1 growing 10x per year reaches 1000 after 3 years.
    assert data_wall.crossing_year(1.0, 2020, 10.0, 1000.0) == pytest.approx(2023)
    # 2x per year from 100 to 50: one year in the past.
    assert data_wall.crossing_year(100.0, 2020, 2.0, 50.0) == pytest.approx(2019)


def test_exhaustion_year_closed_form():
    # Needs 6 S^2 / r FLOP: 6 x (3e14)^2 / 20 = 2.7e28; from 3.8e25 at 4.7x/yr.
    c_needed = 6 * (3e14) ** 2 / 20
    assert c_needed == pytest.approx(2.7e28)
    expected = 2024.5 + np.log(c_needed / data_wall.FRONTIER_FLOPS_2024) / np.log(4.7)
    assert data_wall.exhaustion_year(3e14, growth_per_year=4.7) == pytest.approx(expected)


def test_overtraining_moves_the_year_earlier():
    years = [data_wall.exhaustion_year(3e14, growth_per_year=4.7, overtraining=k) for k in (1, 5, 100)]
    assert years[0] > years[1] > years[2]
    # k times more tokens per parameter: the crossing comes ln(k) / ln(g) years earlier.
    assert years[0] - years[1] == pytest.approx(np.log(5) / np.log(4.7))


@given(
    stock=st.floats(1e13, 1e16),
    growth=st.floats(1.1, 20),
    ratio=st.floats(5, 500),
)
def test_at_the_crossing_the_run_needs_exactly_the_stock(stock, growth, ratio):
    year = data_wall.exhaustion_year(stock, growth_per_year=growth, tokens_per_param=ratio)
    flops = data_wall.FRONTIER_FLOPS_2024 * growth ** (year - data_wall.FRONTIER_YEAR_2024)
    assert data_wall.tokens_for_compute(flops, ratio) == pytest.approx(stock, rel=1e-6)
    # And 6ND holds for the implied N.
    assert compute.training_flops(stock / ratio, stock) == pytest.approx(flops, rel=1e-6)


def test_samples_are_seeded_and_match_the_sources():
    a = data_wall.sample_inputs(200_000, seed=3)
    b = data_wall.sample_inputs(200_000, seed=3)
    for key in a:
        np.testing.assert_array_equal(a[key], b[key])
    assert np.median(a["stock_tokens"]) == pytest.approx(3e14, rel=0.02)
    low, high = np.percentile(a["stock_tokens"], [5, 95])
    assert np.log(high / low) == pytest.approx(np.log(1e15 / 1e14), rel=0.02)
    assert np.median(a["growth_per_year"]) == pytest.approx(4.7, rel=0.01)
    assert a["tokens_per_param"].min() >= 16 and a["tokens_per_param"].max() <= 22.4


def test_fixed_growth_replaces_the_drawn_growth():
    draws = data_wall.sample_inputs(50, seed=2)
    fixed = data_wall.exhaustion_year_samples(draws, growth_per_year=4.0)
    by_hand = data_wall.exhaustion_year(draws["stock_tokens"], growth_per_year=4.0, tokens_per_param=draws["tokens_per_param"])
    np.testing.assert_allclose(fixed, by_hand)
    # Faster growth: every draw crosses earlier (all draws cross after mid-2024 at k = 1).
    assert np.all(data_wall.exhaustion_year_samples(draws, growth_per_year=6.0) < fixed)


def test_samples_are_vectorised_and_consistent_with_the_scalar_function():
    draws = data_wall.sample_inputs(5, seed=0)
    years = data_wall.exhaustion_year_samples(draws)
    for i in range(5):
        one = data_wall.exhaustion_year(
            draws["stock_tokens"][i],
            growth_per_year=draws["growth_per_year"][i],
            tokens_per_param=draws["tokens_per_param"][i],
        )
        assert years[i] == pytest.approx(one)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: data_wall.crossing_year(1.0, 2020, 1.0, 10.0), "growth_per_year"),
        (lambda: data_wall.crossing_year(1.0, 2020, 0.5, 10.0), "growth_per_year"),
        (lambda: data_wall.crossing_year(0.0, 2020, 2.0, 10.0), "value_now"),
        (lambda: data_wall.tokens_for_compute(1e25, overtraining=0.5), "overtraining"),
        (lambda: data_wall.tokens_for_compute(-1e25), "flops"),
        (lambda: data_wall.sample_inputs(0, seed=0), "n_draws"),
        (lambda: data_wall.lognormal_from_ci90(np.random.default_rng(0), 5.0, (1.0, 2.0), 3), "ci90"),
    ],
)
def test_bad_input_names_the_argument(call, name):
    with pytest.raises(ValueError, match=name):
        call()
