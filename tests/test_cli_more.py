import json

import pytest
from typer.testing import CliRunner

from govtext.cli import SAMPLE, app

runner = CliRunner()


def test_tag_prints_themes_and_profile():
    r = runner.invoke(app, ["tag", str(SAMPLE)])
    assert r.exit_code == 0, r.output
    assert "主题分布" in r.output and "党风廉政" in r.output
    r = runner.invoke(app, ["tag", str(SAMPLE), "--json"])
    data = json.loads(r.stdout)
    assert data["sentences"] and data["profile"]["kind"] == "work_summary"


def test_facts_and_fill(tmp_path):
    src = tmp_path / "d.txt"
    src.write_text("累计撰写调研报告*多篇，办理批示件XX件，增长12.5%。", encoding="utf-8")
    r = runner.invoke(app, ["facts", str(src), "--json"])
    data = json.loads(r.stdout)
    assert [f["text"] for f in data["figures"]] == ["12.5%"] and len(data["placeholders"]) == 2
    notes = tmp_path / "n.txt"
    notes.write_text("撰写调研报告 30篇\n", encoding="utf-8")
    out = tmp_path / "o.txt"
    r = runner.invoke(app, ["fill", str(src), "--facts", str(notes), "-o", str(out)])
    assert r.exit_code == 1  # one placeholder left unfilled
    assert "30多篇" in out.read_text(encoding="utf-8") and "unfilled 1" in r.output


def test_outline_and_draft():
    r = runner.invoke(app, ["outline", "--kind", "duty_report", "--year", "2025"])
    assert r.exit_code == 0 and "一、" in r.stdout
    r = runner.invoke(app, ["draft", "--theme", "integrity", "--fact", "开展廉政警示教育 6次", "--fact", "签订责任书 42份",
                            "--engine", "template", "--json"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["check"]["ok"] and d["engine"] == "template" and "42份" in d["text"]
    r = runner.invoke(app, ["draft", "--theme", "integrity"])
    assert r.exit_code != 0


@pytest.mark.slow
def test_search_and_phrases():
    r = runner.invoke(app, ["search", "落实廉政责任", "--theme", "integrity", "-k", "3", "--json"])
    assert r.exit_code == 0, r.output
    hits = json.loads(r.stdout)
    assert len(hits) == 3 and all(h["theme"] == "integrity" for h in hits)
    r = runner.invoke(app, ["phrases", "--theme", "integrity", "--top", "5"])
    assert r.exit_code == 0 and "四字表达" in r.output
    r = runner.invoke(app, ["search", "落实", "--theme", "bogus"])
    assert r.exit_code == 2 and "unknown theme" in r.output
