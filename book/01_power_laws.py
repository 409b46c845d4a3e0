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
# # Power laws: loss falls as a straight line on log-log axes
#
# The test loss of a language model falls smoothly and predictably as the model, its data and its compute
# grow. {cite:t}`kaplan2020scaling` measured this for Transformer language models and summarised it with a
# handful of *power laws*. Much of this book rests on that finding. This chapter builds the idea from
# scratch:
#
# - what a power law is, and why it is a straight line on log-log axes;
# - Kaplan's three laws for parameters $N$, data $D$ and compute $C$, with their constants and units;
# - how to fit a power law to a few small models and extrapolate it to a large one;
# - why an irreducible term in the loss changes that extrapolation, and why a bootstrap band does not warn
#   you about it;
# - how far past the measured range the laws are usually pushed.
#
# In this chapter $N$ counts **non-embedding** parameters and compute is in **PF-days** (a count of
# floating-point operations, not a rate), because those are the units of Kaplan et al.'s laws. The rest
# of the book counts all parameters and states compute in FLOP ({doc}`notation`). $D$ is in tokens and
# the loss in nats per token everywhere.

# %%
import numpy as np

from helpers import plotting, scaling, units, widgets

# %% [markdown]
# ## What a power law is
#
# A power law says that scaling the input by some factor always scales the output by a fixed factor,
# whatever the starting point. In symbols, with a coefficient $A > 0$ and an exponent $\alpha$,
#
# $$
# y = A\,x^{-\alpha}.
# $$ (eq-power-law)
#
# Double $x$ and $y$ becomes $A\,(2x)^{-\alpha} = 2^{-\alpha} \cdot A\,x^{-\alpha}$: it is multiplied by
# $2^{-\alpha}$, wherever you start. Multiply $x$ by ten and $y$ is multiplied by $10^{-\alpha}$. A
# positive $\alpha$ means $y$ falls as $x$ grows, as every loss in this book does.
#
# Logarithms turn that multiplication into addition. Taking the log of both sides of {eq}`eq-power-law`
# gives
#
# $$
# \log y = \log A - \alpha \log x,
# $$ (eq-log-line)
#
# a straight line in $\log x$ with slope $-\alpha$. So on axes where both scales are logarithmic, a power
# law is a straight line, and its slope is minus the exponent. The cell below checks both properties on a
# power law with $A = 10$ and $\alpha = 0.5$ at eleven points, each twice the one before.

# %%
coef_demo, alpha_demo = 10.0, 0.5
x_demo = 2.0 ** np.arange(11)  # 1, 2, 4, ..., 1024
y_demo = coef_demo * x_demo**-alpha_demo

ratio_per_doubling = y_demo[1:] / y_demo[:-1]
log_log_slopes = np.diff(np.log(y_demo)) / np.diff(np.log(x_demo))
print(f"y after / y before, each doubling: {np.unique(ratio_per_doubling.round(4))}")
print(f"  (2^-alpha = {2**-alpha_demo:.4f})")
print(f"slope between neighbours on log-log axes: {np.unique(log_log_slopes.round(6))}")

# %% tags=["remove-cell"]
assert len(x_demo) == 11 and x_demo[0] == 1 and x_demo[-1] == 1024
assert np.allclose(ratio_per_doubling, 2**-alpha_demo)
assert round(2**-alpha_demo, 3) == 0.707
assert np.allclose(log_log_slopes, -alpha_demo)

# %% [markdown]
# Every doubling multiplies $y$ by the same factor, $2^{-0.5} \approx 0.707$, and every segment of the
# log-log line has slope $-0.5$. The figure shows the same eleven points twice. On linear axes (left) the
# curve drops steeply and then looks almost flat, and the points crowd together at small $x$. On log-log
# axes (right) the points are evenly spaced along a straight line: equal factors in $x$ become equal steps.

# %% tags=["hide-input"]
fig, (ax_lin, ax_log) = plotting.new_figure("pair")
x_fine = np.linspace(1, 1024, 500)
for ax, log in ((ax_lin, ""), (ax_log, "xy")):
    ax.plot(x_fine, coef_demo * x_fine**-alpha_demo, color=plotting.PALETTE["blue"],
            label=r"$y = 10\,x^{-0.5}$")
    ax.plot(x_demo, y_demo, "o", color=plotting.PALETTE["vermillion"],
            label="each point doubles x")
    plotting.label_axes(ax, "x [arbitrary units]", "y [arbitrary units]", log=log)
    ax.legend(loc="upper right")
ax_lin.set_title("Linear axes: a curve")
ax_log.set_title("Log-log axes: a line of slope -0.5")
plotting.show(
    fig,
    alt=(
        "Two panels showing y = 10 x^-0.5 for x from 1 to 1024. On linear axes the "
        "curve falls steeply and flattens, with the doubling points bunched at the "
        "left; on log-log axes it is a straight line with the doubling points evenly "
        "spaced."
    ),
)

