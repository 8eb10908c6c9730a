"""The orchestrator: detect, decide, transform, for a text, a record, a batch of records or a DataFrame.

`Anonymizer.anonymize_records` is the one code path every entry point uses (strings, dicts, polars, Arrow,
the CLI's streaming runner), so a notebook and a production run give the same output for the same policy
and keys.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from anonymizer.detect.conversation import Turn, link_conversation
from anonymizer.detect.findings import Finding, resolve_overlaps
from anonymizer.errors import DetectionError
from anonymizer.keys import KeyRing
from anonymizer.policy import Policy
from anonymizer.records import InvalidRecord
from anonymizer.transform.normalize import normalize
from anonymizer.transform.operators import Operator, Target, build_operator

if TYPE_CHECKING:
    import polars as pl
    import pyarrow as pa

    from anonymizer.detect.engine import Detector

PII_COUNT = "pii_count"
PII_TYPES = "pii_types"
SUMMARY_COLUMNS = (PII_COUNT, PII_TYPES)
UNANALYSED = "UNANALYSED"
UNANALYSED_PLACEHOLDER = "<UNANALYSED>"


@dataclass(slots=True)
class AnonymizedRecord:
    """One record's output row and what was found in it (positions refer to the *input* text)."""

    row: dict[str, Any]
    findings: dict[str, list[Finding]] = field(default_factory=dict)
    analysed: bool = True

    @property
    def entity_counts(self) -> Counter[str]:
        return Counter(f.entity_type for fs in self.findings.values() for f in fs)


