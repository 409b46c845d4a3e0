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
# # What training and serving cost: FLOPs, hours, dollars and watts
#
# A scaling law tells you what loss a compute budget buys. This chapter turns that budget into quantities
# you can plan with: accelerator-hours, days on a cluster, dollars and megawatt-hours. It also covers the
# cost of *using* the model, which for a popular model can exceed the cost of training it. The chapter
# covers:
#
# - the units: FLOP (a count), FLOP/s (a rate) and PF-days, with the unit mistakes that most often slip
#   into published tables;
# - the accelerators, their peak rates, memory and power, and why a quoted peak may be twice the real one;
# - model FLOPs utilisation (MFU): the share of the peak a real training run achieves;
# - training: hours, days, dollars and energy for four published models;
# - serving: why generating text is limited by memory bandwidth, not arithmetic, and what a million tokens
#   cost;
# - the lifetime cost of a model, training plus serving, and when a smaller model trained longer is cheaper.
#
# Every price and utilisation below is an assumption stored in a variable: change it and re-run the cell.

# %%
import textwrap

import numpy as np

from helpers import compute, plotting, scaling, units, widgets

# %% [markdown]
# ## Three units: FLOP, FLOP/s and PF-days
#
# Compute is counted in floating-point operations. A multiply is one FLOP and an add is another. Three
# different quantities share the letters, and mixing them up is the commonest error in this field.
#
# - **FLOP** is a *count*: the work a training run does. Training a model with $N$ parameters on $D$
#   tokens takes about $C \approx 6ND$ FLOP {cite:p}`kaplan2020scaling`.
# - **FLOP/s** is a *rate*: how fast a chip does that work. An A100 peaks at $3.12 \times 10^{14}$ FLOP/s.
# - **PF-day** is a *count* again: the work of one petaFLOP/s ($10^{15}$ FLOP/s) sustained for one day,
#
# $$
# 1\ \text{PF-day} = 10^{15}\ \tfrac{\text{FLOP}}{\text{s}} \times 86\,400\ \text{s} = 8.64 \times 10^{19}\ \text{FLOP}.
# $$ (eq-pf-day)
#
# A count divided by a rate is a time. So the hours a run takes are its FLOP divided by the FLOP/s it
# achieves, and that is the whole of training-cost arithmetic. The cell converts GPT-3's training compute,
# $6ND$ with $N = 174.6 \times 10^{9}$ parameters and $D = 300 \times 10^{9}$ tokens
# {cite:p}`brown2020language`, into each unit. The book computes this number once, in `helpers.compute`.

# %%
gpt3_flop = compute.GPT3_TRAINING_FLOP  # 6 N D with Table D.1's N and D
n_gpt3, d_gpt3 = compute.GPT3_PARAMS, compute.GPT3_TOKENS
print(f"GPT-3: 6 x {n_gpt3:.4g} x {d_gpt3:.3g} = {gpt3_flop:.3e} FLOP")
print(f"     = {gpt3_flop / 1e15:.3e} PFLOP (a count of 1e15 FLOP)")
print(f"     = {units.flop_to_pf_days(gpt3_flop):,.0f} PF-days "
      f"(1 PF-day = {units.FLOP_PER_PF_DAY:.2e} FLOP)")

# %% tags=["remove-cell"]
assert units.FLOP_PER_PF_DAY == 8.64e19 and units.FLOP_PER_PF_DAY / 1e15 == 86_400
assert compute.ACCELERATORS["A100"].peak_flops_dense == 3.12e14
assert round(gpt3_flop / 1e23, 2) == 3.14 and round(gpt3_flop / 1e15 / 1e8, 2) == 3.14
assert round(units.flop_to_pf_days(gpt3_flop), -1) == 3640

# %% [markdown]
# GPT-3 took $3.14 \times 10^{23}$ FLOP, which is $3.14 \times 10^{8}$ PFLOP and about 3,640 PF-days, as
# Table D.1 of the paper lists it. Note the two different "peta" units: a PFLOP is $10^{15}$ FLOP, a
# PF-day is $8.64 \times 10^{4}$ times more.
#
# ```{admonition} Spot the error: "GPT-3 used about 3.14e3 PFLOP"
# :class: warning
# A popular text gives GPT-3's compute as $3.14 \times 10^{3}$ PFLOP. The cell below shows how far off that
# is. The number looks like the PF-day count (about 3.64e3) written with the digits of the FLOP count
# (3.14e23): two units mixed into one.
# ```

# %%
claimed_pflop = 3.14e3
right_pflop = gpt3_flop / 1e15
print(f"claimed {claimed_pflop:.2e} PFLOP, right {right_pflop:.2e} PFLOP: "
      f"off by a factor {right_pflop / claimed_pflop:.0e}")

# %% tags=["remove-cell"]
assert round(np.log10(right_pflop / claimed_pflop)) == 5  # 1e5 times too small

# %% [markdown]
# The claim is $10^{5}$ times too small.
#
# The same text has a table with a column headed "A100 hours" for four models, which reads 3,640,
# 29,200, 162,000 and 694,000. Compare it with the PF-days of each row's own FLOP count: it *is* that
# count, relabelled. An A100-hour is a different unit. At the A100's dense peak and a utilisation of 40%
# (the next sections explain both), one PF-day takes about 192 A100-hours.

# %%
seed_rows = {  # model: (FLOP as given in the text's table, its "A100 hours")
    "GPT-3": (3.15e23, 3_640),
    "PaLM": (2.53e24, 29_200),
    "GPT-4 (est.)": (1.4e25, 162_000),
    "GPT-5 (proj.)": (6.0e25, 694_000),
}
a100_hours_per_pf_day = compute.gpu_hours(units.FLOP_PER_PF_DAY, "A100", 0.4)
print(f"one PF-day = {a100_hours_per_pf_day:.0f} A100-hours at 40% MFU\n")
print(f"{'model':<14} {'FLOP':>9} {'column':>9} {'PF-days':>9} "
      f"{'A100-h at 40% MFU':>18}")
