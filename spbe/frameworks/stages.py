"""The stage registry: which stages an evaluation has, read from the framework file.

Every page, API, report, command and test asks here instead of listing stages itself, so a
framework whose stages differ (or a renamed stage) is a change to its YAML file only. The
stages live on the loaded `Framework` row (`stages`, `planning_base`), so reading them costs
no query once the framework is loaded.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import get_language

from spbe.frameworks.models import Framework
from spbe.frameworks.stage_validation import LATEST_COMPLETE

SELF_ASSESSMENT, ASSESSOR, FINAL = "self_assessment", "assessor", "final"


@dataclass(frozen=True)
class StageDef:
    """One stage of a framework: code (stored on every stage value), names and role."""

    code: str
    name: str
    name_en: str
    role: str
    optional: bool
    order: int

    @property
    def label(self) -> str:
        """The name in the active language (English when the page is English)."""
        language = (get_language() or "id").split("-")[0]
        return self.name_en if language == "en" and self.name_en else self.name

    @property
    def is_self_assessment(self) -> bool:
        return self.role == SELF_ASSESSMENT

    @property
    def is_assessor(self) -> bool:
        return self.role == ASSESSOR

    @property
    def is_final(self) -> bool:
        return self.role == FINAL

    def __str__(self) -> str:
        return self.label


class UnknownStage(KeyError):
    """A stage code the framework does not declare."""


def stages_of(framework: Framework) -> tuple[StageDef, ...]:
    """The framework's stages in order (mandiri → … → final for SPBE and Pemdi)."""
    return tuple(
        StageDef(
            code=s["code"],
            name=s["name"],
            name_en=s.get("name_en", ""),
            role=s["role"],
            optional=bool(s.get("optional", False)),
            order=n,
        )
        for n, s in enumerate(framework.stages)
    )


def stage_codes(framework: Framework) -> tuple[str, ...]:
    """The stage codes in order."""
    return tuple(s.code for s in stages_of(framework))


def stage(framework: Framework, code: str) -> StageDef:
    """One stage by code; UnknownStage when the framework has no such stage."""
    for candidate in stages_of(framework):
        if candidate.code == code:
            return candidate
    raise UnknownStage(code)


def is_stage(framework: Framework, code: str) -> bool:
    """True when `code` is one of the framework's stages."""
    return code in stage_codes(framework)


def stage_labels(framework: Framework) -> dict[str, str]:
    """Stage code → name in the active language, in order."""
    return {s.code: s.label for s in stages_of(framework)}


def stage_choices(framework: Framework, *, roles: Iterable[str] | None = None) -> list:
    """(code, label) pairs for forms and serializers, optionally only some roles."""
    wanted = set(roles) if roles is not None else None
    return [(s.code, s.label) for s in stages_of(framework) if wanted is None or s.role in wanted]


def self_assessment_stage(framework: Framework) -> StageDef:
    """The respondent's self-assessment stage (its value is what a claim is recorded into)."""
    return _by_role(framework, SELF_ASSESSMENT)[0]


def assessor_stages(framework: Framework) -> tuple[StageDef, ...]:
    """The external assessors' stages, in order (values set by review or official import)."""
    return _by_role(framework, ASSESSOR)


def final_stage(framework: Framework) -> StageDef:
    """The official, final stage: what a finished cycle's index is."""
    return _by_role(framework, FINAL)[0]


def recorded_stages(framework: Framework) -> tuple[StageDef, ...]:
    """Stages whose values come from outside the respondent: assessor stages and final."""
    return tuple(s for s in stages_of(framework) if not s.is_self_assessment)


def planning_base_stage(framework: Framework, complete: Iterable[str]) -> StageDef | None:
    """The stage a plan starts from, given the codes of the stages whose values are complete.

    `planning_base` in the framework file names a stage, or `latest_complete` (the default):
    the last stage in order among `complete`. None when that stage is not complete.
    """
    complete = set(complete)
    if framework.planning_base and framework.planning_base != LATEST_COMPLETE:
        chosen = stage(framework, framework.planning_base)
        return chosen if chosen.code in complete else None
    done = [s for s in stages_of(framework) if s.code in complete]
    return done[-1] if done else None


def stage_sort_key(framework: Framework):
    """A key function putting stage codes in the framework's order (unknown codes last)."""
    position = {code: n for n, code in enumerate(stage_codes(framework))}
    return lambda code: position.get(code, len(position))


def _by_role(framework: Framework, role: str) -> tuple[StageDef, ...]:
    return tuple(s for s in stages_of(framework) if s.role == role)
