"""Porian et al. 2024 (``porian2024resolving``): IsoFLOP runs from a Kaplan-like to a Chinchilla-like set-up.

Chapter 2 fits Approaches 2 and 3 to these runs and reconciles Kaplan's N* ~ C^0.73 with Hoffmann's ~C^0.5
one cause at a time; chapter 1 backtests power laws on the compute-optimal losses. OpenLM transformers of
about 0.3M to 1B parameters, trained on RefinedWeb or OpenWebText2 with budgets from 1.25e16 to 2.56e19 FLOP.
Files, licence (MIT) and provenance: ``helpers/datasets/porian2024_isoflop/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

import numpy as np

from helpers.datasets._table import Rows, Table, frozen

FOLDER = "porian2024_isoflop"
_DATASETS = {"rw": "RefinedWeb", "owt2": "OpenWebText2"}
_SETTINGS = ("hparams", "warmup", "decay", "param_count", "loss_split")


@dataclass(frozen=True)
class PorianConfig:
    """One training set-up of Porian et al. 2024, as labelled in the authors' repository.

    hparams: "base" (fixed) or "tuned" (size-dependent learning rate, batch size and AdamW beta2).
    warmup: "long" (as in the reproduction of Kaplan et al.) or "short" (the corrected warm-up).
    decay: "kaplan" (cosine over a long fixed horizon), "chinchilla" (cosine matched to each run's budget) or
    "const" (constant learning rate).
    param_count: how N and FLOP per token (6N) are counted: "kaplan" (non-embedding parameters),
    "standard" (including the output layer) or "attention" (effective N including attention FLOP).
    loss_split: "train" (smoothed training loss) or "val" (validation loss).
    """

    label: str
    hparams: str
    warmup: str
    decay: str
    param_count: str
    loss_split: str


#: The ten set-ups in the data, by label. The first five are the steps of Porian et al.'s Table 1, in order.
PORIAN_CONFIGS = MappingProxyType({c.label: c for c in (
    PorianConfig("Reproducing Kaplan et al.", "base", "long", "kaplan", "kaplan", "train"),
    PorianConfig("Counting last layer FLOPs", "base", "long", "kaplan", "standard", "val"),
    PorianConfig("Correcting warmup", "base", "short", "kaplan", "standard", "val"),
    PorianConfig("Cosine decay", "base", "short", "chinchilla", "standard", "val"),
    PorianConfig("Optimizer tuning (no decay)", "tuned", "short", "const", "standard", "val"),
    PorianConfig("Counting last layer and attention FLOPs", "base", "long", "kaplan", "attention", "train"),
    PorianConfig("Correcting warmup (attention FLOPs)", "base", "short", "kaplan", "attention", "train"),
    PorianConfig("Cosine decay (attention FLOPs)", "base", "short", "chinchilla", "attention", "train"),
    PorianConfig("Optimizer tuning, no decay (attention FLOPs)", "tuned", "short", "const", "attention", "train"),
    PorianConfig("Kaplan param count, tuned hparams, long warmup", "tuned", "long", "const", "kaplan", "train"),
)})
#: The labels of Porian et al.'s Table 1 steps, from the reproduction of Kaplan et al. to the tuned set-up.
PORIAN_STEPS = tuple(PORIAN_CONFIGS)[:5]


@dataclass(frozen=True)
class IsoFlopPoints(Rows):
    """One row per (set-up, budget, model size): the loss a model reached after spending the budget."""

    dataset: np.ndarray  # "RefinedWeb" or "OpenWebText2"
    config: np.ndarray  # set-up label, a key of PORIAN_CONFIGS
    flops: np.ndarray  # budget C [FLOP]; C = 6 N D
    params: np.ndarray  # model size N [parameters], counted as the set-up's param_count says
    tokens: np.ndarray  # training tokens D = C / (6 N) [tokens]
    loss: np.ndarray  # loss at C [nats/token], training or validation as the set-up's loss_split says

    @property
    def tokens_per_param(self) -> np.ndarray:
        """D / N [tokens per parameter]."""
        return self.tokens / self.params


@dataclass(frozen=True)
class ComputeOptimal(Rows):
    """One row per (set-up, budget): the authors' interpolated loss minimiser (N*, D*, L*) and its spread."""

    dataset: np.ndarray  # "RefinedWeb" or "OpenWebText2"
    config: np.ndarray  # set-up label, a key of PORIAN_CONFIGS
    flops: np.ndarray  # budget C [FLOP]
    params: np.ndarray  # N* [parameters]
    tokens: np.ndarray  # D* [tokens]
    loss: np.ndarray  # L* [nats/token]
    params_log_std: np.ndarray  # bootstrap standard deviation of ln N* [dimensionless]
    tokens_log_std: np.ndarray  # bootstrap standard deviation of ln D* [dimensionless]
    loss_std: np.ndarray  # bootstrap standard deviation of L* [nats/token]

    @property
    def tokens_per_param(self) -> np.ndarray:
        """D* / N* [tokens per parameter]."""
        return self.tokens / self.params


def _identity(table: Table) -> tuple[np.ndarray, np.ndarray]:
    """The data set and set-up label of each row, after checking the set-up's settings against its label."""
    labels = table.text("config_label", PORIAN_CONFIGS)
    for setting in _SETTINGS:
        expected = [getattr(PORIAN_CONFIGS[label], setting) for label in labels]
        wrong = table.text(setting) != np.array(expected)
        if wrong.any():
            i = int(np.argmax(wrong))
            table.fail(setting, i, str(table.text(setting)[i]), f"{expected[i]!r} for set-up {str(labels[i])!r}")
    names = table.text("dataset", _DATASETS)
    return frozen(np.array([_DATASETS[d] for d in names])), frozen(labels)


@lru_cache(maxsize=1)
def _isoflop_points() -> IsoFlopPoints:
    columns = ("dataset", "config_label", *_SETTINGS, "flops_budget", "n_params", "tokens", "loss")
    table = Table(FOLDER, "isoflop_points.csv", columns)
    dataset, config = _identity(table)
    flops = table.number("flops_budget", "FLOP", 1e15, 1e21)
    params = table.number("n_params", "parameters", 1e5, 1e10)
    tokens = table.number("tokens", "tokens", 1e6, 1e12)
    off = np.abs(6 * params * tokens / flops - 1) > 1e-4
    if off.any():
        table.fail("tokens", int(np.argmax(off)), float(tokens[off][0]), "D = C / (6 N) to 1e-4 (tokens)")
    loss = table.number("loss", "nats/token", 0.5, 12.0)
    return IsoFlopPoints(dataset, config, *(frozen(a) for a in (flops, params, tokens, loss)))


@lru_cache(maxsize=1)
def _compute_optimal() -> ComputeOptimal:
    numbers = {  # column: (unit, low, high)
        "n_star": ("parameters", 1e5, 1e10),
        "tokens_star": ("tokens", 1e6, 1e12),
        "loss_star": ("nats/token", 0.5, 12.0),
        "n_star_std_log": ("ln parameters", 0.0, 5.0),
        "tokens_star_std_log": ("ln tokens", 0.0, 5.0),
        "loss_star_std": ("nats/token", 0.0, 1.0),
    }
    table = Table(FOLDER, "optimal_pairs.csv", ("dataset", "config_label", *_SETTINGS, "flops_budget", *numbers))
    dataset, config = _identity(table)
    flops = table.number("flops_budget", "FLOP", 1e15, 1e21)
    # Where the authors' interpolation found no minimum, the whole optimum is blank: drop those budgets.
    blank = table.text("n_star") == ""
    values = []
    for column, (unit, low, high) in numbers.items():
        value = table.number(column, unit, low, high, missing_ok=blank)
        if (np.isfinite(value) & blank).any():
            table.fail(column, int(np.argmax(np.isfinite(value) & blank)), "a value", "blank, as n_star is")
        values.append(value[~blank])
    return ComputeOptimal(*(frozen(a) for a in (dataset[~blank], config[~blank], flops[~blank], *values)))


def _rows(table, dataset, config):
    if dataset is not None and dataset not in _DATASETS.values():
        raise ValueError(f"dataset must be one of {sorted(_DATASETS.values())}; got {dataset!r}")
    if config is not None and config not in PORIAN_CONFIGS:
        raise ValueError(f"config must be a label in PORIAN_CONFIGS, e.g. {PORIAN_STEPS[0]!r}; got {config!r}")
    mask = np.ones(len(table), dtype=bool)
    if dataset is not None:
        mask &= table.dataset == dataset
    if config is not None:
        mask &= table.config == config
    if not mask.any():
        raise ValueError(f"Porian et al. have no runs for dataset={dataset!r} with config={config!r}; "
                         "OpenWebText2 has only the five PORIAN_STEPS")
    return table.where(mask)


def porian_isoflops(dataset: str | None = None, config: str | None = None) -> IsoFlopPoints:
    """IsoFLOP points of one data set ("RefinedWeb", "OpenWebText2") and set-up (a PORIAN_CONFIGS label).

    ``None`` keeps every data set or set-up. Points are (budget, N, D, loss) with C = 6 N D; for each budget
    and size, the loss is the authors' log-log interpolation of the best run's loss curve at C. Source:
    Porian et al. 2024 (``porian2024resolving``); used in chapter 2.
    """
    return _rows(_isoflop_points(), dataset, config)


def porian_optimal(dataset: str | None = None, config: str | None = None) -> ComputeOptimal:
    """Compute-optimal (N*, D*, L*) per budget for one data set and set-up, with the authors' bootstrap spreads.

    Fitting N* = a C^k over the budgets gives the allocation exponent of Porian et al.'s Table 1 (the authors
    weight each point by 1 / params_log_std^2). Source: Porian et al. 2024 (``porian2024resolving``); used in
    chapters 1 and 2.
    """
    return _rows(_compute_optimal(), dataset, config)