for model, (flop, column) in seed_rows.items():
    pf_days = units.flop_to_pf_days(flop)
    hours = compute.gpu_hours(flop, "A100", 0.4)
    print(f"{model:<14} {flop:>9.2e} {column:>9,} {pf_days:>9,.0f} {hours:>18,.0f}")

# %% tags=["remove-cell"]
assert round(a100_hours_per_pf_day) == 192
for _flop, _column in seed_rows.values():
    assert abs(units.flop_to_pf_days(_flop) / _column - 1) < 0.01
assert round(compute.gpu_hours(3.15e23, "A100", 0.4), -3) == 701_000
assert round(compute.gpu_hours(2.53e24, "A100", 0.4) / 1e6, 1) == 5.6

# %% [markdown]
# ```{admonition} Spot the error: an "A100 hours" column that is really PF-days
# :class: warning
# Each number in the column matches the row's FLOP divided by $8.64 \times 10^{19}$ to within 1%: they are
# PF-days. In A100-hours, at 40% MFU, GPT-3 is about 701,000 and PaLM about 5.6 million, some 192 times
# more. (PaLM actually trained on TPU v4 chips; the A100 figure is what the same work would take on A100s.)
# ```
#
# The last two rows of that table have a second problem: their FLOP counts do not match their own
# parameters and tokens. The text lists GPT-4 as 1.8 trillion parameters and 13 trillion tokens, and a
# projected "GPT-5" as 10 trillion parameters and 100 trillion tokens.

# %%
claimed_flop = {  # model: (parameters, tokens, FLOP as the table gives it)
    "GPT-4 (est.)": (1.8e12, 13e12, 1.4e25),
    "GPT-5 (proj.)": (10e12, 100e12, 6.0e25),
}
for model, (n, d, claimed) in claimed_flop.items():
    right = compute.training_flops(n, d)
    print(f"{model:<14} 6 x {n:.1e} x {d:.1e} = {right:.2e} FLOP; "
          f"table says {claimed:.1e} ({right / claimed:.0f}x too low)")
gpt4_active = 280e9  # active parameters per token, leaked MoE description (unconfirmed)
print(f"GPT-4 as MoE, 6 x {gpt4_active:.2e} active x 1.3e13 "
      f"= {compute.training_flops(gpt4_active, 13e12):.2e} FLOP")

# %% tags=["remove-cell"]
assert round(compute.training_flops(1.8e12, 13e12) / 1e26, 2) == 1.40
assert round(compute.training_flops(1.8e12, 13e12) / 1.4e25) == 10
assert round(compute.training_flops(10e12, 100e12) / 1e27, 1) == 6.0
assert round(compute.training_flops(10e12, 100e12) / 6.0e25) == 100
assert round(compute.training_flops(gpt4_active, 13e12) / 1e25, 1) == 2.2

# %% [markdown]
# ```{admonition} Spot the error: FLOP counts off by 10x and 100x
# :class: warning
# $6 \times 1.8 \times 10^{12} \times 13 \times 10^{12} = 1.40 \times 10^{26}$, ten times the table's
# $1.4 \times 10^{25}$; and $6 \times 10^{13} \times 10^{14} = 6.0 \times 10^{27}$, a hundred times its
# $6.0 \times 10^{25}$. Both rows are guesses in any case. OpenAI has not disclosed GPT-4's size: the 1.8
# trillion parameters and 13 trillion tokens come from an unconfirmed 2023 leak, which also describes a
# mixture-of-experts (MoE) model with about 280 billion parameters *active* per token. Each token only
# passes through the active parameters, so $6ND$ must use those: about $2.2 \times 10^{25}$ FLOP, close to
# Epoch AI's estimate of $2.1 \times 10^{25}$. Using the total count double-counts the experts a token
# never visits. The "GPT-5" row is a projection with no source.
# ```

# %% [markdown]
# ## Accelerators: peak rate, memory, bandwidth and power
#
# A training or serving budget is spent on accelerators. Four numbers from each datasheet matter here: the
# peak arithmetic rate for 16-bit (BF16) matrix products, the memory that holds the weights, the bandwidth
# at which that memory can be read, and the power the board may draw. `helpers.compute.ACCELERATORS` stores
# them with their sources {cite:p}`nvidia2020a100,nvidia2022h100,amd2023mi300x,nvidia2024b200`: AMD's own
# documents for the MI300X, copies of the vendor datasheets for the others (marked "secondary" in the code).

# %%
print(f"{'key':<7} {'chip':<24} {'dense BF16':>11} {'sparse':>8} {'memory':>7} "
      f"{'bandwidth':>10} {'power':>6}")
print(f"{'':<7} {'':<24} {'[TFLOP/s]':>11} {'':>8} {'[GB]':>7} {'[TB/s]':>10} "
      f"{'[W]':>6}")
for key, chip in compute.ACCELERATORS.items():
    dense = chip.peak_flops_dense / 1e12
    sparse = chip.peak_flops_sparse
    sparse = f"{sparse / 1e12:,.0f}" if sparse else "n/a"
    print(f"{key:<7} {chip.name:<24} {dense:>11,.1f} {sparse:>8} "
          f"{chip.memory_bytes / 1e9:>7.0f} {chip.memory_bandwidth / 1e12:>10.2f} "
          f"{chip.power_watts:>6.0f}")

# %% tags=["remove-cell"]
_acc = compute.ACCELERATORS
_keys = ("A100", "H100", "H200", "MI300X", "B200")
assert [_acc[k].peak_flops_dense / 1e12 for k in _keys] == [
    312, 989.4, 989.4, 1307.4, 2250]
assert round(_acc["H100"].peak_flops_sparse / 1e12) == 1979
assert _acc["H100"].memory_bytes == 80e9
assert _acc["H200"].memory_bytes == 141e9 and _acc["H200"].memory_bandwidth == 4.8e12

