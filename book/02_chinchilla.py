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
# # Chinchilla: spending a compute budget well
#
# Chapter 1 asked how loss falls as one resource grows. This chapter asks the practical question behind
# every large training run: with a fixed compute budget, how big should the model be, and on how many
# tokens should it train? {cite:t}`hoffmann2022training` answered it with more than 400 runs and a model
# they called Chinchilla. This chapter rebuilds their answer:
#
# - where the rule $C \approx 6ND$ comes from, and how accurate it is;
# - the parametric law $L(N, D) = E + A/N^{\alpha} + B/D^{\beta}$ and what each term means;
# - the closed-form *efficient frontier*: the best $N$ and $D$ for any budget;
# - the three ways Hoffmann et al. estimated it, and why their third one implies a strange number of
#   tokens per parameter;
# - Approach 2 (IsoFLOP curves) and Approach 3 (fitting the law) on simulated runs, with bootstrap
#   intervals;
# - why today's models train far past "20 tokens per parameter", and a lifetime-compute calculator.
#
# Units, as in the rest of the book ({doc}`notation`): $N$ counts all parameters (Hoffmann et al. include
# embeddings), $D$ training tokens, $C$ FLOP (a count of floating-point operations, not a rate) and loss
# nats per token on Hoffmann et al.'s MassiveText data. These losses cannot be compared with Kaplan's
# WebText2 numbers from Chapter 1.

# %%
import time

import numpy as np
from matplotlib import patheffects

from helpers import compute, data, plotting, scaling, units, widgets

HOFFMANN = scaling.HOFFMANN_2022  # App. D.2 eq. 10, rounded as published
UNROUNDED = scaling.HOFFMANN_2022_UNROUNDED  # the same fit before rounding
BESIROGLU = scaling.BESIROGLU_2024  # Besiroglu et al. 2024's refit of the same data
FITS = {
    "Hoffmann (rounded)": HOFFMANN,
    "Hoffmann (unrounded)": UNROUNDED,
    "Besiroglu et al.": BESIROGLU,
}

# %% [markdown]
# ## Training compute: C ≈ 6ND
#
# Each parameter of a dense Transformer takes part in one multiply and one add per token in the forward
# pass: 2 FLOP. The backward pass computes gradients with respect to both the activations and the
# weights, which costs about twice the forward pass: 4 FLOP. So training costs about 6 FLOP per parameter
# per token {cite:p}`kaplan2020scaling`, and a run of $N$ parameters over $D$ tokens costs
#
# $$
# C \approx 6 N D \quad \text{FLOP}.
# $$ (eq-6nd)
#
# `compute.training_flops` implements {eq}`eq-6nd`. The cell applies it to Chinchilla (70B parameters,
# 1.4T tokens) and Gopher (280B parameters, 300B tokens), the two models Hoffmann et al. compare.

# %%
models = {m.name: m for m in data.CHINCHILLA_TABLE1}
n_chin, d_chin = models["Chinchilla"].params, models["Chinchilla"].tokens
c_chinchilla = compute.training_flops(n_chin, d_chin)
c_gopher_6nd = compute.training_flops(models["Gopher"].params, models["Gopher"].tokens)
c_gopher_published = 5.76e23  # FLOP, Hoffmann et al. 2022, Fig. 2 caption and Table 3
print(f"Chinchilla: 6 x 70e9 x 1.4e12 = {c_chinchilla:.3g} FLOP "
      f"= {units.flop_to_pf_days(c_chinchilla):,.0f} PF-days")
print(f"Gopher:     6 x 280e9 x 300e9 = {c_gopher_6nd:.3g} FLOP; the paper's count: "
      f"{c_gopher_published:.3g} ({c_gopher_published / c_gopher_6nd - 1:+.0%})")

# %% tags=["remove-cell"]
assert c_chinchilla == 5.88e23 and round(c_gopher_6nd / 1e23, 2) == 5.04
assert round(100 * (c_gopher_published / c_gopher_6nd - 1)) == 14
assert round(units.flop_to_pf_days(c_chinchilla), -1) == 6810

# %% [markdown]
# Chinchilla cost $5.88 \times 10^{23}$ FLOP by {eq}`eq-6nd`. Gopher's 6ND is $5.04 \times 10^{23}$, but
# the paper reports $5.76 \times 10^{23}$: Hoffmann et al. count the FLOP of each operation (their
# Appendix F), attention included, and for Gopher that count is 14% higher. For
# the models in their Table A4 the detailed count is 0.99 to 1.10 times 6ND. So 6ND is a good estimate,
# not an exact one.
#
# The main term 6ND leaves out is attention. Per token, the forward pass also compares the query with
# every earlier position: $2\, n_\text{layer}\, n_\text{ctx}\, d_\text{attn}$ FLOP
# ({cite:t}`kaplan2020scaling`, eq. 2.2). This term grows with the context length $n_\text{ctx}$. The cell compares it with $2N$ for
# GPT-3's shape (96 layers, $d_\text{attn} = 12288$; {cite:t}`brown2020language`, Table 2.1) at several
# context lengths.

# %%
n_gpt3, n_layer_gpt3, d_attn_gpt3 = 175e9, 96, 12288  # Brown et al. 2020, Table 2.1
for n_ctx in (2048, 8192, 32768, 131072):
    attention = 2 * n_layer_gpt3 * n_ctx * d_attn_gpt3  # forward FLOP/token, Kaplan 2.2
    print(f"n_ctx = {n_ctx:>6}: attention {attention:.2e} FLOP/token "
          f"vs 2N = {2 * n_gpt3:.2e}: {attention / (2 * n_gpt3):+.1%}")

# %% tags=["remove-cell"]
assert round(100 * 2 * 96 * 2048 * 12288 / (2 * 175e9), 1) == 1.4
assert round(100 * 2 * 96 * 32768 * 12288 / (2 * 175e9)) == 22
assert round(100 * 2 * 96 * 131072 * 12288 / (2 * 175e9)) == 88

# %% [markdown]
# At GPT-3's 2,048-token context, attention adds 1.4% to the forward pass. At 32k tokens it adds 22%, and
# at 128k tokens 88%: for long-context training, 6ND undercounts badly. Everything below uses
# {eq}`eq-6nd`, as Hoffmann et al. do.

# %% [markdown]
# ## The parametric law
#
# Hoffmann et al. model the final loss of a model with $N$ parameters trained on $D$ tokens as the sum of
# three parts. Even a perfect model cannot predict text better than its entropy, $E$. A model with finitely
# many parameters falls short of that by a term that shrinks as $N$ grows. And training on finitely many
# tokens adds a term that shrinks as $D$ grows:
#
# $$
# L(N, D) = E + \frac{A}{N^{\alpha}} + \frac{B}{D^{\beta}}.
# $$ (eq-chinchilla-law)
#
# Their fit (Appendix D.2) is $E = 1.69$, $A = 406.4$, $B = 410.7$, $\alpha = 0.34$, $\beta = 0.28$. The
# cell splits Chinchilla's predicted loss into the three terms.

