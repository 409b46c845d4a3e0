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
# # Notation and units
#
# Most wrong numbers about scaling laws are unit errors: a count of operations read as a rate, a
# PF-day read as a petaFLOP, nats compared with bits. This page lists every symbol the book uses. Each
# has one meaning and one unit throughout, and every axis label names its unit.
#
# Two conventions belong to one paper and appear only where that paper's laws are used, which the
# chapter says where it happens. {cite:t}`kaplan2020scaling` count **non-embedding** parameters and
# state compute in **PF-days**; chapter 1 follows them. Everywhere else $N$ counts all parameters,
# embeddings included, as {cite:t}`hoffmann2022training` do, and compute is in FLOP.
#
# ## Models, data and compute
#
# | symbol | meaning | unit | chapters |
# |---|---|---|---|
# | $N$ | parameters of a model: all of them, embeddings included (chapter 1: non-embedding, as Kaplan et al. count) | parameters | all |
# | $D$ | training tokens | tokens | all |
# | $C$ | training compute, $C \approx 6ND$ | FLOP (a count) | all |
# | $C_\text{min}$ | Kaplan et al.'s compute of a run at a batch well below the critical one | PF-days | 1 |
# | $I$ | tokens a model processes in inference over its life | tokens | 2, 3 |
# | $C_\text{life}$ | lifetime compute, training plus inference: $6ND + 2NI$ | FLOP | 2, 3 |
# | $C_\text{test}$ | test-time compute spent on one problem | FLOP | 4 |
# | $N_\text{active}$ | parameters one token passes through in a mixture-of-experts model | parameters | 3 |
# | $N_v$ | parameters of a verifier model | parameters | 4 |
# | $n_\text{layer}$, $n_\text{ctx}$ | layers of a Transformer; tokens in its context | count; tokens | 1, 2 |
# | $d_\text{model}$, $d_\text{attn}$ | width of a Transformer's residual stream and of its attention | numbers per token | 1, 2 |
#
# ## Loss and scaling laws
#
# | symbol | meaning | unit | chapters |
# |---|---|---|---|
# | $L$ | loss: cross-entropy of the next token on held-out text | nats per token | all |
# | $\hat L$ | the loss a fitted law predicts | nats per token | 2 |
# | $E$ | irreducible loss, the part no model can remove | nats per token | 1, 2, 4, 7, 8 |
# | $A$, $B$ | coefficients of the parameter and data terms $A/N^{\alpha}$ and $B/D^{\beta}$ (chapter 1: of any power law $y = A\,x^{-\alpha}$) | nats per token at $N = 1$, $D = 1$ | 1, 2, 3, 8 |
# | $\alpha$, $\beta$ | exponents of the parameter and data terms: how fast each falls | dimensionless | 1, 2, 5, 7, 8 |
# | $\alpha_N$, $\alpha_D$, $\alpha_C^\text{min}$ | Kaplan et al.'s exponents for $N$, $D$ and $C_\text{min}$ | dimensionless | 1, 5 |
# | $N_c$, $D_c$, $C_c^\text{min}$ | Kaplan et al.'s scale constants | non-embedding parameters; tokens; PF-days | 1, 5 |
# | $X$, $X_c$, $\alpha_X$ | any one of $N$, $D$, $C_\text{min}$, with its constant and exponent | as $N$, $D$, $C_\text{min}$ | 1 |
# | $N^*$, $D^*$, $C^*$, $L^*$ | where Kaplan et al. expect their laws to break down | non-embedding parameters; tokens; PF-days; nats per token | 1 |
# | $x$, $y$ | the input and output of a power law in general | any | 1 |
# | $N_\text{opt}$, $D_\text{opt}$ | the size and tokens with the lowest loss for a budget $C$ | parameters; tokens | 2, 6, 8 |
# | $a$, $b$ | exponents of the budget in $N_\text{opt} \propto C^{a}$ and $D_\text{opt} \propto C^{b}$ (Hoffmann et al.'s names) | dimensionless | 2 |
# | $G$ | constant of the efficient frontier, $N_\text{opt} = G\,(C/6)^{a}$ | parameters per FLOP$^{a}$ | 2 |
# | $\Delta_i$ | residual of run $i$: $\log \hat L_i - \log L_i$ | dimensionless | 2 |
# | $R^2$ | share of the variance of the logarithm of the loss that a fit explains | fraction | 1, 8 |
# | $\delta$ | threshold of the Huber loss | dimensionless | 2 |
#
# ## Hardware, time and cost
#
# | symbol | meaning | unit | chapters |
# |---|---|---|---|
# | $P_\text{peak}$ | dense peak arithmetic rate of one accelerator | FLOP/s | 3, 6 |
# | $\text{BW}$ | memory bandwidth of one accelerator | bytes/s | 3 |
# | MFU | model FLOPs utilisation: the model's FLOP/s over the accelerators' peak | fraction | 3, 6, 8 |
# | $T$ | wall-clock time of a run | s | 3 |
# | $T_\text{acc}$ | accelerator time of a run, summed over its accelerators | accelerator-hours | 3 |
# | $n_\text{acc}$ | accelerators a run uses | count | 3 |
# | $n_\text{batch}$, $n_\text{batch}^{*}$ | sequences decoded in one step; the ridge batch, above which arithmetic limits the rate | sequences | 3 |
# | $n_\text{bytes}$ | bytes that store one parameter | bytes | 3 |
#
# ## Energy, carbon and data
#
# | symbol | meaning | unit | chapters |
# |---|---|---|---|
# | $Q$, $Q_0$ | energy; the energy of the frontier run in year $t_0$ | MWh | 6 |
# | TDP | board power of one accelerator | W | 6 |
# | $f_\text{draw}$ | the accelerators' average draw, as a fraction of their TDP | fraction | 6 |
# | $f_\text{server}$ | power of servers and network per watt of accelerator power | dimensionless | 6 |
# | PUE | power usage effectiveness: facility energy over IT energy | dimensionless | 6 |
# | $\gamma$ | carbon intensity of electricity | kg CO2e per kWh | 6 |
# | $g$ | growth factor of frontier training compute per year | per year | 6, 7 |
# | $g_\text{eff}$ | growth factor of peak FLOP per joule per year | per year | 6 |
# | $t$, $t_0$, $t^{*}$, $t_m$ | calendar year; a starting year; the year the stock of text runs out; the midpoint of a logistic trend | years | 6, 7 |
# | $C_0$ | training compute of the frontier run in year $t_0$ | FLOP | 6 |
# | $S$ | effective stock of public human text | tokens | 6 |
# | $\rho$ | tokens per parameter of a compute-optimal run | tokens per parameter | 6 |
# | $\kappa$ | over-training factor: $\kappa\rho$ tokens per parameter, 1 is compute-optimal | dimensionless | 6 |
# | $\mu$ | factor by which the usable stock grows | dimensionless | 6 |
#
# ## Samples, answers and scores
#
# | symbol | meaning | unit | chapters |
# |---|---|---|---|
# | $k$ | samples drawn for one problem, as in pass@k | samples | 4 |
# | $n$ | trials: samples drawn to estimate pass@k, test items, or forecasts | count | 4, 5, 7 |
# | $c$ | correct ones among the $n$ trials | count | 4, 5 |
# | $p$ | probability that one sample (chapter 4) or one token (chapter 5) is correct | probability | 4, 5 |
# | $\hat p$ | the estimate $c/n$ | probability | 4, 5 |
# | $q$ | probability a model gives an answer option, or a forecaster an event | probability | 5, 7 |
# | $\ell$ | length of one sample or answer | tokens | 4, 5 |
# | $s$ | fraction of problems that can be solved at all | fraction | 4 |
# | $a_p$, $b_p$ | shape parameters of the Beta distribution of $p$ over problems | dimensionless | 4 |
# | $\operatorname{Beta}$ | the Beta function and distribution | dimensionless | 4 |
# | $m$ | distinct wrong answers a problem has | count | 4 |
# | $v$ | accuracy of a verifier | probability | 4 |
# | $h$ | difficulty: how many critical tokens a problem needs | tokens | 4, 5 |
# | $L_\text{CE}$ | per-token cross-entropy on the answer tokens of a task | nats per token | 5 |
# | $N_0$ | size at which $L_\text{CE}$ is 1 nat per token | parameters | 5 |
# | $\theta$ | score a model must reach to count an ability as present | fraction | 5 |
# | $N_\theta$ | size at which exact match reaches $\theta$ | parameters | 5 |
# | $n_\text{choice}$ | options of a multiple-choice question | count | 5 |
# | $z$ | quantile of the normal distribution, 1.96 for 95% | dimensionless | 5 |
#
# ## Forecasts
#
# | symbol | meaning | unit | chapters |
# |---|---|---|---|
# | $\tau$ | doubling time | months | 7 |
# | $r$, $r_0$ | rating of a capability domain; its value in year $t_0$ | points from 0 to 10 | 7 |
# | $\dot r$ | slope of a straight-line rating trend | points per year | 7 |
# | $\lambda$ | growth rate of the log-odds of a rating | per year | 7 |
# | $o_i$ | outcome of forecast $i$ | 1 if it happened, else 0 | 7 |
# | BS | Brier score | dimensionless | 5, 7 |
#
# ## The toy language of chapter 8
#
# | symbol | meaning | unit | chapters |
# |---|---|---|---|
# | $V$ | vocabulary size | tokens | 8 |
# | $\varepsilon$ | noise: probability that the third token of a sentence is random | probability | 8 |
# | $\zeta$ | Zipf exponent minus one: the context of rank $j$ has probability $\propto j^{-(1+\zeta)}$ | dimensionless | 8 |
# | $\pi_j$ | probability of the context of frequency rank $j$ | probability | 8 |
# | $p_\text{target}$ | probability of a rule's target token | probability | 8 |
# | $H$ | entropy per predicted token | nats per token | 8 |
# | $d_\text{emb}$ | embedding width of the tiny models | numbers per token | 8 |
# | $w$ | hidden width of the tiny models | units | 8 |
#
# Everything else is standard: $i$ and $j$ index runs, problems and ranks; $e$ is Euler's number; log
# and ln are natural logarithms (on log-log axes the base does not change a slope); LSE is log-sum-exp;
# pass@k is a name, not a product.
#
# ## Counting operations versus running them
#
# A **FLOP** is one floating-point operation, and "FLOP" as a unit counts them. **FLOP/s** is a rate,
# how many operations a chip performs per second. A budget in FLOP divided by a rate in FLOP/s gives
# seconds.
#
# A **PF-day** is a count too: a petaFLOP per second ($10^{15}$ FLOP/s) sustained for one day. Kaplan et
# al. state compute in PF-days. Training GPT-3 took $6ND$ FLOP with the $174.6 \times 10^{9}$ parameters and
# $300 \times 10^{9}$ tokens of Table D.1 of {cite:t}`brown2020language`; the book computes that number once,
# in `helpers.compute`. The cell converts it between the units with `helpers.units`.

