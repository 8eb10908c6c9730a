"""Security operations on output datasets: key rotation, audited reveal, verification, the audit log.

    from pipelines.security import rotate_dataset, reveal_file, verify_dataset
"""

from pipelines.security.audit import AuditLog, check_audit_chain, default_audit_log, read_audit_log
from pipelines.security.reveal import RevealReport, reveal_file
from pipelines.security.rotate import FileRotation, RotationReport, rotate_dataset, write_report
from pipelines.security.verify import VerifyFinding, VerifyReport, verify_dataset

__all__ = [
    "AuditLog",
    "FileRotation",
    "RevealReport",
    "RotationReport",
    "VerifyFinding",
    "VerifyReport",
    "check_audit_chain",
    "default_audit_log",
    "read_audit_log",
    "reveal_file",
    "rotate_dataset",
    "verify_dataset",
    "write_report",
]
