"""Energy and carbon of training runs, built on ``helpers.compute`` (accelerators, MFU, accelerator-hours).

The chain is: FLOP (a count) -> accelerator-hours at a dense peak and an MFU (``compute.gpu_hours``) ->
energy of the chips at their board power (``compute.training_energy_mwh``) -> energy of the whole facility,
after two multipliers this module adds:

- ``power_fraction``: the chips' average draw as a fraction of their maximum board power (TDP). Real runs
  average below TDP, so 1.0 gives an upper bound for the chips themselves.
- ``server_overhead``: the power of the whole server and network (CPUs, memory, NICs, switches) per watt of
  accelerator power, >= 1.
- ``pue``: power usage effectiveness, the facility's total energy per unit of IT energy (cooling, power
  conversion), >= 1.

Then carbon = energy x grid intensity. Units: energy in MWh (1 MWh = 1,000 kWh = 3.6e9 J), grid intensity
in kg CO2e per kWh, emissions in tonnes CO2e (t): 1 MWh at 1 kg/kWh is exactly 1 t. Power in W, time in
hours. The three multipliers are assumptions of the caller and have no defaults that hide them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from helpers import compute
from helpers._validate import in_range, like_input, positive

__all__ = [
    "BLOOM_LUCCIONI_2023",
    "FRANCE_GRID_KG_PER_KWH_BLOOM",
    "GPT3_PATTERSON_2021",
    "HOURS_PER_YEAR",
    "JOULES_PER_MWH",
    "LLAMA3_MODEL_CARD",
    "PATTERSON_2021_CLOUD_EFFICIENCY_RANGE",
    "US_DATA_CENTRE_SHARE_2023",
    "US_DATA_CENTRE_TWH_2023",
    "US_GRID_KG_PER_KWH_2023",
    "US_HOUSEHOLD_MWH_PER_YEAR",
    "PublishedFootprint",
    "average_power_gw",
    "carbon_tonnes",
    "energy_from_hours_mwh",
    "facility_energy_mwh",
    "flop_per_joule",
    "household_years",
    "implied_grid_intensity",
    "peak_flop_per_joule",
    "projected_run_energy_mwh",
]

JOULES_PER_MWH = 3.6e9  # 1 MWh = 1e6 W x 3600 s
HOURS_PER_YEAR = 8760.0  # 365 days x 24 h
_KG_PER_LB = 0.45359237  # exact, by definition of the international pound


# ---------------------------------------------------------------------------------------- published figures


@dataclass(frozen=True)
class PublishedFootprint:
    """Energy and emissions of a training run as its authors (or an audit) published them.

    Fields a source does not give are None. ``status`` is "primary" when the number was read in the source
    itself, "secondary" when it was read in copies that quote it.
    """

    name: str
    energy_mwh: float | None  # MWh
    tco2e: float  # tonnes CO2-equivalent
    accelerator_hours: float | None  # accelerator-hours
    accelerator: str | None  # chip, as the source names it
    watts_per_accelerator: float | None  # W used by the source per accelerator
    kg_per_kwh: float | None  # grid intensity the source used, kg CO2e per kWh
    source: str
    status: str


#: GPT-3 175B: 1,287 MWh and 552 tCO2e, Patterson et al. 2021 (arXiv 2104.10350), Table 4. Status:
#: SECONDARY: the values are quoted consistently by many copies, but the PDF table itself was not read.
GPT3_PATTERSON_2021 = PublishedFootprint(
    name="GPT-3 175B",
    energy_mwh=1287.0,
    tco2e=552.0,
    accelerator_hours=None,
    accelerator="V100",
    watts_per_accelerator=None,
    kg_per_kwh=None,
    source="Patterson et al. 2021, Carbon Emissions and Large Neural Network Training, Table 4 (as quoted)",
    status="secondary",
)

#: Llama 3 8B + 70B (April 2024): 7.7M H100-80GB hours at a TDP of 700 W, 2,290 tCO2eq,
#: from Meta's model card (meta-llama/llama3, MODEL_CARD.md). The card computes emissions from TDP x hours.
LLAMA3_MODEL_CARD = PublishedFootprint(
    name="Llama 3 8B + 70B",
    energy_mwh=None,
    tco2e=2290.0,
    accelerator_hours=7.7e6,
    accelerator="H100",
    watts_per_accelerator=700.0,
    kg_per_kwh=None,
    source="Meta, Llama 3 model card (meta-llama/llama3 MODEL_CARD.md), 'Hardware and Software'",
    status="primary",
)

#: Grid intensity of the French grid used for BLOOM, 57 g CO2e/kWh (Luccioni et al. 2023, JMLR 24(253)).
FRANCE_GRID_KG_PER_KWH_BLOOM = 0.057

#: BLOOM 176B, final training run: about 24.69 tCO2eq from dynamic power, on the French grid at
#: 57 g/kWh (Luccioni et al. 2023, JMLR 24(253); arXiv 2211.02001). Status: SECONDARY (a model-card
#: summary of the paper). The energy, about 433 MWh, is derived here: 24.69 t / 0.057 kg/kWh.
BLOOM_LUCCIONI_2023 = PublishedFootprint(
    name="BLOOM 176B",
    energy_mwh=None,
    tco2e=24.69,
    accelerator_hours=None,
    accelerator="A100",
    watts_per_accelerator=None,
    kg_per_kwh=FRANCE_GRID_KG_PER_KWH_BLOOM,
    source="Luccioni, Viguier & Ligozat 2023, Estimating the Carbon Footprint of BLOOM (dynamic power only)",
    status="secondary",
)

#: US electricity grid, 2023: 0.81 lb CO2 per kWh (EIA, FAQ id=74), i.e. 0.367 kg/kWh.
US_GRID_KG_PER_KWH_2023 = 0.81 * _KG_PER_LB

#: Average electricity use of a US household, 10,715 kWh per year in 2020 (EIA, FAQ id=97), in MWh/year.
US_HOUSEHOLD_MWH_PER_YEAR = 10.715

#: Electricity used by US data centres in 2023: 176 TWh, 4.4% of US electricity (Shehabi et al. 2024,
#: LBNL "United States Data Center Energy Usage Report"). An ENERGY over a year, not a capacity (GW).
#: Status: SECONDARY (read in DOE and news summaries of the report).
US_DATA_CENTRE_TWH_2023 = 176.0
#: The same report: that was 4.4% of all US electricity in 2023 (a fraction).
US_DATA_CENTRE_SHARE_2023 = 0.044

#: "Cloud datacenters can be ~1.4-2X more energy efficient than typical datacenters" (Patterson et al. 2021,
#: arXiv 2104.10350, abstract): how much the facility around the same chips can change the energy.
PATTERSON_2021_CLOUD_EFFICIENCY_RANGE = (1.4, 2.0)


# ------------------------------------------------------------------------------------------------ energy


def peak_flop_per_joule(accelerator: str | compute.Accelerator) -> float:
    """Dense peak FLOP/s divided by board power (W): FLOP per joule at 100% MFU and full power draw."""
    spec = compute.get_accelerator(accelerator)
    return spec.peak_flops_dense / spec.power_watts


def facility_energy_mwh(
    flops, accelerator: str | compute.Accelerator, mfu, *, pue, power_fraction=1.0, server_overhead=1.0
):
    """Energy in MWh drawn by the whole facility to do ``flops`` FLOP of training.

    E = C / (dense peak x MFU) x board power x power_fraction x server_overhead x PUE: the chips' energy
    at TDP (``helpers.compute.training_energy_mwh``) times three multipliers (see the module docstring).
    ``pue`` has no default: it is an assumption (hyperscale sites report about 1.1, older ones more).
    """
    p = in_range("pue", pue, "facility energy / IT energy, >= 1", 1.0, 10.0)
    f = in_range("power_fraction", power_fraction, "average draw / TDP", 0.0, 1.5, low_open=True)
    s = in_range("server_overhead", server_overhead, "server power / accelerator power, >= 1", 1.0, 10.0)
    chips = np.asarray(compute.training_energy_mwh(flops, accelerator, mfu))
    return like_input(chips * f * s * p, flops, mfu, pue, power_fraction, server_overhead)


def energy_from_hours_mwh(accelerator_hours, watts, *, pue=1.0):
    """Energy in MWh of ``accelerator_hours`` hours at ``watts`` W each, times ``pue`` (1 = IT power only).

    This is how model cards usually count: hours x TDP, which leaves out the host servers and cooling.
    """
    h = positive("accelerator_hours", accelerator_hours, "accelerator-hours")
    w = positive("watts", watts, "W per accelerator")
    p = in_range("pue", pue, "facility energy / IT energy, >= 1", 1.0, 10.0)
    return like_input(h * w * p / 1e6, accelerator_hours, watts, pue)


def flop_per_joule(flops, energy_mwh):
    """Achieved energy efficiency: ``flops`` FLOP done with ``energy_mwh`` MWh, in FLOP per joule."""
    c = positive("flops", flops, "FLOP")
    e = positive("energy_mwh", energy_mwh, "MWh")
    return like_input(c / (e * JOULES_PER_MWH), flops, energy_mwh)


# ------------------------------------------------------------------------------------------------ carbon


def carbon_tonnes(energy_mwh, kg_per_kwh):
    """Emissions in tonnes CO2e of ``energy_mwh`` MWh at a grid intensity of ``kg_per_kwh`` kg CO2e/kWh.

    MWh x 1,000 kWh/MWh x kg/kWh / 1,000 kg/t: the two factors of 1,000 cancel, so t = MWh x kg/kWh.
    A carbon-free supply (0 kg/kWh) is allowed; a negative intensity is not.
    """
    e = in_range("energy_mwh", energy_mwh, "MWh", 0.0, np.inf)
    g = in_range("kg_per_kwh", kg_per_kwh, "kg CO2e per kWh", 0.0, 5.0)
    return like_input(e * g, energy_mwh, kg_per_kwh)


def implied_grid_intensity(tco2e, energy_mwh):
    """Grid intensity in kg CO2e/kWh implied by ``tco2e`` tonnes emitted for ``energy_mwh`` MWh."""
    t = positive("tco2e", tco2e, "tonnes CO2e")
    e = positive("energy_mwh", energy_mwh, "MWh")
    return like_input(t / e, tco2e, energy_mwh)


# ----------------------------------------------------------------------------------------- comparisons


def household_years(energy_mwh, mwh_per_household_year=US_HOUSEHOLD_MWH_PER_YEAR):
    """How many US households would use ``energy_mwh`` MWh in a year (10.715 MWh each, EIA 2020)."""
    e = positive("energy_mwh", energy_mwh, "MWh")
    h = positive("mwh_per_household_year", mwh_per_household_year, "MWh per household-year")
    return like_input(e / h, energy_mwh, mwh_per_household_year)


def average_power_gw(energy_twh, hours=HOURS_PER_YEAR):
    """Average power in GW of ``energy_twh`` TWh spread over ``hours`` hours (default: a year).

    Energy (TWh) and power (GW, a capacity) are different quantities: 1 TWh over 8,760 h is 0.114 GW.
    """
    e = positive("energy_twh", energy_twh, "TWh")
    h = positive("hours", hours, "hours")
    return like_input(e * 1e3 / h, energy_twh, hours)


# ---------------------------------------------------------------------------------------------- projection


def projected_run_energy_mwh(years_ahead, energy_now_mwh, compute_growth_per_year, efficiency_gain_per_year):
    """Energy in MWh of the frontier training run ``years_ahead`` years from now.

    Compute grows by ``compute_growth_per_year`` (x/year) and FLOP per joule by ``efficiency_gain_per_year``
    (x/year), so energy grows by their ratio: E(t) = E_0 x (g / h)^t.
    """
    t = in_range("years_ahead", years_ahead, "years", -100.0, 100.0)
    e0 = positive("energy_now_mwh", energy_now_mwh, "MWh")
    g = positive("compute_growth_per_year", compute_growth_per_year, "x per year")
    h = positive("efficiency_gain_per_year", efficiency_gain_per_year, "x per year")
    return like_input(
        e0 * (g / h) ** t, years_ahead, energy_now_mwh, compute_growth_per_year, efficiency_gain_per_year
    )
