"""The command line: audit (formats, outputs, gating, errors), rules, explain, diff."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import distributed
import pytest

from tosaudit import batch, cli
from tosaudit.cli import main

SAMPLES = Path(__file__).resolve().parents[1] / "samples"

RENEWAL = (
    "Terms\n\n1. Renewal\n\nYour subscription renews automatically each month until you cancel. "
    "Contact: help@acme.com\n"
)
ARBITRATION = "\n\n2. Disputes\n\nAny dispute shall be resolved by binding arbitration.\n"
HARD = (
    "Notwithstanding anything to the contrary herein contained, the Company shall not, under "
    "any circumstances whatsoever, be liable to the Licensee for consequential damages.\n"
)


def test_audit_json_and_exit_codes(tmp_path, capsys):
    good = tmp_path / "policy.txt"
    good.write_text("We sell shoes. You can reach us at help@acme.com.\n")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    code = main(["audit", str(good), str(empty), "--format", "json", "--include-text"])
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert code == 2
    assert f"{empty}: error: the file is empty" in err
    docs = {d["source"]: d for d in data["documents"]}
    assert docs[str(good)]["text"].startswith("We sell shoes.")
    assert docs[str(empty)]["error"] == "the file is empty"
    assert "Traceback" not in err


def test_fail_on(tmp_path, capsys):
    p = tmp_path / "hard.txt"
    p.write_text(HARD)
    assert main(["audit", str(p), "--fail-on", "warning"]) == 1
    assert main(["audit", str(p)]) == 0
    # Readability rules only: warnings, no errors.
    assert main(["audit", str(p), "--select", "RD", "--fail-on", "error"]) == 0
    assert main(["audit", str(p), "--select", "RD", "--fail-on", "warning"]) == 1
    (tmp_path / ".tosaudit.toml").write_text('fail-on = "warning"\n')
    assert main(["audit", str(p)]) == 1  # the config can set the gate for CI


def test_usage_errors_exit_2(capsys, tmp_path):
    assert main(["audit"]) == 2
    assert main(["frobnicate"]) == 2
    assert main(["audit", str(tmp_path), "--format", "yaml"]) == 2
    assert main(["audit", str(tmp_path), "--workers", "0"]) == 2
    assert "--workers must be at least 1" in capsys.readouterr().err
    assert main(["audit", str(tmp_path), "--scheduler", "tcp://x:1"]) == 2
    assert "--scheduler needs --executor dask" in capsys.readouterr().err


def test_help_documents_exit_codes(capsys):
    assert main(["audit", "--help"]) == 0
    out = capsys.readouterr().out
    assert "exit codes:" in out and "--fail-on" in out and "PATH: error: MESSAGE" in out
    assert main(["--version"]) == 0


def test_config_errors_are_one_line(tmp_path, capsys):
    (tmp_path / ".tosaudit.toml").write_text("bogus-key = 1\n")
    p = tmp_path / "a.txt"
    p.write_text(RENEWAL)
    assert main(["audit", str(p)]) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"tosaudit: error: {tmp_path / '.tosaudit.toml'}: unknown key 'bogus-key'"
    assert main(["audit", str(p), "--config", str(tmp_path / "missing.toml")]) == 2
    assert "config file not found" in capsys.readouterr().err


def test_no_files_found(tmp_path, capsys):
    assert main(["audit", str(tmp_path)]) == 2
    assert "no files to audit" in capsys.readouterr().err


def test_one_bad_file_never_stops_the_batch(tmp_path, capsys, monkeypatch):
    paths = []
    for i in range(3):
        p = tmp_path / f"d{i}.txt"
        p.write_text(RENEWAL)
        paths.append(str(p))
    real = batch.audit_file

    def flaky(path, config=None):
        if str(path).endswith("d1.txt"):
            raise ValueError("kaboom")
        return real(path, config)

    monkeypatch.setattr(batch, "audit_file", flaky)
    code = main(["audit", *paths, "--format", "jsonl", "--workers", "1"])
    out, err = capsys.readouterr()
    assert code == 2
    lines = [json.loads(x) for x in out.splitlines()]
    assert [x["source"] for x in lines] == paths
    assert lines[1]["error"] == "internal error: ValueError: kaboom"
    assert lines[0]["error"] is None and lines[2]["findings"]
    assert f"{paths[1]}: error: internal error: ValueError: kaboom" in err
    assert "Traceback" not in err


def test_folders_parallel_jsonl_in_input_order(tmp_path, capsys):
    for name in ("b.md", "a.txt", "c.html", "sub/d.txt", "notes.png"):
        p = tmp_path / name
        p.parent.mkdir(exist_ok=True)
        p.write_text(RENEWAL if not name.endswith("html") else f"<html><body>{RENEWAL}</body>")
    assert main(["audit", str(tmp_path), "--format", "jsonl", "--workers", "2"]) == 0
    out, err = capsys.readouterr()
    names = [json.loads(x)["source"].removeprefix(str(tmp_path) + "/") for x in out.splitlines()]
    assert names == ["a.txt", "b.md", "c.html", "sub/d.txt"]
    assert "4 document(s) audited, 0 could not be read" in err
    assert "grades:" in err and "findings by category:" in err
    main(["audit", str(tmp_path), "--format", "jsonl", "--no-recursive", "--glob", "*.md"])
    assert len(capsys.readouterr().out.splitlines()) == 1


def test_quiet_prints_no_summary_and_no_progress(tmp_path, capsys):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(RENEWAL)
    assert main(["audit", str(tmp_path), "--quiet", "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert len(json.loads(out)["documents"]) == 3


def test_progress_only_on_a_terminal(tmp_path, capsys, monkeypatch):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(RENEWAL)
    seen = []
    monkeypatch.setattr(cli, "_progress", lambda enabled: seen.append(enabled))
    main(["audit", str(tmp_path), "--workers", "1"])
    assert seen == [False]  # pytest's stderr is not a TTY
    monkeypatch.setattr(cli.sys.stderr, "isatty", lambda: True, raising=False)
    main(["audit", str(tmp_path), "--workers", "1", "--quiet"])
    assert seen == [False, False]


def test_progress_bar_renders_on_a_terminal(tmp_path, capsys, monkeypatch):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(RENEWAL)
    (tmp_path / "9.txt").write_text("")
    monkeypatch.setattr(cli.sys.stderr, "isatty", lambda: True, raising=False)
    assert main(["audit", str(tmp_path), "--workers", "1", "--format", "jsonl"]) == 2
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 4  # the bar never leaks into the report
    assert f"{tmp_path / '9.txt'}: error: the file is empty" in err


def test_select_and_ignore(tmp_path, capsys):
    p = tmp_path / "a.txt"
    p.write_text(RENEWAL + ARBITRATION + HARD)
    main(["audit", str(p), "--format", "json", "--select", "RD101,RD104"])
    rules = {f["rule"] for f in json.loads(capsys.readouterr().out)["documents"][0]["findings"]}
    assert rules and rules <= {"RD101", "RD104"}
    main(["audit", str(p), "--format", "json", "--ignore", "RD", "--ignore", "CL201"])
    rules = {f["rule"] for f in json.loads(capsys.readouterr().out)["documents"][0]["findings"]}
    assert rules and not any(r.startswith("RD") or r == "CL201" for r in rules)


def test_preset_changes_targets(tmp_path, capsys):
    p = tmp_path / "a.txt"
    p.write_text(HARD * 2)  # the document-level check needs 30 words
    main(["audit", str(p), "--format", "json", "--preset", "ohio", "--select", "RD104"])
    msgs = [f["message"] for f in json.loads(capsys.readouterr().out)["documents"][0]["findings"]]
    assert msgs and "40" in msgs[0]


def test_output_file_and_csv(tmp_path, capsys):
    p = tmp_path / "a.txt"
    p.write_text(RENEWAL + ARBITRATION)
    out = tmp_path / "report.csv"
    assert main(["audit", str(p), "--format", "csv", "--output", str(out)]) == 0
    assert capsys.readouterr().out == ""
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert {r["category"] for r in rows} >= {"auto_renewal", "arbitration"}
    assert all(r["document"] == str(p) for r in rows)


def test_output_dir_writes_one_report_per_document(tmp_path, capsys):
    src = tmp_path / "src"
    (src / "x").mkdir(parents=True)
    (src / "terms.txt").write_text(RENEWAL)
    (src / "x" / "terms.txt").write_text(RENEWAL + ARBITRATION)
    dest = tmp_path / "reports"
    assert main(["audit", str(src), "--format", "html", "--output", f"{dest}/"]) == 0
    assert sorted(p.name for p in dest.iterdir()) == ["terms.txt-2.html", "terms.txt.html"]
    assert "binding arbitration" in (dest / "terms.txt-2.html").read_text()


def test_output_to_unwritable_place(tmp_path, capsys):
    p = tmp_path / "a.txt"
    p.write_text(RENEWAL)
    assert main(["audit", str(p), "--output", str(tmp_path / "no" / "such" / "r.json")]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_sarif_from_the_cli_lists_config_pattern_rules(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".tosaudit.toml").write_text(
        '[[patterns]]\ncode = "ACME1"\nname = "old-name"\nkind = "existence"\n'
        'tokens = ["Acme Corp"]\nmessage = "Say Acme."\n'
    )
    (tmp_path / "a.md").write_text("# Terms\n\nBuy from Acme Corp.\n")
    assert main(["audit", "a.md", "--format", "sarif"]) == 0
    run = json.loads(capsys.readouterr().out)["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    res = next(r for r in run["results"] if r["ruleId"] == "ACME1")
    assert ids[res["ruleIndex"]] == "ACME1"
    loc = res["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "a.md"
    assert loc["region"] == {
        "startLine": 3,
        "startColumn": 10,
        "endLine": 3,
        "endColumn": 19,
        "snippet": {"text": "Acme Corp"},
    }


def test_verbose_reports_config_and_timings(tmp_path, capsys):
    p = tmp_path / "a.txt"
    p.write_text(RENEWAL)
    main(["audit", str(p), "--verbose"])
    err = capsys.readouterr().err
    assert "tosaudit: config: defaults" in err
    assert f"{p}: " in err and " ms" in err and "documents/s" in err


def test_rules_and_explain(capsys):
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[:4] == ["CODE", "NAME", "SEVERITY", "CATEGORY"]
    assert "RD101" in out and "hard-sentence" in out
    assert main(["rules", "--format", "json"]) == 0
    rules = json.loads(capsys.readouterr().out)
    assert {"code", "name", "category", "severity", "description"} <= set(rules[0])
    assert main(["explain", "rd101"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("RD101 hard-sentence") and "Flesch-Kincaid" in out
    assert main(["explain", "NOPE9"]) == 2
    assert "unknown rule 'NOPE9'" in capsys.readouterr().err


def test_diff_text_and_json(tmp_path, capsys):
    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    old.write_text(RENEWAL + ARBITRATION)
    # Same renewal clause re-spaced under a renumbered heading (not a change), arbitration
    # dropped, a liability clause added.
    renewal = RENEWAL.replace("1. Renewal", "4. Renewal").replace("each month ", "each  month ")
    new.write_text(renewal + "\n\n3. Liability\n\n" + HARD)
    assert main(["diff", str(old), str(new), "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert [c["category"] for c in d["clauses_removed"]] == ["arbitration"]
    assert "auto_renewal" not in [c["category"] for c in d["clauses_added"]]
    assert "limitation_of_liability" in [c["category"] for c in d["clauses_added"]]
    assert d["readability"]["words"]["change"] > 0
    assert main(["diff", str(old), str(new)]) == 0
    out = capsys.readouterr().out
    assert "Unfavourable clauses removed: 1" in out and "- [arbitration]" in out
    assert "Readability: reading ease" in out
    assert main(["diff", str(old), str(new), "--fail-on-added"]) == 1
    assert main(["diff", str(new), str(new), "--fail-on-added"]) == 0
    assert main(["diff", str(old), str(tmp_path / "gone.txt")]) == 2
    assert f"{tmp_path / 'gone.txt'}: error: no such file" in capsys.readouterr().err


@pytest.mark.enable_socket
def test_dask_executor_from_the_cli(tmp_path, capsys):
    for i in range(4):
        (tmp_path / f"{i}.txt").write_text(RENEWAL * (i + 1))
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as cluster:
        code = main(
            [
                "audit",
                str(tmp_path),
                "--format",
                "jsonl",
                "--executor",
                "dask",
                "--scheduler",
                cluster.scheduler_address,
            ]
        )
    out, err = capsys.readouterr()
    assert code == 0, err
    assert [json.loads(x)["source"] for x in out.splitlines()] == [
        str(tmp_path / f"{i}.txt") for i in range(4)
    ]


@pytest.mark.enable_socket
def test_dask_unreachable_scheduler_is_one_line(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(RENEWAL)
    code = main(
        ["audit", str(tmp_path / "a.txt"), "--executor", "dask", "--scheduler", "tcp://127.0.0.1:1"]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("tosaudit: error: cannot reach the Dask scheduler tcp://127.0.0.1:1")
    assert "Traceback" not in err


def test_pre_commit_hook_definition(tmp_path, capsys):
    import re
    import shlex
    from pathlib import Path

    import yaml

    hook = yaml.safe_load((Path(__file__).parents[1] / ".pre-commit-hooks.yaml").read_text())[0]
    assert hook["id"] == "tosaudit" and hook["entry"].startswith("tosaudit audit")
    files = re.compile(hook["files"])
    for path in (
        "legal/terms.md",
        "docs/privacy-policy.html",
        "Terms_of_Service.pdf",
        "site/refunds.docx",
        "policies/2024/shipping.txt",
        "COOKIE-POLICY.MD",
    ):
        assert files.search(path), path
    for path in ("src/app.py", "README.md", "policies/logo.png", "docs/intro.txt"):
        assert not files.search(path), path
    # pre-commit runs `entry args FILES...`: the command line must parse and run.
    doc = tmp_path / "terms.md"
    doc.write_text("# Terms\n\nYou can cancel at any time. Email help@acme.com.\n")
    argv = shlex.split(hook["entry"])[1:] + hook.get("args", []) + [str(doc)]
    assert main(argv) in (0, 1)
    assert capsys.readouterr().err == ""


def test_a_bug_outside_any_document_is_one_line(tmp_path, capsys, monkeypatch):
    (tmp_path / "a.txt").write_text(RENEWAL)

    def broken(*_a, **_k):
        raise RuntimeError("registry exploded")

    monkeypatch.setattr(batch, "collect", broken)
    assert main(["audit", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err == "tosaudit: error: internal error: RuntimeError: registry exploded\n"


class _Stdin:
    """Stands in for sys.stdin: only ``.buffer`` is read."""

    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_audit_reads_standard_input(tmp_path, capsys, monkeypatch):
    (tmp_path / "b.txt").write_text(ARBITRATION, encoding="utf-8")
    monkeypatch.setattr("sys.stdin", _Stdin(RENEWAL.encode()))
    code = main(["audit", str(tmp_path / "b.txt"), "-", "--format", "json", "--quiet"])
    assert code == 0
    docs = json.loads(capsys.readouterr().out)["documents"]
    # Standard input comes first, under its default name, then the named files in order.
    assert [d["source"] for d in docs] == ["<stdin>", str(tmp_path / "b.txt")]
    assert any(f["category"] == "auto_renewal" for f in docs[0]["findings"])


def test_standard_input_name_and_sniffed_format(capsys, monkeypatch):
    pdf = (SAMPLES / "hidden-autorenewal.pdf").read_bytes()
    monkeypatch.setattr("sys.stdin", _Stdin(pdf))
    code = main(["audit", "-", "--stdin-name", "upload", "--format", "json", "--quiet"])
    assert code == 0
    (doc,) = json.loads(capsys.readouterr().out)["documents"]
    assert doc["source"] == "upload" and doc["error"] is None
    assert any(f["category"] == "auto_renewal" and f["page"] == 4 for f in doc["findings"])


def test_standard_input_errors_are_one_line(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", _Stdin(b""))
    assert main(["audit", "-", "--quiet"]) == 2
    assert capsys.readouterr().err.strip() == "<stdin>: error: the file is empty"
    monkeypatch.setattr("sys.stdin", _Stdin(b"x"))
    assert main(["audit", "-", "-"]) == 2
    assert "only once" in capsys.readouterr().err


def test_standard_input_over_the_size_limit(tmp_path, capsys, monkeypatch):
    (tmp_path / "small.toml").write_text("[tool.tosaudit]\nmax_bytes = 1000\n", encoding="utf-8")
    monkeypatch.setattr("sys.stdin", _Stdin(b"word " * 1000))
    code = main(["audit", "-", "--config", str(tmp_path / "small.toml"), "--quiet"])
    assert code == 2
    assert "limit" in capsys.readouterr().err


def test_broken_pipe_ends_quietly(tmp_path, capsys, monkeypatch):
    (tmp_path / "a.txt").write_text(RENEWAL, encoding="utf-8")

    class Closed(io.StringIO):
        def write(self, s: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr("sys.stdout", Closed())
    assert main(["audit", str(tmp_path / "a.txt"), "--format", "json", "--quiet"]) == 0
    assert "error" not in capsys.readouterr().err


def test_no_rewrites_flag(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(HARD, encoding="utf-8")
    assert main(["audit", str(tmp_path / "a.txt"), "--format", "json", "--quiet"]) == 0
    with_rw = json.loads(capsys.readouterr().out)["documents"][0]["findings"]
    assert any(f["suggestion"] for f in with_rw)
    args = ["audit", str(tmp_path / "a.txt"), "--format", "json", "--quiet", "--no-rewrites"]
    assert main(args) == 0
    without = json.loads(capsys.readouterr().out)["documents"][0]["findings"]
    assert not any(f["suggestion"] for f in without)
    # The flag overrides the config file's setting in both directions.
    (tmp_path / ".tosaudit.toml").write_text("rewrites = false\n", encoding="utf-8")
    assert (
        main(["audit", str(tmp_path / "a.txt"), "--format", "json", "--quiet", "--rewrites"]) == 0
    )
    assert any(
        f["suggestion"] for f in json.loads(capsys.readouterr().out)["documents"][0]["findings"]
    )


def test_text_report_on_a_terminal_prints_each_error_once(tmp_path, capsys, monkeypatch):
    gone = tmp_path / "gone.txt"
    monkeypatch.setattr(cli.sys.stdout, "isatty", lambda: True, raising=False)
    assert main(["audit", str(gone)]) == 2
    out, err = capsys.readouterr()
    line = f"{gone}: error: no such file"
    assert (out + err).count(line) == 1
    monkeypatch.setattr(cli.sys.stdout, "isatty", lambda: False, raising=False)
    assert main(["audit", str(gone)]) == 2  # redirected: stderr still says it
    assert line in capsys.readouterr().err
