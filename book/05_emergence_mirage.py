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
# # Emergence or mirage? The same models under two rulers
#
# Chapter 1 showed the test loss falling smoothly and predictably with scale. Scores on some downstream
# tasks look different: near zero for small models, then a sudden rise past some size.
# {cite:t}`wei2022emergent` called such abilities *emergent*. {cite:t}`schaeffer2023mirage` replied that
# many of these jumps come from the way the task is scored, not from the models. This chapter puts the two
# views side by side on one simulated family of models:
#
# - what "emergent" means, with examples from Wei et al.'s Table 1;
# - one smooth loss law, and the same models scored by exact match and by token edit distance;
# - multiple-choice grade against Brier score;
# - two more ways to see a jump that is not there: too few test items, and a linear axis;
# - what would count as evidence of a real transition.
#
# Units: model size $N$ in parameters, training compute in FLOP (a count), loss in nats per token,
# accuracies as fractions, answer lengths and edit distances in tokens.

# %%
import numpy as np

from helpers import data, emergence, plotting, scaling, units, widgets

# %% [markdown]
# ## What "emergent" means
#
# {cite:t}`wei2022emergent` define an ability as emergent "if it is not present in smaller models but is
# present in larger models". Such an ability cannot be predicted by extrapolating the scores of smaller
# models. Their Table 1 lists, for each ability, the smallest model at which it was seen: its training
# compute and its number of parameters. `helpers.data` holds some of the rows, typed from the paper. The
# cell prints them, with the compute also in PF-days ({doc}`01_power_laws`).

# %%
print(f"{'ability':<42}{'FLOP':>8} {'PF-days':>8} {'params':>6}  model")
for row in data.WEI_2022_TABLE_1:
    size = f"{row.params / 1e9:g}B" if row.params >= 1e9 else f"{row.params / 1e6:g}M"
    pf_days = units.flop_to_pf_days(row.train_flop)
    print(f"{row.ability:<42}{row.train_flop:>8.1e} {pf_days:>8,.0f} {size:>6}  "
          f"{row.model}")
addition = data.WEI_2022_TABLE_1[0]
print(f"\n6ND, GPT-3 13B on 300B tokens: {6 * addition.params * 300e9:.2e} FLOP")

# %% tags=["remove-cell"]
assert addition.ability.startswith("Addition/subtraction (3 digit)")
assert (addition.train_flop, addition.params, addition.model) == (2.3e22, 13e9, "GPT-3")
assert round(units.flop_to_pf_days(addition.train_flop)) == 266
assert round(6 * addition.params * 300e9 / 1e22, 2) == 2.34
_smallest = min(data.WEI_2022_TABLE_1, key=lambda r: r.train_flop)
_largest = max(data.WEI_2022_TABLE_1, key=lambda r: r.train_flop)
assert (_smallest.params, _smallest.train_flop) == (40e6, 8.9e19)
assert (_largest.params, _largest.model) == (540e9, "PaLM")
assert round(np.log10(_largest.train_flop / _smallest.train_flop), 1) == 4.4

# %% [markdown]
# Three-digit addition and subtraction, with a few examples in the prompt, appears at $2.3 \times 10^{22}$
# FLOP (about 266 PF-days), in the 13-billion-parameter GPT-3. That is $6ND$ for 13B parameters and the
# 300B tokens all GPT-3 models were trained on {cite:p}`brown2020language`, $2.34 \times 10^{22}$ FLOP. The
# emergent scales in these rows span about 4.4 orders of magnitude of compute, from a 40M-parameter model
# fine-tuned with a scratchpad to the 540B-parameter PaLM.
#
# Note what a row says: the ability was *measured* as absent in the smaller models of that family and
# present in this one. Whether the change was sudden depends on how "present" was scored. The rest of the
# chapter builds that argument.

# %% [markdown]
# ## One family of models, one smooth loss
#
# Start from a family of models whose loss falls smoothly with size, as in chapter 1. Let
# $L_\text{CE}(N)$ be the per-token cross-entropy on the tokens of a task's answers.
# {cite:t}`schaeffer2023mirage` (section 2) model it as a power law,
#
# $$
# L_\text{CE}(N) = \left(\frac{N_0}{N}\right)^{\alpha}, \qquad N_0 > 0,\ \alpha > 0,
# $$ (eq-loss-law)
#
# where $N_0$ is the size at which the loss is 1 nat per token. (Schaeffer et al. write it as
# $(N/c)^{\alpha}$ with a negative exponent; the book keeps exponents positive.) It has the form of Kaplan's
# $L(N) = (N_c/N)^{\alpha_N}$. A cross-entropy is
# the negative log-probability of the correct token, so the probability that the model emits the correct
# token is
#
# $$
# p(N) = \exp\bigl(-L_\text{CE}(N)\bigr).
# $$ (eq-p-from-loss)
#
# The constants below are **illustrative assumptions**, not a fit to any benchmark. They are chosen so
# that $p$ climbs from near 0 to near 1 between $10^{7}$ and $10^{13}$ parameters, the range of the models
# in Wei et al.'s table. Change them and rerun the chapter: the argument does not depend on them.

