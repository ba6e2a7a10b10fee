"""The legal reviewer's decisions, stored in SQLite (WAL mode).

A decision is keyed by the document's content hash (``DocumentReport.content_hash``), the
finding's rule code and its span, so re-uploading the same document restores every decision and
a restart loses nothing. Document-scope findings (no span) are stored with ``start = end = -1``
because SQLite treats NULLs in a primary key as distinct. Every change is also appended to a
``history`` table: reviewers and auditors need to see who changed a decision and when.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tosaudit.models import Finding

STATUSES: tuple[str, ...] = ("accepted", "dismissed", "needs_change")
STATUS_LABELS: dict[str, str] = {
    "pending": "Not reviewed",
    "accepted": "Accepted (real problem)",
    "dismissed": "Dismissed (not a problem)",
    "needs_change": "Needs change",
}
ENV_VAR = "TOSAUDIT_REVIEW_DB"
SCHEMA_VERSION = 1
MAX_COMMENT = 5000
MAX_REVIEWER = 200

_SCHEMA = """
CREATE TABLE IF NOT EXISTS decisions (
    content_hash TEXT NOT NULL,
    rule TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('accepted', 'dismissed', 'needs_change')),
    comment TEXT NOT NULL DEFAULT '',
    reviewer TEXT NOT NULL,
    source TEXT,
    excerpt TEXT,
    decided_at TEXT NOT NULL,
    PRIMARY KEY (content_hash, rule, start, "end")
);
CREATE TABLE IF NOT EXISTS history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    content_hash TEXT NOT NULL,
    rule TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    status TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    reviewer TEXT NOT NULL,
    decided_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS history_doc ON history (content_hash);
"""


class ReviewError(ValueError):
    """A decision or database the store cannot accept; the message is fit for a user."""


def default_db_path() -> Path:
    """``$TOSAUDIT_REVIEW_DB``, else ``reviews.sqlite`` in the user's data directory."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "tosaudit" / "reviews.sqlite"


@dataclass(frozen=True, slots=True)
class FindingKey:
    """What identifies a finding across uploads: rule code and span (-1 for document scope)."""

    rule: str
    start: int
    end: int

    @classmethod
    def of(cls, finding: Finding) -> FindingKey:
        start = -1 if finding.start is None else finding.start
        end = -1 if finding.end is None else finding.end
        return cls(finding.rule, start, end)

    @property
    def id(self) -> str:
        """A short string id, stable for the same rule and span (used as widget keys)."""
        return f"{self.rule}:{self.start}-{self.end}"


