# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% tags=["remove-cell"]
# Setup for Colab and bare Jupyter: install the book's `helpers` package if missing.
import importlib.util
import os
import subprocess
import sys

spec = importlib.util.find_spec("helpers")
folders = (spec.submodule_search_locations or []) if spec else []
if not any(os.path.isfile(os.path.join(f, "scaling.py")) for f in folders):  # not ours
    source = "git+https://github.com/scaling-laws-executed/scaling-laws-executed@main"
    source = os.environ.get("HELPERS_PIP_SOURCE") or source
    pip = [sys.executable, "-m", "pip", "install", "--quiet", source]
    subprocess.run(pip, check=True)
    importlib.invalidate_caches()

# %% [markdown]
# # Test-time compute: more samples, votes and verifiers
#
# The previous chapters spent compute on training: a bigger model, more data. A trained model can also
# spend compute when it answers. It can draw many samples for the same question, then pick one, by a
# vote or with a verifier. This chapter works out what that buys and what it costs:
#
# - what test-time compute actually is, counted in FLOP rather than in "number of samples";
# - pass@k, and the unbiased estimator of {cite:t}`chen2021evaluating`, which stays exact for 10,000
#   samples;
# - coverage on a set of problems of mixed difficulty: it rises steadily with the number of samples and then
#   saturates at the fraction of problems the model can solve at all {cite:p}`brown2024monkeys`;
# - choosing an answer without an oracle: majority voting {cite:p}`wang2022selfconsistency` and best-of-n
#   with a noisy verifier, and why both level off well below coverage;
# - a small model with many samples against a large model with one, at equal inference compute;
# - a toy solver that runs: concurrent sampling, a verifier whose replies must be parsed, and honest
#   compute accounting.
#
# Every experiment here is a simulation with fixed seeds. No language model is run. The point is the
# arithmetic of sampling and selection, which is the same whatever model produces the samples.

# %%
import asyncio
import math
import time

import numpy as np
from scipy import special, stats

from helpers import compute, plotting, scaling, testtime, widgets

# %% [markdown]
# ## What the compute is
#
# A sample is not a unit of compute. Generating one token with a model of $N$ parameters costs about
# $2N$ FLOP, the forward pass {cite:p}`kaplan2020scaling`. A strategy that draws $k$ samples of $\ell$
# tokens each, and lets a verifier with $N_v$ parameters read every sample, therefore costs
#
# $$
# C_\text{test} \approx k \cdot 2 N \ell + k \cdot 2 N_v \ell \quad \text{FLOP}.
# $$ (eq-test-compute)
#
# Both terms ignore the attention cost, which grows with context length, and the prompt, which every
# sample must also read. The cell compares three strategies with the same 64 samples of 500 tokens.

# %%
samples, tokens = 64, 500
strategies = {
    "1e9 model, no verifier": testtime.sampling_flops(1e9, samples, tokens),
    "1e9 model + 1e9 verifier": testtime.sampling_flops(
        1e9, samples, tokens, verifier_params=1e9),
    "70e9 model + 70e9 verifier": testtime.sampling_flops(
        70e9, samples, tokens, verifier_params=70e9),
}
for name, flops in strategies.items():
    print(f"{name:<28} {samples} samples x {tokens} tokens: {flops:.2e} FLOP")
one_answer = compute.inference_flops(70e9, tokens)
print(f"\none 500-token answer of a 70e9 model: {one_answer:.2e} FLOP")
small_64 = strategies["1e9 model, no verifier"]
print(f"64 samples of a 1e9 model = {small_64 / one_answer:.2f} such answers")

# %% tags=["remove-cell"]
assert strategies["1e9 model, no verifier"] == 6.4e13
assert strategies["1e9 model + 1e9 verifier"] == 1.28e14
assert math.isclose(strategies["70e9 model + 70e9 verifier"], 8.96e15)
assert math.isclose(strategies["70e9 model + 70e9 verifier"] / small_64, 140)
assert math.isclose(one_answer, 7e13) and round(small_64 / one_answer, 2) == 0.91