# %%
N_0 = 1e9  # [parameters] where the loss is 1 nat/token (p = 1/e): an assumption
ALPHA = 0.5  # exponent of the per-token loss law: an assumption
# helpers.emergence takes Schaeffer et al.'s form, (N / c)^alpha with alpha < 0:
LAW = (N_0, -ALPHA)  # c = N_0, alpha = -ALPHA
n_models = np.geomspace(1e7, 1e13, 13)  # 13 models, two per power of ten [parameters]
loss_models = emergence.power_law_loss(n_models, *LAW)
p_models = emergence.per_token_probability(loss_models)

print(f"{'N [params]':>10} {'L_CE [nats/token]':>18} {'p':>7}")
for n, loss, p in zip(n_models[::2], loss_models[::2], p_models[::2], strict=True):
    print(f"{n:>10.0e} {loss:>18.3f} {p:>7.3f}")

# %% tags=["remove-cell"]
assert len(n_models) == 13
assert np.isclose(n_models[0], 1e7) and np.isclose(n_models[-1], 1e13)
assert round(float(p_models[0]), 4) == 0.0 and round(float(p_models[-1]), 2) == 0.99
_loss_at_n0 = emergence.power_law_loss(N_0, *LAW)
assert np.isclose(emergence.per_token_probability(_loss_at_n0), np.exp(-1))
assert np.allclose(loss_models[:-2:2] / loss_models[2::2], 10**0.5)
assert round(10**0.5, 2) == 3.16

# %% [markdown]
# The loss falls by a factor of $10^{0.5} \approx 3.16$ per power of ten in $N$, and the per-token
# probability rises smoothly from 0.000 at $10^{7}$ parameters to 0.99 at $10^{13}$.
#
# ```{admonition} Why not Kaplan's constants?
# :class: note
# Their loss is an average over all the tokens of web text, most of which no model can predict with
# certainty. With $N_0 = 8.8 \times 10^{13}$ and $\alpha = 0.076$, even
# a $10^{12}$-parameter model has a loss of 1.41 nats/token, so $p \approx 0.25$. The loss that matters for a task is the
# loss on that task's answer tokens, which can fall much further. It follows its own law.
# ```

# %% tags=["remove-cell"]
_K = scaling.KAPLAN_2020
_kaplan_loss_1e12 = emergence.power_law_loss(1e12, _K.n_c, -_K.alpha_n)
assert round(_kaplan_loss_1e12, 2) == 1.41
assert round(emergence.per_token_probability(_kaplan_loss_1e12), 2) == 0.25
assert np.isclose(_kaplan_loss_1e12, scaling.kaplan_loss_n(1e12))

# %% [markdown]
# ## Two rulers for the same answers
#
# Now score answers that are $\ell$ tokens long. Suppose each token is right with probability $p$,
# independently of the others. *Exact match* gives credit only when every token is right, so its expected
# score multiplies $\ell$ probabilities together:
#
# $$
# \text{exact match} \approx p^{\ell}.
# $$ (eq-exact-match)
#
# *Token edit distance* counts the tokens that would have to change to turn the answer into the target.
# Each token is wrong with probability $1 - p$, so on average
#
# $$
# \text{token edit distance} \approx \ell\,(1 - p).
# $$ (eq-edit-distance)
#
# These are the two approximations of {cite:t}`schaeffer2023mirage`, section 2. The first is nonlinear in
# the per-token error $1 - p$; the second is linear in it. The cell scores the same 13 models both ways,
# for answers of $\ell = 5$ tokens (`emergence.exact_match`, `emergence.expected_token_edit_distance`).

# %%
length = 5  # tokens in each answer
I_1E8, I_1E9 = 2, 4  # where the 1e8- and 1e9-parameter models sit in n_models
exact = emergence.exact_match(p_models, length)
edit = emergence.expected_token_edit_distance(p_models, length)
print(f"{'N [params]':>10} {'exact match':>12} {'edit distance [tokens]':>23}")
for n, em, ed in zip(n_models[::2], exact[::2], edit[::2], strict=True):
    print(f"{n:>10.0e} {em:>12.4f} {ed:>23.2f}")