# %%
model_term = HOFFMANN.A / n_chin**HOFFMANN.alpha
data_term = HOFFMANN.B / d_chin**HOFFMANN.beta
print(f"E (irreducible)       = {HOFFMANN.E:.3f} nats/token")
print(f"A / N^alpha (model)   = {model_term:.3f} nats/token")
print(f"B / D^beta  (data)    = {data_term:.3f} nats/token")
print(f"L(70e9, 1.4e12)       = {HOFFMANN.loss(n_chin, d_chin):.3f} nats/token")

# %% tags=["remove-cell"]
_published = (1.69, 406.4, 410.7, 0.34, 0.28)  # E, A, B, alpha, beta
assert (HOFFMANN.E, HOFFMANN.A, HOFFMANN.B, HOFFMANN.alpha, HOFFMANN.beta) == _published
assert round(model_term, 3) == 0.083 and round(data_term, 3) == 0.163
assert round(HOFFMANN.loss(70e9, 1.4e12), 2) == 1.94

# %% [markdown]
# For Chinchilla, the irreducible part is 1.69 of the 1.94 nats/token. The finite model adds 0.083 and the
# finite data 0.163. The figure maps the whole law. Each dashed line is an *iso-FLOP* line: all $(N, D)$
# with the same $6ND$. Along one of them, a bigger model means fewer tokens, and the loss first falls, then
# rises. The white line joins the minima: the efficient frontier of the next section.

# %% tags=["hide-input"]
n_map = np.geomspace(1e8, 1e13, 200)
d_map = np.geomspace(1e9, 1e14, 200)
nn, dd = np.meshgrid(n_map, d_map)
fig, ax = plotting.new_figure("wide")
levels = np.arange(1.8, 3.01, 0.1)
filled = ax.contourf(nn, dd, HOFFMANN.loss(nn, dd), levels=levels, cmap="viridis_r",
                     extend="both")
fig.colorbar(filled, ax=ax, label="Loss L [nats/token]")
for c in (1e20, 1e22, 1e24, 1e26):
    ax.plot(n_map, c / (6 * n_map), "--", color=plotting.PALETTE["black"], lw=1)
    n_lo, n_hi = max(n_map[0], c / (6 * d_map[-1])), min(n_map[-1], c / (6 * d_map[0]))
    n_label = n_lo * (n_hi / n_lo) ** 0.2  # a fifth of the way along the visible line
    ax.annotate(f"C = {plotting.number_label(c)} FLOP", (n_label, c / (6 * n_label)),
                rotation=-25, fontsize=9, ha="center", va="center",
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                      "alpha": 0.85})
frontier_c = np.geomspace(1e18, 1e28, 50)
n_front, d_front = HOFFMANN.compute_optimal(frontier_c)
outline = [patheffects.Stroke(linewidth=4.5, foreground="black"), patheffects.Normal()]
ax.plot(n_front, d_front, color="white", lw=2.5, path_effects=outline,
        label="efficient frontier")
ax.plot(n_chin, d_chin, "*", ms=14, color=plotting.PALETTE["vermillion"], mec="white",
        label="Chinchilla (70B, 1.4T)")
ax.set_xlim(n_map[0], n_map[-1])
ax.set_ylim(d_map[0], d_map[-1])
ax.grid(False)  # no grid over the colour map
plotting.label_axes(ax, "Parameters N [count]", "Training tokens D [tokens]",
                    title="Hoffmann et al.'s L(N, D); dashed: constant compute")
plotting.legend_outside(ax, "below")
n_ratio = n_chin / HOFFMANN.compute_optimal(c_chinchilla)[0]
d_ratio = d_chin / HOFFMANN.compute_optimal(c_chinchilla)[1]
plotting.show(
    fig,
    alt=(
        "Colour map of Hoffmann et al.'s fitted loss over parameters from 1e8 to 1e13 "
        "and tokens from 1e9 to 1e14: loss falls toward the upper right. Dashed "
        "diagonal lines of constant compute, labelled 1e20, 1e22, 1e24 and 1e26 FLOP, "
        "cross it. A white line, the efficient frontier, rises through the middle. "
        "The star for Chinchilla lies below and to the right of it: by this fit "
        f"Chinchilla has {n_ratio:.1f} times the parameters and {d_ratio:.2f} times "
        "the tokens of the optimum for its budget."
    ),
)

# %% [markdown]
# ## The efficient frontier
#
# At a fixed budget, $D = C/(6N)$, so the loss is a function of $N$ alone. Making the model bigger shrinks
# the model term but, through $D$, grows the data term. The best $N$ balances the two. Substituting and
# setting the derivative with respect to $N$ to zero gives $\alpha A N^{-\alpha} = \beta B D^{-\beta}$:
# at the optimum, the two reducible terms are in the fixed ratio $\beta : \alpha$. Solving with
# $6ND = C$ gives Hoffmann et al.'s eq. 4:
#
# $$
# \begin{gathered}
# N_\text{opt}(C) = G \left(\frac{C}{6}\right)^{a}, \qquad D_\text{opt}(C) = G^{-1} \left(\frac{C}{6}\right)^{b},
# \\
# G = \left(\frac{\alpha A}{\beta B}\right)^{\frac{1}{\alpha+\beta}},
# \qquad a = \frac{\beta}{\alpha+\beta}, \qquad b = \frac{\alpha}{\alpha+\beta}.
# \end{gathered}
# $$ (eq-frontier)
#
# `ChinchillaFit.compute_optimal` implements {eq}`eq-frontier`. The cell checks the balance condition and
# the budget at Chinchilla's compute, for Hoffmann et al.'s rounded fit.

# %%
n_opt, d_opt = HOFFMANN.compute_optimal(c_chinchilla)
model_term_opt = HOFFMANN.A / n_opt**HOFFMANN.alpha
data_term_opt = HOFFMANN.B / d_opt**HOFFMANN.beta
print(f"N_opt = {n_opt:.3g} parameters, D_opt = {d_opt:.3g} tokens, "
      f"6 N D = {6 * n_opt * d_opt:.3g} FLOP")
print(f"model term / data term = {model_term_opt / data_term_opt:.4f}; "
      f"beta / alpha = {HOFFMANN.beta / HOFFMANN.alpha:.4f}")
print(f"exponents: a = {HOFFMANN.beta / (HOFFMANN.alpha + HOFFMANN.beta):.3f}, "
      f"b = {HOFFMANN.alpha / (HOFFMANN.alpha + HOFFMANN.beta):.3f}")

# %% tags=["remove-cell"]
assert np.isclose(6 * n_opt * d_opt, c_chinchilla)
assert np.isclose(model_term_opt / data_term_opt, 0.28 / 0.34)
assert round(n_opt / 1e9, 1) == 32.5 and round(d_opt / 1e12, 2) == 3.02