# %% [markdown]
# ## Kaplan's three laws
#
# {cite:t}`kaplan2020scaling` trained many Transformer language models of different sizes, on different
# amounts of data, and found that when a single resource is the bottleneck, the loss is a power law in that
# resource. Each law is written as $(X_c / X)^{\alpha_X}$, where $X$ stands for $N$, $D$ or
# $C_\text{min}$; it is {eq}`eq-power-law` with $\alpha = \alpha_X$ and $A = X_c^{\alpha_X}$. The constant
# $X_c$ sets where the law sits, and the exponent $\alpha_X$ sets how fast the loss falls.
#
# The first law is for size. A model with $N$ parameters, trained on enough data to converge, reaches
#
# $$
# L(N) = \left(\frac{N_c}{N}\right)^{\alpha_N}.
# $$ (eq-kaplan-n)
#
# The second is for data. A large model trained on $D$ tokens, with early stopping, reaches
#
# $$
# L(D) = \left(\frac{D_c}{D}\right)^{\alpha_D}.
# $$ (eq-kaplan-d)
#
# The third is for compute. Spend a budget $C_\text{min}$, in PF-days, on a model of the best size and
# the loss is
#
# $$
# L(C_\text{min}) = \left(\frac{C_c^\text{min}}{C_\text{min}}\right)^{\alpha_C^\text{min}}.
# $$ (eq-kaplan-c)
#
# Here $C_\text{min}$ is the compute a run needs when its batch is well below the critical batch size,
# beyond which larger batches waste compute.
#
# The cell prints the published constants (equations 1.1 to 1.3 of the paper) as `helpers.scaling` stores
# them.

# %%
K = scaling.KAPLAN_2020
rows = [
    ("L(N)", "alpha_N", K.alpha_n, "N_c", K.n_c, "non-embedding parameters"),
    ("L(D)", "alpha_D", K.alpha_d, "D_c", K.d_c, "tokens"),
    ("L(C_min)", "alpha_C^min", K.alpha_c_min, "C_c^min", K.c_c_min, "PF-days"),
]
print(f"{'law':<10} {'exponent':<20} {'scale constant':<18} unit")
for law, exp_name, exp_value, const_name, const_value, unit in rows:
    exponent = f"{exp_name} = {exp_value:.3f}"
    constant = f"{const_name} = {const_value:.1e}"
    print(f"{law:<10} {exponent:<20} {constant:<18} {unit}")
print(f"\nC_c^min = {K.c_c_min:.1e} PF-days x {units.FLOP_PER_PF_DAY:.2e} FLOP/PF-day")
print(f"  = {units.pf_days_to_flop(K.c_c_min):.2e} FLOP")

# %% tags=["remove-cell"]
assert (K.alpha_n, K.n_c) == (0.076, 8.8e13)
assert (K.alpha_d, K.d_c) == (0.095, 5.4e13)
assert (K.alpha_c_min, K.c_c_min) == (0.050, 3.1e8)
assert units.FLOP_PER_PF_DAY == 8.64e19
assert units.FLOP_PER_PF_DAY / units.SECONDS_PER_DAY == 1e15
assert round(units.pf_days_to_flop(K.c_c_min) / 1e28, 2) == 2.68

# %% [markdown]
# So $\alpha_N = 0.076$ and $N_c = 8.8 \times 10^{13}$ non-embedding parameters; $\alpha_D = 0.095$ and
# $D_c = 5.4 \times 10^{13}$ tokens; $\alpha_C^\text{min} = 0.050$ and $C_c^\text{min} = 3.1 \times 10^{8}$ PF-days,
# which is $2.68 \times 10^{28}$ FLOP (one PF-day is $10^{15}$ FLOP per second sustained for a day,
# $8.64 \times 10^{19}$ FLOP).
#
# Three details decide whether you can use these numbers.
#
# - **The loss** is the cross-entropy of the next token, in nats per token, averaged over the positions
#   of a context window and measured on the WebText2 test set with a byte-pair-encoding tokenizer.
# - **$N$ counts non-embedding parameters.** The token and position embedding matrices are excluded. For a
#   Transformer with $n_\text{layer}$ layers of width $d_\text{model}$, $N \approx 12\, n_\text{layer}
#   d_\text{model}^2$ (equation 2.1 of the paper). Counting embeddings as well gives a larger $N$ and a
#   different fit.
# - **The constants are not fundamental.** $N_c$, $D_c$ and $C_c^\text{min}$ depend on the vocabulary and the
#   tokenization: the same text cut into different tokens has a different loss per token. So compare
#   losses only between models scored on the same text with the same tokenizer.
#
# For instance, here is the non-embedding count of a model with 48 layers of width 1600:

# %%
n_layer, d_model = 48, 1600
n_example = 12 * n_layer * d_model**2
print(f"N = 12 x {n_layer} x {d_model}^2 = {n_example:.3g} non-embedding parameters")
print(f"Kaplan L(N): {scaling.kaplan_loss_n(n_example):.3f} nats/token")

