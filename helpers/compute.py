"""Compute accounting: FLOP counts of training and inference.

C ≈ 6 N D for training: per parameter and token, about 2 FLOP in the forward pass (a multiply and an add)
and about 4 in the backward pass (Kaplan et al. 2020, section 2.1). Inference costs about 2 N FLOP per
token (the forward pass alone). Both ignore the attention term, which grows with context length.
"""

from __future__ import annotations

from helpers._validate import like_input, positive

__all__ = ["inference_flops", "training_flops"]


def training_flops(n, d):
    """Training compute in FLOP (a count) for ``n`` parameters and ``d`` training tokens: C = 6 N D."""
    na = positive("n", n, "parameters")
    da = positive("d", d, "tokens")
    return like_input(6.0 * na * da, n, d)


def inference_flops(n, tokens):
    """Inference compute in FLOP (a count) to process ``tokens`` tokens with ``n`` parameters: 2 N per token."""
    na = positive("n", n, "parameters")
    ta = positive("tokens", tokens, "tokens")
    return like_input(2.0 * na * ta, n, tokens)
