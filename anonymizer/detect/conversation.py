"""Conversation awareness: findings informed by the other turns of the same conversation.

The detector sees one message at a time; a conversation says more. This module receives every turn of a
batch (whole conversations) with the detector's findings and returns the findings to use.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from anonymizer.detect.findings import Finding
from anonymizer.policy import DetectionSettings


@dataclass(frozen=True, slots=True)
class Turn:
    """One text field of one message, with what the conversation needs to know about it."""

    text: str
    conversation_id: str | None
    speaker: str | None
    field: str


def link_conversation(
    turns: Sequence[Turn], findings: Sequence[list[Finding]], settings: DetectionSettings
) -> list[list[Finding]]:
    """Findings per turn, in order, after using the conversation's context (same length as `turns`)."""
    return [list(f) for f in findings]
