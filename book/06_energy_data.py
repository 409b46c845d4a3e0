# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% tags=["remove-cell"]
# Setup for Colab and bare Jupyter: install the book's `helpers` package if missing.
import importlib.util
import os
import subprocess
import sys

spec = importlib.util.find_spec("helpers")
folders = (spec.submodule_search_locations or []) if spec else []
if not any(os.path.isfile(os.path.join(f, "scaling.py")) for f in folders):  # not ours
    source = "git+https://github.com/scaling-laws-executed/scaling-laws-executed@main"
    source = os.environ.get("HELPERS_PIP_SOURCE") or source
    pip = [sys.executable, "-m", "pip", "install", "--quiet", source]
    subprocess.run(pip, check=True)
    importlib.invalidate_caches()

# %% [markdown]
# # Limits: energy, carbon and the data wall
#
# Scaling laws say what more compute buys. They say nothing about whether the compute can be powered, what
# it emits, or whether there is enough text to train on. This chapter puts numbers on those three limits,
# with every unit labelled:
#
# - the energy of a training run from first principles, checked against the figures published for GPT-3,
#   Llama 3 and BLOOM, with the gap between them explained;
# - carbon as energy times grid intensity, and how much the grid matters;
# - what the fast growth of frontier compute implies for the energy of one run, set against all US data
#   centres;
# - the data wall: the year a compute-optimal run would need more tokens than the stock of public human
#   text, as a distribution from a Monte Carlo, and how over-training moves it earlier;
# - what repetition and synthetic data can and cannot buy.
#
# Units: FLOP is a count, FLOP/s a rate; energy in MWh (1 MWh = 1,000 kWh = $3.6 \times 10^{9}$ J) or TWh
# ($10^{6}$ MWh); power in W or GW; emissions in tonnes of CO2-equivalent (tCO2e); grid intensity in kg
# CO2e per kWh; data in tokens; time in decimal calendar years (2024.5 is mid-2024).

# %%
import numpy as np

from helpers import compute, data_wall, energy, plotting, scaling, units, widgets

# %% [markdown]
# ## The energy of a training run
#
# A run needs a fixed number of FLOP. The chips do them at a fraction of their peak rate, the MFU, so the
# FLOP fix the accelerator-hours (Chapter 3). Each hour draws power, and the building around the chips adds
# its own share. Multiplying these together gives the energy:
#
# $$
# Q = \underbrace{\frac{C}{P_\text{peak} \cdot \text{MFU}}}_{\text{accelerator-seconds}}
#     \times \text{TDP} \times f_\text{draw} \times f_\text{server} \times \text{PUE}.
# $$ (eq-energy)
#
# Here $Q$ is the energy in MWh, $C$ the training compute in FLOP, $P_\text{peak}$ the dense peak in
# FLOP/s, TDP the board power of one chip in W, $f_\text{draw}$ the chips' average draw as a fraction of
# that board power, $f_\text{server}$ the power of the whole server and network per watt of accelerator
# power, and PUE (power usage effectiveness) the facility's total energy per unit of IT energy, for
# cooling and power conversion. The first three factors are `compute.training_energy_mwh` from Chapter 3.
# `energy.facility_energy_mwh` multiplies in $f_\text{draw}$, $f_\text{server}$ and PUE.
#
# None of $f_\text{draw}$, $f_\text{server}$ or PUE is published for most runs, so the cell states them as assumptions you can
# change. Patterson et al. report that cloud data centres can be 1.4 to 2 times more energy-efficient than
# typical ones {cite:p}`patterson2021carbon`, so the facility alone changes the energy a lot. The run is
# Llama 3.1 405B: $6ND$ for 405 billion parameters and 15.6 trillion tokens {cite:p}`dubey2024llama3`, on
# H100s at 40% MFU.

# %%
PUE_ASSUMED = 1.1  # ASSUMED: facility / IT energy of a modern large site; change it
MFU_ASSUMED = 0.40  # ASSUMED (the Llama 3 paper reports 38-43% for the 405B run)
flops_405b = data_wall.FRONTIER_FLOPS_2024  # 6 x 405e9 x 15.6e12 FLOP
hours_405b = compute.gpu_hours(flops_405b, "H100", MFU_ASSUMED)
chips_mwh = compute.training_energy_mwh(flops_405b, "H100", MFU_ASSUMED)
facility_mwh = energy.facility_energy_mwh(flops_405b, "H100", MFU_ASSUMED,
                                          pue=PUE_ASSUMED)
print(f"Llama 3.1 405B: {flops_405b:.2e} FLOP -> {hours_405b:.3g} H100-hours "
      f"at {MFU_ASSUMED:.0%} MFU")
print(f"chips at TDP (700 W):        {chips_mwh:>9,.0f} MWh")
print(f"x PUE {PUE_ASSUMED} (f_draw = f_server = 1): {facility_mwh:>9,.0f} MWh")
print(f"US households for a year:    {energy.household_years(facility_mwh):>9,.0f}  "
      f"(at {energy.US_HOUSEHOLD_MWH_PER_YEAR} MWh per household-year)")

# %% tags=["remove-cell"]
assert PUE_ASSUMED == 1.1 and MFU_ASSUMED == 0.4
assert energy.PATTERSON_2021_CLOUD_EFFICIENCY_RANGE == (1.4, 2.0)
assert energy.JOULES_PER_MWH == 3.6e9
assert flops_405b == 6 * 405e9 * 15.6e12
assert compute.ACCELERATORS["H100"].power_watts == 700
assert round(flops_405b / 1e25, 1) == 3.8
assert round(chips_mwh, -2) == 18_600
assert round(facility_mwh, -2) == 20_500
assert round(energy.household_years(facility_mwh), -1) == 1_910

# %% [markdown]
# The chips alone, at their full 700 W for every hour, use about 18,600 MWh, and the facility about
# 20,500 MWh at a PUE of 1.1: as much electricity as about 1,910 US households use in a year
# {cite:p}`eia2023household`. The next section checks this kind of estimate against figures that were
# published.

