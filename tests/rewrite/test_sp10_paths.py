"""sp10's shortcuts in the rewrite stage against the plain code they replace.

- ``actors._actions_cached`` looks for passives only where "by " (in any case) is in the text:
  without it no passive has an agent, so the actions are those of the full reading;
- ``attach_suggestions`` builds the record of a rewrite attached to two findings once: both
  findings hold what ``Rewrite.record()`` gives.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from tosaudit.api import audit_text
from tosaudit.rewrite import actors
from tosaudit.rewrite.engine import Rewrite
from tosaudit.rewrite.transforms import find_passives

# Passives with and without an agent, "by" in every case and before other white space, and
# the words around them (names, pronouns, modals) that the actions read.
_PIECES = [
    "Fees will be charged ",
    "is provided ",
    "was sent ",
    "have been removed ",
    "by us",
    "BY US",
    "By Acme",
    "bY you",
    "by\u00a0us",
    "by\tthem",
    "by",
    "BY",
    "nearby ",
    "Acme Labs",
    "We may end ",
    "you agree ",
    "\u2019s ",
    " ",
    ", ",
    ". ",
    "the User ",
    "Spotify provides ",
]


def _agent_passives(text: str) -> list[str]:
    """The passives of ``text`` that ``_actions_cached`` reads an agent after: its loop over
    the passives goes on to the agent only past this test."""
    return [
        m.group(0)
        for m in find_passives(text)
        if text[m.end() : m.end() + 60].lstrip()[:3].lower() == "by "
    ]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join))
def test_no_by_no_agent(text: str) -> None:
    if "by " not in text.lower():
        assert _agent_passives(text) == []


def test_passive_agent_kept() -> None:
    acts = actors.actions("Fees will be charged by us.")
    assert ("we", "charge", True) in acts
    assert actors.actions("Fees will be charged BY US.", shouted=True)
    assert not [a for a in actors.actions("Fees will be charged nearby.") if a[1] == "charge"]


_LONG_HARD = (
    "Notwithstanding anything to the contrary herein, the Company shall be entitled, in its "
    "sole discretion and without prior notice to the User, to suspend or terminate the account "
    "of any User who is determined by the Company to have violated these Terms or any "
    "applicable law, regulation or policy in connection with the Services, and the Company "
    "shall not be liable to the User or any third party for any such suspension or "
    "termination, howsoever arising, including any loss of data or content thereby caused."
)
_POLICY = (
    'These terms are between Acme Ltd (the "Company", "we", "us") and you (the "User", '
    '"you").\n\n' + _LONG_HARD + "\n"
)


def test_one_record_for_two_findings(monkeypatch) -> None:
    built: list[tuple[Rewrite, dict]] = []
    record = Rewrite.record

    def spy(self: Rewrite) -> dict:
        rec = record(self)
        built.append((self, rec))
        return rec

    monkeypatch.setattr(Rewrite, "record", spy)
    report = audit_text(_POLICY)
    by_span: dict[tuple[int, int], list] = {}
    for f in report.findings:
        if f.rule in ("RD101", "RD102"):
            by_span.setdefault((f.start, f.end), []).append(f)
    pairs = [fs for fs in by_span.values() if len(fs) == 2]
    assert pairs, "a sentence both hard and long"
    for a, b in pairs:
        assert a.extra["rewrite"] is b.extra["rewrite"]
        # built once, and as the rewrite's record reads now
        made = [(rw, rec) for rw, rec in built if rec is a.extra["rewrite"]]
        assert len(made) == 1
        assert record(made[0][0]) == a.extra["rewrite"]
    assert len({id(rw) for rw, _ in built}) == len(built)  # one record per rewrite