# %% [markdown]
# The three strategies all "use 64 samples", yet their costs differ by a factor of 140. A verifier as
# large as the generator doubles the bill. And 64 samples from a $10^{9}$-parameter model cost about as
# much as a single answer from a $7 \times 10^{10}$-parameter model (0.91 of one). That last comparison is
# the real question of this chapter: is one answer from a big model worth more than many from a small
# one?
#
# ```{admonition} Common mistake: reporting "compute used" as the number of samples
# :class: warning
# A popular code sample for test-time scaling returns `"compute_used": n_samples`. The number of samples
# is only one factor of {eq}`eq-test-compute`: above, the same 64 samples cost 140 times more with a
# 70 times larger model and a verifier of the same size. Report FLOP, computed from the tokens actually generated and read.
# ```
#
# ## pass@k, and how to estimate it
#
# Suppose a model solves a problem with each sample independently with probability $p$. With an oracle
# that recognises a correct answer (unit tests for code, say), the problem counts as solved when at least
# one of $k$ samples is correct. That happens with probability
#
# $$
# \text{pass@}k = 1 - (1 - p)^{k}.
# $$ (eq-pass-k-true)
#
# In practice $p$ is unknown. You draw $n \geq k$ samples, $c$ of them correct, and estimate. Plugging
# $\hat p = c/n$ into {eq}`eq-pass-k-true` is tempting but biased: the curve $1 - (1-p)^k$ is concave in
# $p$, so averaging it over noisy estimates of $p$ comes out low (Jensen's inequality).
# {cite:t}`chen2021evaluating` use instead the probability that $k$ samples drawn *without replacement*
# from the $n$ include a correct one:
#
# $$
# \widehat{\text{pass@}k} = 1 - \frac{\binom{n-c}{k}}{\binom{n}{k}}
# = 1 - \prod_{i=n-c+1}^{n} \left(1 - \frac{k}{i}\right).
# $$ (eq-pass-k-unbiased)
#
# Its average over the random $c$ is exactly {eq}`eq-pass-k-true`. The product on the right is how their
# code computes it, and how `testtime.pass_at_k(n, c, k)` does: no binomial coefficient is ever formed.
# The cell takes a hard problem, $p = 0.02$, with $n = 20$ samples and $k = 10$, and averages both
# estimators over every possible $c$, weighted by its binomial probability.

# %%
p_true, n_drawn, k_eval = 0.02, 20, 10
c_all = np.arange(n_drawn + 1)
weight = stats.binom.pmf(c_all, n_drawn, p_true)
truth = testtime.coverage_known_p(p_true, k_eval)
mean_unbiased = np.sum(weight * testtime.pass_at_k(n_drawn, c_all, k_eval))
mean_plug_in = np.sum(weight * testtime.coverage_known_p(c_all / n_drawn, k_eval))
print(f"true pass@{k_eval} = 1 - (1 - {p_true})^{k_eval} = {truth:.3f}")
print(f"average of the unbiased estimator: {mean_unbiased:.3f}")
print(f"average of the plug-in 1 - (1 - c/n)^k: {mean_plug_in:.3f}  "
      f"({mean_plug_in / truth - 1:+.0%})")

# %% tags=["remove-cell"]
assert round(truth, 3) == 0.183 and math.isclose(mean_unbiased, truth, rel_tol=1e-10)
assert round(mean_plug_in, 3) == 0.149
assert round(100 * (mean_plug_in / truth - 1)) == -18

# %% [markdown]
# The unbiased estimator averages to the true 0.183. The plug-in averages to 0.149, 18% too low, and the
# gap grows as problems get harder or $k$ approaches $n$.
#
# The product form matters for large $n$. With $n = 10{,}000$ samples the binomial coefficients have
# thousands of digits. In floating point they overflow, and their ratio becomes `inf / inf = nan`.

# %%
n_big, c_big, k_big = 10_000, 3, 5_000
with np.errstate(invalid="ignore"):
    naive = 1 - special.comb(n_big - c_big, k_big) / special.comb(n_big, k_big)
# Python integers: exact, but slow
exact = 1 - math.comb(n_big - c_big, k_big) / math.comb(n_big, k_big)
stable = testtime.pass_at_k(n_big, c_big, k_big)
print(f"floating-point binomials: {naive}")
print(f"exact integers:           {exact:.6f}")
print(f"product form:             {stable:.6f}")

# %% tags=["remove-cell"]
assert np.isnan(naive) and math.isclose(stable, exact, rel_tol=1e-9)
assert round(stable, 3) == 0.875

# %% [markdown]
# With 3 correct samples out of 10,000, a random half of them holds at least one correct sample with
# probability 0.875 ($1 - 1/2^3$, up to a tiny correction). The product form gets it right; the
# floating-point binomials give `nan`.
#
# ## Coverage across a set of problems
#
# A benchmark has many problems, each with its own success probability. *Coverage* is the fraction of
# problems solved by at least one of $k$ samples, the average of pass@k over problems. To see its shape,
# describe the problems by a distribution. Here a fraction $s$ of them is solvable, with $p$ drawn from a
# $\operatorname{Beta}(a_p, b_p)$ distribution, and the rest are never solved ($p = 0$). Averaging
# {eq}`eq-pass-k-true` over the Beta distribution has a closed form, through the Beta function:
#
# $$
# \text{coverage}(k) = s \left(1 - \frac{\operatorname{Beta}(a_p, b_p + k)}{\operatorname{Beta}(a_p, b_p)}
# \right).
# $$ (eq-coverage-beta)
#
# For large $k$ the missing part shrinks like $k^{-a_p}$, slowly when $a_p$ is small, because many problems
# have tiny $p$. The cell draws 500 problems with $a_p = 0.4$, $b_p = 4$ and $s = 0.8$. It samples
# $n = 10{,}000$ answers for each, counts the correct ones, and estimates coverage at every $k$ with the
# unbiased estimator.