# %% tags=["remove-cell"]
assert round(n_example / 1e9, 2) == 1.47
assert round(scaling.kaplan_loss_n(n_example), 2) == 2.31

# %% [markdown]
# That is about $1.47 \times 10^{9}$, close to the largest model in Kaplan's study, and
# {eq}`eq-kaplan-n` puts its loss at about 2.31 nats/token.
#
# The figure draws each law on log-log axes. The size panel spans the measured range, 768 to
# $1.5 \times 10^{9}$ non-embedding parameters. For data and compute the panels span about 3 and 8
# orders of magnitude. That matches the spans Kaplan et al. report (more than 2 for data, 8 for compute),
# but the exact endpoints here are illustrative.

# %% tags=["hide-input"]
n_measured = np.geomspace(768, 1.5e9, 200)  # non-embedding parameters
d_range = np.geomspace(1e7, 1e10, 200)  # tokens
c_range = np.geomspace(1e-8, 1e0, 200)  # PF-days

fig, axes = plotting.new_figure("triple", sharey=True)
panels = [
    (n_measured, scaling.kaplan_loss_n, "N [non-embedding]",
     r"$L(N)$, $\alpha_N = 0.076$"),
    (d_range, scaling.kaplan_loss_d, "D [tokens]",
     r"$L(D)$, $\alpha_D = 0.095$"),
    (c_range, scaling.kaplan_loss_c, r"$C_\mathrm{min}$ [PF-days]",
     r"$L(C_\mathrm{min})$, $\alpha_C^\mathrm{min} = 0.050$"),
]
for ax, (x, law, xlabel, title), colour in zip(
    axes, panels, ("blue", "vermillion", "green"), strict=True
):
    ax.plot(x, law(x), color=plotting.PALETTE[colour])
    plotting.label_axes(ax, xlabel, "Loss L [nats/token]", title=title)
for ax in axes[1:]:
    ax.set_ylabel("")
plotting.show(
    fig,
    alt=(
        "Three log-log panels, each a straight falling line: loss against "
        "non-embedding parameters from 768 to 1.5 billion, against dataset size from "
        "10 million to 10 billion tokens, and against compute from 1e-8 to 1 PF-day. "
        "The compute line is the shallowest."
    ),
)

# %% tags=["remove-cell"]
assert n_measured[0] == 768 and np.isclose(n_measured[-1], 1.5e9)
assert round(np.log10(d_range[-1] / d_range[0])) == 3
assert round(np.log10(c_range[-1] / c_range[0])) == 8

# %% [markdown]
# ## About 5% lower loss per doubling
#
# Because the exponents are small, each step up in scale buys only a modest drop in loss. By
# {eq}`eq-power-law`, doubling $N$ multiplies the loss by $2^{-\alpha_N}$, and multiplying the compute by
# ten multiplies it by $10^{-\alpha_C^\text{min}}$. Neither factor depends on where you start.

# %%
per_doubling_n = 2.0 ** -K.alpha_n
per_tenfold_c = 10.0 ** -K.alpha_c_min
print(f"double N:       loss x {per_doubling_n:.4f}  ({1 - per_doubling_n:.1%} lower)")
print(f"10x compute:    loss x {per_tenfold_c:.4f}  ({1 - per_tenfold_c:.1%} lower)")
ratio_n = scaling.kaplan_loss_n(2e9) / scaling.kaplan_loss_n(1e9)
ratio_c = scaling.kaplan_loss_c(10.0) / scaling.kaplan_loss_c(1.0)
print(f"check with kaplan_loss_n, L(2e9) / L(1e9) = {ratio_n:.4f}")
print(f"check with kaplan_loss_c, L(10) / L(1)   = {ratio_c:.4f}")

# %% tags=["remove-cell"]
assert round(per_doubling_n, 4) == 0.9487 and round(100 * (1 - per_doubling_n)) == 5
assert round(per_tenfold_c, 3) == 0.891 and round(100 * (1 - per_tenfold_c)) == 11
assert np.isclose(ratio_n, per_doubling_n) and np.isclose(ratio_c, per_tenfold_c)

# %% [markdown]
# Doubling the non-embedding parameters lowers the loss by about 5% (a factor of 0.9487), and ten times
# more compute lowers it by about 11% (a factor of 0.891). These are ratios, not fixed amounts of loss: at
# a lower loss, the same doubling removes fewer nats.
#
# ```{exercise}
# :label: ex-halve-loss
#
# Under {eq}`eq-kaplan-c`, by what factor must the compute grow to halve the loss? Does the answer depend
# on the loss you start from? Use `scaling.multiplier_for_loss`.
# ```
#
# ```{solution} ex-halve-loss
# :class: dropdown
#
# Halving the loss needs $2^{1/\alpha_C^\text{min}} = 2^{20}$ times more compute, whatever the starting loss:
#
# `scaling.multiplier_for_loss(2.0, 1.0, alpha=scaling.KAPLAN_2020.alpha_c_min)` returns
# `1048576.0`, about a million. Going from 4 to 2 nats/token gives the same factor. A pure power law makes
# each halving cost the same *constant factor*, not "exponentially more" each time.
# ```

