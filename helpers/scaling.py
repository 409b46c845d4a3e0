"""Scaling laws: Kaplan et al. 2020 power laws and power-law fitting.

Units used throughout: N in non-embedding parameters, D in tokens, C in PF-days (Kaplan's unit, 8.64e19
FLOP; see ``helpers.units``), loss in nats per token (cross-entropy on Kaplan's WebText2 test set).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import optimize

from helpers._validate import as_float_array, like_input, positive, same_length

__all__ = [
    "BESIROGLU_2024",
    "HOFFMANN_2022",
    "HOFFMANN_2022_UNROUNDED",
    "KAPLAN_2020",
    "ChinchillaFit",
    "FloorPowerLawFit",
    "KaplanConstants",
    "PowerLawFit",
    "bootstrap_power_law",
    "fit_power_law",
    "fit_power_law_with_floor",
    "kaplan_c_for_loss",
    "kaplan_d_for_loss",
    "kaplan_loss_c",
    "kaplan_loss_d",
    "kaplan_loss_n",
    "kaplan_n_for_loss",
    "multiplier_for_loss",
    "simulate_measurements",
]


@dataclass(frozen=True)
class KaplanConstants:
    """Constants of the three single-variable laws L = (X_c / X)^alpha_X of Kaplan et al. 2020.

    Source: Kaplan et al. 2020, section 1.2, eqs. 1.1 (N), 1.2 (D) and 1.3 (C_min).
    """

    alpha_n: float = 0.076
    n_c: float = 8.8e13  # non-embedding parameters
    alpha_d: float = 0.095
    d_c: float = 5.4e13  # tokens
    alpha_c_min: float = 0.050
    c_c_min: float = 3.1e8  # PF-days
    source: str = "Kaplan et al. 2020, Scaling Laws for Neural Language Models, eqs. 1.1-1.3"


#: The published constants (eqs. 1.1-1.3). Loss in nats/token; N non-embedding; D tokens; C PF-days.
KAPLAN_2020 = KaplanConstants()


@dataclass(frozen=True)
class ChinchillaFit:
    """The parametric law L(N, D) = E + A / N^alpha + B / D^beta (Hoffmann et al. 2022, eq. 2).

    N counts all parameters (embeddings included), D training tokens, L is in nats/token (on Hoffmann's
    MassiveText data and tokenizer, so not comparable with Kaplan's WebText2 numbers). E is the irreducible
    loss, A / N^alpha the error of a finite model, B / D^beta the error of finite data.
    """

    E: float
    A: float
    B: float
    alpha: float
    beta: float
    source: str

    def loss(self, n, d):
        """Predicted loss (nats/token) of ``n`` parameters trained on ``d`` tokens."""
        na = positive("n", n, "parameters")
        da = positive("d", d, "tokens")
        return like_input(self.E + self.A / na**self.alpha + self.B / da**self.beta, n, d)

    def compute_optimal(self, c):
        """(N_opt, D_opt) minimising the loss at training compute ``c`` FLOP, with C = 6 N D.

        Closed form of Hoffmann et al. 2022, eq. 4: N_opt = G (C/6)^a, D_opt = G^-1 (C/6)^b, where
        G = (alpha A / (beta B))^(1 / (alpha + beta)), a = beta / (alpha + beta), b = alpha / (alpha + beta).
        """
        ca = positive("c", c, "FLOP")
        g = (self.alpha * self.A / (self.beta * self.B)) ** (1.0 / (self.alpha + self.beta))
        a = self.beta / (self.alpha + self.beta)
        b = self.alpha / (self.alpha + self.beta)
        return like_input(g * (ca / 6.0) ** a, c), like_input((ca / 6.0) ** b / g, c)

    def tokens_per_param(self, c):
        """D_opt / N_opt at training compute ``c`` FLOP (tokens per parameter)."""
        n_opt, d_opt = self.compute_optimal(c)
        return like_input(np.asarray(d_opt) / np.asarray(n_opt), c)


#: Hoffmann et al. 2022, Appendix D.2 eq. 10, rounded as published.
HOFFMANN_2022 = ChinchillaFit(
    E=1.69,
    A=406.4,
    B=410.7,
    alpha=0.34,
    beta=0.28,
    source="Hoffmann et al. 2022, App. D.2, eq. 10 (as published)",
)
#: The same fit before rounding: log A = 6.0073404, log B = 6.0179186, log E = 0.5267228 (from the paper's
#: TeX source, as quoted in Besiroglu et al. 2024's analysis notebook).
HOFFMANN_2022_UNROUNDED = ChinchillaFit(
    E=float(np.exp(0.5267228)),
    A=float(np.exp(6.0073404)),
    B=float(np.exp(6.0179186)),
    alpha=0.33917084,
    beta=0.2849083,
    source="Hoffmann et al. 2022, eq. 10 unrounded (TeX source, via Besiroglu et al. 2024)",
)
#: Besiroglu, Erdil, Barnett & You 2024, refit on the data extracted from Hoffmann et al.'s Figure 4.
BESIROGLU_2024 = ChinchillaFit(
    E=1.82,
    A=482.01,
    B=2085.43,
    alpha=0.3478,
    beta=0.3658,
    source="Besiroglu et al. 2024, Chinchilla Scaling: A replication attempt",
)


def _kaplan_form(name, x, unit, x_c, alpha):
    arr = positive(name, x, unit)
    return like_input((x_c / arr) ** alpha, x)


def _kaplan_inverse(loss, x_c, alpha):
    arr = positive("loss", loss, "nats/token")
    return like_input(x_c * arr ** (-1.0 / alpha), loss)


def kaplan_loss_n(n):
    """Loss (nats/token) of a model with ``n`` non-embedding parameters trained to convergence.

    L(N) = (N_c / N)^alpha_N with alpha_N = 0.076, N_c = 8.8e13 (Kaplan et al. 2020, eq. 1.1).
    """
    k = KAPLAN_2020
    return _kaplan_form("n", n, "non-embedding parameters", k.n_c, k.alpha_n)


def kaplan_loss_d(d):
    """Loss (nats/token) of a large model trained on ``d`` tokens with early stopping.

    L(D) = (D_c / D)^alpha_D with alpha_D = 0.095, D_c = 5.4e13 tokens (Kaplan et al. 2020, eq. 1.2).
    """
    k = KAPLAN_2020
    return _kaplan_form("d", d, "tokens", k.d_c, k.alpha_d)


def kaplan_loss_c(c_pf_days):
    """Loss (nats/token) reachable with compute ``c_pf_days`` (PF-days) allocated optimally.

    L(C_min) = (C_c^min / C_min)^alpha_C^min with alpha = 0.050, C_c^min = 3.1e8 PF-days
    (Kaplan et al. 2020, eq. 1.3). Convert FLOP with ``helpers.units.flop_to_pf_days``.
    """
    k = KAPLAN_2020
    return _kaplan_form("c_pf_days", c_pf_days, "PF-days", k.c_c_min, k.alpha_c_min)


def kaplan_n_for_loss(loss):
    """Non-embedding parameters at which eq. 1.1 predicts ``loss`` (nats/token): inverse of kaplan_loss_n."""
    return _kaplan_inverse(loss, KAPLAN_2020.n_c, KAPLAN_2020.alpha_n)


def kaplan_d_for_loss(loss):
    """Tokens at which eq. 1.2 predicts ``loss`` (nats/token): inverse of kaplan_loss_d."""
    return _kaplan_inverse(loss, KAPLAN_2020.d_c, KAPLAN_2020.alpha_d)


def kaplan_c_for_loss(loss):
    """PF-days at which eq. 1.3 predicts ``loss`` (nats/token): inverse of kaplan_loss_c."""
    return _kaplan_inverse(loss, KAPLAN_2020.c_c_min, KAPLAN_2020.alpha_c_min)


def multiplier_for_loss(loss_now, loss_target, alpha, floor=0.0):
    """Factor by which the scale variable must grow to bring the loss from ``loss_now`` to ``loss_target``.

    For L = E + A x^(-alpha), the reducible part L - E falls by a factor r when x grows by r^(1/alpha), so
    the multiplier is ((loss_now - E) / (loss_target - E))^(1/alpha). Losses in nats/token, ``alpha`` > 0,
    ``floor`` = E (0 for a pure power law). A target at or below the floor is unreachable: ValueError.
    """
    now = positive("loss_now", loss_now, "nats/token")
    target = positive("loss_target", loss_target, "nats/token")
    a = positive("alpha", alpha, "dimensionless exponent")
    e = as_float_array("floor", floor, "nats/token")
    if np.any(e < 0):
        raise ValueError(f"floor must be >= 0 (in nats/token); got {float(np.min(e))!r}")
    if np.any(target <= e):
        raise ValueError(
            f"loss_target must be above the irreducible floor {float(np.max(e))} nats/token; "
            f"got {float(np.min(target))!r}: no amount of scale reaches it"
        )
    if np.any(now <= e):
        raise ValueError(
            f"loss_now must be above the floor {float(np.max(e))} nats/token; got {float(np.min(now))!r}"
        )
    return like_input(((now - e) / (target - e)) ** (1.0 / a), loss_now, loss_target, alpha, floor)


@dataclass(frozen=True)
class PowerLawFit:
    """y = a * x**k, fitted by least squares on (log x, log y).

    ``k`` is the signed slope on log-log axes (Kaplan's alpha_N is -k for L(N)); ``r2`` is the coefficient
    of determination of the straight line in log space.
    """

    a: float
    k: float
    r2: float

    def predict(self, x):
        """The fitted law at ``x`` (same unit as the x the law was fitted on)."""
        arr = positive("x", x, "the unit of the fitted x")
        return like_input(self.a * arr**self.k, x)

    __call__ = predict


@dataclass(frozen=True)
class FloorPowerLawFit:
    """y = e + a * x**k with an irreducible floor ``e`` >= 0, fitted on log y."""

    e: float
    a: float
    k: float

    def predict(self, x):
        """The fitted law at ``x`` (same unit as the x the law was fitted on)."""
        arr = positive("x", x, "the unit of the fitted x")
        return like_input(self.e + self.a * arr**self.k, x)

    __call__ = predict


def _checked_xy(x, y):
    xa = positive("x", x, "the unit of the scale variable")
    ya = positive("y", y, "the unit of the measured quantity")
    same_length(x=xa, y=ya)
    if xa.size < 2 or np.ptp(np.log(xa)) == 0:
        raise ValueError(f"x must hold at least two distinct values to fit a power law; got {xa.tolist()}")
    return xa, ya


def _line_fits(log_x: np.ndarray, log_y: np.ndarray):
    """Least-squares slope and intercept of log_y on log_x along the last axis (vectorised)."""
    mx = log_x.mean(axis=-1, keepdims=True)
    my = log_y.mean(axis=-1, keepdims=True)
    dx, dy = log_x - mx, log_y - my
    sxx = (dx * dx).sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        slope = (dx * dy).sum(axis=-1) / sxx
    intercept = my[..., 0] - slope * mx[..., 0]
    return slope, intercept


def fit_power_law(x, y) -> PowerLawFit:
    """Fit y = a x^k by ordinary least squares of log y on log x (both > 0).

    A straight line on log-log axes is a power law: log y = log a + k log x.
    """
    xa, ya = _checked_xy(x, y)
    lx, ly = np.log(xa), np.log(ya)
    k, log_a = _line_fits(lx, ly)
    resid = ly - (log_a + k * lx)
    ss_tot = float(np.sum((ly - ly.mean()) ** 2))
    r2 = 1.0 - float(np.sum(resid**2)) / ss_tot if ss_tot > 0 else 1.0
    return PowerLawFit(a=float(np.exp(log_a)), k=float(k), r2=r2)


def fit_power_law_with_floor(x, y) -> FloorPowerLawFit:
    """Fit y = e + a x^k (with 0 <= e < min y) by least squares on log y.

    The floor is profiled out first (for each trial e, log(y - e) is a straight line in log x), then all
    three parameters are refined together. Needs at least 4 points.
    """
    xa, ya = _checked_xy(x, y)
    if xa.size < 4:
        raise ValueError(f"need at least 4 points to fit a floor, a scale and an exponent; got {xa.size}")
    lx, ly = np.log(xa), np.log(ya)
    y_min = float(ya.min())

    def log_resid(params):
        e, log_a, k = params
        return np.log(e + np.exp(log_a) * xa**k) - ly

    # Profile: scan trial floors in [0, min y), fit the line, keep the best, then refine jointly.
    trial_e = y_min * (1.0 - np.geomspace(1.0, 1e-4, 200))
    slopes, intercepts = _line_fits(lx, np.log(ya[None, :] - trial_e[:, None]))
    sse = [np.sum(log_resid((e, b, k)) ** 2) for e, b, k in zip(trial_e, intercepts, slopes, strict=True)]
    best = int(np.nanargmin(sse))
    start = np.array([trial_e[best], intercepts[best], slopes[best]])
    upper_e = y_min * (1 - 1e-9)
    start[0] = min(start[0], upper_e * (1 - 1e-6))
    result = optimize.least_squares(
        log_resid, start, bounds=([0.0, -np.inf, -np.inf], [upper_e, np.inf, np.inf]), x_scale="jac"
    )
    e, log_a, k = result.x
    return FloorPowerLawFit(e=float(e), a=float(np.exp(log_a)), k=float(k))


def bootstrap_power_law(x, y, x_new, *, n_boot: int = 1000, seed: int = 0) -> np.ndarray:
    """Predictions at ``x_new`` of pure power laws refitted to ``n_boot`` bootstrap resamples of (x, y).

    Returns an array of shape (n_boot, len(x_new)); take percentiles along axis 0 for a band. Vectorised:
    every resample is fitted at once.
    """
    xa, ya = _checked_xy(x, y)
    xn = np.atleast_1d(positive("x_new", x_new, "the unit of the fitted x"))
    if int(n_boot) != n_boot or n_boot < 1:
        raise ValueError(f"n_boot must be a positive integer (count of resamples); got {n_boot!r}")
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, xa.size, size=(int(n_boot), xa.size))
    lx, ly = np.log(xa)[idx], np.log(ya)[idx]
    k, log_a = _line_fits(lx, ly)
    # A resample that drew a single distinct x has no slope; redraw nothing, just drop it.
    ok = np.isfinite(k)
    preds = np.exp(log_a[ok, None] + k[ok, None] * np.log(xn)[None, :])
    return preds


def simulate_measurements(law, x, *, rel_noise: float = 0.01, seed: int = 0) -> np.ndarray:
    """Noisy 'measurements' y = law(x) * exp(rel_noise * z), z ~ N(0, 1), with a fixed seed.

    Multiplicative noise keeps every value positive and is what a log-log fit assumes.
    """
    xa = positive("x", x, "the unit of the scale variable")
    sigma = as_float_array("rel_noise", rel_noise, "relative standard deviation")
    if sigma < 0:
        raise ValueError(f"rel_noise must be >= 0 (relative standard deviation); got {rel_noise!r}")
    rng = np.random.default_rng(seed)
    return np.asarray(law(xa), dtype=float) * np.exp(float(sigma) * rng.standard_normal(xa.shape))