@dataclass(frozen=True, slots=True)
class Decision:
    """One reviewer decision on one finding of one document."""

    content_hash: str
    rule: str
    start: int
    end: int
    status: str
    comment: str
    reviewer: str
    decided_at: str
    source: str | None = None
    excerpt: str | None = None

    @property
    def key(self) -> FindingKey:
        return FindingKey(self.rule, self.start, self.end)

    def to_record(self) -> dict[str, Any]:
        return asdict(self)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class ReviewStore:
    """Reviewer decisions in one SQLite file; safe to share between Streamlit sessions.

    Each call opens its own short-lived connection: Streamlit runs sessions in threads and a
    sqlite3 connection must not cross threads; WAL lets readers go on while one writer writes.
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as con:
                con.execute("PRAGMA journal_mode=WAL")
                version = con.execute("PRAGMA user_version").fetchone()[0]
                if version > SCHEMA_VERSION:
                    raise ReviewError(
                        f"{self.path}: review database is from a newer tosaudit "
                        f"(schema {version}, this version reads {SCHEMA_VERSION})"
                    )
                con.executescript(_SCHEMA)
                con.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        except sqlite3.DatabaseError as exc:
            raise ReviewError(f"{self.path}: cannot use the review database ({exc})") from None
        except OSError as exc:
            raise ReviewError(
                f"{self.path}: cannot create the review database ({exc.strerror or exc})"
            ) from None

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        con = sqlite3.connect(self.path, timeout=10)
        try:
            con.execute("PRAGMA busy_timeout=10000")
            with con:  # commits on success, rolls back on error
                yield con
        finally:
            con.close()

    @property
    def journal_mode(self) -> str:
        with self._connect() as con:
            return str(con.execute("PRAGMA journal_mode").fetchone()[0])

    def decide(
        self,
        content_hash: str,
        finding: Finding,
        status: str,
        reviewer: str,
        comment: str = "",
        source: str | None = None,
    ) -> Decision:
        """Record (or replace) the decision on one finding; returns what was stored."""
        if status not in STATUSES:
            raise ReviewError(f"unknown decision '{status}' (choose from {', '.join(STATUSES)})")
        reviewer = (reviewer or "").strip()
        if not reviewer:
            raise ReviewError("enter the reviewer's name before recording a decision")
        if len(reviewer) > MAX_REVIEWER:
            raise ReviewError(f"the reviewer's name is over {MAX_REVIEWER} characters")
        comment = (comment or "").strip()
        if len(comment) > MAX_COMMENT:
            raise ReviewError(f"the comment is over {MAX_COMMENT} characters")
        if status == "needs_change" and not comment:
            raise ReviewError("say what needs to change in the comment")
        if not content_hash:
            raise ReviewError("the document has no content hash (it was not audited)")
        key = FindingKey.of(finding)
        decision = Decision(
            content_hash=content_hash,
            rule=key.rule,
            start=key.start,
            end=key.end,
            status=status,
            comment=comment,
            reviewer=reviewer,
            decided_at=_now(),
            source=source,
            excerpt=finding.excerpt,
        )
        with self._connect() as con:
            con.execute(
                'INSERT OR REPLACE INTO decisions (content_hash, rule, start, "end", status, '
                "comment, reviewer, source, excerpt, decided_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    content_hash,
                    key.rule,
                    key.start,
                    key.end,
                    status,
                    comment,
                    reviewer,
                    source,
                    finding.excerpt,
                    decision.decided_at,
                ),
            )
            self._log(con, decision)
        return decision

    def clear(self, content_hash: str, finding: Finding, reviewer: str) -> bool:
        """Remove the decision on a finding (back to "not reviewed"); True when one existed."""
        key = FindingKey.of(finding)
        with self._connect() as con:
            cur = con.execute(
                'DELETE FROM decisions WHERE content_hash=? AND rule=? AND start=? AND "end"=?',
                (content_hash, key.rule, key.start, key.end),
            )
            if cur.rowcount:
                self._log(
                    con,
                    Decision(
                        content_hash,
                        key.rule,
                        key.start,
                        key.end,
                        "cleared",
                        "",
                        (reviewer or "").strip() or "unknown",
                        _now(),
                    ),
                )
            return bool(cur.rowcount)

    @staticmethod
    def _log(con: sqlite3.Connection, d: Decision) -> None:
        con.execute(
            'INSERT INTO history (content_hash, rule, start, "end", status, comment, reviewer, '
            "decided_at) VALUES (?,?,?,?,?,?,?,?)",
            (d.content_hash, d.rule, d.start, d.end, d.status, d.comment, d.reviewer, d.decided_at),
        )

    def decisions(self, content_hash: str) -> dict[FindingKey, Decision]:
        """Every current decision on a document, by finding key."""
        with self._connect() as con:
            rows = con.execute(
                'SELECT content_hash, rule, start, "end", status, comment, reviewer, decided_at, '
                "source, excerpt FROM decisions WHERE content_hash=?",
                (content_hash,),
            ).fetchall()
        out = {}
        for row in rows:
            d = Decision(*row)
            out[d.key] = d
        return out

    def history(self, content_hash: str) -> list[dict[str, Any]]:
        """Every change ever made on a document's decisions, oldest first."""
        with self._connect() as con:
            rows = con.execute(
                'SELECT rule, start, "end", status, comment, reviewer, decided_at FROM history '
                "WHERE content_hash=? ORDER BY id",
                (content_hash,),
            ).fetchall()
        names = ("rule", "start", "end", "status", "comment", "reviewer", "decided_at")
        return [dict(zip(names, r, strict=True)) for r in rows]