# %%
beta_a, beta_b, solvable = 0.4, 4.0, 0.8
n_problems, n_samples_each = 500, 10_000
rng = np.random.default_rng(0)
is_solvable = rng.random(n_problems) < solvable
p_problems = np.where(is_solvable, rng.beta(beta_a, beta_b, n_problems), 0.0)
correct_counts = rng.binomial(n_samples_each, p_problems)

k_grid = np.unique(np.round(np.geomspace(1, n_samples_each, 25)).astype(int))
coverage_measured = np.array(
    [testtime.pass_at_k(n_samples_each, correct_counts, k).mean() for k in k_grid]
)
coverage_theory = testtime.coverage_beta(beta_a, beta_b, k_grid, solvable)
for k in (1, 10, 100, 1000, 10_000):
    i = np.searchsorted(k_grid, k)
    print(f"k = {k:>6}: measured {coverage_measured[i]:.3f}, "
          f"closed form {coverage_theory[i]:.3f}")
print(f"solvable fraction (the ceiling): {solvable}; "
      f"in this draw {np.mean(p_problems > 0):.3f}")

# %% tags=["remove-cell"]
_decades = (1, 10, 100, 1000, 10_000)
assert list(k_grid[[0, -1]]) == [1, 10_000] and all(k in k_grid for k in _decades)
_i = {k: np.searchsorted(k_grid, k) for k in _decades}
_theory = [round(coverage_theory[_i[k]], 2) for k in _decades]
_measured = [round(coverage_measured[_i[k]], 2) for k in _decades]
assert _theory == [0.07, 0.33, 0.59, 0.71, 0.77]
assert _measured == [0.07, 0.30, 0.55, 0.68, 0.74]
assert round(np.mean(p_problems > 0), 2) == 0.77
assert np.max(np.abs(coverage_measured - coverage_theory)) < 0.04
assert np.all(np.diff(coverage_measured) >= 0)

# %% [markdown]
# Coverage climbs from 0.07 with one sample to 0.33 with 10, 0.59 with 100 and 0.71 with 1,000: a roughly
# constant gain per factor of ten, a straight line on a log axis. Then it bends, reaching 0.77 at 10,000
# samples, and it can never pass the 0.8 of problems that are solvable at all. The 500 simulated problems
# follow the same shape, a little lower (0.30 at 10 samples, 0.74 at 10,000), because in this draw only
# 0.77 of them happen to be solvable.
#
# {cite:t}`brown2024monkeys` observe this shape on real tasks: coverage grows over four orders of
# magnitude of samples, often log-linearly, and they model it with an exponentiated power law. On
# SWE-bench Lite, DeepSeek-Coder-V2-Instruct goes from 15.9% of issues solved with one sample to 56% with
# 250. The Beta model here is our choice, not theirs: it shows why the curve is straight for a while (the
# spread of $p$ over many orders of magnitude) and why it bends (problems the model cannot solve).

# %% tags=["hide-input"]
k_fine = np.geomspace(1, 1e5, 200)
fig, ax = plotting.new_figure()
ax.plot(k_fine, testtime.coverage_beta(beta_a, beta_b, k_fine, solvable),
        color=plotting.PALETTE["blue"],
        label="closed form, Beta(0.4, 4), s = 0.8")
ax.plot(k_grid, coverage_measured, "o", color=plotting.PALETTE["vermillion"], ms=4,
        label="500 simulated problems, unbiased pass@k")
ax.axhline(solvable, color=plotting.PALETTE["black"], lw=1, ls=":",
           label="fraction solvable")
plotting.label_axes(ax, "Samples per problem k [samples]",
                    "Coverage [fraction of problems]", log="x",
                    title="Coverage rises log-linearly, then saturates")
ax.set_ylim(0, 1)
ax.legend(loc="lower right")
plotting.show(
    fig,
    alt=(
        "Coverage against the number of samples on a log axis from 1 to 100,000: a "
        "curve rising almost linearly from 0.07 to about 0.71 between 1 and 1,000 "
        "samples, then flattening below a dotted line at 0.8, the fraction of solvable "
        "problems; simulated points lie on the curve."
    ),
)

# %% [markdown]
# ## Choosing an answer without an oracle
#
# Coverage assumes you can tell which sample is right. For code with unit tests you can. For most
# questions you cannot, and you must pick one answer. Two common rules:
#
# - **Majority vote** (self-consistency, {cite:t}`wang2022selfconsistency`): return the most frequent
#   final answer among the $k$ samples.
# - **Best-of-n with a verifier**: a second model scores each sample and the best-scored one is returned.
#
# To analyse the vote, assume that a wrong sample gives one of $m$ wrong answers, each equally likely.
# Then with many samples the vote returns whichever answer is most probable on a single sample. The
# correct answer is the most probable when $p > (1-p)/m$, that is $p > 1/(m+1)$; otherwise more samples
# make the vote *more* surely wrong. `testtime.majority_vote_accuracy(p, k, m)` computes the vote's
# accuracy exactly (ties are broken at random).
#
# For the verifier, assume it passes a correct sample with probability $v$ and a wrong one with
# probability $1 - v$, and best-of-n returns a random passing sample. As $k$ grows there is almost always a
# passing sample, and the one returned is correct with the verifier's *precision*:
#
# $$
# \lim_{k\to\infty} \text{best-of-}k = \frac{p v}{p v + (1-p)(1-v)}.
# $$ (eq-bon-ceiling)
#
# More samples bring more correct samples, but also more wrong ones that fool the verifier, in the same
# proportion. The cell applies both rules, with $m = 4$ wrong answers and $v = 0.9$, to the 500 problems of
# the previous section.

