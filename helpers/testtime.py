"""Test-time compute: pass@k, coverage, majority voting, best-of-n with a noisy verifier, and their FLOP.

Definitions used throughout (one *problem* has one correct final answer):

- a *sample* is one generated solution; ``p`` is the probability that one sample is correct (per problem);
- *coverage* (pass@k with an oracle) is the probability that at least one of ``k`` samples is correct
  (Chen et al. 2021; Brown et al. 2024 call it coverage);
- *majority voting* returns the most frequent final answer among the samples (self-consistency, Wang et
  al. 2022);
- *best-of-n* returns the sample a verifier scores highest.

Compute is counted in FLOP (a count): every generated token of a model with ``N`` parameters costs about
``2 N`` FLOP (``helpers.compute.inference_flops``), and a verifier that reads a sample costs ``2 N_v`` FLOP
per token it reads. The attention term and any sharing of the prompt between samples are ignored.

``TestTimeSolver`` ties these together on a toy generator and verifier (no language model, no network,
fixed seeds) so that the accounting and the selection rules can be run and tested.
"""

from __future__ import annotations

import asyncio
import math
import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from scipy import special, stats

from helpers._validate import as_float_array, in_range, like_input, positive, whole_numbers
from helpers.compute import inference_flops

__all__ = [
    "SampleResult",
    "SolveResult",
    "TestTimeSolver",
    "ToyGenerator",
    "ToyVerifier",
    "best_of_n_accuracy",
    "best_of_n_ceiling",
    "coverage_beta",
    "coverage_known_p",
    "majority_vote_accuracy",
    "parse_score",
    "sampling_flops",
    "simulate_best_of_n",
    "simulate_majority_vote",
    "success_probability_from_loss",
]


# ---------------------------------------------------------------------------------------------- pass@k


def pass_at_k(n, c, k):
    """Unbiased estimate of pass@k from ``n`` samples of which ``c`` are correct (Chen et al. 2021, eq. 1).

    pass@k = 1 - C(n - c, k) / C(n, k): the probability that ``k`` samples drawn without replacement from
    the ``n`` include at least one correct one. Computed in the numerically stable product form of the
    authors' code (``human_eval/evaluation.py::estimate_pass_at_k``),
    1 - prod_{i = n - c + 1}^{n} (1 - k / i), which is 1.0 when n - c < k. No binomial coefficient is
    formed, so n = 10,000 does not overflow.

    ``n`` and ``c`` may be arrays (broadcast together, e.g. one count per problem); ``k`` is one whole
    number with 1 <= k <= n. Returns a float for scalar input, else an array. Average over problems for
    the pass@k of a benchmark.
    """
    n_arr = whole_numbers("n", n, "samples", minimum=1)
    c_arr = whole_numbers("c", c, "samples", minimum=0)
    if np.ndim(k) != 0:
        raise ValueError(f"k must be one whole number of samples; got {k!r}")
    k_int = int(whole_numbers("k", k, "samples", minimum=1))
    if np.any(k_int > n_arr):
        raise ValueError(f"k must be <= n (samples drawn <= samples generated); got k={k_int}, n={n!r}")
    n_b, c_b = np.broadcast_arrays(n_arr, c_arr)
    if np.any(c_b > n_b):
        raise ValueError(f"c must be <= n (correct samples <= samples); got c={c!r}, n={n!r}")
    out = np.ones(n_b.shape, dtype=float)
    for n_value in np.unique(n_b):
        # For one n: factors (1 - k/i) for i = n, n-1, ..., 1; their running product over the top c of
        # them is C(n-c, k) / C(n, k) for every c at once. Only c <= n - k needs it (else the answer is 1).
        i = np.arange(n_value, 0, -1, dtype=float)
        tail = np.concatenate(([1.0], np.cumprod(1.0 - k_int / i)))
        sel = n_b == n_value
        cs = c_b[sel]
        solvable = n_value - cs >= k_int
        vals = np.ones(cs.shape)
        vals[solvable] = 1.0 - tail[cs[solvable]]
        out[sel] = vals
    return like_input(out, n, c)


