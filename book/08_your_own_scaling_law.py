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
# # Run your own scaling law, on a laptop, in minutes
#
# Every law in this book so far was measured by someone else, on clusters you cannot rerun. This chapter
# lets you measure one yourself. You will train 28 tiny language models on a CPU, sweep their size and
# their data, and fit chapter 2's law $L(N, D) = E + A/N^\alpha + B/D^\beta$ to your own points. The toy
# world has one advantage over real text: we know its irreducible loss exactly, so we can check whether the
# fitted $E$ is right. The chapter covers:
#
# - a synthetic language whose entropy per token is known exactly, and which always has more to learn;
# - a family of tiny models, their parameters and their training FLOP, counted two ways;
# - the sweep: 7 sizes x 4 data sizes, shipped as a CSV, and a quick version you can rerun here;
# - the fit, the IsoFLOP curves, the compute-optimal frontier and tokens per parameter in this world;
# - your own MFU: how much of this machine's matrix-multiply speed the trainer uses;
# - what transfers from this toy to real LLMs, and what does not.
#
# Units: $N$ counts all parameters (embeddings included, as in {cite:t}`hoffmann2022training`), $D$ counts
# training tokens, the loss is in nats per predicted token, compute is in FLOP (a count) and speed in
# FLOP/s (a rate).

# %%
import numpy as np

from helpers import compute, experiment, plotting, scaling, widgets

# %% [markdown]
# ## A language whose entropy we know
#
# Real text has an unknown irreducible loss: nobody knows the true entropy of English. To test a fitted $E$
# we need a language where we do. The quantization model of neural scaling {cite:p}`michaud2023quantization`
# suggests one. A model's skill is a long list of separate pieces ("quanta") that it learns one at a
# time, the most useful first. If their usefulness follows a Zipf law, learning them one by one gives a
# loss that falls as a power law.
#
# Our language is built that way. A sentence has three tokens from a vocabulary of $V = 64$. The first two
# are a *context*, and each of the $V^2 = 4096$ contexts is a rule that names one target token. The context
# of frequency rank $j$ appears with probability
#
# $$
# \pi_j = \frac{j^{-(1 + \zeta)}}{\sum_{i=1}^{V^2} i^{-(1 + \zeta)}}, \qquad \zeta = 0.5.
# $$ (eq-zipf-rules)
#
# The third token is the rule's target with probability $1 - \varepsilon$, and a uniformly random token
# with probability $\varepsilon = 0.3$. That noise is what no model can learn. Given the context, the
# target has probability $p_\text{target} = 1 - \varepsilon + \varepsilon/V$ and each other token
# $\varepsilon / V$, whatever the rule, so the entropy per predicted token is exactly
#
# $$
# H = -p_\text{target} \ln p_\text{target} - (V - 1)\,\frac{\varepsilon}{V} \ln \frac{\varepsilon}{V}.
# $$ (eq-language-entropy)
#
# The cell computes $H$ and checks it against a sample: the mean surprisal of 200,000 sentences, minus the
# logarithm of the probability the language gives each next token after its context.

# %%
language = experiment.FULL_SWEEP.language
entropy = language.entropy()
contexts, next_tokens = language.sample(200_000, np.random.default_rng(1))
true_p = language.next_token_distribution()
context_index = contexts[:, 0] * language.vocab_size + contexts[:, 1]
surprisal = -np.log(true_p[context_index, next_tokens])
rule_probs, _ = language.tables()
print(f"V = {language.vocab_size}, contexts = {language.n_contexts:,}, "
      f"noise = {language.noise}, Zipf exponent 1 + zeta = "
      f"{1 + language.zipf_exponent}")
print(f"exact entropy H:         {entropy:.4f} nats/token")
standard_error = surprisal.std() / np.sqrt(surprisal.size)
print(f"sample mean surprisal:   {surprisal.mean():.4f} +- {standard_error:.4f}")
print(f"a model that knows no rule (uniform): ln V = {np.log(language.vocab_size):.4f} "
      "nats/token")
