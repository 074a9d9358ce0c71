"""Template filters that write numbers and levels the Indonesian way (`{% load numbers %}`).

The one definition of each filter; web's `charts` library registers the same functions so the
chart templates need a single `{% load %}`.
"""

from django import template

from spbe.core.numbers import fmt_id, fmt_level, fmt_percent

register = template.Library()


@register.filter
def id_number(value, places=2):
    """3.785 → "3,79"; `|id_number:0` for whole numbers. Non-numbers pass through."""
    try:
        return fmt_id(value, int(places))
    except (TypeError, ValueError):
        return value


@register.filter
def level(value, framework=None):
    """A level with its framework's precision: "5" on SPBE (integer levels), "2,50" on Pemdi
    (decimal levels); "–" when empty. `framework` is a Framework, a FrameworkSpec or the
    value kind itself; without it, 2 decimals. Non-numbers pass through."""
    kind = framework if isinstance(framework, str) else getattr(framework, "value_kind", None)
    try:
        return fmt_level(value, kind)
    except (TypeError, ValueError):
        return value


@register.filter
def id_percent(value, places=1):
    """87.5 → "87,5%". Non-numbers pass through."""
    try:
        return fmt_percent(value, int(places))
    except (TypeError, ValueError):
        return value
