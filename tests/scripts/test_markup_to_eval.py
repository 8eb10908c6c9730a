"""scripts/markup_to_eval.py: offsets round-trip, speaker mapping, multi-line values, located errors, committed files."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "markup_to_eval.py"
HANDWRITTEN = ROOT / "data" / "eval" / "handwritten"
SETS = [HANDWRITTEN, ROOT / "data" / "eval" / "handwritten2", ROOT / "data" / "eval" / "handwritten3"]


@pytest.fixture(scope="module")
def conv() -> ModuleType:
    spec = importlib.util.spec_from_file_location("markup_to_eval", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


MARKUP = """# comment
=== conv 2 [banking]
bot: Hi, I'm Max, the assistant.
customer: I'm [[PERSON:Ngozi Okafor]], card ending [[PARTIAL_ID:4417]]
agent: Thanks [[PERSON:Ngozi]], what's the zip?
customer: [[ZIP_CODE:60614]]

=== conv 3 [llm-assistant]
user: my address: [[STREET_ADDRESS:22 Wren Close\\nLeeds LS6 2AB]] \\[not a marker\\]
assistant: Noted.
| Pasted: {"dob": "[[DATE_OF_BIRTH:1990-02-11]]",
|  "email": "[[EMAIL_ADDRESS:ana@
| example.org]]"}
system: path C:\\\\temp
"""


def test_offsets_round_trip_and_splits_by_parity(conv: ModuleType) -> None:
    splits = conv.convert(MARKUP)
    dev_messages, dev_gold = splits["dev"]
    test_messages, test_gold = splits["test"]
    assert {m["conversation_id"] for m in dev_messages} == {"hw-002"}
    assert {m["conversation_id"] for m in test_messages} == {"hw-003"}
    texts = {m["message_id"]: m["text"] for m in dev_messages + test_messages}
    for g in dev_gold + test_gold:
        assert texts[g["message_id"]][g["start"] : g["end"]] == g["value"]
    assert [(g["entity_type"], g["value"]) for g in dev_gold] == [
        ("PERSON", "Ngozi Okafor"),
        ("PARTIAL_ID", "4417"),
        ("PERSON", "Ngozi"),
        ("ZIP_CODE", "60614"),
    ]
    assert texts["hw-002-01"] == "I'm Ngozi Okafor, card ending 4417"
    assert texts["hw-002-00"] == "Hi, I'm Max, the assistant."  # a bot name is plain text, no span
    assert "[[" not in "".join(texts.values())


def test_canonical_fields_and_speaker_mapping(conv: ModuleType) -> None:
    splits = conv.convert(MARKUP)
    messages = splits["dev"][0] + splits["test"][0]
    assert [m["speaker"] for m in messages] == ["bot", "customer", "agent", "customer", "customer", "bot", "system"]
    assert [m["turn"] for m in messages] == [0, 1, 2, 3, 0, 1, 2]
    assert [m["message_id"] for m in messages[:2]] == ["hw-002-00", "hw-002-01"]
    assert {m["domain"] for m in messages} == {"banking", "llm-assistant"}
    for m in messages:
        assert set(m) == {"conversation_id", "message_id", "turn", "speaker", "timestamp", "text", "domain"}
    stamps = [m["timestamp"] for m in messages[:4]]
    assert stamps == sorted(stamps) and len(set(stamps)) == 4 and stamps[0].endswith("Z")


def test_multi_line_values_escapes_and_continuations(conv: ModuleType) -> None:
    _, gold = conv.convert(MARKUP)["test"]
    messages = conv.convert(MARKUP)["test"][0]
    values = {g["entity_type"]: g["value"] for g in gold}
    assert values["STREET_ADDRESS"] == "22 Wren Close\nLeeds LS6 2AB"
    assert values["EMAIL_ADDRESS"] == "ana@\nexample.org"  # a marker may run over a continuation line
    assert messages[0]["text"] == "my address: 22 Wren Close\nLeeds LS6 2AB [not a marker]"
    assert messages[1]["text"].startswith("Noted.\nPasted: {")
    assert messages[2]["text"] == "path C:\\temp"


@pytest.mark.parametrize(
    ("markup", "line", "message"),
    [
        ("=== conv 1\ncustomer: hi [[PERSON:Ann\n", 2, "unclosed PERSON marker"),
        ("=== conv 1\ncustomer: ok\ncustomer: [[NAME:Ann]]\n", 3, "unknown entity type 'NAME'"),
        ("=== conv 1\nclient: hello\n", 2, "unknown speaker 'client'"),
        ("=== conv 1\ncustomer: ok\nthis line has no speaker\n", 3, "expected '<speaker>: <text>'"),
        ("customer: hi\n", 1, "turn before the first"),
        ("=== conv 1\ncustomer: a\n=== conv 1\ncustomer: b\n", 3, "already started on line 1"),
        ("=== conv 1\ncustomer: [[PERSON: Ann]]\n", 2, "starts or ends with whitespace"),
        ("=== conv 1\ncustomer: [[PERSON:A [[ZIP_CODE:1]]]]\n", 2, "marker inside the PERSON marker"),
        ("=== conv 1\ncustomer: C:\\users\n", 2, "unknown escape"),
        ("=== conv 1\ncustomer: a]]\n", 2, "without an open marker"),
        ("=== conv 1\ncustomer: a\n| [[PERSON:B\n", 3, "unclosed PERSON marker"),
        ("=== conv 1\ncustomer: a\n| b [[ZIP:1]]\n", 3, "unknown entity type 'ZIP'"),
        ("=== conversation 1\n", 1, "bad conversation header"),
        ("=== conv 1\n=== conv 2\ncustomer: a\n", 1, "has no turns"),
    ],
)
def test_malformed_markup_names_the_line(conv: ModuleType, markup: str, line: int, message: str) -> None:
    with pytest.raises(conv.MarkupError) as info:
        conv.convert(markup, "chats.markup")
    assert str(info.value).startswith(f"chats.markup:{line}: ")
    assert message in str(info.value)


def test_cli_reports_the_error_and_exits_2(
    conv: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.markup"
    bad.write_text("=== conv 1\ncustomer: fine\ncustomer: [[EMAIL:x@y.z]]\n", encoding="utf-8")
    assert conv.main([str(bad), "--out-dir", str(tmp_path / "out")]) == 2
    assert f"{bad}:3: unknown entity type 'EMAIL'" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("folder", SETS, ids=lambda p: p.name)
def test_committed_files_are_what_the_markup_converts_to(conv: ModuleType, tmp_path: Path, folder: Path) -> None:
    assert conv.main([str(folder / "chats.markup"), "--out-dir", str(tmp_path)]) == 0
    for name in ("dev.jsonl", "dev.gold.jsonl", "test.jsonl", "test.gold.jsonl"):
        assert (tmp_path / name).read_bytes() == (folder / name).read_bytes(), name
    for split in ("dev", "test"):
        texts = {}
        for line in (folder / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            texts[record["message_id"]] = record["text"]
        for line in (folder / f"{split}.gold.jsonl").read_text(encoding="utf-8").splitlines():
            g = json.loads(line)
            assert texts[g["message_id"]][g["start"] : g["end"]] == g["value"]
            assert g["entity_type"] in conv.ENTITY_TYPES
