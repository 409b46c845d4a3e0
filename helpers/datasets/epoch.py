"""Epoch AI's notable AI models (``epoch2025notable``), snapshot of 2025-02-24: training compute by date.

Chapter 7 fits and backtests the growth of training compute; chapter 6 uses the power, hardware and cost
columns. A dated snapshot of a living database: later Epoch versions revise values.
Files, licence (CC BY 4.0: credit "Epoch AI, Data on Notable AI Models") and provenance:
``helpers/datasets/epoch_notable_ai_models/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from helpers.datasets._table import Rows, Table, frozen

FOLDER = "epoch_notable_ai_models"
SNAPSHOT_DATE = np.datetime64("2025-02-24")
EPOCH_DOMAINS = ("3D modeling", "Audio", "Biology", "Driving", "Earth science", "Games", "Image generation",
                 "Language", "Materials science", "Mathematics", "Medicine", "Multimodal", "Other",
                 "Recommendation", "Robotics", "Search", "Speech", "Video", "Vision")
_CONFIDENCE = ("", "Confident", "Likely", "Speculative", "Unknown")
_ACCESS = ("", "API access", "Hosted access (no API)", "Open weights (non-commercial)",
           "Open weights (restricted use)", "Open weights (unrestricted)", "Unreleased")


@dataclass(frozen=True)
class EpochModels(Rows):
    """One row per notable model. Numbers are NaN where Epoch has no estimate; text is "" where unknown."""

    name: np.ndarray  # model name as Epoch lists it, e.g. "GPT-3 175B (davinci)"
    domain: np.ndarray  # comma-separated domains from EPOCH_DOMAINS, e.g. "Language" or "Multimodal,Language"
    organization: np.ndarray  # developer(s), comma-separated
    date: np.ndarray  # publication date, numpy datetime64[D]
    year: np.ndarray  # publication date as a decimal year, e.g. 2020.41 [years]
    params: np.ndarray  # trainable parameters [parameters]
    flops: np.ndarray  # total training compute [FLOP]
    confidence: np.ndarray  # Epoch's confidence in the compute estimate: Confident, Likely, Speculative, Unknown
    frontier: np.ndarray  # True if in the top 10 by training compute when released (bool)
    accessibility: np.ndarray  # e.g. "Open weights (unrestricted)", "API access", "Unreleased"
    hardware: np.ndarray  # training hardware, e.g. "NVIDIA V100"
    hardware_quantity: np.ndarray  # number of chips [chips]
    training_hours: np.ndarray  # wall-clock training time [hours]
    power_draw_watts: np.ndarray  # Epoch's estimate of the training cluster's power draw [W]
    cost_2023_usd: np.ndarray  # Epoch's training compute cost estimate [2023 US dollars]


def _decimal_year(date: np.ndarray) -> np.ndarray:
    year = date.astype("datetime64[Y]")
    start, end = year.astype("datetime64[D]"), (year + 1).astype("datetime64[D]")
    return 1970 + year.astype(int) + (date - start).astype(float) / (end - start).astype(float)


@lru_cache(maxsize=1)
def epoch_models() -> EpochModels:
    """All 895 models of the snapshot, in the file's order (newest first).

    Source: Epoch AI's notable models database (``epoch2025notable``, CC BY 4.0); used in chapters 6 and 7.
    """
    numbers = {  # column: (unit, low, high)
        "Parameters": ("parameters", 1, 1e14),
        "Training compute (FLOP)": ("FLOP", 1, 1e28),
        "Hardware quantity": ("chips", 1, 1e7),
        "Training time (hours)": ("hours", 0.01, 1e5),
        "Training power draw (W)": ("W", 1, 1e10),
        "Training compute cost (2023 USD)": ("2023 US dollars", 0, 1e11),
    }
    text = ("Model", "Domain", "Organization", "Publication date", "Confidence", "Frontier model",
            "Model accessibility", "Training hardware")
    table = Table(FOLDER, "notable_ai_models_2025-02-24_subset.csv", (*text, *numbers))
    domain = table.text("Domain")
    unknown = np.array([not set(d.split(",")) <= set(EPOCH_DOMAINS) for d in domain])
    if unknown.any():
        table.fail("Domain", int(np.argmax(unknown)), str(domain[unknown][0]), f"a comma list of {EPOCH_DOMAINS}")
    raw_date = table.text("Publication date")
    try:
        date = raw_date.astype("datetime64[D]")
    except ValueError:
        bad = next(i for i, d in enumerate(raw_date) if not _is_date(d))
        table.fail("Publication date", bad, str(raw_date[bad]), "a date YYYY-MM-DD")
    outside = (date > SNAPSHOT_DATE) | (date < np.datetime64("1940-01-01")) | np.isnat(date)
    if outside.any():
        i = int(np.argmax(outside))
        table.fail("Publication date", i, str(raw_date[i]), f"a date between 1940-01-01 and {SNAPSHOT_DATE}")
    number = {c: table.number(c, *spec, missing_ok=True) for c, spec in numbers.items()}
    columns = dict(
        name=table.text("Model"), domain=domain, organization=table.text("Organization"), date=date,
        year=_decimal_year(date), params=number["Parameters"], flops=number["Training compute (FLOP)"],
        confidence=table.text("Confidence", _CONFIDENCE), frontier=table.text("Frontier model", ("", "True")) == "True",
        accessibility=table.text("Model accessibility", _ACCESS), hardware=table.text("Training hardware"),
        hardware_quantity=number["Hardware quantity"], training_hours=number["Training time (hours)"],
        power_draw_watts=number["Training power draw (W)"], cost_2023_usd=number["Training compute cost (2023 USD)"],
    )
    return EpochModels(**{k: frozen(v) for k, v in columns.items()})


def _is_date(text: str) -> bool:
    try:
        np.datetime64(text, "D")
    except ValueError:
        return False
    return True


def epoch_training_compute(domain: str | None = None, *, frontier_only: bool = False) -> EpochModels:
    """The models with a training-compute estimate, oldest first: the data for a compute-by-date trend.

    ``domain`` keeps models listing it (e.g. "Language"); ``frontier_only`` keeps Epoch's frontier models.
    Source: Epoch AI (``epoch2025notable``, CC BY 4.0); used in chapter 7.
    """
    if domain is not None and domain not in EPOCH_DOMAINS:
        raise ValueError(f"domain must be one of {EPOCH_DOMAINS} or None; got {domain!r}")
    models = epoch_models()
    keep = np.isfinite(models.flops)
    if domain is not None:
        keep &= np.array([domain in d.split(",") for d in models.domain])
    if frontier_only:
        keep &= models.frontier
    chosen = models.where(keep)
    return chosen._take(np.argsort(chosen.date, kind="stable"))
