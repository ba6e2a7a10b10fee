"""The app's pages: each a function that draws one page from session state and the library.

Pages only arrange what ``DocumentReport`` holds; anything computed lives in the library or in
``tosaudit.ui.services`` (plain Python, tested without Streamlit).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import altair as alt
import pandas as pd
import streamlit as st

from tosaudit.config import PRESETS
from tosaudit.grade import LABELS as PART_LABELS
from tosaudit.models import DocumentReport
from tosaudit.review import STATUS_LABELS, STATUSES, FindingKey, ReviewError
from tosaudit.ui import services, state

LETTER_COLOURS = {"A": "#15803d", "B": "#65a30d", "C": "#ca8a04", "D": "#ea580c", "E": "#b91c1c"}
# Material icons ship with Streamlit's frontend, so they render without an emoji font.
LETTER_BADGES = {"A": "green", "B": "green", "C": "orange", "D": "orange", "E": "red"}
STATE_ICONS = {
    "ok": ":green[:material/check_circle:]",
    "warn": ":orange[:material/warning:]",
    "bad": ":red[:material/cancel:]",
    "n/a": ":gray[:material/remove_circle:]",
}
SEVERITY_ICONS = {"error": "●", "warning": "◐", "info": "○"}
PAGE_SIZE = 25


# ---------------------------------------------------------------- shared pieces


def _no_document() -> None:
    st.info("No document yet. Go to **Audit** and upload a policy, paste text or pick a sample.")


def _document_picker() -> DocumentReport | None:
    """The sidebar's choice of document; returns the current report."""
    docs = state.audited()
    if not docs:
        return None
    keys = [k for k, _ in docs]
    names = {k: r.source for k, r in docs}
    cur = st.session_state.get("current")
    index = keys.index(cur) if cur in keys else len(keys) - 1
    choice = st.sidebar.selectbox(
        "Document", keys, index=index, format_func=names.get, key="doc_picker"
    )
    st.session_state.current = choice
    return state.current()


def _show_errors(reports: list[DocumentReport]) -> None:
    for r in reports:
        if r.error:
            st.error(services.error_line(r), icon=":material/error:")


def _grade_badge(report: DocumentReport) -> str:
    g = report.grade or {}
    letter = str(g.get("letter", "?"))
    colour = LETTER_COLOURS.get(letter, "#64748b")
    score = g.get("score")
    score_txt = f"{score:.0f}/100" if isinstance(score, int | float) else ""
    return (
        '<div class="ta-grade" style="display:flex;align-items:center;gap:1.2rem">'
        f'<div data-testid="ta-grade-letter" style="background:{colour};color:#fff;width:88px;'
        "height:88px;border-radius:18px;display:flex;align-items:center;justify-content:center;"
        f'font:700 56px system-ui,sans-serif">{html.escape(letter)}</div>'
        f'<div><div style="font:600 20px system-ui,sans-serif">Grade {html.escape(letter)} '
        f'<span style="color:#64748b;font-weight:400">{score_txt}</span></div>'
        f'<div style="color:#334155;max-width:46rem">{html.escape(str(g.get("summary", "")))}'
        "</div></div></div>"
    )


# ---------------------------------------------------------------- Audit


