"""Biderman et al. 2023 (``biderman2023pythia``): Pythia's benchmark scores across model size and training step.

Chapter 5 looks for emergence on a real suite: one task under accuracy and under a continuous measure
(LAMBADA's perplexity), across 8 sizes (70M to 12B) and up to 27 checkpoints. All Pythia models saw the same
data in the same order, 2,097,152 tokens per step for 143,000 steps. OPT and BLOOM models evaluated with the
same harness are in the long table too (final models only, zero-shot).
Files, licence (Apache-2.0) and provenance: ``helpers/datasets/pythia_evals/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from helpers.datasets._table import Rows, Table, frozen

FOLDER = "pythia_evals"
#: Tokens per optimiser step: 1,024 sequences of 2,048 tokens (Biderman et al. 2023).
TOKENS_PER_STEP = 1024 * 2048
FINAL_STEP = 143_000
#: Tasks in the table; "mmlu_macro_avg_57subj" is the unweighted mean over MMLU's 57 subjects.
PYTHIA_TASKS = ("arc_challenge", "arc_easy", "lambada_openai", "logiqa", "mmlu_macro_avg_57subj", "piqa",
                "sciq", "winogrande", "wsc")
_METRICS = ("acc", "acc_norm", "ppl")


@dataclass(frozen=True)
class PythiaEvals(Rows):
    """The long table: one row per (model, checkpoint, shots, task, metric)."""

    family: np.ndarray  # "pythia", "opt" or "bloom"
    model: np.ndarray  # Hugging Face name, e.g. "pythia-1.4b-deduped", "opt-13b"
    deduped: np.ndarray  # True for Pythia trained on the deduplicated Pile (False for OPT and BLOOM)
    params: np.ndarray  # total parameters incl. input and output embeddings [parameters]; NaN for OPT/BLOOM
    params_nonembedding: np.ndarray  # parameters without the two embedding matrices; NaN for OPT/BLOOM
    step: np.ndarray  # optimiser step of the checkpoint; NaN for the released OPT/BLOOM models
    tokens_seen: np.ndarray  # step x 2,097,152 [tokens]; NaN for OPT/BLOOM
    shots: np.ndarray  # in-context examples, 0 or 5
    task: np.ndarray  # one of PYTHIA_TASKS
    metric: np.ndarray  # "acc" (fraction), "acc_norm" (length-normalised accuracy, fraction), "ppl" (perplexity)
    value: np.ndarray  # the metric's value: a fraction in [0, 1], or a perplexity >= 1
    stderr: np.ndarray  # the harness's standard error of value; NaN for the MMLU macro average


@dataclass(frozen=True)
class PythiaTask:
    """One task and metric on the Pythia grid: rows are the 8 sizes (smallest first), columns the checkpoints."""

    task: str
    metric: str  # "acc", "acc_norm" (fractions) or "ppl" (LAMBADA perplexity of the final word)
    shots: int
    deduped: bool
    model: np.ndarray  # (8,) model names
    params: np.ndarray  # (8,) total parameters [parameters]
    params_nonembedding: np.ndarray  # (8,) non-embedding parameters [parameters]
    step: np.ndarray  # (checkpoints,) optimiser steps, increasing
    tokens_seen: np.ndarray  # (checkpoints,) tokens seen [tokens]
    value: np.ndarray  # (8, checkpoints) metric value
    stderr: np.ndarray  # (8, checkpoints) standard error of value (NaN for the MMLU macro average)


@lru_cache(maxsize=1)
def pythia_evals() -> PythiaEvals:
    """Every row of the evaluation table: Pythia at each checkpoint, OPT and BLOOM final models.

    Source: Biderman et al. 2023 (``biderman2023pythia``), the authors' evaluation files; used in chapter 5.
    """
    columns = ("family", "model", "deduped", "params_total", "params_nonembedding", "step", "tokens_seen",
               "num_fewshot", "task", "metric", "value", "stderr")
    table = Table(FOLDER, "pythia_evals_long.csv", columns)
    family = table.text("family", ("pythia", "opt", "bloom"))
    pythia = family == "pythia"
    model = table.text("model")
    deduped = table.text("deduped", ("0", "1", "")) == "1"
    wrong = (table.text("deduped") == "") == pythia
    wrong |= pythia & (np.char.endswith(model, "-deduped") != deduped)
    if wrong.any():
        i = int(np.argmax(wrong))
        table.fail("deduped", i, str(table.text("deduped")[i]), f"0 or 1 for Pythia, matching the name {str(model[i])!r}, "
                   "and blank for OPT and BLOOM")
    other = ~pythia
    params = table.number("params_total", "parameters", 1e7, 1e11, missing_ok=other)
    params_ne = table.number("params_nonembedding", "parameters", 1e6, 1e11, missing_ok=other)
    step = table.number("step", "optimiser steps", 0, FINAL_STEP, missing_ok=other)
    tokens = table.number("tokens_seen", "tokens", 0, FINAL_STEP * TOKENS_PER_STEP, missing_ok=other)
    for column, values in (("params_total", params), ("step", step)):
        if (np.isfinite(values) & other).any():
            table.fail(column, int(np.argmax(np.isfinite(values) & other)), "a value", "blank for OPT and BLOOM")
    off = pythia & ((step != np.round(step)) | (tokens != step * TOKENS_PER_STEP))
    if off.any():
        i = int(np.argmax(off))
        table.fail("tokens_seen", i, float(tokens[i]), f"step x {TOKENS_PER_STEP} tokens, a whole step")
    shots = table.number("num_fewshot", "in-context examples", 0, 5)
    if not np.isin(shots, (0, 5)).all():
        table.fail("num_fewshot", int(np.argmax(~np.isin(shots, (0, 5)))), "a value", "0 or 5 examples")
    task = table.text("task", PYTHIA_TASKS)
    metric = table.text("metric", _METRICS)
    ppl = metric == "ppl"
    if (ppl & (task != "lambada_openai")).any():
        table.fail("metric", int(np.argmax(ppl & (task != "lambada_openai"))), "ppl", "ppl only for lambada_openai")
    value = table.number("value", "fraction or perplexity", 0.0, 1e10)
    outside = np.where(ppl, value < 1, value > 1)
    if outside.any():
        i = int(np.argmax(outside))
        table.fail("value", i, float(value[i]), "a fraction in [0, 1] for acc/acc_norm, a perplexity >= 1 for ppl")
    stderr = table.number("stderr", "units of value", 0.0, 1e10, missing_ok=task == "mmlu_macro_avg_57subj")
    arrays = (family, model, deduped, params, params_ne, step, tokens, shots.astype(int), task, metric, value, stderr)
    return PythiaEvals(*(frozen(a) for a in arrays))


def pythia_task(task: str, metric: str = "acc", *, shots: int = 0, deduped: bool = False) -> PythiaTask:
    """One task's metric for the 8 Pythia sizes at every checkpoint: a (size x step) grid.

    Zero-shot has 27 checkpoints (steps 0, 1, 2, 4, ..., 512, 1000, 3000, 13000, ..., 143000); five-shot has
    15 (3000 to 143000). ``metric="ppl"`` with ``task="lambada_openai"`` is the continuous measure.
    Source: Biderman et al. 2023 (``biderman2023pythia``); used in chapter 5.
    """
    if task not in PYTHIA_TASKS:
        raise ValueError(f"task must be one of {PYTHIA_TASKS}; got {task!r}")
    if metric not in _METRICS:
        raise ValueError(f"metric must be one of {_METRICS}; got {metric!r}")
    if shots not in (0, 5):
        raise ValueError(f"shots must be 0 or 5 (in-context examples); got {shots!r}")
    t = pythia_evals()
    rows = t.where((t.family == "pythia") & (t.task == task) & (t.metric == metric) & (t.shots == shots)
                   & (t.deduped == bool(deduped)))
    if len(rows) == 0:
        raise ValueError(f"no Pythia rows for task={task!r} with metric={metric!r}; "
                         "'ppl' exists only for 'lambada_openai', 'acc_norm' not for winogrande or wsc")
    names, first, name_of_row = np.unique(rows.model, return_index=True, return_inverse=True)
    by_size = np.argsort(rows.params[first])  # smallest model first
    models, first, i = names[by_size], first[by_size], np.argsort(by_size)[name_of_row]
    steps, j = np.unique(rows.step, return_inverse=True)
    if len(rows) != models.size * steps.size or np.unique(i * steps.size + j).size != len(rows):
        raise ValueError(f"the Pythia grid for {task!r}/{metric!r}/{shots}-shot is incomplete or has duplicates")
    value = np.empty((models.size, steps.size))
    stderr = np.empty_like(value)
    value[i, j], stderr[i, j] = rows.value, rows.stderr
    arrays = (models, rows.params[first], rows.params_nonembedding[first], steps.astype(int),
              steps * TOKENS_PER_STEP, value, stderr)
    return PythiaTask(task, metric, shots, bool(deduped), *(frozen(np.array(a)) for a in arrays))
