"""End-of-period grades: their colour on the 0.0-1.0 scale and what they say about ambition."""

from __future__ import annotations

from okrtui.domain.records.models import Objective
from okrtui.domain.scoring.status import RAG


def grade_rag(score: float) -> RAG:
    """Colour of an end-of-period grade: 0.0-0.3 red, 0.4-0.6 yellow, 0.7-1.0 green."""
    if score >= 0.7 - 1e-9:
        return "green"
    if score >= 0.4 - 1e-9:
        return "yellow"
    return "red"


def grade_verdict(objective: Objective, grade: float) -> str:
    """What a grade says about ambition, for aspirational and committed objectives."""
    if objective.committed:
        return "met" if grade >= 1.0 - 1e-9 else "missed: committed objectives must reach 1.0"
    if grade >= 1.0 - 1e-9:
        return "not ambitious enough: an aspirational objective graded 1.0"
    if 0.6 - 1e-9 <= grade <= 0.7 + 1e-9:
        return "in the sweet spot"
    return "below the sweet spot" if grade < 0.6 else "above the sweet spot"
