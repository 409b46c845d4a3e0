"""The data wall: tokens a compute-optimal run needs as compute grows, against the stock of human text.

A run of C FLOP (a count) trained with r tokens per parameter has C = 6 N D and D = r N, so it needs
D = sqrt(r C / 6) tokens. Over-training by a factor k (k times more tokens per parameter than
compute-optimal, at the same C) multiplies D by sqrt(k). Compute grows exponentially, C(t) = C_0 g^(t - t_0),
so the year the run needs more tokens than a stock S holds has a closed form (``exhaustion_year``), and a
Monte Carlo over uncertain S, g and r is one vectorised expression (``exhaustion_year_samples``).

Units: tokens, FLOP, years (decimal calendar years, 2024.5 is mid-2024), growth in x per year.
This is a simplified version of the projection in Villalobos et al. 2024, which projects dataset sizes
from their own historical trend; it is not their model.
"""

from __future__ import annotations

import numpy as np

from helpers._validate import as_float_array, in_range, like_input, positive

__all__ = [
    "CHINCHILLA_TOKENS_PER_PARAM",
    "CHINCHILLA_TOKENS_PER_PARAM_RANGE",
    "EPOCH_2024_GROWTH_CI90",
    "EPOCH_2024_GROWTH_PER_YEAR",
    "FRONTIER_FLOPS_2024",
    "FRONTIER_YEAR_2024",
    "MUENNIGHOFF_2023_NEAR_FREE_EPOCHS",
    "VILLALOBOS_2024_EXHAUSTION_CI80",
    "VILLALOBOS_2024_MEDIAN_YEAR_BY_OVERTRAINING",
    "VILLALOBOS_2024_STOCK_CI90",
    "VILLALOBOS_2024_STOCK_TOKENS",
    "compute_for_tokens",
    "crossing_year",
    "exhaustion_year",
    "exhaustion_year_samples",
    "lognormal_from_ci90",
    "sample_inputs",
    "tokens_for_compute",
]

#: Effective stock of public human-generated text (quality- and repetition-adjusted): about 300T tokens,
#: 90% CI 100T to 1,000T (Villalobos et al. 2024, "Will we run out of data?", arXiv 2211.04325v2, ICML 2024).
VILLALOBOS_2024_STOCK_TOKENS = 3e14
VILLALOBOS_2024_STOCK_CI90 = (1e14, 1e15)
#: Their projection: training sets reach the stock between 2026 and 2032 (80% CI), earlier if over-trained.
VILLALOBOS_2024_EXHAUSTION_CI80 = (2026, 2032)
#: Their median year by over-training factor: about 2028 at compute-optimal, 2027 at 5x, 2025 at 100x.
#: Status: SECONDARY (read in a summary of the Epoch post, not in the paper).
VILLALOBOS_2024_MEDIAN_YEAR_BY_OVERTRAINING = {1: 2028, 5: 2027, 100: 2025}

#: Growth of training compute of notable models, 2010 to May 2024: 4.7x per year, 90% CI 4.3-5.2
#: (Epoch AI 2024, "Training compute of frontier AI models grows by 4-5x per year").
EPOCH_2024_GROWTH_PER_YEAR = 4.7
EPOCH_2024_GROWTH_CI90 = (4.3, 5.2)

#: Starting point: Llama 3.1 405B, 405e9 parameters on 15.6e12 tokens (Dubey et al. 2024), 6ND = 3.8e25 FLOP,
#: released in July 2024, taken as mid-2024.
FRONTIER_FLOPS_2024 = 6.0 * 405e9 * 15.6e12
FRONTIER_YEAR_2024 = 2024.5

#: "About 20 tokens per parameter": Hoffmann et al. 2022, Table 3 (20.0-22.4 tokens/parameter across its rows).
CHINCHILLA_TOKENS_PER_PARAM = 20.0
#: Range of compute-optimal ratios used in the Monte Carlo: 16 (Besiroglu et al. 2024's refit at 1e26 FLOP)
#: to 22.4 (the highest ratio in Hoffmann et al. 2022, Table 3). Tokens per parameter.
CHINCHILLA_TOKENS_PER_PARAM_RANGE = (16.0, 22.4)

#: Repeating data: "training with up to 4 epochs of repeated data yields negligible changes to loss compared to
#: having unique data" (Muennighoff et al. 2023, NeurIPS, arXiv 2305.16264, abstract); beyond that the value of
#: repeated tokens decays. Epochs. Status: secondary (the abstract as quoted by several summaries).
MUENNIGHOFF_2023_NEAR_FREE_EPOCHS = 4

_Z95 = 1.6448536269514722  # standard normal quantile at 0.95: a 90% interval is median x exp(+-1.645 sigma)


def tokens_for_compute(flops, tokens_per_param=CHINCHILLA_TOKENS_PER_PARAM, overtraining=1.0):
    """Training tokens of a run of ``flops`` FLOP at ``tokens_per_param`` x ``overtraining`` tokens/parameter.

    With C = 6 N D and D = r k N: D = sqrt(r k C / 6) tokens. ``overtraining`` k = 1 is compute-optimal;
    k = 5 trains a model sqrt(5) times smaller on sqrt(5) times more tokens for the same FLOP.
    """
    c = positive("flops", flops, "FLOP")
    r = positive("tokens_per_param", tokens_per_param, "tokens per parameter")
    k = in_range("overtraining", overtraining, "x the compute-optimal tokens per parameter", 1.0, np.inf)
    return like_input(np.sqrt(r * k * c / 6.0), flops, tokens_per_param, overtraining)


