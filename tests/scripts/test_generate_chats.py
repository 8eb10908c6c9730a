"""Tests for scripts/generate_chats.py and the transcript files it produced (samples and evaluation sets)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import itertools
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "generate_chats.py"
EVAL_README = ROOT / "data" / "eval" / "README.md"

# The committed files were generated with this Faker; other versions draw different names and streets.
FAKER_VERSION = "40.63.0"

# Each committed file and the exact command documented for it (also checked against data/eval/README.md).
COMMITTED: dict[str, list[str]] = {
    "sample": ["--seed", "1", "--conversations", "80", "--split", "all",
               "--out", "data/samples/transcripts.jsonl", "--gold", "data/samples/transcripts.gold.jsonl"],
    "dev": ["--seed", "2", "--conversations", "400", "--split", "dev",
            "--out", "data/eval/chat_dev.jsonl", "--gold", "data/eval/chat_dev.gold.jsonl"],
    "test": ["--seed", "3", "--conversations", "400", "--split", "test",
             "--out", "data/eval/chat_test.jsonl", "--gold", "data/eval/chat_test.gold.jsonl"],
}  # fmt: skip
MAX_FILE_BYTES = 3 * 1024 * 1024
RECORD_FIELDS = {
    "conversation_id", "message_id", "turn", "speaker", "timestamp", "text", "user_id", "user_name", "user_email",
    "user_phone", "ip_address", "channel",
}  # fmt: skip
CONVERSATION_FIELDS = ("user_id", "user_name", "user_email", "user_phone", "ip_address", "channel")


def _arg(argv: list[str], flag: str) -> str:
    return argv[argv.index(flag) + 1]


@pytest.fixture(scope="module")
def gen() -> Iterator[ModuleType]:
    """The generator script, imported as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("generate_chats", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate_chats"] = module  # dataclasses look their module up while the class is created
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop("generate_chats", None)


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def _load(name: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    argv = COMMITTED[name]
    return _read_jsonl(ROOT / _arg(argv, "--out")), _read_jsonl(ROOT / _arg(argv, "--gold"))


def _generated(gen: ModuleType, seed: int, n: int, split: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    records: list[dict[str, Any]] = []
    spans: list[dict[str, Any]] = []
    for record, record_spans in gen.generate(seed, n, split):
        records.append(record)
        spans.extend(record_spans)
    return records, spans


def assert_well_formed(gen: ModuleType, records: list[dict[str, Any]], spans: list[dict[str, Any]]) -> None:
    """Every invariant a consumer of a transcript file and its gold file relies on."""
    texts: dict[str, str] = {}
    for r in records:
        assert set(r) == RECORD_FIELDS, r["message_id"]
        assert r["message_id"] not in texts, f"duplicate message_id {r['message_id']}"
        texts[r["message_id"]] = r["text"]
        assert r["speaker"] in gen.SPEAKERS
        assert r["channel"] in gen.CHANNELS
        assert r["text"], r["message_id"]

    by_message: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for s in spans:
        assert set(s) == {"message_id", "start", "end", "entity_type", "value"}, s
        assert s["entity_type"] in gen.ENTITY_TYPES, s
        assert s["message_id"] in texts, s
        text = texts[s["message_id"]]
        assert 0 <= s["start"] < s["end"] <= len(text), s
        assert text[s["start"] : s["end"]] == s["value"], s
        assert s["value"] == s["value"].strip(), f"span has surrounding whitespace: {s}"
        by_message[s["message_id"]].append(s)
    for message_id, message_spans in by_message.items():
        ordered = sorted(message_spans, key=lambda s: s["start"])
        for a, b in itertools.pairwise(ordered):
            assert a["end"] <= b["start"], f"overlapping spans in {message_id}: {a} {b}"

    conversations: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        conversations[r["conversation_id"]].append(r)
    for conversation_id, messages in conversations.items():
        assert gen.MIN_TURNS <= len(messages) <= gen.MAX_TURNS, conversation_id
        assert [m["turn"] for m in messages] == list(range(len(messages))), conversation_id
        assert all(m["message_id"].startswith(conversation_id + "-") for m in messages)
        stamps = [dt.datetime.strptime(m["timestamp"], "%Y-%m-%dT%H:%M:%SZ") for m in messages]
        assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps), conversation_id
        assert all(s.year == 2026 for s in stamps)
        for field in CONVERSATION_FIELDS:
            assert len({m[field] for m in messages}) == 1, (conversation_id, field)


# --------------------------------------------------------------------------------------------------------------
# The generator


def test_same_seed_gives_identical_output(gen: ModuleType) -> None:
    assert _generated(gen, 7, 15, "all") == _generated(gen, 7, 15, "all")


def test_different_seeds_give_different_output(gen: ModuleType) -> None:
    assert _generated(gen, 7, 5, "all")[0] != _generated(gen, 8, 5, "all")[0]


def test_cli_writes_the_same_bytes_as_generate(gen: ModuleType, tmp_path: Path) -> None:
    out, gold = tmp_path / "t.jsonl", tmp_path / "t.gold.jsonl"
    assert gen.main(["--seed", "11", "--conversations", "6", "--out", str(out), "--gold", str(gold)]) == 0
    records, spans = _generated(gen, 11, 6, "all")
    assert _read_jsonl(out) == records
    assert _read_jsonl(gold) == spans


@pytest.mark.parametrize("split", ["all", "dev", "test"])
def test_generated_gold_spans_are_exact_for_every_split(gen: ModuleType, split: str) -> None:
    records, spans = _generated(gen, 21, 60, split)
    assert_well_formed(gen, records, spans)
    assert spans


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**32 - 1), split=st.sampled_from(["all", "dev", "test"]))
def test_any_seed_yields_well_formed_transcripts_and_gold(gen: ModuleType, seed: int, split: str) -> None:
    assert_well_formed(gen, *_generated(gen, seed, 4, split))