# %%
n_wrong, verifier_v = 4, 0.9
k_select = 2 ** np.arange(0, 11)  # 1 to 1024 samples
vote_curve = np.array([testtime.majority_vote_accuracy(p_problems, k, n_wrong).mean()
                       for k in k_select.tolist()])
bon_curve = np.array([testtime.best_of_n_accuracy(p_problems, k, verifier_v).mean()
                      for k in k_select])
cov_curve = np.array([testtime.coverage_known_p(p_problems, k).mean()
                      for k in k_select])
vote_ceiling = np.mean(p_problems > 1 / (n_wrong + 1))
bon_ceiling = testtime.best_of_n_ceiling(p_problems, verifier_v).mean()
print(f"{'k':>5} {'coverage':>9} {'vote':>6} {'best-of-k':>10}")
for k, cov, vote, bon in zip(k_select, cov_curve, vote_curve, bon_curve, strict=True):
    print(f"{k:>5} {cov:>9.3f} {vote:>6.3f} {bon:>10.3f}")
print(f"ceilings: vote {vote_ceiling:.3f} (problems with p > 1/{n_wrong + 1}), "
      f"best-of-n {bon_ceiling:.3f}")

# %% tags=["remove-cell"]
assert math.isclose(vote_curve[0], bon_curve[0])
assert math.isclose(cov_curve[0], bon_curve[0])
assert math.isclose(vote_curve[0], np.mean(p_problems))
assert round(cov_curve[-1], 2) == 0.68
assert round(vote_curve[-1], 2) == 0.11 and round(bon_curve[-1], 2) == 0.24
assert round(vote_ceiling, 2) == 0.12 and round(bon_ceiling, 2) == 0.24
assert round(bon_curve[6], 2) == 0.24
assert round(vote_curve[0], 2) == 0.07 and bon_curve[-1] < cov_curve[-1] / 2

# %% [markdown]
# With one sample all three are the same, 0.07: there is nothing to choose. With 1,024 samples, coverage
# reaches 0.68, but the vote is right on only 0.11 of the problems and best-of-n on 0.24. Best-of-n has
# been flat since 64 samples; the vote is still creeping up, slowly. The vote's ceiling is the fraction of
# problems where the correct answer is the most likely one, here 0.12. Best-of-n's is {eq}`eq-bon-ceiling`
# averaged over problems, 0.24. Sampling
# more cannot lift either; only a better model (larger $p$) or a better verifier (larger $v$) can. This
# matches {cite:t}`brown2024monkeys`, who find that majority voting and reward models plateau beyond
# several hundred samples while coverage keeps growing.
#
# ```{admonition} Common mistake: "more samples, higher accuracy, no ceiling in sight"
# :class: warning
# A popular text on test-time scaling promises diminishing returns "but no ceiling". There are two. Coverage
# cannot exceed the fraction of problems the model solves at all (0.77 of the simulated problems), and it
# only counts if something can recognise the right sample. Without such an oracle, the answer you actually
# return levels off much earlier: at 1,024 samples the vote is right on 0.11 of the problems and best-of-n
# on 0.24, against a coverage of 0.68.
# ```

# %% tags=["hide-input"]
fig, ax = plotting.new_figure()
ax.plot(k_select, cov_curve, "o-", color=plotting.PALETTE["blue"],
        label="coverage (an oracle picks)")
ax.plot(k_select, bon_curve, "s-", color=plotting.PALETTE["green"],
        label=f"best-of-k, verifier v = {verifier_v}")
ax.plot(k_select, vote_curve, "^-", color=plotting.PALETTE["vermillion"],
        label=f"majority vote, m = {n_wrong}")
ax.axhline(bon_ceiling, color=plotting.PALETTE["green"], lw=1, ls=":")
ax.axhline(vote_ceiling, color=plotting.PALETTE["vermillion"], lw=1, ls=":")
plotting.label_axes(ax, "Samples per problem k [samples]",
                    "Accuracy [fraction of problems]", log="x",
                    title="Selection plateaus far below coverage")