# %%
from helpers import compute, units

gpt3 = compute.GPT3_TRAINING_FLOP  # 6 N D with Table D.1's N and D
print(f"1 PF-day = 1e15 FLOP/s x {units.SECONDS_PER_DAY:,} s "
      f"= {units.FLOP_PER_PF_DAY:.3g} FLOP")
print(f"GPT-3: {gpt3:.3g} FLOP = {gpt3 / 1e15:.3g} PFLOP (petaFLOP, a count)")
print(f"     = {round(units.flop_to_pf_days(gpt3), -1):,.0f} PF-days")

# %% tags=["remove-cell"]
assert units.FLOP_PER_PF_DAY == 8.64e19
assert f"{gpt3:.3g}" == "3.14e+23" and round(units.flop_to_pf_days(gpt3), -1) == 3640

# %% [markdown]
# ```{admonition} Common mistake: PF-days are not PFLOP
# :class: warning
# GPT-3's $3.14 \times 10^{23}$ FLOP is $3.14 \times 10^{8}$ PFLOP and about 3,640 PF-days, as
# Table D.1 lists it. Quoting it as "3.14e3 PFLOP" mixes the two units, and the result is $10^5$ times
# too small.
# ```
#
# ## Nats and bits
#
# Loss is the average negative log-probability the model assigns to the next token. With natural logs it
# is in **nats**; with base-2 logs, in **bits**. One nat is $1/\ln 2$ bits. A loss of $L$ nats per token
# means the model gives the right token probability $e^{-L}$ on (geometric) average.

# %%
import math

for loss in (2.0, 1.69):
    print(f"{loss} nats/token = {loss / math.log(2):.3f} bits/token; the right token's "
          f"probability, geometric mean: {math.exp(-loss):.3f}")

# %% tags=["remove-cell"]
assert round(2.0 / math.log(2), 3) == 2.885
assert round(math.exp(-1.69), 3) == 0.185

# %% [markdown]
# Losses can only be compared on the same text with the same tokenizer: a tokenizer that cuts text
# into fewer, longer tokens has more information per token and a higher loss per token. This is one reason
# Kaplan's constants (WebText2, GPT-2 tokenizer) and Hoffmann's (MassiveText, SentencePiece) differ.