def test_split_rejects_unknown_names(gen: ModuleType) -> None:
    with pytest.raises(ValueError, match="split"):
        next(gen.generate(1, 1, "train"))


def test_at_least_30_percent_of_templates_and_formats_are_held_out(gen: ModuleType) -> None:
    variants = gen.all_variants()
    templates = [v for v in variants if isinstance(v, gen.Template)]
    assert sum(v.held_out for v in variants) / len(variants) >= 0.30
    assert sum(v.held_out for v in templates) / len(templates) >= 0.30
    assert len({v.id for v in variants}) == len(variants), "variant ids must be unique"


def test_every_intent_and_format_group_has_a_shared_variant(gen: ModuleType) -> None:
    """Otherwise the dev split could not render that turn or value at all."""
    for intent, templates in gen.TEMPLATES.items():
        assert any(not t.held_out for t in templates), intent
    for group, formats in gen.FORMAT_GROUPS.items():
        assert any(not f.held_out for f in formats), group


def _used_variant_ids(gen: ModuleType, monkeypatch: pytest.MonkeyPatch, seed: int, n: int, split: str) -> set[str]:
    used: set[str] = set()
    real_pick = gen.pick

    def recording_pick(variants: Any, split_: str, rng: Any) -> Any:
        chosen = real_pick(variants, split_, rng)
        used.add(chosen.id)
        return chosen

    monkeypatch.setattr(gen, "pick", recording_pick)
    for _ in gen.generate(seed, n, split):
        pass
    return used