# %% [markdown]
# ## Checking against published figures
#
# Three runs have published energy or carbon figures, each counted differently:
#
# - **GPT-3 175B**: 1,287 MWh and 552 tCO2e, estimated by Patterson et al. {cite:p}`patterson2021carbon`
#   for the run on V100 GPUs, including the data centre's overhead. (This book read these values in copies
#   that quote the paper's table, not in the table itself.)
# - **Llama 3 8B and 70B**: 7.7 million H100-hours at a TDP of 700 W, and 2,290 tCO2e
#   {cite:p}`meta2024llama3card`. The model card counts energy as hours times TDP.
# - **BLOOM 176B**: 24.7 tCO2e for the final run's dynamic power on the French grid at 57 g CO2e/kWh
#   {cite:p}`luccioni2023bloom`. Dividing gives its energy.
#
# The cell puts the published energy beside the first-principles estimate of the chips alone
# ({eq}`eq-energy` with $f_\text{draw} = f_\text{server} = \text{PUE} = 1$). For Llama 3 the FLOP are $6ND$ with 15 trillion tokens;
# the card says "15T+", so this is a lower bound. GPT-3 ran on V100s, which are not in this book's table of
# chips, so its estimate uses an A100 at GPT-3's own MFU of 21.3% (PaLM paper, Table 3
# {cite:p}`chowdhery2022palm`).

# %%
gpt3 = energy.GPT3_PATTERSON_2021
llama3 = energy.LLAMA3_MODEL_CARD
bloom = energy.BLOOM_LUCCIONI_2023

flops_gpt3 = compute.GPT3_TRAINING_FLOP  # 6ND with Brown et al. 2020's Table D.1
mfu_gpt3 = compute.PALM_TABLE3_MFU["GPT-3 175B"]
first_gpt3 = compute.training_energy_mwh(flops_gpt3, "A100", mfu_gpt3)

flops_llama3 = compute.training_flops(8e9, 15e12) + compute.training_flops(70e9, 15e12)
first_llama3 = compute.training_energy_mwh(flops_llama3, "H100", MFU_ASSUMED)
card_llama3 = energy.energy_from_hours_mwh(llama3.accelerator_hours,
                                           llama3.watts_per_accelerator)
mfu_llama3 = compute.implied_mfu(flops_llama3, llama3.accelerator_hours, "H100")

bloom_mwh = bloom.tco2e / bloom.kg_per_kwh  # t / (kg/kWh) = MWh

print(f"{'run':<17} {'FLOP':>8} {'estimate':>9} {'published':>10}  [MWh] how")
print(f"{'GPT-3 175B':<17} {flops_gpt3:>8.2e} {first_gpt3:>9,.0f} "
      f"{gpt3.energy_mwh:>10,.0f}        A100 at {mfu_gpt3:.1%} MFU")
print(f"{'Llama 3 8B + 70B':<17} {flops_llama3:>8.2e} {first_llama3:>9,.0f} "
      f"{card_llama3:>10,.0f}        H100 at {MFU_ASSUMED:.0%} MFU; card: hours x TDP")
print(f"{'BLOOM 176B':<17} {'':>8} {'':>9} {bloom_mwh:>10,.0f}        "
      f"{bloom.tco2e} t / {bloom.kg_per_kwh} kg/kWh")
print(f"\nGPT-3: published / estimate = {gpt3.energy_mwh / first_gpt3:.1f}")
print(f"MFU implied by the Llama 3 card: {flops_llama3:.2e} FLOP in "
      f"{llama3.accelerator_hours:.2g} H100-hours = {mfu_llama3:.1%}")

# %% tags=["remove-cell"]
assert (gpt3.energy_mwh, gpt3.tco2e) == (1287, 552)
assert (llama3.accelerator_hours, llama3.tco2e) == (7.7e6, 2290)
assert llama3.watts_per_accelerator == 700
assert round(bloom.tco2e, 1) == 24.7 and bloom.kg_per_kwh == 0.057
assert round(card_llama3 / first_llama3, 1) == 1.6
assert mfu_gpt3 == 0.213 and round(first_gpt3) == 525
assert round(gpt3.energy_mwh / first_gpt3, 1) == 2.4  # 1,287 / 525.5
assert round(flops_llama3 / 1e24, 2) == 7.02
assert round(first_llama3, -1) == 3_450 and card_llama3 == 5_390
assert round(100 * mfu_llama3) == 26
assert round(bloom_mwh) == 433

# %% [markdown]
# The estimates and the published figures differ, in both directions, for reasons worth naming:
#
# - **GPT-3: published 2.4 times higher.** The estimate counts A100s at full power, a newer and more
#   efficient chip than the V100s GPT-3 actually used. It also leaves out the host servers, the network and
#   the data centre's overhead, which Patterson et al. include.
# - **Llama 3: card 1.6 times higher.** The card's 7.7 million hours imply an MFU of only about 26% if
#   the models saw 15 trillion tokens, against the 40% assumed. So the hours are the larger factor. The
#   card then counts every hour at the full 700 W TDP, an upper bound for the chips' average draw, and
#   leaves out the servers and PUE, which push the other way.
# - **BLOOM: 433 MWh** is the energy the chips drew in its final run (dynamic power). It leaves out idle
#   power and the manufacture of the hardware.
#
# First-principles energy is a good order of magnitude, and no better. Any energy figure should say what it
# covers: chips or facility, TDP or measured draw, final run or all experiments.
#
# ```{admonition} Common mistake: chips at TDP reported as "the energy of the run"
# :class: warning
# A popular text's calculator gives a 70B model trained on 1.4 trillion tokens on 4,096 H100s at 40% MFU as
# about 289 MWh and 116 tonnes of CO2 (cell below). The arithmetic holds, but the number is the chips'
# board power times the hours: it leaves out CPUs, network, cooling and PUE, and board power is not the
# average draw. Say "GPU energy at TDP", not "the energy of the run".
# ```

# %%
flops_70b = compute.training_flops(70e9, 1.4e12)
seed_mwh = energy.facility_energy_mwh(flops_70b, "H100", 0.4, pue=1.0)
print(f"70B x 1.4T tokens = {flops_70b:.3g} FLOP -> {seed_mwh:.1f} MWh at TDP, "
      f"{energy.carbon_tonnes(seed_mwh, 0.4):.1f} tCO2e at 0.4 kg/kWh")
with_pue = energy.facility_energy_mwh(flops_70b, "H100", 0.4, pue=PUE_ASSUMED)
print(f"with PUE {PUE_ASSUMED}: {with_pue:.0f} MWh")

# %% tags=["remove-cell"]
assert round(seed_mwh) == 289 and round(energy.carbon_tonnes(seed_mwh, 0.4)) == 116

# %% tags=["hide-input"]
fig, ax = plotting.new_figure("wide")
names = ["GPT-3 175B", "Llama 3 8B + 70B", "BLOOM 176B"]
x = np.arange(len(names))
ax.bar(x[:2] - 0.2, [first_gpt3, first_llama3], width=0.4,
       color=plotting.PALETTE["sky"], label="first principles, chips at TDP")
