"""The key-terms box: the unfavourable terms and how to contact and cancel, in plain words.

Built from what earlier stages found: clause findings (``category`` and a one-sentence
``summary``) and the disclosures checklist (contact channels, cancellation, refunds,
auto-renewal). Owners paste the Markdown at the top of their policy.
"""

from __future__ import annotations

import re
from typing import Any

from tosaudit.models import SEVERITY_RANK, Finding
from tosaudit.rewrite.transforms import is_all_caps
from tosaudit.rules.base import AuditContext

# Clause categories in the order a customer cares about them, with the box's topic names.
# Every clause category has a topic: a term worth flagging is worth a line in the box.
TOPICS: dict[str, str] = {
    "auto_renewal": "Renewal",
    "fee_change": "Price changes",
    "no_refund": "Refunds",
    "refunds": "Refunds",
    "cancellation_hurdle": "Conditions for cancelling",
    "unilateral_change": "Changes to these terms",
    "unilateral_termination": "Closing your account",
    "arbitration": "Disputes",
    "class_action_waiver": "Class actions",
    "jury_trial_waiver": "Jury trial",
    "jurisdiction": "Where disputes are heard",
    "choice_of_law": "Which law applies",
    "limitation_of_liability": "Our liability",
    "indemnification": "Covering our costs",
    "content_removal": "Your content",
    "broad_content_license": "Rights to what you upload",
    "data_sharing": "Your personal data",
    "contract_by_using": "Agreeing by using",
    "privacy_included": "Privacy",
}
_CHANNELS = {
    "email": "e-mail",
    "phone": "phone",
    "postal_address": "post",
    "web_form": "a web form",
    "chat": "live chat",
}
# How the box says to use each channel, given the address, number or page it quotes.
_CHANNEL_VERBS = {
    "email": "email {}",
    "phone": "call {}",
    "postal_address": "write to {}",
    "web_form": "online: {}",
    "chat": "live chat",
}
_MAX_EVIDENCE = 160
_MAX_CHANNEL = 90


def _best(findings: list[Finding]) -> Finding:
    return max(
        findings, key=lambda f: (SEVERITY_RANK[f.severity], f.confidence or 0.0, -(f.start or 0))
    )


def _spans(ctx: AuditContext | None, item: dict[str, Any] | None) -> list[dict[str, Any]]:
    """A checklist item's evidence entries whose spans lie inside the text, in order."""
    if not item or ctx is None:
        return []
    n = len(ctx.text)
    return [
        ev
        for ev in item.get("evidence") or []
        if isinstance(ev.get("start"), int)
        and isinstance(ev.get("end"), int)
        and 0 <= ev["start"] < ev["end"] <= n
    ]


# A Markdown inline link, "[cancel your Account](/articles/cancel)": the box shows its text.
_MD_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\([^()\s]{0,500}\)")


def _clip(snippet: str, limit: int) -> str:
    """The snippet on one line, without Markdown link targets or bold marks, cut at a word
    before ``limit`` characters (with an ellipsis)."""
    if "](" in snippet:
        snippet = _MD_LINK.sub(r"\1", snippet)
    snippet = " ".join(snippet.replace("**", "").split())
    if len(snippet) > limit:
        snippet = snippet[: limit - 1].rsplit(" ", 1)[0] + "\u2026"
    return snippet


def _evidence(ctx: AuditContext | None, item: dict[str, Any] | None) -> tuple[str, int, int] | None:
    """The first evidence span of a checklist item as (text, start, end)."""
    for ev in _spans(ctx, item):
        start, end = ev["start"], ev["end"]
        return _calm(_clip(ctx.text[start:end], _MAX_EVIDENCE)), start, end
    return None


# A sentence's first letter: at the start, or after an end mark and space (or a quotation mark).
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)[\"'\u201c(]?([a-z])")


def _calm(snippet: str) -> str:
    """A snippet written in capitals ("YOU MAY CANCEL THIS AGREEMENT BY ...") in sentence case:
    a box that quotes it should not shout."""
    if not is_all_caps(snippet):
        return snippet
    low = snippet.lower()
    return _SENTENCE_START.sub(lambda m: m.group(0)[:-1] + m.group(1).upper(), low)


