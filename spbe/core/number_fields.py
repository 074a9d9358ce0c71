"""Form and API fields for typed numbers, all reading through `spbe.core.numbers`.

A level, target, effort or Rupiah field is a text input with ``inputmode="decimal"`` (the
phone shows a number pad) rather than the browser's number widget, which reads "2,75" as 275
in some browsers and refuses thousands dots; the value is written back the way the page
writes numbers (`input_number`: 2,50 in Indonesian, 2.50 in English).
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from rest_framework import serializers

from spbe.core.numbers import NumberParseError, input_number, parse_decimal, parse_rupiah


class NumberTextInput(forms.TextInput):
    """A text input for numbers: number keypad on phones, no browser number widget."""

    def __init__(self, attrs=None, *, places: int = 2):
        self.places = places
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            return input_number(value, self.places)
        return super().format_value(value)  # what the user typed, shown back as typed


class DecimalTextField(forms.DecimalField):
    """A decimal typed the Indonesian way ("2,75", "1.234,50") or dotted ("2.75")."""

    def __init__(self, *args, **kwargs):
        places = kwargs.get("decimal_places")
        kwargs.setdefault("widget", NumberTextInput(places=2 if places is None else places))
        super().__init__(*args, **kwargs)

    def widget_attrs(self, widget):
        # no min/max/step: those belong to the number widget; the range is checked here
        return {}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        try:
            return parse_decimal(str(value))
        except NumberParseError as exc:
            raise ValidationError(str(exc), code="invalid") from None


class RupiahField(DecimalTextField):
    """Whole Rupiah typed as "150.000.000" (or "Rp 150.000.000")."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("decimal_places", 0)
        kwargs.setdefault("widget", NumberTextInput(places=0))
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal | int):
            return Decimal(value)
        try:
            return Decimal(parse_rupiah(str(value)))
        except NumberParseError as exc:
            raise ValidationError(str(exc), code="invalid") from None


class ApiDecimalField(serializers.DecimalField):
    """A DRF decimal that also takes the Indonesian text form ("2,75", "150.000.000");
    JSON numbers and dotted strings behave as in `serializers.DecimalField`."""

    def to_internal_value(self, data):
        if isinstance(data, str):
            try:
                data = str(parse_decimal(data))
            except NumberParseError as exc:
                raise serializers.ValidationError(str(exc), code="invalid") from None
        return super().to_internal_value(data)