ax.set_ylim(0, 1)
ax.legend(loc="upper left")
plotting.show(
    fig,
    alt=(
        "Accuracy against samples from 1 to 1024 on a log axis. Coverage rises to "
        f"{cov_curve[-1]:.2f}; best-of-k with a 0.9-accurate verifier levels off at "
        f"{bon_ceiling:.2f} and the majority vote at {vote_ceiling:.2f}, each marked "
        "by a dotted line."
    ),
)

# %% [markdown]
# ### How verifier noise sets the ceiling
#
# By {eq}`eq-bon-ceiling`, the ceiling depends on the verifier's accuracy $v$ and on each problem's $p$.
# A problem with $p = 0.1$ and $v = 0.9$ gives $0.09 / (0.09 + 0.09) = 0.5$: even a verifier that is right
# 90% of the time returns a wrong answer half the time, because wrong samples outnumber right ones nine to
# one. The cell traces the ceiling over the problem set for verifiers from useless ($v = 0.5$) to perfect.

# %%
v_grid = np.linspace(0.5, 1.0, 51)
ceiling_by_v = np.array([testtime.best_of_n_ceiling(p_problems, v).mean()
                         for v in v_grid])
for v in (0.5, 0.7, 0.9, 0.99, 1.0):
    ceiling = ceiling_by_v[np.argmin(np.abs(v_grid - v))]
    print(f"v = {v:<4}: best-of-n ceiling {ceiling:.3f}")
print(f"single-sample accuracy {np.mean(p_problems):.3f}; "
      f"coverage ceiling {np.mean(p_problems > 0):.3f}")

# %% tags=["remove-cell"]
assert math.isclose(testtime.best_of_n_ceiling(0.1, 0.9), 0.5)
_c = {v: ceiling_by_v[np.argmin(np.abs(v_grid - v))] for v in (0.5, 0.9, 0.99, 1.0)}
assert math.isclose(_c[0.5], np.mean(p_problems))
assert math.isclose(_c[1.0], np.mean(p_problems > 0))
assert round(_c[0.9], 2) == 0.24 and round(_c[0.99], 2) == 0.49
assert round(np.mean(p_problems > 0), 2) == 0.77

# %% [markdown]
# A coin-flip verifier ($v = 0.5$) leaves accuracy at the single-sample value. At $v = 0.9$ the ceiling is
# 0.24, and even at $v = 0.99$ it is only 0.49. Only a perfect verifier lifts the ceiling to coverage's,
# the fraction of solvable problems (0.77 in this draw). The hard problems (small $p$) are where a noisy verifier fails, and
# they are exactly the problems where many samples were needed.

# %% tags=["hide-input"]
fig, ax = plotting.new_figure()
imperfect = v_grid < 1.0  # a perfect verifier is a different regime: mark it on its own
ax.plot(v_grid[imperfect], ceiling_by_v[imperfect], color=plotting.PALETTE["green"],
        label="best-of-n ceiling")
ax.plot(1.0, ceiling_by_v[-1], "o", ms=8, color=plotting.PALETTE["green"], mfc="white",
        label="a perfect verifier (v = 1)")
ax.axhline(np.mean(p_problems > 0), color=plotting.PALETTE["black"], lw=1, ls=":",
           label="coverage ceiling")
ax.axhline(np.mean(p_problems), color=plotting.PALETTE["vermillion"], lw=1, ls="--",
           label="one sample")
plotting.label_axes(ax, "Verifier accuracy v [probability]",
                    "Accuracy at large k [fraction]", log="",
                    title="A noisy verifier caps best-of-n")
ax.set_ylim(0, 1)
plotting.legend_outside(ax, "below")
plotting.show(
    fig,
    alt=(
        "Best-of-n ceiling against verifier accuracy from 0.5 to 0.99: it starts at "
        f"the one-sample accuracy {np.mean(p_problems):.2f} and rises slowly to "
        f"{_c[0.9]:.2f} at 0.9 and {_c[0.99]:.2f} at 0.99. A separate open circle at a "
        "perfect verifier, v = 1, sits on the coverage ceiling "
        f"{np.mean(p_problems > 0):.2f}."
    ),
)

# %% [markdown]
# ## A small model with many samples, or a large model with one?
#
# {cite:t}`snell2024scaling` compare, at matched FLOPs, a model that spends extra compute at test time with
# a larger model. They report that test-time compute can beat a 14 times larger model on problems where
# the smaller model already has a non-trivial success rate. A toy version of this comparison needs two
# ingredients.
#
# 1. **Losses** from the Chinchilla law {cite:p}`hoffmann2022training`, `scaling.HOFFMANN_2022`, for a
#    $10^{9}$- and a $1.4 \times 10^{10}$-parameter model, each trained on 20 tokens per parameter.
# 2. **A mapping from loss to success**, which is our modelling assumption and not a published law. A
#    problem of difficulty $h$ needs $h$ "critical" tokens all right, and each costs the model its
#    reducible loss $L - E$ in log-probability:
#
# $$
# p = e^{-h\,(L - E)}.
# $$ (eq-loss-to-p)
#
# This is the exact-match picture of {cite:t}`schaeffer2023mirage` applied to the reducible loss, so a
# model at the floor $E$ would solve everything. It only puts both models on one scale of difficulty; do
# not read its numbers as benchmark scores.
#
# At equal inference FLOP, by {eq}`eq-test-compute`, the small model may draw 14 samples for each one of
# the large model. The comparison leaves out training: at 20 tokens per parameter the large model cost
# $14^2 = 196$ times more to train, which only strengthens the case for the small one.