print(f"most frequent rule: pi = {rule_probs.max():.3f}; "
      f"rarest: pi = {rule_probs.min():.2e}")

# %% tags=["remove-cell"]
assert round(entropy, 3) == 1.830 and language.n_contexts == 4096
assert (language.vocab_size, language.zipf_exponent, language.noise) == (64, 0.5, 0.3)
assert len(experiment.FULL_SWEEP.widths) == 7 and len(experiment.FULL_SWEEP.tokens) == 4
assert abs(surprisal.mean() - entropy) < 5 * standard_error
assert round(np.log(64), 2) == 4.16
assert round(rule_probs.max(), 2) == 0.39 and round(1 / rule_probs.min(), -4) == 680_000
assert round(int(np.sum(rule_probs >= 1 / 500_000)), -2) == 3300
assert round(language.n_contexts - int(np.sum(rule_probs >= 1 / 500_000)), -1) == 750

# %% [markdown]
# So $H = 1.830$ nats/token, against $\ln 64 = 4.16$ for a model that knows no rule. Everything between
# the two is learnable. The most frequent rule covers 39% of sentences, and the rarest about one in
# 680,000. In half a million tokens, each of the 750 or so rarest rules is expected less than once (the
# figure). There is always a rarer rule left to learn, which is what makes the loss fall as a power law
# instead of stopping.

# %% tags=["hide-input"]
fig, ax = plotting.new_figure()
ranks = np.arange(1, language.n_contexts + 1)
ax.plot(ranks, np.sort(rule_probs)[::-1], color=plotting.PALETTE["blue"],
        label="frequency of each rule")
ax.axhline(1 / 500_000, color=plotting.PALETTE["vermillion"], linestyle="--",
           label="once in 500,000 tokens")
plotting.label_axes(ax, "Frequency rank of the rule [rank]",
                    "Probability of the context [per sentence]")
ax.legend(loc="upper right")
plotting.show(
    fig,
    alt=(
        "Log-log plot of the probability of each of the 4,096 rules against its "
        "frequency rank: a straight line of slope -1.5 from about 0.39 down to about "
        "1.5e-6, crossing the 'once in 500,000 tokens' level near rank 3,300."
    ),
)

# %% [markdown]
# ## A family of tiny models and what they cost
#
# Each model looks up an embedding of $d_\text{emb} = 8$ numbers for each context token, concatenates the
# two, applies one hidden layer of $w$ ReLU units, and outputs $V$ logits. The width $w$ sets the size.
# Counting every array gives
#
# $$
# N = \underbrace{V d_\text{emb}}_{\text{embedding}} + \underbrace{2 d_\text{emb} w + w}_{\text{hidden}}
#     + \underbrace{w V + V}_{\text{output}}.
# $$ (eq-tiny-params)
#
# Training costs about $6 N D$ FLOP {cite:p}`kaplan2020scaling`. The trainer also counts its own FLOP
# exactly: 6 per weight per token in its two matrix products (2 forward, 4 backward). The embedding lookup
# and the biases are not matrix products, so the exact count is below $6ND$, by a lot for the smallest
# models, where the embedding is a large share of $N$.

# %%
print(f"{'width':>6} {'N [params]':>11} {'matmul / 6ND':>13}")
for width in experiment.FULL_SWEEP.widths:
    n = experiment.model_parameters(width)
    share = experiment.matmul_flops_per_token(width) / (6 * n)
    print(f"{width:6d} {n:11,d} {share:13.1%}")
n_range = [experiment.model_parameters(w) for w in experiment.FULL_SWEEP.widths]

# %% tags=["remove-cell"]
assert n_range[0] == 1224 and n_range[-1] == 42048
assert round(n_range[-1] / n_range[0]) == 34
assert round(np.log10(n_range[-1] / n_range[0]), 1) == 1.5
_full, _quick = experiment.FULL_SWEEP, experiment.QUICK_SWEEP
assert _full.tokens[0] == 15_000 and _full.tokens[-1] == 500_000
assert _quick.tokens[0] == 5_000 and _quick.tokens[-1] == 100_000
assert len(_quick.widths) == 5 and len(_quick.tokens) == 4
assert round(experiment.matmul_flops_per_token(8) / (6 * 1224), 2) == 0.52
assert round(experiment.matmul_flops_per_token(512) / (6 * 42048), 2) == 0.97

