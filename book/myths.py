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
# # Myths and numbers
#
# Popular texts about scaling laws repeat some numbers that are wrong, and some that are right but
# stripped of the caveat that matters. This page lists the ones this book corrects. Each claim is
# paraphrased, its right value is computed by the code on this page (show a cell's source to see how) or cited
# where it is a published fact, and the last column names the chapter that works it out:
# 1 Power laws, 2 Chinchilla and compute-optimal training, 3 What training and serving cost,
# 4 Test-time compute, 5 Emergence or mirage, 6 Limits: energy, carbon and the data wall, 7 Forecasting,
# 8 Run your own scaling law.
#
# When a number you meet elsewhere disagrees with this page, recompute it: most errors below are unit
# slips (PF-days read as petaFLOP, total parameters of a mixture-of-experts model used as if all were
# active) or arithmetic that nobody re-ran.

# %%
import html

import numpy as np
from IPython.display import HTML

from helpers import compute, energy, scaling, testtime, units

K, H, B = scaling.KAPLAN_2020, scaling.HOFFMANN_2022, scaling.BESIROGLU_2024
CH1, CH2 = "1 Power laws", "2 Chinchilla and compute-optimal training"
CH3, CH4 = "3 What training and serving cost", "4 Test-time compute"
CH5, CH6 = "5 Emergence or mirage", "6 Limits: energy, carbon and the data wall"
CH7 = "7 Forecasting"


def sci(x, digits=1):
    """``x`` as '9.1e7' (no plus sign, no leading zero in the exponent)."""
    mantissa, exponent = f"{x:.{digits}e}".split("e")
    return f"{mantissa}e{int(exponent)}"


def table(rows):
    """An HTML table of (claim, right value, chapter) rows."""
    head = "".join(f"<th>{name}</th>" for name in
                   ("the claim, paraphrased", "the right value", "worked out in"))
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>"
        for row in rows
    )
    return HTML(f'<table class="table"><thead><tr>{head}</tr></thead>'
                f"<tbody>{body}</tbody></table>")


# %% [markdown]
# ## Inputs that are published facts or stated assumptions
#
# The corrections use the book's helpers for published values (chip specifications from chapter 3, energy
# footprints from chapter 6). Each is listed here with its source, and the assumptions (utilisation,
# price) are parameters you can change.
#
# - Peak dense BF16 throughput: NVIDIA A100 SXM 312 TFLOP/s, H100 SXM 989.4 TFLOP/s (NVIDIA datasheets).
#   The "1,979 TFLOP/s" often quoted for the H100 is the *sparse* figure. An A100 SXM draws up to 400 W.
# - GPT-3 training energy: 1,287 MWh {cite:p}`patterson2021carbon`. A US household used
#   10,715 kWh of electricity in 2020 {cite:p}`eia2023household`.
# - Reported GPT-4 figures are an unconfirmed leak: about 1.8T total parameters in a mixture of experts
#   with about 280B active per token, trained on about 13T tokens. Treat every GPT-4 number as a guess.
# - Llama 3.1 405B was trained on 15.6T tokens (Meta, "The Llama 3 Herd of Models", arXiv 2407.21783).

# %%
# Datasheet specifications, chapter 3:
A100, H100 = compute.get_accelerator("A100"), compute.get_accelerator("H100")
A100_PEAK = A100.peak_flops_dense  # FLOP/s, dense BF16
H100_PEAK = H100.peak_flops_dense  # FLOP/s, dense BF16
A100_POWER_KW = A100.power_watts / 1000  # maximum board power
MFU = 0.40  # ASSUMED model FLOP utilisation (reported runs: 21% to 46%)
PRICE_A100_HOUR = 2.50  # ASSUMED dollars per A100-hour
GPT3_ENERGY_MWH = energy.GPT3_PATTERSON_2021.energy_mwh  # Patterson et al. 2021
HOUSEHOLD_MWH_PER_YEAR = energy.US_HOUSEHOLD_MWH_PER_YEAR  # US EIA, 2020
GPT4_TOTAL, GPT4_ACTIVE, GPT4_TOKENS = 1.8e12, 280e9, 13e12  # unconfirmed leak

