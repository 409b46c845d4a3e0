"""Checks for exercise set 1, "Power laws" (solutions/01_power_laws.ipynb).

Expected values come from the book's reference implementations in ``helpers.scaling``.
"""

from __future__ import annotations

import numpy as np

from helpers import scaling
from helpers.grading import Case, ExerciseSet, Task, close_to, raises

K = scaling.KAPLAN_2020
_N = np.array([1e6, 1e8, 1e9, 1e11, 1e12])

# Small-model "measurements" used by several tasks: a pure law, and a law with a floor, both with 1% noise.
_x = np.geomspace(1e6, 1e9, 10)
_pure = scaling.simulate_measurements(lambda n: (K.n_c / n) ** K.alpha_n, _x, rel_noise=0.01, seed=1)
_floor = 1.69
_with_floor = scaling.simulate_measurements(lambda n: _floor + 406.4 * n**-0.34, _x, rel_noise=0.005, seed=2)
_x_new = np.array([1e10, 1e11, 1e12])


def _fit(x, y):
    f = scaling.fit_power_law(x, y)
    return (f.a, f.k)


def _extrapolate(x, y, floor, x_new):
    return floor + scaling.fit_power_law(x, np.asarray(y) - floor).predict(x_new)


loss_from_params = Task(
    id="1.1",
    function="loss_from_params",
    title="Kaplan's L(N) as a vectorised function",
    points=2,
    cases=(
        Case(args=(1e9, K.n_c, K.alpha_n), judge=close_to(scaling.kaplan_loss_n(1e9), rtol=1e-9)),
        Case(args=(_N, K.n_c, K.alpha_n), judge=close_to(scaling.kaplan_loss_n(_N), rtol=1e-9)),
        Case(args=(2e3, 1e4, 0.5), judge=close_to(np.sqrt(5.0), rtol=1e-9)),
        Case(args=(0.0, K.n_c, K.alpha_n), judge=raises("ValueError")),
        Case(args=(np.array([1e9, -5.0]), K.n_c, K.alpha_n), judge=raises("ValueError")),
    ),
    reimplements=(scaling.kaplan_loss_n,),
    hint="L(N) = (N_c / N) ** alpha_N works on arrays as written; check `np.any(n <= 0)` first and raise "
    "ValueError with a message that names n and its unit.",
)

fit_log_log = Task(
    id="1.2",
    function="fit_log_log",
    title="Fit a power law by a straight line in log-log space",
    points=3,
    cases=(
        Case(
            args=(_x, 3.0 * _x**-0.5),
            judge=close_to((3.0, -0.5), rtol=1e-6),
            describe="fit_log_log(x, 3 x^-0.5)",
        ),
        Case(
            args=(_x, _pure),
            judge=close_to(_fit(_x, _pure), rtol=1e-6),
            describe="fit_log_log(x, noisy Kaplan L(N))",
        ),
        Case(
            args=(np.array([1.0, 10.0, 100.0]), np.array([5.0, 50.0, 500.0])),
            judge=close_to((5.0, 1.0), rtol=1e-6),
        ),
    ),
    reimplements=(scaling.fit_power_law,),
    hint="Take logs of both x and y, fit a straight line with np.polyfit(log_x, log_y, 1): the slope is k and "
    "exp(intercept) is a. Return the tuple (a, k).",
)

extrapolate_with_floor = Task(
    id="1.3",
    function="extrapolate_with_floor",
    title="Extrapolate a law with an irreducible floor",
    points=3,
    cases=(
        Case(
            args=(_x, 1.5 + 2.0 * _x**-0.3, 1.5, _x_new),
            judge=close_to(1.5 + 2.0 * _x_new**-0.3, rtol=1e-6),
            describe="extrapolate_with_floor(x, 1.5 + 2 x^-0.3, floor=1.5, x_new=[1e10, 1e11, 1e12])",
        ),
        Case(
            args=(_x, _with_floor, _floor, _x_new),
            judge=close_to(_extrapolate(_x, _with_floor, _floor, _x_new), rtol=1e-6),
            describe="extrapolate_with_floor(x, noisy measurements, floor=1.69, x_new)",
        ),
        Case(
            args=(_x, _with_floor, float(_with_floor.min()) + 0.1, _x_new),
            judge=raises("ValueError"),
            describe="extrapolate_with_floor with a floor above the smallest measured loss",
        ),
    ),
    reimplements=(scaling.fit_power_law, scaling.fit_power_law_with_floor),
    hint="Subtract the floor, fit a straight line to log(y - floor) against log x, predict at x_new and add the "
    "floor back. A floor at or above a measured loss makes log(y - floor) undefined: raise ValueError.",
)

compute_multiplier = Task(
    id="1.4",
    function="compute_multiplier",
    title="How much more compute for a target loss",
    points=2,
    cases=(
        Case(
            args=(2.0, 1.9, K.alpha_c_min),
            judge=close_to(scaling.multiplier_for_loss(2.0, 1.9, K.alpha_c_min)),
        ),
        Case(args=(2.5, 2.0, 0.34, 1.69), judge=close_to(scaling.multiplier_for_loss(2.5, 2.0, 0.34, 1.69))),
        Case(
            args=(3.0, 1.5, 0.3, 1.69),
            judge=raises("ValueError"),
            describe="compute_multiplier with a target below the floor",
        ),
    ),
    reimplements=(scaling.multiplier_for_loss,),
    hint="With L = E + A x^-alpha, the reducible part L - E shrinks by a factor r when x grows by r**(1/alpha). "
    "A target at or below the floor E can never be reached: raise ValueError.",
)

EXERCISE_SET = ExerciseSet(
    name="01_power_laws",
    title="Power laws",
    tasks=(loss_from_params, fit_log_log, extrapolate_with_floor, compute_multiplier),
)