def coverage_known_p(p, k):
    """Probability that at least one of ``k`` independent samples is correct when each is with prob ``p``.

    1 - (1 - p)^k. Exact when ``p`` is the true per-sample success probability. Plugging an *estimate* of
    ``p`` (c / n) into it is biased low for k > 1: use ``pass_at_k`` on counts instead.
    """
    pa = in_range("p", p, "probability", 0.0, 1.0)
    ka = positive("k", k, "samples")
    return like_input(1.0 - (1.0 - pa) ** ka, p, k)


def coverage_beta(a, b, k, solvable=1.0):
    """Expected coverage with ``k`` samples when per-problem success probabilities follow a Beta(a, b).

    For p ~ Beta(a, b), E[1 - (1 - p)^k] = 1 - B(a, b + k) / B(a, b) (the Beta function integral),
    computed with ``scipy.special.betaln`` so large k is safe. A fraction 1 - ``solvable`` of the problems
    is never solved (p = 0), so coverage saturates at ``solvable`` as k grows. ``k`` may be an array of
    sample counts (it need not be whole: the formula is smooth in k).
    """
    aa = positive("a", a, "Beta shape (dimensionless)")
    ba = positive("b", b, "Beta shape (dimensionless)")
    ka = positive("k", k, "samples")
    sa = in_range("solvable", solvable, "fraction of problems", 0.0, 1.0)
    miss = np.exp(special.betaln(aa, ba + ka) - special.betaln(aa, ba))
    return like_input(sa * (1.0 - miss), a, b, k, solvable)


# ---------------------------------------------------------------------------------------------- voting


def _vote_win_given_correct_count(k: int, n_wrong: int) -> np.ndarray:
    """w[x] = P(the correct answer wins the vote | x of k samples are correct), wrong ones uniform.

    The k - x wrong samples fall uniformly on ``n_wrong`` distinct wrong answers. A tie for first place
    between the correct answer and t wrong answers is broken uniformly at random (win with 1 / (t + 1)).
    Computed exactly: the wrong-answer counts are independent Poisson(lambda) conditioned on their sum
    (the standard Poissonisation of a multinomial), so each constrained sum is a convolution of Poisson
    probabilities, with no factorials that could overflow.
    """
    m = n_wrong
    win = np.zeros(k + 1)
    for x in range(1, k + 1):
        r = k - x
        if r == 0:
            win[x] = 1.0
            continue
        if x * m < r:  # some wrong answer must then have more than x votes
            continue
        lam = r / m
        pmf = stats.poisson.pmf(np.arange(min(x, r) + 1), lam)
        below = pmf[: min(x, r + 1)]  # a wrong answer with fewer votes than the correct one
        at = pmf[x] if x <= r else 0.0  # a wrong answer tied with it
        # powers[j] = coefficients (degree <= r) of below(z)^j
        powers = [np.array([1.0])]
        for _ in range(m):
            powers.append(np.convolve(powers[-1], below)[: r + 1])
        total = 0.0
        for t in range(0, m + 1):
            rest = r - t * x
            if rest < 0 or (t > 0 and at == 0.0):
                break
            poly = powers[m - t]
            if rest < poly.size:
                total += math.comb(m, t) / (t + 1) * at**t * poly[rest]
        win[x] = total / stats.poisson.pmf(r, r)
    return np.clip(win, 0.0, 1.0)