# %% [markdown]
# ```{admonition} Common mistake: a sparse peak quoted as a dense one
# :class: warning
# NVIDIA's headline for the H100 and H200 is "1,979 teraFLOPS" of BF16. That is the rate with 2:4
# structured sparsity, where half of the weights in every group of four are zero. Dense training does not
# use it. The dense peak is half, 989.4 TFLOP/s, and it is the one to use for MFU and cost. The same holds
# for the B200, quoted at 4.5 PFLOP/s sparse and 2.25 dense. Several spec summaries list the sparse figure
# in a "dense" column (an H200 at "1.97 PFLOPS dense", an MI300X at "2,615 TFLOPS FP16"). A cost estimate
# made with those is twice too optimistic.
# ```
#
# The popular text's cost code uses 312, 989 and 1,300 TFLOP/s for the A100, H100 and MI300X: dense
# values, correctly (the MI300X's is 1,307.4). Its hourly prices, though, come with no source, so treat
# any such table as a set of assumptions.
#
# The H200 has exactly the H100's arithmetic. What it adds is memory: 141 GB at 4.8 TB/s instead of 80 GB
# at 3.35 TB/s. For training that changes little; for serving, as we will see, bandwidth is what counts.

# %% tags=["hide-input"]
fig, (ax_peak, ax_bw) = plotting.new_figure("pair")
specs = compute.ACCELERATORS
keys = list(specs)
positions = np.arange(len(keys))
dense = [specs[k].peak_flops_dense / 1e12 for k in keys]
sparse = [(specs[k].peak_flops_sparse or np.nan) / 1e12 for k in keys]
ax_peak.bar(positions - 0.2, dense, width=0.4, color=plotting.PALETTE["blue"],
            label="dense (use this)")
ax_peak.bar(positions + 0.2, sparse, width=0.4, color=plotting.PALETTE["sky"],
            label="2:4 sparse (headline)")
ax_bw.bar(positions, [specs[k].memory_bandwidth / 1e12 for k in keys],
          color=plotting.PALETTE["green"])
for ax in (ax_peak, ax_bw):
    ax.set_xticks(positions, keys)
    ax.grid(axis="x", visible=False)
plotting.label_axes(ax_peak, "Accelerator [name]", "BF16 peak [TFLOP/s]", log="",
                    title="Arithmetic")
plotting.label_axes(ax_bw, "Accelerator [name]", "Memory bandwidth [TB/s]", log="",
                    title="Memory bandwidth")
ax_peak.set_ylim(0, 5200)  # room above the bars for the legend
ax_peak.legend(loc="upper left")
plotting.show(
    fig,
    alt=(
        "Two bar charts for A100, H100, H200, MI300X and B200. Left: dense BF16 peak "
        "beside the sparse headline figure, which is twice as tall where published; "
        "the B200 is highest at 2,250 dense. Right: memory bandwidth rising from about "
        "2 TB/s on the A100 to 7.7 TB/s on the B200."
    ),
)

# %% [markdown]
# ## Model FLOPs utilisation
#
# No real workload runs at the datasheet peak. Data has to move between chips, some operations are not
# matrix products, and pipelines have bubbles. {cite:t}`chowdhery2022palm` defined *model FLOPs
# utilisation* as the FLOP the model needs per second of training, divided by the peak:
#
# $$
# \text{MFU} = \frac{C / T}{n_\text{acc} \cdot P_\text{peak}},
# $$ (eq-mfu)
#
# with $C \approx 6ND$ the model's FLOP, $T$ the wall-clock time, $n_\text{acc}$ the number of chips and
# $P_\text{peak}$ the dense peak of one chip. Recomputed activations do not count, so MFU compares runs
# fairly. The cell prints the values PaLM's Table 3 reports and the range reported for Llama 3.1 405B
# {cite:p}`dubey2024llama3`. Both are taken from consistent secondary copies of the papers.

# %%
for model, mfu in compute.PALM_TABLE3_MFU.items():
    print(f"{model:<25} MFU {mfu:.1%}")
low, high = compute.LLAMA31_405B_MFU_RANGE
print(f"{'Llama 3.1 405B':<25} MFU {low:.0%} to {high:.0%} (380-430 TFLOP/s per H100)")

# %% tags=["remove-cell"]
_palm = [round(100 * v, 1) for v in compute.PALM_TABLE3_MFU.values()]
assert _palm == [21.3, 32.5, 30.2, 46.2]
assert compute.LLAMA31_405B_MFU_RANGE == (0.38, 0.43)
assert round(380e12 / 989.4e12, 2) == 0.38 and round(430e12 / 989.4e12, 2) == 0.43

# %% [markdown]
# Large runs achieve between about 21% (GPT-3) and 46% (PaLM) of the peak. A claim that "GPU utilisation
# is typically 30-50%" is a little high for the runs we can check.
#
# We can also work MFU out backwards from a published run. Llama 2 70B was trained on 2 trillion tokens in
# 1,720,320 A100-80GB hours {cite:p}`touvron2023llama2`. With {eq}`eq-mfu`:

# %%
llama2_flop = compute.training_flops(70e9, 2e12)
llama2_mfu = compute.implied_mfu(llama2_flop, compute.LLAMA2_70B_GPU_HOURS, "A100")
print(f"Llama 2 70B: {llama2_flop:.2e} FLOP in {compute.LLAMA2_70B_GPU_HOURS:,.0f} "
      f"A100-hours -> MFU {llama2_mfu:.1%}")

# %% tags=["remove-cell"]
assert round(llama2_flop / 1e23, 1) == 8.4 and round(100 * llama2_mfu) == 43

# %% [markdown]
# About 43%, in the same range as PaLM and Llama 3.1.
#
# ### This machine's own peak
#
# The cell below measures the arithmetic rate of the computer running this notebook. It multiplies two
# random square matrices with numpy, of side 512 and then of side 8; a product of side 512 takes
# $2 \times 512^{3}$ FLOP (a multiply and an add per term). It divides the FLOP by the best time. The numbers differ from machine to machine and from run to run, so none of them
# appears in the text.