# %% tags=["remove-cell"]
assert 2.0**20 == 1048576.0
assert scaling.multiplier_for_loss(2.0, 1.0, alpha=K.alpha_c_min) == 2.0**20
assert np.isclose(scaling.multiplier_for_loss(4.0, 2.0, alpha=K.alpha_c_min), 2.0**20)

# %% [markdown]
# ## Checking numbers that others quote
#
# ```{admonition} Common mistake: values of Kaplan's L(N) that the law does not give
# :class: warning
# A popular text says Kaplan's $L(N)$ predicts 2.5 nats/token at one billion parameters, 1.8 at 100 billion
# and 1.6 at one trillion. Evaluating {eq}`eq-kaplan-n` (cell below) gives 2.38, 1.67 and 1.41
# nats/token. The same kind of plot often runs the line out to 100 trillion parameters, about 5 orders of
# magnitude past the largest model Kaplan et al. measured, where {eq}`eq-kaplan-n` predicts a loss just
# under 1 nat/token. Kaplan et al. themselves expect the trends to break down long before that (see
# {ref}`sec-how-far`). Recompute any number you quote, and say how far it lies beyond the data.
# ```

# %%
claimed = {1e9: 2.5, 1e11: 1.8, 1e12: 1.6}  # nats/token, as quoted by the popular text
print(f"{'N [non-embedding]':>18} {'claimed':>9} {'Kaplan L(N)':>12}   [nats/token]")
for n, loss_claimed in claimed.items():
    print(f"{n:>18.0e} {loss_claimed:>9.2f} {scaling.kaplan_loss_n(n):>12.2f}")
n_largest_measured = 1.5e9
print(f"\n1e14 parameters: L = {scaling.kaplan_loss_n(1e14):.2f} nats/token, "
      f"{np.log10(1e14 / n_largest_measured):.1f} orders of magnitude")
print(f"  past the largest measured model, {n_largest_measured:.1e}")

# %% tags=["remove-cell"]
assert round(scaling.kaplan_loss_n(1e9), 2) == 2.38
assert round(scaling.kaplan_loss_n(1e11), 2) == 1.67
assert round(scaling.kaplan_loss_n(1e12), 2) == 1.41
assert round(np.log10(1e14 / n_largest_measured)) == 5
assert 0.9 < scaling.kaplan_loss_n(1e14) < 1.0

# %% [markdown]
# ## Fitting a line to small-model measurements
#
# In practice nobody hands you the law: you train a few affordable models, measure their losses and fit a
# straight line on log-log axes. By {eq}`eq-log-line`, that is ordinary least squares of $\log L$ on
# $\log N$, and the fitted slope estimates $-\alpha_N$.
#
# To see how well this works, the cell below simulates 10 measurements from {eq}`eq-kaplan-n` at sizes
# from $10^{6}$ to $10^{9}$ non-embedding parameters. Each has 1% multiplicative noise and the seed is
# fixed. It then fits a power law and extrapolates to $10^{12}$ parameters.

# %%
n_small = np.geomspace(1e6, 1e9, 10)  # non-embedding parameters
rel_noise = 0.01
loss_small = scaling.simulate_measurements(
    scaling.kaplan_loss_n, n_small, rel_noise=rel_noise, seed=0
)
fit_small = scaling.fit_power_law(n_small, loss_small)

n_target = 1e12
print(f"fitted slope {fit_small.k:.4f}, so alpha_N = {-fit_small.k:.4f}")
print(f"(Kaplan et al.: alpha_N = {K.alpha_n})")
print(f"R^2 of the line in log space: {fit_small.r2:.4f}")
print(f"at N = {n_target:.0e}: fit {fit_small.predict(n_target):.3f}, "
      f"Kaplan L(N) {scaling.kaplan_loss_n(n_target):.3f} nats/token")

# %% tags=["remove-cell"]
assert len(n_small) == 10 and n_small[0] == 1e6 and np.isclose(n_small[-1], 1e9)
assert rel_noise == 0.01 and round(np.log10(n_target / n_small[-1])) == 3
assert round(-fit_small.k, 3) == 0.077
assert round(fit_small.predict(n_target), 2) == 1.39
assert round(scaling.kaplan_loss_n(n_target), 2) == 1.41

# %% [markdown]
# The fit recovers $\alpha_N \approx 0.077$ from 10 noisy points. Extrapolated three orders of magnitude
# to $10^{12}$ parameters, it predicts 1.39 nats/token against 1.41 from the law itself. It does this well
# only because the simulated data follow a pure power law all the way up. The next section removes that
# assumption.