# %%
chin = scaling.HOFFMANN_2022
n_small, size_ratio, tokens_per_param = 1e9, 14, 20
n_large = size_ratio * n_small
loss_small = chin.loss(n_small, tokens_per_param * n_small)
loss_large = chin.loss(n_large, tokens_per_param * n_large)
k_small = size_ratio  # small-model samples per large-model sample, at equal FLOP
flops_small = testtime.sampling_flops(n_small, k_small, 500)
flops_large = testtime.sampling_flops(n_large, 1, 500)
train_large = compute.training_flops(n_large, tokens_per_param * n_large)
train_ratio = train_large / compute.training_flops(n_small, tokens_per_param * n_small)
print(f"losses: small {loss_small:.3f}, large {loss_large:.3f} nats/token "
      f"(floor E = {chin.E})")
print(f"inference FLOP per problem (500-token samples): "
      f"small x{k_small} {flops_small:.2e}, "
      f"large x1 {flops_large:.2e}")
print(f"training FLOP ratio large / small: {train_ratio:.0f}")

difficulty = np.linspace(0.1, 12, 300)  # critical tokens h
p_small = testtime.success_probability_from_loss(loss_small, chin.E, difficulty)
p_large = testtime.success_probability_from_loss(loss_large, chin.E, difficulty)
large_one = p_large
small_oracle = testtime.coverage_known_p(p_small, k_small)
small_vote = testtime.majority_vote_accuracy(p_small, k_small, n_wrong)
small_bon = testtime.best_of_n_accuracy(p_small, k_small, verifier_v)


def crossover(curve):
    """The smallest difficulty h at which one large-model answer beats ``curve``."""
    return float(difficulty[np.argmax(large_one > curve)])


for name, curve in (("oracle (coverage)", small_oracle),
                    ("best-of-14, v = 0.9", small_bon),
                    ("majority vote", small_vote)):
    print(f"small x14 with {name:<20} beats the large model for "
          f"h < {crossover(curve):.1f} critical tokens")

# %% tags=["remove-cell"]
assert round(loss_small, 2) == 2.58 and round(loss_large, 2) == 2.09
assert math.isclose(flops_small, flops_large) and round(train_ratio) == 196
assert round(crossover(small_oracle), 1) == 5.3
assert round(crossover(small_bon), 1) == 3.6
assert round(crossover(small_vote), 1) == 1.2
assert np.all(small_oracle[difficulty < 5] > large_one[difficulty < 5])

# %% [markdown]
# The two models reach 2.58 and 2.09 nats/token, and 14 samples of the small one cost exactly as many FLOP
# as one of the large one. With an oracle to pick the right sample, the small model wins on every problem
# up to about 5.3 critical tokens. With a realistic selection rule the advantage shrinks: best-of-14 with a
# 0.9-accurate verifier wins only up to about 3.6, and the majority vote up to 1.2. On harder problems the
# small model rarely produces a correct answer, no rule can select what was never generated, and the larger
# model wins. This reproduces the direction of Snell et al.'s finding, not their numbers: test-time compute
# pays on easy and medium problems, and a better model pays on hard ones.

# %% tags=["hide-input"]
fig, ax = plotting.new_figure()
for curve, colour, name in (
    (large_one, "black", "large (14e9), 1 sample"),
    (small_oracle, "blue", "small (1e9), 14 samples, oracle"),
    (small_bon, "green", "small, best-of-14, v = 0.9"),
    (small_vote, "vermillion", "small, majority of 14"),
):
    ax.plot(difficulty, curve, color=plotting.PALETTE[colour], label=name)
plotting.label_axes(ax, "Difficulty h [critical tokens]",
                    "Success probability [per problem]", log="",
                    title="Equal inference FLOP: who wins depends on difficulty")
ax.set_ylim(0, 1)
ax.legend(loc="upper right")
plotting.show(
    fig,
    alt=(
        "Success probability against problem difficulty from 0 to 12 critical tokens. "
        "The small model with 14 samples and an oracle stays above the large model's "
        f"single answer up to about {crossover(small_oracle):.1f}; with a verifier up "
        f"to {crossover(small_bon):.1f} and with a vote up to "
        f"{crossover(small_vote):.1f}; beyond that the large model is ahead."
    ),
)

