"""Checks for exercise set 3, "What training and serving cost" (solutions/03_compute_cost.ipynb).

Expected values come from the book's reference implementations in ``helpers.compute``. Tasks that take a
chip's peak rate and bandwidth as numbers are checked against ``helpers.compute`` with an ``Accelerator``
built from those numbers.
"""

from __future__ import annotations

import numpy as np

from helpers import compute
from helpers.checks import hypothetical_chip
from helpers.grading import Case, ExerciseSet, Task, close_to, raises

_A100 = compute.ACCELERATORS["A100"]
_H100 = compute.ACCELERATORS["H100"]
_MI300X = compute.ACCELERATORS["MI300X"]


def _hours(flops, peak, mfu):
    return compute.gpu_hours(flops, hypothetical_chip(peak, bandwidth_bytes_per_s=1.0), mfu)


def _days(flops, peak, mfu, n_gpus):
    return compute.training_days(flops, hypothetical_chip(peak, bandwidth_bytes_per_s=1.0), mfu, n_gpus)


def _mfu(flops, hours, peak):
    return compute.implied_mfu(flops, hours, hypothetical_chip(peak, bandwidth_bytes_per_s=1.0))


def _decode_cost(n_params, peak, bandwidth, batch_size, price_per_hour, bytes_per_param=2.0):
    rate = compute.decode_tokens_per_second(
        n_params,
        hypothetical_chip(peak, bandwidth_bytes_per_s=bandwidth),
        batch_size,
        bytes_per_param=bytes_per_param,
    )
    return compute.cost_per_million_tokens(rate, price_per_hour)


def _break_even(n_big, d_big, n_small, d_small):
    return compute.break_even_tokens(
        compute.training_flops(n_small, d_small),
        compute.inference_flops(n_small, 1e6),
        compute.training_flops(n_big, d_big),
        compute.inference_flops(n_big, 1e6),
    )


_N = np.array([1e9, 7e9, 70e9])
_D = np.array([20e9, 2e12, 1.4e12])

run_flops = Task(
    id="3.1",
    function="run_flops",
    title="Training FLOP of a run: 6 N D",
    points=1,
    cases=(
        Case(args=(175e9, 300e9), judge=close_to(compute.training_flops(175e9, 300e9), rtol=1e-9)),
        Case(args=(_N, _D), judge=close_to(compute.training_flops(_N, _D), rtol=1e-9)),
        Case(args=(0.0, 1e12), judge=raises("ValueError"), describe="run_flops(0, 1e12)"),
        Case(args=(70e9, -1.0), judge=raises("ValueError"), describe="run_flops(70e9, -1)"),
    ),
    reimplements=(compute.training_flops,),
    hint="C = 6 * N * D FLOP (2 per parameter and token forward, 4 backward). It works on arrays as written; "
    "check for non-positive N or D first and raise ValueError naming the argument.",
)

gpu_hours = Task(
    id="3.2",
    function="gpu_hours",
    title="Accelerator-hours at a given MFU",
    points=2,
    cases=(
        Case(args=(3.14e23, _A100.peak_flops_dense, 0.4), judge=close_to(_hours(3.14e23, 312e12, 0.4))),
        Case(args=(3.8e25, _H100.peak_flops_dense, 0.43), judge=close_to(_hours(3.8e25, 989.4e12, 0.43))),
        Case(
            args=(1e21, _MI300X.peak_flops_dense, np.array([0.2, 0.4, 0.6])),
            judge=close_to(_hours(1e21, 1307.4e12, np.array([0.2, 0.4, 0.6]))),
        ),
        Case(
            args=(1e21, 312e12, 40.0), judge=raises("ValueError"), describe="gpu_hours(1e21, 312e12, mfu=40)"
        ),
        Case(args=(1e21, 312e12, 0.0), judge=raises("ValueError"), describe="gpu_hours(1e21, 312e12, mfu=0)"),
    ),
    reimplements=(compute.gpu_hours,),
    hint="Hours = FLOP / (peak FLOP/s x MFU) / 3600 s per hour. MFU is a fraction in (0, 1]: 40% is 0.4, and "
    "a value like 40 or 0 should raise ValueError.",
)

cluster_days = Task(
    id="3.3",
    function="cluster_days",
    title="Wall-clock days on a cluster",
    points=2,
    cases=(
        Case(args=(5.88e23, 312e12, 0.4, 1024), judge=close_to(_days(5.88e23, 312e12, 0.4, 1024))),
        Case(args=(3.8e25, 989.4e12, 0.4, 16384), judge=close_to(_days(3.8e25, 989.4e12, 0.4, 16384))),
        Case(
            args=(1e24, 989.4e12, 0.35, np.array([256, 1024, 4096])),
            judge=close_to(_days(1e24, 989.4e12, 0.35, np.array([256, 1024, 4096]))),
        ),
    ),
    reimplements=(compute.training_days, compute.gpu_hours),
    hint="Divide the accelerator-hours by the number of chips (they work in parallel) and by 24 hours per day.",
)

