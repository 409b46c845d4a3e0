"""Checks for exercise set 5, "Emergence or mirage?" (solutions/05_emergence_mirage.ipynb).

Expected values come from the book's reference implementations in ``helpers.emergence``.
"""

from __future__ import annotations

import math

import numpy as np

from helpers import emergence
from helpers.grading import Case, ExerciseSet, Task, close_to, raises, satisfies

# A model family as in chapter 5: L_CE(N) = (N / 1e9)^-0.5 nats/token on the answer tokens.
_N = np.geomspace(1e7, 1e13, 13)
_LOSS = emergence.power_law_loss(_N, 1e9, -0.5)
_P = emergence.per_token_probability(_LOSS)


def _metrics(loss, length):
    p = emergence.per_token_probability(loss)
    return (emergence.exact_match(p, length), emergence.expected_token_edit_distance(p, length))


metrics_from_loss = Task(
    id="5.1",
    function="metrics_from_loss",
    title="Exact match and token edit distance from a per-token loss",
    points=2,
    cases=(
        Case(args=(0.1, 5), judge=close_to(_metrics(0.1, 5), rtol=1e-9)),
        Case(
            args=(_LOSS, 10),
            judge=close_to(_metrics(_LOSS, 10), rtol=1e-9, atol=1e-300),
            describe="metrics_from_loss(losses of 13 models, 10)",
        ),
        Case(args=(0.0, 3), judge=close_to((1.0, 0.0), atol=1e-12)),
        Case(args=(-0.1, 5), judge=raises("ValueError")),
        Case(args=(0.5, 0), judge=raises("ValueError")),
    ),
    reimplements=(emergence.exact_match, emergence.expected_token_edit_distance),
    hint="p = exp(-loss); exact match is p ** length and the expected edit distance is length * (1 - p). Return "
    "the tuple (exact, edit). Raise ValueError for a negative loss or a length that is not a whole number >= 1.",
)

_EXACT_5 = emergence.exact_match(_P, 5)
_RESOLVED = (_EXACT_5 > 1e-12) & (_EXACT_5 < 1.0)

per_token_loss_from_exact_match = Task(
    id="5.2",
    function="per_token_loss_from_exact_match",
    title="Make an emergent curve smooth again",
    points=2,
    cases=(
        Case(args=(0.5, 5), judge=close_to(math.log(2) / 5, rtol=1e-9)),
        Case(
            args=(_EXACT_5[_RESOLVED], 5),
            judge=close_to(_LOSS[_RESOLVED], rtol=1e-6),
            describe="per_token_loss_from_exact_match(exact match of 5-token answers for 10 models, 5)",
        ),
        Case(args=(1.0, 7), judge=close_to(0.0, atol=1e-12)),
        Case(args=(0.0, 5), judge=raises("ValueError"), describe="per_token_loss_from_exact_match(0.0, 5)"),
        Case(args=(np.array([0.2, 1.2]), 5), judge=raises("ValueError")),
    ),
    reimplements=(),  # the book has no function that inverts exact match
    hint="Exact match is p ** length and p = exp(-L), so L = -ln(exact match) / length. An accuracy of 0 "
    "(nothing resolved) or above 1 cannot be inverted: raise ValueError.",
)

wilson_interval = Task(
    id="5.3",
    function="wilson_interval",
    title="A 95% interval for a small-sample accuracy",
    points=3,
    cases=(
        Case(args=(0, 100), judge=close_to(emergence.wilson_interval(0, 100), rtol=1e-4, atol=1e-9)),
        Case(args=(81, 263), judge=close_to(emergence.wilson_interval(81, 263), rtol=1e-4)),
        Case(args=(5, 20), judge=close_to(emergence.wilson_interval(5, 20), rtol=1e-4)),
        Case(args=(20, 20), judge=close_to(emergence.wilson_interval(20, 20), rtol=1e-4)),
        Case(args=(11, 10), judge=raises("ValueError")),
    ),
    reimplements=(emergence.wilson_interval,),
    hint="With phat = k / n and z = 1.959964: centre = (phat + z**2 / (2n)) / (1 + z**2 / n) and half-width = "
    "z / (1 + z**2 / n) * sqrt(phat (1 - phat) / n + z**2 / (4 n**2)). Return (centre - half, centre + half), "
    "and raise ValueError when successes > trials.",
)

