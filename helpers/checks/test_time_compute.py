"""Checks for exercise set 4, "Test-time compute" (solutions/04_test_time_compute.ipynb).

Expected values come from the book's reference implementations in ``helpers.testtime``.
"""

from __future__ import annotations

import numpy as np

from helpers import testtime
from helpers.grading import Case, ExerciseSet, Task, close_to, raises

pass_at_k = Task(
    id="4.1",
    function="pass_at_k",
    title="The unbiased pass@k estimator",
    points=3,
    cases=(
        Case(args=(10, 3, 2), judge=close_to(testtime.pass_at_k(10, 3, 2), rtol=1e-9)),
        Case(args=(200, 0, 10), judge=close_to(0.0, atol=1e-12)),
        Case(
            args=(200, 195, 10),
            judge=close_to(1.0, rtol=1e-12),
            describe="pass_at_k(200, 195, 10): n - c < k",
        ),
        Case(
            args=(10_000, 5, 100),
            judge=close_to(testtime.pass_at_k(10_000, 5, 100), rtol=1e-9),
            describe="pass_at_k(10000, 5, 100): large n",
        ),
        Case(
            args=(10_000, 3, 5_000),
            judge=close_to(testtime.pass_at_k(10_000, 3, 5_000), rtol=1e-9),
            describe="pass_at_k(10000, 3, 5000): binomials with thousands of digits",
        ),
        Case(args=(10, 3, 11), judge=raises("ValueError"), describe="pass_at_k(10, 3, 11): k > n"),
    ),
    reimplements=(testtime.pass_at_k,),
    hint="Use the product form 1 - prod(1 - k / i) for i from n - c + 1 to n (np.arange(n - c + 1, n + 1)), "
    "and return 1.0 when n - c < k. Never form C(n, k) in floating point: it overflows for large n.",
)

_K = np.array([1.0, 10.0, 100.0, 1e4])

expected_coverage = Task(
    id="4.2",
    function="expected_coverage",
    title="Coverage for a Beta distribution of success probabilities",
    points=3,
    cases=(
        Case(
            args=(1.0, 1.0, 1.0),
            judge=close_to(0.5, rtol=1e-9),
            describe="expected_coverage(1, 1, 1): uniform p",
        ),
        Case(args=(0.4, 4.0, 1000.0), judge=close_to(testtime.coverage_beta(0.4, 4.0, 1000.0), rtol=1e-9)),
        Case(args=(0.5, 5.0, _K), judge=close_to(testtime.coverage_beta(0.5, 5.0, _K), rtol=1e-9)),
        Case(
            args=(0.3, 2.0, 1e7),
            judge=close_to(testtime.coverage_beta(0.3, 2.0, 1e7), rtol=1e-9),
            describe="expected_coverage(0.3, 2, 1e7): very many samples",
        ),
    ),
    reimplements=(testtime.coverage_beta,),
    hint="For p ~ Beta(a, b), E[(1 - p)^k] = B(a, b + k) / B(a, b). Compute it as "
    "np.exp(scipy.special.betaln(a, b + k) - scipy.special.betaln(a, b)) so nothing overflows.",
)

majority_vote_accuracy = Task(
    id="4.3",
    function="majority_vote_accuracy",
    title="Accuracy of a majority vote",
    points=3,
    cases=(
        Case(
            args=(0.5, 1, 3),
            judge=close_to(0.5, rtol=1e-9),
            describe="majority_vote_accuracy(0.5, 1, 3): one sample",
        ),
        Case(args=(0.6, 5, 1), judge=close_to(testtime.majority_vote_accuracy(0.6, 5, 1), rtol=1e-9)),
        Case(args=(0.3, 6, 3), judge=close_to(testtime.majority_vote_accuracy(0.3, 6, 3), rtol=1e-9)),
        Case(args=(0.25, 7, 2), judge=close_to(testtime.majority_vote_accuracy(0.25, 7, 2), rtol=1e-9)),
        Case(
            args=(0.6, 4, 1),
            judge=close_to(testtime.majority_vote_accuracy(0.6, 4, 1), rtol=1e-9),
            describe="majority_vote_accuracy(0.6, 4, 1): ties are possible",
        ),
    ),
    reimplements=(testtime.majority_vote_accuracy,),
    hint="k is small, so enumerate every sequence of k answers with itertools.product(range(n_wrong + 1), "
    "repeat=k): answer 0 is correct (probability p), each wrong answer has probability (1 - p) / n_wrong. Count "
    "the votes; when the correct answer ties with t wrong ones for the most votes, it wins with 1 / (t + 1).",
)

best_of_n_flops = Task(
    id="4.4",
    function="best_of_n_flops",
    title="The compute of a best-of-n strategy",
    points=2,
    cases=(
        Case(
            args=(7e9, 16, 500, 0.0),
            judge=close_to(testtime.sampling_flops(7e9, 16, 500), rtol=1e-9),
            describe="best_of_n_flops(7e9, 16, 500, 0): no verifier",
        ),
        Case(
            args=(7e9, 16, 500, 1e9),
            judge=close_to(testtime.sampling_flops(7e9, 16, 500, verifier_params=1e9), rtol=1e-9),
        ),
        Case(
            args=(70e9, 1, 2000, 70e9),
            judge=close_to(testtime.sampling_flops(70e9, 1, 2000, verifier_params=70e9), rtol=1e-9),
        ),
        Case(
            args=(7e9, 0, 500, 1e9), judge=raises("ValueError"), describe="best_of_n_flops(7e9, 0, 500, 1e9)"
        ),
    ),
    reimplements=(testtime.sampling_flops,),
    hint="Each generated token costs 2 N FLOP, and the verifier reads every sample at 2 N_v FLOP per token: "
    "samples * 2 * tokens * (n_params + verifier_params). A strategy needs at least one sample: raise "
    "ValueError otherwise.",
)

EXERCISE_SET = ExerciseSet(
    name="04_test_time_compute",
    title="Test-time compute",
    tasks=(pass_at_k, expected_coverage, majority_vote_accuracy, best_of_n_flops),
)