# %% tags=["remove-cell"]
assert np.isclose(n_models[I_1E8], 1e8) and np.isclose(n_models[I_1E9], 1e9)
assert round(float(edit[I_1E8]), 2) == 4.79 and round(float(edit[I_1E9]), 2) == 3.16
assert round(float(exact[I_1E9]), 4) == 0.0067 and float(exact[I_1E8]) < 1e-6
assert round(float(edit[I_1E8] - edit[I_1E9]) / length, 2) == 0.33
assert round(float(exact[-1]), 2) == 0.95 and round(float(edit[-1]), 2) == 0.05

# %% [markdown]
# Between $10^{8}$ and $10^{9}$ parameters the edit distance falls from 4.79 to 3.16 tokens, a third of its
# whole range. Over the same step, exact match goes from less than one in a million to 0.0067: it looks like
# nothing is happening. The two columns describe the same answers from the same models. Only the ruler
# differs.
#
# The figure draws both scores as benchmark plots usually are: a log axis for $N$ and a linear axis for the
# score.

# %% tags=["hide-input"]
n_curve = np.geomspace(1e7, 1e13, 300)
p_curve = emergence.per_token_probability(emergence.power_law_loss(n_curve, *LAW))


def draw_two_rulers(axes, answer_length, *, threshold=0.5):
    """Exact match (left) and token edit distance (right) for one answer length."""
    n_star = emergence.exact_match_threshold_scale(threshold, answer_length, *LAW)
    p_dots = emergence.per_token_probability(emergence.power_law_loss(n_models, *LAW))
    ax_em, ax_ed = axes
    red, blue, black = (plotting.PALETTE[c] for c in ("vermillion", "blue", "black"))
    ax_em.plot(n_curve, emergence.exact_match(p_curve, answer_length), color=red)
    ax_em.plot(n_models, emergence.exact_match(p_dots, answer_length), "o", color=red)
    ax_em.axhline(threshold, color=black, lw=1, ls=":")
    crossing = ""
    if n_star <= n_curve[-1]:  # a dashed line where the curve reaches the threshold
        ax_em.axvline(n_star, color=black, lw=1, ls="--")
        where = plotting.number_label(float(f"{n_star:.2g}"))
        crossing = f": {threshold:.0%} at {where}"
    edit_curve = emergence.expected_token_edit_distance(p_curve, answer_length)
    ax_ed.plot(n_curve, edit_curve, color=blue)
    edit_dots = emergence.expected_token_edit_distance(p_dots, answer_length)
    ax_ed.plot(n_models, edit_dots, "o", color=blue)
    plotting.label_axes(ax_em, "Parameters N [count]",
                        "Exact match [fraction of answers]", log="x",
                        title=f"Exact match{crossing}")
    plotting.label_axes(ax_ed, "Parameters N [count]", "Token edit distance [tokens]",
                        log="x", title=f"Edit distance, {answer_length}-token answers")
    ax_em.set_ylim(-0.02, 1.02)
    ax_ed.set_ylim(-0.02 * answer_length, 1.02 * answer_length)
    return n_star


fig, axes = plotting.new_figure("pair")
n_half = draw_two_rulers(axes, length)
plotting.show(
    fig,
    alt=(
        "Two panels with the same 13 models on a log axis of parameters from 1e7 to "
        "1e13. Left, exact match on 5-token answers: flat at zero up to about 1e9 "
        f"parameters, then a steep rise that crosses 50% near {n_half:.1e}. Right, "
        "token edit distance: a smooth decline from 5 tokens to nearly 0 across the "
        "whole range."
    ),
)

# %% tags=["remove-cell"]
assert round(n_half / 1e10, 1) == 5.2

# %% [markdown]
# On the left the family looks "emergent": nothing, then a rise through 50% at about $5.2 \times 10^{10}$
# parameters. On the right, the same models improve at every size. The edit distance is not a straight line either:
# it starts at $\ell$ tokens and ends near 0. What matters is that it moves, measurably, where exact match
# is stuck at zero, so small models already show where the family is heading.
#
# ```{admonition} Common mistake: multiplying probabilities in your head
# :class: warning
# A popular explainer scores a five-step task
# by exact match, from per-step accuracies 0.30, 0.45, 0.60, 0.80 and 0.92 at five model sizes, and
# reports the task accuracies as 0.2%, 0.6%, 7.8%, 33% and 66%. The second number is wrong:
# $0.45^{5} \approx 1.8\%$, three times more. The cell below recomputes all five. The lesson of the
# example survives, but check such numbers with code.
# ```

