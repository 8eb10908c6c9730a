"""The job's settings, from a YAML file and/or command-line options, validated once before anything runs.

```yaml
# job.yaml: relative paths are taken from this file's folder
input: /srv/exports            # a folder, file or glob; or a list of them
out: /srv/anonymized           # the partitioned Parquet dataset (plus _quarantine/ and _reports/)
state: /var/lib/chat-anonymizer
policy: policy.yaml
key_file: /etc/chat-anonymizer/keys.env
keep_days: 90
log_format: json
```
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from pipelines.read import FORMATS

_PATH_FIELDS = ("out", "state", "policy", "key_file", "metrics_file")


class JobConfigError(ValueError):
    """The job configuration is invalid; the message names the file and the field, one line per problem."""


class JobConfig(BaseModel):
    """Everything one job run needs. Field docstrings are the config file's documentation."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    input: list[str] = Field(min_length=1)
    """Folders, files or glob patterns where exports land; folders are searched recursively."""
    out: Path
    """The output dataset folder: `date=YYYY-MM-DD/*.parquet`, `_quarantine/`, `_reports/<run id>/`."""
    state: Path
    """The state folder (manifest and lock); keep it on a local disk, separate from `out`."""
    policy: Path | None = None
    """Policy YAML; default: the built-in policy (typed placeholders, needs no keys)."""
    key_file: Path | None = None
    """A mode-600 file of NAME=value key lines; default: the environment."""
    keep_days: int | None = Field(default=None, ge=1)
    """Delete output partitions, quarantine files and reports older than this many days; default: keep all."""
    wait: float = Field(default=0.0, ge=0)
    """Seconds to wait for a running job to finish before giving up (exit code 3)."""
    log_format: Literal["text", "json"] = "text"
    """`text` for people, `json` (one object per line) for log shippers."""
    format: str | None = None
    """Input format, one of the readers' formats; default: detected per file."""
    mapping: dict[str, str] = Field(default_factory=dict)
    """Canonical field -> source field, added to the policy's `input.mapping`."""
    batch_size: int = Field(default=256, ge=1)
    """Records per detection batch."""
    workers: int | None = Field(default=None, ge=1)
    """Worker processes; default: all cores when the due inputs exceed 4 MB, else 1."""
    verify: bool = False
    """Re-scan this run's new output files for residual PII and leaked keys (as `anonymizer verify`);
    anything found is listed in the report (file, column, row, type; no values) and the run exits 1."""
    rehash: bool = False
    """Hash every input's content on every run, even when its size and mtime are unchanged."""
    metrics_file: Path | None = None
    """Also write the run's Prometheus metrics here (e.g. node_exporter's textfile-collector folder)."""

    @field_validator("input", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, (str, Path)) else value

    @field_validator("format")
    @classmethod
    def _known_format(cls, value: str | None) -> str | None:
        if value is not None and value not in FORMATS:
            raise ValueError(f"unknown format '{value}' (expected one of: {', '.join(FORMATS)})")
        return value

    @model_validator(mode="after")
    def _separate_folders(self) -> JobConfig:
        out, state = self.out.resolve(), self.state.resolve()
        if out == state or out in state.parents:
            raise ValueError("state must not be the output folder or inside it (analysts read `out`)")
        return self

    @classmethod
    def build(cls, data: Mapping[str, Any], source: str = "job config") -> JobConfig:
        """Validate settings, turning pydantic's report into one located line per problem."""
        try:
            return cls.model_validate(dict(data))
        except ValidationError as exc:
            raise JobConfigError(_explain(exc, source)) from None


def read_config_file(path: Path) -> dict[str, Any]:
    """The settings of a YAML job file, with its relative paths resolved against the file's folder."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise JobConfigError(f"{path}: cannot read job config ({exc.strerror or type(exc).__name__})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise JobConfigError(f"{path}: not valid YAML{where}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise JobConfigError(f"{path}: a job config must be a mapping of settings")
    base = path.resolve().parent
    for name in _PATH_FIELDS:
        if isinstance(data.get(name), str):
            data[name] = str(_relative_to(base, data[name]))
    raw_input = data.get("input")
    if isinstance(raw_input, str):
        data["input"] = [str(_relative_to(base, raw_input))]
    elif isinstance(raw_input, list):
        data["input"] = [str(_relative_to(base, i)) if isinstance(i, str) else i for i in raw_input]
    return data


def _relative_to(base: Path, value: str) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else base / path


def load_job_config(config_file: Path | None = None, overrides: Mapping[str, Any] | None = None) -> JobConfig:
    """Settings from `config_file` (if any), each overridden by a non-None value in `overrides` (the CLI)."""
    data = read_config_file(config_file) if config_file is not None else {}
    for name, value in (overrides or {}).items():
        if value is not None and value != [] and value != {}:
            data[name] = value
    return JobConfig.build(data, str(config_file) if config_file is not None else "job options")


def _explain(exc: ValidationError, source: str) -> str:
    lines = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error["loc"]) or "(top level)"
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "missing":
            message = "required"
        elif error["type"] == "extra_forbidden":
            message = "unknown setting"
        lines.append(f"{source}: {where}: {message}")
    return "\n".join(lines)