# %% [markdown]
# The budget is spent exactly, and the two reducible terms sit in the ratio $\beta/\alpha = 0.82$. Note
# the answer: with the published rounded constants, the loss-optimal model at Chinchilla's budget has
# 32.5B parameters and trains on 3.02T tokens. Chinchilla itself has 70B and 1.4T. We come back to this
# puzzle below.
#
# ```{exercise}
# :label: ex-frontier-balance
#
# Show from {eq}`eq-frontier` that doubling the budget multiplies $N_\text{opt}$ by $2^{a}$ and
# $D_\text{opt}$ by $2^{b}$, and that the loss-optimal tokens per parameter,
# $D_\text{opt}/N_\text{opt}$, stays fixed only when $\alpha = \beta$.
# ```
#
# ```{solution} ex-frontier-balance
# :class: dropdown
#
# $N_\text{opt} \propto C^{a}$ and $D_\text{opt} \propto C^{b}$, so doubling $C$ multiplies them by $2^{a}$
# and $2^{b}$. Their ratio is $D_\text{opt}/N_\text{opt} = G^{-2} (C/6)^{b - a}$ with
# $b - a = (\alpha - \beta)/(\alpha + \beta)$, which is zero only when $\alpha = \beta$. For the rounded fit
# $b - a = 0.06/0.62 \approx 0.097$: the ratio grows by about 25% per factor of ten in compute.
# ```

# %% tags=["remove-cell"]
assert round((0.34 - 0.28) / 0.62, 3) == 0.097
assert round(10 ** ((0.34 - 0.28) / 0.62), 2) == 1.25

# %% [markdown]
# ## Three approaches, three exponents
#
# Hoffmann et al. estimated the exponents $a$ and $b$ in three ways. Approach 1 takes, for each budget, the
# lowest loss reached by any run along its training curve. Approach 2 trains several sizes at each of 9
# fixed budgets and finds the best size of each (IsoFLOP curves, below). Approach 3 fits
# {eq}`eq-chinchilla-law` to all final losses and reads the exponents from {eq}`eq-frontier`. Their Table 2
# compares these with Kaplan et al.'s allocation.

# %%
print(f"{'method':<32} {'a (N_opt ~ C^a)':>16} {'b (D_opt ~ C^b)':>16}")
for row in data.ALLOCATION_EXPONENTS:
    print(f"{row.method:<32} {row.a:>16.2f} {row.b:>16.2f}")
for name, fit in FITS.items():
    a_fit = fit.beta / (fit.alpha + fit.beta)
    print(f"{'from ' + name + ' fit':<32} {a_fit:>16.3f} {1 - a_fit:>16.3f}")

# %% tags=["remove-cell"]
assert [(r.a, r.b) for r in data.ALLOCATION_EXPONENTS] == [
    (0.50, 0.50), (0.49, 0.51), (0.46, 0.54), (0.73, 0.27)
]
assert round(0.28 / 0.62, 3) == 0.452
assert round(UNROUNDED.beta / (UNROUNDED.alpha + UNROUNDED.beta), 3) == 0.457
assert round(BESIROGLU.beta / (BESIROGLU.alpha + BESIROGLU.beta), 3) == 0.513
assert round(10**0.5, 1) == 3.2

# %% [markdown]
# All three approaches say parameters and tokens should grow at about the same rate, $a \approx 0.5$:
# ten times more compute buys about 3.2 times more parameters and 3.2 times more tokens. Kaplan et al.'s
# $a = 0.73$ put most of any extra compute into a bigger model, which is why GPT-3 and Gopher were large
# and trained on only ~300B tokens. The rounded constants give $a = 0.452$, the unrounded ones 0.457 (the
# published 0.46), and Besiroglu et al.'s refit 0.513.
#
# ```{admonition} Common mistake: "Chinchilla proved $N_\text{opt} \propto C^{0.5}$"
# :class: warning
# That is Approach 1. Approaches 2 and 3 give 0.49 and 0.46, and Hoffmann et al. report all three.
# Quote the spread, not one of them.
# ```

# %% [markdown]
# ## The tokens-per-parameter puzzle
#
# "Train on about 20 tokens per parameter" comes from Hoffmann et al.'s Table 3, which lists compute-optimal
# sizes from Approach 1. The cell reads the table, and then asks each Approach-3 fit the same question at
# Chinchilla's budget.

# %%
for row in data.CHINCHILLA_TABLE3:
    check_6nd = compute.training_flops(row.params, row.tokens) / row.flops
    print(f"N = {row.params:7.3g}  D = {row.tokens:8.3g}  "
          f"D/N = {row.tokens_per_param:4.1f}  6ND / table FLOP = {check_6nd:.3f}")
ratios_table3 = [row.tokens_per_param for row in data.CHINCHILLA_TABLE3]
print(f"\nTable 3: {min(ratios_table3):.1f} to {max(ratios_table3):.1f} tokens/param")
print(f"Approach-3 fits at Chinchilla's {c_chinchilla:.3g} FLOP:")
puzzle = {name: fit.tokens_per_param(c_chinchilla) for name, fit in FITS.items()}
for name, ratio in puzzle.items():
    n_fit, d_fit = FITS[name].compute_optimal(c_chinchilla)
    print(f"{name:<21} N = {n_fit:.3g}, D = {d_fit:.3g}, {ratio:5.1f} tokens/param")

# %% tags=["remove-cell"]
assert round(min(ratios_table3), 1) == 20.0 and round(max(ratios_table3), 1) == 22.4
assert round(puzzle["Hoffmann (rounded)"]) == 93
assert round(puzzle["Hoffmann (unrounded)"]) == 59
assert round(puzzle["Besiroglu et al."]) == 18
assert round(BESIROGLU.compute_optimal(c_chinchilla)[0] / 1e9) == 73

# %% [markdown]
# Table 3 says 20.0 to 22.4 tokens per parameter, and 6ND matches its FLOP column to within 5%. The
# published Approach-3 constants say 93 at the same budget, the unrounded ones 59, and Besiroglu et al.'s
# refit 18 (73B parameters, close to Chinchilla's 70B). Three things explain the gap
# {cite:p}`besiroglu2024chinchilla`:
#
# - **Rounding.** The ratio is $G^{-2}(C/6)^{(\alpha-\beta)/(\alpha+\beta)}$. At $C/6 \approx 10^{23}$ a
#   small change in $\alpha - \beta$ is raised to a huge power: rounding $\alpha$ and $\beta$ to two
#   digits moves the answer from 59 to 93.
# - **An optimiser that stopped early.** Besiroglu et al. extracted the data points of Hoffmann et al.'s
#   Figure 4 and refitted them. The published fit is far from the best fit of those points; they suggest the
#   optimiser stopped early because the objective was very small (an average of tiny Huber losses).
# - **Implausibly narrow intervals.** Table 2 reports $a \in (0.454, 0.455)$ for Approach 3. Besiroglu et
#   al. estimate that an interval that narrow would need over 600,000 runs; Hoffmann et al. trained over 400
#   models.
#
# ```{exercise}
# :label: ex-ratio-20
#
# At what budget does the rounded fit imply exactly 20 tokens per parameter? Use
# `HOFFMANN.tokens_per_param` and `scipy.optimize.brentq` on the logarithm of the budget.
# ```
#
# ```{solution} ex-ratio-20
# :class: dropdown
#
# About $7.6 \times 10^{16}$ FLOP, seven orders of magnitude below Chinchilla's budget: a model of about
# 25M parameters. Since the ratio grows as $C^{0.097}$, it reaches 93 only at Chinchilla's scale.
# ```

