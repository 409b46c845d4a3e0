"""Gadre et al. 2024 (``gadre2024overtraining``): 104 trained language models, over-trained up to 32x.

Chapter 1 backtests power laws on the held-out losses (fit the small runs, predict the large ones); chapters
5 and 7 relate loss to average downstream error. OpenLM transformers of 11M to 6.9B parameters trained on C4,
RedPajama or RefinedWeb with 5 to 640 tokens per parameter, each evaluated once at the end of training.
Files, licence (MIT) and provenance: ``helpers/datasets/gadre2024_overtraining/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from helpers.datasets._table import Rows, Table, frozen

FOLDER = "gadre2024_overtraining"
_DATASETS = {"c4_original": "C4", "rpj": "RedPajama", "rw_original": "RefinedWeb"}
#: The eight held-out sets of ``GadreRuns.heldout_loss``, in column order; "c4_val" is the paper's main loss.
GADRE_HELDOUT_SETS = ("c4_val", "openlm", "paloma_c4_en", "paloma_falcon-refinedweb", "paloma_redpajama",
                      "paloma_dolma_100_programing_languages", "paloma_ptb", "val_de-en_100")
_N_TASKS = 46


@dataclass(frozen=True)
class GadreRuns(Rows):
    """One row per trained model; ``tasks`` names the columns of ``accuracy``."""

    name: np.ndarray  # run name in the authors' repository, "<data set>-<shape>-<multiplier / 20>"
    dataset: np.ndarray  # training data: "C4", "RedPajama" or "RefinedWeb"
    params: np.ndarray  # N, total parameters including embeddings [parameters]
    params_no_embed: np.ndarray  # N without embeddings [parameters]
    tokens: np.ndarray  # D, training tokens [tokens]
    loss: np.ndarray  # C4 validation loss, the paper's main held-out loss [nats/token]
    heldout_loss: np.ndarray  # (runs, 8) loss on each of GADRE_HELDOUT_SETS [nats/token]
    accuracy: np.ndarray  # (runs, 46) downstream score per task, a fraction in [0, 1]
    err_avg_46: np.ndarray  # mean top-1 error over the 46 tasks, 1 - accuracy averaged [fraction]
    err_avg_subset17: np.ndarray  # mean top-1 error over the paper's 17-task subset, its headline metric [fraction]
    tasks: tuple[str, ...]  # the 46 task names (LLM Foundry), in the column order of ``accuracy``

    @property
    def tokens_per_param(self) -> np.ndarray:
        """D / N [tokens per parameter]; 20 is Chinchilla-optimal, 640 is 32x over-trained."""
        return self.tokens / self.params

    @property
    def flops(self) -> np.ndarray:
        """Training compute 6 N D [FLOP], the paper's approximation."""
        return 6 * self.params * self.tokens

    def task_accuracy(self, task: str) -> np.ndarray:
        """The accuracy column of one task (a name in ``tasks``) [fraction]."""
        if task not in self.tasks:
            raise ValueError(f"task must be one of GadreRuns.tasks, e.g. 'arc_easy'; got {task!r}")
        return self.accuracy[:, self.tasks.index(task)]


def _close(table: Table, column: str, values: np.ndarray, expected: np.ndarray, rel: float, what: str):
    off = np.abs(values / expected - 1) > rel
    if off.any():
        i = int(np.argmax(off))
        table.fail(column, i, float(values[i]), f"{what} = {expected[i]:.6g} to a relative {rel}")


@lru_cache(maxsize=1)
def _runs() -> GadreRuns:
    losses = tuple(f"loss_{s}" for s in GADRE_HELDOUT_SETS)
    required = ("run_name", "train_dataset", "params", "params_no_embed", "tokens", "tokens_per_param",
                "chinchilla_multiplier", "flops_6ND", *losses, "err_avg_46", "err_avg_subset17")
    table = Table(FOLDER, "runs.csv", required)
    tasks = tuple(c.removeprefix("acc_") for c in table.header if c.startswith("acc_"))
    if len(tasks) != _N_TASKS:
        raise ValueError(f"{table.source} has {len(tasks)} acc_<task> columns; expected {_N_TASKS}")
    name = table.text("run_name")
    if len(set(name)) != len(name):
        raise ValueError(f"{table.source}: run names must be unique")
    dataset = np.array([_DATASETS[d] for d in table.text("train_dataset", _DATASETS)])
    params = table.number("params", "parameters", 1e6, 1e11)
    params_no_embed = table.number("params_no_embed", "parameters", 1e5, 1e11)
    tokens = table.number("tokens", "tokens", 1e7, 1e13)
    ratio = table.number("tokens_per_param", "tokens per parameter", 1, 1e4)
    _close(table, "tokens_per_param", ratio, tokens / params, 1e-3, "tokens / params")
    _close(table, "chinchilla_multiplier", 20 * table.number("chinchilla_multiplier", "multiples of 20 tokens "
           "per parameter", 0.1, 100), ratio, 1e-2, "tokens_per_param / 20, times 20")
    _close(table, "flops_6ND", table.number("flops_6ND", "FLOP", 1e15, 1e24), 6 * params * tokens, 1e-5, "6 N D")
    heldout = np.column_stack([table.number(c, "nats/token", 0.5, 12.0) for c in losses])
    accuracy = np.column_stack([table.number(f"acc_{t}", "fraction", 0.0, 1.0) for t in tasks])
    err_46 = table.number("err_avg_46", "fraction", 0.0, 1.0)
    if np.any(np.abs(err_46 - (1 - accuracy).mean(axis=1)) > 1e-5):
        i = int(np.argmax(np.abs(err_46 - (1 - accuracy).mean(axis=1))))
        table.fail("err_avg_46", i, float(err_46[i]), "the mean of 1 - acc_<task> over the 46 tasks")
    return GadreRuns(
        *(frozen(a) for a in (name, dataset, params, params_no_embed, tokens, heldout[:, 0].copy(), heldout,
                              accuracy, err_46, table.number("err_avg_subset17", "fraction", 0.0, 1.0))),
        tasks=tasks,
    )


def gadre_runs(dataset: str | None = None) -> GadreRuns:
    """Gadre et al.'s runs on one training set ("C4", "RedPajama", "RefinedWeb"), or all 104 with ``None``.

    Select by over-training with the ``tokens_per_param`` property, e.g.
    ``runs.where(runs.tokens_per_param == 20)`` for the Chinchilla-optimal runs. Source: Gadre et al. 2024
    (``gadre2024overtraining``); used in chapters 1, 5 and 7.
    """
    runs = _runs()
    if dataset is None:
        return runs
    if dataset not in _DATASETS.values():
        raise ValueError(f"dataset must be one of {sorted(_DATASETS.values())} or None; got {dataset!r}")
    return runs.where(runs.dataset == dataset)
