"""Reading the official SPBE result reports (LHE/LHP PDF) that KemenPANRB sends."""

from .check import Scorer, check_lhe, default_scorer, engine_scorer, round_half_up
from .reader import read_lhe
from .result import LheReadError, LheResult

__all__ = [
    "LheReadError",
    "LheResult",
    "Scorer",
    "check_lhe",
    "default_scorer",
    "engine_scorer",
    "read_lhe",
    "round_half_up",
]
