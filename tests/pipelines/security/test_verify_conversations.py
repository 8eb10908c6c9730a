"""verify re-scans text as the run detected it: by conversation and turn, with speakers and the policy.

What the run keeps on purpose (a bot's persona name, a help link an agent gives, the answer it already
typed) is not a residual; what it would have transformed and is still there raw is, with its location,
type and recognizer but never its value.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from anonymizer import Anonymizer, Policy
from anonymizer.detect.engine import Detector
from anonymizer.tokens import strip_tokens
from pipelines import runner
from pipelines.security import verify_dataset

from .conftest import OLD

POLICY_YAML = """
version: 1
text_fields: [text]
fields:
  user_email: {operator: hash, entity_type: EMAIL_ADDRESS}
entities:
  EMAIL_ADDRESS: {operator: hash}
  PHONE_NUMBER:  {operator: mask, keep_last: 4}
  PERSON:        {operator: replace, numbered: true}
  DEFAULT:       {operator: replace}
"""

BOT_INTRO = "Hi there! I'm Max, the Acme Outfitters virtual assistant. How can I help you today?"
HELP_LINK = "Good news: there's 15% off the TrailRunner 5 shoes until Friday. See https://help.northwind.example.com/faq."
CUSTOMER = "I'm Jane Doe, you can reach me at jane.doe@mailbox.org or 415-555-0123"


def message(conversation: str, turn: int, speaker: str, text: str) -> dict[str, Any]:
    return {
        "conversation_id": conversation, "message_id": f"{conversation}-{turn}", "turn": turn,
        "speaker": speaker, "timestamp": "2026-03-01T10:00:00Z", "text": text, "user_email": None,
    }


MESSAGES = [
    message("c1", 0, "bot", BOT_INTRO),
    message("c1", 1, "customer", CUSTOMER),
    message("c1", 2, "bot", "Thanks! Max can help with returns, or I can connect you with an agent."),
    message("c1", 3, "agent", HELP_LINK),
    message("c2", 0, "agent", "Can you confirm the zip code for the billing address?"),
    message("c2", 1, "customer", "94107"),
    message("c2", 2, "agent", "Thank you, that matches our records."),
    message("c2", 3, "customer", "model number AX3000, firmware 1.10.0, bought it in March 14"),
]


@pytest.fixture(scope="module")
def policy() -> Policy:
    return Policy.from_yaml(POLICY_YAML)


@pytest.fixture(scope="module")
def anonymizer(detector: Detector, policy: Policy) -> Anonymizer:
    return Anonymizer(policy, OLD, detector=detector)


@pytest.fixture(scope="module")
def output_template(tmp_path_factory: pytest.TempPathFactory, anonymizer: Anonymizer) -> Path:
    base = tmp_path_factory.mktemp("conversations")
    src = base / "in.jsonl"
    src.write_text("".join(json.dumps(m) + "\n" for m in MESSAGES), encoding="utf-8")
    report = runner.run([src], base / "out", anonymizer)
    assert report.ok
    return base / "out" / "in.parquet"


@pytest.fixture()
def output(tmp_path: Path, output_template: Path) -> Path:
    target = tmp_path / "out.parquet"
    target.write_bytes(output_template.read_bytes())
    return target


def rows(path: Path) -> list[dict[str, Any]]:
    return pq.read_table(path).to_pylist()


def set_text(path: Path, row: int, value: str) -> None:
    table = pq.read_table(path)
    values = table.column("text").to_pylist()
    values[row] = value
    table = table.set_column(table.schema.get_field_index("text"), "text", pa.array(values, pa.string()))
    pq.write_table(table, path, write_statistics=False)


def residuals(path: Path, anonymizer: Anonymizer) -> list[tuple[int | None, str | None, str | None]]:
    report = verify_dataset(path, anonymizer, None)
    return sorted((f.row, f.entity_type, f.recognizer) for f in report.findings if f.kind == "residual_pii")


def test_the_run_kept_the_bot_persona_and_the_help_link(output: Path, detector: Detector) -> None:
    """The premise: the output holds a name and a URL that a text-by-text re-scan reports."""
    texts = [r["text"] for r in rows(output)]
    assert texts[0] == BOT_INTRO and texts[3] == HELP_LINK
    assert "Jane" not in texts[1] and "jane.doe" not in texts[1]
    alone = detector.detect_batch([strip_tokens(texts[0]), strip_tokens(texts[3])])
    assert any(f.entity_type == "PERSON" and texts[0][f.start : f.end] == "Max" for f in alone[0])
    assert any(f.entity_type == "URL" for f in alone[1])


def test_bot_persona_help_link_and_answered_question_are_not_residuals(output: Path, anonymizer: Anonymizer) -> None:
    report = verify_dataset(output, anonymizer, None)
    assert report.ok, report.summary_lines()
    assert report.files_by_context == {"conversation": 1}
    assert report.notes == []


def test_turn_order_not_file_order_decides(output: Path, anonymizer: Anonymizer) -> None:
    """Rows written out of turn order are read in turn order, as the conversation happened."""
    table = pq.read_table(output)
    pq.write_table(table.take(list(reversed(range(table.num_rows)))), output, write_statistics=False)
    assert verify_dataset(output, anonymizer, None).ok


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("I'm Jane Doe, you can reach me at <EMAIL_ADDRESS:0a1b2c3d> or (***) ***-0123", "PERSON"),
        ("I'm <PERSON_1>, you can reach me at jane.doe@mailbox.org or (***) ***-0123", "EMAIL_ADDRESS"),
        ("I'm <PERSON_1>, you can reach me at <EMAIL_ADDRESS:0a1b2c3d> or 415-555-0123", "PHONE_NUMBER"),
    ],
)
def test_a_raw_customer_value_in_a_conversation_is_a_residual(
    output: Path, anonymizer: Anonymizer, raw: str, expected: str
) -> None:
    set_text(output, 1, raw)
    report = verify_dataset(output, anonymizer, None)
    found = [f for f in report.findings if f.kind == "residual_pii"]
    assert [(f.row, f.column, f.entity_type) for f in found] == [(1, "text", expected)]
    assert found[0].recognizer
    dumped = json.dumps(report.to_dict()) + "\n".join(report.summary_lines())
    for value in ("Jane", "jane.doe", "555-0123"):
        assert value not in dumped


def test_the_bot_name_is_only_kept_where_the_run_keeps_it(output: Path, anonymizer: Anonymizer) -> None:
    """A customer's own name left raw is reported even beside the kept persona."""
    set_text(output, 1, "thanks Max, my name is Jane Doe")
    assert [(row, entity) for row, entity, _ in residuals(output, anonymizer)] == [(1, "PERSON")]