_EXACT_20 = emergence.exact_match(_P, 20)

apparent_threshold = Task(
    id="5.4",
    function="apparent_threshold",
    title="The apparent threshold scale of a metric",
    points=3,
    cases=(
        Case(
            args=(np.array([1e8, 1e9, 1e10]), np.array([0.0, 0.2, 0.6]), 0.4),
            judge=close_to(10**9.5, rtol=1e-9),
        ),
        Case(
            args=(_N, _EXACT_5, 0.5),
            judge=close_to(emergence.threshold_scale(_N, _EXACT_5, 0.5), rtol=1e-9),
            describe="apparent_threshold(n of 13 models, exact match of 5-token answers, 0.5)",
        ),
        Case(
            args=(_N, _EXACT_20, 0.1),
            judge=close_to(emergence.threshold_scale(_N, _EXACT_20, 0.1), rtol=1e-9),
            describe="apparent_threshold(n of 13 models, exact match of 20-token answers, 0.1)",
        ),
        Case(args=(np.array([1e8, 1e9]), np.array([0.7, 0.9]), 0.5), judge=close_to(1e8, rtol=1e-12)),
        Case(
            args=(np.array([1e8, 1e9, 1e10]), np.array([0.0, 0.1, 0.2]), 0.5),
            judge=satisfies(
                lambda v: isinstance(v, float) and math.isnan(v), "NaN (the score never reaches 0.5)"
            ),
        ),
    ),
    reimplements=(emergence.threshold_scale,),
    hint="Find the first index i with score[i] >= threshold. If i == 0 return n[0]; if there is none return "
    "float('nan'). Otherwise interpolate linearly in log10(n) between points i - 1 and i, and return 10 ** (...).",
)

_PROBS = np.array([[0.7, 0.1, 0.1, 0.1], [0.25, 0.25, 0.25, 0.25], [0.1, 0.6, 0.2, 0.1]])
_Q = np.exp(-_LOSS)
_FAMILY = np.column_stack([_Q, *(((1 - _Q) / 3),) * 3])
_FAMILY_CORRECT = np.zeros(len(_Q), dtype=int)

brier_score = Task(
    id="5.5",
    function="brier_score",
    title="Brier score, the continuous partner of the multiple-choice grade",
    points=2,
    cases=(
        Case(
            args=(_PROBS, np.array([0, 0, 0])),
            judge=close_to(emergence.brier_score(_PROBS, [0, 0, 0]), rtol=1e-9),
        ),
        Case(
            args=(_PROBS, np.array([3, 2, 1])),
            judge=close_to(emergence.brier_score(_PROBS, [3, 2, 1]), rtol=1e-9),
        ),
        Case(
            args=(_FAMILY, _FAMILY_CORRECT),
            judge=close_to(emergence.brier_score(_FAMILY, _FAMILY_CORRECT), rtol=1e-9, atol=1e-15),
            describe="brier_score(4-option probabilities of 13 models, right option 0)",
        ),
        Case(args=(np.eye(3), np.array([0, 1, 2])), judge=close_to(np.zeros(3), atol=1e-12)),
    ),
    reimplements=(emergence.brier_score,),
    hint="Build the one-hot matrix of the right options (np.eye(k)[correct]) and return the sum over the "
    "options (axis=1) of (probs - onehot) ** 2: one score per question.",
)

EXERCISE_SET = ExerciseSet(
    name="05_emergence_mirage",
    title="Emergence or mirage?",
    tasks=(
        metrics_from_loss,
        per_token_loss_from_exact_match,
        wilson_interval,
        apparent_threshold,
        brier_score,
    ),
)
