"""The six domains of the national SPBE architecture as one registry: every page, form, API
and export walks it, so adding a field or a domain is one change here and in the model."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from spbe.inventory.models import (
    Application,
    BusinessProcess,
    DataSet,
    Infrastructure,
    SecurityControl,
    Service,
)


@dataclass(frozen=True)
class Domain:
    slug: str  # in URLs, API paths and audit action names
    label: str
    model: type[models.Model]
    # Editable fields, in form order (the base fields instansi/updated_* are never edited).
    fields: tuple[str, ...]
    # Columns of the list page besides name and owner unit.
    columns: tuple[str, ...]
    # Fields that point at units of the same instansi (checked by the services).
    unit_fields: tuple[str, ...] = ()


DOMAINS: dict[str, Domain] = {
    d.slug: d
    for d in (
        Domain(
            "aplikasi",
            _("Aplikasi"),
            Application,
            (
                "name",
                "owner_unit",
                "developer_unit",
                "user_units",
                "all_units_use",
                "public_users",
                "function",
                "kind",
                "origin",
                "media",
                "business_processes",
                "services",
                "datasets",
                "hosting",
                "hosting_note",
                "integration",
                "integrated_with",
                "integration_note",
                "status",
                "url",
                "year_built",
                "last_security_audit",
                "contract_value",
                "funding_source",
                "vendor",
                "version",
                "database",
                "language",
                "legal_basis",
                "description",
            ),
            ("media", "status", "hosting", "integration"),
            ("owner_unit", "developer_unit", "user_units"),
        ),
        Domain(
            "layanan",
            _("Layanan"),
            Service,
            ("name", "owner_unit", "kind", "indicators", "description"),
            ("kind",),
            ("owner_unit",),
        ),
        Domain(
            "data",
            _("Data dan informasi"),
            DataSet,
            ("name", "owner_unit", "walidata_unit", "openness", "update_frequency", "description"),
            ("walidata_unit", "openness"),
            ("owner_unit", "walidata_unit"),
        ),
        Domain(
            "infrastruktur",
            _("Infrastruktur"),
            Infrastructure,
            ("name", "owner_unit", "kind", "location", "capacity", "description"),
            ("kind", "location"),
            ("owner_unit",),
        ),
        Domain(
            "proses-bisnis",
            _("Proses bisnis"),
            BusinessProcess,
            ("name", "owner_unit", "sector", "description"),
            ("sector",),
            ("owner_unit",),
        ),
        Domain(
            "keamanan",
            _("Keamanan"),
            SecurityControl,
            ("name", "owner_unit", "kind", "standard", "last_reviewed", "description"),
            ("kind", "last_reviewed"),
            ("owner_unit",),
        ),
    )
}


def domain_get(slug: str) -> Domain:
    """The domain of a URL slug; KeyError for an unknown one (views turn it into 404)."""
    return DOMAINS[slug]


def domain_of(item: models.Model) -> Domain:
    for domain in DOMAINS.values():
        if isinstance(item, domain.model):
            return domain
    raise KeyError(type(item).__name__)
