"""Small lookups for the dashboard templates (no arithmetic on index values here)."""

from django import template

from spbe.evaluations import access

register = template.Library()


@register.filter
def sees_whole_instansi(cycle, user) -> bool:
    """Whether `user` may open the cycle's instansi-wide figures (dashboard, points lost,
    stages, planner, what-if): `spbe.evaluations.access.sees_whole_instansi`."""
    return access.sees_whole_instansi(user, cycle)


@register.filter
def domain_of(row, code):
    return row.domain(code)


@register.filter
def point_in(row, year):
    """The row's HistoryPoint of `year` (index, verified, source), or None."""
    return row.point_of(year)


@register.filter
def get_mean(averages, year):
    found = averages.get(year)
    return found[0] if found else None


@register.filter
def as_reference(value, label):
    """(label, value) for a bar chart's reference line; None when there is no value."""
    return None if value is None else (label, value)


@register.filter
def rupiah(value):
    """12500000 → "Rp 12.500.000"; empty for None."""
    from spbe.core.numbers import fmt_id

    return "" if value in (None, "") else f"Rp {fmt_id(value, 0)}"


@register.filter
def get_value(mapping, key):
    return mapping.get(key) if mapping else None
