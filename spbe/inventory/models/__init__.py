"""Inventory models, one module per concern, re-exported here."""

from spbe.inventory.models.applications import Application
from spbe.inventory.models.decisions import DuplicateDecision
from spbe.inventory.models.domains import (
    BusinessProcess,
    DataSet,
    Infrastructure,
    SecurityControl,
    Service,
)

__all__ = [
    "Application",
    "BusinessProcess",
    "DataSet",
    "DuplicateDecision",
    "Infrastructure",
    "SecurityControl",
    "Service",
]
