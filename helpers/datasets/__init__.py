"""Published measurements shipped with the book, each with its licence and a provenance note beside it.

One module per data set; each loader validates its file on first use (columns, units, ranges, known
categories, no NaN where none is allowed), caches it and returns read-only numpy columns with units in the
field comments. No pandas: the learner environments do not have it.

- ``porian_isoflops``, ``porian_optimal``: IsoFLOP runs and compute-optimal pairs, Kaplan-like to
  Chinchilla-like (Porian et al. 2024; chapters 1 and 2)
- ``gadre_runs``: 104 models over-trained up to 32x, held-out losses and 46 downstream accuracies
  (Gadre et al. 2024; chapters 1, 5, 7)
- ``pythia_evals``, ``pythia_task``: Pythia's benchmark scores by size and training step (Biderman et al. 2023;
  chapter 5)
- ``ruan_base_models``, ``ruan_benchmark``: public base models with compute and benchmark scores (Ruan et al.
  2024; chapters 5 and 7)
- ``epoch_models``, ``epoch_training_compute``: Epoch AI's notable models, training compute by date
  (chapters 6 and 7)

The files live in ``helpers/datasets/<name>/``; CONTRIBUTING.md ("Real data") says how to add one.
"""

from helpers.datasets.epoch import EPOCH_DOMAINS, EpochModels, epoch_models, epoch_training_compute
from helpers.datasets.gadre import GADRE_HELDOUT_SETS, GadreRuns, gadre_runs
from helpers.datasets.porian import (
    PORIAN_CONFIGS,
    PORIAN_STEPS,
    ComputeOptimal,
    IsoFlopPoints,
    PorianConfig,
    porian_isoflops,
    porian_optimal,
)
from helpers.datasets.pythia import (
    PYTHIA_TASKS,
    TOKENS_PER_STEP,
    PythiaEvals,
    PythiaTask,
    pythia_evals,
    pythia_task,
)
from helpers.datasets.ruan import (
    RUAN_BENCHMARKS,
    RUAN_EMERGENT_TASKS,
    RUAN_TOKEN_CORRECTIONS,
    RuanModels,
    ruan_base_models,
    ruan_benchmark,
)

__all__ = [
    "EPOCH_DOMAINS",
    "GADRE_HELDOUT_SETS",
    "PORIAN_CONFIGS",
    "PORIAN_STEPS",
    "PYTHIA_TASKS",
    "RUAN_BENCHMARKS",
    "RUAN_EMERGENT_TASKS",
    "RUAN_TOKEN_CORRECTIONS",
    "TOKENS_PER_STEP",
    "ComputeOptimal",
    "EpochModels",
    "GadreRuns",
    "IsoFlopPoints",
    "PorianConfig",
    "PythiaEvals",
    "PythiaTask",
    "RuanModels",
    "epoch_models",
    "epoch_training_compute",
    "gadre_runs",
    "porian_isoflops",
    "porian_optimal",
    "pythia_evals",
    "pythia_task",
    "ruan_base_models",
    "ruan_benchmark",
]
