# ---
# jupyter:
#   exercise_set: 08_your_own_scaling_law
#   jupytext:
#     formats: ipynb,py:percent
#     notebook_metadata_filter: exercise_set
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
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
# # Exercises 8: Your own scaling law
#
# Four graded tasks on the tiny models of Chapter 8 and the law you fitted to them. For each task, write
# the body of the function where it says `raise NotImplementedError(...)`, run the cell, then run the
# `check(...)` cell under it: it prints which checks pass, what went wrong and a hint.
#
# | task | function | points |
# |---|---|---|
# | 8.1 | `count_params_and_flops(width, vocab_size, embed_dim, tokens)` | 3 |
# | 8.2 | `compute_optimal_size(law, budget)` | 3 |
# | 8.3 | `predict_loss(law, n, d)` | 2 |
# | 8.4 | `exact_entropy(vocab_size, noise)` | 2 |
#
# A `law` is a tuple `(E, A, B, alpha, beta)` of $L(N, D) = E + A/N^\alpha + B/D^\beta$, with $N$ in
# parameters, $D$ in tokens and $L$ in nats per token. Grade the whole notebook from a terminal with
#
# ```
# python -m helpers.grade exercises/08_your_own_scaling_law.ipynb
# ```

# %%
import numpy as np

from helpers import experiment, scaling
from helpers.grading import check

# %% [markdown]
# ## Task 8.1: Count the parameters and the training FLOP
#
# The tiny model of Chapter 8 looks up an embedding of `embed_dim` numbers ($e$) for each of its two
# context tokens, concatenates them, applies a hidden layer of `width` ReLU units ($w$, with biases) and then
# an output layer of `vocab_size` logits ($V$, with biases). Write `count_params_and_flops(width, vocab_size,
# embed_dim, tokens)` returning the tuple
#
# - `n`: all parameters (embedding, both weight matrices, both bias vectors);
# - `flops_6nd`: the usual estimate $6 N D$ of the training FLOP for `tokens` tokens;
# - `flops_matmul`: the FLOP of the matrix products only: 2 per weight per token in the forward pass and 4
#   in the backward pass, for the two weight matrices (the embedding lookup and the biases are not products).
#
# Raise `ValueError` when `width` is not a positive whole number.

# %%
def count_params_and_flops(width, vocab_size, embed_dim, tokens):
    """(parameters, 6 N D in FLOP, matrix-product FLOP) of the two-token MLP trained on
    ``tokens`` tokens."""
    raise NotImplementedError("Task 8.1 (count_params_and_flops): write your code here")


# %%
check("8.1", count_params_and_flops)

# %% [markdown]
# ## Task 8.2: The compute-optimal size for a budget
#
# A budget of $C$ FLOP buys any $(N, D)$ with $C = 6ND$. Write `compute_optimal_size(law, budget)` that
# returns `(n_opt, d_opt)`, the size and the number of tokens with the lowest predicted loss for that budget.
# Raise `ValueError` for a budget that is not positive. (A closed form exists; a fine grid search over $N$
# also passes, to 0.1%.)

# %%
def compute_optimal_size(law, budget):
    """(N_opt parameters, D_opt tokens) minimising E + A/N^alpha + B/D^beta subject to
    6 N D = budget FLOP."""
    raise NotImplementedError("Task 8.2 (compute_optimal_size): write your code here")


# %%
check("8.2", compute_optimal_size)

# %% [markdown]
# ## Task 8.3: Predict a run before you train it
#
# Write `predict_loss(law, n, d)` that returns the predicted loss for `n` parameters and `d` tokens, for
# numbers or numpy arrays, and raises `ValueError` if any `n` or `d` is not positive.

# %%
def predict_loss(law, n, d):
    """E + A / n**alpha + B / d**beta in nats/token,
    for n parameters and d tokens (numbers or arrays)."""
    raise NotImplementedError("Task 8.3 (predict_loss): write your code here")


# %%
check("8.3", predict_loss)

# %% [markdown]
# ## Task 8.4: The floor the fit should find
#
# In the toy language, the next token is the context's target with probability $1 - \epsilon$ and a
# uniformly random token (one of $V$, possibly the target itself) with probability $\epsilon$. Write
# `exact_entropy(vocab_size, noise)` returning the entropy of the next token given its context, in nats
# per token. Raise `ValueError` when `noise` is outside $[0, 1]$.

# %%
def exact_entropy(vocab_size, noise):
    """Entropy (nats/token) of the next token given its context,
    for V = vocab_size and noise epsilon."""
    raise NotImplementedError("Task 8.4 (exact_entropy): write your code here")


# %%
check("8.4", exact_entropy)

# %% [markdown]
# ## Then check it
#
# Fit the law to the shipped sweep, predict the loss of a model the sweep never trained (width 1,024,
# about 86,000 parameters, twice the largest, on 50,000 tokens), then train it (a few seconds) and compare.

# %%
runs = experiment.read_results()
own_fit = scaling.fit_chinchilla(
    [r.params for r in runs], [r.tokens for r in runs], [r.loss for r in runs]
).fit
width_new, tokens_new = 1024, 50_000
n_new = experiment.model_parameters(width_new)
try:
    law = (own_fit.E, own_fit.A, own_fit.B, own_fit.alpha, own_fit.beta)
    predicted = predict_loss(law, n_new, tokens_new)
    measured = experiment.train_model(width_new, tokens_new).loss
    print(f"N = {n_new:,} parameters, D = {tokens_new:,} tokens")
    print(f"predicted {float(predicted):.4f}, measured {measured:.4f} nats/token")
except NotImplementedError as exc:
    print(f"Finish task 8.3 first: {exc}")
