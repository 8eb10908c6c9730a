"""The scheduled job: incremental, exactly-once anonymization of a landing folder into a partitioned dataset.

    from pipelines.job import load_job_config, run_job
    result = run_job(load_job_config(Path("job.yaml")))
    result.exit_code, result.report_dir

See `run.py` for the steps of a run and how a crash at any point is recovered.
"""

from pipelines.job.config import JobConfig, JobConfigError, load_job_config
from pipelines.job.lock import JobLock, LockHeld, LockInfo
from pipelines.job.logs import configure_logging
from pipelines.job.report import JobReport, Outcome
from pipelines.job.run import (
    EXIT_CONFIG,
    EXIT_INPUT_FAILED,
    EXIT_LOCKED,
    EXIT_OK,
    JobResult,
    build_anonymizer,
    run_job,
)
from pipelines.job.state import Manifest, StateError

__all__ = [
    "EXIT_CONFIG",
    "EXIT_INPUT_FAILED",
    "EXIT_LOCKED",
    "EXIT_OK",
    "JobConfig",
    "JobConfigError",
    "JobLock",
    "JobReport",
    "JobResult",
    "LockHeld",
    "LockInfo",
    "Manifest",
    "Outcome",
    "StateError",
    "build_anonymizer",
    "configure_logging",
    "load_job_config",
    "run_job",
]