ax.bar([0.2, 1.2, 2.0], [gpt3.energy_mwh, card_llama3, bloom_mwh], width=0.4,
       color=plotting.PALETTE["vermillion"], label="published")
ax.set_xticks(x, names)
plotting.label_axes(ax, "Training run [model]", "Energy [MWh]", log="y",
                    title=f"Published: {card_llama3 / first_llama3:.1f}x and "
                    f"{gpt3.energy_mwh / first_gpt3:.1f}x the estimates")
ax.set_ylim(100, 30_000)  # log axis, no zero: a fixed floor keeps heights comparable
ax.grid(axis="x", visible=False)
ax.legend(loc="upper left")
plotting.show(
    fig,
    alt=(
        "Bar chart of training energy on a log axis. GPT-3: first-principles estimate "
        f"{first_gpt3:,.0f} MWh against the published 1,287 MWh. Llama 3 8B and 70B: "
        f"{first_llama3:,.0f} MWh against the card's 5,390 MWh. BLOOM: published "
        f"{bloom_mwh:,.0f} MWh only."
    ),
)

# %% [markdown]
# ## Carbon: the same energy on different grids
#
# Emissions are the energy times the carbon intensity of the electricity that supplied it:
#
# $$
# \text{tCO2e} = Q\,[\text{MWh}] \times \gamma\,[\text{kg CO2e/kWh}],
# $$ (eq-carbon)
#
# where $\gamma$ is the grid's carbon intensity. The units work out neatly: a MWh is 1,000 kWh and a tonne 1,000 kg, so the two factors of 1,000 cancel.
# The cell compares four intensities: the French grid that powered BLOOM, the US average in 2023
# {cite:p}`eia2024co2`, and the intensities implied by GPT-3's and Llama 3's published carbon and energy.
# It then applies each to the Llama 3.1 405B facility estimate from the first section.

# %%
intensities = {  # kg CO2e per kWh
    "France (BLOOM)": energy.FRANCE_GRID_KG_PER_KWH_BLOOM,
    "US average 2023": energy.US_GRID_KG_PER_KWH_2023,
    "Llama 3 card (implied)": energy.implied_grid_intensity(llama3.tco2e, card_llama3),
    "GPT-3 (implied)": energy.implied_grid_intensity(gpt3.tco2e, gpt3.energy_mwh),
}
print(f"{'grid':<24} {'kg/kWh':>7} {f'tCO2e for {facility_mwh:,.0f} MWh':>22}")
for grid, kg in intensities.items():
    print(f"{grid:<24} {kg:>7.3f} {energy.carbon_tonnes(facility_mwh, kg):>22,.0f}")
spread = max(intensities.values()) / min(intensities.values())
print(f"\ndirtiest / cleanest: {spread:.1f}x")
print(f"GPT-3 / BLOOM: {gpt3.energy_mwh / bloom_mwh:.1f}x the energy, "
      f"{gpt3.tco2e / bloom.tco2e:.0f}x the carbon")

# %% tags=["remove-cell"]
assert round(intensities["US average 2023"], 3) == 0.367
assert round(intensities["GPT-3 (implied)"], 3) == 0.429
assert round(intensities["Llama 3 card (implied)"], 3) == 0.425
assert round(energy.carbon_tonnes(facility_mwh, 0.057), -1) == 1_170
_gpt3_grid = intensities["GPT-3 (implied)"]
assert round(energy.carbon_tonnes(facility_mwh, _gpt3_grid), -2) == 8_800
assert round(spread, 1) == 7.5
assert round(gpt3.energy_mwh / bloom_mwh, 1) == 3.0
assert round(gpt3.tco2e / bloom.tco2e) == 22
assert round(intensities["GPT-3 (implied)"], 2) == 0.43

# %% [markdown]
# The same 20,500 MWh emit about 1,170 tCO2e on the French grid and about 8,800 on a grid like the one
# implied for GPT-3: a factor of 7.5 from location alone. GPT-3 used 3.0 times BLOOM's energy but emitted
# 22 times its carbon. GPT-3 and the Llama 3 card imply 0.429 and 0.425 kg/kWh, a little above the 2023
# US average of 0.367. (Figures like these count the grid that supplied the power; a company's own totals
# may subtract renewable purchases or offsets.)
#
# ```{admonition} Common mistake: "homes" comparisons and numbers without a source
# :class: warning
# A popular text puts GPT-3 at about 1,300 MWh, "100 US homes for a year", and GPT-4 at "about
# 10,000 MWh, 1,000 homes". At 10,715 kWh per home-year {cite:p}`eia2023household`, GPT-3's 1,287 MWh is
# about 120 homes (cell below). No primary source gives GPT-4's energy or FLOP. Epoch AI's estimate of
# $2.1 \times 10^{25}$ FLOP, itself unconfirmed, on A100s at 40% MFU gives about 18,700 MWh for the GPUs
# alone, nearly twice the quoted figure before any servers or PUE. Quote a number with its source, and say
# when there is none.
# ```

# %%
gpt4_flops_unconfirmed = 2.1e25  # FLOP: Epoch AI's estimate, UNCONFIRMED
gpt4_gpu_mwh = compute.training_energy_mwh(gpt4_flops_unconfirmed, "A100", 0.4)
print(f"GPT-3: {gpt3.energy_mwh:,.0f} MWh / {energy.US_HOUSEHOLD_MWH_PER_YEAR} MWh = "
      f"{energy.household_years(gpt3.energy_mwh):.0f} household-years")
print(f"'GPT-4' at {gpt4_flops_unconfirmed:.1e} FLOP, A100, 40% MFU: "
      f"{gpt4_gpu_mwh:,.0f} MWh for the GPUs alone")
print(f"  ({gpt4_gpu_mwh / 10_000:.1f}x the quoted 10,000 MWh)")

# %% tags=["remove-cell"]
assert round(energy.household_years(gpt3.energy_mwh)) == 120
assert energy.US_HOUSEHOLD_MWH_PER_YEAR == 10.715
assert round(gpt4_gpu_mwh, -2) == 18_700 and round(gpt4_gpu_mwh / 10_000, 1) == 1.9

# %% [markdown]
# ## Scale: compute growth against efficiency
#
# The training compute of notable models has grown by about 4.7 times per year since 2010 (90% interval
# 4.3 to 5.2) {cite:p}`sevilla2024frontier`. Chips also do more FLOP per joule each generation. If compute
# grows by a factor $g$ per year and FLOP per joule by $g_\text{eff}$ per year, the energy of the
# frontier run grows by their ratio. From $Q_0$ in year $t_0$,
#
# $$
# Q(t) = Q_0 \left(\frac{g}{g_\text{eff}}\right)^{t - t_0}.
# $$ (eq-energy-growth)
#
# For $g_\text{eff}$, the cell divides each chip's dense peak by its board power (from Chapter 3's table) and
# compares the A100 (2020) {cite:p}`nvidia2020a100` with the B200 (2024) {cite:p}`nvidia2024b200`.

