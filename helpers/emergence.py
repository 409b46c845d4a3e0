"""Emergence or mirage: the same models scored by sharp and by smooth metrics.

The model is the one of Schaeffer, Miranda and Koyejo 2023 ("Are Emergent Abilities of Large Language Models
a Mirage?", NeurIPS 2023, arXiv 2304.15004, section 2): a family of models whose per-token cross-entropy falls
smoothly with size, ``L_CE(N) = (N / c)^alpha`` with ``alpha < 0``; the probability of emitting the correct
token is ``p = exp(-L_CE)``; scored by exact match on an answer of ``length`` tokens the family looks
"emergent" (``p^length``), scored by the expected token edit distance it improves smoothly
(``length * (1 - p)``). Multiple-choice grade against Brier score (Brier 1950) is the same contrast for
multiple-choice questions. The rest of the module measures what an evaluation can resolve: binomial
confidence intervals for an accuracy measured on few items (Wilson 1927; Clopper and Pearson 1934) and the
scale at which a curve first crosses a threshold.

Units: N in parameters, loss in nats/token, probabilities and accuracies as fractions in [0, 1], answer
lengths and edit distances in tokens.
"""

from __future__ import annotations

import numpy as np
from scipy import stats

from helpers._validate import as_float_array, in_range, like_input, positive, same_length, whole_numbers

__all__ = [
    "brier_score",
    "clopper_pearson_interval",
    "exact_match",
    "exact_match_threshold_scale",
    "expected_token_edit_distance",
    "multiple_choice_grade",
    "per_token_probability",
    "power_law_loss",
    "threshold_scale",
    "wilson_interval",
]


def _probability(name: str, value) -> np.ndarray:
    return in_range(name, value, "probability, a fraction", 0.0, 1.0)


def per_token_probability(loss):
    """Probability of emitting the correct token, ``exp(-loss)``, for a cross-entropy ``loss`` >= 0 nats/token.

    Schaeffer et al. 2023, section 2: a per-token cross-entropy L_CE is the negative log-probability of the
    correct token, so p = exp(-L_CE). (For a loss averaged over many tokens this is the geometric-mean
    probability.)
    """
    arr = in_range("loss", loss, "nats/token", 0.0, np.inf)
    return like_input(np.exp(-arr), loss)


def power_law_loss(n, c, alpha):
    """Per-token cross-entropy ``(n / c)^alpha`` in nats/token, with ``alpha < 0`` (Schaeffer et al. 2023, sec. 2).

    ``n`` and ``c`` in parameters (> 0). This is Kaplan et al.'s L(N) = (N_c / N)^alpha_N written with
    c = N_c and alpha = -alpha_N; the loss falls towards 0 as ``n`` grows.
    """
    n_arr = positive("n", n, "parameters")
    c_arr = positive("c", c, "parameters")
    a_arr = as_float_array("alpha", alpha, "a dimensionless exponent")
    if np.any(a_arr >= 0):
        raise ValueError(
            f"alpha must be < 0 so that the loss falls as n grows; got {a_arr[a_arr >= 0].flat[0]!r}"
        )
    return like_input((n_arr / c_arr) ** a_arr, n, c, alpha)


def exact_match(p, length):
    """Probability that all ``length`` tokens of an answer are right, ``p^length`` (a fraction in [0, 1]).

    Schaeffer et al. 2023, section 2: with each token right independently with probability ``p``, exact
    match on an answer of ``length`` tokens is p^length, which stays near 0 and then rises sharply.
    """
    p_arr = _probability("p", p)
    l_arr = whole_numbers("length", length, "tokens", minimum=1)
    return like_input(p_arr**l_arr, p, length)


def expected_token_edit_distance(p, length):
    """Expected number of wrong tokens in a ``length``-token answer, ``length * (1 - p)`` tokens.

    Schaeffer et al. 2023, section 2: the token edit distance to the target, under the same model as
    ``exact_match``, is approximately linear in the per-token error 1 - p, so it falls smoothly with scale.
    Lower is better; it lies in [0, length].
    """
    p_arr = _probability("p", p)
    l_arr = whole_numbers("length", length, "tokens", minimum=1)
    return like_input(l_arr * (1.0 - p_arr), p, length)


