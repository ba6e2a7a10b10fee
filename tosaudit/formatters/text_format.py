"""A readable plain-text summary for the terminal."""

from __future__ import annotations

from tosaudit.models import Report


def render(report: Report, **_: object) -> str:
    out: list[str] = []
    for d in report.documents:
        if d.error:
            out.append(f"{d.source}: error: {d.error}")
            continue
        r = d.readability or {}
        g = d.grade or {}
        out.append(
            f"{d.source}: grade {g.get('letter', '?')} ({g.get('score', 0):.0f}/100), "
            f"{d.kind or 'document'}, {r.get('words', 0)} words, reading ease "
            f"{r.get('flesch_reading_ease', 0):.1f}, grade level {r.get('flesch_kincaid_grade', 0):.1f}"
        )
        for f in d.findings:
            where = f"{d.source}:{f.line}:{f.column}" if f.line else d.source
            out.append(f"  {where}: {f.severity}: {f.rule} {f.message}")
    return "\n".join(out) + "\n"