# %%
for chip in ("A100", "H100", "B200"):
    print(f"{chip}: {energy.peak_flop_per_joule(chip) / 1e12:.2f} TFLOP/J at peak")
b200_over_a100 = energy.peak_flop_per_joule("B200") / energy.peak_flop_per_joule("A100")
efficiency_gain = b200_over_a100 ** (1 / (2024 - 2020))
growth = data_wall.EPOCH_2024_GROWTH_PER_YEAR
print(f"\nefficiency gain g_eff = (2.25 / 0.78)^(1/4) = {efficiency_gain:.2f}x/year")
print(f"energy per frontier run grows by g / g_eff = {growth} / {efficiency_gain:.2f} "
      f"= {growth / efficiency_gain:.2f}x per year")

# %% tags=["remove-cell"]
assert round(energy.peak_flop_per_joule("A100") / 1e12, 2) == 0.78
assert round(energy.peak_flop_per_joule("B200") / 1e12, 2) == 2.25
assert round(efficiency_gain, 2) == 1.30 and round(growth / efficiency_gain, 1) == 3.6
assert growth == 4.7 and data_wall.EPOCH_2024_GROWTH_CI90 == (4.3, 5.2)

# %% [markdown]
# Peak FLOP per joule rose about 1.30 times per year, so at 4.7 times more compute per year the energy of
# the frontier run grows about 3.6 times per year. Peak figures flatter real runs, but the ratio between
# chip generations is what matters here.
#
# What should one run be compared with? US data centres used about 176 TWh of electricity in 2023, 4.4% of
# all US electricity {cite:p}`shehabi2024datacenter`. That is an energy over a year. Spread over the 8,760
# hours of a year, it is an average power of about 20 GW. The cell projects the frontier run from the
# 20,500 MWh of the first section (mid-2024) and finds the years it would reach 1% and 100% of that annual
# energy.

# %%
year_now = data_wall.FRONTIER_YEAR_2024
us_dc_mwh = energy.US_DATA_CENTRE_TWH_2023 * 1e6  # TWh -> MWh
us_dc_twh = energy.US_DATA_CENTRE_TWH_2023
print(f"US data centres 2023: {us_dc_twh:.0f} TWh of energy "
      f"= {energy.average_power_gw(us_dc_twh):.1f} GW of average power")
crossings = {}
for share in (0.01, 1.0):
    crossings[share] = data_wall.crossing_year(
        facility_mwh, year_now, growth / efficiency_gain, share * us_dc_mwh)
    print(f"one run uses {share:.0%} of that ({share * us_dc_twh:g} TWh) "
          f"in {crossings[share]:.1f}")

# %% tags=["remove-cell"]
assert energy.US_DATA_CENTRE_TWH_2023 == 176
assert round(energy.average_power_gw(176)) == 20
assert energy.US_DATA_CENTRE_SHARE_2023 == 0.044 and energy.HOURS_PER_YEAR == 8760
assert round(crossings[0.01], 1) == 2028.0 and round(crossings[1.0], 1) == 2031.6

# %% [markdown]
# If both trends held, a single training run would use 1% of what all US data centres used in 2023 by
# about 2028.0, and all of it by about 2031.6. Neither trend is a law: compute growth at this pace needs
# power plants, grid connections and money that may not appear, and that is the point. An exponential
# that outgrows its supply bends.

# %% tags=["hide-input"]
years = np.linspace(year_now, 2034, 200)
fig, ax = plotting.new_figure("wide")
for g, colour in ((4.3, "sky"), (4.7, "blue"), (5.2, "purple")):
    run_mwh = energy.projected_run_energy_mwh(years - year_now, facility_mwh, g,
                                              efficiency_gain)
    ax.plot(years, run_mwh, color=plotting.PALETTE[colour], label=f"compute x{g}/yr")
black = plotting.PALETTE["black"]
ax.axhline(us_dc_mwh, color=black, ls="--", lw=1, label="US data centres,\nall of 2023")
ax.axhline(0.01 * us_dc_mwh, color=black, ls=":", lw=1, label="1% of that")
plotting.label_axes(ax, "Year [calendar year]", "Energy of one frontier run [MWh]",
                    log="y",
                    title=f"If the trends held (FLOP/J x{efficiency_gain:.2f}/yr)")
plotting.legend_outside(ax, "right")
plotting.show(
    fig,
    alt=(
        "Log-scale projection of the energy of one frontier training run from 20,500 "
        "MWh in mid-2024 to 2034, for compute growth of 4.3, 4.7 and 5.2 times per "
        "year; the central line crosses 1% of US data-centre energy in 2023 around "
        "2028 and all of it around 2031 to 2032."
    ),
)

# %% [markdown]
# ```{admonition} Common mistake: mixing PFLOP, PF-days, TWh and "capacity"
# :class: warning
# A popular exercise projects "energy needs for continued scaling" from `current_pflops = 1e4`, "0.5 MWh
# per PFLOP", 4x growth and 10% efficiency gain per year, and compares the result with "US datacenter
# capacity (~100 TWh)". Each input has a unit problem (cell below):
#
# - Read as PFLOP (a count of $10^{15}$ FLOP), $10^{4}$ PFLOP is $10^{19}$ FLOP, $2.6 \times 10^{-7}$ of a
#   2024 frontier run, and 0.5 MWh per PFLOP is about 560,000 FLOP per joule: over 100,000 times worse
#   than GPT-3 on V100s.
# - Read as PF-days, $10^{4}$ PF-days is $8.64 \times 10^{23}$ FLOP, GPT-3's scale in 2020, about 44 times
#   below the 2024 frontier. 0.5 MWh per PF-day is worse than GPT-3's 0.35.
# - TWh is energy, not capacity. US data centres *used* about 176 TWh in 2023, an average power of about
#   20 GW.
#
# Label every unit, start from a sourced frontier run, and compare energy with energy.
# ```

# %%
pflop = 1e15  # FLOP in one PFLOP (a count)
seed_flop_per_joule = pflop / (0.5 * energy.JOULES_PER_MWH)  # if "0.5 MWh per PFLOP"
gpt3_flop_per_joule = energy.flop_per_joule(flops_gpt3, gpt3.energy_mwh)
print(f"as PFLOP:   1e4 PFLOP = {1e4 * pflop:.0e} FLOP "
      f"= {1e4 * pflop / flops_405b:.1e} of Llama 3.1 405B")