# %%
per_step = np.array([0.30, 0.45, 0.60, 0.80, 0.92])  # the explainer's inputs
claimed = np.array([0.002, 0.006, 0.078, 0.33, 0.66])  # its reported per_step ** 5
recomputed = emergence.exact_match(per_step, 5)
for p, said, right in zip(per_step, claimed, recomputed, strict=True):
    flag = "" if abs(said - right) < 0.0051 else "   <- wrong"
    print(f"{p:.2f}^5 = {right:.2%}   (claimed {said:.1%}){flag}")

# %% tags=["remove-cell"]
assert round(100 * recomputed[1], 1) == 1.8 and round(recomputed[1] / 0.006) == 3
assert [round(100 * x, 1) for x in recomputed] == [0.2, 1.8, 7.8, 32.8, 65.9]

# %% [markdown]
# ## Where the threshold sits
#
# An "emergent scale" read off a plot is the size at which the curve crosses some level. For exact match
# the crossing can be solved exactly. Call the level that counts as "present" $\theta$. Setting
# $p^{\ell} = \theta$ with {eq}`eq-loss-law` and {eq}`eq-p-from-loss` gives
# $\ell\,(N_0/N)^{\alpha} = -\ln \theta$, so the scale at which exact match reaches $\theta$ is
#
# $$
# N_\theta = N_0 \left(\frac{\ell}{-\ln \theta}\right)^{1/\alpha}.
# $$ (eq-threshold)
#
# A longer answer needs a larger model: here, with $\alpha = 0.5$, $N_\theta$ grows as $\ell^{2}$. The
# level $\theta$ that you call "present" moves it too. The cell compares the closed form
# (`emergence.exact_match_threshold_scale`) with the crossing found on the 13 models by interpolation
# (`emergence.threshold_scale`), for three thresholds and three answer lengths.

# %%
print("N_theta [parameters]: closed form / interpolated on the 13 models")
print(f"{'answer length':>13} {'theta = 10%':>19} {'theta = 50%':>19} "
      f"{'theta = 90%':>19}")
thresholds = {}
for ell in (1, 5, 20):
    exact_ell = emergence.exact_match(p_models, ell)
    row = []
    for t in (0.1, 0.5, 0.9):
        closed = emergence.exact_match_threshold_scale(t, ell, *LAW)
        found = emergence.threshold_scale(n_models, exact_ell, t)
        thresholds[ell, t] = (closed, found)
        found_text = f"{found:.1e}" if np.isfinite(found) else "(>1e13)"
        row.append(f"{closed:.1e}/{found_text}")
    print(f"{ell:>13} " + " ".join(f"{cell:>19}" for cell in row))

# %% tags=["remove-cell"]
assert all(abs(np.log10(found / closed)) < 0.1
           for closed, found in thresholds.values() if np.isfinite(found))
assert round(thresholds[5, 0.5][0] / thresholds[1, 0.5][0]) == 25
assert round(np.log10(thresholds[5, 0.9][0] / thresholds[5, 0.1][0]), 1) == 2.7
assert round(np.log10(thresholds[20, 0.5][0] / thresholds[1, 0.5][0]), 1) == 2.6

# %% [markdown]
# Going from 1-token to 5-token answers moves the 50% crossing up by a factor of $5^{2} = 25$, and 20-token
# answers move it about 2.6 orders of magnitude. Calling 10% "present" instead of 90% moves it by 2.7
# orders of magnitude. The interpolated crossings agree with {eq}`eq-threshold` to within a
# tenth of an order of magnitude, although only 13 models were scored. None of these choices changes the
# models.
#
# ```{exercise}
# :label: ex-double-length
#
# With $\alpha = 0.5$, by what factor does the 50% exact-match scale $N_\theta$ grow when the answers
# are twice as long? And with $\alpha = 0.25$?
# ```
#
# ```{solution} ex-double-length
# :class: dropdown
#
# By {eq}`eq-threshold`, $N_\theta \propto \ell^{1/\alpha}$. Doubling $\ell$ multiplies $N_\theta$ by
# $2^{1/\alpha}$: $2^{2} = 4$ for $\alpha = 0.5$ and $2^{4} = 16$ for $\alpha = 0.25$. The flatter the
# loss law, the further a longer answer pushes the apparent threshold.
# ```

