"""Scaling laws: Kaplan et al. 2020 power laws, power-law fitting, and Chinchilla (Hoffmann et al. 2022) fits.

Units used throughout: N in non-embedding parameters, D in tokens, C in PF-days (Kaplan's unit, 8.64e19
FLOP; see ``helpers.units``), loss in nats per token (cross-entropy on Kaplan's WebText2 test set).
The Chinchilla part (``ChinchillaFit``, ``fit_chinchilla``, ``lifetime_optimal``) follows Hoffmann et al.:
N counts all parameters, C is in FLOP (C = 6 N D), loss in nats/token on their MassiveText data.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import optimize

from helpers._validate import as_float_array, like_input, positive, same_length

__all__ = [
    "APPROACH3_GRID",
    "BESIROGLU_2024",
    "HOFFMANN_2022",
    "HOFFMANN_2022_UNROUNDED",
    "KAPLAN_2020",
    "ChinchillaFit",
    "ChinchillaFitResult",
    "FloorPowerLawFit",
    "KaplanConstants",
    "PowerLawFit",
    "allocation_at_ratio",
    "bootstrap_chinchilla",
    "bootstrap_power_law",
    "chinchilla_objective",
    "fit_chinchilla",
    "fit_power_law",
    "fit_power_law_with_floor",
    "huber",
    "isoflop_minimum",
    "kaplan_c_for_loss",
    "kaplan_d_for_loss",
    "kaplan_loss_c",
    "kaplan_loss_d",
    "kaplan_loss_n",
    "kaplan_n_for_loss",
    "lifetime_flops",
    "lifetime_optimal",
    "lse_objective",
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


# ------------------------------------------------------------------------------------------------------
# Approach 3 of Hoffmann et al. 2022: fitting L(N, D) = E + A/N^alpha + B/D^beta (chapter 2)

#: Hoffmann et al. 2022, App. D.2: the L-BFGS initialisation grid. alpha, beta in {0, 0.5, ..., 2},
#: e in {-1, -0.5, ..., 1}, a, b in {0, 5, ..., 25}: 5 * 5 * 5 * 6 * 6 = 4,500 starts.
#: Columns in the order (a, b, e, alpha, beta), where A, B, E = exp(a), exp(b), exp(e).
APPROACH3_GRID = np.stack(
    np.meshgrid(
        np.arange(0.0, 26.0, 5.0),  # a = log A
        np.arange(0.0, 26.0, 5.0),  # b = log B
        np.arange(-1.0, 1.01, 0.5),  # e = log E
        np.arange(0.0, 2.01, 0.5),  # alpha
        np.arange(0.0, 2.01, 0.5),  # beta
        indexing="ij",
    ),
    axis=-1,
).reshape(-1, 5)


@dataclass(frozen=True)
class ChinchillaFitResult:
    """What ``fit_chinchilla`` found: the ``fit``, its ``objective`` (sum of Huber losses on log-loss
    residuals, dimensionless), whether L-BFGS-B reported ``converged``, and how many grid starts it refined."""

    fit: ChinchillaFit
    objective: float
    converged: bool
    refined_starts: int


def huber(r, delta: float = 1e-3):
    """Huber loss of residuals ``r``: r^2 / 2 where |r| <= delta, delta (|r| - delta / 2) beyond (Huber 1964).

    Quadratic near zero, linear in the tails, so a few outlying points cannot dominate a fit.
    """
    ra = as_float_array("r", r, "residuals (log nats/token)")
    d = float(positive("delta", delta, "residuals (log nats/token)"))
    out = np.where(np.abs(ra) <= d, 0.5 * ra**2, d * (np.abs(ra) - 0.5 * d))
    return like_input(out, r)


def _checked_runs(n, d, loss):
    na = positive("n", n, "parameters")
    da = positive("d", d, "tokens")
    la = positive("loss", loss, "nats/token")
    same_length(n=na, d=da, loss=la)
    return np.log(na), np.log(da), np.log(la)


def lse_objective(theta: np.ndarray, log_n, log_d, log_loss, delta: float, *, gradient: bool = True):
    """Hoffmann et al. 2022 eq. 3 in log-sum-exp form: sum of Huber losses of LSE(a - alpha log N,
    b - beta log D, e) - log L, and its gradient. Inputs are logs (of parameters, tokens and nats/token)
    and are not validated: ``fit_chinchilla`` and ``chinchilla_objective`` check them first.

    ``theta`` has shape (..., 5) with columns (a, b, e, alpha, beta): every leading index is a separate
    parameter vector, so the whole 4,500-point grid is evaluated in one call. Returns arrays of shape
    (...) and (..., 5); the gradient is None when ``gradient`` is False.
    """
    a, b, e, alpha, beta = (theta[..., i, None] for i in range(5))
    t_n = a - alpha * log_n  # (..., points)
    t_d = b - beta * log_d
    top = np.maximum(np.maximum(t_n, t_d), e)
    w_n, w_d, w_e = np.exp(t_n - top), np.exp(t_d - top), np.exp(e - top)
    total = w_n + w_d + w_e
    r = top + np.log(total) - log_loss
    abs_r = np.abs(r)
    small = abs_r <= delta
    objective = np.where(small, 0.5 * r * r, delta * (abs_r - 0.5 * delta)).sum(axis=-1)
    if not gradient:
        return objective, None
    psi = np.where(small, r, delta * np.sign(r)) / total  # dHuber/dr times the softmax normaliser
    pn, pd = psi * w_n, psi * w_d
    grad = np.stack(
        [pn.sum(axis=-1), pd.sum(axis=-1), (psi * w_e).sum(axis=-1), -(pn * log_n).sum(axis=-1),
         -(pd * log_d).sum(axis=-1)],
        axis=-1,
    )
    return objective, grad


def _to_fit(theta, source: str) -> ChinchillaFit:
    a, b, e, alpha, beta = (float(v) for v in theta)
    return ChinchillaFit(
        E=float(np.exp(e)), A=float(np.exp(a)), B=float(np.exp(b)), alpha=alpha, beta=beta, source=source
    )


def chinchilla_objective(fit: ChinchillaFit, n, d, loss, delta: float = 1e-3) -> float:
    """Hoffmann et al. 2022 eq. 3: sum over runs of Huber_delta(log L_hat(N_i, D_i) - log L_i).

    ``n`` in parameters, ``d`` in tokens, ``loss`` in nats/token (1-D arrays of equal length). The residual
    is a difference of logs, so the objective is dimensionless.
    """
    log_n, log_d, log_loss = _checked_runs(n, d, loss)
    positive("delta", delta, "residuals (log nats/token)")
    theta = np.array([np.log(fit.A), np.log(fit.B), np.log(fit.E), fit.alpha, fit.beta])
    return float(lse_objective(theta, log_n, log_d, log_loss, float(delta))[0])


def fit_chinchilla(
    n, d, loss, delta: float = 1e-3, *, refine: int = 5, grid: np.ndarray | None = None
) -> ChinchillaFitResult:
    """Fit L(N, D) = E + A/N^alpha + B/D^beta by Hoffmann et al. 2022's Approach 3 (eq. 3, App. D.2).

    Minimises the sum of Huber losses (``delta``, default 1e-3) of log-loss residuals, with the law written
    as log L = LSE(a - alpha log N, b - beta log D, e) and A, B, E = exp(a, b, e). The objective is
    evaluated on the paper's 4,500-point start grid (``APPROACH3_GRID``) in one vectorised call; the
    ``refine`` best starts are then refined by L-BFGS-B with the analytic gradient, and the best result is
    kept. ``n`` in parameters, ``d`` in tokens, ``loss`` in nats/token. ``grid`` replaces the start grid
    (shape (starts, 5), columns a, b, e, alpha, beta).

    The L-BFGS-B tolerances are far tighter than scipy's defaults: the objective is of order 1e-3, and the
    default relative tolerance (against max(|f|, 1)) stops some starts early, far from the optimum.
    """
    log_n, log_d, log_loss = _checked_runs(n, d, loss)
    if log_n.size < 5:
        raise ValueError(f"need at least 5 runs (n, d, loss) to fit 5 parameters; got {log_n.size}")
    delta = float(positive("delta", delta, "residuals (log nats/token)"))
    if int(refine) != refine or refine < 1:
        raise ValueError(f"refine must be a positive integer (number of starts); got {refine!r}")
    starts = APPROACH3_GRID if grid is None else np.atleast_2d(np.asarray(grid, dtype=float))
    if starts.ndim != 2 or starts.shape[1] != 5:
        raise ValueError(f"grid must have shape (starts, 5) with columns (a, b, e, alpha, beta); got {starts.shape}")
    grid_objective, _ = lse_objective(starts, log_n, log_d, log_loss, delta, gradient=False)
    best_starts = starts[np.argsort(grid_objective, kind="stable")[: int(refine)]]

    def fun(theta):
        value, gradient = lse_objective(theta, log_n, log_d, log_loss, delta)
        return float(value), gradient

    best = None
    for start in best_starts:
        result = optimize.minimize(
            fun, start, jac=True, method="L-BFGS-B", options={"maxiter": 2000, "ftol": 1e-15, "gtol": 1e-12}
        )
        if best is None or result.fun < best.fun:
            best = result
    return ChinchillaFitResult(
        fit=_to_fit(best.x, f"fit_chinchilla on {log_n.size} runs (Huber delta {delta:g})"),
        objective=float(best.fun),
        converged=bool(best.success),
        refined_starts=len(best_starts),
    )


def bootstrap_chinchilla(
    n, d, loss, *, n_boot: int = 20, seed: int = 0, delta: float = 1e-3, refine: int = 3
) -> list[ChinchillaFit]:
    """Approach-3 fits to ``n_boot`` bootstrap resamples of the runs (n, d, loss), with a progress bar.

    Each resample draws len(n) runs with replacement (fixed ``seed``) and is refitted by ``fit_chinchilla``
    from the full grid, keeping the ``refine`` best starts. Take percentiles across the returned fits for
    confidence intervals (Besiroglu et al. 2024 use 4,000 resamples; a few dozen show the idea).
    """
    from helpers.progress import progress

    log_n, _, _ = _checked_runs(n, d, loss)
    if int(n_boot) != n_boot or n_boot < 1:
        raise ValueError(f"n_boot must be a positive integer (count of resamples); got {n_boot!r}")
    na, da, la = (np.asarray(x, dtype=float) for x in (n, d, loss))
    rng = np.random.default_rng(seed)
    fits = []
    for _ in progress(range(int(n_boot)), desc="bootstrap refits"):
        idx = rng.integers(0, log_n.size, size=log_n.size)
        fits.append(fit_chinchilla(na[idx], da[idx], la[idx], delta, refine=refine).fit)
    return fits


def isoflop_minimum(n, loss) -> float:
    """Model size (parameters) at the minimum of a parabola in log N fitted to one IsoFLOP curve.

    Approach 2 of Hoffmann et al. 2022 (section 3.2): at a fixed budget, train several sizes, fit
    loss = c0 + c1 log N + c2 (log N)^2, and read the size at the vertex, exp(-c1 / (2 c2)). ``loss`` in
    nats/token. A curve that does not open upwards has no minimum: ValueError.
    """
    na = positive("n", n, "parameters")
    la = positive("loss", loss, "nats/token")
    same_length(n=na, loss=la)
    if np.unique(na).size < 3:
        raise ValueError(f"n must hold at least 3 distinct sizes to fit a parabola; got {na.tolist()}")
    c2, c1, _ = np.polyfit(np.log(na), la, 2)
    if c2 <= 0:
        raise ValueError(f"the parabola fitted to loss against log n opens downwards (c2 = {c2:.3g}): no minimum")
    return float(np.exp(-c1 / (2.0 * c2)))


def lifetime_flops(n, d, inference_tokens):
    """Training plus inference compute in FLOP (a count): 6 N D + 2 N x ``inference_tokens``.

    ``n`` parameters, ``d`` training tokens, ``inference_tokens`` tokens processed over the model's life
    (prompt and generated). The framing of Sardana et al. 2023 (arXiv 2401.00448), with Kaplan et al.'s
    6N and 2N per token (``helpers.compute``).
    """
    from helpers.compute import inference_flops, training_flops

    tokens = as_float_array("inference_tokens", inference_tokens, "tokens")
    if np.any(tokens < 0):
        raise ValueError(f"inference_tokens must be >= 0 (in tokens); got {float(np.min(tokens))!r}")
    # inference_flops rejects 0 tokens; a model that serves nothing adds nothing.
    serving = np.where(tokens > 0, inference_flops(n, np.where(tokens > 0, tokens, 1.0)), 0.0)
    return like_input(np.asarray(training_flops(n, d)) + serving, n, d, inference_tokens)


def lifetime_optimal(fit: ChinchillaFit, loss_target: float, inference_tokens: float) -> tuple[float, float]:
    """(N, D) reaching ``loss_target`` (nats/token) under ``fit`` with the least lifetime compute.

    Minimises ``lifetime_flops(N, D, inference_tokens)`` along the curve L(N, D) = loss_target, where
    D(N) = (B / (loss_target - E - A / N^alpha))^(1 / beta) (Sardana et al. 2023, section 2). With no
    inference this is the compute-optimal point of ``fit.compute_optimal``; more inference moves the
    optimum to a smaller model trained on more tokens. ``loss_target`` must lie above E.
    """
    target = float(positive("loss_target", loss_target, "nats/token"))
    tokens = float(as_float_array("inference_tokens", inference_tokens, "tokens"))
    if tokens < 0:
        raise ValueError(f"inference_tokens must be >= 0 (in tokens); got {tokens!r}")
    if target <= fit.E:
        raise ValueError(
            f"loss_target must be above the irreducible loss E = {fit.E:.4g} nats/token; got {target!r}"
        )
    # Below n_min even infinite data cannot reach the target: A / N^alpha alone exceeds target - E.
    log_n_min = np.log(fit.A / (target - fit.E)) / fit.alpha

    def log_total(log_n):
        reducible = target - fit.E - fit.A * np.exp(-fit.alpha * log_n)
        log_d = (np.log(fit.B) - np.log(reducible)) / fit.beta
        return np.log(6.0 * np.exp(log_d) + 2.0 * tokens) + log_n

    grid = log_n_min + np.geomspace(1e-6, 40.0, 2000)
    best = int(np.argmin(log_total(grid)))
    lo, hi = grid[max(best - 1, 0)], grid[min(best + 1, grid.size - 1)]
    result = optimize.minimize_scalar(log_total, bounds=(lo, hi), method="bounded", options={"xatol": 1e-12})
    n_best = float(np.exp(result.x))
    reducible = target - fit.E - fit.A * n_best**-fit.alpha
    return n_best, float((fit.B / reducible) ** (1.0 / fit.beta))


def allocation_at_ratio(c, tokens_per_param):
    """(N, D) that spend ``c`` FLOP with C = 6 N D at a fixed ratio D / N = ``tokens_per_param``.

    N = sqrt(C / (6 r)), D = r N. With r = 20 (Hoffmann et al. 2022, Table 3) this is the usual rule of
    thumb for a compute-optimal model; ``fit.compute_optimal`` gives the allocation a fitted law implies.
    """
    ca = positive("c", c, "FLOP")
    ra = positive("tokens_per_param", tokens_per_param, "tokens per parameter")
    n = np.sqrt(ca / (6.0 * ra))
    return like_input(n, c, tokens_per_param), like_input(ra * n, c, tokens_per_param)
