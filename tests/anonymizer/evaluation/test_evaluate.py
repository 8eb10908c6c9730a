"""evaluate_records: the production path is what is scored, and the report says what could not be scored."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import pytest

from anonymizer import Policy
from anonymizer.detect.engine import Detector
from anonymizer.detect.findings import Finding
from anonymizer.evaluation import OURS, GoldSpan, conversation_batches, evaluate_records, evaluation_anonymizer

RECORDS: list[dict[str, Any]] = [
    {"conversation_id": "c1", "message_id": "m1", "speaker": "agent", "text": "Can I have your username?"},
    {"conversation_id": "c1", "message_id": "m2", "speaker": "customer", "text": "cminh730"},
    {"conversation_id": "c1", "message_id": "m3", "speaker": "customer", "text": "mail me at jane.doe@example.com"},
]
GOLD = [GoldSpan("m2", 0, 8, "USERNAME"), GoldSpan("m3", 11, 31, "EMAIL_ADDRESS")]


class NothingFound:
    """A baseline that finds nothing: every gold span is a miss."""

    name = "nothing"

    def detect_batch(self, texts: Sequence[str]) -> list[list[Finding]]:
        return [[] for _ in texts]


def test_scores_come_from_the_conversation_aware_production_path(detector: Detector) -> None:
    report = evaluate_records(evaluation_anonymizer(detector=detector), RECORDS, GOLD, baselines=[NothingFound()])
    ours, nothing = report.system(OURS).scores, report.system("nothing").scores
    # "cminh730" alone is a username only because the agent asked for one.
    assert ours.exact["USERNAME"].gold_matched == 1
    assert ours.no_leak_total().recall == 1.0
    assert nothing.no_leak_total().recall == 0.0 and nothing.total("overlap").precision is None
    lines = "\n".join(report.lines())
    assert OURS in lines and "nothing" in lines and "no-leak recall" in lines


def test_findings_the_policy_keeps_protect_nothing_and_are_not_counted(detector: Detector) -> None:
    policy = Policy.from_yaml("version: 1\nentities:\n  EMAIL_ADDRESS: {operator: keep}\n")
    report = evaluate_records(evaluation_anonymizer(policy, detector=detector), RECORDS, GOLD)
    assert report.system(OURS).scores.no_leak["EMAIL_ADDRESS"].covered == 0


def test_keyed_policies_are_evaluated_with_throw_away_keys(detector: Detector, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("ANONYMIZER_HASH_KEY", "ANONYMIZER_ENCRYPTION_KEYS", "ANONYMIZER_MASTER_KEY"):
        monkeypatch.delenv(name, raising=False)
    policy = Policy.from_yaml("version: 1\nentities:\n  DEFAULT: {operator: hash}\n  PERSON: {operator: encrypt}\n")
    report = evaluate_records(evaluation_anonymizer(policy, detector=detector), RECORDS, GOLD)
    assert report.system(OURS).scores.no_leak_total().recall == 1.0


def test_gold_for_messages_not_in_the_input_is_counted_as_unscored(detector: Detector) -> None:
    report = evaluate_records(evaluation_anonymizer(detector=detector), RECORDS, [*GOLD, GoldSpan("gone", 0, 3, "PERSON")])
    assert (report.gold_spans, report.gold_unscored) == (3, 1)
    assert report.system(OURS).scores.no_leak_total().gold == 2


def test_gold_beyond_the_text_means_the_wrong_gold_file(detector: Detector) -> None:
    with pytest.raises(ValueError, match="ends beyond the text"):
        evaluate_records(evaluation_anonymizer(detector=detector), RECORDS, [GoldSpan("m2", 0, 80, "USERNAME")])


def test_duplicate_message_ids_are_refused(detector: Detector) -> None:
    with pytest.raises(ValueError, match="more than once"):
        evaluate_records(evaluation_anonymizer(detector=detector), [RECORDS[1], RECORDS[1]], GOLD)


def test_report_quotes_text_only_when_errors_are_asked_for(detector: Detector) -> None:
    records = [*RECORDS, {"conversation_id": "c2", "message_id": "m4", "speaker": "customer", "text": "I'm Bob Stone"}]
    report = evaluate_records(evaluation_anonymizer(detector=detector), records, GOLD, baselines=[NothingFound()])
    assert "cminh730" not in json.dumps(report.to_dict())
    with_errors = report.to_dict(show_errors=5)
    misses = with_errors["errors"]["nothing"]["worst_misses"]
    assert {m["snippet"] for m in misses} == {"[[cminh730]]", "mail me at [[jane.doe@example.com]]"}
    fps = with_errors["errors"][OURS]["worst_false_positives"]
    assert [fp["snippet"] for fp in fps] == ["I'm [[Bob Stone]]"]
    assert "worst false positives" in "\n".join(report.lines(show_errors=5))


def test_conversations_are_batched_whole_even_when_interleaved() -> None:
    records = [{"conversation_id": c, "message_id": f"{c}{i}"} for i, c in enumerate("abab")] + [
        {"conversation_id": "c", "message_id": "c9"}
    ]
    batches = [[r["message_id"] for r in batch] for batch in conversation_batches(records, batch_size=4)]
    assert batches == [["a0", "a2", "b1", "b3"], ["c9"]]
