"""Units of compute used throughout the book.

FLOP is a count of floating-point operations; FLOP/s is a rate; a PF-day is the count done by one
petaFLOP/s sustained for a day: 1e15 FLOP/s x 86,400 s = 8.64e19 FLOP (Kaplan et al. 2020, section 1.3).
"""

from __future__ import annotations

from helpers._validate import like_input, positive

SECONDS_PER_DAY = 24 * 3600
#: FLOP in one PF-day (a count, not a rate).
FLOP_PER_PF_DAY = 1e15 * SECONDS_PER_DAY


def pf_days_to_flop(pf_days):
    """Convert a compute budget from PF-days to FLOP (1 PF-day = 8.64e19 FLOP)."""
    c = positive("pf_days", pf_days, "PF-days")
    return like_input(c * FLOP_PER_PF_DAY, pf_days)


def flop_to_pf_days(flop):
    """Convert a compute budget from FLOP to PF-days (1 PF-day = 8.64e19 FLOP)."""
    c = positive("flop", flop, "FLOP")
    return like_input(c / FLOP_PER_PF_DAY, flop)