# %% tags=["hide-input"]
n_extra = np.geomspace(n_small[-1], n_target, 100)
fig, ax = plotting.new_figure()
ax.plot(n_small, loss_small, "o", color=plotting.PALETTE["vermillion"],
        label="simulated measurements")
ax.plot(n_small, fit_small.predict(n_small), color=plotting.PALETTE["blue"],
        label="fitted power law")
ax.plot(n_extra, fit_small.predict(n_extra), "--", color=plotting.PALETTE["blue"],
        label="extrapolation")
ax.plot(n_target, scaling.kaplan_loss_n(n_target), "*", ms=12,
        color=plotting.PALETTE["black"], label="Kaplan's L(N) at 10¹²")
plotting.label_axes(ax, "Parameters N [non-embedding]", "Loss L [nats/token]",
                    title="Fit on 10⁶ to 10⁹ parameters, extrapolated to 10¹²")
ax.legend(loc="upper right")
plotting.show(
    fig,
    alt=(
        "Log-log plot of ten simulated losses between 1e6 and 1e9 non-embedding "
        "parameters, a solid fitted line through them and a dashed extension to 1e12 "
        f"parameters that ends at {fit_small.predict(n_target):.2f} nats/token, next "
        f"to a star for the true value {scaling.kaplan_loss_n(n_target):.2f}."
    ),
)

# %% [markdown]
# ## Why an irreducible term changes the extrapolation
#
# Some of the loss can never be removed: text is partly unpredictable, so even a perfect model pays some
# nats per token. A law with such a floor $E$ adds it to a power law:
#
# $$
# L(N) = E + \frac{A}{N^{\alpha}}.
# $$ (eq-floor)
#
# Only the *reducible* part $L - E$ is a straight line on log-log axes. The total loss bends and levels off
# toward $E$. For realistic numbers we borrow the floor and the parameter term of
# {cite:t}`hoffmann2022training` (the "Chinchilla" fit). Their full law also has a data term $B/D^{\beta}$;
# leaving it out describes models with unlimited data. Chinchilla's loss was measured on different text
# with a different tokenizer, so these values cannot be compared directly with Kaplan's. Here they only
# give the simulated data a realistic shape.
#
# The cell simulates the same 10 sizes from {eq}`eq-floor`. It fits both a pure power law and a power law
# with a floor (`fit_power_law_with_floor`), and compares their predictions with the truth.

# %%
CHIN = scaling.HOFFMANN_2022  # Hoffmann et al. 2022, App. D.2: only E and the N term
E_CHIN, A_CHIN, ALPHA_CHIN = CHIN.E, CHIN.A, CHIN.alpha


def loss_with_floor(n):
    """E + A / N^alpha, Hoffmann et al.'s constants: nats/token on Chinchilla's data."""
    return E_CHIN + A_CHIN * np.asarray(n, dtype=float) ** -ALPHA_CHIN


loss_floor_data = scaling.simulate_measurements(
    loss_with_floor, n_small, rel_noise=rel_noise, seed=0
)
pure_fit = scaling.fit_power_law(n_small, loss_floor_data)
floor_fit = scaling.fit_power_law_with_floor(n_small, loss_floor_data)


def largest_misfit(fit):
    """The largest relative gap between ``fit`` and the simulated data, in log space."""
    return np.max(np.abs(np.log(fit.predict(n_small) / loss_floor_data)))


print(f"pure power law: slope {pure_fit.k:.3f}, R^2 = {pure_fit.r2:.3f}, "
      f"largest misfit {largest_misfit(pure_fit):.1%}")
print(f"with a floor:   E = {floor_fit.e:.3f}, slope {floor_fit.k:.3f}, "
      f"largest misfit {largest_misfit(floor_fit):.1%}")
print(f"\n{'N':>8} {'truth':>7} {'pure':>7} {'floor':>7}   [nats/token]")
for n in (1e12, 1e13):
    truth_n, pure_n = loss_with_floor(n), pure_fit.predict(n)
    print(f"{n:>8.0e} {truth_n:>7.3f} {pure_n:>7.3f} {floor_fit.predict(n):>7.3f}")

# %% tags=["remove-cell"]
assert (E_CHIN, A_CHIN, ALPHA_CHIN) == (1.69, 406.4, 0.34)
assert round(loss_with_floor(1e12), 2) == 1.72
assert round(pure_fit.predict(1e12), 2) == 0.71
assert round(floor_fit.predict(1e12), 2) == 1.68
assert round(floor_fit.e, 2) == 1.64
assert round(pure_fit.r2, 2) == 0.97
assert round(100 * largest_misfit(pure_fit)) == 9
assert round(100 * largest_misfit(floor_fit)) == 1
assert pure_fit.predict(1e13) < pure_fit.predict(1e12) < 1.0