# %% tags=["remove-cell"]
from scipy.optimize import brentq

_log_c20 = brentq(lambda x: np.log(HOFFMANN.tokens_per_param(np.exp(x)) / 20),
                  np.log(1e12), np.log(1e28))
_c20 = np.exp(_log_c20)
assert round(_c20 / 1e16, 1) == 7.6
assert round(HOFFMANN.compute_optimal(_c20)[0] / 1e6) == 25

# %% [markdown]
# ## Chinchilla against the models of its time
#
# The figure puts Table 1 (the large models of early 2022) and Table 3 against the frontier of each fit.
# Each model sits at its 6ND budget.

# %% tags=["hide-input"]
c_axis = np.geomspace(1e18, 1e26, 100)
FIT_STYLE = {  # one colour and marker per fit, in every figure of the chapter
    "Hoffmann (rounded)": (plotting.PALETTE["blue"], "o"),
    "Hoffmann (unrounded)": (plotting.PALETTE["sky"], "s"),
    "Besiroglu et al.": (plotting.PALETTE["green"], "^"),
}
fig, ax = plotting.new_figure("wide")
for name, fit in FITS.items():
    ax.plot(c_axis, fit.compute_optimal(c_axis)[0], color=FIT_STYLE[name][0],
            label=f"frontier: {name}")
label_offsets = {"LaMDA": ((-8, -6), "right"), "GPT-3": ((-8, 2), "right"),
                 "Jurassic": ((8, -4), "left"), "Gopher": ((-8, 4), "right"),
                 "MT-NLG 530B": ((-8, 0), "right"), "Chinchilla": ((9, -6), "left")}
t3 = data.CHINCHILLA_TABLE3[:-1]  # the 10T row lies at 1.3e28 FLOP, off this plot
ax.plot([r.flops for r in t3], [r.params for r in t3], "s", ms=5,
        color=plotting.PALETTE["black"], label="Table 3 (Approach 1, ~20 tokens/param)")
for m in data.CHINCHILLA_TABLE1:
    c_model = compute.training_flops(m.params, m.tokens)
    is_chinchilla = m.name == "Chinchilla"
    ax.plot(c_model, m.params, "*" if is_chinchilla else "o",
            ms=12 if is_chinchilla else 8,
            color=plotting.PALETTE["vermillion" if is_chinchilla else "orange"],
            label="Chinchilla" if is_chinchilla else None)
    offset, align = label_offsets.get(m.name, ((7, -3), "left"))
    ax.annotate(f"{m.name} ({m.tokens_per_param:.1f})", (c_model, m.params), fontsize=9,
                textcoords="offset points", xytext=offset, ha=align)
ax.plot([], [], "o", ms=8, color=plotting.PALETTE["orange"], label="models of Table 1")
plotting.label_axes(ax, "Training compute C = 6ND [FLOP]", "Parameters N [count]",
                    title="Model sizes against the frontier (tokens per parameter)")
plotting.legend_outside(ax, "below")
plotting.show(
    fig,
    alt=(
        "Log-log plot of parameters against training compute from 1e18 to 1e26 FLOP. "
        "Three frontier lines rise with compute; Besiroglu et al.'s lies highest, "
        "Hoffmann's rounded fit lowest. Black squares from Table 3 follow Besiroglu's "
        "line. GPT-3, Jurassic, LaMDA, Gopher and MT-NLG sit far above every frontier, "
        "with 0.5 to 1.7 tokens per parameter; Chinchilla, a star at 20, sits near the "
        "Besiroglu line."
    ),
)

# %% tags=["remove-cell"]
assert [round(m.tokens_per_param, 1) for m in data.CHINCHILLA_TABLE1] == [
    1.2, 1.7, 1.7, 1.1, 0.5, 20.0
]

# %% [markdown]
# GPT-3, Gopher and their peers trained on 0.5 to 1.7 tokens per parameter: by every fit, they were too
# big for their budgets. Chinchilla used about Gopher's budget for a model 4 times smaller trained on 4.7
# times more data, and outperformed Gopher on most of the tasks Hoffmann et al. evaluated.

# %% tags=["remove-cell"]
assert models["Gopher"].params / models["Chinchilla"].params == 4
assert round(models["Chinchilla"].tokens / models["Gopher"].tokens, 1) == 4.7
assert round(min(m.tokens_per_param for m in data.CHINCHILLA_TABLE1), 1) == 0.5

# %% [markdown]
# ## Approach 2: IsoFLOP curves
#
# Approach 2 needs no law at all. Fix a budget, train several model sizes that each spend exactly that
# budget, and see which size does best. Repeat for several budgets, and fit a straight line to the best
# sizes on log-log axes: its slope is $a$.
#
# We simulate such a sweep from a known law, so we can check the answer: Besiroglu et al.'s fit plays the
# truth, with 0.3% noise on every loss. Designing the sweep is most of the work:
#
# - **budgets**: 9 of them, evenly spaced in $\log C$ from $6 \times 10^{18}$ to $3 \times 10^{21}$ FLOP,
#   like Hoffmann et al.'s;
# - **sizes**: centre each sweep on a guess (here 20 tokens per parameter), and space 9 sizes evenly in
#   $\log N$ over a factor of 16 either side, so the minimum is well inside the range;
# - **the fit**: a parabola in $\log N$ per budget (`scaling.isoflop_minimum`); check that each minimum
#   lies inside its sweep, or the sweep must be widened.

# %%
truth = BESIROGLU
budgets = np.geomspace(6e18, 3e21, 9)  # FLOP
sweep = []  # (budget, sizes, losses)
for i, c in enumerate(budgets):
    n_guess, _ = scaling.allocation_at_ratio(c, 20.0)
    sizes = np.geomspace(n_guess / 16, n_guess * 16, 9)
    losses = scaling.simulate_measurements(
        lambda n, c=c: truth.loss(n, c / (6 * n)), sizes, rel_noise=0.003, seed=i
    )
    sweep.append((c, sizes, losses))
n_best = np.array([scaling.isoflop_minimum(s, losses) for _, s, losses in sweep])
inside = all(s[0] < nb < s[-1] for (_, s, _), nb in zip(sweep, n_best, strict=True))
line = scaling.fit_power_law(budgets, n_best)
a_true = truth.beta / (truth.alpha + truth.beta)
n_sizes = len(sweep[0][1])
print(f"{len(budgets)} budgets x {n_sizes} sizes = {len(budgets) * n_sizes} runs; "
      f"every minimum inside its sweep: {inside}")
print(f"fitted a = {line.k:.3f} (R^2 = {line.r2:.4f}); "
      f"true a = beta / (alpha + beta) = {a_true:.3f}")

# %% tags=["remove-cell"]
assert inside and len(budgets) * len(sweep[0][1]) == 81
assert abs(line.k - a_true) < 0.03 and round(a_true, 3) == 0.513
assert round(line.k, 3) == 0.508