# %% tags=["remove-cell"]
def _growth_when_doubled(alpha):
    """N_theta for 10-token over 5-token answers, at theta = 0.5 and exponent alpha."""
    scale = emergence.exact_match_threshold_scale
    return scale(0.5, 10, 1e9, -alpha) / scale(0.5, 5, 1e9, -alpha)


assert np.isclose(_growth_when_doubled(0.5), 4)
assert np.isclose(_growth_when_doubled(0.25), 16)

# %% [markdown]
# ## Multiple-choice grade and Brier score
#
# Multiple-choice questions have the same pair of rulers. The *multiple-choice grade* of a question is 1
# when the model gives the right option the highest probability, else 0. The *Brier score*
# {cite:p}`brier1950verification` is the squared distance between the model's probabilities over the
# options and the one-hot vector of the right answer:
#
# $$
# \text{Brier} = \sum_{i=1}^{n_\text{choice}} \bigl(q_i - [\,i \text{ is right}\,]\bigr)^{2},
# $$ (eq-brier)
#
# from 0 (all probability on the right option) to 2 (all of it on one wrong option); lower is better.
# {cite:t}`schaeffer2023mirage` report that most of the emergent abilities in BIG-Bench appear under
# multiple-choice grade or exact string match, and use Brier score as a continuous alternative.
#
# To score our family, we need each model's probabilities over the options. Assume 4 options; the right
# one gets $q = \exp(-h_j L_\text{CE}(N))$, where $h_j$ is the difficulty of question $j$ (as in
# chapter 4, a multiplier of the per-token loss), and the three wrong options share the rest equally. A
# benchmark of 200 questions draws $h_j$ from a log-normal distribution
# (median 1, spread 0.5 in log units, seed 0). These are again illustrative assumptions.

# %%
n_options, n_questions = 4, 200
difficulty = np.random.default_rng(0).lognormal(mean=0.0, sigma=0.5, size=n_questions)
q_right = np.exp(-np.outer(loss_models, difficulty))  # (models, questions)
probs = np.empty((*q_right.shape, n_options))
probs[..., 0] = q_right  # option 0 is the right one
probs[..., 1:] = ((1 - q_right) / (n_options - 1))[..., None]
right_option = np.zeros(q_right.shape, dtype=int)

mc_accuracy = emergence.multiple_choice_grade(probs, right_option).mean(axis=1)
mean_brier = emergence.brier_score(probs, right_option).mean(axis=1)
print(f"{'N [params]':>10} {'MC accuracy':>12} {'mean Brier':>11}")
for n, acc, brier in zip(n_models[::2], mc_accuracy[::2], mean_brier[::2], strict=True):
    print(f"{n:>10.0e} {acc:>12.3f} {brier:>11.3f}")

# %% tags=["remove-cell"]
assert mc_accuracy[0] == 0.0 and mc_accuracy[-1] == 1.0
assert round(float(mean_brier[0]), 2) == 1.33 and float(mean_brier[-1]) < 0.01
assert np.all(np.diff(mean_brier) < 0) and np.all(np.diff(mc_accuracy) >= 0)
_mc_up = emergence.threshold_scale(n_models, mc_accuracy, 0.1)
_mc_top = emergence.threshold_scale(n_models, mc_accuracy, 0.9)
assert round(np.log10(_mc_top / _mc_up), 1) == 1.2
assert list(mc_accuracy[:2]) == [0.0, 0.0]
assert round(float(mc_accuracy[2]), 2) == 0.04  # 1e8 parameters

# %% [markdown]
# A question's grade flips from 0 to 1 when $q$ passes $1/4$, the share of each wrong option. Averaged
# over 200 questions of different difficulty, the accuracy is 0 for the two smallest models and 4% at
# $10^{8}$ parameters, then climbs from 10% to 90% within about 1.2 orders of magnitude. The Brier score starts at 1.33 (all the
# probability on the wrong options) and falls at every step. In this toy the wrong options always split
# the rest equally, so small models score 0; real small models score near chance (25% with 4 options),
# which adds a floor but not a smooth rise.

# %% tags=["hide-input"]
fig, axes = plotting.new_figure("pair")
axes[0].plot(n_models, mc_accuracy, "o-", color=plotting.PALETTE["vermillion"])
axes[1].plot(n_models, mean_brier, "o-", color=plotting.PALETTE["blue"])
plotting.label_axes(axes[0], "Parameters N [count]",
                    "Multiple-choice accuracy [fraction]", log="x",
                    title="Multiple-choice grade, 200 questions")