# %% [markdown]
# Inside the measured range both curves follow the points, although the pure power law misses some by up
# to 9% (against 1% for the floor law) and its $R^2$ is 0.97. With noisier or fewer points that bend
# would be easy to miss. Beyond the data they part ways. At $10^{12}$ parameters the pure power law predicts
# 0.71 nats/token and keeps falling toward zero. The floor law predicts 1.68 and flattens toward its
# fitted floor, $E \approx 1.64$. The truth is 1.72. Which form you fit matters more than the noise, and
# the gap widens the further you extrapolate.

# %% tags=["hide-input"]
n_wide = np.geomspace(1e6, 1e13, 200)
n_beyond = np.geomspace(n_small[-1], 1e13, 100)
fig, axes = plotting.new_figure("pair", sharey=True)
for ax, model, name, colour in (
    (axes[0], pure_fit, "pure power law", "blue"),
    (axes[1], floor_fit, "power law + floor", "green"),
):
    black = plotting.PALETTE["black"]
    ax.plot(n_wide, loss_with_floor(n_wide), color=black, lw=1,
            label="true law, with floor")
    ax.axhline(E_CHIN, color=black, lw=1, ls=":", label=f"floor E = {E_CHIN}")
    ax.plot(n_small, loss_floor_data, "o", color=plotting.PALETTE["vermillion"],
            label="simulated measurements")
    ax.plot(n_small, model.predict(n_small), color=plotting.PALETTE[colour],
            label=f"fit: {name}")
    ax.plot(n_beyond, model.predict(n_beyond), "--", color=plotting.PALETTE[colour])
    plotting.label_axes(ax, "Parameters N [Chinchilla's count]", "Loss L [nats/token]",
                        title=name)
axes[1].plot([], [], "--", color="grey", label="dashed: extrapolated")
axes[1].set_ylabel("")
plotting.legend_outside(fig, "below")
plotting.show(
    fig,
    alt=(
        "Two log-log panels with the same ten simulated losses between 1e6 and 1e9 "
        "parameters, drawn from a law with a floor of 1.69 nats/token. Left: a pure "
        "power law fit whose dashed extrapolation keeps falling, to "
        f"{pure_fit.predict(1e13):.2f} at 1e13. Right: a fit with a floor whose "
        "extrapolation flattens and stays close to the true curve."
    ),
)

# %% [markdown]
# ## A bootstrap band on an extrapolation
#
# How uncertain is an extrapolated number? One standard answer is the bootstrap
# {cite:p}`efron1979bootstrap`. Resample the measurements with replacement, refit the line to each
# resample, and look at the spread of the predictions. The cell uses 2000 resamples and takes the 5th and
# 95th percentiles at every $N$ from the data up to $10^{12}$. It does this twice: for the Kaplan-shaped
# data of the fitting section and for the floor data of the previous section, each time fitting a pure
# power law.

# %%
n_boot = 2000
n_band = np.geomspace(n_small[0], n_target, 61)
bands = {}
for name, loss_data, truth in (
    ("Kaplan-shaped data", loss_small, scaling.kaplan_loss_n),
    ("data with a floor", loss_floor_data, loss_with_floor),
):
    preds = scaling.bootstrap_power_law(n_small, loss_data, n_band, n_boot=n_boot,
                                        seed=1)
    low, high = np.percentile(preds, [5, 95], axis=0)
    bands[name] = (low, high, truth)
    print(f"{name:<19} 5-95% band at 1e12: {low[-1]:.3f} to {high[-1]:.3f}, "
          f"truth {truth(n_target):.3f} nats/token")
print(f"({preds.shape[0]} refits each)")

# %% tags=["remove-cell"]
assert n_boot == 2000 and np.isclose(n_band[-1], 1e12)
_low, _high, _ = bands["Kaplan-shaped data"]
assert _low[-1] < scaling.kaplan_loss_n(n_target) < _high[-1]
assert (round(_low[-1], 2), round(_high[-1], 2)) == (1.37, 1.44)
_low, _high, _ = bands["data with a floor"]
assert _high[-1] < loss_with_floor(n_target)
assert (round(_low[-1], 2), round(_high[-1], 2)) == (0.57, 0.84)

# %% [markdown]
# For the Kaplan-shaped data the band at $10^{12}$ runs from 1.37 to 1.44 nats/token and contains the true
# 1.41. For the data with a floor it runs from 0.57 to 0.84, and the truth, 1.72, lies far above it. The
# band shows how much the fitted line moves when the measurements are noisy. It says nothing about whether
# a straight line was the right model in the first place, and that risk, from the previous section, is the
# larger one here. A narrow band on a wrong functional form is confidently wrong.