print(f"            0.5 MWh/PFLOP = {seed_flop_per_joule:.2g} FLOP/J, against GPT-3's "
      f"{gpt3_flop_per_joule:.2g} ({gpt3_flop_per_joule / seed_flop_per_joule:.1e}x)")
frontier_pf_days = units.flop_to_pf_days(flops_405b)
pf_days_1e4 = units.pf_days_to_flop(1e4)
print(f"as PF-days: 1e4 PF-days = {pf_days_1e4:.3g} FLOP; the 2024 frontier is "
      f"{frontier_pf_days:.3g} PF-days ({flops_405b / pf_days_1e4:.0f}x)")
gpt3_mwh_per_pf_day = gpt3.energy_mwh / units.flop_to_pf_days(flops_gpt3)
print(f"            GPT-3 used {gpt3_mwh_per_pf_day:.2f} MWh per PF-day")
print(f"176 TWh / 8,760 h = {energy.average_power_gw(176):.1f} GW")

# %% tags=["remove-cell"]
assert round(seed_flop_per_joule, -4) == 560_000
assert 1e5 < gpt3_flop_per_joule / seed_flop_per_joule < 1e6
assert round(1e19 / flops_405b * 1e7, 1) == 2.6
assert round(units.flop_to_pf_days(flops_405b), -4) == 440_000
assert round(flops_405b / 8.64e23) == 44
assert round(gpt3.energy_mwh / units.flop_to_pf_days(flops_gpt3), 2) == 0.35
assert units.pf_days_to_flop(1e4) == 8.64e23

# %% [markdown]
# ## The data wall: tokens needed as compute grows
#
# A compute-optimal run balances parameters and tokens. With $C = 6ND$ and $\rho$ tokens per parameter,
# $D = \rho N$, so the run needs
#
# $$
# D = \sqrt{\frac{\rho\,\kappa\,C}{6}}
# $$ (eq-tokens)
#
# tokens, where $\kappa$ is an over-training factor: $\kappa = 1$ is compute-optimal, and $\kappa = 10$
# trains a model $\sqrt{10}$ times smaller on $\sqrt{10}$ times more tokens for the same FLOP. The rule
# $\rho \approx 20$
# comes from Table 3 of {cite:t}`hoffmann2022training`. The fitted laws of Chapter 2 give their own
# $D_\text{opt}(C)$; the cell compares them at the 2024 frontier, $3.8 \times 10^{25}$ FLOP.

# %%
tokens_rule = data_wall.tokens_for_compute(flops_405b)
print(f"20 tokens per parameter:           D = {tokens_rule:.3g} tokens")
fits = {"Besiroglu et al. 2024": scaling.BESIROGLU_2024,
        "Hoffmann et al. 2022 (rounded)": scaling.HOFFMANN_2022}
for fit_name, fit in fits.items():
    n_opt, d_opt = fit.compute_optimal(flops_405b)
    print(f"{fit_name + ' fit:':<34} D = {d_opt:.3g} tokens "
          f"({d_opt / n_opt:.0f} tokens per parameter)")
llama31_ratio = 15.6e12 / 405e9
print(f"Llama 3.1 405B used 15.6e12 tokens: {llama31_ratio:.1f} tokens per parameter, "
      f"kappa = {llama31_ratio / data_wall.CHINCHILLA_TOKENS_PER_PARAM:.1f}")

# %% tags=["remove-cell"]
assert round(tokens_rule / 1e12, 1) == 11.2
assert round(scaling.BESIROGLU_2024.compute_optimal(flops_405b)[1] / 1e12, 1) == 10.2
assert round(scaling.HOFFMANN_2022.compute_optimal(flops_405b)[1] / 1e12, 1) == 29.6
assert round(scaling.HOFFMANN_2022.tokens_per_param(flops_405b)) == 139
assert round(llama31_ratio / 20, 1) == 1.9
assert data_wall.CHINCHILLA_TOKENS_PER_PARAM == 20
assert data_wall.CHINCHILLA_TOKENS_PER_PARAM_RANGE == (16, 22.4)
assert data_wall.VILLALOBOS_2024_STOCK_TOKENS == 300e12
assert data_wall.VILLALOBOS_2024_STOCK_CI90 == (100e12, 1000e12)

# %% [markdown]
# The rule of 20 and Besiroglu et al.'s refit agree, about 11.2 and 10.2 trillion tokens. Hoffmann et
# al.'s rounded parametric fit asks for 29.6 trillion (139 tokens per parameter), out of line with their
# own Table 3 and with the refit; Chapter 2 explains the disagreement. Llama
# 3.1 405B trained on 15.6 trillion, about 1.9 times the compute-optimal ratio. This chapter uses the rule
# of 20 and lets $\rho$ range from 16 to 22.4 in the Monte Carlo below.
#
# Villalobos et al. estimate the *effective* stock of public human text, adjusted for quality and for
# repeated use, at about 300 trillion tokens, with a 90% interval of 100 to 1,000 trillion
# {cite:p}`villalobos2024data`. The frontier run uses the stock up when its $D$ reaches it. With compute
# growing as $C_0 g^{t - t_0}$, setting {eq}`eq-tokens` equal to the stock $S$ and solving for $t$ gives
# the year in closed form:
#
# $$
# t^{*} = t_0 + \frac{\ln\!\left(6 S^{2} / (\rho\,\kappa\,C_0)\right)}{\ln g}.
# $$ (eq-exhaustion)
#
# Over-training by $\kappa$ shifts the year earlier by $\ln \kappa / \ln g$, whatever the stock.

# %%
stock = data_wall.VILLALOBOS_2024_STOCK_TOKENS
print(f"stock S = {stock:.0e} tokens; compute needed to use it at kappa = 1: "
      f"{data_wall.compute_for_tokens(stock):.2e} FLOP")
point_years = {}  # over-training factor kappa -> year the stock is used up
for kappa in (1, 5, 10, 100):
    point_years[kappa] = data_wall.exhaustion_year(stock, growth_per_year=growth,
                                                   overtraining=kappa)
    shift = np.log(kappa) / np.log(growth)
    print(f"kappa = {kappa:>3}: year {point_years[kappa]:.1f}  "
          f"(earlier by ln {kappa} / ln {growth} = {shift:.2f} years)")
print(f"Llama 3 70B: 15e12 / 70e9 = {15e12 / 70e9:.0f} tokens/param "
      f"(kappa = {15e12 / 70e9 / 20:.1f})")
