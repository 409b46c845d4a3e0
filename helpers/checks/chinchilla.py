"""Checks for exercise set 2, "Chinchilla and compute-optimal training" (solutions/02_chinchilla.ipynb).

Expected values come from the book's reference implementations in ``helpers.scaling``. No case needs the
4,500-start fit: each check runs in well under a second.
"""

from __future__ import annotations

import numpy as np

from helpers import scaling
from helpers.checks import law_params
from helpers.grading import Case, ExerciseSet, Task, close_to, raises

H, U, B = scaling.HOFFMANN_2022, scaling.HOFFMANN_2022_UNROUNDED, scaling.BESIROGLU_2024


# Twelve simulated runs from Besiroglu et al.'s law with 0.5% noise, for the Huber objective.
_rng = np.random.default_rng(2)
_n = np.geomspace(1e8, 1e10, 12)
_d = np.geomspace(2e9, 4e11, 12)[_rng.permutation(12)]
_loss = B.loss(_n, _d) * np.exp(0.005 * _rng.standard_normal(12))

# One IsoFLOP curve at 1e20 FLOP: eight sizes around the optimum, with 0.2% noise.
_c_iso = 1e20
_n_iso = np.geomspace(2e8, 3e9, 8)
_loss_iso = H.loss(_n_iso, _c_iso / (6 * _n_iso)) * np.exp(
    0.002 * np.random.default_rng(3).standard_normal(8)
)

allocate_at_ratio = Task(
    id="2.1",
    function="allocate_at_ratio",
    title="Invert C = 6ND at a fixed number of tokens per parameter",
    points=2,
    cases=(
        Case(args=(5.88e23, 20.0), judge=close_to(scaling.allocation_at_ratio(5.88e23, 20.0), rtol=1e-6)),
        Case(args=(3.14e23, 20.0), judge=close_to(scaling.allocation_at_ratio(3.14e23, 20.0), rtol=1e-6)),
        Case(args=(1e18, 20.0), judge=close_to(scaling.allocation_at_ratio(1e18, 20.0), rtol=1e-6)),
        Case(args=(1e21, 200.0), judge=close_to(scaling.allocation_at_ratio(1e21, 200.0), rtol=1e-6)),
        Case(args=(-1e21, 20.0), judge=raises("ValueError"), describe="allocate_at_ratio(-1e21, 20.0)"),
    ),
    reimplements=(scaling.allocation_at_ratio,),
    hint="With D = r N, C = 6 N D = 6 r N^2, so N = sqrt(C / (6 r)) and D = r N. Return the tuple (N, D); "
    "raise ValueError when C or r is not positive.",
)

frontier = Task(
    id="2.2",
    function="frontier",
    title="The efficient frontier of a fitted law (Hoffmann eq. 4)",
    points=3,
    cases=(
        Case(
            args=(5.76e23, *law_params(H)),
            judge=close_to(H.compute_optimal(5.76e23), rtol=1e-6),
            describe="frontier(5.76e23, *Hoffmann's rounded fit)",
        ),
        Case(
            args=(1e21, *law_params(B)),
            judge=close_to(B.compute_optimal(1e21), rtol=1e-6),
            describe="frontier(1e21, *Besiroglu et al.'s fit)",
        ),
        Case(
            args=(1e18, 2.0, 100.0, 100.0, 0.5, 0.5),
            judge=close_to(
                scaling.ChinchillaFit(2.0, 100.0, 100.0, 0.5, 0.5, "").compute_optimal(1e18), rtol=1e-6
            ),
        ),
    ),
    reimplements=(scaling.ChinchillaFit.compute_optimal,),
    hint="G = (alpha A / (beta B))^(1/(alpha+beta)); N_opt = G (C/6)^(beta/(alpha+beta)) and "
    "D_opt = (C/6)^(alpha/(alpha+beta)) / G. Check that 6 N_opt D_opt equals C.",
)

tokens_per_param_at = Task(
    id="2.3",
    function="tokens_per_param_at",
    title="Tokens per parameter at a budget: the puzzle",
    points=2,
    cases=(
        Case(
            args=(5.76e23, *law_params(H)),
            judge=close_to(H.tokens_per_param(5.76e23), rtol=1e-6),
            describe="tokens_per_param_at(5.76e23, *Hoffmann's rounded fit)",
        ),
        Case(
            args=(5.76e23, *law_params(U)),
            judge=close_to(U.tokens_per_param(5.76e23), rtol=1e-6),
            describe="tokens_per_param_at(5.76e23, *Hoffmann's unrounded fit)",
        ),
        Case(
            args=(5.88e23, *law_params(B)),
            judge=close_to(B.tokens_per_param(5.88e23), rtol=1e-6),
            describe="tokens_per_param_at(5.88e23, *Besiroglu et al.'s fit)",
        ),
    ),
    reimplements=(scaling.ChinchillaFit.tokens_per_param, scaling.ChinchillaFit.compute_optimal),
    hint="Use your frontier: D_opt / N_opt = (C/6)^((alpha - beta)/(alpha + beta)) / G^2. With alpha != beta "
    "the ratio changes with the budget, so tiny changes in the exponents move it a lot.",
)