# %% [markdown]
# ## A toy solver that runs
#
# Putting the pieces together in code: draw $n$ samples concurrently, ask a verifier to score each, return
# the best-scored answer and the majority answer, and count the FLOP. `testtime.TestTimeSolver` does this
# with stand-ins for the models: `ToyGenerator` answers correctly with probability $p$ (answer `0`),
# otherwise gives one of four wrong answers, and "generates" 400 tokens per sample. `ToyVerifier` replies
# with a score from 0 to 10 *as text*, and 10% of its replies are not a clean number ("Score: 9/10",
# "N/A", a sentence). Each call waits 1 ms to stand for a network round trip, and the solver runs the calls
# concurrently with `asyncio`. Every draw is seeded by the problem and sample index, so results do not
# depend on the order in which the calls finish.

# %%
generator = testtime.ToyGenerator(p=0.3, n_wrong=4, n_params=1e9, tokens_per_sample=400,
                                  latency_s=0.001, seed=0)
verifier = testtime.ToyVerifier(accuracy=0.9, garbled=0.1, n_params=1e9,
                                latency_s=0.001, seed=0)
solver = testtime.TestTimeSolver(generator, verifier, max_concurrency=16)

result = await solver.solve(problem_id=2, n_samples=16)  # noqa: F704 (top-level await)
print(f"votes per answer: {dict(sorted(result.votes.items()))}")
print(f"majority answer: {result.majority_answer}, "
      f"best-of-16 answer: {result.best_of_n_answer} (correct: 0)")
print(f"verifier replies without a usable score: {result.unparsed_scores} "
      f"of {len(result.samples)}")
print(f"compute: generation {result.generation_flops:.2e} "
      f"+ verifier {result.verifier_flops:.2e} "
      f"= {result.total_flops:.2e} FLOP")

# %% tags=["remove-cell"]
_expected = testtime.sampling_flops(1e9, 16, 400, verifier_params=1e9)
assert math.isclose(result.total_flops, _expected)
assert math.isclose(result.total_flops, 2.56e13) and len(result.samples) == 16
assert result.majority_answer == "3"
assert result.votes["3"] == 7 and result.votes["0"] == 4
assert result.best_of_n_answer == "0" and result.unparsed_scores == 1

# %% [markdown]
# On this problem the vote goes wrong: answer 3 has 7 of the 16 votes and the correct 0 only 4. The
# verifier, right 90% of the time, picks out a correct sample, and one of its replies had no usable score.
# The compute is $16 \times 2 \times 10^{9} \times 400$ FLOP for generation plus as much for the verifier,
# $2.56 \times 10^{13}$ FLOP in all, counted from the tokens actually produced and read. The replies the
# parser could not read (`testtime.parse_score` returns `None` for them) rank below every scored sample
# instead of crashing the solver, as `float("N/A")` would.
#
# Run over many problems, the toy solver should match the formulas of the previous sections. The next cell
# solves 400 problems with 16 samples each, concurrently, and compares its hit rates with
# `majority_vote_accuracy` and `best_of_n_accuracy` at $p = 0.3$.

# %%
clean_verifier = testtime.ToyVerifier(accuracy=0.9, garbled=0.0, n_params=1e9,
                                      latency_s=0.001, seed=0)
clean_solver = testtime.TestTimeSolver(generator, clean_verifier, max_concurrency=64)
start = time.perf_counter()
solving = (clean_solver.solve(i, 16) for i in range(400))
results = await asyncio.gather(*solving)  # noqa: F704
elapsed = time.perf_counter() - start
vote_rate = np.mean([r.majority_answer == "0" for r in results])
bon_rate = np.mean([r.best_of_n_answer == "0" for r in results])
print(f"400 problems x 16 samples in {elapsed:.2f} s")
vote_formula = testtime.majority_vote_accuracy(0.3, 16, 4)
bon_formula = testtime.best_of_n_accuracy(0.3, 16, 0.9)
print(f"majority vote: solver {vote_rate:.3f}, formula {vote_formula:.3f}")
print(f"best-of-16:    solver {bon_rate:.3f}, formula {bon_formula:.3f}")

# %% tags=["remove-cell"]
assert abs(vote_rate - testtime.majority_vote_accuracy(0.3, 16, 4)) < 0.05
assert abs(bon_rate - testtime.best_of_n_accuracy(0.3, 16, 0.9)) < 0.05

# %% [markdown]
# The solver's hit rates agree with the exact formulas to within the sampling noise of 400 problems. The
# code and the analysis describe the same thing.
#
# ```{exercise}
# :label: ex-bon-ceiling
#
# A problem has $p = 0.05$. How accurate must a verifier be for the best-of-n ceiling
# {eq}`eq-bon-ceiling` to reach 0.5? Check your answer with `testtime.best_of_n_ceiling`.
# ```
#
# ```{solution} ex-bon-ceiling
# :class: dropdown
#
# The ceiling is 0.5 when $p v = (1-p)(1-v)$, that is $v = 1 - p = 0.95$.
# `testtime.best_of_n_ceiling(0.05, 0.95)` returns 0.5. A problem that is solved once in 20 samples needs
# a verifier that is right 95% of the time just to make best-of-n a coin flip.
# ```