print(f"Llama 3 8B:  15e12 / 8e9 = {15e12 / 8e9:,.0f} tokens/param "
      f"(kappa = {15e12 / 8e9 / 20:.0f})")

# %% tags=["remove-cell"]
assert round(data_wall.compute_for_tokens(stock) / 1e28, 1) == 2.7
_years = [round(point_years[kappa], 1) for kappa in (1, 5, 10, 100)]
assert _years == [2028.7, 2027.7, 2027.3, 2025.8]
assert round(15e12 / 70e9 / 20) == 11 and round(15e12 / 8e9 / 20) == 94
_villalobos = data_wall.VILLALOBOS_2024_MEDIAN_YEAR_BY_OVERTRAINING
assert _villalobos == {1: 2028, 5: 2027, 100: 2025}
assert all(abs(point_years[kappa] - v) < 1 for kappa, v in _villalobos.items())

# %% [markdown]
# Using up 300 trillion tokens at the compute-optimal ratio takes a $2.7 \times 10^{28}$ FLOP run. At 4.7x
# per year from mid-2024, that run arrives around 2028.7. Over-training by 5 brings it to about 2027.7, by
# 10 to 2027.3 and by 100 to 2025.8. Over-training is common: Llama 3 70B trained at about 11 times the
# compute-optimal ratio and Llama 3 8B at about 94 times. Villalobos et al. put the median year near 2028,
# and about 2027 and 2025 for 5x and 100x over-training (as summarised by their authors' blog), so this
# simplified model lands close to theirs.

# %% tags=["hide-input"]
years = np.linspace(2024, 2032, 200)
flops_path = flops_405b * growth ** (years - year_now)
fig, ax = plotting.new_figure("wide")
low, high = data_wall.VILLALOBOS_2024_STOCK_CI90
ax.axhspan(low, high, color=plotting.PALETTE["yellow"], alpha=0.3,
           label="stock, 90% interval")
ax.axhline(stock, color=plotting.PALETTE["black"], lw=1, label="stock, 300T tokens")
for kappa, colour in ((1, "blue"), (10, "green"), (100, "vermillion")):
    ax.plot(years, data_wall.tokens_for_compute(flops_path, overtraining=kappa),
            color=plotting.PALETTE[colour], label=f"tokens needed, κ = {kappa}")
plotting.label_axes(ax, "Year [calendar year]", "Training tokens [tokens]", log="y",
                    title="Tokens a frontier run needs, against the stock of text")
plotting.legend_outside(ax, "right")
plotting.show(
    fig,
    alt=(
        "Log-scale plot of training tokens against year from 2024 to 2032. Three "
        "rising straight lines for over-training factors 1, 10 and 100 cross a shaded "
        "band from 100 to 1,000 trillion tokens; the factor-1 line crosses the 300 "
        "trillion line near 2028.7, the factor-100 line near 2025.8."
    ),
)

# %% [markdown]
# ## A distribution, not a date
#
# The stock, the growth rate and the compute-optimal ratio are all uncertain, so the year is too. The
# Monte Carlo draws 100,000 sets of inputs with a fixed seed:
#
# - the stock from a lognormal with median 300 trillion tokens and a 90% interval of about 100 to 1,000
#   trillion;
# - the growth rate from a lognormal with median 4.7x per year and a 90% interval of 4.3 to 5.2;
# - $\rho$ uniformly between 16 (Besiroglu et al.'s refit at $10^{26}$ FLOP) and 22.4 (the top of
#   Hoffmann et al.'s Table 3) tokens per parameter.
#
# The medians and ranges come from the sources; the shapes of the distributions are this book's
# assumptions. {eq}`eq-exhaustion` is one vectorised numpy expression, so all draws are evaluated at once,
# with no loop in Python.

# %%
n_draws = 100_000
draws = data_wall.sample_inputs(n_draws, seed=0)
year_samples = {kappa: data_wall.exhaustion_year_samples(draws, overtraining=kappa)
                for kappa in (1, 10, 100)}
print(f"{'kappa':>5} {'5%':>7} {'median':>7} {'95%':>7}   "
      f"[calendar year; {n_draws:,} draws]")
for kappa, ys in year_samples.items():
    q05, q50, q95 = np.percentile(ys, [5, 50, 95])
    print(f"{kappa:>5} {q05:>7.1f} {q50:>7.1f} {q95:>7.1f}")
past = np.mean(year_samples[100] < year_now)
print(f"kappa = 100: {past:.0%} of draws are already past mid-2024")

# %% tags=["remove-cell"]
_q = {kappa: np.percentile(ys, [5, 50, 95]).round(1).tolist()
      for kappa, ys in year_samples.items()}
assert _q[1] == [2027.3, 2028.8, 2030.3]
assert _q[10] == [2025.8, 2027.3, 2028.8]
assert _q[100] == [2024.3, 2025.8, 2027.3]
assert 0.05 < np.mean(year_samples[100] < year_now) < 0.1
_stock_p05, _stock_p95 = np.percentile(draws["stock_tokens"], [5, 95])
assert round(_stock_p95 / _stock_p05) == 10 and n_draws == 100_000
assert data_wall.VILLALOBOS_2024_EXHAUSTION_CI80 == (2026, 2032)

# %% [markdown]
# At the compute-optimal ratio, 90% of the draws fall between about 2027.3 and 2030.3, with a median of
# 2028.8. Over-training by 10 shifts the whole distribution about 1.5 years earlier, and by 100 about 3
# years. This band is narrower than Villalobos et al.'s 80% interval of 2026 to 2032, because this model
# fixes the shape of the trend and only varies three inputs. Their projection also models how dataset
# sizes themselves have grown. The stock is the widest input: a factor of 10 from its 5th to its 95th
# percentile.

# %% tags=["hide-input"]
fig, ax = plotting.new_figure("wide")
bins = np.arange(2022, 2033, 0.25)
for kappa, colour in ((1, "blue"), (10, "green"), (100, "vermillion")):
    median = np.median(year_samples[kappa])
    ax.hist(year_samples[kappa], bins=bins, density=True, histtype="stepfilled",
            alpha=0.35, color=plotting.PALETTE[colour],
            label=f"κ = {kappa}, median {median:.1f}")
ax.axvspan(*data_wall.VILLALOBOS_2024_EXHAUSTION_CI80, color=plotting.PALETTE["black"],
           alpha=0.06, label="Villalobos et al.,\n80% interval")
plotting.label_axes(ax, "Year the stock is used up [calendar year]", "Density [1/year]",
                    log="", title=f"Monte Carlo over stock, growth and ρ ({n_draws:,})")