plotting.label_axes(axes[1], "Parameters N [count]", "Mean Brier score [0 to 2]",
                    log="x", title="Brier score, same questions")
plotting.show(
    fig,
    alt=(
        "Two panels with the same 13 models on a log axis of parameters. Left, "
        "multiple-choice accuracy on 200 four-option questions: near zero up to 1e8 "
        "parameters, then a steep rise to 1. Right, mean Brier score on the same "
        "questions: a smooth fall from 1.33 to nearly 0."
    ),
)

# %% [markdown]
# ## Too few test items
#
# A benchmark score is measured on a finite set of items. With 100 items the smallest non-zero accuracy
# you can see is 1%, and a model whose true exact match is 0.67% (our $10^{9}$-parameter model) scores
# 0/100 about half the time. {cite:t}`schaeffer2023mirage` name this limited resolution as another source
# of apparent jumps. A score of 0/100 does not mean 0%; a *confidence interval* says which true accuracies are
# consistent with it. The Wilson score interval {cite:p}`wilson1927probable` is a good default for
# proportions {cite:p}`newcombe1998two`. At 95% confidence, for $c$ successes out of $n$, with
# $\hat p = c/n$ and $z = 1.96$,
#
# $$
# \frac{\hat p + \frac{z^{2}}{2n}}{1 + \frac{z^{2}}{n}} \pm \frac{z}{1 + \frac{z^{2}}{n}}
# \sqrt{\frac{\hat p (1 - \hat p)}{n} + \frac{z^{2}}{4n^{2}}}.
# $$ (eq-wilson)
#
# For $c = 0$ it runs from 0 to $z^{2}/(n + z^{2})$. The Clopper-Pearson interval
# {cite:p}`clopper1934use` is wider and never covers less than 95%. The cell evaluates each of the 13
# models on 100 items of 5-token answers (binomial draws, seed 0) and prints the Wilson intervals.

# %%
n_items = 100
rng = np.random.default_rng(0)
correct_items = rng.binomial(n_items, exact)
low, high = emergence.wilson_interval(correct_items, n_items)
print(f"{'N [params]':>10} {'true':>8} {'measured':>9} {'95% Wilson interval':>20}")
for n, true, k, lo, hi in zip(n_models, exact, correct_items, low, high, strict=True):
    print(f"{n:>10.1e} {true:>8.4f} {k:>5}/{n_items} {lo:>9.3f} to {hi:.3f}")
p_zero_at_1e9 = (1 - exact[I_1E9]) ** n_items
items_to_see_one = np.log(0.05) / np.log(1 - exact[I_1E9])
print(f"\nP(0/{n_items} for the 1e9 model, true {exact[I_1E9]:.2%}) "
      f"= {p_zero_at_1e9:.2f}")
print(f"items for a 95% chance of at least one success: {items_to_see_one:.0f}")
print(f"0/100: Wilson upper bound {emergence.wilson_interval(0, 100)[1]:.3f}, "
      f"Clopper-Pearson {emergence.clopper_pearson_interval(0, 100)[1]:.3f}")

# %% tags=["remove-cell"]
assert list(correct_items[:4]) == [0, 0, 0, 0] and correct_items[4] == 1
assert round(float(high[0]), 3) == 0.037
assert round(emergence.clopper_pearson_interval(0, 100)[1], 3) == 0.036
assert round(float(exact[I_1E9]), 4) == 0.0067 and round(p_zero_at_1e9, 2) == 0.51
assert round(float(items_to_see_one), -1) == 440
# "tens of millions" of items for an exact match of 1e-7:
assert 1e7 < np.log(0.05) / np.log1p(-1e-7) < 1e8
assert np.all((low <= exact) & (exact <= high))

# %% [markdown]
# The four smallest models all score 0/100, and each interval runs from 0 to 3.7%: the data cannot
# tell them apart, nor tell them from the $10^{9}$ model, which happened to score 1/100. To have a 95%
# chance of seeing even one success from that model you need about 440 items; a model with an exact match
# of $10^{-7}$ would need tens of millions. The flat start of an "emergent" curve can lie below the
# resolution of the benchmark rather than at zero. Every interval here contains the true value; at 95% that will
# fail about once in twenty.
#
# ### Undoing the sharp ruler
#
# When a score is resolved, the nonlinearity can be undone. By {eq}`eq-exact-match` and
# {eq}`eq-p-from-loss`, $-\ln(\text{exact match})/\ell = L_\text{CE}$: the per-token loss, which should fall on
# a straight line on log-log axes. The cell applies this to the measured scores that are neither 0 nor
# 100, and fits a power law (`scaling.fit_power_law`, chapter 1).