def _contact_text(
    ctx: AuditContext | None, contact: dict[str, Any], channels: list[str]
) -> tuple[str, int | None, int | None]:
    """How to reach the business, one channel after another with what the policy gives.

    Evidence spans carry the channel they show; spans without one (older reports) are used
    only for where the item points, and the channel is then named without its value.
    """
    quoted: dict[str, str] = {}
    first: tuple[int, int] | None = None
    for ev in _spans(ctx, contact):
        start, end = ev["start"], ev["end"]
        if first is None:
            first = (start, end)
        channel = ev.get("channel")
        if channel in _CHANNEL_VERBS and channel not in quoted:
            quoted[channel] = _clip(ctx.text[start:end], _MAX_CHANNEL)
    if not quoted:
        how = " or ".join(_CHANNELS[c] for c in channels)
        return f"Contact us by {how}.", *(first or (None, None))
    parts = [
        _CHANNEL_VERBS[c].format(quoted[c]) if c in quoted else f"by {_CHANNELS[c]}"
        for c in channels
    ]
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + ".", *(first or (None, None))


def _item(
    topic: str, text: str, start: int | None = None, end: int | None = None, **extra: Any
) -> dict[str, Any]:
    return {"topic": topic, "text": text, "start": start, "end": end, **extra}


def key_terms(
    ctx: AuditContext | None, findings: list[Finding], disclosures: dict[str, Any] | None
) -> dict[str, Any] | None:
    """A short plain summary of the unfavourable terms and how to contact and cancel."""
    by_topic: dict[str, list[Finding]] = {}
    for f in findings:
        if f.category in TOPICS and f.summary:
            by_topic.setdefault(TOPICS[f.category], []).append(f)
    items: list[dict[str, Any]] = []
    seen_topics: set[str] = set()
    for topic in dict.fromkeys(TOPICS.values()):
        if topic in by_topic:
            best = _best(by_topic[topic])
            items.append(_item(topic, best.summary or "", best.start, best.end, rule=best.rule))
            seen_topics.add(topic)
    disc = disclosures or {}
    renewal = disc.get("auto_renewal") or {}
    if renewal.get("present") and "Renewal" not in seen_topics:
        ev = _evidence(ctx, renewal)
        items.insert(
            0,
            _item(
                "Renewal",
                "Your plan renews automatically until you cancel.",
                *(ev[1:] if ev else (None, None)),
            ),
        )
    cancel = disc.get("cancellation") or {}
    status = cancel.get("status")
    if status == "instructions":
        ev = _evidence(ctx, cancel)
        text = f"How to cancel: {ev[0]}" if ev else "These terms explain how to cancel."
        items.append(_item("Cancelling", text, *(ev[1:] if ev else (None, None))))
    # A gap is only worth a line where the document needs the item: a shop's returns page
    # or a privacy policy has nothing to cancel. (Reports without "required" show it.)
    elif status == "mention_only" and cancel.get("required", True):
        items.append(_item("Cancelling", "You may cancel, but these terms do not say how."))
    elif status == "missing" and cancel.get("required", True):
        items.append(_item("Cancelling", "These terms do not say how to cancel."))
    refunds = disc.get("refunds") or {}
    if (
        refunds.get("status") == "missing"
        and refunds.get("required", True)
        and "Refunds" not in seen_topics
    ):
        items.append(_item("Refunds", "These terms do not say whether you can get a refund."))
    contact = disc.get("contact") or {}
    channels = [c for c in contact.get("channels") or [] if c in _CHANNELS]
    if channels:
        text, start, end = _contact_text(ctx, contact, channels)
        items.append(_item("Contact", text, start, end))
    elif contact.get("status") == "missing":
        items.append(_item("Contact", "These terms give no way to contact the business."))
    if not items:
        return None
    return {"items": items, "markdown": to_markdown(items)}


def to_markdown(items: list[dict[str, Any]]) -> str:
    """The box as Markdown, ready to paste at the top of a policy."""
    lines = ["## Key terms", ""]
    for it in items:
        text = it["text"].strip()
        if text and text[-1] not in ".!?\u2026":
            text += "."
        lines.append(f"- **{it['topic']}:** {text}")
    return "\n".join(lines) + "\n"