# %%
rate_large = compute.measure_matmul_flops(512, "float64")
rate_small = compute.measure_matmul_flops(8, "float64")
print(f"512 x 512 matrix product: {rate_large / 1e9:8.2f} GFLOP/s")
print(f"  8 x   8 matrix product: {rate_small / 1e9:8.2f} GFLOP/s "
      f"({rate_small / rate_large:.1%} of the large one)")
h100_at_40 = 0.4 * compute.ACCELERATORS["H100"].peak_flops_dense
print(f"an H100 at 40% MFU:       {h100_at_40 / 1e9:8,.0f} GFLOP/s")

# %% [markdown]
# Take the large product's rate as this machine's practical peak. The small product reaches only a small
# fraction of it: for an $8 \times 8$ matrix the fixed cost of each call (checking the arrays, choosing a
# kernel) is large next to the 1,024 FLOP of work. The same effect limits MFU on a GPU: small matrices,
# and short steps between communications, leave the arithmetic units waiting. On a shared computer the
# numbers also move from run to run, because other programs compete for the same cores.
# Chapter 8 uses this measurement to compute the MFU of a model you train on your own machine.

# %% tags=["remove-cell"]
assert 2 * 8**3 == 1_024

# %% [markdown]
# ## Training: hours, days, dollars and energy
#
# With the units in place, the cost of a run follows from {eq}`eq-mfu` solved for the time. The run needs
#
# $$
# T_\text{acc} = \frac{C}{P_\text{peak} \cdot \text{MFU} \cdot 3600\ \text{s/h}}
# $$ (eq-hours)
#
# accelerator-hours. On $n_\text{acc}$ chips it takes $T_\text{acc} / (24\, n_\text{acc})$ days. At a
# price per accelerator-hour it costs that price times $T_\text{acc}$ dollars, and the chips alone draw
# about $T_\text{acc}$ times their board power in energy.
#
# Prices vary by several times between cloud list prices, long-term contracts and owned hardware, so the
# cell states them as assumptions. Change them and re-run. The chips and MFU are also assumptions for GPT-3
# and Chinchilla, which ran on V100 GPUs and TPUs: the figures say what the same work would take on A100s.
# The cluster sizes are assumptions too, except Llama 3.1's 16,384 H100s {cite:p}`dubey2024llama3`.

# %%
price_per_hour = {"A100": 2.00, "H100": 3.00}  # $ per accelerator-hour: ASSUMED
mfu_assumed = 0.40  # ASSUMED for runs without a published MFU
runs = {  # name: (parameters, tokens, accelerator, chips (ASSUMED but Llama 3.1), MFU)
    "GPT-3 175B": (compute.GPT3_PARAMS, compute.GPT3_TOKENS, "A100", 1024, mfu_assumed),
    "Chinchilla 70B": (70e9, 1.4e12, "A100", 1024, mfu_assumed),
    "Llama 2 70B": (70e9, 2e12, "A100", 2048, float(llama2_mfu)),
    "Llama 3.1 405B": (405e9, 15.6e12, "H100", 16384, mfu_assumed),
}
print(f"{'run':<15} {'FLOP':>8} {'chip':>4} {'MFU':>4} {'chip-hours':>10} {'chips':>6} "
      f"{'days':>4} {'$M':>6} {'MWh':>6}")
table = {}
for name, (n, d, chip, k, mfu) in runs.items():
    flop = compute.training_flops(n, d)
    hours = compute.gpu_hours(flop, chip, mfu)
    days = compute.training_days(flop, chip, mfu, k)
    dollars = compute.training_cost(flop, chip, mfu, price_per_hour[chip])
    mwh = compute.training_energy_mwh(flop, chip, mfu)
    table[name] = (flop, hours, days, dollars, mwh)
    print(f"{name:<15} {flop:>8.2e} {chip:>4} {mfu:>4.0%} {hours:>10,.0f} {k:>6,} "
          f"{days:>4.0f} {dollars / 1e6:>6.2f} {mwh:>6,.0f}")

# %% tags=["remove-cell"]
assert price_per_hour == {"A100": 2.00, "H100": 3.00} and mfu_assumed == 0.40
assert round(table["Llama 2 70B"][1]) == 1_720_320
assert round(table["Llama 3.1 405B"][0] / 1e25, 1) == 3.8
assert round(table["Llama 3.1 405B"][1] / 1e6, 1) == 26.6
assert round(table["Llama 3.1 405B"][2]) == 68
assert round(table["Llama 3.1 405B"][3] / 1e6) == 80
assert round(table["GPT-3 175B"][3] / 1e6, 1) == 1.4
assert round(table["Llama 3.1 405B"][4], -3) == 19_000

# %% [markdown]
# The Llama 2 row reproduces the model card's 1,720,320 A100-hours, because its MFU was computed from that
# number: it is a consistency check of the arithmetic, not new evidence. Llama 3.1 405B, with
# $3.8 \times 10^{25}$ FLOP, needs about 26.6 million H100-hours at 40% MFU, about 68 days on 16,384 H100s,
# and about \$80 million at the assumed \$3 per hour. The chips alone draw about 19,000 MWh over the run;
# the whole data centre, with CPUs, network and cooling, draws more.
#
# ```{admonition} Spot the error: costs that no stated assumption produces
# :class: warning
# The popular text's table puts GPT-3 at \$4.6 million and PaLM at \$17 million, next to its own assumptions
# of \$2.50 per A100-hour and 40% utilisation. Those assumptions give much less (cell below). The \$4.6
# million is a 2020 estimate for renting V100 GPUs, a different chip at a different price: a number that
# follows from neither the table nor the code beside it. Every cost needs its chip, MFU and price stated.
# ```