# %%
resolved = (correct_items > 0) & (correct_items < n_items)
loss_recovered = -np.log(correct_items[resolved] / n_items) / length  # nats/token
fit = scaling.fit_power_law(n_models[resolved], loss_recovered)
print(f"{resolved.sum()} resolved models; fitted slope {fit.k:.2f} "
      f"(true: -alpha = {-ALPHA})")

# %% tags=["remove-cell"]
assert resolved.sum() == 9 and round(fit.k, 2) == -0.48

# %% tags=["hide-input"]
fig, ax = plotting.new_figure()
measured = correct_items / n_items
ax.errorbar(n_models, measured, yerr=[measured - low, high - measured], fmt="o",
            color=plotting.PALETTE["vermillion"], capsize=3,
            label=f"measured on {n_items} items, 95% Wilson")
ax.plot(n_curve, emergence.exact_match(p_curve, length),
        color=plotting.PALETTE["black"], lw=1, label="true exact match")
plotting.label_axes(ax, "Parameters N [count]", "Exact match [fraction of answers]",
                    log="x",
                    title=f"5-token answers, {n_items} items per model")
ax.legend(loc="upper left")
plotting.show(
    fig,
    alt=(
        "Exact match of 13 models measured on 100 items each, with 95% Wilson "
        "intervals, against a log axis of parameters. The four smallest models score "
        "zero with intervals reaching 3.7%; the larger ones follow the true curve, "
        "which rises steeply after 1e9 parameters."
    ),
)

# %% [markdown]
# ## A linear axis
#
# The axes of a plot can also make a jump. The figure shows the true exact match of the 5-token family
# three ways. With a linear axis for $N$ (left), every model below $10^{12}$ parameters is squeezed into the
# first tenth of the axis, and any change among them looks like a vertical wall. With a log axis for $N$
# and a linear axis for the score (middle), the usual benchmark plot, the small scores are invisible. With
# both axes logarithmic (right), the score climbs steadily over 22 orders of magnitude, with no flat stretch
# and no knee.

# %% tags=["hide-input"]
exact_curve = emergence.exact_match(p_curve, length)
fig, axes = plotting.new_figure("triple")
titles = ("linear N and score", "log N, linear score", "log N and score")
for ax, log, title in zip(axes, ("", "x", "xy"), titles, strict=True):
    scale = 1e12 if log == "" else 1.0  # the linear axis counts in units of 10^12
    ax.plot(n_curve / scale, exact_curve, color=plotting.PALETTE["vermillion"])
    xlabel = "N [10¹² parameters]" if log == "" else "N [parameters]"
    plotting.label_axes(ax, xlabel, "Exact match [fraction]", log=log, title=title)
for ax in axes[1:]:
    ax.set_ylabel("")
axes[2].set_ylim(1e-23, 2)
plotting.show(
    fig,
    alt=(
        "The same exact-match curve for 5-token answers in three panels. Left, linear "
        "axes: a near-vertical rise at the left edge, then a plateau. Middle, log "
        "parameters and linear score: flat at zero up to 1e9, then a steep rise. "
        "Right, log-log: a smooth, steady climb from 1e-22 to 1."
    ),
)

# %% tags=["remove-cell"]
assert round(np.log10(exact_curve[-1] / exact_curve[0])) == 22
assert 1e12 / n_curve[-1] == 0.1

# %% [markdown]
# ## What is still open
#
# The argument above shows that a smooth improvement *can* look like a jump. It does not show that every
# jump is an artifact. In their discussion, {cite:t}`schaeffer2023mirage` stress that they do not claim
# large models cannot have emergent abilities, only that the ones claimed earlier may come from how the
# results were analysed. Their model also assumes what has to be checked: that the loss on a task's
# answers falls smoothly with scale, and that tokens are right independently of each other. If the loss
# itself bends at some scale, a continuous metric shows the bend too. And for some uses the sharp ruler
# is the right one: an answer with one wrong digit is wrong. The jump is then real for the user even when
# the improvement underneath is smooth; what is at stake is whether it could have been predicted. What
# would count as evidence of a real transition, in the sense of {cite:t}`wei2022emergent`:
#
# - **It survives a continuous metric.** Score the same outputs by edit distance, Brier score or the
#   log-probability of the target: a real transition shows a change of slope there too, not only in a
#   thresholded score.
# - **It survives resolution.** Enough items, with intervals, that "absent" means an upper bound well
#   below the later scores, not 0/100.
# - **It is sharp when sampled densely.** Many model sizes (or training checkpoints) between the last
#   model without the ability and the first with it, so that the jump is located within a narrow range
#   instead of falling between two models ten times apart.
# - **It could not have been predicted.** A forecast fitted, in advance, on the smaller models (after
#   undoing the metric as above) that misses the larger ones by more than its uncertainty.
#
# None of these tests needs new theory, only more careful measurement. A jump that passes all four is hard
# to explain away as a ruler; a jump that fails them is not thereby proven smooth.

