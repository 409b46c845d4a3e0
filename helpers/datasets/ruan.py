"""Ruan et al. 2024 (``ruan2024observational``): public base models with their compute and benchmark scores.

Chapter 5 plots the BIG-bench "emergent" tasks and standard benchmarks of ~150 public models against training
compute (observational scaling laws); chapter 7 uses them for loss-free capability forecasts. Scores come from
the Open LLM Leaderboard (v1) or the authors' re-runs with the same protocol.
Files, licence (Apache-2.0) and provenance: ``helpers/datasets/ruan2024_observational/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

import numpy as np

from helpers.datasets._table import Rows, Table, frozen

FOLDER = "ruan2024_observational"
#: Leaderboard benchmarks (fractions in [0, 1]); "Winograd" is Winogrande, HumanEval is pass@1.
RUAN_BENCHMARKS = ("MMLU", "ARC-C", "HellaSwag", "Winograd", "TruthfulQA", "GSM8K", "XWinograd", "HumanEval")
#: BIG-bench-style "emergent" tasks, all 2-shot: accuracy or exact match as fractions, except the BLEU score
#: ``ipa_transliterate_2_bleu`` in [0, 100].
RUAN_EMERGENT_TASKS = ("parsinlu_qa_2_acc", "word_unscrambling_2_exact_match", "ipa_transliterate_2_exact_match",
                       "ipa_transliterate_2_bleu", "arithmetic_3ds_2_acc", "arithmetic_3da_2_acc",
                       "arithmetic_2dm_2_acc", "arithmetic_2da_2_acc")
#: Training tokens [tokens] that the authors' file gets wrong, corrected from the model's own paper:
#: BTLM-3B-8K was "trained on 627B tokens" (Dey et al. 2023, ``dey2023btlm``); the file has 627 T.
RUAN_TOKEN_CORRECTIONS = MappingProxyType({"cerebras/btlm-3b-8k-base": 627e9})


@dataclass(frozen=True)
class RuanModels(Rows):
    """One row per base model; ``benchmarks`` names the columns of ``scores``."""

    model: np.ndarray  # Hugging Face model id
    family: np.ndarray  # model family used for per-family fits, e.g. "Llama-2"
    params: np.ndarray  # N [parameters]; for mixture-of-experts models the file mixes active and total counts
    tokens: np.ndarray  # D, pre-training tokens [tokens]; NaN where undisclosed
    flops: np.ndarray  # C = 6 N D [FLOP]; NaN where D is undisclosed
    scores: np.ndarray  # (models, benchmarks) scores; NaN where the model was not evaluated
    benchmarks: tuple[str, ...]  # RUAN_BENCHMARKS then RUAN_EMERGENT_TASKS

    def score(self, benchmark: str) -> np.ndarray:
        """The score column of one benchmark (a name in ``benchmarks``): a fraction, or BLEU in [0, 100]."""
        if benchmark not in self.benchmarks:
            raise ValueError(f"benchmark must be one of {self.benchmarks}; got {benchmark!r}")
        return self.scores[:, self.benchmarks.index(benchmark)]


def _scores(table: Table, names) -> list[np.ndarray]:
    return [table.number(b, "BLEU (0-100)" if b.endswith("bleu") else "fraction", 0.0,
                         100.0 if b.endswith("bleu") else 1.0, missing_ok=True) for b in names]


@lru_cache(maxsize=1)
def ruan_base_models() -> RuanModels:
    """All base models of Ruan et al., with the emergent-task scores joined on the model id.

    Units are converted from the file's billions, trillions and 1e21 FLOP to parameters, tokens and FLOP.
    Source: Ruan et al. 2024 (``ruan2024observational``); used in chapters 5 and 7.
    """
    main = Table(FOLDER, "base_llm_benchmark_eval.csv", ("Model", "Model Family", "Model Size (B)",
                 "Pretraining Data Size (T)", "FLOPs (1E21)", *RUAN_BENCHMARKS))
    model = main.text("Model")
    if len(set(model)) != len(model):
        raise ValueError(f"{main.source}: model ids must be unique")
    params = main.number("Model Size (B)", "billions of parameters", 0.01, 2000) * 1e9
    tokens = main.number("Pretraining Data Size (T)", "trillions of tokens", 1e-3, 1e3, missing_ok=True) * 1e12
    flops = main.number("FLOPs (1E21)", "units of 1e21 FLOP", 1e-3, 1e6, missing_ok=True) * 1e21
    off = np.isfinite(tokens) != np.isfinite(flops)
    off |= np.abs(flops / (6 * params * tokens) - 1) > 1e-6
    if off.any():
        main.fail("FLOPs (1E21)", int(np.argmax(off)), float(flops[off][0] / 1e21),
                  "6 x size (B) x data (T), in units of 1e21 FLOP")
    for name, corrected in RUAN_TOKEN_CORRECTIONS.items():
        tokens[model == name] = corrected
        flops[model == name] = 6 * params[model == name] * corrected
    if np.nanmax(tokens) > 1e14:
        i = int(np.nanargmax(tokens))
        main.fail("Pretraining Data Size (T)", i, tokens[i] / 1e12, "at most 100 T tokens")

    emergent = Table(FOLDER, "base_llm_emergent_capability_eval.csv", ("Model", *RUAN_EMERGENT_TASKS))
    names = emergent.text("Model")
    repeated = np.ones(len(names), dtype=bool)
    repeated[np.unique(names, return_index=True)[1]] = False
    bad = ~np.isin(names, model) | repeated
    if bad.any():
        emergent.fail("Model", int(np.argmax(bad)), str(names[bad][0]), f"a model of {main.source}, listed once")
    row = {m: i for i, m in enumerate(model)}
    joined = np.full((len(model), len(RUAN_EMERGENT_TASKS)), np.nan)
    joined[[row[m] for m in names]] = np.column_stack(_scores(emergent, RUAN_EMERGENT_TASKS))
    scores = np.column_stack([*_scores(main, RUAN_BENCHMARKS), joined])
    arrays = (model, main.text("Model Family"), params, tokens, flops, scores)
    return RuanModels(*(frozen(a) for a in arrays), benchmarks=RUAN_BENCHMARKS + RUAN_EMERGENT_TASKS)


def ruan_benchmark(benchmark: str) -> RuanModels:
    """The base models with a known training compute and a score on ``benchmark`` (use ``.score(benchmark)``).

    Source: Ruan et al. 2024 (``ruan2024observational``); used in chapters 5 and 7.
    """
    models = ruan_base_models()
    score = models.score(benchmark)
    return models.where(np.isfinite(models.flops) & np.isfinite(score))