# %% [markdown]
# The nine minima lie on a line of slope 0.508 against the true 0.513: 81 noisy runs recover the exponent
# to within 0.005.

# %% tags=["hide-input"]
fig, axes = plotting.new_figure("pair")
colours = plotting.ordered_colours(len(sweep))  # budgets have an order: dark to light
for i, ((c, sizes, losses), nb) in enumerate(zip(sweep, n_best, strict=True)):
    colour, marker = colours[i], plotting.MARKERS[i]
    x = np.log(sizes)
    coef = np.polyfit(x, losses, 2)
    fine = np.linspace(x[0], x[-1], 100)
    axes[0].plot(sizes, losses, marker, ms=4, color=colour, ls="none")
    axes[0].plot(np.exp(fine), np.polyval(coef, fine), color=colour, lw=1.2)
    axes[0].plot(nb, np.polyval(coef, np.log(nb)), "v", ms=8, color=colour, mec="black",
                 mew=0.6)
    axes[1].plot(c, nb, marker, ms=7, color=colour,
                 label=f"{plotting.number_label(float(f'{c:.2g}'))} FLOP")
plotting.label_axes(axes[0], "Parameters N [count]", "Loss L [nats/token]", log="x",
                    title="IsoFLOP curves (triangle: minimum)")
axes[1].plot(budgets, line.predict(budgets), color=plotting.PALETTE["vermillion"],
             label=f"fit to the minima: a = {line.k:.3f}")
axes[1].plot(budgets, truth.compute_optimal(budgets)[0], "--",
             color=plotting.PALETTE["black"], label=f"true frontier: a = {a_true:.3f}")
plotting.label_axes(axes[1], "Training compute C [FLOP]",
                    r"Best size $N_\mathrm{opt}$ [parameters]",
                    title="Minimum of each curve")
plotting.legend_outside(fig, "below", ncols=4)
plotting.show(
    fig,
    alt=(
        "Left: nine U-shaped curves of simulated loss against model size, one colour "
        "per budget from 6e18 (dark blue) to 3e21 FLOP (green), each with a fitted "
        "parabola and a triangle at its minimum; the curves move down and to the "
        "right as the budget grows. Right: the nine minima on log-log axes lie on a "
        f"straight line of slope {line.k:.2f}, close to the dashed true frontier of "
        f"slope {a_true:.2f}."
    ),
)

# %% [markdown]
# ## Approach 3: fitting the law
#
# Approach 3 fits all five constants of {eq}`eq-chinchilla-law` to every run at once. Hoffmann et al.
# (eq. 3 and Appendix D.2) make three choices, and `scaling.fit_chinchilla` follows them:
#
# - **Log-loss residuals with a Huber loss.** The residual of run $i$ is
#   $\Delta_i = \log \hat L(N_i, D_i) - \log L_i$. The Huber loss {cite:p}`huber1964robust` is
#   $\Delta^2/2$ for $|\Delta| \le \delta$ and $\delta(|\Delta| - \delta/2)$ beyond, with
#   $\delta = 10^{-3}$: it behaves like a sum of absolute values, so a few bad runs cannot drag the fit.
#   The objective is the *sum* over runs.
# - **A log-sum-exp form.** The fit works with the logarithms of the coefficients,
#
#   $$
#   \log \hat L(N, D) = \operatorname{LSE}\left(\ln A - \alpha \log N,\; \ln B - \beta \log D,\;
#   \ln E\right),
#   $$ (eq-lse)
#
#   where LSE of three numbers is the logarithm of the sum of their exponentials. Every parameter is then
#   unconstrained and of order one.
# - **Many starts.** The objective has many local minima, so L-BFGS starts from every point of a grid:
#   $\alpha, \beta \in \{0, 0.5, \dots, 2\}$, $\ln E \in \{-1, -0.5, \dots, 1\}$ and
#   $\ln A, \ln B \in \{0, 5, \dots, 25\}$, 4,500 starts in all. `fit_chinchilla` evaluates the objective on the whole grid in one vectorised
#   pass, then runs L-BFGS-B with the exact gradient from the best few starts only.
#
# The cell fits the 81 simulated runs of the IsoFLOP sweep and compares the result with the truth.

# %%
n_runs = np.concatenate([sizes for _, sizes, _ in sweep])
d_runs = np.concatenate([c / (6 * sizes) for c, sizes, _ in sweep])
loss_runs = np.concatenate([losses for _, _, losses in sweep])
start = time.perf_counter()
result = scaling.fit_chinchilla(n_runs, d_runs, loss_runs, delta=1e-3)
seconds = time.perf_counter() - start
fitted = result.fit
print(f"{len(n_runs)} runs, {len(scaling.APPROACH3_GRID)} grid starts, "
      f"{result.refined_starts} refined: {seconds:.2f} s")
print(f"objective {result.objective:.3g}, converged: {result.converged}")
print(f"{'':>8} {'E':>7} {'A':>8} {'B':>8} {'alpha':>7} {'beta':>7} "
      f"{'tokens/param at 5.88e23':>25}")
for name, fit in (("truth", truth), ("fitted", fitted)):
    print(f"{name:>8} {fit.E:7.3f} {fit.A:8.1f} {fit.B:8.1f} {fit.alpha:7.3f} "
          f"{fit.beta:7.3f} {fit.tokens_per_param(c_chinchilla):25.1f}")

# %% tags=["remove-cell"]
assert len(scaling.APPROACH3_GRID) == 4500
assert result.converged and result.objective < 1e-3
assert abs(fitted.E - truth.E) < 0.03
assert abs(fitted.alpha - truth.alpha) < 0.03 and abs(fitted.beta - truth.beta) < 0.03
_ratio_true = truth.tokens_per_param(c_chinchilla)
assert abs(fitted.tokens_per_param(c_chinchilla) / _ratio_true - 1) < 0.25

# %% [markdown]
# The fit recovers $E$, $\alpha$ and $\beta$ to within a few hundredths. $A$ and $B$ are less well pinned
# down: they trade off against $\alpha$ and $\beta$, and only the combination matters inside the range of
# the runs. The tokens per parameter at Chinchilla's budget, an extrapolation by two orders of magnitude
# beyond the largest budget, lands within 25% of the truth.
#
# How uncertain is the fit? Resample the 81 runs with replacement, refit, and look at the spread. Each
# refit runs the whole grid, so we use 12 resamples here (Besiroglu et al. use 4,000); a progress bar
# shows while they run.

# %%
n_boot = 12
boot = scaling.bootstrap_chinchilla(n_runs, d_runs, loss_runs, n_boot=n_boot, seed=0,
                                    refine=1)
boot_a = np.array([f.beta / (f.alpha + f.beta) for f in boot])
boot_ratio = np.array([f.tokens_per_param(c_chinchilla) for f in boot])
a_low, a_high = np.percentile(boot_a, [5, 95])
r_low, r_high = np.percentile(boot_ratio, [5, 95])
print(f"{n_boot} resamples; 5-95% range of a = beta / (alpha + beta): "
      f"{a_low:.3f} to {a_high:.3f} (truth {a_true:.3f})")
