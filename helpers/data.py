"""Published tables, typed as data: every row carries its source (paper and table).

Parameters are total parameter counts as the source reports them (embeddings included, as in Hoffmann et
al. 2022), tokens are training tokens and FLOP is a count of floating-point operations.

- Chapter 2: Chinchilla Tables 1 and 3 and the allocation exponents of Table 2 (Hoffmann et al. 2022);
  over-trained models (Llama 2 and Llama 3).
- Chapter 5: rows of Table 1 of Wei et al. 2022, "Emergent Abilities of Large Language Models" (TMLR, arXiv
  2206.07682): the training compute and model size at which each ability first appears.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ALLOCATION_EXPONENTS",
    "CHINCHILLA_TABLE1",
    "CHINCHILLA_TABLE3",
    "OVERTRAINED_MODELS",
    "WEI_2022_TABLE_1",
    "AllocationExponents",
    "ComputeOptimalAllocation",
    "EmergentAbility",
    "TrainedModel",
]

_HOFFMANN = "Hoffmann et al. 2022, Training Compute-Optimal Large Language Models (arXiv 2203.15556)"


@dataclass(frozen=True)
class ComputeOptimalAllocation:
    """One row of Hoffmann et al. 2022, Table 3: a model size, the FLOP and tokens Approach 1 assigns it."""

    params: float  # parameters
    flops: float  # FLOP (a count)
    tokens: float  # training tokens
    source: str

    @property
    def tokens_per_param(self) -> float:
        """Training tokens per parameter (dimensionless)."""
        return self.tokens / self.params


@dataclass(frozen=True)
class TrainedModel:
    """A model that was actually trained: its name, parameter count and training tokens, with a source."""

    name: str
    params: float  # parameters (total)
    tokens: float  # training tokens
    source: str

    @property
    def tokens_per_param(self) -> float:
        """Training tokens per parameter (dimensionless)."""
        return self.tokens / self.params


_T3 = f"{_HOFFMANN}, Table 3 (Approach 1 projections)"
#: Hoffmann et al. 2022, Table 3: estimated compute-optimal parameters, FLOP and tokens (Approach 1).
CHINCHILLA_TABLE3 = (
    ComputeOptimalAllocation(400e6, 1.92e19, 8.0e9, _T3),
    ComputeOptimalAllocation(1e9, 1.21e20, 20.2e9, _T3),
    ComputeOptimalAllocation(10e9, 1.23e22, 205.1e9, _T3),
    ComputeOptimalAllocation(67e9, 5.76e23, 1.5e12, _T3),
    ComputeOptimalAllocation(175e9, 3.85e24, 3.7e12, _T3),
    ComputeOptimalAllocation(280e9, 9.90e24, 5.9e12, _T3),
    ComputeOptimalAllocation(520e9, 3.43e25, 11.0e12, _T3),
    ComputeOptimalAllocation(1e12, 1.27e26, 21.2e12, _T3),
    ComputeOptimalAllocation(10e12, 1.30e28, 216.2e12, _T3),
)

_T1 = f"{_HOFFMANN}, Table 1"
#: Hoffmann et al. 2022, Table 1: current large language models, their size and training tokens.
CHINCHILLA_TABLE1 = (
    TrainedModel("LaMDA", 137e9, 168e9, _T1),
    TrainedModel("GPT-3", 175e9, 300e9, _T1),
    TrainedModel("Jurassic", 178e9, 300e9, _T1),
    TrainedModel("Gopher", 280e9, 300e9, _T1),
    TrainedModel("MT-NLG 530B", 530e9, 270e9, _T1),
    TrainedModel("Chinchilla", 70e9, 1.4e12, _T1),
)

_LLAMA2 = "Touvron et al. 2023, Llama 2 (arXiv 2307.09288), Table 1 and model card: 2.0T tokens"
_LLAMA3 = "Meta 2024, Llama 3 model card (meta-llama/llama3, MODEL_CARD.md): 15T+ tokens"
#: Models trained far past ~20 tokens per parameter, for cheaper inference (parameters as reported).
OVERTRAINED_MODELS = (
    TrainedModel("Llama 2 7B", 7e9, 2e12, _LLAMA2),
    TrainedModel("Llama 2 70B", 70e9, 2e12, _LLAMA2),
    TrainedModel("Llama 3 8B", 8e9, 15e12, _LLAMA3),
    TrainedModel("Llama 3 70B", 70e9, 15e12, _LLAMA3),
)


@dataclass(frozen=True)
class AllocationExponents:
    """How a method splits extra compute: N_opt ~ C^a and D_opt ~ C^b (a + b = 1 when C = 6 N D)."""

    method: str
    a: float  # exponent of the compute-optimal parameter count
    b: float  # exponent of the compute-optimal token count
    source: str


_T2 = f"{_HOFFMANN}, Table 2"
#: Hoffmann et al. 2022, Table 2: the allocation exponents of their three approaches and of Kaplan et al.
ALLOCATION_EXPONENTS = (
    AllocationExponents("Approach 1 (training curves)", 0.50, 0.50, _T2),
    AllocationExponents("Approach 2 (IsoFLOP profiles)", 0.49, 0.51, _T2),
    AllocationExponents("Approach 3 (parametric fit)", 0.46, 0.54, _T2),
    AllocationExponents("Kaplan et al. 2020", 0.73, 0.27, _T2),
)


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