def _option_probabilities(probs, correct):
    probs_arr = _probability("probs", probs)
    if probs_arr.ndim < 1 or probs_arr.shape[-1] < 2:
        raise ValueError(
            f"probs must have at least 2 options along its last axis; got shape {probs_arr.shape}"
        )
    sums = probs_arr.sum(axis=-1)
    if not np.allclose(sums, 1.0, atol=1e-6):
        bad = np.atleast_1d(sums)[~np.isclose(np.atleast_1d(sums), 1.0, atol=1e-6)][0]
        raise ValueError(f"probs over the options of a question must sum to 1; got a sum of {bad!r}")
    k = probs_arr.shape[-1]
    correct_arr = whole_numbers("correct", correct, "option index", minimum=0)
    if np.any(correct_arr > k - 1):
        raise ValueError(f"correct must index an option, 0..{k - 1}; got {correct_arr.max()!r}")
    if correct_arr.shape != probs_arr.shape[:-1]:
        raise ValueError(
            f"correct must have one index per question, shape {probs_arr.shape[:-1]}; got shape {correct_arr.shape}"
        )
    onehot = np.arange(k) == correct_arr.astype(int)[..., None]
    return probs_arr, onehot


def multiple_choice_grade(probs, correct):
    """1.0 where the correct option has strictly the highest probability, else 0.0 (one grade per question).

    ``probs`` has the probabilities of the options along its last axis (each row sums to 1); ``correct``
    holds the index of the right option for each question. This is BIG-Bench's multiple-choice grade, one of
    the two metrics under which Schaeffer et al. 2023 (section 4) find most reported emergent abilities.
    A tie with a wrong option counts as wrong. The mean over questions is the accuracy.
    """
    probs_arr, onehot = _option_probabilities(probs, correct)
    p_correct = np.sum(np.where(onehot, probs_arr, 0.0), axis=-1)
    best_wrong = np.max(np.where(onehot, -np.inf, probs_arr), axis=-1)
    grade = (p_correct > best_wrong).astype(float)
    return like_input(grade, correct) if grade.ndim == 0 else grade


def brier_score(probs, correct):
    """Brier score of each question, ``sum_i (probs_i - [i is correct])^2``, in [0, 2]; lower is better.

    Brier 1950, the multi-option form: the squared distance between the predicted probabilities and the
    one-hot vector of the right option. It changes smoothly with the probability on the right option, which
    is why Schaeffer et al. 2023 use it as the continuous counterpart of the multiple-choice grade.
    """
    probs_arr, onehot = _option_probabilities(probs, correct)
    score = np.sum((probs_arr - onehot) ** 2, axis=-1)
    return like_input(score, correct) if score.ndim == 0 else score


def _interval_inputs(successes, trials, confidence):
    k = whole_numbers("successes", successes, "items", minimum=0)
    n = whole_numbers("trials", trials, "items", minimum=1)
    kb, nb = np.broadcast_arrays(k, n)
    if np.any(kb > nb):
        i = np.argmax(kb > nb)
        raise ValueError(
            f"successes must not exceed trials; got {kb.flat[i]!r} successes out of {nb.flat[i]!r} items"
        )
    conf = in_range("confidence", confidence, "a fraction", 0.0, 1.0, low_open=True, high_open=True)
    if conf.ndim != 0:
        raise ValueError(f"confidence must be a single number in (0, 1); got {confidence!r}")
    return k, n, float(conf)


def wilson_interval(successes, trials, confidence=0.95):
    """Wilson score interval ``(low, high)`` for a success fraction, from ``successes`` out of ``trials`` items.

    Wilson 1927: the set of true fractions p whose normal-approximation test does not reject the observed
    fraction k/n. Unlike the naive k/n +- z sqrt(k/n (1 - k/n) / n), it is not zero-width at 0/n or n/n:
    0/100 gives (0, z^2 / (100 + z^2)) = (0, 0.037) at 95%. Vectorised over ``successes`` and ``trials``.
    """
    k, n, conf = _interval_inputs(successes, trials, confidence)
    z = stats.norm.ppf(0.5 + conf / 2)
    phat = k / n
    denom = 1.0 + z**2 / n
    centre = (phat + z**2 / (2 * n)) / denom
    half = z / denom * np.sqrt(phat * (1 - phat) / n + z**2 / (4 * n**2))
    low, high = np.clip(centre - half, 0.0, 1.0), np.clip(centre + half, 0.0, 1.0)
    low = np.where(k == 0, 0.0, low)
    high = np.where(k == n, 1.0, high)
    return like_input(low, successes, trials), like_input(high, successes, trials)


