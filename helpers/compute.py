"""Compute accounting: FLOP counts, accelerator-hours, days, dollars, energy and serving throughput.

C ≈ 6 N D for training: per parameter and token, about 2 FLOP in the forward pass (a multiply and an add)
and about 4 in the backward pass (Kaplan et al. 2020, section 2.1). Inference costs about 2 N FLOP per
token (the forward pass alone). Both ignore the attention term, which grows with context length.
For a mixture-of-experts (MoE) model, N in these FLOP counts is the number of *active* parameters per token;
the memory needed to hold the weights depends on the *total*.

Units: FLOP is a count, FLOP/s a rate; memory in bytes, bandwidth in bytes/s, power in W, energy in MWh,
time in hours or days, money in dollars. Prices are always explicit arguments: no function here hides an
assumed price per accelerator-hour.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from helpers._validate import in_range, like_input, positive

__all__ = [
    "ACCELERATORS",
    "GPT3_PARAMS",
    "GPT3_TOKENS",
    "GPT3_TRAINING_FLOP",
    "LLAMA2_70B_GPU_HOURS",
    "LLAMA31_405B_MFU_RANGE",
    "PALM_TABLE3_MFU",
    "Accelerator",
    "accelerators_to_hold_weights",
    "break_even_tokens",
    "cost_per_million_tokens",
    "decode_tokens_per_second",
    "get_accelerator",
    "gpu_hours",
    "implied_mfu",
    "inference_flops",
    "lifetime_cost",
    "measure_matmul_flops",
    "training_cost",
    "training_days",
    "training_energy_mwh",
    "training_flops",
    "weight_bytes",
]

SECONDS_PER_HOUR = 3600.0


def training_flops(n, d):
    """Training compute in FLOP (a count) for ``n`` parameters and ``d`` training tokens: C = 6 N D."""
    na = positive("n", n, "parameters")
    da = positive("d", d, "tokens")
    return like_input(6.0 * na * da, n, d)


#: GPT-3 175B as Brown et al. 2020 count it in Table D.1: 174.6e9 parameters trained on 300e9 tokens.
GPT3_PARAMS, GPT3_TOKENS = 174.6e9, 300e9
#: GPT-3's training compute, the one number the book uses: 6 N D = 3.143e23 FLOP = 3,638 PF-days. Table D.1
#: of Brown et al. 2020 rounds the same product to 3.14e23 FLOP and 3.64e3 PF-days; quote it as
#: "3.14e23 FLOP, about 3,640 PF-days". (With 175e9 parameters it would be 3.15e23 FLOP, 3,646 PF-days.)
GPT3_TRAINING_FLOP = 6.0 * GPT3_PARAMS * GPT3_TOKENS


def inference_flops(n, tokens):
    """Inference compute in FLOP (a count) to process ``tokens`` tokens with ``n`` parameters: 2 N per token."""
    na = positive("n", n, "parameters")
    ta = positive("tokens", tokens, "tokens")
    return like_input(2.0 * na * ta, n, tokens)


# ------------------------------------------------------------------------------------------- accelerators


@dataclass(frozen=True)
class Accelerator:
    """Datasheet numbers of one accelerator (peak values: no real workload reaches them).

    ``peak_flops_dense`` is the dense BF16/FP16 tensor-core peak in FLOP/s: use it for MFU and cost maths.
    ``peak_flops_sparse`` is the 2:4 structured-sparsity peak (twice the dense one), or None where the vendor
    does not publish it. Vendors' headline numbers are often the sparse ones.
    """

    name: str
    peak_flops_dense: float  # FLOP/s, BF16 dense
    peak_flops_sparse: float | None  # FLOP/s, BF16 with 2:4 sparsity
    memory_bytes: float  # bytes of HBM
    memory_bandwidth: float  # bytes/s
    power_watts: float  # W, maximum board power (TDP)
    source: str
    status: str  # "primary" (vendor's own docs) or "secondary" (a copy that cites them)


#: Short name -> datasheet values. Dense BF16 peaks are the ones to use; see ``Accelerator``.
ACCELERATORS: dict[str, Accelerator] = {
    "A100": Accelerator(
        name="NVIDIA A100 SXM 80 GB",
        peak_flops_dense=312e12,
        peak_flops_sparse=624e12,
        memory_bytes=80e9,
        memory_bandwidth=2.039e12,
        power_watts=400.0,
        source="NVIDIA A100 Tensor Core GPU datasheet (BF16 312 TFLOPS dense, 624 sparse; 80 GB HBM2e, "
        "2,039 GB/s; 400 W), as tabulated by glennklockwood.com",
        status="secondary",
    ),
    "H100": Accelerator(
        name="NVIDIA H100 SXM 80 GB",
        peak_flops_dense=989.4e12,
        peak_flops_sparse=1978.9e12,
        memory_bytes=80e9,
        memory_bandwidth=3.35e12,
        power_watts=700.0,
        source="NVIDIA Hopper architecture docs (BF16 989.4 TFLOPS dense; the headline '1,979 TFLOPS' is the "
        "2:4 sparse figure; 80 GB HBM3, 3.35 TB/s; 700 W), as tabulated by glennklockwood.com",
        status="secondary",
    ),
    "H200": Accelerator(
        name="NVIDIA H200 SXM 141 GB",
        peak_flops_dense=989.4e12,
        peak_flops_sparse=1978.9e12,
        memory_bytes=141e9,
        memory_bandwidth=4.8e12,
        power_watts=700.0,
        source="NVIDIA H200 spec summaries: same compute as H100 SXM (989 TFLOPS dense BF16; the headline "
        "'1,979 TFLOPS' is sparse); 141 GB HBM3e, 4.8 TB/s; up to 700 W",
        status="secondary",
    ),
    "MI300X": Accelerator(
        name="AMD Instinct MI300X",
        peak_flops_dense=1307.4e12,
        peak_flops_sparse=None,
        memory_bytes=192e9,
        memory_bandwidth=5.3e12,
        power_watts=750.0,
        source="AMD ROCm docs, docs/conceptual/gpu-arch/mi300.md (BF16 1307.4 TFLOPS dense; 192 GB HBM3, "
        "5.3 TB/s); 750 W from AMD's MLPerf Inference v4.1 system description",
        status="primary",
    ),
    "B200": Accelerator(
        name="NVIDIA B200 (HGX B200)",
        peak_flops_dense=2.25e15,
        peak_flops_sparse=4.5e15,
        memory_bytes=180e9,
        memory_bandwidth=7.7e12,
        power_watts=1000.0,
        source="NVIDIA HGX B200 spec table (BF16 4.5 PFLOPS with sparsity, so 2.25 dense; 180 GB HBM3e, "
        "7.7 TB/s; up to 1,000 W)",
        status="secondary",
    ),
}


def get_accelerator(accelerator: str | Accelerator) -> Accelerator:
    """The ``Accelerator`` for a short name ("A100", "H100", "H200", "MI300X", "B200"), or one passed in."""
    if isinstance(accelerator, Accelerator):
        return accelerator
    if isinstance(accelerator, str) and accelerator in ACCELERATORS:
        return ACCELERATORS[accelerator]
    raise ValueError(
        f"accelerator must be one of {', '.join(ACCELERATORS)} (or an Accelerator); got {accelerator!r}"
    )


# --------------------------------------------------------------------------------------- published runs

#: Model FLOPs utilisation of four training runs, PaLM paper (Chowdhery et al. 2022), Table 3.
#: Status: secondary (quoted consistently by several copies; the PDF table itself was not read).
PALM_TABLE3_MFU: dict[str, float] = {
    "GPT-3 175B": 0.213,
    "Gopher 280B": 0.325,
    "Megatron-Turing NLG 530B": 0.302,
    "PaLM 540B": 0.462,
}

#: Llama 3.1 405B: 380-430 TFLOPS per H100 in BF16, i.e. 38-43% MFU (Llama 3 Herd paper, arXiv 2407.21783,
#: section 3.3). Status: secondary.
LLAMA31_405B_MFU_RANGE: tuple[float, float] = (0.38, 0.43)

#: Llama 2 70B pretraining time in A100-80GB GPU-hours (Llama 2 model card; Touvron et al. 2023, Table 2).
LLAMA2_70B_GPU_HOURS = 1_720_320.0


# ------------------------------------------------------------------------------------------------ training


def gpu_hours(flops, accelerator: str | Accelerator, mfu):
    """Accelerator-hours to do ``flops`` FLOP (a count) at model FLOPs utilisation ``mfu`` (0 < mfu <= 1).

    hours = C / (dense peak FLOP/s x MFU x 3600 s/h). MFU is the share of the dense peak that the run
    achieves on the model's own FLOPs (Chowdhery et al. 2022, section 4.1).
    """
    spec = get_accelerator(accelerator)
    c = positive("flops", flops, "FLOP")
    u = in_range("mfu", mfu, "fraction of dense peak", 0.0, 1.0, low_open=True)
    return like_input(c / (spec.peak_flops_dense * u) / SECONDS_PER_HOUR, flops, mfu)


def training_days(flops, accelerator: str | Accelerator, mfu, n_accelerators):
    """Wall-clock days to do ``flops`` FLOP on ``n_accelerators`` chips at utilisation ``mfu``.

    Assumes the run scales perfectly over the chips (the MFU already includes communication overhead).
    """
    k = positive("n_accelerators", n_accelerators, "accelerators")
    hours = np.asarray(gpu_hours(flops, accelerator, mfu))
    return like_input(hours / k / 24.0, flops, mfu, n_accelerators)


def training_cost(flops, accelerator: str | Accelerator, mfu, price_per_hour):
    """Dollars to do ``flops`` FLOP at utilisation ``mfu``, paying ``price_per_hour`` $ per accelerator-hour.

    The price is an assumption of the caller (cloud list prices, reserved prices and the cost of owning
    hardware differ by several times); it has no default on purpose.
    """
    p = positive("price_per_hour", price_per_hour, "$ per accelerator-hour")
    hours = np.asarray(gpu_hours(flops, accelerator, mfu))
    return like_input(hours * p, flops, mfu, price_per_hour)


def training_energy_mwh(flops, accelerator: str | Accelerator, mfu):
    """Energy in MWh drawn by the accelerators alone (at their maximum board power) for ``flops`` FLOP.

    A rough figure: it leaves out CPUs, network, cooling and the data centre's PUE, and assumes the chips
    draw their full rated power for every hour of the run.
    """
    spec = get_accelerator(accelerator)
    hours = np.asarray(gpu_hours(flops, accelerator, mfu))
    return like_input(hours * spec.power_watts / 1e6, flops, mfu)


def implied_mfu(flops, hours, accelerator: str | Accelerator):
    """MFU implied by ``flops`` FLOP of model compute done in ``hours`` accelerator-hours on ``accelerator``."""
    spec = get_accelerator(accelerator)
    c = positive("flops", flops, "FLOP")
    h = positive("hours", hours, "accelerator-hours")
    return like_input(c / (h * SECONDS_PER_HOUR * spec.peak_flops_dense), flops, hours)


# ------------------------------------------------------------------------------------------------- serving


def weight_bytes(n_params, bytes_per_param=2.0):
    """Bytes needed to hold ``n_params`` weights at ``bytes_per_param`` (2 for BF16, 1 for FP8/INT8).

    For an MoE model, pass the *total* parameter count: every expert must sit in memory.
    """
    n = positive("n_params", n_params, "parameters")
    b = positive("bytes_per_param", bytes_per_param, "bytes per parameter")
    return like_input(n * b, n_params, bytes_per_param)


def accelerators_to_hold_weights(n_params, accelerator: str | Accelerator, bytes_per_param=2.0):
    """Smallest number of accelerators whose memory holds the weights alone (no KV cache, no activations)."""
    spec = get_accelerator(accelerator)
    need = np.asarray(weight_bytes(n_params, bytes_per_param))
    return like_input(np.ceil(need / spec.memory_bytes), n_params, bytes_per_param)


def decode_tokens_per_second(
    n_active,
    accelerator: str | Accelerator,
    batch_size,
    *,
    params_read_per_step=None,
    bytes_per_param=2.0,
    n_accelerators=1,
):
    """Upper bound on tokens/s generated by one replica decoding ``batch_size`` sequences at once.

    Each decoding step produces one token per sequence. It must read the weights from memory once
    (``params_read_per_step`` x ``bytes_per_param`` bytes at the memory bandwidth) and do 2 x ``n_active``
    FLOP per token at the dense peak. The step takes at least the longer of the two times, so
    tokens/s <= batch / max(t_memory, t_compute), a roofline bound that ignores the KV cache and overheads.

    ``params_read_per_step`` defaults to ``n_active`` (right for a dense model). For an MoE model at a large
    batch nearly every expert is used in each step, so pass the total parameter count.
    The replica spans ``n_accelerators`` chips whose bandwidth and FLOP/s add up.
    """
    spec = get_accelerator(accelerator)
    n = positive("n_active", n_active, "active parameters")
    read = (
        n
        if params_read_per_step is None
        else positive("params_read_per_step", params_read_per_step, "parameters")
    )
    batch = positive("batch_size", batch_size, "sequences")
    b = positive("bytes_per_param", bytes_per_param, "bytes per parameter")
    k = positive("n_accelerators", n_accelerators, "accelerators")
    t_memory = read * b / (spec.memory_bandwidth * k)
    t_compute = 2.0 * n * batch / (spec.peak_flops_dense * k)
    rate = batch / np.maximum(t_memory, t_compute)
    return like_input(rate, n_active, batch_size, params_read_per_step, bytes_per_param, n_accelerators)


def cost_per_million_tokens(tokens_per_second, price_per_hour):
    """Dollars per million generated tokens for hardware that costs ``price_per_hour`` $/h in total."""
    rate = positive("tokens_per_second", tokens_per_second, "tokens/s")
    p = positive("price_per_hour", price_per_hour, "$ per hour")
    return like_input(p / (rate * SECONDS_PER_HOUR) * 1e6, tokens_per_second, price_per_hour)


# ------------------------------------------------------------------------------------------------ lifetime


def lifetime_cost(training, serving_per_million_tokens, tokens_served):
    """Training cost plus the cost of serving ``tokens_served`` tokens (dollars, or FLOP, consistently).

    ``serving_per_million_tokens`` is in the same unit as ``training`` per million tokens served.
    """
    t = positive("training", training, "$ (or FLOP)")
    s = positive("serving_per_million_tokens", serving_per_million_tokens, "$ (or FLOP) per million tokens")
    served = in_range("tokens_served", tokens_served, "tokens", 0.0, np.inf)
    return like_input(t + s * served / 1e6, training, serving_per_million_tokens, tokens_served)


def break_even_tokens(training_a, serving_per_million_a, training_b, serving_per_million_b):
    """Tokens served at which models A and B have the same lifetime cost (same unit for all four inputs).

    The model that is dearer to train must be cheaper to serve, otherwise the other one is cheaper for every
    volume and there is no break-even point: that raises ``ValueError``.
    """
    ta = float(positive("training_a", training_a, "$ (or FLOP)"))
    sa = float(positive("serving_per_million_a", serving_per_million_a, "$ (or FLOP) per million tokens"))
    tb = float(positive("training_b", training_b, "$ (or FLOP)"))
    sb = float(positive("serving_per_million_b", serving_per_million_b, "$ (or FLOP) per million tokens"))
    if (tb - ta) * (sa - sb) <= 0:
        raise ValueError(
            "no break-even: the model that costs more to train must cost less per token to serve; got "
            f"training_a={ta:g}, serving_per_million_a={sa:g}, training_b={tb:g}, serving_per_million_b={sb:g}"
        )
    return (tb - ta) / (sa - sb) * 1e6


# ------------------------------------------------------------------------------------- this machine's peak


def measure_matmul_flops(size: int = 512, dtype: str = "float64", repeats: int = 5) -> float:
    """Achieved FLOP/s of a ``size`` x ``size`` numpy matrix product on this machine (best of ``repeats``).

    A product of two n x n matrices takes 2 n^3 FLOP (n^3 multiplies and about as many adds). Small
    products are timed in groups of about 1e7 FLOP, so the clock's resolution does not matter; the fixed
    cost of each call does, as it would in a real workload. The result varies from machine to machine and
    from run to run (other programs share the CPU); the defaults take well under a second.
    """
    if not isinstance(size, (int, np.integer)) or not 1 <= size <= 4096:
        raise ValueError(f"size must be an integer from 1 to 4096 (matrix side, elements); got {size!r}")
    if dtype not in ("float32", "float64"):
        raise ValueError(f"dtype must be 'float32' or 'float64'; got {dtype!r}")
    if not isinstance(repeats, (int, np.integer)) or not 1 <= repeats <= 100:
        raise ValueError(f"repeats must be an integer from 1 to 100; got {repeats!r}")
    rng = np.random.default_rng(0)
    a = rng.standard_normal((size, size)).astype(dtype)
    b = rng.standard_normal((size, size)).astype(dtype)
    flop_per_product = 2.0 * size**3
    products_per_timing = max(1, int(1e7 // flop_per_product))  # small matrices: time many products at once
    a @ b  # warm-up: the first call may load the BLAS library and allocate
    best = np.inf
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(products_per_timing):
            a @ b
        best = min(best, time.perf_counter() - start)
    return flop_per_product * products_per_timing / max(best, 1e-9)