# %% [markdown]
# The sizes run from 1,224 to 42,048 parameters, a factor of 34 (1.5 decades). For the smallest model the
# matrix products are only 52% of $6ND$; for the largest, 97%. Real LLMs sit at the large end: their
# embeddings are a small share of $N$, and $6ND$ is a good estimate (chapter 3).

# %% [markdown]
# ## The sweep
#
# Each run trains one width on $D$ fresh tokens (one pass, no repeats), with Adam and a cosine learning-rate
# schedule matched to the run's length, as {cite:t}`hoffmann2022training` did. Since we know the language,
# the loss is computed exactly, as the expected cross-entropy over all 4,096 contexts: no test-set noise.
#
# The full sweep is 7 widths x 4 data sizes (15,000 to 500,000 tokens). The book ships its results
# (`python -m helpers.experiment --full --out PATH` rewrites them; the seed is fixed), and this chapter
# reads them. The CSV also records how long each run took on the machine that wrote it.

# %%
runs = experiment.read_results()
n_runs = np.array([r.params for r in runs], dtype=float)
d_runs = np.array([r.tokens for r in runs], dtype=float)
loss_runs = np.array([r.loss for r in runs])
print(f"{len(runs)} runs; loss from {loss_runs.min():.3f} to {loss_runs.max():.3f} "
      "nats/token "
      f"(entropy {entropy:.3f})")
flop_runs = 6 * n_runs * d_runs
print(f"compute from {flop_runs.min():.2e} to {flop_runs.max():.2e} FLOP (6ND)")
print(f"training time of the whole sweep when it was written: "
      f"{sum(r.seconds for r in runs):.0f} s")

# %% tags=["remove-cell"]
assert len(runs) == 28 and loss_runs.min() > entropy
assert round(sum(r.seconds for r in runs)) == 31

# %% [markdown]
# The whole sweep trained in 31 s, on one core of a 2-core machine that other programs were busy with at
# the time. On an idle laptop it takes less; on a busy one, up to a few minutes.

# %% [markdown]
# The next cell reruns the quick sweep (5 widths x 4 data sizes of 5,000 to 100,000 tokens) on *your*
# machine, with a progress bar. It takes a few seconds, and its timings give your MFU below. To rerun the
# full sweep instead, pass `experiment.FULL_SWEEP` (half a minute to two minutes, depending on your CPU and
# what else it runs).

# %%
quick_runs = experiment.run_sweep(experiment.QUICK_SWEEP)
print(f"{len(quick_runs)} quick runs in {sum(r.seconds for r in quick_runs):.1f} s "
      "of training")

# %% tags=["hide-input"]
fig, (ax_d, ax_n) = plotting.new_figure("pair", sharey=True)
widths, token_sizes = experiment.FULL_SWEEP.widths, experiment.FULL_SWEEP.tokens
for width, colour, marker in zip(widths, plotting.ordered_colours(len(widths)),
                                 plotting.MARKERS, strict=False):
    pick = [r for r in runs if r.width == width]
    ax_d.plot([r.tokens for r in pick], [r.loss for r in pick], "-", marker=marker,
              color=colour, label=f"N = {pick[0].params:,}")
token_colours = plotting.ordered_colours(len(token_sizes))
for tokens, colour, marker in zip(token_sizes, token_colours, plotting.MARKERS,
                                  strict=False):
    pick = [r for r in runs if r.tokens == tokens]
    ax_n.plot([r.params for r in pick], [r.loss for r in pick], "-", marker=marker,
              color=colour, label=f"D = {tokens:,}")
for ax in (ax_d, ax_n):
    ax.axhline(entropy, color="grey", linestyle=":", label="exact entropy H")
    plotting.legend_outside(ax, "below", ncols=2)
