"""Published tables typed as data, each row with its source.

Emergent abilities (chapter 5): rows of Table 1 of Wei et al. 2022, "Emergent Abilities of Large Language
Models" (TMLR, arXiv 2206.07682): the training compute and model size at which each ability first appears
in the cited model family. Units: training compute in FLOP (a count), model size in parameters.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["WEI_2022_TABLE_1", "EmergentAbility"]


@dataclass(frozen=True)
class EmergentAbility:
    """One row of Wei et al. 2022, Table 1: an ability and the smallest scale at which it was seen."""

    ability: str
    train_flop: float  # training compute of the smallest model showing the ability [FLOP]
    params: float  # parameters of that model
    model: str  # model family
    prompting: str  # "few-shot" or "augmented" (the two parts of Table 1)
    source: str = "Wei et al. 2022, Emergent Abilities of Large Language Models, Table 1"


#: A selection of rows of Wei et al. 2022, Table 1 ("emergent scale": train FLOPs, params, model).
WEI_2022_TABLE_1: tuple[EmergentAbility, ...] = (
    EmergentAbility("Addition/subtraction (3 digit)", 2.3e22, 13e9, "GPT-3", "few-shot"),
    EmergentAbility("Addition/subtraction (4-5 digit)", 3.1e23, 175e9, "GPT-3", "few-shot"),
    EmergentAbility("MMLU benchmark (57 topic avg.)", 3.1e23, 175e9, "GPT-3", "few-shot"),
    EmergentAbility("Truthfulness (TruthfulQA)", 5.0e23, 280e9, "Gopher", "few-shot"),
    EmergentAbility("Word in Context (WiC) benchmark", 2.5e24, 540e9, "PaLM", "few-shot"),
    EmergentAbility("Instruction following (finetuning)", 1.3e23, 68e9, "FLAN", "augmented"),
    EmergentAbility("Scratchpad: 8-digit addition (finetuning)", 8.9e19, 40e6, "LaMDA", "augmented"),
    EmergentAbility("Chain-of-thought: math word problems", 1.3e23, 68e9, "LaMDA", "augmented"),
    EmergentAbility("Self-consistency decoding", 1.3e23, 68e9, "LaMDA", "augmented"),
)