def compute_for_tokens(tokens, tokens_per_param=CHINCHILLA_TOKENS_PER_PARAM, overtraining=1.0):
    """FLOP of the run that uses exactly ``tokens`` tokens: the inverse of ``tokens_for_compute``, 6 D^2 / (r k)."""
    d = positive("tokens", tokens, "tokens")
    r = positive("tokens_per_param", tokens_per_param, "tokens per parameter")
    k = in_range("overtraining", overtraining, "x the compute-optimal tokens per parameter", 1.0, np.inf)
    return like_input(6.0 * d**2 / (r * k), tokens, tokens_per_param, overtraining)


def crossing_year(value_now, year_now, growth_per_year, threshold):
    """Year at which value_now x growth^(t - year_now) reaches ``threshold`` (same unit as ``value_now``).

    t = year_now + ln(threshold / value_now) / ln(growth). ``growth_per_year`` must be > 1 (x per year): a
    flat or shrinking projection never crosses a higher threshold. A threshold already below ``value_now``
    gives a year before ``year_now`` (when the extrapolated trend passed it).
    """
    v = positive("value_now", value_now, "the unit of the projected quantity")
    y = as_float_array("year_now", year_now, "years")
    g = positive("growth_per_year", growth_per_year, "x per year")
    if np.any(g <= 1.0):
        raise ValueError(
            f"growth_per_year must be > 1 (x per year) for the projection to cross a threshold; "
            f"got {float(np.min(g))!r}"
        )
    th = positive("threshold", threshold, "the unit of the projected quantity")
    return like_input(y + np.log(th / v) / np.log(g), value_now, year_now, growth_per_year, threshold)


def exhaustion_year(
    stock_tokens,
    *,
    growth_per_year,
    tokens_per_param=CHINCHILLA_TOKENS_PER_PARAM,
    overtraining=1.0,
    flops_now=FRONTIER_FLOPS_2024,
    year_now=FRONTIER_YEAR_2024,
):
    """Year the frontier run needs as many tokens as ``stock_tokens`` (vectorised over every argument).

    The run's compute grows as ``flops_now`` x ``growth_per_year``^(t - ``year_now``); it needs
    ``tokens_for_compute`` tokens. The crossing is where compute reaches ``compute_for_tokens(stock)``.
    """
    needed = compute_for_tokens(stock_tokens, tokens_per_param, overtraining)
    return crossing_year(flops_now, year_now, growth_per_year, needed)


def lognormal_from_ci90(rng: np.random.Generator, median: float, ci90: tuple[float, float], size: int):
    """``size`` draws of a lognormal with this median whose log-spread matches the 90% interval ``ci90``.

    sigma = ln(high / low) / (2 x 1.645). An asymmetric interval is matched in width, not in each end.
    """
    m = float(positive("median", median, "the unit of the quantity"))
    low, high = (float(v) for v in positive("ci90", ci90, "the unit of the quantity"))
    if not low < m < high:
        raise ValueError(f"ci90 must be (low, high) around the median {m:g}; got {ci90!r}")
    sigma = np.log(high / low) / (2.0 * _Z95)
    return m * np.exp(sigma * rng.standard_normal(size))


def sample_inputs(n_draws: int, *, seed: int) -> dict[str, np.ndarray]:
    """Random draws of the uncertain inputs of the data-wall projection, with a fixed ``seed``.

    - ``stock_tokens``: lognormal, median 300T tokens, 90% interval about 100T-1,000T (Villalobos et al. 2024);
    - ``growth_per_year``: lognormal, median 4.7x, 90% interval 4.3x-5.2x (Epoch AI 2024);
    - ``tokens_per_param``: uniform on 16-22.4 compute-optimal tokens per parameter (see
      ``CHINCHILLA_TOKENS_PER_PARAM_RANGE``).
    The shapes of the distributions are this book's assumptions; the medians and ranges are the sources'.
    """
    if not isinstance(n_draws, (int, np.integer)) or not 1 <= n_draws <= 10_000_000:
        raise ValueError(f"n_draws must be an integer from 1 to 10,000,000 (draws); got {n_draws!r}")
    rng = np.random.default_rng(seed)
    return {
        "stock_tokens": lognormal_from_ci90(rng, VILLALOBOS_2024_STOCK_TOKENS, VILLALOBOS_2024_STOCK_CI90, n_draws),
        "growth_per_year": lognormal_from_ci90(rng, EPOCH_2024_GROWTH_PER_YEAR, EPOCH_2024_GROWTH_CI90, n_draws),
        "tokens_per_param": rng.uniform(*CHINCHILLA_TOKENS_PER_PARAM_RANGE, size=n_draws),
    }


def exhaustion_year_samples(
    draws: dict[str, np.ndarray],
    *,
    overtraining=1.0,
    flops_now=FRONTIER_FLOPS_2024,
    year_now=FRONTIER_YEAR_2024,
    growth_per_year=None,
) -> np.ndarray:
    """Exhaustion year for each draw of ``sample_inputs`` (one vectorised call, no loop over draws).

    ``growth_per_year``, when given, replaces the drawn growth rates by one fixed value (x per year).
    """
    growth = draws["growth_per_year"] if growth_per_year is None else growth_per_year
    return np.asarray(
        exhaustion_year(
            draws["stock_tokens"],
            growth_per_year=growth,
            tokens_per_param=draws["tokens_per_param"],
            overtraining=overtraining,
            flops_now=flops_now,
            year_now=year_now,
        )
    )