plotting.label_axes(ax_d, "Training tokens D [tokens]", "Loss [nats/token]",
                    title="One line per model size")
plotting.label_axes(ax_n, "Parameters N [parameters]", "Loss [nats/token]",
                    title="One line per data size")
ax_n.set_ylabel("")
plotting.show(
    fig,
    alt=(
        "Two log-log panels of the 28 measured losses. Left: loss against training "
        "tokens, one falling line per model size. Right: loss against parameters, one "
        "line per data size; with little data the lines flatten early. Every point "
        "lies above the dotted line of the exact entropy, 1.83 nats/token."
    ),
)

# %% [markdown]
# Both panels show the pattern of chapter 2. More data lowers the loss of every model. More parameters help
# only as long as there is data to fill them: with 15,000 tokens, doubling the largest model from 21,312 to
# 42,048 parameters lowers the loss by only 0.004 nats/token.

# %% tags=["remove-cell"]
_loss_at = {(r.params, r.tokens): r.loss for r in runs}
assert round(_loss_at[21312, 15000] - _loss_at[42048, 15000], 3) == 0.004

# %% [markdown]
# ## Fit the law, and check $E$
#
# Now fit $L(N, D) = E + A/N^\alpha + B/D^\beta$ to the 28 points with `scaling.fit_chinchilla`, the
# Approach-3 fitter of chapter 2, and compare the fitted $E$ with the exact entropy.

# %%
own_fit = scaling.fit_chinchilla(n_runs, d_runs, loss_runs).fit
relative_error_e = own_fit.E / entropy - 1
predicted = own_fit.loss(n_runs, d_runs)
log_reducible, log_fitted = np.log(loss_runs - own_fit.E), np.log(predicted - own_fit.E)
residual = np.sum((log_reducible - log_fitted) ** 2)
r2_reducible = 1 - residual / np.sum((log_reducible - log_reducible.mean()) ** 2)
print(f"E = {own_fit.E:.4f}, A = {own_fit.A:.1f}, B = {own_fit.B:.2f}, "
      f"alpha = {own_fit.alpha:.3f}, beta = {own_fit.beta:.3f}")
print(f"exact entropy H = {entropy:.4f}; fitted E is off by {relative_error_e:+.2%}")
print(f"R^2 of log(L - E), measured vs fitted: {r2_reducible:.3f}; "
      f"largest error of the fitted loss: "
      f"{np.max(np.abs(predicted / loss_runs - 1)):.1%}")

# %% tags=["remove-cell"]
assert abs(relative_error_e) < 0.01 and round(own_fit.E, 2) == 1.83
assert round(own_fit.alpha, 2) == 0.94 and round(own_fit.beta, 2) == 0.39
assert r2_reducible >= 0.95
assert round(np.max(np.abs(predicted / loss_runs - 1)), 2) == 0.07
assert (scaling.HOFFMANN_2022.alpha, scaling.HOFFMANN_2022.beta) == (0.34, 0.28)
assert (scaling.HOFFMANN_2022.E, scaling.BESIROGLU_2024.E) == (1.69, 1.82)

# %% [markdown]
# The fitted $E$ is 1.83 nats/token, within 1% of the exact entropy: the law recovered the loss no model
# can beat, from models that never reached it. The fit explains the *reducible* loss $L - E$ well on log
# axes ($R^2 \geq 0.95$), though single points still miss by up to 7% (the smallest model on the least data).
# The exponents are $\alpha = 0.94$ and $\beta = 0.39$: in this world, parameters pay off much faster than
# data, unlike Hoffmann's $\alpha = 0.34$, $\beta = 0.28$.
#
# ```{admonition} A good fit here is not a good fit on real text
# :class: warning
# A good fit of $E$ here does not mean fits of $E$ on real text are this good. Here the points are exact
# expected losses, the sweep covers the regime the law describes, and we chose the language so that the
# law's form fits it. On real data, two fits of the same runs (chapter 2) put $E$ at 1.69 and 1.82
# nats/token, and nobody can say which is right.
# ```