# %% [markdown]
# ## Power laws and compute-optimal training

# %% tags=["hide-input"]
gpt3_flop = compute.GPT3_TRAINING_FLOP  # 6ND with Table D.1's N and D
losses = [scaling.kaplan_loss_n(n) for n in (1e9, 1e11, 1e12)]
span_n = np.log10(1.5e9 / 768)
wrong_nc_loss = (8.8e10 / 1e11) ** K.alpha_n
halving_total = scaling.multiplier_for_loss(2.0, 1.0, alpha=K.alpha_c_min)
reducible_exponent = H.alpha * H.beta / (H.alpha + H.beta)
halving_reducible = 2.0 ** (1.0 / reducible_exponent)
n_rule = np.sqrt(1e18 / 120)  # N = sqrt(C / 120) from C = 6 N D with D = 20 N
n_gpt3_rule = np.sqrt(gpt3_flop / 120)
flop_10b_200b = compute.training_flops(10e9, 200e9)
rows_1_2 = [
    ("Kaplan's L(N) gives 2.5, 1.8 and 1.6 nats/token at 1B, 100B and 1T parameters",
     f"{losses[0]:.2f}, {losses[1]:.2f} and {losses[2]:.2f} nats/token", CH1),
    ("The size law holds across seven orders of magnitude of parameters",
     f"{span_n:.1f} orders (768 to 1.5e9 non-embedding parameters); compute spans 8",
     CH1),
    ("Kaplan's N_c is 8.8e10",
     f"{sci(K.n_c)} non-embedding parameters; 8.8e10 would give {wrong_nc_loss:.2f} "
     "nats/token at 100B", CH1),
    ("Each halving of the loss costs exponentially more compute",
     f"a constant factor: 2^(1/0.050) = {halving_total:,.0f}x on Kaplan's law; "
     f"{halving_reducible:.0f}x for Chinchilla's reducible loss", f"{CH1}; {CH2}"),
    ("Chinchilla's A = 406.4 is FLOP per token per parameter",
     "A is the coefficient of A/N^alpha in the loss; training costs "
     f"{compute.training_flops(1, 1):.0f} FLOP per parameter per token", CH2),
    ("The compute-optimal rule sqrt(C/120) returns billions of parameters for C in "
     "PFLOP",
     f"C is in FLOP and N in parameters: 1e18 FLOP gives N = {sci(n_rule)} and "
     f"D = {sci(20 * n_rule)} tokens", CH2),
    ("At GPT-3's compute, 10B parameters and 200B tokens would have been optimal",
     f"about {n_gpt3_rule / 1e9:.0f}B parameters and {20 * n_gpt3_rule / 1e12:.1f}T "
     f"tokens; 10B x 200B is {sci(flop_10b_200b)} FLOP, "
     f"{gpt3_flop / flop_10b_200b:.0f} times less", CH2),
    ("Kaplan and Chinchilla differ mainly because of learning-rate schedules",
     "Hoffmann et al. give two reasons: one fixed schedule for all runs, and mostly "
     "small models (published, section 2)", CH2),
]
table(rows_1_2)

# %% tags=["remove-cell"]
assert [round(x, 2) for x in losses] == [2.38, 1.67, 1.41]
assert round(span_n, 1) == 6.3 and K.n_c == 8.8e13 and round(wrong_nc_loss, 2) == 0.99
assert halving_total == 2.0**20 and round(halving_reducible) == 91
assert round(n_rule / 1e7, 1) == 9.1 and round(20 * n_rule / 1e9, 1) == 1.8
assert round(n_gpt3_rule / 1e9) == 51 and round(20 * n_gpt3_rule / 1e12, 1) == 1.0
assert round(gpt3_flop / flop_10b_200b) == 26

# %% [markdown]
# ## What training and serving cost

# %% tags=["hide-input"]
gpt3_pf_days = units.flop_to_pf_days(gpt3_flop)
palm_flop = compute.training_flops(540e9, 780e9)


def a100_hours(flop):
    """A100-hours at the peak and utilisation assumed above."""
    return flop / (A100_PEAK * MFU) / 3600