# %% [markdown]
# ## Explore: answer length
#
# Move the slider to change the number of tokens in each answer. The loss law stays fixed (equation
# {eq}`eq-loss-law` with $N_0 = 10^{9}$ and $\alpha = 0.5$). Longer answers push the exact-match rise to
# larger models (as $\ell^{2}$), with the same shape on the log axis; the edit distance only scales up.

# %% tags=["hide-input"]
answer_lengths = [1, 2, 3, 5, 8, 12, 20, 30, 40]


def draw_length(answer_length):
    """Exact match and edit distance of the family for ``answer_length`` tokens."""
    fig, axes = plotting.new_figure("pair")
    n_star = draw_two_rulers(axes, answer_length)
    if n_star <= n_curve[-1]:
        where = f"crosses 50% near {n_star:.1e} parameters"
    else:
        where = "stays below 50% up to 1e13"
    return plotting.show(
        fig,
        alt=(
            f"Two panels for {answer_length}-token answers on a log axis of parameters "
            "from 1e7 to 1e13. Left: exact match, flat at zero and then rising "
            f"steeply; it {where}. Right: token edit distance, falling smoothly from "
            f"{answer_length} tokens toward 0."
        ),
    )


widgets.explorer(draw_length, answer_lengths, label="Answer length [tokens]",
                 fmt=lambda v: f"{v} tokens", start=answer_lengths.index(5))

# %% tags=["remove-cell"]
assert len(answer_lengths) == 9 and answer_lengths[0] == 1 and answer_lengths[-1] == 40
_longest = answer_lengths[-1]
assert emergence.exact_match_threshold_scale(0.5, _longest, *LAW) < n_curve[-1]

# %% [markdown]
# ## Summary
#
# - {cite:t}`wei2022emergent` call an ability emergent when smaller models lack it and larger ones have it;
#   their Table 1 dates three-digit addition to $2.3 \times 10^{22}$ FLOP and 13B parameters (GPT-3).
# - If the per-token loss on a task follows a smooth power law, exact match on $\ell$-token answers, about
#   $p^{\ell}$, stays near zero and then rises sharply, while the expected token edit distance,
#   $\ell(1 - p)$, falls steadily {cite:p}`schaeffer2023mirage`. Multiple-choice grade against Brier score
#   shows the same contrast.
# - The apparent threshold moves with the answer length (as $\ell^{2}$ here) and with the level you call
#   "present".
# - With 100 items, 0/100 means "below about 3.7%", not 0%. Wilson or Clopper-Pearson intervals say so.
# - A linear axis hides small scores; on log-log axes the same exact match climbs steadily.
# - A real transition should survive a continuous metric, enough items, dense sampling in scale and an
#   honest forecast from smaller models.
#
# ## Exercises
#
# <a href="exercises.html#set-05_emergence_mirage">Exercise set 5</a> opens in Binder, Colab or a JupyterHub
# from its row on the Exercises page; in a clone of the repository it is
# `exercises/05_emergence_mirage.ipynb`. It has five graded tasks:
#
# - `metrics_from_loss(loss, length)`: exact match and expected token edit distance from a per-token loss;
# - `per_token_loss_from_exact_match(accuracy, length)`: undo the sharp ruler;
# - `wilson_interval(successes, trials)`: a 95% interval for a small-sample accuracy;
# - `apparent_threshold(n, score, threshold)`: the scale at which a curve first reaches a level;
# - `brier_score(probs, correct)`: the continuous partner of the multiple-choice grade.

# %% tags=["remove-cell"]
# Summary numbers, pinned once more against the helpers: a wrong helper fails the build.
assert (addition.train_flop, addition.params) == (2.3e22, 13e9)
assert round(emergence.wilson_interval(0, 100)[1], 3) == 0.037
assert np.isclose(_growth_when_doubled(ALPHA), 2**2)