# %%
for model, (flop, _column) in list(seed_rows.items())[:2]:
    cost = compute.training_cost(flop, "A100", 0.4, 2.50)
    print(f"{model:<6} {flop:.2e} FLOP on A100s, 40% MFU, $2.50/h: ${cost / 1e6:.2f}M")

# %% tags=["remove-cell"]
assert round(compute.training_cost(3.15e23, "A100", 0.4, 2.50) / 1e6, 2) == 1.75
assert round(compute.training_cost(2.53e24, "A100", 0.4, 2.50) / 1e6) == 14

# %% [markdown]
# About \$1.75 million for GPT-3 and \$14 million for PaLM.
#
# The same arithmetic shows why a "GPT-4-class" model cannot be a dense 1.8-trillion-parameter model. The
# popular text runs that example on 1,000 H100s without showing the output. At 40% MFU:

# %%
for label, n in (("1.8T dense (total params)", 1.8e12),
                 ("280B active (MoE)", gpt4_active)):
    days = compute.training_days(compute.training_flops(n, 13e12), "H100", 0.4, 1000)
    print(f"{label:<26} {days:7,.0f} days = {days / 365:4.1f} years on 1,000 H100s")
gpt4_moe_flop = compute.training_flops(gpt4_active, 13e12)
leak_days = compute.training_days(gpt4_moe_flop, "A100", 0.4, 25_000)
print(f"280B active on 25,000 A100s: {leak_days:.0f} days")

# %% tags=["remove-cell"]
_dense_flop = compute.training_flops(1.8e12, 13e12)
_dense_days = compute.training_days(_dense_flop, "H100", 0.4, 1000)
_moe_days = compute.training_days(gpt4_moe_flop, "H100", 0.4, 1000)
assert round(_dense_days, -1) == 4110 and round(_dense_days / 365) == 11
assert round(_moe_days) == 639 and round(leak_days) == 81

# %% [markdown]
# ```{admonition} Spot the error: a dense 1.8-trillion-parameter training run
# :class: warning
# Counting all 1.8 trillion parameters, the run would take about 4,110 days, 11 years, on 1,000 H100s: an
# absurd premise, which the text does not notice because it never shows the output. With the 280 billion
# active parameters of the (unconfirmed) MoE description it is about 639 days. On the leak's "about 25,000
# A100s" at 40% MFU it is about 81 days, close to the 90-100 days the same leak reports.
# ```
#
# The figure shows how strongly the cost of the four runs depends on the assumed MFU.

# %% tags=["hide-input"]
mfu_axis = np.linspace(0.15, 0.6, 50)
fig, ax = plotting.new_figure("wide")
run_colours = ("blue", "vermillion", "green", "purple")
for (name, (n, d, chip, _, mfu)), colour in zip(runs.items(), run_colours, strict=True):
    flop = compute.training_flops(n, d)
    price = price_per_hour[chip]
    ax.plot(mfu_axis * 100, compute.training_cost(flop, chip, mfu_axis, price) / 1e6,
            color=plotting.PALETTE[colour], label=f"{name} ({chip})")
    ax.plot(mfu * 100, compute.training_cost(flop, chip, mfu, price) / 1e6, "o",
            color=plotting.PALETTE[colour])
ax.plot([], [], "o", color="grey", label="the MFU used in the table above")
ax.axvspan(21.3, 46.2, color=plotting.PALETTE["black"], alpha=0.07,
           label="published MFU range")
plotting.label_axes(ax, "Model FLOPs utilisation [%]", "Training cost [million $]",
                    log="y", title=r"Cost at \$2/A100-hour and \$3/H100-hour (assumed)")
plotting.legend_outside(ax, "right")
plotting.show(
    fig,
    alt=(
        "Training cost in millions of dollars, on a log axis, against MFU from 15 to "
        "60 percent for GPT-3, Chinchilla, Llama 2 70B and Llama 3.1 405B, each with a "
        "dot at the MFU the table used. Each curve falls as one over MFU; Llama 3.1 "
        "405B is by far the most expensive. A shaded band marks the published MFU "
        "range, 21 to 46 percent."
    ),
)

# %% [markdown]
# Halving the MFU doubles the cost. Across the published range, 21% to 46%, the same model costs more
# than twice as much at the low end as at the high end: utilisation matters as much as the price.

# %% tags=["remove-cell"]
assert 46.2 / 21.3 > 2
assert max(table, key=lambda name: table[name][3]) == "Llama 3.1 405B"

# %% [markdown]
# ## Serving: decoding is limited by memory bandwidth
#
# Generating one token takes a forward pass through the model, about $2N$ FLOP {cite:p}`kaplan2020scaling`.
# For a 70-billion-parameter model that is $1.4 \times 10^{11}$ FLOP, a tiny fraction of a second at an
# H100's peak. But to make that token, every weight must be read from memory once. At 2 bytes per BF16
# weight, a 70B model reads 140 GB per decoding step, and an H100 reads at most 3.35 TB/s. The chip waits
# for memory, not for arithmetic.
#
# Batching is the fix. One decoding step can serve $n_\text{batch}$ sequences at once: it reads the
# weights once and does $2N n_\text{batch}$ FLOP. With $n_\text{bytes}$ bytes per weight, memory bandwidth
# $\text{BW}$ and peak $P_\text{peak}$, the step takes at least the longer of a memory time and a compute
# time, so
#
# $$
# \text{tokens/s} \le \frac{n_\text{batch}}{\max\left(\dfrac{N n_\text{bytes}}{\text{BW}},\
# \dfrac{2 N n_\text{batch}}{P_\text{peak}}\right)}.
# $$ (eq-decode)
#
# Below the *ridge* batch $n_\text{batch}^* = P_\text{peak}\, n_\text{bytes} / (2\,\text{BW})$ the
# memory term wins and the rate grows in proportion to $n_\text{batch}$; above it the chip is compute
# bound and the rate stays at $P_\text{peak}/(2N)$. This bound ignores the KV cache (the stored keys and
# values of every sequence), which also has to be read each step and limits how large $n_\text{batch}$
# can be in practice. Real servers stay below it.

