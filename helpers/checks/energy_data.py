"""Checks for exercise set 6, "Energy, carbon and the data wall" (solutions/06_energy_data.ipynb).

Expected values come from the book's reference implementations in ``helpers.energy``, ``helpers.compute``
and ``helpers.data_wall``. Tasks that take a chip's peak rate and power as numbers are checked against
``helpers.energy`` with an ``Accelerator`` built from those numbers. The Monte Carlo task receives its
random draws as arguments, so its answer is deterministic.
"""

from __future__ import annotations

import numpy as np

from helpers import compute, data_wall, energy
from helpers.checks import hypothetical_chip
from helpers.grading import Case, ExerciseSet, Task, close_to, raises

_A100 = compute.ACCELERATORS["A100"]
_H100 = compute.ACCELERATORS["H100"]


def _run_energy(flops, peak, mfu, watts, pue):
    return energy.facility_energy_mwh(flops, hypothetical_chip(peak, watts=watts), mfu, pue=pue)


def _quantile(stock, growth, ratio, q, flops_now, year_now):
    years = data_wall.exhaustion_year(
        stock, growth_per_year=growth, tokens_per_param=ratio, flops_now=flops_now, year_now=year_now
    )
    return float(np.quantile(years, q))


run_energy_mwh = Task(
    id="6.1",
    function="run_energy_mwh",
    title="Energy of a training run",
    points=2,
    cases=(
        Case(
            args=(3.8e25, _H100.peak_flops_dense, 0.4, _H100.power_watts, 1.1),
            judge=close_to(_run_energy(3.8e25, 989.4e12, 0.4, 700.0, 1.1)),
            describe="run_energy_mwh(3.8e25, H100 peak, mfu=0.4, watts=700, pue=1.1)",
        ),
        Case(
            args=(3.14e23, _A100.peak_flops_dense, 0.213, _A100.power_watts, 1.0),
            judge=close_to(_run_energy(3.14e23, 312e12, 0.213, 400.0, 1.0)),
            describe="run_energy_mwh(3.14e23, A100 peak, mfu=0.213, watts=400, pue=1.0)",
        ),
        Case(
            args=(1e24, 989.4e12, np.array([0.2, 0.4, 0.5]), 700.0, 1.5),
            judge=close_to(_run_energy(1e24, 989.4e12, np.array([0.2, 0.4, 0.5]), 700.0, 1.5)),
        ),
        Case(
            args=(1e24, 989.4e12, 0.4, 700.0, 0.9),
            judge=raises("ValueError"),
            describe="run_energy_mwh(1e24, 989.4e12, 0.4, 700, pue=0.9)",
        ),
    ),
    reimplements=(energy.facility_energy_mwh, compute.training_energy_mwh),
    hint="Seconds of one chip = FLOP / (peak FLOP/s x MFU); joules = seconds x watts x PUE; "
    "1 MWh = 3.6e9 J. A PUE below 1 is impossible (the facility cannot use less than its IT equipment): "
    "raise ValueError.",
)

carbon_tonnes = Task(
    id="6.2",
    function="carbon_tonnes",
    title="Carbon at a grid intensity",
    points=1,
    cases=(
        Case(args=(1287.0, 429.0), judge=close_to(energy.carbon_tonnes(1287.0, 0.429))),
        Case(
            args=(np.array([433.0, 5390.0, 20000.0]), 57.0),
            judge=close_to(energy.carbon_tonnes(np.array([433.0, 5390.0, 20000.0]), 0.057)),
        ),
        Case(args=(1000.0, 0.0), judge=close_to(0.0, atol=1e-12)),
        Case(
            args=(1000.0, -50.0),
            judge=raises("ValueError"),
            describe="carbon_tonnes(1000, grams_per_kwh=-50)",
        ),
    ),
    reimplements=(energy.carbon_tonnes,),
    hint="The intensity is in GRAMS per kWh. MWh x 1,000 kWh/MWh x g/kWh gives grams; divide by 1e6 g per "
    "tonne. A negative intensity should raise ValueError; zero (carbon-free supply) is allowed.",
)