# %% tags=["hide-input"]
fig, axes = plotting.new_figure("pair", sharey=True)
for ax, (name, (low, high, truth)), loss_data in zip(
    axes, bands.items(), (loss_small, loss_floor_data), strict=True
):
    ax.fill_between(n_band, low, high, color=plotting.PALETTE["sky"], alpha=0.5,
                    label="5-95% bootstrap band")
    ax.plot(n_band, truth(n_band), color=plotting.PALETTE["black"], lw=1,
            label="true law")
    ax.plot(n_small, loss_data, "o", color=plotting.PALETTE["vermillion"],
            label="simulated measurements")
    ax.axvline(n_small[-1], color=plotting.PALETTE["black"], lw=1, ls=":",
               label="largest measured N")
    plotting.label_axes(ax, "Parameters N [non-embedding]", "Loss L [nats/token]",
                        title=name)
axes[1].set_xlabel("Parameters N [Chinchilla's count]")
axes[1].set_ylabel("")
plotting.legend_outside(fig, "below", ncols=2)
plotting.show(
    fig,
    alt=(
        "Two log-log panels of bootstrap bands for a pure power law fitted to ten "
        "points between 1e6 and 1e9 parameters and extended to 1e12. Left, "
        "Kaplan-shaped data: the narrow band contains the true line. Right, data with "
        "a floor: the band bends down away from the true curve, which stays far above "
        "it."
    ),
)

# %% [markdown]
# (sec-how-far)=
# ## How far the law was measured
#
# A fitted law is evidence only over the range it was fitted on. Kaplan et al.'s models span 768 to
# $1.5 \times 10^{9}$ non-embedding parameters. The cell counts that span, and how far a $10^{12}$-parameter
# model lies beyond it, in orders of magnitude (powers of ten).

# %%
n_smallest_measured = 768
span_n = np.log10(n_largest_measured / n_smallest_measured)
beyond_1e12 = np.log10(n_target / n_largest_measured)
print(f"measured span in N: log10({n_largest_measured:.1e} / {n_smallest_measured}) "
      f"= {span_n:.2f} orders of magnitude")
print(f"a 1e12 model lies log10(1e12 / {n_largest_measured:.1e}) "
      f"= {beyond_1e12:.2f} orders of magnitude beyond")

# %% tags=["remove-cell"]
assert round(span_n, 1) == 6.3 and int(span_n) == 6
assert round(beyond_1e12, 1) == 2.8 and round(beyond_1e12) == 3
assert round(n_target / n_largest_measured, -1) == 670

# %% [markdown]
# The size law was measured over about 6.3 orders of magnitude: 6 full powers of ten, not 7. The paper's
# abstract mentions trends "spanning more than seven orders of magnitude", but that refers to some of the
# trends, not to $N$. Compute spans 8 orders and data more than 2. A $10^{12}$-parameter model sits about
# 2.8 orders of magnitude (a factor of about 670) past the largest measured one.
#
# Kaplan et al. (section 6.3) also argue that the laws cannot all hold for ever. Compute-efficient training
# uses data that grows only slowly with compute, so far enough out $L(C_\text{min})$ would predict a lower loss
# than $L(D)$ allows for that much data. They estimate the trends must break down around
# $C^* \sim 10^{4}$ PF-days, $N^* \sim 10^{12}$ parameters, $D^* \sim 10^{12}$ tokens and
# $L^* \sim 1.7$ nats/token, and they call these numbers highly uncertain. The cell checks that
# {eq}`eq-kaplan-c` at $C^*$ is consistent with $L^*$.

# %%
c_star = 1e4  # PF-days
print(f"C* = {c_star:.0e} PF-days = {units.pf_days_to_flop(c_star):.2e} FLOP")
print(f"L(C_min = C*) = {scaling.kaplan_loss_c(c_star):.2f} nats/token")
print("(Kaplan et al.'s L* is about 1.7)")

# %% tags=["remove-cell"]
assert round(scaling.kaplan_loss_c(c_star), 2) == 1.68
assert round(units.pf_days_to_flop(c_star) / 1e23, 2) == 8.64

# %% [markdown]
# At $C^* = 10^{4}$ PF-days ($8.64 \times 10^{23}$ FLOP), {eq}`eq-kaplan-c` gives 1.68 nats/token, in line
# with $L^* \sim 1.7$. Read this way, the laws are forecasts with an expiry date, not laws of nature.
#
# ```{exercise}
# :label: ex-c-for-l-star
#
# Invert {eq}`eq-kaplan-c`: how many PF-days does $L(C_\text{min})$ need to reach exactly 1.7 nats/token?
# Compare the answer with $C^*$. Use `scaling.kaplan_c_for_loss`.
# ```
#
# ```{solution} ex-c-for-l-star
# :class: dropdown
#
# $C_\text{min} = C_c^\text{min} \cdot L^{-1/\alpha_C^\text{min}}$, and `scaling.kaplan_c_for_loss(1.7)` returns about 7,600
# PF-days, about 1.3 times less than $C^* \sim 10^{4}$ PF-days. For estimates Kaplan et al. call highly
# uncertain, the two agree well.
# ```

# %% tags=["remove-cell"]
assert round(scaling.kaplan_c_for_loss(1.7), -2) == 7600
assert round(c_star / scaling.kaplan_c_for_loss(1.7), 1) == 1.3

