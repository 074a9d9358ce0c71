"""What the engine knows about a framework: structure, weights, value range and bands.

These are plain frozen dataclasses so the same framework can come from a YAML file (tests,
the loader) or from the Django models (``spbe.frameworks.selectors.engine_spec``) without
the engine knowing either. Nothing here is specific to SPBE or Pemdi: every number is data.

A spec validates itself on creation: the engine relies on the weights being nested
(indicator weights add up to their aspect, aspects to their domain, the whole to 100), because
that is what makes the regulation's nested weighted means equal Σ(w·v)/100.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from .errors import ScoringError, SpecError
from .rounding import exact_number

VALUE_KINDS = ("integer", "decimal")
BAND_BOUNDARIES = ("lower_inclusive", "upper_inclusive")
PREDIKAT_BASES = ("exact", "rounded")
TOTAL_WEIGHT = Fraction(100)


@dataclass(frozen=True)
class IndicatorSpec:
    """One indicator: its key (as callers pass it in ``values``), weight in % and aspect."""

    key: str
    weight: Decimal
    aspect: str
    code: str = ""  # display code ("1.1" in Pemdi); defaults to the key
    name: str = ""


@dataclass(frozen=True)
class AspectSpec:
    code: str
    weight: Decimal
    name: str = ""
    domain: str | None = None


@dataclass(frozen=True)
class DomainSpec:
    code: str
    weight: Decimal
    name: str = ""


@dataclass(frozen=True)
class PredikatBand:
    """A predikat band, half-open ``[min, max)``; the last band of a framework includes max."""

    name: str
    min: Decimal
    max: Decimal
    name_en: str = ""


@dataclass(frozen=True)
class FrameworkSpec:
    """A whole framework as the engine needs it. Build with ``from_dict`` or directly."""

    code: str
    indicators: tuple[IndicatorSpec, ...]
    aspects: tuple[AspectSpec, ...]
    bands: tuple[PredikatBand, ...]
    domains: tuple[DomainSpec, ...] = ()
    value_kind: str = "integer"
    value_min: Decimal = Decimal(1)
    value_max: Decimal = Decimal(5)
    predikat_basis: str = "exact"
    # (year, basis) pairs: the rule of a past evaluation year (SPBE 2023 used the rounded figure).
    predikat_basis_by_year: tuple[tuple[int, str], ...] = ()
    # Which side of a band owns its boundary value: "lower_inclusive" is [min, max) as the
    # regulations write it ("2.6 - < 3.5"); "upper_inclusive" is (min, max].
    band_boundary: str = "lower_inclusive"
    _index: dict[str, IndicatorSpec] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        for name in ("indicators", "aspects", "bands", "domains", "predikat_basis_by_year"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        _validate(self)
        object.__setattr__(self, "_index", {i.key: i for i in self.indicators})

    # -- lookups -------------------------------------------------------------------------
    def indicator(self, key: str) -> IndicatorSpec | None:
        return self._index.get(key)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(i.key for i in self.indicators)

    def predikat_basis_for(self, year: int | None) -> str:
        """The predikat basis of an evaluation year: a per-year exception, else the default."""
        return dict(self.predikat_basis_by_year).get(year, self.predikat_basis)

    # -- construction from data ----------------------------------------------------------
    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FrameworkSpec:
        """Build a spec from the parsed framework YAML (docs/framework-format.md).

        Unknown keys (ladders, levels, evidence rules, ...) are ignored: they are the
        loader's business. An indicator's key is ``key`` if given, else its ``number``
        (``"13"``), else its ``code``. Decimal numbers must be strings or ints, never floats.
        """
        code = str(_required(data, "code", "kerangka"))
        return cls(
            code=code,
            indicators=tuple(_indicator_from(d) for d in _required(data, "indicators", code)),
            aspects=tuple(_aspect_from(d) for d in _required(data, "aspects", code)),
            domains=tuple(_domain_from(d) for d in data.get("domains") or ()),
            bands=tuple(_band_from(d) for d in _required(data, "bands", code)),
            value_kind=str(data.get("value_kind", "integer")),
            value_min=_decimal(data.get("value_min", 1), "value_min"),
            value_max=_decimal(data.get("value_max", 5), "value_max"),
            predikat_basis=str(data.get("predikat_basis", "exact")),
            predikat_basis_by_year=tuple(
                (int(year), str(basis))
                for year, basis in (data.get("predikat_basis_by_year") or {}).items()
            ),
            band_boundary=str(data.get("band_boundary") or "lower_inclusive"),
        )


# -- from_dict helpers -------------------------------------------------------------------
def _required(data: Mapping[str, Any], key: str, where: str) -> Any:
    if data.get(key) in (None, "", [], ()):
        raise SpecError(f"Kunci '{key}' wajib ada pada {where}.")
    return data[key]


def _decimal(raw: Any, what: str) -> Decimal:
    """A Decimal as written in the data ("1.30" stays 1.30 for display); floats refused."""
    try:
        exact_number(raw, what=what)  # validates: no float, no NaN, a number
    except SpecError:
        raise
    except ScoringError as error:
        raise SpecError(str(error)) from None
    return raw if isinstance(raw, Decimal) else Decimal(str(raw).strip())


def _indicator_from(d: Mapping[str, Any]) -> IndicatorSpec:
    raw_key = d.get("key", d.get("number", d.get("code")))
    if raw_key in (None, ""):
        raise SpecError(f"Indikator tanpa nomor/kode: {dict(d)!r}.")
    key = str(raw_key)
    return IndicatorSpec(
        key=key,
        weight=_decimal(_required(d, "weight", f"indikator {key}"), f"bobot indikator {key}"),
        aspect=str(_required(d, "aspect", f"indikator {key}")),
        code=str(d.get("code") or key),
        name=str(d.get("short_name") or d.get("name") or ""),
    )


def _aspect_from(d: Mapping[str, Any]) -> AspectSpec:
    code = str(_required(d, "code", "aspek"))
    domain = d.get("domain")
    return AspectSpec(
        code=code,
        weight=_decimal(_required(d, "weight", f"aspek {code}"), f"bobot aspek {code}"),
        name=str(d.get("name") or ""),
        domain=str(domain) if domain not in (None, "") else None,
    )


def _domain_from(d: Mapping[str, Any]) -> DomainSpec:
    code = str(_required(d, "code", "domain"))
    return DomainSpec(
        code=code,
        weight=_decimal(_required(d, "weight", f"domain {code}"), f"bobot domain {code}"),
        name=str(d.get("name") or ""),
    )


def _band_from(d: Mapping[str, Any]) -> PredikatBand:
    name = str(_required(d, "name", "predikat"))
    return PredikatBand(
        name=name,
        min=_decimal(d.get("min"), f"batas bawah predikat {name}"),
        max=_decimal(d.get("max"), f"batas atas predikat {name}"),
        name_en=str(d.get("name_en") or ""),
    )


# -- validation --------------------------------------------------------------------------
def _validate(spec: FrameworkSpec) -> None:
    _validate_scalars(spec)
    _validate_structure(spec)
    _validate_weights(spec)
    _validate_bands(spec)


def _validate_scalars(spec: FrameworkSpec) -> None:
    if spec.band_boundary not in BAND_BOUNDARIES:
        raise SpecError(
            f"band_boundary '{spec.band_boundary}' tidak dikenal "
            f"({' atau '.join(BAND_BOUNDARIES)})."
        )
    if spec.value_kind not in VALUE_KINDS:
        raise SpecError(f"value_kind '{spec.value_kind}' tidak dikenal (integer atau decimal).")
    for basis in (spec.predikat_basis, *(b for _, b in spec.predikat_basis_by_year)):
        if basis not in PREDIKAT_BASES:
            raise SpecError(f"predikat_basis '{basis}' tidak dikenal (exact atau rounded).")
    if not spec.value_min < spec.value_max:
        raise SpecError("value_min harus lebih kecil dari value_max.")
    if spec.value_kind == "integer" and (
        spec.value_min != int(spec.value_min) or spec.value_max != int(spec.value_max)
    ):
        raise SpecError("Kerangka bernilai bulat harus punya value_min dan value_max bulat.")


def _validate_structure(spec: FrameworkSpec) -> None:
    if not spec.indicators:
        raise SpecError(f"Kerangka {spec.code} tidak punya indikator.")
    _unique([i.key for i in spec.indicators], "indikator")
    _unique([a.code for a in spec.aspects], "aspek")
    _unique([d.code for d in spec.domains], "domain")
    aspect_codes = {a.code for a in spec.aspects}
    domain_codes = {d.code for d in spec.domains}
    for ind in spec.indicators:
        if ind.aspect not in aspect_codes:
            raise SpecError(f"Indikator {ind.key} merujuk aspek '{ind.aspect}' yang tidak ada.")
    for aspect in spec.aspects:
        if spec.domains and aspect.domain not in domain_codes:
            raise SpecError(f"Aspek {aspect.code} merujuk domain '{aspect.domain}' yang tidak ada.")
        if not spec.domains and aspect.domain is not None:
            raise SpecError(f"Aspek {aspect.code} merujuk domain, tetapi kerangka tanpa domain.")


def _unique(codes: Sequence[str], what: str) -> None:
    seen: set[str] = set()
    for code in codes:
        if code in seen:
            raise SpecError(f"Kode {what} '{code}' muncul lebih dari sekali.")
        seen.add(code)


def _validate_weights(spec: FrameworkSpec) -> None:
    for item in (*spec.indicators, *spec.aspects, *spec.domains):
        if Fraction(item.weight) <= 0:
            raise SpecError(f"Bobot {getattr(item, 'key', getattr(item, 'code', ''))} harus > 0.")
    for aspect in spec.aspects:
        total = sum(Fraction(i.weight) for i in spec.indicators if i.aspect == aspect.code)
        if total != Fraction(aspect.weight):
            raise SpecError(
                f"Jumlah bobot indikator aspek {aspect.code} = {_fmt(total)}, "
                f"seharusnya {aspect.weight}."
            )
    for domain in spec.domains:
        total = sum(Fraction(a.weight) for a in spec.aspects if a.domain == domain.code)
        if total != Fraction(domain.weight):
            raise SpecError(
                f"Jumlah bobot aspek domain {domain.code} = {_fmt(total)}, "
                f"seharusnya {domain.weight}."
            )
    top = spec.domains or spec.aspects
    total = sum(Fraction(x.weight) for x in top)
    if total != TOTAL_WEIGHT:
        raise SpecError(f"Jumlah bobot kerangka {spec.code} = {_fmt(total)}, seharusnya 100.")


def _validate_bands(spec: FrameworkSpec) -> None:
    bands = spec.bands
    if not bands:
        raise SpecError(f"Kerangka {spec.code} tidak punya band predikat.")
    for band in bands:
        if not band.min < band.max:
            raise SpecError(f"Band predikat {band.name}: batas bawah harus < batas atas.")
    for lower, upper in zip(bands, bands[1:], strict=False):
        if lower.max != upper.min:
            raise SpecError(
                f"Band predikat {lower.name} dan {upper.name} tidak bersambung "
                f"({lower.max} ≠ {upper.min})."
            )
    if bands[0].min > spec.value_min or bands[-1].max < spec.value_max:
        raise SpecError(f"Band predikat harus menutup rentang {spec.value_min}–{spec.value_max}.")


def _fmt(value: Fraction) -> str:
    return str(Decimal(value.numerator) / Decimal(value.denominator))