gpt4_total_flop = compute.training_flops(GPT4_TOTAL, GPT4_TOKENS)
gpt4_active_flop = compute.training_flops(GPT4_ACTIVE, GPT4_TOKENS)
gpt5_flop = compute.training_flops(10e12, 100e12)
days_1000_h100 = gpt4_total_flop / (1000 * H100_PEAK * MFU) / units.SECONDS_PER_DAY
days_1000_h100_active = (gpt4_active_flop / (1000 * H100_PEAK * MFU)
                         / units.SECONDS_PER_DAY)
gpt4_weights_tb = GPT4_TOTAL * 2 / 1e12  # bytes at 2 bytes per BF16 parameter, in TB
rows_3 = [
    ("GPT-3 used about 3.14e3 PFLOP",
     f"{sci(gpt3_flop, 2)} FLOP = {sci(gpt3_flop / 1e15, 2)} PFLOP = "
     f"{round(gpt3_pf_days, -1):,.0f} PF-days (Brown et al. 2020, Table D.1)", CH3),
    ("A column of A100-hours reads 3,640 for GPT-3",
     f"3,640 is PF-days; at {MFU:.0%} MFU GPT-3 needs about "
     f"{a100_hours(gpt3_flop) / 1e3:,.0f}k A100-hours and PaLM about "
     f"{a100_hours(palm_flop) / 1e6:.1f}M", CH3),
    ("GPT-4, 1.8T parameters on 13T tokens, used 1.4e25 FLOP",
     f"6ND gives {sci(gpt4_total_flop, 2)}; with about 280B active parameters "
     f"{sci(gpt4_active_flop)} (all leaked, unconfirmed)", CH3),
    ("A 10T-parameter model on 100T tokens needs 6.0e25 FLOP",
     f"{sci(gpt5_flop)} FLOP, a hundred times more", CH3),
    ("A dense 1.8T-parameter run is a realistic GPT-4 estimate",
     f"on 1,000 H100 at {MFU:.0%} MFU it would take {days_1000_h100:,.0f} days; with "
     f"280B active, {days_1000_h100_active:,.0f} days", CH3),
    ("Training cost follows from the table (GPT-3 $4.6M)",
     f"at ${PRICE_A100_HOUR:.2f} per A100-hour and {MFU:.0%} MFU, GPT-3 costs about "
     f"${a100_hours(gpt3_flop) * PRICE_A100_HOUR / 1e6:.2f}M; cost depends on price "
     "and MFU, both assumptions", CH3),
    ("6ND allows precise cost estimates",
     "6ND is within about 10% of a full count (Chinchilla's own count is 0.99 to 1.10 "
     "times 6ND, Hoffmann et al. Table A4), and MFU varies from 21% to 46% between "
     "reported runs (PaLM paper, Table 3)", CH3),
    ("Serving a 1.8T-parameter mixture of experts costs as if every parameter were "
     "active",
     "each token uses the active parameters; the weights alone take "
     f"{gpt4_weights_tb:.1f} TB in BF16", CH3),
]
table(rows_3)

# %% tags=["remove-cell"]
assert round(gpt3_pf_days, -1) == 3640 and round(gpt3_flop / 1e23, 2) == 3.14
assert round(a100_hours(gpt3_flop) / 1e3) == 700
assert round(a100_hours(palm_flop) / 1e6, 1) == 5.6
assert round(gpt4_total_flop / 1e26, 2) == 1.40
assert round(gpt4_active_flop / 1e25, 1) == 2.2
assert gpt5_flop == 6.0e27
assert round(a100_hours(gpt3_flop) * PRICE_A100_HOUR / 1e6, 2) == 1.75
assert gpt4_weights_tb == 3.6

# %% [markdown]
# ## Test-time compute and emergence