plotting.legend_outside(ax, "right")
plotting.show(
    fig,
    alt=(
        "Three overlapping histograms of the year the stock of text is used up, for "
        "over-training factors 1, 10 and 100, centred near 2028.8, 2027.3 and 2025.8, "
        "each about three years wide, drawn over a grey band from 2026 to 2032."
    ),
)

# %% [markdown]
# ```{exercise}
# :label: ex-overtrain-shift
#
# Show from {eq}`eq-exhaustion` that over-training by $\kappa$ moves the year by exactly
# $\ln \kappa / \ln g$, whatever the stock and $\rho$. How much earlier is $\kappa = 10$ at $g = 4.7$?
# Check it on the Monte Carlo draws, where $g$ varies from draw to draw.
# ```
#
# ```{solution} ex-overtrain-shift
# :class: dropdown
#
# $\kappa$ appears only inside the logarithm, as $-\ln \kappa / \ln g$, so the shift does not depend on
# $S$, $\rho$ or $C_0$. At $g = 4.7$ it is $\ln 10 / \ln 4.7 \approx 1.49$ years. Draw by draw, the shift is
# $\ln 10 / \ln g$, with $g$ from 4.3 to 5.2, so it ranges from about 1.40 to 1.58 years. The difference of
# the two median years printed above is also about 1.5 years:
# `np.median(year_samples[1] - year_samples[10])` is 1.49.
# ```

# %% tags=["remove-cell"]
assert round(np.log(10) / np.log(4.7), 2) == 1.49
_shift = year_samples[1] - year_samples[10]
assert np.allclose(_shift, np.log(10) / np.log(draws["growth_per_year"]))
assert round(np.median(_shift), 2) == 1.49
assert round(np.log(10) / np.log(5.2), 2) == 1.40
assert round(np.log(10) / np.log(4.3), 2) == 1.58

# %% [markdown]
# ## Partial ways out: repetition and synthetic data
#
# Both ways out are real, and both are limited.
#
# **Repetition.** Muennighoff et al. found that up to 4 epochs of repeated data change the loss negligibly
# compared with unique data, and that the value of further repetition decays {cite:p}`muennighoff2023repeat`.
# The 300 trillion effective tokens already count repeated use, so this gain is in the estimate. More
# generally, by {eq}`eq-exhaustion`, multiplying the usable stock by a factor $\mu$ moves the year by
# $2 \ln \mu / \ln g$ only: the run's tokens grow as the square root of compute.
#
# **Synthetic data** is not free or unlimited. Every generated token costs a forward pass, $2N$ FLOP for
# a model of $N$ parameters. And models trained on their own outputs, without fresh human data, lose the
# tails of the original distribution, a process called model collapse {cite:p}`shumailov2024collapse`.

# %%
for mu in (2, 4):
    later = 2 * np.log(mu) / np.log(growth)
    print(f"stock x{mu}: the year moves {later:.2f} years later at g = {growth}")
synthetic_flops = compute.inference_flops(405e9, stock)
print(f"generating {stock:.0e} tokens with a 405B model: {synthetic_flops:.2e} FLOP")
print(f"  = {synthetic_flops / flops_405b:.1f}x Llama 3.1 405B's training compute")

# %% tags=["remove-cell"]
assert round(2 * np.log(2) / np.log(growth), 2) == 0.90
assert round(2 * np.log(4) / np.log(growth), 2) == 1.79
assert round(synthetic_flops / 1e26, 2) == 2.43
assert round(synthetic_flops / flops_405b, 1) == 6.4
assert data_wall.MUENNIGHOFF_2023_NEAR_FREE_EPOCHS == 4

# %% [markdown]
# Doubling the usable stock, by repetition, better filtering or new sources, buys about 0.90 years, and a
# factor of 4 about 1.79 years. Generating 300 trillion synthetic tokens with a 405B model would take
# $2.43 \times 10^{26}$ FLOP, 6.4 times the compute of training Llama 3.1 405B, before any filtering.
# Synthetic data moves the limit from text to compute and energy, the subject of the first half of this
# chapter.
#
# ```{admonition} Common mistake: "about 10 trillion good tokens, 100 trillion in total, synthetic data unlimited"
# :class: warning
# A popular text gives these numbers for the data wall. The estimate with a published method is about
# 300 trillion effective tokens, with a 90% interval of 100 to 1,000 trillion, used up between 2026 and
# 2032 {cite:p}`villalobos2024data` (printed by the cell below). "Unlimited" synthetic data ignores both
# the compute every token costs and model collapse, a risk the same text mentions a few lines later.
# ```

# %%
stock_low, stock_high = data_wall.VILLALOBOS_2024_STOCK_CI90
first, last = data_wall.VILLALOBOS_2024_EXHAUSTION_CI80
print(f"stock: {data_wall.VILLALOBOS_2024_STOCK_TOKENS:.0e} tokens, "
      f"90% interval {stock_low:.0e} to {stock_high:.0e}")
print(f"used up {first}-{last} (80% interval)")

# %% [markdown]
# ## Explore: how fast compute grows
#
# The slider sets the growth of frontier compute per year. The other inputs stay fixed, and the cell
# prints them. The left panel shows the distribution of the year the stock is used up, from the same draws
# of stock and $\rho$ (at $\kappa = 1$). The right panel shows the energy of one frontier run, against all
# US data centres in 2023. The slider starts at 4.7x per year, the growth used above, so the first figure
# shows the numbers of the text: a median of 2028.8 (90% of draws from 2027.3 to 2030.3) and one run
# matching all US data centres around 2031.6.

# %%
explore_growths = [3.0, 3.5, 4.0, 4.3, 4.7, 5.2, 5.6, 6.0]  # x/year; 4.3-5.2: Epoch CI
explore_draws = data_wall.sample_inputs(20_000, seed=1)
print(f"fixed: frontier run of {flops_405b:.2e} FLOP in {year_now}")
print(f"       its energy then: {facility_mwh:,.0f} MWh "
      f"(H100, {MFU_ASSUMED:.0%} MFU, PUE {PUE_ASSUMED})")
print(f"       FLOP per joule x{efficiency_gain:.2f} per year; over-training kappa = 1")
print("       stock and rho drawn as in the Monte Carlo above (20,000 draws, seed 1)")

# %% tags=["remove-cell"]
assert explore_growths[0] == 3.0 and explore_growths[-1] == 6.0
assert explore_growths.index(growth) == 4  # the slider starts at the text's 4.7x/year
_default = data_wall.exhaustion_year_samples(explore_draws, growth_per_year=growth)
_default_q = np.percentile(_default, [5, 50, 95]).round(1).tolist()
assert _default_q == _q[1] == [2027.3, 2028.8, 2030.3]
_default_cross = data_wall.crossing_year(facility_mwh, year_now,
                                         growth / efficiency_gain, us_dc_mwh)
