import json

from typer.testing import CliRunner

from govtext.cli import SAMPLE, app

runner = CliRunner()


def test_parse_prints_outline():
    r = runner.invoke(app, ["parse", str(SAMPLE), "--no-tokens"])
    assert r.exit_code == 0, r.output
    assert "一、2025年主要工作" in r.output and "L2" in r.output and "sentences" in r.output


def test_parse_json_round_trips():
    from govtext import Document

    r = runner.invoke(app, ["parse", str(SAMPLE), "--json"])
    assert r.exit_code == 0
    doc = Document.from_json(r.stdout)
    assert doc.title and doc.sentences[0].tokens
    assert json.loads(r.stdout)["title"] == doc.title


def test_bad_input_is_one_line_and_nonzero(tmp_path):
    r = runner.invoke(app, ["parse", str(tmp_path / "missing.txt")])
    assert r.exit_code == 2
    assert "Traceback" not in r.output
    assert r.output.strip().startswith("govtext: error:") and len(r.output.strip().splitlines()) == 1
    empty = tmp_path / "e.txt"
    empty.write_text("", encoding="utf-8")
    r = runner.invoke(app, ["parse", str(empty)])
    assert r.exit_code == 2 and "empty" in r.output