def clopper_pearson_interval(successes, trials, confidence=0.95):
    """Clopper-Pearson ("exact") interval ``(low, high)`` for a success fraction from ``successes``/``trials``.

    Clopper and Pearson 1934: the bounds are quantiles of beta distributions, low = Beta(a/2; k, n - k + 1)
    and high = Beta(1 - a/2; k + 1, n - k) with a = 1 - confidence (low = 0 when k = 0, high = 1 when k = n).
    Its coverage is at least ``confidence`` for every true fraction, so it is wider than Wilson's.
    """
    k, n, conf = _interval_inputs(successes, trials, confidence)
    a = 1.0 - conf
    with np.errstate(invalid="ignore", divide="ignore"):
        low = np.where(k == 0, 0.0, stats.beta.ppf(a / 2, np.maximum(k, 1), n - k + 1))
        high = np.where(k == n, 1.0, stats.beta.ppf(1 - a / 2, k + 1, np.maximum(n - k, 1)))
    return like_input(low, successes, trials), like_input(high, successes, trials)


def threshold_scale(n, score, threshold, *, higher_is_better=True):
    """The smallest scale at which ``score`` reaches ``threshold``, interpolated linearly in log10(n).

    ``n`` (parameters, or FLOP: any positive scale) must increase strictly; ``score`` holds the metric at
    each ``n``. With ``higher_is_better`` the threshold is reached when score >= threshold (accuracy), else
    when score <= threshold (an edit distance). Between the last grid point below and the first at or above,
    the crossing is placed by linear interpolation against log10(n). Returns ``n[0]`` when the first point
    already reaches the threshold, and NaN when no point does. This is the "emergent scale" a plot suggests,
    which depends on the metric and on the threshold you pick.
    """
    n_arr = positive("n", n, "parameters (or another positive scale)")
    s_arr = as_float_array("score", score, "the metric's unit")
    t = float(as_float_array("threshold", threshold, "the metric's unit"))
    same_length(n=n_arr, score=s_arr)
    if np.any(np.diff(n_arr) <= 0):
        raise ValueError("n must increase strictly (sort the models by scale first)")
    sign = 1.0 if higher_is_better else -1.0
    above = sign * (s_arr - t) >= 0
    if not above.any():
        return float("nan")
    i = int(np.argmax(above))
    if i == 0:
        return float(n_arr[0])
    s0, s1 = s_arr[i - 1], s_arr[i]
    x0, x1 = np.log10(n_arr[i - 1]), np.log10(n_arr[i])
    return float(10 ** (x0 + (t - s0) / (s1 - s0) * (x1 - x0)))


def exact_match_threshold_scale(threshold, length, c, alpha):
    """Scale (parameters) at which exact match p^length reaches ``threshold`` under L_CE = (N / c)^alpha.

    Solving exp(-length (N / c)^alpha) = threshold gives N = c * (-ln(threshold) / length)^(1 / alpha).
    With alpha < 0, a longer answer needs a smaller loss and so a larger model: N grows as length^(-1/alpha).
    ``threshold`` is a fraction in (0, 1); ``length`` in tokens; ``c`` in parameters.
    """
    t_arr = in_range("threshold", threshold, "a fraction", 0.0, 1.0, low_open=True, high_open=True)
    l_arr = whole_numbers("length", length, "tokens", minimum=1)
    c_arr = positive("c", c, "parameters")
    a_arr = as_float_array("alpha", alpha, "a dimensionless exponent")
    if np.any(a_arr >= 0):
        raise ValueError(
            f"alpha must be < 0 so that the loss falls as n grows; got {a_arr[a_arr >= 0].flat[0]!r}"
        )
    return like_input(c_arr * (-np.log(t_arr) / l_arr) ** (1.0 / a_arr), threshold, length, c, alpha)