assert round(_default_cross, 1) == round(crossings[1.0], 1) == 2031.6

# %% tags=["hide-input"]
explore_years = np.linspace(year_now, 2036, 100)
explore_bins = np.arange(2025, 2036.01, 0.25)


def draw_growth(g):
    """Exhaustion-year histogram and frontier-run energy at compute growth ``g``."""
    ys = data_wall.exhaustion_year_samples(explore_draws, growth_per_year=g)
    q05, q50, q95 = np.percentile(ys, [5, 50, 95])
    fig, (ax_y, ax_e) = plotting.new_figure("pair")
    ax_y.hist(np.clip(ys, explore_bins[0], explore_bins[-1]), bins=explore_bins,
              density=True, color=plotting.PALETTE["blue"], alpha=0.6)
    ax_y.axvline(q50, color=plotting.PALETTE["black"], lw=1)
    plotting.label_axes(ax_y, "Year the text runs out [year]", "Density [1/year]",
                        log="", title=f"median {q50:.1f}, 90%: {q05:.1f}-{q95:.1f}")
    run_mwh = energy.projected_run_energy_mwh(explore_years - year_now, facility_mwh, g,
                                              efficiency_gain)
    cross = data_wall.crossing_year(facility_mwh, year_now, g / efficiency_gain,
                                    us_dc_mwh)
    ax_e.plot(explore_years, run_mwh, color=plotting.PALETTE["vermillion"],
              label="one frontier run")
    ax_e.axhline(us_dc_mwh, color=plotting.PALETTE["black"], ls="--", lw=1,
                 label="US data centres, 2023")
    plotting.label_axes(ax_e, "Year [calendar year]", "Energy [MWh]", log="y",
                        title=f"equal to all US data centres in {cross:.1f}")
    ax_e.set_ylim(1e4, 1e10)
    ax_e.legend(loc="lower right")
    fig.suptitle(f"Compute grows {g:.1f}x per year")
    return plotting.show(
        fig,
        alt=(
            f"At {g:.1f}x compute growth per year: left, a histogram of the year the "
            f"text stock is used up, median {q50:.1f}, 90% between {q05:.1f} and "
            f"{q95:.1f}; right, the energy of one frontier run rising on a log scale "
            f"and reaching the 176 TWh used by US data centres in 2023 in {cross:.1f}."
        ),
    )


widgets.explorer(draw_growth, explore_growths, label="Compute growth [x/year]",
                 fmt=lambda g: f"{g:.1f}x/yr", start=explore_growths.index(growth))

# %% [markdown]
# Faster growth brings both limits closer and narrows the spread of years, because each uncertain input is
# divided by $\ln g$. At 3x per year the median year of the data wall is about 2030.5, and one run matches
# all US data centres only around 2035.4. At 6x per year these become about 2028.2 and 2030.4.

# %% tags=["remove-cell"]
_years_at = {g: data_wall.exhaustion_year_samples(explore_draws, growth_per_year=g)
             for g in (3.0, 6.0)}
_med = {g: float(np.median(ys)) for g, ys in _years_at.items()}
_cross = {g: data_wall.crossing_year(facility_mwh, year_now, g / efficiency_gain,
                                     us_dc_mwh)
          for g in (3.0, 6.0)}
assert (round(_med[3.0], 1), round(_cross[3.0], 1)) == (2030.5, 2035.4)
assert (round(_med[6.0], 1), round(_cross[6.0], 1)) == (2028.2, 2030.4)
_width = {g: np.ptp(np.percentile(ys, [5, 95])) for g, ys in _years_at.items()}
assert _width[6.0] < _width[3.0]

# %% [markdown]
# ## Summary
#
# - Energy from first principles is FLOP / (peak x MFU) x board power x average draw x server overhead x
#   PUE. It gives the right order of magnitude: 525 MWh against a published 1,287 for GPT-3, 3,450 against
#   the card's 5,390 for Llama 3. Say what a figure covers.
# - Carbon is energy times grid intensity. The grid alone changes it by a factor of 7.5 between France and a
#   0.43 kg/kWh grid.
# - If compute keeps growing 4.7x per year and FLOP per joule 1.30x, one frontier run's energy grows about
#   3.6x per year and would match all US data centres' 2023 use (176 TWh, an energy, about 20 GW on
#   average) around 2031.6.
# - A compute-optimal run would need the whole effective stock of public text, about 300 trillion tokens,
#   around 2028.8 (90% of draws between 2027.3 and 2030.3). Over-training by $\kappa$ moves the year
#   earlier by $\ln \kappa / \ln g$: about 1.5 years for $\kappa = 10$.
# - Repetition and synthetic data help only in part: doubling the stock buys under a year, and synthetic
#   tokens cost compute and risk model collapse.
#
# ## Exercises
#
# <a href="exercises.html#set-06_energy_data">Exercise set 6</a> opens in Binder, Colab or a JupyterHub from
# its row on the Exercises page; in a clone of the repository it is `exercises/06_energy_data.ipynb`. It has
# five graded tasks:
#
# - `run_energy_mwh(flops, peak_flops_per_s, mfu, watts, pue)`: the energy of a run;
# - `carbon_tonnes(energy_mwh, grams_per_kwh)`: its emissions at a grid intensity;
# - `crossing_year(value_now, year_now, growth_per_year, threshold)`: when a projection crosses a threshold;
# - `tokens_needed(flops, tokens_per_param, overtraining)`: the data a run needs;
# - `exhaustion_quantile(stock_tokens, growth_per_year, tokens_per_param, q, flops_now, year_now)`: a
#   quantile of the Monte Carlo.

# %% tags=["remove-cell"]
# Summary numbers, pinned once more against the helpers: a wrong helper fails the build.
assert round(first_gpt3) == 525 and round(first_llama3, -1) == 3_450
assert card_llama3 == 5_390
assert round(spread, 1) == 7.5 and round(efficiency_gain, 2) == 1.30
assert round(crossings[1.0], 1) == 2031.6 and round(energy.average_power_gw(176)) == 20
assert _q[1] == [2027.3, 2028.8, 2030.3]
assert round(intensities["GPT-3 (implied)"], 2) == 0.43
assert growth == 4.7 and round(growth / efficiency_gain, 1) == 3.6
assert data_wall.VILLALOBOS_2024_STOCK_TOKENS == 300e12
assert round(np.log(10) / np.log(growth), 1) == 1.5
