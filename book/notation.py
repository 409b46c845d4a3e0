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
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", source], check=True)
    importlib.invalidate_caches()

# %% [markdown]
# # Notation and units
#
# Most wrong numbers about scaling laws are unit errors: a count of operations read as a rate, a
# PF-day read as a petaFLOP, nats compared with bits. This page fixes the symbols and units the whole book
# uses. Every chapter sticks to them, and every axis label names its unit.
#
# | symbol | meaning | unit |
# |---|---|---|
# | $N$ | model size | parameters. In Kaplan et al. {cite:p}`kaplan2020scaling`, **non-embedding** parameters; in Hoffmann et al. {cite:p}`hoffmann2022training`, all parameters |
# | $D$ | training data | tokens |
# | $C$ | training compute | FLOP (a count), or PF-days in Kaplan et al. |
# | $L$ | loss: cross-entropy of the next token on held-out text | nats per token |
# | $E$ | irreducible loss, the part no model can remove | nats per token |
# | $\alpha, \beta$ | exponents of a power law (how fast a term falls) | dimensionless |
# | MFU | model FLOP utilisation: achieved FLOP/s over the accelerator's peak | fraction |
#
# ## Counting operations versus running them
#
# A **FLOP** is one floating-point operation, and "FLOP" as a unit counts them: training GPT-3 took about
# $3.14\times10^{23}$ FLOP {cite:p}`brown2020language`. **FLOP/s** is a rate, how many operations a chip
# performs per second. A budget in FLOP divided by a rate in FLOP/s gives seconds.
#
# A **PF-day** is a count too: a petaFLOP per second ($10^{15}$ FLOP/s) sustained for one day. Kaplan et
# al. state compute in PF-days. The cell converts between the units with `helpers.units`.

# %%
from helpers import units

print(f"1 PF-day = 1e15 FLOP/s x {units.SECONDS_PER_DAY:,} s = {units.FLOP_PER_PF_DAY:.3g} FLOP")
gpt3_flop = 3.14e23  # Brown et al. 2020, Table D.1
print(f"GPT-3: {gpt3_flop:.3g} FLOP = {units.flop_to_pf_days(gpt3_flop):,.0f} PF-days "
      f"= {gpt3_flop / 1e15:.3g} PFLOP (petaFLOP, a count)")

# %% tags=["remove-cell"]
assert units.FLOP_PER_PF_DAY == 8.64e19
assert round(units.flop_to_pf_days(3.14e23)) == 3634

# %% [markdown]
# ```{warning} Common mistake: PF-days are not PFLOP
# GPT-3's $3.14\times10^{23}$ FLOP is $3.14\times10^{8}$ PFLOP and about 3,600 PF-days. Quoting it as
# "3.14e3 PFLOP" mixes the two units, and the result is $10^5$ times too small.
# ```
#
# ## Nats and bits
#
# Loss is the average negative log-probability the model assigns to the next token. With natural logs it
# is in **nats**; with base-2 logs, in **bits**. One nat is $1/\ln 2$ bits. A loss of $L$ nats per token
# means the model gives the right token probability $e^{-L}$ on (geometric) average.

# %%
import math

for loss in (2.0, 1.69):
    print(f"{loss} nats/token = {loss / math.log(2):.3f} bits/token; geometric-mean probability of the "
          f"right token = {math.exp(-loss):.3f}")

# %% tags=["remove-cell"]
assert round(2.0 / math.log(2), 3) == 2.885
assert round(math.exp(-1.69), 3) == 0.185

# %% [markdown]
# Losses can only be compared on the same text with the same tokenizer: a tokenizer that cuts text
# into fewer, longer tokens has more information per token and a higher loss per token. This is one reason
# Kaplan's constants (WebText2, GPT-2 tokenizer) and Hoffmann's (MassiveText, SentencePiece) differ.