def test_a_raw_answer_is_a_residual_even_though_later_turns_are_not(output: Path, anonymizer: Anonymizer) -> None:
    assert rows(output)[5]["text"] == "<ZIP_CODE>"
    set_text(output, 5, "94107")
    assert residuals(output, anonymizer) == [(5, "ZIP_CODE", "conversation:answer")]


def test_an_unanswered_question_still_reads_the_next_turn_as_the_answer(
    output: Path, anonymizer: Anonymizer
) -> None:
    """Only a turn the run found the asked type in closes the question."""
    table = pq.read_table(output)
    types = table.column("pii_types").to_pylist()
    types[5] = []
    table = table.set_column(table.schema.get_field_index("pii_types"), "pii_types",
                             pa.array(types, table.schema.field("pii_types").type))
    pq.write_table(table, output, write_statistics=False)
    set_text(output, 5, "")
    set_text(output, 7, "sure, 94107")
    assert [(row, entity) for row, entity, _ in residuals(output, anonymizer)] == [(7, "ZIP_CODE")]


def test_without_conversation_ids_text_is_scanned_cell_by_cell_and_the_report_says_so(
    output: Path, anonymizer: Anonymizer
) -> None:
    table = pq.read_table(output)
    pq.write_table(table.drop_columns(["conversation_id"]), output, write_statistics=False)
    set_text(output, 1, "write to jane.doe@mailbox.org")
    report = verify_dataset(output, anonymizer, None)
    assert report.files_by_context == {"per_cell": 1}
    assert len(report.notes) == 1 and "no conversation_id column" in report.notes[0]
    assert any("cell by cell" in line for line in report.summary_lines())
    assert (1, "EMAIL_ADDRESS") in [(f.row, f.entity_type) for f in report.findings if f.kind == "residual_pii"]
    assert report.to_dict()["files_by_context"] == {"per_cell": 1}


def test_hashed_conversation_ids_still_group_the_rows(tmp_path: Path, detector: Detector) -> None:
    policy = Policy.from_yaml(POLICY_YAML.replace("fields:\n", "fields:\n  conversation_id: {operator: hash}\n"))
    anonymizer = Anonymizer(policy, OLD, detector=detector)
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(m) + "\n" for m in MESSAGES), encoding="utf-8")
    assert runner.run([src], tmp_path / "out", anonymizer).ok
    written = rows(tmp_path / "out" / "in.parquet")
    assert written[0]["conversation_id"] != "c1" and written[0]["conversation_id"] == written[3]["conversation_id"]
    report = verify_dataset(tmp_path / "out", anonymizer, None)
    assert report.ok, report.summary_lines()


def test_a_kept_entity_type_is_not_a_residual(output: Path, anonymizer: Anonymizer, detector: Detector) -> None:
    keeps_phones = Anonymizer(
        Policy.from_yaml(POLICY_YAML.replace("PHONE_NUMBER:  {operator: mask, keep_last: 4}",
                                             "PHONE_NUMBER:  {operator: keep}")),
        OLD, detector=detector, require_keys=False,
    )
    set_text(output, 1, "I'm <PERSON_1>, you can reach me at 415-555-0123")
    assert residuals(output, keeps_phones) == []
    assert [(row, entity) for row, entity, _ in residuals(output, anonymizer)] == [(1, "PHONE_NUMBER")]
