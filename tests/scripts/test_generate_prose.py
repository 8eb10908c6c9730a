"""Tests for scripts/generate_prose.py and the prose evaluation set it wrote (data/eval/prose/)."""

from __future__ import annotations

import hashlib
import importlib.util
import itertools
import json
import os
import random
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "generate_prose.py"
OUT_DIR = ROOT / "data" / "eval" / "prose"
README = OUT_DIR / "README.md"
FILES = ("dev.jsonl", "dev.gold.jsonl", "test.jsonl", "test.gold.jsonl")

# The committed files were generated with this Faker and this command; other Faker versions draw other values.
FAKER_VERSION = "40.63.0"
ARGS = ["--seed", "2026", "--count", "700"]
COMMAND = "python scripts/generate_prose.py --seed 2026 --count 700 --out-dir data/eval/prose"

ENTITY_TYPES = {
    "PERSON", "LOCATION", "STREET_ADDRESS", "ZIP_CODE", "PHONE_NUMBER", "EMAIL_ADDRESS", "CREDIT_CARD", "US_SSN",
    "IBAN_CODE", "IP_ADDRESS", "URL", "DATE_OF_BIRTH", "NRP", "USERNAME", "ACCOUNT_ID", "ORDER_ID", "PASSWORD",
}  # fmt: skip
RECORD_KEYS = ["conversation_id", "message_id", "turn", "speaker", "timestamp", "text", "template_id"]
GOLD_KEYS = ["message_id", "start", "end", "entity_type", "value"]


@pytest.fixture(scope="module")
def gen() -> Iterator[ModuleType]:
    spec = importlib.util.spec_from_file_location("generate_prose", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate_prose"] = module  # dataclasses look their module up while the class is created
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop("generate_prose", None)


def _read(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def _split_of(template_id: str) -> str:
    return "test" if hashlib.sha256(f"prose-template:{template_id}".encode()).digest()[0] < 128 else "dev"


def _faker_matches() -> None:
    faker = pytest.importorskip("faker")
    if faker.VERSION != FAKER_VERSION:
        pytest.skip(f"committed data was generated with Faker {FAKER_VERSION}, this is {faker.VERSION}")


def test_regenerating_gives_the_committed_bytes(gen: ModuleType, tmp_path: Path) -> None:
    _faker_matches()
    assert gen.main([*ARGS, "--out-dir", str(tmp_path)]) == 0
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (OUT_DIR / name).read_bytes(), name


def test_output_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    _faker_matches()
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, str(SCRIPT), *ARGS, "--out-dir", str(tmp_path)], check=True, env=env, cwd=ROOT)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (OUT_DIR / name).read_bytes(), name


def test_readme_documents_the_command_and_faker_version() -> None:
    text = README.read_text(encoding="utf-8")
    assert COMMAND in text
    assert f"Faker {FAKER_VERSION}" in text


@pytest.mark.parametrize("split", ["dev", "test"])
def test_committed_records_and_gold_are_well_formed(split: str) -> None:
    records = _read(OUT_DIR / f"{split}.jsonl")
    gold = _read(OUT_DIR / f"{split}.gold.jsonl")
    assert len(records) == 700
    texts: dict[str, str] = {}
    for r in records:
        assert list(r) == RECORD_KEYS
        assert re.fullmatch(r"pr2-\d{4}", r["message_id"])
        assert r["conversation_id"] == r["message_id"]
        assert r["turn"] == 0 and r["speaker"] == "customer" and r["timestamp"] == "2026-03-01T12:00:00Z"
        assert r["text"] and r["text"] == r["text"].strip()
        assert _split_of(r["template_id"]) == split
        assert r["message_id"] not in texts
        texts[r["message_id"]] = r["text"]
    by_message: dict[str, list[tuple[int, int]]] = {}
    for g in gold:
        assert list(g) == GOLD_KEYS
        assert g["entity_type"] in ENTITY_TYPES
        text = texts[g["message_id"]]
        assert 0 <= g["start"] < g["end"] <= len(text)
        assert text[g["start"] : g["end"]] == g["value"]
        assert g["value"] == g["value"].strip()
        by_message.setdefault(g["message_id"], []).append((g["start"], g["end"]))
    for spans in by_message.values():
        spans.sort()
        for (_s1, e1), (s2, _e2) in itertools.pairwise(spans):
            assert e1 <= s2, "gold spans overlap"


def test_dev_and_test_share_no_template_and_cover_every_type() -> None:
    dev = {r["template_id"] for r in _read(OUT_DIR / "dev.jsonl")}
    test = {r["template_id"] for r in _read(OUT_DIR / "test.jsonl")}
    assert dev and test and not dev & test
    for split in ("dev", "test"):
        types = Counter(g["entity_type"] for g in _read(OUT_DIR / f"{split}.gold.jsonl"))
        assert set(types) == ENTITY_TYPES, split
        assert min(types.values()) >= 15, (split, types)


def test_every_template_is_used_and_split_by_its_hash(gen: ModuleType) -> None:
    templates = gen.parse_templates()
    ids = [t.id for t in templates]
    assert len(ids) == len(set(ids))
    used = {r["template_id"] for split in ("dev", "test") for r in _read(OUT_DIR / f"{split}.jsonl")}
    assert used == set(ids)
    for t in templates:
        assert t.split == _split_of(t.id)
    share = sum(t.split == "test" for t in templates) / len(templates)
    assert 0.35 < share < 0.65


def test_readme_counts_match_the_committed_files() -> None:
    text = README.read_text(encoding="utf-8")
    for entity in sorted(ENTITY_TYPES):
        row = re.search(rf"^\| `{entity}` \| (\d+) \| (\d+) \|$", text, re.M)
        assert row, entity
        for split, written in zip(("dev", "test"), row.groups(), strict=True):
            n = sum(g["entity_type"] == entity for g in _read(OUT_DIR / f"{split}.gold.jsonl"))
            assert int(written) == n, (entity, split)


def test_render_records_offsets_for_lower_cased_and_gendered_templates(gen: ModuleType) -> None:
    fakers = gen.Fakers(1)
    rng = random.Random(0)
    t = gen.Template("x-1", "Dear {fullF}, {first2M} moved to {country}; pw {pw}.", lower=True)
    text, spans = gen.render(t, gen.Sentence(fakers, rng, {}))
    assert text == text.lower()
    assert [e for _s, _e, e in spans] == ["PERSON", "PERSON", "LOCATION", "PASSWORD"]
    for start, end, _e in spans:
        assert text[start:end] and not text[start:end].startswith("the ")