print(f"5-95% range of tokens/param at 5.88e23 FLOP: {r_low:.0f} to {r_high:.0f}, "
      f"a factor of {r_high / r_low:.1f}")
print(f"(truth {truth.tokens_per_param(c_chinchilla):.0f})")

# %% tags=["remove-cell"]
assert n_boot == 12 and len(boot) == 12
assert (round(a_low, 3), round(a_high, 3)) == (0.504, 0.515)
assert 8 < (a_high - a_low) / (0.455 - 0.454) < 13  # 'ten times wider' than Table 2
assert (round(r_low), round(r_high), round(r_high / r_low, 1)) == (17, 23, 1.3)

# %% [markdown]
# Even for these idealised runs (the law is exactly right and the noise only 0.3%), the interval for $a$,
# 0.504 to 0.515, is about ten times wider than the $(0.454, 0.455)$ of Hoffmann et al.'s Table 2. On the
# real data, Besiroglu et al. find a standard error of 0.020 for $a$. The tokens per parameter at
# Chinchilla's budget ranges from 17 to 23 across resamples (a factor of 1.3), because it is an
# extrapolation two orders of magnitude past the largest budget.

# %% [markdown]
# ```{admonition} The fit on Besiroglu et al.'s data
# :class: note
# Besiroglu et al. extracted 245 points from Hoffmann et al.'s Figure 4. Dropping the 5 with the highest
# loss and fitting exactly as above (summed Huber losses, $\delta = 10^{-3}$, the 4,500-start grid), their
# analysis reports $E = 1.8172$, $A = 477.8$, $B = 2143.9$, $\alpha = 0.3473$, $\beta = 0.3672$ at an
# objective of $1.0183 \times 10^{-3}$ {cite:p}`besiroglu2024chinchilla`. Their data is not shipped with
# this book; `fit_chinchilla` was checked against those numbers separately. Their headline refit,
# `scaling.BESIROGLU_2024`, maximises a likelihood built on the same Huber loss.
# ```
#
# Does the optimiser matter? L-BFGS-B stops when the objective improves by less than a tolerance relative
# to the larger of the objective's size and 1. Our objective is about $10^{-3}$, so scipy's default
# tolerance stops it early from some starts. The cell refines the best grid starts with the default tolerance and with the tight one
# `fit_chinchilla` uses.

# %%
from scipy import optimize

log_runs = (np.log(n_runs), np.log(d_runs), np.log(loss_runs), 1e-3)
grid_objective, _ = scaling.lse_objective(scaling.APPROACH3_GRID, *log_runs,
                                          gradient=False)
best_starts = scaling.APPROACH3_GRID[np.argsort(grid_objective)[:10]]


def objective_and_gradient(theta):
    """Summed Huber objective of the 81 runs and its gradient.

    theta = (ln A, ln B, ln E, alpha, beta), the order of scaling.APPROACH3_GRID.
    """
    return scaling.lse_objective(theta, *log_runs)


default_ends, tight_ends = [], []
tight = {"ftol": 1e-15, "gtol": 1e-12, "maxiter": 2000}
for s in best_starts:
    for options, ends in (({}, default_ends), (tight, tight_ends)):
        end = optimize.minimize(objective_and_gradient, s, jac=True, method="L-BFGS-B",
                                options=options)
        ends.append(end.fun)
stalled = sum(e > 1.01 * min(tight_ends) for e in default_ends)
print(f"default tolerance: {stalled} of 10 starts stop >1% above the optimum "
      f"(worst {max(default_ends) / min(tight_ends):.1f}x)")
print(f"tight tolerance:   {sum(e > 1.01 * min(tight_ends) for e in tight_ends)} of 10")

# %% tags=["remove-cell"]
assert sum(e > 1.01 * min(tight_ends) for e in tight_ends) == 0
assert stalled >= 1

# %% [markdown]
# Some starts stop far from the optimum with the default settings and none with tight ones. Had
# Hoffmann et al. averaged the Huber losses instead of summing them, the objective would be 81 times
# smaller still, and this effect larger: that is Besiroglu et al.'s explanation of the published fit.

# %% [markdown]
# ## Common mistakes with compute-optimal scaling
#
# Popular write-ups of Chinchilla repeat a few errors. Each box states one and computes the right value.
#
# ```{admonition} Common mistake: "compute-optimal $N$ is $\sqrt{C/120}$ billion parameters, with $C$ in PFLOP"
# :class: warning
# At 20 tokens per parameter, $C = 6 \cdot N \cdot 20N = 120 N^2$, so $N = \sqrt{C/120}$ holds only with $C$ in FLOP and $N$
# in parameters. Feeding in PFLOP and reading billions mixes two scales: for 1,000 PFLOP
# ($10^{18}$ FLOP) it gives 2.9 "billion" parameters (and such snippets have even claimed 7.1B in their
# comments), while the right answer is below.
# ```

# %%
c_example = 1e3 * 1e15  # 1,000 PFLOP in FLOP
n_right, d_right = scaling.allocation_at_ratio(c_example, 20.0)
wrong = np.sqrt(1000 / 120)
print(f"wrong: sqrt(1000 / 120) = {wrong:.2f} 'billion' parameters, "
      f"x 20 = {20 * wrong:.1f} 'billion' tokens")
print(f"right: N = sqrt({c_example:.0e} / 120) = {n_right:.3g} parameters, "
      f"D = {d_right:.3g} tokens")

# %% tags=["remove-cell"]
assert round(wrong, 1) == 2.9 and round(20 * wrong, 1) == 57.7
assert round(n_right / 1e6) == 91 and round(d_right / 1e9, 1) == 1.8
assert round(np.sqrt(1000 / 120) * 1e9 / n_right) == 32

# %% [markdown]
# The right answer is 91M parameters and 1.8B tokens, about 32 times fewer parameters than the 2.9
# "billion" the mixed-unit formula suggests.
#
# ```{admonition} Common mistake: "GPT-3 used about $3.14 \times 10^{3}$ PFLOP"
# :class: warning
# GPT-3 used $3.14 \times 10^{23}$ FLOP {cite:p}`brown2020language`. A PFLOP is $10^{15}$ FLOP, so that
# is $3.14 \times 10^{8}$ PFLOP; the "$10^{3}$" belongs to a different unit, the PF-day.
# ```

# %%
c_gpt3 = compute.GPT3_TRAINING_FLOP  # 6ND with Table D.1's N and D (Brown et al. 2020)
print(f"{c_gpt3:.3g} FLOP = {c_gpt3 / 1e15:.3g} PFLOP "
      f"= {round(units.flop_to_pf_days(c_gpt3), -1):,.0f} PF-days")

# %% tags=["remove-cell"]
assert round(c_gpt3 / 1e15 / 1e8, 2) == 3.14
assert round(units.flop_to_pf_days(c_gpt3), -1) == 3640