# %% tags=["hide-input"]
coverage_10k = testtime.coverage_beta(0.5, 2.0, 1e4, solvable=0.8)
vote_like_ceiling = testtime.best_of_n_ceiling(0.3, 0.9)
flops_small = testtime.sampling_flops(1e9, 64, 500)
flops_big = testtime.sampling_flops(70e9, 64, 500, verifier_params=70e9)
exact_match_5 = 0.45**5
rows_4_5 = [
    ("More samples, higher accuracy, no ceiling in sight",
     f"coverage is bounded by the solvable share: {coverage_10k:.3f} at 10,000 samples "
     "when 80% are solvable; best-of-n with a 90%-accurate verifier and p = 0.3 levels "
     f"off at {vote_like_ceiling:.2f}", CH4),
    ("Compute used equals the number of samples",
     f"64 samples of 500 tokens cost {sci(flops_small)} FLOP with a 1B model and "
     f"{sci(flops_big)} with a 70B model and a 70B verifier", CH4),
    ("At 45% per-token accuracy, a 5-token exact match succeeds 0.6% of the time",
     f"0.45^5 = {exact_match_5:.1%}", CH5),
    ("An exercise's 'Chinchilla scaling' is (1/N)^0.050",
     "0.050 is Kaplan's compute exponent; Chinchilla's law is "
     f"E + A/N^{H.alpha} + B/D^{H.beta}", CH2),
]
table(rows_4_5)

# %% tags=["remove-cell"]
assert 0.78 < coverage_10k < 0.8
assert vote_like_ceiling < 0.8 and round(flops_big / flops_small) == 140
assert round(100 * exact_match_5, 1) == 1.8 and (H.alpha, H.beta) == (0.34, 0.28)

# %% [markdown]
# ## Limits and forecasts

# %% tags=["hide-input"]
homes = GPT3_ENERGY_MWH / HOUSEHOLD_MWH_PER_YEAR
gpt4_epoch_flop = 2.1e25  # Epoch AI's estimate, itself uncertain
gpt4_gpu_gwh = a100_hours(gpt4_epoch_flop) * A100_POWER_KW / 1e6  # kWh to GWh
llama31_flop = compute.training_flops(405e9, 15.6e12)
rows_6_7 = [
    ("High-quality text runs to about 10T tokens, all text 100T, synthetic data is "
     "unlimited",
     "the effective stock of public human text is about 300T tokens (90% interval 100T "
     "to 1,000T), used up between 2026 and 2032 (published: Villalobos et al. 2024, "
     "arXiv 2211.04325)", CH6),
    ("GPT-3's training energy equals about 100 US homes for a year",
     f"{GPT3_ENERGY_MWH:,.0f} MWh / {HOUSEHOLD_MWH_PER_YEAR} MWh per home "
     f"= {homes:.0f} homes", CH6),
    ("GPT-4's training used about 10,000 MWh",
     f"GPUs alone at {MFU:.0%} MFU and {A100_POWER_KW} kW per A100: about "
     f"{gpt4_gpu_gwh:.0f} GWh, before servers and cooling (inputs unconfirmed)", CH6),
    ("A current frontier run is 1e4 (units unstated)",
     f"1e4 PF-days is {sci(units.pf_days_to_flop(1e4), 2)} FLOP, GPT-3 scale; "
     f"Llama 3.1 405B used about {sci(units.flop_to_pf_days(llama31_flop))} PF-days",
     CH6),
    ("US data centres have a capacity of about 100 TWh",
     "TWh measures energy, not capacity; US data centres consumed 176 TWh in 2023, "
     "4.4% of US electricity (published: LBNL 2024)", CH6),
    ("Every step was predicted, so there is no ceiling",
     f"the laws predict loss, not abilities; Chinchilla's fit has an irreducible {H.E} "
     f"nats/token ({B.E} in the replication), and the data stock is finite", CH7),
]
table(rows_6_7)

# %% tags=["remove-cell"]
assert round(homes) == 120
assert round(gpt4_gpu_gwh) == 19
assert round(units.pf_days_to_flop(1e4) / 1e23, 2) == 8.64
assert round(llama31_flop / 1e25, 1) == 3.8
assert (H.E, B.E) == (1.69, 1.82)

# %% [markdown]
# Chapter 8, Run your own scaling law, corrects no popular claim: it is where you test all of the above on
# models you train yourself.
