"""The legal reviewer's decisions on findings (SQLite) and their exports."""

from tosaudit.review.export import reviewed_records, to_csv, to_json
from tosaudit.review.store import (
    STATUS_LABELS,
    STATUSES,
    Decision,
    FindingKey,
    ReviewError,
    ReviewStore,
    default_db_path,
)

__all__ = [
    "STATUSES",
    "STATUS_LABELS",
    "Decision",
    "FindingKey",
    "ReviewError",
    "ReviewStore",
    "default_db_path",
    "reviewed_records",
    "to_csv",
    "to_json",
]
