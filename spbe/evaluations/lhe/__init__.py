"""Reading the official SPBE result reports (LHE/LHP PDF) that KemenPANRB sends."""

from .check import DEFAULT_SCORER, Scorer, check_lhe, round_half_up, weighted_scorer
from .reader import read_lhe
from .result import LheReadError, LheResult

__all__ = [
    "DEFAULT_SCORER",
    "LheReadError",
    "LheResult",
    "Scorer",
    "check_lhe",
    "read_lhe",
    "round_half_up",
    "weighted_scorer",
]