def audit_page() -> None:
    """Upload, paste or pick a sample; audit with progress; list results and errors."""
    st.title("Audit a policy")
    st.caption(
        "Terms of Service, privacy, refund and cancellation policies. Nothing leaves this "
        "machine: the audit runs locally and offline."
    )
    cfg = state.config()
    up_tab, paste_tab, sample_tab = st.tabs(
        [
            ":material/upload_file: Upload files",
            ":material/edit_note: Paste text",
            ":material/science: Try a sample",
        ]
    )
    new: list[state.Input] = []
    with up_tab:
        files = st.file_uploader(
            "PDF, Word (DOCX), HTML, Markdown or plain text",
            type=services.UPLOAD_TYPES,
            accept_multiple_files=True,
            key="uploads",
            help=services.size_limit_message(cfg),
        )
        st.caption(services.size_limit_message(cfg))
        for f in files or []:
            item = state.Input(f.name, f.getvalue())
            if item.key not in st.session_state.inputs:
                new.append(item)
    with paste_tab:
        with st.form("paste_form", clear_on_submit=False):
            name = st.text_input("Name", value="pasted-policy.txt", key="paste_name")
            text = st.text_area(
                "Policy text",
                height=220,
                key="paste_text",
                placeholder="Paste the text of your policy here",
            )
            if st.form_submit_button("Audit text", type="primary"):
                if text.strip():
                    new.append(
                        state.Input(name.strip() or "pasted-policy.txt", text.encode("utf-8"))
                    )
                else:
                    st.warning("Paste some text first.")
    with sample_tab:
        samples = services.list_samples()
        if not samples:
            st.info("No samples found in the samples/ folder.")
        else:
            pick = st.selectbox(
                "Sample policy", samples, format_func=lambda p: p.name, key="sample_pick"
            )
            if st.button("Audit sample", type="primary", key="sample_go"):
                new.append(state.Input(pick.name, Path(pick).read_bytes()))

    if new:
        _audit_with_progress(new)

    done = state.reports()
    if not done:
        return
    st.subheader("Audited documents")
    _show_errors([r for _, r in done])
    for key, r in done:
        if r.error:
            continue
        g = r.grade or {}
        cols = st.columns([1, 6, 2])
        letter = str(g.get("letter", "?"))
        cols[0].markdown(f"### :{LETTER_BADGES.get(letter, 'gray')}-background[{letter}]")
        cols[1].markdown(
            f"**{services.md_escape(r.source)}** · {r.kind or 'policy'} · "
            f"{(r.readability or {}).get('words', 0)} words · {len(r.findings)} findings"
        )
        # A callback: it runs before the sidebar's radio exists, so it may set its value.
        cols[2].button("Open report", key=f"open_{key}", on_click=_open_report, args=(key,))


def _open_report(key: str) -> None:
    st.session_state.current = key
    st.session_state.nav = "Report"


def _audit_with_progress(items: list[state.Input]) -> None:
    bar = st.progress(0.0, text="Starting the audit…")
    for n, item in enumerate(items, start=1):
        bar.progress((n - 1) / len(items), text=f"Auditing {item.name} ({n} of {len(items)})…")
        state.add(item)
    bar.progress(1.0, text=f"Audited {len(items)} document{'s' if len(items) != 1 else ''}.")


# ---------------------------------------------------------------- Report


def report_page() -> None:
    """Grade card, readability vs target with a chart, key terms, disclosures checklist."""
    report = _document_picker()
    if report is None:
        _no_document()
        return
    cfg = state.config()
    st.title("Report")
    st.caption(services.md_escape(report.source))
    st.html(_grade_badge(report))
    g = report.grade or {}
    parts = g.get("parts") or {}
    explanations = g.get("explanations") or {}
    weights = g.get("weights") or {}
    if parts:
        cols = st.columns(len(PART_LABELS))
        for col, (name, label) in zip(cols, PART_LABELS.items(), strict=True):
            with col:
                if name in parts:
                    st.metric(
                        label,
                        f"{parts[name]:.0f}/100",
                        help=f"Weight {weights.get(name, 0):.0%} of the grade.",
                    )
                    st.progress(min(max(parts[name] / 100, 0.0), 1.0))
                else:
                    st.metric(label, "n/a")
                st.caption(services.md_escape(explanations.get(name, "")))

    st.divider()
    left, right = st.columns([3, 2])
    with left:
        st.subheader("Readability")
        st.caption(
            f"Target: {state.PRESET_LABELS.get(cfg.preset, cfg.preset)}. Change it in the sidebar."
        )
        r = report.readability or {}
        m = st.columns(3)
        m[0].metric(
            "Reading ease",
            f"{r.get('flesch_reading_ease', 0):.0f}",
            delta=f"{r.get('flesch_reading_ease', 0) - cfg.target_reading_ease:+.0f} vs target",
            delta_color="normal",
        )
        m[1].metric(
            "Grade level",
            f"{r.get('flesch_kincaid_grade', 0):.1f}",
            delta=f"{r.get('flesch_kincaid_grade', 0) - cfg.target_grade:+.1f} vs target",
            delta_color="inverse",
        )
        m[2].metric("Reading time", f"{r.get('reading_time_minutes', 0):.0f} min")
        chart_rows = services.sentence_chart_rows(report)
        if chart_rows:
            st.markdown(
                "**Sentence difficulty across the document** (Flesch-Kincaid grade of "
                "each sentence; red bars are above the target)"
            )
            st.altair_chart(_difficulty_chart(chart_rows, cfg.target_grade), width="stretch")
        with st.expander("All readability measures"):
            st.dataframe(
                pd.DataFrame(services.readability_rows(report, cfg)),
                hide_index=True,
                width="stretch",
            )
    with right:
        st.subheader("Key terms")
        lines = services.key_terms_lines(report)
        if lines:
            st.info("\n".join(f"- {services.md_escape(line)}" for line in lines))
            st.caption("Paste this box at the top of your policy.")
        else:
            st.caption("No key-terms summary for this document.")
        st.subheader("What customers need to find")
        items = services.disclosure_items(report.disclosures)
        if not items:
            st.caption("No disclosures checklist for this document.")
        for it in items:
            st.markdown(
                f"{STATE_ICONS[it['state']]} **{it['item']}**: {it['status']}"
                + (f" · {services.md_escape(it['detail'])}" if it["detail"] else "")
            )
            if it["what_to_add"]:
                st.caption(f"What to add: {services.md_escape(it['what_to_add'])}")

    st.divider()
    st.subheader("Findings")
    counts = {
        s: sum(1 for f in report.findings if f.severity == s) for s in ("error", "warning", "info")
    }
    c = st.columns(4)
    c[0].metric("Serious", counts["error"])
    c[1].metric("Warnings", counts["warning"])
    c[2].metric("Notes", counts["info"])
    c[3].metric(
        "Unfavourable clause kinds",
        len({f.category for f in report.findings if f.category and f.start is not None}),
    )
    clauses = [f for f in report.findings if f.category and f.start is not None]
    if clauses:
        df = pd.DataFrame(
            [
                {
                    "clause": services.category_label(f.category),
                    "severity": f.severity,
                    "where": services.location(f),
                    "hidden": (f.buried or {}).get("score"),
                    "what it means": f.summary or f.explanation,
                }
                for f in clauses
            ]
        )
        st.dataframe(df, hide_index=True, width="stretch")