def majority_vote_accuracy(p, k: int, n_wrong: int):
    """Probability that a majority vote over ``k`` samples returns the correct answer (exact).

    Each sample is correct with probability ``p``; otherwise it gives one of ``n_wrong`` wrong answers,
    each equally likely. Ties for the most votes are broken uniformly at random. ``p`` may be an array
    (one value per problem). As k grows the vote tends to 1 when p > (1 - p) / n_wrong (the correct
    answer is the most likely single answer) and to 0 when p < (1 - p) / n_wrong: voting amplifies
    whichever answer is the mode. Self-consistency (Wang et al. 2022) is this rule applied to sampled
    chains of thought. The cost grows like n_wrong * k^3 (about half a second at k = 1000, n_wrong = 4);
    use ``simulate_majority_vote`` for much larger k.
    """
    pa = in_range("p", p, "probability", 0.0, 1.0)
    k_int = int(whole_numbers("k", k, "samples", minimum=1))
    m = int(whole_numbers("n_wrong", n_wrong, "wrong answers", minimum=1))
    win = _vote_win_given_correct_count(k_int, m)
    x = np.arange(k_int + 1)
    probs = stats.binom.pmf(x[:, None], k_int, np.atleast_1d(pa)[None, :])
    acc = (win[:, None] * probs).sum(axis=0).reshape(np.shape(pa))
    return like_input(np.clip(acc, 0.0, 1.0), p)


def simulate_majority_vote(p, k: int, n_wrong: int, *, trials: int = 20_000, seed: int = 0):
    """Monte Carlo estimate of ``majority_vote_accuracy`` (same model), one value per entry of ``p``."""
    pa = np.atleast_1d(in_range("p", p, "probability", 0.0, 1.0))
    k_int = int(whole_numbers("k", k, "samples", minimum=1))
    m = int(whole_numbers("n_wrong", n_wrong, "wrong answers", minimum=1))
    rng = np.random.default_rng(seed)
    out = np.empty(pa.shape)
    for i, prob in enumerate(pa):
        probs = np.concatenate(([prob], np.full(m, (1.0 - prob) / m)))
        votes = rng.multinomial(k_int, probs, size=int(trials))  # column 0 is the correct answer
        top = votes.max(axis=1)
        tied = (votes == top[:, None]).sum(axis=1)
        out[i] = np.mean(np.where(votes[:, 0] == top, 1.0 / tied, 0.0))
    return like_input(out, p)


# ---------------------------------------------------------------------------------------------- best-of-n


def best_of_n_accuracy(p, n, verifier_accuracy):
    """Probability that best-of-``n`` with a noisy pass/fail verifier returns a correct sample (exact).

    The verifier passes a correct sample with probability ``verifier_accuracy`` = v and a wrong one with
    probability 1 - v, independently. Best-of-n returns a passing sample chosen at random, or any sample
    if none passes. With alpha = p v (correct and passed) and beta = (1 - p)(1 - v) (wrong but passed),

        acc = (1 - (1 - alpha - beta)^n) alpha / (alpha + beta) + (1 - alpha - beta)^n p (1 - v) / (1 - alpha - beta).

    n = 1 gives p; v = 0.5 (a coin) gives p for every n; as n grows acc tends to ``best_of_n_ceiling``.
    ``p``, ``n`` and ``verifier_accuracy`` broadcast together.
    """
    pa = in_range("p", p, "probability", 0.0, 1.0)
    na = positive("n", n, "samples")
    va = in_range("verifier_accuracy", verifier_accuracy, "probability", 0.0, 1.0)
    alpha, beta = pa * va, (1.0 - pa) * (1.0 - va)
    passed = alpha + beta
    none_pass = (1.0 - passed) ** na
    with np.errstate(invalid="ignore", divide="ignore"):
        among_passed = np.where(passed > 0, alpha / np.where(passed > 0, passed, 1.0), 0.0)
        failed = 1.0 - passed
        among_failed = np.where(failed > 0, pa * (1.0 - va) / np.where(failed > 0, failed, 1.0), 0.0)
    acc = (1.0 - none_pass) * among_passed + none_pass * among_failed
    return like_input(acc, p, n, verifier_accuracy)