# %% [markdown]
# ## IsoFLOP curves and the compute-optimal frontier
#
# Fix a budget $C = 6ND$ and trade size against data: a bigger model sees fewer tokens. Along such an
# IsoFLOP curve the fitted loss has a minimum, and the minima of all budgets form the compute-optimal
# frontier. Chapter 2 derived it in closed form (`ChinchillaFit.compute_optimal`).

# %%
budgets = np.array([1e10, 1e11, 1e12])  # FLOP
n_opt, d_opt = own_fit.compute_optimal(budgets)
for c, n, d in zip(budgets, n_opt, d_opt, strict=True):
    print(f"C = {c:.0e} FLOP: N_opt = {n:6,.0f}, D_opt = {d:10,.0f} tokens, "
          f"{d / n:5.1f} tokens/param, loss {own_fit.loss(n, d):.3f}")

# %% tags=["remove-cell"]
ratio = d_opt / n_opt
assert round(ratio[0]) == 21 and round(ratio[1]) == 54 and round(ratio[2]) == 138
assert (6 * n_runs * d_runs).max() < budgets[2]

# %% [markdown]
# In this world the best ratio of tokens to parameters is not a constant: it grows from about 21 at
# $10^{10}$ FLOP to 54 at $10^{11}$ and 138 at $10^{12}$ (the last budget is beyond the largest run, so that
# one is an extrapolation). The optimal $N$ grows as $C^{\beta/(\alpha+\beta)}$ and $D$ as
# $C^{\alpha/(\alpha+\beta)}$ (chapter 2), so their ratio grows as $C^{(\alpha-\beta)/(\alpha+\beta)}$.

# %%
def ratio_growth(fit):
    """Exponent of C in D_opt / N_opt: (alpha - beta) / (alpha + beta)."""
    return (fit.alpha - fit.beta) / (fit.alpha + fit.beta)


print(f"this toy world:  D_opt / N_opt grows as C^{ratio_growth(own_fit):.2f}")
hoffmann_growth = ratio_growth(scaling.HOFFMANN_2022)
print(f"Hoffmann et al.: D_opt / N_opt grows as C^{hoffmann_growth:.2f}")

# %% tags=["remove-cell"]
assert round(ratio_growth(own_fit), 2) == 0.41 and round(hoffmann_growth, 2) == 0.10

# %% [markdown]
# Here $\alpha$ is much larger than $\beta$, so the ratio grows as $C^{0.41}$: every tenfold budget wants
# about 2.6 times more tokens per parameter. In Hoffmann et al.'s fit the exponents are close, so the ratio
# grows only as $C^{0.10}$ and one rule of thumb can serve over a wide range of budgets (chapter 2 discusses
# which number). Either way the ratio is a property of the data and the models, not a law of nature.

# %% tags=["remove-cell"]
assert round(10 ** ratio_growth(own_fit), 1) == 2.6

# %% tags=["hide-input"]
n_grid = np.geomspace(500, 3e5, 300)
n_largest_run = n_runs.max()  # beyond it (shaded) the fitted law is extrapolated
c_largest_run = (6 * n_runs * d_runs).max()


def shade_extrapolation(ax):
    """Grey the sizes larger than any model in the sweep."""
    ax.axvspan(n_largest_run, n_grid[-1], color="grey", alpha=0.12,
               label="larger than any run: extrapolated")


fig, ax = plotting.new_figure("wide")
for c, n_c, d_c, colour, marker in zip(budgets, n_opt, d_opt,
                                       plotting.ordered_colours(len(budgets)),
                                       plotting.MARKERS, strict=False):
    ax.plot(n_grid, own_fit.loss(n_grid, c / (6 * n_grid)), color=colour,
            label=f"C = {plotting.number_label(c)} FLOP")
    ax.plot(n_c, own_fit.loss(n_c, d_c), marker, ms=8, color=colour)
c_line = np.geomspace(3e9, 3e12, 50)
n_line, d_line = own_fit.compute_optimal(c_line)
ax.plot(n_line, own_fit.loss(n_line, d_line), color="black", linestyle="--",
        label="compute-optimal frontier")
