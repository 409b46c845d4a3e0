"""One module per exercise set, each defining ``EXERCISE_SET`` (see ``helpers.grading.SETS``)."""

from helpers import compute, scaling


def law_params(fit: scaling.ChinchillaFit) -> tuple[float, float, float, float, float]:
    """A fitted law as the plain tuple (E, A, B, alpha, beta) that learners' functions take."""
    return (fit.E, fit.A, fit.B, fit.alpha, fit.beta)


def hypothetical_chip(peak_flops_per_s: float, *, bandwidth_bytes_per_s: float = 1e12, watts: float = 1.0):
    """An accelerator that exists only in an exercise: a dense peak (FLOP/s), bandwidth (bytes/s), power (W)."""
    return compute.Accelerator(
        name="exercise chip",
        peak_flops_dense=peak_flops_per_s,
        peak_flops_sparse=None,
        memory_bytes=1e12,
        memory_bandwidth=bandwidth_bytes_per_s,
        power_watts=watts,
        source="exercise",
        status="primary",
    )