def _difficulty_chart(rows: list[dict], target: float) -> alt.LayerChart:
    df = pd.DataFrame(rows)
    df["over target"] = df["grade"] > target
    bars = (
        alt.Chart(df)
        .mark_bar()
        .encode(
            x=alt.X("sentence:Q", title="Sentence (document order)"),
            y=alt.Y("grade:Q", title="Grade level"),
            color=alt.Color(
                "over target:N",
                scale=alt.Scale(domain=[False, True], range=["#60a5fa", "#ef4444"]),
                legend=None,
            ),
            tooltip=["sentence", alt.Tooltip("grade:Q", format=".1f"), "words", "page"],
        )
    )
    rule = (
        alt.Chart(pd.DataFrame({"target": [target]}))
        .mark_rule(color="#111827", strokeDash=[6, 4])
        .encode(y="target:Q")
    )
    return (bars + rule).properties(height=220)


# ---------------------------------------------------------------- Document


def document_page() -> None:
    """The full text with findings highlighted; a selected finding explained."""
    report = _document_picker()
    if report is None:
        _no_document()
        return
    st.title("Document")
    st.caption(
        services.md_escape(report.source)
        + (" · page numbers from the PDF" if any(s.get("page") for s in report.sentences) else "")
    )
    cats = sorted({services.finding_group(f) for f in report.findings})
    f1, f2 = st.columns(2)
    sel_cats = f1.multiselect(
        "Category",
        cats,
        format_func=services.category_label,
        key="doc_cats",
        placeholder="All categories",
    )
    sel_sevs = f2.multiselect(
        "Severity",
        ["error", "warning", "info"],
        format_func=services.SEVERITY_LABELS.get,
        key="doc_sevs",
        placeholder="All severities",
    )
    shown = [
        f
        for f in report.findings
        if (not sel_cats or services.finding_group(f) in sel_cats)
        and (not sel_sevs or f.severity in sel_sevs)
    ]
    # Clause findings first: they are what a business owner must see.
    shown.sort(
        key=lambda f: (
            f.category is None,
            -{"error": 2, "warning": 1}.get(f.severity, 0),
            f.start if f.start is not None else -1,
        )
    )
    text_col, side = st.columns([3, 2])
    with side:
        st.subheader("Finding")
        ids = [services.finding_id(f) for f in shown]
        by_id = dict(zip(ids, shown, strict=True))
        selected = (
            st.selectbox(
                f"{len(shown)} findings",
                ids,
                index=0 if ids else None,
                key="doc_finding",
                format_func=lambda i: _finding_label(by_id[i]),
            )
            if ids
            else None
        )
        if selected:
            _finding_detail(by_id[selected])
    with text_col:
        st.html(services.DOC_CSS + services.LEGEND_HTML)
        st.html(
            services.DOC_CSS
            + services.highlighted_html(
                report, selected=selected, categories=sel_cats, severities=sel_sevs
            )
        )