# %%
n_dense = 70e9
h100 = compute.ACCELERATORS["H100"]
chips_70b = compute.accelerators_to_hold_weights(n_dense, "H100")
ridge_batch = h100.peak_flops_dense * 2 / (2 * h100.memory_bandwidth)
print(f"70B weights in BF16: {compute.weight_bytes(n_dense) / 1e9:.0f} GB "
      f"-> at least {chips_70b:.0f} H100s (80 GB each)")
print(f"ridge batch on H100: B* = {ridge_batch:.0f} sequences")
replica_price = chips_70b * price_per_hour["H100"]
print(f"{'batch':>6} {'tokens/s':>9} {'$ per 1M tokens':>16}  "
      f"(replica of {chips_70b:.0f} H100s at ${replica_price:.2f}/h)")
for batch in (1, 8, 64, 256, 1024):
    rate = compute.decode_tokens_per_second(n_dense, "H100", batch,
                                            n_accelerators=chips_70b)
    dollars = compute.cost_per_million_tokens(rate, replica_price)
    print(f"{batch:>6} {rate:>9,.0f} {dollars:>16.2f}")

# %% tags=["remove-cell"]
assert chips_70b == 2 and round(ridge_batch) == 295
assert compute.inference_flops(n_dense, 1) == 1.4e11
assert compute.weight_bytes(n_dense) == 140e9
assert h100.memory_bandwidth == 3.35e12
_r1 = compute.decode_tokens_per_second(n_dense, "H100", 1, n_accelerators=2)
_r256 = compute.decode_tokens_per_second(n_dense, "H100", 256, n_accelerators=2)
assert round(_r1) == 48
assert round(compute.cost_per_million_tokens(_r1, replica_price)) == 35
assert round(compute.cost_per_million_tokens(_r256, replica_price), 2) == 0.14
assert round(_r256 / _r1) == 256

# %% [markdown]
# Two H100s hold the 140 GB of weights. Decoding one sequence at a time, they produce at most about 48
# tokens per second, and a million tokens cost about \$35 at the assumed price. With 256 sequences per
# step the same chips make 256 times as many tokens for the same money: about \$0.14 per million. Past
# the ridge, about 295 sequences on an H100, more batching no longer helps. The ridge is the ratio of the
# chip's FLOP/s to its bytes/s, so chips whose bandwidth grew more slowly than their arithmetic need larger
# batches to be used well.

# %% tags=["hide-input"]
batches = np.geomspace(1, 4096, 60)
fig, (ax_rate, ax_cost) = plotting.new_figure("pair")
chip_colours = ("black", "blue", "sky", "vermillion", "green")
for key, colour, marker in zip(("A100", "H100", "H200", "MI300X", "B200"), chip_colours,
                               plotting.MARKERS, strict=False):
    chips = compute.accelerators_to_hold_weights(n_dense, key)
    rate = compute.decode_tokens_per_second(n_dense, key, batches, n_accelerators=chips)
    style = {"color": plotting.PALETTE[colour], "marker": marker, "markevery": 12}
    ax_rate.plot(batches, rate / chips, label=f"{key} (x{chips:.0f})", **style)
    ax_cost.plot(batches, compute.cost_per_million_tokens(rate / chips, 3.0), **style)
plotting.label_axes(ax_rate, "Batch [sequences per step]",
                    "Decode rate per chip [tokens/s]",
                    title="70B dense model, BF16 weights")
plotting.label_axes(ax_cost, "Batch [sequences per step]", r"Cost [\$ per 1M tokens]",
                    title=r"Cost at \$3 per chip-hour")
plotting.legend_outside(fig, "below", ncols=5)
plotting.show(
    fig,
    alt=(
        "Two log-log panels against batch size from 1 to 4096 for a 70B model on five "
        "accelerators, the number each needs to hold the weights in brackets. Left: "
        "the upper bound on tokens per second per chip rises in proportion to the "
        "batch, then flattens at each chip's compute limit, highest for the B200. "
        "Right: the cost per million tokens at 3 dollars per chip-hour falls in "
        "proportion to the batch and then levels off."
    ),
)

# %% [markdown]
# ### Dense and mixture-of-experts models
#
# A mixture-of-experts model routes each token through a few of its many expert blocks. Its *active*
# parameters set the FLOP per token, $2N_\text{active}$; its *total* parameters set the memory it needs.
# At batch 1 a step reads only the active experts. At a large batch the tokens use nearly all experts, and
# each step reads the whole model. Take the leaked, unconfirmed description of GPT-4: 1.8 trillion total
# and about 280 billion active parameters.

# %%
n_total_moe, n_active_moe = 1.8e12, gpt4_active
for key in ("A100", "H200", "B200"):
    print(f"{key}: {compute.weight_bytes(n_total_moe) / 1e12:.1f} TB of BF16 weights "
          "need at least "
          f"{compute.accelerators_to_hold_weights(n_total_moe, key):.0f} chips")
print(f"FLOP per token: 2 x active = {compute.inference_flops(n_active_moe, 1):.2e} "
      f"(2 x total would be {compute.inference_flops(n_total_moe, 1):.2e})")

# %% tags=["remove-cell"]
assert compute.weight_bytes(n_total_moe) == 3.6e12
assert compute.accelerators_to_hold_weights(n_total_moe, "A100") == 45
assert compute.accelerators_to_hold_weights(n_total_moe, "H200") == 26
assert compute.accelerators_to_hold_weights(n_total_moe, "B200") == 20
assert round(n_total_moe / n_active_moe, 1) == 6.4