ax.axhline(entropy, color="grey", linestyle=":", label="exact entropy H")
shade_extrapolation(ax)
ax.set_ylim(entropy * 0.98, 2.6)
plotting.label_axes(ax, "Parameters N [parameters]", "Fitted loss [nats/token]")
plotting.legend_outside(ax, "right")
plotting.show(
    fig,
    alt=(
        "Fitted loss against model size along three IsoFLOP curves (1e10, 1e11 and "
        "1e12 FLOP). Each curve is a valley with its minimum marked; a dashed frontier "
        "joins the minima, moving to larger models and lower loss as the budget grows, "
        "and staying above the dotted exact entropy. Sizes above the largest model of "
        "the sweep, 42,048 parameters, are shaded as an extrapolation, and so is the "
        "whole 1e12 curve."
    ),
)

# %% tags=["remove-cell"]
assert n_largest_run == 42048 and budgets[2] > c_largest_run

# %% [markdown]
# Move the slider to choose a budget. The explorer draws its IsoFLOP curve, the best size on it, and the
# tokens per parameter there. Budgets above the largest run of the sweep, and sizes above its largest
# model (shaded), are extrapolations of the fitted law.

# %% tags=["hide-input"]
def draw_isoflop(c):
    """The fitted IsoFLOP curve at budget ``c`` [FLOP], with its best size marked."""
    n_best, d_best = own_fit.compute_optimal(c)
    fig, ax = plotting.new_figure("wide")
    ax.plot(n_grid, own_fit.loss(n_grid, c / (6 * n_grid)),
            color=plotting.PALETTE["blue"], label="IsoFLOP curve")
    ax.plot(n_best, own_fit.loss(n_best, d_best), "o",
            color=plotting.PALETTE["vermillion"],
            label=f"best: N = {n_best:,.0f},\n{d_best / n_best:.0f} tokens/parameter")
    ax.axhline(entropy, color="grey", linestyle=":", label="exact entropy H")
    shade_extrapolation(ax)
    ax.set_ylim(entropy * 0.98, 2.6)
    beyond = " (beyond the largest run)" if c > c_largest_run else ""
    plotting.label_axes(ax, "Parameters N [parameters]", "Fitted loss [nats/token]",
                        title=f"C = {float(f'{c:.2g}'):.1e} FLOP{beyond}")
    plotting.legend_outside(ax, "right")
    return plotting.show(
        fig,
        alt=(
            f"Fitted loss against model size at a budget of {c:.1e} FLOP: a valley "
            f"whose lowest point, at {n_best:,.0f} parameters and "
            f"{d_best / n_best:.0f} tokens per parameter, is marked; sizes above "
            f"42,048 parameters are shaded as extrapolated{beyond}."
        ),
    )


widgets.explorer(draw_isoflop, list(np.geomspace(1e9, 1e12, 7)), label="Budget [FLOP]",
                 fmt="{:.1e}".format)

# %% [markdown]
# ## Your own MFU
#
# Chapter 3 defined model FLOPs utilisation as the share of the peak rate a training run achieves. On a
# CPU there is no datasheet peak we can trust, so take this machine's measured rate for a large float32
# matrix product as its practical peak (`compute.measure_matmul_flops`, from chapter 3, on one BLAS thread,
# like the trainer). Then divide the trainer's achieved rate, its counted FLOP over its training time, by it.
# These numbers change from run to run, and more so on a shared machine: they are printed, never written
# into the text.

# %%
with experiment.single_threaded_blas():
    peak = compute.measure_matmul_flops(512, "float32")
achieved = sum(r.flops_counted for r in quick_runs) / sum(r.seconds for r in quick_runs)
most_tokens = [r for r in quick_runs if r.tokens == max(experiment.QUICK_SWEEP.tokens)]
smallest = min(most_tokens, key=lambda r: r.params)
largest = max(most_tokens, key=lambda r: r.params)
print(f"this machine, 512 x 512 float32 product, one thread: {peak / 1e9:6.2f} GFLOP/s")
print(f"trainer, whole quick sweep:                         {achieved / 1e9:6.2f} "
      f"GFLOP/s -> MFU {achieved / peak:.0%}")