# %% [markdown]
# That is $3.14 \times 10^{8}$ PFLOP, or about 3,640 PF-days, as Table D.1 of the GPT-3 paper lists it.
#
# ```{admonition} Common mistake: "by Chinchilla, GPT-3's budget should have gone to 10B parameters and 200B tokens"
# :class: warning
# That pair costs far less than GPT-3's budget. At about 20 tokens per parameter the budget buys a model of about 50B
# parameters trained on about 1T tokens.
# ```

# %%
n_gpt3_opt, d_gpt3_opt = scaling.allocation_at_ratio(c_gpt3, 20.0)
c_claim = compute.training_flops(10e9, 200e9)
print(f"20 tokens/param at {c_gpt3:.3g} FLOP: N = {n_gpt3_opt:.3g}, "
      f"D = {d_gpt3_opt:.3g}")
print(f"the claimed 10B x 200B costs {c_claim:.2g} FLOP, "
      f"{c_gpt3 / c_claim:.0f} times less than GPT-3")
print("frontier of each fit at GPT-3's budget:")
for name, fit in FITS.items():
    n_f, d_f = fit.compute_optimal(c_gpt3)
    print(f"  {name:<22} N = {n_f:.3g}, D = {d_f:.3g}")

# %% tags=["remove-cell"]
assert round(n_gpt3_opt / 1e9) == 51 and round(d_gpt3_opt / 1e12, 1) == 1.0
assert round(c_claim / 1e22, 1) == 1.2 and round(c_gpt3 / c_claim) == 26

# %% [markdown]
# At 20 tokens per parameter, GPT-3's budget buys 51B parameters and 1.0T tokens; the claimed 10B and 200B
# spend 26 times less compute. The fits disagree on the split, but all put the model well below 175B.
#
# ```{admonition} Common mistake: "A = 406.4 is the FLOP per token per parameter"
# :class: warning
# In {eq}`eq-chinchilla-law`, $A = 406.4$ is the
# coefficient of the finite-model term $A/N^{\alpha}$ (in nats/token when multiplied by $N^{-\alpha}$), and
# $B = 410.7$ that of the data term. Training costs 6 FLOP per parameter per token, from
# {eq}`eq-6nd`. Likewise the exponent of $N_\text{opt}$ in $C$ is $a \approx 0.46$ to 0.5, not $\alpha$ or
# $\beta$.
# ```
#
# ```{admonition} Common mistake: "Chinchilla scaling is loss $\propto (1/N)^{0.050}$"
# :class: warning
# 0.050 is Kaplan et al.'s compute exponent from
# Chapter 1, and Chinchilla's law has a floor $E$ that a pure power law lacks. Along the frontier,
# Chinchilla's *reducible* loss $L - E$ falls as $C^{-\alpha\beta/(\alpha+\beta)}$.
# ```

# %%
for name, fit in FITS.items():
    exponent = fit.alpha * fit.beta / (fit.alpha + fit.beta)
    print(f"{name:<22} L - E ~ C^-{exponent:.4f}: halving L - E costs "
          f"{2 ** (1 / exponent):.0f}x the compute")
print(f"Kaplan et al. L ~ C^-{scaling.KAPLAN_2020.alpha_c_min:.3f}: "
      f"halving L costs {2 ** (1 / 0.050):,.0f}x")

# %% tags=["remove-cell"]
assert round(0.34 * 0.28 / 0.62, 4) == 0.1535
assert round(2 ** (1 / (0.34 * 0.28 / 0.62))) == 91
_b = BESIROGLU
assert round(_b.alpha * _b.beta / (_b.alpha + _b.beta), 3) == 0.178

# %% [markdown]
# Along the frontier, the reducible loss falls with exponent 0.1535 under the rounded fit (0.178 under
# Besiroglu et al.'s): halving it costs about 91 times the compute. The total loss can never fall below $E$.

# %% [markdown]
# ## Beyond Chinchilla: over-training for cheap inference
#
# Chinchilla minimises the loss for a *training* budget. But a model that serves many users spends compute
# for its whole life: about $2N$ FLOP per token processed ({cite:t}`kaplan2020scaling`, section 2.1). A
# smaller model trained on more tokens can reach the same loss with more training compute but cheaper
# inference. {cite:t}`sardana2023beyond` add inference to the objective and conclude that with large
# inference demand (around a billion requests) one should train smaller and longer than
# Chinchilla-optimal. Recent open models do exactly that:

# %%
for m in (*data.OVERTRAINED_MODELS, models["Chinchilla"]):
    print(f"{m.name:<12} {m.params:8.3g} params  {m.tokens:8.3g} tokens  "
          f"{m.tokens_per_param:6.0f} tokens/param")

# %% tags=["remove-cell"]
_ratios = {m.name: m.tokens_per_param for m in data.OVERTRAINED_MODELS}
assert round(_ratios["Llama 2 70B"]) == 29 and round(_ratios["Llama 3 8B"]) == 1875
assert round(_ratios["Llama 2 7B"]) == 286 and round(_ratios["Llama 3 70B"]) == 214

# %% [markdown]
# From 29 tokens per parameter (Llama 2 70B, {cite:t}`touvron2023llama2`) to 1,875 (Llama 3 8B on 15T
# tokens, {cite:t}`meta2024llama3card`).
#
# The lifetime compute of a model that reaches a target loss is
#
# $$
# C_\text{life} = 6 N D + 2 N I,
# $$ (eq-lifetime)
#
# for $I$ tokens of inference. Fix the target loss; every $N$ then needs a certain $D(N)$ from
# {eq}`eq-chinchilla-law`, and `scaling.lifetime_optimal` finds the $N$ that minimises {eq}`eq-lifetime`.
# The cell uses Besiroglu et al.'s fit and targets the loss of a Chinchilla-optimal model at Chinchilla's
# budget. "Saving" compares the lifetime compute with that of the Chinchilla-optimal model serving the same
# tokens.

# %%
loss_target = BESIROGLU.loss(*BESIROGLU.compute_optimal(c_chinchilla))
n_base, d_base = scaling.lifetime_optimal(BESIROGLU, loss_target, 0.0)
print(f"target loss {loss_target:.3f} nats/token (Besiroglu et al.'s fit)")
print(f"{'inference I':>11} {'N':>9} {'D':>9} {'D/N':>5} {'lifetime FLOP':>13} "
      f"{'saving':>7}")
lifetime_rows = {}
for served in (0.0, 1e11, 1e12, 1e13, 1e14):
    n_l, d_l = scaling.lifetime_optimal(BESIROGLU, loss_target, served)
    best = scaling.lifetime_flops(n_l, d_l, served)
    base = scaling.lifetime_flops(n_base, d_base, served)
    lifetime_rows[served] = (n_l, d_l, 1 - best / base)
    print(f"{served:>11.0e} {n_l:9.3g} {d_l:9.3g} {d_l / n_l:5.0f} {best:13.3g} "
          f"{1 - best / base:7.1%}")

# %% tags=["remove-cell"]
assert round(loss_target, 3) == 1.977
assert np.isclose(n_base, BESIROGLU.compute_optimal(c_chinchilla)[0], rtol=1e-4)
_n13, _d13, _save13 = lifetime_rows[1e13]
assert round(_n13 / 1e9, 1) == 34.5 and round(_d13 / _n13, -1) == 110
assert round(100 * _save13) == 28

