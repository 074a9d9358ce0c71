"""Form and API fields for a stage code, checked against the cycle's framework.

The stages are data (spbe.frameworks.stages), so a field cannot list its choices when the
class is defined: the view gives the framework (`context["framework"]` for serializers).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import serializers

from spbe.frameworks.stages import is_stage, stage_codes


class StageCodeField(serializers.CharField):
    """A stage code of `context["framework"]`; blank allowed when `allow_blank`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 16)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        code = super().to_internal_value(data)
        framework = self.context["framework"]
        if code and not is_stage(framework, code):
            raise serializers.ValidationError(
                _("Tahap '%(stage)s' tidak dikenal; pilih salah satu: %(stages)s.")
                % {"stage": code, "stages": ", ".join(stage_codes(framework))}
            )
        return code
