"""Your own scaling law: a synthetic language with a known entropy, tiny numpy models, a sweep (chapter 8).

The language follows the quantization model of neural scaling (Michaud et al. 2023): there are many
independent "rules", and a model lowers its loss by learning them one by one, the most frequent first.
Each rule is a context of two tokens, and it names one target token. A sample is a three-token sentence:
a context drawn with Zipf frequencies p_k proportional to k^-(1 + zipf_exponent), then the context's target
with probability 1 - noise, or a uniformly random token with probability noise. Every rule has the same
conditional distribution up to which token is the target, so the entropy per predicted token is known
exactly (``true_entropy``): no model, however large or well trained, can go below it. Since the rules'
frequencies follow a power law, there is always a rarer rule left to learn: the loss falls as a power law
towards that floor.

The models are an embedding of each context token, concatenated, then one hidden ReLU layer of ``width``
units, then logits over the vocabulary. The width sets the parameter count. Training is single-epoch
(every token is fresh), with Adam and a cosine learning-rate schedule fitted to the run's length, as in
Hoffmann et al. 2022. The trainer counts its own matrix-multiply FLOP and times itself.

Units: loss in nats per predicted token; D in training tokens (one token predicted per sentence, so D is
also the number of sentences); N in parameters (all of them, embeddings included, as in Hoffmann et al.
2022); compute in FLOP (a count), speed in FLOP/s (a rate).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import ctypes
import glob
import os
import time
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from helpers._validate import in_range, whole_numbers
from helpers.progress import progress

__all__ = [
    "CSV_COLUMNS",
    "FULL_SWEEP",
    "QUICK_SWEEP",
    "SHIPPED_FULL_CSV",
    "Language",
    "RunResult",
    "Sweep",
    "matmul_flops_per_token",
    "model_parameters",
    "read_results",
    "run_sweep",
    "single_threaded_blas",
    "train_model",
    "true_entropy",
    "write_results",
]

#: The full-mode results measured by the project (``python -m helpers.experiment --full --out PATH``), shipped
#: as package data (``helpers/sweeps/``) so that chapter 8 also runs where only the package is installed.
SHIPPED_FULL_CSV = resources.files("helpers") / "sweeps" / "own_scaling_law_full.csv"


def true_entropy(vocab_size: int, noise: float) -> float:
    """Exact entropy of the next token given its context, in nats per token.

    Given its context, the next token is the rule's target with probability q = 1 - noise + noise / V and
    each of the V - 1 other tokens with probability noise / V, whatever the context and its frequency, so
    H = -q ln q - (V - 1) (noise / V) ln(noise / V). It is the lowest expected loss any model can reach.
    """
    v = int(whole_numbers("vocab_size", vocab_size, "tokens", minimum=2))
    eps = float(in_range("noise", noise, "probability", 0.0, 1.0))
    q = 1.0 - eps + eps / v
    other = eps / v
    h = -q * np.log(q)
    if other > 0:
        h -= (v - 1) * other * np.log(other)
    return float(h)


@dataclass(frozen=True)
class Language:
    """A synthetic language: ``vocab_size``^2 two-token contexts ("rules") with Zipf frequencies.

    ``zipf_exponent`` a sets p_k proportional to k^-(1 + a) over the rules' frequency ranks k = 1, 2, ...;
    ``noise`` is the probability that the next token is uniform instead of the rule's target. The rules'
    ranks and targets are drawn once from ``seed``.
    """

    vocab_size: int = 64
    zipf_exponent: float = 0.5
    noise: float = 0.3
    seed: int = 0

    def __post_init__(self):
        whole_numbers("vocab_size", self.vocab_size, "tokens", minimum=2)
        in_range("zipf_exponent", self.zipf_exponent, "dimensionless", 0.0, 10.0, low_open=True)
        in_range("noise", self.noise, "probability", 0.0, 1.0)

    @property
    def n_contexts(self) -> int:
        """Number of two-token contexts, each a rule with its own target (count)."""
        return self.vocab_size**2

    def tables(self):
        """(context frequencies, shape (V^2,); targets, shape (V^2,)) drawn from ``seed``.

        Context c = V * first + second. Its frequency is the Zipf weight of its rank in a random permutation,
        so frequent rules are scattered over the vocabulary instead of sharing a first token.
        """
        rng = np.random.default_rng([self.seed, 1])
        ranks = rng.permutation(self.n_contexts) + 1
        weights = ranks.astype(float) ** -(1.0 + self.zipf_exponent)
        targets = rng.integers(0, self.vocab_size, size=self.n_contexts)
        return weights / weights.sum(), targets

    def entropy(self) -> float:
        """Exact entropy per predicted token in nats (``true_entropy``)."""
        return true_entropy(self.vocab_size, self.noise)

    def sample(self, n_sentences: int, rng: np.random.Generator):
        """``n_sentences`` sentences: (contexts, shape (n, 2); next tokens, shape (n,)), int64 tokens."""
        n = int(whole_numbers("n_sentences", n_sentences, "sentences", minimum=1))
        probs, targets = self.tables()
        context = rng.choice(self.n_contexts, size=n, p=probs)
        noisy = rng.random(n) < self.noise
        nxt = np.where(noisy, rng.integers(0, self.vocab_size, size=n), targets[context])
        return np.stack([context // self.vocab_size, context % self.vocab_size], axis=1), nxt

    def next_token_distribution(self) -> np.ndarray:
        """True p(next | context) for every context, shape (V^2, V)."""
        _, targets = self.tables()
        v = self.vocab_size
        dist = np.full((self.n_contexts, v), self.noise / v)
        dist[np.arange(self.n_contexts), targets] += 1.0 - self.noise
        return dist


# ------------------------------------------------------------------------------------------------- the model


@contextlib.contextmanager
def single_threaded_blas():
    """Run numpy's bundled OpenBLAS on one thread inside the block (best effort; no-op if not found).

    The tiny products here gain nothing from threads, and on a shared CPU the threads wait for each other
    (a 20x slow-down measured on a loaded 2-core machine). One thread also fixes the order of the sums, so a
    run repeats bit for bit on the same machine.
    """
    libs = glob.glob(os.path.join(os.path.dirname(np.__file__), os.pardir, "numpy.libs", "*openblas*"))
    setter = getter = None
    if libs:
        lib = ctypes.CDLL(libs[0])
        for prefix in ("scipy_openblas_", "openblas_"):
            for suffix in ("64_", ""):
                if hasattr(lib, f"{prefix}set_num_threads{suffix}"):
                    setter = getattr(lib, f"{prefix}set_num_threads{suffix}")
                    getter = getattr(lib, f"{prefix}get_num_threads{suffix}")
                    break
            if setter is not None:
                break
    if setter is None:
        yield
        return
    before = getter()
    setter(1)
    try:
        yield
    finally:
        setter(before)


def _width_and_dims(width, embed_dim):
    w = whole_numbers("width", width, "hidden units", minimum=1)
    e = whole_numbers("embed_dim", embed_dim, "dimensions per token", minimum=1)
    return w, e


def model_parameters(width, vocab_size: int = 64, embed_dim: int = 8, context: int = 2):
    """Parameter count of the tiny model (all parameters: embeddings, weights and biases).

    Embedding V x e, hidden layer (context x e) x width + width biases, output width x V + V biases:
    N = V e + context e w + w + w V + V.
    """
    w, e = _width_and_dims(width, embed_dim)
    v = int(whole_numbers("vocab_size", vocab_size, "tokens", minimum=2))
    n = v * e + context * e * w + w + w * v + v
    return int(n) if np.ndim(width) == 0 else n


def matmul_flops_per_token(width, vocab_size: int = 64, embed_dim: int = 8, context: int = 2):
    """Training FLOP per token of the trainer's matrix products: 6 x (context e w + w V), a count.

    Forward: 2 FLOP per weight per token in the two products. Backward: the same again for the gradient
    with respect to the activations and once more for the gradient with respect to the weights. The
    embedding lookup, biases, ReLU, softmax and Adam are not matrix products and are not counted; that is
    why this is a little less than 6 N, which counts every parameter (Kaplan et al. 2020, section 2.1).
    """
    w, e = _width_and_dims(width, embed_dim)
    v = int(whole_numbers("vocab_size", vocab_size, "tokens", minimum=2))
    f = 6 * (context * e * w + w * v)
    return int(f) if np.ndim(width) == 0 else f


@dataclass(frozen=True)
class RunResult:
    """One training run: its size, data, final loss and how fast the trainer went."""

    width: int
    params: int  # N, all parameters
    tokens: int  # D, training tokens
    loss: float  # expected loss on the language, nats/token (exact, not a sample estimate)
    flops_6nd: float  # 6 N D, FLOP
    flops_counted: float  # the trainer's own count of matrix-product FLOP
    seconds: float  # wall-clock training time, s
    flops_per_second: float  # flops_counted / seconds, FLOP/s


def _expected_loss(params, inputs, true_dist, probs) -> float:
    """Exact expected cross-entropy in nats/token: sum over contexts of p_k x CE(true_k, model_k)."""
    emb, w1, b1, w2, b2 = params
    x = emb[inputs].reshape(len(inputs), -1)
    h = np.maximum(x @ w1 + b1, 0.0)
    logits = (h @ w2 + b2).astype(np.float64)
    logits -= logits.max(axis=1, keepdims=True)
    log_p = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    return float(np.sum(probs * -(true_dist * log_p).sum(axis=1)))


def train_model(
    width: int,
    tokens: int,
    language: Language | None = None,
    *,
    embed_dim: int = 8,
    batch_size: int = 128,
    learning_rate: float = 1e-2,
    seed: int = 0,
) -> RunResult:
    """Train one tiny model on ``tokens`` fresh tokens with Adam; return its exact expected loss.

    float32 throughout. The learning rate warms up over the first 5% of steps and then follows a cosine
    down to 10% of its peak at the last step. The run's randomness (initial weights and data) comes from
    ``seed``, ``width`` and ``tokens``, so a run can be repeated exactly on the same machine.
    """
    with single_threaded_blas():
        return _train(width, tokens, language, embed_dim, batch_size, learning_rate, seed)


def _train(width, tokens, language, embed_dim, batch_size, learning_rate, seed) -> RunResult:
    language = Language() if language is None else language
    w = int(whole_numbers("width", width, "hidden units", minimum=1))
    d = int(whole_numbers("tokens", tokens, "tokens", minimum=1))
    b = int(whole_numbers("batch_size", batch_size, "sentences", minimum=1))
    lr = float(in_range("learning_rate", learning_rate, "dimensionless", 0.0, 1.0, low_open=True))
    v, e = language.vocab_size, int(embed_dim)
    rng = np.random.default_rng([seed, w, d])
    f32 = np.float32
    params = [
        rng.standard_normal((v, e)).astype(f32),
        (rng.standard_normal((2 * e, w)) * np.sqrt(2.0 / (2 * e))).astype(f32),
        np.zeros(w, f32),
        (rng.standard_normal((w, v)) * np.sqrt(1.0 / w)).astype(f32),
        np.zeros(v, f32),
    ]
    m = [np.zeros_like(p) for p in params]
    s = [np.zeros_like(p) for p in params]
    beta1, beta2, adam_eps = 0.9, 0.999, 1e-8
    contexts, next_tokens = language.sample(d, rng)
    n_steps = -(-d // b)
    warmup = max(1, n_steps // 20)
    flops = 0.0
    start = time.perf_counter()
    for step in range(n_steps):
        xb, yb = contexts[step * b : (step + 1) * b], next_tokens[step * b : (step + 1) * b]
        n = len(yb)
        emb, w1, b1, w2, b2 = params
        x = emb[xb].reshape(n, 2 * e)
        pre = x @ w1 + b1
        h = np.maximum(pre, 0.0)
        logits = h @ w2 + b2
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        p[np.arange(n), yb] -= 1.0
        g_logits = p / f32(n)
        g_w2 = h.T @ g_logits
        g_h = g_logits @ w2.T
        g_pre = g_h * (pre > 0)
        g_w1 = x.T @ g_pre
        g_x = (g_pre @ w1.T).reshape(n, 2, e)
        g_emb = np.zeros_like(emb)
        np.add.at(g_emb, xb, g_x)
        flops += 6.0 * n * (2 * e * w + w * v)
        grads = [g_emb, g_w1, g_pre.sum(axis=0), g_w2, g_logits.sum(axis=0)]
        if step < warmup:
            rate = lr * (step + 1) / warmup
        else:
            frac = (step - warmup) / max(1, n_steps - warmup - 1)
            rate = lr * (0.1 + 0.45 * (1.0 + np.cos(np.pi * frac)))
        t = step + 1
        corr = np.sqrt(1 - beta2**t) / (1 - beta1**t)
        for p_i, g_i, m_i, s_i in zip(params, grads, m, s, strict=True):
            m_i *= beta1
            m_i += (1 - beta1) * g_i
            s_i *= beta2
            s_i += (1 - beta2) * g_i * g_i
            p_i -= f32(rate * corr) * m_i / (np.sqrt(s_i) + f32(adam_eps))
    seconds = time.perf_counter() - start
    probs, _ = language.tables()
    all_contexts = np.stack(np.divmod(np.arange(language.n_contexts), v), axis=1)
    loss = _expected_loss(params, all_contexts, language.next_token_distribution(), probs)
    n_params = model_parameters(w, v, e)
    return RunResult(
        width=w,
        params=n_params,
        tokens=d,
        loss=loss,
        flops_6nd=6.0 * n_params * d,
        flops_counted=flops,
        seconds=seconds,
        flops_per_second=flops / max(seconds, 1e-9),
    )


# ------------------------------------------------------------------------------------------------- the sweep


@dataclass(frozen=True)
class Sweep:
    """A grid of model widths x training-token counts, trained on one language."""

    widths: tuple[int, ...]
    tokens: tuple[int, ...]
    language: Language = Language()
    seed: int = 0


#: Full mode: 7 widths (1,224 to 42,048 parameters, 1.5 decades) x 4 data sizes (15,000 to 500,000 tokens,
#: 1.5 decades). About 35 s on one core of a shared 2-core machine (load average 5) when it was measured.
FULL_SWEEP = Sweep(widths=(8, 16, 32, 64, 128, 256, 512), tokens=(15_000, 50_000, 160_000, 500_000))
#: Quick mode: the 5 smallest widths x 4 data sizes of 5,000 to 100,000 tokens (a few seconds).
QUICK_SWEEP = Sweep(widths=(8, 16, 32, 64, 128), tokens=(5_000, 15_000, 40_000, 100_000))

CSV_COLUMNS = tuple(RunResult.__dataclass_fields__)


def run_sweep(sweep: Sweep = QUICK_SWEEP, *, show_progress: bool = True) -> list[RunResult]:
    """Train every (width, tokens) pair of ``sweep`` (one run each, with a progress bar)."""
    grid = [(w, d) for w in sweep.widths for d in sweep.tokens]
    results = []
    for w, d in progress(grid, total=len(grid), desc="training", enabled=show_progress):
        results.append(train_model(w, d, sweep.language, seed=sweep.seed))
    return results


def write_results(results: list[RunResult], path) -> Path:
    """Write runs to a CSV file with columns ``CSV_COLUMNS``; returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for r in results:
            writer.writerow({k: (repr(v) if isinstance(v, float) else v) for k, v in asdict(r).items()})
    return path


def read_results(path=None) -> list[RunResult]:
    """Read runs written by ``write_results`` (by default the shipped full-mode results)."""
    with (SHIPPED_FULL_CSV if path is None else Path(path)).open(newline="") as f:
        rows = list(csv.DictReader(f))
    return [
        RunResult(
            **{k: (int(row[k]) if k in ("width", "params", "tokens") else float(row[k])) for k in CSV_COLUMNS}
        )
        for row in rows
    ]


def main(argv=None) -> None:
    """``python -m helpers.experiment [--full] [--out PATH]``: run a sweep and write its CSV."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="the full sweep (default: the quick one)")
    parser.add_argument("--out", default=None, help="CSV path (default: print a table)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    results = run_sweep(FULL_SWEEP if args.full else QUICK_SWEEP)
    print(f"{len(results)} runs in {time.perf_counter() - start:.1f} s")
    if args.out:
        print("wrote", write_results(results, args.out))
    else:
        for r in results:
            print(f"N={r.params:7d} D={r.tokens:8d} loss={r.loss:.4f} {r.flops_per_second / 1e9:.2f} GFLOP/s")


if __name__ == "__main__":
    main()