implied_mfu = Task(
    id="3.4",
    function="implied_mfu",
    title="The MFU behind a published number of GPU-hours",
    points=2,
    cases=(
        Case(
            args=(6 * 70e9 * 2e12, 1_720_320.0, 312e12),
            judge=close_to(_mfu(6 * 70e9 * 2e12, 1_720_320.0, 312e12)),
            describe="implied_mfu(Llama 2 70B: 6 x 70e9 x 2e12 FLOP, 1,720,320 A100-hours, 312e12)",
        ),
        Case(args=(3.14e23, 1e6, 312e12), judge=close_to(_mfu(3.14e23, 1e6, 312e12))),
        Case(args=(3.8e25, 3e7, 989.4e12), judge=close_to(_mfu(3.8e25, 3e7, 989.4e12))),
        Case(
            args=(1e21, 0.0, 312e12),
            judge=raises("ValueError"),
            describe="implied_mfu(1e21, gpu_hours=0, 312e12)",
        ),
    ),
    reimplements=(compute.implied_mfu,),
    hint="MFU = FLOP / (GPU-hours x 3600 s per hour x peak FLOP/s): the FLOP the model needed divided by the "
    "FLOP the chips could have done in that time. Zero hours should raise ValueError.",
)

decode_cost_per_million = Task(
    id="3.5",
    function="decode_cost_per_million",
    title="Cost of a million decoded tokens",
    points=3,
    cases=(
        Case(
            args=(70e9, 989.4e12, 3.35e12, 1, 3.0),
            judge=close_to(_decode_cost(70e9, 989.4e12, 3.35e12, 1, 3.0)),
            describe="decode_cost_per_million(70e9, H100 peak, H100 bandwidth, batch_size=1, $3/h)",
        ),
        Case(
            args=(70e9, 989.4e12, 3.35e12, 64, 3.0),
            judge=close_to(_decode_cost(70e9, 989.4e12, 3.35e12, 64, 3.0)),
            describe="decode_cost_per_million(70e9, H100 peak, H100 bandwidth, batch_size=64, $3/h)",
        ),
        Case(
            args=(8e9, 312e12, 2.039e12, 4096, 2.0),
            judge=close_to(_decode_cost(8e9, 312e12, 2.039e12, 4096, 2.0)),
            describe="decode_cost_per_million(8e9, A100 peak, A100 bandwidth, batch_size=4096, $2/h): compute bound",
        ),
        Case(
            args=(8e9, 312e12, 2.039e12, 16, 2.0, 1.0),
            judge=close_to(_decode_cost(8e9, 312e12, 2.039e12, 16, 2.0, 1.0)),
            describe="decode_cost_per_million(8e9, A100, batch_size=16, $2/h, bytes_per_param=1)",
        ),
    ),
    reimplements=(compute.decode_tokens_per_second, compute.cost_per_million_tokens),
    hint="One decoding step makes batch_size tokens. It takes the longer of reading the weights, "
    "n_params x bytes_per_param / bandwidth, and computing, 2 x n_params x batch_size / peak. Tokens/s = "
    "batch_size / step time; dollars per million tokens = price_per_hour / (tokens/s x 3600) x 1e6.",
)

break_even_tokens = Task(
    id="3.6",
    function="break_even_tokens",
    title="Break-even serving volume between two model sizes",
    points=3,
    cases=(
        Case(
            args=(70e9, 1.4e12, 35e9, 3.65e12),
            judge=close_to(_break_even(70e9, 1.4e12, 35e9, 3.65e12)),
            describe="break_even_tokens(70e9, 1.4e12, 35e9, 3.65e12)",
        ),
        Case(args=(13e9, 2e12, 7e9, 5e12), judge=close_to(_break_even(13e9, 2e12, 7e9, 5e12))),
        Case(args=(70e9, 2e12, 8e9, 20e12), judge=close_to(_break_even(70e9, 2e12, 8e9, 20e12))),
        Case(
            args=(70e9, 1.4e12, 35e9, 1e12),
            judge=raises("ValueError"),
            describe="break_even_tokens(70e9, 1.4e12, 35e9, 1e12): the small model is cheaper to train as well",
        ),
    ),
    reimplements=(compute.break_even_tokens, compute.lifetime_cost),
    hint="Lifetime FLOP = 6 N D + 2 N T. Set the two models' lifetime FLOP equal and solve for T: "
    "T = (6 N_small D_small - 6 N_big D_big) / (2 N_big - 2 N_small). If the smaller model is also cheaper to "
    "train, it is cheaper at every volume: raise ValueError.",
)

EXERCISE_SET = ExerciseSet(
    name="03_compute_cost",
    title="What training and serving cost",
    tasks=(run_flops, gpu_hours, cluster_days, implied_mfu, decode_cost_per_million, break_even_tokens),
)
