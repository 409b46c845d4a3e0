"""Checks for exercise set 8, "Your own scaling law" (solutions/08_your_own_scaling_law.ipynb).

Expected values come from the book's reference implementations in ``helpers.experiment`` and
``helpers.scaling`` (``ChinchillaFit.loss`` and ``ChinchillaFit.compute_optimal``).
"""

from __future__ import annotations

import numpy as np

from helpers import experiment
from helpers.checks import law_params
from helpers.grading import Case, ExerciseSet, Task, close_to, raises
from helpers.scaling import HOFFMANN_2022, ChinchillaFit

# A law with the shape of a toy-world fit (E near the entropy of the default language), and Hoffmann's.
_TOY = ChinchillaFit(E=1.83, A=200.0, B=11.0, alpha=0.9, beta=0.4, source="an example toy-world fit")
_FITS = {"toy": _TOY, "hoffmann": HOFFMANN_2022}


def _counts(width, vocab_size, embed_dim, tokens):
    n = experiment.model_parameters(width, vocab_size, embed_dim)
    return (n, 6.0 * n * tokens, experiment.matmul_flops_per_token(width, vocab_size, embed_dim) * tokens)


count_params_and_flops = Task(
    id="8.1",
    function="count_params_and_flops",
    title="Count the parameters and training FLOP of the tiny model",
    points=3,
    cases=(
        Case(args=(16, 64, 8, 1000), judge=close_to(_counts(16, 64, 8, 1000), rtol=1e-9)),
        Case(args=(512, 64, 8, 500_000), judge=close_to(_counts(512, 64, 8, 500_000), rtol=1e-9)),
        Case(args=(3, 5, 2, 7), judge=close_to(_counts(3, 5, 2, 7), rtol=1e-9)),
        Case(args=(1, 2, 1, 1), judge=close_to(_counts(1, 2, 1, 1), rtol=1e-9)),
        Case(args=(0, 64, 8, 1000), judge=raises("ValueError")),
    ),
    reimplements=(experiment.model_parameters, experiment.matmul_flops_per_token),
    hint="N = V e (embedding) + 2 e w + w (hidden layer) + w V + V (output). 6ND counts every parameter; the "
    "matrix products only involve the 2 e w + w V weights, 6 FLOP each per token (2 forward, 4 backward).",
)

_BUDGETS = {"toy": (1e11, 1e12, 1e13), "hoffmann": (5.88e23,)}


def _optimal(name, c):
    n_opt, d_opt = _FITS[name].compute_optimal(c)
    return (float(n_opt), float(d_opt))


compute_optimal_size = Task(
    id="8.2",
    function="compute_optimal_size",
    title="Pick the compute-optimal model size for a budget",
    points=3,
    cases=(
        *(
            Case(args=(law_params(_FITS[name]), c), judge=close_to(_optimal(name, c), rtol=1e-3))
            for name, budgets in _BUDGETS.items()
            for c in budgets
        ),
        Case(args=(law_params(_TOY), -1.0), judge=raises("ValueError")),
    ),
    reimplements=(ChinchillaFit.compute_optimal,),
    hint="With C = 6 N D, D = C / (6 N): minimise E + A N^-alpha + B (C / 6N)^-beta over N. Setting the "
    "derivative to zero gives N_opt = G (C/6)^(beta/(alpha+beta)) with G = (alpha A / (beta B))^(1/(alpha+beta)), "
    "and D_opt = C / (6 N_opt). Return (N_opt, D_opt).",
)

_N_NEW = np.array([2_000.0, 80_000.0, 1e6])
_D_NEW = np.array([2e6, 30_000.0, 1e7])

predict_loss = Task(
    id="8.3",
    function="predict_loss",
    title="Predict the loss of a configuration you have not trained",
    points=2,
    cases=(
        Case(args=(law_params(_TOY), 80_000.0, 2e6), judge=close_to(_TOY.loss(80_000.0, 2e6), rtol=1e-9)),
        Case(args=(law_params(_TOY), _N_NEW, _D_NEW), judge=close_to(_TOY.loss(_N_NEW, _D_NEW), rtol=1e-9)),
        Case(
            args=(law_params(HOFFMANN_2022), 70e9, 1.4e12),
            judge=close_to(HOFFMANN_2022.loss(70e9, 1.4e12), rtol=1e-9),
        ),
        Case(args=(law_params(_TOY), 0.0, 1e6), judge=raises("ValueError")),
        Case(args=(law_params(_TOY), 1e4, np.array([1e6, -1.0])), judge=raises("ValueError")),
    ),
    reimplements=(ChinchillaFit.loss,),
    hint="L = E + A / N**alpha + B / D**beta works on numpy arrays as written; first raise ValueError if any "
    "N (parameters) or D (tokens) is not > 0.",
)

exact_entropy = Task(
    id="8.4",
    function="exact_entropy",
    title="The exact entropy of the toy language",
    points=2,
    cases=(
        Case(args=(64, 0.3), judge=close_to(experiment.true_entropy(64, 0.3), rtol=1e-9)),
        Case(args=(2, 0.5), judge=close_to(experiment.true_entropy(2, 0.5), rtol=1e-9)),
        Case(args=(1000, 0.05), judge=close_to(experiment.true_entropy(1000, 0.05), rtol=1e-9)),
        Case(args=(64, 1.0), judge=close_to(experiment.true_entropy(64, 1.0), rtol=1e-9)),
        Case(args=(16, 0.0), judge=close_to(0.0, atol=1e-12)),
        Case(args=(64, 1.5), judge=raises("ValueError")),
    ),
    reimplements=(experiment.true_entropy,),
    hint="Given its context, the target has probability q = 1 - noise + noise/V and each of the V - 1 other "
    "tokens noise/V: H = -q ln q - (V - 1)(noise/V) ln(noise/V), with 0 ln 0 = 0 when noise is 0.",
)

EXERCISE_SET = ExerciseSet(
    name="08_your_own_scaling_law",
    title="Your own scaling law",
    tasks=(count_params_and_flops, compute_optimal_size, predict_loss, exact_entropy),
)