class Anonymizer:
    """Applies a policy. Construction checks the keys the policy needs and the model, then loads it.

    >>> anon = Anonymizer(Policy.default())            # doctest: +SKIP
    >>> anon.anonymize_text("I'm John Smith, john@example.com")   # doctest: +SKIP
    "I'm <PERSON>, <EMAIL_ADDRESS>"
    """

    def __init__(
        self,
        policy: Policy | None = None,
        keys: KeyRing | None = None,
        *,
        detector: Detector | None = None,
        require_keys: bool = True,
        load_model: bool = True,
    ) -> None:
        self.policy = policy or Policy.default()
        self.keys = keys if keys is not None else KeyRing.load()
        region = self.policy.detection.default_region
        self._field_ops: dict[str, Operator] = {
            name: build_operator(spec, self.keys, region) for name, spec in self.policy.fields.items()
        }
        self._entity_ops: dict[str, Operator] = {}
        # Fail before any model loading or row reading when a needed key is missing. Detection-only use
        # (`scan`) passes require_keys=False and fails later only if it transforms.
        if require_keys:
            for spec in self.policy.operators():
                build_operator(spec, self.keys, region).validate()
        self._detector = detector
        if detector is None:
            from anonymizer.detect.engine import require_model

            require_model(self.policy.detection.model)
            if load_model:
                self._detector = self.detector
        self.output_fields = self.policy.output_fields()

    @property
    def detector(self) -> Detector:
        """The detector, loaded on first use when the Anonymizer was built with `load_model=False`
        (a process that only hands batches to worker processes never loads the model itself)."""
        if self._detector is None:
            from anonymizer.detect.engine import Detector

            self._detector = Detector(self.policy.detection)
        return self._detector

    # ---- decide ------------------------------------------------------------------------------------
    def _entity_op(self, entity_type: str) -> Operator:
        op = self._entity_ops.get(entity_type)
        if op is None:
            op = build_operator(
                self.policy.entity_operator(entity_type), self.keys, self.policy.detection.default_region
            )
            self._entity_ops[entity_type] = op
        return op

    def _is_kept(self, entity_type: str) -> bool:
        return self._entity_op(entity_type).operator_name == "keep"

    # ---- text --------------------------------------------------------------------------------------
    def detect(self, text: str) -> list[Finding]:
        """Findings in `text` (overlaps merged), in order."""
        return self.detect_batch([text])[0]

    def detect_batch(self, texts: Sequence[str]) -> list[list[Finding]]:
        """Findings for each text, each text on its own: a value found once is found at every repeat in
        that text, but no text lends context to another."""
        return self._detect_turns([Turn(text=t, conversation_id=None, speaker=None, field="text") for t in texts])

    def _detect_turns(self, turns: Sequence[Turn]) -> list[list[Finding]]:
        """Findings for each turn, using the other turns of its conversation (see detect/conversation.py)."""
        raw = self.detector.detect_batch([t.text for t in turns])
        linked = link_conversation(turns, raw, self.policy.detection)
        return [resolve_overlaps(fs, self._is_kept) for fs in linked]

    def transform_text(self, text: str, findings: Iterable[Finding], numbering: Numbering | None = None) -> str:
        """Apply the policy's operators to the (disjoint, sorted) findings of `text`.

        `numbering` is the conversation's value -> number map for numbered placeholders (`<PERSON_1>`); without
        one, each call numbers its own values.
        """
        numbering = numbering if numbering is not None else Numbering(self.policy.detection.default_region)
        pieces: list[str] = []
        cursor = 0
        for finding in findings:
            pieces.append(text[cursor : finding.start])
            op = self._entity_op(finding.entity_type)
            value = text[finding.start : finding.end]
            number = numbering.number(finding.entity_type, value) if op.numbered else None
            replacement = op.operate(value, Target(entity_type=finding.entity_type, number=number))
            pieces.append(replacement or "")
            cursor = finding.end
        pieces.append(text[cursor:])
        return "".join(pieces)

    def anonymize_text(self, text: str) -> str:
        """`text` with every finding transformed by the policy. Raises DetectionError if it cannot be analysed."""
        return self.transform_text(text, self.detect(text))

    # ---- records -----------------------------------------------------------------------------------
    def anonymize_record(self, record: Mapping[str, Any]) -> dict[str, Any]:
        """One record in, one output row out (with `pii_count` and `pii_types`)."""
        return self.anonymize_records([record])[0].row

    def anonymize_records(self, records: Sequence[Mapping[str, Any]]) -> list[AnonymizedRecord]:
        """The batch function behind every entry point. Records of one conversation should be in one batch.

        Fails closed: if a batch cannot be analysed, each record is retried alone, and a record that still
        fails gets every text field replaced by `<UNANALYSED>` (never its raw text).
        """
        turns: list[Turn] = []
        slots: list[tuple[int, str]] = []
        for index, record in enumerate(records):
            conversation = record.get("conversation_id")
            speaker = record.get("speaker")
            for name in self.policy.text_fields:
                value = record.get(name)
                if value is not None:
                    text = value if isinstance(value, str) else _as_text(value)
                    turns.append(
                        Turn(
                            text=text,
                            conversation_id=None if conversation is None else str(conversation),
                            speaker=speaker if isinstance(speaker, str) else None,
                            field=name,
                        )
                    )
                    slots.append((index, name))
        detected: list[list[Finding] | None]
        try:
            detected = list(self._detect_turns(turns))
        except DetectionError:
            detected = []
            for turn in turns:
                try:
                    detected.append(self._detect_turns([turn])[0])
                except DetectionError:
                    detected.append(None)
        per_record: list[dict[str, list[Finding] | None]] = [{} for _ in records]
        for (index, name), findings in zip(slots, detected, strict=True):
            per_record[index][name] = findings
        # One numbering per conversation in this batch, so <PERSON_1> is the same person in every message.
        region = self.policy.detection.default_region
        numberings: dict[str, Numbering] = {}
        rows = []
        for record, found in zip(records, per_record, strict=True):
            conversation = record.get("conversation_id")
            numbering = (
                Numbering(region)
                if conversation is None
                else numberings.setdefault(str(conversation), Numbering(region))
            )
            rows.append(self._build_row(record, found, numbering))
        return rows

    def _build_row(
        self, record: Mapping[str, Any], found: dict[str, list[Finding] | None], numbering: Numbering | None = None
    ) -> AnonymizedRecord:
        analysed = all(f is not None for f in found.values())
        findings = {name: fs for name, fs in found.items() if fs is not None}
        row: dict[str, Any] = {}
        for name in self.output_fields:
            value = record.get(name)
            if name in self.policy.text_fields:
                if value is None:
                    row[name] = None
                elif not analysed:
                    row[name] = UNANALYSED_PLACEHOLDER
                else:
                    text = value if isinstance(value, str) else _as_text(value)
                    row[name] = self.transform_text(text, findings.get(name, []), numbering)
            elif name in self._field_ops:
                row[name] = (
                    None
                    if value is None
                    else self._field_ops[name].operate(_as_text(value), Target(entity_type=None, field=name))
                )
            else:
                row[name] = value
        types = sorted({f.entity_type for fs in findings.values() for f in fs})
        row[PII_COUNT] = sum(len(fs) for fs in findings.values()) if analysed else None
        row[PII_TYPES] = types if analysed else [UNANALYSED]
        return AnonymizedRecord(row=row, findings=findings, analysed=analysed)

    # ---- frames ------------------------------------------------------------------------------------
    def anonymize_table(self, table: pa.Table | pa.RecordBatch) -> pa.Table:
        """An Arrow table of records in, the anonymized table out (output columns, then summary columns)."""
        import pyarrow as pa

        from anonymizer.records import output_schema, validate_record

        records = []
        for index, record in enumerate(table.to_pylist()):
            try:
                records.append(validate_record(record, self.policy))
            except InvalidRecord as exc:
                raise InvalidRecord(f"row {index}: {exc.reason}") from None
        rows = [r.row for r in self.anonymize_records(records)]
        return pa.Table.from_pylist(rows, schema=output_schema(self.policy))

    def anonymize_frame(self, frame: pl.DataFrame) -> pl.DataFrame:
        """A polars DataFrame of records in, the anonymized DataFrame out."""
        import polars as pl

        result = pl.from_arrow(self.anonymize_table(frame.to_arrow()))
        assert isinstance(result, pl.DataFrame)
        return result

    # ---- provenance --------------------------------------------------------------------------------
    def metadata(self) -> dict[str, str]:
        """What produced the output: safe to store in file metadata (ids and hashes, never keys)."""
        from anonymizer import __version__

        return {
            "chat_anonymizer.version": __version__,
            "chat_anonymizer.policy_sha256": self.policy.sha256(),
            "chat_anonymizer.model": self.policy.detection.model,
            "chat_anonymizer.hash_key_id": self.keys.hash_key_id or "",
            "chat_anonymizer.encryption_key_ids": ",".join(self.keys.encryption_key_ids),
        }