def _finding_label(f) -> str:
    where = f"p.{f.page} " if f.page else (f"l.{f.line} " if f.line else "")
    what = services.category_label(f.category) if f.category else f.name.replace("-", " ")
    excerpt = services.shorten(f.excerpt or f.message, 60)
    return f"{SEVERITY_ICONS.get(f.severity, '')} {where}{what}: {excerpt}"


def _finding_detail(f) -> None:
    st.markdown(f"**{f.rule} · {f.name}** · {services.SEVERITY_LABELS.get(f.severity, f.severity)}")
    loc = [
        f"page {f.page}" if f.page else None,
        f"line {f.line}" if f.line else None,
        f"section “{f.section}”" if f.section else None,
    ]
    if any(loc):
        st.caption(services.md_escape(", ".join(x for x in loc if x)))
    st.markdown(services.md_escape(f.message))
    if f.summary and f.summary not in f.message:
        # Clause messages already end with the summary; saying it twice reads as padding.
        st.markdown(f"**In plain words:** {services.md_escape(f.summary)}")
    st.markdown(f"**What it means:** {services.md_escape(f.explanation)}")
    if f.why_it_matters:
        st.markdown(f"**Why it matters:** {services.md_escape(f.why_it_matters)}")
    if f.buried:
        score = float(f.buried.get("score") or 0)
        st.markdown(f"**How hidden:** {score:.0%}")
        st.progress(min(max(score, 0.0), 1.0))
        for reason in f.buried.get("reasons") or []:
            st.caption(f"• {services.md_escape(str(reason))}")
    if f.suggestion:
        st.markdown("**Suggested rewrite:**")
        st.success(services.md_escape(f.suggestion))
    if f.confidence is not None:
        st.caption(f"Found by {f.source}, confidence {f.confidence:.0%}.")


# ---------------------------------------------------------------- Review


def _keep_reviewer() -> None:
    st.session_state.reviewer = st.session_state.reviewer_input