# %% [markdown]
# ```{admonition} Spot the error: serving an MoE model as if it were dense
# :class: warning
# The popular text estimates the cost of serving a 1.8-trillion-parameter model with $2N$ FLOP per token,
# using the *total* count, and 60% utilisation. Three things are wrong. The FLOP per token use the *active*
# parameters, about 6.4 times fewer here. Decoding is bound by memory bandwidth, not arithmetic, so 60% of
# the FLOP peak is not reachable at the batch sizes a chat service runs. And the 3.6 TB of weights need at
# least 45 A100-80GB, 26 H200 or 20 B200 before any KV cache. Its code also fails with a `KeyError` for any
# chip other than the A100; `helpers.compute` instead names the chips it knows:
# ```

# %%
try:
    compute.gpu_hours(1e20, "V100", 0.4)
except ValueError as error:
    print(textwrap.fill(f"ValueError: {error}", width=88))

# %% [markdown]
# ## Train once, serve forever
#
# Training is paid once; serving is paid for every token. Over a model's life,
#
# $$
# C_\text{life} = \underbrace{6 N D}_\text{training} + \underbrace{2 N I}_\text{serving}
# $$ (eq-cost-lifetime)
#
# FLOP, where $I$ is the number of tokens the model processes in use, as in chapter 2. The two terms are
# equal when $I = 3D$: a model that serves three times as many tokens as it was trained on has spent as much compute
# on serving as on training. For a model trained on trillions of tokens and used by millions of people,
# that point comes quickly.
#
# This changes which model is cheapest. {cite:t}`sardana2023beyond` point out that a smaller model trained
# on more tokens can reach the same loss as a compute-optimal one, at a higher training cost but a lower
# cost per token served. The cell finds such a pair with the Chinchilla-form fit of
# {cite:t}`besiroglu2024chinchilla`: a 35B model needs enough tokens to match the predicted loss of a 70B
# model trained on 1.4 trillion tokens. It then finds the break-even number of tokens served.

# %%
fit = scaling.BESIROGLU_2024
n_big, d_big, n_small = 70e9, 1.4e12, 35e9
loss_target = fit.loss(n_big, d_big)
# Solve L(N, D) = target for D at the small size:
d_small = (fit.B / (loss_target - fit.E - fit.A / n_small**fit.alpha)) ** (1 / fit.beta)
train_big = compute.training_flops(n_big, d_big)
train_small = compute.training_flops(n_small, d_small)
per_million_big = compute.inference_flops(n_big, 1e6)
per_million_small = compute.inference_flops(n_small, 1e6)
break_even = compute.break_even_tokens(train_small, per_million_small, train_big,
                                       per_million_big)
print(f"target loss {loss_target:.3f} nats/token (Besiroglu et al. 2024 fit)")
print(f"70B on {d_big:.2e} tokens: training {train_big:.2e} FLOP, "
      f"{d_big / n_big:.0f} tokens/param")
print(f"35B on {d_small:.2e} tokens: training {train_small:.2e} FLOP, "
      f"{d_small / n_small:.0f} tokens/param "
      f"({train_small / train_big - 1:.0%} more)")
print(f"break-even: {break_even:.2e} tokens served "
      f"({break_even / d_small:.2f} x the small model's training tokens)")

# %% tags=["remove-cell"]
assert np.isclose(fit.loss(n_small, d_small), loss_target)
assert round(d_small / 1e12, 2) == 3.65 and round(d_small / n_small) == 104
assert round(train_small / train_big - 1, 2) == 0.30
assert round(break_even / 1e12, 1) == 2.5

# %% [markdown]
# Under this fit, a 35B model trained on about 3.65 trillion tokens (104 tokens per parameter) matches the
# 70B model's loss for 30% more training compute. It costs half as much per token served, so it is the
# cheaper model in total once more than about $2.5 \times 10^{12}$ tokens have been served. A service that
# answers a million requests of 1,000 tokens a day reaches that in under seven years; a popular one, in
# days. This is one reason recent open models are trained far past 20 tokens per parameter.

# %% tags=["remove-cell"]
assert break_even / (1e6 * 1000) / 365 < 7

# %% tags=["hide-input"]
served = np.geomspace(1e10, 1e14, 200)
fig, ax = plotting.new_figure()
for label, train, per_million, colour in (
    ("70B on 1.4T tokens", train_big, per_million_big, "blue"),
    (f"35B on {d_small / 1e12:.2f}T tokens", train_small, per_million_small,
     "vermillion"),
):
    ax.plot(served, compute.lifetime_cost(train, per_million, served),
            color=plotting.PALETTE[colour], label=label)
ax.axvline(break_even, color=plotting.PALETTE["black"], ls=":", lw=1,
           label="break-even")
plotting.label_axes(ax, "Tokens served I [tokens]", "Lifetime compute 6ND + 2NI [FLOP]",
                    title="Same predicted loss, different lifetime cost")
ax.legend(loc="upper left")
plotting.show(
    fig,
    alt=(
        "Log-log plot of lifetime compute against tokens served, from 1e10 to 1e14, "
        "for a 70B model trained on 1.4 trillion tokens and a 35B model trained on "
        "3.65 trillion tokens with the same predicted loss. The 35B line starts "
        "higher, because its training costs more, and crosses below the 70B line at "
        "about 2.5e12 tokens served."
    ),
)

# %% [markdown]
# In dollars the case for the small model is stronger still. Serving runs at a lower utilisation than
# training (the previous section), so a FLOP served costs more than a FLOP trained, and the smaller model
# also fits on fewer chips.
#
# ```{exercise}
# :label: ex-serving-equals-training
#
# Llama 3 8B was trained on about 15 trillion tokens. How many tokens must it serve before serving has
# cost as many FLOP as training? Does the answer depend on $N$?
# ```
#
# ```{solution} ex-serving-equals-training
# :class: dropdown
#
# By {eq}`eq-cost-lifetime` the terms are equal when $2NI = 6ND$, so $I = 3D = 4.5 \times 10^{13}$ tokens,
# whatever $N$ is. `compute.inference_flops(8e9, 4.5e13) == compute.training_flops(8e9, 15e12)` is true.
# ```