for label, run in (("smallest", smallest), ("largest", largest)):
    rate = run.flops_per_second
    print(f"trainer, {label} model, N = {run.params:6,}, D = {run.tokens:7,}: "
          f"{rate / 1e9:6.2f} GFLOP/s -> MFU {rate / peak:.0%}")

# %% [markdown]
# The trainer reaches only a fraction of the peak, and on most machines the smallest models reach the
# least. Their matrices are a few dozen to a few hundred numbers wide, so the fixed cost of each numpy call,
# the embedding gradient and the Adam update take much of the time. That is the effect chapter 3 measured
# for small matrix products, and the reason real training runs use large batches and wide layers.

# %% [markdown]
# ## What transfers to real LLMs, and what does not
#
# **What transfers.** The method: a grid of sizes and data sizes, one run per point with a schedule matched
# to its length, a fit of the parametric law, and the frontier read off the fit. The shape of the results:
# loss falls as a power law in $N$ and in $D$ towards a floor; extra parameters are wasted without data;
# the best split of a budget follows from the exponents. And the warning of chapter 1: a fit is only as
# good as the range it was measured on.
#
# **What does not transfer.** The numbers. Our exponents, $E$ and tokens per parameter describe a toy
# language of 4,096 memorised rules, not text. Real models learn shared structure (grammar, facts that
# combine), not a lookup table, and their losses are measured on held-out text with sampling noise. Our
# models are two-layer MLPs, not Transformers, and the largest has 42,048 parameters, tiny next to any
# LLM. The known entropy is the luxury that made the check of $E$ possible, and real data never offers it.
#
# **One seed per point.** Each point of the sweep is a single run. The cell below reruns one of them with
# another seed (other initial weights, other data): compare the change with the gaps between neighbouring
# sizes in the figures. Real sweeps face the same noise, at a far higher price per rerun.

# %%
w_check, d_check = experiment.FULL_SWEEP.widths[2], experiment.FULL_SWEEP.tokens[1]
shipped_loss = next(r.loss for r in runs if (r.width, r.tokens) == (w_check, d_check))
other_seed = experiment.train_model(w_check, d_check, language, seed=1).loss
print(f"N = {experiment.model_parameters(w_check):,}, D = {d_check:,}: "
      f"seed 0 -> {shipped_loss:.4f}, seed 1 -> {other_seed:.4f} nats/token "
      f"({other_seed / shipped_loss - 1:+.2%})")

# %% [markdown]
# ```{exercise}
# :label: ex-own-law-noise
# If the noise $\varepsilon$ were 0.1 instead of 0.3, would the exact entropy be higher or lower, and which
# fitted parameter of the law should move most?
# ```
#
# ```{solution} ex-own-law-noise
# :class: dropdown
# Lower: less noise makes the next token more predictable (`experiment.true_entropy(64, 0.1)` is about
# 0.73 nats/token against 1.83). The floor $E$ should follow it down. The reducible part changes less:
# it is set by how many rules are learned, which depends on their Zipf frequencies, not on the noise.
# ```

# %% tags=["remove-cell"]
assert round(experiment.true_entropy(64, 0.1), 2) == 0.73

# %% [markdown]
# ## Exercises
#
# <a href="exercises.html#set-08_your_own_scaling_law">Exercise set 8</a> opens in Binder, Colab or a
# JupyterHub from its row on the Exercises page; in a clone of the repository it is
# `exercises/08_your_own_scaling_law.ipynb`. It has four graded tasks:
#
# - `count_params_and_flops(width, vocab_size, embed_dim, tokens)`: the parameters of the tiny model, and its
#   training FLOP counted as $6ND$ and as matrix products only;
# - `compute_optimal_size(law, budget)`: the compute-optimal $N$ and $D$ of a fitted law at a budget;
# - `predict_loss(law, n, d)`: the loss the law predicts for a configuration you have not trained;
# - `exact_entropy(vocab_size, noise)`: the floor no model of the toy language can go below.