# %% [markdown]
# With no inference the optimum is the Chinchilla-optimal model (73B, 18 tokens per parameter). If the
# model will serve $10^{13}$ tokens (about ten billion requests of a thousand tokens), the best model has
# 34.5B parameters trained on about 110 tokens per parameter, and it saves 28% of the lifetime compute. The
# figure shows how the optimum moves as inference demand grows.

# %% tags=["hide-input"]
served_axis = np.geomspace(1e10, 1e15, 41)
points = np.array([scaling.lifetime_optimal(BESIROGLU, loss_target, s)
                   for s in served_axis])
fig, axes = plotting.new_figure("pair")
axes[0].plot(served_axis, points[:, 0], color=plotting.PALETTE["blue"],
             label="lifetime-optimal size")
axes[0].axhline(n_base, ls="--", color=plotting.PALETTE["black"], lw=1,
                label="Chinchilla-optimal (no inference)")
plotting.label_axes(axes[0], "Inference tokens I [tokens]", "Model size N [parameters]",
                    title="Smaller models...")
axes[1].plot(served_axis, points[:, 1] / points[:, 0],
             color=plotting.PALETTE["vermillion"], label="lifetime-optimal ratio")
axes[1].axhline(d_base / n_base, ls="--", color=plotting.PALETTE["black"], lw=1)
plotting.label_axes(axes[1], "Inference tokens I [tokens]",
                    "D/N [tokens per parameter]",
                    title="...trained on more tokens each")
plotting.legend_outside(fig, "below")
plotting.show(
    fig,
    alt=(
        "Two log-log panels against lifetime inference tokens from 1e10 to 1e15, for "
        "a fixed target loss, with dashed lines at the Chinchilla-optimal model. "
        f"Left: the lifetime-optimal model size falls from {n_base / 1e9:.0f}B "
        f"parameters to about {points[-1, 0] / 1e9:.0f}B. Right: its tokens per "
        f"parameter rise from about {d_base / n_base:.0f} to about "
        f"{points[-1, 1] / points[-1, 0]:,.0f}."
    ),
)

# %% [markdown]
# ```{admonition} How far the calculator extrapolates
# :class: note
# Sardana et al. also train 47 models at up to 10,000 tokens per parameter and find that loss keeps
# improving there, but that a law fitted only at typical ratios overestimates what the extra tokens buy.
# The calculator above extrapolates {eq}`eq-chinchilla-law` far past the data it was fitted on, so treat
# its large-inference numbers as a direction, not a forecast.
# ```

# %% [markdown]
# ## Explore: the frontier under each fit
#
# Move the slider to choose a training budget from $10^{18}$ to $10^{27}$ FLOP, one step per power of
# ten. The figure marks the compute-optimal size under each fit, and the legend gives $N$, $D$ and tokens
# per parameter.

# %% tags=["hide-input"]
explorer_budgets = np.geomspace(1e18, 1e27, 10)  # FLOP, one step per power of ten
explorer_axis = np.geomspace(1e18, 1e27, 100)


def draw_frontier(c):
    """N_opt against C for each fit, with the allocation at budget ``c`` marked."""
    fig, ax = plotting.new_figure("wide")
    for name, fit in FITS.items():
        colour, marker = FIT_STYLE[name]
        n_c, d_c = fit.compute_optimal(c)
        ax.plot(explorer_axis, fit.compute_optimal(explorer_axis)[0], color=colour)
        n_text, d_text = (plotting.number_label(float(f"{v:.2g}")) for v in (n_c, d_c))
        ax.plot(c, n_c, marker, ms=9, color=colour, label=(
            f"{name}: N = {n_text}, D = {d_text}, {d_c / n_c:.0f} tokens/param"))
    pf_days = plotting.number_label(units.flop_to_pf_days(c))
    plotting.label_axes(ax, "Training compute C [FLOP]",
                        r"Compute-optimal size $N_\mathrm{opt}$ [parameters]",
                        title=f"{plotting.number_label(c)} FLOP = {pf_days} PF-days")
    plotting.legend_outside(ax, "below", ncols=1)
    ratios = ", ".join(f"{fit.tokens_per_param(c):.0f}" for fit in FITS.values())
    return plotting.show(
        fig,
        alt=(
            "Log-log plot of compute-optimal model size against training compute for "
            f"three fits, with markers at {c:.0e} FLOP. Tokens per parameter there: "
            f"{ratios} for Hoffmann rounded, Hoffmann unrounded and Besiroglu et al."
        ),
    )


widgets.explorer(draw_frontier, explorer_budgets, label="Budget C [FLOP]",
                 fmt=lambda c: f"{c:.0e} FLOP", start=6)

# %% tags=["remove-cell"]
assert len(explorer_budgets) == 10 and np.isclose(explorer_budgets[6], 1e24)

# %% [markdown]
# ## Summary
#
# - Training costs about $6ND$ FLOP: 2 per parameter per token forward, 4 backward. Hoffmann et al.'s
#   detailed count is within 10% of it; the attention term adds 1.4% for GPT-3 at 2k context but 22% at
#   32k.
# - $L(N, D) = E + A/N^{\alpha} + B/D^{\beta}$ splits the loss into an irreducible part, a finite-model part
#   and a finite-data part. At a fixed budget the best model balances the two reducible parts, which gives
#   the closed-form frontier {eq}`eq-frontier`.
# - Hoffmann et al.'s three approaches put $N_\text{opt} \propto C^{a}$ with $a$ = 0.50, 0.49 and 0.46;
#   Kaplan et al. had 0.73.
# - About 20 tokens per parameter comes from Table 3. The published Approach-3 constants imply 93 at
#   Chinchilla's budget (59 unrounded); Besiroglu et al.'s refit implies 18.
# - IsoFLOP sweeps recover the exponent with no law at all; fitting the law needs a robust loss, a
#   log-sum-exp form, many starts and a tight optimiser, and its bootstrap intervals are much wider than
#   Table 2's.
# - If a model will serve many tokens, the lifetime optimum is smaller and trained longer: at $10^{13}$
#   inference tokens, 34.5B parameters and about 110 tokens per parameter instead of 73B and 18.
#
# ## Exercises
#
# <a href="exercises.html#set-02_chinchilla">Exercise set 2</a> opens in Binder, Colab or a JupyterHub from
# its row on the Exercises page; in a clone of the repository it is `exercises/02_chinchilla.ipynb`. It has
# six graded tasks:
#
# - `allocate_at_ratio(c, tokens_per_param)`: invert $C = 6ND$ at a fixed ratio;
# - `frontier(c, E, A, B, alpha, beta)`: the efficient frontier {eq}`eq-frontier`;
# - `tokens_per_param_at(c, E, A, B, alpha, beta)`: the puzzle, computed;
# - `huber_objective(params, n, d, loss, delta)`: the Approach-3 objective;
# - `isoflop_minimum(n, loss)`: the best size on one IsoFLOP curve;
# - `lifetime_optimal_size(loss_target, inference_tokens, E, A, B, alpha, beta)`: over-training.