# %% [markdown]
# ## Explore: loss against compute budget
#
# Move the slider to choose a compute budget between $10^{-6}$ and $10^{4}$ PF-days. The figure marks that
# budget on $L(C_\text{min})$ and gives the loss in its title. Every frame is drawn when the cell runs, and the
# slider switches between them in your browser, so it works even on the static website with no Python
# running.

# %% tags=["hide-input"]
budgets = np.geomspace(1e-6, 1e4, 11)  # PF-days, one step per power of ten
c_curve = np.geomspace(budgets[0], budgets[-1], 200)
loss_curve = scaling.kaplan_loss_c(c_curve)


def draw_budget(c):
    """L(C_min) on log-log axes with a marker at the budget ``c`` (PF-days)."""
    loss = scaling.kaplan_loss_c(c)
    fig, ax = plotting.new_figure()
    ax.plot(c_curve, loss_curve, color=plotting.PALETTE["green"],
            label=r"Kaplan's $L(C_\mathrm{min})$")
    ax.plot(c, loss, "o", ms=10, color=plotting.PALETTE["vermillion"],
            label="your budget")
    pf_days = plotting.number_label(c)
    flop = plotting.number_label(units.pf_days_to_flop(c))
    title = f"{pf_days} PF-days ({flop} FLOP): L = {loss:.2f} nats/token"
    plotting.label_axes(ax, r"Compute $C_\mathrm{min}$ [PF-days]",
                        "Loss L [nats/token]", title=title)
    ax.legend(loc="upper right")
    return plotting.show(
        fig,
        alt=(
            "Log-log plot of Kaplan's compute law, a straight line falling from "
            f"{loss_curve[0]:.2f} to {loss_curve[-1]:.2f} nats/token between 1e-6 and "
            f"1e4 PF-days, with a marker at {c:.0e} PF-days where the loss is "
            f"{loss:.2f} nats/token."
        ),
    )


widgets.explorer(
    draw_budget,
    budgets,
    label="Budget [PF-days]",
    fmt=lambda c: f"{c:.0e} PF-days",
)

# %% tags=["remove-cell"]
assert len(budgets) == 11 and budgets[0] == 1e-6 and np.isclose(budgets[-1], 1e4)

# %% [markdown]
# ## Summary
#
# - A power law $y = A\,x^{-\alpha}$ multiplies $y$ by the same factor, $2^{-\alpha}$, for every doubling
#   of $x$. On log-log axes it is a straight line with slope $-\alpha$.
# - Kaplan et al. fitted $L(N)$, $L(D)$ and $L(C_\text{min})$ with exponents 0.076, 0.095 and 0.050. The
#   loss is in nats per token on WebText2, $N$ counts non-embedding parameters, $D$ tokens and
#   $C_\text{min}$ PF-days. The constants depend on the tokenizer.
# - Doubling $N$ lowers the loss by about 5%, and ten times more compute by about 11%.
# - A pure power law fitted to small models extrapolates well only if the true law has no floor. With an
#   irreducible term it undershoots badly: 0.71 against a true 1.72 nats/token at $10^{12}$ in our
#   simulation.
# - A bootstrap band covers noise in the measurements, not a wrong functional form.
# - $L(N)$ was measured over about 6 orders of magnitude, up to $1.5 \times 10^{9}$ parameters, and Kaplan
#   et al. expect the trends to break down near $10^{4}$ PF-days and about 1.7 nats/token.
#
# ## Exercises
#
# <a href="exercises.html#set-01_power_laws">Exercise set 1</a> opens in Binder, Colab or a JupyterHub from
# its row on the Exercises page; in a clone of the repository it is `exercises/01_power_laws.ipynb`. It has
# four graded tasks:
#
# - `loss_from_params(n, n_c, alpha_n)`: Kaplan's $L(N)$ as a vectorised function that rejects
#   non-positive sizes;
# - `fit_log_log(x, y)`: fit a power law with a straight line on log-log axes;
# - `extrapolate_with_floor(x, y, floor, x_new)`: fit and extrapolate a law with a known floor;
# - `compute_multiplier(loss_now, loss_target, alpha, floor=0.0)`: how much more scale a target loss needs.

# %% tags=["remove-cell"]
# Summary numbers, pinned once more against the helpers: a wrong helper fails the build.
assert (K.alpha_n, K.alpha_d, K.alpha_c_min) == (0.076, 0.095, 0.050)
assert round(100 * (1 - 2**-K.alpha_n)) == 5
assert round(100 * (1 - 10**-K.alpha_c_min)) == 11
assert round(pure_fit.predict(1e12), 2) == 0.71
assert round(loss_with_floor(1e12), 2) == 1.72
assert int(np.log10(1.5e9 / 768)) == 6 and n_largest_measured == 1.5e9
assert round(scaling.kaplan_loss_c(1e4), 1) == 1.7