# %% tags=["remove-cell"]
_serving = compute.inference_flops(8e9, 4.5e13)
assert np.isclose(_serving, compute.training_flops(8e9, 15e12))

# %% [markdown]
# ## Explore: what a compute-optimal run costs
#
# Slide the model size $N$ to see the days, dollars and energy of a run trained on 20 tokens per parameter,
# the ratio of Chinchilla's Table 3 {cite:p}`hoffmann2022training`. The other inputs are fixed assumptions,
# printed above the slider; change them in the cell and re-run it to explore another axis.

# %% tags=["hide-input"]
explore_chip, explore_chips, explore_mfu, explore_price = "H100", 4096, 0.40, 3.00
tokens_per_param = 20
print(f"fixed: D = {tokens_per_param} tokens/param, "
      f"{explore_chips:,} x {explore_chip}, MFU {explore_mfu:.0%},")
print(f"       ${explore_price:.2f} per {explore_chip}-hour; "
      "energy = the chips' board power only")
sizes = np.geomspace(1e9, 1e12, 7)  # parameters, 2 per power of ten
size_curve = np.geomspace(sizes[0], sizes[-1], 200)


def explore_cost(n):
    """Training cost against model size, with the run of size ``n`` marked."""
    flop_curve = compute.training_flops(size_curve, tokens_per_param * size_curve)
    curve = compute.training_cost(flop_curve, explore_chip, explore_mfu, explore_price)
    flop = compute.training_flops(n, tokens_per_param * n)
    dollars = compute.training_cost(flop, explore_chip, explore_mfu, explore_price)
    days = compute.training_days(flop, explore_chip, explore_mfu, explore_chips)
    mwh = compute.training_energy_mwh(flop, explore_chip, explore_mfu)
    fig, ax = plotting.new_figure()
    ax.plot(size_curve, curve, color=plotting.PALETTE["blue"],
            label="cost at 20 tokens/param")
    ax.plot(n, dollars, "o", ms=10, color=plotting.PALETTE["vermillion"],
            label="your model")
    size = plotting.number_label(float(f"{n:.2g}"))
    title = f"N = {size}: {days:,.1f} days, \\${dollars / 1e6:,.3g}M, {mwh:,.3g} MWh"
    plotting.label_axes(ax, "Parameters N [count]", "Training cost [$]", title=title)
    ax.legend(loc="upper left")
    return plotting.show(
        fig,
        alt=(
            "Log-log line of training cost against model size from 1e9 to 1e12 "
            "parameters at 20 tokens per parameter, rising as N squared, with a "
            f"marker at {n:.2g} parameters: {days:,.1f} days on {explore_chips} "
            f"{explore_chip}s, {dollars / 1e6:,.3g} million dollars and {mwh:,.3g} "
            "MWh."
        ),
    )


widgets.explorer(explore_cost, sizes, label="Parameters N [count]",
                 fmt=lambda n: f"{n:.2g} params")

# %% tags=["remove-cell"]
assert len(sizes) == 7 and sizes[0] == 1e9 and np.isclose(sizes[-1], 1e12)
_ratio = compute.training_flops(1e11, 2e12) / compute.training_flops(1e10, 2e11)
assert np.isclose(_ratio, 100)

# %% [markdown]
# At 20 tokens per parameter the compute grows as $N^2$: ten times the parameters costs a hundred times as
# much.
#
# ## Summary
#
# - FLOP is a count, FLOP/s a rate, and a PF-day is $8.64 \times 10^{19}$ FLOP. GPT-3 took
#   $3.14 \times 10^{23}$ FLOP, about 3,640 PF-days; one PF-day is about 192 A100-hours at 40% MFU.
# - Use dense peaks: 312 TFLOP/s for the A100, 989.4 for the H100 and H200, 1,307.4 for the MI300X and
#   2,250 for the B200. The "1,979" headline for the H100 is a sparse figure.
# - Published MFU runs from 21% (GPT-3) to 46% (PaLM); Llama 2 70B works out at about 43%.
# - Accelerator-hours are $T_\text{acc} = C / (P_\text{peak} \cdot \text{MFU} \cdot 3600)$. Days and dollars follow from
#   the number of chips and an explicit price.
# - Decoding reads all the weights for every step, so it is bound by memory bandwidth. Batching many
#   sequences per step lowers the cost per token until the ridge batch.
# - For MoE models use active parameters for FLOP and total parameters for memory.
# - Serving equals training compute after $3D$ tokens; past a break-even volume, a smaller model trained
#   longer is cheaper over its life.
#
# ## Exercises
#
# <a href="exercises.html#set-03_compute_cost">Exercise set 3</a> opens in Binder, Colab or a JupyterHub from
# its row on the Exercises page; in a clone of the repository it is `exercises/03_compute_cost.ipynb`. It has
# six graded tasks:
#
# - `run_flops(n_params, n_tokens)`: the $6ND$ training compute of a run;
# - `gpu_hours(flops, peak_flops_per_s, mfu)`: accelerator-hours at a given MFU;
# - `cluster_days(flops, peak_flops_per_s, mfu, n_gpus)`: wall-clock days on a cluster;
# - `implied_mfu(flops, gpu_hours, peak_flops_per_s)`: the MFU behind a published number of GPU-hours;
# - `decode_cost_per_million(...)`: the cost of a million generated tokens from the roofline bound;
# - `break_even_tokens(n_big, d_big, n_small, d_small)`: when a smaller model trained longer pays off.

# %% tags=["remove-cell"]
assert round(units.flop_to_pf_days(gpt3_flop), -1) == 3640
assert round(a100_hours_per_pf_day) == 192
assert round(100 * min(compute.PALM_TABLE3_MFU.values())) == 21
assert round(100 * max(compute.PALM_TABLE3_MFU.values())) == 46
assert compute.ACCELERATORS["MI300X"].peak_flops_dense == 1307.4e12