def best_of_n_ceiling(p, verifier_accuracy):
    """Limit of ``best_of_n_accuracy`` as n grows: p v / (p v + (1 - p)(1 - v)), the verifier's precision.

    Below 1 whenever the verifier lets wrong samples through (v < 1) and p < 1: more samples also bring
    more wrong samples that pass, so verifier noise, not the number of samples, sets the ceiling.
    """
    pa = in_range("p", p, "probability", 0.0, 1.0)
    va = in_range("verifier_accuracy", verifier_accuracy, "probability", 0.0, 1.0)
    alpha, beta = pa * va, (1.0 - pa) * (1.0 - va)
    with np.errstate(invalid="ignore", divide="ignore"):
        ceiling = np.where(alpha + beta > 0, alpha / np.where(alpha + beta > 0, alpha + beta, 1.0), 0.0)
    return like_input(ceiling, p, verifier_accuracy)


def simulate_best_of_n(p, n: int, verifier_accuracy: float, *, trials: int = 20_000, seed: int = 0):
    """Monte Carlo estimate of ``best_of_n_accuracy`` (same model), one value per entry of ``p``."""
    pa = np.atleast_1d(in_range("p", p, "probability", 0.0, 1.0))
    n_int = int(whole_numbers("n", n, "samples", minimum=1))
    v = float(in_range("verifier_accuracy", verifier_accuracy, "probability", 0.0, 1.0))
    rng = np.random.default_rng(seed)
    out = np.empty(pa.shape)
    for i, prob in enumerate(pa):
        correct = rng.random((int(trials), n_int)) < prob
        passes = np.where(correct, rng.random(correct.shape) < v, rng.random(correct.shape) < 1.0 - v)
        # Random tie-break: a random key per sample, passing samples first, take the largest.
        key = passes + rng.random(correct.shape)
        chosen = np.argmax(key, axis=1)
        out[i] = correct[np.arange(int(trials)), chosen].mean()
    return like_input(out, p)


# ---------------------------------------------------------------------------------------------- compute


def sampling_flops(n_params, samples, generated_tokens, *, verifier_params=None, verifier_tokens=None):
    """Inference compute in FLOP (a count) of drawing ``samples`` samples and, optionally, verifying each.

    samples x 2 N x generated tokens for generation (``helpers.compute.inference_flops``), plus
    samples x 2 N_v x verifier tokens when a verifier with ``verifier_params`` = N_v parameters reads
    ``verifier_tokens`` tokens per sample (default: the generated tokens). Prompt processing and the
    attention term are ignored. Counting "samples" alone hides a factor of 2 N T.
    """
    s = positive("samples", samples, "samples")
    gen = s * inference_flops(n_params, generated_tokens)
    if verifier_params is None:
        if verifier_tokens is not None:
            raise ValueError(
                f"verifier_tokens={verifier_tokens!r} given without verifier_params (parameters)"
            )
        return like_input(np.asarray(gen, dtype=float), n_params, samples, generated_tokens)
    read = generated_tokens if verifier_tokens is None else verifier_tokens
    ver = s * inference_flops(verifier_params, read)
    return like_input(
        np.asarray(gen + ver, dtype=float), n_params, samples, generated_tokens, verifier_params, read
    )


def success_probability_from_loss(loss, irreducible, critical_tokens):
    """A modelling assumption, not a published law: per-sample success from loss.

    p = exp(-h (L - E)) for a problem that needs ``critical_tokens`` = h tokens all right, when each costs
    the model its reducible loss L - E (nats/token) in log-probability. It is the exact-match picture
    (p_token^h with p_token = exp(-(L - E))) of Schaeffer et al. 2023 applied to the reducible loss, so a
    model at the floor E solves every problem. Use it to compare models on one scale, not to predict scores.
    """
    la = positive("loss", loss, "nats/token")
    ea = as_float_array("irreducible", irreducible, "nats/token")
    ha = as_float_array("critical_tokens", critical_tokens, "tokens")
    if np.any(ha < 0):
        raise ValueError(f"critical_tokens must be >= 0 (tokens); got {float(np.min(ha))!r}")
    if np.any(la < ea):
        raise ValueError(f"loss must be >= the irreducible loss {float(np.max(ea))} nats/token; got {loss!r}")
    return like_input(np.exp(-ha * (la - ea)), loss, irreducible, critical_tokens)