class Numbering:
    """Numbers for the distinct values of each entity type in one conversation, in order of appearance.

    Values are compared in their normalized form (the same as for hashing: e-mails lower-cased, phone
    numbers in E.164, identifiers without separators), so "Jane" and "jane" are one person. A PERSON given
    by one part of a name already numbered ("Jane" after "Jane Doe", or the reverse) gets that name's
    number when exactly one numbered name has that part.
    """

    def __init__(self, region: str = "US") -> None:
        self.region = region
        self._numbers: dict[tuple[str, str], int] = {}
        self._counts: Counter[str] = Counter()

    def number(self, entity_type: str, value: str) -> int:
        canonical = normalize(value, entity_type, self.region)
        key = (entity_type, canonical)
        found = self._numbers.get(key)
        if found is None and entity_type == "PERSON":
            found = self._name_part_match(canonical)
        if found is None:
            self._counts[entity_type] += 1
            found = self._counts[entity_type]
        self._numbers[key] = found
        return found

    def _name_part_match(self, name: str) -> int | None:
        parts = set(name.split())
        candidates = {
            number
            for (entity_type, known), number in self._numbers.items()
            if entity_type == "PERSON" and (parts <= set(known.split()) or set(known.split()) <= parts)
        }
        return candidates.pop() if len(candidates) == 1 else None


def _as_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)