def review_page() -> None:
    """Triage findings: accept, dismiss or needs change, stored in SQLite; exports."""
    report = _document_picker()
    if report is None:
        _no_document()
        return
    store = state.store()
    if store is None:
        return
    st.title("Review")
    st.caption(
        f"{services.md_escape(report.source)} · decisions are saved in "
        f"{services.md_escape(str(store.path))} and come back whenever the same document is "
        "uploaded again."
    )
    # Widget state is dropped when the page is left; the name lives on in "reviewer".
    st.session_state.setdefault("reviewer_input", st.session_state.reviewer)
    st.text_input(
        "Reviewer name", key="reviewer_input", placeholder="Your name", on_change=_keep_reviewer
    )
    decisions = store.decisions(report.content_hash or "")
    rows = services.finding_rows(report, decisions)
    prog = services.review_progress(rows)
    pc = st.columns(4)
    for col, status in zip(pc, STATUS_LABELS, strict=True):
        col.metric(STATUS_LABELS[status], prog.get(status, 0))

    f1, f2, f3 = st.columns(3)
    cats = sorted({r["category"] for r in rows})
    sel_c = f1.multiselect(
        "Category", cats, format_func=services.category_label, key="rv_cats", placeholder="All"
    )
    sel_s = f2.multiselect(
        "Severity",
        ["error", "warning", "info"],
        key="rv_sevs",
        format_func=services.SEVERITY_LABELS.get,
        placeholder="All",
    )
    sel_st = f3.multiselect(
        "Status",
        list(STATUS_LABELS),
        format_func=STATUS_LABELS.get,
        key="rv_status",
        placeholder="All",
    )
    view = services.filter_rows(rows, sel_c, sel_s, sel_st)
    table = pd.DataFrame(
        view,
        columns=[
            "id",
            "severity",
            "category",
            "finding",
            "status",
            "where",
            "excerpt",
            "reviewer",
            "comment",
        ],
    )
    if not table.empty:
        table["status"] = table["status"].map(STATUS_LABELS)
        table["severity"] = table["severity"].map(lambda v: services.SEVERITY_LABELS.get(v, v))
        table["category"] = table["category"].map(services.category_label)
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={"id": None, "excerpt": st.column_config.TextColumn(width="large")},
    )

    st.subheader("Decide")
    if not view:
        st.caption("No findings match the filters.")
    else:
        by_id = {services.finding_id(f): f for f in report.findings}
        row_by_id = {r["id"]: r for r in view}
        fid = st.selectbox(
            "Finding",
            list(row_by_id),
            key="rv_finding",
            format_func=lambda i: _finding_label(by_id[i]),
        )
        f = by_id[fid]
        cur = decisions.get(FindingKey.of(f))
        st.markdown(f"> {services.md_escape(services.shorten(f.excerpt or f.message, 600))}")
        st.caption(services.md_escape(f.explanation))
        if cur:
            st.markdown(
                f"Current decision: **{STATUS_LABELS[cur.status]}** by "
                f"{services.md_escape(cur.reviewer)} on {services.md_escape(cur.decided_at)}"
                + (f" · “{services.md_escape(cur.comment)}”" if cur.comment else "")
            )
        with st.form(f"decide_{fid}"):
            choice = st.radio(
                "Decision",
                STATUSES,
                horizontal=True,
                key=f"rv_choice_{fid}",
                index=STATUSES.index(cur.status) if cur else 0,
                format_func=STATUS_LABELS.get,
            )
            comment = st.text_area(
                "Comment",
                value=cur.comment if cur else "",
                key=f"rv_comment_{fid}",
                placeholder="Why, or what must change",
            )
            save = st.form_submit_button("Save decision", type="primary")
        if save:
            try:
                store.decide(
                    report.content_hash or "",
                    f,
                    choice,
                    st.session_state.reviewer_input,
                    comment,
                    source=report.source,
                )
            except ReviewError as exc:
                st.error(str(exc))
            else:
                st.toast("Decision saved")
                st.rerun()
        if cur and st.button("Clear decision", key=f"rv_clear_{fid}"):
            store.clear(report.content_hash or "", f, st.session_state.reviewer_input)
            st.rerun()

    st.subheader("Export")
    csv_text, json_text = services.review_exports(report, decisions)
    stem = services.safe_stem(report.source)
    e1, e2, e3 = st.columns(3)
    e1.download_button(
        "Reviewed findings (CSV)", csv_text, f"{stem}-review.csv", "text/csv", key="dl_csv"
    )
    e2.download_button(
        "Reviewed findings (JSON)",
        json_text,
        f"{stem}-review.json",
        "application/json",
        key="dl_json",
    )
    html_text = services.html_report(report, state.config())
    if html_text is not None:
        e3.download_button(
            "HTML report", html_text, f"{stem}-report.html", "text/html", key="dl_html"
        )
    with st.expander("Decision history"):
        hist = store.history(report.content_hash or "")
        if hist:
            st.dataframe(pd.DataFrame(hist), hide_index=True, width="stretch")
        else:
            st.caption("No decisions yet.")


# ---------------------------------------------------------------- Rewrites


