"""helpers.energy: published footprints, unit arithmetic and the facility energy model."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import compute, energy


# ------------------------------------------------------------------------------------ published figures
# Values typed from /work/shared/research/facts.md section 6 (sources named there and in the docstrings).
def test_gpt3_patterson_2021():
    # Patterson et al. 2021: GPT-3 training used 1,287 MWh and emitted 552 tCO2e.
    assert energy.GPT3_PATTERSON_2021.energy_mwh == 1287
    assert energy.GPT3_PATTERSON_2021.tco2e == 552
    assert energy.GPT3_PATTERSON_2021.status == "secondary"
    # Implied intensity 552 / 1,287 = 0.429 kg/kWh.
    assert energy.implied_grid_intensity(552, 1287) == pytest.approx(0.429, abs=5e-4)


def test_llama3_model_card():
    # Llama 3 model card: 7.7M H100-80GB GPU-hours, TDP 700 W, 2290 tCO2eq.
    card = energy.LLAMA3_MODEL_CARD
    assert (card.accelerator_hours, card.watts_per_accelerator, card.tco2e) == (7.7e6, 700, 2290)
    # 7.7e6 h x 700 W = 5,390 MWh.
    assert energy.energy_from_hours_mwh(7.7e6, 700) == pytest.approx(5390)


def test_bloom():
    # Luccioni et al. 2023: about 24.7 tCO2eq on the French grid at 57 g/kWh -> about 433 MWh.
    assert energy.BLOOM_LUCCIONI_2023.tco2e == pytest.approx(24.7, abs=0.05)
    assert energy.FRANCE_GRID_KG_PER_KWH_BLOOM == 0.057
    assert energy.BLOOM_LUCCIONI_2023.tco2e / energy.BLOOM_LUCCIONI_2023.kg_per_kwh == pytest.approx(433, abs=1)


def test_us_references():
    # EIA FAQ 74: 0.81 lb/kWh in 2023 = 0.367 kg/kWh. EIA FAQ 97: 10,715 kWh per household-year.
    assert energy.US_GRID_KG_PER_KWH_2023 == pytest.approx(0.367, abs=5e-4)
    assert energy.US_HOUSEHOLD_MWH_PER_YEAR == 10.715
    # LBNL 2024: US data centres used 176 TWh in 2023.
    assert energy.US_DATA_CENTRE_TWH_2023 == 176
    assert energy.US_DATA_CENTRE_SHARE_2023 == 0.044
    # 176 TWh at 4.4% means about 4,000 TWh of US electricity in all.
    assert energy.US_DATA_CENTRE_TWH_2023 / energy.US_DATA_CENTRE_SHARE_2023 == pytest.approx(4000)


def test_patterson_cloud_efficiency():
    # Patterson et al. 2021, abstract: cloud data centres ~1.4-2x more energy efficient than typical ones.
    assert energy.PATTERSON_2021_CLOUD_EFFICIENCY_RANGE == (1.4, 2.0)


# ------------------------------------------------------------------------------------------ arithmetic
def test_carbon_is_mwh_times_kg_per_kwh():
    # 1,000 MWh = 1e6 kWh; at 0.4 kg/kWh that is 4e5 kg = 400 t.
    assert energy.carbon_tonnes(1000, 0.4) == pytest.approx(400)
    assert energy.carbon_tonnes(1287, 552 / 1287) == pytest.approx(552)
    assert energy.carbon_tonnes(500, 0.0) == 0.0


def test_gpt3_is_about_120_households():
    # 1,287 MWh / 10.715 MWh per household-year = 120 households.
    assert round(energy.household_years(1287)) == 120


def test_energy_is_not_power():
    # 176 TWh over 8,760 h = 20.1 GW on average.
    assert energy.average_power_gw(176) == pytest.approx(20.09, abs=0.01)


def test_h100_flop_per_joule():
    # 989.4e12 FLOP/s / 700 W = 1.413e12 FLOP/J at peak.
    assert energy.peak_flop_per_joule("H100") == pytest.approx(1.4134e12, rel=1e-4)
    assert energy.flop_per_joule(3.6e9 * 1e10, 1) == pytest.approx(1e10)


def test_seed_exercise2_run():
    # facts.md errata 32: 70B on 1.4T tokens on H100s at 40% MFU: 289.0 MWh at TDP, 115.6 t at 0.4 kg/kWh
    # (the seed used 989 TFLOP/s; the datasheet's 989.4 gives 5.88e23 / (989.4e12 x 0.4) / 3600 x 700 W = 288.9).
    mwh = energy.facility_energy_mwh(6 * 70e9 * 1.4e12, "H100", 0.4, pue=1.0)
    assert mwh == pytest.approx(288.9, abs=0.05)
    assert energy.carbon_tonnes(mwh, 0.4) == pytest.approx(115.6, abs=0.05)


@given(
    flops=st.floats(1e18, 1e27),
    pue=st.floats(1.0, 2.0),
    fraction=st.floats(0.3, 1.0),
    overhead=st.floats(1.0, 2.0),
)
def test_facility_energy_multiplies_the_chip_energy(flops, pue, fraction, overhead):
    chips = compute.training_energy_mwh(flops, "A100", 0.4)
    got = energy.facility_energy_mwh(flops, "A100", 0.4, pue=pue, power_fraction=fraction, server_overhead=overhead)
    assert got == pytest.approx(chips * pue * fraction * overhead)


def test_projection_grows_by_the_ratio():
    # 4x compute, 2x efficiency per year: energy doubles each year.
    assert energy.projected_run_energy_mwh(3, 100, 4.0, 2.0) == pytest.approx(800)
    assert energy.projected_run_energy_mwh(np.array([0, 1]), 100, 4.0, 4.0).tolist() == [100, 100]


def test_pue_has_no_default():
    with pytest.raises(TypeError):
        energy.facility_energy_mwh(1e20, "H100", 0.4)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: energy.facility_energy_mwh(1e20, "H100", 0.4, pue=0.9), "pue"),
        (lambda: energy.facility_energy_mwh(1e20, "H100", 0.4, pue=1.1, power_fraction=0), "power_fraction"),
        (lambda: energy.facility_energy_mwh(1e20, "H100", 0.4, pue=1.1, server_overhead=0.5), "server_overhead"),
        (lambda: energy.carbon_tonnes(100, -0.1), "kg_per_kwh"),
        (lambda: energy.carbon_tonnes(-1, 0.4), "energy_mwh"),
        (lambda: energy.energy_from_hours_mwh(0, 700), "accelerator_hours"),
        (lambda: energy.implied_grid_intensity(552, float("nan")), "energy_mwh"),
        (lambda: energy.household_years("1287"), "energy_mwh"),
        (lambda: energy.facility_energy_mwh(1e20, "V100", 0.4, pue=1.1), "accelerator"),
    ],
)
def test_bad_input_names_the_argument(call, name):
    with pytest.raises(ValueError, match=name):
        call()