huber_objective = Task(
    id="2.4",
    function="huber_objective",
    title="The Approach-3 objective: Huber loss on log-loss residuals",
    points=3,
    cases=(
        Case(
            args=(law_params(B), _n, _d, _loss, 1e-3),
            judge=close_to(scaling.chinchilla_objective(B, _n, _d, _loss, 1e-3), rtol=1e-6),
            describe="huber_objective(Besiroglu's fit, 12 noisy runs, delta=1e-3)",
        ),
        Case(
            args=(law_params(H), _n, _d, _loss, 1e-3),
            judge=close_to(scaling.chinchilla_objective(H, _n, _d, _loss, 1e-3), rtol=1e-6),
            describe="huber_objective(Hoffmann's fit, 12 noisy runs, delta=1e-3)",
        ),
        Case(
            args=(law_params(B), _n, _d, _loss, 1e-1),
            judge=close_to(scaling.chinchilla_objective(B, _n, _d, _loss, 1e-1), rtol=1e-6),
            describe="huber_objective(Besiroglu's fit, 12 noisy runs, delta=0.1)",
        ),
        Case(
            args=(law_params(B), _n, _d, B.loss(_n, _d), 1e-3),
            judge=close_to(0.0, atol=1e-15),
            describe="huber_objective on runs that follow the law exactly",
        ),
    ),
    reimplements=(scaling.chinchilla_objective, scaling.lse_objective, scaling.huber),
    hint="r_i = log(E + A/N_i^alpha + B/D_i^beta) - log(L_i). Huber(r) = r^2/2 where |r| <= delta, else "
    "delta (|r| - delta/2). Return the sum over runs, not the mean.",
)

isoflop_minimum = Task(
    id="2.5",
    function="isoflop_minimum",
    title="Locate the minimum of an IsoFLOP curve",
    points=2,
    cases=(
        Case(
            args=(_n_iso, _loss_iso),
            judge=close_to(scaling.isoflop_minimum(_n_iso, _loss_iso), rtol=1e-6),
            describe="isoflop_minimum(8 sizes at 1e20 FLOP, noisy losses)",
        ),
        Case(
            args=(np.geomspace(1e8, 1e10, 5), 2.0 + 0.1 * np.log(np.geomspace(1e8, 1e10, 5) / 1e9) ** 2),
            judge=close_to(1e9, rtol=1e-6),
            describe="isoflop_minimum(n, 2 + 0.1 log(n / 1e9)^2)",
        ),
        Case(
            args=(np.geomspace(1e8, 1e10, 5), 3.0 - 0.1 * np.log(np.geomspace(1e8, 1e10, 5) / 1e9) ** 2),
            judge=raises("ValueError"),
            describe="isoflop_minimum on a curve that opens downwards",
        ),
    ),
    reimplements=(scaling.isoflop_minimum,),
    hint="Fit loss = c0 + c1 x + c2 x^2 with x = log N (np.polyfit(x, loss, 2) returns c2, c1, c0). The "
    "minimum is at x = -c1 / (2 c2), so return exp of that. If c2 <= 0 there is no minimum: raise ValueError.",
)

lifetime_optimal_size = Task(
    id="2.6",
    function="lifetime_optimal_size",
    title="Over-training: the size that minimises training plus inference compute",
    points=3,
    cases=(
        Case(
            args=(2.0, 0.0, *law_params(H)),
            judge=close_to(scaling.lifetime_optimal(H, 2.0, 0.0), rtol=1e-3),
            describe="lifetime_optimal_size(2.0 nats/token, no inference, *Hoffmann's fit)",
        ),
        Case(
            args=(2.0, 1e13, *law_params(H)),
            judge=close_to(scaling.lifetime_optimal(H, 2.0, 1e13), rtol=1e-3),
            describe="lifetime_optimal_size(2.0 nats/token, 1e13 inference tokens, *Hoffmann's fit)",
        ),
        Case(
            args=(2.1, 2e12, *law_params(B)),
            judge=close_to(scaling.lifetime_optimal(B, 2.1, 2e12), rtol=1e-3),
            describe="lifetime_optimal_size(2.1 nats/token, 2e12 inference tokens, *Besiroglu's fit)",
        ),
        Case(
            args=(1.6, 0.0, *law_params(H)),
            judge=raises("ValueError"),
            describe="lifetime_optimal_size(1.6 nats/token, below E = 1.69)",
        ),
    ),
    reimplements=(scaling.lifetime_optimal, scaling.lifetime_flops),
    hint="On the curve L(N, D) = target, D(N) = (B / (target - E - A/N^alpha))^(1/beta), defined only for "
    "N above (A / (target - E))^(1/alpha). Minimise 6 N D(N) + 2 N I over N (a fine grid in log N, then "
    "scipy.optimize.minimize_scalar). Return (N, D). A target at or below E is unreachable: ValueError.",
)

EXERCISE_SET = ExerciseSet(
    name="02_chinchilla",
    title="Chinchilla and compute-optimal training",
    tasks=(
        allocate_at_ratio,
        frontier,
        tokens_per_param_at,
        huber_objective,
        isoflop_minimum,
        lifetime_optimal_size,
    ),
)