# ---------------------------------------------------------------------------------------------- a toy solver

_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")


def parse_score(text, *, low: float = 0.0, high: float = 10.0) -> float | None:
    """The verifier's score in [low, high] read from free text, or None when there is none.

    Accepts "7", " 7.5\\n", "Score: 8", "8/10", "8 out of 10" (a denominator rescales to [low, high]).
    Returns None for "", "N/A", "eight", a number outside [low, high], NaN or a non-string. A verifier that
    writes prose instead of a number must not crash the solver (``float(text)`` would).
    """
    if not isinstance(text, str):
        return None
    match = re.search(rf"({_NUMBER.pattern})\s*(?:/|out of)\s*({_NUMBER.pattern})", text)
    if match:
        value, denominator = float(match.group(1)), float(match.group(2))
        if not (math.isfinite(value) and math.isfinite(denominator)) or denominator <= 0:
            return None
        if not 0.0 <= value <= denominator:
            return None
        return low + (high - low) * value / denominator
    match = _NUMBER.search(text)
    if not match:
        return None
    value = float(match.group(0))
    return value if math.isfinite(value) and low <= value <= high else None


def _rng(*keys: int) -> np.random.Generator:
    """A generator seeded by integers, so each sample's draws do not depend on the order tasks run in."""
    return np.random.default_rng([int(x) for x in keys])


@dataclass(frozen=True)
class ToyGenerator:
    """A stand-in for a language model: answers problem ``problem_id`` correctly with probability ``p``.

    A wrong sample gives one of ``n_wrong`` wrong answers (uniformly). Every sample "generates"
    ``tokens_per_sample`` tokens of an ``n_params``-parameter model and waits ``latency_s`` seconds to
    stand for a remote call, so concurrent sampling can be shown without a model.
    """

    p: float
    n_wrong: int = 4
    n_params: float = 1e9
    tokens_per_sample: int = 400
    latency_s: float = 0.001
    seed: int = 0

    def __post_init__(self):
        in_range("p", self.p, "probability", 0.0, 1.0)
        whole_numbers("n_wrong", self.n_wrong, "wrong answers", minimum=1)
        positive("n_params", self.n_params, "parameters")
        whole_numbers("tokens_per_sample", self.tokens_per_sample, "tokens", minimum=1)
        in_range("latency_s", self.latency_s, "seconds", 0.0, 10.0)

    async def generate(self, problem_id: int, sample_index: int) -> tuple[str, int]:
        """One sample for ``problem_id``: (its text, ending in "Answer: <n>", and the tokens generated)."""
        await asyncio.sleep(self.latency_s)
        rng = _rng(self.seed, problem_id, sample_index, 1)
        answer = 0 if rng.random() < self.p else int(rng.integers(1, self.n_wrong + 1))
        return f"Step 1 ... step k. Answer: {answer}", self.tokens_per_sample