crossing_year = Task(
    id="6.3",
    function="crossing_year",
    title="The year a projection crosses a threshold",
    points=2,
    cases=(
        Case(
            args=(20_000.0, 2024.5, 3.6, 176e6),
            judge=close_to(data_wall.crossing_year(20_000.0, 2024.5, 3.6, 176e6)),
            describe="crossing_year(20,000 MWh, 2024.5, 3.6x/yr, 176e6 MWh)",
        ),
        Case(
            args=(3.8e25, 2024.5, 4.7, 2.7e28),
            judge=close_to(data_wall.crossing_year(3.8e25, 2024.5, 4.7, 2.7e28)),
        ),
        Case(
            args=(np.array([1.0, 10.0, 100.0]), 2020.0, 2.0, 1000.0),
            judge=close_to(data_wall.crossing_year(np.array([1.0, 10.0, 100.0]), 2020.0, 2.0, 1000.0)),
        ),
        Case(
            args=(1.0, 2020.0, 1.0, 10.0),
            judge=raises("ValueError"),
            describe="crossing_year(1, 2020, growth_per_year=1.0, 10): a flat trend never crosses",
        ),
    ),
    reimplements=(data_wall.crossing_year,),
    hint="Solve value_now x growth^(t - year_now) = threshold for t: t = year_now + ln(threshold / value_now) "
    "/ ln(growth). Growth of 1 or less never reaches a higher threshold: raise ValueError.",
)

tokens_needed = Task(
    id="6.4",
    function="tokens_needed",
    title="Tokens a run needs",
    points=2,
    cases=(
        Case(args=(5.88e23, 20.0, 1.0), judge=close_to(data_wall.tokens_for_compute(5.88e23, 20.0, 1.0))),
        Case(args=(3.8e25, 20.0, 10.0), judge=close_to(data_wall.tokens_for_compute(3.8e25, 20.0, 10.0))),
        Case(
            args=(np.array([1e23, 1e25, 1e27]), 16.0, 5.0),
            judge=close_to(data_wall.tokens_for_compute(np.array([1e23, 1e25, 1e27]), 16.0, 5.0)),
        ),
        Case(
            args=(1e25, 20.0, 0.5),
            judge=raises("ValueError"),
            describe="tokens_needed(1e25, 20, overtraining=0.5)",
        ),
    ),
    reimplements=(data_wall.tokens_for_compute,),
    hint="C = 6 N D and D = r k N, so N = D / (r k) and C = 6 D^2 / (r k): D = sqrt(r k C / 6). An "
    "over-training factor below 1 is not over-training: raise ValueError.",
)

_draws_a = data_wall.sample_inputs(1000, seed=0)
_draws_b = data_wall.sample_inputs(1000, seed=1)
_args_a = (_draws_a["stock_tokens"], _draws_a["growth_per_year"], _draws_a["tokens_per_param"])
_args_b = (_draws_b["stock_tokens"], _draws_b["growth_per_year"], _draws_b["tokens_per_param"])

exhaustion_quantile = Task(
    id="6.5",
    function="exhaustion_quantile",
    title="A quantile of the Monte Carlo",
    points=3,
    cases=(
        Case(
            args=(*_args_a, 0.5, 3.8e25, 2024.5),
            judge=close_to(_quantile(*_args_a, 0.5, 3.8e25, 2024.5)),
            describe="exhaustion_quantile(1,000 draws with seed 0, q=0.5, flops_now=3.8e25, year_now=2024.5)",
        ),
        Case(
            args=(*_args_b, 0.05, 3.8e25, 2024.5),
            judge=close_to(_quantile(*_args_b, 0.05, 3.8e25, 2024.5)),
            describe="exhaustion_quantile(1,000 draws with seed 1, q=0.05, flops_now=3.8e25, year_now=2024.5)",
        ),
        Case(
            args=(_args_a[0], _args_a[1], _args_a[2] * 10.0, 0.95, 5e24, 2023.0),
            judge=close_to(_quantile(_args_a[0], _args_a[1], _args_a[2] * 10.0, 0.95, 5e24, 2023.0)),
            describe="exhaustion_quantile(seed-0 draws with tokens_per_param x 10, q=0.95, 5e24, 2023.0)",
        ),
    ),
    reimplements=(data_wall.exhaustion_year, data_wall.exhaustion_year_samples),
    hint="For every draw at once (no loop): the compute that uses the whole stock is 6 S^2 / r FLOP; the year "
    "is year_now + ln(that / flops_now) / ln(growth). Then np.quantile(years, q).",
)

EXERCISE_SET = ExerciseSet(
    name="06_energy_data",
    title="Energy, carbon and the data wall",
    tasks=(run_energy_mwh, carbon_tonnes, crossing_year, tokens_needed, exhaustion_quantile),
)
