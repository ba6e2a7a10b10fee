import json

from tosaudit.cli import main


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
    p.write_text(
        "Notwithstanding anything to the contrary herein contained, the Company shall not, under "
        "any circumstances whatsoever, be liable to the Licensee for consequential damages.\n"
    )
    assert main(["audit", str(p), "--fail-on", "warning"]) == 1
    assert main(["audit", str(p)]) == 0