def test_dev_split_never_uses_a_held_out_template_or_format(gen: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    held_out = {v.id for v in gen.all_variants() if v.held_out}
    used = _used_variant_ids(gen, monkeypatch, 2, 150, "dev")
    assert used
    assert not used & held_out


def test_test_split_uses_held_out_templates_and_formats(gen: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    held_out = {v.id for v in gen.all_variants() if v.held_out}
    used = _used_variant_ids(gen, monkeypatch, 3, 150, "test")
    assert len(used & held_out) >= 0.5 * len(held_out)


def test_luhn_and_iban_checksums_are_computed_correctly(gen: ModuleType) -> None:
    assert gen.luhn_valid("4111 1111 1111 1111")
    assert not gen.luhn_valid("4111 1111 1111 1112")
    assert gen.iban_valid("GB82 WEST 1234 5698 7654 32")  # the ECBS example IBAN
    assert gen.iban_with_checksum("GB", "WEST12345698765432") == "GB82WEST12345698765432"
    assert gen.iban_with_checksum("DE", "370400440532013000") == "DE89370400440532013000"


def test_ipv6_compression_follows_rfc5952(gen: ModuleType) -> None:
    assert gen.ipv6_compressed([0x2001, 0xDB8, 0, 0, 1, 0, 0, 1]) == "2001:db8::1:0:0:1"
    assert gen.ipv6_compressed([0x2001, 0xDB8, 0, 0, 0, 0, 2, 1]) == "2001:db8::2:1"
    assert gen.ipv6_compressed([0x2001, 0xDB8, 0, 1, 1, 1, 1, 1]) == "2001:db8:0:1:1:1:1:1"


# --------------------------------------------------------------------------------------------------------------
# The committed files


@pytest.mark.parametrize("name", sorted(COMMITTED))
def test_committed_file_is_well_formed(gen: ModuleType, name: str) -> None:
    assert_well_formed(gen, *_load(name))


@pytest.mark.parametrize("name", sorted(COMMITTED))
def test_committed_file_matches_its_documented_command(gen: ModuleType, name: str, tmp_path: Path) -> None:
    import faker

    if faker.VERSION != FAKER_VERSION:
        pytest.skip(f"committed data was generated with Faker {FAKER_VERSION}, this is {faker.VERSION}")
    argv = list(COMMITTED[name])
    committed_out, committed_gold = ROOT / _arg(argv, "--out"), ROOT / _arg(argv, "--gold")
    argv[argv.index("--out") + 1] = str(tmp_path / "out.jsonl")
    argv[argv.index("--gold") + 1] = str(tmp_path / "gold.jsonl")
    assert gen.main(argv) == 0
    assert (tmp_path / "out.jsonl").read_bytes() == committed_out.read_bytes(), f"regenerate {committed_out}"
    assert (tmp_path / "gold.jsonl").read_bytes() == committed_gold.read_bytes(), f"regenerate {committed_gold}"


@pytest.mark.parametrize("name", sorted(COMMITTED))
def test_eval_readme_documents_the_exact_command(name: str) -> None:
    readme = EVAL_README.read_text(encoding="utf-8")
    command = "python scripts/generate_chats.py " + " ".join(COMMITTED[name])
    assert command in readme
    assert FAKER_VERSION in readme


@pytest.mark.parametrize("name", sorted(COMMITTED))
def test_committed_files_stay_small(name: str) -> None:
    argv = COMMITTED[name]
    for flag in ("--out", "--gold"):
        assert (ROOT / _arg(argv, flag)).stat().st_size < MAX_FILE_BYTES


def test_sample_meets_the_size_minimums_and_covers_every_entity_type(gen: ModuleType) -> None:
    records, spans = _load("sample")
    assert len({r["conversation_id"] for r in records}) >= 45
    assert len(records) >= 320
    counts = Counter(s["entity_type"] for s in spans)
    assert set(counts) == set(gen.ENTITY_TYPES)
    assert set(Counter(r["speaker"] for r in records)) == set(gen.SPEAKERS)


@pytest.mark.parametrize("name", sorted(COMMITTED))
def test_about_a_third_of_messages_contain_pii(name: str) -> None:
    records, spans = _load(name)
    with_pii = {s["message_id"] for s in spans}
    assert 0.2 <= len(with_pii) / len(records) <= 0.45


@pytest.mark.parametrize("name", ["dev", "test"])
def test_eval_sets_have_enough_support_for_per_type_scores(gen: ModuleType, name: str) -> None:
    records, spans = _load(name)
    assert len({r["conversation_id"] for r in records}) == 400
    counts = Counter(s["entity_type"] for s in spans)
    assert min(counts[t] for t in gen.ENTITY_TYPES) >= 15, counts


def test_dev_and_test_sets_have_different_customers() -> None:
    dev_emails = {r["user_email"] for r in _load("dev")[0]}
    test_emails = {r["user_email"] for r in _load("test")[0]}
    assert len(dev_emails & test_emails) <= 0.01 * len(test_emails)


@pytest.mark.parametrize("name", sorted(COMMITTED))
def test_checksummed_values_in_gold_are_valid(gen: ModuleType, name: str) -> None:
    for s in _load(name)[1]:
        if s["entity_type"] == "CREDIT_CARD":
            assert gen.luhn_valid(s["value"]), s
        elif s["entity_type"] == "IBAN_CODE":
            assert gen.iban_valid(s["value"]), s
        elif s["entity_type"] == "US_SSN":
            digits = "".join(c for c in s["value"] if c.isdigit())
            assert len(digits) == 9 and digits[:3] not in ("000", "666") and digits[3:5] != "00", s


def test_eval_readme_counts_match_the_committed_files(gen: ModuleType) -> None:
    rows: dict[str, list[str]] = {}
    for line in EVAL_README.read_text(encoding="utf-8").splitlines():
        cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
        if len(cells) == 4:
            rows[cells[0]] = cells[1:]
    for column, name in enumerate(("sample", "dev", "test")):
        records, spans = _load(name)
        counts = Counter(s["entity_type"] for s in spans)
        assert rows["conversations"][column] == str(len({r["conversation_id"] for r in records}))
        assert rows["messages"][column] == str(len(records))
        assert rows["gold spans"][column] == str(len(spans))
        for entity_type in gen.ENTITY_TYPES:
            assert rows[entity_type][column] == str(counts[entity_type]), (name, entity_type)


@pytest.mark.parametrize("name", sorted(COMMITTED))
def test_a_user_id_always_names_the_same_customer(name: str) -> None:
    customers: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for r in _load(name)[0]:
        customers[r["user_id"]].add((r["user_name"], r["user_email"], r["user_phone"]))
    assert all(len(c) == 1 for c in customers.values())
    conversations_per_user = Counter(
        user_id for user_id, _c in {(r["user_id"], r["conversation_id"]) for r in _load(name)[0]}
    )
    assert max(conversations_per_user.values()) > 1, "some customers should come back"