@dataclass(frozen=True)
class ToyVerifier:
    """A stand-in for a verifier model: scores a sample 0-10 and returns the score as *text*.

    A correct sample gets a high score (8-10) with probability ``accuracy`` and a low one (0-4) otherwise;
    a wrong sample the reverse. With probability ``garbled`` the reply is not a clean number ("Score: 9/10",
    "N/A", "I think this is right."), as free-text replies often are. Reading a sample costs
    2 ``n_params`` FLOP per token.
    """

    accuracy: float = 0.8
    garbled: float = 0.1
    n_params: float = 1e9
    latency_s: float = 0.001
    seed: int = 0

    def __post_init__(self):
        in_range("accuracy", self.accuracy, "probability", 0.0, 1.0)
        in_range("garbled", self.garbled, "probability", 0.0, 1.0)
        positive("n_params", self.n_params, "parameters")
        in_range("latency_s", self.latency_s, "seconds", 0.0, 10.0)

    async def score(self, problem_id: int, sample_index: int, text: str) -> str:
        """The verifier's reply for one sample, as text."""
        await asyncio.sleep(self.latency_s)
        rng = _rng(self.seed, problem_id, sample_index, 2)
        correct = text.rstrip().endswith("Answer: 0")
        high = rng.random() < (self.accuracy if correct else 1.0 - self.accuracy)
        value = int(rng.integers(8, 11)) if high else int(rng.integers(0, 5))
        if rng.random() < self.garbled:
            return str(
                rng.choice([f"Score: {value}/10", "N/A", "I think this is right.", f"{value} out of 10"])
            )
        return f"{value}"


@dataclass(frozen=True)
class SampleResult:
    answer: str
    tokens: int
    score: float | None  # None when the verifier's reply held no usable score


@dataclass(frozen=True)
class SolveResult:
    """What ``TestTimeSolver.solve`` returns: the chosen answers, the samples and the compute spent."""

    best_of_n_answer: str
    majority_answer: str
    samples: tuple[SampleResult, ...]
    generation_flops: float  # FLOP: samples x 2 N x generated tokens
    verifier_flops: float  # FLOP: samples x 2 N_v x tokens read
    unparsed_scores: int = 0
    votes: dict = field(default_factory=dict)

    @property
    def total_flops(self) -> float:
        return self.generation_flops + self.verifier_flops


def _final_answer(text: str) -> str:
    match = re.search(r"Answer:\s*(\S+)\s*$", text)
    return match.group(1) if match else ""


@dataclass(frozen=True)
class TestTimeSolver:
    """Draw n samples concurrently, score each with a verifier, and return best-of-n and the majority vote.

    Compute is counted in FLOP from the tokens actually generated and read, not as "number of samples".
    A reply with no usable score ranks below every scored sample; ties go to the earliest sample (the
    samples are independent, so this is a random choice among them).
    """

    __test__ = False  # not a pytest test class, despite the name

    generator: ToyGenerator
    verifier: ToyVerifier
    max_concurrency: int = 16

    async def solve(self, problem_id: int, n_samples: int) -> SolveResult:
        n_int = int(whole_numbers("n_samples", n_samples, "samples", minimum=1))
        limit = asyncio.Semaphore(
            int(whole_numbers("max_concurrency", self.max_concurrency, "concurrent requests", minimum=1))
        )

        async def one(index: int) -> tuple[str, int, str]:
            async with limit:
                text, tokens = await self.generator.generate(problem_id, index)
                reply = await self.verifier.score(problem_id, index, text)
            return text, tokens, reply

        raw = await asyncio.gather(*(one(i) for i in range(n_int)))
        samples = tuple(
            SampleResult(answer=_final_answer(text), tokens=tokens, score=parse_score(reply))
            for text, tokens, reply in raw
        )
        ranked = max(range(n_int), key=lambda i: (samples[i].score is not None, samples[i].score or 0.0, -i))
        votes = Counter(s.answer for s in samples)
        majority = max(
            votes, key=lambda a: (votes[a], -next(i for i, s in enumerate(samples) if s.answer == a))
        )
        generated = sum(s.tokens for s in samples)
        return SolveResult(
            best_of_n_answer=samples[ranked].answer,
            majority_answer=majority,
            samples=samples,
            generation_flops=float(inference_flops(self.generator.n_params, generated)),
            verifier_flops=float(inference_flops(self.verifier.n_params, generated)),
            unparsed_scores=sum(s.score is None for s in samples),
            votes=dict(votes),
        )
