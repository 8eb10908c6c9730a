"""scripts/convert_presidio_research.py: explicit type map, dates of birth kept, held-out templates, reproducible files."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "convert_presidio_research.py"
SOURCE = ROOT.parent / "shared" / "eval" / "synth_dataset_v2.json"
CONVERTED = ROOT / "data" / "eval" / "presidio_research"


@pytest.fixture(scope="module")
def converter() -> ModuleType:
    spec = importlib.util.spec_from_file_location("convert_presidio_research", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def item(text: str, spans: list[tuple[str, str]], template_id: int = 1) -> dict[str, Any]:
    out = []
    for entity_type, value in spans:
        start = text.index(value)
        out.append({"entity_type": entity_type, "entity_value": value, "start_position": start, "end_position": start + len(value)})
    return {"full_text": text, "spans": out, "template_id": template_id, "masked": None, "metadata": None}


def test_types_are_mapped_explicitly_and_non_pii_types_are_dropped(converter: ModuleType) -> None:
    text = "Dr. Ann Lee of Acme, 34, moved to Oslo on Monday; she was born on 2/8/1935, site https://ann.example"
    source = item(
        text,
        [("TITLE", "Dr."), ("PERSON", "Ann Lee"), ("ORGANIZATION", "Acme"), ("AGE", "34"), ("GPE", "Oslo"),
         ("DATE_TIME", "Monday"), ("DATE_TIME", "2/8/1935"), ("DOMAIN_NAME", "https://ann.example")],
    )
    splits = converter.convert([source])
    records, gold = splits[converter.split_of(1)]
    assert records == [{"conversation_id": "pr-0000", "message_id": "pr-0000", "turn": 0, "text": text, "template_id": 1}]
    assert [(g["entity_type"], g["value"]) for g in gold] == [
        ("PERSON", "Ann Lee"), ("LOCATION", "Oslo"), ("DATE_OF_BIRTH", "2/8/1935"), ("URL", "https://ann.example")
    ]


def test_an_unmapped_entity_type_stops_the_conversion(converter: ModuleType) -> None:
    with pytest.raises(ValueError, match="unmapped"):
        converter.convert([item("call 555", [("NEW_THING", "555")])])


def test_gold_spans_never_start_or_end_on_whitespace(converter: ModuleType) -> None:
    source = item("at  9 Elm St \n now", [("STREET_ADDRESS", " 9 Elm St \n")])
    (gold,) = converter.convert([source])[converter.split_of(1)][1]
    assert gold["value"] == "9 Elm St"


def test_split_holds_out_whole_templates_deterministically(converter: ModuleType) -> None:
    items = [item(f"text {i}", [], template_id=i % 50) for i in range(200)]
    splits = converter.convert(items)
    by_template: dict[int, set[str]] = {}
    for name, (records, _) in splits.items():
        for record in records:
            by_template.setdefault(record["template_id"], set()).add(name)
    assert all(len(names) == 1 for names in by_template.values())
    assert 0 < len(splits["test"][0]) < 200
    assert converter.convert(items) == splits


@pytest.mark.skipif(not SOURCE.exists(), reason="the presidio-research source file is not next to the repository")
def test_committed_files_are_what_the_converter_writes(converter: ModuleType, tmp_path: Path) -> None:
    assert converter.main([str(SOURCE), "--out-dir", str(tmp_path)]) == 0
    for name in ("dev.jsonl", "dev.gold.jsonl", "test.jsonl", "test.gold.jsonl"):
        assert (tmp_path / name).read_bytes() == (CONVERTED / name).read_bytes(), name
    assert (CONVERTED / "LICENSE").read_text(encoding="utf-8").strip().startswith("MIT License")


def test_committed_gold_spans_hold_their_values() -> None:
    for split in ("dev", "test"):
        texts = {}
        for line in (CONVERTED / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            texts[record["message_id"]] = record["text"]
        for line in (CONVERTED / f"{split}.gold.jsonl").read_text(encoding="utf-8").splitlines():
            gold = json.loads(line)
            assert texts[gold["message_id"]][gold["start"] : gold["end"]] == gold["value"]
