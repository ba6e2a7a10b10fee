import time

from tosaudit.api import audit_text
from tosaudit.config import Config

POLICY = (
    "Terms of Service\n"
    "\n"
    "1. Payment\n"
    "\n"
    'These terms are between Acme Ltd (the "Company", "we", "us") and you (the '
    '"User", "you").\n'
    "\n"
    "The User shall make a payment of $10 prior to the commencement of the Services; "
    "the Company shall retain any and all fees, provided that the User may request a "
    "refund within 14 days by writing to help@acme.com.\n"
    "\n"
    "You hereby agree to comply with these terms.\n"
    "\n"
    "2. Notices\n"
    "\n"
    "The notice will be sent in the manner set out in Section 9 to the e-mail "
    "address which you have registered with us at the time of the registration of "
    "the account.\n"
)


def _by_rule(report, rule):
    return [f for f in report.findings if f.rule == rule]


def test_hard_sentence_gets_a_verified_suggestion():
    report = audit_text(POLICY)
    hard = [f for f in _by_rule(report, "RD101") if "$10" in f.excerpt]
    assert hard, [f.rule for f in report.findings]
    f = hard[0]
    rw = f.extra["rewrite"]
    assert rw["verified"] is True
    assert rw["grade_after"] < rw["grade_before"]
    assert {c["check"] for c in rw["checks"]} >= {"numbers", "negations", "modals", "grade"}
    assert f.suggestion.startswith("You must pay $10 before the start of the Services.")
    assert "help@acme.com" in f.suggestion and "14 days" in f.suggestion
    assert "Plainer version" in f.message
    assert report.text[f.start : f.end] == f.excerpt


def test_legalese_sentence_without_other_finding_gets_pl501():
    report = audit_text(POLICY)
    pl = [f for f in _by_rule(report, "PL501") if "hereby" in f.excerpt]
    assert len(pl) == 1
    assert pl[0].suggestion == "You agree to follow these terms."
    assert "'hereby'" in pl[0].message
    assert report.text[pl[0].start : pl[0].end] == pl[0].excerpt


def test_rule_selection_and_switch_are_respected():
    report = audit_text(POLICY, Config(ignore=("PL501", "PL502")))
    assert not [f for f in report.findings if f.rule.startswith("PL")]
    report = audit_text(POLICY, Config(rewrites=False))
    assert all(f.suggestion is None for f in report.findings if f.rule.startswith("RD"))


def test_rejected_rewrite_is_not_offered():
    from tosaudit.rewrite.engine import doc_info, rewrite_sentence

    text = "THE SERVICES ARE PROVIDED AS IS BY ACME AND YOU USE THEM AT YOUR OWN RISK."
    info = doc_info(text, [(0, len(text))])
    rw = rewrite_sentence(text, info)
    # Sentence case makes no Flesch-Kincaid difference, so the grade check fails.
    assert rw.changed and not rw.verified
    assert "grade" in rw.record()["failed"]
    assert rw.record()["rejected"]


def test_hostile_sentence_does_not_stall_the_stage():
    text = "You agree " + "that the fee " * 400_000 + "prior to use."
    t = time.perf_counter()
    report = audit_text(text)
    assert time.perf_counter() - t < 60
    assert report.error is None


def test_message_says_when_plainer_words_leave_the_grade_where_it_was():
    from tosaudit.models import Finding
    from tosaudit.rewrite import _with_rewrite
    from tosaudit.rewrite.engine import Rewrite

    f = Finding("PL501", "legalese", "info", "Legalese: 'prior to'.", "Plain words.", "check")
    same = Rewrite("a", ["b"], " ", [], verified=True, grade_before=9.12, grade_after=9.08)
    lower = Rewrite("a", ["b"], " ", [], verified=True, grade_before=9.1, grade_after=7.94)
    assert _with_rewrite(f, same).message.endswith("Plainer wording (grade 9.1 either way).")
    assert _with_rewrite(f, lower).message.endswith("Plainer version: grade 9.1 -> 7.9.")