# %% tags=["remove-cell"]
assert math.isclose(testtime.best_of_n_ceiling(0.05, 0.95), 0.5)

# %% [markdown]
# ## Explore: the number of samples
#
# Move the slider to choose how many samples each problem gets, from 1 to 1,024. The figure shows coverage,
# best-of-k and the majority vote on the 500 simulated problems, with the chosen $k$ marked. Everything
# else is fixed at the values used above: Beta(0.4, 4) success probabilities on the 80% of problems that
# are solvable, $m = 4$ wrong answers and a verifier with $v = 0.9$.

# %% tags=["hide-input"]
# The curves of the selection section, 1 to 1024 samples (an exact vote is slow beyond).
k_slider, vote_slider, bon_slider = k_select, vote_curve, bon_curve
cov_slider = cov_curve


def draw_samples(k):
    """Coverage, best-of-k and vote against samples, with a marker at ``k`` samples."""
    i = int(np.searchsorted(k_slider, k))
    fig, ax = plotting.new_figure()
    for curve, colour, marker, name in (
        (cov_slider, "blue", "o", "coverage"),
        (bon_slider, "green", "s", "best-of-k, v = 0.9"),
        (vote_slider, "vermillion", "^", "majority vote, m = 4"),
    ):
        ax.plot(k_slider, curve, "-", color=plotting.PALETTE[colour], label=name)
        ax.plot(k, curve[i], marker, ms=10, color=plotting.PALETTE[colour])
    ax.axvline(k, color=plotting.PALETTE["black"], lw=1, ls=":")
    title = (f"k = {k}: coverage {cov_slider[i]:.2f}, best-of-k {bon_slider[i]:.2f}, "
             f"vote {vote_slider[i]:.2f}")
    plotting.label_axes(ax, "Samples per problem k [samples]",
                        "Accuracy [fraction of problems]", log="x", title=title)
    ax.set_ylim(0, 1)
    plotting.legend_outside(ax, "below", ncols=3)
    return plotting.show(
        fig,
        alt=(
            "Coverage, best-of-k and majority-vote accuracy against samples from 1 to "
            f"1024, marked at k = {k}: coverage {cov_slider[i]:.2f}, best-of-k "
            f"{bon_slider[i]:.2f}, vote {vote_slider[i]:.2f}."
        ),
    )


widgets.explorer(draw_samples, k_slider, label="Samples k [samples]",
                 fmt=lambda k: f"{k} samples", start=4)

# %% tags=["remove-cell"]
assert len(k_slider) == 11 and k_slider[0] == 1 and k_slider[-1] == 1024
assert round(bon_slider[-1], 2) == round(bon_ceiling, 2) and cov_slider[-1] < solvable

# %% [markdown]
# ## Summary
#
# - Test-time compute is $k \cdot 2N\ell$ FLOP for $k$ samples of $\ell$ tokens, plus $k \cdot 2N_v\ell$
#   for a verifier: the same 64 samples can cost 140 times more depending on the models.
# - Estimate pass@k with the unbiased estimator of Chen et al., in its product form. Plugging $c/n$ into
#   $1-(1-p)^k$ was 18% too low in our example, and floating-point binomials fail at $n = 10{,}000$.
# - Over a problem set with a spread of difficulties, coverage grows roughly log-linearly with the number
#   of samples and saturates at the fraction of solvable problems.
# - Without an oracle, majority voting and best-of-n level off far below coverage (0.11 and 0.24 against
#   0.68 with 1,024 samples in our simulation). The vote's ceiling is the fraction of problems where the right answer is the
#   most likely one; best-of-n's is the verifier's precision, which is low on hard problems.
# - At equal inference FLOP, many samples from a small model beat one from a 14 times larger model on easy
#   problems and lose on hard ones, and the crossover moves to easier problems when the selection rule is
#   realistic rather than an oracle.
#
# ## Exercises
#
# <a href="exercises.html#set-04_test_time_compute">Exercise set 4</a> opens in Binder, Colab or a JupyterHub
# from its row on the Exercises page; in a clone of the repository it is
# `exercises/04_test_time_compute.ipynb`. It has four graded tasks:
#
# - `pass_at_k(n, c, k)`: the unbiased estimator in its numerically stable form;
# - `expected_coverage(a, b, k)`: coverage for a Beta distribution of success probabilities;
# - `majority_vote_accuracy(p, k, n_wrong)`: the exact accuracy of a vote for small $k$;
# - `best_of_n_flops(n_params, samples, tokens, verifier_params)`: the FLOP of a best-of-n strategy.

# %% tags=["remove-cell"]
# Summary numbers, pinned once more against the helpers.
assert math.isclose(strategies["70e9 model + 70e9 verifier"] / small_64, 140)
assert round(100 * (1 - mean_plug_in / truth)) == 18
_ends = (round(vote_curve[-1], 2), round(bon_curve[-1], 2), round(cov_curve[-1], 2))
assert _ends == (0.11, 0.24, 0.68)
assert size_ratio == 14