def rewrites_page() -> None:
    """Original and plain side by side; accept or reject each; download the plain version."""
    report = _document_picker()
    if report is None:
        _no_document()
        return
    st.title("Plain rewrites")
    items = services.rewrite_items(report)
    if not items:
        st.info(
            "No verified rewrites for this document. Every suggestion is checked to keep "
            "numbers, dates, negations and obligations; none passed or none was needed."
        )
        return
    key = report.content_hash or report.source
    accepted: set[str] = st.session_state.accepted_rewrites.setdefault(key, {i.id for i in items})
    st.caption(
        f"{len(items)} verified rewrites. {len(accepted & {i.id for i in items})} "
        "accepted. Each keeps every number, date, amount, negation and duty of the "
        "original."
    )
    b1, b2, _ = st.columns([1, 1, 4])
    if b1.button("Accept all", key="rw_all"):
        accepted.update(i.id for i in items)
        _sync_rewrite_boxes(items, True)
    if b2.button("Reject all", key="rw_none"):
        accepted.clear()
        _sync_rewrite_boxes(items, False)
    pages = max(1, -(-len(items) // PAGE_SIZE))
    page = st.number_input("Page", 1, pages, 1, key="rw_page") if pages > 1 else 1
    for item in items[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]:
        with st.container(border=True):
            c1, c2 = st.columns(2)
            c1.caption(
                "Original"
                + (
                    f" · grade {item.grade_before:.1f}"
                    if isinstance(item.grade_before, int | float)
                    else ""
                )
            )
            c1.html(_rewrite_box(item.original, "#fff7ed"))
            c2.caption(
                "Plain"
                + (
                    f" · grade {item.grade_after:.1f}"
                    if isinstance(item.grade_after, int | float)
                    else ""
                )
            )
            c2.html(_rewrite_box(item.suggestion, "#f0fdf4"))
            box_key = f"rw_{key[:12]}_{item.id}"
            st.session_state.setdefault(box_key, item.id in accepted)
            if st.checkbox("Use this rewrite", key=box_key):
                accepted.add(item.id)
            else:
                accepted.discard(item.id)
    stem = services.safe_stem(report.source)
    with st.expander("What changed (diff)"):
        st.code(services.plain_diff(report, accepted) or "No changes accepted.", language="diff")
    d1, d2 = st.columns(2)
    d1.download_button(
        "Plain version (Markdown)",
        services.plain_markdown(report, accepted),
        f"{stem}-plain.md",
        "text/markdown",
        key="rw_md",
    )
    d2.download_button(
        "Plain version (DOCX)",
        services.plain_docx(report, accepted),
        f"{stem}-plain.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        key="rw_docx",
    )


_SOFT_BREAK = re.compile(r"\n(?![ \t]{0,8}(?:[-\u2022*]|\(?[a-z0-9]{1,3}[.)])[ \t])")


def _rewrite_box(text: str, background: str) -> str:
    # Source line wraps are not meaning: join them, but keep list items on their own lines.
    flowing = _SOFT_BREAK.sub(" ", text.strip())
    return (
        f'<div style="white-space:pre-line;background:{background};border-radius:8px;'
        f'padding:.6rem .8rem;line-height:1.55">{html.escape(flowing)}</div>'
    )


def _sync_rewrite_boxes(items: list[services.RewriteItem], value: bool) -> None:
    for k in list(st.session_state.keys()):
        if isinstance(k, str) and k.startswith("rw_") and any(k.endswith(i.id) for i in items):
            st.session_state[k] = value


# ---------------------------------------------------------------- Batch


def batch_page() -> None:
    """Many files at once: a sortable summary table and all reports in one download."""
    st.title("Batch audit")
    cfg = state.config()
    files = st.file_uploader(
        "Upload many policies",
        type=services.UPLOAD_TYPES,
        accept_multiple_files=True,
        key="batch_uploads",
        help=services.size_limit_message(cfg),
    )
    new = []
    for f in files or []:
        item = state.Input(f.name, f.getvalue())
        if item.key not in st.session_state.inputs:
            new.append(item)
    if st.button("Add all samples", key="batch_samples"):
        new += [
            state.Input(p.name, p.read_bytes())
            for p in services.list_samples()
            if state.Input(p.name, p.read_bytes()).key not in st.session_state.inputs
        ]
    if new:
        _audit_with_progress(new)
    done = [r for _, r in state.reports()]
    if not done:
        st.caption("Upload files (or add the samples) to see the summary table.")
        return
    _show_errors(done)
    st.caption("Click a column header to sort.")
    st.dataframe(
        pd.DataFrame(services.batch_rows(done)),
        hide_index=True,
        width="stretch",
        column_config={
            "document": "Document",
            "status": "Status",
            "error": "Error",
            "kind": "Kind",
            "grade": "Grade",
            "words": "Words",
            "findings": "Findings",
            "serious": "Serious",
            "unfavourable_kinds": st.column_config.NumberColumn("Unfavourable clause kinds"),
            "score": st.column_config.NumberColumn("Score", format="%.0f"),
            "reading_ease": st.column_config.NumberColumn("Reading ease", format="%.0f"),
            "fk_grade": st.column_config.NumberColumn("Grade level", format="%.1f"),
        },
    )
    st.download_button(
        "Download all reports (ZIP: JSON, HTML, CSV)",
        services.reports_zip(done, cfg),
        "tosaudit-reports.zip",
        "application/zip",
        key="batch_zip",
        type="primary",
    )


PAGES = {
    "Audit": (":material/upload_file:", audit_page),
    "Report": (":material/grading:", report_page),
    "Document": (":material/description:", document_page),
    "Review": (":material/gavel:", review_page),
    "Rewrites": (":material/edit_note:", rewrites_page),
    "Batch": (":material/folder_copy:", batch_page),
}
PRESET_NAMES = list(PRESETS)
