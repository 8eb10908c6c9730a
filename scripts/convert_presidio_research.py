"""Convert presidio-research's synth_dataset_v2.json into canonical JSONL messages and gold spans, split dev/test.

Each of the 1,500 items becomes one message in its own conversation (`conversation_id` = `message_id` =
`pr-NNNN`, its position in the source file), so no conversation context links two items. Its entity names
are mapped to ours by ENTITY_MAP below; the types we do not treat as PII are dropped from the gold, so a
finding on them counts as a false positive.

The split holds out whole templates: an item goes to `test` when the SHA-256 of SPLIT_SALT and its
`template_id` falls in the lowest TEST_PERCENT percent, else to `dev`. Tune on dev; report test. The split
depends only on the template id, so it does not change when the source order changes.

Example:
    python scripts/convert_presidio_research.py ../shared/eval/synth_dataset_v2.json \\
        --out-dir data/eval/presidio_research
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

TEST_PERCENT = 40
# The first salt (trying 0, 1, 2, ...) that puts every entity type drawn from two or more templates on both
# sides of the split; chosen from template ids and types only, before any detector was scored on either side.
# US_DRIVER_LICENSE comes from one template, so it can only be in one split (dev).
SPLIT_SALT = "6"

# presidio-research entity -> ours; None = not PII for this project (dropped from the gold).
ENTITY_MAP: dict[str, str | None] = {
    "PERSON": "PERSON",
    "STREET_ADDRESS": "STREET_ADDRESS",  # whole postal address (street, city, state, zip, country)
    "GPE": "LOCATION",  # city, state, country on its own: spaCy's GPE, Presidio's LOCATION
    "ZIP_CODE": "ZIP_CODE",
    "CREDIT_CARD": "CREDIT_CARD",
    "PHONE_NUMBER": "PHONE_NUMBER",
    "EMAIL_ADDRESS": "EMAIL_ADDRESS",
    "IBAN_CODE": "IBAN_CODE",
    "US_SSN": "US_SSN",
    "IP_ADDRESS": "IP_ADDRESS",
    "US_DRIVER_LICENSE": "US_DRIVER_LICENSE",
    "DOMAIN_NAME": "URL",  # personal web sites ("My website is https://...") in this set
    # Nationality, religious or political group: Presidio reports it and so does our detector (spaCy NORP);
    # it is special-category data under GDPR art. 9 even when it names no one.
    "NRP": "NRP",
    # A date is not PII by itself ("Thursday", "2014"); dates of birth are, see DOB_CUE.
    "DATE_TIME": None,
    "ORGANIZATION": None,  # companies are not people; the policy allow-lists them, the detector ignores ORG
    "TITLE": None,  # job titles and honorifics ("nurse", "Mr.")
    "AGE": None,  # a quasi-identifier, not detected by design
}

# A DATE_TIME span right after one of these cues (same sentence, at most 40 characters before) is a date of
# birth ("She was born on 2/8/1935", "your date of birth. It's 6/24/1991") and is kept as DATE_OF_BIRTH.
DOB_CUE = re.compile(r"\b(?:born|birth|dob|birthday)\b[^.!?\n]{0,25}(?:[.!?]\s*it'?s\s*)?$", re.IGNORECASE)


def split_of(template_id: Any) -> str:
    digest = hashlib.sha256(f"presidio-research-template:{SPLIT_SALT}:{template_id}".encode()).digest()
    return "test" if int.from_bytes(digest[:4], "big") % 100 < TEST_PERCENT else "dev"


def target_type(item: dict[str, Any], span: dict[str, Any]) -> str | None:
    source = span["entity_type"]
    if source not in ENTITY_MAP:
        raise ValueError(f"unmapped presidio-research entity type {source!r}: add it to ENTITY_MAP")
    if source == "DATE_TIME":
        before = item["full_text"][max(0, span["start_position"] - 40) : span["start_position"]]
        return "DATE_OF_BIRTH" if DOB_CUE.search(before) else None
    return ENTITY_MAP[source]


def convert(items: Sequence[dict[str, Any]]) -> dict[str, tuple[list[dict[str, Any]], list[dict[str, Any]]]]:
    """Records and gold spans per split, in source order."""
    out: dict[str, tuple[list[dict[str, Any]], list[dict[str, Any]]]] = {"dev": ([], []), "test": ([], [])}
    for index, item in enumerate(items):
        text = item["full_text"]
        message_id = f"pr-{index:04d}"
        records, gold = out[split_of(item["template_id"])]
        records.append(
            {
                "conversation_id": message_id,
                "message_id": message_id,
                "turn": 0,
                "text": text,
                "template_id": item["template_id"],
            }
        )
        for span in sorted(item["spans"], key=lambda s: (s["start_position"], s["end_position"])):
            start, end = span["start_position"], span["end_position"]
            if text[start:end] != span["entity_value"]:
                raise ValueError(f"item {index}: span {start}-{end} does not hold its entity_value")
            entity_type = target_type(item, span)
            if entity_type is None:
                continue
            # Gold never starts or ends on whitespace: exact matching compares trimmed spans anyway.
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            gold.append(
                {
                    "message_id": message_id,
                    "start": start,
                    "end": end,
                    "entity_type": entity_type,
                    "source_type": span["entity_type"],
                    "value": text[start:end],
                }
            )
    return out


def _write_jsonl(path: Path, rows: Sequence[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="synth_dataset_v2.json from presidio-research")
    parser.add_argument("--out-dir", type=Path, default=Path("data/eval/presidio_research"))
    args = parser.parse_args(argv)
    items = json.loads(args.source.read_text(encoding="utf-8"))
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for split, (records, gold) in convert(items).items():
        _write_jsonl(args.out_dir / f"{split}.jsonl", records)
        _write_jsonl(args.out_dir / f"{split}.gold.jsonl", gold)
        counts = Counter(g["entity_type"] for g in gold)
        templates = len({r["template_id"] for r in records})
        print(f"{split}: {len(records)} messages from {templates} templates, {len(gold)} gold spans", file=sys.stderr)
        print("  " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
